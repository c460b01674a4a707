/* crm-entity-object.c — model objects whose properties are generated from the store's column
 * table, so every column is a bindable property and notifies only on a real change. */
#include "config.h"

#include <string.h>

#include "crm-activity.h"
#include "crm-company.h"
#include "crm-contact.h"
#include "crm-deal.h"
#include "crm-entity-object.h"
#include "crm-pipeline.h"
#include "crm-stage.h"
#include "crm-store-schema.h"

typedef struct
{
  gpointer record;
} CrmEntityObjectPrivate;

enum
{
  PROP_0,
  PROP_ID,
  PROP_UUID,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (CrmEntityObject, crm_entity_object, G_TYPE_OBJECT)

#define MEMBER CRM_FIELD_MEMBER

static const CrmEntityInfo *
entity_info_of (CrmEntityObject *self)
{
  return crm_store_get_entity_info (CRM_ENTITY_OBJECT_GET_CLASS (self)->entity);
}

static gpointer
record_of (CrmEntityObject *self)
{
  CrmEntityObjectPrivate *priv = crm_entity_object_get_instance_private (self);
  return priv->record;
}

static void
crm_entity_object_finalize (GObject *object)
{
  CrmEntityObject *self = CRM_ENTITY_OBJECT (object);
  CrmEntityObjectPrivate *priv = crm_entity_object_get_instance_private (self);

  crm_record_free (CRM_ENTITY_OBJECT_GET_CLASS (self)->entity, priv->record);
  G_OBJECT_CLASS (crm_entity_object_parent_class)->finalize (object);
}

static void
field_to_value (const CrmFieldInfo *field, gconstpointer record, GValue *value)
{
  switch (field->type)
    {
      case CRM_FIELD_TEXT:
        g_value_set_string (value, MEMBER (record, field, char *));
        break;
      case CRM_FIELD_INT:
      case CRM_FIELD_ENUM:
      case CRM_FIELD_OPT_INT:
        g_value_set_int (value, MEMBER (record, field, int));
        break;
      case CRM_FIELD_BOOL:
        g_value_set_boolean (value, MEMBER (record, field, gboolean));
        break;
      case CRM_FIELD_INT64:
      case CRM_FIELD_REF:
      case CRM_FIELD_TIME:
        g_value_set_int64 (value, MEMBER (record, field, gint64));
        break;
      default:
        g_assert_not_reached ();
    }
}

/* Copies one field from @source into @target; TRUE when the value changed. */
static gboolean
copy_field (const CrmFieldInfo *field, gpointer target, gconstpointer source)
{
  switch (field->type)
    {
      case CRM_FIELD_TEXT:
        {
          const char *new_text = MEMBER (source, field, char *);
          if (g_strcmp0 (MEMBER (target, field, char *), new_text) == 0)
            return FALSE;
          g_free (MEMBER (target, field, char *));
          MEMBER (target, field, char *) = g_strdup (new_text);
          return TRUE;
        }
      case CRM_FIELD_INT:
      case CRM_FIELD_ENUM:
      case CRM_FIELD_OPT_INT:
      case CRM_FIELD_BOOL:
        if (MEMBER (target, field, int) == MEMBER (source, field, int))
          return FALSE;
        MEMBER (target, field, int) = MEMBER (source, field, int);
        return TRUE;
      case CRM_FIELD_INT64:
      case CRM_FIELD_REF:
      case CRM_FIELD_TIME:
        if (MEMBER (target, field, gint64) == MEMBER (source, field, gint64))
          return FALSE;
        MEMBER (target, field, gint64) = MEMBER (source, field, gint64);
        return TRUE;
      default:
        g_assert_not_reached ();
    }
}

static gboolean
value_to_field (const CrmFieldInfo *field, gpointer record, const GValue *value)
{
  switch (field->type)
    {
      case CRM_FIELD_TEXT:
        {
          const char *text = g_value_get_string (value);
          if (g_strcmp0 (MEMBER (record, field, char *), text) == 0)
            return FALSE;
          g_free (MEMBER (record, field, char *));
          MEMBER (record, field, char *) = g_strdup (text);
          return TRUE;
        }
      case CRM_FIELD_INT:
      case CRM_FIELD_ENUM:
      case CRM_FIELD_OPT_INT:
        if (MEMBER (record, field, int) == g_value_get_int (value))
          return FALSE;
        MEMBER (record, field, int) = g_value_get_int (value);
        return TRUE;
      case CRM_FIELD_BOOL:
        if (MEMBER (record, field, gboolean) == (g_value_get_boolean (value) != FALSE))
          return FALSE;
        MEMBER (record, field, gboolean) = g_value_get_boolean (value) != FALSE;
        return TRUE;
      default:
        if (MEMBER (record, field, gint64) == g_value_get_int64 (value))
          return FALSE;
        MEMBER (record, field, gint64) = g_value_get_int64 (value);
        return TRUE;
    }
}

static void
crm_entity_object_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  CrmEntityObject *self = CRM_ENTITY_OBJECT (object);
  const CrmRecordHeader *header = record_of (self);

  if (pspec->owner_type == CRM_TYPE_ENTITY_OBJECT)
    {
      if (prop_id == PROP_ID)
        g_value_set_int64 (value, header->id);
      else if (prop_id == PROP_UUID)
        g_value_set_string (value, header->uuid);
      else
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      return;
    }
  field_to_value (&entity_info_of (self)->fields[prop_id - 1], record_of (self), value);
}

static void
crm_entity_object_set_property (GObject *object,
                                guint prop_id,
                                const GValue *value,
                                GParamSpec *pspec)
{
  CrmEntityObject *self = CRM_ENTITY_OBJECT (object);

  if (pspec->owner_type == CRM_TYPE_ENTITY_OBJECT)
    {
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      return;
    }
  if (value_to_field (&entity_info_of (self)->fields[prop_id - 1], record_of (self), value))
    g_object_notify_by_pspec (object, pspec);
}

/* An object made with g_object_new() alone starts as an empty record of its entity. */
static void
crm_entity_object_constructed (GObject *object)
{
  CrmEntityObject *self = CRM_ENTITY_OBJECT (object);
  CrmEntityObjectPrivate *priv = crm_entity_object_get_instance_private (self);

  G_OBJECT_CLASS (crm_entity_object_parent_class)->constructed (object);
  priv->record = crm_record_new (CRM_ENTITY_OBJECT_GET_CLASS (self)->entity);
}

static void
crm_entity_object_class_init (CrmEntityObjectClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = crm_entity_object_constructed;
  object_class->finalize = crm_entity_object_finalize;
  object_class->get_property = crm_entity_object_get_property;
  object_class->set_property = crm_entity_object_set_property;

  properties[PROP_ID] = g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0,
                                            G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_UUID]
      = g_param_spec_string ("uuid", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
crm_entity_object_init (CrmEntityObject *self)
{
}

void
crm_entity_object_class_install_fields (CrmEntityObjectClass *klass, CrmEntity entity)
{
  const CrmEntityInfo *info = crm_store_get_entity_info (entity);
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags writable_flags
      = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_NICK | G_PARAM_STATIC_BLURB;

  /* GObject does not inherit these two: each class that installs properties needs them. */
  object_class->get_property = crm_entity_object_get_property;
  object_class->set_property = crm_entity_object_set_property;
  klass->entity = entity;
  klass->n_field_properties = info->n_fields;
  klass->field_properties = g_new0 (GParamSpec *, info->n_fields);
  for (guint i = 0; i < info->n_fields; i++)
    {
      const CrmFieldInfo *field = &info->fields[i];
      g_autofree char *name = g_strdelimit (g_strdup (field->column), "_", '-');
      /* What the database keeps itself cannot be set. */
      GParamFlags flags = field->derived ? (writable_flags & ~G_PARAM_WRITABLE) : writable_flags;
      GParamSpec *pspec;

      switch (field->type)
        {
          case CRM_FIELD_TEXT:
            pspec = g_param_spec_string (name, NULL, NULL, NULL, flags);
            break;
          case CRM_FIELD_INT:
            pspec = g_param_spec_int (name, NULL, NULL, G_MININT, G_MAXINT, 0, flags);
            break;
          case CRM_FIELD_ENUM:
            pspec = g_param_spec_int (name, NULL, NULL, 0,
                                      (int) g_strv_length ((char **) field->names) - 1, 0, flags);
            break;
          case CRM_FIELD_OPT_INT:
            pspec = g_param_spec_int (name, NULL, NULL, -1, G_MAXINT, -1, flags);
            break;
          case CRM_FIELD_BOOL:
            pspec = g_param_spec_boolean (name, NULL, NULL, FALSE, flags);
            break;
          default:
            pspec = g_param_spec_int64 (name, NULL, NULL, G_MININT64, G_MAXINT64, 0, flags);
            break;
        }
      klass->field_properties[i] = pspec;
      g_object_class_install_property (object_class, i + 1, pspec);
    }
}

CrmEntity
crm_entity_object_get_entity (CrmEntityObject *self)
{
  g_return_val_if_fail (CRM_IS_ENTITY_OBJECT (self), 0);
  return CRM_ENTITY_OBJECT_GET_CLASS (self)->entity;
}

gint64
crm_entity_object_get_id (CrmEntityObject *self)
{
  g_return_val_if_fail (CRM_IS_ENTITY_OBJECT (self), 0);
  return ((const CrmRecordHeader *) record_of (self))->id;
}

const char *
crm_entity_object_get_uuid (CrmEntityObject *self)
{
  g_return_val_if_fail (CRM_IS_ENTITY_OBJECT (self), NULL);
  return ((const CrmRecordHeader *) record_of (self))->uuid;
}

gconstpointer
crm_entity_object_get_record (CrmEntityObject *self)
{
  g_return_val_if_fail (CRM_IS_ENTITY_OBJECT (self), NULL);
  return record_of (self);
}

gpointer
crm_entity_object_dup_record (CrmEntityObject *self)
{
  g_return_val_if_fail (CRM_IS_ENTITY_OBJECT (self), NULL);
  return crm_record_copy (crm_entity_object_get_entity (self), record_of (self));
}

void
crm_entity_object_update_from_record (CrmEntityObject *self, gconstpointer record)
{
  CrmEntityObjectClass *klass;
  const CrmEntityInfo *info;
  CrmRecordHeader *header;
  const CrmRecordHeader *source = record;

  g_return_if_fail (CRM_IS_ENTITY_OBJECT (self));
  g_return_if_fail (record != NULL);

  klass = CRM_ENTITY_OBJECT_GET_CLASS (self);
  info = crm_store_get_entity_info (klass->entity);
  header = record_of (self);

  g_object_freeze_notify (G_OBJECT (self));
  if (header->id != source->id)
    {
      header->id = source->id;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
    }
  if (g_strcmp0 (header->uuid, source->uuid) != 0)
    {
      g_free (header->uuid);
      header->uuid = g_strdup (source->uuid);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UUID]);
    }
  for (guint i = 0; i < info->n_fields; i++)
    if (copy_field (&info->fields[i], header, record))
      g_object_notify_by_pspec (G_OBJECT (self), klass->field_properties[i]);
  g_object_thaw_notify (G_OBJECT (self));
}

CrmEntityObject *
crm_entity_object_new_for_record (CrmEntity entity, gconstpointer record)
{
  GType type = crm_entity_object_type_for_entity (entity);
  CrmEntityObject *self;
  CrmEntityObjectPrivate *priv;

  g_return_val_if_fail (type != G_TYPE_INVALID, NULL);
  g_return_val_if_fail (record != NULL, NULL);

  self = g_object_new (type, NULL);
  priv = crm_entity_object_get_instance_private (self);
  crm_record_free (entity, priv->record);
  priv->record = crm_record_copy (entity, record);
  return self;
}

GType
crm_entity_object_type_for_entity (CrmEntity entity)
{
  switch (entity)
    {
      case CRM_ENTITY_COMPANY:
        return CRM_TYPE_COMPANY;
      case CRM_ENTITY_CONTACT:
        return CRM_TYPE_CONTACT;
      case CRM_ENTITY_PIPELINE:
        return CRM_TYPE_PIPELINE;
      case CRM_ENTITY_STAGE:
        return CRM_TYPE_STAGE;
      case CRM_ENTITY_DEAL:
        return CRM_TYPE_DEAL;
      case CRM_ENTITY_ACTIVITY:
        return CRM_TYPE_ACTIVITY;
      default:
        return G_TYPE_INVALID;
    }
}

/* crm-store-schema.h — how each entity's record maps to its table: the columns, their types and
 * where each lives in the record. The store writes rows with it; the core builds GObject
 * properties from it, so a column added here reaches both. */
#pragma once

#include "crm-store.h"

G_BEGIN_DECLS

/* The member of @record that @field describes, as an lvalue of type @Type. */
#define CRM_FIELD_MEMBER(record, field, Type) (*(Type *) ((guint8 *) (record) + (field)->offset))

typedef enum
{
  CRM_FIELD_TEXT,    /* char *, NULL <-> NULL */
  CRM_FIELD_INT,     /* int */
  CRM_FIELD_BOOL,    /* gboolean <-> 0/1 */
  CRM_FIELD_INT64,   /* gint64 */
  CRM_FIELD_REF,     /* gint64 rowid, 0 <-> NULL */
  CRM_FIELD_TIME,    /* gint64 unix seconds, 0 <-> NULL */
  CRM_FIELD_ENUM,    /* int index into names[] <-> its text */
  CRM_FIELD_OPT_INT, /* int, -1 <-> NULL */
} CrmFieldType;

typedef struct
{
  const char *column;
  CrmFieldType type;
  gsize offset;
  const char *const *names; /* CRM_FIELD_ENUM only, NULL-terminated */
  /* Kept by the database itself (triggers): read like any column, never written by the store
   * and not in the change log (e.g. a contact's company name). */
  gboolean derived;
} CrmFieldInfo;

typedef gboolean (*CrmValidateFunc) (CrmStore *self, gconstpointer record, GError **error);

typedef struct
{
  CrmEntity entity;
  const char *table;
  gsize record_size;
  const CrmFieldInfo *fields;
  guint n_fields;
  CrmValidateFunc validate;
} CrmEntityInfo;

const CrmEntityInfo *
crm_store_get_entity_info (CrmEntity entity);

G_END_DECLS

/* crm-store-records.c — the typed create/read/update/delete functions of every entity.
 *
 * One generic path, driven by the entity descriptions of crm-store-schema.c, turns records
 * into rows and back, so every entity is written the same careful way: validated, inside a
 * transaction, with the old row kept for the change signal. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "crm-fractional-index.h"
#include "crm-store-private.h"

#define MEMBER CRM_FIELD_MEMBER

/* ---- Rows <-> records ------------------------------------------------------------------- */

static int
enum_from_text (const char *const *names, const char *text)
{
  for (int i = 0; text != NULL && names[i] != NULL; i++)
    if (strcmp (names[i], text) == 0)
      return i;
  return 0;
}

static void
bind_field (sqlite3_stmt *statement, int index, const CrmFieldInfo *field, gconstpointer record)
{
  switch (field->type)
    {
      case CRM_FIELD_TEXT:
        {
          const char *text = MEMBER (record, field, char *);
          if (text != NULL)
            sqlite3_bind_text (statement, index, text, -1, SQLITE_TRANSIENT);
          else
            sqlite3_bind_null (statement, index);
        }
        break;
      case CRM_FIELD_INT:
        sqlite3_bind_int (statement, index, MEMBER (record, field, int));
        break;
      case CRM_FIELD_BOOL:
        sqlite3_bind_int (statement, index, MEMBER (record, field, gboolean) ? 1 : 0);
        break;
      case CRM_FIELD_INT64:
        sqlite3_bind_int64 (statement, index, MEMBER (record, field, gint64));
        break;
      case CRM_FIELD_REF:
      case CRM_FIELD_TIME:
        if (MEMBER (record, field, gint64) != 0)
          sqlite3_bind_int64 (statement, index, MEMBER (record, field, gint64));
        else
          sqlite3_bind_null (statement, index);
        break;
      case CRM_FIELD_ENUM:
        sqlite3_bind_text (statement, index, field->names[MEMBER (record, field, int)], -1,
                           SQLITE_STATIC);
        break;
      case CRM_FIELD_OPT_INT:
        if (MEMBER (record, field, int) >= 0)
          sqlite3_bind_int (statement, index, MEMBER (record, field, int));
        else
          sqlite3_bind_null (statement, index);
        break;
      default:
        g_assert_not_reached ();
    }
}

static void
read_field (sqlite3_stmt *statement, int column, const CrmFieldInfo *field, gpointer record)
{
  gboolean is_null = sqlite3_column_type (statement, column) == SQLITE_NULL;

  switch (field->type)
    {
      case CRM_FIELD_TEXT:
        g_free (MEMBER (record, field, char *));
        MEMBER (record, field, char *)
            = is_null ? NULL : g_strdup ((const char *) sqlite3_column_text (statement, column));
        break;
      case CRM_FIELD_INT:
        MEMBER (record, field, int) = sqlite3_column_int (statement, column);
        break;
      case CRM_FIELD_BOOL:
        MEMBER (record, field, gboolean) = sqlite3_column_int (statement, column) != 0;
        break;
      case CRM_FIELD_INT64:
      case CRM_FIELD_REF:
      case CRM_FIELD_TIME:
        MEMBER (record, field, gint64) = sqlite3_column_int64 (statement, column);
        break;
      case CRM_FIELD_ENUM:
        MEMBER (record, field, int)
            = enum_from_text (field->names, (const char *) sqlite3_column_text (statement, column));
        break;
      case CRM_FIELD_OPT_INT:
        MEMBER (record, field, int) = is_null ? -1 : sqlite3_column_int (statement, column);
        break;
      default:
        g_assert_not_reached ();
    }
}

void
crm_store_read_record (const CrmEntityInfo *info,
                       sqlite3_stmt *statement,
                       int first_column,
                       gpointer record)
{
  CrmRecordHeader *header = record;

  header->id = sqlite3_column_int64 (statement, first_column);
  g_free (header->uuid);
  header->uuid = g_strdup ((const char *) sqlite3_column_text (statement, first_column + 1));
  for (guint i = 0; i < info->n_fields; i++)
    read_field (statement, first_column + 2 + (int) i, &info->fields[i], record);
}

/* Binds field i to ?(i + 3), leaving out the fields the database keeps itself. */
static void
bind_written_fields (sqlite3_stmt *statement, const CrmEntityInfo *info, gconstpointer record)
{
  for (guint i = 0; i < info->n_fields; i++)
    if (!info->fields[i].derived)
      bind_field (statement, (int) i + 3, &info->fields[i], record);
}

static char *
column_list (const CrmEntityInfo *info)
{
  GString *sql = g_string_new ("id, uuid");

  for (guint i = 0; i < info->n_fields; i++)
    g_string_append_printf (sql, ", %s", info->fields[i].column);
  return g_string_free (sql, FALSE);
}

GPtrArray *
crm_store_select_records (CrmStore *self,
                          CrmEntity entity,
                          const char *where_and_order,
                          const gint64 *bind_values,
                          guint n_bind_values,
                          GError **error)
{
  const CrmEntityInfo *info = crm_store_get_entity_info (entity);
  g_autofree char *columns = column_list (info);
  g_autofree char *sql = g_strdup_printf ("SELECT %s FROM %s %s", columns, info->table,
                                          where_and_order != NULL ? where_and_order : "");
  g_autoptr (GPtrArray) records = NULL;
  sqlite3_stmt *statement;
  int rc;

  statement = crm_store_prepare (self, sql, error);
  if (statement == NULL)
    return NULL;
  for (guint i = 0; i < n_bind_values; i++)
    sqlite3_bind_int64 (statement, (int) i + 1, bind_values[i]);

  records = g_ptr_array_new_with_free_func (crm_record_get_free_func (entity));
  while ((rc = sqlite3_step (statement)) == SQLITE_ROW)
    {
      gpointer record = crm_store_record_new (info);
      crm_store_read_record (info, statement, 0, record);
      g_ptr_array_add (records, record);
    }
  if (rc != SQLITE_DONE)
    {
      crm_store_set_error_from_db (self, error, NULL);
      sqlite3_reset (statement);
      return NULL;
    }
  sqlite3_reset (statement);
  return g_steal_pointer (&records);
}

gpointer
crm_store_get_record (CrmStore *self, CrmEntity entity, gint64 id, GError **error)
{
  const CrmEntityInfo *info = crm_store_get_entity_info (entity);
  g_autoptr (GPtrArray) rows
      = crm_store_select_records (self, entity, "WHERE id = ?1", &id, 1, error);
  if (rows == NULL)
    return NULL;
  if (rows->len == 0)
    {
      g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND, _ ("No row %lld in %s"),
                   (long long) id, info->table);
      return NULL;
    }
  return g_ptr_array_steal_index (rows, 0);
}

/* ---- Generic writes ---------------------------------------------------------------------- */

static void
set_time_field_if_unset (
    const CrmEntityInfo *info, gpointer record, const char *column, gint64 now, gboolean force)
{
  for (guint i = 0; i < info->n_fields; i++)
    if (strcmp (info->fields[i].column, column) == 0)
      {
        if (force || MEMBER (record, &info->fields[i], gint64) == 0)
          MEMBER (record, &info->fields[i], gint64) = now;
        return;
      }
}

static gint64
record_time (const CrmEntityInfo *info, gconstpointer record, const char *column)
{
  for (guint i = 0; i < info->n_fields; i++)
    if (strcmp (info->fields[i].column, column) == 0)
      return MEMBER (record, &info->fields[i], gint64);
  return 0;
}

static gboolean
run_validation (CrmStore *self, const CrmEntityInfo *info, gconstpointer record, GError **error)
{
  for (guint i = 0; i < info->n_fields; i++)
    if (info->fields[i].type == CRM_FIELD_ENUM)
      {
        int value = MEMBER (record, &info->fields[i], int);
        int n_names = (int) g_strv_length ((char **) info->fields[i].names);
        if (value < 0 || value >= n_names)
          {
            g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID,
                         _ ("%d is not a valid value for %s"), value, info->fields[i].column);
            return FALSE;
          }
      }
  return info->validate == NULL || info->validate (self, record, error);
}

/* A version-7 UUID (RFC 9562): 48 bits of unix milliseconds, then a counter that keeps UUIDs
 * made in the same millisecond in order, then random bits. Rows written one after another get
 * increasing UUIDs, so the uuid indexes grow at their end instead of at random places. */
char *
crm_store_new_uuid (void)
{
  static GMutex lock;
  static gint64 last_ms;
  static guint counter;
  static const char hex[] = "0123456789abcdef";
  guint8 bytes[16];
  gint64 ms = g_get_real_time () / 1000;
  guint sequence;
  char *text;

  g_mutex_lock (&lock);
  if (ms <= last_ms)
    {
      ms = last_ms;
      if (++counter > 0xfff)
        {
          ms = ++last_ms;
          counter = 0;
        }
    }
  else
    {
      last_ms = ms;
      counter = 0;
    }
  sequence = counter;
  g_mutex_unlock (&lock);

  for (int i = 0; i < 6; i++)
    bytes[i] = (guint8) (ms >> (40 - 8 * i));
  bytes[6] = (guint8) (0x70 | (sequence >> 8));
  bytes[7] = (guint8) (sequence & 0xff);
  for (int i = 8; i < 16; i += 4)
    {
      guint32 random = g_random_int ();
      memcpy (&bytes[i], &random, sizeof random);
    }
  bytes[8] = (guint8) (0x80 | (bytes[8] & 0x3f));

  /* Spelled out by hand: a printf of 16 bytes cost more than the rest of an insert's
   * bookkeeping together, over a 100,000-row import. */
  text = g_malloc (37);
  for (int i = 0, out = 0; i < 16; i++)
    {
      if (i == 4 || i == 6 || i == 8 || i == 10)
        text[out++] = '-';
      text[out++] = hex[bytes[i] >> 4];
      text[out++] = hex[bytes[i] & 0xf];
    }
  text[36] = '\0';
  return text;
}

static const char *const times_defaulting_to_now[] = {
  "created_at", "updated_at", "captured_at", "occurred_at", "answered_at", "changed_at",
};

static gboolean
insert_row (CrmStore *self, const CrmEntityInfo *info, gpointer record, GError **error)
{
  CrmRecordHeader *header = record;
  sqlite3_stmt *statement;
  gint64 now = crm_store_now ();

  if (self->insert_sql[info->entity] == NULL)
    {
      GString *columns = g_string_new ("id, uuid");
      GString *parameters = g_string_new ("?1, ?2");

      for (guint i = 0; i < info->n_fields; i++)
        if (!info->fields[i].derived)
          {
            g_string_append_printf (columns, ", %s", info->fields[i].column);
            g_string_append_printf (parameters, ", ?%u", i + 3);
          }
      self->insert_sql[info->entity] = g_strdup_printf ("INSERT INTO %s (%s) VALUES (%s)",
                                                        info->table, columns->str, parameters->str);
      g_string_free (columns, TRUE);
      g_string_free (parameters, TRUE);
    }

  /* Times that the schema requires default to the moment of the write. */
  for (guint i = 0; i < G_N_ELEMENTS (times_defaulting_to_now); i++)
    set_time_field_if_unset (info, record, times_defaulting_to_now[i], now, FALSE);
  if (header->uuid == NULL)
    header->uuid = crm_store_new_uuid ();

  statement = crm_store_prepare (self, self->insert_sql[info->entity], error);
  if (statement == NULL)
    return FALSE;
  if (header->id > 0)
    sqlite3_bind_int64 (statement, 1, header->id);
  else
    sqlite3_bind_null (statement, 1);
  sqlite3_bind_text (statement, 2, header->uuid, -1, SQLITE_TRANSIENT);
  bind_written_fields (statement, info, record);

  if (!crm_store_step_done (self, statement, error))
    return FALSE;
  if (self->bulk && header->id > 0
      && !crm_store_bulk_log_explicit_insert (self, info->table, header->id, error))
    return FALSE;
  header->id = sqlite3_last_insert_rowid (self->db);
  crm_store_queue_change (self, info->entity, CRM_CHANGE_INSERT, header->id, NULL);
  return TRUE;
}

gboolean
crm_store_update_row (CrmStore *self, CrmEntity entity, gpointer record, GError **error)
{
  const CrmEntityInfo *info = crm_store_get_entity_info (entity);
  CrmRecordHeader *header = record;
  sqlite3_stmt *statement;

  if (self->update_sql[entity] == NULL)
    {
      GString *assignments = g_string_new ("uuid = ?2");

      for (guint i = 0; i < info->n_fields; i++)
        if (!info->fields[i].derived)
          g_string_append_printf (assignments, ", %s = ?%u", info->fields[i].column, i + 3);
      self->update_sql[entity]
          = g_strdup_printf ("UPDATE %s SET %s WHERE id = ?1", info->table, assignments->str);
      g_string_free (assignments, TRUE);
    }

  statement = crm_store_prepare (self, self->update_sql[entity], error);
  if (statement == NULL)
    return FALSE;
  sqlite3_bind_int64 (statement, 1, header->id);
  sqlite3_bind_text (statement, 2, header->uuid, -1, SQLITE_TRANSIENT);
  bind_written_fields (statement, info, record);
  return crm_store_step_done (self, statement, error);
}

/* Reads the row as it is now, for the change signal (skipped in bulk writes, where nobody
 * gets per-row signals). Sets NOT_FOUND when the row is gone. */
static gboolean
fetch_old_row (CrmStore *self, CrmEntity entity, gint64 id, gpointer *old_record, GError **error)
{
  *old_record = crm_store_get_record (self, entity, id, error);
  return *old_record != NULL;
}

/* A deal's stage changes only through a move; an unchanged stage keeps the stored place
 * unless the caller gives a valid one. */
static gboolean
update_deal_place (CrmStore *self,
                   CrmDealRecord *deal,
                   const CrmDealRecord *old_deal,
                   GError **error)
{
  if (old_deal->stage_id != deal->stage_id)
    return crm_store_apply_stage_change (self, deal, old_deal->stage_id, error);
  if (!crm_fractional_index_is_valid (deal->position))
    {
      g_free (deal->position);
      deal->position = g_strdup (old_deal->position);
    }
  return TRUE;
}

gboolean
crm_store_insert_record (CrmStore *self, CrmEntity entity, gpointer record, GError **error)
{
  const CrmEntityInfo *info = crm_store_get_entity_info (entity);

  g_return_val_if_fail (CRM_IS_STORE (self), FALSE);
  g_return_val_if_fail (record != NULL, FALSE);

  if (!run_validation (self, info, record, error) || !crm_store_begin (self, error))
    return FALSE;
  if ((entity == CRM_ENTITY_DEAL && !crm_store_prepare_deal_insert (self, record, error))
      || !insert_row (self, info, record, error)
      || (entity == CRM_ENTITY_DEAL && !crm_store_finish_deal_insert (self, record, error)))
    {
      crm_store_rollback (self);
      return FALSE;
    }
  return crm_store_commit (self, error);
}

gboolean
crm_store_update_record (CrmStore *self, CrmEntity entity, gpointer record, GError **error)
{
  const CrmEntityInfo *info = crm_store_get_entity_info (entity);
  CrmRecordHeader *header = record;
  gpointer old_record = NULL;

  g_return_val_if_fail (CRM_IS_STORE (self), FALSE);
  g_return_val_if_fail (record != NULL, FALSE);

  if (!run_validation (self, info, record, error) || !crm_store_begin (self, error))
    return FALSE;
  if (!fetch_old_row (self, entity, header->id, &old_record, error))
    goto failed;
  if (header->uuid == NULL)
    header->uuid = g_strdup (((CrmRecordHeader *) old_record)->uuid);
  /* updated_at becomes now, unless the caller dated the change itself (imports, demo data). */
  if (record_time (info, record, "updated_at") == record_time (info, old_record, "updated_at"))
    set_time_field_if_unset (info, record, "updated_at", crm_store_now (), TRUE);

  if (entity == CRM_ENTITY_DEAL && !update_deal_place (self, record, old_record, error))
    goto failed;
  if (!crm_store_update_row (self, entity, record, error))
    goto failed;

  crm_store_queue_change (self, entity, CRM_CHANGE_UPDATE, header->id, old_record);
  return crm_store_commit (self, error);

failed:
  crm_record_free (entity, old_record);
  crm_store_rollback (self);
  return FALSE;
}

static gboolean
refuse_stage_with_deals (CrmStore *self, gint64 stage_id, GError **error)
{
  sqlite3_stmt *statement
      = crm_store_prepare (self, "SELECT count(*) FROM deals WHERE stage_id = ?1", error);
  gint64 n_deals;

  if (statement == NULL)
    return FALSE;
  sqlite3_bind_int64 (statement, 1, stage_id);
  n_deals = sqlite3_step (statement) == SQLITE_ROW ? sqlite3_column_int64 (statement, 0) : 0;
  sqlite3_reset (statement);
  if (n_deals > 0)
    {
      g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_CONSTRAINT,
                   g_dngettext (GETTEXT_PACKAGE,
                                "This stage still holds %lld deal; move it to another stage first",
                                "This stage still holds %lld deals; move them to another stage "
                                "first",
                                (gulong) n_deals),
                   (long long) n_deals);
      return FALSE;
    }
  return TRUE;
}

gboolean
crm_store_delete_record (CrmStore *self, CrmEntity entity, gint64 id, GError **error)
{
  const CrmEntityInfo *info = crm_store_get_entity_info (entity);
  g_autofree char *sql = g_strdup_printf ("DELETE FROM %s WHERE id = ?1", info->table);
  gpointer old_record = NULL;
  sqlite3_stmt *statement;

  g_return_val_if_fail (CRM_IS_STORE (self), FALSE);

  if (!crm_store_begin (self, error))
    return FALSE;
  if (!fetch_old_row (self, entity, id, &old_record, error))
    goto failed;
  if (entity == CRM_ENTITY_STAGE && !refuse_stage_with_deals (self, id, error))
    goto failed;

  statement = crm_store_prepare (self, sql, error);
  if (statement == NULL)
    goto failed;
  sqlite3_bind_int64 (statement, 1, id);
  if (!crm_store_step_done (self, statement, error))
    goto failed;

  crm_store_queue_change (self, entity, CRM_CHANGE_DELETE, id, old_record);
  return crm_store_commit (self, error);

failed:
  crm_record_free (entity, old_record);
  crm_store_rollback (self);
  return FALSE;
}

/* ---- Typed functions -------------------------------------------------------------------- */

#define CRM_STORE_DEFINE_CRUD(lower, Record, ENTITY_KIND)                                          \
  gboolean crm_store_insert_##lower (CrmStore *self, Record *record, GError **error)               \
  {                                                                                                \
    return crm_store_insert_record (self, ENTITY_KIND, record, error);                             \
  }                                                                                                \
  Record *crm_store_get_##lower (CrmStore *self, gint64 id, GError **error)                        \
  {                                                                                                \
    g_return_val_if_fail (CRM_IS_STORE (self), NULL);                                              \
    return crm_store_get_record (self, ENTITY_KIND, id, error);                                    \
  }                                                                                                \
  gboolean crm_store_update_##lower (CrmStore *self, Record *record, GError **error)               \
  {                                                                                                \
    return crm_store_update_record (self, ENTITY_KIND, record, error);                             \
  }                                                                                                \
  gboolean crm_store_delete_##lower (CrmStore *self, gint64 id, GError **error)                    \
  {                                                                                                \
    return crm_store_delete_record (self, ENTITY_KIND, id, error);                                 \
  }                                                                                                \
  Record *crm_##lower##_record_new (void)                                                          \
  {                                                                                                \
    return crm_store_record_new (crm_store_get_entity_info (ENTITY_KIND));                         \
  }                                                                                                \
  Record *crm_##lower##_record_copy (const Record *record)                                         \
  {                                                                                                \
    return crm_record_copy (ENTITY_KIND, record);                                                  \
  }                                                                                                \
  void crm_##lower##_record_free (Record *record)                                                  \
  {                                                                                                \
    crm_record_free (ENTITY_KIND, record);                                                         \
  }

CRM_STORE_DEFINE_CRUD (company, CrmCompanyRecord, CRM_ENTITY_COMPANY)
CRM_STORE_DEFINE_CRUD (contact, CrmContactRecord, CRM_ENTITY_CONTACT)
CRM_STORE_DEFINE_CRUD (tag, CrmTagRecord, CRM_ENTITY_TAG)
CRM_STORE_DEFINE_CRUD (pipeline, CrmPipelineRecord, CRM_ENTITY_PIPELINE)
CRM_STORE_DEFINE_CRUD (stage, CrmStageRecord, CRM_ENTITY_STAGE)
CRM_STORE_DEFINE_CRUD (deal, CrmDealRecord, CRM_ENTITY_DEAL)
CRM_STORE_DEFINE_CRUD (deal_stage_history, CrmDealStageHistoryRecord, CRM_ENTITY_DEAL_STAGE_HISTORY)
CRM_STORE_DEFINE_CRUD (activity, CrmActivityRecord, CRM_ENTITY_ACTIVITY)
CRM_STORE_DEFINE_CRUD (lost_reason, CrmLostReasonRecord, CRM_ENTITY_LOST_REASON)
CRM_STORE_DEFINE_CRUD (lead_source, CrmLeadSourceRecord, CRM_ENTITY_LEAD_SOURCE)
CRM_STORE_DEFINE_CRUD (feedback, CrmFeedbackRecord, CRM_ENTITY_FEEDBACK)
CRM_STORE_DEFINE_CRUD (acquisition_spend, CrmAcquisitionSpendRecord, CRM_ENTITY_ACQUISITION_SPEND)
CRM_STORE_DEFINE_CRUD (smart_list, CrmSmartListRecord, CRM_ENTITY_SMART_LIST)

GDestroyNotify
crm_record_get_free_func (CrmEntity entity)
{
  static const GDestroyNotify free_funcs[CRM_N_ENTITIES] = {
    [CRM_ENTITY_COMPANY] = (GDestroyNotify) crm_company_record_free,
    [CRM_ENTITY_CONTACT] = (GDestroyNotify) crm_contact_record_free,
    [CRM_ENTITY_TAG] = (GDestroyNotify) crm_tag_record_free,
    [CRM_ENTITY_PIPELINE] = (GDestroyNotify) crm_pipeline_record_free,
    [CRM_ENTITY_STAGE] = (GDestroyNotify) crm_stage_record_free,
    [CRM_ENTITY_DEAL] = (GDestroyNotify) crm_deal_record_free,
    [CRM_ENTITY_DEAL_STAGE_HISTORY] = (GDestroyNotify) crm_deal_stage_history_record_free,
    [CRM_ENTITY_ACTIVITY] = (GDestroyNotify) crm_activity_record_free,
    [CRM_ENTITY_LOST_REASON] = (GDestroyNotify) crm_lost_reason_record_free,
    [CRM_ENTITY_LEAD_SOURCE] = (GDestroyNotify) crm_lead_source_record_free,
    [CRM_ENTITY_FEEDBACK] = (GDestroyNotify) crm_feedback_record_free,
    [CRM_ENTITY_ACQUISITION_SPEND] = (GDestroyNotify) crm_acquisition_spend_record_free,
    [CRM_ENTITY_SMART_LIST] = (GDestroyNotify) crm_smart_list_record_free,
  };

  g_return_val_if_fail (entity < CRM_N_ENTITIES, NULL);
  return free_funcs[entity];
}

/* ---- Defaults of a new database (crm-process.md §2 and §5) ------------------------------ */

/* The stages of the default pipeline (crm-process.md §5). */
static const struct
{
  const char *name;
  int probability;
  int rotting_days;
  CrmStageKind kind;
} default_stages[] = {
  { N_ ("Initial contact"), 10, 14, CRM_STAGE_KIND_OPEN },
  { N_ ("Qualification"), 20, 14, CRM_STAGE_KIND_OPEN },
  { N_ ("Needs assessment"), 40, 21, CRM_STAGE_KIND_OPEN },
  { N_ ("Proposal"), 60, 14, CRM_STAGE_KIND_OPEN },
  { N_ ("Negotiation"), 80, 14, CRM_STAGE_KIND_OPEN },
  { N_ ("Won"), 100, 0, CRM_STAGE_KIND_WON },
  { N_ ("Lost"), 0, 0, CRM_STAGE_KIND_LOST },
};

static gboolean
insert_pipeline_with_stages (CrmStore *self,
                             const char *name,
                             gint64 template_pipeline_id,
                             gint64 *pipeline_id,
                             GError **error)
{
  g_autoptr (CrmPipelineRecord) pipeline = crm_pipeline_record_new ();
  g_autoptr (GPtrArray) template = NULL;

  pipeline->name = g_strdup (name);
  if (template_pipeline_id != 0)
    {
      template = crm_store_list_stages (self, template_pipeline_id, error);
      if (template == NULL)
        return FALSE;
    }
  if (!crm_store_insert_pipeline (self, pipeline, error))
    return FALSE;

  for (guint i = 0; i < (template != NULL ? template->len : G_N_ELEMENTS (default_stages)); i++)
    {
      g_autoptr (CrmStageRecord) stage = crm_stage_record_new ();
      stage->pipeline_id = pipeline->id;
      stage->position = (int) i;
      if (template != NULL)
        {
          const CrmStageRecord *model = template->pdata[i];
          stage->name = g_strdup (model->name);
          stage->probability = model->probability;
          stage->rotting_days = model->rotting_days;
          stage->kind = model->kind;
        }
      else
        {
          stage->name = g_strdup (_ (default_stages[i].name));
          stage->probability = default_stages[i].probability;
          stage->rotting_days = default_stages[i].rotting_days;
          stage->kind = default_stages[i].kind;
        }
      if (!crm_store_insert_stage (self, stage, error))
        return FALSE;
    }
  if (pipeline_id != NULL)
    *pipeline_id = pipeline->id;
  return TRUE;
}

gint64
crm_store_create_pipeline (CrmStore *self,
                           const char *name,
                           gint64 template_pipeline_id,
                           GError **error)
{
  gint64 pipeline_id = 0;

  g_return_val_if_fail (CRM_IS_STORE (self), 0);
  g_return_val_if_fail (name != NULL, 0);

  if (!crm_store_begin (self, error))
    return 0;
  if (!insert_pipeline_with_stages (self, name, template_pipeline_id, &pipeline_id, error))
    {
      crm_store_rollback (self);
      return 0;
    }
  if (!crm_store_commit (self, error))
    return 0;
  return pipeline_id;
}

gboolean
crm_store_insert_defaults (CrmStore *self, GError **error)
{
  static const char *const sources[] = {
    N_ ("Referral"), N_ ("Website"), N_ ("Event"), N_ ("Cold outreach"),
    N_ ("Import"),   N_ ("Partner"), N_ ("Other"),
  };
  static const char *const lost_reasons[] = {
    N_ ("Price"),      N_ ("Chose a competitor"), N_ ("No budget"), N_ ("No decision"),
    N_ ("Bad timing"), N_ ("Missing features"),   N_ ("Other"),
  };

  if (!insert_pipeline_with_stages (self, _ ("Sales"), 0, NULL, error))
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (sources); i++)
    {
      g_autoptr (CrmLeadSourceRecord) source = crm_lead_source_record_new ();
      source->name = g_strdup (_ (sources[i]));
      source->position = (int) i;
      if (!crm_store_insert_lead_source (self, source, error))
        return FALSE;
    }
  for (guint i = 0; i < G_N_ELEMENTS (lost_reasons); i++)
    {
      g_autoptr (CrmLostReasonRecord) reason = crm_lost_reason_record_new ();
      reason->name = g_strdup (_ (lost_reasons[i]));
      reason->position = (int) i;
      if (!crm_store_insert_lost_reason (self, reason, error))
        return FALSE;
    }
  return TRUE;
}

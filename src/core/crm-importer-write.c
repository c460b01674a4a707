/* crm-importer-write.c — the rows of an analysed import turned into records and written in ONE
 * bulk transaction: contacts (with the companies, lead sources and tags they name), companies,
 * deals and activities; duplicates skipped, merged or added as chosen. A dry run walks the very
 * same path without writing, so it reports the same counts. Every look-up by name happens
 * before the transaction opens: a bulk transaction suspends the name indexes
 * (crm-store-bulk.c). */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "crm-importer-private.h"
#include "crm-store-timeline.h"

#define NO_INDEX G_MAXUINT
/* A company a dry run would have created. */
#define PLANNED_ID ((gint64) -1)

typedef struct
{
  CrmImporter *importer;
  CrmStore *store;
  gboolean dry_run;
  CrmImportSummary *summary;
  GHashTable *companies; /* name key → gint64*: stored id, or 0 when to be created */
  GHashTable *contacts;  /* casefolded e-mail or name key → gint64*: stored contact id */
  GHashTable *deals;     /* name key of a title → gint64*: stored deal id */
  GHashTable *sources;   /* name key → gint64* */
  GHashTable *tags;      /* name key → gint64* */
  GArray *row_ids;       /* gint64 per row: the contact or company the row wrote */
  GPtrArray *stages;     /* CrmStageRecord of the first pipeline */
  gint64 import_source_id;
  gint64 now;
} Writer;

static void
writer_clear (Writer *w)
{
  g_clear_pointer (&w->companies, g_hash_table_unref);
  g_clear_pointer (&w->contacts, g_hash_table_unref);
  g_clear_pointer (&w->deals, g_hash_table_unref);
  g_clear_pointer (&w->sources, g_hash_table_unref);
  g_clear_pointer (&w->tags, g_hash_table_unref);
  g_clear_pointer (&w->row_ids, g_array_unref);
  g_clear_pointer (&w->stages, g_ptr_array_unref);
}

static GHashTable *
id_table (void)
{
  return g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

static void
id_table_set (GHashTable *table, char *key, gint64 id)
{
  gint64 *value = g_new (gint64, 1);

  *value = id;
  g_hash_table_replace (table, key, value);
}

static gboolean
id_table_get (GHashTable *table, const char *key, gint64 *id)
{
  gint64 *value = g_hash_table_lookup (table, key);

  *id = value != NULL ? *value : 0;
  return value != NULL;
}

static void
warn (Writer *w, guint line, char *message)
{
  g_ptr_array_add (w->summary->warnings, g_strdup_printf (_ ("line %u: %s"), line, message));
  g_free (message);
}

/* ---- Before the transaction: names to ids -------------------------------------------------- */

static char *
cell_key (const char *cell)
{
  g_autofree char *key = crm_import_name_key (cell);

  if (*key == '\0')
    return NULL;
  return g_steal_pointer (&key);
}

/* Looks up the stored id of every distinct value of the columns mapped to @field. */
static gboolean
resolve_column_values (Writer *w, CrmImportField field, GHashTable *table, GError **error)
{
  CrmImporter *self = w->importer;
  CrmEntity entity = field == CRM_IMPORT_FIELD_COMPANY   ? CRM_ENTITY_COMPANY
                     : field == CRM_IMPORT_FIELD_CONTACT ? CRM_ENTITY_CONTACT
                                                         : CRM_ENTITY_DEAL;
  gint64 n_stored = crm_store_count (w->store, entity, error);

  if (n_stored < 0)
    return FALSE;
  for (guint column = 0; column < self->column_fields->len; column++)
    {
      if (g_array_index (self->column_fields, CrmImportField, column) != field)
        continue;
      for (guint row = 0; row < self->rows->len; row++)
        {
          const char *cell = g_array_index (self->rows, CrmImportRow, row).cells[column];
          g_autofree char *trimmed = g_strstrip (g_strdup (cell));
          g_autofree char *key = cell_key (trimmed);
          gint64 id = 0;
          gboolean found;

          if (key == NULL || g_hash_table_contains (table, key))
            continue;
          if (n_stored == 0)
            found = TRUE;
          else if (field == CRM_IMPORT_FIELD_COMPANY)
            found = crm_store_find_company_by_name (w->store, trimmed, &id, error);
          else if (field == CRM_IMPORT_FIELD_DEAL)
            found = crm_store_find_deal_by_title (w->store, trimmed, &id, error);
          else if (strchr (trimmed, '@') != NULL)
            found = crm_store_find_contact_by_email (w->store, trimmed, &id, error);
          else
            found = crm_store_find_contact_by_name (w->store, trimmed, NULL, &id, error);
          if (!found)
            return FALSE;
          id_table_set (table, g_steal_pointer (&key), id);
        }
    }
  return TRUE;
}

static gboolean
load_stages (Writer *w, GError **error)
{
  g_autoptr (GPtrArray) pipelines = crm_store_list_pipelines (w->store, error);
  CrmPipelineRecord *pipeline;

  if (pipelines == NULL)
    return FALSE;
  if (pipelines->len == 0)
    {
      g_set_error_literal (error, CRM_IMPORT_ERROR, CRM_IMPORT_ERROR_FAILED,
                           _ ("The database has no pipeline to put deals in"));
      return FALSE;
    }
  pipeline = g_ptr_array_index (pipelines, 0);
  w->stages = crm_store_list_stages (w->store, pipeline->id, error);
  if (w->stages == NULL)
    return FALSE;
  for (guint i = 0; i < w->stages->len; i++)
    if (((CrmStageRecord *) w->stages->pdata[i])->kind == CRM_STAGE_KIND_OPEN)
      return TRUE;
  g_set_error (error, CRM_IMPORT_ERROR, CRM_IMPORT_ERROR_FAILED,
               _ ("The pipeline “%s” has no open stage to put deals in"), pipeline->name);
  return FALSE;
}

static gboolean
prepare (Writer *w, GError **error)
{
  switch (w->importer->kind)
    {
      case CRM_IMPORT_KIND_CONTACTS:
        return resolve_column_values (w, CRM_IMPORT_FIELD_COMPANY, w->companies, error);
      case CRM_IMPORT_KIND_COMPANIES:
        return TRUE;
      case CRM_IMPORT_KIND_DEALS:
        return load_stages (w, error)
               && resolve_column_values (w, CRM_IMPORT_FIELD_COMPANY, w->companies, error)
               && resolve_column_values (w, CRM_IMPORT_FIELD_CONTACT, w->contacts, error);
      case CRM_IMPORT_KIND_ACTIVITIES:
        return resolve_column_values (w, CRM_IMPORT_FIELD_CONTACT, w->contacts, error)
               && resolve_column_values (w, CRM_IMPORT_FIELD_DEAL, w->deals, error);
      default:
        g_assert_not_reached ();
    }
}

/* ---- Inside the transaction: get-or-create ------------------------------------------------- */

/* The company named @name: stored, created by this import, or created now. 0 for no name. */
static gboolean
company_for (Writer *w, const char *name, gint64 *id, GError **error)
{
  g_autofree char *key = cell_key (name);
  g_autoptr (CrmCompanyRecord) company = NULL;

  *id = 0;
  if (key == NULL)
    return TRUE;
  if (id_table_get (w->companies, key, id) && *id != 0)
    return TRUE;
  w->summary->n_companies_added++;
  if (w->dry_run)
    {
      *id = PLANNED_ID;
      id_table_set (w->companies, g_steal_pointer (&key), *id);
      return TRUE;
    }
  company = crm_company_record_new ();
  company->name = g_strdup (name);
  if (!crm_store_insert_company (w->store, company, error))
    return FALSE;
  *id = company->id;
  id_table_set (w->companies, g_steal_pointer (&key), *id);
  return TRUE;
}

static gboolean
named_id_for (
    Writer *w, GHashTable *table, gboolean is_tag, const char *name, gint64 *id, GError **error)
{
  g_autofree char *key = cell_key (name);

  *id = 0;
  if (key == NULL || w->dry_run)
    return TRUE;
  if (id_table_get (table, key, id))
    return TRUE;
  *id = is_tag ? crm_store_ensure_tag (w->store, name, error)
               : crm_store_ensure_lead_source (w->store, name, error);
  if (*id == 0)
    return FALSE;
  id_table_set (table, g_steal_pointer (&key), *id);
  return TRUE;
}

/* @is_new: the contact was inserted by this import (no update signal needed). */
static gboolean
add_tags (
    Writer *w, gint64 contact_id, gboolean is_new, const CrmImportValues *values, GError **error)
{
  for (guint i = 0; i < values->tags->len && !w->dry_run; i++)
    {
      gint64 tag_id;

      if (!named_id_for (w, w->tags, TRUE, values->tags->pdata[i], &tag_id, error))
        return FALSE;
      if (is_new ? !crm_store_tag_new_contact (w->store, contact_id, tag_id, error)
                 : !crm_store_add_contact_tag (w->store, contact_id, tag_id, error))
        return FALSE;
    }
  return TRUE;
}

static gint64
parse_time_cell (const CrmImportValues *values, CrmImportField field)
{
  gint64 when = 0;

  crm_import_parse_time (values->cells[field], &when); /* checked by the analysis */
  return when;
}

static char *
steal_notes (CrmImportValues *values)
{
  if (values->notes->len == 0)
    return NULL;
  return g_strdup (values->notes->str);
}

/* ---- Contacts and companies ---------------------------------------------------------------- */

static gboolean
fill_contact (
    Writer *w, guint line, CrmContactRecord *contact, CrmImportValues *values, GError **error)
{
  const char *lifecycle = values->cells[CRM_IMPORT_FIELD_LIFECYCLE];
  const char *source = values->cells[CRM_IMPORT_FIELD_SOURCE];
  CrmLifecycleStage stage;

  contact->name = g_steal_pointer (&values->name);
  contact->email = g_steal_pointer (&values->email);
  contact->phone = g_steal_pointer (&values->phone);
  contact->title = g_strdup (values->cells[CRM_IMPORT_FIELD_JOB_TITLE]);
  contact->owner = g_strdup (values->cells[CRM_IMPORT_FIELD_OWNER]);
  contact->country = g_strdup (values->cells[CRM_IMPORT_FIELD_COUNTRY]);
  contact->captured_at = parse_time_cell (values, CRM_IMPORT_FIELD_CAPTURED_AT);
  if (contact->captured_at == 0)
    contact->captured_at = w->now;
  contact->last_contacted_at = parse_time_cell (values, CRM_IMPORT_FIELD_LAST_CONTACTED_AT);
  if (!crm_import_parse_lifecycle (lifecycle, &stage))
    {
      /* Kept in the notes rather than refused: the rest of the row is good. */
      g_string_append_printf (values->notes, "%s%s: %s", values->notes->len > 0 ? "\n" : "",
                              _ ("Lifecycle stage"), lifecycle);
      warn (w, line,
            g_strdup_printf (_ ("unknown lifecycle stage “%s”; the contact is a Lead"), lifecycle));
    }
  contact->lifecycle = stage;
  contact->notes = steal_notes (values);
  if (!company_for (w, values->cells[CRM_IMPORT_FIELD_COMPANY], &contact->company_id, error))
    return FALSE;
  if (source != NULL)
    return named_id_for (w, w->sources, FALSE, source, &contact->source_id, error);
  if (w->import_source_id == 0 && !w->dry_run)
    {
      w->import_source_id = crm_store_ensure_lead_source (w->store, _ ("Import"), error);
      if (w->import_source_id == 0)
        return FALSE;
    }
  contact->source_id = w->import_source_id;
  return TRUE;
}

static void
fill_text (char **stored, const char *value)
{
  if ((*stored == NULL || **stored == '\0') && value != NULL && *value != '\0')
    {
      g_free (*stored);
      *stored = g_strdup (value);
    }
}

/* Merges the row into stored contact @id: empty fields filled, notes appended, tags added. */
static gboolean
merge_contact (Writer *w, guint line, gint64 id, CrmImportValues *values, GError **error)
{
  g_autoptr (CrmContactRecord) stored = NULL;
  g_autoptr (CrmContactRecord) row = crm_contact_record_new ();
  g_autoptr (GError) local_error = NULL;
  g_autofree char *notes = NULL;

  if (!fill_contact (w, line, row, values, error))
    return FALSE;
  if (w->dry_run || id == PLANNED_ID)
    return TRUE;
  stored = crm_store_get_contact (w->store, id, &local_error);
  if (g_error_matches (local_error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND))
    {
      /* Deleted since the analysis found it: the row is a new contact after all. */
      w->summary->n_merged--;
      w->summary->n_added++;
      return crm_store_insert_contact (w->store, row, error)
             && add_tags (w, row->id, TRUE, values, error);
    }
  if (stored == NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (stored->email != NULL && row->email != NULL
      && g_ascii_strcasecmp (stored->email, row->email) != 0)
    {
      g_autofree char *line_text = g_strdup_printf ("%s: %s", _ ("E-mail"), row->email);
      g_autofree char *joined = crm_store_join_contact_notes (line_text, row->notes);

      g_free (row->notes);
      row->notes = g_steal_pointer (&joined);
    }
  fill_text (&stored->email, row->email);
  fill_text (&stored->phone, row->phone);
  fill_text (&stored->title, row->title);
  fill_text (&stored->owner, row->owner);
  fill_text (&stored->country, row->country);
  if (stored->company_id == 0)
    stored->company_id = row->company_id;
  if (stored->source_id == 0)
    stored->source_id = row->source_id;
  if (row->last_contacted_at > stored->last_contacted_at)
    stored->last_contacted_at = row->last_contacted_at;
  notes = crm_store_join_contact_notes (stored->notes, row->notes);
  g_free (stored->notes);
  stored->notes = g_steal_pointer (&notes);
  return crm_store_update_contact (w->store, stored, error)
         && add_tags (w, id, FALSE, values, error);
}

static gboolean
add_contact (Writer *w, guint row_index, guint line, CrmImportValues *values, GError **error)
{
  g_autoptr (CrmContactRecord) contact = crm_contact_record_new ();

  if (!fill_contact (w, line, contact, values, error))
    return FALSE;
  if (w->dry_run)
    {
      g_array_index (w->row_ids, gint64, row_index) = PLANNED_ID;
      return TRUE;
    }
  if (!crm_store_insert_contact (w->store, contact, error))
    return FALSE;
  g_array_index (w->row_ids, gint64, row_index) = contact->id;
  return add_tags (w, contact->id, TRUE, values, error);
}

static void
fill_company (CrmCompanyRecord *company, CrmImportValues *values)
{
  company->name = g_steal_pointer (&values->name);
  company->website = g_strdup (values->cells[CRM_IMPORT_FIELD_WEBSITE]);
  company->industry = g_strdup (values->cells[CRM_IMPORT_FIELD_INDUSTRY]);
  company->phone = g_steal_pointer (&values->phone);
  company->country = g_strdup (values->cells[CRM_IMPORT_FIELD_COUNTRY]);
  company->owner = g_strdup (values->cells[CRM_IMPORT_FIELD_OWNER]);
  company->notes = steal_notes (values);
}

static gboolean
merge_company (Writer *w, gint64 id, CrmImportValues *values, GError **error)
{
  g_autoptr (CrmCompanyRecord) stored = NULL;
  g_autoptr (CrmCompanyRecord) row = crm_company_record_new ();
  g_autoptr (GError) local_error = NULL;
  g_autofree char *notes = NULL;

  fill_company (row, values);
  if (w->dry_run || id == PLANNED_ID)
    return TRUE;
  stored = crm_store_get_company (w->store, id, &local_error);
  if (g_error_matches (local_error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND))
    {
      w->summary->n_merged--;
      w->summary->n_added++;
      return crm_store_insert_company (w->store, row, error);
    }
  if (stored == NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  fill_text (&stored->website, row->website);
  fill_text (&stored->industry, row->industry);
  fill_text (&stored->phone, row->phone);
  fill_text (&stored->country, row->country);
  fill_text (&stored->owner, row->owner);
  notes = crm_store_join_contact_notes (stored->notes, row->notes);
  g_free (stored->notes);
  stored->notes = g_steal_pointer (&notes);
  return crm_store_update_company (w->store, stored, error);
}

static gboolean
add_company (Writer *w, guint row_index, CrmImportValues *values, GError **error)
{
  g_autoptr (CrmCompanyRecord) company = crm_company_record_new ();

  fill_company (company, values);
  if (!w->dry_run && !crm_store_insert_company (w->store, company, error))
    return FALSE;
  g_array_index (w->row_ids, gint64, row_index) = w->dry_run ? PLANNED_ID : company->id;
  return TRUE;
}

/* ---- Deals and activities ------------------------------------------------------------------ */

static gint64
stage_for (Writer *w, guint line, const char *name)
{
  g_autofree char *key = cell_key (name);
  CrmStageRecord *first_open = NULL;

  for (guint i = 0; i < w->stages->len; i++)
    {
      CrmStageRecord *stage = w->stages->pdata[i];
      g_autofree char *stage_key = crm_import_name_key (stage->name);

      if (first_open == NULL && stage->kind == CRM_STAGE_KIND_OPEN)
        first_open = stage;
      if (key != NULL && strcmp (key, stage_key) == 0)
        return stage->id;
    }
  /* HubSpot's "closedwon" / "Closed Won", Salesforce's "Closed Lost". */
  if (key != NULL)
    {
      g_autofree char *flat = crm_import_normalise_header (name);
      CrmStageKind kind = CRM_STAGE_KIND_OPEN;

      if (strcmp (flat, "closedwon") == 0 || strcmp (flat, "won") == 0)
        kind = CRM_STAGE_KIND_WON;
      else if (strcmp (flat, "closedlost") == 0 || strcmp (flat, "lost") == 0)
        kind = CRM_STAGE_KIND_LOST;
      for (guint i = 0; kind != CRM_STAGE_KIND_OPEN && i < w->stages->len; i++)
        if (((CrmStageRecord *) w->stages->pdata[i])->kind == kind)
          return ((CrmStageRecord *) w->stages->pdata[i])->id;
      warn (w, line,
            g_strdup_printf (_ ("no stage “%s”; the deal is in “%s”"), name, first_open->name));
    }
  return first_open->id;
}

/* The stored id a cell names in @table; 0 when none (*missing when the cell named one). */
static gint64
linked_id (GHashTable *table, const char *cell, gboolean *missing)
{
  g_autofree char *key = cell_key (cell);
  gint64 id = 0;

  *missing = FALSE;
  if (key == NULL)
    return 0;
  id_table_get (table, key, &id);
  *missing = id == 0;
  return id;
}

static gboolean
add_deal (Writer *w, guint line, CrmImportValues *values, GError **error)
{
  g_autoptr (CrmDealRecord) deal = crm_deal_record_new ();
  g_autofree char *amount_currency = NULL;
  const char *currency = values->cells[CRM_IMPORT_FIELD_CURRENCY];
  gint64 thousandths = 0;
  gboolean missing;

  deal->title = g_steal_pointer (&values->name);
  deal->stage_id = stage_for (w, line, values->cells[CRM_IMPORT_FIELD_DEAL_STAGE]);
  deal->contact_id = linked_id (w->contacts, values->cells[CRM_IMPORT_FIELD_CONTACT], &missing);
  if (missing)
    /* TRANSLATORS: %s is what a deal row names as its contact */
    warn (w, line,
          g_strdup_printf (_ ("no contact “%s”; the deal has none"),
                           values->cells[CRM_IMPORT_FIELD_CONTACT]));
  if (!company_for (w, values->cells[CRM_IMPORT_FIELD_COMPANY], &deal->company_id, error))
    return FALSE;
  crm_import_parse_amount (values->cells[CRM_IMPORT_FIELD_AMOUNT], &thousandths, &amount_currency);
  if (currency != NULL)
    deal->currency = g_ascii_strup (currency, -1);
  else if (amount_currency != NULL)
    deal->currency = g_steal_pointer (&amount_currency);
  else
    deal->currency = g_strdup (w->importer->default_currency);
  if (!crm_import_amount_to_minor (thousandths, deal->currency, &deal->value_minor))
    /* TRANSLATORS: %s is the amount as the file wrote it, then a currency code */
    warn (w, line,
          g_strdup_printf (_ ("“%s” has more decimals than %s has: rounded"),
                           values->cells[CRM_IMPORT_FIELD_AMOUNT], deal->currency));
  deal->expected_close = parse_time_cell (values, CRM_IMPORT_FIELD_CLOSE_DATE);
  deal->created_at = parse_time_cell (values, CRM_IMPORT_FIELD_CAPTURED_AT);
  deal->owner = g_strdup (values->cells[CRM_IMPORT_FIELD_OWNER]);
  deal->notes = steal_notes (values);
  crm_import_parse_probability (values->cells[CRM_IMPORT_FIELD_PROBABILITY],
                                &deal->probability_override);
  if (w->dry_run)
    return TRUE;
  if (deal->company_id == PLANNED_ID)
    deal->company_id = 0;
  return crm_store_insert_deal (w->store, deal, error);
}

static gboolean
add_activity (Writer *w, guint line, CrmImportValues *values, GError **error)
{
  g_autoptr (CrmActivityRecord) activity = crm_activity_record_new ();
  gboolean missing;

  crm_import_parse_activity_kind (values->cells[CRM_IMPORT_FIELD_ACTIVITY_KIND], &activity->kind);
  crm_import_parse_boolean (values->cells[CRM_IMPORT_FIELD_DONE], &activity->done);
  activity->subject = g_steal_pointer (&values->name);
  activity->notes = steal_notes (values);
  activity->contact_id = linked_id (w->contacts, values->cells[CRM_IMPORT_FIELD_CONTACT], &missing);
  if (missing)
    warn (w, line,
          g_strdup_printf (_ ("no contact “%s”; the activity has none"),
                           values->cells[CRM_IMPORT_FIELD_CONTACT]));
  activity->deal_id = linked_id (w->deals, values->cells[CRM_IMPORT_FIELD_DEAL], &missing);
  if (missing)
    warn (w, line,
          g_strdup_printf (_ ("no deal “%s”; the activity has none"),
                           values->cells[CRM_IMPORT_FIELD_DEAL]));
  activity->due_at = parse_time_cell (values, CRM_IMPORT_FIELD_DUE_AT);
  activity->occurred_at = parse_time_cell (values, CRM_IMPORT_FIELD_OCCURRED_AT);
  if (activity->occurred_at == 0)
    activity->occurred_at = activity->due_at != 0 ? activity->due_at : w->now;
  activity->done_at = parse_time_cell (values, CRM_IMPORT_FIELD_DONE_AT);
  if (activity->done_at != 0)
    activity->done = TRUE;
  else if (activity->done)
    activity->done_at = activity->occurred_at;
  if (w->dry_run)
    return TRUE;
  return crm_store_insert_activity (w->store, activity, error);
}

/* ---- One row ------------------------------------------------------------------------------- */

/* The stored id a duplicate row merges into: the stored record, or what an earlier row of the
 * file wrote (PLANNED_ID in a dry run). */
static gint64
merge_target (Writer *w, guint row, const CrmImportDuplicate *duplicate)
{
  guint earlier = g_array_index (w->importer->row_earlier, guint, row);

  if (duplicate->existing_id != 0)
    return duplicate->existing_id;
  if (earlier != NO_INDEX)
    return g_array_index (w->row_ids, gint64, earlier);
  return 0;
}

static gboolean
write_row (Writer *w, guint row, GError **error)
{
  CrmImporter *self = w->importer;
  CrmImportRowState state = g_array_index (self->row_states, guint8, row);
  guint line = g_array_index (self->rows, CrmImportRow, row).line;
  g_auto (CrmImportValues) values = { 0 };
  gint64 target = 0;

  if (state == CRM_IMPORT_ROW_BLANK || state == CRM_IMPORT_ROW_REJECTED)
    return TRUE;
  if (state == CRM_IMPORT_ROW_DUPLICATE)
    {
      guint index = g_array_index (self->row_duplicate, guint, row);
      const CrmImportDuplicate *duplicate = self->duplicates->pdata[index];

      if (duplicate->choice == CRM_IMPORT_DUPLICATE_SKIP)
        {
          w->summary->n_skipped++;
          return TRUE;
        }
      if (duplicate->choice == CRM_IMPORT_DUPLICATE_MERGE)
        target = merge_target (w, row, duplicate);
    }

  crm_importer_gather (self, row, &values);
  if (target != 0)
    {
      w->summary->n_merged++;
      if (self->kind == CRM_IMPORT_KIND_COMPANIES)
        return merge_company (w, target, &values, error);
      return merge_contact (w, line, target, &values, error);
    }

  w->summary->n_added++;
  switch (self->kind)
    {
      case CRM_IMPORT_KIND_CONTACTS:
        return add_contact (w, row, line, &values, error);
      case CRM_IMPORT_KIND_COMPANIES:
        return add_company (w, row, &values, error);
      case CRM_IMPORT_KIND_DEALS:
        return add_deal (w, line, &values, error);
      case CRM_IMPORT_KIND_ACTIVITIES:
        return add_activity (w, line, &values, error);
      default:
        g_assert_not_reached ();
    }
}

static CrmImportSummary *
new_summary (CrmImporter *self, gboolean dry_run)
{
  CrmImportSummary *summary = g_new0 (CrmImportSummary, 1);

  summary->dry_run = dry_run;
  summary->rejections = g_ptr_array_new_with_free_func (crm_import_rejection_free);
  summary->warnings = g_ptr_array_new_with_free_func (g_free);
  summary->n_photos_dropped = self->n_photos_dropped;
  for (guint row = 0; row < self->rows->len; row++)
    if (g_array_index (self->row_states, guint8, row) != CRM_IMPORT_ROW_BLANK)
      summary->n_rows++;
  return summary;
}

static void
copy_rejections (CrmImporter *self, CrmImportSummary *summary)
{
  for (guint i = 0; i < self->rejections->len; i++)
    {
      const CrmImportRejection *rejection = self->rejections->pdata[i];
      CrmImportRejection *copy = g_new0 (CrmImportRejection, 1);

      copy->line = rejection->line;
      copy->reason = g_strdup (rejection->reason);
      g_ptr_array_add (summary->rejections, copy);
    }
  summary->n_rejected = self->rejections->len;
}

CrmImportSummary *
crm_importer_write (CrmImporter *self,
                    CrmStore *store,
                    gboolean dry_run,
                    GCancellable *cancellable,
                    CrmImportProgressFunc progress,
                    gpointer progress_data,
                    GError **error)
{
  g_autoptr (CrmImportSummary) summary = new_summary (self, dry_run);
  g_autofree gpointer throttle = crm_import_progress_new (progress, progress_data);
  Writer w = { 0 };
  gboolean ok = TRUE;
  guint n_rows = self->rows->len;

  w.importer = self;
  w.store = store;
  w.dry_run = dry_run;
  w.summary = summary;
  w.companies = id_table ();
  w.contacts = id_table ();
  w.deals = id_table ();
  w.sources = id_table ();
  w.tags = id_table ();
  w.row_ids = g_array_new (FALSE, TRUE, sizeof (gint64));
  w.now = g_get_real_time () / G_USEC_PER_SEC;
  g_array_set_size (w.row_ids, n_rows);

  /* The rejection list is a copy: the importer keeps its own for another run. */
  copy_rejections (self, summary);

  ok = prepare (&w, error);
  if (ok && !dry_run)
    ok = crm_store_begin_bulk_sized (store, n_rows, error);
  if (!ok)
    {
      writer_clear (&w);
      return NULL;
    }

  for (guint row = 0; row < n_rows && ok; row++)
    {
      if (crm_import_check_cancelled (cancellable, error))
        ok = FALSE;
      else
        {
          crm_import_progress_report (throttle, (double) row / n_rows);
          ok = write_row (&w, row, error);
        }
    }
  /* Every row written: what is left is the commit. */
  if (ok)
    crm_import_progress_report (throttle, 1.0);
  if (ok && !dry_run)
    ok = crm_store_commit (store, error);
  else if (!ok && !dry_run)
    crm_store_rollback (store);
  writer_clear (&w);
  if (!ok)
    return NULL;
  return g_steal_pointer (&summary);
}

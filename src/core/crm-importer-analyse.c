/* crm-importer-analyse.c — CrmImporter's analysis: every row checked against the rules of its
 * kind (rejected with its line and reason) and against the stored records and the earlier rows
 * of the file for duplicates (crm-process.md §2: same e-mail, or same normalised name and
 * company; companies by name), writing nothing; then the duplicate choices, and the run. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "crm-importer-private.h"

#define NO_INDEX G_MAXUINT

/* ---- Analysis ------------------------------------------------------------------------------ */

static gboolean
has_field (CrmImporter *self, CrmImportField field)
{
  for (guint i = 0; i < self->column_fields->len; i++)
    if (g_array_index (self->column_fields, CrmImportField, i) == field)
      return TRUE;
  return FALSE;
}

static gboolean
check_mapping (CrmImporter *self, GError **error)
{
  const char *message = NULL;

  switch (self->kind)
    {
      case CRM_IMPORT_KIND_CONTACTS:
        if (!has_field (self, CRM_IMPORT_FIELD_NAME)
            && !has_field (self, CRM_IMPORT_FIELD_FIRST_NAME)
            && !has_field (self, CRM_IMPORT_FIELD_LAST_NAME)
            && !has_field (self, CRM_IMPORT_FIELD_EMAIL))
          message = _ ("No column gives the contacts’ names or e-mail addresses");
        break;
      case CRM_IMPORT_KIND_COMPANIES:
        if (!has_field (self, CRM_IMPORT_FIELD_NAME))
          message = _ ("No column gives the companies’ names");
        break;
      case CRM_IMPORT_KIND_DEALS:
        if (!has_field (self, CRM_IMPORT_FIELD_DEAL_TITLE))
          message = _ ("No column gives the deals’ titles");
        break;
      case CRM_IMPORT_KIND_ACTIVITIES:
        if (!has_field (self, CRM_IMPORT_FIELD_SUBJECT) && !has_field (self, CRM_IMPORT_FIELD_NOTES)
            && !has_field (self, CRM_IMPORT_FIELD_ACTIVITY_KIND))
          message = _ ("No column gives the activities’ subjects, notes or types");
        break;
      default:
        g_assert_not_reached ();
    }
  if (message == NULL)
    return TRUE;
  g_set_error_literal (error, CRM_IMPORT_ERROR, CRM_IMPORT_ERROR_NO_MAPPING, message);
  return FALSE;
}

/* Reports progress at most every 1 % or 100 ms, and always at the end. */
typedef struct
{
  CrmImportProgressFunc func;
  gpointer data;
  double last_fraction;
  gint64 last_time;
} ProgressThrottle;

void
crm_import_progress_report (gpointer throttle_pointer, double fraction)
{
  ProgressThrottle *throttle = throttle_pointer;
  gint64 now;

  if (throttle->func == NULL)
    return;
  now = g_get_monotonic_time ();
  if (fraction < 1.0 && fraction - throttle->last_fraction < 0.01
      && now - throttle->last_time < 100 * G_TIME_SPAN_MILLISECOND)
    return;
  throttle->last_fraction = fraction;
  throttle->last_time = now;
  throttle->func (fraction, throttle->data);
}

gpointer
crm_import_progress_new (CrmImportProgressFunc func, gpointer data)
{
  ProgressThrottle *throttle = g_new0 (ProgressThrottle, 1);

  throttle->func = func;
  throttle->data = data;
  throttle->last_fraction = -1.0;
  return throttle;
}

gboolean
crm_import_check_cancelled (GCancellable *cancellable, GError **error)
{
  if (!g_cancellable_is_cancelled (cancellable))
    return FALSE;
  g_set_error_literal (error, CRM_IMPORT_ERROR, CRM_IMPORT_ERROR_CANCELLED,
                       _ ("The import was cancelled; nothing was imported"));
  return TRUE;
}

static void
add_rejection (CrmImporter *self, guint line, char *reason)
{
  CrmImportRejection *rejection = g_new0 (CrmImportRejection, 1);

  rejection->line = line;
  rejection->reason = reason;
  g_ptr_array_add (self->rejections, rejection);
}

static void
add_duplicate (CrmImporter *self,
               guint row,
               const char *row_name,
               gint64 existing_id,
               const char *existing_name,
               const char *reason)
{
  CrmImportDuplicate *duplicate = g_new0 (CrmImportDuplicate, 1);

  duplicate->line = g_array_index (self->rows, CrmImportRow, row).line;
  duplicate->row_name = g_strdup (row_name);
  duplicate->existing_id = existing_id;
  duplicate->existing_name = g_strdup (existing_name);
  duplicate->reason = g_strdup (reason);
  duplicate->choice = self->default_choice;
  g_array_index (self->row_duplicate, guint, row) = self->duplicates->len;
  g_array_index (self->row_states, guint8, row) = CRM_IMPORT_ROW_DUPLICATE;
  g_ptr_array_add (self->duplicates, duplicate);
}

/* The stored contact or company @values duplicates (crm-process.md §2), with the reason. */
static gboolean
find_stored_duplicate (CrmImporter *self,
                       CrmStore *store,
                       const CrmImportValues *values,
                       gint64 *id,
                       char **name,
                       const char **reason,
                       GError **error)
{
  *id = 0;
  if (self->kind == CRM_IMPORT_KIND_COMPANIES)
    {
      g_autoptr (CrmCompanyRecord) company = NULL;

      if (!crm_store_find_company_by_name (store, values->name, id, error))
        return FALSE;
      if (*id != 0 && (company = crm_store_get_company (store, *id, error)) == NULL)
        return FALSE;
      if (company != NULL)
        *name = g_strdup (company->name);
      *reason = _ ("same name");
      return TRUE;
    }

  if (!crm_store_find_contact_by_email (store, values->email, id, error))
    return FALSE;
  *reason = _ ("same e-mail");
  if (*id == 0)
    {
      const char *company = values->cells[CRM_IMPORT_FIELD_COMPANY];

      if (!crm_store_find_contact_by_name (store, values->name, company != NULL ? company : "", id,
                                           error))
        return FALSE;
      *reason = _ ("same name and company");
    }
  if (*id != 0)
    {
      g_autoptr (CrmContactRecord) contact = crm_store_get_contact (store, *id, error);

      if (contact == NULL)
        return FALSE;
      *name = g_strdup (contact->name);
    }
  return TRUE;
}

/* Keys a row is found again by within the file: its e-mail, and its name with its company. */
static void
row_keys (CrmImporter *self, const CrmImportValues *values, char **email_key, char **name_key)
{
  g_autofree char *name = crm_import_name_key (values->name);

  *email_key = values->email != NULL ? g_utf8_casefold (values->email, -1) : NULL;
  if (self->kind == CRM_IMPORT_KIND_CONTACTS)
    {
      g_autofree char *company = crm_import_name_key (values->cells[CRM_IMPORT_FIELD_COMPANY]);

      *name_key = g_strconcat (name, "\n", company, NULL);
    }
  else
    *name_key = g_steal_pointer (&name);
}

static gboolean
analyse_rows (CrmImporter *self,
              CrmStore *store,
              GCancellable *cancellable,
              gpointer throttle,
              GError **error)
{
  g_autoptr (GHashTable) by_email = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr (GHashTable) by_name = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  gboolean find_duplicates
      = self->kind == CRM_IMPORT_KIND_CONTACTS || self->kind == CRM_IMPORT_KIND_COMPANIES;
  gboolean store_has_rows = FALSE;
  guint n_rows = self->rows->len;

  if (find_duplicates)
    {
      gint64 n = crm_store_count (
          store, self->kind == CRM_IMPORT_KIND_CONTACTS ? CRM_ENTITY_CONTACT : CRM_ENTITY_COMPANY,
          error);
      if (n < 0)
        return FALSE;
      store_has_rows = n > 0;
    }

  for (guint row = 0; row < n_rows; row++)
    {
      CrmImportRow *r = &g_array_index (self->rows, CrmImportRow, row);
      g_auto (CrmImportValues) values = { 0 };
      g_autofree char *email_key = NULL;
      g_autofree char *name_key = NULL;
      char *reason;
      gpointer earlier;

      if (row % 256 == 0 && crm_import_check_cancelled (cancellable, error))
        return FALSE;
      crm_import_progress_report (throttle, (double) row / n_rows);

      if (crm_import_cells_blank (r->cells, self->column_names->len))
        {
          g_array_index (self->row_states, guint8, row) = CRM_IMPORT_ROW_BLANK;
          continue;
        }
      crm_importer_gather (self, row, &values);
      if (r->n_cells > self->column_names->len)
        reason = g_strdup_printf (
            /* TRANSLATORS: a row of a CSV file */
            g_dngettext (GETTEXT_PACKAGE, "it has %u values but the header names %u column",
                         "it has %u values but the header names %u columns",
                         self->column_names->len),
            r->n_cells, self->column_names->len);
      else
        reason = crm_importer_check_row (self, &values);
      if (reason != NULL)
        {
          g_array_index (self->row_states, guint8, row) = CRM_IMPORT_ROW_REJECTED;
          add_rejection (self, r->line, reason);
          continue;
        }
      if (!find_duplicates)
        continue;

      if (store_has_rows)
        {
          g_autofree char *existing_name = NULL;
          const char *why = NULL;
          gint64 id = 0;

          if (!find_stored_duplicate (self, store, &values, &id, &existing_name, &why, error))
            return FALSE;
          if (id != 0)
            {
              add_duplicate (self, row, values.name, id, existing_name, why);
              continue;
            }
        }

      row_keys (self, &values, &email_key, &name_key);
      if (email_key != NULL && g_hash_table_lookup_extended (by_email, email_key, NULL, &earlier))
        {
          g_array_index (self->row_earlier, guint, row) = GPOINTER_TO_UINT (earlier);
          add_duplicate (self, row, values.name, 0, values.name, _ ("same e-mail"));
          continue;
        }
      if (g_hash_table_lookup_extended (by_name, name_key, NULL, &earlier))
        {
          g_array_index (self->row_earlier, guint, row) = GPOINTER_TO_UINT (earlier);
          add_duplicate (self, row, values.name, 0, values.name,
                         self->kind == CRM_IMPORT_KIND_CONTACTS ? _ ("same name and company")
                                                                : _ ("same name"));
          continue;
        }
      if (email_key != NULL)
        g_hash_table_insert (by_email, g_steal_pointer (&email_key), GUINT_TO_POINTER (row));
      g_hash_table_insert (by_name, g_steal_pointer (&name_key), GUINT_TO_POINTER (row));
    }
  crm_import_progress_report (throttle, 1.0);
  return TRUE;
}

gboolean
crm_importer_analyse (CrmImporter *self,
                      CrmStore *store,
                      GCancellable *cancellable,
                      CrmImportProgressFunc progress,
                      gpointer progress_data,
                      GError **error)
{
  g_autofree gpointer throttle = NULL;
  guint n_rows;

  g_return_val_if_fail (CRM_IS_IMPORTER (self), FALSE);
  g_return_val_if_fail (CRM_IS_STORE (store), FALSE);

  crm_importer_clear_analysis (self);
  if (!check_mapping (self, error))
    return FALSE;

  n_rows = self->rows->len;
  g_array_set_size (self->row_states, n_rows);
  g_array_set_size (self->row_duplicate, n_rows);
  g_array_set_size (self->row_earlier, n_rows);
  for (guint i = 0; i < n_rows; i++)
    {
      g_array_index (self->row_duplicate, guint, i) = NO_INDEX;
      g_array_index (self->row_earlier, guint, i) = NO_INDEX;
    }

  throttle = crm_import_progress_new (progress, progress_data);
  if (!analyse_rows (self, store, cancellable, throttle, error))
    {
      crm_importer_clear_analysis (self);
      return FALSE;
    }
  self->analysed = TRUE;
  return TRUE;
}

void
crm_importer_set_default_duplicate_choice (CrmImporter *self, CrmImportDuplicateChoice choice)
{
  g_return_if_fail (CRM_IS_IMPORTER (self));
  self->default_choice = choice;
}

guint
crm_importer_get_n_duplicates (CrmImporter *self)
{
  g_return_val_if_fail (CRM_IS_IMPORTER (self), 0);
  return self->duplicates->len;
}

const CrmImportDuplicate *
crm_importer_get_duplicate (CrmImporter *self, guint index)
{
  g_return_val_if_fail (CRM_IS_IMPORTER (self), NULL);
  g_return_val_if_fail (index < self->duplicates->len, NULL);
  return self->duplicates->pdata[index];
}

void
crm_importer_set_duplicate_choice (CrmImporter *self, guint index, CrmImportDuplicateChoice choice)
{
  g_return_if_fail (CRM_IS_IMPORTER (self));
  g_return_if_fail (index < self->duplicates->len);
  ((CrmImportDuplicate *) self->duplicates->pdata[index])->choice = choice;
}

void
crm_importer_set_all_duplicate_choices (CrmImporter *self, CrmImportDuplicateChoice choice)
{
  g_return_if_fail (CRM_IS_IMPORTER (self));
  for (guint i = 0; i < self->duplicates->len; i++)
    ((CrmImportDuplicate *) self->duplicates->pdata[i])->choice = choice;
}

/* ---- Running ------------------------------------------------------------------------------- */

CrmImportSummary *
crm_importer_run (CrmImporter *self,
                  CrmStore *store,
                  gboolean dry_run,
                  GCancellable *cancellable,
                  CrmImportProgressFunc progress,
                  gpointer progress_data,
                  GError **error)
{
  g_return_val_if_fail (CRM_IS_IMPORTER (self), NULL);
  g_return_val_if_fail (CRM_IS_STORE (store), NULL);

  if (!self->analysed
      && !crm_importer_analyse (self, store, cancellable, progress, progress_data, error))
    return NULL;
  return crm_importer_write (self, store, dry_run, cancellable, progress, progress_data, error);
}

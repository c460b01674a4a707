/* crm-importer.c — CrmImporter: reads a CSV or vCard file whole, maps its columns, analyses its
 * rows (rules and duplicates) and runs the import (crm-importer-write.c) — synchronously for
 * rapport-cli and tests, or in a GTask thread on its own connection for the window.
 *
 * Header recognition and value parsing are in crm-importer-mapping.c, the vCard columns in
 * crm-importer-vcard.c. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "crm-csv-reader.h"
#include "crm-importer-private.h"

G_DEFINE_FINAL_TYPE (CrmImporter, crm_importer, G_TYPE_OBJECT)

#define NO_INDEX G_MAXUINT

static void
duplicate_free (gpointer data)
{
  CrmImportDuplicate *duplicate = data;

  g_free (duplicate->row_name);
  g_free (duplicate->existing_name);
  g_free (duplicate->reason);
  g_free (duplicate);
}

void
crm_import_rejection_free (gpointer data)
{
  CrmImportRejection *rejection = data;

  g_free (rejection->reason);
  g_free (rejection);
}

void
crm_import_summary_free (CrmImportSummary *summary)
{
  if (summary == NULL)
    return;
  g_clear_pointer (&summary->rejections, g_ptr_array_unref);
  g_clear_pointer (&summary->warnings, g_ptr_array_unref);
  g_free (summary);
}

static void
clear_analysis (CrmImporter *self)
{
  self->analysed = FALSE;
  g_array_set_size (self->row_states, 0);
  g_array_set_size (self->row_duplicate, 0);
  g_array_set_size (self->row_earlier, 0);
  g_ptr_array_set_size (self->duplicates, 0);
  g_ptr_array_set_size (self->rejections, 0);
}

static void
crm_importer_finalize (GObject *object)
{
  CrmImporter *self = CRM_IMPORTER (object);

  for (guint i = 0; i < self->rows->len; i++)
    g_free (g_array_index (self->rows, CrmImportRow, i).cells);
  g_array_unref (self->rows);
  g_ptr_array_unref (self->column_names);
  g_array_unref (self->column_fields);
  g_array_unref (self->column_type_columns);
  g_array_unref (self->row_states);
  g_array_unref (self->row_duplicate);
  g_array_unref (self->row_earlier);
  g_ptr_array_unref (self->duplicates);
  g_ptr_array_unref (self->rejections);
  g_free (self->encoding);
  g_free (self->default_currency);
  g_free (self->file_name);

  G_OBJECT_CLASS (crm_importer_parent_class)->finalize (object);
}

static void
crm_importer_class_init (CrmImporterClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = crm_importer_finalize;
}

static void
crm_importer_init (CrmImporter *self)
{
  self->rows = g_array_new (FALSE, FALSE, sizeof (CrmImportRow));
  self->column_names = g_ptr_array_new_with_free_func (g_free);
  self->column_fields = g_array_new (FALSE, TRUE, sizeof (CrmImportField));
  self->column_type_columns = g_array_new (FALSE, TRUE, sizeof (int));
  self->row_states = g_array_new (FALSE, TRUE, sizeof (guint8));
  self->row_duplicate = g_array_new (FALSE, TRUE, sizeof (guint));
  self->row_earlier = g_array_new (FALSE, TRUE, sizeof (guint));
  self->duplicates = g_ptr_array_new_with_free_func (duplicate_free);
  self->rejections = g_ptr_array_new_with_free_func (crm_import_rejection_free);
  self->default_choice = CRM_IMPORT_DUPLICATE_SKIP;
  self->default_currency = g_strdup ("EUR");
  self->encoding = g_strdup ("UTF-8");
  self->separator = ',';
}

/* ---- Rows ---------------------------------------------------------------------------------- */

void
crm_importer_append_row (CrmImporter *self, guint line, const char *const *cells, guint n)
{
  guint n_columns = self->column_names->len;
  gsize size = (n_columns + 1) * sizeof (char *);
  CrmImportRow row = { line, NULL };
  char *text;

  /* One block: the pointers, then the strings. Missing cells are empty; extra ones dropped. */
  for (guint i = 0; i < n_columns; i++)
    size += (i < n ? strlen (cells[i]) : 0) + 1;
  row.cells = g_malloc (size);
  text = (char *) (row.cells + n_columns + 1);
  for (guint i = 0; i < n_columns; i++)
    {
      gsize length = i < n ? strlen (cells[i]) : 0;

      row.cells[i] = text;
      if (length > 0)
        memcpy (text, cells[i], length);
      text[length] = '\0';
      text += length + 1;
    }
  row.cells[n_columns] = NULL;
  g_array_append_val (self->rows, row);
}

/* The column that holds the type of e-mail/phone column @column ("E-mail 1 - Type" beside
 * "E-mail 1 - Value", as Google writes), or -1. */
static int
find_type_column (CrmImporter *self, guint column)
{
  g_autofree char *key = crm_import_normalise_header (self->column_names->pdata[column]);
  g_autofree char *wanted = NULL;
  char *value_at;

  if (!g_str_has_suffix (key, "value"))
    return -1;
  value_at = key + strlen (key) - strlen ("value");
  *value_at = '\0';
  wanted = g_strconcat (key, "type", NULL);
  for (guint i = 0; i < self->column_names->len; i++)
    {
      g_autofree char *other = crm_import_normalise_header (self->column_names->pdata[i]);

      if (strcmp (other, wanted) == 0)
        return (int) i;
    }
  return -1;
}

static void
map_columns (CrmImporter *self)
{
  guint n = self->column_names->len;

  g_array_set_size (self->column_fields, n);
  g_array_set_size (self->column_type_columns, n);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *key = crm_import_normalise_header (self->column_names->pdata[i]);
      CrmImportField field = crm_import_guess_field (self->kind, key);

#ifdef HAVE_VCARD_READER
      if (self->format == CRM_IMPORT_FORMAT_VCARD)
        field = self->kind == CRM_IMPORT_KIND_CONTACTS ? crm_importer_vcard_column_field (i)
                                                       : CRM_IMPORT_FIELD_IGNORE;
#endif

      g_array_index (self->column_fields, CrmImportField, i) = field;
      g_array_index (self->column_type_columns, int, i)
          = (field == CRM_IMPORT_FIELD_EMAIL || field == CRM_IMPORT_FIELD_PHONE)
                ? find_type_column (self, i)
                : -1;
    }
  clear_analysis (self);
}

/* ---- Reading ------------------------------------------------------------------------------- */

static gboolean
load_csv (CrmImporter *self, GBytes *bytes, GError **error)
{
  g_autoptr (CrmCsvReader) reader = crm_csv_reader_new (bytes, error);
  const char *const *fields = NULL;
  guint line = 0;
  GError *local_error = NULL;

  if (reader == NULL)
    return FALSE;
  g_free (self->encoding);
  self->encoding = g_strdup (crm_csv_reader_get_encoding (reader));
  self->separator = crm_csv_reader_get_separator (reader);

  if (!crm_csv_reader_next (reader, &fields, &line, &local_error))
    {
      if (local_error != NULL)
        g_propagate_error (error, local_error);
      else
        g_set_error_literal (error, CRM_IMPORT_ERROR, CRM_IMPORT_ERROR_BAD_FILE,
                             _ ("The file is empty"));
      return FALSE;
    }
  for (guint i = 0; fields[i] != NULL; i++)
    {
      g_autofree char *name = g_strstrip (g_strdup (fields[i]));

      if (*name == '\0')
        g_ptr_array_add (self->column_names, g_strdup_printf (_ ("Column %u"), i + 1));
      else
        g_ptr_array_add (self->column_names, g_steal_pointer (&name));
    }

  while (crm_csv_reader_next (reader, &fields, &line, &local_error))
    crm_importer_append_row (self, line, fields, g_strv_length ((char **) fields));
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }
  return TRUE;
}

static gboolean
looks_like_vcard (GBytes *bytes)
{
  gsize length = 0;
  const char *data = g_bytes_get_data (bytes, &length);
  g_autofree char *head = NULL;
  GString *ascii;

  if (data == NULL)
    return FALSE;
  /* Keep the ASCII letters of the first bytes, so UTF-16 and BOMs read the same. */
  ascii = g_string_new (NULL);
  for (gsize i = 0; i < MIN (length, 4096); i++)
    if (data[i] != '\0' && (guchar) data[i] < 0x80)
      g_string_append_c (ascii, g_ascii_toupper (data[i]));
  head = g_string_free (ascii, FALSE);
  return strstr (head, "BEGIN:VCARD") != NULL;
}

static gboolean
load_bytes (CrmImporter *self, GBytes *bytes, int kind_hint, GError **error)
{
  if (looks_like_vcard (bytes))
    {
      self->format = CRM_IMPORT_FORMAT_VCARD;
      self->kind = CRM_IMPORT_KIND_CONTACTS;
#ifdef HAVE_VCARD_READER
      if (!crm_importer_load_vcard (self, bytes, error))
        return FALSE;
#else
      g_set_error_literal (error, CRM_IMPORT_ERROR, CRM_IMPORT_ERROR_BAD_FILE,
                           _ ("vCard files cannot be imported by this build of Rapport"));
      return FALSE;
#endif
    }
  else
    {
      self->format = CRM_IMPORT_FORMAT_CSV;
      if (!load_csv (self, bytes, error))
        return FALSE;
      if (kind_hint >= CRM_IMPORT_KIND_CONTACTS && kind_hint <= CRM_IMPORT_KIND_ACTIVITIES)
        self->kind = (CrmImportKind) kind_hint;
      else
        self->kind = crm_import_guess_kind (self->column_names);
    }
  map_columns (self);
  return TRUE;
}

CrmImporter *
crm_importer_new (GFile *file, int kind_hint, GError **error)
{
  g_autoptr (CrmImporter) self = NULL;
  g_autoptr (GBytes) bytes = NULL;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  bytes = g_file_load_bytes (file, NULL, NULL, error);
  if (bytes == NULL)
    return NULL;
  self = g_object_new (CRM_TYPE_IMPORTER, NULL);
  self->file_name = g_file_get_basename (file);
  if (!load_bytes (self, bytes, kind_hint, error))
    return NULL;
  return g_steal_pointer (&self);
}

static void
new_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  GError *error = NULL;
  CrmImporter *importer = crm_importer_new (
      G_FILE (task_data), GPOINTER_TO_INT (g_object_get_data (G_OBJECT (task), "kind-hint")),
      &error);

  if (importer == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, importer, g_object_unref);
}

void
crm_importer_new_async (GFile *file,
                        int kind_hint,
                        GCancellable *cancellable,
                        GAsyncReadyCallback callback,
                        gpointer user_data)
{
  g_autoptr (GTask) task = g_task_new (NULL, cancellable, callback, user_data);

  g_task_set_source_tag (task, crm_importer_new_async);
  g_task_set_task_data (task, g_object_ref (file), g_object_unref);
  g_object_set_data (G_OBJECT (task), "kind-hint", GINT_TO_POINTER (kind_hint));
  g_task_run_in_thread (task, new_thread);
}

CrmImporter *
crm_importer_new_finish (GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ---- Properties ---------------------------------------------------------------------------- */

CrmImportFormat
crm_importer_get_format (CrmImporter *self)
{
  g_return_val_if_fail (CRM_IS_IMPORTER (self), CRM_IMPORT_FORMAT_CSV);
  return self->format;
}

const char *
crm_importer_get_encoding (CrmImporter *self)
{
  g_return_val_if_fail (CRM_IS_IMPORTER (self), NULL);
  return self->encoding;
}

char
crm_importer_get_separator (CrmImporter *self)
{
  g_return_val_if_fail (CRM_IS_IMPORTER (self), ',');
  return self->separator;
}

CrmImportKind
crm_importer_get_kind (CrmImporter *self)
{
  g_return_val_if_fail (CRM_IS_IMPORTER (self), CRM_IMPORT_KIND_CONTACTS);
  return self->kind;
}

void
crm_importer_set_kind (CrmImporter *self, CrmImportKind kind)
{
  g_return_if_fail (CRM_IS_IMPORTER (self));
  g_return_if_fail (kind <= CRM_IMPORT_KIND_ACTIVITIES);
  self->kind = kind;
  map_columns (self);
}

void
crm_importer_set_default_currency (CrmImporter *self, const char *currency)
{
  g_return_if_fail (CRM_IS_IMPORTER (self));
  g_return_if_fail (currency != NULL);
  g_free (self->default_currency);
  self->default_currency = g_strdup (currency);
}

guint
crm_importer_get_n_columns (CrmImporter *self)
{
  g_return_val_if_fail (CRM_IS_IMPORTER (self), 0);
  return self->column_names->len;
}

const char *
crm_importer_get_column_name (CrmImporter *self, guint column)
{
  g_return_val_if_fail (CRM_IS_IMPORTER (self), NULL);
  g_return_val_if_fail (column < self->column_names->len, NULL);
  return self->column_names->pdata[column];
}

CrmImportField
crm_importer_get_column_field (CrmImporter *self, guint column)
{
  g_return_val_if_fail (CRM_IS_IMPORTER (self), CRM_IMPORT_FIELD_IGNORE);
  g_return_val_if_fail (column < self->column_fields->len, CRM_IMPORT_FIELD_IGNORE);
  return g_array_index (self->column_fields, CrmImportField, column);
}

void
crm_importer_set_column_field (CrmImporter *self, guint column, CrmImportField field)
{
  g_return_if_fail (CRM_IS_IMPORTER (self));
  g_return_if_fail (column < self->column_fields->len);
  g_return_if_fail (field < CRM_IMPORT_N_FIELDS);
  g_array_index (self->column_fields, CrmImportField, column) = field;
  g_array_index (self->column_type_columns, int, column)
      = (field == CRM_IMPORT_FIELD_EMAIL || field == CRM_IMPORT_FIELD_PHONE)
            ? find_type_column (self, column)
            : -1;
  clear_analysis (self);
}

guint
crm_importer_get_n_rows (CrmImporter *self)
{
  g_return_val_if_fail (CRM_IS_IMPORTER (self), 0);
  return self->rows->len;
}

const char *const *
crm_importer_get_row (CrmImporter *self, guint row)
{
  g_return_val_if_fail (CRM_IS_IMPORTER (self), NULL);
  g_return_val_if_fail (row < self->rows->len, NULL);
  return (const char *const *) g_array_index (self->rows, CrmImportRow, row).cells;
}

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

  clear_analysis (self);
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
      clear_analysis (self);
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

/* ---- Threads ------------------------------------------------------------------------------- */

typedef struct
{
  char *database_path;
  CrmImportProgressFunc progress;
  gpointer progress_data;
  GMainContext *context;
  gboolean run;
} ThreadData;

static void
thread_data_free (gpointer data)
{
  ThreadData *thread_data = data;

  g_free (thread_data->database_path);
  g_main_context_unref (thread_data->context);
  g_free (thread_data);
}

typedef struct
{
  CrmImportProgressFunc func;
  gpointer data;
  double fraction;
} ProgressCall;

static gboolean
deliver_progress (gpointer data)
{
  ProgressCall *call = data;

  call->func (call->fraction, call->data);
  return G_SOURCE_REMOVE;
}

/* Runs on the worker thread: hands the (already throttled) report to the caller's context. */
static void
forward_progress (double fraction, gpointer data)
{
  ThreadData *thread_data = data;
  ProgressCall *call = g_new0 (ProgressCall, 1);

  call->func = thread_data->progress;
  call->data = thread_data->progress_data;
  call->fraction = fraction;
  g_main_context_invoke_full (thread_data->context, G_PRIORITY_DEFAULT, deliver_progress, call,
                              g_free);
}

static void
work_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  CrmImporter *self = source;
  ThreadData *data = task_data;
  g_autoptr (CrmStore) store = NULL;
  GError *error = NULL;
  CrmImportProgressFunc progress = data->progress != NULL ? forward_progress : NULL;

  store = crm_store_open (data->database_path, &error);
  if (store == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  if (data->run)
    {
      CrmImportSummary *summary
          = crm_importer_run (self, store, FALSE, cancellable, progress, data, &error);

      if (summary == NULL)
        g_task_return_error (task, error);
      else
        g_task_return_pointer (task, summary, (GDestroyNotify) crm_import_summary_free);
    }
  else if (crm_importer_analyse (self, store, cancellable, progress, data, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
start_thread (CrmImporter *self,
              gboolean run,
              gpointer source_tag,
              const char *database_path,
              GCancellable *cancellable,
              CrmImportProgressFunc progress,
              gpointer progress_data,
              GAsyncReadyCallback callback,
              gpointer user_data)
{
  g_autoptr (GTask) task = g_task_new (self, cancellable, callback, user_data);
  ThreadData *data = g_new0 (ThreadData, 1);

  data->database_path = g_strdup (database_path);
  data->progress = progress;
  data->progress_data = progress_data;
  data->context = g_main_context_ref_thread_default ();
  data->run = run;
  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, data, thread_data_free);
  g_task_run_in_thread (task, work_thread);
}

void
crm_importer_analyse_async (CrmImporter *self,
                            const char *database_path,
                            GCancellable *cancellable,
                            CrmImportProgressFunc progress,
                            gpointer progress_data,
                            GAsyncReadyCallback callback,
                            gpointer user_data)
{
  g_return_if_fail (CRM_IS_IMPORTER (self));
  g_return_if_fail (database_path != NULL);
  start_thread (self, FALSE, crm_importer_analyse_async, database_path, cancellable, progress,
                progress_data, callback, user_data);
}

gboolean
crm_importer_analyse_finish (CrmImporter *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

void
crm_importer_run_async (CrmImporter *self,
                        const char *database_path,
                        GCancellable *cancellable,
                        CrmImportProgressFunc progress,
                        gpointer progress_data,
                        GAsyncReadyCallback callback,
                        gpointer user_data)
{
  g_return_if_fail (CRM_IS_IMPORTER (self));
  g_return_if_fail (database_path != NULL);
  start_thread (self, TRUE, crm_importer_run_async, database_path, cancellable, progress,
                progress_data, callback, user_data);
}

CrmImportSummary *
crm_importer_run_finish (CrmImporter *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* crm-importer.c — CrmImporter: reads a CSV or vCard file whole, maps its columns, analyses its
 * rows (rules and duplicates) and runs the import (crm-importer-write.c) — synchronously for
 * rapport-cli and tests, or in a GTask thread on its own connection for the window.
 *
 * The analysis is in crm-importer-analyse.c, header recognition in crm-importer-mapping.c,
 * value parsing in crm-importer-values.c, a row read by field in crm-importer-rows.c, the
 * write in crm-importer-write.c and the vCard columns in crm-importer-vcard.c. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "crm-csv-reader.h"
#include "crm-importer-private.h"

G_DEFINE_FINAL_TYPE (CrmImporter, crm_importer, G_TYPE_OBJECT)

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

void
crm_importer_clear_analysis (CrmImporter *self)
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

/* Whether @cell starts with the apostrophe that spreadsheet-safe exports put before a value a
 * spreadsheet could run as a formula ("'=SUM(A1)", "'+44 20 7946 0000": Rapport's own CSV
 * export without --raw, HubSpot's, Salesforce's): the value is what follows it. */
static gboolean
is_neutralised (const char *cell)
{
  return cell[0] == '\'' && cell[1] != '\0' && strchr ("=+-@\t\r", cell[1]) != NULL;
}

void
crm_importer_append_row (CrmImporter *self, guint line, const char *const *cells, guint n)
{
  guint n_columns = self->column_names->len;
  gsize size = (n_columns + 1) * sizeof (char *);
  CrmImportRow row = { line, MIN (n, n_columns), NULL };
  char *text;

  /* One block: the pointers, then the strings. Missing cells are empty; extra ones dropped. */
  for (guint i = 0; i < n_columns; i++)
    size += (i < n ? strlen (cells[i]) : 0) + 1;
  row.cells = g_malloc (size);
  text = (char *) (row.cells + n_columns + 1);
  for (guint i = 0; i < n_columns; i++)
    {
      const char *cell = i < n ? cells[i] + is_neutralised (cells[i]) : "";
      gsize length = strlen (cell);

      row.cells[i] = text;
      if (length > 0)
        memcpy (text, cell, length);
      text[length] = '\0';
      text += length + 1;
    }
  row.cells[n_columns] = NULL;
  /* Cells past the header's columns are dropped when empty (spreadsheets write trailing
   * separators), and make the row rejected otherwise (likely an unquoted separator). */
  for (guint i = n_columns; i < n; i++)
    if (cells[i][0] != '\0')
      row.n_cells = n;
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

      if (self->format == CRM_IMPORT_FORMAT_VCARD)
        field = self->kind == CRM_IMPORT_KIND_CONTACTS ? crm_importer_vcard_column_field (i)
                                                       : CRM_IMPORT_FIELD_IGNORE;

      g_array_index (self->column_fields, CrmImportField, i) = field;
      g_array_index (self->column_type_columns, int, i)
          = (field == CRM_IMPORT_FIELD_EMAIL || field == CRM_IMPORT_FIELD_PHONE)
                ? find_type_column (self, i)
                : -1;
    }
  crm_importer_clear_analysis (self);
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
      if (!crm_importer_load_vcard (self, bytes, error))
        return FALSE;
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
  crm_importer_clear_analysis (self);
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

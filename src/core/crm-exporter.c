/* crm-exporter.c — CrmExporter: the file side of an export (a temporary file beside the
 * target, renamed over it only on success), progress, cancellation and the worker thread. The
 * rows become text in crm-exporter-rows.c. */
#include "config.h"

#include <errno.h>
#include <gio/gfiledescriptorbased.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "crm-exporter-private.h"

/* Text is written out in pieces of about this size. */
#define FLUSH_BYTES (64 * 1024)
/* Progress is reported every this many rows. */
#define PROGRESS_ROWS 512

struct _CrmExporter
{
  GObject parent_instance;

  CrmExportKind kind;
  CrmExportFormat format;
  gboolean raw;
  guint64 n_exported;

  /* An async run's progress, handed to the caller's main context (see report_progress). */
  GMutex lock;
  GMainContext *progress_context;
  CrmExportProgressFunc progress;
  gpointer progress_data;
  double progress_fraction;
  gboolean progress_pending;
};

G_DEFINE_FINAL_TYPE (CrmExporter, crm_exporter, G_TYPE_OBJECT)

static const char *const kind_names[] = {
  "contacts", "companies", "deals", "activities", "tasks", "database",
};
static const char *const format_names[] = { "csv", "vcard", "ics", "db" };
static const char *const format_extensions[] = { "csv", "vcf", "ics", "db" };

G_STATIC_ASSERT (G_N_ELEMENTS (kind_names) == CRM_EXPORT_N_KINDS);
G_STATIC_ASSERT (G_N_ELEMENTS (format_names) == CRM_EXPORT_N_FORMATS);

const char *
crm_export_kind_to_string (CrmExportKind kind)
{
  g_return_val_if_fail (kind < CRM_EXPORT_N_KINDS, NULL);
  return kind_names[kind];
}

gboolean
crm_export_kind_from_string (const char *text, CrmExportKind *kind)
{
  for (guint i = 0; i < G_N_ELEMENTS (kind_names); i++)
    if (g_ascii_strcasecmp (text, kind_names[i]) == 0)
      {
        *kind = (CrmExportKind) i;
        return TRUE;
      }
  return FALSE;
}

const char *
crm_export_format_to_string (CrmExportFormat format)
{
  g_return_val_if_fail (format < CRM_EXPORT_N_FORMATS, NULL);
  return format_names[format];
}

gboolean
crm_export_format_from_string (const char *text, CrmExportFormat *format)
{
  static const struct
  {
    const char *name;
    CrmExportFormat format;
  } names[] = {
    { "csv", CRM_EXPORT_FORMAT_CSV },        { "vcard", CRM_EXPORT_FORMAT_VCARD },
    { "vcf", CRM_EXPORT_FORMAT_VCARD },      { "ics", CRM_EXPORT_FORMAT_ICALENDAR },
    { "ical", CRM_EXPORT_FORMAT_ICALENDAR }, { "icalendar", CRM_EXPORT_FORMAT_ICALENDAR },
    { "db", CRM_EXPORT_FORMAT_DATABASE },    { "sqlite", CRM_EXPORT_FORMAT_DATABASE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_ascii_strcasecmp (text, names[i].name) == 0)
      {
        *format = names[i].format;
        return TRUE;
      }
  return FALSE;
}

gboolean
crm_export_format_from_path (const char *path, CrmExportFormat *format)
{
  g_autofree char *base = g_path_get_basename (path);
  const char *dot = strrchr (base, '.');

  if (dot == NULL || dot == base)
    return FALSE;
  return crm_export_format_from_string (dot + 1, format);
}

const char *
crm_export_format_get_extension (CrmExportFormat format)
{
  g_return_val_if_fail (format < CRM_EXPORT_N_FORMATS, NULL);
  return format_extensions[format];
}

gboolean
crm_export_kind_supports_format (CrmExportKind kind, CrmExportFormat format)
{
  switch (kind)
    {
      case CRM_EXPORT_CONTACTS:
        return format == CRM_EXPORT_FORMAT_CSV || format == CRM_EXPORT_FORMAT_VCARD;
      case CRM_EXPORT_COMPANIES:
      case CRM_EXPORT_DEALS:
      case CRM_EXPORT_ACTIVITIES:
        return format == CRM_EXPORT_FORMAT_CSV;
      case CRM_EXPORT_TASKS:
        return format == CRM_EXPORT_FORMAT_ICALENDAR || format == CRM_EXPORT_FORMAT_CSV;
      case CRM_EXPORT_DATABASE:
        return format == CRM_EXPORT_FORMAT_DATABASE;
      case CRM_EXPORT_N_KINDS:
      default:
        return FALSE;
    }
}

CrmExportFormat
crm_export_kind_get_default_format (CrmExportKind kind)
{
  if (kind == CRM_EXPORT_TASKS)
    return CRM_EXPORT_FORMAT_ICALENDAR;
  if (kind == CRM_EXPORT_DATABASE)
    return CRM_EXPORT_FORMAT_DATABASE;
  return CRM_EXPORT_FORMAT_CSV;
}

char *
crm_export_suggest_file_name (CrmExportKind kind, CrmExportFormat format, GDateTime *day)
{
  g_autofree char *date = g_date_time_format (day, "%Y-%m-%d");
  const char *what = kind == CRM_EXPORT_TASKS ? "tasks-and-meetings" : kind_names[kind];

  return g_strdup_printf ("rapport-%s-%s.%s", what, date, crm_export_format_get_extension (format));
}

char *
crm_export_describe_count (CrmExportKind kind, guint64 n, gboolean group_digits)
{
  g_autofree char *number = group_digits ? g_strdup_printf ("%'" G_GUINT64_FORMAT, n)
                                         : g_strdup_printf ("%" G_GUINT64_FORMAT, n);
  gulong count = (gulong) MIN (n, G_MAXULONG);

  switch (kind)
    {
      case CRM_EXPORT_CONTACTS:
        return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s contact", "%s contacts", count),
                                number);
      case CRM_EXPORT_COMPANIES:
        return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s company", "%s companies", count),
                                number);
      case CRM_EXPORT_DEALS:
        return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s deal", "%s deals", count),
                                number);
      case CRM_EXPORT_ACTIVITIES:
        return g_strdup_printf (
            g_dngettext (GETTEXT_PACKAGE, "%s activity", "%s activities", count), number);
      case CRM_EXPORT_TASKS:
        return g_strdup_printf (
            g_dngettext (GETTEXT_PACKAGE, "%s task or meeting", "%s tasks and meetings", count),
            number);
      case CRM_EXPORT_DATABASE:
        return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "the whole database (%s contact)",
                                             "the whole database (%s contacts)", count),
                                number);
      case CRM_EXPORT_N_KINDS:
      default:
        g_return_val_if_reached (NULL);
    }
}

/* ---- The object --------------------------------------------------------------------------- */

static void
crm_exporter_finalize (GObject *object)
{
  CrmExporter *self = CRM_EXPORTER (object);

  g_clear_pointer (&self->progress_context, g_main_context_unref);
  g_mutex_clear (&self->lock);
  G_OBJECT_CLASS (crm_exporter_parent_class)->finalize (object);
}

static void
crm_exporter_class_init (CrmExporterClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = crm_exporter_finalize;
}

static void
crm_exporter_init (CrmExporter *self)
{
  g_mutex_init (&self->lock);
}

CrmExporter *
crm_exporter_new (CrmExportKind kind, CrmExportFormat format)
{
  CrmExporter *self;

  g_return_val_if_fail (crm_export_kind_supports_format (kind, format), NULL);

  self = g_object_new (CRM_TYPE_EXPORTER, NULL);
  self->kind = kind;
  self->format = format;
  return self;
}

CrmExportKind
crm_exporter_get_kind (CrmExporter *self)
{
  g_return_val_if_fail (CRM_IS_EXPORTER (self), CRM_EXPORT_CONTACTS);
  return self->kind;
}

CrmExportFormat
crm_exporter_get_format (CrmExporter *self)
{
  g_return_val_if_fail (CRM_IS_EXPORTER (self), CRM_EXPORT_FORMAT_CSV);
  return self->format;
}

void
crm_exporter_set_raw (CrmExporter *self, gboolean raw)
{
  g_return_if_fail (CRM_IS_EXPORTER (self));
  self->raw = raw;
}

gboolean
crm_exporter_get_raw (CrmExporter *self)
{
  g_return_val_if_fail (CRM_IS_EXPORTER (self), FALSE);
  return self->raw;
}

guint64
crm_exporter_get_n_exported (CrmExporter *self)
{
  g_return_val_if_fail (CRM_IS_EXPORTER (self), 0);
  return self->n_exported;
}

/* ---- The file ----------------------------------------------------------------------------- */

/* Whether @a and @b name the same existing file. */
static gboolean
is_same_file (const char *a, const char *b)
{
  GStatBuf stat_a, stat_b;

  return g_stat (a, &stat_a) == 0 && g_stat (b, &stat_b) == 0 && stat_a.st_dev == stat_b.st_dev
         && stat_a.st_ino == stat_b.st_ino;
}

static gboolean
refuse_database_itself (CrmStore *store, const char *path, GError **error)
{
  const char *database = crm_store_get_path (store);
  g_autofree char *wal = g_strconcat (database, "-wal", NULL);
  g_autofree char *shm = g_strconcat (database, "-shm", NULL);

  if (!is_same_file (path, database) && !is_same_file (path, wal) && !is_same_file (path, shm))
    return TRUE;
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
               _ ("Could not export to “%s”: it is the database itself"), path);
  return FALSE;
}

/* A new private file ".NAME.XXXXXX" beside @file, open for writing. */
static GFileOutputStream *
create_temporary (GFile *file, GFile **temporary, GError **error)
{
  g_autoptr (GFile) folder = g_file_get_parent (file);
  g_autofree char *base = g_file_get_basename (file);

  for (guint attempt = 0; attempt < 100; attempt++)
    {
      g_autoptr (GError) local_error = NULL;
      g_autofree char *name = g_strdup_printf (".%s.%06X", base, g_random_int_range (0, 0xFFFFFF));
      g_autoptr (GFile) candidate = g_file_get_child (folder, name);
      GFileOutputStream *stream
          = g_file_create (candidate, G_FILE_CREATE_PRIVATE, NULL, &local_error);

      if (stream != NULL)
        {
          *temporary = g_steal_pointer (&candidate);
          return stream;
        }
      if (!g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_EXISTS))
        {
          /* GIO's message names the temporary file; the user knows the folder. Its reason
           * comes after the last ": " ("Permission denied"). */
          const char *reason = g_strrstr (local_error->message, ": ");
          g_autofree char *folder_name = g_file_get_parse_name (folder);

          g_set_error (error, local_error->domain, local_error->code,
                       _ ("cannot write in the folder “%s”: %s"), folder_name,
                       reason != NULL ? reason + 2 : local_error->message);
          return NULL;
        }
    }
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_EXISTS,
                       _ ("No free name for a temporary file"));
  return NULL;
}

typedef struct
{
  CrmExporter *exporter;
  CrmExportWriter *writer;
  GOutputStream *stream;
  GCancellable *cancellable;
  CrmExportProgressFunc progress;
  gpointer progress_data;
  gint64 n_total;
} Run;

static gboolean
flush (Run *run, gboolean always, GError **error)
{
  GString *buffer = crm_export_writer_get_buffer (run->writer);

  if (buffer->len == 0 || (!always && buffer->len < FLUSH_BYTES))
    return TRUE;
  if (!g_output_stream_write_all (run->stream, buffer->str, buffer->len, NULL, run->cancellable,
                                  error))
    return FALSE;
  g_string_truncate (buffer, 0);
  return TRUE;
}

static gboolean
write_row (const CrmExportRow *row, gpointer user_data, GError **error)
{
  Run *run = user_data;

  if (g_cancellable_set_error_if_cancelled (run->cancellable, error))
    return FALSE;
  crm_export_writer_add_row (run->writer, row);
  run->exporter->n_exported++;
  if (run->progress != NULL && run->n_total > 0 && run->exporter->n_exported % PROGRESS_ROWS == 0)
    run->progress ((double) run->exporter->n_exported / (double) run->n_total, run->progress_data);
  return flush (run, FALSE, error);
}

/* Writes every row into @stream. */
static gboolean
write_rows (CrmExporter *self, CrmStore *store, Run *run, GError **error)
{
  CrmEntity entity = crm_export_kind_get_entity (self->kind);
  CrmExportRows rows = crm_export_kind_get_rows (self->kind);

  run->n_total = crm_store_count_export_rows (store, entity, rows, error);
  if (run->n_total < 0)
    return FALSE;
  crm_export_writer_begin (run->writer);
  if (!crm_store_export_rows (store, entity, rows, write_row, run, error))
    return FALSE;
  crm_export_writer_end (run->writer);
  return flush (run, TRUE, error);
}

/* Puts what was written to @stream on the disk before the file is renamed into place: a crash or
 * power cut just after cannot leave an empty or cut file under the name the user chose. */
static gboolean
sync_to_disk (GOutputStream *stream, GError **error)
{
  int fd;

  if (!G_IS_FILE_DESCRIPTOR_BASED (stream))
    return TRUE;
  fd = g_file_descriptor_based_get_fd (G_FILE_DESCRIPTOR_BASED (stream));
  if (fsync (fd) == 0)
    return TRUE;
  {
    int saved_errno = errno;

    g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                 _ ("cannot write the file to the disk: %s"), g_strerror (saved_errno));
  }
  return FALSE;
}

static gboolean
export_text (CrmExporter *self,
             CrmStore *store,
             GFile *file,
             GCancellable *cancellable,
             CrmExportProgressFunc progress,
             gpointer progress_data,
             GError **error)
{
  g_autoptr (CrmExportWriter) writer = crm_export_writer_new (self->kind, self->format, self->raw);
  g_autoptr (GFile) temporary = NULL;
  g_autoptr (GFileOutputStream) stream = NULL;
  g_autoptr (GError) local_error = NULL;
  Run run = { self, writer, NULL, cancellable, progress, progress_data, 0 };

  stream = create_temporary (file, &temporary, error);
  if (stream == NULL)
    return FALSE;
  run.stream = G_OUTPUT_STREAM (stream);

  if (write_rows (self, store, &run, &local_error) && sync_to_disk (run.stream, &local_error)
      && g_output_stream_close (run.stream, cancellable, &local_error)
      && g_file_move (temporary, file, G_FILE_COPY_OVERWRITE | G_FILE_COPY_NO_FALLBACK_FOR_MOVE,
                      NULL, NULL, NULL, &local_error))
    return TRUE;

  /* Whatever went wrong, the temporary file goes and the target stays as it was. */
  g_output_stream_close (run.stream, NULL, NULL);
  g_file_delete (temporary, NULL, NULL);
  g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}

static gboolean
export_database (
    CrmExporter *self, CrmStore *store, const char *path, GCancellable *cancellable, GError **error)
{
  gint64 n_contacts;

  /* The online backup copies in one step; it cannot stop half-way, and writes its own
   * temporary file, renamed over the target when complete. */
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  if (!crm_store_backup (store, path, error))
    return FALSE;
  n_contacts = crm_store_count (store, CRM_ENTITY_CONTACT, NULL);
  self->n_exported = n_contacts > 0 ? (guint64) n_contacts : 0;
  return TRUE;
}

gboolean
crm_exporter_run (CrmExporter *self,
                  CrmStore *store,
                  GFile *file,
                  GCancellable *cancellable,
                  CrmExportProgressFunc progress,
                  gpointer progress_data,
                  GError **error)
{
  g_autofree char *path = NULL;
  g_autoptr (GError) local_error = NULL;
  gboolean ok;

  g_return_val_if_fail (CRM_IS_EXPORTER (self), FALSE);
  g_return_val_if_fail (CRM_IS_STORE (store), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  self->n_exported = 0;
  path = g_file_get_path (file);
  if (path == NULL)
    {
      g_autofree char *uri = g_file_get_uri (file);

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _ ("Could not export to “%s”: only local files can be written"), uri);
      return FALSE;
    }
  if (!refuse_database_itself (store, path, error))
    return FALSE;

  if (progress != NULL)
    progress (0.0, progress_data);
  if (self->format == CRM_EXPORT_FORMAT_DATABASE)
    ok = export_database (self, store, path, cancellable, &local_error);
  else
    ok = export_text (self, store, file, cancellable, progress, progress_data, &local_error);

  if (!ok)
    {
      g_autofree char *display_name = g_filename_display_name (path);

      self->n_exported = 0;
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                             _ ("The export was cancelled; no file was written"));
      else if (self->format == CRM_EXPORT_FORMAT_DATABASE)
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        g_propagate_prefixed_error (error, g_steal_pointer (&local_error),
                                    _ ("Could not export to “%s”: "), display_name);
      return FALSE;
    }
  if (progress != NULL)
    progress (1.0, progress_data);
  return TRUE;
}

/* ---- In a thread -------------------------------------------------------------------------- */

typedef struct
{
  char *database_path;
  GFile *file;
} AsyncData;

static void
async_data_free (AsyncData *data)
{
  g_free (data->database_path);
  g_clear_object (&data->file);
  g_free (data);
}

static gboolean
deliver_progress (gpointer user_data)
{
  CrmExporter *self = user_data;
  CrmExportProgressFunc progress;
  gpointer progress_data;
  double fraction;

  g_mutex_lock (&self->lock);
  self->progress_pending = FALSE;
  progress = self->progress;
  progress_data = self->progress_data;
  fraction = self->progress_fraction;
  g_mutex_unlock (&self->lock);

  if (progress != NULL)
    progress (fraction, progress_data);
  return G_SOURCE_REMOVE;
}

/* Called in the worker thread: keeps the latest fraction and, when none is on its way, sends
 * one idle to the caller's context (so a fast export does not flood the main loop). */
static void
report_progress (double fraction, gpointer user_data)
{
  CrmExporter *self = user_data;
  gboolean schedule;

  g_mutex_lock (&self->lock);
  self->progress_fraction = fraction;
  schedule = !self->progress_pending && self->progress != NULL;
  self->progress_pending |= schedule;
  g_mutex_unlock (&self->lock);

  if (schedule)
    g_main_context_invoke_full (self->progress_context, G_PRIORITY_DEFAULT, deliver_progress,
                                g_object_ref (self), g_object_unref);
}

static void
run_in_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  CrmExporter *self = source;
  AsyncData *data = task_data;
  g_autoptr (CrmStore) store = NULL;
  GError *error = NULL;

  store = crm_store_open (data->database_path, &error);
  if (store == NULL
      || !crm_exporter_run (self, store, data->file, cancellable, report_progress, self, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  g_task_return_boolean (task, TRUE);
}

void
crm_exporter_run_async (CrmExporter *self,
                        const char *database_path,
                        GFile *file,
                        GCancellable *cancellable,
                        CrmExportProgressFunc progress,
                        gpointer progress_data,
                        GAsyncReadyCallback callback,
                        gpointer user_data)
{
  g_autoptr (GTask) task = NULL;
  AsyncData *data;

  g_return_if_fail (CRM_IS_EXPORTER (self));
  g_return_if_fail (database_path != NULL);
  g_return_if_fail (G_IS_FILE (file));

  g_mutex_lock (&self->lock);
  g_clear_pointer (&self->progress_context, g_main_context_unref);
  self->progress_context = g_main_context_ref_thread_default ();
  self->progress = progress;
  self->progress_data = progress_data;
  self->progress_pending = FALSE;
  g_mutex_unlock (&self->lock);

  data = g_new0 (AsyncData, 1);
  data->database_path = g_strdup (database_path);
  data->file = g_object_ref (file);
  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, crm_exporter_run_async);
  g_task_set_task_data (task, data, (GDestroyNotify) async_data_free);
  /* The file is already the user's choice: a cancel is reported, not silently dropped. */
  g_task_set_return_on_cancel (task, FALSE);
  g_task_run_in_thread (task, run_in_thread);
}

gboolean
crm_exporter_run_finish (CrmExporter *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (CRM_IS_EXPORTER (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  /* No progress after the result: the caller may be gone. */
  g_mutex_lock (&self->lock);
  self->progress = NULL;
  self->progress_data = NULL;
  g_mutex_unlock (&self->lock);
  return g_task_propagate_boolean (G_TASK (result), error);
}

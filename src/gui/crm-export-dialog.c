/* crm-export-dialog.c — CrmExportDialog: choose, pick a file, export in a thread (see the
 * header). */
#include "config.h"

#include <glib/gi18n.h>

#include "crm-export-dialog.h"
#include "crm-window.h"

struct _CrmExportDialog
{
  AdwWindow parent_instance;

  CrmStore *store;
  CrmExportKind kind;
  CrmExportFormat format;
  gboolean updating; /* the radio buttons are being set from code */

  GtkFileChooserNative *chooser;
  CrmExporter *exporter; /* while exporting */
  GCancellable *cancellable;
  gboolean close_when_done;

  GtkStack *stack;
  GtkButton *cancel_button;
  GtkButton *export_button;
  GtkCheckButton *kind_checks[CRM_EXPORT_N_KINDS];
  AdwPreferencesGroup *format_group;
  AdwActionRow *csv_row;
  AdwActionRow *other_format_row;
  GtkCheckButton *csv_check;
  GtkCheckButton *other_format_check;
  GtkLabel *progress_label;
  GtkLabel *file_label;
  GtkProgressBar *progress_bar;
};

G_DEFINE_FINAL_TYPE (CrmExportDialog, crm_export_dialog, ADW_TYPE_WINDOW)

/* The format offered beside CSV, if any. */
static gboolean
other_format_of (CrmExportKind kind, CrmExportFormat *format)
{
  if (kind == CRM_EXPORT_CONTACTS)
    *format = CRM_EXPORT_FORMAT_VCARD;
  else if (kind == CRM_EXPORT_TASKS)
    *format = CRM_EXPORT_FORMAT_ICALENDAR;
  else
    return FALSE;
  return TRUE;
}

static void
update_format_rows (CrmExportDialog *self)
{
  CrmExportFormat other;
  gboolean choice = other_format_of (self->kind, &other);

  self->updating = TRUE;
  gtk_widget_set_visible (GTK_WIDGET (self->format_group), choice);
  if (choice && other == CRM_EXPORT_FORMAT_VCARD)
    {
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->other_format_row),
                                     _ ("_vCard Address Book"));
      adw_action_row_set_subtitle (self->other_format_row,
                                   _ ("For GNOME Contacts, Evolution, Thunderbird and phones"));
    }
  else if (choice)
    {
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->other_format_row),
                                     _ ("_iCalendar"));
      adw_action_row_set_subtitle (self->other_format_row,
                                   _ ("For GNOME Calendar, Evolution and other calendars"));
    }
  gtk_check_button_set_active (self->csv_check, self->format == CRM_EXPORT_FORMAT_CSV);
  gtk_check_button_set_active (self->other_format_check, choice && self->format == other);
  self->updating = FALSE;
}

void
crm_export_dialog_set_kind (CrmExportDialog *self, CrmExportKind kind)
{
  g_return_if_fail (CRM_IS_EXPORT_DIALOG (self));
  g_return_if_fail (kind < CRM_EXPORT_N_KINDS);

  self->kind = kind;
  self->format = crm_export_kind_get_default_format (kind);
  self->updating = TRUE;
  gtk_check_button_set_active (self->kind_checks[kind], TRUE);
  self->updating = FALSE;
  update_format_rows (self);
}

CrmExportKind
crm_export_dialog_get_kind (CrmExportDialog *self)
{
  g_return_val_if_fail (CRM_IS_EXPORT_DIALOG (self), CRM_EXPORT_CONTACTS);
  return self->kind;
}

void
crm_export_dialog_set_format (CrmExportDialog *self, CrmExportFormat format)
{
  g_return_if_fail (CRM_IS_EXPORT_DIALOG (self));
  g_return_if_fail (crm_export_kind_supports_format (self->kind, format));

  self->format = format;
  update_format_rows (self);
}

CrmExportFormat
crm_export_dialog_get_format (CrmExportDialog *self)
{
  g_return_val_if_fail (CRM_IS_EXPORT_DIALOG (self), CRM_EXPORT_FORMAT_CSV);
  return self->format;
}

char *
crm_export_dialog_get_suggested_name (CrmExportDialog *self)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();

  g_return_val_if_fail (CRM_IS_EXPORT_DIALOG (self), NULL);
  return crm_export_suggest_file_name (self->kind, self->format, now);
}

gboolean
crm_export_dialog_is_exporting (CrmExportDialog *self)
{
  g_return_val_if_fail (CRM_IS_EXPORT_DIALOG (self), FALSE);
  return self->exporter != NULL;
}

static void
on_kind_toggled (CrmExportDialog *self, GtkCheckButton *check)
{
  if (self->updating || !gtk_check_button_get_active (check))
    return;
  for (guint kind = 0; kind < CRM_EXPORT_N_KINDS; kind++)
    if (self->kind_checks[kind] == check)
      crm_export_dialog_set_kind (self, kind);
}

static void
on_format_toggled (CrmExportDialog *self, GtkCheckButton *check)
{
  CrmExportFormat other;

  if (self->updating || !gtk_check_button_get_active (check))
    return;
  if (check == self->csv_check)
    self->format = CRM_EXPORT_FORMAT_CSV;
  else if (other_format_of (self->kind, &other))
    self->format = other;
}

/* ---- Exporting ----------------------------------------------------------------------------- */

static const char *
progress_title (CrmExportKind kind)
{
  switch (kind)
    {
      case CRM_EXPORT_CONTACTS:
        return _ ("Exporting Contacts…");
      case CRM_EXPORT_COMPANIES:
        return _ ("Exporting Companies…");
      case CRM_EXPORT_DEALS:
        return _ ("Exporting Deals…");
      case CRM_EXPORT_ACTIVITIES:
        return _ ("Exporting Activities…");
      case CRM_EXPORT_TASKS:
        return _ ("Exporting Tasks and Meetings…");
      case CRM_EXPORT_DATABASE:
      case CRM_EXPORT_N_KINDS:
      default:
        return _ ("Copying the Database…");
    }
}

static void
set_choosing (CrmExportDialog *self, gboolean choosing)
{
  gtk_stack_set_visible_child_name (self->stack, choosing ? "choose" : "progress");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "export.choose-file", choosing);
}

static void
add_toast_to_parent (CrmExportDialog *self, const char *title)
{
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));

  if (CRM_IS_WINDOW (parent))
    crm_window_add_toast (CRM_WINDOW (parent), adw_toast_new (title));
}

static void
show_error (CrmExportDialog *self, const char *message)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), _ ("Export Failed"), NULL);

  /* The message names a file the user chose: plain text, never markup. */
  adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (dialog), message);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _ ("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* The progress and result callbacks hold the dialog weakly: closing it (or its parent) while
 * the thread runs disposes it, which cancels the export, and the callbacks then find no
 * dialog. The box lives until the result, after which no progress comes. */
typedef struct
{
  GWeakRef dialog;
} DialogRef;

static void
on_progress (double fraction, gpointer user_data)
{
  DialogRef *ref = user_data;
  g_autoptr (CrmExportDialog) self = g_weak_ref_get (&ref->dialog);

  if (self != NULL)
    gtk_progress_bar_set_fraction (self->progress_bar, fraction);
}

static void
on_exported (GObject *source, GAsyncResult *result, gpointer user_data)
{
  CrmExporter *exporter = CRM_EXPORTER (source);
  DialogRef *ref = user_data;
  g_autoptr (CrmExportDialog) self = g_weak_ref_get (&ref->dialog);
  g_autoptr (GError) error = NULL;
  gboolean ok = crm_exporter_run_finish (exporter, result, &error);
  gboolean cancelled = g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);

  g_weak_ref_clear (&ref->dialog);
  g_free (ref);
  if (self == NULL)
    return;

  g_clear_object (&self->exporter);
  g_clear_object (&self->cancellable);
  if (ok)
    {
      g_autofree char *described
          = crm_export_describe_count (self->kind, crm_exporter_get_n_exported (exporter), TRUE);
      g_autofree char *title = g_strdup_printf (_ ("Exported %s"), described);

      add_toast_to_parent (self, title);
      gtk_window_destroy (GTK_WINDOW (self));
      return;
    }
  if (cancelled || self->close_when_done)
    {
      add_toast_to_parent (self, _ ("Export cancelled: no file was written"));
      gtk_window_destroy (GTK_WINDOW (self));
      return;
    }
  set_choosing (self, TRUE);
  show_error (self, error->message);
}

void
crm_export_dialog_export_to (CrmExportDialog *self, GFile *file)
{
  g_autofree char *name = NULL;
  DialogRef *ref;

  g_return_if_fail (CRM_IS_EXPORT_DIALOG (self));
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (self->exporter == NULL);

  name = g_file_get_parse_name (file);
  gtk_label_set_text (self->progress_label, progress_title (self->kind));
  gtk_label_set_text (self->file_label, name);
  gtk_progress_bar_set_fraction (self->progress_bar, 0.0);
  set_choosing (self, FALSE);

  self->exporter = crm_exporter_new (self->kind, self->format);
  self->cancellable = g_cancellable_new ();
  ref = g_new0 (DialogRef, 1);
  g_weak_ref_init (&ref->dialog, self);
  crm_exporter_run_async (self->exporter, crm_store_get_path (self->store), file, self->cancellable,
                          on_progress, ref, on_exported, ref);
}

static void
on_chooser_response (CrmExportDialog *self, int response, GtkNativeDialog *chooser)
{
  g_autoptr (GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_clear_object (&self->chooser);
  if (file != NULL)
    crm_export_dialog_export_to (self, file);
}

static void
add_filter (GtkFileChooser *chooser, CrmExportFormat format)
{
  g_autoptr (GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *pattern = g_strdup_printf ("*.%s", crm_export_format_get_extension (format));

  switch (format)
    {
      case CRM_EXPORT_FORMAT_CSV:
        gtk_file_filter_set_name (filter, _ ("CSV Files"));
        gtk_file_filter_add_mime_type (filter, "text/csv");
        break;
      case CRM_EXPORT_FORMAT_VCARD:
        gtk_file_filter_set_name (filter, _ ("vCard Files"));
        gtk_file_filter_add_mime_type (filter, "text/vcard");
        break;
      case CRM_EXPORT_FORMAT_ICALENDAR:
        gtk_file_filter_set_name (filter, _ ("iCalendar Files"));
        gtk_file_filter_add_mime_type (filter, "text/calendar");
        break;
      case CRM_EXPORT_FORMAT_DATABASE:
      case CRM_EXPORT_N_FORMATS:
      default:
        gtk_file_filter_set_name (filter, _ ("Rapport Databases"));
        break;
    }
  gtk_file_filter_add_pattern (filter, pattern);
  gtk_file_chooser_add_filter (chooser, filter);
}

static void
on_choose_file_activate (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  CrmExportDialog *self = CRM_EXPORT_DIALOG (widget);
  g_autofree char *name = crm_export_dialog_get_suggested_name (self);

  if (self->chooser != NULL || self->exporter != NULL)
    return;
  self->chooser = gtk_file_chooser_native_new (
      _ ("Export"), GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_SAVE, _ ("_Export"), _ ("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);
  add_filter (GTK_FILE_CHOOSER (self->chooser), self->format);
  g_signal_connect_swapped (self->chooser, "response", G_CALLBACK (on_chooser_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
on_cancel_activate (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  CrmExportDialog *self = CRM_EXPORT_DIALOG (widget);

  if (self->exporter != NULL)
    {
      gtk_label_set_text (self->progress_label, _ ("Cancelling…"));
      g_cancellable_cancel (self->cancellable);
      return;
    }
  gtk_window_destroy (GTK_WINDOW (self));
}

static gboolean
on_close_request (CrmExportDialog *self)
{
  if (self->exporter == NULL)
    return FALSE;
  /* Closing while the file is written cancels it; the dialog goes when the thread is done. */
  self->close_when_done = TRUE;
  g_cancellable_cancel (self->cancellable);
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
  return TRUE;
}

/* ---- The object ---------------------------------------------------------------------------- */

CrmExportDialog *
crm_export_dialog_new (GtkWindow *parent, CrmStore *store)
{
  CrmExportDialog *self;

  g_return_val_if_fail (GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (CRM_IS_STORE (store), NULL);

  self = g_object_new (CRM_TYPE_EXPORT_DIALOG, "transient-for", parent, NULL);
  self->store = g_object_ref (store);
  return self;
}

static void
crm_export_dialog_dispose (GObject *object)
{
  CrmExportDialog *self = CRM_EXPORT_DIALOG (object);

  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  /* A dialog that goes while its export runs stops it (the file is then not written). */
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->exporter);
  g_clear_object (&self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), CRM_TYPE_EXPORT_DIALOG);
  G_OBJECT_CLASS (crm_export_dialog_parent_class)->dispose (object);
}

static void
crm_export_dialog_finalize (GObject *object)
{
  CrmExportDialog *self = CRM_EXPORT_DIALOG (object);

  g_clear_object (&self->store);
  g_clear_object (&self->exporter);
  g_clear_object (&self->cancellable);
  G_OBJECT_CLASS (crm_export_dialog_parent_class)->finalize (object);
}

static void
crm_export_dialog_class_init (CrmExportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = crm_export_dialog_dispose;
  object_class->finalize = crm_export_dialog_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/crm-export-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, CrmExportDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, CrmExportDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, CrmExportDialog, export_button);
  gtk_widget_class_bind_template_child_full (
      widget_class, "contacts_check", FALSE,
      G_STRUCT_OFFSET (CrmExportDialog, kind_checks[CRM_EXPORT_CONTACTS]));
  gtk_widget_class_bind_template_child_full (
      widget_class, "companies_check", FALSE,
      G_STRUCT_OFFSET (CrmExportDialog, kind_checks[CRM_EXPORT_COMPANIES]));
  gtk_widget_class_bind_template_child_full (
      widget_class, "deals_check", FALSE,
      G_STRUCT_OFFSET (CrmExportDialog, kind_checks[CRM_EXPORT_DEALS]));
  gtk_widget_class_bind_template_child_full (
      widget_class, "activities_check", FALSE,
      G_STRUCT_OFFSET (CrmExportDialog, kind_checks[CRM_EXPORT_ACTIVITIES]));
  gtk_widget_class_bind_template_child_full (
      widget_class, "tasks_check", FALSE,
      G_STRUCT_OFFSET (CrmExportDialog, kind_checks[CRM_EXPORT_TASKS]));
  gtk_widget_class_bind_template_child_full (
      widget_class, "database_check", FALSE,
      G_STRUCT_OFFSET (CrmExportDialog, kind_checks[CRM_EXPORT_DATABASE]));
  gtk_widget_class_bind_template_child (widget_class, CrmExportDialog, format_group);
  gtk_widget_class_bind_template_child (widget_class, CrmExportDialog, csv_row);
  gtk_widget_class_bind_template_child (widget_class, CrmExportDialog, other_format_row);
  gtk_widget_class_bind_template_child (widget_class, CrmExportDialog, csv_check);
  gtk_widget_class_bind_template_child (widget_class, CrmExportDialog, other_format_check);
  gtk_widget_class_bind_template_child (widget_class, CrmExportDialog, progress_label);
  gtk_widget_class_bind_template_child (widget_class, CrmExportDialog, file_label);
  gtk_widget_class_bind_template_child (widget_class, CrmExportDialog, progress_bar);
  gtk_widget_class_bind_template_callback (widget_class, on_kind_toggled);
  gtk_widget_class_bind_template_callback (widget_class, on_format_toggled);
  gtk_widget_class_bind_template_callback (widget_class, on_close_request);

  gtk_widget_class_install_action (widget_class, "export.choose-file", NULL,
                                   on_choose_file_activate);
  gtk_widget_class_install_action (widget_class, "export.cancel", NULL, on_cancel_activate);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "export.cancel", NULL);
}

static void
crm_export_dialog_init (CrmExportDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->kind = CRM_EXPORT_CONTACTS;
  self->format = CRM_EXPORT_FORMAT_CSV;
  update_format_rows (self);
}

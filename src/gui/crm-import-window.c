/* crm-import-window.c — CrmImportWindow (see the header): the steps of one import and the
 * header bar buttons that move between them. The slow steps (reading, checking, importing) run
 * in the importer's GTask threads on their own connection; each holds a reference to the window
 * until it reports, and a window closed meanwhile cancels it (nothing is written then).
 */
#include "config.h"

#include "crm-import-window.h"

#include <glib/gi18n.h>

#include "crm-gui-resources.h"
#include "crm-import-duplicates-page.h"
#include "crm-import-mapping-page.h"

struct _CrmImportWindow
{
  AdwWindow parent_instance;

  CrmStore *store;
  GFile *file;
  CrmImporter *importer;
  /* The reading, check or import running, or NULL. */
  GCancellable *cancellable;
  /* Set once the window is disposed: late reports of a step find nothing to update. */
  gboolean disposed;

  /* Template children */
  AdwWindowTitle *window_title;
  GtkWidget *cancel_button;
  GtkWidget *back_button;
  GtkWidget *next_button;
  GtkStack *stack;
  GtkSpinner *loading_spinner;
  AdwStatusPage *error_page;
  GtkWidget *choose_button;
  CrmImportMappingPage *mapping_page;
  GtkProgressBar *checking_progress;
  CrmImportDuplicatesPage *duplicates_page;
  AdwStatusPage *importing_page;
  GtkProgressBar *importing_progress;
  AdwStatusPage *summary_page;
  GtkListBox *summary_list;
  AdwPreferencesGroup *rejections_group;
  GtkListView *rejections_view;
  AdwPreferencesGroup *warnings_group;
  GtkListView *warnings_view;
  GtkSignalListItemFactory *rejections_factory;
};

G_DEFINE_FINAL_TYPE (CrmImportWindow, crm_import_window, ADW_TYPE_WINDOW)

static void
start_loading (CrmImportWindow *self, GFile *file);

/* ---- Steps and the header bar -------------------------------------------------------------- */

const char *
crm_import_window_get_step (CrmImportWindow *self)
{
  g_return_val_if_fail (CRM_IS_IMPORT_WINDOW (self), NULL);

  return gtk_stack_get_visible_child_name (self->stack);
}

CrmImporter *
crm_import_window_get_importer (CrmImportWindow *self)
{
  g_return_val_if_fail (CRM_IS_IMPORT_WINDOW (self), NULL);

  return self->importer;
}

/* Shows step @name, with the header bar's buttons for it: Cancel while nothing is final, Back
 * from the duplicates to the mapping, and the step's way forward. */
static void
show_step (CrmImportWindow *self, const char *name)
{
  const char *next_label = NULL;
  const char *cancel_label = _ ("_Cancel");
  gboolean cancel = TRUE;

  if (g_str_equal (name, "mapping") || g_str_equal (name, "duplicates"))
    next_label = _ ("_Import");
  else if (g_str_equal (name, "summary"))
    {
      next_label = _ ("_Close");
      cancel = FALSE;
    }
  else if (g_str_equal (name, "error"))
    cancel_label = _ ("_Close");

  gtk_button_set_label (GTK_BUTTON (self->cancel_button), cancel_label);
  gtk_widget_set_visible (self->cancel_button, cancel);
  gtk_widget_set_sensitive (self->cancel_button, TRUE);
  gtk_widget_set_visible (self->back_button, g_str_equal (name, "duplicates"));
  gtk_widget_set_visible (self->next_button, next_label != NULL);
  if (next_label != NULL)
    gtk_button_set_label (GTK_BUTTON (self->next_button), next_label);

  gtk_spinner_set_spinning (self->loading_spinner, g_str_equal (name, "loading"));
  gtk_stack_set_visible_child_name (self->stack, name);
  if (gtk_widget_get_visible (self->next_button))
    gtk_widget_grab_focus (self->next_button);
}

/* The error step: @title, @message (plain text) and, when @choose, "Choose Another File…". */
static void
show_error (CrmImportWindow *self, const char *title, const char *message, gboolean choose)
{
  g_autofree char *escaped = g_markup_escape_text (message, -1);

  adw_status_page_set_title (self->error_page, title);
  adw_status_page_set_description (self->error_page, escaped);
  adw_status_page_set_icon_name (self->error_page,
                                 choose ? "dialog-error-symbolic" : "process-stop-symbolic");
  gtk_widget_set_visible (self->choose_button, choose);
  show_step (self, "error");
}

static gboolean
is_cancelled_error (const GError *error)
{
  return g_error_matches (error, CRM_IMPORT_ERROR, CRM_IMPORT_ERROR_CANCELLED)
         || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

static GCancellable *
begin_step (CrmImportWindow *self)
{
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  return self->cancellable;
}

/* Called first by every step's report: FALSE when the window has gone meanwhile. */
static gboolean
end_step (CrmImportWindow *self)
{
  if (self->disposed)
    return FALSE;
  g_clear_object (&self->cancellable);
  return TRUE;
}

/* ---- Reading the file ---------------------------------------------------------------------- */

static void
on_importer_new_ready (GObject *source, GAsyncResult *result, gpointer data)
{
  g_autoptr (CrmImportWindow) self = data;
  g_autoptr (GError) error = NULL;
  g_autoptr (CrmImporter) importer = crm_importer_new_finish (result, &error);
  g_autoptr (GSettings) settings = NULL;
  g_autofree char *currency = NULL;

  if (!end_step (self))
    return;
  if (importer == NULL)
    {
      if (is_cancelled_error (error))
        return;
      show_error (self, _ ("Cannot Read the File"), error->message, TRUE);
      return;
    }
  if (crm_importer_get_n_rows (importer) == 0)
    {
      show_error (self, _ ("Nothing to Import"), _ ("The file holds no rows to import."), TRUE);
      return;
    }

  g_set_object (&self->importer, importer);
  /* Amounts that name no currency are in the one new deals get. */
  settings = g_settings_new (APPLICATION_ID);
  currency = g_settings_get_string (settings, "default-currency");
  if (*currency != '\0')
    crm_importer_set_default_currency (importer, currency);
  crm_import_mapping_page_set_importer (self->mapping_page, importer, self->file);
  show_step (self, "mapping");
}

static void
start_loading (CrmImportWindow *self, GFile *file)
{
  g_autofree char *name = g_file_get_basename (file);

  g_set_object (&self->file, file);
  g_clear_object (&self->importer);
  adw_window_title_set_subtitle (self->window_title, name);
  show_step (self, "loading");
  crm_importer_new_async (file, -1, begin_step (self), on_importer_new_ready, g_object_ref (self));
}

/* ---- Choosing a file ----------------------------------------------------------------------- */

typedef struct
{
  GtkWindow *parent;
  CrmStore *store;
  /* The import window to read the file in, or NULL for a new one. */
  CrmImportWindow *reuse;
} ChooseData;

static void
choose_data_free (ChooseData *data)
{
  g_clear_object (&data->parent);
  g_clear_object (&data->store);
  g_clear_object (&data->reuse);
  g_free (data);
}

static void
on_file_chooser_response (GtkNativeDialog *native, int response, gpointer user_data)
{
  ChooseData *data = user_data;
  g_autoptr (GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));

  if (file != NULL && data->reuse != NULL && !data->reuse->disposed)
    start_loading (data->reuse, file);
  else if (file != NULL && data->reuse == NULL)
    gtk_window_present (GTK_WINDOW (crm_import_window_new (data->parent, data->store, file)));

  choose_data_free (data);
  gtk_native_dialog_destroy (native);
  g_object_unref (native);
}

static void
add_filter (GtkFileChooser *chooser,
            const char *name,
            const char *const *mime_types,
            const char *const *patterns)
{
  g_autoptr (GtkFileFilter) filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, name);
  for (guint i = 0; mime_types != NULL && mime_types[i] != NULL; i++)
    gtk_file_filter_add_mime_type (filter, mime_types[i]);
  for (guint i = 0; patterns != NULL && patterns[i] != NULL; i++)
    gtk_file_filter_add_pattern (filter, patterns[i]);
  gtk_file_chooser_add_filter (chooser, filter);
}

static void
choose_file (GtkWindow *parent, CrmStore *store, CrmImportWindow *reuse)
{
  /* Patterns besides MIME types: files named .csv are not always typed text/csv. */
  static const char *const mime_types[] = { "text/csv",
                                            "text/comma-separated-values",
                                            "text/tab-separated-values",
                                            "text/vcard",
                                            "text/x-vcard",
                                            "text/directory",
                                            NULL };
  static const char *const patterns[]
      = { "*.csv", "*.CSV", "*.tsv", "*.vcf", "*.VCF", "*.vcard", NULL };
  static const char *const everything[] = { "*", NULL };
  GtkFileChooserNative *native = gtk_file_chooser_native_new (
      _ ("Import"), parent, GTK_FILE_CHOOSER_ACTION_OPEN, _ ("_Open"), _ ("_Cancel"));
  ChooseData *data = g_new0 (ChooseData, 1);

  data->parent = g_object_ref (parent);
  data->store = g_object_ref (store);
  data->reuse = reuse != NULL ? g_object_ref (reuse) : NULL;

  add_filter (GTK_FILE_CHOOSER (native), _ ("CSV and vCard Files"), mime_types, patterns);
  add_filter (GTK_FILE_CHOOSER (native), _ ("All Files"), NULL, everything);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  g_signal_connect (native, "response", G_CALLBACK (on_file_chooser_response), data);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

void
crm_import_window_choose_file (GtkWindow *parent, CrmStore *store)
{
  g_return_if_fail (GTK_IS_WINDOW (parent));
  g_return_if_fail (CRM_IS_STORE (store));

  choose_file (parent, store, NULL);
}

static void
on_choose_file_activate (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  CrmImportWindow *self = CRM_IMPORT_WINDOW (widget);

  choose_file (GTK_WINDOW (self), self->store, self);
}

/* ---- Summary ------------------------------------------------------------------------------- */

static void
add_summary_row (CrmImportWindow *self, const char *title, const char *subtitle, guint count)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *text = g_strdup_printf ("%u", count);
  GtkWidget *label = gtk_label_new (text);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_add_css_class (label, "numeric");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
  gtk_list_box_append (self->summary_list, row);
}

static void
on_rejection_setup (GtkSignalListItemFactory *factory, GtkListItem *item, gpointer data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_widget_set_margin_top (label, 6);
  gtk_widget_set_margin_bottom (label, 6);
  gtk_widget_set_margin_start (label, 12);
  gtk_widget_set_margin_end (label, 12);
  gtk_list_item_set_activatable (item, FALSE);
  gtk_list_item_set_child (item, label);
}

static void
on_rejection_bind (GtkSignalListItemFactory *factory, GtkListItem *item, gpointer data)
{
  GtkStringObject *string = gtk_list_item_get_item (item);

  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (item)),
                      gtk_string_object_get_string (string));
}

/* Shows @lines (taking them) in @view, and @group only when there are some. */
static void
show_lines (AdwPreferencesGroup *group, GtkListView *view, GtkStringList *lines)
{
  gtk_widget_set_visible (GTK_WIDGET (group), g_list_model_get_n_items (G_LIST_MODEL (lines)) > 0);
  gtk_list_view_set_model (view, GTK_SELECTION_MODEL (gtk_no_selection_new (G_LIST_MODEL (lines))));
}

static void
show_summary (CrmImportWindow *self, const CrmImportSummary *summary)
{
  g_autoptr (GtkStringList) rejections = gtk_string_list_new (NULL);
  g_autoptr (GtkStringList) warnings = gtk_string_list_new (NULL);
  gboolean imported;
  g_autofree char *description = NULL;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->summary_list))) != NULL)
    gtk_list_box_remove (self->summary_list, child);

  imported = summary->n_added + summary->n_merged > 0;
  adw_status_page_set_title (self->summary_page,
                             imported ? _ ("Import Complete") : _ ("Nothing Imported"));
  adw_status_page_set_icon_name (self->summary_page,
                                 imported ? "emblem-ok-symbolic" : "dialog-information-symbolic");
  description = g_strdup_printf (ngettext ("%u row read", "%u rows read", summary->n_rows),
                                 summary->n_rows);
  adw_status_page_set_description (self->summary_page, description);

  add_summary_row (self, _ ("Added"), _ ("New records"), summary->n_added);
  add_summary_row (self, _ ("Merged"), _ ("Into records you already had"), summary->n_merged);
  add_summary_row (self, _ ("Skipped"), _ ("Duplicates left out"), summary->n_skipped);
  add_summary_row (self, _ ("Rejected"), _ ("Rows that could not be imported"),
                   summary->n_rejected);
  if (summary->n_companies_added > 0)
    add_summary_row (self, _ ("Companies added"), _ ("For rows that name a new company"),
                     summary->n_companies_added);
  if (summary->n_photos_dropped > 0)
    add_summary_row (self, _ ("Photos dropped"), _ ("Photos that were links or unreadable"),
                     summary->n_photos_dropped);

  for (guint i = 0; summary->rejections != NULL && i < summary->rejections->len; i++)
    {
      const CrmImportRejection *rejection = summary->rejections->pdata[i];
      /* TRANSLATORS: a rejected row of the file and why: "Line 57: no name". */
      g_autofree char *line
          = g_strdup_printf (_ ("Line %u: %s"), rejection->line, rejection->reason);

      gtk_string_list_append (rejections, line);
    }
  for (guint i = 0; summary->warnings != NULL && i < summary->warnings->len; i++)
    {
      /* The importer's notes start in lower case ("line 4: …"): a list line starts upper. */
      const char *warning = summary->warnings->pdata[i];
      g_autofree char *first = g_utf8_strup (warning, g_utf8_next_char (warning) - warning);
      g_autofree char *line = g_strconcat (first, g_utf8_next_char (warning), NULL);

      gtk_string_list_append (warnings, *warning != '\0' ? line : warning);
    }

  show_lines (self->rejections_group, self->rejections_view, g_steal_pointer (&rejections));
  show_lines (self->warnings_group, self->warnings_view, g_steal_pointer (&warnings));
  show_step (self, "summary");
}

/* ---- Importing ----------------------------------------------------------------------------- */

static void
on_progress (double fraction, gpointer data)
{
  CrmImportWindow *self = data;
  const char *step;

  if (self->disposed)
    return;
  step = crm_import_window_get_step (self);
  if (g_strcmp0 (step, "checking") == 0)
    gtk_progress_bar_set_fraction (self->checking_progress, CLAMP (fraction, 0.0, 1.0));
  else if (g_strcmp0 (step, "importing") == 0)
    {
      gtk_progress_bar_set_fraction (self->importing_progress, CLAMP (fraction, 0.0, 1.0));
      /* Every row written: the commit, a few seconds for a big file, is all that is left. */
      if (fraction >= 1.0)
        adw_status_page_set_title (self->importing_page, _ ("Saving"));
    }
}

static void
on_run_ready (GObject *source, GAsyncResult *result, gpointer data)
{
  g_autoptr (CrmImportWindow) self = data;
  g_autoptr (GError) error = NULL;
  g_autoptr (CrmImportSummary) summary
      = crm_importer_run_finish (CRM_IMPORTER (source), result, &error);

  if (!end_step (self))
    return;
  if (summary == NULL && is_cancelled_error (error))
    {
      show_error (self, _ ("Import Cancelled"),
                  _ ("Nothing was imported: the database is as it was."), FALSE);
      return;
    }
  if (summary == NULL)
    {
      g_autofree char *message = g_strdup_printf (
          _ ("%s Nothing was imported: the database is as it was."), error->message);

      show_error (self, _ ("Import Failed"), message, TRUE);
      return;
    }

  /* The main window notices the other connection's writes within a second; now is sooner. */
  crm_store_poll_external_changes (self->store);
  show_summary (self, summary);
}

static void
start_import (CrmImportWindow *self)
{
  adw_status_page_set_title (self->importing_page, _ ("Importing"));
  gtk_progress_bar_set_fraction (self->importing_progress, 0.0);
  show_step (self, "importing");
  crm_importer_run_async (self->importer, crm_store_get_path (self->store), begin_step (self),
                          on_progress, self, on_run_ready, g_object_ref (self));
}

/* ---- Checking ------------------------------------------------------------------------------ */

static void
on_analyse_ready (GObject *source, GAsyncResult *result, gpointer data)
{
  g_autoptr (CrmImportWindow) self = data;
  g_autoptr (GError) error = NULL;
  gboolean analysed = crm_importer_analyse_finish (CRM_IMPORTER (source), result, &error);

  if (!end_step (self))
    return;
  if (!analysed && is_cancelled_error (error))
    {
      show_step (self, "mapping");
      return;
    }
  if (!analysed && g_error_matches (error, CRM_IMPORT_ERROR, CRM_IMPORT_ERROR_NO_MAPPING))
    {
      crm_import_mapping_page_set_message (self->mapping_page, error->message);
      show_step (self, "mapping");
      return;
    }
  if (!analysed)
    {
      show_error (self, _ ("Cannot Check the File"), error->message, TRUE);
      return;
    }

  if (crm_importer_get_n_duplicates (self->importer) == 0)
    {
      start_import (self);
      return;
    }
  crm_import_duplicates_page_set_importer (self->duplicates_page, self->importer);
  show_step (self, "duplicates");
}

static void
start_check (CrmImportWindow *self)
{
  crm_import_mapping_page_set_message (self->mapping_page, NULL);
  gtk_progress_bar_set_fraction (self->checking_progress, 0.0);
  show_step (self, "checking");
  crm_importer_analyse_async (self->importer, crm_store_get_path (self->store), begin_step (self),
                              on_progress, self, on_analyse_ready, g_object_ref (self));
}

/* ---- Actions ------------------------------------------------------------------------------- */

static void
on_next_activate (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  CrmImportWindow *self = CRM_IMPORT_WINDOW (widget);
  const char *step = crm_import_window_get_step (self);

  if (g_str_equal (step, "mapping"))
    start_check (self);
  else if (g_str_equal (step, "duplicates"))
    start_import (self);
  else if (g_str_equal (step, "summary"))
    gtk_window_close (GTK_WINDOW (self));
}

static void
on_back_activate (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  CrmImportWindow *self = CRM_IMPORT_WINDOW (widget);

  if (g_str_equal (crm_import_window_get_step (self), "duplicates"))
    show_step (self, "mapping");
}

/* Cancel stops the check (back to the mapping) or the import (nothing written, and the window
 * says so); anywhere else it closes the window. */
static void
on_cancel_activate (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  CrmImportWindow *self = CRM_IMPORT_WINDOW (widget);
  const char *step = crm_import_window_get_step (self);

  if (self->cancellable != NULL
      && (g_str_equal (step, "checking") || g_str_equal (step, "importing")))
    {
      g_cancellable_cancel (self->cancellable);
      if (g_str_equal (step, "importing"))
        adw_status_page_set_title (self->importing_page, _ ("Cancelling"));
      gtk_widget_set_sensitive (self->cancel_button, FALSE);
      return;
    }
  gtk_window_close (GTK_WINDOW (self));
}

static gboolean
crm_import_window_close_request (GtkWindow *window)
{
  CrmImportWindow *self = CRM_IMPORT_WINDOW (window);

  /* Closing mid-import is a cancel: the step's thread rolls back and reports to nobody. */
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);

  return GTK_WINDOW_CLASS (crm_import_window_parent_class)->close_request (window);
}

/* ---- Construction -------------------------------------------------------------------------- */

CrmImportWindow *
crm_import_window_new (GtkWindow *parent, CrmStore *store, GFile *file)
{
  CrmImportWindow *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (CRM_IS_STORE (store), NULL);
  g_return_val_if_fail (G_IS_FILE (file), NULL);

  self = g_object_new (CRM_TYPE_IMPORT_WINDOW, "transient-for", parent, NULL);
  if (parent != NULL)
    {
      int width = gtk_widget_get_width (GTK_WIDGET (parent));
      int height = gtk_widget_get_height (GTK_WIDGET (parent));
      int default_width, default_height;

      gtk_window_set_application (GTK_WINDOW (self), gtk_window_get_application (parent));
      /* No wider or taller than a small main window (a phone's screen). */
      gtk_window_get_default_size (GTK_WINDOW (self), &default_width, &default_height);
      if (width > 0 && height > 0)
        gtk_window_set_default_size (GTK_WINDOW (self), MIN (default_width, width),
                                     MIN (default_height, height));
    }
  self->store = g_object_ref (store);
  start_loading (self, file);
  return self;
}

static void
crm_import_window_dispose (GObject *object)
{
  CrmImportWindow *self = CRM_IMPORT_WINDOW (object);

  self->disposed = TRUE;
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  gtk_widget_dispose_template (GTK_WIDGET (self), CRM_TYPE_IMPORT_WINDOW);

  g_clear_object (&self->importer);
  g_clear_object (&self->file);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (crm_import_window_parent_class)->dispose (object);
}

static void
crm_import_window_class_init (CrmImportWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = crm_import_window_dispose;
  GTK_WINDOW_CLASS (klass)->close_request = crm_import_window_close_request;

  g_type_ensure (CRM_TYPE_IMPORT_MAPPING_PAGE);
  g_type_ensure (CRM_TYPE_IMPORT_DUPLICATES_PAGE);
  crm_gui_resources_ensure ();
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/crm-import-window.ui");
  gtk_widget_class_bind_template_child (widget_class, CrmImportWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, CrmImportWindow, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, CrmImportWindow, back_button);
  gtk_widget_class_bind_template_child (widget_class, CrmImportWindow, next_button);
  gtk_widget_class_bind_template_child (widget_class, CrmImportWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, CrmImportWindow, loading_spinner);
  gtk_widget_class_bind_template_child (widget_class, CrmImportWindow, error_page);
  gtk_widget_class_bind_template_child (widget_class, CrmImportWindow, choose_button);
  gtk_widget_class_bind_template_child (widget_class, CrmImportWindow, mapping_page);
  gtk_widget_class_bind_template_child (widget_class, CrmImportWindow, checking_progress);
  gtk_widget_class_bind_template_child (widget_class, CrmImportWindow, duplicates_page);
  gtk_widget_class_bind_template_child (widget_class, CrmImportWindow, importing_page);
  gtk_widget_class_bind_template_child (widget_class, CrmImportWindow, importing_progress);
  gtk_widget_class_bind_template_child (widget_class, CrmImportWindow, summary_page);
  gtk_widget_class_bind_template_child (widget_class, CrmImportWindow, summary_list);
  gtk_widget_class_bind_template_child (widget_class, CrmImportWindow, rejections_group);
  gtk_widget_class_bind_template_child (widget_class, CrmImportWindow, rejections_view);
  gtk_widget_class_bind_template_child (widget_class, CrmImportWindow, warnings_group);
  gtk_widget_class_bind_template_child (widget_class, CrmImportWindow, warnings_view);
  gtk_widget_class_bind_template_child (widget_class, CrmImportWindow, rejections_factory);

  gtk_widget_class_install_action (widget_class, "import.next", NULL, on_next_activate);
  gtk_widget_class_install_action (widget_class, "import.back", NULL, on_back_activate);
  gtk_widget_class_install_action (widget_class, "import.cancel", NULL, on_cancel_activate);
  gtk_widget_class_install_action (widget_class, "import.choose-file", NULL,
                                   on_choose_file_activate);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "import.cancel", NULL);
}

static void
crm_import_window_init (CrmImportWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  g_signal_connect (self->rejections_factory, "setup", G_CALLBACK (on_rejection_setup), NULL);
  g_signal_connect (self->rejections_factory, "bind", G_CALLBACK (on_rejection_bind), NULL);
}

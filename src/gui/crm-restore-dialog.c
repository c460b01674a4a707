/* crm-restore-dialog.c — CrmRestoreDialog: the backups of a window's database and Restore.
 *
 * A restore replaces the database file, which SQLite allows only when no connection has it
 * open: the window (and the task reminders that may share its store) closes first, the
 * restore runs in a thread (crm_backups_restore_async), then the database opens again in a new
 * window — restored, or as it was when the restore refused — with a toast or an error dialog.
 * The application is held meanwhile, so closing its only window does not end it.
 */
#include "config.h"

#include "crm-restore-dialog.h"

#include <glib/gi18n.h>

#include "crm-application.h"
#include "crm-backups.h"
#include "crm-date-format.h"
#include "crm-gui-resources.h"

/* How long a restore waits for the closed window's connection to go (a worker thread may still
 * hold it), checking every STORE_POLL_MS; then it runs anyway, and refuses if it is open. */
#define STORE_WAIT_MS 5000
#define STORE_POLL_MS 20

struct _CrmRestoreDialog
{
  AdwWindow parent_instance;

  CrmWindow *window; /* weak */
  char *database_path;
  GCancellable *cancellable;
  GPtrArray *backups; /* CrmBackup, newest first */

  /* Template children */
  GtkStack *stack;
  GtkSpinner *spinner;
  GtkListBox *list_box;
  GtkLabel *folder_label;
  AdwStatusPage *empty_page;
};

enum
{
  SIGNAL_LOADED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (CrmRestoreDialog, crm_restore_dialog, ADW_TYPE_WINDOW)

/* ---- Words ---------------------------------------------------------------------------------- */

char *
crm_restore_dialog_format_time (gint64 unix_utc, gint64 now)
{
  g_autoptr (GDateTime) utc = g_date_time_new_from_unix_utc (unix_utc);
  g_autoptr (GDateTime) when = g_date_time_to_local (utc);
  g_autoptr (GDateTime) now_utc = g_date_time_new_from_unix_utc (now);
  g_autoptr (GDateTime) today = g_date_time_to_local (now_utc);
  g_autoptr (GDateTime) yesterday = g_date_time_add_days (today, -1);
  g_autofree char *time = g_date_time_format (when, "%H:%M");
  int y, m, d;

  g_date_time_get_ymd (when, &y, &m, &d);
  if (g_date_time_get_year (today) == y && g_date_time_get_month (today) == m
      && g_date_time_get_day_of_month (today) == d)
    /* Translators: when a backup was taken: "Today 14:02". */
    return g_strdup_printf (_ ("Today %s"), time);
  if (g_date_time_get_year (yesterday) == y && g_date_time_get_month (yesterday) == m
      && g_date_time_get_day_of_month (yesterday) == d)
    /* Translators: when a backup was taken: "Yesterday 14:02". */
    return g_strdup_printf (_ ("Yesterday %s"), time);
  return crm_date_format_day_time (unix_utc);
}

static char *
describe_backup (const CrmBackup *backup)
{
  g_autofree char *reason = crm_backups_describe_reason (backup->reason);
  g_autofree char *counts = NULL;

  if (!backup->has_summary)
    /* Translators: a backup file that cannot be read, with the reason. */
    counts = g_strdup_printf (_ ("Cannot be read: %s"), backup->problem);
  else if (backup->summary.schema_version > CRM_STORE_SCHEMA_VERSION)
    counts = g_strdup (_ ("Made by a newer version of Rapport"));
  else
    counts = crm_backups_describe_counts (&backup->summary);
  /* Translators: why a backup was taken, and what it holds: "Daily backup · 3 contacts · …". */
  return g_strdup_printf (_ ("%s · %s"), reason, counts);
}

/* ---- Restoring -------------------------------------------------------------------------------- */

typedef struct
{
  GtkApplication *app;
  char *database_path;
  char *backup_path;
  char *label;
  CrmStore *store; /* weak: the closed window's, until it goes */
  guint waited_ms;
} RestoreRun;

static void
restore_run_free (RestoreRun *run)
{
  if (run->store != NULL)
    g_object_remove_weak_pointer (G_OBJECT (run->store), (gpointer *) &run->store);
  g_application_release (G_APPLICATION (run->app));
  g_object_unref (run->app);
  g_free (run->database_path);
  g_free (run->backup_path);
  g_free (run->label);
  g_free (run);
}

static CrmWindow *
find_window (GtkApplication *app, const char *path)
{
  for (GList *l = gtk_application_get_windows (app); l != NULL; l = l->next)
    if (CRM_IS_WINDOW (l->data)
        && g_strcmp0 (crm_store_get_path (crm_window_get_store (l->data)), path) == 0)
      return l->data;
  return NULL;
}

static void
on_restored (GObject *source, GAsyncResult *result, gpointer user_data)
{
  RestoreRun *run = user_data;
  g_autoptr (GError) error = NULL;
  g_autofree char *kept = NULL;
  gboolean restored = crm_backups_restore_finish (result, &kept, &error);
  CrmWindow *window;

  /* Restored or not, the database comes back in a window (or the application says why it
   * cannot be opened). */
  crm_application_open (CRM_APPLICATION (run->app), run->database_path);
  window = find_window (run->app, run->database_path);
  if (window != NULL && restored)
    {
      g_autofree char *escaped = g_markup_escape_text (run->label, -1);
      g_autofree char *title = NULL;
      AdwToast *toast;

      if (kept != NULL)
        title = g_strdup_printf (
            _ ("Restored the backup of %s. The data it replaced is kept as a backup."), escaped);
      else
        title = g_strdup_printf (_ ("Restored the backup of %s"), escaped);
      toast = adw_toast_new (title);
      adw_toast_set_timeout (toast, 8);
      crm_window_add_toast (window, toast);
    }
  else if (window != NULL)
    {
      GtkWidget *dialog
          = adw_message_dialog_new (GTK_WINDOW (window), _ ("Cannot Restore the Backup"), NULL);

      adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                      _ ("%s\n\nYour data was not changed."), error->message);
      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _ ("_Close"));
      gtk_window_present (GTK_WINDOW (dialog));
    }
  else if (!restored)
    g_warning ("Cannot restore %s: %s", run->backup_path, error->message);
  restore_run_free (run);
}

static gboolean
on_store_poll (gpointer user_data)
{
  RestoreRun *run = user_data;

  run->waited_ms += STORE_POLL_MS;
  if (run->store != NULL && run->waited_ms < STORE_WAIT_MS)
    return G_SOURCE_CONTINUE;
  if (run->store != NULL)
    {
      g_debug ("The store of %s is still open after %u ms (%u references)", run->database_path,
               run->waited_ms, G_OBJECT (run->store)->ref_count);
      g_object_remove_weak_pointer (G_OBJECT (run->store), (gpointer *) &run->store);
      run->store = NULL;
    }
  crm_backups_restore_async (run->database_path, run->backup_path, NULL, on_restored, run);
  return G_SOURCE_REMOVE;
}

void
crm_restore_dialog_restore (CrmWindow *window, const char *backup_path, const char *label)
{
  RestoreRun *run;
  CrmStore *store;

  g_return_if_fail (CRM_IS_WINDOW (window));
  g_return_if_fail (backup_path != NULL);

  store = crm_window_get_store (window);
  run = g_new0 (RestoreRun, 1);
  run->app = g_object_ref (gtk_window_get_application (GTK_WINDOW (window)));
  run->database_path = g_strdup (crm_store_get_path (store));
  run->backup_path = g_strdup (backup_path);
  run->label = g_strdup (label != NULL ? label : backup_path);
  run->store = store;
  g_object_add_weak_pointer (G_OBJECT (store), (gpointer *) &run->store);
  g_application_hold (G_APPLICATION (run->app));

  crm_window_save_state (window);
  crm_application_close_database (CRM_APPLICATION (run->app), run->database_path);
  g_timeout_add (STORE_POLL_MS, on_store_poll, run);
}

/* ---- The list ------------------------------------------------------------------------------- */

typedef struct
{
  CrmRestoreDialog *dialog;
  CrmWindow *window;
  char *path;
  char *label;
} Confirmed;

/* After the confirmation's response has been handled: the window, its dialogs and its store
 * go, which must not happen from within their own signal handlers. */
static gboolean
on_confirmed_idle (gpointer user_data)
{
  Confirmed *confirmed = user_data;

  gtk_window_destroy (GTK_WINDOW (confirmed->dialog));
  if (gtk_widget_get_realized (GTK_WIDGET (confirmed->window))
      || gtk_widget_get_visible (GTK_WIDGET (confirmed->window)))
    crm_restore_dialog_restore (confirmed->window, confirmed->path, confirmed->label);
  g_object_unref (confirmed->dialog);
  g_object_unref (confirmed->window);
  g_free (confirmed->path);
  g_free (confirmed->label);
  g_free (confirmed);
  return G_SOURCE_REMOVE;
}

static void
on_confirm_response (AdwMessageDialog *dialog, const char *response, CrmRestoreDialog *self)
{
  const CrmBackup *backup = g_object_get_data (G_OBJECT (dialog), "backup");
  Confirmed *confirmed;

  if (g_strcmp0 (response, "restore") != 0 || self->window == NULL)
    return;
  confirmed = g_new0 (Confirmed, 1);
  confirmed->dialog = g_object_ref (self);
  confirmed->window = g_object_ref (self->window);
  confirmed->path = g_strdup (backup->path);
  confirmed->label = crm_date_format_day_time (backup->time);
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
  g_idle_add (on_confirmed_idle, confirmed);
}

static void
on_restore_clicked (GtkButton *button, CrmRestoreDialog *self)
{
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "index"));
  const CrmBackup *backup = g_ptr_array_index (self->backups, index);
  g_autofree char *when = crm_date_format_day_time (backup->time);
  g_autofree char *counts = crm_backups_describe_counts (&backup->summary);
  g_autofree char *heading = g_strdup_printf (_ ("Restore the backup of %s?"), when);
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, NULL);

  adw_message_dialog_format_body (
      ADW_MESSAGE_DIALOG (dialog),
      _ ("The current data is kept as a backup first, then the window opens again with the "
         "data of the backup (%s)."),
      counts);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _ ("_Cancel"), "restore",
                                    _ ("_Restore"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "restore",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data (G_OBJECT (dialog), "backup", (gpointer) backup);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_confirm_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static GtkWidget *
make_row (CrmRestoreDialog *self, guint index, gint64 now)
{
  const CrmBackup *backup = g_ptr_array_index (self->backups, index);
  g_autofree char *title = crm_restore_dialog_format_time (backup->time, now);
  g_autofree char *subtitle = describe_backup (backup);
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *button = gtk_button_new_with_mnemonic (_ ("_Restore…"));
  g_autofree char *accessible = g_strdup_printf (_ ("Restore the backup of %s"), title);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_set_tooltip_text (row, backup->path);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_sensitive (
      button, backup->has_summary && backup->summary.schema_version <= CRM_STORE_SCHEMA_VERSION);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  accessible, -1);
  g_object_set_data (G_OBJECT (button), "index", GUINT_TO_POINTER (index));
  g_signal_connect (button, "clicked", G_CALLBACK (on_restore_clicked), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  /* Enter or a click on the row is the button's click. */
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), button);
  return row;
}

static void
on_listed (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (CrmRestoreDialog) self = user_data;
  g_autoptr (GError) error = NULL;
  GPtrArray *backups = crm_backups_list_finish (result, &error);
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  if (g_cancellable_is_cancelled (self->cancellable))
    {
      g_clear_pointer (&backups, g_ptr_array_unref);
      return;
    }
  gtk_spinner_stop (self->spinner);
  if (backups == NULL)
    {
      adw_status_page_set_title (self->empty_page, _ ("Cannot Read the Backups"));
      adw_status_page_set_description (self->empty_page, error->message);
      gtk_stack_set_visible_child_name (self->stack, "empty");
      g_signal_emit (self, signals[SIGNAL_LOADED], 0);
      return;
    }

  self->backups = backups;
  for (guint i = 0; i < backups->len; i++)
    gtk_list_box_append (self->list_box, make_row (self, i, now));
  gtk_stack_set_visible_child_name (self->stack, backups->len > 0 ? "list" : "empty");
  g_signal_emit (self, signals[SIGNAL_LOADED], 0);
}

guint
crm_restore_dialog_get_n_backups (CrmRestoreDialog *self)
{
  g_return_val_if_fail (CRM_IS_RESTORE_DIALOG (self), 0);
  return self->backups != NULL ? self->backups->len : 0;
}

CrmRestoreDialog *
crm_restore_dialog_new (CrmWindow *window)
{
  CrmRestoreDialog *self;
  g_autofree char *folder = NULL;
  g_autofree char *text = NULL;

  g_return_val_if_fail (CRM_IS_WINDOW (window), NULL);

  self = g_object_new (CRM_TYPE_RESTORE_DIALOG, "transient-for", window, NULL);
  g_set_weak_pointer (&self->window, window);
  self->database_path = g_strdup (crm_store_get_path (crm_window_get_store (window)));
  folder = crm_store_get_backup_folder (self->database_path);
  /* Translators: above the list of backups; %s is a folder. */
  text = g_strdup_printf (_ ("Backups are kept in %s"), folder);
  gtk_label_set_text (self->folder_label, text);

  gtk_spinner_start (self->spinner);
  crm_backups_list_async (self->database_path, self->cancellable, on_listed, g_object_ref (self));
  return self;
}

static void
on_restore_backup_activate (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  CrmRestoreDialog *dialog = crm_restore_dialog_new (user_data);

  gtk_window_present (GTK_WINDOW (dialog));
}

void
crm_restore_dialog_add_window_action (CrmWindow *window)
{
  static const GActionEntry entries[] = {
    { .name = "restore-backup", .activate = on_restore_backup_activate },
  };

  g_return_if_fail (CRM_IS_WINDOW (window));
  g_action_map_add_action_entries (G_ACTION_MAP (window), entries, G_N_ELEMENTS (entries), window);
}

/* ---- Class ---------------------------------------------------------------------------------- */

static void
crm_restore_dialog_dispose (GObject *object)
{
  CrmRestoreDialog *self = CRM_RESTORE_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_weak_pointer (&self->window);
  gtk_widget_dispose_template (GTK_WIDGET (self), CRM_TYPE_RESTORE_DIALOG);

  G_OBJECT_CLASS (crm_restore_dialog_parent_class)->dispose (object);
}

static void
crm_restore_dialog_finalize (GObject *object)
{
  CrmRestoreDialog *self = CRM_RESTORE_DIALOG (object);

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->backups, g_ptr_array_unref);
  g_free (self->database_path);

  G_OBJECT_CLASS (crm_restore_dialog_parent_class)->finalize (object);
}

static void
crm_restore_dialog_class_init (CrmRestoreDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = crm_restore_dialog_dispose;
  object_class->finalize = crm_restore_dialog_finalize;

  /**
   * CrmRestoreDialog::loaded:
   *
   * Emitted once the backups are listed (or could not be).
   */
  signals[SIGNAL_LOADED] = g_signal_new ("loaded", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                         NULL, NULL, NULL, G_TYPE_NONE, 0);

  crm_gui_resources_ensure ();
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/crm-restore-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, CrmRestoreDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, CrmRestoreDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, CrmRestoreDialog, list_box);
  gtk_widget_class_bind_template_child (widget_class, CrmRestoreDialog, folder_label);
  gtk_widget_class_bind_template_child (widget_class, CrmRestoreDialog, empty_page);
}

static void
crm_restore_dialog_init (CrmRestoreDialog *self)
{
  self->cancellable = g_cancellable_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
}

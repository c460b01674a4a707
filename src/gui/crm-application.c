/* crm-application.c — CrmApplication: the command line, app-wide actions and accelerators, the
 * colour scheme setting, and opening a database into a window. When a database cannot be
 * opened, the user is asked what to do (quit, open another, or move a damaged file aside) and
 * the application stays alive until they have answered.
 *
 * Task reminders (setting task-reminders) follow the first database opened: while they are on,
 * the application holds itself, so closing the last window leaves it running in the background
 * to send them; Quit ends it, and activating it again shows the window. Their notifications
 * come back as app.show-task, app.complete-task and app.show-today.
 *
 * Desktop integration: the GNOME Shell search provider (CrmSearchProvider) is exported on the
 * application's D-Bus connection and searches the database last opened in a window (the
 * default one until then); `--gapplication-service` (D-Bus activation) starts without a window.
 * Files given on the command line or opened from the file manager (org.freedesktop.Application
 * Open) go to the window's win.import-file action, one URI each.
 */
#include "config.h"

#include "crm-application.h"

#include <glib/gi18n.h>

#include "crm-about-window.h"
#include "crm-backup-scheduler.h"
#include "crm-database-error-dialog.h"
#include "crm-gui-resources.h"
#include "crm-preferences-window.h"
#include "crm-restore-dialog.h"
#include "crm-search-provider.h"
#include "crm-task-reminders.h"
#include "crm-tasks.h"
#include "crm-window.h"

struct _CrmApplication
{
  AdwApplication parent_instance;

  GSettings *settings;
  /* Reminders of the first database opened (NULL while the setting is off); the application
   * is held as long as they exist. */
  CrmTaskReminders *reminders;
  /* Exported while the application is registered on a session bus. */
  CrmSearchProvider *search_provider;
  /* The daily backups of the open windows' databases. */
  CrmBackupScheduler *backup_scheduler;
};

G_DEFINE_FINAL_TYPE (CrmApplication, crm_application, ADW_TYPE_APPLICATION)

/* A database that could not be opened, while the user decides what to do about it. Shared by
 * the dialogs of the decision (reference counted); the application is held until the last
 * reference goes. */
typedef struct
{
  CrmApplication *app;
  char *path;
  GError *error;
  char *aside_path;
} OpenFailure;

static void
crm_application_present_failure (OpenFailure *failure);
static CrmWindow *
crm_application_open_window (CrmApplication *self, const char *path);

static void
open_failure_clear (OpenFailure *failure)
{
  g_application_release (G_APPLICATION (failure->app));
  g_clear_object (&failure->app);
  g_clear_pointer (&failure->path, g_free);
  g_clear_error (&failure->error);
  g_clear_pointer (&failure->aside_path, g_free);
}

static OpenFailure *
open_failure_new (CrmApplication *app, const char *path, const GError *error)
{
  OpenFailure *failure = g_rc_box_new0 (OpenFailure);

  failure->app = g_object_ref (app);
  failure->path = g_strdup (path);
  failure->error = g_error_copy (error);
  g_application_hold (G_APPLICATION (app));

  return failure;
}

static OpenFailure *
open_failure_ref (OpenFailure *failure)
{
  return g_rc_box_acquire (failure);
}

static void
open_failure_unref (gpointer failure, GClosure *closure)
{
  g_rc_box_release_full (failure, (GDestroyNotify) open_failure_clear);
}

/* The window new dialogs belong to: the active main window, else any main window, else none.
 * Never another dialog: it may be closing, and would take its transient children along. */
static GtkWindow *
crm_application_get_dialog_parent (CrmApplication *self)
{
  GtkWindow *active = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (CRM_IS_WINDOW (active))
    return active;

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    {
      if (CRM_IS_WINDOW (l->data))
        return l->data;
    }
  return NULL;
}

CrmApplication *
crm_application_new (void)
{
  /* HANDLES_OPEN too: the desktop's Open (a file opened with Rapport through D-Bus
   * activation) reaches crm_application_open_files; command lines go to command_line. */
  return g_object_new (CRM_TYPE_APPLICATION, "application-id", APPLICATION_ID, "flags",
                       G_APPLICATION_HANDLES_COMMAND_LINE | G_APPLICATION_HANDLES_OPEN,
                       "resource-base-path", RESOURCE_PREFIX, NULL);
}

CrmStore *
crm_application_open_database (CrmApplication *self, const char *path, GError **error)
{
  g_return_val_if_fail (CRM_IS_APPLICATION (self), NULL);
  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return crm_store_open (path, error);
}

static gboolean
same_file (const char *a, const char *b)
{
  g_autofree char *canonical_a = g_canonicalize_filename (a, NULL);
  g_autofree char *canonical_b = g_canonicalize_filename (b, NULL);

  return g_strcmp0 (canonical_a, canonical_b) == 0;
}

static CrmWindow *
crm_application_find_window (CrmApplication *self, const char *path)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    {
      if (CRM_IS_WINDOW (l->data)
          && same_file (crm_store_get_path (crm_window_get_store (l->data)), path))
        return l->data;
    }
  return NULL;
}

/* ---- Task reminders --------------------------------------------------------------------- */

/* Reminds of @store's tasks, unless reminders are off or already follow a database. */
static void
crm_application_start_reminders (CrmApplication *self, CrmStore *store)
{
  if (self->reminders != NULL || !g_settings_get_boolean (self->settings, "task-reminders"))
    return;
  self->reminders = crm_task_reminders_new (G_APPLICATION (self), store);
  g_application_hold (G_APPLICATION (self));
}

static void
crm_application_stop_reminders (CrmApplication *self)
{
  if (self->reminders == NULL)
    return;
  g_clear_object (&self->reminders);
  g_application_release (G_APPLICATION (self));
}

static void
on_task_reminders_changed (CrmApplication *self)
{
  GtkWindow *window = crm_application_get_dialog_parent (self);

  if (!g_settings_get_boolean (self->settings, "task-reminders"))
    crm_application_stop_reminders (self);
  else if (CRM_IS_WINDOW (window))
    crm_application_start_reminders (self, crm_window_get_store (CRM_WINDOW (window)));
}

/* The window of the reminders' database (opened again when it was closed), or of the default
 * database when there are no reminders; NULL when it cannot be opened. */
static CrmWindow *
crm_application_present_tasks_window (CrmApplication *self)
{
  g_autofree char *path = NULL;

  if (self->reminders != NULL)
    path = g_strdup (crm_store_get_path (crm_task_reminders_get_store (self->reminders)));
  else
    path = crm_store_get_default_path ();
  return crm_application_open_window (self, path);
}

static void
on_show_task_activate (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  CrmWindow *window = crm_application_present_tasks_window (user_data);

  if (window != NULL)
    gtk_widget_activate_action (GTK_WIDGET (window), "win.show-task", "x",
                                g_variant_get_int64 (parameter));
}

static void
on_show_today_activate (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  CrmWindow *window = crm_application_present_tasks_window (user_data);

  if (window != NULL)
    crm_window_set_visible_page (window, "today");
}

/* Mark as Done from a notification: through the window when one shows the database (so it is
 * undoable there), else straight to the store. */
static void
on_complete_task_activate (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  CrmApplication *self = user_data;
  g_autoptr (GError) error = NULL;
  CrmStore *store;
  CrmWindow *window;

  if (self->reminders == NULL)
    return;
  store = crm_task_reminders_get_store (self->reminders);
  window = crm_application_find_window (self, crm_store_get_path (store));
  if (window != NULL)
    gtk_widget_activate_action (GTK_WIDGET (window), "win.complete-task", "x",
                                g_variant_get_int64 (parameter));
  else if (!crm_tasks_set_done (store, g_variant_get_int64 (parameter), TRUE, &error))
    g_warning ("Cannot complete the task: %s", error->message);
}

/* Opens @path in a new window (or finds the one showing it) and presents it. Returns NULL when
 * the file could not be opened, after asking the user what to do. */
static CrmWindow *
crm_application_open_window (CrmApplication *self, const char *path)
{
  g_autoptr (CrmStore) store = NULL;
  g_autoptr (GError) error = NULL;
  CrmWindow *window;

  window = crm_application_find_window (self, path);
  if (window != NULL)
    {
      gtk_window_present (GTK_WINDOW (window));
      return window;
    }

  /* The reminders may hold the file open since its window closed: the new window shares
   * their store, so both see each other's writes at once. */
  if (self->reminders != NULL
      && same_file (crm_store_get_path (crm_task_reminders_get_store (self->reminders)), path))
    store = g_object_ref (crm_task_reminders_get_store (self->reminders));
  else
    store = crm_application_open_database (self, path, &error);
  if (store == NULL)
    {
      OpenFailure *failure = open_failure_new (self, path, error);

      crm_application_present_failure (failure);
      g_rc_box_release_full (failure, (GDestroyNotify) open_failure_clear);
      return NULL;
    }

  window = crm_window_new (self, store);
  gtk_window_present (GTK_WINDOW (window));
  crm_application_start_reminders (self, store);
  /* The Shell's searches follow the database the user works on. */
  if (self->search_provider != NULL)
    crm_search_provider_set_database_path (self->search_provider, path);

  return window;
}

void
crm_application_close_database (CrmApplication *self, const char *path)
{
  GList *windows = NULL;

  g_return_if_fail (CRM_IS_APPLICATION (self));
  g_return_if_fail (path != NULL);

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    if (CRM_IS_WINDOW (l->data)
        && same_file (crm_store_get_path (crm_window_get_store (l->data)), path))
      windows = g_list_prepend (windows, g_object_ref (l->data));
  /* A destroyed window is finalized only when its last reference goes, which something still
   * holds: its dispose is run here so that its store (the connection) goes now. */
  for (GList *l = windows; l != NULL; l = l->next)
    {
      gtk_window_destroy (l->data);
      g_object_run_dispose (l->data);
    }
  g_list_free_full (windows, g_object_unref);

  /* The next window of the database starts them again. */
  if (self->reminders != NULL
      && same_file (crm_store_get_path (crm_task_reminders_get_store (self->reminders)), path))
    crm_application_stop_reminders (self);
}

void
crm_application_open (CrmApplication *self, const char *path)
{
  g_return_if_fail (CRM_IS_APPLICATION (self));
  g_return_if_fail (path != NULL);

  crm_application_open_window (self, path);
}

static void
on_move_aside_dialog_response (AdwMessageDialog *dialog, const char *response, OpenFailure *failure)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *aside_name = NULL;
  g_autofree char *title = NULL;
  CrmWindow *window;

  if (g_strcmp0 (response, "move") != 0)
    {
      crm_application_present_failure (failure);
      return;
    }

  if (!crm_database_move_aside (failure->path, failure->aside_path, &error))
    {
      g_clear_error (&failure->error);
      failure->error = g_steal_pointer (&error);
      crm_application_present_failure (failure);
      return;
    }

  window = crm_application_open_window (failure->app, failure->path);
  if (window == NULL)
    return;

  aside_name = g_filename_display_basename (failure->aside_path);
  /* Toast titles are markup; the file name is not. */
  title = g_markup_printf_escaped (_ ("Started a new database. The damaged one was kept as “%s”."),
                                   aside_name);
  crm_window_add_toast (window, adw_toast_new (title));
}

static void
crm_application_confirm_move_aside (OpenFailure *failure)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  GtkWindow *parent = crm_application_get_dialog_parent (failure->app);
  GtkWidget *dialog;

  g_free (failure->aside_path);
  failure->aside_path = crm_database_build_aside_path (failure->path, now);

  dialog = crm_database_move_aside_dialog_new (parent, failure->path, failure->aside_path);
  if (parent == NULL)
    gtk_window_set_application (GTK_WINDOW (dialog), GTK_APPLICATION (failure->app));
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_move_aside_dialog_response),
                         open_failure_ref (failure), open_failure_unref, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_file_chooser_response (GtkNativeDialog *native, int response_id, OpenFailure *failure)
{
  if (response_id == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr (GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));
      g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;

      if (path != NULL)
        crm_application_open_window (failure->app, path);
      else
        crm_application_present_failure (failure);
    }
  else
    {
      /* Back to the question: the database still cannot be opened. */
      crm_application_present_failure (failure);
    }

  g_object_unref (native);
}

static void
crm_application_choose_other_database (OpenFailure *failure)
{
  GtkWindow *parent = crm_application_get_dialog_parent (failure->app);
  GtkFileChooserNative *native;
  g_autoptr (GtkFileFilter) databases = gtk_file_filter_new ();
  g_autoptr (GtkFileFilter) all_files = gtk_file_filter_new ();
  g_autofree char *folder_path = g_path_get_dirname (failure->path);
  g_autoptr (GFile) folder = g_file_new_for_path (folder_path);

  native = gtk_file_chooser_native_new (_ ("Open Database"), parent, GTK_FILE_CHOOSER_ACTION_OPEN,
                                        _ ("_Open"), _ ("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);

  gtk_file_filter_set_name (databases, _ ("Rapport Databases"));
  gtk_file_filter_add_pattern (databases, "*.db");
  gtk_file_filter_add_mime_type (databases, "application/vnd.sqlite3");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), databases);
  gtk_file_filter_set_name (all_files, _ ("All Files"));
  gtk_file_filter_add_pattern (all_files, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), all_files);
  gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (native), folder, NULL);

  g_signal_connect_data (native, "response", G_CALLBACK (on_file_chooser_response),
                         open_failure_ref (failure), open_failure_unref, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

static void
on_error_dialog_response (AdwMessageDialog *dialog, const char *response, OpenFailure *failure)
{
  if (g_strcmp0 (response, CRM_DATABASE_ERROR_RESPONSE_OPEN_OTHER) == 0)
    crm_application_choose_other_database (failure);
  else if (g_strcmp0 (response, CRM_DATABASE_ERROR_RESPONSE_MOVE_ASIDE) == 0)
    crm_application_confirm_move_aside (failure);
  /* Quit: dropping the last reference releases the application, which ends when no window
   * is left. */
}

static void
crm_application_present_failure (OpenFailure *failure)
{
  GtkWindow *parent = crm_application_get_dialog_parent (failure->app);
  GtkWidget *dialog;

  dialog = crm_database_error_dialog_new (parent, failure->path, failure->error);
  if (parent == NULL)
    gtk_window_set_application (GTK_WINDOW (dialog), GTK_APPLICATION (failure->app));
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_error_dialog_response),
                         open_failure_ref (failure), open_failure_unref, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
crm_application_apply_color_scheme (CrmApplication *self)
{
  AdwStyleManager *style_manager = adw_style_manager_get_default ();
  g_autofree char *scheme = g_settings_get_string (self->settings, "color-scheme");

  if (g_strcmp0 (scheme, "light") == 0)
    adw_style_manager_set_color_scheme (style_manager, ADW_COLOR_SCHEME_FORCE_LIGHT);
  else if (g_strcmp0 (scheme, "dark") == 0)
    adw_style_manager_set_color_scheme (style_manager, ADW_COLOR_SCHEME_FORCE_DARK);
  else
    adw_style_manager_set_color_scheme (style_manager, ADW_COLOR_SCHEME_DEFAULT);
}

static void
on_color_scheme_changed (CrmApplication *self)
{
  crm_application_apply_color_scheme (self);
}

static void
on_preferences_activate (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  CrmApplication *self = user_data;
  CrmPreferencesWindow *preferences;

  preferences = crm_preferences_window_new (crm_application_get_dialog_parent (self));
  gtk_window_present (GTK_WINDOW (preferences));
}

static void
on_about_activate (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  crm_about_window_present (crm_application_get_dialog_parent (user_data));
}

static void
on_quit_activate (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  CrmApplication *self = user_data;
  GList *windows;

  /* Referenced: destroying a window also destroys its dialogs, which are in the list too. */
  windows = NULL;
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    windows = g_list_prepend (windows, g_object_ref (l->data));

  /* Quitting does not send close-request: save what the windows would have saved, then close
   * them, which also closes their databases. */
  for (GList *l = windows; l != NULL; l = l->next)
    {
      if (CRM_IS_WINDOW (l->data))
        crm_window_save_state (l->data);
    }
  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_destroy (l->data);

  g_list_free_full (windows, g_object_unref);
  /* Quit means quit: no reminders in the background either. */
  crm_application_stop_reminders (self);
  g_application_quit (G_APPLICATION (self));
}

static const GActionEntry app_actions[] = {
  { .name = "preferences", .activate = on_preferences_activate },
  { .name = "about", .activate = on_about_activate },
  { .name = "quit", .activate = on_quit_activate },
  { .name = "show-task", .activate = on_show_task_activate, .parameter_type = "x" },
  { .name = "complete-task", .activate = on_complete_task_activate, .parameter_type = "x" },
  { .name = "show-today", .activate = on_show_today_activate },
};

static void
crm_application_set_accels (CrmApplication *self)
{
  static const struct
  {
    const char *action;
    const char *accels[3];
  } accels[] = {
    { "app.quit", { "<Control>q", NULL } },
    { "app.preferences", { "<Control>comma", NULL } },
    { "window.close", { "<Control>w", NULL } },
    { "win.page::pipeline", { "<Alt>1", "<Control>1", NULL } },
    { "win.page::contacts", { "<Alt>2", "<Control>2", NULL } },
    { "win.page::today", { "<Alt>3", "<Control>3", NULL } },
    { "win.page::dashboard", { "<Alt>4", "<Control>4", NULL } },
    /* The window's Import… and Export… (the window installs the actions). */
    { "win.import", { "<Control>o", NULL } },
    { "win.export", { "<Control><Shift>e", NULL } },
  };

  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (self), accels[i].action,
                                           accels[i].accels);
}

/* ---- Desktop integration: search provider, opening files ------------------------------- */

/* The window of the database the search provider searches (opened when needed), presented
 * with the Shell's @timestamp; NULL when it cannot be opened. */
static CrmWindow *
crm_application_present_search_window (CrmApplication *self, guint32 timestamp)
{
  CrmWindow *window = crm_application_open_window (
      self, crm_search_provider_get_database_path (self->search_provider));

  if (window != NULL)
    gtk_window_present_with_time (GTK_WINDOW (window), timestamp);
  return window;
}

static void
on_search_activate_result (CrmApplication *self, int entity, gint64 id, guint32 timestamp)
{
  CrmWindow *window = crm_application_present_search_window (self, timestamp);
  const char *action;

  if (window == NULL)
    return;
  switch (entity)
    {
      case CRM_ENTITY_CONTACT:
        action = "win.show-contact";
        break;
      case CRM_ENTITY_COMPANY:
        action = "win.show-company";
        break;
      case CRM_ENTITY_DEAL:
        action = "win.show-deal";
        break;
      default:
        return;
    }
  gtk_widget_activate_action (GTK_WIDGET (window), action, "x", id);
}

static void
on_search_launch_search (CrmApplication *self, const char *text, guint32 timestamp)
{
  CrmWindow *window = crm_application_present_search_window (self, timestamp);

  if (window != NULL)
    gtk_widget_activate_action (GTK_WIDGET (window), "win.search-contacts", "s", text);
}

static gboolean
crm_application_dbus_register (GApplication *app,
                               GDBusConnection *connection,
                               const char *object_path,
                               GError **error)
{
  CrmApplication *self = CRM_APPLICATION (app);
  g_autofree char *default_path = crm_store_get_default_path ();

  if (!G_APPLICATION_CLASS (crm_application_parent_class)
           ->dbus_register (app, connection, object_path, error))
    return FALSE;

  self->search_provider = crm_search_provider_new (app, default_path);
  g_signal_connect_object (self->search_provider, "activate-result",
                           G_CALLBACK (on_search_activate_result), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->search_provider, "launch-search",
                           G_CALLBACK (on_search_launch_search), self, G_CONNECT_SWAPPED);
  if (!crm_search_provider_register (self->search_provider, connection,
                                     CRM_SEARCH_PROVIDER_OBJECT_PATH, error))
    {
      g_clear_object (&self->search_provider);
      return FALSE;
    }
  return TRUE;
}

static void
crm_application_dbus_unregister (GApplication *app,
                                 GDBusConnection *connection,
                                 const char *object_path)
{
  CrmApplication *self = CRM_APPLICATION (app);

  if (self->search_provider != NULL)
    {
      crm_search_provider_unregister (self->search_provider);
      g_clear_object (&self->search_provider);
    }

  G_APPLICATION_CLASS (crm_application_parent_class)
      ->dbus_unregister (app, connection, object_path);
}

/* Opens @database_path in a window and hands each of @files to its win.import-file action
 * (the import window), as a URI. Without that action the files are left alone. */
static void
crm_application_import_files (CrmApplication *self,
                              const char *database_path,
                              GFile **files,
                              int n_files)
{
  CrmWindow *window = crm_application_open_window (self, database_path);

  if (window == NULL)
    return;
  for (int i = 0; i < n_files; i++)
    {
      g_autofree char *uri = g_file_get_uri (files[i]);

      if (!gtk_widget_activate_action (GTK_WIDGET (window), "win.import-file", "s", uri))
        g_debug ("No importer for %s", uri);
    }
}

/* The database files opened from the desktop go to: the one shown in the active window, else
 * the one the search provider follows (the last opened), else the default one. */
static char *
crm_application_dup_current_path (CrmApplication *self)
{
  GtkWindow *window = crm_application_get_dialog_parent (self);

  if (CRM_IS_WINDOW (window))
    return g_strdup (crm_store_get_path (crm_window_get_store (CRM_WINDOW (window))));
  if (self->search_provider != NULL)
    return g_strdup (crm_search_provider_get_database_path (self->search_provider));
  return crm_store_get_default_path ();
}

static void
crm_application_open_files (GApplication *app, GFile **files, int n_files, const char *hint)
{
  CrmApplication *self = CRM_APPLICATION (app);
  g_autofree char *path = crm_application_dup_current_path (self);

  crm_application_import_files (self, path, files, n_files);
}

/* Every database window gets win.restore-backup, and its database a daily backup. */
static void
on_window_added (CrmApplication *self, GtkWindow *window)
{
  if (!CRM_IS_WINDOW (window))
    return;
  crm_restore_dialog_add_window_action (CRM_WINDOW (window));
  /* After the window's first frames, in a worker thread. */
  crm_backup_scheduler_check_later (self->backup_scheduler, 3000);
}

static void
crm_application_startup (GApplication *app)
{
  CrmApplication *self = CRM_APPLICATION (app);

  G_APPLICATION_CLASS (crm_application_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions, G_N_ELEMENTS (app_actions),
                                   self);
  crm_application_set_accels (self);

  self->settings = g_settings_new (APPLICATION_ID);
  g_signal_connect_object (self->settings, "changed::color-scheme",
                           G_CALLBACK (on_color_scheme_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::task-reminders",
                           G_CALLBACK (on_task_reminders_changed), self, G_CONNECT_SWAPPED);
  /* Read once, so that every backend reports its changes. */
  g_settings_get_boolean (self->settings, "task-reminders");
  crm_application_apply_color_scheme (self);

  self->backup_scheduler = crm_backup_scheduler_new (GTK_APPLICATION (self));
  g_signal_connect (self, "window-added", G_CALLBACK (on_window_added), NULL);
}

static void
crm_application_activate (GApplication *app)
{
  CrmApplication *self = CRM_APPLICATION (app);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));
  g_autofree char *path = NULL;

  if (window != NULL)
    {
      gtk_window_present (window);
      return;
    }

  /* Running in the background for reminders: their database comes back. */
  if (self->reminders != NULL)
    path = g_strdup (crm_store_get_path (crm_task_reminders_get_store (self->reminders)));
  else
    path = crm_store_get_default_path ();
  crm_application_open (self, path);
}

static int
crm_application_handle_local_options (GApplication *app, GVariantDict *options)
{
  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("rapport %s\n", PACKAGE_VERSION);
      return 0;
    }

  return -1;
}

static int
crm_application_command_line (GApplication *app, GApplicationCommandLine *command_line)
{
  CrmApplication *self = CRM_APPLICATION (app);
  GVariantDict *options = g_application_command_line_get_options_dict (command_line);
  const char *database = NULL;
  g_autofree const char **arguments = NULL;
  g_autoptr (GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *path = NULL;

  if (g_variant_dict_lookup (options, "database", "^&ay", &database))
    {
      /* Relative to the directory of the command that asked, which may be another process. */
      g_autoptr (GFile) file
          = g_application_command_line_create_file_for_arg (command_line, database);

      path = g_file_get_path (file);
    }
  else
    {
      path = crm_store_get_default_path ();
    }

  /* FILE… after the options: files to import into that database. */
  if (g_variant_dict_lookup (options, G_OPTION_REMAINING, "^a&ay", &arguments))
    {
      for (guint i = 0; arguments[i] != NULL; i++)
        g_ptr_array_add (
            files, g_application_command_line_create_file_for_arg (command_line, arguments[i]));
    }

  if (files->len > 0)
    crm_application_import_files (self, path, (GFile **) files->pdata, (int) files->len);
  else
    crm_application_open (self, path);

  return 0;
}

static void
crm_application_dispose (GObject *object)
{
  CrmApplication *self = CRM_APPLICATION (object);

  g_clear_object (&self->reminders);
  g_clear_object (&self->search_provider);
  g_clear_object (&self->backup_scheduler);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (crm_application_parent_class)->dispose (object);
}

static void
crm_application_class_init (CrmApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = crm_application_dispose;

  app_class->startup = crm_application_startup;
  app_class->activate = crm_application_activate;
  app_class->handle_local_options = crm_application_handle_local_options;
  app_class->command_line = crm_application_command_line;
  app_class->open = crm_application_open_files;
  app_class->dbus_register = crm_application_dbus_register;
  app_class->dbus_unregister = crm_application_dbus_unregister;

  /* Before startup, which looks up style.css, the icons and the help overlay in it. */
  crm_gui_resources_ensure ();
}

static void
crm_application_init (CrmApplication *self)
{
  const GOptionEntry options[] = {
    { "database", 'd', G_OPTION_FLAG_NONE, G_OPTION_ARG_FILENAME, NULL,
      N_ ("Open the database FILE instead of the default one"), N_ ("FILE") },
    { "version", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_NONE, NULL, N_ ("Show the version"), NULL },
    /* Files to import (CSV, vCard), for example from the file manager's Open With. */
    { G_OPTION_REMAINING, 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_FILENAME_ARRAY, NULL, NULL, NULL },
    { NULL },
  };

  g_application_add_main_option_entries (G_APPLICATION (self), options);
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _ ("A customer relationship manager for small teams."));
  g_application_set_option_context_parameter_string (G_APPLICATION (self), _ ("[FILE…]"));
}

/* test-window.c — widget tests of the application shell: the window and its pages, what it
 * remembers in GSettings, the "Cannot Open Database" path, and the preferences window.
 *
 * Runs under a virtual X display with the memory GSettings backend (see tests/meson.build);
 * every test gets its own temporary folder for its database.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "crm-application.h"
#include "crm-contacts-view.h"
#include "crm-database-error-dialog.h"
#include "crm-deal-editor.h"
#include "crm-pipeline-view.h"
#include "crm-stage-column.h"
#include "crm-preferences-window.h"
#include "crm-window.h"
#include "crm-gui-test-util.h"
#include "crm-test-util.h"

static CrmApplication *app;

typedef struct
{
  char *tmpdir;
  char *db_path;
} Fixture;

/* ---- Helpers ---------------------------------------------------------------------------- */

static gboolean
row_title_contains (GtkWidget *widget, gconstpointer text)
{
  return strstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), text) != NULL;
}

static gboolean
actionable_has_action (GtkWidget *widget, gconstpointer action_name)
{
  return g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), action_name) == 0;
}

static gboolean
actionable_targets_page (GtkWidget *widget, gconstpointer page)
{
  GVariant *target = gtk_actionable_get_action_target_value (GTK_ACTIONABLE (widget));

  return g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), "win.page") == 0
         && target != NULL && g_strcmp0 (g_variant_get_string (target, NULL), page) == 0;
}

static AdwViewStack *
get_stack (CrmWindow *window)
{
  GtkWidget *stack
      = crm_test_find_descendant_matching (GTK_WIDGET (window), ADW_TYPE_VIEW_STACK, NULL, NULL);

  g_assert_nonnull (stack);
  return ADW_VIEW_STACK (stack);
}

static AdwStatusPage *
get_status_page (CrmWindow *window, const char *page)
{
  GtkWidget *child = adw_view_stack_get_child_by_name (get_stack (window), page);
  GtkWidget *status;

  g_assert_nonnull (child);
  status = crm_test_find_descendant_matching (child, ADW_TYPE_STATUS_PAGE, NULL, NULL);
  g_assert_nonnull (status);

  return ADW_STATUS_PAGE (status);
}

/* Answers @dialog as a click would: the response, then the dialog goes away. */
static void
respond (AdwMessageDialog *dialog, const char *response)
{
  g_object_ref (dialog);
  adw_message_dialog_response (dialog, response);
  if (gtk_widget_get_visible (GTK_WIDGET (dialog)))
    gtk_window_destroy (GTK_WINDOW (dialog));
  g_object_unref (dialog);
  crm_test_iterate_main_context ();
}

static CrmWindow *
find_crm_window (void)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l != NULL; l = l->next)
    {
      if (CRM_IS_WINDOW (l->data))
        return l->data;
    }
  return NULL;
}

static void
write_file (const char *path, const char *contents)
{
  g_autoptr (GError) error = NULL;

  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
}

static CrmStore *
open_store (Fixture *fixture)
{
  g_autoptr (GError) error = NULL;
  CrmStore *store = crm_application_open_database (app, fixture->db_path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (store);
  return store;
}

static void
reset_settings (void)
{
  g_autoptr (GSettings) settings = g_settings_new (APPLICATION_ID);
  g_autoptr (GSettingsSchema) schema = NULL;
  g_auto (GStrv) keys = NULL;

  g_object_get (settings, "settings-schema", &schema, NULL);
  keys = g_settings_schema_list_keys (schema);
  for (guint i = 0; keys[i] != NULL; i++)
    g_settings_reset (settings, keys[i]);
}

static void
fixture_set_up (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  fixture->tmpdir = g_dir_make_tmp ("rapport-gui-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->db_path = g_build_filename (fixture->tmpdir, "crm.db", NULL);
  reset_settings ();
}

static void
fixture_tear_down (Fixture *fixture, gconstpointer data)
{
  crm_test_destroy_all_windows ();
  crm_test_remove_tree (fixture->tmpdir);
  g_clear_pointer (&fixture->tmpdir, g_free);
  g_clear_pointer (&fixture->db_path, g_free);
}

/* ---- The window ------------------------------------------------------------------------- */

static void
test_window_pages (Fixture *fixture, gconstpointer data)
{
  static const struct
  {
    const char *name;
    const char *title;
  } pages[] = {
    { "pipeline", "Pipeline" },
    { "contacts", "Contacts" },
    { "today", "Today" },
    { "dashboard", "Dashboard" },
  };
  g_autoptr (CrmStore) store = open_store (fixture);
  CrmWindow *window = crm_window_new (app, store);
  AdwViewStack *stack = get_stack (window);
  g_autoptr (GtkSelectionModel) stack_pages = adw_view_stack_get_pages (stack);

  g_assert_true (crm_window_get_store (window) == store);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (stack_pages)), ==, 4);

  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      GtkWidget *child = adw_view_stack_get_child_by_name (stack, pages[i].name);
      AdwViewStackPage *page;

      g_assert_nonnull (child);
      page = adw_view_stack_get_page (stack, child);
      g_assert_cmpstr (adw_view_stack_page_get_title (page), ==, pages[i].title);
      g_assert_true (g_str_has_suffix (adw_view_stack_page_get_icon_name (page), "-symbolic"));
    }

  /* Import… is a real action now (test-import-window.c drives it): its menu item is enabled. */
  {
    GtkWidget *button = crm_test_find_descendant_matching (GTK_WIDGET (window), GTK_TYPE_BUTTON,
                                                           actionable_has_action, "win.import");

    g_assert_nonnull (button);
    g_assert_true (gtk_widget_get_sensitive (button));
  }
  /* New Deal works: it opens the deal editor over the window. */
  {
    GtkWidget *new_deal = crm_test_find_descendant_matching (GTK_WIDGET (window), GTK_TYPE_BUTTON,
                                                             actionable_has_action, "win.new-deal");
    GListModel *toplevels = gtk_window_get_toplevels ();
    GtkWindow *editor = NULL;

    g_assert_nonnull (new_deal);
    g_assert_true (gtk_widget_get_sensitive (new_deal));
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.new-deal", NULL));
    for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
      {
        g_autoptr (GtkWindow) toplevel = g_list_model_get_item (toplevels, i);
        if (CRM_IS_DEAL_EDITOR (toplevel))
          editor = toplevel;
      }
    g_assert_nonnull (editor);
    g_assert_true (gtk_window_get_transient_for (editor) == GTK_WINDOW (window));
    gtk_window_destroy (editor);
  }
  /* A working action, for contrast. */
  g_assert_true (gtk_widget_get_sensitive (crm_test_find_descendant_matching (
      GTK_WIDGET (window), GTK_TYPE_BUTTON, actionable_targets_page, "pipeline")));

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_window_switch_page_saved (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GSettings) settings = g_settings_new (APPLICATION_ID);
  g_autoptr (CrmStore) store = open_store (fixture);
  CrmWindow *window = crm_window_new (app, store);
  g_autofree char *saved = NULL;
  GtkWidget *button;

  g_assert_cmpstr (crm_window_get_visible_page (window), ==, "pipeline");

  crm_window_set_visible_page (window, "contacts");
  g_assert_cmpstr (crm_window_get_visible_page (window), ==, "contacts");
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (get_stack (window)), ==, "contacts");
  saved = g_settings_get_string (settings, "last-page");
  g_assert_cmpstr (saved, ==, "contacts");

  /* The page action, as the Alt+number accelerators use it. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.page", "s", "dashboard"));
  g_assert_cmpstr (crm_window_get_visible_page (window), ==, "dashboard");

  /* The dashboard's empty state leads to the pipeline. */
  button = crm_test_find_descendant_matching (GTK_WIDGET (get_status_page (window, "dashboard")),
                                              GTK_TYPE_BUTTON, actionable_targets_page, "pipeline");
  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
  g_assert_cmpstr (crm_window_get_visible_page (window), ==, "pipeline");

  crm_window_set_visible_page (window, "dashboard");
  gtk_window_destroy (GTK_WINDOW (window));

  /* A new window comes back on the page the last one showed. */
  window = crm_window_new (app, store);
  g_assert_cmpstr (crm_window_get_visible_page (window), ==, "dashboard");
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (get_stack (window)), ==, "dashboard");
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_window_accels (Fixture *fixture, gconstpointer data)
{
  static const struct
  {
    const char *action;
    const char *accel;
  } expected[] = {
    { "win.page::pipeline", "<Alt>1" },      { "win.page::contacts", "<Alt>2" },
    { "win.page::today", "<Alt>3" },         { "win.page::dashboard", "<Alt>4" },
    { "app.preferences", "<Control>comma" }, { "app.quit", "<Control>q" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_auto (GStrv) accels
          = gtk_application_get_accels_for_action (GTK_APPLICATION (app), expected[i].action);

      g_assert_true (g_strv_contains ((const char *const *) accels, expected[i].accel));
    }

  g_assert_true (g_action_group_has_action (G_ACTION_GROUP (app), "about"));
  g_assert_true (g_action_group_has_action (G_ACTION_GROUP (app), "preferences"));
}

static void
test_window_size_saved (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GSettings) settings = g_settings_new (APPLICATION_ID);
  g_autoptr (CrmStore) store = open_store (fixture);
  CrmWindow *window = crm_window_new (app, store);
  int width = 0;
  int height = 0;

  /* The default size comes from the settings. */
  gtk_window_get_default_size (GTK_WINDOW (window), &width, &height);
  g_assert_cmpint (width, ==, g_settings_get_int (settings, "window-width"));
  g_assert_cmpint (height, ==, g_settings_get_int (settings, "window-height"));

  gtk_window_set_default_size (GTK_WINDOW (window), 812, 534);
  gtk_window_present (GTK_WINDOW (window));
  crm_test_wait_for (crm_test_widget_is_mapped, window, "the window to be mapped");

  /* Closing saves the size. */
  gtk_window_close (GTK_WINDOW (window));
  crm_test_iterate_main_context ();
  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 812);
  g_assert_cmpint (g_settings_get_int (settings, "window-height"), ==, 534);
  g_assert_false (g_settings_get_boolean (settings, "window-maximized"));

  window = crm_window_new (app, store);
  gtk_window_get_default_size (GTK_WINDOW (window), &width, &height);
  g_assert_cmpint (width, ==, 812);
  g_assert_cmpint (height, ==, 534);
  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
switcher_bar_revealed (gpointer window)
{
  AdwViewSwitcherBar *bar = ADW_VIEW_SWITCHER_BAR (
      crm_test_find_descendant_matching (window, ADW_TYPE_VIEW_SWITCHER_BAR, NULL, NULL));

  return adw_view_switcher_bar_get_reveal (bar);
}

static void
test_window_narrow_switcher (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GSettings) settings = g_settings_new (APPLICATION_ID);
  g_autoptr (CrmStore) store = open_store (fixture);
  CrmWindow *window;

  /* Wide: the switcher is in the header bar, the bottom bar is hidden. */
  window = crm_window_new (app, store);
  gtk_window_present (GTK_WINDOW (window));
  crm_test_wait_for (crm_test_widget_is_mapped, window, "the window to be mapped");
  g_assert_false (switcher_bar_revealed (window));
  gtk_window_destroy (GTK_WINDOW (window));

  /* Narrow: the bottom bar takes over. */
  g_settings_set_int (settings, "window-width", 360);
  window = crm_window_new (app, store);
  gtk_window_present (GTK_WINDOW (window));
  crm_test_wait_for (switcher_bar_revealed, window, "the bottom switcher bar to be revealed");
  gtk_window_destroy (GTK_WINDOW (window));
}

static CrmPipelineView *
get_pipeline_view (CrmWindow *window)
{
  GtkWidget *view
      = crm_test_find_descendant_matching (GTK_WIDGET (window), CRM_TYPE_PIPELINE_VIEW, NULL, NULL);

  g_assert_nonnull (view);
  return CRM_PIPELINE_VIEW (view);
}

/* The visible child of the board's own stack: "board" or "empty". */
static const char *
pipeline_page_state (CrmWindow *window)
{
  GtkWidget *stack = crm_test_find_descendant_matching (GTK_WIDGET (get_pipeline_view (window)),
                                                        GTK_TYPE_STACK, NULL, NULL);

  g_assert_nonnull (stack);
  return gtk_stack_get_visible_child_name (GTK_STACK (stack));
}

static gboolean
all_columns_read (gpointer data)
{
  CrmPipelineView *view = data;

  for (guint i = 0; i < crm_pipeline_view_get_n_columns (view); i++)
    if (!crm_stage_column_get_deals_read (crm_pipeline_view_get_column (view, i)))
      return FALSE;
  return TRUE;
}

/* A new database shows its pipeline's (empty) columns, named after the stages: they are where
 * the first deals land. */
static void
test_window_pipeline_empty_board (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CrmStore) store = open_store (fixture);
  g_autoptr (GPtrArray) pipelines = crm_store_list_pipelines (store, &error);
  g_autoptr (GPtrArray) stages = NULL;
  CrmPipelineRecord *pipeline;
  CrmPipelineView *view;
  CrmWindow *window;

  g_assert_no_error (error);
  g_assert_cmpuint (pipelines->len, >, 0);
  pipeline = g_ptr_array_index (pipelines, 0);
  stages = crm_store_list_stages (store, pipeline->id, &error);
  g_assert_no_error (error);

  window = crm_window_new (app, store);
  view = get_pipeline_view (window);
  g_assert_cmpstr (pipeline_page_state (window), ==, "board");
  g_assert_cmpuint (crm_pipeline_view_get_n_columns (view), ==, stages->len);
  /* Shown, every column reads its deals (those out of the first frame's view just after it). */
  gtk_window_present (GTK_WINDOW (window));
  crm_test_wait_for (all_columns_read, view, "every column to read its deals");
  /* The Contacts page, not shown, has not read its contacts; shown, it has. */
  {
    CrmContactsView *contacts = CRM_CONTACTS_VIEW (crm_test_find_descendant_matching (
        GTK_WIDGET (window), CRM_TYPE_CONTACTS_VIEW, NULL, NULL));

    g_assert_false (crm_contacts_view_get_contacts_read (contacts));
    crm_window_set_visible_page (window, "contacts");
    crm_test_wait_for (crm_test_widget_is_mapped, contacts, "the Contacts page to be mapped");
    g_assert_true (crm_contacts_view_get_contacts_read (contacts));
    crm_window_set_visible_page (window, "pipeline");
  }
  g_assert_true (crm_pipeline_view_get_empty (view));
  for (guint i = 0; i < stages->len; i++)
    {
      CrmStageColumn *column = crm_pipeline_view_get_column (view, i);
      CrmStageRecord *stage = g_ptr_array_index (stages, i);

      g_assert_cmpstr (crm_stage_get_name (crm_stage_column_get_stage (column)), ==, stage->name);
      g_assert_cmpstr (crm_stage_column_get_count_text (column), ==, "0");
    }
  gtk_window_destroy (GTK_WINDOW (window));
}

/* A pipeline without stages has nowhere to put deals: the status page says so, naming the
 * pipeline literally (the description is markup; the name is user text). */
static void
test_window_pipeline_without_stages (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CrmStore) store = open_store (fixture);
  g_autoptr (GPtrArray) pipelines = crm_store_list_pipelines (store, &error);
  g_autoptr (GPtrArray) stages = NULL;
  g_autofree char *shown = NULL;
  CrmPipelineRecord *pipeline;
  CrmWindow *window;
  const char *description;

  g_assert_no_error (error);
  pipeline = g_ptr_array_index (pipelines, 0);
  g_free (pipeline->name);
  pipeline->name = g_strdup ("R&D <b>Team</b>");
  g_assert_true (crm_store_update_pipeline (store, pipeline, &error));
  g_assert_no_error (error);

  window = crm_window_new (app, store);
  g_assert_cmpstr (pipeline_page_state (window), ==, "board");

  /* Removing every stage (none holds a deal) leaves the status page. */
  stages = crm_store_list_stages (store, pipeline->id, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < stages->len; i++)
    {
      CrmStageRecord *stage = g_ptr_array_index (stages, i);

      g_assert_true (crm_store_delete_stage (store, stage->id, &error));
      g_assert_no_error (error);
    }
  g_assert_cmpstr (pipeline_page_state (window), ==, "empty");
  g_assert_cmpstr (adw_status_page_get_title (get_status_page (window, "pipeline")), ==,
                   "No Stages");
  description = adw_status_page_get_description (get_status_page (window, "pipeline"));
  g_assert_true (pango_parse_markup (description, -1, 0, NULL, &shown, NULL, &error));
  g_assert_no_error (error);
  g_assert_nonnull (strstr (shown, "“R&D <b>Team</b>”"));

  /* A renamed pipeline shows at once. */
  g_free (pipeline->name);
  pipeline->name = g_strdup ("Partnerships");
  g_assert_true (crm_store_update_pipeline (store, pipeline, &error));
  g_assert_no_error (error);
  description = adw_status_page_get_description (get_status_page (window, "pipeline"));
  g_assert_nonnull (strstr (description, "“Partnerships”"));
  gtk_window_destroy (GTK_WINDOW (window));
}

/* ---- Opening databases ------------------------------------------------------------------ */

static void
test_database_garbage_dialog (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CrmStore) store = NULL;
  g_autofree char *contents = NULL;
  GtkWidget *dialog;
  const char *body;

  write_file (fixture->db_path, "This is not a database at all, just some garbage text.\n");

  store = crm_application_open_database (app, fixture->db_path, &error);
  g_assert_null (store);
  g_assert_nonnull (error);
  g_assert_true (g_error_matches (error, CRM_STORE_ERROR, CRM_STORE_ERROR_CORRUPT)
                 || g_error_matches (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_RAPPORT));

  /* The file was left alone. */
  g_file_get_contents (fixture->db_path, &contents, NULL, NULL);
  g_assert_cmpstr (contents, ==, "This is not a database at all, just some garbage text.\n");

  dialog = crm_database_error_dialog_new (NULL, fixture->db_path, error);
  g_assert_true (ADW_IS_MESSAGE_DIALOG (dialog));
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), ==,
                   "Cannot Open Database");
  g_assert_false (adw_message_dialog_get_body_use_markup (ADW_MESSAGE_DIALOG (dialog)));
  body = adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog));
  g_assert_nonnull (strstr (body, fixture->db_path));
  g_assert_nonnull (strstr (body, error->message));
  g_assert_true (adw_message_dialog_has_response (ADW_MESSAGE_DIALOG (dialog), "quit"));
  g_assert_true (adw_message_dialog_has_response (ADW_MESSAGE_DIALOG (dialog), "open-other"));
  g_assert_true (adw_message_dialog_has_response (ADW_MESSAGE_DIALOG (dialog), "move-aside"));
  g_assert_cmpstr (adw_message_dialog_get_response_label (ADW_MESSAGE_DIALOG (dialog), "quit"), ==,
                   "_Quit");
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
set_user_version (const char *path, int version)
{
  sqlite3 *db = NULL;
  g_autofree char *sql = g_strdup_printf ("PRAGMA user_version = %d", version);

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

static void
test_database_newer_version_dialog (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CrmStore) store = open_store (fixture);
  g_autoptr (CrmStore) refused = NULL;
  GtkWidget *dialog;
  const char *body;

  g_clear_object (&store);
  set_user_version (fixture->db_path, CRM_STORE_SCHEMA_VERSION + 1);

  refused = crm_application_open_database (app, fixture->db_path, &error);
  g_assert_null (refused);
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NEWER_VERSION);

  dialog = crm_database_error_dialog_new (NULL, fixture->db_path, error);
  body = adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog));
  g_assert_nonnull (strstr (body, fixture->db_path));
  g_assert_nonnull (strstr (body, "newer version of Rapport"));
  g_assert_nonnull (strstr (body, "not changed"));
  /* Nothing is wrong with the file: no offer to move it aside. */
  g_assert_false (adw_message_dialog_has_response (ADW_MESSAGE_DIALOG (dialog), "move-aside"));
  g_assert_true (adw_message_dialog_has_response (ADW_MESSAGE_DIALOG (dialog), "open-other"));
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
test_database_open_shows_dialog_and_moves_aside (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GDir) dir = NULL;
  g_autofree char *aside_path = NULL;
  g_autofree char *contents = NULL;
  AdwMessageDialog *dialog;
  CrmWindow *window;
  const char *name;

  write_file (fixture->db_path, "garbage");

  /* No window full of nothing: the dialog instead. */
  crm_application_open (app, fixture->db_path);
  crm_test_iterate_main_context ();
  g_assert_null (find_crm_window ());
  dialog = crm_test_find_message_dialog ("Cannot Open Database");
  g_assert_nonnull (dialog);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), fixture->db_path));

  /* Move aside asks first; cancelling comes back to the question, file untouched. */
  respond (dialog, "move-aside");
  dialog = crm_test_find_message_dialog ("Move Database Aside?");
  g_assert_nonnull (dialog);
  respond (dialog, "cancel");
  g_assert_true (g_file_test (fixture->db_path, G_FILE_TEST_EXISTS));
  dialog = crm_test_find_message_dialog ("Cannot Open Database");
  g_assert_nonnull (dialog);

  /* Confirmed: the file is renamed, not deleted, and a new database opens in a window. */
  respond (dialog, "move-aside");
  dialog = crm_test_find_message_dialog ("Move Database Aside?");
  g_assert_nonnull (dialog);
  respond (dialog, "move");

  window = find_crm_window ();
  g_assert_nonnull (window);
  g_assert_cmpstr (crm_store_get_path (crm_window_get_store (window)), ==, fixture->db_path);

  dir = g_dir_open (fixture->tmpdir, 0, NULL);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      if (g_str_has_prefix (name, "crm.db.damaged-"))
        aside_path = g_build_filename (fixture->tmpdir, name, NULL);
    }
  g_assert_nonnull (aside_path);
  g_assert_true (g_regex_match_simple ("crm\\.db\\.damaged-[0-9]{8}-[0-9]{6}$", aside_path, 0, 0));
  g_file_get_contents (aside_path, &contents, NULL, NULL);
  g_assert_cmpstr (contents, ==, "garbage");
}

static void
test_database_move_aside (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GDateTime) when = g_date_time_new_local (2026, 1, 23, 14, 15, 16);
  g_autofree char *aside_path = crm_database_build_aside_path (fixture->db_path, when);
  g_autofree char *expected = g_strconcat (fixture->db_path, ".damaged-20260123-141516", NULL);
  g_autofree char *wal = g_strconcat (fixture->db_path, "-wal", NULL);
  g_autofree char *aside_wal = g_strconcat (aside_path, "-wal", NULL);

  g_assert_cmpstr (aside_path, ==, expected);

  write_file (fixture->db_path, "damaged");
  write_file (wal, "its journal");
  g_assert_true (crm_database_move_aside (fixture->db_path, aside_path, &error));
  g_assert_no_error (error);
  g_assert_false (g_file_test (fixture->db_path, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (aside_path, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (aside_wal, G_FILE_TEST_EXISTS));

  /* Never overwrites what is already there. */
  write_file (fixture->db_path, "damaged again");
  g_assert_false (crm_database_move_aside (fixture->db_path, aside_path, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS);
  g_assert_true (g_file_test (fixture->db_path, G_FILE_TEST_EXISTS));
}

static void
test_application_quit_saves_and_closes (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GSettings) settings = g_settings_new (APPLICATION_ID);
  g_autoptr (CrmStore) store = open_store (fixture);
  CrmWindow *window = crm_window_new (app, store);

  gtk_window_set_default_size (GTK_WINDOW (window), 701, 451);
  gtk_window_present (GTK_WINDOW (window));
  crm_test_wait_for (crm_test_widget_is_mapped, window, "the window to be mapped");

  /* Ctrl+Q does not go through close-request, yet the window's state is saved. */
  g_action_group_activate_action (G_ACTION_GROUP (app), "quit", NULL);
  crm_test_iterate_main_context ();
  g_assert_null (find_crm_window ());
  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 701);
  g_assert_cmpint (g_settings_get_int (settings, "window-height"), ==, 451);
}

/* ---- Preferences ------------------------------------------------------------------------ */

static void
test_preferences_rows (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GSettings) settings = g_settings_new (APPLICATION_ID);
  CrmPreferencesWindow *preferences = crm_preferences_window_new (NULL);
  GtkWidget *currency;
  GtkWidget *reminder;
  GtkWidget *style;
  g_autofree char *value = NULL;

  gtk_window_present (GTK_WINDOW (preferences));
  crm_test_iterate_main_context ();

  currency = crm_test_find_descendant_matching (GTK_WIDGET (preferences), ADW_TYPE_ENTRY_ROW,
                                                row_title_contains, "Currency");
  g_assert_nonnull (currency);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (currency)), ==, "EUR");

  /* Invalid: marked, not saved. */
  gtk_editable_set_text (GTK_EDITABLE (currency), "eu");
  g_assert_true (gtk_widget_has_css_class (currency, "error"));
  value = g_settings_get_string (settings, "default-currency");
  g_assert_cmpstr (value, ==, "EUR");
  g_clear_pointer (&value, g_free);

  gtk_editable_set_text (GTK_EDITABLE (currency), "usd");
  g_assert_true (gtk_widget_has_css_class (currency, "error"));

  /* Valid: saved, mark gone. */
  gtk_editable_set_text (GTK_EDITABLE (currency), "USD");
  g_assert_false (gtk_widget_has_css_class (currency, "error"));
  value = g_settings_get_string (settings, "default-currency");
  g_assert_cmpstr (value, ==, "USD");
  g_clear_pointer (&value, g_free);

  reminder = crm_test_find_descendant_matching (GTK_WIDGET (preferences), ADW_TYPE_ENTRY_ROW,
                                                row_title_contains, "Reminder");
  g_assert_nonnull (reminder);
  gtk_editable_set_text (GTK_EDITABLE (reminder), "24:00");
  g_assert_true (gtk_widget_has_css_class (reminder, "error"));
  value = g_settings_get_string (settings, "reminder-time");
  g_assert_cmpstr (value, ==, "09:00");
  g_clear_pointer (&value, g_free);
  gtk_editable_set_text (GTK_EDITABLE (reminder), "08:30");
  g_assert_false (gtk_widget_has_css_class (reminder, "error"));
  value = g_settings_get_string (settings, "reminder-time");
  g_assert_cmpstr (value, ==, "08:30");
  g_clear_pointer (&value, g_free);

  /* The style row drives the colour scheme through the setting. */
  style = crm_test_find_descendant_matching (GTK_WIDGET (preferences), ADW_TYPE_COMBO_ROW, NULL,
                                             NULL);
  g_assert_nonnull (style);
  adw_combo_row_set_selected (ADW_COMBO_ROW (style), 2);
  value = g_settings_get_string (settings, "color-scheme");
  g_assert_cmpstr (value, ==, "dark");
  g_assert_cmpint (adw_style_manager_get_color_scheme (adw_style_manager_get_default ()), ==,
                   ADW_COLOR_SCHEME_FORCE_DARK);
  adw_combo_row_set_selected (ADW_COMBO_ROW (style), 0);
  g_assert_cmpint (adw_style_manager_get_color_scheme (adw_style_manager_get_default ()), ==,
                   ADW_COLOR_SCHEME_DEFAULT);

  /* The number rows are bound both ways. */
  g_settings_set_int (settings, "rotting-days-default", 21);
  g_assert_nonnull (crm_test_find_descendant_matching (GTK_WIDGET (preferences),
                                                       GTK_TYPE_SPIN_BUTTON, NULL, NULL));
  g_assert_cmpfloat (gtk_spin_button_get_value (GTK_SPIN_BUTTON (crm_test_find_descendant_matching (
                         GTK_WIDGET (preferences), GTK_TYPE_SPIN_BUTTON, NULL, NULL))),
                     ==, 21);

  gtk_window_destroy (GTK_WINDOW (preferences));
}

static void
test_preferences_validators (void)
{
  g_assert_true (crm_preferences_is_valid_currency ("EUR"));
  g_assert_false (crm_preferences_is_valid_currency ("eu"));
  g_assert_false (crm_preferences_is_valid_currency ("EURO"));
  g_assert_false (crm_preferences_is_valid_currency ("E1R"));
  g_assert_false (crm_preferences_is_valid_currency (""));
  g_assert_true (crm_preferences_is_valid_reminder_time ("00:00"));
  g_assert_true (crm_preferences_is_valid_reminder_time ("23:59"));
  g_assert_false (crm_preferences_is_valid_reminder_time ("24:00"));
  g_assert_false (crm_preferences_is_valid_reminder_time ("12:60"));
  g_assert_false (crm_preferences_is_valid_reminder_time ("9:00"));
  g_assert_false (crm_preferences_is_valid_reminder_time ("09-00"));
}

typedef struct
{
  CrmWindow *window;
  guint expected;
} ColumnCount;

static gboolean
first_column_has_expected_count (gpointer data)
{
  ColumnCount *count = data;
  GtkWidget *view = adw_view_stack_get_child_by_name (get_stack (count->window), "pipeline");
  CrmPipelineView *board = CRM_PIPELINE_VIEW (adw_bin_get_child (ADW_BIN (view)));
  CrmStageColumn *column = crm_pipeline_view_get_column (board, 0);

  return column != NULL
         && g_list_model_get_n_items (crm_stage_column_get_deals (column)) == count->expected;
}

/* Another program writes to the database: the board shows it within a second or so. */
static void
test_window_follows_other_programs (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CrmStore) store = open_store (fixture);
  g_autoptr (CrmStore) other = crm_store_open (fixture->db_path, &error);
  g_autoptr (GPtrArray) pipelines = NULL;
  g_autoptr (GPtrArray) stages = NULL;
  CrmWindow *window = crm_window_new (app, store);
  ColumnCount count = { window, 0 };
  gint64 start;

  g_assert_no_error (error);
  gtk_window_present (GTK_WINDOW (window));
  crm_test_wait_for (first_column_has_expected_count, &count, "an empty first column");

  pipelines = crm_store_list_pipelines (other, &error);
  stages = crm_store_list_stages (other, ((CrmPipelineRecord *) pipelines->pdata[0])->id, &error);
  for (int i = 0; i < 2; i++)
    {
      g_autoptr (CrmDealRecord) deal = crm_deal_record_new ();
      deal->title = g_strdup_printf ("Written elsewhere %d", i);
      deal->currency = g_strdup ("EUR");
      deal->stage_id = ((CrmStageRecord *) stages->pdata[0])->id;
      g_assert_true (crm_store_insert_deal (other, deal, &error));
    }
  start = g_get_monotonic_time ();
  count.expected = 2;
  crm_test_wait_for (first_column_has_expected_count, &count,
                     "the deals written by another program");
  g_assert_cmpint (g_get_monotonic_time () - start, <, 3 * G_USEC_PER_SEC);
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int argc, char *argv[])
{
  if (!crm_test_gui_init (&argc, &argv))
    return 0;

  app = crm_test_application_new ();

  CRM_TEST_ADD_F ("/gui/window/pages", test_window_pages);
  CRM_TEST_ADD_F ("/gui/window/follows-other-programs", test_window_follows_other_programs);
  CRM_TEST_ADD_F ("/gui/window/last-page", test_window_switch_page_saved);
  CRM_TEST_ADD_F ("/gui/window/accels", test_window_accels);
  CRM_TEST_ADD_F ("/gui/window/size", test_window_size_saved);
  CRM_TEST_ADD_F ("/gui/window/narrow-switcher", test_window_narrow_switcher);
  CRM_TEST_ADD_F ("/gui/window/pipeline-empty-board", test_window_pipeline_empty_board);
  CRM_TEST_ADD_F ("/gui/window/pipeline-without-stages", test_window_pipeline_without_stages);
  CRM_TEST_ADD_F ("/gui/database/garbage-dialog", test_database_garbage_dialog);
  CRM_TEST_ADD_F ("/gui/database/newer-version-dialog", test_database_newer_version_dialog);
  CRM_TEST_ADD_F ("/gui/database/open-shows-dialog-and-moves-aside",
                  test_database_open_shows_dialog_and_moves_aside);
  CRM_TEST_ADD_F ("/gui/database/move-aside", test_database_move_aside);
  CRM_TEST_ADD_F ("/gui/preferences/rows", test_preferences_rows);
  g_test_add_func ("/gui/preferences/validators", test_preferences_validators);
  /* Last: it asks the application to quit. */
  CRM_TEST_ADD_F ("/gui/application/quit-saves-and-closes", test_application_quit_saves_and_closes);

  return crm_test_gui_run (&app);
}

/* test-window-lifetime.c — a destroyed CrmWindow goes away: the window is finalized and its
 * CrmStore with it (the SQLite connection closes), whatever the user looked at before — every
 * page, a contact's detail, the deal and contact editors — and also when the application closes
 * its database (as a restore does).
 *
 * Runs under a virtual X display with the memory GSettings backend (see tests/meson.build).
 */
#include "config.h"

#include "crm-application.h"
#include "crm-contact-editor.h"
#include "crm-deal-editor.h"
#include "crm-gui-test-util.h"
#include "crm-seed.h"
#include "crm-test-util.h"
#include "crm-window.h"

static CrmApplication *app;

typedef struct
{
  CrmTestFolder files; /* the database is files.path */
  /* Weak pointers: NULL once finalized. */
  CrmWindow *window;
  CrmStore *store;
} Fixture;

static void
fixture_set_up (Fixture *fixture, gconstpointer data)
{
  crm_test_folder_init (&fixture->files, "rapport-gui-lifetime-XXXXXX");
}

static void
fixture_tear_down (Fixture *fixture, gconstpointer data)
{
  crm_test_destroy_all_windows ();
  g_clear_weak_pointer (&fixture->window);
  g_clear_weak_pointer (&fixture->store);
  crm_test_folder_clear (&fixture->files);
}

static void
seed (Fixture *fixture)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CrmStore) store = crm_store_open (fixture->files.path, &error);
  CrmSeedOptions options;

  g_assert_no_error (error);
  crm_seed_options_init (&options);
  options.n_contacts = 60;
  options.n_companies = 6;
  options.n_deals = 20;
  options.n_activities = 200;
  g_assert_true (crm_seed_database (store, &options, NULL, NULL, &error));
  g_assert_no_error (error);
}

/* A window over the fixture's database, shown and mapped; the fixture watches it and its store
 * (and holds neither). */
static CrmWindow *
open_window (Fixture *fixture)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CrmStore) store = crm_application_open_database (app, fixture->files.path, &error);
  CrmWindow *window;

  g_assert_no_error (error);
  window = crm_window_new (app, store);
  g_set_weak_pointer (&fixture->window, window);
  g_set_weak_pointer (&fixture->store, store);
  gtk_window_present (GTK_WINDOW (window));
  crm_test_wait_for (crm_test_widget_is_mapped, window, "the window to be mapped");
  return window;
}

static gboolean
window_and_store_finalized (gpointer data)
{
  Fixture *fixture = data;

  return fixture->window == NULL && fixture->store == NULL;
}

static void
assert_window_and_store_finalized (Fixture *fixture)
{
  /* Within a few seconds: idles, frame callbacks and cancelled work may hold them that long. */
  crm_test_wait_for (window_and_store_finalized, fixture,
                     "the destroyed window and its store to be finalized");
  g_assert_null (fixture->window);
  g_assert_null (fixture->store);
}

/* Shows @page and lets it lay out and load what it shows. */
static void
show_page (CrmWindow *window, const char *page)
{
  crm_window_set_visible_page (window, page);
  g_assert_cmpstr (crm_window_get_visible_page (window), ==, page);
  crm_test_run_for (200);
}

static void
destroy_toplevels_of_type (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = g_list_model_get_n_items (toplevels); i > 0; i--)
    {
      g_autoptr (GtkWindow) toplevel = g_list_model_get_item (toplevels, i - 1);

      if (G_TYPE_CHECK_INSTANCE_TYPE (toplevel, type))
        gtk_window_destroy (toplevel);
    }
}

static gboolean
has_toplevel_of_type (GType type)
{
  return crm_test_find_toplevel (type) != NULL;
}

/* ---- Tests ------------------------------------------------------------------------------ */

static void
test_lifetime_empty_database (Fixture *fixture, gconstpointer data)
{
  CrmWindow *window = open_window (fixture);

  gtk_window_destroy (GTK_WINDOW (window));
  assert_window_and_store_finalized (fixture);
}

static void
test_lifetime_every_page (Fixture *fixture, gconstpointer data)
{
  CrmWindow *window;

  seed (fixture);
  window = open_window (fixture);
  show_page (window, "pipeline");
  show_page (window, "contacts");
  show_page (window, "today");
  show_page (window, "dashboard");

  gtk_window_destroy (GTK_WINDOW (window));
  assert_window_and_store_finalized (fixture);
}

static void
test_lifetime_detail_and_editors (Fixture *fixture, gconstpointer data)
{
  CrmWindow *window;

  seed (fixture);
  window = open_window (fixture);

  /* A contact's detail beside the list, then the deal and contact editors, closed again. */
  g_assert_true (
      gtk_widget_activate_action (GTK_WIDGET (window), "win.show-contact", "x", (gint64) 1));
  crm_test_run_for (200);
  g_assert_true (
      gtk_widget_activate_action (GTK_WIDGET (window), "win.show-deal", "x", (gint64) 1));
  crm_test_run_for (200);
  g_assert_true (has_toplevel_of_type (CRM_TYPE_DEAL_EDITOR));
  destroy_toplevels_of_type (CRM_TYPE_DEAL_EDITOR);
  crm_window_set_visible_page (window, "contacts");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.new-contact", NULL));
  crm_test_run_for (200);
  g_assert_true (has_toplevel_of_type (CRM_TYPE_CONTACT_EDITOR));
  destroy_toplevels_of_type (CRM_TYPE_CONTACT_EDITOR);
  crm_test_run_for (100);

  gtk_window_destroy (GTK_WINDOW (window));
  assert_window_and_store_finalized (fixture);
}

/* Closed by the application, as a restore does before it replaces the file: the window opened
 * the way the application opens one (with the daily backup and the task reminders, which share
 * its store) goes, and the connection with it. */
static void
test_lifetime_close_database (Fixture *fixture, gconstpointer data)
{
  CrmWindow *window = NULL;

  /* Not seeded: its tasks due would have the reminders notify, and there is no notification
   * service on the test bus. */
  crm_application_open (app, fixture->files.path);
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l != NULL; l = l->next)
    if (CRM_IS_WINDOW (l->data))
      window = l->data;
  g_assert_nonnull (window);
  g_set_weak_pointer (&fixture->window, window);
  g_set_weak_pointer (&fixture->store, crm_window_get_store (window));
  crm_test_wait_for (crm_test_widget_is_mapped, window, "the window to be mapped");
  show_page (window, "contacts");
  show_page (window, "dashboard");

  crm_application_close_database (app, fixture->files.path);
  assert_window_and_store_finalized (fixture);
}

int
main (int argc, char *argv[])
{
  if (!crm_test_gui_init (&argc, &argv))
    return 0;

  app = crm_test_application_new ();

  CRM_TEST_ADD_F ("/gui/window-lifetime/empty-database", test_lifetime_empty_database);
  CRM_TEST_ADD_F ("/gui/window-lifetime/every-page", test_lifetime_every_page);
  CRM_TEST_ADD_F ("/gui/window-lifetime/detail-and-editors", test_lifetime_detail_and_editors);
  CRM_TEST_ADD_F ("/gui/window-lifetime/close-database", test_lifetime_close_database);

  return crm_test_gui_run (&app);
}

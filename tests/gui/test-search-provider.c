/* test-search-provider.c — Rapport's GNOME Shell search provider (org.gnome.Shell.SearchProvider2),
 * over a default database (in a temporary XDG_DATA_HOME) that holds known contacts, companies
 * and deals.
 *
 * /search-provider/dbus-activation: as the Shell does it. A private session bus whose service
 * folder holds the build tree's copy of data/…Rapport.service.in starts the real
 * `rapport --gapplication-service` when the test calls GetInitialResultSet (D-Bus activation);
 * the test checks the result ids, a sub-search, the result metas, that the service opened no
 * window, that LaunchSearch opens one, and that app.quit ends it (its name leaves the bus).
 *
 * /search-provider/activate-*, /search-provider/launch-search: the application in this
 * process, called over the session bus: each result opens the window on the right page with
 * the record shown. Needs an X display (see tests/meson.build).
 */
#include "config.h"

#include <signal.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif
#include <sys/wait.h>

#include "crm-application.h"
#include "crm-contacts-view.h"
#include "crm-deal-editor.h"
#include "crm-gui-test-util.h"
#include "crm-money.h"
#include "crm-search-provider.h"
#include "crm-test-util.h"
#include "crm-window.h"

#define PROVIDER_INTERFACE "org.gnome.Shell.SearchProvider2"
#define APP_PATH "/io/github/rapportcrm/Rapport"
/* Starting the service under the sanitizers takes a while on a busy machine. */
#define CALL_TIMEOUT_MS 60000

static char *data_home;
static CrmApplication *app;

/* The records of the database, by what they are. */
static struct
{
  gint64 engines;   /* company "Analytical Engines Ltd", industry Computing */
  gint64 navy;      /* company "US Navy" (no industry, country US) */
  gint64 ada;       /* contact "Ada Lovelace" at Analytical Engines */
  gint64 adam;      /* contact "Adam Smith", no company, adam@example.org */
  gint64 grace;     /* contact "Grace Hopper" at US Navy */
  gint64 upgrade;   /* deal "Difference engine upgrade", €12,000, Proposal, Ada's */
  gint64 compilers; /* deal "Compiler training", no value, first stage, Grace's */
} ids;

static gint64
insert_company (CrmStore *store, const char *name, const char *industry, const char *country)
{
  g_autoptr (CrmCompanyRecord) company = crm_company_record_new ();
  g_autoptr (GError) error = NULL;

  company->name = g_strdup (name);
  company->industry = g_strdup (industry);
  company->country = g_strdup (country);
  crm_store_insert_company (store, company, &error);
  g_assert_no_error (error);
  return company->id;
}

static gint64
insert_contact (CrmStore *store, const char *name, const char *email, gint64 company_id)
{
  g_autoptr (CrmContactRecord) contact = crm_contact_record_new ();
  g_autoptr (GError) error = NULL;

  contact->name = g_strdup (name);
  contact->email = g_strdup (email);
  contact->company_id = company_id;
  crm_store_insert_contact (store, contact, &error);
  g_assert_no_error (error);
  return contact->id;
}

static gint64
insert_deal (CrmStore *store, const char *title, gint64 value, gint64 stage_id, gint64 contact_id)
{
  g_autoptr (CrmDealRecord) deal = crm_deal_record_new ();
  g_autoptr (GError) error = NULL;

  deal->title = g_strdup (title);
  deal->currency = g_strdup ("EUR");
  deal->value_minor = value;
  deal->stage_id = stage_id;
  deal->contact_id = contact_id;
  crm_store_insert_deal (store, deal, &error);
  g_assert_no_error (error);
  return deal->id;
}

/* The default database ($XDG_DATA_HOME/rapport/rapport.db) with the records of `ids`. */
static void
seed_default_database (void)
{
  g_autofree char *path = crm_store_get_default_path ();
  g_autoptr (GError) error = NULL;
  g_autoptr (CrmStore) store = crm_store_open (path, &error);
  g_autoptr (GArray) stages = NULL;

  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (path, data_home));
  stages = crm_test_list_default_stage_ids (store);
  ids.engines = insert_company (store, "Analytical Engines Ltd", "Computing", "GB");
  ids.navy = insert_company (store, "US Navy", NULL, "US");
  ids.ada = insert_contact (store, "Ada Lovelace", "ada@example.org", ids.engines);
  ids.adam = insert_contact (store, "Adam Smith", "adam@example.org", 0);
  ids.grace = insert_contact (store, "Grace Hopper", "grace@example.org", ids.navy);
  /* Stage 3 of the default pipeline is Proposal. */
  ids.upgrade = insert_deal (store, "Difference engine upgrade", 1200000,
                             g_array_index (stages, gint64, 3), ids.ada);
  ids.compilers
      = insert_deal (store, "Compiler training", 0, g_array_index (stages, gint64, 0), ids.grace);
}

static char *
result_id (const char *kind, gint64 id)
{
  return g_strdup_printf ("%s:%" G_GINT64_FORMAT, kind, id);
}

/* @actual holds exactly the ids of @expected (NULL-terminated), in any order. */
static void
assert_same_ids (const char *const *actual, const char *const *expected)
{
  g_assert_cmpuint (g_strv_length ((char **) actual), ==, g_strv_length ((char **) expected));
  for (guint i = 0; expected[i] != NULL; i++)
    {
      if (!g_strv_contains (actual, expected[i]))
        g_error ("%s is not among the results", expected[i]);
    }
}

/* ---- Result ids ------------------------------------------------------------------------- */

static void
test_result_ids (void)
{
  static const char *const bad[] = {
    "",
    "contact",
    "contact:",
    "contact:-1",
    "contact: 1",
    "contact:0",
    "deal:1x",
    "stage:1",
    "contacts:1",
    ":1",
    "company:1:2",
    "deal:+3",
    "deal:9223372036854775808",
  };
  g_autofree char *built = crm_search_provider_build_result_id (CRM_ENTITY_COMPANY, 7);
  CrmEntity entity;
  gint64 id;

  g_assert_cmpstr (built, ==, "company:7");
  g_assert_true (crm_search_provider_parse_result_id ("contact:42", &entity, &id));
  g_assert_cmpint (entity, ==, CRM_ENTITY_CONTACT);
  g_assert_cmpint (id, ==, 42);
  g_assert_true (crm_search_provider_parse_result_id ("deal:9223372036854775807", &entity, &id));
  g_assert_cmpint (entity, ==, CRM_ENTITY_DEAL);
  g_assert_cmpint (id, ==, G_MAXINT64);
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      if (crm_search_provider_parse_result_id (bad[i], &entity, &id))
        g_error ("“%s” was taken for a result id", bad[i]);
    }
}

/* The file that tells GNOME Shell about the provider names what the program exports. */
static void
test_ini_file (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data",
                                                 APPLICATION_ID ".search-provider.ini", NULL);
  g_autoptr (GKeyFile) ini = g_key_file_new ();
  g_autoptr (GError) error = NULL;
  g_autofree char *desktop_id = NULL;
  g_autofree char *bus_name = NULL;
  g_autofree char *object_path = NULL;
  int version;

  g_key_file_load_from_file (ini, path, G_KEY_FILE_NONE, &error);
  g_assert_no_error (error);
  desktop_id = g_key_file_get_string (ini, "Shell Search Provider", "DesktopId", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (desktop_id, ==, APPLICATION_ID ".desktop");
  bus_name = g_key_file_get_string (ini, "Shell Search Provider", "BusName", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (bus_name, ==, APPLICATION_ID);
  object_path = g_key_file_get_string (ini, "Shell Search Provider", "ObjectPath", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (object_path, ==, CRM_SEARCH_PROVIDER_OBJECT_PATH);
  version = g_key_file_get_integer (ini, "Shell Search Provider", "Version", &error);
  g_assert_no_error (error);
  g_assert_cmpint (version, ==, 2);
}

/* ---- Over a private bus, with D-Bus activation -------------------------------------------- */

typedef struct
{
  GPid pid;
  char *folder;
  char *address;
  GDBusConnection *connection;
} PrivateBus;

/* In the bus: it ends with the test, even a test that fails half-way (and Rapport, started by
 * it, ends when it loses its bus). */
static void
end_with_parent (gpointer data)
{
#ifdef __linux__
  prctl (PR_SET_PDEATHSIG, SIGTERM);
#endif
}

/* A session bus of its own whose only service is Rapport (the build tree's service file). */
static void
private_bus_start (PrivateBus *bus)
{
  const char *service_dir = g_getenv ("RAPPORT_TEST_SERVICE_DIR");
  g_autoptr (GError) error = NULL;
  g_autofree char *config_path = NULL;
  g_autofree char *config = NULL;
  g_autofree char *socket_path = NULL;
  g_auto (GStrv) envp = g_get_environ ();
  char *argv[] = { "dbus-daemon", "--nofork", NULL, NULL };
  g_autofree char *config_arg = NULL;

  g_assert_nonnull (service_dir);
  bus->folder = g_dir_make_tmp ("rapport-bus-XXXXXX", &error);
  g_assert_no_error (error);
  socket_path = g_build_filename (bus->folder, "bus", NULL);
  bus->address = g_strdup_printf ("unix:path=%s", socket_path);
  config = g_markup_printf_escaped (
      "<!DOCTYPE busconfig PUBLIC \"-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN\" "
      "\"http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd\">"
      "<busconfig><type>session</type><listen>%s</listen><servicedir>%s</servicedir>"
      "<policy context=\"default\"><allow send_destination=\"*\" eavesdrop=\"true\"/>"
      "<allow eavesdrop=\"true\"/><allow own=\"*\"/></policy></busconfig>",
      bus->address, service_dir);
  config_path = g_build_filename (bus->folder, "session.conf", NULL);
  g_file_set_contents (config_path, config, -1, &error);
  g_assert_no_error (error);
  config_arg = g_strconcat ("--config-file=", config_path, NULL);
  argv[2] = config_arg;

  /* What the bus starts inherits its environment: this bus, this test's data folder. */
  envp = g_environ_setenv (envp, "DBUS_SESSION_BUS_ADDRESS", bus->address, TRUE);
  g_spawn_async (NULL, argv, envp, G_SPAWN_SEARCH_PATH | G_SPAWN_DO_NOT_REAP_CHILD, end_with_parent,
                 NULL, &bus->pid, &error);
  g_assert_no_error (error);

  /* The socket appears once the bus listens. */
  for (guint i = 0; i < 200 && !g_file_test (socket_path, G_FILE_TEST_EXISTS); i++)
    g_usleep (50000);
  for (guint i = 0; i < 100 && bus->connection == NULL; i++)
    {
      g_clear_error (&error);
      bus->connection = g_dbus_connection_new_for_address_sync (
          bus->address,
          G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT
              | G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION,
          NULL, NULL, &error);
      if (bus->connection == NULL)
        g_usleep (50000);
    }
  g_assert_no_error (error);
  g_assert_nonnull (bus->connection);
}

static void
private_bus_stop (PrivateBus *bus)
{
  if (bus->connection != NULL)
    g_dbus_connection_close_sync (bus->connection, NULL, NULL);
  g_clear_object (&bus->connection);
  if (bus->pid != 0)
    {
      kill (bus->pid, SIGTERM);
      waitpid (bus->pid, NULL, 0);
      g_spawn_close_pid (bus->pid);
    }
  crm_test_remove_tree (bus->folder);
  g_clear_pointer (&bus->folder, g_free);
  g_clear_pointer (&bus->address, g_free);
}

/* A call to the provider (or any @interface at @path) of the Rapport on @bus; starts it when
 * it does not run. */
static GVariant *
call (PrivateBus *bus,
      const char *path,
      const char *interface,
      const char *method,
      GVariant *parameters,
      const char *reply_type)
{
  g_autoptr (GError) error = NULL;
  GVariant *reply = g_dbus_connection_call_sync (
      bus->connection, APPLICATION_ID, path, interface, method, parameters,
      reply_type != NULL ? G_VARIANT_TYPE (reply_type) : NULL, G_DBUS_CALL_FLAGS_NONE,
      CALL_TIMEOUT_MS, NULL, &error);

  g_assert_no_error (error);
  return reply;
}

static GStrv
call_initial_result_set (PrivateBus *bus, const char *const *terms)
{
  g_autoptr (GVariant) reply = call (bus, CRM_SEARCH_PROVIDER_OBJECT_PATH, PROVIDER_INTERFACE,
                                     "GetInitialResultSet", g_variant_new ("(^as)", terms), "(as)");
  GStrv results = NULL;

  g_variant_get (reply, "(^as)", &results);
  return results;
}

static gboolean
name_has_owner (PrivateBus *bus)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GVariant) reply = g_dbus_connection_call_sync (
      bus->connection, "org.freedesktop.DBus", "/org/freedesktop/DBus", "org.freedesktop.DBus",
      "NameHasOwner", g_variant_new ("(s)", APPLICATION_ID), G_VARIANT_TYPE ("(b)"),
      G_DBUS_CALL_FLAGS_NONE, -1, NULL, &error);
  gboolean has_owner;

  g_assert_no_error (error);
  g_variant_get (reply, "(b)", &has_owner);
  return has_owner;
}

/* Whether the application exports a window (GtkApplication puts each window's actions at
 * APP_PATH/window/N). */
static gboolean
has_window (PrivateBus *bus)
{
  g_autoptr (GVariant) reply
      = call (bus, APP_PATH, "org.freedesktop.DBus.Introspectable", "Introspect", NULL, "(s)");
  const char *xml;
  g_autoptr (GDBusNodeInfo) node = NULL;
  g_autoptr (GError) error = NULL;

  g_variant_get (reply, "(&s)", &xml);
  node = g_dbus_node_info_new_for_xml (xml, &error);
  g_assert_no_error (error);
  for (guint i = 0; node->nodes != NULL && node->nodes[i] != NULL; i++)
    {
      if (g_strcmp0 (node->nodes[i]->path, "window") == 0)
        return TRUE;
    }
  return FALSE;
}

static GVariant *
find_meta (GVariant *metas, const char *id)
{
  GVariant *meta;
  GVariantIter iter;

  g_variant_iter_init (&iter, metas);
  while ((meta = g_variant_iter_next_value (&iter)) != NULL)
    {
      const char *meta_id = NULL;

      if (g_variant_lookup (meta, "id", "&s", &meta_id) && g_str_equal (meta_id, id))
        return meta;
      g_variant_unref (meta);
    }
  return NULL;
}

static void
assert_meta (GVariant *metas, const char *id, const char *name, const char *description)
{
  g_autoptr (GVariant) meta = find_meta (metas, id);
  g_autoptr (GVariant) icon_variant = NULL;
  g_autoptr (GIcon) icon = NULL;
  const char *text = NULL;

  g_assert_nonnull (meta);
  g_assert_true (g_variant_lookup (meta, "name", "&s", &text));
  g_assert_cmpstr (text, ==, name);
  g_assert_true (g_variant_lookup (meta, "description", "&s", &text));
  g_assert_cmpstr (text, ==, description);
  /* The Shell draws "icon" (a serialised GIcon): a themed icon. */
  icon_variant = g_variant_lookup_value (meta, "icon", NULL);
  g_assert_nonnull (icon_variant);
  icon = g_icon_deserialize (icon_variant);
  g_assert_true (G_IS_THEMED_ICON (icon));
}

static void
test_dbus_activation (void)
{
  PrivateBus bus = { 0 };
  g_autofree char *ada = result_id ("contact", ids.ada);
  g_autofree char *adam = result_id ("contact", ids.adam);
  g_autofree char *grace = result_id ("contact", ids.grace);
  g_autofree char *engines = result_id ("company", ids.engines);
  g_autofree char *navy = result_id ("company", ids.navy);
  g_autofree char *upgrade = result_id ("deal", ids.upgrade);
  g_autofree char *compilers = result_id ("deal", ids.compilers);
  g_autofree char *value = crm_money_format_whole (1200000, "EUR");
  g_autofree char *upgrade_description = g_strdup_printf ("Deal · %s · Proposal", value);
  g_autoptr (GVariant) reply = NULL;
  g_autoptr (GVariant) metas = NULL;
  g_auto (GStrv) results = NULL;

  private_bus_start (&bus);
  g_assert_false (name_has_owner (&bus));

  /* The first call starts the service. "ada" is a prefix of Ada and Adam, and the deal is
   * Ada's (a deal's contact is among its searched details); her company is not found. */
  {
    const char *terms[] = { "ada", NULL };
    const char *expected[] = { ada, adam, upgrade, NULL };

    results = call_initial_result_set (&bus, terms);
    assert_same_ids ((const char *const *) results, expected);
    g_assert_true (name_has_owner (&bus));
    /* Started for the search: no window. */
    g_assert_false (has_window (&bus));
  }
  {
    const char *terms[] = { "lovelace", NULL };
    const char *expected[] = { ada, upgrade, NULL };

    g_clear_pointer (&results, g_strfreev);
    results = call_initial_result_set (&bus, terms);
    assert_same_ids ((const char *const *) results, expected);
  }
  /* Two words narrow: both must match. */
  {
    const char *terms[] = { "ADA", "smi", NULL };
    const char *expected[] = { adam, NULL };

    g_clear_pointer (&results, g_strfreev);
    results = call_initial_result_set (&bus, terms);
    assert_same_ids ((const char *const *) results, expected);
  }
  /* A company by its name, a deal by its title, a contact by its company's name. */
  {
    const char *terms[] = { "engine", NULL };
    const char *expected[] = { engines, upgrade, ada, NULL };

    g_clear_pointer (&results, g_strfreev);
    results = call_initial_result_set (&bus, terms);
    assert_same_ids ((const char *const *) results, expected);
  }
  {
    const char *terms[] = { "nothing-matches-this", NULL };
    const char *none[] = { NULL };

    g_clear_pointer (&results, g_strfreev);
    results = call_initial_result_set (&bus, terms);
    assert_same_ids ((const char *const *) results, none);
  }
  /* A sub-search: the Shell passes what it has and the longer words. */
  {
    const char *previous[] = { grace, navy, compilers, NULL };
    const char *terms[] = { "grace", NULL };
    const char *expected[] = { grace, compilers, NULL };

    g_clear_pointer (&reply, g_variant_unref);
    reply = call (&bus, CRM_SEARCH_PROVIDER_OBJECT_PATH, PROVIDER_INTERFACE,
                  "GetSubsearchResultSet", g_variant_new ("(^as^as)", previous, terms), "(as)");
    g_clear_pointer (&results, g_strfreev);
    g_variant_get (reply, "(^as)", &results);
    assert_same_ids ((const char *const *) results, expected);
  }

  /* The metas, in the order asked; ids of nothing and rows that are gone are left out. */
  {
    const char *asked[]
        = { ada, adam, engines, navy, upgrade, compilers, "deal:999999", "junk", NULL };

    g_clear_pointer (&reply, g_variant_unref);
    reply = call (&bus, CRM_SEARCH_PROVIDER_OBJECT_PATH, PROVIDER_INTERFACE, "GetResultMetas",
                  g_variant_new ("(^as)", asked), "(aa{sv})");
    metas = g_variant_get_child_value (reply, 0);
    g_assert_cmpuint (g_variant_n_children (metas), ==, 6);
    assert_meta (metas, ada, "Ada Lovelace", "Contact · Analytical Engines Ltd");
    assert_meta (metas, adam, "Adam Smith", "Contact · adam@example.org");
    assert_meta (metas, engines, "Analytical Engines Ltd", "Company · Computing");
    assert_meta (metas, navy, "US Navy", "Company · US");
    assert_meta (metas, upgrade, "Difference engine upgrade", upgrade_description);
    assert_meta (metas, compilers, "Compiler training", "Deal · Initial contact");
  }
  g_assert_false (has_window (&bus));

  /* "More results in Rapport": the window opens. */
  {
    const char *terms[] = { "ada", NULL };

    g_clear_pointer (&reply, g_variant_unref);
    reply = call (&bus, CRM_SEARCH_PROVIDER_OBJECT_PATH, PROVIDER_INTERFACE, "LaunchSearch",
                  g_variant_new ("(^asu)", terms, 0), "()");
    g_assert_true (has_window (&bus));
  }

  /* Quit: the service ends and leaves the bus. */
  g_clear_pointer (&reply, g_variant_unref);
  reply = call (&bus, APP_PATH, "org.gtk.Actions", "Activate",
                g_variant_new ("(sava{sv})", "quit", NULL, NULL), "()");
  for (guint i = 0; i < 200 && name_has_owner (&bus); i++)
    g_usleep (50000);
  g_assert_false (name_has_owner (&bus));

  private_bus_stop (&bus);
}

/* ---- The application in this process -------------------------------------------------------- */

static GDBusConnection *
session_bus (void)
{
  return g_application_get_dbus_connection (G_APPLICATION (app));
}

typedef struct
{
  gboolean done;
  GError *error;
} Reply;

static void
on_call_done (GObject *source, GAsyncResult *result, gpointer data)
{
  Reply *reply = data;
  g_autoptr (GVariant) value
      = g_dbus_connection_call_finish (G_DBUS_CONNECTION (source), result, &reply->error);

  reply->done = TRUE;
}

static gboolean
reply_done (gpointer data)
{
  return ((Reply *) data)->done;
}

/* Calls @method of the provider of this process's application, over the session bus (the
 * main loop runs meanwhile: it answers). */
static void
call_own_provider (const char *method, GVariant *parameters)
{
  Reply reply = { 0 };

  g_dbus_connection_call (session_bus (), g_dbus_connection_get_unique_name (session_bus ()),
                          CRM_SEARCH_PROVIDER_OBJECT_PATH, PROVIDER_INTERFACE, method, parameters,
                          G_VARIANT_TYPE ("()"), G_DBUS_CALL_FLAGS_NONE, 10000, NULL, on_call_done,
                          &reply);
  crm_test_wait_for (reply_done, &reply, method);
  g_assert_no_error (reply.error);
}

static CrmWindow *
find_window (void)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l != NULL; l = l->next)
    {
      if (CRM_IS_WINDOW (l->data))
        return l->data;
    }
  return NULL;
}

static CrmContactsView *
contacts_view (CrmWindow *window)
{
  return CRM_CONTACTS_VIEW (crm_test_find_descendant (GTK_WIDGET (window), CRM_TYPE_CONTACTS_VIEW));
}

static void
close_windows (void)
{
  GList *windows = gtk_window_list_toplevels ();

  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_destroy (l->data);
  g_list_free (windows);
  crm_test_iterate_main_context ();
}

static void
activate_result (const char *kind, gint64 id)
{
  g_autofree char *result = result_id (kind, id);
  const char *terms[] = { "x", NULL };

  call_own_provider ("ActivateResult", g_variant_new ("(s^asu)", result, terms, 0));
}

static void
test_activate_contact (void)
{
  CrmWindow *window;
  CrmContact *shown;

  activate_result ("contact", ids.grace);
  window = find_window ();
  g_assert_nonnull (window);
  /* Still shown once the window is on screen. */
  crm_test_wait_for (crm_test_widget_is_mapped, contacts_view (window), "the contacts page");
  crm_test_run_for (300);
  /* The default database: the one the provider searches. */
  g_assert_true (g_str_has_prefix (crm_store_get_path (crm_window_get_store (window)), data_home));
  g_assert_cmpstr (crm_window_get_visible_page (window), ==, "contacts");
  shown = crm_contacts_view_get_shown_contact (contacts_view (window));
  g_assert_nonnull (shown);
  g_assert_cmpint (crm_entity_object_get_id (CRM_ENTITY_OBJECT (shown)), ==, ids.grace);
  close_windows ();
}

static void
test_activate_company (void)
{
  CrmWindow *window;
  CrmContactsView *view;

  activate_result ("company", ids.engines);
  window = find_window ();
  g_assert_nonnull (window);
  g_assert_cmpstr (crm_window_get_visible_page (window), ==, "contacts");
  view = contacts_view (window);
  g_assert_true (crm_contacts_view_get_show_companies (view));
  g_assert_cmpstr (crm_contact_detail_get_text (crm_contacts_view_get_detail (view), "name"), ==,
                   "Analytical Engines Ltd");
  close_windows ();
}

static void
test_activate_deal (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  CrmWindow *window;
  gboolean editor = FALSE;

  activate_result ("deal", ids.upgrade);
  window = find_window ();
  g_assert_nonnull (window);
  g_assert_cmpstr (crm_window_get_visible_page (window), ==, "pipeline");
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr (GtkWindow) toplevel = g_list_model_get_item (toplevels, i);

      editor = editor || CRM_IS_DEAL_EDITOR (toplevel);
    }
  g_assert_true (editor);
  close_windows ();
}

static void
test_launch_search (void)
{
  const char *terms[] = { "ada", "love", NULL };
  CrmWindow *window;
  const CrmContactFilter *filter;

  call_own_provider ("LaunchSearch", g_variant_new ("(^asu)", terms, 0));
  window = find_window ();
  g_assert_nonnull (window);
  g_assert_cmpstr (crm_window_get_visible_page (window), ==, "contacts");
  filter = crm_contacts_view_get_filter (contacts_view (window));
  g_assert_cmpstr (filter->text, ==, "ada love");
  close_windows ();
}

int
main (int argc, char *argv[])
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GSettings) settings = NULL;
  int status;

  /* Before anything reads it (GLib keeps the first answer): the default database is ours. */
  data_home = g_dir_make_tmp ("rapport-search-provider-XXXXXX", &error);
  g_assert_no_error (error);
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);

  g_test_init (&argc, &argv, NULL);
  if (!gtk_init_check ())
    {
      /* TAP: the whole program is skipped, with the reason. */
      g_print ("1..0 # SKIP no display (run under xvfb-run)\n");
      crm_test_remove_tree (data_home);
      return 0;
    }
  seed_default_database ();

  /* No reminders: they would start notifications this test does not look at. */
  settings = g_settings_new (APPLICATION_ID);
  g_settings_set_boolean (settings, "task-reminders", FALSE);

  app = crm_application_new ();
  /* Never hand the work to a Rapport that happens to run on the session bus. */
  g_application_set_flags (G_APPLICATION (app),
                           G_APPLICATION_HANDLES_COMMAND_LINE | G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);

  g_test_add_func ("/search-provider/result-ids", test_result_ids);
  g_test_add_func ("/search-provider/ini-file", test_ini_file);
  g_test_add_func ("/search-provider/dbus-activation", test_dbus_activation);
  if (g_application_get_dbus_connection (G_APPLICATION (app)) != NULL)
    {
      g_test_add_func ("/search-provider/activate-contact", test_activate_contact);
      g_test_add_func ("/search-provider/activate-company", test_activate_company);
      g_test_add_func ("/search-provider/activate-deal", test_activate_deal);
      g_test_add_func ("/search-provider/launch-search", test_launch_search);
    }
  status = g_test_run ();

  g_clear_object (&app);
  crm_test_remove_tree (data_home);
  g_free (data_home);
  return status;
}

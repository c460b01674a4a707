/* test-reminders.c — task reminders as the desktop receives them: a GApplication on a private
 * session bus (GTestDBus), where a fake notification server owns org.gtk.Notifications and
 * records every AddNotification and RemoveNotification call.
 *
 * GLib picks its notification backend once per process, from the GNOTIFICATION_BACKEND
 * variable when set (GLib 2.74: the "gtk" backend, used when org.gtk.Notifications has an owner
 * on the session bus; "freedesktop" and "portal" are the others): the test sets it to "gtk" and
 * owns the name before the first notification, so the calls always reach the fake. */
#include "config.h"

#include <gio/gio.h>

#include "crm-task-reminders.h"
#include "crm-test-util.h"

#define APP_ID "io.github.rapportcrm.RapportTest"

static const char notifications_xml[]
    = "<node>"
      "  <interface name='org.gtk.Notifications'>"
      "    <method name='AddNotification'>"
      "      <arg type='s' name='app_id' direction='in'/>"
      "      <arg type='s' name='id' direction='in'/>"
      "      <arg type='a{sv}' name='notification' direction='in'/>"
      "    </method>"
      "    <method name='RemoveNotification'>"
      "      <arg type='s' name='app_id' direction='in'/>"
      "      <arg type='s' name='id' direction='in'/>"
      "    </method>"
      "  </interface>"
      "</node>";

typedef struct
{
  char *id;
  GVariant *notification; /* a{sv}; NULL for a RemoveNotification */
} Call;

static void
call_free (gpointer data)
{
  Call *call = data;

  g_free (call->id);
  g_clear_pointer (&call->notification, g_variant_unref);
  g_free (call);
}

/* What the fake server was asked, in order. */
static GPtrArray *calls;
static GApplication *app;

static void
on_notifications_method_call (GDBusConnection *connection,
                              const char *sender,
                              const char *object_path,
                              const char *interface_name,
                              const char *method_name,
                              GVariant *parameters,
                              GDBusMethodInvocation *invocation,
                              gpointer user_data)
{
  Call *call = g_new0 (Call, 1);
  const char *app_id = NULL;

  if (g_str_equal (method_name, "AddNotification"))
    g_variant_get (parameters, "(&ss@a{sv})", &app_id, &call->id, &call->notification);
  else
    g_variant_get (parameters, "(&ss)", &app_id, &call->id);
  g_assert_cmpstr (app_id, ==, APP_ID);
  g_ptr_array_add (calls, call);
  g_dbus_method_invocation_return_value (invocation, NULL);
}

static const GDBusInterfaceVTable notifications_vtable = { on_notifications_method_call };

static void
on_name_acquired (GDBusConnection *connection, const char *name, gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
}

/* The fake server: its own connection to the test bus, owning org.gtk.Notifications. */
static GDBusConnection *
start_notification_server (GTestDBus *bus)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GDBusNodeInfo) node = g_dbus_node_info_new_for_xml (notifications_xml, &error);
  GDBusConnection *connection;
  gboolean acquired = FALSE;
  guint owner_id;

  g_assert_no_error (error);
  connection = g_dbus_connection_new_for_address_sync (
      g_test_dbus_get_bus_address (bus),
      G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT
          | G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION,
      NULL, NULL, &error);
  g_assert_no_error (error);
  g_dbus_connection_register_object (connection, "/org/gtk/Notifications", node->interfaces[0],
                                     &notifications_vtable, NULL, NULL, &error);
  g_assert_no_error (error);
  owner_id = g_bus_own_name_on_connection (connection, "org.gtk.Notifications",
                                           G_BUS_NAME_OWNER_FLAGS_NONE, on_name_acquired, NULL,
                                           &acquired, NULL);
  while (!acquired)
    g_main_context_iteration (NULL, TRUE);
  /* The name stays owned until the connection closes. */
  (void) owner_id;
  return connection;
}

/* ---- Fixture ---------------------------------------------------------------------------- */

typedef struct
{
  char *folder;
  CrmStore *store;
  gint64 contact_id;
  gint64 deal_id;
} Fixture;

static void
fixture_set_up (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = NULL;
  g_autoptr (CrmContactRecord) contact = crm_contact_record_new ();
  g_autoptr (CrmDealRecord) deal = crm_deal_record_new ();
  g_autoptr (GArray) stages = NULL;

  fixture->folder = g_dir_make_tmp ("rapport-reminders-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (fixture->folder, "rapport.db", NULL);
  fixture->store = crm_store_open (path, &error);
  g_assert_no_error (error);

  contact->name = g_strdup ("Ada Lovelace");
  g_assert_true (crm_store_insert_contact (fixture->store, contact, &error));
  fixture->contact_id = contact->id;
  stages = crm_test_list_default_stage_ids (fixture->store);
  deal->title = g_strdup ("Analytical Engine");
  deal->currency = g_strdup ("GBP");
  deal->stage_id = g_array_index (stages, gint64, 0);
  deal->contact_id = contact->id;
  g_assert_true (crm_store_insert_deal (fixture->store, deal, &error));
  g_assert_no_error (error);
  fixture->deal_id = deal->id;

  g_ptr_array_set_size (calls, 0);
}

static void
fixture_tear_down (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GSettings) settings = g_settings_new (APPLICATION_ID);

  g_settings_reset (settings, "reminder-time");
  g_clear_object (&fixture->store);
  crm_test_remove_tree (fixture->folder);
  g_free (fixture->folder);
}

static gint64
add_task (Fixture *fixture, const char *subject, gint64 due_at, gboolean with_deal)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CrmActivityRecord) task = crm_activity_record_new ();

  task->kind = CRM_ACTIVITY_TASK;
  task->subject = g_strdup (subject);
  task->contact_id = fixture->contact_id;
  task->deal_id = with_deal ? fixture->deal_id : 0;
  task->occurred_at = g_get_real_time () / G_USEC_PER_SEC - 3600;
  task->due_at = due_at;
  g_assert_true (crm_store_insert_activity (fixture->store, task, &error));
  g_assert_no_error (error);
  return task->id;
}

static void
mark_done (Fixture *fixture, gint64 task_id)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CrmActivityRecord) task = crm_store_get_activity (fixture->store, task_id, &error);

  task->done = TRUE;
  task->done_at = g_get_real_time () / G_USEC_PER_SEC;
  g_assert_true (crm_store_update_activity (fixture->store, task, &error));
  g_assert_no_error (error);
}

static gint64
now_seconds (void)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}

static gboolean
on_wait_timeout (gpointer data)
{
  *(guint *) data = 0;
  return G_SOURCE_REMOVE;
}

/* Runs the main loop until the fake received @n_calls calls, or @seconds passed. */
static void
wait_for_calls (guint n_calls, double seconds)
{
  guint timeout_id = 0;

  timeout_id = g_timeout_add ((guint) (seconds * 1000), on_wait_timeout, &timeout_id);
  while (calls->len < n_calls && timeout_id != 0)
    g_main_context_iteration (NULL, TRUE);
  g_clear_handle_id (&timeout_id, g_source_remove);
}

static const Call *
call_at (guint index)
{
  g_assert_cmpuint (index, <, calls->len);
  return g_ptr_array_index (calls, index);
}

static char *
lookup_string (GVariant *notification, const char *key)
{
  char *value = NULL;

  g_variant_lookup (notification, key, "s", &value);
  return value;
}

/* ---- Tests ------------------------------------------------------------------------------ */

/* A task falling due a second or two from now: one notification, with the task's id, subject,
 * contact and deal, show-task as its default action and Mark as Done as its button; and only
 * one, however the store changes after. */
static void
test_task_falls_due (Fixture *fixture, gconstpointer data)
{
  g_autoptr (CrmTaskReminders) reminders = NULL;
  g_autoptr (GVariant) target = NULL;
  g_autoptr (GVariant) buttons = NULL;
  g_autoptr (GVariant) button = NULL;
  g_autofree char *expected_id = NULL;
  g_autofree char *title = NULL;
  g_autofree char *body = NULL;
  g_autofree char *action = NULL;
  g_autofree char *label = NULL;
  const Call *call;
  gint64 due = now_seconds () + 2;
  gint64 task_id = add_task (fixture, "Call Ada", due, TRUE);
  gint64 later_id = add_task (fixture, "Write to Ada", now_seconds () + 3600, FALSE);

  reminders = crm_task_reminders_new (app, fixture->store);
  g_assert_cmpint (crm_task_reminders_get_next_due (reminders), ==, due);
  /* Nothing was overdue. */
  wait_for_calls (1, 0.2);
  g_assert_cmpuint (calls->len, ==, 0);

  wait_for_calls (1, 5);
  g_assert_cmpuint (calls->len, ==, 1);
  call = call_at (0);
  expected_id = crm_task_reminders_notification_id (task_id);
  g_assert_cmpstr (call->id, ==, expected_id);
  g_assert_nonnull (call->notification);
  title = lookup_string (call->notification, "title");
  g_assert_cmpstr (title, ==, "Task due: Call Ada");
  body = lookup_string (call->notification, "body");
  g_assert_cmpstr (body, ==, "Ada Lovelace · Analytical Engine");
  action = lookup_string (call->notification, "default-action");
  g_assert_cmpstr (action, ==, "app.show-task");
  target = g_variant_lookup_value (call->notification, "default-action-target", NULL);
  g_assert_nonnull (target);
  g_assert_true (g_variant_is_of_type (target, G_VARIANT_TYPE_INT64));
  g_assert_cmpint (g_variant_get_int64 (target), ==, task_id);
  g_clear_pointer (&action, g_free);
  g_clear_pointer (&target, g_variant_unref);

  buttons = g_variant_lookup_value (call->notification, "buttons", G_VARIANT_TYPE ("aa{sv}"));
  g_assert_nonnull (buttons);
  g_assert_cmpuint (g_variant_n_children (buttons), ==, 1);
  button = g_variant_get_child_value (buttons, 0);
  label = lookup_string (button, "label");
  g_assert_cmpstr (label, ==, "Mark as Done");
  action = lookup_string (button, "action");
  g_assert_cmpstr (action, ==, "app.complete-task");
  target = g_variant_lookup_value (button, "target", G_VARIANT_TYPE_INT64);
  g_assert_nonnull (target);
  g_assert_cmpint (g_variant_get_int64 (target), ==, task_id);

  /* The next one is the task in an hour; changes to the store plan again, and the task
   * already notified is not notified again. */
  g_assert_cmpint (crm_task_reminders_get_next_due (reminders), >, now_seconds () + 3000);
  mark_done (fixture, later_id);
  wait_for_calls (2, 1.5);
  g_assert_cmpint (crm_task_reminders_get_next_due (reminders), ==, 0);

  /* Done now: its notification is taken back (and nothing else was sent). */
  mark_done (fixture, task_id);
  wait_for_calls (2, 2);
  g_assert_cmpuint (calls->len, ==, 2);
  call = call_at (1);
  g_assert_cmpstr (call->id, ==, expected_id);
  g_assert_null (call->notification);
}

/* A task done before its time is not notified; a task added after the start is. */
static void
test_done_before_due (Fixture *fixture, gconstpointer data)
{
  g_autoptr (CrmTaskReminders) reminders = NULL;
  g_autofree char *expected_id = NULL;
  g_autofree char *title = NULL;
  gint64 done_id = add_task (fixture, "Forget me", now_seconds () + 1, FALSE);
  gint64 added_id;

  reminders = crm_task_reminders_new (app, fixture->store);
  mark_done (fixture, done_id);
  added_id = add_task (fixture, "Remember me", now_seconds () + 2, FALSE);

  wait_for_calls (1, 5);
  g_assert_cmpuint (calls->len, ==, 1);
  expected_id = crm_task_reminders_notification_id (added_id);
  g_assert_cmpstr (call_at (0)->id, ==, expected_id);
  title = lookup_string (call_at (0)->notification, "title");
  g_assert_cmpstr (title, ==, "Task due: Remember me");

  /* Past the done task's time and more: still only the one. */
  wait_for_calls (2, 1);
  g_assert_cmpuint (calls->len, ==, 1);
}

/* Three tasks overdue at start: one summary, no notification per task. A task done or one due
 * later does not count. */
static void
test_overdue_summary (Fixture *fixture, gconstpointer data)
{
  g_autoptr (CrmTaskReminders) reminders = NULL;
  g_autofree char *title = NULL;
  g_autofree char *body = NULL;
  g_autofree char *action = NULL;
  gint64 now = now_seconds ();

  add_task (fixture, "Oldest", now - 3 * 86400, TRUE);
  add_task (fixture, "Older", now - 86400, FALSE);
  add_task (fixture, "Old", now - 60, FALSE);
  mark_done (fixture, add_task (fixture, "Done", now - 120, FALSE));
  add_task (fixture, "Tomorrow", now + 86400, FALSE);

  reminders = crm_task_reminders_new (app, fixture->store);
  wait_for_calls (2, 1.5);
  g_assert_cmpuint (calls->len, ==, 1);
  g_assert_cmpstr (call_at (0)->id, ==, CRM_TASK_REMINDERS_SUMMARY_ID);
  title = lookup_string (call_at (0)->notification, "title");
  g_assert_cmpstr (title, ==, "3 tasks overdue");
  body = lookup_string (call_at (0)->notification, "body");
  g_assert_cmpstr (body, ==, "Oldest\nOlder\nOld");
  action = lookup_string (call_at (0)->notification, "default-action");
  g_assert_cmpstr (action, ==, "app.show-today");
}

/* A single overdue task is named on its own. */
static void
test_one_overdue (Fixture *fixture, gconstpointer data)
{
  g_autoptr (CrmTaskReminders) reminders = NULL;
  g_autofree char *expected_id = NULL;
  gint64 task_id = add_task (fixture, "Late", now_seconds () - 600, FALSE);

  reminders = crm_task_reminders_new (app, fixture->store);
  wait_for_calls (2, 1);
  g_assert_cmpuint (calls->len, ==, 1);
  expected_id = crm_task_reminders_notification_id (task_id);
  g_assert_cmpstr (call_at (0)->id, ==, expected_id);
}

/* Local midnight of the day @days from today. */
static gint64
midnight_of (int days)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  g_autoptr (GDateTime) today
      = g_date_time_new_local (g_date_time_get_year (now), g_date_time_get_month (now),
                               g_date_time_get_day_of_month (now), 0, 0, 0);
  g_autoptr (GDateTime) day = g_date_time_add_days (today, days);

  return g_date_time_to_unix (day);
}

/* Sets the reminder time of tasks of a day to @when (unix seconds, local time of day). */
static void
set_reminder_time (gint64 when)
{
  g_autoptr (GSettings) settings = g_settings_new (APPLICATION_ID);
  g_autoptr (GDateTime) time = g_date_time_new_from_unix_local (when);
  g_autofree char *text = g_date_time_format (time, "%H:%M:%S");

  g_settings_set_string (settings, "reminder-time", text);
}

/* A task due on a day without a time (due at its midnight) is reminded of at the reminder
 * time of that day: not at midnight, not as overdue before that time, once when it comes; one
 * due tomorrow waits for tomorrow's. */
static void
test_day_task_at_reminder_time (Fixture *fixture, gconstpointer data)
{
  g_autoptr (CrmTaskReminders) reminders = NULL;
  g_autofree char *expected_id = NULL;
  g_autofree char *title = NULL;
  gint64 today = midnight_of (0);
  gint64 reminder = now_seconds () + 2;
  gint64 task_id;

  /* Too close to the end of the day for the reminder to fall today. */
  if (reminder - today >= 86400 - 5)
    {
      g_test_skip ("the day ends in a few seconds");
      return;
    }
  set_reminder_time (reminder);
  task_id = add_task (fixture, "Send the quote", today, FALSE);
  add_task (fixture, "Book the room", midnight_of (1), FALSE);

  reminders = crm_task_reminders_new (app, fixture->store);
  /* Due since midnight, but its time is not there yet: not overdue. */
  g_assert_cmpint (crm_task_reminders_get_next_due (reminders), ==, today + (reminder - today));
  wait_for_calls (1, 0.5);
  g_assert_cmpuint (calls->len, ==, 0);

  wait_for_calls (1, 5);
  g_assert_cmpuint (calls->len, ==, 1);
  expected_id = crm_task_reminders_notification_id (task_id);
  g_assert_cmpstr (call_at (0)->id, ==, expected_id);
  title = lookup_string (call_at (0)->notification, "title");
  g_assert_cmpstr (title, ==, "Task due: Send the quote");
  /* Tomorrow's, at tomorrow's reminder time (a day later, or so across a change of clocks). */
  g_assert_cmpint (crm_task_reminders_get_next_due (reminders), ==,
                   midnight_of (1) + (reminder - today));
  wait_for_calls (2, 1.5);
  g_assert_cmpuint (calls->len, ==, 1);
}

/* Past the reminder time, a task of today is overdue at start like any other. */
static void
test_day_task_overdue (Fixture *fixture, gconstpointer data)
{
  g_autoptr (CrmTaskReminders) reminders = NULL;
  g_autofree char *expected_id = NULL;
  gint64 today = midnight_of (0);
  gint64 task_id;

  if (now_seconds () - today < 5)
    {
      g_test_skip ("the day began a few seconds ago");
      return;
    }
  set_reminder_time (now_seconds () - 2);
  task_id = add_task (fixture, "Send the quote", today, FALSE);

  reminders = crm_task_reminders_new (app, fixture->store);
  wait_for_calls (2, 1);
  g_assert_cmpuint (calls->len, ==, 1);
  expected_id = crm_task_reminders_notification_id (task_id);
  g_assert_cmpstr (call_at (0)->id, ==, expected_id);
}

int
main (int argc, char *argv[])
{
  g_autoptr (GTestDBus) bus = NULL;
  g_autoptr (GDBusConnection) server = NULL;
  g_autoptr (GError) error = NULL;
  int status;

  g_setenv ("GNOTIFICATION_BACKEND", "gtk", TRUE);
  g_test_init (&argc, &argv, NULL);

  bus = g_test_dbus_new (G_TEST_DBUS_NONE);
  g_test_dbus_up (bus);
  calls = g_ptr_array_new_with_free_func (call_free);
  server = start_notification_server (bus);
  app = g_application_new (APP_ID, G_APPLICATION_DEFAULT_FLAGS);
  g_assert_true (g_application_register (app, NULL, &error));
  g_assert_no_error (error);

#define TEST_F(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  TEST_F ("/reminders/task-falls-due", test_task_falls_due);
  TEST_F ("/reminders/done-before-due", test_done_before_due);
  TEST_F ("/reminders/overdue-summary", test_overdue_summary);
  TEST_F ("/reminders/one-overdue", test_one_overdue);
  TEST_F ("/reminders/day-task-at-reminder-time", test_day_task_at_reminder_time);
  TEST_F ("/reminders/day-task-overdue", test_day_task_overdue);
#undef TEST_F

  status = g_test_run ();

  g_clear_object (&app);
  g_dbus_connection_close_sync (server, NULL, NULL);
  g_clear_object (&server);
  g_test_dbus_down (bus);
  g_clear_pointer (&calls, g_ptr_array_unref);
  return status;
}

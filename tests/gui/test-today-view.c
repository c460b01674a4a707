/* test-today-view.c — the Today page in a real window: its groups (Overdue, Today) in order
 * with the page's badge, its empty state, marking a task done from its check button (and
 * undoing it), showing a task from a notification (win.show-task), and opening a task's deal
 * or contact. Runs under a virtual X display with the memory GSettings backend (see
 * tests/meson.build). */
#include "config.h"

#include "crm-activity.h"
#include "crm-application.h"
#include "crm-contacts-view.h"
#include "crm-deal-editor.h"
#include "crm-gui-test-util.h"
#include "crm-test-util.h"
#include "crm-today-view.h"
#include "crm-window.h"

static CrmApplication *app;

typedef struct
{
  char *folder;
  CrmStore *store;
  CrmWindow *window;
  CrmTodayView *view;
  gint64 contact_id;
  gint64 deal_id;
  gint64 today_start;
  gint64 today_end;
} Fixture;

static void
fixture_set_up (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = NULL;
  g_autoptr (CrmContactRecord) contact = crm_contact_record_new ();
  g_autoptr (CrmDealRecord) deal = crm_deal_record_new ();
  g_autoptr (GArray) stages = NULL;
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  g_autoptr (GDateTime) midnight
      = g_date_time_new_local (g_date_time_get_year (now), g_date_time_get_month (now),
                               g_date_time_get_day_of_month (now), 0, 0, 0);
  g_autoptr (GDateTime) tomorrow = g_date_time_add_days (midnight, 1);

  fixture->today_start = g_date_time_to_unix (midnight);
  fixture->today_end = g_date_time_to_unix (tomorrow);
  fixture->folder = g_dir_make_tmp ("rapport-today-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (fixture->folder, "rapport.db", NULL);
  fixture->store = crm_store_open (path, &error);
  g_assert_no_error (error);

  contact->name = g_strdup ("Grace <Hopper> & Co");
  g_assert_true (crm_store_insert_contact (fixture->store, contact, &error));
  fixture->contact_id = contact->id;
  stages = crm_test_list_default_stage_ids (fixture->store);
  deal->title = g_strdup ("COBOL compiler");
  deal->currency = g_strdup ("USD");
  deal->stage_id = g_array_index (stages, gint64, 0);
  deal->contact_id = contact->id;
  g_assert_true (crm_store_insert_deal (fixture->store, deal, &error));
  g_assert_no_error (error);
  fixture->deal_id = deal->id;
}

static void
fixture_tear_down (Fixture *fixture, gconstpointer data)
{
  crm_test_destroy_all_windows ();
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
  task->occurred_at = fixture->today_start - 7 * 86400;
  task->due_at = due_at;
  g_assert_true (crm_store_insert_activity (fixture->store, task, &error));
  g_assert_no_error (error);
  return task->id;
}

static void
show_window_on (Fixture *fixture, const char *page)
{
  fixture->window = crm_window_new (app, fixture->store);
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1000, 700);
  crm_window_set_visible_page (fixture->window, page);
  gtk_window_present (GTK_WINDOW (fixture->window));
  crm_test_wait_for (crm_test_widget_is_mapped, fixture->window, "the window to be mapped");
  fixture->view = CRM_TODAY_VIEW (
      crm_test_find_descendant (GTK_WIDGET (fixture->window), CRM_TYPE_TODAY_VIEW));
  g_assert_nonnull (fixture->view);
}

static void
show_window (Fixture *fixture)
{
  show_window_on (fixture, "today");
}

/* The rows as text: "# overdue" for a heading, the subject for a task. */
static char *
describe_rows (Fixture *fixture)
{
  GListModel *rows = crm_today_view_get_rows (fixture->view);
  g_autoptr (GString) text = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr (GObject) row = g_list_model_get_item (rows, i);

      if (text->len > 0)
        g_string_append_c (text, '|');
      if (GTK_IS_STRING_OBJECT (row))
        g_string_append_printf (text, "# %s",
                                gtk_string_object_get_string (GTK_STRING_OBJECT (row)));
      else
        g_string_append (text, crm_activity_get_subject (CRM_ACTIVITY (row)));
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static AdwViewStackPage *
get_today_page (Fixture *fixture)
{
  AdwViewStack *stack = ADW_VIEW_STACK (
      crm_test_find_descendant (GTK_WIDGET (fixture->window), ADW_TYPE_VIEW_STACK));

  return adw_view_stack_get_page (stack, adw_view_stack_get_child_by_name (stack, "today"));
}

static GtkWidget *
get_visible_child (Fixture *fixture)
{
  GtkStack *stack
      = GTK_STACK (crm_test_find_descendant (GTK_WIDGET (fixture->view), GTK_TYPE_STACK));

  return gtk_stack_get_visible_child (stack);
}

static gboolean
label_says (GtkWidget *widget, gconstpointer text)
{
  return GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0;
}

static GtkWidget *
find_widget (GtkWidget *widget, gboolean (*match) (GtkWidget *, gconstpointer), gconstpointer data)
{
  if (match (widget, data))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, match, data);

      if (found != NULL && gtk_widget_get_mapped (found))
        return found;
    }
  return NULL;
}

/* The row showing @subject: the box that holds its labels and check button. */
static GtkWidget *
find_task_row (Fixture *fixture, const char *subject)
{
  GtkWidget *label = find_widget (GTK_WIDGET (fixture->view), label_says, subject);

  g_assert_nonnull (label);
  /* label → texts box → row box */
  return gtk_widget_get_parent (gtk_widget_get_parent (label));
}

/* ---- Tests ------------------------------------------------------------------------------ */

/* Overdue first, then today, each earliest first; tomorrow's and done tasks are not listed;
 * the badge counts the tasks; user text is shown as it is. */
static void
test_today_groups (Fixture *fixture, gconstpointer data)
{
  g_autofree char *rows = NULL;
  g_autofree char *detail = NULL;
  g_autoptr (GError) error = NULL;
  gint64 done;
  GtkWidget *row;

  add_task (fixture, "Last call", fixture->today_end - 1, FALSE);
  add_task (fixture, "Three days late", fixture->today_start - 3 * 86400, TRUE);
  add_task (fixture, "First thing", fixture->today_start, TRUE);
  add_task (fixture, "Yesterday's", fixture->today_start - 1, FALSE);
  add_task (fixture, "Tomorrow's", fixture->today_end, FALSE);
  done = add_task (fixture, "Done already", fixture->today_start + 60, FALSE);
  {
    g_autoptr (CrmActivityRecord) task = crm_store_get_activity (fixture->store, done, &error);

    task->done = TRUE;
    g_assert_true (crm_store_update_activity (fixture->store, task, &error));
  }

  show_window (fixture);
  rows = describe_rows (fixture);
  g_assert_cmpstr (rows, ==, "# overdue|Three days late|Yesterday's|# today|First thing|Last call");
  g_assert_cmpuint (crm_today_view_get_n_tasks (fixture->view), ==, 4);
  g_assert_cmpint (adw_view_stack_page_get_badge_number (get_today_page (fixture)), ==, 4);
  g_assert_false (ADW_IS_STATUS_PAGE (get_visible_child (fixture)));

  /* The contact's name (markup characters and all) and the deal's title beside the subject. */
  crm_test_run_for (100);
  row = find_task_row (fixture, "Three days late");
  detail = g_strdup ("Grace <Hopper> & Co · COBOL compiler");
  g_assert_nonnull (find_widget (row, label_says, detail));
  g_assert_nonnull (find_widget (GTK_WIDGET (fixture->view), label_says, "Overdue"));
  g_assert_nonnull (find_widget (GTK_WIDGET (fixture->view), label_says, "Yesterday"));
  /* Due today without a time (at midnight): all day, and not late until the day is over;
   * yesterday's, a second before midnight, is late. */
  {
    GtkWidget *all_day
        = find_widget (find_task_row (fixture, "First thing"), label_says, "All day");
    GtkWidget *yesterday
        = find_widget (find_task_row (fixture, "Yesterday's"), label_says, "Yesterday");

    g_assert_nonnull (all_day);
    g_assert_false (gtk_widget_has_css_class (all_day, "error"));
    g_assert_nonnull (yesterday);
    g_assert_true (gtk_widget_has_css_class (yesterday, "error"));
  }

  /* A task added for today from elsewhere appears in its place. */
  add_task (fixture, "Lunch", fixture->today_start + 12 * 3600, FALSE);
  g_clear_pointer (&rows, g_free);
  rows = describe_rows (fixture);
  g_assert_cmpstr (rows, ==,
                   "# overdue|Three days late|Yesterday's|# today|First thing|Lunch|Last call");
  g_assert_cmpint (adw_view_stack_page_get_badge_number (get_today_page (fixture)), ==, 5);
}

/* Nothing due: the empty state; the first task due today replaces it. */
static void
test_today_empty_state (Fixture *fixture, gconstpointer data)
{
  add_task (fixture, "Tomorrow's", fixture->today_end + 3600, FALSE);
  show_window (fixture);
  g_assert_true (ADW_IS_STATUS_PAGE (get_visible_child (fixture)));
  g_assert_cmpstr (adw_status_page_get_title (ADW_STATUS_PAGE (get_visible_child (fixture))), ==,
                   "Nothing Due Today");
  g_assert_cmpuint (crm_today_view_get_n_tasks (fixture->view), ==, 0);

  add_task (fixture, "Now", fixture->today_start + 1, FALSE);
  g_assert_false (ADW_IS_STATUS_PAGE (get_visible_child (fixture)));
  g_assert_cmpuint (crm_today_view_get_n_tasks (fixture->view), ==, 1);
}

static gboolean
badge_is (gpointer data)
{
  Fixture *fixture = ((gpointer *) data)[0];
  int expected = GPOINTER_TO_INT (((gpointer *) data)[1]);

  return adw_view_stack_page_get_badge_number (get_today_page (fixture)) == (guint) expected;
}

/* A window opening on another page does not read the tasks, yet its badge counts them (and
 * follows changes); the page reads them when shown. */
static void
test_today_badge_before_shown (Fixture *fixture, gconstpointer data)
{
  gpointer two[] = { fixture, GINT_TO_POINTER (2) };

  add_task (fixture, "Late", fixture->today_start - 60, FALSE);
  add_task (fixture, "Tomorrow's", fixture->today_end + 60, FALSE);
  show_window_on (fixture, "pipeline");
  g_assert_cmpint (adw_view_stack_page_get_badge_number (get_today_page (fixture)), ==, 1);
  add_task (fixture, "Soon", fixture->today_start + 60, FALSE);
  crm_test_wait_for (badge_is, two, "the badge to count 2");
  g_assert_false (crm_today_view_get_tasks_read (fixture->view));

  crm_window_set_visible_page (fixture->window, "today");
  crm_test_wait_for (crm_test_widget_is_mapped, fixture->view, "the Today page to be mapped");
  g_assert_true (crm_today_view_get_tasks_read (fixture->view));
  g_assert_cmpint (adw_view_stack_page_get_badge_number (get_today_page (fixture)), ==, 2);
}

static gboolean
task_is_done (gpointer data)
{
  Fixture *fixture = ((gpointer *) data)[0];
  gint64 task_id = GPOINTER_TO_SIZE (((gpointer *) data)[1]);
  g_autoptr (CrmActivityRecord) task = crm_store_get_activity (fixture->store, task_id, NULL);

  return task != NULL && task->done;
}

/* The check button marks the task done (gone from the list, undoable); Undo brings it back. */
static void
test_today_check_completes (Fixture *fixture, gconstpointer data)
{
  gint64 task_id = add_task (fixture, "Send the offer", fixture->today_start + 60, TRUE);
  gpointer wait_data[] = { fixture, GSIZE_TO_POINTER (task_id) };
  g_autofree char *rows = NULL;
  GtkWidget *check;

  add_task (fixture, "Call back", fixture->today_start + 120, FALSE);
  show_window (fixture);
  crm_test_run_for (100);
  check
      = crm_test_find_descendant (find_task_row (fixture, "Send the offer"), GTK_TYPE_CHECK_BUTTON);
  g_assert_nonnull (check);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
  crm_test_wait_for (task_is_done, wait_data, "the task to be done");
  rows = describe_rows (fixture);
  g_assert_cmpstr (rows, ==, "# today|Call back");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.undo", NULL));
  g_clear_pointer (&rows, g_free);
  rows = describe_rows (fixture);
  g_assert_cmpstr (rows, ==, "# today|Send the offer|Call back");
  g_assert_false (task_is_done (wait_data));

  /* What a notification's Mark as Done does, through the window. */
  g_assert_true (
      gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.complete-task", "x", task_id));
  g_assert_true (task_is_done (wait_data));
}

/* A notification's default action: the Today page, the task selected. */
static void
test_today_show_task (Fixture *fixture, gconstpointer data)
{
  GtkListView *list;
  GtkSingleSelection *selection;
  gint64 task_id;

  add_task (fixture, "Early", fixture->today_start - 86400, FALSE);
  task_id = add_task (fixture, "Later", fixture->today_start + 3600, FALSE);
  show_window (fixture);
  crm_window_set_visible_page (fixture->window, "pipeline");

  g_assert_true (
      gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-task", "x", task_id));
  g_assert_cmpstr (crm_window_get_visible_page (fixture->window), ==, "today");
  list = GTK_LIST_VIEW (crm_test_find_descendant (GTK_WIDGET (fixture->view), GTK_TYPE_LIST_VIEW));
  selection = GTK_SINGLE_SELECTION (gtk_list_view_get_model (list));
  /* # overdue, Early, # today, Later */
  g_assert_cmpuint (gtk_single_selection_get_selected (selection), ==, 3);
  g_assert_false (crm_today_view_show_task (fixture->view, task_id + 100));
}

static gboolean
deal_editor_open (gpointer data)
{
  return crm_test_find_toplevel (CRM_TYPE_DEAL_EDITOR) != NULL;
}

/* Activating a task opens its deal in the editor, or else shows its contact. */
static void
test_today_activate_opens (Fixture *fixture, gconstpointer data)
{
  GtkListView *list;
  CrmContactsView *contacts;
  CrmContact *shown;

  add_task (fixture, "For the deal", fixture->today_start + 60, TRUE);
  add_task (fixture, "For the contact", fixture->today_start + 120, FALSE);
  show_window (fixture);
  list = GTK_LIST_VIEW (crm_test_find_descendant (GTK_WIDGET (fixture->view), GTK_TYPE_LIST_VIEW));

  /* Rows: # today, For the deal, For the contact. The heading does nothing. */
  g_signal_emit_by_name (list, "activate", 0);
  g_assert_false (deal_editor_open (NULL));
  g_signal_emit_by_name (list, "activate", 1);
  crm_test_wait_for (deal_editor_open, NULL, "the deal editor");

  g_signal_emit_by_name (list, "activate", 2);
  g_assert_cmpstr (crm_window_get_visible_page (fixture->window), ==, "contacts");
  contacts = CRM_CONTACTS_VIEW (
      crm_test_find_descendant (GTK_WIDGET (fixture->window), CRM_TYPE_CONTACTS_VIEW));
  shown = crm_contacts_view_get_shown_contact (contacts);
  g_assert_nonnull (shown);
  g_assert_cmpint (crm_entity_object_get_id (CRM_ENTITY_OBJECT (shown)), ==, fixture->contact_id);
}

int
main (int argc, char *argv[])
{
  if (!crm_test_gui_init (&argc, &argv))
    return 0;

  app = crm_test_application_new ();

  CRM_TEST_ADD_F ("/gui/today/groups", test_today_groups);
  CRM_TEST_ADD_F ("/gui/today/empty-state", test_today_empty_state);
  CRM_TEST_ADD_F ("/gui/today/badge-before-shown", test_today_badge_before_shown);
  CRM_TEST_ADD_F ("/gui/today/check-completes", test_today_check_completes);
  CRM_TEST_ADD_F ("/gui/today/show-task", test_today_show_task);
  CRM_TEST_ADD_F ("/gui/today/activate-opens", test_today_activate_opens);
  return crm_test_gui_run (&app);
}

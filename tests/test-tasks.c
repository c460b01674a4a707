/* test-tasks.c — open tasks: the store's reads by due time, the list model of the Today page
 * following every kind of change with exact items-changed signals, and marking a task done
 * as an undoable step. */
#include "config.h"

#include "crm-task-list-model.h"
#include "crm-tasks.h"
#include "crm-test-util.h"

#define HOUR (60 * 60)
#define NOW ((gint64) 1800000000)

typedef struct
{
  char *folder;
  CrmStore *store;
  CrmRepository *repository;
  gint64 contact_id;
  gint64 other_contact_id;
  /* The items-changed signals of the model under test, as "position:removed:added". */
  GString *changes;
} Fixture;

static gint64
insert_contact (Fixture *fixture, const char *name)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CrmContactRecord) contact = crm_contact_record_new ();

  contact->name = g_strdup (name);
  g_assert_true (crm_store_insert_contact (fixture->store, contact, &error));
  g_assert_no_error (error);
  return contact->id;
}

static void
fixture_set_up (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = NULL;

  fixture->folder = g_dir_make_tmp ("rapport-tasks-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (fixture->folder, "rapport.db", NULL);
  fixture->store = crm_store_open (path, &error);
  g_assert_no_error (error);
  fixture->repository = crm_repository_new (fixture->store);
  fixture->contact_id = insert_contact (fixture, "Ada Lovelace");
  fixture->other_contact_id = insert_contact (fixture, "Charles Babbage");
  fixture->changes = g_string_new (NULL);
}

static void
fixture_tear_down (Fixture *fixture, gconstpointer data)
{
  g_string_free (fixture->changes, TRUE);
  g_clear_object (&fixture->repository);
  g_clear_object (&fixture->store);
  crm_test_remove_tree (fixture->folder);
  g_free (fixture->folder);
}

static gint64
add_activity (Fixture *fixture,
              CrmActivityKind kind,
              const char *subject,
              gint64 contact_id,
              gint64 due_at,
              gboolean done)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CrmActivityRecord) activity = crm_activity_record_new ();

  activity->kind = kind;
  activity->subject = g_strdup (subject);
  activity->contact_id = contact_id;
  activity->occurred_at = NOW - 48 * HOUR;
  activity->due_at = due_at;
  activity->done = done;
  g_assert_true (crm_store_insert_activity (fixture->store, activity, &error));
  g_assert_no_error (error);
  return activity->id;
}

static gint64
add_task (Fixture *fixture, const char *subject, gint64 due_at)
{
  return add_activity (fixture, CRM_ACTIVITY_TASK, subject, fixture->contact_id, due_at, FALSE);
}

static char *
subjects (GListModel *model)
{
  g_autoptr (GString) text = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr (CrmActivity) task = g_list_model_get_item (model, i);

      g_string_append_printf (text, "%s%s", i > 0 ? " " : "", crm_activity_get_subject (task));
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
on_items_changed (GListModel *model, guint position, guint removed, guint added, Fixture *fixture)
{
  g_string_append_printf (fixture->changes, "%s%u:%u:%u", fixture->changes->len > 0 ? " " : "",
                          position, removed, added);
}

#define assert_subjects(model, expected)                                                           \
  G_STMT_START                                                                                     \
  {                                                                                                \
    g_autofree char *actual_ = subjects (G_LIST_MODEL (model));                                    \
    g_assert_cmpstr (actual_, ==, expected);                                                       \
  }                                                                                                \
  G_STMT_END

#define assert_changes(fixture, expected)                                                          \
  G_STMT_START                                                                                     \
  {                                                                                                \
    g_assert_cmpstr ((fixture)->changes->str, ==, expected);                                       \
    g_string_truncate ((fixture)->changes, 0);                                                     \
  }                                                                                                \
  G_STMT_END

/* The store reads open tasks in [from, before), earliest first, and counts them; done tasks,
 * other kinds and tasks without a due time stay out. */
static void
test_store_open_tasks (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) tasks = NULL;
  gint64 late = add_task (fixture, "Late", NOW - 2 * HOUR);
  gint64 soon = add_task (fixture, "Soon", NOW + HOUR);
  gint64 same_time = add_task (fixture, "Same time", NOW + HOUR);

  add_task (fixture, "Tomorrow", NOW + 30 * HOUR);
  add_activity (fixture, CRM_ACTIVITY_TASK, "Done", fixture->contact_id, NOW, TRUE);
  add_activity (fixture, CRM_ACTIVITY_SUPPORT, "A case", fixture->contact_id, NOW, FALSE);
  add_activity (fixture, CRM_ACTIVITY_TASK, "Someday", fixture->contact_id, 0, FALSE);

  tasks = crm_store_list_open_tasks (fixture->store, G_MININT64, NOW + 24 * HOUR, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (tasks->len, ==, 3);
  g_assert_cmpint (((CrmActivityRecord *) tasks->pdata[0])->id, ==, late);
  g_assert_cmpint (((CrmActivityRecord *) tasks->pdata[1])->id, ==, soon);
  g_assert_cmpint (((CrmActivityRecord *) tasks->pdata[2])->id, ==, same_time);
  g_clear_pointer (&tasks, g_ptr_array_unref);

  tasks = crm_store_list_open_tasks (fixture->store, NOW, G_MAXINT64, 1, &error);
  g_assert_cmpuint (tasks->len, ==, 1);
  g_assert_cmpint (((CrmActivityRecord *) tasks->pdata[0])->id, ==, soon);
  g_assert_cmpint (crm_store_count_open_tasks (fixture->store, G_MININT64, G_MAXINT64, &error), ==,
                   4);
  g_assert_cmpint (crm_store_count_open_tasks (fixture->store, NOW - 2 * HOUR, NOW + HOUR, &error),
                   ==, 1);
}

/* The model holds the range's open tasks in order and follows inserts, edits, moves in and
 * out of the range, completion, deletion, and the deletion of a task's contact, each with
 * one exact signal (a move within the range: out, then in). */
static void
test_model_follows_changes (Fixture *fixture, gconstpointer data)
{
  g_autoptr (CrmTaskListModel) model = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (CrmActivityRecord) record = NULL;
  gint64 late = add_task (fixture, "Late", NOW - 2 * HOUR);
  gint64 soon = add_task (fixture, "Soon", NOW + HOUR);
  gint64 tomorrow = add_task (fixture, "Tomorrow", NOW + 30 * HOUR);
  gint64 babbage, note;

  model = crm_task_list_model_new (fixture->repository, G_MININT64, NOW + 24 * HOUR);
  g_signal_connect (model, "items-changed", G_CALLBACK (on_items_changed), fixture);
  assert_subjects (model, "Late Soon");
  g_assert_cmpint (crm_task_list_model_find (model, soon), ==, 1);
  g_assert_cmpint (crm_task_list_model_find (model, tomorrow), ==, -1);

  /* New, between the two. */
  add_task (fixture, "Now", NOW);
  assert_subjects (model, "Late Now Soon");
  assert_changes (fixture, "1:0:1");

  /* Renamed in place. */
  record = crm_store_get_activity (fixture->store, soon, &error);
  g_free (record->subject);
  record->subject = g_strdup ("Sooner");
  g_assert_true (crm_store_update_activity (fixture->store, record, &error));
  assert_subjects (model, "Late Now Sooner");
  assert_changes (fixture, "2:1:1");

  /* Moved before the others. */
  record->due_at = NOW - 3 * HOUR;
  g_assert_true (crm_store_update_activity (fixture->store, record, &error));
  assert_subjects (model, "Sooner Late Now");
  assert_changes (fixture, "2:1:0 0:0:1");
  g_clear_pointer (&record, crm_activity_record_free);

  /* Tomorrow's task moved to today comes in; Late moved to tomorrow goes. */
  record = crm_store_get_activity (fixture->store, tomorrow, &error);
  record->due_at = NOW + 2 * HOUR;
  g_assert_true (crm_store_update_activity (fixture->store, record, &error));
  g_clear_pointer (&record, crm_activity_record_free);
  record = crm_store_get_activity (fixture->store, late, &error);
  record->due_at = NOW + 26 * HOUR;
  g_assert_true (crm_store_update_activity (fixture->store, record, &error));
  g_clear_pointer (&record, crm_activity_record_free);
  assert_subjects (model, "Sooner Now Tomorrow");
  assert_changes (fixture, "3:0:1 1:1:0");

  /* Done: gone; open again: back. */
  g_assert_true (crm_tasks_set_done (fixture->store, soon, TRUE, &error));
  assert_subjects (model, "Now Tomorrow");
  assert_changes (fixture, "0:1:0");
  record = crm_store_get_activity (fixture->store, soon, &error);
  g_assert_true (record->done);
  g_assert_cmpint (record->done_at, >, 0);
  g_clear_pointer (&record, crm_activity_record_free);
  g_assert_true (crm_tasks_set_done (fixture->store, soon, FALSE, &error));
  assert_subjects (model, "Sooner Now Tomorrow");
  assert_changes (fixture, "0:0:1");

  /* A note is no task. */
  note = add_activity (fixture, CRM_ACTIVITY_NOTE, "Note", fixture->contact_id, NOW, FALSE);
  g_assert_false (crm_tasks_set_done (fixture->store, note, TRUE, &error));
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID);
  g_clear_error (&error);
  assert_changes (fixture, "");

  /* Deleted; and a contact deleted takes its tasks along. */
  g_assert_true (crm_store_delete_activity (fixture->store, soon, &error));
  assert_changes (fixture, "0:1:0");
  babbage = add_activity (fixture, CRM_ACTIVITY_TASK, "Babbage's", fixture->other_contact_id,
                          NOW + 3 * HOUR, FALSE);
  assert_subjects (model, "Now Tomorrow Babbage's");
  g_string_truncate (fixture->changes, 0);
  g_assert_true (crm_store_delete_contact (fixture->store, fixture->contact_id, &error));
  g_assert_no_error (error);
  assert_subjects (model, "Babbage's");
  g_assert_cmpint (crm_task_list_model_find (model, babbage), ==, 0);

  /* Another range: read again. */
  crm_task_list_model_set_range (model, NOW + 3 * HOUR + 1, G_MAXINT64);
  assert_subjects (model, "");
  g_assert_cmpint (crm_task_list_model_get_due_from (model), ==, NOW + 3 * HOUR + 1);
}

/* Completing a task is one undoable step, named after it; undoing brings it back to the
 * model. */
static void
test_complete_undoable (Fixture *fixture, gconstpointer data)
{
  g_autoptr (CrmUndoManager) undo = crm_undo_manager_new (fixture->store);
  g_autoptr (CrmTaskListModel) model = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *label = NULL;
  gint64 task = add_task (fixture, "Send the offer", NOW);

  model = crm_task_list_model_new (fixture->repository, G_MININT64, G_MAXINT64);
  g_assert_true (crm_tasks_complete (undo, task, &label, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (label, ==, "Completed “Send the offer”");
  g_assert_cmpstr (crm_undo_manager_get_undo_label (undo), ==, label);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 0);

  g_assert_true (crm_undo_manager_undo (undo, &error));
  g_assert_no_error (error);
  assert_subjects (model, "Send the offer");
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define TEST_F(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  TEST_F ("/tasks/store/open-tasks", test_store_open_tasks);
  TEST_F ("/tasks/model/follows-changes", test_model_follows_changes);
  TEST_F ("/tasks/complete/undoable", test_complete_undoable);
#undef TEST_F

  return g_test_run ();
}

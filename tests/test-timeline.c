/* test-timeline.c — the timeline of a contact, a company and a deal (activities, deal stage
 * changes and feedback answers, newest first), read a page at a time, against a plain SQL
 * reference, with many entries of all three kinds at the same second; the timeline model
 * following writes; logging activities and the contact's last contact, with undo. */
#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "crm-contact-actions.h"
#include "crm-test-util.h"
#include "crm-timeline-model.h"

#define DAY (24 * 60 * 60)
/* A fixed past: every time below is before the real now. */
#define T0 ((gint64) 1600000000)

typedef struct
{
  char *folder;
  char *path;
  CrmStore *store;
  GArray *stage_ids;
  gint64 company;
  gint64 alice; /* at the company */
  gint64 bob;   /* at the company */
  gint64 carol; /* elsewhere */
  gint64 deal_alice;
  gint64 deal_company; /* the company's, no contact */
  gint64 deal_bob;
} Fixture;

static void
fixture_set_up (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  fixture->folder = g_dir_make_tmp ("rapport-timeline-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->folder, "rapport.db", NULL);
  fixture->store = crm_store_open (fixture->path, &error);
  g_assert_no_error (error);
  fixture->stage_ids = crm_test_list_default_stage_ids (fixture->store);
}

static void
fixture_tear_down (Fixture *fixture, gconstpointer data)
{
  g_clear_object (&fixture->store);
  crm_test_remove_tree (fixture->folder);
  g_free (fixture->folder);
  g_free (fixture->path);
  g_array_unref (fixture->stage_ids);
}

static gint64
stage (Fixture *fixture, guint index)
{
  return g_array_index (fixture->stage_ids, gint64, index);
}

static gint64
add_contact (Fixture *fixture, const char *name, gint64 company_id)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CrmContactRecord) contact = crm_contact_record_new ();

  contact->name = g_strdup (name);
  contact->company_id = company_id;
  g_assert_true (crm_store_insert_contact (fixture->store, contact, &error));
  g_assert_no_error (error);
  return contact->id;
}

static gint64
add_deal (Fixture *fixture, const char *title, gint64 contact_id, gint64 company_id, gint64 when)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CrmDealRecord) deal = crm_deal_record_new ();

  deal->title = g_strdup (title);
  deal->contact_id = contact_id;
  deal->company_id = company_id;
  deal->currency = g_strdup ("EUR");
  deal->value_minor = 100000;
  deal->stage_id = stage (fixture, 0);
  deal->created_at = when;
  deal->stage_entered_at = when;
  g_assert_true (crm_store_insert_deal (fixture->store, deal, &error));
  g_assert_no_error (error);
  return deal->id;
}

static gint64
add_activity (Fixture *fixture,
              CrmActivityKind kind,
              const char *subject,
              gint64 contact_id,
              gint64 deal_id,
              gint64 when)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CrmActivityRecord) activity = crm_activity_record_new ();

  activity->kind = kind;
  activity->subject = g_strdup (subject);
  activity->contact_id = contact_id;
  activity->deal_id = deal_id;
  activity->occurred_at = when;
  g_assert_true (crm_store_insert_activity (fixture->store, activity, &error));
  g_assert_no_error (error);
  return activity->id;
}

static void
add_feedback (Fixture *fixture, gint64 contact_id, int score, gint64 when)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CrmFeedbackRecord) feedback = crm_feedback_record_new ();

  feedback->contact_id = contact_id;
  feedback->kind = CRM_FEEDBACK_NPS;
  feedback->score = score;
  feedback->answered_at = when;
  g_assert_true (crm_store_insert_feedback (fixture->store, feedback, &error));
  g_assert_no_error (error);
}

static void
move (Fixture *fixture, gint64 deal_id, guint stage_index, gint64 when)
{
  g_autoptr (GError) error = NULL;

  g_assert_true (crm_store_move_deal_at (fixture->store, deal_id, stage (fixture, stage_index), -1,
                                         when, &error));
  g_assert_no_error (error);
}

/* Three people (two at the company), three deals, and many entries of every kind on a few
 * seconds only, so that pages end between entries of the same second. */
static void
seed (Fixture *fixture)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CrmCompanyRecord) company = crm_company_record_new ();
  static const gint64 times[] = { T0, T0 + 60, T0 + 60, T0 + 3600, T0 + DAY };

  company->name = g_strdup ("Initech");
  g_assert_true (crm_store_insert_company (fixture->store, company, &error));
  fixture->company = company->id;
  fixture->alice = add_contact (fixture, "Alice", company->id);
  fixture->bob = add_contact (fixture, "Bob", company->id);
  fixture->carol = add_contact (fixture, "Carol", 0);
  fixture->deal_alice = add_deal (fixture, "Alice's deal", fixture->alice, 0, T0);
  fixture->deal_company = add_deal (fixture, "Company deal", 0, company->id, T0 + 60);
  fixture->deal_bob = add_deal (fixture, "Bob's deal", fixture->bob, company->id, T0 + 60);

  for (guint round = 0; round < 4; round++)
    for (guint i = 0; i < G_N_ELEMENTS (times); i++)
      {
        gint64 when = times[i];

        add_activity (fixture, CRM_ACTIVITY_CALL, "Call", fixture->alice, 0, when);
        add_activity (fixture, CRM_ACTIVITY_NOTE, "Deal note", 0, fixture->deal_alice, when);
        /* Carol on Alice's deal: in Alice's timeline (the deal) and in Carol's. */
        add_activity (fixture, CRM_ACTIVITY_EMAIL, "Carol", fixture->carol, fixture->deal_alice,
                      when);
        add_activity (fixture, CRM_ACTIVITY_MEETING, "Bob", fixture->bob, fixture->deal_company,
                      when);
        add_activity (fixture, CRM_ACTIVITY_TASK, "Company task", 0, fixture->deal_company, when);
        add_feedback (fixture, i % 2 == 0 ? fixture->alice : fixture->bob, (int) (i + round), when);
        move (fixture, fixture->deal_alice, (round + i) % 2 == 0 ? 1 : 2, when);
        move (fixture, fixture->deal_company, (round + i) % 2 == 0 ? 2 : 3, when);
      }
  /* Another deal's move and another person's answer: in nobody's timeline here. */
  move (fixture, add_deal (fixture, "Elsewhere", fixture->carol, 0, T0), 1, T0 + 60);
  add_feedback (fixture, fixture->carol, 7, T0 + 60);
}

/* The reference: every entry of the scope by plain SQL (conditions with OR, no paging), in
 * timeline order. Rows of (time, kind, id). */
static GArray *
reference_keys (Fixture *fixture, CrmTimelineScope scope, gint64 id)
{
  static const char *const people[] = {
    [CRM_TIMELINE_SCOPE_CONTACT] = "SELECT ?1",
    [CRM_TIMELINE_SCOPE_COMPANY] = "SELECT id FROM contacts WHERE company_id = ?1",
    [CRM_TIMELINE_SCOPE_DEAL] = "SELECT NULL",
  };
  static const char *const deals[] = {
    [CRM_TIMELINE_SCOPE_CONTACT] = "SELECT id FROM deals WHERE contact_id = ?1",
    [CRM_TIMELINE_SCOPE_COMPANY]
    = "SELECT id FROM deals WHERE company_id = ?1 OR (company_id IS NULL AND contact_id IN "
      "(SELECT id FROM contacts WHERE company_id = ?1))",
    [CRM_TIMELINE_SCOPE_DEAL] = "SELECT ?1",
  };
  g_autofree char *sql = g_strdup_printf (
      "SELECT occurred_at, 0, id FROM activities WHERE contact_id IN (%s) OR deal_id IN (%s) "
      "UNION ALL SELECT changed_at, 1, id FROM deal_stage_history WHERE deal_id IN (%s) "
      "UNION ALL SELECT answered_at, 2, id FROM feedback WHERE contact_id IN (%s) "
      "ORDER BY 1 DESC, 2 DESC, 3 DESC",
      people[scope], deals[scope], deals[scope], people[scope]);
  GArray *keys = g_array_new (FALSE, FALSE, sizeof (CrmTimelineKey));
  sqlite3 *db = NULL;
  sqlite3_stmt *statement = NULL;

  g_assert_cmpint (sqlite3_open_v2 (fixture->path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &statement, NULL), ==, SQLITE_OK);
  sqlite3_bind_int64 (statement, 1, id);
  while (sqlite3_step (statement) == SQLITE_ROW)
    {
      CrmTimelineKey key = { sqlite3_column_int64 (statement, 0),
                             (CrmTimelineKind) sqlite3_column_int (statement, 1),
                             sqlite3_column_int64 (statement, 2) };
      g_array_append_val (keys, key);
    }
  sqlite3_finalize (statement);
  sqlite3_close (db);
  return keys;
}

static void
assert_pages_match (Fixture *fixture, CrmTimelineScope scope, gint64 id, guint page_size)
{
  g_autoptr (GArray) expected = reference_keys (fixture, scope, id);
  guint n_read = 0;
  CrmTimelineKey after;
  gboolean first = TRUE;

  g_assert_cmpuint (expected->len, >, 10);
  for (;;)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (GPtrArray) page = crm_store_fetch_timeline (
          fixture->store, scope, id, first ? NULL : &after, page_size, &error);

      g_assert_no_error (error);
      g_assert_cmpuint (page->len, <=, page_size);
      for (guint i = 0; i < page->len; i++)
        {
          const CrmTimelineEntry *entry = page->pdata[i];
          const CrmTimelineKey *want = &g_array_index (expected, CrmTimelineKey, n_read + i);

          g_assert_cmpuint (n_read + i, <, expected->len);
          g_assert_cmpint (entry->key.time, ==, want->time);
          g_assert_cmpint (entry->key.kind, ==, want->kind);
          g_assert_cmpint (entry->key.id, ==, want->id);
        }
      n_read += page->len;
      if (page->len < page_size)
        break;
      after = ((CrmTimelineEntry *) page->pdata[page->len - 1])->key;
      first = FALSE;
    }
  g_assert_cmpuint (n_read, ==, expected->len);
}

static void
test_timeline_paging (Fixture *fixture, gconstpointer data)
{
  static const guint page_sizes[] = { 1, 2, 3, 7, 25, 1000 };

  seed (fixture);
  for (guint i = 0; i < G_N_ELEMENTS (page_sizes); i++)
    {
      assert_pages_match (fixture, CRM_TIMELINE_SCOPE_CONTACT, fixture->alice, page_sizes[i]);
      assert_pages_match (fixture, CRM_TIMELINE_SCOPE_CONTACT, fixture->carol, page_sizes[i]);
      assert_pages_match (fixture, CRM_TIMELINE_SCOPE_COMPANY, fixture->company, page_sizes[i]);
      assert_pages_match (fixture, CRM_TIMELINE_SCOPE_DEAL, fixture->deal_alice, page_sizes[i]);
    }
}

/* What an entry says: the activity's kind and subject, the stages of a move, the answer. */
static void
test_timeline_entries (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) entries = NULL;
  g_autoptr (CrmStageRecord) from = NULL;
  g_autoptr (CrmStageRecord) to = NULL;
  gboolean seen_move = FALSE, seen_answer = FALSE, seen_task = FALSE;

  seed (fixture);
  from = crm_store_get_stage (fixture->store, stage (fixture, 1), &error);
  to = crm_store_get_stage (fixture->store, stage (fixture, 2), &error);
  entries = crm_store_fetch_timeline (fixture->store, CRM_TIMELINE_SCOPE_COMPANY, fixture->company,
                                      NULL, 1000, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < entries->len; i++)
    {
      const CrmTimelineEntry *entry = entries->pdata[i];

      if (entry->key.kind == CRM_TIMELINE_STAGE_CHANGE && entry->deal_id == fixture->deal_alice
          && entry->from_stage != NULL && g_str_equal (entry->from_stage, from->name))
        {
          g_assert_cmpstr (entry->to_stage, ==, to->name);
          g_assert_cmpstr (entry->deal_title, ==, "Alice's deal");
          g_assert_cmpint (entry->contact_id, ==, fixture->alice);
          g_assert_cmpstr (entry->contact_name, ==, "Alice");
          seen_move = TRUE;
        }
      if (entry->key.kind == CRM_TIMELINE_FEEDBACK && entry->contact_id == fixture->bob)
        {
          g_assert_cmpint (entry->subkind, ==, CRM_FEEDBACK_NPS);
          g_assert_cmpstr (entry->contact_name, ==, "Bob");
          seen_answer = TRUE;
        }
      if (entry->key.kind == CRM_TIMELINE_ACTIVITY && entry->subkind == CRM_ACTIVITY_TASK)
        {
          g_assert_cmpstr (entry->text, ==, "Company task");
          g_assert_cmpstr (entry->deal_title, ==, "Company deal");
          g_assert_false (entry->done);
          seen_task = TRUE;
        }
    }
  g_assert_true (seen_move && seen_answer && seen_task);
  /* A deal's creation is a move from nowhere. */
  {
    const CrmTimelineEntry *oldest = NULL;
    g_autoptr (GPtrArray) deal = crm_store_fetch_timeline (fixture->store, CRM_TIMELINE_SCOPE_DEAL,
                                                           fixture->deal_alice, NULL, 1000, &error);

    for (guint i = 0; i < deal->len; i++)
      if (((CrmTimelineEntry *) deal->pdata[i])->key.kind == CRM_TIMELINE_STAGE_CHANGE)
        oldest = deal->pdata[i];
    g_assert_nonnull (oldest);
    g_assert_null (oldest->from_stage);
  }
}

static guint n_model_changes;

static void
on_items_changed (GListModel *model, guint position, guint removed, guint added, gpointer data)
{
  n_model_changes++;
}

static const CrmTimelineEntry *
model_entry (CrmTimelineModel *model, guint position)
{
  g_autoptr (CrmTimelineItem) item = g_list_model_get_item (G_LIST_MODEL (model), position);

  g_assert_nonnull (item);
  /* The model holds the item: the entry outlives this reference. */
  return crm_timeline_item_get_entry (item);
}

/* The model reads a page at a time, says whether more follow, and follows writes: a new
 * activity at the top, a task ticked off in place. */
static void
test_timeline_model (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CrmTimelineModel) model = NULL;
  g_autoptr (GArray) expected = NULL;
  gint64 task, logged;

  seed (fixture);
  expected = reference_keys (fixture, CRM_TIMELINE_SCOPE_CONTACT, fixture->alice);
  model = crm_timeline_model_new (fixture->store, CRM_TIMELINE_SCOPE_CONTACT, fixture->alice, 7);
  g_signal_connect (model, "items-changed", G_CALLBACK (on_items_changed), NULL);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 7);
  g_assert_true (crm_timeline_model_get_has_more (model));
  while (crm_timeline_model_load_more (model))
    ;
  g_assert_false (crm_timeline_model_get_has_more (model));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, expected->len);
  for (guint i = 0; i < expected->len; i++)
    g_assert_cmpint (model_entry (model, i)->key.id, ==,
                     g_array_index (expected, CrmTimelineKey, i).id);

  /* A call logged now: the first item, after the store's signals are handled. */
  n_model_changes = 0;
  {
    g_autoptr (CrmActivityRecord) activity = crm_activity_record_new ();

    activity->kind = CRM_ACTIVITY_CALL;
    activity->subject = g_strdup ("Follow-up");
    activity->contact_id = fixture->alice;
    g_assert_true (crm_store_log_activity (fixture->store, activity, &error));
    g_assert_no_error (error);
    logged = activity->id;
  }
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpuint (n_model_changes, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, expected->len + 1);
  g_assert_cmpint (model_entry (model, 0)->key.id, ==, logged);
  g_assert_cmpstr (model_entry (model, 0)->text, ==, "Follow-up");

  /* A task ticked off: its item is replaced where it is. */
  task = add_activity (fixture, CRM_ACTIVITY_TASK, "Send offer", fixture->alice, 0, T0 - DAY);
  crm_timeline_model_refresh (model);
  g_assert_cmpint (model_entry (model, expected->len + 1)->key.id, ==, task);
  g_assert_false (model_entry (model, expected->len + 1)->done);
  n_model_changes = 0;
  g_assert_true (crm_store_set_activity_done (fixture->store, task, TRUE, &error));
  crm_timeline_model_refresh (model);
  g_assert_cmpuint (n_model_changes, ==, 1);
  g_assert_true (model_entry (model, expected->len + 1)->done);
}

static gint64
last_contacted (Fixture *fixture, gint64 contact_id)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CrmContactRecord) contact = crm_store_get_contact (fixture->store, contact_id, &error);

  g_assert_no_error (error);
  return contact->last_contacted_at;
}

static gint64
log_activity (CrmUndoManager *undo, CrmActivityKind kind, gint64 contact_id, gint64 when)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CrmActivityRecord) activity = crm_activity_record_new ();
  gint64 id;

  activity->kind = kind;
  activity->subject = g_strdup ("Logged");
  activity->contact_id = contact_id;
  activity->occurred_at = when;
  id = crm_contact_actions_log_activity (undo, NULL, activity, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

/* A call that happened moves the last contact forward; a meeting planned in the future, an
 * older call and a note do not; undo of a logged call puts the last contact back. */
static void
test_log_activity_last_contacted (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CrmUndoManager) undo = crm_undo_manager_new (fixture->store);
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  gint64 alice = add_contact (fixture, "Alice", 0);
  gint64 call, second_call;

  g_assert_cmpint (last_contacted (fixture, alice), ==, 0);
  call = log_activity (undo, CRM_ACTIVITY_CALL, alice, now - 3600);
  g_assert_cmpint (last_contacted (fixture, alice), ==, now - 3600);

  log_activity (undo, CRM_ACTIVITY_MEETING, alice, now + 7 * DAY);
  g_assert_cmpint (last_contacted (fixture, alice), ==, now - 3600);
  log_activity (undo, CRM_ACTIVITY_CALL, alice, now - 10 * DAY);
  g_assert_cmpint (last_contacted (fixture, alice), ==, now - 3600);
  log_activity (undo, CRM_ACTIVITY_NOTE, alice, now - 60);
  g_assert_cmpint (last_contacted (fixture, alice), ==, now - 3600);
  second_call = log_activity (undo, CRM_ACTIVITY_EMAIL, alice, now - 120);
  g_assert_cmpint (last_contacted (fixture, alice), ==, now - 120);

  /* Undo the e-mail: the call's time again, and the e-mail is gone. */
  g_assert_true (crm_undo_manager_undo (undo, &error));
  g_assert_no_error (error);
  g_assert_cmpint (last_contacted (fixture, alice), ==, now - 3600);
  g_assert_null (crm_store_get_activity (fixture->store, second_call, NULL));
  /* Undo the note, the older call, the meeting, then the first call: never contacted. */
  for (guint i = 0; i < 4; i++)
    g_assert_true (crm_undo_manager_undo (undo, &error));
  g_assert_cmpint (last_contacted (fixture, alice), ==, 0);
  g_assert_null (crm_store_get_activity (fixture->store, call, NULL));
  g_assert_cmpint (crm_store_count (fixture->store, CRM_ENTITY_ACTIVITY, NULL), ==, 0);
}

/* A task done and not done again, each undoable; tags by name, made once. */
static void
test_task_done_and_tags (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CrmUndoManager) undo = crm_undo_manager_new (fixture->store);
  g_autoptr (CrmActivityRecord) task = NULL;
  g_autoptr (GArray) tags = NULL;
  gint64 alice = add_contact (fixture, "Alice", 0);
  gint64 task_id = add_activity (fixture, CRM_ACTIVITY_TASK, "Send offer", alice, 0, T0);

  g_assert_true (crm_contact_actions_set_done (undo, task_id, TRUE, &error));
  g_assert_no_error (error);
  task = crm_store_get_activity (fixture->store, task_id, &error);
  g_assert_true (task->done);
  g_assert_cmpint (task->done_at, >, 0);
  g_clear_pointer (&task, crm_activity_record_free);
  g_assert_true (crm_undo_manager_undo (undo, &error));
  task = crm_store_get_activity (fixture->store, task_id, &error);
  g_assert_false (task->done);
  g_assert_cmpint (task->done_at, ==, 0);

  g_assert_true (crm_contact_actions_add_tag (undo, alice, "  AT&T <Sales> \"Intl\" ", &error));
  g_assert_no_error (error);
  g_assert_true (crm_contact_actions_add_tag (undo, alice, "at&t <sales> \"intl\"", &error));
  g_assert_cmpint (crm_store_count (fixture->store, CRM_ENTITY_TAG, NULL), ==, 1);
  tags = crm_store_list_contact_tag_ids (fixture->store, alice, &error);
  g_assert_cmpuint (tags->len, ==, 1);
  g_assert_false (crm_contact_actions_add_tag (undo, alice, "   ", &error));
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (
      crm_contact_actions_remove_tag (undo, alice, g_array_index (tags, gint64, 0), &error));
  g_clear_pointer (&tags, g_array_unref);
  tags = crm_store_list_contact_tag_ids (fixture->store, alice, &error);
  g_assert_cmpuint (tags->len, ==, 0);
  /* Undo the removal: tagged again. */
  g_assert_true (crm_undo_manager_undo (undo, &error));
  g_clear_pointer (&tags, g_array_unref);
  tags = crm_store_list_contact_tag_ids (fixture->store, alice, &error);
  g_assert_cmpuint (tags->len, ==, 1);
}

/* A company's won revenue: the won deals of the company and of its people, per currency. */
static void
test_company_won_revenue (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GArray) sums = NULL;
  g_autoptr (GPtrArray) people = NULL;
  g_autoptr (GPtrArray) deals = NULL;
  guint won = fixture->stage_ids->len - 2; /* Won, then Lost */
  gint64 usd_deal;

  seed (fixture);
  move (fixture, fixture->deal_company, won, T0 + 2 * DAY);
  move (fixture, fixture->deal_bob, won, T0 + 2 * DAY);
  move (fixture, fixture->deal_alice, fixture->stage_ids->len - 1, T0 + 2 * DAY); /* lost */
  usd_deal = add_deal (fixture, "Dollars", fixture->alice, 0, T0);
  {
    g_autoptr (CrmDealRecord) deal = crm_store_get_deal (fixture->store, usd_deal, &error);

    g_free (deal->currency);
    deal->currency = g_strdup ("USD");
    deal->value_minor = 5050;
    g_assert_true (crm_store_update_deal (fixture->store, deal, &error));
  }
  move (fixture, usd_deal, won, T0 + 2 * DAY);
  /* Carol's won deal is not the company's. */
  move (fixture, add_deal (fixture, "Carol's", fixture->carol, 0, T0), won, T0 + DAY);

  sums = crm_store_sum_won_deals_for_company (fixture->store, fixture->company, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sums->len, ==, 2);
  g_assert_cmpstr (g_array_index (sums, CrmMoneySum, 0).currency, ==, "EUR");
  g_assert_cmpint (g_array_index (sums, CrmMoneySum, 0).total_minor, ==, 200000);
  g_assert_cmpuint (g_array_index (sums, CrmMoneySum, 0).n_deals, ==, 2);
  g_assert_cmpstr (g_array_index (sums, CrmMoneySum, 1).currency, ==, "USD");
  g_assert_cmpint (g_array_index (sums, CrmMoneySum, 1).total_minor, ==, 5050);

  people = crm_store_list_contacts_of_company (fixture->store, fixture->company, &error);
  g_assert_cmpuint (people->len, ==, 2);
  deals = crm_store_list_deals_for_company (fixture->store, fixture->company, &error);
  g_assert_cmpuint (deals->len, ==, 4); /* its own, Bob's, Alice's two */
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD_TEST(path, func)                                                                       \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD_TEST ("/timeline/paging", test_timeline_paging);
  ADD_TEST ("/timeline/entries", test_timeline_entries);
  ADD_TEST ("/timeline/model", test_timeline_model);
  ADD_TEST ("/timeline/log-activity-last-contacted", test_log_activity_last_contacted);
  ADD_TEST ("/timeline/task-done-and-tags", test_task_done_and_tags);
  ADD_TEST ("/timeline/company-won-revenue", test_company_won_revenue);
#undef ADD_TEST

  return g_test_run ();
}

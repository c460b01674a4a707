/* test-merge.c — merging duplicate contacts: everything of the other contact moves to the kept
 * one (activities, deals, feedback, the union of tags, lifecycle history, both notes), the
 * other is gone, and undo brings every row of every related table back exactly (ids, uuids,
 * every column), lifecycle history included. Bad merges fail and write nothing. */
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>

#include "crm-contact-merge.h"
#include "crm-test-util.h"
#include "crm-undo-manager.h"

/* Times in the past, so that anything a write dates "now" differs from them. */
#define PAST ((gint64) 1700000000)
#define DAY ((gint64) 86400)

enum
{
  STAGE_INITIAL,
  STAGE_QUALIFICATION,
  STAGE_NEEDS,
  STAGE_PROPOSAL,
  STAGE_NEGOTIATION,
  STAGE_WON,
  STAGE_LOST,
};

typedef struct
{
  char *folder;
  CrmStore *store;
  CrmUndoManager *undo;
  GArray *stage_ids;
  gint64 tags[3];
  gint64 sources[2];
  /* Two people: A (captured first) and B, each with everything that can hang off a contact. */
  gint64 a, b;
  GArray *b_activities, *b_deals, *b_feedback;
} Fixture;

#define STAGE(fixture, i) g_array_index ((fixture)->stage_ids, gint64, (i))

/* ---- Making rows --------------------------------------------------------------------------- */

static gint64
make_contact (Fixture *fixture,
              const char *name,
              const char *email,
              const char *notes,
              gint64 source_id,
              gint64 captured_at)
{
  g_autoptr (CrmContactRecord) contact = crm_contact_record_new ();
  g_autoptr (GError) error = NULL;

  contact->name = g_strdup (name);
  contact->email = g_strdup (email);
  contact->notes = g_strdup (notes);
  contact->source_id = source_id;
  contact->score = 10;
  contact->created_at = contact->updated_at = contact->captured_at = captured_at;
  g_assert_true (crm_store_insert_contact (fixture->store, contact, &error));
  g_assert_no_error (error);
  return contact->id;
}

/* A lifecycle change dated @when: a history row written by the trigger. */
static void
change_lifecycle (Fixture *fixture, gint64 contact_id, CrmLifecycleStage stage, gint64 when)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CrmContactRecord) contact = crm_store_get_contact (fixture->store, contact_id, &error);

  g_assert_no_error (error);
  contact->lifecycle = stage;
  contact->updated_at = when;
  g_assert_true (crm_store_update_contact (fixture->store, contact, &error));
  g_assert_no_error (error);
}

static gint64
make_activity (Fixture *fixture, gint64 contact_id, gint64 deal_id, const char *subject)
{
  g_autoptr (CrmActivityRecord) activity = crm_activity_record_new ();
  g_autoptr (GError) error = NULL;

  activity->kind = CRM_ACTIVITY_MEETING;
  activity->subject = g_strdup (subject);
  activity->contact_id = contact_id;
  activity->deal_id = deal_id;
  activity->occurred_at = activity->created_at = activity->updated_at = PAST + 5 * DAY;
  g_assert_true (crm_store_insert_activity (fixture->store, activity, &error));
  g_assert_no_error (error);
  return activity->id;
}

static gint64
make_deal (Fixture *fixture, gint64 contact_id, const char *title, int stage)
{
  g_autoptr (CrmDealRecord) deal = crm_deal_record_new ();
  g_autoptr (GError) error = NULL;

  deal->title = g_strdup (title);
  deal->currency = g_strdup ("EUR");
  deal->value_minor = 500000;
  deal->stage_id = STAGE (fixture, stage);
  deal->contact_id = contact_id;
  deal->created_at = deal->updated_at = deal->stage_entered_at = PAST + DAY;
  g_assert_true (crm_store_insert_deal (fixture->store, deal, &error));
  g_assert_no_error (error);
  return deal->id;
}

static gint64
make_feedback (Fixture *fixture, gint64 contact_id, int score)
{
  g_autoptr (CrmFeedbackRecord) answer = crm_feedback_record_new ();
  g_autoptr (GError) error = NULL;

  answer->contact_id = contact_id;
  answer->kind = CRM_FEEDBACK_NPS;
  answer->score = score;
  answer->comment = g_strdup ("Fine");
  answer->answered_at = PAST + 9 * DAY;
  g_assert_true (crm_store_insert_feedback (fixture->store, answer, &error));
  g_assert_no_error (error);
  return answer->id;
}

static gint64
make_named (Fixture *fixture, CrmEntity entity, const char *name)
{
  g_autoptr (GError) error = NULL;
  gint64 id;

  if (entity == CRM_ENTITY_TAG)
    {
      g_autoptr (CrmTagRecord) tag = crm_tag_record_new ();
      tag->name = g_strdup (name);
      g_assert_true (crm_store_insert_tag (fixture->store, tag, &error));
      id = tag->id;
    }
  else
    {
      g_autoptr (CrmLeadSourceRecord) source = crm_lead_source_record_new ();
      source->name = g_strdup (name);
      g_assert_true (crm_store_insert_lead_source (fixture->store, source, &error));
      id = source->id;
    }
  g_assert_no_error (error);
  return id;
}

static void
tag (Fixture *fixture, gint64 contact_id, gint64 tag_id)
{
  g_autoptr (GError) error = NULL;

  g_assert_true (crm_store_add_contact_tag (fixture->store, contact_id, tag_id, &error));
  g_assert_no_error (error);
}

static void
append_id (GArray *ids, gint64 id)
{
  g_array_append_val (ids, id);
}

static void
fixture_set_up (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = NULL;

  fixture->folder = g_dir_make_tmp ("rapport-merge-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (fixture->folder, "rapport.db", NULL);
  fixture->store = crm_store_open (path, &error);
  g_assert_no_error (error);
  fixture->undo = crm_undo_manager_new (fixture->store);
  fixture->stage_ids = crm_test_list_default_stage_ids (fixture->store);
  fixture->b_activities = g_array_new (FALSE, FALSE, sizeof (gint64));
  fixture->b_deals = g_array_new (FALSE, FALSE, sizeof (gint64));
  fixture->b_feedback = g_array_new (FALSE, FALSE, sizeof (gint64));

  fixture->tags[0] = make_named (fixture, CRM_ENTITY_TAG, "vip");
  fixture->tags[1] = make_named (fixture, CRM_ENTITY_TAG, "newsletter");
  fixture->tags[2] = make_named (fixture, CRM_ENTITY_TAG, "trade fair");
  fixture->sources[0] = make_named (fixture, CRM_ENTITY_LEAD_SOURCE, "Merge test fair");
  fixture->sources[1] = make_named (fixture, CRM_ENTITY_LEAD_SOURCE, "Merge test referral");

  /* A: captured first, a lead that became qualified; 2 activities, 1 deal, 1 answer, tags
   * vip and newsletter. */
  fixture->a
      = make_contact (fixture, "Ada Lovelace", "ada@example.com", "Met at the fair.", 0, PAST);
  change_lifecycle (fixture, fixture->a, CRM_LIFECYCLE_QUALIFIED, PAST + 2 * DAY);
  make_activity (fixture, fixture->a, 0, "First call");
  make_activity (fixture, fixture->a, 0, "Second call");
  make_deal (fixture, fixture->a, "Engines", STAGE_PROPOSAL);
  make_feedback (fixture, fixture->a, 9);
  tag (fixture, fixture->a, fixture->tags[0]);
  tag (fixture, fixture->a, fixture->tags[1]);

  /* B: the same person entered again later, further along; 3 activities (one on a deal),
   * 2 deals, 2 answers, tags newsletter (shared) and trade fair. */
  fixture->b = make_contact (fixture, "Ada King", NULL, "Prefers e-mail.", fixture->sources[1],
                             PAST + 3 * DAY);
  change_lifecycle (fixture, fixture->b, CRM_LIFECYCLE_QUALIFIED, PAST + 4 * DAY);
  change_lifecycle (fixture, fixture->b, CRM_LIFECYCLE_OPPORTUNITY, PAST + 6 * DAY);
  append_id (fixture->b_deals, make_deal (fixture, fixture->b, "Analytical", STAGE_NEEDS));
  append_id (fixture->b_deals, make_deal (fixture, fixture->b, "Difference", STAGE_WON));
  append_id (fixture->b_activities, make_activity (fixture, fixture->b, 0, "Lunch"));
  append_id (fixture->b_activities, make_activity (fixture, fixture->b, 0, "Demo"));
  append_id (fixture->b_activities,
             make_activity (fixture, fixture->b, g_array_index (fixture->b_deals, gint64, 0),
                            "Proposal meeting"));
  append_id (fixture->b_feedback, make_feedback (fixture, fixture->b, 10));
  append_id (fixture->b_feedback, make_feedback (fixture, fixture->b, 7));
  tag (fixture, fixture->b, fixture->tags[1]);
  tag (fixture, fixture->b, fixture->tags[2]);

  /* Someone else, who must not be touched. */
  make_activity (fixture,
                 make_contact (fixture, "Charles Babbage", "cb@example.com", NULL, 0, PAST), 0,
                 "Unrelated");
}

static void
fixture_tear_down (Fixture *fixture, gconstpointer data)
{
  g_clear_object (&fixture->undo);
  g_clear_object (&fixture->store);
  crm_test_remove_tree (fixture->folder);
  g_free (fixture->folder);
  g_array_unref (fixture->stage_ids);
  g_array_unref (fixture->b_activities);
  g_array_unref (fixture->b_deals);
  g_array_unref (fixture->b_feedback);
}

#define TEST_F(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

/* ---- Reading rows back ------------------------------------------------------------------- */

/* Every row and column of the tables a merge touches, as text, read on a connection of its
 * own (so nothing of the store's own reading can hide a difference). */
static char *
dump_related_tables (Fixture *fixture)
{
  static const char *const queries[] = {
    "SELECT * FROM contacts ORDER BY id",
    "SELECT * FROM contact_tags ORDER BY contact_id, tag_id",
    "SELECT * FROM activities ORDER BY id",
    "SELECT * FROM deals ORDER BY id",
    "SELECT * FROM feedback ORDER BY id",
    "SELECT * FROM contact_lifecycle_history ORDER BY id",
    "SELECT * FROM deal_stage_history ORDER BY id",
  };
  GString *dump = g_string_new (NULL);
  sqlite3 *db = NULL;

  g_assert_cmpint (
      sqlite3_open_v2 (crm_store_get_path (fixture->store), &db, SQLITE_OPEN_READONLY, NULL), ==,
      SQLITE_OK);
  for (guint q = 0; q < G_N_ELEMENTS (queries); q++)
    {
      sqlite3_stmt *statement = NULL;

      g_assert_cmpint (sqlite3_prepare_v2 (db, queries[q], -1, &statement, NULL), ==, SQLITE_OK);
      g_string_append_printf (dump, "== %s\n", queries[q]);
      while (sqlite3_step (statement) == SQLITE_ROW)
        {
          for (int c = 0; c < sqlite3_column_count (statement); c++)
            {
              const unsigned char *text = sqlite3_column_text (statement, c);
              g_string_append_printf (dump, "%s%s=%s", c > 0 ? "|" : "",
                                      sqlite3_column_name (statement, c),
                                      text != NULL ? (const char *) text : "NULL");
            }
          g_string_append_c (dump, '\n');
        }
      sqlite3_finalize (statement);
    }
  sqlite3_close (db);
  return g_string_free (dump, FALSE);
}

static gint64
count_where (Fixture *fixture, const char *sql, gint64 value)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *statement = NULL;
  gint64 count;

  g_assert_cmpint (
      sqlite3_open_v2 (crm_store_get_path (fixture->store), &db, SQLITE_OPEN_READONLY, NULL), ==,
      SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &statement, NULL), ==, SQLITE_OK);
  sqlite3_bind_int64 (statement, 1, value);
  g_assert_cmpint (sqlite3_step (statement), ==, SQLITE_ROW);
  count = sqlite3_column_int64 (statement, 0);
  sqlite3_finalize (statement);
  sqlite3_close (db);
  return count;
}

static CrmContactLinks
links_of (Fixture *fixture, gint64 contact_id)
{
  g_autoptr (GError) error = NULL;
  CrmContactLinks links;

  g_assert_true (crm_store_count_contact_links (fixture->store, contact_id, &links, &error));
  g_assert_no_error (error);
  return links;
}

static CrmContactRecord *
get_contact (Fixture *fixture, gint64 id)
{
  g_autoptr (GError) error = NULL;
  CrmContactRecord *contact = crm_store_get_contact (fixture->store, id, &error);

  g_assert_no_error (error);
  return contact;
}

static CrmContactRecord *
proposed_merge (Fixture *fixture, CrmContactMergePlan *plan)
{
  g_autoptr (CrmContactRecord) a = get_contact (fixture, fixture->a);
  g_autoptr (CrmContactRecord) b = get_contact (fixture, fixture->b);

  crm_contact_merge_propose (a, b, plan);
  return crm_contact_merge_build (a, b, plan);
}

/* ---- The merge ------------------------------------------------------------------------------ */

/* After merging B into A, everything of both belongs to A and nothing of B is left. */
static void
assert_merged (Fixture *fixture, CrmContactLinks a_before, CrmContactLinks b_before)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CrmContactRecord) gone = crm_store_get_contact (fixture->store, fixture->b, &error);
  g_autoptr (CrmContactRecord) kept = get_contact (fixture, fixture->a);
  g_autoptr (GArray) tag_ids = NULL;
  CrmContactLinks a_after = links_of (fixture, fixture->a);
  CrmContactLinks b_after = links_of (fixture, fixture->b);

  g_assert_null (gone);
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_cmpuint (a_after.n_activities, ==, a_before.n_activities + b_before.n_activities);
  g_assert_cmpuint (a_after.n_deals, ==, a_before.n_deals + b_before.n_deals);
  g_assert_cmpuint (a_after.n_feedback, ==, a_before.n_feedback + b_before.n_feedback);
  /* The shared tag once: vip, newsletter, trade fair. */
  g_assert_cmpuint (a_after.n_tags, ==, 3);
  tag_ids = crm_store_list_contact_tag_ids (fixture->store, fixture->a, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (tag_ids->len, ==, 3);
  for (guint i = 0; i < 3; i++)
    g_assert_cmpint (g_array_index (tag_ids, gint64, i), ==, fixture->tags[i]);
  /* Both histories, plus the kept contact's move to the further stage. */
  g_assert_cmpuint (a_after.n_lifecycle_changes, ==,
                    a_before.n_lifecycle_changes + b_before.n_lifecycle_changes + 1);
  g_assert_cmpuint (b_after.n_activities + b_after.n_deals + b_after.n_feedback + b_after.n_tags
                        + b_after.n_lifecycle_changes,
                    ==, 0);

  /* Each row of B by its id. */
  for (guint i = 0; i < fixture->b_activities->len; i++)
    {
      g_autoptr (CrmActivityRecord) activity = crm_store_get_activity (
          fixture->store, g_array_index (fixture->b_activities, gint64, i), &error);
      g_assert_no_error (error);
      g_assert_cmpint (activity->contact_id, ==, fixture->a);
    }
  for (guint i = 0; i < fixture->b_deals->len; i++)
    {
      g_autoptr (CrmDealRecord) deal = crm_store_get_deal (
          fixture->store, g_array_index (fixture->b_deals, gint64, i), &error);
      g_assert_no_error (error);
      g_assert_cmpint (deal->contact_id, ==, fixture->a);
    }
  for (guint i = 0; i < fixture->b_feedback->len; i++)
    {
      g_autoptr (CrmFeedbackRecord) answer = crm_store_get_feedback (
          fixture->store, g_array_index (fixture->b_feedback, gint64, i), &error);
      g_assert_no_error (error);
      g_assert_cmpint (answer->contact_id, ==, fixture->a);
    }

  /* The proposal's values: A's name and e-mail (B has none), B's source (A has none) and
   * the further stage, both notes. */
  g_assert_cmpstr (kept->email, ==, "ada@example.com");
  g_assert_cmpint (kept->source_id, ==, fixture->sources[1]);
  g_assert_cmpint (kept->lifecycle, ==, CRM_LIFECYCLE_OPPORTUNITY);
  g_assert_cmpint (kept->captured_at, ==, PAST);
  g_assert_nonnull (strstr (kept->notes, "Met at the fair."));
  g_assert_nonnull (strstr (kept->notes, "Prefers e-mail."));
  g_assert_cmpint (count_where (fixture, "SELECT count(*) FROM contacts WHERE id = ?1", fixture->b),
                   ==, 0);
}

static void
test_store_merge_and_revert (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *before = dump_related_tables (fixture);
  g_autofree char *after_undo = NULL;
  g_autoptr (CrmLifecycleSnapshot) snapshot = NULL;
  g_autoptr (CrmContactRecord) merged = NULL;
  CrmContactMergePlan plan;
  CrmContactLinks a_before = links_of (fixture, fixture->a);
  CrmContactLinks b_before = links_of (fixture, fixture->b);
  gint64 ids[2] = { fixture->a, fixture->b };
  gint64 first_change, last_change;

  g_assert_cmpuint (b_before.n_activities, ==, 3);
  g_assert_cmpuint (b_before.n_deals, ==, 2);
  g_assert_cmpuint (b_before.n_feedback, ==, 2);
  g_assert_cmpuint (b_before.n_lifecycle_changes, ==, 3);

  merged = proposed_merge (fixture, &plan);
  g_assert_false (plan.keep_second);
  snapshot = crm_store_save_lifecycle_history (fixture->store, ids, 2, &error);
  g_assert_no_error (error);
  first_change = crm_store_get_last_change_id (fixture->store);
  g_assert_true (crm_store_merge_contacts (fixture->store, fixture->a, fixture->b, merged, &error));
  g_assert_no_error (error);
  last_change = crm_store_get_last_change_id (fixture->store);
  assert_merged (fixture, a_before, b_before);

  /* Undo: the log's range, then the lifecycle history it does not hold, in one transaction. */
  g_assert_true (crm_store_begin (fixture->store, &error));
  g_assert_true (crm_store_revert_changes (fixture->store, first_change, last_change, &error));
  g_assert_no_error (error);
  g_assert_true (crm_store_restore_lifecycle_history (fixture->store, snapshot, &error));
  g_assert_no_error (error);
  g_assert_true (crm_store_commit (fixture->store, &error));
  g_assert_no_error (error);

  after_undo = dump_related_tables (fixture);
  g_assert_cmpstr (after_undo, ==, before);
}

/* The same through the undo stack, as the merge dialog does it: one step, one undo. */
static void
test_undo_manager_merge (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *before = dump_related_tables (fixture);
  g_autofree char *after_undo = NULL;
  g_autoptr (CrmContactRecord) merged = NULL;
  g_autoptr (CrmContactRecord) kept = NULL;
  CrmContactMergePlan plan;
  CrmContactLinks a_before = links_of (fixture, fixture->a);
  CrmContactLinks b_before = links_of (fixture, fixture->b);

  merged = proposed_merge (fixture, &plan);
  g_assert_true (crm_contact_merge_apply (fixture->undo, fixture->b, merged, &error));
  g_assert_no_error (error);
  assert_merged (fixture, a_before, b_before);
  g_assert_cmpstr (crm_undo_manager_get_undo_label (fixture->undo), ==,
                   "Merged “Ada King” into “Ada Lovelace”");
  /* The score was computed again for the merged contact (no longer the 10 both had). */
  kept = get_contact (fixture, fixture->a);
  g_assert_cmpint (kept->score, !=, 10);

  g_assert_true (crm_undo_manager_undo (fixture->undo, &error));
  g_assert_no_error (error);
  g_assert_false (crm_undo_manager_get_can_undo (fixture->undo));
  after_undo = dump_related_tables (fixture);
  g_assert_cmpstr (after_undo, ==, before);
}

static void
test_merge_with_itself_fails (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *before = dump_related_tables (fixture);
  g_autofree char *after = NULL;
  g_autoptr (CrmContactRecord) merged = get_contact (fixture, fixture->a);
  gint64 last_change = crm_store_get_last_change_id (fixture->store);

  g_assert_false (
      crm_store_merge_contacts (fixture->store, fixture->a, fixture->a, merged, &error));
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "itself"));
  g_clear_error (&error);
  g_assert_false (crm_contact_merge_apply (fixture->undo, fixture->a, merged, &error));
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID);

  g_assert_false (crm_undo_manager_get_can_undo (fixture->undo));
  g_assert_cmpint (crm_store_get_last_change_id (fixture->store), ==, last_change);
  after = dump_related_tables (fixture);
  g_assert_cmpstr (after, ==, before);
}

static void
test_merge_missing_fails (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *before = dump_related_tables (fixture);
  g_autofree char *after = NULL;
  g_autoptr (CrmContactRecord) merged = get_contact (fixture, fixture->a);
  gint64 last_change = crm_store_get_last_change_id (fixture->store);

  /* A missing other, then a missing kept contact: both refused before any write. */
  g_assert_false (crm_store_merge_contacts (fixture->store, fixture->a, 9999, merged, &error));
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "9999"));
  g_clear_error (&error);
  g_assert_false (crm_store_merge_contacts (fixture->store, 9999, fixture->b, merged, &error));
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (crm_contact_merge_apply (fixture->undo, 9999, merged, &error));
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* A value that breaks a rule halfway (an empty name) rolls back the moves already made. */
  g_clear_pointer (&merged->name, g_free);
  merged->name = g_strdup ("  ");
  g_assert_false (
      crm_store_merge_contacts (fixture->store, fixture->a, fixture->b, merged, &error));
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID);

  g_assert_false (crm_undo_manager_get_can_undo (fixture->undo));
  g_assert_cmpint (crm_store_get_last_change_id (fixture->store), ==, last_change);
  after = dump_related_tables (fixture);
  g_assert_cmpstr (after, ==, before);
}

/* ---- The proposal --------------------------------------------------------------------------- */

static void
test_proposal (void)
{
  g_autoptr (CrmContactRecord) first = crm_contact_record_new ();
  g_autoptr (CrmContactRecord) second = crm_contact_record_new ();
  g_autoptr (CrmContactRecord) merged = NULL;
  CrmContactMergePlan plan;

  first->id = 7;
  first->name = g_strdup ("Grace Hopper");
  first->email = g_strdup ("grace@example.com");
  first->phone = g_strdup ("+1 555 0100");
  first->lifecycle = CRM_LIFECYCLE_CUSTOMER;
  first->bant_budget = CRM_BANT_YES;
  first->notes = g_strdup ("Navy.");
  first->captured_at = PAST;
  first->updated_at = PAST + 10 * DAY;
  first->last_contacted_at = PAST + DAY;
  second->id = 3;
  second->name = g_strdup ("G. Hopper");
  second->phone = g_strdup ("+1 555 0199");
  second->title = g_strdup ("Rear Admiral");
  second->lifecycle = CRM_LIFECYCLE_QUALIFIED;
  second->bant_need = CRM_BANT_NO;
  second->notes = g_strdup ("COBOL.");
  second->captured_at = PAST + DAY;
  second->updated_at = PAST + 20 * DAY; /* updated last */
  second->last_contacted_at = PAST + 30 * DAY;

  crm_contact_merge_propose (first, second, &plan);
  /* Both have a name and a phone: the contact updated last wins. */
  g_assert_true (plan.from_second[CRM_MERGE_FIELD_NAME]);
  g_assert_true (plan.from_second[CRM_MERGE_FIELD_PHONE]);
  /* A value over none, whoever was updated last. */
  g_assert_false (plan.from_second[CRM_MERGE_FIELD_EMAIL]);
  g_assert_true (plan.from_second[CRM_MERGE_FIELD_TITLE]);
  g_assert_false (plan.from_second[CRM_MERGE_FIELD_BANT_BUDGET]);
  g_assert_true (plan.from_second[CRM_MERGE_FIELD_BANT_NEED]);
  /* The same (empty) value: the first. */
  g_assert_false (plan.from_second[CRM_MERGE_FIELD_COUNTRY]);
  /* The further lifecycle stage, though the other contact was updated last. */
  g_assert_false (plan.from_second[CRM_MERGE_FIELD_LIFECYCLE]);
  /* The contact captured first is kept. */
  g_assert_false (plan.keep_second);

  merged = crm_contact_merge_build (first, second, &plan);
  g_assert_cmpint (merged->id, ==, 7);
  g_assert_cmpstr (merged->name, ==, "G. Hopper");
  g_assert_cmpstr (merged->email, ==, "grace@example.com");
  g_assert_cmpstr (merged->title, ==, "Rear Admiral");
  g_assert_cmpint (merged->lifecycle, ==, CRM_LIFECYCLE_CUSTOMER);
  g_assert_cmpint (merged->bant_budget, ==, CRM_BANT_YES);
  g_assert_cmpint (merged->bant_need, ==, CRM_BANT_NO);
  g_assert_cmpstr (merged->notes, ==, "Navy.\n\nCOBOL.");
  g_assert_cmpint (merged->captured_at, ==, PAST);
  g_assert_cmpint (merged->last_contacted_at, ==, PAST + 30 * DAY);

  /* Flipping a choice takes the other value; keeping the second keeps its id. */
  plan.from_second[CRM_MERGE_FIELD_EMAIL] = TRUE;
  plan.keep_second = TRUE;
  g_clear_pointer (&merged, crm_contact_record_free);
  merged = crm_contact_merge_build (first, second, &plan);
  g_assert_cmpint (merged->id, ==, 3);
  g_assert_null (merged->email);
  g_assert_cmpstr (merged->notes, ==, "COBOL.\n\nNavy.");

  /* Captured at the same time: the lower id is kept; an unsaved entry never is. */
  second->captured_at = first->captured_at;
  crm_contact_merge_propose (first, second, &plan);
  g_assert_true (plan.keep_second);
  second->id = 0;
  crm_contact_merge_propose (first, second, &plan);
  g_assert_false (plan.keep_second);
}

static void
test_join_notes (void)
{
  g_autofree char *both = crm_store_join_contact_notes ("One", "Two");
  g_autofree char *only_other = crm_store_join_contact_notes (NULL, "Two");
  g_autofree char *only_kept = crm_store_join_contact_notes ("One", "  ");
  g_autofree char *contained = crm_store_join_contact_notes ("One\n\nTwo", "Two");
  g_autofree char *none = crm_store_join_contact_notes (" ", NULL);

  g_assert_cmpstr (both, ==, "One\n\nTwo");
  g_assert_cmpstr (only_other, ==, "Two");
  g_assert_cmpstr (only_kept, ==, "One");
  g_assert_cmpstr (contained, ==, "One\n\nTwo");
  g_assert_null (none);
}

/* The quick add's merge: values of an unsaved entry written to the existing contact; undo
 * brings it back exactly. */
static void
test_merge_entry (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *before = dump_related_tables (fixture);
  g_autofree char *after_undo = NULL;
  g_autoptr (CrmContactRecord) existing = get_contact (fixture, fixture->b);
  g_autoptr (CrmContactRecord) entry = crm_contact_record_new ();
  g_autoptr (CrmContactRecord) merged = NULL;
  g_autoptr (CrmContactRecord) stored = NULL;
  CrmContactMergePlan plan;

  entry->name = g_strdup ("Ada King");
  entry->email = g_strdup ("ada.king@example.com");
  entry->phone = g_strdup ("+44 20 7946 0000");
  entry->updated_at = g_get_real_time () / G_USEC_PER_SEC;
  crm_contact_merge_propose (existing, entry, &plan);
  g_assert_false (plan.keep_second);
  g_assert_true (plan.from_second[CRM_MERGE_FIELD_EMAIL]);
  merged = crm_contact_merge_build (existing, entry, &plan);
  g_assert_true (crm_contact_merge_apply_entry (fixture->undo, merged, &error));
  g_assert_no_error (error);

  stored = get_contact (fixture, fixture->b);
  g_assert_cmpstr (stored->email, ==, "ada.king@example.com");
  g_assert_cmpstr (stored->phone, ==, "+44 20 7946 0000");
  g_assert_cmpstr (stored->notes, ==, "Prefers e-mail.");
  g_assert_cmpint (stored->lifecycle, ==, CRM_LIFECYCLE_OPPORTUNITY);

  g_assert_true (crm_undo_manager_undo (fixture->undo, &error));
  g_assert_no_error (error);
  after_undo = dump_related_tables (fixture);
  g_assert_cmpstr (after_undo, ==, before);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  TEST_F ("/merge/store/moves-everything-and-reverts", test_store_merge_and_revert);
  TEST_F ("/merge/undo-manager/one-step-undone-exactly", test_undo_manager_merge);
  TEST_F ("/merge/refuses/itself", test_merge_with_itself_fails);
  TEST_F ("/merge/refuses/missing-or-invalid", test_merge_missing_fails);
  TEST_F ("/merge/entry/into-existing", test_merge_entry);
  g_test_add_func ("/merge/proposal", test_proposal);
  g_test_add_func ("/merge/join-notes", test_join_notes);
  return g_test_run ();
}

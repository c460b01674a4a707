/* test-undo.c — undo from the change log: crm_store_revert_changes() brings every row back
 * exactly as it was (ids, uuids, order keys, dates), and CrmUndoManager records user actions as
 * steps, undoes them newest first and refuses when newer data would be overwritten. */
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>

#include "crm-deal-list-model.h"
#include "crm-deal.h"
#include "crm-repository.h"
#include "crm-store-schema.h"
#include "crm-undo-manager.h"
#include "crm-test-util.h"

/* A time in the past, so that anything a write dates "now" differs from it. */
#define PAST ((gint64) 1700000000)

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
  CrmRepository *repository;
  CrmUndoManager *undo;
  GArray *stage_ids;
} Fixture;

static void
fixture_set_up (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = NULL;
  g_autoptr (GPtrArray) pipelines = NULL;
  g_autoptr (GPtrArray) stages = NULL;

  fixture->folder = g_dir_make_tmp ("rapport-undo-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (fixture->folder, "rapport.db", NULL);
  fixture->store = crm_store_open (path, &error);
  g_assert_no_error (error);
  fixture->repository = crm_repository_new (fixture->store);
  fixture->undo = crm_undo_manager_new (fixture->store);

  pipelines = crm_store_list_pipelines (fixture->store, &error);
  g_assert_no_error (error);
  stages = crm_store_list_stages (fixture->store, ((CrmPipelineRecord *) pipelines->pdata[0])->id,
                                  &error);
  g_assert_no_error (error);
  g_assert_cmpuint (stages->len, ==, 7);
  g_assert_cmpint (((CrmStageRecord *) stages->pdata[STAGE_WON])->kind, ==, CRM_STAGE_KIND_WON);
  g_assert_cmpint (((CrmStageRecord *) stages->pdata[STAGE_LOST])->kind, ==, CRM_STAGE_KIND_LOST);
  fixture->stage_ids = crm_test_list_default_stage_ids (fixture->store);
}

static void
fixture_tear_down (Fixture *fixture, gconstpointer data)
{
  g_clear_object (&fixture->undo);
  g_clear_object (&fixture->repository);
  g_clear_object (&fixture->store);
  crm_test_remove_tree (fixture->folder);
  g_free (fixture->folder);
  g_array_unref (fixture->stage_ids);
}

#define TEST_F(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
#define STAGE(fixture, i) g_array_index ((fixture)->stage_ids, gint64, (i))

/* ---- Rows ------------------------------------------------------------------------------- */

static gint64
make_deal (Fixture *fixture, const char *title, int stage, gint64 contact_id)
{
  g_autoptr (CrmDealRecord) deal = crm_deal_record_new ();
  g_autoptr (GError) error = NULL;

  deal->title = g_strdup (title);
  deal->currency = g_strdup ("EUR");
  deal->value_minor = 250000;
  deal->stage_id = STAGE (fixture, stage);
  deal->contact_id = contact_id;
  deal->created_at = deal->updated_at = deal->stage_entered_at = PAST;
  g_assert_true (crm_store_insert_deal (fixture->store, deal, &error));
  g_assert_no_error (error);
  return deal->id;
}

static gint64
make_contact (Fixture *fixture, const char *name)
{
  g_autoptr (CrmContactRecord) contact = crm_contact_record_new ();
  g_autoptr (GError) error = NULL;

  contact->name = g_strdup (name);
  contact->email = g_strdup ("someone@example.com");
  contact->lifecycle = CRM_LIFECYCLE_OPPORTUNITY;
  contact->score = 42;
  contact->created_at = contact->updated_at = contact->captured_at = PAST;
  g_assert_true (crm_store_insert_contact (fixture->store, contact, &error));
  g_assert_no_error (error);
  return contact->id;
}

static gint64
make_activity (Fixture *fixture, const char *subject, gint64 contact_id, gint64 deal_id)
{
  g_autoptr (CrmActivityRecord) activity = crm_activity_record_new ();
  g_autoptr (GError) error = NULL;

  activity->kind = CRM_ACTIVITY_CALL;
  activity->subject = g_strdup (subject);
  activity->contact_id = contact_id;
  activity->deal_id = deal_id;
  activity->occurred_at = activity->created_at = activity->updated_at = PAST;
  g_assert_true (crm_store_insert_activity (fixture->store, activity, &error));
  g_assert_no_error (error);
  return activity->id;
}

static gint64
make_tag (Fixture *fixture, const char *name)
{
  g_autoptr (CrmTagRecord) tag = crm_tag_record_new ();
  g_autoptr (GError) error = NULL;

  tag->name = g_strdup (name);
  tag->color = g_strdup ("#3584e4");
  g_assert_true (crm_store_insert_tag (fixture->store, tag, &error));
  g_assert_no_error (error);
  return tag->id;
}

static CrmDealRecord *
get_deal (Fixture *fixture, gint64 id)
{
  g_autoptr (GError) error = NULL;
  CrmDealRecord *deal = crm_store_get_deal (fixture->store, id, &error);

  g_assert_no_error (error);
  return deal;
}

static gboolean
deal_exists (Fixture *fixture, gint64 id)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CrmDealRecord) deal = crm_store_get_deal (fixture->store, id, &error);

  g_assert_true (deal != NULL
                 || g_error_matches (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND));
  return deal != NULL;
}

/* Every column, compared exactly (text bytewise). */
static void
assert_records_equal (CrmEntity entity, gconstpointer a, gconstpointer b)
{
  const CrmEntityInfo *info = crm_store_get_entity_info (entity);
  const CrmRecordHeader *header_a = a, *header_b = b;

  g_assert_nonnull (a);
  g_assert_nonnull (b);
  g_assert_cmpint (header_a->id, ==, header_b->id);
  g_assert_cmpstr (header_a->uuid, ==, header_b->uuid);
  for (guint i = 0; i < info->n_fields; i++)
    {
      const CrmFieldInfo *field = &info->fields[i];
      gboolean equal;

      switch (field->type)
        {
          case CRM_FIELD_TEXT:
            equal = g_strcmp0 (CRM_FIELD_MEMBER (a, field, char *),
                               CRM_FIELD_MEMBER (b, field, char *))
                    == 0;
            break;
          case CRM_FIELD_INT64:
          case CRM_FIELD_REF:
          case CRM_FIELD_TIME:
            equal = CRM_FIELD_MEMBER (a, field, gint64) == CRM_FIELD_MEMBER (b, field, gint64);
            break;
          default:
            equal = CRM_FIELD_MEMBER (a, field, int) == CRM_FIELD_MEMBER (b, field, int);
            break;
        }
      if (!equal)
        g_error ("%s.%s of row %" G_GINT64_FORMAT " differs", info->table, field->column,
                 header_a->id);
    }
}

static void
assert_record_arrays_equal (CrmEntity entity, GPtrArray *a, GPtrArray *b)
{
  g_assert_nonnull (a);
  g_assert_nonnull (b);
  g_assert_cmpuint (a->len, ==, b->len);
  for (guint i = 0; i < a->len; i++)
    assert_records_equal (entity, a->pdata[i], b->pdata[i]);
}

static void
assert_id_arrays_equal (GArray *a, GArray *b)
{
  g_assert_nonnull (a);
  g_assert_nonnull (b);
  g_assert_cmpmem (a->data, a->len * sizeof (gint64), b->data, b->len * sizeof (gint64));
}

static GArray *
deal_ids_in_stage (Fixture *fixture, int stage)
{
  g_autoptr (GError) error = NULL;
  GArray *ids = crm_store_list_deal_ids_in_stage (fixture->store, STAGE (fixture, stage), &error);

  g_assert_no_error (error);
  return ids;
}

static GPtrArray *
deal_history (Fixture *fixture, gint64 deal_id)
{
  g_autoptr (GError) error = NULL;
  GPtrArray *history = crm_store_list_deal_history (fixture->store, deal_id, &error);

  g_assert_no_error (error);
  return history;
}

/* The lifecycle history of a contact as text, read on a connection of its own (no function of
 * the store lists it: only the KPIs read it). */
static char *
lifecycle_history (Fixture *fixture, gint64 contact_id)
{
  GString *text = g_string_new (NULL);
  sqlite3 *db = NULL;
  sqlite3_stmt *statement = NULL;

  g_assert_cmpint (
      sqlite3_open_v2 (crm_store_get_path (fixture->store), &db, SQLITE_OPEN_READONLY, NULL), ==,
      SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db,
                                       "SELECT id, ifnull (from_stage, '-'), to_stage, changed_at "
                                       "FROM contact_lifecycle_history WHERE contact_id = ?1 "
                                       "ORDER BY id",
                                       -1, &statement, NULL),
                   ==, SQLITE_OK);
  sqlite3_bind_int64 (statement, 1, contact_id);
  while (sqlite3_step (statement) == SQLITE_ROW)
    g_string_append_printf (text, "%lld:%s>%s@%lld;",
                            (long long) sqlite3_column_int64 (statement, 0),
                            (const char *) sqlite3_column_text (statement, 1),
                            (const char *) sqlite3_column_text (statement, 2),
                            (long long) sqlite3_column_int64 (statement, 3));
  sqlite3_finalize (statement);
  sqlite3_close (db);
  return g_string_free (text, FALSE);
}

static gint64
count_rows (Fixture *fixture, CrmEntity entity)
{
  g_autoptr (GError) error = NULL;
  gint64 count = crm_store_count (fixture->store, entity, &error);

  g_assert_no_error (error);
  return count;
}

static void
undo_ok (Fixture *fixture)
{
  g_autoptr (GError) error = NULL;

  g_assert_true (crm_undo_manager_undo (fixture->undo, &error));
  g_assert_no_error (error);
}

/* ---- Deals on the board ------------------------------------------------------------------ */

static void
test_undo_move_between_stages (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  gint64 first = make_deal (fixture, "First", STAGE_INITIAL, 0);
  gint64 moving = make_deal (fixture, "Moving", STAGE_INITIAL, 0);
  gint64 third = make_deal (fixture, "Third", STAGE_INITIAL, 0);
  gint64 resident = make_deal (fixture, "Resident", STAGE_PROPOSAL, 0);
  g_autoptr (CrmDealRecord) before = get_deal (fixture, moving);
  g_autoptr (CrmDealRecord) after = NULL;
  g_autoptr (CrmDealRecord) undone = NULL;
  g_autoptr (GPtrArray) history_before = deal_history (fixture, moving);
  g_autoptr (GPtrArray) history_undone = NULL;
  g_autoptr (GArray) initial_before = deal_ids_in_stage (fixture, STAGE_INITIAL);
  g_autoptr (GArray) proposal_before = deal_ids_in_stage (fixture, STAGE_PROPOSAL);
  g_autoptr (GArray) initial_undone = NULL;
  g_autoptr (GArray) proposal_undone = NULL;
  gint64 n_history = count_rows (fixture, CRM_ENTITY_DEAL_STAGE_HISTORY);
  gint64 last_change;

  g_assert_cmpint (initial_before->len, ==, 3);
  g_assert_cmpint (g_array_index (initial_before, gint64, 0), ==, first);
  g_assert_cmpint (g_array_index (initial_before, gint64, 2), ==, third);
  g_assert_cmpint (g_array_index (proposal_before, gint64, 0), ==, resident);

  g_assert_true (crm_undo_manager_move_deal (fixture->undo, moving, STAGE (fixture, STAGE_PROPOSAL),
                                             0, &error));
  g_assert_no_error (error);
  after = get_deal (fixture, moving);
  g_assert_cmpint (after->stage_id, ==, STAGE (fixture, STAGE_PROPOSAL));
  g_assert_cmpint (after->stage_entered_at, >, PAST);
  g_assert_cmpint (count_rows (fixture, CRM_ENTITY_DEAL_STAGE_HISTORY), ==, n_history + 1);
  g_assert_cmpstr (crm_undo_manager_get_undo_label (fixture->undo), ==,
                   "Moved “Moving” to Proposal");

  last_change = crm_store_get_last_change_id (fixture->store);
  undo_ok (fixture);
  g_assert_false (crm_undo_manager_get_can_undo (fixture->undo));

  undone = get_deal (fixture, moving);
  assert_records_equal (CRM_ENTITY_DEAL, undone, before);
  g_assert_cmpmem (undone->position, strlen (undone->position), before->position,
                   strlen (before->position));
  g_assert_cmpint (undone->stage_entered_at, ==, PAST);
  g_assert_cmpint (undone->closed_at, ==, 0);

  /* Exactly the history row of the move is gone. */
  g_assert_cmpint (count_rows (fixture, CRM_ENTITY_DEAL_STAGE_HISTORY), ==, n_history);
  history_undone = deal_history (fixture, moving);
  assert_record_arrays_equal (CRM_ENTITY_DEAL_STAGE_HISTORY, history_undone, history_before);

  initial_undone = deal_ids_in_stage (fixture, STAGE_INITIAL);
  proposal_undone = deal_ids_in_stage (fixture, STAGE_PROPOSAL);
  assert_id_arrays_equal (initial_undone, initial_before);
  assert_id_arrays_equal (proposal_undone, proposal_before);

  /* The undo is itself in the audit trail: the deal row and the history row. */
  g_assert_cmpint (crm_store_get_last_change_id (fixture->store), ==, last_change + 2);
}

static void
test_undo_reorder_within_stage (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  gint64 a = make_deal (fixture, "A", STAGE_QUALIFICATION, 0);
  gint64 b = make_deal (fixture, "B", STAGE_QUALIFICATION, 0);
  gint64 c = make_deal (fixture, "C", STAGE_QUALIFICATION, 0);
  g_autoptr (GArray) order_before = deal_ids_in_stage (fixture, STAGE_QUALIFICATION);
  g_autoptr (GArray) order_moved = NULL;
  g_autoptr (GArray) order_undone = NULL;
  g_autoptr (CrmDealRecord) before = get_deal (fixture, c);
  g_autoptr (CrmDealRecord) undone = NULL;
  gint64 n_history = count_rows (fixture, CRM_ENTITY_DEAL_STAGE_HISTORY);

  g_assert_true (crm_undo_manager_move_deal (fixture->undo, c, STAGE (fixture, STAGE_QUALIFICATION),
                                             0, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (crm_undo_manager_get_undo_label (fixture->undo), ==,
                   "Moved “C” within Qualification");
  order_moved = deal_ids_in_stage (fixture, STAGE_QUALIFICATION);
  g_assert_cmpint (g_array_index (order_moved, gint64, 0), ==, c);
  g_assert_cmpint (g_array_index (order_moved, gint64, 1), ==, a);
  g_assert_cmpint (g_array_index (order_moved, gint64, 2), ==, b);
  g_assert_cmpint (count_rows (fixture, CRM_ENTITY_DEAL_STAGE_HISTORY), ==, n_history);

  undo_ok (fixture);
  order_undone = deal_ids_in_stage (fixture, STAGE_QUALIFICATION);
  assert_id_arrays_equal (order_undone, order_before);
  undone = get_deal (fixture, c);
  assert_records_equal (CRM_ENTITY_DEAL, undone, before);
}

static void
test_undo_won (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  gint64 deal_id = make_deal (fixture, "Closing", STAGE_NEGOTIATION, 0);
  g_autoptr (CrmDealRecord) before = get_deal (fixture, deal_id);
  g_autoptr (CrmDealRecord) won = NULL;
  g_autoptr (CrmDealRecord) undone = NULL;

  g_assert_true (
      crm_undo_manager_move_deal (fixture->undo, deal_id, STAGE (fixture, STAGE_WON), -1, &error));
  g_assert_no_error (error);
  won = get_deal (fixture, deal_id);
  g_assert_cmpint (won->closed_at, >, 0);

  undo_ok (fixture);
  undone = get_deal (fixture, deal_id);
  g_assert_cmpint (undone->closed_at, ==, 0);
  g_assert_cmpint (undone->stage_id, ==, STAGE (fixture, STAGE_NEGOTIATION));
  assert_records_equal (CRM_ENTITY_DEAL, undone, before);
}

typedef struct
{
  gint64 deal_id;
  gint64 stage_id;
  gint64 lost_reason_id;
} LoseDeal;

/* The board's "lost" action: a move to the Lost stage, then the reason. */
static gboolean
lose_deal (CrmStore *store, gpointer user_data, GError **error)
{
  const LoseDeal *lose = user_data;
  g_autoptr (CrmDealRecord) deal = NULL;

  if (!crm_store_move_deal (store, lose->deal_id, lose->stage_id, -1, error))
    return FALSE;
  deal = crm_store_get_deal (store, lose->deal_id, error);
  if (deal == NULL)
    return FALSE;
  deal->lost_reason_id = lose->lost_reason_id;
  return crm_store_update_deal (store, deal, error);
}

static void
test_undo_lost_with_reason (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) reasons = crm_store_list_lost_reasons (fixture->store, &error);
  gint64 deal_id = make_deal (fixture, "Slipping", STAGE_PROPOSAL, 0);
  g_autoptr (CrmDealRecord) before = get_deal (fixture, deal_id);
  g_autoptr (CrmDealRecord) lost = NULL;
  g_autoptr (CrmDealRecord) undone = NULL;
  g_autoptr (GPtrArray) history_before = deal_history (fixture, deal_id);
  g_autoptr (GPtrArray) history_undone = NULL;
  LoseDeal lose = { deal_id, STAGE (fixture, STAGE_LOST), 0 };

  g_assert_no_error (error);
  lose.lost_reason_id = ((CrmLostReasonRecord *) reasons->pdata[0])->id;
  g_assert_true (
      crm_undo_manager_record (fixture->undo, "Lost “Slipping”", lose_deal, &lose, &error));
  g_assert_no_error (error);
  lost = get_deal (fixture, deal_id);
  g_assert_cmpint (lost->stage_id, ==, STAGE (fixture, STAGE_LOST));
  g_assert_cmpint (lost->lost_reason_id, ==, lose.lost_reason_id);
  g_assert_cmpint (lost->closed_at, >, 0);

  undo_ok (fixture);
  undone = get_deal (fixture, deal_id);
  g_assert_cmpint (undone->lost_reason_id, ==, 0);
  g_assert_cmpint (undone->closed_at, ==, 0);
  assert_records_equal (CRM_ENTITY_DEAL, undone, before);
  history_undone = deal_history (fixture, deal_id);
  assert_record_arrays_equal (CRM_ENTITY_DEAL_STAGE_HISTORY, history_undone, history_before);
}

static void
test_undo_reopen_restores_closed_at (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  gint64 deal_id = make_deal (fixture, "Signed", STAGE_WON, 0);
  g_autoptr (CrmDealRecord) before = get_deal (fixture, deal_id);
  g_autoptr (CrmDealRecord) reopened = NULL;
  g_autoptr (CrmDealRecord) undone = NULL;

  g_assert_cmpint (before->closed_at, ==, PAST);
  g_assert_true (crm_undo_manager_move_deal (fixture->undo, deal_id,
                                             STAGE (fixture, STAGE_NEGOTIATION), 0, &error));
  g_assert_no_error (error);
  reopened = get_deal (fixture, deal_id);
  g_assert_cmpint (reopened->closed_at, ==, 0);

  undo_ok (fixture);
  undone = get_deal (fixture, deal_id);
  g_assert_cmpint (undone->closed_at, ==, PAST);
  assert_records_equal (CRM_ENTITY_DEAL, undone, before);
}

static void
test_undo_deal_delete (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  gint64 contact_id = make_contact (fixture, "Ada Lovelace");
  gint64 deal_id = make_deal (fixture, "Analytical engine", STAGE_INITIAL, contact_id);
  gint64 other_id = make_deal (fixture, "Difference engine", STAGE_INITIAL, contact_id);
  g_autoptr (CrmDealRecord) before = NULL;
  g_autoptr (CrmDealRecord) undone = NULL;
  g_autoptr (GPtrArray) history_before = NULL;
  g_autoptr (GPtrArray) activities_before = NULL;
  g_autoptr (GPtrArray) contact_activities_before = NULL;
  g_autoptr (GPtrArray) history_undone = NULL;
  g_autoptr (GPtrArray) activities_undone = NULL;
  g_autoptr (GPtrArray) contact_activities_undone = NULL;
  g_autoptr (GPtrArray) hits = NULL;
  g_autoptr (GArray) order_before = NULL;
  g_autoptr (GArray) order_undone = NULL;

  g_assert_true (
      crm_store_move_deal (fixture->store, deal_id, STAGE (fixture, STAGE_NEEDS), 0, &error));
  g_assert_true (
      crm_store_move_deal (fixture->store, other_id, STAGE (fixture, STAGE_NEEDS), -1, &error));
  make_activity (fixture, "First call", contact_id, deal_id);
  make_activity (fixture, "Demo", 0, deal_id);
  make_activity (fixture, "Other deal's call", contact_id, other_id);

  before = get_deal (fixture, deal_id);
  history_before = deal_history (fixture, deal_id);
  g_assert_cmpuint (history_before->len, ==, 2);
  activities_before = crm_store_list_activities_for_deal (fixture->store, deal_id, &error);
  g_assert_cmpuint (activities_before->len, ==, 2);
  contact_activities_before
      = crm_store_list_activities_for_contact (fixture->store, contact_id, &error);
  order_before = deal_ids_in_stage (fixture, STAGE_NEEDS);

  g_assert_true (crm_undo_manager_delete_deal (fixture->undo, deal_id, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (crm_undo_manager_get_undo_label (fixture->undo), ==,
                   "Deleted “Analytical engine”");
  g_assert_false (deal_exists (fixture, deal_id));
  {
    g_autoptr (GPtrArray) gone = crm_store_list_activities_for_deal (fixture->store, deal_id, NULL);
    g_autoptr (GPtrArray) gone_history = deal_history (fixture, deal_id);
    g_assert_cmpuint (gone->len, ==, 0);
    g_assert_cmpuint (gone_history->len, ==, 0);
  }

  undo_ok (fixture);
  undone = get_deal (fixture, deal_id);
  assert_records_equal (CRM_ENTITY_DEAL, undone, before);
  history_undone = deal_history (fixture, deal_id);
  assert_record_arrays_equal (CRM_ENTITY_DEAL_STAGE_HISTORY, history_undone, history_before);
  activities_undone = crm_store_list_activities_for_deal (fixture->store, deal_id, &error);
  assert_record_arrays_equal (CRM_ENTITY_ACTIVITY, activities_undone, activities_before);
  contact_activities_undone
      = crm_store_list_activities_for_contact (fixture->store, contact_id, &error);
  assert_record_arrays_equal (CRM_ENTITY_ACTIVITY, contact_activities_undone,
                              contact_activities_before);
  order_undone = deal_ids_in_stage (fixture, STAGE_NEEDS);
  assert_id_arrays_equal (order_undone, order_before);

  /* The search index came back with the row. */
  hits = crm_store_search (fixture->store, "analytical", 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hits->len, ==, 1);
  g_assert_cmpint (((CrmSearchHit *) hits->pdata[0])->id, ==, deal_id);
}

/* ---- Contacts and plain updates --------------------------------------------------------- */

static gboolean
delete_contact (CrmStore *store, gpointer user_data, GError **error)
{
  return crm_store_delete_contact (store, *(gint64 *) user_data, error);
}

static void
test_undo_contact_delete (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  gint64 contact_id = make_contact (fixture, "Grace Hopper");
  gint64 deal_id = make_deal (fixture, "Compiler", STAGE_PROPOSAL, contact_id);
  gint64 tag_a = make_tag (fixture, "Navy");
  gint64 tag_b = make_tag (fixture, "Speaker");
  g_autoptr (CrmFeedbackRecord) feedback = crm_feedback_record_new ();
  g_autoptr (CrmFeedbackRecord) feedback_undone = NULL;
  g_autoptr (CrmContactRecord) before = NULL;
  g_autoptr (CrmContactRecord) undone = NULL;
  g_autoptr (CrmDealRecord) deal_before = NULL;
  g_autoptr (CrmDealRecord) deal_orphaned = NULL;
  g_autoptr (CrmDealRecord) deal_undone = NULL;
  g_autoptr (GPtrArray) activities_before = NULL;
  g_autoptr (GPtrArray) activities_undone = NULL;
  g_autoptr (GArray) tags_before = NULL;
  g_autoptr (GArray) tags_undone = NULL;

  make_activity (fixture, "Met at the conference", contact_id, 0);
  make_activity (fixture, "Compiler demo", contact_id, deal_id);
  feedback->contact_id = contact_id;
  feedback->kind = CRM_FEEDBACK_NPS;
  feedback->score = 9;
  feedback->comment = g_strdup ("Very useful");
  feedback->answered_at = PAST;
  g_assert_true (crm_store_insert_feedback (fixture->store, feedback, &error));
  g_assert_true (crm_store_add_contact_tag (fixture->store, contact_id, tag_a, &error));
  g_assert_true (crm_store_add_contact_tag (fixture->store, contact_id, tag_b, &error));
  g_assert_no_error (error);

  before = crm_store_get_contact (fixture->store, contact_id, &error);
  deal_before = get_deal (fixture, deal_id);
  activities_before = crm_store_list_activities_for_contact (fixture->store, contact_id, &error);
  g_assert_cmpuint (activities_before->len, ==, 2);
  tags_before = crm_store_list_contact_tag_ids (fixture->store, contact_id, &error);
  g_assert_cmpuint (tags_before->len, ==, 2);

  g_assert_true (crm_undo_manager_record (fixture->undo, "Deleted “Grace Hopper”", delete_contact,
                                          &contact_id, &error));
  g_assert_no_error (error);
  deal_orphaned = get_deal (fixture, deal_id);
  g_assert_cmpint (deal_orphaned->contact_id, ==, 0);
  g_assert_cmpint (count_rows (fixture, CRM_ENTITY_FEEDBACK), ==, 0);
  g_assert_cmpint (count_rows (fixture, CRM_ENTITY_ACTIVITY), ==, 0);

  undo_ok (fixture);
  undone = crm_store_get_contact (fixture->store, contact_id, &error);
  g_assert_no_error (error);
  assert_records_equal (CRM_ENTITY_CONTACT, undone, before);
  deal_undone = get_deal (fixture, deal_id);
  assert_records_equal (CRM_ENTITY_DEAL, deal_undone, deal_before);
  activities_undone = crm_store_list_activities_for_contact (fixture->store, contact_id, &error);
  assert_record_arrays_equal (CRM_ENTITY_ACTIVITY, activities_undone, activities_before);
  feedback_undone = crm_store_get_feedback (fixture->store, feedback->id, &error);
  g_assert_no_error (error);
  assert_records_equal (CRM_ENTITY_FEEDBACK, feedback_undone, feedback);
  tags_undone = crm_store_list_contact_tag_ids (fixture->store, contact_id, &error);
  assert_id_arrays_equal (tags_undone, tags_before);
}

static gboolean
delete_company (CrmStore *store, gpointer user_data, GError **error)
{
  return crm_store_delete_company (store, *(gint64 *) user_data, error);
}

static gboolean
rename_company (CrmStore *store, gpointer user_data, GError **error)
{
  return crm_store_update_company (store, user_data, error);
}

/* A company deleted (its people lose it) or renamed, then undone: its people hold its name
 * again, and every column of theirs is as before. */
static void
test_undo_company_names_of_people (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CrmCompanyRecord) company = crm_company_record_new ();
  g_autoptr (CrmCompanyRecord) renamed = NULL;
  gint64 people[2] = { make_contact (fixture, "Ada"), make_contact (fixture, "Charles") };
  g_autoptr (GPtrArray) before
      = g_ptr_array_new_with_free_func ((GDestroyNotify) crm_contact_record_free);

  company->name = g_strdup ("Analytical Engines");
  g_assert_true (crm_store_insert_company (fixture->store, company, &error));
  for (guint i = 0; i < G_N_ELEMENTS (people); i++)
    {
      g_autoptr (CrmContactRecord) person = crm_store_get_contact (fixture->store, people[i], NULL);
      person->company_id = company->id;
      g_assert_true (crm_store_update_contact (fixture->store, person, &error));
      g_ptr_array_add (before, crm_store_get_contact (fixture->store, people[i], &error));
      g_assert_cmpstr (((CrmContactRecord *) before->pdata[i])->company_name, ==,
                       "Analytical Engines");
    }

  g_assert_true (
      crm_undo_manager_record (fixture->undo, "Deleted", delete_company, &company->id, &error));
  {
    g_autoptr (CrmContactRecord) orphan = crm_store_get_contact (fixture->store, people[0], NULL);
    g_assert_null (orphan->company_name);
  }
  undo_ok (fixture);
  for (guint i = 0; i < G_N_ELEMENTS (people); i++)
    {
      g_autoptr (CrmContactRecord) undone = crm_store_get_contact (fixture->store, people[i], NULL);
      assert_records_equal (CRM_ENTITY_CONTACT, undone, before->pdata[i]);
    }

  renamed = crm_store_get_company (fixture->store, company->id, &error);
  g_free (renamed->name);
  renamed->name = g_strdup ("Difference Engines");
  g_assert_true (
      crm_undo_manager_record (fixture->undo, "Renamed", rename_company, renamed, &error));
  {
    g_autoptr (CrmContactRecord) person = crm_store_get_contact (fixture->store, people[1], NULL);
    g_assert_cmpstr (person->company_name, ==, "Difference Engines");
  }
  undo_ok (fixture);
  for (guint i = 0; i < G_N_ELEMENTS (people); i++)
    {
      g_autoptr (CrmContactRecord) undone = crm_store_get_contact (fixture->store, people[i], NULL);
      assert_records_equal (CRM_ENTITY_CONTACT, undone, before->pdata[i]);
    }
}

static gboolean
rename_contact (CrmStore *store, gpointer user_data, GError **error)
{
  CrmContactRecord *contact = user_data;
  return crm_store_update_contact (store, contact, error);
}

static void
test_undo_update_restores_old_values (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  gint64 contact_id = make_contact (fixture, "Katherine Johnson");
  g_autoptr (CrmContactRecord) before = crm_store_get_contact (fixture->store, contact_id, &error);
  g_autoptr (CrmContactRecord) edited = crm_contact_record_copy (before);
  g_autoptr (CrmContactRecord) undone = NULL;
  g_autoptr (GPtrArray) hits = NULL;

  g_autofree char *history_before = lifecycle_history (fixture, contact_id);
  g_autofree char *history_edited = NULL;
  g_autofree char *history_undone = NULL;

  g_free (edited->name);
  edited->name = g_strdup ("Katherine G. Johnson");
  g_clear_pointer (&edited->email, g_free);
  edited->phone = g_strdup ("+1 555 0100");
  edited->score = 99;
  edited->lifecycle = CRM_LIFECYCLE_CUSTOMER;
  edited->bant_need = CRM_BANT_YES;
  g_assert_true (crm_undo_manager_record (fixture->undo, "Edited “Katherine Johnson”",
                                          rename_contact, edited, &error));
  g_assert_no_error (error);
  history_edited = lifecycle_history (fixture, contact_id);
  g_assert_cmpstr (history_edited, !=, history_before);

  undo_ok (fixture);
  undone = crm_store_get_contact (fixture->store, contact_id, &error);
  g_assert_no_error (error);
  assert_records_equal (CRM_ENTITY_CONTACT, undone, before);
  g_assert_cmpstr (undone->email, ==, "someone@example.com");
  g_assert_null (undone->phone);
  /* The lifecycle change is forgotten, not answered by a change back. */
  history_undone = lifecycle_history (fixture, contact_id);
  g_assert_cmpstr (history_undone, ==, history_before);

  /* The search index follows the restored values. */
  hits = crm_store_search (fixture->store, "555", 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hits->len, ==, 0);
}

static gboolean
tag_contact (CrmStore *store, gpointer user_data, GError **error)
{
  const gint64 *ids = user_data;
  return crm_store_add_contact_tag (store, ids[0], ids[1], error)
         && crm_store_remove_contact_tag (store, ids[0], ids[2], error);
}

static void
test_undo_contact_tags (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  gint64 contact_id = make_contact (fixture, "Hedy Lamarr");
  gint64 ids[3] = { contact_id, make_tag (fixture, "Inventor"), make_tag (fixture, "Actor") };
  g_autoptr (GArray) tags_before = NULL;
  g_autoptr (GArray) tags_after = NULL;
  g_autoptr (GArray) tags_undone = NULL;

  g_assert_true (crm_store_add_contact_tag (fixture->store, contact_id, ids[2], &error));
  tags_before = crm_store_list_contact_tag_ids (fixture->store, contact_id, &error);
  g_assert_true (crm_undo_manager_record (fixture->undo, "Tagged", tag_contact, ids, &error));
  g_assert_no_error (error);
  tags_after = crm_store_list_contact_tag_ids (fixture->store, contact_id, &error);
  g_assert_cmpuint (tags_after->len, ==, 1);
  g_assert_cmpint (g_array_index (tags_after, gint64, 0), ==, ids[1]);

  undo_ok (fixture);
  tags_undone = crm_store_list_contact_tag_ids (fixture->store, contact_id, &error);
  assert_id_arrays_equal (tags_undone, tags_before);
}

/* ---- The list models follow ------------------------------------------------------------- */

static void
assert_model_ids (GListModel *model, const gint64 *ids, guint n_ids)
{
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, n_ids);
  for (guint i = 0; i < n_ids; i++)
    {
      g_autoptr (CrmDeal) deal = g_list_model_get_item (model, i);
      g_assert_nonnull (deal);
      g_assert_cmpint (crm_entity_object_get_id (CRM_ENTITY_OBJECT (deal)), ==, ids[i]);
    }
}

static void
test_undo_models_follow (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  gint64 a = make_deal (fixture, "A", STAGE_INITIAL, 0);
  gint64 b = make_deal (fixture, "B", STAGE_INITIAL, 0);
  gint64 c = make_deal (fixture, "C", STAGE_INITIAL, 0);
  gint64 d = make_deal (fixture, "D", STAGE_PROPOSAL, 0);
  g_autoptr (CrmDealListModel) initial
      = crm_deal_list_model_new (fixture->repository, STAGE (fixture, STAGE_INITIAL));
  g_autoptr (CrmDealListModel) proposal
      = crm_deal_list_model_new (fixture->repository, STAGE (fixture, STAGE_PROPOSAL));
  g_autoptr (CrmDeal) live_b = NULL;

  assert_model_ids (G_LIST_MODEL (initial), (gint64[]){ a, b, c }, 3);
  live_b = g_list_model_get_item (G_LIST_MODEL (initial), 1);

  /* A reorder, then a move to another stage: two steps. */
  g_assert_true (
      crm_undo_manager_move_deal (fixture->undo, c, STAGE (fixture, STAGE_INITIAL), 0, &error));
  assert_model_ids (G_LIST_MODEL (initial), (gint64[]){ c, a, b }, 3);
  g_assert_true (
      crm_undo_manager_move_deal (fixture->undo, b, STAGE (fixture, STAGE_PROPOSAL), 0, &error));
  g_assert_no_error (error);
  assert_model_ids (G_LIST_MODEL (initial), (gint64[]){ c, a }, 2);
  assert_model_ids (G_LIST_MODEL (proposal), (gint64[]){ b, d }, 2);
  g_assert_cmpint (crm_deal_get_stage_id (live_b), ==, STAGE (fixture, STAGE_PROPOSAL));

  undo_ok (fixture);
  assert_model_ids (G_LIST_MODEL (initial), (gint64[]){ c, a, b }, 3);
  assert_model_ids (G_LIST_MODEL (proposal), (gint64[]){ d }, 1);
  /* The live object the board holds follows too. */
  g_assert_cmpint (crm_deal_get_stage_id (live_b), ==, STAGE (fixture, STAGE_INITIAL));
  g_assert_cmpint (crm_deal_get_stage_entered_at (live_b), ==, PAST);

  undo_ok (fixture);
  assert_model_ids (G_LIST_MODEL (initial), (gint64[]){ a, b, c }, 3);
}

static void
test_undo_models_follow_delete (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  gint64 a = make_deal (fixture, "A", STAGE_NEEDS, 0);
  gint64 b = make_deal (fixture, "B", STAGE_NEEDS, 0);
  gint64 c = make_deal (fixture, "C", STAGE_NEEDS, 0);
  g_autoptr (CrmDealListModel) model
      = crm_deal_list_model_new (fixture->repository, STAGE (fixture, STAGE_NEEDS));

  g_assert_true (crm_undo_manager_delete_deal (fixture->undo, b, &error));
  g_assert_no_error (error);
  assert_model_ids (G_LIST_MODEL (model), (gint64[]){ a, c }, 2);
  undo_ok (fixture);
  assert_model_ids (G_LIST_MODEL (model), (gint64[]){ a, b, c }, 3);
}

/* ---- The manager -------------------------------------------------------------------------- */

typedef struct
{
  guint can_undo;
  guint undo_label;
} NotifyCounts;

static void
on_notify (GObject *object, GParamSpec *pspec, NotifyCounts *counts)
{
  if (g_str_equal (pspec->name, "can-undo"))
    counts->can_undo++;
  else if (g_str_equal (pspec->name, "undo-label"))
    counts->undo_label++;
}

static void
test_manager_notifies (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  gint64 deal_id = make_deal (fixture, "Tracked", STAGE_INITIAL, 0);
  NotifyCounts counts = { 0 };
  gboolean can_undo = TRUE;
  g_autofree char *label = NULL;

  g_signal_connect (fixture->undo, "notify", G_CALLBACK (on_notify), &counts);
  g_object_get (fixture->undo, "can-undo", &can_undo, "undo-label", &label, NULL);
  g_assert_false (can_undo);
  g_assert_null (label);

  g_assert_true (crm_undo_manager_move_deal (fixture->undo, deal_id,
                                             STAGE (fixture, STAGE_QUALIFICATION), 0, &error));
  g_assert_cmpuint (counts.can_undo, ==, 1);
  g_assert_cmpuint (counts.undo_label, ==, 1);
  g_object_get (fixture->undo, "can-undo", &can_undo, "undo-label", &label, NULL);
  g_assert_true (can_undo);
  g_assert_cmpstr (label, ==, "Moved “Tracked” to Qualification");
  g_clear_pointer (&label, g_free);

  g_assert_true (
      crm_undo_manager_move_deal (fixture->undo, deal_id, STAGE (fixture, STAGE_NEEDS), 0, &error));
  g_assert_cmpuint (counts.can_undo, ==, 1); /* still TRUE: no notification */
  g_assert_cmpuint (counts.undo_label, ==, 2);

  undo_ok (fixture);
  g_assert_cmpuint (counts.can_undo, ==, 1);
  g_assert_cmpuint (counts.undo_label, ==, 3);
  g_assert_cmpstr (crm_undo_manager_get_undo_label (fixture->undo), ==,
                   "Moved “Tracked” to Qualification");

  undo_ok (fixture);
  g_assert_cmpuint (counts.can_undo, ==, 2);
  g_assert_cmpuint (counts.undo_label, ==, 4);
  g_assert_false (crm_undo_manager_get_can_undo (fixture->undo));
  g_assert_null (crm_undo_manager_get_undo_label (fixture->undo));
  g_assert_no_error (error);

  /* Clearing an empty stack changes nothing, so says nothing. */
  crm_undo_manager_clear (fixture->undo);
  g_assert_cmpuint (counts.can_undo, ==, 2);
  g_assert_cmpuint (counts.undo_label, ==, 4);
}

static void
test_manager_labels_are_plain_text (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  gint64 deal_id = make_deal (fixture, "R&D <b>bold</b>", STAGE_INITIAL, 0);

  g_assert_true (
      crm_undo_manager_move_deal (fixture->undo, deal_id, STAGE (fixture, STAGE_WON), 0, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (crm_undo_manager_get_undo_label (fixture->undo), ==,
                   "Moved “R&D <b>bold</b>” to Won");
}

static void
test_manager_empty_stack (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  gint64 last_change = crm_store_get_last_change_id (fixture->store);

  g_assert_false (crm_undo_manager_get_can_undo (fixture->undo));
  g_assert_false (crm_undo_manager_undo (fixture->undo, &error));
  g_assert_error (error, CRM_UNDO_ERROR, CRM_UNDO_ERROR_NOTHING_TO_UNDO);
  g_assert_cmpint (crm_store_get_last_change_id (fixture->store), ==, last_change);
}

static gboolean
move_to_missing_stage (CrmStore *store, gpointer user_data, GError **error)
{
  if (!crm_store_move_deal (store, *(gint64 *) user_data, 0, 0, error))
    return FALSE;
  g_assert_not_reached ();
}

static gboolean
rename_then_fail (CrmStore *store, gpointer user_data, GError **error)
{
  g_autoptr (CrmDealRecord) deal = crm_store_get_deal (store, *(gint64 *) user_data, error);

  g_free (deal->title);
  deal->title = g_strdup ("Renamed");
  if (!crm_store_update_deal (store, deal, error))
    return FALSE;
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, "Changed my mind");
  return FALSE;
}

static gboolean
write_nothing (CrmStore *store, gpointer user_data, GError **error)
{
  return TRUE;
}

static void
test_manager_records_nothing_on_failure_or_no_write (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  gint64 deal_id = make_deal (fixture, "Steady", STAGE_INITIAL, 0);
  gint64 last_change = crm_store_get_last_change_id (fixture->store);
  g_autoptr (CrmDealRecord) deal = NULL;

  g_assert_false (
      crm_undo_manager_record (fixture->undo, "Broken", move_to_missing_stage, &deal_id, &error));
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (
      crm_undo_manager_record (fixture->undo, "Regretted", rename_then_fail, &deal_id, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  /* The half-done write was rolled back with the step. */
  deal = get_deal (fixture, deal_id);
  g_assert_cmpstr (deal->title, ==, "Steady");
  g_assert_cmpint (crm_store_get_last_change_id (fixture->store), ==, last_change);

  g_assert_true (crm_undo_manager_record (fixture->undo, "Nothing", write_nothing, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (crm_undo_manager_get_can_undo (fixture->undo));
}

static gboolean
rename_tag (CrmStore *store, gpointer user_data, GError **error)
{
  CrmTagRecord *tag = user_data;
  return crm_store_update_tag (store, tag, error);
}

static void
test_manager_stack_is_bounded (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CrmTagRecord) tag = crm_tag_record_new ();
  g_autoptr (CrmTagRecord) read = NULL;
  const guint n_steps = CRM_UNDO_MANAGER_MAX_STEPS + 5;

  tag->id = make_tag (fixture, "Step 0");
  for (guint i = 1; i <= n_steps; i++)
    {
      g_autofree char *label = g_strdup_printf ("Renamed to step %u", i);
      g_free (tag->name);
      tag->name = g_strdup_printf ("Step %u", i);
      g_assert_true (crm_undo_manager_record (fixture->undo, label, rename_tag, tag, &error));
      g_assert_no_error (error);
    }
  for (guint i = 0; i < CRM_UNDO_MANAGER_MAX_STEPS; i++)
    undo_ok (fixture);
  g_assert_false (crm_undo_manager_get_can_undo (fixture->undo));
  g_assert_false (crm_undo_manager_undo (fixture->undo, &error));
  g_assert_error (error, CRM_UNDO_ERROR, CRM_UNDO_ERROR_NOTHING_TO_UNDO);

  /* The oldest five steps were forgotten. */
  read = crm_store_get_tag (fixture->store, tag->id, NULL);
  g_assert_cmpstr (read->name, ==, "Step 5");
}

static void
test_manager_undoes_several_steps_of_one_deal (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  gint64 deal_id = make_deal (fixture, "Travelling", STAGE_INITIAL, 0);
  gint64 neighbour = make_deal (fixture, "Neighbour", STAGE_INITIAL, 0);
  g_autoptr (CrmDealRecord) before = get_deal (fixture, deal_id);
  g_autoptr (CrmDealRecord) middle = NULL;
  g_autoptr (CrmDealRecord) undone_once = NULL;
  g_autoptr (CrmDealRecord) undone_twice = NULL;
  g_autoptr (GPtrArray) history_before = deal_history (fixture, deal_id);
  g_autoptr (GPtrArray) history_undone = NULL;

  g_assert_true (crm_undo_manager_move_deal (fixture->undo, deal_id,
                                             STAGE (fixture, STAGE_QUALIFICATION), 0, &error));
  middle = get_deal (fixture, deal_id);
  g_assert_true (crm_undo_manager_move_deal (fixture->undo, deal_id,
                                             STAGE (fixture, STAGE_PROPOSAL), 0, &error));
  g_assert_true (crm_undo_manager_move_deal (fixture->undo, neighbour,
                                             STAGE (fixture, STAGE_PROPOSAL), 0, &error));
  g_assert_no_error (error);

  undo_ok (fixture);
  undo_ok (fixture);
  undone_once = get_deal (fixture, deal_id);
  assert_records_equal (CRM_ENTITY_DEAL, undone_once, middle);
  /* The row was written after the first step (by the second and its undo), but it is back as
   * the first step left it: that is no reason to refuse. */
  undo_ok (fixture);
  undone_twice = get_deal (fixture, deal_id);
  assert_records_equal (CRM_ENTITY_DEAL, undone_twice, before);
  history_undone = deal_history (fixture, deal_id);
  assert_record_arrays_equal (CRM_ENTITY_DEAL_STAGE_HISTORY, history_undone, history_before);
  g_assert_false (crm_undo_manager_get_can_undo (fixture->undo));
}

/* ---- Refusals ---------------------------------------------------------------------------- */

static void
test_undo_refused_when_changed_since (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  gint64 deal_id = make_deal (fixture, "Contested", STAGE_INITIAL, 0);
  g_autoptr (CrmDealRecord) edited = NULL;
  g_autoptr (CrmDealRecord) after_refusal = NULL;
  gint64 last_change;

  g_assert_true (crm_undo_manager_move_deal (fixture->undo, deal_id,
                                             STAGE (fixture, STAGE_PROPOSAL), 0, &error));
  g_assert_no_error (error);

  /* Someone edits the deal without the undo manager. */
  edited = get_deal (fixture, deal_id);
  edited->value_minor = 999;
  g_assert_true (crm_store_update_deal (fixture->store, edited, &error));
  g_clear_pointer (&edited, crm_deal_record_free);
  edited = get_deal (fixture, deal_id);
  last_change = crm_store_get_last_change_id (fixture->store);

  g_assert_false (crm_undo_manager_undo (fixture->undo, &error));
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_CONSTRAINT);
  g_assert_nonnull (strstr (error->message, "Changed since; cannot undo"));
  g_assert_cmpint (crm_store_get_last_change_id (fixture->store), ==, last_change);
  after_refusal = get_deal (fixture, deal_id);
  assert_records_equal (CRM_ENTITY_DEAL, after_refusal, edited);
  /* That step can never be undone: it is gone from the stack. */
  g_assert_false (crm_undo_manager_get_can_undo (fixture->undo));
}

static gboolean
insert_deal (CrmStore *store, gpointer user_data, GError **error)
{
  return crm_store_insert_deal (store, user_data, error);
}

static void
test_undo_refused_when_cascade_reaches_newer_row (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CrmDealRecord) deal = crm_deal_record_new ();
  gint64 activity_id;
  gint64 n_deals;
  gint64 last_change;

  deal->title = g_strdup ("Fresh");
  deal->currency = g_strdup ("EUR");
  deal->stage_id = STAGE (fixture, STAGE_INITIAL);
  g_assert_true (
      crm_undo_manager_record (fixture->undo, "Added “Fresh”", insert_deal, deal, &error));
  g_assert_no_error (error);
  n_deals = count_rows (fixture, CRM_ENTITY_DEAL);

  /* An activity added since hangs off the new deal: deleting the deal would take it along. */
  activity_id = make_activity (fixture, "Kick-off", 0, deal->id);
  last_change = crm_store_get_last_change_id (fixture->store);

  g_assert_false (crm_undo_manager_undo (fixture->undo, &error));
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_CONSTRAINT);
  g_assert_cmpint (crm_store_get_last_change_id (fixture->store), ==, last_change);
  g_assert_cmpint (count_rows (fixture, CRM_ENTITY_DEAL), ==, n_deals);
  {
    g_autoptr (CrmActivityRecord) activity
        = crm_store_get_activity (fixture->store, activity_id, NULL);
    g_assert_nonnull (activity);
  }
}

static void
test_undo_refused_when_reference_deleted_since (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  gint64 company_id;
  gint64 deal_id;
  gint64 last_change;
  g_autoptr (CrmCompanyRecord) company = crm_company_record_new ();
  g_autoptr (CrmDealRecord) deal = NULL;

  company->name = g_strdup ("Short-lived Ltd");
  g_assert_true (crm_store_insert_company (fixture->store, company, &error));
  company_id = company->id;
  deal_id = make_deal (fixture, "Orphan", STAGE_INITIAL, 0);
  deal = get_deal (fixture, deal_id);
  deal->company_id = company_id;
  g_assert_true (crm_store_update_deal (fixture->store, deal, &error));
  g_assert_no_error (error);

  g_assert_true (crm_undo_manager_delete_deal (fixture->undo, deal_id, &error));
  g_assert_true (crm_store_delete_company (fixture->store, company_id, &error));
  g_assert_no_error (error);
  last_change = crm_store_get_last_change_id (fixture->store);

  /* The deal would come back pointing at a company that no longer exists. */
  g_assert_false (crm_undo_manager_undo (fixture->undo, &error));
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_CONSTRAINT);
  g_assert_nonnull (strstr (error->message, "refers to"));
  g_assert_false (deal_exists (fixture, deal_id));
  g_assert_cmpint (crm_store_get_last_change_id (fixture->store), ==, last_change);
}

/* ---- The store on its own ---------------------------------------------------------------- */

typedef struct
{
  guint n_signals;
  guint entity;
  guint action;
  gint64 id;
  gint64 old_stage_id;
} ChangeSeen;

static void
on_store_changed (
    CrmStore *store, guint entity, guint action, gint64 id, gpointer old_record, ChangeSeen *seen)
{
  if (entity != CRM_ENTITY_DEAL)
    return;
  seen->n_signals++;
  seen->entity = entity;
  seen->action = action;
  seen->id = id;
  seen->old_stage_id = old_record != NULL ? ((CrmDealRecord *) old_record)->stage_id : 0;
}

static void
test_store_revert_signals_and_empty_range (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  gint64 deal_id = make_deal (fixture, "Signalled", STAGE_INITIAL, 0);
  gint64 before_move = crm_store_get_last_change_id (fixture->store);
  ChangeSeen seen = { 0 };
  gulong handler;

  g_assert_true (
      crm_store_move_deal (fixture->store, deal_id, STAGE (fixture, STAGE_NEEDS), 0, &error));
  handler = g_signal_connect (fixture->store, "changed", G_CALLBACK (on_store_changed), &seen);
  g_assert_true (crm_store_revert_changes (fixture->store, before_move,
                                           crm_store_get_last_change_id (fixture->store), &error));
  g_assert_no_error (error);
  g_assert_cmpuint (seen.n_signals, ==, 1);
  g_assert_cmpuint (seen.action, ==, CRM_CHANGE_UPDATE);
  g_assert_cmpint (seen.id, ==, deal_id);
  g_assert_cmpint (seen.old_stage_id, ==, STAGE (fixture, STAGE_NEEDS));

  /* An empty range is nothing to do. */
  seen.n_signals = 0;
  g_assert_true (crm_store_revert_changes (fixture->store,
                                           crm_store_get_last_change_id (fixture->store),
                                           crm_store_get_last_change_id (fixture->store), &error));
  g_assert_no_error (error);
  g_assert_cmpuint (seen.n_signals, ==, 0);
  g_signal_handler_disconnect (fixture->store, handler);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  TEST_F ("/undo/deal/move-between-stages", test_undo_move_between_stages);
  TEST_F ("/undo/deal/reorder-within-stage", test_undo_reorder_within_stage);
  TEST_F ("/undo/deal/won", test_undo_won);
  TEST_F ("/undo/deal/lost-with-reason", test_undo_lost_with_reason);
  TEST_F ("/undo/deal/reopen-restores-closed-at", test_undo_reopen_restores_closed_at);
  TEST_F ("/undo/deal/delete", test_undo_deal_delete);
  TEST_F ("/undo/contact/delete", test_undo_contact_delete);
  TEST_F ("/undo/contact/tags", test_undo_contact_tags);
  TEST_F ("/undo/company/names-of-people", test_undo_company_names_of_people);
  TEST_F ("/undo/update-restores-old-values", test_undo_update_restores_old_values);
  TEST_F ("/undo/models/follow-moves", test_undo_models_follow);
  TEST_F ("/undo/models/follow-delete", test_undo_models_follow_delete);
  TEST_F ("/undo/manager/notifies", test_manager_notifies);
  TEST_F ("/undo/manager/labels-are-plain-text", test_manager_labels_are_plain_text);
  TEST_F ("/undo/manager/empty-stack", test_manager_empty_stack);
  TEST_F ("/undo/manager/nothing-recorded-on-failure-or-no-write",
          test_manager_records_nothing_on_failure_or_no_write);
  TEST_F ("/undo/manager/stack-is-bounded", test_manager_stack_is_bounded);
  TEST_F ("/undo/manager/several-steps-of-one-deal", test_manager_undoes_several_steps_of_one_deal);
  TEST_F ("/undo/refused/changed-since", test_undo_refused_when_changed_since);
  TEST_F ("/undo/refused/cascade-reaches-newer-row",
          test_undo_refused_when_cascade_reaches_newer_row);
  TEST_F ("/undo/refused/reference-deleted-since", test_undo_refused_when_reference_deleted_since);
  TEST_F ("/undo/store/signals-and-empty-range", test_store_revert_signals_and_empty_range);

  return g_test_run ();
}

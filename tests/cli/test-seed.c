/* test-seed.c — crm_seed_database() called directly: the sample data tells a consistent story
 * (won deals are closed and their people customers, lost deals have reasons, every stage
 * history walks forward to the deal's stage, some customers left and their lifecycle history
 * says when), is the same for the same seed, and is written in one transaction. */
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "crm-lead-score.h"
#include "crm-seed.h"
#include "crm-test-util.h"

/* A fixed reference day, so the data does not depend on when the test runs. */
#define REFERENCE_DAY G_GINT64_CONSTANT (1717200000) /* 2024-06-01 00:00 UTC */

typedef CrmTestStoreFixture Fixture;

static void
small_options (CrmSeedOptions *options, guint32 seed)
{
  crm_seed_options_init (options);
  options->n_contacts = 400;
  options->n_companies = 40;
  options->n_deals = 160;
  options->n_activities = 1200;
  options->seed = seed;
  options->now = REFERENCE_DAY;
}

static void
seed (CrmStore *store, const CrmSeedOptions *options)
{
  g_autoptr (GError) error = NULL;
  gboolean seeded = crm_seed_database (store, options, NULL, NULL, &error);

  g_assert_no_error (error);
  g_assert_true (seeded);
}

static gint64
count (CrmStore *store, CrmEntity entity)
{
  g_autoptr (GError) error = NULL;
  gint64 n = crm_store_count (store, entity, &error);

  g_assert_no_error (error);
  return n;
}

/* The stages of the first pipeline, in order. */
static GPtrArray *
list_stages (CrmStore *store)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) pipelines = crm_store_list_pipelines (store, &error);
  GPtrArray *stages;

  g_assert_no_error (error);
  g_assert_cmpuint (pipelines->len, >, 0);
  stages = crm_store_list_stages (
      store, ((CrmPipelineRecord *) g_ptr_array_index (pipelines, 0))->id, &error);
  g_assert_no_error (error);
  return stages;
}

static const CrmStageRecord *
find_stage (GPtrArray *stages, gint64 id, guint *index)
{
  for (guint i = 0; i < stages->len; i++)
    {
      const CrmStageRecord *stage = g_ptr_array_index (stages, i);

      if (stage->id == id)
        {
          *index = i;
          return stage;
        }
    }
  g_assert_not_reached ();
}

/* Stage history: created in the first stage, then only forward, one step at a time among the
 * open stages, ending in the deal's current stage when it entered it. */
static void
assert_history_walks_forward (CrmStore *store, GPtrArray *stages, const CrmDealRecord *deal)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) history = crm_store_list_deal_history (store, deal->id, &error);
  const CrmDealStageHistoryRecord *first, *last;
  guint previous_index = 0, index;

  g_assert_no_error (error);
  g_assert_cmpuint (history->len, >=, 1);
  first = g_ptr_array_index (history, 0);
  last = g_ptr_array_index (history, history->len - 1);

  g_assert_cmpint (first->from_stage_id, ==, 0);
  g_assert_cmpint (first->to_stage_id, ==, ((CrmStageRecord *) g_ptr_array_index (stages, 0))->id);
  g_assert_cmpint (first->changed_at, ==, deal->created_at);
  g_assert_cmpint (last->to_stage_id, ==, deal->stage_id);
  g_assert_cmpint (last->changed_at, ==, deal->stage_entered_at);

  for (guint i = 1; i < history->len; i++)
    {
      const CrmDealStageHistoryRecord *before = g_ptr_array_index (history, i - 1);
      const CrmDealStageHistoryRecord *row = g_ptr_array_index (history, i);
      const CrmStageRecord *stage = find_stage (stages, row->to_stage_id, &index);

      g_assert_cmpint (row->from_stage_id, ==, before->to_stage_id);
      g_assert_cmpint (row->changed_at, >=, before->changed_at);
      g_assert_cmpint (row->changed_at, <=, REFERENCE_DAY);
      if (stage->kind == CRM_STAGE_KIND_OPEN)
        g_assert_cmpuint (index, ==, previous_index + 1);
      else
        g_assert_cmpuint (i, ==, history->len - 1); /* Won and Lost end the walk */
      previous_index = index;
    }
}

/* Customers, advocates (customers who recommend us) and churned customers (who left) all won
 * a deal once. */
static gboolean
was_customer (const CrmContactRecord *contact)
{
  return contact->lifecycle == CRM_LIFECYCLE_CUSTOMER
         || contact->lifecycle == CRM_LIFECYCLE_ADVOCATE
         || contact->lifecycle == CRM_LIFECYCLE_CHURNED;
}

static void
assert_deal_consistent (CrmStore *store, GPtrArray *stages, const CrmDealRecord *deal)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CrmContactRecord) contact = NULL;
  guint index;
  const CrmStageRecord *stage = find_stage (stages, deal->stage_id, &index);

  g_assert_cmpint (deal->contact_id, !=, 0);
  contact = crm_store_get_contact (store, deal->contact_id, &error);
  g_assert_no_error (error);

  g_assert_cmpint (deal->value_minor, >, 0);
  g_assert_true (g_str_equal (deal->currency, "EUR") || g_str_equal (deal->currency, "USD")
                 || g_str_equal (deal->currency, "GBP"));
  g_assert_cmpint (deal->created_at, >=, contact->captured_at);
  g_assert_cmpint (deal->created_at, <, REFERENCE_DAY);

  switch (stage->kind)
    {
      case CRM_STAGE_KIND_WON:
        g_assert_cmpint (deal->closed_at, !=, 0);
        g_assert_cmpint (deal->lost_reason_id, ==, 0);
        g_assert_true (was_customer (contact));
        break;
      case CRM_STAGE_KIND_LOST:
        g_assert_cmpint (deal->closed_at, !=, 0);
        g_assert_cmpint (deal->lost_reason_id, !=, 0);
        g_assert_cmpint (contact->lifecycle, !=, CRM_LIFECYCLE_LEAD);
        break;
      case CRM_STAGE_KIND_OPEN:
        /* Nobody leaves while a deal with them is open. */
        g_assert_cmpint (deal->closed_at, ==, 0);
        g_assert_true (contact->lifecycle == CRM_LIFECYCLE_OPPORTUNITY
                       || contact->lifecycle == CRM_LIFECYCLE_CUSTOMER
                       || contact->lifecycle == CRM_LIFECYCLE_ADVOCATE);
        break;
      default:
        g_assert_not_reached ();
    }
  if (deal->closed_at != 0)
    g_assert_cmpint (deal->closed_at, ==, deal->stage_entered_at);
  if (deal->is_expansion)
    g_assert_true (was_customer (contact));

  assert_history_walks_forward (store, stages, deal);
}

/* Every contact holds its company's name (the triggers that keep it are suspended while the
 * seed writes, and do their work at the end). */
static void
assert_company_names (CrmStore *store)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) contacts = crm_store_fetch_contacts (store, NULL, 0, 0, G_MAXINT, &error);
  guint n_with_company = 0;

  g_assert_no_error (error);
  for (guint i = 0; i < contacts->len; i++)
    {
      const CrmContactRecord *contact = contacts->pdata[i];
      g_autoptr (CrmCompanyRecord) company = NULL;

      if (contact->company_id == 0)
        {
          g_assert_null (contact->company_name);
          continue;
        }
      company = crm_store_get_company (store, contact->company_id, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (contact->company_name, ==, company->name);
      n_with_company++;
    }
  g_assert_cmpuint (n_with_company, >, 0);
}

static void
test_seed_consistent (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GPtrArray) stages = list_stages (fixture->store);
  guint n_deals = 0, n_won = 0, n_lost = 0, n_open = 0;
  CrmSeedOptions options;

  small_options (&options, 3);
  seed (fixture->store, &options);

  for (guint s = 0; s < stages->len; s++)
    {
      const CrmStageRecord *stage = g_ptr_array_index (stages, s);
      g_autoptr (GError) error = NULL;
      g_autoptr (GArray) ids = crm_store_list_deal_ids_in_stage (fixture->store, stage->id, &error);

      g_assert_no_error (error);
      for (guint i = 0; i < ids->len; i++)
        {
          g_autoptr (CrmDealRecord) deal
              = crm_store_get_deal (fixture->store, g_array_index (ids, gint64, i), &error);

          g_assert_no_error (error);
          assert_deal_consistent (fixture->store, stages, deal);
          n_deals++;
          n_won += stage->kind == CRM_STAGE_KIND_WON;
          n_lost += stage->kind == CRM_STAGE_KIND_LOST;
          n_open += stage->kind == CRM_STAGE_KIND_OPEN;
        }
    }

  /* A believable funnel: some of everything. */
  g_assert_cmpuint (n_deals, ==, 160);
  g_assert_cmpuint (n_won, >, 0);
  g_assert_cmpuint (n_lost, >, n_won);
  g_assert_cmpuint (n_open, >, 0);
  g_assert_cmpint (count (fixture->store, CRM_ENTITY_CONTACT), ==, 400);
  g_assert_cmpint (count (fixture->store, CRM_ENTITY_COMPANY), ==, 40);
  g_assert_cmpint (count (fixture->store, CRM_ENTITY_ACTIVITY), ==, 1200);
  g_assert_cmpint (count (fixture->store, CRM_ENTITY_FEEDBACK), >, 0);
  g_assert_cmpint (count (fixture->store, CRM_ENTITY_ACQUISITION_SPEND), >, 0);
  assert_company_names (fixture->store);
}

/* Flags per contact id: which kinds of stage its deals are in. */
#define HAS_WON (1 << 0)
#define HAS_OPEN (1 << 1)

static GHashTable *
collect_deal_kinds (CrmStore *store, GPtrArray *stages)
{
  GHashTable *kinds = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);

  for (guint s = 0; s < stages->len; s++)
    {
      const CrmStageRecord *stage = g_ptr_array_index (stages, s);
      g_autoptr (GError) error = NULL;
      g_autoptr (GArray) ids = crm_store_list_deal_ids_in_stage (store, stage->id, &error);

      g_assert_no_error (error);
      for (guint d = 0; d < ids->len; d++)
        {
          g_autoptr (CrmDealRecord) deal
              = crm_store_get_deal (store, g_array_index (ids, gint64, d), &error);
          guint flags;

          g_assert_no_error (error);
          flags = GPOINTER_TO_UINT (g_hash_table_lookup (kinds, &deal->contact_id));
          if (stage->kind == CRM_STAGE_KIND_WON)
            flags |= HAS_WON;
          else if (stage->kind == CRM_STAGE_KIND_OPEN)
            flags |= HAS_OPEN;
          g_hash_table_replace (kinds, g_memdup2 (&deal->contact_id, sizeof (gint64)),
                                GUINT_TO_POINTER (flags));
        }
    }
  return kinds;
}

/* Lifecycle follows the deals: a customer has a won deal, an opportunity an open one, a churned
 * customer won a deal once and has none open, and leads and qualified people have neither. */
static void
test_seed_lifecycles (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) contacts = NULL;
  g_autoptr (GPtrArray) stages = list_stages (fixture->store);
  g_autoptr (GHashTable) kinds = NULL;
  CrmSeedOptions options;
  guint n_customers = 0;

  small_options (&options, 11);
  seed (fixture->store, &options);
  kinds = collect_deal_kinds (fixture->store, stages);
  contacts = crm_store_fetch_contacts (fixture->store, NULL, 0, 0, 1000, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (contacts->len, ==, 400);

  for (guint i = 0; i < contacts->len; i++)
    {
      const CrmContactRecord *contact = g_ptr_array_index (contacts, i);
      guint flags = GPOINTER_TO_UINT (g_hash_table_lookup (kinds, &contact->id));

      g_assert_cmpint (contact->captured_at, <, REFERENCE_DAY);
      g_assert_cmpint (contact->score, >=, 0);
      g_assert_cmpint (contact->score, <=, 100);
      if (contact->last_contacted_at != 0)
        g_assert_cmpint (contact->last_contacted_at, >=, contact->captured_at);

      switch (contact->lifecycle)
        {
          case CRM_LIFECYCLE_CUSTOMER:
          case CRM_LIFECYCLE_ADVOCATE:
            g_assert_true (flags & HAS_WON);
            n_customers++;
            break;
          case CRM_LIFECYCLE_OPPORTUNITY:
            g_assert_true ((flags & HAS_OPEN) && !(flags & HAS_WON));
            break;
          case CRM_LIFECYCLE_CHURNED:
            g_assert_true ((flags & HAS_WON) && !(flags & HAS_OPEN));
            break;
          default:
            g_assert_cmpuint (flags & (HAS_WON | HAS_OPEN), ==, 0);
            break;
        }
    }
  g_assert_cmpuint (n_customers, >, 0);
}

static char *
deals_digest (CrmStore *store)
{
  g_autoptr (GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autoptr (GPtrArray) stages = list_stages (store);

  for (guint s = 0; s < stages->len; s++)
    {
      const CrmStageRecord *stage = g_ptr_array_index (stages, s);
      g_autoptr (GError) error = NULL;
      g_autoptr (GArray) ids = crm_store_list_deal_ids_in_stage (store, stage->id, &error);

      g_assert_no_error (error);
      for (guint i = 0; i < ids->len; i++)
        {
          g_autoptr (CrmDealRecord) deal
              = crm_store_get_deal (store, g_array_index (ids, gint64, i), &error);
          g_autofree char *line = NULL;

          g_assert_no_error (error);
          line = g_strdup_printf ("%s|%" G_GINT64_FORMAT "|%s|%" G_GINT64_FORMAT "|%s\n",
                                  deal->title, deal->value_minor, deal->currency, deal->created_at,
                                  stage->name);
          g_checksum_update (checksum, (const guchar *) line, -1);
        }
    }
  return g_strdup (g_checksum_get_string (checksum));
}

/* Contacts as written, and their lifecycle history (which has no public reader: read the file). */
static char *
contacts_digest (CrmStore *store, const char *path)
{
  g_autoptr (GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) contacts = crm_store_fetch_contacts (store, NULL, 0, 0, G_MAXUINT, &error);
  sqlite3 *db = NULL;
  sqlite3_stmt *statement = NULL;

  g_assert_no_error (error);
  for (guint i = 0; i < contacts->len; i++)
    {
      const CrmContactRecord *contact = g_ptr_array_index (contacts, i);
      g_autofree char *line = g_strdup_printf (
          "%s|%s|%d|%" G_GINT64_FORMAT "|%" G_GINT64_FORMAT "|%" G_GINT64_FORMAT "\n",
          contact->name, contact->email != NULL ? contact->email : "", contact->lifecycle,
          contact->captured_at, contact->updated_at, contact->last_contacted_at);

      g_checksum_update (checksum, (const guchar *) line, -1);
    }

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db,
                                       "SELECT contact_id, ifnull (from_stage, ''), to_stage, "
                                       "changed_at FROM contact_lifecycle_history ORDER BY id",
                                       -1, &statement, NULL),
                   ==, SQLITE_OK);
  while (sqlite3_step (statement) == SQLITE_ROW)
    {
      gint64 contact_id = sqlite3_column_int64 (statement, 0);
      gint64 changed_at = sqlite3_column_int64 (statement, 3);
      g_autofree char *line
          = g_strdup_printf ("%" G_GINT64_FORMAT "|%s|%s|%" G_GINT64_FORMAT "\n", contact_id,
                             (const char *) sqlite3_column_text (statement, 1),
                             (const char *) sqlite3_column_text (statement, 2), changed_at);

      g_checksum_update (checksum, (const guchar *) line, -1);
    }
  sqlite3_finalize (statement);
  sqlite3_close (db);
  return g_strdup (g_checksum_get_string (checksum));
}

static void
test_seed_deterministic (Fixture *fixture, gconstpointer data)
{
  g_autofree char *other_path = g_build_filename (fixture->folder, "other.db", NULL);
  g_autofree char *third_path = g_build_filename (fixture->folder, "third.db", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (CrmStore) other = crm_store_open (other_path, &error);
  g_autoptr (CrmStore) third = crm_store_open (third_path, &error);
  g_autofree char *digest = NULL;
  g_autofree char *other_digest = NULL;
  g_autofree char *third_digest = NULL;
  CrmSeedOptions options;

  g_assert_no_error (error);
  small_options (&options, 99);
  seed (fixture->store, &options);
  seed (other, &options);
  options.seed = 100;
  seed (third, &options);

  digest = deals_digest (fixture->store);
  other_digest = deals_digest (other);
  third_digest = deals_digest (third);
  g_assert_cmpstr (digest, ==, other_digest);
  g_assert_cmpstr (digest, !=, third_digest);

  g_clear_pointer (&digest, g_free);
  g_clear_pointer (&other_digest, g_free);
  g_clear_pointer (&third_digest, g_free);
  digest = contacts_digest (fixture->store, fixture->path);
  other_digest = contacts_digest (other, other_path);
  third_digest = contacts_digest (third, third_path);
  g_assert_cmpstr (digest, ==, other_digest);
  g_assert_cmpstr (digest, !=, third_digest);
}

/* When each contact that ever won a deal first did so: contact id → closed_at. */
static GHashTable *
collect_first_wins (CrmStore *store, GPtrArray *stages)
{
  GHashTable *first_wins = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);

  for (guint s = 0; s < stages->len; s++)
    {
      const CrmStageRecord *stage = g_ptr_array_index (stages, s);
      g_autoptr (GError) error = NULL;
      g_autoptr (GArray) ids = NULL;

      if (stage->kind != CRM_STAGE_KIND_WON)
        continue;
      ids = crm_store_list_deal_ids_in_stage (store, stage->id, &error);
      g_assert_no_error (error);
      for (guint d = 0; d < ids->len; d++)
        {
          g_autoptr (CrmDealRecord) deal
              = crm_store_get_deal (store, g_array_index (ids, gint64, d), &error);
          gint64 *first_win;

          g_assert_no_error (error);
          first_win = g_hash_table_lookup (first_wins, &deal->contact_id);
          if (first_win == NULL)
            g_hash_table_insert (first_wins, g_memdup2 (&deal->contact_id, sizeof (gint64)),
                                 g_memdup2 (&deal->closed_at, sizeof (gint64)));
          else
            *first_win = MIN (*first_win, deal->closed_at);
        }
    }
  return first_wins;
}

typedef struct
{
  char *from; /* "" on the row written when the contact was created */
  char *to;
  gint64 changed_at;
} LifecycleChange;

static void
lifecycle_change_free (gpointer data)
{
  LifecycleChange *change = data;

  g_free (change->from);
  g_free (change->to);
  g_free (change);
}

/* A contact's lifecycle history, oldest first. */
static GPtrArray *
list_lifecycle_history (sqlite3 *db, gint64 contact_id)
{
  GPtrArray *history = g_ptr_array_new_with_free_func (lifecycle_change_free);
  sqlite3_stmt *statement = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db,
                                       "SELECT ifnull (from_stage, ''), to_stage, changed_at "
                                       "FROM contact_lifecycle_history WHERE contact_id = ?1 "
                                       "ORDER BY id",
                                       -1, &statement, NULL),
                   ==, SQLITE_OK);
  sqlite3_bind_int64 (statement, 1, contact_id);
  while (sqlite3_step (statement) == SQLITE_ROW)
    {
      LifecycleChange *change = g_new0 (LifecycleChange, 1);

      change->from = g_strdup ((const char *) sqlite3_column_text (statement, 0));
      change->to = g_strdup ((const char *) sqlite3_column_text (statement, 1));
      change->changed_at = sqlite3_column_int64 (statement, 2);
      g_ptr_array_add (history, change);
    }
  sqlite3_finalize (statement);
  return history;
}

static const LifecycleChange *
find_change (GPtrArray *history, CrmLifecycleStage from, CrmLifecycleStage to)
{
  for (guint i = 0; i < history->len; i++)
    {
      const LifecycleChange *change = g_ptr_array_index (history, i);

      if (g_str_equal (change->from, crm_lifecycle_stage_to_string (from))
          && g_str_equal (change->to, crm_lifecycle_stage_to_string (to)))
        return change;
    }
  return NULL;
}

/* A customer's history: created as an opportunity, a customer when its first deal was won, and
 * then only forward in time, never past the reference day. */
static void
assert_customer_history (GPtrArray *history, const CrmContactRecord *contact, gint64 first_win)
{
  const LifecycleChange *became_customer
      = find_change (history, CRM_LIFECYCLE_OPPORTUNITY, CRM_LIFECYCLE_CUSTOMER);
  const LifecycleChange *last = g_ptr_array_index (history, history->len - 1);

  g_assert_nonnull (became_customer);
  g_assert_cmpint (became_customer->changed_at, ==, first_win);
  g_assert_cmpstr (last->to, ==, crm_lifecycle_stage_to_string (contact->lifecycle));
  for (guint i = 0; i < history->len; i++)
    {
      const LifecycleChange *change = g_ptr_array_index (history, i);

      g_assert_cmpint (change->changed_at, <=, REFERENCE_DAY);
      if (i > 0)
        g_assert_cmpint (change->changed_at, >=,
                         ((LifecycleChange *) g_ptr_array_index (history, i - 1))->changed_at);
    }
}

/* About one customer in ten left. Each churned contact's history ends with a customer → churned
 * row after its first won deal closed and not after the reference day, and nobody talked to it
 * after that. */
static void
test_seed_churn (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) stages = list_stages (fixture->store);
  g_autoptr (GHashTable) first_wins = NULL;
  g_autoptr (GPtrArray) contacts = NULL;
  sqlite3 *db = NULL;
  guint n_customers = 0, n_churned = 0;
  CrmSeedOptions options;

  crm_seed_options_init (&options);
  options.n_contacts = 4000;
  options.n_deals = 700;
  options.n_activities = 6000;
  options.seed = 21;
  options.now = REFERENCE_DAY;
  seed (fixture->store, &options);
  first_wins = collect_first_wins (fixture->store, stages);
  contacts = crm_store_fetch_contacts (fixture->store, NULL, 0, 0, G_MAXUINT, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (contacts->len, ==, 4000);
  g_assert_cmpint (sqlite3_open_v2 (fixture->path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);

  for (guint i = 0; i < contacts->len; i++)
    {
      const CrmContactRecord *contact = g_ptr_array_index (contacts, i);
      const gint64 *first_win = g_hash_table_lookup (first_wins, &contact->id);
      g_autoptr (GPtrArray) history = NULL;
      const LifecycleChange *churn;

      /* Dated by the story, not by the clock of the machine that seeded. */
      g_assert_cmpint (contact->updated_at, <=, REFERENCE_DAY);
      g_assert_cmpint (contact->updated_at, >=, contact->last_contacted_at);
      g_assert_cmpint (was_customer (contact), ==, first_win != NULL);
      if (first_win == NULL)
        continue;
      n_customers++;
      history = list_lifecycle_history (db, contact->id);
      assert_customer_history (history, contact, *first_win);
      if (contact->lifecycle != CRM_LIFECYCLE_CHURNED)
        continue;

      n_churned++;
      churn = find_change (history, CRM_LIFECYCLE_CUSTOMER, CRM_LIFECYCLE_CHURNED);
      g_assert_true (churn == g_ptr_array_index (history, history->len - 1));
      g_assert_cmpint (churn->changed_at, >, *first_win);
      g_assert_cmpint (churn->changed_at, <=, REFERENCE_DAY);
      g_assert_cmpint (contact->last_contacted_at, <=, churn->changed_at);
    }
  sqlite3_close (db);

  g_assert_cmpuint (n_churned, >, 0);
  g_assert_cmpuint (n_churned * 100, >=, n_customers * 3);
  g_assert_cmpuint (n_churned * 100, <=, n_customers * 20);
}

/* The seed writes the scores and stages the default rules give at its reference time: a
 * rescoring then finds nothing to change, and some time later it does. Leads the rules qualify
 * were captured as leads and became Qualified after their last contact, before the reference
 * time. */
static void
assert_scores_as_rules (Fixture *fixture, guint32 seed_number, gint64 now)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) contacts = NULL;
  sqlite3 *db = NULL;
  guint n_low = 0, n_high = 0, n_qualified_by_score = 0, n_leads = 0;
  CrmSeedOptions options;
  CrmScoreRules rules;
  CrmScoreCounts counts = { 0 };

  crm_seed_options_init (&options);
  options.n_contacts = 3000;
  options.n_deals = 500;
  options.n_activities = 6000;
  options.seed = seed_number;
  options.now = now;
  seed (fixture->store, &options);
  crm_score_rules_init (&rules);
  contacts = crm_store_fetch_contacts (fixture->store, NULL, 0, 0, G_MAXUINT, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (contacts->len, ==, 3000);
  g_assert_cmpint (sqlite3_open_v2 (fixture->path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);

  for (guint i = 0; i < contacts->len; i++)
    {
      const CrmContactRecord *contact = g_ptr_array_index (contacts, i);
      g_autoptr (GPtrArray) history = NULL;
      g_autoptr (CrmScoreExplanation) then = NULL;
      const LifecycleChange *qualified;

      n_low += contact->score <= 30;
      n_high += contact->score >= 50;
      if (contact->lifecycle == CRM_LIFECYCLE_LEAD)
        {
          g_assert_cmpint (contact->score, <, rules.qualify_threshold);
          n_leads++;
        }
      if (contact->lifecycle != CRM_LIFECYCLE_QUALIFIED)
        continue;
      history = list_lifecycle_history (db, contact->id);
      qualified = find_change (history, CRM_LIFECYCLE_LEAD, CRM_LIFECYCLE_QUALIFIED);
      if (qualified == NULL)
        continue; /* judged a fit by hand at capture */

      n_qualified_by_score++;
      g_assert_cmpint (contact->score, >=, rules.qualify_threshold);
      g_assert_cmpuint (history->len, ==, 2);
      g_assert_cmpstr (((LifecycleChange *) g_ptr_array_index (history, 0))->to, ==, "lead");
      g_assert_true (qualified == g_ptr_array_index (history, 1));
      g_assert_cmpint (qualified->changed_at, >, contact->captured_at);
      g_assert_cmpint (qualified->changed_at, >, contact->last_contacted_at);
      g_assert_cmpint (qualified->changed_at, <=, now);
      /* The rules agreed then too. */
      then = crm_lead_score_explain (fixture->store, &rules, contact->id, qualified->changed_at,
                                     &error);
      g_assert_no_error (error);
      g_assert_cmpint (then->score, >=, rules.qualify_threshold);
      g_assert_cmpint (contact->updated_at, >=, qualified->changed_at);
      g_assert_cmpint (contact->updated_at, >=, contact->last_contacted_at);
      g_assert_cmpint (contact->updated_at, <=, now);
    }
  sqlite3_close (db);

  /* Not one score for all: cold and hot contacts, and leads the rules qualified. */
  g_assert_cmpuint (n_low, >, 0);
  g_assert_cmpuint (n_high, >, 0);
  g_assert_cmpuint (n_qualified_by_score, >, 0);
  g_assert_cmpuint (n_leads, >, 0);

  g_assert_true (crm_lead_score_update_all (fixture->store, &rules, now, &counts, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (counts.n_contacts, ==, 3000);
  g_assert_cmpuint (counts.n_changed, ==, 0);
  g_assert_cmpuint (counts.n_qualified, ==, 0);

  /* Four months on, silence has cost points: the check above could fail. */
  g_assert_true (
      crm_lead_score_update_all (fixture->store, &rules, now + 120 * 86400, &counts, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (counts.n_changed, >, 0);
}

static void
test_seed_scores_as_rules (Fixture *fixture, gconstpointer data)
{
  assert_scores_as_rules (fixture, 21, REFERENCE_DAY);
}

/* Another seed and --date: the scores follow the reference time. */
static void
test_seed_scores_as_rules_other_date (Fixture *fixture, gconstpointer data)
{
  assert_scores_as_rules (fixture, 77, G_GINT64_CONSTANT (1609459200)); /* 2021-01-01 */
}

typedef struct
{
  CrmSeedPhase last_phase;
  guint n_phase_ends;
} ProgressLog;

static void
on_progress (CrmSeedPhase phase, guint done, guint total, gpointer user_data)
{
  ProgressLog *log = user_data;

  g_assert_cmpint (phase, >=, log->last_phase);
  g_assert_cmpint (phase, <, CRM_SEED_N_PHASES);
  g_assert_cmpuint (done, <=, total);
  log->last_phase = phase;
  if (done == total)
    log->n_phase_ends++;
}

static void
test_seed_progress (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  ProgressLog log = { 0 };
  CrmSeedOptions options;

  small_options (&options, 5);
  g_assert_true (crm_seed_database (fixture->store, &options, on_progress, &log, &error));
  g_assert_no_error (error);
  g_assert_cmpint (log.last_phase, ==, CRM_SEED_PHASE_COMMIT);
  g_assert_cmpuint (log.n_phase_ends, >=, CRM_SEED_N_PHASES);
}

static void
test_seed_empty (Fixture *fixture, gconstpointer data)
{
  CrmSeedOptions options;

  crm_seed_options_init (&options);
  options.n_contacts = options.n_deals = options.n_activities = 0;
  options.now = REFERENCE_DAY;
  seed (fixture->store, &options);
  g_assert_cmpint (count (fixture->store, CRM_ENTITY_CONTACT), ==, 0);
  g_assert_cmpint (count (fixture->store, CRM_ENTITY_COMPANY), ==, 0);
  g_assert_cmpint (count (fixture->store, CRM_ENTITY_DEAL), ==, 0);
}

/* Refused options write nothing and leave no transaction open. */
static void
test_seed_invalid_options (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  CrmSeedOptions options;

  crm_seed_options_init (&options);
  options.n_contacts = 0;
  options.n_deals = 10;
  g_assert_false (crm_seed_database (fixture->store, &options, NULL, NULL, &error));
  g_assert_error (error, CRM_SEED_ERROR, CRM_SEED_ERROR_INVALID_OPTIONS);
  g_assert_cmpint (count (fixture->store, CRM_ENTITY_DEAL), ==, 0);

  g_clear_error (&error);
  g_assert_true (crm_store_begin (fixture->store, &error));
  g_assert_no_error (error);
  g_assert_true (crm_store_commit (fixture->store, &error));
}

/* A second seeding adds to what is there, with its own consistent deals. */
static void
test_seed_twice_appends (Fixture *fixture, gconstpointer data)
{
  CrmSeedOptions options;

  small_options (&options, 8);
  seed (fixture->store, &options);
  seed (fixture->store, &options);
  g_assert_cmpint (count (fixture->store, CRM_ENTITY_CONTACT), ==, 800);
  g_assert_cmpint (count (fixture->store, CRM_ENTITY_DEAL), ==, 320);
  assert_company_names (fixture->store);
}

/* One bulk transaction: one RESET per entity, no per-row signals. */
typedef struct
{
  guint n_resets;
  guint n_others;
} SignalLog;

static void
on_changed (
    CrmStore *store, guint entity, guint action, gint64 id, gpointer old_record, gpointer user_data)
{
  SignalLog *log = user_data;

  if (action == CRM_CHANGE_RESET)
    log->n_resets++;
  else
    log->n_others++;
}

static void
test_seed_one_transaction (Fixture *fixture, gconstpointer data)
{
  SignalLog log = { 0 };
  CrmSeedOptions options;

  small_options (&options, 2);
  g_signal_connect (fixture->store, "changed", G_CALLBACK (on_changed), &log);
  seed (fixture->store, &options);
  g_assert_cmpuint (log.n_others, ==, 0);
  g_assert_cmpuint (log.n_resets, >=, 5);
  g_assert_cmpuint (log.n_resets, <=, CRM_N_ENTITIES);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  CRM_TEST_ADD_WITH_STORE ("/seed/consistent", test_seed_consistent);
  CRM_TEST_ADD_WITH_STORE ("/seed/lifecycles", test_seed_lifecycles);
  CRM_TEST_ADD_WITH_STORE ("/seed/deterministic", test_seed_deterministic);
  CRM_TEST_ADD_WITH_STORE ("/seed/churn", test_seed_churn);
  CRM_TEST_ADD_WITH_STORE ("/seed/scores-as-rules", test_seed_scores_as_rules);
  CRM_TEST_ADD_WITH_STORE ("/seed/scores-as-rules-other-date",
                           test_seed_scores_as_rules_other_date);
  CRM_TEST_ADD_WITH_STORE ("/seed/progress", test_seed_progress);
  CRM_TEST_ADD_WITH_STORE ("/seed/empty", test_seed_empty);
  CRM_TEST_ADD_WITH_STORE ("/seed/invalid-options", test_seed_invalid_options);
  CRM_TEST_ADD_WITH_STORE ("/seed/twice-appends", test_seed_twice_appends);
  CRM_TEST_ADD_WITH_STORE ("/seed/one-transaction", test_seed_one_transaction);

  return g_test_run ();
}

/* test-lead-score.c — the rule-based lead score on hand-made contacts: every rule, the reasons
 * adding up to the score (also when it is capped), and the update of every contact's score in
 * one transaction; the rules read from GSettings (the memory backend), Lead → Qualified at the
 * threshold, and the keeper that recomputes scores after writes and rule changes. The expected
 * figures are worked out by hand in the comments. */
#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>

#include "crm-lead-score.h"
#include "crm-score-keeper.h"
#include "crm-test-util.h"

#define DAY (24 * 60 * 60)
#define NOW ((gint64) 1800000000)

typedef struct
{
  char *folder;
  CrmStore *store;
  CrmScoreRules rules;
} Fixture;

static void
fixture_set_up (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = NULL;

  fixture->folder = g_dir_make_tmp ("rapport-score-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (fixture->folder, "rapport.db", NULL);
  fixture->store = crm_store_open (path, &error);
  g_assert_no_error (error);
  crm_score_rules_init (&fixture->rules);
}

static void
fixture_tear_down (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GSettings) settings = g_settings_new (APPLICATION_ID);
  const char *const *keys = crm_score_rules_get_keys ();

  /* The memory backend lives as long as the process: the next test starts from defaults. */
  for (guint i = 0; keys[i] != NULL; i++)
    g_settings_reset (settings, keys[i]);
  g_clear_object (&fixture->store);
  crm_test_remove_tree (fixture->folder);
  g_free (fixture->folder);
}

static gint64
source_id (Fixture *fixture, const char *name)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) sources = crm_store_list_lead_sources (fixture->store, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < sources->len; i++)
    if (g_str_equal (((CrmLeadSourceRecord *) sources->pdata[i])->name, name))
      return ((CrmLeadSourceRecord *) sources->pdata[i])->id;
  g_assert_not_reached ();
}

static void
add_activity (Fixture *fixture, gint64 contact_id, CrmActivityKind kind, gint64 occurred_at)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CrmActivityRecord) activity = crm_activity_record_new ();

  activity->kind = kind;
  activity->subject = g_strdup ("Talked");
  activity->contact_id = contact_id;
  activity->occurred_at = occurred_at;
  g_assert_true (crm_store_insert_activity (fixture->store, activity, &error));
  g_assert_no_error (error);
}

static int
sum_of_reasons (const CrmScoreExplanation *explanation)
{
  int sum = 0;

  for (guint i = 0; i < explanation->reasons->len; i++)
    sum += ((CrmScoreReason *) explanation->reasons->pdata[i])->points;
  return sum;
}

static gboolean
has_reason (const CrmScoreExplanation *explanation, int points, const char *text)
{
  for (guint i = 0; i < explanation->reasons->len; i++)
    {
      const CrmScoreReason *reason = explanation->reasons->pdata[i];

      if (reason->points == points && strstr (reason->reason, text) != NULL)
        return TRUE;
    }
  return FALSE;
}

static void
test_score_rules (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CrmCompanyRecord) company = crm_company_record_new ();
  g_autoptr (CrmContactRecord) hot = crm_contact_record_new ();
  g_autoptr (CrmContactRecord) cold = crm_contact_record_new ();
  g_autoptr (CrmContactRecord) fresh = crm_contact_record_new ();
  g_autoptr (CrmScoreExplanation) explanation = NULL;

  company->name = g_strdup ("Initech");
  g_assert_true (crm_store_insert_company (fixture->store, company, &error));

  /* Hot: company +10, "Head of IT" +15, referral +20, budget yes +10, need yes +10,
   * timeline no −5, a meeting 3 days ago +15, 2 calls and 2 e-mails in 30 days: 4 × 5 = 20,
   * capped at +15. 10 + 15 + 20 + 10 + 10 − 5 + 15 + 15 = 90. */
  hot->name = g_strdup ("Hot Lead");
  hot->title = g_strdup ("Head of IT");
  hot->company_id = company->id;
  hot->source_id = source_id (fixture, "Referral");
  hot->bant_budget = CRM_BANT_YES;
  hot->bant_need = CRM_BANT_YES;
  hot->bant_timeline = CRM_BANT_NO;
  hot->captured_at = NOW - 100 * DAY;
  g_assert_true (crm_store_insert_contact (fixture->store, hot, &error));
  add_activity (fixture, hot->id, CRM_ACTIVITY_MEETING, NOW - 3 * DAY);
  add_activity (fixture, hot->id, CRM_ACTIVITY_CALL, NOW - 5 * DAY);
  add_activity (fixture, hot->id, CRM_ACTIVITY_CALL, NOW - 6 * DAY);
  add_activity (fixture, hot->id, CRM_ACTIVITY_EMAIL, NOW - 7 * DAY);
  add_activity (fixture, hot->id, CRM_ACTIVITY_EMAIL, NOW - 8 * DAY);
  /* Older than 30 days, and one in the future: neither counts. */
  add_activity (fixture, hot->id, CRM_ACTIVITY_MEETING, NOW - 45 * DAY);
  add_activity (fixture, hot->id, CRM_ACTIVITY_CALL, NOW + 2 * DAY);

  explanation = crm_lead_score_explain (fixture->store, &fixture->rules, hot->id, NOW, &error);
  g_assert_no_error (error);
  g_assert_cmpint (explanation->score, ==, 90);
  g_assert_cmpint (sum_of_reasons (explanation), ==, explanation->score);
  g_assert_true (has_reason (explanation, 10, "company"));
  g_assert_true (has_reason (explanation, 15, "Head of IT"));
  g_assert_true (has_reason (explanation, 20, "referral"));
  g_assert_true (has_reason (explanation, -5, "timeline"));
  g_assert_true (has_reason (explanation, 15, "meeting in the last 30 days"));
  g_assert_true (has_reason (explanation, 15, "4 calls or e-mails"));
  g_clear_pointer (&explanation, crm_score_explanation_free);

  /* Cold: no company, title "Engineer" (no points), cold outreach, budget no −5, authority
   * no −5; last call 130 days ago: silent −20. −30 is below 0: a last line +30, score 0. */
  cold->name = g_strdup ("Cold Lead");
  cold->title = g_strdup ("Engineer");
  cold->source_id = source_id (fixture, "Cold outreach");
  cold->bant_budget = CRM_BANT_NO;
  cold->bant_authority = CRM_BANT_NO;
  cold->captured_at = NOW - 400 * DAY;
  g_assert_true (crm_store_insert_contact (fixture->store, cold, &error));
  add_activity (fixture, cold->id, CRM_ACTIVITY_CALL, NOW - 130 * DAY);
  explanation = crm_lead_score_explain (fixture->store, &fixture->rules, cold->id, NOW, &error);
  g_assert_no_error (error);
  g_assert_cmpint (explanation->score, ==, 0);
  g_assert_cmpint (sum_of_reasons (explanation), ==, 0);
  g_assert_true (has_reason (explanation, -20, "no contact for 120 days"));
  g_assert_true (has_reason (explanation, 30, "stops at 0"));
  g_clear_pointer (&explanation, crm_score_explanation_free);

  /* Fresh: captured 10 days ago, nothing else: nothing to say, 0, not "silent". Seventy
   * days later without any contact: quiet −10, capped back to 0 by +10. */
  fresh->name = g_strdup ("Fresh Lead");
  fresh->captured_at = NOW - 10 * DAY;
  g_assert_true (crm_store_insert_contact (fixture->store, fresh, &error));
  explanation = crm_lead_score_explain (fixture->store, &fixture->rules, fresh->id, NOW, &error);
  g_assert_cmpint (explanation->score, ==, 0);
  g_assert_cmpuint (explanation->reasons->len, ==, 0);
  g_clear_pointer (&explanation, crm_score_explanation_free);
  explanation
      = crm_lead_score_explain (fixture->store, &fixture->rules, fresh->id, NOW + 70 * DAY, &error);
  g_assert_true (has_reason (explanation, -10, "no contact for 60 days"));
  g_assert_cmpint (sum_of_reasons (explanation), ==, explanation->score);
}

/* Above 100: the last line takes the excess off. */
static void
test_score_capped_at_100 (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CrmContactRecord) contact = crm_contact_record_new ();
  g_autoptr (CrmScoreExplanation) explanation = NULL;

  fixture->rules.referral_source = 95;
  contact->name = g_strdup ("Golden");
  contact->title = g_strdup ("CEO");
  contact->source_id = source_id (fixture, "Referral");
  contact->captured_at = NOW - DAY;
  g_assert_true (crm_store_insert_contact (fixture->store, contact, &error));
  /* 15 + 95 = 110, then −10. */
  explanation = crm_lead_score_explain (fixture->store, &fixture->rules, contact->id, NOW, &error);
  g_assert_cmpint (explanation->score, ==, 100);
  g_assert_cmpint (sum_of_reasons (explanation), ==, 100);
  g_assert_true (has_reason (explanation, -10, "stops at 100"));
}

/* Every contact scored in one go; only changed scores are written, and the stored score is
 * the explained one. */
static void
test_score_update_all (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CrmContactRecord) referred = crm_contact_record_new ();
  g_autoptr (CrmContactRecord) stored = NULL;
  CrmScoreCounts counts = { 0 };

  for (int i = 0; i < 1200; i++)
    {
      g_autoptr (CrmContactRecord) contact = crm_contact_record_new ();

      contact->name = g_strdup_printf ("Person %04d", i);
      contact->captured_at = NOW - DAY;
      g_assert_true (crm_store_insert_contact (fixture->store, contact, &error));
    }
  referred->name = g_strdup ("Referred");
  referred->source_id = source_id (fixture, "Referral");
  referred->captured_at = NOW - DAY;
  g_assert_true (crm_store_insert_contact (fixture->store, referred, &error));
  g_assert_no_error (error);

  g_assert_true (crm_lead_score_update_all (fixture->store, &fixture->rules, NOW, &counts, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (counts.n_contacts, ==, 1201);
  g_assert_cmpuint (counts.n_changed, ==, 1); /* the others stay at 0 */
  g_assert_cmpuint (counts.n_qualified, ==, 0);
  stored = crm_store_get_contact (fixture->store, referred->id, &error);
  g_assert_cmpint (stored->score, ==, 20);

  /* Nothing changed since: nothing written. */
  g_assert_true (crm_lead_score_update_all (fixture->store, &fixture->rules, NOW, &counts, &error));
  g_assert_cmpuint (counts.n_changed, ==, 0);
}

/* The explanation from facts in hand is the one read from the store, line by line, when the
 * facts are those the store holds: a source name stands for the source. */
static void
assert_same_explanation (const CrmScoreExplanation *a, const CrmScoreExplanation *b)
{
  g_assert_cmpint (a->score, ==, b->score);
  g_assert_cmpuint (a->reasons->len, ==, b->reasons->len);
  for (guint i = 0; i < a->reasons->len; i++)
    {
      const CrmScoreReason *x = a->reasons->pdata[i], *y = b->reasons->pdata[i];

      g_assert_cmpint (x->points, ==, y->points);
      g_assert_cmpstr (x->reason, ==, y->reason);
    }
}

static void
test_score_explain_record (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CrmCompanyRecord) company = crm_company_record_new ();
  g_autoptr (CrmContactRecord) contact = crm_contact_record_new ();
  g_autoptr (CrmScoreExplanation) stored = NULL;
  g_autoptr (CrmScoreExplanation) in_hand = NULL;
  CrmActivityStats stats;
  const gint64 times[] = { NOW, NOW + 29 * DAY, NOW + 31 * DAY, NOW + 90 * DAY, NOW + 200 * DAY };

  company->name = g_strdup ("Initech");
  g_assert_true (crm_store_insert_company (fixture->store, company, &error));
  contact->name = g_strdup ("Partnered");
  contact->title = g_strdup ("VP Sales");
  contact->company_id = company->id;
  contact->source_id = source_id (fixture, "Partner");
  contact->bant_need = CRM_BANT_YES;
  contact->bant_budget = CRM_BANT_NO;
  contact->captured_at = NOW - 50 * DAY;
  contact->last_contacted_at = NOW - 2 * DAY;
  g_assert_true (crm_store_insert_contact (fixture->store, contact, &error));
  g_assert_no_error (error);
  add_activity (fixture, contact->id, CRM_ACTIVITY_MEETING, NOW - 30 * DAY); /* the edge */
  add_activity (fixture, contact->id, CRM_ACTIVITY_EMAIL, NOW - 2 * DAY);
  add_activity (fixture, contact->id, CRM_ACTIVITY_NOTE, NOW - DAY);

  /* Over time the window empties and silence sets in: each time, the same lines. */
  for (guint i = 0; i < G_N_ELEMENTS (times); i++)
    {
      stored
          = crm_lead_score_explain (fixture->store, &fixture->rules, contact->id, times[i], &error);
      g_assert_no_error (error);
      g_assert_true (crm_store_get_contact_activity_stats (
          fixture->store, contact->id, crm_score_rules_get_recent_since (&fixture->rules, times[i]),
          times[i], &stats, &error));
      in_hand
          = crm_lead_score_explain_record (&fixture->rules, contact, &stats, "Partner", times[i]);
      assert_same_explanation (stored, in_hand);
      g_clear_pointer (&stored, crm_score_explanation_free);
      g_clear_pointer (&in_hand, crm_score_explanation_free);
    }

  /* Worked out at NOW: company +10, "VP Sales" +15, partner +10, need yes +10, budget no −5,
   * the meeting 30 days ago (on the window's edge) +15, one e-mail +5: 60. */
  memset (&stats, 0, sizeof stats);
  stats.recent_meetings = 1;
  stats.recent_touches = 1;
  stats.last_activity_at = NOW - DAY;
  in_hand = crm_lead_score_explain_record (&fixture->rules, contact, &stats, "Partner", NOW);
  g_assert_cmpint (in_hand->score, ==, 60);
  g_assert_true (has_reason (in_hand, 10, "partner"));
  g_clear_pointer (&in_hand, crm_score_explanation_free);
  /* No source: 10 less, whatever the record's source_id says. */
  in_hand = crm_lead_score_explain_record (&fixture->rules, contact, &stats, NULL, NOW);
  g_assert_cmpint (in_hand->score, ==, 50);
  g_assert_cmpint (sum_of_reasons (in_hand), ==, 50);
}

/* Lead → Qualified as one function: leads only, at the threshold and above, when on. */
static void
test_score_rules_qualify (Fixture *fixture, gconstpointer data)
{
  CrmScoreRules *rules = &fixture->rules;

  g_assert_cmpint (rules->qualify_threshold, ==, 50);
  g_assert_cmpint (crm_score_rules_qualify (rules, CRM_LIFECYCLE_LEAD, 49), ==, CRM_LIFECYCLE_LEAD);
  g_assert_cmpint (crm_score_rules_qualify (rules, CRM_LIFECYCLE_LEAD, 50), ==,
                   CRM_LIFECYCLE_QUALIFIED);
  g_assert_cmpint (crm_score_rules_qualify (rules, CRM_LIFECYCLE_OPPORTUNITY, 90), ==,
                   CRM_LIFECYCLE_OPPORTUNITY);
  g_assert_cmpint (crm_score_rules_qualify (rules, CRM_LIFECYCLE_CHURNED, 90), ==,
                   CRM_LIFECYCLE_CHURNED);
  rules->auto_qualify = FALSE;
  g_assert_cmpint (crm_score_rules_qualify (rules, CRM_LIFECYCLE_LEAD, 90), ==, CRM_LIFECYCLE_LEAD);
  g_assert_cmpint (crm_score_rules_get_recent_since (rules, NOW), ==, NOW - 30 * DAY);
}

/* ---- Rules from GSettings -------------------------------------------------------------- */

/* The schema's defaults are the built-in rules; a changed key changes the score, and the
 * reasons still add up to it. */
static void
test_score_rules_from_settings (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GSettings) settings = g_settings_new (APPLICATION_ID);
  g_autoptr (GError) error = NULL;
  g_autoptr (CrmContactRecord) contact = crm_contact_record_new ();
  g_autoptr (CrmScoreExplanation) explanation = NULL;
  CrmScoreRules loaded;

  crm_score_rules_load (settings, &loaded);
  g_assert_cmpmem (&loaded, sizeof loaded, &fixture->rules, sizeof fixture->rules);

  /* Referral +20, a call 2 days ago +5, no company: 25. */
  contact->name = g_strdup ("Referred");
  contact->source_id = source_id (fixture, "Referral");
  contact->captured_at = NOW - 5 * DAY;
  g_assert_true (crm_store_insert_contact (fixture->store, contact, &error));
  add_activity (fixture, contact->id, CRM_ACTIVITY_CALL, NOW - 2 * DAY);
  explanation = crm_lead_score_explain (fixture->store, &loaded, contact->id, NOW, &error);
  g_assert_cmpint (explanation->score, ==, 25);
  g_clear_pointer (&explanation, crm_score_explanation_free);

  /* Referral +35, a call +8, and the call is recent only within 1 day: 35. Then within 3 days
   * again, and the "no contact" rules at 1 and 4 days: 35 + 8 = 43, never quiet. */
  g_settings_set_int (settings, "score-referral-source", 35);
  g_settings_set_int (settings, "score-recent-touch", 8);
  g_settings_set_int (settings, "score-recent-days", 1);
  crm_score_rules_load (settings, &loaded);
  g_assert_cmpint (loaded.referral_source, ==, 35);
  g_assert_cmpuint (loaded.recent_days, ==, 1);
  explanation = crm_lead_score_explain (fixture->store, &loaded, contact->id, NOW, &error);
  g_assert_no_error (error);
  g_assert_cmpint (explanation->score, ==, 35);
  g_assert_true (has_reason (explanation, 35, "referral"));
  g_assert_cmpint (sum_of_reasons (explanation), ==, explanation->score);
  g_clear_pointer (&explanation, crm_score_explanation_free);

  /* Silent after 1 day (−30): 35 − 30 = 5; 2 days after the last call. */
  g_settings_set_int (settings, "score-silent-days", 1);
  g_settings_set_int (settings, "score-silent-penalty", -30);
  crm_score_rules_load (settings, &loaded);
  explanation = crm_lead_score_explain (fixture->store, &loaded, contact->id, NOW, &error);
  g_assert_cmpint (explanation->score, ==, 5);
  g_assert_true (has_reason (explanation, -30, "no contact for 1 day"));
  g_assert_cmpint (sum_of_reasons (explanation), ==, explanation->score);
  g_clear_pointer (&explanation, crm_score_explanation_free);

  /* Pushed past 100 by the settings: capped, and the lines still add up. */
  g_settings_set_int (settings, "score-referral-source", 100);
  g_settings_set_int (settings, "score-silent-penalty", 0);
  crm_score_rules_load (settings, &loaded);
  explanation = crm_lead_score_explain (fixture->store, &loaded, contact->id, NOW, &error);
  g_assert_cmpint (explanation->score, ==, 100);
  g_assert_cmpint (sum_of_reasons (explanation), ==, 100);

  g_settings_set_boolean (settings, "auto-qualify", FALSE);
  g_settings_set_int (settings, "qualify-threshold", 70);
  crm_score_rules_load (settings, &loaded);
  g_assert_false (loaded.auto_qualify);
  g_assert_cmpint (loaded.qualify_threshold, ==, 70);
}

/* ---- Lead → Qualified ------------------------------------------------------------------- */

static gint64
add_contact (Fixture *fixture, const char *name, CrmLifecycleStage lifecycle, const char *source)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CrmContactRecord) contact = crm_contact_record_new ();

  contact->name = g_strdup (name);
  contact->title = g_strdup ("CEO");
  contact->lifecycle = lifecycle;
  contact->source_id = source != NULL ? source_id (fixture, source) : 0;
  contact->captured_at = NOW - 2 * DAY;
  g_assert_true (crm_store_insert_contact (fixture->store, contact, &error));
  g_assert_no_error (error);
  return contact->id;
}

static CrmContactRecord *
get_contact (Fixture *fixture, gint64 id)
{
  g_autoptr (GError) error = NULL;
  CrmContactRecord *contact = crm_store_get_contact (fixture->store, id, &error);

  g_assert_no_error (error);
  return contact;
}

/* The lifecycle history of a contact, as "from>to" pairs, oldest first. */
static char *
lifecycle_history (Fixture *fixture, gint64 contact_id)
{
  g_autoptr (GString) history = g_string_new (NULL);
  g_autofree char *sql = g_strdup_printf (
      "SELECT ifnull (from_stage, '-') || '>' || to_stage FROM "
      "contact_lifecycle_history WHERE contact_id = %" G_GINT64_FORMAT " ORDER BY id",
      contact_id);
  sqlite3 *db = NULL;
  sqlite3_stmt *statement = NULL;

  g_assert_cmpint (
      sqlite3_open_v2 (crm_store_get_path (fixture->store), &db, SQLITE_OPEN_READONLY, NULL), ==,
      SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &statement, NULL), ==, SQLITE_OK);
  while (sqlite3_step (statement) == SQLITE_ROW)
    g_string_append_printf (history, "%s%s", history->len > 0 ? " " : "",
                            (const char *) sqlite3_column_text (statement, 0));
  sqlite3_finalize (statement);
  sqlite3_close (db);
  return g_string_free (g_steal_pointer (&history), FALSE);
}

/* A lead reaching the threshold becomes Qualified, recorded in its history; below it, with
 * auto-qualify off, or at any other stage, the stage stays. */
static void
test_score_qualifies_leads (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CrmContactRecord) contact = NULL;
  g_autofree char *history = NULL;
  CrmScoreCounts counts = { 0 };
  /* CEO +15, referral +20: 35. */
  gint64 lead = add_contact (fixture, "Lead", CRM_LIFECYCLE_LEAD, "Referral");
  gint64 customer = add_contact (fixture, "Customer", CRM_LIFECYCLE_CUSTOMER, "Referral");
  gint64 churned = add_contact (fixture, "Churned", CRM_LIFECYCLE_CHURNED, "Referral");

  fixture->rules.qualify_threshold = 36;
  g_assert_true (crm_lead_score_update_all (fixture->store, &fixture->rules, NOW, &counts, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (counts.n_qualified, ==, 0);
  contact = get_contact (fixture, lead);
  g_assert_cmpint (contact->score, ==, 35);
  g_assert_cmpint (contact->lifecycle, ==, CRM_LIFECYCLE_LEAD);
  g_clear_pointer (&contact, crm_contact_record_free);

  /* At the threshold exactly: but auto-qualify is off. */
  fixture->rules.qualify_threshold = 35;
  fixture->rules.auto_qualify = FALSE;
  g_assert_true (crm_lead_score_update_all (fixture->store, &fixture->rules, NOW, &counts, &error));
  g_assert_cmpuint (counts.n_changed, ==, 0);
  contact = get_contact (fixture, lead);
  g_assert_cmpint (contact->lifecycle, ==, CRM_LIFECYCLE_LEAD);
  g_clear_pointer (&contact, crm_contact_record_free);

  /* On: the lead moves, the customer and the churned contact (same score) stay. */
  fixture->rules.auto_qualify = TRUE;
  g_assert_true (crm_lead_score_update_all (fixture->store, &fixture->rules, NOW, &counts, &error));
  g_assert_cmpuint (counts.n_contacts, ==, 3);
  g_assert_cmpuint (counts.n_changed, ==, 1);
  g_assert_cmpuint (counts.n_qualified, ==, 1);
  contact = get_contact (fixture, lead);
  g_assert_cmpint (contact->lifecycle, ==, CRM_LIFECYCLE_QUALIFIED);
  g_assert_cmpint (contact->score, ==, 35);
  g_clear_pointer (&contact, crm_contact_record_free);
  history = lifecycle_history (fixture, lead);
  g_assert_cmpstr (history, ==, "->lead lead>qualified");
  contact = get_contact (fixture, customer);
  g_assert_cmpint (contact->lifecycle, ==, CRM_LIFECYCLE_CUSTOMER);
  g_clear_pointer (&contact, crm_contact_record_free);
  contact = get_contact (fixture, churned);
  g_assert_cmpint (contact->lifecycle, ==, CRM_LIFECYCLE_CHURNED);
  g_clear_pointer (&contact, crm_contact_record_free);

  /* Qualified stays Qualified when the score drops again: the move is one way. */
  fixture->rules.referral_source = 0;
  g_assert_true (
      crm_lead_score_update_contact (fixture->store, &fixture->rules, lead, NOW, &counts, &error));
  contact = get_contact (fixture, lead);
  g_assert_cmpint (contact->score, ==, 15);
  g_assert_cmpint (contact->lifecycle, ==, CRM_LIFECYCLE_QUALIFIED);
}

/* ---- The keeper ------------------------------------------------------------------------- */

/* Runs the main loop until nothing is ready (the keeper's idle callbacks included). */
static void
drain_main_loop (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
wait_for_pass (CrmScoreKeeper *keeper)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (!crm_score_keeper_get_rescoring (keeper) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (crm_score_keeper_get_rescoring (keeper));
  while (crm_score_keeper_get_rescoring (keeper) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (crm_score_keeper_get_rescoring (keeper));
}

/* A contact's insert, its update and its activities each bring its score up to date from the
 * main loop; a write that changes no score writes nothing more. */
static void
test_keeper_follows_writes (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GSettings) settings = g_settings_new (APPLICATION_ID);
  g_autoptr (CrmScoreKeeper) keeper = crm_score_keeper_new (fixture->store, settings, NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (CrmCompanyRecord) company = crm_company_record_new ();
  g_autoptr (CrmContactRecord) contact = crm_contact_record_new ();
  g_autoptr (CrmContactRecord) stored = NULL;
  g_autoptr (CrmActivityRecord) meeting = crm_activity_record_new ();
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  guint64 writes;

  company->name = g_strdup ("Initech");
  g_assert_true (crm_store_insert_company (fixture->store, company, &error));

  /* Referral +20. */
  contact->name = g_strdup ("Peter");
  contact->source_id = source_id (fixture, "Referral");
  g_assert_true (crm_store_insert_contact (fixture->store, contact, &error));
  drain_main_loop ();
  stored = get_contact (fixture, contact->id);
  g_assert_cmpint (stored->score, ==, 20);
  g_clear_pointer (&stored, crm_contact_record_free);

  /* At a company now: +10. */
  contact->company_id = company->id;
  contact->score = 20;
  g_assert_true (crm_store_update_contact (fixture->store, contact, &error));
  drain_main_loop ();
  stored = get_contact (fixture, contact->id);
  g_assert_cmpint (stored->score, ==, 30);
  g_clear_pointer (&stored, crm_contact_record_free);

  /* A meeting today: +15; moved to another contact, the score goes back. */
  meeting->kind = CRM_ACTIVITY_MEETING;
  meeting->subject = g_strdup ("Demo");
  meeting->contact_id = contact->id;
  meeting->occurred_at = now - 60;
  g_assert_true (crm_store_insert_activity (fixture->store, meeting, &error));
  drain_main_loop ();
  stored = get_contact (fixture, contact->id);
  g_assert_cmpint (stored->score, ==, 45);
  g_clear_pointer (&stored, crm_contact_record_free);

  /* Renamed: the score is recomputed, is the same, and is not written. */
  stored = get_contact (fixture, contact->id);
  g_free (stored->name);
  stored->name = g_strdup ("Peter Gibbons");
  g_assert_true (crm_store_update_contact (fixture->store, stored, &error));
  g_clear_pointer (&stored, crm_contact_record_free);
  writes = crm_store_get_n_write_statements (fixture->store);
  drain_main_loop ();
  g_assert_cmpuint (crm_store_get_n_write_statements (fixture->store), ==, writes);

  /* Deleted: the score falls back to 30 (and the keeper wrote exactly one statement). */
  g_assert_true (crm_store_delete_activity (fixture->store, meeting->id, &error));
  writes = crm_store_get_n_write_statements (fixture->store);
  drain_main_loop ();
  g_assert_cmpuint (crm_store_get_n_write_statements (fixture->store), ==, writes + 1);
  stored = get_contact (fixture, contact->id);
  g_assert_cmpint (stored->score, ==, 30);
  g_clear_pointer (&stored, crm_contact_record_free);

  /* A pass over everyone after that changes nothing, so writes nothing. */
  writes = crm_store_get_n_write_statements (fixture->store);
  crm_score_keeper_rescore_all (keeper);
  while (crm_score_keeper_get_rescoring (keeper))
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (crm_store_get_n_write_statements (fixture->store), ==, writes);
  g_assert_cmpuint (crm_score_keeper_get_last_counts (keeper)->n_contacts, ==, 1);
  g_assert_cmpuint (crm_score_keeper_get_last_counts (keeper)->n_changed, ==, 0);
}

/* A pass over everyone waits while it is held (the user types a search), then runs. */
static void
test_keeper_held (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GSettings) settings = g_settings_new (APPLICATION_ID);
  g_autoptr (CrmScoreKeeper) keeper = crm_score_keeper_new (fixture->store, settings, NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (CrmContactRecord) contact = crm_contact_record_new ();
  gint64 started, deadline;

  contact->name = g_strdup ("Peter");
  g_assert_true (crm_store_insert_contact (fixture->store, contact, &error));
  drain_main_loop ();

  crm_score_keeper_hold (keeper, 300);
  started = g_get_monotonic_time ();
  crm_score_keeper_rescore_all (keeper);
  deadline = started + 150 * G_TIME_SPAN_MILLISECOND;
  while (g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);
  g_assert_true (crm_score_keeper_get_rescoring (keeper));
  deadline = started + 5 * G_USEC_PER_SEC;
  while (crm_score_keeper_get_rescoring (keeper) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (crm_score_keeper_get_rescoring (keeper));
  g_assert_cmpint (g_get_monotonic_time () - started, >=, 300 * G_TIME_SPAN_MILLISECOND);
  g_assert_cmpuint (crm_score_keeper_get_last_counts (keeper)->n_contacts, ==, 1);
}

/* A lead crossing the threshold through the keeper becomes Qualified; a rule changed in
 * the settings rescores everyone (and qualifies by the new numbers). */
static void
test_keeper_rules_changed (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GSettings) settings = g_settings_new (APPLICATION_ID);
  g_autoptr (CrmScoreKeeper) keeper = crm_score_keeper_new (fixture->store, settings, NULL);
  g_autoptr (CrmContactRecord) contact = NULL;
  /* CEO +15, referral +20: 35; CEO + event +5: 20. */
  gint64 referred = add_contact (fixture, "Referred", CRM_LIFECYCLE_LEAD, "Referral");
  gint64 met = add_contact (fixture, "Met", CRM_LIFECYCLE_LEAD, "Event");

  drain_main_loop ();
  contact = get_contact (fixture, referred);
  g_assert_cmpint (contact->score, ==, 35);
  g_assert_cmpint (contact->lifecycle, ==, CRM_LIFECYCLE_LEAD);
  g_clear_pointer (&contact, crm_contact_record_free);

  /* Referral worth 40 now: 55, over 50. The event contact is not touched (20 again). */
  g_settings_set_int (settings, "score-referral-source", 40);
  wait_for_pass (keeper);
  contact = get_contact (fixture, referred);
  g_assert_cmpint (contact->score, ==, 55);
  g_assert_cmpint (contact->lifecycle, ==, CRM_LIFECYCLE_QUALIFIED);
  g_clear_pointer (&contact, crm_contact_record_free);
  g_assert_cmpuint (crm_score_keeper_get_last_counts (keeper)->n_changed, ==, 1);
  g_assert_cmpuint (crm_score_keeper_get_last_counts (keeper)->n_qualified, ==, 1);

  /* Auto-qualify off, threshold 10: the event lead (20) stays a lead. */
  g_settings_set_boolean (settings, "auto-qualify", FALSE);
  g_settings_set_int (settings, "qualify-threshold", 10);
  wait_for_pass (keeper);
  contact = get_contact (fixture, met);
  g_assert_cmpint (contact->score, ==, 20);
  g_assert_cmpint (contact->lifecycle, ==, CRM_LIFECYCLE_LEAD);
  g_clear_pointer (&contact, crm_contact_record_free);

  /* On again: it moves. */
  g_settings_set_boolean (settings, "auto-qualify", TRUE);
  wait_for_pass (keeper);
  contact = get_contact (fixture, met);
  g_assert_cmpint (contact->lifecycle, ==, CRM_LIFECYCLE_QUALIFIED);
}

static gboolean
insert_meeting (CrmStore *store, gpointer user_data, GError **error)
{
  g_autoptr (CrmActivityRecord) meeting = crm_activity_record_new ();

  meeting->kind = CRM_ACTIVITY_MEETING;
  meeting->subject = g_strdup ("Lunch");
  meeting->contact_id = *(gint64 *) user_data;
  meeting->occurred_at = g_get_real_time () / G_USEC_PER_SEC - 60;
  return crm_store_insert_activity (store, meeting, error);
}

/* The score a logged meeting brings joins the meeting's undo step: undoing the meeting takes
 * the points (and the move to Qualified) back too. */
static void
test_keeper_joins_undo_step (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GSettings) settings = g_settings_new (APPLICATION_ID);
  g_autoptr (CrmUndoManager) undo = crm_undo_manager_new (fixture->store);
  g_autoptr (CrmScoreKeeper) keeper = crm_score_keeper_new (fixture->store, settings, undo);
  g_autoptr (GError) error = NULL;
  g_autoptr (CrmContactRecord) contact = NULL;
  g_autofree char *history = NULL;
  gint64 id = add_contact (fixture, "Samir", CRM_LIFECYCLE_LEAD, "Referral");

  drain_main_loop ();
  /* 35 + meeting 15 = 50: Qualified. */
  g_assert_true (crm_undo_manager_record (undo, "Logged a meeting", insert_meeting, &id, &error));
  g_assert_no_error (error);
  drain_main_loop ();
  contact = get_contact (fixture, id);
  g_assert_cmpint (contact->score, ==, 50);
  g_assert_cmpint (contact->lifecycle, ==, CRM_LIFECYCLE_QUALIFIED);
  g_clear_pointer (&contact, crm_contact_record_free);

  g_assert_true (crm_undo_manager_undo (undo, &error));
  g_assert_no_error (error);
  drain_main_loop ();
  contact = get_contact (fixture, id);
  g_assert_cmpint (contact->score, ==, 35);
  g_assert_cmpint (contact->lifecycle, ==, CRM_LIFECYCLE_LEAD);
  g_assert_cmpint (crm_store_count (fixture->store, CRM_ENTITY_ACTIVITY, NULL), ==, 0);
  g_assert_false (crm_undo_manager_get_can_undo (undo));
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define TEST_F(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  TEST_F ("/score/rules", test_score_rules);
  TEST_F ("/score/capped-at-100", test_score_capped_at_100);
  TEST_F ("/score/update-all", test_score_update_all);
  TEST_F ("/score/explain-record", test_score_explain_record);
  TEST_F ("/score/rules-qualify", test_score_rules_qualify);
  TEST_F ("/score/rules-from-settings", test_score_rules_from_settings);
  TEST_F ("/score/qualifies-leads", test_score_qualifies_leads);
  TEST_F ("/score/keeper/follows-writes", test_keeper_follows_writes);
  TEST_F ("/score/keeper/held", test_keeper_held);
  TEST_F ("/score/keeper/rules-changed", test_keeper_rules_changed);
  TEST_F ("/score/keeper/joins-undo-step", test_keeper_joins_undo_step);
#undef TEST_F

  return g_test_run ();
}

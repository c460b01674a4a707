/* test-lead-score.c — the rule-based lead score on hand-made contacts: every rule, the reasons
 * adding up to the score (also when it is capped), and the update of every contact's score in
 * one transaction. The expected figures are worked out by hand in the comments. */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "crm-lead-score.h"
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
  guint n_contacts = 0, n_changed = 0;

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

  g_assert_true (crm_lead_score_update_all (fixture->store, &fixture->rules, NOW, &n_contacts,
                                            &n_changed, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_contacts, ==, 1201);
  g_assert_cmpuint (n_changed, ==, 1); /* the others stay at 0 */
  stored = crm_store_get_contact (fixture->store, referred->id, &error);
  g_assert_cmpint (stored->score, ==, 20);

  /* Nothing changed since: nothing written. */
  g_assert_true (crm_lead_score_update_all (fixture->store, &fixture->rules, NOW, &n_contacts,
                                            &n_changed, &error));
  g_assert_cmpuint (n_changed, ==, 0);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define TEST_F(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  TEST_F ("/score/rules", test_score_rules);
  TEST_F ("/score/capped-at-100", test_score_capped_at_100);
  TEST_F ("/score/update-all", test_score_update_all);
#undef TEST_F

  return g_test_run ();
}

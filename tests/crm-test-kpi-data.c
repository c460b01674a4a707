/* crm-test-kpi-data.c — the hand-built database of the KPI tests. Every fact is listed here;
 * test-kpi.c and tests/cli/test-cli.c work out the KPIs from this list by hand.
 *
 * Pipelines: "Sales" (the default) with the stages IC Initial contact 10 %, QU Qualification
 * 20 %, NA Needs assessment 40 %, PR Proposal 60 %, NE Negotiation 80 %, W Won, L Lost
 * (positions 0–6), and "Partners", a copy (P-IC … P-W, P-L). Times are UTC, 2024 unless said.
 *
 * Contacts (captured, source, lifecycle changes; the first entry is the lifecycle at capture):
 *   C1  2023-11-10  Referral  lead → customer 2023-12-01
 *   C2  2023-11-20  Website   lead → customer 2023-12-15 → churned 02-10
 *   C3  2023-10-05  Event     lead → customer 2023-11-01 → advocate 01-20
 *   C4  2023-09-01  Referral  lead → customer 2023-10-01 → churned 2023-12-20
 *   C5  01-15       Website   lead → customer 02-20
 *   C6  02-01       Website   lead
 *   C7  03-10       (none)    lead → customer 03-25 → churned 05-05
 *   C8  03-31 23:00 Partner   lead → qualified 04-02
 *   C9  04-01 00:00 Referral  lead → customer 04-20
 *   C10 05-01       Event     lead
 *
 * Deals (value in minor units; stage path with the day each stage was entered; created on the
 * day of the first; exp = expected close; override = probability override):
 *   D1  Sales    EUR 100000  IC 2023-12-01, QU 2023-12-10, PR 01-05, W 01-20     C1
 *   D2  Sales    EUR  50000  IC 01-02, QU 01-10, L 02-01 (Price)
 *   D3  Sales    USD  30000  IC 01-10, QU 01-20, NA 02-01, PR 02-15, NE 03-01, W 03-10   C5
 *   D4  Sales    EUR  20000  IC 02-01, W 02-11                                   C1
 *   D5  Sales    USD  10000  IC 02-05, L 03-31 12:00 (Chose a competitor)
 *   D6  Sales    EUR  40000  IC 03-01, QU 03-05, L 04-01 00:00 (Price); exp 04-10
 *   D7  Sales    EUR  80000  IC 02-10, PR 03-15 (open); exp 04-20
 *   D8  Sales    USD  20000  IC 03-20, QU 05-01 (open); exp 07-15; override 50 %
 *   D9  Sales    EUR  15000  IC 05-10 (open); no exp
 *   D10 Sales    EUR  25000  IC 01-15, NA 02-20, W 05-15; exp 05-10             C9
 *   D11 Sales    EUR  60000  IC 2023-11-15, NE 01-25, L 06-01 (no reason); exp 03-15
 *   D12 Partners EUR  70000  P-IC 01-05, P-W 02-25                              C3
 *   D13 Partners EUR  10005  P-IC 03-01 (open); exp 08-01
 *   D14 Sales    EUR   5000  created in W 2023-06-10 12:00 (no contact, no company)
 *
 * Feedback:
 *   NPS  10 C1 01-05; 9 C3 02-01; 8 C1 02-15; 6 C2 02-05; 10 C3 03-01; 3 C5 03-31 23:59:59;
 *        0 C5 04-01 00:00
 *   CSAT 5 C1 01-10; 4 C3 02-10; 3 C5 02-20; 1 C1 03-05
 *
 * Acquisition spend (month, source, amount):
 *   2023-12 Website EUR 777; 2024-01 Website EUR 300000; 2024-02 Referral EUR 100000;
 *   2024-03 Event USD 50000; 2024-04 Website EUR 90000
 */
#include <string.h>

#include "crm-test-kpi-data.h"

gint64
crm_test_utc (int year, int month, int day, int hour, int minute, int second)
{
  g_autoptr (GDateTime) moment = g_date_time_new_utc (year, month, day, hour, minute, second);

  g_assert_nonnull (moment);
  return g_date_time_to_unix (moment);
}

#define DAY(y, m, d) crm_test_utc ((y), (m), (d), 0, 0, 0)

static void
list_stages (CrmStore *store, gint64 pipeline_id, gint64 *ids)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) stages = crm_store_list_stages (store, pipeline_id, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (stages->len, ==, 7);
  for (guint i = 0; i < stages->len; i++)
    ids[i] = ((CrmStageRecord *) stages->pdata[i])->id;
}

static gint64
add_contact (CrmStore *store, const char *name, gint64 captured_at, gint64 source_id)
{
  g_autoptr (CrmContactRecord) contact = crm_contact_record_new ();
  g_autoptr (GError) error = NULL;

  contact->name = g_strdup (name);
  contact->captured_at = captured_at;
  contact->source_id = source_id;
  g_assert_true (crm_store_insert_contact (store, contact, &error));
  g_assert_no_error (error);
  return contact->id;
}

/* The history row of the change is dated by the updated_at written with it. */
static void
change_lifecycle (CrmStore *store, gint64 contact_id, CrmLifecycleStage stage, gint64 when)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CrmContactRecord) contact = crm_store_get_contact (store, contact_id, &error);

  g_assert_no_error (error);
  contact->lifecycle = stage;
  contact->updated_at = when;
  g_assert_true (crm_store_update_contact (store, contact, &error));
  g_assert_no_error (error);
}

static gint64
add_deal (CrmStore *store,
          gint64 stage_id,
          const char *currency,
          gint64 value_minor,
          gint64 created_at,
          gint64 expected_close,
          int probability_override,
          gint64 contact_id)
{
  g_autoptr (CrmDealRecord) deal = crm_deal_record_new ();
  g_autoptr (GError) error = NULL;

  deal->title = g_strdup ("Deal");
  deal->stage_id = stage_id;
  deal->currency = g_strdup (currency);
  deal->value_minor = value_minor;
  deal->created_at = created_at;
  deal->expected_close = expected_close;
  deal->probability_override = probability_override;
  deal->contact_id = contact_id;
  g_assert_true (crm_store_insert_deal (store, deal, &error));
  g_assert_no_error (error);
  return deal->id;
}

static void
move (CrmStore *store, gint64 deal_id, gint64 stage_id, gint64 when)
{
  g_autoptr (GError) error = NULL;

  g_assert_true (crm_store_move_deal_at (store, deal_id, stage_id, -1, when, &error));
  g_assert_no_error (error);
}

static void
set_lost_reason (CrmStore *store, gint64 deal_id, gint64 lost_reason_id)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CrmDealRecord) deal = crm_store_get_deal (store, deal_id, &error);

  g_assert_no_error (error);
  deal->lost_reason_id = lost_reason_id;
  g_assert_true (crm_store_update_deal (store, deal, &error));
  g_assert_no_error (error);
}

static void
add_answer (CrmStore *store, gint64 contact_id, CrmFeedbackKind kind, int score, gint64 when)
{
  g_autoptr (CrmFeedbackRecord) answer = crm_feedback_record_new ();
  g_autoptr (GError) error = NULL;

  answer->contact_id = contact_id;
  answer->kind = kind;
  answer->score = score;
  answer->answered_at = when;
  g_assert_true (crm_store_insert_feedback (store, answer, &error));
  g_assert_no_error (error);
}

static void
add_spend (
    CrmStore *store, gint64 source_id, gint64 month_start, const char *currency, gint64 amount)
{
  g_autoptr (CrmAcquisitionSpendRecord) spend = crm_acquisition_spend_record_new ();
  g_autoptr (GError) error = NULL;

  spend->source_id = source_id;
  spend->month_start = month_start;
  spend->currency = g_strdup (currency);
  spend->amount_minor = amount;
  g_assert_true (crm_store_insert_acquisition_spend (store, spend, &error));
  g_assert_no_error (error);
}

static void
read_reference_data (CrmStore *store, CrmTestKpiData *data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) pipelines = crm_store_list_pipelines (store, &error);
  g_autoptr (GPtrArray) sources = NULL;
  g_autoptr (GPtrArray) reasons = NULL;

  g_assert_no_error (error);
  data->sales_id = ((CrmPipelineRecord *) pipelines->pdata[0])->id;
  data->partners_id = crm_store_create_pipeline (store, "Partners", 0, &error);
  g_assert_no_error (error);
  list_stages (store, data->sales_id, data->sales_stages);
  list_stages (store, data->partners_id, data->partners_stages);

  sources = crm_store_list_lead_sources (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sources->len, ==, 7);
  for (guint i = 0; i < 7; i++)
    data->sources[i] = ((CrmLeadSourceRecord *) sources->pdata[i])->id;
  reasons = crm_store_list_lost_reasons (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (reasons->len, >=, 2);
  for (guint i = 0; i < 2; i++)
    data->lost_reasons[i] = ((CrmLostReasonRecord *) reasons->pdata[i])->id;
}

enum
{
  IC,
  QU,
  NA,
  PR,
  NE,
  W,
  L
};
enum
{
  REFERRAL,
  WEBSITE,
  EVENT,
  COLD,
  IMPORT,
  PARTNER,
  OTHER
};

static void
write_contacts (CrmStore *store, CrmTestKpiData *data)
{
  gint64 *c = data->contacts;

  c[1] = add_contact (store, "C1", DAY (2023, 11, 10), data->sources[REFERRAL]);
  change_lifecycle (store, c[1], CRM_LIFECYCLE_CUSTOMER, DAY (2023, 12, 1));
  c[2] = add_contact (store, "C2", DAY (2023, 11, 20), data->sources[WEBSITE]);
  change_lifecycle (store, c[2], CRM_LIFECYCLE_CUSTOMER, DAY (2023, 12, 15));
  change_lifecycle (store, c[2], CRM_LIFECYCLE_CHURNED, DAY (2024, 2, 10));
  c[3] = add_contact (store, "C3", DAY (2023, 10, 5), data->sources[EVENT]);
  change_lifecycle (store, c[3], CRM_LIFECYCLE_CUSTOMER, DAY (2023, 11, 1));
  change_lifecycle (store, c[3], CRM_LIFECYCLE_ADVOCATE, DAY (2024, 1, 20));
  c[4] = add_contact (store, "C4", DAY (2023, 9, 1), data->sources[REFERRAL]);
  change_lifecycle (store, c[4], CRM_LIFECYCLE_CUSTOMER, DAY (2023, 10, 1));
  change_lifecycle (store, c[4], CRM_LIFECYCLE_CHURNED, DAY (2023, 12, 20));
  c[5] = add_contact (store, "C5", DAY (2024, 1, 15), data->sources[WEBSITE]);
  change_lifecycle (store, c[5], CRM_LIFECYCLE_CUSTOMER, DAY (2024, 2, 20));
  c[6] = add_contact (store, "C6", DAY (2024, 2, 1), data->sources[WEBSITE]);
  c[7] = add_contact (store, "C7", DAY (2024, 3, 10), 0);
  change_lifecycle (store, c[7], CRM_LIFECYCLE_CUSTOMER, DAY (2024, 3, 25));
  change_lifecycle (store, c[7], CRM_LIFECYCLE_CHURNED, DAY (2024, 5, 5));
  c[8] = add_contact (store, "C8", crm_test_utc (2024, 3, 31, 23, 0, 0), data->sources[PARTNER]);
  change_lifecycle (store, c[8], CRM_LIFECYCLE_QUALIFIED, DAY (2024, 4, 2));
  c[9] = add_contact (store, "C9", DAY (2024, 4, 1), data->sources[REFERRAL]);
  change_lifecycle (store, c[9], CRM_LIFECYCLE_CUSTOMER, DAY (2024, 4, 20));
  c[10] = add_contact (store, "C10", DAY (2024, 5, 1), data->sources[EVENT]);
}

static void
write_deals (CrmStore *store, CrmTestKpiData *data)
{
  const gint64 *s = data->sales_stages, *p = data->partners_stages, *c = data->contacts;
  gint64 *d = data->deals;

  d[1] = add_deal (store, s[IC], "EUR", 100000, DAY (2023, 12, 1), 0, -1, c[1]);
  move (store, d[1], s[QU], DAY (2023, 12, 10));
  move (store, d[1], s[PR], DAY (2024, 1, 5));
  move (store, d[1], s[W], DAY (2024, 1, 20));

  d[2] = add_deal (store, s[IC], "EUR", 50000, DAY (2024, 1, 2), 0, -1, 0);
  move (store, d[2], s[QU], DAY (2024, 1, 10));
  move (store, d[2], s[L], DAY (2024, 2, 1));
  set_lost_reason (store, d[2], data->lost_reasons[0]);

  d[3] = add_deal (store, s[IC], "USD", 30000, DAY (2024, 1, 10), 0, -1, c[5]);
  move (store, d[3], s[QU], DAY (2024, 1, 20));
  move (store, d[3], s[NA], DAY (2024, 2, 1));
  move (store, d[3], s[PR], DAY (2024, 2, 15));
  move (store, d[3], s[NE], DAY (2024, 3, 1));
  move (store, d[3], s[W], DAY (2024, 3, 10));

  d[4] = add_deal (store, s[IC], "EUR", 20000, DAY (2024, 2, 1), 0, -1, c[1]);
  move (store, d[4], s[W], DAY (2024, 2, 11));

  d[5] = add_deal (store, s[IC], "USD", 10000, DAY (2024, 2, 5), 0, -1, 0);
  move (store, d[5], s[L], crm_test_utc (2024, 3, 31, 12, 0, 0));
  set_lost_reason (store, d[5], data->lost_reasons[1]);

  d[6] = add_deal (store, s[IC], "EUR", 40000, DAY (2024, 3, 1), DAY (2024, 4, 10), -1, 0);
  move (store, d[6], s[QU], DAY (2024, 3, 5));
  move (store, d[6], s[L], DAY (2024, 4, 1));
  set_lost_reason (store, d[6], data->lost_reasons[0]);

  d[7] = add_deal (store, s[IC], "EUR", 80000, DAY (2024, 2, 10), DAY (2024, 4, 20), -1, 0);
  move (store, d[7], s[PR], DAY (2024, 3, 15));

  d[8] = add_deal (store, s[IC], "USD", 20000, DAY (2024, 3, 20), DAY (2024, 7, 15), 50, 0);
  move (store, d[8], s[QU], DAY (2024, 5, 1));

  d[9] = add_deal (store, s[IC], "EUR", 15000, DAY (2024, 5, 10), 0, -1, 0);

  d[10] = add_deal (store, s[IC], "EUR", 25000, DAY (2024, 1, 15), DAY (2024, 5, 10), -1, c[9]);
  move (store, d[10], s[NA], DAY (2024, 2, 20));
  move (store, d[10], s[W], DAY (2024, 5, 15));

  d[11] = add_deal (store, s[IC], "EUR", 60000, DAY (2023, 11, 15), DAY (2024, 3, 15), -1, 0);
  move (store, d[11], s[NE], DAY (2024, 1, 25));
  move (store, d[11], s[L], DAY (2024, 6, 1));

  d[12] = add_deal (store, p[IC], "EUR", 70000, DAY (2024, 1, 5), 0, -1, c[3]);
  move (store, d[12], p[W], DAY (2024, 2, 25));

  d[13] = add_deal (store, p[IC], "EUR", 10005, DAY (2024, 3, 1), DAY (2024, 8, 1), -1, 0);

  d[14] = add_deal (store, s[W], "EUR", 5000, crm_test_utc (2023, 6, 10, 12, 0, 0), 0, -1, 0);
}

static void
write_feedback (CrmStore *store, CrmTestKpiData *data)
{
  const gint64 *c = data->contacts;

  add_answer (store, c[1], CRM_FEEDBACK_NPS, 10, DAY (2024, 1, 5));
  add_answer (store, c[3], CRM_FEEDBACK_NPS, 9, DAY (2024, 2, 1));
  add_answer (store, c[1], CRM_FEEDBACK_NPS, 8, DAY (2024, 2, 15));
  add_answer (store, c[2], CRM_FEEDBACK_NPS, 6, DAY (2024, 2, 5));
  add_answer (store, c[3], CRM_FEEDBACK_NPS, 10, DAY (2024, 3, 1));
  add_answer (store, c[5], CRM_FEEDBACK_NPS, 3, crm_test_utc (2024, 3, 31, 23, 59, 59));
  add_answer (store, c[5], CRM_FEEDBACK_NPS, 0, DAY (2024, 4, 1));
  add_answer (store, c[1], CRM_FEEDBACK_CSAT, 5, DAY (2024, 1, 10));
  add_answer (store, c[3], CRM_FEEDBACK_CSAT, 4, DAY (2024, 2, 10));
  add_answer (store, c[5], CRM_FEEDBACK_CSAT, 3, DAY (2024, 2, 20));
  add_answer (store, c[1], CRM_FEEDBACK_CSAT, 1, DAY (2024, 3, 5));
}

void
crm_test_kpi_data_write (CrmStore *store, CrmTestKpiData *data)
{
  memset (data, 0, sizeof *data);
  read_reference_data (store, data);
  write_contacts (store, data);
  write_deals (store, data);
  write_feedback (store, data);
  add_spend (store, data->sources[WEBSITE], DAY (2023, 12, 1), "EUR", 777);
  add_spend (store, data->sources[WEBSITE], DAY (2024, 1, 1), "EUR", 300000);
  add_spend (store, data->sources[REFERRAL], DAY (2024, 2, 1), "EUR", 100000);
  add_spend (store, data->sources[EVENT], DAY (2024, 3, 1), "USD", 50000);
  add_spend (store, data->sources[WEBSITE], DAY (2024, 4, 1), "EUR", 90000);
}

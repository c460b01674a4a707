/* crm-kpi-people.c — the KPIs of a period about people and money spent on finding them: new
 * leads by source and how many became customers, churn and new customers by the lifecycle
 * history, NPS and CSAT, and the acquisition cost; and what every part of a period shares (its
 * buckets, the lead source counts). */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "crm-kpi-private.h"
#include "crm-store-kpi.h"

/* ---- Buckets ------------------------------------------------------------------------------------ */

/* The bucket of @time among @bounds, or -1 outside them. */
int
crm_kpi_find_bucket (const gint64 *bounds, guint n_bounds, gint64 time)
{
  guint low = 0, high = n_bounds - 1;

  if (time < bounds[0] || time >= bounds[n_bounds - 1])
    return -1;
  /* bounds[low] <= time < bounds[high] */
  while (high - low > 1)
    {
      guint middle = (low + high) / 2;

      if (time < bounds[middle])
        high = middle;
      else
        low = middle;
    }
  return (int) low;
}

CrmKpiMonth *
crm_kpi_period_month (const CrmKpiPeriod *period, gint64 time)
{
  int bucket;

  if (period->series == NULL)
    return NULL;
  bucket = crm_kpi_find_bucket (period->bounds, period->n_bounds, time);
  return bucket >= 0 ? &g_array_index (period->series->months, CrmKpiMonth, bucket) : NULL;
}

gboolean
crm_kpi_in_period (const CrmKpiPeriod *period, gint64 time)
{
  return time >= period->from && time < period->to;
}

/* ---- Lead sources --------------------------------------------------------------------------------- */

/* One CrmKpiSourceCount per lead source, zeroed; "none" is appended when it has leads. */
GArray *
crm_kpi_source_counts_new (const CrmKpiFacts *facts)
{
  GArray *counts = g_array_new (FALSE, TRUE, sizeof (CrmKpiSourceCount));

  g_array_set_clear_func (counts, crm_kpi_source_count_clear);
  for (guint i = 0; i < facts->sources->len; i++)
    {
      const CrmLeadSourceRecord *source = g_ptr_array_index (facts->sources, i);
      CrmKpiSourceCount count = { source->id, g_strdup (source->name), 0, 0 };

      g_array_append_val (counts, count);
    }
  return counts;
}

static void
source_counts_add (GArray *counts, gint64 source_id, gboolean customer_now)
{
  CrmKpiSourceCount *count = NULL;

  for (guint i = 0; i < counts->len && count == NULL; i++)
    if (g_array_index (counts, CrmKpiSourceCount, i).source_id == source_id)
      count = &g_array_index (counts, CrmKpiSourceCount, i);
  if (count == NULL)
    {
      /* No source (the list is read in the same snapshot, so it knows every other). */
      CrmKpiSourceCount fresh = { source_id, NULL, 0, 0 };

      g_array_append_val (counts, fresh);
      count = &g_array_index (counts, CrmKpiSourceCount, counts->len - 1);
    }
  count->n_contacts++;
  if (customer_now)
    count->n_customers_now++;
}

/* ---- Contacts ----------------------------------------------------------------------------------- */

static gboolean
is_customer (CrmLifecycleStage stage)
{
  return stage == CRM_LIFECYCLE_CUSTOMER || stage == CRM_LIFECYCLE_ADVOCATE;
}

void
crm_kpi_compute_new_leads (const CrmKpiPeriod *period)
{
  CrmKpiResult *result = period->result;

  result->new_leads_by_source = crm_kpi_source_counts_new (period->facts);
  for (guint i = 0; i < period->facts->contacts->len; i++)
    {
      const CrmKpiContactFact *contact
          = &g_array_index (period->facts->contacts, CrmKpiContactFact, i);
      gboolean customer_now = is_customer (contact->lifecycle);
      CrmKpiMonth *month;

      if (!crm_kpi_in_period (period, contact->captured_at))
        continue;
      result->n_new_leads++;
      if (customer_now)
        result->n_new_leads_customers_now++;
      source_counts_add (result->new_leads_by_source, contact->source_id, customer_now);
      month = crm_kpi_period_month (period, contact->captured_at);
      if (month != NULL)
        {
          month->n_new_leads++;
          source_counts_add (month->new_leads_by_source, contact->source_id, customer_now);
        }
    }
  if (result->n_new_leads == 0)
    crm_kpi_result_set_unavailable (result, CRM_KPI_LEAD_TO_CUSTOMER_RATE,
                                    _ ("No contact was captured in this period"));
  else
    result->lead_to_customer_rate
        = (double) result->n_new_leads_customers_now / result->n_new_leads;
}

/* Per contact, by its lifecycle changes in order: a customer at the start (its last change
 * before it made it one), churned in the period, or a customer for the first time in it. */
void
crm_kpi_compute_lifecycle (const CrmKpiPeriod *period)
{
  const GArray *changes = period->facts->lifecycle;
  CrmKpiResult *result = period->result;
  guint i = 0;

  while (i < changes->len)
    {
      gint64 contact_id = g_array_index (changes, CrmKpiLifecycleChange, i).contact_id;
      gboolean customer_at_start = FALSE, churned = FALSE;
      gint64 first_customer = G_MININT64;

      for (; i < changes->len
             && g_array_index (changes, CrmKpiLifecycleChange, i).contact_id == contact_id;
           i++)
        {
          const CrmKpiLifecycleChange *change = &g_array_index (changes, CrmKpiLifecycleChange, i);

          if (change->changed_at < period->from)
            customer_at_start = is_customer (change->to_stage);
          if (first_customer == G_MININT64 && is_customer (change->to_stage))
            first_customer = change->changed_at;
          if (change->to_stage == CRM_LIFECYCLE_CHURNED
              && crm_kpi_in_period (period, change->changed_at))
            churned = TRUE;
        }
      if (customer_at_start)
        {
          result->n_customers_at_start++;
          if (churned)
            result->n_churned++;
        }
      if (first_customer != G_MININT64 && crm_kpi_in_period (period, first_customer))
        result->n_new_customers++;
    }
  if (result->n_customers_at_start == 0)
    crm_kpi_result_set_unavailable (result, CRM_KPI_CHURN_RATE,
                                    _ ("There were no customers at the start of this period"));
  else
    result->churn_rate = (double) result->n_churned / result->n_customers_at_start;
}

/* ---- Feedback and spend ------------------------------------------------------------------------ */

void
crm_kpi_compute_feedback (const CrmKpiPeriod *period)
{
  CrmKpiResult *result = period->result;

  for (guint i = 0; i < period->facts->answers->len; i++)
    {
      const CrmKpiAnswer *answer = &g_array_index (period->facts->answers, CrmKpiAnswer, i);
      CrmKpiMonth *month;

      if (!crm_kpi_in_period (period, answer->answered_at))
        continue;
      month = crm_kpi_period_month (period, answer->answered_at);
      if (answer->kind == CRM_FEEDBACK_NPS)
        {
          gboolean promoter = answer->score >= 9, detractor = answer->score <= 6;

          result->n_nps_answers++;
          result->n_promoters += promoter;
          result->n_detractors += detractor;
          if (month != NULL)
            {
              month->n_nps_answers++;
              month->n_promoters += promoter;
              month->n_detractors += detractor;
            }
        }
      else
        {
          gboolean satisfied = answer->score >= 4;

          result->n_csat_answers++;
          result->n_satisfied += satisfied;
          if (month != NULL)
            {
              month->n_csat_answers++;
              month->n_satisfied += satisfied;
            }
        }
    }

  for (guint i = 0; period->series != NULL && i < period->series->months->len; i++)
    {
      CrmKpiMonth *month = &g_array_index (period->series->months, CrmKpiMonth, i);

      if (month->n_nps_answers > 0)
        month->nps
            = 100.0 * ((double) month->n_promoters - month->n_detractors) / month->n_nps_answers;
      if (month->n_csat_answers > 0)
        month->csat = (double) month->n_satisfied / month->n_csat_answers;
    }

  if (result->n_nps_answers == 0)
    crm_kpi_result_set_unavailable (result, CRM_KPI_NPS,
                                    _ ("No NPS answer was given in this period"));
  else
    result->nps
        = 100.0 * ((double) result->n_promoters - result->n_detractors) / result->n_nps_answers;
  if (result->n_csat_answers == 0)
    crm_kpi_result_set_unavailable (result, CRM_KPI_CSAT,
                                    _ ("No CSAT answer was given in this period"));
  else
    result->csat = (double) result->n_satisfied / result->n_csat_answers;
}

/* The part of @amount_minor that [@from, @to) covers of [@start, @end), rounded. */
static gint64
prorate (gint64 amount_minor, gint64 start, gint64 end, gint64 from, gint64 to)
{
  gint64 covered = MIN (end, to) - MAX (start, from);
  gint64 length = end - start;

  if (covered >= length)
    return amount_minor;
  /* Split so that amount × covered cannot overflow. */
  return amount_minor / length * covered
         + crm_kpi_divide_rounded (amount_minor % length * covered, length);
}

void
crm_kpi_compute_acquisition_cost (const CrmKpiPeriod *period)
{
  CrmKpiResult *result = period->result;
  guint n_months = 0;

  for (guint i = 0; i < period->facts->spend->len; i++)
    {
      const CrmAcquisitionSpendRecord *row = g_ptr_array_index (period->facts->spend, i);
      gint64 end = crm_kpi_next_utc_month_start (row->month_start);

      if (end <= period->from || row->month_start >= period->to)
        continue;
      n_months++;
      crm_kpi_money_add (
          result->acquisition_spend, row->currency,
          prorate (row->amount_minor, row->month_start, end, period->from, period->to));
    }

  if (n_months == 0)
    crm_kpi_result_set_unavailable (result, CRM_KPI_CAC,
                                    _ ("No acquisition spend was entered for this period"));
  else if (result->n_new_customers == 0)
    crm_kpi_result_set_unavailable (result, CRM_KPI_CAC,
                                    _ ("No contact became a customer in this period"));
  else
    for (guint i = 0; i < result->acquisition_spend->len; i++)
      {
        const CrmKpiMoney *total = &g_array_index (result->acquisition_spend, CrmKpiMoney, i);

        crm_kpi_money_add (result->cac, total->currency,
                           crm_kpi_divide_rounded (total->amount_minor, result->n_new_customers));
      }
}

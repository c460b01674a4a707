/* crm-seed-plan.c — the story of the sample data, planned in memory before anything is written:
 * who was captured when, which deals walked how far through the pipeline, which customers left,
 * who talked to whom and who answered a survey. A contact's lifecycle stage and "last contacted"
 * date depend on deals and activities that are written after the contact, so the whole story
 * comes first.
 */
#include "config.h"

#include "crm-seed-private.h"

/* Of the customers whose last deal closed at least CHURN_AFTER_DAYS ago, the share that left. */
#define CHURN_CHANCE 0.16
#define CHURN_AFTER_DAYS 30

/* ---- Randomness of the story --------------------------------------------------------------- */

static guint
rand_country (Seeder *s)
{
  guint weights[CRM_SEED_N_COUNTRIES];

  for (guint i = 0; i < CRM_SEED_N_COUNTRIES; i++)
    weights[i] = crm_seed_countries[i].weight;
  return rand_weighted (s, weights, CRM_SEED_N_COUNTRIES);
}

/* Capture dates lean towards the recent past: the business grows. */
static gint64
rand_capture_time (Seeder *s)
{
  guint a = rand_index (s, HISTORY_DAYS), b = rand_index (s, HISTORY_DAYS);

  return time_days_ago (s, 1 + MIN (a, b));
}

/* How long a deal sits in a stage: mostly days to weeks, sometimes months (stale deals). */
static gint64
rand_stage_duration (Seeder *s)
{
  double roll = g_rand_double (s->rand);

  if (roll < 0.65)
    return rand_time (s, 1 * DAY, 14 * DAY);
  if (roll < 0.9)
    return rand_time (s, 14 * DAY, 40 * DAY);
  return rand_time (s, 40 * DAY, 120 * DAY);
}

/* Deal sizes in bands from small starter deals to rare large rollouts, rounded to 50. */
static gint64
rand_deal_value_minor (Seeder *s)
{
  static const guint weights[] = { 25, 40, 25, 10 };
  static const guint bounds[][2]
      = { { 500, 2000 }, { 2000, 10000 }, { 10000, 50000 }, { 50000, 250000 } };
  guint band = rand_weighted (s, weights, G_N_ELEMENTS (weights));
  guint major = bounds[band][0] + rand_index (s, bounds[band][1] - bounds[band][0]);

  return (gint64) (major / 50 * 50) * 100;
}

static guint
rand_nps_score (Seeder *s)
{
  double roll = g_rand_double (s->rand);

  if (roll < 0.45)
    return 9 + rand_index (s, 2);
  if (roll < 0.75)
    return 7 + rand_index (s, 2);
  return rand_index (s, 7);
}

/* Customers who later left were less happy: mostly detractors, rarely promoters. */
static guint
rand_churned_nps_score (Seeder *s)
{
  double roll = g_rand_double (s->rand);

  if (roll < 0.1)
    return 9 + rand_index (s, 2);
  if (roll < 0.35)
    return 7 + rand_index (s, 2);
  return rand_index (s, 7);
}

static guint
rand_csat_score (Seeder *s)
{
  static const guint weights[] = { 5, 10, 15, 30, 40 };

  return 1 + rand_weighted (s, weights, G_N_ELEMENTS (weights));
}

/* ---- Planning ------------------------------------------------------------------------------ */

static void
planned_company_clear (gpointer data)
{
  PlannedCompany *company = data;

  g_clear_pointer (&company->name, g_free);
  g_clear_pointer (&company->domain, g_free);
}

static char *
slugify (const char *text)
{
  GString *slug = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p++)
    {
      if (g_ascii_isalnum (*p))
        g_string_append_c (slug, g_ascii_tolower (*p));
      else if (slug->len > 0 && slug->str[slug->len - 1] != '-')
        g_string_append_c (slug, '-');
    }
  while (slug->len > 0 && slug->str[slug->len - 1] == '-')
    g_string_truncate (slug, slug->len - 1);
  return g_string_free (slug, FALSE);
}

static void
plan_companies (Seeder *s, guint n_companies)
{
  g_autoptr (GHashTable) taken = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  s->companies = g_array_sized_new (FALSE, TRUE, sizeof (PlannedCompany), n_companies);
  g_array_set_clear_func (s->companies, planned_company_clear);

  for (guint i = 0; i < n_companies; i++)
    {
      PlannedCompany company = { 0 };
      const CrmSeedCountry *country;
      g_autofree char *base = NULL;
      g_autofree char *unique = NULL;
      g_autofree char *slug = NULL;
      guint uses;

      company.country = rand_country (s);
      company.trade = rand_index (s, CRM_SEED_N_TRADES);
      country = &crm_seed_countries[company.country];
      base = g_strdup_printf ("%s %s",
                              crm_seed_company_stems[rand_index (s, CRM_SEED_N_COMPANY_STEMS)],
                              crm_seed_trades[company.trade].noun);

      /* The n-th company of a taken name gets a variant word, then a number. */
      uses = GPOINTER_TO_UINT (g_hash_table_lookup (taken, base));
      g_hash_table_replace (taken, g_strdup (base), GUINT_TO_POINTER (uses + 1));
      if (uses == 0)
        unique = g_strdup (base);
      else if (uses <= CRM_SEED_N_NAME_VARIANTS)
        unique = g_strdup_printf ("%s %s", base, crm_seed_name_variants[uses - 1]);
      else
        unique = g_strdup_printf ("%s %u", base, uses - (guint) CRM_SEED_N_NAME_VARIANTS + 1);

      slug = slugify (unique);
      company.name = g_strdup_printf ("%s %s", unique, country->legal_form);
      company.domain = g_strdup_printf ("%s.%s", slug, country->tld);
      g_array_append_val (s->companies, company);
    }
}

static void
plan_contacts (Seeder *s, guint n_contacts)
{
  guint n_companies = s->companies->len;

  s->contacts = g_array_sized_new (FALSE, TRUE, sizeof (PlannedContact), n_contacts);
  for (guint i = 0; i < n_contacts; i++)
    {
      PlannedContact contact = { 0 };

      contact.captured_at = rand_capture_time (s);
      contact.first_name = rand_index (s, CRM_SEED_N_FIRST_NAMES);
      contact.last_name = rand_index (s, CRM_SEED_N_LAST_NAMES);
      if (n_companies > 0 && rand_chance (s, 0.88))
        contact.company = 1 + rand_index (s, n_companies);
      contact.country
          = contact.company != 0
                ? g_array_index (s->companies, PlannedCompany, contact.company - 1).country
                : rand_country (s);
      contact.source = s->sources->len > 0 ? rand_weighted (s, (guint *) s->source_weights->data,
                                                            s->source_weights->len)
                                           : 0;
      contact.owner = rand_index (s, CRM_SEED_N_OWNERS);
      contact.best_nps = -1;
      g_array_append_val (s->contacts, contact);
    }
}

static void
add_step (Seeder *s, gint64 stage_id, gint64 at)
{
  PlannedStep step = { stage_id, at };

  g_array_append_val (s->steps, step);
}

/* Walks a deal forward through the open stages from its creation until it is won, lost or
 * reaches today. Early stages lose more deals than late ones: a funnel. */
static void
plan_deal_journey (Seeder *s, PlannedDeal *deal, double advance_bonus)
{
  guint stage = 0;
  gint64 at = deal->created_at;

  deal->first_step = s->steps->len;
  add_step (s, g_array_index (s->open_stages, gint64, 0), at);
  while (TRUE)
    {
      gint64 next = at + rand_stage_duration (s);
      double advance = MIN (0.72 + 0.04 * stage + advance_bonus, 0.97);

      if (next >= s->now)
        {
          deal->outcome = OUTCOME_OPEN;
          break;
        }
      if (!rand_chance (s, advance))
        {
          deal->outcome = OUTCOME_LOST;
          deal->closed_at = next;
          deal->lost_reason = rand_index (s, s->lost_reasons->len);
          add_step (s, s->lost_stage_id, next);
          break;
        }
      if (stage + 1 == s->open_stages->len)
        {
          deal->outcome = OUTCOME_WON;
          deal->closed_at = next;
          add_step (s, s->won_stage_id, next);
          break;
        }
      stage++;
      at = next;
      add_step (s, g_array_index (s->open_stages, gint64, stage), at);
    }
  deal->n_steps = s->steps->len - deal->first_step;
}

static void
plan_deals (Seeder *s, guint n_deals)
{
  guint n_expansion = n_deals / 8;
  g_autoptr (GArray) won = g_array_new (FALSE, FALSE, sizeof (guint));

  s->deals = g_array_sized_new (FALSE, TRUE, sizeof (PlannedDeal), n_deals);
  s->steps = g_array_sized_new (FALSE, FALSE, sizeof (PlannedStep), n_deals * 4);

  for (guint i = 0; i < n_deals; i++)
    {
      PlannedDeal deal = { 0 };
      gboolean expansion = i >= n_deals - n_expansion && won->len > 0;

      deal.product = rand_index (s, CRM_SEED_N_PRODUCTS);
      deal.value_minor = rand_deal_value_minor (s);
      if (expansion)
        {
          /* Upsell: a new deal on a customer some weeks after the first one was won. */
          const PlannedDeal *first = &g_array_index (
              s->deals, PlannedDeal, g_array_index (won, guint, rand_index (s, won->len)));
          deal.contact = first->contact;
          deal.created_at = rand_time (s, first->closed_at + 14 * DAY, s->now - HOUR);
          deal.is_expansion = TRUE;
          deal.product = rand_index (s, CRM_SEED_N_EXPANSION_PRODUCTS);
          deal.value_minor = MAX (deal.value_minor / 3 / 5000 * 5000, 50000);
          plan_deal_journey (s, &deal, 0.1);
        }
      else
        {
          const PlannedContact *contact;

          deal.contact = rand_index (s, s->contacts->len);
          contact = &g_array_index (s->contacts, PlannedContact, deal.contact);
          deal.created_at = rand_time (s, contact->captured_at,
                                       MIN (contact->captured_at + 45 * DAY, s->now - HOUR));
          plan_deal_journey (s, &deal, 0);
          if (deal.outcome == OUTCOME_WON && deal.closed_at < s->now - 15 * DAY)
            g_array_append_val (won, i);
        }
      g_array_append_val (s->deals, deal);
    }
}

static void
derive_lifecycles (Seeder *s)
{
  for (guint i = 0; i < s->deals->len; i++)
    {
      const PlannedDeal *deal = &g_array_index (s->deals, PlannedDeal, i);
      PlannedContact *contact = &g_array_index (s->contacts, PlannedContact, deal->contact);

      if (deal->outcome != OUTCOME_OPEN)
        contact->last_closed_at = MAX (contact->last_closed_at, deal->closed_at);
      if (deal->outcome == OUTCOME_OPEN)
        contact->has_open = TRUE;
      else if (deal->outcome == OUTCOME_LOST)
        contact->has_lost = TRUE;
      else
        {
          contact->has_won = TRUE;
          if (contact->first_won_at == 0 || deal->closed_at < contact->first_won_at)
            contact->first_won_at = deal->closed_at;
        }
    }

  for (guint i = 0; i < s->contacts->len; i++)
    {
      PlannedContact *contact = &g_array_index (s->contacts, PlannedContact, i);

      if (contact->has_won)
        contact->lifecycle = CRM_LIFECYCLE_CUSTOMER;
      else if (contact->has_open)
        contact->lifecycle = CRM_LIFECYCLE_OPPORTUNITY;
      else if (contact->has_lost || rand_chance (s, 0.2))
        contact->lifecycle = CRM_LIFECYCLE_QUALIFIED;
      else
        contact->lifecycle = CRM_LIFECYCLE_LEAD;
    }
}

/* Some customers leave: never while a deal with them is open, and only some time after their
 * last deal closed. Planned before activities and feedback, which end when the customer left. */
static void
plan_churn (Seeder *s)
{
  for (guint i = 0; i < s->contacts->len; i++)
    {
      PlannedContact *contact = &g_array_index (s->contacts, PlannedContact, i);
      gint64 earliest = contact->last_closed_at + CHURN_AFTER_DAYS * DAY;

      if (contact->lifecycle != CRM_LIFECYCLE_CUSTOMER || contact->has_open
          || earliest >= s->now - DAY || !rand_chance (s, CHURN_CHANCE))
        continue;
      contact->churned_at = rand_time (s, earliest, s->now - DAY);
      contact->lifecycle = CRM_LIFECYCLE_CHURNED;
    }
}

static void
add_activity (Seeder *s, const PlannedActivity *activity)
{
  PlannedContact *contact = &g_array_index (s->contacts, PlannedContact, activity->contact);

  /* Notes and tasks are not contact with the person. */
  if (activity->kind != CRM_ACTIVITY_NOTE && activity->kind != CRM_ACTIVITY_TASK
      && activity->occurred_at > contact->last_contacted_at)
    contact->last_contacted_at = activity->occurred_at;
  g_array_append_val (s->activities, *activity);
}

/* Most open deals have a next step: a task, a few of them overdue. */
static guint
plan_next_steps (Seeder *s, guint max_tasks)
{
  guint n = 0;

  for (guint i = 0; i < s->deals->len && n < max_tasks; i++)
    {
      const PlannedDeal *deal = &g_array_index (s->deals, PlannedDeal, i);
      PlannedActivity task = { 0 };

      if (deal->outcome != OUTCOME_OPEN || !rand_chance (s, 0.8))
        continue;
      task.kind = CRM_ACTIVITY_TASK;
      task.contact = deal->contact;
      task.deal = i + 1;
      task.occurred_at = rand_time (s, MAX (deal->created_at, s->now - 7 * DAY), s->now - HOUR);
      if (rand_chance (s, 0.15))
        {
          gint64 overdue = rand_time (s, DAY, 10 * DAY); /* drawn once, not inside MAX () */

          task.due_at = MAX (s->now - overdue, task.occurred_at + HOUR);
        }
      else
        task.due_at = s->now + rand_time (s, DAY, 21 * DAY);
      add_activity (s, &task);
      n++;
    }
  return n;
}

static void
finish_task_or_case (Seeder *s, PlannedActivity *activity)
{
  if (activity->kind == CRM_ACTIVITY_TASK)
    {
      activity->due_at = activity->occurred_at + rand_time (s, DAY, 14 * DAY);
      if (activity->due_at < s->now && rand_chance (s, 0.85))
        {
          activity->done = TRUE;
          activity->done_at
              = rand_time (s, activity->occurred_at, MIN (activity->due_at + 2 * DAY, s->now));
        }
    }
  else if (activity->kind == CRM_ACTIVITY_SUPPORT && activity->occurred_at < s->now - 2 * DAY
           && rand_chance (s, 0.9))
    {
      activity->done = TRUE;
      activity->done_at = rand_time (s, activity->occurred_at + HOUR,
                                     MIN (activity->occurred_at + 5 * DAY, s->now));
    }
}

/* Indexes of the contacts that have a deal, and of those that are customers. */
static void
collect_engaged_contacts (Seeder *s, GArray *engaged, GArray *customers)
{
  for (guint i = 0; i < s->contacts->len; i++)
    {
      const PlannedContact *contact = &g_array_index (s->contacts, PlannedContact, i);

      if (contact->has_open || contact->has_won || contact->has_lost)
        g_array_append_val (engaged, i);
      if (contact->first_won_at != 0)
        g_array_append_val (customers, i);
    }
}

/* The last moment something happens with @contact: a while before now, or when it left. */
static gint64
planned_contact_end (Seeder *s, const PlannedContact *contact)
{
  return contact->churned_at != 0 ? contact->churned_at : s->now - 60;
}

static void
plan_activities (Seeder *s, guint n_activities)
{
  static const guint deal_kinds[] = { 25, 35, 20, 10, 10, 0 };
  static const guint contact_kinds[] = { 25, 35, 8, 12, 12, 8 };
  g_autoptr (GArray) engaged = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr (GArray) customers = g_array_new (FALSE, FALSE, sizeof (guint));
  guint n_next_steps;

  s->activities = g_array_sized_new (FALSE, TRUE, sizeof (PlannedActivity), n_activities);
  collect_engaged_contacts (s, engaged, customers);
  n_next_steps = plan_next_steps (s, n_activities / 5);

  for (guint i = n_next_steps; i < n_activities; i++)
    {
      PlannedActivity activity = { 0 };
      const PlannedContact *contact;
      gint64 since;

      if (s->deals->len > 0 && rand_chance (s, 0.45))
        {
          guint index = rand_index (s, s->deals->len);
          const PlannedDeal *deal = &g_array_index (s->deals, PlannedDeal, index);

          activity.deal = index + 1;
          activity.contact = deal->contact;
          activity.kind = rand_weighted (s, deal_kinds, G_N_ELEMENTS (deal_kinds));
          activity.occurred_at = rand_time (s, deal->created_at,
                                            deal->closed_at != 0 ? deal->closed_at : s->now - 60);
          finish_task_or_case (s, &activity);
          add_activity (s, &activity);
          continue;
        }

      /* Support comes from customers; people with deals get more attention than the rest. */
      activity.kind = rand_weighted (s, contact_kinds, G_N_ELEMENTS (contact_kinds));
      if (activity.kind == CRM_ACTIVITY_SUPPORT && customers->len == 0)
        activity.kind = CRM_ACTIVITY_EMAIL;
      if (activity.kind == CRM_ACTIVITY_SUPPORT)
        activity.contact = g_array_index (customers, guint, rand_index (s, customers->len));
      else if (engaged->len > 0 && rand_chance (s, 0.35))
        activity.contact = g_array_index (engaged, guint, rand_index (s, engaged->len));
      else
        activity.contact = rand_index (s, s->contacts->len);
      contact = &g_array_index (s->contacts, PlannedContact, activity.contact);
      since = activity.kind == CRM_ACTIVITY_SUPPORT ? contact->first_won_at : contact->captured_at;
      activity.occurred_at = rand_time (s, since, planned_contact_end (s, contact));
      finish_task_or_case (s, &activity);
      add_activity (s, &activity);
    }
}

/* NPS from most customers, CSAT after half the resolved support cases; customers who answered
 * 9 or 10 are often advocates. */
static void
plan_feedback (Seeder *s)
{
  s->feedback = g_array_new (FALSE, TRUE, sizeof (PlannedFeedback));

  for (guint i = 0; i < s->contacts->len; i++)
    {
      PlannedContact *contact = &g_array_index (s->contacts, PlannedContact, i);
      gboolean churned = contact->churned_at != 0;
      gint64 end = planned_contact_end (s, contact);
      gint64 promoted_at = 0; /* first answer of 9 or 10 */
      guint n_answers;

      if (contact->first_won_at == 0 || contact->first_won_at + 7 * DAY >= end
          || !rand_chance (s, 0.7))
        continue;
      n_answers = rand_chance (s, 0.4) ? 2 : 1;
      for (guint j = 0; j < n_answers; j++)
        {
          PlannedFeedback answer = { 0 };

          answer.contact = i;
          answer.kind = CRM_FEEDBACK_NPS;
          answer.score = churned ? rand_churned_nps_score (s) : rand_nps_score (s);
          answer.answered_at = rand_time (s, contact->first_won_at + 7 * DAY, end);
          contact->best_nps = MAX (contact->best_nps, (gint8) answer.score);
          if (answer.score >= 9 && (promoted_at == 0 || answer.answered_at < promoted_at))
            promoted_at = answer.answered_at;
          g_array_append_val (s->feedback, answer);
        }
      if (!churned && contact->best_nps >= 9 && rand_chance (s, 0.5))
        {
          contact->lifecycle = CRM_LIFECYCLE_ADVOCATE;
          contact->advocate_at = promoted_at;
        }
    }

  for (guint i = 0; i < s->activities->len; i++)
    {
      const PlannedActivity *activity = &g_array_index (s->activities, PlannedActivity, i);
      PlannedFeedback answer = { 0 };
      gint64 end, delay;

      if (activity->kind != CRM_ACTIVITY_SUPPORT || !activity->done)
        continue;
      /* Nobody asks a customer who left before the case was resolved. */
      end = planned_contact_end (s,
                                 &g_array_index (s->contacts, PlannedContact, activity->contact));
      if (activity->done_at > end || !rand_chance (s, 0.5))
        continue;
      answer.contact = activity->contact;
      answer.kind = CRM_FEEDBACK_CSAT;
      answer.score = rand_csat_score (s);
      delay = rand_time (s, 0, 2 * DAY); /* drawn once: MIN () evaluates its arguments twice */
      answer.answered_at = MIN (activity->done_at + delay, end);
      g_array_append_val (s->feedback, answer);
    }
}

void
crm_seed_plan (Seeder *s, const CrmSeedOptions *options)
{
  guint n_companies = options->n_companies >= 0 ? (guint) options->n_companies
                      : options->n_contacts > 0 ? MAX (options->n_contacts / 10, 1)
                                                : 0;

  plan_companies (s, n_companies);
  plan_contacts (s, options->n_contacts);
  plan_deals (s, options->n_deals);
  derive_lifecycles (s);
  plan_churn (s);
  plan_activities (s, options->n_activities);
  plan_feedback (s);
}

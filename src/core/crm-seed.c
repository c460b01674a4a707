/* crm-seed.c — realistic, deterministic sample data for demos, tests and benchmarks.
 *
 * Seeding runs in two halves. First the whole story is planned in memory from one seeded GRand
 * (crm-seed-plan.c). Then the plan is written through CrmStore in one bulk transaction (this
 * file): on any error nothing is left behind. The word lists are in crm-seed-words.c.
 *
 * Lead scores are not made up here: each contact is scored by crm-lead-score's rules (the
 * defaults) from its record and the activities planned for it, and a lead they qualify becomes
 * Qualified, so Rapport's first rescoring after seeding has nothing to write.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "crm-seed-private.h"

/* The quark's name is stringified as written: keep clang-format from spacing it out. */
/* clang-format off */
G_DEFINE_QUARK (crm-seed-error-quark, crm_seed_error)
/* clang-format on */

#define SPEND_MONTHS 24
#define PROGRESS_EVERY 5000

static void
seeder_free (Seeder *s)
{
  g_clear_pointer (&s->rand, g_rand_free);
  g_clear_pointer (&s->sources, g_ptr_array_unref);
  g_clear_pointer (&s->source_profiles, g_array_unref);
  g_clear_pointer (&s->source_weights, g_array_unref);
  g_clear_pointer (&s->lost_reasons, g_ptr_array_unref);
  g_clear_pointer (&s->open_stages, g_array_unref);
  for (guint i = 0; i < CRM_SEED_N_FIRST_NAMES; i++)
    g_free (s->first_ascii[i]);
  for (guint i = 0; i < CRM_SEED_N_LAST_NAMES; i++)
    g_free (s->last_ascii[i]);
  g_clear_pointer (&s->companies, g_array_unref);
  g_clear_pointer (&s->contacts, g_array_unref);
  g_clear_pointer (&s->deals, g_array_unref);
  g_clear_pointer (&s->steps, g_array_unref);
  g_clear_pointer (&s->activities, g_array_unref);
  g_clear_pointer (&s->feedback, g_array_unref);
  g_free (s);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Seeder, seeder_free)

/* ---- Reference data already in the database ------------------------------------------------ */

static char *
fold_to_ascii_word (const char *text)
{
  g_autofree char *ascii = g_str_to_ascii (text, "C");
  GString *word = g_string_new (NULL);

  for (const char *p = ascii; *p != '\0'; p++)
    if (g_ascii_isalnum (*p))
      g_string_append_c (word, g_ascii_tolower (*p));
  return g_string_free (word, FALSE);
}

static guint
source_profile_for_name (const char *name)
{
  g_autofree char *lower = g_utf8_strdown (name, -1);

  for (guint i = 0; i < CRM_SEED_N_SOURCE_PROFILES; i++)
    if (crm_seed_source_profiles[i].keyword == NULL
        || strstr (lower, crm_seed_source_profiles[i].keyword) != NULL)
      return i;
  return CRM_SEED_N_SOURCE_PROFILES - 1;
}

static gboolean
load_pipeline (Seeder *s, GError **error)
{
  g_autoptr (GPtrArray) pipelines = crm_store_list_pipelines (s->store, error);
  g_autoptr (GPtrArray) stages = NULL;
  CrmPipelineRecord *pipeline;

  if (pipelines == NULL)
    return FALSE;
  if (pipelines->len == 0)
    {
      g_set_error_literal (error, CRM_SEED_ERROR, CRM_SEED_ERROR_NO_PIPELINE,
                           _ ("The database has no pipeline to put deals in"));
      return FALSE;
    }
  pipeline = g_ptr_array_index (pipelines, 0);
  stages = crm_store_list_stages (s->store, pipeline->id, error);
  if (stages == NULL)
    return FALSE;

  s->open_stages = g_array_new (FALSE, FALSE, sizeof (gint64));
  for (guint i = 0; i < stages->len; i++)
    {
      CrmStageRecord *stage = g_ptr_array_index (stages, i);

      if (stage->kind == CRM_STAGE_KIND_OPEN)
        g_array_append_val (s->open_stages, stage->id);
      else if (stage->kind == CRM_STAGE_KIND_WON && s->won_stage_id == 0)
        s->won_stage_id = stage->id;
      else if (stage->kind == CRM_STAGE_KIND_LOST && s->lost_stage_id == 0)
        s->lost_stage_id = stage->id;
    }
  if (s->open_stages->len == 0 || s->open_stages->len > 200 || s->won_stage_id == 0
      || s->lost_stage_id == 0)
    {
      g_set_error (error, CRM_SEED_ERROR, CRM_SEED_ERROR_NO_PIPELINE,
                   _ ("The pipeline “%s” needs open, Won and Lost stages"), pipeline->name);
      return FALSE;
    }
  return TRUE;
}

static gboolean
load_reference_data (Seeder *s, GError **error)
{
  if (!load_pipeline (s, error))
    return FALSE;

  s->lost_reasons = crm_store_list_lost_reasons (s->store, error);
  if (s->lost_reasons == NULL)
    return FALSE;
  s->sources = crm_store_list_lead_sources (s->store, error);
  if (s->sources == NULL)
    return FALSE;
  if (s->sources->len > G_MAXUINT8)
    g_ptr_array_set_size (s->sources, G_MAXUINT8);

  s->source_profiles = g_array_new (FALSE, FALSE, sizeof (guint));
  s->source_weights = g_array_new (FALSE, FALSE, sizeof (guint));
  for (guint i = 0; i < s->sources->len; i++)
    {
      CrmLeadSourceRecord *source = g_ptr_array_index (s->sources, i);
      guint profile = source_profile_for_name (source->name);

      g_array_append_val (s->source_profiles, profile);
      g_array_append_val (s->source_weights, crm_seed_source_profiles[profile].weight);
    }

  for (guint i = 0; i < CRM_SEED_N_FIRST_NAMES; i++)
    s->first_ascii[i] = fold_to_ascii_word (crm_seed_first_names[i]);
  for (guint i = 0; i < CRM_SEED_N_LAST_NAMES; i++)
    s->last_ascii[i] = fold_to_ascii_word (crm_seed_last_names[i]);
  return TRUE;
}

/* ---- Writing ------------------------------------------------------------------------------- */

static void
report (Seeder *s, CrmSeedPhase phase, guint done, guint total)
{
  if (s->progress != NULL && (done == total || done % PROGRESS_EVERY == 0))
    s->progress (phase, done, total, s->user_data);
}

static gboolean
write_companies (Seeder *s, GError **error)
{
  for (guint i = 0; i < s->companies->len; i++)
    {
      PlannedCompany *planned = &g_array_index (s->companies, PlannedCompany, i);
      const CrmSeedCountry *country = &crm_seed_countries[planned->country];
      g_autoptr (CrmCompanyRecord) company = crm_company_record_new ();

      company->name = g_strdup (planned->name);
      company->website = g_strdup_printf ("https://www.%s", planned->domain);
      company->industry = g_strdup (crm_seed_trades[planned->trade].industry);
      company->phone = g_strdup_printf ("%s %u %u", country->phone_prefix, 10 + rand_index (s, 90),
                                        1000000 + rand_index (s, 9000000));
      company->country = g_strdup (country->name);
      company->owner = g_strdup (pick (s, crm_seed_owners, CRM_SEED_N_OWNERS));
      company->created_at = time_days_ago (s, HISTORY_DAYS + 1 + rand_index (s, 90));
      company->updated_at = company->created_at;
      if (!crm_store_insert_company (s->store, company, error))
        return FALSE;
      planned->id = company->id;
      report (s, CRM_SEED_PHASE_COMPANIES, i + 1, s->companies->len);
    }
  return TRUE;
}

static char *
make_unique_email (Seeder *s, GHashTable *taken, const PlannedContact *contact)
{
  const char *first = s->first_ascii[contact->first_name];
  const char *last = s->last_ascii[contact->last_name];
  const char *domain;
  g_autofree char *local = NULL;
  char *email;
  guint roll = rand_index (s, 100);

  if (contact->company != 0)
    domain = g_array_index (s->companies, PlannedCompany, contact->company - 1).domain;
  else
    domain = pick (s, crm_seed_personal_domains, CRM_SEED_N_PERSONAL_DOMAINS);

  if (roll < 50)
    local = g_strdup_printf ("%s.%s", first, last);
  else if (roll < 70)
    local = g_strdup_printf ("%c.%s", first[0], last);
  else if (roll < 85)
    local = g_strdup_printf ("%s%s", first, last);
  else
    local = g_strdup (first);

  email = g_strdup_printf ("%s@%s", local, domain);
  for (guint n = 2; g_hash_table_contains (taken, email); n++)
    {
      g_free (email);
      email = g_strdup_printf ("%s%u@%s", local, n, domain);
    }
  g_hash_table_add (taken, g_strdup (email));
  return email;
}

static CrmBantAnswer
rand_bant (Seeder *s, gboolean engaged)
{
  static const guint engaged_weights[] = { 25, 65, 10 };
  static const guint lead_weights[] = { 75, 15, 10 };

  return rand_weighted (s, engaged ? engaged_weights : lead_weights, 3);
}

static char *
rand_bant_note (Seeder *s, guint dimension, CrmBantAnswer answer)
{
  if (answer != CRM_BANT_YES || !rand_chance (s, 0.25))
    return NULL;
  return g_strdup (PICK (s, crm_seed_bant_notes[dimension]));
}

static void
fill_bant (Seeder *s, CrmContactRecord *record, gboolean engaged)
{
  record->bant_budget = rand_bant (s, engaged);
  record->bant_budget_note = rand_bant_note (s, 0, record->bant_budget);
  record->bant_authority = rand_bant (s, engaged);
  record->bant_authority_note = rand_bant_note (s, 1, record->bant_authority);
  record->bant_need = rand_bant (s, engaged);
  record->bant_need_note = rand_bant_note (s, 2, record->bant_need);
  record->bant_timeline = rand_bant (s, engaged);
  record->bant_timeline_note = rand_bant_note (s, 3, record->bant_timeline);
}

/* ---- Scores: as the rules give them at now -------------------------------------------------- */

/* What each contact's planned activities say at now, as crm_store_get_contact_activity_stats ()
 * will say it once they are written: one pass over the plan instead of a query per contact. */
static GArray *
count_activity_stats (Seeder *s)
{
  gint64 since = crm_score_rules_get_recent_since (&s->score_rules, s->now);
  GArray *stats = g_array_sized_new (FALSE, TRUE, sizeof (CrmActivityStats), s->contacts->len);

  g_array_set_size (stats, s->contacts->len);
  for (guint i = 0; i < s->activities->len; i++)
    {
      const PlannedActivity *activity = &g_array_index (s->activities, PlannedActivity, i);
      CrmActivityStats *contact = &g_array_index (stats, CrmActivityStats, activity->contact);

      if (activity->occurred_at > s->now)
        continue;
      contact->last_activity_at = MAX (contact->last_activity_at, activity->occurred_at);
      if (activity->occurred_at < since)
        continue;
      if (activity->kind == CRM_ACTIVITY_MEETING)
        contact->recent_meetings++;
      else if (activity->kind == CRM_ACTIVITY_CALL || activity->kind == CRM_ACTIVITY_EMAIL)
        contact->recent_touches++;
    }
  return stats;
}

/* @contact's score at now, @contact being filled in as it will be stored. */
static int
score_contact (Seeder *s,
               const PlannedContact *planned,
               const CrmContactRecord *contact,
               const CrmActivityStats *stats)
{
  const char *source_name
      = contact->source_id != 0
            ? ((CrmLeadSourceRecord *) g_ptr_array_index (s->sources, planned->source))->name
            : NULL;
  g_autoptr (CrmScoreExplanation) explanation
      = crm_lead_score_explain_record (&s->score_rules, contact, stats, source_name, s->now);

  return explanation->score;
}

/* When a lead the rules qualify became Qualified: an hour after its last call, e-mail or meeting
 * (its capture when there was none), as if Rapport had rescored it then. The rules agreed: no
 * silence counted yet, and every call, e-mail and meeting that counts now counted then, so the
 * score was at least what it is now. Being after the last contact, the change is also the
 * row's last update: one write. */
static gint64
qualified_at (Seeder *s, const PlannedContact *planned)
{
  return MIN (MAX (planned->captured_at, planned->last_contacted_at) + HOUR, s->now);
}

/* The store dates the lifecycle history row of an update by the updated_at the caller sets;
 * a different one from the row's, or the store would take it for unset and use the clock. */
static gboolean
change_lifecycle (
    Seeder *s, CrmContactRecord *contact, CrmLifecycleStage stage, gint64 at, GError **error)
{
  g_assert (at != contact->updated_at);
  contact->lifecycle = stage;
  contact->updated_at = at;
  return crm_store_update_contact (s->store, contact, error);
}

/* The row ends as last updated when last changed or contacted, as for every other contact. */
static gboolean
date_last_update (Seeder *s,
                  const PlannedContact *planned,
                  CrmContactRecord *contact,
                  GError **error)
{
  if (planned->last_contacted_at <= contact->updated_at)
    return TRUE;
  contact->updated_at = planned->last_contacted_at;
  return crm_store_update_contact (s->store, contact, error);
}

/* A customer, written as the opportunity it was before, then made a customer when its first
 * deal was won, an advocate when it first answered 9 or 10, or churned when it left. The dates
 * only grow: the insert is dated at capture, before the first deal closed. */
static gboolean
write_lifecycle_changes (Seeder *s,
                         const PlannedContact *planned,
                         CrmContactRecord *contact,
                         GError **error)
{
  if (!change_lifecycle (s, contact, CRM_LIFECYCLE_CUSTOMER, planned->first_won_at, error))
    return FALSE;
  if (planned->lifecycle == CRM_LIFECYCLE_ADVOCATE
      && !change_lifecycle (s, contact, CRM_LIFECYCLE_ADVOCATE, planned->advocate_at, error))
    return FALSE;
  if (planned->lifecycle == CRM_LIFECYCLE_CHURNED
      && !change_lifecycle (s, contact, CRM_LIFECYCLE_CHURNED, planned->churned_at, error))
    return FALSE;
  return date_last_update (s, planned, contact, error);
}

/* A lead the rules qualify, written as the lead it was at capture (dated then), then made
 * Qualified as Rapport would have done. */
static gboolean
write_qualification (Seeder *s,
                     const PlannedContact *planned,
                     CrmContactRecord *contact,
                     GError **error)
{
  return change_lifecycle (s, contact, CRM_LIFECYCLE_QUALIFIED, qualified_at (s, planned), error)
         && date_last_update (s, planned, contact, error);
}

static gboolean
write_contacts (Seeder *s, GError **error)
{
  g_autoptr (GHashTable) emails = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr (GArray) all_stats = count_activity_stats (s);

  for (guint i = 0; i < s->contacts->len; i++)
    {
      PlannedContact *planned = &g_array_index (s->contacts, PlannedContact, i);
      const CrmActivityStats *stats = &g_array_index (all_stats, CrmActivityStats, i);
      const CrmSeedCountry *country = &crm_seed_countries[planned->country];
      g_autoptr (CrmContactRecord) contact = crm_contact_record_new ();
      gboolean qualifies, changes_later;

      contact->name = g_strdup_printf ("%s %s", crm_seed_first_names[planned->first_name],
                                       crm_seed_last_names[planned->last_name]);
      if (rand_chance (s, 0.96))
        contact->email = make_unique_email (s, emails, planned);
      if (rand_chance (s, 0.75))
        contact->phone
            = g_strdup_printf ("%s %u %u", country->phone_prefix, 10 + rand_index (s, 990),
                               100000 + rand_index (s, 9900000));
      if (planned->company != 0 && rand_chance (s, 0.9))
        contact->title = g_strdup (crm_seed_titles[rand_index (s, CRM_SEED_N_TITLES)]);
      else if (planned->company == 0 && rand_chance (s, 0.3))
        contact->title
            = g_strdup (pick (s, crm_seed_freelance_titles, CRM_SEED_N_FREELANCE_TITLES));
      if (planned->company != 0)
        contact->company_id = g_array_index (s->companies, PlannedCompany, planned->company - 1).id;
      /* A customer had an open deal before it won one: its lifecycle changes come after. */
      contact->lifecycle
          = planned->first_won_at != 0 ? CRM_LIFECYCLE_OPPORTUNITY : planned->lifecycle;
      if (s->sources->len > 0)
        contact->source_id
            = ((CrmLeadSourceRecord *) g_ptr_array_index (s->sources, planned->source))->id;
      contact->captured_at = planned->captured_at;
      contact->owner = g_strdup (crm_seed_owners[planned->owner]);
      contact->country = g_strdup (country->name);
      if (rand_chance (s, 0.03))
        contact->notes = g_strdup (pick (s, crm_seed_contact_notes, CRM_SEED_N_CONTACT_NOTES));
      fill_bant (s, contact, planned->lifecycle != CRM_LIFECYCLE_LEAD);
      contact->last_contacted_at = planned->last_contacted_at;
      contact->score = score_contact (s, planned, contact, stats);
      qualifies = crm_score_rules_qualify (&s->score_rules, planned->lifecycle, contact->score)
                  != planned->lifecycle;
      changes_later = planned->first_won_at != 0 || qualifies;
      contact->created_at = planned->captured_at;
      contact->updated_at = changes_later ? planned->captured_at
                                          : MAX (planned->captured_at, planned->last_contacted_at);

      if (!crm_store_insert_contact (s->store, contact, error))
        return FALSE;
      planned->id = contact->id;
      if (planned->first_won_at != 0 && !write_lifecycle_changes (s, planned, contact, error))
        return FALSE;
      if (qualifies)
        {
          if (!write_qualification (s, planned, contact, error))
            return FALSE;
          planned->lifecycle = CRM_LIFECYCLE_QUALIFIED;
        }
      report (s, CRM_SEED_PHASE_CONTACTS, i + 1, s->contacts->len);
    }
  return TRUE;
}

/* Writes the deal as it is today, then makes its stage history tell the walk that led there:
 * the store's insert records the deal as created straight into its final stage. */
static gboolean
write_deal_history (Seeder *s, const PlannedDeal *planned, GError **error)
{
  g_autoptr (GPtrArray) history = crm_store_list_deal_history (s->store, planned->id, error);
  const PlannedStep *steps = &g_array_index (s->steps, PlannedStep, planned->first_step);
  CrmDealStageHistoryRecord *first;

  if (history == NULL)
    return FALSE;
  if (history->len != 1)
    {
      g_set_error (error, CRM_SEED_ERROR, CRM_SEED_ERROR_FAILED,
                   _ ("A new deal has %u stage history rows instead of one"), history->len);
      return FALSE;
    }

  first = g_ptr_array_index (history, 0);
  if (first->to_stage_id != steps[0].stage_id || first->changed_at != steps[0].at)
    {
      first->from_stage_id = 0;
      first->to_stage_id = steps[0].stage_id;
      first->changed_at = steps[0].at;
      if (!crm_store_update_deal_stage_history (s->store, first, error))
        return FALSE;
    }

  for (guint i = 1; i < planned->n_steps; i++)
    {
      g_autoptr (CrmDealStageHistoryRecord) row = crm_deal_stage_history_record_new ();

      row->deal_id = planned->id;
      row->from_stage_id = steps[i - 1].stage_id;
      row->to_stage_id = steps[i].stage_id;
      row->changed_at = steps[i].at;
      if (!crm_store_insert_deal_stage_history (s->store, row, error))
        return FALSE;
    }
  return TRUE;
}

static char *
deal_title (Seeder *s, const PlannedDeal *planned, const PlannedContact *contact)
{
  const char *product = planned->is_expansion ? crm_seed_expansion_products[planned->product]
                                              : crm_seed_products[planned->product];

  if (contact->company != 0)
    {
      const PlannedCompany *company
          = &g_array_index (s->companies, PlannedCompany, contact->company - 1);
      return g_strdup_printf ("%s – %s", company->name, product);
    }
  return g_strdup_printf ("%s %s – %s", crm_seed_first_names[contact->first_name],
                          crm_seed_last_names[contact->last_name], product);
}

static gboolean
write_deals (Seeder *s, GError **error)
{
  for (guint i = 0; i < s->deals->len; i++)
    {
      PlannedDeal *planned = &g_array_index (s->deals, PlannedDeal, i);
      const PlannedContact *contact
          = &g_array_index (s->contacts, PlannedContact, planned->contact);
      const PlannedStep *last
          = &g_array_index (s->steps, PlannedStep, planned->first_step + planned->n_steps - 1);
      g_autoptr (CrmDealRecord) deal = crm_deal_record_new ();

      deal->title = deal_title (s, planned, contact);
      deal->contact_id = contact->id;
      if (contact->company != 0)
        deal->company_id = g_array_index (s->companies, PlannedCompany, contact->company - 1).id;
      deal->stage_id = last->stage_id;
      deal->value_minor = planned->value_minor;
      deal->currency = g_strdup (crm_seed_countries[contact->country].currency);
      if (planned->outcome == OUTCOME_OPEN)
        deal->expected_close = time_days_ago (s, 0) + rand_time (s, -20 * DAY, 90 * DAY);
      else
        deal->expected_close = planned->closed_at + rand_time (s, -10 * DAY, 20 * DAY);
      deal->owner = g_strdup (crm_seed_owners[contact->owner]);
      deal->probability_override = -1;
      if (planned->outcome == OUTCOME_OPEN && rand_chance (s, 0.1))
        deal->probability_override = 5 * (2 + rand_index (s, 17));
      if (planned->outcome == OUTCOME_LOST && s->lost_reasons->len > 0)
        deal->lost_reason_id
            = ((CrmLostReasonRecord *) g_ptr_array_index (s->lost_reasons, planned->lost_reason))
                  ->id;
      deal->is_expansion = planned->is_expansion;
      deal->created_at = planned->created_at;
      deal->stage_entered_at = last->at;
      deal->closed_at = planned->closed_at;
      deal->updated_at = last->at;

      if (!crm_store_insert_deal (s->store, deal, error))
        return FALSE;
      planned->id = deal->id;
      if (!write_deal_history (s, planned, error))
        return FALSE;
      report (s, CRM_SEED_PHASE_DEALS, i + 1, s->deals->len);
    }
  return TRUE;
}

static gboolean
write_activities (Seeder *s, GError **error)
{
  for (guint i = 0; i < s->activities->len; i++)
    {
      const PlannedActivity *planned = &g_array_index (s->activities, PlannedActivity, i);
      g_autoptr (CrmActivityRecord) activity = crm_activity_record_new ();

      activity->kind = planned->kind;
      activity->subject = g_strdup (PICK (s, crm_seed_activity_subjects[planned->kind]));
      if (planned->kind != CRM_ACTIVITY_NOTE && rand_chance (s, 0.25))
        activity->notes = g_strdup (pick (s, crm_seed_activity_notes, CRM_SEED_N_ACTIVITY_NOTES));
      activity->contact_id = g_array_index (s->contacts, PlannedContact, planned->contact).id;
      if (planned->deal != 0)
        activity->deal_id = g_array_index (s->deals, PlannedDeal, planned->deal - 1).id;
      activity->occurred_at = planned->occurred_at;
      activity->due_at = planned->due_at;
      activity->done = planned->done;
      activity->done_at = planned->done_at;
      activity->created_at = planned->occurred_at;
      activity->updated_at = MAX (planned->occurred_at, planned->done_at);

      if (!crm_store_insert_activity (s->store, activity, error))
        return FALSE;
      report (s, CRM_SEED_PHASE_ACTIVITIES, i + 1, s->activities->len);
    }
  return TRUE;
}

static gboolean
write_feedback (Seeder *s, GError **error)
{
  for (guint i = 0; i < s->feedback->len; i++)
    {
      const PlannedFeedback *planned = &g_array_index (s->feedback, PlannedFeedback, i);
      g_autoptr (CrmFeedbackRecord) answer = crm_feedback_record_new ();

      answer->contact_id = g_array_index (s->contacts, PlannedContact, planned->contact).id;
      answer->kind = planned->kind;
      answer->score = planned->score;
      answer->answered_at = planned->answered_at;
      if (planned->kind == CRM_FEEDBACK_NPS && rand_chance (s, 0.2))
        answer->comment = g_strdup (
            planned->score >= 9 ? pick (s, crm_seed_nps_comments_high, CRM_SEED_N_NPS_COMMENTS_HIGH)
            : planned->score <= 6 ? pick (s, crm_seed_nps_comments_low, CRM_SEED_N_NPS_COMMENTS_LOW)
                                  : NULL);
      if (!crm_store_insert_feedback (s->store, answer, error))
        return FALSE;
      report (s, CRM_SEED_PHASE_FEEDBACK, i + 1, s->feedback->len);
    }
  return TRUE;
}

/* First second (UTC) of the month @months_back months before the reference month. */
static gint64
month_start (gint64 now, guint months_back)
{
  g_autoptr (GDateTime) today = g_date_time_new_from_unix_utc (now);
  g_autoptr (GDateTime) first = NULL;
  int year = g_date_time_get_year (today);
  int month = g_date_time_get_month (today) - (int) months_back;

  while (month < 1)
    {
      month += 12;
      year--;
    }
  first = g_date_time_new_utc (year, month, 1, 0, 0, 0);
  return g_date_time_to_unix (first);
}

/* Spend is one entry per source and month: a database that has spend already (seeded before,
 * or entered by hand) keeps its own figures. */
static gboolean
write_spend (Seeder *s, GError **error)
{
  guint total = s->sources->len * SPEND_MONTHS;
  g_autoptr (GError) local_error = NULL;
  gint64 existing = crm_store_count (s->store, CRM_ENTITY_ACQUISITION_SPEND, &local_error);

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (existing > 0)
    total = 0;

  for (guint i = 0; i < s->sources->len && existing == 0; i++)
    {
      const CrmLeadSourceRecord *source = g_ptr_array_index (s->sources, i);
      const CrmSeedSourceProfile *profile
          = &crm_seed_source_profiles[g_array_index (s->source_profiles, guint, i)];

      for (guint month = 0; month < SPEND_MONTHS; month++)
        {
          g_autoptr (CrmAcquisitionSpendRecord) spend = NULL;

          if (rand_index (s, 100) >= profile->spend_percent)
            continue;
          spend = crm_acquisition_spend_record_new ();
          spend->source_id = source->id;
          spend->month_start = month_start (s->now, month);
          spend->amount_minor = (gint64) (profile->spend_min
                                          + rand_index (s, profile->spend_max - profile->spend_min))
                                * 100;
          spend->currency = g_strdup ("EUR");
          if (!crm_store_insert_acquisition_spend (s->store, spend, error))
            return FALSE;
        }
    }
  report (s, CRM_SEED_PHASE_SPEND, total, total);
  return TRUE;
}

static gboolean
write_plan (Seeder *s, GError **error)
{
  return write_companies (s, error) && write_contacts (s, error) && write_deals (s, error)
         && write_activities (s, error) && write_feedback (s, error) && write_spend (s, error);
}

/* ---- Public -------------------------------------------------------------------------------- */

void
crm_seed_options_init (CrmSeedOptions *options)
{
  g_return_if_fail (options != NULL);

  memset (options, 0, sizeof *options);
  options->n_contacts = 1000;
  options->n_companies = -1;
  options->n_deals = 200;
  options->n_activities = 3000;
  options->seed = 1;
}

const char *
crm_seed_phase_to_string (CrmSeedPhase phase)
{
  static const char *const names[]
      = { "plan", "companies", "contacts", "deals", "activities", "feedback", "spend", "commit" };

  g_return_val_if_fail (phase < CRM_SEED_N_PHASES, NULL);
  return names[phase];
}

static gboolean
validate_options (const CrmSeedOptions *options, GError **error)
{
  if (options->n_contacts == 0 && (options->n_deals > 0 || options->n_activities > 0))
    {
      g_set_error_literal (error, CRM_SEED_ERROR, CRM_SEED_ERROR_INVALID_OPTIONS,
                           _ ("Deals and activities need at least one contact"));
      return FALSE;
    }
  if (options->n_companies < -1)
    {
      g_set_error (error, CRM_SEED_ERROR, CRM_SEED_ERROR_INVALID_OPTIONS,
                   _ ("Invalid number of companies: %d"), options->n_companies);
      return FALSE;
    }
  return TRUE;
}

gboolean
crm_seed_database (CrmStore *store,
                   const CrmSeedOptions *options,
                   CrmSeedProgressFunc progress,
                   gpointer user_data,
                   GError **error)
{
  g_autoptr (Seeder) s = g_new0 (Seeder, 1);

  g_return_val_if_fail (CRM_IS_STORE (store), FALSE);
  g_return_val_if_fail (options != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!validate_options (options, error))
    return FALSE;

  s->store = store;
  s->rand = g_rand_new_with_seed (options->seed);
  s->now = options->now;
  if (s->now == 0)
    {
      s->now = g_get_real_time () / G_USEC_PER_SEC;
      s->now -= s->now % DAY;
    }
  crm_score_rules_init (&s->score_rules);
  s->progress = progress;
  s->user_data = user_data;

  if (!load_reference_data (s, error))
    return FALSE;
  crm_seed_plan (s, options);
  report (s, CRM_SEED_PHASE_PLAN, 1, 1);

  if (!crm_store_begin_bulk (store, error))
    return FALSE;
  if (!write_plan (s, error))
    {
      crm_store_rollback (store);
      return FALSE;
    }
  if (!crm_store_commit (store, error))
    return FALSE;
  report (s, CRM_SEED_PHASE_COMMIT, 1, 1);
  return TRUE;
}

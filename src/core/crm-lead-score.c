/* crm-lead-score.c — the rule-based lead score (see the header). */
#include "config.h"

#include "crm-lead-score.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#define SECONDS_PER_DAY (24 * 60 * 60)
/* Contacts read per page while all are scored. */
#define PAGE_SIZE 500

void
crm_score_rules_init (CrmScoreRules *rules)
{
  g_return_if_fail (rules != NULL);

  *rules = (CrmScoreRules){
    .has_company = 10,
    .deciding_title = 15,
    .referral_source = 20,
    .partner_source = 10,
    .event_source = 5,
    .bant_yes = 10,
    .bant_no = -5,
    .recent_days = 30,
    .recent_meeting = 15,
    .recent_touch = 5,
    .recent_touch_max = 15,
    .quiet_days = 60,
    .quiet_penalty = -10,
    .silent_days = 120,
    .silent_penalty = -20,
    .auto_qualify = TRUE,
    .qualify_threshold = 50,
  };
}

/* The settings keys of the rules' numbers (all of type "i"). */
static const struct
{
  const char *key;
  gsize offset;
} rule_keys[] = {
  { "score-has-company", G_STRUCT_OFFSET (CrmScoreRules, has_company) },
  { "score-deciding-title", G_STRUCT_OFFSET (CrmScoreRules, deciding_title) },
  { "score-referral-source", G_STRUCT_OFFSET (CrmScoreRules, referral_source) },
  { "score-partner-source", G_STRUCT_OFFSET (CrmScoreRules, partner_source) },
  { "score-event-source", G_STRUCT_OFFSET (CrmScoreRules, event_source) },
  { "score-bant-yes", G_STRUCT_OFFSET (CrmScoreRules, bant_yes) },
  { "score-bant-no", G_STRUCT_OFFSET (CrmScoreRules, bant_no) },
  { "score-recent-days", G_STRUCT_OFFSET (CrmScoreRules, recent_days) },
  { "score-recent-meeting", G_STRUCT_OFFSET (CrmScoreRules, recent_meeting) },
  { "score-recent-touch", G_STRUCT_OFFSET (CrmScoreRules, recent_touch) },
  { "score-recent-touch-max", G_STRUCT_OFFSET (CrmScoreRules, recent_touch_max) },
  { "score-quiet-days", G_STRUCT_OFFSET (CrmScoreRules, quiet_days) },
  { "score-quiet-penalty", G_STRUCT_OFFSET (CrmScoreRules, quiet_penalty) },
  { "score-silent-days", G_STRUCT_OFFSET (CrmScoreRules, silent_days) },
  { "score-silent-penalty", G_STRUCT_OFFSET (CrmScoreRules, silent_penalty) },
  { "qualify-threshold", G_STRUCT_OFFSET (CrmScoreRules, qualify_threshold) },
};

void
crm_score_rules_load (GSettings *settings, CrmScoreRules *rules)
{
  g_return_if_fail (G_IS_SETTINGS (settings));
  g_return_if_fail (rules != NULL);

  crm_score_rules_init (rules);
  for (guint i = 0; i < G_N_ELEMENTS (rule_keys); i++)
    {
      /* The days are guint, the points int: both the size of an int, and the schema keeps
       * the days at 0 or more. */
      int value = g_settings_get_int (settings, rule_keys[i].key);

      memcpy (G_STRUCT_MEMBER_P (rules, rule_keys[i].offset), &value, sizeof value);
    }
  rules->auto_qualify = g_settings_get_boolean (settings, "auto-qualify");
}

const char *const *
crm_score_rules_get_keys (void)
{
  static const char *keys[G_N_ELEMENTS (rule_keys) + 2];

  if (keys[0] == NULL)
    {
      for (guint i = 0; i < G_N_ELEMENTS (rule_keys); i++)
        keys[i] = rule_keys[i].key;
      keys[G_N_ELEMENTS (rule_keys)] = "auto-qualify";
    }
  return keys;
}

void
crm_score_explanation_free (CrmScoreExplanation *explanation)
{
  if (explanation == NULL)
    return;
  g_clear_pointer (&explanation->reasons, g_ptr_array_unref);
  g_free (explanation);
}

static void
score_reason_free (gpointer data)
{
  CrmScoreReason *reason = data;

  g_free (reason->reason);
  g_free (reason);
}

static void
add_reason (CrmScoreExplanation *explanation, int points, char *reason)
{
  CrmScoreReason *line;

  if (points == 0)
    {
      g_free (reason);
      return;
    }
  line = g_new0 (CrmScoreReason, 1);
  line->points = points;
  line->reason = reason;
  g_ptr_array_add (explanation->reasons, line);
  explanation->score += points;
}

/* A title naming someone who decides: whole words, case-blind, in English as the seed data
 * and most address books write them. */
static gboolean
is_deciding_title (const char *title)
{
  static const char *const words[]
      = { "ceo", "cto",       "cfo",   "coo",     "cio",     "chief", "director", "head",
          "vp",  "president", "owner", "founder", "partner", "lead",  NULL };
  g_autofree char *folded = NULL;
  g_auto (GStrv) tokens = NULL;

  if (title == NULL)
    return FALSE;
  folded = g_utf8_casefold (title, -1);
  tokens = g_strsplit_set (folded, " ,.-/&()", -1);
  for (guint i = 0; tokens[i] != NULL; i++)
    if (g_strv_contains (words, tokens[i]))
      return TRUE;
  return FALSE;
}

/* The default sources, by their English name or the one this locale gave them. */
static gboolean
source_is (const char *name, const char *english)
{
  return name != NULL && (g_str_equal (name, english) || g_str_equal (name, _ (english)));
}

/* The name of source @source_id, read once per source: @sources (may be NULL) keeps the names
 * for the next contact. NULL when there is no such source. */
static const char *
lookup_source_name (CrmStore *store, gint64 source_id, GHashTable *sources, char **owned)
{
  g_autoptr (CrmLeadSourceRecord) source = NULL;
  const char *name;

  if (source_id == 0)
    return NULL;
  name = sources != NULL ? g_hash_table_lookup (sources, &source_id) : NULL;
  if (name != NULL)
    return name;
  source = crm_store_get_lead_source (store, source_id, NULL);
  if (source == NULL)
    return NULL;
  if (sources == NULL)
    return *owned = g_steal_pointer (&source->name);
  name = g_strdup (source->name);
  g_hash_table_insert (sources, g_memdup2 (&source_id, sizeof source_id), (char *) name);
  return name;
}

static void
explain_source (CrmScoreExplanation *explanation, const CrmScoreRules *rules, const char *name)
{
  if (name == NULL)
    return;
  if (source_is (name, N_ ("Referral")))
    /* Translators: a reason in a lead score: the contact came by referral. */
    add_reason (explanation, rules->referral_source, g_strdup (_ ("referral")));
  else if (source_is (name, N_ ("Partner")))
    /* Translators: a reason in a lead score: the contact came through a partner. */
    add_reason (explanation, rules->partner_source, g_strdup (_ ("came through a partner")));
  else if (source_is (name, N_ ("Event")))
    /* Translators: a reason in a lead score: the contact was met at an event. */
    add_reason (explanation, rules->event_source, g_strdup (_ ("met at an event")));
}

static void
explain_bant (CrmScoreExplanation *explanation,
              const CrmScoreRules *rules,
              const CrmContactRecord *contact)
{
  const struct
  {
    CrmBantAnswer answer;
    const char *yes;
    const char *no;
  } answers[] = {
    /* Translators: reasons in a lead score, from the BANT qualification answers. */
    { contact->bant_budget, N_ ("has a budget"), N_ ("no budget") },
    { contact->bant_authority, N_ ("can decide"), N_ ("cannot decide") },
    { contact->bant_need, N_ ("has the need"), N_ ("no need") },
    { contact->bant_timeline, N_ ("has a timeline"), N_ ("no timeline") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (answers); i++)
    {
      if (answers[i].answer == CRM_BANT_YES)
        add_reason (explanation, rules->bant_yes, g_strdup (_ (answers[i].yes)));
      else if (answers[i].answer == CRM_BANT_NO)
        add_reason (explanation, rules->bant_no, g_strdup (_ (answers[i].no)));
    }
}

static void
explain_behaviour (CrmScoreExplanation *explanation,
                   const CrmScoreRules *rules,
                   const CrmContactRecord *contact,
                   const CrmActivityStats *stats,
                   gint64 now)
{
  gint64 last = MAX (stats->last_activity_at, contact->last_contacted_at);
  /* A contact captured lately is new, not silent. */
  gint64 since = last > 0 ? last : contact->captured_at;
  gint64 quiet_days = since > 0 ? (now - since) / SECONDS_PER_DAY : 0;

  if (stats->recent_meetings > 0)
    add_reason (explanation, rules->recent_meeting,
                /* Translators: a reason in a lead score; %u is a number of days. */
                g_strdup_printf (ngettext ("meeting in the last %u day",
                                           "meeting in the last %u days", rules->recent_days),
                                 rules->recent_days));
  if (stats->recent_touches > 0)
    add_reason (explanation,
                MIN ((int) stats->recent_touches * rules->recent_touch, rules->recent_touch_max),
                /* Translators: a reason in a lead score: %u calls and e-mails, %u days. */
                g_strdup_printf (ngettext ("%u call or e-mail in the last %u days",
                                           "%u calls or e-mails in the last %u days",
                                           stats->recent_touches),
                                 stats->recent_touches, rules->recent_days));
  if (rules->silent_days > 0 && quiet_days >= rules->silent_days)
    add_reason (explanation, rules->silent_penalty,
                /* Translators: a reason in a lead score; %u is a number of days. */
                g_strdup_printf (ngettext ("no contact for %u day", "no contact for %u days",
                                           rules->silent_days),
                                 rules->silent_days));
  else if (rules->quiet_days > 0 && quiet_days >= rules->quiet_days)
    add_reason (explanation, rules->quiet_penalty,
                g_strdup_printf (
                    ngettext ("no contact for %u day", "no contact for %u days", rules->quiet_days),
                    rules->quiet_days));
}

gint64
crm_score_rules_get_recent_since (const CrmScoreRules *rules, gint64 now)
{
  g_return_val_if_fail (rules != NULL, now);
  return now - (gint64) rules->recent_days * SECONDS_PER_DAY;
}

CrmLifecycleStage
crm_score_rules_qualify (const CrmScoreRules *rules, CrmLifecycleStage lifecycle, int score)
{
  g_return_val_if_fail (rules != NULL, lifecycle);

  if (rules->auto_qualify && lifecycle == CRM_LIFECYCLE_LEAD && score >= rules->qualify_threshold)
    return CRM_LIFECYCLE_QUALIFIED;
  return lifecycle;
}

CrmScoreExplanation *
crm_lead_score_explain_record (const CrmScoreRules *rules,
                               const CrmContactRecord *contact,
                               const CrmActivityStats *stats,
                               const char *source_name,
                               gint64 now)
{
  CrmScoreExplanation *explanation;

  g_return_val_if_fail (rules != NULL, NULL);
  g_return_val_if_fail (contact != NULL, NULL);
  g_return_val_if_fail (stats != NULL, NULL);

  explanation = g_new0 (CrmScoreExplanation, 1);
  explanation->reasons = g_ptr_array_new_with_free_func (score_reason_free);
  if (contact->company_id != 0)
    /* Translators: a reason in a lead score: the contact works at a known company. */
    add_reason (explanation, rules->has_company, g_strdup (_ ("works at a company")));
  if (is_deciding_title (contact->title))
    /* Translators: a reason in a lead score: %s is the contact's job title. */
    add_reason (explanation, rules->deciding_title,
                g_strdup_printf (_ ("decides as “%s”"), contact->title));
  explain_source (explanation, rules, source_name);
  explain_bant (explanation, rules, contact);
  explain_behaviour (explanation, rules, contact, stats, now);

  /* Back into 0–100, said as a reason so the lines add up to the score. */
  if (explanation->score > 100)
    add_reason (explanation, 100 - explanation->score, g_strdup (_ ("the score stops at 100")));
  else if (explanation->score < 0)
    add_reason (explanation, -explanation->score, g_strdup (_ ("the score stops at 0")));
  return explanation;
}

/* crm_lead_score_explain_record () with the facts read from @store. */
static CrmScoreExplanation *
explain_record (CrmStore *store,
                const CrmScoreRules *rules,
                const CrmContactRecord *contact,
                gint64 now,
                GHashTable *sources,
                GError **error)
{
  g_autofree char *owned_name = NULL;
  const char *source_name;
  CrmActivityStats stats;

  if (!crm_store_get_contact_activity_stats (
          store, contact->id, crm_score_rules_get_recent_since (rules, now), now, &stats, error))
    return NULL;
  source_name = lookup_source_name (store, contact->source_id, sources, &owned_name);
  return crm_lead_score_explain_record (rules, contact, &stats, source_name, now);
}

CrmScoreExplanation *
crm_lead_score_explain (
    CrmStore *store, const CrmScoreRules *rules, gint64 contact_id, gint64 now, GError **error)
{
  g_autoptr (CrmContactRecord) contact = NULL;

  g_return_val_if_fail (CRM_IS_STORE (store), NULL);
  g_return_val_if_fail (rules != NULL, NULL);

  contact = crm_store_get_contact (store, contact_id, error);
  if (contact == NULL)
    return NULL;
  return explain_record (store, rules, contact, now, NULL, error);
}

/* Writes @contact's new score, and Lead → Qualified when the rules say so; nothing when
 * nothing changed. */
static gboolean
write_score (CrmStore *store,
             const CrmScoreRules *rules,
             const CrmContactRecord *contact,
             int score,
             CrmScoreCounts *counts,
             GError **error)
{
  CrmLifecycleStage lifecycle = crm_score_rules_qualify (rules, contact->lifecycle, score);

  if (score == contact->score && lifecycle == contact->lifecycle)
    return TRUE;
  if (!crm_store_set_contact_score (store, contact->id, score, lifecycle, error))
    return FALSE;
  counts->n_changed++;
  if (lifecycle != contact->lifecycle)
    counts->n_qualified++;
  return TRUE;
}

gboolean
crm_lead_score_update_contact (CrmStore *store,
                               const CrmScoreRules *rules,
                               gint64 contact_id,
                               gint64 now,
                               CrmScoreCounts *counts,
                               GError **error)
{
  g_autoptr (CrmContactRecord) contact = NULL;
  g_autoptr (CrmScoreExplanation) explanation = NULL;
  CrmScoreCounts local_counts = { 0 };

  g_return_val_if_fail (CRM_IS_STORE (store), FALSE);
  g_return_val_if_fail (rules != NULL, FALSE);

  contact = crm_store_get_contact (store, contact_id, error);
  if (contact == NULL)
    return FALSE;
  explanation = explain_record (store, rules, contact, now, NULL, error);
  if (explanation == NULL)
    return FALSE;
  if (counts == NULL)
    counts = &local_counts;
  counts->n_contacts++;
  return write_score (store, rules, contact, explanation->score, counts, error);
}

struct _CrmLeadScoreRun
{
  CrmScoreRules rules;
  gint64 now;
  /* Where the next step starts: after this contact in name order (none yet: NULL). */
  char *after_name;
  gint64 after_id;
  GHashTable *sources; /* source id -> name, read once per run */
  CrmScoreCounts counts;
  gboolean finished;
};

CrmLeadScoreRun *
crm_lead_score_run_new (const CrmScoreRules *rules, gint64 now)
{
  CrmLeadScoreRun *run;

  g_return_val_if_fail (rules != NULL, NULL);

  run = g_new0 (CrmLeadScoreRun, 1);
  run->rules = *rules;
  run->now = now;
  run->sources = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  return run;
}

void
crm_lead_score_run_free (CrmLeadScoreRun *run)
{
  if (run == NULL)
    return;
  g_free (run->after_name);
  g_hash_table_unref (run->sources);
  g_free (run);
}

const CrmScoreCounts *
crm_lead_score_run_get_counts (CrmLeadScoreRun *run)
{
  g_return_val_if_fail (run != NULL, NULL);
  return &run->counts;
}

gboolean
crm_lead_score_run_step (
    CrmLeadScoreRun *run, CrmStore *store, guint max_contacts, gboolean *finished, GError **error)
{
  g_autoptr (GPtrArray) page = NULL;

  g_return_val_if_fail (run != NULL, FALSE);
  g_return_val_if_fail (CRM_IS_STORE (store), FALSE);
  g_return_val_if_fail (max_contacts > 0, FALSE);

  if (run->finished)
    {
      if (finished != NULL)
        *finished = TRUE;
      return TRUE;
    }
  /* An ordinary transaction: a bulk one would rebuild indexes the scores do not touch. */
  if (!crm_store_begin (store, error))
    return FALSE;
  page = crm_store_fetch_contacts (store, run->after_name, run->after_id, 0, max_contacts, error);
  if (page == NULL)
    goto failed;
  for (guint i = 0; i < page->len; i++)
    {
      CrmContactRecord *contact = page->pdata[i];
      g_autoptr (CrmScoreExplanation) explanation
          = explain_record (store, &run->rules, contact, run->now, run->sources, error);

      if (explanation == NULL
          || !write_score (store, &run->rules, contact, explanation->score, &run->counts, error))
        goto failed;
      run->counts.n_contacts++;
    }
  if (!crm_store_commit (store, error))
    return FALSE;

  if (page->len > 0)
    {
      CrmContactRecord *last = page->pdata[page->len - 1];

      g_free (run->after_name);
      run->after_name = g_strdup (last->name);
      run->after_id = last->id;
    }
  run->finished = page->len < max_contacts;
  if (finished != NULL)
    *finished = run->finished;
  return TRUE;

failed:
  crm_store_rollback (store);
  return FALSE;
}

gboolean
crm_lead_score_update_all (
    CrmStore *store, const CrmScoreRules *rules, gint64 now, CrmScoreCounts *counts, GError **error)
{
  g_autoptr (CrmLeadScoreRun) run = NULL;
  gboolean finished = FALSE;

  g_return_val_if_fail (CRM_IS_STORE (store), FALSE);
  g_return_val_if_fail (rules != NULL, FALSE);

  run = crm_lead_score_run_new (rules, now);
  if (!crm_store_begin (store, error))
    return FALSE;
  while (!finished)
    {
      if (!crm_lead_score_run_step (run, store, PAGE_SIZE, &finished, error))
        {
          crm_store_rollback (store);
          return FALSE;
        }
    }
  if (!crm_store_commit (store, error))
    return FALSE;
  if (counts != NULL)
    *counts = run->counts;
  return TRUE;
}

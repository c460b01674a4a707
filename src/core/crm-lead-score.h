/* crm-lead-score.h — the rule-based lead score of crm-process.md §3: points for what a contact
 * is (a company, a deciding job title, the source, BANT answers) and for what it did lately
 * (meetings, calls and e-mails), less points for silence; 0 to 100, and it explains itself
 * ("+20 referral", "+15 meeting in the last 30 days", "−10 no contact for 60 days").
 */
#pragma once

#include <gio/gio.h>

#include "crm-store.h"

G_BEGIN_DECLS

/* The rules: points per fact. */
typedef struct
{
  int has_company;
  int deciding_title; /* a title naming a decision maker (CEO, director, head, owner…) */
  int referral_source;
  int partner_source;
  int event_source;
  int bant_yes; /* per BANT answer "yes" */
  int bant_no;  /* per answer "no" (negative) */
  guint recent_days;
  int recent_meeting;   /* once, for a meeting in the last recent_days */
  int recent_touch;     /* per call or e-mail in the last recent_days… */
  int recent_touch_max; /* …up to this */
  guint quiet_days;
  int quiet_penalty; /* no activity for quiet_days (negative) */
  guint silent_days;
  int silent_penalty; /* no activity for silent_days, instead of the above (negative) */
  /* A lead whose score reaches qualify_threshold becomes Qualified (crm-process.md §3). */
  gboolean auto_qualify;
  int qualify_threshold;
} CrmScoreRules;

/* The default rules (documented in the README). */
void
crm_score_rules_init (CrmScoreRules *rules);
/* The rules as set in @settings (the io.github.rapportcrm.Rapport schema, whose defaults are
 * those of crm_score_rules_init ()). */
void
crm_score_rules_load (GSettings *settings, CrmScoreRules *rules);
/* The settings keys crm_score_rules_load () reads, NULL-terminated. */
const char *const *
crm_score_rules_get_keys (void);

/* The start of the rules' recent window ending at @now: the @since that
 * crm_store_get_contact_activity_stats () takes for crm_lead_score_explain_record (). */
gint64
crm_score_rules_get_recent_since (const CrmScoreRules *rules, gint64 now);
/* The lifecycle stage the rules give a contact at @lifecycle whose score is @score: Qualified
 * for a lead reaching the threshold (with auto_qualify), @lifecycle otherwise. */
CrmLifecycleStage
crm_score_rules_qualify (const CrmScoreRules *rules, CrmLifecycleStage lifecycle, int score);

/* One line of an explanation: points, and why. */
typedef struct
{
  int points;
  char *reason; /* translated, plain text */
} CrmScoreReason;

typedef struct
{
  int score;          /* 0 to 100: the sum of the reasons' points */
  GPtrArray *reasons; /* CrmScoreReason, in the order of the rules */
} CrmScoreExplanation;

void
crm_score_explanation_free (CrmScoreExplanation *explanation);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrmScoreExplanation, crm_score_explanation_free)

/* The score of contact @contact_id at @now (unix seconds), with its reasons. When the rules'
 * points add up past 100 or below 0, a last reason brings the sum back into range, so the
 * reasons always add up to the score. */
CrmScoreExplanation *
crm_lead_score_explain (
    CrmStore *store, const CrmScoreRules *rules, gint64 contact_id, gint64 now, GError **error);

/* The same explanation from facts in hand, without a store (for code that knows the contact's
 * activities before they are written, as the seeder does): @contact as stored (its source_id
 * is not read), @stats as crm_store_get_contact_activity_stats () gives them from
 * crm_score_rules_get_recent_since () to @now, and @source_name the name of the contact's
 * source (NULL: none). crm_lead_score_explain () is this with the facts read from the store. */
CrmScoreExplanation *
crm_lead_score_explain_record (const CrmScoreRules *rules,
                               const CrmContactRecord *contact,
                               const CrmActivityStats *stats,
                               const char *source_name,
                               gint64 now);

/* What an update did: contacts scored, contacts rewritten (new score or stage), and leads
 * among them that became Qualified. */
typedef struct
{
  guint n_contacts;
  guint n_changed;
  guint n_qualified;
} CrmScoreCounts;

/* Recomputes contact @contact_id's score at @now and writes it when it changed; with
 * auto_qualify, a lead reaching the threshold becomes Qualified (never another stage). Nothing
 * is written when nothing changed. Adds to @counts (may be NULL). */
gboolean
crm_lead_score_update_contact (CrmStore *store,
                               const CrmScoreRules *rules,
                               gint64 contact_id,
                               gint64 now,
                               CrmScoreCounts *counts,
                               GError **error);

/* Recomputes every contact's score at @now as crm_lead_score_update_contact () does, in one
 * transaction. @counts (may be NULL) says what it did. */
gboolean
crm_lead_score_update_all (CrmStore *store,
                           const CrmScoreRules *rules,
                           gint64 now,
                           CrmScoreCounts *counts,
                           GError **error);

/* The same pass, a few contacts at a time (for a main loop that must not wait for it all). */
typedef struct _CrmLeadScoreRun CrmLeadScoreRun;

CrmLeadScoreRun *
crm_lead_score_run_new (const CrmScoreRules *rules, gint64 now);
void
crm_lead_score_run_free (CrmLeadScoreRun *run);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrmLeadScoreRun, crm_lead_score_run_free)
/* Scores the next @max_contacts contacts (in name order) in one transaction; *@finished
 * becomes TRUE once every contact was scored. */
gboolean
crm_lead_score_run_step (
    CrmLeadScoreRun *run, CrmStore *store, guint max_contacts, gboolean *finished, GError **error);
/* What the run did so far. */
const CrmScoreCounts *
crm_lead_score_run_get_counts (CrmLeadScoreRun *run);

G_END_DECLS

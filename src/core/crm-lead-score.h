/* crm-lead-score.h — the rule-based lead score of crm-process.md §3: points for what a contact
 * is (a company, a deciding job title, the source, BANT answers) and for what it did lately
 * (meetings, calls and e-mails), less points for silence; 0 to 100, and it explains itself
 * ("+20 referral", "+15 meeting in the last 30 days", "−10 no contact for 60 days").
 */
#pragma once

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
} CrmScoreRules;

/* The default rules (documented in the README). */
void
crm_score_rules_init (CrmScoreRules *rules);

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

/* Recomputes every contact's score at @now and writes those that changed, in one transaction.
 * @n_contacts and @n_changed (either may be NULL) say how many were scored and rewritten. */
gboolean
crm_lead_score_update_all (CrmStore *store,
                           const CrmScoreRules *rules,
                           gint64 now,
                           guint *n_contacts,
                           guint *n_changed,
                           GError **error);

G_END_DECLS

/* crm-score-keeper.h — CrmScoreKeeper keeps the stored lead scores true to the rules set in
 * GSettings: it recomputes a contact's score after the contact or one of its activities was
 * written, every score when the rules change and once a day (silence lowers scores with
 * time), and moves leads that reach the threshold to Qualified (crm_lead_score_update_contact).
 */
#pragma once

#include <gio/gio.h>

#include "crm-lead-score.h"
#include "crm-store.h"
#include "crm-undo-manager.h"

G_BEGIN_DECLS

#define CRM_TYPE_SCORE_KEEPER (crm_score_keeper_get_type ())
G_DECLARE_FINAL_TYPE (CrmScoreKeeper, crm_score_keeper, CRM, SCORE_KEEPER, GObject)

/* A keeper of @store's scores under the rules in @settings (the io.github.rapportcrm.Rapport
 * schema). With @undo_manager (may be NULL), a score recomputed after a user's undoable action
 * joins that action's undo step. */
CrmScoreKeeper *
crm_score_keeper_new (CrmStore *store, GSettings *settings, CrmUndoManager *undo_manager);

/* The rules in force. */
const CrmScoreRules *
crm_score_keeper_get_rules (CrmScoreKeeper *self);

/* Recomputes now the contacts whose changes are waiting (an idle callback otherwise does). */
void
crm_score_keeper_flush (CrmScoreKeeper *self);

/* Rescores every contact: a few at a time from idle callbacks, each few one transaction, so
 * the main loop goes on meanwhile. A pass already running starts over. */
void
crm_score_keeper_rescore_all (CrmScoreKeeper *self);
/* Holds a pass over every contact for @milliseconds from now (again from each call): while the
 * user types, a step of the pass running as a frame falls due would delay that frame. */
void
crm_score_keeper_hold (CrmScoreKeeper *self, guint milliseconds);
/* Whether a pass over every contact is running (the "rescoring" property). */
gboolean
crm_score_keeper_get_rescoring (CrmScoreKeeper *self);
/* What the last finished pass did. */
const CrmScoreCounts *
crm_score_keeper_get_last_counts (CrmScoreKeeper *self);

/* Rescores every contact @delay_seconds from now, and again each time the local date changes
 * (inactivity lowers scores day by day). */
void
crm_score_keeper_start_daily (CrmScoreKeeper *self, guint delay_seconds);

G_END_DECLS

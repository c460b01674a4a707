/* crm-board-totals.h — CrmBoardTotals keeps the money totals of the board's columns: per stage
 * and currency, the sum of the deal values and of the values weighted by win probability.
 *
 * The first sum of a stage is one aggregate query; after that every store change is applied as
 * a difference, so a move costs one row read.
 */
#pragma once

#include "crm-store.h"

G_BEGIN_DECLS

/* The totals of one currency in one stage. */
typedef struct
{
  char *currency;
  guint n_deals;
  gint64 total_minor;
  gint64 weighted_minor;
} CrmBoardTotal;

void
crm_board_total_free (CrmBoardTotal *total);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrmBoardTotal, crm_board_total_free)

#define CRM_TYPE_BOARD_TOTALS (crm_board_totals_get_type ())
G_DECLARE_FINAL_TYPE (CrmBoardTotals, crm_board_totals, CRM, BOARD_TOTALS, GObject)

CrmBoardTotals *
crm_board_totals_new (CrmStore *store);

/* Starts (or stops) keeping the totals of @stage_id (@n_deals: unused, kept for callers).
 * ::changed tells when they are known: at once, or at the release when held. */
void
crm_board_totals_track_stage (CrmBoardTotals *self, gint64 stage_id, guint n_deals);
void
crm_board_totals_untrack_stage (CrmBoardTotals *self, gint64 stage_id);

/* While held, stages are not summed until the release (a board holds them until its first
 * frame is on screen, which they would delay). */
void
crm_board_totals_hold (CrmBoardTotals *self);
void
crm_board_totals_release (CrmBoardTotals *self);

/* TRUE once the totals of @stage_id are summed and up to date. */
gboolean
crm_board_totals_is_ready (CrmBoardTotals *self, gint64 stage_id);

/* The totals of @stage_id (CrmBoardTotal, one per currency, by currency code), weighting deals
 * without their own probability by @stage_probability. Empty while not ready. */
GPtrArray *
crm_board_totals_dup (CrmBoardTotals *self, gint64 stage_id, int stage_probability);

/* One line per currency, "€12,500.00 · €5,000.00 weighted" (or only "€12,500.00" without
 * @weighted: a closed stage's odds are settled); NULL when there is nothing to say (no deals,
 * or not ready). Never markup. */
char *
crm_board_totals_format (GPtrArray *totals, gboolean weighted);

G_END_DECLS

/* crm-stage-column.h — CrmStageColumn, one stage of the pipeline board: a header with the
 * stage's name, deal count and money totals, and the stage's deals in a view that recycles its
 * cards (5,000 deals cost what 50 cost). Deals dropped on the column are moved there with
 * the pipeline.move-deal action, at the place the drop indicator shows.
 */
#pragma once

#include <gtk/gtk.h>

#include "crm-board-totals.h"
#include "crm-deal-card.h"
#include "crm-repository.h"
#include "crm-stage.h"

G_BEGIN_DECLS

#define CRM_TYPE_STAGE_COLUMN (crm_stage_column_get_type ())
G_DECLARE_FINAL_TYPE (CrmStageColumn, crm_stage_column, CRM, STAGE_COLUMN, GtkWidget)

/* A column of @stage's deals; its totals come from @totals, which it asks to track the stage. */
GtkWidget *
crm_stage_column_new (CrmRepository *repository, CrmStage *stage, CrmBoardTotals *totals);

CrmStage *
crm_stage_column_get_stage (CrmStageColumn *self);
/* The stage's deals in board order (a CrmDealListModel). */
GListModel *
crm_stage_column_get_deals (CrmStageColumn *self);
/* Whether the deals were read yet (a column out of the board's first frame reads them after
 * it), and how many are shown; 0 while not read. ::deals-changed tells when either changes. */
gboolean
crm_stage_column_get_deals_read (CrmStageColumn *self);
guint
crm_stage_column_get_n_deals (CrmStageColumn *self);
/* Position of deal @deal_id in the column, or -1. */
int
crm_stage_column_find_deal (CrmStageColumn *self, gint64 deal_id);

/* The card showing deal @deal_id, when the view has one for it (it makes cards only for
 * the deals in or near view), else NULL. */
CrmDealCard *
crm_stage_column_get_card (CrmStageColumn *self, gint64 deal_id);

/* Brings the days in stage (and stale badges) of the cards up to today. */
void
crm_stage_column_refresh_ages (CrmStageColumn *self);
/* Won and Lost columns can be collapsed to a narrow strip, which still takes drops (on top). */
gboolean
crm_stage_column_get_collapsible (CrmStageColumn *self);
gboolean
crm_stage_column_get_collapsed (CrmStageColumn *self);
void
crm_stage_column_set_collapsed (CrmStageColumn *self, gboolean collapsed);
/* Shows only the deals matching @text and, with @stale_only, the stale ones. */
void
crm_stage_column_set_filter (CrmStageColumn *self, const char *text, gboolean stale_only);
/* Shows only the deals whose ids are in the set @deal_ids too (see
 * crm_deal_list_model_set_deal_ids); NULL: no such limit. */
void
crm_stage_column_set_deal_ids (CrmStageColumn *self, GHashTable *deal_ids);
/* Reads the next step of every card again (activities changed). */
void
crm_stage_column_refresh_next_steps (CrmStageColumn *self);

/* Scrolls deal @deal_id into view and gives its card the keyboard focus. */
gboolean
crm_stage_column_focus_deal (CrmStageColumn *self, gint64 deal_id);

/* The header's texts, as shown: "12", and one totals line per currency ("" when none). */
const char *
crm_stage_column_get_count_text (CrmStageColumn *self);
const char *
crm_stage_column_get_totals_text (CrmStageColumn *self);

/* Where a deal dropped at @y (in column coordinates) would land: the ordinal position among
 * the column's deals not counting @deal_id itself (as crm_store_move_deal() takes it), or -1
 * when the drop would leave the deal where it is. */
/* How many of the column's deals get a card, from the top (G_MAXUINT: all, the default).
 * The board makes only the cards its first frame shows, and lets the rest join after it. */
void
crm_stage_column_set_card_limit (CrmStageColumn *self, guint limit);
guint
crm_stage_column_get_card_limit (CrmStageColumn *self);
/* The height the header takes in a column @width wide: the rest is for the cards. */
int
crm_stage_column_measure_header (CrmStageColumn *self, int width);

int
crm_stage_column_get_drop_position (CrmStageColumn *self, gint64 deal_id, double y);

G_END_DECLS

/* crm-pipeline-view.h — CrmPipelineView, the Pipeline page: the deals of one pipeline as a
 * board of columns, one CrmStageColumn per stage, scrolling sideways; a switcher when there is
 * more than one pipeline; and an empty state while the pipeline has no deal.
 *
 * Every move is a "pipeline." action (see crm-board-actions.c):
 *   pipeline.move-deal                 (xxi)  deal id, stage id, position (-1: bottom)
 *   pipeline.move-deal-previous-stage  (x)    deal id
 *   pipeline.move-deal-next-stage      (x)
 *   pipeline.move-deal-up              (x)
 *   pipeline.move-deal-down            (x)
 *   pipeline.show-deal-menu            (x)    the card's context menu
 * Moves go through the undo manager when the view has one, and report in a toast with Undo
 * (the "win.undo" action) on the nearest AdwToastOverlay.
 */
#pragma once

#include <gtk/gtk.h>

#include "crm-repository.h"
#include "crm-stage-column.h"
#include "crm-stage-editor.h"
#include "crm-undo-manager.h"

G_BEGIN_DECLS

#define CRM_TYPE_PIPELINE_VIEW (crm_pipeline_view_get_type ())
G_DECLARE_FINAL_TYPE (CrmPipelineView, crm_pipeline_view, CRM, PIPELINE_VIEW, GtkWidget)

/* A board over @repository's store; moves are recorded in @undo_manager (may be NULL). */
GtkWidget *
crm_pipeline_view_new (CrmRepository *repository, CrmUndoManager *undo_manager);

CrmRepository *
crm_pipeline_view_get_repository (CrmPipelineView *self);
CrmUndoManager *
crm_pipeline_view_get_undo_manager (CrmPipelineView *self);

/* The pipeline shown (0 when the database has none). Also the "pipeline-id" property. */
gint64
crm_pipeline_view_get_pipeline_id (CrmPipelineView *self);
void
crm_pipeline_view_set_pipeline_id (CrmPipelineView *self, gint64 pipeline_id);

/* The columns, in stage order. */
guint
crm_pipeline_view_get_n_columns (CrmPipelineView *self);
CrmStageColumn *
crm_pipeline_view_get_column (CrmPipelineView *self, guint index);
/* The column of stage @stage_id, or NULL. */
CrmStageColumn *
crm_pipeline_view_get_column_for_stage (CrmPipelineView *self, gint64 stage_id);

/* TRUE while the pipeline has no deal (its columns show, empty). */
gboolean
crm_pipeline_view_get_empty (CrmPipelineView *self);

/* TRUE while the search field, "Stale Only" or crm_pipeline_view_show_deals() leaves deals out
 * of the columns. */
gboolean
crm_pipeline_view_get_filtered (CrmPipelineView *self);
/* Shows pipeline @pipeline_id (0: the one shown) with only the deals @deal_ids in its columns
 * (of any pipeline: they stay the only ones shown when another pipeline is chosen), under a bar
 * that says @description (plain text, e.g. "Deals that entered Proposal, Jan 1 – Mar 31") with
 * a Show All Deals button (pipeline.show-all-deals). The search field still narrows them. */
void
crm_pipeline_view_show_deals (CrmPipelineView *self,
                              gint64 pipeline_id,
                              const gint64 *deal_ids,
                              guint n_deal_ids,
                              const char *description);
/* Ends crm_pipeline_view_show_deals(): every deal again. */
void
crm_pipeline_view_show_all_deals (CrmPipelineView *self);
/* Puts the keyboard focus in the board's search field (Ctrl+F); FALSE when it is not shown. */
gboolean
crm_pipeline_view_focus_search (CrmPipelineView *self);

/* Moves deal @deal_id to @position (-1: bottom) of stage @stage_id, as pipeline.move-deal
 * does: nothing when it is already there; else one store transaction, recorded for undo, a
 * toast, and the keyboard focus on the moved card when the board had it. */
gboolean
crm_pipeline_view_move_deal (
    CrmPipelineView *self, gint64 deal_id, gint64 stage_id, int position, GError **error);

/* Opens the stage editor of the pipeline shown (pipeline.edit-stages); NULL when none is. */
CrmStageEditor *
crm_pipeline_view_edit_stages (CrmPipelineView *self);
/* Creates a pipeline with the stages of the one shown (or the default stages) and shows it
 * (pipeline.new-pipeline opens its stage editor too); returns its id, 0 on error. */
gint64
crm_pipeline_view_new_pipeline (CrmPipelineView *self, GError **error);

/* Scrolls the card of deal @deal_id into view and focuses it. */
gboolean
crm_pipeline_view_focus_deal (CrmPipelineView *self, gint64 deal_id);

G_END_DECLS

/* crm-pipeline-view-private.h — what the files of CrmPipelineView share: the instance struct,
 * and the board's actions (crm-board-actions.c) that crm-pipeline-view.c installs.
 */
#pragma once

#include <adwaita.h>

#include "crm-board-totals.h"
#include "crm-pipeline-view.h"
#include "crm-stage-list-model.h"

G_BEGIN_DECLS

struct _CrmPipelineView
{
  GtkWidget parent_instance;

  CrmRepository *repository;
  CrmUndoManager *undo_manager;
  CrmBoardTotals *totals;
  GSettings *settings; /* for the collapsed columns */
  /* The totals are held until the first frame is painted (after-paint of the frame clock). */
  gboolean totals_held;
  /* Until the first frame is painted, each column makes only the cards that frame shows. */
  gboolean first_frame_pending;
  /* Then the columns make the others, one per idle callback. */
  guint complete_columns_id;
  GdkFrameClock *frame_clock;
  gulong after_paint_handler;
  GListStore *pipelines; /* CrmPipeline, in the store's order */
  CrmStageListModel *stages;
  gint64 pipeline_id;
  gboolean pipeline_id_set; /* FALSE until the first pipeline is chosen */
  GPtrArray *columns;       /* CrmStageColumn in stage order; columns_box owns them */
  gulong store_handler;
  gulong stages_handler;
  gboolean empty;
  /* The deals the dashboard asked to show (a gint64 set), or NULL: all. */
  GHashTable *deal_ids;
  /* Set while the dropdown is filled, so its notifications are not taken as a choice. */
  gboolean updating_dropdown;

  /* The deal whose card has (or last had) the keyboard focus, so the focus can follow the
   * deal when a move, an undo or another program puts it elsewhere; 0 when the focus left. */
  gint64 focus_deal_id;
  /* The window the board is in, from root to unroot. Not referenced: the window owns the
   * board, so a reference would keep a destroyed window (and its store) alive for ever. */
  GtkWindow *focus_window;
  gulong focus_handler;

  /* Fires just after midnight, for the cards' days in stage. */
  guint day_change_id;

  /* While a drag nears the board's left or right edge: the scroll speed and its tick. */
  double autoscroll_step;
  guint autoscroll_tick;

  /* The card context menu while open (a child of the view). */
  GtkWidget *deal_menu;
  /* The last move's toast while shown, to replace rather than queue toasts, and the undo
   * step its Undo button stands for. */
  AdwToast *move_toast;
  char *move_toast_label;

  /* Template children */
  GtkStack *stack;
  AdwStatusPage *status_page;
  GtkWidget *toolbar;
  GtkSearchEntry *search_entry;
  GtkButton *status_button;
  GtkToggleButton *stale_toggle;
  GtkRevealer *deal_filter_bar;
  GtkLabel *deal_filter_label;
  GtkDropDown *pipeline_dropdown;
  GtkScrolledWindow *board_scroller;
  GtkBox *columns_box;
};

/* crm-board-actions.c: installs the pipeline.* actions on the class, and sets up an instance's
 * keyboard shortcuts and context-menu gestures. */
void
crm_board_actions_class_init (GtkWidgetClass *widget_class);
void
crm_board_actions_init (CrmPipelineView *self);
void
crm_board_actions_constructed (CrmPipelineView *self);
void
crm_board_actions_dispose (CrmPipelineView *self);

/* The column and position of deal @deal_id on the board; FALSE when it is not on it. */
gboolean
crm_pipeline_view_locate_deal (CrmPipelineView *self,
                               gint64 deal_id,
                               guint *column_index,
                               int *position);

/* TRUE once every column makes cards for all its deals, not only the first frame's (for
 * tests). */
gboolean
crm_pipeline_view_get_columns_complete (CrmPipelineView *self);

/* The toast of the last move while it shows, else NULL (for tests). */
AdwToast *
crm_pipeline_view_get_move_toast (CrmPipelineView *self);

/* Reports @text in a toast over the board, with an Undo button when @undoable. */
void
crm_pipeline_view_report (CrmPipelineView *self, const char *text, gboolean undoable);

G_END_DECLS

/* crm-pipeline-view.c — CrmPipelineView: the pipelines and their switcher, one column per stage
 * of the current pipeline (following the CrmStageListModel's items-changed, so stages added,
 * renamed, reordered or removed show at once), the empty state, and the keyboard focus that
 * follows a moved deal. The moves themselves are in crm-board-actions.c.
 */
#include "config.h"

#include "crm-pipeline-view-private.h"

#include <glib/gi18n.h>
#include <math.h>

#include "crm-gui-resources.h"
#include "crm-pipeline.h"

G_DEFINE_FINAL_TYPE (CrmPipelineView, crm_pipeline_view, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_REPOSITORY,
  PROP_UNDO_MANAGER,
  PROP_PIPELINE_ID,
  PROP_EMPTY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

GtkWidget *
crm_pipeline_view_new (CrmRepository *repository, CrmUndoManager *undo_manager)
{
  g_return_val_if_fail (CRM_IS_REPOSITORY (repository), NULL);
  g_return_val_if_fail (undo_manager == NULL || CRM_IS_UNDO_MANAGER (undo_manager), NULL);

  return g_object_new (CRM_TYPE_PIPELINE_VIEW, "repository", repository, "undo-manager",
                       undo_manager, NULL);
}

CrmRepository *
crm_pipeline_view_get_repository (CrmPipelineView *self)
{
  g_return_val_if_fail (CRM_IS_PIPELINE_VIEW (self), NULL);

  return self->repository;
}

CrmUndoManager *
crm_pipeline_view_get_undo_manager (CrmPipelineView *self)
{
  g_return_val_if_fail (CRM_IS_PIPELINE_VIEW (self), NULL);

  return self->undo_manager;
}

static CrmStore *
get_store (CrmPipelineView *self)
{
  return crm_repository_get_store (self->repository);
}

/* ---- Columns ---------------------------------------------------------------------------- */

guint
crm_pipeline_view_get_n_columns (CrmPipelineView *self)
{
  g_return_val_if_fail (CRM_IS_PIPELINE_VIEW (self), 0);

  return self->columns->len;
}

CrmStageColumn *
crm_pipeline_view_get_column (CrmPipelineView *self, guint index)
{
  g_return_val_if_fail (CRM_IS_PIPELINE_VIEW (self), NULL);
  g_return_val_if_fail (index < self->columns->len, NULL);

  return self->columns->pdata[index];
}

CrmStageColumn *
crm_pipeline_view_get_column_for_stage (CrmPipelineView *self, gint64 stage_id)
{
  g_return_val_if_fail (CRM_IS_PIPELINE_VIEW (self), NULL);

  for (guint i = 0; i < self->columns->len; i++)
    {
      CrmStage *stage = crm_stage_column_get_stage (self->columns->pdata[i]);

      if (crm_entity_object_get_id (CRM_ENTITY_OBJECT (stage)) == stage_id)
        return self->columns->pdata[i];
    }
  return NULL;
}

gboolean
crm_pipeline_view_locate_deal (CrmPipelineView *self,
                               gint64 deal_id,
                               guint *column_index,
                               int *position)
{
  for (guint i = 0; i < self->columns->len; i++)
    {
      int found = crm_stage_column_find_deal (self->columns->pdata[i], deal_id);

      if (found >= 0)
        {
          *column_index = i;
          *position = found;
          return TRUE;
        }
    }
  return FALSE;
}

gboolean
crm_pipeline_view_get_empty (CrmPipelineView *self)
{
  g_return_val_if_fail (CRM_IS_PIPELINE_VIEW (self), TRUE);

  return self->empty;
}

/* The empty state, for a board without columns: no pipeline, or a pipeline without stages. */
static void
update_status_page (CrmPipelineView *self)
{
  g_autofree char *description = NULL;
  g_autoptr (CrmPipeline) pipeline = NULL;
  guint selected = gtk_drop_down_get_selected (self->pipeline_dropdown);

  if (selected != GTK_INVALID_LIST_POSITION)
    pipeline = g_list_model_get_item (G_LIST_MODEL (self->pipelines), selected);

  if (pipeline == NULL)
    {
      adw_status_page_set_title (self->status_page, _ ("No Pipeline"));
      gtk_button_set_label (self->status_button, _ ("_New Pipeline"));
      gtk_actionable_set_action_name (GTK_ACTIONABLE (self->status_button),
                                      "pipeline.new-pipeline");
      adw_status_page_set_description (
          self->status_page,
          _ ("Deals will appear here, in columns by stage, once the database has a pipeline."));
      return;
    }

  adw_status_page_set_title (self->status_page, _ ("No Stages"));
  gtk_button_set_label (self->status_button, _ ("_Add Stages"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->status_button), "pipeline.edit-stages");
  /* The status page's description is markup; the pipeline name is user text. */
  description = g_markup_printf_escaped (
      /* Translators: %s is the name of a sales pipeline. */
      _ ("The “%s” pipeline has no stages yet. Add stages to put deals in it."),
      crm_pipeline_get_name (pipeline) != NULL ? crm_pipeline_get_name (pipeline) : "");
  adw_status_page_set_description (self->status_page, description);
}

/* Shows the board while the pipeline has stages (empty columns included: they are where the
 * first deals land, and the toolbar stays in reach), the status page otherwise. */
static void
update_empty (CrmPipelineView *self)
{
  guint n_deals = 0;
  gboolean empty;

  for (guint i = 0; i < self->columns->len; i++)
    n_deals += crm_stage_column_get_n_deals (self->columns->pdata[i]);
  empty = n_deals == 0;

  gtk_stack_set_visible_child_name (self->stack, self->columns->len > 0 ? "board" : "empty");
  if (empty == self->empty)
    return;
  self->empty = empty;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EMPTY]);
}

static void
on_column_deals_items_changed (CrmPipelineView *self)
{
  update_empty (self);
}

/* ---- Filter ----------------------------------------------------------------------------- */

static void
apply_filter_to_column (CrmPipelineView *self, CrmStageColumn *column)
{
  crm_stage_column_set_filter (column, gtk_editable_get_text (GTK_EDITABLE (self->search_entry)),
                               gtk_toggle_button_get_active (self->stale_toggle));
  crm_stage_column_set_deal_ids (column, self->deal_ids);
}

static void
on_filter_changed (CrmPipelineView *self)
{
  for (guint i = 0; i < self->columns->len; i++)
    apply_filter_to_column (self, self->columns->pdata[i]);
}

/* Escape in the search field: the whole board again. */
static void
on_search_stopped (CrmPipelineView *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
}

gboolean
crm_pipeline_view_get_filtered (CrmPipelineView *self)
{
  const char *text;

  g_return_val_if_fail (CRM_IS_PIPELINE_VIEW (self), FALSE);

  text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  return gtk_toggle_button_get_active (self->stale_toggle) || (text != NULL && text[0] != '\0')
         || self->deal_ids != NULL;
}

void
crm_pipeline_view_show_deals (CrmPipelineView *self,
                              gint64 pipeline_id,
                              const gint64 *deal_ids,
                              guint n_deal_ids,
                              const char *description)
{
  g_return_if_fail (CRM_IS_PIPELINE_VIEW (self));
  g_return_if_fail (deal_ids != NULL || n_deal_ids == 0);

  g_clear_pointer (&self->deal_ids, g_hash_table_unref);
  self->deal_ids = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  for (guint i = 0; i < n_deal_ids; i++)
    g_hash_table_add (self->deal_ids, g_memdup2 (&deal_ids[i], sizeof (gint64)));
  gtk_label_set_text (self->deal_filter_label, description != NULL ? description : "");
  gtk_revealer_set_reveal_child (self->deal_filter_bar, TRUE);
  if (pipeline_id != 0)
    crm_pipeline_view_set_pipeline_id (self, pipeline_id);
  on_filter_changed (self);
}

void
crm_pipeline_view_show_all_deals (CrmPipelineView *self)
{
  g_return_if_fail (CRM_IS_PIPELINE_VIEW (self));

  if (self->deal_ids == NULL)
    return;
  g_clear_pointer (&self->deal_ids, g_hash_table_unref);
  gtk_revealer_set_reveal_child (self->deal_filter_bar, FALSE);
  on_filter_changed (self);
}

static void
on_show_all_deals_activate (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  crm_pipeline_view_show_all_deals (CRM_PIPELINE_VIEW (widget));
}

gboolean
crm_pipeline_view_focus_search (CrmPipelineView *self)
{
  g_return_val_if_fail (CRM_IS_PIPELINE_VIEW (self), FALSE);

  if (!gtk_widget_is_drawable (GTK_WIDGET (self->search_entry)))
    return FALSE;
  return gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

/* ---- Collapsed columns, remembered by stage UUID ----------------------------------------- */

static gboolean
stage_is_remembered_collapsed (CrmPipelineView *self, CrmStage *stage)
{
  g_auto (GStrv) collapsed = g_settings_get_strv (self->settings, "collapsed-stages");
  const char *uuid = crm_entity_object_get_uuid (CRM_ENTITY_OBJECT (stage));

  return uuid != NULL && g_strv_contains ((const char *const *) collapsed, uuid);
}

static void
on_column_collapsed_notify (CrmPipelineView *self, GParamSpec *pspec, CrmStageColumn *column)
{
  g_auto (GStrv) old = g_settings_get_strv (self->settings, "collapsed-stages");
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  g_auto (GStrv) updated = NULL;
  const char *uuid
      = crm_entity_object_get_uuid (CRM_ENTITY_OBJECT (crm_stage_column_get_stage (column)));

  if (uuid == NULL)
    return;
  for (guint i = 0; old[i] != NULL; i++)
    if (!g_str_equal (old[i], uuid))
      g_strv_builder_add (builder, old[i]);
  if (crm_stage_column_get_collapsed (column))
    g_strv_builder_add (builder, uuid);
  updated = g_strv_builder_end (builder);
  g_settings_set_strv (self->settings, "collapsed-stages", (const char *const *) updated);
}

static GtkWidget *
create_column (CrmPipelineView *self, CrmStage *stage)
{
  /* Before the first frame, its layout says how many cards a column makes
   * (limit_cards_to_view). */
  GtkWidget *column = g_object_new (CRM_TYPE_STAGE_COLUMN, "repository", self->repository, "stage",
                                    stage, "totals", self->totals, "card-limit",
                                    self->first_frame_pending ? 0 : G_MAXUINT, NULL);

  g_signal_connect_object (column, "deals-changed", G_CALLBACK (on_column_deals_items_changed),
                           self, G_CONNECT_SWAPPED);
  if (crm_pipeline_view_get_filtered (self))
    apply_filter_to_column (self, CRM_STAGE_COLUMN (column));
  if (stage_is_remembered_collapsed (self, stage))
    crm_stage_column_set_collapsed (CRM_STAGE_COLUMN (column), TRUE);
  g_signal_connect_object (column, "notify::collapsed", G_CALLBACK (on_column_collapsed_notify),
                           self, G_CONNECT_SWAPPED);
  return column;
}

static void
on_stages_items_changed (CrmPipelineView *self, guint position, guint removed, guint added)
{
  GtkWidget *before = position > 0 ? self->columns->pdata[position - 1] : NULL;

  for (guint i = 0; i < removed; i++)
    gtk_box_remove (self->columns_box, self->columns->pdata[position + i]);
  g_ptr_array_remove_range (self->columns, position, removed);

  for (guint i = 0; i < added; i++)
    {
      g_autoptr (CrmStage) stage
          = g_list_model_get_item (G_LIST_MODEL (self->stages), position + i);
      GtkWidget *column = create_column (self, stage);

      gtk_box_insert_child_after (self->columns_box, column, before);
      g_ptr_array_insert (self->columns, position + i, column);
      before = column;
    }

  update_empty (self);
  update_status_page (self);
}

static void
clear_columns (CrmPipelineView *self)
{
  if (self->stages != NULL)
    g_clear_signal_handler (&self->stages_handler, self->stages);
  g_clear_object (&self->stages);
  for (guint i = 0; i < self->columns->len; i++)
    gtk_box_remove (self->columns_box, self->columns->pdata[i]);
  g_ptr_array_set_size (self->columns, 0);
}

/* ---- Pipelines -------------------------------------------------------------------------- */

gint64
crm_pipeline_view_get_pipeline_id (CrmPipelineView *self)
{
  g_return_val_if_fail (CRM_IS_PIPELINE_VIEW (self), 0);

  return self->pipeline_id;
}

static guint
find_pipeline (CrmPipelineView *self, gint64 pipeline_id)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->pipelines));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr (CrmEntityObject) pipeline
          = g_list_model_get_item (G_LIST_MODEL (self->pipelines), i);

      if (crm_entity_object_get_id (pipeline) == pipeline_id)
        return i;
    }
  return GTK_INVALID_LIST_POSITION;
}

void
crm_pipeline_view_set_pipeline_id (CrmPipelineView *self, gint64 pipeline_id)
{
  guint index;

  g_return_if_fail (CRM_IS_PIPELINE_VIEW (self));

  index = find_pipeline (self, pipeline_id);
  if (index == GTK_INVALID_LIST_POSITION)
    pipeline_id = 0;
  /* Columns exist for a pipeline shown; none for "no pipeline", which still needs its text. */
  if (pipeline_id == self->pipeline_id && (self->stages != NULL || pipeline_id == 0)
      && self->pipeline_id_set)
    return;
  self->pipeline_id_set = TRUE;

  clear_columns (self);
  self->pipeline_id = pipeline_id;
  self->updating_dropdown = TRUE;
  gtk_drop_down_set_selected (self->pipeline_dropdown, index);
  self->updating_dropdown = FALSE;

  if (pipeline_id != 0)
    {
      self->stages = crm_stage_list_model_new (self->repository, pipeline_id);
      self->stages_handler
          = g_signal_connect_object (self->stages, "items-changed",
                                     G_CALLBACK (on_stages_items_changed), self, G_CONNECT_SWAPPED);
      on_stages_items_changed (self, 0, 0, g_list_model_get_n_items (G_LIST_MODEL (self->stages)));
    }
  else
    {
      update_empty (self);
      update_status_page (self);
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PIPELINE_ID]);
}

static void
on_pipeline_dropdown_selected_notify (CrmPipelineView *self)
{
  g_autoptr (CrmEntityObject) pipeline = NULL;

  if (self->updating_dropdown)
    return;
  pipeline = gtk_drop_down_get_selected_item (self->pipeline_dropdown) != NULL
                 ? g_object_ref (gtk_drop_down_get_selected_item (self->pipeline_dropdown))
                 : NULL;
  if (pipeline != NULL)
    crm_pipeline_view_set_pipeline_id (self, crm_entity_object_get_id (pipeline));
}

/* Reads the pipelines again; their objects are the repository's, so a rename updates them in
 * place and only a new, removed or reordered pipeline changes the list. */
static void
reload_pipelines (CrmPipelineView *self)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) records = crm_store_list_pipelines (get_store (self), &error);
  g_autoptr (GPtrArray) objects = g_ptr_array_new_with_free_func (g_object_unref);
  guint n_old = g_list_model_get_n_items (G_LIST_MODEL (self->pipelines));
  gboolean same = TRUE;
  gint64 keep_id = self->pipeline_id;

  if (records == NULL)
    {
      g_warning ("Cannot list the pipelines: %s", error->message);
      return;
    }

  for (guint i = 0; i < records->len; i++)
    {
      CrmEntityObject *object
          = crm_repository_adopt_record (self->repository, CRM_ENTITY_PIPELINE, records->pdata[i]);
      g_autoptr (GObject) old
          = i < n_old ? g_list_model_get_item (G_LIST_MODEL (self->pipelines), i) : NULL;

      same = same && old == G_OBJECT (object);
      g_ptr_array_add (objects, object);
    }
  same = same && records->len == n_old;

  if (!same)
    {
      self->updating_dropdown = TRUE;
      g_list_store_splice (self->pipelines, 0, n_old, objects->pdata, objects->len);
      self->updating_dropdown = FALSE;
      if (find_pipeline (self, keep_id) == GTK_INVALID_LIST_POSITION)
        {
          /* The pipeline shown is gone (or none was): show the first. */
          crm_pipeline_view_set_pipeline_id (
              self, objects->len > 0 ? crm_entity_object_get_id (objects->pdata[0]) : 0);
        }
      else
        {
          /* Same pipeline, at another place in the list: only the dropdown changes. */
          self->updating_dropdown = TRUE;
          gtk_drop_down_set_selected (self->pipeline_dropdown, find_pipeline (self, keep_id));
          self->updating_dropdown = FALSE;
        }
    }

  gtk_widget_set_visible (GTK_WIDGET (self->pipeline_dropdown), objects->len > 1);
  update_status_page (self);
}

/* ---- Keeping the focus on a moved deal ------------------------------------------------- */

static void
on_window_focus_widget_notify (CrmPipelineView *self, GParamSpec *pspec, GtkWindow *window)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (window));
  GtkWidget *card;

  /* Lost with the widget that had it (a recycled or removed card): remember the deal. */
  if (focus == NULL)
    return;

  card = gtk_widget_get_ancestor (focus, CRM_TYPE_DEAL_CARD);
  if (card != NULL && gtk_widget_is_ancestor (card, GTK_WIDGET (self))
      && crm_deal_card_get_deal (CRM_DEAL_CARD (card)) != NULL)
    self->focus_deal_id = crm_entity_object_get_id (
        CRM_ENTITY_OBJECT (crm_deal_card_get_deal (CRM_DEAL_CARD (card))));
  else if (!gtk_widget_is_ancestor (focus, GTK_WIDGET (self)))
    self->focus_deal_id = 0;
}

gboolean
crm_pipeline_view_focus_deal (CrmPipelineView *self, gint64 deal_id)
{
  guint column_index;
  int position;

  g_return_val_if_fail (CRM_IS_PIPELINE_VIEW (self), FALSE);

  if (!crm_pipeline_view_locate_deal (self, deal_id, &column_index, &position))
    return FALSE;
  return crm_stage_column_focus_deal (self->columns->pdata[column_index], deal_id);
}

/* After the deal with the focus moved: its card is now another widget (or the same widget
 * showing another deal), so put the focus back on the deal — unless the user has moved on to
 * something outside the board. */
static void
follow_focused_deal (CrmPipelineView *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  GtkWidget *card = focus != NULL ? gtk_widget_get_ancestor (focus, CRM_TYPE_DEAL_CARD) : NULL;
  CrmDeal *shown = card != NULL ? crm_deal_card_get_deal (CRM_DEAL_CARD (card)) : NULL;

  /* The user went on to something else (a card taken out of the list for recycling is no
   * longer in the window, though it may keep the focus for a moment). */
  if (focus != NULL && gtk_widget_get_root (focus) == root
      && !gtk_widget_is_ancestor (focus, GTK_WIDGET (self)))
    return;
  if (shown != NULL && crm_entity_object_get_id (CRM_ENTITY_OBJECT (shown)) == self->focus_deal_id)
    return;
  crm_pipeline_view_focus_deal (self, self->focus_deal_id);
}

static void
on_store_changed (CrmPipelineView *self,
                  CrmEntity entity,
                  CrmChangeAction action,
                  gint64 id,
                  gpointer old_record,
                  CrmStore *store)
{
  if (entity == CRM_ENTITY_PIPELINE)
    reload_pipelines (self);
  else if (entity == CRM_ENTITY_ACTIVITY)
    {
      /* Only the cards made (those in view and a few around) read it: a few queries. */
      for (guint i = 0; i < self->columns->len; i++)
        crm_stage_column_refresh_next_steps (self->columns->pdata[i]);
    }
  else if (entity == CRM_ENTITY_DEAL && self->focus_deal_id != 0
           && (id == self->focus_deal_id || action == CRM_CHANGE_RESET))
    follow_focused_deal (self);
}

static void
crm_pipeline_view_root (GtkWidget *widget)
{
  CrmPipelineView *self = CRM_PIPELINE_VIEW (widget);
  GtkRoot *root;

  GTK_WIDGET_CLASS (crm_pipeline_view_parent_class)->root (widget);

  root = gtk_widget_get_root (widget);
  if (GTK_IS_WINDOW (root))
    {
      self->focus_window = GTK_WINDOW (root);
      self->focus_handler = g_signal_connect_object (root, "notify::focus-widget",
                                                     G_CALLBACK (on_window_focus_widget_notify),
                                                     self, G_CONNECT_SWAPPED);
    }
}

static void
crm_pipeline_view_unroot (GtkWidget *widget)
{
  CrmPipelineView *self = CRM_PIPELINE_VIEW (widget);

  if (self->focus_window != NULL)
    g_clear_signal_handler (&self->focus_handler, self->focus_window);
  self->focus_window = NULL;

  GTK_WIDGET_CLASS (crm_pipeline_view_parent_class)->unroot (widget);
}

/* ---- Dragging near the board's left or right edge scrolls it ---------------------------- */

#define AUTOSCROLL_EDGE 64.0
#define AUTOSCROLL_MAX_STEP 24.0

static gboolean
on_autoscroll_tick (GtkWidget *widget, GdkFrameClock *clock, gpointer user_data)
{
  CrmPipelineView *self = CRM_PIPELINE_VIEW (widget);
  GtkAdjustment *adjustment = gtk_scrolled_window_get_hadjustment (self->board_scroller);

  if (self->autoscroll_step == 0)
    {
      self->autoscroll_tick = 0;
      return G_SOURCE_REMOVE;
    }
  gtk_adjustment_set_value (adjustment,
                            gtk_adjustment_get_value (adjustment) + self->autoscroll_step);
  return G_SOURCE_CONTINUE;
}

static void
set_autoscroll (CrmPipelineView *self, double step)
{
  self->autoscroll_step = step;
  if (step != 0 && self->autoscroll_tick == 0)
    self->autoscroll_tick
        = gtk_widget_add_tick_callback (GTK_WIDGET (self), on_autoscroll_tick, NULL, NULL);
}

static void
on_board_drag_motion (GtkDropControllerMotion *motion, double x, double y, CrmPipelineView *self)
{
  double width = gtk_widget_get_width (GTK_WIDGET (self->board_scroller));
  double step = 0;

  if (x < AUTOSCROLL_EDGE)
    step = -AUTOSCROLL_MAX_STEP * (1 - x / AUTOSCROLL_EDGE);
  else if (x > width - AUTOSCROLL_EDGE)
    step = AUTOSCROLL_MAX_STEP * (1 - (width - x) / AUTOSCROLL_EDGE);
  set_autoscroll (self, step);
}

static void
on_board_drag_leave (GtkDropControllerMotion *motion, CrmPipelineView *self)
{
  set_autoscroll (self, 0);
}

/* ---- A new day: the cards' days in stage go up by one -------------------------------- */

static gboolean
on_day_changed (gpointer user_data);

static void
schedule_day_change (CrmPipelineView *self)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  g_autoptr (GDateTime) tomorrow = g_date_time_add_days (now, 1);
  g_autoptr (GDateTime) midnight
      = g_date_time_new_local (g_date_time_get_year (tomorrow), g_date_time_get_month (tomorrow),
                               g_date_time_get_day_of_month (tomorrow), 0, 0, 1);
  gint64 seconds = midnight != NULL ? g_date_time_difference (midnight, now) / G_USEC_PER_SEC : 0;

  self->day_change_id
      = g_timeout_add_seconds ((guint) CLAMP (seconds, 60, 24 * 60 * 60), on_day_changed, self);
}

static gboolean
on_day_changed (gpointer user_data)
{
  CrmPipelineView *self = user_data;

  for (guint i = 0; i < self->columns->len; i++)
    crm_stage_column_refresh_ages (self->columns->pdata[i]);
  /* Deals turn stale at midnight too. */
  if (gtk_toggle_button_get_active (self->stale_toggle))
    on_filter_changed (self);
  schedule_day_change (self);
  return G_SOURCE_REMOVE;
}

/* ---- The first frame: its cards only, and no totals of big columns -------------------- */

/* No card is lower than this: a one-line title, the party and the value in body text; the age
 * and, in an open stage, the next step in captions (0.83 of it); 6px between the lines, 12px
 * padding above and below and 12px between cards (see crm-deal-card.c and style.css). The
 * estimate errs low (a twentieth off), so the first frame gets a card more rather than one less
 * than it shows. */
static double
min_card_height (CrmPipelineView *self, gboolean open_stage)
{
  PangoContext *context = gtk_widget_get_pango_context (GTK_WIDGET (self));
  PangoFontMetrics *metrics = pango_context_get_metrics (context, NULL, NULL);
  double line = (double) pango_font_metrics_get_height (metrics) / PANGO_SCALE;
  guint n_captions = open_stage ? 2 : 1;

  pango_font_metrics_unref (metrics);
  line = MAX (line, 10.0);
  return 0.95 * ((3 + 0.83 * n_captions) * line + (2 + n_captions) * 6 + 2 * 12 + 12);
}

/* Before the first frame's columns are laid out: the columns in view (scrolled sideways
 * they may be fewer) get the cards that fit under their header; the others none.
 * Only ever raises a limit, so an early smaller allocation loses nothing. */
static void
limit_cards_to_view (CrmPipelineView *self, int width, int height)
{
  GtkAdjustment *adjustment = gtk_scrolled_window_get_hadjustment (self->board_scroller);
  GtkWidget *box = GTK_WIDGET (self->columns_box);
  double scrolled = gtk_adjustment_get_value (adjustment);
  double open_card_height = min_card_height (self, TRUE);
  double closed_card_height = min_card_height (self, FALSE);
  int spacing = gtk_box_get_spacing (self->columns_box);
  int x = gtk_widget_get_margin_start (box);
  int toolbar_height = 0;
  int column_height;

  gtk_widget_measure (self->toolbar, GTK_ORIENTATION_VERTICAL, width, &toolbar_height, NULL, NULL,
                      NULL);
  column_height = height - toolbar_height - gtk_widget_get_margin_top (self->toolbar)
                  - gtk_widget_get_margin_top (box) - gtk_widget_get_margin_bottom (box);

  for (guint i = 0; i < self->columns->len; i++)
    {
      CrmStageColumn *column = self->columns->pdata[i];
      int column_width = 0;
      guint limit = 0;

      gtk_widget_measure (GTK_WIDGET (column), GTK_ORIENTATION_HORIZONTAL, -1, &column_width, NULL,
                          NULL, NULL);
      if (x < scrolled + width && x + column_width > scrolled)
        {
          int cards_height = column_height - crm_stage_column_measure_header (column, column_width);
          gboolean open_stage
              = crm_stage_get_kind (crm_stage_column_get_stage (column)) == CRM_STAGE_KIND_OPEN;

          /* Enough to fill the column: the last one may show in part. */
          limit = (guint) ceil (MAX (cards_height, 0)
                                / (open_stage ? open_card_height : closed_card_height));
        }
      if (limit > crm_stage_column_get_card_limit (column))
        crm_stage_column_set_card_limit (column, limit);
      x += column_width + spacing;
    }
}

gboolean
crm_pipeline_view_get_columns_complete (CrmPipelineView *self)
{
  g_return_val_if_fail (CRM_IS_PIPELINE_VIEW (self), FALSE);

  for (guint i = 0; i < self->columns->len; i++)
    if (crm_stage_column_get_card_limit (self->columns->pdata[i]) != G_MAXUINT)
      return FALSE;
  return TRUE;
}

/* One column at a time, left to right, so that the window answers input between columns. */
static gboolean
on_complete_columns_idle (gpointer user_data)
{
  CrmPipelineView *self = user_data;

  if (self->totals_held)
    {
      self->totals_held = FALSE;
      crm_board_totals_release (self->totals);
      return G_SOURCE_CONTINUE;
    }
  for (guint i = 0; i < self->columns->len; i++)
    if (crm_stage_column_get_card_limit (self->columns->pdata[i]) != G_MAXUINT)
      {
        crm_stage_column_set_card_limit (self->columns->pdata[i], G_MAXUINT);
        return G_SOURCE_CONTINUE;
      }
  self->complete_columns_id = 0;
  return G_SOURCE_REMOVE;
}

static void
on_first_frame_painted (CrmPipelineView *self)
{
  if (self->frame_clock != NULL)
    g_clear_signal_handler (&self->after_paint_handler, self->frame_clock);
  g_clear_object (&self->frame_clock);
  if (self->first_frame_pending)
    {
      self->first_frame_pending = FALSE;
      /* After the layout and drawing of the frames (GDK_PRIORITY_REDRAW is higher); the
       * totals are released there too, not while the frame is still being finished. */
      self->complete_columns_id = g_idle_add (on_complete_columns_idle, self);
    }
}

static void
crm_pipeline_view_realize (GtkWidget *widget)
{
  CrmPipelineView *self = CRM_PIPELINE_VIEW (widget);

  GTK_WIDGET_CLASS (crm_pipeline_view_parent_class)->realize (widget);

  if (!self->totals_held && !self->first_frame_pending)
    return;
  self->frame_clock = g_object_ref (gtk_widget_get_frame_clock (widget));
  self->after_paint_handler
      = g_signal_connect_object (self->frame_clock, "after-paint",
                                 G_CALLBACK (on_first_frame_painted), self, G_CONNECT_SWAPPED);
}

static void
crm_pipeline_view_unrealize (GtkWidget *widget)
{
  CrmPipelineView *self = CRM_PIPELINE_VIEW (widget);

  if (self->frame_clock != NULL)
    g_clear_signal_handler (&self->after_paint_handler, self->frame_clock);
  g_clear_object (&self->frame_clock);

  GTK_WIDGET_CLASS (crm_pipeline_view_parent_class)->unrealize (widget);
}

/* ---- Layout: the stack fills the view; the context menu is presented over it ------------- */

static void
crm_pipeline_view_measure (GtkWidget *widget,
                           GtkOrientation orientation,
                           int for_size,
                           int *minimum,
                           int *natural,
                           int *minimum_baseline,
                           int *natural_baseline)
{
  CrmPipelineView *self = CRM_PIPELINE_VIEW (widget);

  gtk_widget_measure (GTK_WIDGET (self->stack), orientation, for_size, minimum, natural,
                      minimum_baseline, natural_baseline);
}

static void
crm_pipeline_view_size_allocate (GtkWidget *widget, int width, int height, int baseline)
{
  CrmPipelineView *self = CRM_PIPELINE_VIEW (widget);

  if (self->first_frame_pending)
    limit_cards_to_view (self, width, height);
  gtk_widget_size_allocate (GTK_WIDGET (self->stack), &(GtkAllocation){ 0, 0, width, height },
                            baseline);
  if (self->deal_menu != NULL)
    gtk_popover_present (GTK_POPOVER (self->deal_menu));
}

/* ---- GObject ---------------------------------------------------------------------------- */

static void
crm_pipeline_view_constructed (GObject *object)
{
  CrmPipelineView *self = CRM_PIPELINE_VIEW (object);

  G_OBJECT_CLASS (crm_pipeline_view_parent_class)->constructed (object);

  g_return_if_fail (CRM_IS_REPOSITORY (self->repository));

  self->totals = crm_board_totals_new (get_store (self));
  /* Big columns are summed after the first frame (see crm_pipeline_view_realize). */
  crm_board_totals_hold (self->totals);
  self->totals_held = TRUE;
  /* After the list models' handlers, which update the columns first. */
  self->store_handler
      = g_signal_connect_object (get_store (self), "changed", G_CALLBACK (on_store_changed), self,
                                 G_CONNECT_SWAPPED | G_CONNECT_AFTER);
  reload_pipelines (self);
  crm_board_actions_constructed (self);
  schedule_day_change (self);
}

static void
crm_pipeline_view_dispose (GObject *object)
{
  CrmPipelineView *self = CRM_PIPELINE_VIEW (object);
  GtkWidget *child;

  crm_board_actions_dispose (self);
  g_clear_handle_id (&self->day_change_id, g_source_remove);
  g_clear_handle_id (&self->complete_columns_id, g_source_remove);
  if (self->frame_clock != NULL)
    g_clear_signal_handler (&self->after_paint_handler, self->frame_clock);
  g_clear_object (&self->frame_clock);
  if (self->autoscroll_tick != 0)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->autoscroll_tick);
      self->autoscroll_tick = 0;
    }
  if (self->repository != NULL)
    g_clear_signal_handler (&self->store_handler, get_store (self));
  if (self->stages != NULL)
    g_clear_signal_handler (&self->stages_handler, self->stages);
  g_clear_object (&self->stages);
  g_clear_pointer (&self->deal_ids, g_hash_table_unref);
  if (self->columns != NULL)
    g_ptr_array_set_size (self->columns, 0);

  gtk_widget_dispose_template (GTK_WIDGET (self), CRM_TYPE_PIPELINE_VIEW);
  /* The template's unnamed children too. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  g_clear_pointer (&self->columns, g_ptr_array_unref);
  g_clear_object (&self->pipelines);
  g_clear_object (&self->totals);
  g_clear_object (&self->settings);
  g_clear_object (&self->undo_manager);
  g_clear_object (&self->repository);

  G_OBJECT_CLASS (crm_pipeline_view_parent_class)->dispose (object);
}

static void
crm_pipeline_view_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  CrmPipelineView *self = CRM_PIPELINE_VIEW (object);

  switch (prop_id)
    {
      case PROP_REPOSITORY:
        g_value_set_object (value, self->repository);
        break;

      case PROP_UNDO_MANAGER:
        g_value_set_object (value, self->undo_manager);
        break;

      case PROP_PIPELINE_ID:
        g_value_set_int64 (value, self->pipeline_id);
        break;

      case PROP_EMPTY:
        g_value_set_boolean (value, self->empty);
        break;

      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
crm_pipeline_view_set_property (GObject *object,
                                guint prop_id,
                                const GValue *value,
                                GParamSpec *pspec)
{
  CrmPipelineView *self = CRM_PIPELINE_VIEW (object);

  switch (prop_id)
    {
      case PROP_REPOSITORY:
        self->repository = g_value_dup_object (value);
        break;

      case PROP_UNDO_MANAGER:
        self->undo_manager = g_value_dup_object (value);
        break;

      case PROP_PIPELINE_ID:
        crm_pipeline_view_set_pipeline_id (self, g_value_get_int64 (value));
        break;

      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
crm_pipeline_view_class_init (CrmPipelineViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = crm_pipeline_view_constructed;
  object_class->dispose = crm_pipeline_view_dispose;
  object_class->get_property = crm_pipeline_view_get_property;
  object_class->set_property = crm_pipeline_view_set_property;

  widget_class->measure = crm_pipeline_view_measure;
  widget_class->size_allocate = crm_pipeline_view_size_allocate;
  widget_class->realize = crm_pipeline_view_realize;
  widget_class->unrealize = crm_pipeline_view_unrealize;
  widget_class->root = crm_pipeline_view_root;
  widget_class->unroot = crm_pipeline_view_unroot;

  properties[PROP_REPOSITORY]
      = g_param_spec_object ("repository", NULL, NULL, CRM_TYPE_REPOSITORY,
                             G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_UNDO_MANAGER]
      = g_param_spec_object ("undo-manager", NULL, NULL, CRM_TYPE_UNDO_MANAGER,
                             G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PIPELINE_ID]
      = g_param_spec_int64 ("pipeline-id", NULL, NULL, 0, G_MAXINT64, 0,
                            G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_EMPTY]
      = g_param_spec_boolean ("empty", NULL, NULL, TRUE,
                              G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (CRM_TYPE_PIPELINE);
  crm_gui_resources_ensure ();
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/crm-pipeline-view.ui");
  gtk_widget_class_bind_template_child (widget_class, CrmPipelineView, stack);
  gtk_widget_class_bind_template_child (widget_class, CrmPipelineView, status_page);
  gtk_widget_class_bind_template_child (widget_class, CrmPipelineView, toolbar);
  gtk_widget_class_bind_template_child (widget_class, CrmPipelineView, pipeline_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CrmPipelineView, search_entry);
  gtk_widget_class_bind_template_child (widget_class, CrmPipelineView, status_button);
  gtk_widget_class_bind_template_child (widget_class, CrmPipelineView, stale_toggle);
  gtk_widget_class_bind_template_child (widget_class, CrmPipelineView, deal_filter_bar);
  gtk_widget_class_bind_template_child (widget_class, CrmPipelineView, deal_filter_label);
  gtk_widget_class_bind_template_child (widget_class, CrmPipelineView, board_scroller);
  gtk_widget_class_bind_template_child (widget_class, CrmPipelineView, columns_box);
  gtk_widget_class_bind_template_callback (widget_class, on_pipeline_dropdown_selected_notify);
  gtk_widget_class_bind_template_callback (widget_class, on_filter_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_search_stopped);

  gtk_widget_class_set_css_name (widget_class, "pipelineview");
  crm_board_actions_class_init (widget_class);
  gtk_widget_class_install_action (widget_class, "pipeline.show-all-deals", NULL,
                                   on_show_all_deals_activate);
}

static void
crm_pipeline_view_init (CrmPipelineView *self)
{
  GtkEventController *drag_motion;

  self->empty = TRUE;
  self->first_frame_pending = TRUE;
  self->columns = g_ptr_array_new ();
  self->pipelines = g_list_store_new (CRM_TYPE_PIPELINE);
  self->settings = g_settings_new (APPLICATION_ID);

  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_drop_down_set_model (self->pipeline_dropdown, G_LIST_MODEL (self->pipelines));
  crm_board_actions_init (self);

  drag_motion = gtk_drop_controller_motion_new ();
  g_signal_connect (drag_motion, "enter", G_CALLBACK (on_board_drag_motion), self);
  g_signal_connect (drag_motion, "motion", G_CALLBACK (on_board_drag_motion), self);
  g_signal_connect (drag_motion, "leave", G_CALLBACK (on_board_drag_leave), self);
  gtk_widget_add_controller (GTK_WIDGET (self->board_scroller), drag_motion);
}

/* crm-board-actions.c — the moves of CrmPipelineView: the pipeline.* actions, the keyboard
 * shortcuts and the card context menu that activate them, the one function that writes a move
 * (through the undo manager), and the toast that reports it.
 *
 * The shortcuts live on the view, in the capture phase, rather than on each card: the list
 * views and scrolled windows between the two bind Ctrl+arrows to focus moves and scrolling.
 * They only act while a card has the focus; otherwise the key goes on as usual.
 */
#include "config.h"

#include "crm-lost-reason-prompt.h"
#include "crm-pipeline-view-private.h"
#include "crm-pipeline.h"
#include "crm-stage-editor.h"
#include "crm-deal-list-model.h"

#include <glib/gi18n.h>

typedef enum
{
  STEP_PREVIOUS_STAGE,
  STEP_NEXT_STAGE,
  STEP_UP,
  STEP_DOWN,
} MoveStep;

static const struct
{
  const char *action;
  MoveStep step;
  guint keyval;
  guint keypad_keyval;
  const char *accel; /* shown in the context menu */
} move_steps[] = {
  { "pipeline.move-deal-previous-stage", STEP_PREVIOUS_STAGE, GDK_KEY_Left, GDK_KEY_KP_Left,
    "<Control>Left" },
  { "pipeline.move-deal-next-stage", STEP_NEXT_STAGE, GDK_KEY_Right, GDK_KEY_KP_Right,
    "<Control>Right" },
  { "pipeline.move-deal-up", STEP_UP, GDK_KEY_Up, GDK_KEY_KP_Up, "<Control>Up" },
  { "pipeline.move-deal-down", STEP_DOWN, GDK_KEY_Down, GDK_KEY_KP_Down, "<Control>Down" },
};

static CrmStore *
get_store (CrmPipelineView *self)
{
  return crm_repository_get_store (self->repository);
}

static gint64
stage_id_of_column (CrmPipelineView *self, guint index)
{
  CrmStage *stage = crm_stage_column_get_stage (self->columns->pdata[index]);

  return crm_entity_object_get_id (CRM_ENTITY_OBJECT (stage));
}

AdwToast *
crm_pipeline_view_get_move_toast (CrmPipelineView *self)
{
  g_return_val_if_fail (CRM_IS_PIPELINE_VIEW (self), NULL);

  return self->move_toast;
}

/* ---- Writing a move --------------------------------------------------------------------- */

/* The one place a move is written: through the undo manager when the view has one (one store
 * transaction, recorded as one undoable step), else straight to the store. Sets @label to the
 * words that describe the move to the user (plain text). */
static gboolean
commit_move (CrmPipelineView *self,
             gint64 deal_id,
             gint64 stage_id,
             int position,
             char **label,
             GError **error)
{
  g_autoptr (CrmDealRecord) deal = NULL;
  g_autoptr (CrmStageRecord) stage = NULL;

  if (self->undo_manager != NULL)
    {
      if (!crm_undo_manager_move_deal (self->undo_manager, deal_id, stage_id, position, error))
        return FALSE;
      *label = g_strdup (crm_undo_manager_get_undo_label (self->undo_manager));
      return TRUE;
    }

  deal = crm_store_get_deal (get_store (self), deal_id, error);
  stage = deal != NULL ? crm_store_get_stage (get_store (self), stage_id, error) : NULL;
  if (stage == NULL || !crm_store_move_deal (get_store (self), deal_id, stage_id, position, error))
    return FALSE;
  /* Translators: the first %s is a deal's title, the second a stage's name. */
  *label = g_strdup_printf (_ ("Moved “%s” to %s"), deal->title, stage->name);
  return TRUE;
}

static void
dismiss_move_toast (CrmPipelineView *self)
{
  if (self->move_toast != NULL)
    adw_toast_dismiss (self->move_toast);
  g_clear_weak_pointer (&self->move_toast);
  g_clear_pointer (&self->move_toast_label, g_free);
}

static void
show_toast (CrmPipelineView *self, const char *text, gboolean undoable)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);
  /* Toast titles are markup; deal titles and stage names are not. */
  g_autofree char *title = g_markup_escape_text (text, -1);
  AdwToast *toast;

  if (overlay == NULL)
    return;

  toast = adw_toast_new (title);
  if (undoable)
    {
      adw_toast_set_button_label (toast, _ ("_Undo"));
      adw_toast_set_action_name (toast, "win.undo");
    }
  /* One move toast at a time: a burst of keyboard moves replaces it rather than queueing. */
  dismiss_move_toast (self);
  g_set_weak_pointer (&self->move_toast, toast);
  g_free (self->move_toast_label);
  self->move_toast_label = undoable ? g_strdup (text) : NULL;
  adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
}

/* The toast's Undo button undoes whatever step is newest: once its own move is no longer that
 * step (undone by Ctrl+Z, say), the toast goes, rather than offer to undo something else. */
static void
on_undo_label_notify (CrmPipelineView *self)
{
  if (self->move_toast_label != NULL
      && g_strcmp0 (self->move_toast_label, crm_undo_manager_get_undo_label (self->undo_manager))
             != 0)
    dismiss_move_toast (self);
}

gboolean
crm_pipeline_view_move_deal (
    CrmPipelineView *self, gint64 deal_id, gint64 stage_id, int position, GError **error)
{
  g_autofree char *label = NULL;
  CrmStageColumn *target;
  guint column_index;
  int current;

  g_return_val_if_fail (CRM_IS_PIPELINE_VIEW (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  target = crm_pipeline_view_get_column_for_stage (self, stage_id);
  if (target == NULL)
    {
      g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND,
                   _ ("That stage is not on this board"));
      return FALSE;
    }

  /* Already there: nothing to write, nothing to undo. Positions count all the stage's deals,
   * shown or filtered out. */
  if (crm_pipeline_view_locate_deal (self, deal_id, &column_index, &current)
      && self->columns->pdata[column_index] == target)
    {
      CrmDealListModel *deals = CRM_DEAL_LIST_MODEL (crm_stage_column_get_deals (target));
      int last = (int) crm_deal_list_model_get_n_in_stage (deals) - 1;
      int wanted = position < 0 || position > last ? last : position;

      if (wanted == crm_deal_list_model_get_stage_index (deals, deal_id))
        return TRUE;
    }

  if (!commit_move (self, deal_id, stage_id, position, &label, error))
    return FALSE;
  show_toast (self, label, self->undo_manager != NULL);
  return TRUE;
}

void
crm_pipeline_view_report (CrmPipelineView *self, const char *text, gboolean undoable)
{
  show_toast (self, text, undoable);
  if (!undoable)
    gtk_widget_error_bell (GTK_WIDGET (self));
}

/* A move into a Lost stage from elsewhere asks for the reason first. */
static gboolean
move_needs_lost_reason (CrmPipelineView *self, gint64 deal_id, gint64 stage_id)
{
  g_autoptr (CrmStageRecord) stage = crm_store_get_stage (get_store (self), stage_id, NULL);
  g_autoptr (CrmDealRecord) deal = NULL;

  if (self->undo_manager == NULL || stage == NULL || stage->kind != CRM_STAGE_KIND_LOST)
    return FALSE;
  deal = crm_store_get_deal (get_store (self), deal_id, NULL);
  return deal != NULL && deal->stage_id != stage_id;
}

static void
move_or_report (CrmPipelineView *self, gint64 deal_id, gint64 stage_id, int position)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *text = NULL;

  if (move_needs_lost_reason (self, deal_id, stage_id))
    {
      crm_lost_reason_prompt_show (self, self->undo_manager, deal_id, stage_id, position);
      return;
    }
  if (crm_pipeline_view_move_deal (self, deal_id, stage_id, position, &error))
    return;

  /* Translators: %s says why, e.g. "another program holds the database". */
  text = g_strdup_printf (_ ("Cannot move the deal: %s"), error->message);
  show_toast (self, text, FALSE);
  gtk_widget_error_bell (GTK_WIDGET (self));
}

/* ---- The actions ------------------------------------------------------------------------ */

static void
on_move_deal_activate (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  gint64 deal_id;
  gint64 stage_id;
  int position;

  g_variant_get (parameter, "(xxi)", &deal_id, &stage_id, &position);
  move_or_report (CRM_PIPELINE_VIEW (widget), deal_id, stage_id, position);
}

/* The store position of a deal put in gap @gap of the deals shown in @column. */
static int
position_for_gap (CrmPipelineView *self, guint column, guint gap, gint64 deal_id)
{
  return crm_deal_list_model_get_position_for_gap (
      CRM_DEAL_LIST_MODEL (crm_stage_column_get_deals (self->columns->pdata[column])), gap,
      deal_id);
}

static void
move_deal_by_step (CrmPipelineView *self, gint64 deal_id, MoveStep step)
{
  guint column;
  int position;
  guint n_deals;

  if (!crm_pipeline_view_locate_deal (self, deal_id, &column, &position))
    return;
  n_deals = g_list_model_get_n_items (crm_stage_column_get_deals (self->columns->pdata[column]));

  switch (step)
    {
      case STEP_PREVIOUS_STAGE:
      case STEP_NEXT_STAGE:
        {
          guint target = step == STEP_PREVIOUS_STAGE ? column - 1 : column + 1;
          guint n_target;

          if ((step == STEP_PREVIOUS_STAGE && column == 0) || target >= self->columns->len)
            break;
          /* At the same height in the next column, so the eye need not search for it. */
          n_target = g_list_model_get_n_items (
              crm_stage_column_get_deals (self->columns->pdata[target]));
          move_or_report (
              self, deal_id, stage_id_of_column (self, target),
              position_for_gap (self, target, MIN ((guint) position, n_target), deal_id));
          return;
        }

      /* Above the deal shown above it, below the one shown below it (with a filter, others
       * may lie between). */
      case STEP_UP:
        if (position == 0)
          break;
        move_or_report (self, deal_id, stage_id_of_column (self, column),
                        position_for_gap (self, column, position - 1, deal_id));
        return;

      case STEP_DOWN:
        if ((guint) position + 1 >= n_deals)
          break;
        move_or_report (self, deal_id, stage_id_of_column (self, column),
                        position_for_gap (self, column, position + 2, deal_id));
        return;

      default:
        g_assert_not_reached ();
    }

  /* At the edge of the board or the column. */
  gtk_widget_error_bell (GTK_WIDGET (self));
}

static void
on_move_deal_step_activate (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  for (guint i = 0; i < G_N_ELEMENTS (move_steps); i++)
    {
      if (g_str_equal (action_name, move_steps[i].action))
        {
          move_deal_by_step (CRM_PIPELINE_VIEW (widget), g_variant_get_int64 (parameter),
                             move_steps[i].step);
          return;
        }
    }
}

/* ---- The card context menu -------------------------------------------------------------- */

static void
append_item (
    GMenu *menu, const char *label, const char *action, GVariant *target, const char *accel)
{
  g_autoptr (GMenuItem) item = g_menu_item_new (label, NULL);

  g_menu_item_set_action_and_target_value (item, action, target);
  if (accel != NULL)
    g_menu_item_set_attribute (item, "accel", "s", accel);
  g_menu_append_item (menu, item);
}

/* Menu labels take mnemonics: a stage name shows its underscores only when doubled. */
static char *
escape_mnemonics (const char *text)
{
  g_auto (GStrv) parts = g_strsplit (text != NULL ? text : "", "_", -1);

  return g_strjoinv ("__", parts);
}

static GMenuModel *
build_deal_menu (CrmPipelineView *self, gint64 deal_id, guint column, int position)
{
  GMenu *menu = g_menu_new ();
  g_autoptr (GMenu) steps = g_menu_new ();
  g_autoptr (GMenu) stages = g_menu_new ();
  g_autoptr (GMenu) stages_section = g_menu_new ();
  guint n_deals
      = g_list_model_get_n_items (crm_stage_column_get_deals (self->columns->pdata[column]));
  gboolean rtl = gtk_widget_get_direction (GTK_WIDGET (self)) == GTK_TEXT_DIR_RTL;
  const char *labels[] = {
    [STEP_PREVIOUS_STAGE] = _ ("Move to _Previous Stage"),
    [STEP_NEXT_STAGE] = _ ("Move to _Next Stage"),
    [STEP_UP] = _ ("Move _Up"),
    [STEP_DOWN] = _ ("Move _Down"),
  };
  const gboolean possible[] = {
    [STEP_PREVIOUS_STAGE] = column > 0,
    [STEP_NEXT_STAGE] = column + 1 < self->columns->len,
    [STEP_UP] = position > 0,
    [STEP_DOWN] = (guint) position + 1 < n_deals,
  };

  for (guint i = 0; i < G_N_ELEMENTS (move_steps); i++)
    {
      MoveStep step = move_steps[i].step;
      const char *accel = move_steps[i].accel;

      if (!possible[step])
        continue;
      /* Right to left, the previous stage is to the right. */
      if (rtl && step == STEP_PREVIOUS_STAGE)
        accel = "<Control>Right";
      else if (rtl && step == STEP_NEXT_STAGE)
        accel = "<Control>Left";
      append_item (steps, labels[step], move_steps[i].action, g_variant_new_int64 (deal_id), accel);
    }

  for (guint i = 0; i < self->columns->len; i++)
    {
      CrmStage *stage = crm_stage_column_get_stage (self->columns->pdata[i]);
      g_autofree char *label = NULL;

      if (i == column)
        continue;
      label = escape_mnemonics (crm_stage_get_name (stage));
      append_item (stages, label, "pipeline.move-deal",
                   g_variant_new ("(xxi)", deal_id, stage_id_of_column (self, i), -1), NULL);
    }

  g_menu_append_section (menu, NULL, G_MENU_MODEL (steps));
  g_menu_append_submenu (stages_section, _ ("Move _To"), G_MENU_MODEL (stages));
  g_menu_append_section (menu, NULL, G_MENU_MODEL (stages_section));
  return G_MENU_MODEL (menu);
}

static gboolean
unparent_menu (gpointer data)
{
  GtkWidget *menu = data;

  if (gtk_widget_get_parent (menu) != NULL)
    gtk_widget_unparent (menu);
  return G_SOURCE_REMOVE;
}

static void
on_deal_menu_closed (CrmPipelineView *self, GtkPopover *menu)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  gint64 deal_id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (menu), "crm-deal-id"));

  if (self->deal_menu == GTK_WIDGET (menu))
    self->deal_menu = NULL;
  /* The focus stays on the menu's item otherwise; give it back to the card. */
  if (focus == NULL || gtk_widget_is_ancestor (focus, GTK_WIDGET (menu)))
    crm_pipeline_view_focus_deal (self, deal_id);
  /* Later: the item that closed the menu activates its action after this, through the menu's
   * parent. */
  g_idle_add_full (G_PRIORITY_DEFAULT, unparent_menu, g_object_ref (menu), g_object_unref);
}

/* Opens the context menu of deal @deal_id's card, pointing at @at (view coordinates) or, when
 * NULL, at the card. */
static gboolean
popup_deal_menu (CrmPipelineView *self, gint64 deal_id, const graphene_point_t *at)
{
  g_autoptr (GMenuModel) model = NULL;
  CrmDealCard *card;
  GtkWidget *menu;
  GdkRectangle rect;
  guint column;
  int position;

  if (!crm_pipeline_view_locate_deal (self, deal_id, &column, &position))
    return FALSE;
  card = crm_stage_column_get_card (self->columns->pdata[column], deal_id);
  if (card == NULL)
    return FALSE;

  if (at != NULL)
    rect = (GdkRectangle){ (int) at->x, (int) at->y, 1, 1 };
  else
    {
      graphene_rect_t bounds;

      if (!gtk_widget_compute_bounds (GTK_WIDGET (card), GTK_WIDGET (self), &bounds))
        return FALSE;
      rect = (GdkRectangle){ (int) bounds.origin.x, (int) bounds.origin.y, (int) bounds.size.width,
                             (int) bounds.size.height };
    }

  if (self->deal_menu != NULL)
    gtk_popover_popdown (GTK_POPOVER (self->deal_menu));
  /* The moves keep the focus on the card; so does closing the menu. */
  gtk_widget_grab_focus (GTK_WIDGET (card));

  model = build_deal_menu (self, deal_id, column, position);
  menu = gtk_popover_menu_new_from_model (model);
  gtk_widget_add_css_class (menu, "menu");
  gtk_popover_set_has_arrow (GTK_POPOVER (menu), at == NULL);
  if (at != NULL)
    gtk_widget_set_halign (menu, gtk_widget_get_direction (GTK_WIDGET (self)) == GTK_TEXT_DIR_RTL
                                     ? GTK_ALIGN_END
                                     : GTK_ALIGN_START);
  gtk_popover_set_pointing_to (GTK_POPOVER (menu), &rect);
  gtk_widget_set_parent (menu, GTK_WIDGET (self));
  /* Deal ids are rowids: positive and, on the platforms GTK runs on, pointer-sized. */
  g_object_set_data (G_OBJECT (menu), "crm-deal-id", GSIZE_TO_POINTER ((gsize) deal_id));
  g_signal_connect_object (menu, "closed", G_CALLBACK (on_deal_menu_closed), self,
                           G_CONNECT_SWAPPED);
  self->deal_menu = menu;
  gtk_popover_popup (GTK_POPOVER (menu));
  return TRUE;
}

static void
on_show_deal_menu_activate (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  if (!popup_deal_menu (CRM_PIPELINE_VIEW (widget), g_variant_get_int64 (parameter), NULL))
    gtk_widget_error_bell (widget);
}

/* ---- Shortcuts and gestures ------------------------------------------------------------- */

/* The deal of the card that has the keyboard focus, or 0. */
static gint64
focused_deal_id (CrmPipelineView *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  GtkWidget *card = focus != NULL ? gtk_widget_get_ancestor (focus, CRM_TYPE_DEAL_CARD) : NULL;
  CrmDeal *deal;

  if (card == NULL || !gtk_widget_is_ancestor (card, GTK_WIDGET (self)))
    return 0;
  deal = crm_deal_card_get_deal (CRM_DEAL_CARD (card));
  return deal != NULL ? crm_entity_object_get_id (CRM_ENTITY_OBJECT (deal)) : 0;
}

static gboolean
on_move_shortcut (GtkWidget *widget, GVariant *args, gpointer user_data)
{
  CrmPipelineView *self = CRM_PIPELINE_VIEW (widget);
  gint64 deal_id = focused_deal_id (self);
  MoveStep step = g_variant_get_int32 (args);

  if (deal_id == 0)
    return FALSE;

  if (gtk_widget_get_direction (widget) == GTK_TEXT_DIR_RTL)
    {
      if (step == STEP_PREVIOUS_STAGE)
        step = STEP_NEXT_STAGE;
      else if (step == STEP_NEXT_STAGE)
        step = STEP_PREVIOUS_STAGE;
    }
  for (guint i = 0; i < G_N_ELEMENTS (move_steps); i++)
    {
      if (move_steps[i].step == step)
        return gtk_widget_activate_action (widget, move_steps[i].action, "x", deal_id);
    }
  return FALSE;
}

/* Left and Right take the focus to the card at the same height in the nearest column that has
 * deals: a list view keeps arrows (and Tab, card by card) to itself. */
static gboolean
on_focus_column_shortcut (GtkWidget *widget, GVariant *args, gpointer user_data)
{
  CrmPipelineView *self = CRM_PIPELINE_VIEW (widget);
  gint64 deal_id = focused_deal_id (self);
  int direction = g_variant_get_int32 (args);
  guint column;
  int position;

  if (deal_id == 0 || !crm_pipeline_view_locate_deal (self, deal_id, &column, &position))
    return FALSE;
  if (gtk_widget_get_direction (widget) == GTK_TEXT_DIR_RTL)
    direction = -direction;

  for (int i = (int) column + direction; i >= 0 && i < (int) self->columns->len; i += direction)
    {
      GListModel *deals = crm_stage_column_get_deals (self->columns->pdata[i]);
      guint n_deals = g_list_model_get_n_items (deals);
      g_autoptr (CrmEntityObject) target = NULL;

      if (n_deals == 0)
        continue;
      target = g_list_model_get_item (deals, MIN ((guint) position, n_deals - 1));
      crm_stage_column_focus_deal (self->columns->pdata[i], crm_entity_object_get_id (target));
      return TRUE;
    }

  gtk_widget_error_bell (widget);
  return TRUE;
}

static gboolean
on_menu_shortcut (GtkWidget *widget, GVariant *args, gpointer user_data)
{
  gint64 deal_id = focused_deal_id (CRM_PIPELINE_VIEW (widget));

  if (deal_id == 0)
    return FALSE;
  return gtk_widget_activate_action (widget, "pipeline.show-deal-menu", "x", deal_id);
}

static void
add_shortcut (GtkShortcutController *controller,
              guint keyval,
              GdkModifierType modifiers,
              GtkShortcutFunc callback,
              GVariant *args)
{
  GtkShortcut *shortcut = gtk_shortcut_new (gtk_keyval_trigger_new (keyval, modifiers),
                                            gtk_callback_action_new (callback, NULL, NULL));

  if (args != NULL)
    gtk_shortcut_set_arguments (shortcut, args);
  gtk_shortcut_controller_add_shortcut (controller, shortcut);
}

/* The card under (x, y) in view coordinates, or NULL. */
static CrmDealCard *
pick_card (CrmPipelineView *self, double x, double y)
{
  GtkWidget *picked = gtk_widget_pick (GTK_WIDGET (self), x, y, GTK_PICK_DEFAULT);
  GtkWidget *card = picked != NULL ? gtk_widget_get_ancestor (picked, CRM_TYPE_DEAL_CARD) : NULL;

  return card != NULL && crm_deal_card_get_deal (CRM_DEAL_CARD (card)) != NULL
             ? CRM_DEAL_CARD (card)
             : NULL;
}

static gboolean
popup_menu_at (CrmPipelineView *self, double x, double y)
{
  CrmDealCard *card = pick_card (self, x, y);
  gint64 deal_id;

  if (card == NULL)
    return FALSE;
  deal_id = crm_entity_object_get_id (CRM_ENTITY_OBJECT (crm_deal_card_get_deal (card)));
  return popup_deal_menu (self, deal_id, &GRAPHENE_POINT_INIT (x, y));
}

static void
on_secondary_click_pressed (
    GtkGestureClick *gesture, int n_press, double x, double y, CrmPipelineView *self)
{
  if (n_press == 1 && popup_menu_at (self, x, y))
    gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  else
    gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
}

static void
on_long_press_pressed (GtkGestureLongPress *gesture, double x, double y, CrmPipelineView *self)
{
  if (popup_menu_at (self, x, y))
    gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
}

void
crm_board_actions_init (CrmPipelineView *self)
{
  GtkEventController *shortcuts = gtk_shortcut_controller_new ();
  GtkGesture *secondary_click = gtk_gesture_click_new ();
  GtkGesture *long_press = gtk_gesture_long_press_new ();

  gtk_event_controller_set_propagation_phase (shortcuts, GTK_PHASE_CAPTURE);
  for (guint i = 0; i < G_N_ELEMENTS (move_steps); i++)
    {
      add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts), move_steps[i].keyval, GDK_CONTROL_MASK,
                    on_move_shortcut, g_variant_new_int32 (move_steps[i].step));
      add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts), move_steps[i].keypad_keyval,
                    GDK_CONTROL_MASK, on_move_shortcut, g_variant_new_int32 (move_steps[i].step));
    }
  add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts), GDK_KEY_Left, 0, on_focus_column_shortcut,
                g_variant_new_int32 (-1));
  add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts), GDK_KEY_Right, 0, on_focus_column_shortcut,
                g_variant_new_int32 (+1));
  add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts), GDK_KEY_Menu, 0, on_menu_shortcut, NULL);
  add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts), GDK_KEY_F10, GDK_SHIFT_MASK, on_menu_shortcut,
                NULL);
  gtk_widget_add_controller (GTK_WIDGET (self), shortcuts);

  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (secondary_click), GDK_BUTTON_SECONDARY);
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (secondary_click),
                                              GTK_PHASE_CAPTURE);
  g_signal_connect (secondary_click, "pressed", G_CALLBACK (on_secondary_click_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (secondary_click));

  gtk_gesture_single_set_touch_only (GTK_GESTURE_SINGLE (long_press), TRUE);
  g_signal_connect (long_press, "pressed", G_CALLBACK (on_long_press_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (long_press));
}

void
crm_board_actions_constructed (CrmPipelineView *self)
{
  if (self->undo_manager != NULL)
    g_signal_connect_object (self->undo_manager, "notify::undo-label",
                             G_CALLBACK (on_undo_label_notify), self, G_CONNECT_SWAPPED);
}

void
crm_board_actions_dispose (CrmPipelineView *self)
{
  GtkWidget *child;

  g_clear_weak_pointer (&self->move_toast);
  g_clear_pointer (&self->move_toast_label, g_free);
  self->deal_menu = NULL;
  /* Menus, open or closing (unparented in an idle that may not have run yet). */
  child = gtk_widget_get_first_child (GTK_WIDGET (self));
  while (child != NULL)
    {
      GtkWidget *next = gtk_widget_get_next_sibling (child);

      if (GTK_IS_POPOVER (child))
        {
          g_signal_handlers_disconnect_by_data (child, self);
          gtk_widget_unparent (child);
        }
      child = next;
    }
}

/* ---- Pipelines and stages --------------------------------------------------------------- */

CrmStageEditor *
crm_pipeline_view_edit_stages (CrmPipelineView *self)
{
  g_autoptr (CrmUndoManager) own_undo = NULL;
  CrmUndoManager *undo = self->undo_manager;
  CrmStageEditor *editor;

  g_return_val_if_fail (CRM_IS_PIPELINE_VIEW (self), NULL);

  if (self->pipeline_id == 0)
    return NULL;
  if (undo == NULL)
    undo = own_undo = crm_undo_manager_new (get_store (self));
  editor = crm_stage_editor_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                 self->repository, undo, self->pipeline_id);
  gtk_window_present (GTK_WINDOW (editor));
  return editor;
}

static void
on_edit_stages_activate (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  crm_pipeline_view_edit_stages (CRM_PIPELINE_VIEW (widget));
}

/* "New Pipeline", or "New Pipeline 2" when that is taken, and so on. */
static char *
dup_new_pipeline_name (CrmPipelineView *self)
{
  guint n_pipelines = g_list_model_get_n_items (G_LIST_MODEL (self->pipelines));

  for (guint n = 1;; n++)
    {
      g_autofree char *name
          = n == 1 ? g_strdup (_ ("New Pipeline")) : g_strdup_printf (_ ("New Pipeline %u"), n);
      gboolean taken = FALSE;

      for (guint i = 0; i < n_pipelines && !taken; i++)
        {
          g_autoptr (CrmPipeline) pipeline
              = g_list_model_get_item (G_LIST_MODEL (self->pipelines), i);

          taken = g_strcmp0 (crm_pipeline_get_name (pipeline), name) == 0;
        }
      if (!taken)
        return g_steal_pointer (&name);
    }
}

gint64
crm_pipeline_view_new_pipeline (CrmPipelineView *self, GError **error)
{
  g_autofree char *name = NULL;
  gint64 pipeline_id;

  g_return_val_if_fail (CRM_IS_PIPELINE_VIEW (self), 0);

  /* The stages of the pipeline shown (or the default ones) to start from. */
  name = dup_new_pipeline_name (self);
  pipeline_id = crm_store_create_pipeline (get_store (self), name, self->pipeline_id, error);
  if (pipeline_id != 0)
    crm_pipeline_view_set_pipeline_id (self, pipeline_id);
  return pipeline_id;
}

static void
on_new_pipeline_activate (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  CrmPipelineView *self = CRM_PIPELINE_VIEW (widget);
  g_autoptr (GError) error = NULL;

  if (crm_pipeline_view_new_pipeline (self, &error) == 0)
    {
      crm_pipeline_view_report (self, error->message, FALSE);
      return;
    }
  /* Then name it and shape its stages. */
  crm_pipeline_view_edit_stages (self);
}

void
crm_board_actions_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "pipeline.edit-stages", NULL,
                                   on_edit_stages_activate);
  gtk_widget_class_install_action (widget_class, "pipeline.new-pipeline", NULL,
                                   on_new_pipeline_activate);
  gtk_widget_class_install_action (widget_class, "pipeline.move-deal", "(xxi)",
                                   on_move_deal_activate);
  for (guint i = 0; i < G_N_ELEMENTS (move_steps); i++)
    gtk_widget_class_install_action (widget_class, move_steps[i].action, "x",
                                     on_move_deal_step_activate);
  gtk_widget_class_install_action (widget_class, "pipeline.show-deal-menu", "x",
                                   on_show_deal_menu_activate);
}

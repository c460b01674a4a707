/* crm-stage-column.c — CrmStageColumn: the header (bound to the stage and to CrmBoardTotals),
 * the recycling view over the stage's CrmDealListModel with a card factory, and the drop
 * target: while a deal is dragged over the column a line shows where it would land, and the
 * column scrolls when the pointer nears its top or bottom edge.
 *
 * The view is a one-column GtkGridView, not a GtkListView: in GTK 4.8 a list view keeps 200
 * rows alive around its anchor whatever its height (GTK_LIST_VIEW_MAX_LIST_ITEMS), so a board
 * of seven long columns made and measured 1,400 cards for its first frame; a grid view keeps
 * about 30 rows. Both are GtkListBase: same factory, model, recycling and list.* actions.
 */
#include "config.h"

#include "crm-stage-column.h"

#include <glib/gi18n.h>

#include "crm-deal-list-model.h"
#include "crm-gui-resources.h"

/* Half the space between two cards (see .crm-deal-list > row in style.css). */
#define CARD_GAP_HALF 6.0
#define DROP_LINE_WIDTH 3.0
/* Within this distance of the list's top or bottom edge a drag scrolls the list. */
#define AUTOSCROLL_EDGE 48.0
#define AUTOSCROLL_MAX_STEP 18.0

/* ---- CrmRotatedBin: its child turned a quarter clockwise, for the collapsed column's name -- */

#define CRM_TYPE_ROTATED_BIN (crm_rotated_bin_get_type ())
G_DECLARE_FINAL_TYPE (CrmRotatedBin, crm_rotated_bin, CRM, ROTATED_BIN, GtkWidget)

struct _CrmRotatedBin
{
  GtkWidget parent_instance;
};

G_DEFINE_FINAL_TYPE (CrmRotatedBin, crm_rotated_bin, GTK_TYPE_WIDGET)

enum
{
  ROTATED_BIN_PROP_0,
  ROTATED_BIN_PROP_CHILD,
};

static void
crm_rotated_bin_measure (GtkWidget *widget,
                         GtkOrientation orientation,
                         int for_size,
                         int *minimum,
                         int *natural,
                         int *minimum_baseline,
                         int *natural_baseline)
{
  GtkWidget *child = gtk_widget_get_first_child (widget);

  *minimum = *natural = 0;
  /* Turned, its width is our height and its height our width. */
  if (child != NULL)
    gtk_widget_measure (child,
                        orientation == GTK_ORIENTATION_HORIZONTAL ? GTK_ORIENTATION_VERTICAL
                                                                  : GTK_ORIENTATION_HORIZONTAL,
                        for_size, minimum, natural, NULL, NULL);
}

static void
crm_rotated_bin_size_allocate (GtkWidget *widget, int width, int height, int baseline)
{
  GtkWidget *child = gtk_widget_get_first_child (widget);
  GskTransform *transform;

  if (child == NULL)
    return;
  transform = gsk_transform_translate (NULL, &GRAPHENE_POINT_INIT (width, 0));
  transform = gsk_transform_rotate (transform, 90);
  gtk_widget_allocate (child, height, width, -1, transform);
}

static void
crm_rotated_bin_set_property (GObject *object,
                              guint prop_id,
                              const GValue *value,
                              GParamSpec *pspec)
{
  GtkWidget *child;

  if (prop_id != ROTATED_BIN_PROP_CHILD)
    {
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      return;
    }
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);
  if (g_value_get_object (value) != NULL)
    gtk_widget_set_parent (g_value_get_object (value), GTK_WIDGET (object));
}

static void
crm_rotated_bin_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  if (prop_id != ROTATED_BIN_PROP_CHILD)
    {
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      return;
    }
  g_value_set_object (value, gtk_widget_get_first_child (GTK_WIDGET (object)));
}

static void
crm_rotated_bin_dispose (GObject *object)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);
  G_OBJECT_CLASS (crm_rotated_bin_parent_class)->dispose (object);
}

static void
crm_rotated_bin_class_init (CrmRotatedBinClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->set_property = crm_rotated_bin_set_property;
  object_class->get_property = crm_rotated_bin_get_property;
  object_class->dispose = crm_rotated_bin_dispose;
  GTK_WIDGET_CLASS (klass)->measure = crm_rotated_bin_measure;
  GTK_WIDGET_CLASS (klass)->size_allocate = crm_rotated_bin_size_allocate;
  g_object_class_install_property (
      object_class, ROTATED_BIN_PROP_CHILD,
      g_param_spec_object ("child", NULL, NULL, GTK_TYPE_WIDGET,
                           G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS));
}

static void
crm_rotated_bin_init (CrmRotatedBin *self)
{
}

/* ---- CrmStageColumn ------------------------------------------------------------------------ */

struct _CrmStageColumn
{
  GtkWidget parent_instance;

  CrmRepository *repository;
  CrmStage *stage;
  CrmBoardTotals *totals;
  CrmDealListModel *deals;
  /* The deals that get cards: all of them, but for the board's first frame (see
   * crm_stage_column_set_card_limit). */
  GtkSliceListModel *carded;
  guint card_limit;
  gboolean constructed;
  gboolean filtered;
  gboolean searched; /* the search text or "stale only" leaves deals out */
  gboolean listed;   /* only the deals of a list are shown (crm_stage_column_set_deal_ids) */
  gboolean collapsed;
  gulong totals_handler;
  gulong probability_handler;
  gulong name_handler;
  GBinding *name_binding;

  /* While a deal is dragged over the column: the indicator line (column coordinates; < 0 when
   * none) and the scroll speed near the edges. */
  double drop_line_y;
  double autoscroll_step;
  guint autoscroll_tick;

  /* Template children */
  GtkLabel *name_label;
  GtkLabel *count_label;
  GtkLabel *totals_label;
  GtkScrolledWindow *scroller;
  GtkGridView *deal_view;
  GtkWidget *empty_label;
  GtkWidget *header;
  GtkWidget *body;
  GtkWidget *collapse_button;
  GtkWidget *collapsed_box;
  GtkWidget *expand_button;
  GtkLabel *collapsed_count_label;
  GtkLabel *collapsed_name_label;
};

G_DEFINE_FINAL_TYPE (CrmStageColumn, crm_stage_column, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_REPOSITORY,
  PROP_STAGE,
  PROP_TOTALS,
  PROP_CARD_LIMIT,
  PROP_COLLAPSED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum
{
  SIGNAL_DEALS_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

GtkWidget *
crm_stage_column_new (CrmRepository *repository, CrmStage *stage, CrmBoardTotals *totals)
{
  g_return_val_if_fail (CRM_IS_REPOSITORY (repository), NULL);
  g_return_val_if_fail (CRM_IS_STAGE (stage), NULL);
  g_return_val_if_fail (CRM_IS_BOARD_TOTALS (totals), NULL);

  return g_object_new (CRM_TYPE_STAGE_COLUMN, "repository", repository, "stage", stage, "totals",
                       totals, NULL);
}

CrmStage *
crm_stage_column_get_stage (CrmStageColumn *self)
{
  g_return_val_if_fail (CRM_IS_STAGE_COLUMN (self), NULL);

  return self->stage;
}

/* The column's deals: read when first needed. A column built for the board's first frame with
 * no card (out of view) reads nothing, not even the count, until after that frame. */
static void
on_deals_items_changed (CrmStageColumn *self, guint position, guint removed, guint added);
static void
update_count (CrmStageColumn *self);
static void
on_factory_setup (GtkSignalListItemFactory *factory, GtkListItem *item, CrmStageColumn *self);
static void
on_factory_bind (GtkSignalListItemFactory *factory, GtkListItem *item, CrmStageColumn *self);
static void
on_factory_unbind (GtkSignalListItemFactory *factory, GtkListItem *item, CrmStageColumn *self);

static CrmDealListModel *
ensure_deals (CrmStageColumn *self)
{
  g_autoptr (GtkListItemFactory) factory = NULL;
  g_autoptr (GtkNoSelection) selection = NULL;
  gint64 stage_id;

  if (self->deals != NULL || !self->constructed)
    return self->deals;

  stage_id = crm_entity_object_get_id (CRM_ENTITY_OBJECT (self->stage));
  self->deals = crm_deal_list_model_new (self->repository, stage_id);
  g_signal_connect_object (self->deals, "items-changed", G_CALLBACK (on_deals_items_changed), self,
                           G_CONNECT_SWAPPED);

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (on_factory_setup), self);
  g_signal_connect (factory, "bind", G_CALLBACK (on_factory_bind), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (on_factory_unbind), self);
  self->carded
      = gtk_slice_list_model_new (g_object_ref (G_LIST_MODEL (self->deals)), 0, self->card_limit);
  selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->carded)));
  gtk_grid_view_set_factory (self->deal_view, factory);
  gtk_grid_view_set_model (self->deal_view, GTK_SELECTION_MODEL (selection));

  crm_board_totals_track_stage (self->totals, stage_id,
                                g_list_model_get_n_items (G_LIST_MODEL (self->deals)));
  update_count (self);
  g_signal_emit (self, signals[SIGNAL_DEALS_CHANGED], 0);
  return self->deals;
}

gboolean
crm_stage_column_get_deals_read (CrmStageColumn *self)
{
  g_return_val_if_fail (CRM_IS_STAGE_COLUMN (self), FALSE);

  return self->deals != NULL;
}

guint
crm_stage_column_get_n_deals (CrmStageColumn *self)
{
  g_return_val_if_fail (CRM_IS_STAGE_COLUMN (self), 0);

  return self->deals != NULL ? g_list_model_get_n_items (G_LIST_MODEL (self->deals)) : 0;
}

GListModel *
crm_stage_column_get_deals (CrmStageColumn *self)
{
  g_return_val_if_fail (CRM_IS_STAGE_COLUMN (self), NULL);

  return G_LIST_MODEL (ensure_deals (self));
}

int
crm_stage_column_find_deal (CrmStageColumn *self, gint64 deal_id)
{
  g_return_val_if_fail (CRM_IS_STAGE_COLUMN (self), -1);

  return crm_deal_list_model_find (ensure_deals (self), deal_id);
}

void
crm_stage_column_set_card_limit (CrmStageColumn *self, guint limit)
{
  g_return_if_fail (CRM_IS_STAGE_COLUMN (self));

  if (self->card_limit == limit)
    return;
  self->card_limit = limit;
  if (self->carded != NULL)
    gtk_slice_list_model_set_size (self->carded, limit);
  else if (limit > 0)
    ensure_deals (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CARD_LIMIT]);
}

guint
crm_stage_column_get_card_limit (CrmStageColumn *self)
{
  g_return_val_if_fail (CRM_IS_STAGE_COLUMN (self), 0);

  return self->card_limit;
}

int
crm_stage_column_measure_header (CrmStageColumn *self, int width)
{
  int height = 0;

  g_return_val_if_fail (CRM_IS_STAGE_COLUMN (self), 0);

  /* The layout measures it for the same width, so this costs nothing more. */
  gtk_widget_measure (gtk_widget_get_first_child (GTK_WIDGET (self)), GTK_ORIENTATION_VERTICAL,
                      width, &height, NULL, NULL, NULL);
  return height;
}

const char *
crm_stage_column_get_count_text (CrmStageColumn *self)
{
  g_return_val_if_fail (CRM_IS_STAGE_COLUMN (self), NULL);

  return gtk_label_get_text (self->count_label);
}

const char *
crm_stage_column_get_totals_text (CrmStageColumn *self)
{
  g_return_val_if_fail (CRM_IS_STAGE_COLUMN (self), NULL);

  return gtk_label_get_text (self->totals_label);
}

/* ---- Cards ------------------------------------------------------------------------------ */

static CrmDealCard *
card_of_row (GtkWidget *row)
{
  GtkWidget *child = gtk_widget_get_first_child (row);

  return CRM_IS_DEAL_CARD (child) ? CRM_DEAL_CARD (child) : NULL;
}

CrmDealCard *
crm_stage_column_get_card (CrmStageColumn *self, gint64 deal_id)
{
  g_return_val_if_fail (CRM_IS_STAGE_COLUMN (self), NULL);

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->deal_view)); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      CrmDealCard *card = card_of_row (row);
      CrmDeal *deal = card != NULL ? crm_deal_card_get_deal (card) : NULL;

      if (deal != NULL && crm_entity_object_get_id (CRM_ENTITY_OBJECT (deal)) == deal_id)
        return card;
    }
  return NULL;
}

static void
foreach_card (CrmStageColumn *self, void (*func) (CrmDealCard *card))
{
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->deal_view)); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      CrmDealCard *card = card_of_row (row);

      if (card != NULL)
        func (card);
    }
}

void
crm_stage_column_refresh_ages (CrmStageColumn *self)
{
  g_return_if_fail (CRM_IS_STAGE_COLUMN (self));

  foreach_card (self, crm_deal_card_refresh_age);
}

void
crm_stage_column_refresh_next_steps (CrmStageColumn *self)
{
  g_return_if_fail (CRM_IS_STAGE_COLUMN (self));

  foreach_card (self, crm_deal_card_refresh_next_step);
}

gboolean
crm_stage_column_focus_deal (CrmStageColumn *self, gint64 deal_id)
{
  int position;
  CrmDealCard *card;

  g_return_val_if_fail (CRM_IS_STAGE_COLUMN (self), FALSE);

  position = crm_deal_list_model_find (ensure_deals (self), deal_id);
  if (position < 0)
    return FALSE;
  if ((guint) position >= self->card_limit)
    crm_stage_column_set_card_limit (self, G_MAXUINT);

  /* Makes the view create (and scroll to) a card for the deal if it has none yet. */
  gtk_widget_activate_action (GTK_WIDGET (self->deal_view), "list.scroll-to-item", "u",
                              (guint) position);
  card = crm_stage_column_get_card (self, deal_id);
  return card != NULL && gtk_widget_grab_focus (GTK_WIDGET (card));
}

static void
on_factory_setup (GtkSignalListItemFactory *factory, GtkListItem *item, CrmStageColumn *self)
{
  gtk_list_item_set_child (item, crm_deal_card_new (self->repository));
  /* The card takes the focus itself; the board has no selection. */
  gtk_list_item_set_selectable (item, FALSE);
  gtk_list_item_set_activatable (item, FALSE);
}

static void
on_factory_bind (GtkSignalListItemFactory *factory, GtkListItem *item, CrmStageColumn *self)
{
  CrmDealCard *card = CRM_DEAL_CARD (gtk_list_item_get_child (item));

  crm_deal_card_set_stage (card, self->stage);
  crm_deal_card_set_deal (card, gtk_list_item_get_item (item));
}

static void
on_factory_unbind (GtkSignalListItemFactory *factory, GtkListItem *item, CrmStageColumn *self)
{
  crm_deal_card_set_deal (CRM_DEAL_CARD (gtk_list_item_get_child (item)), NULL);
}

/* ---- Collapsing (Won and Lost) ------------------------------------------------------------ */

gboolean
crm_stage_column_get_collapsible (CrmStageColumn *self)
{
  g_return_val_if_fail (CRM_IS_STAGE_COLUMN (self), FALSE);

  return crm_stage_get_kind (self->stage) != CRM_STAGE_KIND_OPEN;
}

gboolean
crm_stage_column_get_collapsed (CrmStageColumn *self)
{
  g_return_val_if_fail (CRM_IS_STAGE_COLUMN (self), FALSE);

  return self->collapsed;
}

/* The buttons say what they do to which column. */
static void
update_collapse_buttons (CrmStageColumn *self)
{
  const char *name = crm_stage_get_name (self->stage);
  g_autofree char *collapse = NULL;
  g_autofree char *expand = NULL;

  if (name == NULL)
    name = "";
  /* Translators: a button that narrows a board column; %s is the stage name. */
  collapse = g_strdup_printf (_ ("Collapse “%s”"), name);
  /* Translators: a button that widens a collapsed board column; %s is the stage name. */
  expand = g_strdup_printf (_ ("Expand “%s”"), name);
  gtk_widget_set_tooltip_text (self->collapse_button, collapse);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->collapse_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, collapse, -1);
  gtk_widget_set_tooltip_text (self->expand_button, expand);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->expand_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, expand, -1);
}

void
crm_stage_column_set_collapsed (CrmStageColumn *self, gboolean collapsed)
{
  gboolean had_focus;

  g_return_if_fail (CRM_IS_STAGE_COLUMN (self));

  collapsed = collapsed && crm_stage_column_get_collapsible (self);
  if (self->collapsed == collapsed)
    return;
  self->collapsed = collapsed;

  had_focus = gtk_widget_has_focus (collapsed ? self->collapse_button : self->expand_button);
  gtk_widget_set_visible (self->header, !collapsed);
  gtk_widget_set_visible (self->body, !collapsed);
  gtk_widget_set_visible (self->collapsed_box, collapsed);
  if (collapsed)
    gtk_widget_add_css_class (GTK_WIDGET (self), "collapsed");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "collapsed");
  /* The keyboard stays on the button that brings the column back. */
  if (had_focus)
    gtk_widget_grab_focus (collapsed ? self->expand_button : self->collapse_button);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COLLAPSED]);
}

static void
on_collapse_button_clicked (CrmStageColumn *self)
{
  crm_stage_column_set_collapsed (self, !self->collapsed);
}

/* ---- Header ----------------------------------------------------------------------------- */

/* What the count badge means, for its tooltip and the column's description. */
static char *
dup_count_description (CrmStageColumn *self)
{
  guint n_deals, n_in_stage;

  if (self->deals == NULL)
    return g_strdup ("");
  n_deals = g_list_model_get_n_items (G_LIST_MODEL (self->deals));
  n_in_stage = crm_deal_list_model_get_n_in_stage (self->deals);

  if (self->filtered)
    return g_strdup_printf (ngettext ("%u of %u deal in this stage shown",
                                      "%u of %u deals in this stage shown", n_in_stage),
                            n_deals, n_in_stage);
  return g_strdup_printf (ngettext ("%u deal in this stage", "%u deals in this stage", n_deals),
                          n_deals);
}

/* The tooltip's text is made when asked for, not with every count. */
static gboolean
on_count_label_query_tooltip (CrmStageColumn *self,
                              int x,
                              int y,
                              gboolean keyboard_mode,
                              GtkTooltip *tooltip,
                              GtkWidget *count_label)
{
  g_autofree char *text = dup_count_description (self);

  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

/* Named after the stage; described by the header's count and totals. */
static void
update_accessible (CrmStageColumn *self)
{
  const char *name = crm_stage_get_name (self->stage);
  g_auto (GStrv) totals_lines = NULL;
  g_autofree char *totals = NULL;
  g_autofree char *count = NULL;
  g_autofree char *description = NULL;

  /* While constructing: once, at the end. */
  if (!self->constructed)
    return;
  totals_lines = g_strsplit (gtk_label_get_text (self->totals_label), "\n", -1);
  totals = g_strjoinv ("; ", totals_lines);
  count = dup_count_description (self);
  description = totals[0] != '\0' ? g_strconcat (count, "; ", totals, NULL) : g_strdup (count);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  name != NULL ? name : "", GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  description != NULL ? description : "", -1);
}

static void
update_count (CrmStageColumn *self)
{
  guint n_deals, n_in_stage;
  g_autofree char *count = NULL;

  if (self->deals == NULL)
    return;
  n_deals = g_list_model_get_n_items (G_LIST_MODEL (self->deals));
  n_in_stage = crm_deal_list_model_get_n_in_stage (self->deals);

  if (self->filtered)
    /* Translators: deals shown by a search of the board, out of all the stage's deals. */
    count = g_strdup_printf (C_ ("stage deal count", "%u of %u"), n_deals, n_in_stage);
  else
    count = g_strdup_printf ("%u", n_deals);
  gtk_label_set_text (self->count_label, count);
  gtk_label_set_text (self->collapsed_count_label, count);
  gtk_label_set_text (GTK_LABEL (self->empty_label),
                      self->filtered ? _ ("No matching deals") : _ ("No deals"));
  gtk_widget_set_visible (self->empty_label, n_deals == 0);
  update_accessible (self);
}

void
crm_stage_column_set_filter (CrmStageColumn *self, const char *text, gboolean stale_only)
{
  g_return_if_fail (CRM_IS_STAGE_COLUMN (self));

  self->searched = stale_only || (text != NULL && text[0] != '\0');
  self->filtered = self->searched || self->listed;
  crm_deal_list_model_set_filter (ensure_deals (self), text, stale_only);
  update_count (self);
}

void
crm_stage_column_set_deal_ids (CrmStageColumn *self, GHashTable *deal_ids)
{
  g_return_if_fail (CRM_IS_STAGE_COLUMN (self));

  self->listed = deal_ids != NULL;
  self->filtered = self->searched || self->listed;
  crm_deal_list_model_set_deal_ids (ensure_deals (self), deal_ids);
  update_count (self);
}

static void
update_totals (CrmStageColumn *self)
{
  g_autoptr (GPtrArray) totals = NULL;
  g_autofree char *text = NULL;
  gint64 stage_id = crm_entity_object_get_id (CRM_ENTITY_OBJECT (self->stage));

  totals = crm_board_totals_dup (self->totals, stage_id, crm_stage_get_probability (self->stage));
  text = crm_board_totals_format (totals, crm_stage_get_kind (self->stage) == CRM_STAGE_KIND_OPEN);
  gtk_label_set_text (self->totals_label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->totals_label), text != NULL);
  update_accessible (self);
}

static void
on_totals_changed (CrmStageColumn *self, gint64 stage_id, CrmBoardTotals *totals)
{
  if (stage_id == crm_entity_object_get_id (CRM_ENTITY_OBJECT (self->stage)))
    update_totals (self);
}

static void
on_deals_items_changed (CrmStageColumn *self, guint position, guint removed, guint added)
{
  update_count (self);
  g_signal_emit (self, signals[SIGNAL_DEALS_CHANGED], 0);
}

/* ---- Drop target ------------------------------------------------------------------------ */

/* The gap a drop at @y falls in: 0 is above the first deal, n below the last. Sets @line_y to
 * where the indicator goes. Only cards the view has made count, which always includes
 * every card on screen, where the pointer is. */
static guint
find_drop_gap (CrmStageColumn *self, double y, double *line_y)
{
  graphene_rect_t list_bounds;
  guint above_gap = G_MAXUINT;
  double above_top = 0;
  int below_index = -1;
  double below_bottom = 0;

  if (!gtk_widget_compute_bounds (GTK_WIDGET (self->deal_view), GTK_WIDGET (self), &list_bounds))
    graphene_rect_init (&list_bounds, 0, 0, 0, 0);

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->deal_view)); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      CrmDealCard *card = card_of_row (row);
      CrmDeal *deal = card != NULL ? crm_deal_card_get_deal (card) : NULL;
      graphene_rect_t bounds;
      int index;

      if (deal == NULL || !gtk_widget_get_child_visible (row)
          || !gtk_widget_compute_bounds (GTK_WIDGET (card), GTK_WIDGET (self), &bounds))
        continue;
      index = crm_deal_list_model_find (ensure_deals (self),
                                        crm_entity_object_get_id (CRM_ENTITY_OBJECT (deal)));
      if (index < 0)
        continue;

      if (y < bounds.origin.y + bounds.size.height / 2)
        {
          if ((guint) index < above_gap)
            {
              above_gap = index;
              above_top = bounds.origin.y;
            }
        }
      else if (index > below_index)
        {
          below_index = index;
          below_bottom = bounds.origin.y + bounds.size.height;
        }
    }

  if (above_gap != G_MAXUINT)
    {
      *line_y = above_top - CARD_GAP_HALF;
      return above_gap;
    }
  if (below_index >= 0)
    {
      *line_y = below_bottom + CARD_GAP_HALF;
      return below_index + 1;
    }
  *line_y = list_bounds.origin.y + CARD_GAP_HALF;
  return 0;
}

/* The store position of a drop in @gap, or -1 where the deal already is. */
static int
drop_position_for_gap (CrmStageColumn *self, gint64 deal_id, guint gap)
{
  int current = deal_id != 0 ? crm_deal_list_model_find (ensure_deals (self), deal_id) : -1;

  /* Right above or right below itself: it would stay where it is. */
  if (current >= 0 && (gap == (guint) current || gap == (guint) current + 1))
    return -1;
  return crm_deal_list_model_get_position_for_gap (ensure_deals (self), gap, deal_id);
}

int
crm_stage_column_get_drop_position (CrmStageColumn *self, gint64 deal_id, double y)
{
  double line_y;

  g_return_val_if_fail (CRM_IS_STAGE_COLUMN (self), -1);

  return drop_position_for_gap (self, deal_id, find_drop_gap (self, y, &line_y));
}

static gint64
dragged_deal_id (GtkDropTarget *target)
{
  const GValue *value = gtk_drop_target_get_value (target);

  if (value == NULL || !G_VALUE_HOLDS (value, CRM_TYPE_DEAL) || g_value_get_object (value) == NULL)
    return 0;
  return crm_entity_object_get_id (g_value_get_object (value));
}

static gboolean
on_autoscroll_tick (GtkWidget *widget, GdkFrameClock *clock, gpointer user_data)
{
  CrmStageColumn *self = CRM_STAGE_COLUMN (widget);
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (self->scroller);

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
update_autoscroll (CrmStageColumn *self, double y)
{
  graphene_rect_t bounds;
  double step = 0;

  if (y >= 0 && gtk_widget_compute_bounds (GTK_WIDGET (self->scroller), GTK_WIDGET (self), &bounds))
    {
      double from_top = y - bounds.origin.y;
      double from_bottom = bounds.origin.y + bounds.size.height - y;

      if (from_top >= 0 && from_top < AUTOSCROLL_EDGE)
        step = -AUTOSCROLL_MAX_STEP * (1 - from_top / AUTOSCROLL_EDGE);
      else if (from_bottom >= 0 && from_bottom < AUTOSCROLL_EDGE)
        step = AUTOSCROLL_MAX_STEP * (1 - from_bottom / AUTOSCROLL_EDGE);
    }

  self->autoscroll_step = step;
  if (step != 0 && self->autoscroll_tick == 0)
    self->autoscroll_tick
        = gtk_widget_add_tick_callback (GTK_WIDGET (self), on_autoscroll_tick, NULL, NULL);
}

static void
set_drop_line (CrmStageColumn *self, double line_y)
{
  if (self->drop_line_y == line_y)
    return;
  self->drop_line_y = line_y;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static GdkDragAction
on_drop_target_motion (GtkDropTarget *target, double x, double y, CrmStageColumn *self)
{
  double line_y;
  guint gap;

  /* Collapsed: the deal goes on top; the column's tint says it will land here. */
  if (self->collapsed)
    return GDK_ACTION_MOVE;
  gap = find_drop_gap (self, y, &line_y);

  /* No line where the deal already is: dropping there changes nothing. */
  if (drop_position_for_gap (self, dragged_deal_id (target), gap) < 0)
    line_y = -1;
  set_drop_line (self, line_y);
  update_autoscroll (self, y);
  return GDK_ACTION_MOVE;
}

static void
on_drop_target_leave (GtkDropTarget *target, CrmStageColumn *self)
{
  set_drop_line (self, -1);
  update_autoscroll (self, -1);
}

static gboolean
on_drop_target_drop (
    GtkDropTarget *target, const GValue *value, double x, double y, CrmStageColumn *self)
{
  CrmDeal *deal;
  gint64 deal_id;
  int position;

  set_drop_line (self, -1);
  update_autoscroll (self, -1);

  if (!G_VALUE_HOLDS (value, CRM_TYPE_DEAL) || (deal = g_value_get_object (value)) == NULL)
    return FALSE;

  deal_id = crm_entity_object_get_id (CRM_ENTITY_OBJECT (deal));
  position = self->collapsed ? 0 : crm_stage_column_get_drop_position (self, deal_id, y);
  if (position < 0)
    return TRUE;

  return gtk_widget_activate_action (GTK_WIDGET (self), "pipeline.move-deal", "(xxi)", deal_id,
                                     crm_entity_object_get_id (CRM_ENTITY_OBJECT (self->stage)),
                                     position);
}

static void
crm_stage_column_snapshot (GtkWidget *widget, GtkSnapshot *snapshot)
{
  CrmStageColumn *self = CRM_STAGE_COLUMN (widget);
  GtkStyleContext *style = gtk_widget_get_style_context (widget);
  GdkRGBA color = { 0.21, 0.52, 0.89, 1.0 };
  double width = gtk_widget_get_width (widget);

  GTK_WIDGET_CLASS (crm_stage_column_parent_class)->snapshot (widget, snapshot);

  if (self->drop_line_y < 0)
    return;

  gtk_style_context_lookup_color (style, "accent_bg_color", &color);
  gtk_snapshot_push_rounded_clip (
      snapshot, &GSK_ROUNDED_RECT_INIT (12, self->drop_line_y - DROP_LINE_WIDTH / 2, width - 24,
                                        DROP_LINE_WIDTH));
  gtk_snapshot_append_color (snapshot, &color,
                             &GRAPHENE_RECT_INIT (12, self->drop_line_y - DROP_LINE_WIDTH / 2,
                                                  width - 24, DROP_LINE_WIDTH));
  gtk_snapshot_pop (snapshot);
}

/* ---- GObject ---------------------------------------------------------------------------- */

static void
crm_stage_column_constructed (GObject *object)
{
  CrmStageColumn *self = CRM_STAGE_COLUMN (object);
  GtkDropTarget *drop_target;

  G_OBJECT_CLASS (crm_stage_column_parent_class)->constructed (object);

  g_return_if_fail (CRM_IS_STAGE (self->stage) && CRM_IS_REPOSITORY (self->repository));

  self->name_binding = g_object_bind_property (self->stage, "name", self->name_label, "label",
                                               G_BINDING_SYNC_CREATE);
  g_object_bind_property (self->stage, "name", self->collapsed_name_label, "label",
                          G_BINDING_SYNC_CREATE);
  gtk_widget_set_visible (self->collapse_button, crm_stage_column_get_collapsible (self));
  g_signal_connect_object (self->stage, "notify::name", G_CALLBACK (update_collapse_buttons), self,
                           G_CONNECT_SWAPPED);
  update_collapse_buttons (self);
  self->name_handler = g_signal_connect_object (
      self->stage, "notify::name", G_CALLBACK (update_accessible), self, G_CONNECT_SWAPPED);
  self->probability_handler = g_signal_connect_object (
      self->stage, "notify::probability", G_CALLBACK (update_totals), self, G_CONNECT_SWAPPED);
  self->totals_handler = g_signal_connect_object (
      self->totals, "changed", G_CALLBACK (on_totals_changed), self, G_CONNECT_SWAPPED);
  drop_target = gtk_drop_target_new (CRM_TYPE_DEAL, GDK_ACTION_MOVE);
  gtk_drop_target_set_preload (drop_target, TRUE);
  g_signal_connect (drop_target, "enter", G_CALLBACK (on_drop_target_motion), self);
  g_signal_connect (drop_target, "motion", G_CALLBACK (on_drop_target_motion), self);
  g_signal_connect (drop_target, "leave", G_CALLBACK (on_drop_target_leave), self);
  g_signal_connect (drop_target, "drop", G_CALLBACK (on_drop_target_drop), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop_target));

  gtk_accessible_update_relation (GTK_ACCESSIBLE (self->deal_view),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, self->name_label, NULL, -1);
  if (crm_stage_get_kind (self->stage) == CRM_STAGE_KIND_WON)
    gtk_widget_add_css_class (GTK_WIDGET (self), "crm-stage-won");
  else if (crm_stage_get_kind (self->stage) == CRM_STAGE_KIND_LOST)
    gtk_widget_add_css_class (GTK_WIDGET (self), "crm-stage-lost");

  update_totals (self);
  self->constructed = TRUE;
  /* Out of the first frame's view (no card): read after it. */
  if (self->card_limit > 0)
    ensure_deals (self);
  update_accessible (self);
}

static void
crm_stage_column_dispose (GObject *object)
{
  CrmStageColumn *self = CRM_STAGE_COLUMN (object);
  GtkWidget *child;

  if (self->autoscroll_tick != 0)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->autoscroll_tick);
      self->autoscroll_tick = 0;
    }
  if (self->totals != NULL)
    {
      g_clear_signal_handler (&self->totals_handler, self->totals);
      if (self->stage != NULL)
        crm_board_totals_untrack_stage (self->totals,
                                        crm_entity_object_get_id (CRM_ENTITY_OBJECT (self->stage)));
    }
  if (self->stage != NULL)
    {
      g_clear_signal_handler (&self->name_handler, self->stage);
      g_clear_signal_handler (&self->probability_handler, self->stage);
    }
  g_clear_pointer (&self->name_binding, g_binding_unbind);

  gtk_widget_dispose_template (GTK_WIDGET (self), CRM_TYPE_STAGE_COLUMN);
  /* The template's unnamed children too. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  g_clear_object (&self->carded);
  g_clear_object (&self->deals);
  g_clear_object (&self->totals);
  g_clear_object (&self->stage);
  g_clear_object (&self->repository);

  G_OBJECT_CLASS (crm_stage_column_parent_class)->dispose (object);
}

static void
crm_stage_column_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  CrmStageColumn *self = CRM_STAGE_COLUMN (object);

  switch (prop_id)
    {
      case PROP_REPOSITORY:
        g_value_set_object (value, self->repository);
        break;

      case PROP_STAGE:
        g_value_set_object (value, self->stage);
        break;

      case PROP_TOTALS:
        g_value_set_object (value, self->totals);
        break;

      case PROP_CARD_LIMIT:
        g_value_set_uint (value, self->card_limit);
        break;

      case PROP_COLLAPSED:
        g_value_set_boolean (value, self->collapsed);
        break;

      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
crm_stage_column_set_property (GObject *object,
                               guint prop_id,
                               const GValue *value,
                               GParamSpec *pspec)
{
  CrmStageColumn *self = CRM_STAGE_COLUMN (object);

  switch (prop_id)
    {
      case PROP_REPOSITORY:
        self->repository = g_value_dup_object (value);
        break;

      case PROP_STAGE:
        self->stage = g_value_dup_object (value);
        break;

      case PROP_TOTALS:
        self->totals = g_value_dup_object (value);
        break;

      case PROP_CARD_LIMIT:
        crm_stage_column_set_card_limit (self, g_value_get_uint (value));
        break;

      case PROP_COLLAPSED:
        crm_stage_column_set_collapsed (self, g_value_get_boolean (value));
        break;

      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
crm_stage_column_class_init (CrmStageColumnClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = crm_stage_column_constructed;
  object_class->dispose = crm_stage_column_dispose;
  object_class->get_property = crm_stage_column_get_property;
  object_class->set_property = crm_stage_column_set_property;

  widget_class->snapshot = crm_stage_column_snapshot;

  properties[PROP_REPOSITORY]
      = g_param_spec_object ("repository", NULL, NULL, CRM_TYPE_REPOSITORY,
                             G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STAGE]
      = g_param_spec_object ("stage", NULL, NULL, CRM_TYPE_STAGE,
                             G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TOTALS]
      = g_param_spec_object ("totals", NULL, NULL, CRM_TYPE_BOARD_TOTALS,
                             G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* Set at construction, the view never asks for the items beyond it. */
  properties[PROP_CARD_LIMIT] = g_param_spec_uint (
      "card-limit", NULL, NULL, 0, G_MAXUINT, G_MAXUINT,
      G_PARAM_READWRITE | G_PARAM_CONSTRUCT | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* Won and Lost only. */
  properties[PROP_COLLAPSED]
      = g_param_spec_boolean ("collapsed", NULL, NULL, FALSE,
                              G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* The deals shown changed, or were read. */
  signals[SIGNAL_DEALS_CHANGED]
      = g_signal_new ("deals-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                      NULL, G_TYPE_NONE, 0);

  g_type_ensure (CRM_TYPE_ROTATED_BIN);
  crm_gui_resources_ensure ();
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/crm-stage-column.ui");
  gtk_widget_class_bind_template_child (widget_class, CrmStageColumn, name_label);
  gtk_widget_class_bind_template_child (widget_class, CrmStageColumn, count_label);
  gtk_widget_class_bind_template_child (widget_class, CrmStageColumn, totals_label);
  gtk_widget_class_bind_template_child (widget_class, CrmStageColumn, scroller);
  gtk_widget_class_bind_template_child (widget_class, CrmStageColumn, deal_view);
  gtk_widget_class_bind_template_child (widget_class, CrmStageColumn, empty_label);
  gtk_widget_class_bind_template_child (widget_class, CrmStageColumn, header);
  gtk_widget_class_bind_template_child (widget_class, CrmStageColumn, body);
  gtk_widget_class_bind_template_child (widget_class, CrmStageColumn, collapse_button);
  gtk_widget_class_bind_template_child (widget_class, CrmStageColumn, collapsed_box);
  gtk_widget_class_bind_template_child (widget_class, CrmStageColumn, expand_button);
  gtk_widget_class_bind_template_child (widget_class, CrmStageColumn, collapsed_count_label);
  gtk_widget_class_bind_template_child (widget_class, CrmStageColumn, collapsed_name_label);
  gtk_widget_class_bind_template_callback (widget_class, on_collapse_button_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_count_label_query_tooltip);

  gtk_widget_class_set_css_name (widget_class, "stagecolumn");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
crm_stage_column_init (CrmStageColumn *self)
{
  self->drop_line_y = -1;

  gtk_widget_init_template (GTK_WIDGET (self));
}

/* crm-deal-card.c — CrmDealCard: shows one CrmDeal and follows its property notifications, so a
 * store write (from this window, the undo stack or another process) shows at once. The card
 * is a drag source whose content is the CrmDeal object itself, never the widget: a list view
 * may recycle the widget for another deal while the drag is under way.
 *
 * The card draws its text itself, with one PangoLayout per line, instead of holding a dozen
 * labels and boxes: the board makes a card for every deal in view when it opens, and the
 * widgets' style and the labels' repeated measuring of wrapped text were most of the first
 * frame's time. Colours and fonts still come from the style (the card's colour, libadwaita's
 * named colours, the widget's font), so light, dark and high-contrast styles follow; the
 * screen reader gets the same text as the card's accessible name and description.
 */
#include "config.h"

#include "crm-deal-card.h"

#include <glib/gi18n.h>

#include "crm-board-money.h"
#include "crm-date-format.h"

#define SECONDS_PER_DAY (24 * 60 * 60)
/* Space between the lines, and between the things on one line. */
#define LINE_SPACING 6
#define ITEM_SPACING 6
#define VALUE_SPACING 12
#define TITLE_MAX_LINES 3
#define BADGE_PADDING_X 6
#define BADGE_PADDING_Y 1
#define BADGE_RADIUS 6
#define ICON_SIZE 16
/* libadwaita's .caption and .dim-label. */
#define CAPTION_SCALE 0.8333
#define DIM_ALPHA 0.55
/* The card's text width: a board column (280px wide, style.css) less the list's and the card's
 * padding. Asking for it as the minimum too makes the list lay the text out once, at the width
 * it will have, rather than first at a narrower one. */
#define NATURAL_WIDTH 232
#define MINIMUM_WIDTH 232

typedef enum
{
  STYLE_TITLE,   /* bold, wrapped over up to three lines */
  STYLE_BADGE,   /* bold caption on the warning colour */
  STYLE_BODY,    /* dimmed body text */
  STYLE_VALUE,   /* bold, tabular figures */
  STYLE_CAPTION, /* dimmed caption, tabular figures */
  STYLE_WARNING, /* caption in the warning colour */
} TextStyle;

typedef struct
{
  char *text; /* NULL: the line is not shown */
  PangoLayout *layout;
  TextStyle style;
} CardText;

struct _CrmDealCard
{
  GtkWidget parent_instance;

  CrmRepository *repository;
  CrmDeal *deal;
  CrmStage *stage;
  /* The CrmCompany or CrmContact named on the card, held so its name stays live. */
  GObject *party;
  gulong deal_notify_handler;
  gulong stage_notify_handler;
  gulong party_notify_handler;

  int days_in_stage;
  gboolean stale;
  gboolean next_step_overdue;
  /* Set while a deal or stage is being set: the accessible text is updated once, at the end. */
  gboolean filling;
  double drag_x;
  double drag_y;

  CardText texts[CRM_DEAL_CARD_N_LINES];
  GtkIconPaintable *calendar_icon;
  /* Where the badge and the close date were drawn, for their tooltips. */
  graphene_rect_t badge_bounds;
  graphene_rect_t close_bounds;
};

G_DEFINE_FINAL_TYPE (CrmDealCard, crm_deal_card, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_REPOSITORY,
  PROP_DEAL,
  PROP_STAGE,
  PROP_DAYS_IN_STAGE,
  PROP_STALE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const TextStyle line_styles[CRM_DEAL_CARD_N_LINES] = {
  [CRM_DEAL_CARD_TITLE] = STYLE_TITLE,        [CRM_DEAL_CARD_BADGE] = STYLE_BADGE,
  [CRM_DEAL_CARD_PARTY] = STYLE_BODY,         [CRM_DEAL_CARD_VALUE] = STYLE_VALUE,
  [CRM_DEAL_CARD_CLOSE_DATE] = STYLE_CAPTION, [CRM_DEAL_CARD_AGE] = STYLE_CAPTION,
  [CRM_DEAL_CARD_NEXT_STEP] = STYLE_CAPTION,
};

GtkWidget *
crm_deal_card_new (CrmRepository *repository)
{
  g_return_val_if_fail (CRM_IS_REPOSITORY (repository), NULL);

  return g_object_new (CRM_TYPE_DEAL_CARD, "repository", repository, NULL);
}

const char *
crm_deal_card_get_text (CrmDealCard *self, CrmDealCardLine line)
{
  g_return_val_if_fail (CRM_IS_DEAL_CARD (self), NULL);
  g_return_val_if_fail (line < CRM_DEAL_CARD_N_LINES, NULL);

  return self->texts[line].text;
}

/* ---- Text and layouts ------------------------------------------------------------------- */

static PangoAttrList *
attributes_for_style (TextStyle style)
{
  PangoAttrList *attributes = pango_attr_list_new ();
  gboolean bold = style == STYLE_TITLE || style == STYLE_BADGE || style == STYLE_VALUE;
  gboolean caption = style == STYLE_BADGE || style == STYLE_CAPTION || style == STYLE_WARNING;

  if (bold)
    pango_attr_list_insert (attributes, pango_attr_weight_new (PANGO_WEIGHT_BOLD));
  if (caption)
    pango_attr_list_insert (attributes, pango_attr_scale_new (CAPTION_SCALE));
  if (style == STYLE_VALUE || style == STYLE_CAPTION || style == STYLE_WARNING)
    pango_attr_list_insert (attributes, pango_attr_font_features_new ("tnum=1"));
  return attributes;
}

/* The line's layout, made when first needed: never for a line not shown. */
static PangoLayout *
get_layout (CrmDealCard *self, CrmDealCardLine line)
{
  CardText *text = &self->texts[line];

  if (text->text == NULL)
    return NULL;
  if (text->layout == NULL)
    {
      g_autoptr (PangoAttrList) attributes = attributes_for_style (text->style);

      /* Plain text: a deal titled "<b>" shows "<b>". */
      text->layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), text->text);
      pango_layout_set_attributes (text->layout, attributes);
      if (text->style == STYLE_TITLE)
        {
          pango_layout_set_wrap (text->layout, PANGO_WRAP_WORD_CHAR);
          pango_layout_set_height (text->layout, -TITLE_MAX_LINES);
        }
      pango_layout_set_ellipsize (text->layout, PANGO_ELLIPSIZE_END);
    }
  return text->layout;
}

/* Sets what @line shows (NULL hides it); TRUE when that changed. */
static gboolean
set_text (CrmDealCard *self, CrmDealCardLine line, const char *value)
{
  CardText *text = &self->texts[line];

  if (g_strcmp0 (text->text, value) == 0)
    return FALSE;
  g_free (text->text);
  text->text = g_strdup (value);
  if (text->layout != NULL && value != NULL)
    pango_layout_set_text (text->layout, value, -1);
  else if (value == NULL)
    g_clear_object (&text->layout);
  gtk_widget_queue_resize (GTK_WIDGET (self));
  return TRUE;
}

static void
set_style (CrmDealCard *self, CrmDealCardLine line, TextStyle style)
{
  CardText *text = &self->texts[line];

  if (text->style == style)
    return;
  text->style = style;
  g_clear_object (&text->layout);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

/* Fonts or direction changed: every layout is made again. */
static void
drop_layouts (CrmDealCard *self)
{
  for (guint i = 0; i < CRM_DEAL_CARD_N_LINES; i++)
    g_clear_object (&self->texts[i].layout);
  g_clear_object (&self->calendar_icon);
}

/* Width and height of @layout at @width (-1: unbounded), in pixels. */
static void
layout_size (PangoLayout *layout, int width, int *out_width, int *out_height)
{
  int w = 0, h = 0;

  if (layout == NULL)
    {
      *out_width = *out_height = 0;
      return;
    }
  pango_layout_set_width (layout, width < 0 ? -1 : width * PANGO_SCALE);
  pango_layout_get_pixel_size (layout, &w, &h);
  *out_width = w;
  *out_height = h;
}

/* ---- Geometry: the same code measures and draws ----------------------------------------- */

typedef struct
{
  int title_y, title_width, title_height;
  graphene_rect_t badge;
  int party_y;
  int value_y, value_width, value_row_height;
  graphene_rect_t close;
  int age_y;
  int next_y;
  int height;
} CardGeometry;

static gboolean
line_shown (CrmDealCard *self, CrmDealCardLine line)
{
  return self->texts[line].text != NULL;
}

/* Lays the lines out for a card @width wide (LTR coordinates: drawing mirrors them in RTL). */
static void
compute_geometry (CrmDealCard *self, int width, CardGeometry *geometry)
{
  int badge_width = 0, badge_height = 0, w, h, y = 0;
  int close_width = 0, close_height = 0;

  memset (geometry, 0, sizeof *geometry);

  /* Title, with the stale badge at its end. */
  if (line_shown (self, CRM_DEAL_CARD_BADGE))
    {
      layout_size (get_layout (self, CRM_DEAL_CARD_BADGE), -1, &badge_width, &badge_height);
      badge_width += 2 * BADGE_PADDING_X;
      badge_height += 2 * BADGE_PADDING_Y;
      graphene_rect_init (&geometry->badge, width - badge_width, 0, badge_width, badge_height);
    }
  geometry->title_width = MAX (width - (badge_width > 0 ? badge_width + ITEM_SPACING : 0), 1);
  layout_size (get_layout (self, CRM_DEAL_CARD_TITLE), geometry->title_width, &w,
               &geometry->title_height);
  geometry->title_y = 0;
  y = MAX (geometry->title_height, badge_height);

  /* Company or contact. */
  geometry->party_y = y + LINE_SPACING;
  layout_size (get_layout (self, CRM_DEAL_CARD_PARTY), width, &w, &h);
  y = geometry->party_y + h;

  /* Value, with the expected close date (icon and date) at its end. */
  if (line_shown (self, CRM_DEAL_CARD_CLOSE_DATE))
    {
      layout_size (get_layout (self, CRM_DEAL_CARD_CLOSE_DATE), -1, &close_width, &close_height);
      close_width += ICON_SIZE + ITEM_SPACING;
      close_height = MAX (close_height, ICON_SIZE);
    }
  geometry->value_y = y + LINE_SPACING;
  geometry->value_width = MAX (width - (close_width > 0 ? close_width + VALUE_SPACING : 0), 1);
  layout_size (get_layout (self, CRM_DEAL_CARD_VALUE), geometry->value_width, &w, &h);
  geometry->value_row_height = MAX (h, close_height);
  if (close_width > 0)
    graphene_rect_init (&geometry->close, width - close_width,
                        geometry->value_y + (geometry->value_row_height - close_height) / 2.0,
                        close_width, close_height);
  y = geometry->value_y + geometry->value_row_height;

  /* Days in stage (or when it closed), then the next step. */
  geometry->age_y = y + LINE_SPACING;
  layout_size (get_layout (self, CRM_DEAL_CARD_AGE), width, &w, &h);
  y = geometry->age_y + h;
  if (line_shown (self, CRM_DEAL_CARD_NEXT_STEP))
    {
      geometry->next_y = y + LINE_SPACING;
      layout_size (get_layout (self, CRM_DEAL_CARD_NEXT_STEP), width, &w, &h);
      y = geometry->next_y + h;
    }
  geometry->height = y;
}

static void
crm_deal_card_measure (GtkWidget *widget,
                       GtkOrientation orientation,
                       int for_size,
                       int *minimum,
                       int *natural,
                       int *minimum_baseline,
                       int *natural_baseline)
{
  CrmDealCard *self = CRM_DEAL_CARD (widget);
  CardGeometry geometry;

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      /* Every line is cut short or wrapped rather than widening the card. */
      *minimum = MINIMUM_WIDTH;
      *natural = NATURAL_WIDTH;
      return;
    }
  compute_geometry (self, for_size >= 0 ? MAX (for_size, MINIMUM_WIDTH) : NATURAL_WIDTH, &geometry);
  *minimum = *natural = geometry.height;
}

/* Wrapped text: the height depends on the width (else GTK would measure it for no width). */
static GtkSizeRequestMode
crm_deal_card_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

/* The card's colour, optionally faded like a dim label. */
static GdkRGBA
style_color (CrmDealCard *self, TextStyle style)
{
  GtkStyleContext *context = gtk_widget_get_style_context (GTK_WIDGET (self));
  GdkRGBA color;

  if (style == STYLE_WARNING && gtk_style_context_lookup_color (context, "warning_color", &color))
    return color;
  if (style == STYLE_BADGE && gtk_style_context_lookup_color (context, "warning_fg_color", &color))
    return color;
  gtk_style_context_get_color (context, &color);
  if (style == STYLE_BODY || style == STYLE_CAPTION)
    color.alpha *= DIM_ALPHA;
  return color;
}

/* Draws @line's layout with its left edge at @x (LTR) in a card @width wide; @wrapped: laid
 * out @line_width wide, else at its natural width (which is @line_width). */
static void
draw_text (CrmDealCard *self,
           GtkSnapshot *snapshot,
           CrmDealCardLine line,
           int width,
           double x,
           double y,
           int line_width,
           gboolean wrapped)
{
  PangoLayout *layout = get_layout (self, line);
  GdkRGBA color;

  if (layout == NULL)
    return;
  if (gtk_widget_get_direction (GTK_WIDGET (self)) == GTK_TEXT_DIR_RTL)
    x = width - x - line_width;
  /* The width it was measured at, so the text is not laid out again. */
  if (wrapped)
    pango_layout_set_width (layout, line_width * PANGO_SCALE);
  color = style_color (self, self->texts[line].style);
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x, y));
  gtk_snapshot_append_layout (snapshot, layout, &color);
  gtk_snapshot_restore (snapshot);
}

static graphene_rect_t
mirror_rect (CrmDealCard *self, const graphene_rect_t *rect, int width)
{
  graphene_rect_t mirrored = *rect;

  if (gtk_widget_get_direction (GTK_WIDGET (self)) == GTK_TEXT_DIR_RTL)
    mirrored.origin.x = width - rect->origin.x - rect->size.width;
  return mirrored;
}

static void
draw_badge (CrmDealCard *self, GtkSnapshot *snapshot, const CardGeometry *geometry, int width)
{
  GtkStyleContext *context = gtk_widget_get_style_context (GTK_WIDGET (self));
  graphene_rect_t bounds = mirror_rect (self, &geometry->badge, width);
  GskRoundedRect outline;
  GdkRGBA background;

  if (!gtk_style_context_lookup_color (context, "warning_bg_color", &background))
    gdk_rgba_parse (&background, "#e5a50a");
  gsk_rounded_rect_init_from_rect (&outline, &bounds, BADGE_RADIUS);
  gtk_snapshot_push_rounded_clip (snapshot, &outline);
  gtk_snapshot_append_color (snapshot, &background, &bounds);
  gtk_snapshot_pop (snapshot);
  draw_text (self, snapshot, CRM_DEAL_CARD_BADGE, width, geometry->badge.origin.x + BADGE_PADDING_X,
             BADGE_PADDING_Y, (int) geometry->badge.size.width - 2 * BADGE_PADDING_X, FALSE);
}

static void
draw_calendar_icon (CrmDealCard *self, GtkSnapshot *snapshot, double x, double y)
{
  GdkRGBA colors[4];

  if (self->calendar_icon == NULL)
    {
      GtkIconTheme *theme
          = gtk_icon_theme_get_for_display (gtk_widget_get_display (GTK_WIDGET (self)));

      self->calendar_icon
          = gtk_icon_theme_lookup_icon (theme, "x-office-calendar-symbolic", NULL, ICON_SIZE,
                                        gtk_widget_get_scale_factor (GTK_WIDGET (self)),
                                        gtk_widget_get_direction (GTK_WIDGET (self)), 0);
    }
  colors[0] = style_color (self, STYLE_CAPTION);
  colors[1] = colors[2] = colors[3] = colors[0];
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x, y));
  gtk_symbolic_paintable_snapshot_symbolic (GTK_SYMBOLIC_PAINTABLE (self->calendar_icon), snapshot,
                                            ICON_SIZE, ICON_SIZE, colors, G_N_ELEMENTS (colors));
  gtk_snapshot_restore (snapshot);
}

static void
crm_deal_card_snapshot (GtkWidget *widget, GtkSnapshot *snapshot)
{
  CrmDealCard *self = CRM_DEAL_CARD (widget);
  int width = gtk_widget_get_width (widget);
  CardGeometry geometry;

  compute_geometry (self, width, &geometry);

  draw_text (self, snapshot, CRM_DEAL_CARD_TITLE, width, 0, geometry.title_y, geometry.title_width,
             TRUE);
  if (line_shown (self, CRM_DEAL_CARD_BADGE))
    draw_badge (self, snapshot, &geometry, width);
  self->badge_bounds = mirror_rect (self, &geometry.badge, width);

  draw_text (self, snapshot, CRM_DEAL_CARD_PARTY, width, 0, geometry.party_y, width, TRUE);
  draw_text (self, snapshot, CRM_DEAL_CARD_VALUE, width, 0, geometry.value_y, geometry.value_width,
             TRUE);
  if (line_shown (self, CRM_DEAL_CARD_CLOSE_DATE))
    {
      graphene_rect_t icon_bounds;
      int date_width = (int) geometry.close.size.width - ICON_SIZE - ITEM_SPACING;
      int date_height = 0, unused;

      layout_size (get_layout (self, CRM_DEAL_CARD_CLOSE_DATE), -1, &unused, &date_height);
      graphene_rect_init (&icon_bounds, geometry.close.origin.x,
                          geometry.close.origin.y + (geometry.close.size.height - ICON_SIZE) / 2.0,
                          ICON_SIZE, ICON_SIZE);
      icon_bounds = mirror_rect (self, &icon_bounds, width);
      draw_calendar_icon (self, snapshot, icon_bounds.origin.x, icon_bounds.origin.y);
      draw_text (self, snapshot, CRM_DEAL_CARD_CLOSE_DATE, width,
                 geometry.close.origin.x + ICON_SIZE + ITEM_SPACING,
                 geometry.close.origin.y + (geometry.close.size.height - date_height) / 2.0,
                 date_width, FALSE);
    }
  self->close_bounds = mirror_rect (self, &geometry.close, width);
  draw_text (self, snapshot, CRM_DEAL_CARD_AGE, width, 0, geometry.age_y, width, TRUE);
  draw_text (self, snapshot, CRM_DEAL_CARD_NEXT_STEP, width, 0, geometry.next_y, width, TRUE);
}

static void
crm_deal_card_css_changed (GtkWidget *widget, GtkCssStyleChange *change)
{
  GTK_WIDGET_CLASS (crm_deal_card_parent_class)->css_changed (widget, change);

  /* The font may have changed: lay the text out again. */
  drop_layouts (CRM_DEAL_CARD (widget));
  gtk_widget_queue_resize (widget);
}

static void
crm_deal_card_direction_changed (GtkWidget *widget, GtkTextDirection previous)
{
  drop_layouts (CRM_DEAL_CARD (widget));
  gtk_widget_queue_resize (widget);
}

static gboolean
crm_deal_card_query_tooltip (
    GtkWidget *widget, int x, int y, gboolean keyboard_mode, GtkTooltip *tooltip)
{
  CrmDealCard *self = CRM_DEAL_CARD (widget);
  graphene_point_t point = GRAPHENE_POINT_INIT (x, y);

  if (line_shown (self, CRM_DEAL_CARD_BADGE)
      && graphene_rect_contains_point (&self->badge_bounds, &point))
    {
      int rotting_days = self->stage != NULL ? crm_stage_get_rotting_days (self->stage) : 0;
      g_autofree char *text
          = g_strdup_printf (ngettext ("No progress for more than %d day",
                                       "No progress for more than %d days", rotting_days),
                             rotting_days);

      gtk_tooltip_set_text (tooltip, text);
      return TRUE;
    }
  if (line_shown (self, CRM_DEAL_CARD_CLOSE_DATE)
      && graphene_rect_contains_point (&self->close_bounds, &point))
    {
      gtk_tooltip_set_text (tooltip, _ ("Expected close date"));
      return TRUE;
    }
  return FALSE;
}

/* ---- What the card shows ---------------------------------------------------------------- */

/* The screen reader's summary of the card: its name is the title, its description the rest. */
static void
update_accessible (CrmDealCard *self)
{
  g_autoptr (GString) description = NULL;
  const CrmDealCardLine parts[]
      = { CRM_DEAL_CARD_PARTY, CRM_DEAL_CARD_VALUE, CRM_DEAL_CARD_CLOSE_DATE, CRM_DEAL_CARD_AGE,
          CRM_DEAL_CARD_NEXT_STEP };

  if (self->filling)
    return;
  description = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    {
      const char *text = self->texts[parts[i]].text;

      if (text == NULL || text[0] == '\0')
        continue;
      if (description->len > 0)
        g_string_append (description, ", ");
      if (parts[i] == CRM_DEAL_CARD_CLOSE_DATE)
        /* Translators: in a deal's description for screen readers; %s is a date. */
        g_string_append_printf (description, _ ("expected to close %s"), text);
      else
        g_string_append (description, text);
    }
  if (self->stale)
    {
      if (description->len > 0)
        g_string_append (description, ", ");
      g_string_append (description, _ ("stale"));
    }

  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  self->deal != NULL ? crm_deal_get_title (self->deal) : "",
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description->str, -1);
}

static void
update_title (CrmDealCard *self)
{
  const char *title = self->deal != NULL ? crm_deal_get_title (self->deal) : NULL;

  set_text (self, CRM_DEAL_CARD_TITLE, title != NULL ? title : "");
}

static void
on_party_name_notify (CrmDealCard *self)
{
  g_autofree char *name = NULL;

  g_object_get (self->party, "name", &name, NULL);
  set_text (self, CRM_DEAL_CARD_PARTY, name != NULL ? name : "");
  update_accessible (self);
}

static void
update_party (CrmDealCard *self)
{
  g_autoptr (GObject) party = NULL;
  gint64 company_id = self->deal != NULL ? crm_deal_get_company_id (self->deal) : 0;
  gint64 contact_id = self->deal != NULL ? crm_deal_get_contact_id (self->deal) : 0;

  if (company_id != 0)
    party = crm_repository_get_object (self->repository, CRM_ENTITY_COMPANY, company_id, NULL);
  if (party == NULL && contact_id != 0)
    party = crm_repository_get_object (self->repository, CRM_ENTITY_CONTACT, contact_id, NULL);

  if (party == self->party && party != NULL)
    return;
  if (self->party != NULL)
    g_clear_signal_handler (&self->party_notify_handler, self->party);
  g_clear_object (&self->party);

  if (party == NULL)
    {
      set_text (self, CRM_DEAL_CARD_PARTY, _ ("No company or contact"));
      return;
    }
  self->party = g_steal_pointer (&party);
  self->party_notify_handler = g_signal_connect_object (
      self->party, "notify::name", G_CALLBACK (on_party_name_notify), self, G_CONNECT_SWAPPED);
  on_party_name_notify (self);
}

static void
update_value (CrmDealCard *self)
{
  g_autofree char *text = NULL;

  if (self->deal == NULL)
    return;
  text = crm_money_format (crm_deal_get_value_minor (self->deal),
                           crm_deal_get_currency (self->deal));
  set_text (self, CRM_DEAL_CARD_VALUE, text);
}

static gboolean
is_closed_stage (CrmDealCard *self)
{
  return self->stage != NULL && crm_stage_get_kind (self->stage) != CRM_STAGE_KIND_OPEN;
}

/* "Mar 3" this year, "Mar 3, 2027" another: a day stored as its first second in UTC. */
static char *
format_day (gint64 unix_utc)
{
  g_autoptr (GDateTime) date = g_date_time_new_from_unix_utc (unix_utc);
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();

  if (g_date_time_get_year (date) == g_date_time_get_year (now))
    /* Translators: a day in this year, as g_date_time_format() takes it. */
    return g_date_time_format (date, C_ ("deal card date", "%b %-d"));
  /* Translators: a day in another year, as g_date_time_format() takes it. */
  return g_date_time_format (date, C_ ("deal card date", "%b %-d, %Y"));
}

/* The day of a due time, in the user's time zone (an expected close date is a day of its own,
 * kept as UTC midnight: format_day). */
static char *
format_local_day (gint64 unix_utc)
{
  g_autoptr (GDateTime) date = g_date_time_new_from_unix_local (unix_utc);
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();

  if (g_date_time_get_year (date) == g_date_time_get_year (now))
    return g_date_time_format (date, C_ ("deal card date", "%b %-d"));
  return g_date_time_format (date, C_ ("deal card date", "%b %-d, %Y"));
}

static void
update_close_date (CrmDealCard *self)
{
  g_autofree char *text = NULL;
  gint64 expected_close = self->deal != NULL ? crm_deal_get_expected_close (self->deal) : 0;

  /* Closed: the expected date is history; the age line says when it closed. */
  if (expected_close != 0 && !is_closed_stage (self))
    text = format_day (expected_close);
  set_text (self, CRM_DEAL_CARD_CLOSE_DATE, text);
}

static void
set_stale (CrmDealCard *self, gboolean stale)
{
  set_text (self, CRM_DEAL_CARD_BADGE, stale ? C_ ("deal card badge", "Stale") : NULL);
  if (stale)
    gtk_widget_add_css_class (GTK_WIDGET (self), "crm-stale");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "crm-stale");
  if (stale != self->stale)
    {
      self->stale = stale;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STALE]);
    }
}

/* In Won and Lost: "Won on Mar 3" or "Lost on Mar 3" where the age would be. */
static gboolean
show_closed_date (CrmDealCard *self)
{
  g_autoptr (GDateTime) date = NULL;
  g_autofree char *day = NULL;
  g_autofree char *text = NULL;
  gint64 closed_at = 0;

  if (self->deal == NULL || !is_closed_stage (self))
    return FALSE;
  g_object_get (self->deal, "closed-at", &closed_at, NULL);
  if (closed_at == 0)
    return FALSE;

  date = g_date_time_new_from_unix_local (closed_at);
  /* Translators: a day, as g_date_time_format() takes it, in "Won on %s" and "Lost on %s". */
  day = g_date_time_format (date, C_ ("deal card date", "%b %-d, %Y"));
  if (crm_stage_get_kind (self->stage) == CRM_STAGE_KIND_WON)
    /* Translators: %s is the day a deal was won, e.g. "Mar 3, 2026". */
    text = g_strdup_printf (_ ("Won on %s"), day);
  else
    /* Translators: %s is the day a deal was lost, e.g. "Mar 3, 2026". */
    text = g_strdup_printf (_ ("Lost on %s"), day);
  set_text (self, CRM_DEAL_CARD_AGE, text);
  set_stale (self, FALSE);
  return TRUE;
}

void
crm_deal_card_refresh_age (CrmDealCard *self)
{
  g_autofree char *age = NULL;
  gint64 entered;
  int rotting_days;
  int days = 0;

  g_return_if_fail (CRM_IS_DEAL_CARD (self));

  /* A closed deal's age in Won or Lost says nothing: the card says when it closed. */
  if (!show_closed_date (self))
    {
      entered = self->deal != NULL ? crm_deal_get_stage_entered_at (self->deal) : 0;
      if (entered > 0)
        days = (int) MAX (0, (g_get_real_time () / G_USEC_PER_SEC - entered) / SECONDS_PER_DAY);
      rotting_days = self->stage != NULL ? crm_stage_get_rotting_days (self->stage) : 0;

      if (days == 0)
        age = g_strdup (_ ("New in this stage"));
      else
        age = g_strdup_printf (ngettext ("%d day in stage", "%d days in stage", days), days);
      set_text (self, CRM_DEAL_CARD_AGE, age);
      set_stale (self, self->deal != NULL && rotting_days > 0 && days > rotting_days);
    }

  if (days != self->days_in_stage)
    {
      self->days_in_stage = days;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DAYS_IN_STAGE]);
    }
  /* "Today" and "overdue" move with the day as well. */
  crm_deal_card_refresh_next_step (self);
}

void
crm_deal_card_refresh_next_step (CrmDealCard *self)
{
  g_autoptr (CrmActivityRecord) activity = NULL;
  g_autofree char *text = NULL;
  gboolean overdue = FALSE;

  g_return_if_fail (CRM_IS_DEAL_CARD (self));

  /* Open deals only: a won or lost deal has no next step to take. */
  if (self->deal != NULL && !is_closed_stage (self))
    {
      g_autoptr (GError) error = NULL;

      activity = crm_store_get_next_activity_for_deal (
          crm_repository_get_store (self->repository),
          crm_entity_object_get_id (CRM_ENTITY_OBJECT (self->deal)), &error);
      if (error != NULL)
        g_warning ("Cannot read the next step of a deal: %s", error->message);

      if (activity == NULL)
        text = g_strdup (_ ("No next step"));
      else
        {
          const char *what = activity->subject != NULL && activity->subject[0] != '\0'
                                 ? activity->subject
                                 : crm_activity_kind_get_label (activity->kind);
          g_autofree char *day = NULL;
          gint64 now = g_get_real_time () / G_USEC_PER_SEC;

          overdue = crm_date_is_overdue (activity->due_at, now);
          day = format_local_day (activity->due_at);
          if (overdue)
            /* Translators: a deal's next step that is late: %s the activity, %s its due day. */
            text = g_strdup_printf (_ ("Overdue: %s · %s"), what, day);
          else
            /* Translators: a deal's next step: %s the activity, %s its due day. */
            text = g_strdup_printf (_ ("Next: %s · %s"), what, day);
        }
    }

  set_style (self, CRM_DEAL_CARD_NEXT_STEP, overdue ? STYLE_WARNING : STYLE_CAPTION);
  self->next_step_overdue = overdue;
  if (set_text (self, CRM_DEAL_CARD_NEXT_STEP, text))
    update_accessible (self);
}

static void
on_deal_notify (CrmDealCard *self, GParamSpec *pspec, CrmDeal *deal)
{
  const char *name = g_param_spec_get_name (pspec);

  if (g_str_equal (name, "title"))
    update_title (self);
  else if (g_str_equal (name, "company-id") || g_str_equal (name, "contact-id"))
    update_party (self);
  else if (g_str_equal (name, "value-minor") || g_str_equal (name, "currency"))
    update_value (self);
  else if (g_str_equal (name, "expected-close"))
    update_close_date (self);
  else if (g_str_equal (name, "stage-entered-at") || g_str_equal (name, "closed-at"))
    crm_deal_card_refresh_age (self);
  else
    return;
  update_accessible (self);
}

static void
on_stage_rotting_days_notify (CrmDealCard *self)
{
  crm_deal_card_refresh_age (self);
  update_accessible (self);
}

/* ---- Public API ------------------------------------------------------------------------- */

CrmDeal *
crm_deal_card_get_deal (CrmDealCard *self)
{
  g_return_val_if_fail (CRM_IS_DEAL_CARD (self), NULL);

  return self->deal;
}

void
crm_deal_card_set_deal (CrmDealCard *self, CrmDeal *deal)
{
  g_return_if_fail (CRM_IS_DEAL_CARD (self));
  g_return_if_fail (deal == NULL || CRM_IS_DEAL (deal));

  if (self->deal == deal)
    return;

  if (self->deal != NULL)
    g_clear_signal_handler (&self->deal_notify_handler, self->deal);
  g_set_object (&self->deal, deal);
  /* A recycled card may have been the one being dragged. */
  gtk_widget_remove_css_class (GTK_WIDGET (self), "crm-dragged");

  if (deal != NULL)
    self->deal_notify_handler = g_signal_connect_object (
        deal, "notify", G_CALLBACK (on_deal_notify), self, G_CONNECT_SWAPPED);

  self->filling = TRUE;
  update_title (self);
  update_party (self);
  update_value (self);
  update_close_date (self);
  crm_deal_card_refresh_age (self);
  self->filling = FALSE;
  update_accessible (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DEAL]);
}

CrmStage *
crm_deal_card_get_stage (CrmDealCard *self)
{
  g_return_val_if_fail (CRM_IS_DEAL_CARD (self), NULL);

  return self->stage;
}

void
crm_deal_card_set_stage (CrmDealCard *self, CrmStage *stage)
{
  g_return_if_fail (CRM_IS_DEAL_CARD (self));
  g_return_if_fail (stage == NULL || CRM_IS_STAGE (stage));

  if (self->stage == stage)
    return;

  if (self->stage != NULL)
    g_clear_signal_handler (&self->stage_notify_handler, self->stage);
  g_set_object (&self->stage, stage);
  if (stage != NULL)
    self->stage_notify_handler = g_signal_connect_object (stage, "notify::rotting-days",
                                                          G_CALLBACK (on_stage_rotting_days_notify),
                                                          self, G_CONNECT_SWAPPED);
  if (self->deal != NULL)
    {
      self->filling = TRUE;
      update_close_date (self);
      crm_deal_card_refresh_age (self);
      self->filling = FALSE;
      update_accessible (self);
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STAGE]);
}

int
crm_deal_card_get_days_in_stage (CrmDealCard *self)
{
  g_return_val_if_fail (CRM_IS_DEAL_CARD (self), 0);

  return self->days_in_stage;
}

gboolean
crm_deal_card_get_stale (CrmDealCard *self)
{
  g_return_val_if_fail (CRM_IS_DEAL_CARD (self), FALSE);

  return self->stale;
}

/* ---- Input ------------------------------------------------------------------------------ */

/* Double click, Enter or Space on a card opens the deal editor (win.edit-deal). */
static void
crm_deal_card_open_editor (CrmDealCard *self)
{
  if (self->deal != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self), "win.edit-deal", "x",
                                crm_entity_object_get_id (CRM_ENTITY_OBJECT (self->deal)));
}

static gboolean
on_key_pressed (CrmDealCard *self,
                guint keyval,
                guint keycode,
                GdkModifierType state,
                GtkEventControllerKey *controller)
{
  if ((state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SHIFT_MASK)) != 0)
    return FALSE;
  if (keyval != GDK_KEY_Return && keyval != GDK_KEY_KP_Enter && keyval != GDK_KEY_space)
    return FALSE;
  crm_deal_card_open_editor (self);
  return TRUE;
}

static void
on_click_pressed (CrmDealCard *self, int n_press, double x, double y, GtkGestureClick *gesture)
{
  /* Not claimed: the same press may start a drag. */
  if (gtk_widget_get_focus_on_click (GTK_WIDGET (self)))
    gtk_widget_grab_focus (GTK_WIDGET (self));
  if (n_press == 2)
    crm_deal_card_open_editor (self);
}

static GdkContentProvider *
on_drag_source_prepare (CrmDealCard *self, double x, double y, GtkDragSource *source)
{
  if (self->deal == NULL)
    return NULL;

  self->drag_x = x;
  self->drag_y = y;
  return gdk_content_provider_new_typed (CRM_TYPE_DEAL, self->deal);
}

static void
on_drag_source_drag_begin (CrmDealCard *self, GdkDrag *drag, GtkDragSource *source)
{
  g_autoptr (GdkPaintable) live = gtk_widget_paintable_new (GTK_WIDGET (self));
  /* A still image: the live paintable would follow the card as it dims below. */
  g_autoptr (GdkPaintable) image = gdk_paintable_get_current_image (live);

  gtk_drag_source_set_icon (source, image, (int) self->drag_x, (int) self->drag_y);
  gtk_widget_add_css_class (GTK_WIDGET (self), "crm-dragged");
}

static void
on_drag_source_drag_end (CrmDealCard *self,
                         GdkDrag *drag,
                         gboolean delete_data,
                         GtkDragSource *source)
{
  gtk_widget_remove_css_class (GTK_WIDGET (self), "crm-dragged");
}

/* ---- GObject ---------------------------------------------------------------------------- */

static void
crm_deal_card_dispose (GObject *object)
{
  CrmDealCard *self = CRM_DEAL_CARD (object);

  if (self->deal != NULL)
    g_clear_signal_handler (&self->deal_notify_handler, self->deal);
  if (self->stage != NULL)
    g_clear_signal_handler (&self->stage_notify_handler, self->stage);
  if (self->party != NULL)
    g_clear_signal_handler (&self->party_notify_handler, self->party);
  g_clear_object (&self->deal);
  g_clear_object (&self->stage);
  g_clear_object (&self->party);
  g_clear_object (&self->repository);
  drop_layouts (self);

  G_OBJECT_CLASS (crm_deal_card_parent_class)->dispose (object);
}

static void
crm_deal_card_finalize (GObject *object)
{
  CrmDealCard *self = CRM_DEAL_CARD (object);

  for (guint i = 0; i < CRM_DEAL_CARD_N_LINES; i++)
    g_free (self->texts[i].text);

  G_OBJECT_CLASS (crm_deal_card_parent_class)->finalize (object);
}

static void
crm_deal_card_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  CrmDealCard *self = CRM_DEAL_CARD (object);

  switch (prop_id)
    {
      case PROP_REPOSITORY:
        g_value_set_object (value, self->repository);
        break;

      case PROP_DEAL:
        g_value_set_object (value, self->deal);
        break;

      case PROP_STAGE:
        g_value_set_object (value, self->stage);
        break;

      case PROP_DAYS_IN_STAGE:
        g_value_set_int (value, self->days_in_stage);
        break;

      case PROP_STALE:
        g_value_set_boolean (value, self->stale);
        break;

      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
crm_deal_card_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  CrmDealCard *self = CRM_DEAL_CARD (object);

  switch (prop_id)
    {
      case PROP_REPOSITORY:
        self->repository = g_value_dup_object (value);
        break;

      case PROP_DEAL:
        crm_deal_card_set_deal (self, g_value_get_object (value));
        break;

      case PROP_STAGE:
        crm_deal_card_set_stage (self, g_value_get_object (value));
        break;

      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
crm_deal_card_class_init (CrmDealCardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = crm_deal_card_dispose;
  object_class->get_property = crm_deal_card_get_property;
  object_class->set_property = crm_deal_card_set_property;
  object_class->finalize = crm_deal_card_finalize;
  widget_class->measure = crm_deal_card_measure;
  widget_class->get_request_mode = crm_deal_card_get_request_mode;
  widget_class->snapshot = crm_deal_card_snapshot;
  widget_class->css_changed = crm_deal_card_css_changed;
  widget_class->direction_changed = crm_deal_card_direction_changed;
  widget_class->query_tooltip = crm_deal_card_query_tooltip;

  properties[PROP_REPOSITORY]
      = g_param_spec_object ("repository", NULL, NULL, CRM_TYPE_REPOSITORY,
                             G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DEAL]
      = g_param_spec_object ("deal", NULL, NULL, CRM_TYPE_DEAL,
                             G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STAGE]
      = g_param_spec_object ("stage", NULL, NULL, CRM_TYPE_STAGE,
                             G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DAYS_IN_STAGE]
      = g_param_spec_int ("days-in-stage", NULL, NULL, 0, G_MAXINT, 0,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STALE]
      = g_param_spec_boolean ("stale", NULL, NULL, FALSE,
                              G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "dealcard");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

/* ---- Input controllers ------------------------------------------------------------------ */

/* A click focuses the card (the list item does not: it is neither selectable nor
 * activatable), so the keyboard moves apply to the card just clicked; a drag carries the deal. */
static void
add_controllers (CrmDealCard *self)
{
  GtkGesture *click = gtk_gesture_click_new ();
  GtkDragSource *drag_source = gtk_drag_source_new ();

  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_PRIMARY);
  g_signal_connect_object (click, "pressed", G_CALLBACK (on_click_pressed), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));
  {
    GtkEventController *keys = gtk_event_controller_key_new ();
    g_signal_connect_object (keys, "key-pressed", G_CALLBACK (on_key_pressed), self,
                             G_CONNECT_SWAPPED);
    gtk_widget_add_controller (GTK_WIDGET (self), keys);
  }

  /* Connected to the card's life: a drag keeps its source alive after a recycled card is gone. */
  gtk_drag_source_set_actions (drag_source, GDK_ACTION_MOVE);
  g_signal_connect_object (drag_source, "prepare", G_CALLBACK (on_drag_source_prepare), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (drag_source, "drag-begin", G_CALLBACK (on_drag_source_drag_begin), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (drag_source, "drag-end", G_CALLBACK (on_drag_source_drag_end), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drag_source));
}

static void
crm_deal_card_init (CrmDealCard *self)
{
  for (guint i = 0; i < CRM_DEAL_CARD_N_LINES; i++)
    self->texts[i].style = line_styles[i];
  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self), "card");
  gtk_widget_add_css_class (GTK_WIDGET (self), "crm-deal-card");

  add_controllers (self);
}

/* crm-contact-row.c — CrmContactRow, one row of the contact list: a check box for selection
 * mode, the name, and under it a smaller, dimmed detail line.
 *
 * Why not two GtkLabels: every search keystroke rebinds the thirty-odd rows the list shows, and
 * GTK then measures each label, shaping its text and asking Pango for its font's metrics, before
 * the frame and again in it (half of GTK's time per keystroke at a million contacts). This row's
 * size does not depend on its text: its height comes from its fonts, measured once per font, and
 * its width asks for a fixed number of average characters. New texts only redraw the row, and
 * each is shaped once, when drawn. The two lines are drawn as the labels drew them: same fonts,
 * positions, ellipsis, colours (from CSS) and direction.
 */
#include "config.h"

#include "crm-contact-row.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

/* The widest the labels asked to be, in average characters: the list pane's natural width, by
 * which the smart lists fold away in a narrow window. */
#define NAME_WIDTH_CHARS 28
#define DETAIL_WIDTH_CHARS 36
/* Between the check box and the text, and between the two lines. */
#define CHECK_SPACING 12
#define LINE_SPACING 2
/* The detail line as libadwaita 1.2 styles a label of classes "caption" (9 pt) and "dim-label"
 * (its opacity, higher in high contrast): the row draws that line without a CSS node of its own
 * to carry those classes. Its colour is the row's, from CSS. */
#define CAPTION_POINTS 9.0
#define DIM_OPACITY 0.55
#define DIM_OPACITY_HIGH_CONTRAST 0.9

struct _CrmContactRow
{
  GtkWidget parent_instance;

  GtkWidget *check;
  /* The texts live in their layouts. */
  PangoLayout *name_layout;
  PangoLayout *detail_layout;
  gboolean has_detail;

  /* From the fonts, for the font the widget had then (NULL until measured). */
  PangoFontDescription *font;
  int name_height;
  int detail_height;
  int minimum_text_width;
  int natural_text_width;

  /* Where the text goes, from the last allocation. */
  int text_x;
  int text_width;
};

G_DEFINE_FINAL_TYPE (CrmContactRow, crm_contact_row, GTK_TYPE_WIDGET)

/* ---- Fonts -------------------------------------------------------------------------------- */

/* The screen's resolution, by which CSS turns points into pixels. */
static double
get_dpi (CrmContactRow *self)
{
  int xft_dpi = -1;

  g_object_get (gtk_widget_get_settings (GTK_WIDGET (self)), "gtk-xft-dpi", &xft_dpi, NULL);
  return xft_dpi > 0 ? xft_dpi / 1024.0 : 96.0;
}

/* The average character's width (as GtkLabel counts it for max-width-chars, in Pango units) and
 * the height of a line of @font. */
static void
measure_font (CrmContactRow *self, const PangoFontDescription *font, int *char_width, int *height)
{
  PangoContext *context = gtk_widget_get_pango_context (GTK_WIDGET (self));
  PangoFontMetrics *metrics = pango_context_get_metrics (context, font, NULL);
  g_autoptr (PangoLayout) sample = pango_layout_new (context);
  PangoRectangle logical;

  *char_width = MAX (pango_font_metrics_get_approximate_char_width (metrics),
                     pango_font_metrics_get_approximate_digit_width (metrics));
  pango_font_metrics_unref (metrics);
  pango_layout_set_font_description (sample, font);
  pango_layout_set_text (sample, "Xg", -1);
  pango_layout_get_pixel_extents (sample, NULL, &logical);
  *height = logical.height;
}

/* The metrics of the last fonts measured, shared by the rows (they all have the same font). */
typedef struct
{
  PangoFontDescription *font;
  double dpi;
  int name_height;
  int detail_height;
  int minimum_text_width;
  int natural_text_width;
} Metrics;

static Metrics shared_metrics;

/* The detail line's font: @font at the caption's size. */
static PangoFontDescription *
caption_font_new (const PangoFontDescription *font, double dpi)
{
  PangoFontDescription *caption = pango_font_description_copy (font);

  pango_font_description_set_absolute_size (caption,
                                            round (CAPTION_POINTS * dpi / 72.0 * PANGO_SCALE));
  pango_font_description_set_weight (caption, PANGO_WEIGHT_NORMAL);
  return caption;
}

static void
compute_metrics (CrmContactRow *self, const PangoFontDescription *font, double dpi)
{
  g_autoptr (PangoFontDescription) caption = caption_font_new (font, dpi);
  int name_char_width, detail_char_width;

  g_clear_pointer (&shared_metrics.font, pango_font_description_free);
  shared_metrics.font = pango_font_description_copy (font);
  shared_metrics.dpi = dpi;
  measure_font (self, font, &name_char_width, &shared_metrics.name_height);
  measure_font (self, caption, &detail_char_width, &shared_metrics.detail_height);
  shared_metrics.minimum_text_width = PANGO_PIXELS_CEIL (name_char_width);
  shared_metrics.natural_text_width
      = MAX (PANGO_PIXELS_CEIL (NAME_WIDTH_CHARS * name_char_width),
             PANGO_PIXELS_CEIL (DETAIL_WIDTH_CHARS * detail_char_width));
}

/* Measures the fonts, once per font the widget is given (see css_changed), or takes the
 * measures of another row with the same font. */
static void
ensure_metrics (CrmContactRow *self)
{
  const PangoFontDescription *font;
  g_autoptr (PangoFontDescription) caption = NULL;
  double dpi;

  if (self->font != NULL)
    return;
  font = pango_context_get_font_description (gtk_widget_get_pango_context (GTK_WIDGET (self)));
  dpi = get_dpi (self);
  if (shared_metrics.font == NULL || shared_metrics.dpi != dpi
      || !pango_font_description_equal (shared_metrics.font, font))
    compute_metrics (self, font, dpi);
  self->font = pango_font_description_copy (font);
  self->name_height = shared_metrics.name_height;
  self->detail_height = shared_metrics.detail_height;
  self->minimum_text_width = shared_metrics.minimum_text_width;
  self->natural_text_width = shared_metrics.natural_text_width;
  caption = caption_font_new (font, dpi);
  pango_layout_set_font_description (self->detail_layout, caption);
}

static void
invalidate_metrics (CrmContactRow *self)
{
  g_clear_pointer (&self->font, pango_font_description_free);
  pango_layout_context_changed (self->name_layout);
  pango_layout_context_changed (self->detail_layout);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

/* ---- Size --------------------------------------------------------------------------------- */

static gboolean
shows_check (CrmContactRow *self)
{
  return gtk_widget_should_layout (self->check);
}

static int
get_text_height (CrmContactRow *self)
{
  return self->name_height + (self->has_detail ? LINE_SPACING + self->detail_height : 0);
}

static void
crm_contact_row_measure (GtkWidget *widget,
                         GtkOrientation orientation,
                         int for_size,
                         int *minimum,
                         int *natural,
                         int *minimum_baseline,
                         int *natural_baseline)
{
  CrmContactRow *self = CRM_CONTACT_ROW (widget);
  int check_minimum = 0, check_natural = 0;

  ensure_metrics (self);
  if (shows_check (self))
    gtk_widget_measure (self->check, orientation, -1, &check_minimum, &check_natural, NULL, NULL);
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      int spacing = shows_check (self) ? CHECK_SPACING : 0;

      *minimum = check_minimum + spacing + self->minimum_text_width;
      *natural = check_natural + spacing + self->natural_text_width;
    }
  else
    {
      *minimum = MAX (check_minimum, get_text_height (self));
      *natural = MAX (check_natural, get_text_height (self));
    }
}

/* The check box at the start (the right in a right-to-left locale), centred; the text beside. */
static void
crm_contact_row_size_allocate (GtkWidget *widget, int width, int height, int baseline)
{
  CrmContactRow *self = CRM_CONTACT_ROW (widget);
  gboolean rtl = gtk_widget_get_direction (widget) == GTK_TEXT_DIR_RTL;
  int check_space = 0;
  int pango_width;

  if (shows_check (self))
    {
      int check_width, check_height;

      gtk_widget_measure (self->check, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &check_width, NULL,
                          NULL);
      check_width = MIN (check_width, width);
      gtk_widget_measure (self->check, GTK_ORIENTATION_VERTICAL, check_width, NULL, &check_height,
                          NULL, NULL);
      check_height = MIN (check_height, height);
      gtk_widget_size_allocate (self->check,
                                &(GtkAllocation){ rtl ? width - check_width : 0,
                                                  (height - check_height) / 2, check_width,
                                                  check_height },
                                -1);
      check_space = check_width + CHECK_SPACING;
    }
  self->text_x = rtl ? 0 : check_space;
  self->text_width = MAX (width - check_space, 0);
  pango_width = self->text_width * PANGO_SCALE;
  if (pango_layout_get_width (self->name_layout) != pango_width)
    {
      pango_layout_set_width (self->name_layout, pango_width);
      pango_layout_set_width (self->detail_layout, pango_width);
    }
}

/* ---- Drawing ------------------------------------------------------------------------------ */

/* One line in its slot, where a GtkLabel would put it: at the start of the text (xalign 0),
 * centred in the slot's height (a name in a taller fallback font overflows evenly). */
static void
snapshot_line (CrmContactRow *self,
               GtkSnapshot *snapshot,
               PangoLayout *layout,
               int slot_y,
               int slot_height,
               const GdkRGBA *color)
{
  gboolean rtl = gtk_widget_get_direction (GTK_WIDGET (self)) == GTK_TEXT_DIR_RTL;
  PangoRectangle logical;
  float x, y;

  pango_layout_get_pixel_extents (layout, NULL, &logical);
  x = self->text_x + floorf ((rtl ? self->text_width - logical.width : 0) - logical.x);
  y = slot_y + floorf ((slot_height - logical.height) * 0.5f);
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x, y));
  gtk_snapshot_append_layout (snapshot, layout, color);
  gtk_snapshot_restore (snapshot);
}

static double
get_dim_opacity (CrmContactRow *self)
{
  AdwStyleManager *style
      = adw_style_manager_get_for_display (gtk_widget_get_display (GTK_WIDGET (self)));

  return adw_style_manager_get_high_contrast (style) ? DIM_OPACITY_HIGH_CONTRAST : DIM_OPACITY;
}

static void
crm_contact_row_snapshot (GtkWidget *widget, GtkSnapshot *snapshot)
{
  CrmContactRow *self = CRM_CONTACT_ROW (widget);
  GdkRGBA color;

  gtk_widget_snapshot_child (widget, self->check, snapshot);
  ensure_metrics (self);
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &color);
  snapshot_line (self, snapshot, self->name_layout, 0, self->name_height, &color);
  if (!self->has_detail)
    return;
  color.alpha *= get_dim_opacity (self);
  snapshot_line (self, snapshot, self->detail_layout, self->name_height + LINE_SPACING,
                 self->detail_height, &color);
}

/* The full texts, when one is cut short. */
static gboolean
crm_contact_row_query_tooltip (
    GtkWidget *widget, int x, int y, gboolean keyboard_tooltip, GtkTooltip *tooltip)
{
  CrmContactRow *self = CRM_CONTACT_ROW (widget);
  g_autofree char *text = NULL;

  if (!pango_layout_is_ellipsized (self->name_layout)
      && !(self->has_detail && pango_layout_is_ellipsized (self->detail_layout)))
    return FALSE;
  if (self->has_detail)
    text = g_strconcat (crm_contact_row_get_name (self), "\n", crm_contact_row_get_detail (self),
                        NULL);
  gtk_tooltip_set_text (tooltip, text != NULL ? text : crm_contact_row_get_name (self));
  return TRUE;
}

/* ---- Style changes -------------------------------------------------------------------------- */

/* The parent class updates the widget's Pango context from CSS. Hover and selection restyle the
 * row too, without changing its font: the metrics stay then. So do they while the row waits out
 * of the list for reuse (its style is the window's again when it is back). */
static void
crm_contact_row_css_changed (GtkWidget *widget, GtkCssStyleChange *change)
{
  CrmContactRow *self = CRM_CONTACT_ROW (widget);
  PangoContext *context;

  GTK_WIDGET_CLASS (crm_contact_row_parent_class)->css_changed (widget, change);
  if (self->font == NULL || gtk_widget_get_root (widget) == NULL)
    return;
  context = gtk_widget_get_pango_context (widget);
  if (!pango_font_description_equal (self->font, pango_context_get_font_description (context)))
    invalidate_metrics (self);
}

/* The resolution, the font settings or the fonts installed. */
static void
crm_contact_row_system_setting_changed (GtkWidget *widget, GtkSystemSetting setting)
{
  GTK_WIDGET_CLASS (crm_contact_row_parent_class)->system_setting_changed (widget, setting);
  g_clear_pointer (&shared_metrics.font, pango_font_description_free);
  invalidate_metrics (CRM_CONTACT_ROW (widget));
}

static void
crm_contact_row_direction_changed (GtkWidget *widget, GtkTextDirection previous)
{
  CrmContactRow *self = CRM_CONTACT_ROW (widget);

  GTK_WIDGET_CLASS (crm_contact_row_parent_class)->direction_changed (widget, previous);
  pango_layout_context_changed (self->name_layout);
  pango_layout_context_changed (self->detail_layout);
  gtk_widget_queue_allocate (widget);
}

/* ---- Object --------------------------------------------------------------------------------- */

static PangoLayout *
line_layout_new (CrmContactRow *self)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), NULL);

  /* One line, cut short at the end: a name holding a line break stays on its line. */
  pango_layout_set_single_paragraph_mode (layout, TRUE);
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  return layout;
}

static void
crm_contact_row_dispose (GObject *object)
{
  CrmContactRow *self = CRM_CONTACT_ROW (object);

  g_clear_pointer (&self->check, gtk_widget_unparent);
  G_OBJECT_CLASS (crm_contact_row_parent_class)->dispose (object);
}

static void
crm_contact_row_finalize (GObject *object)
{
  CrmContactRow *self = CRM_CONTACT_ROW (object);

  g_clear_object (&self->name_layout);
  g_clear_object (&self->detail_layout);
  g_clear_pointer (&self->font, pango_font_description_free);
  G_OBJECT_CLASS (crm_contact_row_parent_class)->finalize (object);
}

static void
crm_contact_row_class_init (CrmContactRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = crm_contact_row_dispose;
  object_class->finalize = crm_contact_row_finalize;
  widget_class->measure = crm_contact_row_measure;
  widget_class->size_allocate = crm_contact_row_size_allocate;
  widget_class->snapshot = crm_contact_row_snapshot;
  widget_class->query_tooltip = crm_contact_row_query_tooltip;
  widget_class->css_changed = crm_contact_row_css_changed;
  widget_class->system_setting_changed = crm_contact_row_system_setting_changed;
  widget_class->direction_changed = crm_contact_row_direction_changed;
  gtk_widget_class_set_css_name (widget_class, "contactrow");
  /* Read as the labels were: its text is its name. */
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_LABEL);
}

static void
crm_contact_row_init (CrmContactRow *self)
{
  self->name_layout = line_layout_new (self);
  self->detail_layout = line_layout_new (self);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);

  self->check = gtk_check_button_new ();
  gtk_widget_set_visible (self->check, FALSE);
  gtk_widget_set_parent (self->check, GTK_WIDGET (self));
  gtk_accessible_update_relation (GTK_ACCESSIBLE (self->check), GTK_ACCESSIBLE_RELATION_LABELLED_BY,
                                  self, NULL, -1);
}

GtkWidget *
crm_contact_row_new (void)
{
  return g_object_new (CRM_TYPE_CONTACT_ROW, NULL);
}

/* ---- Texts ---------------------------------------------------------------------------------- */

void
crm_contact_row_set_texts (CrmContactRow *self, const char *name, const char *detail)
{
  gboolean has_detail = detail != NULL && detail[0] != '\0';
  g_autofree char *accessible_label = NULL;

  g_return_if_fail (CRM_IS_CONTACT_ROW (self));

  if (name == NULL)
    name = "";
  if (!has_detail)
    detail = "";
  if (strcmp (name, crm_contact_row_get_name (self)) == 0
      && strcmp (detail, crm_contact_row_get_detail (self)) == 0)
    return;
  pango_layout_set_text (self->name_layout, name, -1);
  pango_layout_set_text (self->detail_layout, detail, -1);
  if (has_detail)
    /* Translators: what a screen reader says of a row of the contact list: the name, then the
     * second line (company · e-mail). */
    accessible_label = g_strdup_printf (C_ ("contact row", "%s, %s"), name, detail);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  has_detail ? accessible_label : name, -1);
  /* The size follows the number of lines, not the texts. */
  if (has_detail != self->has_detail)
    {
      self->has_detail = has_detail;
      gtk_widget_queue_resize (GTK_WIDGET (self));
    }
  else
    gtk_widget_queue_draw (GTK_WIDGET (self));
}

const char *
crm_contact_row_get_name (CrmContactRow *self)
{
  g_return_val_if_fail (CRM_IS_CONTACT_ROW (self), NULL);

  return pango_layout_get_text (self->name_layout);
}

const char *
crm_contact_row_get_detail (CrmContactRow *self)
{
  g_return_val_if_fail (CRM_IS_CONTACT_ROW (self), NULL);

  return pango_layout_get_text (self->detail_layout);
}

GtkCheckButton *
crm_contact_row_get_check_button (CrmContactRow *self)
{
  g_return_val_if_fail (CRM_IS_CONTACT_ROW (self), NULL);

  return GTK_CHECK_BUTTON (self->check);
}

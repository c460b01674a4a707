/* crm-chart-canvas.c — what every chart draws with: the palettes, the text of labels (Pango over
 * Cairo, measured the same way whether drawing or hit testing), bars and the empty state.
 */
#include "config.h"

#include "crm-chart-private.h"

#include <math.h>

#define RGB(hex)                                                                                   \
  {                                                                                                \
    ((hex) >> 16 & 0xff) / 255.0, ((hex) >> 8 & 0xff) / 255.0, ((hex) &0xff) / 255.0               \
  }

/* libadwaita's window colours (window_bg_color; window_fg_color composed over it at 80 % and,
 * for the dim text, 55 %) and the GNOME palette's named colours: darker shades on the light
 * background, lighter ones on the dark, as libadwaita does for its own accent colours. */
static const CrmChartPalette light_palette = {
  .dark = FALSE,
  .background = RGB (0xfafafa),
  .foreground = RGB (0x323232),
  .dim_foreground = RGB (0x717171),
  .grid = RGB (0xe3e3e3),
  .axis = RGB (0x9a9a9a),
  .blue = RGB (0x3584e4),   /* blue_3 */
  .green = RGB (0x26a269),  /* green_5 */
  .yellow = RGB (0xe5a50a), /* yellow_5 */
  .orange = RGB (0xe66100), /* orange_4 */
  .red = RGB (0xe01b24),    /* red_3 */
  .purple = RGB (0x9141ac), /* purple_3 */
  .brown = RGB (0x986a44),  /* brown_3 */
};

static const CrmChartPalette dark_palette = {
  .dark = TRUE,
  .background = RGB (0x242424),
  .foreground = RGB (0xffffff),
  .dim_foreground = RGB (0x9d9d9d),
  .grid = RGB (0x3a3a3a),
  .axis = RGB (0x707070),
  .blue = RGB (0x62a0ea),   /* blue_2 */
  .green = RGB (0x2ec27e),  /* green_4 */
  .yellow = RGB (0xf6d32d), /* yellow_3 */
  .orange = RGB (0xff7800), /* orange_3 */
  .red = RGB (0xf66151),    /* red_1 */
  .purple = RGB (0xc061cb), /* purple_2 */
  .brown = RGB (0xb5835a),  /* brown_2 */
};

const CrmChartPalette *
crm_chart_palette_get (gboolean dark)
{
  return dark ? &dark_palette : &light_palette;
}

/* ---- Text -------------------------------------------------------------------------------- */

#define LABEL_SIZE 12.0 /* px: GNOME's caption size */
#define MESSAGE_SIZE 15.0

void
crm_chart_canvas_init (CrmChartCanvas *canvas,
                       cairo_t *cr,
                       double width,
                       double height,
                       const CrmChartPalette *palette)
{
  cairo_font_options_t *options = cairo_font_options_create ();
  PangoLayout *probe;

  canvas->cr = cr;
  canvas->palette = palette != NULL ? palette : crm_chart_palette_get (FALSE);
  canvas->width = MAX (width, 0);
  canvas->height = MAX (height, 0);
  canvas->narrow = width < 560;
  canvas->pad = canvas->narrow ? 6 : 10;

  /* A context of our own rather than one made for @cr: unhinted metrics do not depend on the
   * surface or its scale, so drawing and hit testing measure every label alike. */
  canvas->pango = pango_font_map_create_context (pango_cairo_font_map_get_default ());
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  pango_cairo_context_set_font_options (canvas->pango, options);
  cairo_font_options_destroy (options);

  canvas->font = pango_font_description_from_string ("Sans");
  pango_font_description_set_absolute_size (canvas->font, LABEL_SIZE * PANGO_SCALE);
  pango_context_set_font_description (canvas->pango, canvas->font);

  probe = crm_chart_canvas_label (canvas, "Åg", 0);
  crm_chart_label_get_size (probe, NULL, &canvas->line_height);
  g_object_unref (probe);
}

void
crm_chart_canvas_clear (CrmChartCanvas *canvas)
{
  g_clear_object (&canvas->pango);
  g_clear_pointer (&canvas->font, pango_font_description_free);
}

PangoLayout *
crm_chart_canvas_label (CrmChartCanvas *canvas, const char *text, double max_width)
{
  PangoLayout *layout = pango_layout_new (canvas->pango);

  /* Plain text: names are user text, never markup. */
  pango_layout_set_text (layout, text != NULL ? text : "", -1);
  if (max_width > 0)
    {
      pango_layout_set_width (layout, (int) (max_width * PANGO_SCALE));
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
    }
  return layout;
}

PangoLayout *
crm_chart_canvas_wrapped_label (CrmChartCanvas *canvas,
                                const char *text,
                                double width,
                                int max_lines)
{
  PangoLayout *layout = pango_layout_new (canvas->pango);

  pango_layout_set_text (layout, text != NULL ? text : "", -1);
  pango_layout_set_width (layout, (int) (MAX (width, 1) * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  pango_layout_set_height (layout, -MAX (max_lines, 1));
  return layout;
}

void
crm_chart_label_get_size (PangoLayout *layout, double *width, double *height)
{
  PangoRectangle logical;

  pango_layout_get_extents (layout, NULL, &logical);
  if (width != NULL)
    *width = (double) logical.width / PANGO_SCALE;
  if (height != NULL)
    *height = (double) logical.height / PANGO_SCALE;
}

void
crm_chart_canvas_show (
    CrmChartCanvas *canvas, PangoLayout *layout, double x, double y, const CrmChartColor *color)
{
  if (canvas->cr == NULL || layout == NULL)
    return;
  cairo_save (canvas->cr);
  crm_chart_set_color (canvas->cr, color, 1);
  cairo_move_to (canvas->cr, x, y);
  pango_cairo_show_layout (canvas->cr, layout);
  cairo_restore (canvas->cr);
}

void
crm_chart_canvas_show_centred (
    CrmChartCanvas *canvas, PangoLayout *layout, double x, double y, const CrmChartColor *color)
{
  double width;
  PangoRectangle logical;

  if (layout == NULL)
    return;
  pango_layout_get_extents (layout, NULL, &logical);
  width = (double) logical.width / PANGO_SCALE;
  /* A layout with a set width may draw its text anywhere inside it: centre the ink of the text
   * (the logical rectangle), not the box. */
  x = CLAMP (x - width / 2, 0, MAX (canvas->width - width, 0));
  crm_chart_canvas_show (canvas, layout, x - (double) logical.x / PANGO_SCALE, y, color);
}

void
crm_chart_canvas_draw_empty (CrmChartCanvas *canvas, const char *message)
{
  PangoFontDescription *font;
  PangoLayout *layout;
  double width, height;

  if (canvas->width < 1 || canvas->height < 1)
    return;
  font = pango_font_description_copy (canvas->font);
  pango_font_description_set_absolute_size (font, MESSAGE_SIZE * PANGO_SCALE);
  layout = crm_chart_canvas_wrapped_label (canvas, message, canvas->width * 0.7, 3);
  pango_layout_set_font_description (layout, font);
  crm_chart_label_get_size (layout, &width, &height);
  crm_chart_canvas_show_centred (canvas, layout, canvas->width / 2,
                                 MAX ((canvas->height - height) / 2, 0),
                                 &canvas->palette->dim_foreground);
  g_object_unref (layout);
  pango_font_description_free (font);
}

/* ---- Shapes ------------------------------------------------------------------------------ */

void
crm_chart_set_color (cairo_t *cr, const CrmChartColor *color, double alpha)
{
  cairo_set_source_rgba (cr, color->red, color->green, color->blue, alpha);
}

void
crm_chart_bar_path (cairo_t *cr, const CrmChartRect *rect, gboolean horizontal)
{
  double x = rect->x, y = rect->y, w = rect->width, h = rect->height;
  double r = MIN (3.0, MIN (w, h) / 2);

  if (r < 0.5)
    {
      cairo_rectangle (cr, x, y, w, h);
      return;
    }
  cairo_new_sub_path (cr);
  if (horizontal)
    {
      cairo_move_to (cr, x, y);
      cairo_arc (cr, x + w - r, y + r, r, -G_PI / 2, 0);
      cairo_arc (cr, x + w - r, y + h - r, r, 0, G_PI / 2);
      cairo_line_to (cr, x, y + h);
    }
  else
    {
      cairo_move_to (cr, x, y + h);
      cairo_arc (cr, x + r, y + r, r, G_PI, 3 * G_PI / 2);
      cairo_arc (cr, x + w - r, y + r, r, 3 * G_PI / 2, 2 * G_PI);
      cairo_line_to (cr, x + w, y + h);
    }
  cairo_close_path (cr);
}

void
crm_chart_draw_hatched_bar (cairo_t *cr, const CrmChartRect *rect, const CrmChartColor *color)
{
  double x = rect->x, y = rect->y, w = rect->width, h = rect->height;

  if (w < 1 || h < 0.5)
    return;
  cairo_save (cr);
  cairo_rectangle (cr, x, y, w, h);
  crm_chart_set_color (cr, color, 0.25);
  cairo_fill (cr);
  /* Stripes at 45°, from the bottom left up to the right, cut to the bar by arithmetic rather
   * than a clip (a clip costs a mask per bar: a dozen bars took milliseconds). A stripe starts at
   * (x + d + t, y + h − t) for t in [0, h]. */
  for (double d = -h; d < w; d += 6)
    {
      double from = MAX (0, -d), to = MIN (h, w - d);

      if (to <= from)
        continue;
      cairo_move_to (cr, x + d + from, y + h - from);
      cairo_line_to (cr, x + d + to, y + h - to);
    }
  if (w > 2 && h > 2)
    cairo_rectangle (cr, x + 0.5, y + 0.5, w - 1, h - 1);
  crm_chart_set_color (cr, color, 1);
  cairo_set_line_width (cr, 1.5);
  cairo_stroke (cr);
  cairo_restore (cr);
}

gboolean
crm_chart_rect_contains (const CrmChartRect *rect, double x, double y)
{
  return x >= rect->x && x < rect->x + rect->width && y >= rect->y && y < rect->y + rect->height;
}

double
crm_chart_bar_width (double slot_width)
{
  return MAX (1, MIN (slot_width * 0.7, 72));
}

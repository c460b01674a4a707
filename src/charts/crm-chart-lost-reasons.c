/* crm-chart-lost-reasons.c — lost deals by reason as horizontal red bars: the reasons (long ones
 * ellipsised) down the left, each bar's count at its end, a count axis at round values along the
 * bottom. Horizontal, because reasons are sentences more often than words.
 */
#include "config.h"

#include "crm-chart-private.h"
#include "crm-money.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#define NAME_GAP 8  /* between the names and the bars */
#define COUNT_GAP 6 /* between a bar and its count */

typedef struct
{
  gboolean drawable;
  CrmChartRect plot;
  CrmChartScale scale;
  double row_height;
  double bar_height;
  double names_left;
  guint n_rows;
  PangoLayout **names;  /* NULL where skipped for want of room */
  PangoLayout **counts; /* at the bars' ends */
  PangoLayout **ticks;  /* scale.n_steps + 1 */
} Layout;

static gboolean
lost_reasons_is_empty (gconstpointer p)
{
  return crm_chart_counts_total (p) == 0;
}

static void
lost_reasons_layout (CrmChartCanvas *canvas, const CrmChartCounts *data, Layout *layout)
{
  double pad = canvas->pad, lh = canvas->line_height, width, widest_name = 0, widest_count = 0;
  double name_room, hi = 0;
  guint n = data->n_items, every, max_steps;

  layout->n_rows = n;
  layout->names = g_new0 (PangoLayout *, n);
  layout->counts = g_new0 (PangoLayout *, n);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *count = crm_number_format (data->items[i].count);

      layout->names[i] = crm_chart_canvas_label (canvas, data->items[i].name, 0);
      crm_chart_label_get_size (layout->names[i], &width, NULL);
      widest_name = MAX (widest_name, width);
      layout->counts[i] = crm_chart_canvas_label (canvas, count, 0);
      crm_chart_label_get_size (layout->counts[i], &width, NULL);
      widest_count = MAX (widest_count, width);
      hi = MAX (hi, data->items[i].count);
    }
  name_room = MIN (widest_name, MIN (canvas->width * (canvas->narrow ? 0.34 : 0.25), 260));

  layout->names_left = pad;
  layout->plot.x = pad + name_room + NAME_GAP;
  layout->plot.y = pad;
  layout->plot.width = canvas->width - pad - widest_count - COUNT_GAP - layout->plot.x;
  layout->plot.height = canvas->height - 2 * pad - lh - 4;
  if (n == 0 || layout->plot.width < 20 || layout->plot.height < n * 2)
    return;

  max_steps = (guint) CLAMP (floor (layout->plot.width / (canvas->narrow ? 50 : 80)), 1, 8);
  crm_chart_scale_init (&layout->scale, 0, hi, max_steps, 1);
  layout->ticks = g_new0 (PangoLayout *, layout->scale.n_steps + 1);
  for (guint i = 0; i <= layout->scale.n_steps; i++)
    {
      g_autofree char *text = crm_chart_format_count_tick (crm_chart_scale_tick (&layout->scale, i),
                                                           layout->scale.step, NULL);
      layout->ticks[i] = crm_chart_canvas_label (canvas, text, 0);
    }

  layout->row_height = layout->plot.height / n;
  layout->bar_height = MAX (1, MIN (layout->row_height * 0.65, 28));
  every = (guint) MAX (1, ceil (lh / layout->row_height));
  for (guint i = 0; i < n; i++)
    {
      g_clear_object (&layout->names[i]);
      if (i % every == 0)
        layout->names[i] = crm_chart_canvas_label (canvas, data->items[i].name, name_room);
      /* Counts need the bar's height. */
      if (layout->bar_height < lh * 0.75)
        g_clear_object (&layout->counts[i]);
    }
  layout->drawable = TRUE;
}

static void
lost_reasons_layout_clear (Layout *layout)
{
  for (guint i = 0; i < layout->n_rows; i++)
    {
      g_clear_object (&layout->names[i]);
      g_clear_object (&layout->counts[i]);
    }
  for (guint i = 0; layout->ticks != NULL && i <= layout->scale.n_steps; i++)
    g_clear_object (&layout->ticks[i]);
  g_free (layout->names);
  g_free (layout->counts);
  g_free (layout->ticks);
}

static double
value_x (const Layout *layout, double value)
{
  return layout->plot.x + layout->plot.width * crm_chart_scale_fraction (&layout->scale, value);
}

static double
row_centre (const Layout *layout, guint row)
{
  return layout->plot.y + layout->row_height * (row + 0.5);
}

static void
bar_rect (const Layout *layout, guint row, guint count, CrmChartRect *rect)
{
  rect->x = layout->plot.x;
  rect->width = value_x (layout, count) - layout->plot.x;
  rect->y = row_centre (layout, row) - layout->bar_height / 2;
  rect->height = layout->bar_height;
  if (count > 0 && rect->width < 1)
    rect->width = 1;
}

static void
lost_reasons_draw (CrmChartCanvas *canvas, gconstpointer p)
{
  const CrmChartCounts *data = p;
  const CrmChartPalette *palette = canvas->palette;
  cairo_t *cr = canvas->cr;
  double lh = canvas->line_height, width;
  Layout layout = { 0 };

  lost_reasons_layout (canvas, data, &layout);
  if (!layout.drawable)
    {
      lost_reasons_layout_clear (&layout);
      return;
    }

  cairo_save (cr);
  cairo_set_line_width (cr, 1);
  crm_chart_set_color (cr, &palette->grid, 1);
  for (guint i = 1; i <= layout.scale.n_steps; i++)
    {
      double x = floor (value_x (&layout, crm_chart_scale_tick (&layout.scale, i))) + 0.5;

      cairo_move_to (cr, x, layout.plot.y);
      cairo_line_to (cr, x, layout.plot.y + layout.plot.height);
    }
  cairo_stroke (cr);
  cairo_restore (cr);
  for (guint i = 0; i <= layout.scale.n_steps; i++)
    crm_chart_canvas_show_centred (
        canvas, layout.ticks[i], value_x (&layout, crm_chart_scale_tick (&layout.scale, i)),
        layout.plot.y + layout.plot.height + 4, &palette->dim_foreground);

  crm_chart_set_color (cr, &palette->red, 1);
  for (guint i = 0; i < data->n_items; i++)
    {
      CrmChartRect rect;

      if (data->items[i].count == 0)
        continue;
      bar_rect (&layout, i, data->items[i].count, &rect);
      crm_chart_bar_path (cr, &rect, TRUE);
    }
  cairo_fill (cr);

  cairo_save (cr);
  cairo_set_line_width (cr, 1);
  crm_chart_set_color (cr, &palette->axis, 1);
  cairo_move_to (cr, floor (layout.plot.x) + 0.5, layout.plot.y);
  cairo_line_to (cr, floor (layout.plot.x) + 0.5, layout.plot.y + layout.plot.height);
  cairo_stroke (cr);
  cairo_restore (cr);

  for (guint i = 0; i < data->n_items; i++)
    {
      double y = row_centre (&layout, i) - lh / 2;

      if (layout.names[i] != NULL)
        {
          crm_chart_label_get_size (layout.names[i], &width, NULL);
          crm_chart_canvas_show (canvas, layout.names[i], layout.plot.x - NAME_GAP - width, y,
                                 &palette->foreground);
        }
      if (layout.counts[i] != NULL)
        crm_chart_canvas_show (canvas, layout.counts[i],
                               value_x (&layout, data->items[i].count) + COUNT_GAP, y,
                               &palette->dim_foreground);
    }
  lost_reasons_layout_clear (&layout);
}

static gboolean
lost_reasons_hit_test (
    CrmChartCanvas *canvas, gconstpointer p, double x, double y, CrmChartHit *hit)
{
  const CrmChartCounts *data = p;
  Layout layout = { 0 };
  int row = -1;

  lost_reasons_layout (canvas, data, &layout);
  /* A bar's row from the names to the counts, as thick as the bar. */
  if (layout.drawable && x >= layout.names_left && x < canvas->width - canvas->pad
      && y >= layout.plot.y && y < layout.plot.y + layout.plot.height)
    {
      row = (int) floor ((y - layout.plot.y) / layout.row_height);
      row = CLAMP (row, 0, (int) data->n_items - 1);
      if (fabs (y - row_centre (&layout, row)) > layout.bar_height / 2)
        row = -1;
    }
  if (row >= 0)
    {
      guint count = data->items[row].count;
      g_autofree char *number = crm_number_format (count);
      g_autofree char *share
          = crm_chart_format_percent (100.0 * count / crm_chart_counts_total (data));
      CrmChartRect rect;

      bar_rect (&layout, row, count, &rect);
      crm_chart_hit_set (
          hit, row, 0, &rect, g_strdup (data->items[row].name),
          /* Translators: the deals lost for a reason and their share of all
                          * lost deals, e.g. "12 deals (30%)". */
          g_strdup_printf (ngettext ("%s deal (%s)", "%s deals (%s)", count), number, share));
    }
  lost_reasons_layout_clear (&layout);
  return row >= 0;
}

static gboolean
lost_reasons_plot_area (CrmChartCanvas *canvas, gconstpointer p, CrmChartRect *area)
{
  Layout layout = { 0 };
  gboolean drawable;

  lost_reasons_layout (canvas, p, &layout);
  *area = layout.plot;
  drawable = layout.drawable;
  lost_reasons_layout_clear (&layout);
  return drawable;
}

static CrmChartTable *
lost_reasons_to_table (gconstpointer p)
{
  return crm_chart_counts_to_table (p, _ ("Reason"), _ ("Lost deals"));
}

const CrmChartClass crm_chart_lost_reasons_class = {
  .empty_message = N_ ("No lost deals in this period"),
  .is_empty = lost_reasons_is_empty,
  .draw = lost_reasons_draw,
  .hit_test = lost_reasons_hit_test,
  .plot_area = lost_reasons_plot_area,
  .to_table = lost_reasons_to_table,
};

void
crm_chart_draw_lost_reasons (cairo_t *cr,
                             double width,
                             double height,
                             const CrmChartPalette *palette,
                             const CrmChartCounts *data)
{
  crm_chart_draw (CRM_CHART_LOST_REASONS, cr, width, height, palette, data);
}

gboolean
crm_chart_lost_reasons_hit_test (
    const CrmChartCounts *data, double width, double height, double x, double y, CrmChartHit *hit)
{
  return crm_chart_hit_test (CRM_CHART_LOST_REASONS, data, width, height, x, y, hit);
}

CrmChartTable *
crm_chart_lost_reasons_to_table (const CrmChartCounts *data)
{
  return crm_chart_to_table (CRM_CHART_LOST_REASONS, data);
}

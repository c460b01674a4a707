/* crm-chart-funnel.c — the stage funnel: a row per stage, its bar centred and as wide as the deals
 * that entered the stage (relative to the widest), joined to the next stage's bar by a pale
 * band; the stage names on the left, the counts right of the bars, and between two rows the
 * share of the upper stage's deals that moved on to a later stage ("↓ 58%").
 */
#include "config.h"

#include "crm-chart-private.h"
#include "crm-money.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#define GAP 8

typedef struct
{
  gboolean drawable;
  CrmChartRect plot; /* where the bars go */
  double row_height;
  double bar_height;
  double counts_x;
  double conversions_x;
  guint max_entered;
  guint n_rows;
  PangoLayout **names;       /* NULL where skipped for want of room */
  PangoLayout **counts;      /* likewise */
  PangoLayout **conversions; /* between row i and i + 1; NULL for the last row */
} Layout;

static gboolean
funnel_is_empty (gconstpointer p)
{
  const CrmChartFunnel *data = p;

  for (guint i = 0; i < data->n_stages; i++)
    {
      if (data->stages[i].entered > 0)
        return FALSE;
    }
  return TRUE;
}

static gboolean
has_conversion (const CrmChartFunnel *data, guint i)
{
  return i + 1 < data->n_stages && data->stages[i].entered > 0;
}

static double
conversion_of (const CrmChartFunnelStage *stage)
{
  return 100.0 * MIN (stage->moved_on, stage->entered) / stage->entered;
}

static void
funnel_layout (CrmChartCanvas *canvas, const CrmChartFunnel *data, Layout *layout)
{
  double pad = canvas->pad, lh = canvas->line_height, width;
  double widest_name = 0, widest_count = 0, widest_conversion = 0, name_room;
  guint n = data->n_stages, every;

  layout->n_rows = n;
  layout->names = g_new0 (PangoLayout *, n);
  layout->counts = g_new0 (PangoLayout *, n);
  layout->conversions = g_new0 (PangoLayout *, n);
  for (guint i = 0; i < n; i++)
    {
      const CrmChartFunnelStage *stage = &data->stages[i];
      g_autofree char *count = crm_number_format (stage->entered);

      layout->max_entered = MAX (layout->max_entered, stage->entered);
      layout->names[i] = crm_chart_canvas_label (canvas, stage->name, 0);
      crm_chart_label_get_size (layout->names[i], &width, NULL);
      widest_name = MAX (widest_name, width);
      layout->counts[i] = crm_chart_canvas_label (canvas, count, 0);
      crm_chart_label_get_size (layout->counts[i], &width, NULL);
      widest_count = MAX (widest_count, width);
      if (has_conversion (data, i))
        {
          g_autofree char *share = crm_chart_format_percent (conversion_of (stage));
          g_autofree char *text = g_strdup_printf ("↓ %s", share);

          layout->conversions[i] = crm_chart_canvas_label (canvas, text, 0);
          crm_chart_label_get_size (layout->conversions[i], &width, NULL);
          widest_conversion = MAX (widest_conversion, width);
        }
    }
  name_room = MIN (widest_name, MIN (canvas->width * (canvas->narrow ? 0.3 : 0.2), 220));

  layout->plot.x = pad + name_room + GAP;
  layout->plot.y = pad;
  layout->conversions_x = canvas->width - pad - widest_conversion;
  layout->counts_x = layout->conversions_x - (widest_conversion > 0 ? 2 * GAP : 0) - widest_count;
  layout->plot.width = layout->counts_x - GAP - layout->plot.x;
  layout->plot.height = canvas->height - 2 * pad;
  if (n == 0 || layout->plot.width < 20 || layout->plot.height < 2 * n)
    return;

  layout->row_height = layout->plot.height / n;
  layout->bar_height = MAX (1, MIN (layout->row_height * 0.62, 40));
  every = (guint) MAX (1, ceil (lh / layout->row_height));
  for (guint i = 0; i < n; i++)
    {
      g_clear_object (&layout->names[i]);
      if (i % every != 0)
        {
          g_clear_object (&layout->counts[i]);
          g_clear_object (&layout->conversions[i]);
          continue;
        }
      layout->names[i] = crm_chart_canvas_label (canvas, data->stages[i].name, name_room);
    }
  layout->drawable = TRUE;
}

static void
funnel_layout_clear (Layout *layout)
{
  for (guint i = 0; i < layout->n_rows; i++)
    {
      g_clear_object (&layout->names[i]);
      g_clear_object (&layout->counts[i]);
      g_clear_object (&layout->conversions[i]);
    }
  g_free (layout->names);
  g_free (layout->counts);
  g_free (layout->conversions);
}

static double
row_centre (const Layout *layout, guint row)
{
  return layout->plot.y + layout->row_height * (row + 0.5);
}

static void
bar_rect (const Layout *layout, const CrmChartFunnel *data, guint row, CrmChartRect *rect)
{
  double width = layout->plot.width * data->stages[row].entered / layout->max_entered;

  if (data->stages[row].entered > 0)
    width = MAX (width, 1);
  rect->x = layout->plot.x + (layout->plot.width - width) / 2;
  rect->width = width;
  rect->y = row_centre (layout, row) - layout->bar_height / 2;
  rect->height = layout->bar_height;
}

static void
funnel_draw (CrmChartCanvas *canvas, gconstpointer p)
{
  const CrmChartFunnel *data = p;
  const CrmChartPalette *palette = canvas->palette;
  cairo_t *cr = canvas->cr;
  double lh = canvas->line_height;
  Layout layout = { 0 };

  funnel_layout (canvas, data, &layout);
  if (!layout.drawable)
    {
      funnel_layout_clear (&layout);
      return;
    }

  /* The bands from each bar down to the next. */
  for (guint i = 0; i + 1 < data->n_stages; i++)
    {
      CrmChartRect upper, lower;

      bar_rect (&layout, data, i, &upper);
      bar_rect (&layout, data, i + 1, &lower);
      cairo_move_to (cr, upper.x, upper.y + upper.height);
      cairo_line_to (cr, upper.x + upper.width, upper.y + upper.height);
      cairo_line_to (cr, lower.x + lower.width, lower.y);
      cairo_line_to (cr, lower.x, lower.y);
      cairo_close_path (cr);
    }
  crm_chart_set_color (cr, &palette->blue, 0.2);
  cairo_fill (cr);

  for (guint i = 0; i < data->n_stages; i++)
    {
      CrmChartRect rect;

      if (data->stages[i].entered == 0)
        continue;
      bar_rect (&layout, data, i, &rect);
      cairo_rectangle (cr, rect.x, rect.y, rect.width, rect.height);
    }
  crm_chart_set_color (cr, &palette->blue, 1);
  cairo_fill (cr);

  for (guint i = 0; i < data->n_stages; i++)
    {
      double y = row_centre (&layout, i) - lh / 2;

      crm_chart_canvas_show (canvas, layout.names[i], canvas->pad, y, &palette->foreground);
      crm_chart_canvas_show (canvas, layout.counts[i], layout.counts_x, y, &palette->foreground);
      crm_chart_canvas_show (canvas, layout.conversions[i], layout.conversions_x,
                             y + layout.row_height / 2, &palette->dim_foreground);
    }
  funnel_layout_clear (&layout);
}

static char *
format_value (const CrmChartFunnel *data, guint i)
{
  const CrmChartFunnelStage *stage = &data->stages[i];
  g_autofree char *entered = crm_number_format (stage->entered);
  /* Translators: how many deals entered a stage of the funnel, e.g. "120 deals entered". */
  g_autofree char *text
      = g_strdup_printf (ngettext ("%s deal entered", "%s deals entered", stage->entered), entered);
  g_autofree char *share = NULL, *moved_on = NULL;

  if (!has_conversion (data, i))
    return g_steal_pointer (&text);
  share = crm_chart_format_percent (conversion_of (stage));
  moved_on = crm_number_format (MIN (stage->moved_on, stage->entered));
  /* Translators: the deals that entered a stage, then the share of them that moved on to a
   * later stage and how many that is: "120 deals entered, 58% moved on (70)". */
  return g_strdup_printf (_ ("%s, %s moved on (%s)"), text, share, moved_on);
}

static gboolean
funnel_hit_test (CrmChartCanvas *canvas, gconstpointer p, double x, double y, CrmChartHit *hit)
{
  const CrmChartFunnel *data = p;
  Layout layout = { 0 };
  int row = -1;

  funnel_layout (canvas, data, &layout);
  /* A stage's whole row, from its name to its conversion. */
  if (layout.drawable && x >= canvas->pad && x < canvas->width - canvas->pad && y >= layout.plot.y
      && y < layout.plot.y + layout.plot.height)
    row = CLAMP ((int) floor ((y - layout.plot.y) / layout.row_height), 0,
                 (int) data->n_stages - 1);
  if (row >= 0)
    {
      CrmChartRect rect;

      bar_rect (&layout, data, row, &rect);
      crm_chart_hit_set (hit, row, 0, &rect, g_strdup (data->stages[row].name),
                         format_value (data, row));
    }
  funnel_layout_clear (&layout);
  return row >= 0;
}

static gboolean
funnel_plot_area (CrmChartCanvas *canvas, gconstpointer p, CrmChartRect *area)
{
  Layout layout = { 0 };
  gboolean drawable;

  funnel_layout (canvas, p, &layout);
  *area = layout.plot;
  drawable = layout.drawable;
  funnel_layout_clear (&layout);
  return drawable;
}

static CrmChartTable *
funnel_to_table (gconstpointer p)
{
  const CrmChartFunnel *data = p;
  const char *titles[] = { _ ("Stage"), _ ("Entered"), _ ("Moved on"), _ ("Conversion") };
  CrmChartTable *table = crm_chart_table_new (data->n_stages, G_N_ELEMENTS (titles), titles);

  for (guint i = 0; i < data->n_stages; i++)
    {
      const CrmChartFunnelStage *stage = &data->stages[i];

      crm_chart_table_take_cell (table, i, 0, g_strdup (stage->name));
      crm_chart_table_take_cell (table, i, 1, crm_number_format (stage->entered));
      crm_chart_table_take_cell (table, i, 2, crm_number_format (stage->moved_on));
      crm_chart_table_take_cell (table, i, 3,
                                 has_conversion (data, i)
                                     ? crm_chart_format_percent (conversion_of (stage))
                                     : g_strdup ("—"));
    }
  return table;
}

const CrmChartClass crm_chart_funnel_class = {
  .empty_message = N_ ("No deals entered the pipeline in this period"),
  .is_empty = funnel_is_empty,
  .draw = funnel_draw,
  .hit_test = funnel_hit_test,
  .plot_area = funnel_plot_area,
  .to_table = funnel_to_table,
};

void
crm_chart_draw_funnel (cairo_t *cr,
                       double width,
                       double height,
                       const CrmChartPalette *palette,
                       const CrmChartFunnel *data)
{
  crm_chart_draw (CRM_CHART_FUNNEL, cr, width, height, palette, data);
}

gboolean
crm_chart_funnel_hit_test (
    const CrmChartFunnel *data, double width, double height, double x, double y, CrmChartHit *hit)
{
  return crm_chart_hit_test (CRM_CHART_FUNNEL, data, width, height, x, y, hit);
}

CrmChartTable *
crm_chart_funnel_to_table (const CrmChartFunnel *data)
{
  return crm_chart_to_table (CRM_CHART_FUNNEL, data);
}

/* crm-chart-win-rate.c — the win rate per month, won ÷ (won + lost) of the deals closed in it,
 * as a line on a fixed 0–100 % axis; a month without closed deals has no point, and the line
 * breaks there rather than inventing one.
 */
#include "config.h"

#include "crm-chart-private.h"
#include "crm-money.h"

#include <glib/gi18n-lib.h>

typedef struct
{
  CrmChartFrame frame;
  CrmChartMonth *months;
  double *rates;
  gboolean *present;
} Layout;

static gboolean
win_rate_is_empty (gconstpointer p)
{
  const CrmChartWinRate *data = p;

  for (guint i = 0; i < data->n_months; i++)
    {
      if (data->months[i].won + data->months[i].lost > 0)
        return FALSE;
    }
  return TRUE;
}

static double
rate_of (const CrmChartWinRateMonth *month)
{
  return 100.0 * month->won / ((double) month->won + month->lost);
}

static void
win_rate_layout (CrmChartCanvas *canvas, const CrmChartWinRate *data, Layout *layout)
{
  CrmChartFrame *frame = &layout->frame;

  layout->months = g_new (CrmChartMonth, data->n_months);
  layout->rates = g_new0 (double, data->n_months);
  layout->present = g_new0 (gboolean, data->n_months);
  for (guint i = 0; i < data->n_months; i++)
    {
      layout->months[i] = data->months[i].month;
      layout->present[i] = data->months[i].won + data->months[i].lost > 0;
      if (layout->present[i])
        layout->rates[i] = rate_of (&data->months[i]);
    }
  frame->n_slots = data->n_months;
  frame->months = layout->months;
  frame->lo = 0;
  frame->hi = 100;
  frame->min_step = 1;
  frame->format_tick = crm_chart_format_percent_tick;
  crm_chart_frame_layout (frame, canvas);
}

static void
win_rate_layout_clear (Layout *layout)
{
  crm_chart_frame_clear (&layout->frame);
  g_free (layout->months);
  g_free (layout->rates);
  g_free (layout->present);
}

static void
win_rate_draw (CrmChartCanvas *canvas, gconstpointer p)
{
  Layout layout = { 0 };

  win_rate_layout (canvas, p, &layout);
  if (layout.frame.drawable)
    {
      crm_chart_frame_draw_back (&layout.frame, canvas);
      crm_chart_frame_draw_front (&layout.frame, canvas);
      crm_chart_frame_draw_line (&layout.frame, canvas, layout.rates, layout.present,
                                 &canvas->palette->blue);
    }
  win_rate_layout_clear (&layout);
}

static char *
format_value (const CrmChartWinRateMonth *month)
{
  g_autofree char *rate = crm_chart_format_percent (rate_of (month));
  g_autofree char *won = crm_number_format (month->won);
  g_autofree char *lost = crm_number_format (month->lost);

  /* Translators: a month's win rate, e.g. "62% (31 won, 19 lost)". */
  return g_strdup_printf (_ ("%s (%s won, %s lost)"), rate, won, lost);
}

static gboolean
win_rate_hit_test (CrmChartCanvas *canvas, gconstpointer p, double x, double y, CrmChartHit *hit)
{
  const CrmChartWinRate *data = p;
  Layout layout = { 0 };
  int slot;

  win_rate_layout (canvas, data, &layout);
  slot = crm_chart_frame_slot_at (&layout.frame, x, y, FALSE);
  if (slot >= 0 && !layout.present[slot])
    slot = -1;
  if (slot >= 0)
    {
      CrmChartRect area;

      crm_chart_frame_point_rect (&layout.frame, slot, layout.rates[slot], &area);
      crm_chart_hit_set (hit, slot, 0, &area, crm_chart_format_month (&data->months[slot].month),
                         format_value (&data->months[slot]));
    }
  win_rate_layout_clear (&layout);
  return slot >= 0;
}

static gboolean
win_rate_plot_area (CrmChartCanvas *canvas, gconstpointer p, CrmChartRect *area)
{
  Layout layout = { 0 };
  gboolean drawable;

  win_rate_layout (canvas, p, &layout);
  *area = layout.frame.plot;
  drawable = layout.frame.drawable;
  win_rate_layout_clear (&layout);
  return drawable;
}

static CrmChartTable *
win_rate_to_table (gconstpointer p)
{
  const CrmChartWinRate *data = p;
  const char *titles[] = { _ ("Month"), _ ("Won"), _ ("Lost"), _ ("Win rate") };
  CrmChartTable *table = crm_chart_table_new (data->n_months, G_N_ELEMENTS (titles), titles);

  for (guint i = 0; i < data->n_months; i++)
    {
      const CrmChartWinRateMonth *month = &data->months[i];

      crm_chart_table_take_cell (table, i, 0, crm_chart_format_month (&month->month));
      crm_chart_table_take_cell (table, i, 1, crm_number_format (month->won));
      crm_chart_table_take_cell (table, i, 2, crm_number_format (month->lost));
      crm_chart_table_take_cell (table, i, 3,
                                 month->won + month->lost > 0
                                     ? crm_chart_format_percent (rate_of (month))
                                     : g_strdup ("—"));
    }
  return table;
}

const CrmChartClass crm_chart_win_rate_class = {
  .empty_message = N_ ("No deals closed in this period"),
  .is_empty = win_rate_is_empty,
  .draw = win_rate_draw,
  .hit_test = win_rate_hit_test,
  .plot_area = win_rate_plot_area,
  .to_table = win_rate_to_table,
};

void
crm_chart_draw_win_rate (cairo_t *cr,
                         double width,
                         double height,
                         const CrmChartPalette *palette,
                         const CrmChartWinRate *data)
{
  crm_chart_draw (CRM_CHART_WIN_RATE, cr, width, height, palette, data);
}

gboolean
crm_chart_win_rate_hit_test (
    const CrmChartWinRate *data, double width, double height, double x, double y, CrmChartHit *hit)
{
  return crm_chart_hit_test (CRM_CHART_WIN_RATE, data, width, height, x, y, hit);
}

CrmChartTable *
crm_chart_win_rate_to_table (const CrmChartWinRate *data)
{
  return crm_chart_to_table (CRM_CHART_WIN_RATE, data);
}

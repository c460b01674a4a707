/* crm-chart-revenue.c — won revenue per month as solid green bars, the weighted forecast of the
 * open deals as hatched bars stacked on them (a month under way has both), on a money axis in
 * whole units of the chart's one currency.
 */
#include "config.h"

#include "crm-chart-private.h"
#include "crm-money.h"

#include <glib/gi18n-lib.h>
#include <math.h>

typedef struct
{
  CrmChartFrame frame;
  CrmChartMonth *months;
  CrmChartLegendItem legend[2];
  double unit; /* minor units per major unit */
} Layout;

static gboolean
revenue_is_empty (gconstpointer p)
{
  const CrmChartRevenue *data = p;

  for (guint i = 0; i < data->n_months; i++)
    {
      if (data->months[i].won_minor != 0 || data->months[i].forecast_minor > 0)
        return FALSE;
    }
  return TRUE;
}

/* The forecast stands on the won part (on the baseline when that is negative). */
static double
forecast_base (const Layout *layout, const CrmChartRevenueMonth *month)
{
  return MAX (month->won_minor, 0) / layout->unit;
}

static double
forecast_top (const Layout *layout, const CrmChartRevenueMonth *month)
{
  return forecast_base (layout, month) + MAX (month->forecast_minor, 0) / layout->unit;
}

static void
revenue_layout (CrmChartCanvas *canvas, const CrmChartRevenue *data, Layout *layout)
{
  CrmChartFrame *frame = &layout->frame;
  const CrmChartPalette *palette = canvas->palette;
  gboolean any_won = FALSE, any_forecast = FALSE;
  double lo = 0, hi = 0;

  layout->unit = pow (10, crm_currency_get_digits (data->currency));
  layout->months = g_new (CrmChartMonth, data->n_months);
  for (guint i = 0; i < data->n_months; i++)
    {
      const CrmChartRevenueMonth *month = &data->months[i];

      layout->months[i] = month->month;
      lo = MIN (lo, month->won_minor / layout->unit);
      hi = MAX (hi, forecast_top (layout, month));
      any_won |= month->won_minor != 0;
      any_forecast |= month->forecast_minor > 0;
    }
  if (any_won)
    layout->legend[frame->n_legend++]
        = (CrmChartLegendItem){ _ ("Won"), &palette->green, CRM_CHART_SWATCH_BAR };
  if (any_forecast)
    layout->legend[frame->n_legend++]
        = (CrmChartLegendItem){ _ ("Forecast (weighted)"), &palette->green,
                                CRM_CHART_SWATCH_HATCHED };

  frame->n_slots = data->n_months;
  frame->months = layout->months;
  frame->lo = lo;
  frame->hi = hi;
  frame->min_step = 1;
  frame->format_tick = crm_chart_format_money_tick;
  frame->format_data = data->currency;
  frame->legend = layout->legend;
  crm_chart_frame_layout (frame, canvas);
}

static void
revenue_layout_clear (Layout *layout)
{
  crm_chart_frame_clear (&layout->frame);
  g_free (layout->months);
}

/* The won bar of month @i, at least a pixel tall when not zero. */
static void
won_rect (const Layout *layout, const CrmChartRevenue *data, guint i, CrmChartRect *rect)
{
  double won = data->months[i].won_minor / layout->unit;

  crm_chart_frame_bar_rect (&layout->frame, i, 0, won, rect);
  if (won > 0 && rect->height < 1)
    {
      rect->y -= 1 - rect->height;
      rect->height = 1;
    }
  else if (won < 0 && rect->height < 1)
    rect->height = 1;
}

static void
forecast_rect (const Layout *layout, const CrmChartRevenue *data, guint i, CrmChartRect *rect)
{
  const CrmChartRevenueMonth *month = &data->months[i];

  crm_chart_frame_bar_rect (&layout->frame, i, forecast_base (layout, month),
                            forecast_top (layout, month), rect);
  if (month->forecast_minor > 0 && rect->height < 1)
    {
      rect->y -= 1 - rect->height;
      rect->height = 1;
    }
}

static void
revenue_draw (CrmChartCanvas *canvas, gconstpointer p)
{
  const CrmChartRevenue *data = p;
  const CrmChartPalette *palette = canvas->palette;
  cairo_t *cr = canvas->cr;
  Layout layout = { 0 };

  revenue_layout (canvas, data, &layout);
  if (layout.frame.drawable)
    {
      crm_chart_frame_draw_back (&layout.frame, canvas);
      crm_chart_set_color (cr, &palette->green, 1);
      for (guint i = 0; i < data->n_months; i++)
        {
          CrmChartRect rect;

          if (data->months[i].won_minor == 0)
            continue;
          won_rect (&layout, data, i, &rect);
          crm_chart_bar_path (cr, &rect, FALSE);
        }
      cairo_fill (cr);
      for (guint i = 0; i < data->n_months; i++)
        {
          CrmChartRect rect;

          if (data->months[i].forecast_minor <= 0)
            continue;
          forecast_rect (&layout, data, i, &rect);
          crm_chart_draw_hatched_bar (cr, &rect, &palette->green);
        }
      crm_chart_frame_draw_front (&layout.frame, canvas);
    }
  revenue_layout_clear (&layout);
}

static gboolean
revenue_hit_test (CrmChartCanvas *canvas, gconstpointer p, double x, double y, CrmChartHit *hit)
{
  const CrmChartRevenue *data = p;
  Layout layout = { 0 };
  int slot;

  revenue_layout (canvas, data, &layout);
  slot = crm_chart_frame_slot_at (&layout.frame, x, y, TRUE);
  if (slot >= 0)
    {
      const CrmChartRevenueMonth *month = &data->months[slot];
      CrmChartRect won, forecast;

      won_rect (&layout, data, slot, &won);
      forecast_rect (&layout, data, slot, &forecast);
      /* Over the won part, the forecast stacked on it; anywhere else in the column, the won. */
      if (month->forecast_minor > 0 && y < forecast.y + forecast.height)
        {
          g_autofree char *money = crm_money_format (month->forecast_minor, data->currency);

          crm_chart_hit_set (hit, slot, 1, &forecast, crm_chart_format_month (&month->month),
                             g_strdup_printf (_ ("Forecast (weighted): %s"), money));
        }
      else
        {
          g_autofree char *money = crm_money_format (month->won_minor, data->currency);

          crm_chart_hit_set (hit, slot, 0, &won, crm_chart_format_month (&month->month),
                             g_strdup_printf (_ ("Won: %s"), money));
        }
    }
  revenue_layout_clear (&layout);
  return slot >= 0;
}

static gboolean
revenue_plot_area (CrmChartCanvas *canvas, gconstpointer p, CrmChartRect *area)
{
  Layout layout = { 0 };
  gboolean drawable;

  revenue_layout (canvas, p, &layout);
  *area = layout.frame.plot;
  drawable = layout.frame.drawable;
  revenue_layout_clear (&layout);
  return drawable;
}

static CrmChartTable *
revenue_to_table (gconstpointer p)
{
  const CrmChartRevenue *data = p;
  const char *titles[] = { _ ("Month"), _ ("Won"), _ ("Forecast (weighted)") };
  CrmChartTable *table = crm_chart_table_new (data->n_months, G_N_ELEMENTS (titles), titles);

  for (guint i = 0; i < data->n_months; i++)
    {
      const CrmChartRevenueMonth *month = &data->months[i];

      crm_chart_table_take_cell (table, i, 0, crm_chart_format_month (&month->month));
      crm_chart_table_take_cell (table, i, 1, crm_money_format (month->won_minor, data->currency));
      crm_chart_table_take_cell (table, i, 2,
                                 crm_money_format (month->forecast_minor, data->currency));
    }
  return table;
}

const CrmChartClass crm_chart_revenue_class = {
  .empty_message = N_ ("No won deals or forecast in this period"),
  .is_empty = revenue_is_empty,
  .draw = revenue_draw,
  .hit_test = revenue_hit_test,
  .plot_area = revenue_plot_area,
  .to_table = revenue_to_table,
};

void
crm_chart_draw_revenue (cairo_t *cr,
                        double width,
                        double height,
                        const CrmChartPalette *palette,
                        const CrmChartRevenue *data)
{
  crm_chart_draw (CRM_CHART_REVENUE, cr, width, height, palette, data);
}

gboolean
crm_chart_revenue_hit_test (
    const CrmChartRevenue *data, double width, double height, double x, double y, CrmChartHit *hit)
{
  return crm_chart_hit_test (CRM_CHART_REVENUE, data, width, height, x, y, hit);
}

CrmChartTable *
crm_chart_revenue_to_table (const CrmChartRevenue *data)
{
  return crm_chart_to_table (CRM_CHART_REVENUE, data);
}

/* crm-chart-satisfaction.c — NPS (% promoters − % detractors, −100…100) and CSAT (% satisfied,
 * 0–100) per month, two lines on one fixed −100…100 axis: both are points on the same scale of a
 * hundred, so the CSAT line needs no second axis. A month without answers of a kind has no point
 * of that kind.
 */
#include "config.h"

#include "crm-chart-private.h"
#include "crm-money.h"

#include <glib/gi18n-lib.h>
#include <math.h>

enum
{
  NPS,
  CSAT,
  N_SERIES
};

typedef struct
{
  CrmChartFrame frame;
  CrmChartMonth *months;
  double *values[N_SERIES];
  gboolean *present[N_SERIES];
  CrmChartLegendItem legend[N_SERIES];
} Layout;

static guint
nps_answers (const CrmChartSatisfactionMonth *month)
{
  return month->nps_promoters + month->nps_passives + month->nps_detractors;
}

static double
nps_of (const CrmChartSatisfactionMonth *month)
{
  return 100.0 * ((double) month->nps_promoters - month->nps_detractors) / nps_answers (month);
}

static double
csat_of (const CrmChartSatisfactionMonth *month)
{
  return 100.0 * month->csat_satisfied / month->csat_answers;
}

static gboolean
satisfaction_is_empty (gconstpointer p)
{
  const CrmChartSatisfaction *data = p;

  for (guint i = 0; i < data->n_months; i++)
    {
      if (nps_answers (&data->months[i]) > 0 || data->months[i].csat_answers > 0)
        return FALSE;
    }
  return TRUE;
}

static void
satisfaction_layout (CrmChartCanvas *canvas, const CrmChartSatisfaction *data, Layout *layout)
{
  CrmChartFrame *frame = &layout->frame;
  const CrmChartPalette *palette = canvas->palette;
  guint n = data->n_months;

  layout->months = g_new (CrmChartMonth, n);
  for (guint s = 0; s < N_SERIES; s++)
    {
      layout->values[s] = g_new0 (double, n);
      layout->present[s] = g_new0 (gboolean, n);
    }
  for (guint i = 0; i < n; i++)
    {
      const CrmChartSatisfactionMonth *month = &data->months[i];

      layout->months[i] = month->month;
      layout->present[NPS][i] = nps_answers (month) > 0;
      if (layout->present[NPS][i])
        layout->values[NPS][i] = nps_of (month);
      layout->present[CSAT][i] = month->csat_answers > 0;
      if (layout->present[CSAT][i])
        layout->values[CSAT][i] = csat_of (month);
    }
  layout->legend[NPS] = (CrmChartLegendItem){ _ ("NPS"), &palette->purple, CRM_CHART_SWATCH_LINE };
  layout->legend[CSAT]
      = (CrmChartLegendItem){ _ ("CSAT (%)"), &palette->orange, CRM_CHART_SWATCH_LINE };

  frame->n_slots = n;
  frame->months = layout->months;
  frame->lo = -100;
  frame->hi = 100;
  frame->min_step = 1;
  frame->format_tick = crm_chart_format_number_tick;
  frame->legend = layout->legend;
  frame->n_legend = N_SERIES;
  crm_chart_frame_layout (frame, canvas);
}

static void
satisfaction_layout_clear (Layout *layout)
{
  crm_chart_frame_clear (&layout->frame);
  g_free (layout->months);
  for (guint s = 0; s < N_SERIES; s++)
    {
      g_free (layout->values[s]);
      g_free (layout->present[s]);
    }
}

static void
satisfaction_draw (CrmChartCanvas *canvas, gconstpointer p)
{
  Layout layout = { 0 };

  satisfaction_layout (canvas, p, &layout);
  if (layout.frame.drawable)
    {
      crm_chart_frame_draw_back (&layout.frame, canvas);
      crm_chart_frame_draw_front (&layout.frame, canvas);
      crm_chart_frame_draw_line (&layout.frame, canvas, layout.values[CSAT], layout.present[CSAT],
                                 &canvas->palette->orange);
      crm_chart_frame_draw_line (&layout.frame, canvas, layout.values[NPS], layout.present[NPS],
                                 &canvas->palette->purple);
    }
  satisfaction_layout_clear (&layout);
}

static char *
format_value (const CrmChartSatisfactionMonth *month, guint series)
{
  if (series == NPS)
    {
      g_autofree char *score = crm_number_format (llround (nps_of (month)));
      g_autofree char *count = crm_number_format (nps_answers (month));

      /* Translators: a month's Net Promoter Score, e.g. "NPS 32 (54 answers)". */
      return g_strdup_printf (
          ngettext ("NPS %s (%s answer)", "NPS %s (%s answers)", nps_answers (month)), score,
          count);
    }
  {
    g_autofree char *score = crm_chart_format_percent (csat_of (month));
    g_autofree char *count = crm_number_format (month->csat_answers);

    /* Translators: a month's customer satisfaction, e.g. "CSAT 81% (40 answers)". */
    return g_strdup_printf (
        ngettext ("CSAT %s (%s answer)", "CSAT %s (%s answers)", month->csat_answers), score,
        count);
  }
}

static gboolean
satisfaction_hit_test (
    CrmChartCanvas *canvas, gconstpointer p, double x, double y, CrmChartHit *hit)
{
  const CrmChartSatisfaction *data = p;
  Layout layout = { 0 };
  int slot, series = -1;
  double nearest = G_MAXDOUBLE;

  satisfaction_layout (canvas, data, &layout);
  slot = crm_chart_frame_slot_at (&layout.frame, x, y, FALSE);
  /* The point of the month nearest the pointer. */
  for (int s = 0; slot >= 0 && s < N_SERIES; s++)
    {
      double distance;

      if (!layout.present[s][slot])
        continue;
      distance = fabs (y - crm_chart_frame_value_y (&layout.frame, layout.values[s][slot]));
      if (distance < nearest)
        {
          nearest = distance;
          series = s;
        }
    }
  if (series >= 0)
    {
      CrmChartRect area;

      crm_chart_frame_point_rect (&layout.frame, slot, layout.values[series][slot], &area);
      crm_chart_hit_set (hit, slot, series, &area,
                         crm_chart_format_month (&data->months[slot].month),
                         format_value (&data->months[slot], series));
    }
  satisfaction_layout_clear (&layout);
  return series >= 0;
}

static gboolean
satisfaction_plot_area (CrmChartCanvas *canvas, gconstpointer p, CrmChartRect *area)
{
  Layout layout = { 0 };
  gboolean drawable;

  satisfaction_layout (canvas, p, &layout);
  *area = layout.frame.plot;
  drawable = layout.frame.drawable;
  satisfaction_layout_clear (&layout);
  return drawable;
}

static CrmChartTable *
satisfaction_to_table (gconstpointer p)
{
  const CrmChartSatisfaction *data = p;
  const char *titles[]
      = { _ ("Month"), _ ("NPS"), _ ("NPS answers"), _ ("CSAT"), _ ("CSAT answers") };
  CrmChartTable *table = crm_chart_table_new (data->n_months, G_N_ELEMENTS (titles), titles);

  for (guint i = 0; i < data->n_months; i++)
    {
      const CrmChartSatisfactionMonth *month = &data->months[i];

      crm_chart_table_take_cell (table, i, 0, crm_chart_format_month (&month->month));
      crm_chart_table_take_cell (
          table, i, 1,
          nps_answers (month) > 0 ? crm_number_format (llround (nps_of (month))) : g_strdup ("—"));
      crm_chart_table_take_cell (table, i, 2, crm_number_format (nps_answers (month)));
      crm_chart_table_take_cell (
          table, i, 3,
          month->csat_answers > 0 ? crm_chart_format_percent (csat_of (month)) : g_strdup ("—"));
      crm_chart_table_take_cell (table, i, 4, crm_number_format (month->csat_answers));
    }
  return table;
}

const CrmChartClass crm_chart_satisfaction_class = {
  .empty_message = N_ ("No survey answers in this period"),
  .is_empty = satisfaction_is_empty,
  .draw = satisfaction_draw,
  .hit_test = satisfaction_hit_test,
  .plot_area = satisfaction_plot_area,
  .to_table = satisfaction_to_table,
};

void
crm_chart_draw_satisfaction (cairo_t *cr,
                             double width,
                             double height,
                             const CrmChartPalette *palette,
                             const CrmChartSatisfaction *data)
{
  crm_chart_draw (CRM_CHART_SATISFACTION, cr, width, height, palette, data);
}

gboolean
crm_chart_satisfaction_hit_test (const CrmChartSatisfaction *data,
                                 double width,
                                 double height,
                                 double x,
                                 double y,
                                 CrmChartHit *hit)
{
  return crm_chart_hit_test (CRM_CHART_SATISFACTION, data, width, height, x, y, hit);
}

CrmChartTable *
crm_chart_satisfaction_to_table (const CrmChartSatisfaction *data)
{
  return crm_chart_to_table (CRM_CHART_SATISFACTION, data);
}

/* crm-chart-stage-time.c — time spent per stage: an orange bar per stage, in pipeline order, as
 * tall as the mean days the deals that left it spent there; a stage no deal left has no bar.
 */
#include "config.h"

#include "crm-chart-private.h"
#include "crm-money.h"

#include <glib/gi18n-lib.h>

typedef struct
{
  CrmChartFrame frame;
  const char **names;
} Layout;

static gboolean
has_bar (const CrmChartStageTimeItem *stage)
{
  return stage->n_deals > 0 && stage->mean_days > 0;
}

static gboolean
stage_time_is_empty (gconstpointer p)
{
  const CrmChartStageTime *data = p;

  for (guint i = 0; i < data->n_stages; i++)
    {
      if (data->stages[i].n_deals > 0)
        return FALSE;
    }
  return TRUE;
}

static void
stage_time_layout (CrmChartCanvas *canvas, const CrmChartStageTime *data, Layout *layout)
{
  CrmChartFrame *frame = &layout->frame;
  double hi = 0;

  layout->names = g_new (const char *, data->n_stages);
  for (guint i = 0; i < data->n_stages; i++)
    {
      layout->names[i] = data->stages[i].name;
      if (has_bar (&data->stages[i]))
        hi = MAX (hi, data->stages[i].mean_days);
    }
  frame->n_slots = data->n_stages;
  frame->names = layout->names;
  frame->lo = 0;
  /* Deals that all left on the day they came still make a readable axis. */
  frame->hi = hi > 0 ? hi : 1;
  frame->format_tick = crm_chart_format_number_tick;
  frame->unit = _ ("Days");
  crm_chart_frame_layout (frame, canvas);
}

static void
stage_time_layout_clear (Layout *layout)
{
  crm_chart_frame_clear (&layout->frame);
  g_free (layout->names);
}

static void
stage_time_draw (CrmChartCanvas *canvas, gconstpointer p)
{
  const CrmChartStageTime *data = p;
  Layout layout = { 0 };

  stage_time_layout (canvas, data, &layout);
  if (layout.frame.drawable)
    {
      crm_chart_frame_draw_back (&layout.frame, canvas);
      crm_chart_set_color (canvas->cr, &canvas->palette->orange, 1);
      for (guint i = 0; i < data->n_stages; i++)
        {
          CrmChartRect rect;

          if (!has_bar (&data->stages[i]))
            continue;
          crm_chart_frame_bar_rect (&layout.frame, i, 0, data->stages[i].mean_days, &rect);
          crm_chart_bar_path (canvas->cr, &rect, FALSE);
        }
      cairo_fill (canvas->cr);
      crm_chart_frame_draw_front (&layout.frame, canvas);
    }
  stage_time_layout_clear (&layout);
}

static char *
format_value (const CrmChartStageTimeItem *stage)
{
  g_autofree char *days = crm_chart_format_days (stage->mean_days);
  g_autofree char *deals = crm_number_format (stage->n_deals);

  /* Translators: the mean time in a stage and how many deals it is measured on, e.g.
   * "12.4 days (38 deals)". */
  return g_strdup_printf (ngettext ("%s (%s deal)", "%s (%s deals)", stage->n_deals), days, deals);
}

static gboolean
stage_time_hit_test (CrmChartCanvas *canvas, gconstpointer p, double x, double y, CrmChartHit *hit)
{
  const CrmChartStageTime *data = p;
  Layout layout = { 0 };
  int slot;

  stage_time_layout (canvas, data, &layout);
  slot = crm_chart_frame_slot_at (&layout.frame, x, y, TRUE);
  if (slot >= 0 && data->stages[slot].n_deals == 0)
    slot = -1;
  if (slot >= 0)
    {
      CrmChartRect rect;

      crm_chart_frame_bar_rect (&layout.frame, slot, 0, data->stages[slot].mean_days, &rect);
      crm_chart_hit_set (hit, slot, 0, &rect, g_strdup (data->stages[slot].name),
                         format_value (&data->stages[slot]));
    }
  stage_time_layout_clear (&layout);
  return slot >= 0;
}

static gboolean
stage_time_plot_area (CrmChartCanvas *canvas, gconstpointer p, CrmChartRect *area)
{
  Layout layout = { 0 };
  gboolean drawable;

  stage_time_layout (canvas, p, &layout);
  *area = layout.frame.plot;
  drawable = layout.frame.drawable;
  stage_time_layout_clear (&layout);
  return drawable;
}

static CrmChartTable *
stage_time_to_table (gconstpointer p)
{
  const CrmChartStageTime *data = p;
  const char *titles[] = { _ ("Stage"), _ ("Mean time"), _ ("Deals") };
  CrmChartTable *table = crm_chart_table_new (data->n_stages, G_N_ELEMENTS (titles), titles);

  for (guint i = 0; i < data->n_stages; i++)
    {
      const CrmChartStageTimeItem *stage = &data->stages[i];

      crm_chart_table_take_cell (table, i, 0, g_strdup (stage->name));
      crm_chart_table_take_cell (table, i, 1,
                                 stage->n_deals > 0 ? crm_chart_format_days (stage->mean_days)
                                                    : g_strdup ("—"));
      crm_chart_table_take_cell (table, i, 2, crm_number_format (stage->n_deals));
    }
  return table;
}

const CrmChartClass crm_chart_stage_time_class = {
  .empty_message = N_ ("No deals left a stage in this period"),
  .is_empty = stage_time_is_empty,
  .draw = stage_time_draw,
  .hit_test = stage_time_hit_test,
  .plot_area = stage_time_plot_area,
  .to_table = stage_time_to_table,
};

void
crm_chart_draw_stage_time (cairo_t *cr,
                           double width,
                           double height,
                           const CrmChartPalette *palette,
                           const CrmChartStageTime *data)
{
  crm_chart_draw (CRM_CHART_STAGE_TIME, cr, width, height, palette, data);
}

gboolean
crm_chart_stage_time_hit_test (const CrmChartStageTime *data,
                               double width,
                               double height,
                               double x,
                               double y,
                               CrmChartHit *hit)
{
  return crm_chart_hit_test (CRM_CHART_STAGE_TIME, data, width, height, x, y, hit);
}

CrmChartTable *
crm_chart_stage_time_to_table (const CrmChartStageTime *data)
{
  return crm_chart_to_table (CRM_CHART_STAGE_TIME, data);
}

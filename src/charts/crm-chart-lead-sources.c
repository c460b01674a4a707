/* crm-chart-lead-sources.c — new leads by source: a blue bar per source, the names under them
 * (wrapped, ellipsised or turned as room allows), a count axis in whole leads.
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

guint64
crm_chart_counts_total (const CrmChartCounts *data)
{
  guint64 total = 0;

  for (guint i = 0; i < data->n_items; i++)
    total += data->items[i].count;
  return total;
}

static gboolean
lead_sources_is_empty (gconstpointer p)
{
  return crm_chart_counts_total (p) == 0;
}

static void
lead_sources_layout (CrmChartCanvas *canvas, const CrmChartCounts *data, Layout *layout)
{
  CrmChartFrame *frame = &layout->frame;
  double hi = 0;

  layout->names = g_new (const char *, data->n_items);
  for (guint i = 0; i < data->n_items; i++)
    {
      layout->names[i] = data->items[i].name;
      hi = MAX (hi, data->items[i].count);
    }
  frame->n_slots = data->n_items;
  frame->names = layout->names;
  frame->lo = 0;
  frame->hi = hi;
  frame->min_step = 1;
  frame->format_tick = crm_chart_format_count_tick;
  crm_chart_frame_layout (frame, canvas);
}

static void
lead_sources_layout_clear (Layout *layout)
{
  crm_chart_frame_clear (&layout->frame);
  g_free (layout->names);
}

static void
lead_sources_draw (CrmChartCanvas *canvas, gconstpointer p)
{
  const CrmChartCounts *data = p;
  Layout layout = { 0 };

  lead_sources_layout (canvas, data, &layout);
  if (layout.frame.drawable)
    {
      crm_chart_frame_draw_back (&layout.frame, canvas);
      crm_chart_set_color (canvas->cr, &canvas->palette->blue, 1);
      for (guint i = 0; i < data->n_items; i++)
        {
          CrmChartRect rect;

          if (data->items[i].count == 0)
            continue;
          crm_chart_frame_bar_rect (&layout.frame, i, 0, data->items[i].count, &rect);
          crm_chart_bar_path (canvas->cr, &rect, FALSE);
        }
      cairo_fill (canvas->cr);
      crm_chart_frame_draw_front (&layout.frame, canvas);
    }
  lead_sources_layout_clear (&layout);
}

static char *
format_value (const CrmChartCounts *data, guint i)
{
  guint count = data->items[i].count;
  g_autofree char *number = crm_number_format (count);
  g_autofree char *share = crm_chart_format_percent (100.0 * count / crm_chart_counts_total (data));

  /* Translators: the new leads of a source and their share of all, e.g. "48 leads (23%)". */
  return g_strdup_printf (ngettext ("%s lead (%s)", "%s leads (%s)", count), number, share);
}

static gboolean
lead_sources_hit_test (
    CrmChartCanvas *canvas, gconstpointer p, double x, double y, CrmChartHit *hit)
{
  const CrmChartCounts *data = p;
  Layout layout = { 0 };
  int slot;

  lead_sources_layout (canvas, data, &layout);
  slot = crm_chart_frame_slot_at (&layout.frame, x, y, TRUE);
  if (slot >= 0)
    {
      CrmChartRect rect;

      crm_chart_frame_bar_rect (&layout.frame, slot, 0, data->items[slot].count, &rect);
      crm_chart_hit_set (hit, slot, 0, &rect, g_strdup (data->items[slot].name),
                         format_value (data, slot));
    }
  lead_sources_layout_clear (&layout);
  return slot >= 0;
}

static gboolean
lead_sources_plot_area (CrmChartCanvas *canvas, gconstpointer p, CrmChartRect *area)
{
  Layout layout = { 0 };
  gboolean drawable;

  lead_sources_layout (canvas, p, &layout);
  *area = layout.frame.plot;
  drawable = layout.frame.drawable;
  lead_sources_layout_clear (&layout);
  return drawable;
}

CrmChartTable *
crm_chart_counts_to_table (const CrmChartCounts *data,
                           const char *name_title,
                           const char *count_title)
{
  const char *titles[] = { name_title, count_title, _ ("Share") };
  CrmChartTable *table = crm_chart_table_new (data->n_items, G_N_ELEMENTS (titles), titles);
  guint64 total = crm_chart_counts_total (data);

  for (guint i = 0; i < data->n_items; i++)
    {
      guint count = data->items[i].count;

      crm_chart_table_take_cell (table, i, 0, g_strdup (data->items[i].name));
      crm_chart_table_take_cell (table, i, 1, crm_number_format (count));
      crm_chart_table_take_cell (table, i, 2,
                                 total > 0 ? crm_chart_format_percent (100.0 * count / total)
                                           : g_strdup ("—"));
    }
  return table;
}

static CrmChartTable *
lead_sources_to_table (gconstpointer p)
{
  return crm_chart_counts_to_table (p, _ ("Source"), _ ("New leads"));
}

const CrmChartClass crm_chart_lead_sources_class = {
  .empty_message = N_ ("No new leads in this period"),
  .is_empty = lead_sources_is_empty,
  .draw = lead_sources_draw,
  .hit_test = lead_sources_hit_test,
  .plot_area = lead_sources_plot_area,
  .to_table = lead_sources_to_table,
};

void
crm_chart_draw_lead_sources (cairo_t *cr,
                             double width,
                             double height,
                             const CrmChartPalette *palette,
                             const CrmChartCounts *data)
{
  crm_chart_draw (CRM_CHART_LEAD_SOURCES, cr, width, height, palette, data);
}

gboolean
crm_chart_lead_sources_hit_test (
    const CrmChartCounts *data, double width, double height, double x, double y, CrmChartHit *hit)
{
  return crm_chart_hit_test (CRM_CHART_LEAD_SOURCES, data, width, height, x, y, hit);
}

CrmChartTable *
crm_chart_lead_sources_to_table (const CrmChartCounts *data)
{
  return crm_chart_to_table (CRM_CHART_LEAD_SOURCES, data);
}

/* crm-chart.c — the calls that take any chart kind: each goes through the kind's CrmChartClass,
 * after the checks all kinds share (a chart without data draws its empty-state message and has
 * nothing to hit); hits and tables.
 */
#include "config.h"

#include "crm-chart-private.h"

#include <glib/gi18n-lib.h>

static const CrmChartClass *
chart_class (CrmChartKind kind)
{
  switch (kind)
    {
      case CRM_CHART_FUNNEL:
        return &crm_chart_funnel_class;
      case CRM_CHART_REVENUE:
        return &crm_chart_revenue_class;
      case CRM_CHART_WIN_RATE:
        return &crm_chart_win_rate_class;
      case CRM_CHART_LEAD_SOURCES:
        return &crm_chart_lead_sources_class;
      case CRM_CHART_LOST_REASONS:
        return &crm_chart_lost_reasons_class;
      case CRM_CHART_STAGE_TIME:
        return &crm_chart_stage_time_class;
      case CRM_CHART_SATISFACTION:
        return &crm_chart_satisfaction_class;
      case CRM_CHART_N_KINDS:
      default:
        return NULL;
    }
}

gboolean
crm_chart_is_empty (CrmChartKind kind, gconstpointer data)
{
  const CrmChartClass *klass = chart_class (kind);

  g_return_val_if_fail (klass != NULL, TRUE);
  return data == NULL || klass->is_empty (data);
}

const char *
crm_chart_get_empty_message (CrmChartKind kind)
{
  const CrmChartClass *klass = chart_class (kind);

  g_return_val_if_fail (klass != NULL, NULL);
  return _ (klass->empty_message);
}

void
crm_chart_draw (CrmChartKind kind,
                cairo_t *cr,
                double width,
                double height,
                const CrmChartPalette *palette,
                gconstpointer data)
{
  const CrmChartClass *klass = chart_class (kind);
  CrmChartCanvas canvas;

  g_return_if_fail (klass != NULL);
  g_return_if_fail (cr != NULL);
  if (!(width >= 1 && height >= 1))
    return;

  crm_chart_canvas_init (&canvas, cr, width, height, palette);
  cairo_save (cr);
  cairo_new_path (cr);
  if (crm_chart_is_empty (kind, data))
    crm_chart_canvas_draw_empty (&canvas, _ (klass->empty_message));
  else
    klass->draw (&canvas, data);
  cairo_restore (cr);
  crm_chart_canvas_clear (&canvas);
}

gboolean
crm_chart_hit_test (CrmChartKind kind,
                    gconstpointer data,
                    double width,
                    double height,
                    double x,
                    double y,
                    CrmChartHit *hit)
{
  const CrmChartClass *klass = chart_class (kind);
  CrmChartCanvas canvas;
  gboolean found;

  g_return_val_if_fail (klass != NULL, FALSE);
  g_return_val_if_fail (hit != NULL, FALSE);
  crm_chart_hit_clear (hit);
  if (!(width >= 1 && height >= 1) || crm_chart_is_empty (kind, data))
    return FALSE;

  crm_chart_canvas_init (&canvas, NULL, width, height, NULL);
  found = klass->hit_test (&canvas, data, x, y, hit);
  crm_chart_canvas_clear (&canvas);
  if (!found)
    crm_chart_hit_clear (hit);
  return found;
}

gboolean
crm_chart_get_plot_area (
    CrmChartKind kind, gconstpointer data, double width, double height, CrmChartRect *area)
{
  const CrmChartClass *klass = chart_class (kind);
  CrmChartCanvas canvas;
  gboolean drawable;

  g_return_val_if_fail (klass != NULL, FALSE);
  g_return_val_if_fail (area != NULL, FALSE);
  *area = (CrmChartRect){ 0 };
  if (!(width >= 1 && height >= 1) || crm_chart_is_empty (kind, data))
    return FALSE;

  crm_chart_canvas_init (&canvas, NULL, width, height, NULL);
  drawable = klass->plot_area (&canvas, data, area);
  crm_chart_canvas_clear (&canvas);
  return drawable;
}

CrmChartTable *
crm_chart_to_table (CrmChartKind kind, gconstpointer data)
{
  const CrmChartClass *klass = chart_class (kind);

  g_return_val_if_fail (klass != NULL, NULL);
  g_return_val_if_fail (data != NULL, NULL);
  return klass->to_table (data);
}

/* ---- Hits -------------------------------------------------------------------------------- */

void
crm_chart_hit_clear (CrmChartHit *hit)
{
  g_clear_pointer (&hit->label, g_free);
  g_clear_pointer (&hit->value, g_free);
  hit->index = -1;
  hit->series = 0;
  hit->area = (CrmChartRect){ 0 };
}

void
crm_chart_hit_set (
    CrmChartHit *hit, int index, int series, const CrmChartRect *area, char *label, char *value)
{
  crm_chart_hit_clear (hit);
  hit->index = index;
  hit->series = series;
  hit->area = *area;
  hit->label = label;
  hit->value = value;
}

/* ---- Tables ------------------------------------------------------------------------------ */

CrmChartTable *
crm_chart_table_new (guint n_rows, guint n_columns, const char *const *column_titles)
{
  CrmChartTable *table = g_new0 (CrmChartTable, 1);

  table->n_rows = n_rows;
  table->n_columns = n_columns;
  table->column_titles = g_new0 (char *, n_columns + 1);
  for (guint i = 0; i < n_columns; i++)
    table->column_titles[i] = g_strdup (column_titles[i]);
  table->cells = g_new0 (char *, (gsize) n_rows *n_columns + 1);
  return table;
}

void
crm_chart_table_take_cell (CrmChartTable *table, guint row, guint column, char *text)
{
  g_return_if_fail (row < table->n_rows && column < table->n_columns);
  g_free (table->cells[(gsize) row * table->n_columns + column]);
  table->cells[(gsize) row * table->n_columns + column] = text;
}

const char *
crm_chart_table_get_cell (const CrmChartTable *table, guint row, guint column)
{
  const char *cell;

  g_return_val_if_fail (table != NULL, NULL);
  g_return_val_if_fail (row < table->n_rows && column < table->n_columns, NULL);
  cell = table->cells[(gsize) row * table->n_columns + column];
  return cell != NULL ? cell : "";
}

static void
append_tsv_field (GString *out, const char *text)
{
  /* A tab or line break inside a name would shift the columns: write it as a space. */
  for (const char *c = text; *c != '\0'; c++)
    g_string_append_c (out, *c == '\t' || *c == '\n' || *c == '\r' ? ' ' : *c);
}

char *
crm_chart_table_to_text (const CrmChartTable *table)
{
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (table != NULL, NULL);
  for (guint column = 0; column < table->n_columns; column++)
    {
      if (column > 0)
        g_string_append_c (out, '\t');
      append_tsv_field (out, table->column_titles[column]);
    }
  g_string_append_c (out, '\n');
  for (guint row = 0; row < table->n_rows; row++)
    {
      for (guint column = 0; column < table->n_columns; column++)
        {
          if (column > 0)
            g_string_append_c (out, '\t');
          append_tsv_field (out, crm_chart_table_get_cell (table, row, column));
        }
      g_string_append_c (out, '\n');
    }
  return g_string_free (out, FALSE);
}

void
crm_chart_table_free (CrmChartTable *table)
{
  if (table == NULL)
    return;
  g_strfreev (table->column_titles);
  for (gsize i = 0; i < (gsize) table->n_rows * table->n_columns; i++)
    g_free (table->cells[i]);
  g_free (table->cells);
  g_free (table);
}

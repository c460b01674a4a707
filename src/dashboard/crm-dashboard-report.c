/* crm-dashboard-report.c — the PDF report (see the header). Text is laid out with Pango in
 * points; Cairo writes the document through a GOutputStream from g_file_replace(), so a failed
 * report leaves the file that was there (or none) rather than half a document.
 */
#include "config.h"

#include "crm-dashboard-report.h"

#include <cairo-pdf.h>
#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <pango/pangocairo.h>

#define MARGIN 40.0
#define TITLE_SIZE 20.0
#define TEXT_SIZE 10.0
#define SMALL_SIZE 8.0

static void
set_color (cairo_t *cr, const CrmChartColor *color)
{
  cairo_set_source_rgb (cr, color->red, color->green, color->blue);
}

/* Draws @text at (@x, @y), its top left, at most @width wide (ellipsised; ≤ 0: no limit);
 * returns its height. User text: never markup. */
static double
show_text (cairo_t *cr,
           const char *text,
           double x,
           double y,
           double width,
           double size,
           gboolean bold,
           const CrmChartColor *color)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);
  PangoFontDescription *font = pango_font_description_from_string ("Sans");
  int text_width, text_height;

  pango_font_description_set_absolute_size (font, size * PANGO_SCALE);
  if (bold)
    pango_font_description_set_weight (font, PANGO_WEIGHT_BOLD);
  pango_layout_set_font_description (layout, font);
  pango_layout_set_text (layout, text != NULL ? text : "", -1);
  if (width > 0)
    {
      pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
    }
  pango_layout_get_size (layout, &text_width, &text_height);
  set_color (cr, color);
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
  pango_font_description_free (font);
  g_object_unref (layout);
  return (double) text_height / PANGO_SCALE;
}

static void
paint_background (cairo_t *cr, const CrmChartPalette *palette)
{
  set_color (cr, &palette->background);
  cairo_paint (cr);
}

/* The heading of every page: a title, and the period and pipeline under it; returns where the
 * content starts. */
static double
draw_heading (cairo_t *cr, const CrmChartPalette *palette, const char *title, const char *subtitle)
{
  double width = CRM_DASHBOARD_REPORT_PAGE_WIDTH - 2 * MARGIN;
  double y = MARGIN;

  y += show_text (cr, title, MARGIN, y, width, TITLE_SIZE, TRUE, &palette->foreground);
  y += 4;
  y += show_text (cr, subtitle, MARGIN, y, width, TEXT_SIZE, FALSE, &palette->dim_foreground);
  return y + 16;
}

static void
draw_rule (cairo_t *cr, const CrmChartPalette *palette, double y)
{
  set_color (cr, &palette->grid);
  cairo_set_line_width (cr, 0.75);
  cairo_move_to (cr, MARGIN, y);
  cairo_line_to (cr, CRM_DASHBOARD_REPORT_PAGE_WIDTH - MARGIN, y);
  cairo_stroke (cr);
}

/* Page 1: the KPI table. Columns: KPI, this period (with what it is made of, or why it is
 * missing, in small type under it), the previous period, the change. */
static void
draw_kpi_page (cairo_t *cr,
               CrmDashboardData *data,
               const CrmChartPalette *palette,
               const char *subtitle)
{
  const double width = CRM_DASHBOARD_REPORT_PAGE_WIDTH - 2 * MARGIN;
  const double columns[]
      = { MARGIN, MARGIN + 0.26 * width, MARGIN + 0.68 * width, MARGIN + 0.85 * width };
  const double column_widths[] = { 0.25 * width, 0.41 * width, 0.16 * width, 0.15 * width };
  const char *titles[] = { _ ("KPI"), _ ("This period"), _ ("Previous period"), _ ("Change") };
  double y = draw_heading (cr, palette, _ ("Sales KPI Report"), subtitle);

  for (guint c = 0; c < G_N_ELEMENTS (titles); c++)
    show_text (cr, titles[c], columns[c], y, column_widths[c], TEXT_SIZE, TRUE,
               &palette->dim_foreground);
  y += TEXT_SIZE * 1.6;
  draw_rule (cr, palette, y);
  y += 5;

  for (guint i = 0; i < G_N_ELEMENTS (crm_dashboard_kpis); i++)
    {
      CrmKpi kpi = crm_dashboard_kpis[i];
      g_auto (CrmDashboardFigure) figure = { 0 };
      double row_height;

      crm_dashboard_data_get_figure (data, kpi, &figure);
      show_text (cr, crm_kpi_get_label (kpi), columns[0], y, column_widths[0], TEXT_SIZE, FALSE,
                 &palette->foreground);
      row_height = show_text (cr, figure.value, columns[1], y, column_widths[1], TEXT_SIZE, TRUE,
                              &palette->foreground);
      if (figure.detail != NULL)
        row_height += show_text (cr, figure.detail, columns[1], y + row_height, column_widths[1],
                                 SMALL_SIZE, FALSE, &palette->dim_foreground);
      show_text (cr, figure.previous != NULL ? figure.previous : "—", columns[2], y,
                 column_widths[2], TEXT_SIZE, FALSE, &palette->foreground);
      show_text (cr, figure.change != NULL ? figure.change : "—", columns[3], y, column_widths[3],
                 TEXT_SIZE, FALSE,
                 figure.direction == 0 ? &palette->dim_foreground
                 : figure.better       ? &palette->green
                                       : &palette->red);
      y += MAX (row_height, TEXT_SIZE * 2.4) + 4;
      draw_rule (cr, palette, y - 2);
    }
}

static void
draw_chart_page (cairo_t *cr,
                 CrmDashboardData *data,
                 const CrmChartPalette *palette,
                 CrmChartKind kind,
                 const char *subtitle)
{
  g_autofree char *heading = NULL;
  const char *currency = crm_dashboard_data_get_currency (data);
  double top;

  if (kind == CRM_CHART_REVENUE && currency != NULL)
    /* Translators: the revenue chart's title and its currency, e.g. "Won Revenue (EUR)". */
    heading = g_strdup_printf (_ ("%s (%s)"), crm_dashboard_chart_get_title (kind), currency);
  else
    heading = g_strdup (crm_dashboard_chart_get_title (kind));
  top = draw_heading (cr, palette, heading, subtitle);
  cairo_save (cr);
  cairo_translate (cr, MARGIN, top);
  crm_chart_draw (kind, cr, CRM_DASHBOARD_REPORT_PAGE_WIDTH - 2 * MARGIN,
                  CRM_DASHBOARD_REPORT_PAGE_HEIGHT - MARGIN - top, palette,
                  crm_dashboard_data_get_chart (data, kind));
  cairo_restore (cr);
}

typedef struct
{
  CrmDashboardData *data;
  const char *pipeline_name;
  gboolean dark;
} Report;

static cairo_status_t
render (cairo_write_func_t write, void *closure, gpointer user_data)
{
  const Report *job = user_data;
  CrmDashboardData *data = job->data;
  const char *pipeline_name = job->pipeline_name;
  gboolean dark = job->dark;
  const CrmKpiReport *report = crm_dashboard_data_get_report (data);
  const CrmChartPalette *palette = crm_chart_palette_get (dark);
  g_autofree char *period = crm_dashboard_format_period (report->options.from, report->options.to);
  /* Translators: a report's subtitle: the period, then the pipeline or "All pipelines". */
  g_autofree char *subtitle = g_strdup_printf (
      _ ("%s · %s"), period, pipeline_name != NULL ? pipeline_name : _ ("All pipelines"));
  cairo_surface_t *surface = cairo_pdf_surface_create_for_stream (
      write, closure, CRM_DASHBOARD_REPORT_PAGE_WIDTH, CRM_DASHBOARD_REPORT_PAGE_HEIGHT);
  cairo_t *cr = cairo_create (surface);
  cairo_status_t status;

  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, _ ("Sales KPI Report"));
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Rapport");
  paint_background (cr, palette);
  draw_kpi_page (cr, data, palette, subtitle);
  cairo_show_page (cr);
  for (guint kind = 0; kind < CRM_CHART_N_KINDS; kind++)
    {
      paint_background (cr, palette);
      draw_chart_page (cr, data, palette, (CrmChartKind) kind, subtitle);
      cairo_show_page (cr);
    }
  status = cairo_status (cr);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  return status;
}

gboolean
crm_dashboard_write_report (CrmDashboardData *data,
                            const char *pipeline_name,
                            gboolean dark,
                            const char *path,
                            GError **error)
{
  Report job = { data, pipeline_name, dark };

  g_return_val_if_fail (data != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return crm_chart_write_file (path, CRM_CHART_FILE_REPORT, render, &job, error);
}

/* crm-chart.h — Rapport's KPI charts, drawn with Cairo (text with Pango), no GTK: a cairo_t, a
 * size, a palette and a plain data struct in, pixels out. The same calls draw on screen (the
 * dashboard's widget), into PNG/SVG/PDF files (crm_chart_export) and in the tests.
 *
 * Every chart has three typed calls — crm_chart_draw_X() draws it, crm_chart_X_hit_test() names
 * the item under a point (for tooltips), crm_chart_X_to_table() gives its data as rows of text
 * (the accessible, copyable table view) — and the same three exist once more taking a
 * CrmChartKind and a `gconstpointer` to the kind's data struct, for code that handles any chart.
 *
 * The data structs are plain: the caller owns every array and string, which must stay valid for
 * the call only; the charts keep nothing. Names (stages, sources, reasons) are user text, drawn
 * as is (never markup). Money is an integer in minor units with its ISO 4217 code: one chart
 * shows one currency (no conversion). Months are calendar months, given oldest first; the charts
 * label them as the locale writes month names.
 *
 * Coordinates are in Cairo user units from the top left of the chart, (0, 0)–(width, height).
 * The draw calls stay inside that rectangle (they set no clip: the caller's clip is kept) and do
 * not paint the background: the widget's own shows through; crm_chart_export() paints the
 * palette's. A chart without data draws its empty-state message ("No lost deals in this period")
 * instead of axes.
 */
#pragma once

#include <cairo.h>
#include <glib.h>

G_BEGIN_DECLS

/* ---- Kinds ------------------------------------------------------------------------------- */

typedef enum
{
  CRM_CHART_FUNNEL,       /* CrmChartFunnel: deals entering each stage, conversion between */
  CRM_CHART_REVENUE,      /* CrmChartRevenue: won revenue per month, weighted forecast */
  CRM_CHART_WIN_RATE,     /* CrmChartWinRate: won ÷ (won + lost) per month, 0–100 % */
  CRM_CHART_LEAD_SOURCES, /* CrmChartCounts: new leads by source */
  CRM_CHART_LOST_REASONS, /* CrmChartCounts: lost deals by reason */
  CRM_CHART_STAGE_TIME,   /* CrmChartStageTime: mean days spent in each stage */
  CRM_CHART_SATISFACTION, /* CrmChartSatisfaction: NPS (−100…100) and CSAT (0–100 %) per month */
  CRM_CHART_N_KINDS
} CrmChartKind;

/* ---- Colours ----------------------------------------------------------------------------- */

typedef struct
{
  double red, green, blue; /* 0–1 */
} CrmChartColor;

/* The colours a chart is drawn with: the libadwaita window colours and named palette colours
 * of the light or the dark style. */
typedef struct
{
  gboolean dark;
  CrmChartColor background;     /* window background: crm_chart_export() paints it */
  CrmChartColor foreground;     /* names, legend */
  CrmChartColor dim_foreground; /* axis tick labels, the empty-state message */
  CrmChartColor grid;           /* grid lines at the ticks */
  CrmChartColor axis;           /* the zero line */
  CrmChartColor blue;           /* funnel, win rate, lead sources */
  CrmChartColor green;          /* won revenue (forecast: hatched) */
  CrmChartColor yellow;
  CrmChartColor orange; /* time per stage, CSAT */
  CrmChartColor red;    /* lost reasons */
  CrmChartColor purple; /* NPS */
  CrmChartColor brown;
} CrmChartPalette;

/* The palette of the light (@dark FALSE) or dark style; static, never freed. */
const CrmChartPalette *
crm_chart_palette_get (gboolean dark);

/* ---- Data -------------------------------------------------------------------------------- */

typedef struct
{
  int year;
  int month; /* 1–12 */
} CrmChartMonth;

/* Stage funnel: one row per stage, in pipeline order (the open stages, then Won). */
typedef struct
{
  const char *name; /* stage name */
  guint entered;    /* deals that entered the stage in the period */
  guint moved_on;   /* of those, the deals that later entered any later non-Lost stage */
} CrmChartFunnelStage;

typedef struct
{
  const CrmChartFunnelStage *stages;
  guint n_stages;
} CrmChartFunnel;

/* Won revenue per month (solid bars) and the weighted forecast (hatched bars, stacked on the
 * won part: the current month may have both). */
typedef struct
{
  CrmChartMonth month;
  gint64 won_minor;      /* Σ value of the deals won in the month */
  gint64 forecast_minor; /* Σ value × probability of the open deals expected to close in it */
} CrmChartRevenueMonth;

typedef struct
{
  const char *currency; /* ISO 4217 code of every amount */
  const CrmChartRevenueMonth *months;
  guint n_months;
} CrmChartRevenue;

/* Win rate per month: won ÷ (won + lost) over the deals closed in the month. A month without
 * closed deals has no point (the line breaks there). */
typedef struct
{
  CrmChartMonth month;
  guint won;
  guint lost;
} CrmChartWinRateMonth;

typedef struct
{
  const CrmChartWinRateMonth *months;
  guint n_months;
} CrmChartWinRate;

/* A count per named item: new leads by source (vertical bars), lost deals by reason (horizontal
 * bars). Drawn in the order given; for lost reasons give the largest first. */
typedef struct
{
  const char *name; /* source or reason ("No reason given" and the like come from the caller) */
  guint count;
} CrmChartCount;

typedef struct
{
  const CrmChartCount *items;
  guint n_items;
} CrmChartCounts;

/* Time spent per stage: the mean days the deals that left the stage in the period spent in it. */
typedef struct
{
  const char *name; /* stage name */
  double mean_days; /* ≥ 0 */
  guint n_deals;    /* deals measured; 0: no bar (no data, not "0 days") */
} CrmChartStageTimeItem;

typedef struct
{
  const CrmChartStageTimeItem *stages;
  guint n_stages;
} CrmChartStageTime;

/* NPS and CSAT per month, from the counts of answers (the charts compute the scores):
 * NPS = % promoters − % detractors (−100…100), CSAT = % satisfied (0–100). A month without
 * answers of a kind has no point of that kind. */
typedef struct
{
  CrmChartMonth month;
  guint nps_promoters;  /* NPS answers 9–10 */
  guint nps_passives;   /* 7–8 */
  guint nps_detractors; /* 0–6 */
  guint csat_satisfied; /* CSAT answers 4–5 */
  guint csat_answers;   /* all CSAT answers */
} CrmChartSatisfactionMonth;

typedef struct
{
  const CrmChartSatisfactionMonth *months;
  guint n_months;
} CrmChartSatisfaction;

/* ---- Hit tests, tables, areas ------------------------------------------------------------- */

typedef struct
{
  double x, y, width, height;
} CrmChartRect;

/* What a point of a chart shows, for a tooltip. Start from a zeroed struct (`CrmChartHit hit =
 * { 0 }`); a hit test frees what an earlier one left in it; crm_chart_hit_clear() frees it at the
 * end (g_auto (CrmChartHit) does that). */
typedef struct
{
  int index;         /* the item: stage, month, source or reason index in the data; -1: none */
  int series;        /* 0, or the second mark of an item: the revenue's forecast (1), CSAT (1) */
  char *label;       /* the item's name or month, e.g. "Proposal", "Mar 2025" */
  char *value;       /* its exact value, e.g. "€12,500.00", "62% (31 won, 19 lost)" */
  CrmChartRect area; /* the mark (bar, point), to point the tooltip at */
} CrmChartHit;

void
crm_chart_hit_clear (CrmChartHit *hit);

/* A chart's data as text: a title per column, then rows of cells (formatted like the chart's
 * tooltips), e.g. Month | Won | Forecast (weighted). */
typedef struct
{
  guint n_columns;
  guint n_rows;
  char **column_titles; /* n_columns */
  char **cells;         /* n_rows × n_columns, row by row */
} CrmChartTable;

const char *
crm_chart_table_get_cell (const CrmChartTable *table, guint row, guint column);
/* The table as tab-separated lines, titles first (for the clipboard). */
char *
crm_chart_table_to_text (const CrmChartTable *table);
void
crm_chart_table_free (CrmChartTable *table);

/* ---- Any chart --------------------------------------------------------------------------- */

/* @data points to the struct of @kind (see CrmChartKind); NULL draws the empty state. @palette
 * NULL: the light one. */
void
crm_chart_draw (CrmChartKind kind,
                cairo_t *cr,
                double width,
                double height,
                const CrmChartPalette *palette,
                gconstpointer data);

/* Fills @hit and returns TRUE when (@x, @y) is on an item of the chart drawn at @width ×
 * @height; else returns FALSE with @hit->index -1. A bar chart's item is the bar's column or row
 * across the plot, a line chart's the month's column where it has a point. */
gboolean
crm_chart_hit_test (CrmChartKind kind,
                    gconstpointer data,
                    double width,
                    double height,
                    double x,
                    double y,
                    CrmChartHit *hit);

CrmChartTable *
crm_chart_to_table (CrmChartKind kind, gconstpointer data);

/* Whether @data has nothing to show (the chart draws its empty-state message). */
gboolean
crm_chart_is_empty (CrmChartKind kind, gconstpointer data);

/* The translated empty-state message of @kind, e.g. "No won deals in this period". */
const char *
crm_chart_get_empty_message (CrmChartKind kind);

/* The rectangle inside the axes where the marks go (the value range spans its height, or its
 * width for horizontal bars; items share the other side equally); FALSE for an empty chart. For
 * a hover highlight, and for the tests. */
gboolean
crm_chart_get_plot_area (
    CrmChartKind kind, gconstpointer data, double width, double height, CrmChartRect *area);

/* ---- Files ------------------------------------------------------------------------------- */

#define CRM_CHART_ERROR (crm_chart_error_quark ())

typedef enum
{
  CRM_CHART_ERROR_UNKNOWN_FORMAT, /* the file name ends in none of .png .svg .pdf */
  CRM_CHART_ERROR_FAILED,         /* a size out of 1–20000, or Cairo could not draw or encode */
} CrmChartError;

GQuark
crm_chart_error_quark (void);

/* Draws the chart on the palette's background into @path, a PNG (@width × @height pixels), SVG
 * or PDF (@width × @height points) as its extension says (any case). The file is replaced whole
 * or not at all; errors name the file and the reason (CRM_CHART_ERROR, or G_IO_ERROR from
 * writing it). */
gboolean
crm_chart_export (CrmChartKind kind,
                  gconstpointer data,
                  const CrmChartPalette *palette,
                  double width,
                  double height,
                  const char *path,
                  GError **error);

/* What crm_chart_write_file() writes: its errors say "Could not save the chart…" or "…the
 * report…". */
typedef enum
{
  CRM_CHART_FILE_CHART,
  CRM_CHART_FILE_REPORT,
} CrmChartFileKind;

/* Encodes a document into the stream of @write and @closure (as cairo_*_for_stream take them)
 * and returns the status of the first step that failed. */
typedef cairo_status_t (*CrmChartRenderFunc) (cairo_write_func_t write,
                                              void *closure,
                                              gpointer user_data);

/* Replaces @path whole with what @render writes, or leaves it as it was (a file that did not
 * exist is not left behind) and says why in @error. Both crm_chart_export() and the PDF report
 * write their files through it. */
gboolean
crm_chart_write_file (const char *path,
                      CrmChartFileKind file_kind,
                      CrmChartRenderFunc render,
                      gpointer user_data,
                      GError **error);

/* ---- Each chart -------------------------------------------------------------------------- */

void
crm_chart_draw_funnel (cairo_t *cr,
                       double width,
                       double height,
                       const CrmChartPalette *palette,
                       const CrmChartFunnel *data);
gboolean
crm_chart_funnel_hit_test (
    const CrmChartFunnel *data, double width, double height, double x, double y, CrmChartHit *hit);
CrmChartTable *
crm_chart_funnel_to_table (const CrmChartFunnel *data);

void
crm_chart_draw_revenue (cairo_t *cr,
                        double width,
                        double height,
                        const CrmChartPalette *palette,
                        const CrmChartRevenue *data);
gboolean
crm_chart_revenue_hit_test (
    const CrmChartRevenue *data, double width, double height, double x, double y, CrmChartHit *hit);
CrmChartTable *
crm_chart_revenue_to_table (const CrmChartRevenue *data);

void
crm_chart_draw_win_rate (cairo_t *cr,
                         double width,
                         double height,
                         const CrmChartPalette *palette,
                         const CrmChartWinRate *data);
gboolean
crm_chart_win_rate_hit_test (
    const CrmChartWinRate *data, double width, double height, double x, double y, CrmChartHit *hit);
CrmChartTable *
crm_chart_win_rate_to_table (const CrmChartWinRate *data);

void
crm_chart_draw_lead_sources (cairo_t *cr,
                             double width,
                             double height,
                             const CrmChartPalette *palette,
                             const CrmChartCounts *data);
gboolean
crm_chart_lead_sources_hit_test (
    const CrmChartCounts *data, double width, double height, double x, double y, CrmChartHit *hit);
CrmChartTable *
crm_chart_lead_sources_to_table (const CrmChartCounts *data);

void
crm_chart_draw_lost_reasons (cairo_t *cr,
                             double width,
                             double height,
                             const CrmChartPalette *palette,
                             const CrmChartCounts *data);
gboolean
crm_chart_lost_reasons_hit_test (
    const CrmChartCounts *data, double width, double height, double x, double y, CrmChartHit *hit);
CrmChartTable *
crm_chart_lost_reasons_to_table (const CrmChartCounts *data);

void
crm_chart_draw_stage_time (cairo_t *cr,
                           double width,
                           double height,
                           const CrmChartPalette *palette,
                           const CrmChartStageTime *data);
gboolean
crm_chart_stage_time_hit_test (const CrmChartStageTime *data,
                               double width,
                               double height,
                               double x,
                               double y,
                               CrmChartHit *hit);
CrmChartTable *
crm_chart_stage_time_to_table (const CrmChartStageTime *data);

void
crm_chart_draw_satisfaction (cairo_t *cr,
                             double width,
                             double height,
                             const CrmChartPalette *palette,
                             const CrmChartSatisfaction *data);
gboolean
crm_chart_satisfaction_hit_test (const CrmChartSatisfaction *data,
                                 double width,
                                 double height,
                                 double x,
                                 double y,
                                 CrmChartHit *hit);
CrmChartTable *
crm_chart_satisfaction_to_table (const CrmChartSatisfaction *data);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (CrmChartHit, crm_chart_hit_clear)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrmChartTable, crm_chart_table_free)

G_END_DECLS

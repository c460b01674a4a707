/* crm-chart-private.h — what the chart files share: the canvas (a cairo_t, or none when only
 * measuring for a hit test, and the Pango context every label is measured with), "nice" axis
 * scales, the value formats, the frame of the charts with a value axis and a row of months or
 * names under it, and the table of kinds (CrmChartClass) the public calls dispatch through.
 */
#pragma once

#include "crm-chart.h"

#include <pango/pangocairo.h>

G_BEGIN_DECLS

/* ---- Canvas ------------------------------------------------------------------------------ */

typedef struct
{
  cairo_t *cr; /* NULL when only measuring */
  const CrmChartPalette *palette;
  PangoContext *pango;
  PangoFontDescription *font;
  double width;
  double height;
  gboolean narrow;    /* a phone-sized chart: tighter margins, fewer labels */
  double pad;         /* margin kept free around everything */
  double line_height; /* of one line of label text */
} CrmChartCanvas;

/* Draws with @cr, or measures only when @cr is NULL. The text metrics do not depend on @cr, so a
 * hit test lays the chart out exactly as it was drawn. */
void
crm_chart_canvas_init (CrmChartCanvas *canvas,
                       cairo_t *cr,
                       double width,
                       double height,
                       const CrmChartPalette *palette);
void
crm_chart_canvas_clear (CrmChartCanvas *canvas);

/* A one-line label of @text, ellipsised at the end when wider than @max_width (≤ 0: no limit). */
PangoLayout *
crm_chart_canvas_label (CrmChartCanvas *canvas, const char *text, double max_width);
/* A label wrapped to at most @max_lines lines of @width, centred, ellipsised after the last. */
PangoLayout *
crm_chart_canvas_wrapped_label (CrmChartCanvas *canvas,
                                const char *text,
                                double width,
                                int max_lines);
void
crm_chart_label_get_size (PangoLayout *layout, double *width, double *height);
/* Draws @layout with its top left corner at (@x, @y). */
void
crm_chart_canvas_show (
    CrmChartCanvas *canvas, PangoLayout *layout, double x, double y, const CrmChartColor *color);
/* Draws @layout centred on @x, its top at @y, moved as little as needed to stay on the canvas. */
void
crm_chart_canvas_show_centred (
    CrmChartCanvas *canvas, PangoLayout *layout, double x, double y, const CrmChartColor *color);
void
crm_chart_canvas_draw_empty (CrmChartCanvas *canvas, const char *message);

void
crm_chart_set_color (cairo_t *cr, const CrmChartColor *color, double alpha);
/* A bar from @rect, its end away from the baseline slightly rounded (@horizontal: the right). */
void
crm_chart_bar_path (cairo_t *cr, const CrmChartRect *rect, gboolean horizontal);
/* A bar filled lightly and hatched: the look of forecasts. */
void
crm_chart_draw_hatched_bar (cairo_t *cr, const CrmChartRect *rect, const CrmChartColor *color);
gboolean
crm_chart_rect_contains (const CrmChartRect *rect, double x, double y);

/* ---- Scales ------------------------------------------------------------------------------ */

/* An axis from @min to @max in @n_steps steps of @step, each a "nice" 1, 2 or 5 × 10ⁿ. */
typedef struct
{
  double min;
  double max;
  double step;
  guint n_steps;
} CrmChartScale;

/* The nice scale covering @lo–@hi in at most @max_steps steps no smaller than @min_step (0: any). */
void
crm_chart_scale_init (CrmChartScale *scale, double lo, double hi, guint max_steps, double min_step);
double
crm_chart_scale_tick (const CrmChartScale *scale, guint i);
/* Where @value falls on the scale: 0 at min, 1 at max. */
double
crm_chart_scale_fraction (const CrmChartScale *scale, double value);

/* ---- Formats ----------------------------------------------------------------------------- */

typedef char *(*CrmChartTickFormat) (double value, double step, gconstpointer user_data);

char *
crm_chart_format_count_tick (double value, double step, gconstpointer user_data);
/* @value in major units of the currency @user_data (a const char * code). */
char *
crm_chart_format_money_tick (double value, double step, gconstpointer user_data);
char *
crm_chart_format_percent_tick (double value, double step, gconstpointer user_data);
char *
crm_chart_format_number_tick (double value, double step, gconstpointer user_data);

/* "62%" (rounded to a whole percent). */
char *
crm_chart_format_percent (double percent);
/* "12.4 days", "1 day". */
char *
crm_chart_format_days (double days);
/* "Mar 2025", and the parts of an axis label: "Mar", "2025". */
char *
crm_chart_format_month (const CrmChartMonth *month);
char *
crm_chart_format_month_short (const CrmChartMonth *month);
char *
crm_chart_format_year (const CrmChartMonth *month);

/* ---- The frame of the charts with a value axis over months or names ----------------------- */

typedef enum
{
  CRM_CHART_SWATCH_BAR,
  CRM_CHART_SWATCH_HATCHED,
  CRM_CHART_SWATCH_LINE,
} CrmChartSwatch;

typedef struct
{
  const char *label; /* translated */
  const CrmChartColor *color;
  CrmChartSwatch swatch;
} CrmChartLegendItem;

typedef struct
{
  /* Set by the chart before crm_chart_frame_layout(). */
  guint n_slots;
  const CrmChartMonth *months; /* n_slots months along the bottom, or NULL for … */
  const char *const *names;    /* … n_slots names */
  double lo;                   /* the values to show (include 0 for bars) */
  double hi;
  double min_step; /* 1 for counts and whole money units */
  CrmChartTickFormat format_tick;
  gconstpointer format_data;
  const char *unit; /* caption over the value axis, or NULL */
  const CrmChartLegendItem *legend;
  guint n_legend;

  /* Computed. */
  gboolean drawable; /* FALSE when the canvas is too small for a plot */
  CrmChartRect plot;
  CrmChartScale scale;
  double slot_width;
  PangoLayout **tick_labels; /* scale.n_steps + 1, from the bottom */
  PangoLayout **slot_labels; /* n_slots; NULL where a label is skipped */
  PangoLayout **year_labels; /* n_slots, months only; NULL where the year is not repeated */
  gboolean rotated;          /* slot labels at 45° */
  double labels_top;
  PangoLayout *unit_label;
  PangoLayout **legend_labels;
} CrmChartFrame;

void
crm_chart_frame_layout (CrmChartFrame *frame, CrmChartCanvas *canvas);
/* The grid and tick labels (under the marks), then the zero line, slot labels, unit and legend
 * (over them). */
void
crm_chart_frame_draw_back (CrmChartFrame *frame, CrmChartCanvas *canvas);
void
crm_chart_frame_draw_front (CrmChartFrame *frame, CrmChartCanvas *canvas);
void
crm_chart_frame_clear (CrmChartFrame *frame);

double
crm_chart_frame_value_y (const CrmChartFrame *frame, double value);
double
crm_chart_frame_slot_centre (const CrmChartFrame *frame, guint slot);
/* A bar of slot @slot from @from to @to (values). */
void
crm_chart_frame_bar_rect (
    const CrmChartFrame *frame, guint slot, double from, double to, CrmChartRect *rect);
/* The slot whose column holds (@x, @y) inside the plot, or -1. With @bars_only, the gaps
 * between bars are no slot. */
int
crm_chart_frame_slot_at (const CrmChartFrame *frame, double x, double y, gboolean bars_only);

/* A line through the values of the slots where @present (broken where not), a dot on each. */
void
crm_chart_frame_draw_line (CrmChartFrame *frame,
                           CrmChartCanvas *canvas,
                           const double *values,
                           const gboolean *present,
                           const CrmChartColor *color);
/* The rectangle around a point, for hits. */
void
crm_chart_frame_point_rect (const CrmChartFrame *frame,
                            guint slot,
                            double value,
                            CrmChartRect *rect);

/* ---- Kinds ------------------------------------------------------------------------------- */

typedef struct
{
  const char *empty_message; /* N_() */
  gboolean (*is_empty) (gconstpointer data);
  void (*draw) (CrmChartCanvas *canvas, gconstpointer data);
  gboolean (*hit_test) (
      CrmChartCanvas *canvas, gconstpointer data, double x, double y, CrmChartHit *hit);
  gboolean (*plot_area) (CrmChartCanvas *canvas, gconstpointer data, CrmChartRect *area);
  CrmChartTable *(*to_table) (gconstpointer data);
} CrmChartClass;

extern const CrmChartClass crm_chart_funnel_class;
extern const CrmChartClass crm_chart_revenue_class;
extern const CrmChartClass crm_chart_win_rate_class;
extern const CrmChartClass crm_chart_lead_sources_class;
extern const CrmChartClass crm_chart_lost_reasons_class;
extern const CrmChartClass crm_chart_stage_time_class;
extern const CrmChartClass crm_chart_satisfaction_class;

/* Sets @hit to @index, @series, @area and takes @label and @value. */
void
crm_chart_hit_set (
    CrmChartHit *hit, int index, int series, const CrmChartRect *area, char *label, char *value);

/* A table with the given column titles (translated, copied) and @n_rows empty rows; cells are
 * set with crm_chart_table_take_cell(). */
CrmChartTable *
crm_chart_table_new (guint n_rows, guint n_columns, const char *const *column_titles);
void
crm_chart_table_take_cell (CrmChartTable *table, guint row, guint column, char *text);

/* The sum of the counts, and the counts as a table: name, count, share of the sum (shared by
 * the lead sources and the lost reasons). */
guint64
crm_chart_counts_total (const CrmChartCounts *data);
CrmChartTable *
crm_chart_counts_to_table (const CrmChartCounts *data,
                           const char *name_title,
                           const char *count_title);

/* The bar width of a slot: most of it, within reason. */
double
crm_chart_bar_width (double slot_width);

G_END_DECLS

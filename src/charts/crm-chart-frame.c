/* crm-chart-frame.c — the frame shared by the charts with a value axis: the tick labels at round
 * values on the left with their grid lines, a row of months or names under the plot, a caption
 * and a legend over it. Laid out for the size at hand: fewer ticks in a short chart, month
 * labels skipped to every 2nd, 3rd, 6th… month (calendar-aligned) when they would touch, names
 * wrapped, ellipsised or turned 45° when their columns are narrow.
 */
#include "config.h"

#include "crm-chart-private.h"

#include <math.h>

#define TICK_GAP 8     /* between the tick labels and the plot */
#define LABEL_GAP 6    /* between the plot and the labels under it */
#define SWATCH_SIZE 12 /* legend swatch */
#define ROTATED_SIN 0.7071067811865476
#define MIN_WRAP_WIDTH 44 /* narrower columns get their names turned */

static double
snap (double coordinate)
{
  return floor (coordinate) + 0.5;
}

/* ---- Layout ------------------------------------------------------------------------------ */

static void
layout_top_row (CrmChartFrame *frame, CrmChartCanvas *canvas)
{
  double room = canvas->width - 2 * canvas->pad;

  if (frame->unit != NULL)
    {
      frame->unit_label = crm_chart_canvas_label (canvas, frame->unit, room / 3);
      room -= room / 3;
    }
  if (frame->n_legend == 0)
    return;
  frame->legend_labels = g_new0 (PangoLayout *, frame->n_legend);
  for (guint i = 0; i < frame->n_legend; i++)
    {
      double share = room / frame->n_legend - SWATCH_SIZE - 16;

      frame->legend_labels[i] = crm_chart_canvas_label (canvas, frame->legend[i].label, share);
    }
}

/* Whether month @month gets a label when every @every-th month does: January always, and the
 * months a whole number of @every after it (@every divides 12, or is a number of years). */
static gboolean
month_is_labelled (const CrmChartMonth *month, guint every)
{
  if (every <= 12)
    return (month->month - 1) % every == 0;
  return month->month == 1 && month->year % (every / 12) == 0;
}

static double
layout_months (CrmChartFrame *frame, CrmChartCanvas *canvas)
{
  static const guint steps[] = { 1, 2, 3, 4, 6, 12 };
  double widest = 0, width;
  guint every = 0;
  int previous_year = G_MININT;
  gboolean any = FALSE;

  frame->slot_labels = g_new0 (PangoLayout *, frame->n_slots);
  frame->year_labels = g_new0 (PangoLayout *, frame->n_slots);
  for (guint i = 0; i < frame->n_slots; i++)
    {
      g_autofree char *text = crm_chart_format_month_short (&frame->months[i]);

      frame->slot_labels[i] = crm_chart_canvas_label (canvas, text, 0);
      crm_chart_label_get_size (frame->slot_labels[i], &width, NULL);
      widest = MAX (widest, width);
    }
  {
    g_autofree char *year = crm_chart_format_year (&frame->months[0]);
    PangoLayout *probe = crm_chart_canvas_label (canvas, year, 0);

    crm_chart_label_get_size (probe, &width, NULL);
    widest = MAX (widest, width);
    g_object_unref (probe);
  }

  for (guint i = 0; i < G_N_ELEMENTS (steps) && every == 0; i++)
    {
      if (steps[i] * frame->slot_width >= widest + 8)
        every = steps[i];
    }
  if (every == 0)
    every = 12 * (guint) ceil ((widest + 8) / (12 * frame->slot_width));

  for (guint i = 0; i < frame->n_slots; i++)
    {
      if (!month_is_labelled (&frame->months[i], every))
        g_clear_object (&frame->slot_labels[i]);
      else
        any = TRUE;
    }
  /* A short series may hold none of the calendar-aligned months: label its first. */
  if (!any)
    {
      g_autofree char *text = crm_chart_format_month_short (&frame->months[0]);
      frame->slot_labels[0] = crm_chart_canvas_label (canvas, text, 0);
    }

  /* The year under the first label and wherever it changes. */
  for (guint i = 0; i < frame->n_slots; i++)
    {
      if (frame->slot_labels[i] == NULL || frame->months[i].year == previous_year)
        continue;
      {
        g_autofree char *year = crm_chart_format_year (&frame->months[i]);
        frame->year_labels[i] = crm_chart_canvas_label (canvas, year, 0);
      }
      previous_year = frame->months[i].year;
    }
  return 2 * canvas->line_height + LABEL_GAP;
}

static double
layout_names (CrmChartFrame *frame, CrmChartCanvas *canvas)
{
  double room = frame->slot_width - 6, widest = 0, tallest = 0, width, height;
  double limit = canvas->narrow ? 90 : 130, lh = canvas->line_height;
  guint every;

  frame->slot_labels = g_new0 (PangoLayout *, frame->n_slots);
  for (guint i = 0; i < frame->n_slots; i++)
    {
      frame->slot_labels[i] = crm_chart_canvas_label (canvas, frame->names[i], 0);
      crm_chart_label_get_size (frame->slot_labels[i], &width, NULL);
      widest = MAX (widest, width);
    }
  if (widest <= room)
    return lh + LABEL_GAP;

  if (room >= MIN_WRAP_WIDTH)
    {
      for (guint i = 0; i < frame->n_slots; i++)
        {
          g_object_unref (frame->slot_labels[i]);
          frame->slot_labels[i] = crm_chart_canvas_wrapped_label (canvas, frame->names[i], room, 2);
          crm_chart_label_get_size (frame->slot_labels[i], NULL, &height);
          tallest = MAX (tallest, height);
        }
      return tallest + LABEL_GAP;
    }

  /* Turned 45°, each ending under its column; every n-th when even so they would touch. */
  frame->rotated = TRUE;
  every = (guint) MAX (1, ceil (lh / (ROTATED_SIN * frame->slot_width)));
  widest = 0;
  for (guint i = 0; i < frame->n_slots; i++)
    {
      double centre = crm_chart_frame_slot_centre (frame, i);
      double max_width = MIN (limit, centre / ROTATED_SIN - lh / 2 - 1);

      g_clear_object (&frame->slot_labels[i]);
      if (i % every != 0 || max_width < lh)
        continue;
      frame->slot_labels[i] = crm_chart_canvas_label (canvas, frame->names[i], max_width);
      crm_chart_label_get_size (frame->slot_labels[i], &width, NULL);
      widest = MAX (widest, width);
    }
  return ROTATED_SIN * (widest + lh) + 4 + LABEL_GAP;
}

void
crm_chart_frame_layout (CrmChartFrame *frame, CrmChartCanvas *canvas)
{
  double lh = canvas->line_height, pad = canvas->pad;
  double top = pad, estimate, tick_width = 0, width, band;
  guint max_steps;

  frame->drawable = FALSE;
  if (frame->n_slots == 0)
    return;
  if (frame->unit != NULL || frame->n_legend > 0)
    {
      layout_top_row (frame, canvas);
      top += lh + 6;
    }
  /* Half the top tick label stands above the top grid line. */
  top += lh / 2;

  estimate = canvas->height - top - pad - 2 * lh - LABEL_GAP;
  max_steps = (guint) CLAMP (floor (estimate / (canvas->narrow ? 36 : 40)), 1, 8);
  crm_chart_scale_init (&frame->scale, frame->lo, frame->hi, max_steps, frame->min_step);
  frame->tick_labels = g_new0 (PangoLayout *, frame->scale.n_steps + 1);
  for (guint i = 0; i <= frame->scale.n_steps; i++)
    {
      double value = crm_chart_scale_tick (&frame->scale, i);
      g_autofree char *text = frame->format_tick (value, frame->scale.step, frame->format_data);

      frame->tick_labels[i] = crm_chart_canvas_label (canvas, text, 0);
      crm_chart_label_get_size (frame->tick_labels[i], &width, NULL);
      tick_width = MAX (tick_width, width);
    }

  frame->plot.x = pad + tick_width + TICK_GAP;
  frame->plot.width = canvas->width - pad - frame->plot.x;
  if (frame->plot.width < 2 * frame->n_slots || frame->plot.width < 20)
    return;
  frame->slot_width = frame->plot.width / frame->n_slots;

  band = frame->months != NULL ? layout_months (frame, canvas) : layout_names (frame, canvas);
  frame->plot.y = top;
  frame->plot.height = canvas->height - pad - band - top;
  if (frame->plot.height < lh)
    return;
  frame->labels_top = frame->plot.y + frame->plot.height + LABEL_GAP;
  frame->drawable = TRUE;
}

void
crm_chart_frame_clear (CrmChartFrame *frame)
{
  for (guint i = 0; frame->tick_labels != NULL && i <= frame->scale.n_steps; i++)
    g_clear_object (&frame->tick_labels[i]);
  for (guint i = 0; i < frame->n_slots; i++)
    {
      if (frame->slot_labels != NULL)
        g_clear_object (&frame->slot_labels[i]);
      if (frame->year_labels != NULL)
        g_clear_object (&frame->year_labels[i]);
    }
  for (guint i = 0; frame->legend_labels != NULL && i < frame->n_legend; i++)
    g_clear_object (&frame->legend_labels[i]);
  g_clear_pointer (&frame->tick_labels, g_free);
  g_clear_pointer (&frame->slot_labels, g_free);
  g_clear_pointer (&frame->year_labels, g_free);
  g_clear_pointer (&frame->legend_labels, g_free);
  g_clear_object (&frame->unit_label);
}

/* ---- Geometry ---------------------------------------------------------------------------- */

double
crm_chart_frame_value_y (const CrmChartFrame *frame, double value)
{
  return frame->plot.y + frame->plot.height * (1 - crm_chart_scale_fraction (&frame->scale, value));
}

double
crm_chart_frame_slot_centre (const CrmChartFrame *frame, guint slot)
{
  return frame->plot.x + frame->slot_width * (slot + 0.5);
}

void
crm_chart_frame_bar_rect (
    const CrmChartFrame *frame, guint slot, double from, double to, CrmChartRect *rect)
{
  double bar_width = crm_chart_bar_width (frame->slot_width);
  double top = crm_chart_frame_value_y (frame, MAX (from, to));
  double bottom = crm_chart_frame_value_y (frame, MIN (from, to));

  rect->x = crm_chart_frame_slot_centre (frame, slot) - bar_width / 2;
  rect->width = bar_width;
  rect->y = top;
  rect->height = bottom - top;
}

int
crm_chart_frame_slot_at (const CrmChartFrame *frame, double x, double y, gboolean bars_only)
{
  int slot;

  if (!frame->drawable || !crm_chart_rect_contains (&frame->plot, x, y))
    return -1;
  slot = (int) floor ((x - frame->plot.x) / frame->slot_width);
  slot = CLAMP (slot, 0, (int) frame->n_slots - 1);
  if (bars_only
      && fabs (x - crm_chart_frame_slot_centre (frame, slot))
             > crm_chart_bar_width (frame->slot_width) / 2)
    return -1;
  return slot;
}

/* ---- Drawing ----------------------------------------------------------------------------- */

void
crm_chart_frame_draw_back (CrmChartFrame *frame, CrmChartCanvas *canvas)
{
  cairo_t *cr = canvas->cr;
  const CrmChartPalette *palette = canvas->palette;

  cairo_save (cr);
  cairo_set_line_width (cr, 1);
  crm_chart_set_color (cr, &palette->grid, 1);
  for (guint i = 0; i <= frame->scale.n_steps; i++)
    {
      double y = snap (crm_chart_frame_value_y (frame, crm_chart_scale_tick (&frame->scale, i)));

      cairo_move_to (cr, frame->plot.x, y);
      cairo_line_to (cr, frame->plot.x + frame->plot.width, y);
    }
  cairo_stroke (cr);
  cairo_restore (cr);

  for (guint i = 0; i <= frame->scale.n_steps; i++)
    {
      double y = crm_chart_frame_value_y (frame, crm_chart_scale_tick (&frame->scale, i));
      double width;

      crm_chart_label_get_size (frame->tick_labels[i], &width, NULL);
      crm_chart_canvas_show (canvas, frame->tick_labels[i], frame->plot.x - TICK_GAP - width,
                             y - canvas->line_height / 2, &palette->dim_foreground);
    }
}

static void
draw_swatch (cairo_t *cr, const CrmChartLegendItem *item, double x, double y)
{
  CrmChartRect rect = { x, y + 1, SWATCH_SIZE, SWATCH_SIZE - 2 };

  switch (item->swatch)
    {
      case CRM_CHART_SWATCH_BAR:
        crm_chart_set_color (cr, item->color, 1);
        cairo_rectangle (cr, rect.x, rect.y, rect.width, rect.height);
        cairo_fill (cr);
        break;
      case CRM_CHART_SWATCH_HATCHED:
        crm_chart_draw_hatched_bar (cr, &rect, item->color);
        break;
      case CRM_CHART_SWATCH_LINE:
        crm_chart_set_color (cr, item->color, 1);
        cairo_set_line_width (cr, 2);
        cairo_move_to (cr, x, y + SWATCH_SIZE / 2.0);
        cairo_line_to (cr, x + SWATCH_SIZE, y + SWATCH_SIZE / 2.0);
        cairo_stroke (cr);
        cairo_arc (cr, x + SWATCH_SIZE / 2.0, y + SWATCH_SIZE / 2.0, 3, 0, 2 * G_PI);
        cairo_fill (cr);
        break;
      default:
        g_assert_not_reached ();
    }
}

static void
draw_top_row (CrmChartFrame *frame, CrmChartCanvas *canvas)
{
  double x, total = 0, width, y = canvas->pad;

  if (frame->unit_label != NULL)
    crm_chart_canvas_show (canvas, frame->unit_label, canvas->pad, y,
                           &canvas->palette->dim_foreground);
  if (frame->n_legend == 0)
    return;
  for (guint i = 0; i < frame->n_legend; i++)
    {
      crm_chart_label_get_size (frame->legend_labels[i], &width, NULL);
      total += SWATCH_SIZE + 4 + width + (i > 0 ? 16 : 0);
    }
  x = canvas->width - canvas->pad - total;
  for (guint i = 0; i < frame->n_legend; i++)
    {
      crm_chart_label_get_size (frame->legend_labels[i], &width, NULL);
      cairo_save (canvas->cr);
      draw_swatch (canvas->cr, &frame->legend[i], x, y + (canvas->line_height - SWATCH_SIZE) / 2);
      cairo_restore (canvas->cr);
      crm_chart_canvas_show (canvas, frame->legend_labels[i], x + SWATCH_SIZE + 4, y,
                             &canvas->palette->foreground);
      x += SWATCH_SIZE + 4 + width + 16;
    }
}

static void
draw_rotated_label (CrmChartCanvas *canvas, PangoLayout *layout, double x, double y)
{
  double width, lh = canvas->line_height;

  crm_chart_label_get_size (layout, &width, NULL);
  cairo_save (canvas->cr);
  /* The end of the text under the column, the text rising to it from the lower left. */
  cairo_translate (canvas->cr, x, y + lh / 2 * ROTATED_SIN);
  cairo_rotate (canvas->cr, -G_PI / 4);
  crm_chart_canvas_show (canvas, layout, -width, -lh / 2, &canvas->palette->foreground);
  cairo_restore (canvas->cr);
}

void
crm_chart_frame_draw_front (CrmChartFrame *frame, CrmChartCanvas *canvas)
{
  cairo_t *cr = canvas->cr;
  const CrmChartPalette *palette = canvas->palette;

  if (frame->scale.min <= 0 && frame->scale.max >= 0)
    {
      double y = snap (crm_chart_frame_value_y (frame, 0));

      cairo_save (cr);
      cairo_set_line_width (cr, 1);
      crm_chart_set_color (cr, &palette->axis, 1);
      cairo_move_to (cr, frame->plot.x, y);
      cairo_line_to (cr, frame->plot.x + frame->plot.width, y);
      cairo_stroke (cr);
      cairo_restore (cr);
    }

  for (guint i = 0; i < frame->n_slots; i++)
    {
      double x = crm_chart_frame_slot_centre (frame, i);

      if (frame->slot_labels[i] == NULL)
        continue;
      if (frame->rotated)
        draw_rotated_label (canvas, frame->slot_labels[i], x, frame->labels_top);
      else
        crm_chart_canvas_show_centred (canvas, frame->slot_labels[i], x, frame->labels_top,
                                       frame->months != NULL ? &palette->dim_foreground
                                                             : &palette->foreground);
      if (frame->year_labels != NULL && frame->year_labels[i] != NULL)
        crm_chart_canvas_show_centred (canvas, frame->year_labels[i], x,
                                       frame->labels_top + canvas->line_height,
                                       &palette->dim_foreground);
    }
  draw_top_row (frame, canvas);
}

void
crm_chart_frame_point_rect (const CrmChartFrame *frame,
                            guint slot,
                            double value,
                            CrmChartRect *rect)
{
  rect->x = crm_chart_frame_slot_centre (frame, slot) - 4;
  rect->y = crm_chart_frame_value_y (frame, value) - 4;
  rect->width = 8;
  rect->height = 8;
}

void
crm_chart_frame_draw_line (CrmChartFrame *frame,
                           CrmChartCanvas *canvas,
                           const double *values,
                           const gboolean *present,
                           const CrmChartColor *color)
{
  cairo_t *cr = canvas->cr;
  double radius = CLAMP (frame->slot_width / 4, 1.5, 3.5);
  gboolean drawing = FALSE;

  cairo_save (cr);
  crm_chart_set_color (cr, color, 1);
  cairo_set_line_width (cr, 2);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  for (guint i = 0; i < frame->n_slots; i++)
    {
      double x = crm_chart_frame_slot_centre (frame, i);

      if (!present[i])
        {
          drawing = FALSE;
          continue;
        }
      if (drawing)
        cairo_line_to (cr, x, crm_chart_frame_value_y (frame, values[i]));
      else
        cairo_move_to (cr, x, crm_chart_frame_value_y (frame, values[i]));
      drawing = TRUE;
    }
  cairo_stroke (cr);
  for (guint i = 0; i < frame->n_slots; i++)
    {
      if (!present[i])
        continue;
      cairo_new_sub_path (cr);
      cairo_arc (cr, crm_chart_frame_slot_centre (frame, i),
                 crm_chart_frame_value_y (frame, values[i]), radius, 0, 2 * G_PI);
    }
  cairo_fill (cr);
  cairo_restore (cr);
}

/* test-charts.c — the Cairo charts, checked on their pixels: every chart at 1280×400 and 360×300
 * in the light and dark palettes draws something and nothing outside its rectangle (drawn into a
 * bigger surface without a clip, the margin stays untouched); bars and points stand where their
 * values put them on the plot area (a zero bar has no mark, a month without data no point); a
 * chart without data shows its message in the middle and no axes; hit tests name the item under
 * a point and none off the marks; tables hold the exact values; PNG, SVG and PDF files are
 * opened again (the PDF with pdftoppm) and hold a drawn chart; a bad file name is refused.
 */
#include <cairo.h>
#include <errno.h>
#include <fontconfig/fontconfig.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <math.h>
#include <string.h>
#ifdef HAVE_RSVG
#include <librsvg/rsvg.h>
#endif

#include "crm-chart-private.h"
#include "crm-chart-samples.h"
#include "crm-money.h"
#include "crm-test-util.h"

#define MARGIN 40
#define TOLERANCE 28 /* per channel, for anti-aliased edges and rounding */

static const struct
{
  int width, height;
} sizes[] = { { 1280, 400 }, { 360, 300 } };

/* ---- Pixels ------------------------------------------------------------------------------ */

typedef struct
{
  cairo_surface_t *surface;
  int width; /* of the chart, without the margin */
  int height;
  guint32 background;
} Picture;

static guint32
pixel_of_color (const CrmChartColor *color)
{
  return (guint32) lround (color->red * 255) << 16 | (guint32) lround (color->green * 255) << 8
         | (guint32) lround (color->blue * 255);
}

/* The pixel at chart coordinates (@x, @y) (the margin is at negative ones). */
static guint32
pixel_at (const Picture *picture, int x, int y)
{
  const guint8 *data = cairo_image_surface_get_data (picture->surface);
  int stride = cairo_image_surface_get_stride (picture->surface);

  x += MARGIN;
  y += MARGIN;
  g_assert_true (x >= 0 && x < cairo_image_surface_get_width (picture->surface));
  g_assert_true (y >= 0 && y < cairo_image_surface_get_height (picture->surface));
  return *(const guint32 *) (data + (gsize) y * stride + (gsize) x * 4) & 0xffffff;
}

static gboolean
pixels_near (guint32 a, guint32 b, int tolerance)
{
  for (int shift = 0; shift <= 16; shift += 8)
    {
      if (abs ((int) (a >> shift & 0xff) - (int) (b >> shift & 0xff)) > tolerance)
        return FALSE;
    }
  return TRUE;
}

static gboolean
is_color (const Picture *picture, int x, int y, const CrmChartColor *color)
{
  return pixels_near (pixel_at (picture, x, y), pixel_of_color (color), TOLERANCE);
}

/* Pixels differing from the background in the chart rectangle [x0, x1) × [y0, y1). */
static guint
count_drawn (const Picture *picture, int x0, int y0, int x1, int y1)
{
  guint n = 0;

  for (int y = y0; y < y1; y++)
    for (int x = x0; x < x1; x++)
      n += pixel_at (picture, x, y) != picture->background;
  return n;
}

static guint
count_drawn_in_margin (const Picture *picture)
{
  return count_drawn (picture, -MARGIN, -MARGIN, picture->width + MARGIN, 0)
         + count_drawn (picture, -MARGIN, picture->height, picture->width + MARGIN,
                        picture->height + MARGIN)
         + count_drawn (picture, -MARGIN, 0, 0, picture->height)
         + count_drawn (picture, picture->width, 0, picture->width + MARGIN, picture->height);
}

/* Draws the chart on the palette's background, MARGIN inside a bigger surface, without a clip. */
static Picture
render (CrmChartKind kind, gconstpointer data, int width, int height, gboolean dark)
{
  const CrmChartPalette *palette = crm_chart_palette_get (dark);
  Picture picture = { NULL, width, height, pixel_of_color (&palette->background) };
  cairo_t *cr;

  picture.surface
      = cairo_image_surface_create (CAIRO_FORMAT_RGB24, width + 2 * MARGIN, height + 2 * MARGIN);
  cr = cairo_create (picture.surface);
  crm_chart_set_color (cr, &palette->background, 1);
  cairo_paint (cr);
  cairo_translate (cr, MARGIN, MARGIN);
  crm_chart_draw (kind, cr, width, height, palette, data);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_flush (picture.surface);
  return picture;
}

static void
picture_clear (Picture *picture)
{
  g_clear_pointer (&picture->surface, cairo_surface_destroy);
}

/* The first row from the top, in column @x between @y0 and @y1, of @color; -1 if none. */
static int
first_row_of (const Picture *picture, int x, int y0, int y1, const CrmChartColor *color)
{
  for (int y = y0; y < y1; y++)
    {
      if (is_color (picture, x, y, color))
        return y;
    }
  return -1;
}

/* The last column from the left, in row @y between @x0 and @x1, of @color; -1 if none. */
static int
last_column_of (const Picture *picture, int y, int x0, int x1, const CrmChartColor *color)
{
  int found = -1;

  for (int x = x0; x < x1; x++)
    {
      if (is_color (picture, x, y, color))
        found = x;
    }
  return found;
}

static int
first_column_of (const Picture *picture, int y, int x0, int x1, const CrmChartColor *color)
{
  for (int x = x0; x < x1; x++)
    {
      if (is_color (picture, x, y, color))
        return x;
    }
  return -1;
}

/* Whether a pixel of @color lies within @radius of (@x, @y). */
static gboolean
color_near (const Picture *picture, double x, double y, int radius, const CrmChartColor *color)
{
  for (int dy = -radius; dy <= radius; dy++)
    for (int dx = -radius; dx <= radius; dx++)
      {
        if (is_color (picture, (int) floor (x) + dx, (int) floor (y) + dy, color))
          return TRUE;
      }
  return FALSE;
}

/* ---- Data of the mark tests -------------------------------------------------------------- */

/* Values whose maximum is a round number, so the axis ends at it: a bar of the maximum reaches
 * the top of the plot, half of it the middle. */
static const CrmChartRevenueMonth revenue_months[] = {
  { { 2024, 11 }, 100000, 0 }, /* €1,000.00: the top of the axis */
  { { 2024, 12 }, 50000, 0 },  /* half */
  { { 2025, 1 }, 0, 0 },       /* nothing */
  { { 2025, 2 }, 0, 40000 },   /* forecast only: hatched */
};
static const CrmChartRevenue revenue = { "EUR", revenue_months, G_N_ELEMENTS (revenue_months) };

static const CrmChartCount sources_items[] = {
  { "Website", 100 },
  { "Referral", 50 },
  { "Trade show", 0 },
  { "Partner", 25 },
};
static const CrmChartCounts sources = { sources_items, G_N_ELEMENTS (sources_items) };

static const CrmChartCount reasons_items[] = {
  { "Price too high", 100 },
  { "Chose a competitor", 50 },
  { "Bad timing", 0 },
};
static const CrmChartCounts reasons = { reasons_items, G_N_ELEMENTS (reasons_items) };

static const CrmChartStageTimeItem stage_items[] = {
  { "Qualification", 20, 10 },
  { "Proposal", 10, 8 },
  { "Negotiation", 0, 0 },
  { "Contract", 5, 3 },
};
static const CrmChartStageTime stage_time = { stage_items, G_N_ELEMENTS (stage_items) };

static const CrmChartFunnelStage funnel_stages[] = {
  { "Lead", 200, 100 },
  { "Proposal", 100, 50 },
  { "Won", 50, 0 },
};
static const CrmChartFunnel funnel = { funnel_stages, G_N_ELEMENTS (funnel_stages) };

static const CrmChartWinRateMonth win_rate_months[] = {
  { { 2025, 1 }, 1, 1 }, /* 50% */
  { { 2025, 2 }, 0, 0 }, /* no closed deals: no point */
  { { 2025, 3 }, 3, 1 }, /* 75% */
  { { 2025, 4 }, 1, 0 }, /* 100% */
};
static const CrmChartWinRate win_rate = { win_rate_months, G_N_ELEMENTS (win_rate_months) };

static const CrmChartSatisfactionMonth satisfaction_months[] = {
  { { 2025, 1 }, 6, 2, 2, 8, 10 }, /* NPS 40, CSAT 80 */
  { { 2025, 2 }, 0, 0, 0, 0, 0 },  /* no answers */
  { { 2025, 3 }, 1, 0, 3, 1, 4 },  /* NPS -50, CSAT 25 */
};
static const CrmChartSatisfaction satisfaction
    = { satisfaction_months, G_N_ELEMENTS (satisfaction_months) };

static gconstpointer
mark_data (CrmChartKind kind)
{
  switch (kind)
    {
      case CRM_CHART_FUNNEL:
        return &funnel;
      case CRM_CHART_REVENUE:
        return &revenue;
      case CRM_CHART_WIN_RATE:
        return &win_rate;
      case CRM_CHART_LEAD_SOURCES:
        return &sources;
      case CRM_CHART_LOST_REASONS:
        return &reasons;
      case CRM_CHART_STAGE_TIME:
        return &stage_time;
      case CRM_CHART_SATISFACTION:
        return &satisfaction;
      case CRM_CHART_N_KINDS:
      default:
        g_assert_not_reached ();
    }
}

static CrmChartRect
plot_area (CrmChartKind kind, gconstpointer data, int width, int height)
{
  CrmChartRect area;

  g_assert_true (crm_chart_get_plot_area (kind, data, width, height, &area));
  g_assert_cmpfloat (area.x, >=, 0);
  g_assert_cmpfloat (area.y, >=, 0);
  g_assert_cmpfloat (area.x + area.width, <=, width);
  g_assert_cmpfloat (area.y + area.height, <=, height);
  g_assert_cmpfloat (area.width, >, 40);
  g_assert_cmpfloat (area.height, >, 40);
  return area;
}

/* On a vertical axis from @min to @max over @area. */
static double
value_y (const CrmChartRect *area, double value, double min, double max)
{
  return area->y + area->height * (1 - (value - min) / (max - min));
}

static double
slot_centre (const CrmChartRect *area, guint slot, guint n_slots)
{
  return area->x + area->width * (slot + 0.5) / n_slots;
}

/* ---- Every chart, every size and style --------------------------------------------------- */

typedef struct
{
  CrmChartKind kind;
  int width, height;
  gboolean dark;
} RenderCase;

static void
test_render_sample (gconstpointer user_data)
{
  const RenderCase *c = user_data;
  Picture picture = render (c->kind, crm_chart_sample (c->kind), c->width, c->height, c->dark);
  guint drawn = count_drawn (&picture, 0, 0, c->width, c->height);

  /* Not blank: at least 3 % of the chart is marks, lines or text… */
  g_assert_cmpuint (drawn, >, c->width * c->height * 3 / 100);
  /* … and all of it inside the chart's rectangle. */
  g_assert_cmpuint (count_drawn_in_margin (&picture), ==, 0);
  picture_clear (&picture);
}

/* Bars of the maximum reach the top of the plot, half of it the middle; a zero bar leaves its
 * column empty (NAN: not checked here). */
static void
check_vertical_bars (const Picture *picture,
                     const CrmChartRect *area,
                     const double *values,
                     guint n,
                     const CrmChartColor *color)
{
  double max = 0;

  for (guint i = 0; i < n; i++)
    max = isnan (values[i]) ? max : MAX (max, values[i]);
  for (guint i = 0; i < n; i++)
    {
      int x = (int) slot_centre (area, i, n);
      int top;

      if (isnan (values[i]))
        continue;
      top = first_row_of (picture, x, (int) area->y - 2, (int) (area->y + area->height) - 1, color);
      if (values[i] == 0)
        {
          g_assert_cmpint (top, ==, -1);
          continue;
        }
      g_assert_cmpint (top, >=, 0);
      g_assert_cmpfloat (fabs (top - value_y (area, values[i], 0, max)), <=, 1.5);
      /* Solid down to the baseline. */
      g_assert_true (is_color (picture, x, (int) (area->y + area->height) - 3, color));
    }
}

static void
test_marks (gconstpointer user_data)
{
  const RenderCase *c = user_data;
  const CrmChartPalette *palette = crm_chart_palette_get (c->dark);
  gconstpointer data = mark_data (c->kind);
  CrmChartRect area = plot_area (c->kind, data, c->width, c->height);
  Picture picture = render (c->kind, data, c->width, c->height, c->dark);

  switch (c->kind)
    {
      case CRM_CHART_REVENUE:
        {
          double won[] = { 1000, 500, 0, NAN }; /* NAN: the forecast, below */
          int x = (int) slot_centre (&area, 3, 4);
          double forecast_top = value_y (&area, 400, 0, 1000);
          int baseline = (int) (area.y + area.height);
          const CrmChartColor *g = &palette->green, *b = &palette->background;
          CrmChartColor light_green
              = { 0.25 * g->red + 0.75 * b->red, 0.25 * g->green + 0.75 * b->green,
                  0.25 * g->blue + 0.75 * b->blue };
          guint fill = 0, stripes = 0;

          check_vertical_bars (&picture, &area, won, 4, &palette->green);
          /* The forecast: hatched, stripes of green on a lighter fill, from 400 down. */
          for (int y = (int) forecast_top + 3; y < baseline - 3; y++)
            for (int dx = -2; dx <= 2; dx++)
              {
                guint32 pixel = pixel_at (&picture, x + dx, y);

                /* The fill: a quarter of the green over the background; stripes: much greener. */
                fill += pixels_near (pixel, pixel_of_color (&light_green), 10);
                stripes += !pixels_near (pixel, pixel_of_color (&light_green), 40);
              }
          g_assert_cmpuint (fill, >, 10);
          g_assert_cmpuint (stripes, >, 10);
          /* Above it only the grid. */
          for (int y = (int) area.y; y < (int) forecast_top - 3; y++)
            g_assert_true (pixel_at (&picture, x, y) == picture.background
                           || is_color (&picture, x, y, &palette->grid));
          break;
        }
      case CRM_CHART_LEAD_SOURCES:
        {
          double values[] = { 100, 50, 0, 25 };
          check_vertical_bars (&picture, &area, values, 4, &palette->blue);
          break;
        }
      case CRM_CHART_STAGE_TIME:
        {
          double values[] = { 20, 10, 0, 5 };
          check_vertical_bars (&picture, &area, values, 4, &palette->orange);
          break;
        }
      case CRM_CHART_LOST_REASONS:
        {
          double values[] = { 100, 50, 0 };

          for (guint i = 0; i < G_N_ELEMENTS (values); i++)
            {
              int y = (int) (area.y + area.height * (i + 0.5) / 3);
              int end = last_column_of (&picture, y, (int) area.x, (int) (area.x + area.width) + 1,
                                        &palette->red);

              if (values[i] == 0)
                {
                  g_assert_cmpint (end, ==, -1);
                  continue;
                }
              g_assert_cmpfloat (fabs (end + 1 - (area.x + area.width * values[i] / 100)), <=, 1.5);
              g_assert_true (is_color (&picture, (int) area.x + 3, y, &palette->red));
            }
          break;
        }
      case CRM_CHART_FUNNEL:
        {
          double entered[] = { 200, 100, 50 };

          for (guint i = 0; i < G_N_ELEMENTS (entered); i++)
            {
              int y = (int) (area.y + area.height * (i + 0.5) / 3);
              double width = area.width * entered[i] / 200;
              double left = area.x + (area.width - width) / 2;
              int first = first_column_of (&picture, y, 0, c->width, &palette->blue);
              int last = last_column_of (&picture, y, 0, c->width, &palette->blue);

              /* Centred, as wide as its share of the widest. */
              g_assert_cmpfloat (fabs (first - left), <=, 1.5);
              g_assert_cmpfloat (fabs (last + 1 - (left + width)), <=, 1.5);
            }
          break;
        }
      case CRM_CHART_WIN_RATE:
        {
          double rates[] = { 50, -1, 75, 100 };

          for (guint i = 0; i < G_N_ELEMENTS (rates); i++)
            {
              double x = slot_centre (&area, i, 4);

              if (rates[i] < 0)
                {
                  /* No point and no line through the month without closed deals. */
                  g_assert_cmpint (first_row_of (&picture, (int) x, (int) area.y,
                                                 (int) (area.y + area.height), &palette->blue),
                                   ==, -1);
                  continue;
                }
              g_assert_true (
                  color_near (&picture, x, value_y (&area, rates[i], 0, 100), 1, &palette->blue));
            }
          break;
        }
      case CRM_CHART_SATISFACTION:
        {
          double x0 = slot_centre (&area, 0, 3), x1 = slot_centre (&area, 1, 3);
          double x2 = slot_centre (&area, 2, 3);

          g_assert_true (
              color_near (&picture, x0, value_y (&area, 40, -100, 100), 1, &palette->purple));
          g_assert_true (
              color_near (&picture, x0, value_y (&area, 80, -100, 100), 1, &palette->orange));
          g_assert_true (
              color_near (&picture, x2, value_y (&area, -50, -100, 100), 1, &palette->purple));
          g_assert_true (
              color_near (&picture, x2, value_y (&area, 25, -100, 100), 1, &palette->orange));
          /* The month without answers: no point, and the lines break there. */
          g_assert_cmpint (first_row_of (&picture, (int) x1, (int) area.y,
                                         (int) (area.y + area.height), &palette->purple),
                           ==, -1);
          g_assert_cmpint (first_row_of (&picture, (int) x1, (int) area.y,
                                         (int) (area.y + area.height), &palette->orange),
                           ==, -1);
          break;
        }
      case CRM_CHART_N_KINDS:
      default:
        g_assert_not_reached ();
    }
  g_assert_cmpuint (count_drawn_in_margin (&picture), ==, 0);
  picture_clear (&picture);
}

/* ---- No data ----------------------------------------------------------------------------- */

static gconstpointer
no_items (CrmChartKind kind)
{
  static const CrmChartFunnel funnel_none = { NULL, 0 };
  static const CrmChartRevenue revenue_none = { "EUR", NULL, 0 };
  static const CrmChartWinRate win_rate_none = { NULL, 0 };
  static const CrmChartCounts counts_none = { NULL, 0 };
  static const CrmChartStageTime stage_time_none = { NULL, 0 };
  static const CrmChartSatisfaction satisfaction_none = { NULL, 0 };

  switch (kind)
    {
      case CRM_CHART_FUNNEL:
        return &funnel_none;
      case CRM_CHART_REVENUE:
        return &revenue_none;
      case CRM_CHART_WIN_RATE:
        return &win_rate_none;
      case CRM_CHART_LEAD_SOURCES:
      case CRM_CHART_LOST_REASONS:
        return &counts_none;
      case CRM_CHART_STAGE_TIME:
        return &stage_time_none;
      case CRM_CHART_SATISFACTION:
        return &satisfaction_none;
      case CRM_CHART_N_KINDS:
      default:
        g_assert_not_reached ();
    }
}

static void
check_empty_picture (CrmChartKind kind, gconstpointer data, int width, int height, gboolean dark)
{
  Picture picture = render (kind, data, width, height, dark);
  CrmChartRect area;
  g_auto (CrmChartHit) hit = { 0 };

  g_assert_true (crm_chart_is_empty (kind, data));
  /* The message in the middle… */
  g_assert_cmpuint (count_drawn (&picture, width / 4, height / 3, width * 3 / 4, height * 2 / 3), >,
                    100);
  g_assert_true (count_drawn (&picture, 0, 0, width, height)
                 == count_drawn (&picture, width / 8, height / 4, width * 7 / 8, height * 3 / 4));
  /* … and nothing where axes, ticks and labels would be: the left, bottom and top bands. */
  g_assert_cmpuint (count_drawn (&picture, 0, 0, width / 8, height), ==, 0);
  g_assert_cmpuint (count_drawn (&picture, 0, height * 3 / 4, width, height), ==, 0);
  g_assert_cmpuint (count_drawn (&picture, 0, 0, width, height / 4), ==, 0);
  g_assert_cmpuint (count_drawn_in_margin (&picture), ==, 0);
  picture_clear (&picture);

  g_assert_false (crm_chart_get_plot_area (kind, data, width, height, &area));
  g_assert_false (crm_chart_hit_test (kind, data, width, height, width / 2, height / 2, &hit));
  g_assert_cmpint (hit.index, ==, -1);
}

static void
test_empty (gconstpointer user_data)
{
  const RenderCase *c = user_data;
  const char *message = crm_chart_get_empty_message (c->kind);

  g_assert_nonnull (message);
  g_assert_true (g_str_has_prefix (message, "No "));
  check_empty_picture (c->kind, crm_chart_sample_empty (c->kind), c->width, c->height, c->dark);
  check_empty_picture (c->kind, no_items (c->kind), c->width, c->height, c->dark);
  check_empty_picture (c->kind, NULL, c->width, c->height, c->dark);
  g_assert_false (crm_chart_is_empty (c->kind, crm_chart_sample (c->kind)));
}

/* ---- Odd sizes and sizes of data --------------------------------------------------------- */

static void
test_odd_sizes (void)
{
  static const int odd[][2] = { { 1, 1 }, { 10, 10 }, { 40, 300 }, { 1280, 30 }, { 90, 60 } };

  for (CrmChartKind kind = 0; kind < CRM_CHART_N_KINDS; kind++)
    for (guint i = 0; i < G_N_ELEMENTS (odd); i++)
      {
        Picture picture = render (kind, crm_chart_sample (kind), odd[i][0], odd[i][1], FALSE);
        g_auto (CrmChartHit) hit = { 0 };

        g_assert_cmpuint (count_drawn_in_margin (&picture), ==, 0);
        crm_chart_hit_test (kind, crm_chart_sample (kind), odd[i][0], odd[i][1], odd[i][0] / 2.0,
                            odd[i][1] / 2.0, &hit);
        picture_clear (&picture);
      }
  /* Nothing at all for no size. */
  {
    cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 4, 4);
    cairo_t *cr = cairo_create (surface);

    crm_chart_draw (CRM_CHART_REVENUE, cr, 0, 0, NULL, crm_chart_sample (CRM_CHART_REVENUE));
    crm_chart_draw (CRM_CHART_REVENUE, cr, -5, NAN, NULL, crm_chart_sample (CRM_CHART_REVENUE));
    g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
    cairo_destroy (cr);
    cairo_surface_destroy (surface);
  }
}

/* Many months and sources, names of a paragraph: labels thin out, nothing leaves the rectangle. */
static void
test_crowded (void)
{
  CrmChartRevenueMonth months[120];
  CrmChartCount items[60];
  g_autofree char *long_name = g_strnfill (400, 'W');
  CrmChartRevenue many_months = { "JPY", months, G_N_ELEMENTS (months) };
  CrmChartCounts many_items = { items, G_N_ELEMENTS (items) };

  for (guint i = 0; i < G_N_ELEMENTS (months); i++)
    months[i] = (CrmChartRevenueMonth){ { 2015 + i / 12, i % 12 + 1 }, 1000 * (i + 1), i };
  for (guint i = 0; i < G_N_ELEMENTS (items); i++)
    items[i] = (CrmChartCount){ i % 2 ? long_name : "Trade show in Frankfurt am Main", i };

  for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
    {
      Picture pictures[] = {
        render (CRM_CHART_REVENUE, &many_months, sizes[s].width, sizes[s].height, FALSE),
        render (CRM_CHART_LEAD_SOURCES, &many_items, sizes[s].width, sizes[s].height, TRUE),
        render (CRM_CHART_LOST_REASONS, &many_items, sizes[s].width, sizes[s].height, FALSE),
      };

      for (guint i = 0; i < G_N_ELEMENTS (pictures); i++)
        {
          g_assert_cmpuint (count_drawn_in_margin (&pictures[i]), ==, 0);
          g_assert_cmpuint (count_drawn (&pictures[i], 0, 0, sizes[s].width, sizes[s].height), >,
                            1000);
          picture_clear (&pictures[i]);
        }
    }
}

/* ---- Scales and formats ------------------------------------------------------------------ */

static void
test_nice_scale (void)
{
  static const struct
  {
    double lo, hi;
    guint max_steps;
    double min_step;
    double min, max, step;
  } cases[] = {
    { 0, 148, 6, 1, 0, 150, 50 }, /* 24.7 a step: the next nice is 50 */
    { 0, 148, 8, 1, 0, 160, 20 }, /* 18.5: 20 */
    { 0, 1000, 5, 1, 0, 1000, 200 },
    { 0, 100, 4, 1, 0, 100, 50 }, /* 25 is not 1, 2 or 5 × 10ⁿ */
    { -100, 100, 6, 1, -100, 100, 50 },
    { 0, 3, 6, 1, 0, 3, 1 },        /* whole leads, not half ones */
    { 0, 0.3, 6, 0, 0, 0.3, 0.05 }, /* fractional days */
    { -5, 95, 6, 1, -20, 100, 20 }, /* both ends outwards */
    { -5, 95, 5, 1, -50, 100, 50 }, /* … which takes 6 steps of 20: the next nice step */
    { 0, 123456789, 6, 1, 0, 150000000, 50000000 }, /* 20.6 million a step: 50 */
    { 0, 0, 5, 1, 0, 1, 1 },                        /* nothing: one step */
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      CrmChartScale scale;

      crm_chart_scale_init (&scale, cases[i].lo, cases[i].hi, cases[i].max_steps,
                            cases[i].min_step);
      g_assert_cmpfloat_with_epsilon (scale.min, cases[i].min, 1e-9);
      g_assert_cmpfloat_with_epsilon (scale.max, cases[i].max, 1e-6);
      g_assert_cmpfloat_with_epsilon (scale.step, cases[i].step, 1e-9);
      g_assert_cmpuint (scale.n_steps, <=, cases[i].max_steps);
      g_assert_cmpfloat_with_epsilon (crm_chart_scale_tick (&scale, scale.n_steps), scale.max,
                                      1e-6);
    }
}

static void
test_formats (void)
{
  CrmChartMonth march = { 2025, 3 };
  g_autofree char *month = crm_chart_format_month (&march);
  g_autofree char *short_month = crm_chart_format_month_short (&march);
  g_autofree char *one_day = crm_chart_format_days (1);
  g_autofree char *days = crm_chart_format_days (12.44);
  g_autofree char *percent = crm_chart_format_percent (61.6);
  g_autofree char *whole_euros = crm_money_format_whole (123456789, "EUR");
  g_autofree char *rounded_down = crm_money_format_whole (149, "EUR");
  g_autofree char *rounded_up = crm_money_format_whole (-150, "EUR");
  g_autofree char *yen = crm_money_format_whole (1200, "JPY");
  g_autofree char *dinars = crm_money_format_whole (1500, "KWD");
  g_autofree char *count = crm_number_format (-1234567);
  g_autofree char *money_tick = crm_chart_format_money_tick (2500, 500, "EUR");
  g_autofree char *fraction_tick = crm_chart_format_number_tick (0.25, 0.05, NULL);

  /* The C locale of the tests: English months, no digit grouping. */
  g_assert_cmpstr (month, ==, "Mar 2025");
  g_assert_cmpstr (short_month, ==, "Mar");
  g_assert_cmpstr (one_day, ==, "1 day");
  g_assert_cmpstr (days, ==, "12.4 days");
  g_assert_cmpstr (percent, ==, "62%");
  g_assert_cmpstr (whole_euros, ==, "€1234568");
  g_assert_cmpstr (rounded_down, ==, "€1");
  g_assert_cmpstr (rounded_up, ==, "-€2");
  g_assert_cmpstr (yen, ==, "¥1200");
  g_assert_cmpstr (dinars, ==, "KWD\u00a02");
  g_assert_cmpstr (count, ==, "-1234567");
  g_assert_cmpstr (money_tick, ==, "€2500");
  g_assert_cmpstr (fraction_tick, ==, "0.25");
}

/* In a German locale: month names, grouping and the sign after the amount, as the locale says. */
static void
test_formats_german (void)
{
  g_autofree char *saved = g_strdup (setlocale (LC_ALL, NULL));
  CrmChartMonth march = { 2025, 3 };

  if (setlocale (LC_ALL, "de_DE.UTF-8") == NULL)
    {
      g_test_skip ("no de_DE.UTF-8 locale here");
      return;
    }
  {
    g_autofree char *month = crm_chart_format_month (&march);
    g_autofree char *money = crm_money_format_whole (123456789, "EUR");
    g_autofree char *count = crm_number_format (1234567);
    g_autoptr (CrmChartTable) table = crm_chart_revenue_to_table (&revenue);

    g_assert_cmpstr (month, ==, "Mär 2025");
    g_assert_cmpstr (money, ==, "1.234.568\u00a0€");
    g_assert_cmpstr (count, ==, "1.234.567");
    g_assert_cmpstr (crm_chart_table_get_cell (table, 0, 1), ==, "1.000,00\u00a0€");
  }
  setlocale (LC_ALL, saved);
}

/* ---- Hit tests --------------------------------------------------------------------------- */

typedef struct
{
  CrmChartKind kind;
  double x, y; /* fractions of the plot area */
  gboolean found;
  int index;
  int series;
  const char *label;
  const char *value;
} HitCase;

static void
test_hits (void)
{
  /* Against the mark data above, in the C locale. */
  static const HitCase cases[] = {
    { CRM_CHART_REVENUE, 0.125, 0.5, TRUE, 0, 0, "Nov 2024", "Won: €1000.00" },
    { CRM_CHART_REVENUE, 0.375, 0.9, TRUE, 1, 0, "Dec 2024", "Won: €500.00" },
    { CRM_CHART_REVENUE, 0.625, 0.9, TRUE, 2, 0, "Jan 2025", "Won: €0.00" },
    { CRM_CHART_REVENUE, 0.875, 0.9, TRUE, 3, 1, "Feb 2025", "Forecast (weighted): €400.00" },
    { CRM_CHART_REVENUE, 0.25, 0.5, FALSE },   /* between two bars */
    { CRM_CHART_REVENUE, 0.125, 1.05, FALSE }, /* under the plot */
    { CRM_CHART_LEAD_SOURCES, 0.375, 0.8, TRUE, 1, 0, "Referral", "50 leads (29%)" },
    { CRM_CHART_LEAD_SOURCES, 0.5, 0.8, FALSE },
    { CRM_CHART_STAGE_TIME, 0.125, 0.5, TRUE, 0, 0, "Qualification", "20 days (10 deals)" },
    { CRM_CHART_STAGE_TIME, 0.625, 0.9, FALSE }, /* no deals measured */
    { CRM_CHART_LOST_REASONS, 0.2, 1.0 / 6, TRUE, 0, 0, "Price too high", "100 deals (67%)" },
    { CRM_CHART_LOST_REASONS, 0.9, 0.5, TRUE, 1, 0, "Chose a competitor", "50 deals (33%)" },
    { CRM_CHART_LOST_REASONS, 0.5, 1.0 / 3, FALSE }, /* between two bars */
    { CRM_CHART_FUNNEL, 0.5, 0.5, TRUE, 1, 0, "Proposal", "100 deals entered, 50% moved on (50)" },
    { CRM_CHART_FUNNEL, 0.5, 0.9, TRUE, 2, 0, "Won", "50 deals entered" },
    { CRM_CHART_FUNNEL, 0.5, 1.1, FALSE },
    { CRM_CHART_WIN_RATE, 0.625, 0.1, TRUE, 2, 0, "Mar 2025", "75% (3 won, 1 lost)" },
    { CRM_CHART_WIN_RATE, 0.375, 0.5, FALSE }, /* no closed deals */
    { CRM_CHART_WIN_RATE, 0.625, -0.1, FALSE },
    { CRM_CHART_SATISFACTION, 1.0 / 6, 0.3, TRUE, 0, 0, "Jan 2025", "NPS 40 (10 answers)" },
    { CRM_CHART_SATISFACTION, 1.0 / 6, 0.05, TRUE, 0, 1, "Jan 2025", "CSAT 80% (10 answers)" },
    { CRM_CHART_SATISFACTION, 5.0 / 6, 0.9, TRUE, 2, 0, "Mar 2025", "NPS -50 (4 answers)" },
    { CRM_CHART_SATISFACTION, 0.5, 0.5, FALSE }, /* no answers */
  };

  for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
    for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
      {
        const HitCase *c = &cases[i];
        gconstpointer data = mark_data (c->kind);
        CrmChartRect area = plot_area (c->kind, data, sizes[s].width, sizes[s].height);
        double x = area.x + area.width * c->x, y = area.y + area.height * c->y;
        g_auto (CrmChartHit) hit = { 0 };
        gboolean found
            = crm_chart_hit_test (c->kind, data, sizes[s].width, sizes[s].height, x, y, &hit);

        g_test_message ("case %u at %d × %d", i, sizes[s].width, sizes[s].height);
        g_assert_cmpint (found, ==, c->found);
        if (!found)
          {
            g_assert_cmpint (hit.index, ==, -1);
            g_assert_null (hit.value);
            continue;
          }
        g_assert_cmpint (hit.index, ==, c->index);
        g_assert_cmpint (hit.series, ==, c->series);
        g_assert_cmpstr (hit.label, ==, c->label);
        g_assert_cmpstr (hit.value, ==, c->value);
        g_assert_cmpfloat (hit.area.width, >, 0);
      }

  /* Far outside, for every kind and the typed calls. */
  for (CrmChartKind kind = 0; kind < CRM_CHART_N_KINDS; kind++)
    {
      g_auto (CrmChartHit) hit = { 0 };

      g_assert_false (crm_chart_hit_test (kind, mark_data (kind), 1280, 400, -5, 200, &hit));
      g_assert_false (crm_chart_hit_test (kind, mark_data (kind), 1280, 400, 640, 1000, &hit));
      g_assert_false (crm_chart_hit_test (kind, mark_data (kind), 1280, 400, 1, 1, &hit));
    }
  {
    g_auto (CrmChartHit) hit = { 0 };
    CrmChartRect area = plot_area (CRM_CHART_LEAD_SOURCES, &sources, 1280, 400);

    g_assert_true (crm_chart_lead_sources_hit_test (&sources, 1280, 400, area.x + area.width / 8,
                                                    area.y + area.height - 2, &hit));
    g_assert_cmpstr (hit.value, ==, "100 leads (57%)");
    /* The hit's area is the bar: up to the top of the plot. */
    g_assert_cmpfloat (fabs (hit.area.y - area.y), <, 0.5);

    /* One struct for every pointer motion: each test frees what the last one left (the leak
     * checker of the sanitizer build would see it otherwise). */
    g_assert_true (crm_chart_lead_sources_hit_test (
        &sources, 1280, 400, area.x + area.width * 3 / 8, area.y + area.height - 2, &hit));
    g_assert_cmpstr (hit.label, ==, "Referral");
    g_assert_false (crm_chart_lead_sources_hit_test (&sources, 1280, 400, 0, 0, &hit));
    g_assert_null (hit.label);
    g_assert_cmpint (hit.index, ==, -1);
  }
}

/* ---- Tables ------------------------------------------------------------------------------ */

static void
assert_row (const CrmChartTable *table, guint row, const char *const *cells)
{
  for (guint column = 0; column < table->n_columns; column++)
    g_assert_cmpstr (crm_chart_table_get_cell (table, row, column), ==, cells[column]);
}

static void
test_tables (void)
{
  g_autoptr (CrmChartTable) revenue_table = crm_chart_revenue_to_table (&revenue);
  g_autoptr (CrmChartTable) funnel_table = crm_chart_funnel_to_table (&funnel);
  g_autoptr (CrmChartTable) win_rate_table = crm_chart_win_rate_to_table (&win_rate);
  g_autoptr (CrmChartTable) sources_table = crm_chart_lead_sources_to_table (&sources);
  g_autoptr (CrmChartTable) reasons_table = crm_chart_lost_reasons_to_table (&reasons);
  g_autoptr (CrmChartTable) stage_table = crm_chart_stage_time_to_table (&stage_time);
  g_autoptr (CrmChartTable) satisfaction_table = crm_chart_satisfaction_to_table (&satisfaction);
  g_autoptr (CrmChartTable) generic = crm_chart_to_table (CRM_CHART_REVENUE, &revenue);
  g_autofree char *text = NULL;

  g_assert_cmpuint (revenue_table->n_rows, ==, 4);
  g_assert_cmpuint (revenue_table->n_columns, ==, 3);
  g_assert_cmpstr (revenue_table->column_titles[2], ==, "Forecast (weighted)");
  assert_row (revenue_table, 0, (const char *[]){ "Nov 2024", "€1000.00", "€0.00" });
  assert_row (revenue_table, 3, (const char *[]){ "Feb 2025", "€0.00", "€400.00" });
  assert_row (generic, 3, (const char *[]){ "Feb 2025", "€0.00", "€400.00" });
  assert_row (funnel_table, 0, (const char *[]){ "Lead", "200", "100", "50%" });
  assert_row (funnel_table, 2, (const char *[]){ "Won", "50", "0", "—" });
  assert_row (win_rate_table, 1, (const char *[]){ "Feb 2025", "0", "0", "—" });
  assert_row (win_rate_table, 2, (const char *[]){ "Mar 2025", "3", "1", "75%" });
  assert_row (sources_table, 3, (const char *[]){ "Partner", "25", "14%" });
  assert_row (reasons_table, 2, (const char *[]){ "Bad timing", "0", "0%" });
  assert_row (stage_table, 0, (const char *[]){ "Qualification", "20 days", "10" });
  assert_row (stage_table, 2, (const char *[]){ "Negotiation", "—", "0" });
  assert_row (satisfaction_table, 0, (const char *[]){ "Jan 2025", "40", "10", "80%", "10" });
  assert_row (satisfaction_table, 1, (const char *[]){ "Feb 2025", "—", "0", "—", "0" });
  assert_row (satisfaction_table, 2, (const char *[]){ "Mar 2025", "-50", "4", "25%", "4" });

  /* Tab-separated, a tab inside a name turned into a space so the columns hold. */
  {
    const CrmChartCount tricky[] = { { "Trade\tshow\n2025", 3 } };
    CrmChartCounts counts = { tricky, 1 };
    g_autoptr (CrmChartTable) table = crm_chart_lead_sources_to_table (&counts);

    text = crm_chart_table_to_text (table);
    g_assert_cmpstr (text, ==, "Source\tNew leads\tShare\nTrade show 2025\t3\t100%\n");
  }
}

/* ---- Files ------------------------------------------------------------------------------- */

typedef struct
{
  char *folder;
} Files;

static void
files_set_up (Files *files, gconstpointer user_data)
{
  g_autoptr (GError) error = NULL;

  files->folder = g_dir_make_tmp ("rapport-test-charts-XXXXXX", &error);
  g_assert_no_error (error);
}

static void
files_tear_down (Files *files, gconstpointer user_data)
{
  crm_test_remove_tree (files->folder);
  g_free (files->folder);
}

static guint
count_not_background (cairo_surface_t *surface, guint32 background)
{
  const guint8 *data;
  int stride, width, height;
  guint n = 0;

  cairo_surface_flush (surface);
  data = cairo_image_surface_get_data (surface);
  stride = cairo_image_surface_get_stride (surface);
  width = cairo_image_surface_get_width (surface);
  height = cairo_image_surface_get_height (surface);
  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      n += !pixels_near (*(const guint32 *) (data + (gsize) y * stride + (gsize) x * 4) & 0xffffff,
                         background, 8);
  return n;
}

static void
test_export_png (Files *files, gconstpointer user_data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = g_build_filename (files->folder, "revenue.PNG", NULL);
  const CrmChartPalette *palette = crm_chart_palette_get (TRUE);
  cairo_surface_t *image;

  g_assert_true (crm_chart_export (CRM_CHART_REVENUE, crm_chart_sample (CRM_CHART_REVENUE), palette,
                                   1280, 400, path, &error));
  g_assert_no_error (error);
  image = cairo_image_surface_create_from_png (path);
  g_assert_cmpint (cairo_surface_status (image), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (image), ==, 1280);
  g_assert_cmpint (cairo_image_surface_get_height (image), ==, 400);
  /* The dark background painted, and a chart on it. */
  g_assert_cmpuint (count_not_background (image, pixel_of_color (&palette->background)), >,
                    1280 * 400 / 10);
  cairo_surface_destroy (image);
}

typedef struct
{
  gboolean svg_root;
  guint n_paths;
  guint n_uses;
  char *width;
} SvgCount;

static void
svg_start (GMarkupParseContext *context,
           const char *element,
           const char **names,
           const char **values,
           gpointer user_data,
           GError **error)
{
  SvgCount *count = user_data;

  if (g_markup_parse_context_get_element_stack (context)->next == NULL)
    {
      count->svg_root = g_strcmp0 (element, "svg") == 0;
      for (guint i = 0; names[i] != NULL; i++)
        {
          if (strcmp (names[i], "width") == 0)
            count->width = g_strdup (values[i]);
        }
    }
  count->n_paths += strcmp (element, "path") == 0;
  count->n_uses += strcmp (element, "use") == 0;
}

static void
test_export_svg (Files *files, gconstpointer user_data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = g_build_filename (files->folder, "sources.svg", NULL);
  g_autofree char *contents = NULL;
  gsize length;
  GMarkupParser parser = { svg_start, NULL, NULL, NULL, NULL };
  SvgCount count = { 0 };
  GMarkupParseContext *context;

  g_assert_true (crm_chart_export (CRM_CHART_LEAD_SOURCES,
                                   crm_chart_sample (CRM_CHART_LEAD_SOURCES), NULL, 640, 300, path,
                                   &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &contents, &length, &error));
  context = g_markup_parse_context_new (&parser, 0, &count, NULL);
  g_assert_true (g_markup_parse_context_parse (context, contents, length, &error));
  g_assert_true (g_markup_parse_context_end_parse (context, &error));
  g_assert_no_error (error);
  g_markup_parse_context_free (context);
  g_assert_true (count.svg_root);
  g_assert_cmpstr (count.width, ==, "640pt");
  /* The background, the bars, the grid, and glyphs of text used from their definitions. */
  g_assert_cmpuint (count.n_paths, >=, 3);
  g_assert_cmpuint (count.n_uses, >=, 40);
  g_free (count.width);

#ifdef HAVE_RSVG
  {
    RsvgHandle *handle = rsvg_handle_new_from_file (path, &error);
    cairo_surface_t *image = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 640, 300);
    cairo_t *cr = cairo_create (image);
    RsvgRectangle viewport = { 0, 0, 640, 300 };

    g_assert_no_error (error);
    g_assert_true (rsvg_handle_render_document (handle, cr, &viewport, &error));
    g_assert_no_error (error);
    cairo_destroy (cr);
    g_assert_cmpuint (
        count_not_background (image, pixel_of_color (&crm_chart_palette_get (FALSE)->background)),
        >, 640 * 300 / 20);
    cairo_surface_destroy (image);
    g_object_unref (handle);
  }
#endif
}

static void
test_export_pdf (Files *files, gconstpointer user_data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = g_build_filename (files->folder, "funnel.pdf", NULL);
  g_autofree char *prefix = g_build_filename (files->folder, "page", NULL);
  g_autofree char *page = g_build_filename (files->folder, "page.png", NULL);
  g_autofree char *pdftoppm = g_find_program_in_path ("pdftoppm");
  const char *argv[] = { pdftoppm, "-png", "-r", "72", "-singlefile", path, prefix, NULL };
  int status = 0;
  cairo_surface_t *image;

  /* Required on purpose (poppler-utils, build-aux/install-deps.sh test): skipping would hide a
   * broken PDF. */
  g_assert_nonnull (pdftoppm);
  g_assert_true (crm_chart_export (CRM_CHART_FUNNEL, crm_chart_sample (CRM_CHART_FUNNEL), NULL,
                                   1280, 400, path, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, NULL, NULL,
                               &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, &error));
  g_assert_no_error (error);

  image = cairo_image_surface_create_from_png (page);
  g_assert_cmpint (cairo_surface_status (image), ==, CAIRO_STATUS_SUCCESS);
  /* 72 dpi: a point is a pixel. */
  g_assert_cmpint (cairo_image_surface_get_width (image), ==, 1280);
  g_assert_cmpint (cairo_image_surface_get_height (image), ==, 400);
  g_assert_cmpuint (
      count_not_background (image, pixel_of_color (&crm_chart_palette_get (FALSE)->background)), >,
      1280 * 400 / 10);
  cairo_surface_destroy (image);
}

static void
test_export_errors (Files *files, gconstpointer user_data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *jpeg = g_build_filename (files->folder, "chart.jpg", NULL);
  g_autofree char *bare = g_build_filename (files->folder, "chart", NULL);
  g_autofree char *dotted = g_build_filename (files->folder, "v1.png.d", "chart", NULL);
  g_autofree char *missing = g_build_filename (files->folder, "no-such-folder", "chart.pdf", NULL);
  g_autofree char *existing = g_build_filename (files->folder, "kept.svg", NULL);
  g_autofree char *contents = NULL;
  gconstpointer data = crm_chart_sample (CRM_CHART_WIN_RATE);

  g_assert_false (crm_chart_export (CRM_CHART_WIN_RATE, data, NULL, 640, 300, jpeg, &error));
  g_assert_error (error, CRM_CHART_ERROR, CRM_CHART_ERROR_UNKNOWN_FORMAT);
  g_assert_nonnull (strstr (error->message, "chart.jpg"));
  g_assert_nonnull (strstr (error->message, ".png, .svg or .pdf"));
  g_assert_false (g_file_test (jpeg, G_FILE_TEST_EXISTS));
  g_clear_error (&error);

  g_assert_false (crm_chart_export (CRM_CHART_WIN_RATE, data, NULL, 640, 300, bare, &error));
  g_assert_error (error, CRM_CHART_ERROR, CRM_CHART_ERROR_UNKNOWN_FORMAT);
  g_clear_error (&error);
  /* A dot in a folder's name is no extension. */
  g_assert_false (crm_chart_export (CRM_CHART_WIN_RATE, data, NULL, 640, 300, dotted, &error));
  g_assert_error (error, CRM_CHART_ERROR, CRM_CHART_ERROR_UNKNOWN_FORMAT);
  g_clear_error (&error);

  g_assert_false (crm_chart_export (CRM_CHART_WIN_RATE, data, NULL, 640, 300, missing, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_true (g_str_has_prefix (error->message, "Could not save the chart"));
  g_clear_error (&error);

  g_assert_false (crm_chart_export (CRM_CHART_WIN_RATE, data, NULL, 0, 300, existing, &error));
  g_assert_error (error, CRM_CHART_ERROR, CRM_CHART_ERROR_FAILED);
  g_assert_false (g_file_test (existing, G_FILE_TEST_EXISTS));
  g_clear_error (&error);

  /* Replacing a file works, and writes a whole new one. */
  g_assert_true (g_file_set_contents (existing, "old", -1, &error));
  g_assert_true (crm_chart_export (CRM_CHART_WIN_RATE, data, NULL, 640, 300, existing, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (existing, &contents, NULL, &error));
  g_assert_nonnull (strstr (contents, "<svg"));
}

/* ---- Main -------------------------------------------------------------------------------- */

static void
add_per_chart_tests (void)
{
  static RenderCase cases[CRM_CHART_N_KINDS * G_N_ELEMENTS (sizes) * 2];
  guint n = 0;

  for (CrmChartKind kind = 0; kind < CRM_CHART_N_KINDS; kind++)
    for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
      for (int dark = 0; dark < 2; dark++)
        {
          RenderCase *c = &cases[n++];
          g_autofree char *suffix = NULL;
          g_autofree char *sample_path = NULL, *marks_path = NULL, *empty_path = NULL;

          *c = (RenderCase){ kind, sizes[s].width, sizes[s].height, dark };
          suffix = g_strdup_printf ("%s/%dx%d/%s", crm_chart_sample_name (kind), c->width,
                                    c->height, dark ? "dark" : "light");
          sample_path = g_strconcat ("/charts/draw/sample/", suffix, NULL);
          marks_path = g_strconcat ("/charts/draw/marks/", suffix, NULL);
          empty_path = g_strconcat ("/charts/draw/empty/", suffix, NULL);
          g_test_add_data_func (sample_path, c, test_render_sample);
          g_test_add_data_func (marks_path, c, test_marks);
          g_test_add_data_func (empty_path, c, test_empty);
        }
}

int
main (int argc, char *argv[])
{
  int result;

  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/charts/scale/nice-numbers", test_nice_scale);
  g_test_add_func ("/charts/format/c-locale", test_formats);
  g_test_add_func ("/charts/format/german-locale", test_formats_german);
  add_per_chart_tests ();
  g_test_add_func ("/charts/draw/odd-sizes", test_odd_sizes);
  g_test_add_func ("/charts/draw/crowded", test_crowded);
  g_test_add_func ("/charts/hit-test", test_hits);
  g_test_add_func ("/charts/table", test_tables);
  g_test_add ("/charts/export/png", Files, NULL, files_set_up, test_export_png, files_tear_down);
  g_test_add ("/charts/export/svg", Files, NULL, files_set_up, test_export_svg, files_tear_down);
  g_test_add ("/charts/export/pdf", Files, NULL, files_set_up, test_export_pdf, files_tear_down);
  g_test_add ("/charts/export/errors", Files, NULL, files_set_up, test_export_errors,
              files_tear_down);
  result = g_test_run ();

  /* Fontconfig, Cairo and Pango keep their font caches for the life of the process: free them,
   * so that LeakSanitizer reports only real leaks. */
  pango_cairo_font_map_set_default (NULL);
  cairo_debug_reset_static_data ();
  FcFini ();
  return result;
}

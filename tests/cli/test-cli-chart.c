/* test-cli-chart.c — `rapport-cli chart` and `rapport-cli report` as a user and a script meet
 * them: the built program (path in $RAPPORT_CLI) over the hand-built KPI database
 * (crm-test-kpi-data.c), the files it writes read back (PNG with Cairo, SVG as XML, PDF with
 * poppler's pdftoppm, pdfinfo and pdftotext), and one-line errors with their exit statuses,
 * leaving no file behind.
 */
#include "config.h"

#include <cairo.h>
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <string.h>

#include "crm-chart.h"
#include "crm-store.h"
#include "crm-test-kpi-data.h"
#include "crm-cli-test-util.h"

typedef CrmCliFixture Fixture;

static void
fixture_set_up (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CrmStore) store = NULL;
  CrmTestKpiData kpi_data;

  crm_test_folder_init (fixture, "rapport-cli-chart-XXXXXX");
  store = crm_store_open (fixture->path, &error);
  g_assert_no_error (error);
  crm_test_kpi_data_write (store, &kpi_data);
}

static void
fixture_tear_down (Fixture *fixture, gconstpointer data)
{
  crm_test_folder_clear (fixture);
}

#define TEST_F(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

static char *
in_folder (Fixture *fixture, const char *name)
{
  return g_build_filename (fixture->folder, name, NULL);
}

static void
assert_success (const CrmCliResult *result)
{
  if (result->status != 0)
    g_error ("rapport-cli failed (%d): %s", result->status, result->err);
  g_assert_cmpstr (result->err, ==, "");
}

/* Exactly one line on stderr, "rapport-cli: …" containing @words, nothing on stdout, and
 * @status. */
static void
assert_error (const CrmCliResult *result, int status, const char *words)
{
  const char *newline = strchr (result->err, '\n');

  g_assert_cmpint (result->status, ==, status);
  g_assert_true (g_str_has_prefix (result->err, "rapport-cli: "));
  g_assert_nonnull (newline);
  g_assert_cmpstr (newline + 1, ==, "");
  g_assert_cmpstr (result->out, ==, "");
  if (strstr (result->err, words) == NULL)
    g_error ("“%s” is not in the error: %s", words, result->err);
}

/* ---- Reading pictures back -------------------------------------------------------------------- */

static guint32
pixel_of (const CrmChartColor *color)
{
  return 0xff000000u | (guint32) (color->red * 255 + 0.5) << 16
         | (guint32) (color->green * 255 + 0.5) << 8 | (guint32) (color->blue * 255 + 0.5);
}

/* Pixels of @image that are not @background (ARGB32 or RGB24, alpha ignored). */
static guint
count_not (cairo_surface_t *image, guint32 background)
{
  int width = cairo_image_surface_get_width (image);
  int height = cairo_image_surface_get_height (image);
  int stride = cairo_image_surface_get_stride (image);
  const guchar *data;
  guint count = 0;

  cairo_surface_flush (image);
  data = cairo_image_surface_get_data (image);
  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      {
        guint32 pixel = *(const guint32 *) (data + (gsize) y * stride + (gsize) x * 4);

        if ((pixel & 0xffffff) != (background & 0xffffff))
          count++;
      }
  return count;
}

/* Pixels of @image within 40 of @color in each channel. */
static guint
count_near (cairo_surface_t *image, guint32 color)
{
  int width = cairo_image_surface_get_width (image);
  int height = cairo_image_surface_get_height (image);
  int stride = cairo_image_surface_get_stride (image);
  const guchar *data;
  guint count = 0;

  cairo_surface_flush (image);
  data = cairo_image_surface_get_data (image);
  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      {
        guint32 pixel = *(const guint32 *) (data + (gsize) y * stride + (gsize) x * 4);
        gboolean near = TRUE;

        for (int shift = 0; shift <= 16; shift += 8)
          near = near && ABS ((int) (pixel >> shift & 0xff) - (int) (color >> shift & 0xff)) <= 40;
        count += near;
      }
  return count;
}

static guint32
pixel_at (cairo_surface_t *image, int x, int y)
{
  cairo_surface_flush (image);
  return *(const guint32 *) (cairo_image_surface_get_data (image)
                             + (gsize) y * cairo_image_surface_get_stride (image) + (gsize) x * 4);
}

static void
run_program (const char *const *argv, char **out)
{
  g_autoptr (GError) error = NULL;
  int status = 0;

  g_assert_nonnull (argv[0]);
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, out, NULL,
                               &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, &error));
  g_assert_no_error (error);
}

/* Page @page of the PDF @path as a picture at 72 dpi (a point is a pixel), with poppler. */
static cairo_surface_t *
render_pdf_page (Fixture *fixture, const char *path, int page)
{
  /* Required on purpose (poppler-utils): skipping would hide a broken PDF. */
  g_autofree char *pdftoppm = g_find_program_in_path ("pdftoppm");
  g_autofree char *prefix = in_folder (fixture, "page");
  g_autofree char *png = in_folder (fixture, "page.png");
  g_autofree char *number = g_strdup_printf ("%d", page);
  const char *argv[] = { pdftoppm, "-png", "-r",          "72", "-f",   number,
                         "-l",     number, "-singlefile", path, prefix, NULL };
  cairo_surface_t *image;

  run_program (argv, NULL);
  image = cairo_image_surface_create_from_png (png);
  g_assert_cmpint (cairo_surface_status (image), ==, CAIRO_STATUS_SUCCESS);
  return image;
}

static int
pdf_pages (const char *path)
{
  g_autofree char *pdfinfo = g_find_program_in_path ("pdfinfo");
  g_autofree char *out = NULL;
  const char *argv[] = { pdfinfo, path, NULL };
  const char *line;

  run_program (argv, &out);
  line = strstr (out, "Pages:");
  g_assert_nonnull (line);
  return atoi (line + strlen ("Pages:"));
}

static char *
pdf_text (const char *path, int page)
{
  g_autofree char *pdftotext = g_find_program_in_path ("pdftotext");
  g_autofree char *number = g_strdup_printf ("%d", page);
  const char *argv[] = { pdftotext, "-f", number, "-l", number, "-layout", path, "-", NULL };
  char *out = NULL;

  run_program (argv, &out);
  return out;
}

/* ---- chart -------------------------------------------------------------------------------- */

/* Q1 2024 as a PNG of the size asked for, drawn on the light background: the funnel's bars in
 * the palette's blue; --dark paints the dark background. */
static void
test_chart_png (Fixture *fixture, gconstpointer data)
{
  g_autofree char *light = in_folder (fixture, "funnel.png");
  g_autofree char *dark = in_folder (fixture, "funnel-dark.PNG");
  const CrmChartPalette *palette = crm_chart_palette_get (FALSE);
  g_autoptr (CrmCliResult) result = NULL;
  cairo_surface_t *image;

  result = crm_cli_run_on_database (fixture, "chart", "funnel", "--output", light, "--from",
                                    "2024-01-01", "--to", "2024-03-31", "--width", "640",
                                    "--height", "360");
  assert_success (result);
  image = cairo_image_surface_create_from_png (light);
  g_assert_cmpint (cairo_surface_status (image), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (image), ==, 640);
  g_assert_cmpint (cairo_image_surface_get_height (image), ==, 360);
  g_assert_cmphex (pixel_at (image, 0, 0) & 0xffffff, ==,
                   pixel_of (&palette->background) & 0xffffff);
  g_assert_cmpuint (count_not (image, pixel_of (&palette->background)), >, 640 * 360 / 20);
  g_assert_cmpuint (count_near (image, pixel_of (&palette->blue)), >, 640 * 360 / 50);
  cairo_surface_destroy (image);

  g_clear_pointer (&result, crm_cli_result_free);
  result = crm_cli_run_on_database (fixture, "chart", "funnel", "-o", dark, "--from", "2024-01-01",
                                    "--to", "2024-03-31", "--dark");
  assert_success (result);
  image = cairo_image_surface_create_from_png (dark);
  g_assert_cmpint (cairo_surface_status (image), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (image), ==, 960);
  g_assert_cmpint (cairo_image_surface_get_height (image), ==, 540);
  g_assert_cmphex (pixel_at (image, 0, 0) & 0xffffff, ==,
                   pixel_of (&crm_chart_palette_get (TRUE)->background) & 0xffffff);
  cairo_surface_destroy (image);
}

/* Every chart of Q1 has data: none is its empty state, which draws only a line of text. */
static void
test_chart_every_name (Fixture *fixture, gconstpointer data)
{
  const char *const names[] = { "funnel",       "revenue",    "win-rate",    "lead-sources",
                                "lost-reasons", "stage-time", "satisfaction" };
  const CrmChartPalette *palette = crm_chart_palette_get (FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *name = g_strdup_printf ("%s.png", names[i]);
      g_autofree char *path = in_folder (fixture, name);
      g_autoptr (CrmCliResult) result = crm_cli_run_on_database (
          fixture, "chart", names[i], "--output", path, "--from", "2024-01-01", "--to",
          "2024-03-31", "--width", "480", "--height", "300");
      cairo_surface_t *image;

      assert_success (result);
      image = cairo_image_surface_create_from_png (path);
      g_assert_cmpint (cairo_surface_status (image), ==, CAIRO_STATUS_SUCCESS);
      if (count_not (image, pixel_of (&palette->background)) <= 480 * 300 / 30)
        g_error ("The %s chart is nearly blank", names[i]);
      cairo_surface_destroy (image);
    }
}

/* The empty state of a period without data is still a picture (its message). */
static void
test_chart_empty_period (Fixture *fixture, gconstpointer data)
{
  g_autofree char *path = in_folder (fixture, "empty.png");
  g_autoptr (CrmCliResult) result
      = crm_cli_run_on_database (fixture, "chart", "lost-reasons", "--output", path, "--from",
                                 "2020-01-01", "--to", "2020-01-31");
  cairo_surface_t *image;
  guint drawn;

  assert_success (result);
  image = cairo_image_surface_create_from_png (path);
  drawn = count_not (image, pixel_of (&crm_chart_palette_get (FALSE)->background));
  g_assert_cmpuint (drawn, >, 0);
  g_assert_cmpuint (drawn, <, 960 * 540 / 50);
  cairo_surface_destroy (image);
}

static void
test_chart_svg_pdf (Fixture *fixture, gconstpointer data)
{
  g_autofree char *svg = in_folder (fixture, "revenue.svg");
  g_autofree char *pdf = in_folder (fixture, "revenue.pdf");
  g_autofree char *contents = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (CrmCliResult) result = NULL;
  cairo_surface_t *page;

  result = crm_cli_run_on_database (fixture, "chart", "revenue", "--output", svg, "--from",
                                    "2024-01-01", "--to", "2024-03-31", "--width", "800",
                                    "--height", "400");
  assert_success (result);
  g_assert_true (g_file_get_contents (svg, &contents, NULL, &error));
  g_assert_nonnull (strstr (contents, "<svg"));
  g_assert_nonnull (strstr (contents, "width=\"800\""));
  g_assert_nonnull (strstr (contents, "</svg>"));

  g_clear_pointer (&result, crm_cli_result_free);
  result = crm_cli_run_on_database (fixture, "chart", "revenue", "--output", pdf, "--from",
                                    "2024-01-01", "--to", "2024-03-31", "--width", "800",
                                    "--height", "400", "--pipeline", "sales");
  assert_success (result);
  page = render_pdf_page (fixture, pdf, 1);
  g_assert_cmpint (cairo_image_surface_get_width (page), ==, 800);
  g_assert_cmpint (cairo_image_surface_get_height (page), ==, 400);
  g_assert_cmpuint (count_not (page, pixel_of (&crm_chart_palette_get (FALSE)->background)), >,
                    800 * 400 / 50);
  g_assert_cmpuint (count_near (page, pixel_of (&crm_chart_palette_get (FALSE)->green)), >, 200);
  cairo_surface_destroy (page);
}

/* Bad names, formats, sizes, days and pipelines: one line, the usage status (2) for the command
 * line, 1 for what it names; no file is written. */
static void
test_chart_errors (Fixture *fixture, gconstpointer data)
{
  g_autofree char *png = in_folder (fixture, "x.png");
  g_autofree char *gif = in_folder (fixture, "x.gif");
  g_autofree char *missing_folder = in_folder (fixture, "no-such-folder/x.png");
  g_autofree char *missing_db = in_folder (fixture, "missing.db");
  CrmCliResult *result;

  result = crm_cli_run_on_database (fixture, "chart", "pie", "--output", png);
  assert_error (result, 2, "no chart named “pie”");
  g_assert_nonnull (strstr (result->err, "lost-reasons"));
  crm_cli_result_free (result);

  result = crm_cli_run_on_database (fixture, "chart", "--output", png);
  assert_error (result, 2, "Missing the chart");
  crm_cli_result_free (result);

  result = crm_cli_run_on_database (fixture, "chart", "funnel", "revenue", "--output", png);
  g_assert_cmpint (result->status, ==, 2);
  crm_cli_result_free (result);

  result = crm_cli_run_on_database (fixture, "chart", "funnel");
  assert_error (result, 2, "--output");
  crm_cli_result_free (result);

  result = crm_cli_run_on_database (fixture, "chart", "funnel", "--output", gif);
  assert_error (result, 2, ".png, .svg or .pdf");
  g_assert_false (g_file_test (gif, G_FILE_TEST_EXISTS));
  crm_cli_result_free (result);

  result = crm_cli_run_on_database (fixture, "chart", "funnel", "--output", png, "--width", "0");
  assert_error (result, 2, "--width");
  crm_cli_result_free (result);

  result
      = crm_cli_run_on_database (fixture, "chart", "funnel", "--output", png, "--height", "20001");
  assert_error (result, 2, "--height");
  crm_cli_result_free (result);

  result = crm_cli_run_on_database (fixture, "chart", "funnel", "--output", png, "--from",
                                    "2024-02-30");
  assert_error (result, 2, "2024-02-30");
  crm_cli_result_free (result);

  result
      = crm_cli_run_on_database (fixture, "chart", "funnel", "--output", png, "--pipeline", "Nope");
  assert_error (result, 1, "no pipeline named “Nope”");
  crm_cli_result_free (result);

  result = crm_cli_run_on_database (fixture, "chart", "funnel", "--output", missing_folder);
  assert_error (result, 1, "no-such-folder");
  crm_cli_result_free (result);

  /* A missing database is not created. */
  g_free (fixture->path);
  fixture->path = g_strdup (missing_db);
  result = crm_cli_run_on_database (fixture, "chart", "funnel", "--output", png);
  g_assert_cmpint (result->status, ==, 1);
  g_assert_false (g_file_test (missing_db, G_FILE_TEST_EXISTS));
  crm_cli_result_free (result);

  g_assert_false (g_file_test (png, G_FILE_TEST_EXISTS));
}

/* ---- report ------------------------------------------------------------------------------- */

/* Page 1 and a page per chart; page 1 holds the title, the period, the pipeline and the KPIs
 * of Q1 as test-kpi.c works them out (win rate 4 of 6, churn 1 of 3). */
static void
test_report (Fixture *fixture, gconstpointer data)
{
  g_autofree char *pdf = in_folder (fixture, "report.pdf");
  g_autofree char *text = NULL;
  g_autofree char *chart_text = NULL;
  g_autoptr (CrmCliResult) result = NULL;
  cairo_surface_t *page;

  result = crm_cli_run_on_database (fixture, "report", "--output", pdf, "--from", "2024-01-01",
                                    "--to", "2024-03-31");
  assert_success (result);
  g_assert_cmpint (pdf_pages (pdf), >=, 8);

  page = render_pdf_page (fixture, pdf, 1);
  g_assert_cmpint (cairo_image_surface_get_width (page), ==, 842);
  g_assert_cmpint (cairo_image_surface_get_height (page), ==, 595);
  g_assert_cmpuint (count_not (page, pixel_of (&crm_chart_palette_get (FALSE)->background)), >,
                    842 * 595 / 100);
  cairo_surface_destroy (page);

  text = pdf_text (pdf, 1);
  g_assert_nonnull (strstr (text, "Sales KPI Report"));
  g_assert_nonnull (strstr (text, "Jan 1, 2024 – Mar 31, 2024"));
  g_assert_nonnull (strstr (text, "All pipelines"));
  g_assert_nonnull (strstr (text, "Win rate"));
  g_assert_nonnull (strstr (text, "66.7%"));
  g_assert_nonnull (strstr (text, "4 won, 2 lost"));
  g_assert_nonnull (strstr (text, "33.3%"));
  g_assert_nonnull (strstr (text, "-66.7 pts"));

  /* Page 2 is the funnel, with its stages. */
  chart_text = pdf_text (pdf, 2);
  g_assert_nonnull (strstr (chart_text, "Stage Funnel"));
  g_assert_nonnull (strstr (chart_text, "Initial contact"));

  /* One pipeline, named on page 1. */
  g_clear_pointer (&result, crm_cli_result_free);
  g_clear_pointer (&text, g_free);
  result = crm_cli_run_on_database (fixture, "report", "-o", pdf, "--from", "2024-01-01", "--to",
                                    "2024-03-31", "--pipeline", "Partners");
  assert_success (result);
  text = pdf_text (pdf, 1);
  g_assert_nonnull (strstr (text, "Partners"));
  g_assert_null (strstr (text, "All pipelines"));
}

static void
test_report_errors (Fixture *fixture, gconstpointer data)
{
  g_autofree char *png = in_folder (fixture, "report.png");
  g_autofree char *pdf = in_folder (fixture, "kept.pdf");
  g_autofree char *contents = NULL;
  g_autoptr (GError) error = NULL;
  CrmCliResult *result;

  result = crm_cli_run_on_database (fixture, "report");
  assert_error (result, 2, "--output");
  crm_cli_result_free (result);

  result = crm_cli_run_on_database (fixture, "report", "--output", png);
  assert_error (result, 2, ".pdf");
  g_assert_false (g_file_test (png, G_FILE_TEST_EXISTS));
  crm_cli_result_free (result);

  result = crm_cli_run_on_database (fixture, "report", "--output", pdf, "extra");
  g_assert_cmpint (result->status, ==, 2);
  crm_cli_result_free (result);

  /* A period that ends before it starts changes nothing: the old file stays. */
  g_assert_true (g_file_set_contents (pdf, "old", -1, &error));
  result = crm_cli_run_on_database (fixture, "report", "--output", pdf, "--from", "2024-03-01",
                                    "--to", "2024-01-31");
  assert_error (result, 2, "must end after it starts");
  crm_cli_result_free (result);
  g_assert_true (g_file_get_contents (pdf, &contents, NULL, &error));
  g_assert_cmpstr (contents, ==, "old");
}

int
main (int argc, char **argv)
{
  g_setenv ("TZ", "UTC", TRUE);
  g_test_init (&argc, &argv, NULL);

  TEST_F ("/cli/chart/png", test_chart_png);
  TEST_F ("/cli/chart/every-name", test_chart_every_name);
  TEST_F ("/cli/chart/empty-period", test_chart_empty_period);
  TEST_F ("/cli/chart/svg-pdf", test_chart_svg_pdf);
  TEST_F ("/cli/chart/errors", test_chart_errors);
  TEST_F ("/cli/report/pages", test_report);
  TEST_F ("/cli/report/errors", test_report_errors);

  return g_test_run ();
}

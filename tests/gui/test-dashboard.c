/* test-dashboard.c — the Dashboard page in a real window over the hand-built KPI database
 * (crm-test-kpi-data.c; its KPIs are worked out in tests/test-kpi.c): it computes when first
 * shown and not before; its tiles show what crm_kpi_compute() computes; the period chosen is
 * remembered in GSettings and recomputes; a chart's table has the chart's rows and copies as
 * text; pointing at a bar names its exact value; clicking a funnel stage or a lost reason shows
 * the Pipeline page with those deals; the spend editor writes a row that undo removes, and the
 * page follows; an empty database shows the empty state; export follows the dark style.
 *
 * Runs under a virtual X display with the memory GSettings backend, in UTC (set in main).
 */
#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "crm-application.h"
#include "crm-dashboard-view.h"
#include "crm-gui-test-util.h"
#include "crm-money.h"
#include "crm-pipeline-view.h"
#include "crm-stage-column.h"
#include "crm-store-kpi.h"
#include "crm-test-kpi-data.h"
#include "crm-test-util.h"
#include "crm-window.h"

#define DAY(y, m, d) crm_test_utc ((y), (m), (d), 0, 0, 0)

static CrmApplication *app;

typedef struct
{
  char *folder;
  char *path;
  CrmStore *store;
  CrmTestKpiData data;
  GSettings *settings;
  CrmWindow *window;
  CrmDashboardView *view;
} Fixture;

static void
fixture_set_up (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (GError) error = NULL;

  fixture->folder = g_dir_make_tmp ("rapport-dashboard-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->folder, "rapport.db", NULL);
  fixture->store = crm_store_open (fixture->path, &error);
  g_assert_no_error (error);
  if (user_data == NULL)
    crm_test_kpi_data_write (fixture->store, &fixture->data);

  /* Q1 2024, every pipeline: the period test-kpi.c works out by hand. */
  fixture->settings = g_settings_new (APPLICATION_ID);
  g_settings_set_string (fixture->settings, "last-page", "pipeline");
  g_settings_set_string (fixture->settings, "dashboard-period", "custom");
  g_settings_set_string (fixture->settings, "dashboard-from", "2024-01-01");
  g_settings_set_string (fixture->settings, "dashboard-to", "2024-03-31");
  g_settings_set_string (fixture->settings, "dashboard-pipeline", "");
  g_settings_set_string (fixture->settings, "dashboard-currency", "");
}

static void
fixture_tear_down (Fixture *fixture, gconstpointer user_data)
{
  crm_test_destroy_all_windows ();
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);
  g_clear_object (&fixture->settings);
  g_clear_object (&fixture->store);
  crm_test_remove_tree (fixture->folder);
  g_free (fixture->folder);
  g_free (fixture->path);
}

#define TEST_F(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

/* ---- Helpers ------------------------------------------------------------------------------ */

static void
open_window (Fixture *fixture, const char *page)
{
  fixture->window = crm_window_new (app, fixture->store);
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1200, 900);
  crm_window_set_visible_page (fixture->window, page);
  gtk_window_present (GTK_WINDOW (fixture->window));
  crm_test_wait_for (crm_test_widget_is_mapped, fixture->window, "the window to be mapped");
  fixture->view = CRM_DASHBOARD_VIEW (
      crm_test_find_descendant (GTK_WIDGET (fixture->window), CRM_TYPE_DASHBOARD_VIEW));
  g_assert_nonnull (fixture->view);
}

typedef struct
{
  CrmDashboardView *view;
  guint n_computed;
} Computed;

static gboolean
has_computed (gpointer data)
{
  Computed *computed = data;

  return crm_dashboard_view_get_n_computed (computed->view) >= computed->n_computed
         && !crm_dashboard_view_get_computing (computed->view);
}

/* Waits until the page has computed @n_computed times in all. */
static void
wait_computed (Fixture *fixture, guint n_computed)
{
  Computed computed = { fixture->view, n_computed };

  crm_test_wait_for_seconds (has_computed, &computed, 20, "the dashboard to compute");
}

static void
show_dashboard (Fixture *fixture)
{
  open_window (fixture, "dashboard");
  wait_computed (fixture, 1);
}

/* The KPIs as crm_kpi_compute() gives them for the period of the settings. */
static CrmKpiReport *
compute_directly (Fixture *fixture, gint64 from, gint64 to)
{
  g_autoptr (GError) error = NULL;
  CrmKpiOptions options;
  CrmKpiReport *report;

  crm_kpi_options_init (&options, from, to);
  options.flags = CRM_KPI_WITH_PREVIOUS;
  report = crm_kpi_compute (fixture->store, &options, &error);
  g_assert_no_error (error);
  return report;
}

static const char *
tile_value (Fixture *fixture, CrmKpi kpi)
{
  return crm_kpi_tile_get_value_text (crm_dashboard_view_get_tile (fixture->view, kpi));
}

static CrmChartWidget *
chart_of (Fixture *fixture, CrmChartKind kind)
{
  return crm_chart_card_get_chart (crm_dashboard_view_get_card (fixture->view, kind));
}

/* A point on item @index of the chart @widget, found by its own hit test. */
static gboolean
find_item (CrmChartWidget *widget, int index, double *x, double *y)
{
  gconstpointer data = crm_dashboard_data_get_chart (crm_chart_widget_get_data (widget),
                                                     crm_chart_widget_get_kind (widget));
  int width = gtk_widget_get_width (GTK_WIDGET (widget));
  int height = gtk_widget_get_height (GTK_WIDGET (widget));

  for (int py = 0; py < height; py += 2)
    for (int px = width / 8; px < width; px += width / 8)
      {
        g_auto (CrmChartHit) hit = { 0 };

        if (crm_chart_hit_test (crm_chart_widget_get_kind (widget), data, width, height, px, py,
                                &hit)
            && hit.index == index)
          {
            *x = px;
            *y = py;
            return TRUE;
          }
      }
  return FALSE;
}

/* Whether the first item of chart @data is drawn (the chart laid out at its size: being mapped
 * is not enough under a slow build). */
static gboolean
first_item_drawn (gpointer data)
{
  double x, y;

  return gtk_widget_get_width (data) >= 8 && find_item (data, 0, &x, &y);
}

static CrmPipelineView *
pipeline_view (Fixture *fixture)
{
  return CRM_PIPELINE_VIEW (
      crm_test_find_descendant (GTK_WIDGET (fixture->window), CRM_TYPE_PIPELINE_VIEW));
}

/* The ids of the deals the board's columns show, as "stage:deal" pairs in column order. */
static char *
board_deals (Fixture *fixture)
{
  CrmPipelineView *board = pipeline_view (fixture);
  g_autoptr (GString) text = g_string_new (NULL);

  for (guint c = 0; c < crm_pipeline_view_get_n_columns (board); c++)
    {
      CrmStageColumn *column = crm_pipeline_view_get_column (board, c);
      GListModel *deals = crm_stage_column_get_deals (column);

      for (guint i = 0; i < g_list_model_get_n_items (deals); i++)
        {
          g_autoptr (CrmEntityObject) deal = g_list_model_get_item (deals, i);

          g_string_append_printf (text, "%s%s:%" G_GINT64_FORMAT, text->len > 0 ? " " : "",
                                  crm_stage_get_name (crm_stage_column_get_stage (column)),
                                  crm_entity_object_get_id (deal));
        }
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* ---- Tests -------------------------------------------------------------------------------- */

/* Nothing is computed (or built) while the window shows another page; shown, the page computes
 * once and its tiles are crm_kpi_compute()'s figures. */
static void
test_computes_when_shown (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (CrmKpiReport) report = compute_directly (fixture, DAY (2024, 1, 1), DAY (2024, 4, 1));
  const CrmKpiResult *r = report->current;
  g_autofree char *open_value
      = crm_money_format (crm_kpi_money_get (r->open_pipeline_value, "EUR"), "EUR");
  g_autofree char *cac = crm_money_format (crm_kpi_money_get (r->cac, "EUR"), "EUR");
  g_autofree char *win_rate = g_strdup_printf ("%.1f%%", 100 * r->win_rate);
  g_autofree char *csat = g_strdup_printf ("%.1f%%", 100 * r->csat);
  g_autofree char *nps = g_strdup_printf ("%+.0f", r->nps);
  g_autofree char *leads = g_strdup_printf ("%u", r->n_new_leads);
  g_autofree char *churn_detail
      = g_strdup_printf ("%u of %u customers left", r->n_churned, r->n_customers_at_start);

  open_window (fixture, "pipeline");
  crm_test_run_for (300);
  g_assert_null (crm_dashboard_view_get_data (fixture->view));
  g_assert_false (crm_dashboard_view_get_computing (fixture->view));
  g_assert_cmpuint (crm_dashboard_view_get_n_computed (fixture->view), ==, 0);
  /* A write while another page shows does not compute either. */
  {
    g_autoptr (CrmFeedbackRecord) answer = crm_feedback_record_new ();
    g_autoptr (GError) error = NULL;

    answer->contact_id = fixture->data.contacts[6];
    answer->kind = CRM_FEEDBACK_NPS;
    answer->score = 10;
    answer->answered_at = DAY (2019, 1, 1);
    g_assert_true (crm_store_insert_feedback (fixture->store, answer, &error));
    g_assert_no_error (error);
  }
  crm_test_run_for (CRM_DASHBOARD_VIEW_RECOMPUTE_DELAY_MS + 200);
  g_assert_cmpuint (crm_dashboard_view_get_n_computed (fixture->view), ==, 0);
  g_assert_false (crm_dashboard_view_get_computing (fixture->view));

  crm_window_set_visible_page (fixture->window, "dashboard");
  wait_computed (fixture, 1);
  crm_test_run_for (100);
  g_assert_cmpuint (crm_dashboard_view_get_n_computed (fixture->view), ==, 1);
  g_assert_nonnull (crm_dashboard_view_get_data (fixture->view));

  g_assert_cmpstr (tile_value (fixture, CRM_KPI_OPEN_PIPELINE_VALUE), ==, open_value);
  g_assert_cmpstr (tile_value (fixture, CRM_KPI_WIN_RATE), ==, win_rate);
  g_assert_cmpstr (tile_value (fixture, CRM_KPI_WIN_RATE), ==, "66.7%");
  g_assert_cmpstr (tile_value (fixture, CRM_KPI_CSAT), ==, csat);
  g_assert_cmpstr (tile_value (fixture, CRM_KPI_NPS), ==, nps);
  g_assert_cmpstr (tile_value (fixture, CRM_KPI_NEW_LEADS), ==, leads);
  g_assert_cmpstr (tile_value (fixture, CRM_KPI_CAC), ==, cac);
  g_assert_cmpstr (crm_kpi_tile_get_detail_text (
                       crm_dashboard_view_get_tile (fixture->view, CRM_KPI_CHURN_RATE)),
                   ==, churn_detail);
  /* Churn fell from 1/1 to 1/3: down, which is better. */
  g_assert_cmpstr (crm_kpi_tile_get_change_text (
                       crm_dashboard_view_get_tile (fixture->view, CRM_KPI_CHURN_RATE)),
                   ==, "↓ -66.7 pts vs. previous");
  g_assert_true (gtk_widget_has_css_class (
      gtk_widget_get_next_sibling (gtk_widget_get_next_sibling (gtk_widget_get_first_child (
          GTK_WIDGET (crm_dashboard_view_get_tile (fixture->view, CRM_KPI_CHURN_RATE))))),
      "success"));
  /* The previous period closed no deal. */
  g_assert_cmpstr (
      crm_kpi_tile_get_change_text (crm_dashboard_view_get_tile (fixture->view, CRM_KPI_WIN_RATE)),
      ==, "No previous figure");
}

/* The period chosen is saved and recomputes; a new window comes back on it; a period without
 * CSAT answers says so on its tile. */
static void
test_period_persisted (Fixture *fixture, gconstpointer user_data)
{
  GtkDropDown *period;
  const CrmKpiReport *report;
  CrmKpiTile *csat;
  g_autofree char *saved = NULL;
  g_autofree char *first = NULL;
  g_autofree char *last = NULL;
  guint n_computed;

  show_dashboard (fixture);
  period
      = GTK_DROP_DOWN (crm_test_find_descendant (GTK_WIDGET (fixture->view), GTK_TYPE_DROP_DOWN));
  g_assert_cmpuint (gtk_drop_down_get_selected (period), ==, CRM_DASHBOARD_PERIOD_CUSTOM);

  gtk_drop_down_set_selected (period, CRM_DASHBOARD_PERIOD_THIS_QUARTER);
  saved = g_settings_get_string (fixture->settings, "dashboard-period");
  g_assert_cmpstr (saved, ==, "this-quarter");
  wait_computed (fixture, 2);
  report = crm_dashboard_data_get_report (crm_dashboard_view_get_data (fixture->view));
  {
    gint64 from, to;

    crm_dashboard_period_resolve (CRM_DASHBOARD_PERIOD_THIS_QUARTER,
                                  g_get_real_time () / G_USEC_PER_SEC, NULL, NULL, &from, &to);
    g_assert_cmpint (report->options.from, ==, from);
  }

  /* Custom again, with days from the settings (as the day popovers write them). Each change
   * starts a computation that replaces the one before: one ends. */
  n_computed = crm_dashboard_view_get_n_computed (fixture->view);
  g_settings_set_string (fixture->settings, "dashboard-from", "2024-04-01");
  g_settings_set_string (fixture->settings, "dashboard-to", "2024-06-30");
  gtk_drop_down_set_selected (period, CRM_DASHBOARD_PERIOD_CUSTOM);
  g_clear_pointer (&saved, g_free);
  saved = g_settings_get_string (fixture->settings, "dashboard-period");
  g_assert_cmpstr (saved, ==, "custom");
  wait_computed (fixture, n_computed + 1);
  report = crm_dashboard_data_get_report (crm_dashboard_view_get_data (fixture->view));
  g_assert_cmpint (report->options.from, ==, DAY (2024, 4, 1));
  g_assert_cmpint (report->options.to, ==, DAY (2024, 7, 1));

  /* Q2 has no CSAT answer: a dash, and the reason under it and in the tooltip. */
  csat = crm_dashboard_view_get_tile (fixture->view, CRM_KPI_CSAT);
  g_assert_cmpstr (crm_kpi_tile_get_value_text (csat), ==, "—");
  g_assert_cmpstr (crm_kpi_tile_get_detail_text (csat), ==,
                   crm_kpi_result_get_reason (report->current, CRM_KPI_CSAT));
  g_assert_nonnull (strstr (gtk_widget_get_tooltip_text (GTK_WIDGET (csat)),
                            crm_kpi_result_get_reason (report->current, CRM_KPI_CSAT)));

  /* A new window shows the same period. */
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  crm_test_iterate_main_context ();
  show_dashboard (fixture);
  period
      = GTK_DROP_DOWN (crm_test_find_descendant (GTK_WIDGET (fixture->view), GTK_TYPE_DROP_DOWN));
  g_assert_cmpuint (gtk_drop_down_get_selected (period), ==, CRM_DASHBOARD_PERIOD_CUSTOM);
  report = crm_dashboard_data_get_report (crm_dashboard_view_get_data (fixture->view));
  g_assert_cmpint (report->options.from, ==, DAY (2024, 4, 1));
  first = g_settings_get_string (fixture->settings, "dashboard-from");
  last = g_settings_get_string (fixture->settings, "dashboard-to");
  g_assert_cmpstr (first, ==, "2024-04-01");
  g_assert_cmpstr (last, ==, "2024-06-30");
}

/* Show as Table: a row per funnel stage (both pipelines: 12), the chart's columns; Copy puts
 * the table's text on the clipboard. */
static void
test_table_view (Fixture *fixture, gconstpointer user_data)
{
  CrmChartCard *card;
  GtkColumnView *columns;
  const CrmChartTable *table;
  g_autofree char *expected = NULL;
  GdkContentProvider *content;
  g_auto (GValue) value = G_VALUE_INIT;
  g_autoptr (GError) error = NULL;

  show_dashboard (fixture);
  card = crm_dashboard_view_get_card (fixture->view, CRM_CHART_FUNNEL);
  g_assert_false (crm_chart_card_get_show_table (card));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (card), "card.show-table", NULL));
  g_assert_true (crm_chart_card_get_show_table (card));

  columns = crm_chart_card_get_column_view (card);
  table = crm_chart_card_get_table (card);
  g_assert_nonnull (table);
  g_assert_cmpuint (table->n_rows, ==, 12);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (gtk_column_view_get_model (columns))),
                    ==, 12);
  g_assert_cmpuint (g_list_model_get_n_items (gtk_column_view_get_columns (columns)), ==,
                    table->n_columns);
  g_assert_cmpstr (crm_chart_table_get_cell (table, 0, 0), ==, "Sales › Initial contact");
  g_assert_cmpstr (crm_chart_table_get_cell (table, 6, 0), ==, "Partners › Initial contact");
  crm_test_wait_for (crm_test_widget_is_mapped, columns, "the table to show");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (card), "card.copy", NULL));
  expected = crm_chart_table_to_text (table);
  content = gdk_clipboard_get_content (gtk_widget_get_clipboard (GTK_WIDGET (card)));
  g_assert_nonnull (content);
  g_value_init (&value, G_TYPE_STRING);
  g_assert_true (gdk_content_provider_get_value (content, &value, &error));
  g_assert_cmpstr (g_value_get_string (&value), ==, expected);
  g_assert_nonnull (strstr (expected, "Sales › Proposal"));

  /* Back to the chart. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (card), "card.show-table", NULL));
  g_assert_false (crm_chart_card_get_show_table (card));
}

/* Pointing at the first lost reason's bar: "Price" with its exact count, as the tooltip; away
 * from the bars, no tooltip. */
static void
test_hover_tooltip (Fixture *fixture, gconstpointer user_data)
{
  CrmChartWidget *chart;
  const CrmChartCounts *reasons;
  g_auto (CrmChartHit) hit = { 0 };
  g_autofree char *expected = NULL;
  const char *tooltip;
  double x = 0, y = 0;

  show_dashboard (fixture);
  chart = chart_of (fixture, CRM_CHART_LOST_REASONS);
  crm_test_wait_for (crm_test_widget_is_mapped, chart, "the chart to show");
  reasons
      = crm_dashboard_data_get_chart (crm_chart_widget_get_data (chart), CRM_CHART_LOST_REASONS);
  g_assert_cmpstr (reasons->items[0].name, ==, "Price");
  crm_test_wait_for (first_item_drawn, chart, "the chart's bars");
  g_assert_true (find_item (chart, 0, &x, &y));

  tooltip = crm_chart_widget_hover (chart, x, y);
  g_assert_true (crm_chart_hit_test (CRM_CHART_LOST_REASONS, reasons,
                                     gtk_widget_get_width (GTK_WIDGET (chart)),
                                     gtk_widget_get_height (GTK_WIDGET (chart)), x, y, &hit));
  expected = g_strdup_printf ("%s: %s", hit.label, hit.value);
  g_assert_cmpstr (tooltip, ==, expected);
  g_assert_true (g_str_has_prefix (tooltip, "Price: "));
  g_assert_nonnull (strstr (tooltip, "1"));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (GTK_WIDGET (chart)), ==, expected);

  g_assert_null (crm_chart_widget_hover (chart, 1, 1));
  g_assert_null (gtk_widget_get_tooltip_text (GTK_WIDGET (chart)));
}

/* Clicking the funnel's Sales › Proposal shows the board with the deals that entered it in Q1:
 * D1 and D3 (since won) and D7 (still there); Show All Deals brings back the rest. A lost
 * reason does the same with the deals lost for it. */
static void
test_click_shows_deals (Fixture *fixture, gconstpointer user_data)
{
  CrmChartWidget *funnel;
  CrmPipelineView *board;
  g_autofree char *expected = NULL;
  g_autofree char *shown = NULL;
  g_autofree char *lost = NULL;
  g_autofree char *lost_expected = NULL;
  double x = 0, y = 0;

  show_dashboard (fixture);
  funnel = chart_of (fixture, CRM_CHART_FUNNEL);
  crm_test_wait_for (crm_test_widget_is_mapped, funnel, "the funnel to show");
  crm_test_wait_for (first_item_drawn, funnel, "the funnel's stages");
  g_assert_true (find_item (funnel, 3, &x, &y));
  g_assert_true (crm_chart_widget_activate_at (funnel, x, y));

  g_assert_cmpstr (crm_window_get_visible_page (fixture->window), ==, "pipeline");
  board = pipeline_view (fixture);
  g_assert_cmpint (crm_pipeline_view_get_pipeline_id (board), ==, fixture->data.sales_id);
  g_assert_true (crm_pipeline_view_get_filtered (board));
  shown = board_deals (fixture);
  expected = g_strdup_printf (
      "Proposal:%" G_GINT64_FORMAT " Won:%" G_GINT64_FORMAT " Won:%" G_GINT64_FORMAT,
      fixture->data.deals[7], fixture->data.deals[1], fixture->data.deals[3]);
  /* The Won column's order is the board's; compare as sets of pairs. */
  {
    g_auto (GStrv) a = g_strsplit (shown, " ", -1);
    g_auto (GStrv) b = g_strsplit (expected, " ", -1);

    g_assert_cmpuint (g_strv_length (a), ==, g_strv_length (b));
    for (guint i = 0; b[i] != NULL; i++)
      g_assert_true (g_strv_contains ((const char *const *) a, b[i]));
  }

  crm_pipeline_view_show_all_deals (board);
  g_assert_false (crm_pipeline_view_get_filtered (board));
  g_clear_pointer (&shown, g_free);
  shown = board_deals (fixture);
  g_assert_cmpuint (strlen (shown), >, strlen (expected));

  /* Price: D2, lost on 02-01. */
  crm_window_set_visible_page (fixture->window, "dashboard");
  crm_test_wait_for (crm_test_widget_is_mapped, fixture->view, "the dashboard to show");
  g_assert_true (crm_dashboard_view_show_item_deals (fixture->view, CRM_CHART_LOST_REASONS, 0));
  g_assert_cmpstr (crm_window_get_visible_page (fixture->window), ==, "pipeline");
  lost = board_deals (fixture);
  lost_expected = g_strdup_printf ("Lost:%" G_GINT64_FORMAT, fixture->data.deals[2]);
  g_assert_cmpstr (lost, ==, lost_expected);
  /* Not a chart with deals behind its items. */
  g_assert_false (crm_dashboard_view_show_item_deals (fixture->view, CRM_CHART_WIN_RATE, 0));
}

static guint
count_spend (Fixture *fixture)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) rows = crm_store_list_acquisition_spend (fixture->store, &error);

  g_assert_no_error (error);
  return rows->len;
}

/* The spend editor adds a row (and the page computes again: CAC (EUR 400000 + 100000) / 2);
 * its undo removes it again. */
static void
test_spend_editor (Fixture *fixture, gconstpointer user_data)
{
  CrmSpendEditor *editor;
  g_autoptr (GError) error = NULL;
  g_autofree char *cac = crm_money_format (250000, "EUR");
  g_autofree char *cac_before = crm_money_format (200000, "EUR");
  guint n_computed;

  show_dashboard (fixture);
  g_assert_cmpstr (tile_value (fixture, CRM_KPI_CAC), ==, cac_before);
  editor = crm_dashboard_view_edit_spend (fixture->view);
  g_assert_nonnull (editor);
  g_assert_cmpuint (crm_spend_editor_get_n_rows (editor), ==, 5);

  /* A bad month is refused, nothing written. */
  crm_spend_editor_set_fields (editor, fixture->data.sources[2], "2024-13", "1000", "EUR");
  g_assert_false (crm_spend_editor_save (editor, &error));
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpuint (count_spend (fixture), ==, 5);

  n_computed = crm_dashboard_view_get_n_computed (fixture->view);
  crm_spend_editor_set_fields (editor, fixture->data.sources[2], "2024-02", "1000.00", "eur");
  g_assert_true (crm_spend_editor_save (editor, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_spend (fixture), ==, 6);
  g_assert_cmpuint (crm_spend_editor_get_n_rows (editor), ==, 6);
  g_assert_cmpint (crm_store_find_acquisition_spend (fixture->store, fixture->data.sources[2],
                                                     DAY (2024, 2, 1), "EUR", &error),
                   >, 0);
  wait_computed (fixture, n_computed + 1);
  g_assert_cmpstr (tile_value (fixture, CRM_KPI_CAC), ==, cac);

  /* The same source and month again is refused with a reason. */
  crm_spend_editor_set_fields (editor, fixture->data.sources[2], "2024-02", "5", "EUR");
  g_assert_false (crm_spend_editor_save (editor, &error));
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_CONSTRAINT);
  g_clear_error (&error);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.undo", NULL));
  g_assert_cmpuint (count_spend (fixture), ==, 5);
  g_assert_cmpuint (crm_spend_editor_get_n_rows (editor), ==, 5);
}

/* A new database: once computed, the empty state, which leads to the pipeline. */
static void
test_empty_state (Fixture *fixture, gconstpointer user_data)
{
  AdwStatusPage *empty;

  show_dashboard (fixture);
  empty = ADW_STATUS_PAGE (
      crm_test_find_descendant (GTK_WIDGET (fixture->view), ADW_TYPE_STATUS_PAGE));
  g_assert_nonnull (empty);
  g_assert_cmpstr (adw_status_page_get_title (empty), ==, "No Numbers Yet");
  crm_test_wait_for (crm_test_widget_is_mapped, empty, "the empty state to show");
}

/* Exported in the dark style, a chart has the dark background. */
static void
test_export_dark (Fixture *fixture, gconstpointer user_data)
{
  g_autofree char *path = g_build_filename (fixture->folder, "funnel.png", NULL);
  g_autoptr (GError) error = NULL;
  const CrmChartColor *dark = &crm_chart_palette_get (TRUE)->background;
  cairo_surface_t *image;
  guint32 pixel;

  show_dashboard (fixture);
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      ADW_COLOR_SCHEME_FORCE_DARK);
  g_assert_true (crm_chart_card_export (
      crm_dashboard_view_get_card (fixture->view, CRM_CHART_FUNNEL), path, &error));
  g_assert_no_error (error);
  image = cairo_image_surface_create_from_png (path);
  g_assert_cmpint (cairo_image_surface_get_width (image), ==, CRM_CHART_CARD_EXPORT_WIDTH);
  cairo_surface_flush (image);
  pixel = *(guint32 *) cairo_image_surface_get_data (image);
  g_assert_cmphex (pixel & 0xffffff, ==,
                   (guint32) (dark->red * 255 + 0.5) << 16
                       | (guint32) (dark->green * 255 + 0.5) << 8
                       | (guint32) (dark->blue * 255 + 0.5));
  cairo_surface_destroy (image);
}

int
main (int argc, char **argv)
{

  g_setenv ("TZ", "UTC", TRUE);
  g_setenv ("LANGUAGE", "C", TRUE);
  if (!crm_test_gui_init (&argc, &argv))
    return 0;

  app = crm_test_application_new ();

  TEST_F ("/gui/dashboard/computes-when-shown", test_computes_when_shown);
  TEST_F ("/gui/dashboard/period-persisted", test_period_persisted);
  TEST_F ("/gui/dashboard/table-view", test_table_view);
  TEST_F ("/gui/dashboard/hover-tooltip", test_hover_tooltip);
  TEST_F ("/gui/dashboard/click-shows-deals", test_click_shows_deals);
  TEST_F ("/gui/dashboard/spend-editor", test_spend_editor);
  TEST_F ("/gui/dashboard/export-dark", test_export_dark);
  g_test_add ("/gui/dashboard/empty-state", Fixture, "empty", fixture_set_up, test_empty_state,
              fixture_tear_down);

  return crm_test_gui_run (&app);
}

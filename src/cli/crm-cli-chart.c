/* crm-cli-chart.c — `rapport-cli chart NAME --output FILE` and `rapport-cli report --output
 * FILE.pdf`: the dashboard's charts and the KPI report of a period as files, drawn by the same
 * renderers as the dashboard (crm-dashboard-data.h, crm-dashboard-report.h). The period and the
 * pipeline are given as to `rapport-cli kpi`.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "crm-cli-private.h"
#include "crm-dashboard-data.h"
#include "crm-dashboard-report.h"

#define DEFAULT_WIDTH 960
#define DEFAULT_HEIGHT 540
#define MAX_SIDE 20000

/* The options both commands take, filled in by GOption. */
typedef struct
{
  char *output;
  char *from_text;
  char *to_text;
  char *pipeline_name;
  char *currency;
  gboolean dark;
} CommonOptions;

static void
common_options_clear (CommonOptions *options)
{
  g_free (options->output);
  g_free (options->from_text);
  g_free (options->to_text);
  g_free (options->pipeline_name);
  g_free (options->currency);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (CommonOptions, common_options_clear)

#define COMMON_ENTRIES(options)                                                                    \
  { "output",   'o', 0, G_OPTION_ARG_FILENAME, &(options).output, N_ ("The file to write"),        \
    N_ ("FILE") },                                                                                 \
      { "from",                                                                                    \
        0,                                                                                         \
        0,                                                                                         \
        G_OPTION_ARG_STRING,                                                                       \
        &(options).from_text,                                                                      \
        N_ ("The first day of the period (default: 90 days before --to)"),                         \
        N_ ("YYYY-MM-DD") },                                                                       \
      { "to",                                                                                      \
        0,                                                                                         \
        0,                                                                                         \
        G_OPTION_ARG_STRING,                                                                       \
        &(options).to_text,                                                                        \
        N_ ("The last day of the period, included (default: today)"),                              \
        N_ ("YYYY-MM-DD") },                                                                       \
      { "pipeline",                                                                                \
        'p',                                                                                       \
        0,                                                                                         \
        G_OPTION_ARG_STRING,                                                                       \
        &(options).pipeline_name,                                                                  \
        N_ ("Only the deals of the pipeline NAME (default: every pipeline)"),                      \
        N_ ("NAME") },                                                                             \
      { "currency",                                                                                \
        0,                                                                                         \
        0,                                                                                         \
        G_OPTION_ARG_STRING,                                                                       \
        &(options).currency,                                                                       \
        N_ ("The currency of the revenue chart and the money KPIs (default: the most won)"),       \
        N_ ("CODE") },                                                                             \
  {                                                                                                \
    "dark", 0, 0, G_OPTION_ARG_NONE, &(options).dark, N_ ("Draw in the dark style"), NULL          \
  }

static gboolean
has_extension (const char *path, const char *extension)
{
  const char *dot = strrchr (path, '.');
  const char *slash = strrchr (path, G_DIR_SEPARATOR);

  return dot != NULL && (slash == NULL || dot > slash) && g_ascii_strcasecmp (dot, extension) == 0;
}

/* The KPIs of the period and pipeline of @options, as chart data; NULL after printing why, with
 * the exit status in @status. */
static CrmDashboardData *
compute (CrmCli *cli, CommonOptions *options, char **pipeline_name, int *status)
{
  g_autoptr (CrmStore) store = NULL;
  g_autoptr (GError) error = NULL;
  CrmKpiReport *report;
  CrmKpiOptions kpi_options;
  gint64 from, to;

  *status = CRM_CLI_EXIT_USAGE;
  if (!crm_cli_resolve_period (options->from_text, options->to_text, &from, &to))
    return NULL;
  *status = CRM_CLI_EXIT_FAILURE;
  store = crm_cli_open_store (cli, TRUE);
  if (store == NULL)
    return NULL;
  crm_kpi_options_init (&kpi_options, from, to);
  kpi_options.flags = CRM_KPI_WITH_SERIES | CRM_KPI_WITH_PREVIOUS;
  if (options->pipeline_name != NULL)
    {
      kpi_options.pipeline_id
          = crm_cli_find_pipeline (store, options->pipeline_name, pipeline_name);
      if (kpi_options.pipeline_id == 0)
        return NULL;
    }
  report = crm_kpi_compute (store, &kpi_options, &error);
  if (report == NULL)
    {
      crm_cli_print_error ("%s", error->message);
      return NULL;
    }
  if (options->currency != NULL)
    {
      g_autofree char *code = g_ascii_strup (options->currency, -1);

      return crm_dashboard_data_new (report, code);
    }
  return crm_dashboard_data_new (report, NULL);
}

static gboolean
require_output (const CommonOptions *options, const char *command, const char *extensions)
{
  if (options->output != NULL && options->output[0] != '\0')
    return TRUE;
  /* Translators: e.g. "Missing the file to write (--output FILE.pdf)". */
  crm_cli_print_error (_ ("Missing the file to write (%s %s --output FILE%s)"), CRM_CLI_PROGRAM,
                       command, extensions);
  return FALSE;
}

static char *
chart_names (void)
{
  g_autoptr (GString) names = g_string_new (NULL);

  for (guint kind = 0; kind < CRM_CHART_N_KINDS; kind++)
    g_string_append_printf (names, "%s%s", kind > 0 ? ", " : "",
                            crm_dashboard_chart_get_name ((CrmChartKind) kind));
  return g_string_free (g_steal_pointer (&names), FALSE);
}

int
crm_cli_chart (CrmCli *cli, const CrmCliCommand *command, int argc, char **argv)
{
  g_auto (CommonOptions) options = { 0 };
  g_auto (GStrv) args = NULL;
  g_autoptr (CrmDashboardData) data = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *pipeline_name = NULL;
  g_autofree char *names = chart_names ();
  int width = DEFAULT_WIDTH, height = DEFAULT_HEIGHT;
  CrmChartKind kind;
  int status;
  const GOptionEntry entries[] = {
    COMMON_ENTRIES (options),
    { "width", 'W', 0, G_OPTION_ARG_INT, &width,
      N_ ("The width in pixels (PNG) or points (SVG, PDF); default 960"), N_ ("W") },
    { "height", 'H', 0, G_OPTION_ARG_INT, &height,
      N_ ("The height in pixels (PNG) or points (SVG, PDF); default 540"), N_ ("H") },
    G_OPTION_ENTRY_NULL,
  };

  if (!crm_cli_parse_command_options (cli, command, entries, argc, argv, &args, &status))
    return status;
  if (args[0] == NULL)
    {
      crm_cli_print_error (_ ("Missing the chart to draw: one of %s"), names);
      return CRM_CLI_EXIT_USAGE;
    }
  if (!crm_cli_refuse_extra_arguments (args, 1))
    return CRM_CLI_EXIT_USAGE;
  if (!crm_dashboard_chart_from_name (args[0], &kind))
    {
      crm_cli_print_error (_ ("There is no chart named “%s”: choose one of %s"), args[0], names);
      return CRM_CLI_EXIT_USAGE;
    }
  if (!require_output (&options, "chart NAME", ".png"))
    return CRM_CLI_EXIT_USAGE;
  if (!has_extension (options.output, ".png") && !has_extension (options.output, ".svg")
      && !has_extension (options.output, ".pdf"))
    {
      crm_cli_print_error (_ ("“%s” must end in .png, .svg or .pdf (the format of the file)"),
                           options.output);
      return CRM_CLI_EXIT_USAGE;
    }
  if (width < 1 || height < 1 || width > MAX_SIDE || height > MAX_SIDE)
    {
      crm_cli_print_error (_ ("--width and --height take sizes from 1 to %d"), MAX_SIDE);
      return CRM_CLI_EXIT_USAGE;
    }

  data = compute (cli, &options, &pipeline_name, &status);
  if (data == NULL)
    return status;
  if (!crm_chart_export (kind, crm_dashboard_data_get_chart (data, kind),
                         crm_chart_palette_get (options.dark), width, height, options.output,
                         &error))
    {
      crm_cli_print_error ("%s", error->message);
      return CRM_CLI_EXIT_FAILURE;
    }
  return CRM_CLI_EXIT_OK;
}

int
crm_cli_report (CrmCli *cli, const CrmCliCommand *command, int argc, char **argv)
{
  g_auto (CommonOptions) options = { 0 };
  g_auto (GStrv) args = NULL;
  g_autoptr (CrmDashboardData) data = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *pipeline_name = NULL;
  int status;
  const GOptionEntry entries[] = {
    COMMON_ENTRIES (options),
    G_OPTION_ENTRY_NULL,
  };

  if (!crm_cli_parse_command_options (cli, command, entries, argc, argv, &args, &status))
    return status;
  if (!crm_cli_refuse_extra_arguments (args, 0) || !require_output (&options, "report", ".pdf"))
    return CRM_CLI_EXIT_USAGE;
  if (!has_extension (options.output, ".pdf"))
    {
      crm_cli_print_error (_ ("“%s” must end in .pdf: the report is a PDF document"),
                           options.output);
      return CRM_CLI_EXIT_USAGE;
    }

  data = compute (cli, &options, &pipeline_name, &status);
  if (data == NULL)
    return status;
  if (!crm_dashboard_write_report (data, pipeline_name, options.dark, options.output, &error))
    {
      crm_cli_print_error ("%s", error->message);
      return CRM_CLI_EXIT_FAILURE;
    }
  return CRM_CLI_EXIT_OK;
}

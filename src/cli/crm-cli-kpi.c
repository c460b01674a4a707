/* crm-cli-kpi.c — `rapport-cli kpi`: the KPIs of a period (crm-kpi.h) as an aligned table, or
 * with --json as one JSON object for scripts (its keys are documented in the README). Days are
 * local days; --to names the last day of the period, which is included. */
#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <stdio.h>

#include "crm-currency.h"
#include "crm-cli-private.h"
#include "crm-kpi.h"

/* ---- Arguments ---------------------------------------------------------------------------------- */

/* Parses "YYYY-MM-DD" into the local date @date. */
static gboolean
parse_day (const char *text, GDate *date)
{
  int year, month, day;
  char extra;

  if (sscanf (text, "%4d-%2d-%2d%c", &year, &month, &day, &extra) != 3 || year < 1970
      || !g_date_valid_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year))
    return FALSE;
  g_date_clear (date, 1);
  g_date_set_dmy (date, (GDateDay) day, (GDateMonth) month, (GDateYear) year);
  return TRUE;
}

static gint64
local_midnight_of (const GDate *date)
{
  g_autoptr (GDateTime) midnight = g_date_time_new_local (
      g_date_get_year (date), g_date_get_month (date), g_date_get_day (date), 0, 0, 0);

  return g_date_time_to_unix (midnight);
}

/* The period from the options: --from DAY (first day), --to DAY (last day, included); either
 * missing is the default 90 days ending today, or ending / starting at the other. */
gboolean
crm_cli_resolve_period (const char *from_text, const char *to_text, gint64 *from, gint64 *to)
{
  GDate first, last;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  crm_kpi_period_last_days (now, CRM_KPI_DEFAULT_DAYS, from, to);
  if (from_text != NULL && !parse_day (from_text, &first))
    {
      crm_cli_print_error (_ ("“%s” is not a day: --from takes YYYY-MM-DD"), from_text);
      return FALSE;
    }
  if (to_text != NULL && !parse_day (to_text, &last))
    {
      crm_cli_print_error (_ ("“%s” is not a day: --to takes YYYY-MM-DD"), to_text);
      return FALSE;
    }

  if (to_text != NULL)
    {
      g_date_add_days (&last, 1);
      *to = local_midnight_of (&last);
      if (from_text == NULL)
        {
          g_date_subtract_days (&last, CRM_KPI_DEFAULT_DAYS);
          *from = local_midnight_of (&last);
        }
    }
  if (from_text != NULL)
    *from = local_midnight_of (&first);
  if (*from >= *to)
    {
      crm_cli_print_error (_ ("The period must end after it starts (--to is its last day)"));
      return FALSE;
    }
  return TRUE;
}

/* The id of the pipeline named @name: the exact name, else the only one of that name in
 * another case, with its name as stored in @stored_name. 0 (after printing why) when there is
 * none. */
gint64
crm_cli_find_pipeline (CrmStore *store, const char *name, char **stored_name)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) pipelines = crm_store_list_pipelines (store, &error);
  g_autofree char *folded = g_utf8_casefold (name, -1);
  gint64 found = 0;
  guint n_found = 0;

  if (pipelines == NULL)
    {
      crm_cli_print_error ("%s", error->message);
      return 0;
    }
  for (guint i = 0; i < pipelines->len; i++)
    {
      const CrmPipelineRecord *pipeline = g_ptr_array_index (pipelines, i);
      g_autofree char *other = g_utf8_casefold (pipeline->name, -1);

      if (g_strcmp0 (pipeline->name, name) == 0)
        {
          *stored_name = g_strdup (pipeline->name);
          return pipeline->id;
        }
      if (g_strcmp0 (folded, other) == 0)
        {
          g_free (*stored_name);
          *stored_name = g_strdup (pipeline->name);
          found = pipeline->id;
          n_found++;
        }
    }
  if (n_found == 1)
    return found;
  g_clear_pointer (stored_name, g_free);
  crm_cli_print_error (_ ("There is no pipeline named “%s”"), name);
  return 0;
}

/* ---- JSON ---------------------------------------------------------------------------------------- */

static void
add_money (JsonBuilder *builder, GArray *money)
{
  json_builder_begin_object (builder);
  for (guint i = 0; i < money->len; i++)
    {
      const CrmKpiMoney *amount = &g_array_index (money, CrmKpiMoney, i);

      json_builder_set_member_name (builder, amount->currency);
      json_builder_add_int_value (builder, amount->amount_minor);
    }
  json_builder_end_object (builder);
}

/* Starts the member of @kpi; FALSE (after writing null) when the KPI has no value. */
static gboolean
begin_member (JsonBuilder *builder, const CrmKpiResult *result, CrmKpi kpi)
{
  json_builder_set_member_name (builder, crm_kpi_to_string (kpi));
  if (crm_kpi_result_is_available (result, kpi))
    return TRUE;
  json_builder_add_null_value (builder);
  return FALSE;
}

static void
add_number_member (JsonBuilder *builder, const CrmKpiResult *result, CrmKpi kpi, double value)
{
  if (begin_member (builder, result, kpi))
    json_builder_add_double_value (builder, value);
}

static void
add_money_member (JsonBuilder *builder, const CrmKpiResult *result, CrmKpi kpi, GArray *money)
{
  if (begin_member (builder, result, kpi))
    add_money (builder, money);
}

static void
add_stage_conversion (JsonBuilder *builder, const CrmKpiResult *result)
{
  if (!begin_member (builder, result, CRM_KPI_STAGE_CONVERSION))
    return;
  json_builder_begin_array (builder);
  for (guint i = 0; i < result->stage_conversion->len; i++)
    {
      const CrmKpiStageFlow *flow = &g_array_index (result->stage_conversion, CrmKpiStageFlow, i);
      double rate = crm_kpi_stage_flow_get_rate (flow);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "pipeline");
      json_builder_add_string_value (builder, flow->stage.pipeline_name);
      json_builder_set_member_name (builder, "stage");
      json_builder_add_string_value (builder, flow->stage.stage_name);
      json_builder_set_member_name (builder, "entered");
      json_builder_add_int_value (builder, flow->n_entered);
      json_builder_set_member_name (builder, "advanced");
      json_builder_add_int_value (builder, flow->n_advanced);
      json_builder_set_member_name (builder, "rate");
      if (isnan (rate))
        json_builder_add_null_value (builder);
      else
        json_builder_add_double_value (builder, rate);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

static void
add_new_leads (JsonBuilder *builder, const CrmKpiResult *result)
{
  if (!begin_member (builder, result, CRM_KPI_NEW_LEADS))
    return;
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "total");
  json_builder_add_int_value (builder, result->n_new_leads);
  json_builder_set_member_name (builder, "by_source");
  json_builder_begin_array (builder);
  for (guint i = 0; i < result->new_leads_by_source->len; i++)
    {
      const CrmKpiSourceCount *count
          = &g_array_index (result->new_leads_by_source, CrmKpiSourceCount, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "source");
      if (count->name != NULL)
        json_builder_add_string_value (builder, count->name);
      else
        json_builder_add_null_value (builder);
      json_builder_set_member_name (builder, "count");
      json_builder_add_int_value (builder, count->n_contacts);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
}

static char *
report_to_json (const CrmKpiResult *result)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonGenerator) generator = json_generator_new ();
  g_autoptr (JsonNode) root = NULL;

  json_builder_begin_object (builder);
  add_money_member (builder, result, CRM_KPI_OPEN_PIPELINE_VALUE, result->open_pipeline_value);
  add_money_member (builder, result, CRM_KPI_WEIGHTED_FORECAST, result->weighted_forecast);
  add_number_member (builder, result, CRM_KPI_WIN_RATE, result->win_rate);
  add_money_member (builder, result, CRM_KPI_AVERAGE_DEAL_SIZE, result->average_deal_size);
  add_number_member (builder, result, CRM_KPI_SALES_CYCLE_DAYS, result->sales_cycle_days);
  add_stage_conversion (builder, result);
  add_money_member (builder, result, CRM_KPI_PIPELINE_VELOCITY, result->pipeline_velocity);
  add_new_leads (builder, result);
  add_number_member (builder, result, CRM_KPI_LEAD_TO_CUSTOMER_RATE, result->lead_to_customer_rate);
  add_number_member (builder, result, CRM_KPI_CHURN_RATE, result->churn_rate);
  add_number_member (builder, result, CRM_KPI_NPS, result->nps);
  add_number_member (builder, result, CRM_KPI_CSAT, result->csat);
  add_money_member (builder, result, CRM_KPI_CUSTOMER_LIFETIME_VALUE,
                    result->customer_lifetime_value);
  add_money_member (builder, result, CRM_KPI_CAC, result->cac);

  json_builder_set_member_name (builder, "unavailable");
  json_builder_begin_object (builder);
  for (CrmKpi kpi = 0; kpi < CRM_N_KPIS; kpi++)
    if (!crm_kpi_result_is_available (result, kpi))
      {
        json_builder_set_member_name (builder, crm_kpi_to_string (kpi));
        json_builder_add_string_value (builder, crm_kpi_result_get_reason (result, kpi));
      }
  json_builder_end_object (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  return json_generator_to_data (generator, NULL);
}

/* ---- The table ------------------------------------------------------------------------------------ */

/* "EUR 1234.50": the code and the amount in major units, exactly (no float). */
static void
append_amount (GString *text, const char *currency, gint64 amount_minor)
{
  guint digits = crm_currency_get_digits (currency);
  gint64 unit = digits == 0 ? 1 : digits == 3 ? 1000 : 100;
  guint64 magnitude = amount_minor < 0 ? -(guint64) amount_minor : (guint64) amount_minor;

  g_string_append_printf (text, "%s %s%" G_GUINT64_FORMAT, currency, amount_minor < 0 ? "-" : "",
                          magnitude / (guint64) unit);
  if (digits > 0)
    g_string_append_printf (text, ".%0*" G_GUINT64_FORMAT, (int) digits,
                            magnitude % (guint64) unit);
}

static char *
format_money (GArray *money, const char *suffix)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < money->len; i++)
    {
      const CrmKpiMoney *amount = &g_array_index (money, CrmKpiMoney, i);

      if (i > 0)
        g_string_append (text, ", ");
      append_amount (text, amount->currency, amount->amount_minor);
      if (suffix != NULL)
        g_string_append_printf (text, " %s", suffix);
    }
  if (money->len == 0)
    g_string_append (text, "0");
  return g_string_free (text, FALSE);
}

static char *
format_percent (double fraction)
{
  return g_strdup_printf ("%.1f %%", 100.0 * fraction);
}

/* One line: the label padded to the width of the longest (in characters), then the value. */
static void
print_row (const char *label, const char *value)
{
  int width = 26;
  int padding = width - (int) g_utf8_strlen (label, -1);

  if (value[0] == '\0')
    g_print ("%s\n", label);
  else
    g_print ("%s%*s  %s\n", label, MAX (padding, 0), "", value);
}

static void
print_kpi (const CrmKpiResult *result, CrmKpi kpi, char *value)
{
  g_autofree char *owned = value;

  if (!crm_kpi_result_is_available (result, kpi))
    {
      g_autofree char *reason = g_strdup_printf ("— %s", crm_kpi_result_get_reason (result, kpi));
      print_row (crm_kpi_get_label (kpi), reason);
      return;
    }
  print_row (crm_kpi_get_label (kpi), owned);
}

static char *
format_day (gint64 time)
{
  g_autoptr (GDateTime) moment = g_date_time_new_from_unix_local (time);

  return g_date_time_format (moment, "%Y-%m-%d");
}

static void
print_header (const CrmKpiReport *report, const char *pipeline_name)
{
  g_autofree char *first = format_day (report->options.from);
  g_autofree char *last = format_day (report->options.to - 1);

  /* TRANSLATORS: the first and last day of the period, and the pipeline (or "all pipelines") */
  g_print (_ ("KPIs from %s to %s, %s\n\n"), first, last,
           pipeline_name != NULL ? pipeline_name : _ ("all pipelines"));
}

static void
print_forecast_months (const CrmKpiResult *result)
{
  for (guint i = 0; i < result->forecast_months->len; i++)
    {
      const CrmKpiForecastMonth *month
          = &g_array_index (result->forecast_months, CrmKpiForecastMonth, i);
      g_autoptr (GDateTime) start = g_date_time_new_from_unix_local (month->start);
      g_autofree char *label = g_date_time_format (start, "  %Y-%m");
      g_autofree char *value = format_money (month->weighted, NULL);

      print_row (label, value);
    }
  if (result->forecast_overdue->len > 0)
    {
      g_autofree char *value = format_money (result->forecast_overdue, NULL);
      print_row (_ ("  expected earlier"), value);
    }
  if (result->forecast_later->len > 0)
    {
      g_autofree char *value = format_money (result->forecast_later, NULL);
      print_row (_ ("  expected later"), value);
    }
  if (result->forecast_undated->len > 0)
    {
      g_autofree char *value = format_money (result->forecast_undated, NULL);
      print_row (_ ("  no expected close"), value);
    }
}

static void
print_stage_conversion (const CrmKpiResult *result, gboolean name_pipelines)
{
  print_kpi (result, CRM_KPI_STAGE_CONVERSION, g_strdup (""));
  if (!crm_kpi_result_is_available (result, CRM_KPI_STAGE_CONVERSION))
    return;
  for (guint i = 0; i < result->stage_conversion->len; i++)
    {
      const CrmKpiStageFlow *flow = &g_array_index (result->stage_conversion, CrmKpiStageFlow, i);
      double rate = crm_kpi_stage_flow_get_rate (flow);
      g_autofree char *label
          = name_pipelines
                ? g_strdup_printf ("  %s › %s", flow->stage.pipeline_name, flow->stage.stage_name)
                : g_strdup_printf ("  %s", flow->stage.stage_name);
      g_autofree char *percent = isnan (rate) ? g_strdup ("—") : format_percent (rate);
      /* TRANSLATORS: a share, then how many of how many deals, e.g. "60.0 % (6 of 10)" */
      g_autofree char *value
          = g_strdup_printf (_ ("%s (%u of %u)"), percent, flow->n_advanced, flow->n_entered);

      print_row (label, value);
    }
}

static void
print_table (const CrmKpiReport *report, const char *pipeline_name)
{
  const CrmKpiResult *r = report->current;

  print_header (report, pipeline_name);
  print_kpi (r, CRM_KPI_OPEN_PIPELINE_VALUE, format_money (r->open_pipeline_value, NULL));
  print_kpi (r, CRM_KPI_WEIGHTED_FORECAST, format_money (r->weighted_forecast, NULL));
  print_forecast_months (r);
  print_kpi (
      r, CRM_KPI_WIN_RATE,
      g_strdup_printf (_ ("%.1f %% (%u won, %u lost)"), 100.0 * r->win_rate, r->n_won, r->n_lost));
  print_kpi (r, CRM_KPI_AVERAGE_DEAL_SIZE, format_money (r->average_deal_size, NULL));
  print_kpi (r, CRM_KPI_SALES_CYCLE_DAYS, g_strdup_printf (_ ("%.1f days"), r->sales_cycle_days));
  print_stage_conversion (r, pipeline_name == NULL);
  print_kpi (r, CRM_KPI_PIPELINE_VELOCITY, format_money (r->pipeline_velocity, _ ("per day")));
  print_kpi (r, CRM_KPI_NEW_LEADS, g_strdup_printf ("%u", r->n_new_leads));
  for (guint i = 0; i < r->new_leads_by_source->len; i++)
    {
      const CrmKpiSourceCount *count
          = &g_array_index (r->new_leads_by_source, CrmKpiSourceCount, i);
      g_autofree char *label
          = g_strdup_printf ("  %s", count->name != NULL ? count->name : _ ("no source"));
      g_autofree char *value = g_strdup_printf ("%u", count->n_contacts);

      print_row (label, value);
    }
  print_kpi (r, CRM_KPI_LEAD_TO_CUSTOMER_RATE,
             g_strdup_printf (_ ("%.1f %% (%u of %u)"), 100.0 * r->lead_to_customer_rate,
                              r->n_new_leads_customers_now, r->n_new_leads));
  print_kpi (r, CRM_KPI_CHURN_RATE,
             g_strdup_printf (_ ("%.1f %% (%u of %u customers)"), 100.0 * r->churn_rate,
                              r->n_churned, r->n_customers_at_start));
  print_kpi (r, CRM_KPI_NPS,
             g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%+.0f (%u answer)",
                                           "%+.0f (%u answers)", r->n_nps_answers),
                              r->nps, r->n_nps_answers));
  print_kpi (r, CRM_KPI_CSAT,
             g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%.1f %% (%u answer)",
                                           "%.1f %% (%u answers)", r->n_csat_answers),
                              100.0 * r->csat, r->n_csat_answers));
  print_kpi (r, CRM_KPI_CUSTOMER_LIFETIME_VALUE, format_money (r->customer_lifetime_value, NULL));
  print_kpi (r, CRM_KPI_CAC, format_money (r->cac, NULL));
}

/* ---- The command ---------------------------------------------------------------------------------- */

int
crm_cli_kpi (CrmCli *cli, const CrmCliCommand *command, int argc, char **argv)
{
  g_auto (GStrv) args = NULL;
  g_autoptr (CrmStore) store = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (CrmKpiReport) report = NULL;
  g_autofree char *from_text = NULL;
  g_autofree char *to_text = NULL;
  g_autofree char *pipeline_name = NULL;
  gboolean json = FALSE;
  CrmKpiOptions options;
  gint64 from, to;
  int status;
  const GOptionEntry entries[] = {
    { "from", 0, 0, G_OPTION_ARG_STRING, &from_text,
      N_ ("The first day of the period (default: 90 days before --to)"), N_ ("YYYY-MM-DD") },
    { "to", 0, 0, G_OPTION_ARG_STRING, &to_text,
      N_ ("The last day of the period, included (default: today)"), N_ ("YYYY-MM-DD") },
    { "pipeline", 'p', 0, G_OPTION_ARG_STRING, &pipeline_name,
      N_ ("Only the deals of the pipeline NAME (default: every pipeline)"), N_ ("NAME") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_ ("Print one JSON object instead of a table"),
      NULL },
    G_OPTION_ENTRY_NULL,
  };

  if (!crm_cli_parse_command_options (cli, command, entries, argc, argv, &args, &status))
    return status;
  if (!crm_cli_refuse_extra_arguments (args, 0)
      || !crm_cli_resolve_period (from_text, to_text, &from, &to))
    return CRM_CLI_EXIT_USAGE;

  store = crm_cli_open_store (cli, TRUE);
  if (store == NULL)
    return CRM_CLI_EXIT_FAILURE;
  crm_kpi_options_init (&options, from, to);
  if (pipeline_name != NULL)
    {
      g_autofree char *typed = g_steal_pointer (&pipeline_name);

      options.pipeline_id = crm_cli_find_pipeline (store, typed, &pipeline_name);
      if (options.pipeline_id == 0)
        return CRM_CLI_EXIT_FAILURE;
    }

  report = crm_kpi_compute (store, &options, &error);
  if (report == NULL)
    {
      crm_cli_print_error ("%s", error->message);
      return CRM_CLI_EXIT_FAILURE;
    }
  if (json)
    {
      g_autofree char *text = report_to_json (report->current);

      g_print ("%s\n", text);
    }
  else
    print_table (report, pipeline_name);
  return CRM_CLI_EXIT_OK;
}

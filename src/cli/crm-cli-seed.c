/* crm-cli-seed.c — `rapport-cli seed`: fills a database with realistic sample data (see
 * crm-seed.h) and reports what it wrote and how fast. */
#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <unistd.h>

#include "crm-cli-private.h"
#include "crm-seed.h"

typedef struct
{
  CrmEntity entity;
  const char *label;
} CountedEntity;

static const CountedEntity counted_entities[] = {
  { CRM_ENTITY_COMPANY, N_ ("Companies") },
  { CRM_ENTITY_CONTACT, N_ ("Contacts") },
  { CRM_ENTITY_DEAL, N_ ("Deals") },
  { CRM_ENTITY_DEAL_STAGE_HISTORY, N_ ("Stage changes") },
  { CRM_ENTITY_ACTIVITY, N_ ("Activities") },
  { CRM_ENTITY_FEEDBACK, N_ ("Feedback answers") },
  { CRM_ENTITY_ACQUISITION_SPEND, N_ ("Acquisition spend entries") },
};

/* Indexed by CrmSeedPhase. */
static const char *const phase_labels[] = {
  N_ ("Planning"),      N_ ("Writing companies"),  N_ ("Writing contacts"),
  N_ ("Writing deals"), N_ ("Writing activities"), N_ ("Writing feedback"),
  N_ ("Writing spend"), N_ ("Committing"),
};

G_STATIC_ASSERT (G_N_ELEMENTS (phase_labels) == CRM_SEED_N_PHASES);

static gboolean
count_rows (CrmStore *store, gint64 *counts, GError **error)
{
  for (guint i = 0; i < G_N_ELEMENTS (counted_entities); i++)
    {
      g_autoptr (GError) local_error = NULL;

      counts[i] = crm_store_count (store, counted_entities[i].entity, &local_error);
      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
    }
  return TRUE;
}

/* Progress on a terminal only: a log file or a pipe gets just the summary. */
static void
on_seed_progress (CrmSeedPhase phase, guint done, guint total, gpointer user_data)
{
  if (phase == CRM_SEED_PHASE_COMMIT && done == total)
    {
      g_printerr ("\r\033[K");
      return;
    }
  g_printerr ("\r\033[K%s… %u/%u", _ (phase_labels[phase]), done, total);
}

/* Parses "YYYY-MM-DD" into the first second of that day, UTC. */
static gboolean
parse_day (const char *text, gint64 *unix_time)
{
  g_autoptr (GDateTime) day = NULL;
  int year, month, date;
  char extra;

  if (sscanf (text, "%4d-%2d-%2d%c", &year, &month, &date, &extra) != 3)
    return FALSE;
  if (year < 1970 || month < 1 || month > 12 || date < 1 || date > 31)
    return FALSE;
  day = g_date_time_new_utc (year, month, date, 0, 0, 0);
  if (day == NULL || g_date_time_get_day_of_month (day) != date)
    return FALSE;
  *unix_time = g_date_time_to_unix (day);
  return TRUE;
}

static gboolean
check_count (const char *option, int value)
{
  if (value >= 0)
    return TRUE;
  crm_cli_print_error (_ ("%s must be a number of 0 or more, not %d"), option, value);
  return FALSE;
}

static void
print_summary (const gint64 *before, const gint64 *after, double seconds)
{
  gint64 total = 0;
  g_autofree char *total_text = NULL;
  g_autofree char *seconds_text = NULL;
  g_autofree char *rate_text = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (counted_entities); i++)
    {
      gint64 added = after[i] - before[i];

      g_print ("%s: %" G_GINT64_FORMAT "\n", _ (counted_entities[i].label), added);
      total += added;
    }

  total_text = g_strdup_printf ("%" G_GINT64_FORMAT, total);
  seconds_text = g_strdup_printf ("%.1f", seconds);
  rate_text = g_strdup_printf ("%.0f", seconds > 0 ? (double) total / seconds : 0.0);
  g_print (g_dngettext (GETTEXT_PACKAGE, "%s row in %s s (%s rows/s)\n",
                        "%s rows in %s s (%s rows/s)\n", (gulong) total),
           total_text, seconds_text, rate_text);
}

int
crm_cli_seed (CrmCli *cli, const CrmCliCommand *command, int argc, char **argv)
{
  CrmSeedOptions options;
  g_auto (GStrv) args = NULL;
  g_autoptr (CrmStore) store = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *day = NULL;
  gint64 before[G_N_ELEMENTS (counted_entities)], after[G_N_ELEMENTS (counted_entities)];
  gint64 started, seed;
  int n_contacts, n_companies, n_deals, n_activities, status;
  gboolean show_progress;
  const GOptionEntry entries[] = {
    { "contacts", 0, 0, G_OPTION_ARG_INT, &n_contacts, N_ ("Number of contacts (default: 1000)"),
      N_ ("N") },
    { "companies", 0, 0, G_OPTION_ARG_INT, &n_companies,
      N_ ("Number of companies (default: one per ten contacts)"), N_ ("N") },
    { "deals", 0, 0, G_OPTION_ARG_INT, &n_deals, N_ ("Number of deals (default: 200)"), N_ ("N") },
    { "activities", 0, 0, G_OPTION_ARG_INT, &n_activities,
      N_ ("Number of activities (default: 3000)"), N_ ("N") },
    { "seed", 0, 0, G_OPTION_ARG_INT64, &seed,
      N_ ("Random seed: the same seed gives the same data (default: 1)"), N_ ("S") },
    { "date", 0, 0, G_OPTION_ARG_STRING, &day,
      N_ ("Lay the data out before this day, YYYY-MM-DD (default: today)"), N_ ("DATE") },
    G_OPTION_ENTRY_NULL,
  };

  crm_seed_options_init (&options);
  n_contacts = (int) options.n_contacts;
  n_companies = -1;
  n_deals = (int) options.n_deals;
  n_activities = (int) options.n_activities;
  seed = options.seed;

  if (!crm_cli_parse_command_options (cli, command, entries, argc, argv, &args, &status))
    return status;
  if (!crm_cli_refuse_extra_arguments (args, 0))
    return CRM_CLI_EXIT_USAGE;
  if (!check_count ("--contacts", n_contacts) || !check_count ("--deals", n_deals)
      || !check_count ("--activities", n_activities)
      || (n_companies != -1 && !check_count ("--companies", n_companies)))
    return CRM_CLI_EXIT_USAGE;
  if (n_contacts == 0 && (n_deals > 0 || n_activities > 0))
    {
      crm_cli_print_error (_ ("Deals and activities need at least one contact (--contacts)"));
      return CRM_CLI_EXIT_USAGE;
    }
  if (seed < 0 || seed > G_MAXUINT32)
    {
      crm_cli_print_error (_ ("--seed must be a number from 0 to %u"), G_MAXUINT32);
      return CRM_CLI_EXIT_USAGE;
    }
  if (day != NULL && !parse_day (day, &options.now))
    {
      crm_cli_print_error (_ ("--date must be a day written YYYY-MM-DD, not “%s”"), day);
      return CRM_CLI_EXIT_USAGE;
    }
  options.n_contacts = (guint) n_contacts;
  options.n_companies = n_companies;
  options.n_deals = (guint) n_deals;
  options.n_activities = (guint) n_activities;
  options.seed = (guint32) seed;

  store = crm_cli_open_store (cli, FALSE);
  if (store == NULL)
    return CRM_CLI_EXIT_FAILURE;
  if (!count_rows (store, before, &error))
    {
      crm_cli_print_error ("%s", error->message);
      return CRM_CLI_EXIT_FAILURE;
    }

  started = g_get_monotonic_time ();
  show_progress = isatty (STDERR_FILENO);
  if (!crm_seed_database (store, &options, show_progress ? on_seed_progress : NULL, NULL, &error))
    {
      if (show_progress)
        g_printerr ("\r\033[K");
      crm_cli_print_error ("%s", error->message);
      return CRM_CLI_EXIT_FAILURE;
    }
  if (!count_rows (store, after, &error))
    {
      crm_cli_print_error ("%s", error->message);
      return CRM_CLI_EXIT_FAILURE;
    }
  print_summary (before, after, (double) (g_get_monotonic_time () - started) / G_USEC_PER_SEC);
  return CRM_CLI_EXIT_OK;
}

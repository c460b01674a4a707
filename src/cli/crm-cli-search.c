/* crm-cli-search.c — `rapport-cli search QUERY…`: the contacts, companies and deals matching the
 * words, best first, one per line ("contact  42  Ada Lovelace  ada@example.com"), tab
 * separated so that scripts can cut them; and `rapport-cli score`, which recomputes every
 * contact's lead score with the rules set in Preferences, moves the leads that reach the
 * threshold to Qualified, and prints a summary. */
#include "config.h"

#include <glib/gi18n.h>

#include "crm-cli-private.h"
#include "crm-lead-score.h"

#define DEFAULT_LIMIT 20

static const char *
entity_word (CrmEntity entity)
{
  switch (entity)
    {
      case CRM_ENTITY_CONTACT:
        return "contact";
      case CRM_ENTITY_COMPANY:
        return "company";
      case CRM_ENTITY_DEAL:
        return "deal";
      default:
        return "other";
    }
}

/* Tabs and line breaks in user text would break the columns: they print as spaces. */
static char *
dup_cell (const char *text)
{
  char *cell = g_strdup (text != NULL ? text : "");

  g_strdelimit (cell, "\t\r\n", ' ');
  return g_strstrip (cell);
}

int
crm_cli_search (CrmCli *cli, const CrmCliCommand *command, int argc, char **argv)
{
  g_auto (GStrv) args = NULL;
  g_autoptr (CrmStore) store = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) hits = NULL;
  g_autofree char *query = NULL;
  int limit = DEFAULT_LIMIT;
  int status;
  const GOptionEntry entries[] = {
    { "limit", 'n', 0, G_OPTION_ARG_INT, &limit,
      N_ ("Print at most N matches (default: 20; 0 for all)"), N_ ("N") },
    G_OPTION_ENTRY_NULL,
  };

  if (!crm_cli_parse_command_options (cli, command, entries, argc, argv, &args, &status))
    return status;
  if (args[0] == NULL)
    {
      crm_cli_print_error (_ ("Missing the words to search for (%s search QUERY)"),
                           CRM_CLI_PROGRAM);
      return CRM_CLI_EXIT_USAGE;
    }
  if (limit < 0)
    {
      crm_cli_print_error (_ ("--limit must be 0 or more"));
      return CRM_CLI_EXIT_USAGE;
    }

  store = crm_cli_open_store (cli, TRUE);
  if (store == NULL)
    return CRM_CLI_EXIT_FAILURE;
  /* Every argument is search text: `search ada lovelace` and `search "ada lovelace"` agree. */
  query = g_strjoinv (" ", args);
  hits = crm_store_search (store, query, (guint) limit, &error);
  if (hits == NULL)
    {
      crm_cli_print_error ("%s", error->message);
      return CRM_CLI_EXIT_FAILURE;
    }
  for (guint i = 0; i < hits->len; i++)
    {
      const CrmSearchHit *hit = hits->pdata[i];
      g_autofree char *title = dup_cell (hit->title);
      g_autofree char *snippet = dup_cell (hit->snippet);

      g_print ("%s\t%" G_GINT64_FORMAT "\t%s\t%s\n", entity_word (hit->entity), hit->id, title,
               snippet);
    }
  return CRM_CLI_EXIT_OK;
}

/* ---- score ------------------------------------------------------------------------------ */

#define TOP_CONTACTS 5

/* The rules set in Rapport's preferences, or the defaults when its settings schema is not
 * installed (or is one from before the rules were settings). */
static void
load_score_rules (CrmScoreRules *rules)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr (GSettingsSchema) schema = NULL;
  g_autoptr (GSettings) settings = NULL;
  const char *const *keys = crm_score_rules_get_keys ();

  crm_score_rules_init (rules);
  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APPLICATION_ID, TRUE);
  if (schema == NULL)
    return;
  for (guint i = 0; keys[i] != NULL; i++)
    if (!g_settings_schema_has_key (schema, keys[i]))
      return;
  settings = g_settings_new_full (schema, NULL, NULL);
  crm_score_rules_load (settings, rules);
}

int
crm_cli_score (CrmCli *cli, const CrmCliCommand *command, int argc, char **argv)
{
  g_auto (GStrv) args = NULL;
  g_autoptr (CrmStore) store = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) top = NULL;
  CrmScoreRules rules;
  CrmScoreCounts counts = { 0 };
  gint64 started;
  int status;
  const GOptionEntry entries[] = { G_OPTION_ENTRY_NULL };

  if (!crm_cli_parse_command_options (cli, command, entries, argc, argv, &args, &status))
    return status;
  if (!crm_cli_refuse_extra_arguments (args, 0))
    return CRM_CLI_EXIT_USAGE;

  store = crm_cli_open_store (cli, TRUE);
  if (store == NULL)
    return CRM_CLI_EXIT_FAILURE;
  load_score_rules (&rules);
  started = g_get_monotonic_time ();
  if (!crm_lead_score_update_all (store, &rules, g_get_real_time () / G_USEC_PER_SEC, &counts,
                                  &error))
    {
      crm_cli_print_error ("%s", error->message);
      return CRM_CLI_EXIT_FAILURE;
    }
  g_print (ngettext ("Scored %u contact in %.1f s; %u score changed\n",
                     "Scored %u contacts in %.1f s; %u scores changed\n", counts.n_contacts),
           counts.n_contacts, (double) (g_get_monotonic_time () - started) / G_USEC_PER_SEC,
           counts.n_changed);
  if (rules.auto_qualify)
    /* Translators: %u is a number of contacts, %d the score that qualifies a lead. */
    g_print (ngettext ("%u lead became Qualified (score %d or more)\n",
                       "%u leads became Qualified (score %d or more)\n", counts.n_qualified),
             counts.n_qualified, rules.qualify_threshold);

  top = crm_store_fetch_contacts_sorted (store, CRM_CONTACT_SORT_SCORE, NULL, NULL, 0, TOP_CONTACTS,
                                         &error);
  if (top == NULL)
    {
      crm_cli_print_error ("%s", error->message);
      return CRM_CLI_EXIT_FAILURE;
    }
  if (top->len > 0)
    g_print ("%s\n", _ ("Highest scores:"));
  for (guint i = 0; i < top->len; i++)
    {
      const CrmContactRecord *contact = top->pdata[i];
      g_autofree char *name = dup_cell (contact->name);

      g_print ("%3d\t%" G_GINT64_FORMAT "\t%s\n", contact->score, contact->id, name);
    }
  return CRM_CLI_EXIT_OK;
}

/* main.c — rapport-cli's entry point: sets up the locale and translations, then hands over to
 * crm_cli_run() (crm-cli.c), which the tests link directly. */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "crm-cli.h"

int
main (int argc, char *argv[])
{
  const char *localedir;

  setlocale (LC_ALL, "");
  /* RAPPORT_LOCALEDIR points an uninstalled build at its compiled catalogs (<build>/po). */
  localedir = g_getenv ("RAPPORT_LOCALEDIR");
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL && *localedir != '\0' ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  return crm_cli_run (argc, argv);
}

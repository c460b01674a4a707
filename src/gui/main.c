/* main.c — entry point of the `rapport` GUI: sets up translations and runs CrmApplication. */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "crm-application.h"

int
main (int argc, char *argv[])
{
  g_autoptr (CrmApplication) app = NULL;
  const char *localedir;

  setlocale (LC_ALL, "");
  /* RAPPORT_LOCALEDIR points an uninstalled build at its compiled catalogs (<build>/po). */
  localedir = g_getenv ("RAPPORT_LOCALEDIR");
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL && *localedir != '\0' ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  g_set_application_name (_ ("Rapport"));

  app = crm_application_new ();

  return g_application_run (G_APPLICATION (app), argc, argv);
}

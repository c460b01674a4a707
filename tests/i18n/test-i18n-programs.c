/* test-i18n-programs.c — the French catalog reaches both built programs: rapport-cli ($RAPPORT_CLI)
 * and rapport ($RAPPORT_GUI) run with LANGUAGE=fr and the catalog the build compiles into
 * <build>/po ($RAPPORT_LOCALEDIR), and their help and error messages come out in French; with
 * no catalog they stay English, so a French string can only come from po/fr.po. */
#include "config.h"

#include <gio/gio.h>
#include <locale.h>
#include <string.h>

#include "crm-test-util.h"

/* French puts a no-break space before a colon and inside « quotes ». */
#define NBSP "\u00a0"

typedef struct
{
  int status; /* exit status, or -1 when the program did not exit normally */
  char *out;
  char *err;
} Run;

static void
run_free (Run *run)
{
  g_free (run->out);
  g_free (run->err);
  g_free (run);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Run, run_free)

/* fr_FR.UTF-8 when the system has it; else C.UTF-8, under which gettext still follows
 * LANGUAGE (a Flatpak SDK has no other locale). Set in main(). */
static const char *locale_name;

/* Runs $@program_variable with @args (NULL-terminated) in French, reading its catalog from
 * @localedir, with its data folder in a temporary one. */
static Run *
run_in_french (const char *program_variable, const char *localedir, const char *const *args)
{
  const char *program = g_getenv (program_variable);
  g_autoptr (GSubprocessLauncher) launcher = NULL;
  g_autoptr (GSubprocess) process = NULL;
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();
  g_autoptr (GError) error = NULL;
  g_autofree char *folder = g_dir_make_tmp ("rapport-i18n-XXXXXX", &error);
  Run *run = g_new0 (Run, 1);

  g_assert_no_error (error);
  g_assert_nonnull (program);
  g_ptr_array_add (argv, (gpointer) program);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);

  launcher
      = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_set_cwd (launcher, folder);
  g_subprocess_launcher_setenv (launcher, "XDG_DATA_HOME", folder, TRUE);
  g_subprocess_launcher_setenv (launcher, "LANGUAGE", "fr", TRUE);
  g_subprocess_launcher_setenv (launcher, "LANG", locale_name, TRUE);
  g_subprocess_launcher_setenv (launcher, "LC_ALL", locale_name, TRUE);
  g_subprocess_launcher_setenv (launcher, "RAPPORT_LOCALEDIR", localedir, TRUE);
  /* The GUI's --help never reaches GTK, but its process is not the place to hunt GTK leaks. */
  if (g_strcmp0 (program_variable, "RAPPORT_GUI") == 0)
    g_subprocess_launcher_setenv (launcher, "ASAN_OPTIONS", "detect_leaks=0", TRUE);
  process = g_subprocess_launcher_spawnv (launcher, (const char *const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &run->out, &run->err, &error);
  g_assert_no_error (error);
  run->status = g_subprocess_get_if_exited (process) ? g_subprocess_get_exit_status (process) : -1;
  crm_test_remove_tree (folder);
  return run;
}

#define run_fr(variable, localedir, ...)                                                           \
  run_in_french ((variable), (localedir), (const char *const[]){ __VA_ARGS__, NULL })

static const char *
catalog_dir (void)
{
  const char *dir = g_getenv ("RAPPORT_LOCALEDIR");
  g_autofree char *mo = NULL;

  g_assert_nonnull (dir);
  mo = g_build_filename (dir, "fr", "LC_MESSAGES", GETTEXT_PACKAGE ".mo", NULL);
  if (!g_file_test (mo, G_FILE_TEST_IS_REGULAR))
    g_error ("%s is missing: the build compiles it from po/fr.po", mo);
  return dir;
}

/* rapport-cli --help: the summary, the option and command descriptions and the headings are
 * French (with the non-breaking space French puts before a colon). */
static void
test_cli_help (void)
{
  g_autoptr (Run) run = run_fr ("RAPPORT_CLI", catalog_dir (), "--help");

  g_assert_cmpint (run->status, ==, 0);
  g_assert_nonnull (strstr (run->out,
                            "Travailler sur une base de données Rapport en ligne de "
                            "commande" NBSP ": la remplir, la vérifier, la sauvegarder."));
  g_assert_nonnull (strstr (run->out, "Commandes" NBSP ":\n"));
  g_assert_nonnull (strstr (run->out, "Afficher cette aide"));
  g_assert_nonnull (strstr (run->out, "--database=FICHIER"));
  g_assert_nonnull (strstr (run->out, "Remplir la base de données avec des données d’exemple"));
  g_assert_null (strstr (run->out, "Commands:"));
}

/* The one-line errors, with French quotes around the file and the command. */
static void
test_cli_errors (void)
{
  g_autoptr (Run) missing
      = run_fr ("RAPPORT_CLI", catalog_dir (), "--database", "/nonexistent/rapport.db", "check");
  g_autoptr (Run) unknown = run_fr ("RAPPORT_CLI", catalog_dir (), "frobnicate");
  g_autoptr (Run) option = run_fr ("RAPPORT_CLI", catalog_dir (), "chart", "--width", "0",
                                   "--output", "x.png", "funnel");

  g_assert_cmpint (missing->status, !=, 0);
  g_assert_cmpstr (missing->err, ==,
                   "rapport-cli: Il n’y a pas de base de données à «" NBSP
                   "/nonexistent/rapport.db" NBSP "»\n");
  g_assert_cmpint (unknown->status, !=, 0);
  g_assert_cmpstr (unknown->err, ==,
                   "rapport-cli: Commande inconnue «" NBSP "frobnicate" NBSP
                   "» (rapport-cli --help les liste)\n");
  g_assert_cmpint (option->status, !=, 0);
  g_assert_nonnull (strstr (option->err, "--width et --height acceptent des tailles de 1 à"));
}

/* The same run without a catalog to read is English: the French above came from po/fr.po
 * through RAPPORT_LOCALEDIR, not from anywhere else. */
static void
test_cli_without_catalog (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *empty = g_dir_make_tmp ("rapport-i18n-empty-XXXXXX", &error);
  g_autoptr (Run) run = NULL;

  g_assert_no_error (error);
  run = run_fr ("RAPPORT_CLI", empty, "--help");
  g_assert_cmpint (run->status, ==, 0);
  g_assert_nonnull (strstr (run->out, "Commands:\n"));
  g_assert_null (strstr (run->out, "Commandes"));
  crm_test_remove_tree (empty);
}

/* rapport --help: GApplication's help with the GUI's own summary and option in French, read
 * through the GUI's main(), which needs no display for it. */
static void
test_gui_help (void)
{
  g_autoptr (Run) run = run_fr ("RAPPORT_GUI", catalog_dir (), "--help");

  g_assert_cmpint (run->status, ==, 0);
  g_assert_nonnull (strstr (run->out, "Un gestionnaire de la relation client pour les petites "
                                      "équipes."));
  g_assert_nonnull (strstr (run->out, "Ouvrir la base de données FICHIER au lieu de celle par "
                                      "défaut"));
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  /* gettext ignores LANGUAGE under the plain C locale, so the programs need a real one. */
  if (setlocale (LC_ALL, "fr_FR.UTF-8") != NULL)
    locale_name = "fr_FR.UTF-8";
  else if (setlocale (LC_ALL, "C.UTF-8") != NULL)
    locale_name = "C.UTF-8";
  else
    g_error ("neither fr_FR.UTF-8 nor C.UTF-8 is installed (build-aux/install-deps.sh test)");
  setlocale (LC_ALL, "C");

  g_test_add_func ("/i18n/cli/help", test_cli_help);
  g_test_add_func ("/i18n/cli/errors", test_cli_errors);
  g_test_add_func ("/i18n/cli/without-catalog", test_cli_without_catalog);
  g_test_add_func ("/i18n/gui/help", test_gui_help);

  return g_test_run ();
}

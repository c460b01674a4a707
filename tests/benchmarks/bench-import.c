/* bench-import.c — `rapport-cli import` of a 100,000-row contacts CSV into a fresh database,
 * against the sqlite3 shell's `.import --csv` of the same file into a bare table, in the same
 * run: the median of 3 runs of each, and their ratio. Goal (issue 6): ratio ≤ 3. The import does
 * far more than the shell (header mapping, e-mail checks, duplicate look-ups, companies, tags,
 * the change log, the search index and the indexes), so the ratio is the figure to watch. */
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <sys/resource.h>

#include "crm-test-util.h"

#define N_ROWS 100000
#define N_RUNS 3

static char *
write_csv (const char *folder)
{
  g_autoptr (GString) text = g_string_new (
      "First Name,Last Name,Email,Phone Number,Company Name,Job Title,Lifecycle Stage,"
      "Country/Region,Create Date,Tags\n");
  g_autoptr (GError) error = NULL;
  char *path = g_build_filename (folder, "contacts.csv", NULL);

  for (guint i = 0; i < N_ROWS; i++)
    g_string_append_printf (text,
                            "First%u,Last%u,person%u@example%u.com,+33 1 %08u,Company %u,"
                            "Engineer,lead,France,2024-03-%02u,\"t%u, all\"\n",
                            i, i, i, i % 997, i, i % 5000, 1 + i % 28, i % 20);
  g_file_set_contents (path, text->str, text->len, &error);
  g_assert_no_error (error);
  return path;
}

static double
children_cpu_seconds (void)
{
  struct rusage usage;

  getrusage (RUSAGE_CHILDREN, &usage);
  return usage.ru_utime.tv_sec + usage.ru_stime.tv_sec
         + (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

/* Runs @argv, returns its wall time in seconds and its processor time in @cpu; the program
 * must succeed. */
static double
time_run (const char *const *argv, double *cpu)
{
  g_autoptr (GSubprocess) process = NULL;
  g_autoptr (GError) error = NULL;
  gint64 start = g_get_monotonic_time ();
  double cpu_start = children_cpu_seconds ();

  process = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_STDOUT_SILENCE, &error);
  g_assert_no_error (error);
  g_subprocess_wait_check (process, NULL, &error);
  g_assert_no_error (error);
  *cpu = children_cpu_seconds () - cpu_start;
  return (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
}

static int
compare_doubles (gconstpointer a, gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return (x > y) - (x < y);
}

int
main (int argc, char *argv[])
{
  g_autoptr (GError) error = NULL;
  g_autofree char *folder = g_dir_make_tmp ("rapport-bench-import-XXXXXX", &error);
  g_autofree char *csv = NULL;
  g_autofree char *sqlite3 = g_find_program_in_path ("sqlite3");
  const char *cli = g_getenv ("RAPPORT_CLI");
  double rapport[N_RUNS], shell[N_RUNS], rapport_cpu[N_RUNS], shell_cpu[N_RUNS];
  double ratio, cpu_ratio;

  g_assert_no_error (error);
  g_assert_nonnull (cli);
  if (sqlite3 == NULL)
    {
      g_print ("bench-import: the sqlite3 shell is not installed; nothing to compare with\n");
      return 77;
    }
  csv = write_csv (folder);

  for (guint run = 0; run < N_RUNS; run++)
    {
      g_autofree char *db = g_strdup_printf ("%s/rapport-%u.db", folder, run);
      g_autofree char *bare = g_strdup_printf ("%s/bare-%u.db", folder, run);
      g_autofree char *command = g_strdup_printf (".import --csv %s contacts", csv);
      const char *rapport_argv[] = { cli, "--database", db, "import", csv, NULL };
      const char *shell_argv[] = { sqlite3, bare, command, NULL };

      rapport[run] = time_run (rapport_argv, &rapport_cpu[run]);
      shell[run] = time_run (shell_argv, &shell_cpu[run]);
      g_print ("run %u: rapport-cli import %.2f s (processor %.2f s), sqlite3 .import %.2f s "
               "(processor %.2f s)\n",
               run + 1, rapport[run], rapport_cpu[run], shell[run], shell_cpu[run]);
      crm_test_remove_database (db);
      crm_test_remove_database (bare);
    }
  qsort (rapport, N_RUNS, sizeof (double), compare_doubles);
  qsort (shell, N_RUNS, sizeof (double), compare_doubles);
  qsort (rapport_cpu, N_RUNS, sizeof (double), compare_doubles);
  qsort (shell_cpu, N_RUNS, sizeof (double), compare_doubles);
  ratio = rapport[N_RUNS / 2] / shell[N_RUNS / 2];
  /* On a busy machine the processor times compare more fairly than the wall times. */
  cpu_ratio = rapport_cpu[N_RUNS / 2] / MAX (shell_cpu[N_RUNS / 2], 0.001);
  g_print ("processor time (median): rapport-cli %.2f s, sqlite3 %.2f s; ratio %.1f\n",
           rapport_cpu[N_RUNS / 2], shell_cpu[N_RUNS / 2], cpu_ratio);
  g_print ("import of %u contacts (median of %u): rapport-cli %.2f s (%.0f rows/s), sqlite3 "
           ".import %.2f s; ratio %.1f (goal <= 3: %s)\n",
           N_ROWS, N_RUNS, rapport[N_RUNS / 2], N_ROWS / rapport[N_RUNS / 2], shell[N_RUNS / 2],
           ratio, ratio <= 3.0 ? "met" : "MISSED");
  crm_test_remove_tree (folder);
  return 0;
}

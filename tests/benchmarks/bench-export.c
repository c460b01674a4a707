/* bench-export.c — exporting a big database (200,000 contacts, 20,000 deals, 200,000
 * activities by default; RAPPORT_BENCH_CONTACTS overrides the contacts and scales the rest):
 * each kind in each of its formats through CrmExporter, as `rapport-cli export` and the export
 * dialog run it. Prints the time, rows per second and file size of each, and how much the
 * process's resident memory grew while it ran (sampled at every progress report), against the
 * goal that an export reads its rows one at a time: under 32 MB of growth whatever the size.
 * Reports the goal as met or MISSED. */
#include "config.h"

#include <glib/gstdio.h>
#include <malloc.h>
#include <stdlib.h>

#include "crm-exporter.h"
#include "crm-seed.h"
#include "crm-test-util.h"

#define GOAL_GROWTH_MB 32.0

/* Resident memory of this process, in kB (VmRSS), or 0. */
static gint64
resident_kb (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return 0;
  line = strstr (status, "VmRSS:");
  return line != NULL ? g_ascii_strtoll (line + 6, NULL, 10) : 0;
}

static void
on_progress (double fraction, gpointer user_data)
{
  gint64 *peak_kb = user_data;

  *peak_kb = MAX (*peak_kb, resident_kb ());
}

int
main (int argc, char *argv[])
{
  static const struct
  {
    CrmExportKind kind;
    CrmExportFormat format;
  } runs[] = {
    { CRM_EXPORT_CONTACTS, CRM_EXPORT_FORMAT_CSV },
    { CRM_EXPORT_CONTACTS, CRM_EXPORT_FORMAT_VCARD },
    { CRM_EXPORT_COMPANIES, CRM_EXPORT_FORMAT_CSV },
    { CRM_EXPORT_DEALS, CRM_EXPORT_FORMAT_CSV },
    { CRM_EXPORT_ACTIVITIES, CRM_EXPORT_FORMAT_CSV },
    { CRM_EXPORT_TASKS, CRM_EXPORT_FORMAT_ICALENDAR },
    { CRM_EXPORT_DATABASE, CRM_EXPORT_FORMAT_DATABASE },
  };
  g_autoptr (GError) error = NULL;
  g_autofree char *folder = g_dir_make_tmp ("rapport-bench-export-XXXXXX", &error);
  g_autofree char *path = NULL;
  g_autoptr (CrmStore) store = NULL;
  const char *n_contacts = g_getenv ("RAPPORT_BENCH_CONTACTS");
  CrmSeedOptions options;
  double worst_growth_mb = 0;
  gint64 started;

  g_assert_no_error (error);
  path = g_build_filename (folder, "bench.db", NULL);
  store = crm_store_open (path, &error);
  g_assert_no_error (error);
  crm_seed_options_init (&options);
  options.n_contacts = n_contacts != NULL ? (guint) atoi (n_contacts) : 200000;
  options.n_deals = options.n_contacts / 10;
  options.n_activities = options.n_contacts;
  g_print ("export: seeding %u contacts, %u deals, %u activities...\n", options.n_contacts,
           options.n_deals, options.n_activities);
  started = g_get_monotonic_time ();
  g_assert_true (crm_seed_database (store, &options, NULL, NULL, &error));
  g_assert_no_error (error);
  g_print ("export: seeded in %.1f s\n",
           (g_get_monotonic_time () - started) / (double) G_USEC_PER_SEC);
  /* Give back what seeding took, so the growth measured is the export's. */
  malloc_trim (0);

  for (guint i = 0; i < G_N_ELEMENTS (runs); i++)
    {
      g_autoptr (CrmExporter) exporter = crm_exporter_new (runs[i].kind, runs[i].format);
      g_autofree char *name
          = g_strdup_printf ("out-%u.%s", i, crm_export_format_get_extension (runs[i].format));
      g_autofree char *out_path = g_build_filename (folder, name, NULL);
      g_autoptr (GFile) file = g_file_new_for_path (out_path);
      GStatBuf info = { 0 };
      gint64 before_kb, peak_kb;
      double seconds, growth_mb;
      guint64 n;

      malloc_trim (0);
      before_kb = peak_kb = resident_kb ();
      started = g_get_monotonic_time ();
      g_assert_true (crm_exporter_run (exporter, store, file, NULL, on_progress, &peak_kb, &error));
      g_assert_no_error (error);
      seconds = (g_get_monotonic_time () - started) / (double) G_USEC_PER_SEC;
      peak_kb = MAX (peak_kb, resident_kb ());
      g_stat (out_path, &info);
      n = crm_exporter_get_n_exported (exporter);
      growth_mb = (peak_kb - before_kb) / 1024.0;
      worst_growth_mb = MAX (worst_growth_mb, growth_mb);
      if (runs[i].kind == CRM_EXPORT_DATABASE)
        g_print ("export: database copy: %.1f MB in %.2f s, resident memory +%.1f MB\n",
                 info.st_size / (1024.0 * 1024.0), seconds, growth_mb);
      else
        g_print ("export: %s as %s: %" G_GUINT64_FORMAT " rows in %.2f s (%.0f rows/s), "
                 "%.1f MB written, resident memory +%.1f MB\n",
                 crm_export_kind_to_string (runs[i].kind),
                 crm_export_format_to_string (runs[i].format), n, seconds,
                 seconds > 0 ? n / seconds : 0.0, info.st_size / (1024.0 * 1024.0), growth_mb);
      g_unlink (out_path);
    }
  g_print ("export: largest growth of resident memory %.1f MB (goal: under %.0f MB: %s)\n",
           worst_growth_mb, GOAL_GROWTH_MB, worst_growth_mb < GOAL_GROWTH_MB ? "met" : "MISSED");

  g_clear_object (&store);
  crm_test_remove_tree (folder);
  return 0;
}

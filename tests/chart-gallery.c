/* chart-gallery.c — every chart as PNG files for looking at: chart-gallery DIRECTORY writes each
 * kind with data and empty, light and dark, at 1280×400 and 360×300 (the locale is the
 * environment's: LANG=de_DE.UTF-8 shows German months and separators). Not a test. */
#include <locale.h>
#include <string.h>

#include "crm-chart-samples.h"

static const struct
{
  int width, height;
} sizes[] = { { 1280, 400 }, { 360, 300 } };

/* Ten years of months, sixty sources, names of a paragraph: how the labels thin out. */
static gboolean
write_crowded (const char *folder, GError **error)
{
  static CrmChartRevenueMonth months[120];
  static CrmChartCount items[60];
  static char long_name[200];
  CrmChartRevenue revenue = { "JPY", months, G_N_ELEMENTS (months) };
  CrmChartCounts counts = { items, G_N_ELEMENTS (items) };
  const struct
  {
    CrmChartKind kind;
    gconstpointer data;
  } charts[] = {
    { CRM_CHART_REVENUE, &revenue },
    { CRM_CHART_LEAD_SOURCES, &counts },
    { CRM_CHART_LOST_REASONS, &counts },
  };

  memset (long_name, 'W', sizeof long_name - 1);
  for (guint i = 0; i < G_N_ELEMENTS (months); i++)
    months[i] = (CrmChartRevenueMonth){ { 2016 + i / 12, i % 12 + 1 }, 1000 * (i + 1), 0 };
  for (guint i = 0; i < G_N_ELEMENTS (items); i++)
    items[i] = (CrmChartCount){ i % 2 ? long_name : "Trade show in Frankfurt am Main", i + 1 };

  for (guint c = 0; c < G_N_ELEMENTS (charts); c++)
    for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
      {
        g_autofree char *name
            = g_strdup_printf ("crowded-%s-%dx%d.png", crm_chart_sample_name (charts[c].kind),
                               sizes[s].width, sizes[s].height);
        g_autofree char *path = g_build_filename (folder, name, NULL);

        if (!crm_chart_export (charts[c].kind, charts[c].data, NULL, sizes[s].width,
                               sizes[s].height, path, error))
          return FALSE;
      }
  return TRUE;
}

int
main (int argc, char *argv[])
{
  const char *folder = argc > 1 ? argv[1] : "/tmp/charts";
  g_autoptr (GError) crowded_error = NULL;

  setlocale (LC_ALL, "");
  g_mkdir_with_parents (folder, 0755);
  for (CrmChartKind kind = 0; kind < CRM_CHART_N_KINDS; kind++)
    for (int empty = 0; empty < 2; empty++)
      for (int dark = 0; dark < 2; dark++)
        for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
          {
            g_autoptr (GError) error = NULL;
            g_autofree char *name = g_strdup_printf (
                "%s-%s-%s-%dx%d.png", crm_chart_sample_name (kind), empty ? "empty" : "data",
                dark ? "dark" : "light", sizes[s].width, sizes[s].height);
            g_autofree char *path = g_build_filename (folder, name, NULL);
            gconstpointer data = empty ? crm_chart_sample_empty (kind) : crm_chart_sample (kind);

            if (!crm_chart_export (kind, data, crm_chart_palette_get (dark), sizes[s].width,
                                   sizes[s].height, path, &error))
              {
                g_printerr ("%s\n", error->message);
                return 1;
              }
          }
  if (!write_crowded (folder, &crowded_error))
    {
      g_printerr ("%s\n", crowded_error->message);
      return 1;
    }
  g_print ("%s\n", folder);
  return 0;
}

/* test-i18n-window.c — the main window in French: with LANGUAGE=fr and the catalog the build
 * compiles into <build>/po ($RAPPORT_LOCALEDIR), the page titles, the Today page's empty state
 * and the board's search field read in French. The templates are translated by GtkBuilder
 * through the program's text domain, as in `rapport` itself (src/gui/main.c).
 *
 * Runs under a virtual X display (suite gui); without one it reports itself skipped. */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "crm-application.h"
#include "crm-window.h"
#include "crm-gui-test-util.h"
#include "crm-test-util.h"

static CrmApplication *app;

typedef struct
{
  const char *property;
  const char *value;
} PropertyValue;

static gboolean
has_property_value (GtkWidget *widget, gconstpointer data)
{
  const PropertyValue *wanted = data;
  g_autofree char *text = NULL;

  g_object_get (widget, wanted->property, &text, NULL);
  return g_strcmp0 (text, wanted->value) == 0;
}

/* The first descendant of @widget of @type, depth first, whose @property is @value. */
static GtkWidget *
find_with_property (GtkWidget *widget, GType type, const char *property, const char *value)
{
  PropertyValue wanted = { property, value };

  return crm_test_find_descendant_matching (widget, type, has_property_value, &wanted);
}

static void
test_window_in_french (void)
{
  static const struct
  {
    const char *name;
    const char *title;
  } pages[] = {
    { "pipeline", "Pipeline" },
    { "contacts", "Contacts" },
    { "today", "Aujourd’hui" },
    { "dashboard", "Tableau de bord" },
  };
  g_autoptr (GError) error = NULL;
  g_autofree char *folder = g_dir_make_tmp ("rapport-i18n-gui-XXXXXX", &error);
  g_autofree char *path = g_build_filename (folder, "crm.db", NULL);
  g_autoptr (CrmStore) store = NULL;
  CrmWindow *window;
  GtkWidget *stack;

  g_assert_no_error (error);
  store = crm_application_open_database (app, path, &error);
  g_assert_no_error (error);
  window = crm_window_new (app, store);
  gtk_window_present (GTK_WINDOW (window));
  crm_test_wait_for (crm_test_widget_is_mapped, window, "the window to show");

  stack = crm_test_find_descendant (GTK_WIDGET (window), ADW_TYPE_VIEW_STACK);
  g_assert_nonnull (stack);
  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      GtkWidget *child = adw_view_stack_get_child_by_name (ADW_VIEW_STACK (stack), pages[i].name);

      g_assert_nonnull (child);
      g_assert_cmpstr (
          adw_view_stack_page_get_title (adw_view_stack_get_page (ADW_VIEW_STACK (stack), child)),
          ==, pages[i].title);
    }

  /* Labels inside the pages: a template string and one set from C. */
  g_assert_nonnull (find_with_property (GTK_WIDGET (window), ADW_TYPE_STATUS_PAGE, "title",
                                        "Rien à faire aujourd’hui"));
  g_assert_nonnull (find_with_property (GTK_WIDGET (window), GTK_TYPE_SEARCH_ENTRY,
                                        "placeholder-text", "Rechercher des affaires"));
  /* The page switcher shows the French titles, not only the stack's model. */
  g_assert_nonnull (
      find_with_property (GTK_WIDGET (window), GTK_TYPE_LABEL, "label", "Tableau de bord"));

  gtk_window_destroy (GTK_WINDOW (window));
  crm_test_iterate_main_context ();
  g_clear_object (&store);
  crm_test_remove_tree (folder);
}

int
main (int argc, char *argv[])
{
  const char *localedir = g_getenv ("RAPPORT_LOCALEDIR");
  g_autoptr (GError) error = NULL;

  /* As `LANGUAGE=fr rapport` starts, before anything reads the locale. */
  g_setenv ("LANGUAGE", "fr", TRUE);
  /* fr_FR.UTF-8, or C.UTF-8 where it is missing: gettext follows LANGUAGE under either. */
  g_setenv ("LC_ALL", "fr_FR.UTF-8", TRUE);
  if (setlocale (LC_ALL, "") == NULL)
    {
      g_setenv ("LC_ALL", "C.UTF-8", TRUE);
      if (setlocale (LC_ALL, "") == NULL)
        g_error ("neither fr_FR.UTF-8 nor C.UTF-8 is installed (build-aux/install-deps.sh test)");
    }
  g_assert_nonnull (localedir);
  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  if (!crm_test_gui_init (&argc, &argv))
    return 0;

  app = crm_test_application_new ();

  g_test_add_func ("/i18n/gui/window", test_window_in_french);

  return crm_test_gui_run (&app);
}

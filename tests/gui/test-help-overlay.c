/* test-help-overlay.c — the Keyboard Shortcuts window (ui/help-overlay.ui) lists every
 * accelerator the application sets, each entry has a title and shows keys, and the
 * accelerators of different actions do not clash; and the application icon the About window
 * shows loads (from the resources, as when Rapport runs uninstalled). Needs an X display (see
 * tests/meson.build).
 */
#include "config.h"

#include "crm-application.h"
#include "crm-gui-resources.h"

static CrmApplication *app;

/* Every GtkShortcutsShortcut below @widget. */
static void
collect_shortcuts (GtkWidget *widget, GPtrArray *shortcuts)
{
  if (GTK_IS_SHORTCUTS_SHORTCUT (widget))
    g_ptr_array_add (shortcuts, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_shortcuts (child, shortcuts);
}

static GPtrArray *
load_overlay_shortcuts (GtkWindow **overlay)
{
  g_autoptr (GtkBuilder) builder
      = gtk_builder_new_from_resource (RESOURCE_PREFIX "/gtk/help-overlay.ui");
  GPtrArray *shortcuts = g_ptr_array_new ();

  *overlay = GTK_WINDOW (g_object_ref_sink (gtk_builder_get_object (builder, "help_overlay")));
  g_assert_true (GTK_IS_SHORTCUTS_WINDOW (*overlay));
  collect_shortcuts (GTK_WIDGET (*overlay), shortcuts);
  return shortcuts;
}

/* @accel (as gtk_application_set_accels_for_action takes it) in normal form. */
static char *
normalize (const char *accel)
{
  guint key = 0;
  GdkModifierType modifiers = 0;

  g_assert_true (gtk_accelerator_parse (accel, &key, &modifiers));
  return gtk_accelerator_name (key, modifiers);
}

/* Whether the overlay shows @accel for @action: an entry of that action (the overlay then asks
 * the application for its keys) or an entry whose keys include it. */
static gboolean
overlay_shows (GPtrArray *shortcuts, const char *action, const char *accel)
{
  g_autofree char *wanted = normalize (accel);

  for (guint i = 0; i < shortcuts->len; i++)
    {
      g_autofree char *action_name = NULL;
      g_autofree char *accelerator = NULL;
      g_auto (GStrv) keys = NULL;

      g_object_get (shortcuts->pdata[i], "action-name", &action_name, "accelerator", &accelerator,
                    NULL);
      if (action_name != NULL && g_str_equal (action_name, action))
        return TRUE;
      if (accelerator == NULL)
        continue;
      keys = g_strsplit (accelerator, " ", -1);
      for (guint k = 0; keys[k] != NULL; k++)
        {
          g_autofree char *key = normalize (keys[k]);

          if (g_str_equal (key, wanted))
            return TRUE;
        }
    }
  return FALSE;
}

static void
test_lists_application_accels (void)
{
  GtkWindow *overlay = NULL;
  g_autoptr (GPtrArray) shortcuts = load_overlay_shortcuts (&overlay);
  g_auto (GStrv) actions = gtk_application_list_action_descriptions (GTK_APPLICATION (app));
  g_autoptr (GHashTable) owners = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  /* The import and export of the window menu have theirs. */
  g_assert_true (g_strv_contains ((const char *const *) actions, "win.import"));
  g_assert_true (g_strv_contains ((const char *const *) actions, "win.export"));

  for (guint i = 0; actions[i] != NULL; i++)
    {
      g_auto (GStrv) accels
          = gtk_application_get_accels_for_action (GTK_APPLICATION (app), actions[i]);

      for (guint k = 0; accels[k] != NULL; k++)
        {
          char *key = normalize (accels[k]);
          const char *owner = g_hash_table_lookup (owners, key);

          if (!overlay_shows (shortcuts, actions[i], accels[k]))
            g_error ("%s (%s) is not in the Keyboard Shortcuts window", accels[k], actions[i]);
          if (owner != NULL)
            g_error ("%s is the accelerator of both %s and %s", accels[k], owner, actions[i]);
          g_hash_table_insert (owners, key, g_strdup (actions[i]));
        }
    }
  gtk_window_destroy (overlay);
  g_object_unref (overlay);
}

static void
test_entries_complete (void)
{
  GtkWindow *overlay = NULL;
  g_autoptr (GPtrArray) shortcuts = load_overlay_shortcuts (&overlay);

  /* Pages, pipeline, contacts, editors, general: dozens, not a handful. */
  g_assert_cmpuint (shortcuts->len, >=, 30);
  for (guint i = 0; i < shortcuts->len; i++)
    {
      g_autofree char *title = NULL;
      g_autofree char *action_name = NULL;
      g_autofree char *accelerator = NULL;

      g_object_get (shortcuts->pdata[i], "title", &title, "action-name", &action_name,
                    "accelerator", &accelerator, NULL);
      g_assert_nonnull (title);
      g_assert_cmpstr (title, !=, "");
      if (action_name != NULL)
        {
          /* Shown by action: the application must give it keys (win.show-help-overlay gets
           * Ctrl+? from GtkApplication). */
          g_auto (GStrv) accels
              = gtk_application_get_accels_for_action (GTK_APPLICATION (app), action_name);

          if (accels[0] == NULL)
            g_error ("“%s” (%s) has no keys", title, action_name);
        }
      else
        {
          g_auto (GStrv) keys = NULL;

          g_assert_nonnull (accelerator);
          keys = g_strsplit (accelerator, " ", -1);
          for (guint k = 0; keys[k] != NULL; k++)
            {
              guint key = 0;
              GdkModifierType modifiers = 0;

              if (!gtk_accelerator_parse (keys[k], &key, &modifiers) || key == 0)
                g_error ("“%s”: “%s” is not a key", title, keys[k]);
            }
        }
    }
  gtk_window_destroy (overlay);
  g_object_unref (overlay);
}

/* The icon is an SVG that image loaders recognise by an <svg> tag near its start: a long
 * comment before it once made it "Unrecognized image file format". */
static void
test_app_icon_loads (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GdkTexture) texture = NULL;
  GtkIconTheme *theme = gtk_icon_theme_get_for_display (gdk_display_get_default ());

  texture = gdk_texture_new_from_resource (RESOURCE_PREFIX "/icons/scalable/apps/" APPLICATION_ID
                                                           ".svg");
  g_assert_nonnull (texture);
  g_assert_cmpint (gdk_texture_get_width (texture), ==, 128);
  g_assert_cmpint (gdk_texture_get_height (texture), ==, 128);
  g_assert_true (gtk_icon_theme_has_icon (theme, APPLICATION_ID));
}

int
main (int argc, char *argv[])
{
  g_autoptr (GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  if (!gtk_init_check ())
    {
      /* TAP: the whole program is skipped, with the reason. */
      g_print ("1..0 # SKIP no display (run under xvfb-run)\n");
      return 0;
    }
  crm_gui_resources_ensure ();

  app = crm_application_new ();
  /* Never hand the work to a Rapport that happens to run on the session bus. */
  g_application_set_flags (G_APPLICATION (app),
                           G_APPLICATION_HANDLES_COMMAND_LINE | G_APPLICATION_NON_UNIQUE);
  /* Registering runs startup, which sets the accelerators. */
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);

  g_test_add_func ("/help-overlay/lists-application-accels", test_lists_application_accels);
  g_test_add_func ("/help-overlay/entries-complete", test_entries_complete);
  g_test_add_func ("/about/app-icon-loads", test_app_icon_loads);
  status = g_test_run ();

  g_clear_object (&app);
  return status;
}

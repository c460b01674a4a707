/* crm-gui-test-util.c — helpers shared by the widget tests. */
#include "crm-gui-test-util.h"

gboolean
crm_test_gui_init (int *argc, char ***argv)
{
  g_test_init (argc, argv, NULL);
  if (!gtk_init_check ())
    {
      /* TAP: the whole program is skipped, with the reason. */
      g_print ("1..0 # SKIP no display (run under xvfb-run)\n");
      return FALSE;
    }
  return TRUE;
}

CrmApplication *
crm_test_application_new (void)
{
  g_autoptr (GError) error = NULL;
  CrmApplication *app = crm_application_new ();

  g_application_set_flags (G_APPLICATION (app),
                           G_APPLICATION_HANDLES_COMMAND_LINE | G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);
  return app;
}

int
crm_test_gui_run (CrmApplication **app)
{
  int status = g_test_run ();

  crm_test_destroy_all_windows ();
  g_clear_object (app);
  return status;
}

GtkWindow *
crm_test_find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr (GtkWindow) toplevel = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (toplevel, type))
        return toplevel; /* GTK keeps its own reference */
    }
  return NULL;
}

AdwMessageDialog *
crm_test_find_message_dialog (const char *heading)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr (GtkWidget) toplevel = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (toplevel) && gtk_widget_get_visible (toplevel)
          && (heading == NULL
              || g_strcmp0 (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (toplevel)), heading)
                     == 0))
        return ADW_MESSAGE_DIALOG (toplevel);
    }
  return NULL;
}

void
crm_test_iterate_main_context (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

void
crm_test_destroy_all_windows (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  while (g_list_model_get_n_items (toplevels) > 0)
    {
      g_autoptr (GtkWindow) window = g_list_model_get_item (toplevels, 0);

      gtk_window_destroy (window);
    }
  crm_test_iterate_main_context ();
}

static gboolean
on_timeout_set_flag (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

void
crm_test_wait_for_seconds (gboolean (*condition) (gpointer data),
                           gpointer data,
                           guint seconds,
                           const char *what)
{
  gboolean timed_out = FALSE;
  guint timeout_id = g_timeout_add_seconds (seconds, on_timeout_set_flag, &timed_out);

  while (!condition (data) && !timed_out)
    g_main_context_iteration (NULL, TRUE);

  if (timed_out)
    g_error ("Timed out waiting for %s", what);

  g_source_remove (timeout_id);
  crm_test_iterate_main_context ();
}

void
crm_test_wait_for (gboolean (*condition) (gpointer data), gpointer data, const char *what)
{
  crm_test_wait_for_seconds (condition, data, 5, what);
}

void
crm_test_run_for (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, on_timeout_set_flag, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

gboolean
crm_test_widget_is_mapped (gpointer widget)
{
  return gtk_widget_get_mapped (GTK_WIDGET (widget));
}

GtkWidget *
crm_test_find_descendant_matching (GtkWidget *widget,
                                   GType type,
                                   gboolean (*match) (GtkWidget *widget, gconstpointer data),
                                   gconstpointer data)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type) && (match == NULL || match (widget, data)))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = crm_test_find_descendant_matching (child, type, match, data);

      if (found != NULL)
        return found;
    }
  return NULL;
}

GtkWidget *
crm_test_find_descendant (GtkWidget *widget, GType type)
{
  return crm_test_find_descendant_matching (widget, type, NULL, NULL);
}

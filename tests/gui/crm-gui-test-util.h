/* crm-gui-test-util.h — what the widget tests share: starting GTK and a private application,
 * main-loop helpers and finding widgets. */
#pragma once

#include <adwaita.h>
#include <gtk/gtk.h>

#include "crm-application.h"

G_BEGIN_DECLS

/* g_test_init() and gtk_init_check(): FALSE, after the TAP line that skips the whole program,
 * when there is no display (the caller returns 0). */
gboolean
crm_test_gui_init (int *argc, char ***argv);
/* A registered CrmApplication that never hands the tests' work to a Rapport that happens to
 * run on the session bus (non-unique). */
CrmApplication *
crm_test_application_new (void);
/* g_test_add() with the test program's Fixture, fixture_set_up and fixture_tear_down. */
#define CRM_TEST_ADD_F(path, func)                                                                 \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
/* Runs the tests (g_test_run()), then destroys every window left and drops *@app. */
int
crm_test_gui_run (CrmApplication **app);
/* The first toplevel window of @type (shown or not), or NULL. */
GtkWindow *
crm_test_find_toplevel (GType type);
/* The first visible message dialog headed @heading (any heading when NULL), or NULL. */
AdwMessageDialog *
crm_test_find_message_dialog (const char *heading);
/* Destroys every toplevel window and runs what that leaves ready on the main context. */
void
crm_test_destroy_all_windows (void);

/* Runs everything the main context has ready, without blocking. */
void
crm_test_iterate_main_context (void);
/* Runs the main loop until @condition holds; fails the test after @seconds. */
void
crm_test_wait_for_seconds (gboolean (*condition) (gpointer data),
                           gpointer data,
                           guint seconds,
                           const char *what);
/* The same with five seconds. */
void
crm_test_wait_for (gboolean (*condition) (gpointer data), gpointer data, const char *what);
/* Runs the main loop for @ms milliseconds (for layout and frame clock work). */
void
crm_test_run_for (guint ms);
/* A condition for the above: @widget (a GtkWidget) is mapped. */
gboolean
crm_test_widget_is_mapped (gpointer widget);
/* @widget itself or its first descendant (depth first) of @type, or NULL. */
GtkWidget *
crm_test_find_descendant (GtkWidget *widget, GType type);
/* The same, of those for which @match (when not NULL) holds with @data. */
GtkWidget *
crm_test_find_descendant_matching (GtkWidget *widget,
                                   GType type,
                                   gboolean (*match) (GtkWidget *widget, gconstpointer data),
                                   gconstpointer data);

G_END_DECLS

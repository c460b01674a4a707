/* crm-gui-test-util.h — main-loop helpers shared by the widget tests. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

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

G_END_DECLS

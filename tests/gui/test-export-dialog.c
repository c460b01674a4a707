/* test-export-dialog.c — the window menu's Export… dialog: the choices it offers per kind and
 * the file name it suggests, an export run in its thread (the file written, the dialog gone),
 * a cancel (no file) and a failure (said in a message dialog, the choices back). Runs under a
 * virtual X display (see tests/meson.build). */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "crm-application.h"
#include "crm-export-dialog.h"
#include "crm-gui-test-util.h"
#include "crm-test-util.h"
#include "crm-window.h"

static CrmApplication *app;

typedef struct
{
  char *folder;
  CrmStore *store;
  CrmWindow *window;
} Fixture;

static void
insert_contacts (Fixture *fixture, guint n)
{
  g_autoptr (GError) error = NULL;

  g_assert_true (crm_store_begin (fixture->store, &error));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (CrmContactRecord) contact = crm_contact_record_new ();

      contact->name = g_strdup_printf ("Person <%u> & Co", i);
      g_assert_true (crm_store_insert_contact (fixture->store, contact, &error));
    }
  g_assert_true (crm_store_commit (fixture->store, &error));
  g_assert_no_error (error);
}

static void
fixture_set_up (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = NULL;

  fixture->folder = g_dir_make_tmp ("rapport-export-dialog-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (fixture->folder, "rapport.db", NULL);
  fixture->store = crm_store_open (path, &error);
  g_assert_no_error (error);
  insert_contacts (fixture, GPOINTER_TO_UINT (data));
  fixture->window = crm_window_new (app, fixture->store);
  gtk_window_present (GTK_WINDOW (fixture->window));
}

static void
fixture_tear_down (Fixture *fixture, gconstpointer data)
{
  GList *toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    gtk_window_destroy (l->data);
  g_list_free (toplevels);
  crm_test_iterate_main_context ();
  g_clear_object (&fixture->store);
  crm_test_remove_tree (fixture->folder);
  g_free (fixture->folder);
}

/* The toplevel of @type, or NULL. */
static GtkWindow *
find_toplevel (GType type)
{
  GList *toplevels = gtk_window_list_toplevels ();
  GtkWindow *found = NULL;

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (G_TYPE_CHECK_INSTANCE_TYPE (l->data, type))
      found = l->data;
  g_list_free (toplevels);
  return found;
}

static CrmExportDialog *
open_dialog (Fixture *fixture)
{
  CrmExportDialog *dialog;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.export", NULL));
  dialog = CRM_EXPORT_DIALOG (find_toplevel (CRM_TYPE_EXPORT_DIALOG));
  g_assert_nonnull (dialog);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog))
                 == GTK_WINDOW (fixture->window));
  crm_test_wait_for (crm_test_widget_is_mapped, dialog, "the export dialog shown");
  return dialog;
}

static gboolean
toplevel_gone (gpointer data)
{
  return find_toplevel (*(GType *) data) == NULL;
}

static gboolean
not_exporting (gpointer data)
{
  return !crm_export_dialog_is_exporting (data);
}

/* The format group of the dialog: the second AdwPreferencesGroup. */
static GtkWidget *
find_format_group (CrmExportDialog *dialog)
{
  GtkWidget *first = crm_test_find_descendant (GTK_WIDGET (dialog), ADW_TYPE_PREFERENCES_GROUP);
  GtkWidget *group = gtk_widget_get_next_sibling (first);

  g_assert_true (ADW_IS_PREFERENCES_GROUP (group));
  return group;
}

static void
test_choices (Fixture *fixture, gconstpointer data)
{
  CrmExportDialog *dialog = open_dialog (fixture);
  GtkWidget *format_group = find_format_group (dialog);
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  g_autofree char *expected = NULL;
  g_autofree char *name = NULL;

  /* Contacts as CSV first, with a choice of vCard. */
  g_assert_cmpint (crm_export_dialog_get_kind (dialog), ==, CRM_EXPORT_CONTACTS);
  g_assert_cmpint (crm_export_dialog_get_format (dialog), ==, CRM_EXPORT_FORMAT_CSV);
  g_assert_true (gtk_widget_get_visible (format_group));
  name = crm_export_dialog_get_suggested_name (dialog);
  expected = g_strdup_printf ("rapport-contacts-%s.csv", today);
  g_assert_cmpstr (name, ==, expected);
  crm_export_dialog_set_format (dialog, CRM_EXPORT_FORMAT_VCARD);
  g_clear_pointer (&name, g_free);
  name = crm_export_dialog_get_suggested_name (dialog);
  g_assert_true (g_str_has_suffix (name, ".vcf"));

  /* Deals: CSV only, no choice shown. */
  crm_export_dialog_set_kind (dialog, CRM_EXPORT_DEALS);
  g_assert_cmpint (crm_export_dialog_get_format (dialog), ==, CRM_EXPORT_FORMAT_CSV);
  g_assert_false (gtk_widget_get_visible (format_group));

  /* Tasks and meetings: iCalendar, or CSV. */
  crm_export_dialog_set_kind (dialog, CRM_EXPORT_TASKS);
  g_assert_cmpint (crm_export_dialog_get_format (dialog), ==, CRM_EXPORT_FORMAT_ICALENDAR);
  g_assert_true (gtk_widget_get_visible (format_group));
  g_clear_pointer (&name, g_free);
  g_clear_pointer (&expected, g_free);
  name = crm_export_dialog_get_suggested_name (dialog);
  expected = g_strdup_printf ("rapport-tasks-and-meetings-%s.ics", today);
  g_assert_cmpstr (name, ==, expected);

  crm_export_dialog_set_kind (dialog, CRM_EXPORT_DATABASE);
  g_assert_cmpint (crm_export_dialog_get_format (dialog), ==, CRM_EXPORT_FORMAT_DATABASE);
  g_assert_false (gtk_widget_get_visible (format_group));

  /* Cancel (Escape's action) closes it when nothing runs. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "export.cancel", NULL));
  crm_test_iterate_main_context ();
  g_assert_null (find_toplevel (CRM_TYPE_EXPORT_DIALOG));
}

static void
test_export (Fixture *fixture, gconstpointer data)
{
  CrmExportDialog *dialog = open_dialog (fixture);
  g_autofree char *path = g_build_filename (fixture->folder, "people.vcf", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autofree char *text = NULL;
  GType type = CRM_TYPE_EXPORT_DIALOG;

  crm_export_dialog_set_format (dialog, CRM_EXPORT_FORMAT_VCARD);
  crm_export_dialog_export_to (dialog, file);
  g_assert_true (crm_export_dialog_is_exporting (dialog));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (
                       GTK_STACK (crm_test_find_descendant (GTK_WIDGET (dialog), GTK_TYPE_STACK))),
                   ==, "progress");
  crm_test_wait_for (toplevel_gone, &type, "the dialog closed after the export");

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  g_assert_true (g_str_has_prefix (text, "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Person <0> & Co\r\n"));
}

static void
test_cancel (Fixture *fixture, gconstpointer data)
{
  CrmExportDialog *dialog = open_dialog (fixture);
  g_autofree char *path = g_build_filename (fixture->folder, "people.csv", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GDir) dir = NULL;
  GType type = CRM_TYPE_EXPORT_DIALOG;
  const char *name;

  crm_export_dialog_export_to (dialog, file);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "export.cancel", NULL));
  /* Still there until the thread stops. */
  g_assert_nonnull (find_toplevel (CRM_TYPE_EXPORT_DIALOG));
  crm_test_wait_for (toplevel_gone, &type, "the dialog closed after the cancel");

  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  dir = g_dir_open (fixture->folder, 0, NULL);
  while ((name = g_dir_read_name (dir)) != NULL)
    g_assert_false (g_str_has_prefix (name, ".people.csv")); /* no temporary file left */
}

static void
collect_labels_containing (GtkWidget *widget, const char *text, guint *n_found)
{
  if (GTK_IS_LABEL (widget) && strstr (gtk_label_get_text (GTK_LABEL (widget)), text) != NULL)
    (*n_found)++;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_labels_containing (child, text, n_found);
}

static void
test_failure (Fixture *fixture, gconstpointer data)
{
  CrmExportDialog *dialog = open_dialog (fixture);
  g_autofree char *path = g_build_filename (fixture->folder, "missing", "people.csv", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  GtkWindow *message;
  guint n_found = 0;

  crm_export_dialog_export_to (dialog, file);
  crm_test_wait_for (not_exporting, dialog, "the export to end");

  /* The dialog stays with its choices; the reason is in a message dialog over it. */
  g_assert_nonnull (find_toplevel (CRM_TYPE_EXPORT_DIALOG));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (
                       GTK_STACK (crm_test_find_descendant (GTK_WIDGET (dialog), GTK_TYPE_STACK))),
                   ==, "choose");
  message = find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (message);
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (message)), ==,
                   "Export Failed");
  g_assert_nonnull (
      strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (message)), "people.csv"));
  collect_labels_containing (GTK_WIDGET (dialog), "What to Export", &n_found);
  g_assert_cmpuint (n_found, >=, 1);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
}

/* The dialog destroyed while its export runs (as with its parent, or at quit): the export
 * stops, nothing is written, and nothing touches the destroyed dialog when the thread is
 * done. */
static void
test_destroyed_while_exporting (Fixture *fixture, gconstpointer data)
{
  CrmExportDialog *dialog = open_dialog (fixture);
  g_autofree char *path = g_build_filename (fixture->folder, "people.csv", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GDir) dir = NULL;
  const char *name;

  crm_export_dialog_export_to (dialog, file);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_null (dialog);
  /* Ample time for 5,000 contacts to be written, were the export not stopped. */
  crm_test_run_for (2000);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  dir = g_dir_open (fixture->folder, 0, NULL);
  while ((name = g_dir_read_name (dir)) != NULL)
    g_assert_false (g_str_has_prefix (name, ".people.csv")); /* no temporary file left */
}

int
main (int argc, char *argv[])
{
  if (!crm_test_gui_init (&argc, &argv))
    return 0;

  app = crm_test_application_new ();

  g_test_add ("/gui/export-dialog/choices", Fixture, GUINT_TO_POINTER (3), fixture_set_up,
              test_choices, fixture_tear_down);
  g_test_add ("/gui/export-dialog/export", Fixture, GUINT_TO_POINTER (3), fixture_set_up,
              test_export, fixture_tear_down);
  g_test_add ("/gui/export-dialog/cancel", Fixture, GUINT_TO_POINTER (5000), fixture_set_up,
              test_cancel, fixture_tear_down);
  g_test_add ("/gui/export-dialog/failure", Fixture, GUINT_TO_POINTER (3), fixture_set_up,
              test_failure, fixture_tear_down);

  g_test_add ("/gui/export-dialog/destroyed-while-exporting", Fixture, GUINT_TO_POINTER (5000),
              fixture_set_up, test_destroyed_while_exporting, fixture_tear_down);

  return crm_test_gui_run (&app);
}

/* test-import-window.c — the import window, driven the way a user would through the main
 * window's win.import-file action and the window's own actions: the mapping rows of a CSV, a
 * duplicate merged, the summary and what reached the database (and the main window's contact
 * list); the kind of rows changed on the mapping step; no column mapped; a cancel on the
 * importing step (or closing the window then) that writes nothing; a broken file that names
 * its line.
 *
 * Runs under a virtual X display with the memory GSettings backend (see tests/meson.build);
 * every test gets its own temporary folder with its database and files.
 */
#include "config.h"

#include <glib/gstdio.h>

#include "crm-application.h"
#include "crm-contacts-view.h"
#include "crm-gui-test-util.h"
#include "crm-import-window.h"
#include "crm-test-util.h"
#include "crm-window.h"

static CrmApplication *app;

/* The stored contact the file's last row duplicates (same e-mail); it has no phone, so a
 * merge fills it from the file. */
#define STORED_NAME "Olivia Amrani"
#define STORED_EMAIL "olivia@example.com"
#define FILE_PHONE "+33 1 23 45 67 89"

static const char contacts_csv[]
    = "First Name,Last Name,E-mail Address,Company Name,Phone Number\n"
      "Ada,Lovelace,ada@example.com,Analytical Engines,+44 20 7946 0001\n"
      "Grace,Hopper,grace@example.com,<b>Navy</b> & Co,+1 555 0101\n"
      "Alan,Turing,alan@example.com,Bletchley Park,+44 1908 640404\n"
      "Olivia,Amrani,olivia@example.com,Amrani & Co," FILE_PHONE "\n";

typedef struct
{
  char *tmpdir;
  char *db_path;
  CrmStore *store;
  CrmWindow *window;
  gint64 stored_id;
} Fixture;

/* ---- Helpers ------------------------------------------------------------------------------- */

static void
fixture_set_up (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CrmContactRecord) contact = crm_contact_record_new ();

  fixture->tmpdir = g_dir_make_tmp ("rapport-import-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->db_path = g_build_filename (fixture->tmpdir, "crm.db", NULL);
  fixture->store = crm_application_open_database (app, fixture->db_path, &error);
  g_assert_no_error (error);

  contact->name = g_strdup (STORED_NAME);
  contact->email = g_strdup (STORED_EMAIL);
  contact->captured_at = contact->created_at = contact->updated_at = 1700000000;
  g_assert_true (crm_store_insert_contact (fixture->store, contact, &error));
  g_assert_no_error (error);
  fixture->stored_id = contact->id;

  fixture->window = crm_window_new (app, fixture->store);
  gtk_window_present (GTK_WINDOW (fixture->window));
  crm_test_wait_for (crm_test_widget_is_mapped, fixture->window, "the main window");
}

static void
fixture_tear_down (Fixture *fixture, gconstpointer data)
{
  crm_test_destroy_all_windows ();
  g_clear_object (&fixture->store);
  crm_test_remove_tree (fixture->tmpdir);
  g_free (fixture->tmpdir);
  g_free (fixture->db_path);
}

static char *
write_file (Fixture *fixture, const char *name, const char *contents)
{
  g_autoptr (GError) error = NULL;
  char *path = g_build_filename (fixture->tmpdir, name, NULL);

  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
  return path;
}

static guint
count_contacts (Fixture *fixture)
{
  g_autoptr (GError) error = NULL;
  guint n = crm_store_count_contacts (fixture->store, &error);

  g_assert_no_error (error);
  return n;
}

/* Opens the import window on @path as the file manager would, through win.import-file. */
static CrmImportWindow *
open_import_window (Fixture *fixture, const char *path)
{
  GtkWindow *window;

  g_assert_true (
      gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.import-file", "s", path));
  window = crm_test_find_toplevel (CRM_TYPE_IMPORT_WINDOW);
  g_assert_nonnull (window);
  g_assert_true (gtk_window_get_transient_for (window) == GTK_WINDOW (fixture->window));
  g_assert_true (gtk_window_get_modal (window));
  return CRM_IMPORT_WINDOW (window);
}

typedef struct
{
  CrmImportWindow *window;
  const char *step;
} StepWait;

static gboolean
window_shows_step (gpointer data)
{
  StepWait *wait = data;

  return g_strcmp0 (crm_import_window_get_step (wait->window), wait->step) == 0;
}

static void
wait_for_step (CrmImportWindow *window, const char *step, guint seconds)
{
  StepWait wait = { window, step };
  g_autofree char *what = g_strdup_printf ("the import window's %s step", step);

  crm_test_wait_for_seconds (window_shows_step, &wait, seconds, what);
}

static GtkWidget *
get_step_widget (CrmImportWindow *window, const char *step)
{
  GtkStack *stack = GTK_STACK (crm_test_find_descendant (GTK_WIDGET (window), GTK_TYPE_STACK));
  GtkWidget *child = gtk_stack_get_child_by_name (stack, step);

  g_assert_nonnull (child);
  return child;
}

/* The preferences row below @widget titled @title (exactly), or NULL. */
static GtkWidget *
find_row (GtkWidget *widget, GType type, const char *title)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type)
      && g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_row (child, type, title);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Whether a label below @widget reads exactly @text. */
static gboolean
has_label (GtkWidget *widget, const char *text)
{
  if (GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0)
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (has_label (child, text))
        return TRUE;
    }
  return FALSE;
}

/* The button below @widget labelled @label (mnemonic included), or NULL. */
static GtkWidget *
find_button (GtkWidget *widget, const char *label)
{
  if (GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button (child, label);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The label of the field the combo row of column @title shows. */
static const char *
get_mapped_field (CrmImportWindow *window, const char *title)
{
  GtkWidget *row = find_row (get_step_widget (window, "mapping"), ADW_TYPE_COMBO_ROW, title);
  GtkStringObject *item;

  g_assert_nonnull (row);
  item = adw_combo_row_get_selected_item (ADW_COMBO_ROW (row));
  g_assert_nonnull (item);
  return gtk_string_object_get_string (item);
}

static void
assert_summary_row (CrmImportWindow *window, const char *title, const char *count)
{
  GtkWidget *row = find_row (get_step_widget (window, "summary"), ADW_TYPE_ACTION_ROW, title);

  g_assert_nonnull (row);
  if (!has_label (row, count))
    g_error ("The summary row “%s” does not read %s", title, count);
}

/* The first list view below @widget that is not in a popover (drop-downs hold one). */
static GtkWidget *
find_list_view (GtkWidget *widget)
{
  if (GTK_IS_POPOVER (widget))
    return NULL;
  if (GTK_IS_LIST_VIEW (widget))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_list_view (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
has_drop_down (gpointer widget)
{
  return crm_test_find_descendant (widget, GTK_TYPE_DROP_DOWN) != NULL;
}

typedef struct
{
  CrmContactsView *view;
  guint expected;
} ListCount;

static gboolean
contact_list_has_expected_count (gpointer data)
{
  ListCount *count = data;

  return g_list_model_get_n_items (G_LIST_MODEL (crm_contacts_view_get_model (count->view)))
         == count->expected;
}

/* ---- Tests --------------------------------------------------------------------------------- */

/* Three new contacts and one duplicate merged; the summary and the database agree, and the
 * main window's contact list follows by itself. */
static void
test_import_merge (Fixture *fixture, gconstpointer data)
{
  g_autofree char *path = write_file (fixture, "contacts.csv", contacts_csv);
  g_autoptr (GError) error = NULL;
  g_autoptr (CrmContactRecord) merged = NULL;
  CrmContactsView *contacts = CRM_CONTACTS_VIEW (
      crm_test_find_descendant (GTK_WIDGET (fixture->window), CRM_TYPE_CONTACTS_VIEW));
  ListCount count = { contacts, 1 };
  CrmImportWindow *window;
  CrmImporter *importer;
  GtkWidget *duplicates;
  GtkWidget *list_view;
  GtkWidget *drop_down;
  GtkWidget *apply;

  crm_window_set_visible_page (fixture->window, "contacts");
  crm_test_wait_for (contact_list_has_expected_count, &count, "the stored contact in the list");

  window = open_import_window (fixture, path);
  wait_for_step (window, "mapping", 10);
  importer = crm_import_window_get_importer (window);
  g_assert_nonnull (importer);
  g_assert_cmpint (crm_importer_get_kind (importer), ==, CRM_IMPORT_KIND_CONTACTS);

  /* One row per column, each showing the field its header maps to. */
  g_assert_cmpstr (get_mapped_field (window, "First Name"), ==,
                   crm_import_field_get_label (CRM_IMPORT_FIELD_FIRST_NAME));
  g_assert_cmpstr (get_mapped_field (window, "Last Name"), ==,
                   crm_import_field_get_label (CRM_IMPORT_FIELD_LAST_NAME));
  g_assert_cmpstr (get_mapped_field (window, "E-mail Address"), ==,
                   crm_import_field_get_label (CRM_IMPORT_FIELD_EMAIL));
  g_assert_cmpstr (get_mapped_field (window, "Company Name"), ==,
                   crm_import_field_get_label (CRM_IMPORT_FIELD_COMPANY));
  g_assert_cmpstr (get_mapped_field (window, "Phone Number"), ==,
                   crm_import_field_get_label (CRM_IMPORT_FIELD_PHONE));
  /* The preview shows the file's text as it is, markup characters and all. */
  g_assert_true (has_label (get_step_widget (window, "mapping"), "<b>Navy</b> & Co"));
  g_assert_true (has_label (get_step_widget (window, "mapping"), "Lovelace"));

  /* Import: the check finds the stored contact again and asks. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "import.next", NULL));
  wait_for_step (window, "duplicates", 20);
  g_assert_cmpuint (crm_importer_get_n_duplicates (importer), ==, 1);
  g_assert_cmpuint (crm_importer_get_duplicate (importer, 0)->line, ==, 5);
  g_assert_cmpint (crm_importer_get_duplicate (importer, 0)->existing_id, ==, fixture->stored_id);
  g_assert_cmpint (crm_importer_get_duplicate (importer, 0)->choice, ==, CRM_IMPORT_DUPLICATE_SKIP);

  /* "Apply to All" with Import as New, then the row's own choice back to Merge. */
  duplicates = get_step_widget (window, "duplicates");
  crm_test_run_for (100);
  drop_down = crm_test_find_descendant (duplicates, GTK_TYPE_DROP_DOWN);
  g_assert_nonnull (drop_down);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (drop_down), CRM_IMPORT_DUPLICATE_ADD_NEW);
  apply = find_row (duplicates, ADW_TYPE_ACTION_ROW, "All duplicates");
  g_assert_nonnull (apply);
  apply = find_button (apply, "_Apply to All");
  g_assert_nonnull (apply);
  g_signal_emit_by_name (apply, "clicked");
  g_assert_cmpint (crm_importer_get_duplicate (importer, 0)->choice, ==,
                   CRM_IMPORT_DUPLICATE_ADD_NEW);

  /* Back to the mapping and on again: a new check, whose duplicate keeps the choice given to
   * all. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "import.back", NULL));
  g_assert_cmpstr (crm_import_window_get_step (window), ==, "mapping");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "import.next", NULL));
  wait_for_step (window, "duplicates", 20);
  g_assert_cmpuint (crm_importer_get_n_duplicates (importer), ==, 1);
  g_assert_cmpint (crm_importer_get_duplicate (importer, 0)->choice, ==,
                   CRM_IMPORT_DUPLICATE_ADD_NEW);

  list_view = find_list_view (duplicates);
  g_assert_nonnull (list_view);
  crm_test_wait_for (has_drop_down, list_view, "the duplicate's row");
  g_assert_true (has_label (list_view, "Olivia Amrani") || has_label (list_view, "Olivia"));
  drop_down = crm_test_find_descendant (list_view, GTK_TYPE_DROP_DOWN);
  g_assert_nonnull (drop_down);
  g_assert_cmpuint (gtk_drop_down_get_selected (GTK_DROP_DOWN (drop_down)), ==,
                    CRM_IMPORT_DUPLICATE_ADD_NEW);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (drop_down), CRM_IMPORT_DUPLICATE_MERGE);
  g_assert_cmpint (crm_importer_get_duplicate (importer, 0)->choice, ==,
                   CRM_IMPORT_DUPLICATE_MERGE);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "import.next", NULL));
  wait_for_step (window, "summary", 30);
  assert_summary_row (window, "Added", "3");
  assert_summary_row (window, "Merged", "1");
  assert_summary_row (window, "Skipped", "0");
  assert_summary_row (window, "Rejected", "0");

  g_assert_cmpuint (count_contacts (fixture), ==, 4);
  merged = crm_store_get_contact (fixture->store, fixture->stored_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (merged->name, ==, STORED_NAME);
  g_assert_cmpstr (merged->phone, ==, FILE_PHONE);

  /* The main window's list shows the new contacts without anyone asking. */
  count.expected = 4;
  crm_test_wait_for (contact_list_has_expected_count, &count, "the imported contacts in the list");

  /* Close. */
  g_object_ref (window);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "import.next", NULL));
  crm_test_iterate_main_context ();
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (window)));
  g_object_unref (window);
}

/* Cancel while importing: nothing is written, and the window says so. */
static void
test_import_cancel (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GString) csv = g_string_new ("Name,E-mail\n");
  g_autofree char *path = NULL;
  CrmImportWindow *window;
  AdwStatusPage *status;

  /* Enough rows that the import is still running when Cancel comes. */
  for (guint i = 0; i < 20000; i++)
    g_string_append_printf (csv, "Person %u,person%u@example.org\n", i, i);
  path = write_file (fixture, "many.csv", csv->str);

  window = open_import_window (fixture, path);
  wait_for_step (window, "mapping", 20);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "import.next", NULL));
  /* No duplicates: the check goes straight on to the import. */
  wait_for_step (window, "importing", 60);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "import.cancel", NULL));
  wait_for_step (window, "error", 60);

  status = ADW_STATUS_PAGE (get_step_widget (window, "error"));
  g_assert_cmpstr (adw_status_page_get_title (status), ==, "Import Cancelled");
  g_assert_nonnull (strstr (adw_status_page_get_description (status), "Nothing was imported"));
  g_assert_cmpuint (count_contacts (fixture), ==, 1);
}

static gboolean
pointer_is_null (gpointer data)
{
  return *(gpointer *) data == NULL;
}

/* Closing the window while it imports is a cancel: nothing is written, and the window lives
 * until the import's thread has reported (to nobody). */
static void
test_import_close_while_importing (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GString) csv = g_string_new ("Name,E-mail\n");
  g_autofree char *path = NULL;
  CrmImportWindow *window;

  for (guint i = 0; i < 20000; i++)
    g_string_append_printf (csv, "Person %u,person%u@example.org\n", i, i);
  path = write_file (fixture, "many.csv", csv->str);

  window = open_import_window (fixture, path);
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &window);
  wait_for_step (window, "mapping", 20);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "import.next", NULL));
  wait_for_step (window, "importing", 60);
  gtk_window_close (GTK_WINDOW (window));
  crm_test_wait_for_seconds (pointer_is_null, &window, 60, "the closed window to go");
  g_assert_cmpuint (count_contacts (fixture), ==, 1);
}

/* A quote that never closes on line 3: the error step names the line, and nothing is
 * written. */
static void
test_import_broken_file (Fixture *fixture, gconstpointer data)
{
  g_autofree char *path = write_file (fixture, "broken.csv",
                                      "Name,E-mail\n"
                                      "Ada Lovelace,ada@example.com\n"
                                      "\"Grace Hopper,grace@example.com\n"
                                      "Alan Turing,alan@example.com\n");
  g_autofree char *description = NULL;
  CrmImportWindow *window = open_import_window (fixture, path);
  AdwStatusPage *status;

  wait_for_step (window, "error", 10);
  status = ADW_STATUS_PAGE (get_step_widget (window, "error"));
  description = g_utf8_strdown (adw_status_page_get_description (status), -1);
  if (strstr (description, "line 3") == NULL)
    g_error ("The error does not name line 3: %s", adw_status_page_get_description (status));
  g_assert_null (crm_import_window_get_importer (window));
  g_assert_cmpuint (count_contacts (fixture), ==, 1);
}

/* A file of deals is read as deals; choosing another kind maps the columns again, and every
 * column's menu then offers that kind's fields. */
static void
test_import_kind (Fixture *fixture, gconstpointer data)
{
  g_autofree char *path = write_file (fixture, "deals.csv",
                                      "Deal Name,Amount,Close Date,Deal Stage\n"
                                      "Pilot,\"1,200.00\",2026-12-24,Proposal\n");
  CrmImportWindow *window = open_import_window (fixture, path);
  GtkWidget *mapping;
  GtkWidget *kind_row;
  GtkWidget *name_row;
  const CrmImportField *fields;
  guint n_fields;

  wait_for_step (window, "mapping", 10);
  mapping = get_step_widget (window, "mapping");
  kind_row = find_row (mapping, ADW_TYPE_COMBO_ROW, "Import as");
  g_assert_nonnull (kind_row);
  g_assert_true (gtk_widget_get_visible (kind_row));
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (kind_row)), ==,
                    CRM_IMPORT_KIND_DEALS);
  g_assert_cmpstr (get_mapped_field (window, "Deal Name"), ==,
                   crm_import_field_get_label (CRM_IMPORT_FIELD_DEAL_TITLE));
  g_assert_cmpstr (get_mapped_field (window, "Amount"), ==,
                   crm_import_field_get_label (CRM_IMPORT_FIELD_AMOUNT));
  g_assert_true (has_label (mapping, "1,200.00"));

  adw_combo_row_set_selected (ADW_COMBO_ROW (kind_row), CRM_IMPORT_KIND_COMPANIES);
  g_assert_cmpint (crm_importer_get_kind (crm_import_window_get_importer (window)), ==,
                   CRM_IMPORT_KIND_COMPANIES);
  fields = crm_import_kind_get_fields (CRM_IMPORT_KIND_COMPANIES, &n_fields);
  name_row = find_row (mapping, ADW_TYPE_COMBO_ROW, "Deal Name");
  g_assert_nonnull (name_row);
  g_assert_cmpuint (g_list_model_get_n_items (adw_combo_row_get_model (ADW_COMBO_ROW (name_row))),
                    ==, n_fields);
  /* The row's menu holds the companies' fields, and shows what the importer maps now. */
  g_assert_cmpstr (get_mapped_field (window, "Deal Name"), ==,
                   crm_import_field_get_label (
                       crm_importer_get_column_field (crm_import_window_get_importer (window), 0)));
  for (guint i = 0; i < n_fields; i++)
    g_assert_cmpint (fields[i], !=, CRM_IMPORT_FIELD_AMOUNT);
}

/* The first visible label below @widget with the style class @name, or NULL. */
static GtkLabel *
find_styled_label (GtkWidget *widget, const char *name)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_has_css_class (widget, name)
      && gtk_widget_get_visible (widget))
    return GTK_LABEL (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkLabel *found = find_styled_label (child, name);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Every column ignored: the preview says so, and Import comes back to the mapping with the
 * importer's reason, having written nothing. */
static void
test_import_no_mapping (Fixture *fixture, gconstpointer data)
{
  g_autofree char *path = write_file (fixture, "contacts.csv", contacts_csv);
  static const char *const columns[]
      = { "First Name", "Last Name", "E-mail Address", "Company Name", "Phone Number" };
  CrmImportWindow *window = open_import_window (fixture, path);
  GtkWidget *mapping;
  GtkLabel *message;

  wait_for_step (window, "mapping", 10);
  mapping = get_step_widget (window, "mapping");
  g_assert_null (find_styled_label (mapping, "error"));
  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    adw_combo_row_set_selected (ADW_COMBO_ROW (find_row (mapping, ADW_TYPE_COMBO_ROW, columns[i])),
                                0);
  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    g_assert_cmpint (crm_importer_get_column_field (crm_import_window_get_importer (window), i), ==,
                     CRM_IMPORT_FIELD_IGNORE);
  g_assert_true (has_label (mapping, "No column is imported: choose a field for one."));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "import.next", NULL));
  g_assert_cmpstr (crm_import_window_get_step (window), ==, "checking");
  wait_for_step (window, "mapping", 10);
  message = find_styled_label (mapping, "error");
  g_assert_nonnull (message);
  g_assert_cmpstr (gtk_label_get_text (message), !=, "");
  g_assert_cmpuint (count_contacts (fixture), ==, 1);
}

int
main (int argc, char *argv[])
{
  if (!crm_test_gui_init (&argc, &argv))
    return 0;

  app = crm_test_application_new ();

  CRM_TEST_ADD_F ("/gui/import/merge-duplicate", test_import_merge);
  CRM_TEST_ADD_F ("/gui/import/kind", test_import_kind);
  CRM_TEST_ADD_F ("/gui/import/no-mapping", test_import_no_mapping);
  CRM_TEST_ADD_F ("/gui/import/cancel", test_import_cancel);
  CRM_TEST_ADD_F ("/gui/import/close-while-importing", test_import_close_while_importing);
  CRM_TEST_ADD_F ("/gui/import/broken-file", test_import_broken_file);

  return crm_test_gui_run (&app);
}

/* test-contacts-view.c — the Contacts page: its empty state, the paged list with search, and
 * the detail pane, with names like `AT&T <Sales> "Intl"` shown literally.
 * Runs under a virtual X display with the memory GSettings backend (see tests/meson.build). */
#include "config.h"

#include <glib/gstdio.h>

#include "crm-contact-editor.h"
#include "crm-contacts-view.h"
#include "crm-gui-test-util.h"
#include "crm-test-util.h"

#define HOSTILE_NAME "AT&T <Sales> \"Intl\""

typedef struct
{
  char *folder;
  CrmStore *store;
  CrmRepository *repository;
  CrmUndoManager *undo;
  GtkWindow *window;
  CrmContactsView *view;
} Fixture;

static void
fixture_set_up (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = NULL;

  fixture->folder = g_dir_make_tmp ("rapport-contacts-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (fixture->folder, "rapport.db", NULL);
  fixture->store = crm_store_open (path, &error);
  g_assert_no_error (error);
  fixture->repository = crm_repository_new (fixture->store);
  fixture->undo = crm_undo_manager_new (fixture->store);
}

static void
fixture_tear_down (Fixture *fixture, gconstpointer data)
{
  if (fixture->window != NULL)
    gtk_window_destroy (fixture->window);
  crm_test_iterate_main_context ();
  g_clear_object (&fixture->undo);
  g_clear_object (&fixture->repository);
  g_clear_object (&fixture->store);
  crm_test_remove_tree (fixture->folder);
  g_free (fixture->folder);
}

static void
show_view (Fixture *fixture)
{
  fixture->window = GTK_WINDOW (gtk_window_new ());
  fixture->view = CRM_CONTACTS_VIEW (crm_contacts_view_new (fixture->repository, fixture->undo));
  gtk_window_set_child (fixture->window, GTK_WIDGET (fixture->view));
  gtk_window_set_default_size (fixture->window, 1000, 700);
  gtk_window_present (fixture->window);
  crm_test_wait_for (crm_test_widget_is_mapped, fixture->window, "the window to be mapped");
}

static gint64
insert_company (Fixture *fixture, const char *name)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CrmCompanyRecord) company = crm_company_record_new ();

  company->name = g_strdup (name);
  g_assert_true (crm_store_insert_company (fixture->store, company, &error));
  g_assert_no_error (error);
  return company->id;
}

static gint64
insert_contact (Fixture *fixture, const char *name, const char *email, gint64 company_id)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CrmContactRecord) contact = crm_contact_record_new ();

  contact->name = g_strdup (name);
  contact->email = g_strdup (email);
  contact->company_id = company_id;
  g_assert_true (crm_store_insert_contact (fixture->store, contact, &error));
  g_assert_no_error (error);
  return contact->id;
}

static const char *
visible_page (Fixture *fixture)
{
  GtkWidget *stack = crm_test_find_descendant (GTK_WIDGET (fixture->view), GTK_TYPE_STACK);

  g_assert_nonnull (stack);
  return gtk_stack_get_visible_child_name (GTK_STACK (stack));
}

/* No contact: the empty state; the first contact written (by anyone) brings the list. */
static void
test_contacts_empty_state (Fixture *fixture, gconstpointer data)
{
  show_view (fixture);
  g_assert_cmpstr (visible_page (fixture), ==, "empty");
  insert_contact (fixture, "First", NULL, 0);
  g_assert_cmpstr (visible_page (fixture), ==, "contacts");
  g_assert_cmpuint (
      g_list_model_get_n_items (G_LIST_MODEL (crm_contacts_view_get_model (fixture->view))), ==, 1);
}

/* Search narrows the list (name, e-mail, company; prefix and case blind; any text safe);
 * picking a contact shows its details, user text literally. */
static void
test_contacts_search_and_details (Fixture *fixture, gconstpointer data)
{
  const char *hostile[] = { "\"", "*", "(", "NEAR", "-", "'", "AND", "at&t\" OR *" };
  gint64 company = insert_company (fixture, "Initech & Co <Ltd>");
  gint64 hostile_id = insert_contact (fixture, HOSTILE_NAME, "sales@att.example", company);
  GListModel *list;
  CrmContact *shown;

  insert_contact (fixture, "Peter Gibbons", "peter@initech.example", company);
  insert_contact (fixture, "Milton Waddams", "milton@basement.example", 0);
  show_view (fixture);
  list = G_LIST_MODEL (crm_contacts_view_get_model (fixture->view));
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 3);

  crm_contacts_view_set_search_text (fixture->view, "AT&T sal");
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 1);
  crm_contacts_view_set_search_text (fixture->view, "initech");
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 2); /* by company name and e-mail */
  crm_contacts_view_set_search_text (fixture->view, "MILT");
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 1);
  for (guint i = 0; i < G_N_ELEMENTS (hostile); i++)
    {
      crm_contacts_view_set_search_text (fixture->view, hostile[i]);
      g_assert_cmpuint (g_list_model_get_n_items (list), <=, 3);
      /* A search that finds nothing keeps the list and its field, not the empty state. */
      g_assert_cmpstr (visible_page (fixture), ==, "contacts");
    }

  crm_contacts_view_set_search_text (fixture->view, "sales@att");
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 1);
  crm_contacts_view_select (fixture->view, 0);
  shown = crm_contacts_view_get_shown_contact (fixture->view);
  g_assert_nonnull (shown);
  g_assert_cmpint (crm_entity_object_get_id (CRM_ENTITY_OBJECT (shown)), ==, hostile_id);
  g_assert_cmpstr (crm_contacts_view_get_detail_text (fixture->view, "company"), ==,
                   "Initech & Co <Ltd>");
  g_assert_cmpstr (crm_contacts_view_get_detail_text (fixture->view, "email"), ==,
                   "sales@att.example");
  g_assert_cmpstr (crm_contacts_view_get_detail_text (fixture->view, "lifecycle"), ==, "Lead");
  g_assert_null (crm_contacts_view_get_detail_text (fixture->view, "phone"));

  /* An edit elsewhere shows at once. */
  {
    g_autoptr (GError) error = NULL;
    g_autoptr (CrmContactRecord) record
        = crm_store_get_contact (fixture->store, hostile_id, &error);

    g_free (record->phone);
    record->phone = g_strdup ("+1 555 0100");
    g_assert_true (crm_store_update_contact (fixture->store, record, &error));
    g_assert_no_error (error);
  }
  g_assert_cmpstr (crm_contacts_view_get_detail_text (fixture->view, "phone"), ==, "+1 555 0100");

  /* Escape-like clearing: every contact again. */
  crm_contacts_view_set_search_text (fixture->view, "");
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 3);

  /* By lead score: the highest first. */
  {
    g_autoptr (GError) error = NULL;
    g_autoptr (CrmContactRecord) record
        = crm_store_get_contact (fixture->store, hostile_id, &error);
    g_autoptr (CrmContact) first = NULL;

    record->score = 90;
    g_assert_true (crm_store_update_contact (fixture->store, record, &error));
    crm_contacts_view_set_sort (fixture->view, CRM_CONTACT_SORT_SCORE);
    g_assert_cmpint (crm_contact_list_model_get_sort (crm_contacts_view_get_model (fixture->view)),
                     ==, CRM_CONTACT_SORT_SCORE);
    first = g_list_model_get_item (list, 0);
    g_assert_cmpstr (crm_contact_get_name (first), ==, HOSTILE_NAME);
  }
}

static void
on_open_contact (CrmContactEditor *editor, gint64 id, gint64 *opened)
{
  *opened = id;
}

/* Quick add: a name is enough; bad input is refused in the form and writes nothing; a likely
 * duplicate (same e-mail, or same name and company) is offered first, then Add Anyway adds;
 * the add is undoable; the list shows the new contact. */
static void
test_contacts_quick_add (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CrmUndoManager) undo = crm_undo_manager_new (fixture->store);
  g_autoptr (CrmContactRecord) added = NULL;
  gint64 existing = insert_contact (fixture, "Grace Hopper", "grace@navy.example", 0);
  gint64 opened = 0, id;
  CrmContactEditor *editor;

  show_view (fixture);
  editor = crm_contact_editor_new (fixture->window, fixture->repository, undo);
  g_signal_connect (editor, "open-contact", G_CALLBACK (on_open_contact), &opened);
  gtk_window_present (GTK_WINDOW (editor));

  crm_contact_editor_set_fields (editor, "   ", NULL, NULL);
  g_assert_cmpint (crm_contact_editor_add (editor, &error), ==, 0);
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID);
  g_clear_error (&error);
  crm_contact_editor_set_fields (editor, "Someone", "not an address", NULL);
  g_assert_cmpint (crm_contact_editor_add (editor, &error), ==, 0);
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (crm_store_count (fixture->store, CRM_ENTITY_CONTACT, NULL), ==, 1);

  /* The same e-mail, other case: offered, not added. */
  crm_contact_editor_set_fields (editor, "G. Hopper", "GRACE@navy.example", NULL);
  g_assert_cmpint (crm_contact_editor_add (editor, &error), ==, 0);
  g_assert_no_error (error);
  g_assert_cmpint (crm_contact_editor_get_duplicate_id (editor), ==, existing);
  g_assert_cmpint (crm_store_count (fixture->store, CRM_ENTITY_CONTACT, NULL), ==, 1);
  /* Show Existing opens that one and closes the editor. */
  g_object_ref (editor);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.show-existing", NULL));
  g_assert_cmpint (opened, ==, existing);
  g_object_unref (editor);

  /* The same name (other case), no company either: offered; Add Anyway adds. */
  editor = crm_contact_editor_new (fixture->window, fixture->repository, undo);
  gtk_window_present (GTK_WINDOW (editor));
  crm_contact_editor_set_fields (editor, "grace hopper", NULL, "+1 555 0199");
  g_assert_cmpint (crm_contact_editor_add (editor, &error), ==, 0);
  g_assert_cmpint (crm_contact_editor_get_duplicate_id (editor), ==, existing);
  id = crm_contact_editor_add (editor, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  added = crm_store_get_contact (fixture->store, id, &error);
  g_assert_cmpstr (added->name, ==, "grace hopper");
  g_assert_cmpstr (added->phone, ==, "+1 555 0199");
  g_assert_null (added->email);
  gtk_window_destroy (GTK_WINDOW (editor));

  /* The list has it; undo takes it away. */
  g_assert_true (crm_contacts_view_show_contact (fixture->view, id));
  g_assert_cmpuint (
      g_list_model_get_n_items (G_LIST_MODEL (crm_contacts_view_get_model (fixture->view))), ==, 2);
  g_assert_true (crm_undo_manager_undo (undo, &error));
  g_assert_no_error (error);
  g_assert_cmpint (crm_store_count (fixture->store, CRM_ENTITY_CONTACT, NULL), ==, 1);
  g_assert_cmpuint (
      g_list_model_get_n_items (G_LIST_MODEL (crm_contacts_view_get_model (fixture->view))), ==, 1);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  if (!gtk_init_check ())
    {
      g_print ("1..0 # SKIP no display (run under xvfb-run)\n");
      return 0;
    }
  adw_init ();

#define ADD_TEST(path, func)                                                                       \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD_TEST ("/gui/contacts/empty-state", test_contacts_empty_state);
  ADD_TEST ("/gui/contacts/search-and-details", test_contacts_search_and_details);
  ADD_TEST ("/gui/contacts/quick-add", test_contacts_quick_add);
#undef ADD_TEST

  return g_test_run ();
}

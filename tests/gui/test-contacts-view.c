/* test-contacts-view.c — the Contacts page: its empty state, the paged list with search, the
 * detail pane, the filter popover, smart lists with their counts, bulk edits in selection mode
 * and their undo, the company order, the companies list, with names like `AT&T <Sales> "Intl"`
 * shown literally.
 * Runs under a virtual X display with the memory GSettings backend (see tests/meson.build). */
#include "config.h"

#include <glib/gstdio.h>

#include "crm-contact-detail.h"
#include "crm-contact-editor.h"
#include "crm-contact-filter-popover.h"
#include "crm-contact-row.h"
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
  company->website = g_strdup ("https://att.example");
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

/* ---- The list pane: filters, smart lists, bulk edits, companies ----------------------------- */

/* The window's content in a toast overlay, as in CrmWindow, with an undo manager. */
static CrmUndoManager *
show_view_with_undo (Fixture *fixture)
{
  CrmUndoManager *undo = crm_undo_manager_new (fixture->store);
  GtkWidget *overlay = adw_toast_overlay_new ();

  fixture->window = GTK_WINDOW (gtk_window_new ());
  fixture->view = CRM_CONTACTS_VIEW (crm_contacts_view_new (fixture->repository, undo));
  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (overlay), GTK_WIDGET (fixture->view));
  gtk_window_set_child (fixture->window, overlay);
  gtk_window_set_default_size (fixture->window, 1200, 700);
  gtk_window_present (fixture->window);
  crm_test_wait_for (crm_test_widget_is_mapped, fixture->window, "the window to be mapped");
  return undo;
}

static gint64
insert_person (Fixture *fixture, const char *name, CrmLifecycleStage stage, gint64 company_id)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CrmContactRecord) contact = crm_contact_record_new ();

  contact->name = g_strdup (name);
  contact->lifecycle = stage;
  contact->company_id = company_id;
  g_assert_true (crm_store_insert_contact (fixture->store, contact, &error));
  g_assert_no_error (error);
  return contact->id;
}

/* The first widget of @type under @root whose label (buttons: with its underline) is @label. */
static GtkWidget *
find_labelled (GtkWidget *root, GType type, const char *label)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    {
      const char *text = NULL;

      if (GTK_IS_CHECK_BUTTON (root))
        text = gtk_check_button_get_label (GTK_CHECK_BUTTON (root));
      else if (GTK_IS_BUTTON (root))
        text = gtk_button_get_label (GTK_BUTTON (root));
      else if (GTK_IS_LABEL (root))
        text = gtk_label_get_text (GTK_LABEL (root));
      if (g_strcmp0 (text, label) == 0)
        return root;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_labelled (child, type, label);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static guint
n_listed (Fixture *fixture)
{
  return g_list_model_get_n_items (G_LIST_MODEL (crm_contacts_view_get_model (fixture->view)));
}

static gint64
count_in_store (Fixture *fixture, CrmLifecycleStage stage)
{
  g_autoptr (CrmContactFilter) filter = crm_contact_filter_new ();

  filter->lifecycles = 1u << stage;
  return crm_store_count_contacts_filtered (fixture->store, filter, NULL);
}

/* Toggling a stage in the filter popover narrows the list at once; the button shows how many
 * criteria are set; Clear lists everyone again. */
static void
test_contacts_filter_popover (Fixture *fixture, gconstpointer data)
{
  GtkWidget *popover, *customer, *clear;

  for (guint i = 0; i < 30; i++)
    {
      g_autofree char *name = g_strdup_printf ("Person %02u", i);
      insert_person (fixture, name, i % 3 == 0 ? CRM_LIFECYCLE_CUSTOMER : CRM_LIFECYCLE_LEAD, 0);
    }
  show_view (fixture);
  g_assert_cmpuint (n_listed (fixture), ==, 30);

  popover = crm_test_find_descendant (GTK_WIDGET (fixture->view), CRM_TYPE_CONTACT_FILTER_POPOVER);
  g_assert_nonnull (popover);
  customer = find_labelled (popover, GTK_TYPE_CHECK_BUTTON, "Customer");
  g_assert_nonnull (customer);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (customer), TRUE);
  g_assert_cmpuint (n_listed (fixture), ==, 10);
  g_assert_cmpuint (crm_contacts_view_get_filter (fixture->view)->lifecycles, ==,
                    1u << CRM_LIFECYCLE_CUSTOMER);
  g_assert_nonnull (find_labelled (GTK_WIDGET (fixture->view), GTK_TYPE_LABEL, "1"));

  /* With search words too. */
  crm_contacts_view_set_search_text (fixture->view, "Person 0");
  g_assert_cmpuint (n_listed (fixture), ==, 4); /* 00, 03, 06, 09 */
  crm_contacts_view_set_search_text (fixture->view, "");

  clear = find_labelled (popover, GTK_TYPE_BUTTON, "C_lear");
  g_assert_nonnull (clear);
  g_signal_emit_by_name (clear, "clicked");
  g_assert_cmpuint (n_listed (fixture), ==, 30);
  g_assert_false (gtk_check_button_get_active (GTK_CHECK_BUTTON (customer)));
}

static gboolean
counts_done (gpointer data)
{
  return !crm_smart_list_model_get_counting (data);
}

/* A filter saved as a smart list appears in the sidebar, literally named, with the count of its
 * contacts, which follows changes; choosing it brings its filter back; deleting it is undone. */
static void
test_contacts_smart_lists (Fixture *fixture, gconstpointer data)
{
  g_autoptr (CrmUndoManager) undo = NULL;
  g_autoptr (CrmContactFilter) customers = crm_contact_filter_new ();
  g_autoptr (GError) error = NULL;
  CrmSmartListSidebar *sidebar;
  CrmSmartListModel *lists;
  GtkWidget *name_label;
  gint64 id;
  const char *name = "Customers <b>&amp;</b> “friends”";

  for (guint i = 0; i < 12; i++)
    {
      g_autofree char *person = g_strdup_printf ("Person %02u", i);
      insert_person (fixture, person, i % 4 == 0 ? CRM_LIFECYCLE_CUSTOMER : CRM_LIFECYCLE_LEAD, 0);
    }
  undo = show_view_with_undo (fixture);
  sidebar = crm_contacts_view_get_sidebar (fixture->view);
  lists = crm_smart_list_sidebar_get_model (sidebar);

  customers->lifecycles = 1u << CRM_LIFECYCLE_CUSTOMER;
  crm_contacts_view_set_filter (fixture->view, customers);
  id = crm_contacts_view_save_smart_list (fixture->view, name, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  g_assert_cmpint (crm_smart_list_sidebar_get_selected (sidebar), ==, id);
  name_label = find_labelled (GTK_WIDGET (sidebar), GTK_TYPE_LABEL, name);
  g_assert_nonnull (name_label);
  g_assert_false (gtk_label_get_use_markup (GTK_LABEL (name_label)));

  crm_test_wait_for (counts_done, lists, "the smart lists to be counted");
  g_assert_cmpstr (crm_smart_list_sidebar_get_count_text (sidebar, id), ==, "3");
  g_assert_cmpstr (crm_smart_list_sidebar_get_count_text (sidebar, 0), ==, "12");
  insert_person (fixture, "New Customer", CRM_LIFECYCLE_CUSTOMER, 0);
  g_assert_true (crm_smart_list_model_get_counting (lists));
  crm_test_wait_for (counts_done, lists, "the smart lists to be counted again");
  g_assert_cmpstr (crm_smart_list_sidebar_get_count_text (sidebar, id), ==, "4");
  g_assert_cmpstr (crm_smart_list_sidebar_get_count_text (sidebar, 0), ==, "13");
  g_assert_cmpuint (n_listed (fixture), ==, 4);

  /* All Contacts, then the smart list again. */
  g_assert_true (crm_contacts_view_show_smart_list (fixture->view, 0, &error));
  g_assert_cmpuint (n_listed (fixture), ==, 13);
  g_assert_true (crm_contacts_view_show_smart_list (fixture->view, id, &error));
  g_assert_cmpuint (n_listed (fixture), ==, 4);
  g_assert_no_error (error);

  /* Deleted from the sidebar, then undone: back, with the same name. */
  g_assert_true (crm_smart_list_sidebar_delete (sidebar, id, &error));
  g_assert_no_error (error);
  g_assert_null (crm_smart_list_model_lookup (lists, id));
  g_assert_cmpint (crm_smart_list_sidebar_get_selected (sidebar), <, 0);
  g_assert_true (crm_undo_manager_undo (undo, &error));
  g_assert_no_error (error);
  g_assert_nonnull (crm_smart_list_model_lookup (lists, id));
  g_assert_cmpstr (crm_smart_list_get_name (crm_smart_list_model_lookup (lists, id)), ==, name);
  crm_test_wait_for (counts_done, lists, "the smart lists to be counted at the end");
}

/* Runs the view's shortcut for @keyval with @modifiers, as the key press would. */
static gboolean
activate_shortcut (Fixture *fixture, guint keyval, GdkModifierType modifiers)
{
  g_autoptr (GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (fixture->view));

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr (GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr (GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
          GtkShortcutTrigger *trigger = gtk_shortcut_get_trigger (shortcut);

          if (GTK_IS_KEYVAL_TRIGGER (trigger)
              && gtk_keyval_trigger_get_keyval (GTK_KEYVAL_TRIGGER (trigger)) == keyval
              && gtk_keyval_trigger_get_modifiers (GTK_KEYVAL_TRIGGER (trigger)) == modifiers)
            return gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut), 0,
                                                 GTK_WIDGET (fixture->view), NULL);
        }
    }
  return FALSE;
}

static void
on_merge_requested (CrmContactsView *view, gint64 first, gint64 second, gint64 *ids)
{
  ids[0] = first;
  ids[1] = second;
}

/* Selection mode: two contacts set to Customer in one step, undone; then everything (the
 * filter's every contact, without reading them) and undone; Merge… with two. */
static void
test_contacts_bulk_lifecycle (Fixture *fixture, gconstpointer data)
{
  g_autoptr (CrmUndoManager) undo = NULL;
  g_autoptr (GError) error = NULL;
  CrmContactsBulkBar *bar;
  GtkSelectionModel *selection;
  gint64 merge_ids[2] = { 0, 0 };
  gint64 ids[20];

  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      g_autofree char *name = g_strdup_printf ("Person %02u", i);
      ids[i] = insert_person (fixture, name, CRM_LIFECYCLE_LEAD, 0);
    }
  undo = show_view_with_undo (fixture);
  bar = crm_contacts_view_get_bulk_bar (fixture->view);
  g_signal_connect (fixture->view, "merge-requested", G_CALLBACK (on_merge_requested), merge_ids);

  crm_contacts_view_set_selection_mode (fixture->view, TRUE);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (bar)));
  selection = crm_contacts_view_get_selection_model (fixture->view);
  g_assert_true (GTK_IS_MULTI_SELECTION (selection));
  gtk_selection_model_select_item (selection, 1, FALSE);
  gtk_selection_model_select_item (selection, 4, FALSE);

  /* Merge… with exactly two. */
  {
    GtkWidget *merge = find_labelled (GTK_WIDGET (bar), GTK_TYPE_BUTTON, "M_erge…");
    g_assert_nonnull (merge);
    g_assert_true (gtk_widget_get_sensitive (merge));
    g_signal_emit_by_name (merge, "clicked");
    g_assert_cmpint (merge_ids[0], ==, ids[1]);
    g_assert_cmpint (merge_ids[1], ==, ids[4]);
  }

  g_assert_true (crm_contacts_bulk_bar_set_lifecycle (bar, CRM_LIFECYCLE_CUSTOMER, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_in_store (fixture, CRM_LIFECYCLE_CUSTOMER), ==, 2);
  {
    g_autoptr (CrmContactRecord) second = crm_store_get_contact (fixture->store, ids[4], NULL);
    g_assert_cmpint (second->lifecycle, ==, CRM_LIFECYCLE_CUSTOMER);
  }
  /* Done: out of selection mode; undone: leads again. */
  g_assert_false (crm_contacts_view_get_selection_mode (fixture->view));
  g_assert_true (crm_undo_manager_undo (undo, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_in_store (fixture, CRM_LIFECYCLE_CUSTOMER), ==, 0);

  /* Everything, by Ctrl+A's way, through a filter: the leads among "Person 1…". */
  crm_contacts_view_set_search_text (fixture->view, "Person");
  crm_contacts_view_select_all (fixture->view);
  g_assert_true (crm_contacts_view_get_selection_mode (fixture->view));
  g_assert_cmpuint (gtk_bitset_get_size (gtk_selection_model_get_selection (
                        crm_contacts_view_get_selection_model (fixture->view))),
                    ==, 20);
  g_assert_true (crm_contacts_bulk_bar_set_lifecycle (bar, CRM_LIFECYCLE_QUALIFIED, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_in_store (fixture, CRM_LIFECYCLE_QUALIFIED), ==, 20);
  g_assert_true (crm_undo_manager_undo (undo, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_in_store (fixture, CRM_LIFECYCLE_LEAD), ==, 20);

  /* Escape leaves selection mode; Ctrl+A selects everything (the view's own shortcuts). */
  crm_contacts_view_set_selection_mode (fixture->view, TRUE);
  g_assert_true (activate_shortcut (fixture, GDK_KEY_Escape, 0));
  g_assert_false (crm_contacts_view_get_selection_mode (fixture->view));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (bar)));
  g_assert_true (activate_shortcut (fixture, GDK_KEY_a, GDK_CONTROL_MASK));
  g_assert_true (crm_contacts_view_get_selection_mode (fixture->view));
  g_assert_cmpuint (gtk_bitset_get_size (gtk_selection_model_get_selection (
                        crm_contacts_view_get_selection_model (fixture->view))),
                    ==, 20);
  g_assert_true (activate_shortcut (fixture, GDK_KEY_Escape, 0));
  g_assert_false (crm_contacts_view_get_selection_mode (fixture->view));
}

/* By company: company names A to Z, case-blind, people without a company last. */
static void
test_contacts_sort_by_company (Fixture *fixture, gconstpointer data)
{
  gint64 beta = insert_company (fixture, "beta");
  gint64 alpha = insert_company (fixture, "Alpha");
  gint64 gamma = insert_company (fixture, "Gamma");
  gint64 expected[5];
  GListModel *list;

  expected[4] = insert_person (fixture, "Aaron Nocompany", CRM_LIFECYCLE_LEAD, 0);
  expected[3] = insert_person (fixture, "Zed at Gamma", CRM_LIFECYCLE_LEAD, gamma);
  expected[1] = insert_person (fixture, "Ann at beta", CRM_LIFECYCLE_LEAD, beta);
  expected[0] = insert_person (fixture, "Zoe at Alpha", CRM_LIFECYCLE_LEAD, alpha);
  expected[2] = insert_person (fixture, "Bob at beta", CRM_LIFECYCLE_LEAD, beta);
  show_view (fixture);
  crm_contacts_view_set_sort (fixture->view, CRM_CONTACT_SORT_COMPANY);
  list = G_LIST_MODEL (crm_contacts_view_get_model (fixture->view));
  g_assert_cmpint (crm_contact_list_model_get_sort (CRM_CONTACT_LIST_MODEL (list)), ==,
                   CRM_CONTACT_SORT_COMPANY);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autoptr (CrmContact) contact = g_list_model_get_item (list, i);
      g_assert_cmpint (crm_entity_object_get_id (CRM_ENTITY_OBJECT (contact)), ==, expected[i]);
    }
}

/* The list of the contacts: a grid view of one column. */
static GtkWidget *
find_list_view (GtkWidget *root, GtkSelectionModel *model)
{
  if (GTK_IS_GRID_VIEW (root) && gtk_grid_view_get_model (GTK_GRID_VIEW (root)) == model)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_list_view (child, model);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The first row under @root that shows @name. */
static CrmContactRow *
find_contact_row (GtkWidget *root, const char *name)
{
  if (CRM_IS_CONTACT_ROW (root)
      && g_strcmp0 (crm_contact_row_get_name (CRM_CONTACT_ROW (root)), name) == 0)
    return CRM_CONTACT_ROW (root);
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      CrmContactRow *found = find_contact_row (child, name);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The row of the list view that shows @name, once the rows are drawn. */
static CrmContactRow *
find_shown_row (Fixture *fixture, const char *name)
{
  GtkWidget *list_view = find_list_view (GTK_WIDGET (fixture->view),
                                         crm_contacts_view_get_selection_model (fixture->view));

  g_assert_nonnull (list_view);

  for (guint i = 0; i < 100; i++)
    {
      CrmContactRow *row = find_contact_row (list_view, name);
      if (row != NULL)
        return row;
      crm_test_run_for (20);
    }
  return NULL;
}

/* A person and a company named AT&T <Sales> "Intl": both rows show the name as it is. */
static void
test_contacts_rows_show_names_literally (Fixture *fixture, gconstpointer data)
{
  gint64 company = insert_company (fixture, HOSTILE_NAME);
  CrmContactRow *row;
  CrmCompanyListModel *companies;

  insert_contact (fixture, HOSTILE_NAME, "sales@att.example", company);
  show_view (fixture);
  row = find_shown_row (fixture, HOSTILE_NAME);
  g_assert_nonnull (row);
  /* The texts the row draws, as they are (plain text: markup would have eaten the tags). */
  g_assert_cmpstr (crm_contact_row_get_name (row), ==, HOSTILE_NAME);
  g_assert_cmpstr (crm_contact_row_get_detail (row), ==, HOSTILE_NAME " · sales@att.example");

  crm_contacts_view_set_show_companies (fixture->view, TRUE);
  g_assert_true (crm_contacts_view_get_show_companies (fixture->view));
  companies = crm_contacts_view_get_company_model (fixture->view);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (companies)), ==, 1);
  row = find_shown_row (fixture, HOSTILE_NAME);
  g_assert_nonnull (row);
  g_assert_cmpstr (crm_contact_row_get_name (row), ==, HOSTILE_NAME);
  g_assert_cmpstr (crm_contact_row_get_detail (row), ==, "https://att.example");
  /* Chosen: its page shows in the detail pane. */
  gtk_widget_activate_action (
      find_list_view (GTK_WIDGET (fixture->view),
                      crm_contacts_view_get_selection_model (fixture->view)),
      "list.activate-item", "u", 0);
  g_assert_cmpstr (crm_contacts_view_get_detail_text (fixture->view, "website"), ==,
                   "https://att.example");
  g_assert_cmpstr (crm_contacts_view_get_detail_text (fixture->view, "name"), ==, HOSTILE_NAME);
  g_assert_null (crm_contacts_view_get_shown_contact (fixture->view));
  /* Search over companies. */
  crm_contacts_view_set_search_text (fixture->view, "zzz");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (companies)), ==, 0);
  crm_contacts_view_set_search_text (fixture->view, "at&t");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (companies)), ==, 1);
  crm_contacts_view_set_show_companies (fixture->view, FALSE);
  g_assert_cmpuint (n_listed (fixture), ==, 1);
}

/* The row widget (a grid cell) showing @name. */
static GtkWidget *
find_row (GtkWidget *grid, const char *name)
{
  GtkWidget *row = GTK_WIDGET (find_contact_row (grid, name));

  while (row != NULL && gtk_widget_get_parent (row) != grid)
    row = gtk_widget_get_parent (row);
  return row;
}

/* The list is a grid view of one column: each row as wide as the list, one under the other;
 * the grid's role and name for assistive technologies; keyboard focus moving down and up a
 * row; a row chosen shows its contact; in selection mode, rows picked one by one, their check
 * boxes following. */
static void
test_contacts_list_is_one_column (Fixture *fixture, gconstpointer data)
{
  GtkWidget *grid;
  GtkWidget *first, *second, *third;
  graphene_rect_t bounds_first, bounds_second;
  GtkSelectionModel *selection;
  g_autoptr (GtkBitset) selected = NULL;
  gint64 second_id = 0;

  for (int i = 0; i < 40; i++)
    {
      g_autofree char *name = g_strdup_printf ("Person %02d", i);
      gint64 id = insert_contact (fixture, name, NULL, 0);

      if (i == 1)
        second_id = id;
    }
  show_view (fixture);
  grid = find_list_view (GTK_WIDGET (fixture->view),
                         crm_contacts_view_get_selection_model (fixture->view));
  g_assert_nonnull (grid);
  g_assert_cmpuint (gtk_grid_view_get_max_columns (GTK_GRID_VIEW (grid)), ==, 1);
  g_assert_cmpint (gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (grid)), ==,
                   GTK_ACCESSIBLE_ROLE_GRID);
  g_assert_nonnull (find_shown_row (fixture, "Person 02"));

  first = find_row (grid, "Person 00");
  second = find_row (grid, "Person 01");
  third = find_row (grid, "Person 02");
  g_assert_nonnull (first);
  g_assert_nonnull (second);
  g_assert_nonnull (third);
  g_assert_true (gtk_widget_compute_bounds (first, grid, &bounds_first));
  g_assert_true (gtk_widget_compute_bounds (second, grid, &bounds_second));
  g_assert_cmpfloat (bounds_first.origin.x, ==, bounds_second.origin.x);
  g_assert_cmpfloat (bounds_second.origin.y, >=, bounds_first.origin.y + bounds_first.size.height);
  /* As wide as the list, but for the margins around a row. */
  g_assert_cmpfloat (bounds_first.size.width, >=, gtk_widget_get_width (grid) - 40);

  /* The keyboard: down a row and back up. */
  g_assert_true (gtk_widget_grab_focus (second));
  g_assert_true (gtk_widget_child_focus (grid, GTK_DIR_DOWN));
  g_assert_true (
      gtk_widget_has_focus (third)
      || gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (fixture->window)), third));
  g_assert_true (gtk_widget_child_focus (grid, GTK_DIR_UP));
  g_assert_true (
      gtk_widget_has_focus (second)
      || gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (fixture->window)), second));

  /* Chosen: its details. */
  gtk_widget_activate_action (grid, "list.activate-item", "u", 1);
  g_assert_nonnull (crm_contacts_view_get_shown_contact (fixture->view));
  g_assert_cmpint (crm_entity_object_get_id (
                       CRM_ENTITY_OBJECT (crm_contacts_view_get_shown_contact (fixture->view))),
                   ==, second_id);

  /* Selection mode: two rows picked with the modifier, the others not. */
  crm_contacts_view_set_selection_mode (fixture->view, TRUE);
  selection = crm_contacts_view_get_selection_model (fixture->view);
  g_assert_true (GTK_IS_MULTI_SELECTION (selection));
  g_assert_true (gtk_grid_view_get_model (GTK_GRID_VIEW (grid)) == selection);
  gtk_widget_activate_action (grid, "list.select-item", "(ubb)", 0, TRUE, FALSE);
  gtk_widget_activate_action (grid, "list.select-item", "(ubb)", 2, TRUE, FALSE);
  selected = gtk_selection_model_get_selection (selection);
  g_assert_cmpuint (gtk_bitset_get_size (selected), ==, 2);
  g_assert_true (gtk_bitset_contains (selected, 0));
  g_assert_true (gtk_bitset_contains (selected, 2));
  crm_test_run_for (50);
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (
      crm_test_find_descendant (find_row (grid, "Person 02"), GTK_TYPE_CHECK_BUTTON))));
  g_assert_false (gtk_check_button_get_active (GTK_CHECK_BUTTON (
      crm_test_find_descendant (find_row (grid, "Person 01"), GTK_TYPE_CHECK_BUTTON))));
  crm_contacts_view_set_selection_mode (fixture->view, FALSE);
}

/* The rows (CrmContactRow) under @root, into @rows. */
static void
collect_contact_rows (GtkWidget *root, GPtrArray *rows)
{
  if (CRM_IS_CONTACT_ROW (root))
    g_ptr_array_add (rows, root);
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_contact_rows (child, rows);
}

/* A search that replaces the rows shown reuses the rows the list let go of rather than making
 * new ones (they are a search keystroke's main cost in GTK at a million contacts). The grid view
 * lets the old rows go once it has the new ones: those of one search serve the next. */
static void
test_contacts_rows_are_reused (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GPtrArray) first = g_ptr_array_new ();
  g_autoptr (GPtrArray) third = g_ptr_array_new ();
  GtkWidget *grid;

  for (int i = 0; i < 60; i++)
    {
      g_autofree char *name = g_strdup_printf ("Person %02d", i);

      insert_contact (fixture, name, NULL, 0);
    }
  for (int i = 0; i < 10; i++)
    {
      g_autofree char *yan = g_strdup_printf ("Yan %d", i);
      g_autofree char *zed = g_strdup_printf ("Zed %d", i);

      insert_contact (fixture, yan, NULL, 0);
      if (i < 3)
        insert_contact (fixture, zed, "zed@example.com", 0);
    }
  show_view (fixture);
  grid = find_list_view (GTK_WIDGET (fixture->view),
                         crm_contacts_view_get_selection_model (fixture->view));
  g_assert_nonnull (find_shown_row (fixture, "Person 00"));
  /* Yan and Zed come last: no row showed them yet. */
  g_assert_null (find_contact_row (grid, "Yan 0"));
  g_assert_null (find_contact_row (grid, "Zed 0"));
  collect_contact_rows (grid, first);
  g_assert_cmpuint (first->len, >, 10);
  /* Marked, rather than compared by address: a new row may take a freed one's memory. */
  for (guint i = 0; i < first->len; i++)
    g_object_set_data (g_ptr_array_index (first, i), "test-first-rows", GINT_TO_POINTER (TRUE));

  crm_contacts_view_set_search_text (fixture->view, "zed");
  g_assert_nonnull (find_shown_row (fixture, "Zed 2"));
  g_assert_null (find_contact_row (grid, "Person 00"));
  g_assert_cmpstr (crm_contact_row_get_detail (find_contact_row (grid, "Zed 1")), ==,
                   "zed@example.com");

  crm_contacts_view_set_search_text (fixture->view, "yan");
  g_assert_nonnull (find_shown_row (fixture, "Yan 9"));
  g_assert_null (find_contact_row (grid, "Zed 0"));
  collect_contact_rows (grid, third);
  g_assert_cmpuint (third->len, ==, 10);
  for (guint i = 0; i < third->len; i++)
    g_assert_nonnull (g_object_get_data (g_ptr_array_index (third, i), "test-first-rows"));
  g_assert_cmpstr (crm_contact_row_get_detail (find_contact_row (grid, "Yan 5")), ==, "");
}

static gboolean
leaflet_is_folded (gpointer data)
{
  return adw_leaflet_get_folded (data);
}

/* A company shown from elsewhere (a search in GNOME Shell): the companies list, and the
 * company's page, which in a narrow window is shown instead of the list. */
static void
test_contacts_show_company (Fixture *fixture, gconstpointer data)
{
  gint64 company = insert_company (fixture, "Initech");
  CrmEntity entity = CRM_ENTITY_CONTACT;
  AdwLeaflet *leaflet;

  insert_contact (fixture, "Peter Gibbons", NULL, company);
  show_view (fixture);
  leaflet = ADW_LEAFLET (crm_test_find_descendant (GTK_WIDGET (fixture->view), ADW_TYPE_LEAFLET));
  g_assert_nonnull (leaflet);
  gtk_window_set_default_size (fixture->window, 400, 700);
  crm_test_wait_for (leaflet_is_folded, leaflet, "the window to be narrow");
  g_assert_true (gtk_widget_is_ancestor (
      GTK_WIDGET (crm_test_find_descendant (GTK_WIDGET (fixture->view), GTK_TYPE_GRID_VIEW)),
      adw_leaflet_get_visible_child (leaflet)));

  crm_contacts_view_show_company (fixture->view, company);
  g_assert_true (crm_contacts_view_get_show_companies (fixture->view));
  g_assert_cmpint (
      crm_contact_detail_get_shown (crm_contacts_view_get_detail (fixture->view), &entity), ==,
      company);
  g_assert_cmpint (entity, ==, CRM_ENTITY_COMPANY);
  g_assert_true (gtk_widget_is_ancestor (GTK_WIDGET (crm_contacts_view_get_detail (fixture->view)),
                                         adw_leaflet_get_visible_child (leaflet)));
}

/* The status page over the list, found by its icon (the page's empty state is one too). */
static AdwStatusPage *
find_no_results (GtkWidget *widget)
{
  if (ADW_IS_STATUS_PAGE (widget)
      && g_strcmp0 (adw_status_page_get_icon_name (ADW_STATUS_PAGE (widget)), "edit-find-symbolic")
             == 0)
    return ADW_STATUS_PAGE (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      AdwStatusPage *found = find_no_results (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The title of the status page over the list once the change is complete, or NULL when it is
 * hidden. */
static const char *
no_results_title (Fixture *fixture)
{
  AdwStatusPage *page = find_no_results (GTK_WIDGET (fixture->view));

  g_assert_nonnull (page);
  crm_test_run_for (20);
  return gtk_widget_get_visible (GTK_WIDGET (page)) ? adw_status_page_get_title (page) : NULL;
}

/* A search or filter that finds nothing says so over the list; so does the companies list
 * with no company; and not when the list has rows. */
static void
test_contacts_no_results (Fixture *fixture, gconstpointer data)
{
  insert_contact (fixture, "Peter Gibbons", "peter@initech.example", 0);
  insert_contact (fixture, "Milton Waddams", NULL, 0);
  show_view (fixture);
  g_assert_null (no_results_title (fixture));
  crm_contacts_view_set_search_text (fixture->view, "zzz");
  g_assert_cmpstr (no_results_title (fixture), ==, "No Results Found");
  crm_contacts_view_set_search_text (fixture->view, "milt");
  g_assert_null (no_results_title (fixture));
  crm_contacts_view_set_search_text (fixture->view, "");
  g_assert_null (no_results_title (fixture));

  crm_contacts_view_set_show_companies (fixture->view, TRUE);
  g_assert_cmpstr (no_results_title (fixture), ==, "No Companies");
  insert_company (fixture, "Initech");
  g_assert_null (no_results_title (fixture));
  crm_contacts_view_set_search_text (fixture->view, "umbrella");
  g_assert_cmpstr (no_results_title (fixture), ==, "No Results Found");
  crm_contacts_view_set_show_companies (fixture->view, FALSE);
  g_assert_null (no_results_title (fixture));
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
  ADD_TEST ("/gui/contacts/filter-popover", test_contacts_filter_popover);
  ADD_TEST ("/gui/contacts/smart-lists", test_contacts_smart_lists);
  ADD_TEST ("/gui/contacts/bulk-lifecycle-and-undo", test_contacts_bulk_lifecycle);
  ADD_TEST ("/gui/contacts/sort-by-company", test_contacts_sort_by_company);
  ADD_TEST ("/gui/contacts/rows-show-names-literally", test_contacts_rows_show_names_literally);
  ADD_TEST ("/gui/contacts/list-is-one-column", test_contacts_list_is_one_column);
  ADD_TEST ("/gui/contacts/rows-are-reused", test_contacts_rows_are_reused);
  ADD_TEST ("/gui/contacts/no-results", test_contacts_no_results);
  ADD_TEST ("/gui/contacts/show-company", test_contacts_show_company);
#undef ADD_TEST

  return g_test_run ();
}

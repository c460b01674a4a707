/* test-merge-dialog.c — the merge dialog: both contacts shown literally (markup characters and
 * all), a flipped choice taken, the merge written and undone; the quick add's Merge; refusing
 * to merge a contact with itself. Runs under a virtual X display (see tests/meson.build). */
#include "config.h"

#include <glib/gstdio.h>

#include "crm-contact-editor.h"
#include "crm-gui-test-util.h"
#include "crm-merge-dialog.h"
#include "crm-test-util.h"

#define PAST ((gint64) 1700000000)
#define DAY ((gint64) 86400)
#define TRICKY_NAME "AT&T <Sales> \"Intl\""

typedef struct
{
  char *folder;
  CrmStore *store;
  CrmRepository *repository;
  CrmUndoManager *undo;
  gint64 first, second;
} Fixture;

static gint64
make_contact (Fixture *fixture, const char *name, const char *email, const char *phone, gint64 when)
{
  g_autoptr (CrmContactRecord) contact = crm_contact_record_new ();
  g_autoptr (CrmActivityRecord) activity = crm_activity_record_new ();
  g_autoptr (GError) error = NULL;

  contact->name = g_strdup (name);
  contact->email = g_strdup (email);
  contact->phone = g_strdup (phone);
  contact->notes = g_strdup_printf ("Notes of %s", name);
  contact->captured_at = contact->created_at = contact->updated_at = when;
  g_assert_true (crm_store_insert_contact (fixture->store, contact, &error));
  g_assert_no_error (error);

  activity->kind = CRM_ACTIVITY_CALL;
  activity->subject = g_strdup ("Call");
  activity->contact_id = contact->id;
  activity->occurred_at = when;
  g_assert_true (crm_store_insert_activity (fixture->store, activity, &error));
  g_assert_no_error (error);
  return contact->id;
}

static void
fixture_set_up (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = NULL;

  fixture->folder = g_dir_make_tmp ("rapport-merge-dialog-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (fixture->folder, "rapport.db", NULL);
  fixture->store = crm_store_open (path, &error);
  g_assert_no_error (error);
  fixture->repository = crm_repository_new (fixture->store);
  fixture->undo = crm_undo_manager_new (fixture->store);
  /* The first is captured first (so kept); the second was updated last (so its values win
   * where both have one). */
  fixture->first = make_contact (fixture, "Olivia Amrani", "olivia@example.com", NULL, PAST);
  fixture->second
      = make_contact (fixture, TRICKY_NAME, "sales@att.example", "+1 555 0100", PAST + DAY);
}

static void
fixture_tear_down (Fixture *fixture, gconstpointer data)
{
  g_clear_object (&fixture->undo);
  g_clear_object (&fixture->repository);
  g_clear_object (&fixture->store);
  crm_test_remove_tree (fixture->folder);
  g_free (fixture->folder);
}

/* The labels below @widget whose text is exactly @text. */
static void
collect_labels (GtkWidget *widget, const char *text, GPtrArray *found)
{
  if (GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0)
    g_ptr_array_add (found, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_labels (child, text, found);
}

static CrmContactRecord *
get_contact (Fixture *fixture, gint64 id)
{
  g_autoptr (GError) error = NULL;
  CrmContactRecord *contact = crm_store_get_contact (fixture->store, id, &error);

  g_assert_no_error (error);
  return contact;
}

static gboolean
contact_exists (Fixture *fixture, gint64 id)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CrmContactRecord) contact = crm_store_get_contact (fixture->store, id, &error);

  return contact != NULL;
}

static void
on_merged (CrmMergeDialog *dialog, gint64 kept_id, gpointer user_data)
{
  *(gint64 *) user_data = kept_id;
}

static void
test_flip_merge_undo (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) labels = g_ptr_array_new ();
  g_autoptr (CrmContactRecord) kept = NULL;
  g_autoptr (CrmContactRecord) first_back = NULL;
  g_autoptr (CrmContactRecord) second_back = NULL;
  CrmMergeDialog *dialog;
  GtkCheckButton *first_name, *second_name, *second_email;
  CrmContactLinks links;
  gint64 signalled = 0;
  gint64 kept_id;

  dialog = crm_merge_dialog_present (NULL, fixture->repository, fixture->undo, fixture->first,
                                     fixture->second);
  g_signal_connect (dialog, "merged", G_CALLBACK (on_merged), &signalled);
  crm_test_wait_for (crm_test_widget_is_mapped, dialog, "the merge dialog to be shown");

  /* The tricky name, literally, in the column heading and in the Name choice; never markup. */
  collect_labels (GTK_WIDGET (dialog), TRICKY_NAME, labels);
  g_assert_cmpuint (labels->len, >=, 2);
  for (guint i = 0; i < labels->len; i++)
    g_assert_false (gtk_label_get_use_markup (labels->pdata[i]));

  /* The proposal: the second was updated last, so its name and e-mail are chosen. */
  first_name = crm_merge_dialog_get_choice (dialog, CRM_MERGE_FIELD_NAME, FALSE);
  second_name = crm_merge_dialog_get_choice (dialog, CRM_MERGE_FIELD_NAME, TRUE);
  second_email = crm_merge_dialog_get_choice (dialog, CRM_MERGE_FIELD_EMAIL, TRUE);
  g_assert_nonnull (first_name);
  g_assert_true (gtk_check_button_get_active (second_name));
  g_assert_true (gtk_check_button_get_active (second_email));
  /* The country is empty on both: nothing to choose. */
  g_assert_null (crm_merge_dialog_get_choice (dialog, CRM_MERGE_FIELD_COUNTRY, FALSE));

  /* Flip the name to the first contact's, as a click would. */
  g_assert_true (gtk_widget_activate (GTK_WIDGET (first_name)));
  g_assert_true (gtk_check_button_get_active (first_name));
  g_assert_false (gtk_check_button_get_active (second_name));

  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  kept_id = crm_merge_dialog_merge (dialog, &error);
  g_assert_no_error (error);
  g_assert_cmpint (kept_id, ==, fixture->first);
  g_assert_cmpint (signalled, ==, fixture->first);
  crm_test_iterate_main_context ();
  g_assert_null (dialog); /* closed itself */

  kept = get_contact (fixture, fixture->first);
  g_assert_cmpstr (kept->name, ==, "Olivia Amrani");
  g_assert_cmpstr (kept->email, ==, "sales@att.example");
  g_assert_cmpstr (kept->phone, ==, "+1 555 0100");
  g_assert_cmpstr (kept->notes, ==, "Notes of Olivia Amrani\n\nNotes of " TRICKY_NAME);
  g_assert_false (contact_exists (fixture, fixture->second));
  g_assert_true (crm_store_count_contact_links (fixture->store, fixture->first, &links, &error));
  g_assert_cmpuint (links.n_activities, ==, 2);

  g_assert_true (crm_undo_manager_undo (fixture->undo, &error));
  g_assert_no_error (error);
  first_back = get_contact (fixture, fixture->first);
  second_back = get_contact (fixture, fixture->second);
  g_assert_cmpstr (first_back->email, ==, "olivia@example.com");
  g_assert_null (first_back->phone);
  g_assert_cmpstr (second_back->name, ==, TRICKY_NAME);
  g_assert_true (crm_store_count_contact_links (fixture->store, fixture->first, &links, &error));
  g_assert_cmpuint (links.n_activities, ==, 1);
  g_assert_true (crm_store_count_contact_links (fixture->store, fixture->second, &links, &error));
  g_assert_cmpuint (links.n_activities, ==, 1);
}

static void
test_refuses_itself (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) labels = g_ptr_array_new ();
  CrmMergeDialog *dialog = crm_merge_dialog_present (NULL, fixture->repository, fixture->undo,
                                                     fixture->first, fixture->first);
  gint64 last_change = crm_store_get_last_change_id (fixture->store);

  crm_test_wait_for (crm_test_widget_is_mapped, dialog, "the merge dialog to be shown");
  collect_labels (GTK_WIDGET (dialog),
                  "A contact cannot be merged with itself: choose two contacts", labels);
  g_assert_cmpuint (labels->len, ==, 1);
  g_assert_true (gtk_widget_get_visible (labels->pdata[0]));
  g_assert_null (crm_merge_dialog_get_choice (dialog, CRM_MERGE_FIELD_NAME, FALSE));

  g_assert_cmpint (crm_merge_dialog_merge (dialog, &error), ==, 0);
  g_assert_nonnull (error);
  g_assert_cmpint (crm_store_get_last_change_id (fixture->store), ==, last_change);
  g_assert_false (crm_undo_manager_get_can_undo (fixture->undo));
  gtk_window_destroy (GTK_WINDOW (dialog));
}

/* The quick add finds the likely duplicate (same e-mail); Merge… puts the typed phone into it
 * instead of adding a second contact. */
static CrmMergeDialog *
find_merge_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels (); /* owned by GTK */

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr (GObject) window = g_list_model_get_item (toplevels, i);
      if (CRM_IS_MERGE_DIALOG (window))
        return CRM_MERGE_DIALOG (window);
    }
  return NULL;
}

static void
on_open_contact (CrmContactEditor *editor, gint64 id, gpointer user_data)
{
  *(gint64 *) user_data = id;
}

static void
test_quick_add_merge (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CrmContactRecord) existing = NULL;
  CrmContactEditor *editor = crm_contact_editor_new (NULL, fixture->repository, fixture->undo);
  CrmMergeDialog *dialog;
  gint64 n_contacts = crm_store_count (fixture->store, CRM_ENTITY_CONTACT, NULL);
  gint64 opened = 0;

  g_signal_connect (editor, "open-contact", G_CALLBACK (on_open_contact), &opened);
  gtk_window_present (GTK_WINDOW (editor));
  crm_test_iterate_main_context ();
  crm_contact_editor_set_fields (editor, "Olivia A.", "olivia@example.com", "+33 1 23 45 67 89");
  g_assert_cmpint (crm_contact_editor_add (editor, &error), ==, 0);
  g_assert_no_error (error);
  g_assert_cmpint (crm_contact_editor_get_duplicate_id (editor), ==, fixture->first);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.merge", NULL));
  dialog = find_merge_dialog ();
  g_assert_nonnull (dialog);
  crm_test_wait_for (crm_test_widget_is_mapped, dialog, "the merge dialog to be shown");
  /* Where both have a value the stored one is proposed; an entry's default lifecycle stage is
   * no choice. */
  g_assert_true (gtk_check_button_get_active (
      crm_merge_dialog_get_choice (dialog, CRM_MERGE_FIELD_NAME, FALSE)));
  g_assert_null (crm_merge_dialog_get_choice (dialog, CRM_MERGE_FIELD_LIFECYCLE, TRUE));
  /* The typed phone fills an empty field: chosen by the proposal. */
  g_assert_true (gtk_check_button_get_active (
      crm_merge_dialog_get_choice (dialog, CRM_MERGE_FIELD_PHONE, TRUE)));
  g_assert_cmpint (crm_merge_dialog_merge (dialog, &error), ==, fixture->first);
  g_assert_no_error (error);
  crm_test_iterate_main_context ();

  g_assert_cmpint (opened, ==, fixture->first);
  g_assert_cmpint (crm_store_count (fixture->store, CRM_ENTITY_CONTACT, NULL), ==, n_contacts);
  existing = get_contact (fixture, fixture->first);
  g_assert_cmpstr (existing->phone, ==, "+33 1 23 45 67 89");
  g_assert_cmpstr (existing->name, ==, "Olivia Amrani");
  g_assert_true (crm_undo_manager_get_can_undo (fixture->undo));
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
  ADD_TEST ("/gui/merge-dialog/flip-merge-undo", test_flip_merge_undo);
  ADD_TEST ("/gui/merge-dialog/refuses-itself", test_refuses_itself);
  ADD_TEST ("/gui/merge-dialog/quick-add-merge", test_quick_add_merge);

  return g_test_run ();
}

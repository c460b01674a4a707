/* test-contact-detail.c — the contact and company detail pane: edits saved to the store and
 * undone, bad input refused with its message, names like `AT&T <Sales> "Intl"` shown
 * literally everywhere, the company's people and won revenue, logging an activity and adding
 * a feedback answer from the pane, and going to the company and back.
 * Runs under a virtual X display with the memory GSettings backend (see tests/meson.build). */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "crm-activity-editor.h"
#include "crm-board-money.h"
#include "crm-contact-actions.h"
#include "crm-contact-detail.h"
#include "crm-deal-editor.h"
#include "crm-feedback-editor.h"
#include "crm-gui-test-util.h"
#include "crm-test-util.h"

#define HOSTILE "AT&T <Sales> \"Intl\""

typedef struct
{
  char *folder;
  CrmStore *store;
  CrmRepository *repository;
  CrmUndoManager *undo;
  GArray *stage_ids;
  GtkWindow *window;
  CrmContactDetail *detail;
} Fixture;

static void
fixture_set_up (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = NULL;

  fixture->folder = g_dir_make_tmp ("rapport-detail-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (fixture->folder, "rapport.db", NULL);
  fixture->store = crm_store_open (path, &error);
  g_assert_no_error (error);
  fixture->repository = crm_repository_new (fixture->store);
  fixture->undo = crm_undo_manager_new (fixture->store);
  fixture->stage_ids = crm_test_list_default_stage_ids (fixture->store);

  fixture->window = GTK_WINDOW (gtk_window_new ());
  fixture->detail
      = CRM_CONTACT_DETAIL (crm_contact_detail_new (fixture->repository, fixture->undo));
  gtk_window_set_child (fixture->window, GTK_WIDGET (fixture->detail));
  gtk_window_set_default_size (fixture->window, 800, 900);
  gtk_window_present (fixture->window);
  crm_test_wait_for (crm_test_widget_is_mapped, fixture->window, "the window to be mapped");
}

static void
fixture_tear_down (Fixture *fixture, gconstpointer data)
{
  gtk_window_destroy (fixture->window);
  crm_test_iterate_main_context ();
  g_clear_object (&fixture->undo);
  g_clear_object (&fixture->repository);
  g_clear_object (&fixture->store);
  g_array_unref (fixture->stage_ids);
  crm_test_remove_tree (fixture->folder);
  g_free (fixture->folder);
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
insert_contact (Fixture *fixture, const char *name, gint64 company_id)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CrmContactRecord) contact = crm_contact_record_new ();

  contact->name = g_strdup (name);
  contact->company_id = company_id;
  g_assert_true (crm_store_insert_contact (fixture->store, contact, &error));
  g_assert_no_error (error);
  return contact->id;
}

static gint64
insert_deal (Fixture *fixture,
             const char *title,
             gint64 contact_id,
             gint64 company_id,
             gint64 value_minor,
             const char *currency,
             guint stage_index)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CrmDealRecord) deal = crm_deal_record_new ();

  deal->title = g_strdup (title);
  deal->contact_id = contact_id;
  deal->company_id = company_id;
  deal->value_minor = value_minor;
  deal->currency = g_strdup (currency);
  deal->stage_id = g_array_index (fixture->stage_ids, gint64, stage_index);
  g_assert_true (crm_store_insert_deal (fixture->store, deal, &error));
  g_assert_no_error (error);
  return deal->id;
}

static CrmContactRecord *
get_contact (Fixture *fixture, gint64 id)
{
  g_autoptr (GError) error = NULL;
  CrmContactRecord *contact = crm_store_get_contact (fixture->store, id, &error);

  g_assert_no_error (error);
  return contact;
}

static void
type_into (Fixture *fixture, const char *row, const char *text)
{
  GtkWidget *widget = crm_contact_detail_get_field_widget (fixture->detail, row);

  g_assert_true (ADW_IS_ENTRY_ROW (widget));
  gtk_editable_set_text (GTK_EDITABLE (widget), text);
}

/* Enter in the row (its apply). */
static void
apply (Fixture *fixture, const char *row)
{
  g_signal_emit_by_name (crm_contact_detail_get_field_widget (fixture->detail, row), "apply");
}

/* Every mapped label under @widget showing text that contains @needle. */
static void
collect_labels (GtkWidget *widget, const char *needle, GPtrArray *found)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget)
      && strstr (gtk_label_get_label (GTK_LABEL (widget)), needle) != NULL)
    g_ptr_array_add (found, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_labels (child, needle, found);
}

/* The labels that show @text: each shows it as written, never parsed as markup. */
static guint
count_literal_labels (Fixture *fixture, const char *text)
{
  g_autoptr (GPtrArray) labels = g_ptr_array_new ();
  guint exact = 0;

  collect_labels (GTK_WIDGET (fixture->detail), "AT&T", labels);
  for (guint i = 0; i < labels->len; i++)
    {
      GtkLabel *label = labels->pdata[i];

      g_assert_false (gtk_label_get_use_markup (label));
      g_assert_cmpstr (gtk_label_get_text (label), ==, gtk_label_get_label (label));
      g_assert_nonnull (strstr (gtk_label_get_text (label), text));
      if (g_str_equal (gtk_label_get_text (label), text))
        exact++;
    }
  return exact;
}

static gboolean
timeline_has_rows (gpointer data)
{
  Fixture *fixture = data;
  CrmTimelineModel *model
      = crm_timeline_list_get_model (crm_contact_detail_get_timeline (fixture->detail));

  return model != NULL
         && g_list_model_get_n_items (G_LIST_MODEL (model))
                == GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (fixture->window), "want"));
}

static void
wait_for_timeline_rows (Fixture *fixture, guint n)
{
  g_object_set_data (G_OBJECT (fixture->window), "want", GUINT_TO_POINTER (n));
  crm_test_wait_for (timeline_has_rows, fixture, "the timeline's rows");
}

/* Ctrl+Z as the pane's key controller gets it; whether it was taken. */
static gboolean
press_ctrl_z (Fixture *fixture)
{
  g_autoptr (GListModel) controllers
      = gtk_widget_observe_controllers (GTK_WIDGET (fixture->detail));
  gboolean handled = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr (GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_KEY (controller))
        g_signal_emit_by_name (controller, "key-pressed", GDK_KEY_z, 0, GDK_CONTROL_MASK, &handled);
    }
  return handled;
}

/* ---- Tests ---------------------------------------------------------------------------------- */

/* An edit is saved to the store as it is applied, and undo puts the old value back (in the
 * store and on screen); a combo saves when chosen. What the user is typing stays while the
 * store changes another field. */
static void
test_detail_edit_and_undo (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  gint64 id = insert_contact (fixture, "Grace Hopper", 0);
  g_autoptr (CrmContactRecord) contact = NULL;

  g_assert_true (crm_contact_detail_show_contact (fixture->detail, id));
  g_assert_cmpstr (crm_contact_detail_get_text (fixture->detail, "name"), ==, "Grace Hopper");
  g_assert_null (crm_contact_detail_get_text (fixture->detail, "email"));
  g_assert_cmpstr (crm_contact_detail_get_text (fixture->detail, "lifecycle"), ==, "Lead");
  g_assert_cmpstr (crm_contact_detail_get_text (fixture->detail, "last-contacted"), ==, "Never");

  type_into (fixture, "email", " grace@navy.example ");
  apply (fixture, "email");
  contact = get_contact (fixture, id);
  g_assert_cmpstr (contact->email, ==, "grace@navy.example");
  g_clear_pointer (&contact, crm_contact_record_free);
  g_assert_cmpstr (crm_undo_manager_get_undo_label (fixture->undo), ==,
                   "Changed the e-mail of “Grace Hopper”");

  adw_combo_row_set_selected (
      ADW_COMBO_ROW (crm_contact_detail_get_field_widget (fixture->detail, "lifecycle")),
      CRM_LIFECYCLE_CUSTOMER);
  contact = get_contact (fixture, id);
  g_assert_cmpint (contact->lifecycle, ==, CRM_LIFECYCLE_CUSTOMER);
  g_clear_pointer (&contact, crm_contact_record_free);

  /* BANT: a yes adds its points to the score shown (and stored). */
  adw_combo_row_set_selected (
      ADW_COMBO_ROW (crm_contact_detail_get_field_widget (fixture->detail, "bant-need")),
      CRM_BANT_YES);
  contact = get_contact (fixture, id);
  g_assert_cmpint (contact->bant_need, ==, CRM_BANT_YES);
  g_assert_cmpint (contact->score, ==, 10);
  g_clear_pointer (&contact, crm_contact_record_free);
  g_assert_cmpstr (crm_contact_detail_get_text (fixture->detail, "score"), ==, "10 of 100");

  /* Undo, newest first: the need, the stage, then the e-mail. */
  g_assert_true (crm_undo_manager_undo (fixture->undo, &error));
  g_assert_cmpstr (crm_contact_detail_get_text (fixture->detail, "bant-need"), ==, "Unknown");
  g_assert_true (crm_undo_manager_undo (fixture->undo, &error));
  g_assert_cmpstr (crm_contact_detail_get_text (fixture->detail, "lifecycle"), ==, "Lead");
  g_assert_true (crm_undo_manager_undo (fixture->undo, &error));
  g_assert_no_error (error);
  contact = get_contact (fixture, id);
  g_assert_null (contact->email);
  g_assert_cmpint (contact->lifecycle, ==, CRM_LIFECYCLE_LEAD);
  g_assert_cmpint (contact->score, ==, 0);
  g_clear_pointer (&contact, crm_contact_record_free);
  g_assert_null (crm_contact_detail_get_text (fixture->detail, "email"));

  /* Leaving a field saves it; Ctrl+Z in the field just saved undoes the save, while in a
   * field with unsaved typing it is the field's own undo. */
  gtk_widget_grab_focus (crm_contact_detail_get_field_widget (fixture->detail, "country"));
  type_into (fixture, "country", "United States");
  gtk_widget_grab_focus (crm_contact_detail_get_field_widget (fixture->detail, "owner"));
  crm_test_iterate_main_context ();
  contact = get_contact (fixture, id);
  g_assert_cmpstr (contact->country, ==, "United States");
  g_clear_pointer (&contact, crm_contact_record_free);
  type_into (fixture, "owner", "Ada");
  g_assert_false (press_ctrl_z (fixture));
  type_into (fixture, "owner", "");
  g_assert_true (press_ctrl_z (fixture));
  contact = get_contact (fixture, id);
  g_assert_null (contact->country);
  g_clear_pointer (&contact, crm_contact_record_free);
  g_assert_null (crm_contact_detail_get_text (fixture->detail, "country"));

  /* Typing in the job title (not applied) while another program changes the phone. */
  type_into (fixture, "job-title", "Rear Admiral");
  contact = get_contact (fixture, id);
  contact->phone = g_strdup ("+1 555 0100");
  g_assert_true (crm_store_update_contact (fixture->store, contact, &error));
  g_clear_pointer (&contact, crm_contact_record_free);
  g_assert_cmpstr (crm_contact_detail_get_text (fixture->detail, "phone"), ==, "+1 555 0100");
  g_assert_cmpstr (crm_contact_detail_get_text (fixture->detail, "job-title"), ==, "Rear Admiral");
  g_assert_true (crm_contact_detail_commit (fixture->detail, "job-title"));
  contact = get_contact (fixture, id);
  g_assert_cmpstr (contact->title, ==, "Rear Admiral");
  g_assert_cmpstr (contact->phone, ==, "+1 555 0100");
}

/* A name cannot become empty, nor an e-mail address a sentence: the message says so, the row
 * is marked, nothing is written; a good value afterwards clears the message. */
static void
test_detail_refuses_bad_input (Fixture *fixture, gconstpointer data)
{
  gint64 id = insert_contact (fixture, "Grace Hopper", 0);
  gint64 last_change = crm_store_get_last_change_id (fixture->store);
  g_autoptr (CrmContactRecord) contact = NULL;
  GtkWidget *name_row;

  g_assert_true (crm_contact_detail_show_contact (fixture->detail, id));
  name_row = crm_contact_detail_get_field_widget (fixture->detail, "name");
  type_into (fixture, "name", "   ");
  g_assert_false (crm_contact_detail_commit (fixture->detail, "name"));
  g_assert_cmpstr (crm_contact_detail_get_problem (fixture->detail), ==, "A contact needs a name");
  g_assert_true (gtk_widget_has_css_class (name_row, "error"));
  {
    g_autoptr (GPtrArray) shown = g_ptr_array_new ();

    /* The message is on screen. */
    collect_labels (GTK_WIDGET (fixture->detail), "A contact needs a name", shown);
    g_assert_cmpuint (shown->len, ==, 1);
  }

  type_into (fixture, "email", "grace at the navy");
  g_assert_false (crm_contact_detail_commit (fixture->detail, "email"));
  g_assert_cmpstr (crm_contact_detail_get_problem (fixture->detail), ==,
                   "That does not look like an e-mail address");
  g_assert_cmpint (crm_store_get_last_change_id (fixture->store), ==, last_change);
  g_assert_false (crm_undo_manager_get_can_undo (fixture->undo));
  contact = get_contact (fixture, id);
  g_assert_cmpstr (contact->name, ==, "Grace Hopper");
  g_assert_null (contact->email);

  type_into (fixture, "name", "Grace Brewster Hopper");
  g_assert_true (crm_contact_detail_commit (fixture->detail, "name"));
  g_assert_null (crm_contact_detail_get_problem (fixture->detail));
  g_assert_false (gtk_widget_has_css_class (name_row, "error"));
}

/* `AT&T <Sales> "Intl"` as a contact's name, its company, a tag and an activity's subject,
 * and on the company's page: every label shows it as written. */
static void
test_detail_literal_text (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CrmActivityRecord) activity = crm_activity_record_new ();
  gint64 company = insert_company (fixture, HOSTILE);
  gint64 id = insert_contact (fixture, HOSTILE, company);

  activity->kind = CRM_ACTIVITY_CALL;
  activity->subject = g_strdup (HOSTILE);
  activity->contact_id = id;
  activity->occurred_at = g_get_real_time () / G_USEC_PER_SEC - 60;
  g_assert_cmpint (crm_contact_actions_log_activity (fixture->undo, NULL, activity, &error), >, 0);
  g_assert_true (crm_contact_detail_show_contact (fixture->detail, id));
  g_assert_true (crm_contact_detail_add_tag (fixture->detail, HOSTILE, &error));
  g_assert_no_error (error);
  crm_test_iterate_main_context ();

  g_assert_cmpstr (crm_contact_detail_get_text (fixture->detail, "company"), ==, HOSTILE);
  g_assert_cmpstr (
      crm_timeline_list_get_row_title (crm_contact_detail_get_timeline (fixture->detail), 0), ==,
      HOSTILE);
  /* The name over the page, the company under it, the tag and the timeline's call. */
  g_assert_cmpuint (count_literal_labels (fixture, HOSTILE), >=, 4);

  g_assert_true (crm_contact_detail_show_company (fixture->detail, company));
  crm_test_iterate_main_context ();
  g_assert_cmpstr (crm_contact_detail_get_text (fixture->detail, "name"), ==, HOSTILE);
  /* Its name over the page, the person, the call in its timeline. */
  g_assert_cmpuint (count_literal_labels (fixture, HOSTILE), >=, 3);
}

/* A company's page: how many people, the won revenue per currency (lost and open deals and
 * other companies' not counted), an edit with undo, and a person opening the contact. */
static void
test_detail_company (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CrmCompanyRecord) record = NULL;
  guint won = fixture->stage_ids->len - 2;
  guint lost = fixture->stage_ids->len - 1;
  gint64 company = insert_company (fixture, "Initech");
  gint64 other = insert_company (fixture, "Globex");
  gint64 peter = insert_contact (fixture, "Peter Gibbons", company);
  g_autofree char *euros = crm_money_format (150000, "EUR");
  g_autofree char *dollars = crm_money_format (5050, "USD");
  g_autofree char *expected = g_strdup_printf ("%s, %s", euros, dollars);

  insert_contact (fixture, "Milton Waddams", company);
  insert_contact (fixture, "Hank Scorpio", other);
  insert_deal (fixture, "Licences", 0, company, 100000, "EUR", won);
  insert_deal (fixture, "Support", peter, 0, 50000, "EUR", won);
  insert_deal (fixture, "Stapler", peter, company, 5050, "USD", won);
  insert_deal (fixture, "Lost one", peter, company, 999900, "EUR", lost);
  insert_deal (fixture, "Open one", peter, company, 777700, "EUR", 0);
  insert_deal (fixture, "Elsewhere", 0, other, 123400, "EUR", won);

  g_assert_true (crm_contact_detail_show_company (fixture->detail, company));
  g_assert_cmpstr (crm_contact_detail_get_text (fixture->detail, "people"), ==, "2 people");
  g_assert_cmpstr (crm_contact_detail_get_text (fixture->detail, "won-revenue"), ==, expected);

  /* A deal won elsewhere on the board shows at once. */
  insert_deal (fixture, "Another", 0, company, 100, "EUR", won);
  crm_test_iterate_main_context ();
  g_clear_pointer (&euros, g_free);
  g_clear_pointer (&expected, g_free);
  euros = crm_money_format (150100, "EUR");
  expected = g_strdup_printf ("%s, %s", euros, dollars);
  g_assert_cmpstr (crm_contact_detail_get_text (fixture->detail, "won-revenue"), ==, expected);

  type_into (fixture, "industry", "Software");
  apply (fixture, "industry");
  record = crm_store_get_company (fixture->store, company, &error);
  g_assert_cmpstr (record->industry, ==, "Software");
  g_clear_pointer (&record, crm_company_record_free);
  type_into (fixture, "name", "");
  g_assert_false (crm_contact_detail_commit (fixture->detail, "name"));
  g_assert_cmpstr (crm_contact_detail_get_problem (fixture->detail), ==, "A company needs a name");
  g_assert_true (crm_undo_manager_undo (fixture->undo, &error));
  record = crm_store_get_company (fixture->store, company, &error);
  g_assert_null (record->industry);
  g_assert_cmpstr (record->name, ==, "Initech");
}

/* From a contact to its company (the button in the company row) and back. */
static void
test_detail_navigation (Fixture *fixture, gconstpointer data)
{
  gint64 company = insert_company (fixture, "Initech");
  gint64 peter = insert_contact (fixture, "Peter Gibbons", company);
  CrmEntity entity;
  GtkWidget *company_row;
  GtkWidget *open = NULL;

  g_assert_true (crm_contact_detail_show_contact (fixture->detail, peter));
  company_row = crm_contact_detail_get_field_widget (fixture->detail, "company");
  /* The row's own apply button is hidden; the open button is the one named so. */
  {
    g_autoptr (GPtrArray) stack = g_ptr_array_new ();

    g_ptr_array_add (stack, company_row);
    while (stack->len > 0)
      {
        GtkWidget *widget = g_ptr_array_steal_index (stack, stack->len - 1);

        if (GTK_IS_BUTTON (widget) && gtk_widget_get_mapped (widget)
            && g_strcmp0 (gtk_widget_get_tooltip_text (widget), "Open the Company") == 0)
          open = widget;
        for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
             child = gtk_widget_get_next_sibling (child))
          g_ptr_array_add (stack, child);
      }
  }
  g_assert_nonnull (open);
  g_signal_emit_by_name (open, "clicked");
  g_assert_cmpint (crm_contact_detail_get_shown (fixture->detail, &entity), ==, company);
  g_assert_cmpint (entity, ==, CRM_ENTITY_COMPANY);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->detail), "contact.back", NULL));
  g_assert_cmpint (crm_contact_detail_get_shown (fixture->detail, &entity), ==, peter);
  g_assert_cmpint (entity, ==, CRM_ENTITY_CONTACT);
  g_assert_false (crm_contact_detail_go_back (fixture->detail));
}

/* Log Activity from the pane: bad input refused in the dialog; a call logged shows at the top
 * of the timeline and as the last contact; undo takes both back. An NPS answer added from
 * the pane shows in its list and on the timeline. */
static void
test_detail_log_activity (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  gint64 id = insert_contact (fixture, "Grace Hopper", 0);
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  GtkWindow *window;
  gint64 logged;

  g_assert_true (crm_contact_detail_show_contact (fixture->detail, id));
  wait_for_timeline_rows (fixture, 0);

  window = crm_contact_detail_log_activity (fixture->detail);
  g_assert_true (CRM_IS_ACTIVITY_EDITOR (window));
  crm_activity_editor_set_fields (CRM_ACTIVITY_EDITOR (window), CRM_ACTIVITY_CALL, "", "", NULL,
                                  NULL);
  g_assert_cmpint (crm_activity_editor_save (CRM_ACTIVITY_EDITOR (window), &error), ==, 0);
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID);
  g_clear_error (&error);
  crm_activity_editor_set_fields (CRM_ACTIVITY_EDITOR (window), CRM_ACTIVITY_CALL, HOSTILE, NULL,
                                  "2024-13-40", NULL);
  g_assert_cmpint (crm_activity_editor_save (CRM_ACTIVITY_EDITOR (window), &error), ==, 0);
  g_clear_error (&error);
  g_assert_cmpint (crm_store_count (fixture->store, CRM_ENTITY_ACTIVITY, NULL), ==, 0);

  crm_activity_editor_set_fields (CRM_ACTIVITY_EDITOR (window), CRM_ACTIVITY_CALL, HOSTILE,
                                  "Asked about the renewal", today, "00:00");
  logged = crm_activity_editor_save (CRM_ACTIVITY_EDITOR (window), &error);
  g_assert_no_error (error);
  g_assert_cmpint (logged, >, 0);
  gtk_window_destroy (window);
  wait_for_timeline_rows (fixture, 1);
  g_assert_cmpstr (
      crm_timeline_list_get_row_title (crm_contact_detail_get_timeline (fixture->detail), 0), ==,
      HOSTILE);
  g_assert_cmpstr (crm_contact_detail_get_text (fixture->detail, "last-contacted"), !=, "Never");

  g_assert_true (crm_undo_manager_undo (fixture->undo, &error));
  wait_for_timeline_rows (fixture, 0);
  g_assert_cmpstr (crm_contact_detail_get_text (fixture->detail, "last-contacted"), ==, "Never");

  window = crm_contact_detail_add_answer (fixture->detail);
  g_assert_true (CRM_IS_FEEDBACK_EDITOR (window));
  crm_feedback_editor_set_fields (CRM_FEEDBACK_EDITOR (window), CRM_FEEDBACK_NPS, 9, "Great",
                                  "nope");
  g_assert_false (crm_feedback_editor_save (CRM_FEEDBACK_EDITOR (window), &error));
  g_clear_error (&error);
  crm_feedback_editor_set_fields (CRM_FEEDBACK_EDITOR (window), CRM_FEEDBACK_NPS, 9, "Great",
                                  "2024-03-03");
  g_assert_true (crm_feedback_editor_save (CRM_FEEDBACK_EDITOR (window), &error));
  g_assert_no_error (error);
  gtk_window_destroy (window);
  wait_for_timeline_rows (fixture, 1);
  g_assert_cmpstr (
      crm_timeline_list_get_row_title (crm_contact_detail_get_timeline (fixture->detail), 0), ==,
      "NPS answer: 9 of 10");
}

static GtkWindow *
find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels (); /* owned by GTK */

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr (GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type))
        return window;
    }
  return NULL;
}

static gboolean
list_has_one_row (gpointer data)
{
  CrmTimelineModel *model = crm_timeline_list_get_model (data);

  return g_list_model_get_n_items (G_LIST_MODEL (model)) == 2;
}

/* The deal editor lists the deal's recent timeline and logs an activity for the deal (with its
 * contact). */
static void
test_detail_log_from_deal_editor (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  gint64 contact = insert_contact (fixture, "Grace Hopper", 0);
  gint64 deal_id = insert_deal (fixture, "Compiler licence", contact, 0, 100000, "EUR", 0);
  g_autoptr (CrmDeal) deal
      = crm_repository_get_object (fixture->repository, CRM_ENTITY_DEAL, deal_id, &error);
  CrmDealEditor *editor
      = crm_deal_editor_new (fixture->window, fixture->repository, fixture->undo, 0, deal);
  CrmTimelineList *list;
  GtkWindow *activity_editor;
  g_autoptr (CrmActivityRecord) logged = NULL;
  g_autoptr (GPtrArray) activities = NULL;

  gtk_window_present (GTK_WINDOW (editor));
  list = CRM_TIMELINE_LIST (crm_test_find_descendant (GTK_WIDGET (editor), CRM_TYPE_TIMELINE_LIST));
  g_assert_nonnull (list);
  /* The deal's creation. */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (crm_timeline_list_get_model (list))),
                    ==, 1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.log-activity", NULL));
  activity_editor = find_toplevel (CRM_TYPE_ACTIVITY_EDITOR);
  g_assert_nonnull (activity_editor);
  crm_activity_editor_set_fields (CRM_ACTIVITY_EDITOR (activity_editor), CRM_ACTIVITY_TASK,
                                  "Send the contract", NULL, NULL, NULL);
  crm_activity_editor_set_due (CRM_ACTIVITY_EDITOR (activity_editor), "2030-01-02", "09:30", FALSE);
  g_assert_cmpint (crm_activity_editor_save (CRM_ACTIVITY_EDITOR (activity_editor), &error), >, 0);
  g_assert_no_error (error);
  gtk_window_destroy (activity_editor);
  crm_test_wait_for (list_has_one_row, list, "the logged task in the deal editor");
  /* Both in the same second, maybe: then the deal's creation comes first (kind order). */
  g_assert_true (g_strcmp0 (crm_timeline_list_get_row_title (list, 0), "Send the contract") == 0
                 || g_strcmp0 (crm_timeline_list_get_row_title (list, 1), "Send the contract")
                        == 0);

  activities = crm_store_list_activities_for_deal (fixture->store, deal_id, &error);
  g_assert_cmpuint (activities->len, ==, 1);
  logged = crm_activity_record_copy (activities->pdata[0]);
  g_assert_cmpint (logged->kind, ==, CRM_ACTIVITY_TASK);
  g_assert_cmpint (logged->contact_id, ==, contact);
  g_assert_cmpint (logged->due_at, >, 0);
  g_assert_false (logged->done);
  gtk_window_destroy (GTK_WINDOW (editor));
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
  ADD_TEST ("/gui/contact-detail/edit-and-undo", test_detail_edit_and_undo);
  ADD_TEST ("/gui/contact-detail/refuses-bad-input", test_detail_refuses_bad_input);
  ADD_TEST ("/gui/contact-detail/literal-text", test_detail_literal_text);
  ADD_TEST ("/gui/contact-detail/company", test_detail_company);
  ADD_TEST ("/gui/contact-detail/navigation", test_detail_navigation);
  ADD_TEST ("/gui/contact-detail/log-activity", test_detail_log_activity);
  ADD_TEST ("/gui/contact-detail/log-from-deal-editor", test_detail_log_from_deal_editor);
#undef ADD_TEST

  return g_test_run ();
}

/* test-deal-editor.c — the deal editor: creating and editing deals, validation that writes
 * nothing, user text shown and stored literally, and delete with undo.
 * Runs under a virtual X display with the memory GSettings backend (see tests/meson.build). */
#include "config.h"

#include <glib/gstdio.h>

#include "crm-deal-editor.h"
#include "crm-test-util.h"
#include "crm-gui-test-util.h"

typedef struct
{
  char *folder;
  CrmStore *store;
  CrmRepository *repository;
  CrmUndoManager *undo;
  GArray *stage_ids;
  gint64 pipeline_id;
} Fixture;

static void
fixture_set_up (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = NULL;
  g_autoptr (GPtrArray) pipelines = NULL;

  fixture->folder = g_dir_make_tmp ("rapport-editor-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (fixture->folder, "rapport.db", NULL);
  fixture->store = crm_store_open (path, &error);
  g_assert_no_error (error);
  fixture->repository = crm_repository_new (fixture->store);
  fixture->undo = crm_undo_manager_new (fixture->store);
  fixture->stage_ids = crm_test_list_default_stage_ids (fixture->store);
  pipelines = crm_store_list_pipelines (fixture->store, &error);
  fixture->pipeline_id = ((CrmPipelineRecord *) pipelines->pdata[0])->id;
}

static void
fixture_tear_down (Fixture *fixture, gconstpointer data)
{
  g_clear_object (&fixture->undo);
  g_clear_object (&fixture->repository);
  g_clear_object (&fixture->store);
  crm_test_remove_tree (fixture->folder);
  g_free (fixture->folder);
  g_array_unref (fixture->stage_ids);
}

static gpointer
child (CrmDealEditor *editor, const char *name)
{
  GObject *object = gtk_widget_get_template_child (GTK_WIDGET (editor), CRM_TYPE_DEAL_EDITOR, name);
  g_assert_nonnull (object);
  return object;
}

static void
set_text (CrmDealEditor *editor, const char *row, const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (child (editor, row)), text);
}

static void
test_parse_value (void)
{
  gint64 value = -1;

  g_assert_true (crm_deal_editor_parse_value ("1250", "EUR", &value));
  g_assert_cmpint (value, ==, 125000);
  g_assert_true (crm_deal_editor_parse_value ("1,250.50", "EUR", &value));
  g_assert_cmpint (value, ==, 125050);
  g_assert_true (crm_deal_editor_parse_value ("1 250,5", "EUR", &value));
  g_assert_cmpint (value, ==, 125050);
  g_assert_true (crm_deal_editor_parse_value ("1.250.000", "EUR", &value));
  g_assert_cmpint (value, ==, 125000000);
  g_assert_true (crm_deal_editor_parse_value ("1500", "JPY", &value));
  g_assert_cmpint (value, ==, 1500);
  g_assert_true (crm_deal_editor_parse_value ("0.001", "BHD", &value));
  g_assert_cmpint (value, ==, 1);
  g_assert_false (crm_deal_editor_parse_value ("", "EUR", &value));
  g_assert_false (crm_deal_editor_parse_value ("-5", "EUR", &value));
  g_assert_false (crm_deal_editor_parse_value ("12x", "EUR", &value));
  g_assert_false (crm_deal_editor_parse_value ("1.2.3,4.5", "EUR", &value));
  g_assert_false (crm_deal_editor_parse_value ("99999999999999999999", "EUR", &value));
}

static void
test_create_deal (Fixture *fixture, gconstpointer data)
{
  const char *title = "Q3 <renewal> & \"upsell\"";
  g_autoptr (GError) error = NULL;
  g_autoptr (CrmContactRecord) contact = crm_contact_record_new ();
  g_autoptr (CrmDealRecord) deal = NULL;
  CrmDealEditor *editor;
  gint64 id;

  contact->name = g_strdup ("Ada Lovelace");
  g_assert_true (crm_store_insert_contact (fixture->store, contact, &error));

  editor
      = crm_deal_editor_new (NULL, fixture->repository, fixture->undo, fixture->pipeline_id, NULL);
  gtk_window_present (GTK_WINDOW (editor));
  crm_test_iterate_main_context ();
  set_text (editor, "title_row", title);
  set_text (editor, "contact_row", "ada lovelace");
  set_text (editor, "value_row", "1,250.50");
  set_text (editor, "currency_row", "usd");
  set_text (editor, "close_row", "2027-03-31");
  adw_combo_row_set_selected (child (editor, "stage_row"), 2);
  gtk_switch_set_active (child (editor, "probability_switch"), TRUE);
  gtk_spin_button_set_value (child (editor, "probability_spin"), 35);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (child (editor, "notes_view")),
                            "Call <b>back</b> & confirm", -1);

  id = crm_deal_editor_save (editor, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);

  deal = crm_store_get_deal (fixture->store, id, &error);
  g_assert_cmpstr (deal->title, ==, title);
  g_assert_cmpint (deal->contact_id, ==, contact->id);
  g_assert_cmpint (deal->company_id, ==, 0);
  g_assert_cmpint (deal->value_minor, ==, 125050);
  g_assert_cmpstr (deal->currency, ==, "USD");
  g_assert_cmpint (deal->expected_close, ==, 1806451200); /* 2027-03-31 00:00 UTC */
  g_assert_cmpint (deal->stage_id, ==, g_array_index (fixture->stage_ids, gint64, 2));
  g_assert_cmpint (deal->probability_override, ==, 35);
  g_assert_cmpstr (deal->notes, ==, "Call <b>back</b> & confirm");
  gtk_window_destroy (GTK_WINDOW (editor));
}

static gint64
insert_company (Fixture *fixture, const char *name, const char *industry)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CrmCompanyRecord) company = crm_company_record_new ();

  company->name = g_strdup (name);
  company->industry = g_strdup (industry);
  g_assert_true (crm_store_insert_company (fixture->store, company, &error));
  g_assert_no_error (error);
  return company->id;
}

/* The company row lists matches as the user types (names first, any text safe); the one
 * picked is saved, even when another company has the same name. */
static void
test_company_picker (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CrmDealRecord) deal = NULL;
  const char *hostile[] = { "\"", "*", "(", "NEAR", "-", "'", "AND", "acme\" OR *" };
  CrmEntityPicker *picker;
  CrmDealEditor *editor;
  GtkWidget *company_row;
  gint64 first, second, id;

  first = insert_company (fixture, "Acme", "Rockets");
  second = insert_company (fixture, "Acme", "Anvils");
  insert_company (fixture, "Globex", "Acme supplies");

  editor
      = crm_deal_editor_new (NULL, fixture->repository, fixture->undo, fixture->pipeline_id, NULL);
  gtk_window_present (GTK_WINDOW (editor));
  crm_test_iterate_main_context ();
  picker = crm_deal_editor_get_company_picker (editor);
  company_row = child (editor, "company_row");
  gtk_widget_grab_focus (company_row);
  crm_test_iterate_main_context ();

  /* Prefix matching; the two named Acme before Globex, whose details only mention it. */
  gtk_editable_set_text (GTK_EDITABLE (company_row), "acm");
  g_assert_cmpuint (crm_entity_picker_get_n_matches (picker), ==, 3);
  g_assert_cmpstr (crm_entity_picker_get_match_name (picker, 0), ==, "Acme");
  g_assert_cmpstr (crm_entity_picker_get_match_name (picker, 1), ==, "Acme");
  g_assert_cmpstr (crm_entity_picker_get_match_name (picker, 2), ==, "Globex");
  g_assert_true (crm_entity_picker_get_popup_shown (picker));

  for (guint i = 0; i < G_N_ELEMENTS (hostile); i++)
    {
      gtk_editable_set_text (GTK_EDITABLE (company_row), hostile[i]);
      g_assert_cmpuint (crm_entity_picker_get_n_matches (picker), <=, 3);
    }

  /* The second Acme, picked: saved as such, though a lookup by name would find either. */
  gtk_editable_set_text (GTK_EDITABLE (company_row), "acme");
  for (guint i = 0; i < crm_entity_picker_get_n_matches (picker); i++)
    {
      g_autoptr (CrmCompanyRecord) company = NULL;
      g_autoptr (GPtrArray) hits
          = crm_store_search_entity (fixture->store, CRM_ENTITY_COMPANY, "acme", 8, NULL);
      CrmSearchHit *hit = hits->pdata[i];

      if (hit->id == second)
        crm_entity_picker_pick (picker, i);
    }
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (company_row)), ==, "Acme");
  g_assert_false (crm_entity_picker_get_popup_shown (picker));
  g_assert_cmpint (crm_entity_picker_get_id (picker), ==, second);
  set_text (editor, "title_row", "Anvil order");
  set_text (editor, "value_row", "10");
  id = crm_deal_editor_save (editor, &error);
  g_assert_no_error (error);
  deal = crm_store_get_deal (fixture->store, id, &error);
  g_assert_cmpint (deal->company_id, ==, second);
  g_assert_cmpint (deal->company_id, !=, first);

  /* Typing again drops the pick. */
  gtk_editable_set_text (GTK_EDITABLE (company_row), "Acme Rockets");
  g_assert_cmpint (crm_entity_picker_get_id (picker), ==, 0);
  gtk_window_destroy (GTK_WINDOW (editor));
}

static void
assert_refused (Fixture *fixture, CrmDealEditor *editor, const char *row)
{
  g_autoptr (GError) error = NULL;
  gint64 deals_before = crm_store_count (fixture->store, CRM_ENTITY_DEAL, NULL);
  GtkLabel *error_label = child (editor, "error_label");

  g_assert_cmpint (crm_deal_editor_save (editor, &error), ==, 0);
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (error_label)));
  g_assert_cmpstr (gtk_label_get_text (error_label), ==, error->message);
  g_assert_false (gtk_label_get_use_markup (error_label));
  if (row != NULL)
    g_assert_true (gtk_widget_has_css_class (child (editor, row), "error"));
  g_assert_cmpint (crm_store_count (fixture->store, CRM_ENTITY_DEAL, NULL), ==, deals_before);
}

static void
test_validation_writes_nothing (Fixture *fixture, gconstpointer data)
{
  CrmDealEditor *editor
      = crm_deal_editor_new (NULL, fixture->repository, fixture->undo, fixture->pipeline_id, NULL);

  set_text (editor, "title_row", "   ");
  assert_refused (fixture, editor, "title_row");

  set_text (editor, "title_row", "Fine title");
  set_text (editor, "value_row", "12x");
  assert_refused (fixture, editor, "value_row");

  set_text (editor, "value_row", "12");
  set_text (editor, "currency_row", "EU");
  assert_refused (fixture, editor, "currency_row");

  set_text (editor, "currency_row", "EUR");
  set_text (editor, "close_row", "next week");
  assert_refused (fixture, editor, "close_row");

  set_text (editor, "close_row", "");
  set_text (editor, "company_row", "No Such Company <Ltd>");
  assert_refused (fixture, editor, "company_row");
  g_assert_nonnull (
      strstr (gtk_label_get_text (child (editor, "error_label")), "No Such Company <Ltd>"));

  /* Once everything is right the same editor saves, and clears its problems. */
  set_text (editor, "company_row", "");
  g_assert_cmpint (crm_deal_editor_save (editor, NULL), >, 0);
  g_assert_false (gtk_widget_get_visible (child (editor, "error_label")));
  g_assert_false (gtk_widget_has_css_class (child (editor, "title_row"), "error"));
  gtk_window_destroy (GTK_WINDOW (editor));
}

static gint64
make_deal (Fixture *fixture, const char *title, guint stage)
{
  g_autoptr (CrmDealRecord) deal = crm_deal_record_new ();
  g_autoptr (GError) error = NULL;

  deal->title = g_strdup (title);
  deal->currency = g_strdup ("EUR");
  deal->value_minor = 100000;
  deal->stage_id = g_array_index (fixture->stage_ids, gint64, stage);
  g_assert_true (crm_store_insert_deal (fixture->store, deal, &error));
  return deal->id;
}

static void
test_edit_deal (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  gint64 id = make_deal (fixture, "Q3 <renewal> & \"upsell\"", 0);
  g_autoptr (CrmDeal) deal
      = crm_repository_get_object (fixture->repository, CRM_ENTITY_DEAL, id, &error);
  g_autoptr (GPtrArray) history = NULL;
  CrmDealEditor *editor = crm_deal_editor_new (NULL, fixture->repository, fixture->undo, 0, deal);

  g_assert_cmpstr (gtk_editable_get_text (child (editor, "title_row")), ==,
                   "Q3 <renewal> & \"upsell\"");
  /* In the header too, literally. */
  g_assert_cmpstr (adw_window_title_get_subtitle (child (editor, "window_title")), ==,
                   "Q3 <renewal> & \"upsell\"");
  g_assert_cmpstr (gtk_editable_get_text (child (editor, "value_row")), ==, "1000.00");
  g_assert_cmpuint (adw_combo_row_get_selected (child (editor, "stage_row")), ==, 0);
  g_assert_true (gtk_widget_get_visible (child (editor, "delete_button")));

  set_text (editor, "value_row", "2000");
  adw_combo_row_set_selected (child (editor, "stage_row"), 3);
  g_assert_cmpint (crm_deal_editor_save (editor, &error), ==, id);
  g_assert_no_error (error);

  /* The shared object follows, and a stage change through the editor is recorded as a move. */
  g_assert_cmpint (crm_deal_get_value_minor (deal), ==, 200000);
  g_assert_cmpint (crm_deal_get_stage_id (deal), ==, g_array_index (fixture->stage_ids, gint64, 3));
  history = crm_store_list_deal_history (fixture->store, id, &error);
  g_assert_cmpuint (history->len, ==, 2);
  gtk_window_destroy (GTK_WINDOW (editor));
}

static void
test_delete_with_undo (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  gint64 id = make_deal (fixture, "To be deleted", 1);
  g_autoptr (CrmDeal) deal
      = crm_repository_get_object (fixture->repository, CRM_ENTITY_DEAL, id, &error);
  CrmDealEditor *editor = crm_deal_editor_new (NULL, fixture->repository, fixture->undo, 0, deal);
  g_autoptr (CrmDealRecord) restored = NULL;

  gtk_window_present (GTK_WINDOW (editor));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.delete", NULL));
  crm_test_iterate_main_context ();
  g_assert_cmpint (crm_store_count (fixture->store, CRM_ENTITY_DEAL, NULL), ==, 0);
  g_assert_true (crm_undo_manager_get_can_undo (fixture->undo));

  g_assert_true (crm_undo_manager_undo (fixture->undo, &error));
  g_assert_no_error (error);
  restored = crm_store_get_deal (fixture->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (restored->title, ==, "To be deleted");
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

  g_test_add_func ("/gui/deal-editor/parse-value", test_parse_value);
#define ADD_TEST(path, func)                                                                       \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD_TEST ("/gui/deal-editor/create", test_create_deal);
  ADD_TEST ("/gui/deal-editor/validation-writes-nothing", test_validation_writes_nothing);
  ADD_TEST ("/gui/deal-editor/edit", test_edit_deal);
  ADD_TEST ("/gui/deal-editor/delete-with-undo", test_delete_with_undo);
  ADD_TEST ("/gui/deal-editor/company-picker", test_company_picker);

  return g_test_run ();
}

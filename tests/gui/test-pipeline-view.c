/* test-pipeline-view.c — widget tests of the pipeline board: columns and cards, keyboard and
 * context-menu moves, undo, store writes from outside, column totals, plain-text titles — and
 * real pointer drags: the `rapport` program is started on a temporary database and driven with
 * XTest input (xdotool), finding its widgets through the accessibility tree (AT-SPI over
 * D-Bus), then the database is checked and the program started again.
 *
 * Runs under a virtual X display and a session bus (see tests/meson.build), alone: the drags
 * move the display's one pointer.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <locale.h>
#include <signal.h>

#include "crm-application.h"
#include "crm-board-money.h"
#include "crm-pipeline-view-private.h"
#include "crm-pipeline.h"
#include "crm-window.h"
#include "crm-gui-test-util.h"
#include "crm-test-util.h"

static CrmApplication *app;

typedef struct
{
  char *tmpdir;
  char *db_path;
  CrmStore *store;
  gint64 pipeline_id;
  GArray *stage_ids; /* the first pipeline's stages, in order */
  CrmWindow *window;
  CrmPipelineView *view;
} Fixture;

/* ---- Helpers ---------------------------------------------------------------------------- */

static void
reset_settings (void)
{
  g_autoptr (GSettings) settings = g_settings_new (APPLICATION_ID);
  g_autoptr (GSettingsSchema) schema = NULL;
  g_auto (GStrv) keys = NULL;

  g_object_get (settings, "settings-schema", &schema, NULL);
  keys = g_settings_schema_list_keys (schema);
  for (guint i = 0; keys[i] != NULL; i++)
    g_settings_reset (settings, keys[i]);
}

static gint64
stage_id (Fixture *fixture, guint index)
{
  g_assert_cmpuint (index, <, fixture->stage_ids->len);
  return g_array_index (fixture->stage_ids, gint64, index);
}

static gint64
insert_deal_full (Fixture *fixture,
                  const char *title,
                  guint stage_index,
                  gint64 value_minor,
                  const char *currency,
                  int probability_override)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CrmDealRecord) deal = crm_deal_record_new ();

  deal->title = g_strdup (title);
  deal->stage_id = stage_id (fixture, stage_index);
  deal->value_minor = value_minor;
  deal->currency = g_strdup (currency);
  deal->probability_override = probability_override;
  g_assert_true (crm_store_insert_deal (fixture->store, deal, &error));
  g_assert_no_error (error);
  return deal->id;
}

static gint64
insert_deal (Fixture *fixture, const char *title, guint stage_index)
{
  return insert_deal_full (fixture, title, stage_index, 100000, "EUR", -1);
}

static gint64
deal_stage_id (Fixture *fixture, gint64 deal_id)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CrmDealRecord) deal = crm_store_get_deal (fixture->store, deal_id, &error);

  g_assert_no_error (error);
  return deal->stage_id;
}

/* The deal ids of stage @stage_index in board order, as the store has them. */
static GArray *
store_order (Fixture *fixture, guint stage_index)
{
  g_autoptr (GError) error = NULL;
  GArray *ids
      = crm_store_list_deal_ids_in_stage (fixture->store, stage_id (fixture, stage_index), &error);

  g_assert_no_error (error);
  return ids;
}

/* Asserts that stage @stage_index holds exactly @ids, in that order, in the store and on the
 * board. */
static void
assert_stage_order (Fixture *fixture, guint stage_index, const gint64 *ids, guint n_ids)
{
  g_autoptr (GArray) stored = store_order (fixture, stage_index);
  CrmStageColumn *column = crm_pipeline_view_get_column (fixture->view, stage_index);
  GListModel *shown = crm_stage_column_get_deals (column);

  g_assert_cmpuint (stored->len, ==, n_ids);
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, n_ids);
  for (guint i = 0; i < n_ids; i++)
    {
      g_autoptr (CrmEntityObject) deal = g_list_model_get_item (shown, i);

      g_assert_cmpint (g_array_index (stored, gint64, i), ==, ids[i]);
      g_assert_cmpint (crm_entity_object_get_id (deal), ==, ids[i]);
    }
}

static guint
count_history (Fixture *fixture, gint64 deal_id)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) history = crm_store_list_deal_history (fixture->store, deal_id, &error);

  g_assert_no_error (error);
  return history->len;
}

/* The first frame makes only the cards it shows; the others join right after it. */
static gboolean
board_columns_complete (gpointer data)
{
  return crm_pipeline_view_get_columns_complete (data);
}

static void
show_board (Fixture *fixture)
{
  fixture->window = crm_window_new (app, fixture->store);
  gtk_window_present (GTK_WINDOW (fixture->window));
  crm_test_wait_for (crm_test_widget_is_mapped, fixture->window, "the window to be mapped");
  fixture->view = CRM_PIPELINE_VIEW (
      crm_test_find_descendant (GTK_WIDGET (fixture->window), CRM_TYPE_PIPELINE_VIEW));
  g_assert_nonnull (fixture->view);
  crm_test_wait_for (board_columns_complete, fixture->view, "the columns' cards");
  crm_test_run_for (50);
}

static const char *
card_title (CrmDealCard *card)
{
  return crm_deal_card_get_text (card, CRM_DEAL_CARD_TITLE);
}

/* The deal of the card that has the keyboard focus, or 0. */
static gint64
focused_deal (Fixture *fixture)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (fixture->window));
  GtkWidget *card = focus != NULL ? gtk_widget_get_ancestor (focus, CRM_TYPE_DEAL_CARD) : NULL;
  CrmDeal *deal = card != NULL ? crm_deal_card_get_deal (CRM_DEAL_CARD (card)) : NULL;

  return deal != NULL ? crm_entity_object_get_id (CRM_ENTITY_OBJECT (deal)) : 0;
}

/* Runs the view's shortcut for @keyval + @modifiers, as a key press would. */
static gboolean
press_shortcut (Fixture *fixture, guint keyval, GdkModifierType modifiers)
{
  g_autoptr (GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (fixture->view));
  gboolean handled = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (controllers) && !handled; i++)
    {
      g_autoptr (GObject) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      g_assert_cmpint (
          gtk_event_controller_get_propagation_phase (GTK_EVENT_CONTROLLER (controller)), ==,
          GTK_PHASE_CAPTURE);
      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr (GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
          GtkShortcutTrigger *trigger = gtk_shortcut_get_trigger (shortcut);

          if (GTK_IS_KEYVAL_TRIGGER (trigger)
              && gtk_keyval_trigger_get_keyval (GTK_KEYVAL_TRIGGER (trigger)) == keyval
              && gtk_keyval_trigger_get_modifiers (GTK_KEYVAL_TRIGGER (trigger)) == modifiers)
            {
              handled = gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut), 0,
                                                      GTK_WIDGET (fixture->view),
                                                      gtk_shortcut_get_arguments (shortcut));
              break;
            }
        }
    }
  crm_test_iterate_main_context ();
  return handled;
}

static void
fixture_set_up (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) pipelines = NULL;
  g_autoptr (GPtrArray) stages = NULL;

  reset_settings ();
  fixture->tmpdir = g_dir_make_tmp ("rapport-board-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->db_path = g_build_filename (fixture->tmpdir, "crm.db", NULL);
  fixture->store = crm_store_open (fixture->db_path, &error);
  g_assert_no_error (error);

  pipelines = crm_store_list_pipelines (fixture->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pipelines->len, >, 0);
  fixture->pipeline_id = ((CrmPipelineRecord *) pipelines->pdata[0])->id;
  stages = crm_store_list_stages (fixture->store, fixture->pipeline_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (stages->len, >=, 4);
  fixture->stage_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  for (guint i = 0; i < stages->len; i++)
    g_array_append_val (fixture->stage_ids, ((CrmStageRecord *) stages->pdata[i])->id);
}

static void
fixture_tear_down (Fixture *fixture, gconstpointer data)
{
  crm_test_destroy_all_windows ();

  g_clear_object (&fixture->store);
  g_clear_pointer (&fixture->stage_ids, g_array_unref);
  crm_test_remove_tree (fixture->tmpdir);
  g_clear_pointer (&fixture->tmpdir, g_free);
  g_clear_pointer (&fixture->db_path, g_free);
}

/* ---- Money ------------------------------------------------------------------------------ */

static void
test_money_format (void)
{
  static const struct
  {
    gint64 minor;
    const char *currency;
    const char *expected;
  } cases[] = {
    /* The C locale: no grouping, "." for decimals, the sign first. */
    { 123450, "EUR", "€1234.50" },
    { 5, "EUR", "€0.05" },
    { 0, "GBP", "£0.00" },
    { -500, "EUR", "-€5.00" },
    { 1200, "JPY", "¥1200" },
    { 99999, "USD", "US$999.99" },
    { 1234, "BHD", "BHD\u00a01.234" },
    { 100, "CHF", "CHF\u00a01.00" },
    { 7, "KRW", "₩7" },
    { G_MAXINT64, "EUR", "€92233720368547758.07" },
    { G_MININT64, "EUR", "-€92233720368547758.08" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = crm_money_format (cases[i].minor, cases[i].currency);

      g_assert_cmpstr (text, ==, cases[i].expected);
    }

  g_assert_cmpuint (crm_currency_get_digits ("EUR"), ==, 2);
  g_assert_cmpuint (crm_currency_get_digits ("JPY"), ==, 0);
  g_assert_cmpuint (crm_currency_get_digits ("KWD"), ==, 3);
  g_assert_cmpint (crm_money_apply_percent (100050, 40), ==, 40020);
  g_assert_cmpint (crm_money_apply_percent (333, 50), ==, 167);
  g_assert_cmpint (crm_money_apply_percent (-333, 50), ==, -167);
}

/* ---- The board -------------------------------------------------------------------------- */

static void
test_board_columns (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) stages
      = crm_store_list_stages (fixture->store, fixture->pipeline_id, &error);
  g_autoptr (CrmStageRecord) renamed = NULL;
  g_autoptr (CrmStageRecord) added = crm_stage_record_new ();
  g_autoptr (GArray) reversed = g_array_new (FALSE, FALSE, sizeof (gint64));
  guint n_stages = stages->len;

  insert_deal (fixture, "Anything", 0);
  show_board (fixture);

  g_assert_false (crm_pipeline_view_get_empty (fixture->view));
  g_assert_cmpint (crm_pipeline_view_get_pipeline_id (fixture->view), ==, fixture->pipeline_id);
  g_assert_cmpuint (crm_pipeline_view_get_n_columns (fixture->view), ==, n_stages);
  for (guint i = 0; i < n_stages; i++)
    {
      CrmStageRecord *record = stages->pdata[i];
      CrmStageColumn *column = crm_pipeline_view_get_column (fixture->view, i);

      g_assert_cmpint (
          crm_entity_object_get_id (CRM_ENTITY_OBJECT (crm_stage_column_get_stage (column))), ==,
          record->id);
      gtk_test_accessible_assert_property (column, GTK_ACCESSIBLE_PROPERTY_LABEL, record->name);
      g_assert_true (crm_pipeline_view_get_column_for_stage (fixture->view, record->id) == column);
    }
  /* The switcher only shows with more than one pipeline. */
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (fixture->view->pipeline_dropdown)));

  /* A renamed stage renames its column, for the screen reader too. */
  renamed = crm_store_get_stage (fixture->store, stage_id (fixture, 1), &error);
  g_free (renamed->name);
  renamed->name = g_strdup ("Discovery & <b>fit</b>");
  g_assert_true (crm_store_update_stage (fixture->store, renamed, &error));
  g_assert_no_error (error);
  gtk_test_accessible_assert_property (crm_pipeline_view_get_column (fixture->view, 1),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL, "Discovery & <b>fit</b>");
  g_assert_cmpstr (
      gtk_label_get_text (GTK_LABEL (crm_test_find_descendant (
          GTK_WIDGET (crm_pipeline_view_get_column (fixture->view, 1)), GTK_TYPE_LABEL))),
      ==, "Discovery & <b>fit</b>");

  /* An added stage gets a column at its place. */
  added->pipeline_id = fixture->pipeline_id;
  added->name = g_strdup ("Pilot");
  added->position = n_stages;
  added->probability = 70;
  g_assert_true (crm_store_insert_stage (fixture->store, added, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (crm_pipeline_view_get_n_columns (fixture->view), ==, n_stages + 1);
  g_assert_nonnull (crm_pipeline_view_get_column_for_stage (fixture->view, added->id));

  /* Reordered stages reorder the columns. */
  for (guint i = 0; i < n_stages; i++)
    g_array_prepend_val (reversed, ((CrmStageRecord *) stages->pdata[i])->id);
  g_array_append_val (reversed, added->id);
  g_assert_true (crm_store_reorder_stages (fixture->store, fixture->pipeline_id,
                                           (gint64 *) reversed->data, reversed->len, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < reversed->len; i++)
    g_assert_cmpint (crm_entity_object_get_id (CRM_ENTITY_OBJECT (crm_stage_column_get_stage (
                         crm_pipeline_view_get_column (fixture->view, i)))),
                     ==, g_array_index (reversed, gint64, i));

  /* A removed stage takes its column along. */
  g_assert_true (crm_store_delete_stage (fixture->store, added->id, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (crm_pipeline_view_get_n_columns (fixture->view), ==, n_stages);
  g_assert_null (crm_pipeline_view_get_column_for_stage (fixture->view, added->id));
}

static void
test_board_cards_in_store_order (Fixture *fixture, gconstpointer data)
{
  const char *titles[] = { "Alpha", "Bravo", "Charlie", "Delta" };
  gint64 ids[G_N_ELEMENTS (titles)];
  CrmStageColumn *column;

  for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
    ids[i] = insert_deal (fixture, titles[i], 0);
  g_assert_true (crm_store_move_deal (fixture->store, ids[3], stage_id (fixture, 0), 1, NULL));
  show_board (fixture);

  /* Alpha, Delta, Bravo, Charlie: as the store orders them. */
  assert_stage_order (fixture, 0, (gint64[]){ ids[0], ids[3], ids[1], ids[2] }, 4);
  column = crm_pipeline_view_get_column (fixture->view, 0);
  g_assert_cmpstr (crm_stage_column_get_count_text (column), ==, "4");
  for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
    {
      CrmDealCard *card = crm_stage_column_get_card (column, ids[i]);

      g_assert_nonnull (card);
      g_assert_cmpstr (card_title (card), ==, titles[i]);
      gtk_test_accessible_assert_property (card, GTK_ACCESSIBLE_PROPERTY_LABEL, titles[i]);
      g_assert_false (crm_deal_card_get_stale (card));
    }
  g_assert_cmpstr (
      crm_stage_column_get_count_text (crm_pipeline_view_get_column (fixture->view, 1)), ==, "0");
}

static void
test_board_empty_state (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  gint64 deal_id;

  show_board (fixture);
  /* An empty pipeline shows its columns, for the first deal to land in. */
  g_assert_true (crm_pipeline_view_get_empty (fixture->view));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (fixture->view->stack), ==, "board");
  g_assert_cmpuint (crm_pipeline_view_get_n_columns (fixture->view), ==, fixture->stage_ids->len);
  g_assert_cmpstr (
      crm_stage_column_get_count_text (crm_pipeline_view_get_column (fixture->view, 2)), ==, "0");

  deal_id = insert_deal (fixture, "First", 2);
  g_assert_false (crm_pipeline_view_get_empty (fixture->view));
  g_assert_cmpstr (
      crm_stage_column_get_count_text (crm_pipeline_view_get_column (fixture->view, 2)), ==, "1");

  g_assert_true (crm_store_delete_deal (fixture->store, deal_id, &error));
  g_assert_no_error (error);
  g_assert_true (crm_pipeline_view_get_empty (fixture->view));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (fixture->view->stack), ==, "board");
}

static void
test_board_stale_badge (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CrmStageRecord) stage
      = crm_store_get_stage (fixture->store, stage_id (fixture, 0), &error);
  g_autoptr (CrmDealRecord) deal = crm_deal_record_new ();
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  CrmDealCard *card;

  stage->rotting_days = 10;
  g_assert_true (crm_store_update_stage (fixture->store, stage, &error));
  deal->title = g_strdup ("Sleepy");
  deal->stage_id = stage->id;
  deal->value_minor = 1;
  deal->currency = g_strdup ("EUR");
  deal->probability_override = -1;
  deal->created_at = now - 12 * 86400;
  g_assert_true (crm_store_insert_deal (fixture->store, deal, &error));
  g_assert_no_error (error);
  show_board (fixture);

  card = crm_stage_column_get_card (crm_pipeline_view_get_column (fixture->view, 0), deal->id);
  g_assert_nonnull (card);
  g_assert_cmpint (crm_deal_card_get_days_in_stage (card), ==, 12);
  g_assert_true (crm_deal_card_get_stale (card));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (card), "crm-stale"));

  /* A longer limit, and it is not stale any more; no limit at all, never stale. */
  stage->rotting_days = 30;
  g_assert_true (crm_store_update_stage (fixture->store, stage, &error));
  g_assert_false (crm_deal_card_get_stale (card));
  stage->rotting_days = 0;
  g_assert_true (crm_store_update_stage (fixture->store, stage, &error));
  g_assert_false (crm_deal_card_get_stale (card));
}

static gint64
insert_activity (Fixture *fixture, gint64 deal_id, const char *subject, gint64 due_at)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CrmActivityRecord) activity = crm_activity_record_new ();

  activity->kind = CRM_ACTIVITY_CALL;
  activity->subject = g_strdup (subject);
  activity->deal_id = deal_id;
  activity->due_at = due_at;
  g_assert_true (crm_store_insert_activity (fixture->store, activity, &error));
  g_assert_no_error (error);
  return activity->id;
}

/* The card's last line is the deal's next step: the earliest open activity with a due time,
 * "Overdue" when late, "No next step" without one; it follows activity writes. */
static void
test_board_next_step (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CrmActivityRecord) later = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  gint64 deal_id = insert_deal (fixture, "Stepping", 0);
  gint64 later_id;
  CrmDealCard *card;
  const char *text;

  show_board (fixture);
  card = crm_stage_column_get_card (crm_pipeline_view_get_column (fixture->view, 0), deal_id);
  g_assert_nonnull (card);
  g_assert_cmpstr (crm_deal_card_get_text (card, CRM_DEAL_CARD_NEXT_STEP), ==, "No next step");

  /* Logged history (no due time) is not a next step. */
  insert_activity (fixture, deal_id, "Intro call", 0);
  g_assert_cmpstr (crm_deal_card_get_text (card, CRM_DEAL_CARD_NEXT_STEP), ==, "No next step");

  later_id = insert_activity (fixture, deal_id, "Send <quote>", now + 5 * 86400);
  insert_activity (fixture, deal_id, "Much later", now + 40 * 86400);
  text = crm_deal_card_get_text (card, CRM_DEAL_CARD_NEXT_STEP);
  g_assert_true (g_str_has_prefix (text, "Next: Send <quote> · "));

  /* An earlier one that is already late comes first. */
  insert_activity (fixture, deal_id, "Call back", now - 2 * 86400);
  text = crm_deal_card_get_text (card, CRM_DEAL_CARD_NEXT_STEP);
  g_assert_true (g_str_has_prefix (text, "Overdue: Call back · "));

  /* Done activities drop out. */
  later = crm_store_get_activity (fixture->store, later_id, &error);
  g_assert_no_error (error);
  later->done = TRUE;
  g_assert_true (crm_store_update_activity (fixture->store, later, &error));
  g_assert_no_error (error);
  text = crm_deal_card_get_text (card, CRM_DEAL_CARD_NEXT_STEP);
  g_assert_true (g_str_has_prefix (text, "Overdue: Call back · "));

  /* Won: no next step line at all. */
  g_assert_true (crm_store_move_deal (fixture->store, deal_id, stage_id (fixture, 5), 0, &error));
  g_assert_no_error (error);
  crm_test_run_for (50);
  card = crm_stage_column_get_card (crm_pipeline_view_get_column (fixture->view, 5), deal_id);
  g_assert_nonnull (card);
  g_assert_null (crm_deal_card_get_text (card, CRM_DEAL_CARD_NEXT_STEP));
}

static void
assert_store_order (Fixture *fixture, guint stage_index, const gint64 *expected, guint n_expected)
{
  g_autoptr (GArray) order = store_order (fixture, stage_index);

  g_assert_cmpuint (order->len, ==, n_expected);
  for (guint i = 0; i < n_expected; i++)
    g_assert_cmpint (g_array_index (order, gint64, i), ==, expected[i]);
}

static void
set_search (Fixture *fixture, const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (fixture->view->search_entry), text);
  /* The search entry waits a moment before it says the text changed. */
  g_signal_emit_by_name (fixture->view->search_entry, "search-changed");
}

/* The search field and "Stale Only" narrow every column; moves made while filtered land
 * among the deals shown, and the columns say how many they show of how many. */
static void
test_board_filter (Fixture *fixture, gconstpointer data)
{
  const char *hostile[] = { "\"", "*", "(", "NEAR", "-", "'", "AND", "\"acme*(NEAR -'AND" };
  g_autoptr (GError) error = NULL;
  g_autoptr (CrmStageRecord) stage = NULL;
  g_autoptr (CrmDealRecord) sleepy = crm_deal_record_new ();
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  gint64 globex = insert_deal (fixture, "Globex upsell", 0);
  gint64 renewal = insert_deal (fixture, "Acme renewal", 0);
  gint64 expansion = insert_deal (fixture, "ACME expansion", 1);
  CrmStageColumn *first, *second;

  show_board (fixture);
  first = crm_pipeline_view_get_column (fixture->view, 0);
  second = crm_pipeline_view_get_column (fixture->view, 1);
  g_assert_false (crm_pipeline_view_get_filtered (fixture->view));

  /* Prefix, case and accent blind. */
  set_search (fixture, "acmé");
  g_assert_true (crm_pipeline_view_get_filtered (fixture->view));
  g_assert_cmpuint (g_list_model_get_n_items (crm_stage_column_get_deals (first)), ==, 1);
  g_assert_cmpint (crm_stage_column_find_deal (first, renewal), ==, 0);
  g_assert_cmpstr (crm_stage_column_get_count_text (first), ==, "1 of 2");
  g_assert_cmpstr (crm_stage_column_get_count_text (second), ==, "1 of 1");

  /* To the previous stage, at the same height: above "Acme renewal", the first shown, which
   * is second in the stage. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->view),
                                             "pipeline.move-deal-previous-stage", "x", expansion));
  assert_store_order (fixture, 0, (gint64[]){ globex, expansion, renewal }, 3);
  g_assert_cmpuint (g_list_model_get_n_items (crm_stage_column_get_deals (first)), ==, 2);

  /* Down past the next deal shown. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->view), "pipeline.move-deal-down",
                                             "x", expansion));
  assert_store_order (fixture, 0, (gint64[]){ globex, renewal, expansion }, 3);
  /* And up again, above the deal shown above it. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->view), "pipeline.move-deal-up",
                                             "x", expansion));
  assert_store_order (fixture, 0, (gint64[]){ globex, expansion, renewal }, 3);

  /* Any text is safe: results or none, never an error. */
  for (guint i = 0; i < G_N_ELEMENTS (hostile); i++)
    {
      set_search (fixture, hostile[i]);
      g_assert_cmpuint (g_list_model_get_n_items (crm_stage_column_get_deals (first)), <=, 3);
    }

  /* Escape clears the search: every deal again. */
  g_signal_emit_by_name (fixture->view->search_entry, "stop-search");
  g_assert_false (crm_pipeline_view_get_filtered (fixture->view));
  g_assert_cmpuint (g_list_model_get_n_items (crm_stage_column_get_deals (first)), ==, 3);
  g_assert_cmpstr (crm_stage_column_get_count_text (first), ==, "3");

  /* Stale only: the deal twelve days in a stage that rots after ten. */
  stage = crm_store_get_stage (fixture->store, stage_id (fixture, 1), &error);
  g_assert_no_error (error);
  stage->rotting_days = 10;
  g_assert_true (crm_store_update_stage (fixture->store, stage, &error));
  sleepy->title = g_strdup ("Sleepy");
  sleepy->stage_id = stage->id;
  sleepy->currency = g_strdup ("EUR");
  sleepy->probability_override = -1;
  sleepy->created_at = now - 12 * 86400;
  g_assert_true (crm_store_insert_deal (fixture->store, sleepy, &error));
  g_assert_no_error (error);
  insert_deal (fixture, "Fresh", 1);

  gtk_toggle_button_set_active (fixture->view->stale_toggle, TRUE);
  g_assert_true (crm_pipeline_view_get_filtered (fixture->view));
  g_assert_cmpuint (g_list_model_get_n_items (crm_stage_column_get_deals (second)), ==, 1);
  g_assert_cmpint (crm_stage_column_find_deal (second, sleepy->id), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (crm_stage_column_get_deals (first)), ==, 0);
  g_assert_cmpstr (crm_stage_column_get_count_text (first), ==, "0 of 3");

  /* A write elsewhere keeps the filter: a new stale deal shows, a fresh one does not. */
  insert_deal (fixture, "Also fresh", 1);
  g_assert_cmpuint (g_list_model_get_n_items (crm_stage_column_get_deals (second)), ==, 1);

  gtk_toggle_button_set_active (fixture->view->stale_toggle, FALSE);
  g_assert_cmpuint (g_list_model_get_n_items (crm_stage_column_get_deals (second)), ==, 3);
}

static guint
column_of_kind (Fixture *fixture, CrmStageKind kind)
{
  for (guint i = 0; i < crm_pipeline_view_get_n_columns (fixture->view); i++)
    if (crm_stage_get_kind (
            crm_stage_column_get_stage (crm_pipeline_view_get_column (fixture->view, i)))
        == kind)
      return i;
  g_assert_not_reached ();
}

static void
close_window (Fixture *fixture)
{
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  fixture->window = NULL;
  fixture->view = NULL;
  crm_test_run_for (20);
}

/* Won and Lost (only) collapse to a strip, remembered by stage UUID; a move onto a collapsed
 * column still lands, on top. */
static void
test_board_collapse (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GSettings) settings = g_settings_new (APPLICATION_ID);
  g_auto (GStrv) remembered = NULL;
  gint64 older = insert_deal (fixture, "Older win", 0);
  gint64 newer = insert_deal (fixture, "Newer win", 0);
  CrmStageColumn *won, *lost, *open;
  int narrow = 0, wide = 0;

  show_board (fixture);
  won = crm_pipeline_view_get_column (fixture->view, column_of_kind (fixture, CRM_STAGE_KIND_WON));
  lost
      = crm_pipeline_view_get_column (fixture->view, column_of_kind (fixture, CRM_STAGE_KIND_LOST));
  open = crm_pipeline_view_get_column (fixture->view, 0);
  g_assert_true (crm_stage_column_get_collapsible (won));
  g_assert_true (crm_stage_column_get_collapsible (lost));
  g_assert_false (crm_stage_column_get_collapsible (open));
  crm_stage_column_set_collapsed (open, TRUE);
  g_assert_false (crm_stage_column_get_collapsed (open));

  gtk_widget_measure (GTK_WIDGET (won), GTK_ORIENTATION_HORIZONTAL, -1, &wide, NULL, NULL, NULL);
  crm_stage_column_set_collapsed (won, TRUE);
  gtk_widget_measure (GTK_WIDGET (won), GTK_ORIENTATION_HORIZONTAL, -1, &narrow, NULL, NULL, NULL);
  g_assert_cmpint (narrow, <, wide / 3);
  remembered = g_settings_get_strv (settings, "collapsed-stages");
  g_assert_cmpuint (g_strv_length (remembered), ==, 1);
  g_assert_cmpstr (
      remembered[0], ==,
      crm_entity_object_get_uuid (CRM_ENTITY_OBJECT (crm_stage_column_get_stage (won))));

  /* Moves onto the collapsed column land on top. */
  g_assert_true (crm_pipeline_view_move_deal (
      fixture->view, older,
      crm_entity_object_get_id (CRM_ENTITY_OBJECT (crm_stage_column_get_stage (won))), 0, &error));
  g_assert_no_error (error);
  g_assert_true (gtk_widget_activate_action (
      GTK_WIDGET (won), "pipeline.move-deal", "(xxi)", newer,
      crm_entity_object_get_id (CRM_ENTITY_OBJECT (crm_stage_column_get_stage (won))), 0));
  g_assert_cmpint (crm_stage_column_find_deal (won, newer), ==, 0);
  g_assert_cmpint (crm_stage_column_find_deal (won, older), ==, 1);
  g_assert_cmpstr (crm_stage_column_get_count_text (won), ==, "2");

  /* Opened again: still collapsed. */
  close_window (fixture);
  show_board (fixture);
  won = crm_pipeline_view_get_column (fixture->view, column_of_kind (fixture, CRM_STAGE_KIND_WON));
  g_assert_true (crm_stage_column_get_collapsed (won));
  g_assert_false (crm_stage_column_get_collapsed (
      crm_pipeline_view_get_column (fixture->view, column_of_kind (fixture, CRM_STAGE_KIND_LOST))));

  /* Expanded: forgotten. */
  crm_stage_column_set_collapsed (won, FALSE);
  g_strfreev (g_steal_pointer (&remembered));
  remembered = g_settings_get_strv (settings, "collapsed-stages");
  g_assert_cmpuint (g_strv_length (remembered), ==, 0);
}

static CrmStageEditor *
open_stage_editor (Fixture *fixture)
{
  CrmStageEditor *editor = crm_pipeline_view_edit_stages (fixture->view);

  g_assert_nonnull (editor);
  crm_test_wait_for (crm_test_widget_is_mapped, editor, "the stage editor to be mapped");
  return editor;
}

static char *
column_names (Fixture *fixture)
{
  GString *names = g_string_new (NULL);

  for (guint i = 0; i < crm_pipeline_view_get_n_columns (fixture->view); i++)
    g_string_append_printf (names, "%s%s", i > 0 ? "|" : "",
                            crm_stage_get_name (crm_stage_column_get_stage (
                                crm_pipeline_view_get_column (fixture->view, i))));
  return g_string_free (names, FALSE);
}

/* The stage editor adds, renames, sets, reorders and removes stages; the board follows; a
 * stage that holds deals is not removed, and the editor says why. */
static void
test_stage_editor (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CrmStageRecord) record = NULL;
  g_autofree char *names = NULL;
  const char *hostile = "<b>R&D</b> \"demo\"";
  CrmStageEditor *editor;
  CrmStageColumn *column;
  AdwEntryRow *name_row;
  gint64 new_id;
  guint n_columns;

  insert_deal (fixture, "Keeps its stage", 1);
  show_board (fixture);
  n_columns = crm_pipeline_view_get_n_columns (fixture->view);
  editor = open_stage_editor (fixture);
  for (guint i = 0; i < fixture->stage_ids->len; i++)
    g_assert_nonnull (crm_stage_editor_get_stage_row (editor, stage_id (fixture, i)));

  /* Added before Won and Lost, named "New Stage". */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.add-stage", NULL));
  g_assert_cmpuint (crm_pipeline_view_get_n_columns (fixture->view), ==, n_columns + 1);
  column = crm_pipeline_view_get_column (fixture->view, n_columns - 2);
  g_assert_cmpstr (crm_stage_get_name (crm_stage_column_get_stage (column)), ==, "New Stage");
  new_id = crm_entity_object_get_id (CRM_ENTITY_OBJECT (crm_stage_column_get_stage (column)));

  /* Renamed: literally, markup and all. An empty name is refused. */
  name_row = crm_stage_editor_get_name_row (editor, new_id);
  g_assert_nonnull (name_row);
  gtk_editable_set_text (GTK_EDITABLE (name_row), "   ");
  g_signal_emit_by_name (name_row, "apply");
  g_assert_cmpstr (crm_stage_editor_get_last_message (editor), ==, "A stage needs a name");
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (name_row), "error"));
  gtk_editable_set_text (GTK_EDITABLE (name_row), hostile);
  g_signal_emit_by_name (name_row, "apply");
  record = crm_store_get_stage (fixture->store, new_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (record->name, ==, hostile);
  g_assert_cmpstr (crm_stage_get_name (crm_stage_column_get_stage (column)), ==, hostile);
  g_assert_cmpstr (adw_preferences_row_get_title (
                       ADW_PREFERENCES_ROW (crm_stage_editor_get_stage_row (editor, new_id))),
                   ==, hostile);
  g_assert_false (adw_preferences_row_get_use_markup (
      ADW_PREFERENCES_ROW (crm_stage_editor_get_stage_row (editor, new_id))));

  /* Probability and rotting days are written as they are set. */
  gtk_spin_button_set_value (crm_stage_editor_get_probability_button (editor, new_id), 35);
  gtk_spin_button_set_value (crm_stage_editor_get_rotting_button (editor, new_id), 9);
  g_clear_pointer (&record, crm_stage_record_free);
  record = crm_store_get_stage (fixture->store, new_id, &error);
  g_assert_cmpint (record->probability, ==, 35);
  g_assert_cmpint (record->rotting_days, ==, 9);

  /* Up one place: the board's columns follow. */
  g_assert_true (
      gtk_widget_activate_action (GTK_WIDGET (editor), "editor.move-stage-up", "x", new_id));
  column = crm_pipeline_view_get_column (fixture->view, n_columns - 3);
  g_assert_cmpint (
      crm_entity_object_get_id (CRM_ENTITY_OBJECT (crm_stage_column_get_stage (column))), ==,
      new_id);

  /* A stage with a deal stays, and the editor says why. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.remove-stage", "x",
                                             stage_id (fixture, 1)));
  g_assert_nonnull (strstr (crm_stage_editor_get_last_message (editor), "holds 1 deal"));
  g_assert_cmpuint (crm_pipeline_view_get_n_columns (fixture->view), ==, n_columns + 1);
  g_clear_pointer (&record, crm_stage_record_free);
  record = crm_store_get_stage (fixture->store, stage_id (fixture, 1), &error);
  g_assert_no_error (error);

  /* An empty one goes, undoably. */
  g_assert_true (
      gtk_widget_activate_action (GTK_WIDGET (editor), "editor.remove-stage", "x", new_id));
  g_assert_cmpuint (crm_pipeline_view_get_n_columns (fixture->view), ==, n_columns);
  g_assert_null (crm_stage_editor_get_stage_row (editor, new_id));
  g_assert_true (g_str_has_prefix (crm_stage_editor_get_last_message (editor), "Removed stage"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.undo", NULL));
  g_assert_cmpuint (crm_pipeline_view_get_n_columns (fixture->view), ==, n_columns + 1);
  g_assert_nonnull (crm_stage_editor_get_stage_row (editor, new_id));
  names = column_names (fixture);
  g_assert_nonnull (strstr (names, hostile));

  gtk_window_destroy (GTK_WINDOW (editor));
}

/* New Pipeline copies the stages of the one shown, switches to it and shows the switcher. */
static void
test_new_pipeline (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gint64 pipeline_id;

  show_board (fixture);
  before = column_names (fixture);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (fixture->view->pipeline_dropdown)));
  pipeline_id = crm_pipeline_view_new_pipeline (fixture->view, &error);
  g_assert_no_error (error);
  g_assert_cmpint (pipeline_id, !=, 0);
  g_assert_cmpint (crm_pipeline_view_get_pipeline_id (fixture->view), ==, pipeline_id);
  after = column_names (fixture);
  g_assert_cmpstr (after, ==, before);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (fixture->view->pipeline_dropdown)));
  g_assert_cmpstr (
      crm_pipeline_get_name (gtk_drop_down_get_selected_item (fixture->view->pipeline_dropdown)),
      ==, "New Pipeline");
  /* Its stages are its own. */
  g_assert_cmpint (crm_stage_get_pipeline_id (crm_stage_column_get_stage (
                       crm_pipeline_view_get_column (fixture->view, 0))),
                   ==, pipeline_id);
  /* A second one gets a name of its own. */
  pipeline_id = crm_pipeline_view_new_pipeline (fixture->view, &error);
  g_assert_cmpstr (
      crm_pipeline_get_name (gtk_drop_down_get_selected_item (fixture->view->pipeline_dropdown)),
      ==, "New Pipeline 2");
}

/* The days in stage on @card, or when a closed deal closed. */
static const char *
card_age_text (CrmDealCard *card)
{
  return crm_deal_card_get_text (card, CRM_DEAL_CARD_AGE);
}

static void
test_board_closed_deals (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) stages
      = crm_store_list_stages (fixture->store, fixture->pipeline_id, &error);
  gint64 deal_id = insert_deal (fixture, "Signed", 0);
  guint won = G_MAXUINT;
  CrmStageColumn *column;
  CrmDealCard *card;

  for (guint i = 0; i < stages->len; i++)
    if (((CrmStageRecord *) stages->pdata[i])->kind == CRM_STAGE_KIND_WON)
      won = i;
  g_assert_cmpuint (won, !=, G_MAXUINT);
  show_board (fixture);
  card = crm_stage_column_get_card (crm_pipeline_view_get_column (fixture->view, 0), deal_id);
  g_assert_cmpstr (card_age_text (card), ==, "New in this stage");

  /* In Won the card says when it was won; the column's total needs no weighting. */
  g_assert_true (
      crm_pipeline_view_move_deal (fixture->view, deal_id, stage_id (fixture, won), 0, &error));
  g_assert_no_error (error);
  crm_test_run_for (50);
  column = crm_pipeline_view_get_column (fixture->view, won);
  card = crm_stage_column_get_card (column, deal_id);
  g_assert_nonnull (card);
  g_assert_true (g_str_has_prefix (card_age_text (card), "Won on "));
  g_assert_false (crm_deal_card_get_stale (card));
  g_assert_cmpstr (crm_stage_column_get_totals_text (column), ==, "€1000.00");
}

/* ---- Moves ------------------------------------------------------------------------------ */

static void
test_board_keyboard_moves (Fixture *fixture, gconstpointer data)
{
  gint64 a = insert_deal (fixture, "A", 0);
  gint64 b = insert_deal (fixture, "B", 0);
  gint64 c = insert_deal (fixture, "C", 0);
  gint64 d = insert_deal (fixture, "D", 1);

  show_board (fixture);
  g_assert_true (crm_pipeline_view_focus_deal (fixture->view, b));
  g_assert_cmpint (focused_deal (fixture), ==, b);

  /* Ctrl+Right: the next stage, at the same height (clamped to the column). */
  g_assert_true (press_shortcut (fixture, GDK_KEY_Right, GDK_CONTROL_MASK));
  g_assert_cmpint (deal_stage_id (fixture, b), ==, stage_id (fixture, 1));
  assert_stage_order (fixture, 0, (gint64[]){ a, c }, 2);
  assert_stage_order (fixture, 1, (gint64[]){ d, b }, 2);
  g_assert_cmpuint (count_history (fixture, b), ==, 2);
  g_assert_cmpint (focused_deal (fixture), ==, b);

  /* Ctrl+Up, Ctrl+Down: within the column; no stage history. */
  g_assert_true (press_shortcut (fixture, GDK_KEY_Up, GDK_CONTROL_MASK));
  assert_stage_order (fixture, 1, (gint64[]){ b, d }, 2);
  g_assert_cmpint (focused_deal (fixture), ==, b);
  g_assert_true (press_shortcut (fixture, GDK_KEY_Down, GDK_CONTROL_MASK));
  assert_stage_order (fixture, 1, (gint64[]){ d, b }, 2);
  g_assert_cmpint (focused_deal (fixture), ==, b);
  g_assert_cmpuint (count_history (fixture, b), ==, 2);

  /* At the bottom, Ctrl+Down changes nothing. */
  g_assert_true (press_shortcut (fixture, GDK_KEY_Down, GDK_CONTROL_MASK));
  assert_stage_order (fixture, 1, (gint64[]){ d, b }, 2);

  /* Ctrl+Left (keypad too): back to the first stage, second place. */
  g_assert_true (press_shortcut (fixture, GDK_KEY_KP_Left, GDK_CONTROL_MASK));
  assert_stage_order (fixture, 0, (gint64[]){ a, b, c }, 3);
  assert_stage_order (fixture, 1, (gint64[]){ d }, 1);
  g_assert_cmpint (focused_deal (fixture), ==, b);
  g_assert_cmpuint (count_history (fixture, b), ==, 3);

  /* In the first stage, Ctrl+Left changes nothing. */
  g_assert_true (press_shortcut (fixture, GDK_KEY_Left, GDK_CONTROL_MASK));
  g_assert_cmpint (deal_stage_id (fixture, b), ==, stage_id (fixture, 0));

  /* Left and Right take the focus across columns, at the same height, past empty ones. */
  g_assert_true (crm_pipeline_view_focus_deal (fixture->view, c));
  g_assert_true (press_shortcut (fixture, GDK_KEY_Right, 0));
  g_assert_cmpint (focused_deal (fixture), ==, d);
  g_assert_true (press_shortcut (fixture, GDK_KEY_Right, 0));
  g_assert_cmpint (focused_deal (fixture), ==, d);
  g_assert_true (press_shortcut (fixture, GDK_KEY_Left, 0));
  g_assert_cmpint (focused_deal (fixture), ==, a);
  g_assert_cmpint (deal_stage_id (fixture, d), ==, stage_id (fixture, 1));

  /* Without a focused card the shortcuts let the key go on. */
  gtk_root_set_focus (GTK_ROOT (fixture->window), NULL);
  g_assert_false (press_shortcut (fixture, GDK_KEY_Right, GDK_CONTROL_MASK));
  g_assert_cmpint (deal_stage_id (fixture, b), ==, stage_id (fixture, 0));
}

static void
test_board_actions (Fixture *fixture, gconstpointer data)
{
  gint64 a = insert_deal (fixture, "A", 0);
  gint64 b = insert_deal (fixture, "B", 0);
  gint64 c = insert_deal (fixture, "C", 2);
  g_autoptr (CrmDealRecord) before = NULL;
  g_autoptr (CrmDealRecord) after = NULL;

  show_board (fixture);

  /* pipeline.move-deal: stage and ordinal place. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->view), "pipeline.move-deal",
                                             "(xxi)", b, stage_id (fixture, 2), 0));
  assert_stage_order (fixture, 2, (gint64[]){ b, c }, 2);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->view), "pipeline.move-deal",
                                             "(xxi)", a, stage_id (fixture, 2), -1));
  assert_stage_order (fixture, 2, (gint64[]){ b, c, a }, 3);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->view),
                                             "pipeline.move-deal-previous-stage", "x", c));
  assert_stage_order (fixture, 1, (gint64[]){ c }, 1);

  /* A move to where the deal already is writes nothing. */
  before = crm_store_get_deal (fixture->store, a, NULL);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->view), "pipeline.move-deal",
                                             "(xxi)", a, stage_id (fixture, 2), -1));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->view), "pipeline.move-deal",
                                             "(xxi)", a, stage_id (fixture, 2), 1));
  after = crm_store_get_deal (fixture->store, a, NULL);
  g_assert_cmpint (after->updated_at, ==, before->updated_at);
  g_assert_cmpstr (after->position, ==, before->position);
  g_assert_cmpuint (count_history (fixture, a), ==, 2);
}

/* Moving a deal to Lost asks why; cancel leaves the deal where it was, a reason moves it with
 * that reason as one undoable step. */
static void
test_board_lost_reason (Fixture *fixture, gconstpointer data)
{
  const char *title = "Q3 <renewal> & \"upsell\"";
  gint64 deal_id = insert_deal (fixture, title, 1);
  guint lost = fixture->stage_ids->len - 1;
  g_autoptr (GPtrArray) reasons = crm_store_list_lost_reasons (fixture->store, NULL);
  g_autoptr (GError) error = NULL;
  AdwMessageDialog *dialog;
  guint history_before;

  show_board (fixture);
  history_before = count_history (fixture, deal_id);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->view), "pipeline.move-deal",
                                             "(xxi)", deal_id, stage_id (fixture, lost), 0));
  crm_test_run_for (50);
  dialog = crm_test_find_message_dialog (NULL);
  g_assert_nonnull (dialog);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), title));
  g_assert_false (adw_message_dialog_get_body_use_markup (dialog));
  adw_message_dialog_response (dialog, "cancel");
  crm_test_run_for (50);
  g_assert_cmpint (deal_stage_id (fixture, deal_id), ==, stage_id (fixture, 1));
  g_assert_cmpuint (count_history (fixture, deal_id), ==, history_before);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->view), "pipeline.move-deal",
                                             "(xxi)", deal_id, stage_id (fixture, lost), 0));
  crm_test_run_for (50);
  dialog = crm_test_find_message_dialog (NULL);
  g_assert_nonnull (dialog);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (adw_message_dialog_get_extra_child (dialog)), 2);
  adw_message_dialog_response (dialog, "lost");
  crm_test_run_for (50);
  {
    g_autoptr (CrmDealRecord) deal = crm_store_get_deal (fixture->store, deal_id, &error);
    g_assert_cmpint (deal->stage_id, ==, stage_id (fixture, lost));
    g_assert_cmpint (deal->lost_reason_id, ==, ((CrmLostReasonRecord *) reasons->pdata[2])->id);
    g_assert_cmpint (deal->closed_at, >, 0);
  }
  g_assert_cmpuint (count_history (fixture, deal_id), ==, history_before + 1);

  /* One undo takes back both the move and the reason. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.undo", NULL));
  crm_test_run_for (50);
  {
    g_autoptr (CrmDealRecord) deal = crm_store_get_deal (fixture->store, deal_id, &error);
    g_assert_cmpint (deal->stage_id, ==, stage_id (fixture, 1));
    g_assert_cmpint (deal->lost_reason_id, ==, 0);
    g_assert_cmpint (deal->closed_at, ==, 0);
  }
  g_assert_cmpuint (count_history (fixture, deal_id), ==, history_before);
}

static GMenuModel *
find_submenu (GMenuModel *menu)
{
  for (int i = 0; i < g_menu_model_get_n_items (menu); i++)
    {
      g_autoptr (GMenuModel) submenu = g_menu_model_get_item_link (menu, i, G_MENU_LINK_SUBMENU);
      g_autoptr (GMenuModel) section = g_menu_model_get_item_link (menu, i, G_MENU_LINK_SECTION);

      if (submenu != NULL)
        return g_steal_pointer (&submenu);
      if (section != NULL)
        {
          GMenuModel *found = find_submenu (section);

          if (found != NULL)
            return found;
        }
    }
  return NULL;
}

static void
test_board_context_menu (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) stages
      = crm_store_list_stages (fixture->store, fixture->pipeline_id, &error);
  g_autoptr (GMenuModel) move_to = NULL;
  gint64 a = insert_deal (fixture, "A", 0);
  GtkWidget *menu;
  gboolean moved = FALSE;

  show_board (fixture);
  g_assert_true (crm_pipeline_view_focus_deal (fixture->view, a));

  /* The Menu key (and Shift+F10) opens the focused card's menu. */
  g_assert_true (press_shortcut (fixture, GDK_KEY_Menu, 0));
  menu = fixture->view->deal_menu;
  g_assert_true (GTK_IS_POPOVER_MENU (menu));
  g_assert_true (gtk_widget_get_visible (menu));
  gtk_popover_popdown (GTK_POPOVER (menu));
  crm_test_iterate_main_context ();
  /* Closed, the menu gives the focus back to the card. */
  g_assert_cmpint (focused_deal (fixture), ==, a);
  g_assert_true (press_shortcut (fixture, GDK_KEY_F10, GDK_SHIFT_MASK));
  menu = fixture->view->deal_menu;
  g_assert_true (GTK_IS_POPOVER_MENU (menu));

  /* "Move To" lists every other stage. */
  move_to = find_submenu (gtk_popover_menu_get_menu_model (GTK_POPOVER_MENU (menu)));
  g_assert_nonnull (move_to);
  g_assert_cmpint (g_menu_model_get_n_items (move_to), ==, stages->len - 1);
  for (int i = 0; i < g_menu_model_get_n_items (move_to); i++)
    {
      g_autofree char *label = NULL;
      g_autofree char *action = NULL;
      g_autoptr (GVariant) target = NULL;
      CrmStageRecord *stage = stages->pdata[i + 1];

      g_assert_true (
          g_menu_model_get_item_attribute (move_to, i, G_MENU_ATTRIBUTE_LABEL, "s", &label));
      g_assert_cmpstr (label, ==, stage->name);
      g_assert_true (
          g_menu_model_get_item_attribute (move_to, i, G_MENU_ATTRIBUTE_ACTION, "s", &action));
      g_assert_cmpstr (action, ==, "pipeline.move-deal");
      target = g_menu_model_get_item_attribute_value (move_to, i, G_MENU_ATTRIBUTE_TARGET,
                                                      G_VARIANT_TYPE ("(xxi)"));
      g_assert_nonnull (target);

      /* Choose "Proposal", as a click on the item would. */
      if (g_strcmp0 (stage->name, "Proposal") == 0)
        {
          g_assert_true (gtk_widget_activate_action_variant (menu, action, target));
          moved = TRUE;
        }
    }
  g_assert_true (moved);
  crm_test_iterate_main_context ();
  g_assert_cmpint (deal_stage_id (fixture, a), ==, stage_id (fixture, 3));
  g_assert_cmpint (crm_stage_column_find_deal (crm_pipeline_view_get_column (fixture->view, 3), a),
                   ==, 0);
  g_assert_cmpint (focused_deal (fixture), ==, a);
}

static void
test_board_undo (Fixture *fixture, gconstpointer data)
{
  gint64 a = insert_deal (fixture, "A", 0);
  gint64 b = insert_deal (fixture, "B", 0);
  AdwToast *toast;
  g_autofree char *shown = NULL;

  show_board (fixture);
  g_assert_false (
      crm_undo_manager_get_can_undo (crm_pipeline_view_get_undo_manager (fixture->view)));

  g_assert_true (crm_pipeline_view_focus_deal (fixture->view, a));
  g_assert_true (press_shortcut (fixture, GDK_KEY_Right, GDK_CONTROL_MASK));
  g_assert_cmpint (deal_stage_id (fixture, a), ==, stage_id (fixture, 1));

  /* The toast says what happened and offers to undo it. */
  toast = crm_pipeline_view_get_move_toast (fixture->view);
  g_assert_nonnull (toast);
  g_assert_true (pango_parse_markup (adw_toast_get_title (toast), -1, 0, NULL, &shown, NULL, NULL));
  g_assert_cmpstr (shown, ==, "Moved “A” to Qualification");
  g_assert_cmpstr (adw_toast_get_button_label (toast), ==, "_Undo");
  g_assert_cmpstr (adw_toast_get_action_name (toast), ==, "win.undo");

  /* Undo (the toast's button, or Ctrl+Z): stage, place and history as they were; the toast
   * goes, its step being undone. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.undo", NULL));
  crm_test_iterate_main_context ();
  assert_stage_order (fixture, 0, (gint64[]){ a, b }, 2);
  g_assert_null (crm_pipeline_view_get_move_toast (fixture->view));
  g_assert_cmpuint (count_history (fixture, a), ==, 1);
  g_assert_cmpint (focused_deal (fixture), ==, a);

  /* A reorder is undone too. */
  g_assert_true (press_shortcut (fixture, GDK_KEY_Down, GDK_CONTROL_MASK));
  assert_stage_order (fixture, 0, (gint64[]){ b, a }, 2);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.undo", NULL));
  crm_test_iterate_main_context ();
  assert_stage_order (fixture, 0, (gint64[]){ a, b }, 2);

  /* A win (which sets the closing date) from the context menu's "Move To", undone (win.undo,
   * Ctrl+Z): open again, no closing date, the history as it was. */
  {
    guint won = G_MAXUINT;
    g_autoptr (CrmDealRecord) record = NULL;

    for (guint i = 0; i < crm_pipeline_view_get_n_columns (fixture->view); i++)
      if (crm_stage_get_kind (
              crm_stage_column_get_stage (crm_pipeline_view_get_column (fixture->view, i)))
          == CRM_STAGE_KIND_WON)
        won = i;
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->view), "pipeline.move-deal",
                                               "(xxi)", b, stage_id (fixture, won), -1));
    record = crm_store_get_deal (fixture->store, b, NULL);
    g_assert_cmpint (record->closed_at, >, 0);
    g_clear_pointer (&record, crm_deal_record_free);
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.undo", NULL));
    crm_test_iterate_main_context ();
    record = crm_store_get_deal (fixture->store, b, NULL);
    g_assert_cmpint (record->stage_id, ==, stage_id (fixture, 0));
    g_assert_cmpint (record->closed_at, ==, 0);
    g_assert_cmpuint (count_history (fixture, b), ==, 1);
    assert_stage_order (fixture, 0, (gint64[]){ a, b }, 2);
  }
}

static void
test_board_external_writes (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  gint64 a = insert_deal (fixture, "A", 0);
  gint64 b = insert_deal (fixture, "B", 0);
  gint64 c;
  CrmStageColumn *first;
  CrmStageColumn *third;

  show_board (fixture);
  first = crm_pipeline_view_get_column (fixture->view, 0);
  third = crm_pipeline_view_get_column (fixture->view, 2);

  /* A move written straight to the store. */
  g_assert_true (crm_store_move_deal (fixture->store, b, stage_id (fixture, 2), 0, &error));
  g_assert_no_error (error);
  assert_stage_order (fixture, 0, (gint64[]){ a }, 1);
  assert_stage_order (fixture, 2, (gint64[]){ b }, 1);
  g_assert_cmpstr (crm_stage_column_get_count_text (first), ==, "1");
  g_assert_cmpstr (crm_stage_column_get_count_text (third), ==, "1");
  crm_test_run_for (50);
  g_assert_nonnull (crm_stage_column_get_card (third, b));
  g_assert_null (crm_stage_column_get_card (first, b));

  /* An insert lands at the bottom of its column, with its card. */
  c = insert_deal (fixture, "C", 2);
  assert_stage_order (fixture, 2, (gint64[]){ b, c }, 2);
  crm_test_run_for (50);
  g_assert_cmpstr (card_title (crm_stage_column_get_card (third, c)), ==, "C");

  /* An update shows on the card. */
  {
    g_autoptr (CrmDealRecord) deal = crm_store_get_deal (fixture->store, c, &error);

    g_free (deal->title);
    deal->title = g_strdup ("C, renamed");
    g_assert_true (crm_store_update_deal (fixture->store, deal, &error));
    g_assert_no_error (error);
    g_assert_cmpstr (card_title (crm_stage_column_get_card (third, c)), ==, "C, renamed");
  }

  /* A delete takes the card away. */
  g_assert_true (crm_store_delete_deal (fixture->store, b, &error));
  g_assert_no_error (error);
  assert_stage_order (fixture, 2, (gint64[]){ c }, 1);
  g_assert_cmpstr (crm_stage_column_get_count_text (third), ==, "1");
}

static void
test_board_title_is_plain_text (Fixture *fixture, gconstpointer data)
{
  const char *title = "Q3 <renewal> & \"upsell\"";
  g_autofree char *shown = NULL;
  g_autofree char *expected = NULL;
  gint64 deal_id = insert_deal (fixture, title, 0);
  g_autoptr (GdkPaintable) card_paintable = NULL;
  g_autoptr (GdkPaintable) card_image = NULL;
  CrmDealCard *card;
  AdwToast *toast;

  show_board (fixture);
  card = crm_stage_column_get_card (crm_pipeline_view_get_column (fixture->view, 0), deal_id);
  g_assert_nonnull (card);
  /* The card lays its title out as plain text; drawing it raises no Pango warning (which
   * would be fatal here). */
  g_assert_cmpstr (card_title (card), ==, title);
  gtk_test_accessible_assert_property (card, GTK_ACCESSIBLE_PROPERTY_LABEL, title);
  card_paintable = gtk_widget_paintable_new (GTK_WIDGET (card));
  card_image = gdk_paintable_get_current_image (card_paintable);
  g_assert_cmpint (gdk_paintable_get_intrinsic_width (card_image), >, 0);

  /* The toast title is markup: escaped, it reads as typed. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->view),
                                             "pipeline.move-deal-next-stage", "x", deal_id));
  toast = crm_pipeline_view_get_move_toast (fixture->view);
  g_assert_nonnull (toast);
  g_assert_true (pango_parse_markup (adw_toast_get_title (toast), -1, 0, NULL, &shown, NULL, NULL));
  expected = g_strdup_printf ("Moved “%s” to Qualification", title);
  g_assert_cmpstr (shown, ==, expected);
  crm_test_run_for (50);
  card = crm_stage_column_get_card (crm_pipeline_view_get_column (fixture->view, 1), deal_id);
  g_assert_cmpstr (card_title (card), ==, title);
}

static gboolean
totals_ready (gpointer data)
{
  Fixture *fixture = data;

  return crm_board_totals_is_ready (fixture->view->totals, stage_id (fixture, 0));
}

/* @hundredths / 100, rounded half up (values here are positive). */
static gint64
round_hundredths (gint64 hundredths)
{
  return (hundredths + 50) / 100;
}

static void
test_board_totals_mixed_currencies (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CrmStageRecord) stage
      = crm_store_get_stage (fixture->store, stage_id (fixture, 0), &error);
  g_autoptr (GPtrArray) totals = NULL;
  g_autofree char *expected = NULL;
  CrmStageColumn *column;
  gint64 jpy;
  gint64 eur_weighted;
  gint64 usd_weighted;
  int p = stage->probability;
  CrmBoardTotal *eur;

  insert_deal_full (fixture, "Euro, stage odds", 0, 100050, "EUR", -1);
  insert_deal_full (fixture, "Euro, own odds", 0, 200000, "EUR", 25);
  insert_deal_full (fixture, "Dollars", 0, 99999, "USD", -1);
  jpy = insert_deal_full (fixture, "Yen", 0, 1201, "JPY", 50);
  insert_deal_full (fixture, "Elsewhere", 1, 777, "EUR", -1);
  show_board (fixture);
  crm_test_wait_for (totals_ready, fixture, "the totals");
  column = crm_pipeline_view_get_column (fixture->view, 0);

  /* One line per currency, by code; weighted = Σ value × probability, rounded once. */
  eur_weighted = round_hundredths (200000 * 25 + 100050 * (gint64) p);
  usd_weighted = round_hundredths (99999 * (gint64) p);
  expected = g_strdup_printf ("€3000.50 · €%" G_GINT64_FORMAT ".%02d weighted\n"
                              "¥1201 · ¥601 weighted\n"
                              "US$999.99 · US$%" G_GINT64_FORMAT ".%02d weighted",
                              eur_weighted / 100, (int) (eur_weighted % 100), usd_weighted / 100,
                              (int) (usd_weighted % 100));
  g_assert_cmpstr (crm_stage_column_get_totals_text (column), ==, expected);

  totals = crm_board_totals_dup (fixture->view->totals, stage_id (fixture, 0), p);
  g_assert_cmpuint (totals->len, ==, 3);
  eur = totals->pdata[0];
  g_assert_cmpstr (eur->currency, ==, "EUR");
  g_assert_cmpuint (eur->n_deals, ==, 2);
  g_assert_cmpint (eur->total_minor, ==, 300050);

  /* Moves, edits and deletes are followed. */
  g_assert_true (crm_store_move_deal (fixture->store, jpy, stage_id (fixture, 1), 0, &error));
  g_assert_no_error (error);
  g_assert_null (strstr (crm_stage_column_get_totals_text (column), "¥"));
  g_assert_nonnull (
      strstr (crm_stage_column_get_totals_text (crm_pipeline_view_get_column (fixture->view, 1)),
              "¥1201 · ¥601 weighted"));
  g_assert_true (crm_store_move_deal (fixture->store, jpy, stage_id (fixture, 0), -1, &error));
  g_assert_cmpstr (crm_stage_column_get_totals_text (column), ==, expected);
}

static void
test_board_drop_position (Fixture *fixture, gconstpointer data)
{
  gint64 a = insert_deal (fixture, "A", 0);
  gint64 b = insert_deal (fixture, "B", 0);
  gint64 c = insert_deal (fixture, "C", 0);
  gint64 other = insert_deal (fixture, "Other", 1);
  CrmStageColumn *column;
  graphene_rect_t bounds_b;
  graphene_rect_t bounds_c;
  double above_b;
  double below_c;

  show_board (fixture);
  column = crm_pipeline_view_get_column (fixture->view, 0);
  g_assert_true (gtk_widget_compute_bounds (GTK_WIDGET (crm_stage_column_get_card (column, b)),
                                            GTK_WIDGET (column), &bounds_b));
  g_assert_true (gtk_widget_compute_bounds (GTK_WIDGET (crm_stage_column_get_card (column, c)),
                                            GTK_WIDGET (column), &bounds_c));
  above_b = bounds_b.origin.y + 4;
  below_c = bounds_c.origin.y + bounds_c.size.height + 20;

  /* Over the top half of B: between A and B. */
  g_assert_cmpint (crm_stage_column_get_drop_position (column, other, above_b), ==, 1);
  g_assert_cmpint (crm_stage_column_get_drop_position (column, c, above_b), ==, 1);
  /* A or B dropped there stays where it is. */
  g_assert_cmpint (crm_stage_column_get_drop_position (column, a, above_b), ==, -1);
  g_assert_cmpint (crm_stage_column_get_drop_position (column, b, above_b), ==, -1);
  /* Below the last card: the bottom. */
  g_assert_cmpint (crm_stage_column_get_drop_position (column, other, below_c), ==, 3);
  g_assert_cmpint (crm_stage_column_get_drop_position (column, a, below_c), ==, 2);
  g_assert_cmpint (crm_stage_column_get_drop_position (column, c, below_c), ==, -1);
  /* An empty column takes it at the top. */
  g_assert_cmpint (
      crm_stage_column_get_drop_position (crm_pipeline_view_get_column (fixture->view, 3), a, 200),
      ==, 0);
}

/* The first frame, as painted: what each column may make cards for, whether it is in view,
 * and whether its cards reach below its visible part. */
typedef struct
{
  GtkWidget *window;
  gboolean painted;
  guint n_columns;
  guint limits[16];
  gboolean in_view[16];
  gboolean filled[16];
} FirstFrame;

/* The bottom of the lowest card the column has made, in window coordinates. */
static double
lowest_card_bottom (GtkWidget *column, GtkWidget *window)
{
  GtkWidget *list = crm_test_find_descendant (column, GTK_TYPE_GRID_VIEW);
  double bottom = 0;

  for (GtkWidget *row = gtk_widget_get_first_child (list); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      graphene_rect_t bounds;

      if (CRM_IS_DEAL_CARD (gtk_widget_get_first_child (row)) && gtk_widget_get_child_visible (row)
          && gtk_widget_compute_bounds (row, window, &bounds))
        bottom = MAX (bottom, bounds.origin.y + bounds.size.height);
    }
  return bottom;
}

static void
on_first_after_paint (GdkFrameClock *clock, FirstFrame *first)
{
  CrmPipelineView *view;

  if (first->painted)
    return;
  first->painted = TRUE;
  view = CRM_PIPELINE_VIEW (crm_test_find_descendant (first->window, CRM_TYPE_PIPELINE_VIEW));
  first->n_columns = MIN (crm_pipeline_view_get_n_columns (view), G_N_ELEMENTS (first->limits));
  for (guint i = 0; i < first->n_columns; i++)
    {
      GtkWidget *column = GTK_WIDGET (crm_pipeline_view_get_column (view, i));
      GtkWidget *scroller = crm_test_find_descendant (column, GTK_TYPE_SCROLLED_WINDOW);
      graphene_rect_t bounds;

      first->limits[i] = crm_stage_column_get_card_limit (CRM_STAGE_COLUMN (column));
      g_assert_true (gtk_widget_compute_bounds (scroller, first->window, &bounds));
      first->in_view[i] = bounds.origin.x < gtk_widget_get_width (first->window);
      first->filled[i]
          = lowest_card_bottom (column, first->window) >= bounds.origin.y + bounds.size.height;
    }
}

static void
on_window_realize_watch_first_frame (GtkWidget *window, FirstFrame *first)
{
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint",
                    G_CALLBACK (on_first_after_paint), first);
}

static gboolean
first_frame_painted (gpointer data)
{
  return ((FirstFrame *) data)->painted;
}

/* The first frame makes the cards it shows (and one more per column), not the ones below or
 * in the columns out of view; those join right after it. */
static void
test_board_first_frame_cards (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  guint last = fixture->stage_ids->len - 1;
  FirstFrame first = { 0 };
  gboolean some_out_of_view = FALSE;

  g_assert_true (crm_store_begin_bulk (fixture->store, &error));
  for (guint i = 0; i < 60; i++)
    {
      g_autofree char *title = g_strdup_printf ("Deal %u", i);

      insert_deal (fixture, title, 0);
      insert_deal (fixture, title, last);
    }
  g_assert_true (crm_store_commit (fixture->store, &error));
  g_assert_no_error (error);

  fixture->window = crm_window_new (app, fixture->store);
  first.window = GTK_WIDGET (fixture->window);
  g_signal_connect_after (fixture->window, "realize",
                          G_CALLBACK (on_window_realize_watch_first_frame), &first);
  gtk_window_present (GTK_WINDOW (fixture->window));
  crm_test_wait_for (first_frame_painted, &first, "the first frame");
  fixture->view = CRM_PIPELINE_VIEW (
      crm_test_find_descendant (GTK_WIDGET (fixture->window), CRM_TYPE_PIPELINE_VIEW));

  g_assert_cmpuint (first.n_columns, ==, fixture->stage_ids->len);
  g_assert_true (first.in_view[0]);
  g_assert_cmpuint (first.limits[0], >, 0);
  g_assert_cmpuint (first.limits[0], <, 60);
  g_assert_true (first.filled[0]);
  for (guint i = 0; i < first.n_columns; i++)
    if (!first.in_view[i])
      {
        some_out_of_view = TRUE;
        g_assert_cmpuint (first.limits[i], ==, 0);
      }
  if (!some_out_of_view)
    g_test_message ("every column is in view: the window is wide");

  crm_test_wait_for (board_columns_complete, fixture->view, "the columns' cards");
  g_assert_cmpstr (
      crm_stage_column_get_count_text (crm_pipeline_view_get_column (fixture->view, 0)), ==, "60");
  /* The column out of view has its cards now. */
  {
    g_autoptr (GArray) order = store_order (fixture, last);

    g_assert_nonnull (crm_stage_column_get_card (crm_pipeline_view_get_column (fixture->view, last),
                                                 g_array_index (order, gint64, 0)));
  }
}

static void
test_board_recycles_cards (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  CrmStageColumn *column;
  guint n_cards = 0;
  GtkWidget *list;

  g_assert_true (crm_store_begin_bulk (fixture->store, &error));
  for (guint i = 0; i < 5000; i++)
    {
      g_autofree char *title = g_strdup_printf ("Deal %u", i);

      insert_deal (fixture, title, 0);
    }
  g_assert_true (crm_store_commit (fixture->store, &error));
  g_assert_no_error (error);

  show_board (fixture);
  column = crm_pipeline_view_get_column (fixture->view, 0);
  g_assert_cmpstr (crm_stage_column_get_count_text (column), ==, "5000");

  /* The view makes cards for the deals near the view only. */
  list = crm_test_find_descendant (GTK_WIDGET (column), GTK_TYPE_GRID_VIEW);
  for (GtkWidget *row = gtk_widget_get_first_child (list); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    n_cards += CRM_IS_DEAL_CARD (gtk_widget_get_first_child (row));
  g_test_message ("%u cards for 5000 deals", n_cards);
  g_assert_cmpuint (n_cards, >, 0);
  g_assert_cmpuint (n_cards, <=, 50);

  /* The totals are summed in idle batches, then shown. */
  crm_test_wait_for (totals_ready, fixture, "the totals of 5000 deals");
  g_assert_nonnull (strstr (crm_stage_column_get_totals_text (column), "€5000000.00"));

  /* The last deal can be focused: its card is made on demand. */
  {
    g_autoptr (GArray) ids = store_order (fixture, 0);

    g_assert_true (crm_pipeline_view_focus_deal (fixture->view, g_array_index (ids, gint64, 4999)));
    g_assert_cmpint (focused_deal (fixture), ==, g_array_index (ids, gint64, 4999));
  }
}

static void
test_board_pipeline_switcher (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CrmPipelineRecord) pipeline = crm_pipeline_record_new ();
  g_autoptr (CrmStageRecord) stage = crm_stage_record_new ();
  GtkDropDown *dropdown;

  insert_deal (fixture, "A", 0);
  show_board (fixture);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (fixture->view->pipeline_dropdown)));

  pipeline->name = g_strdup ("Partners");
  pipeline->position = 1;
  g_assert_true (crm_store_insert_pipeline (fixture->store, pipeline, &error));
  g_assert_no_error (error);
  stage->pipeline_id = pipeline->id;
  stage->name = g_strdup ("Talking");
  stage->probability = 10;
  g_assert_true (crm_store_insert_stage (fixture->store, stage, &error));
  g_assert_no_error (error);

  /* Two pipelines: the switcher shows, still on the first. */
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (fixture->view->pipeline_dropdown)));
  g_assert_cmpint (crm_pipeline_view_get_pipeline_id (fixture->view), ==, fixture->pipeline_id);
  dropdown = fixture->view->pipeline_dropdown;
  g_assert_cmpuint (g_list_model_get_n_items (gtk_drop_down_get_model (dropdown)), ==, 2);

  /* Choosing the other one shows its stages. */
  gtk_drop_down_set_selected (dropdown, 1);
  g_assert_cmpint (crm_pipeline_view_get_pipeline_id (fixture->view), ==, pipeline->id);
  g_assert_cmpuint (crm_pipeline_view_get_n_columns (fixture->view), ==, 1);
  g_assert_true (crm_pipeline_view_get_empty (fixture->view));

  crm_pipeline_view_set_pipeline_id (fixture->view, fixture->pipeline_id);
  g_assert_cmpuint (gtk_drop_down_get_selected (dropdown), ==, 0);
  g_assert_cmpuint (crm_pipeline_view_get_n_columns (fixture->view), ==, fixture->stage_ids->len);
}

/* ---- Real input: the rapport program under XTest --------------------------------------- */

/* The accessibility tree of another process, read over the AT-SPI D-Bus interfaces. */
typedef struct
{
  GDBusConnection *bus;
  char *app_name; /* the application's unique name on the accessibility bus */
} A11ySession;

#define ATSPI_ACCESSIBLE "org.a11y.atspi.Accessible"
#define ATSPI_ROOT_PATH "/org/a11y/atspi/accessible/root"
#define ATSPI_COORD_TYPE_WINDOW 1

static void
a11y_session_clear (A11ySession *session)
{
  g_clear_object (&session->bus);
  g_clear_pointer (&session->app_name, g_free);
}

static GDBusConnection *
a11y_bus_connect (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GDBusConnection) session_bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, &error);
  g_autoptr (GVariant) reply = NULL;
  const char *address;
  GDBusConnection *bus;

  g_assert_no_error (error);
  reply = g_dbus_connection_call_sync (session_bus, "org.a11y.Bus", "/org/a11y/bus", "org.a11y.Bus",
                                       "GetAddress", NULL, G_VARIANT_TYPE ("(s)"),
                                       G_DBUS_CALL_FLAGS_NONE, 5000, NULL, &error);
  g_assert_no_error (error);
  g_variant_get (reply, "(&s)", &address);
  bus = g_dbus_connection_new_for_address_sync (
      address,
      G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT
          | G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION,
      NULL, NULL, &error);
  g_assert_no_error (error);
  return bus;
}

static GVariant *
a11y_call (A11ySession *session,
           const char *name,
           const char *path,
           const char *interface,
           const char *method,
           GVariant *parameters,
           const char *reply_type)
{
  return g_dbus_connection_call_sync (session->bus, name, path, interface, method, parameters,
                                      G_VARIANT_TYPE (reply_type), G_DBUS_CALL_FLAGS_NONE, 5000,
                                      NULL, NULL);
}

/* The application of process @pid on the accessibility bus, or NULL while it has none. */
static char *
a11y_find_app (A11ySession *session, GPid pid)
{
  g_autoptr (GVariant) reply = a11y_call (session, "org.a11y.atspi.Registry", ATSPI_ROOT_PATH,
                                          ATSPI_ACCESSIBLE, "GetChildren", NULL, "(a(so))");
  g_autoptr (GVariantIter) children = NULL;
  const char *name;
  const char *path;

  if (reply == NULL)
    return NULL;
  g_variant_get (reply, "(a(so))", &children);
  while (g_variant_iter_next (children, "(&s&o)", &name, &path))
    {
      g_autoptr (GVariant) owner = a11y_call (
          session, "org.freedesktop.DBus", "/org/freedesktop/DBus", "org.freedesktop.DBus",
          "GetConnectionUnixProcessID", g_variant_new ("(s)", name), "(u)");
      guint32 owner_pid = 0;

      if (owner != NULL)
        g_variant_get (owner, "(u)", &owner_pid);
      if ((GPid) owner_pid == pid)
        return g_strdup (name);
    }
  return NULL;
}

static char *
a11y_get_name (A11ySession *session, const char *path)
{
  g_autoptr (GVariant) reply
      = a11y_call (session, session->app_name, path, "org.freedesktop.DBus.Properties", "Get",
                   g_variant_new ("(ss)", ATSPI_ACCESSIBLE, "Name"), "(v)");
  g_autoptr (GVariant) value = NULL;

  if (reply == NULL)
    return NULL;
  g_variant_get (reply, "(v)", &value);
  return g_variant_dup_string (value, NULL);
}

/* Depth-first search under @path for an accessible named @name that lies inside an accessible
 * named @ancestor (when not NULL); fills @extents (x, y, width, height in window coordinates). */
static gboolean
a11y_find (A11ySession *session,
           const char *path,
           const char *name,
           const char *ancestor,
           gboolean inside,
           int extents[4])
{
  g_autofree char *own_name = a11y_get_name (session, path);
  g_autoptr (GVariant) reply = NULL;
  g_autoptr (GVariantIter) children = NULL;
  const char *child_name;
  const char *child_path;

  inside = inside || (ancestor != NULL && g_strcmp0 (own_name, ancestor) == 0);
  if (g_strcmp0 (own_name, name) == 0 && (ancestor == NULL || inside))
    {
      g_autoptr (GVariant) box
          = a11y_call (session, session->app_name, path, "org.a11y.atspi.Component", "GetExtents",
                       g_variant_new ("(u)", ATSPI_COORD_TYPE_WINDOW), "((iiii))");

      if (box != NULL)
        {
          g_variant_get (box, "((iiii))", &extents[0], &extents[1], &extents[2], &extents[3]);
          if (extents[2] > 0 && extents[3] > 0)
            return TRUE;
        }
    }

  reply = a11y_call (session, session->app_name, path, ATSPI_ACCESSIBLE, "GetChildren", NULL,
                     "(a(so))");
  if (reply == NULL)
    return FALSE;
  g_variant_get (reply, "(a(so))", &children);
  while (g_variant_iter_next (children, "(&s&o)", &child_name, &child_path))
    {
      if (a11y_find (session, child_path, name, ancestor, inside, extents))
        return TRUE;
    }
  return FALSE;
}

typedef struct
{
  GSubprocess *process;
  char *log_path;
  char *window_id;
  A11ySession a11y;
} Program;

static void
program_fail (Program *program, const char *what)
{
  g_autofree char *log = NULL;

  g_file_get_contents (program->log_path, &log, NULL, NULL);
  g_error ("%s\n--- rapport's output ---\n%s", what, log != NULL ? log : "");
}

static void
program_start (Program *program, Fixture *fixture)
{
  g_autoptr (GSubprocessLauncher) launcher
      = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDERR_MERGE);
  g_autoptr (GError) error = NULL;
  const char *binary = g_getenv ("RAPPORT_GUI");
  static guint n_starts;

  g_assert_nonnull (binary);
  program->log_path = g_strdup_printf ("%s/rapport-%u.log", fixture->tmpdir, n_starts++);
  g_subprocess_launcher_set_stdout_file_path (launcher, program->log_path);
  /* Its accessibility tree is how the test finds its widgets. */
  g_subprocess_launcher_unsetenv (launcher, "GTK_A11Y");
  g_subprocess_launcher_unsetenv (launcher, "NO_AT_BRIDGE");
  program->process = g_subprocess_launcher_spawn (launcher, &error, binary, "--database",
                                                  fixture->db_path, NULL);
  g_assert_no_error (error);
  program->a11y.bus = a11y_bus_connect ();
}

static void
program_stop (Program *program)
{
  if (program->process != NULL)
    {
      g_subprocess_send_signal (program->process, SIGTERM);
      g_subprocess_wait (program->process, NULL, NULL);
    }
  g_clear_object (&program->process);
  g_clear_pointer (&program->log_path, g_free);
  g_clear_pointer (&program->window_id, g_free);
  a11y_session_clear (&program->a11y);
}

static void
program_check_alive (Program *program)
{
  if (g_subprocess_get_identifier (program->process) == NULL)
    program_fail (program, "rapport exited");
}

static GPid
program_pid (Program *program)
{
  const char *identifier = g_subprocess_get_identifier (program->process);

  return identifier != NULL ? (GPid) g_ascii_strtoll (identifier, NULL, 10) : 0;
}

/* Waits (up to 20 s) until the program shows an accessible @name inside @ancestor; fills
 * @extents. */
static void
program_find (Program *program, const char *name, const char *ancestor, int extents[4])
{
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  while (g_get_monotonic_time () < deadline)
    {
      program_check_alive (program);
      if (program->a11y.app_name == NULL)
        program->a11y.app_name = a11y_find_app (&program->a11y, program_pid (program));
      if (program->a11y.app_name != NULL
          && a11y_find (&program->a11y, ATSPI_ROOT_PATH, name, ancestor, FALSE, extents))
        return;
      g_usleep (200 * 1000);
    }
  {
    g_autofree char *what
        = g_strdup_printf ("“%s” (in “%s”) never showed in the accessibility tree", name,
                           ancestor != NULL ? ancestor : "anything");
    program_fail (program, what);
  }
}

static void
run_xdotool (GPtrArray *argv)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *errors = NULL;
  int status = 0;

  g_ptr_array_add (argv, NULL);
  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL,
                NULL, NULL, NULL, &errors, &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("xdotool failed: %s", errors);
}

static const char *
program_window (Program *program)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *pid = g_strdup_printf ("%d", program_pid (program));
  g_autofree char *output = NULL;
  const char *argv[] = { "xdotool", "search", "--sync", "--onlyvisible", "--pid", pid, NULL };
  g_auto (GStrv) lines = NULL;
  int status = 0;

  if (program->window_id != NULL)
    return program->window_id;
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL, NULL,
                NULL, &output, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  lines = g_strsplit (output, "\n", 2);
  program->window_id = g_strdup (g_strstrip (lines[0]));
  g_assert_cmpstr (program->window_id, !=, "");
  return program->window_id;
}

static void
add_args (GPtrArray *argv, ...)
{
  va_list args;
  const char *arg;

  va_start (args, argv);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, g_strdup (arg));
  va_end (args);
}

static void
add_move (GPtrArray *argv, const char *window, int x, int y)
{
  g_ptr_array_add (argv, g_strdup ("mousemove"));
  g_ptr_array_add (argv, g_strdup ("--window"));
  g_ptr_array_add (argv, g_strdup (window));
  g_ptr_array_add (argv, g_strdup_printf ("%d", x));
  g_ptr_array_add (argv, g_strdup_printf ("%d", y));
}

/* Presses the first button at (x0, y0) of the program's window, moves in small steps to
 * (x1, y1) and lets go: real XTest input, as a hand on a mouse gives. */
static void
program_drag (Program *program, int x0, int y0, int x1, int y1)
{
  g_autoptr (GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  const char *window = program_window (program);
  const int steps = 16;

  g_ptr_array_add (argv, g_strdup ("xdotool"));
  add_move (argv, window, x0, y0);
  add_args (argv, "sleep", "0.2", "mousedown", "1", "sleep", "0.2", NULL);
  for (int i = 1; i <= steps; i++)
    {
      add_move (argv, window, x0 + (x1 - x0) * i / steps, y0 + (y1 - y0) * i / steps);
      add_args (argv, "sleep", "0.05", NULL);
    }
  add_args (argv, "sleep", "0.3", "mouseup", "1", NULL);
  run_xdotool (argv);
}

typedef struct
{
  Fixture *fixture;
  Program *program;
  gint64 deal_id;
  gint64 stage_id;
  guint position;
} DealPlace;

/* Waits (up to 10 s) until deal @deal_id is at @position of stage @stage_id in the database. */
static void
wait_for_place (DealPlace *place)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (g_get_monotonic_time () < deadline)
    {
      g_autoptr (CrmDealRecord) deal
          = crm_store_get_deal (place->fixture->store, place->deal_id, NULL);
      g_autoptr (GArray) ids = NULL;

      program_check_alive (place->program);
      if (deal != NULL && deal->stage_id == place->stage_id)
        {
          ids = crm_store_list_deal_ids_in_stage (place->fixture->store, place->stage_id, NULL);
          if (ids != NULL && place->position < ids->len
              && g_array_index (ids, gint64, place->position) == place->deal_id)
            return;
        }
      g_usleep (100 * 1000);
    }
  program_fail (place->program, "The drop did not reach the database");
}

static gboolean
skip_without_xdotool (void)
{
  g_autofree char *xdotool = g_find_program_in_path ("xdotool");

  if (xdotool != NULL)
    return FALSE;
  g_test_skip ("xdotool is not installed: no XTest input to drag with");
  return TRUE;
}

static void
test_xtest_drag_to_other_column (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) history = NULL;
  g_autoptr (GArray) stage_ids = NULL;
  Program program = { 0 };
  CrmDealStageHistoryRecord *last;
  gint64 dragged;
  gint64 first_in_target;
  int card[4];
  int target[4];

  if (skip_without_xdotool ())
    return;

  insert_deal (fixture, "Stays put", 0);
  dragged = insert_deal (fixture, "Drag me across", 0);
  first_in_target = insert_deal (fixture, "Already qualified", 1);
  insert_deal (fixture, "Also qualified", 1);

  program_start (&program, fixture);
  program_find (&program, "Drag me across", "Initial contact", card);
  program_find (&program, "Already qualified", "Qualification", target);

  /* Onto the top half of the first card of Qualification: it lands above it. */
  program_drag (&program, card[0] + card[2] / 2, card[1] + card[3] / 2, target[0] + target[2] / 2,
                target[1] + target[3] / 4);
  wait_for_place (&(DealPlace){ fixture, &program, dragged, stage_id (fixture, 1), 0 });

  /* Stage, place and one history row from Initial contact to Qualification. */
  stage_ids = store_order (fixture, 1);
  g_assert_cmpuint (stage_ids->len, ==, 3);
  g_assert_cmpint (g_array_index (stage_ids, gint64, 0), ==, dragged);
  g_assert_cmpint (g_array_index (stage_ids, gint64, 1), ==, first_in_target);
  history = crm_store_list_deal_history (fixture->store, dragged, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (history->len, ==, 2);
  last = history->pdata[1];
  g_assert_cmpint (last->from_stage_id, ==, stage_id (fixture, 0));
  g_assert_cmpint (last->to_stage_id, ==, stage_id (fixture, 1));
  program_stop (&program);

  /* Started again, the card is in its new column. */
  program_start (&program, fixture);
  program_find (&program, "Drag me across", "Qualification", card);
  program_stop (&program);
}

static void
test_xtest_drag_within_column (Fixture *fixture, gconstpointer data)
{
  g_autoptr (CrmDealRecord) before = NULL;
  g_autoptr (CrmDealRecord) after = NULL;
  Program program = { 0 };
  gint64 a = insert_deal (fixture, "First card", 0);
  gint64 b = insert_deal (fixture, "Second card", 0);
  gint64 c = insert_deal (fixture, "Third card", 0);
  int card_a[4];
  int card_b[4];
  int card_c[4];

  if (skip_without_xdotool ())
    return;

  program_start (&program, fixture);
  program_find (&program, "First card", "Initial contact", card_a);
  program_find (&program, "Second card", "Initial contact", card_b);
  program_find (&program, "Third card", "Initial contact", card_c);

  /* Dropping a card back on its own place changes nothing. */
  before = crm_store_get_deal (fixture->store, b, NULL);
  program_drag (&program, card_b[0] + card_b[2] / 2, card_b[1] + card_b[3] / 2,
                card_b[0] + card_b[2] / 2 + 30, card_b[1] + card_b[3] * 3 / 4);
  g_usleep (500 * 1000);
  after = crm_store_get_deal (fixture->store, b, NULL);
  g_assert_cmpint (after->updated_at, ==, before->updated_at);
  g_assert_cmpstr (after->position, ==, before->position);

  /* The first card onto the bottom half of the third: last. */
  program_drag (&program, card_a[0] + card_a[2] / 2, card_a[1] + card_a[3] / 2,
                card_c[0] + card_c[2] / 2, card_c[1] + card_c[3] * 3 / 4);
  wait_for_place (&(DealPlace){ fixture, &program, a, stage_id (fixture, 0), 2 });
  {
    g_autoptr (GArray) order = store_order (fixture, 0);

    g_assert_cmpint (g_array_index (order, gint64, 0), ==, b);
    g_assert_cmpint (g_array_index (order, gint64, 1), ==, c);
    g_assert_cmpint (g_array_index (order, gint64, 2), ==, a);
  }
  /* A reorder is no stage change: no history row. */
  g_assert_cmpuint (count_history (fixture, a), ==, 1);
  program_stop (&program);

  /* The order survives a restart: the first card is now below the third. */
  program_start (&program, fixture);
  program_find (&program, "First card", "Initial contact", card_a);
  program_find (&program, "Third card", "Initial contact", card_c);
  g_assert_cmpint (card_a[1], >, card_c[1]);
  program_stop (&program);
}

/* A pipeline that fits the window: Lead, Won and Lost; the default one goes. */
static void
use_small_pipeline (Fixture *fixture)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CrmPipelineRecord) pipeline = crm_pipeline_record_new ();
  const struct
  {
    const char *name;
    CrmStageKind kind;
    int probability;
  } stages[] = {
    { "Lead", CRM_STAGE_KIND_OPEN, 20 },
    { "Won", CRM_STAGE_KIND_WON, 100 },
    { "Lost", CRM_STAGE_KIND_LOST, 0 },
  };

  g_assert_true (crm_store_delete_pipeline (fixture->store, fixture->pipeline_id, &error));
  g_assert_no_error (error);
  pipeline->name = g_strdup ("Small");
  g_assert_true (crm_store_insert_pipeline (fixture->store, pipeline, &error));
  g_assert_no_error (error);
  fixture->pipeline_id = pipeline->id;
  g_array_set_size (fixture->stage_ids, 0);
  for (guint i = 0; i < G_N_ELEMENTS (stages); i++)
    {
      g_autoptr (CrmStageRecord) stage = crm_stage_record_new ();

      stage->pipeline_id = pipeline->id;
      stage->name = g_strdup (stages[i].name);
      stage->kind = stages[i].kind;
      stage->probability = stages[i].probability;
      stage->position = (int) i;
      g_assert_true (crm_store_insert_stage (fixture->store, stage, &error));
      g_assert_no_error (error);
      g_array_append_val (fixture->stage_ids, stage->id);
    }
}

static void
program_click (Program *program, const int extents[4])
{
  g_autoptr (GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);

  g_ptr_array_add (argv, g_strdup ("xdotool"));
  add_move (argv, program_window (program), extents[0] + extents[2] / 2,
            extents[1] + extents[3] / 2);
  add_args (argv, "sleep", "0.2", "click", "1", NULL);
  run_xdotool (argv);
}

/* Collapse Won with its button, then drag a card onto the strip: the deal is won. */
static void
test_xtest_drag_to_collapsed_column (Fixture *fixture, gconstpointer data)
{
  g_autoptr (CrmDealRecord) deal = NULL;
  Program program = { 0 };
  gint64 dragged;
  int card[4];
  int button[4];
  int column[4] = { 0 };
  gint64 deadline;

  if (skip_without_xdotool ())
    return;

  use_small_pipeline (fixture);
  dragged = insert_deal (fixture, "Signed today", 0);
  insert_deal (fixture, "Won before", 1);

  program_start (&program, fixture);
  program_find (&program, "Signed today", "Lead", card);
  program_find (&program, "Collapse “Won”", "Won", button);
  program_click (&program, button);

  /* The strip is narrow once collapsed. */
  deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  do
    {
      program_find (&program, "Expand “Won”", NULL, button);
      program_find (&program, "Won", NULL, column);
      if (column[2] > 0 && column[2] < 100)
        break;
      g_usleep (100 * 1000);
    }
  while (g_get_monotonic_time () < deadline);
  g_assert_cmpint (column[2], <, 100);

  program_drag (&program, card[0] + card[2] / 2, card[1] + card[3] / 2, column[0] + column[2] / 2,
                column[1] + column[3] / 2);
  wait_for_place (&(DealPlace){ fixture, &program, dragged, stage_id (fixture, 1), 0 });
  deal = crm_store_get_deal (fixture->store, dragged, NULL);
  g_assert_cmpint (deal->closed_at, >, 0);
  program_stop (&program);
}

static void
test_xtest_keyboard_move (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  Program program = { 0 };
  gint64 deal_id = insert_deal (fixture, "Keyboard only", 0);
  int card[4];

  if (skip_without_xdotool ())
    return;

  program_start (&program, fixture);
  program_find (&program, "Keyboard only", "Initial contact", card);

  /* A click gives the card the focus; Ctrl+Right moves it on, Ctrl+Right again further. */
  g_ptr_array_add (argv, g_strdup ("xdotool"));
  add_move (argv, program_window (&program), card[0] + card[2] / 2, card[1] + card[3] / 2);
  add_args (argv, "click", "1", "sleep", "0.3", "key", "ctrl+Right", "sleep", "0.3", "key",
            "ctrl+Right", NULL);
  run_xdotool (argv);
  wait_for_place (&(DealPlace){ fixture, &program, deal_id, stage_id (fixture, 2), 0 });
  g_assert_cmpuint (count_history (fixture, deal_id), ==, 3);
  program_stop (&program);
}

int
main (int argc, char *argv[])
{
  if (!crm_test_gui_init (&argc, &argv))
    return 0;
  /* Money is checked as the C locale writes it. */
  setlocale (LC_MONETARY, "C");
  setlocale (LC_NUMERIC, "C");

  app = crm_test_application_new ();

  g_test_add_func ("/gui/money/format", test_money_format);
  CRM_TEST_ADD_F ("/gui/pipeline/columns", test_board_columns);
  CRM_TEST_ADD_F ("/gui/pipeline/cards-in-store-order", test_board_cards_in_store_order);
  CRM_TEST_ADD_F ("/gui/pipeline/empty-state", test_board_empty_state);
  CRM_TEST_ADD_F ("/gui/pipeline/stale-badge", test_board_stale_badge);
  CRM_TEST_ADD_F ("/gui/pipeline/next-step", test_board_next_step);
  CRM_TEST_ADD_F ("/gui/pipeline/filter", test_board_filter);
  CRM_TEST_ADD_F ("/gui/pipeline/collapse", test_board_collapse);
  CRM_TEST_ADD_F ("/gui/pipeline/stage-editor", test_stage_editor);
  CRM_TEST_ADD_F ("/gui/pipeline/new-pipeline", test_new_pipeline);
  CRM_TEST_ADD_F ("/gui/pipeline/closed-deals", test_board_closed_deals);
  CRM_TEST_ADD_F ("/gui/pipeline/keyboard-moves", test_board_keyboard_moves);
  CRM_TEST_ADD_F ("/gui/pipeline/actions", test_board_actions);
  CRM_TEST_ADD_F ("/gui/pipeline/lost-reason", test_board_lost_reason);
  CRM_TEST_ADD_F ("/gui/pipeline/context-menu", test_board_context_menu);
  CRM_TEST_ADD_F ("/gui/pipeline/undo", test_board_undo);
  CRM_TEST_ADD_F ("/gui/pipeline/external-writes", test_board_external_writes);
  CRM_TEST_ADD_F ("/gui/pipeline/title-is-plain-text", test_board_title_is_plain_text);
  CRM_TEST_ADD_F ("/gui/pipeline/totals-mixed-currencies", test_board_totals_mixed_currencies);
  CRM_TEST_ADD_F ("/gui/pipeline/drop-position", test_board_drop_position);
  CRM_TEST_ADD_F ("/gui/pipeline/recycles-cards", test_board_recycles_cards);
  CRM_TEST_ADD_F ("/gui/pipeline/first-frame-cards", test_board_first_frame_cards);
  CRM_TEST_ADD_F ("/gui/pipeline/pipeline-switcher", test_board_pipeline_switcher);
  CRM_TEST_ADD_F ("/gui/pipeline/xtest/drag-to-other-column", test_xtest_drag_to_other_column);
  CRM_TEST_ADD_F ("/gui/pipeline/xtest/drag-within-column", test_xtest_drag_within_column);
  CRM_TEST_ADD_F ("/gui/pipeline/xtest/keyboard-move", test_xtest_keyboard_move);
  CRM_TEST_ADD_F ("/gui/pipeline/xtest/drag-to-collapsed-column",
                  test_xtest_drag_to_collapsed_column);

  return crm_test_gui_run (&app);
}

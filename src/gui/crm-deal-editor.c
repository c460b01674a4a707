/* crm-deal-editor.c — CrmDealEditor: create or edit a deal (title, contact, company, value and
 * currency, expected close, stage, own win probability, notes) and delete it with undo.
 * Everything is checked before anything is written, and the write is one store call, so a
 * deal is never saved half. */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "crm-activity-editor.h"
#include "crm-board-money.h"
#include "crm-deal-editor.h"
#include "crm-entity-picker.h"
#include "crm-gui-resources.h"
#include "crm-stage-list-model.h"
#include "crm-stage.h"
#include "crm-win-predictor.h"
#include "crm-timeline-list.h"
#include "crm-window.h"

struct _CrmDealEditor
{
  AdwWindow parent_instance;

  CrmRepository *repository;
  CrmUndoManager *undo_manager;
  CrmStageListModel *stages;
  CrmDeal *deal; /* NULL for a new deal */

  AdwWindowTitle *window_title;
  GtkLabel *error_label;
  AdwEntryRow *title_row;
  AdwEntryRow *contact_row;
  AdwEntryRow *company_row;
  CrmEntityPicker *contact_picker;
  CrmEntityPicker *company_picker;
  AdwEntryRow *value_row;
  AdwEntryRow *currency_row;
  AdwEntryRow *close_row;
  AdwComboRow *stage_row;
  AdwActionRow *probability_row;
  GtkSwitch *probability_switch;
  GtkSpinButton *probability_spin;
  GtkTextView *notes_view;
  AdwPreferencesGroup *activity_group;
  GtkWidget *delete_button;

  /* The predicted win probability of an open deal: trained once per editor, in a thread. */
  GCancellable *prediction_cancellable;
  CrmWinPredictor *predictor;
  CrmDealFeatures deal_features;
  gboolean has_deal_features;
};

G_DEFINE_FINAL_TYPE (CrmDealEditor, crm_deal_editor, ADW_TYPE_WINDOW)

/* ---- Parsing what a person typed ---------------------------------------------------------- */

gboolean
crm_deal_editor_parse_value (const char *text, const char *currency, gint64 *value_minor)
{
  guint digits = crm_currency_get_digits (currency);
  g_autoptr (GString) clean = g_string_new (NULL);
  const char *decimal = NULL;
  gint64 units = 0, fraction = 0;
  guint fraction_digits = 0;
  char grouping = '\0';

  /* Keep digits and separators; spaces (also no-break ones) only group thousands. */
  for (const char *p = text; p != NULL && *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      if (g_unichar_isspace (c) || c == 0x202f || c == 0x00a0 || c == '\'')
        continue;
      if (!(c == '.' || c == ',' || (c >= '0' && c <= '9')))
        return FALSE;
      g_string_append_c (clean, (char) c);
    }
  if (clean->len == 0)
    return FALSE;

  /* The last separator is the decimal one when at most the currency's digits follow it. */
  for (gsize i = clean->len; i > 0; i--)
    if (clean->str[i - 1] == '.' || clean->str[i - 1] == ',')
      {
        if (clean->len - i <= digits && clean->len - i > 0)
          decimal = clean->str + i - 1;
        break;
      }

  for (const char *p = clean->str; *p != '\0'; p++)
    {
      if (p == decimal)
        continue;
      if (*p == '.' || *p == ',')
        {
          /* Grouping separators: before the decimal one, all alike, and unlike it. */
          if ((decimal != NULL && (p > decimal || *p == *decimal))
              || (grouping != '\0' && *p != grouping))
            return FALSE;
          grouping = *p;
          continue;
        }
      if (decimal != NULL && p > decimal)
        {
          fraction = fraction * 10 + (*p - '0');
          fraction_digits++;
        }
      else
        {
          if (units > (G_MAXINT64 / 10) - 10)
            return FALSE;
          units = units * 10 + (*p - '0');
        }
    }
  for (; fraction_digits < digits; fraction_digits++)
    fraction *= 10;
  for (guint i = 0; i < digits; i++)
    {
      if (units > G_MAXINT64 / 10)
        return FALSE;
      units *= 10;
    }
  *value_minor = units + fraction;
  return TRUE;
}

static char *
format_plain_value (gint64 value_minor, const char *currency)
{
  guint digits = crm_currency_get_digits (currency);
  gint64 divisor = 1;

  for (guint i = 0; i < digits; i++)
    divisor *= 10;
  if (digits == 0)
    return g_strdup_printf ("%" G_GINT64_FORMAT, value_minor);
  return g_strdup_printf ("%" G_GINT64_FORMAT ".%0*" G_GINT64_FORMAT, value_minor / divisor,
                          (int) digits, value_minor % divisor);
}

static gboolean
parse_date (const char *text, gint64 *unix_time)
{
  int year, month, day;
  char extra;
  g_autoptr (GDateTime) date = NULL;

  if (sscanf (text, "%4d-%2d-%2d%c", &year, &month, &day, &extra) != 3)
    return FALSE;
  date = g_date_time_new_utc (year, month, day, 0, 0, 0);
  if (date == NULL)
    return FALSE;
  *unix_time = g_date_time_to_unix (date);
  return TRUE;
}

/* The contact or company whose name is @name (case-insensitive), through the search index. */
static gint64
find_by_name (CrmStore *store, CrmEntity entity, const char *name)
{
  g_autoptr (GPtrArray) hits = crm_store_search (store, name, 50, NULL);
  g_autofree char *wanted = g_utf8_casefold (name, -1);

  for (guint i = 0; hits != NULL && i < hits->len; i++)
    {
      CrmSearchHit *hit = hits->pdata[i];
      g_autofree char *title = g_utf8_casefold (hit->title != NULL ? hit->title : "", -1);
      if (hit->entity == entity && g_strcmp0 (title, wanted) == 0)
        return hit->id;
    }
  return 0;
}

static char *
name_of (CrmStore *store, CrmEntity entity, gint64 id)
{
  if (id == 0)
    return g_strdup ("");
  if (entity == CRM_ENTITY_CONTACT)
    {
      g_autoptr (CrmContactRecord) contact = crm_store_get_contact (store, id, NULL);
      return g_strdup (contact != NULL ? contact->name : "");
    }
  {
    g_autoptr (CrmCompanyRecord) company = crm_store_get_company (store, id, NULL);
    return g_strdup (company != NULL ? company->name : "");
  }
}

/* ---- Showing problems --------------------------------------------------------------------- */

static void
clear_problems (CrmDealEditor *self)
{
  GtkWidget *rows[] = { GTK_WIDGET (self->title_row),    GTK_WIDGET (self->contact_row),
                        GTK_WIDGET (self->company_row),  GTK_WIDGET (self->value_row),
                        GTK_WIDGET (self->currency_row), GTK_WIDGET (self->close_row) };

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    gtk_widget_remove_css_class (rows[i], "error");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
}

static gint64
refuse (CrmDealEditor *self, AdwEntryRow *row, GError **error, const char *message)
{
  if (row != NULL)
    {
      gtk_widget_add_css_class (GTK_WIDGET (row), "error");
      gtk_widget_grab_focus (GTK_WIDGET (row));
    }
  gtk_label_set_text (self->error_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
  g_set_error_literal (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID, message);
  return 0;
}

/* ---- Saving ------------------------------------------------------------------------------- */

static char *
dup_trimmed_text (AdwEntryRow *row)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
}

static gint64
resolve_party (
    CrmDealEditor *self, AdwEntryRow *row, CrmEntity entity, gboolean *ok, GError **error)
{
  g_autofree char *name = dup_trimmed_text (row);
  CrmStore *store = crm_repository_get_store (self->repository);
  gint64 id;

  *ok = TRUE;
  if (name[0] == '\0')
    return 0;
  /* Picked from the list: that very record, even when another has the same name. */
  id = crm_entity_picker_get_id (entity == CRM_ENTITY_CONTACT ? self->contact_picker
                                                              : self->company_picker);
  if (id == 0)
    id = find_by_name (store, entity, name);
  if (id == 0)
    {
      g_autofree char *message
          = g_strdup_printf (entity == CRM_ENTITY_CONTACT ? _ ("There is no contact named “%s”")
                                                          : _ ("There is no company named “%s”"),
                             name);
      *ok = FALSE;
      refuse (self, row, error, message);
    }
  return id;
}

gint64
crm_deal_editor_save (CrmDealEditor *self, GError **error)
{
  CrmStore *store = crm_repository_get_store (self->repository);
  g_autoptr (CrmDealRecord) deal = NULL;
  g_autofree char *title = dup_trimmed_text (self->title_row);
  g_autofree char *currency
      = g_ascii_strup (gtk_editable_get_text (GTK_EDITABLE (self->currency_row)), -1);
  g_autofree char *value_text = dup_trimmed_text (self->value_row);
  g_autofree char *close_text = dup_trimmed_text (self->close_row);
  g_autoptr (CrmStage) stage = NULL;
  g_autoptr (GError) store_error = NULL;
  GtkTextIter start, end;
  gint64 value_minor = 0, expected_close = 0, contact_id, company_id;
  gboolean ok;

  g_return_val_if_fail (CRM_IS_DEAL_EDITOR (self), 0);

  clear_problems (self);
  g_strstrip (currency);
  if (title[0] == '\0')
    return refuse (self, self->title_row, error, _ ("A deal needs a title"));
  if (strlen (currency) != 3 || !g_ascii_isalpha (currency[0]) || !g_ascii_isalpha (currency[1])
      || !g_ascii_isalpha (currency[2]))
    return refuse (self, self->currency_row, error,
                   _ ("The currency is a three-letter code such as EUR, USD or GBP"));
  if (value_text[0] != '\0' && !crm_deal_editor_parse_value (value_text, currency, &value_minor))
    return refuse (self, self->value_row, error,
                   _ ("The value is an amount such as 1250 or 1250.50"));
  if (close_text[0] != '\0' && !parse_date (close_text, &expected_close))
    return refuse (self, self->close_row, error,
                   _ ("The expected close is a date written as YYYY-MM-DD"));
  contact_id = resolve_party (self, self->contact_row, CRM_ENTITY_CONTACT, &ok, error);
  if (!ok)
    return 0;
  company_id = resolve_party (self, self->company_row, CRM_ENTITY_COMPANY, &ok, error);
  if (!ok)
    return 0;
  stage = adw_combo_row_get_selected_item (self->stage_row) != NULL
              ? g_object_ref (adw_combo_row_get_selected_item (self->stage_row))
              : NULL;
  if (stage == NULL)
    return refuse (self, NULL, error, _ ("Choose a stage for the deal"));

  deal = self->deal != NULL ? crm_entity_object_dup_record (CRM_ENTITY_OBJECT (self->deal))
                            : crm_deal_record_new ();
  g_free (deal->title);
  deal->title = g_steal_pointer (&title);
  g_free (deal->currency);
  deal->currency = g_strdup (currency);
  deal->value_minor = value_minor;
  deal->expected_close = expected_close;
  deal->contact_id = contact_id;
  deal->company_id = company_id;
  deal->stage_id = crm_entity_object_get_id (CRM_ENTITY_OBJECT (stage));
  deal->probability_override = gtk_switch_get_active (self->probability_switch)
                                   ? gtk_spin_button_get_value_as_int (self->probability_spin)
                                   : -1;
  gtk_text_buffer_get_bounds (gtk_text_view_get_buffer (self->notes_view), &start, &end);
  g_free (deal->notes);
  deal->notes = gtk_text_iter_get_text (&start, &end);
  if (deal->notes[0] == '\0')
    g_clear_pointer (&deal->notes, g_free);

  if (!(self->deal != NULL ? crm_store_update_deal (store, deal, &store_error)
                           : crm_store_insert_deal (store, deal, &store_error)))
    {
      refuse (self, NULL, NULL, store_error->message);
      g_propagate_error (error, g_steal_pointer (&store_error));
      return 0;
    }
  return deal->id;
}

static void
on_save_activate (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  CrmDealEditor *self = CRM_DEAL_EDITOR (widget);

  if (crm_deal_editor_save (self, NULL) != 0)
    gtk_window_destroy (GTK_WINDOW (self));
}

static void
on_delete_activate (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  CrmDealEditor *self = CRM_DEAL_EDITOR (widget);
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));
  g_autoptr (GError) error = NULL;

  if (self->deal == NULL)
    return;
  if (!crm_undo_manager_delete_deal (
          self->undo_manager, crm_entity_object_get_id (CRM_ENTITY_OBJECT (self->deal)), &error))
    {
      refuse (self, NULL, NULL, error->message);
      return;
    }
  if (CRM_IS_WINDOW (parent))
    {
      /* Toast titles are markup; the label quotes the deal's title. */
      g_autofree char *escaped
          = g_markup_escape_text (crm_undo_manager_get_undo_label (self->undo_manager), -1);
      AdwToast *toast = adw_toast_new (escaped);
      adw_toast_set_button_label (toast, _ ("_Undo"));
      adw_toast_set_action_name (toast, "win.undo");
      crm_window_add_toast (CRM_WINDOW (parent), toast);
    }
  gtk_window_destroy (GTK_WINDOW (self));
}

/* ---- The deal's activities ------------------------------------------------------------------ */

/* Its recent timeline (activities and stage changes) and Log Activity, for a deal that exists. */
static void
show_activities (CrmDealEditor *self)
{
  gint64 id = crm_entity_object_get_id (CRM_ENTITY_OBJECT (self->deal));
  g_autoptr (CrmTimelineModel) model = crm_timeline_model_new (
      crm_repository_get_store (self->repository), CRM_TIMELINE_SCOPE_DEAL, id, 5);
  GtkWidget *list = crm_timeline_list_new (self->undo_manager);

  crm_timeline_list_set_model (CRM_TIMELINE_LIST (list), model, TRUE);
  adw_preferences_group_add (self->activity_group, list);
  gtk_widget_set_visible (GTK_WIDGET (self->activity_group), TRUE);
}

static void
on_log_activity_activate (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  CrmDealEditor *self = CRM_DEAL_EDITOR (widget);
  CrmActivityEditor *editor;

  if (self->deal == NULL)
    return;
  editor = crm_activity_editor_new (GTK_WINDOW (self), self->undo_manager, 0,
                                    crm_entity_object_get_id (CRM_ENTITY_OBJECT (self->deal)));
  gtk_window_present (GTK_WINDOW (editor));
}

/* ---- Filling the form --------------------------------------------------------------------- */

static void
select_stage (CrmDealEditor *self, gint64 stage_id)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->stages));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr (CrmStage) stage = g_list_model_get_item (G_LIST_MODEL (self->stages), i);
      if (crm_entity_object_get_id (CRM_ENTITY_OBJECT (stage)) == stage_id)
        {
          adw_combo_row_set_selected (self->stage_row, i);
          return;
        }
    }
}

static void
fill_from_deal (CrmDealEditor *self)
{
  CrmStore *store = crm_repository_get_store (self->repository);
  const CrmDealRecord *deal = crm_entity_object_get_record (CRM_ENTITY_OBJECT (self->deal));
  g_autofree char *contact = name_of (store, CRM_ENTITY_CONTACT, deal->contact_id);
  g_autofree char *company = name_of (store, CRM_ENTITY_COMPANY, deal->company_id);
  g_autofree char *value = format_plain_value (deal->value_minor, deal->currency);

  adw_window_title_set_title (self->window_title, _ ("Edit Deal"));
  /* Which deal, in the header (a plain label: the title shows as typed). */
  adw_window_title_set_subtitle (self->window_title, deal->title != NULL ? deal->title : "");
  gtk_editable_set_text (GTK_EDITABLE (self->title_row), deal->title != NULL ? deal->title : "");
  crm_entity_picker_set (self->contact_picker, deal->contact_id, contact);
  crm_entity_picker_set (self->company_picker, deal->company_id, company);
  gtk_editable_set_text (GTK_EDITABLE (self->value_row), value);
  gtk_editable_set_text (GTK_EDITABLE (self->currency_row),
                         deal->currency != NULL ? deal->currency : "");
  if (deal->expected_close != 0)
    {
      g_autoptr (GDateTime) date = g_date_time_new_from_unix_utc (deal->expected_close);
      g_autofree char *text = g_date_time_format (date, "%Y-%m-%d");
      gtk_editable_set_text (GTK_EDITABLE (self->close_row), text);
    }
  select_stage (self, deal->stage_id);
  gtk_switch_set_active (self->probability_switch, deal->probability_override >= 0);
  if (deal->probability_override >= 0)
    gtk_spin_button_set_value (self->probability_spin, deal->probability_override);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->notes_view),
                            deal->notes != NULL ? deal->notes : "", -1);
  gtk_widget_set_visible (self->delete_button, TRUE);
  show_activities (self);
}

static void
fill_for_new_deal (CrmDealEditor *self)
{
  g_autoptr (GSettings) settings = g_settings_new (APPLICATION_ID);
  g_autofree char *currency = g_settings_get_string (settings, "default-currency");

  adw_window_title_set_title (self->window_title, _ ("New Deal"));
  gtk_editable_set_text (GTK_EDITABLE (self->currency_row), currency);
  adw_combo_row_set_selected (self->stage_row, 0);
}

/* ---- Win probability: the stage's default, and the prediction from closed deals -------- */

static CrmStage *
dup_selected_stage (CrmDealEditor *self)
{
  guint selected = adw_combo_row_get_selected (self->stage_row);

  if (selected == GTK_INVALID_LIST_POSITION)
    return NULL;
  return g_list_model_get_item (G_LIST_MODEL (self->stages), selected);
}

/* "Predicted: 64 % (from 143 closed deals)", for the deal in @stage (as if moved there: a
 * stage further than it has been counts as reached). */
static char *
dup_prediction_text (CrmDealEditor *self, CrmStage *stage)
{
  g_autoptr (GError) error = NULL;
  CrmDealFeatures deal = self->deal_features;
  CrmWinFeatures features;
  guint n_closed;
  double probability;

  if (self->predictor == NULL)
    return g_strdup (_ ("Predicted: …"));
  n_closed = crm_win_predictor_get_n_closed (self->predictor);
  if (!crm_win_predictor_has_enough_history (self->predictor))
    return g_strdup_printf (ngettext ("Predicted: not enough history (%u closed deal, %u needed)",
                                      "Predicted: not enough history (%u closed deals, %u needed)",
                                      n_closed),
                            n_closed, (guint) CRM_WIN_PREDICTOR_MIN_CLOSED);
  if (crm_stage_get_position (stage) > deal.furthest_stage_position)
    {
      deal.furthest_stage_id = crm_entity_object_get_id (CRM_ENTITY_OBJECT (stage));
      deal.furthest_stage_position = crm_stage_get_position (stage);
    }
  crm_win_features_init (&features, &deal);
  if (!crm_win_predictor_predict (self->predictor, &features, &probability, &error))
    return g_strdup (error->message);
  /* Translators: a predicted win probability in percent (keep the %% for the sign). */
  return g_strdup_printf (ngettext ("Predicted: %d %% (from %u closed deal)",
                                    "Predicted: %d %% (from %u closed deals)", n_closed),
                          (int) (probability * 100.0 + 0.5), n_closed);
}

static void
update_probability_row (CrmDealEditor *self)
{
  g_autoptr (CrmStage) stage = dup_selected_stage (self);
  g_autofree char *stage_text = NULL;
  g_autofree char *prediction = NULL;
  g_autofree char *subtitle = NULL;

  gtk_widget_set_visible (GTK_WIDGET (self->probability_row), stage != NULL);
  if (stage == NULL)
    return;
  /* Translators: the default win probability of the deal's stage, in percent. */
  stage_text = g_strdup_printf (_ ("Stage default: %d %%"), crm_stage_get_probability (stage));
  /* Only an open deal has an outcome to predict. */
  if (self->has_deal_features && crm_stage_get_kind (stage) == CRM_STAGE_KIND_OPEN)
    prediction = dup_prediction_text (self, stage);
  /* One line each: the stage's default probability, then the predicted one. */
  subtitle = prediction != NULL ? g_strconcat (stage_text, "\n", prediction, NULL)
                                : g_steal_pointer (&stage_text);
  adw_action_row_set_subtitle (self->probability_row, subtitle);
}

static void
on_predictor_trained (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (CrmDealEditor) self = user_data;
  g_autoptr (GError) error = NULL;
  CrmWinPredictor *predictor = crm_win_predictor_train_finish (result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (predictor == NULL)
    {
      /* No number rather than a made-up one; the row keeps the stage's default. */
      g_debug ("Cannot predict the win probability: %s", error->message);
      self->has_deal_features = FALSE;
    }
  self->predictor = predictor;
  update_probability_row (self);
}

/* Reads the deal's features now (one indexed read) and learns from the closed deals of its
 * pipeline in a thread; the row says "Predicted: …" until then. */
static void
start_prediction (CrmDealEditor *self, gint64 pipeline_id)
{
  CrmStore *store = crm_repository_get_store (self->repository);
  g_autoptr (GError) error = NULL;

  self->has_deal_features = crm_store_get_deal_features (
      store, crm_entity_object_get_id (CRM_ENTITY_OBJECT (self->deal)), &self->deal_features,
      &error);
  if (!self->has_deal_features || self->deal_features.outcome != CRM_STAGE_KIND_OPEN)
    {
      self->has_deal_features = FALSE;
      return;
    }
  self->prediction_cancellable = g_cancellable_new ();
  crm_win_predictor_train_async (store, pipeline_id, self->prediction_cancellable,
                                 on_predictor_trained, g_object_ref (self));
}

/* ---- GObject ---------------------------------------------------------------------------- */

static void
crm_deal_editor_dispose (GObject *object)
{
  CrmDealEditor *self = CRM_DEAL_EDITOR (object);

  /* Their popovers go before the rows they hang from. */
  if (self->contact_picker != NULL)
    crm_entity_picker_detach (self->contact_picker);
  if (self->company_picker != NULL)
    crm_entity_picker_detach (self->company_picker);
  g_clear_object (&self->contact_picker);
  g_clear_object (&self->company_picker);
  if (self->prediction_cancellable != NULL)
    g_cancellable_cancel (self->prediction_cancellable);
  g_clear_object (&self->prediction_cancellable);
  g_clear_pointer (&self->predictor, crm_win_predictor_free);
  gtk_widget_dispose_template (GTK_WIDGET (self), CRM_TYPE_DEAL_EDITOR);
  g_clear_object (&self->stages);
  g_clear_object (&self->deal);
  g_clear_object (&self->undo_manager);
  g_clear_object (&self->repository);
  G_OBJECT_CLASS (crm_deal_editor_parent_class)->dispose (object);
}

static void
crm_deal_editor_class_init (CrmDealEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  crm_gui_resources_ensure ();
  object_class->dispose = crm_deal_editor_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/crm-deal-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, CrmDealEditor, window_title);
  gtk_widget_class_bind_template_child (widget_class, CrmDealEditor, error_label);
  gtk_widget_class_bind_template_child (widget_class, CrmDealEditor, title_row);
  gtk_widget_class_bind_template_child (widget_class, CrmDealEditor, contact_row);
  gtk_widget_class_bind_template_child (widget_class, CrmDealEditor, company_row);
  gtk_widget_class_bind_template_child (widget_class, CrmDealEditor, value_row);
  gtk_widget_class_bind_template_child (widget_class, CrmDealEditor, currency_row);
  gtk_widget_class_bind_template_child (widget_class, CrmDealEditor, close_row);
  gtk_widget_class_bind_template_child (widget_class, CrmDealEditor, stage_row);
  gtk_widget_class_bind_template_child (widget_class, CrmDealEditor, probability_row);
  gtk_widget_class_bind_template_child (widget_class, CrmDealEditor, probability_switch);
  gtk_widget_class_bind_template_child (widget_class, CrmDealEditor, probability_spin);
  gtk_widget_class_bind_template_child (widget_class, CrmDealEditor, notes_view);
  gtk_widget_class_bind_template_child (widget_class, CrmDealEditor, activity_group);
  gtk_widget_class_bind_template_child (widget_class, CrmDealEditor, delete_button);

  gtk_widget_class_install_action (widget_class, "editor.save", NULL, on_save_activate);
  gtk_widget_class_install_action (widget_class, "editor.delete", NULL, on_delete_activate);
  gtk_widget_class_install_action (widget_class, "editor.log-activity", NULL,
                                   on_log_activity_activate);
}

static void
crm_deal_editor_init (CrmDealEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  g_object_bind_property (self->probability_switch, "active", self->probability_spin, "sensitive",
                          G_BINDING_SYNC_CREATE);
}

CrmDealEditor *
crm_deal_editor_new (GtkWindow *parent,
                     CrmRepository *repository,
                     CrmUndoManager *undo_manager,
                     gint64 pipeline_id,
                     CrmDeal *deal)
{
  CrmDealEditor *self;
  g_autoptr (GtkExpression) name = NULL;

  g_return_val_if_fail (CRM_IS_REPOSITORY (repository), NULL);
  g_return_val_if_fail (CRM_IS_UNDO_MANAGER (undo_manager), NULL);

  self = g_object_new (CRM_TYPE_DEAL_EDITOR, "transient-for", parent, NULL);
  self->repository = g_object_ref (repository);
  self->undo_manager = g_object_ref (undo_manager);
  self->deal = deal != NULL ? g_object_ref (deal) : NULL;
  if (deal != NULL)
    {
      gint64 stage_id = crm_deal_get_stage_id (deal);
      g_autoptr (CrmStage) stage
          = crm_repository_get_object (repository, CRM_ENTITY_STAGE, stage_id, NULL);
      if (stage != NULL)
        pipeline_id = crm_stage_get_pipeline_id (stage);
    }
  self->contact_picker = crm_entity_picker_new (
      self->contact_row, crm_repository_get_store (repository), CRM_ENTITY_CONTACT);
  self->company_picker = crm_entity_picker_new (
      self->company_row, crm_repository_get_store (repository), CRM_ENTITY_COMPANY);
  self->stages = crm_stage_list_model_new (repository, pipeline_id);
  name = gtk_property_expression_new (CRM_TYPE_STAGE, NULL, "name");
  adw_combo_row_set_expression (self->stage_row, name);
  adw_combo_row_set_model (self->stage_row, G_LIST_MODEL (self->stages));

  if (deal != NULL)
    {
      fill_from_deal (self);
      start_prediction (self, pipeline_id);
    }
  else
    fill_for_new_deal (self);
  g_signal_connect_object (self->stage_row, "notify::selected", G_CALLBACK (update_probability_row),
                           self, G_CONNECT_SWAPPED);
  update_probability_row (self);
  gtk_window_set_focus (GTK_WINDOW (self), GTK_WIDGET (self->title_row));
  return self;
}

CrmEntityPicker *
crm_deal_editor_get_contact_picker (CrmDealEditor *self)
{
  g_return_val_if_fail (CRM_IS_DEAL_EDITOR (self), NULL);

  return self->contact_picker;
}

CrmEntityPicker *
crm_deal_editor_get_company_picker (CrmDealEditor *self)
{
  g_return_val_if_fail (CRM_IS_DEAL_EDITOR (self), NULL);

  return self->company_picker;
}

/* crm-activity-editor.c — CrmActivityEditor (see the header). Built in code: a header bar
 * (Cancel, Log), the kind, subject and time, the task's due time and done switch (shown for
 * tasks and support cases), the contact (a searchable picker) and deal, and the notes.
 * Everything is checked before the one write.
 */
#include "config.h"

#include "crm-activity-editor.h"

#include <glib/gi18n.h>

#include "crm-contact-actions.h"
#include "crm-date-format.h"
#include "crm-entity-picker.h"
#include "crm-window.h"

struct _CrmActivityEditor
{
  AdwWindow parent_instance;

  CrmUndoManager *undo_manager;
  CrmScoreRules rules;
  CrmEntityPicker *contact_picker;
  GArray *deal_ids; /* gint64, one per item of the deal row (0: none) */
  gint64 preset_deal_id;

  GtkLabel *error_label;
  AdwComboRow *kind_row;
  AdwEntryRow *subject_row;
  AdwEntryRow *day_row;
  AdwEntryRow *time_row;
  GtkWidget *task_group;
  AdwEntryRow *due_day_row;
  AdwEntryRow *due_time_row;
  AdwActionRow *done_row;
  GtkSwitch *done_switch;
  AdwEntryRow *contact_row;
  AdwComboRow *deal_row;
  GtkTextView *notes_view;
};

G_DEFINE_FINAL_TYPE (CrmActivityEditor, crm_activity_editor, ADW_TYPE_WINDOW)

static CrmStore *
get_store (CrmActivityEditor *self)
{
  return crm_undo_manager_get_store (self->undo_manager);
}

static char *
dup_trimmed (AdwEntryRow *row)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
}

static void
set_row_text (AdwEntryRow *row, const char *text)
{
  if (text != NULL)
    gtk_editable_set_text (GTK_EDITABLE (row), text);
}

/* ---- The kind and the deals ---------------------------------------------------------------- */

static CrmActivityKind
selected_kind (CrmActivityEditor *self)
{
  guint kind = adw_combo_row_get_selected (self->kind_row);

  return kind <= CRM_ACTIVITY_SUPPORT ? (CrmActivityKind) kind : CRM_ACTIVITY_CALL;
}

/* Tasks are due and done; a support case is resolved. */
static void
on_kind_selected (CrmActivityEditor *self)
{
  CrmActivityKind kind = selected_kind (self);
  gboolean task = kind == CRM_ACTIVITY_TASK;

  gtk_widget_set_visible (self->task_group, task || kind == CRM_ACTIVITY_SUPPORT);
  gtk_widget_set_visible (GTK_WIDGET (self->due_day_row), task);
  gtk_widget_set_visible (GTK_WIDGET (self->due_time_row), task);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->done_row),
                                 task ? _ ("Done") : _ ("Resolved"));
}

/* The deal row lists the contact's deals (and the deal the dialog was opened for). */
static void
fill_deals (CrmActivityEditor *self, gint64 contact_id, gint64 select_id)
{
  g_autoptr (GtkStringList) names = gtk_string_list_new (NULL);
  g_autoptr (GPtrArray) deals = NULL;
  gint64 none = 0;
  guint selected = 0;

  g_array_set_size (self->deal_ids, 0);
  gtk_string_list_append (names, _ ("None"));
  g_array_append_val (self->deal_ids, none);
  deals = contact_id != 0 ? crm_store_list_deals_for_contact (get_store (self), contact_id, NULL)
                          : g_ptr_array_new_with_free_func ((GDestroyNotify) crm_deal_record_free);
  if (deals != NULL && self->preset_deal_id != 0)
    {
      gboolean listed = FALSE;

      for (guint i = 0; i < deals->len; i++)
        listed |= ((CrmDealRecord *) deals->pdata[i])->id == self->preset_deal_id;
      if (!listed)
        {
          CrmDealRecord *preset = crm_store_get_deal (get_store (self), self->preset_deal_id, NULL);

          if (preset != NULL)
            g_ptr_array_insert (deals, 0, preset);
        }
    }
  for (guint i = 0; deals != NULL && i < deals->len; i++)
    {
      CrmDealRecord *deal = deals->pdata[i];

      gtk_string_list_append (names, deal->title);
      g_array_append_val (self->deal_ids, deal->id);
      if (deal->id == select_id)
        selected = self->deal_ids->len - 1;
    }
  adw_combo_row_set_model (self->deal_row, G_LIST_MODEL (names));
  adw_combo_row_set_selected (self->deal_row, selected);
}

static gint64
selected_deal (CrmActivityEditor *self)
{
  guint selected = adw_combo_row_get_selected (self->deal_row);

  return selected < self->deal_ids->len ? g_array_index (self->deal_ids, gint64, selected) : 0;
}

static void
on_contact_changed (CrmActivityEditor *self)
{
  gint64 contact_id = crm_entity_picker_get_id (self->contact_picker);

  /* Each contact picked brings its deals; typing in between keeps the list. */
  if (contact_id != 0)
    fill_deals (self, contact_id, selected_deal (self));
}

/* ---- Saving ---------------------------------------------------------------------------------- */

static void
clear_problems (CrmActivityEditor *self)
{
  AdwEntryRow *rows[] = { self->subject_row, self->day_row,      self->time_row,
                          self->due_day_row, self->due_time_row, self->contact_row };

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    gtk_widget_remove_css_class (GTK_WIDGET (rows[i]), "error");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
}

static gint64
refuse (CrmActivityEditor *self, AdwEntryRow *row, const char *message, GError **error)
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

static char *
notes_text (CrmActivityEditor *self)
{
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (gtk_text_view_get_buffer (self->notes_view), &start, &end);
  return g_strstrip (gtk_text_iter_get_text (&start, &end));
}

gint64
crm_activity_editor_save (CrmActivityEditor *self, GError **error)
{
  g_autoptr (CrmActivityRecord) activity = crm_activity_record_new ();
  g_autofree char *subject = NULL;
  g_autofree char *notes = NULL;
  g_autofree char *day = NULL;
  g_autofree char *time = NULL;
  g_autofree char *contact = NULL;
  g_autoptr (GError) local_error = NULL;
  CrmActivityKind kind;
  gint64 id;

  g_return_val_if_fail (CRM_IS_ACTIVITY_EDITOR (self), 0);

  clear_problems (self);
  kind = selected_kind (self);
  subject = dup_trimmed (self->subject_row);
  notes = notes_text (self);
  day = dup_trimmed (self->day_row);
  time = dup_trimmed (self->time_row);
  contact = dup_trimmed (self->contact_row);
  if (subject[0] == '\0' && notes[0] == '\0')
    return refuse (self, self->subject_row, _ ("Write what it was about: a subject or notes"),
                   error);
  if (!crm_date_parse (day, time, &activity->occurred_at))
    return refuse (self, self->day_row,
                   _ ("The date is written as YYYY-MM-DD and the time as HH:MM"), error);
  if (kind == CRM_ACTIVITY_TASK)
    {
      g_autofree char *due_day = dup_trimmed (self->due_day_row);
      g_autofree char *due_time = dup_trimmed (self->due_time_row);

      if ((due_day[0] != '\0' || due_time[0] != '\0')
          && !crm_date_parse (due_day, due_time, &activity->due_at))
        return refuse (self, self->due_day_row,
                       _ ("The due date is written as YYYY-MM-DD and the time as HH:MM"), error);
    }
  activity->contact_id = crm_entity_picker_get_id (self->contact_picker);
  if (contact[0] != '\0' && activity->contact_id == 0)
    {
      g_autofree char *message = g_strdup_printf (
          _ ("There is no contact named “%s”: choose one from the list"), contact);

      return refuse (self, self->contact_row, message, error);
    }
  activity->deal_id = selected_deal (self);
  if (activity->contact_id == 0 && activity->deal_id == 0)
    return refuse (self, self->contact_row, _ ("Link the activity to a contact or a deal"), error);

  activity->kind = kind;
  activity->subject = g_steal_pointer (&subject);
  activity->notes = notes[0] != '\0' ? g_steal_pointer (&notes) : NULL;
  if (kind == CRM_ACTIVITY_TASK || kind == CRM_ACTIVITY_SUPPORT)
    {
      activity->done = gtk_switch_get_active (self->done_switch);
      activity->done_at = activity->done ? g_get_real_time () / G_USEC_PER_SEC : 0;
    }
  id = crm_contact_actions_log_activity (self->undo_manager, &self->rules, activity, &local_error);
  if (id == 0)
    {
      refuse (self, NULL, local_error->message, NULL);
      g_propagate_error (error, g_steal_pointer (&local_error));
    }
  return id;
}

static void
on_save_activate (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  CrmActivityEditor *self = CRM_ACTIVITY_EDITOR (widget);
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));

  if (crm_activity_editor_save (self, NULL) == 0)
    return;
  if (CRM_IS_WINDOW (parent))
    {
      /* Toast titles are markup; the label quotes the subject. */
      g_autofree char *escaped
          = g_markup_escape_text (crm_undo_manager_get_undo_label (self->undo_manager), -1);
      AdwToast *toast = adw_toast_new (escaped);

      adw_toast_set_button_label (toast, _ ("_Undo"));
      adw_toast_set_action_name (toast, "win.undo");
      crm_window_add_toast (CRM_WINDOW (parent), toast);
    }
  gtk_window_destroy (GTK_WINDOW (self));
}

/* ---- Public setters -------------------------------------------------------------------------- */

void
crm_activity_editor_set_score_rules (CrmActivityEditor *self, const CrmScoreRules *rules)
{
  g_return_if_fail (CRM_IS_ACTIVITY_EDITOR (self));
  g_return_if_fail (rules != NULL);

  self->rules = *rules;
}

void
crm_activity_editor_set_fields (CrmActivityEditor *self,
                                CrmActivityKind kind,
                                const char *subject,
                                const char *notes,
                                const char *day,
                                const char *time)
{
  g_return_if_fail (CRM_IS_ACTIVITY_EDITOR (self));
  g_return_if_fail (kind <= CRM_ACTIVITY_SUPPORT);

  adw_combo_row_set_selected (self->kind_row, kind);
  set_row_text (self->subject_row, subject);
  if (notes != NULL)
    gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->notes_view), notes, -1);
  set_row_text (self->day_row, day);
  set_row_text (self->time_row, time);
}

void
crm_activity_editor_set_due (CrmActivityEditor *self,
                             const char *day,
                             const char *time,
                             gboolean done)
{
  g_return_if_fail (CRM_IS_ACTIVITY_EDITOR (self));

  set_row_text (self->due_day_row, day);
  set_row_text (self->due_time_row, time);
  gtk_switch_set_active (self->done_switch, done);
}

/* ---- Building -------------------------------------------------------------------------------- */

static AdwEntryRow *
add_entry_row (GtkWidget *group, const char *title, GtkInputPurpose purpose)
{
  AdwEntryRow *row = ADW_ENTRY_ROW (adw_entry_row_new ());

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_entry_row_set_input_purpose (row, purpose);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (row));
  return row;
}

static AdwComboRow *
add_combo_row (GtkWidget *group, const char *title, GListModel *model)
{
  AdwComboRow *row = ADW_COMBO_ROW (adw_combo_row_new ());

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  /* Deal titles are user text. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_combo_row_set_model (row, model);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (row));
  return row;
}

static GtkWidget *
build_form (CrmActivityEditor *self)
{
  g_autoptr (GtkStringList) kinds = gtk_string_list_new (NULL);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);
  GtkWidget *what = adw_preferences_group_new ();
  GtkWidget *when = adw_preferences_group_new ();
  GtkWidget *links = adw_preferences_group_new ();
  GtkWidget *notes = adw_preferences_group_new ();
  GtkWidget *frame = gtk_frame_new (NULL);

  self->error_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->error_label, TRUE);
  gtk_label_set_xalign (self->error_label, 0);
  gtk_widget_add_css_class (GTK_WIDGET (self->error_label), "error");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->error_label));

  for (CrmActivityKind kind = CRM_ACTIVITY_CALL; kind <= CRM_ACTIVITY_SUPPORT; kind++)
    gtk_string_list_append (kinds, crm_activity_kind_get_label (kind));
  self->kind_row = add_combo_row (what, _ ("Kind"), G_LIST_MODEL (kinds));
  self->subject_row = add_entry_row (what, _ ("Subject"), GTK_INPUT_PURPOSE_FREE_FORM);
  adw_entry_row_set_activates_default (self->subject_row, TRUE);
  gtk_box_append (GTK_BOX (box), what);

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (when), _ ("When"));
  self->day_row = add_entry_row (when, _ ("Date (YYYY-MM-DD)"), GTK_INPUT_PURPOSE_DIGITS);
  self->time_row = add_entry_row (when, _ ("Time (HH:MM)"), GTK_INPUT_PURPOSE_DIGITS);
  gtk_box_append (GTK_BOX (box), when);

  self->task_group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self->task_group), _ ("Follow-Up"));
  self->due_day_row
      = add_entry_row (self->task_group, _ ("Due Date (YYYY-MM-DD)"), GTK_INPUT_PURPOSE_DIGITS);
  self->due_time_row
      = add_entry_row (self->task_group, _ ("Due Time (HH:MM)"), GTK_INPUT_PURPOSE_DIGITS);
  self->done_row = ADW_ACTION_ROW (adw_action_row_new ());
  self->done_switch = GTK_SWITCH (gtk_switch_new ());
  gtk_widget_set_valign (GTK_WIDGET (self->done_switch), GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (self->done_row, GTK_WIDGET (self->done_switch));
  adw_action_row_set_activatable_widget (self->done_row, GTK_WIDGET (self->done_switch));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self->task_group), GTK_WIDGET (self->done_row));
  gtk_box_append (GTK_BOX (box), self->task_group);

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (links), _ ("With"));
  self->contact_row = add_entry_row (links, _ ("Contact"), GTK_INPUT_PURPOSE_NAME);
  self->deal_row = add_combo_row (links, _ ("Deal"), NULL);
  gtk_box_append (GTK_BOX (box), links);

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (notes), _ ("Notes"));
  self->notes_view = GTK_TEXT_VIEW (gtk_text_view_new ());
  gtk_text_view_set_wrap_mode (self->notes_view, GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_top_margin (self->notes_view, 8);
  gtk_text_view_set_bottom_margin (self->notes_view, 8);
  gtk_text_view_set_left_margin (self->notes_view, 8);
  gtk_text_view_set_right_margin (self->notes_view, 8);
  gtk_widget_set_size_request (GTK_WIDGET (self->notes_view), -1, 96);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->notes_view), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _ ("Notes"), -1);
  gtk_frame_set_child (GTK_FRAME (frame), GTK_WIDGET (self->notes_view));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (notes), frame);
  gtk_box_append (GTK_BOX (box), notes);
  return box;
}

static void
crm_activity_editor_dispose (GObject *object)
{
  CrmActivityEditor *self = CRM_ACTIVITY_EDITOR (object);

  if (self->contact_picker != NULL)
    crm_entity_picker_detach (self->contact_picker);
  g_clear_object (&self->contact_picker);
  g_clear_object (&self->undo_manager);
  g_clear_pointer (&self->deal_ids, g_array_unref);
  G_OBJECT_CLASS (crm_activity_editor_parent_class)->dispose (object);
}

static void
crm_activity_editor_class_init (CrmActivityEditorClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = crm_activity_editor_dispose;
  gtk_widget_class_install_action (widget_class, "editor.save", NULL, on_save_activate);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK,
                                       "editor.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
crm_activity_editor_init (CrmActivityEditor *self)
{
  GtkWidget *toolbar = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *cancel = gtk_button_new_with_mnemonic (_ ("_Cancel"));
  GtkWidget *save = gtk_button_new_with_mnemonic (_ ("_Log"));
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *clamp = adw_clamp_new ();

  self->deal_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  {
    /* The scoring rules in force (Preferences); the contact pane passes its own copy too. */
    g_autoptr (GSettings) settings = g_settings_new (APPLICATION_ID);
    crm_score_rules_load (settings, &self->rules);
  }

  gtk_window_set_title (GTK_WINDOW (self), _ ("Log Activity"));
  gtk_window_set_modal (GTK_WINDOW (self), TRUE);
  gtk_window_set_default_size (GTK_WINDOW (self), 460, 640);

  adw_header_bar_set_show_end_title_buttons (ADW_HEADER_BAR (header), FALSE);
  adw_header_bar_set_show_start_title_buttons (ADW_HEADER_BAR (header), FALSE);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (cancel), "window.close");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (save), "editor.save");
  gtk_widget_add_css_class (save, "suggested-action");
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), cancel);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), save);
  gtk_box_append (GTK_BOX (toolbar), header);
  gtk_window_set_default_widget (GTK_WINDOW (self), save);

  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 560);
  gtk_widget_set_margin_top (clamp, 12);
  gtk_widget_set_margin_bottom (clamp, 12);
  gtk_widget_set_margin_start (clamp, 12);
  gtk_widget_set_margin_end (clamp, 12);
  adw_clamp_set_child (ADW_CLAMP (clamp), build_form (self));
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), clamp);
  gtk_widget_set_vexpand (scroller, TRUE);
  gtk_box_append (GTK_BOX (toolbar), scroller);
  adw_window_set_content (ADW_WINDOW (self), toolbar);

  g_signal_connect_swapped (self->kind_row, "notify::selected", G_CALLBACK (on_kind_selected),
                            self);
  on_kind_selected (self);
}

CrmActivityEditor *
crm_activity_editor_new (GtkWindow *parent,
                         CrmUndoManager *undo_manager,
                         gint64 contact_id,
                         gint64 deal_id)
{
  CrmActivityEditor *self;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  g_autofree char *day = crm_date_format_iso_day (now);
  g_autofree char *time = crm_date_format_iso_time (now);

  g_return_val_if_fail (CRM_IS_UNDO_MANAGER (undo_manager), NULL);

  self = g_object_new (CRM_TYPE_ACTIVITY_EDITOR, "transient-for", parent, NULL);
  self->undo_manager = g_object_ref (undo_manager);
  self->preset_deal_id = deal_id;
  self->contact_picker
      = crm_entity_picker_new (self->contact_row, get_store (self), CRM_ENTITY_CONTACT);
  if (contact_id == 0 && deal_id != 0)
    {
      /* Logged from a deal: with the deal's contact. */
      g_autoptr (CrmDealRecord) deal = crm_store_get_deal (get_store (self), deal_id, NULL);

      if (deal != NULL)
        contact_id = deal->contact_id;
    }
  if (contact_id != 0)
    {
      g_autoptr (CrmContactRecord) contact
          = crm_store_get_contact (get_store (self), contact_id, NULL);

      if (contact != NULL)
        crm_entity_picker_set (self->contact_picker, contact_id, contact->name);
    }
  fill_deals (self, contact_id, deal_id);
  g_signal_connect_swapped (self->contact_row, "changed", G_CALLBACK (on_contact_changed), self);
  set_row_text (self->day_row, day);
  set_row_text (self->time_row, time);
  gtk_window_set_focus (GTK_WINDOW (self), GTK_WIDGET (self->subject_row));
  return self;
}

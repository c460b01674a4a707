/* crm-feedback-editor.c — CrmFeedbackEditor (see the header): a header bar (Cancel, Add) over
 * a kind row, a score row whose range follows the kind, a comment and a day. */
#include "config.h"

#include "crm-feedback-editor.h"

#include <glib/gi18n.h>

#include "crm-contact-actions.h"
#include "crm-date-format.h"

struct _CrmFeedbackEditor
{
  AdwWindow parent_instance;

  CrmUndoManager *undo_manager;
  gint64 contact_id;

  GtkLabel *error_label;
  AdwComboRow *kind_row;
  GtkSpinButton *score_spin;
  AdwEntryRow *comment_row;
  AdwEntryRow *day_row;
};

G_DEFINE_FINAL_TYPE (CrmFeedbackEditor, crm_feedback_editor, ADW_TYPE_WINDOW)

static CrmFeedbackKind
selected_kind (CrmFeedbackEditor *self)
{
  return adw_combo_row_get_selected (self->kind_row) == CRM_FEEDBACK_CSAT ? CRM_FEEDBACK_CSAT
                                                                          : CRM_FEEDBACK_NPS;
}

/* NPS is 0 to 10, CSAT 1 to 5. */
static void
on_kind_selected (CrmFeedbackEditor *self)
{
  if (selected_kind (self) == CRM_FEEDBACK_CSAT)
    gtk_spin_button_set_range (self->score_spin, 1, 5);
  else
    gtk_spin_button_set_range (self->score_spin, 0, 10);
}

static gboolean
refuse (CrmFeedbackEditor *self, GtkWidget *row, const char *message, GError **error)
{
  if (row != NULL)
    {
      gtk_widget_add_css_class (row, "error");
      gtk_widget_grab_focus (row);
    }
  gtk_label_set_text (self->error_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
  g_set_error_literal (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID, message);
  return FALSE;
}

gboolean
crm_feedback_editor_save (CrmFeedbackEditor *self, GError **error)
{
  g_autoptr (CrmFeedbackRecord) feedback = crm_feedback_record_new ();
  g_autofree char *day = NULL;
  g_autofree char *comment = NULL;
  g_autoptr (GError) local_error = NULL;
  gint64 answered_at = 0;

  g_return_val_if_fail (CRM_IS_FEEDBACK_EDITOR (self), FALSE);

  gtk_widget_remove_css_class (GTK_WIDGET (self->day_row), "error");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  day = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->day_row))));
  comment = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->comment_row))));
  if (!crm_date_parse (day, NULL, &answered_at))
    return refuse (self, GTK_WIDGET (self->day_row), _ ("The day is written as YYYY-MM-DD"), error);
  /* Typed but not yet taken by the spin button. */
  gtk_spin_button_update (self->score_spin);

  feedback->contact_id = self->contact_id;
  feedback->kind = selected_kind (self);
  feedback->score = gtk_spin_button_get_value_as_int (self->score_spin);
  feedback->comment = comment[0] != '\0' ? g_steal_pointer (&comment) : NULL;
  /* Noon: the same day in every time zone near this one. */
  feedback->answered_at = answered_at + 12 * 60 * 60;
  if (!crm_contact_actions_add_feedback (self->undo_manager, feedback, &local_error))
    {
      refuse (self, NULL, local_error->message, NULL);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  return TRUE;
}

static void
on_save_activate (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  if (crm_feedback_editor_save (CRM_FEEDBACK_EDITOR (widget), NULL))
    gtk_window_destroy (GTK_WINDOW (widget));
}

void
crm_feedback_editor_set_fields (
    CrmFeedbackEditor *self, CrmFeedbackKind kind, int score, const char *comment, const char *day)
{
  g_return_if_fail (CRM_IS_FEEDBACK_EDITOR (self));

  adw_combo_row_set_selected (self->kind_row, kind);
  gtk_spin_button_set_value (self->score_spin, score);
  if (comment != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->comment_row), comment);
  if (day != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->day_row), day);
}

static void
crm_feedback_editor_dispose (GObject *object)
{
  CrmFeedbackEditor *self = CRM_FEEDBACK_EDITOR (object);

  g_clear_object (&self->undo_manager);
  G_OBJECT_CLASS (crm_feedback_editor_parent_class)->dispose (object);
}

static void
crm_feedback_editor_class_init (CrmFeedbackEditorClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = crm_feedback_editor_dispose;
  gtk_widget_class_install_action (widget_class, "editor.save", NULL, on_save_activate);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
crm_feedback_editor_init (CrmFeedbackEditor *self)
{
  const char *const kinds[] = { _ ("NPS (0 to 10)"), _ ("CSAT (1 to 5)"), NULL };
  GtkWidget *toolbar = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *cancel = gtk_button_new_with_mnemonic (_ ("_Cancel"));
  GtkWidget *save = gtk_button_new_with_mnemonic (_ ("_Add"));
  GtkWidget *page = adw_preferences_page_new ();
  GtkWidget *group = adw_preferences_group_new ();
  GtkWidget *score_row = adw_action_row_new ();
  g_autoptr (GtkStringList) kind_names = gtk_string_list_new (kinds);
  g_autofree char *today = crm_date_format_iso_day (g_get_real_time () / G_USEC_PER_SEC);

  gtk_window_set_title (GTK_WINDOW (self), _ ("Add Answer"));
  gtk_window_set_modal (GTK_WINDOW (self), TRUE);
  gtk_window_set_default_size (GTK_WINDOW (self), 400, 420);

  adw_header_bar_set_show_end_title_buttons (ADW_HEADER_BAR (header), FALSE);
  adw_header_bar_set_show_start_title_buttons (ADW_HEADER_BAR (header), FALSE);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (cancel), "window.close");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (save), "editor.save");
  gtk_widget_add_css_class (save, "suggested-action");
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), cancel);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), save);
  gtk_box_append (GTK_BOX (toolbar), header);
  gtk_window_set_default_widget (GTK_WINDOW (self), save);

  self->error_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->error_label, TRUE);
  gtk_label_set_xalign (self->error_label, 0);
  gtk_widget_set_margin_bottom (GTK_WIDGET (self->error_label), 12);
  gtk_widget_add_css_class (GTK_WIDGET (self->error_label), "error");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->error_label));

  self->kind_row = ADW_COMBO_ROW (adw_combo_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->kind_row), _ ("Kind"));
  adw_combo_row_set_model (self->kind_row, G_LIST_MODEL (kind_names));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->kind_row));

  self->score_spin = GTK_SPIN_BUTTON (gtk_spin_button_new_with_range (0, 10, 1));
  gtk_spin_button_set_value (self->score_spin, 10);
  gtk_widget_set_valign (GTK_WIDGET (self->score_spin), GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->score_spin), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _ ("Score"), -1);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (score_row), _ ("Score"));
  adw_action_row_add_suffix (ADW_ACTION_ROW (score_row), GTK_WIDGET (self->score_spin));
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (score_row), GTK_WIDGET (self->score_spin));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), score_row);

  self->comment_row = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->comment_row), _ ("Comment"));
  adw_entry_row_set_activates_default (self->comment_row, TRUE);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->comment_row));

  self->day_row = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->day_row), _ ("Day (YYYY-MM-DD)"));
  adw_entry_row_set_activates_default (self->day_row, TRUE);
  gtk_editable_set_text (GTK_EDITABLE (self->day_row), today);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->day_row));

  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (group));
  gtk_widget_set_vexpand (page, TRUE);
  gtk_box_append (GTK_BOX (toolbar), page);
  adw_window_set_content (ADW_WINDOW (self), toolbar);

  g_signal_connect_swapped (self->kind_row, "notify::selected", G_CALLBACK (on_kind_selected),
                            self);
}

CrmFeedbackEditor *
crm_feedback_editor_new (GtkWindow *parent, CrmUndoManager *undo_manager, gint64 contact_id)
{
  CrmFeedbackEditor *self;

  g_return_val_if_fail (CRM_IS_UNDO_MANAGER (undo_manager), NULL);

  self = g_object_new (CRM_TYPE_FEEDBACK_EDITOR, "transient-for", parent, NULL);
  self->undo_manager = g_object_ref (undo_manager);
  self->contact_id = contact_id;
  gtk_window_set_focus (GTK_WINDOW (self), GTK_WIDGET (self->score_spin));
  return self;
}

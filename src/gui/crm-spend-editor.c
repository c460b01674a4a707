/* crm-spend-editor.c — CrmSpendEditor (see the header): a form (source, month, amount,
 * currency) over the list of rows entered, each with Change and Delete buttons. The list follows
 * the store, so an undo or another window's write shows at once. */
#include "config.h"

#include "crm-spend-editor.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "crm-deal-editor.h"
#include "crm-money.h"
#include "crm-spend-actions.h"
#include "crm-store-kpi.h"

struct _CrmSpendEditor
{
  AdwWindow parent_instance;

  CrmUndoManager *undo_manager;
  GPtrArray *sources; /* CrmLeadSourceRecord, in the combo row's order */
  gint64 editing_id;  /* the row in the form, 0 for a new one */
  guint n_rows;
  gulong store_handler;

  AdwToastOverlay *toasts;
  AdwPreferencesGroup *form_group;
  AdwComboRow *source_row;
  AdwEntryRow *month_row;
  AdwEntryRow *amount_row;
  AdwEntryRow *currency_row;
  GtkLabel *error_label;
  GtkButton *save_button;
  GtkButton *cancel_edit_button;
  AdwPreferencesGroup *list_group;
  GPtrArray *list_rows; /* the rows added to list_group, to remove them again */
};

G_DEFINE_FINAL_TYPE (CrmSpendEditor, crm_spend_editor, ADW_TYPE_WINDOW)

static CrmStore *
get_store (CrmSpendEditor *self)
{
  return crm_undo_manager_get_store (self->undo_manager);
}

static const char *
source_name (CrmSpendEditor *self, gint64 source_id)
{
  for (guint i = 0; self->sources != NULL && i < self->sources->len; i++)
    {
      const CrmLeadSourceRecord *source = g_ptr_array_index (self->sources, i);

      if (source->id == source_id)
        return source->name;
    }
  return "";
}

static char *
format_month (gint64 month_start)
{
  g_autoptr (GDateTime) month = g_date_time_new_from_unix_utc (month_start);

  /* Translators: a month of spend (strftime), e.g. "March 2024". */
  return g_date_time_format (month, _ ("%B %Y"));
}

/* "YYYY-MM" as the first second of that month (UTC, as stored). */
static gboolean
parse_month (const char *text, gint64 *month_start)
{
  int year, month;
  char extra;

  if (text == NULL || sscanf (text, "%4d-%2d%c", &year, &month, &extra) != 2 || year < 1970
      || year > 9999 || month < 1 || month > 12)
    return FALSE;
  *month_start = crm_spend_month_start (year, month);
  return TRUE;
}

static char *
dup_text (AdwEntryRow *row)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
}

/* ---- The list ------------------------------------------------------------------------------ */

static void
on_edit_clicked (GtkButton *button, CrmSpendEditor *self)
{
  crm_spend_editor_edit (self, GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (button), "id")));
}

static void
on_delete_clicked (GtkButton *button, CrmSpendEditor *self)
{
  g_autoptr (GError) error = NULL;
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (button), "id"));

  if (!crm_spend_editor_delete (self, id, &error))
    {
      g_autofree char *escaped = g_markup_escape_text (error->message, -1);

      adw_toast_overlay_add_toast (self->toasts, adw_toast_new (escaped));
    }
}

static GtkWidget *
row_button (
    CrmSpendEditor *self, const char *icon, const char *tooltip, gint64 id, GCallback callback)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip,
                                  -1);
  g_object_set_data (G_OBJECT (button), "id", GSIZE_TO_POINTER ((gsize) id));
  g_signal_connect (button, "clicked", callback, self);
  return button;
}

static GtkWidget *
spend_row (CrmSpendEditor *self, const CrmAcquisitionSpendRecord *spend)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *month = format_month (spend->month_start);
  g_autofree char *amount = crm_money_format (spend->amount_minor, spend->currency);
  /* Translators: a row of spend: a lead source and a month, e.g. "Website · March 2024". */
  g_autofree char *title
      = g_strdup_printf (_ ("%s · %s"), source_name (self, spend->source_id), month);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), amount);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                             row_button (self, "document-edit-symbolic", _ ("Change"), spend->id,
                                         G_CALLBACK (on_edit_clicked)));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                             row_button (self, "user-trash-symbolic", _ ("Delete"), spend->id,
                                         G_CALLBACK (on_delete_clicked)));
  return row;
}

static void
reload_list (CrmSpendEditor *self)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) spend = crm_store_list_acquisition_spend (get_store (self), &error);

  for (guint i = 0; i < self->list_rows->len; i++)
    adw_preferences_group_remove (self->list_group, g_ptr_array_index (self->list_rows, i));
  g_ptr_array_set_size (self->list_rows, 0);
  self->n_rows = 0;
  if (spend == NULL)
    {
      g_warning ("Cannot read the acquisition spend: %s", error->message);
      return;
    }
  for (guint i = 0; i < spend->len; i++)
    {
      GtkWidget *row = spend_row (self, g_ptr_array_index (spend, i));

      adw_preferences_group_add (self->list_group, row);
      g_ptr_array_add (self->list_rows, row);
    }
  self->n_rows = spend->len;
  adw_preferences_group_set_description (
      self->list_group, spend->len == 0 ? _ ("No spend entered yet: CAC needs some.") : NULL);
}

static void
reload_sources (CrmSpendEditor *self)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GtkStringList) names = gtk_string_list_new (NULL);

  g_clear_pointer (&self->sources, g_ptr_array_unref);
  self->sources = crm_store_list_lead_sources (get_store (self), &error);
  if (self->sources == NULL)
    {
      g_warning ("Cannot read the lead sources: %s", error->message);
      self->sources = g_ptr_array_new ();
    }
  for (guint i = 0; i < self->sources->len; i++)
    gtk_string_list_append (names, ((CrmLeadSourceRecord *) self->sources->pdata[i])->name);
  adw_combo_row_set_model (self->source_row, G_LIST_MODEL (names));
}

static void
on_store_changed (CrmStore *store,
                  guint entity,
                  guint action,
                  gint64 id,
                  gpointer old_record,
                  CrmSpendEditor *self)
{
  if (entity == CRM_ENTITY_LEAD_SOURCE)
    reload_sources (self);
  if (entity == CRM_ENTITY_ACQUISITION_SPEND || entity == CRM_ENTITY_LEAD_SOURCE
      || action == CRM_CHANGE_RESET)
    reload_list (self);
}

/* ---- The form ------------------------------------------------------------------------------- */

static void
set_editing (CrmSpendEditor *self, gint64 spend_id)
{
  self->editing_id = spend_id;
  adw_preferences_group_set_title (self->form_group,
                                   spend_id != 0 ? _ ("Change Spend") : _ ("Add Spend"));
  gtk_button_set_label (self->save_button, spend_id != 0 ? _ ("_Save") : _ ("_Add"));
  gtk_widget_set_visible (GTK_WIDGET (self->cancel_edit_button), spend_id != 0);
}

static void
show_error (CrmSpendEditor *self, GtkWidget *row, const char *message)
{
  if (row != NULL)
    {
      gtk_widget_add_css_class (row, "error");
      gtk_widget_grab_focus (row);
    }
  gtk_label_set_text (self->error_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
}

static gboolean
refuse (CrmSpendEditor *self, AdwEntryRow *row, const char *message, GError **error)
{
  show_error (self, GTK_WIDGET (row), message);
  g_set_error_literal (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID, message);
  return FALSE;
}

void
crm_spend_editor_set_fields (CrmSpendEditor *self,
                             gint64 source_id,
                             const char *month,
                             const char *amount,
                             const char *currency)
{
  g_return_if_fail (CRM_IS_SPEND_EDITOR (self));

  for (guint i = 0; i < self->sources->len; i++)
    if (((CrmLeadSourceRecord *) self->sources->pdata[i])->id == source_id)
      adw_combo_row_set_selected (self->source_row, i);
  if (month != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->month_row), month);
  if (amount != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->amount_row), amount);
  if (currency != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->currency_row), currency);
}

gboolean
crm_spend_editor_save (CrmSpendEditor *self, GError **error)
{
  g_autoptr (CrmAcquisitionSpendRecord) spend = crm_acquisition_spend_record_new ();
  g_autofree char *month = dup_text (self->month_row);
  g_autofree char *amount = dup_text (self->amount_row);
  g_autofree char *typed_currency = dup_text (self->currency_row);
  g_autofree char *currency = g_ascii_strup (typed_currency, -1);
  g_autoptr (GError) local_error = NULL;
  guint source = adw_combo_row_get_selected (self->source_row);
  gboolean saved;

  g_return_val_if_fail (CRM_IS_SPEND_EDITOR (self), FALSE);

  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  gtk_widget_remove_css_class (GTK_WIDGET (self->month_row), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (self->amount_row), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (self->currency_row), "error");

  if (source >= self->sources->len)
    return refuse (self, NULL, _ ("Choose the lead source the money was spent on"), error);
  if (!parse_month (month, &spend->month_start))
    return refuse (self, self->month_row, _ ("The month is written as YYYY-MM"), error);
  if (strlen (currency) != 3 || !g_ascii_isalpha (currency[0]) || !g_ascii_isalpha (currency[1])
      || !g_ascii_isalpha (currency[2]))
    return refuse (self, self->currency_row, _ ("The currency is a three-letter code such as EUR"),
                   error);
  if (!crm_deal_editor_parse_value (amount, currency, &spend->amount_minor))
    return refuse (self, self->amount_row, _ ("The amount is a number such as 1250 or 1250.50"),
                   error);
  spend->id = self->editing_id;
  spend->source_id = ((CrmLeadSourceRecord *) self->sources->pdata[source])->id;
  spend->currency = g_steal_pointer (&currency);

  if (self->editing_id != 0)
    {
      g_autoptr (CrmAcquisitionSpendRecord) stored
          = crm_store_get_acquisition_spend (get_store (self), self->editing_id, NULL);

      spend->uuid = stored != NULL ? g_strdup (stored->uuid) : NULL;
      saved = crm_spend_actions_update (self->undo_manager, spend, &local_error);
    }
  else
    saved = crm_spend_actions_add (self->undo_manager, spend, &local_error);
  if (!saved)
    {
      show_error (self, NULL, local_error->message);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  gtk_editable_set_text (GTK_EDITABLE (self->amount_row), "");
  set_editing (self, 0);
  return TRUE;
}

gboolean
crm_spend_editor_edit (CrmSpendEditor *self, gint64 spend_id)
{
  g_autoptr (CrmAcquisitionSpendRecord) spend = NULL;
  g_autoptr (GDateTime) month = NULL;
  g_autofree char *month_text = NULL;
  g_autofree char *amount = NULL;
  guint digits;
  gint64 divisor = 1;

  g_return_val_if_fail (CRM_IS_SPEND_EDITOR (self), FALSE);

  spend = crm_store_get_acquisition_spend (get_store (self), spend_id, NULL);
  if (spend == NULL)
    return FALSE;
  month = g_date_time_new_from_unix_utc (spend->month_start);
  month_text = g_date_time_format (month, "%Y-%m");
  digits = crm_currency_get_digits (spend->currency);
  for (guint i = 0; i < digits; i++)
    divisor *= 10;
  amount = digits == 0 ? g_strdup_printf ("%" G_GINT64_FORMAT, spend->amount_minor)
                       : g_strdup_printf ("%" G_GINT64_FORMAT ".%0*" G_GINT64_FORMAT,
                                          spend->amount_minor / divisor, (int) digits,
                                          spend->amount_minor % divisor);
  crm_spend_editor_set_fields (self, spend->source_id, month_text, amount, spend->currency);
  set_editing (self, spend_id);
  gtk_widget_grab_focus (GTK_WIDGET (self->amount_row));
  return TRUE;
}

gboolean
crm_spend_editor_delete (CrmSpendEditor *self, gint64 spend_id, GError **error)
{
  AdwToast *toast;

  g_return_val_if_fail (CRM_IS_SPEND_EDITOR (self), FALSE);

  if (!crm_spend_actions_delete (self->undo_manager, spend_id, error))
    return FALSE;
  if (self->editing_id == spend_id)
    set_editing (self, 0);
  toast = adw_toast_new (_ ("Deleted the spend"));
  adw_toast_set_button_label (toast, _ ("_Undo"));
  adw_toast_set_action_name (toast, "editor.undo");
  adw_toast_overlay_add_toast (self->toasts, toast);
  return TRUE;
}

guint
crm_spend_editor_get_n_rows (CrmSpendEditor *self)
{
  g_return_val_if_fail (CRM_IS_SPEND_EDITOR (self), 0);

  return self->n_rows;
}

static void
on_save_activate (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  crm_spend_editor_save (CRM_SPEND_EDITOR (widget), NULL);
}

static void
on_cancel_edit_activate (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  CrmSpendEditor *self = CRM_SPEND_EDITOR (widget);

  gtk_editable_set_text (GTK_EDITABLE (self->amount_row), "");
  set_editing (self, 0);
}

static void
on_undo_activate (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  CrmSpendEditor *self = CRM_SPEND_EDITOR (widget);
  g_autoptr (GError) error = NULL;

  if (!crm_undo_manager_undo (self->undo_manager, &error))
    {
      g_autofree char *escaped = g_markup_escape_text (error->message, -1);

      adw_toast_overlay_add_toast (self->toasts, adw_toast_new (escaped));
    }
}

/* ---- Building ------------------------------------------------------------------------------ */

static AdwEntryRow *
entry_row (AdwPreferencesGroup *group, const char *title)
{
  AdwEntryRow *row = ADW_ENTRY_ROW (adw_entry_row_new ());

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_entry_row_set_activates_default (row, TRUE);
  adw_preferences_group_add (group, GTK_WIDGET (row));
  return row;
}

static GtkWidget *
build_form (CrmSpendEditor *self)
{
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *this_month = g_date_time_format (now, "%Y-%m");

  self->form_group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_description (
      self->form_group, _ ("What was spent to win new leads, per source and month: CAC is this "
                           "spend divided by the new customers."));

  self->error_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->error_label, TRUE);
  gtk_label_set_xalign (self->error_label, 0);
  gtk_widget_set_margin_bottom (GTK_WIDGET (self->error_label), 12);
  gtk_widget_add_css_class (GTK_WIDGET (self->error_label), "error");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  adw_preferences_group_add (self->form_group, GTK_WIDGET (self->error_label));

  self->source_row = ADW_COMBO_ROW (adw_combo_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->source_row), _ ("Lead Source"));
  adw_preferences_group_add (self->form_group, GTK_WIDGET (self->source_row));
  self->month_row = entry_row (self->form_group, _ ("Month (YYYY-MM)"));
  gtk_editable_set_text (GTK_EDITABLE (self->month_row), this_month);
  self->amount_row = entry_row (self->form_group, _ ("Amount"));
  self->currency_row = entry_row (self->form_group, _ ("Currency"));

  self->cancel_edit_button = GTK_BUTTON (gtk_button_new_with_mnemonic (_ ("_Cancel Change")));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->cancel_edit_button), "editor.cancel-edit");
  gtk_box_append (GTK_BOX (buttons), GTK_WIDGET (self->cancel_edit_button));
  self->save_button = GTK_BUTTON (gtk_button_new_with_mnemonic (_ ("_Add")));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->save_button), "editor.save");
  gtk_widget_add_css_class (GTK_WIDGET (self->save_button), "suggested-action");
  gtk_box_append (GTK_BOX (buttons), GTK_WIDGET (self->save_button));
  gtk_widget_set_halign (buttons, GTK_ALIGN_END);
  gtk_widget_set_margin_top (buttons, 12);
  adw_preferences_group_add (self->form_group, buttons);
  gtk_window_set_default_widget (GTK_WINDOW (self), GTK_WIDGET (self->save_button));
  set_editing (self, 0);
  return GTK_WIDGET (self->form_group);
}

static void
crm_spend_editor_dispose (GObject *object)
{
  CrmSpendEditor *self = CRM_SPEND_EDITOR (object);

  if (self->undo_manager != NULL)
    g_clear_signal_handler (&self->store_handler, get_store (self));
  g_clear_object (&self->undo_manager);
  g_clear_pointer (&self->sources, g_ptr_array_unref);
  g_clear_pointer (&self->list_rows, g_ptr_array_unref);
  G_OBJECT_CLASS (crm_spend_editor_parent_class)->dispose (object);
}

static void
crm_spend_editor_class_init (CrmSpendEditorClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = crm_spend_editor_dispose;
  gtk_widget_class_install_action (widget_class, "editor.save", NULL, on_save_activate);
  gtk_widget_class_install_action (widget_class, "editor.cancel-edit", NULL,
                                   on_cancel_edit_activate);
  gtk_widget_class_install_action (widget_class, "editor.undo", NULL, on_undo_activate);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK, "editor.undo",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
crm_spend_editor_init (CrmSpendEditor *self)
{
  GtkWidget *content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *page = adw_preferences_page_new ();

  self->list_rows = g_ptr_array_new ();
  gtk_window_set_title (GTK_WINDOW (self), _ ("Acquisition Spend"));
  gtk_window_set_modal (GTK_WINDOW (self), TRUE);
  gtk_window_set_default_size (GTK_WINDOW (self), 480, 640);

  gtk_box_append (GTK_BOX (content), adw_header_bar_new ());
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (build_form (self)));
  self->list_group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (self->list_group, _ ("Spend by Month"));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), self->list_group);
  gtk_widget_set_vexpand (page, TRUE);
  self->toasts = ADW_TOAST_OVERLAY (adw_toast_overlay_new ());
  adw_toast_overlay_set_child (self->toasts, page);
  gtk_box_append (GTK_BOX (content), GTK_WIDGET (self->toasts));
  adw_window_set_content (ADW_WINDOW (self), content);
}

CrmSpendEditor *
crm_spend_editor_new (GtkWindow *parent, CrmUndoManager *undo_manager, const char *default_currency)
{
  CrmSpendEditor *self;

  g_return_val_if_fail (CRM_IS_UNDO_MANAGER (undo_manager), NULL);

  self = g_object_new (CRM_TYPE_SPEND_EDITOR, "transient-for", parent, NULL);
  self->undo_manager = g_object_ref (undo_manager);
  gtk_editable_set_text (GTK_EDITABLE (self->currency_row),
                         default_currency != NULL ? default_currency : "EUR");
  reload_sources (self);
  reload_list (self);
  self->store_handler
      = g_signal_connect (get_store (self), "changed", G_CALLBACK (on_store_changed), self);
  gtk_window_set_focus (GTK_WINDOW (self), GTK_WIDGET (self->amount_row));
  return self;
}

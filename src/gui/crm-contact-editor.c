/* crm-contact-editor.c — CrmContactEditor, the quick add of a contact (see the header). Built in
 * code: a header bar (Cancel, Add), four entry rows, and a banner-like box that tells about a
 * likely duplicate with its two ways out.
 */
#include "config.h"

#include "crm-contact-editor.h"

#include <glib/gi18n.h>
#include <string.h>

#include "crm-entity-picker.h"
#include "crm-merge-dialog.h"

struct _CrmContactEditor
{
  AdwWindow parent_instance;

  CrmRepository *repository;
  CrmUndoManager *undo_manager;
  CrmEntityPicker *company_picker;
  gint64 duplicate_id;

  AdwEntryRow *name_row;
  AdwEntryRow *email_row;
  AdwEntryRow *phone_row;
  AdwEntryRow *company_row;
  GtkLabel *error_label;
  GtkWidget *duplicate_box;
  GtkLabel *duplicate_label;
};

G_DEFINE_FINAL_TYPE (CrmContactEditor, crm_contact_editor, ADW_TYPE_WINDOW)

enum
{
  SIGNAL_OPEN_CONTACT,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static CrmStore *
get_store (CrmContactEditor *self)
{
  return crm_repository_get_store (self->repository);
}

static char *
dup_trimmed (AdwEntryRow *row)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
}

static void
show_problem (CrmContactEditor *self, AdwEntryRow *row, const char *message, GError **error)
{
  if (row != NULL)
    {
      gtk_widget_add_css_class (GTK_WIDGET (row), "error");
      gtk_widget_grab_focus (GTK_WIDGET (row));
    }
  gtk_label_set_text (self->error_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
  g_set_error_literal (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID, message);
}

static void
clear_problems (CrmContactEditor *self)
{
  gtk_widget_remove_css_class (GTK_WIDGET (self->name_row), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (self->email_row), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (self->company_row), "error");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
}

/* Any change to what is typed withdraws the duplicate on offer: it is looked for again. */
static void
on_field_changed (CrmContactEditor *self)
{
  self->duplicate_id = 0;
  gtk_widget_set_visible (self->duplicate_box, FALSE);
}

gint64
crm_contact_editor_get_duplicate_id (CrmContactEditor *self)
{
  g_return_val_if_fail (CRM_IS_CONTACT_EDITOR (self), 0);

  return self->duplicate_id;
}

void
crm_contact_editor_set_fields (CrmContactEditor *self,
                               const char *name,
                               const char *email,
                               const char *phone)
{
  g_return_if_fail (CRM_IS_CONTACT_EDITOR (self));

  gtk_editable_set_text (GTK_EDITABLE (self->name_row), name != NULL ? name : "");
  gtk_editable_set_text (GTK_EDITABLE (self->email_row), email != NULL ? email : "");
  gtk_editable_set_text (GTK_EDITABLE (self->phone_row), phone != NULL ? phone : "");
}

/* ---- Adding ------------------------------------------------------------------------------ */

typedef struct
{
  CrmContactRecord *contact;
} AddContact;

static gboolean
add_contact_func (CrmStore *store, gpointer user_data, GError **error)
{
  return crm_store_insert_contact (store, ((AddContact *) user_data)->contact, error);
}

static void
offer_duplicate (CrmContactEditor *self, gint64 duplicate_id)
{
  g_autoptr (CrmContactRecord) existing
      = crm_store_get_contact (get_store (self), duplicate_id, NULL);
  g_autofree char *text = NULL;

  self->duplicate_id = duplicate_id;
  /* Translators: %s is an existing contact's name (and e-mail, when known). */
  text = g_strdup_printf (_ ("“%s” may be the same person."),
                          existing != NULL && existing->name != NULL ? existing->name : "");
  gtk_label_set_text (self->duplicate_label, text);
  gtk_widget_set_visible (self->duplicate_box, TRUE);
}

gint64
crm_contact_editor_add (CrmContactEditor *self, GError **error)
{
  g_autoptr (CrmContactRecord) contact = crm_contact_record_new ();
  g_autofree char *name = dup_trimmed (self->name_row);
  g_autofree char *email = dup_trimmed (self->email_row);
  g_autofree char *phone = dup_trimmed (self->phone_row);
  g_autofree char *company_name = dup_trimmed (self->company_row);
  g_autofree char *label = NULL;
  g_autoptr (GError) local_error = NULL;
  gint64 company_id = 0;
  AddContact data;

  g_return_val_if_fail (CRM_IS_CONTACT_EDITOR (self), 0);

  clear_problems (self);
  if (name[0] == '\0')
    {
      show_problem (self, self->name_row, _ ("A contact needs a name"), error);
      return 0;
    }
  if (email[0] != '\0' && (strchr (email, '@') == NULL || strchr (email, ' ') != NULL))
    {
      show_problem (self, self->email_row, _ ("That does not look like an e-mail address"), error);
      return 0;
    }
  if (company_name[0] != '\0')
    {
      company_id = crm_entity_picker_get_id (self->company_picker);
      if (company_id == 0)
        {
          g_autofree char *message = g_strdup_printf (
              _ ("There is no company named “%s”: choose one from the list"), company_name);

          show_problem (self, self->company_row, message, error);
          return 0;
        }
    }

  /* Once: a second Add with the same fields is "Add Anyway". */
  if (self->duplicate_id == 0)
    {
      g_autoptr (GArray) duplicates = crm_store_find_likely_duplicates (
          get_store (self), name, email, company_id, &local_error);

      if (duplicates == NULL)
        {
          show_problem (self, NULL, local_error->message, error);
          return 0;
        }
      if (duplicates->len > 0)
        {
          offer_duplicate (self, g_array_index (duplicates, gint64, 0));
          return 0;
        }
    }

  contact->name = g_steal_pointer (&name);
  contact->email = email[0] != '\0' ? g_steal_pointer (&email) : NULL;
  contact->phone = phone[0] != '\0' ? g_steal_pointer (&phone) : NULL;
  contact->company_id = company_id;
  data.contact = contact;
  /* Translators: an undoable step; %s is the new contact's name. */
  label = g_strdup_printf (_ ("Added “%s”"), contact->name);
  if (!crm_undo_manager_record (self->undo_manager, label, add_contact_func, &data, &local_error))
    {
      show_problem (self, NULL, local_error->message, error);
      return 0;
    }
  return contact->id;
}

static void
on_add_activate (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  CrmContactEditor *self = CRM_CONTACT_EDITOR (widget);
  gint64 id = crm_contact_editor_add (self, NULL);

  if (id == 0)
    return;
  g_signal_emit (self, signals[SIGNAL_OPEN_CONTACT], 0, id);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
on_show_existing_activate (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  CrmContactEditor *self = CRM_CONTACT_EDITOR (widget);
  gint64 id = self->duplicate_id;

  if (id == 0)
    return;
  g_signal_emit (self, signals[SIGNAL_OPEN_CONTACT], 0, id);
  gtk_window_destroy (GTK_WINDOW (self));
}

/* Merge: the typed values go into the existing contact, field by field as the person chooses
 * in the merge dialog; no second contact is added. */
static void
on_merged (CrmContactEditor *self, gint64 kept_id)
{
  g_signal_emit (self, signals[SIGNAL_OPEN_CONTACT], 0, kept_id);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
on_merge_activate (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  CrmContactEditor *self = CRM_CONTACT_EDITOR (widget);
  g_autoptr (CrmContactRecord) entry = crm_contact_record_new ();
  g_autofree char *email = dup_trimmed (self->email_row);
  g_autofree char *phone = dup_trimmed (self->phone_row);
  CrmMergeDialog *dialog;

  if (self->duplicate_id == 0)
    return;
  entry->name = dup_trimmed (self->name_row);
  entry->email = email[0] != '\0' ? g_steal_pointer (&email) : NULL;
  entry->phone = phone[0] != '\0' ? g_steal_pointer (&phone) : NULL;
  entry->company_id = crm_entity_picker_get_id (self->company_picker);
  dialog = crm_merge_dialog_present_for_entry (GTK_WINDOW (self), self->repository,
                                               self->undo_manager, self->duplicate_id, entry);
  g_signal_connect_object (dialog, "merged", G_CALLBACK (on_merged), self, G_CONNECT_SWAPPED);
}

/* ---- Building ---------------------------------------------------------------------------- */

static AdwEntryRow *
add_entry_row (GtkWidget *group, const char *title, GtkInputPurpose purpose)
{
  AdwEntryRow *row = ADW_ENTRY_ROW (adw_entry_row_new ());

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_entry_row_set_activates_default (row, TRUE);
  adw_entry_row_set_input_purpose (row, purpose);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (row));
  return row;
}

static void
crm_contact_editor_dispose (GObject *object)
{
  CrmContactEditor *self = CRM_CONTACT_EDITOR (object);

  if (self->company_picker != NULL)
    crm_entity_picker_detach (self->company_picker);
  g_clear_object (&self->company_picker);
  g_clear_object (&self->undo_manager);
  g_clear_object (&self->repository);

  G_OBJECT_CLASS (crm_contact_editor_parent_class)->dispose (object);
}

static void
crm_contact_editor_class_init (CrmContactEditorClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = crm_contact_editor_dispose;
  signals[SIGNAL_OPEN_CONTACT]
      = g_signal_new ("open-contact", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                      NULL, G_TYPE_NONE, 1, G_TYPE_INT64);
  gtk_widget_class_install_action (widget_class, "editor.add", NULL, on_add_activate);
  gtk_widget_class_install_action (widget_class, "editor.show-existing", NULL,
                                   on_show_existing_activate);
  gtk_widget_class_install_action (widget_class, "editor.merge", NULL, on_merge_activate);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
crm_contact_editor_init (CrmContactEditor *self)
{
  GtkWidget *toolbar = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *cancel = gtk_button_new_with_mnemonic (_ ("_Cancel"));
  GtkWidget *add = gtk_button_new_with_mnemonic (_ ("_Add"));
  GtkWidget *page = adw_preferences_page_new ();
  GtkWidget *group = adw_preferences_group_new ();
  GtkWidget *show_existing = gtk_button_new_with_mnemonic (_ ("_Show Existing"));
  GtkWidget *add_anyway = gtk_button_new_with_mnemonic (_ ("Add _Anyway"));
  GtkWidget *merge = gtk_button_new_with_mnemonic (_ ("_Merge…"));
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);

  gtk_window_set_title (GTK_WINDOW (self), _ ("New Contact"));
  gtk_window_set_modal (GTK_WINDOW (self), TRUE);
  gtk_window_set_default_size (GTK_WINDOW (self), 420, 480);

  adw_header_bar_set_show_end_title_buttons (ADW_HEADER_BAR (header), FALSE);
  adw_header_bar_set_show_start_title_buttons (ADW_HEADER_BAR (header), FALSE);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (cancel), "window.close");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (add), "editor.add");
  gtk_widget_add_css_class (add, "suggested-action");
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), cancel);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), add);
  gtk_box_append (GTK_BOX (toolbar), header);
  gtk_window_set_default_widget (GTK_WINDOW (self), add);

  self->error_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->error_label, TRUE);
  gtk_label_set_xalign (self->error_label, 0);
  gtk_widget_add_css_class (GTK_WIDGET (self->error_label), "error");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->error_label));

  self->duplicate_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  self->duplicate_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->duplicate_label, TRUE);
  gtk_label_set_xalign (self->duplicate_label, 0);
  gtk_box_append (GTK_BOX (self->duplicate_box), GTK_WIDGET (self->duplicate_label));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (show_existing), "editor.show-existing");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (add_anyway), "editor.add");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (merge), "editor.merge");
  gtk_widget_set_tooltip_text (merge, _ ("Put what you typed into the existing contact"));
  gtk_box_append (GTK_BOX (buttons), show_existing);
  gtk_box_append (GTK_BOX (buttons), merge);
  gtk_box_append (GTK_BOX (buttons), add_anyway);
  gtk_box_append (GTK_BOX (self->duplicate_box), buttons);
  gtk_widget_set_margin_bottom (self->duplicate_box, 12);
  gtk_widget_set_visible (self->duplicate_box, FALSE);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), self->duplicate_box);

  self->name_row = add_entry_row (group, _ ("Name"), GTK_INPUT_PURPOSE_NAME);
  self->email_row = add_entry_row (group, _ ("E-mail"), GTK_INPUT_PURPOSE_EMAIL);
  self->phone_row = add_entry_row (group, _ ("Phone"), GTK_INPUT_PURPOSE_PHONE);
  self->company_row = add_entry_row (group, _ ("Company"), GTK_INPUT_PURPOSE_FREE_FORM);
  g_signal_connect_swapped (self->name_row, "changed", G_CALLBACK (on_field_changed), self);
  g_signal_connect_swapped (self->email_row, "changed", G_CALLBACK (on_field_changed), self);
  g_signal_connect_swapped (self->company_row, "changed", G_CALLBACK (on_field_changed), self);

  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (group));
  gtk_widget_set_vexpand (page, TRUE);
  gtk_box_append (GTK_BOX (toolbar), page);
  adw_window_set_content (ADW_WINDOW (self), toolbar);
}

CrmContactEditor *
crm_contact_editor_new (GtkWindow *parent, CrmRepository *repository, CrmUndoManager *undo_manager)
{
  CrmContactEditor *self;

  g_return_val_if_fail (CRM_IS_REPOSITORY (repository), NULL);
  g_return_val_if_fail (CRM_IS_UNDO_MANAGER (undo_manager), NULL);

  self = g_object_new (CRM_TYPE_CONTACT_EDITOR, "transient-for", parent, NULL);
  self->repository = g_object_ref (repository);
  self->undo_manager = g_object_ref (undo_manager);
  self->company_picker
      = crm_entity_picker_new (self->company_row, get_store (self), CRM_ENTITY_COMPANY);
  gtk_window_set_focus (GTK_WINDOW (self), GTK_WIDGET (self->name_row));
  return self;
}

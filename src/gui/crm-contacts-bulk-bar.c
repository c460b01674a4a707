/* crm-contacts-bulk-bar.c — CrmContactsBulkBar: the selection turned into a
 * CrmContactSelection (the selected ids; all but the unselected ones, by the filter, when most
 * are selected; the filter alone when all are), the three edits through the undo manager, and
 * their small dialogs. */
#include "config.h"

#include "crm-contacts-bulk-bar.h"

#include <glib/gi18n.h>

#include "crm-contact.h"

#define N_STAGES (CRM_LIFECYCLE_CHURNED + 1)

struct _CrmContactsBulkBar
{
  GtkWidget parent_instance;

  CrmStore *store;
  CrmUndoManager *undo_manager;
  GtkSelectionModel *selection;
  CrmContactListModel *model;
  gulong selection_handler;
  gulong items_handler;

  GtkWidget *add_tag_button;
  GtkWidget *remove_tag_button;
  GtkWidget *lifecycle_button;
  GtkWidget *merge_button;
};

G_DEFINE_FINAL_TYPE (CrmContactsBulkBar, crm_contacts_bulk_bar, GTK_TYPE_WIDGET)

enum
{
  SIGNAL_MERGE_REQUESTED,
  SIGNAL_APPLIED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* ---- The selection ------------------------------------------------------------------------ */

static guint
n_selected (CrmContactsBulkBar *self)
{
  g_autoptr (GtkBitset) bitset = NULL;

  if (self->selection == NULL)
    return 0;
  bitset = gtk_selection_model_get_selection (self->selection);
  return (guint) gtk_bitset_get_size (bitset);
}

static gint64
id_at (CrmContactsBulkBar *self, guint position)
{
  g_autoptr (CrmContact) contact = g_list_model_get_item (G_LIST_MODEL (self->model), position);

  return contact != NULL ? crm_entity_object_get_id (CRM_ENTITY_OBJECT (contact)) : 0;
}

/* The contacts the edit writes. When most are selected, the few others are named and the rest
 * goes by the list's filter: selecting all of a million contacts reads none of them. */
static void
collect_selection (CrmContactsBulkBar *self, CrmContactSelection *selection, GArray *ids)
{
  g_autoptr (GtkBitset) bitset = gtk_selection_model_get_selection (self->selection);
  guint n_items = g_list_model_get_n_items (G_LIST_MODEL (self->model));
  guint n = (guint) gtk_bitset_get_size (bitset);
  gboolean most = n > n_items / 2;

  if (most)
    {
      for (guint i = 0; i < n_items && ids->len < n_items - n; i++)
        if (!gtk_bitset_contains (bitset, i))
          {
            gint64 id = id_at (self, i);
            g_array_append_val (ids, id);
          }
    }
  else
    {
      GtkBitsetIter iter;
      guint position;

      for (gboolean more = gtk_bitset_iter_init_first (&iter, bitset, &position); more;
           more = gtk_bitset_iter_next (&iter, &position))
        {
          gint64 id = id_at (self, position);
          g_array_append_val (ids, id);
        }
    }
  selection->ids = (const gint64 *) ids->data;
  selection->n_ids = ids->len;
  selection->all_but_ids = most;
  selection->filter = crm_contact_list_model_get_filter (self->model);
}

static void
update (CrmContactsBulkBar *self)
{
  guint n = n_selected (self);

  gtk_widget_set_sensitive (self->add_tag_button, n > 0);
  gtk_widget_set_sensitive (self->lifecycle_button, n > 0);
  gtk_widget_set_sensitive (self->merge_button, n == 2);
}

/* ---- The edits -------------------------------------------------------------------------------- */

typedef struct
{
  CrmContactSelection selection;
  CrmLifecycleStage stage;
  gint64 tag_id;
  const char *new_tag_name;
  guint n_changed;
} BulkEdit;

static gboolean
set_lifecycle_func (CrmStore *store, gpointer user_data, GError **error)
{
  BulkEdit *edit = user_data;
  return crm_store_set_contacts_lifecycle (store, &edit->selection, edit->stage, &edit->n_changed,
                                           error);
}

/* The tag named @name, made when there is none (tag names are case-blind). */
static gint64
ensure_tag (CrmStore *store, const char *name, GError **error)
{
  g_autoptr (GPtrArray) tags = crm_store_list_tags (store, error);
  g_autoptr (CrmTagRecord) tag = crm_tag_record_new ();
  g_autofree char *wanted = g_utf8_casefold (name, -1);

  if (tags == NULL)
    return 0;
  for (guint i = 0; i < tags->len; i++)
    {
      const CrmTagRecord *existing = tags->pdata[i];
      g_autofree char *folded = g_utf8_casefold (existing->name, -1);

      if (g_strcmp0 (folded, wanted) == 0)
        return existing->id;
    }
  tag->name = g_strdup (name);
  if (!crm_store_insert_tag (store, tag, error))
    return 0;
  return tag->id;
}

static gboolean
add_tag_func (CrmStore *store, gpointer user_data, GError **error)
{
  BulkEdit *edit = user_data;

  if (edit->tag_id == 0)
    edit->tag_id = ensure_tag (store, edit->new_tag_name, error);
  return edit->tag_id != 0
         && crm_store_tag_contacts (store, &edit->selection, edit->tag_id, &edit->n_changed, error);
}

static gboolean
remove_tag_func (CrmStore *store, gpointer user_data, GError **error)
{
  BulkEdit *edit = user_data;
  return crm_store_untag_contacts (store, &edit->selection, edit->tag_id, &edit->n_changed, error);
}

static void
show_toast (CrmContactsBulkBar *self, const char *text, gboolean undoable)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);
  /* Toast titles are markup; tag names are not. */
  g_autofree char *title = g_markup_escape_text (text, -1);
  AdwToast *toast;

  if (overlay == NULL)
    return;
  toast = adw_toast_new (title);
  if (undoable)
    {
      adw_toast_set_button_label (toast, _ ("_Undo"));
      adw_toast_set_action_name (toast, "win.undo");
    }
  adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
}

/* Runs @func over the selection as one undoable step named @label. */
static gboolean
run_edit (CrmContactsBulkBar *self,
          const char *label,
          CrmUndoableFunc func,
          BulkEdit *edit,
          GError **error)
{
  g_autoptr (GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  gboolean done;

  if (self->selection == NULL || n_selected (self) == 0)
    {
      g_set_error_literal (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID,
                           _ ("No contact is selected"));
      return FALSE;
    }
  collect_selection (self, &edit->selection, ids);
  if (self->undo_manager != NULL)
    done = crm_undo_manager_record (self->undo_manager, label, func, edit, error);
  else
    done = func (self->store, edit, error);
  if (!done)
    return FALSE;
  show_toast (self, label, self->undo_manager != NULL && edit->n_changed > 0);
  g_signal_emit (self, signals[SIGNAL_APPLIED], 0);
  return TRUE;
}

gboolean
crm_contacts_bulk_bar_set_lifecycle (CrmContactsBulkBar *self,
                                     CrmLifecycleStage stage,
                                     GError **error)
{
  BulkEdit edit = { .stage = stage };
  guint n = n_selected (self);
  g_autofree char *label = NULL;

  g_return_val_if_fail (CRM_IS_CONTACTS_BULK_BAR (self), FALSE);
  g_return_val_if_fail (stage < N_STAGES, FALSE);

  /* Translators: an undoable step; %u contacts, %s a lifecycle stage ("Customer"). */
  label = g_strdup_printf (
      g_dngettext (GETTEXT_PACKAGE, "Set %u contact to %s", "Set %u contacts to %s", n), n,
      crm_lifecycle_stage_get_label (stage));
  return run_edit (self, label, set_lifecycle_func, &edit, error);
}

static char *
tag_name (CrmContactsBulkBar *self, gint64 tag_id, const char *new_tag_name)
{
  g_autoptr (CrmTagRecord) tag = NULL;

  if (tag_id == 0)
    return g_strdup (new_tag_name);
  tag = crm_store_get_tag (self->store, tag_id, NULL);
  return g_strdup (tag != NULL ? tag->name : "");
}

gboolean
crm_contacts_bulk_bar_add_tag (CrmContactsBulkBar *self,
                               gint64 tag_id,
                               const char *new_tag_name,
                               GError **error)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (new_tag_name != NULL ? new_tag_name : ""));
  BulkEdit edit = { .tag_id = tag_id, .new_tag_name = trimmed };
  guint n = n_selected (self);
  g_autofree char *name = NULL;
  g_autofree char *label = NULL;

  g_return_val_if_fail (CRM_IS_CONTACTS_BULK_BAR (self), FALSE);

  if (tag_id == 0 && trimmed[0] == '\0')
    {
      g_set_error_literal (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID,
                           _ ("Choose a tag, or give the new tag a name"));
      return FALSE;
    }
  name = tag_name (self, tag_id, trimmed);
  /* Translators: an undoable step; %s is a tag, %u a number of contacts. */
  label = g_strdup_printf (
      g_dngettext (GETTEXT_PACKAGE, "Tagged %u contact “%s”", "Tagged %u contacts “%s”", n), n,
      name);
  return run_edit (self, label, add_tag_func, &edit, error);
}

gboolean
crm_contacts_bulk_bar_remove_tag (CrmContactsBulkBar *self, gint64 tag_id, GError **error)
{
  BulkEdit edit = { .tag_id = tag_id };
  guint n = n_selected (self);
  g_autofree char *name = NULL;
  g_autofree char *label = NULL;

  g_return_val_if_fail (CRM_IS_CONTACTS_BULK_BAR (self), FALSE);

  name = tag_name (self, tag_id, NULL);
  /* Translators: an undoable step; %s is a tag, %u a number of contacts. */
  label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Took the tag “%s” off %u contact",
                                        "Took the tag “%s” off %u contacts", n),
                           name, n);
  return run_edit (self, label, remove_tag_func, &edit, error);
}

/* ---- Dialogs ------------------------------------------------------------------------------ */

typedef enum
{
  DIALOG_ADD_TAG,
  DIALOG_REMOVE_TAG,
  DIALOG_LIFECYCLE,
} DialogKind;

typedef struct
{
  CrmContactsBulkBar *self;
  DialogKind kind;
  GtkDropDown *dropdown;
  GtkEditable *new_tag; /* add tag only */
  GArray *tag_ids;      /* gint64 per drop-down item */
} DialogData;

static void
dialog_data_free (gpointer data)
{
  DialogData *dialog = data;

  g_clear_pointer (&dialog->tag_ids, g_array_unref);
  g_free (dialog);
}

static void
report (CrmContactsBulkBar *self, const GError *error)
{
  /* Translators: %s says why the edit of the selected contacts failed. */
  g_autofree char *text = g_strdup_printf (_ ("Nothing was changed: %s"), error->message);

  show_toast (self, text, FALSE);
}

static void
on_dialog_response (AdwMessageDialog *dialog, const char *response, DialogData *data)
{
  guint selected = gtk_drop_down_get_selected (data->dropdown);
  g_autoptr (GError) error = NULL;
  gint64 tag_id = 0;
  gboolean done = TRUE;

  if (g_strcmp0 (response, "apply") != 0)
    return;
  if (data->tag_ids != NULL && selected != GTK_INVALID_LIST_POSITION
      && selected < data->tag_ids->len)
    tag_id = g_array_index (data->tag_ids, gint64, selected);
  switch (data->kind)
    {
      case DIALOG_ADD_TAG:
        {
          const char *name = gtk_editable_get_text (data->new_tag);
          done = crm_contacts_bulk_bar_add_tag (data->self, name[0] != '\0' ? 0 : tag_id, name,
                                                &error);
        }
        break;
      case DIALOG_REMOVE_TAG:
        done = crm_contacts_bulk_bar_remove_tag (data->self, tag_id, &error);
        break;
      case DIALOG_LIFECYCLE:
        done = crm_contacts_bulk_bar_set_lifecycle (data->self, selected, &error);
        break;
    }
  if (!done)
    report (data->self, error);
}

static GtkDropDown *
tag_dropdown (CrmContactsBulkBar *self, GArray *tag_ids)
{
  g_autoptr (GPtrArray) tags = crm_store_list_tags (self->store, NULL);
  GtkStringList *names = gtk_string_list_new (NULL);

  for (guint i = 0; tags != NULL && i < tags->len; i++)
    {
      const CrmTagRecord *tag = tags->pdata[i];
      gtk_string_list_append (names, tag->name);
      g_array_append_val (tag_ids, tag->id);
    }
  return GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (names), NULL));
}

static void
open_dialog (CrmContactsBulkBar *self, DialogKind kind)
{
  static const char *const headings[] = {
    [DIALOG_ADD_TAG] = N_ ("Add a Tag"),
    [DIALOG_REMOVE_TAG] = N_ ("Remove a Tag"),
    [DIALOG_LIFECYCLE] = N_ ("Set the Lifecycle Stage"),
  };
  static const char *const actions[] = {
    [DIALOG_ADD_TAG] = N_ ("_Add"),
    [DIALOG_REMOVE_TAG] = N_ ("_Remove"),
    [DIALOG_LIFECYCLE] = N_ ("_Set"),
  };
  guint n = n_selected (self);
  DialogData *data = g_new0 (DialogData, 1);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  g_autofree char *body = NULL;
  AdwMessageDialog *dialog;

  data->self = self;
  data->kind = kind;
  if (kind == DIALOG_LIFECYCLE)
    {
      const char *labels[N_STAGES + 1] = { NULL };

      for (guint stage = 0; stage < N_STAGES; stage++)
        labels[stage] = crm_lifecycle_stage_get_label (stage);
      data->dropdown = GTK_DROP_DOWN (gtk_drop_down_new_from_strings (labels));
      /* Translators: %u is a number of contacts. */
      body = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "The %u selected contact moves to this stage.",
                                           "The %u selected contacts move to this stage.", n),
                              n);
    }
  else
    {
      data->tag_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
      data->dropdown = tag_dropdown (self, data->tag_ids);
      body = g_strdup_printf (
          kind == DIALOG_ADD_TAG
              ? g_dngettext (GETTEXT_PACKAGE, "The tag is added to the %u selected contact.",
                             "The tag is added to the %u selected contacts.", n)
              : g_dngettext (GETTEXT_PACKAGE, "The tag is taken off the %u selected contact.",
                             "The tag is taken off the %u selected contacts.", n),
          n);
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (data->dropdown), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  kind == DIALOG_LIFECYCLE ? _ ("Lifecycle stage") : _ ("Tag"), -1);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (data->dropdown));
  if (kind == DIALOG_ADD_TAG)
    {
      GtkWidget *entry = gtk_entry_new ();

      gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _ ("Or a new tag"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _ ("New tag"), -1);
      gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
      data->new_tag = GTK_EDITABLE (entry);
      gtk_box_append (GTK_BOX (box), entry);
    }

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (
      GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), _ (headings[kind]), NULL));
  adw_message_dialog_set_body (dialog, body);
  adw_message_dialog_set_extra_child (dialog, box);
  adw_message_dialog_add_responses (dialog, "cancel", _ ("_Cancel"), "apply", _ (actions[kind]),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "apply", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "apply");
  adw_message_dialog_set_close_response (dialog, "cancel");
  /* No tag to take off: nothing to do. */
  if (kind == DIALOG_REMOVE_TAG && data->tag_ids->len == 0)
    adw_message_dialog_set_response_enabled (dialog, "apply", FALSE);
  g_object_set_data_full (G_OBJECT (dialog), "crm-bulk-dialog", data, dialog_data_free);
  g_signal_connect (dialog, "response", G_CALLBACK (on_dialog_response), data);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_add_tag_clicked (CrmContactsBulkBar *self)
{
  open_dialog (self, DIALOG_ADD_TAG);
}

static void
on_remove_tag_clicked (CrmContactsBulkBar *self)
{
  open_dialog (self, DIALOG_REMOVE_TAG);
}

static void
on_lifecycle_clicked (CrmContactsBulkBar *self)
{
  open_dialog (self, DIALOG_LIFECYCLE);
}

static void
on_merge_clicked (CrmContactsBulkBar *self)
{
  g_autoptr (GtkBitset) bitset = NULL;

  if (n_selected (self) != 2)
    return;
  bitset = gtk_selection_model_get_selection (self->selection);
  g_signal_emit (self, signals[SIGNAL_MERGE_REQUESTED], 0,
                 id_at (self, (guint) gtk_bitset_get_nth (bitset, 0)),
                 id_at (self, (guint) gtk_bitset_get_nth (bitset, 1)));
}

/* ---- GObject ------------------------------------------------------------------------------- */

static void
on_add_tag_activate (GtkWidget *widget, const char *action_name, GVariant *parameter);
static void
on_remove_tag_activate (GtkWidget *widget, const char *action_name, GVariant *parameter);

static void
crm_contacts_bulk_bar_dispose (GObject *object)
{
  CrmContactsBulkBar *self = CRM_CONTACTS_BULK_BAR (object);
  GtkWidget *child;

  crm_contacts_bulk_bar_set_selection (self, NULL, NULL);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->undo_manager);
  g_clear_object (&self->store);
  G_OBJECT_CLASS (crm_contacts_bulk_bar_parent_class)->dispose (object);
}

static void
crm_contacts_bulk_bar_class_init (CrmContactsBulkBarClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = crm_contacts_bulk_bar_dispose;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "contactsbulkbar");
  gtk_widget_class_install_action (widget_class, "bulk.add-tag", NULL, on_add_tag_activate);
  gtk_widget_class_install_action (widget_class, "bulk.remove-tag", NULL, on_remove_tag_activate);

  signals[SIGNAL_MERGE_REQUESTED]
      = g_signal_new ("merge-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                      NULL, NULL, G_TYPE_NONE, 2, G_TYPE_INT64, G_TYPE_INT64);
  signals[SIGNAL_APPLIED] = g_signal_new ("applied", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                          0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static GtkWidget *
bar_button (CrmContactsBulkBar *self, const char *mnemonic, GCallback callback)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (mnemonic);

  g_signal_connect_swapped (button, "clicked", callback, self);
  return button;
}

static void
on_add_tag_activate (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  on_add_tag_clicked (CRM_CONTACTS_BULK_BAR (widget));
}

static void
on_remove_tag_activate (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  on_remove_tag_clicked (CRM_CONTACTS_BULK_BAR (widget));
}

static void
crm_contacts_bulk_bar_init (CrmContactsBulkBar *self)
{
  /* A plain box in the style of an action bar: GtkActionBar keeps its middle centred and so
   * asks for twice the width of its sides, which would fold the smart lists away. */
  GtkWidget *bar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *tags = gtk_menu_button_new ();
  g_autoptr (GMenu) menu = g_menu_new ();

  /* The two tag edits share a menu, so that the bar fits a narrow list pane. */
  g_menu_append (menu, _ ("_Add Tag…"), "bulk.add-tag");
  g_menu_append (menu, _ ("_Remove Tag…"), "bulk.remove-tag");
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (tags), G_MENU_MODEL (menu));
  gtk_menu_button_set_label (GTK_MENU_BUTTON (tags), _ ("_Tags"));
  gtk_menu_button_set_use_underline (GTK_MENU_BUTTON (tags), TRUE);
  gtk_widget_set_tooltip_text (tags, _ ("Add a tag to the selected contacts, or take one off"));
  self->add_tag_button = tags;
  self->remove_tag_button = tags;
  self->lifecycle_button = bar_button (self, _ ("_Lifecycle…"), G_CALLBACK (on_lifecycle_clicked));
  gtk_widget_set_tooltip_text (self->lifecycle_button,
                               _ ("Set the lifecycle stage of the selected contacts"));
  self->merge_button = bar_button (self, _ ("M_erge…"), G_CALLBACK (on_merge_clicked));
  gtk_widget_set_tooltip_text (self->merge_button, _ ("Merge the two selected contacts"));

  /* How many are selected is the list's title meanwhile. */
  gtk_widget_add_css_class (bar, "toolbar");
  gtk_widget_set_halign (tags, GTK_ALIGN_END);
  gtk_widget_set_hexpand (tags, TRUE);
  gtk_box_append (GTK_BOX (bar), tags);
  gtk_box_append (GTK_BOX (bar), self->lifecycle_button);
  gtk_box_append (GTK_BOX (bar), self->merge_button);
  gtk_widget_set_parent (bar, GTK_WIDGET (self));
  update (self);
}

GtkWidget *
crm_contacts_bulk_bar_new (CrmStore *store)
{
  CrmContactsBulkBar *self;

  g_return_val_if_fail (CRM_IS_STORE (store), NULL);

  self = g_object_new (CRM_TYPE_CONTACTS_BULK_BAR, NULL);
  self->store = g_object_ref (store);
  return GTK_WIDGET (self);
}

void
crm_contacts_bulk_bar_set_selection (CrmContactsBulkBar *self,
                                     GtkSelectionModel *selection,
                                     CrmContactListModel *model)
{
  g_return_if_fail (CRM_IS_CONTACTS_BULK_BAR (self));

  if (self->selection != NULL)
    {
      g_clear_signal_handler (&self->selection_handler, self->selection);
      g_clear_signal_handler (&self->items_handler, self->selection);
    }
  g_set_object (&self->selection, selection);
  g_set_object (&self->model, model);
  if (selection != NULL)
    {
      self->selection_handler = g_signal_connect_object (
          selection, "selection-changed", G_CALLBACK (update), self, G_CONNECT_SWAPPED);
      /* A list replaced clears the selection without saying so. */
      self->items_handler = g_signal_connect_object (selection, "items-changed",
                                                     G_CALLBACK (update), self, G_CONNECT_SWAPPED);
    }
  if (self->merge_button != NULL)
    update (self);
}

void
crm_contacts_bulk_bar_set_undo_manager (CrmContactsBulkBar *self, CrmUndoManager *undo_manager)
{
  g_return_if_fail (CRM_IS_CONTACTS_BULK_BAR (self));
  g_set_object (&self->undo_manager, undo_manager);
}

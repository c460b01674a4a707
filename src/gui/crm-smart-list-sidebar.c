/* crm-smart-list-sidebar.c — CrmSmartListSidebar: two list boxes (All Contacts; the smart lists
 * bound to a CrmSmartListModel) that share one selection, the counts that follow the model, and
 * the rename and delete commands of each smart list. Names are user text: plain labels only. */
#include "config.h"

#include "crm-smart-list-sidebar.h"

#include <glib/gi18n.h>

#define ALL_CONTACTS 0
#define NONE (-1)

struct _CrmSmartListSidebar
{
  GtkWidget parent_instance;

  CrmStore *store;
  CrmSmartListModel *model;
  CrmUndoManager *undo_manager;
  GtkListBox *all_box;
  GtkListBox *lists_box;
  GtkLabel *all_count;
  gint64 selected;
  guint selecting; /* while the selection is set from code */
};

G_DEFINE_FINAL_TYPE (CrmSmartListSidebar, crm_smart_list_sidebar, GTK_TYPE_WIDGET)

enum
{
  SIGNAL_LIST_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* ---- Counts ------------------------------------------------------------------------------- */

static char *
format_count (int count)
{
  /* Still counting: nothing rather than a wrong number. */
  if (count < 0)
    return g_strdup ("");
  return g_strdup_printf ("%'d", count);
}

static void
update_all_count (CrmSmartListSidebar *self)
{
  g_autofree char *text = NULL;

  if (self->model == NULL)
    return;
  text = format_count (crm_smart_list_model_get_all_count (self->model));
  gtk_label_set_text (self->all_count, text);
}

static void
update_row_count (GtkLabel *label, GParamSpec *pspec, CrmSmartList *list)
{
  g_autofree char *text = format_count (crm_smart_list_get_count (list));

  gtk_label_set_text (label, text);
}

static void
update_row_name (GtkLabel *label, GParamSpec *pspec, CrmSmartList *list)
{
  gtk_label_set_text (label, crm_smart_list_get_name (list));
}

/* ---- Rows -------------------------------------------------------------------------------- */

static GtkWidget *
count_label_new (void)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_widget_add_css_class (label, "dim-label");
  gtk_widget_add_css_class (label, "numeric");
  gtk_label_set_xalign (GTK_LABEL (label), 1);
  return label;
}

static GtkWidget *
create_list_row (gpointer item, gpointer user_data)
{
  CrmSmartList *list = item;
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *name = gtk_label_new (NULL);
  GtkWidget *count = count_label_new ();
  GtkWidget *menu_button = gtk_menu_button_new ();
  g_autoptr (GMenu) menu = g_menu_new ();
  g_autoptr (GMenuItem) rename = g_menu_item_new (_ ("_Rename…"), NULL);
  g_autoptr (GMenuItem) delete = g_menu_item_new (_ ("_Delete"), NULL);
  gint64 id = crm_smart_list_get_id (list);

  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (name, TRUE);
  update_row_name (GTK_LABEL (name), NULL, list);
  update_row_count (GTK_LABEL (count), NULL, list);
  g_signal_connect_object (list, "notify::name", G_CALLBACK (update_row_name), name,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (list, "notify::count", G_CALLBACK (update_row_count), count,
                           G_CONNECT_SWAPPED);

  g_menu_item_set_action_and_target_value (rename, "sidebar.rename", g_variant_new_int64 (id));
  g_menu_item_set_action_and_target_value (delete, "sidebar.delete", g_variant_new_int64 (id));
  g_menu_append_item (menu, rename);
  g_menu_append_item (menu, delete);
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (menu_button), G_MENU_MODEL (menu));
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (menu_button), "view-more-symbolic");
  gtk_widget_add_css_class (menu_button, "flat");
  gtk_widget_set_valign (menu_button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (menu_button, _ ("Smart List Menu"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (menu_button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _ ("Smart List Menu"), -1);

  gtk_box_append (GTK_BOX (box), name);
  gtk_box_append (GTK_BOX (box), count);
  gtk_box_append (GTK_BOX (box), menu_button);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  g_object_set_data_full (G_OBJECT (row), "crm-smart-list-id", g_memdup2 (&id, sizeof id), g_free);
  return row;
}

static gint64
row_id (GtkListBoxRow *row)
{
  const gint64 *id = g_object_get_data (G_OBJECT (row), "crm-smart-list-id");
  return id != NULL ? *id : ALL_CONTACTS;
}

static GtkListBoxRow *
find_row (CrmSmartListSidebar *self, gint64 id)
{
  for (int i = 0;; i++)
    {
      GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->lists_box, i);

      if (row == NULL || row_id (row) == id)
        return row;
    }
}

/* ---- Selection --------------------------------------------------------------------------- */

void
crm_smart_list_sidebar_set_selected (CrmSmartListSidebar *self, gint64 id)
{
  GtkListBoxRow *row;

  g_return_if_fail (CRM_IS_SMART_LIST_SIDEBAR (self));

  self->selecting++;
  self->selected = id;
  if (id == ALL_CONTACTS)
    {
      gtk_list_box_unselect_all (self->lists_box);
      gtk_list_box_select_row (self->all_box, gtk_list_box_get_row_at_index (self->all_box, 0));
    }
  else
    {
      gtk_list_box_unselect_all (self->all_box);
      row = id > 0 ? find_row (self, id) : NULL;
      if (row != NULL)
        gtk_list_box_select_row (self->lists_box, row);
      else
        gtk_list_box_unselect_all (self->lists_box);
    }
  self->selecting--;
}

gint64
crm_smart_list_sidebar_get_selected (CrmSmartListSidebar *self)
{
  g_return_val_if_fail (CRM_IS_SMART_LIST_SIDEBAR (self), NONE);
  return self->selected;
}

static void
on_row_activated (CrmSmartListSidebar *self, GtkListBoxRow *row, GtkListBox *box)
{
  gint64 id = box == self->all_box ? ALL_CONTACTS : row_id (row);

  crm_smart_list_sidebar_set_selected (self, id);
  g_signal_emit (self, signals[SIGNAL_LIST_ACTIVATED], 0, id);
}

/* A list deleted while shown: nothing is selected any more. */
static void
on_lists_changed (CrmSmartListSidebar *self)
{
  if (self->selected > 0 && crm_smart_list_model_lookup (self->model, self->selected) == NULL)
    crm_smart_list_sidebar_set_selected (self, NONE);
  else if (self->selected > 0)
    crm_smart_list_sidebar_set_selected (self, self->selected);
}

/* The lists are read, and counting starts, when the sidebar is first shown (or asked for them):
 * not while the window opens on another page. */
static CrmSmartListModel *
ensure_model (CrmSmartListSidebar *self)
{
  if (self->model != NULL)
    return self->model;
  self->model = crm_smart_list_model_new (self->store);
  gtk_list_box_bind_model (self->lists_box, G_LIST_MODEL (self->model), create_list_row, NULL,
                           NULL);
  g_signal_connect_object (self->model, "items-changed", G_CALLBACK (on_lists_changed), self,
                           G_CONNECT_SWAPPED | G_CONNECT_AFTER);
  g_signal_connect_object (self->model, "notify::all-count", G_CALLBACK (update_all_count), self,
                           G_CONNECT_SWAPPED);
  update_all_count (self);
  crm_smart_list_sidebar_set_selected (self, self->selected);
  return self->model;
}

static void
crm_smart_list_sidebar_map (GtkWidget *widget)
{
  ensure_model (CRM_SMART_LIST_SIDEBAR (widget));
  GTK_WIDGET_CLASS (crm_smart_list_sidebar_parent_class)->map (widget);
}

/* ---- Rename and delete ------------------------------------------------------------------ */

static void
show_toast (CrmSmartListSidebar *self, const char *text, gboolean undoable)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);
  /* Toast titles are markup; list names are not. */
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

typedef struct
{
  gint64 id;
  const char *name;
} ListEdit;

static gboolean
delete_func (CrmStore *store, gpointer user_data, GError **error)
{
  const ListEdit *edit = user_data;
  return crm_store_delete_smart_list (store, edit->id, error);
}

static gboolean
rename_func (CrmStore *store, gpointer user_data, GError **error)
{
  const ListEdit *edit = user_data;
  g_autoptr (CrmSmartListRecord) list = crm_store_get_smart_list (store, edit->id, error);

  if (list == NULL)
    return FALSE;
  g_free (list->name);
  list->name = g_strstrip (g_strdup (edit->name));
  return crm_store_update_smart_list (store, list, error);
}

static gboolean
run_edit (CrmSmartListSidebar *self,
          const char *label,
          CrmUndoableFunc func,
          ListEdit *edit,
          GError **error)
{
  if (self->undo_manager != NULL)
    return crm_undo_manager_record (self->undo_manager, label, func, edit, error);
  return func (self->store, edit, error);
}

gboolean
crm_smart_list_sidebar_delete (CrmSmartListSidebar *self, gint64 id, GError **error)
{
  CrmSmartList *list;
  g_autofree char *label = NULL;
  ListEdit edit = { id, NULL };

  g_return_val_if_fail (CRM_IS_SMART_LIST_SIDEBAR (self), FALSE);

  list = crm_smart_list_model_lookup (ensure_model (self), id);
  /* Translators: an undoable step; %s is the smart list's name. */
  label = g_strdup_printf (_ ("Deleted smart list “%s”"),
                           list != NULL ? crm_smart_list_get_name (list) : "");
  if (!run_edit (self, label, delete_func, &edit, error))
    return FALSE;
  show_toast (self, label, self->undo_manager != NULL);
  return TRUE;
}

gboolean
crm_smart_list_sidebar_rename (CrmSmartListSidebar *self,
                               gint64 id,
                               const char *name,
                               GError **error)
{
  CrmSmartList *list;
  g_autofree char *label = NULL;
  ListEdit edit = { id, name };

  g_return_val_if_fail (CRM_IS_SMART_LIST_SIDEBAR (self), FALSE);

  list = crm_smart_list_model_lookup (ensure_model (self), id);
  /* Translators: an undoable step; the smart list's old name, then its new one. */
  label = g_strdup_printf (_ ("Renamed smart list “%s” to “%s”"),
                           list != NULL ? crm_smart_list_get_name (list) : "", name);
  return run_edit (self, label, rename_func, &edit, error);
}

static void
on_delete_activate (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  CrmSmartListSidebar *self = CRM_SMART_LIST_SIDEBAR (widget);
  g_autoptr (GError) error = NULL;

  if (!crm_smart_list_sidebar_delete (self, g_variant_get_int64 (parameter), &error))
    {
      /* Translators: %s says why. */
      g_autofree char *text
          = g_strdup_printf (_ ("Cannot delete the smart list: %s"), error->message);
      show_toast (self, text, FALSE);
    }
}

static void
on_rename_response (AdwMessageDialog *dialog, const char *response, CrmSmartListSidebar *self)
{
  GtkEditable *entry = GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog));
  const gint64 *id = g_object_get_data (G_OBJECT (dialog), "crm-smart-list-id");
  g_autoptr (GError) error = NULL;

  if (g_strcmp0 (response, "rename") != 0)
    return;
  if (!crm_smart_list_sidebar_rename (self, *id, gtk_editable_get_text (entry), &error))
    {
      /* Translators: %s says why. */
      g_autofree char *text
          = g_strdup_printf (_ ("Cannot rename the smart list: %s"), error->message);
      show_toast (self, text, FALSE);
    }
}

static void
on_rename_activate (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  CrmSmartListSidebar *self = CRM_SMART_LIST_SIDEBAR (widget);
  gint64 id = g_variant_get_int64 (parameter);
  CrmSmartList *list = crm_smart_list_model_lookup (ensure_model (self), id);
  GtkWidget *entry = gtk_entry_new ();
  AdwMessageDialog *dialog;

  if (list == NULL)
    return;
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)),
                                                       _ ("Rename Smart List"), NULL));
  gtk_editable_set_text (GTK_EDITABLE (entry), crm_smart_list_get_name (list));
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, _ ("Name"),
                                  -1);
  adw_message_dialog_set_extra_child (dialog, entry);
  adw_message_dialog_add_responses (dialog, "cancel", _ ("_Cancel"), "rename", _ ("_Rename"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "rename", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "rename");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "crm-smart-list-id", g_memdup2 (&id, sizeof id),
                          g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_rename_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ---- GObject ------------------------------------------------------------------------------- */

static void
crm_smart_list_sidebar_dispose (GObject *object)
{
  CrmSmartListSidebar *self = CRM_SMART_LIST_SIDEBAR (object);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->model);
  g_clear_object (&self->undo_manager);
  g_clear_object (&self->store);
  G_OBJECT_CLASS (crm_smart_list_sidebar_parent_class)->dispose (object);
}

static void
crm_smart_list_sidebar_class_init (CrmSmartListSidebarClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = crm_smart_list_sidebar_dispose;
  widget_class->map = crm_smart_list_sidebar_map;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "smartlistsidebar");
  gtk_widget_class_install_action (widget_class, "sidebar.rename", "x", on_rename_activate);
  gtk_widget_class_install_action (widget_class, "sidebar.delete", "x", on_delete_activate);

  signals[SIGNAL_LIST_ACTIVATED]
      = g_signal_new ("list-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                      NULL, G_TYPE_NONE, 1, G_TYPE_INT64);
}

static void
crm_smart_list_sidebar_init (CrmSmartListSidebar *self)
{
}

static GtkWidget *
build_all_row (CrmSmartListSidebar *self)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *icon = gtk_image_new_from_icon_name ("crm-contacts-symbolic");
  GtkWidget *label = gtk_label_new (_ ("All Contacts"));

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_hexpand (label, TRUE);
  self->all_count = GTK_LABEL (count_label_new ());
  gtk_box_append (GTK_BOX (box), icon);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->all_count));
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  return row;
}

GtkWidget *
crm_smart_list_sidebar_new (CrmStore *store)
{
  CrmSmartListSidebar *self;
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *heading = gtk_label_new (_ ("Smart Lists"));
  GtkWidget *placeholder
      = gtk_label_new (_ ("Set a filter, then save it as a smart list to find it here."));

  g_return_val_if_fail (CRM_IS_STORE (store), NULL);

  self = g_object_new (CRM_TYPE_SMART_LIST_SIDEBAR, NULL);
  self->store = g_object_ref (store);

  self->all_box = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_widget_add_css_class (GTK_WIDGET (self->all_box), "navigation-sidebar");
  gtk_list_box_append (self->all_box, build_all_row (self));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->all_box), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _ ("All Contacts"), -1);
  g_signal_connect_swapped (self->all_box, "row-activated", G_CALLBACK (on_row_activated), self);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->all_box));

  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_widget_add_css_class (heading, "heading");
  gtk_widget_add_css_class (heading, "dim-label");
  gtk_widget_set_margin_start (heading, 18);
  gtk_widget_set_margin_top (heading, 12);
  gtk_widget_set_margin_bottom (heading, 6);
  gtk_box_append (GTK_BOX (box), heading);

  self->lists_box = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_widget_add_css_class (GTK_WIDGET (self->lists_box), "navigation-sidebar");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->lists_box), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _ ("Smart Lists"), -1);
  gtk_label_set_wrap (GTK_LABEL (placeholder), TRUE);
  gtk_label_set_xalign (GTK_LABEL (placeholder), 0);
  gtk_widget_add_css_class (placeholder, "dim-label");
  gtk_widget_add_css_class (placeholder, "caption");
  gtk_widget_set_margin_start (placeholder, 18);
  gtk_widget_set_margin_end (placeholder, 18);
  gtk_list_box_set_placeholder (self->lists_box, placeholder);
  g_signal_connect_swapped (self->lists_box, "row-activated", G_CALLBACK (on_row_activated), self);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->lists_box));

  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), box);
  gtk_widget_set_parent (scroller, GTK_WIDGET (self));
  crm_smart_list_sidebar_set_selected (self, ALL_CONTACTS);
  return GTK_WIDGET (self);
}

void
crm_smart_list_sidebar_set_undo_manager (CrmSmartListSidebar *self, CrmUndoManager *undo_manager)
{
  g_return_if_fail (CRM_IS_SMART_LIST_SIDEBAR (self));
  g_set_object (&self->undo_manager, undo_manager);
}

CrmSmartListModel *
crm_smart_list_sidebar_get_model (CrmSmartListSidebar *self)
{
  g_return_val_if_fail (CRM_IS_SMART_LIST_SIDEBAR (self), NULL);
  return ensure_model (self);
}

const char *
crm_smart_list_sidebar_get_count_text (CrmSmartListSidebar *self, gint64 id)
{
  GtkListBoxRow *row;
  GtkWidget *count;

  g_return_val_if_fail (CRM_IS_SMART_LIST_SIDEBAR (self), NULL);

  if (id == ALL_CONTACTS)
    return gtk_label_get_text (self->all_count);
  row = find_row (self, id);
  if (row == NULL)
    return NULL;
  /* The row's box: name, count, menu. */
  count
      = gtk_widget_get_next_sibling (gtk_widget_get_first_child (gtk_list_box_row_get_child (row)));
  return gtk_label_get_text (GTK_LABEL (count));
}

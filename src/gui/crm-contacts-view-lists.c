/* crm-contacts-view-lists.c — the list pane of CrmContactsView: the smart lists sidebar (in a
 * flap that folds over the list when the window is narrow), the list's title and count, the
 * people or companies switch, search, order and filter, "Save as Smart List…", and the
 * selection mode with its bulk edits (CrmContactsBulkBar).
 *
 * Every text from the database goes into plain labels and rows (CrmContactRow): no markup. */
#include "config.h"

#include "crm-contacts-view-private.h"

#include <glib/gi18n.h>

#include "crm-company.h"
#include "crm-contact-row.h"
#include "crm-contact.h"

/* ---- Rows of the list --------------------------------------------------------------------- */

/* Row contents kept for reuse at most (the list's grid view holds about 33 rows). */
#define MAX_POOLED_ROWS 64

/* The list item a row stands in right now (rows are reused, see on_row_teardown). */
static GtkListItem *
row_item (GtkWidget *row)
{
  return g_object_get_data (G_OBJECT (row), "crm-list-item");
}

/* A row (CrmContactRow): a check box (selection mode only), the name, and a second line. */
static void
on_row_check_toggled (GtkCheckButton *check, gpointer unused)
{
  CrmContactsView *self = g_object_get_data (G_OBJECT (check), "crm-contacts-view");
  GtkListItem *item = row_item (gtk_widget_get_parent (GTK_WIDGET (check)));
  guint position = item != NULL ? gtk_list_item_get_position (item) : GTK_INVALID_LIST_POSITION;
  gboolean active = gtk_check_button_get_active (check);

  if (self->multi_selection == NULL || position == GTK_INVALID_LIST_POSITION
      || active == gtk_list_item_get_selected (item))
    return;
  if (active)
    gtk_selection_model_select_item (GTK_SELECTION_MODEL (self->multi_selection), position, FALSE);
  else
    gtk_selection_model_unselect_item (GTK_SELECTION_MODEL (self->multi_selection), position);
}

/* In selection mode a click toggles the row, as its check box does, rather than selecting it
 * alone. */
static void
on_row_pressed (GtkGestureClick *gesture, int n_press, double x, double y, gpointer unused)
{
  GtkWidget *row = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (gesture));
  CrmContactsView *self = g_object_get_data (G_OBJECT (row), "crm-contacts-view");
  GtkCheckButton *check = crm_contact_row_get_check_button (CRM_CONTACT_ROW (row));

  if (!self->selection_mode)
    return;
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  gtk_check_button_set_active (check, !gtk_check_button_get_active (check));
}

static GtkWidget *
row_new (CrmContactsView *self)
{
  GtkWidget *row = crm_contact_row_new ();
  GtkCheckButton *check = crm_contact_row_get_check_button (CRM_CONTACT_ROW (row));
  GtkGesture *click = gtk_gesture_click_new ();

  gtk_widget_set_can_focus (GTK_WIDGET (check), FALSE);
  g_object_set_data (G_OBJECT (check), "crm-contacts-view", self);
  g_signal_connect (check, "toggled", G_CALLBACK (on_row_check_toggled), NULL);

  g_object_set_data (G_OBJECT (row), "crm-contacts-view", self);
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (click), GTK_PHASE_CAPTURE);
  g_signal_connect (click, "pressed", G_CALLBACK (on_row_pressed), NULL);
  gtk_widget_add_controller (row, GTK_EVENT_CONTROLLER (click));

  gtk_widget_set_hexpand (row, TRUE);
  gtk_widget_set_margin_top (row, 6);
  gtk_widget_set_margin_bottom (row, 6);
  return row;
}

/* A new search replaces every row the list shows: the grid view (GTK 4.8) drops the rows of the
 * items that went and makes new ones. Their contents (a row, its check box and a gesture) are
 * kept from a row's teardown for the next row's setup instead of being made again.
 *
 * The item holds a reference of its own to its row ("crm-row"): GTK 4.8 takes the row out of
 * an item it releases (and drops it) before it emits "teardown", so the row is no longer the
 * item's child by then. */
static void
on_row_setup (GtkSignalListItemFactory *factory, GtkListItem *item, CrmContactsView *self)
{
  GtkWidget *row;

  if (self->row_pool != NULL && self->row_pool->len > 0)
    row = g_ptr_array_steal_index_fast (self->row_pool, self->row_pool->len - 1);
  else
    row = g_object_ref_sink (row_new (self));
  g_object_set_data (G_OBJECT (row), "crm-list-item", item);
  g_object_set_data_full (G_OBJECT (item), "crm-row", row, g_object_unref);
  gtk_list_item_set_child (item, row);
}

static void
on_row_teardown (GtkSignalListItemFactory *factory, GtkListItem *item, CrmContactsView *self)
{
  GtkWidget *row = g_object_steal_data (G_OBJECT (item), "crm-row");

  if (row == NULL)
    return;
  g_object_set_data (G_OBJECT (row), "crm-list-item", NULL);
  /* The check box followed this item's selection (on_contact_setup). */
  g_signal_handlers_disconnect_by_data (item,
                                        crm_contact_row_get_check_button (CRM_CONTACT_ROW (row)));
  if (gtk_list_item_get_child (item) == row)
    gtk_list_item_set_child (item, NULL);
  if (self->row_pool == NULL || self->row_pool->len >= MAX_POOLED_ROWS)
    {
      g_object_unref (row);
      return;
    }
  g_ptr_array_add (self->row_pool, row);
}

static void
bind_texts (GtkListItem *item, const char *name, const char *detail)
{
  CrmContactRow *row = CRM_CONTACT_ROW (gtk_list_item_get_child (item));
  GtkCheckButton *check = crm_contact_row_get_check_button (row);
  CrmContactsView *self = g_object_get_data (G_OBJECT (row), "crm-contacts-view");

  crm_contact_row_set_texts (row, name, detail);
  gtk_widget_set_visible (GTK_WIDGET (check), self->selection_mode && !self->companies_mode);
  gtk_check_button_set_active (check, gtk_list_item_get_selected (item));
}

/* A person: the name, then the company and the e-mail address. */
static void
on_contact_bind (GtkSignalListItemFactory *factory, GtkListItem *item, CrmContactsView *self)
{
  CrmContact *contact = gtk_list_item_get_item (item);
  const char *company, *email;
  g_autofree char *detail = NULL;

  if (contact == NULL)
    return;
  company = crm_contact_get_company_name (contact);
  email = crm_contact_get_email (contact);
  if (company != NULL && email != NULL && email[0] != '\0')
    /* Translators: the second line of a person in the contact list: company · e-mail. */
    detail = g_strdup_printf (C_ ("contact row", "%s · %s"), company, email);
  else
    detail = g_strdup (company != NULL ? company : email);
  bind_texts (item, crm_contact_get_name (contact), detail);
}

static void
on_company_bind (GtkSignalListItemFactory *factory, GtkListItem *item, CrmContactsView *self)
{
  CrmCompany *company = gtk_list_item_get_item (item);
  const CrmCompanyRecord *record;

  if (company == NULL)
    return;
  record = crm_entity_object_get_record (CRM_ENTITY_OBJECT (company));
  bind_texts (item, record->name, record->industry != NULL ? record->industry : record->website);
}

/* The check boxes follow the selection of the rows they stand in. */
static void
on_item_selected_notify (GtkListItem *item, GParamSpec *pspec, GtkCheckButton *check)
{
  gtk_check_button_set_active (check, gtk_list_item_get_selected (item));
}

static void
on_contact_setup (GtkSignalListItemFactory *factory, GtkListItem *item, CrmContactsView *self)
{
  on_row_setup (factory, item, self);
  g_signal_connect_object (
      item, "notify::selected", G_CALLBACK (on_item_selected_notify),
      crm_contact_row_get_check_button (CRM_CONTACT_ROW (gtk_list_item_get_child (item))), 0);
}

static GtkListItemFactory *
factory_new (CrmContactsView *self, GCallback setup, GCallback bind)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", setup, self);
  g_signal_connect (factory, "bind", bind, self);
  g_signal_connect (factory, "teardown", G_CALLBACK (on_row_teardown), self);
  return factory;
}

/* ---- The title and count ---------------------------------------------------------------- */

static void
update_title (CrmContactsView *self)
{
  g_autofree char *count = NULL;
  g_autofree char *selection_title = NULL;
  const char *title;
  GListModel *model;

  if (self->companies_mode)
    {
      title = _ ("Companies");
      model = G_LIST_MODEL (self->company_model);
    }
  else
    {
      CrmSmartList *list
          = self->smart_list_id > 0 && self->sidebar != NULL ? crm_smart_list_model_lookup (
                crm_smart_list_sidebar_get_model (self->sidebar), self->smart_list_id)
                                                             : NULL;

      if (list != NULL)
        title = crm_smart_list_get_name (list);
      else if (self->smart_list_id == 0)
        title = _ ("All Contacts");
      else
        title = _ ("Filtered Contacts");
      model = G_LIST_MODEL (self->model);
    }
  if (self->selection_mode && self->multi_selection != NULL)
    {
      g_autoptr (GtkBitset) selected
          = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->multi_selection));
      guint n = (guint) gtk_bitset_get_size (selected);

      /* Translators: the list's title in selection mode. */
      selection_title
          = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%'u Selected", "%'u Selected", n), n);
      title = selection_title;
    }
  gtk_label_set_text (self->list_title, title);
  if (model != NULL)
    count = g_strdup_printf ("%'u", g_list_model_get_n_items (model));
  gtk_label_set_text (self->list_count, count != NULL ? count : "");
  crm_contacts_view_queue_no_results (self);
}

/* ---- No results ---------------------------------------------------------------------------- */

static gboolean
on_no_results_idle (gpointer data)
{
  CrmContactsView *self = data;
  GListModel *model
      = self->companies_mode ? G_LIST_MODEL (self->company_model) : G_LIST_MODEL (self->model);

  gboolean searched
      = gtk_editable_get_text (GTK_EDITABLE (self->search_entry))[0] != '\0'
        || (!self->companies_mode && self->model != NULL
            && !crm_contact_filter_is_empty (crm_contact_list_model_get_filter (self->model)));

  self->no_results_source = 0;
  if (searched)
    {
      adw_status_page_set_title (ADW_STATUS_PAGE (self->no_results), _ ("No Results Found"));
      adw_status_page_set_description (ADW_STATUS_PAGE (self->no_results),
                                       _ ("Try a different search or filter."));
    }
  /* Else only companies can be none (no contact at all is the page's empty state). */
  else
    {
      adw_status_page_set_title (ADW_STATUS_PAGE (self->no_results), _ ("No Companies"));
      adw_status_page_set_description (
          ADW_STATUS_PAGE (self->no_results),
          _ ("A company is added with the first contact who works there, or by an import."));
    }
  gtk_widget_set_visible (self->no_results, model != NULL && g_list_model_get_n_items (model) == 0);
  return G_SOURCE_REMOVE;
}

/* Shows "No Results Found" over the list when it is empty. Once the change is complete, before
 * the next frame: a new search is said as every row removed, then the new rows added, and the
 * state in between is not shown. (When the database holds no contact at all, the page's empty
 * state shows instead: crm-contacts-view.c.) */
void
crm_contacts_view_queue_no_results (CrmContactsView *self)
{
  if (self->no_results == NULL || self->no_results_source != 0)
    return;
  self->no_results_source = g_idle_add_full (G_PRIORITY_HIGH_IDLE, on_no_results_idle, self, NULL);
}

static GtkWidget *
build_no_results (void)
{
  GtkWidget *status = adw_status_page_new ();

  adw_status_page_set_icon_name (ADW_STATUS_PAGE (status), "edit-find-symbolic");
  gtk_widget_add_css_class (status, "compact");
  gtk_widget_set_visible (status, FALSE);
  return status;
}

/* ---- The filter --------------------------------------------------------------------------- */

/* The filter of the list: the popover's criteria and the search field's words. */
static CrmContactFilter *
dup_current_filter (CrmContactsView *self)
{
  CrmContactFilter *filter = crm_contact_filter_popover_dup_filter (self->filter_popover);

  filter->text = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
  return filter;
}

/* The filter button: its icon, and how many criteria are set beside it when some are. */
static void
update_filter_button (CrmContactsView *self)
{
  g_autoptr (CrmContactFilter) filter
      = crm_contact_filter_popover_dup_filter (self->filter_popover);
  guint n = crm_contact_filter_count_criteria (filter);
  GtkWidget *box = gtk_menu_button_get_child (self->filter_button);
  GtkWidget *count = gtk_widget_get_last_child (box);
  g_autofree char *text = g_strdup_printf ("%u", n);
  g_autofree char *tooltip = NULL;

  gtk_label_set_text (GTK_LABEL (count), text);
  gtk_widget_set_visible (count, n > 0);
  if (n > 0)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->filter_button), "accent");
      tooltip = g_strdup_printf (
          g_dngettext (GETTEXT_PACKAGE, "Filter (%u criterion set)", "Filter (%u criteria set)", n),
          n);
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->filter_button), "accent");
      tooltip = g_strdup (_ ("Filter"));
    }
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->filter_button), tooltip);
}

/* The sidebar shows a smart list only as long as the list shows that list's filter. */
static void
update_smart_list_selection (CrmContactsView *self)
{
  g_autoptr (CrmContactFilter) filter = dup_current_filter (self);
  gboolean list_exists
      = self->smart_list_id > 0 && self->sidebar != NULL
        && crm_smart_list_model_lookup (crm_smart_list_sidebar_get_model (self->sidebar),
                                        self->smart_list_id)
               != NULL;

  /* Still showing the smart list: it is there, and so is its filter. */
  if (list_exists && self->smart_list_filter != NULL
      && crm_contact_filter_equal (filter, self->smart_list_filter))
    ;
  else if (crm_contact_filter_count_criteria (filter) == 0)
    self->smart_list_id = 0;
  else
    self->smart_list_id = -1;
  if (self->smart_list_id <= 0)
    g_clear_pointer (&self->smart_list_filter, crm_contact_filter_free);
  if (self->sidebar != NULL)
    crm_smart_list_sidebar_set_selected (self->sidebar, self->smart_list_id);
  update_title (self);
}

static void
apply_filter (CrmContactsView *self)
{
  g_autoptr (CrmContactFilter) filter = dup_current_filter (self);

  if (self->model != NULL)
    crm_contact_list_model_set_filter (self->model, filter);
  update_filter_button (self);
  update_smart_list_selection (self);
}

static void
on_filter_changed (CrmContactsView *self)
{
  apply_filter (self);
}

/* ---- Search and order ------------------------------------------------------------------------ */

static void
on_search_changed (CrmContactsView *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));

  if (self->companies_mode)
    {
      crm_company_list_model_set_search (self->company_model, text);
      update_title (self);
      return;
    }
  crm_contacts_view_ensure_model (self);
  /* Already in force (the field was set from a smart list). */
  if (g_strcmp0 (crm_contact_list_model_get_search (self->model),
                 crm_contact_filter_get_search (&(CrmContactFilter){ .text = (char *) text }))
      == 0)
    {
      update_smart_list_selection (self);
      return;
    }
  crm_contact_list_model_set_search (self->model, text);
  update_smart_list_selection (self);
}

static void
on_search_edited (CrmContactsView *self)
{
  g_signal_emit_by_name (self, "search-edited");
}

static void
on_search_stopped (CrmContactsView *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
}

static void
on_sort_selected (CrmContactsView *self)
{
  guint selected = gtk_drop_down_get_selected (self->sort_dropdown);

  if (selected < CRM_CONTACT_N_SORTS)
    crm_contact_list_model_set_sort (crm_contacts_view_ensure_model (self),
                                     (CrmContactSort) selected);
}

void
crm_contacts_view_set_search_text (CrmContactsView *self, const char *text)
{
  g_return_if_fail (CRM_IS_CONTACTS_VIEW (self));

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text != NULL ? text : "");
  on_search_changed (self);
}

void
crm_contacts_view_set_sort (CrmContactsView *self, CrmContactSort sort)
{
  g_return_if_fail (CRM_IS_CONTACTS_VIEW (self));
  g_return_if_fail (sort < CRM_CONTACT_N_SORTS);

  gtk_drop_down_set_selected (self->sort_dropdown, sort);
}

void
crm_contacts_view_set_filter (CrmContactsView *self, const CrmContactFilter *filter)
{
  g_return_if_fail (CRM_IS_CONTACTS_VIEW (self));

  crm_contact_filter_popover_set_filter (self->filter_popover, filter);
  apply_filter (self);
}

const CrmContactFilter *
crm_contacts_view_get_filter (CrmContactsView *self)
{
  g_return_val_if_fail (CRM_IS_CONTACTS_VIEW (self), NULL);

  return crm_contact_list_model_get_filter (crm_contacts_view_ensure_model (self));
}

/* ---- Smart lists -------------------------------------------------------------------------- */

gboolean
crm_contacts_view_show_smart_list (CrmContactsView *self, gint64 id, GError **error)
{
  g_autoptr (CrmContactFilter) filter = NULL;
  CrmSmartList *list = NULL;

  g_return_val_if_fail (CRM_IS_CONTACTS_VIEW (self), FALSE);

  if (id != 0)
    {
      list = crm_smart_list_model_lookup (crm_smart_list_sidebar_get_model (self->sidebar), id);
      if (list == NULL)
        {
          g_set_error_literal (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND,
                               _ ("The smart list no longer exists"));
          return FALSE;
        }
      filter = crm_smart_list_dup_filter (list, error);
      if (filter == NULL)
        return FALSE;
    }
  crm_contacts_view_set_show_companies (self, FALSE);
  /* Its criteria as the popover shows them, and its search words in the search field. */
  crm_contact_filter_popover_set_filter (self->filter_popover, filter);
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry),
                         filter != NULL && filter->text != NULL ? filter->text : "");
  g_clear_pointer (&self->smart_list_filter, crm_contact_filter_free);
  self->smart_list_filter = dup_current_filter (self);
  self->smart_list_id = id;
  crm_contacts_view_ensure_model (self);
  apply_filter (self);
  if (adw_flap_get_folded (self->flap))
    adw_flap_set_reveal_flap (self->flap, FALSE);
  return TRUE;
}

static void
on_list_activated (CrmContactsView *self, gint64 id)
{
  g_autoptr (GError) error = NULL;

  if (!crm_contacts_view_show_smart_list (self, id, &error))
    g_warning ("Cannot show the smart list: %s", error->message);
}

typedef struct
{
  const char *name;
  const char *filter;
  int position;
  gint64 id;
} NewList;

static gboolean
save_list_func (CrmStore *store, gpointer user_data, GError **error)
{
  NewList *new_list = user_data;
  g_autoptr (CrmSmartListRecord) list = crm_smart_list_record_new ();

  list->name = g_strstrip (g_strdup (new_list->name));
  list->filter = g_strdup (new_list->filter);
  list->position = new_list->position;
  if (!crm_store_insert_smart_list (store, list, error))
    return FALSE;
  new_list->id = list->id;
  return TRUE;
}

gint64
crm_contacts_view_save_smart_list (CrmContactsView *self, const char *name, GError **error)
{
  g_autoptr (CrmContactFilter) filter = NULL;
  g_autofree char *text = NULL;
  g_autofree char *label = NULL;
  CrmSmartListModel *lists;
  NewList new_list = { name, NULL, 0, 0 };
  gboolean saved;

  g_return_val_if_fail (CRM_IS_CONTACTS_VIEW (self), 0);

  filter = dup_current_filter (self);
  text = crm_contact_filter_to_string (filter);
  lists = crm_smart_list_sidebar_get_model (self->sidebar);
  new_list.filter = text;
  new_list.position = (int) g_list_model_get_n_items (G_LIST_MODEL (lists));
  /* Translators: an undoable step; %s is the new smart list's name. */
  label = g_strdup_printf (_ ("Saved smart list “%s”"), name != NULL ? name : "");
  if (self->undo_manager != NULL)
    saved = crm_undo_manager_record (self->undo_manager, label, save_list_func, &new_list, error);
  else
    saved = save_list_func (crm_repository_get_store (self->repository), &new_list, error);
  if (!saved)
    return 0;
  self->smart_list_id = new_list.id;
  g_clear_pointer (&self->smart_list_filter, crm_contact_filter_free);
  self->smart_list_filter = g_steal_pointer (&filter);
  crm_smart_list_sidebar_set_selected (self->sidebar, new_list.id);
  update_title (self);
  return new_list.id;
}

static void
on_save_response (AdwMessageDialog *dialog, const char *response, CrmContactsView *self)
{
  GtkEditable *entry = GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog));
  g_autoptr (GError) error = NULL;
  GtkWidget *overlay;

  if (g_strcmp0 (response, "save") != 0
      || crm_contacts_view_save_smart_list (self, gtk_editable_get_text (entry), &error) != 0)
    return;
  overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);
  if (overlay != NULL)
    {
      /* Translators: %s says why. */
      g_autofree char *text
          = g_strdup_printf (_ ("Cannot save the smart list: %s"), error->message);
      g_autofree char *title = g_markup_escape_text (text, -1);

      adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (title));
    }
}

static void
on_name_changed (GtkEditable *entry, AdwMessageDialog *dialog)
{
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (entry)));

  adw_message_dialog_set_response_enabled (dialog, "save", name[0] != '\0');
}

static void
on_save_requested (CrmContactsView *self)
{
  GtkWidget *entry = gtk_entry_new ();
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (
      GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), _ ("Save as Smart List"), NULL));

  adw_message_dialog_set_body (dialog,
                               _ ("The smart list shows the contacts of this filter and search, "
                                  "as they are at each moment."));
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _ ("Name"));
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, _ ("Name"),
                                  -1);
  adw_message_dialog_set_extra_child (dialog, entry);
  adw_message_dialog_add_responses (dialog, "cancel", _ ("_Cancel"), "save", _ ("_Save"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "save", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "save");
  adw_message_dialog_set_close_response (dialog, "cancel");
  adw_message_dialog_set_response_enabled (dialog, "save", FALSE);
  g_signal_connect_object (entry, "changed", G_CALLBACK (on_name_changed), dialog, 0);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_save_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ---- People or companies ------------------------------------------------------------------- */

static void
on_company_selected (CrmContactsView *self)
{
  CrmCompany *company = gtk_single_selection_get_selected_item (self->company_selection);

  if (company == NULL)
    return;
  show_selected_company (self, crm_entity_object_get_id (CRM_ENTITY_OBJECT (company)));
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
}

static void
on_company_activate (CrmContactsView *self, guint position)
{
  gtk_single_selection_set_selected (self->company_selection, position);
  on_company_selected (self);
}

static void
on_list_view_activate (CrmContactsView *self, guint position)
{
  if (self->companies_mode)
    on_company_activate (self, position);
  else if (!self->selection_mode)
    crm_contacts_view_on_list_activate (self, position);
}

static void
ensure_company_model (CrmContactsView *self)
{
  if (self->company_model != NULL)
    return;
  self->company_model = crm_company_list_model_new (self->repository);
  gtk_single_selection_set_model (self->company_selection, G_LIST_MODEL (self->company_model));
  gtk_single_selection_set_selected (self->company_selection, GTK_INVALID_LIST_POSITION);
  g_signal_connect_object (self->company_model, "items-changed", G_CALLBACK (update_title), self,
                           G_CONNECT_SWAPPED);
}

void
crm_contacts_view_set_show_companies (CrmContactsView *self, gboolean companies)
{
  g_return_if_fail (CRM_IS_CONTACTS_VIEW (self));

  companies = !!companies;
  if (self->companies_mode == companies)
    return;
  if (companies)
    crm_contacts_view_set_selection_mode (self, FALSE);
  self->companies_mode = companies;
  gtk_toggle_button_set_active (companies ? self->companies_button : self->people_button, TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->filter_button), !companies);
  gtk_widget_set_visible (GTK_WIDGET (self->sort_dropdown), !companies);
  gtk_widget_set_visible (GTK_WIDGET (self->select_button), !companies);
  g_object_set (self->search_entry, "placeholder-text",
                companies ? _ ("Search companies") : _ ("Search contacts"), NULL);
  /* No model while the factory changes: rows are never bound to the other kind of item. */
  gtk_grid_view_set_model (self->list_view, NULL);
  if (companies)
    {
      ensure_company_model (self);
      gtk_grid_view_set_factory (self->list_view, self->company_factory);
      gtk_grid_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->company_selection));
      crm_company_list_model_set_search (self->company_model, NULL);
    }
  else
    {
      gtk_grid_view_set_factory (self->list_view, self->contact_factory);
      gtk_grid_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));
    }
  /* The sidebar's lists are lists of people. */
  if (self->sidebar != NULL)
    crm_smart_list_sidebar_set_selected (self->sidebar, companies ? -1 : self->smart_list_id);
  /* One search field for both: it starts empty in each. */
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  on_search_changed (self);
  update_title (self);
}

gboolean
crm_contacts_view_get_show_companies (CrmContactsView *self)
{
  g_return_val_if_fail (CRM_IS_CONTACTS_VIEW (self), FALSE);
  return self->companies_mode;
}

CrmCompanyListModel *
crm_contacts_view_get_company_model (CrmContactsView *self)
{
  g_return_val_if_fail (CRM_IS_CONTACTS_VIEW (self), NULL);

  ensure_company_model (self);
  return self->company_model;
}

static void
on_mode_toggled (CrmContactsView *self)
{
  crm_contacts_view_set_show_companies (self,
                                        gtk_toggle_button_get_active (self->companies_button));
}

/* ---- Selection mode ----------------------------------------------------------------------- */

void
crm_contacts_view_set_selection_mode (CrmContactsView *self, gboolean selection_mode)
{
  g_return_if_fail (CRM_IS_CONTACTS_VIEW (self));

  selection_mode = !!selection_mode;
  if (self->selection_mode == selection_mode || (selection_mode && self->companies_mode))
    return;
  self->selection_mode = selection_mode;
  gtk_toggle_button_set_active (self->select_button, selection_mode);
  if (selection_mode)
    {
      CrmContactListModel *model = crm_contacts_view_ensure_model (self);

      if (self->multi_selection == NULL)
        {
          self->multi_selection = gtk_multi_selection_new (g_object_ref (G_LIST_MODEL (model)));
          g_signal_connect_object (self->multi_selection, "selection-changed",
                                   G_CALLBACK (update_title), self, G_CONNECT_SWAPPED);
        }
      gtk_selection_model_unselect_all (GTK_SELECTION_MODEL (self->multi_selection));
      gtk_grid_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->multi_selection));
      crm_contacts_bulk_bar_set_selection (self->bulk_bar,
                                           GTK_SELECTION_MODEL (self->multi_selection), model);
    }
  else
    {
      if (self->multi_selection != NULL)
        gtk_selection_model_unselect_all (GTK_SELECTION_MODEL (self->multi_selection));
      crm_contacts_bulk_bar_set_selection (self->bulk_bar, NULL, NULL);
      gtk_grid_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));
    }
  gtk_widget_set_visible (GTK_WIDGET (self->bulk_bar), selection_mode);
  update_title (self);
}

gboolean
crm_contacts_view_get_selection_mode (CrmContactsView *self)
{
  g_return_val_if_fail (CRM_IS_CONTACTS_VIEW (self), FALSE);
  return self->selection_mode;
}

void
crm_contacts_view_select_all (CrmContactsView *self)
{
  g_return_if_fail (CRM_IS_CONTACTS_VIEW (self));

  if (self->companies_mode)
    return;
  crm_contacts_view_set_selection_mode (self, TRUE);
  gtk_selection_model_select_all (GTK_SELECTION_MODEL (self->multi_selection));
}

CrmContactsBulkBar *
crm_contacts_view_get_bulk_bar (CrmContactsView *self)
{
  g_return_val_if_fail (CRM_IS_CONTACTS_VIEW (self), NULL);
  return self->bulk_bar;
}

GtkSelectionModel *
crm_contacts_view_get_selection_model (CrmContactsView *self)
{
  g_return_val_if_fail (CRM_IS_CONTACTS_VIEW (self), NULL);
  return gtk_grid_view_get_model (self->list_view);
}

static void
on_select_toggled (CrmContactsView *self)
{
  crm_contacts_view_set_selection_mode (self, gtk_toggle_button_get_active (self->select_button));
}

static void
on_bulk_applied (CrmContactsView *self)
{
  crm_contacts_view_set_selection_mode (self, FALSE);
}

static void
on_merge_requested (CrmContactsView *self, gint64 first_id, gint64 second_id)
{
  g_signal_emit_by_name (self, "merge-requested", first_id, second_id);
}

static gboolean
on_escape (GtkWidget *widget, GVariant *args, gpointer user_data)
{
  CrmContactsView *self = CRM_CONTACTS_VIEW (widget);

  if (!self->selection_mode)
    return FALSE;
  crm_contacts_view_set_selection_mode (self, FALSE);
  return TRUE;
}

/* Ctrl+A: every contact of the list, unless a text field has the focus (it selects its text). */
static gboolean
on_select_all (GtkWidget *widget, GVariant *args, gpointer user_data)
{
  CrmContactsView *self = CRM_CONTACTS_VIEW (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  if (self->companies_mode || (focus != NULL && GTK_IS_TEXT (focus)))
    return FALSE;
  crm_contacts_view_select_all (self);
  return TRUE;
}

/* ---- Building ------------------------------------------------------------------------------- */

static GtkWidget *
build_header (CrmContactsView *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *top = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *modes = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *sidebar_button = gtk_toggle_button_new ();
  GtkWidget *titles = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);

  /* Narrow: the smart lists come over the list. */
  gtk_button_set_icon_name (GTK_BUTTON (sidebar_button), "sidebar-show-symbolic");
  gtk_widget_set_tooltip_text (sidebar_button, _ ("Smart Lists"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (sidebar_button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _ ("Smart Lists"), -1);
  gtk_widget_add_css_class (sidebar_button, "flat");
  g_object_bind_property (self->flap, "folded", sidebar_button, "visible", G_BINDING_SYNC_CREATE);
  g_object_bind_property (self->flap, "reveal-flap", sidebar_button, "active",
                          G_BINDING_SYNC_CREATE | G_BINDING_BIDIRECTIONAL);
  gtk_box_append (GTK_BOX (top), sidebar_button);

  /* People or companies, as linked buttons. */
  self->people_button = GTK_TOGGLE_BUTTON (gtk_toggle_button_new_with_mnemonic (_ ("_People")));
  self->companies_button
      = GTK_TOGGLE_BUTTON (gtk_toggle_button_new_with_mnemonic (_ ("C_ompanies")));
  gtk_toggle_button_set_group (self->companies_button, self->people_button);
  gtk_toggle_button_set_active (self->people_button, TRUE);
  g_signal_connect_swapped (self->companies_button, "toggled", G_CALLBACK (on_mode_toggled), self);
  gtk_widget_add_css_class (modes, "linked");
  gtk_box_append (GTK_BOX (modes), GTK_WIDGET (self->people_button));
  gtk_box_append (GTK_BOX (modes), GTK_WIDGET (self->companies_button));
  gtk_widget_set_hexpand (modes, TRUE);
  gtk_widget_set_halign (modes, GTK_ALIGN_START);
  gtk_box_append (GTK_BOX (top), modes);

  self->filter_popover = CRM_CONTACT_FILTER_POPOVER (
      crm_contact_filter_popover_new (crm_repository_get_store (self->repository)));
  g_signal_connect_swapped (self->filter_popover, "changed", G_CALLBACK (on_filter_changed), self);
  g_signal_connect_swapped (self->filter_popover, "save-requested", G_CALLBACK (on_save_requested),
                            self);
  self->filter_button = GTK_MENU_BUTTON (gtk_menu_button_new ());
  gtk_menu_button_set_popover (self->filter_button, GTK_WIDGET (self->filter_popover));
  {
    GtkWidget *filter_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
    GtkWidget *count = gtk_label_new (NULL);

    gtk_box_append (GTK_BOX (filter_box), gtk_image_new_from_icon_name ("crm-filter-symbolic"));
    gtk_widget_add_css_class (count, "numeric");
    gtk_box_append (GTK_BOX (filter_box), count);
    gtk_menu_button_set_child (self->filter_button, filter_box);
  }
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->filter_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _ ("Filter"), -1);
  gtk_box_append (GTK_BOX (top), GTK_WIDGET (self->filter_button));

  self->select_button = GTK_TOGGLE_BUTTON (gtk_toggle_button_new ());
  gtk_button_set_icon_name (GTK_BUTTON (self->select_button), "selection-mode-symbolic");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->select_button), _ ("Select Contacts"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->select_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _ ("Select Contacts"), -1);
  g_signal_connect_swapped (self->select_button, "toggled", G_CALLBACK (on_select_toggled), self);
  gtk_box_append (GTK_BOX (top), GTK_WIDGET (self->select_button));
  gtk_box_append (GTK_BOX (box), top);

  /* Which list, and how many it holds. */
  self->list_title = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->list_title, 0);
  gtk_label_set_ellipsize (self->list_title, PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (GTK_WIDGET (self->list_title), "heading");
  gtk_widget_set_hexpand (GTK_WIDGET (self->list_title), TRUE);
  self->list_count = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_add_css_class (GTK_WIDGET (self->list_count), "dim-label");
  gtk_widget_add_css_class (GTK_WIDGET (self->list_count), "numeric");
  gtk_box_append (GTK_BOX (titles), GTK_WIDGET (self->list_title));
  gtk_box_append (GTK_BOX (titles), GTK_WIDGET (self->list_count));
  gtk_box_append (GTK_BOX (box), titles);

  self->search_entry = GTK_SEARCH_ENTRY (gtk_search_entry_new ());
  g_object_set (self->search_entry, "placeholder-text", _ ("Search contacts"), NULL);
  gtk_accessible_update_property (
      GTK_ACCESSIBLE (self->search_entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
      _ ("Search contacts by name, e-mail, phone, company or notes"), -1);
  g_signal_connect_swapped (self->search_entry, "search-changed", G_CALLBACK (on_search_changed),
                            self);
  g_signal_connect_swapped (self->search_entry, "changed", G_CALLBACK (on_search_edited), self);
  g_signal_connect_swapped (self->search_entry, "stop-search", G_CALLBACK (on_search_stopped),
                            self);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->search_entry));

  /* In CrmContactSort order. */
  {
    const char *const orders[] = { _ ("By Name"),      _ ("By Lead Score"), _ ("By Last Contact"),
                                   _ ("Newest First"), _ ("By Company"),    NULL };

    self->sort_dropdown = GTK_DROP_DOWN (gtk_drop_down_new_from_strings (orders));
  }
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->sort_dropdown), _ ("Order of the List"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->sort_dropdown),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _ ("Order of the List"), -1);
  gtk_widget_set_halign (GTK_WIDGET (self->sort_dropdown), GTK_ALIGN_START);
  g_signal_connect_swapped (self->sort_dropdown, "notify::selected", G_CALLBACK (on_sort_selected),
                            self);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->sort_dropdown));

  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  update_filter_button (self);
  return box;
}

GtkWidget *
crm_contacts_view_build_list_pane (CrmContactsView *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *overlay = gtk_overlay_new ();
  GtkEventController *shortcuts = gtk_shortcut_controller_new ();

  gtk_box_append (GTK_BOX (box), build_header (self));

  self->row_pool = g_ptr_array_new_with_free_func (g_object_unref);
  self->contact_factory
      = factory_new (self, G_CALLBACK (on_contact_setup), G_CALLBACK (on_contact_bind));
  self->company_factory
      = factory_new (self, G_CALLBACK (on_row_setup), G_CALLBACK (on_company_bind));
  self->company_selection = gtk_single_selection_new (NULL);
  gtk_single_selection_set_autoselect (self->company_selection, FALSE);
  gtk_single_selection_set_can_unselect (self->company_selection, TRUE);

  /* A grid of one column rather than a list view: GtkListView (4.8) keeps 200 rows bound
   * whatever its height, and a new search rebinds them all (at a million contacts, 30 ms of
   * each keystroke that changes the top of the list); a grid view keeps 30 rows and a few,
   * each at least a thirtieth of its height (so a tall window shows no blank rows). */
  self->list_view = GTK_GRID_VIEW (gtk_grid_view_new (
      GTK_SELECTION_MODEL (g_object_ref (self->selection)), g_object_ref (self->contact_factory)));
  gtk_grid_view_set_max_columns (self->list_view, 1);
  /* A click selects the row (and shows it beside the list); not single-click-activate, whose
   * hover selects every row the pointer crosses on its way to the detail pane. */
  gtk_grid_view_set_single_click_activate (self->list_view, FALSE);
  gtk_widget_add_css_class (GTK_WIDGET (self->list_view), "crm-contact-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list_view), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _ ("Contacts"), -1);
  g_signal_connect_swapped (self->list_view, "activate", G_CALLBACK (on_list_view_activate), self);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), GTK_WIDGET (self->list_view));
  gtk_overlay_set_child (GTK_OVERLAY (overlay), scroller);
  self->no_results = build_no_results ();
  gtk_overlay_add_overlay (GTK_OVERLAY (overlay), self->no_results);
  gtk_widget_set_vexpand (overlay, TRUE);
  gtk_box_append (GTK_BOX (box), overlay);

  self->bulk_bar = CRM_CONTACTS_BULK_BAR (
      crm_contacts_bulk_bar_new (crm_repository_get_store (self->repository)));
  gtk_widget_set_visible (GTK_WIDGET (self->bulk_bar), FALSE);
  g_signal_connect_swapped (self->bulk_bar, "applied", G_CALLBACK (on_bulk_applied), self);
  g_signal_connect_swapped (self->bulk_bar, "merge-requested", G_CALLBACK (on_merge_requested),
                            self);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->bulk_bar));

  gtk_shortcut_controller_add_shortcut (
      GTK_SHORTCUT_CONTROLLER (shortcuts),
      gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Escape, 0),
                        gtk_callback_action_new (on_escape, NULL, NULL)));
  gtk_shortcut_controller_add_shortcut (
      GTK_SHORTCUT_CONTROLLER (shortcuts),
      gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_a, GDK_CONTROL_MASK),
                        gtk_callback_action_new (on_select_all, NULL, NULL)));
  gtk_widget_add_controller (GTK_WIDGET (self), shortcuts);

  gtk_widget_set_size_request (box, 300, -1);
  return box;
}

GtkWidget *
crm_contacts_view_build_flap (CrmContactsView *self, GtkWidget *leaflet)
{
  GtkWidget *sidebar_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);

  self->flap = ADW_FLAP (adw_flap_new ());
  self->sidebar = CRM_SMART_LIST_SIDEBAR (
      crm_smart_list_sidebar_new (crm_repository_get_store (self->repository)));
  g_signal_connect_swapped (self->sidebar, "list-activated", G_CALLBACK (on_list_activated), self);
  gtk_widget_set_size_request (GTK_WIDGET (self->sidebar), 220, -1);
  gtk_widget_add_css_class (sidebar_box, "background");
  gtk_box_append (GTK_BOX (sidebar_box), GTK_WIDGET (self->sidebar));
  gtk_box_append (GTK_BOX (sidebar_box), gtk_separator_new (GTK_ORIENTATION_VERTICAL));
  adw_flap_set_flap (self->flap, sidebar_box);
  adw_flap_set_content (self->flap, leaflet);
  /* The sidebar folds away before the list and the details do. */
  adw_flap_set_fold_threshold_policy (self->flap, ADW_FOLD_THRESHOLD_POLICY_NATURAL);
  adw_flap_set_swipe_to_open (self->flap, TRUE);
  adw_flap_set_swipe_to_close (self->flap, TRUE);
  return GTK_WIDGET (self->flap);
}

void
crm_contacts_view_lists_model_ready (CrmContactsView *self)
{
  g_autoptr (CrmContactFilter) filter = dup_current_filter (self);

  crm_contact_list_model_set_filter (self->model, filter);
  g_signal_connect_object (self->model, "items-changed", G_CALLBACK (update_title), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (crm_smart_list_sidebar_get_model (self->sidebar), "items-changed",
                           G_CALLBACK (update_smart_list_selection), self,
                           G_CONNECT_SWAPPED | G_CONNECT_AFTER);
  update_title (self);
}

void
crm_contacts_view_set_undo_manager (CrmContactsView *self, CrmUndoManager *undo_manager)
{
  g_return_if_fail (CRM_IS_CONTACTS_VIEW (self));

  g_set_object (&self->undo_manager, undo_manager);
  crm_smart_list_sidebar_set_undo_manager (self->sidebar, undo_manager);
  crm_contacts_bulk_bar_set_undo_manager (self->bulk_bar, undo_manager);
}

CrmSmartListSidebar *
crm_contacts_view_get_sidebar (CrmContactsView *self)
{
  g_return_val_if_fail (CRM_IS_CONTACTS_VIEW (self), NULL);
  return self->sidebar;
}

void
crm_contacts_view_lists_dispose (CrmContactsView *self)
{
  g_clear_object (&self->undo_manager);
  g_clear_object (&self->multi_selection);
  g_clear_object (&self->company_selection);
  g_clear_object (&self->company_model);
  g_clear_object (&self->contact_factory);
  g_clear_object (&self->company_factory);
  g_clear_pointer (&self->row_pool, g_ptr_array_unref);
  g_clear_handle_id (&self->no_results_source, g_source_remove);
  g_clear_pointer (&self->smart_list_filter, crm_contact_filter_free);
}

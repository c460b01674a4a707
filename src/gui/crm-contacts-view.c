/* crm-contacts-view.c — CrmContactsView: an AdwLeaflet with the contact list (built in
 * crm-contacts-view-lists.c, with the smart lists sidebar in a flap around the leaflet) and the
 * selected contact's details (a CrmContactDetail); a stack puts the empty state in its place while the database
 * holds no contact.
 *
 * Every text from the database goes into plain labels and rows with markup off.
 */
#include "config.h"

#include "crm-contacts-view-private.h"

#include <glib/gi18n.h>

#include "crm-company.h"
#include "crm-contact.h"

G_DEFINE_FINAL_TYPE (CrmContactsView, crm_contacts_view, GTK_TYPE_WIDGET)

/* ---- The detail pane -------------------------------------------------------------------- */

static void
show_contact (CrmContactsView *self)
{
  crm_contact_detail_show_contact (
      self->detail,
      self->shown != NULL ? crm_entity_object_get_id (CRM_ENTITY_OBJECT (self->shown)) : 0);
}

static void
set_shown (CrmContactsView *self, CrmContact *contact)
{
  if (self->shown == contact)
    return;
  /* The detail follows the store by itself. */
  g_set_object (&self->shown, contact);
  show_contact (self);
}

/* A company from the companies list: its page in the detail pane. */
void
show_selected_company (CrmContactsView *self, gint64 company_id)
{
  set_shown (self, NULL);
  crm_contact_detail_show_company (self->detail, company_id);
}

void
crm_contacts_view_show_company (CrmContactsView *self, gint64 company_id)
{
  g_return_if_fail (CRM_IS_CONTACTS_VIEW (self));

  crm_contacts_view_set_selection_mode (self, FALSE);
  crm_contacts_view_set_show_companies (self, TRUE);
  show_selected_company (self, company_id);
  /* In a narrow window, the page rather than the list. */
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
}

static void
on_selection_changed (CrmContactsView *self)
{
  set_shown (self, gtk_single_selection_get_selected_item (self->selection));
  if (self->shown != NULL)
    adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
}

void
crm_contacts_view_on_list_activate (CrmContactsView *self, guint position)
{
  crm_contacts_view_select (self, position);
}

static void
on_back_clicked (CrmContactsView *self)
{
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

/* ---- The model, read when first needed ------------------------------------------------- */

static void
update_empty (CrmContactsView *self);

static void
on_model_items_changed (CrmContactsView *self)
{
  update_empty (self);
}

CrmContactListModel *
crm_contacts_view_ensure_model (CrmContactsView *self)
{
  guint sort;

  if (self->model != NULL)
    return self->model;
  self->model = crm_contact_list_model_new (self->repository);
  sort = gtk_drop_down_get_selected (self->sort_dropdown);
  if (sort < CRM_CONTACT_N_SORTS)
    crm_contact_list_model_set_sort (self->model, (CrmContactSort) sort);
  crm_contacts_view_lists_model_ready (self);
  g_signal_connect_object (self->model, "items-changed", G_CALLBACK (on_model_items_changed), self,
                           G_CONNECT_SWAPPED);
  gtk_single_selection_set_model (self->selection, G_LIST_MODEL (self->model));
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  update_empty (self);
  return self->model;
}

/* The first letters typed into the search cost no query once the store has worked them out
 * (crm_store_precompute_contact_prefixes); asked after a frame is painted, so the job (a
 * thread of its own) never holds up the first one. */
static void
on_frame_painted (GdkFrameClock *clock, CrmContactsView *self)
{
  g_signal_handlers_disconnect_by_func (clock, on_frame_painted, self);
  crm_store_precompute_contact_prefixes (crm_repository_get_store (self->repository));
}

static void
crm_contacts_view_map (GtkWidget *widget)
{
  CrmContactsView *self = CRM_CONTACTS_VIEW (widget);
  GdkFrameClock *clock;

  crm_contacts_view_ensure_model (self);
  GTK_WIDGET_CLASS (crm_contacts_view_parent_class)->map (widget);
  clock = gtk_widget_get_frame_clock (widget);
  if (!self->prefixes_asked && clock != NULL)
    {
      self->prefixes_asked = TRUE;
      g_signal_connect_object (clock, "after-paint", G_CALLBACK (on_frame_painted), self, 0);
    }
}

/* ---- The empty state ------------------------------------------------------------------------ */

/* The empty state while the database holds no contact at all (a search or a filter that finds
 * nothing keeps the list, empty, with its search field). */
static void
update_empty (CrmContactsView *self)
{
  gboolean none;

  /* Not read yet (the page has not been shown): the list, which reading may replace. */
  if (self->model == NULL)
    {
      gtk_stack_set_visible_child_name (self->stack, "contacts");
      return;
    }
  none = crm_contact_filter_is_empty (crm_contact_list_model_get_filter (self->model))
         && g_list_model_get_n_items (G_LIST_MODEL (self->model)) == 0;

  gtk_stack_set_visible_child_name (self->stack, none ? "empty" : "contacts");
}

/* ---- Building ------------------------------------------------------------------------------ */

static GtkWidget *
build_empty_state (void)
{
  GtkWidget *status = adw_status_page_new ();
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *new_contact = gtk_button_new_with_mnemonic (_ ("_New Contact"));
  GtkWidget *import = gtk_button_new_with_mnemonic (_ ("_Import…"));

  adw_status_page_set_icon_name (ADW_STATUS_PAGE (status), "crm-contacts-symbolic");
  adw_status_page_set_title (ADW_STATUS_PAGE (status), _ ("No Contacts Yet"));
  adw_status_page_set_description (
      ADW_STATUS_PAGE (status),
      _ ("The people and companies you sell to will be listed here. Add a contact, or import your "
         "address book from a CSV or vCard file."));
  gtk_accessible_update_property (GTK_ACCESSIBLE (status), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _ ("Contacts"), -1);
  gtk_widget_set_halign (buttons, GTK_ALIGN_CENTER);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (new_contact), "win.new-contact");
  gtk_widget_add_css_class (new_contact, "pill");
  gtk_widget_add_css_class (new_contact, "suggested-action");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (import), "win.import");
  gtk_widget_add_css_class (import, "pill");
  gtk_box_append (GTK_BOX (buttons), new_contact);
  gtk_box_append (GTK_BOX (buttons), import);
  adw_status_page_set_child (ADW_STATUS_PAGE (status), buttons);
  return status;
}

static GtkWidget *
build_detail_pane (CrmContactsView *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *back = gtk_button_new_from_icon_name ("go-previous-symbolic");

  /* Narrow: back to the list. */
  gtk_widget_set_tooltip_text (back, _ ("Back to the List"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (back), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _ ("Back to the List"), -1);
  gtk_widget_set_halign (back, GTK_ALIGN_START);
  gtk_widget_set_margin_top (back, 6);
  gtk_widget_set_margin_start (back, 6);
  gtk_widget_add_css_class (back, "flat");
  g_signal_connect_swapped (back, "clicked", G_CALLBACK (on_back_clicked), self);
  g_object_bind_property (self->leaflet, "folded", back, "visible", G_BINDING_SYNC_CREATE);
  gtk_box_append (GTK_BOX (box), back);

  self->detail = CRM_CONTACT_DETAIL (crm_contact_detail_new (self->repository, self->undo_manager));
  gtk_widget_set_vexpand (GTK_WIDGET (self->detail), TRUE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->detail));
  gtk_widget_set_hexpand (box, TRUE);
  return box;
}

/* ---- Public API --------------------------------------------------------------------------- */

CrmContactListModel *
crm_contacts_view_get_model (CrmContactsView *self)
{
  g_return_val_if_fail (CRM_IS_CONTACTS_VIEW (self), NULL);

  return crm_contacts_view_ensure_model (self);
}

gboolean
crm_contacts_view_focus_search (CrmContactsView *self)
{
  g_return_val_if_fail (CRM_IS_CONTACTS_VIEW (self), FALSE);

  if (!gtk_widget_is_drawable (GTK_WIDGET (self->search_entry)))
    return FALSE;
  return gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

void
crm_contacts_view_select (CrmContactsView *self, guint position)
{
  g_return_if_fail (CRM_IS_CONTACTS_VIEW (self));

  crm_contacts_view_ensure_model (self);
  gtk_single_selection_set_selected (self->selection, position);
  /* Also when it was selected already: the narrow view goes to the details. */
  on_selection_changed (self);
}

gboolean
crm_contacts_view_get_contacts_read (CrmContactsView *self)
{
  g_return_val_if_fail (CRM_IS_CONTACTS_VIEW (self), FALSE);

  return self->model != NULL;
}

gboolean
crm_contacts_view_show_contact (CrmContactsView *self, gint64 contact_id)
{
  guint position;

  g_return_val_if_fail (CRM_IS_CONTACTS_VIEW (self), FALSE);

  /* In the whole list of people: a search, a filter or a smart list might hide it. */
  crm_contacts_view_set_selection_mode (self, FALSE);
  if (!crm_contacts_view_show_smart_list (self, 0, NULL)
      || !crm_contact_list_model_find (self->model, contact_id, &position))
    return FALSE;
  crm_contacts_view_select (self, position);
  gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", position);
  return self->shown != NULL
         && crm_entity_object_get_id (CRM_ENTITY_OBJECT (self->shown)) == contact_id;
}

CrmContact *
crm_contacts_view_get_shown_contact (CrmContactsView *self)
{
  g_return_val_if_fail (CRM_IS_CONTACTS_VIEW (self), NULL);

  return self->shown;
}

const char *
crm_contacts_view_get_detail_text (CrmContactsView *self, const char *row)
{
  g_return_val_if_fail (CRM_IS_CONTACTS_VIEW (self), NULL);

  return crm_contact_detail_get_text (self->detail, row);
}

CrmContactDetail *
crm_contacts_view_get_detail (CrmContactsView *self)
{
  g_return_val_if_fail (CRM_IS_CONTACTS_VIEW (self), NULL);

  return self->detail;
}

/* ---- GObject ---------------------------------------------------------------------------- */

static void
crm_contacts_view_dispose (GObject *object)
{
  CrmContactsView *self = CRM_CONTACTS_VIEW (object);
  GtkWidget *child;

  g_clear_object (&self->shown);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  crm_contacts_view_lists_dispose (self);
  g_clear_object (&self->selection);
  g_clear_object (&self->model);
  g_clear_object (&self->repository);

  G_OBJECT_CLASS (crm_contacts_view_parent_class)->dispose (object);
}

static void
crm_contacts_view_class_init (CrmContactsViewClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = crm_contacts_view_dispose;
  widget_class->map = crm_contacts_view_map;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "contactsview");

  /**
   * CrmContactsView::merge-requested:
   * @first_id: the contact selected first in the list
   * @second_id: the other one
   *
   * Merge… was chosen with two contacts selected.
   */
  g_signal_new ("merge-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                NULL, G_TYPE_NONE, 2, G_TYPE_INT64, G_TYPE_INT64);

  /**
   * CrmContactsView::search-edited:
   *
   * The text of the search field changed (typed, pasted, cleared), before the list follows it.
   */
  g_signal_new ("search-edited", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                G_TYPE_NONE, 0);
}

static void
crm_contacts_view_init (CrmContactsView *self)
{
}

GtkWidget *
crm_contacts_view_new (CrmRepository *repository, CrmUndoManager *undo_manager)
{
  CrmContactsView *self;
  GtkWidget *flap;
  GtkWidget *list_pane;
  GtkWidget *detail_pane;
  AdwLeafletPage *page;

  g_return_val_if_fail (CRM_IS_REPOSITORY (repository), NULL);
  g_return_val_if_fail (CRM_IS_UNDO_MANAGER (undo_manager), NULL);

  self = g_object_new (CRM_TYPE_CONTACTS_VIEW, NULL);
  self->repository = g_object_ref (repository);
  self->undo_manager = g_object_ref (undo_manager);
  /* The model comes when the page is first shown (ensure_model): counting a big table of
   * contacts has no place in the window's first frame on another page. */
  self->selection = gtk_single_selection_new (NULL);
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  g_signal_connect_object (self->selection, "notify::selected-item",
                           G_CALLBACK (on_selection_changed), self, G_CONNECT_SWAPPED);

  self->leaflet = ADW_LEAFLET (adw_leaflet_new ());
  adw_leaflet_set_can_navigate_back (self->leaflet, TRUE);
  flap = crm_contacts_view_build_flap (self, GTK_WIDGET (self->leaflet));
  list_pane = crm_contacts_view_build_list_pane (self);
  detail_pane = build_detail_pane (self);
  adw_leaflet_append (self->leaflet, list_pane);
  page = adw_leaflet_append (self->leaflet, gtk_separator_new (GTK_ORIENTATION_VERTICAL));
  adw_leaflet_page_set_navigatable (page, FALSE);
  adw_leaflet_append (self->leaflet, detail_pane);
  adw_leaflet_set_visible_child (self->leaflet, list_pane);

  self->stack = GTK_STACK (gtk_stack_new ());
  gtk_stack_add_named (self->stack, build_empty_state (), "empty");
  gtk_stack_add_named (self->stack, flap, "contacts");
  gtk_widget_set_parent (GTK_WIDGET (self->stack), GTK_WIDGET (self));
  crm_contacts_view_set_undo_manager (self, undo_manager);
  update_empty (self);
  show_contact (self);
  return GTK_WIDGET (self);
}

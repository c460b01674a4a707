/* crm-contacts-view-private.h — what the parts of CrmContactsView share: the widget's fields,
 * and the list pane's functions (crm-contacts-view-lists.c: smart lists, filter, people or
 * companies, selection mode) that crm-contacts-view.c calls. */
#pragma once

#include "crm-company-list-model.h"
#include "crm-contact-filter-popover.h"
#include "crm-contacts-bulk-bar.h"
#include "crm-contacts-view.h"
#include "crm-smart-list-sidebar.h"

G_BEGIN_DECLS

struct _CrmContactsView
{
  GtkWidget parent_instance;

  CrmRepository *repository;
  CrmContactListModel *model;
  GtkSingleSelection *selection;
  CrmContact *shown;
  gulong store_handler;
  /* Whether the store was asked to work out the shortest searches ahead (after a paint). */
  gboolean prefixes_asked;

  GtkStack *stack;
  AdwLeaflet *leaflet;

  /* The list pane beyond the list (crm-contacts-view-lists.c). */
  CrmUndoManager *undo_manager;
  AdwFlap *flap;
  CrmSmartListSidebar *sidebar;
  GtkLabel *list_title;
  GtkLabel *list_count;
  GtkToggleButton *people_button;
  GtkToggleButton *companies_button;
  GtkMenuButton *filter_button;
  CrmContactFilterPopover *filter_popover;
  GtkToggleButton *select_button;
  CrmContactsBulkBar *bulk_bar;
  GtkMultiSelection *multi_selection;
  GtkListItemFactory *contact_factory;
  GtkListItemFactory *company_factory;
  /* Row contents between a row's teardown and another's setup (see on_row_setup). */
  GPtrArray *row_pool;
  CrmCompanyListModel *company_model;
  GtkSingleSelection *company_selection;
  gboolean companies_mode;
  gboolean selection_mode;
  /* The smart list shown (0: All Contacts, -1: a filter set by hand), and its filter as the
   * filter popover reads it back, to tell when the user changes it. */
  gint64 smart_list_id;
  CrmContactFilter *smart_list_filter;
  GtkSearchEntry *search_entry;
  GtkDropDown *sort_dropdown;
  GtkGridView *list_view; /* of one column (see crm_contacts_view_build_list_pane) */
  /* Over the list when it is empty (a search or filter that finds nothing), and the callback
   * that shows or hides it once a change is complete. */
  GtkWidget *no_results;
  guint no_results_source;
  CrmContactDetail *detail;
};

/* Shows or hides "No Results Found" over the list once the current change is complete. */
void
crm_contacts_view_queue_no_results (CrmContactsView *self);
/* Builds the list pane (search, order, filter, mode switch, the list, the selection bar). */
GtkWidget *
crm_contacts_view_build_list_pane (CrmContactsView *self);
/* Wraps the leaflet in the flap that holds the smart lists sidebar. */
GtkWidget *
crm_contacts_view_build_flap (CrmContactsView *self, GtkWidget *leaflet);
/* Called once the contact model exists: follows its count, gives it the filter in force. */
void
crm_contacts_view_lists_model_ready (CrmContactsView *self);
/* The list pane's own clean-up, from dispose. */
void
crm_contacts_view_lists_dispose (CrmContactsView *self);

/* Defined in crm-contacts-view.c. */
CrmContactListModel *
crm_contacts_view_ensure_model (CrmContactsView *self);
void
crm_contacts_view_on_list_activate (CrmContactsView *self, guint position);
void
show_selected_company (CrmContactsView *self, gint64 company_id);

G_END_DECLS

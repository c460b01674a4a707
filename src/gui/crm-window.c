/* crm-window.c — CrmWindow: the header bar with the page switcher, the four pages, the window
 * actions (among them win.undo, over the window's undo stack), and remembering size and page in
 * GSettings. It also keeps the database's lead scores up to date (CrmScoreKeeper).
 */
#include "config.h"

#include "crm-window.h"

#include "crm-contact-editor.h"
#include "crm-contacts-view.h"
#include "crm-dashboard-view.h"
#include "crm-export-dialog.h"

#include <glib/gi18n.h>

#include "crm-gui-resources.h"
#include "crm-deal-editor.h"
#include "crm-import-window.h"
#include "crm-merge-dialog.h"
#include "crm-pipeline-view.h"
#include "crm-score-keeper.h"
#include "crm-today-view.h"

struct _CrmWindow
{
  AdwApplicationWindow parent_instance;

  CrmStore *store;
  /* One live object per row for every view of the window, and the window's undo stack. */
  CrmRepository *repository;
  CrmUndoManager *undo_manager;
  CrmScoreKeeper *score_keeper;
  /* Checks every second whether another program (rapport-cli, a second window) wrote to the
   * database, so the views follow within a second. */
  guint external_changes_source;
  GSettings *settings;
  /* FALSE until the saved state is applied, so building the pages does not overwrite it. */
  gboolean state_restored;
  /* One of page_names: the property action asks for it before the template exists. */
  const char *visible_page;

  /* Template children */
  AdwToastOverlay *toast_overlay;
  AdwViewSwitcherTitle *switcher_title;
  AdwViewSwitcherBar *switcher_bar;
  AdwViewStack *stack;
  GtkWidget *new_deal_button;
  AdwBin *pipeline_bin;
  AdwBin *contacts_bin;
  AdwBin *today_bin;
  AdwBin *dashboard_bin;
};

G_DEFINE_FINAL_TYPE (CrmWindow, crm_window, ADW_TYPE_APPLICATION_WINDOW)

enum
{
  PROP_0,
  PROP_STORE,
  PROP_VISIBLE_PAGE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Seconds after the window opened that every lead score is brought up to date. */
#define SCORE_PASS_DELAY_SECONDS 5
/* How long after the last change of the search text the rescoring pass waits. */
#define SEARCH_HOLD_MS 1000

/* Names of the pages, as in the .ui file and the last-page setting. */
static const char *const page_names[] = { "pipeline", "contacts", "dashboard", "today" };

static gboolean
is_page_name (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (page_names); i++)
    {
      if (g_strcmp0 (name, page_names[i]) == 0)
        return TRUE;
    }
  return FALSE;
}

CrmWindow *
crm_window_new (CrmApplication *app, CrmStore *store)
{
  g_return_val_if_fail (CRM_IS_APPLICATION (app), NULL);
  g_return_val_if_fail (CRM_IS_STORE (store), NULL);

  return g_object_new (CRM_TYPE_WINDOW, "application", app, "store", store, NULL);
}

CrmStore *
crm_window_get_store (CrmWindow *self)
{
  g_return_val_if_fail (CRM_IS_WINDOW (self), NULL);

  return self->store;
}

const char *
crm_window_get_visible_page (CrmWindow *self)
{
  g_return_val_if_fail (CRM_IS_WINDOW (self), NULL);

  return self->visible_page;
}

void
crm_window_set_visible_page (CrmWindow *self, const char *name)
{
  g_return_if_fail (CRM_IS_WINDOW (self));
  g_return_if_fail (is_page_name (name));

  /* The stack notifies; on_stack_visible_child_name_notify does the rest. */
  adw_view_stack_set_visible_child_name (self->stack, name);
}

void
crm_window_add_toast (CrmWindow *self, AdwToast *toast)
{
  g_return_if_fail (CRM_IS_WINDOW (self));
  g_return_if_fail (ADW_IS_TOAST (toast));

  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

void
crm_window_save_state (CrmWindow *self)
{
  int width = 0;
  int height = 0;
  gboolean maximized;

  g_return_if_fail (CRM_IS_WINDOW (self));

  maximized = gtk_window_is_maximized (GTK_WINDOW (self));
  g_settings_set_boolean (self->settings, "window-maximized", maximized);

  /* A maximised window's size says nothing about the size to come back to. */
  if (maximized)
    return;

  /* GTK keeps the default size up to date with the size the window was given. */
  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  if (width > 0 && height > 0)
    {
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
    }
}

static void
crm_window_restore_state (CrmWindow *self)
{
  g_autofree char *page = NULL;

  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  page = g_settings_get_string (self->settings, "last-page");
  if (is_page_name (page))
    adw_view_stack_set_visible_child_name (self->stack, page);

  self->state_restored = TRUE;
}

static void
on_undo_activate (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  CrmWindow *self = CRM_WINDOW (widget);
  g_autoptr (GError) error = NULL;
  g_autofree char *title = NULL;

  if (crm_undo_manager_undo (self->undo_manager, &error))
    return;

  /* Toast titles are markup; the message may quote user text. */
  title = g_markup_printf_escaped (_ ("Cannot undo: %s"), error->message);
  crm_window_add_toast (self, adw_toast_new (title));
  gtk_widget_error_bell (widget);
}

static void
on_undo_manager_can_undo_notify (CrmWindow *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.undo",
                                 crm_undo_manager_get_can_undo (self->undo_manager));
}

static void
update_new_button (CrmWindow *self)
{
  gboolean contacts = g_str_equal (self->visible_page, "contacts");
  const char *label = contacts ? _ ("New Contact") : _ ("New Deal");

  gtk_widget_set_visible (self->new_deal_button,
                          contacts || g_str_equal (self->visible_page, "pipeline"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->new_deal_button),
                                  contacts ? "win.new-contact" : "win.new-deal");
  gtk_widget_set_tooltip_text (self->new_deal_button, label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->new_deal_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
}

static void
on_stack_visible_child_name_notify (CrmWindow *self)
{
  const char *page = adw_view_stack_get_visible_child_name (self->stack);

  for (guint i = 0; i < G_N_ELEMENTS (page_names); i++)
    {
      if (g_strcmp0 (page, page_names[i]) == 0 && self->visible_page != page_names[i])
        {
          self->visible_page = page_names[i];
          g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VISIBLE_PAGE]);
          break;
        }
    }

  /* The header's + button: a new deal on the board, a new contact on the Contacts page. */
  update_new_button (self);
  if (self->state_restored)
    g_settings_set_string (self->settings, "last-page", self->visible_page);
}

/* Import…: a file chooser, then the import window (crm-import-window.c). */
static void
on_import_activate (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  CrmWindow *self = CRM_WINDOW (widget);

  crm_import_window_choose_file (GTK_WINDOW (self), self->store);
}

/* A file opened from the file manager or the command line: @parameter is a URI or a path. */
static void
on_import_file_activate (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  CrmWindow *self = CRM_WINDOW (widget);
  g_autoptr (GFile) file = g_file_new_for_commandline_arg (g_variant_get_string (parameter, NULL));

  gtk_window_present (GTK_WINDOW (crm_import_window_new (GTK_WINDOW (self), self->store, file)));
}

/* The deal editor, for a new deal of the board's pipeline or for an existing deal. */
static void
open_deal_editor (CrmWindow *self, CrmDeal *deal)
{
  CrmPipelineView *view = CRM_PIPELINE_VIEW (adw_bin_get_child (self->pipeline_bin));
  CrmDealEditor *editor
      = crm_deal_editor_new (GTK_WINDOW (self), self->repository, self->undo_manager,
                             crm_pipeline_view_get_pipeline_id (view), deal);
  gtk_window_present (GTK_WINDOW (editor));
}

static void
on_new_deal_activate (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  open_deal_editor (CRM_WINDOW (widget), NULL);
}

/* Ctrl+F: the search field of the page shown. */
static void
on_find_activate (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  CrmWindow *self = CRM_WINDOW (widget);
  GtkWidget *board = adw_bin_get_child (self->pipeline_bin);

  GtkWidget *contacts = adw_bin_get_child (self->contacts_bin);

  if (g_str_equal (self->visible_page, "pipeline") && CRM_IS_PIPELINE_VIEW (board))
    crm_pipeline_view_focus_search (CRM_PIPELINE_VIEW (board));
  else if (g_str_equal (self->visible_page, "contacts") && CRM_IS_CONTACTS_VIEW (contacts))
    crm_contacts_view_focus_search (CRM_CONTACTS_VIEW (contacts));
}

static void
on_contact_editor_open_contact (CrmWindow *self, gint64 contact_id)
{
  GtkWidget *contacts = adw_bin_get_child (self->contacts_bin);

  crm_window_set_visible_page (self, "contacts");
  if (CRM_IS_CONTACTS_VIEW (contacts))
    crm_contacts_view_show_contact (CRM_CONTACTS_VIEW (contacts), contact_id);
}

static void
on_show_contact_activate (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  on_contact_editor_open_contact (CRM_WINDOW (widget), g_variant_get_int64 (parameter));
}

/* The Contacts page with company @parameter's page beside the list of companies (a search
 * result activated in GNOME Shell ends here). */
static void
on_show_company_activate (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  CrmWindow *self = CRM_WINDOW (widget);
  GtkWidget *contacts = adw_bin_get_child (self->contacts_bin);

  crm_window_set_visible_page (self, "contacts");
  if (CRM_IS_CONTACTS_VIEW (contacts))
    crm_contacts_view_show_company (CRM_CONTACTS_VIEW (contacts), g_variant_get_int64 (parameter));
}

static void
on_contacts_search_edited (CrmWindow *self)
{
  if (self->score_keeper != NULL)
    crm_score_keeper_hold (self->score_keeper, SEARCH_HOLD_MS);
}

/* The Contacts page searching for @parameter (the Shell's "more results in Rapport"). */
static void
on_search_contacts_activate (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  CrmWindow *self = CRM_WINDOW (widget);
  GtkWidget *contacts = adw_bin_get_child (self->contacts_bin);

  crm_window_set_visible_page (self, "contacts");
  if (!CRM_IS_CONTACTS_VIEW (contacts))
    return;
  crm_contacts_view_set_selection_mode (CRM_CONTACTS_VIEW (contacts), FALSE);
  crm_contacts_view_set_show_companies (CRM_CONTACTS_VIEW (contacts), FALSE);
  crm_contacts_view_set_search_text (CRM_CONTACTS_VIEW (contacts),
                                     g_variant_get_string (parameter, NULL));
  crm_contacts_view_focus_search (CRM_CONTACTS_VIEW (contacts));
}

/* The Today page, with task @parameter selected (when it lists it). */
static void
on_show_task_activate (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  CrmWindow *self = CRM_WINDOW (widget);

  crm_window_set_visible_page (self, "today");
  crm_today_view_show_task (CRM_TODAY_VIEW (adw_bin_get_child (self->today_bin)),
                            g_variant_get_int64 (parameter));
}

/* Marks task @parameter done, undoably (a notification's Mark as Done ends here). */
static void
on_complete_task_activate (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  CrmWindow *self = CRM_WINDOW (widget);
  g_autoptr (GError) error = NULL;
  g_autofree char *title = NULL;

  if (crm_today_view_complete_task (CRM_TODAY_VIEW (adw_bin_get_child (self->today_bin)),
                                    g_variant_get_int64 (parameter), &error))
    return;
  title = g_markup_printf_escaped (_ ("Cannot complete the task: %s"), error->message);
  crm_window_add_toast (self, adw_toast_new (title));
}

static void
on_new_contact_activate (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  CrmWindow *self = CRM_WINDOW (widget);
  CrmContactEditor *editor
      = crm_contact_editor_new (GTK_WINDOW (self), self->repository, self->undo_manager);

  g_signal_connect_object (editor, "open-contact", G_CALLBACK (on_contact_editor_open_contact),
                           self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (editor));
}

/* Ctrl+N: a new item of the page shown. */
static void
on_new_activate (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  CrmWindow *self = CRM_WINDOW (widget);

  if (g_str_equal (self->visible_page, "contacts"))
    gtk_widget_activate_action (widget, "win.new-contact", NULL);
  else if (g_str_equal (self->visible_page, "pipeline"))
    gtk_widget_activate_action (widget, "win.new-deal", NULL);
}

static void
on_edit_deal_activate (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  CrmWindow *self = CRM_WINDOW (widget);
  g_autoptr (GError) error = NULL;
  g_autoptr (CrmDeal) deal = crm_repository_get_object (self->repository, CRM_ENTITY_DEAL,
                                                        g_variant_get_int64 (parameter), &error);

  if (deal == NULL)
    {
      g_autofree char *title
          = g_markup_printf_escaped (_ ("Cannot open the deal: %s"), error->message);
      crm_window_add_toast (self, adw_toast_new (title));
      return;
    }
  open_deal_editor (self, deal);
}

/* The board, with deal @parameter open in the deal editor. */
static void
on_show_deal_activate (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  crm_window_set_visible_page (CRM_WINDOW (widget), "pipeline");
  on_edit_deal_activate (widget, action_name, parameter);
}

static gboolean
crm_window_close_request (GtkWindow *window)
{
  crm_window_save_state (CRM_WINDOW (window));

  return GTK_WINDOW_CLASS (crm_window_parent_class)->close_request (window);
}

static gboolean
on_external_changes_timeout (gpointer data)
{
  CrmWindow *self = data;

  crm_store_poll_external_changes (self->store);
  return G_SOURCE_CONTINUE;
}

/* A funnel stage or lost reason clicked on the dashboard: the board with those deals. */
static void
on_dashboard_show_deals (CrmWindow *self,
                         gint64 pipeline_id,
                         GArray *deal_ids,
                         const char *description)
{
  CrmPipelineView *board = CRM_PIPELINE_VIEW (adw_bin_get_child (self->pipeline_bin));

  crm_pipeline_view_show_deals (board, pipeline_id, (const gint64 *) deal_ids->data, deal_ids->len,
                                description);
  crm_window_set_visible_page (self, "pipeline");
}

/* Merge… in the contact list's selection bar, with two contacts selected. */
static void
on_merge_requested (CrmWindow *self, gint64 first_id, gint64 second_id)
{
  crm_merge_dialog_present (GTK_WINDOW (self), self->repository, self->undo_manager, first_id,
                            second_id);
}

static void
crm_window_constructed (GObject *object)
{
  CrmWindow *self = CRM_WINDOW (object);
  GtkWidget *contacts;
  GtkWidget *today;
  GtkWidget *dashboard;

  G_OBJECT_CLASS (crm_window_parent_class)->constructed (object);

  g_return_if_fail (CRM_IS_STORE (self->store));

  self->repository = crm_repository_new (self->store);
  self->undo_manager = crm_undo_manager_new (self->store);
  g_signal_connect_object (self->undo_manager, "notify::can-undo",
                           G_CALLBACK (on_undo_manager_can_undo_notify), self, G_CONNECT_SWAPPED);
  on_undo_manager_can_undo_notify (self);

  self->external_changes_source = g_timeout_add_seconds (1, on_external_changes_timeout, self);

  adw_bin_set_child (self->pipeline_bin,
                     crm_pipeline_view_new (self->repository, self->undo_manager));
  contacts = crm_contacts_view_new (self->repository, self->undo_manager);
  adw_bin_set_child (self->contacts_bin, contacts);
  g_signal_connect_object (contacts, "merge-requested", G_CALLBACK (on_merge_requested), self,
                           G_CONNECT_SWAPPED);
  today = crm_today_view_new (self->repository, self->undo_manager);
  adw_bin_set_child (self->today_bin, today);
  /* The page's badge: how many tasks are due. */
  g_object_bind_property (today, "n-tasks",
                          adw_view_stack_get_page (self->stack, GTK_WIDGET (self->today_bin)),
                          "badge-number", G_BINDING_SYNC_CREATE);

  /* It computes nothing until it is first shown. */
  dashboard = crm_dashboard_view_new (self->repository, self->undo_manager);
  adw_bin_set_child (self->dashboard_bin, dashboard);
  g_signal_connect_object (dashboard, "show-deals", G_CALLBACK (on_dashboard_show_deals), self,
                           G_CONNECT_SWAPPED);

  /* Scores follow writes at once, and the rules and the passing days from a few seconds after
   * the window opened (not to compete with its first frames). */
  self->score_keeper = crm_score_keeper_new (self->store, self->settings, self->undo_manager);
  /* Typing a search goes first: the rescoring pass waits until the typing stops. */
  g_signal_connect_object (contacts, "search-edited", G_CALLBACK (on_contacts_search_edited), self,
                           G_CONNECT_SWAPPED);
  crm_score_keeper_start_daily (self->score_keeper, SCORE_PASS_DELAY_SECONDS);
}

static void
crm_window_dispose (GObject *object)
{
  CrmWindow *self = CRM_WINDOW (object);

  g_clear_handle_id (&self->external_changes_source, g_source_remove);

  gtk_widget_dispose_template (GTK_WIDGET (self), CRM_TYPE_WINDOW);

  g_clear_object (&self->score_keeper);
  g_clear_object (&self->undo_manager);
  g_clear_object (&self->repository);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (crm_window_parent_class)->dispose (object);
}

static void
crm_window_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  CrmWindow *self = CRM_WINDOW (object);

  switch (prop_id)
    {
      case PROP_STORE:
        g_value_set_object (value, self->store);
        break;

      case PROP_VISIBLE_PAGE:
        g_value_set_string (value, crm_window_get_visible_page (self));
        break;

      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
crm_window_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  CrmWindow *self = CRM_WINDOW (object);

  switch (prop_id)
    {
      case PROP_STORE:
        self->store = g_value_dup_object (value);
        break;

      case PROP_VISIBLE_PAGE:
        crm_window_set_visible_page (self, g_value_get_string (value));
        break;

      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
on_export_activate (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  CrmWindow *self = CRM_WINDOW (widget);

  gtk_window_present (GTK_WINDOW (crm_export_dialog_new (GTK_WINDOW (self), self->store)));
}

static void
crm_window_class_init (CrmWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = crm_window_constructed;
  object_class->dispose = crm_window_dispose;
  object_class->get_property = crm_window_get_property;
  object_class->set_property = crm_window_set_property;

  window_class->close_request = crm_window_close_request;

  properties[PROP_STORE]
      = g_param_spec_object ("store", NULL, NULL, CRM_TYPE_STORE,
                             G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  properties[PROP_VISIBLE_PAGE]
      = g_param_spec_string ("visible-page", NULL, NULL, "pipeline",
                             G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  crm_gui_resources_ensure ();
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/crm-window.ui");
  gtk_widget_class_bind_template_child (widget_class, CrmWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, CrmWindow, switcher_title);
  gtk_widget_class_bind_template_child (widget_class, CrmWindow, switcher_bar);
  gtk_widget_class_bind_template_child (widget_class, CrmWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, CrmWindow, new_deal_button);
  gtk_widget_class_bind_template_child (widget_class, CrmWindow, pipeline_bin);
  gtk_widget_class_bind_template_child (widget_class, CrmWindow, contacts_bin);
  gtk_widget_class_bind_template_child (widget_class, CrmWindow, today_bin);
  gtk_widget_class_bind_template_child (widget_class, CrmWindow, dashboard_bin);
  gtk_widget_class_bind_template_callback (widget_class, on_stack_visible_child_name_notify);

  /* win.page('contacts') and friends: a stateful action over the visible-page property. */
  gtk_widget_class_install_property_action (widget_class, "win.page", "visible-page");

  gtk_widget_class_install_action (widget_class, "win.import", NULL, on_import_activate);
  gtk_widget_class_install_action (widget_class, "win.import-file", "s", on_import_file_activate);

  gtk_widget_class_install_action (widget_class, "win.new-deal", NULL, on_new_deal_activate);
  gtk_widget_class_install_action (widget_class, "win.export", NULL, on_export_activate);
  gtk_widget_class_install_action (widget_class, "win.edit-deal", "x", on_edit_deal_activate);
  gtk_widget_class_install_action (widget_class, "win.find", NULL, on_find_activate);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "win.find", NULL);
  gtk_widget_class_install_action (widget_class, "win.new-contact", NULL, on_new_contact_activate);
  gtk_widget_class_install_action (widget_class, "win.new", NULL, on_new_activate);
  gtk_widget_class_install_action (widget_class, "win.show-contact", "x", on_show_contact_activate);
  gtk_widget_class_install_action (widget_class, "win.show-company", "x", on_show_company_activate);
  gtk_widget_class_install_action (widget_class, "win.show-deal", "x", on_show_deal_activate);
  gtk_widget_class_install_action (widget_class, "win.search-contacts", "s",
                                   on_search_contacts_activate);
  gtk_widget_class_install_action (widget_class, "win.show-task", "x", on_show_task_activate);
  gtk_widget_class_install_action (widget_class, "win.complete-task", "x",
                                   on_complete_task_activate);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "win.new", NULL);

  /* Undo of the last move (the toasts' Undo button too). A text field that has the focus
   * takes Ctrl+Z first, for its own undo. */
  gtk_widget_class_install_action (widget_class, "win.undo", NULL, on_undo_activate);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK, "win.undo", NULL);
}

static void
crm_window_init (CrmWindow *self)
{
  self->settings = g_settings_new (APPLICATION_ID);
  self->visible_page = page_names[0];

  gtk_widget_init_template (GTK_WIDGET (self));

  crm_window_restore_state (self);
}

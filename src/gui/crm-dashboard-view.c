/* crm-dashboard-view.c — CrmDashboardView (see the header).
 *
 * Only the empty state exists until the page is first mapped: then the selectors, the tiles and
 * the cards are built and the first computation starts, so a window that opens on another page
 * pays for none of it. A computation runs in a worker thread on a connection of its own; a newer
 * one cancels the older, and the page keeps showing the last figures meanwhile.
 */
#include "config.h"

#include "crm-dashboard-view.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "crm-dashboard-report.h"
#include "crm-store-kpi.h"

#define N_TILES G_N_ELEMENTS (crm_dashboard_kpis)

struct _CrmDashboardView
{
  GtkWidget parent_instance;

  CrmRepository *repository;
  CrmUndoManager *undo_manager;
  GSettings *settings;
  CrmDashboardData *data;
  GCancellable *cancellable;
  gboolean built;
  gboolean computing;
  gboolean dirty; /* the data changed while the page was not shown */
  guint n_computed;
  guint recompute_id;
  gulong store_handler;
  gboolean updating;    /* while the selectors are filled: their notifications are not choices */
  GPtrArray *pipelines; /* CrmPipelineRecord, after "All Pipelines" in the dropdown */
  char *currency;       /* the "currency" property, bound to dashboard-currency */
  GMenu *currency_menu;
  GtkFileChooserNative *report_chooser;

  GtkStack *stack; /* "loading", "empty", "error", "figures" */
  AdwStatusPage *empty_page;
  AdwStatusPage *error_page;
  GtkWidget *toolbar;
  GtkDropDown *period_dropdown;
  GtkDropDown *pipeline_dropdown;
  GtkRevealer *custom_bar;
  GtkMenuButton *from_button;
  GtkMenuButton *to_button;
  GtkCalendar *from_calendar;
  GtkCalendar *to_calendar;
  GtkSpinner *spinner;
  GtkLabel *period_label;
  GtkWidget *tiles[N_TILES];
  GtkWidget *cards[CRM_CHART_N_KINDS];
};

G_DEFINE_FINAL_TYPE (CrmDashboardView, crm_dashboard_view, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_REPOSITORY,
  PROP_UNDO_MANAGER,
  PROP_COMPUTING,
  PROP_CURRENCY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum
{
  SHOW_DEALS,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
start_compute (CrmDashboardView *self);

static CrmStore *
get_store (CrmDashboardView *self)
{
  return crm_repository_get_store (self->repository);
}

static void
show_toast (CrmDashboardView *self, const char *text)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);
  g_autofree char *escaped = g_markup_escape_text (text, -1);

  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (escaped));
  else
    g_message ("%s", text);
}

/* ---- Selectors ------------------------------------------------------------------------------ */

static char *
format_day (GDateTime *day)
{
  /* Translators: a day on the dashboard's custom period buttons (strftime). */
  return g_date_time_format (day, _ ("%b %-d, %Y"));
}

/* The day of setting @key ("YYYY-MM-DD") as local midnight, or NULL. */
static GDateTime *
setting_day (CrmDashboardView *self, const char *key)
{
  g_autofree char *text = g_settings_get_string (self->settings, key);
  gint64 from, to;

  if (!crm_dashboard_period_resolve (CRM_DASHBOARD_PERIOD_CUSTOM, 0, text, text, &from, &to))
    return NULL;
  return g_date_time_new_from_unix_local (from);
}

static CrmDashboardPeriod
current_period (CrmDashboardView *self)
{
  g_autofree char *nick = g_settings_get_string (self->settings, "dashboard-period");
  CrmDashboardPeriod period = CRM_DASHBOARD_PERIOD_LAST_90_DAYS;

  crm_dashboard_period_from_nick (nick, &period);
  return period;
}

static void
update_custom_bar (CrmDashboardView *self)
{
  const char *keys[] = { "dashboard-from", "dashboard-to" };
  GtkMenuButton *buttons[] = { self->from_button, self->to_button };
  GtkCalendar *calendars[] = { self->from_calendar, self->to_calendar };

  gtk_revealer_set_reveal_child (self->custom_bar,
                                 current_period (self) == CRM_DASHBOARD_PERIOD_CUSTOM);
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      g_autoptr (GDateTime) day = setting_day (self, keys[i]);
      g_autofree char *text = day != NULL ? format_day (day) : g_strdup ("…");
      /* Translators: the custom period's buttons: "From Mar 1, 2024", "To Mar 31, 2024". */
      g_autofree char *label
          = i == 0 ? g_strdup_printf (_ ("From %s"), text) : g_strdup_printf (_ ("To %s"), text);

      gtk_menu_button_set_label (buttons[i], label);
      if (day != NULL)
        {
          self->updating = TRUE;
          gtk_calendar_select_day (calendars[i], day);
          self->updating = FALSE;
        }
    }
}

static void
on_period_selected (CrmDashboardView *self)
{
  guint selected = gtk_drop_down_get_selected (self->period_dropdown);
  g_autoptr (GDateTime) first = NULL;

  if (self->updating || selected >= CRM_DASHBOARD_N_PERIODS)
    return;
  /* A custom period starts as the period shown, for its days to be moved from there. */
  if (selected == CRM_DASHBOARD_PERIOD_CUSTOM && self->data != NULL
      && (first = setting_day (self, "dashboard-from")) == NULL)
    {
      const CrmKpiReport *report = crm_dashboard_data_get_report (self->data);
      g_autoptr (GDateTime) from = g_date_time_new_from_unix_local (report->options.from);
      g_autoptr (GDateTime) last = g_date_time_new_from_unix_local (report->options.to - 1);
      g_autofree char *from_text = g_date_time_format (from, "%Y-%m-%d");
      g_autofree char *last_text = g_date_time_format (last, "%Y-%m-%d");

      g_settings_set_string (self->settings, "dashboard-from", from_text);
      g_settings_set_string (self->settings, "dashboard-to", last_text);
    }
  g_settings_set_string (self->settings, "dashboard-period",
                         crm_dashboard_period_get_nick ((CrmDashboardPeriod) selected));
}

static void
on_day_selected (GtkCalendar *calendar, CrmDashboardView *self)
{
  g_autoptr (GDateTime) day = gtk_calendar_get_date (calendar);
  g_autofree char *text = g_date_time_format (day, "%Y-%m-%d");
  gboolean from = calendar == self->from_calendar;

  if (self->updating)
    return;
  g_settings_set_string (self->settings, from ? "dashboard-from" : "dashboard-to", text);
  gtk_menu_button_popdown (from ? self->from_button : self->to_button);
}

static void
reload_pipelines (CrmDashboardView *self)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GtkStringList) names = gtk_string_list_new (NULL);
  g_autofree char *uuid = g_settings_get_string (self->settings, "dashboard-pipeline");
  guint selected = 0;

  g_clear_pointer (&self->pipelines, g_ptr_array_unref);
  self->pipelines = crm_store_list_pipelines (get_store (self), &error);
  if (self->pipelines == NULL)
    {
      g_warning ("Cannot read the pipelines: %s", error->message);
      self->pipelines = g_ptr_array_new ();
    }
  gtk_string_list_append (names, _ ("All Pipelines"));
  for (guint i = 0; i < self->pipelines->len; i++)
    {
      const CrmPipelineRecord *pipeline = g_ptr_array_index (self->pipelines, i);

      gtk_string_list_append (names, pipeline->name);
      if (g_strcmp0 (pipeline->uuid, uuid) == 0)
        selected = i + 1;
    }
  self->updating = TRUE;
  gtk_drop_down_set_model (self->pipeline_dropdown, G_LIST_MODEL (names));
  gtk_drop_down_set_selected (self->pipeline_dropdown, selected);
  self->updating = FALSE;
  /* One pipeline: nothing to choose. */
  gtk_widget_set_visible (GTK_WIDGET (self->pipeline_dropdown), self->pipelines->len > 1);
}

static void
on_pipeline_selected (CrmDashboardView *self)
{
  guint selected = gtk_drop_down_get_selected (self->pipeline_dropdown);
  const char *uuid = "";

  if (self->updating)
    return;
  if (selected >= 1 && selected - 1 < self->pipelines->len)
    uuid = ((CrmPipelineRecord *) g_ptr_array_index (self->pipelines, selected - 1))->uuid;
  g_settings_set_string (self->settings, "dashboard-pipeline", uuid);
}

/* The pipeline of the dashboard-pipeline setting: its record, or NULL for every pipeline (also
 * when that pipeline is gone). */
static const CrmPipelineRecord *
current_pipeline (CrmDashboardView *self)
{
  g_autofree char *uuid = g_settings_get_string (self->settings, "dashboard-pipeline");

  for (guint i = 0; self->pipelines != NULL && i < self->pipelines->len; i++)
    {
      const CrmPipelineRecord *pipeline = g_ptr_array_index (self->pipelines, i);

      if (uuid[0] != '\0' && g_strcmp0 (pipeline->uuid, uuid) == 0)
        return pipeline;
    }
  return NULL;
}

static void
update_currency_menu (CrmDashboardView *self)
{
  const char *const *currencies
      = self->data != NULL ? crm_dashboard_data_get_currencies (self->data) : NULL;
  g_autoptr (GMenuItem) automatic = g_menu_item_new (_ ("_Most Won"), NULL);

  g_menu_remove_all (self->currency_menu);
  /* One currency (or none): nothing to choose. */
  if (currencies == NULL || currencies[0] == NULL || currencies[1] == NULL)
    return;
  g_menu_item_set_action_and_target_value (automatic, "dashboard.currency",
                                           g_variant_new_string (""));
  g_menu_append_item (self->currency_menu, automatic);
  for (guint i = 0; currencies[i] != NULL; i++)
    {
      g_autoptr (GMenuItem) item = g_menu_item_new (currencies[i], NULL);

      g_menu_item_set_action_and_target_value (item, "dashboard.currency",
                                               g_variant_new_string (currencies[i]));
      g_menu_append_item (self->currency_menu, item);
    }
}

/* ---- Showing the figures ---------------------------------------------------------------------- */

static gboolean
data_is_empty (CrmDashboardData *data)
{
  const CrmKpiResult *r = crm_dashboard_data_get_report (data)->current;

  for (guint kind = 0; kind < CRM_CHART_N_KINDS; kind++)
    if (!crm_chart_is_empty (kind, crm_dashboard_data_get_chart (data, kind)))
      return FALSE;
  return r->n_open_deals == 0 && r->n_new_leads == 0 && r->lifetime_revenue->len == 0;
}

static void
show_data (CrmDashboardView *self, CrmDashboardData *data)
{
  const CrmKpiReport *report = crm_dashboard_data_get_report (data);
  g_autofree char *period = crm_dashboard_format_period (report->options.from, report->options.to);

  g_clear_pointer (&self->data, crm_dashboard_data_unref);
  self->data = crm_dashboard_data_ref (data);
  gtk_label_set_text (self->period_label, period);
  for (guint i = 0; i < N_TILES; i++)
    {
      g_auto (CrmDashboardFigure) figure = { 0 };

      crm_dashboard_data_get_figure (data, crm_dashboard_kpis[i], &figure);
      crm_kpi_tile_set_figure (CRM_KPI_TILE (self->tiles[i]), &figure);
    }
  for (guint kind = 0; kind < CRM_CHART_N_KINDS; kind++)
    crm_chart_card_set_data (CRM_CHART_CARD (self->cards[kind]), data);
  update_currency_menu (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "dashboard.export-report", TRUE);
  gtk_stack_set_visible_child_name (self->stack, data_is_empty (data) ? "empty" : "figures");
}

static void
set_computing (CrmDashboardView *self, gboolean computing)
{
  if (computing == self->computing)
    return;
  self->computing = computing;
  if (self->spinner != NULL)
    {
      gtk_spinner_set_spinning (self->spinner, computing);
      gtk_widget_set_visible (GTK_WIDGET (self->spinner), computing);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COMPUTING]);
}

static void
on_computed (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (CrmDashboardView) self = user_data;
  g_autoptr (GError) error = NULL;
  CrmKpiReport *report = crm_kpi_compute_finish (result, &error);
  g_autoptr (CrmDashboardData) data = NULL;

  /* A newer computation replaced this one, or the page went away. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->cancellable);
  if (report == NULL)
    {
      g_message ("Cannot compute the KPIs: %s", error->message);
      adw_status_page_set_description (self->error_page, error->message);
      gtk_stack_set_visible_child_name (self->stack, "error");
      set_computing (self, FALSE);
      return;
    }
  data = crm_dashboard_data_new (report, self->currency);
  self->n_computed++;
  show_data (self, data);
  /* Last: whoever watches "computing" finds the figures in place. */
  set_computing (self, FALSE);
}

static void
start_compute (CrmDashboardView *self)
{
  const CrmPipelineRecord *pipeline = current_pipeline (self);
  g_autofree char *first = g_settings_get_string (self->settings, "dashboard-from");
  g_autofree char *last = g_settings_get_string (self->settings, "dashboard-to");
  CrmKpiOptions options;
  gint64 from, to;

  g_clear_handle_id (&self->recompute_id, g_source_remove);
  self->dirty = FALSE;
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  if (!crm_dashboard_period_resolve (current_period (self), g_get_real_time () / G_USEC_PER_SEC,
                                     first, last, &from, &to))
    {
      set_computing (self, FALSE);
      adw_status_page_set_description (
          self->error_page, _ ("Choose the first and the last day of the custom period; the last "
                               "day cannot come before the first."));
      gtk_stack_set_visible_child_name (self->stack, "error");
      return;
    }
  crm_kpi_options_init (&options, from, to);
  options.pipeline_id = pipeline != NULL ? pipeline->id : 0;
  options.flags = CRM_KPI_WITH_PREVIOUS | CRM_KPI_WITH_SERIES;
  self->cancellable = g_cancellable_new ();
  set_computing (self, TRUE);
  crm_kpi_compute_async (get_store (self), &options, self->cancellable, on_computed,
                         g_object_ref (self));
}

static gboolean
on_recompute_timeout (gpointer user_data)
{
  CrmDashboardView *self = user_data;

  self->recompute_id = 0;
  start_compute (self);
  return G_SOURCE_REMOVE;
}

/* Computes again soon when the page shows, else when it is next shown. */
static void
invalidate (CrmDashboardView *self, guint delay_ms)
{
  if (!self->built || !gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      self->dirty = TRUE;
      return;
    }
  if (delay_ms == 0)
    start_compute (self);
  else if (self->recompute_id == 0)
    self->recompute_id = g_timeout_add (delay_ms, on_recompute_timeout, self);
}

static void
on_settings_changed (GSettings *settings, const char *key, CrmDashboardView *self)
{
  /* The currency follows through the "currency" property's binding. */
  if (!g_str_has_prefix (key, "dashboard-") || g_str_equal (key, "dashboard-currency")
      || !self->built)
    return;
  if (g_str_equal (key, "dashboard-period"))
    {
      self->updating = TRUE;
      gtk_drop_down_set_selected (self->period_dropdown, current_period (self));
      self->updating = FALSE;
    }
  else if (g_str_equal (key, "dashboard-pipeline"))
    reload_pipelines (self);
  update_custom_bar (self);
  invalidate (self, 0);
}

static void
on_store_changed (CrmStore *store,
                  guint entity,
                  guint action,
                  gint64 id,
                  gpointer old_record,
                  CrmDashboardView *self)
{
  /* Tags, activities and saved lists count in no KPI. */
  if (entity == CRM_ENTITY_TAG || entity == CRM_ENTITY_ACTIVITY || entity == CRM_ENTITY_SMART_LIST)
    return;
  if (self->built && (entity == CRM_ENTITY_PIPELINE || action == CRM_CHANGE_RESET))
    reload_pipelines (self);
  invalidate (self, CRM_DASHBOARD_VIEW_RECOMPUTE_DELAY_MS);
}

/* ---- Showing the deals behind a figure ------------------------------------------------------ */

static gint64
pipeline_of_deal (CrmStore *store, gint64 deal_id)
{
  g_autoptr (CrmDealRecord) deal = crm_store_get_deal (store, deal_id, NULL);
  g_autoptr (CrmStageRecord) stage
      = deal != NULL ? crm_store_get_stage (store, deal->stage_id, NULL) : NULL;

  return stage != NULL ? stage->pipeline_id : 0;
}

gboolean
crm_dashboard_view_show_item_deals (CrmDashboardView *self, CrmChartKind kind, guint index)
{
  const CrmKpiReport *report;
  g_autoptr (GArray) ids = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *period = NULL;
  g_autofree char *description = NULL;
  gint64 pipeline_id = 0, stage_id, reason_id;

  g_return_val_if_fail (CRM_IS_DASHBOARD_VIEW (self), FALSE);

  if (self->data == NULL)
    return FALSE;
  report = crm_dashboard_data_get_report (self->data);
  period = crm_dashboard_format_period (report->options.from, report->options.to);
  if (kind == CRM_CHART_FUNNEL
      && crm_dashboard_data_get_funnel_stage (self->data, index, &stage_id, &pipeline_id))
    {
      const CrmChartFunnel *funnel = crm_dashboard_data_get_chart (self->data, kind);

      ids = crm_store_kpi_stage_entry_deal_ids (get_store (self), stage_id, report->options.from,
                                                report->options.to, &error);
      /* Translators: a stage and a period, over the board showing those deals. */
      description
          = g_strdup_printf (_ ("Deals that entered “%s”, %s"), funnel->stages[index].name, period);
    }
  else if (kind == CRM_CHART_LOST_REASONS
           && crm_dashboard_data_get_lost_reason (self->data, index, &reason_id))
    {
      const CrmChartCounts *reasons = crm_dashboard_data_get_chart (self->data, kind);

      ids = crm_store_kpi_lost_deal_ids (get_store (self), report->options.pipeline_id, reason_id,
                                         report->options.from, report->options.to, &error);
      pipeline_id = report->options.pipeline_id;
      if (ids != NULL && ids->len > 0 && pipeline_id == 0)
        pipeline_id = pipeline_of_deal (get_store (self), g_array_index (ids, gint64, 0));
      /* Translators: a lost reason and a period, over the board showing those deals. */
      description
          = g_strdup_printf (_ ("Deals lost for “%s”, %s"), reasons->items[index].name, period);
    }
  else
    return FALSE;

  if (ids == NULL)
    {
      show_toast (self, error->message);
      return FALSE;
    }
  g_signal_emit (self, signals[SHOW_DEALS], 0, pipeline_id, ids, description);
  return TRUE;
}

static void
on_item_activated (CrmChartWidget *chart, guint index, CrmDashboardView *self)
{
  crm_dashboard_view_show_item_deals (self, crm_chart_widget_get_kind (chart), index);
}

/* ---- Actions ---------------------------------------------------------------------------------- */

CrmSpendEditor *
crm_dashboard_view_edit_spend (CrmDashboardView *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autoptr (GSettings) settings = g_settings_new (APPLICATION_ID);
  g_autofree char *currency = g_settings_get_string (settings, "default-currency");
  CrmSpendEditor *editor;

  g_return_val_if_fail (CRM_IS_DASHBOARD_VIEW (self), NULL);

  editor = crm_spend_editor_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                 self->undo_manager, currency);
  gtk_window_present (GTK_WINDOW (editor));
  return editor;
}

static void
on_edit_spend_activate (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  crm_dashboard_view_edit_spend (CRM_DASHBOARD_VIEW (widget));
}

static void
on_report_chooser_response (GtkNativeDialog *dialog, int response, CrmDashboardView *self)
{
  g_autoptr (GFile) file = NULL;
  g_autofree char *path = NULL;
  g_autoptr (GError) error = NULL;
  const CrmPipelineRecord *pipeline = current_pipeline (self);

  if (response == GTK_RESPONSE_ACCEPT)
    {
      file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      path = file != NULL ? g_file_get_path (file) : NULL;
    }
  g_clear_object (&self->report_chooser);
  if (path == NULL || self->data == NULL)
    return;
  if (crm_dashboard_write_report (self->data, pipeline != NULL ? pipeline->name : NULL, FALSE, path,
                                  &error))
    {
      g_autofree char *name = g_file_get_basename (file);
      g_autofree char *text = g_strdup_printf (_ ("Saved “%s”"), name);

      show_toast (self, text);
    }
  else
    show_toast (self, error->message);
}

static void
on_export_report_activate (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  CrmDashboardView *self = CRM_DASHBOARD_VIEW (widget);
  GtkRoot *root = gtk_widget_get_root (widget);

  if (self->report_chooser != NULL || self->data == NULL)
    return;
  self->report_chooser = gtk_file_chooser_native_new (
      _ ("Export Report"), GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
      GTK_FILE_CHOOSER_ACTION_SAVE, _ ("_Export"), _ ("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->report_chooser), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->report_chooser), _ ("KPI Report.pdf"));
  g_signal_connect (self->report_chooser, "response", G_CALLBACK (on_report_chooser_response),
                    self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->report_chooser));
}

/* ---- Building --------------------------------------------------------------------------------- */

static GtkWidget *
date_button (CrmDashboardView *self, GtkMenuButton **button, GtkCalendar **calendar)
{
  GtkWidget *popover = gtk_popover_new ();

  *calendar = GTK_CALENDAR (gtk_calendar_new ());
  g_signal_connect (*calendar, "day-selected", G_CALLBACK (on_day_selected), self);
  gtk_popover_set_child (GTK_POPOVER (popover), GTK_WIDGET (*calendar));
  *button = GTK_MENU_BUTTON (gtk_menu_button_new ());
  gtk_menu_button_set_popover (*button, popover);
  gtk_menu_button_set_always_show_arrow (*button, TRUE);
  return GTK_WIDGET (*button);
}

static GtkWidget *
build_toolbar (CrmDashboardView *self)
{
  GtkWidget *toolbar = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *custom = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *menu_button = gtk_menu_button_new ();
  g_autoptr (GtkStringList) periods = gtk_string_list_new (NULL);
  g_autoptr (GMenu) menu = g_menu_new ();
  g_autoptr (GMenu) actions = g_menu_new ();

  for (guint i = 0; i < CRM_DASHBOARD_N_PERIODS; i++)
    gtk_string_list_append (periods, crm_dashboard_period_get_label ((CrmDashboardPeriod) i));
  self->period_dropdown
      = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (g_object_ref (periods)), NULL));
  gtk_drop_down_set_selected (self->period_dropdown, current_period (self));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->period_dropdown), _ ("Period"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->period_dropdown),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _ ("Period"), -1);
  g_signal_connect_swapped (self->period_dropdown, "notify::selected",
                            G_CALLBACK (on_period_selected), self);
  gtk_box_append (GTK_BOX (row), GTK_WIDGET (self->period_dropdown));

  self->pipeline_dropdown = GTK_DROP_DOWN (gtk_drop_down_new (NULL, NULL));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->pipeline_dropdown), _ ("Pipeline"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->pipeline_dropdown),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _ ("Pipeline"), -1);
  g_signal_connect_swapped (self->pipeline_dropdown, "notify::selected",
                            G_CALLBACK (on_pipeline_selected), self);
  gtk_box_append (GTK_BOX (row), GTK_WIDGET (self->pipeline_dropdown));

  self->spinner = GTK_SPINNER (gtk_spinner_new ());
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), FALSE);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->spinner), _ ("Computing the KPIs…"));
  gtk_box_append (GTK_BOX (row), GTK_WIDGET (self->spinner));

  g_menu_append (actions, _ ("Acquisition _Spend…"), "dashboard.edit-spend");
  g_menu_append (actions, _ ("_Export Report…"), "dashboard.export-report");
  g_menu_append_section (menu, NULL, G_MENU_MODEL (actions));
  self->currency_menu = g_menu_new ();
  g_menu_append_section (menu, _ ("Currency"), G_MENU_MODEL (self->currency_menu));
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (menu_button), "view-more-symbolic");
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (menu_button), G_MENU_MODEL (menu));
  gtk_widget_set_tooltip_text (menu_button, _ ("Dashboard Menu"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (menu_button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _ ("Dashboard Menu"), -1);
  gtk_widget_set_halign (menu_button, GTK_ALIGN_END);
  gtk_widget_set_hexpand (menu_button, TRUE);
  gtk_box_append (GTK_BOX (row), menu_button);
  gtk_box_append (GTK_BOX (toolbar), row);

  gtk_box_append (GTK_BOX (custom), date_button (self, &self->from_button, &self->from_calendar));
  gtk_box_append (GTK_BOX (custom), date_button (self, &self->to_button, &self->to_calendar));
  self->custom_bar = GTK_REVEALER (gtk_revealer_new ());
  gtk_revealer_set_child (self->custom_bar, custom);
  gtk_box_append (GTK_BOX (toolbar), GTK_WIDGET (self->custom_bar));

  gtk_widget_set_margin_top (toolbar, 12);
  gtk_widget_set_margin_start (toolbar, 12);
  gtk_widget_set_margin_end (toolbar, 12);
  return toolbar;
}

static GtkWidget *
flow_box (guint min_per_line, guint max_per_line)
{
  GtkWidget *box = gtk_flow_box_new ();

  gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (box), GTK_SELECTION_NONE);
  gtk_flow_box_set_homogeneous (GTK_FLOW_BOX (box), TRUE);
  gtk_flow_box_set_min_children_per_line (GTK_FLOW_BOX (box), min_per_line);
  gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (box), max_per_line);
  gtk_flow_box_set_column_spacing (GTK_FLOW_BOX (box), 12);
  gtk_flow_box_set_row_spacing (GTK_FLOW_BOX (box), 12);
  gtk_widget_set_valign (box, GTK_ALIGN_START);
  return box;
}

static void
flow_box_add (GtkWidget *box, GtkWidget *child)
{
  gtk_flow_box_append (GTK_FLOW_BOX (box), child);
  /* The cards' own buttons take the focus, not the grid's cells. */
  gtk_widget_set_focusable (gtk_widget_get_parent (child), FALSE);
}

static GtkWidget *
build_figures (CrmDashboardView *self)
{
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *heading = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *spend = gtk_button_new_with_mnemonic (_ ("Acquisition _Spend…"));
  GtkWidget *tiles = flow_box (2, 7);
  GtkWidget *charts = flow_box (1, 3);

  self->period_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->period_label, 0);
  gtk_label_set_wrap (self->period_label, TRUE);
  gtk_widget_set_hexpand (GTK_WIDGET (self->period_label), TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->period_label), "heading");
  gtk_box_append (GTK_BOX (heading), GTK_WIDGET (self->period_label));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (spend), "dashboard.edit-spend");
  gtk_widget_set_tooltip_text (spend, _ ("What was spent per lead source and month, for CAC"));
  gtk_widget_add_css_class (spend, "flat");
  gtk_box_append (GTK_BOX (heading), spend);
  gtk_box_append (GTK_BOX (content), heading);

  for (guint i = 0; i < N_TILES; i++)
    {
      self->tiles[i] = crm_kpi_tile_new (crm_dashboard_kpis[i]);
      flow_box_add (tiles, self->tiles[i]);
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (tiles), GTK_ACCESSIBLE_PROPERTY_LABEL, _ ("KPIs"),
                                  -1);
  gtk_box_append (GTK_BOX (content), tiles);

  for (guint kind = 0; kind < CRM_CHART_N_KINDS; kind++)
    {
      self->cards[kind] = crm_chart_card_new ((CrmChartKind) kind);
      g_signal_connect (crm_chart_card_get_chart (CRM_CHART_CARD (self->cards[kind])),
                        "item-activated", G_CALLBACK (on_item_activated), self);
      flow_box_add (charts, self->cards[kind]);
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (charts), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _ ("Charts"), -1);
  gtk_box_append (GTK_BOX (content), charts);

  gtk_widget_set_margin_top (content, 12);
  gtk_widget_set_margin_bottom (content, 24);
  gtk_widget_set_margin_start (content, 12);
  gtk_widget_set_margin_end (content, 12);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), content);
  return scroller;
}

/* The page's selectors and figures, made when it is first shown. */
static void
ensure_built (CrmDashboardView *self)
{
  GtkWidget *loading = gtk_spinner_new ();

  if (self->built)
    return;
  self->built = TRUE;

  self->toolbar = build_toolbar (self);
  gtk_widget_insert_before (self->toolbar, GTK_WIDGET (self), GTK_WIDGET (self->stack));
  reload_pipelines (self);
  update_custom_bar (self);

  gtk_spinner_set_spinning (GTK_SPINNER (loading), TRUE);
  gtk_widget_set_size_request (loading, 32, 32);
  gtk_widget_set_halign (loading, GTK_ALIGN_CENTER);
  gtk_widget_set_valign (loading, GTK_ALIGN_CENTER);
  gtk_stack_add_named (self->stack, loading, "loading");
  gtk_stack_add_named (self->stack, build_figures (self), "figures");
  gtk_stack_set_visible_child_name (self->stack, "loading");
}

static void
crm_dashboard_view_map (GtkWidget *widget)
{
  CrmDashboardView *self = CRM_DASHBOARD_VIEW (widget);

  ensure_built (self);
  GTK_WIDGET_CLASS (crm_dashboard_view_parent_class)->map (widget);
  if (self->data == NULL ? self->cancellable == NULL : self->dirty)
    start_compute (self);
}

/* ---- Public --------------------------------------------------------------------------------- */

CrmDashboardData *
crm_dashboard_view_get_data (CrmDashboardView *self)
{
  g_return_val_if_fail (CRM_IS_DASHBOARD_VIEW (self), NULL);

  return self->data;
}

gboolean
crm_dashboard_view_get_computing (CrmDashboardView *self)
{
  g_return_val_if_fail (CRM_IS_DASHBOARD_VIEW (self), FALSE);

  return self->computing;
}

guint
crm_dashboard_view_get_n_computed (CrmDashboardView *self)
{
  g_return_val_if_fail (CRM_IS_DASHBOARD_VIEW (self), 0);

  return self->n_computed;
}

CrmKpiTile *
crm_dashboard_view_get_tile (CrmDashboardView *self, CrmKpi kpi)
{
  g_return_val_if_fail (CRM_IS_DASHBOARD_VIEW (self), NULL);

  ensure_built (self);
  for (guint i = 0; i < N_TILES; i++)
    if (crm_dashboard_kpis[i] == kpi)
      return CRM_KPI_TILE (self->tiles[i]);
  return NULL;
}

CrmChartCard *
crm_dashboard_view_get_card (CrmDashboardView *self, CrmChartKind kind)
{
  g_return_val_if_fail (CRM_IS_DASHBOARD_VIEW (self), NULL);
  g_return_val_if_fail (kind < CRM_CHART_N_KINDS, NULL);

  ensure_built (self);
  return CRM_CHART_CARD (self->cards[kind]);
}

GtkWidget *
crm_dashboard_view_new (CrmRepository *repository, CrmUndoManager *undo_manager)
{
  g_return_val_if_fail (CRM_IS_REPOSITORY (repository), NULL);
  g_return_val_if_fail (CRM_IS_UNDO_MANAGER (undo_manager), NULL);

  return g_object_new (CRM_TYPE_DASHBOARD_VIEW, "repository", repository, "undo-manager",
                       undo_manager, NULL);
}

/* ---- GObject ---------------------------------------------------------------------------------- */

static void
crm_dashboard_view_constructed (GObject *object)
{
  CrmDashboardView *self = CRM_DASHBOARD_VIEW (object);

  G_OBJECT_CLASS (crm_dashboard_view_parent_class)->constructed (object);

  self->store_handler
      = g_signal_connect (get_store (self), "changed", G_CALLBACK (on_store_changed), self);
}

static void
crm_dashboard_view_dispose (GObject *object)
{
  CrmDashboardView *self = CRM_DASHBOARD_VIEW (object);
  GtkWidget *child;

  g_clear_handle_id (&self->recompute_id, g_source_remove);
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->report_chooser != NULL)
    {
      gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->report_chooser));
      g_clear_object (&self->report_chooser);
    }
  if (self->repository != NULL)
    g_clear_signal_handler (&self->store_handler, get_store (self));
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_pointer (&self->data, crm_dashboard_data_unref);
  g_clear_pointer (&self->pipelines, g_ptr_array_unref);
  g_clear_object (&self->currency_menu);
  g_clear_object (&self->settings);
  g_clear_object (&self->undo_manager);
  g_clear_object (&self->repository);
  G_OBJECT_CLASS (crm_dashboard_view_parent_class)->dispose (object);
}

static void
crm_dashboard_view_finalize (GObject *object)
{
  g_free (CRM_DASHBOARD_VIEW (object)->currency);
  G_OBJECT_CLASS (crm_dashboard_view_parent_class)->finalize (object);
}

static void
set_currency (CrmDashboardView *self, const char *currency)
{
  if (g_strcmp0 (currency, self->currency) == 0)
    return;
  g_free (self->currency);
  self->currency = g_strdup (currency);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CURRENCY]);
  invalidate (self, 0);
}

static void
crm_dashboard_view_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  CrmDashboardView *self = CRM_DASHBOARD_VIEW (object);

  switch (prop_id)
    {
      case PROP_REPOSITORY:
        g_value_set_object (value, self->repository);
        break;
      case PROP_UNDO_MANAGER:
        g_value_set_object (value, self->undo_manager);
        break;
      case PROP_COMPUTING:
        g_value_set_boolean (value, self->computing);
        break;
      case PROP_CURRENCY:
        g_value_set_string (value, self->currency != NULL ? self->currency : "");
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
crm_dashboard_view_set_property (GObject *object,
                                 guint prop_id,
                                 const GValue *value,
                                 GParamSpec *pspec)
{
  CrmDashboardView *self = CRM_DASHBOARD_VIEW (object);

  switch (prop_id)
    {
      case PROP_REPOSITORY:
        self->repository = g_value_dup_object (value);
        break;
      case PROP_UNDO_MANAGER:
        self->undo_manager = g_value_dup_object (value);
        break;
      case PROP_CURRENCY:
        set_currency (self, g_value_get_string (value));
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
crm_dashboard_view_class_init (CrmDashboardViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = crm_dashboard_view_constructed;
  object_class->dispose = crm_dashboard_view_dispose;
  object_class->finalize = crm_dashboard_view_finalize;
  object_class->get_property = crm_dashboard_view_get_property;
  object_class->set_property = crm_dashboard_view_set_property;
  widget_class->map = crm_dashboard_view_map;

  properties[PROP_REPOSITORY]
      = g_param_spec_object ("repository", NULL, NULL, CRM_TYPE_REPOSITORY,
                             G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_UNDO_MANAGER]
      = g_param_spec_object ("undo-manager", NULL, NULL, CRM_TYPE_UNDO_MANAGER,
                             G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_COMPUTING]
      = g_param_spec_boolean ("computing", NULL, NULL, FALSE,
                              G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CURRENCY]
      = g_param_spec_string ("currency", NULL, NULL, "",
                             G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* ::show-deals (gint64 pipeline_id, GArray *deal_ids, const char *description). */
  signals[SHOW_DEALS]
      = g_signal_new ("show-deals", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                      NULL, G_TYPE_NONE, 3, G_TYPE_INT64, G_TYPE_ARRAY, G_TYPE_STRING);

  gtk_widget_class_install_action (widget_class, "dashboard.edit-spend", NULL,
                                   on_edit_spend_activate);
  gtk_widget_class_install_action (widget_class, "dashboard.export-report", NULL,
                                   on_export_report_activate);
  gtk_widget_class_install_property_action (widget_class, "dashboard.currency", "currency");

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "dashboardview");
}

static void
crm_dashboard_view_init (CrmDashboardView *self)
{
  GtkWidget *go_to_pipeline = gtk_button_new_with_mnemonic (_ ("Go to _Pipeline"));

  gtk_orientable_set_orientation (
      GTK_ORIENTABLE (gtk_widget_get_layout_manager (GTK_WIDGET (self))), GTK_ORIENTATION_VERTICAL);
  self->settings = g_settings_new (APPLICATION_ID);
  g_settings_bind (self->settings, "dashboard-currency", self, "currency", G_SETTINGS_BIND_DEFAULT);
  g_signal_connect_object (self->settings, "changed", G_CALLBACK (on_settings_changed), self, 0);

  self->stack = GTK_STACK (gtk_stack_new ());
  gtk_stack_set_transition_type (self->stack, GTK_STACK_TRANSITION_TYPE_CROSSFADE);
  gtk_widget_set_vexpand (GTK_WIDGET (self->stack), TRUE);

  self->empty_page = ADW_STATUS_PAGE (adw_status_page_new ());
  adw_status_page_set_icon_name (self->empty_page, "crm-dashboard-symbolic");
  adw_status_page_set_title (self->empty_page, _ ("No Numbers Yet"));
  adw_status_page_set_description (
      self->empty_page,
      _ ("Win rate, pipeline value, sales cycle length and the other figures of your sales "
         "process will appear here once deals move through the pipeline."));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (go_to_pipeline), "win.page");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (go_to_pipeline), "s", "pipeline");
  gtk_widget_set_halign (go_to_pipeline, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (go_to_pipeline, "pill");
  adw_status_page_set_child (self->empty_page, go_to_pipeline);
  gtk_stack_add_named (self->stack, GTK_WIDGET (self->empty_page), "empty");

  self->error_page = ADW_STATUS_PAGE (adw_status_page_new ());
  adw_status_page_set_icon_name (self->error_page, "dialog-warning-symbolic");
  adw_status_page_set_title (self->error_page, _ ("No Figures for This Period"));
  gtk_stack_add_named (self->stack, GTK_WIDGET (self->error_page), "error");
  gtk_widget_set_parent (GTK_WIDGET (self->stack), GTK_WIDGET (self));

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "dashboard.export-report", FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _ ("Dashboard"), -1);
}

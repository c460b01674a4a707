/* crm-chart-card.c — CrmChartCard (see the header). The table is made from the data only when it
 * is shown (or copied), and its columns again when the data changes while it shows.
 */
#include "config.h"

#include "crm-chart-card.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <stdlib.h>

struct _CrmChartCard
{
  GtkWidget parent_instance;

  CrmChartKind kind;
  CrmDashboardData *data;
  CrmChartTable *table; /* of @data, made when first needed */
  gboolean show_table;
  GtkFileChooserNative *chooser;

  GtkLabel *title_label;
  GtkLabel *subtitle_label;
  GtkMenuButton *menu_button;
  GtkStack *stack;
  CrmChartWidget *chart;
  GtkColumnView *column_view;
};

G_DEFINE_FINAL_TYPE (CrmChartCard, crm_chart_card, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_SHOW_TABLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
show_toast (CrmChartCard *self, const char *text)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);
  g_autofree char *escaped = g_markup_escape_text (text, -1);

  if (overlay == NULL)
    {
      g_message ("%s", text);
      return;
    }
  adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (escaped));
}

/* ---- The table ------------------------------------------------------------------------------ */

const CrmChartTable *
crm_chart_card_get_table (CrmChartCard *self)
{
  g_return_val_if_fail (CRM_IS_CHART_CARD (self), NULL);

  if (self->table == NULL && self->data != NULL)
    self->table
        = crm_chart_to_table (self->kind, crm_dashboard_data_get_chart (self->data, self->kind));
  return self->table;
}

static void
on_cell_setup (GtkSignalListItemFactory *factory, GtkListItem *item, gpointer user_data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_use_markup (GTK_LABEL (label), FALSE);
  gtk_list_item_set_child (item, label);
}

static void
on_cell_bind (GtkSignalListItemFactory *factory, GtkListItem *item, CrmChartCard *self)
{
  guint column = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (factory), "column"));
  const char *row_text = gtk_string_object_get_string (gtk_list_item_get_item (item));
  const CrmChartTable *table = crm_chart_card_get_table (self);
  guint row = (guint) strtoul (row_text, NULL, 10);

  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (item)),
                      table != NULL && row < table->n_rows && column < table->n_columns
                          ? crm_chart_table_get_cell (table, row, column)
                          : "");
}

/* Columns of the table's titles and a row per table row (its index as a string). */
static void
fill_column_view (CrmChartCard *self)
{
  const CrmChartTable *table = crm_chart_card_get_table (self);
  GListModel *columns = gtk_column_view_get_columns (self->column_view);
  g_autoptr (GtkStringList) rows = gtk_string_list_new (NULL);
  g_autoptr (GtkNoSelection) selection = NULL;

  while (g_list_model_get_n_items (columns) > 0)
    {
      g_autoptr (GtkColumnViewColumn) column = g_list_model_get_item (columns, 0);

      gtk_column_view_remove_column (self->column_view, column);
    }
  for (guint c = 0; table != NULL && c < table->n_columns; c++)
    {
      GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
      g_autoptr (GtkColumnViewColumn) column = NULL;

      g_object_set_data (G_OBJECT (factory), "column", GUINT_TO_POINTER (c));
      g_signal_connect (factory, "setup", G_CALLBACK (on_cell_setup), NULL);
      g_signal_connect (factory, "bind", G_CALLBACK (on_cell_bind), self);
      column = gtk_column_view_column_new (table->column_titles[c], factory);
      gtk_column_view_column_set_expand (column, c == 0);
      gtk_column_view_append_column (self->column_view, column);
    }
  for (guint r = 0; table != NULL && r < table->n_rows; r++)
    {
      g_autofree char *index = g_strdup_printf ("%u", r);

      gtk_string_list_append (rows, index);
    }
  selection = gtk_no_selection_new (G_LIST_MODEL (g_steal_pointer (&rows)));
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (selection));
}

gboolean
crm_chart_card_get_show_table (CrmChartCard *self)
{
  g_return_val_if_fail (CRM_IS_CHART_CARD (self), FALSE);

  return self->show_table;
}

void
crm_chart_card_set_show_table (CrmChartCard *self, gboolean show_table)
{
  g_return_if_fail (CRM_IS_CHART_CARD (self));

  show_table = !!show_table;
  if (show_table == self->show_table)
    return;
  self->show_table = show_table;
  if (show_table)
    fill_column_view (self);
  gtk_stack_set_visible_child_name (self->stack, show_table ? "table" : "chart");
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_TABLE]);
}

GtkColumnView *
crm_chart_card_get_column_view (CrmChartCard *self)
{
  g_return_val_if_fail (CRM_IS_CHART_CARD (self), NULL);

  return self->column_view;
}

/* ---- Data ----------------------------------------------------------------------------------- */

void
crm_chart_card_set_data (CrmChartCard *self, CrmDashboardData *data)
{
  const char *currency;

  g_return_if_fail (CRM_IS_CHART_CARD (self));

  if (data != NULL)
    crm_dashboard_data_ref (data);
  g_clear_pointer (&self->data, crm_dashboard_data_unref);
  self->data = data;
  g_clear_pointer (&self->table, crm_chart_table_free);
  crm_chart_widget_set_data (self->chart, data);

  currency = data != NULL ? crm_dashboard_data_get_currency (data) : NULL;
  gtk_label_set_text (self->subtitle_label,
                      self->kind == CRM_CHART_REVENUE && currency != NULL ? currency : "");
  gtk_widget_set_visible (GTK_WIDGET (self->subtitle_label),
                          self->kind == CRM_CHART_REVENUE && currency != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "card.copy", data != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "card.export", data != NULL);
  if (self->show_table)
    fill_column_view (self);
}

CrmChartWidget *
crm_chart_card_get_chart (CrmChartCard *self)
{
  g_return_val_if_fail (CRM_IS_CHART_CARD (self), NULL);

  return self->chart;
}

/* ---- Copy and export ---------------------------------------------------------------------- */

gboolean
crm_chart_card_copy (CrmChartCard *self)
{
  const CrmChartTable *table;
  g_autofree char *text = NULL;

  g_return_val_if_fail (CRM_IS_CHART_CARD (self), FALSE);

  table = crm_chart_card_get_table (self);
  if (table == NULL)
    return FALSE;
  text = crm_chart_table_to_text (table);
  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self)), text);
  return TRUE;
}

gboolean
crm_chart_card_export (CrmChartCard *self, const char *path, GError **error)
{
  gboolean dark = adw_style_manager_get_dark (adw_style_manager_get_default ());

  g_return_val_if_fail (CRM_IS_CHART_CARD (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  return crm_chart_export (
      self->kind, self->data != NULL ? crm_dashboard_data_get_chart (self->data, self->kind) : NULL,
      crm_chart_palette_get (dark), CRM_CHART_CARD_EXPORT_WIDTH, CRM_CHART_CARD_EXPORT_HEIGHT, path,
      error);
}

static void
on_chooser_response (GtkNativeDialog *dialog, int response, CrmChartCard *self)
{
  g_autoptr (GFile) file = NULL;
  g_autofree char *path = NULL;
  g_autoptr (GError) error = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      path = file != NULL ? g_file_get_path (file) : NULL;
    }
  g_clear_object (&self->chooser);
  if (path == NULL)
    return;
  if (crm_chart_card_export (self, path, &error))
    {
      g_autofree char *name = g_file_get_basename (file);
      g_autofree char *text = g_strdup_printf (_ ("Saved “%s”"), name);

      show_toast (self, text);
    }
  else
    show_toast (self, error->message);
}

static void
on_export_activate (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  CrmChartCard *self = CRM_CHART_CARD (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autofree char *name = NULL;
  g_autoptr (GtkFileFilter) images = gtk_file_filter_new ();

  if (self->chooser != NULL)
    return;
  self->chooser = gtk_file_chooser_native_new (
      _ ("Export Chart"), GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
      GTK_FILE_CHOOSER_ACTION_SAVE, _ ("_Export"), _ ("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  name = g_strdup_printf ("%s.png", crm_dashboard_chart_get_name (self->kind));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);
  gtk_file_filter_set_name (images, _ ("PNG, SVG or PDF"));
  gtk_file_filter_add_suffix (images, "png");
  gtk_file_filter_add_suffix (images, "svg");
  gtk_file_filter_add_suffix (images, "pdf");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), images);
  g_signal_connect (self->chooser, "response", G_CALLBACK (on_chooser_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
on_copy_activate (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  CrmChartCard *self = CRM_CHART_CARD (widget);

  if (crm_chart_card_copy (self))
    show_toast (self, _ ("Copied the chart's data"));
}

/* ---- Building ------------------------------------------------------------------------------ */

static GtkWidget *
build_header (CrmChartCard *self)
{
  GtkWidget *header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *titles = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  g_autoptr (GMenu) menu = g_menu_new ();
  const char *title = crm_dashboard_chart_get_title (self->kind);
  g_autofree char *menu_label = g_strdup_printf (_ ("Menu of “%s”"), title);

  self->title_label = GTK_LABEL (gtk_label_new (title));
  gtk_label_set_xalign (self->title_label, 0);
  gtk_label_set_ellipsize (self->title_label, PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (GTK_WIDGET (self->title_label), "heading");
  gtk_box_append (GTK_BOX (titles), GTK_WIDGET (self->title_label));

  self->subtitle_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_add_css_class (GTK_WIDGET (self->subtitle_label), "dim-label");
  gtk_widget_add_css_class (GTK_WIDGET (self->subtitle_label), "caption");
  gtk_widget_set_visible (GTK_WIDGET (self->subtitle_label), FALSE);
  gtk_box_append (GTK_BOX (titles), GTK_WIDGET (self->subtitle_label));
  gtk_widget_set_hexpand (titles, TRUE);
  gtk_widget_set_valign (titles, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (header), titles);

  g_menu_append (menu, _ ("Show as _Table"), "card.show-table");
  g_menu_append (menu, _ ("_Copy Data"), "card.copy");
  g_menu_append (menu, _ ("_Export…"), "card.export");
  self->menu_button = GTK_MENU_BUTTON (gtk_menu_button_new ());
  gtk_menu_button_set_icon_name (self->menu_button, "view-more-symbolic");
  gtk_menu_button_set_menu_model (self->menu_button, G_MENU_MODEL (menu));
  gtk_widget_add_css_class (GTK_WIDGET (self->menu_button), "flat");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->menu_button), _ ("Chart Menu"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->menu_button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  menu_label, -1);
  gtk_box_append (GTK_BOX (header), GTK_WIDGET (self->menu_button));
  return header;
}

static GtkWidget *
build_table_page (CrmChartCard *self)
{
  GtkWidget *page = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *copy = gtk_button_new_with_mnemonic (_ ("_Copy"));
  g_autofree char *table_label
      = g_strdup_printf (_ ("Data of “%s”"), crm_dashboard_chart_get_title (self->kind));

  self->column_view = GTK_COLUMN_VIEW (gtk_column_view_new (NULL));
  gtk_column_view_set_show_column_separators (self->column_view, FALSE);
  gtk_widget_add_css_class (GTK_WIDGET (self->column_view), "data-table");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->column_view), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  table_label, -1);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), GTK_WIDGET (self->column_view));
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_AUTOMATIC,
                                  GTK_POLICY_AUTOMATIC);
  gtk_widget_set_vexpand (scroller, TRUE);
  gtk_box_append (GTK_BOX (page), scroller);

  gtk_actionable_set_action_name (GTK_ACTIONABLE (copy), "card.copy");
  gtk_widget_set_tooltip_text (copy, _ ("Copy the table as tab-separated text"));
  gtk_widget_set_halign (copy, GTK_ALIGN_END);
  gtk_box_append (GTK_BOX (page), copy);
  return page;
}

static void
crm_chart_card_dispose (GObject *object)
{
  CrmChartCard *self = CRM_CHART_CARD (object);
  GtkWidget *child;

  if (self->chooser != NULL)
    {
      gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
      g_clear_object (&self->chooser);
    }
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_pointer (&self->table, crm_chart_table_free);
  g_clear_pointer (&self->data, crm_dashboard_data_unref);
  G_OBJECT_CLASS (crm_chart_card_parent_class)->dispose (object);
}

static void
crm_chart_card_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  CrmChartCard *self = CRM_CHART_CARD (object);

  switch (prop_id)
    {
      case PROP_SHOW_TABLE:
        g_value_set_boolean (value, self->show_table);
        break;

      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
crm_chart_card_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  CrmChartCard *self = CRM_CHART_CARD (object);

  switch (prop_id)
    {
      case PROP_SHOW_TABLE:
        crm_chart_card_set_show_table (self, g_value_get_boolean (value));
        break;

      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
crm_chart_card_class_init (CrmChartCardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = crm_chart_card_dispose;
  object_class->get_property = crm_chart_card_get_property;
  object_class->set_property = crm_chart_card_set_property;

  properties[PROP_SHOW_TABLE]
      = g_param_spec_boolean ("show-table", NULL, NULL, FALSE,
                              G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_property_action (widget_class, "card.show-table", "show-table");
  gtk_widget_class_install_action (widget_class, "card.copy", NULL, on_copy_activate);
  gtk_widget_class_install_action (widget_class, "card.export", NULL, on_export_activate);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "chartcard");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
crm_chart_card_init (CrmChartCard *self)
{
  gtk_orientable_set_orientation (
      GTK_ORIENTABLE (gtk_widget_get_layout_manager (GTK_WIDGET (self))), GTK_ORIENTATION_VERTICAL);
  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (gtk_widget_get_layout_manager (GTK_WIDGET (self))),
                              6);
  gtk_widget_add_css_class (GTK_WIDGET (self), "card");
}

GtkWidget *
crm_chart_card_new (CrmChartKind kind)
{
  CrmChartCard *self;

  g_return_val_if_fail (kind < CRM_CHART_N_KINDS, NULL);

  self = g_object_new (CRM_TYPE_CHART_CARD, NULL);
  self->kind = kind;
  gtk_widget_set_parent (build_header (self), GTK_WIDGET (self));
  self->stack = GTK_STACK (gtk_stack_new ());
  self->chart = CRM_CHART_WIDGET (crm_chart_widget_new (kind));
  gtk_widget_set_vexpand (GTK_WIDGET (self->chart), TRUE);
  gtk_stack_add_named (self->stack, GTK_WIDGET (self->chart), "chart");
  gtk_stack_add_named (self->stack, build_table_page (self), "table");
  gtk_widget_set_parent (GTK_WIDGET (self->stack), GTK_WIDGET (self));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  crm_dashboard_chart_get_title (kind), -1);
  crm_chart_card_set_data (self, NULL);
  return GTK_WIDGET (self);
}

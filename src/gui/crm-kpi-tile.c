/* crm-kpi-tile.c — CrmKpiTile (see the header). Every label is plain text: reasons and
 * currency amounts are never markup. */
#include "config.h"

#include "crm-kpi-tile.h"

#include <glib/gi18n.h>

struct _CrmKpiTile
{
  GtkWidget parent_instance;

  CrmKpi kpi;
  GtkLabel *title_label;
  GtkLabel *value_label;
  GtkLabel *change_label;
  GtkLabel *detail_label;
};

G_DEFINE_FINAL_TYPE (CrmKpiTile, crm_kpi_tile, GTK_TYPE_WIDGET)

static GtkLabel *
add_label (CrmKpiTile *self, const char *css_class, const char *css_class2)
{
  GtkLabel *label = GTK_LABEL (gtk_label_new (NULL));

  gtk_label_set_xalign (label, 0);
  gtk_label_set_use_markup (label, FALSE);
  gtk_label_set_ellipsize (label, PANGO_ELLIPSIZE_END);
  /* The grid fits as many tiles in a row as their natural widths allow: keep them modest, the
   * tooltip has the whole text. */
  gtk_label_set_max_width_chars (label, 20);
  if (css_class != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (label), css_class);
  if (css_class2 != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (label), css_class2);
  gtk_widget_set_parent (GTK_WIDGET (label), GTK_WIDGET (self));
  return label;
}

void
crm_kpi_tile_set_figure (CrmKpiTile *self, const CrmDashboardFigure *figure)
{
  g_autofree char *change = NULL;
  g_autofree char *tooltip = NULL;
  g_autofree char *description = NULL;
  const char *arrow;

  g_return_if_fail (CRM_IS_KPI_TILE (self));

  gtk_widget_remove_css_class (GTK_WIDGET (self->change_label), "success");
  gtk_widget_remove_css_class (GTK_WIDGET (self->change_label), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (self->change_label), "dim-label");
  gtk_widget_remove_css_class (GTK_WIDGET (self), "unavailable");
  if (figure == NULL)
    {
      gtk_label_set_text (self->value_label, "…");
      gtk_label_set_text (self->change_label, "");
      gtk_label_set_text (self->detail_label, "");
      gtk_widget_set_tooltip_text (GTK_WIDGET (self), NULL);
      return;
    }

  gtk_label_set_text (self->value_label, figure->value);
  if (figure->change != NULL)
    {
      arrow = figure->direction > 0 ? "↑" : "↓";
      if (figure->direction == 0)
        change = g_strdup (figure->change);
      else
        /* Translators: the change of a KPI since the previous period, after an arrow, e.g.
         * "↑ +12% vs. previous". */
        change = g_strdup_printf (_ ("%s %s vs. previous"), arrow, figure->change);
      gtk_widget_add_css_class (GTK_WIDGET (self->change_label), figure->direction == 0
                                                                     ? "dim-label"
                                                                 : figure->better ? "success"
                                                                                  : "error");
    }
  else if (figure->available)
    {
      change = g_strdup (_ ("No previous figure"));
      gtk_widget_add_css_class (GTK_WIDGET (self->change_label), "dim-label");
    }
  else
    gtk_widget_add_css_class (GTK_WIDGET (self), "unavailable");
  gtk_label_set_text (self->change_label, change != NULL ? change : "");
  gtk_widget_set_visible (GTK_WIDGET (self->change_label), change != NULL);
  gtk_label_set_text (self->detail_label, figure->detail != NULL ? figure->detail : "");

  if (!figure->available)
    /* Translators: the tooltip of a KPI without a value: why. */
    tooltip = g_strdup_printf (_ ("Unavailable: %s"), figure->detail != NULL ? figure->detail : "");
  else if (figure->previous != NULL)
    tooltip = g_strdup_printf (_ ("%s\nPrevious period: %s"),
                               figure->detail != NULL ? figure->detail : figure->value,
                               figure->previous);
  else
    tooltip = g_strdup (figure->detail);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self), tooltip);

  description = g_strjoin (", ", figure->value, change != NULL ? change : "",
                           figure->detail != NULL ? figure->detail : "", NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  description, -1);
}

CrmKpi
crm_kpi_tile_get_kpi (CrmKpiTile *self)
{
  g_return_val_if_fail (CRM_IS_KPI_TILE (self), 0);

  return self->kpi;
}

const char *
crm_kpi_tile_get_value_text (CrmKpiTile *self)
{
  g_return_val_if_fail (CRM_IS_KPI_TILE (self), NULL);

  return gtk_label_get_text (self->value_label);
}

const char *
crm_kpi_tile_get_change_text (CrmKpiTile *self)
{
  g_return_val_if_fail (CRM_IS_KPI_TILE (self), NULL);

  return gtk_label_get_text (self->change_label);
}

const char *
crm_kpi_tile_get_detail_text (CrmKpiTile *self)
{
  g_return_val_if_fail (CRM_IS_KPI_TILE (self), NULL);

  return gtk_label_get_text (self->detail_label);
}

static void
crm_kpi_tile_dispose (GObject *object)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);
  G_OBJECT_CLASS (crm_kpi_tile_parent_class)->dispose (object);
}

static void
crm_kpi_tile_class_init (CrmKpiTileClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = crm_kpi_tile_dispose;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "kpitile");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
crm_kpi_tile_init (CrmKpiTile *self)
{
  GtkLayoutManager *layout = gtk_widget_get_layout_manager (GTK_WIDGET (self));

  gtk_orientable_set_orientation (GTK_ORIENTABLE (layout), GTK_ORIENTATION_VERTICAL);
  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (layout), 2);
  gtk_widget_add_css_class (GTK_WIDGET (self), "card");
  self->title_label = add_label (self, "caption-heading", "dim-label");
  self->value_label = add_label (self, "title-2", "numeric");
  self->change_label = add_label (self, "caption", NULL);
  self->detail_label = add_label (self, "caption", "dim-label");
  gtk_label_set_wrap (self->detail_label, TRUE);
  gtk_label_set_wrap_mode (self->detail_label, PANGO_WRAP_WORD_CHAR);
  gtk_label_set_lines (self->detail_label, 2);
  gtk_label_set_max_width_chars (self->detail_label, 24);
}

GtkWidget *
crm_kpi_tile_new (CrmKpi kpi)
{
  CrmKpiTile *self;

  g_return_val_if_fail (kpi < CRM_N_KPIS, NULL);

  self = g_object_new (CRM_TYPE_KPI_TILE, NULL);
  self->kpi = kpi;
  gtk_label_set_text (self->title_label, crm_kpi_get_label (kpi));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  crm_kpi_get_label (kpi), -1);
  crm_kpi_tile_set_figure (self, NULL);
  return GTK_WIDGET (self);
}

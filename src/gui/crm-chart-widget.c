/* crm-chart-widget.c — CrmChartWidget (see the header). One gtk_snapshot_append_cairo per frame;
 * hit tests run only for the pointer's position (the renderers lay the chart out again without
 * drawing, which is cheap).
 */
#include "config.h"

#include "crm-chart-widget.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <string.h>

#define MIN_WIDTH 280
#define NATURAL_WIDTH 480
#define MIN_HEIGHT 240

struct _CrmChartWidget
{
  GtkWidget parent_instance;

  CrmChartKind kind;
  CrmDashboardData *data;
  CrmChartHit hover; /* index -1: nothing under the pointer */
  char *tooltip;
};

G_DEFINE_FINAL_TYPE (CrmChartWidget, crm_chart_widget, GTK_TYPE_WIDGET)

enum
{
  ITEM_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static gconstpointer
chart_data (CrmChartWidget *self)
{
  return self->data != NULL ? crm_dashboard_data_get_chart (self->data, self->kind) : NULL;
}

static const CrmChartPalette *
current_palette (void)
{
  return crm_chart_palette_get (adw_style_manager_get_dark (adw_style_manager_get_default ()));
}

static void
crm_chart_widget_snapshot (GtkWidget *widget, GtkSnapshot *snapshot)
{
  CrmChartWidget *self = CRM_CHART_WIDGET (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  const CrmChartPalette *palette = current_palette ();
  cairo_t *cr;

  if (width <= 0 || height <= 0)
    return;
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  /* The item under the pointer, behind the marks. */
  if (self->hover.index >= 0)
    {
      const CrmChartRect *area = &self->hover.area;

      cairo_set_source_rgba (cr, palette->foreground.red, palette->foreground.green,
                             palette->foreground.blue, 0.07);
      cairo_rectangle (cr, area->x - 3, area->y - 3, area->width + 6, area->height + 6);
      cairo_fill (cr);
    }
  crm_chart_draw (self->kind, cr, width, height, palette, chart_data (self));
  cairo_destroy (cr);
}

static void
crm_chart_widget_measure (GtkWidget *widget,
                          GtkOrientation orientation,
                          int for_size,
                          int *minimum,
                          int *natural,
                          int *minimum_baseline,
                          int *natural_baseline)
{
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = MIN_WIDTH;
      *natural = NATURAL_WIDTH;
    }
  else
    {
      *minimum = MIN_HEIGHT;
      *natural = MIN_HEIGHT;
    }
}

static void
clear_hover (CrmChartWidget *self)
{
  gboolean had = self->hover.index >= 0;

  crm_chart_hit_clear (&self->hover);
  self->hover.index = -1;
  g_clear_pointer (&self->tooltip, g_free);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self), NULL);
  gtk_widget_set_cursor (GTK_WIDGET (self), NULL);
  if (had)
    gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* The funnel's stages and the lost reasons open the board with their deals. */
static gboolean
items_activate (CrmChartWidget *self)
{
  return self->kind == CRM_CHART_FUNNEL || self->kind == CRM_CHART_LOST_REASONS;
}

const char *
crm_chart_widget_hover (CrmChartWidget *self, double x, double y)
{
  g_auto (CrmChartHit) hit = { 0 };
  int width, height;

  g_return_val_if_fail (CRM_IS_CHART_WIDGET (self), NULL);

  width = gtk_widget_get_width (GTK_WIDGET (self));
  height = gtk_widget_get_height (GTK_WIDGET (self));
  if (chart_data (self) == NULL
      || !crm_chart_hit_test (self->kind, chart_data (self), width, height, x, y, &hit))
    {
      clear_hover (self);
      return NULL;
    }
  if (hit.index == self->hover.index && hit.series == self->hover.series && self->tooltip != NULL)
    return self->tooltip;

  crm_chart_hit_clear (&self->hover);
  self->hover = hit;
  /* The struct now owns the strings. */
  memset (&hit, 0, sizeof hit);
  g_free (self->tooltip);
  /* Translators: a chart's tooltip: an item's name and its exact value, e.g. "Mar 2024:
   * €12,500.00". */
  self->tooltip
      = g_strdup_printf (C_ ("chart tooltip", "%s: %s"), self->hover.label, self->hover.value);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self), self->tooltip);
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), items_activate (self) ? "pointer" : NULL);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  return self->tooltip;
}

gboolean
crm_chart_widget_activate_at (CrmChartWidget *self, double x, double y)
{
  g_auto (CrmChartHit) hit = { 0 };

  g_return_val_if_fail (CRM_IS_CHART_WIDGET (self), FALSE);

  if (chart_data (self) == NULL
      || !crm_chart_hit_test (self->kind, chart_data (self),
                              gtk_widget_get_width (GTK_WIDGET (self)),
                              gtk_widget_get_height (GTK_WIDGET (self)), x, y, &hit))
    return FALSE;
  g_signal_emit (self, signals[ITEM_ACTIVATED], 0, (guint) hit.index);
  return TRUE;
}

static void
on_motion (GtkEventControllerMotion *controller, double x, double y, CrmChartWidget *self)
{
  crm_chart_widget_hover (self, x, y);
}

static void
on_leave (GtkEventControllerMotion *controller, CrmChartWidget *self)
{
  clear_hover (self);
}

static void
on_released (GtkGestureClick *gesture, int n_press, double x, double y, CrmChartWidget *self)
{
  if (n_press == 1)
    crm_chart_widget_activate_at (self, x, y);
}

static void
on_dark_notify (CrmChartWidget *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
crm_chart_widget_set_data (CrmChartWidget *self, CrmDashboardData *data)
{
  g_return_if_fail (CRM_IS_CHART_WIDGET (self));

  if (data == self->data)
    return;
  if (data != NULL)
    crm_dashboard_data_ref (data);
  g_clear_pointer (&self->data, crm_dashboard_data_unref);
  self->data = data;
  clear_hover (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

CrmDashboardData *
crm_chart_widget_get_data (CrmChartWidget *self)
{
  g_return_val_if_fail (CRM_IS_CHART_WIDGET (self), NULL);

  return self->data;
}

CrmChartKind
crm_chart_widget_get_kind (CrmChartWidget *self)
{
  g_return_val_if_fail (CRM_IS_CHART_WIDGET (self), 0);

  return self->kind;
}

static void
crm_chart_widget_dispose (GObject *object)
{
  CrmChartWidget *self = CRM_CHART_WIDGET (object);

  g_clear_pointer (&self->data, crm_dashboard_data_unref);
  crm_chart_hit_clear (&self->hover);
  g_clear_pointer (&self->tooltip, g_free);
  G_OBJECT_CLASS (crm_chart_widget_parent_class)->dispose (object);
}

static void
crm_chart_widget_class_init (CrmChartWidgetClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = crm_chart_widget_dispose;
  widget_class->snapshot = crm_chart_widget_snapshot;
  widget_class->measure = crm_chart_widget_measure;

  /* ::item-activated (guint index): an item of the chart was clicked. */
  signals[ITEM_ACTIVATED]
      = g_signal_new ("item-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                      NULL, G_TYPE_NONE, 1, G_TYPE_UINT);

  gtk_widget_class_set_css_name (widget_class, "chart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
crm_chart_widget_init (CrmChartWidget *self)
{
  GtkEventController *motion = gtk_event_controller_motion_new ();
  GtkGesture *click = gtk_gesture_click_new ();

  self->hover.index = -1;
  g_signal_connect (motion, "motion", G_CALLBACK (on_motion), self);
  g_signal_connect (motion, "leave", G_CALLBACK (on_leave), self);
  gtk_widget_add_controller (GTK_WIDGET (self), motion);
  g_signal_connect (click, "released", G_CALLBACK (on_released), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (on_dark_notify), self, G_CONNECT_SWAPPED);
}

GtkWidget *
crm_chart_widget_new (CrmChartKind kind)
{
  CrmChartWidget *self;

  g_return_val_if_fail (kind < CRM_CHART_N_KINDS, NULL);

  self = g_object_new (CRM_TYPE_CHART_WIDGET, NULL);
  self->kind = kind;
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  crm_dashboard_chart_get_title (kind), -1);
  return GTK_WIDGET (self);
}

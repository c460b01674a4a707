/* crm-entity-picker.c — CrmEntityPicker: a popover of search matches under an AdwEntryRow.
 *
 * The popover never takes the keyboard focus (the user keeps typing in the row): it does not
 * hide itself on outside clicks, so the picker closes it when the row loses the focus, and
 * the row's key controller walks the list.
 */
#include "config.h"

#include "crm-entity-picker.h"

#include <glib/gi18n.h>

struct _CrmEntityPicker
{
  GObject parent_instance;

  AdwEntryRow *row; /* not owned: the owner detaches the picker before the row goes */
  CrmStore *store;
  CrmEntity entity;
  GtkWidget *popover;
  GtkListBox *list;
  GPtrArray *matches; /* CrmSearchHit */
  gint64 picked_id;
  char *picked_name;
  /* Set while the picker itself writes the row's text. */
  gboolean setting_text;
  gulong changed_handler;
  GtkEventController *keys;
  GtkEventController *focus;
};

G_DEFINE_FINAL_TYPE (CrmEntityPicker, crm_entity_picker, G_TYPE_OBJECT)

static void
popdown (CrmEntityPicker *self)
{
  if (self->popover != NULL)
    gtk_popover_popdown (GTK_POPOVER (self->popover));
}

gboolean
crm_entity_picker_get_popup_shown (CrmEntityPicker *self)
{
  g_return_val_if_fail (CRM_IS_ENTITY_PICKER (self), FALSE);

  return self->popover != NULL && gtk_widget_get_visible (self->popover);
}

/* ---- Matches ---------------------------------------------------------------------------- */

static GtkWidget *
new_match_row (const CrmSearchHit *hit)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *name = gtk_label_new (hit->title);
  GtkWidget *row = gtk_list_box_row_new ();
  g_autofree char *details = g_strstrip (g_strdup (hit->snippet != NULL ? hit->snippet : ""));

  /* Names and details are user text: plain labels (gtk_label_new never parses markup). */
  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
  gtk_box_append (GTK_BOX (box), name);
  if (details[0] != '\0')
    {
      GtkWidget *label = gtk_label_new (details);

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_widget_add_css_class (label, "caption");
      gtk_widget_add_css_class (label, "dim-label");
      gtk_box_append (GTK_BOX (box), label);
    }
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, hit->title,
                                  -1);
  return row;
}

static void
clear_list (CrmEntityPicker *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, child);
}

static void
update_matches (CrmEntityPicker *self)
{
  g_autoptr (GError) error = NULL;
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->row));

  g_clear_pointer (&self->matches, g_ptr_array_unref);
  clear_list (self);
  self->matches = crm_store_search_entity (self->store, self->entity, text,
                                           CRM_ENTITY_PICKER_MAX_MATCHES, &error);
  if (self->matches == NULL)
    {
      g_warning ("Cannot search: %s", error->message);
      popdown (self);
      return;
    }
  for (guint i = 0; i < self->matches->len; i++)
    gtk_list_box_append (self->list, new_match_row (self->matches->pdata[i]));

  /* Only while the user is in the row: not for text set by the program. */
  if (self->matches->len == 0
      || (!gtk_widget_has_focus (GTK_WIDGET (self->row))
          && gtk_widget_get_focus_child (GTK_WIDGET (self->row)) == NULL))
    popdown (self);
  else
    gtk_popover_popup (GTK_POPOVER (self->popover));
}

guint
crm_entity_picker_get_n_matches (CrmEntityPicker *self)
{
  g_return_val_if_fail (CRM_IS_ENTITY_PICKER (self), 0);

  return self->matches != NULL ? self->matches->len : 0;
}

const char *
crm_entity_picker_get_match_name (CrmEntityPicker *self, guint index)
{
  g_return_val_if_fail (CRM_IS_ENTITY_PICKER (self), NULL);
  g_return_val_if_fail (index < crm_entity_picker_get_n_matches (self), NULL);

  return ((CrmSearchHit *) self->matches->pdata[index])->title;
}

static void
set_row_text (CrmEntityPicker *self, const char *text)
{
  self->setting_text = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->row), text);
  gtk_editable_set_position (GTK_EDITABLE (self->row), -1);
  self->setting_text = FALSE;
}

void
crm_entity_picker_set (CrmEntityPicker *self, gint64 id, const char *name)
{
  g_return_if_fail (CRM_IS_ENTITY_PICKER (self));

  self->picked_id = id;
  g_free (self->picked_name);
  self->picked_name = g_strdup (name != NULL ? name : "");
  set_row_text (self, self->picked_name);
  popdown (self);
}

void
crm_entity_picker_pick (CrmEntityPicker *self, guint index)
{
  CrmSearchHit *hit;

  g_return_if_fail (CRM_IS_ENTITY_PICKER (self));
  g_return_if_fail (index < crm_entity_picker_get_n_matches (self));

  hit = self->matches->pdata[index];
  crm_entity_picker_set (self, hit->id, hit->title);
}

gint64
crm_entity_picker_get_id (CrmEntityPicker *self)
{
  g_return_val_if_fail (CRM_IS_ENTITY_PICKER (self), 0);

  if (self->picked_id == 0
      || g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->row)), self->picked_name) != 0)
    return 0;
  return self->picked_id;
}

/* ---- Input ------------------------------------------------------------------------------ */

static void
on_row_changed (CrmEntityPicker *self)
{
  if (!self->setting_text)
    update_matches (self);
}

static void
on_row_activated (GtkListBox *list, GtkListBoxRow *row, CrmEntityPicker *self)
{
  crm_entity_picker_pick (self, (guint) gtk_list_box_row_get_index (row));
}

static void
select_step (CrmEntityPicker *self, int step)
{
  GtkListBoxRow *selected = gtk_list_box_get_selected_row (self->list);
  int n = (int) crm_entity_picker_get_n_matches (self);
  int index
      = selected != NULL ? gtk_list_box_row_get_index (selected) + step : (step > 0 ? 0 : n - 1);

  if (n == 0)
    return;
  index = CLAMP (index, 0, n - 1);
  gtk_list_box_select_row (self->list, gtk_list_box_get_row_at_index (self->list, index));
}

static gboolean
on_key_pressed (GtkEventControllerKey *controller,
                guint keyval,
                guint keycode,
                GdkModifierType state,
                CrmEntityPicker *self)
{
  GtkListBoxRow *selected;

  if (!crm_entity_picker_get_popup_shown (self))
    {
      /* Down on a closed picker lists the matches for what is typed. */
      if (keyval == GDK_KEY_Down || keyval == GDK_KEY_KP_Down)
        {
          update_matches (self);
          return crm_entity_picker_get_popup_shown (self);
        }
      return FALSE;
    }
  switch (keyval)
    {
      case GDK_KEY_Down:
      case GDK_KEY_KP_Down:
        select_step (self, +1);
        return TRUE;
      case GDK_KEY_Up:
      case GDK_KEY_KP_Up:
        select_step (self, -1);
        return TRUE;
      case GDK_KEY_Escape:
        popdown (self);
        return TRUE;
      case GDK_KEY_Return:
      case GDK_KEY_KP_Enter:
      case GDK_KEY_ISO_Enter:
        selected = gtk_list_box_get_selected_row (self->list);
        if (selected == NULL)
          return FALSE;
        crm_entity_picker_pick (self, (guint) gtk_list_box_row_get_index (selected));
        return TRUE;
      default:
        return FALSE;
    }
}

static void
on_focus_leave (CrmEntityPicker *self)
{
  popdown (self);
}

/* ---- GObject ---------------------------------------------------------------------------- */

void
crm_entity_picker_detach (CrmEntityPicker *self)
{
  g_return_if_fail (CRM_IS_ENTITY_PICKER (self));

  if (self->row == NULL)
    return;
  g_clear_signal_handler (&self->changed_handler, self->row);
  gtk_widget_remove_controller (GTK_WIDGET (self->row), self->keys);
  gtk_widget_remove_controller (GTK_WIDGET (self->row), self->focus);
  self->keys = self->focus = NULL;
  if (self->popover != NULL)
    gtk_widget_unparent (self->popover);
  self->popover = NULL;
  self->row = NULL;
}

static void
crm_entity_picker_finalize (GObject *object)
{
  CrmEntityPicker *self = CRM_ENTITY_PICKER (object);

  g_warn_if_fail (self->row == NULL);
  g_clear_pointer (&self->matches, g_ptr_array_unref);
  g_clear_pointer (&self->picked_name, g_free);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (crm_entity_picker_parent_class)->finalize (object);
}

static void
crm_entity_picker_class_init (CrmEntityPickerClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = crm_entity_picker_finalize;
}

static void
crm_entity_picker_init (CrmEntityPicker *self)
{
}

CrmEntityPicker *
crm_entity_picker_new (AdwEntryRow *row, CrmStore *store, CrmEntity entity)
{
  CrmEntityPicker *self;
  GtkWidget *scroller;

  g_return_val_if_fail (ADW_IS_ENTRY_ROW (row), NULL);
  g_return_val_if_fail (CRM_IS_STORE (store), NULL);
  g_return_val_if_fail (entity == CRM_ENTITY_CONTACT || entity == CRM_ENTITY_COMPANY, NULL);

  self = g_object_new (CRM_TYPE_ENTITY_PICKER, NULL);
  self->row = row;
  self->store = g_object_ref (store);
  self->entity = entity;

  self->list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->list, GTK_SELECTION_SINGLE);
  gtk_list_box_set_activate_on_single_click (self->list, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->list), "navigation-sidebar");
  gtk_accessible_update_property (
      GTK_ACCESSIBLE (self->list), GTK_ACCESSIBLE_PROPERTY_LABEL,
      entity == CRM_ENTITY_CONTACT ? _ ("Matching contacts") : _ ("Matching companies"), -1);
  g_signal_connect (self->list, "row-activated", G_CALLBACK (on_row_activated), self);
  scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scroller), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scroller), 360);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), GTK_WIDGET (self->list));

  self->popover = gtk_popover_new ();
  gtk_popover_set_child (GTK_POPOVER (self->popover), scroller);
  gtk_popover_set_autohide (GTK_POPOVER (self->popover), FALSE);
  gtk_popover_set_has_arrow (GTK_POPOVER (self->popover), FALSE);
  gtk_popover_set_position (GTK_POPOVER (self->popover), GTK_POS_BOTTOM);
  gtk_widget_set_can_focus (self->popover, FALSE);
  gtk_widget_set_size_request (self->popover, 320, -1);
  gtk_widget_set_parent (self->popover, GTK_WIDGET (row));

  self->changed_handler
      = g_signal_connect_swapped (row, "changed", G_CALLBACK (on_row_changed), self);
  self->keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (self->keys, GTK_PHASE_CAPTURE);
  g_signal_connect (self->keys, "key-pressed", G_CALLBACK (on_key_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (row), self->keys);
  self->focus = gtk_event_controller_focus_new ();
  g_signal_connect_swapped (self->focus, "leave", G_CALLBACK (on_focus_leave), self);
  gtk_widget_add_controller (GTK_WIDGET (row), self->focus);
  return self;
}

/* crm-timeline-list.c — CrmTimelineList (see the header): a GtkListBox bound to the model, and
 * a Show More button under it that also stands for "near the end" while the list scrolls. */
#include "config.h"

#include "crm-timeline-list.h"

#include <glib/gi18n.h>

#include "crm-contact-actions.h"
#include "crm-date-format.h"

/* How close (in pixels) below the visible part the end of the list comes before the next page
 * is read. */
#define LOAD_AHEAD 400

struct _CrmTimelineList
{
  GtkWidget parent_instance;

  CrmUndoManager *undo_manager;
  CrmTimelineModel *model;
  gboolean show_contact;
  GBinding *more_binding;

  GtkWidget *box;
  GtkListBox *list;
  GtkWidget *more_button;
  GtkAdjustment *vadjustment;
  gulong value_handler;
  gulong changed_handler;
  guint load_source;
};

G_DEFINE_FINAL_TYPE (CrmTimelineList, crm_timeline_list, GTK_TYPE_WIDGET)

/* ---- Rows ------------------------------------------------------------------------------------ */

static const char *
icon_name_for (const CrmTimelineEntry *entry)
{
  if (entry->key.kind == CRM_TIMELINE_STAGE_CHANGE)
    return "go-next-symbolic";
  if (entry->key.kind == CRM_TIMELINE_FEEDBACK)
    return "starred-symbolic";
  switch ((CrmActivityKind) entry->subkind)
    {
      case CRM_ACTIVITY_CALL:
        return "call-start-symbolic";
      case CRM_ACTIVITY_EMAIL:
        return "mail-unread-symbolic";
      case CRM_ACTIVITY_MEETING:
        return "system-users-symbolic";
      case CRM_ACTIVITY_NOTE:
        return "document-edit-symbolic";
      case CRM_ACTIVITY_TASK:
        return "task-due-symbolic";
      case CRM_ACTIVITY_SUPPORT:
      default:
        return "help-faq-symbolic";
    }
}

static char *
entry_title (const CrmTimelineEntry *entry)
{
  const char *deal = entry->deal_title != NULL ? entry->deal_title : "";

  switch (entry->key.kind)
    {
      case CRM_TIMELINE_STAGE_CHANGE:
        if (entry->from_stage == NULL)
          /* Translators: a deal's creation on a timeline: the deal's title and its stage. */
          return g_strdup_printf (_ ("“%s” created in %s"), deal,
                                  entry->to_stage != NULL ? entry->to_stage : "");
        /* Translators: a deal's move on a timeline: the deal's title and two stages. */
        return g_strdup_printf (_ ("“%s” moved from %s to %s"), deal, entry->from_stage,
                                entry->to_stage != NULL ? entry->to_stage : "");
      case CRM_TIMELINE_FEEDBACK:
        if (entry->subkind == CRM_FEEDBACK_CSAT)
          /* Translators: a customer satisfaction answer, 1 to 5. */
          return g_strdup_printf (_ ("CSAT answer: %d of 5"), entry->score);
        /* Translators: a net promoter score answer, 0 to 10. */
        return g_strdup_printf (_ ("NPS answer: %d of 10"), entry->score);
      case CRM_TIMELINE_ACTIVITY:
      default:
        if (entry->text != NULL && entry->text[0] != '\0')
          return g_strdup (entry->text);
        return g_strdup (crm_activity_kind_get_label ((CrmActivityKind) entry->subkind));
    }
}

static void
add_part (GString *text, const char *part)
{
  if (part == NULL || part[0] == '\0')
    return;
  if (text->len > 0)
    /* Translators: what separates the parts of a line ("Call · Mar 3, 2024, 14:05"). */
    g_string_append (text, _ (" · "));
  g_string_append (text, part);
}

static char *
entry_subtitle (CrmTimelineList *self, const CrmTimelineEntry *entry)
{
  GString *text = g_string_new (NULL);
  g_autofree char *when = crm_date_format_day_time (entry->key.time);

  if (entry->key.kind == CRM_TIMELINE_ACTIVITY)
    {
      add_part (text, crm_activity_kind_get_label ((CrmActivityKind) entry->subkind));
      add_part (text, when);
      if (entry->due_at != 0 && !entry->done)
        {
          g_autofree char *due = crm_date_format_due (entry->due_at);
          g_autofree char *part = NULL;

          if (crm_date_is_overdue (entry->due_at, g_get_real_time () / G_USEC_PER_SEC))
            /* Translators: %s is a day and time. */
            part = g_strdup_printf (_ ("overdue since %s"), due);
          else
            /* Translators: %s is a day and time. */
            part = g_strdup_printf (_ ("due %s"), due);
          add_part (text, part);
        }
      else if (entry->done && entry->subkind == CRM_ACTIVITY_TASK)
        add_part (text, _ ("done"));
      else if (entry->done && entry->subkind == CRM_ACTIVITY_SUPPORT)
        add_part (text, _ ("resolved"));
      add_part (text, entry->deal_title);
    }
  else if (entry->key.kind == CRM_TIMELINE_FEEDBACK)
    {
      add_part (text, entry->text);
      add_part (text, when);
    }
  else
    add_part (text, when);
  if (self->show_contact)
    add_part (text, entry->contact_name);
  return g_string_free (text, FALSE);
}

static void
on_done_toggled (GtkCheckButton *button, CrmTimelineList *self)
{
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (button), "activity-id"));
  g_autoptr (GError) error = NULL;

  if (!crm_contact_actions_set_done (self->undo_manager, id, gtk_check_button_get_active (button),
                                     &error))
    {
      g_warning ("Cannot mark the task: %s", error->message);
      gtk_widget_error_bell (GTK_WIDGET (button));
    }
}

static GtkWidget *
create_row (gpointer item, gpointer user_data)
{
  CrmTimelineList *self = user_data;
  const CrmTimelineEntry *entry = crm_timeline_item_get_entry (item);
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *icon = gtk_image_new_from_icon_name (icon_name_for (entry));
  g_autofree char *title = entry_title (entry);
  g_autofree char *subtitle = entry_subtitle (self, entry);

  /* Subjects, names and comments are user text. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 3);
  gtk_widget_add_css_class (icon, "dim-label");
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);

  if (entry->key.kind == CRM_TIMELINE_ACTIVITY
      && (entry->subkind == CRM_ACTIVITY_TASK || entry->subkind == CRM_ACTIVITY_SUPPORT))
    {
      GtkWidget *check = gtk_check_button_new ();

      gtk_check_button_set_active (GTK_CHECK_BUTTON (check), entry->done);
      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      gtk_widget_set_tooltip_text (check, entry->subkind == CRM_ACTIVITY_TASK ? _ ("Done")
                                                                              : _ ("Resolved"));
      gtk_accessible_update_property (
          GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL,
          entry->subkind == CRM_ACTIVITY_TASK ? _ ("Done") : _ ("Resolved"), -1);
      g_object_set_data (G_OBJECT (check), "activity-id", GSIZE_TO_POINTER (entry->key.id));
      g_signal_connect_object (check, "toggled", G_CALLBACK (on_done_toggled), self, 0);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
    }
  return row;
}

/* ---- Reading on ------------------------------------------------------------------------------ */

static gboolean
near_end (CrmTimelineList *self)
{
  GtkWidget *scroller;
  double x = 0, y = 0;

  if (self->vadjustment == NULL || !gtk_widget_get_mapped (self->more_button))
    return FALSE;
  scroller = gtk_widget_get_ancestor (GTK_WIDGET (self), GTK_TYPE_SCROLLED_WINDOW);
  if (scroller == NULL
      || !gtk_widget_translate_coordinates (self->more_button, scroller, 0, 0, &x, &y))
    return FALSE;
  return y < gtk_adjustment_get_page_size (self->vadjustment) + LOAD_AHEAD;
}

static gboolean
on_load_idle (gpointer data)
{
  CrmTimelineList *self = data;

  self->load_source = 0;
  if (self->model != NULL && crm_timeline_model_get_has_more (self->model) && near_end (self))
    crm_timeline_model_load_more (self->model);
  return G_SOURCE_REMOVE;
}

/* Scrolled, or the list grew: after the layout, see whether the end is near. */
static void
on_scrolled (CrmTimelineList *self)
{
  if (self->load_source == 0 && self->model != NULL
      && crm_timeline_model_get_has_more (self->model))
    self->load_source = g_idle_add_full (G_PRIORITY_LOW, on_load_idle, self, NULL);
}

static void
on_more_clicked (CrmTimelineList *self)
{
  if (self->model != NULL)
    crm_timeline_model_load_more (self->model);
}

static void
watch_scroller (CrmTimelineList *self, GtkAdjustment *vadjustment)
{
  if (self->vadjustment != NULL)
    {
      g_clear_signal_handler (&self->value_handler, self->vadjustment);
      g_clear_signal_handler (&self->changed_handler, self->vadjustment);
    }
  g_set_object (&self->vadjustment, vadjustment);
  if (vadjustment == NULL)
    return;
  self->value_handler
      = g_signal_connect_swapped (vadjustment, "value-changed", G_CALLBACK (on_scrolled), self);
  self->changed_handler
      = g_signal_connect_swapped (vadjustment, "changed", G_CALLBACK (on_scrolled), self);
}

static void
crm_timeline_list_map (GtkWidget *widget)
{
  CrmTimelineList *self = CRM_TIMELINE_LIST (widget);
  GtkWidget *scroller = gtk_widget_get_ancestor (widget, GTK_TYPE_SCROLLED_WINDOW);

  GTK_WIDGET_CLASS (crm_timeline_list_parent_class)->map (widget);
  watch_scroller (self, scroller != NULL
                            ? gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller))
                            : NULL);
}

static void
crm_timeline_list_unmap (GtkWidget *widget)
{
  CrmTimelineList *self = CRM_TIMELINE_LIST (widget);

  watch_scroller (self, NULL);
  g_clear_handle_id (&self->load_source, g_source_remove);
  GTK_WIDGET_CLASS (crm_timeline_list_parent_class)->unmap (widget);
}

/* ---- Public API ------------------------------------------------------------------------------ */

void
crm_timeline_list_set_model (CrmTimelineList *self, CrmTimelineModel *model, gboolean show_contact)
{
  g_return_if_fail (CRM_IS_TIMELINE_LIST (self));
  g_return_if_fail (model == NULL || CRM_IS_TIMELINE_MODEL (model));

  g_clear_pointer (&self->more_binding, g_binding_unbind);
  self->show_contact = show_contact;
  g_set_object (&self->model, model);
  gtk_list_box_bind_model (self->list, G_LIST_MODEL (model), model != NULL ? create_row : NULL,
                           self, NULL);
  if (model != NULL)
    self->more_binding = g_object_bind_property (model, "has-more", self->more_button, "visible",
                                                 G_BINDING_SYNC_CREATE);
  else
    gtk_widget_set_visible (self->more_button, FALSE);
}

CrmTimelineModel *
crm_timeline_list_get_model (CrmTimelineList *self)
{
  g_return_val_if_fail (CRM_IS_TIMELINE_LIST (self), NULL);
  return self->model;
}

const char *
crm_timeline_list_get_row_title (CrmTimelineList *self, guint index)
{
  GtkListBoxRow *row;

  g_return_val_if_fail (CRM_IS_TIMELINE_LIST (self), NULL);

  row = gtk_list_box_get_row_at_index (self->list, (int) index);
  return ADW_IS_PREFERENCES_ROW (row) ? adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row))
                                      : NULL;
}

/* ---- GObject --------------------------------------------------------------------------------- */

static void
crm_timeline_list_dispose (GObject *object)
{
  CrmTimelineList *self = CRM_TIMELINE_LIST (object);

  g_clear_handle_id (&self->load_source, g_source_remove);
  watch_scroller (self, NULL);
  g_clear_pointer (&self->more_binding, g_binding_unbind);
  if (self->list != NULL)
    gtk_list_box_bind_model (self->list, NULL, NULL, NULL, NULL);
  g_clear_pointer (&self->box, gtk_widget_unparent);
  g_clear_object (&self->model);
  g_clear_object (&self->undo_manager);
  G_OBJECT_CLASS (crm_timeline_list_parent_class)->dispose (object);
}

static void
crm_timeline_list_class_init (CrmTimelineListClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = crm_timeline_list_dispose;
  widget_class->map = crm_timeline_list_map;
  widget_class->unmap = crm_timeline_list_unmap;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "timelinelist");
}

static void
crm_timeline_list_init (CrmTimelineList *self)
{
  GtkWidget *placeholder = gtk_label_new (_ ("Nothing logged yet"));

  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));

  self->list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->list, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (self->list), "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _ ("Timeline"), -1);
  gtk_widget_add_css_class (placeholder, "dim-label");
  gtk_widget_set_margin_top (placeholder, 12);
  gtk_widget_set_margin_bottom (placeholder, 12);
  gtk_list_box_set_placeholder (self->list, placeholder);
  gtk_box_append (GTK_BOX (self->box), GTK_WIDGET (self->list));

  self->more_button = gtk_button_new_with_mnemonic (_ ("Show _More"));
  gtk_widget_set_halign (self->more_button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (self->more_button, "pill");
  gtk_widget_set_visible (self->more_button, FALSE);
  g_signal_connect_swapped (self->more_button, "clicked", G_CALLBACK (on_more_clicked), self);
  gtk_box_append (GTK_BOX (self->box), self->more_button);
}

GtkWidget *
crm_timeline_list_new (CrmUndoManager *undo_manager)
{
  CrmTimelineList *self;

  g_return_val_if_fail (CRM_IS_UNDO_MANAGER (undo_manager), NULL);

  self = g_object_new (CRM_TYPE_TIMELINE_LIST, NULL);
  self->undo_manager = g_object_ref (undo_manager);
  return GTK_WIDGET (self);
}

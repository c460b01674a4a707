/* crm-contact-detail-fields.c — what both pages of CrmContactDetail are made of: the edited
 * fields (saved when applied or left; left alone while the user types and the store changes),
 * the builders of the page, its groups and rows, and the rows of deals.
 */
#include "config.h"

#include "crm-contact-detail-private.h"

#include <glib/gi18n.h>

#include "crm-board-money.h"
#include "crm-deal-editor.h"

/* ---- Fields --------------------------------------------------------------------------------- */

static char *
text_view_dup_text (GtkTextView *view)
{
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (gtk_text_view_get_buffer (view), &start, &end);
  return gtk_text_iter_get_text (&start, &end);
}

char *
detail_field_dup_text (DetailField *field)
{
  switch (field->kind)
    {
      case FIELD_ENTRY:
        return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (field->widget))));
      case FIELD_TEXT:
        return g_strstrip (text_view_dup_text (GTK_TEXT_VIEW (field->widget)));
      case FIELD_INFO:
        return g_strdup (adw_action_row_get_subtitle (ADW_ACTION_ROW (field->widget)));
      case FIELD_COMBO:
      default:
        {
          GObject *item = adw_combo_row_get_selected_item (ADW_COMBO_ROW (field->widget));

          return g_strdup (GTK_IS_STRING_OBJECT (item)
                               ? gtk_string_object_get_string (GTK_STRING_OBJECT (item))
                               : "");
        }
    }
}

/* The user is not changing it: what it shows is what was read. */
gboolean
detail_field_is_pristine (DetailField *field)
{
  g_autofree char *text = NULL;

  if (field->kind == FIELD_COMBO)
    return adw_combo_row_get_selected (ADW_COMBO_ROW (field->widget)) == field->loaded_index;
  if (field->kind == FIELD_INFO)
    return TRUE;
  text = detail_field_dup_text (field);
  return g_strcmp0 (text, field->loaded != NULL ? field->loaded : "") == 0;
}

/* AdwEntryRow shows its apply button from the first key typed until applied; a field saved
 * by leaving it hides the button too. */
static void
reset_apply_button (DetailField *field)
{
  if (field->kind != FIELD_ENTRY)
    return;
  adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (field->widget), FALSE);
  adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (field->widget), TRUE);
}

void
detail_field_set_text (DetailField *field, const char *text, gboolean force)
{
  const char *shown = text != NULL ? text : "";

  if (!force && !detail_field_is_pristine (field))
    return;
  field->filling = TRUE;
  switch (field->kind)
    {
      case FIELD_ENTRY:
        if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (field->widget)), shown) != 0)
          gtk_editable_set_text (GTK_EDITABLE (field->widget), shown);
        reset_apply_button (field);
        gtk_widget_remove_css_class (field->widget, "error");
        break;
      case FIELD_TEXT:
        {
          g_autofree char *now = text_view_dup_text (GTK_TEXT_VIEW (field->widget));

          if (g_strcmp0 (now, shown) != 0)
            gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (field->widget)),
                                      shown, -1);
        }
        break;
      case FIELD_INFO:
        adw_action_row_set_subtitle (ADW_ACTION_ROW (field->widget), shown);
        gtk_widget_set_visible (field->widget, shown[0] != '\0');
        break;
      case FIELD_COMBO:
      default:
        g_warn_if_reached ();
        break;
    }
  g_free (field->loaded);
  field->loaded = g_strstrip (g_strdup (shown));
  field->filling = FALSE;
}

void
detail_field_set_index (DetailField *field, guint index, gboolean force)
{
  g_return_if_fail (field->kind == FIELD_COMBO);

  if (!force && !detail_field_is_pristine (field))
    return;
  field->filling = TRUE;
  adw_combo_row_set_selected (ADW_COMBO_ROW (field->widget), index);
  field->loaded_index = index;
  field->filling = FALSE;
}

const char *
detail_field_get_shown_text (DetailField *field)
{
  switch (field->kind)
    {
      case FIELD_ENTRY:
        return gtk_editable_get_text (GTK_EDITABLE (field->widget));
      case FIELD_INFO:
        return gtk_widget_get_visible (field->widget)
                   ? adw_action_row_get_subtitle (ADW_ACTION_ROW (field->widget))
                   : NULL;
      case FIELD_COMBO:
        {
          GObject *item = adw_combo_row_get_selected_item (ADW_COMBO_ROW (field->widget));

          return GTK_IS_STRING_OBJECT (item)
                     ? gtk_string_object_get_string (GTK_STRING_OBJECT (item))
                     : NULL;
        }
      case FIELD_TEXT:
      default:
        return field->loaded;
    }
}

static GtkLabel *
problem_label_of (CrmContactDetail *self, DetailField *field)
{
  if (field >= self->company.fields && field < self->company.fields + N_COMPANY_FIELDS)
    return self->company.problem;
  return self->contact.problem;
}

gboolean
detail_field_commit (DetailField *field)
{
  CrmContactDetail *self = field->self;
  g_autoptr (GError) error = NULL;

  if (self->disposed || self->shown_id == 0 || field->filling || field->save == NULL)
    return TRUE;
  if (detail_field_is_pristine (field))
    {
      gtk_widget_remove_css_class (field->widget, "error");
      return TRUE;
    }
  if (!field->save (self, field, &error))
    {
      detail_show_problem (self, problem_label_of (self, field), field, error->message);
      return FALSE;
    }
  /* Saved: what it shows is what is stored now. */
  g_free (field->loaded);
  field->loaded = field->kind != FIELD_COMBO ? detail_field_dup_text (field) : NULL;
  field->loaded_index
      = field->kind == FIELD_COMBO ? adw_combo_row_get_selected (ADW_COMBO_ROW (field->widget)) : 0;
  reset_apply_button (field);
  detail_show_problem (self, problem_label_of (self, field), field, NULL);
  return TRUE;
}

void
detail_show_problem (CrmContactDetail *self, GtkLabel *label, DetailField *field, const char *text)
{
  if (field != NULL && field->kind != FIELD_INFO)
    {
      if (text != NULL)
        gtk_widget_add_css_class (field->widget, "error");
      else
        gtk_widget_remove_css_class (field->widget, "error");
    }
  g_free (self->problem);
  self->problem = g_strdup (text);
  gtk_label_set_text (label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (label), text != NULL);
}

static void
on_entry_apply (DetailField *field)
{
  detail_field_commit (field);
}

static void
on_focus_leave (GtkEventControllerFocus *controller, DetailField *field)
{
  detail_field_commit (field);
}

static void
on_combo_selected (DetailField *field)
{
  if (!field->filling)
    detail_field_commit (field);
}

void
detail_field_init (CrmContactDetail *self,
                   DetailField *field,
                   const char *id,
                   FieldKind kind,
                   GtkWidget *widget,
                   gsize offset,
                   DetailSaveFunc save)
{
  field->self = self;
  field->id = id;
  field->kind = kind;
  field->widget = widget;
  field->offset = offset;
  field->save = save;
  field->loaded = g_strdup ("");
  if (kind == FIELD_ENTRY)
    {
      adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (widget), TRUE);
      g_signal_connect_swapped (widget, "apply", G_CALLBACK (on_entry_apply), field);
    }
  if (kind == FIELD_ENTRY || kind == FIELD_TEXT)
    {
      GtkEventController *focus = gtk_event_controller_focus_new ();

      g_signal_connect (focus, "leave", G_CALLBACK (on_focus_leave), field);
      gtk_widget_add_controller (widget, focus);
    }
  if (kind == FIELD_COMBO)
    g_signal_connect_swapped (widget, "notify::selected", G_CALLBACK (on_combo_selected), field);
}

void
detail_field_clear (DetailField *field)
{
  g_clear_pointer (&field->loaded, g_free);
}

/* ---- Builders ------------------------------------------------------------------------------- */

static void
on_back_clicked (CrmContactDetail *self)
{
  crm_contact_detail_go_back (self);
}

GtkWidget *
detail_page_new (CrmContactDetail *self, DetailHeader *header, GtkLabel **problem, GtkWidget **box)
{
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *clamp = adw_clamp_new ();
  GtkWidget *head = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *back_content;

  *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 24);
  gtk_widget_set_margin_top (*box, 12);
  gtk_widget_set_margin_bottom (*box, 24);
  gtk_widget_set_margin_start (*box, 12);
  gtk_widget_set_margin_end (*box, 12);

  /* Says where it goes (the page may sit under the list's own back button). */
  header->back_button = gtk_button_new ();
  back_content = adw_button_content_new ();
  adw_button_content_set_icon_name (ADW_BUTTON_CONTENT (back_content), "go-previous-symbolic");
  adw_button_content_set_use_underline (ADW_BUTTON_CONTENT (back_content), FALSE);
  gtk_button_set_child (GTK_BUTTON (header->back_button), back_content);
  gtk_widget_set_halign (header->back_button, GTK_ALIGN_START);
  gtk_widget_add_css_class (header->back_button, "flat");
  gtk_widget_set_visible (header->back_button, FALSE);
  g_signal_connect_swapped (header->back_button, "clicked", G_CALLBACK (on_back_clicked), self);
  gtk_box_append (GTK_BOX (head), header->back_button);

  /* Names are user text: plain labels. */
  header->title = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (header->title, 0);
  gtk_label_set_wrap (header->title, TRUE);
  gtk_label_set_wrap_mode (header->title, PANGO_WRAP_WORD_CHAR);
  gtk_widget_add_css_class (GTK_WIDGET (header->title), "title-1");
  gtk_box_append (GTK_BOX (head), GTK_WIDGET (header->title));

  header->subtitle = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (header->subtitle, 0);
  gtk_label_set_wrap (header->subtitle, TRUE);
  gtk_label_set_wrap_mode (header->subtitle, PANGO_WRAP_WORD_CHAR);
  gtk_widget_add_css_class (GTK_WIDGET (header->subtitle), "dim-label");
  gtk_box_append (GTK_BOX (head), GTK_WIDGET (header->subtitle));

  header->buttons = gtk_flow_box_new ();
  gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (header->buttons), GTK_SELECTION_NONE);
  gtk_flow_box_set_homogeneous (GTK_FLOW_BOX (header->buttons), FALSE);
  gtk_flow_box_set_column_spacing (GTK_FLOW_BOX (header->buttons), 6);
  gtk_flow_box_set_row_spacing (GTK_FLOW_BOX (header->buttons), 6);
  gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (header->buttons), 4);
  gtk_widget_set_margin_top (header->buttons, 6);
  gtk_box_append (GTK_BOX (head), header->buttons);
  gtk_box_append (GTK_BOX (*box), head);

  *problem = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (*problem, TRUE);
  gtk_label_set_xalign (*problem, 0);
  gtk_widget_add_css_class (GTK_WIDGET (*problem), "error");
  gtk_widget_set_visible (GTK_WIDGET (*problem), FALSE);
  gtk_box_append (GTK_BOX (*box), GTK_WIDGET (*problem));

  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 720);
  adw_clamp_set_child (ADW_CLAMP (clamp), *box);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), clamp);
  gtk_widget_set_vexpand (scroller, TRUE);
  return scroller;
}

AdwPreferencesGroup *
detail_group_new (GtkWidget *box, const char *title)
{
  GtkWidget *group = adw_preferences_group_new ();

  if (title != NULL)
    adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  gtk_box_append (GTK_BOX (box), group);
  return ADW_PREFERENCES_GROUP (group);
}

AdwEntryRow *
detail_entry_row_new (AdwPreferencesGroup *group, const char *title, GtkInputPurpose purpose)
{
  AdwEntryRow *row = ADW_ENTRY_ROW (adw_entry_row_new ());

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_entry_row_set_input_purpose (row, purpose);
  adw_preferences_group_add (group, GTK_WIDGET (row));
  return row;
}

AdwActionRow *
detail_info_row_new (AdwPreferencesGroup *group, const char *title)
{
  AdwActionRow *row = ADW_ACTION_ROW (adw_action_row_new ());

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  /* The subtitle may be user text. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  gtk_widget_add_css_class (GTK_WIDGET (row), "property");
  adw_preferences_group_add (group, GTK_WIDGET (row));
  return row;
}

GtkTextView *
detail_notes_new (AdwPreferencesGroup *group)
{
  GtkWidget *frame = gtk_frame_new (NULL);
  GtkTextView *view = GTK_TEXT_VIEW (gtk_text_view_new ());

  gtk_text_view_set_wrap_mode (view, GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_top_margin (view, 8);
  gtk_text_view_set_bottom_margin (view, 8);
  gtk_text_view_set_left_margin (view, 8);
  gtk_text_view_set_right_margin (view, 8);
  gtk_widget_set_size_request (GTK_WIDGET (view), -1, 80);
  gtk_accessible_update_property (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_PROPERTY_LABEL, _ ("Notes"),
                                  -1);
  gtk_frame_set_child (GTK_FRAME (frame), GTK_WIDGET (view));
  adw_preferences_group_add (group, frame);
  return view;
}

GtkListBox *
detail_list_new (AdwPreferencesGroup *group, const char *placeholder)
{
  GtkListBox *list = GTK_LIST_BOX (gtk_list_box_new ());
  GtkWidget *empty = gtk_label_new (placeholder);

  gtk_list_box_set_selection_mode (list, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (list), "boxed-list");
  gtk_widget_add_css_class (empty, "dim-label");
  gtk_widget_set_margin_top (empty, 12);
  gtk_widget_set_margin_bottom (empty, 12);
  gtk_list_box_set_placeholder (list, empty);
  adw_preferences_group_add (group, GTK_WIDGET (list));
  return list;
}

void
detail_list_clear (GtkListBox *list)
{
  GtkWidget *row;

  while ((row = GTK_WIDGET (gtk_list_box_get_row_at_index (list, 0))) != NULL)
    gtk_list_box_remove (list, row);
}

AdwActionRow *
detail_list_add_row (GtkListBox *list, const char *title, const char *subtitle)
{
  AdwActionRow *row = ADW_ACTION_ROW (adw_action_row_new ());

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title != NULL ? title : "");
  if (subtitle != NULL && subtitle[0] != '\0')
    adw_action_row_set_subtitle (row, subtitle);
  gtk_list_box_append (list, GTK_WIDGET (row));
  return row;
}

/* ---- Deals ---------------------------------------------------------------------------------- */

static void
on_deal_activated (AdwActionRow *row, CrmContactDetail *self)
{
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (row), "deal-id"));
  g_autoptr (GError) error = NULL;
  g_autoptr (CrmDeal) deal
      = crm_repository_get_object (self->repository, CRM_ENTITY_DEAL, id, &error);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  CrmDealEditor *editor;

  if (deal == NULL)
    {
      g_warning ("Cannot open deal %" G_GINT64_FORMAT ": %s", id, error->message);
      return;
    }
  editor = crm_deal_editor_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, self->repository,
                                self->undo_manager, 0, deal);
  gtk_window_present (GTK_WINDOW (editor));
}

void
detail_fill_deals (CrmContactDetail *self, GtkListBox *list, GPtrArray *deals)
{
  CrmStore *store = crm_contact_detail_get_store (self);

  detail_list_clear (list);
  for (guint i = 0; deals != NULL && i < deals->len; i++)
    {
      CrmDealRecord *deal = deals->pdata[i];
      g_autoptr (CrmStageRecord) stage = crm_store_get_stage (store, deal->stage_id, NULL);
      g_autofree char *value = crm_money_format (deal->value_minor, deal->currency);
      /* Translators: under a deal's title: its stage and value. */
      g_autofree char *subtitle
          = g_strdup_printf (_ ("%s · %s"), stage != NULL ? stage->name : "", value);
      AdwActionRow *row = detail_list_add_row (list, deal->title, subtitle);
      GtkWidget *arrow = gtk_image_new_from_icon_name ("go-next-symbolic");

      adw_action_row_add_suffix (row, arrow);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      g_object_set_data (G_OBJECT (row), "deal-id", GSIZE_TO_POINTER (deal->id));
      g_signal_connect_object (row, "activated", G_CALLBACK (on_deal_activated), self, 0);
    }
}

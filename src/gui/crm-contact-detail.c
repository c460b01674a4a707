/* crm-contact-detail.c — CrmContactDetail: a stack of the contact page, the company page and
 * an empty state; going from one to another with Back; following the store; the edited
 * fields (save when applied or left, leave what the user is typing alone when the store
 * changes) and the builders both pages use. The pages themselves are in
 * crm-contact-detail-contact.c and crm-contact-detail-company.c.
 *
 * Every text from the database goes into plain labels and rows with markup off.
 */
#include "config.h"

#include "crm-contact-detail-private.h"

#include <glib/gi18n.h>

#include "crm-activity-editor.h"
#include "crm-board-money.h"
#include "crm-deal-editor.h"
#include "crm-feedback-editor.h"

typedef struct
{
  CrmEntity entity;
  gint64 id;
} HistoryEntry;

G_DEFINE_FINAL_TYPE (CrmContactDetail, crm_contact_detail, GTK_TYPE_WIDGET)

CrmStore *
crm_contact_detail_get_store (CrmContactDetail *self)
{
  return crm_repository_get_store (self->repository);
}

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
static gboolean
field_is_pristine (DetailField *field)
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

  if (!force && !field_is_pristine (field))
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

  if (!force && !field_is_pristine (field))
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
  if (field_is_pristine (field))
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

/* ---- What is shown ------------------------------------------------------------------------ */

/* The name of what Back shows, or NULL. */
static char *
back_name (CrmContactDetail *self)
{
  CrmStore *store = crm_contact_detail_get_store (self);
  HistoryEntry *back;

  if (self->history->len == 0)
    return NULL;
  back = &g_array_index (self->history, HistoryEntry, self->history->len - 1);
  if (back->entity == CRM_ENTITY_COMPANY)
    {
      g_autoptr (CrmCompanyRecord) company = crm_store_get_company (store, back->id, NULL);

      return company != NULL ? g_strdup (company->name) : NULL;
    }
  {
    g_autoptr (CrmContactRecord) contact = crm_store_get_contact (store, back->id, NULL);

    return contact != NULL ? g_strdup (contact->name) : NULL;
  }
}

static void
update_back_buttons (CrmContactDetail *self)
{
  g_autofree char *name = back_name (self);
  GtkWidget *buttons[] = { self->contact.header.back_button, self->company.header.back_button };
  /* Translators: the tooltip of the button that goes back; %s is a contact or company. */
  g_autofree char *tooltip = name != NULL ? g_strdup_printf (_ ("Back to “%s”"), name) : NULL;

  for (guint i = 0; i < G_N_ELEMENTS (buttons); i++)
    {
      if (buttons[i] == NULL) /* a page not built yet */
        continue;
      gtk_widget_set_visible (buttons[i], name != NULL);
      if (name == NULL)
        continue;
      adw_button_content_set_label (
          ADW_BUTTON_CONTENT (gtk_button_get_child (GTK_BUTTON (buttons[i]))), name);
      gtk_widget_set_tooltip_text (buttons[i], tooltip);
    }
}

/* Saves what the user left in the fields of the page shown, before another is shown. */
static void
commit_all (CrmContactDetail *self)
{
  if (self->shown_id == 0)
    return;
  if (self->shown_entity == CRM_ENTITY_CONTACT)
    for (guint i = 0; i < N_CONTACT_FIELDS; i++)
      detail_field_commit (&self->contact.fields[i]);
  else
    for (guint i = 0; i < N_COMPANY_FIELDS; i++)
      detail_field_commit (&self->company.fields[i]);
}

/* The pages are built when first needed: a window that opens on another page does not pay
 * for their rows in its first frame. */
static void
ensure_page (CrmContactDetail *self, CrmEntity entity)
{
  if (entity == CRM_ENTITY_CONTACT && self->contact.page == NULL)
    gtk_stack_add_named (self->stack, detail_contact_page_build (self), "contact");
  else if (entity == CRM_ENTITY_COMPANY && self->company.page == NULL)
    gtk_stack_add_named (self->stack, detail_company_page_build (self), "company");
}

static gboolean
show (CrmContactDetail *self, CrmEntity entity, gint64 id)
{
  gboolean found;

  if (self->shown_id != 0 && (self->shown_entity != entity || self->shown_id != id))
    commit_all (self);
  if (id != 0)
    ensure_page (self, entity);
  self->shown_entity = entity;
  self->shown_id = id;
  g_clear_pointer (&self->problem, g_free);
  if (self->contact.problem != NULL)
    gtk_widget_set_visible (GTK_WIDGET (self->contact.problem), FALSE);
  if (self->company.problem != NULL)
    gtk_widget_set_visible (GTK_WIDGET (self->company.problem), FALSE);
  if (id == 0)
    found = FALSE;
  else if (entity == CRM_ENTITY_CONTACT)
    found = detail_contact_page_fill (self, TRUE);
  else
    found = detail_company_page_fill (self, TRUE);
  if (!found)
    {
      self->shown_id = 0;
      gtk_stack_set_visible_child_name (self->stack, "none");
      return id == 0;
    }
  gtk_stack_set_visible_child_name (self->stack,
                                    entity == CRM_ENTITY_CONTACT ? "contact" : "company");
  update_back_buttons (self);
  return TRUE;
}

gboolean
crm_contact_detail_show_contact (CrmContactDetail *self, gint64 id)
{
  g_return_val_if_fail (CRM_IS_CONTACT_DETAIL (self), FALSE);

  g_array_set_size (self->history, 0);
  return show (self, CRM_ENTITY_CONTACT, id);
}

gboolean
crm_contact_detail_show_company (CrmContactDetail *self, gint64 id)
{
  g_return_val_if_fail (CRM_IS_CONTACT_DETAIL (self), FALSE);

  g_array_set_size (self->history, 0);
  return show (self, CRM_ENTITY_COMPANY, id);
}

void
crm_contact_detail_open (CrmContactDetail *self, CrmEntity entity, gint64 id)
{
  HistoryEntry here = { self->shown_entity, self->shown_id };

  if (self->shown_id != 0)
    g_array_append_val (self->history, here);
  if (!show (self, entity, id) && self->history->len > 0)
    crm_contact_detail_go_back (self);
}

gboolean
crm_contact_detail_go_back (CrmContactDetail *self)
{
  HistoryEntry back;

  g_return_val_if_fail (CRM_IS_CONTACT_DETAIL (self), FALSE);

  if (self->history->len == 0)
    return FALSE;
  back = g_array_index (self->history, HistoryEntry, self->history->len - 1);
  g_array_set_size (self->history, self->history->len - 1);
  return show (self, back.entity, back.id);
}

gint64
crm_contact_detail_get_shown (CrmContactDetail *self, CrmEntity *entity)
{
  g_return_val_if_fail (CRM_IS_CONTACT_DETAIL (self), 0);

  if (entity != NULL)
    *entity = self->shown_entity;
  return self->shown_id;
}

/* ---- Following the store -------------------------------------------------------------------- */

static gboolean
on_refresh_idle (gpointer data)
{
  CrmContactDetail *self = data;

  self->refresh_source = 0;
  if (self->shown_id == 0)
    return G_SOURCE_REMOVE;
  if (!(self->shown_entity == CRM_ENTITY_CONTACT ? detail_contact_page_fill (self, FALSE)
                                                 : detail_company_page_fill (self, FALSE)))
    show (self, self->shown_entity, 0);
  return G_SOURCE_REMOVE;
}

static void
schedule_refresh (CrmContactDetail *self)
{
  if (self->refresh_source == 0)
    self->refresh_source = g_idle_add_full (G_PRIORITY_HIGH_IDLE, on_refresh_idle, self, NULL);
}

/* Whether a change to another row may change what the page shows. */
static gboolean
change_is_shown (CrmContactDetail *self, CrmEntity entity, gint64 id)
{
  gboolean contact_page = self->shown_entity == CRM_ENTITY_CONTACT;

  switch (entity)
    {
      case CRM_ENTITY_CONTACT: /* the company's people */
        return !contact_page;
      case CRM_ENTITY_COMPANY: /* the contact's company */
        return contact_page && id == self->contact.company_id;
      case CRM_ENTITY_DEAL:
      case CRM_ENTITY_STAGE:
        return TRUE;
      case CRM_ENTITY_ACTIVITY: /* the lead score counts them */
      case CRM_ENTITY_FEEDBACK:
      case CRM_ENTITY_TAG:
      case CRM_ENTITY_LEAD_SOURCE:
        return contact_page;
      default:
        return FALSE;
    }
}

static void
on_store_changed (CrmStore *store,
                  guint entity,
                  guint action,
                  gint64 id,
                  gpointer old_record,
                  CrmContactDetail *self)
{
  if (self->shown_id == 0)
    return;
  /* The row shown: at once (the fields the user is typing in stay as they are). */
  if (entity == self->shown_entity && id == self->shown_id && action != CRM_CHANGE_RESET)
    {
      g_clear_handle_id (&self->refresh_source, g_source_remove);
      on_refresh_idle (self);
      return;
    }
  /* Anything else it shows (deals, answers, activities in the score, tags, names): once idle. */
  if (action == CRM_CHANGE_RESET || change_is_shown (self, entity, id))
    schedule_refresh (self);
}

/* ---- Public API ----------------------------------------------------------------------------- */

void
crm_contact_detail_set_score_rules (CrmContactDetail *self, const CrmScoreRules *rules)
{
  g_return_if_fail (CRM_IS_CONTACT_DETAIL (self));
  g_return_if_fail (rules != NULL);

  self->rules = *rules;
  if (self->shown_id != 0)
    schedule_refresh (self);
}

static DetailField *
find_field (CrmContactDetail *self, const char *row)
{
  DetailField *fields;
  guint n;

  if (self->shown_entity == CRM_ENTITY_COMPANY)
    fields = self->company.fields, n = N_COMPANY_FIELDS;
  else
    fields = self->contact.fields, n = N_CONTACT_FIELDS;
  for (guint i = 0; i < n; i++)
    if (g_strcmp0 (fields[i].id, row) == 0)
      return &fields[i];
  return NULL;
}

const char *
crm_contact_detail_get_text (CrmContactDetail *self, const char *row)
{
  DetailField *field;
  const char *text;

  g_return_val_if_fail (CRM_IS_CONTACT_DETAIL (self), NULL);
  g_return_val_if_fail (row != NULL, NULL);

  if (self->shown_id == 0)
    return NULL;
  field = find_field (self, row);
  if (field == NULL)
    return NULL;
  text = detail_field_get_shown_text (field);
  return text != NULL && text[0] != '\0' ? text : NULL;
}

GtkWidget *
crm_contact_detail_get_field_widget (CrmContactDetail *self, const char *row)
{
  DetailField *field;

  g_return_val_if_fail (CRM_IS_CONTACT_DETAIL (self), NULL);

  field = find_field (self, row);
  return field != NULL && field->kind != FIELD_INFO ? field->widget : NULL;
}

gboolean
crm_contact_detail_commit (CrmContactDetail *self, const char *row)
{
  DetailField *field;

  g_return_val_if_fail (CRM_IS_CONTACT_DETAIL (self), FALSE);

  field = find_field (self, row);
  return field != NULL && detail_field_commit (field);
}

const char *
crm_contact_detail_get_problem (CrmContactDetail *self)
{
  g_return_val_if_fail (CRM_IS_CONTACT_DETAIL (self), NULL);

  return self->problem;
}

CrmTimelineList *
crm_contact_detail_get_timeline (CrmContactDetail *self)
{
  g_return_val_if_fail (CRM_IS_CONTACT_DETAIL (self), NULL);

  return self->shown_entity == CRM_ENTITY_COMPANY ? self->company.timeline : self->contact.timeline;
}

static GtkWindow *
parent_window (CrmContactDetail *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

GtkWindow *
crm_contact_detail_log_activity (CrmContactDetail *self)
{
  CrmActivityEditor *editor;

  g_return_val_if_fail (CRM_IS_CONTACT_DETAIL (self), NULL);

  if (self->shown_id == 0 || self->shown_entity != CRM_ENTITY_CONTACT)
    return NULL;
  editor = crm_activity_editor_new (parent_window (self), self->undo_manager, self->shown_id, 0);
  crm_activity_editor_set_score_rules (editor, &self->rules);
  gtk_window_present (GTK_WINDOW (editor));
  return GTK_WINDOW (editor);
}

GtkWindow *
crm_contact_detail_add_answer (CrmContactDetail *self)
{
  CrmFeedbackEditor *editor;

  g_return_val_if_fail (CRM_IS_CONTACT_DETAIL (self), NULL);

  if (self->shown_id == 0 || self->shown_entity != CRM_ENTITY_CONTACT)
    return NULL;
  editor = crm_feedback_editor_new (parent_window (self), self->undo_manager, self->shown_id);
  gtk_window_present (GTK_WINDOW (editor));
  return GTK_WINDOW (editor);
}

/* ---- Keyboard ------------------------------------------------------------------------------- */

static void
on_log_activity_activate (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  crm_contact_detail_log_activity (CRM_CONTACT_DETAIL (widget));
}

static void
on_add_answer_activate (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  crm_contact_detail_add_answer (CRM_CONTACT_DETAIL (widget));
}

static void
on_back_activate (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  crm_contact_detail_go_back (CRM_CONTACT_DETAIL (widget));
}

/* The field (of the page shown) that @widget is in, if any. */
static DetailField *
field_holding (CrmContactDetail *self, GtkWidget *widget)
{
  DetailField *fields
      = self->shown_entity == CRM_ENTITY_COMPANY ? self->company.fields : self->contact.fields;
  guint n = self->shown_entity == CRM_ENTITY_COMPANY ? N_COMPANY_FIELDS : N_CONTACT_FIELDS;

  for (guint i = 0; widget != NULL && i < n; i++)
    if (fields[i].widget != NULL
        && (widget == fields[i].widget || gtk_widget_is_ancestor (widget, fields[i].widget)))
      return &fields[i];
  return NULL;
}

/* Ctrl+Z: in a field with an edit not yet saved, the field's own undo of the typing; anywhere
 * else in the pane (also in a field just saved), the undo of the last saved step. */
static gboolean
on_key_pressed (GtkEventControllerKey *controller,
                guint keyval,
                guint keycode,
                GdkModifierType state,
                CrmContactDetail *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  DetailField *field;
  g_autoptr (GError) error = NULL;

  if ((keyval != GDK_KEY_z && keyval != GDK_KEY_Z)
      || (state & (GDK_CONTROL_MASK | GDK_SHIFT_MASK | GDK_ALT_MASK)) != GDK_CONTROL_MASK)
    return FALSE;
  field = field_holding (self, focus);
  if (field != NULL && !field_is_pristine (field))
    return FALSE;
  if (gtk_widget_activate_action (GTK_WIDGET (self), "win.undo", NULL))
    return TRUE;
  if (!crm_undo_manager_undo (self->undo_manager, &error))
    gtk_widget_error_bell (GTK_WIDGET (self));
  return TRUE;
}

/* ---- GObject -------------------------------------------------------------------------------- */

static void
crm_contact_detail_dispose (GObject *object)
{
  CrmContactDetail *self = CRM_CONTACT_DETAIL (object);
  GtkWidget *child;

  self->disposed = TRUE;
  g_clear_handle_id (&self->refresh_source, g_source_remove);
  if (self->repository != NULL)
    g_clear_signal_handler (&self->store_handler, crm_contact_detail_get_store (self));
  detail_contact_page_dispose (self);
  detail_company_page_dispose (self);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  for (guint i = 0; i < N_CONTACT_FIELDS; i++)
    detail_field_clear (&self->contact.fields[i]);
  for (guint i = 0; i < N_COMPANY_FIELDS; i++)
    detail_field_clear (&self->company.fields[i]);
  g_clear_pointer (&self->history, g_array_unref);
  g_clear_pointer (&self->problem, g_free);
  g_clear_object (&self->undo_manager);
  g_clear_object (&self->repository);
  G_OBJECT_CLASS (crm_contact_detail_parent_class)->dispose (object);
}

static void
crm_contact_detail_class_init (CrmContactDetailClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = crm_contact_detail_dispose;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "contactdetail");
  gtk_widget_class_install_action (widget_class, "contact.log-activity", NULL,
                                   on_log_activity_activate);
  gtk_widget_class_install_action (widget_class, "contact.add-answer", NULL,
                                   on_add_answer_activate);
  gtk_widget_class_install_action (widget_class, "contact.back", NULL, on_back_activate);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_l, GDK_CONTROL_MASK,
                                       "contact.log-activity", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "contact.back",
                                       NULL);
}

static void
crm_contact_detail_init (CrmContactDetail *self)
{
  GtkEventController *keys = gtk_event_controller_key_new ();

  self->history = g_array_new (FALSE, FALSE, sizeof (HistoryEntry));
  self->shown_entity = CRM_ENTITY_CONTACT;
  crm_score_rules_init (&self->rules);
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_key_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);
}

GtkWidget *
crm_contact_detail_new (CrmRepository *repository, CrmUndoManager *undo_manager)
{
  CrmContactDetail *self;
  GtkWidget *none = adw_status_page_new ();

  g_return_val_if_fail (CRM_IS_REPOSITORY (repository), NULL);
  g_return_val_if_fail (CRM_IS_UNDO_MANAGER (undo_manager), NULL);

  self = g_object_new (CRM_TYPE_CONTACT_DETAIL, NULL);
  self->repository = g_object_ref (repository);
  self->undo_manager = g_object_ref (undo_manager);

  self->stack = GTK_STACK (gtk_stack_new ());
  adw_status_page_set_icon_name (ADW_STATUS_PAGE (none), "crm-contacts-symbolic");
  adw_status_page_set_title (ADW_STATUS_PAGE (none), _ ("No Contact Selected"));
  adw_status_page_set_description (ADW_STATUS_PAGE (none),
                                   _ ("Choose a contact in the list to see the details."));
  gtk_stack_add_named (self->stack, none, "none");
  gtk_stack_set_visible_child_name (self->stack, "none");
  gtk_widget_set_parent (GTK_WIDGET (self->stack), GTK_WIDGET (self));

  self->store_handler = g_signal_connect (crm_contact_detail_get_store (self), "changed",
                                          G_CALLBACK (on_store_changed), self);
  return GTK_WIDGET (self);
}

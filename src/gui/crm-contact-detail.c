/* crm-contact-detail.c — CrmContactDetail: a stack of the contact page, the company page and
 * an empty state; going from one to another with Back; following the store; the public API
 * and the keyboard. The edited fields and the builders both pages use are in
 * crm-contact-detail-fields.c, the pages in crm-contact-detail-contact.c and
 * crm-contact-detail-company.c.
 *
 * Every text from the database goes into plain labels and rows with markup off.
 */
#include "config.h"

#include "crm-contact-detail-private.h"

#include <glib/gi18n.h>

#include "crm-activity-editor.h"
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

  /* Disabled, Alt+Left goes on to the leaflet (back to the list in a narrow window). */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "contact.back", name != NULL);

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

/* The scoring rules follow Preferences: the shown score and its reasons are those of the rules
 * in force. */
static void
on_settings_changed (GSettings *settings, const char *key, CrmContactDetail *self)
{
  CrmScoreRules rules;

  if (key != NULL && !g_strv_contains (crm_score_rules_get_keys (), key))
    return;
  crm_score_rules_load (settings, &rules);
  crm_contact_detail_set_score_rules (self, &rules);
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
  if (field != NULL && !detail_field_is_pristine (field))
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
  g_clear_object (&self->settings);
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
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "contact.back", FALSE);
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
  self->settings = g_settings_new (APPLICATION_ID);
  crm_score_rules_load (self->settings, &self->rules);
  g_signal_connect_object (self->settings, "changed", G_CALLBACK (on_settings_changed), self, 0);

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

/* crm-contact-detail-contact.c — the contact page of CrmContactDetail: the header with Send
 * E-mail, Call and Log Activity; the details, qualification and BANT rows (each saved as one
 * undoable step); tags as removable chips with an entry that adds (and makes) tags; the lead
 * score line by line; the deals, feedback answers, notes and the timeline.
 */
#include "config.h"

#include "crm-contact-detail-private.h"

#include <glib/gi18n.h>
#include <string.h>

#include "crm-contact-actions.h"
#include "crm-date-format.h"
#include "crm-timeline-model.h"

#define CONTACT_MEMBER(member) G_STRUCT_OFFSET (CrmContactRecord, member)

/* ---- Saving --------------------------------------------------------------------------------- */

static gboolean
refuse (GError **error, const char *message)
{
  g_set_error_literal (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID, message);
  return FALSE;
}

static gboolean
looks_like_email (const char *text)
{
  const char *at = strchr (text, '@');

  return at != NULL && at != text && at[1] != '\0' && strchr (at + 1, '@') == NULL
         && strpbrk (text, " \t<>,;\"") == NULL;
}

/* The name of the undoable step that changes @field of contact @name. */
static char *
step_label (CrmContactDetail *self, DetailField *field, const char *name)
{
  /* Translators: the names of undoable steps; %s is a contact's name. */
  switch (field - self->contact.fields)
    {
      case CONTACT_NAME:
        return g_strdup_printf (_ ("Renamed “%s”"), name);
      case CONTACT_EMAIL:
        return g_strdup_printf (_ ("Changed the e-mail of “%s”"), name);
      case CONTACT_PHONE:
        return g_strdup_printf (_ ("Changed the phone of “%s”"), name);
      case CONTACT_JOB_TITLE:
        return g_strdup_printf (_ ("Changed the job title of “%s”"), name);
      case CONTACT_COMPANY:
        return g_strdup_printf (_ ("Changed the company of “%s”"), name);
      case CONTACT_OWNER:
        return g_strdup_printf (_ ("Changed the owner of “%s”"), name);
      case CONTACT_COUNTRY:
        return g_strdup_printf (_ ("Changed the country of “%s”"), name);
      case CONTACT_LIFECYCLE:
        return g_strdup_printf (_ ("Changed the lifecycle stage of “%s”"), name);
      case CONTACT_SOURCE:
        return g_strdup_printf (_ ("Changed the source of “%s”"), name);
      case CONTACT_NOTES:
        return g_strdup_printf (_ ("Changed the notes of “%s”"), name);
      default:
        return g_strdup_printf (_ ("Changed the qualification of “%s”"), name);
    }
}

/* Writes @contact as one step named after @field, with the name it had. */
static gboolean
write_contact (CrmContactDetail *self,
               DetailField *field,
               CrmContactRecord *contact,
               const char *old_name,
               GError **error)
{
  g_autofree char *label = step_label (self, field, old_name);

  return crm_contact_actions_update_contact (self->undo_manager, &self->rules, contact, label,
                                             error);
}

static gboolean
save_text (CrmContactDetail *self, DetailField *field, GError **error)
{
  g_autofree char *text = detail_field_dup_text (field);
  g_autoptr (CrmContactRecord) contact = NULL;
  g_autofree char *old_name = NULL;
  char **member;

  if (field == &self->contact.fields[CONTACT_NAME] && text[0] == '\0')
    return refuse (error, _ ("A contact needs a name"));
  if (field == &self->contact.fields[CONTACT_EMAIL] && text[0] != '\0' && !looks_like_email (text))
    return refuse (error, _ ("That does not look like an e-mail address"));
  contact = crm_store_get_contact (crm_contact_detail_get_store (self), self->shown_id, error);
  if (contact == NULL)
    return FALSE;
  old_name = g_strdup (contact->name);
  member = G_STRUCT_MEMBER_P (contact, field->offset);
  g_free (*member);
  *member = text[0] != '\0' ? g_steal_pointer (&text) : NULL;
  return write_contact (self, field, contact, old_name, error);
}

/* Lifecycle stage and BANT answers: the item's index is the enum's value. */
static gboolean
save_enum (CrmContactDetail *self, DetailField *field, GError **error)
{
  g_autoptr (CrmContactRecord) contact
      = crm_store_get_contact (crm_contact_detail_get_store (self), self->shown_id, error);
  g_autofree char *old_name = NULL;

  if (contact == NULL)
    return FALSE;
  old_name = g_strdup (contact->name);
  G_STRUCT_MEMBER (int, contact, field->offset)
      = (int) adw_combo_row_get_selected (ADW_COMBO_ROW (field->widget));
  return write_contact (self, field, contact, old_name, error);
}

static gboolean
save_source (CrmContactDetail *self, DetailField *field, GError **error)
{
  guint selected = adw_combo_row_get_selected (ADW_COMBO_ROW (field->widget));
  g_autoptr (CrmContactRecord) contact
      = crm_store_get_contact (crm_contact_detail_get_store (self), self->shown_id, error);
  g_autofree char *old_name = NULL;

  if (contact == NULL)
    return FALSE;
  old_name = g_strdup (contact->name);
  contact->source_id = selected < self->contact.source_ids->len
                           ? g_array_index (self->contact.source_ids, gint64, selected)
                           : 0;
  return write_contact (self, field, contact, old_name, error);
}

static gboolean
save_company (CrmContactDetail *self, DetailField *field, GError **error)
{
  g_autofree char *text = detail_field_dup_text (field);
  g_autoptr (CrmContactRecord) contact = NULL;
  g_autofree char *old_name = NULL;
  gint64 company_id = 0;

  if (text[0] != '\0')
    {
      company_id = crm_entity_picker_get_id (self->contact.company_picker);
      if (company_id == 0)
        {
          g_autofree char *message = g_strdup_printf (
              _ ("There is no company named “%s”: choose one from the list"), text);

          return refuse (error, message);
        }
    }
  contact = crm_store_get_contact (crm_contact_detail_get_store (self), self->shown_id, error);
  if (contact == NULL)
    return FALSE;
  old_name = g_strdup (contact->name);
  contact->company_id = company_id;
  return write_contact (self, field, contact, old_name, error);
}

/* A company picked from the list is saved at once. */
static void
on_company_changed (CrmContactDetail *self)
{
  DetailField *field = &self->contact.fields[CONTACT_COMPANY];
  gint64 picked = crm_entity_picker_get_id (self->contact.company_picker);

  if (!field->filling && picked != 0 && picked != self->contact.company_id)
    detail_field_commit (field);
}

static void
on_open_company_clicked (CrmContactDetail *self)
{
  if (self->contact.company_id != 0)
    crm_contact_detail_open (self, CRM_ENTITY_COMPANY, self->contact.company_id);
}

/* ---- Tags ----------------------------------------------------------------------------------- */

gboolean
crm_contact_detail_add_tag (CrmContactDetail *self, const char *name, GError **error)
{
  g_return_val_if_fail (CRM_IS_CONTACT_DETAIL (self), FALSE);

  if (self->shown_id == 0 || self->shown_entity != CRM_ENTITY_CONTACT)
    return refuse (error, _ ("No contact is shown"));
  return crm_contact_actions_add_tag (self->undo_manager, self->shown_id, name, error);
}

gboolean
crm_contact_detail_remove_tag (CrmContactDetail *self, gint64 tag_id, GError **error)
{
  g_return_val_if_fail (CRM_IS_CONTACT_DETAIL (self), FALSE);

  if (self->shown_id == 0 || self->shown_entity != CRM_ENTITY_CONTACT)
    return refuse (error, _ ("No contact is shown"));
  return crm_contact_actions_remove_tag (self->undo_manager, self->shown_id, tag_id, error);
}

static void
on_add_tag_apply (CrmContactDetail *self)
{
  g_autoptr (GError) error = NULL;
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->contact.add_tag_row));

  if (!crm_contact_detail_add_tag (self, text, &error))
    {
      detail_show_problem (self, self->contact.problem, NULL, error->message);
      return;
    }
  detail_show_problem (self, self->contact.problem, NULL, NULL);
  gtk_editable_set_text (GTK_EDITABLE (self->contact.add_tag_row), "");
  /* Emptied for the next tag: nothing to apply. */
  adw_entry_row_set_show_apply_button (self->contact.add_tag_row, FALSE);
  adw_entry_row_set_show_apply_button (self->contact.add_tag_row, TRUE);
}

static void
on_remove_tag_clicked (GtkButton *button, CrmContactDetail *self)
{
  gint64 tag_id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (button), "tag-id"));
  g_autoptr (GError) error = NULL;

  if (!crm_contact_detail_remove_tag (self, tag_id, &error))
    detail_show_problem (self, self->contact.problem, NULL, error->message);
}

static GtkWidget *
new_tag_chip (CrmContactDetail *self, const CrmTagRecord *tag)
{
  GtkWidget *chip = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 2);
  GtkWidget *label = gtk_label_new (tag->name);
  GtkWidget *remove = gtk_button_new_from_icon_name ("window-close-symbolic");
  /* Translators: a button's name for screen readers; %s is a tag. */
  g_autofree char *remove_name = g_strdup_printf (_ ("Remove the tag “%s”"), tag->name);

  gtk_widget_add_css_class (chip, "crm-tag");
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 32);
  gtk_widget_set_margin_start (label, 8);
  gtk_box_append (GTK_BOX (chip), label);
  gtk_widget_add_css_class (remove, "flat");
  gtk_widget_add_css_class (remove, "circular");
  gtk_widget_set_tooltip_text (remove, remove_name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  remove_name, -1);
  g_object_set_data (G_OBJECT (remove), "tag-id", GSIZE_TO_POINTER (tag->id));
  g_signal_connect_object (remove, "clicked", G_CALLBACK (on_remove_tag_clicked), self, 0);
  gtk_box_append (GTK_BOX (chip), remove);
  return chip;
}

static void
fill_tags (CrmContactDetail *self)
{
  CrmStore *store = crm_contact_detail_get_store (self);
  g_autoptr (GArray) tag_ids = crm_store_list_contact_tag_ids (store, self->shown_id, NULL);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->contact.tags))) != NULL)
    gtk_flow_box_remove (self->contact.tags, child);
  for (guint i = 0; tag_ids != NULL && i < tag_ids->len; i++)
    {
      g_autoptr (CrmTagRecord) tag
          = crm_store_get_tag (store, g_array_index (tag_ids, gint64, i), NULL);

      if (tag != NULL)
        gtk_flow_box_append (self->contact.tags, new_tag_chip (self, tag));
    }
  gtk_widget_set_visible (GTK_WIDGET (self->contact.tags), tag_ids != NULL && tag_ids->len > 0);
}

/* ---- The lead score, deals and answers ------------------------------------------------------ */

static void
fill_score (CrmContactDetail *self)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CrmScoreExplanation) explanation
      = crm_lead_score_explain (crm_contact_detail_get_store (self), &self->rules, self->shown_id,
                                g_get_real_time () / G_USEC_PER_SEC, &error);
  GtkListBox *list = self->contact.score_list;
  g_autofree char *score = NULL;
  GtkListBoxRow *row;

  /* The first row, the total, stays; the reasons after it are made anew. */
  while ((row = gtk_list_box_get_row_at_index (list, 1)) != NULL)
    gtk_list_box_remove (list, GTK_WIDGET (row));
  if (explanation == NULL)
    {
      detail_field_set_text (&self->contact.fields[CONTACT_SCORE], error->message, TRUE);
      return;
    }
  /* Translators: a lead score, out of 100. */
  score = g_strdup_printf (_ ("%d of 100"), explanation->score);
  detail_field_set_text (&self->contact.fields[CONTACT_SCORE], score, TRUE);
  for (guint i = 0; i < explanation->reasons->len; i++)
    {
      CrmScoreReason *reason = explanation->reasons->pdata[i];
      /* A real minus sign, as in "−10". */
      g_autofree char *points = reason->points > 0 ? g_strdup_printf ("+%d", reason->points)
                                                   : g_strdup_printf ("−%d", -reason->points);
      AdwActionRow *line = detail_list_add_row (list, reason->reason, NULL);
      GtkWidget *label = gtk_label_new (points);

      gtk_widget_add_css_class (label, "numeric");
      gtk_widget_add_css_class (label, reason->points > 0 ? "success" : "error");
      adw_action_row_add_suffix (line, label);
    }
}

static void
fill_feedback (CrmContactDetail *self)
{
  g_autoptr (GPtrArray) answers = crm_store_list_feedback_for_contact (
      crm_contact_detail_get_store (self), self->shown_id, NULL);

  detail_list_clear (self->contact.feedback_list);
  for (guint i = 0; answers != NULL && i < answers->len; i++)
    {
      CrmFeedbackRecord *answer = answers->pdata[i];
      g_autofree char *title = answer->kind == CRM_FEEDBACK_CSAT
                                   /* Translators: a customer satisfaction answer, 1 to 5. */
                                   ? g_strdup_printf (_ ("CSAT: %d of 5"), answer->score)
                                   /* Translators: a net promoter score answer, 0 to 10. */
                                   : g_strdup_printf (_ ("NPS: %d of 10"), answer->score);
      g_autofree char *day = crm_date_format_day (answer->answered_at);
      g_autofree char *subtitle
          = answer->comment != NULL && answer->comment[0] != '\0'
                /* Translators: under a feedback answer: its day and the comment given. */
                ? g_strdup_printf (_ ("%s · %s"), day != NULL ? day : "", answer->comment)
                : g_strdup (day);

      detail_list_add_row (self->contact.feedback_list, title, subtitle);
    }
}

/* ---- Filling -------------------------------------------------------------------------------- */

static void
fill_sources (CrmContactDetail *self)
{
  g_autoptr (GPtrArray) sources
      = crm_store_list_lead_sources (crm_contact_detail_get_store (self), NULL);
  g_autoptr (GtkStringList) names = gtk_string_list_new (NULL);
  DetailField *field = &self->contact.fields[CONTACT_SOURCE];
  gint64 none = 0;

  g_array_set_size (self->contact.source_ids, 0);
  gtk_string_list_append (names, _ ("None"));
  g_array_append_val (self->contact.source_ids, none);
  for (guint i = 0; sources != NULL && i < sources->len; i++)
    {
      CrmLeadSourceRecord *source = sources->pdata[i];

      gtk_string_list_append (names, source->name);
      g_array_append_val (self->contact.source_ids, source->id);
    }
  field->filling = TRUE;
  adw_combo_row_set_model (ADW_COMBO_ROW (field->widget), G_LIST_MODEL (names));
  field->filling = FALSE;
}

static guint
source_index (CrmContactDetail *self, gint64 source_id)
{
  for (guint i = 0; i < self->contact.source_ids->len; i++)
    if (g_array_index (self->contact.source_ids, gint64, i) == source_id)
      return i;
  return 0;
}

/* The button that opens the company, at the end of the company row while there is one (a
 * hidden suffix would still take the room of one). */
static void
show_open_company (CrmContactDetail *self, gboolean shown)
{
  GtkWidget *button = self->contact.open_company_button;
  AdwEntryRow *row = ADW_ENTRY_ROW (self->contact.fields[CONTACT_COMPANY].widget);

  if (shown == (gtk_widget_get_parent (button) != NULL))
    return;
  if (shown)
    adw_entry_row_add_suffix (row, button);
  else
    adw_entry_row_remove (row, button);
}

/* Returns the company's name (empty for none). */
static char *
fill_company (CrmContactDetail *self, const CrmContactRecord *contact, gboolean force)
{
  DetailField *field = &self->contact.fields[CONTACT_COMPANY];
  g_autoptr (CrmCompanyRecord) company
      = contact->company_id != 0
            ? crm_store_get_company (crm_contact_detail_get_store (self), contact->company_id, NULL)
            : NULL;
  g_autofree char *shown = detail_field_dup_text (field);
  const char *name = company != NULL ? company->name : "";

  self->contact.company_id = company != NULL ? company->id : 0;
  show_open_company (self, company != NULL);
  if (force || g_strcmp0 (shown, field->loaded) == 0)
    {
      field->filling = TRUE;
      crm_entity_picker_set (self->contact.company_picker, self->contact.company_id, name);
      field->filling = FALSE;
      detail_field_set_text (field, name, TRUE);
    }
  return g_strdup (name);
}

static void
fill_header (CrmContactDetail *self, const CrmContactRecord *contact, const char *company)
{
  DetailHeader *header = &self->contact.header;
  gboolean has_title = contact->title != NULL && contact->title[0] != '\0';
  gboolean has_company = company[0] != '\0';
  g_autofree char *subtitle = NULL;

  gtk_label_set_text (header->title, contact->name != NULL ? contact->name : "");
  if (has_title && has_company)
    /* Translators: a job title at a company, under a contact's name. */
    subtitle = g_strdup_printf (_ ("%s at %s"), contact->title, company);
  else
    subtitle = g_strdup (has_title ? contact->title : company);
  gtk_label_set_text (header->subtitle, subtitle);
  gtk_widget_set_visible (GTK_WIDGET (header->subtitle), subtitle[0] != '\0');
  gtk_widget_set_sensitive (self->contact.email_button,
                            contact->email != NULL && contact->email[0] != '\0');
  gtk_widget_set_sensitive (self->contact.call_button,
                            contact->phone != NULL && contact->phone[0] != '\0');
}

gboolean
detail_contact_page_fill (CrmContactDetail *self, gboolean force)
{
  CrmStore *store = crm_contact_detail_get_store (self);
  g_autoptr (CrmContactRecord) contact = crm_store_get_contact (store, self->shown_id, NULL);
  DetailField *fields = self->contact.fields;
  g_autofree char *captured = NULL;
  g_autofree char *last_contacted = NULL;
  g_autofree char *company = NULL;
  g_autoptr (GPtrArray) deals = NULL;

  if (contact == NULL)
    return FALSE;
  if (force)
    fill_sources (self);
  for (guint i = 0; i < N_CONTACT_FIELDS; i++)
    {
      DetailField *field = &fields[i];

      if (field->offset == G_MAXSIZE)
        continue;
      if (field->kind == FIELD_COMBO)
        detail_field_set_index (field, (guint) G_STRUCT_MEMBER (int, contact, field->offset),
                                force);
      else
        detail_field_set_text (field, G_STRUCT_MEMBER (char *, contact, field->offset), force);
    }
  company = fill_company (self, contact, force);
  detail_field_set_index (&fields[CONTACT_SOURCE], source_index (self, contact->source_id), force);
  captured = crm_date_format_day (contact->captured_at);
  last_contacted = crm_date_format_day (contact->last_contacted_at);
  detail_field_set_text (&fields[CONTACT_CAPTURED], captured, TRUE);
  detail_field_set_text (&fields[CONTACT_LAST_CONTACTED],
                         last_contacted != NULL ? last_contacted : _ ("Never"), TRUE);
  fill_header (self, contact, company);
  if (force)
    {
      g_autoptr (CrmTimelineModel) model
          = crm_timeline_model_new (store, CRM_TIMELINE_SCOPE_CONTACT, self->shown_id, 0);

      gtk_editable_set_text (GTK_EDITABLE (self->contact.add_tag_row), "");
      crm_timeline_list_set_model (self->contact.timeline, model, FALSE);
    }
  fill_tags (self);
  fill_score (self);
  deals = crm_store_list_deals_for_contact (store, self->shown_id, NULL);
  detail_fill_deals (self, self->contact.deal_list, deals);
  fill_feedback (self);
  return TRUE;
}

/* ---- Actions -------------------------------------------------------------------------------- */

/* mailto: and tel: links open in the user's mail program and phone (or softphone). */
static void
launch_uri (CrmContactDetail *self, const char *scheme, const char *address)
{
  g_autofree char *escaped = NULL;
  g_autofree char *uri = NULL;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (address == NULL || address[0] == '\0')
    return;
  escaped = g_uri_escape_string (address, "@+", FALSE);
  uri = g_strconcat (scheme, escaped, NULL);
  gtk_show_uri (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, uri, GDK_CURRENT_TIME);
}

static void
on_email_clicked (CrmContactDetail *self)
{
  launch_uri (self, "mailto:", self->contact.fields[CONTACT_EMAIL].loaded);
}

static void
on_call_clicked (CrmContactDetail *self)
{
  launch_uri (self, "tel:", self->contact.fields[CONTACT_PHONE].loaded);
}

/* ---- Building ------------------------------------------------------------------------------- */

static GtkWidget *
new_header_button (const char *icon_name, const char *label)
{
  GtkWidget *button = gtk_button_new ();
  GtkWidget *content = adw_button_content_new ();

  adw_button_content_set_icon_name (ADW_BUTTON_CONTENT (content), icon_name);
  adw_button_content_set_label (ADW_BUTTON_CONTENT (content), label);
  adw_button_content_set_use_underline (ADW_BUTTON_CONTENT (content), TRUE);
  gtk_button_set_child (GTK_BUTTON (button), content);
  gtk_widget_add_css_class (button, "pill");
  return button;
}

static GtkWidget *
new_suffix_button (const char *label, const char *action_name)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action_name);
  return button;
}

static void
add_entry (CrmContactDetail *self,
           AdwPreferencesGroup *group,
           guint index,
           const char *id,
           const char *title,
           GtkInputPurpose purpose,
           gsize offset,
           DetailSaveFunc save)
{
  AdwEntryRow *row = detail_entry_row_new (group, title, purpose);

  detail_field_init (self, &self->contact.fields[index], id, FIELD_ENTRY, GTK_WIDGET (row), offset,
                     save);
}

static void
add_combo (CrmContactDetail *self,
           AdwPreferencesGroup *group,
           guint index,
           const char *id,
           const char *title,
           const char *const *items,
           gsize offset,
           DetailSaveFunc save)
{
  AdwComboRow *row = ADW_COMBO_ROW (adw_combo_row_new ());
  g_autoptr (GtkStringList) model = gtk_string_list_new (items);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  /* Source names are user text. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_combo_row_set_model (row, G_LIST_MODEL (model));
  adw_preferences_group_add (group, GTK_WIDGET (row));
  detail_field_init (self, &self->contact.fields[index], id, FIELD_COMBO, GTK_WIDGET (row), offset,
                     save);
}

static void
add_info (CrmContactDetail *self,
          AdwPreferencesGroup *group,
          GtkListBox *list,
          guint index,
          const char *id,
          const char *title)
{
  AdwActionRow *row;

  if (group != NULL)
    row = detail_info_row_new (group, title);
  else
    {
      row = detail_list_add_row (list, title, NULL);
      gtk_widget_add_css_class (GTK_WIDGET (row), "property");
    }
  detail_field_init (self, &self->contact.fields[index], id, FIELD_INFO, GTK_WIDGET (row),
                     G_MAXSIZE, NULL);
}

static void
build_details (CrmContactDetail *self, GtkWidget *box)
{
  AdwPreferencesGroup *group = detail_group_new (box, _ ("Details"));
  AdwEntryRow *company_row;

  add_entry (self, group, CONTACT_NAME, "name", _ ("Name"), GTK_INPUT_PURPOSE_NAME,
             CONTACT_MEMBER (name), save_text);
  add_entry (self, group, CONTACT_EMAIL, "email", _ ("E-mail"), GTK_INPUT_PURPOSE_EMAIL,
             CONTACT_MEMBER (email), save_text);
  add_entry (self, group, CONTACT_PHONE, "phone", _ ("Phone"), GTK_INPUT_PURPOSE_PHONE,
             CONTACT_MEMBER (phone), save_text);
  add_entry (self, group, CONTACT_JOB_TITLE, "job-title", _ ("Job Title"),
             GTK_INPUT_PURPOSE_FREE_FORM, CONTACT_MEMBER (title), save_text);
  add_entry (self, group, CONTACT_COMPANY, "company", _ ("Company"), GTK_INPUT_PURPOSE_FREE_FORM,
             G_MAXSIZE, save_company);
  company_row = ADW_ENTRY_ROW (self->contact.fields[CONTACT_COMPANY].widget);
  self->contact.company_picker = crm_entity_picker_new (
      company_row, crm_contact_detail_get_store (self), CRM_ENTITY_COMPANY);
  g_signal_connect_swapped (company_row, "changed", G_CALLBACK (on_company_changed), self);
  self->contact.open_company_button
      = g_object_ref_sink (gtk_button_new_from_icon_name ("go-next-symbolic"));
  gtk_widget_add_css_class (self->contact.open_company_button, "flat");
  gtk_widget_set_valign (self->contact.open_company_button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (self->contact.open_company_button, _ ("Open the Company"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->contact.open_company_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _ ("Open the Company"), -1);
  g_signal_connect_swapped (self->contact.open_company_button, "clicked",
                            G_CALLBACK (on_open_company_clicked), self);
  add_entry (self, group, CONTACT_OWNER, "owner", _ ("Owner"), GTK_INPUT_PURPOSE_NAME,
             CONTACT_MEMBER (owner), save_text);
  add_entry (self, group, CONTACT_COUNTRY, "country", _ ("Country"), GTK_INPUT_PURPOSE_FREE_FORM,
             CONTACT_MEMBER (country), save_text);
}

static void
build_qualification (CrmContactDetail *self, GtkWidget *box)
{
  AdwPreferencesGroup *group = detail_group_new (box, _ ("Qualification"));
  const char *const stages[] = { crm_lifecycle_stage_get_label (CRM_LIFECYCLE_LEAD),
                                 crm_lifecycle_stage_get_label (CRM_LIFECYCLE_QUALIFIED),
                                 crm_lifecycle_stage_get_label (CRM_LIFECYCLE_OPPORTUNITY),
                                 crm_lifecycle_stage_get_label (CRM_LIFECYCLE_CUSTOMER),
                                 crm_lifecycle_stage_get_label (CRM_LIFECYCLE_ADVOCATE),
                                 crm_lifecycle_stage_get_label (CRM_LIFECYCLE_CHURNED),
                                 NULL };
  const char *const answers[] = { _ ("Unknown"), _ ("Yes"), _ ("No"), NULL };
  const struct
  {
    guint answer, note;
    const char *id, *note_id, *title, *note_title;
    gsize offset, note_offset;
  } bant[] = {
    { CONTACT_BANT_BUDGET, CONTACT_BANT_BUDGET_NOTE, "bant-budget", "bant-budget-note",
      _ ("Budget"), _ ("Budget Note"), CONTACT_MEMBER (bant_budget),
      CONTACT_MEMBER (bant_budget_note) },
    { CONTACT_BANT_AUTHORITY, CONTACT_BANT_AUTHORITY_NOTE, "bant-authority", "bant-authority-note",
      _ ("Authority"), _ ("Authority Note"), CONTACT_MEMBER (bant_authority),
      CONTACT_MEMBER (bant_authority_note) },
    { CONTACT_BANT_NEED, CONTACT_BANT_NEED_NOTE, "bant-need", "bant-need-note", _ ("Need"),
      _ ("Need Note"), CONTACT_MEMBER (bant_need), CONTACT_MEMBER (bant_need_note) },
    { CONTACT_BANT_TIMELINE, CONTACT_BANT_TIMELINE_NOTE, "bant-timeline", "bant-timeline-note",
      _ ("Timeline"), _ ("Timeline Note"), CONTACT_MEMBER (bant_timeline),
      CONTACT_MEMBER (bant_timeline_note) },
  };
  const char *const none[] = { _ ("None"), NULL };
  AdwPreferencesGroup *bant_group;

  add_combo (self, group, CONTACT_LIFECYCLE, "lifecycle", _ ("Lifecycle Stage"), stages,
             CONTACT_MEMBER (lifecycle), save_enum);
  add_combo (self, group, CONTACT_SOURCE, "source", _ ("Source"), none, G_MAXSIZE, save_source);
  add_info (self, group, NULL, CONTACT_CAPTURED, "captured", _ ("Captured"));
  add_info (self, group, NULL, CONTACT_LAST_CONTACTED, "last-contacted", _ ("Last Contacted"));

  bant_group = detail_group_new (box, _ ("BANT"));
  adw_preferences_group_set_description (bant_group,
                                         _ ("Budget, authority, need and timeline of the lead"));
  for (guint i = 0; i < G_N_ELEMENTS (bant); i++)
    {
      add_combo (self, bant_group, bant[i].answer, bant[i].id, bant[i].title, answers,
                 bant[i].offset, save_enum);
      add_entry (self, bant_group, bant[i].note, bant[i].note_id, bant[i].note_title,
                 GTK_INPUT_PURPOSE_FREE_FORM, bant[i].note_offset, save_text);
    }
}

static void
build_tags (CrmContactDetail *self, GtkWidget *box)
{
  AdwPreferencesGroup *group = detail_group_new (box, _ ("Tags"));

  self->contact.tags = GTK_FLOW_BOX (gtk_flow_box_new ());
  gtk_flow_box_set_selection_mode (self->contact.tags, GTK_SELECTION_NONE);
  gtk_flow_box_set_column_spacing (self->contact.tags, 6);
  gtk_flow_box_set_row_spacing (self->contact.tags, 6);
  gtk_flow_box_set_max_children_per_line (self->contact.tags, 20);
  gtk_widget_set_margin_bottom (GTK_WIDGET (self->contact.tags), 6);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->contact.tags),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _ ("Tags"), -1);
  adw_preferences_group_add (group, GTK_WIDGET (self->contact.tags));
  /* The chips above the row that adds one: a group lists its rows first, other widgets after,
   * so the row goes into a list of its own. */
  {
    GtkListBox *list = GTK_LIST_BOX (gtk_list_box_new ());

    gtk_list_box_set_selection_mode (list, GTK_SELECTION_NONE);
    gtk_widget_add_css_class (GTK_WIDGET (list), "boxed-list");
    self->contact.add_tag_row = ADW_ENTRY_ROW (adw_entry_row_new ());
    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->contact.add_tag_row), _ ("Add Tag"));
    adw_entry_row_set_show_apply_button (self->contact.add_tag_row, TRUE);
    g_signal_connect_swapped (self->contact.add_tag_row, "apply", G_CALLBACK (on_add_tag_apply),
                              self);
    gtk_list_box_append (list, GTK_WIDGET (self->contact.add_tag_row));
    adw_preferences_group_add (group, GTK_WIDGET (list));
  }
}

static void
build_lists (CrmContactDetail *self, GtkWidget *box)
{
  AdwPreferencesGroup *group;

  self->contact.score_group = detail_group_new (box, _ ("Lead Score"));
  self->contact.score_list = detail_list_new (self->contact.score_group, NULL);
  add_info (self, NULL, self->contact.score_list, CONTACT_SCORE, "score", _ ("Score"));

  group = detail_group_new (box, _ ("Deals"));
  self->contact.deal_list = detail_list_new (group, _ ("No deals"));

  group = detail_group_new (box, _ ("Feedback"));
  adw_preferences_group_set_header_suffix (
      group, new_suffix_button (_ ("_Add Answer…"), "contact.add-answer"));
  self->contact.feedback_list = detail_list_new (group, _ ("No NPS or CSAT answers"));

  group = detail_group_new (box, _ ("Notes"));
  detail_field_init (self, &self->contact.fields[CONTACT_NOTES], "notes", FIELD_TEXT,
                     GTK_WIDGET (detail_notes_new (group)), CONTACT_MEMBER (notes), save_text);

  group = detail_group_new (box, _ ("Timeline"));
  adw_preferences_group_set_header_suffix (
      group, new_suffix_button (_ ("_Log Activity…"), "contact.log-activity"));
  self->contact.timeline = CRM_TIMELINE_LIST (crm_timeline_list_new (self->undo_manager));
  adw_preferences_group_add (group, GTK_WIDGET (self->contact.timeline));
}

GtkWidget *
detail_contact_page_build (CrmContactDetail *self)
{
  ContactPage *page = &self->contact;
  GtkWidget *box;
  GtkWidget *log;

  page->source_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  page->page = detail_page_new (self, &page->header, &page->problem, &box);

  page->email_button = new_header_button ("mail-send-symbolic", _ ("Send _E-mail"));
  page->call_button = new_header_button ("call-start-symbolic", _ ("_Call"));
  log = new_header_button ("document-edit-symbolic", _ ("_Log Activity…"));
  g_signal_connect_swapped (page->email_button, "clicked", G_CALLBACK (on_email_clicked), self);
  g_signal_connect_swapped (page->call_button, "clicked", G_CALLBACK (on_call_clicked), self);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (log), "contact.log-activity");
  gtk_flow_box_append (GTK_FLOW_BOX (page->header.buttons), page->email_button);
  gtk_flow_box_append (GTK_FLOW_BOX (page->header.buttons), page->call_button);
  gtk_flow_box_append (GTK_FLOW_BOX (page->header.buttons), log);

  build_details (self, box);
  build_qualification (self, box);
  build_tags (self, box);
  build_lists (self, box);
  return page->page;
}

void
detail_contact_page_dispose (CrmContactDetail *self)
{
  if (self->contact.company_picker != NULL)
    crm_entity_picker_detach (self->contact.company_picker);
  g_clear_object (&self->contact.company_picker);
  g_clear_object (&self->contact.open_company_button);
  g_clear_pointer (&self->contact.source_ids, g_array_unref);
}

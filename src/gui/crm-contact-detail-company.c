/* crm-contact-detail-company.c — the company page of CrmContactDetail: its details (each saved
 * as one undoable step), how many people it has and its won revenue per currency, its people
 * (each opens the contact), its deals, notes and the timeline of all its people.
 */
#include "config.h"

#include "crm-contact-detail-private.h"

#include <glib/gi18n.h>

#include "crm-board-money.h"
#include "crm-contact-actions.h"
#include "crm-timeline-model.h"

#define COMPANY_MEMBER(member) G_STRUCT_OFFSET (CrmCompanyRecord, member)

/* ---- Saving --------------------------------------------------------------------------------- */

/* The name of the undoable step that changes @field of company @name. */
static char *
step_label (CrmContactDetail *self, DetailField *field, const char *name)
{
  /* Translators: the names of undoable steps; %s is a company's name. */
  switch (field - self->company.fields)
    {
      case COMPANY_NAME:
        return g_strdup_printf (_ ("Renamed “%s”"), name);
      case COMPANY_WEBSITE:
        return g_strdup_printf (_ ("Changed the website of “%s”"), name);
      case COMPANY_INDUSTRY:
        return g_strdup_printf (_ ("Changed the industry of “%s”"), name);
      case COMPANY_PHONE:
        return g_strdup_printf (_ ("Changed the phone of “%s”"), name);
      case COMPANY_COUNTRY:
        return g_strdup_printf (_ ("Changed the country of “%s”"), name);
      case COMPANY_OWNER:
        return g_strdup_printf (_ ("Changed the owner of “%s”"), name);
      default:
        return g_strdup_printf (_ ("Changed the notes of “%s”"), name);
    }
}

static gboolean
save_text (CrmContactDetail *self, DetailField *field, GError **error)
{
  g_autofree char *text = detail_field_dup_text (field);
  g_autoptr (CrmCompanyRecord) company = NULL;
  g_autofree char *label = NULL;
  char **member;

  if (field == &self->company.fields[COMPANY_NAME] && text[0] == '\0')
    {
      g_set_error_literal (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID,
                           _ ("A company needs a name"));
      return FALSE;
    }
  company = crm_store_get_company (crm_contact_detail_get_store (self), self->shown_id, error);
  if (company == NULL)
    return FALSE;
  label = step_label (self, field, company->name);
  member = G_STRUCT_MEMBER_P (company, field->offset);
  g_free (*member);
  *member = text[0] != '\0' ? g_steal_pointer (&text) : NULL;
  return crm_contact_actions_update_company (self->undo_manager, company, label, error);
}

/* ---- Filling -------------------------------------------------------------------------------- */

static void
on_person_activated (AdwActionRow *row, CrmContactDetail *self)
{
  crm_contact_detail_open (self, CRM_ENTITY_CONTACT,
                           GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (row), "contact-id")));
}

static void
fill_people (CrmContactDetail *self, GPtrArray *people)
{
  g_autofree char *count = NULL;

  detail_list_clear (self->company.people_list);
  for (guint i = 0; people != NULL && i < people->len; i++)
    {
      CrmContactRecord *person = people->pdata[i];
      AdwActionRow *row
          = detail_list_add_row (self->company.people_list, person->name,
                                 person->title != NULL ? person->title : person->email);

      adw_action_row_add_suffix (row, gtk_image_new_from_icon_name ("go-next-symbolic"));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      g_object_set_data (G_OBJECT (row), "contact-id", GSIZE_TO_POINTER (person->id));
      g_signal_connect_object (row, "activated", G_CALLBACK (on_person_activated), self, 0);
    }
  count = g_strdup_printf (ngettext ("%u person", "%u people", people != NULL ? people->len : 0),
                           people != NULL ? people->len : 0);
  detail_field_set_text (&self->company.fields[COMPANY_PEOPLE], count, TRUE);
}

static void
fill_revenue (CrmContactDetail *self)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GArray) sums = crm_store_sum_won_deals_for_company (
      crm_contact_detail_get_store (self), self->shown_id, &error);
  g_autoptr (GString) text = g_string_new (NULL);

  if (sums == NULL)
    {
      detail_field_set_text (&self->company.fields[COMPANY_WON_REVENUE], error->message, TRUE);
      return;
    }
  /* Per currency: no sum of different money. */
  for (guint i = 0; i < sums->len; i++)
    {
      const CrmMoneySum *sum = &g_array_index (sums, CrmMoneySum, i);
      g_autofree char *money = crm_money_format (sum->total_minor, sum->currency);

      if (text->len > 0)
        /* Translators: between the sums of two currencies. */
        g_string_append (text, _ (", "));
      g_string_append (text, money);
    }
  detail_field_set_text (&self->company.fields[COMPANY_WON_REVENUE],
                         text->len > 0 ? text->str : _ ("None yet"), TRUE);
}

gboolean
detail_company_page_fill (CrmContactDetail *self, gboolean force)
{
  CrmStore *store = crm_contact_detail_get_store (self);
  g_autoptr (CrmCompanyRecord) company = crm_store_get_company (store, self->shown_id, NULL);
  g_autoptr (GPtrArray) people = NULL;
  g_autoptr (GPtrArray) deals = NULL;

  if (company == NULL)
    return FALSE;
  for (guint i = 0; i < N_COMPANY_FIELDS; i++)
    {
      DetailField *field = &self->company.fields[i];

      if (field->offset != G_MAXSIZE)
        detail_field_set_text (field, G_STRUCT_MEMBER (char *, company, field->offset), force);
    }
  gtk_label_set_text (self->company.header.title, company->name);
  gtk_label_set_text (self->company.header.subtitle,
                      company->industry != NULL ? company->industry : "");
  gtk_widget_set_visible (GTK_WIDGET (self->company.header.subtitle),
                          company->industry != NULL && company->industry[0] != '\0');

  people = crm_store_list_contacts_of_company (store, self->shown_id, NULL);
  fill_people (self, people);
  fill_revenue (self);
  deals = crm_store_list_deals_for_company (store, self->shown_id, NULL);
  detail_fill_deals (self, self->company.deal_list, deals);
  if (force)
    {
      g_autoptr (CrmTimelineModel) model
          = crm_timeline_model_new (store, CRM_TIMELINE_SCOPE_COMPANY, self->shown_id, 0);

      crm_timeline_list_set_model (self->company.timeline, model, TRUE);
    }
  return TRUE;
}

/* ---- Building ------------------------------------------------------------------------------- */

static void
add_entry (CrmContactDetail *self,
           AdwPreferencesGroup *group,
           guint index,
           const char *id,
           const char *title,
           GtkInputPurpose purpose,
           gsize offset)
{
  AdwEntryRow *row = detail_entry_row_new (group, title, purpose);

  detail_field_init (self, &self->company.fields[index], id, FIELD_ENTRY, GTK_WIDGET (row), offset,
                     save_text);
}

static void
add_info (CrmContactDetail *self,
          AdwPreferencesGroup *group,
          guint index,
          const char *id,
          const char *title)
{
  detail_field_init (self, &self->company.fields[index], id, FIELD_INFO,
                     GTK_WIDGET (detail_info_row_new (group, title)), G_MAXSIZE, NULL);
}

GtkWidget *
detail_company_page_build (CrmContactDetail *self)
{
  CompanyPage *page = &self->company;
  AdwPreferencesGroup *group;
  GtkWidget *box;

  page->page = detail_page_new (self, &page->header, &page->problem, &box);
  gtk_widget_set_visible (page->header.buttons, FALSE);

  group = detail_group_new (box, _ ("Summary"));
  add_info (self, group, COMPANY_PEOPLE, "people", _ ("People"));
  add_info (self, group, COMPANY_WON_REVENUE, "won-revenue", _ ("Won Revenue"));

  group = detail_group_new (box, _ ("Details"));
  add_entry (self, group, COMPANY_NAME, "name", _ ("Name"), GTK_INPUT_PURPOSE_FREE_FORM,
             COMPANY_MEMBER (name));
  add_entry (self, group, COMPANY_WEBSITE, "website", _ ("Website"), GTK_INPUT_PURPOSE_URL,
             COMPANY_MEMBER (website));
  add_entry (self, group, COMPANY_INDUSTRY, "industry", _ ("Industry"), GTK_INPUT_PURPOSE_FREE_FORM,
             COMPANY_MEMBER (industry));
  add_entry (self, group, COMPANY_PHONE, "phone", _ ("Phone"), GTK_INPUT_PURPOSE_PHONE,
             COMPANY_MEMBER (phone));
  add_entry (self, group, COMPANY_COUNTRY, "country", _ ("Country"), GTK_INPUT_PURPOSE_FREE_FORM,
             COMPANY_MEMBER (country));
  add_entry (self, group, COMPANY_OWNER, "owner", _ ("Owner"), GTK_INPUT_PURPOSE_NAME,
             COMPANY_MEMBER (owner));

  group = detail_group_new (box, _ ("People"));
  page->people_list = detail_list_new (group, _ ("Nobody works here yet"));

  group = detail_group_new (box, _ ("Deals"));
  page->deal_list = detail_list_new (group, _ ("No deals"));

  group = detail_group_new (box, _ ("Notes"));
  detail_field_init (self, &page->fields[COMPANY_NOTES], "notes", FIELD_TEXT,
                     GTK_WIDGET (detail_notes_new (group)), COMPANY_MEMBER (notes), save_text);

  group = detail_group_new (box, _ ("Timeline"));
  adw_preferences_group_set_description (group, _ ("What happened with its people and deals"));
  page->timeline = CRM_TIMELINE_LIST (crm_timeline_list_new (self->undo_manager));
  adw_preferences_group_add (group, GTK_WIDGET (page->timeline));
  return page->page;
}

void
detail_company_page_dispose (CrmContactDetail *self)
{
}

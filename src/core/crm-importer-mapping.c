/* crm-importer-mapping.c — what the importer knows about other programs' files: the fields each
 * kind offers, the header spellings of the big CRMs and address books (HubSpot, Pipedrive,
 * Salesforce, Zoho, Google Contacts, Outlook). Their ways of writing values are in
 * crm-importer-values.c. Header names are compared lower case with only letters and digits kept,
 * so "E-mail Address", "e_mail address" and "EMAIL-ADDRESS" are one spelling. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "crm-importer-private.h"

/* ---- Fields -------------------------------------------------------------------------------- */

static const char *const field_labels[CRM_IMPORT_N_FIELDS] = {
  [CRM_IMPORT_FIELD_IGNORE] = N_ ("Do not import"),
  [CRM_IMPORT_FIELD_NAME] = N_ ("Name"),
  [CRM_IMPORT_FIELD_FIRST_NAME] = N_ ("First name"),
  [CRM_IMPORT_FIELD_LAST_NAME] = N_ ("Last name"),
  [CRM_IMPORT_FIELD_EMAIL] = N_ ("E-mail"),
  [CRM_IMPORT_FIELD_PHONE] = N_ ("Phone"),
  [CRM_IMPORT_FIELD_JOB_TITLE] = N_ ("Job title"),
  [CRM_IMPORT_FIELD_COMPANY] = N_ ("Company"),
  [CRM_IMPORT_FIELD_LIFECYCLE] = N_ ("Lifecycle stage"),
  [CRM_IMPORT_FIELD_SOURCE] = N_ ("Lead source"),
  [CRM_IMPORT_FIELD_OWNER] = N_ ("Owner"),
  [CRM_IMPORT_FIELD_COUNTRY] = N_ ("Country"),
  [CRM_IMPORT_FIELD_NOTES] = N_ ("Notes"),
  [CRM_IMPORT_FIELD_TAGS] = N_ ("Tags"),
  [CRM_IMPORT_FIELD_CAPTURED_AT] = N_ ("Captured"),
  [CRM_IMPORT_FIELD_LAST_CONTACTED_AT] = N_ ("Last contacted"),
  [CRM_IMPORT_FIELD_WEBSITE] = N_ ("Website"),
  [CRM_IMPORT_FIELD_INDUSTRY] = N_ ("Industry"),
  [CRM_IMPORT_FIELD_DEAL_TITLE] = N_ ("Deal title"),
  [CRM_IMPORT_FIELD_AMOUNT] = N_ ("Amount"),
  [CRM_IMPORT_FIELD_CURRENCY] = N_ ("Currency"),
  [CRM_IMPORT_FIELD_CLOSE_DATE] = N_ ("Expected close"),
  [CRM_IMPORT_FIELD_DEAL_STAGE] = N_ ("Deal stage"),
  [CRM_IMPORT_FIELD_PROBABILITY] = N_ ("Probability"),
  [CRM_IMPORT_FIELD_CONTACT] = N_ ("Contact"),
  [CRM_IMPORT_FIELD_ACTIVITY_KIND] = N_ ("Activity type"),
  [CRM_IMPORT_FIELD_SUBJECT] = N_ ("Subject"),
  [CRM_IMPORT_FIELD_OCCURRED_AT] = N_ ("Date"),
  [CRM_IMPORT_FIELD_DUE_AT] = N_ ("Due"),
  [CRM_IMPORT_FIELD_DONE] = N_ ("Done"),
  [CRM_IMPORT_FIELD_DEAL] = N_ ("Deal"),
  [CRM_IMPORT_FIELD_DONE_AT] = N_ ("Done at"),
};

const char *
crm_import_field_get_label (CrmImportField field)
{
  g_return_val_if_fail (field < CRM_IMPORT_N_FIELDS, NULL);
  return _ (field_labels[field]);
}

static const CrmImportField contact_fields[] = {
  CRM_IMPORT_FIELD_IGNORE,      CRM_IMPORT_FIELD_NAME,
  CRM_IMPORT_FIELD_FIRST_NAME,  CRM_IMPORT_FIELD_LAST_NAME,
  CRM_IMPORT_FIELD_EMAIL,       CRM_IMPORT_FIELD_PHONE,
  CRM_IMPORT_FIELD_JOB_TITLE,   CRM_IMPORT_FIELD_COMPANY,
  CRM_IMPORT_FIELD_LIFECYCLE,   CRM_IMPORT_FIELD_SOURCE,
  CRM_IMPORT_FIELD_OWNER,       CRM_IMPORT_FIELD_COUNTRY,
  CRM_IMPORT_FIELD_NOTES,       CRM_IMPORT_FIELD_TAGS,
  CRM_IMPORT_FIELD_CAPTURED_AT, CRM_IMPORT_FIELD_LAST_CONTACTED_AT,
  CRM_IMPORT_FIELD_WEBSITE,
};

static const CrmImportField company_fields[] = {
  CRM_IMPORT_FIELD_IGNORE,   CRM_IMPORT_FIELD_NAME,  CRM_IMPORT_FIELD_WEBSITE,
  CRM_IMPORT_FIELD_INDUSTRY, CRM_IMPORT_FIELD_PHONE, CRM_IMPORT_FIELD_COUNTRY,
  CRM_IMPORT_FIELD_OWNER,    CRM_IMPORT_FIELD_NOTES,
};

static const CrmImportField deal_fields[] = {
  CRM_IMPORT_FIELD_IGNORE,      CRM_IMPORT_FIELD_DEAL_TITLE, CRM_IMPORT_FIELD_AMOUNT,
  CRM_IMPORT_FIELD_CURRENCY,    CRM_IMPORT_FIELD_CLOSE_DATE, CRM_IMPORT_FIELD_DEAL_STAGE,
  CRM_IMPORT_FIELD_PROBABILITY, CRM_IMPORT_FIELD_CONTACT,    CRM_IMPORT_FIELD_COMPANY,
  CRM_IMPORT_FIELD_OWNER,       CRM_IMPORT_FIELD_NOTES,      CRM_IMPORT_FIELD_CAPTURED_AT,
};

static const CrmImportField activity_fields[] = {
  CRM_IMPORT_FIELD_IGNORE, CRM_IMPORT_FIELD_ACTIVITY_KIND, CRM_IMPORT_FIELD_SUBJECT,
  CRM_IMPORT_FIELD_NOTES,  CRM_IMPORT_FIELD_OCCURRED_AT,   CRM_IMPORT_FIELD_DUE_AT,
  CRM_IMPORT_FIELD_DONE,   CRM_IMPORT_FIELD_DONE_AT,       CRM_IMPORT_FIELD_CONTACT,
  CRM_IMPORT_FIELD_DEAL,
};

const CrmImportField *
crm_import_kind_get_fields (CrmImportKind kind, guint *n_fields)
{
  const CrmImportField *fields = contact_fields;
  guint n = G_N_ELEMENTS (contact_fields);

  switch (kind)
    {
      case CRM_IMPORT_KIND_CONTACTS:
        break;
      case CRM_IMPORT_KIND_COMPANIES:
        fields = company_fields;
        n = G_N_ELEMENTS (company_fields);
        break;
      case CRM_IMPORT_KIND_DEALS:
        fields = deal_fields;
        n = G_N_ELEMENTS (deal_fields);
        break;
      case CRM_IMPORT_KIND_ACTIVITIES:
        fields = activity_fields;
        n = G_N_ELEMENTS (activity_fields);
        break;
      default:
        g_return_val_if_reached (NULL);
    }
  if (n_fields != NULL)
    *n_fields = n;
  return fields;
}

static const char *const kind_names[] = { "contacts", "companies", "deals", "activities" };

const char *
crm_import_kind_to_string (CrmImportKind kind)
{
  g_return_val_if_fail ((guint) kind < G_N_ELEMENTS (kind_names), NULL);
  return kind_names[kind];
}

gboolean
crm_import_kind_from_string (const char *text, CrmImportKind *kind)
{
  for (guint i = 0; text != NULL && i < G_N_ELEMENTS (kind_names); i++)
    if (g_ascii_strcasecmp (text, kind_names[i]) == 0)
      {
        if (kind != NULL)
          *kind = (CrmImportKind) i;
        return TRUE;
      }
  return FALSE;
}

/* ---- Header recognition -------------------------------------------------------------------- */

char *
crm_import_normalise_header (const char *header)
{
  g_autofree char *lower = NULL;
  GString *key;

  if (header == NULL)
    return g_strdup ("");
  lower = g_utf8_strdown (header, -1);
  key = g_string_sized_new (strlen (lower));
  for (const char *p = lower; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isalnum (c))
        g_string_append_unichar (key, c);
    }
  return g_string_free (key, FALSE);
}

typedef struct
{
  const char *key;
  CrmImportField field;
} HeaderSpelling;

/* People (contacts): the spellings of HubSpot, Pipedrive ("Person - …" prefixes are stripped
 * before lookup), Salesforce, Zoho, Google Contacts and Outlook. */
static const HeaderSpelling contact_spellings[] = {
  { "name", CRM_IMPORT_FIELD_NAME },
  { "fullname", CRM_IMPORT_FIELD_NAME },
  { "contactname", CRM_IMPORT_FIELD_NAME },
  { "displayname", CRM_IMPORT_FIELD_NAME },
  { "personname", CRM_IMPORT_FIELD_NAME },
  { "contact", CRM_IMPORT_FIELD_NAME },
  { "person", CRM_IMPORT_FIELD_NAME },
  { "leadname", CRM_IMPORT_FIELD_NAME },
  { "firstname", CRM_IMPORT_FIELD_FIRST_NAME },
  { "givenname", CRM_IMPORT_FIELD_FIRST_NAME },
  { "first", CRM_IMPORT_FIELD_FIRST_NAME },
  { "forename", CRM_IMPORT_FIELD_FIRST_NAME },
  { "lastname", CRM_IMPORT_FIELD_LAST_NAME },
  { "familyname", CRM_IMPORT_FIELD_LAST_NAME },
  { "surname", CRM_IMPORT_FIELD_LAST_NAME },
  { "last", CRM_IMPORT_FIELD_LAST_NAME },
  { "email", CRM_IMPORT_FIELD_EMAIL },
  { "emailaddress", CRM_IMPORT_FIELD_EMAIL },
  { "email1value", CRM_IMPORT_FIELD_EMAIL },
  { "email2value", CRM_IMPORT_FIELD_EMAIL },
  { "email3value", CRM_IMPORT_FIELD_EMAIL },
  { "email2address", CRM_IMPORT_FIELD_EMAIL },
  { "email3address", CRM_IMPORT_FIELD_EMAIL },
  { "emailwork", CRM_IMPORT_FIELD_EMAIL },
  { "emailhome", CRM_IMPORT_FIELD_EMAIL },
  { "emailother", CRM_IMPORT_FIELD_EMAIL },
  { "workemail", CRM_IMPORT_FIELD_EMAIL },
  { "personalemail", CRM_IMPORT_FIELD_EMAIL },
  { "primaryemail", CRM_IMPORT_FIELD_EMAIL },
  { "secondaryemail", CRM_IMPORT_FIELD_EMAIL },
  { "otheremail", CRM_IMPORT_FIELD_EMAIL },
  { "emails", CRM_IMPORT_FIELD_EMAIL },
  { "mail", CRM_IMPORT_FIELD_EMAIL },
  { "phone", CRM_IMPORT_FIELD_PHONE },
  { "phonenumber", CRM_IMPORT_FIELD_PHONE },
  { "phone1value", CRM_IMPORT_FIELD_PHONE },
  { "phone2value", CRM_IMPORT_FIELD_PHONE },
  { "phone3value", CRM_IMPORT_FIELD_PHONE },
  { "mobilephone", CRM_IMPORT_FIELD_PHONE },
  { "mobilephonenumber", CRM_IMPORT_FIELD_PHONE },
  { "mobile", CRM_IMPORT_FIELD_PHONE },
  { "cellphone", CRM_IMPORT_FIELD_PHONE },
  { "businessphone", CRM_IMPORT_FIELD_PHONE },
  { "businessphone2", CRM_IMPORT_FIELD_PHONE },
  { "homephone", CRM_IMPORT_FIELD_PHONE },
  { "homephone2", CRM_IMPORT_FIELD_PHONE },
  { "workphone", CRM_IMPORT_FIELD_PHONE },
  { "otherphone", CRM_IMPORT_FIELD_PHONE },
  { "primaryphone", CRM_IMPORT_FIELD_PHONE },
  { "phonework", CRM_IMPORT_FIELD_PHONE },
  { "phonemobile", CRM_IMPORT_FIELD_PHONE },
  { "phonehome", CRM_IMPORT_FIELD_PHONE },
  { "phoneother", CRM_IMPORT_FIELD_PHONE },
  { "telephone", CRM_IMPORT_FIELD_PHONE },
  { "tel", CRM_IMPORT_FIELD_PHONE },
  { "phones", CRM_IMPORT_FIELD_PHONE },
  { "title", CRM_IMPORT_FIELD_JOB_TITLE },
  { "jobtitle", CRM_IMPORT_FIELD_JOB_TITLE },
  { "position", CRM_IMPORT_FIELD_JOB_TITLE },
  { "role", CRM_IMPORT_FIELD_JOB_TITLE },
  { "designation", CRM_IMPORT_FIELD_JOB_TITLE },
  { "organization1title", CRM_IMPORT_FIELD_JOB_TITLE },
  { "company", CRM_IMPORT_FIELD_COMPANY },
  { "companyname", CRM_IMPORT_FIELD_COMPANY },
  { "organization", CRM_IMPORT_FIELD_COMPANY },
  { "organisation", CRM_IMPORT_FIELD_COMPANY },
  { "organizationname", CRM_IMPORT_FIELD_COMPANY },
  { "organisationname", CRM_IMPORT_FIELD_COMPANY },
  { "organization1name", CRM_IMPORT_FIELD_COMPANY },
  { "account", CRM_IMPORT_FIELD_COMPANY },
  { "accountname", CRM_IMPORT_FIELD_COMPANY },
  { "employer", CRM_IMPORT_FIELD_COMPANY },
  { "associatedcompany", CRM_IMPORT_FIELD_COMPANY },
  { "lifecyclestage", CRM_IMPORT_FIELD_LIFECYCLE },
  { "lifecycle", CRM_IMPORT_FIELD_LIFECYCLE },
  { "leadstatus", CRM_IMPORT_FIELD_LIFECYCLE },
  { "status", CRM_IMPORT_FIELD_LIFECYCLE },
  { "stage", CRM_IMPORT_FIELD_LIFECYCLE },
  { "contacttype", CRM_IMPORT_FIELD_LIFECYCLE },
  { "leadsource", CRM_IMPORT_FIELD_SOURCE },
  { "source", CRM_IMPORT_FIELD_SOURCE },
  { "originalsource", CRM_IMPORT_FIELD_SOURCE },
  { "contactsource", CRM_IMPORT_FIELD_SOURCE },
  { "sourcechannel", CRM_IMPORT_FIELD_SOURCE },
  { "owner", CRM_IMPORT_FIELD_OWNER },
  { "contactowner", CRM_IMPORT_FIELD_OWNER },
  { "leadowner", CRM_IMPORT_FIELD_OWNER },
  { "accountowner", CRM_IMPORT_FIELD_OWNER },
  { "ownername", CRM_IMPORT_FIELD_OWNER },
  { "assignedto", CRM_IMPORT_FIELD_OWNER },
  { "salesperson", CRM_IMPORT_FIELD_OWNER },
  { "country", CRM_IMPORT_FIELD_COUNTRY },
  { "countryregion", CRM_IMPORT_FIELD_COUNTRY },
  { "businesscountryregion", CRM_IMPORT_FIELD_COUNTRY },
  { "homecountryregion", CRM_IMPORT_FIELD_COUNTRY },
  { "address1country", CRM_IMPORT_FIELD_COUNTRY },
  { "mailingcountry", CRM_IMPORT_FIELD_COUNTRY },
  { "billingcountry", CRM_IMPORT_FIELD_COUNTRY },
  { "countryname", CRM_IMPORT_FIELD_COUNTRY },
  { "notes", CRM_IMPORT_FIELD_NOTES },
  { "note", CRM_IMPORT_FIELD_NOTES },
  { "description", CRM_IMPORT_FIELD_NOTES },
  { "comments", CRM_IMPORT_FIELD_NOTES },
  { "comment", CRM_IMPORT_FIELD_NOTES },
  { "about", CRM_IMPORT_FIELD_NOTES },
  { "background", CRM_IMPORT_FIELD_NOTES },
  { "tags", CRM_IMPORT_FIELD_TAGS },
  { "tag", CRM_IMPORT_FIELD_TAGS },
  { "labels", CRM_IMPORT_FIELD_TAGS },
  { "label", CRM_IMPORT_FIELD_TAGS },
  { "groupmembership", CRM_IMPORT_FIELD_TAGS },
  { "categories", CRM_IMPORT_FIELD_TAGS },
  { "category", CRM_IMPORT_FIELD_TAGS },
  { "createdate", CRM_IMPORT_FIELD_CAPTURED_AT },
  { "createddate", CRM_IMPORT_FIELD_CAPTURED_AT },
  { "created", CRM_IMPORT_FIELD_CAPTURED_AT },
  { "createdat", CRM_IMPORT_FIELD_CAPTURED_AT },
  { "createdon", CRM_IMPORT_FIELD_CAPTURED_AT },
  { "datecreated", CRM_IMPORT_FIELD_CAPTURED_AT },
  { "createdtime", CRM_IMPORT_FIELD_CAPTURED_AT },
  { "personcreated", CRM_IMPORT_FIELD_CAPTURED_AT },
  { "captured", CRM_IMPORT_FIELD_CAPTURED_AT },
  { "capturedat", CRM_IMPORT_FIELD_CAPTURED_AT },
  { "lastcontacted", CRM_IMPORT_FIELD_LAST_CONTACTED_AT },
  { "lastcontact", CRM_IMPORT_FIELD_LAST_CONTACTED_AT },
  { "lastcontacteddate", CRM_IMPORT_FIELD_LAST_CONTACTED_AT },
  { "lastcontactedat", CRM_IMPORT_FIELD_LAST_CONTACTED_AT },
  { "lastactivitydate", CRM_IMPORT_FIELD_LAST_CONTACTED_AT },
  { "lastactivity", CRM_IMPORT_FIELD_LAST_CONTACTED_AT },
  { "website", CRM_IMPORT_FIELD_WEBSITE },
  { "websiteurl", CRM_IMPORT_FIELD_WEBSITE },
  { "webpage", CRM_IMPORT_FIELD_WEBSITE },
  { "website1value", CRM_IMPORT_FIELD_WEBSITE },
  { "url", CRM_IMPORT_FIELD_WEBSITE },
};

static const HeaderSpelling company_spellings[] = {
  { "name", CRM_IMPORT_FIELD_NAME },
  { "company", CRM_IMPORT_FIELD_NAME },
  { "companyname", CRM_IMPORT_FIELD_NAME },
  { "organization", CRM_IMPORT_FIELD_NAME },
  { "organisation", CRM_IMPORT_FIELD_NAME },
  { "organizationname", CRM_IMPORT_FIELD_NAME },
  { "organisationname", CRM_IMPORT_FIELD_NAME },
  { "account", CRM_IMPORT_FIELD_NAME },
  { "accountname", CRM_IMPORT_FIELD_NAME },
  { "website", CRM_IMPORT_FIELD_WEBSITE },
  { "websiteurl", CRM_IMPORT_FIELD_WEBSITE },
  { "companydomainname", CRM_IMPORT_FIELD_WEBSITE },
  { "domain", CRM_IMPORT_FIELD_WEBSITE },
  { "url", CRM_IMPORT_FIELD_WEBSITE },
  { "web", CRM_IMPORT_FIELD_WEBSITE },
  { "industry", CRM_IMPORT_FIELD_INDUSTRY },
  { "sector", CRM_IMPORT_FIELD_INDUSTRY },
  { "phone", CRM_IMPORT_FIELD_PHONE },
  { "phonenumber", CRM_IMPORT_FIELD_PHONE },
  { "telephone", CRM_IMPORT_FIELD_PHONE },
  { "country", CRM_IMPORT_FIELD_COUNTRY },
  { "countryregion", CRM_IMPORT_FIELD_COUNTRY },
  { "billingcountry", CRM_IMPORT_FIELD_COUNTRY },
  { "owner", CRM_IMPORT_FIELD_OWNER },
  { "companyowner", CRM_IMPORT_FIELD_OWNER },
  { "accountowner", CRM_IMPORT_FIELD_OWNER },
  { "notes", CRM_IMPORT_FIELD_NOTES },
  { "note", CRM_IMPORT_FIELD_NOTES },
  { "description", CRM_IMPORT_FIELD_NOTES },
  { "about", CRM_IMPORT_FIELD_NOTES },
};

static const HeaderSpelling deal_spellings[] = {
  { "dealname", CRM_IMPORT_FIELD_DEAL_TITLE },
  { "dealtitle", CRM_IMPORT_FIELD_DEAL_TITLE },
  { "title", CRM_IMPORT_FIELD_DEAL_TITLE },
  { "name", CRM_IMPORT_FIELD_DEAL_TITLE },
  { "deal", CRM_IMPORT_FIELD_DEAL_TITLE },
  { "opportunityname", CRM_IMPORT_FIELD_DEAL_TITLE },
  { "potentialname", CRM_IMPORT_FIELD_DEAL_TITLE },
  { "amount", CRM_IMPORT_FIELD_AMOUNT },
  { "value", CRM_IMPORT_FIELD_AMOUNT },
  { "dealvalue", CRM_IMPORT_FIELD_AMOUNT },
  { "dealamount", CRM_IMPORT_FIELD_AMOUNT },
  { "expectedrevenue", CRM_IMPORT_FIELD_AMOUNT },
  { "currency", CRM_IMPORT_FIELD_CURRENCY },
  { "dealcurrency", CRM_IMPORT_FIELD_CURRENCY },
  { "currencycode", CRM_IMPORT_FIELD_CURRENCY },
  { "valuecurrency", CRM_IMPORT_FIELD_CURRENCY },
  { "dealcurrencycode", CRM_IMPORT_FIELD_CURRENCY },
  { "closedate", CRM_IMPORT_FIELD_CLOSE_DATE },
  { "expectedclosedate", CRM_IMPORT_FIELD_CLOSE_DATE },
  { "expectedclose", CRM_IMPORT_FIELD_CLOSE_DATE },
  { "closingdate", CRM_IMPORT_FIELD_CLOSE_DATE },
  { "dealclosedate", CRM_IMPORT_FIELD_CLOSE_DATE },
  { "dealstage", CRM_IMPORT_FIELD_DEAL_STAGE },
  { "stage", CRM_IMPORT_FIELD_DEAL_STAGE },
  { "pipelinestage", CRM_IMPORT_FIELD_DEAL_STAGE },
  { "salesstage", CRM_IMPORT_FIELD_DEAL_STAGE },
  { "probability", CRM_IMPORT_FIELD_PROBABILITY },
  { "winprobability", CRM_IMPORT_FIELD_PROBABILITY },
  { "dealprobability", CRM_IMPORT_FIELD_PROBABILITY },
  { "probabilitypercent", CRM_IMPORT_FIELD_PROBABILITY },
  { "contact", CRM_IMPORT_FIELD_CONTACT },
  { "person", CRM_IMPORT_FIELD_CONTACT },
  { "contactperson", CRM_IMPORT_FIELD_CONTACT },
  { "contactname", CRM_IMPORT_FIELD_CONTACT },
  { "personname", CRM_IMPORT_FIELD_CONTACT },
  { "contactemail", CRM_IMPORT_FIELD_CONTACT },
  { "associatedcontact", CRM_IMPORT_FIELD_CONTACT },
  { "email", CRM_IMPORT_FIELD_CONTACT },
  { "company", CRM_IMPORT_FIELD_COMPANY },
  { "companyname", CRM_IMPORT_FIELD_COMPANY },
  { "organization", CRM_IMPORT_FIELD_COMPANY },
  { "organisation", CRM_IMPORT_FIELD_COMPANY },
  { "organizationname", CRM_IMPORT_FIELD_COMPANY },
  { "account", CRM_IMPORT_FIELD_COMPANY },
  { "accountname", CRM_IMPORT_FIELD_COMPANY },
  { "associatedcompany", CRM_IMPORT_FIELD_COMPANY },
  { "owner", CRM_IMPORT_FIELD_OWNER },
  { "dealowner", CRM_IMPORT_FIELD_OWNER },
  { "opportunityowner", CRM_IMPORT_FIELD_OWNER },
  { "notes", CRM_IMPORT_FIELD_NOTES },
  { "note", CRM_IMPORT_FIELD_NOTES },
  { "description", CRM_IMPORT_FIELD_NOTES },
  { "createdate", CRM_IMPORT_FIELD_CAPTURED_AT },
  { "createddate", CRM_IMPORT_FIELD_CAPTURED_AT },
  { "dealcreated", CRM_IMPORT_FIELD_CAPTURED_AT },
  { "created", CRM_IMPORT_FIELD_CAPTURED_AT },
};

static const HeaderSpelling activity_spellings[] = {
  { "type", CRM_IMPORT_FIELD_ACTIVITY_KIND },
  { "activitytype", CRM_IMPORT_FIELD_ACTIVITY_KIND },
  { "kind", CRM_IMPORT_FIELD_ACTIVITY_KIND },
  { "subject", CRM_IMPORT_FIELD_SUBJECT },
  { "title", CRM_IMPORT_FIELD_SUBJECT },
  { "activity", CRM_IMPORT_FIELD_SUBJECT },
  { "name", CRM_IMPORT_FIELD_SUBJECT },
  { "notes", CRM_IMPORT_FIELD_NOTES },
  { "note", CRM_IMPORT_FIELD_NOTES },
  { "description", CRM_IMPORT_FIELD_NOTES },
  { "body", CRM_IMPORT_FIELD_NOTES },
  { "date", CRM_IMPORT_FIELD_OCCURRED_AT },
  { "occurredat", CRM_IMPORT_FIELD_OCCURRED_AT },
  { "activitydate", CRM_IMPORT_FIELD_OCCURRED_AT },
  { "time", CRM_IMPORT_FIELD_OCCURRED_AT },
  { "donetime", CRM_IMPORT_FIELD_OCCURRED_AT },
  { "markedasdonetime", CRM_IMPORT_FIELD_OCCURRED_AT },
  { "duedate", CRM_IMPORT_FIELD_DUE_AT },
  { "due", CRM_IMPORT_FIELD_DUE_AT },
  { "dueat", CRM_IMPORT_FIELD_DUE_AT },
  { "done", CRM_IMPORT_FIELD_DONE },
  { "completed", CRM_IMPORT_FIELD_DONE },
  { "resolved", CRM_IMPORT_FIELD_DONE },
  { "doneat", CRM_IMPORT_FIELD_DONE_AT },
  { "donedate", CRM_IMPORT_FIELD_DONE_AT },
  { "completedat", CRM_IMPORT_FIELD_DONE_AT },
  { "completedon", CRM_IMPORT_FIELD_DONE_AT },
  { "completeddate", CRM_IMPORT_FIELD_DONE_AT },
  { "completiondate", CRM_IMPORT_FIELD_DONE_AT },
  { "resolvedat", CRM_IMPORT_FIELD_DONE_AT },
  { "contact", CRM_IMPORT_FIELD_CONTACT },
  { "person", CRM_IMPORT_FIELD_CONTACT },
  { "contactname", CRM_IMPORT_FIELD_CONTACT },
  { "personname", CRM_IMPORT_FIELD_CONTACT },
  { "contactemail", CRM_IMPORT_FIELD_CONTACT },
  { "email", CRM_IMPORT_FIELD_CONTACT },
  { "deal", CRM_IMPORT_FIELD_DEAL },
  { "dealtitle", CRM_IMPORT_FIELD_DEAL },
  { "dealname", CRM_IMPORT_FIELD_DEAL },
};

static CrmImportField
lookup (const HeaderSpelling *spellings, guint n, const char *key)
{
  for (guint i = 0; i < n; i++)
    if (strcmp (spellings[i].key, key) == 0)
      return spellings[i].field;
  return CRM_IMPORT_FIELD_IGNORE;
}

static CrmImportField
lookup_kind (CrmImportKind kind, const char *key)
{
  switch (kind)
    {
      case CRM_IMPORT_KIND_COMPANIES:
        return lookup (company_spellings, G_N_ELEMENTS (company_spellings), key);
      case CRM_IMPORT_KIND_DEALS:
        return lookup (deal_spellings, G_N_ELEMENTS (deal_spellings), key);
      case CRM_IMPORT_KIND_ACTIVITIES:
        return lookup (activity_spellings, G_N_ELEMENTS (activity_spellings), key);
      case CRM_IMPORT_KIND_CONTACTS:
      default:
        return lookup (contact_spellings, G_N_ELEMENTS (contact_spellings), key);
    }
}

CrmImportField
crm_import_guess_field (CrmImportKind kind, const char *normalised)
{
  /* Prefixes the CRMs put before a field of a record of another kind: Pipedrive's
   * "Person - Name", "Deal - Title", "Organization - Name"; HubSpot's "Associated …". */
  static const struct
  {
    const char *prefix;
    CrmImportKind kind;
  } prefixes[] = {
    { "person", CRM_IMPORT_KIND_CONTACTS },
    { "contact", CRM_IMPORT_KIND_CONTACTS },
    { "deal", CRM_IMPORT_KIND_DEALS },
    { "organization", CRM_IMPORT_KIND_COMPANIES },
    { "organisation", CRM_IMPORT_KIND_COMPANIES },
    { "activity", CRM_IMPORT_KIND_ACTIVITIES },
  };
  CrmImportField field;

  if (normalised == NULL || *normalised == '\0')
    return CRM_IMPORT_FIELD_IGNORE;
  field = lookup_kind (kind, normalised);
  if (field != CRM_IMPORT_FIELD_IGNORE)
    return field;

  for (guint i = 0; i < G_N_ELEMENTS (prefixes); i++)
    {
      gsize length = strlen (prefixes[i].prefix);
      const char *rest = normalised + length;

      if (!g_str_has_prefix (normalised, prefixes[i].prefix) || *rest == '\0')
        continue;
      if (prefixes[i].kind == kind)
        return lookup_kind (kind, rest);
      /* A field of a linked record: its name is what links it. */
      if (strcmp (rest, "name") == 0 || strcmp (rest, "title") == 0)
        {
          if (prefixes[i].kind == CRM_IMPORT_KIND_COMPANIES
              && (kind == CRM_IMPORT_KIND_CONTACTS || kind == CRM_IMPORT_KIND_DEALS))
            return CRM_IMPORT_FIELD_COMPANY;
          if (prefixes[i].kind == CRM_IMPORT_KIND_CONTACTS
              && (kind == CRM_IMPORT_KIND_DEALS || kind == CRM_IMPORT_KIND_ACTIVITIES))
            return CRM_IMPORT_FIELD_CONTACT;
          if (prefixes[i].kind == CRM_IMPORT_KIND_DEALS && kind == CRM_IMPORT_KIND_ACTIVITIES)
            return CRM_IMPORT_FIELD_DEAL;
        }
    }
  return CRM_IMPORT_FIELD_IGNORE;
}

CrmImportKind
crm_import_guess_kind (GPtrArray *column_names)
{
  static const char *const deal_keys[] = {
    "dealname",          "dealstage",       "dealvalue", "amount",     "closedate",
    "expectedclosedate", "opportunityname", "dealtitle", "dealamount", "pipeline",
  };
  static const char *const activity_keys[] = {
    "activitytype", "subject", "duedate", "done", "markedasdonetime",
  };
  static const char *const person_keys[] = {
    "firstname",   "lastname", "givenname",   "familyname", "email",       "emailaddress",
    "email1value", "fullname", "contactname", "jobtitle",   "mobilephone", "personname",
  };
  static const char *const company_keys[] = {
    "companyname", "organizationname", "accountname", "companydomainname",
    "domain",      "industry",         "website",
  };
  guint n_deal = 0, n_activity = 0, n_person = 0, n_company = 0;

  for (guint i = 0; i < column_names->len; i++)
    {
      g_autofree char *key = crm_import_normalise_header (g_ptr_array_index (column_names, i));

      for (guint k = 0; k < G_N_ELEMENTS (deal_keys); k++)
        n_deal += strcmp (key, deal_keys[k]) == 0;
      for (guint k = 0; k < G_N_ELEMENTS (activity_keys); k++)
        n_activity += strcmp (key, activity_keys[k]) == 0;
      for (guint k = 0; k < G_N_ELEMENTS (person_keys); k++)
        n_person += strcmp (key, person_keys[k]) == 0;
      for (guint k = 0; k < G_N_ELEMENTS (company_keys); k++)
        n_company += strcmp (key, company_keys[k]) == 0;
    }
  if (n_deal >= 2)
    return CRM_IMPORT_KIND_DEALS;
  if (n_activity >= 2)
    return CRM_IMPORT_KIND_ACTIVITIES;
  if (n_company > 0 && n_person == 0)
    return CRM_IMPORT_KIND_COMPANIES;
  return CRM_IMPORT_KIND_CONTACTS;
}

char *
crm_import_type_from_header (const char *header)
{
  static const char *const words[] = { "work",  "home", "mobile", "cell",  "business",  "personal",
                                       "other", "main", "fax",    "pager", "secondary", "primary" };
  g_autofree char *key = crm_import_normalise_header (header);

  for (guint i = 0; i < G_N_ELEMENTS (words); i++)
    if (strstr (key, words[i]) != NULL)
      return g_strdup (words[i]);
  return NULL;
}

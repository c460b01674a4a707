/* crm-importer-mapping.c — what the importer knows about other programs' files: the fields each
 * kind offers, the header spellings of the big CRMs and address books (HubSpot, Pipedrive,
 * Salesforce, Zoho, Google Contacts, Outlook) and the ways they write dates, amounts, lifecycle
 * stages and yes/no. Header names are compared lower case with only letters and digits kept,
 * so "E-mail Address", "e_mail address" and "EMAIL-ADDRESS" are one spelling. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdlib.h>
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
  CRM_IMPORT_FIELD_DONE,   CRM_IMPORT_FIELD_CONTACT,       CRM_IMPORT_FIELD_DEAL,
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

/* ---- Values -------------------------------------------------------------------------------- */

gboolean
crm_import_cells_blank (char **cells, guint n)
{
  for (guint i = 0; i < n; i++)
    for (const char *p = cells[i]; *p != '\0'; p++)
      if (!g_ascii_isspace (*p))
        return FALSE;
  return TRUE;
}

static gboolean
is_blank (const char *text)
{
  if (text == NULL)
    return TRUE;
  for (; *text != '\0'; text++)
    if (!g_ascii_isspace (*text))
      return FALSE;
  return TRUE;
}

/* Reads 1–@max_digits digits into @value; advances @p. */
static gboolean
read_number (const char **p, guint max_digits, int *value)
{
  guint n = 0;
  int v = 0;

  while (n < max_digits && g_ascii_isdigit ((*p)[0]))
    {
      v = v * 10 + ((*p)[0] - '0');
      (*p)++;
      n++;
    }
  *value = v;
  return n > 0;
}

/* "HH:MM[:SS[.fff]][ AM|PM][Z|±HH[:MM]]" after a date; @p at its first digit. */
static gboolean
read_time (const char **p, int *hour, int *minute, double *second, GTimeZone **zone)
{
  int h = 0, m = 0, s = 0;

  if (!read_number (p, 2, &h) || **p != ':')
    return FALSE;
  (*p)++;
  if (!read_number (p, 2, &m))
    return FALSE;
  if (**p == ':')
    {
      (*p)++;
      if (!read_number (p, 2, &s))
        return FALSE;
      if (**p == '.' || **p == ',')
        {
          (*p)++;
          while (g_ascii_isdigit (**p))
            (*p)++;
        }
    }
  while (**p == ' ')
    (*p)++;
  if (g_ascii_strncasecmp (*p, "am", 2) == 0 || g_ascii_strncasecmp (*p, "pm", 2) == 0)
    {
      gboolean pm = g_ascii_tolower (**p) == 'p';

      if (h < 1 || h > 12)
        return FALSE;
      h = h % 12 + (pm ? 12 : 0);
      *p += 2;
    }
  if (**p == 'Z' || **p == 'z')
    {
      *zone = g_time_zone_new_utc ();
      (*p)++;
    }
  else if ((**p == '+' || **p == '-') && g_ascii_isdigit ((*p)[1]))
    {
      g_autofree char *identifier = g_strndup (*p, strspn (*p, "+-0123456789:"));

      *zone = g_time_zone_new_identifier (identifier);
      if (*zone == NULL)
        return FALSE;
      *p += strlen (identifier);
    }
  *hour = h;
  *minute = m;
  *second = s;
  return h < 24 && m < 60 && s < 62;
}

/* Reading the local zone costs a file read: once per process. */
static GTimeZone *
local_zone (void)
{
  static gsize zone = 0;

  if (g_once_init_enter (&zone))
    g_once_init_leave (&zone, (gsize) g_time_zone_new_local ());
  return g_time_zone_ref ((GTimeZone *) zone);
}

gboolean
crm_import_parse_time (const char *text, gint64 *unix_seconds)
{
  g_autoptr (GTimeZone) zone = NULL;
  g_autoptr (GDateTime) time = NULL;
  g_autofree char *trimmed = NULL;
  const char *p;
  int a = 0, b = 0, c = 0, year, month, day, hour = 0, minute = 0;
  double second = 0;
  char separator;

  *unix_seconds = 0;
  if (is_blank (text))
    return TRUE;
  trimmed = g_strstrip (g_strdup (text));
  p = trimmed;

  /* Unix seconds (HubSpot and others may give milliseconds). */
  if (strspn (p, "0123456789") == strlen (p))
    {
      gsize length = strlen (p);
      gint64 value;

      if (length < 9 || length > 13)
        return FALSE;
      value = g_ascii_strtoll (p, NULL, 10);
      *unix_seconds = length > 11 ? value / 1000 : value;
      return TRUE;
    }

  if (!read_number (&p, 4, &a))
    return FALSE;
  separator = *p;
  if (separator != '-' && separator != '/' && separator != '.')
    return FALSE;
  p++;
  if (!read_number (&p, 2, &b) || *p != separator)
    return FALSE;
  p++;
  if (!read_number (&p, 4, &c))
    return FALSE;

  if (a > 31)
    {
      /* 2024-03-01, 2024/03/01 */
      year = a, month = b, day = c;
    }
  else if (separator == '.' || a > 12)
    {
      /* 01.03.2024 (day first), 31/01/2024 */
      day = a, month = b, year = c;
    }
  else
    {
      /* 03/01/2024: the US order, unless the middle one cannot be a day */
      month = a, day = b, year = c;
    }
  if (year < 100)
    year += year < 70 ? 2000 : 1900;

  if (*p == 'T' || *p == 't' || *p == ' ')
    {
      while (*p == 'T' || *p == 't' || *p == ' ')
        p++;
      if (*p != '\0' && !read_time (&p, &hour, &minute, &second, &zone))
        return FALSE;
    }
  while (*p == ' ')
    p++;
  if (*p != '\0')
    return FALSE;
  if (month < 1 || month > 12 || day < 1 || day > 31 || year < 1 || year > 9999)
    return FALSE;

  if (zone == NULL)
    zone = local_zone ();
  time = g_date_time_new (zone, year, month, day, hour, minute, second);
  if (time == NULL)
    return FALSE;
  *unix_seconds = g_date_time_to_unix (time);
  return TRUE;
}

static const struct
{
  const char *symbol;
  const char *code;
} currency_symbols[] = {
  { "€", "EUR" },   { "$", "USD" },  { "£", "GBP" },  { "¥", "JPY" },  { "₹", "INR" },
  { "CHF", "CHF" }, { "kr", "SEK" }, { "zł", "PLN" }, { "R$", "BRL" },
};

gboolean
crm_import_parse_amount (const char *text, gint64 *minor, char **currency)
{
  GString *digits = g_string_new (NULL);
  g_autofree char *code = NULL;
  const char *p;
  int last_comma = -1, last_dot = -1, n_commas = 0, n_dots = 0;
  gboolean negative = FALSE;
  int decimal_at = -1;
  gint64 units = 0;
  int n_decimals = 0;
  gboolean ok = TRUE;

  *minor = 0;
  if (currency != NULL)
    *currency = NULL;
  if (is_blank (text))
    {
      g_string_free (digits, TRUE);
      return TRUE;
    }

  /* Keep digits and separators; note a currency symbol or code; ignore spaces (any kind),
   * apostrophes (Swiss thousands) and signs we understand. */
  for (p = text; *p != '\0' && ok;)
    {
      gunichar ch = g_utf8_get_char_validated (p, -1);
      gboolean matched = FALSE;

      if (ch == (gunichar) -1 || ch == (gunichar) -2)
        {
          ok = FALSE;
          break;
        }
      if (g_ascii_isdigit (*p))
        g_string_append_c (digits, *p);
      else if (*p == ',')
        {
          last_comma = digits->len, n_commas++;
          g_string_append_c (digits, ',');
        }
      else if (*p == '.')
        {
          last_dot = digits->len, n_dots++;
          g_string_append_c (digits, '.');
        }
      else if (*p == '-' || *p == '(')
        negative = TRUE;
      else if (g_unichar_isspace (ch) || ch == '\'' || ch == 0x2019 || *p == ')' || *p == '+')
        ;
      else if (g_ascii_isupper (p[0]) && g_ascii_isupper (p[1]) && g_ascii_isupper (p[2])
               && !g_ascii_isalpha (p[3]) && code == NULL)
        {
          code = g_strndup (p, 3);
          p += 3;
          continue;
        }
      else
        {
          for (guint i = 0; i < G_N_ELEMENTS (currency_symbols); i++)
            if (g_str_has_prefix (p, currency_symbols[i].symbol))
              {
                if (code == NULL)
                  code = g_strdup (currency_symbols[i].code);
                p += strlen (currency_symbols[i].symbol);
                matched = TRUE;
                break;
              }
          if (matched)
            continue;
          ok = FALSE;
          break;
        }
      p = g_utf8_next_char (p);
    }

  if (ok && digits->len > 0)
    {
      /* Which separator is the decimal one: the last of two kinds; one kind used once is
       * decimal unless exactly three digits follow it ("1,234" is a thousand). */
      if (n_commas > 0 && n_dots > 0)
        decimal_at = MAX (last_comma, last_dot);
      else if (n_commas == 1 || n_dots == 1)
        {
          int at = n_commas == 1 ? last_comma : last_dot;
          int after = (int) digits->len - at - 1;

          decimal_at = after == 3 ? -1 : at;
        }
      for (int i = 0; i < (int) digits->len && ok; i++)
        {
          char ch = digits->str[i];

          if (ch == ',' || ch == '.')
            continue;
          if (decimal_at >= 0 && i > decimal_at)
            {
              if (n_decimals >= 2)
                continue; /* cents are the smallest unit kept */
              n_decimals++;
            }
          if (units > G_MAXINT64 / 100)
            ok = FALSE;
          units = units * 10 + (ch - '0');
        }
      for (; n_decimals < 2; n_decimals++)
        units *= 10;
    }
  else
    ok = FALSE;

  g_string_free (digits, TRUE);
  if (!ok || negative)
    return FALSE;
  *minor = units;
  if (currency != NULL)
    *currency = g_steal_pointer (&code);
  return TRUE;
}

gboolean
crm_import_currency_is_valid (const char *code)
{
  return code != NULL && strlen (code) == 3 && g_ascii_isupper (code[0])
         && g_ascii_isupper (code[1]) && g_ascii_isupper (code[2]);
}

gboolean
crm_import_parse_lifecycle (const char *text, CrmLifecycleStage *stage)
{
  static const struct
  {
    const char *key;
    CrmLifecycleStage stage;
  } names[] = {
    { "lead", CRM_LIFECYCLE_LEAD },
    { "subscriber", CRM_LIFECYCLE_LEAD },
    { "new", CRM_LIFECYCLE_LEAD },
    { "open", CRM_LIFECYCLE_LEAD },
    { "other", CRM_LIFECYCLE_LEAD },
    { "unqualified", CRM_LIFECYCLE_LEAD },
    { "attemptedtocontact", CRM_LIFECYCLE_LEAD },
    { "inprogress", CRM_LIFECYCLE_LEAD },
    { "qualified", CRM_LIFECYCLE_QUALIFIED },
    { "marketingqualifiedlead", CRM_LIFECYCLE_QUALIFIED },
    { "salesqualifiedlead", CRM_LIFECYCLE_QUALIFIED },
    { "mql", CRM_LIFECYCLE_QUALIFIED },
    { "sql", CRM_LIFECYCLE_QUALIFIED },
    { "qualifiedlead", CRM_LIFECYCLE_QUALIFIED },
    { "opportunity", CRM_LIFECYCLE_OPPORTUNITY },
    { "prospect", CRM_LIFECYCLE_OPPORTUNITY },
    { "customer", CRM_LIFECYCLE_CUSTOMER },
    { "client", CRM_LIFECYCLE_CUSTOMER },
    { "won", CRM_LIFECYCLE_CUSTOMER },
    { "advocate", CRM_LIFECYCLE_ADVOCATE },
    { "evangelist", CRM_LIFECYCLE_ADVOCATE },
    { "promoter", CRM_LIFECYCLE_ADVOCATE },
    { "churned", CRM_LIFECYCLE_CHURNED },
    { "formercustomer", CRM_LIFECYCLE_CHURNED },
    { "churn", CRM_LIFECYCLE_CHURNED },
    { "lost", CRM_LIFECYCLE_CHURNED },
  };
  g_autofree char *key = NULL;

  *stage = CRM_LIFECYCLE_LEAD;
  if (is_blank (text))
    return TRUE;
  key = crm_import_normalise_header (text);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (strcmp (key, names[i].key) == 0)
      {
        *stage = names[i].stage;
        return TRUE;
      }
  /* The names Rapport shows, in the user's language. */
  for (int s = CRM_LIFECYCLE_LEAD; s <= CRM_LIFECYCLE_CHURNED; s++)
    {
      g_autofree char *label = crm_import_normalise_header (crm_lifecycle_stage_get_label (s));

      if (strcmp (key, label) == 0)
        {
          *stage = s;
          return TRUE;
        }
    }
  return FALSE;
}

gboolean
crm_import_parse_boolean (const char *text, gboolean *value)
{
  static const char *const yes[] = { "yes",     "y",        "true", "1",  "x",  "done", "completed",
                                     "checked", "resolved", "oui",  "ja", "si", "sí" };
  static const char *const no[]
      = { "no", "n", "false", "0", "notdone", "open", "pending", "unchecked", "non", "nein" };
  g_autofree char *key = NULL;

  *value = FALSE;
  if (is_blank (text))
    return TRUE;
  key = crm_import_normalise_header (text);
  for (guint i = 0; i < G_N_ELEMENTS (yes); i++)
    if (strcmp (key, yes[i]) == 0)
      return *value = TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (no); i++)
    if (strcmp (key, no[i]) == 0)
      return TRUE;
  return FALSE;
}

gboolean
crm_import_parse_activity_kind (const char *text, CrmActivityKind *kind)
{
  static const struct
  {
    const char *key;
    CrmActivityKind kind;
  } names[] = {
    { "call", CRM_ACTIVITY_CALL },       { "phonecall", CRM_ACTIVITY_CALL },
    { "phone", CRM_ACTIVITY_CALL },      { "email", CRM_ACTIVITY_EMAIL },
    { "mail", CRM_ACTIVITY_EMAIL },      { "meeting", CRM_ACTIVITY_MEETING },
    { "lunch", CRM_ACTIVITY_MEETING },   { "event", CRM_ACTIVITY_MEETING },
    { "note", CRM_ACTIVITY_NOTE },       { "task", CRM_ACTIVITY_TASK },
    { "todo", CRM_ACTIVITY_TASK },       { "deadline", CRM_ACTIVITY_TASK },
    { "support", CRM_ACTIVITY_SUPPORT }, { "supportcase", CRM_ACTIVITY_SUPPORT },
    { "case", CRM_ACTIVITY_SUPPORT },    { "ticket", CRM_ACTIVITY_SUPPORT },
  };
  g_autofree char *key = NULL;

  *kind = CRM_ACTIVITY_NOTE;
  if (is_blank (text))
    return TRUE;
  key = crm_import_normalise_header (text);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (strcmp (key, names[i].key) == 0)
      {
        *kind = names[i].kind;
        return TRUE;
      }
  for (int k = CRM_ACTIVITY_CALL; k <= CRM_ACTIVITY_SUPPORT; k++)
    {
      g_autofree char *label = crm_import_normalise_header (crm_activity_kind_get_label (k));

      if (strcmp (key, label) == 0)
        {
          *kind = k;
          return TRUE;
        }
    }
  return FALSE;
}

gboolean
crm_import_parse_probability (const char *text, int *percent)
{
  g_autofree char *trimmed = NULL;
  char *end = NULL;
  double value;

  *percent = -1;
  if (is_blank (text))
    return TRUE;
  trimmed = g_strstrip (g_strdup (text));
  g_strdelimit (trimmed, ",", '.');
  value = g_ascii_strtod (trimmed, &end);
  while (end != NULL && *end == ' ')
    end++;
  if (end == trimmed || (end != NULL && *end != '\0' && strcmp (end, "%") != 0))
    return FALSE;
  /* 0.4 is 40 % unless written with a percent sign. */
  if (value > 0 && value <= 1 && strchr (trimmed, '%') == NULL && strchr (trimmed, '.') != NULL)
    value *= 100;
  if (value < 0 || value > 100)
    return FALSE;
  *percent = (int) (value + 0.5);
  return TRUE;
}

char *
crm_import_name_key (const char *name)
{
  g_autofree char *folded = NULL;
  g_autofree char *ascii = NULL;
  GString *key;
  gboolean space = FALSE;

  if (name == NULL)
    return g_strdup ("");
  folded = g_utf8_casefold (name, -1);
  ascii = g_str_to_ascii (folded, "C");
  key = g_string_sized_new (strlen (ascii));
  /* Runs of anything but letters and digits are one space: "Smith,  John" ~ "smith john". */
  for (const char *p = ascii; *p != '\0'; p++)
    {
      if (g_ascii_isalnum (*p))
        {
          if (space && key->len > 0)
            g_string_append_c (key, ' ');
          g_string_append_c (key, g_ascii_tolower (*p));
          space = FALSE;
        }
      else
        space = TRUE;
    }
  return g_string_free (key, FALSE);
}

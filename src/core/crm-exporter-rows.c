/* crm-exporter-rows.c — the rows of an export as text: CSV records (every field, the names of
 * linked rows, money as a decimal amount and its currency, times as ISO 8601 UTC), vCard 4.0
 * cards and iCalendar components. CSV headers are English words that the importer recognises,
 * whatever the language of the user, so a file goes back in as it came out. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "crm-currency.h"
#include "crm-csv-writer.h"
#include "crm-exporter-private.h"
#include "crm-ical-writer.h"
#include "crm-vcard-writer.h"

struct _CrmExportWriter
{
  CrmExportKind kind;
  CrmExportFormat format;
  CrmCsvWriter *csv; /* CSV: the writer, whose buffer is ours */
  GString *text;     /* vCard, iCalendar */
};

static const char *const contact_headers[] = {
  "UUID",
  "Name",
  "E-mail",
  "Phone",
  "Job Title",
  "Company",
  "Lifecycle Stage",
  "Lead Source",
  "Owner",
  "Country",
  "Tags",
  "Lead Score",
  "Budget",
  "Budget Note",
  "Authority",
  "Authority Note",
  "Need",
  "Need Note",
  "Timeline",
  "Timeline Note",
  "Captured",
  "Last Contacted",
  "Record Created", /* not "Created", which importers read as the capture date */
  "Record Updated",
  "Notes",
};
static const char *const company_headers[] = {
  "UUID", "Name", "Website", "Industry", "Phone", "Country", "Owner", "Created", "Updated", "Notes",
};
static const char *const deal_headers[] = {
  "UUID",    "Deal Name", "Company",     "Contact",       "Pipeline", "Deal Stage",  "Stage Kind",
  "Amount",  "Currency",  "Probability", "Close Date",    "Owner",    "Lost Reason", "Expansion",
  "Created", "Updated",   "Closed",      "Stage Entered", "Notes",
};
static const char *const activity_headers[] = {
  "UUID",     "Activity Type", "Subject", "Contact", "Deal",    "Date",
  "Due Date", "Done",          "Done At", "Created", "Updated", "Notes",
};

CrmEntity
crm_export_kind_get_entity (CrmExportKind kind)
{
  switch (kind)
    {
      case CRM_EXPORT_CONTACTS:
        return CRM_ENTITY_CONTACT;
      case CRM_EXPORT_COMPANIES:
        return CRM_ENTITY_COMPANY;
      case CRM_EXPORT_DEALS:
        return CRM_ENTITY_DEAL;
      case CRM_EXPORT_ACTIVITIES:
      case CRM_EXPORT_TASKS:
        return CRM_ENTITY_ACTIVITY;
      case CRM_EXPORT_DATABASE:
      case CRM_EXPORT_N_KINDS:
      default:
        break;
    }
  g_return_val_if_reached (CRM_ENTITY_CONTACT);
}

CrmExportRows
crm_export_kind_get_rows (CrmExportKind kind)
{
  return kind == CRM_EXPORT_TASKS ? CRM_EXPORT_ROWS_TASKS_AND_MEETINGS : CRM_EXPORT_ROWS_ALL;
}

CrmExportWriter *
crm_export_writer_new (CrmExportKind kind, CrmExportFormat format, gboolean raw)
{
  CrmExportWriter *self = g_new0 (CrmExportWriter, 1);

  g_return_val_if_fail (crm_export_kind_supports_format (kind, format), NULL);
  g_return_val_if_fail (format != CRM_EXPORT_FORMAT_DATABASE, NULL);

  self->kind = kind;
  self->format = format;
  if (format == CRM_EXPORT_FORMAT_CSV)
    self->csv = crm_csv_writer_new (raw ? CRM_CSV_WRITER_RAW : CRM_CSV_WRITER_NONE);
  else
    self->text = g_string_sized_new (64 * 1024);
  return self;
}

void
crm_export_writer_free (CrmExportWriter *self)
{
  if (self == NULL)
    return;
  crm_csv_writer_free (self->csv);
  if (self->text != NULL)
    g_string_free (self->text, TRUE);
  g_free (self);
}

GString *
crm_export_writer_get_buffer (CrmExportWriter *self)
{
  return self->csv != NULL ? crm_csv_writer_get_buffer (self->csv) : self->text;
}

void
crm_export_writer_begin (CrmExportWriter *self)
{
  const char *const *headers = NULL;
  guint n_headers = 0;

  if (self->format == CRM_EXPORT_FORMAT_ICALENDAR)
    {
      crm_ical_write_begin (self->text, "-//Rapport//Rapport " PACKAGE_VERSION "//EN");
      return;
    }
  if (self->format != CRM_EXPORT_FORMAT_CSV)
    return;

  switch (self->kind)
    {
      case CRM_EXPORT_CONTACTS:
        headers = contact_headers;
        n_headers = G_N_ELEMENTS (contact_headers);
        break;
      case CRM_EXPORT_COMPANIES:
        headers = company_headers;
        n_headers = G_N_ELEMENTS (company_headers);
        break;
      case CRM_EXPORT_DEALS:
        headers = deal_headers;
        n_headers = G_N_ELEMENTS (deal_headers);
        break;
      case CRM_EXPORT_ACTIVITIES:
      case CRM_EXPORT_TASKS:
        headers = activity_headers;
        n_headers = G_N_ELEMENTS (activity_headers);
        break;
      case CRM_EXPORT_DATABASE:
      case CRM_EXPORT_N_KINDS:
      default:
        g_return_if_reached ();
    }
  crm_csv_writer_add_row (self->csv, headers, n_headers);
}

void
crm_export_writer_end (CrmExportWriter *self)
{
  if (self->format == CRM_EXPORT_FORMAT_ICALENDAR)
    crm_ical_write_end (self->text);
}

/* ---- CSV ----------------------------------------------------------------------------------- */

/* @time as ISO 8601 UTC, "2026-12-06T12:52:41Z"; NULL (an empty cell) for 0. */
static char *
format_time (gint64 time)
{
  g_autoptr (GDateTime) utc = NULL;

  if (time == 0)
    return NULL;
  utc = g_date_time_new_from_unix_utc (time);
  if (utc == NULL)
    return NULL;
  return g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ");
}

static void
add_time (CrmCsvWriter *csv, gint64 time)
{
  g_autofree char *text = format_time (time);

  crm_csv_writer_add (csv, text);
}

static void
add_bant (CrmCsvWriter *csv, CrmBantAnswer answer, const char *note)
{
  crm_csv_writer_add (csv, crm_bant_answer_to_string (answer));
  crm_csv_writer_add (csv, note);
}

/* The tags in one cell: "a, b" as CRMs write them; one per line (ending in a line break, even
 * alone) when a tag's name holds a comma or a semicolon, which the importer would split on. */
static char *
dup_tags_cell (const char *const *tags)
{
  for (guint i = 0; tags != NULL && tags[i] != NULL; i++)
    if (strpbrk (tags[i], ",;") != NULL)
      {
        g_autofree char *lines = g_strjoinv ("\n", (char **) tags);

        return g_strconcat (lines, "\n", NULL);
      }
  return tags != NULL ? g_strjoinv (", ", (char **) tags) : g_strdup ("");
}

static void
write_contact_csv (CrmCsvWriter *csv, const CrmExportRow *row)
{
  const CrmContactRecord *contact = row->record;
  g_autofree char *tags = dup_tags_cell (row->tags);

  crm_csv_writer_add (csv, contact->uuid);
  crm_csv_writer_add (csv, contact->name);
  crm_csv_writer_add (csv, contact->email);
  crm_csv_writer_add (csv, contact->phone);
  crm_csv_writer_add (csv, contact->title);
  crm_csv_writer_add (csv, contact->company_name);
  crm_csv_writer_add (csv, crm_lifecycle_stage_to_string (contact->lifecycle));
  crm_csv_writer_add (csv, row->source_name);
  crm_csv_writer_add (csv, contact->owner);
  crm_csv_writer_add (csv, contact->country);
  crm_csv_writer_add (csv, tags);
  crm_csv_writer_add_printf (csv, "%d", contact->score);
  add_bant (csv, contact->bant_budget, contact->bant_budget_note);
  add_bant (csv, contact->bant_authority, contact->bant_authority_note);
  add_bant (csv, contact->bant_need, contact->bant_need_note);
  add_bant (csv, contact->bant_timeline, contact->bant_timeline_note);
  add_time (csv, contact->captured_at);
  add_time (csv, contact->last_contacted_at);
  add_time (csv, contact->created_at);
  add_time (csv, contact->updated_at);
  crm_csv_writer_add (csv, contact->notes);
}

static void
write_company_csv (CrmCsvWriter *csv, const CrmExportRow *row)
{
  const CrmCompanyRecord *company = row->record;

  crm_csv_writer_add (csv, company->uuid);
  crm_csv_writer_add (csv, company->name);
  crm_csv_writer_add (csv, company->website);
  crm_csv_writer_add (csv, company->industry);
  crm_csv_writer_add (csv, company->phone);
  crm_csv_writer_add (csv, company->country);
  crm_csv_writer_add (csv, company->owner);
  add_time (csv, company->created_at);
  add_time (csv, company->updated_at);
  crm_csv_writer_add (csv, company->notes);
}

static void
write_deal_csv (CrmCsvWriter *csv, const CrmExportRow *row)
{
  const CrmDealRecord *deal = row->record;
  g_autofree char *amount
      = crm_csv_format_decimal (deal->value_minor, crm_currency_get_digits (deal->currency));
  int probability
      = deal->probability_override >= 0 ? deal->probability_override : row->stage_probability;

  crm_csv_writer_add (csv, deal->uuid);
  crm_csv_writer_add (csv, deal->title);
  crm_csv_writer_add (csv, row->company_name);
  crm_csv_writer_add (csv, row->contact_name);
  crm_csv_writer_add (csv, row->pipeline_name);
  crm_csv_writer_add (csv, row->stage_name);
  crm_csv_writer_add (csv, row->stage_kind);
  crm_csv_writer_add (csv, amount);
  crm_csv_writer_add (csv, deal->currency);
  crm_csv_writer_add_printf (csv, "%d", probability);
  add_time (csv, deal->expected_close);
  crm_csv_writer_add (csv, deal->owner);
  crm_csv_writer_add (csv, row->lost_reason_name);
  crm_csv_writer_add (csv, deal->is_expansion ? "yes" : "no");
  add_time (csv, deal->created_at);
  add_time (csv, deal->updated_at);
  add_time (csv, deal->closed_at);
  add_time (csv, deal->stage_entered_at);
  crm_csv_writer_add (csv, deal->notes);
}

static void
write_activity_csv (CrmCsvWriter *csv, const CrmExportRow *row)
{
  const CrmActivityRecord *activity = row->record;

  crm_csv_writer_add (csv, activity->uuid);
  crm_csv_writer_add (csv, crm_activity_kind_to_string (activity->kind));
  crm_csv_writer_add (csv, activity->subject);
  crm_csv_writer_add (csv, row->contact_name);
  crm_csv_writer_add (csv, row->deal_title);
  add_time (csv, activity->occurred_at);
  add_time (csv, activity->due_at);
  crm_csv_writer_add (csv, activity->done ? "yes" : "no");
  add_time (csv, activity->done_at);
  add_time (csv, activity->created_at);
  add_time (csv, activity->updated_at);
  crm_csv_writer_add (csv, activity->notes);
}

/* ---- vCard and iCalendar ------------------------------------------------------------------ */

static void
write_contact_vcard (GString *out, const CrmExportRow *row)
{
  const CrmContactRecord *contact = row->record;
  g_autofree char *family_name = NULL;
  g_autofree char *given_name = NULL;
  CrmVCardFields card = { 0 };

  crm_vcard_split_name (contact->name, &family_name, &given_name);
  card.uid = contact->uuid;
  card.formatted_name = contact->name;
  card.family_name = family_name;
  card.given_name = given_name;
  card.email = contact->email;
  card.phone = contact->phone;
  card.organization = contact->company_name;
  card.title = contact->title;
  card.note = contact->notes;
  card.categories = row->tags;
  card.revision = contact->updated_at;
  crm_vcard_write (out, &card);
}

/* The notes, then who and what the activity is about (translated: the user reads it in the
 * calendar). */
static char *
describe_activity (const CrmActivityRecord *activity, const CrmExportRow *row)
{
  GString *text = g_string_new (activity->notes);

  if (row->contact_name != NULL || row->deal_title != NULL)
    {
      if (text->len > 0)
        g_string_append (text, "\n\n");
      if (row->contact_name != NULL)
        g_string_append_printf (text, _ ("Contact: %s"), row->contact_name);
      if (row->contact_name != NULL && row->deal_title != NULL)
        g_string_append_c (text, '\n');
      if (row->deal_title != NULL)
        g_string_append_printf (text, _ ("Deal: %s"), row->deal_title);
    }
  return g_string_free (text, FALSE);
}

static void
write_activity_ical (GString *out, const CrmExportRow *row)
{
  const CrmActivityRecord *activity = row->record;
  g_autofree char *description = describe_activity (activity, row);
  CrmICalComponent component = { 0 };

  component.uid = activity->uuid;
  component.summary = activity->subject;
  component.description = description;
  component.stamp
      = activity->updated_at != 0 ? activity->updated_at : g_get_real_time () / G_USEC_PER_SEC;
  component.created = activity->created_at;
  component.last_modified = activity->updated_at;
  if (activity->kind == CRM_ACTIVITY_MEETING)
    {
      component.kind = CRM_ICAL_EVENT;
      /* When it takes place; a meeting planned by its due time only, else when it was logged. */
      component.start = activity->occurred_at;
      if (component.start == 0)
        component.start = activity->due_at;
      if (component.start == 0)
        component.start = activity->created_at;
    }
  else
    {
      component.kind = CRM_ICAL_TODO;
      component.due = activity->due_at;
      component.completed = activity->done;
      component.completed_at = activity->done_at;
    }
  crm_ical_write_component (out, &component);
}

void
crm_export_writer_add_row (CrmExportWriter *self, const CrmExportRow *row)
{
  if (self->format == CRM_EXPORT_FORMAT_VCARD)
    {
      write_contact_vcard (self->text, row);
      return;
    }
  if (self->format == CRM_EXPORT_FORMAT_ICALENDAR)
    {
      write_activity_ical (self->text, row);
      return;
    }

  switch (row->entity)
    {
      case CRM_ENTITY_CONTACT:
        write_contact_csv (self->csv, row);
        break;
      case CRM_ENTITY_COMPANY:
        write_company_csv (self->csv, row);
        break;
      case CRM_ENTITY_DEAL:
        write_deal_csv (self->csv, row);
        break;
      case CRM_ENTITY_ACTIVITY:
        write_activity_csv (self->csv, row);
        break;
      default:
        g_return_if_reached ();
    }
  crm_csv_writer_end_row (self->csv);
}

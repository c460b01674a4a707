/* crm-ical-writer.c — VCALENDAR / VTODO / VEVENT content lines. */
#include "crm-ical-writer.h"

#include "crm-content-line.h"

#define DEFAULT_EVENT_SECONDS 3600

static void
append_time (GString *out, GString *line, const char *name, gint64 time)
{
  g_autofree char *text = NULL;

  if (time == 0)
    return;
  text = crm_content_line_format_time (time);
  g_string_printf (line, "%s:%s", name, text);
  crm_content_line_append (out, line->str);
}

static void
append_text (GString *out, GString *line, const char *name, const char *value)
{
  if (value == NULL || value[0] == '\0')
    return;
  g_string_assign (line, name);
  g_string_append_c (line, ':');
  crm_content_line_escape_text (line, value);
  crm_content_line_append (out, line->str);
}

void
crm_ical_write_begin (GString *out, const char *product_id)
{
  g_autoptr (GString) line = g_string_new (NULL);

  crm_content_line_append (out, "BEGIN:VCALENDAR");
  crm_content_line_append (out, "VERSION:2.0");
  append_text (out, line, "PRODID", product_id);
  crm_content_line_append (out, "CALSCALE:GREGORIAN");
}

void
crm_ical_write_end (GString *out)
{
  crm_content_line_append (out, "END:VCALENDAR");
}

void
crm_ical_write_component (GString *out, const CrmICalComponent *component)
{
  gboolean event = component->kind == CRM_ICAL_EVENT;
  const char *name = event ? "VEVENT" : "VTODO";
  g_autoptr (GString) line = g_string_new (NULL);

  g_string_printf (line, "BEGIN:%s", name);
  crm_content_line_append (out, line->str);
  append_text (out, line, "UID", component->uid);
  append_time (out, line, "DTSTAMP", component->stamp);
  append_time (out, line, "CREATED", component->created);
  append_time (out, line, "LAST-MODIFIED", component->last_modified);
  append_text (out, line, "SUMMARY", component->summary);
  append_text (out, line, "DESCRIPTION", component->description);

  if (event)
    {
      gint64 end = component->end;

      /* An event without an end lasts a default hour (and never ends before it starts). */
      if (end <= component->start)
        end = component->start + DEFAULT_EVENT_SECONDS;
      append_time (out, line, "DTSTART", component->start);
      append_time (out, line, "DTEND", end);
    }
  else
    {
      append_time (out, line, "DUE", component->due);
      crm_content_line_append (out,
                               component->completed ? "STATUS:COMPLETED" : "STATUS:NEEDS-ACTION");
      if (component->completed)
        append_time (out, line, "COMPLETED", component->completed_at);
    }

  g_string_printf (line, "END:%s", name);
  crm_content_line_append (out, line->str);
}

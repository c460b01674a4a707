/* crm-ical-writer.h — writes tasks and meetings as iCalendar (RFC 5545): a VCALENDAR with
 * PRODID and VERSION:2.0 holding VTODO (task) and VEVENT (meeting) components; times in UTC
 * ("…Z"); text escaped and lines folded like vCard's (crm-content-line.h). GNOME Calendar and
 * Evolution read it. GLib only. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  CRM_ICAL_TODO,  /* VTODO */
  CRM_ICAL_EVENT, /* VEVENT */
} CrmICalComponentKind;

/* Times are unix seconds, 0 meaning "not set" (left out). */
typedef struct
{
  CrmICalComponentKind kind;
  const char *uid;         /* required: the row's UUID */
  const char *summary;     /* SUMMARY */
  const char *description; /* DESCRIPTION */
  gint64 stamp;            /* DTSTAMP (required): when the information was last revised */
  gint64 created;          /* CREATED */
  gint64 last_modified;    /* LAST-MODIFIED */
  gint64 start;            /* DTSTART: an event's start (required for events) */
  gint64 end;              /* DTEND of an event; 0: one hour after its start */
  gint64 due;              /* DUE of a to-do */
  gboolean completed;      /* to-do: STATUS:COMPLETED, else STATUS:NEEDS-ACTION */
  gint64 completed_at;     /* to-do: COMPLETED */
} CrmICalComponent;

/* BEGIN:VCALENDAR, VERSION:2.0, PRODID:@product_id, CALSCALE:GREGORIAN. */
void
crm_ical_write_begin (GString *out, const char *product_id);
void
crm_ical_write_component (GString *out, const CrmICalComponent *component);
/* END:VCALENDAR. */
void
crm_ical_write_end (GString *out);

G_END_DECLS

/* crm-date-format.c — local dates and times, shown and read (see the header). */
#include "config.h"

#include "crm-date-format.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "crm-tasks.h"

static char *
format_local (gint64 unix_utc, const char *format)
{
  g_autoptr (GDateTime) date = NULL;

  if (unix_utc == 0)
    return NULL;
  date = g_date_time_new_from_unix_local (unix_utc);
  return date != NULL ? g_date_time_format (date, format) : NULL;
}

char *
crm_date_format_day (gint64 unix_utc)
{
  /* Translators: a day, as g_date_time_format() takes it. */
  return format_local (unix_utc, C_ ("detail date", "%b %-d, %Y"));
}

char *
crm_date_format_day_time (gint64 unix_utc)
{
  /* Translators: a day and time, as g_date_time_format() takes it. */
  return format_local (unix_utc, C_ ("detail date and time", "%b %-d, %Y, %H:%M"));
}

gboolean
crm_date_is_day_only (gint64 unix_utc)
{
  return crm_tasks_is_day_only (unix_utc);
}

gboolean
crm_date_is_overdue (gint64 due_at, gint64 now)
{
  g_autoptr (GDateTime) day = NULL;
  g_autoptr (GDateTime) next_day = NULL;

  if (!crm_date_is_day_only (due_at))
    return due_at < now;
  day = g_date_time_new_from_unix_local (due_at);
  next_day = g_date_time_add_days (day, 1);
  return next_day != NULL && g_date_time_to_unix (next_day) <= now;
}

char *
crm_date_format_due (gint64 due_at)
{
  return crm_date_is_day_only (due_at) ? crm_date_format_day (due_at)
                                       : crm_date_format_day_time (due_at);
}

char *
crm_date_format_iso_day (gint64 unix_utc)
{
  return format_local (unix_utc, "%Y-%m-%d");
}

char *
crm_date_format_iso_time (gint64 unix_utc)
{
  return format_local (unix_utc, "%H:%M");
}

gboolean
crm_date_parse (const char *day_text, const char *time_text, gint64 *unix_utc)
{
  int year, month, day, hour = 0, minute = 0;
  char extra;
  g_autoptr (GDateTime) date = NULL;

  if (day_text == NULL || sscanf (day_text, "%4d-%2d-%2d%c", &year, &month, &day, &extra) != 3)
    return FALSE;
  if (time_text != NULL && time_text[0] != '\0'
      && (sscanf (time_text, "%2d:%2d%c", &hour, &minute, &extra) != 2 || hour < 0 || hour > 23
          || minute < 0 || minute > 59))
    return FALSE;
  date = g_date_time_new_local (year, month, day, hour, minute, 0);
  if (date == NULL)
    return FALSE;
  *unix_utc = g_date_time_to_unix (date);
  return TRUE;
}

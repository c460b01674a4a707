/* crm-date-format.h — dates and times as the detail pane and its dialogs show and read them:
 * in the user's time zone, written as the translation says (English: "Mar 3, 2024" and
 * "Mar 3, 2024, 14:05"), and read back from "YYYY-MM-DD" and "HH:MM".
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The day of @unix_utc, or NULL for 0. */
char *
crm_date_format_day (gint64 unix_utc);
/* The day and time of @unix_utc, or NULL for 0. */
char *
crm_date_format_day_time (gint64 unix_utc);
/* "2024-03-03" and "14:05" of @unix_utc in the local time zone (for entry fields). */
char *
crm_date_format_iso_day (gint64 unix_utc);
char *
crm_date_format_iso_time (gint64 unix_utc);

/* Whether @unix_utc is a local midnight: a task due then is due on that day, without a time
 * (the due date was given without one). */
gboolean
crm_date_is_day_only (gint64 unix_utc);
/* Whether a task due at @due_at is late at @now: past its time, or for a day without a time,
 * once that day is over. */
gboolean
crm_date_is_overdue (gint64 due_at, gint64 now);
/* When a task is due: its day alone for a day without a time, else its day and time. */
char *
crm_date_format_due (gint64 due_at);

/* Reads "YYYY-MM-DD" and, when @time_text is not empty, "HH:MM" (else midnight) as a local
 * time; FALSE when either is not a valid date or time. */
gboolean
crm_date_parse (const char *day_text, const char *time_text, gint64 *unix_utc);

G_END_DECLS

/* crm-content-line.h — the "content lines" that vCard (RFC 6350) and iCalendar (RFC 5545) are
 * made of: NAME[;PARAMS]:VALUE, text values escaped, lines folded at 75 octets, CRLF ended.
 * Shared by the vCard and iCalendar writers. GLib only. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Appends @text escaped as a TEXT value: backslash, comma and semicolon get a backslash, and
 * every line break (CRLF, CR or LF) becomes "\n". Invalid UTF-8 is replaced first. */
void
crm_content_line_escape_text (GString *out, const char *text);

/* Appends the content line @line (unescaped structure, already escaped values) to @out,
 * folded so that no line is longer than 75 octets (the CRLF not counted) — each continuation
 * starts with one space — never splitting a UTF-8 sequence, and ends it with CRLF. */
void
crm_content_line_append (GString *out, const char *line);

/* @time (unix seconds) as a UTC DATE-TIME, "20261206T125241Z". */
char *
crm_content_line_format_time (gint64 time);

G_END_DECLS

/* crm-content-line.c — escaping and folding of vCard and iCalendar content lines. */
#include "crm-content-line.h"

#include <string.h>

#define MAX_LINE_OCTETS 75

void
crm_content_line_escape_text (GString *out, const char *text)
{
  g_autofree char *valid = NULL;

  if (text == NULL)
    return;
  if (!g_utf8_validate (text, -1, NULL))
    text = valid = g_utf8_make_valid (text, -1);

  for (const char *p = text; *p != '\0'; p++)
    switch (*p)
      {
        case '\\':
        case ',':
        case ';':
          g_string_append_c (out, '\\');
          g_string_append_c (out, *p);
          break;
        case '\r':
          if (p[1] == '\n')
            p++;
          G_GNUC_FALLTHROUGH;
        case '\n':
          g_string_append (out, "\\n");
          break;
        default:
          g_string_append_c (out, *p);
          break;
      }
}

/* The length of the longest prefix of @text (of @length octets) that fits in @room octets and
 * does not end inside a UTF-8 sequence. */
static gsize
fitting_prefix (const char *text, gsize length, gsize room)
{
  gsize cut;

  if (length <= room)
    return length;
  cut = room;
  /* Step back over continuation bytes (10xxxxxx) to the start of the character at the cut. */
  while (cut > 0 && ((guchar) text[cut] & 0xC0) == 0x80)
    cut--;
  return cut;
}

void
crm_content_line_append (GString *out, const char *line)
{
  gsize length = strlen (line);
  gsize room = MAX_LINE_OCTETS;

  for (;;)
    {
      gsize part = fitting_prefix (line, length, room);

      g_string_append_len (out, line, (gssize) part);
      g_string_append (out, "\r\n");
      line += part;
      length -= part;
      if (length == 0)
        break;
      /* A continuation line starts with a space, which counts towards its 75 octets. */
      g_string_append_c (out, ' ');
      room = MAX_LINE_OCTETS - 1;
    }
}

char *
crm_content_line_format_time (gint64 time)
{
  g_autoptr (GDateTime) utc = g_date_time_new_from_unix_utc (time);

  if (utc == NULL)
    return g_strdup ("19700101T000000Z");
  return g_date_time_format (utc, "%Y%m%dT%H%M%SZ");
}

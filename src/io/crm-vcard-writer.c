/* crm-vcard-writer.c — vCard 4.0 cards, content lines through crm-content-line.c. */
#include "crm-vcard-writer.h"

#include <string.h>

#include "crm-content-line.h"

/* Appends NAME:escaped-value as a folded line when @value is set (or @always). */
static void
append_text (GString *out, GString *line, const char *name, const char *value, gboolean always)
{
  if ((value == NULL || value[0] == '\0') && !always)
    return;
  g_string_assign (line, name);
  g_string_append_c (line, ':');
  crm_content_line_escape_text (line, value);
  crm_content_line_append (out, line->str);
}

static gboolean
is_set (const char *text)
{
  return text != NULL && text[0] != '\0';
}

void
crm_vcard_write (GString *out, const CrmVCardFields *card)
{
  g_autoptr (GString) line = g_string_new (NULL);

  crm_content_line_append (out, "BEGIN:VCARD");
  crm_content_line_append (out, "VERSION:4.0");
  append_text (out, line, "FN", card->formatted_name, TRUE);

  if (is_set (card->family_name) || is_set (card->given_name))
    {
      /* Family; given; additional; prefixes; suffixes — components escaped one by one. */
      g_string_assign (line, "N:");
      crm_content_line_escape_text (line, card->family_name);
      g_string_append_c (line, ';');
      crm_content_line_escape_text (line, card->given_name);
      g_string_append (line, ";;;");
      crm_content_line_append (out, line->str);
    }

  append_text (out, line, "EMAIL", card->email, FALSE);
  append_text (out, line, "TEL;VALUE=text", card->phone, FALSE);
  append_text (out, line, "ORG", card->organization, FALSE);
  append_text (out, line, "TITLE", card->title, FALSE);
  append_text (out, line, "NOTE", card->note, FALSE);

  if (card->categories != NULL && card->categories[0] != NULL)
    {
      gboolean first = TRUE;

      g_string_assign (line, "CATEGORIES:");
      for (guint i = 0; card->categories[i] != NULL; i++)
        {
          if (card->categories[i][0] == '\0')
            continue;
          if (!first)
            g_string_append_c (line, ',');
          crm_content_line_escape_text (line, card->categories[i]);
          first = FALSE;
        }
      if (!first)
        crm_content_line_append (out, line->str);
    }

  if (is_set (card->uid))
    {
      g_string_assign (line, "UID:urn:uuid:");
      crm_content_line_escape_text (line, card->uid);
      crm_content_line_append (out, line->str);
    }
  if (card->revision != 0)
    {
      g_autofree char *time = crm_content_line_format_time (card->revision);

      g_string_printf (line, "REV:%s", time);
      crm_content_line_append (out, line->str);
    }
  crm_content_line_append (out, "END:VCARD");
}

void
crm_vcard_split_name (const char *name, char **family_name, char **given_name)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (name != NULL ? name : ""));
  char *space = strrchr (trimmed, ' ');

  if (space == NULL)
    {
      *family_name = g_strdup ("");
      *given_name = g_steal_pointer (&trimmed);
      return;
    }
  *family_name = g_strdup (space + 1);
  *space = '\0';
  *given_name = g_strdup (g_strchomp (trimmed));
}

/* crm-importer-values.c — the ways other programs write values, read into Rapport's: dates
 * (ISO 8601, "2024-03-01 10:00", "03/01/2024", "01.03.2024", unix seconds), amounts (thousands
 * separators, decimal commas, currency symbols and codes) into thousandths, then the minor units
 * of their currency, lifecycle stages
 * (HubSpot's "marketingqualifiedlead", "evangelist", …), yes/no, activity types and
 * probabilities, and the case- and accent-blind keys names are compared by. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdlib.h>
#include <string.h>

#include "crm-currency.h"
#include "crm-importer-private.h"

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
crm_import_parse_amount (const char *text, gint64 *thousandths, char **currency)
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

  *thousandths = 0;
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
          /* A thousands group follows 1–3 digits that do not start with 0 ("0.125" is not). */
          gboolean grouped = after == 3 && at >= 1 && at <= 3 && digits->str[0] != '0';

          decimal_at = grouped ? -1 : at;
        }
      for (int i = 0; i < (int) digits->len && ok; i++)
        {
          char ch = digits->str[i];

          if (ch == ',' || ch == '.')
            continue;
          if (decimal_at >= 0 && i > decimal_at)
            {
              if (n_decimals >= 3)
                continue; /* thousandths: the smallest minor unit of any currency */
              n_decimals++;
            }
          if (units > G_MAXINT64 / 1000)
            ok = FALSE;
          units = units * 10 + (ch - '0');
        }
      for (; n_decimals < 3; n_decimals++)
        units *= 10;
    }
  else
    ok = FALSE;

  g_string_free (digits, TRUE);
  if (!ok || negative)
    return FALSE;
  *thousandths = units;
  if (currency != NULL)
    *currency = g_steal_pointer (&code);
  return TRUE;
}

gboolean
crm_import_amount_to_minor (gint64 thousandths, const char *currency, gint64 *minor)
{
  gint64 divisor = 1;

  for (guint digits = crm_currency_get_digits (currency); digits < 3; digits++)
    divisor *= 10;
  /* Half away from zero (amounts are never negative here). */
  *minor = (thousandths + divisor / 2) / divisor;
  return thousandths % divisor == 0;
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

/* crm-fractional-index.c — order keys that always have room between them.
 *
 * A deal's place in its stage is a string over "0-9a-z" compared bytewise. Between any two keys
 * there is always another key, so moving a card rewrites only that card's row (never its
 * neighbours). Keys never end in '0' (so there is always room before them). */
#include "crm-fractional-index.h"

#include <string.h>

static const char digits[] = "0123456789abcdefghijklmnopqrstuvwxyz";
#define BASE 36

static int
digit_value (char c)
{
  const char *p = c != '\0' ? strchr (digits, c) : NULL;
  return p != NULL ? (int) (p - digits) : -1;
}

gboolean
crm_fractional_index_is_valid (const char *key)
{
  gsize length;

  if (key == NULL || key[0] == '\0')
    return FALSE;
  for (const char *p = key; *p != '\0'; p++)
    if (digit_value (*p) < 0)
      return FALSE;
  length = strlen (key);
  return key[length - 1] != '0';
}

/* @lower may be "" (no lower bound), @upper may be NULL (no upper bound); lower < upper. */
static void
append_midpoint (GString *out, const char *lower, const char *upper)
{
  int digit_lower, digit_upper;

  if (upper != NULL)
    {
      gsize n = 0;
      gsize lower_length = strlen (lower);
      while ((n < lower_length ? lower[n] : '0') == upper[n])
        n++;
      if (n > 0)
        {
          g_string_append_len (out, upper, (gssize) n);
          append_midpoint (out, lower_length >= n ? lower + n : "", upper + n);
          return;
        }
    }

  digit_lower = lower[0] != '\0' ? digit_value (lower[0]) : 0;
  digit_upper = upper != NULL ? digit_value (upper[0]) : BASE;

  if (digit_upper - digit_lower > 1)
    {
      g_string_append_c (out, digits[(digit_lower + digit_upper + 1) / 2]);
      return;
    }
  if (upper != NULL && upper[1] != '\0')
    {
      g_string_append_c (out, upper[0]);
      return;
    }
  g_string_append_c (out, digits[digit_lower]);
  append_midpoint (out, lower[0] != '\0' ? lower + 1 : "", NULL);
}

/* A key after @lower with nothing above it (an append): @lower's first 2k + 2 digits, k being
 * its number of leading 'z's, counted up by one. Keys of k leading 'z's have k + 2 digits to
 * count with, so n appends in a row give keys of length O(log n), not O(n) as halving the room
 * above the last key each time would. */
static char *
key_after (const char *lower)
{
  gsize n_leading_z = strspn (lower, "z");
  gsize width = 2 * n_leading_z + 2;
  gsize lower_length = strlen (lower);
  GString *out = g_string_sized_new (width);
  gssize i;

  for (gsize w = 0; w < width; w++)
    g_string_append_c (out, w < lower_length ? lower[w] : '0');
  /* The digit at n_leading_z is not 'z', so the carry stops there at the latest. */
  for (i = (gssize) width - 1; i >= 0; i--)
    {
      int value = digit_value (out->str[i]);

      if (value < BASE - 1)
        {
          out->str[i] = digits[value + 1];
          break;
        }
      out->str[i] = '0';
    }
  while (out->len > 1 && out->str[out->len - 1] == '0')
    g_string_truncate (out, out->len - 1);
  return g_string_free (out, FALSE);
}

char *
crm_fractional_index_between (const char *lower, const char *upper)
{
  GString *out;

  g_return_val_if_fail (lower == NULL || crm_fractional_index_is_valid (lower), NULL);
  g_return_val_if_fail (upper == NULL || crm_fractional_index_is_valid (upper), NULL);
  g_return_val_if_fail (lower == NULL || upper == NULL || strcmp (lower, upper) < 0, NULL);

  if (lower != NULL && upper == NULL)
    return key_after (lower);
  out = g_string_new (NULL);
  append_midpoint (out, lower != NULL ? lower : "", upper);
  return g_string_free (out, FALSE);
}

char **
crm_fractional_index_spread (guint n_keys)
{
  char **keys = g_new0 (char *, n_keys + 1);
  /* Evenly spaced two-digit-or-longer keys: enough room for many moves in between. */
  guint width = 1;
  guint capacity = BASE - 1;

  while (capacity < n_keys + 1)
    {
      width++;
      capacity = capacity * BASE;
    }
  for (guint i = 0; i < n_keys; i++)
    {
      guint64 value = ((guint64) (i + 1) * capacity) / (n_keys + 1);
      GString *key = g_string_sized_new (width);

      for (guint w = 0; w < width; w++)
        {
          guint64 divisor = 1;
          for (guint k = w + 1; k < width; k++)
            divisor *= BASE;
          g_string_append_c (key, digits[(value / divisor) % BASE]);
        }
      while (key->len > 1 && key->str[key->len - 1] == '0')
        g_string_truncate (key, key->len - 1);
      if (key->len == 1 && key->str[0] == '0')
        g_string_assign (key, "1");
      keys[i] = g_string_free (key, FALSE);
    }
  return keys;
}

/* crm-money.c — formatting money for display (the board, the detail pane, the charts). Amounts
 * stay integers from the store to the label: the minor units are split into whole and fraction
 * digits, never turned into a float. Separators and the place of the currency sign come from the
 * locale's LC_MONETARY. GLib only, so the Cairo charts use it as well as the GTK widgets.
 */
#include "config.h"

#include "crm-money.h"

#include <limits.h>
#include <locale.h>
#include <string.h>

/* Signs that name one currency only; any other currency is shown by its code. The locale's own
 * currency uses the locale's sign instead (so "$" is the dollar of the user's country). */
static const struct
{
  const char *code;
  const char *sign;
} currency_signs[] = {
  { "EUR", "€" },   { "GBP", "£" },   { "JPY", "¥" },   { "INR", "₹" },
  { "KRW", "₩" },   { "ILS", "₪" },   { "NGN", "₦" },   { "VND", "₫" },
  { "UAH", "₴" },   { "USD", "US$" }, { "CAD", "CA$" }, { "AUD", "A$" },
  { "NZD", "NZ$" }, { "HKD", "HK$" }, { "MXN", "MX$" }, { "BRL", "R$" },
};

#define NO_BREAK_SPACE "\xc2\xa0"

/* The sign for @currency, and whether it is a symbol (written close to the digits) rather than
 * a code (written with a space). */
static const char *
currency_sign (const struct lconv *conv, const char *currency, gboolean *is_symbol)
{
  /* int_curr_symbol is the code followed by a separator, e.g. "EUR ". */
  if (conv->int_curr_symbol != NULL && strncmp (conv->int_curr_symbol, currency, 3) == 0
      && conv->currency_symbol != NULL && conv->currency_symbol[0] != '\0')
    {
      *is_symbol = TRUE;
      return conv->currency_symbol;
    }
  for (guint i = 0; i < G_N_ELEMENTS (currency_signs); i++)
    {
      if (g_strcmp0 (currency_signs[i].code, currency) == 0)
        {
          *is_symbol = TRUE;
          return currency_signs[i].sign;
        }
    }
  *is_symbol = FALSE;
  return currency;
}

/* Appends the decimal digits of @whole to @out, grouped as the locale's @grouping says. */
static void
append_grouped (GString *out, guint64 whole, const char *grouping, const char *separator)
{
  char digits[32];
  int n_digits = g_snprintf (digits, sizeof digits, "%" G_GUINT64_FORMAT, whole);
  /* Group sizes from the right; a group of 0 repeats the last one, CHAR_MAX stops grouping. */
  gboolean boundary[32] = { FALSE };
  int from_right = 0;
  int size = 0;

  if (separator != NULL && separator[0] != '\0' && grouping != NULL)
    {
      for (const char *g = grouping;;)
        {
          if (*g == CHAR_MAX || (*g == '\0' && size == 0) || *g < 0)
            break;
          if (*g != '\0')
            size = *g++;
          from_right += size;
          if (from_right >= n_digits)
            break;
          boundary[n_digits - from_right] = TRUE;
        }
    }

  for (int i = 0; i < n_digits; i++)
    {
      if (boundary[i])
        g_string_append (out, separator);
      g_string_append_c (out, digits[i]);
    }
}

static void
append_number (GString *out, const struct lconv *conv, guint64 magnitude, guint n_digits)
{
  guint64 scale = 1;
  const char *decimal_point;

  for (guint i = 0; i < n_digits; i++)
    scale *= 10;

  append_grouped (out, magnitude / scale, conv->mon_grouping, conv->mon_thousands_sep);
  if (n_digits == 0)
    return;

  decimal_point = conv->mon_decimal_point;
  if (decimal_point == NULL || decimal_point[0] == '\0')
    decimal_point
        = conv->decimal_point != NULL && conv->decimal_point[0] != '\0' ? conv->decimal_point : ".";
  g_string_append (out, decimal_point);
  g_string_append_printf (out, "%0*" G_GUINT64_FORMAT, (int) n_digits, magnitude % scale);
}

/* @amount_minor of @currency, with its fraction digits or, when @whole, rounded (half away
 * from zero) to whole major units and written without them. */
static char *
format_money (gint64 amount_minor, const char *currency, gboolean whole)
{
  const struct lconv *conv = localeconv ();
  GString *out = g_string_new (NULL);
  const char *code = currency != NULL && currency[0] != '\0' ? currency : "XXX";
  gboolean is_symbol = FALSE;
  const char *sign = currency_sign (conv, code, &is_symbol);
  /* CHAR_MAX (the C locale) means "unspecified": put the sign first. */
  gboolean sign_first = conv->p_cs_precedes != 0;
  gboolean spaced = !is_symbol || conv->p_sep_by_space == 1;
  guint n_digits = crm_currency_get_digits (code);
  guint64 magnitude;

  if (amount_minor < 0)
    magnitude = (guint64) (-(amount_minor + 1)) + 1;
  else
    magnitude = (guint64) amount_minor;
  if (whole)
    {
      guint64 scale = 1;

      for (guint i = 0; i < n_digits; i++)
        scale *= 10;
      magnitude = magnitude / scale + (magnitude % scale >= (scale + 1) / 2 && scale > 1);
      n_digits = 0;
    }
  if (amount_minor < 0 && magnitude > 0)
    g_string_append_c (out, '-');

  if (sign_first)
    {
      g_string_append (out, sign);
      if (spaced)
        g_string_append (out, NO_BREAK_SPACE);
    }
  append_number (out, conv, magnitude, n_digits);
  if (!sign_first)
    {
      g_string_append (out, NO_BREAK_SPACE);
      g_string_append (out, sign);
    }
  return g_string_free (out, FALSE);
}

char *
crm_money_format (gint64 amount_minor, const char *currency)
{
  return format_money (amount_minor, currency, FALSE);
}

char *
crm_money_format_whole (gint64 amount_minor, const char *currency)
{
  return format_money (amount_minor, currency, TRUE);
}

char *
crm_number_format (gint64 value)
{
  const struct lconv *conv = localeconv ();
  GString *out = g_string_new (NULL);
  guint64 magnitude = value < 0 ? (guint64) (-(value + 1)) + 1 : (guint64) value;

  if (value < 0)
    g_string_append_c (out, '-');
  append_grouped (out, magnitude, conv->grouping, conv->thousands_sep);
  return g_string_free (out, FALSE);
}

gint64
crm_money_apply_percent (gint64 value_minor, int percent)
{
  gint64 product = value_minor * percent;

  /* Integer division truncates toward zero; add half the divisor first to round. */
  return product >= 0 ? (product + 50) / 100 : (product - 50) / 100;
}

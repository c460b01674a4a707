/* crm-currency.c — minor-unit digits of ISO 4217 currencies (crm-currency.h). */
#include "crm-currency.h"

/* ISO 4217 currencies whose minor unit is not the hundredth. */
static const char *const zero_digit_currencies[] = {
  "BIF", "CLP", "DJF", "GNF", "ISK", "JPY", "KMF", "KRW", "PYG",
  "RWF", "UGX", "UYI", "VND", "VUV", "XAF", "XOF", "XPF",
};
static const char *const three_digit_currencies[] = {
  "BHD", "IQD", "JOD", "KWD", "LYD", "OMR", "TND",
};

static gboolean
code_in (const char *code, const char *const *codes, guint n_codes)
{
  for (guint i = 0; i < n_codes; i++)
    {
      if (g_strcmp0 (code, codes[i]) == 0)
        return TRUE;
    }
  return FALSE;
}

guint
crm_currency_get_digits (const char *currency)
{
  if (code_in (currency, zero_digit_currencies, G_N_ELEMENTS (zero_digit_currencies)))
    return 0;
  if (code_in (currency, three_digit_currencies, G_N_ELEMENTS (three_digit_currencies)))
    return 3;
  return 2;
}

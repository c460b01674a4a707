/* crm-money.h — amounts of money as Rapport shows them: integer minor units plus an ISO 4217
 * code, written with the digits, separators and symbol position of the user's locale.
 */
#pragma once

#include <glib.h>

#include "crm-currency.h"

G_BEGIN_DECLS

/* @amount_minor of @currency for display, e.g. "€12,500.00", "12.500,00 €", "CHF 99.50",
 * "¥1,200". Never markup. */
char *
crm_money_format (gint64 amount_minor, const char *currency);

/* @amount_minor rounded (half away from zero) to whole major units and written like
 * crm_money_format() without the fraction, e.g. "€12,500" — for chart axes. */
char *
crm_money_format_whole (gint64 amount_minor, const char *currency);

/* @value with the digit grouping of the locale's LC_NUMERIC, e.g. "12,500" or "12.500". */
char *
crm_number_format (gint64 value);

/* @value_minor × @percent / 100, rounded half away from zero, without floating point. */
gint64
crm_money_apply_percent (gint64 value_minor, int percent);

G_END_DECLS

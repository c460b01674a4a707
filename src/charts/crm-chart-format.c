/* crm-chart-format.c — axis scales at round values (steps of 1, 2 or 5 × 10ⁿ) and the way the
 * charts write their values: counts and money with the locale's grouping (crm-money.h),
 * percentages, days, months by the locale's month names.
 */
#include "config.h"

#include "crm-chart-private.h"
#include "crm-money.h"

#include <glib/gi18n-lib.h>
#include <math.h>

/* ---- Scales ------------------------------------------------------------------------------ */

#define EPSILON 1e-9

/* The smallest of 1, 2, 5 × 10ⁿ that is at least @raw. */
static double
nice_step_at_least (double raw)
{
  double base = pow (10, floor (log10 (raw)));
  double fraction = raw / base;

  if (fraction <= 1 + EPSILON)
    return base;
  if (fraction <= 2 + EPSILON)
    return 2 * base;
  if (fraction <= 5 + EPSILON)
    return 5 * base;
  return 10 * base;
}

void
crm_chart_scale_init (CrmChartScale *scale, double lo, double hi, guint max_steps, double min_step)
{
  double step;

  if (!isfinite (lo) || !isfinite (hi))
    lo = hi = 0;
  if (!(hi > lo))
    hi = lo + (min_step > 0 ? min_step : 1);
  max_steps = MAX (max_steps, 1);

  step = nice_step_at_least ((hi - lo) / max_steps);
  if (min_step > 0 && step < min_step)
    step = nice_step_at_least (min_step);
  for (;;)
    {
      scale->min = floor (lo / step + EPSILON) * step;
      scale->max = ceil (hi / step - EPSILON) * step;
      scale->n_steps = (guint) lround ((scale->max - scale->min) / step);
      /* Rounding both ends outwards may add a step: take the next nice step then. */
      if (scale->n_steps <= max_steps)
        break;
      step = nice_step_at_least (step * 1.5);
    }
  scale->step = step;
}

double
crm_chart_scale_tick (const CrmChartScale *scale, guint i)
{
  return scale->min + i * scale->step;
}

double
crm_chart_scale_fraction (const CrmChartScale *scale, double value)
{
  if (scale->max <= scale->min)
    return 0;
  return (value - scale->min) / (scale->max - scale->min);
}

/* ---- Values ------------------------------------------------------------------------------ */

char *
crm_chart_format_count_tick (double value, double step, gconstpointer user_data)
{
  return crm_number_format (llround (value));
}

char *
crm_chart_format_money_tick (double value, double step, gconstpointer user_data)
{
  const char *currency = user_data;
  double scale = pow (10, crm_currency_get_digits (currency));

  return crm_money_format_whole (llround (value * scale), currency);
}

char *
crm_chart_format_percent_tick (double value, double step, gconstpointer user_data)
{
  return crm_chart_format_percent (value);
}

char *
crm_chart_format_number_tick (double value, double step, gconstpointer user_data)
{
  int decimals = step >= 1 - EPSILON ? 0 : (int) ceil (-log10 (step) - EPSILON);

  if (decimals == 0)
    return crm_number_format (llround (value));
  /* printf writes the locale's decimal point. */
  return g_strdup_printf ("%.*f", decimals, value);
}

char *
crm_chart_format_percent (double percent)
{
  /* Translators: a whole percentage on a chart, e.g. "62%"; "%.0f" is the number, "%%" the
   * percent sign (write "%.0f %%" for "62 %"). */
  return g_strdup_printf (_ ("%.0f%%"), percent);
}

char *
crm_chart_format_days (double days)
{
  double whole = round (days);

  if (fabs (days - whole) < 0.05)
    {
      g_autofree char *number = crm_number_format ((gint64) whole);
      gulong n = whole > G_MAXULONG ? G_MAXULONG : (gulong) MAX (whole, 0);

      /* Translators: a number of days on a chart, e.g. "12 days". */
      return g_strdup_printf (ngettext ("%s day", "%s days", n), number);
    }
  /* Translators: a number of days with one decimal, e.g. "12.4 days". */
  return g_strdup_printf (_ ("%.1f days"), days);
}

static char *
format_month (const CrmChartMonth *month, const char *format)
{
  g_autoptr (GDateTime) date = NULL;

  if (month->month >= 1 && month->month <= 12)
    date = g_date_time_new_utc (month->year, month->month, 1, 0, 0, 0);
  if (date == NULL)
    return g_strdup ("?");
  return g_date_time_format (date, format);
}

char *
crm_chart_format_month (const CrmChartMonth *month)
{
  /* Translators: a month on a chart (tooltip, table), as g_date_time_format() takes it. */
  return format_month (month, C_ ("chart month", "%b %Y"));
}

char *
crm_chart_format_month_short (const CrmChartMonth *month)
{
  /* Translators: a month under a chart's axis, the year written below it; as
   * g_date_time_format() takes it ("%Ob": the abbreviated name standing alone). */
  return format_month (month, C_ ("chart axis month", "%Ob"));
}

char *
crm_chart_format_year (const CrmChartMonth *month)
{
  return format_month (month, "%Y");
}

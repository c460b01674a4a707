/* crm-kpi-period.c — periods of local days and months: the last N days, the previous period of
 * the same length, the local month starts that cut a period into months, and the UTC months the
 * acquisition spend is entered by. */
#include "config.h"

#include "crm-kpi-private.h"

static GDateTime *
local_midnight (int year, int month, int day)
{
  return g_date_time_new_local (year, month, day, 0, 0, 0);
}

void
crm_kpi_period_last_days (gint64 now, guint n_days, gint64 *from, gint64 *to)
{
  g_autoptr (GDateTime) moment = g_date_time_new_from_unix_local (now);
  g_autoptr (GDateTime) today = NULL;
  g_autoptr (GDateTime) tomorrow = NULL;
  g_autoptr (GDateTime) first = NULL;
  int year, month, day;

  g_return_if_fail (from != NULL && to != NULL && n_days > 0);

  g_date_time_get_ymd (moment, &year, &month, &day);
  today = local_midnight (year, month, day);
  tomorrow = g_date_time_add_days (today, 1);
  first = g_date_time_add_days (tomorrow, -(int) n_days);
  *from = g_date_time_to_unix (first);
  *to = g_date_time_to_unix (tomorrow);
}

/* Whether @time is a local midnight; if so, its day in @date. */
static gboolean
get_midnight_date (gint64 time, GDate *date)
{
  g_autoptr (GDateTime) moment = g_date_time_new_from_unix_local (time);
  int year, month, day;

  if (moment == NULL || g_date_time_get_hour (moment) != 0 || g_date_time_get_minute (moment) != 0
      || g_date_time_get_second (moment) != 0)
    return FALSE;
  g_date_time_get_ymd (moment, &year, &month, &day);
  g_date_clear (date, 1);
  g_date_set_dmy (date, (GDateDay) day, (GDateMonth) month, (GDateYear) year);
  return TRUE;
}

void
crm_kpi_previous_period (gint64 from, gint64 to, gint64 *previous_from, gint64 *previous_to)
{
  GDate first, end;

  g_return_if_fail (previous_from != NULL && previous_to != NULL);

  *previous_to = from;
  *previous_from = from - (to - from);
  if (get_midnight_date (from, &first) && get_midnight_date (to, &end)
      && g_date_compare (&first, &end) < 0)
    {
      g_autoptr (GDateTime) start = NULL;

      g_date_subtract_days (&first, (guint) g_date_days_between (&first, &end));
      start = local_midnight (g_date_get_year (&first), g_date_get_month (&first),
                              g_date_get_day (&first));
      if (start != NULL)
        *previous_from = g_date_time_to_unix (start);
    }
}

/* Local midnight of the first day of the month after the one @time is in. */
gint64
crm_kpi_next_month_start (gint64 time)
{
  g_autoptr (GDateTime) moment = g_date_time_new_from_unix_local (time);
  g_autoptr (GDateTime) start = NULL;
  int year, month;

  g_date_time_get_ymd (moment, &year, &month, NULL);
  year += month / 12;
  month = month % 12 + 1;
  start = local_midnight (year, month, 1);
  return g_date_time_to_unix (start);
}

gint64
crm_kpi_month_start (gint64 time)
{
  g_autoptr (GDateTime) moment = g_date_time_new_from_unix_local (time);
  g_autoptr (GDateTime) start = NULL;
  int year, month;

  g_date_time_get_ymd (moment, &year, &month, NULL);
  start = local_midnight (year, month, 1);
  return g_date_time_to_unix (start);
}

GArray *
crm_kpi_month_bounds (gint64 from, gint64 to)
{
  GArray *bounds = g_array_new (FALSE, FALSE, sizeof (gint64));

  g_return_val_if_fail (from < to, bounds);

  g_array_append_val (bounds, from);
  for (gint64 start = crm_kpi_next_month_start (from); start < to;
       start = crm_kpi_next_month_start (start))
    g_array_append_val (bounds, start);
  g_array_append_val (bounds, to);
  return bounds;
}

gint64
crm_kpi_next_utc_month_start (gint64 time)
{
  g_autoptr (GDateTime) moment = g_date_time_new_from_unix_utc (time);
  g_autoptr (GDateTime) start = NULL;
  int year, month;

  g_date_time_get_ymd (moment, &year, &month, NULL);
  year += month / 12;
  month = month % 12 + 1;
  start = g_date_time_new_utc (year, month, 1, 0, 0, 0);
  return g_date_time_to_unix (start);
}

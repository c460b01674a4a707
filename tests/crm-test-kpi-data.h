/* crm-test-kpi-data.h — a small database built by hand for the KPI tests (test-kpi and the
 * `rapport-cli kpi` tests): every row is listed in crm-test-kpi-data.c, and the tests work out
 * what each KPI must be from that list. All times are UTC: run with TZ=UTC. */
#pragma once

#include "crm-store.h"

G_BEGIN_DECLS

/* "Now" for the KPIs over this data: 2024-06-15 00:00 UTC. */
#define CRM_TEST_KPI_NOW ((gint64) 1718409600)

typedef struct
{
  gint64 sales_id;    /* the default pipeline "Sales" */
  gint64 partners_id; /* a copy of it, "Partners" */
  gint64 sales_stages[7];
  gint64 partners_stages[7];
  gint64 sources[7];      /* Referral, Website, Event, Cold outreach, Import, Partner, Other */
  gint64 lost_reasons[2]; /* Price, Chose a competitor */
  gint64 contacts[11];    /* contacts[1] … contacts[10]: C1 … C10 */
  gint64 deals[15];       /* deals[1] … deals[14]: D1 … D14 */
} CrmTestKpiData;

/* Unix time of a UTC moment. */
gint64
crm_test_utc (int year, int month, int day, int hour, int minute, int second);

/* Writes the data into @store (a new database). */
void
crm_test_kpi_data_write (CrmStore *store, CrmTestKpiData *data);

G_END_DECLS

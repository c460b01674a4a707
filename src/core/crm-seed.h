/* crm-seed.h — fills a database with realistic, deterministic sample data (for demos, tests and
 * benchmarks): companies, contacts, deals with stage histories, activities, feedback and
 * acquisition spend, all written through CrmStore in one bulk transaction.
 */
#pragma once

#include "crm-store.h"

G_BEGIN_DECLS

#define CRM_SEED_ERROR (crm_seed_error_quark ())
GQuark
crm_seed_error_quark (void);

typedef enum
{
  CRM_SEED_ERROR_INVALID_OPTIONS, /* e.g. deals asked for but no contacts to hang them on */
  CRM_SEED_ERROR_NO_PIPELINE,     /* no pipeline with open, Won and Lost stages */
  CRM_SEED_ERROR_FAILED,          /* the store did something unexpected */
} CrmSeedError;

typedef struct
{
  guint n_contacts;
  int n_companies; /* -1: about one company per ten contacts */
  guint n_deals;
  guint n_activities;
  guint32 seed;
  /* Reference time (unix seconds UTC) that the data is laid out before; 0: the start of today,
   * UTC. The same seed and reference time give the same data. */
  gint64 now;
} CrmSeedOptions;

/* The phases of seeding, in the order they run. */
typedef enum
{
  CRM_SEED_PHASE_PLAN,
  CRM_SEED_PHASE_COMPANIES,
  CRM_SEED_PHASE_CONTACTS,
  CRM_SEED_PHASE_DEALS, /* deals and their stage histories */
  CRM_SEED_PHASE_ACTIVITIES,
  CRM_SEED_PHASE_FEEDBACK,
  CRM_SEED_PHASE_SPEND,
  CRM_SEED_PHASE_COMMIT,
  CRM_SEED_N_PHASES,
} CrmSeedPhase;

/* Called every few thousand rows and once at the end of each phase (@done == @total). */
typedef void (*CrmSeedProgressFunc) (CrmSeedPhase phase,
                                     guint done,
                                     guint total,
                                     gpointer user_data);

/* Defaults: 1000 contacts, about 100 companies, 200 deals, 3000 activities, seed 1, today. */
void
crm_seed_options_init (CrmSeedOptions *options);

/* The untranslated name of a phase ("contacts", "deals", …). */
const char *
crm_seed_phase_to_string (CrmSeedPhase phase);

/* Adds the sample data to @store in one transaction: on error nothing is written. Uses the first
 * pipeline and the lead sources and lost reasons already in the database. */
gboolean
crm_seed_database (CrmStore *store,
                   const CrmSeedOptions *options,
                   CrmSeedProgressFunc progress,
                   gpointer user_data,
                   GError **error);

G_END_DECLS

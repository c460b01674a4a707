/* crm-seed-private.h — what the files of the seeder share: the Seeder with its plan (the whole
 * story of the sample data, laid out in memory before anything is written) and the seeded
 * randomness every choice is drawn from, so the same seed gives the same data.
 *
 * crm-seed-plan.c makes the plan, crm-seed.c loads what it needs from the store and writes it.
 */
#pragma once

#include "crm-lead-score.h"
#include "crm-seed-words.h"
#include "crm-seed.h"

G_BEGIN_DECLS

#define HOUR (60 * 60)
#define DAY (24 * HOUR)
#define HISTORY_DAYS 730

/* ---- The plan ------------------------------------------------------------------------------ */

typedef struct
{
  gint64 id;
  char *name;
  char *domain;
  guint8 country;
  guint8 trade;
} PlannedCompany;

typedef struct
{
  gint64 id;
  gint64 captured_at;
  gint64 last_contacted_at;
  gint64 first_won_at;
  gint64 last_closed_at; /* of its last won or lost deal */
  gint64 advocate_at;    /* advocates: the first answer of 9 or 10 */
  gint64 churned_at;     /* churned: when it left */
  guint32 company;       /* index + 1; 0: none */
  guint16 first_name;
  guint16 last_name;
  guint8 country;
  guint8 source;
  guint8 owner;
  guint8 lifecycle; /* CrmLifecycleStage now; the dates above say when it got there */
  guint has_open : 1;
  guint has_won : 1;
  guint has_lost : 1;
  gint8 best_nps; /* -1: never answered */
} PlannedContact;

typedef enum
{
  OUTCOME_OPEN,
  OUTCOME_WON,
  OUTCOME_LOST,
} Outcome;

typedef struct
{
  gint64 id;
  gint64 created_at;
  gint64 closed_at;
  gint64 value_minor;
  guint32 contact;
  guint32 first_step;
  guint16 n_steps;
  guint8 outcome;
  guint8 product;
  guint8 lost_reason;
  gboolean is_expansion;
} PlannedDeal;

typedef struct
{
  gint64 stage_id;
  gint64 at;
} PlannedStep;

typedef struct
{
  gint64 occurred_at;
  gint64 due_at;
  gint64 done_at;
  guint32 contact;
  guint32 deal; /* index + 1; 0: none */
  guint8 kind;
  gboolean done;
} PlannedActivity;

typedef struct
{
  gint64 answered_at;
  guint32 contact;
  guint8 kind;
  guint8 score;
} PlannedFeedback;

typedef struct
{
  CrmStore *store;
  GRand *rand;
  gint64 now;
  /* The default rules: every contact is written with the score, and every lead with the stage,
   * they give at now, so the first rescoring by Rapport finds nothing to change. */
  CrmScoreRules score_rules;
  CrmSeedProgressFunc progress;
  gpointer user_data;

  GPtrArray *sources;      /* CrmLeadSourceRecord */
  GArray *source_profiles; /* guint index into crm_seed_source_profiles[], per source */
  GArray *source_weights;  /* guint, per source */
  GPtrArray *lost_reasons; /* CrmLostReasonRecord */
  GArray *open_stages;     /* gint64 stage ids, in pipeline order */
  gint64 won_stage_id;
  gint64 lost_stage_id;

  char *first_ascii[CRM_SEED_N_FIRST_NAMES];
  char *last_ascii[CRM_SEED_N_LAST_NAMES];

  GArray *companies;  /* PlannedCompany */
  GArray *contacts;   /* PlannedContact */
  GArray *deals;      /* PlannedDeal */
  GArray *steps;      /* PlannedStep */
  GArray *activities; /* PlannedActivity */
  GArray *feedback;   /* PlannedFeedback */
} Seeder;

/* Fills the plan in @s from its reference data (pipeline, sources, lost reasons). */
void
crm_seed_plan (Seeder *s, const CrmSeedOptions *options);

/* ---- Randomness: every choice comes from the Seeder's seeded GRand, in a fixed order ------- */

static inline guint
rand_index (Seeder *s, guint n)
{
  return n > 1 ? (guint) g_rand_int_range (s->rand, 0, (gint32) MIN (n, (guint) G_MAXINT32)) : 0;
}

static inline gboolean
rand_chance (Seeder *s, double probability)
{
  return g_rand_double (s->rand) < probability;
}

static inline const char *
pick (Seeder *s, const char *const *words, guint n_words)
{
  return words[rand_index (s, n_words)];
}

/* For word lists whose size is known here (rows of the two-dimensional lists). */
#define PICK(s, words) pick ((s), (words), G_N_ELEMENTS (words))

/* A time in [from, to]; @from when the span is empty. */
static inline gint64
rand_time (Seeder *s, gint64 from, gint64 to)
{
  if (to <= from)
    return from;
  return from + (gint64) (g_rand_double (s->rand) * (double) (to - from));
}

static inline guint
rand_weighted (Seeder *s, const guint *weights, guint n_weights)
{
  guint total = 0, roll;

  for (guint i = 0; i < n_weights; i++)
    total += weights[i];
  if (total == 0)
    return rand_index (s, n_weights);
  roll = rand_index (s, total);
  for (guint i = 0; i < n_weights; i++)
    {
      if (roll < weights[i])
        return i;
      roll -= weights[i];
    }
  return n_weights - 1;
}

/* A business-hours moment @days_ago days before the reference day. */
static inline gint64
time_days_ago (Seeder *s, guint days_ago)
{
  gint64 day = s->now - (gint64) days_ago * DAY;

  day -= day % DAY;
  return day + 7 * HOUR + rand_index (s, 11 * HOUR);
}

G_END_DECLS

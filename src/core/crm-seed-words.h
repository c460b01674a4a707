/* crm-seed-words.h — the word lists the seeder builds its sample data from (names, companies,
 * countries, products, notes), private to crm-seed*.c. The counts let the other files size
 * their tables and loops; crm-seed-words.c checks them against the lists at compile time.
 */
#pragma once

#include "crm-store.h"

G_BEGIN_DECLS

typedef struct
{
  const char *name;
  const char *tld;
  const char *phone_prefix;
  const char *legal_form;
  const char *currency;
  guint weight;
} CrmSeedCountry;

typedef struct
{
  const char *noun;
  const char *industry;
} CrmSeedTrade;

typedef struct
{
  const char *keyword; /* matched against the lower-cased source name; NULL: any other */
  guint weight;        /* share of contacts captured through it */
  guint spend_min;     /* monthly spend, major units */
  guint spend_max;
  guint spend_percent; /* chance of spend in a month */
} CrmSeedSourceProfile;

#define CRM_SEED_N_FIRST_NAMES 118
#define CRM_SEED_N_LAST_NAMES 121
#define CRM_SEED_N_COUNTRIES 17
#define CRM_SEED_N_COMPANY_STEMS 60
#define CRM_SEED_N_TRADES 24
#define CRM_SEED_N_NAME_VARIANTS 12
#define CRM_SEED_N_PERSONAL_DOMAINS 3
#define CRM_SEED_N_OWNERS 4
#define CRM_SEED_N_TITLES 28
#define CRM_SEED_N_FREELANCE_TITLES 3
#define CRM_SEED_N_SOURCE_PROFILES 8
#define CRM_SEED_N_PRODUCTS 12
#define CRM_SEED_N_EXPANSION_PRODUCTS 6
#define CRM_SEED_N_CONTACT_NOTES 5
#define CRM_SEED_N_ACTIVITY_NOTES 6
#define CRM_SEED_N_NPS_COMMENTS_HIGH 3
#define CRM_SEED_N_NPS_COMMENTS_LOW 3

extern const char *const crm_seed_first_names[];
extern const char *const crm_seed_last_names[];
/* Mostly European customers, billed mostly in euros, some in dollars and pounds. */
extern const CrmSeedCountry crm_seed_countries[];
extern const char *const crm_seed_company_stems[];
extern const CrmSeedTrade crm_seed_trades[];
/* Added to a company name already taken, so every company has its own name and domain. */
extern const char *const crm_seed_name_variants[];
extern const char *const crm_seed_personal_domains[];
extern const char *const crm_seed_owners[];
extern const char *const crm_seed_titles[];
extern const char *const crm_seed_freelance_titles[];
/* The last profile (keyword NULL) is for any source no other keyword matches. */
extern const CrmSeedSourceProfile crm_seed_source_profiles[];
extern const char *const crm_seed_products[];
extern const char *const crm_seed_expansion_products[];
extern const char *const crm_seed_contact_notes[];
/* Notes on a BANT "yes", per dimension: budget, authority, need, timeline. */
extern const char *const crm_seed_bant_notes[4][3];
/* Subjects per CrmActivityKind, in enum order. */
extern const char *const crm_seed_activity_subjects[CRM_ACTIVITY_SUPPORT + 1][8];
extern const char *const crm_seed_activity_notes[];
extern const char *const crm_seed_nps_comments_high[];
extern const char *const crm_seed_nps_comments_low[];

G_END_DECLS

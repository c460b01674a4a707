/* crm-seed.c — realistic, deterministic sample data for demos, tests and benchmarks.
 *
 * Seeding runs in two halves. First the whole story is planned in memory from one seeded GRand
 * (who was captured when, which deals walked how far through the pipeline, who talked to whom,
 * who answered a survey), because a contact's lifecycle stage and "last contacted" date depend
 * on deals and activities that are written after the contact. Then the plan is written through
 * CrmStore in one bulk transaction: on any error nothing is left behind.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "crm-seed.h"

/* The quark's name is stringified as written: keep clang-format from spacing it out. */
/* clang-format off */
G_DEFINE_QUARK (crm-seed-error-quark, crm_seed_error)
/* clang-format on */

#define HOUR (60 * 60)
#define DAY (24 * HOUR)
#define HISTORY_DAYS 730
#define SPEND_MONTHS 24
#define PROGRESS_EVERY 5000

/* ---- Word lists ----------------------------------------------------------------------------
 * Names from many cultures, so sorting, search and e-mail folding meet real-world text. */

static const char *const first_names[] = {
  "Anna",      "Lukas",    "Sophie",   "Maximilian", "Léa",        "Hugo",      "Chloé",
  "Mathieu",   "Lucía",    "Javier",   "Carmen",     "Alejandro",  "Giulia",    "Marco",
  "Francesca", "Matteo",   "Emma",     "Liam",       "Olivia",     "Noah",      "Charlotte",
  "James",     "Amelia",   "Oliver",   "Sven",       "Ingrid",     "Björn",     "Freja",
  "Søren",     "Mette",    "Aino",     "Eero",       "Małgorzata", "Łukasz",    "Katarzyna",
  "Piotr",     "Ayşe",     "Mehmet",   "Elif",       "Emre",       "Fatima",    "Omar",
  "Layla",     "Youssef",  "Priya",    "Arjun",      "Ananya",     "Rahul",     "Wei",
  "Mei",       "Jun",      "Xiaoling", "Haruto",     "Yuki",       "Sakura",    "Kenji",
  "Min-jun",   "Seo-yeon", "Chidi",    "Ngozi",      "Amara",      "Kwame",     "Zanele",
  "Thabo",     "João",     "Beatriz",  "Tiago",      "Inês",       "Daan",      "Sanne",
  "Bram",      "Femke",    "Nikolai",  "Olga",       "Dmitri",     "Anastasia", "Zoë",
  "Renée",     "Jürgen",   "Heike",    "Tomáš",      "Petra",      "Ivana",     "Đorđe",
  "Nikos",     "Eleni",    "Siobhán",  "Cian",       "Aoife",      "Seán",      "Maria",
  "David",     "Sarah",    "Michael",  "Laura",      "Daniel",     "Julia",     "Thomas",
  "Elena",     "Paul",     "Nadia",    "Karim",      "Leila",      "Rafael",    "Valentina",
  "Santiago",  "Camila",   "Mateo",    "Hanna",      "Jonas",      "Aylin",     "Deniz",
  "Tariq",     "Sana",     "Vikram",   "Deepika",    "Lin",        "Hao",
};

static const char *const last_names[] = {
  "Müller",     "Schmidt",   "Schneider", "Fischer",      "Weber",    "Wagner",  "Becker",
  "Hoffmann",   "Martin",    "Bernard",   "Dubois",       "Lefèvre",  "Moreau",  "García",
  "Fernández",  "López",     "Martínez",  "Rossi",        "Russo",    "Bianchi", "Romano",
  "Smith",      "Jones",     "Taylor",    "Brown",        "Williams", "Wilson",  "Johansson",
  "Andersson",  "Nielsen",   "Jensen",    "Virtanen",     "Korhonen", "Nowak",   "Kowalski",
  "Wiśniewski", "Wójcik",    "Yılmaz",    "Kaya",         "Demir",    "Şahin",   "Haddad",
  "Mansour",    "El Amrani", "Benali",    "Sharma",       "Patel",    "Gupta",   "Iyer",
  "Reddy",      "Wang",      "Li",        "Zhang",        "Chen",     "Liu",     "Tanaka",
  "Suzuki",     "Sato",      "Nakamura",  "Kim",          "Park",     "Lee",     "Okafor",
  "Adeyemi",    "Mensah",    "Nkosi",     "Dlamini",      "Silva",    "Santos",  "Oliveira",
  "Pereira",    "de Vries",  "Jansen",    "van Dijk",     "Bakker",   "Ivanov",  "Petrova",
  "Popescu",    "Novák",     "Horvat",    "Papadopoulos", "O'Brien",  "Murphy",  "Kelly",
  "Nguyen",     "Tran",      "Pham",      "Cohen",        "Levi",     "Hassan",  "Ali",
  "Khan",       "Rahman",    "Costa",     "Ferreira",     "Gómez",    "Díaz",    "Kowalczyk",
  "Horváth",    "Nagy",      "Svoboda",   "Lindqvist",    "Berg",     "Hansen",  "Larsen",
  "Eriksen",    "Schulz",    "Keller",    "Zimmermann",   "Krüger",   "Richter", "Wolf",
  "Fontaine",   "Girard",    "Morel",     "Conti",        "Greco",    "Marino",  "Ruiz",
  "Navarro",    "Torres",
};

typedef struct
{
  const char *name;
  const char *tld;
  const char *phone_prefix;
  const char *legal_form;
  const char *currency;
  guint weight;
} Country;

/* Mostly European customers, billed mostly in euros, some in dollars and pounds. */
static const Country countries[] = {
  { "Germany", "de", "+49", "GmbH", "EUR", 20 },
  { "France", "fr", "+33", "SAS", "EUR", 10 },
  { "United Kingdom", "co.uk", "+44", "Ltd", "GBP", 10 },
  { "United States", "com", "+1", "Inc.", "USD", 9 },
  { "Netherlands", "nl", "+31", "B.V.", "EUR", 7 },
  { "Spain", "es", "+34", "S.L.", "EUR", 6 },
  { "Italy", "it", "+39", "S.r.l.", "EUR", 6 },
  { "Austria", "at", "+43", "GmbH", "EUR", 5 },
  { "Switzerland", "ch", "+41", "AG", "EUR", 4 },
  { "Belgium", "be", "+32", "BV", "EUR", 3 },
  { "Sweden", "se", "+46", "AB", "EUR", 3 },
  { "Poland", "pl", "+48", "Sp. z o.o.", "EUR", 3 },
  { "Denmark", "dk", "+45", "ApS", "EUR", 2 },
  { "Finland", "fi", "+358", "Oy", "EUR", 2 },
  { "Ireland", "ie", "+353", "Ltd", "EUR", 2 },
  { "Portugal", "pt", "+351", "Lda.", "EUR", 2 },
  { "Czechia", "cz", "+420", "s.r.o.", "EUR", 2 },
};

static const char *const company_stems[] = {
  "Nordwind",  "Blue Harbor", "Silverline", "Brightpath", "Alpenglow", "Ironbridge", "Lumen",
  "Quantix",   "Greenfield",  "Redwood",    "Sunrise",    "Polaris",   "Atlas",      "Vertex",
  "Crescent",  "Oakridge",    "Helios",     "Cobalt",     "Meridian",  "Northstar",  "Riverbend",
  "Sandstone", "Falcon",      "Evergreen",  "Horizon",    "Keystone",  "Larkspur",   "Mistral",
  "Nimbus",    "Orion",       "Pinecrest",  "Summit",     "Tidewater", "Unity",      "Willow",
  "Zephyr",    "Amber",       "Beacon",     "Cedar",      "Delta",     "Elbe",       "Fjord",
  "Granite",   "Harbor",      "Indigo",     "Juniper",    "Kestrel",   "Lighthouse", "Maple",
  "Nova",      "Opal",        "Prism",      "Quarry",     "Rhein",     "Saffron",    "Tundra",
  "Umber",     "Vista",       "Wavecrest",  "Yarrow",
};

typedef struct
{
  const char *noun;
  const char *industry;
} Trade;

static const Trade trades[] = {
  { "Logistics", "Logistics" },
  { "Analytics", "Software" },
  { "Systems", "IT services" },
  { "Consulting", "Consulting" },
  { "Foods", "Food and beverage" },
  { "Health", "Healthcare" },
  { "Energy", "Energy" },
  { "Robotics", "Manufacturing" },
  { "Media", "Media" },
  { "Software", "Software" },
  { "Labs", "Biotechnology" },
  { "Manufacturing", "Manufacturing" },
  { "Design", "Architecture and design" },
  { "Capital", "Financial services" },
  { "Engineering", "Engineering" },
  { "Retail", "Retail" },
  { "Networks", "Telecommunications" },
  { "Pharma", "Pharmaceuticals" },
  { "Motors", "Automotive" },
  { "Learning", "Education" },
  { "Hotels", "Hospitality" },
  { "Construction", "Construction" },
  { "Insurance", "Insurance" },
  { "Agritech", "Agriculture" },
};

/* Added to a company name already taken, so every company has its own name and domain. */
static const char *const name_variants[] = {
  "Group",   "Partners", "Works",    "International", "Solutions", "Europe",
  "Holding", "Digital",  "Services", "Collective",    "Studio",    "Technologies",
};

static const char *const personal_domains[] = { "example.com", "example.net", "example.org" };

static const char *const owners[]
    = { "Alex Morgan", "Priya Raman", "Jonas Weber", "Lucía Fernández" };

static const char *const titles[] = {
  "CEO",
  "Founder",
  "Managing Director",
  "CTO",
  "CFO",
  "COO",
  "Head of Sales",
  "Head of Marketing",
  "Head of Operations",
  "VP Engineering",
  "IT Director",
  "Purchasing Manager",
  "Procurement Lead",
  "Office Manager",
  "Operations Manager",
  "Product Manager",
  "Project Manager",
  "Marketing Manager",
  "Sales Manager",
  "Account Manager",
  "Software Engineer",
  "Data Analyst",
  "HR Manager",
  "Finance Manager",
  "Consultant",
  "Team Lead Customer Service",
  "Logistics Coordinator",
  "Buyer",
};

/* Titles before this index hold a role with buying authority. */
#define N_SENIOR_TITLES 12

static const char *const freelance_titles[]
    = { "Consultant", "Freelance designer", "Independent advisor" };

typedef struct
{
  const char *keyword; /* matched against the lower-cased source name; NULL: any other */
  guint weight;        /* share of contacts captured through it */
  guint spend_min;     /* monthly spend, major units */
  guint spend_max;
  guint spend_percent; /* chance of spend in a month */
} SourceProfile;

static const SourceProfile source_profiles[] = {
  { "website", 30, 900, 2600, 100 }, { "referral", 16, 150, 600, 70 },
  { "event", 12, 2500, 14000, 35 },  { "cold", 14, 700, 1600, 100 },
  { "partner", 10, 400, 1800, 80 },  { "import", 10, 0, 0, 0 },
  { "other", 8, 100, 500, 40 },      { NULL, 8, 200, 900, 60 },
};

static const char *const products[] = {
  "Annual subscription",  "Pilot project",   "Team licence",        "Onboarding and training",
  "Premium support plan", "Data migration",  "Consulting retainer", "Company-wide rollout",
  "Integration project",  "Starter package", "Custom reporting",    "Multi-year agreement",
};

static const char *const expansion_products[] = {
  "Additional seats",      "Premium add-on",      "Second department rollout",
  "Upgrade to Enterprise", "Extra support hours", "API access",
};

static const char *const contact_notes[] = {
  "Met at the trade fair in Hamburg.",
  "Prefers calls in the morning.",
  "Speaks German and English.",
  "Introduced by an existing customer.",
  "Asked for a callback after the summer.",
};

/* Notes on a BANT "yes", per dimension: budget, authority, need, timeline. */
static const char *const bant_notes[4][3] = {
  { "Budget approved for this year", "About 20k set aside", "Paid from the IT budget" },
  { "Decision maker", "Signs off with the CFO", "Needs board approval" },
  { "Current tool is end-of-life", "Team is growing fast", "Manual process is too slow" },
  { "Wants to start next quarter", "Decision before year end", "Go-live planned for spring" },
};

/* Subjects per CrmActivityKind, in enum order. */
static const char *const activity_subjects[][8] = {
  { "Intro call", "Discovery call", "Follow-up call", "Pricing questions", "Check-in call",
    "Left a voicemail", "Call about the renewal", "Reference call" },
  { "Sent the proposal", "Follow-up on the demo", "Sent the price list", "Intro e-mail",
    "Answered product questions", "Sent a case study", "Sent the contract draft", "Meeting recap" },
  { "Product demo", "Kick-off meeting", "Requirements workshop", "Quarterly business review",
    "On-site visit", "Negotiation meeting", "Lunch meeting", "Meeting at the trade fair" },
  { "Decision expected next month", "Budget freeze until Q3", "A competitor is also in the running",
    "Our champion moved to another team", "Prefers e-mail over calls", "Needs approval from IT",
    "Interested in the annual plan", "Asked about data protection" },
  { "Send the proposal", "Prepare the demo", "Follow up on the quote", "Schedule the kick-off",
    "Send the contract", "Call back", "Update the pricing", "Book a meeting" },
  { "Cannot log in", "Question about an invoice", "Help with a data export", "Sync error",
    "Feature request", "Password reset", "Onboarding question", "Integration question" },
};

static const char *const activity_notes[] = {
  "Went well, next step agreed.",
  "Needs to check with the team first.",
  "Asked for a discount.",
  "Very interested in the reporting features.",
  "Wants references from their industry.",
  "Timeline moved by a month.",
};

static const char *const nps_comments_high[]
    = { "Great support team.", "Saves us hours every week.", "Easy to use." };
static const char *const nps_comments_low[]
    = { "Too expensive for what we use.", "Missing integrations.", "Slow response times." };

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
  guint32 company; /* index + 1; 0: none */
  guint16 first_name;
  guint16 last_name;
  guint8 country;
  guint8 source;
  guint8 owner;
  guint8 lifecycle;
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
  CrmSeedProgressFunc progress;
  gpointer user_data;

  GPtrArray *sources;      /* CrmLeadSourceRecord */
  GArray *source_profiles; /* guint index into source_profiles[], per source */
  GArray *source_weights;  /* guint, per source */
  GPtrArray *lost_reasons; /* CrmLostReasonRecord */
  GArray *open_stages;     /* gint64 stage ids, in pipeline order */
  gint64 won_stage_id;
  gint64 lost_stage_id;

  char *first_ascii[G_N_ELEMENTS (first_names)];
  char *last_ascii[G_N_ELEMENTS (last_names)];

  GArray *companies;  /* PlannedCompany */
  GArray *contacts;   /* PlannedContact */
  GArray *deals;      /* PlannedDeal */
  GArray *steps;      /* PlannedStep */
  GArray *activities; /* PlannedActivity */
  GArray *feedback;   /* PlannedFeedback */
} Seeder;

static void
planned_company_clear (gpointer data)
{
  PlannedCompany *company = data;

  g_clear_pointer (&company->name, g_free);
  g_clear_pointer (&company->domain, g_free);
}

static void
seeder_free (Seeder *s)
{
  g_clear_pointer (&s->rand, g_rand_free);
  g_clear_pointer (&s->sources, g_ptr_array_unref);
  g_clear_pointer (&s->source_profiles, g_array_unref);
  g_clear_pointer (&s->source_weights, g_array_unref);
  g_clear_pointer (&s->lost_reasons, g_ptr_array_unref);
  g_clear_pointer (&s->open_stages, g_array_unref);
  for (guint i = 0; i < G_N_ELEMENTS (first_names); i++)
    g_free (s->first_ascii[i]);
  for (guint i = 0; i < G_N_ELEMENTS (last_names); i++)
    g_free (s->last_ascii[i]);
  g_clear_pointer (&s->companies, g_array_unref);
  g_clear_pointer (&s->contacts, g_array_unref);
  g_clear_pointer (&s->deals, g_array_unref);
  g_clear_pointer (&s->steps, g_array_unref);
  g_clear_pointer (&s->activities, g_array_unref);
  g_clear_pointer (&s->feedback, g_array_unref);
  g_free (s);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Seeder, seeder_free)

/* ---- Randomness ---------------------------------------------------------------------------- */

static guint
rand_index (Seeder *s, guint n)
{
  return n > 1 ? (guint) g_rand_int_range (s->rand, 0, (gint32) MIN (n, (guint) G_MAXINT32)) : 0;
}

static gboolean
rand_chance (Seeder *s, double probability)
{
  return g_rand_double (s->rand) < probability;
}

static const char *
pick (Seeder *s, const char *const *words, guint n_words)
{
  return words[rand_index (s, n_words)];
}

#define PICK(s, words) pick ((s), (words), G_N_ELEMENTS (words))

/* A time in [from, to]; @from when the span is empty. */
static gint64
rand_time (Seeder *s, gint64 from, gint64 to)
{
  if (to <= from)
    return from;
  return from + (gint64) (g_rand_double (s->rand) * (double) (to - from));
}

static guint
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

static guint
rand_country (Seeder *s)
{
  guint weights[G_N_ELEMENTS (countries)];

  for (guint i = 0; i < G_N_ELEMENTS (countries); i++)
    weights[i] = countries[i].weight;
  return rand_weighted (s, weights, G_N_ELEMENTS (countries));
}

/* A business-hours moment @days_ago days before the reference day. */
static gint64
time_days_ago (Seeder *s, guint days_ago)
{
  gint64 day = s->now - (gint64) days_ago * DAY;

  day -= day % DAY;
  return day + 7 * HOUR + rand_index (s, 11 * HOUR);
}

/* Capture dates lean towards the recent past: the business grows. */
static gint64
rand_capture_time (Seeder *s)
{
  guint a = rand_index (s, HISTORY_DAYS), b = rand_index (s, HISTORY_DAYS);

  return time_days_ago (s, 1 + MIN (a, b));
}

/* How long a deal sits in a stage: mostly days to weeks, sometimes months (stale deals). */
static gint64
rand_stage_duration (Seeder *s)
{
  double roll = g_rand_double (s->rand);

  if (roll < 0.65)
    return rand_time (s, 1 * DAY, 14 * DAY);
  if (roll < 0.9)
    return rand_time (s, 14 * DAY, 40 * DAY);
  return rand_time (s, 40 * DAY, 120 * DAY);
}

/* Deal sizes in bands from small starter deals to rare large rollouts, rounded to 50. */
static gint64
rand_deal_value_minor (Seeder *s)
{
  static const guint weights[] = { 25, 40, 25, 10 };
  static const guint bounds[][2]
      = { { 500, 2000 }, { 2000, 10000 }, { 10000, 50000 }, { 50000, 250000 } };
  guint band = rand_weighted (s, weights, G_N_ELEMENTS (weights));
  guint major = bounds[band][0] + rand_index (s, bounds[band][1] - bounds[band][0]);

  return (gint64) (major / 50 * 50) * 100;
}

static guint
rand_nps_score (Seeder *s)
{
  double roll = g_rand_double (s->rand);

  if (roll < 0.45)
    return 9 + rand_index (s, 2);
  if (roll < 0.75)
    return 7 + rand_index (s, 2);
  return rand_index (s, 7);
}

static guint
rand_csat_score (Seeder *s)
{
  static const guint weights[] = { 5, 10, 15, 30, 40 };

  return 1 + rand_weighted (s, weights, G_N_ELEMENTS (weights));
}

/* ---- Reference data already in the database ------------------------------------------------ */

static char *
fold_to_ascii_word (const char *text)
{
  g_autofree char *ascii = g_str_to_ascii (text, "C");
  GString *word = g_string_new (NULL);

  for (const char *p = ascii; *p != '\0'; p++)
    if (g_ascii_isalnum (*p))
      g_string_append_c (word, g_ascii_tolower (*p));
  return g_string_free (word, FALSE);
}

static guint
source_profile_for_name (const char *name)
{
  g_autofree char *lower = g_utf8_strdown (name, -1);

  for (guint i = 0; i < G_N_ELEMENTS (source_profiles); i++)
    if (source_profiles[i].keyword == NULL || strstr (lower, source_profiles[i].keyword) != NULL)
      return i;
  return G_N_ELEMENTS (source_profiles) - 1;
}

static gboolean
load_pipeline (Seeder *s, GError **error)
{
  g_autoptr (GPtrArray) pipelines = crm_store_list_pipelines (s->store, error);
  g_autoptr (GPtrArray) stages = NULL;
  CrmPipelineRecord *pipeline;

  if (pipelines == NULL)
    return FALSE;
  if (pipelines->len == 0)
    {
      g_set_error_literal (error, CRM_SEED_ERROR, CRM_SEED_ERROR_NO_PIPELINE,
                           _ ("The database has no pipeline to put deals in"));
      return FALSE;
    }
  pipeline = g_ptr_array_index (pipelines, 0);
  stages = crm_store_list_stages (s->store, pipeline->id, error);
  if (stages == NULL)
    return FALSE;

  s->open_stages = g_array_new (FALSE, FALSE, sizeof (gint64));
  for (guint i = 0; i < stages->len; i++)
    {
      CrmStageRecord *stage = g_ptr_array_index (stages, i);

      if (stage->kind == CRM_STAGE_KIND_OPEN)
        g_array_append_val (s->open_stages, stage->id);
      else if (stage->kind == CRM_STAGE_KIND_WON && s->won_stage_id == 0)
        s->won_stage_id = stage->id;
      else if (stage->kind == CRM_STAGE_KIND_LOST && s->lost_stage_id == 0)
        s->lost_stage_id = stage->id;
    }
  if (s->open_stages->len == 0 || s->open_stages->len > 200 || s->won_stage_id == 0
      || s->lost_stage_id == 0)
    {
      g_set_error (error, CRM_SEED_ERROR, CRM_SEED_ERROR_NO_PIPELINE,
                   _ ("The pipeline “%s” needs open, Won and Lost stages"), pipeline->name);
      return FALSE;
    }
  return TRUE;
}

static gboolean
load_reference_data (Seeder *s, GError **error)
{
  if (!load_pipeline (s, error))
    return FALSE;

  s->lost_reasons = crm_store_list_lost_reasons (s->store, error);
  if (s->lost_reasons == NULL)
    return FALSE;
  s->sources = crm_store_list_lead_sources (s->store, error);
  if (s->sources == NULL)
    return FALSE;
  if (s->sources->len > G_MAXUINT8)
    g_ptr_array_set_size (s->sources, G_MAXUINT8);

  s->source_profiles = g_array_new (FALSE, FALSE, sizeof (guint));
  s->source_weights = g_array_new (FALSE, FALSE, sizeof (guint));
  for (guint i = 0; i < s->sources->len; i++)
    {
      CrmLeadSourceRecord *source = g_ptr_array_index (s->sources, i);
      guint profile = source_profile_for_name (source->name);

      g_array_append_val (s->source_profiles, profile);
      g_array_append_val (s->source_weights, source_profiles[profile].weight);
    }

  for (guint i = 0; i < G_N_ELEMENTS (first_names); i++)
    s->first_ascii[i] = fold_to_ascii_word (first_names[i]);
  for (guint i = 0; i < G_N_ELEMENTS (last_names); i++)
    s->last_ascii[i] = fold_to_ascii_word (last_names[i]);
  return TRUE;
}

/* ---- Planning ------------------------------------------------------------------------------ */

static char *
slugify (const char *text)
{
  GString *slug = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p++)
    {
      if (g_ascii_isalnum (*p))
        g_string_append_c (slug, g_ascii_tolower (*p));
      else if (slug->len > 0 && slug->str[slug->len - 1] != '-')
        g_string_append_c (slug, '-');
    }
  while (slug->len > 0 && slug->str[slug->len - 1] == '-')
    g_string_truncate (slug, slug->len - 1);
  return g_string_free (slug, FALSE);
}

static void
plan_companies (Seeder *s, guint n_companies)
{
  g_autoptr (GHashTable) taken = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  s->companies = g_array_sized_new (FALSE, TRUE, sizeof (PlannedCompany), n_companies);
  g_array_set_clear_func (s->companies, planned_company_clear);

  for (guint i = 0; i < n_companies; i++)
    {
      PlannedCompany company = { 0 };
      const Country *country;
      g_autofree char *base = NULL;
      g_autofree char *unique = NULL;
      g_autofree char *slug = NULL;
      guint uses;

      company.country = rand_country (s);
      company.trade = rand_index (s, G_N_ELEMENTS (trades));
      country = &countries[company.country];
      base = g_strdup_printf ("%s %s", company_stems[rand_index (s, G_N_ELEMENTS (company_stems))],
                              trades[company.trade].noun);

      /* The n-th company of a taken name gets a variant word, then a number. */
      uses = GPOINTER_TO_UINT (g_hash_table_lookup (taken, base));
      g_hash_table_replace (taken, g_strdup (base), GUINT_TO_POINTER (uses + 1));
      if (uses == 0)
        unique = g_strdup (base);
      else if (uses <= G_N_ELEMENTS (name_variants))
        unique = g_strdup_printf ("%s %s", base, name_variants[uses - 1]);
      else
        unique = g_strdup_printf ("%s %u", base, uses - (guint) G_N_ELEMENTS (name_variants) + 1);

      slug = slugify (unique);
      company.name = g_strdup_printf ("%s %s", unique, country->legal_form);
      company.domain = g_strdup_printf ("%s.%s", slug, country->tld);
      g_array_append_val (s->companies, company);
    }
}

static void
plan_contacts (Seeder *s, guint n_contacts)
{
  guint n_companies = s->companies->len;

  s->contacts = g_array_sized_new (FALSE, TRUE, sizeof (PlannedContact), n_contacts);
  for (guint i = 0; i < n_contacts; i++)
    {
      PlannedContact contact = { 0 };

      contact.captured_at = rand_capture_time (s);
      contact.first_name = rand_index (s, G_N_ELEMENTS (first_names));
      contact.last_name = rand_index (s, G_N_ELEMENTS (last_names));
      if (n_companies > 0 && rand_chance (s, 0.88))
        contact.company = 1 + rand_index (s, n_companies);
      contact.country
          = contact.company != 0
                ? g_array_index (s->companies, PlannedCompany, contact.company - 1).country
                : rand_country (s);
      contact.source = s->sources->len > 0 ? rand_weighted (s, (guint *) s->source_weights->data,
                                                            s->source_weights->len)
                                           : 0;
      contact.owner = rand_index (s, G_N_ELEMENTS (owners));
      contact.best_nps = -1;
      g_array_append_val (s->contacts, contact);
    }
}

static void
add_step (Seeder *s, gint64 stage_id, gint64 at)
{
  PlannedStep step = { stage_id, at };

  g_array_append_val (s->steps, step);
}

/* Walks a deal forward through the open stages from its creation until it is won, lost or
 * reaches today. Early stages lose more deals than late ones: a funnel. */
static void
plan_deal_journey (Seeder *s, PlannedDeal *deal, double advance_bonus)
{
  guint stage = 0;
  gint64 at = deal->created_at;

  deal->first_step = s->steps->len;
  add_step (s, g_array_index (s->open_stages, gint64, 0), at);
  while (TRUE)
    {
      gint64 next = at + rand_stage_duration (s);
      double advance = MIN (0.72 + 0.04 * stage + advance_bonus, 0.97);

      if (next >= s->now)
        {
          deal->outcome = OUTCOME_OPEN;
          break;
        }
      if (!rand_chance (s, advance))
        {
          deal->outcome = OUTCOME_LOST;
          deal->closed_at = next;
          deal->lost_reason = rand_index (s, s->lost_reasons->len);
          add_step (s, s->lost_stage_id, next);
          break;
        }
      if (stage + 1 == s->open_stages->len)
        {
          deal->outcome = OUTCOME_WON;
          deal->closed_at = next;
          add_step (s, s->won_stage_id, next);
          break;
        }
      stage++;
      at = next;
      add_step (s, g_array_index (s->open_stages, gint64, stage), at);
    }
  deal->n_steps = s->steps->len - deal->first_step;
}

static void
plan_deals (Seeder *s, guint n_deals)
{
  guint n_expansion = n_deals / 8;
  g_autoptr (GArray) won = g_array_new (FALSE, FALSE, sizeof (guint));

  s->deals = g_array_sized_new (FALSE, TRUE, sizeof (PlannedDeal), n_deals);
  s->steps = g_array_sized_new (FALSE, FALSE, sizeof (PlannedStep), n_deals * 4);

  for (guint i = 0; i < n_deals; i++)
    {
      PlannedDeal deal = { 0 };
      gboolean expansion = i >= n_deals - n_expansion && won->len > 0;

      deal.product = rand_index (s, G_N_ELEMENTS (products));
      deal.value_minor = rand_deal_value_minor (s);
      if (expansion)
        {
          /* Upsell: a new deal on a customer some weeks after the first one was won. */
          const PlannedDeal *first = &g_array_index (
              s->deals, PlannedDeal, g_array_index (won, guint, rand_index (s, won->len)));
          deal.contact = first->contact;
          deal.created_at = rand_time (s, first->closed_at + 14 * DAY, s->now - HOUR);
          deal.is_expansion = TRUE;
          deal.product = rand_index (s, G_N_ELEMENTS (expansion_products));
          deal.value_minor = MAX (deal.value_minor / 3 / 5000 * 5000, 50000);
          plan_deal_journey (s, &deal, 0.1);
        }
      else
        {
          const PlannedContact *contact;

          deal.contact = rand_index (s, s->contacts->len);
          contact = &g_array_index (s->contacts, PlannedContact, deal.contact);
          deal.created_at = rand_time (s, contact->captured_at,
                                       MIN (contact->captured_at + 45 * DAY, s->now - HOUR));
          plan_deal_journey (s, &deal, 0);
          if (deal.outcome == OUTCOME_WON && deal.closed_at < s->now - 15 * DAY)
            g_array_append_val (won, i);
        }
      g_array_append_val (s->deals, deal);
    }
}

static void
derive_lifecycles (Seeder *s)
{
  for (guint i = 0; i < s->deals->len; i++)
    {
      const PlannedDeal *deal = &g_array_index (s->deals, PlannedDeal, i);
      PlannedContact *contact = &g_array_index (s->contacts, PlannedContact, deal->contact);

      if (deal->outcome == OUTCOME_OPEN)
        contact->has_open = TRUE;
      else if (deal->outcome == OUTCOME_LOST)
        contact->has_lost = TRUE;
      else
        {
          contact->has_won = TRUE;
          if (contact->first_won_at == 0 || deal->closed_at < contact->first_won_at)
            contact->first_won_at = deal->closed_at;
        }
    }

  for (guint i = 0; i < s->contacts->len; i++)
    {
      PlannedContact *contact = &g_array_index (s->contacts, PlannedContact, i);

      if (contact->has_won)
        contact->lifecycle = CRM_LIFECYCLE_CUSTOMER;
      else if (contact->has_open)
        contact->lifecycle = CRM_LIFECYCLE_OPPORTUNITY;
      else if (contact->has_lost || rand_chance (s, 0.2))
        contact->lifecycle = CRM_LIFECYCLE_QUALIFIED;
      else
        contact->lifecycle = CRM_LIFECYCLE_LEAD;
    }
}

static void
add_activity (Seeder *s, const PlannedActivity *activity)
{
  PlannedContact *contact = &g_array_index (s->contacts, PlannedContact, activity->contact);

  /* Notes and tasks are not contact with the person. */
  if (activity->kind != CRM_ACTIVITY_NOTE && activity->kind != CRM_ACTIVITY_TASK
      && activity->occurred_at > contact->last_contacted_at)
    contact->last_contacted_at = activity->occurred_at;
  g_array_append_val (s->activities, *activity);
}

/* Most open deals have a next step: a task, a few of them overdue. */
static guint
plan_next_steps (Seeder *s, guint max_tasks)
{
  guint n = 0;

  for (guint i = 0; i < s->deals->len && n < max_tasks; i++)
    {
      const PlannedDeal *deal = &g_array_index (s->deals, PlannedDeal, i);
      PlannedActivity task = { 0 };

      if (deal->outcome != OUTCOME_OPEN || !rand_chance (s, 0.8))
        continue;
      task.kind = CRM_ACTIVITY_TASK;
      task.contact = deal->contact;
      task.deal = i + 1;
      task.occurred_at = rand_time (s, MAX (deal->created_at, s->now - 7 * DAY), s->now - HOUR);
      if (rand_chance (s, 0.15))
        task.due_at = MAX (s->now - rand_time (s, DAY, 10 * DAY), task.occurred_at + HOUR);
      else
        task.due_at = s->now + rand_time (s, DAY, 21 * DAY);
      add_activity (s, &task);
      n++;
    }
  return n;
}

static void
finish_task_or_case (Seeder *s, PlannedActivity *activity)
{
  if (activity->kind == CRM_ACTIVITY_TASK)
    {
      activity->due_at = activity->occurred_at + rand_time (s, DAY, 14 * DAY);
      if (activity->due_at < s->now && rand_chance (s, 0.85))
        {
          activity->done = TRUE;
          activity->done_at
              = rand_time (s, activity->occurred_at, MIN (activity->due_at + 2 * DAY, s->now));
        }
    }
  else if (activity->kind == CRM_ACTIVITY_SUPPORT && activity->occurred_at < s->now - 2 * DAY
           && rand_chance (s, 0.9))
    {
      activity->done = TRUE;
      activity->done_at = rand_time (s, activity->occurred_at + HOUR,
                                     MIN (activity->occurred_at + 5 * DAY, s->now));
    }
}

/* Indexes of the contacts that have a deal, and of those that are customers. */
static void
collect_engaged_contacts (Seeder *s, GArray *engaged, GArray *customers)
{
  for (guint i = 0; i < s->contacts->len; i++)
    {
      const PlannedContact *contact = &g_array_index (s->contacts, PlannedContact, i);

      if (contact->has_open || contact->has_won || contact->has_lost)
        g_array_append_val (engaged, i);
      if (contact->first_won_at != 0)
        g_array_append_val (customers, i);
    }
}

static void
plan_activities (Seeder *s, guint n_activities)
{
  static const guint deal_kinds[] = { 25, 35, 20, 10, 10, 0 };
  static const guint contact_kinds[] = { 25, 35, 8, 12, 12, 8 };
  g_autoptr (GArray) engaged = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr (GArray) customers = g_array_new (FALSE, FALSE, sizeof (guint));
  guint n_next_steps;

  s->activities = g_array_sized_new (FALSE, TRUE, sizeof (PlannedActivity), n_activities);
  collect_engaged_contacts (s, engaged, customers);
  n_next_steps = plan_next_steps (s, n_activities / 5);

  for (guint i = n_next_steps; i < n_activities; i++)
    {
      PlannedActivity activity = { 0 };
      const PlannedContact *contact;
      gint64 since;

      if (s->deals->len > 0 && rand_chance (s, 0.45))
        {
          guint index = rand_index (s, s->deals->len);
          const PlannedDeal *deal = &g_array_index (s->deals, PlannedDeal, index);

          activity.deal = index + 1;
          activity.contact = deal->contact;
          activity.kind = rand_weighted (s, deal_kinds, G_N_ELEMENTS (deal_kinds));
          activity.occurred_at = rand_time (s, deal->created_at,
                                            deal->closed_at != 0 ? deal->closed_at : s->now - 60);
          finish_task_or_case (s, &activity);
          add_activity (s, &activity);
          continue;
        }

      /* Support comes from customers; people with deals get more attention than the rest. */
      activity.kind = rand_weighted (s, contact_kinds, G_N_ELEMENTS (contact_kinds));
      if (activity.kind == CRM_ACTIVITY_SUPPORT && customers->len == 0)
        activity.kind = CRM_ACTIVITY_EMAIL;
      if (activity.kind == CRM_ACTIVITY_SUPPORT)
        activity.contact = g_array_index (customers, guint, rand_index (s, customers->len));
      else if (engaged->len > 0 && rand_chance (s, 0.35))
        activity.contact = g_array_index (engaged, guint, rand_index (s, engaged->len));
      else
        activity.contact = rand_index (s, s->contacts->len);
      contact = &g_array_index (s->contacts, PlannedContact, activity.contact);
      since = activity.kind == CRM_ACTIVITY_SUPPORT ? contact->first_won_at : contact->captured_at;
      activity.occurred_at = rand_time (s, since, s->now - 60);
      finish_task_or_case (s, &activity);
      add_activity (s, &activity);
    }
}

/* NPS from most customers, CSAT after half the resolved support cases; customers who answered
 * 9 or 10 are often advocates. */
static void
plan_feedback (Seeder *s)
{
  s->feedback = g_array_new (FALSE, TRUE, sizeof (PlannedFeedback));

  for (guint i = 0; i < s->contacts->len; i++)
    {
      PlannedContact *contact = &g_array_index (s->contacts, PlannedContact, i);
      guint n_answers;

      if (contact->first_won_at == 0 || contact->first_won_at + 7 * DAY >= s->now
          || !rand_chance (s, 0.7))
        continue;
      n_answers = rand_chance (s, 0.4) ? 2 : 1;
      for (guint j = 0; j < n_answers; j++)
        {
          PlannedFeedback answer = { 0 };

          answer.contact = i;
          answer.kind = CRM_FEEDBACK_NPS;
          answer.score = rand_nps_score (s);
          answer.answered_at = rand_time (s, contact->first_won_at + 7 * DAY, s->now - 60);
          contact->best_nps = MAX (contact->best_nps, (gint8) answer.score);
          g_array_append_val (s->feedback, answer);
        }
      if (contact->best_nps >= 9 && rand_chance (s, 0.5))
        contact->lifecycle = CRM_LIFECYCLE_ADVOCATE;
    }

  for (guint i = 0; i < s->activities->len; i++)
    {
      const PlannedActivity *activity = &g_array_index (s->activities, PlannedActivity, i);
      PlannedFeedback answer = { 0 };

      if (activity->kind != CRM_ACTIVITY_SUPPORT || !activity->done || !rand_chance (s, 0.5))
        continue;
      answer.contact = activity->contact;
      answer.kind = CRM_FEEDBACK_CSAT;
      answer.score = rand_csat_score (s);
      answer.answered_at = MIN (activity->done_at + rand_time (s, 0, 2 * DAY), s->now - 60);
      g_array_append_val (s->feedback, answer);
    }
}

/* ---- Writing ------------------------------------------------------------------------------- */

static void
report (Seeder *s, CrmSeedPhase phase, guint done, guint total)
{
  if (s->progress != NULL && (done == total || done % PROGRESS_EVERY == 0))
    s->progress (phase, done, total, s->user_data);
}

static gboolean
write_companies (Seeder *s, GError **error)
{
  for (guint i = 0; i < s->companies->len; i++)
    {
      PlannedCompany *planned = &g_array_index (s->companies, PlannedCompany, i);
      const Country *country = &countries[planned->country];
      g_autoptr (CrmCompanyRecord) company = crm_company_record_new ();

      company->name = g_strdup (planned->name);
      company->website = g_strdup_printf ("https://www.%s", planned->domain);
      company->industry = g_strdup (trades[planned->trade].industry);
      company->phone = g_strdup_printf ("%s %u %u", country->phone_prefix, 10 + rand_index (s, 90),
                                        1000000 + rand_index (s, 9000000));
      company->country = g_strdup (country->name);
      company->owner = g_strdup (PICK (s, owners));
      company->created_at = time_days_ago (s, HISTORY_DAYS + 1 + rand_index (s, 90));
      company->updated_at = company->created_at;
      if (!crm_store_insert_company (s->store, company, error))
        return FALSE;
      planned->id = company->id;
      report (s, CRM_SEED_PHASE_COMPANIES, i + 1, s->companies->len);
    }
  return TRUE;
}

static char *
make_unique_email (Seeder *s, GHashTable *taken, const PlannedContact *contact)
{
  const char *first = s->first_ascii[contact->first_name];
  const char *last = s->last_ascii[contact->last_name];
  const char *domain;
  g_autofree char *local = NULL;
  char *email;
  guint roll = rand_index (s, 100);

  if (contact->company != 0)
    domain = g_array_index (s->companies, PlannedCompany, contact->company - 1).domain;
  else
    domain = PICK (s, personal_domains);

  if (roll < 50)
    local = g_strdup_printf ("%s.%s", first, last);
  else if (roll < 70)
    local = g_strdup_printf ("%c.%s", first[0], last);
  else if (roll < 85)
    local = g_strdup_printf ("%s%s", first, last);
  else
    local = g_strdup (first);

  email = g_strdup_printf ("%s@%s", local, domain);
  for (guint n = 2; g_hash_table_contains (taken, email); n++)
    {
      g_free (email);
      email = g_strdup_printf ("%s%u@%s", local, n, domain);
    }
  g_hash_table_add (taken, g_strdup (email));
  return email;
}

static CrmBantAnswer
rand_bant (Seeder *s, gboolean engaged)
{
  static const guint engaged_weights[] = { 25, 65, 10 };
  static const guint lead_weights[] = { 75, 15, 10 };

  return rand_weighted (s, engaged ? engaged_weights : lead_weights, 3);
}

static char *
rand_bant_note (Seeder *s, guint dimension, CrmBantAnswer answer)
{
  if (answer != CRM_BANT_YES || !rand_chance (s, 0.25))
    return NULL;
  return g_strdup (PICK (s, bant_notes[dimension]));
}

static void
fill_bant (Seeder *s, CrmContactRecord *record, gboolean engaged)
{
  record->bant_budget = rand_bant (s, engaged);
  record->bant_budget_note = rand_bant_note (s, 0, record->bant_budget);
  record->bant_authority = rand_bant (s, engaged);
  record->bant_authority_note = rand_bant_note (s, 1, record->bant_authority);
  record->bant_need = rand_bant (s, engaged);
  record->bant_need_note = rand_bant_note (s, 2, record->bant_need);
  record->bant_timeline = rand_bant (s, engaged);
  record->bant_timeline_note = rand_bant_note (s, 3, record->bant_timeline);
}

/* A plausible rule-based score: fit (company, role, referral, BANT) plus recent engagement. */
static int
score_contact (Seeder *s,
               const PlannedContact *planned,
               const CrmContactRecord *record,
               gboolean senior)
{
  const CrmBantAnswer answers[]
      = { record->bant_budget, record->bant_authority, record->bant_need, record->bant_timeline };
  gint64 silence
      = planned->last_contacted_at != 0 ? s->now - planned->last_contacted_at : G_MAXINT64;
  int score = 10;

  if (planned->company != 0)
    score += 10;
  if (senior)
    score += 10;
  if (s->sources->len > 0)
    {
      const SourceProfile *profile
          = &source_profiles[g_array_index (s->source_profiles, guint, planned->source)];

      if (g_strcmp0 (profile->keyword, "referral") == 0)
        score += 15;
    }
  for (guint i = 0; i < G_N_ELEMENTS (answers); i++)
    score += answers[i] == CRM_BANT_YES ? 10 : answers[i] == CRM_BANT_NO ? -5 : 0;
  if (silence < 14 * DAY)
    score += 15;
  else if (silence < 60 * DAY)
    score += 5;
  else
    score -= 10;
  return CLAMP (score, 0, 100);
}

static gboolean
write_contacts (Seeder *s, GError **error)
{
  g_autoptr (GHashTable) emails = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < s->contacts->len; i++)
    {
      PlannedContact *planned = &g_array_index (s->contacts, PlannedContact, i);
      const Country *country = &countries[planned->country];
      g_autoptr (CrmContactRecord) contact = crm_contact_record_new ();
      gboolean senior = FALSE;

      contact->name = g_strdup_printf ("%s %s", first_names[planned->first_name],
                                       last_names[planned->last_name]);
      if (rand_chance (s, 0.96))
        contact->email = make_unique_email (s, emails, planned);
      if (rand_chance (s, 0.75))
        contact->phone
            = g_strdup_printf ("%s %u %u", country->phone_prefix, 10 + rand_index (s, 990),
                               100000 + rand_index (s, 9900000));
      if (planned->company != 0 && rand_chance (s, 0.9))
        {
          guint title = rand_index (s, G_N_ELEMENTS (titles));

          contact->title = g_strdup (titles[title]);
          senior = title < N_SENIOR_TITLES;
        }
      else if (planned->company == 0 && rand_chance (s, 0.3))
        contact->title = g_strdup (PICK (s, freelance_titles));
      if (planned->company != 0)
        contact->company_id = g_array_index (s->companies, PlannedCompany, planned->company - 1).id;
      contact->lifecycle = planned->lifecycle;
      if (s->sources->len > 0)
        contact->source_id
            = ((CrmLeadSourceRecord *) g_ptr_array_index (s->sources, planned->source))->id;
      contact->captured_at = planned->captured_at;
      contact->owner = g_strdup (owners[planned->owner]);
      contact->country = g_strdup (country->name);
      if (rand_chance (s, 0.03))
        contact->notes = g_strdup (PICK (s, contact_notes));
      fill_bant (s, contact, planned->lifecycle != CRM_LIFECYCLE_LEAD);
      contact->score = score_contact (s, planned, contact, senior);
      contact->last_contacted_at = planned->last_contacted_at;
      contact->created_at = planned->captured_at;
      contact->updated_at = MAX (planned->captured_at, planned->last_contacted_at);

      if (!crm_store_insert_contact (s->store, contact, error))
        return FALSE;
      planned->id = contact->id;
      report (s, CRM_SEED_PHASE_CONTACTS, i + 1, s->contacts->len);
    }
  return TRUE;
}

/* Writes the deal as it is today, then makes its stage history tell the walk that led there:
 * the store's insert records the deal as created straight into its final stage. */
static gboolean
write_deal_history (Seeder *s, const PlannedDeal *planned, GError **error)
{
  g_autoptr (GPtrArray) history = crm_store_list_deal_history (s->store, planned->id, error);
  const PlannedStep *steps = &g_array_index (s->steps, PlannedStep, planned->first_step);
  CrmDealStageHistoryRecord *first;

  if (history == NULL)
    return FALSE;
  if (history->len != 1)
    {
      g_set_error (error, CRM_SEED_ERROR, CRM_SEED_ERROR_FAILED,
                   _ ("A new deal has %u stage history rows instead of one"), history->len);
      return FALSE;
    }

  first = g_ptr_array_index (history, 0);
  if (first->to_stage_id != steps[0].stage_id || first->changed_at != steps[0].at)
    {
      first->from_stage_id = 0;
      first->to_stage_id = steps[0].stage_id;
      first->changed_at = steps[0].at;
      if (!crm_store_update_deal_stage_history (s->store, first, error))
        return FALSE;
    }

  for (guint i = 1; i < planned->n_steps; i++)
    {
      g_autoptr (CrmDealStageHistoryRecord) row = crm_deal_stage_history_record_new ();

      row->deal_id = planned->id;
      row->from_stage_id = steps[i - 1].stage_id;
      row->to_stage_id = steps[i].stage_id;
      row->changed_at = steps[i].at;
      if (!crm_store_insert_deal_stage_history (s->store, row, error))
        return FALSE;
    }
  return TRUE;
}

static char *
deal_title (Seeder *s, const PlannedDeal *planned, const PlannedContact *contact)
{
  const char *product
      = planned->is_expansion ? expansion_products[planned->product] : products[planned->product];

  if (contact->company != 0)
    {
      const PlannedCompany *company
          = &g_array_index (s->companies, PlannedCompany, contact->company - 1);
      return g_strdup_printf ("%s – %s", company->name, product);
    }
  return g_strdup_printf ("%s %s – %s", first_names[contact->first_name],
                          last_names[contact->last_name], product);
}

static gboolean
write_deals (Seeder *s, GError **error)
{
  for (guint i = 0; i < s->deals->len; i++)
    {
      PlannedDeal *planned = &g_array_index (s->deals, PlannedDeal, i);
      const PlannedContact *contact
          = &g_array_index (s->contacts, PlannedContact, planned->contact);
      const PlannedStep *last
          = &g_array_index (s->steps, PlannedStep, planned->first_step + planned->n_steps - 1);
      g_autoptr (CrmDealRecord) deal = crm_deal_record_new ();

      deal->title = deal_title (s, planned, contact);
      deal->contact_id = contact->id;
      if (contact->company != 0)
        deal->company_id = g_array_index (s->companies, PlannedCompany, contact->company - 1).id;
      deal->stage_id = last->stage_id;
      deal->value_minor = planned->value_minor;
      deal->currency = g_strdup (countries[contact->country].currency);
      if (planned->outcome == OUTCOME_OPEN)
        deal->expected_close = time_days_ago (s, 0) + rand_time (s, -20 * DAY, 90 * DAY);
      else
        deal->expected_close = planned->closed_at + rand_time (s, -10 * DAY, 20 * DAY);
      deal->owner = g_strdup (owners[contact->owner]);
      deal->probability_override = -1;
      if (planned->outcome == OUTCOME_OPEN && rand_chance (s, 0.1))
        deal->probability_override = 5 * (2 + rand_index (s, 17));
      if (planned->outcome == OUTCOME_LOST && s->lost_reasons->len > 0)
        deal->lost_reason_id
            = ((CrmLostReasonRecord *) g_ptr_array_index (s->lost_reasons, planned->lost_reason))
                  ->id;
      deal->is_expansion = planned->is_expansion;
      deal->created_at = planned->created_at;
      deal->stage_entered_at = last->at;
      deal->closed_at = planned->closed_at;
      deal->updated_at = last->at;

      if (!crm_store_insert_deal (s->store, deal, error))
        return FALSE;
      planned->id = deal->id;
      if (!write_deal_history (s, planned, error))
        return FALSE;
      report (s, CRM_SEED_PHASE_DEALS, i + 1, s->deals->len);
    }
  return TRUE;
}

static gboolean
write_activities (Seeder *s, GError **error)
{
  for (guint i = 0; i < s->activities->len; i++)
    {
      const PlannedActivity *planned = &g_array_index (s->activities, PlannedActivity, i);
      g_autoptr (CrmActivityRecord) activity = crm_activity_record_new ();

      activity->kind = planned->kind;
      activity->subject = g_strdup (PICK (s, activity_subjects[planned->kind]));
      if (planned->kind != CRM_ACTIVITY_NOTE && rand_chance (s, 0.25))
        activity->notes = g_strdup (PICK (s, activity_notes));
      activity->contact_id = g_array_index (s->contacts, PlannedContact, planned->contact).id;
      if (planned->deal != 0)
        activity->deal_id = g_array_index (s->deals, PlannedDeal, planned->deal - 1).id;
      activity->occurred_at = planned->occurred_at;
      activity->due_at = planned->due_at;
      activity->done = planned->done;
      activity->done_at = planned->done_at;
      activity->created_at = planned->occurred_at;
      activity->updated_at = MAX (planned->occurred_at, planned->done_at);

      if (!crm_store_insert_activity (s->store, activity, error))
        return FALSE;
      report (s, CRM_SEED_PHASE_ACTIVITIES, i + 1, s->activities->len);
    }
  return TRUE;
}

static gboolean
write_feedback (Seeder *s, GError **error)
{
  for (guint i = 0; i < s->feedback->len; i++)
    {
      const PlannedFeedback *planned = &g_array_index (s->feedback, PlannedFeedback, i);
      g_autoptr (CrmFeedbackRecord) answer = crm_feedback_record_new ();

      answer->contact_id = g_array_index (s->contacts, PlannedContact, planned->contact).id;
      answer->kind = planned->kind;
      answer->score = planned->score;
      answer->answered_at = planned->answered_at;
      if (planned->kind == CRM_FEEDBACK_NPS && rand_chance (s, 0.2))
        answer->comment = g_strdup (planned->score >= 9   ? PICK (s, nps_comments_high)
                                    : planned->score <= 6 ? PICK (s, nps_comments_low)
                                                          : NULL);
      if (!crm_store_insert_feedback (s->store, answer, error))
        return FALSE;
      report (s, CRM_SEED_PHASE_FEEDBACK, i + 1, s->feedback->len);
    }
  return TRUE;
}

/* First second (UTC) of the month @months_back months before the reference month. */
static gint64
month_start (gint64 now, guint months_back)
{
  g_autoptr (GDateTime) today = g_date_time_new_from_unix_utc (now);
  g_autoptr (GDateTime) first = NULL;
  int year = g_date_time_get_year (today);
  int month = g_date_time_get_month (today) - (int) months_back;

  while (month < 1)
    {
      month += 12;
      year--;
    }
  first = g_date_time_new_utc (year, month, 1, 0, 0, 0);
  return g_date_time_to_unix (first);
}

/* Spend is one entry per source and month: a database that has spend already (seeded before,
 * or entered by hand) keeps its own figures. */
static gboolean
write_spend (Seeder *s, GError **error)
{
  guint total = s->sources->len * SPEND_MONTHS;
  g_autoptr (GError) local_error = NULL;
  gint64 existing = crm_store_count (s->store, CRM_ENTITY_ACQUISITION_SPEND, &local_error);

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (existing > 0)
    total = 0;

  for (guint i = 0; i < s->sources->len && existing == 0; i++)
    {
      const CrmLeadSourceRecord *source = g_ptr_array_index (s->sources, i);
      const SourceProfile *profile = &source_profiles[g_array_index (s->source_profiles, guint, i)];

      for (guint month = 0; month < SPEND_MONTHS; month++)
        {
          g_autoptr (CrmAcquisitionSpendRecord) spend = NULL;

          if (rand_index (s, 100) >= profile->spend_percent)
            continue;
          spend = crm_acquisition_spend_record_new ();
          spend->source_id = source->id;
          spend->month_start = month_start (s->now, month);
          spend->amount_minor = (gint64) (profile->spend_min
                                          + rand_index (s, profile->spend_max - profile->spend_min))
                                * 100;
          spend->currency = g_strdup ("EUR");
          if (!crm_store_insert_acquisition_spend (s->store, spend, error))
            return FALSE;
        }
    }
  report (s, CRM_SEED_PHASE_SPEND, total, total);
  return TRUE;
}

static gboolean
write_plan (Seeder *s, GError **error)
{
  return write_companies (s, error) && write_contacts (s, error) && write_deals (s, error)
         && write_activities (s, error) && write_feedback (s, error) && write_spend (s, error);
}

/* ---- Public -------------------------------------------------------------------------------- */

void
crm_seed_options_init (CrmSeedOptions *options)
{
  g_return_if_fail (options != NULL);

  memset (options, 0, sizeof *options);
  options->n_contacts = 1000;
  options->n_companies = -1;
  options->n_deals = 200;
  options->n_activities = 3000;
  options->seed = 1;
}

const char *
crm_seed_phase_to_string (CrmSeedPhase phase)
{
  static const char *const names[]
      = { "plan", "companies", "contacts", "deals", "activities", "feedback", "spend", "commit" };

  g_return_val_if_fail (phase < CRM_SEED_N_PHASES, NULL);
  return names[phase];
}

static gboolean
validate_options (const CrmSeedOptions *options, GError **error)
{
  if (options->n_contacts == 0 && (options->n_deals > 0 || options->n_activities > 0))
    {
      g_set_error_literal (error, CRM_SEED_ERROR, CRM_SEED_ERROR_INVALID_OPTIONS,
                           _ ("Deals and activities need at least one contact"));
      return FALSE;
    }
  if (options->n_companies < -1)
    {
      g_set_error (error, CRM_SEED_ERROR, CRM_SEED_ERROR_INVALID_OPTIONS,
                   _ ("Invalid number of companies: %d"), options->n_companies);
      return FALSE;
    }
  return TRUE;
}

static void
plan (Seeder *s, const CrmSeedOptions *options)
{
  guint n_companies = options->n_companies >= 0 ? (guint) options->n_companies
                      : options->n_contacts > 0 ? MAX (options->n_contacts / 10, 1)
                                                : 0;

  plan_companies (s, n_companies);
  plan_contacts (s, options->n_contacts);
  plan_deals (s, options->n_deals);
  derive_lifecycles (s);
  plan_activities (s, options->n_activities);
  plan_feedback (s);
  report (s, CRM_SEED_PHASE_PLAN, 1, 1);
}

gboolean
crm_seed_database (CrmStore *store,
                   const CrmSeedOptions *options,
                   CrmSeedProgressFunc progress,
                   gpointer user_data,
                   GError **error)
{
  g_autoptr (Seeder) s = g_new0 (Seeder, 1);

  g_return_val_if_fail (CRM_IS_STORE (store), FALSE);
  g_return_val_if_fail (options != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!validate_options (options, error))
    return FALSE;

  s->store = store;
  s->rand = g_rand_new_with_seed (options->seed);
  s->now = options->now;
  if (s->now == 0)
    {
      s->now = g_get_real_time () / G_USEC_PER_SEC;
      s->now -= s->now % DAY;
    }
  s->progress = progress;
  s->user_data = user_data;

  if (!load_reference_data (s, error))
    return FALSE;
  plan (s, options);

  if (!crm_store_begin_bulk (store, error))
    return FALSE;
  if (!write_plan (s, error))
    {
      crm_store_rollback (store);
      return FALSE;
    }
  if (!crm_store_commit (store, error))
    return FALSE;
  report (s, CRM_SEED_PHASE_COMMIT, 1, 1);
  return TRUE;
}

/* crm-seed-words.c — the word lists behind the sample data: names from many cultures (so
 * sorting, search and e-mail folding meet real-world text), companies, countries, job titles,
 * lead sources, products and the words of activities and feedback.
 */
#include "config.h"

#include "crm-seed-words.h"

const char *const crm_seed_first_names[] = {
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

const char *const crm_seed_last_names[] = {
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

/* Mostly European customers, billed mostly in euros, some in dollars and pounds. */
const CrmSeedCountry crm_seed_countries[] = {
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

const char *const crm_seed_company_stems[] = {
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

const CrmSeedTrade crm_seed_trades[] = {
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
const char *const crm_seed_name_variants[] = {
  "Group",   "Partners", "Works",    "International", "Solutions", "Europe",
  "Holding", "Digital",  "Services", "Collective",    "Studio",    "Technologies",
};

const char *const crm_seed_personal_domains[] = { "example.com", "example.net", "example.org" };

const char *const crm_seed_owners[]
    = { "Alex Morgan", "Priya Raman", "Jonas Weber", "Lucía Fernández" };

const char *const crm_seed_titles[] = {
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

const char *const crm_seed_freelance_titles[]
    = { "Consultant", "Freelance designer", "Independent advisor" };

const CrmSeedSourceProfile crm_seed_source_profiles[] = {
  { "website", 30, 900, 2600, 100 }, { "referral", 16, 150, 600, 70 },
  { "event", 12, 2500, 14000, 35 },  { "cold", 14, 700, 1600, 100 },
  { "partner", 10, 400, 1800, 80 },  { "import", 10, 0, 0, 0 },
  { "other", 8, 100, 500, 40 },      { NULL, 8, 200, 900, 60 },
};

const char *const crm_seed_products[] = {
  "Annual subscription",  "Pilot project",   "Team licence",        "Onboarding and training",
  "Premium support plan", "Data migration",  "Consulting retainer", "Company-wide rollout",
  "Integration project",  "Starter package", "Custom reporting",    "Multi-year agreement",
};

const char *const crm_seed_expansion_products[] = {
  "Additional seats",      "Premium add-on",      "Second department rollout",
  "Upgrade to Enterprise", "Extra support hours", "API access",
};

const char *const crm_seed_contact_notes[] = {
  "Met at the trade fair in Hamburg.",
  "Prefers calls in the morning.",
  "Speaks German and English.",
  "Introduced by an existing customer.",
  "Asked for a callback after the summer.",
};

/* Notes on a BANT "yes", per dimension: budget, authority, need, timeline. */
const char *const crm_seed_bant_notes[4][3] = {
  { "Budget approved for this year", "About 20k set aside", "Paid from the IT budget" },
  { "Decision maker", "Signs off with the CFO", "Needs board approval" },
  { "Current tool is end-of-life", "Team is growing fast", "Manual process is too slow" },
  { "Wants to start next quarter", "Decision before year end", "Go-live planned for spring" },
};

/* Subjects per CrmActivityKind, in enum order. */
const char *const crm_seed_activity_subjects[][8] = {
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

const char *const crm_seed_activity_notes[] = {
  "Went well, next step agreed.",
  "Needs to check with the team first.",
  "Asked for a discount.",
  "Very interested in the reporting features.",
  "Wants references from their industry.",
  "Timeline moved by a month.",
};

const char *const crm_seed_nps_comments_high[]
    = { "Great support team.", "Saves us hours every week.", "Easy to use." };
const char *const crm_seed_nps_comments_low[]
    = { "Too expensive for what we use.", "Missing integrations.", "Slow response times." };

/* The counts in crm-seed-words.h, which the other files size their loops and tables by. */
G_STATIC_ASSERT (G_N_ELEMENTS (crm_seed_first_names) == CRM_SEED_N_FIRST_NAMES);
G_STATIC_ASSERT (G_N_ELEMENTS (crm_seed_last_names) == CRM_SEED_N_LAST_NAMES);
G_STATIC_ASSERT (G_N_ELEMENTS (crm_seed_countries) == CRM_SEED_N_COUNTRIES);
G_STATIC_ASSERT (G_N_ELEMENTS (crm_seed_company_stems) == CRM_SEED_N_COMPANY_STEMS);
G_STATIC_ASSERT (G_N_ELEMENTS (crm_seed_trades) == CRM_SEED_N_TRADES);
G_STATIC_ASSERT (G_N_ELEMENTS (crm_seed_name_variants) == CRM_SEED_N_NAME_VARIANTS);
G_STATIC_ASSERT (G_N_ELEMENTS (crm_seed_personal_domains) == CRM_SEED_N_PERSONAL_DOMAINS);
G_STATIC_ASSERT (G_N_ELEMENTS (crm_seed_owners) == CRM_SEED_N_OWNERS);
G_STATIC_ASSERT (G_N_ELEMENTS (crm_seed_titles) == CRM_SEED_N_TITLES);
G_STATIC_ASSERT (G_N_ELEMENTS (crm_seed_freelance_titles) == CRM_SEED_N_FREELANCE_TITLES);
G_STATIC_ASSERT (G_N_ELEMENTS (crm_seed_source_profiles) == CRM_SEED_N_SOURCE_PROFILES);
G_STATIC_ASSERT (G_N_ELEMENTS (crm_seed_products) == CRM_SEED_N_PRODUCTS);
G_STATIC_ASSERT (G_N_ELEMENTS (crm_seed_expansion_products) == CRM_SEED_N_EXPANSION_PRODUCTS);
G_STATIC_ASSERT (G_N_ELEMENTS (crm_seed_contact_notes) == CRM_SEED_N_CONTACT_NOTES);
G_STATIC_ASSERT (G_N_ELEMENTS (crm_seed_activity_notes) == CRM_SEED_N_ACTIVITY_NOTES);
G_STATIC_ASSERT (G_N_ELEMENTS (crm_seed_nps_comments_high) == CRM_SEED_N_NPS_COMMENTS_HIGH);
G_STATIC_ASSERT (G_N_ELEMENTS (crm_seed_nps_comments_low) == CRM_SEED_N_NPS_COMMENTS_LOW);

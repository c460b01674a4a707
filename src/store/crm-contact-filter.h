/* crm-contact-filter.h — CrmContactFilter, which contacts the contact list shows: lifecycle
 * stages, lead source, tag, score range, owner, time since the last contact, no next step,
 * country and search words, all of them at once. A smart list is a named filter saved as text
 * (crm_contact_filter_to_string()); the store counts and pages contacts through one
 * (crm_store_count_contacts_filtered() and friends). */
#pragma once

#include <glib-object.h>

#include "crm-store-types.h"

G_BEGIN_DECLS

/* A day, for "not contacted in N days". */
#define CRM_CONTACT_FILTER_DAY 86400

/* Every member at its zero value (or -1 for the score bounds) filters nothing. */
typedef struct
{
  guint lifecycles;         /* set of 1 << CrmLifecycleStage; 0: any stage */
  gint64 source_id;         /* 0: any source */
  gint64 tag_id;            /* 0: with or without tags */
  int score_min;            /* 0-100; -1: no lower bound */
  int score_max;            /* 0-100; -1: no upper bound */
  char *owner;              /* exactly this owner; NULL: anyone's */
  guint not_contacted_days; /* > 0: last contacted longer ago than this, or never */
  gboolean no_next_step;    /* only people without an open activity that has a due time */
  char *country;            /* this country, case-blind; NULL: any */
  char *text;               /* search words (see crm_store_build_fts_query()); NULL: none */
  /* The moment "N days" count back from (unix seconds); 0: the time of each query. Not saved
   * as text: a list pins it so that its count and its pages agree. */
  gint64 now;
} CrmContactFilter;

#define CRM_TYPE_CONTACT_FILTER (crm_contact_filter_get_type ())
GType
crm_contact_filter_get_type (void);

CrmContactFilter *
crm_contact_filter_new (void);
CrmContactFilter *
crm_contact_filter_copy (const CrmContactFilter *filter);
void
crm_contact_filter_free (CrmContactFilter *filter);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrmContactFilter, crm_contact_filter_free)

/* The same contacts (now not compared); NULL is the empty filter. */
gboolean
crm_contact_filter_equal (const CrmContactFilter *a, const CrmContactFilter *b);
/* How many criteria are set, search words not counted (for a "Filters (3)" label). */
guint
crm_contact_filter_count_criteria (const CrmContactFilter *filter);
/* No criterion and no searchable word: every contact. */
gboolean
crm_contact_filter_is_empty (const CrmContactFilter *filter);
/* The search words if they hold a searchable term, else NULL. */
const char *
crm_contact_filter_get_search (const CrmContactFilter *filter);
/* The owner and the country to match, or NULL when unset or blank. */
const char *
crm_contact_filter_get_owner (const CrmContactFilter *filter);
const char *
crm_contact_filter_get_country (const CrmContactFilter *filter);
/* The time "not contacted in N days" counts back from, at the moment of a query. */
gint64
crm_contact_filter_get_contacted_before (const CrmContactFilter *filter);

/* The filter as a key file (only what is set), and back. Parsing refuses text that is not a
 * filter, or has a value out of range, with CRM_STORE_ERROR_INVALID; keys it does not know
 * are skipped (a newer Rapport may add some). */
char *
crm_contact_filter_to_string (const CrmContactFilter *filter);
CrmContactFilter *
crm_contact_filter_parse (const char *text, GError **error);

/* Whether @contact passes the criteria that its record holds (stages, source, score, owner,
 * last contact, country), as the store's queries judge them. Tags, next steps and search words
 * are not looked at. */
gboolean
crm_contact_filter_matches_record (const CrmContactFilter *filter, const CrmContactRecord *contact);
/* Whether the filter has criteria that a record alone cannot answer (tag, next step, search). */
gboolean
crm_contact_filter_needs_store (const CrmContactFilter *filter);

G_END_DECLS

/* crm-store-timeline.h — what the contact and company details read and write besides the rows
 * themselves: logging an activity (with the contact's last contact), ticking off a task, the
 * timeline of a contact, company or deal (activities, deal stage changes and feedback answers,
 * newest first, a page at a time), and the lists the details show (deals, people, answers, won
 * revenue, tags by name).
 */
#pragma once

#include "crm-store.h"

G_BEGIN_DECLS

/* ---- Activities ---------------------------------------------------------------------------- */

/* Whether an activity of @kind is the contact being reached (a call, e-mail or meeting). */
gboolean
crm_activity_kind_is_contact (CrmActivityKind kind);

/* Inserts @activity (filling in its id, uuid and times as crm_store_insert_activity() does)
 * and, in the same transaction, when it is a call, e-mail or meeting that has happened
 * (occurred_at ≤ now) with a contact, moves that contact's last_contacted_at to occurred_at
 * when that is newer. */
gboolean
crm_store_log_activity (CrmStore *self, CrmActivityRecord *activity, GError **error);

/* Marks activity @activity_id done (done_at: now) or not done (done_at cleared). Writing the
 * state it already has changes nothing. */
gboolean
crm_store_set_activity_done (CrmStore *self, gint64 activity_id, gboolean done, GError **error);

/* ---- The timeline ---------------------------------------------------------------------------- */

typedef enum
{
  CRM_TIMELINE_ACTIVITY,
  CRM_TIMELINE_STAGE_CHANGE,
  CRM_TIMELINE_FEEDBACK,
} CrmTimelineKind;

/* Whose timeline: a contact's (its activities, its deals' activities and stage changes, its
 * feedback), a company's (the same for all its people, and its own deals), or a deal's (its
 * activities and stage changes). */
typedef enum
{
  CRM_TIMELINE_SCOPE_CONTACT,
  CRM_TIMELINE_SCOPE_COMPANY,
  CRM_TIMELINE_SCOPE_DEAL,
} CrmTimelineScope;

/* An entry's place: entries come newest first, by time, then kind, then id, all descending. */
typedef struct
{
  gint64 time;
  CrmTimelineKind kind;
  gint64 id;
} CrmTimelineKey;

typedef struct
{
  CrmTimelineKey key; /* id: of the activity, stage-history row or feedback answer */
  int subkind;        /* CrmActivityKind or CrmFeedbackKind */
  char *text;         /* the activity's subject, the answer's comment (may be NULL) */
  gint64 contact_id;  /* the activity's or answer's contact, else the deal's */
  char *contact_name;
  gint64 deal_id;
  char *deal_title;
  gint64 due_at; /* activities */
  gboolean done;
  char *from_stage; /* stage changes: NULL when the deal was created there */
  char *to_stage;
  int score; /* feedback */
} CrmTimelineEntry;

void
crm_timeline_entry_free (CrmTimelineEntry *entry);
CrmTimelineEntry *
crm_timeline_entry_copy (const CrmTimelineEntry *entry);
/* Whether the two say the same (key and every shown value). */
gboolean
crm_timeline_entry_equal (const CrmTimelineEntry *a, const CrmTimelineEntry *b);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrmTimelineEntry, crm_timeline_entry_free)

/* < 0 when @a comes before @b on the timeline (is newer). */
int
crm_timeline_key_compare (const CrmTimelineKey *a, const CrmTimelineKey *b);

/* Up to @limit entries of @scope's @id (CrmTimelineEntry), newest first, after @after (keyset
 * paging; NULL: from the newest). One query whatever the depth. */
GPtrArray *
crm_store_fetch_timeline (CrmStore *self,
                          CrmTimelineScope scope,
                          gint64 id,
                          const CrmTimelineKey *after,
                          guint limit,
                          GError **error);

/* ---- What the details list ------------------------------------------------------------------ */

/* The deals of a contact (CrmDealRecord), newest first. */
GPtrArray *
crm_store_list_deals_for_contact (CrmStore *self, gint64 contact_id, GError **error);
/* The deals of a company: its own, and its people's that name no company; newest first. */
GPtrArray *
crm_store_list_deals_for_company (CrmStore *self, gint64 company_id, GError **error);
/* The people of a company (CrmContactRecord), by name. */
GPtrArray *
crm_store_list_contacts_of_company (CrmStore *self, gint64 company_id, GError **error);
/* A contact's NPS and CSAT answers (CrmFeedbackRecord), newest first. */
GPtrArray *
crm_store_list_feedback_for_contact (CrmStore *self, gint64 contact_id, GError **error);

/* A sum of money in one currency. */
typedef struct
{
  char currency[4];
  guint n_deals;
  gint64 total_minor;
} CrmMoneySum;

/* The won deals of a company (as crm_store_list_deals_for_company() counts its deals): one
 * CrmMoneySum per currency, by currency code. */
GArray *
crm_store_sum_won_deals_for_company (CrmStore *self, gint64 company_id, GError **error);

/* The id of the tag named @name (case-blind, spaces around it ignored), created when there is
 * none; 0 with CRM_STORE_ERROR_INVALID for a blank name. */
gint64
crm_store_ensure_tag (CrmStore *self, const char *name, GError **error);

G_END_DECLS

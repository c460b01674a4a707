/* crm-store-private.h — what the parts of CrmStore share: the connection, the statement cache,
 * the pending change queue and the table that describes each entity's columns. */
#pragma once

#include <sqlite3.h>

#include "crm-store-schema.h"
#include "crm-store.h"

G_BEGIN_DECLS

typedef struct _CrmContactMatches CrmContactMatches;
typedef struct _CrmContactPrefixes CrmContactPrefixes;

#define CRM_STORE_CONTACT_WALK_ROWS 32768
/* Below this many contacts that pass a filter, squared, over the table's size, they are sorted
 * (crm-store-contact-list.c): at a million contacts, up to 32,000 (sorting 8,500 matches of
 * "x"* costs 5 to 20 ms; walking the name index to find the first pages among them, when they
 * sit late in the order, seconds). */
#define CRM_STORE_CONTACT_SORT_FACTOR 1024
/* Ids kept of each search worked out ahead (crm-store-contact-prefixes.c): the rows the
 * contact list reads at once from the top of a new list (or more). */
#define CRM_STORE_CONTACT_PREFIX_IDS 64
/* A change waits this long for the next before they are worked out again. */
#define CRM_STORE_CONTACT_PREFIXES_DELAY_MS 1500

struct _CrmStore
{
  GObject parent_instance;

  sqlite3 *db;
  char *path;
  char *migration_backup_path;
  char *migrations_path; /* resource folder of the NNNN-*.sql files */
  int target_version;
  int schema_version;
  GHashTable *statements; /* SQL text -> sqlite3_stmt* */

  guint transaction_depth;
  gboolean bulk;
  gboolean bulk_touched[CRM_N_ENTITIES];
  GArray *pending_changes; /* CrmPendingChange */
  GArray *savepoint_marks; /* guint: pending_changes->len at each savepoint */
  gint64 data_version;
  guint64 n_write_statements;
  /* The commit whose change signals are being emitted (0: none), and how many of them each
   * entity gets (crm_store_get_change_batch()). */
  guint64 change_batch;
  guint64 n_change_batches;
  guint batch_sizes[CRM_N_ENTITIES];

  /* Bulk transactions (crm-store-bulk.c). */
  gboolean bulk_failed;
  gint64 cache_size_before_bulk;
  gint64 bulk_first_log_id;
  gint64 bulk_expected_rows;     /* new rows per table the batch expects; negative: unknown */
  GPtrArray *suspended_triggers; /* CrmSuspendedTrigger */
  GPtrArray *suspended_indexes;  /* char *: the CREATE INDEX of each index dropped */

  /* Contact filter (its text and days) -> gint64 count of the contacts it passes, as last
   * counted: picks how the contact list reads its pages (crm-store-contact-list.c). */
  GHashTable *filter_counts;
  /* The matches of the last search read by sorting them, in list order, or NULL
   * (crm-store-contact-matches.c). */
  CrmContactMatches *contact_matches;
  /* The count and first ids of the shortest searches, worked out ahead, or NULL until asked
   * for (crm-store-contact-prefixes.c). */
  CrmContactPrefixes *contact_prefixes;
  /* How long after a change that forgot them they are worked out again (tests make it
   * shorter). */
  guint contact_prefixes_delay_ms;
  /* How far along the sort's index a page of a filter few pass is looked for before they are
   * sorted (crm-store-contact-list.c; tests make it shorter). */
  guint contact_walk_rows;
  /* Below this many contacts that pass a filter, times the table's size, they are sorted
   * (CRM_STORE_CONTACT_SORT_FACTOR; tests make it smaller). */
  guint contact_sort_factor;
  /* Whether the page cache was made larger for searching (crm-store-contact-list.c). */
  gboolean search_cache;

  /* Write statements of each entity, built once. */
  char *insert_sql[CRM_N_ENTITIES];
  char *update_sql[CRM_N_ENTITIES];
};

typedef struct
{
  CrmEntity entity;
  CrmChangeAction action;
  gint64 id;
  gpointer old_record;
} CrmPendingChange;

/* Statement cache: the returned statement is reset and its bindings cleared; do not finalize. */
sqlite3_stmt *
crm_store_prepare (CrmStore *self, const char *sql, GError **error);
/* The first column of every row @statement (bound and ready) returns, as gint64s; resets it. */
GArray *
crm_store_step_ids (CrmStore *self, sqlite3_stmt *statement, GError **error);
/* The first column of every row of @sql, with ?1 bound to @bind_value. */
GArray *
crm_store_select_ids (CrmStore *self, const char *sql, gint64 bind_value, GError **error);
gboolean
crm_store_exec (CrmStore *self, const char *sql, GError **error);
/* Runs a prepared statement that returns no rows. */
gboolean
crm_store_step_done (CrmStore *self, sqlite3_stmt *statement, GError **error);
void
crm_store_set_error_from_db (CrmStore *self, GError **error, const char *context);
void
crm_store_set_error_from_code (sqlite3 *db, int code, GError **error, const char *context);

/* Queues a change signal for after the outermost commit; takes ownership of @old_record. */
void
crm_store_queue_change (
    CrmStore *self, CrmEntity entity, CrmChangeAction action, gint64 id, gpointer old_record);

/* Generic rows <-> records. */
gpointer
crm_store_record_new (const CrmEntityInfo *info);
void
crm_store_read_record (const CrmEntityInfo *info,
                       sqlite3_stmt *statement,
                       int first_column,
                       gpointer record);
GPtrArray *
crm_store_select_records (CrmStore *self,
                          CrmEntity entity,
                          const char *where_and_order,
                          const gint64 *bind_values,
                          guint n_bind_values,
                          GError **error);
gboolean
crm_store_insert_record (CrmStore *self, CrmEntity entity, gpointer record, GError **error);
gboolean
crm_store_update_record (CrmStore *self, CrmEntity entity, gpointer record, GError **error);
/* Writes every column of @record to its row (no validation, no signal). */
gboolean
crm_store_update_row (CrmStore *self, CrmEntity entity, gpointer record, GError **error);
gboolean
crm_store_delete_record (CrmStore *self, CrmEntity entity, gint64 id, GError **error);

/* Deal-specific halves of the generic write path (crm-store-deals.c). */
gboolean
crm_store_prepare_deal_insert (CrmStore *self, CrmDealRecord *deal, GError **error);
gboolean
crm_store_finish_deal_insert (CrmStore *self, CrmDealRecord *deal, GError **error);
gboolean
crm_store_apply_stage_change (CrmStore *self,
                              CrmDealRecord *deal,
                              gint64 from_stage_id,
                              GError **error);

/* Rows written with the defaults of a new database (translated at creation). */
gboolean
crm_store_insert_defaults (CrmStore *self, GError **error);

gint64
crm_store_now (void);

extern const char *const crm_lifecycle_stage_names[];
extern const char *const crm_bant_answer_names[];
extern const char *const crm_stage_kind_names[];
extern const char *const crm_activity_kind_names[];
extern const char *const crm_feedback_kind_names[];

/* The first column of the first row of @sql (0 when none); *rc_out gets SQLite's result. */
gint64
crm_store_query_int64 (sqlite3 *db, const char *sql, int *rc_out);

/* Bulk transactions (crm-store-bulk.c): set up after BEGIN, finished before COMMIT, and
 * ended after COMMIT or ROLLBACK. */
gboolean
crm_store_bulk_start (CrmStore *self, GError **error);
gboolean
crm_store_bulk_finish (CrmStore *self, GError **error);
void
crm_store_bulk_end (CrmStore *self);
void
crm_store_bulk_forget (CrmStore *self);
/* Writes, for a row inserted during a bulk transaction with an id chosen by the caller, what
 * the suspended triggers would have written. */
gboolean
crm_store_bulk_log_explicit_insert (CrmStore *self, const char *table, gint64 id, GError **error);

/* The contacts a search alone lists, remembered (crm-store-contact-matches.c). */
void
crm_contact_matches_free (CrmContactMatches *matches);
/* The ids, in list order, of the contacts FTS query @match matches, when the last list
 * remembered is of it or can be narrowed to it (with the store unchanged since); NULL when
 * not. @sort: the list's order, or -1 for any (a count). */
const GArray *
crm_store_get_contact_matches (CrmStore *self, const char *match, int sort);
/* Remembers @ids (gint64, taken) as the contacts @match matches in @sort order. */
void
crm_store_remember_contact_matches (CrmStore *self,
                                    CrmContactSort sort,
                                    const char *match,
                                    GArray *ids);
/* Forgets the remembered matches when the change could make them wrong (before its signal). */
void
crm_store_contact_matches_changed (
    CrmStore *self, CrmEntity entity, CrmChangeAction action, gint64 id, gconstpointer old_record);
/* The contacts FTS query @match matches, in name order (gint64 ids), from the search index
 * and the name order (crm_store_get_contact_name_order) alone; NULL when the name order is not
 * at hand, or with @error set. */
GArray *
crm_store_dup_contact_matches_by_name (CrmStore *self, const char *match, GError **error);
/* The contacts @ids, in that order (those that exist). */
GPtrArray *
crm_store_fetch_contacts_by_id (CrmStore *self, const gint64 *ids, guint n_ids, GError **error);

/* The searches worked out ahead (crm-store-contact-prefixes.c). */
void
crm_contact_prefixes_free (CrmContactPrefixes *prefixes);
/* Whether FTS query @match is one worked out ahead, still true to the file: then its count and
 * the ids of its first contacts in name order (all of them when fewer than
 * CRM_STORE_CONTACT_PREFIX_IDS). */
gboolean
crm_store_get_contact_prefix (CrmStore *self, const char *match, gint64 *count, const GArray **ids);
/* Works out FTS query @match (one or two letters) now, when the name order is at hand, unless
 * it is already: then crm_store_get_contact_prefix() answers it. FALSE when it cannot be. */
gboolean
crm_store_work_out_contact_prefix (CrmStore *self, const char *match);
/* Forgets them, to be worked out again a while later (a change could alter them). */
void
crm_store_contact_prefixes_changed (CrmStore *self);
/* Whether they are worked out (for tests). */
gboolean
crm_store_get_contact_prefixes_ready (CrmStore *self);

/* Every contact's place in the name order (name, case-blind, then id), read with the searches
 * worked out ahead and forgotten with them. */
typedef struct
{
  const guint32 *ranks; /* by id, from 0 to max_id: its place, or G_MAXUINT32 for no contact */
  gint64 max_id;
  const guint32 *ids; /* by place: the contacts' ids */
  guint32 n_contacts;
} CrmContactNameOrder;

/* The name order, when it is read and still true to the file; NULL when not (or in a
 * transaction). */
const CrmContactNameOrder *
crm_store_get_contact_name_order (CrmStore *self);
/* Calls @each with the place of every contact FTS query @match matches, in rowid order;
 * FALSE (@error set on a failed read) when a match is no contact's in @order. */
typedef void (*CrmContactPlaceFunc) (guint32 place, gpointer data);
gboolean
crm_contact_name_order_list (CrmStore *self,
                             const CrmContactNameOrder *order,
                             const char *match,
                             CrmContactPlaceFunc each,
                             gpointer data,
                             GError **error);
/* Sorts @places (guint32) in place. */
void
crm_contact_places_sort (GArray *places);
/* The ids (gint64) of @places, in their order. */
GArray *
crm_contact_name_order_ids (const CrmContactNameOrder *order, const GArray *places);

/* crm_store_open() with another set of migrations (for tests of upgrades). */
CrmStore *
crm_store_open_with_migrations (const char *path,
                                const char *migrations_path,
                                int target_version,
                                GError **error);

G_END_DECLS

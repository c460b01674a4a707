/* crm-store.h — CrmStore, the SQLite persistence service: the only code that speaks SQL.
 *
 * One CrmStore is one connection to one database file. Every write is a short transaction behind
 * a typed function; after it commits, the store emits ::changed once per changed row (entity,
 * action, id, and for updates and deletes the row as it was before). Writes made between
 * crm_store_begin() and crm_store_commit() are one transaction, and their signals wait for the
 * commit (a rollback drops them).
 */
#pragma once

#include <glib-object.h>

#include "crm-contact-filter.h"
#include "crm-store-types.h"

G_BEGIN_DECLS

#define CRM_STORE_ERROR (crm_store_error_quark ())
GQuark
crm_store_error_quark (void);

typedef enum
{
  CRM_STORE_ERROR_OPEN,          /* the file cannot be opened or created */
  CRM_STORE_ERROR_CORRUPT,       /* not a database, or damaged */
  CRM_STORE_ERROR_NOT_RAPPORT,   /* a database of some other program */
  CRM_STORE_ERROR_NEWER_VERSION, /* written by a newer Rapport; left untouched */
  CRM_STORE_ERROR_MIGRATION,     /* a migration failed; nothing was changed */
  CRM_STORE_ERROR_NOT_FOUND,     /* no row with that id */
  CRM_STORE_ERROR_INVALID,       /* a value breaks a rule (empty name, bad currency, …) */
  CRM_STORE_ERROR_CONSTRAINT, /* the write would break a relation (e.g. stage still holds deals) */
  CRM_STORE_ERROR_BUSY,       /* another program holds the database too long */
  CRM_STORE_ERROR_READ_ONLY,  /* the file or its folder cannot be written */
  CRM_STORE_ERROR_FAILED,     /* anything else SQLite reports */
} CrmStoreError;

/* The schema version this program writes (PRAGMA user_version). */
#define CRM_STORE_SCHEMA_VERSION 7

#define CRM_TYPE_STORE (crm_store_get_type ())
G_DECLARE_FINAL_TYPE (CrmStore, crm_store, CRM, STORE, GObject)

/* Path of the default database: $XDG_DATA_HOME/rapport/rapport.db. */
char *
crm_store_get_default_path (void);

/* Opens (creating when missing, with its folder) and migrates the database at @path.
 * A newer or foreign file is refused and left byte-for-byte untouched. */
CrmStore *
crm_store_open (const char *path, GError **error);

const char *
crm_store_get_path (CrmStore *self);
int
crm_store_get_schema_version (CrmStore *self);
/* Path of the backup taken before the last migration of a non-empty file, or NULL. */
const char *
crm_store_get_migration_backup_path (CrmStore *self);

/* Transactions: nestable (inner calls only count depth); signals are emitted after the
 * outermost commit. */
gboolean
crm_store_begin (CrmStore *self, GError **error);
gboolean
crm_store_commit (CrmStore *self, GError **error);
void
crm_store_rollback (CrmStore *self);
/* While a bulk transaction is open, per-row signals are replaced by one CRM_CHANGE_RESET per
 * entity at commit (for seeding and imports of many rows). */
gboolean
crm_store_begin_bulk (CrmStore *self, GError **error);
/* The same, for a batch of about @expected_rows new rows per table (negative: unknown, as
 * crm_store_begin_bulk()): a table that already holds more than three times as many keeps its
 * indexes up to date row by row instead of building them again at the commit. */
gboolean
crm_store_begin_bulk_sized (CrmStore *self, gint64 expected_rows, GError **error);

/* Checks integrity, foreign keys and schema version; appends findings to @report.
 * Returns TRUE when sound. */
gboolean
crm_store_check (CrmStore *self, GString *report, GError **error);

/* Writes a consistent copy of the whole database to @dest_path (mode 0600), using SQLite's
 * online backup API, so a concurrent writer never produces a torn copy. */
gboolean
crm_store_backup (CrmStore *self, const char *dest_path, GError **error);

/* While a ::changed handler runs for a commit's per-row signals: a number that differs for
 * each commit (0 outside of one), and how many per-row signals of @entity that commit emits.
 * A list model answers a commit that changed many of its rows with one reset by them. */
guint64
crm_store_get_change_batch (CrmStore *self);
guint
crm_store_get_batch_size (CrmStore *self, CrmEntity entity);

/* Another process may write the same file: returns TRUE (and emits CRM_CHANGE_RESET) when the
 * database was changed by another connection since the last call. */
gboolean
crm_store_poll_external_changes (CrmStore *self);

/* How many data-writing SQL statements this connection has run (transaction control and the
 * triggers' own writes not counted): for benchmarks that hold writes to a budget. */
guint64
crm_store_get_n_write_statements (CrmStore *self);

/* Largest id in the change log (0 when empty); undo and audit read ranges of it. */
gint64
crm_store_get_last_change_id (CrmStore *self);

/* ---- Typed create / read / update / delete ------------------------------------------------
 * insert: fills in id, uuid (when NULL) and created/updated times (when 0).
 * get:    a new record, or NULL with CRM_STORE_ERROR_NOT_FOUND.
 * update: writes every field of the record; NOT_FOUND when the row is gone.
 * delete: removes the row (and, per the schema, what hangs off it). */

#define CRM_STORE_DECLARE_CRUD(lower, Record)                                                      \
  gboolean crm_store_insert_##lower (CrmStore *self, Record *record, GError **error);              \
  Record *crm_store_get_##lower (CrmStore *self, gint64 id, GError **error);                       \
  gboolean crm_store_update_##lower (CrmStore *self, Record *record, GError **error);              \
  gboolean crm_store_delete_##lower (CrmStore *self, gint64 id, GError **error);                   \
  Record *crm_##lower##_record_new (void);                                                         \
  Record *crm_##lower##_record_copy (const Record *record);                                        \
  void crm_##lower##_record_free (Record *record);                                                 \
  G_DEFINE_AUTOPTR_CLEANUP_FUNC (Record, crm_##lower##_record_free)

CRM_STORE_DECLARE_CRUD (company, CrmCompanyRecord)
CRM_STORE_DECLARE_CRUD (contact, CrmContactRecord)
CRM_STORE_DECLARE_CRUD (tag, CrmTagRecord)
CRM_STORE_DECLARE_CRUD (pipeline, CrmPipelineRecord)
CRM_STORE_DECLARE_CRUD (stage, CrmStageRecord)
CRM_STORE_DECLARE_CRUD (deal, CrmDealRecord)
CRM_STORE_DECLARE_CRUD (deal_stage_history, CrmDealStageHistoryRecord)
CRM_STORE_DECLARE_CRUD (activity, CrmActivityRecord)
CRM_STORE_DECLARE_CRUD (lost_reason, CrmLostReasonRecord)
CRM_STORE_DECLARE_CRUD (lead_source, CrmLeadSourceRecord)
CRM_STORE_DECLARE_CRUD (feedback, CrmFeedbackRecord)
CRM_STORE_DECLARE_CRUD (acquisition_spend, CrmAcquisitionSpendRecord)
CRM_STORE_DECLARE_CRUD (smart_list, CrmSmartListRecord)

/* A new time-ordered UUID (version 7) as given to new rows. */
char *
crm_store_new_uuid (void);

/* Reads the row @id of any entity into a new record (NULL with NOT_FOUND when gone). */
gpointer
crm_store_get_record (CrmStore *self, CrmEntity entity, gint64 id, GError **error);

/* Records of any entity kind (for generic holders): new (empty), free, copy. */
gpointer
crm_record_new (CrmEntity entity);
void
crm_record_free (CrmEntity entity, gpointer record);
gpointer
crm_record_copy (CrmEntity entity, gconstpointer record);
GDestroyNotify
crm_record_get_free_func (CrmEntity entity);

/* ---- Deals ----------------------------------------------------------------------------------
 * Insert appends the deal at the end of its stage and writes the first history row
 * (from_stage_id 0). Update of a different stage_id counts as a move (history row, closed date).
 */

/* Moves a deal to @stage_id at ordinal @position among that stage's other deals
 * (0 = top; -1 or past the end = bottom): one transaction that writes the deal row and, when
 * the stage changes, one stage-history row. Entering a Won/Lost stage sets closed_at; leaving
 * one clears it and the lost reason. */
gboolean
crm_store_move_deal (CrmStore *self, gint64 deal_id, gint64 stage_id, int position, GError **error);

/* The same, with the move dated @when (unix seconds) — for imports and demo data. */
gboolean
crm_store_move_deal_at (
    CrmStore *self, gint64 deal_id, gint64 stage_id, int position, gint64 when, GError **error);

/* Deal ids of a stage in board order. */
GArray *
crm_store_list_deal_ids_in_stage (CrmStore *self, gint64 stage_id, GError **error);
/* The ids of a stage's deals that match @text (title, company, contact and notes; any text is
 * safe, NULL or no searchable term matches all) and, with @stale_only, that are stale at @now
 * (unix seconds), in position order. */
/* The first @limit ids of a stage's deals, in position order, and in @n_in_stage how many
 * the stage holds, read together. */
GArray *
crm_store_list_first_deal_ids_in_stage (
    CrmStore *self, gint64 stage_id, guint limit, guint *n_in_stage, GError **error);

/* The sums of a stage's deals in one currency (crm_store_sum_deals_in_stage). */
typedef struct
{
  char currency[4];
  guint n_deals;
  gint64 total_minor;
  gint64 weighted_hundredths; /* Σ value × own probability, of the deals that have one */
  gint64 default_value_minor; /* Σ value of the deals that follow the stage's probability */
} CrmDealSums;

/* One CrmDealSums per currency of the stage's deals, by currency code: one query. */
GArray *
crm_store_sum_deals_in_stage (CrmStore *self, gint64 stage_id, GError **error);
GArray *
crm_store_list_filtered_deal_ids_in_stage (CrmStore *self,
                                           gint64 stage_id,
                                           const char *text,
                                           gboolean stale_only,
                                           gint64 now,
                                           GError **error);
/* Stage history of a deal, oldest first (CrmDealStageHistoryRecord). */
GPtrArray *
crm_store_list_deal_history (CrmStore *self, gint64 deal_id, GError **error);
/* Effective probability: override, or the stage default. */
int
crm_store_get_deal_probability (CrmStore *self, const CrmDealRecord *deal);

/* ---- Lists (each a GPtrArray of records that frees them) -------------------------------- */
GPtrArray *
crm_store_list_pipelines (CrmStore *self, GError **error);
GPtrArray *
crm_store_list_stages (CrmStore *self, gint64 pipeline_id, GError **error);
GPtrArray *
crm_store_list_lost_reasons (CrmStore *self, GError **error);
GPtrArray *
crm_store_list_lead_sources (CrmStore *self, GError **error);
GPtrArray *
crm_store_list_tags (CrmStore *self, GError **error);
GPtrArray *
crm_store_list_activities_for_contact (CrmStore *self, gint64 contact_id, GError **error);
GPtrArray *
crm_store_list_activities_for_deal (CrmStore *self, gint64 deal_id, GError **error);
/* The deal's next step: its earliest open activity with a due time (overdue ones first), or
 * NULL (without @error set) when it has none. */
CrmActivityRecord *
crm_store_get_next_activity_for_deal (CrmStore *self, gint64 deal_id, GError **error);

/* Creates pipeline @name with a copy of the stages of @template_pipeline_id, or the default
 * stages (crm-process.md) when it is 0, in one transaction; returns its id, 0 on error. */
gint64
crm_store_create_pipeline (CrmStore *self,
                           const char *name,
                           gint64 template_pipeline_id,
                           GError **error);

/* Rewrites the order of a pipeline's stages to the order of @stage_ids (one transaction). */
gboolean
crm_store_reorder_stages (
    CrmStore *self, gint64 pipeline_id, const gint64 *stage_ids, guint n_stage_ids, GError **error);

/* ---- Tags on contacts ------------------------------------------------------------------- */
gboolean
crm_store_add_contact_tag (CrmStore *self, gint64 contact_id, gint64 tag_id, GError **error);
gboolean
crm_store_remove_contact_tag (CrmStore *self, gint64 contact_id, gint64 tag_id, GError **error);
GArray *
crm_store_list_contact_tag_ids (CrmStore *self, gint64 contact_id, GError **error);

/* What a contact's activities say about the contact, up to @now: meetings and calls or
 * e-mails since @since, and the time of the last activity (0: none). */
typedef struct
{
  guint recent_meetings;
  guint recent_touches;
  gint64 last_activity_at;
} CrmActivityStats;

gboolean
crm_store_get_contact_activity_stats (CrmStore *self,
                                      gint64 contact_id,
                                      gint64 since,
                                      gint64 now,
                                      CrmActivityStats *stats,
                                      GError **error);

/* The contacts a new one named @name, with @email, at company @company_id (0: none) would
 * likely duplicate: the same e-mail, or the same name (case-blind) at the same company. */
GArray *
crm_store_find_likely_duplicates (
    CrmStore *self, const char *name, const char *email, gint64 company_id, GError **error);

/* The orders of the contact list: by name (A to Z), by lead score, by last contact (recent
 * first, never contacted last), by capture date (newest first), by company name (A to Z,
 * people without a company last). Ties go by id. */
typedef enum
{
  CRM_CONTACT_SORT_NAME,
  CRM_CONTACT_SORT_SCORE,
  CRM_CONTACT_SORT_LAST_CONTACTED,
  CRM_CONTACT_SORT_CAPTURED,
  CRM_CONTACT_SORT_COMPANY,
  CRM_CONTACT_N_SORTS
} CrmContactSort;

/* A contact's place in a sort: its name (or company name) or number, and its id. The name is
 * not copied. */
typedef struct
{
  const char *name;
  gint64 number;
  gint64 id;
} CrmContactSortKey;

void
crm_contact_sort_key_init (CrmContactSortKey *key,
                           CrmContactSort sort,
                           const CrmContactRecord *contact);
/* < 0 when @a comes before @b in @sort, as SQLite orders them. */
int
crm_contact_sort_compare (CrmContactSort sort,
                          const CrmContactSortKey *a,
                          const CrmContactSortKey *b);

/* ---- Contacts, paged (sorted by name, case-insensitively, then id) ---------------------- */
guint
crm_store_count_contacts (CrmStore *self, GError **error);
/* Number of contacts that come before @key in @sort. */
guint
crm_store_count_contacts_before (CrmStore *self,
                                 CrmContactSort sort,
                                 const CrmContactSortKey *key,
                                 GError **error);
/* Up to @limit contacts in sort order. With @after_name set, starts after (after_name, after_id)
 * (keyset paging, cheap at any depth); otherwise skips @offset rows. */
GPtrArray *
crm_store_fetch_contacts (CrmStore *self,
                          const char *after_name,
                          gint64 after_id,
                          guint offset,
                          guint limit,
                          GError **error);
/* The same over the contacts matching @text (search terms, prefix matched over name, e-mail,
 * phone, title, notes and company; any text is safe; no searchable term: every contact). */
guint
crm_store_count_contacts_matching (CrmStore *self, const char *text, GError **error);
/* A page of the contacts matching @text (NULL: all) in @sort order: after @after (keyset), or
 * from @offset when @after is NULL. */
GPtrArray *
crm_store_fetch_contacts_sorted (CrmStore *self,
                                 CrmContactSort sort,
                                 const char *text,
                                 const CrmContactSortKey *after,
                                 guint offset,
                                 guint limit,
                                 GError **error);

/* ---- Open tasks (crm-store-tasks.c) -------------------------------------------------------
 * Tasks not done whose due time is in [@due_from, @due_before), read through the open-tasks
 * index: earliest first (ties by id), at most @limit (0: all); and how many there are. */
GPtrArray *
crm_store_list_open_tasks (
    CrmStore *self, gint64 due_from, gint64 due_before, guint limit, GError **error);
gint64
crm_store_count_open_tasks (CrmStore *self, gint64 due_from, gint64 due_before, GError **error);

/* Writes a contact's computed lead score and lifecycle stage, no other column (a new stage is
 * dated now in its history), in one transaction; emits the contact's update. */
gboolean
crm_store_set_contact_score (
    CrmStore *self, gint64 contact_id, int score, CrmLifecycleStage lifecycle, GError **error);
/* ---- Contacts through a filter (NULL: every contact) --------------------------------------
 * The filter's search words and criteria all apply; any text is safe. */
guint
crm_store_count_contacts_filtered (CrmStore *self, const CrmContactFilter *filter, GError **error);
/* Number of contacts @filter passes that come before @key in @sort. */
guint
crm_store_count_contacts_before_filtered (CrmStore *self,
                                          CrmContactSort sort,
                                          const CrmContactFilter *filter,
                                          const CrmContactSortKey *key,
                                          GError **error);
/* Number of contacts @filter passes that come after @key in @sort. */
guint
crm_store_count_contacts_after_filtered (CrmStore *self,
                                         CrmContactSort sort,
                                         const CrmContactFilter *filter,
                                         const CrmContactSortKey *key,
                                         GError **error);
/* Number of contacts @filter passes that come after @first and before @last in @sort (0
 * unless @first comes before @last). */
guint
crm_store_count_contacts_between_filtered (CrmStore *self,
                                           CrmContactSort sort,
                                           const CrmContactFilter *filter,
                                           const CrmContactSortKey *first,
                                           const CrmContactSortKey *last,
                                           GError **error);
/* A page of the contacts @filter passes, in @sort order: after @after (keyset; NULL: from the
 * first), @offset rows skipped. */
GPtrArray *
crm_store_fetch_contacts_filtered (CrmStore *self,
                                   CrmContactSort sort,
                                   const CrmContactFilter *filter,
                                   const CrmContactSortKey *after,
                                   guint offset,
                                   guint limit,
                                   GError **error);
/* The same page read from the end of the list: the @limit contacts that come before the last
 * @offset_from_end ones, in list order (a place near the end costs what one near the start
 * does). */
GPtrArray *
crm_store_fetch_contacts_filtered_from_end (CrmStore *self,
                                            CrmContactSort sort,
                                            const CrmContactFilter *filter,
                                            guint offset_from_end,
                                            guint limit,
                                            GError **error);
/* Starts working out, a few ms at a time in idle callbacks of low priority, the count and
 * first page of each one-letter search and of the common two-letter ones, so that typing them
 * into the contact list (in name order) costs no query; kept true to the file from then on
 * (worked out again after changes). Call it once the window shows; no effect when already
 * started. */
void
crm_store_precompute_contact_prefixes (CrmStore *self);
/* Whether contact @contact_id is one @filter passes. */
gboolean
crm_store_contact_matches_filter (CrmStore *self,
                                  gint64 contact_id,
                                  const CrmContactFilter *filter,
                                  GError **error);
/* Whether the contact has a next step (an open activity with a due time) other than activity
 * @except_activity_id (0: any). */
gboolean
crm_store_contact_has_next_step (CrmStore *self,
                                 gint64 contact_id,
                                 gint64 except_activity_id,
                                 GError **error);

/* ---- Bulk edits of contacts ----------------------------------------------------------------
 * Each is one transaction that writes every contact of the selection or none (with @error
 * set), reports how many it changed in @n_changed, and is recorded in the change log (undo).
 * Listeners get one CRM_CHANGE_RESET of the contacts rather than a signal per row. */

/* The contacts a bulk edit writes: @ids (n_ids of them); or, with @all_but_ids, every contact
 * @filter passes (NULL: every contact) but @ids. */
typedef struct
{
  const gint64 *ids;
  guint n_ids;
  gboolean all_but_ids;
  const CrmContactFilter *filter;
} CrmContactSelection;

gboolean
crm_store_set_contacts_lifecycle (CrmStore *self,
                                  const CrmContactSelection *selection,
                                  CrmLifecycleStage stage,
                                  guint *n_changed,
                                  GError **error);
gboolean
crm_store_tag_contacts (CrmStore *self,
                        const CrmContactSelection *selection,
                        gint64 tag_id,
                        guint *n_changed,
                        GError **error);
gboolean
crm_store_untag_contacts (CrmStore *self,
                          const CrmContactSelection *selection,
                          gint64 tag_id,
                          guint *n_changed,
                          GError **error);

/* ---- Companies, paged (by name, case-blind, then id) ---------------------------------------
 * @text: search words over the companies (NULL or no searchable term: every company). */
guint
crm_store_count_companies_matching (CrmStore *self, const char *text, GError **error);
/* Number of the companies @text finds that come before (@name, @id). */
guint
crm_store_count_companies_before (
    CrmStore *self, const char *text, const char *name, gint64 id, GError **error);
/* Up to @limit of the companies @text finds: after (@after_name, @after_id) when @after_name is
 * set (keyset), @offset rows skipped. */
GPtrArray *
crm_store_fetch_companies (CrmStore *self,
                           const char *text,
                           const char *after_name,
                           gint64 after_id,
                           guint offset,
                           guint limit,
                           GError **error);

/* The owners and the countries of the contacts (each once, countries case-blind), sorted, at
 * most @limit: the choices of the contact list's filter. */
GStrv
crm_store_list_contact_owners (CrmStore *self, guint limit, GError **error);
GStrv
crm_store_list_contact_countries (CrmStore *self, guint limit, GError **error);

/* ---- Smart lists (saved filters) ----------------------------------------------------------- */
/* Every smart list (CrmSmartListRecord), in their order. */
GPtrArray *
crm_store_list_smart_lists (CrmStore *self, GError **error);

/* ---- Search ----------------------------------------------------------------------------- */
/* Turns any user text into a safe FTS5 query: each term quoted, prefix-matched. NULL when the
 * text has no searchable term. */
char *
crm_store_build_fts_query (const char *text);
/* Contacts, companies and deals matching @text (CrmSearchHit), best first. Any input is
 * safe: no match is an empty array, never an error. */
GPtrArray *
crm_store_search (CrmStore *self, const char *text, guint limit, GError **error);
/* The same over one of CRM_ENTITY_CONTACT, CRM_ENTITY_COMPANY or CRM_ENTITY_DEAL, names
 * weighing more than the other details. */
GPtrArray *
crm_store_search_entity (
    CrmStore *self, CrmEntity entity, const char *text, guint limit, GError **error);

/* Counts rows of an entity (for summaries and tests). */
gint64
crm_store_count (CrmStore *self, CrmEntity entity, GError **error);

/* ---- Merging duplicate contacts (crm-store-merge.c) -------------------------------------- */

/* What hangs off a contact: the rows a merge moves. */
typedef struct
{
  guint n_activities;
  guint n_deals;
  guint n_feedback;
  guint n_tags;
  guint n_lifecycle_changes;
} CrmContactLinks;

gboolean
crm_store_count_contact_links (CrmStore *self,
                               gint64 contact_id,
                               CrmContactLinks *links,
                               GError **error);

/* The notes of two contacts as one text: @kept's, a blank line, then @other's (once when
 * one holds the other; NULL when both are blank). */
char *
crm_store_join_contact_notes (const char *kept, const char *other);

/* Merges contact @other_id into @keep_id in one transaction: every activity, deal, feedback
 * answer, tag (the union) and lifecycle history row of the other moves to the kept contact,
 * the kept row takes the values of @merged_fields (all but its id, uuid, created_at and notes:
 * the notes of both are joined, crm_store_join_contact_notes()), and the other is deleted.
 * Fails, writing nothing, when the ids are the same (INVALID) or either contact is missing
 * (NOT_FOUND). Undo: crm_store_revert_changes() over the log rows the merge wrote, then
 * crm_store_restore_lifecycle_history() with a snapshot of both contacts taken before. */
gboolean
crm_store_merge_contacts (CrmStore *self,
                          gint64 keep_id,
                          gint64 other_id,
                          const CrmContactRecord *merged_fields,
                          GError **error);

/* A copy of the contact_lifecycle_history rows of some contacts (written by triggers and not
 * in the change log), to put back exactly — ids included — after an undo. */
typedef struct _CrmLifecycleSnapshot CrmLifecycleSnapshot;

CrmLifecycleSnapshot *
crm_store_save_lifecycle_history (CrmStore *self,
                                  const gint64 *contact_ids,
                                  guint n_contact_ids,
                                  GError **error);
/* Replaces every lifecycle history row of the snapshot's contacts with the saved rows (one
 * transaction; the contacts must exist). */
gboolean
crm_store_restore_lifecycle_history (CrmStore *self,
                                     const CrmLifecycleSnapshot *snapshot,
                                     GError **error);
void
crm_lifecycle_snapshot_free (CrmLifecycleSnapshot *snapshot);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrmLifecycleSnapshot, crm_lifecycle_snapshot_free)

/* ---- What predicts a won deal (crm-store-features.c) ------------------------------------- */

typedef struct
{
  gint64 deal_id;
  CrmStageKind outcome;        /* the kind of the deal's stage: won, lost, or open */
  gint64 source_id;            /* the lead source of the deal's contact; 0: none */
  gint64 furthest_stage_id;    /* the open stage of highest position it entered; 0: none */
  int furthest_stage_position; /* that stage's position; -1: none */
  gint64 value_minor;
  char currency[4];
  guint n_activities; /* activities of the deal, up to its close */
} CrmDealFeatures;

typedef struct
{
  GArray *closed_deals; /* CrmDealFeatures of every won or lost deal */
  guint n_lead_sources; /* lead sources that exist */
  guint n_open_stages;  /* open stages of the pipeline (of every pipeline for 0) */
} CrmWinHistory;

/* The closed deals of pipeline @pipeline_id (0: of all) with their features: one query. */
gboolean
crm_store_read_win_history (CrmStore *self,
                            gint64 pipeline_id,
                            CrmWinHistory *history,
                            GError **error);
void
crm_win_history_clear (CrmWinHistory *history);
/* The features of one deal (open or closed). */
gboolean
crm_store_get_deal_features (CrmStore *self,
                             gint64 deal_id,
                             CrmDealFeatures *features,
                             GError **error);

/* ---- Undo ----------------------------------------------------------------------------------
 * Reverts, in one transaction and newest first, every change_log row with
 * @after_change_id < id <= @up_to_change_id: a row the range inserted is deleted (with what
 * hangs off it), an updated row gets every old value back, a deleted row comes back with its id
 * and uuid. Change signals are queued as for any write. Refuses with CRM_STORE_ERROR_CONSTRAINT,
 * changing nothing, when a row of the range was written since and is no longer as the range
 * left it (it is when a later change was itself undone), or when the revert would reach a row
 * outside the range (a cascade into an activity added since to a deal the range created).
 * The revert's own writes are logged like any others (the audit trail). */
gboolean
crm_store_revert_changes (CrmStore *self,
                          gint64 after_change_id,
                          gint64 up_to_change_id,
                          GError **error);

/* ---- Export (crm-store-export.c) ----------------------------------------------------------
 * Every row of contacts, companies, deals or activities, one at a time, with the names of the
 * rows it links to: one SELECT read as it goes (one consistent snapshot), so an export of a
 * million rows holds one row in memory. */

typedef enum
{
  CRM_EXPORT_ROWS_ALL,
  CRM_EXPORT_ROWS_TASKS_AND_MEETINGS, /* activities only: kind task or meeting */
} CrmExportRows;

/* One row and what it links to (NULL: no link, or not this entity's). Valid during the call. */
typedef struct
{
  CrmEntity entity;
  gconstpointer record;         /* CrmContactRecord, CrmCompanyRecord, CrmDealRecord or
                                    CrmActivityRecord */
  const char *source_name;      /* contact: its lead source */
  const char *const *tags;      /* contact: its tag names, by name (an empty array: none) */
  const char *company_name;     /* deal: its company */
  const char *contact_name;     /* deal, activity: its contact */
  const char *deal_title;       /* activity: its deal */
  const char *stage_name;       /* deal */
  const char *pipeline_name;    /* deal */
  const char *stage_kind;       /* deal: "open", "won" or "lost" */
  int stage_probability;        /* deal: the stage's default win probability */
  const char *lost_reason_name; /* deal */
} CrmExportRow;

/* Return FALSE (with @error set) to stop the export. */
typedef gboolean (*CrmExportRowFunc) (const CrmExportRow *row, gpointer user_data, GError **error);

/* How many rows crm_store_export_rows() would give (CRM_ENTITY_CONTACT, _COMPANY, _DEAL or
 * _ACTIVITY); -1 on error. */
gint64
crm_store_count_export_rows (CrmStore *self, CrmEntity entity, CrmExportRows rows, GError **error);
/* Calls @func for every row of @entity, by id. FALSE when the read or @func failed. */
gboolean
crm_store_export_rows (CrmStore *self,
                       CrmEntity entity,
                       CrmExportRows rows,
                       CrmExportRowFunc func,
                       gpointer user_data,
                       GError **error);

/* ---- Imports (crm-store-import.c) -------------------------------------------------------
 * Look-ups by name or e-mail (case-blind; *id = 0 when there is none) and get-or-create of
 * a lead source by name (0 on error; tags: crm_store_ensure_tag(), crm-store-timeline.h). */
gboolean
crm_store_find_contact_by_email (CrmStore *self, const char *email, gint64 *id, GError **error);
/* The first contact named @name whose company is named @company_name ("" for none; NULL for
 * any company). */
gboolean
crm_store_find_contact_by_name (
    CrmStore *self, const char *name, const char *company_name, gint64 *id, GError **error);
gboolean
crm_store_find_company_by_name (CrmStore *self, const char *name, gint64 *id, GError **error);
gboolean
crm_store_find_deal_by_title (CrmStore *self, const char *title, gint64 *id, GError **error);
gint64
crm_store_ensure_lead_source (CrmStore *self, const char *name, GError **error);
/* Tags contact @contact_id, inserted in the transaction still open (a bulk import's), without
 * the update signal crm_store_add_contact_tag() queues for a stored contact. */
gboolean
crm_store_tag_new_contact (CrmStore *self, gint64 contact_id, gint64 tag_id, GError **error);

/* ---- Backup files (crm-store-backups.c) ------------------------------------------------------
 * Every backup of a database lives in the folder "backups" beside it (mode 0700), named
 * "<database name without .db>-YYYY-MM-DD-HHMMSS[-reason].db" (the time in UTC), mode 0600.
 * These functions work on files, each with a connection of its own: any thread may call them. */

/* What a backup file holds, read without writing to it. */
typedef struct
{
  int schema_version;
  guint n_contacts;
  guint n_companies;
  guint n_deals;
  guint n_activities;
  gint64 newest_updated_at; /* the latest updated_at of those rows; 0 when none */
} CrmBackupSummary;

/* "<folder of @database_path>/backups". */
char *
crm_store_get_backup_folder (const char *database_path);
/* A path in the backup folder of @database_path (created, mode 0700) for a backup taken at
 * @when (unix seconds) for @reason (NULL: none), not yet taken by another file: when the name
 * exists, the next free second is used. */
char *
crm_store_build_backup_path (const char *database_path,
                             gint64 when,
                             const char *reason,
                             GError **error);
/* Reads a file name made by crm_store_build_backup_path () for @database_path: FALSE when
 * @file_name is not one. @reason gets the reason ("" when none). */
gboolean
crm_store_parse_backup_name (const char *database_path,
                             const char *file_name,
                             gint64 *when,
                             char **reason);

/* Reads the schema version, the counts and the newest change of the Rapport database at
 * @path, read-only. Refuses (CORRUPT, NOT_RAPPORT) what is not a readable Rapport file. The
 * counts stay 0 for a file of a newer version whose tables cannot be read. */
gboolean
crm_store_read_summary (const char *path, CrmBackupSummary *summary, GError **error);
/* Checks that @path can replace a database: a Rapport file (NOT_RAPPORT), not damaged
 * (PRAGMA integrity_check; CORRUPT), of this version or an older one (NEWER_VERSION). */
gboolean
crm_store_verify_backup (const char *path, GError **error);
/* Writes a consistent copy of the database @source_path to @dest_path (mode 0600, in rollback
 * journal mode, synced) with the online backup API on a read-only connection of its own,
 * through a temporary file renamed into place. */
gboolean
crm_store_copy_database (const char *source_path, const char *dest_path, GError **error);
/* Puts @replacement_path in the place of the database @database_path by a rename, after
 * folding the database's WAL into it and leaving WAL mode, which fails (BUSY, nothing
 * changed) while any other connection has it open (one that closes within two seconds, such
 * as a backup being taken, is waited for). The replacement must be in the same
 * folder and no longer in use. */
gboolean
crm_store_replace_database (const char *database_path,
                            const char *replacement_path,
                            GError **error);

G_END_DECLS

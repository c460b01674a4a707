/* crm-store-timeline.c — logging activities, the paged timeline of a contact, company or deal,
 * and the short lists the detail pane shows (see crm-store-timeline.h). */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "crm-store-private.h"
#include "crm-store-timeline.h"

/* ---- Activities ---------------------------------------------------------------------------- */

gboolean
crm_activity_kind_is_contact (CrmActivityKind kind)
{
  return kind == CRM_ACTIVITY_CALL || kind == CRM_ACTIVITY_EMAIL || kind == CRM_ACTIVITY_MEETING;
}

/* The contact's last contact moves forward to @when, never back. */
static gboolean
touch_contact (CrmStore *self, gint64 contact_id, gint64 when, GError **error)
{
  g_autoptr (CrmContactRecord) contact = crm_store_get_contact (self, contact_id, error);

  if (contact == NULL)
    return FALSE;
  if (contact->last_contacted_at >= when)
    return TRUE;
  contact->last_contacted_at = when;
  return crm_store_update_contact (self, contact, error);
}

gboolean
crm_store_log_activity (CrmStore *self, CrmActivityRecord *activity, GError **error)
{
  g_return_val_if_fail (CRM_IS_STORE (self), FALSE);
  g_return_val_if_fail (activity != NULL, FALSE);

  if (activity->subject == NULL)
    activity->subject = g_strdup ("");
  if (!crm_store_begin (self, error))
    return FALSE;
  if (!crm_store_insert_activity (self, activity, error))
    goto failed;
  /* A meeting planned for next week is no contact yet. */
  if (activity->contact_id != 0 && crm_activity_kind_is_contact (activity->kind)
      && activity->occurred_at <= crm_store_now ()
      && !touch_contact (self, activity->contact_id, activity->occurred_at, error))
    goto failed;
  return crm_store_commit (self, error);

failed:
  crm_store_rollback (self);
  return FALSE;
}

gboolean
crm_store_set_activity_done (CrmStore *self, gint64 activity_id, gboolean done, GError **error)
{
  g_autoptr (CrmActivityRecord) activity = NULL;

  g_return_val_if_fail (CRM_IS_STORE (self), FALSE);

  activity = crm_store_get_activity (self, activity_id, error);
  if (activity == NULL)
    return FALSE;
  if (activity->done == (done != FALSE))
    return TRUE;
  activity->done = done != FALSE;
  activity->done_at = done ? crm_store_now () : 0;
  return crm_store_update_activity (self, activity, error);
}

/* ---- The timeline ---------------------------------------------------------------------------- */

void
crm_timeline_entry_free (CrmTimelineEntry *entry)
{
  if (entry == NULL)
    return;
  g_free (entry->text);
  g_free (entry->contact_name);
  g_free (entry->deal_title);
  g_free (entry->from_stage);
  g_free (entry->to_stage);
  g_free (entry);
}

CrmTimelineEntry *
crm_timeline_entry_copy (const CrmTimelineEntry *entry)
{
  CrmTimelineEntry *copy = g_memdup2 (entry, sizeof *entry);

  copy->text = g_strdup (entry->text);
  copy->contact_name = g_strdup (entry->contact_name);
  copy->deal_title = g_strdup (entry->deal_title);
  copy->from_stage = g_strdup (entry->from_stage);
  copy->to_stage = g_strdup (entry->to_stage);
  return copy;
}

gboolean
crm_timeline_entry_equal (const CrmTimelineEntry *a, const CrmTimelineEntry *b)
{
  return crm_timeline_key_compare (&a->key, &b->key) == 0 && a->subkind == b->subkind
         && a->contact_id == b->contact_id && a->deal_id == b->deal_id && a->due_at == b->due_at
         && a->done == b->done && a->score == b->score && g_strcmp0 (a->text, b->text) == 0
         && g_strcmp0 (a->contact_name, b->contact_name) == 0
         && g_strcmp0 (a->deal_title, b->deal_title) == 0
         && g_strcmp0 (a->from_stage, b->from_stage) == 0
         && g_strcmp0 (a->to_stage, b->to_stage) == 0;
}

int
crm_timeline_key_compare (const CrmTimelineKey *a, const CrmTimelineKey *b)
{
  /* Descending on all three: the newer (larger) comes first. */
  if (a->time != b->time)
    return a->time > b->time ? -1 : 1;
  if (a->kind != b->kind)
    return a->kind > b->kind ? -1 : 1;
  if (a->id != b->id)
    return a->id > b->id ? -1 : 1;
  return 0;
}

/* Which rows belong to a scope, as SQL conditions over ?1 (the scope's id): the activities
 * linked to its people, the other activities of its deals, its deals' stage changes and its
 * people's answers. Constant text only: no value ever goes into the SQL. */
typedef struct
{
  const char *people_activities;
  const char *deal_activities;
  const char *stage_changes;
  const char *feedback;
} ScopeConditions;

#define COMPANY_PEOPLE "SELECT id FROM contacts WHERE company_id = ?1"
/* Two parts, each walking its own index: deals_by_company, then deals_by_contact (the unary +
 * keeps SQLite from reading every deal without a company through deals_by_company). */
#define COMPANY_DEALS                                                                              \
  "SELECT id FROM deals WHERE company_id = ?1 UNION ALL SELECT id FROM deals WHERE contact_id "    \
  "IN (" COMPANY_PEOPLE ") AND +company_id IS NULL"

static const ScopeConditions scope_conditions[] = {
  [CRM_TIMELINE_SCOPE_CONTACT] = {
    "a.contact_id = ?1",
    "a.deal_id IN (SELECT id FROM deals WHERE contact_id = ?1) AND a.contact_id IS NOT ?1",
    "h.deal_id IN (SELECT id FROM deals WHERE contact_id = ?1)",
    "f.contact_id = ?1",
  },
  [CRM_TIMELINE_SCOPE_COMPANY] = {
    "a.contact_id IN (" COMPANY_PEOPLE ")",
    "a.deal_id IN (" COMPANY_DEALS ") AND (a.contact_id IS NULL OR a.contact_id NOT IN ("
    COMPANY_PEOPLE "))",
    "h.deal_id IN (" COMPANY_DEALS ")",
    "f.contact_id IN (" COMPANY_PEOPLE ")",
  },
  [CRM_TIMELINE_SCOPE_DEAL] = {
    "a.deal_id = ?1",
    "0",
    "h.deal_id = ?1",
    "0",
  },
};

/* One query: each kind's newest @limit rows after the key (each arm walks its index from the
 * key down), merged and cut to @limit. ?2, ?3, ?4: the key; ?5: the limit. */
static char *
timeline_sql (CrmTimelineScope scope)
{
  const ScopeConditions *where = &scope_conditions[scope];

  return g_strdup_printf (
      "SELECT t.kind, t.time, t.id, t.subkind, t.text, ifnull (t.contact_id, d.contact_id), "
      "c.name, t.deal_id, d.title, t.due_at, t.done, fs.name, ts.name, t.score, t.from_stage_id "
      "FROM ("
      " SELECT * FROM (SELECT 0 AS kind, a.occurred_at AS time, a.id AS id, a.kind AS subkind,"
      "  a.subject AS text, a.contact_id AS contact_id, a.deal_id AS deal_id, a.due_at AS due_at,"
      "  a.done AS done, NULL AS from_stage_id, NULL AS to_stage_id, NULL AS score"
      "  FROM activities a WHERE (%s) AND a.occurred_at <= ?2 AND (a.occurred_at, 0, a.id) < (?2,"
      "  ?3, ?4) ORDER BY a.occurred_at DESC, a.id DESC LIMIT ?5)"
      " UNION ALL SELECT * FROM (SELECT 0, a.occurred_at, a.id, a.kind, a.subject, a.contact_id,"
      "  a.deal_id, a.due_at, a.done, NULL, NULL, NULL"
      "  FROM activities a WHERE (%s) AND a.occurred_at <= ?2 AND (a.occurred_at, 0, a.id) < (?2,"
      "  ?3, ?4) ORDER BY a.occurred_at DESC, a.id DESC LIMIT ?5)"
      " UNION ALL SELECT * FROM (SELECT 1, h.changed_at, h.id, NULL, NULL, NULL, h.deal_id, NULL,"
      "  NULL, h.from_stage_id, h.to_stage_id, NULL"
      "  FROM deal_stage_history h WHERE (%s) AND h.changed_at <= ?2 AND (h.changed_at, 1, h.id)"
      "  < (?2, ?3, ?4) ORDER BY h.changed_at DESC, h.id DESC LIMIT ?5)"
      " UNION ALL SELECT * FROM (SELECT 2, f.answered_at, f.id, f.kind, f.comment, f.contact_id,"
      "  NULL, NULL, NULL, NULL, NULL, f.score"
      "  FROM feedback f WHERE (%s) AND f.answered_at <= ?2 AND (f.answered_at, 2, f.id) < (?2,"
      "  ?3, ?4) ORDER BY f.answered_at DESC, f.id DESC LIMIT ?5)"
      ") t"
      " LEFT JOIN deals d ON d.id = t.deal_id"
      " LEFT JOIN contacts c ON c.id = ifnull (t.contact_id, d.contact_id)"
      " LEFT JOIN stages fs ON fs.id = t.from_stage_id"
      " LEFT JOIN stages ts ON ts.id = t.to_stage_id"
      " ORDER BY t.time DESC, t.kind DESC, t.id DESC LIMIT ?5",
      where->people_activities, where->deal_activities, where->stage_changes, where->feedback);
}

static char *
column_text (sqlite3_stmt *statement, int column)
{
  const unsigned char *text = sqlite3_column_text (statement, column);

  return text != NULL ? g_strdup ((const char *) text) : NULL;
}

static int
kind_index (const char *const *names, const char *name)
{
  for (int i = 0; name != NULL && names[i] != NULL; i++)
    if (strcmp (names[i], name) == 0)
      return i;
  return 0;
}

static CrmTimelineEntry *
read_entry (sqlite3_stmt *statement)
{
  CrmTimelineEntry *entry = g_new0 (CrmTimelineEntry, 1);
  const char *subkind = (const char *) sqlite3_column_text (statement, 3);

  entry->key.kind = (CrmTimelineKind) sqlite3_column_int (statement, 0);
  entry->key.time = sqlite3_column_int64 (statement, 1);
  entry->key.id = sqlite3_column_int64 (statement, 2);
  if (entry->key.kind == CRM_TIMELINE_ACTIVITY)
    entry->subkind = kind_index (crm_activity_kind_names, subkind);
  else if (entry->key.kind == CRM_TIMELINE_FEEDBACK)
    entry->subkind = kind_index (crm_feedback_kind_names, subkind);
  entry->text = column_text (statement, 4);
  entry->contact_id = sqlite3_column_int64 (statement, 5);
  entry->contact_name = column_text (statement, 6);
  entry->deal_id = sqlite3_column_int64 (statement, 7);
  entry->deal_title = column_text (statement, 8);
  entry->due_at = sqlite3_column_int64 (statement, 9);
  entry->done = sqlite3_column_int (statement, 10) != 0;
  entry->from_stage = column_text (statement, 11);
  entry->to_stage = column_text (statement, 12);
  entry->score = sqlite3_column_int (statement, 13);
  /* A stage removed since: say so rather than show the move as a creation. */
  if (entry->key.kind == CRM_TIMELINE_STAGE_CHANGE && entry->from_stage == NULL
      && sqlite3_column_type (statement, 14) != SQLITE_NULL)
    entry->from_stage = g_strdup (_ ("a removed stage"));
  return entry;
}

GPtrArray *
crm_store_fetch_timeline (CrmStore *self,
                          CrmTimelineScope scope,
                          gint64 id,
                          const CrmTimelineKey *after,
                          guint limit,
                          GError **error)
{
  g_autofree char *sql = NULL;
  g_autoptr (GPtrArray) entries = NULL;
  sqlite3_stmt *statement;
  int rc;

  g_return_val_if_fail (CRM_IS_STORE (self), NULL);
  g_return_val_if_fail (scope <= CRM_TIMELINE_SCOPE_DEAL, NULL);

  sql = timeline_sql (scope);
  statement = crm_store_prepare (self, sql, error);
  if (statement == NULL)
    return NULL;
  sqlite3_bind_int64 (statement, 1, id);
  sqlite3_bind_int64 (statement, 2, after != NULL ? after->time : G_MAXINT64);
  sqlite3_bind_int (statement, 3, after != NULL ? (int) after->kind : 0);
  sqlite3_bind_int64 (statement, 4, after != NULL ? after->id : 0);
  sqlite3_bind_int64 (statement, 5, limit);

  entries = g_ptr_array_new_with_free_func ((GDestroyNotify) crm_timeline_entry_free);
  while ((rc = sqlite3_step (statement)) == SQLITE_ROW)
    g_ptr_array_add (entries, read_entry (statement));
  sqlite3_reset (statement);
  if (rc != SQLITE_DONE)
    {
      crm_store_set_error_from_db (self, error, NULL);
      return NULL;
    }
  return g_steal_pointer (&entries);
}

/* ---- What the details list ------------------------------------------------------------------ */

GPtrArray *
crm_store_list_deals_for_contact (CrmStore *self, gint64 contact_id, GError **error)
{
  g_return_val_if_fail (CRM_IS_STORE (self), NULL);
  return crm_store_select_records (self, CRM_ENTITY_DEAL,
                                   "WHERE contact_id = ?1 ORDER BY created_at DESC, id DESC",
                                   &contact_id, 1, error);
}

GPtrArray *
crm_store_list_deals_for_company (CrmStore *self, gint64 company_id, GError **error)
{
  g_return_val_if_fail (CRM_IS_STORE (self), NULL);
  return crm_store_select_records (self, CRM_ENTITY_DEAL,
                                   "WHERE id IN (" COMPANY_DEALS ") "
                                   "ORDER BY created_at DESC, id DESC",
                                   &company_id, 1, error);
}

GPtrArray *
crm_store_list_contacts_of_company (CrmStore *self, gint64 company_id, GError **error)
{
  g_return_val_if_fail (CRM_IS_STORE (self), NULL);
  return crm_store_select_records (self, CRM_ENTITY_CONTACT,
                                   "WHERE company_id = ?1 ORDER BY name COLLATE NOCASE, id",
                                   &company_id, 1, error);
}

GPtrArray *
crm_store_list_feedback_for_contact (CrmStore *self, gint64 contact_id, GError **error)
{
  g_return_val_if_fail (CRM_IS_STORE (self), NULL);
  return crm_store_select_records (self, CRM_ENTITY_FEEDBACK,
                                   "WHERE contact_id = ?1 ORDER BY answered_at DESC, id DESC",
                                   &contact_id, 1, error);
}

GArray *
crm_store_sum_won_deals_for_company (CrmStore *self, gint64 company_id, GError **error)
{
  g_autoptr (GArray) sums = g_array_new (FALSE, TRUE, sizeof (CrmMoneySum));
  sqlite3_stmt *statement;
  int rc;

  g_return_val_if_fail (CRM_IS_STORE (self), NULL);

  statement = crm_store_prepare (self,
                                 "SELECT d.currency, count(*), sum (d.value_minor) FROM deals d "
                                 "JOIN stages s ON s.id = d.stage_id "
                                 "WHERE s.kind = 'won' AND d.id IN (" COMPANY_DEALS ") "
                                 "GROUP BY d.currency ORDER BY d.currency",
                                 error);
  if (statement == NULL)
    return NULL;
  sqlite3_bind_int64 (statement, 1, company_id);
  while ((rc = sqlite3_step (statement)) == SQLITE_ROW)
    {
      CrmMoneySum sum = { { 0 }, 0, 0 };
      const char *currency = (const char *) sqlite3_column_text (statement, 0);

      g_strlcpy (sum.currency, currency != NULL ? currency : "", sizeof sum.currency);
      sum.n_deals = (guint) sqlite3_column_int64 (statement, 1);
      sum.total_minor = sqlite3_column_int64 (statement, 2);
      g_array_append_val (sums, sum);
    }
  sqlite3_reset (statement);
  if (rc != SQLITE_DONE)
    {
      crm_store_set_error_from_db (self, error, NULL);
      return NULL;
    }
  return g_steal_pointer (&sums);
}

static gint64
find_tag (CrmStore *self, const char *name, GError **error)
{
  /* The column compares case-blind (COLLATE NOCASE). */
  sqlite3_stmt *statement = crm_store_prepare (self, "SELECT id FROM tags WHERE name = ?1", error);
  g_autoptr (GArray) ids = NULL;

  if (statement == NULL)
    return -1;
  sqlite3_bind_text (statement, 1, name, -1, SQLITE_TRANSIENT);
  ids = crm_store_step_ids (self, statement, error);
  if (ids == NULL)
    return -1;
  return ids->len > 0 ? g_array_index (ids, gint64, 0) : 0;
}

gint64
crm_store_ensure_tag (CrmStore *self, const char *name, GError **error)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (name != NULL ? name : ""));
  g_autoptr (CrmTagRecord) tag = NULL;
  gint64 id;

  g_return_val_if_fail (CRM_IS_STORE (self), 0);

  if (trimmed[0] == '\0')
    {
      g_set_error_literal (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID,
                           _ ("A tag needs a name"));
      return 0;
    }
  if (!crm_store_begin (self, error))
    return 0;
  id = find_tag (self, trimmed, error);
  if (id < 0)
    goto failed;
  if (id == 0)
    {
      tag = crm_tag_record_new ();
      tag->name = g_steal_pointer (&trimmed);
      if (!crm_store_insert_tag (self, tag, error))
        goto failed;
      id = tag->id;
    }
  if (!crm_store_commit (self, error))
    return 0;
  return id;

failed:
  crm_store_rollback (self);
  return 0;
}

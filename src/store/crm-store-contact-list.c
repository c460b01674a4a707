/* crm-store-contact-list.c — the contact list: contacts counted and paged in each sort order,
 * through a filter (CrmContactFilter).
 *
 * Every page is read in the order of an index. With a filter there are two ways to read one,
 * and the number of contacts the filter passes (remembered from the last count) picks:
 *  - walk the sort index and test each row, stopping at a page: cheap when most rows pass
 *    (a page costs the page size divided by the share that passes); search words that many
 *    contacts match are tested row by row in the search index, instead of listing every match
 *    first;
 *  - find the rows that pass (through the filter's own indexes: lifecycle, owner, source, tag,
 *    search) and sort them: cheap when few pass, whatever their place in the order.
 * Filters and search words are always bound parameters; the SQL text only names columns
 * (crm-store-contact-sql.c); the bulk edits are in crm-store-contact-edits.c. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "crm-store-contact-sql.h"

/* Search words alone that at least one contact in this many matches: a page walks the sort
 * index asking the search index about each row (see choose_plan). */
#define PROBE_SEARCH_SHARE 3
/* ... for a page whose offset and length together are at most this many rows. */
#define PROBE_MAX_ROWS 256
/* Filters whose counts are remembered for picking plans; forgotten all at once past this. */
#define MAX_REMEMBERED_COUNTS 64
/* The page cache, once the contacts are searched (SQLite's default is 2 MB, and it grows only
 * as pages are read): a search that sorts its matches reads each one's row, a few thousand
 * pages scattered over a big file for a short word; kept at hand, the next keystroke finds
 * them again without a read each. Not before: at a million contacts, the first count and the
 * scrolling of the list would fill it for nothing (set from the start, it made the window's
 * first frame 1.2 times as long as at 10,000 contacts, against 1.06 without, and the page use
 * 45 to 56 MB more memory, against a goal of 60). */
#define SEARCH_CACHE_SIZE_KIB 24576
/* A search of one or two letters not worked out ahead yet is worked out at once (its matches
 * listed from the search index, the first picked by their places in the name order) when at
 * most this many contacts match: at a million contacts "z"* (74,000) in 7 ms, against 16 ms
 * along the name index; more cost more than that walk. */
#define PREFIX_NOW_MAX_MATCHES 131072

static gboolean
query_count (CrmStore *self, sqlite3_stmt *statement, gint64 *count, GError **error)
{
  int rc = sqlite3_step (statement);

  if (rc != SQLITE_ROW)
    {
      crm_store_set_error_from_db (self, error, NULL);
      sqlite3_reset (statement);
      return FALSE;
    }
  *count = sqlite3_column_int64 (statement, 0);
  sqlite3_reset (statement);
  return TRUE;
}

/* Makes the page cache larger for searching, the first time a search is read. */
static void
use_search_cache (CrmStore *self, const CrmContactFilterSql *sql)
{
  if (sql->match == NULL || self->search_cache)
    return;
  self->search_cache
      = crm_store_exec (self, "PRAGMA cache_size = -" G_STRINGIFY (SEARCH_CACHE_SIZE_KIB), NULL);
}

/* A key for the remembered counts: the filter and the moment its days count from. */
static char *
dup_count_key (const CrmContactFilterSql *sql)
{
  g_autofree char *text = crm_contact_filter_to_string (sql->filter);

  return g_strdup_printf ("%s\n%" G_GINT64_FORMAT, text, sql->contacted_before);
}

static gboolean
count_filtered (CrmStore *self, const CrmContactFilterSql *sql, gint64 *count, GError **error)
{
  g_autofree char *text = NULL;
  sqlite3_stmt *statement;
  const GArray *matches;

  use_search_cache (self, sql);
  /* A search worked out ahead (crm-store-contact-prefixes.c). */
  if (sql->n_terms == 1 && sql->match != NULL
      && crm_store_get_contact_prefix (self, sql->match, count, NULL))
    goto remember;
  /* Search words alone, whose matches are remembered or can be narrowed from the last ones
   * remembered (crm-store-contact-matches.c): as many. */
  if (sql->n_terms == 1 && sql->match != NULL
      && (matches = crm_store_get_contact_matches (self, sql->match, -1)) != NULL)
    {
      *count = matches->len;
      goto remember;
    }
  /* Search words alone: counted in the search index, whose rows are the contacts (its triggers
   * keep them one for one). Through the contacts, each match would be read from the table too:
   * at a million contacts 136 ms for "a"*, against 9 ms. */
  if (sql->n_terms == 1 && sql->match != NULL)
    text = g_strdup ("SELECT count(*) FROM contacts_fts WHERE contacts_fts MATCH :match");
  else
    text = g_strdup_printf ("SELECT count(*) FROM contacts WHERE %s", sql->where->str);
  statement = crm_store_prepare (self, text, error);

  if (statement == NULL)
    return FALSE;
  crm_contact_filter_sql_bind (sql, statement);
  if (!query_count (self, statement, count, error))
    return FALSE;

remember:
  if (sql->n_terms > 0)
    {
      if (g_hash_table_size (self->filter_counts) >= MAX_REMEMBERED_COUNTS)
        g_hash_table_remove_all (self->filter_counts);
      g_hash_table_replace (self->filter_counts, dup_count_key (sql),
                            g_memdup2 (count, sizeof *count));
    }
  return TRUE;
}

typedef enum
{
  PLAN_WALK_ORDER,   /* the sort index, each row tested */
  PLAN_WALK_PROBE,   /* the same, each row looked up in the search index (pages only) */
  PLAN_SORT_MATCHES, /* the rows that pass, sorted */
} Plan;

/* @for_page: the plan of a page, which stops at a page's worth of rows; else of a count,
 * which reads every row of its range. */
static Plan
choose_plan (CrmStore *self, const CrmContactFilterSql *sql, gboolean for_page, gint64 *n_matching)
{
  g_autofree char *key = NULL;
  const gint64 *remembered;
  gint64 matching;
  gint64 size;

  if (sql->n_terms == 0)
    return PLAN_WALK_ORDER;
  key = dup_count_key (sql);
  remembered = g_hash_table_lookup (self->filter_counts, key);
  if (remembered != NULL)
    matching = *remembered;
  else if (!count_filtered (self, sql, &matching, NULL))
    return PLAN_WALK_ORDER;
  if (n_matching != NULL)
    *n_matching = matching;
  /* The table's size, near enough (deleted rows count): max(id) is one seek. */
  size = crm_store_query_int64 (self->db, "SELECT ifnull (max (id), 0) FROM contacts", NULL);
  /* Walking costs about a page × size ÷ matching rows, sorting about matching rows. */
  if (matching * matching <= (gint64) self->contact_sort_factor * size)
    return PLAN_SORT_MATCHES;
  /* Testing a row with "id IN (the matches)" lists every match first: at a million contacts
   * 40 to 80 ms for one letter, for each page. Asked of the search index row by row instead,
   * a row costs a few µs, which pays when a page passes few rows that do not match (when
   * fewer match, the rows between the matches cost more than the list: 50 ms for a page of
   * "j"*, a ninth of the contacts). */
  if (for_page && sql->n_terms == 1 && sql->match != NULL && matching * PROBE_SEARCH_SHARE >= size)
    return PLAN_WALK_PROBE;
  return PLAN_WALK_ORDER;
}

/* "FROM contacts" read in the order of the sort's index, or not (see the file comment). */
static char *
dup_from (const CrmContactSortSql *spec, Plan plan)
{
  if (plan != PLAN_SORT_MATCHES)
    return g_strdup_printf ("contacts INDEXED BY %s", spec->index);
  return g_strdup ("contacts");
}

/* The sort key as written in @plan: with the sort matches plan, a unary + keeps SQLite from
 * reading in the order of the key's index. */
static char *
dup_key (const CrmContactSortSql *spec, Plan plan)
{
  return g_strdup_printf ("%s%s", plan == PLAN_SORT_MATCHES ? "+" : "", spec->key);
}

/* The rows after the key (:key, :key_id) in the list, written as a range on the key and a test
 * of the id, which SQLite answers with a seek in the sort's index (a row value over an indexed
 * expression would be a scan). */
static char *
dup_after_clause (const CrmContactSortSql *spec, Plan plan)
{
  /* After in an ascending list is a larger key. */
  gboolean larger = !spec->descending;
  g_autofree char *key = dup_key (spec, plan);

  return g_strdup_printf ("%s %s :key AND (%s %s :key OR id %s :key_id)", key,
                          larger ? ">=" : "<=", key, larger ? ">" : "<", larger ? ">" : "<");
}

static void
bind_key (sqlite3_stmt *statement, CrmContactSort sort, const CrmContactSortKey *key)
{
  if (crm_contact_sort_sql[sort].text)
    crm_store_bind_text_named (statement, ":key", key->name != NULL ? key->name : "");
  else
    crm_store_bind_int64_named (statement, ":key", key->number);
  crm_store_bind_int64_named (statement, ":key_id", key->id);
}

/* ---- Counting and paging ------------------------------------------------------------------ */

guint
crm_store_count_contacts_filtered (CrmStore *self, const CrmContactFilter *filter, GError **error)
{
  CrmContactFilterSql sql;
  gint64 count = 0;
  gboolean ok;

  g_return_val_if_fail (CRM_IS_STORE (self), 0);

  crm_contact_filter_sql_init (&sql, filter);
  ok = count_filtered (self, &sql, &count, error);
  crm_contact_filter_sql_clear (&sql);
  return ok ? (guint) count : 0;
}

/* The rows before (@after FALSE) or after @key in the list. */
static guint
count_beside (CrmStore *self,
              CrmContactSort sort,
              const CrmContactFilter *filter,
              const CrmContactSortKey *key,
              gboolean after,
              GError **error)
{
  const CrmContactSortSql *spec;
  CrmContactFilterSql sql;
  Plan plan;
  g_autofree char *from = NULL;
  g_autofree char *key_text = NULL;
  g_autofree char *text = NULL;
  sqlite3_stmt *statement;
  gint64 count = 0;
  gboolean ok = FALSE;
  gboolean larger;

  spec = &crm_contact_sort_sql[sort];
  crm_contact_filter_sql_init (&sql, filter);
  plan = choose_plan (self, &sql, FALSE, NULL);
  from = dup_from (spec, plan);
  key_text = dup_key (spec, plan);
  /* Two ranges, each a plain seek on the index: before the key, and the key's ties before the
   * id. (One range with an OR of the key would read each row to work the key out again when
   * the key is an expression.) Before in a descending list is a larger key. */
  larger = spec->descending != after;
  text = g_strdup_printf ("SELECT (SELECT count(*) FROM %s WHERE %s %s :key AND %s) + "
                          "(SELECT count(*) FROM %s WHERE %s = :key AND id %s :key_id AND %s)",
                          from, key_text, larger ? ">" : "<", sql.where->str, from, key_text,
                          larger ? ">" : "<", sql.where->str);
  statement = crm_store_prepare (self, text, error);
  if (statement != NULL)
    {
      bind_key (statement, sort, key);
      crm_contact_filter_sql_bind (&sql, statement);
      ok = query_count (self, statement, &count, error);
    }
  crm_contact_filter_sql_clear (&sql);
  return ok ? (guint) count : 0;
}

guint
crm_store_count_contacts_before_filtered (CrmStore *self,
                                          CrmContactSort sort,
                                          const CrmContactFilter *filter,
                                          const CrmContactSortKey *key,
                                          GError **error)
{
  g_return_val_if_fail (CRM_IS_STORE (self), 0);
  g_return_val_if_fail (sort < CRM_CONTACT_N_SORTS, 0);
  g_return_val_if_fail (key != NULL, 0);

  return count_beside (self, sort, filter, key, FALSE, error);
}

guint
crm_store_count_contacts_after_filtered (CrmStore *self,
                                         CrmContactSort sort,
                                         const CrmContactFilter *filter,
                                         const CrmContactSortKey *key,
                                         GError **error)
{
  g_return_val_if_fail (CRM_IS_STORE (self), 0);
  g_return_val_if_fail (sort < CRM_CONTACT_N_SORTS, 0);
  g_return_val_if_fail (key != NULL, 0);

  return count_beside (self, sort, filter, key, TRUE, error);
}

guint
crm_store_count_contacts_between_filtered (CrmStore *self,
                                           CrmContactSort sort,
                                           const CrmContactFilter *filter,
                                           const CrmContactSortKey *first,
                                           const CrmContactSortKey *last,
                                           GError **error)
{
  const CrmContactSortSql *spec;
  CrmContactFilterSql sql;
  Plan plan;
  g_autofree char *from = NULL;
  g_autofree char *key = NULL;
  g_autofree char *text = NULL;
  sqlite3_stmt *statement;
  gint64 count = 0;
  gboolean ok = FALSE;
  const char *later, *earlier;
  CrmContactSortKey key_first, key_last;

  g_return_val_if_fail (CRM_IS_STORE (self), 0);
  g_return_val_if_fail (sort < CRM_CONTACT_N_SORTS, 0);
  g_return_val_if_fail (first != NULL && last != NULL, 0);

  if (crm_contact_sort_compare (sort, first, last) >= 0)
    return 0;
  spec = &crm_contact_sort_sql[sort];
  later = spec->descending ? "<" : ">";
  earlier = spec->descending ? ">" : "<";
  crm_contact_filter_sql_init (&sql, filter);
  plan = choose_plan (self, &sql, FALSE, NULL);
  from = dup_from (spec, plan);
  key = dup_key (spec, plan);
  key_first = *first;
  key_last = *last;
  /* Index seeks only, as for the rows before a key: the keys strictly between, then the ties
   * of each end (one range when both ends have the same key). */
  if (crm_contact_sort_compare (sort, &(CrmContactSortKey){ first->name, first->number, 0 },
                                &(CrmContactSortKey){ last->name, last->number, 0 })
      == 0)
    text = g_strdup_printf ("SELECT count(*) FROM %s WHERE %s = :first AND id %s :first_id AND "
                            "id %s :last_id AND %s",
                            from, key, later, earlier, sql.where->str);
  else
    text = g_strdup_printf ("SELECT (SELECT count(*) FROM %s WHERE %s %s :first AND %s %s :last "
                            "AND %s) + (SELECT count(*) FROM %s WHERE %s = :first AND id %s "
                            ":first_id AND %s) + (SELECT count(*) FROM %s WHERE %s = :last AND "
                            "id %s :last_id AND %s)",
                            from, key, later, key, earlier, sql.where->str, from, key, later,
                            sql.where->str, from, key, earlier, sql.where->str);
  statement = crm_store_prepare (self, text, error);
  if (statement != NULL)
    {
      if (spec->text)
        {
          crm_store_bind_text_named (statement, ":first",
                                     key_first.name != NULL ? key_first.name : "");
          crm_store_bind_text_named (statement, ":last",
                                     key_last.name != NULL ? key_last.name : "");
        }
      else
        {
          crm_store_bind_int64_named (statement, ":first", key_first.number);
          crm_store_bind_int64_named (statement, ":last", key_last.number);
        }
      crm_store_bind_int64_named (statement, ":first_id", key_first.id);
      crm_store_bind_int64_named (statement, ":last_id", key_last.id);
      crm_contact_filter_sql_bind (&sql, statement);
      ok = query_count (self, statement, &count, error);
    }
  crm_contact_filter_sql_clear (&sql);
  return ok ? (guint) count : 0;
}

/* Every contact the search words of @sql (its only term) match, in @sort order, as ids:
 * remembered, narrowed from the last ones remembered, or sorted (by the name order when it is
 * at hand) and remembered. */
static const GArray *
dup_sorted_matches (CrmStore *self,
                    CrmContactSort sort,
                    const CrmContactFilterSql *sql,
                    GError **error)
{
  const CrmContactSortSql *spec = &crm_contact_sort_sql[sort];
  const GArray *matches = crm_store_get_contact_matches (self, sql->match, sort);
  g_autofree char *key = NULL;
  g_autofree char *text = NULL;
  g_autoptr (GArray) ids = NULL;
  sqlite3_stmt *statement;
  int rc;

  if (matches != NULL)
    return matches;
  if (sort == CRM_CONTACT_SORT_NAME)
    {
      GError *order_error = NULL;

      ids = crm_store_dup_contact_matches_by_name (self, sql->match, &order_error);
      if (order_error != NULL)
        {
          g_propagate_error (error, order_error);
          return NULL;
        }
      if (ids != NULL)
        {
          crm_store_remember_contact_matches (self, sort, sql->match, g_steal_pointer (&ids));
          return crm_store_get_contact_matches (self, sql->match, sort);
        }
    }
  key = dup_key (spec, PLAN_SORT_MATCHES);
  /* Only the id and the key of each match: the rows of a page are read by id after. Names
   * from the index of names by id (schema 7), a tenth of the pages of the rows. */
  text = g_strdup_printf ("SELECT id FROM contacts%s WHERE %s ORDER BY %s %s, id %s",
                          sort == CRM_CONTACT_SORT_NAME ? " INDEXED BY contacts_name_by_id" : "",
                          sql->where->str, key, spec->descending ? "DESC" : "",
                          spec->descending ? "DESC" : "");
  statement = crm_store_prepare (self, text, error);
  if (statement == NULL)
    return NULL;
  crm_contact_filter_sql_bind (sql, statement);
  ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  while ((rc = sqlite3_step (statement)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (statement, 0);

      g_array_append_val (ids, id);
    }
  sqlite3_reset (statement);
  if (rc != SQLITE_DONE)
    {
      crm_store_set_error_from_db (self, error, NULL);
      return NULL;
    }
  crm_store_remember_contact_matches (self, sort, sql->match, g_steal_pointer (&ids));
  return crm_store_get_contact_matches (self, sql->match, sort);
}

/* A page of the contacts that search words alone match, from their ids in list order (see
 * fetch_page); NULL without @error set when the page is to be read otherwise. */
static GPtrArray *
fetch_page_of_matches (CrmStore *self,
                       CrmContactSort sort,
                       const CrmContactFilterSql *sql,
                       const CrmContactSortKey *after,
                       guint offset,
                       guint limit,
                       gboolean backwards,
                       GError **error)
{
  const GArray *matches = dup_sorted_matches (self, sort, sql, error);
  guint start = 0;
  guint length = matches != NULL ? matches->len : 0;

  if (matches == NULL)
    return NULL;
  if (after != NULL)
    {
      guint i = 0;

      while (i < length && g_array_index (matches, gint64, i) != after->id)
        i++;
      /* Not listed (a key made up for a place in the list): by SQL. */
      if (i == length)
        return NULL;
      start = i + 1;
    }
  if (backwards)
    {
      guint end = length - MIN (offset, length);

      start = end - MIN (limit, end);
      limit = end - start;
    }
  else
    {
      start = MIN (start + offset, length);
      limit = MIN (limit, length - start);
    }
  return crm_store_fetch_contacts_by_id (self, &g_array_index (matches, gint64, start), limit,
                                         error);
}

/* The top of the list by name of a search worked out ahead (crm-store-contact-prefixes.c),
 * from its ids; NULL without @error set when the page is to be read otherwise. */
static GPtrArray *
fetch_page_of_prefix (CrmStore *self,
                      CrmContactSort sort,
                      const CrmContactFilterSql *sql,
                      const CrmContactSortKey *after,
                      guint offset,
                      guint limit,
                      gboolean backwards,
                      GError **error)
{
  const GArray *ids = NULL;
  gint64 count = 0;

  if (sort != CRM_CONTACT_SORT_NAME || after != NULL || backwards || sql->n_terms != 1
      || sql->match == NULL || !crm_store_get_contact_prefix (self, sql->match, &count, &ids))
    return NULL;
  /* Past the ids kept (unless they are all of them). */
  if ((gint64) ids->len < count && offset + limit > ids->len)
    return NULL;
  offset = MIN (offset, ids->len);
  limit = MIN (limit, ids->len - offset);
  return crm_store_fetch_contacts_by_id (self, &g_array_index (ids, gint64, offset), limit, error);
}

static GPtrArray *
read_contacts (CrmStore *self, sqlite3_stmt *statement, GError **error)
{
  const CrmEntityInfo *info = crm_store_get_entity_info (CRM_ENTITY_CONTACT);
  g_autoptr (GPtrArray) records
      = g_ptr_array_new_with_free_func ((GDestroyNotify) crm_contact_record_free);
  int rc;

  while ((rc = sqlite3_step (statement)) == SQLITE_ROW)
    {
      CrmContactRecord *contact = crm_contact_record_new ();

      crm_store_read_record (info, statement, 0, contact);
      g_ptr_array_add (records, contact);
    }
  sqlite3_reset (statement);
  if (rc != SQLITE_DONE)
    {
      crm_store_set_error_from_db (self, error, NULL);
      return NULL;
    }
  return g_steal_pointer (&records);
}

/* A page of a filter few contacts pass, read along the sort's index for contact_walk_rows
 * (CRM_STORE_CONTACT_WALK_ROWS) at most from where it starts, each row tested: when the matches are spread along the order,
 * the page is found in a few ms (at a million contacts, 64 rows of the 16,000 that "lin"*
 * matches among the first 32,768 names), where sorting them reads every one (50 ms). When
 * they are not (the first names of "x"* sit at the end of the order), NULL: sort them. */
static GPtrArray *
fetch_page_walking_a_while (CrmStore *self,
                            CrmContactSort sort,
                            const CrmContactFilterSql *sql,
                            const char *columns,
                            const CrmContactSortKey *after,
                            guint offset,
                            guint limit)
{
  const CrmContactSortSql *spec = &crm_contact_sort_sql[sort];
  const char *direction = spec->descending ? "DESC" : "";
  g_autofree char *clause
      = after != NULL ? dup_after_clause (spec, PLAN_WALK_ORDER) : g_strdup ("1");
  g_autofree char *bound_text = NULL;
  g_autofree char *bound_clause = NULL;
  g_autofree char *text = NULL;
  g_autoptr (GPtrArray) records = NULL;
  sqlite3_stmt *statement;
  sqlite3_value *bound = NULL;

  if (offset + limit > self->contact_walk_rows)
    return NULL;
  /* The key contact_walk_rows rows on, every contact counted: the end of the walk. */
  bound_text = g_strdup_printf ("SELECT %s FROM contacts INDEXED BY %s WHERE %s ORDER BY %s %s, "
                                "id %s LIMIT 1 OFFSET :walk",
                                spec->key, spec->index, clause, spec->key, direction, direction);
  statement = crm_store_prepare (self, bound_text, NULL);
  if (statement == NULL)
    return NULL;
  if (after != NULL)
    bind_key (statement, sort, after);
  crm_store_bind_int64_named (statement, ":walk", self->contact_walk_rows);
  if (sqlite3_step (statement) == SQLITE_ROW)
    bound = sqlite3_value_dup (sqlite3_column_value (statement, 0));
  sqlite3_reset (statement);

  if (bound != NULL)
    bound_clause = g_strdup_printf ("%s %s :bound", spec->key, spec->descending ? ">=" : "<=");
  text = g_strdup_printf ("SELECT %s FROM contacts INDEXED BY %s WHERE %s AND %s AND %s ORDER BY "
                          "%s %s, id %s LIMIT :limit OFFSET :offset",
                          columns, spec->index, clause, sql->where->str,
                          bound_clause != NULL ? bound_clause : "1", spec->key, direction,
                          direction);
  statement = crm_store_prepare (self, text, NULL);
  if (statement != NULL)
    {
      if (after != NULL)
        bind_key (statement, sort, after);
      if (bound != NULL)
        sqlite3_bind_value (statement, sqlite3_bind_parameter_index (statement, ":bound"), bound);
      crm_store_bind_int64_named (statement, ":limit", limit);
      crm_store_bind_int64_named (statement, ":offset", offset);
      crm_contact_filter_sql_bind (sql, statement);
      records = read_contacts (self, statement, NULL);
    }
  /* Short of a page before the end of the walk: the rest lies further on. */
  if (records != NULL && bound != NULL && records->len < limit)
    g_clear_pointer (&records, g_ptr_array_unref);
  sqlite3_value_free (bound);
  return g_steal_pointer (&records);
}

/* A page in list order; @backwards reads it from the end of the list (@after NULL), @offset
 * rows from there. */
static GPtrArray *
fetch_page (CrmStore *self,
            CrmContactSort sort,
            const CrmContactFilter *filter,
            const CrmContactSortKey *after,
            guint offset,
            guint limit,
            gboolean backwards,
            GError **error)
{
  const CrmEntityInfo *info = crm_store_get_entity_info (CRM_ENTITY_CONTACT);
  g_autoptr (GPtrArray) records = NULL;
  g_autoptr (GString) columns = g_string_new ("id, uuid");
  const CrmContactSortSql *spec;
  CrmContactFilterSql sql;
  Plan plan;
  gint64 matching = G_MAXINT64;
  g_autofree char *from = NULL;
  g_autofree char *key = NULL;
  g_autofree char *clause = NULL;
  g_autofree char *text = NULL;
  sqlite3_stmt *statement;
  gboolean descending;

  spec = &crm_contact_sort_sql[sort];
  for (guint i = 0; i < info->n_fields; i++)
    g_string_append_printf (columns, ", %s", info->fields[i].column);
  crm_contact_filter_sql_init (&sql, filter);
  use_search_cache (self, &sql);
  records = fetch_page_of_prefix (self, sort, &sql, after, offset, limit, backwards, error);
  if (records != NULL || (error != NULL && *error != NULL))
    {
      crm_contact_filter_sql_clear (&sql);
      return g_steal_pointer (&records);
    }
  /* A jump (a large offset) is read with the list of matches: row by row in the search index,
   * every row skipped would be looked up too. */
  plan = choose_plan (self, &sql, offset + limit <= PROBE_MAX_ROWS, &matching);
  /* One or two letters not worked out ahead yet (the first second at a million contacts), that
   * too few contacts match to find a page quickly along the order: worked out now. */
  if (plan != PLAN_SORT_MATCHES && matching <= PREFIX_NOW_MAX_MATCHES
      && sort == CRM_CONTACT_SORT_NAME && after == NULL && !backwards && sql.n_terms == 1
      && sql.match != NULL && offset + limit <= CRM_STORE_CONTACT_PREFIX_IDS
      && crm_store_work_out_contact_prefix (self, sql.match))
    records = fetch_page_of_prefix (self, sort, &sql, after, offset, limit, backwards, error);
  if (records != NULL || (error != NULL && *error != NULL))
    {
      crm_contact_filter_sql_clear (&sql);
      return g_steal_pointer (&records);
    }
  if (plan == PLAN_WALK_PROBE)
    g_string_assign (sql.where, "EXISTS (SELECT 1 FROM contacts_fts WHERE contacts_fts MATCH "
                                ":match AND contacts_fts.rowid = contacts.id)");
  /* Few pass: their list in order, remembered, or read a while along the order, or sorted
   * (see fetch_page_walking_a_while). */
  if (plan == PLAN_SORT_MATCHES)
    {
      gboolean search_alone = sql.n_terms == 1 && sql.match != NULL;

      /* Listed in order already, or in name order at once (see crm_store_dup_contact_matches_by_name). */
      if (search_alone
          && (crm_store_get_contact_matches (self, sql.match, sort) != NULL
              || (sort == CRM_CONTACT_SORT_NAME
                  && crm_store_get_contact_name_order (self) != NULL)))
        records = fetch_page_of_matches (self, sort, &sql, after, offset, limit, backwards, error);
      if (records == NULL && !backwards)
        records = fetch_page_walking_a_while (self, sort, &sql, columns->str, after, offset, limit);
      if (records == NULL && search_alone)
        records = fetch_page_of_matches (self, sort, &sql, after, offset, limit, backwards, error);
      if (records != NULL || (error != NULL && *error != NULL))
        {
          crm_contact_filter_sql_clear (&sql);
          return g_steal_pointer (&records);
        }
    }
  from = dup_from (spec, plan);
  key = dup_key (spec, plan);
  clause = after != NULL ? dup_after_clause (spec, plan) : g_strdup ("1");
  /* From the end, the index is read the other way. */
  descending = spec->descending != backwards;
  text = g_strdup_printf ("SELECT %s FROM %s WHERE %s AND %s ORDER BY %s %s, id %s "
                          "LIMIT :limit OFFSET :offset",
                          columns->str, from, clause, sql.where->str, key, descending ? "DESC" : "",
                          descending ? "DESC" : "");

  statement = crm_store_prepare (self, text, error);
  if (statement == NULL)
    {
      crm_contact_filter_sql_clear (&sql);
      return NULL;
    }
  if (after != NULL)
    bind_key (statement, sort, after);
  crm_store_bind_int64_named (statement, ":limit", limit);
  crm_store_bind_int64_named (statement, ":offset", offset);
  crm_contact_filter_sql_bind (&sql, statement);
  crm_contact_filter_sql_clear (&sql);

  records = read_contacts (self, statement, error);
  if (records == NULL)
    return NULL;
  if (backwards)
    for (guint i = 0; i < records->len / 2; i++)
      {
        gpointer first = records->pdata[i];

        records->pdata[i] = records->pdata[records->len - 1 - i];
        records->pdata[records->len - 1 - i] = first;
      }
  return g_steal_pointer (&records);
}

GPtrArray *
crm_store_fetch_contacts_filtered (CrmStore *self,
                                   CrmContactSort sort,
                                   const CrmContactFilter *filter,
                                   const CrmContactSortKey *after,
                                   guint offset,
                                   guint limit,
                                   GError **error)
{
  g_return_val_if_fail (CRM_IS_STORE (self), NULL);
  g_return_val_if_fail (sort < CRM_CONTACT_N_SORTS, NULL);

  return fetch_page (self, sort, filter, after, offset, limit, FALSE, error);
}

GPtrArray *
crm_store_fetch_contacts_filtered_from_end (CrmStore *self,
                                            CrmContactSort sort,
                                            const CrmContactFilter *filter,
                                            guint offset_from_end,
                                            guint limit,
                                            GError **error)
{
  g_return_val_if_fail (CRM_IS_STORE (self), NULL);
  g_return_val_if_fail (sort < CRM_CONTACT_N_SORTS, NULL);

  return fetch_page (self, sort, filter, NULL, offset_from_end, limit, TRUE, error);
}

gboolean
crm_store_contact_matches_filter (CrmStore *self,
                                  gint64 contact_id,
                                  const CrmContactFilter *filter,
                                  GError **error)
{
  CrmContactFilterSql sql;
  g_autofree char *text = NULL;
  sqlite3_stmt *statement;
  gint64 count = 0;

  g_return_val_if_fail (CRM_IS_STORE (self), FALSE);

  crm_contact_filter_sql_init (&sql, filter);
  text = g_strdup_printf ("SELECT count(*) FROM contacts WHERE id = :id AND %s", sql.where->str);
  statement = crm_store_prepare (self, text, error);
  if (statement != NULL)
    {
      crm_store_bind_int64_named (statement, ":id", contact_id);
      crm_contact_filter_sql_bind (&sql, statement);
      query_count (self, statement, &count, error);
    }
  crm_contact_filter_sql_clear (&sql);
  return count > 0;
}

gboolean
crm_store_contact_has_next_step (CrmStore *self,
                                 gint64 contact_id,
                                 gint64 except_activity_id,
                                 GError **error)
{
  sqlite3_stmt *statement;
  gint64 count = 0;

  g_return_val_if_fail (CRM_IS_STORE (self), FALSE);

  statement = crm_store_prepare (self,
                                 "SELECT count(*) FROM (SELECT 1 FROM activities WHERE "
                                 "contact_id = ?1 AND done = 0 AND due_at IS NOT NULL "
                                 "AND id IS NOT ?2 LIMIT 1)",
                                 error);
  if (statement == NULL)
    return FALSE;
  sqlite3_bind_int64 (statement, 1, contact_id);
  sqlite3_bind_int64 (statement, 2, except_activity_id);
  query_count (self, statement, &count, error);
  return count > 0;
}

/* ---- The former entry points, over the filtered ones ------------------------------------ */

guint
crm_store_count_contacts (CrmStore *self, GError **error)
{
  gint64 count = crm_store_count (self, CRM_ENTITY_CONTACT, error);
  return count > 0 ? (guint) count : 0;
}

guint
crm_store_count_contacts_matching (CrmStore *self, const char *text, GError **error)
{
  CrmContactFilter filter = { .score_min = -1, .score_max = -1, .text = (char *) text };

  return crm_store_count_contacts_filtered (self, &filter, error);
}

guint
crm_store_count_contacts_before (CrmStore *self,
                                 CrmContactSort sort,
                                 const CrmContactSortKey *key,
                                 GError **error)
{
  return crm_store_count_contacts_before_filtered (self, sort, NULL, key, error);
}

GPtrArray *
crm_store_fetch_contacts_sorted (CrmStore *self,
                                 CrmContactSort sort,
                                 const char *text,
                                 const CrmContactSortKey *after,
                                 guint offset,
                                 guint limit,
                                 GError **error)
{
  CrmContactFilter filter = { .score_min = -1, .score_max = -1, .text = (char *) text };

  return crm_store_fetch_contacts_filtered (self, sort, &filter, after, offset, limit, error);
}

GPtrArray *
crm_store_fetch_contacts (CrmStore *self,
                          const char *after_name,
                          gint64 after_id,
                          guint offset,
                          guint limit,
                          GError **error)
{
  CrmContactSortKey after = { after_name, 0, after_id };

  return crm_store_fetch_contacts_sorted (self, CRM_CONTACT_SORT_NAME, NULL,
                                          after_name != NULL ? &after : NULL, offset, limit, error);
}

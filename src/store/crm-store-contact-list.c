/* crm-store-contact-list.c — the contact list: contacts counted and paged in each sort order,
 * through a filter (CrmContactFilter), and the bulk edits of the contacts a filter lists.
 *
 * Every page is read in the order of an index. With a filter there are two ways to read one,
 * and the number of contacts the filter passes (remembered from the last count) picks:
 *  - walk the sort index and test each row, stopping at a page: cheap when most rows pass
 *    (a page costs the page size divided by the share that passes); search words that many
 *    contacts match are tested row by row in the search index, instead of listing every match
 *    first;
 *  - find the rows that pass (through the filter's own indexes: lifecycle, owner, source, tag,
 *    search) and sort them: cheap when few pass, whatever their place in the order.
 * Filters and search words are always bound parameters; the SQL text only names columns. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "crm-store-private.h"

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
/* Stands in for "no company" in the company order: the largest character, so those last. */
#define NO_COMPANY_KEY "\xf4\x8f\xbf\xbf"

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

/* ---- Sort orders ------------------------------------------------------------------------ */

typedef struct
{
  const char *key;     /* the sort key, an indexed expression */
  const char *index;   /* the index in its order */
  gboolean text;       /* a name, compared case-blind; else a number */
  gboolean descending; /* largest first (and the id too, so an index serves it backwards) */
} ContactSortSql;

static const ContactSortSql contact_sorts[CRM_CONTACT_N_SORTS] = {
  [CRM_CONTACT_SORT_NAME] = { "name COLLATE NOCASE", "contacts_by_name", TRUE, FALSE },
  [CRM_CONTACT_SORT_SCORE] = { "score", "contacts_by_score", FALSE, TRUE },
  [CRM_CONTACT_SORT_LAST_CONTACTED]
  = { "ifnull (last_contacted_at, -1)", "contacts_by_last_contacted", FALSE, TRUE },
  [CRM_CONTACT_SORT_CAPTURED] = { "captured_at", "contacts_by_captured", FALSE, TRUE },
  [CRM_CONTACT_SORT_COMPANY] = { "ifnull (company_name, char (1114111)) COLLATE NOCASE",
                                 "contacts_by_company_name", TRUE, FALSE },
};

void
crm_contact_sort_key_init (CrmContactSortKey *key,
                           CrmContactSort sort,
                           const CrmContactRecord *contact)
{
  g_return_if_fail (sort < CRM_CONTACT_N_SORTS);

  key->name = contact->name;
  key->id = contact->id;
  switch (sort)
    {
      case CRM_CONTACT_SORT_SCORE:
        key->number = contact->score;
        break;
      case CRM_CONTACT_SORT_LAST_CONTACTED:
        key->number = contact->last_contacted_at > 0 ? contact->last_contacted_at : -1;
        break;
      case CRM_CONTACT_SORT_CAPTURED:
        key->number = contact->captured_at;
        break;
      case CRM_CONTACT_SORT_COMPANY:
        key->name = contact->company_name != NULL ? contact->company_name : NO_COMPANY_KEY;
        key->number = 0;
        break;
      case CRM_CONTACT_SORT_NAME:
      default:
        key->number = 0;
        break;
    }
}

/* SQLite's NOCASE collation: ASCII case folded, then unsigned bytes. */
static guchar
fold (guchar c)
{
  return c < 0x80 ? (guchar) g_ascii_tolower ((gchar) c) : c;
}

static int
compare_nocase (const char *a_text, const char *b_text)
{
  const guchar *a = (const guchar *) (a_text != NULL ? a_text : "");
  const guchar *b = (const guchar *) (b_text != NULL ? b_text : "");

  while (*a != '\0' && fold (*a) == fold (*b))
    a++, b++;
  if (fold (*a) == fold (*b))
    return 0;
  return fold (*a) < fold (*b) ? -1 : 1;
}

int
crm_contact_sort_compare (CrmContactSort sort,
                          const CrmContactSortKey *a,
                          const CrmContactSortKey *b)
{
  const ContactSortSql *spec;
  int order;

  g_return_val_if_fail (sort < CRM_CONTACT_N_SORTS, 0);

  spec = &contact_sorts[sort];
  if (spec->text)
    order = compare_nocase (a->name, b->name);
  else
    order = (a->number > b->number) - (a->number < b->number);
  if (order == 0)
    order = (a->id > b->id) - (a->id < b->id);
  return spec->descending ? -order : order;
}

/* ---- A filter as SQL -------------------------------------------------------------------- */

typedef struct
{
  const CrmContactFilter *filter; /* NULL: every contact */
  GString *where;                 /* terms joined by AND, "1" when none */
  guint n_terms;
  char *match; /* the FTS query of the search words */
  gint64 contacted_before;
} FilterSql;

static void
add_term (FilterSql *sql, const char *term)
{
  if (sql->n_terms++ > 0)
    g_string_append (sql->where, " AND ");
  g_string_append (sql->where, term);
}

/* The terms of @filter, each with named parameters (see filter_sql_bind). */
static void
filter_sql_init (FilterSql *sql, const CrmContactFilter *filter)
{
  memset (sql, 0, sizeof *sql);
  sql->filter = filter;
  sql->where = g_string_new (NULL);
  if (filter != NULL && filter->lifecycles != 0)
    {
      GString *term = g_string_new ("lifecycle IN (");
      gboolean first = TRUE;

      for (guint stage = 0; stage <= CRM_LIFECYCLE_CHURNED; stage++)
        if (filter->lifecycles & (1u << stage))
          {
            g_string_append_printf (term, "%s:lifecycle%u", first ? "" : ", ", stage);
            first = FALSE;
          }
      g_string_append_c (term, ')');
      add_term (sql, term->str);
      g_string_free (term, TRUE);
    }
  if (filter != NULL && filter->source_id != 0)
    add_term (sql, "source_id = :source");
  if (filter != NULL && filter->tag_id != 0)
    add_term (sql, "id IN (SELECT contact_id FROM contact_tags WHERE tag_id = :tag)");
  if (filter != NULL && filter->score_min >= 0)
    add_term (sql, "score >= :score_min");
  if (filter != NULL && filter->score_max >= 0)
    add_term (sql, "score <= :score_max");
  if (crm_contact_filter_get_owner (filter) != NULL)
    add_term (sql, "owner = :owner");
  if (filter != NULL && filter->not_contacted_days > 0)
    {
      /* The expression of contacts_by_last_contacted: never contacted is -1. */
      add_term (sql, "ifnull (last_contacted_at, -1) < :contacted_before");
      sql->contacted_before = crm_contact_filter_get_contacted_before (filter);
    }
  if (filter != NULL && filter->no_next_step)
    /* The people with a next step, listed once per query from activities_next_by_contact
     * (whose WHERE these terms repeat): a third of the time of a test per row. */
    add_term (sql, "id NOT IN (SELECT contact_id FROM activities WHERE done = 0 AND due_at IS "
                   "NOT NULL AND contact_id IS NOT NULL)");
  if (crm_contact_filter_get_country (filter) != NULL)
    add_term (sql, "country = :country COLLATE NOCASE");
  if (filter != NULL && (sql->match = crm_store_build_fts_query (filter->text)) != NULL)
    add_term (sql, "id IN (SELECT rowid FROM contacts_fts WHERE contacts_fts MATCH :match)");
  if (sql->n_terms == 0)
    g_string_append (sql->where, "1");
}

/* Makes the page cache larger for searching, the first time a search is read. */
static void
use_search_cache (CrmStore *self, const FilterSql *sql)
{
  if (sql->match == NULL || self->search_cache)
    return;
  self->search_cache
      = crm_store_exec (self, "PRAGMA cache_size = -" G_STRINGIFY (SEARCH_CACHE_SIZE_KIB), NULL);
}

static void
filter_sql_clear (FilterSql *sql)
{
  g_string_free (sql->where, TRUE);
  g_free (sql->match);
}

static void
bind_text_named (sqlite3_stmt *statement, const char *name, const char *text)
{
  int index = sqlite3_bind_parameter_index (statement, name);

  if (index > 0)
    sqlite3_bind_text (statement, index, text, -1, SQLITE_TRANSIENT);
}

static void
bind_int64_named (sqlite3_stmt *statement, const char *name, gint64 value)
{
  int index = sqlite3_bind_parameter_index (statement, name);

  if (index > 0)
    sqlite3_bind_int64 (statement, index, value);
}

static void
filter_sql_bind (const FilterSql *sql, sqlite3_stmt *statement)
{
  const CrmContactFilter *filter = sql->filter;

  if (filter == NULL)
    return;
  for (guint stage = 0; stage <= CRM_LIFECYCLE_CHURNED; stage++)
    if (filter->lifecycles & (1u << stage))
      {
        char name[32];

        g_snprintf (name, sizeof name, ":lifecycle%u", stage);
        bind_text_named (statement, name, crm_lifecycle_stage_to_string (stage));
      }
  bind_int64_named (statement, ":source", filter->source_id);
  bind_int64_named (statement, ":tag", filter->tag_id);
  bind_int64_named (statement, ":score_min", filter->score_min);
  bind_int64_named (statement, ":score_max", filter->score_max);
  if (crm_contact_filter_get_owner (filter) != NULL)
    bind_text_named (statement, ":owner", crm_contact_filter_get_owner (filter));
  bind_int64_named (statement, ":contacted_before", sql->contacted_before);
  if (crm_contact_filter_get_country (filter) != NULL)
    bind_text_named (statement, ":country", crm_contact_filter_get_country (filter));
  if (sql->match != NULL)
    bind_text_named (statement, ":match", sql->match);
}

/* A key for the remembered counts: the filter and the moment its days count from. */
static char *
dup_count_key (const FilterSql *sql)
{
  g_autofree char *text = crm_contact_filter_to_string (sql->filter);

  return g_strdup_printf ("%s\n%" G_GINT64_FORMAT, text, sql->contacted_before);
}

static gboolean
count_filtered (CrmStore *self, const FilterSql *sql, gint64 *count, GError **error)
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
  filter_sql_bind (sql, statement);
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
choose_plan (CrmStore *self, const FilterSql *sql, gboolean for_page, gint64 *n_matching)
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
dup_from (const ContactSortSql *spec, Plan plan)
{
  if (plan != PLAN_SORT_MATCHES)
    return g_strdup_printf ("contacts INDEXED BY %s", spec->index);
  return g_strdup ("contacts");
}

/* The sort key as written in @plan: with the sort matches plan, a unary + keeps SQLite from
 * reading in the order of the key's index. */
static char *
dup_key (const ContactSortSql *spec, Plan plan)
{
  return g_strdup_printf ("%s%s", plan == PLAN_SORT_MATCHES ? "+" : "", spec->key);
}

/* The rows after the key (:key, :key_id) in the list, written as a range on the key and a test
 * of the id, which SQLite answers with a seek in the sort's index (a row value over an indexed
 * expression would be a scan). */
static char *
dup_after_clause (const ContactSortSql *spec, Plan plan)
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
  if (contact_sorts[sort].text)
    bind_text_named (statement, ":key", key->name != NULL ? key->name : "");
  else
    bind_int64_named (statement, ":key", key->number);
  bind_int64_named (statement, ":key_id", key->id);
}

/* ---- Counting and paging ------------------------------------------------------------------ */

guint
crm_store_count_contacts_filtered (CrmStore *self, const CrmContactFilter *filter, GError **error)
{
  FilterSql sql;
  gint64 count = 0;
  gboolean ok;

  g_return_val_if_fail (CRM_IS_STORE (self), 0);

  filter_sql_init (&sql, filter);
  ok = count_filtered (self, &sql, &count, error);
  filter_sql_clear (&sql);
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
  const ContactSortSql *spec;
  FilterSql sql;
  Plan plan;
  g_autofree char *from = NULL;
  g_autofree char *key_text = NULL;
  g_autofree char *text = NULL;
  sqlite3_stmt *statement;
  gint64 count = 0;
  gboolean ok = FALSE;
  gboolean larger;

  spec = &contact_sorts[sort];
  filter_sql_init (&sql, filter);
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
      filter_sql_bind (&sql, statement);
      ok = query_count (self, statement, &count, error);
    }
  filter_sql_clear (&sql);
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
  const ContactSortSql *spec;
  FilterSql sql;
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
  spec = &contact_sorts[sort];
  later = spec->descending ? "<" : ">";
  earlier = spec->descending ? ">" : "<";
  filter_sql_init (&sql, filter);
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
          bind_text_named (statement, ":first", key_first.name != NULL ? key_first.name : "");
          bind_text_named (statement, ":last", key_last.name != NULL ? key_last.name : "");
        }
      else
        {
          bind_int64_named (statement, ":first", key_first.number);
          bind_int64_named (statement, ":last", key_last.number);
        }
      bind_int64_named (statement, ":first_id", key_first.id);
      bind_int64_named (statement, ":last_id", key_last.id);
      filter_sql_bind (&sql, statement);
      ok = query_count (self, statement, &count, error);
    }
  filter_sql_clear (&sql);
  return ok ? (guint) count : 0;
}

static int
compare_places (gconstpointer a, gconstpointer b)
{
  guint32 x = *(const guint32 *) a, y = *(const guint32 *) b;

  return (x > y) - (x < y);
}

/* Sorts @places (guint32) in place; many by their 16 low bits and then their 16 high ones (a
 * radix sort: at a million contacts, the 16,000 matches of "lin"* in 0.1 ms, against 1.5 ms
 * for a sort that compares them). */
static void
sort_places (GArray *places)
{
  guint32 *items = (guint32 *) places->data;
  g_autofree guint32 *other = NULL;
  g_autofree guint *counts = NULL;

  if (places->len < 1024)
    {
      g_array_sort (places, compare_places);
      return;
    }
  other = g_new (guint32, places->len);
  counts = g_new (guint, 65536);
  for (guint shift = 0; shift < 32; shift += 16)
    {
      guint32 *swap;
      guint sum = 0;

      memset (counts, 0, 65536 * sizeof (guint));
      for (guint i = 0; i < places->len; i++)
        counts[(items[i] >> shift) & 0xffff]++;
      for (guint digit = 0; digit < 65536; digit++)
        {
          guint count = counts[digit];

          counts[digit] = sum;
          sum += count;
        }
      for (guint i = 0; i < places->len; i++)
        other[counts[(items[i] >> shift) & 0xffff]++] = items[i];
      swap = items;
      items = other;
      other = swap;
    }
  /* Two passes: the sorted places are back in the array's own buffer. */
}

/* The contacts FTS query @match matches, in name order, from the search index and the name
 * order (crm-store-contact-prefixes.c) alone: no row read (at a million contacts, 8,000 matches
 * in 1 to 2 ms, against 25 for reading each one's name). NULL when the name order is not at
 * hand, or with @error set. */
static GArray *
dup_matches_by_name_order (CrmStore *self, const char *match, GError **error)
{
  const CrmContactNameOrder *order = crm_store_get_contact_name_order (self);
  g_autoptr (GArray) places = NULL;
  GArray *ids;
  sqlite3_stmt *statement;
  int rc;

  if (order == NULL)
    return NULL;
  statement = crm_store_prepare (self, "SELECT rowid FROM contacts_fts WHERE contacts_fts MATCH ?1",
                                 error);
  if (statement == NULL)
    return NULL;
  sqlite3_bind_text (statement, 1, match, -1, SQLITE_TRANSIENT);
  places = g_array_new (FALSE, FALSE, sizeof (guint32));
  while ((rc = sqlite3_step (statement)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (statement, 0);

      /* A match that is no contact (the order is kept true to the file, so never): by SQL. */
      if (id < 0 || id > order->max_id || order->ranks[id] == G_MAXUINT32)
        {
          sqlite3_reset (statement);
          return NULL;
        }
      g_array_append_val (places, order->ranks[id]);
    }
  sqlite3_reset (statement);
  if (rc != SQLITE_DONE)
    {
      crm_store_set_error_from_db (self, error, NULL);
      return NULL;
    }
  sort_places (places);
  ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), places->len);
  for (guint i = 0; i < places->len; i++)
    {
      gint64 id = order->ids[g_array_index (places, guint32, i)];

      g_array_append_val (ids, id);
    }
  return ids;
}

/* Every contact the search words of @sql (its only term) match, in @sort order, as ids:
 * remembered, narrowed from the last ones remembered, or sorted (by the name order when it is
 * at hand) and remembered. */
static const GArray *
dup_sorted_matches (CrmStore *self, CrmContactSort sort, const FilterSql *sql, GError **error)
{
  const ContactSortSql *spec = &contact_sorts[sort];
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

      ids = dup_matches_by_name_order (self, sql->match, &order_error);
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
  filter_sql_bind (sql, statement);
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
                       const FilterSql *sql,
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
                      const FilterSql *sql,
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
                            const FilterSql *sql,
                            const char *columns,
                            const CrmContactSortKey *after,
                            guint offset,
                            guint limit)
{
  const ContactSortSql *spec = &contact_sorts[sort];
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
  bind_int64_named (statement, ":walk", self->contact_walk_rows);
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
      bind_int64_named (statement, ":limit", limit);
      bind_int64_named (statement, ":offset", offset);
      filter_sql_bind (sql, statement);
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
  const ContactSortSql *spec;
  FilterSql sql;
  Plan plan;
  gint64 matching = G_MAXINT64;
  g_autofree char *from = NULL;
  g_autofree char *key = NULL;
  g_autofree char *clause = NULL;
  g_autofree char *text = NULL;
  sqlite3_stmt *statement;
  gboolean descending;
  int rc;

  spec = &contact_sorts[sort];
  for (guint i = 0; i < info->n_fields; i++)
    g_string_append_printf (columns, ", %s", info->fields[i].column);
  filter_sql_init (&sql, filter);
  use_search_cache (self, &sql);
  records = fetch_page_of_prefix (self, sort, &sql, after, offset, limit, backwards, error);
  if (records != NULL || (error != NULL && *error != NULL))
    {
      filter_sql_clear (&sql);
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
      filter_sql_clear (&sql);
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

      /* Listed in order already, or in name order at once (see dup_matches_by_name_order). */
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
          filter_sql_clear (&sql);
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
      filter_sql_clear (&sql);
      return NULL;
    }
  if (after != NULL)
    bind_key (statement, sort, after);
  bind_int64_named (statement, ":limit", limit);
  bind_int64_named (statement, ":offset", offset);
  filter_sql_bind (&sql, statement);
  filter_sql_clear (&sql);

  records = g_ptr_array_new_with_free_func ((GDestroyNotify) crm_contact_record_free);
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
  FilterSql sql;
  g_autofree char *text = NULL;
  sqlite3_stmt *statement;
  gint64 count = 0;

  g_return_val_if_fail (CRM_IS_STORE (self), FALSE);

  filter_sql_init (&sql, filter);
  text = g_strdup_printf ("SELECT count(*) FROM contacts WHERE id = :id AND %s", sql.where->str);
  statement = crm_store_prepare (self, text, error);
  if (statement != NULL)
    {
      bind_int64_named (statement, ":id", contact_id);
      filter_sql_bind (&sql, statement);
      query_count (self, statement, &count, error);
    }
  filter_sql_clear (&sql);
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

/* ---- Bulk edits ----------------------------------------------------------------------------- */

/* The selection's terms (with :ids bound to a JSON array of its ids), into @sql's filter. */
static char *
dup_selection_where (const CrmContactSelection *selection, FilterSql *sql)
{
  filter_sql_init (sql, selection->all_but_ids ? selection->filter : NULL);
  if (!selection->all_but_ids)
    return g_strdup ("id IN (SELECT value FROM json_each (:ids))");
  if (selection->n_ids == 0)
    return g_strdup (sql->where->str);
  return g_strdup_printf ("%s AND id NOT IN (SELECT value FROM json_each (:ids))", sql->where->str);
}

static char *
dup_ids_json (const CrmContactSelection *selection)
{
  GString *json = g_string_new ("[");

  for (guint i = 0; i < selection->n_ids; i++)
    g_string_append_printf (json, "%s%" G_GINT64_FORMAT, i > 0 ? "," : "", selection->ids[i]);
  g_string_append_c (json, ']');
  return g_string_free (json, FALSE);
}

/* Runs @head, the selection's terms and @tail as one statement, in one transaction with
 * :edit_stage, :edit_tag and :edit_now bound; one reset of the contacts follows when rows
 * changed. */
static gboolean
write_selection (CrmStore *self,
                 const char *head,
                 const char *tail,
                 const CrmContactSelection *selection,
                 const char *stage,
                 gint64 tag_id,
                 guint *n_changed,
                 GError **error)
{
  FilterSql sql;
  g_autofree char *where = dup_selection_where (selection, &sql);
  g_autofree char *ids = dup_ids_json (selection);
  g_autofree char *text = g_strconcat (head, where, tail, NULL);
  sqlite3_stmt *statement;
  int changes = 0;

  if (n_changed != NULL)
    *n_changed = 0;
  if (!crm_store_begin (self, error))
    {
      filter_sql_clear (&sql);
      return FALSE;
    }
  statement = crm_store_prepare (self, text, error);
  if (statement != NULL)
    {
      filter_sql_bind (&sql, statement);
      bind_text_named (statement, ":ids", ids);
      if (stage != NULL)
        bind_text_named (statement, ":edit_stage", stage);
      bind_int64_named (statement, ":edit_tag", tag_id);
      bind_int64_named (statement, ":edit_now", crm_store_now ());
    }
  filter_sql_clear (&sql);
  if (statement == NULL || !crm_store_step_done (self, statement, error))
    {
      crm_store_rollback (self);
      return FALSE;
    }
  changes = sqlite3_changes (self->db);
  if (changes > 0)
    crm_store_queue_change (self, CRM_ENTITY_CONTACT, CRM_CHANGE_RESET, 0, NULL);
  if (!crm_store_commit (self, error))
    return FALSE;
  if (n_changed != NULL)
    *n_changed = (guint) changes;
  return TRUE;
}

gboolean
crm_store_set_contacts_lifecycle (CrmStore *self,
                                  const CrmContactSelection *selection,
                                  CrmLifecycleStage stage,
                                  guint *n_changed,
                                  GError **error)
{
  g_return_val_if_fail (CRM_IS_STORE (self), FALSE);
  g_return_val_if_fail (selection != NULL, FALSE);
  g_return_val_if_fail (stage <= CRM_LIFECYCLE_CHURNED, FALSE);

  /* Only the rows that change: their history and the change log say what happened. */
  return write_selection (self,
                          "UPDATE contacts SET lifecycle = :edit_stage, updated_at = :edit_now "
                          "WHERE lifecycle IS NOT :edit_stage AND ",
                          "", selection, crm_lifecycle_stage_to_string (stage), 0, n_changed,
                          error);
}

static gboolean
require_tag (CrmStore *self, gint64 tag_id, GError **error)
{
  g_autoptr (CrmTagRecord) tag = crm_store_get_tag (self, tag_id, NULL);

  if (tag == NULL)
    {
      g_set_error_literal (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND,
                           _ ("The tag no longer exists"));
      return FALSE;
    }
  return TRUE;
}

gboolean
crm_store_tag_contacts (CrmStore *self,
                        const CrmContactSelection *selection,
                        gint64 tag_id,
                        guint *n_changed,
                        GError **error)
{
  g_return_val_if_fail (CRM_IS_STORE (self), FALSE);
  g_return_val_if_fail (selection != NULL, FALSE);

  if (!require_tag (self, tag_id, error))
    return FALSE;
  return write_selection (self,
                          "INSERT OR IGNORE INTO contact_tags (contact_id, tag_id) "
                          "SELECT id, :edit_tag FROM contacts WHERE ",
                          "", selection, NULL, tag_id, n_changed, error);
}

gboolean
crm_store_untag_contacts (CrmStore *self,
                          const CrmContactSelection *selection,
                          gint64 tag_id,
                          guint *n_changed,
                          GError **error)
{
  g_return_val_if_fail (CRM_IS_STORE (self), FALSE);
  g_return_val_if_fail (selection != NULL, FALSE);

  if (!require_tag (self, tag_id, error))
    return FALSE;
  return write_selection (self,
                          "DELETE FROM contact_tags WHERE tag_id = :edit_tag AND contact_id IN "
                          "(SELECT id FROM contacts WHERE ",
                          ")", selection, NULL, tag_id, n_changed, error);
}

/* ---- Smart lists ---------------------------------------------------------------------------- */

GPtrArray *
crm_store_list_smart_lists (CrmStore *self, GError **error)
{
  g_return_val_if_fail (CRM_IS_STORE (self), NULL);
  return crm_store_select_records (self, CRM_ENTITY_SMART_LIST, "ORDER BY position, id", NULL, 0,
                                   error);
}

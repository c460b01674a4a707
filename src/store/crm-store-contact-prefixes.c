/* crm-store-contact-prefixes.c — the count and first page of the shortest searches, worked out
 * ahead.
 *
 * The first letter typed into the search is its slowest keystroke: at a million contacts a
 * letter matches 10,000 to 350,000 of them, too many to sort and, for a letter whose names sit
 * together late in the order ("x", "q"), too few to find a page quickly by walking the name
 * index (30 to 65 ms). The most common two-letter beginnings ("an", "li") cost as much. So once
 * asked (crm_store_precompute_contact_prefixes, which the contact list calls after a frame is
 * painted), the store works out, a few ms at a time in idle callbacks of low priority:
 *  - first the name order: every contact's place in the list by name (the name index read
 *    from end to end; at a million contacts 4 MB of places and 4 MB of ids, read in about
 *    100 ms of steps). With it, the matches of any search are put in name order without
 *    reading a row (crm-store-contact-list.c), which is what a word of three letters or more
 *    ("nak"*: 8,000 matches whose rows cost 25 ms to read) needs;
 *  - then for each letter, and then each common two-letter beginning, how many contacts the
 *    search matches and the ids of the first CRM_STORE_CONTACT_PREFIX_IDS of them in name
 *    order (its matches listed from the search index, the first picked by their places). A
 *    search that is just one of them (the list by name, from its top) is then read from them:
 *    a count without a query, a page by its ids.
 * (A thread with a connection of its own was tried first: connections it opened while the
 * store committed found the file "not a database", over and over.)
 *
 * They must stay exact. Every change that could alter one (the rules of the remembered
 * matches, crm-store-contact-matches.c, for the name order: a contact added or deleted, a
 * searched field edited, a company renamed or deleted, a bulk write) forgets them before its
 * change signal, as does a write from another connection (the file's data_version moved);
 * a score written by the score pass does not. They are worked out again a while after the
 * last such change. Work that a change overtook (its generation passed, or the data_version
 * moved, between two of its steps) is thrown away. */
#include "config.h"

#include <string.h>

#include "crm-store-private.h"

/* The letters, and the two-letter beginnings that at least one contact in this many matches
 * (at a million contacts 16,000 or more, which the store neither sorts nor walks quickly). */
#define TWO_LETTER_SHARE 64
/* ... at most this many of them, the most common. */
#define MAX_TWO_LETTER 128
/* The time of one step, well within a frame. */
#define STEP_BUDGET_US 4000
/* Ids up to this many get a place (4 bytes each): above it (ids chosen far apart), nothing is
 * worked out ahead. */
#define MAX_ORDERED_ID (G_GINT64_CONSTANT (1) << 27)
/* The place in the name order of an id that is no contact's. */
#define NO_RANK G_MAXUINT32

typedef struct
{
  gint64 count;
  GArray *ids; /* gint64: the first ones in name order */
} PrefixResult;

/* The work, step by step: first the name order (the name index read from end to end, each
 * contact given its place), then the searches, the letters first and then the common
 * two-letter beginnings (once counted): each one's matches listed from the search index, the
 * first in name order picked by their places as they come. Each step reads on from where the
 * last one stopped (a key in the name order, a rowid), in its own short read. */
typedef enum
{
  STEP_ORDER,      /* reading the name index */
  STEP_LIST,       /* listing the matches of current */
  STEP_COUNT_PAIRS /* counting the two-letter beginnings, from pair */
} Step;

typedef struct
{
  guint64 generation;
  gint64 data_version;
  gint64 started; /* monotonic µs */
  Step step;
  /* The name order being read: each id's place, and the ids in order. */
  gint64 max_id;
  guint32 *ranks;
  GArray *order;   /* guint32 */
  char *walk_name; /* NULL: from the start */
  gint64 walk_id;
  /* The searches. */
  GPtrArray *todo; /* FTS queries not yet listed */
  gboolean pairs;  /* the two-letter ones counted and in todo */
  guint pair;      /* the next to count (a × 26 + b) */
  GArray *pair_counts;
  GPtrArray *pair_matches;
  char *current;
  gint64 count;
  GArray *first; /* guint32: the places of the first matches so far, a heap (largest on top) */
  gint64 last_rowid;
} Work;

struct _CrmContactPrefixes
{
  GHashTable *results;        /* FTS query -> PrefixResult; NULL until the letters are worked out */
  CrmContactNameOrder *order; /* NULL until read */
  gint64 data_version;        /* the store's connection's, when they were worked out */
  guint64 generation;         /* moves with every change that could alter them */
  gboolean complete;          /* the two-letter ones too (they come second) */
  Work *work;
  guint source;
};

static void
prefix_result_free (gpointer data)
{
  PrefixResult *result = data;

  g_array_unref (result->ids);
  g_free (result);
}

static void
name_order_free (CrmContactNameOrder *order)
{
  if (order == NULL)
    return;
  g_free ((guint32 *) order->ranks);
  g_free ((guint32 *) order->ids);
  g_free (order);
}

static void
work_free (Work *work)
{
  if (work == NULL)
    return;
  g_free (work->ranks);
  g_clear_pointer (&work->order, g_array_unref);
  g_free (work->walk_name);
  g_ptr_array_unref (work->todo);
  g_array_unref (work->pair_counts);
  g_ptr_array_unref (work->pair_matches);
  g_free (work->current);
  g_clear_pointer (&work->first, g_array_unref);
  g_free (work);
}

static void
forget (CrmContactPrefixes *prefixes)
{
  g_clear_pointer (&prefixes->results, g_hash_table_unref);
  g_clear_pointer (&prefixes->order, name_order_free);
  g_clear_pointer (&prefixes->work, work_free);
  prefixes->complete = FALSE;
}

void
crm_contact_prefixes_free (CrmContactPrefixes *prefixes)
{
  if (prefixes == NULL)
    return;
  g_clear_handle_id (&prefixes->source, g_source_remove);
  forget (prefixes);
  g_free (prefixes);
}

static void
schedule (CrmStore *self, guint delay_ms);

static gint64
data_version (CrmStore *self)
{
  return crm_store_query_int64 (self->db, "PRAGMA data_version", NULL);
}

/* ---- The steps --------------------------------------------------------------------------------- */

static gboolean
out_of_time (gint64 deadline, guint *n_rows)
{
  return (++*n_rows % 256) == 0 && g_get_monotonic_time () >= deadline;
}

/* Reads the name index on from the last key, giving each contact its place; TRUE in @done at
 * its end. */
static gboolean
order_step (CrmStore *self, Work *work, gint64 deadline, gboolean *done)
{
  sqlite3_stmt *statement;
  guint n_rows = 0;
  int rc;

  *done = FALSE;
  if (work->walk_name == NULL)
    statement = crm_store_prepare (self,
                                   "SELECT id, name FROM contacts INDEXED BY contacts_by_name "
                                   "ORDER BY name COLLATE NOCASE, id",
                                   NULL);
  else
    {
      statement = crm_store_prepare (
          self,
          "SELECT id, name FROM contacts INDEXED BY contacts_by_name WHERE name COLLATE NOCASE "
          ">= ?1 AND (name COLLATE NOCASE > ?1 OR id > ?2) ORDER BY name COLLATE NOCASE, id",
          NULL);
      if (statement != NULL)
        {
          sqlite3_bind_text (statement, 1, work->walk_name, -1, SQLITE_TRANSIENT);
          sqlite3_bind_int64 (statement, 2, work->walk_id);
        }
    }
  if (statement == NULL)
    return FALSE;
  while ((rc = sqlite3_step (statement)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (statement, 0);
      guint32 place = work->order->len;

      /* Past the largest id read at the start, or placed twice: the file changed under the
       * walk. */
      if (id < 0 || id > work->max_id || work->ranks[id] != NO_RANK)
        {
          rc = SQLITE_ERROR;
          break;
        }
      work->ranks[id] = place;
      g_array_append_val (work->order, (guint32){ (guint32) id });
      if (out_of_time (deadline, &n_rows))
        {
          g_free (work->walk_name);
          work->walk_name = g_strdup ((const char *) sqlite3_column_text (statement, 1));
          if (work->walk_name == NULL)
            work->walk_name = g_strdup ("");
          work->walk_id = id;
          break;
        }
    }
  sqlite3_reset (statement);
  *done = rc == SQLITE_DONE;
  return rc == SQLITE_DONE || rc == SQLITE_ROW;
}

/* The next search from todo; FALSE when none is left. */
static gboolean
next_search (Work *work)
{
  g_clear_pointer (&work->current, g_free);
  if (work->todo->len == 0)
    return FALSE;
  work->current = g_ptr_array_steal_index (work->todo, 0);
  work->count = 0;
  work->last_rowid = 0;
  g_array_set_size (work->first, 0);
  work->step = STEP_LIST;
  return TRUE;
}

/* Keeps @place among the CRM_STORE_CONTACT_PREFIX_IDS smallest in @heap (largest on top). */
static void
keep_if_first (GArray *heap, guint32 place)
{
  guint32 *items;
  guint i = 0;

  if (heap->len < CRM_STORE_CONTACT_PREFIX_IDS)
    {
      /* Added at the bottom, moved up past smaller parents. */
      g_array_append_val (heap, place);
      items = (guint32 *) heap->data;
      for (i = heap->len - 1; i > 0 && items[(i - 1) / 2] < items[i]; i = (i - 1) / 2)
        {
          guint32 parent = items[(i - 1) / 2];

          items[(i - 1) / 2] = items[i];
          items[i] = parent;
        }
      return;
    }
  items = (guint32 *) heap->data;
  if (place >= items[0])
    return;
  /* In place of the largest, moved down past larger children. */
  items[0] = place;
  for (;;)
    {
      guint largest = i, left = 2 * i + 1, right = 2 * i + 2;
      guint32 swap;

      if (left < heap->len && items[left] > items[largest])
        largest = left;
      if (right < heap->len && items[right] > items[largest])
        largest = right;
      if (largest == i)
        break;
      swap = items[i];
      items[i] = items[largest];
      items[largest] = swap;
      i = largest;
    }
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
void
crm_contact_places_sort (GArray *places)
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

/* Lists the matches of the current search on from the last rowid, counting them and keeping
 * the first in name order; TRUE in @done when all are. */
static gboolean
list_step (
    CrmStore *self, Work *work, const CrmContactNameOrder *order, gint64 deadline, gboolean *done)
{
  sqlite3_stmt *statement = crm_store_prepare (
      self, "SELECT rowid FROM contacts_fts WHERE contacts_fts MATCH ?1 AND rowid > ?2", NULL);
  guint n_rows = 0;
  int rc;

  *done = FALSE;
  if (statement == NULL)
    return FALSE;
  sqlite3_bind_text (statement, 1, work->current, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (statement, 2, work->last_rowid);
  while ((rc = sqlite3_step (statement)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (statement, 0);

      work->last_rowid = id;
      /* A match that is no contact: the file changed under the work. */
      if (id < 0 || id > order->max_id || order->ranks[id] == NO_RANK)
        {
          rc = SQLITE_ERROR;
          break;
        }
      work->count++;
      keep_if_first (work->first, order->ranks[id]);
      if (out_of_time (deadline, &n_rows))
        break;
    }
  sqlite3_reset (statement);
  *done = rc == SQLITE_DONE;
  return rc == SQLITE_DONE || rc == SQLITE_ROW;
}

/* Counts two-letter beginnings on from work->pair; when all are, puts the most common of those
 * enough contacts match into todo. */
static gboolean
count_pairs_step (CrmStore *self, Work *work, guint32 n_contacts, gint64 deadline)
{
  sqlite3_stmt *statement = crm_store_prepare (
      self, "SELECT count(*) FROM contacts_fts WHERE contacts_fts MATCH ?1", NULL);

  if (statement == NULL)
    return FALSE;
  while (work->pair < 26 * 26 && g_get_monotonic_time () < deadline)
    {
      g_autofree char *match
          = g_strdup_printf ("\"%c%c\"*", 'a' + work->pair / 26, 'a' + work->pair % 26);
      gint64 count;

      sqlite3_reset (statement);
      sqlite3_bind_text (statement, 1, match, -1, SQLITE_TRANSIENT);
      if (sqlite3_step (statement) != SQLITE_ROW)
        {
          sqlite3_reset (statement);
          return FALSE;
        }
      count = sqlite3_column_int64 (statement, 0);
      work->pair++;
      if (count == 0 || count * TWO_LETTER_SHARE < (gint64) n_contacts)
        continue;
      g_ptr_array_add (work->pair_matches, g_steal_pointer (&match));
      g_array_append_val (work->pair_counts, count);
    }
  sqlite3_reset (statement);
  if (work->pair < 26 * 26)
    return TRUE;
  /* The most common first, as many as are kept. */
  for (guint n = 0; n < MAX_TWO_LETTER && work->pair_matches->len > 0; n++)
    {
      guint best = 0;

      for (guint i = 1; i < work->pair_matches->len; i++)
        if (g_array_index (work->pair_counts, gint64, i)
            > g_array_index (work->pair_counts, gint64, best))
          best = i;
      g_ptr_array_add (work->todo, g_ptr_array_steal_index (work->pair_matches, best));
      g_array_remove_index (work->pair_counts, best);
    }
  work->pairs = TRUE;
  return TRUE;
}

/* The name order read: kept, and usable from now on. */
static void
keep_order (CrmContactPrefixes *prefixes, Work *work)
{
  CrmContactNameOrder *order = g_new0 (CrmContactNameOrder, 1);

  order->max_id = work->max_id;
  order->ranks = g_steal_pointer (&work->ranks);
  order->n_contacts = work->order->len;
  order->ids = (const guint32 *) g_array_free (g_steal_pointer (&work->order), FALSE);
  prefixes->order = order;
  prefixes->data_version = work->data_version;
  prefixes->results = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, prefix_result_free);
}

/* The current search worked out: into the results. */
static void
keep_search (CrmContactPrefixes *prefixes, Work *work)
{
  PrefixResult *result = g_new0 (PrefixResult, 1);

  crm_contact_places_sort (work->first);
  result->count = work->count;
  result->ids = crm_contact_name_order_ids (prefixes->order, work->first);
  g_hash_table_replace (prefixes->results, g_steal_pointer (&work->current), result);
}

/* The work from its start; NULL when the ids are too far apart to give each a place. */
static Work *
work_new (CrmStore *self, CrmContactPrefixes *prefixes)
{
  gint64 max_id
      = crm_store_query_int64 (self->db, "SELECT ifnull (max (id), 0) FROM contacts", NULL);
  Work *work;

  if (max_id < 0 || max_id > MAX_ORDERED_ID)
    return NULL;
  work = g_new0 (Work, 1);
  work->generation = prefixes->generation;
  work->data_version = data_version (self);
  work->started = g_get_monotonic_time ();
  work->max_id = max_id;
  /* A place per id (ids that are no contact's keep none). */
  work->ranks = g_new (guint32, work->max_id + 1);
  memset (work->ranks, 0xff, (work->max_id + 1) * sizeof (guint32));
  work->order = g_array_new (FALSE, FALSE, sizeof (guint32));
  work->todo = g_ptr_array_new_with_free_func (g_free);
  work->pair_counts = g_array_new (FALSE, FALSE, sizeof (gint64));
  work->pair_matches = g_ptr_array_new_with_free_func (g_free);
  work->first = g_array_new (FALSE, FALSE, sizeof (guint32));
  for (char a = 'a'; a <= 'z'; a++)
    g_ptr_array_add (work->todo, g_strdup_printf ("\"%c\"*", a));
  work->step = STEP_ORDER;
  return work;
}

static gboolean
on_step (gpointer data)
{
  CrmStore *self = data;
  CrmContactPrefixes *prefixes = self->contact_prefixes;
  Work *work = prefixes->work;
  gint64 deadline = g_get_monotonic_time () + STEP_BUDGET_US;
  gboolean ok = TRUE;
  gboolean done = FALSE;

  prefixes->source = 0;
  if (self->transaction_depth > 0)
    {
      schedule (self, self->contact_prefixes_delay_ms);
      return G_SOURCE_REMOVE;
    }
  if (work == NULL)
    {
      forget (prefixes);
      work = prefixes->work = work_new (self, prefixes);
      if (work == NULL)
        {
          g_debug ("Contact ids too far apart: no searches worked out ahead");
          return G_SOURCE_REMOVE;
        }
    }
  /* Overtaken by a change, or a write from elsewhere: again, a while after. */
  if (work->generation != prefixes->generation || work->data_version != data_version (self))
    {
      forget (prefixes);
      schedule (self, self->contact_prefixes_delay_ms);
      return G_SOURCE_REMOVE;
    }
  if (work->step == STEP_ORDER)
    {
      ok = order_step (self, work, deadline, &done);
      if (ok && done)
        {
          keep_order (prefixes, work);
          g_debug ("Contacts' name order read: %u, %.0f ms after the start",
                   prefixes->order->n_contacts, (g_get_monotonic_time () - work->started) / 1000.0);
          next_search (work);
          done = FALSE;
        }
    }
  else if (work->step == STEP_COUNT_PAIRS)
    {
      ok = count_pairs_step (self, work, prefixes->order->n_contacts, deadline);
      if (ok && work->pairs && !next_search (work))
        done = TRUE;
    }
  else
    {
      ok = list_step (self, work, prefixes->order, deadline, &done);
      if (ok && done)
        {
          keep_search (prefixes, work);
          done = FALSE;
          if (!next_search (work))
            {
              if (work->pairs)
                done = TRUE;
              else
                work->step = STEP_COUNT_PAIRS;
            }
        }
    }
  if (!ok)
    {
      /* Not read (the file busy, say), or changed under the work: again, a while after. */
      forget (prefixes);
      schedule (self, self->contact_prefixes_delay_ms);
      return G_SOURCE_REMOVE;
    }
  if (done)
    {
      g_debug ("Contact searches worked out ahead: %u, %.0f ms after the start",
               g_hash_table_size (prefixes->results),
               (g_get_monotonic_time () - work->started) / 1000.0);
      prefixes->complete = TRUE;
      g_clear_pointer (&prefixes->work, work_free);
      return G_SOURCE_REMOVE;
    }
  prefixes->source = g_idle_add_full (G_PRIORITY_LOW, on_step, self, NULL);
  return G_SOURCE_REMOVE;
}

static void
schedule (CrmStore *self, guint delay_ms)
{
  CrmContactPrefixes *prefixes = self->contact_prefixes;

  if (prefixes->source != 0)
    g_source_remove (prefixes->source);
  prefixes->source = g_timeout_add_full (G_PRIORITY_LOW, delay_ms, on_step, self, NULL);
}

void
crm_store_precompute_contact_prefixes (CrmStore *self)
{
  g_return_if_fail (CRM_IS_STORE (self));

  if (self->contact_prefixes != NULL)
    return;
  self->contact_prefixes = g_new0 (CrmContactPrefixes, 1);
  schedule (self, 0);
}

gboolean
crm_store_get_contact_prefixes_ready (CrmStore *self)
{
  g_return_val_if_fail (CRM_IS_STORE (self), FALSE);
  return self->contact_prefixes != NULL && self->contact_prefixes->complete;
}

void
crm_store_contact_prefixes_changed (CrmStore *self)
{
  CrmContactPrefixes *prefixes = self->contact_prefixes;

  if (prefixes == NULL)
    return;
  forget (prefixes);
  prefixes->generation++;
  schedule (self, self->contact_prefixes_delay_ms);
}

/* The key of @match: its letters folded (the search index folds ASCII case too). */
static gboolean
prefix_key (const char *match, char key[8])
{
  gsize length = strlen (match);

  /* "\"a\"*" or "\"ab\"*". */
  if (length < 4 || length > 5 || match[0] != '"' || strcmp (match + length - 2, "\"*") != 0)
    return FALSE;
  for (gsize i = 0; i < length; i++)
    key[i] = g_ascii_tolower (match[i]);
  key[length] = '\0';
  for (gsize i = 1; i < length - 2; i++)
    if (key[i] < 'a' || key[i] > 'z')
      return FALSE;
  return TRUE;
}

gboolean
crm_store_get_contact_prefix (CrmStore *self, const char *match, gint64 *count, const GArray **ids)
{
  CrmContactPrefixes *prefixes = self->contact_prefixes;
  PrefixResult *result;
  char key[8];

  if (prefixes == NULL || prefixes->results == NULL || self->transaction_depth > 0
      || !prefix_key (match, key))
    return FALSE;
  result = g_hash_table_lookup (prefixes->results, key);
  if (result == NULL)
    return FALSE;
  if (prefixes->data_version != crm_store_query_int64 (self->db, "PRAGMA data_version", NULL))
    {
      crm_store_contact_prefixes_changed (self);
      return FALSE;
    }
  if (count != NULL)
    *count = result->count;
  if (ids != NULL)
    *ids = result->ids;
  return TRUE;
}

const CrmContactNameOrder *
crm_store_get_contact_name_order (CrmStore *self)
{
  CrmContactPrefixes *prefixes = self->contact_prefixes;

  if (prefixes == NULL || prefixes->order == NULL || self->transaction_depth > 0)
    return NULL;
  if (prefixes->data_version != crm_store_query_int64 (self->db, "PRAGMA data_version", NULL))
    {
      crm_store_contact_prefixes_changed (self);
      return NULL;
    }
  return prefixes->order;
}

typedef struct
{
  gint64 count;
  GArray *first;
} Counted;

static void
count_and_keep (guint32 place, gpointer data)
{
  Counted *counted = data;

  counted->count++;
  keep_if_first (counted->first, place);
}

gboolean
crm_store_work_out_contact_prefix (CrmStore *self, const char *match)
{
  CrmContactPrefixes *prefixes = self->contact_prefixes;
  const CrmContactNameOrder *order = crm_store_get_contact_name_order (self);
  g_autoptr (GArray) first = NULL;
  Counted counted = { 0 };
  PrefixResult *result;
  char key[8];

  if (order == NULL || !prefix_key (match, key))
    return FALSE;
  if (g_hash_table_contains (prefixes->results, key))
    return TRUE;
  first = counted.first = g_array_new (FALSE, FALSE, sizeof (guint32));
  if (!crm_contact_name_order_list (self, order, key, count_and_keep, &counted, NULL))
    return FALSE;
  crm_contact_places_sort (first);
  result = g_new0 (PrefixResult, 1);
  result->count = counted.count;
  result->ids = crm_contact_name_order_ids (order, first);
  g_hash_table_replace (prefixes->results, g_strdup (key), result);
  return TRUE;
}

gboolean
crm_contact_name_order_list (CrmStore *self,
                             const CrmContactNameOrder *order,
                             const char *match,
                             CrmContactPlaceFunc each,
                             gpointer data,
                             GError **error)
{
  sqlite3_stmt *statement = crm_store_prepare (
      self, "SELECT rowid FROM contacts_fts WHERE contacts_fts MATCH ?1", error);
  int rc;

  if (statement == NULL)
    return FALSE;
  sqlite3_bind_text (statement, 1, match, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (statement)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (statement, 0);

      if (id < 0 || id > order->max_id || order->ranks[id] == NO_RANK)
        {
          sqlite3_reset (statement);
          return FALSE;
        }
      each (order->ranks[id], data);
    }
  sqlite3_reset (statement);
  if (rc != SQLITE_DONE)
    {
      crm_store_set_error_from_db (self, error, NULL);
      return FALSE;
    }
  return TRUE;
}

GArray *
crm_contact_name_order_ids (const CrmContactNameOrder *order, const GArray *places)
{
  GArray *ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), places->len);

  for (guint i = 0; i < places->len; i++)
    {
      gint64 id = order->ids[g_array_index (places, guint32, i)];

      g_array_append_val (ids, id);
    }
  return ids;
}

/* crm-store-contact-prefixes.c — the count and first page of the shortest searches, worked out
 * ahead.
 *
 * The first letter typed into the search is its slowest keystroke: at a million contacts a
 * letter matches 10,000 to 350,000 of them, too many to sort and, for a letter whose names sit
 * together late in the order ("x", "q"), too few to find a page quickly by walking the name
 * index (30 to 65 ms). The most common two-letter beginnings ("an", "li") cost as much. So once
 * asked (crm_store_precompute_contact_prefixes, which the contact list calls after a frame is
 * painted), the store works out, a few ms at a time in idle callbacks of low priority, for each
 * letter and then each common two-letter beginning, how many contacts the search matches and
 * the ids of the first CRM_STORE_CONTACT_PREFIX_IDS of them in name order; a search that is
 * just one of them (the list by name, from its top) is then read from them: a count without a
 * query, a page by its ids. (A thread with a connection of its own was tried first: connections
 * it opened while the store committed found the file "not a database", over and over.)
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
/* Prefixes whose match lists (a bit per contact) are held at once while the name index is
 * walked: at a million contacts, 125 KB each. */
#define PREFIXES_PER_WALK 26
/* The time of one step, well within a frame. */
#define STEP_BUDGET_US 4000

typedef struct
{
  gint64 count;
  GArray *ids; /* gint64: the first ones in name order */
} PrefixResult;

/* The searches being worked out: the letters first, then the common two-letter beginnings
 * (once counted), PREFIXES_PER_WALK at a time: each one's matches listed (a bit per id), then
 * the name index walked until each has its first ids. Each step reads from where the last
 * one stopped (a rowid, a key in the name order), in its own short read. */
typedef enum
{
  STEP_LIST,       /* listing the matches of group[current] */
  STEP_WALK,       /* walking the name index for the group */
  STEP_COUNT_PAIRS /* counting the two-letter beginnings, from pair */
} Step;

typedef struct
{
  guint64 generation;
  gint64 data_version;
  gint64 started; /* monotonic µs */
  gint64 max_id;
  GPtrArray *todo; /* FTS queries not yet in a group */
  gboolean pairs;  /* the two-letter ones counted and in todo */
  guint pair;      /* the next to count (a × 26 + b) */
  GArray *pair_counts;
  GPtrArray *pair_matches;
  Step step;
  char *group[PREFIXES_PER_WALK];
  guint8 *bits[PREFIXES_PER_WALK];
  gint64 counts[PREFIXES_PER_WALK];
  GArray *ids[PREFIXES_PER_WALK];
  guint n_group;
  guint current;
  gint64 last_rowid;
  char *walk_name; /* NULL: from the start */
  gint64 walk_id;
  guint n_wanting;
} Work;

struct _CrmContactPrefixes
{
  GHashTable *results; /* FTS query -> PrefixResult; NULL until the letters are worked out */
  gint64 data_version; /* the store's connection's, when they were worked out */
  guint64 generation;  /* moves with every change that could alter them */
  gboolean complete;   /* the two-letter ones too (they come second) */
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
work_clear_group (Work *work)
{
  for (guint i = 0; i < work->n_group; i++)
    {
      g_clear_pointer (&work->group[i], g_free);
      g_clear_pointer (&work->bits[i], g_free);
      g_clear_pointer (&work->ids[i], g_array_unref);
    }
  work->n_group = 0;
  g_clear_pointer (&work->walk_name, g_free);
}

static void
work_free (Work *work)
{
  if (work == NULL)
    return;
  work_clear_group (work);
  g_ptr_array_unref (work->todo);
  g_array_unref (work->pair_counts);
  g_ptr_array_unref (work->pair_matches);
  g_free (work);
}

void
crm_contact_prefixes_free (CrmContactPrefixes *prefixes)
{
  if (prefixes == NULL)
    return;
  g_clear_handle_id (&prefixes->source, g_source_remove);
  g_clear_pointer (&prefixes->work, work_free);
  g_clear_pointer (&prefixes->results, g_hash_table_unref);
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

/* The next group from todo; FALSE when none is left. */
static gboolean
next_group (Work *work)
{
  work_clear_group (work);
  while (work->n_group < PREFIXES_PER_WALK && work->todo->len > 0)
    {
      guint i = work->n_group++;

      work->group[i] = g_ptr_array_steal_index (work->todo, 0);
      work->bits[i] = g_malloc0 (work->max_id / 8 + 1);
      work->ids[i] = g_array_new (FALSE, FALSE, sizeof (gint64));
      work->counts[i] = 0;
    }
  work->step = STEP_LIST;
  work->current = 0;
  work->last_rowid = 0;
  work->n_wanting = 0;
  return work->n_group > 0;
}

/* Lists the matches of the group's current search, on from the last rowid. */
static gboolean
list_step (CrmStore *self, Work *work, gint64 deadline)
{
  sqlite3_stmt *statement = crm_store_prepare (
      self, "SELECT rowid FROM contacts_fts WHERE contacts_fts MATCH ?1 AND rowid > ?2", NULL);
  guint i = work->current;
  guint n_rows = 0;
  int rc;

  if (statement == NULL)
    return FALSE;
  sqlite3_bind_text (statement, 1, work->group[i], -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (statement, 2, work->last_rowid);
  while ((rc = sqlite3_step (statement)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (statement, 0);

      work->last_rowid = id;
      if (id >= 0 && id <= work->max_id)
        {
          work->bits[i][id / 8] |= (guint8) (1u << (id % 8));
          work->counts[i]++;
        }
      if (out_of_time (deadline, &n_rows))
        break;
    }
  sqlite3_reset (statement);
  if (rc == SQLITE_DONE)
    {
      if (work->counts[i] > 0)
        work->n_wanting++;
      if (++work->current == work->n_group)
        work->step = STEP_WALK;
      work->last_rowid = 0;
    }
  return rc == SQLITE_DONE || rc == SQLITE_ROW;
}

/* Walks the name index on from the last key, giving each search of the group the ids it
 * matches until it has enough; TRUE in @done when they all have. */
static gboolean
walk_step (CrmStore *self, Work *work, gint64 deadline, gboolean *done)
{
  sqlite3_stmt *statement;
  guint n_rows = 0;
  int rc = SQLITE_DONE;

  *done = FALSE;
  if (work->n_wanting > 0 && work->walk_name == NULL)
    statement = crm_store_prepare (self,
                                   "SELECT id, name FROM contacts INDEXED BY contacts_by_name "
                                   "ORDER BY name COLLATE NOCASE, id",
                                   NULL);
  else if (work->n_wanting > 0)
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
  else
    {
      *done = TRUE;
      return TRUE;
    }
  if (statement == NULL)
    return FALSE;
  while (work->n_wanting > 0 && (rc = sqlite3_step (statement)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (statement, 0);

      if (id >= 0 && id <= work->max_id)
        for (guint i = 0; i < work->n_group; i++)
          {
            gint64 wanted = MIN (work->counts[i], CRM_STORE_CONTACT_PREFIX_IDS);

            if ((gint64) work->ids[i]->len >= wanted || !(work->bits[i][id / 8] & (1u << (id % 8))))
              continue;
            g_array_append_val (work->ids[i], id);
            if ((gint64) work->ids[i]->len == wanted)
              work->n_wanting--;
          }
      if (work->n_wanting > 0 && out_of_time (deadline, &n_rows))
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
  /* At the end of the index with searches short of ids: the file changed under the walk. */
  if (rc == SQLITE_DONE && work->n_wanting > 0)
    return FALSE;
  *done = work->n_wanting == 0;
  return rc == SQLITE_DONE || rc == SQLITE_ROW;
}

/* Counts two-letter beginnings on from work->pair; when all are, puts the most common of those
 * enough contacts match into todo. */
static gboolean
count_pairs_step (CrmStore *self, Work *work, gint64 deadline)
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
      if (count == 0 || count * TWO_LETTER_SHARE < work->max_id)
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
  if (!next_group (work))
    work->step = STEP_WALK; /* none: done at once */
  return TRUE;
}

/* The group worked out: into the results. */
static void
keep_group (CrmContactPrefixes *prefixes, Work *work)
{
  if (prefixes->results == NULL)
    {
      prefixes->results
          = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, prefix_result_free);
      prefixes->data_version = work->data_version;
    }
  for (guint i = 0; i < work->n_group; i++)
    {
      PrefixResult *result = g_new0 (PrefixResult, 1);

      result->count = work->counts[i];
      result->ids = g_steal_pointer (&work->ids[i]);
      g_hash_table_replace (prefixes->results, g_steal_pointer (&work->group[i]), result);
    }
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
      work = prefixes->work = g_new0 (Work, 1);
      work->generation = prefixes->generation;
      work->data_version = data_version (self);
      work->started = g_get_monotonic_time ();
      work->max_id
          = crm_store_query_int64 (self->db, "SELECT ifnull (max (id), 0) FROM contacts", NULL);
      work->todo = g_ptr_array_new_with_free_func (g_free);
      work->pair_counts = g_array_new (FALSE, FALSE, sizeof (gint64));
      work->pair_matches = g_ptr_array_new_with_free_func (g_free);
      for (char a = 'a'; a <= 'z'; a++)
        g_ptr_array_add (work->todo, g_strdup_printf ("\"%c\"*", a));
      next_group (work);
    }
  /* Overtaken by a change, or a write from elsewhere: again, a while after. */
  if (work->generation != prefixes->generation || work->data_version != data_version (self))
    {
      g_clear_pointer (&prefixes->work, work_free);
      schedule (self, self->contact_prefixes_delay_ms);
      return G_SOURCE_REMOVE;
    }
  if (work->step == STEP_COUNT_PAIRS)
    ok = count_pairs_step (self, work, deadline);
  else if (work->step == STEP_LIST)
    ok = list_step (self, work, deadline);
  else
    ok = walk_step (self, work, deadline, &done);
  if (done)
    {
      keep_group (prefixes, work);
      g_debug ("Contact searches worked out ahead: %u, %.0f ms after the start",
               g_hash_table_size (prefixes->results),
               (g_get_monotonic_time () - work->started) / 1000.0);
      if (!next_group (work))
        {
          if (work->pairs)
            {
              prefixes->complete = TRUE;
              g_clear_pointer (&prefixes->work, work_free);
              return G_SOURCE_REMOVE;
            }
          work->step = STEP_COUNT_PAIRS;
        }
    }
  if (!ok)
    {
      /* Not read (the file busy, say): again, a while after. */
      g_clear_pointer (&prefixes->work, work_free);
      schedule (self, self->contact_prefixes_delay_ms);
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
  g_clear_pointer (&prefixes->results, g_hash_table_unref);
  g_clear_pointer (&prefixes->work, work_free);
  prefixes->complete = FALSE;
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

/* crm-store-contact-matches.c — the contacts a search alone lists, remembered in list order.
 *
 * A search that few contacts match is read by sorting its matches (see choose_plan in
 * crm-store-contact-list.c): every match's row is read for its sort key, which at a million
 * contacts costs 25 to 30 ms for 8,000 matches, and as much again for each letter typed on. So
 * the store remembers the last such lists, every match's id in order (at most 32,000 ids), and
 * the next search that can only narrow it (each of its words starting with the word at the
 * same place in the last search, and perhaps more words) is read from it: its matches are
 * listed by the search index alone (in rowid order, no row read; only its new or longer words
 * asked) and kept in the order they had. A page is then read by the ids on it. The last
 * MAX_REMEMBERED lists are kept, so a search taken back (a letter deleted) finds its own.
 * (The searches of one or two letters are worked out ahead: crm-store-contact-prefixes.c.)
 *
 * The lists are forgotten when a change could make it wrong (crm_store_contact_matches_changed,
 * before the change signals: a contact added or deleted, a searched field or the sort key of
 * one edited, a company renamed or deleted, a bulk write) or a write from another connection
 * came (the file's data_version moved). Other writes keep it: a score pass rewrites every
 * contact's score while the user types. */
#include "config.h"

#include <string.h>

#include "crm-store-private.h"

/* Lists remembered, newest first, at most this many (a search typed on and taken back finds
 * the one it had). */
#define MAX_REMEMBERED 4

struct _CrmContactMatches
{
  CrmContactSort sort;
  char *match; /* the FTS query (crm_store_build_fts_query) */
  GArray *ids; /* gint64, in list order */
  gint64 data_version;
  CrmContactMatches *next; /* the one remembered before */
};

void
crm_contact_matches_free (CrmContactMatches *matches)
{
  while (matches != NULL)
    {
      CrmContactMatches *next = matches->next;

      g_free (matches->match);
      g_array_unref (matches->ids);
      g_free (matches);
      matches = next;
    }
}

static gint64
data_version (CrmStore *self)
{
  return crm_store_query_int64 (self->db, "PRAGMA data_version", NULL);
}

/* The terms of an FTS query as crm_store_build_fts_query writes it: each quoted (its quotes
 * doubled, so no term holds the sequence quote, star, blank, quote) and starred, one blank
 * apart. Each term is returned as written, without its opening quote. */
static char **
split_terms (const char *match)
{
  return g_strsplit (match[0] == '"' ? match + 1 : match, "\"* \"", -1);
}

/* Whether every contact that @match matches is one that @previous matches: each term of
 * @previous starts the term at the same place in @match (a word typed on; the search index
 * matches each term as a prefix, and a longer prefix matches fewer words), and @match may
 * have more terms (all of them must match). */
static gboolean
narrows (const char *previous, const char *match)
{
  g_auto (GStrv) before = split_terms (previous);
  g_auto (GStrv) after = split_terms (match);
  guint n_before = g_strv_length (before);

  if (g_strv_length (after) < n_before)
    return FALSE;
  for (guint i = 0; i < n_before; i++)
    {
      /* The last term still ends in its closing quote and star: compare without them. */
      gsize length = strlen (before[i]);

      if (i == n_before - 1 && g_str_has_suffix (before[i], "\"*"))
        length -= 2;
      if (strncmp (before[i], after[i], length) != 0)
        return FALSE;
    }
  return TRUE;
}

static int
compare_ids (gconstpointer a, gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return (x > y) - (x < y);
}

/* The terms of @match that are not those of @previous (which narrows to it), as an FTS query:
 * the contacts remembered for @previous match its terms, so of them those that @match matches
 * are those these terms match. ("Anna"* "Schmi"* after "Anna"* "Schm"*: "Schmi"* alone, 8,000
 * contacts at a million, not the 50,000 of "Anna"* as well.) But a new word of one or two
 * letters matches a good part of every contact ("s"*: 250,000 at a million, 50 ms to list),
 * where the whole of @match, whose other words match few, is listed in a few ms: then
 * @match. */
static char *
dup_new_terms (const char *previous, const char *match)
{
  g_auto (GStrv) before = split_terms (previous);
  g_auto (GStrv) after = split_terms (match);
  guint n_before = g_strv_length (before);
  GString *query = g_string_new (NULL);

  for (guint i = 0; after[i] != NULL; i++)
    {
      if (i < n_before && strcmp (before[i], after[i]) == 0)
        continue;
      /* The term as written, with its closing quote and star when last: its letters. */
      if (g_utf8_strlen (after[i], -1) - (g_str_has_suffix (after[i], "\"*") ? 2 : 0) <= 2)
        {
          g_string_assign (query, match);
          break;
        }
      if (query->len > 0)
        g_string_append_c (query, ' ');
      g_string_append_c (query, '"');
      g_string_append (query, after[i]);
      if (!g_str_has_suffix (after[i], "\"*"))
        g_string_append (query, "\"*");
    }
  if (query->len == 0)
    g_string_append (query, match);
  return g_string_free (query, FALSE);
}

/* The contacts of @matches that @match matches, in their order; NULL on an error. */
static GArray *
narrow (CrmStore *self, const CrmContactMatches *matches, const char *match)
{
  g_autoptr (GArray) found = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr (GArray) kept = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree char *new_terms = dup_new_terms (matches->match, match);
  sqlite3_stmt *statement;
  int rc;

  statement = crm_store_prepare (
      self, "SELECT rowid FROM contacts_fts WHERE contacts_fts MATCH ?1 ORDER BY rowid", NULL);
  if (statement == NULL)
    return NULL;
  sqlite3_bind_text (statement, 1, new_terms, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (statement)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (statement, 0);

      g_array_append_val (found, id);
    }
  sqlite3_reset (statement);
  if (rc != SQLITE_DONE)
    return NULL;

  /* An empty GArray has no data pointer, which bsearch may not be given. */
  for (guint i = 0; found->len > 0 && i < matches->ids->len; i++)
    if (bsearch (&g_array_index (matches->ids, gint64, i), found->data, found->len, sizeof (gint64),
                 compare_ids)
        != NULL)
      g_array_append_val (kept, g_array_index (matches->ids, gint64, i));
  return g_steal_pointer (&kept);
}

const GArray *
crm_store_get_contact_matches (CrmStore *self, const char *match, int sort)
{
  CrmContactMatches *matches;
  GArray *ids;

  if (self->contact_matches == NULL)
    return NULL;
  if (self->contact_matches->data_version != data_version (self))
    {
      g_clear_pointer (&self->contact_matches, crm_contact_matches_free);
      return NULL;
    }
  for (matches = self->contact_matches; matches != NULL; matches = matches->next)
    if ((sort < 0 || matches->sort == (CrmContactSort) sort) && strcmp (matches->match, match) == 0)
      return matches->ids;
  /* Narrowed from the newest that it narrows, and remembered too. */
  for (matches = self->contact_matches; matches != NULL; matches = matches->next)
    if ((sort < 0 || matches->sort == (CrmContactSort) sort) && narrows (matches->match, match))
      break;
  if (matches == NULL || (ids = narrow (self, matches, match)) == NULL)
    return NULL;
  crm_store_remember_contact_matches (self, matches->sort, match, ids);
  return self->contact_matches->ids;
}

void
crm_store_remember_contact_matches (CrmStore *self,
                                    CrmContactSort sort,
                                    const char *match,
                                    GArray *ids)
{
  CrmContactMatches *matches = g_new0 (CrmContactMatches, 1);
  CrmContactMatches *last = matches;
  guint n = 1;

  matches->sort = sort;
  matches->match = g_strdup (match);
  matches->ids = ids;
  matches->data_version = data_version (self);
  matches->next = self->contact_matches;
  self->contact_matches = matches;
  /* The oldest beyond MAX_REMEMBERED are forgotten. */
  while (last->next != NULL && n < MAX_REMEMBERED)
    last = last->next, n++;
  g_clear_pointer (&last->next, crm_contact_matches_free);
}

GPtrArray *
crm_store_fetch_contacts_by_id (CrmStore *self, const gint64 *ids, guint n_ids, GError **error)
{
  const CrmEntityInfo *info = crm_store_get_entity_info (CRM_ENTITY_CONTACT);
  g_autoptr (GPtrArray) records
      = g_ptr_array_new_with_free_func ((GDestroyNotify) crm_contact_record_free);
  g_autoptr (GString) text = g_string_new ("SELECT id, uuid");
  sqlite3_stmt *statement;

  for (guint i = 0; i < info->n_fields; i++)
    g_string_append_printf (text, ", %s", info->fields[i].column);
  g_string_append (text, " FROM contacts WHERE id = ?1");
  statement = crm_store_prepare (self, text->str, error);
  if (statement == NULL)
    return NULL;
  for (guint i = 0; i < n_ids; i++)
    {
      int rc;

      sqlite3_reset (statement);
      sqlite3_bind_int64 (statement, 1, ids[i]);
      rc = sqlite3_step (statement);
      if (rc == SQLITE_ROW)
        {
          CrmContactRecord *contact = crm_contact_record_new ();

          crm_store_read_record (info, statement, 0, contact);
          g_ptr_array_add (records, contact);
        }
      else if (rc != SQLITE_DONE)
        {
          crm_store_set_error_from_db (self, error, NULL);
          sqlite3_reset (statement);
          return NULL;
        }
    }
  sqlite3_reset (statement);
  return g_steal_pointer (&records);
}

/* The fields the search index reads (its triggers' columns). */
static gboolean
searched_fields_differ (const CrmContactRecord *a, const CrmContactRecord *b)
{
  return g_strcmp0 (a->name, b->name) || g_strcmp0 (a->email, b->email)
         || g_strcmp0 (a->phone, b->phone) || g_strcmp0 (a->title, b->title)
         || g_strcmp0 (a->notes, b->notes) || a->company_id != b->company_id;
}

void
crm_store_contact_matches_changed (
    CrmStore *self, CrmEntity entity, CrmChangeAction action, gint64 id, gconstpointer old_record)
{
  CrmContactMatches *matches = self->contact_matches;
  g_autoptr (CrmContactRecord) contact = NULL;
  CrmContactSortKey old_key, new_key;

  if (matches == NULL && self->contact_prefixes == NULL)
    return;
  if (entity == CRM_ENTITY_COMPANY && action != CRM_CHANGE_INSERT)
    goto forget;
  if (entity != CRM_ENTITY_CONTACT)
    return;
  if (action != CRM_CHANGE_UPDATE || old_record == NULL)
    goto forget;
  contact = crm_store_get_contact (self, id, NULL);
  /* The searches worked out ahead are in name order, whose key is a searched field. */
  if (contact == NULL || searched_fields_differ (old_record, contact))
    goto forget;
  for (; matches != NULL; matches = matches->next)
    {
      crm_contact_sort_key_init (&old_key, matches->sort, old_record);
      crm_contact_sort_key_init (&new_key, matches->sort, contact);
      if (crm_contact_sort_compare (matches->sort, &old_key, &new_key) != 0)
        {
          g_clear_pointer (&self->contact_matches, crm_contact_matches_free);
          return;
        }
    }
  return;

forget:
  g_clear_pointer (&self->contact_matches, crm_contact_matches_free);
  crm_store_contact_prefixes_changed (self);
}

/* ---- Matches in name order ---------------------------------------------------------------- */

/* The contacts FTS query @match matches, in name order, from the search index and the name
 * order (crm-store-contact-prefixes.c) alone: no row read (at a million contacts, 8,000 matches
 * in 1 to 2 ms, against 25 for reading each one's name). NULL when the name order is not at
 * hand, or with @error set. */
static void
append_place (guint32 place, gpointer data)
{
  g_array_append_val ((GArray *) data, place);
}

GArray *
crm_store_dup_contact_matches_by_name (CrmStore *self, const char *match, GError **error)
{
  const CrmContactNameOrder *order = crm_store_get_contact_name_order (self);
  g_autoptr (GArray) places = NULL;

  if (order == NULL)
    return NULL;
  places = g_array_new (FALSE, FALSE, sizeof (guint32));
  /* A match that is no contact (the order is kept true to the file, so never): by SQL. */
  if (!crm_contact_name_order_list (self, order, match, append_place, places, error))
    return NULL;
  crm_contact_places_sort (places);
  return crm_contact_name_order_ids (order, places);
}

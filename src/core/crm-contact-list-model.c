/* crm-contact-list-model.c — contacts paged from SQL.
 *
 * The model knows its row count and fetches rows a page at a time: by keyset after the last
 * row of the nearest page before it that is at hand (cheap at any depth), skipping the rows
 * between, else by offset from the first. At most MAX_PAGES pages are kept, least recently
 * used first out.
 *
 * The items are the contacts a CrmContactFilter passes (search words included). A store change
 * is turned into exact items-changed signals: whether the changed row was in the list before
 * and is now, and its place before and after, from its sort key. A record answers most of the
 * filter by itself (crm_contact_filter_matches_record); what it cannot (a tag, a next step,
 * search words) is asked of the store as it is now, and as it was when the change could not
 * have touched it. When it could have (a tag added, a searched field edited), the count before
 * and after tells. A commit that changed several contacts, or a company's name under a
 * company order or a search, replaces the whole list once. */
#include "config.h"

#include <string.h>

#include "crm-contact-list-model.h"
#include "crm-contact.h"
#include "crm-store-schema.h"

#define PAGE_SIZE CRM_CONTACT_LIST_MODEL_PAGE_SIZE
#define MAX_PAGES CRM_CONTACT_LIST_MODEL_MAX_PAGES
/* A move past at most this many contacts (listed or not) is counted row by row. */
#define SHORT_MOVE 20000
/* A new list up to this long replaces the old one in a single items-changed (see reset): four
 * pages, about what a list view shows and keeps ready. */
#define SMALL_RESET_ITEMS (4 * PAGE_SIZE)
#define READ_AHEAD_PAGES CRM_CONTACT_LIST_MODEL_READ_AHEAD_PAGES

typedef struct
{
  guint index;
  GPtrArray *items;       /* CrmContact */
  CrmContactRecord *last; /* the last row's record, for the next page's keyset */
  GList *lru_link;
} Page;

struct _CrmContactListModel
{
  GObject parent_instance;

  CrmRepository *repository;
  CrmContactSort sort;
  /* Never NULL; its text is the search. Its now is pinned at each reset when pin_now. */
  CrmContactFilter *filter;
  gboolean pin_now;
  /* The filter's criteria that only the store answers (tag, next step, search), or NULL. */
  CrmContactFilter *store_filter;
  guint n_items;
  /* Every contact, listed or not, G_MAXUINT until needed (see place_of). */
  guint n_all;
  GHashTable *pages; /* page index -> Page */
  GQueue lru;        /* page indexes, most recent first */
  /* While a moved row is between its removal and its insertion signals, positions at or after
   * this one are shifted by one to hide the row's new place; -1 otherwise. */
  int hidden_position;
  /* The furthest position read since the list was last replaced (see reset). */
  guint max_read;
  /* The commit batch the list was last replaced in: its other signals are already in. */
  guint64 reset_batch;
  gulong changed_handler;
};

static void
crm_contact_list_model_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CrmContactListModel,
                               crm_contact_list_model,
                               G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      crm_contact_list_model_list_model_init))

static void
page_free (gpointer data)
{
  Page *page = data;

  g_ptr_array_unref (page->items);
  g_clear_pointer (&page->last, crm_contact_record_free);
  g_free (page);
}

static void
drop_pages (CrmContactListModel *self)
{
  g_hash_table_remove_all (self->pages);
  g_queue_clear (&self->lru);
}

static void
touch_page (CrmContactListModel *self, Page *page)
{
  if (page->lru_link != NULL)
    g_queue_unlink (&self->lru, page->lru_link);
  else
    page->lru_link = g_list_alloc ();
  page->lru_link->data = GUINT_TO_POINTER (page->index);
  g_queue_push_head_link (&self->lru, page->lru_link);
}

static void
evict_old_pages (CrmContactListModel *self)
{
  while (self->lru.length > MAX_PAGES)
    {
      GList *link = g_queue_pop_tail_link (&self->lru);
      guint index = GPOINTER_TO_UINT (link->data);
      Page *page = g_hash_table_lookup (self->pages, GUINT_TO_POINTER (index));

      page->lru_link = NULL;
      g_list_free_1 (link);
      g_hash_table_remove (self->pages, GUINT_TO_POINTER (index));
    }
}

static CrmStore *
store_of (CrmContactListModel *self)
{
  return crm_repository_get_store (self->repository);
}

/* The nearest page before @index held whole, to read on from; NULL when none. */
static Page *
nearest_page_before (CrmContactListModel *self, guint index)
{
  GHashTableIter iter;
  gpointer value;
  Page *nearest = NULL;

  g_hash_table_iter_init (&iter, self->pages);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      Page *page = value;

      if (page->index < index && page->items->len == PAGE_SIZE && page->last != NULL
          && (nearest == NULL || page->index > nearest->index))
        nearest = page;
    }
  return nearest;
}

/* Page @index made of @records from @from on (a page's worth at most). */
static Page *
add_page (CrmContactListModel *self, guint index, GPtrArray *records, guint from)
{
  guint to = MIN (records->len, from + PAGE_SIZE);
  Page *page = g_new0 (Page, 1);

  page->index = index;
  page->items = g_ptr_array_new_full (to - from, g_object_unref);
  for (guint i = from; i < to; i++)
    g_ptr_array_add (page->items, crm_repository_adopt_record (self->repository, CRM_ENTITY_CONTACT,
                                                               records->pdata[i]));
  if (to > from)
    page->last = crm_contact_record_copy (records->pdata[to - 1]);
  g_hash_table_insert (self->pages, GUINT_TO_POINTER (index), page);
  touch_page (self, page);
  return page;
}

static Page *
fetch_page (CrmContactListModel *self, guint index)
{
  CrmStore *store = store_of (self);
  Page *previous = nearest_page_before (self, index);
  g_autoptr (GPtrArray) records = NULL;
  g_autoptr (GError) error = NULL;
  Page *page;

  guint start = index * PAGE_SIZE;
  guint length = MIN (PAGE_SIZE, self->n_items - MIN (start, self->n_items));
  guint from_previous = previous != NULL ? start - (previous->index + 1) * PAGE_SIZE : start;
  guint from_end = self->n_items - MIN (start + length, self->n_items);

  /* On from the nearest page read before (keyset), skipping the pages between: a jump (the
   * scroll bar dragged) reads only the rows it passes since the last one, not every row from
   * the top, which through a filter means reading each of them. Nearer the end (End, the
   * bottom of the scroll bar), from there backwards. */
  if (from_end < from_previous)
    records = crm_store_fetch_contacts_filtered_from_end (store, self->sort, self->filter, from_end,
                                                          length, &error);
  else if (previous != NULL)
    {
      CrmContactSortKey after;

      crm_contact_sort_key_init (&after, self->sort, previous->last);
      records = crm_store_fetch_contacts_filtered (store, self->sort, self->filter, &after,
                                                   (index - previous->index - 1) * PAGE_SIZE,
                                                   PAGE_SIZE, &error);
    }
  else
    /* The top of a new list: a list view binds its first READ_AHEAD_PAGES pages at once, and
     * one query for them costs a fourth of four (through a search, each query lists or sorts
     * the matches anew). */
    records = crm_store_fetch_contacts_filtered (
        store, self->sort, self->filter, NULL, index * PAGE_SIZE,
        index == 0 ? READ_AHEAD_PAGES * PAGE_SIZE : PAGE_SIZE, &error);
  if (records == NULL)
    {
      g_warning ("Cannot read contacts: %s", error->message);
      return NULL;
    }

  for (guint i = 1; i * PAGE_SIZE < records->len; i++)
    if (g_hash_table_lookup (self->pages, GUINT_TO_POINTER (index + i)) == NULL)
      add_page (self, index + i, records, i * PAGE_SIZE);
  page = add_page (self, index, records, 0);
  evict_old_pages (self);
  return page;
}

static GType
crm_contact_list_model_get_item_type (GListModel *model)
{
  return CRM_TYPE_CONTACT;
}

static guint
crm_contact_list_model_get_n_items (GListModel *model)
{
  return CRM_CONTACT_LIST_MODEL (model)->n_items;
}

static gpointer
crm_contact_list_model_get_item (GListModel *model, guint position)
{
  CrmContactListModel *self = CRM_CONTACT_LIST_MODEL (model);
  Page *page;
  guint index;

  if (position >= self->n_items)
    return NULL;
  self->max_read = MAX (self->max_read, position);
  if (self->hidden_position >= 0 && position >= (guint) self->hidden_position)
    position++;

  index = position / PAGE_SIZE;
  page = g_hash_table_lookup (self->pages, GUINT_TO_POINTER (index));
  if (page != NULL)
    touch_page (self, page);
  else
    page = fetch_page (self, index);
  if (page == NULL || position % PAGE_SIZE >= page->items->len)
    return NULL;
  return g_object_ref (page->items->pdata[position % PAGE_SIZE]);
}

static void
crm_contact_list_model_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = crm_contact_list_model_get_item_type;
  iface->get_n_items = crm_contact_list_model_get_n_items;
  iface->get_item = crm_contact_list_model_get_item;
}

/* ---- The whole list replaced ---------------------------------------------------------------- */

/* The ids of the top rows at hand (the pages from the first on, one after the other, as many
 * as are read at once): the list as a view that shows its top has it. */
static GArray *
dup_head_ids (CrmContactListModel *self)
{
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint index = 0; index < READ_AHEAD_PAGES; index++)
    {
      Page *page = g_hash_table_lookup (self->pages, GUINT_TO_POINTER (index));

      if (page == NULL)
        break;
      for (guint i = 0; i < page->items->len; i++)
        {
          gint64 id = crm_entity_object_get_id (page->items->pdata[i]);

          g_array_append_val (ids, id);
        }
      if (page->items->len < PAGE_SIZE)
        break;
    }
  return ids;
}

/* How many rows at the top of the new list are those of @old_head, in the same order. */
static guint
count_kept_head (CrmContactListModel *self, const GArray *old_head)
{
  guint kept = 0;

  while (kept < old_head->len && kept < self->n_items)
    {
      Page *page = g_hash_table_lookup (self->pages, GUINT_TO_POINTER (kept / PAGE_SIZE));

      if (page == NULL)
        page = fetch_page (self, kept / PAGE_SIZE);
      if (page == NULL || kept % PAGE_SIZE >= page->items->len
          || crm_entity_object_get_id (page->items->pdata[kept % PAGE_SIZE])
                 != g_array_index (old_head, gint64, kept))
        break;
      kept++;
    }
  return kept;
}

/* A GtkListView (GTK 4.8) that loses a row it tracks (the top one, the focused one) in a change
 * looks for it among the rows the change adds, reading every one of them: for a big list, every
 * page (at a million contacts, a minute for one letter typed). So a big new list is said as
 * every row removed, then the new rows added: the view, tracking nothing in between, starts
 * again at the top and reads only the rows it shows. A small one is said as one change, which
 * lets the view keep the rows it shows.
 *
 * When the new list starts with the same rows as the old one (a search typed on that narrows
 * nothing at the top), the change starts after them: the view keeps those rows as they are
 * (it binds 200 rows at once, the bulk of a keystroke's time), and the rows it tracks too, when
 * it read none after them (else as above). */
static void
reset (CrmContactListModel *self)
{
  g_autoptr (GArray) old_head = dup_head_ids (self);
  guint old_n_items = self->n_items;
  guint max_read = self->max_read;
  guint n_items;
  guint kept = 0;

  if (self->pin_now)
    self->filter->now = g_get_real_time () / G_USEC_PER_SEC;
  /* Everyone: a count of a million rows costs 15 to 25 ms, each time the search is cleared. */
  if (crm_contact_filter_is_empty (self->filter) && self->n_all != G_MAXUINT)
    n_items = self->n_all;
  else
    n_items = crm_store_count_contacts_filtered (store_of (self), self->filter, NULL);
  if (crm_contact_filter_is_empty (self->filter))
    self->n_all = n_items;
  drop_pages (self);
  self->reset_batch = crm_store_get_change_batch (store_of (self));
  self->max_read = 0;
  if (old_head->len > 0 && n_items > 0)
    {
      self->n_items = n_items;
      kept = count_kept_head (self, old_head);
      self->n_items = old_n_items;
    }
  if (kept > 0 && (kept > max_read || n_items - kept <= SMALL_RESET_ITEMS))
    {
      self->n_items = n_items;
      if (old_n_items != kept || n_items != kept)
        g_list_model_items_changed (G_LIST_MODEL (self), kept, old_n_items - kept, n_items - kept);
      return;
    }
  if (n_items > SMALL_RESET_ITEMS && old_n_items > 0)
    {
      self->n_items = 0;
      g_list_model_items_changed (G_LIST_MODEL (self), 0, old_n_items, 0);
      old_n_items = 0;
    }
  self->n_items = n_items;
  g_list_model_items_changed (G_LIST_MODEL (self), 0, old_n_items, n_items);
}

/* Keeps the store-only part of the filter in step with the filter. */
static void
update_store_filter (CrmContactListModel *self)
{
  g_clear_pointer (&self->store_filter, crm_contact_filter_free);
  if (!crm_contact_filter_needs_store (self->filter))
    return;
  self->store_filter = crm_contact_filter_new ();
  self->store_filter->tag_id = self->filter->tag_id;
  self->store_filter->no_next_step = self->filter->no_next_step;
  self->store_filter->text = g_strdup (crm_contact_filter_get_search (self->filter));
}

/* ---- One row's change --------------------------------------------------------------------- */

/* The pages read so far are the list before the change: a row found there was listed, at that
 * place, and a place among them needs no query. (At a million contacts through a filter that
 * most pass, counting the rows before a key reads about as many rows.) */

static gboolean
cached_position (CrmContactListModel *self, gint64 id, guint *position)
{
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, self->pages);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      Page *page = value;

      for (guint i = 0; i < page->items->len; i++)
        if (crm_entity_object_get_id (page->items->pdata[i]) == id)
          {
            *position = page->index * PAGE_SIZE + i;
            return TRUE;
          }
    }
  return FALSE;
}

static void
item_key (CrmContactListModel *self, Page *page, guint i, CrmContactSortKey *key)
{
  crm_contact_sort_key_init (key, self->sort, crm_entity_object_get_record (page->items->pdata[i]));
}

/* Where a row with @key (not in the list before) goes, when the pages at hand show it: inside
 * a page, or between two pages read one after the other. */
static gboolean
neighbour_position (CrmContactListModel *self, const CrmContactSortKey *key, guint *position)
{
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, self->pages);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      Page *page = value;
      Page *next = g_hash_table_lookup (self->pages, GUINT_TO_POINTER (page->index + 1));
      CrmContactSortKey first, last, after;

      if (page->items->len == 0)
        continue;
      item_key (self, page, 0, &first);
      item_key (self, page, page->items->len - 1, &last);
      if (crm_contact_sort_compare (self->sort, key, &first) < 0)
        {
          if (page->index != 0)
            continue;
          *position = 0;
          return TRUE;
        }
      if (crm_contact_sort_compare (self->sort, key, &last) > 0)
        {
          if (page->index * PAGE_SIZE + page->items->len >= self->n_items)
            {
              *position = self->n_items;
              return TRUE;
            }
          if (next == NULL || next->items->len == 0 || page->items->len != PAGE_SIZE)
            continue;
          item_key (self, next, 0, &after);
          if (crm_contact_sort_compare (self->sort, key, &after) > 0)
            continue;
          *position = next->index * PAGE_SIZE;
          return TRUE;
        }
      for (guint i = 0; i < page->items->len; i++)
        {
          CrmContactSortKey item;

          item_key (self, page, i, &item);
          if (crm_contact_sort_compare (self->sort, key, &item) < 0)
            {
              *position = page->index * PAGE_SIZE + i;
              return TRUE;
            }
        }
    }
  return FALSE;
}

/* How many listed rows, the changed one left out (it sorts at @current now, NULL when it is not
 * listed), come before @key; @n_others: how many rows besides it are listed. Counted from the
 * nearer end of the list: through a filter every row counted is read, and a count of all the
 * contacts before @key (from the index alone) tells which end is nearer. */
static guint
place_of (CrmContactListModel *self,
          const CrmContactSortKey *key,
          const CrmContactSortKey *current,
          guint n_others)
{
  CrmStore *store = store_of (self);
  gboolean from_start = TRUE;
  guint count;

  if (!crm_contact_filter_is_empty (self->filter))
    {
      guint before_all
          = crm_store_count_contacts_before_filtered (store, self->sort, NULL, key, NULL);

      if (self->n_all == G_MAXUINT)
        self->n_all = crm_store_count_contacts (store, NULL);
      from_start = before_all <= self->n_all - MIN (before_all, self->n_all);
    }
  if (from_start)
    {
      count = crm_store_count_contacts_before_filtered (store, self->sort, self->filter, key, NULL);
      if (current != NULL && crm_contact_sort_compare (self->sort, current, key) < 0 && count > 0)
        count--;
      return count;
    }
  count = crm_store_count_contacts_after_filtered (store, self->sort, self->filter, key, NULL);
  if (current != NULL && crm_contact_sort_compare (self->sort, current, key) > 0 && count > 0)
    count--;
  return n_others - MIN (count, n_others);
}

static guint
position_of (CrmContactListModel *self, const CrmContactRecord *contact, guint n_others)
{
  CrmContactSortKey key;

  crm_contact_sort_key_init (&key, self->sort, contact);
  return place_of (self, &key, NULL, n_others);
}

static void
remove_at (CrmContactListModel *self, guint position)
{
  drop_pages (self);
  self->n_items--;
  g_list_model_items_changed (G_LIST_MODEL (self), position, 1, 0);
}

static void
insert_at (CrmContactListModel *self, guint position)
{
  drop_pages (self);
  self->n_items++;
  g_list_model_items_changed (G_LIST_MODEL (self), position, 0, 1);
}

/* @contact, listed now, was listed before with @old's key. */
static void
move_row (CrmContactListModel *self, const CrmContactRecord *contact, const CrmContactRecord *old)
{
  CrmStore *store = store_of (self);
  CrmContactSortKey new_key, old_key;
  int direction;
  guint old_position, new_position;

  crm_contact_sort_key_init (&new_key, self->sort, contact);
  crm_contact_sort_key_init (&old_key, self->sort, old);
  direction = crm_contact_sort_compare (self->sort, &new_key, &old_key);
  if (direction == 0)
    return; /* same place: the object updates its own properties */

  if (cached_position (self, old->id, &old_position))
    {
      const CrmContactSortKey *first = direction > 0 ? &old_key : &new_key;
      const CrmContactSortKey *last = direction > 0 ? &new_key : &old_key;
      guint between = 0;

      /* Only the rows it passes, between its old and new keys, when they are few; else from
       * the nearer end. */
      if (!crm_contact_filter_is_empty (self->filter))
        between = crm_store_count_contacts_between_filtered (store, self->sort, NULL, first, last,
                                                             NULL);
      if (between <= SHORT_MOVE)
        {
          between = crm_store_count_contacts_between_filtered (store, self->sort, self->filter,
                                                               first, last, NULL);
          new_position = direction > 0 ? old_position + between : old_position - between;
        }
      else
        new_position = place_of (self, &new_key, NULL, self->n_items - 1);
    }
  else
    {
      new_position = place_of (self, &new_key, NULL, self->n_items - 1);
      old_position = place_of (self, &old_key, &new_key, self->n_items - 1);
    }
  drop_pages (self);
  if (old_position == new_position)
    return;

  self->n_items--;
  self->hidden_position = (int) new_position;
  g_list_model_items_changed (G_LIST_MODEL (self), old_position, 1, 0);
  self->hidden_position = -1;
  self->n_items++;
  g_list_model_items_changed (G_LIST_MODEL (self), new_position, 0, 1);
}

/* Applies a row's change given whether it was listed before and is now; @old and @contact are
 * the record before and after (either NULL when the row did not or does not exist). */
static void
apply_change (CrmContactListModel *self,
              const CrmContactRecord *old,
              gboolean was_listed,
              const CrmContactRecord *contact,
              gboolean is_listed)
{
  guint position;

  if (was_listed && is_listed)
    move_row (self, contact, old);
  else if (was_listed)
    {
      if (!cached_position (self, old->id, &position))
        position = position_of (self, old, self->n_items - 1);
      remove_at (self, position);
    }
  else if (is_listed)
    {
      CrmContactSortKey key;

      crm_contact_sort_key_init (&key, self->sort, contact);
      if (!neighbour_position (self, &key, &position))
        position = place_of (self, &key, NULL, self->n_items);
      insert_at (self, position);
    }
}

/* Whether the row was listed before a change that could have changed what the store answers
 * for it, known from the count: one change moves it by one at most. FALSE (and the list
 * replaced) when the count says something else happened. */
static gboolean
was_listed_by_count (CrmContactListModel *self, gboolean is_listed, gboolean *was_listed)
{
  guint n_now = crm_store_count_contacts_filtered (store_of (self), self->filter, NULL);

  if (n_now == self->n_items)
    *was_listed = is_listed;
  else if (n_now == self->n_items + 1 && is_listed)
    *was_listed = FALSE;
  else if (n_now + 1 == self->n_items && !is_listed)
    *was_listed = TRUE;
  else
    {
      reset (self);
      return FALSE;
    }
  return TRUE;
}

static gboolean
is_listed_now (CrmContactListModel *self, const CrmContactRecord *contact)
{
  return crm_contact_filter_matches_record (self->filter, contact)
         && (self->store_filter == NULL
             || crm_store_contact_matches_filter (store_of (self), contact->id, self->store_filter,
                                                  NULL));
}

static void
on_contact_inserted (CrmContactListModel *self, gint64 id)
{
  g_autoptr (CrmContactRecord) contact = crm_store_get_contact (store_of (self), id, NULL);

  if (contact != NULL)
    apply_change (self, NULL, FALSE, contact, is_listed_now (self, contact));
}

static void
on_contact_deleted (CrmContactListModel *self, const CrmContactRecord *old)
{
  gboolean was_listed = crm_contact_filter_matches_record (self->filter, old);

  guint position;

  /* Its tags, next steps and search text went with it: the pages read, or the count, tell. */
  if (was_listed && self->store_filter != NULL && !cached_position (self, old->id, &position)
      && !was_listed_by_count (self, FALSE, &was_listed))
    return;
  apply_change (self, old, was_listed, NULL, FALSE);
}

static gboolean
records_equal (const CrmContactRecord *a, const CrmContactRecord *b)
{
  const CrmEntityInfo *info = crm_store_get_entity_info (CRM_ENTITY_CONTACT);

  for (guint i = 0; i < info->n_fields; i++)
    {
      const CrmFieldInfo *field = &info->fields[i];

      switch (field->type)
        {
          case CRM_FIELD_TEXT:
            if (g_strcmp0 (CRM_FIELD_MEMBER (a, field, char *),
                           CRM_FIELD_MEMBER (b, field, char *)))
              return FALSE;
            break;
          case CRM_FIELD_INT64:
          case CRM_FIELD_REF:
          case CRM_FIELD_TIME:
            if (CRM_FIELD_MEMBER (a, field, gint64) != CRM_FIELD_MEMBER (b, field, gint64))
              return FALSE;
            break;
          default:
            if (CRM_FIELD_MEMBER (a, field, int) != CRM_FIELD_MEMBER (b, field, int))
              return FALSE;
            break;
        }
    }
  return TRUE;
}

/* The fields the search reads (the FTS triggers' columns). */
static gboolean
searched_fields_differ (const CrmContactRecord *a, const CrmContactRecord *b)
{
  return g_strcmp0 (a->name, b->name) || g_strcmp0 (a->email, b->email)
         || g_strcmp0 (a->phone, b->phone) || g_strcmp0 (a->title, b->title)
         || g_strcmp0 (a->notes, b->notes) || a->company_id != b->company_id;
}

static void
on_contact_updated (CrmContactListModel *self, gint64 id, const CrmContactRecord *old)
{
  g_autoptr (CrmContactRecord) contact = crm_store_get_contact (store_of (self), id, NULL);
  gboolean is_listed, was_listed;
  gboolean store_says = TRUE;

  if (contact == NULL || old == NULL)
    {
      reset (self);
      return;
    }
  if (self->store_filter != NULL)
    store_says = crm_store_contact_matches_filter (store_of (self), id, self->store_filter, NULL);
  is_listed = crm_contact_filter_matches_record (self->filter, contact) && store_says;
  was_listed = crm_contact_filter_matches_record (self->filter, old) && store_says;

  /* A tag written (the contact's row unchanged) or a searched field edited: what the store
   * answered before is not what it answers now. */
  if ((self->filter->tag_id != 0 && records_equal (old, contact))
      || (crm_contact_filter_get_search (self->filter) != NULL
          && searched_fields_differ (old, contact)))
    {
      guint position;

      if (cached_position (self, id, &position))
        was_listed = TRUE;
      else if (crm_contact_filter_matches_record (self->filter, old)
               && !was_listed_by_count (self, is_listed, &was_listed))
        return;
    }
  apply_change (self, old, was_listed, contact, is_listed);
}

/* ---- Activities: the next steps ------------------------------------------------------------- */

static gboolean
is_next_step (const CrmActivityRecord *activity)
{
  return activity != NULL && !activity->done && activity->due_at != 0;
}

/* Activity @activity_id of contact @contact_id changed from @old (NULL: inserted): the contact
 * may have gained or lost its last next step. */
static void
on_next_steps_changed (CrmContactListModel *self,
                       gint64 contact_id,
                       gint64 activity_id,
                       const CrmActivityRecord *old)
{
  CrmStore *store = store_of (self);
  g_autoptr (CrmContactRecord) contact = NULL;
  g_autoptr (CrmContactFilter) others = NULL;
  gboolean had, has;

  if (contact_id == 0)
    return;
  contact = crm_store_get_contact (store, contact_id, NULL);
  if (contact == NULL)
    return;
  has = crm_store_contact_has_next_step (store, contact_id, 0, NULL);
  had = crm_store_contact_has_next_step (store, contact_id, activity_id, NULL)
        || (old != NULL && old->contact_id == contact_id && is_next_step (old));
  if (had == has)
    return;

  /* Listed or not by the rest of the filter: the same before and after. */
  others = crm_contact_filter_copy (self->filter);
  others->no_next_step = FALSE;
  if (!crm_contact_filter_matches_record (others, contact)
      || !crm_store_contact_matches_filter (store, contact_id, others, NULL))
    return;
  apply_change (self, contact, !had, contact, !has);
}

static void
on_activity_changed (CrmContactListModel *self, guint action, gint64 id, gpointer old_record)
{
  const CrmActivityRecord *old = old_record;
  g_autoptr (CrmActivityRecord) activity = NULL;

  if (action == CRM_CHANGE_RESET)
    {
      reset (self);
      return;
    }
  if (action != CRM_CHANGE_DELETE)
    activity = crm_store_get_activity (store_of (self), id, NULL);
  if (activity != NULL)
    on_next_steps_changed (self, activity->contact_id, id, old);
  if (old != NULL && (activity == NULL || old->contact_id != activity->contact_id))
    on_next_steps_changed (self, old->contact_id, id, old);
}

/* ---- Companies and tags ------------------------------------------------------------------- */

/* A company renamed or gone: the company names of its people changed with it. */
static void
on_company_changed (CrmContactListModel *self, guint action, gint64 id, const CrmCompanyRecord *old)
{
  g_autoptr (CrmCompanyRecord) company = NULL;
  GHashTableIter iter;
  gpointer value;

  if (action == CRM_CHANGE_INSERT)
    return;
  if (action == CRM_CHANGE_UPDATE)
    {
      company = crm_store_get_company (store_of (self), id, NULL);
      if (company != NULL && old != NULL && g_strcmp0 (company->name, old->name) == 0)
        return;
    }
  /* The order or what the search finds may change: the whole list. */
  if (action == CRM_CHANGE_RESET || self->sort == CRM_CONTACT_SORT_COMPANY
      || crm_contact_filter_get_search (self->filter) != NULL)
    {
      reset (self);
      return;
    }
  /* Else only what the rows show: the people read already learn the new name. */
  g_hash_table_iter_init (&iter, self->pages);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      Page *page = value;

      for (guint i = 0; i < page->items->len; i++)
        {
          CrmContact *contact = page->items->pdata[i];
          g_autoptr (CrmContactRecord) record = NULL;

          /* Also when deleted: its people were unlinked without a signal each. */
          if (crm_contact_get_company_id (contact) != id)
            continue;
          record = crm_store_get_contact (
              store_of (self), crm_entity_object_get_id (CRM_ENTITY_OBJECT (contact)), NULL);
          if (record != NULL)
            crm_entity_object_update_from_record (CRM_ENTITY_OBJECT (contact), record);
        }
    }
}

/* Whether contact @id's update from @old, one of a commit's several, leaves the list as it
 * was: its place and whether it is listed are the same after the commit as before. (A score
 * pass rewrites hundreds of scores a commit; under an order and a filter that do not read
 * them, replacing the whole list for each commit would redraw it for nothing.) */
static gboolean
update_keeps_list (CrmContactListModel *self, gint64 id, const CrmContactRecord *old)
{
  g_autoptr (CrmContactRecord) contact = NULL;
  CrmContactSortKey old_key, new_key;

  if (old == NULL)
    return FALSE;
  contact = crm_store_get_contact (store_of (self), id, NULL);
  if (contact == NULL)
    return FALSE;
  crm_contact_sort_key_init (&old_key, self->sort, old);
  crm_contact_sort_key_init (&new_key, self->sort, contact);
  if (crm_contact_sort_compare (self->sort, &old_key, &new_key) != 0)
    return FALSE;
  if (crm_contact_filter_matches_record (self->filter, old)
      != crm_contact_filter_matches_record (self->filter, contact))
    return FALSE;
  /* What only the store answers: the search reads the searched fields; a tag written comes
   * as an update that changed no field. */
  if (crm_contact_filter_get_search (self->filter) != NULL && searched_fields_differ (old, contact))
    return FALSE;
  if (self->filter->tag_id != 0 && records_equal (old, contact))
    return FALSE;
  return TRUE;
}

static void
on_store_changed (CrmStore *store,
                  guint entity,
                  guint action,
                  gint64 id,
                  gpointer old_record,
                  CrmContactListModel *self)
{
  guint64 batch = crm_store_get_change_batch (store);
  guint n_row_changes;

  /* Every contact: counted once, then kept by each insertion and deletion (in a commit of
   * several too); a change from outside is counted again. */
  if (action == CRM_CHANGE_RESET)
    self->n_all = G_MAXUINT;
  else if (entity == CRM_ENTITY_CONTACT && self->n_all != G_MAXUINT)
    {
      if (action == CRM_CHANGE_INSERT)
        self->n_all++;
      else if (action == CRM_CHANGE_DELETE && self->n_all > 0)
        self->n_all--;
    }
  if (entity != CRM_ENTITY_CONTACT && entity != CRM_ENTITY_COMPANY && entity != CRM_ENTITY_TAG
      && !(entity == CRM_ENTITY_ACTIVITY && self->filter->no_next_step))
    return;
  /* Replaced already in this commit: it holds the commit's every change. */
  if (batch != 0 && batch == self->reset_batch)
    return;
  /* Several rows changed by one commit: each signal would be read against the state after all
   * of them. One replacement instead. */
  n_row_changes
      = crm_store_get_batch_size (store, CRM_ENTITY_CONTACT)
        + (self->filter->no_next_step ? crm_store_get_batch_size (store, CRM_ENTITY_ACTIVITY) : 0);
  if (entity == CRM_ENTITY_CONTACT && action == CRM_CHANGE_UPDATE && n_row_changes > 1
      && update_keeps_list (self, id, old_record))
    return;
  if (action == CRM_CHANGE_RESET
      || ((entity == CRM_ENTITY_CONTACT || entity == CRM_ENTITY_ACTIVITY) && n_row_changes > 1))
    {
      if (entity != CRM_ENTITY_TAG || self->filter->tag_id != 0)
        reset (self);
      return;
    }

  switch (entity)
    {
      case CRM_ENTITY_CONTACT:
        if (action == CRM_CHANGE_INSERT)
          on_contact_inserted (self, id);
        else if (action == CRM_CHANGE_DELETE && old_record != NULL)
          on_contact_deleted (self, old_record);
        else if (action == CRM_CHANGE_UPDATE)
          on_contact_updated (self, id, old_record);
        else
          reset (self);
        break;
      case CRM_ENTITY_ACTIVITY:
        on_activity_changed (self, action, id, old_record);
        break;
      case CRM_ENTITY_COMPANY:
        on_company_changed (self, action, id, old_record);
        break;
      case CRM_ENTITY_TAG:
        /* The filter's tag deleted: its people lost it. */
        if (action == CRM_CHANGE_DELETE && id == self->filter->tag_id)
          reset (self);
        break;
      default:
        break;
    }
}

/* ---- GObject ---------------------------------------------------------------------------- */

static void
crm_contact_list_model_dispose (GObject *object)
{
  CrmContactListModel *self = CRM_CONTACT_LIST_MODEL (object);

  if (self->repository != NULL)
    g_clear_signal_handler (&self->changed_handler, crm_repository_get_store (self->repository));
  g_clear_object (&self->repository);
  g_clear_pointer (&self->filter, crm_contact_filter_free);
  g_clear_pointer (&self->store_filter, crm_contact_filter_free);
  if (self->pages != NULL)
    drop_pages (self);
  g_clear_pointer (&self->pages, g_hash_table_unref);
  G_OBJECT_CLASS (crm_contact_list_model_parent_class)->dispose (object);
}

static void
crm_contact_list_model_class_init (CrmContactListModelClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = crm_contact_list_model_dispose;
}

static void
crm_contact_list_model_init (CrmContactListModel *self)
{
  self->pages = g_hash_table_new_full (NULL, NULL, NULL, page_free);
  g_queue_init (&self->lru);
  self->hidden_position = -1;
  self->filter = crm_contact_filter_new ();
  self->pin_now = TRUE;
  self->n_all = G_MAXUINT;
}

CrmContactListModel *
crm_contact_list_model_new (CrmRepository *repository)
{
  CrmContactListModel *self;
  CrmStore *store;

  g_return_val_if_fail (CRM_IS_REPOSITORY (repository), NULL);

  store = crm_repository_get_store (repository);
  self = g_object_new (CRM_TYPE_CONTACT_LIST_MODEL, NULL);
  self->repository = g_object_ref (repository);
  self->n_items = crm_store_count_contacts (store, NULL);
  self->n_all = self->n_items;
  self->changed_handler = g_signal_connect (store, "changed", G_CALLBACK (on_store_changed), self);
  return self;
}

guint
crm_contact_list_model_get_n_cached_pages (CrmContactListModel *self)
{
  g_return_val_if_fail (CRM_IS_CONTACT_LIST_MODEL (self), 0);
  return g_hash_table_size (self->pages);
}

void
crm_contact_list_model_set_search (CrmContactListModel *self, const char *text)
{
  g_return_if_fail (CRM_IS_CONTACT_LIST_MODEL (self));

  /* Text without a searchable term (blank, punctuation) lists everyone. */
  g_clear_pointer (&self->filter->text, g_free);
  self->filter->text = g_strdup (text);
  if (crm_contact_filter_get_search (self->filter) == NULL)
    g_clear_pointer (&self->filter->text, g_free);
  update_store_filter (self);
  reset (self);
}

void
crm_contact_list_model_set_filter (CrmContactListModel *self, const CrmContactFilter *filter)
{
  g_return_if_fail (CRM_IS_CONTACT_LIST_MODEL (self));

  crm_contact_filter_free (self->filter);
  self->filter = filter != NULL ? crm_contact_filter_copy (filter) : crm_contact_filter_new ();
  if (crm_contact_filter_get_search (self->filter) == NULL)
    g_clear_pointer (&self->filter->text, g_free);
  /* "Not contacted in N days" counts from the moment of each reset, unless told otherwise. */
  self->pin_now = self->filter->now == 0;
  update_store_filter (self);
  reset (self);
}

const CrmContactFilter *
crm_contact_list_model_get_filter (CrmContactListModel *self)
{
  g_return_val_if_fail (CRM_IS_CONTACT_LIST_MODEL (self), NULL);
  return self->filter;
}

void
crm_contact_list_model_set_sort (CrmContactListModel *self, CrmContactSort sort)
{
  g_return_if_fail (CRM_IS_CONTACT_LIST_MODEL (self));
  g_return_if_fail (sort < CRM_CONTACT_N_SORTS);

  if (self->sort == sort)
    return;
  self->sort = sort;
  reset (self);
}

CrmContactSort
crm_contact_list_model_get_sort (CrmContactListModel *self)
{
  g_return_val_if_fail (CRM_IS_CONTACT_LIST_MODEL (self), CRM_CONTACT_SORT_NAME);
  return self->sort;
}

const char *
crm_contact_list_model_get_search (CrmContactListModel *self)
{
  g_return_val_if_fail (CRM_IS_CONTACT_LIST_MODEL (self), NULL);
  return self->filter->text;
}

gboolean
crm_contact_list_model_find (CrmContactListModel *self, gint64 contact_id, guint *position)
{
  g_autoptr (CrmContactRecord) contact = NULL;

  g_return_val_if_fail (CRM_IS_CONTACT_LIST_MODEL (self), FALSE);

  contact = crm_store_get_contact (store_of (self), contact_id, NULL);
  if (contact == NULL || !is_listed_now (self, contact))
    return FALSE;
  if (position != NULL)
    *position = position_of (self, contact, self->n_items - 1);
  return TRUE;
}

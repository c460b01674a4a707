/* crm-contact-list-model.c — contacts paged from SQL.
 *
 * The model knows its row count and fetches rows a page at a time: by keyset (after the last
 * row of the page before, cheap at any depth) when that page is at hand, else by offset. At
 * most MAX_PAGES pages are kept, least recently used first out. A store change is turned into
 * exact items-changed signals from the changed row's sort key before and after.
 *
 * With a search (crm_contact_list_model_set_search) the items are the matching contacts, in the
 * same order; a change to a contact or a company then re-counts them (one indexed query) and
 * says the list was replaced. */
#include "config.h"

#include "crm-contact-list-model.h"
#include "crm-contact.h"

#define PAGE_SIZE CRM_CONTACT_LIST_MODEL_PAGE_SIZE
#define MAX_PAGES CRM_CONTACT_LIST_MODEL_MAX_PAGES

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
  char *search; /* NULL: every contact */
  guint n_items;
  GHashTable *pages; /* page index -> Page */
  GQueue lru;        /* page indexes, most recent first */
  /* While a moved row is between its removal and its insertion signals, positions at or after
   * this one are shifted by one to hide the row's new place; -1 otherwise. */
  int hidden_position;
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

static Page *
fetch_page (CrmContactListModel *self, guint index)
{
  CrmStore *store = crm_repository_get_store (self->repository);
  Page *previous
      = index > 0 ? g_hash_table_lookup (self->pages, GUINT_TO_POINTER (index - 1)) : NULL;
  g_autoptr (GPtrArray) records = NULL;
  g_autoptr (GError) error = NULL;
  Page *page;

  if (previous != NULL && previous->items->len == PAGE_SIZE && previous->last != NULL)
    {
      CrmContactSortKey after;

      crm_contact_sort_key_init (&after, self->sort, previous->last);
      records = crm_store_fetch_contacts_sorted (store, self->sort, self->search, &after, 0,
                                                 PAGE_SIZE, &error);
    }
  else
    records = crm_store_fetch_contacts_sorted (store, self->sort, self->search, NULL,
                                               index * PAGE_SIZE, PAGE_SIZE, &error);
  if (records == NULL)
    {
      g_warning ("Cannot read contacts: %s", error->message);
      return NULL;
    }

  page = g_new0 (Page, 1);
  page->index = index;
  page->items = g_ptr_array_new_full (records->len, g_object_unref);
  for (guint i = 0; i < records->len; i++)
    g_ptr_array_add (page->items, crm_repository_adopt_record (self->repository, CRM_ENTITY_CONTACT,
                                                               records->pdata[i]));
  if (records->len > 0)
    page->last = crm_contact_record_copy (records->pdata[records->len - 1]);
  g_hash_table_insert (self->pages, GUINT_TO_POINTER (index), page);
  touch_page (self, page);
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

/* Where @contact sorts: the number of contacts before it. */
static guint
position_of (CrmContactListModel *self, CrmStore *store, const CrmContactRecord *contact)
{
  CrmContactSortKey key;

  crm_contact_sort_key_init (&key, self->sort, contact);
  return crm_store_count_contacts_before (store, self->sort, &key, NULL);
}

static void
on_contact_inserted (CrmContactListModel *self, CrmStore *store, gint64 id)
{
  g_autoptr (CrmContactRecord) contact = crm_store_get_contact (store, id, NULL);
  guint position;

  if (contact == NULL)
    return;
  position = position_of (self, store, contact);
  drop_pages (self);
  self->n_items++;
  g_list_model_items_changed (G_LIST_MODEL (self), position, 0, 1);
}

static void
on_contact_deleted (CrmContactListModel *self, CrmStore *store, const CrmContactRecord *old)
{
  guint position = position_of (self, store, old);

  drop_pages (self);
  self->n_items--;
  g_list_model_items_changed (G_LIST_MODEL (self), position, 1, 0);
}

static void
on_contact_updated (CrmContactListModel *self,
                    CrmStore *store,
                    gint64 id,
                    const CrmContactRecord *old)
{
  g_autoptr (CrmContactRecord) contact = crm_store_get_contact (store, id, NULL);
  CrmContactSortKey new_key, old_key;
  int direction;
  guint old_position, new_position;

  if (contact == NULL || old == NULL)
    return;
  crm_contact_sort_key_init (&new_key, self->sort, contact);
  crm_contact_sort_key_init (&old_key, self->sort, old);
  direction = crm_contact_sort_compare (self->sort, &new_key, &old_key);
  if (direction == 0)
    return; /* same place: the object updates its own properties */

  new_position = crm_store_count_contacts_before (store, self->sort, &new_key, NULL);
  old_position = crm_store_count_contacts_before (store, self->sort, &old_key, NULL);
  if (direction < 0)
    old_position--; /* the row itself now sorts before its old key */
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

static void
on_contacts_reset (CrmContactListModel *self, CrmStore *store)
{
  guint old_n_items = self->n_items;

  self->n_items = crm_store_count_contacts_matching (store, self->search, NULL);
  drop_pages (self);
  g_list_model_items_changed (G_LIST_MODEL (self), 0, old_n_items, self->n_items);
}

static void
on_store_changed (CrmStore *store,
                  guint entity,
                  guint action,
                  gint64 id,
                  gpointer old_record,
                  CrmContactListModel *self)
{
  /* Searching: what matches may have changed (a company's name is searched too). */
  if (self->search != NULL && (entity == CRM_ENTITY_CONTACT || entity == CRM_ENTITY_COMPANY))
    {
      on_contacts_reset (self, store);
      return;
    }
  if (entity != CRM_ENTITY_CONTACT)
    return;
  switch (action)
    {
      case CRM_CHANGE_INSERT:
        on_contact_inserted (self, store, id);
        break;
      case CRM_CHANGE_DELETE:
        if (old_record != NULL)
          on_contact_deleted (self, store, old_record);
        else
          on_contacts_reset (self, store);
        break;
      case CRM_CHANGE_UPDATE:
        on_contact_updated (self, store, id, old_record);
        break;
      default:
        on_contacts_reset (self, store);
        break;
    }
}

static void
crm_contact_list_model_dispose (GObject *object)
{
  CrmContactListModel *self = CRM_CONTACT_LIST_MODEL (object);

  if (self->repository != NULL)
    g_clear_signal_handler (&self->changed_handler, crm_repository_get_store (self->repository));
  g_clear_object (&self->repository);
  g_clear_pointer (&self->search, g_free);
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
  g_autofree char *match = NULL;

  g_return_if_fail (CRM_IS_CONTACT_LIST_MODEL (self));

  /* Text without a searchable term (blank, punctuation) lists everyone. */
  match = crm_store_build_fts_query (text);
  g_clear_pointer (&self->search, g_free);
  if (match != NULL)
    self->search = g_strdup (text);
  on_contacts_reset (self, crm_repository_get_store (self->repository));
}

void
crm_contact_list_model_set_sort (CrmContactListModel *self, CrmContactSort sort)
{
  g_return_if_fail (CRM_IS_CONTACT_LIST_MODEL (self));
  g_return_if_fail (sort < CRM_CONTACT_N_SORTS);

  if (self->sort == sort)
    return;
  self->sort = sort;
  on_contacts_reset (self, crm_repository_get_store (self->repository));
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
  return self->search;
}

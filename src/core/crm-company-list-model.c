/* crm-company-list-model.c — companies paged from SQL by name (keyset after the page before
 * when it is at hand, else by offset), at most MAX_PAGES pages kept. */
#include "config.h"

#include "crm-company-list-model.h"
#include "crm-company.h"

#define PAGE_SIZE CRM_COMPANY_LIST_MODEL_PAGE_SIZE
#define MAX_PAGES CRM_COMPANY_LIST_MODEL_MAX_PAGES

typedef struct
{
  guint index;
  GPtrArray *items;       /* CrmCompany */
  CrmCompanyRecord *last; /* for the next page's keyset */
  guint64 used;           /* when last asked for, for eviction */
} Page;

struct _CrmCompanyListModel
{
  GObject parent_instance;

  CrmRepository *repository;
  char *search;
  guint n_items;
  GHashTable *pages; /* page index -> Page */
  guint64 clock;
  int hidden_position; /* as in CrmContactListModel, while a renamed row moves */
  guint64 reset_batch;
  gulong changed_handler;
};

static void
crm_company_list_model_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CrmCompanyListModel,
                               crm_company_list_model,
                               G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      crm_company_list_model_list_model_init))

static void
page_free (gpointer data)
{
  Page *page = data;

  g_ptr_array_unref (page->items);
  g_clear_pointer (&page->last, crm_company_record_free);
  g_free (page);
}

static CrmStore *
store_of (CrmCompanyListModel *self)
{
  return crm_repository_get_store (self->repository);
}

static void
evict_old_page (CrmCompanyListModel *self)
{
  GHashTableIter iter;
  gpointer key, value;
  gpointer oldest_key = NULL;
  guint64 oldest = G_MAXUINT64;

  if (g_hash_table_size (self->pages) <= MAX_PAGES)
    return;
  g_hash_table_iter_init (&iter, self->pages);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (((Page *) value)->used < oldest)
      {
        oldest = ((Page *) value)->used;
        oldest_key = key;
      }
  g_hash_table_remove (self->pages, oldest_key);
}

static Page *
fetch_page (CrmCompanyListModel *self, guint index)
{
  Page *previous
      = index > 0 ? g_hash_table_lookup (self->pages, GUINT_TO_POINTER (index - 1)) : NULL;
  g_autoptr (GPtrArray) records = NULL;
  g_autoptr (GError) error = NULL;
  Page *page;

  if (previous != NULL && previous->items->len == PAGE_SIZE && previous->last != NULL)
    records = crm_store_fetch_companies (store_of (self), self->search, previous->last->name,
                                         previous->last->id, 0, PAGE_SIZE, &error);
  else
    records = crm_store_fetch_companies (store_of (self), self->search, NULL, 0, index * PAGE_SIZE,
                                         PAGE_SIZE, &error);
  if (records == NULL)
    {
      g_warning ("Cannot read companies: %s", error->message);
      return NULL;
    }
  page = g_new0 (Page, 1);
  page->index = index;
  page->items = g_ptr_array_new_full (records->len, g_object_unref);
  for (guint i = 0; i < records->len; i++)
    g_ptr_array_add (page->items, crm_repository_adopt_record (self->repository, CRM_ENTITY_COMPANY,
                                                               records->pdata[i]));
  if (records->len > 0)
    page->last = crm_company_record_copy (records->pdata[records->len - 1]);
  g_hash_table_insert (self->pages, GUINT_TO_POINTER (index), page);
  return page;
}

static GType
crm_company_list_model_get_item_type (GListModel *model)
{
  return CRM_TYPE_COMPANY;
}

static guint
crm_company_list_model_get_n_items (GListModel *model)
{
  return CRM_COMPANY_LIST_MODEL (model)->n_items;
}

static gpointer
crm_company_list_model_get_item (GListModel *model, guint position)
{
  CrmCompanyListModel *self = CRM_COMPANY_LIST_MODEL (model);
  Page *page;
  guint index;

  if (position >= self->n_items)
    return NULL;
  if (self->hidden_position >= 0 && position >= (guint) self->hidden_position)
    position++;
  index = position / PAGE_SIZE;
  page = g_hash_table_lookup (self->pages, GUINT_TO_POINTER (index));
  if (page == NULL)
    page = fetch_page (self, index);
  if (page == NULL || position % PAGE_SIZE >= page->items->len)
    return NULL;
  page->used = ++self->clock;
  evict_old_page (self);
  return g_object_ref (page->items->pdata[position % PAGE_SIZE]);
}

static void
crm_company_list_model_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = crm_company_list_model_get_item_type;
  iface->get_n_items = crm_company_list_model_get_n_items;
  iface->get_item = crm_company_list_model_get_item;
}

/* ---- Following the store --------------------------------------------------------------------- */

static void
reset (CrmCompanyListModel *self)
{
  guint old_n_items = self->n_items;

  self->n_items = crm_store_count_companies_matching (store_of (self), self->search, NULL);
  g_hash_table_remove_all (self->pages);
  self->reset_batch = crm_store_get_change_batch (store_of (self));
  g_list_model_items_changed (G_LIST_MODEL (self), 0, old_n_items, self->n_items);
}

static guint
position_of (CrmCompanyListModel *self, const CrmCompanyRecord *company)
{
  return crm_store_count_companies_before (store_of (self), NULL, company->name, company->id, NULL);
}

static void
on_company_updated (CrmCompanyListModel *self, gint64 id, const CrmCompanyRecord *old)
{
  g_autoptr (CrmCompanyRecord) company = crm_store_get_company (store_of (self), id, NULL);
  /* Names compare as the contact list's name order does: case-blind, then by id. */
  CrmContactSortKey new_key, old_key;
  guint old_position, new_position;
  int direction;

  if (company == NULL || old == NULL)
    {
      reset (self);
      return;
    }
  new_key = (CrmContactSortKey){ company->name, 0, company->id };
  old_key = (CrmContactSortKey){ old->name, 0, old->id };
  direction = crm_contact_sort_compare (CRM_CONTACT_SORT_NAME, &new_key, &old_key);
  if (direction == 0)
    return; /* same place: the object updates its own properties */
  new_position = position_of (self, company);
  old_position = position_of (self, old);
  if (direction < 0)
    old_position--; /* the row itself now sorts before its old name */
  g_hash_table_remove_all (self->pages);
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
on_store_changed (CrmStore *store,
                  guint entity,
                  guint action,
                  gint64 id,
                  gpointer old_record,
                  CrmCompanyListModel *self)
{
  guint64 batch = crm_store_get_change_batch (store);
  g_autoptr (CrmCompanyRecord) company = NULL;
  guint position;

  if (entity != CRM_ENTITY_COMPANY)
    return;
  if (batch != 0 && batch == self->reset_batch)
    return;
  /* A search (what it finds may change), or a commit of many companies: replaced at once. */
  if (action == CRM_CHANGE_RESET || self->search != NULL
      || crm_store_get_batch_size (store, CRM_ENTITY_COMPANY) > 1)
    {
      reset (self);
      return;
    }
  switch (action)
    {
      case CRM_CHANGE_INSERT:
        company = crm_store_get_company (store, id, NULL);
        if (company == NULL)
          return;
        position = position_of (self, company);
        g_hash_table_remove_all (self->pages);
        self->n_items++;
        g_list_model_items_changed (G_LIST_MODEL (self), position, 0, 1);
        break;
      case CRM_CHANGE_DELETE:
        if (old_record == NULL)
          {
            reset (self);
            return;
          }
        position = position_of (self, old_record);
        g_hash_table_remove_all (self->pages);
        self->n_items--;
        g_list_model_items_changed (G_LIST_MODEL (self), position, 1, 0);
        break;
      case CRM_CHANGE_UPDATE:
        on_company_updated (self, id, old_record);
        break;
      default:
        break;
    }
}

/* ---- GObject --------------------------------------------------------------------------------- */

static void
crm_company_list_model_dispose (GObject *object)
{
  CrmCompanyListModel *self = CRM_COMPANY_LIST_MODEL (object);

  if (self->repository != NULL)
    g_clear_signal_handler (&self->changed_handler, store_of (self));
  g_clear_object (&self->repository);
  g_clear_pointer (&self->search, g_free);
  g_clear_pointer (&self->pages, g_hash_table_unref);
  G_OBJECT_CLASS (crm_company_list_model_parent_class)->dispose (object);
}

static void
crm_company_list_model_class_init (CrmCompanyListModelClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = crm_company_list_model_dispose;
}

static void
crm_company_list_model_init (CrmCompanyListModel *self)
{
  self->pages = g_hash_table_new_full (NULL, NULL, NULL, page_free);
  self->hidden_position = -1;
}

CrmCompanyListModel *
crm_company_list_model_new (CrmRepository *repository)
{
  CrmCompanyListModel *self;

  g_return_val_if_fail (CRM_IS_REPOSITORY (repository), NULL);

  self = g_object_new (CRM_TYPE_COMPANY_LIST_MODEL, NULL);
  self->repository = g_object_ref (repository);
  self->n_items = crm_store_count_companies_matching (store_of (self), NULL, NULL);
  self->changed_handler
      = g_signal_connect (store_of (self), "changed", G_CALLBACK (on_store_changed), self);
  return self;
}

void
crm_company_list_model_set_search (CrmCompanyListModel *self, const char *text)
{
  g_autofree char *match = NULL;

  g_return_if_fail (CRM_IS_COMPANY_LIST_MODEL (self));

  match = crm_store_build_fts_query (text);
  g_clear_pointer (&self->search, g_free);
  if (match != NULL)
    self->search = g_strdup (text);
  reset (self);
}

const char *
crm_company_list_model_get_search (CrmCompanyListModel *self)
{
  g_return_val_if_fail (CRM_IS_COMPANY_LIST_MODEL (self), NULL);
  return self->search;
}

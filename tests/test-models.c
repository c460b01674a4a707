/* test-models.c — the core models: properties from columns, one live object per row, and list
 * models whose items-changed signals, replayed on a mirror list the way a GtkListView would,
 * always give the same list as the database. */
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>

#include "crm-contact-list-model.h"
#include "crm-contact.h"
#include "crm-deal-list-model.h"
#include "crm-deal.h"
#include "crm-repository.h"
#include "crm-stage-list-model.h"
#include "crm-stage.h"
#include "crm-test-util.h"

typedef struct
{
  char *folder;
  CrmStore *store;
  CrmRepository *repository;
  GArray *stage_ids;
} Fixture;

static void
fixture_set_up (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = NULL;

  fixture->folder = g_dir_make_tmp ("rapport-models-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (fixture->folder, "rapport.db", NULL);
  fixture->store = crm_store_open (path, &error);
  g_assert_no_error (error);
  fixture->repository = crm_repository_new (fixture->store);

  fixture->stage_ids = crm_test_list_default_stage_ids (fixture->store);
}

static void
fixture_tear_down (Fixture *fixture, gconstpointer data)
{
  g_clear_object (&fixture->repository);
  g_clear_object (&fixture->store);
  crm_test_remove_tree (fixture->folder);
  g_free (fixture->folder);
  g_array_unref (fixture->stage_ids);
}

#define TEST_F(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
#define STAGE(fixture, i) g_array_index ((fixture)->stage_ids, gint64, (i))

/* ---- A mirror list kept only from items-changed, as a list view keeps its rows ----------- */

typedef struct
{
  GListModel *model;
  GArray *ids; /* what a listener believes the model holds */
  guint n_signals;
  guint last_position, last_removed, last_added;
} Mirror;

static void
on_items_changed (GListModel *model, guint position, guint removed, guint added, Mirror *mirror)
{
  g_assert_cmpuint (position + removed, <=, mirror->ids->len);
  g_array_remove_range (mirror->ids, position, removed);
  for (guint i = 0; i < added; i++)
    {
      g_autoptr (CrmEntityObject) item = g_list_model_get_item (model, position + i);
      gint64 id;

      g_assert_nonnull (item);
      id = crm_entity_object_get_id (item);
      g_array_insert_val (mirror->ids, position + i, id);
    }
  g_assert_cmpuint (mirror->ids->len, ==, g_list_model_get_n_items (model));
  mirror->n_signals++;
  mirror->last_position = position;
  mirror->last_removed = removed;
  mirror->last_added = added;
}

static Mirror *
mirror_new (gpointer model)
{
  Mirror *mirror = g_new0 (Mirror, 1);
  guint n = g_list_model_get_n_items (model);

  mirror->model = g_object_ref (model);
  mirror->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (CrmEntityObject) item = g_list_model_get_item (model, i);
      gint64 id = crm_entity_object_get_id (item);
      g_array_append_val (mirror->ids, id);
    }
  g_signal_connect (model, "items-changed", G_CALLBACK (on_items_changed), mirror);
  return mirror;
}

static void
mirror_free (Mirror *mirror)
{
  g_signal_handlers_disconnect_by_data (mirror->model, mirror);
  g_object_unref (mirror->model);
  g_array_unref (mirror->ids);
  g_free (mirror);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Mirror, mirror_free)

static void
assert_mirror_equals (Mirror *mirror, const GArray *truth)
{
  g_assert_cmpuint (mirror->ids->len, ==, truth->len);
  for (guint i = 0; i < truth->len; i++)
    g_assert_cmpint (g_array_index (mirror->ids, gint64, i), ==, g_array_index (truth, gint64, i));
  /* And the model itself agrees, item by item. */
  for (guint i = 0; i < truth->len; i++)
    {
      g_autoptr (CrmEntityObject) item = g_list_model_get_item (mirror->model, i);
      g_assert_cmpint (crm_entity_object_get_id (item), ==, g_array_index (truth, gint64, i));
    }
}

static void
assert_last_signal (Mirror *mirror, guint n_signals, guint position, guint removed, guint added)
{
  g_assert_cmpuint (mirror->n_signals, ==, n_signals);
  g_assert_cmpuint (mirror->last_position, ==, position);
  g_assert_cmpuint (mirror->last_removed, ==, removed);
  g_assert_cmpuint (mirror->last_added, ==, added);
}

/* ---- Helpers ---------------------------------------------------------------------------- */

static gint64
make_deal (Fixture *fixture, const char *title, gint64 stage_id)
{
  g_autoptr (CrmDealRecord) deal = crm_deal_record_new ();
  g_autoptr (GError) error = NULL;

  deal->title = g_strdup (title);
  deal->currency = g_strdup ("EUR");
  deal->stage_id = stage_id;
  crm_store_insert_deal (fixture->store, deal, &error);
  g_assert_no_error (error);
  return deal->id;
}

static gint64
make_contact (Fixture *fixture, const char *name)
{
  g_autoptr (CrmContactRecord) contact = crm_contact_record_new ();
  g_autoptr (GError) error = NULL;

  contact->name = g_strdup (name);
  crm_store_insert_contact (fixture->store, contact, &error);
  g_assert_no_error (error);
  return contact->id;
}

typedef struct
{
  guint count;
  char *last;
} NotifyCounter;

static void
on_notify (GObject *object, GParamSpec *pspec, NotifyCounter *counter)
{
  counter->count++;
  g_free (counter->last);
  counter->last = g_strdup (pspec->name);
}

/* ---- Objects ---------------------------------------------------------------------------- */

static void
test_entity_object_properties (void)
{
  g_autoptr (CrmDealRecord) record = crm_deal_record_new ();
  g_autoptr (CrmDeal) deal = NULL;
  g_autoptr (CrmDealRecord) changed = NULL;
  g_autofree char *title = NULL;
  NotifyCounter counter = { 0 };
  gint64 value = 0;
  int probability = 0;

  record->id = 7;
  record->uuid = g_strdup ("2f1c7f5e-8f0a-4a53-9a37-0c7b1e0e2d11");
  record->title = g_strdup ("Q3 <renewal> & \"upsell\"");
  record->value_minor = 1999;
  record->currency = g_strdup ("EUR");
  record->probability_override = -1;
  deal = crm_deal_new (record);

  g_object_get (deal, "title", &title, "value-minor", &value, "probability-override", &probability,
                NULL);
  g_assert_cmpstr (title, ==, "Q3 <renewal> & \"upsell\"");
  g_assert_cmpint (value, ==, 1999);
  g_assert_cmpint (probability, ==, -1);
  g_assert_cmpint (crm_entity_object_get_id (CRM_ENTITY_OBJECT (deal)), ==, 7);
  g_assert_cmpstr (crm_deal_get_currency (deal), ==, "EUR");

  g_signal_connect (deal, "notify", G_CALLBACK (on_notify), &counter);
  g_object_set (deal, "title", "Q3 <renewal> & \"upsell\"", NULL);
  g_assert_cmpuint (counter.count, ==, 0);
  g_object_set (deal, "value-minor", (gint64) 2500, NULL);
  g_assert_cmpuint (counter.count, ==, 1);
  g_assert_cmpstr (counter.last, ==, "value-minor");

  /* Updating from a record notifies exactly what changed. */
  changed = crm_entity_object_dup_record (CRM_ENTITY_OBJECT (deal));
  g_assert_cmpint (changed->value_minor, ==, 2500);
  g_free (changed->title);
  changed->title = g_strdup ("Renamed");
  counter.count = 0;
  crm_entity_object_update_from_record (CRM_ENTITY_OBJECT (deal), changed);
  g_assert_cmpuint (counter.count, ==, 1);
  g_assert_cmpstr (counter.last, ==, "title");
  g_signal_handlers_disconnect_by_data (deal, &counter);
  g_free (counter.last);
}

static void
test_repository_identity_and_updates (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  gint64 id = make_deal (fixture, "Shared", STAGE (fixture, 0));
  g_autoptr (CrmDeal) first
      = crm_repository_get_object (fixture->repository, CRM_ENTITY_DEAL, id, &error);
  g_autoptr (CrmDeal) second
      = crm_repository_get_object (fixture->repository, CRM_ENTITY_DEAL, id, &error);
  g_autoptr (CrmDealRecord) record = NULL;
  NotifyCounter counter = { 0 };

  g_assert_no_error (error);
  g_assert_true (first == second);

  g_signal_connect (first, "notify::title", G_CALLBACK (on_notify), &counter);
  record = crm_store_get_deal (fixture->store, id, &error);
  g_free (record->title);
  record->title = g_strdup ("Changed in the store");
  g_assert_true (crm_store_update_deal (fixture->store, record, &error));
  g_assert_cmpuint (counter.count, ==, 1);
  g_assert_cmpstr (crm_deal_get_title (first), ==, "Changed in the store");

  g_assert_null (crm_repository_get_object (fixture->repository, CRM_ENTITY_DEAL, 424242, &error));
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND);
  g_signal_handlers_disconnect_by_data (first, &counter);
  g_free (counter.last);

  /* Once nobody holds it, the repository forgets the object. */
  g_clear_object (&first);
  g_clear_object (&second);
  g_assert_null (crm_repository_peek_object (fixture->repository, CRM_ENTITY_DEAL, id));
}

/* ---- Deals of a stage ------------------------------------------------------------------- */

static void
test_deal_list_model_follows_store (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  gint64 stage_a = STAGE (fixture, 0), stage_b = STAGE (fixture, 1), stage_c = STAGE (fixture, 2);
  gint64 a[4];
  g_autoptr (CrmDealListModel) model_a = NULL;
  g_autoptr (CrmDealListModel) model_b = NULL;
  g_autoptr (Mirror) mirror_a = NULL;
  g_autoptr (Mirror) mirror_b = NULL;
  g_autoptr (GArray) truth = NULL;

  for (int i = 0; i < 4; i++)
    {
      g_autofree char *title = g_strdup_printf ("A%d", i);
      a[i] = make_deal (fixture, title, stage_a);
    }
  model_a = crm_deal_list_model_new (fixture->repository, stage_a);
  model_b = crm_deal_list_model_new (fixture->repository, stage_b);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model_a)), ==, 4);
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (model_a)) == CRM_TYPE_DEAL);
  mirror_a = mirror_new (model_a);
  mirror_b = mirror_new (model_b);

#define CHECK(mirror, stage)                                                                       \
  G_STMT_START                                                                                     \
  {                                                                                                \
    g_clear_pointer (&truth, g_array_unref);                                                       \
    truth = crm_store_list_deal_ids_in_stage (fixture->store, stage, NULL);                        \
    assert_mirror_equals (mirror, truth);                                                          \
  }                                                                                                \
  G_STMT_END

  /* Insert: one item added at the end. */
  make_deal (fixture, "A4", stage_a);
  assert_last_signal (mirror_a, 1, 4, 0, 1);
  CHECK (mirror_a, stage_a);

  /* Move to the top of the same stage: one removal, one insertion. */
  g_assert_true (crm_store_move_deal (fixture->store, a[2], stage_a, 0, &error));
  g_assert_cmpuint (mirror_a->n_signals, ==, 3);
  assert_last_signal (mirror_a, 3, 0, 0, 1);
  CHECK (mirror_a, stage_a);

  /* Move to another stage: removed here, added there. */
  g_assert_true (crm_store_move_deal (fixture->store, a[0], stage_b, 0, &error));
  assert_last_signal (mirror_a, 4, 1, 1, 0);
  assert_last_signal (mirror_b, 1, 0, 0, 1);
  CHECK (mirror_a, stage_a);
  CHECK (mirror_b, stage_b);

  /* A deal elsewhere changes nothing here. */
  make_deal (fixture, "C0", stage_c);
  g_assert_cmpuint (mirror_a->n_signals, ==, 4);
  g_assert_cmpuint (mirror_b->n_signals, ==, 1);

  /* An edit that keeps the place updates the object, not the list. */
  {
    g_autoptr (CrmDeal) item = g_list_model_get_item (G_LIST_MODEL (model_b), 0);
    g_autoptr (CrmDealRecord) record = crm_store_get_deal (fixture->store, a[0], &error);
    record->value_minor = 777;
    g_assert_true (crm_store_update_deal (fixture->store, record, &error));
    g_assert_cmpuint (mirror_b->n_signals, ==, 1);
    g_assert_cmpint (crm_deal_get_value_minor (item), ==, 777);
  }

  /* Delete. */
  g_assert_true (crm_store_delete_deal (fixture->store, a[0], &error));
  assert_last_signal (mirror_b, 2, 0, 1, 0);
  CHECK (mirror_b, stage_b);

  /* Bulk writes arrive as a reset and still end in the right list. */
  g_assert_true (crm_store_begin_bulk (fixture->store, &error));
  for (int i = 0; i < 5; i++)
    make_deal (fixture, "Bulk", stage_a);
  g_assert_true (crm_store_commit (fixture->store, &error));
  CHECK (mirror_a, stage_a);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model_a)), ==, 9);
#undef CHECK
}

/* A new model reads the first ids and the count only; the rest is read when asked for, and
 * when another program changed the stage meanwhile, the signal says so exactly. */
static void
test_deal_list_model_reads_late (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CrmDealListModel) model = NULL;
  g_autoptr (CrmStore) other = NULL;
  g_autoptr (Mirror) mirror = NULL;
  g_autoptr (GArray) truth = NULL;
  g_autoptr (CrmDeal) item = NULL;
  g_autoptr (CrmDealRecord) extra = crm_deal_record_new ();
  g_autofree char *path = g_build_filename (fixture->folder, "rapport.db", NULL);
  gint64 stage = STAGE (fixture, 0);

  g_assert_true (crm_store_begin_bulk (fixture->store, &error));
  for (int i = 0; i < 200; i++)
    make_deal (fixture, "Many", stage);
  g_assert_true (crm_store_commit (fixture->store, &error));
  truth = crm_store_list_deal_ids_in_stage (fixture->store, stage, &error);

  /* Counted, and any item is there (read when asked for). */
  model = crm_deal_list_model_new (fixture->repository, stage);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 200);
  item = g_list_model_get_item (G_LIST_MODEL (model), 150);
  g_assert_cmpint (crm_entity_object_get_id (CRM_ENTITY_OBJECT (item)), ==,
                   g_array_index (truth, gint64, 150));
  g_clear_object (&model);

  /* Another program adds a deal before the rest is read: the items not read yet are
   * replaced, the mirror (kept from the signals alone) ends equal to the stage. */
  model = crm_deal_list_model_new (fixture->repository, stage);
  other = crm_store_open (path, &error);
  g_assert_no_error (error);
  extra->title = g_strdup ("From elsewhere");
  extra->currency = g_strdup ("EUR");
  extra->stage_id = stage;
  g_assert_true (crm_store_insert_deal (other, extra, &error));
  g_assert_no_error (error);
  {
    /* The mirror knows the items read at first only, as a view that showed them; the find
     * reads the rest. */
    Mirror *first = g_new0 (Mirror, 1);

    first->model = G_LIST_MODEL (g_object_ref (model));
    first->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
    for (guint i = 0; i < 200; i++)
      {
        gint64 unknown = i < CRM_DEAL_LIST_MODEL_FIRST_IDS ? g_array_index (truth, gint64, i) : -1;
        g_array_append_val (first->ids, unknown);
      }
    g_signal_connect (model, "items-changed", G_CALLBACK (on_items_changed), first);
    mirror = first;
  }
  g_assert_cmpint (crm_deal_list_model_find (model, extra->id), ==, 200);
  g_assert_cmpuint (mirror->n_signals, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 201);
  g_clear_pointer (&truth, g_array_unref);
  truth = crm_store_list_deal_ids_in_stage (fixture->store, stage, &error);
  assert_mirror_equals (mirror, truth);
}

/* ---- Stages of a pipeline --------------------------------------------------------------- */

static void
test_stage_list_model_follows_store (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) pipelines = crm_store_list_pipelines (fixture->store, NULL);
  gint64 pipeline_id = ((CrmPipelineRecord *) pipelines->pdata[0])->id;
  g_autoptr (CrmStageListModel) model = crm_stage_list_model_new (fixture->repository, pipeline_id);
  g_autoptr (Mirror) mirror = mirror_new (model);
  g_autoptr (CrmStageRecord) stage = crm_stage_record_new ();
  g_autoptr (CrmStage) first = g_list_model_get_item (G_LIST_MODEL (model), 0);
  g_autoptr (CrmStageRecord) first_record = NULL;
  g_autoptr (GArray) order = g_array_new (FALSE, FALSE, sizeof (gint64));
  NotifyCounter counter = { 0 };

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 7);
  g_assert_cmpstr (crm_stage_get_name (first), !=, NULL);

  stage->pipeline_id = pipeline_id;
  stage->name = g_strdup ("Contract sent");
  stage->position = 7;
  stage->probability = 90;
  g_assert_true (crm_store_insert_stage (fixture->store, stage, &error));
  assert_last_signal (mirror, 1, 7, 0, 1);

  /* Move the new stage to the front. */
  g_array_append_val (order, stage->id);
  for (guint i = 0; i < fixture->stage_ids->len; i++)
    g_array_append_val (order, g_array_index (fixture->stage_ids, gint64, i));
  g_assert_true (crm_store_reorder_stages (
      fixture->store, pipeline_id, (const gint64 *) (gpointer) order->data, order->len, &error));
  g_assert_no_error (error);
  assert_mirror_equals (mirror, order);
  assert_last_signal (mirror, 3, 0, 0, 1);

  /* Rename: the object tells, the list does not change. */
  g_signal_connect (first, "notify::name", G_CALLBACK (on_notify), &counter);
  first_record = crm_store_get_stage (fixture->store,
                                      crm_entity_object_get_id (CRM_ENTITY_OBJECT (first)), &error);
  g_free (first_record->name);
  first_record->name = g_strdup ("First touch");
  g_assert_true (crm_store_update_stage (fixture->store, first_record, &error));
  g_assert_cmpuint (counter.count, ==, 1);
  g_assert_cmpstr (crm_stage_get_name (first), ==, "First touch");
  g_assert_cmpuint (mirror->n_signals, ==, 3);
  g_signal_handlers_disconnect_by_data (first, &counter);
  g_free (counter.last);

  g_assert_true (crm_store_delete_stage (fixture->store, stage->id, &error));
  assert_last_signal (mirror, 4, 0, 1, 0);
  g_array_remove_index (order, 0);
  assert_mirror_equals (mirror, order);
}

/* ---- Contacts, paged -------------------------------------------------------------------- */

static GArray *
contact_truth (Fixture *fixture)
{
  g_autoptr (GPtrArray) all = crm_store_fetch_contacts (fixture->store, NULL, 0, 0, G_MAXINT, NULL);
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint i = 0; i < all->len; i++)
    g_array_append_val (ids, ((CrmContactRecord *) all->pdata[i])->id);
  return ids;
}

/* The ids of the contacts matching @text, in list order, by plain SQL (LIKE over the same
 * columns the search index holds), to check the search against. */
static GArray *
contact_search_truth (Fixture *fixture, const char *word)
{
  g_autoptr (GPtrArray) all = crm_store_fetch_contacts (fixture->store, NULL, 0, 0, G_MAXINT, NULL);
  g_autofree char *folded_word = g_utf8_casefold (word, -1);
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint i = 0; i < all->len; i++)
    {
      CrmContactRecord *contact = all->pdata[i];
      g_autofree char *text
          = g_strjoin (" ", contact->name, contact->email != NULL ? contact->email : "", NULL);
      g_autofree char *folded = g_utf8_casefold (text, -1);
      g_auto (GStrv) words = g_strsplit_set (folded, " @.", -1);

      for (guint w = 0; words[w] != NULL; w++)
        if (g_str_has_prefix (words[w], folded_word))
          {
            g_array_append_val (ids, contact->id);
            break;
          }
    }
  return ids;
}

/* A search lists the matching contacts in list order, paged, follows writes, and takes any
 * text; blank text lists everyone again. */
static void
test_contact_list_model_search (Fixture *fixture, gconstpointer data)
{
  static const char *const names[] = { "Ada Lovelace", "Adam Smith",      "Grace Hopper",
                                       "Alan Turing",  "Edsger Dijkstra", "Barbara Liskov" };
  const char *hostile[] = { "\"", "*", "(", "NEAR", "-", "'", "AND", "ada\" OR *" };
  g_autoptr (GError) error = NULL;
  g_autoptr (CrmContactListModel) model = NULL;
  g_autoptr (Mirror) mirror = NULL;
  g_autoptr (GArray) truth = NULL;

  g_assert_true (crm_store_begin_bulk (fixture->store, &error));
  for (int i = 0; i < 400; i++)
    {
      g_autofree char *name = g_strdup_printf ("%s %03d", names[i % G_N_ELEMENTS (names)], i);
      make_contact (fixture, name);
    }
  g_assert_true (crm_store_commit (fixture->store, &error));

  model = crm_contact_list_model_new (fixture->repository);
  crm_contact_list_model_set_search (model, "ada");
  truth = contact_search_truth (fixture, "ada");
  g_assert_cmpuint (truth->len, ==, 134); /* Ada and Adam, 67 of each */
  mirror = mirror_new (model);
  assert_mirror_equals (mirror, truth);

  /* A new match lands where it belongs; a contact that stops matching leaves. */
  make_contact (fixture, "Adalbert New");
  g_clear_pointer (&truth, g_array_unref);
  truth = contact_search_truth (fixture, "ada");
  assert_mirror_equals (mirror, truth);

  /* A word that most contacts match (Ada, Adam, Alan): the pages are read by asking the search
   * index about each row in order, and are the same. */
  crm_contact_list_model_set_search (model, "a");
  g_clear_pointer (&truth, g_array_unref);
  truth = contact_search_truth (fixture, "a");
  g_assert_cmpuint (truth->len, ==, 202); /* 67 of each, and Adalbert */
  assert_mirror_equals (mirror, truth);

  for (guint i = 0; i < G_N_ELEMENTS (hostile); i++)
    {
      crm_contact_list_model_set_search (model, hostile[i]);
      g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), <=, 401);
    }

  crm_contact_list_model_set_search (model, "   ");
  g_assert_null (crm_contact_list_model_get_search (model));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 401);
  g_clear_pointer (&truth, g_array_unref);
  truth = contact_truth (fixture);
  assert_mirror_equals (mirror, truth);
}

/* A listener that keeps one row in view as GtkListView 4.8 does: when a change removes it, the
 * listener looks for it among the added rows, reading each one; when it is not there (or none
 * is tracked), it starts again at the top. Every signal is logged. */
typedef struct
{
  GListModel *model;
  gint64 tracked_id; /* 0: none */
  guint tracked_position;
  GArray *signals; /* guint triples: position, removed, added */
} Tracker;

static void
on_tracker_items_changed (
    GListModel *model, guint position, guint removed, guint added, Tracker *tracker)
{
  guint triple[3] = { position, removed, added };

  g_array_append_vals (tracker->signals, triple, 3);
  if (tracker->tracked_id != 0 && tracker->tracked_position >= position)
    {
      if (tracker->tracked_position >= position + removed)
        tracker->tracked_position = tracker->tracked_position - removed + added;
      else
        {
          gint64 lost = tracker->tracked_id;

          tracker->tracked_id = 0;
          for (guint i = 0; i < added; i++)
            {
              g_autoptr (CrmEntityObject) item = g_list_model_get_item (model, position + i);

              if (crm_entity_object_get_id (item) == lost)
                {
                  tracker->tracked_id = lost;
                  tracker->tracked_position = position + i;
                  break;
                }
            }
        }
    }
  if (tracker->tracked_id == 0 && g_list_model_get_n_items (model) > 0)
    {
      g_autoptr (CrmEntityObject) item = g_list_model_get_item (model, 0);

      tracker->tracked_id = crm_entity_object_get_id (item);
      tracker->tracked_position = 0;
    }
}

static void
assert_signals (Tracker *tracker, guint n_signals, ...)
{
  va_list args;

  g_assert_cmpuint (tracker->signals->len, ==, 3 * n_signals);
  va_start (args, n_signals);
  for (guint i = 0; i < 3 * n_signals; i++)
    g_assert_cmpuint (g_array_index (tracker->signals, guint, i), ==, va_arg (args, guint));
  va_end (args);
  g_array_set_size (tracker->signals, 0);
}

/* A search that replaces a long list says so in two signals (all removed, all added), so that a
 * list view which loses its top row does not read every page of the new list looking for it; a
 * short new list, or one replacing an empty list, in one. */
static void
test_contact_list_model_big_reset (Fixture *fixture, gconstpointer data)
{
  static const char *const names[] = { "Ada Lovelace", "Adam Smith",      "Grace Hopper",
                                       "Alan Turing",  "Edsger Dijkstra", "Barbara Liskov" };
  g_autoptr (GError) error = NULL;
  g_autoptr (CrmContactListModel) model = NULL;
  Tracker tracker = { 0 };
  guint n_alan, n_small;

  g_assert_true (crm_store_begin_bulk (fixture->store, &error));
  for (int i = 0; i < 3000; i++)
    {
      g_autofree char *name = g_strdup_printf ("%s %04d", names[i % G_N_ELEMENTS (names)], i);
      make_contact (fixture, name);
    }
  g_assert_true (crm_store_commit (fixture->store, &error));

  model = crm_contact_list_model_new (fixture->repository);
  tracker.model = G_LIST_MODEL (model);
  tracker.signals = g_array_new (FALSE, FALSE, sizeof (guint));
  g_signal_connect (model, "items-changed", G_CALLBACK (on_tracker_items_changed), &tracker);
  {
    g_autoptr (CrmEntityObject) top = g_list_model_get_item (G_LIST_MODEL (model), 0);
    tracker.tracked_id = crm_entity_object_get_id (top); /* an Ada, not an Alan */
  }

  /* 500 Alans of 3000: every row out, then the Alans in; the top pages read (in one query),
   * not all eight. */
  crm_contact_list_model_set_search (model, "alan");
  n_alan = g_list_model_get_n_items (G_LIST_MODEL (model));
  g_assert_cmpuint (n_alan, ==, 500);
  assert_signals (&tracker, 2, 0, 3000, 0, 0, 0, n_alan);
  g_assert_cmpuint (crm_contact_list_model_get_n_cached_pages (model), <=,
                    CRM_CONTACT_LIST_MODEL_READ_AHEAD_PAGES);
  {
    g_autoptr (CrmContact) top = g_list_model_get_item (G_LIST_MODEL (model), 0);
    g_assert_cmpstr (crm_contact_get_name (top), ==, "Alan Turing 0003");
  }

  /* A short new list, the first rows of the old one (read by the listener): one change after
   * them, the rows at the top kept. */
  crm_contact_list_model_set_search (model, "alan 00");
  n_small = g_list_model_get_n_items (G_LIST_MODEL (model));
  g_assert_cmpuint (n_small, ==, 17); /* 0003 to 0099, every sixth */
  assert_signals (&tracker, 1, n_small, n_alan - n_small, 0);
  g_assert_cmpuint (crm_contact_list_model_get_n_cached_pages (model), <=, 1);

  /* Nothing, then everyone: a long list after an empty one is one change. */
  crm_contact_list_model_set_search (model, "nobody");
  assert_signals (&tracker, 1, 0, n_small, 0);
  crm_contact_list_model_set_search (model, NULL);
  assert_signals (&tracker, 1, 0, 0, 3000);
  g_assert_cmpuint (crm_contact_list_model_get_n_cached_pages (model), <=,
                    CRM_CONTACT_LIST_MODEL_READ_AHEAD_PAGES);

  /* Everyone, then the Alans again, with the listener's row further down. */
  {
    g_autoptr (CrmEntityObject) item = g_list_model_get_item (G_LIST_MODEL (model), 2000);
    tracker.tracked_id = crm_entity_object_get_id (item);
    tracker.tracked_position = 2000;
  }
  crm_contact_list_model_set_search (model, "alan");
  assert_signals (&tracker, 2, 0, 3000, 0, 0, 0, n_alan);
  g_assert_cmpuint (crm_contact_list_model_get_n_cached_pages (model), <=,
                    CRM_CONTACT_LIST_MODEL_READ_AHEAD_PAGES + 1);

  g_signal_handlers_disconnect_by_data (model, &tracker);
  g_array_unref (tracker.signals);
}

/* The ids of every contact in @sort order, by a plain SQL query written out here. */
static GArray *
contact_sort_truth (Fixture *fixture, CrmContactSort sort)
{
  static const char *const orders[CRM_CONTACT_N_SORTS] = {
    [CRM_CONTACT_SORT_NAME] = "name COLLATE NOCASE, id",
    [CRM_CONTACT_SORT_SCORE] = "score DESC, id DESC",
    [CRM_CONTACT_SORT_LAST_CONTACTED]
    = "last_contacted_at IS NULL, last_contacted_at DESC, id DESC",
    [CRM_CONTACT_SORT_CAPTURED] = "captured_at DESC, id DESC",
    [CRM_CONTACT_SORT_COMPANY] = "company_name IS NULL, company_name COLLATE NOCASE, id",
  };
  g_autofree char *sql = g_strdup_printf ("SELECT id FROM contacts ORDER BY %s", orders[sort]);
  g_autofree char *path = g_build_filename (fixture->folder, "rapport.db", NULL);
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3 *db = NULL;
  sqlite3_stmt *statement = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &statement, NULL), ==, SQLITE_OK);
  while (sqlite3_step (statement) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (statement, 0);
      g_array_append_val (ids, id);
    }
  sqlite3_finalize (statement);
  sqlite3_close (db);
  return ids;
}

static void
edit_contact (Fixture *fixture, gint64 id, int score, gint64 last_contacted_at)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CrmContactRecord) record = crm_store_get_contact (fixture->store, id, &error);

  g_assert_no_error (error);
  record->score = score;
  record->last_contacted_at = last_contacted_at;
  g_assert_true (crm_store_update_contact (fixture->store, record, &error));
  g_assert_no_error (error);
}

/* Every order of the list against a plain SQL query: the count, items at random positions, a
 * full scan through keyset pages, and exact signals after an insert, edits that move a row
 * (seen or not) and a delete. Many equal keys, to test the ties. */
static void
test_contact_list_model_sorts (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GRand) rand = g_rand_new_with_seed (17);

  static const char *const companies[]
      = { "acme", "Acme", "ACME Labs", "Émile & Co", "zeta", "Zeta", "<b>Bold</b>", "Ångström" };
  gint64 company_ids[G_N_ELEMENTS (companies)];

  for (guint i = 0; i < G_N_ELEMENTS (companies); i++)
    {
      g_autoptr (CrmCompanyRecord) company = crm_company_record_new ();
      company->name = g_strdup (companies[i]);
      g_assert_true (crm_store_insert_company (fixture->store, company, &error));
      company_ids[i] = company->id;
    }
  g_assert_true (crm_store_begin_bulk (fixture->store, &error));
  for (int i = 0; i < 700; i++)
    {
      g_autoptr (CrmContactRecord) contact = crm_contact_record_new ();
      guint company = (guint) g_rand_int_range (rand, 0, G_N_ELEMENTS (companies) + 2);

      if (company < G_N_ELEMENTS (companies))
        contact->company_id = company_ids[company];
      contact->name = g_strdup_printf ("Person %03d", g_rand_int_range (rand, 0, 300));
      contact->score = g_rand_int_range (rand, 0, 20) * 5;
      contact->last_contacted_at
          = i % 4 == 0 ? 0 : 1700000000 + g_rand_int_range (rand, 0, 50) * 86400;
      contact->captured_at = 1600000000 + g_rand_int_range (rand, 0, 100) * 3600;
      g_assert_true (crm_store_insert_contact (fixture->store, contact, &error));
    }
  g_assert_true (crm_store_commit (fixture->store, &error));
  g_assert_no_error (error);

  for (CrmContactSort sort = 0; sort < CRM_CONTACT_N_SORTS; sort++)
    {
      g_autoptr (CrmContactListModel) model = crm_contact_list_model_new (fixture->repository);
      g_autoptr (Mirror) mirror = NULL;
      g_autoptr (GArray) truth = NULL;
      gint64 new_id, moved;

      crm_contact_list_model_set_sort (model, sort);
      g_assert_cmpint (crm_contact_list_model_get_sort (model), ==, sort);
      truth = contact_sort_truth (fixture, sort);
      g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, truth->len);
      for (int i = 0; i < 100; i++)
        {
          guint position = (guint) g_rand_int_range (rand, 0, (gint32) truth->len);
          g_autoptr (CrmContact) item = g_list_model_get_item (G_LIST_MODEL (model), position);

          g_assert_cmpint (crm_entity_object_get_id (CRM_ENTITY_OBJECT (item)), ==,
                           g_array_index (truth, gint64, position));
        }
      mirror = mirror_new (model);
      assert_mirror_equals (mirror, truth);

      /* An insert, then edits that move rows: one just seen, one never asked for again. */
      new_id = make_contact (fixture, "Person 150 New");
      edit_contact (fixture, new_id, 55, 1700000000 + 20 * 86400);
      moved = g_array_index (truth, gint64, 3);
      edit_contact (fixture, moved, 0, 0);
      moved = g_array_index (truth, gint64, truth->len / 2);
      edit_contact (fixture, moved, 100, 1800000000);
      g_assert_true (
          crm_store_delete_contact (fixture->store, g_array_index (truth, gint64, 10), &error));
      g_assert_no_error (error);
      g_clear_pointer (&truth, g_array_unref);
      truth = contact_sort_truth (fixture, sort);
      assert_mirror_equals (mirror, truth);
    }
}

static void
test_contact_list_model_pages_and_follows_store (Fixture *fixture, gconstpointer data)
{
  static const char *const syllables[] = { "ka", "lo", "mi", "ne", "ru", "sa", "te", "vi", "zo" };
  g_autoptr (GError) error = NULL;
  g_autoptr (GRand) rand = g_rand_new_with_seed (3);
  g_autoptr (CrmContactListModel) model = NULL;
  g_autoptr (Mirror) mirror = NULL;
  g_autoptr (GArray) truth = NULL;
  gint64 moved_id, deleted_id;
  guint n;

  g_assert_true (crm_store_begin_bulk (fixture->store, &error));
  for (int i = 0; i < 3000; i++)
    {
      g_autofree char *name
          = g_strdup_printf ("%s%s %s%s", syllables[g_rand_int_range (rand, 0, 9)],
                             syllables[g_rand_int_range (rand, 0, 9)], i % 3 == 0 ? "Van " : "",
                             syllables[g_rand_int_range (rand, 0, 9)]);
      make_contact (fixture, name);
    }
  g_assert_true (crm_store_commit (fixture->store, &error));

  model = crm_contact_list_model_new (fixture->repository);
  n = g_list_model_get_n_items (G_LIST_MODEL (model));
  g_assert_cmpuint (n, ==, 3000);
  truth = contact_truth (fixture);

  /* Random access, then a full scan: items are right and the cache stays bounded. */
  for (int i = 0; i < 200; i++)
    {
      guint position = (guint) g_rand_int_range (rand, 0, (gint32) n);
      g_autoptr (CrmContact) item = g_list_model_get_item (G_LIST_MODEL (model), position);
      g_assert_cmpint (crm_entity_object_get_id (CRM_ENTITY_OBJECT (item)), ==,
                       g_array_index (truth, gint64, position));
    }
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (model), n));
  mirror = mirror_new (model);
  assert_mirror_equals (mirror, truth);
  g_assert_cmpuint (crm_contact_list_model_get_n_cached_pages (model), <=,
                    CRM_CONTACT_LIST_MODEL_MAX_PAGES);

  /* Insert at the top, in the middle, at the end. */
  make_contact (fixture, "Aaron Aardvark");
  assert_last_signal (mirror, 1, 0, 0, 1);
  make_contact (fixture, "mimi Middle");
  make_contact (fixture, "zzz Last");
  assert_last_signal (mirror, 3, 3002, 0, 1);
  g_clear_pointer (&truth, g_array_unref);
  truth = contact_truth (fixture);
  assert_mirror_equals (mirror, truth);

  /* A rename that moves the row: removal at the old place, insertion at the new one. */
  moved_id = g_array_index (truth, gint64, 10);
  {
    g_autoptr (CrmContactRecord) record = crm_store_get_contact (fixture->store, moved_id, &error);
    g_free (record->name);
    record->name = g_strdup ("Zed Moved");
    g_assert_true (crm_store_update_contact (fixture->store, record, &error));
  }
  g_assert_cmpuint (mirror->n_signals, ==, 5);
  g_clear_pointer (&truth, g_array_unref);
  truth = contact_truth (fixture);
  assert_mirror_equals (mirror, truth);

  /* An edit that keeps the place: the object notifies, the list stays. */
  {
    g_autoptr (CrmContact) item = g_list_model_get_item (G_LIST_MODEL (model), 5);
    gint64 id = crm_entity_object_get_id (CRM_ENTITY_OBJECT (item));
    g_autoptr (CrmContactRecord) record = crm_store_get_contact (fixture->store, id, &error);
    record->score = 88;
    g_assert_true (crm_store_update_contact (fixture->store, record, &error));
    g_assert_cmpuint (mirror->n_signals, ==, 5);
    g_assert_cmpint (crm_contact_get_score (item), ==, 88);
  }

  /* Delete a row nobody has looked at since the cache was dropped, and one just seen. */
  deleted_id = g_array_index (truth, gint64, 2500);
  g_assert_true (crm_store_delete_contact (fixture->store, deleted_id, &error));
  assert_last_signal (mirror, 6, 2500, 1, 0);
  {
    g_autoptr (CrmContact) item = g_list_model_get_item (G_LIST_MODEL (model), 1);
    g_assert_true (crm_store_delete_contact (
        fixture->store, crm_entity_object_get_id (CRM_ENTITY_OBJECT (item)), &error));
  }
  assert_last_signal (mirror, 7, 1, 1, 0);
  g_clear_pointer (&truth, g_array_unref);
  truth = contact_truth (fixture);
  assert_mirror_equals (mirror, truth);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 3001);
}

/* The ids @filter passes, in @sort order, straight from SQL. */
static GArray *
filtered_truth (Fixture *fixture, CrmContactSort sort, const CrmContactFilter *filter)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) records
      = crm_store_fetch_contacts_filtered (fixture->store, sort, filter, NULL, 0, 1000000, &error);
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  g_assert_no_error (error);
  for (guint i = 0; i < records->len; i++)
    g_array_append_val (ids, ((CrmContactRecord *) records->pdata[i])->id);
  return ids;
}

/* Scores rewritten for @n contacts from the @first in @ids, in one commit (as a score pass
 * step does): the score is @score, and the lifecycle stays. */
static void
rewrite_scores (Fixture *fixture, const GArray *ids, guint first, guint n, int score)
{
  g_autoptr (GError) error = NULL;

  g_assert_true (crm_store_begin (fixture->store, &error));
  for (guint i = first; i < first + n; i++)
    {
      g_autoptr (CrmContactRecord) record
          = crm_store_get_contact (fixture->store, g_array_index (ids, gint64, i), &error);

      g_assert_nonnull (record);
      g_assert_true (crm_store_set_contact_score (fixture->store, record->id, score,
                                                  record->lifecycle, &error));
    }
  g_assert_true (crm_store_commit (fixture->store, &error));
  g_assert_no_error (error);
}

/* A commit that changes many contacts (a score pass step) leaves a list alone when neither its
 * order nor its filter reads what changed: no items-changed, the items show the new values.
 * When they do read it, the list is replaced and equals the SQL result. */
static void
test_contact_list_model_batch_updates (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CrmContactListModel) model = NULL;
  g_autoptr (CrmContactFilter) filter = crm_contact_filter_new ();
  g_autoptr (GArray) truth = NULL;
  Mirror *mirror;

  g_assert_true (crm_store_begin_bulk (fixture->store, &error));
  for (int i = 0; i < 400; i++)
    {
      g_autofree char *name = g_strdup_printf ("Person %03d", (i * 7) % 400);
      make_contact (fixture, name);
    }
  g_assert_true (crm_store_commit (fixture->store, &error));

  /* By name, searched: a score written for 50 listed people changes nothing in the list. */
  model = crm_contact_list_model_new (fixture->repository);
  crm_contact_list_model_set_search (model, "person");
  truth
      = filtered_truth (fixture, CRM_CONTACT_SORT_NAME, crm_contact_list_model_get_filter (model));
  mirror = mirror_new (model);
  assert_mirror_equals (mirror, truth);
  rewrite_scores (fixture, truth, 0, 50, 70);
  g_assert_cmpuint (mirror->n_signals, ==, 0);
  assert_mirror_equals (mirror, truth);
  {
    g_autoptr (CrmContact) item = g_list_model_get_item (G_LIST_MODEL (model), 10);
    g_assert_cmpint (crm_contact_get_score (item), ==, 70);
  }

  /* A filter on the score: the same kind of commit moves people in and out of the list. */
  filter->score_min = 60;
  crm_contact_list_model_set_filter (model, filter);
  mirror_free (mirror);
  g_clear_pointer (&truth, g_array_unref);
  truth = filtered_truth (fixture, CRM_CONTACT_SORT_NAME, filter);
  g_assert_cmpuint (truth->len, ==, 50);
  mirror = mirror_new (model);
  {
    g_autoptr (GArray) all = filtered_truth (fixture, CRM_CONTACT_SORT_NAME, NULL);

    rewrite_scores (fixture, all, 25, 50, 61); /* 25 stay in, 25 come in */
    rewrite_scores (fixture, all, 0, 10, 5);   /* 10 go out */
  }
  g_assert_cmpuint (mirror->n_signals, >, 0);
  g_clear_pointer (&truth, g_array_unref);
  truth = filtered_truth (fixture, CRM_CONTACT_SORT_NAME, filter);
  g_assert_cmpuint (truth->len, ==, 65);
  assert_mirror_equals (mirror, truth);

  /* By score, everyone: new scores move the rows. */
  crm_contact_list_model_set_filter (model, NULL);
  crm_contact_list_model_set_sort (model, CRM_CONTACT_SORT_SCORE);
  mirror_free (mirror);
  mirror = mirror_new (model);
  {
    g_autoptr (GArray) all = filtered_truth (fixture, CRM_CONTACT_SORT_NAME, NULL);

    rewrite_scores (fixture, all, 300, 20, 99);
  }
  g_assert_cmpuint (mirror->n_signals, >, 0);
  g_clear_pointer (&truth, g_array_unref);
  truth = filtered_truth (fixture, CRM_CONTACT_SORT_SCORE, NULL);
  assert_mirror_equals (mirror, truth);
  mirror_free (mirror);

  /* Everyone is counted once and then kept from the changes: two contacts added in one commit,
   * one deleted alone, while a search was shown; cleared, the list is the table's. */
  crm_contact_list_model_set_search (model, "person 00");
  g_assert_true (crm_store_begin (fixture->store, &error));
  make_contact (fixture, "Added One");
  make_contact (fixture, "Added Two");
  g_assert_true (crm_store_commit (fixture->store, &error));
  g_assert_true (
      crm_store_delete_contact (fixture->store, g_array_index (truth, gint64, 7), &error));
  crm_contact_list_model_set_search (model, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 401);
  g_clear_pointer (&truth, g_array_unref);
  truth = filtered_truth (fixture, CRM_CONTACT_SORT_SCORE, NULL);
  g_assert_cmpuint (truth->len, ==, 401);
  mirror = mirror_new (model);
  assert_mirror_equals (mirror, truth);
  mirror_free (mirror);
}

/* A search whose list starts with the rows the old list started with says its change after
 * them, so that a view showing the top keeps its rows; when the view read further down (the
 * rows it tracks may be in the change), or nothing is shared, the list is replaced as before.
 * Either way the model then equals the SQL result. */
static void
test_contact_list_model_kept_head (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CrmContactListModel) model = NULL;
  g_autoptr (GArray) truth = NULL;
  Tracker tracker = { 0 };
  const guint kept = CRM_CONTACT_LIST_MODEL_READ_AHEAD_PAGES * CRM_CONTACT_LIST_MODEL_PAGE_SIZE;

  g_assert_true (crm_store_begin_bulk (fixture->store, &error));
  for (int i = 0; i < 1000; i++)
    {
      g_autofree char *name
          = g_strdup_printf ("Anna %s %04d", i % 5 < 3 ? "Berg" : "Stone", (i * 37) % 1000);
      make_contact (fixture, name);
    }
  g_assert_true (crm_store_commit (fixture->store, &error));

  model = crm_contact_list_model_new (fixture->repository);
  crm_contact_list_model_set_search (model, "anna");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 1000);
  tracker.model = G_LIST_MODEL (model);
  tracker.signals = g_array_new (FALSE, FALSE, sizeof (guint));
  g_signal_connect (model, "items-changed", G_CALLBACK (on_tracker_items_changed), &tracker);
  /* A view at the top: it reads the first rows only (the contacts page's grid view binds
   * about 33). */
  for (guint i = 0; i < 30; i++)
    g_object_unref (g_list_model_get_item (G_LIST_MODEL (model), i));

  /* The Bergs come first in both lists: the change starts after the top pages. */
  crm_contact_list_model_set_search (model, "anna b");
  assert_signals (&tracker, 1, kept, 1000 - kept, 600 - kept);
  truth
      = filtered_truth (fixture, CRM_CONTACT_SORT_NAME, crm_contact_list_model_get_filter (model));
  g_assert_cmpuint (truth->len, ==, 600);
  for (guint i = 0; i < truth->len; i++)
    {
      g_autoptr (CrmEntityObject) item = g_list_model_get_item (G_LIST_MODEL (model), i);
      g_assert_cmpint (crm_entity_object_get_id (item), ==, g_array_index (truth, gint64, i));
    }

  /* Every row was read: a view could track any of them, so the whole list is replaced. */
  crm_contact_list_model_set_search (model, "anna");
  assert_signals (&tracker, 2, 0, 600, 0, 0, 0, 1000);

  /* Nothing shared at the top: replaced too. */
  for (guint i = 0; i < 150; i++)
    g_object_unref (g_list_model_get_item (G_LIST_MODEL (model), i));
  crm_contact_list_model_set_search (model, "stone");
  assert_signals (&tracker, 2, 0, 1000, 0, 0, 0, 400);
  g_clear_pointer (&truth, g_array_unref);
  truth
      = filtered_truth (fixture, CRM_CONTACT_SORT_NAME, crm_contact_list_model_get_filter (model));
  g_assert_cmpuint (truth->len, ==, 400);
  for (guint i = 0; i < truth->len; i++)
    {
      g_autoptr (CrmEntityObject) item = g_list_model_get_item (G_LIST_MODEL (model), i);
      g_assert_cmpint (crm_entity_object_get_id (item), ==, g_array_index (truth, gint64, i));
    }

  /* The same list again (a letter that changes nothing at the top), read all through before:
   * the top kept and the rows after it said again when they are few enough for a view to look
   * through (four pages), else replaced. */
  crm_contact_list_model_set_search (model, "ston");
  if (400 - kept <= 4 * CRM_CONTACT_LIST_MODEL_PAGE_SIZE)
    assert_signals (&tracker, 1, kept, 400 - kept, 400 - kept);
  else
    assert_signals (&tracker, 2, 0, 400, 0, 0, 0, 400);

  g_signal_handlers_disconnect_by_data (model, &tracker);
  g_array_unref (tracker.signals);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/models/entity-object/properties", test_entity_object_properties);
  TEST_F ("/models/repository/identity-and-updates", test_repository_identity_and_updates);
  TEST_F ("/models/deal-list/follows-store", test_deal_list_model_follows_store);
  TEST_F ("/models/deal-list/reads-late", test_deal_list_model_reads_late);
  TEST_F ("/models/contact-list/search", test_contact_list_model_search);
  TEST_F ("/models/contact-list/big-reset", test_contact_list_model_big_reset);
  TEST_F ("/models/contact-list/batch-updates", test_contact_list_model_batch_updates);
  TEST_F ("/models/contact-list/kept-head", test_contact_list_model_kept_head);
  TEST_F ("/models/contact-list/sorts", test_contact_list_model_sorts);
  TEST_F ("/models/stage-list/follows-store", test_stage_list_model_follows_store);
  TEST_F ("/models/contact-list/pages-and-follows-store",
          test_contact_list_model_pages_and_follows_store);

  return g_test_run ();
}

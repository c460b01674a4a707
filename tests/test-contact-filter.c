/* test-contact-filter.c — the contact list through filters: every sort order with every filter
 * (alone and combined, with and without search words) against plain SQL written out here;
 * exact items-changed signals, replayed on a mirror list, as rows enter, leave and move; any
 * text is safe; filters as text; smart lists; bulk edits and their undo. */
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>

#include "crm-company-list-model.h"
#include "crm-contact-list-model.h"
#include "crm-contact.h"
#include "crm-repository.h"
#include "crm-seed.h"
#include "crm-smart-list-model.h"
#include "crm-test-util.h"
#include "crm-undo-manager.h"

/* The seed's reference day, and the filters' now. */
#define REFERENCE_DAY ((gint64) 1717200000)
#define SEARCH "an"
#define SEARCH_MATCH "\"an\"*"

typedef struct
{
  char *folder;
  char *path;
  CrmStore *store;
  CrmRepository *repository;
  CrmUndoManager *undo;
  gint64 tags[3];
  gint64 first_source;
  char *owner;
  char *country;
} Fixture;

/* ---- Plain SQL ---------------------------------------------------------------------------- */

static sqlite3 *
open_db (Fixture *fixture)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open_v2 (fixture->path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  return db;
}

static gint64
sql_int (Fixture *fixture, const char *sql)
{
  sqlite3 *db = open_db (fixture);
  sqlite3_stmt *statement = NULL;
  gint64 value = -1;

  if (sqlite3_prepare_v2 (db, sql, -1, &statement, NULL) != SQLITE_OK)
    g_error ("%s: %s", sql, sqlite3_errmsg (db));
  if (sqlite3_step (statement) == SQLITE_ROW)
    value = sqlite3_column_int64 (statement, 0);
  sqlite3_finalize (statement);
  sqlite3_close (db);
  return value;
}

static char *
sql_text (Fixture *fixture, const char *sql)
{
  sqlite3 *db = open_db (fixture);
  sqlite3_stmt *statement = NULL;
  char *value = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &statement, NULL), ==, SQLITE_OK);
  if (sqlite3_step (statement) == SQLITE_ROW)
    value = g_strdup ((const char *) sqlite3_column_text (statement, 0));
  sqlite3_finalize (statement);
  sqlite3_close (db);
  return value;
}

static GArray *
sql_ids (Fixture *fixture, const char *sql)
{
  sqlite3 *db = open_db (fixture);
  sqlite3_stmt *statement = NULL;
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  if (sqlite3_prepare_v2 (db, sql, -1, &statement, NULL) != SQLITE_OK)
    g_error ("%s: %s", sql, sqlite3_errmsg (db));
  while (sqlite3_step (statement) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (statement, 0);
      g_array_append_val (ids, id);
    }
  sqlite3_finalize (statement);
  sqlite3_close (db);
  return ids;
}

/* The ORDER BY of each sort, written out independently of the store. */
static const char *const truth_orders[CRM_CONTACT_N_SORTS] = {
  [CRM_CONTACT_SORT_NAME] = "name COLLATE NOCASE, id",
  [CRM_CONTACT_SORT_SCORE] = "score DESC, id DESC",
  [CRM_CONTACT_SORT_LAST_CONTACTED] = "last_contacted_at IS NULL, last_contacted_at DESC, id DESC",
  [CRM_CONTACT_SORT_CAPTURED] = "captured_at DESC, id DESC",
  [CRM_CONTACT_SORT_COMPANY] = "company_name IS NULL, company_name COLLATE NOCASE, id",
};

/* Text for an SQL string literal (quotes doubled). */
static char *
quoted (const char *text)
{
  g_auto (GStrv) parts = g_strsplit (text, "'", -1);
  g_autofree char *joined = g_strjoinv ("''", parts);

  return g_strdup_printf ("'%s'", joined);
}

/* The WHERE of @filter over "contacts c", written out independently of the store. */
static char *
truth_where (const CrmContactFilter *filter)
{
  GString *where = g_string_new ("1");

  if (filter->lifecycles != 0)
    {
      g_string_append (where, " AND c.lifecycle IN ('-'");
      for (guint stage = 0; stage <= CRM_LIFECYCLE_CHURNED; stage++)
        if (filter->lifecycles & (1u << stage))
          g_string_append_printf (where, ", '%s'", crm_lifecycle_stage_to_string (stage));
      g_string_append (where, ")");
    }
  if (filter->source_id != 0)
    g_string_append_printf (where, " AND c.source_id = %" G_GINT64_FORMAT, filter->source_id);
  if (filter->tag_id != 0)
    g_string_append_printf (where,
                            " AND EXISTS (SELECT 1 FROM contact_tags t WHERE t.contact_id = c.id "
                            "AND t.tag_id = %" G_GINT64_FORMAT ")",
                            filter->tag_id);
  if (filter->score_min >= 0)
    g_string_append_printf (where, " AND c.score >= %d", filter->score_min);
  if (filter->score_max >= 0)
    g_string_append_printf (where, " AND c.score <= %d", filter->score_max);
  if (filter->owner != NULL)
    {
      g_autofree char *owner = quoted (filter->owner);
      g_string_append_printf (where, " AND c.owner = %s", owner);
    }
  if (filter->not_contacted_days > 0)
    g_string_append_printf (
        where, " AND (c.last_contacted_at IS NULL OR c.last_contacted_at < %" G_GINT64_FORMAT ")",
        filter->now - (gint64) filter->not_contacted_days * 86400);
  if (filter->no_next_step)
    g_string_append (where, " AND NOT EXISTS (SELECT 1 FROM activities a WHERE a.contact_id = "
                            "c.id AND a.done = 0 AND a.due_at IS NOT NULL)");
  if (filter->country != NULL)
    {
      g_autofree char *country = quoted (filter->country);
      g_string_append_printf (where, " AND lower (c.country) = lower (%s)", country);
    }
  if (filter->text != NULL)
    g_string_append (where, " AND c.id IN (SELECT rowid FROM contacts_fts WHERE contacts_fts "
                            "MATCH '" SEARCH_MATCH "')");
  return g_string_free (where, FALSE);
}

static gint64
truth_count (Fixture *fixture, const CrmContactFilter *filter)
{
  g_autofree char *where = truth_where (filter);
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM contacts c WHERE %s", where);

  return sql_int (fixture, sql);
}

static GArray *
truth_ids (Fixture *fixture, const CrmContactFilter *filter, CrmContactSort sort)
{
  g_autofree char *where = truth_where (filter);
  g_autofree char *sql = g_strdup_printf ("SELECT id FROM contacts c WHERE %s ORDER BY %s", where,
                                          truth_orders[sort]);

  return sql_ids (fixture, sql);
}

static gint64
truth_id_at (Fixture *fixture, const CrmContactFilter *filter, CrmContactSort sort, guint offset)
{
  g_autofree char *where = truth_where (filter);
  g_autofree char *sql
      = g_strdup_printf ("SELECT id FROM contacts c WHERE %s ORDER BY %s LIMIT 1 OFFSET %u", where,
                         truth_orders[sort], offset);

  return sql_int (fixture, sql);
}

/* ---- The fixture: a few thousand seeded contacts, spread over every criterion --------------- */

static void
select_ids (Fixture *fixture, const char *sql, CrmContactSelection *selection, GArray **ids)
{
  *ids = sql_ids (fixture, sql);
  selection->ids = (const gint64 *) (*ids)->data;
  selection->n_ids = (*ids)->len;
  selection->all_but_ids = FALSE;
  selection->filter = NULL;
}

static gint64
make_tag (Fixture *fixture, const char *name)
{
  g_autoptr (CrmTagRecord) tag = crm_tag_record_new ();
  g_autoptr (GError) error = NULL;

  tag->name = g_strdup (name);
  g_assert_true (crm_store_insert_tag (fixture->store, tag, &error));
  g_assert_no_error (error);
  return tag->id;
}

static gint64
make_task (Fixture *fixture, gint64 contact_id, gint64 due_at, gboolean done)
{
  g_autoptr (CrmActivityRecord) task = crm_activity_record_new ();
  g_autoptr (GError) error = NULL;

  task->kind = CRM_ACTIVITY_TASK;
  task->subject = g_strdup ("Follow up");
  task->contact_id = contact_id;
  task->due_at = due_at;
  task->done = done;
  g_assert_true (crm_store_insert_activity (fixture->store, task, &error));
  g_assert_no_error (error);
  return task->id;
}

static void
spread_data (Fixture *fixture)
{
  static const char *const tag_names[] = { "Newsletter", "VIP", "Partner <b>&amp;</b>" };
  g_autoptr (GError) error = NULL;

  /* Lifecycles evenly (the seed makes most people leads). */
  for (guint stage = 0; stage <= CRM_LIFECYCLE_CHURNED; stage++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT id FROM contacts WHERE id %% 6 = %u", stage);
      g_autoptr (GArray) ids = NULL;
      CrmContactSelection selection;

      select_ids (fixture, sql, &selection, &ids);
      g_assert_true (
          crm_store_set_contacts_lifecycle (fixture->store, &selection, stage, NULL, &error));
      g_assert_no_error (error);
    }
  /* Tags: a third, a seventh (some overlap), a handful. */
  for (guint i = 0; i < G_N_ELEMENTS (tag_names); i++)
    {
      static const char *const rules[] = { "id % 3 = 0", "id % 7 = 0", "id % 97 = 5" };
      g_autofree char *sql = g_strdup_printf ("SELECT id FROM contacts WHERE %s", rules[i]);
      g_autoptr (GArray) ids = NULL;
      CrmContactSelection selection;
      guint n_changed = 0;

      fixture->tags[i] = make_tag (fixture, tag_names[i]);
      select_ids (fixture, sql, &selection, &ids);
      g_assert_true (crm_store_tag_contacts (fixture->store, &selection, fixture->tags[i],
                                             &n_changed, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (n_changed, ==, ids->len);
    }
  /* Next steps for about a fifth of the people, some done already (no next step then). */
  g_assert_true (crm_store_begin (fixture->store, &error));
  {
    g_autoptr (GArray) ids = sql_ids (fixture, "SELECT id FROM contacts WHERE id % 5 = 1");
    for (guint i = 0; i < ids->len; i++)
      make_task (fixture, g_array_index (ids, gint64, i), REFERENCE_DAY + 86400 * (i % 9),
                 i % 4 == 0);
  }
  g_assert_true (crm_store_commit (fixture->store, &error));
  g_assert_no_error (error);
}

static void
fixture_set_up (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  guint n_contacts = GPOINTER_TO_UINT (data);
  CrmSeedOptions options;

  fixture->folder = g_dir_make_tmp ("rapport-filter-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->folder, "rapport.db", NULL);
  fixture->store = crm_store_open (fixture->path, &error);
  g_assert_no_error (error);
  fixture->repository = crm_repository_new (fixture->store);
  fixture->undo = crm_undo_manager_new (fixture->store);

  if (n_contacts == 0)
    return;
  crm_seed_options_init (&options);
  options.n_contacts = n_contacts;
  options.n_companies = (int) n_contacts / 12;
  options.n_deals = n_contacts / 10;
  options.n_activities = n_contacts;
  options.seed = 7;
  options.now = REFERENCE_DAY;
  g_assert_true (crm_seed_database (fixture->store, &options, NULL, NULL, &error));
  g_assert_no_error (error);
  spread_data (fixture);

  fixture->first_source = sql_int (fixture, "SELECT min (id) FROM lead_sources");
  fixture->owner = sql_text (fixture, "SELECT owner FROM contacts ORDER BY id LIMIT 1");
  /* In another case than stored: the filter is case-blind. */
  {
    g_autofree char *country
        = sql_text (fixture, "SELECT country FROM contacts GROUP BY country ORDER BY count(*) "
                             "DESC LIMIT 1 OFFSET 2");
    fixture->country = g_ascii_strdown (country, -1);
  }
}

static void
fixture_tear_down (Fixture *fixture, gconstpointer data)
{
  g_clear_object (&fixture->undo);
  g_clear_object (&fixture->repository);
  g_clear_object (&fixture->store);
  crm_test_remove_tree (fixture->folder);
  g_free (fixture->folder);
  g_free (fixture->path);
  g_free (fixture->owner);
  g_free (fixture->country);
}

#define TEST_F(path, func, n_contacts)                                                             \
  g_test_add (path, Fixture, GUINT_TO_POINTER (n_contacts), fixture_set_up, func, fixture_tear_down)

/* ---- Filters ------------------------------------------------------------------------------ */

#define STAGE(stage) (1u << CRM_LIFECYCLE_##stage)

/* Filter @index of the set every sort is checked with (NULL past the end): each criterion
 * alone, then combinations. */
static CrmContactFilter *
make_filter (Fixture *fixture, guint index)
{
  CrmContactFilter *filter = crm_contact_filter_new ();

  filter->now = REFERENCE_DAY;
  switch (index)
    {
      case 0: /* none */
        break;
      case 1:
        filter->lifecycles = STAGE (CUSTOMER);
        break;
      case 2:
        filter->lifecycles = STAGE (LEAD) | STAGE (QUALIFIED) | STAGE (CHURNED);
        break;
      case 3:
        filter->source_id = fixture->first_source;
        break;
      case 4:
        filter->tag_id = fixture->tags[0];
        break;
      case 5:
        filter->tag_id = fixture->tags[2]; /* a handful: the few-matches plan */
        break;
      case 6:
        filter->score_min = 40;
        filter->score_max = 70;
        break;
      case 7:
        filter->score_min = 60;
        break;
      case 8:
        filter->owner = g_strdup (fixture->owner);
        break;
      case 9:
        filter->not_contacted_days = 30;
        break;
      case 10:
        filter->no_next_step = TRUE;
        break;
      case 11:
        filter->country = g_strdup (fixture->country);
        break;
      case 12:
        filter->lifecycles = STAGE (LEAD);
        filter->owner = g_strdup (fixture->owner);
        break;
      case 13:
        filter->tag_id = fixture->tags[1];
        filter->score_min = 20;
        filter->no_next_step = TRUE;
        break;
      case 14:
        filter->source_id = fixture->first_source;
        filter->not_contacted_days = 90;
        filter->country = g_strdup (fixture->country);
        break;
      case 15:
        filter->lifecycles = STAGE (OPPORTUNITY) | STAGE (ADVOCATE);
        filter->tag_id = fixture->tags[0];
        filter->score_max = 80;
        filter->owner = g_strdup (fixture->owner);
        filter->not_contacted_days = 7;
        filter->no_next_step = TRUE;
        break;
      case 16:
        filter->owner = g_strdup ("Nobody at all");
        break;
      default:
        crm_contact_filter_free (filter);
        return NULL;
    }
  return filter;
}

/* The model against plain SQL: the count, items at ~20 random positions, a run read page
 * after page (keyset), and the rows before a few keys. */
static void
check_model (Fixture *fixture,
             CrmContactListModel *model,
             const CrmContactFilter *filter,
             CrmContactSort sort,
             GRand *rand)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (model));
  g_autoptr (GArray) truth = NULL;
  guint start;

  g_assert_cmpuint (n, ==, truth_count (fixture, filter));
  if (n == 0)
    return;
  truth = truth_ids (fixture, filter, sort);
  g_assert_cmpuint (truth->len, ==, n);
  for (guint i = 0; i < 20; i++)
    {
      guint position = (guint) g_rand_int_range (rand, 0, (gint32) n);
      g_autoptr (CrmContact) item = g_list_model_get_item (G_LIST_MODEL (model), position);

      g_assert_nonnull (item);
      /* A few against their own OFFSET query, the rest against the whole ordered list. */
      g_assert_cmpint (crm_entity_object_get_id (CRM_ENTITY_OBJECT (item)), ==,
                       i < 3 ? truth_id_at (fixture, filter, sort, position)
                             : g_array_index (truth, gint64, position));
    }
  /* A run: the first page by offset, the next ones by keyset. */
  {
    start = (guint) g_rand_int_range (rand, 0, (gint32) n);
    for (guint position = start; position < MIN (n, start + 200); position++)
      {
        g_autoptr (CrmContact) item = g_list_model_get_item (G_LIST_MODEL (model), position);
        g_assert_cmpint (crm_entity_object_get_id (CRM_ENTITY_OBJECT (item)), ==,
                         g_array_index (truth, gint64, position));
      }
    for (guint i = 0; i < 3; i++)
      {
        guint position = (guint) g_rand_int_range (rand, 0, (gint32) n);
        guint found = G_MAXUINT;

        g_assert_true (
            crm_contact_list_model_find (model, g_array_index (truth, gint64, position), &found));
        g_assert_cmpuint (found, ==, position);
      }
  }
}

/* Every sort × every filter, with and without search words, against plain SQL. */
static void
test_every_sort_and_filter (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GRand) rand = g_rand_new_with_seed (11);
  g_autoptr (CrmContactListModel) model = crm_contact_list_model_new (fixture->repository);
  guint n_empty = 0, n_all = 0;

  g_assert_cmpint (truth_count (fixture, &(CrmContactFilter){ .score_min = -1, .score_max = -1 }),
                   ==, 3000);
  for (guint index = 0;; index++)
    {
      g_autoptr (CrmContactFilter) filter = make_filter (fixture, index);

      if (filter == NULL)
        break;
      for (guint searched = 0; searched < 2; searched++)
        {
          g_free (filter->text);
          filter->text = searched ? g_strdup (SEARCH) : NULL;
          crm_contact_list_model_set_filter (model, filter);
          g_assert_true (
              crm_contact_filter_equal (crm_contact_list_model_get_filter (model), filter));
          g_assert_cmpuint (crm_store_count_contacts_filtered (fixture->store, filter, NULL), ==,
                            truth_count (fixture, filter));
          for (CrmContactSort sort = 0; sort < CRM_CONTACT_N_SORTS; sort++)
            {
              crm_contact_list_model_set_sort (model, sort);
              check_model (fixture, model, filter, sort, rand);
            }
          n_empty += g_list_model_get_n_items (G_LIST_MODEL (model)) == 0;
          n_all += g_list_model_get_n_items (G_LIST_MODEL (model)) == 3000;
        }
    }
  /* The set covers lists of every size: none, all, and many between. */
  g_assert_cmpuint (n_empty, >=, 1);
  g_assert_cmpuint (n_all, ==, 1);
}

/* ---- Items-changed, exact ------------------------------------------------------------------- */

typedef struct
{
  GListModel *model;
  GArray *ids;
  guint n_signals;
  gboolean emptied; /* the last signal removed every row */
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
  /* A long list replacing another is said as all removed, then all added: the second half of
   * one replacement, not a change of its own (no row change adds so many). */
  if (mirror->emptied && position == 0 && removed == 0
      && added > 4 * CRM_CONTACT_LIST_MODEL_PAGE_SIZE)
    {
      mirror->emptied = FALSE;
      return;
    }
  mirror->emptied = removed > 0 && mirror->ids->len == 0;
  mirror->n_signals++;
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
on_list_items_changed (
    GListModel *model, guint position, guint removed, guint added, Mirror *mirror)
{
  g_array_remove_range (mirror->ids, position, removed);
  for (guint i = 0; i < added; i++)
    {
      g_autoptr (CrmSmartList) item = g_list_model_get_item (model, position + i);
      gint64 id = crm_smart_list_get_id (item);
      g_array_insert_val (mirror->ids, position + i, id);
    }
  g_assert_cmpuint (mirror->ids->len, ==, g_list_model_get_n_items (model));
  mirror->n_signals++;
}

/* A mirror of a list of CrmSmartList. */
static Mirror *
mirror_new_for_lists (gpointer model)
{
  Mirror *mirror = g_new0 (Mirror, 1);
  guint n = g_list_model_get_n_items (model);

  mirror->model = g_object_ref (model);
  mirror->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (CrmSmartList) item = g_list_model_get_item (model, i);
      gint64 id = crm_smart_list_get_id (item);
      g_array_append_val (mirror->ids, id);
    }
  g_signal_connect (model, "items-changed", G_CALLBACK (on_list_items_changed), mirror);
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
assert_mirror (Fixture *fixture,
               Mirror *mirror,
               const CrmContactFilter *filter,
               CrmContactSort sort)
{
  g_autoptr (GArray) truth = truth_ids (fixture, filter, sort);

  g_assert_cmpuint (mirror->ids->len, ==, truth->len);
  for (guint i = 0; i < truth->len; i++)
    g_assert_cmpint (g_array_index (mirror->ids, gint64, i), ==, g_array_index (truth, gint64, i));
}

static CrmContactRecord *
get_contact (Fixture *fixture, gint64 id)
{
  g_autoptr (GError) error = NULL;
  CrmContactRecord *contact = crm_store_get_contact (fixture->store, id, &error);

  g_assert_no_error (error);
  return contact;
}

static void
update_contact (Fixture *fixture, CrmContactRecord *contact)
{
  g_autoptr (GError) error = NULL;

  g_assert_true (crm_store_update_contact (fixture->store, contact, &error));
  g_assert_no_error (error);
}

static gint64
insert_contact (Fixture *fixture, const char *name, CrmLifecycleStage stage, int score)
{
  g_autoptr (CrmContactRecord) contact = crm_contact_record_new ();
  g_autoptr (GError) error = NULL;

  contact->name = g_strdup (name);
  contact->lifecycle = stage;
  contact->score = score;
  contact->owner = g_strdup ("Test Owner");
  g_assert_true (crm_store_insert_contact (fixture->store, contact, &error));
  g_assert_no_error (error);
  return contact->id;
}

static void
read_all (CrmContactListModel *model)
{
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (model)); i++)
    {
      g_autoptr (GObject) item = g_list_model_get_item (G_LIST_MODEL (model), i);
      g_assert_nonnull (item);
    }
}

/* A listed contact and an unlisted one, by plain SQL. */
static void
pick_listed_and_not (
    Fixture *fixture, const CrmContactFilter *filter, GRand *rand, gint64 *listed, gint64 *unlisted)
{
  g_autofree char *where = truth_where (filter);
  g_autofree char *in_sql
      = g_strdup_printf ("SELECT id FROM contacts c WHERE %s ORDER BY id", where);
  g_autofree char *out_sql
      = g_strdup_printf ("SELECT id FROM contacts c WHERE NOT (%s) ORDER BY id", where);
  g_autoptr (GArray) in = sql_ids (fixture, in_sql);
  g_autoptr (GArray) out = sql_ids (fixture, out_sql);

  g_assert_cmpuint (in->len, >, 2);
  g_assert_cmpuint (out->len, >, 2);
  *listed = g_array_index (in, gint64, g_rand_int_range (rand, 0, (gint32) in->len));
  *unlisted = g_array_index (out, gint64, g_rand_int_range (rand, 0, (gint32) out->len));
}

#define CHECK_SIGNALS(at_most)                                                                     \
  G_STMT_START                                                                                     \
  {                                                                                                \
    assert_mirror (fixture, mirror, filter, sort);                                                 \
    g_assert_cmpuint (mirror->n_signals - n_before, <=, (at_most));                                \
    n_before = mirror->n_signals;                                                                  \
  }                                                                                                \
  G_STMT_END

/* In every sort, through a filter that records, tags, next steps and search words all answer:
 * inserts, edits and deletes of listed and unlisted rows, rows that enter and leave, and the
 * mirror kept from the signals alone always equals plain SQL; a change outside the list says
 * nothing, one inside says it in one or two signals. */
static void
test_items_changed_exact (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GRand) rand = g_rand_new_with_seed (5);

  for (CrmContactSort sort = 0; sort < CRM_CONTACT_N_SORTS; sort++)
    for (guint variant = 0; variant < 3; variant++)
      {
        g_autoptr (CrmContactFilter) filter = crm_contact_filter_new ();
        g_autoptr (CrmContactListModel) model = crm_contact_list_model_new (fixture->repository);
        g_autoptr (Mirror) mirror = NULL;
        g_autoptr (GError) error = NULL;
        gint64 listed, unlisted, id;
        guint n_before;

        filter->now = REFERENCE_DAY;
        filter->lifecycles = STAGE (LEAD) | STAGE (CUSTOMER) | STAGE (QUALIFIED);
        filter->score_max = 90;
        if (variant == 1)
          filter->tag_id = fixture->tags[0];
        if (variant == 2)
          {
            filter->no_next_step = TRUE;
            filter->text = g_strdup (SEARCH);
          }
        crm_contact_list_model_set_sort (model, sort);
        crm_contact_list_model_set_filter (model, filter);
        mirror = mirror_new (model);
        n_before = mirror->n_signals;
        assert_mirror (fixture, mirror, filter, sort);

        /* Inserts: one that the filter passes (with the search words and the tag when they
         * apply), one it does not. */
        id = insert_contact (fixture, "Anna Newcomer", CRM_LIFECYCLE_CUSTOMER, 50);
        if (variant == 1)
          {
            CrmContactSelection one = { &id, 1, FALSE, NULL };
            g_assert_true (
                crm_store_tag_contacts (fixture->store, &one, fixture->tags[0], NULL, &error));
          }
        CHECK_SIGNALS (1);
        insert_contact (fixture, "Anna Outsider", CRM_LIFECYCLE_CHURNED, 50);
        CHECK_SIGNALS (0);
        /* Placed among the pages read. */
        read_all (model);
        insert_contact (fixture, "Anna Read", CRM_LIFECYCLE_CUSTOMER, 50);
        CHECK_SIGNALS (variant == 1 ? 0 : 1);

        for (guint round = 0; round < 3; round++)
          {
            g_autoptr (CrmContactRecord) moved = NULL;
            g_autoptr (CrmContactRecord) other = NULL;

            /* Every other round with the whole list read (the model then places rows from
             * the pages it holds), else with the one page the last signal read. */
            if (round != 1)
              read_all (model);
            pick_listed_and_not (fixture, filter, rand, &listed, &unlisted);
            /* A listed row moves in every order (name, score, last contact, capture, company),
             * staying listed. */
            moved = get_contact (fixture, listed);
            g_free (moved->name);
            moved->name = g_strdup_printf ("Anne %c%u", 'A' + round * 9, round);
            moved->score = (moved->score + 37) % 91;
            moved->last_contacted_at = round == 1 ? 0 : REFERENCE_DAY - 86400 * (round + 3);
            moved->captured_at = REFERENCE_DAY - 3600 * (round * 1000 + 17);
            moved->company_id
                = sql_int (fixture, round == 2 ? "SELECT 0" : "SELECT max (id) FROM companies");
            update_contact (fixture, moved);
            CHECK_SIGNALS (2);
            /* An unlisted row edited without entering. */
            other = get_contact (fixture, unlisted);
            g_free (other->title);
            other->title = g_strdup ("Unseen change");
            update_contact (fixture, other);
            CHECK_SIGNALS (0);
            /* The listed row leaves (lifecycle), then comes back. */
            moved->lifecycle = CRM_LIFECYCLE_CHURNED;
            update_contact (fixture, moved);
            CHECK_SIGNALS (1);
            moved->lifecycle = CRM_LIFECYCLE_LEAD;
            update_contact (fixture, moved);
            CHECK_SIGNALS (1);
          }

        /* Tags: the filter's tag taken off a listed row and put back. */
        if (variant == 1)
          {
            CrmContactSelection one = { &listed, 1, FALSE, NULL };

            pick_listed_and_not (fixture, filter, rand, &listed, &unlisted);
            g_assert_true (
                crm_store_untag_contacts (fixture->store, &one, fixture->tags[0], NULL, &error));
            CHECK_SIGNALS (1);
            g_assert_true (
                crm_store_tag_contacts (fixture->store, &one, fixture->tags[0], NULL, &error));
            CHECK_SIGNALS (1);
            g_assert_no_error (error);
          }
        /* Next steps: a listed row gets one (leaves), it is done (comes back). */
        if (variant == 2)
          {
            g_autoptr (CrmActivityRecord) task = NULL;
            gint64 task_id;

            pick_listed_and_not (fixture, filter, rand, &listed, &unlisted);
            task_id = make_task (fixture, listed, REFERENCE_DAY + 86400, FALSE);
            CHECK_SIGNALS (1);
            task = crm_store_get_activity (fixture->store, task_id, &error);
            task->done = TRUE;
            g_assert_true (crm_store_update_activity (fixture->store, task, &error));
            CHECK_SIGNALS (1);
            task->done = FALSE;
            g_assert_true (crm_store_update_activity (fixture->store, task, &error));
            CHECK_SIGNALS (1);
            g_assert_true (crm_store_delete_activity (fixture->store, task_id, &error));
            CHECK_SIGNALS (1);
            g_assert_no_error (error);
            /* The search words: a listed row renamed out of them, and back. */
            {
              g_autoptr (CrmContactRecord) renamed = get_contact (fixture, listed);

              g_free (renamed->name);
              renamed->name = g_strdup ("Zz Qq");
              g_free (renamed->email);
              renamed->email = NULL;
              g_free (renamed->notes);
              renamed->notes = NULL;
              g_free (renamed->title);
              renamed->title = NULL;
              renamed->company_id = 0;
              update_contact (fixture, renamed);
              CHECK_SIGNALS (1);
              g_free (renamed->name);
              renamed->name = g_strdup ("Anatole Qq");
              update_contact (fixture, renamed);
              CHECK_SIGNALS (1);
            }
          }

        /* Deletes: an unlisted row (silent), a listed one (found among the pages read). */
        read_all (model);
        pick_listed_and_not (fixture, filter, rand, &listed, &unlisted);
        g_assert_true (crm_store_delete_contact (fixture->store, unlisted, &error));
        CHECK_SIGNALS (0);
        g_assert_true (crm_store_delete_contact (fixture->store, listed, &error));
        CHECK_SIGNALS (1);
        g_assert_no_error (error);

        /* A company renamed (the company order and the search follow its name). */
        {
          g_autoptr (CrmCompanyRecord) company = crm_store_get_company (
              fixture->store, sql_int (fixture, "SELECT min (company_id) FROM contacts"), &error);
          g_free (company->name);
          company->name = g_strdup_printf ("aaa Renamed %u", sort * 3 + variant);
          g_assert_true (crm_store_update_company (fixture->store, company, &error));
          assert_mirror (fixture, mirror, filter, sort);
        }
        /* One commit that writes many contacts: one replacement, and right. */
        {
          g_autoptr (GArray) ids = sql_ids (fixture, "SELECT id FROM contacts WHERE id % 11 = 3");
          CrmContactSelection selection = { (const gint64 *) ids->data, ids->len, FALSE, NULL };

          n_before = mirror->n_signals;
          g_assert_true (crm_store_set_contacts_lifecycle (fixture->store, &selection,
                                                           CRM_LIFECYCLE_CUSTOMER, NULL, &error));
          CHECK_SIGNALS (1);
        }
      }
}

/* Several rows of one commit, each with its own signal (an undo of a few edits): one
 * replacement, and the mirror is right. */
static gboolean
edit_two (CrmStore *store, gpointer user_data, GError **error)
{
  gint64 *ids = user_data;
  g_autoptr (CrmContactRecord) a = crm_store_get_contact (store, ids[0], error);
  g_autoptr (CrmContactRecord) b = crm_store_get_contact (store, ids[1], error);

  a->lifecycle = CRM_LIFECYCLE_CHURNED;
  b->score = 3;
  return crm_store_update_contact (store, a, error) && crm_store_update_contact (store, b, error);
}

static void
test_items_changed_batch (Fixture *fixture, gconstpointer data)
{
  g_autoptr (CrmContactFilter) filter = crm_contact_filter_new ();
  g_autoptr (CrmContactListModel) model = crm_contact_list_model_new (fixture->repository);
  g_autoptr (Mirror) mirror = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GArray) ids = NULL;
  CrmContactSort sort = CRM_CONTACT_SORT_SCORE;
  guint n_before;

  filter->lifecycles = STAGE (LEAD) | STAGE (CUSTOMER);
  filter->now = REFERENCE_DAY;
  crm_contact_list_model_set_filter (model, filter);
  crm_contact_list_model_set_sort (model, sort);
  mirror = mirror_new (model);
  n_before = mirror->n_signals;
  ids = sql_ids (fixture, "SELECT id FROM contacts WHERE lifecycle IN ('lead', 'customer') "
                          "ORDER BY score DESC LIMIT 2");
  g_assert_true (crm_undo_manager_record (fixture->undo, "Two", edit_two, ids->data, &error));
  g_assert_no_error (error);
  CHECK_SIGNALS (1);
  g_assert_true (crm_undo_manager_undo (fixture->undo, &error));
  g_assert_no_error (error);
  CHECK_SIGNALS (1);
}

/* ---- Any text is safe ----------------------------------------------------------------------- */

static void
test_hostile_text (Fixture *fixture, gconstpointer data)
{
  g_autofree char *long_text = g_strnfill (10 * 1024, 'x');
  g_autofree char *long_words = NULL;
  const char *hostile[] = {
    "\"",         "\"\"",    "'",        "*",           "a*",      "NEAR(a b)",
    "a AND OR b", "NOT",     "-a",       "a:b",         "(",       ")",
    "^a",         "col:foo", "\x01\x02", "😀 ann",       "an\"na",  "'; DROP TABLE contacts; --",
    "%_%",        "\\",      "   ",      "\xff\xfe ok", long_text, NULL,
  };
  g_autoptr (CrmContactListModel) model = crm_contact_list_model_new (fixture->repository);
  guint n_all = g_list_model_get_n_items (G_LIST_MODEL (model));

  {
    GString *words = g_string_new (NULL);
    for (guint i = 0; i < 2000; i++)
      g_string_append (words, "an ");
    long_words = g_string_free (words, FALSE);
  }
  for (guint i = 0; i < G_N_ELEMENTS (hostile); i++)
    {
      const char *text = i < G_N_ELEMENTS (hostile) - 1 ? hostile[i] : long_words;
      g_autoptr (CrmContactFilter) filter = crm_contact_filter_new ();
      g_autoptr (GError) error = NULL;
      g_autoptr (GPtrArray) page = NULL;
      g_autoptr (CrmContactFilter) parsed = NULL;
      g_autofree char *saved = NULL;

      if (text == NULL)
        continue;
      filter->text = g_strdup (text);
      filter->owner = g_strdup (text);
      filter->country = g_strdup (text);
      crm_store_count_contacts_filtered (fixture->store, filter, &error);
      g_assert_no_error (error);
      for (CrmContactSort sort = 0; sort < CRM_CONTACT_N_SORTS; sort++)
        {
          CrmContactSortKey key = { text, 5, 10 };

          page = crm_store_fetch_contacts_filtered (fixture->store, sort, filter, NULL, 0, 10,
                                                    &error);
          g_assert_no_error (error);
          g_clear_pointer (&page, g_ptr_array_unref);
          page = crm_store_fetch_contacts_filtered (fixture->store, sort, filter, &key, 0, 10,
                                                    &error);
          g_assert_no_error (error);
          g_clear_pointer (&page, g_ptr_array_unref);
          crm_store_count_contacts_before_filtered (fixture->store, sort, filter, &key, &error);
          g_assert_no_error (error);
        }
      /* Through the model: the search alone. */
      crm_contact_list_model_set_search (model, text);
      for (guint p = 0; p < MIN (3, g_list_model_get_n_items (G_LIST_MODEL (model))); p++)
        {
          g_autoptr (GObject) item = g_list_model_get_item (G_LIST_MODEL (model), p);
          g_assert_nonnull (item);
        }
      /* And as text, when it is valid UTF-8: it comes back the same. */
      if (g_utf8_validate (text, -1, NULL))
        {
          saved = crm_contact_filter_to_string (filter);
          parsed = crm_contact_filter_parse (saved, &error);
          g_assert_no_error (error);
          g_assert_true (crm_contact_filter_equal (parsed, filter));
        }
    }
  crm_contact_list_model_set_search (model, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, n_all);
}

/* ---- Filters as text ------------------------------------------------------------------------ */

static void
test_filter_text (void)
{
  g_autoptr (CrmContactFilter) filter = crm_contact_filter_new ();
  g_autoptr (CrmContactFilter) parsed = NULL;
  g_autoptr (CrmContactFilter) empty = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *empty_text = NULL;
  static const char *const bad[] = {
    "",
    "not a key file",
    "[Other]\nscore-min=3\n",
    "[Filter]\nscore-min=abc\n",
    "[Filter]\nscore-min=101\n",
    "[Filter]\nscore-min=90\nscore-max=10\n",
    "[Filter]\nlifecycles=lead;bogus;\n",
    "[Filter]\nnot-contacted-days=-4\n",
    "[Filter]\nnot-contacted-days=99999999999\n",
    "[Filter]\nno-next-step=perhaps\n",
    "[Filter]\ntag=-1\n",
    "[Filter]\nsource=1e400\n",
    "[Filter]\nowner=\xff\xfe\n",
    "\xff\xfe[Filter]\n",
    "[Filter\n",
  };

  empty_text = crm_contact_filter_to_string (NULL);
  empty = crm_contact_filter_parse (empty_text, &error);
  g_assert_no_error (error);
  g_assert_true (crm_contact_filter_is_empty (empty));

  filter->lifecycles = STAGE (LEAD) | STAGE (ADVOCATE);
  filter->source_id = 4;
  filter->tag_id = 77;
  filter->score_min = 0;
  filter->score_max = 100;
  filter->owner = g_strdup ("Zoë \"Z\" O'Hara\nsecond line; [x] = y #");
  filter->not_contacted_days = 45;
  filter->no_next_step = TRUE;
  filter->country = g_strdup ("Côte d’Ivoire");
  filter->text = g_strdup ("AT&T <Sales> \"Intl\" 😀");
  g_assert_cmpuint (crm_contact_filter_count_criteria (filter), ==, 8);
  text = crm_contact_filter_to_string (filter);
  parsed = crm_contact_filter_parse (text, &error);
  g_assert_no_error (error);
  g_assert_true (crm_contact_filter_equal (parsed, filter));
  g_assert_cmpstr (parsed->owner, ==, filter->owner);
  g_assert_cmpstr (parsed->text, ==, filter->text);
  g_assert_cmpuint (parsed->lifecycles, ==, filter->lifecycles);
  g_assert_false (crm_contact_filter_equal (parsed, empty));

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr (CrmContactFilter) refused = crm_contact_filter_parse (bad[i], &error);

      g_assert_null (refused);
      g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID);
      g_clear_error (&error);
    }
  g_assert_null (crm_contact_filter_parse (NULL, &error));
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID);
  g_clear_error (&error);

  /* Keys a newer Rapport may add are passed over. */
  {
    g_autoptr (CrmContactFilter) newer
        = crm_contact_filter_parse ("[Filter]\nversion=2\nscore-min=5\nmood=happy\n", &error);
    g_assert_no_error (error);
    g_assert_cmpint (newer->score_min, ==, 5);
  }
}

/* ---- Smart lists ------------------------------------------------------------------------------ */

static gint64
make_smart_list (Fixture *fixture, const char *name, const CrmContactFilter *filter)
{
  g_autoptr (CrmSmartListRecord) list = crm_smart_list_record_new ();
  g_autoptr (GError) error = NULL;

  list->name = g_strdup (name);
  list->filter = crm_contact_filter_to_string (filter);
  g_assert_true (crm_store_insert_smart_list (fixture->store, list, &error));
  g_assert_no_error (error);
  return list->id;
}

static guint
smart_list_count (Fixture *fixture, gint64 id)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CrmSmartListRecord) list = crm_store_get_smart_list (fixture->store, id, &error);
  g_autoptr (CrmContactFilter) filter = NULL;
  guint count;

  g_assert_no_error (error);
  filter = crm_contact_filter_parse (list->filter, &error);
  g_assert_no_error (error);
  filter->now = REFERENCE_DAY;
  count = crm_store_count_contacts_filtered (fixture->store, filter, &error);
  g_assert_no_error (error);
  return count;
}

static gboolean
delete_smart_list (CrmStore *store, gpointer user_data, GError **error)
{
  return crm_store_delete_smart_list (store, *(gint64 *) user_data, error);
}

static gboolean
make_customers (CrmStore *store, gpointer user_data, GError **error)
{
  return crm_store_set_contacts_lifecycle (store, user_data, CRM_LIFECYCLE_CUSTOMER, NULL, error);
}

static void
test_smart_lists (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) lists = NULL;
  g_autoptr (CrmSmartListRecord) before = NULL;
  g_autoptr (CrmSmartListRecord) back = NULL;
  gint64 ids[5];

  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      g_autoptr (CrmContactFilter) filter = make_filter (fixture, i * 3 + 1);
      g_autofree char *name = g_strdup_printf ("List <%u> & “more”", i);

      if (i == 4)
        filter->text = g_strdup (SEARCH);
      ids[i] = make_smart_list (fixture, name, filter);
      g_assert_cmpuint (smart_list_count (fixture, ids[i]), ==, truth_count (fixture, filter));
    }
  lists = crm_store_list_smart_lists (fixture->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (lists->len, ==, G_N_ELEMENTS (ids));

  /* The counts follow the contacts: a bulk edit of half of them. */
  {
    g_autoptr (CrmContactFilter) half = crm_contact_filter_new ();
    CrmContactSelection selection = { NULL, 0, TRUE, half };

    half->score_min = 50;
    g_assert_true (
        crm_undo_manager_record (fixture->undo, "Customers", make_customers, &selection, &error));
    g_assert_no_error (error);
    for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
      {
        g_autoptr (CrmContactFilter) filter = make_filter (fixture, i * 3 + 1);
        if (i == 4)
          filter->text = g_strdup (SEARCH);
        g_assert_cmpuint (smart_list_count (fixture, ids[i]), ==, truth_count (fixture, filter));
      }
    g_assert_true (crm_undo_manager_undo (fixture->undo, &error));
    g_assert_no_error (error);
  }

  /* A name is needed, and a filter that reads. */
  {
    g_autoptr (CrmSmartListRecord) nameless = crm_smart_list_record_new ();
    g_autoptr (CrmSmartListRecord) garbled = crm_smart_list_record_new ();

    nameless->name = g_strdup ("  ");
    nameless->filter = crm_contact_filter_to_string (NULL);
    g_assert_false (crm_store_insert_smart_list (fixture->store, nameless, &error));
    g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID);
    g_clear_error (&error);
    garbled->name = g_strdup ("Garbled");
    garbled->filter = g_strdup ("[Filter]\nscore-min=lots\n");
    g_assert_false (crm_store_insert_smart_list (fixture->store, garbled, &error));
    g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID);
    g_clear_error (&error);
  }

  /* Rename; delete, undone: the same row comes back. */
  before = crm_store_get_smart_list (fixture->store, ids[2], &error);
  {
    g_autoptr (CrmSmartListRecord) renamed = crm_smart_list_record_copy (before);
    g_free (renamed->name);
    renamed->name = g_strdup ("Renamed");
    g_assert_true (crm_store_update_smart_list (fixture->store, renamed, &error));
    g_assert_no_error (error);
    g_clear_pointer (&before, crm_smart_list_record_free);
    before = crm_store_get_smart_list (fixture->store, ids[2], &error);
    g_assert_cmpstr (before->name, ==, "Renamed");
  }
  g_assert_true (
      crm_undo_manager_record (fixture->undo, "Deleted", delete_smart_list, &ids[2], &error));
  g_assert_no_error (error);
  g_assert_null (crm_store_get_smart_list (fixture->store, ids[2], &error));
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_true (crm_undo_manager_undo (fixture->undo, &error));
  g_assert_no_error (error);
  back = crm_store_get_smart_list (fixture->store, ids[2], &error);
  g_assert_no_error (error);
  g_assert_cmpstr (back->uuid, ==, before->uuid);
  g_assert_cmpstr (back->name, ==, before->name);
  g_assert_cmpstr (back->filter, ==, before->filter);
  g_assert_cmpint (back->position, ==, before->position);
}

/* ---- Bulk edits ------------------------------------------------------------------------------ */

typedef struct
{
  guint n_resets;
  guint n_rows;
} SignalCount;

static void
on_changed (
    CrmStore *store, guint entity, guint action, gint64 id, gpointer old_record, SignalCount *count)
{
  if (entity != CRM_ENTITY_CONTACT)
    return;
  if (action == CRM_CHANGE_RESET)
    count->n_resets++;
  else
    count->n_rows++;
}

static gboolean
tag_all_but (CrmStore *store, gpointer user_data, GError **error)
{
  const CrmContactSelection *selection = user_data;
  guint n_changed = 0;

  if (!crm_store_tag_contacts (store, selection, selection->filter->tag_id + 1, &n_changed, error))
    return FALSE;
  g_assert_cmpuint (n_changed, >, 0);
  return TRUE;
}

static void
test_bulk_edits (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CrmContactFilter) filter = crm_contact_filter_new ();
  g_autoptr (GArray) ids = sql_ids (fixture, "SELECT id FROM contacts WHERE id % 13 = 2");
  g_autofree char *tags_before
      = sql_text (fixture, "SELECT group_concat (contact_id || ':' || tag_id) FROM contact_tags");
  SignalCount count = { 0, 0 };
  gulong handler = g_signal_connect (fixture->store, "changed", G_CALLBACK (on_changed), &count);
  CrmContactSelection by_ids = { (const gint64 *) ids->data, ids->len, FALSE, NULL };
  CrmContactSelection by_filter = { (const gint64 *) ids->data, ids->len, TRUE, filter };
  guint n_changed = 0;
  gint64 expected;

  /* By ids: only the rows that change are written, with one reset. */
  expected = sql_int (
      fixture, "SELECT count(*) FROM contacts WHERE id % 13 = 2 AND lifecycle <> 'advocate'");
  g_assert_true (crm_store_set_contacts_lifecycle (fixture->store, &by_ids, CRM_LIFECYCLE_ADVOCATE,
                                                   &n_changed, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_changed, ==, expected);
  g_assert_cmpuint (count.n_resets, ==, 1);
  g_assert_cmpuint (count.n_rows, ==, 0);
  g_assert_cmpint (
      sql_int (fixture,
               "SELECT count(*) FROM contacts WHERE id % 13 = 2 AND lifecycle <> 'advocate'"),
      ==, 0);

  /* By filter, all but the ids: every contact the filter passes, without reading them. */
  filter->tag_id = fixture->tags[0];
  expected = sql_int (fixture, "SELECT count(*) FROM contacts c WHERE EXISTS (SELECT 1 FROM "
                               "contact_tags t WHERE t.contact_id = c.id AND t.tag_id = "
                               "(SELECT min (id) FROM tags)) AND c.id % 13 <> 2 AND NOT EXISTS "
                               "(SELECT 1 FROM contact_tags t WHERE t.contact_id = c.id AND "
                               "t.tag_id = (SELECT min (id) FROM tags) + 1)");
  g_assert_cmpint (fixture->tags[1], ==, fixture->tags[0] + 1);
  g_assert_true (
      crm_undo_manager_record (fixture->undo, "Tagged", tag_all_but, &by_filter, &error));
  g_assert_no_error (error);
  g_assert_cmpint (
      sql_int (fixture, "SELECT count(*) FROM contacts c WHERE EXISTS (SELECT 1 FROM "
                        "contact_tags t WHERE t.contact_id = c.id AND t.tag_id = (SELECT min (id) "
                        "FROM tags)) AND c.id % 13 <> 2 AND NOT EXISTS (SELECT 1 FROM "
                        "contact_tags t WHERE t.contact_id = c.id AND t.tag_id = (SELECT min (id) "
                        "FROM tags) + 1)"),
      ==, 0);
  g_assert_cmpint (expected, >, 0);
  g_assert_true (crm_undo_manager_undo (fixture->undo, &error));
  g_assert_no_error (error);
  {
    g_autofree char *tags_undone
        = sql_text (fixture, "SELECT group_concat (contact_id || ':' || tag_id) FROM contact_tags");
    g_assert_cmpstr (tags_undone, ==, tags_before);
  }

  /* Untag by ids, undone. */
  g_assert_true (
      crm_store_untag_contacts (fixture->store, &by_ids, fixture->tags[0], &n_changed, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_changed, >, 0);

  /* A tag that is gone: a clear error, and nothing written. */
  {
    gint64 log_before = sql_int (fixture, "SELECT max (id) FROM change_log");
    g_assert_false (crm_store_tag_contacts (fixture->store, &by_ids, 999999, &n_changed, &error));
    g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND);
    g_clear_error (&error);
    g_assert_cmpint (sql_int (fixture, "SELECT max (id) FROM change_log"), ==, log_before);
  }
  g_signal_handler_disconnect (fixture->store, handler);
}

/* ---- The smart lists' model: counted in a worker, following changes ------------------------- */

static void
wait_for_counts (CrmSmartListModel *model)
{
  while (crm_smart_list_model_get_counting (model))
    g_main_context_iteration (NULL, TRUE);
}

static void
assert_smart_counts (Fixture *fixture, CrmSmartListModel *model)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (model));

  wait_for_counts (model);
  g_assert_cmpint (crm_smart_list_model_get_all_count (model), ==,
                   sql_int (fixture, "SELECT count(*) FROM contacts"));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (CrmSmartList) list = g_list_model_get_item (G_LIST_MODEL (model), i);
      g_autoptr (CrmContactFilter) filter = crm_smart_list_dup_filter (list, NULL);

      g_assert_nonnull (filter);
      filter->now = REFERENCE_DAY;
      g_assert_cmpint (crm_smart_list_get_count (list), ==, truth_count (fixture, filter));
    }
}

static void
test_smart_list_model (Fixture *fixture, gconstpointer data)
{
  g_autoptr (CrmSmartListModel) model = crm_smart_list_model_new (fixture->store);
  g_autoptr (Mirror) mirror = NULL;
  g_autoptr (GError) error = NULL;
  gint64 ids[4];

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      g_autoptr (CrmContactFilter) filter = make_filter (fixture, i * 4 + 1);
      g_autofree char *name = g_strdup_printf ("List %u", i);

      /* Counted at the moment of counting: no pinned now, and no days (the truth would need
       * the same second). */
      filter->not_contacted_days = 0;
      ids[i] = make_smart_list (fixture, name, filter);
    }
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, G_N_ELEMENTS (ids));
  assert_smart_counts (fixture, model);

  /* The counts follow the contacts. */
  {
    g_autoptr (CrmContactFilter) half = crm_contact_filter_new ();
    CrmContactSelection selection = { NULL, 0, TRUE, half };

    half->score_max = 40;
    g_assert_true (crm_store_set_contacts_lifecycle (fixture->store, &selection,
                                                     CRM_LIFECYCLE_CUSTOMER, NULL, &error));
    g_assert_no_error (error);
    g_assert_true (crm_smart_list_model_get_counting (model));
    assert_smart_counts (fixture, model);
    insert_contact (fixture, "Counted Too", CRM_LIFECYCLE_CUSTOMER, 10);
    assert_smart_counts (fixture, model);
  }

  /* Renamed, deleted and added lists: exact signals. */
  mirror = mirror_new_for_lists (model);
  {
    g_autoptr (CrmSmartListRecord) list = crm_store_get_smart_list (fixture->store, ids[1], NULL);
    g_free (list->name);
    list->name = g_strdup ("Renamed");
    g_assert_true (crm_store_update_smart_list (fixture->store, list, &error));
    g_assert_cmpstr (crm_smart_list_get_name (crm_smart_list_model_lookup (model, ids[1])), ==,
                     "Renamed");
  }
  g_assert_cmpuint (mirror->n_signals, ==, 0);
  g_assert_true (crm_store_delete_smart_list (fixture->store, ids[2], &error));
  g_assert_cmpuint (mirror->n_signals, ==, 1);
  g_assert_null (crm_smart_list_model_lookup (model, ids[2]));
  make_smart_list (fixture, "Last", NULL);
  g_assert_cmpuint (mirror->n_signals, ==, 2);
  {
    g_autoptr (GArray) truth
        = sql_ids (fixture, "SELECT id FROM smart_lists ORDER BY position, id");
    g_assert_cmpuint (truth->len, ==, mirror->ids->len);
    for (guint i = 0; i < truth->len; i++)
      g_assert_cmpint (g_array_index (truth, gint64, i), ==,
                       g_array_index (mirror->ids, gint64, i));
  }
  assert_smart_counts (fixture, model);
  g_assert_no_error (error);
}

/* ---- The companies, paged by name ----------------------------------------------------------- */

static gint64
make_company (Fixture *fixture, const char *name)
{
  g_autoptr (CrmCompanyRecord) company = crm_company_record_new ();
  g_autoptr (GError) error = NULL;

  company->name = g_strdup (name);
  g_assert_true (crm_store_insert_company (fixture->store, company, &error));
  g_assert_no_error (error);
  return company->id;
}

static void
assert_companies (Fixture *fixture, Mirror *mirror, const char *where)
{
  g_autofree char *sql = g_strdup_printf (
      "SELECT id FROM companies WHERE %s ORDER BY name COLLATE NOCASE, id", where);
  g_autoptr (GArray) truth = sql_ids (fixture, sql);

  g_assert_cmpuint (mirror->ids->len, ==, truth->len);
  for (guint i = 0; i < truth->len; i++)
    g_assert_cmpint (g_array_index (mirror->ids, gint64, i), ==, g_array_index (truth, gint64, i));
}

static void
test_company_list_model (Fixture *fixture, gconstpointer data)
{
  g_autoptr (CrmCompanyListModel) model = crm_company_list_model_new (fixture->repository);
  g_autoptr (Mirror) mirror = mirror_new (model);
  g_autoptr (GError) error = NULL;
  g_autoptr (CrmCompanyRecord) moved = NULL;
  gint64 id;

  g_assert_cmpuint (mirror->ids->len, >, 100);
  assert_companies (fixture, mirror, "1");
  id = make_company (fixture, "AT&T <Sales> \"Intl\"");
  g_assert_cmpuint (mirror->n_signals, ==, 1);
  assert_companies (fixture, mirror, "1");
  make_company (fixture, "zzz last");
  assert_companies (fixture, mirror, "1");
  moved = crm_store_get_company (fixture->store, id, &error);
  g_free (moved->name);
  moved->name = g_strdup ("mmm Middle");
  g_assert_true (crm_store_update_company (fixture->store, moved, &error));
  g_assert_cmpuint (mirror->n_signals, ==, 4);
  assert_companies (fixture, mirror, "1");
  g_free (moved->name);
  moved->name = g_strdup ("AAA first");
  g_assert_true (crm_store_update_company (fixture->store, moved, &error));
  assert_companies (fixture, mirror, "1");
  g_assert_true (crm_store_delete_company (fixture->store, id, &error));
  assert_companies (fixture, mirror, "1");
  g_assert_no_error (error);

  crm_company_list_model_set_search (model, "light");
  assert_companies (
      fixture, mirror,
      "id IN (SELECT rowid FROM companies_fts WHERE companies_fts MATCH '\"light\"*')");
  g_assert_cmpuint (mirror->ids->len, >, 0);
  crm_company_list_model_set_search (model, "\"*) OR NEAR");
  crm_company_list_model_set_search (model, NULL);
  assert_companies (fixture, mirror, "1");
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/contact-filter/text", test_filter_text);
  TEST_F ("/contact-filter/every-sort-and-filter", test_every_sort_and_filter, 3000);
  TEST_F ("/contact-filter/items-changed/exact", test_items_changed_exact, 1500);
  TEST_F ("/contact-filter/items-changed/batch", test_items_changed_batch, 600);
  TEST_F ("/contact-filter/hostile-text", test_hostile_text, 300);
  TEST_F ("/contact-filter/smart-lists", test_smart_lists, 1500);
  TEST_F ("/contact-filter/bulk-edits", test_bulk_edits, 800);
  TEST_F ("/contact-filter/smart-list-model", test_smart_list_model, 1200);
  TEST_F ("/contact-filter/company-list-model", test_company_list_model, 1500);

  return g_test_run ();
}

/* crm-store-contact-sql.c — the contact list's sort orders and filters as SQL (see the header),
 * shared by the list's counts and pages (crm-store-contact-list.c) and its bulk edits
 * (crm-store-contact-edits.c). */
#include "config.h"

#include <string.h>

#include "crm-store-contact-sql.h"

/* Stands in for "no company" in the company order: the largest character, so those last. */
#define NO_COMPANY_KEY "\xf4\x8f\xbf\xbf"

/* ---- Sort orders ------------------------------------------------------------------------ */

const CrmContactSortSql crm_contact_sort_sql[CRM_CONTACT_N_SORTS] = {
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
  const CrmContactSortSql *spec;
  int order;

  g_return_val_if_fail (sort < CRM_CONTACT_N_SORTS, 0);

  spec = &crm_contact_sort_sql[sort];
  if (spec->text)
    order = compare_nocase (a->name, b->name);
  else
    order = (a->number > b->number) - (a->number < b->number);
  if (order == 0)
    order = (a->id > b->id) - (a->id < b->id);
  return spec->descending ? -order : order;
}

/* ---- A filter as SQL -------------------------------------------------------------------- */

static void
add_term (CrmContactFilterSql *sql, const char *term)
{
  if (sql->n_terms++ > 0)
    g_string_append (sql->where, " AND ");
  g_string_append (sql->where, term);
}

/* The terms of @filter, each with named parameters (see crm_contact_filter_sql_bind). */
void
crm_contact_filter_sql_init (CrmContactFilterSql *sql, const CrmContactFilter *filter)
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

void
crm_contact_filter_sql_clear (CrmContactFilterSql *sql)
{
  g_string_free (sql->where, TRUE);
  g_free (sql->match);
}

void
crm_store_bind_text_named (sqlite3_stmt *statement, const char *name, const char *text)
{
  int index = sqlite3_bind_parameter_index (statement, name);

  if (index > 0)
    sqlite3_bind_text (statement, index, text, -1, SQLITE_TRANSIENT);
}

void
crm_store_bind_int64_named (sqlite3_stmt *statement, const char *name, gint64 value)
{
  int index = sqlite3_bind_parameter_index (statement, name);

  if (index > 0)
    sqlite3_bind_int64 (statement, index, value);
}

void
crm_contact_filter_sql_bind (const CrmContactFilterSql *sql, sqlite3_stmt *statement)
{
  const CrmContactFilter *filter = sql->filter;

  if (filter == NULL)
    return;
  for (guint stage = 0; stage <= CRM_LIFECYCLE_CHURNED; stage++)
    if (filter->lifecycles & (1u << stage))
      {
        char name[32];

        g_snprintf (name, sizeof name, ":lifecycle%u", stage);
        crm_store_bind_text_named (statement, name, crm_lifecycle_stage_to_string (stage));
      }
  crm_store_bind_int64_named (statement, ":source", filter->source_id);
  crm_store_bind_int64_named (statement, ":tag", filter->tag_id);
  crm_store_bind_int64_named (statement, ":score_min", filter->score_min);
  crm_store_bind_int64_named (statement, ":score_max", filter->score_max);
  if (crm_contact_filter_get_owner (filter) != NULL)
    crm_store_bind_text_named (statement, ":owner", crm_contact_filter_get_owner (filter));
  crm_store_bind_int64_named (statement, ":contacted_before", sql->contacted_before);
  if (crm_contact_filter_get_country (filter) != NULL)
    crm_store_bind_text_named (statement, ":country", crm_contact_filter_get_country (filter));
  if (sql->match != NULL)
    crm_store_bind_text_named (statement, ":match", sql->match);
}

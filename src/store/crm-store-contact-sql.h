/* crm-store-contact-sql.h — the contact list's sort orders and filters as SQL, private to the
 * store: each order's key expression and index, and a CrmContactFilter written as terms of a
 * WHERE clause with named parameters (filters and search words are always bound, the SQL text
 * only names columns). */
#pragma once

#include "crm-store-private.h"

G_BEGIN_DECLS

typedef struct
{
  const char *key;     /* the sort key, an indexed expression */
  const char *index;   /* the index in its order */
  gboolean text;       /* a name, compared case-blind; else a number */
  gboolean descending; /* largest first (and the id too, so an index serves it backwards) */
} CrmContactSortSql;

/* Each order's SQL, by CrmContactSort. */
extern const CrmContactSortSql crm_contact_sort_sql[CRM_CONTACT_N_SORTS];

typedef struct
{
  const CrmContactFilter *filter; /* NULL: every contact */
  GString *where;                 /* terms joined by AND, "1" when none */
  guint n_terms;
  char *match; /* the FTS query of the search words */
  gint64 contacted_before;
} CrmContactFilterSql;

/* The terms of @filter (NULL: every contact), each with named parameters: bind them with
 * crm_contact_filter_sql_bind(); free with crm_contact_filter_sql_clear(). */
void
crm_contact_filter_sql_init (CrmContactFilterSql *sql, const CrmContactFilter *filter);
void
crm_contact_filter_sql_clear (CrmContactFilterSql *sql);
void
crm_contact_filter_sql_bind (const CrmContactFilterSql *sql, sqlite3_stmt *statement);

/* Binds @text or @value to the parameter named @name of @statement, when it has one. */
void
crm_store_bind_text_named (sqlite3_stmt *statement, const char *name, const char *text);
void
crm_store_bind_int64_named (sqlite3_stmt *statement, const char *name, gint64 value);

G_END_DECLS

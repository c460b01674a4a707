/* fuzz-search-query.c — libFuzzer target for crm_store_build_fts_query (src/store): whatever a
 * user types into a search field, the FTS5 expression built from it is run as MATCH against
 * in-memory FTS5 tables made like the store's, and SQLite must never report an error. */
#include "crm-store.h"

#include <sqlite3.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz-common.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static sqlite3 *database;
static sqlite3_stmt *queries[2];

static void
fail (const char *what, const char *query)
{
  fprintf (stderr, "%s: %s\nquery: %s\n", what, sqlite3_errmsg (database), query);
  abort ();
}

/* Two tables made as the migrations make them: with and without prefix indexes. */
static void
open_database (void)
{
  static const char *const setup
      = "CREATE VIRTUAL TABLE plain USING fts5 (name, details, tokenize = 'unicode61 "
        "remove_diacritics 2');"
        "CREATE VIRTUAL TABLE prefixed USING fts5 (name, details, tokenize = 'unicode61 "
        "remove_diacritics 2', prefix = '1 2 3');"
        "INSERT INTO plain VALUES ('Ada Lovelace', 'ada@analytical.example +44 20 7946 0018'),"
        " ('Zoë Bšrensen', 'Café au lait € \"quoted\" O''Brien'), ('日本語 テスト', 'NEAR AND OR "
        "NOT');"
        "INSERT INTO prefixed SELECT * FROM plain;";
  static const char *const sql[] = {
    "SELECT count(*) FROM plain WHERE plain MATCH ?1",
    "SELECT rowid, bm25 (prefixed, 10.0, 1.0), snippet (prefixed, 1, '[', ']', '…', 8) FROM "
    "prefixed WHERE prefixed MATCH ?1 ORDER BY rank",
  };

  if (sqlite3_open (":memory:", &database) != SQLITE_OK)
    fail ("open", "");
  if (sqlite3_exec (database, setup, NULL, NULL, NULL) != SQLITE_OK)
    fail ("setup", setup);
  for (gsize i = 0; i < G_N_ELEMENTS (sql); i++)
    if (sqlite3_prepare_v2 (database, sql[i], -1, &queries[i], NULL) != SQLITE_OK)
      fail ("prepare", sql[i]);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autofree char *text = g_strndup ((const char *) data, size);
  g_autofree char *query = NULL;

  fuzz_init_logging ();

  if (database == NULL)
    open_database ();
  query = crm_store_build_fts_query (text);
  if (query == NULL)
    return 0;
  CHECK (g_utf8_validate (query, -1, NULL) && query[0] == '"');
  for (gsize i = 0; i < G_N_ELEMENTS (queries); i++)
    {
      int rc;

      sqlite3_reset (queries[i]);
      sqlite3_bind_text (queries[i], 1, query, -1, SQLITE_TRANSIENT);
      while ((rc = sqlite3_step (queries[i])) == SQLITE_ROW)
        ;
      if (rc != SQLITE_DONE)
        fail ("MATCH", query);
    }
  return 0;
}

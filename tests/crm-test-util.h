/* crm-test-util.h — what many test programs need: a private folder per test, removed after,
 * and the stages of the default pipeline. */
#pragma once

#include "crm-store.h"

G_BEGIN_DECLS

/* A private temporary folder for one test, and the path of a database in it ("crm.db", not
 * created). */
typedef struct
{
  char *folder;
  char *path;
} CrmTestFolder;

/* Makes the folder (@tmpl as for g_dir_make_tmp(), ending in XXXXXX) and sets @folder's fields. */
void
crm_test_folder_init (CrmTestFolder *folder, const char *tmpl);
/* Removes the folder and everything in it, and frees @folder's fields. */
void
crm_test_folder_clear (CrmTestFolder *folder);
/* A test's folder with a database opened in it. */
typedef struct
{
  char *folder;
  char *path;
  CrmStore *store;
} CrmTestStoreFixture;

/* Fixture functions for g_test_add(): a new folder and database per test, removed after. */
void
crm_test_store_fixture_set_up (CrmTestStoreFixture *fixture, gconstpointer data);
void
crm_test_store_fixture_tear_down (CrmTestStoreFixture *fixture, gconstpointer data);

#define CRM_TEST_ADD_WITH_STORE(path, func)                                                        \
  g_test_add (path, CrmTestStoreFixture, NULL, crm_test_store_fixture_set_up, func,                \
              crm_test_store_fixture_tear_down)

/* Adds @n contacts named "Person 0", "Person 1"… to the database at @path. */
void
crm_test_add_contacts (const char *path, guint n);
/* The number of contacts in the database file at @path, read as a backup's summary. */
guint
crm_test_read_n_contacts (const char *path);
/* The SHA-256 of the file at @path, in hex: to show a file was not changed. */
char *
crm_test_file_checksum (const char *path);
/* Removes @path and everything below it. */
void
crm_test_remove_tree (const char *path);
/* Removes a database file and the -wal, -shm and -journal files beside it. */
void
crm_test_remove_database (const char *path);
/* The ids of the stages of the first pipeline, in order (a new database has seven). */
GArray *
crm_test_list_default_stage_ids (CrmStore *store);

G_END_DECLS

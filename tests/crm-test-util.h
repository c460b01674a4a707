/* crm-test-util.h — what many test programs need: a private folder per test, removed after,
 * and the stages of the default pipeline. */
#pragma once

#include "crm-store.h"

G_BEGIN_DECLS

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

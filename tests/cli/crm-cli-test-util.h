/* crm-cli-test-util.h — what the tests of rapport-cli share: a private folder per test and the
 * built program (path in $RAPPORT_CLI) run in it, its output and exit status captured. */
#pragma once

#include "crm-test-util.h"

G_BEGIN_DECLS

/* The folder a test runs rapport-cli in; path is a database there, not created. */
typedef CrmTestFolder CrmCliFixture;

typedef struct
{
  int status; /* exit status, or -1 when the program did not exit normally */
  char *out;
  char *err;
} CrmCliResult;

void
crm_cli_result_free (CrmCliResult *result);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrmCliResult, crm_cli_result_free)

/* Fixture functions for g_test_add(): a new folder per test, removed after. */
void
crm_cli_fixture_set_up (CrmCliFixture *fixture, gconstpointer data);
void
crm_cli_fixture_tear_down (CrmCliFixture *fixture, gconstpointer data);

#define CRM_CLI_TEST_ADD(path, func)                                                               \
  g_test_add (path, CrmCliFixture, NULL, crm_cli_fixture_set_up, func, crm_cli_fixture_tear_down)

/* Runs rapport-cli with @args (NULL-terminated) in the fixture's folder, with $XDG_DATA_HOME
 * there too (so the default database is never the user's), untranslated, in UTC. */
CrmCliResult *
crm_cli_run_argv (const CrmCliFixture *fixture, const char *const *args);
/* The same with "--database" and the fixture's database before @args. */
CrmCliResult *
crm_cli_run_on_database_argv (const CrmCliFixture *fixture, const char *const *args);

#define crm_cli_run(fixture, ...)                                                                  \
  crm_cli_run_argv ((fixture), (const char *const[]){ __VA_ARGS__, NULL })
#define crm_cli_run_on_database(fixture, ...)                                                      \
  crm_cli_run_on_database_argv ((fixture), (const char *const[]){ __VA_ARGS__, NULL })

/* Exactly one line on stderr, "rapport-cli: " and a message, and nothing on stdout. */
void
crm_cli_assert_one_line_error (const CrmCliResult *result);

G_END_DECLS

/* crm-search-provider.h — CrmSearchProvider: Rapport's GNOME Shell search provider
 * (org.gnome.Shell.SearchProvider2) over the contacts, companies and deals of one database,
 * exported on the application's D-Bus connection. Results are ids such as "contact:42",
 * "company:7" and "deal:9", best first. Activating a result or asking for more results in the
 * application is left to whoever listens to its signals (CrmApplication):
 *
 * - "activate-result" (CrmEntity entity, gint64 id, guint32 timestamp): show that row;
 * - "launch-search" (const char *text, guint32 timestamp): search for @text in the application.
 */
#pragma once

#include <gio/gio.h>

#include "crm-store.h"

G_BEGIN_DECLS

/* The object path the provider is exported at (data/…search-provider.ini names it). */
#define CRM_SEARCH_PROVIDER_OBJECT_PATH "/io/github/rapportcrm/Rapport/SearchProvider"
/* The most results given for one search. */
#define CRM_SEARCH_PROVIDER_MAX_RESULTS 20

#define CRM_TYPE_SEARCH_PROVIDER (crm_search_provider_get_type ())
G_DECLARE_FINAL_TYPE (CrmSearchProvider, crm_search_provider, CRM, SEARCH_PROVIDER, GObject)

/* A provider over the database at @database_path (it may not exist yet: no results then).
 * While it answers, and for a short while after, it holds @application (may be NULL) so that
 * an application started by D-Bus for a search stays up between the Shell's keystrokes. */
CrmSearchProvider *
crm_search_provider_new (GApplication *application, const char *database_path);

/* The database searched; it may change (the application follows the database it shows). */
const char *
crm_search_provider_get_database_path (CrmSearchProvider *self);
void
crm_search_provider_set_database_path (CrmSearchProvider *self, const char *database_path);

/* Exports the provider at @object_path on @connection (one connection at a time). */
gboolean
crm_search_provider_register (CrmSearchProvider *self,
                              GDBusConnection *connection,
                              const char *object_path,
                              GError **error);
/* Takes the provider off the bus and lets the application go. */
void
crm_search_provider_unregister (CrmSearchProvider *self);

/* The result ids of @terms (NULL-terminated search words): at most @limit, best first. */
GStrv
crm_search_provider_search (CrmSearchProvider *self,
                            const char *const *terms,
                            guint limit,
                            GError **error);

/* The metas of @result_ids (aa{sv}: id, name, description, icon, gicon) in their order; ids of
 * rows that are gone are left out. A floating GVariant. */
GVariant *
crm_search_provider_get_result_metas (CrmSearchProvider *self,
                                      const char *const *result_ids,
                                      GError **error);

/* "contact:42" → CRM_ENTITY_CONTACT, 42; FALSE for anything that is not such an id. */
gboolean
crm_search_provider_parse_result_id (const char *result_id, CrmEntity *entity, gint64 *id);
/* The result id of an entity row (contacts, companies and deals only). */
char *
crm_search_provider_build_result_id (CrmEntity entity, gint64 id);

G_END_DECLS

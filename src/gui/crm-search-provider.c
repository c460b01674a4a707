/* crm-search-provider.c — CrmSearchProvider: org.gnome.Shell.SearchProvider2 over the store's
 * full-text search (crm_store_search, as `rapport-cli search` uses it).
 *
 * The Shell asks again on every keystroke, so the provider keeps its database open, and the
 * application held, for IDLE_SECONDS after the last call; then it closes the database and
 * lets the application go (an application started by D-Bus only for the search then ends).
 * The database is opened only when the file exists: a search never creates one.
 */
#include "config.h"

#include "crm-search-provider.h"

#include <glib/gi18n.h>

#include "crm-money.h"

/* How long the database stays open (and the application held) after the last call. */
#define IDLE_SECONDS 20

struct _CrmSearchProvider
{
  GObject parent_instance;

  /* Weak: the application owns the provider. */
  GApplication *application;
  char *database_path;
  CrmStore *store;
  gboolean holding;
  guint idle_source;

  GDBusConnection *connection;
  guint registration_id;
};

G_DEFINE_FINAL_TYPE (CrmSearchProvider, crm_search_provider, G_TYPE_OBJECT)

enum
{
  SIGNAL_ACTIVATE_RESULT,
  SIGNAL_LAUNCH_SEARCH,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char introspection_xml[]
    = "<node>"
      "  <interface name='org.gnome.Shell.SearchProvider2'>"
      "    <method name='GetInitialResultSet'>"
      "      <arg type='as' name='terms' direction='in'/>"
      "      <arg type='as' name='results' direction='out'/>"
      "    </method>"
      "    <method name='GetSubsearchResultSet'>"
      "      <arg type='as' name='previous_results' direction='in'/>"
      "      <arg type='as' name='terms' direction='in'/>"
      "      <arg type='as' name='results' direction='out'/>"
      "    </method>"
      "    <method name='GetResultMetas'>"
      "      <arg type='as' name='identifiers' direction='in'/>"
      "      <arg type='aa{sv}' name='metas' direction='out'/>"
      "    </method>"
      "    <method name='ActivateResult'>"
      "      <arg type='s' name='identifier' direction='in'/>"
      "      <arg type='as' name='terms' direction='in'/>"
      "      <arg type='u' name='timestamp' direction='in'/>"
      "    </method>"
      "    <method name='LaunchSearch'>"
      "      <arg type='as' name='terms' direction='in'/>"
      "      <arg type='u' name='timestamp' direction='in'/>"
      "    </method>"
      "  </interface>"
      "</node>";

/* ---- Result ids ----------------------------------------------------------------------------- */

static const struct
{
  CrmEntity entity;
  const char *prefix;
} kinds[] = {
  { CRM_ENTITY_CONTACT, "contact" },
  { CRM_ENTITY_COMPANY, "company" },
  { CRM_ENTITY_DEAL, "deal" },
};

char *
crm_search_provider_build_result_id (CrmEntity entity, gint64 id)
{
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      if (kinds[i].entity == entity)
        return g_strdup_printf ("%s:%" G_GINT64_FORMAT, kinds[i].prefix, id);
    }
  g_return_val_if_reached (NULL);
}

gboolean
crm_search_provider_parse_result_id (const char *result_id, CrmEntity *entity, gint64 *id)
{
  const char *colon;
  guint64 number;

  g_return_val_if_fail (entity != NULL && id != NULL, FALSE);

  if (result_id == NULL || (colon = strchr (result_id, ':')) == NULL)
    return FALSE;
  /* Decimal digits only, no sign, no blanks, no overflow. */
  if (!g_ascii_string_to_unsigned (colon + 1, 10, 1, G_MAXINT64, &number, NULL))
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      if (strlen (kinds[i].prefix) == (gsize) (colon - result_id)
          && strncmp (result_id, kinds[i].prefix, colon - result_id) == 0)
        {
          *entity = kinds[i].entity;
          *id = (gint64) number;
          return TRUE;
        }
    }
  return FALSE;
}

/* ---- The database, open while the Shell is asking ----------------------------------------- */

static void
crm_search_provider_let_go (CrmSearchProvider *self)
{
  g_clear_handle_id (&self->idle_source, g_source_remove);
  g_clear_object (&self->store);
  if (self->holding)
    {
      self->holding = FALSE;
      if (self->application != NULL)
        g_application_release (self->application);
    }
}

static gboolean
on_idle_timeout (gpointer data)
{
  CrmSearchProvider *self = data;

  self->idle_source = 0;
  crm_search_provider_let_go (self);
  return G_SOURCE_REMOVE;
}

/* Called on every request: holds the application until IDLE_SECONDS after the last one. */
static void
crm_search_provider_keep_alive (CrmSearchProvider *self)
{
  if (!self->holding && self->application != NULL)
    {
      g_application_hold (self->application);
      self->holding = TRUE;
    }
  g_clear_handle_id (&self->idle_source, g_source_remove);
  self->idle_source = g_timeout_add_seconds (IDLE_SECONDS, on_idle_timeout, self);
}

/* The store of the database, or NULL (without @error) when the file does not exist. */
static CrmStore *
crm_search_provider_ensure_store (CrmSearchProvider *self, GError **error)
{
  if (self->store != NULL)
    return self->store;
  if (self->database_path == NULL || !g_file_test (self->database_path, G_FILE_TEST_IS_REGULAR))
    return NULL;
  self->store = crm_store_open (self->database_path, error);
  return self->store;
}

/* ---- Searching -------------------------------------------------------------------------- */

GStrv
crm_search_provider_search (CrmSearchProvider *self,
                            const char *const *terms,
                            guint limit,
                            GError **error)
{
  g_autoptr (GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GPtrArray) hits = NULL;
  g_autofree char *text = NULL;
  GError *local_error = NULL;
  CrmStore *store;

  g_return_val_if_fail (CRM_IS_SEARCH_PROVIDER (self), NULL);

  store = crm_search_provider_ensure_store (self, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return NULL;
    }
  if (store == NULL || terms == NULL)
    return g_new0 (char *, 1);

  /* The Shell splits the words; the store's search takes them as one text (each word a
   * prefix, any text safe). */
  text = g_strjoinv (" ", (char **) terms);
  hits = crm_store_search (store, text, limit, error);
  if (hits == NULL)
    return NULL;
  for (guint i = 0; i < hits->len; i++)
    {
      const CrmSearchHit *hit = hits->pdata[i];

      g_ptr_array_add (ids, crm_search_provider_build_result_id (hit->entity, hit->id));
    }
  g_ptr_array_add (ids, NULL);
  return (GStrv) g_ptr_array_free (g_steal_pointer (&ids), FALSE);
}

/* ---- Result metas ------------------------------------------------------------------------- */

static gboolean
is_blank (const char *text)
{
  if (text == NULL)
    return TRUE;
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      if (!g_unichar_isspace (g_utf8_get_char (p)))
        return FALSE;
    }
  return TRUE;
}

/* "Kind · first · second", leaving out the blank parts. The Shell shows it as plain text. */
static char *
describe (const char *kind, const char *first, const char *second)
{
  GString *description = g_string_new (kind);

  if (!is_blank (first))
    g_string_append_printf (description, " · %s", first);
  if (!is_blank (second))
    g_string_append_printf (description, " · %s", second);
  return g_string_free (description, FALSE);
}

static void
add_meta (GVariantBuilder *metas,
          const char *result_id,
          const char *name,
          const char *description,
          const char *icon_name)
{
  g_autoptr (GIcon) icon = g_themed_icon_new (icon_name);
  g_autofree char *icon_string = g_icon_to_string (icon);
  GVariantBuilder meta;

  g_variant_builder_init (&meta, G_VARIANT_TYPE_VARDICT);
  g_variant_builder_add (&meta, "{sv}", "id", g_variant_new_string (result_id));
  g_variant_builder_add (&meta, "{sv}", "name", g_variant_new_string (name != NULL ? name : ""));
  g_variant_builder_add (&meta, "{sv}", "description", g_variant_new_string (description));
  /* "icon" is the serialised GIcon the Shell prefers; "gicon" the older string form. */
  g_variant_builder_add (&meta, "{sv}", "icon", g_icon_serialize (icon));
  g_variant_builder_add (&meta, "{sv}", "gicon", g_variant_new_string (icon_string));
  g_variant_builder_add_value (metas, g_variant_builder_end (&meta));
}

/* Each add_*_meta returns FALSE with @error when the row could not be read; a row that is gone
 * is not an error (it is left out). */
static gboolean
is_not_found (const GError *error)
{
  return g_error_matches (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND);
}

static gboolean
add_contact_meta (
    CrmStore *store, GVariantBuilder *metas, const char *result_id, gint64 id, GError **error)
{
  g_autoptr (GError) local_error = NULL;
  g_autoptr (CrmContactRecord) contact = crm_store_get_contact (store, id, &local_error);
  g_autofree char *description = NULL;

  if (contact == NULL)
    {
      if (is_not_found (local_error))
        return TRUE;
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  /* Translators: the kind of a search result in GNOME Shell ("Contact · Acme Ltd"). */
  description
      = describe (C_ ("search result", "Contact"),
                  is_blank (contact->company_name) ? contact->email : contact->company_name, NULL);
  add_meta (metas, result_id, contact->name, description, "avatar-default-symbolic");
  return TRUE;
}

static gboolean
add_company_meta (
    CrmStore *store, GVariantBuilder *metas, const char *result_id, gint64 id, GError **error)
{
  g_autoptr (GError) local_error = NULL;
  g_autoptr (CrmCompanyRecord) company = crm_store_get_company (store, id, &local_error);
  g_autofree char *description = NULL;
  const char *detail;

  if (company == NULL)
    {
      if (is_not_found (local_error))
        return TRUE;
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  detail = !is_blank (company->industry)  ? company->industry
           : !is_blank (company->country) ? company->country
                                          : company->website;
  /* Translators: the kind of a search result in GNOME Shell ("Company · Software"). */
  description = describe (C_ ("search result", "Company"), detail, NULL);
  add_meta (metas, result_id, company->name, description, "system-users-symbolic");
  return TRUE;
}

static gboolean
add_deal_meta (
    CrmStore *store, GVariantBuilder *metas, const char *result_id, gint64 id, GError **error)
{
  g_autoptr (GError) local_error = NULL;
  g_autoptr (CrmDealRecord) deal = crm_store_get_deal (store, id, &local_error);
  g_autoptr (CrmStageRecord) stage = NULL;
  g_autofree char *value = NULL;
  g_autofree char *description = NULL;

  if (deal == NULL)
    {
      if (is_not_found (local_error))
        return TRUE;
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (deal->value_minor != 0 && deal->currency != NULL)
    value = crm_money_format_whole (deal->value_minor, deal->currency);
  /* A deal always has a stage; without it the description is still worth giving. */
  stage = crm_store_get_stage (store, deal->stage_id, NULL);
  /* Translators: the kind of a search result in GNOME Shell ("Deal · €12,000 · Proposal"). */
  description = describe (C_ ("search result", "Deal"), value, stage != NULL ? stage->name : NULL);
  add_meta (metas, result_id, deal->title, description, APPLICATION_ID "-symbolic");
  return TRUE;
}

GVariant *
crm_search_provider_get_result_metas (CrmSearchProvider *self,
                                      const char *const *result_ids,
                                      GError **error)
{
  GVariantBuilder metas;
  GError *local_error = NULL;
  CrmStore *store;

  g_return_val_if_fail (CRM_IS_SEARCH_PROVIDER (self), NULL);

  store = crm_search_provider_ensure_store (self, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return NULL;
    }

  g_variant_builder_init (&metas, G_VARIANT_TYPE ("aa{sv}"));
  for (guint i = 0; store != NULL && result_ids != NULL && result_ids[i] != NULL; i++)
    {
      CrmEntity entity;
      gint64 id;
      gboolean ok = TRUE;

      if (!crm_search_provider_parse_result_id (result_ids[i], &entity, &id))
        continue;
      if (entity == CRM_ENTITY_CONTACT)
        ok = add_contact_meta (store, &metas, result_ids[i], id, error);
      else if (entity == CRM_ENTITY_COMPANY)
        ok = add_company_meta (store, &metas, result_ids[i], id, error);
      else if (entity == CRM_ENTITY_DEAL)
        ok = add_deal_meta (store, &metas, result_ids[i], id, error);
      if (!ok)
        {
          g_variant_builder_clear (&metas);
          return NULL;
        }
    }
  return g_variant_builder_end (&metas);
}

/* ---- D-Bus ------------------------------------------------------------------------------- */

static void
return_result_ids (CrmSearchProvider *self,
                   GDBusMethodInvocation *invocation,
                   const char *const *terms)
{
  g_autoptr (GError) error = NULL;
  g_auto (GStrv) ids
      = crm_search_provider_search (self, terms, CRM_SEARCH_PROVIDER_MAX_RESULTS, &error);

  if (ids == NULL)
    {
      g_dbus_method_invocation_return_gerror (invocation, error);
      return;
    }
  g_dbus_method_invocation_return_value (invocation,
                                         g_variant_new ("(^as)", (const char *const *) ids));
}

static void
on_method_call (GDBusConnection *connection,
                const char *sender,
                const char *object_path,
                const char *interface_name,
                const char *method_name,
                GVariant *parameters,
                GDBusMethodInvocation *invocation,
                gpointer user_data)
{
  CrmSearchProvider *self = user_data;
  g_autofree const char **terms = NULL;
  g_autofree const char **ids = NULL;
  const char *id;
  guint32 timestamp;

  crm_search_provider_keep_alive (self);

  if (g_str_equal (method_name, "GetInitialResultSet"))
    {
      g_variant_get (parameters, "(^a&s)", &terms);
      return_result_ids (self, invocation, terms);
    }
  else if (g_str_equal (method_name, "GetSubsearchResultSet"))
    {
      /* The previous results are not needed: searching the words again is as quick, and
       * finds the same rows narrowed by the new words. */
      g_variant_get (parameters, "(^a&s^a&s)", &ids, &terms);
      return_result_ids (self, invocation, terms);
    }
  else if (g_str_equal (method_name, "GetResultMetas"))
    {
      g_autoptr (GError) error = NULL;
      GVariant *metas;

      g_variant_get (parameters, "(^a&s)", &ids);
      metas = crm_search_provider_get_result_metas (self, ids, &error);
      if (metas == NULL)
        g_dbus_method_invocation_return_gerror (invocation, error);
      else
        g_dbus_method_invocation_return_value (invocation, g_variant_new_tuple (&metas, 1));
    }
  else if (g_str_equal (method_name, "ActivateResult"))
    {
      CrmEntity entity;
      gint64 row_id;

      g_variant_get (parameters, "(&s^a&su)", &id, &terms, &timestamp);
      if (crm_search_provider_parse_result_id (id, &entity, &row_id))
        g_signal_emit (self, signals[SIGNAL_ACTIVATE_RESULT], 0, (int) entity, row_id, timestamp);
      g_dbus_method_invocation_return_value (invocation, NULL);
    }
  else if (g_str_equal (method_name, "LaunchSearch"))
    {
      g_autofree char *text = NULL;

      g_variant_get (parameters, "(^a&su)", &terms, &timestamp);
      text = g_strjoinv (" ", (char **) terms);
      g_signal_emit (self, signals[SIGNAL_LAUNCH_SEARCH], 0, text, timestamp);
      g_dbus_method_invocation_return_value (invocation, NULL);
    }
  else
    {
      g_dbus_method_invocation_return_error (invocation, G_DBUS_ERROR, G_DBUS_ERROR_UNKNOWN_METHOD,
                                             "Unknown method %s", method_name);
    }
}

static const GDBusInterfaceVTable interface_vtable = { .method_call = on_method_call };

gboolean
crm_search_provider_register (CrmSearchProvider *self,
                              GDBusConnection *connection,
                              const char *object_path,
                              GError **error)
{
  g_autoptr (GDBusNodeInfo) node = NULL;

  g_return_val_if_fail (CRM_IS_SEARCH_PROVIDER (self), FALSE);
  g_return_val_if_fail (G_IS_DBUS_CONNECTION (connection), FALSE);
  g_return_val_if_fail (self->registration_id == 0, FALSE);

  node = g_dbus_node_info_new_for_xml (introspection_xml, error);
  if (node == NULL)
    return FALSE;
  self->registration_id = g_dbus_connection_register_object (
      connection, object_path, node->interfaces[0], &interface_vtable, self, NULL, error);
  if (self->registration_id == 0)
    return FALSE;
  self->connection = g_object_ref (connection);
  return TRUE;
}

void
crm_search_provider_unregister (CrmSearchProvider *self)
{
  g_return_if_fail (CRM_IS_SEARCH_PROVIDER (self));

  if (self->registration_id != 0)
    g_dbus_connection_unregister_object (self->connection, self->registration_id);
  self->registration_id = 0;
  g_clear_object (&self->connection);
  crm_search_provider_let_go (self);
}

/* ---- The object ------------------------------------------------------------------------------ */

CrmSearchProvider *
crm_search_provider_new (GApplication *application, const char *database_path)
{
  CrmSearchProvider *self;

  g_return_val_if_fail (application == NULL || G_IS_APPLICATION (application), NULL);

  self = g_object_new (CRM_TYPE_SEARCH_PROVIDER, NULL);
  if (application != NULL)
    {
      self->application = application;
      g_object_add_weak_pointer (G_OBJECT (application), (gpointer *) &self->application);
    }
  self->database_path = g_strdup (database_path);
  return self;
}

const char *
crm_search_provider_get_database_path (CrmSearchProvider *self)
{
  g_return_val_if_fail (CRM_IS_SEARCH_PROVIDER (self), NULL);

  return self->database_path;
}

void
crm_search_provider_set_database_path (CrmSearchProvider *self, const char *database_path)
{
  g_return_if_fail (CRM_IS_SEARCH_PROVIDER (self));

  if (g_strcmp0 (self->database_path, database_path) == 0)
    return;
  g_free (self->database_path);
  self->database_path = g_strdup (database_path);
  /* The next request opens the new file. */
  g_clear_object (&self->store);
}

static void
crm_search_provider_dispose (GObject *object)
{
  CrmSearchProvider *self = CRM_SEARCH_PROVIDER (object);

  crm_search_provider_unregister (self);
  if (self->application != NULL)
    {
      g_object_remove_weak_pointer (G_OBJECT (self->application), (gpointer *) &self->application);
      self->application = NULL;
    }

  G_OBJECT_CLASS (crm_search_provider_parent_class)->dispose (object);
}

static void
crm_search_provider_finalize (GObject *object)
{
  CrmSearchProvider *self = CRM_SEARCH_PROVIDER (object);

  g_free (self->database_path);

  G_OBJECT_CLASS (crm_search_provider_parent_class)->finalize (object);
}

static void
crm_search_provider_class_init (CrmSearchProviderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = crm_search_provider_dispose;
  object_class->finalize = crm_search_provider_finalize;

  signals[SIGNAL_ACTIVATE_RESULT]
      = g_signal_new ("activate-result", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                      NULL, NULL, G_TYPE_NONE, 3, G_TYPE_INT, G_TYPE_INT64, G_TYPE_UINT);
  signals[SIGNAL_LAUNCH_SEARCH]
      = g_signal_new ("launch-search", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                      NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_UINT);
}

static void
crm_search_provider_init (CrmSearchProvider *self)
{
}

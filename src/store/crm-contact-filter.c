/* crm-contact-filter.c — CrmContactFilter: the value, its text form (a key file, readable in the
 * sqlite3 shell), and the part of it a record answers by itself. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "crm-contact-filter.h"
#include "crm-store-private.h"

#define GROUP "Filter"
#define N_LIFECYCLES 6
#define MAX_DAYS 36500

G_DEFINE_BOXED_TYPE (CrmContactFilter,
                     crm_contact_filter,
                     crm_contact_filter_copy,
                     crm_contact_filter_free)

CrmContactFilter *
crm_contact_filter_new (void)
{
  CrmContactFilter *filter = g_new0 (CrmContactFilter, 1);

  filter->score_min = -1;
  filter->score_max = -1;
  return filter;
}

CrmContactFilter *
crm_contact_filter_copy (const CrmContactFilter *filter)
{
  CrmContactFilter *copy;

  if (filter == NULL)
    return NULL;
  copy = g_memdup2 (filter, sizeof *filter);
  copy->owner = g_strdup (filter->owner);
  copy->country = g_strdup (filter->country);
  copy->text = g_strdup (filter->text);
  return copy;
}

void
crm_contact_filter_free (CrmContactFilter *filter)
{
  if (filter == NULL)
    return;
  g_free (filter->owner);
  g_free (filter->country);
  g_free (filter->text);
  g_free (filter);
}

/* Blank text counts as none. */
static const char *
nonblank (const char *text)
{
  if (text == NULL)
    return NULL;
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      return text;
  return NULL;
}

const char *
crm_contact_filter_get_search (const CrmContactFilter *filter)
{
  g_autofree char *match = NULL;

  if (filter == NULL || filter->text == NULL)
    return NULL;
  match = crm_store_build_fts_query (filter->text);
  return match != NULL ? filter->text : NULL;
}

const char *
crm_contact_filter_get_owner (const CrmContactFilter *filter)
{
  return filter != NULL ? nonblank (filter->owner) : NULL;
}

const char *
crm_contact_filter_get_country (const CrmContactFilter *filter)
{
  return filter != NULL ? nonblank (filter->country) : NULL;
}

guint
crm_contact_filter_count_criteria (const CrmContactFilter *filter)
{
  if (filter == NULL)
    return 0;
  return (filter->lifecycles != 0) + (filter->source_id != 0) + (filter->tag_id != 0)
         + (filter->score_min >= 0 || filter->score_max >= 0) + (nonblank (filter->owner) != NULL)
         + (filter->not_contacted_days > 0) + (filter->no_next_step != FALSE)
         + (nonblank (filter->country) != NULL);
}

gboolean
crm_contact_filter_is_empty (const CrmContactFilter *filter)
{
  return crm_contact_filter_count_criteria (filter) == 0
         && crm_contact_filter_get_search (filter) == NULL;
}

gboolean
crm_contact_filter_equal (const CrmContactFilter *a, const CrmContactFilter *b)
{
  g_autofree char *a_text = NULL;
  g_autofree char *b_text = NULL;

  if (crm_contact_filter_is_empty (a) || crm_contact_filter_is_empty (b))
    return crm_contact_filter_is_empty (a) && crm_contact_filter_is_empty (b);
  a_text = crm_contact_filter_to_string (a);
  b_text = crm_contact_filter_to_string (b);
  return g_strcmp0 (a_text, b_text) == 0;
}

gint64
crm_contact_filter_get_contacted_before (const CrmContactFilter *filter)
{
  gint64 now = filter->now != 0 ? filter->now : crm_store_now ();

  return now - (gint64) filter->not_contacted_days * CRM_CONTACT_FILTER_DAY;
}

gboolean
crm_contact_filter_needs_store (const CrmContactFilter *filter)
{
  return filter != NULL
         && (filter->tag_id != 0 || filter->no_next_step
             || crm_contact_filter_get_search (filter) != NULL);
}

gboolean
crm_contact_filter_matches_record (const CrmContactFilter *filter, const CrmContactRecord *contact)
{
  const char *owner, *country;

  g_return_val_if_fail (contact != NULL, FALSE);

  if (filter == NULL)
    return TRUE;
  owner = nonblank (filter->owner);
  country = nonblank (filter->country);
  if (filter->lifecycles != 0 && (filter->lifecycles & (1u << contact->lifecycle)) == 0)
    return FALSE;
  if (filter->source_id != 0 && contact->source_id != filter->source_id)
    return FALSE;
  if (filter->score_min >= 0 && contact->score < filter->score_min)
    return FALSE;
  if (filter->score_max >= 0 && contact->score > filter->score_max)
    return FALSE;
  if (owner != NULL && g_strcmp0 (contact->owner, owner) != 0)
    return FALSE;
  /* As the index keeps it: never contacted is -1, before any day. */
  if (filter->not_contacted_days > 0
      && (contact->last_contacted_at != 0 ? contact->last_contacted_at : -1)
             >= crm_contact_filter_get_contacted_before (filter))
    return FALSE;
  /* SQLite's NOCASE: ASCII letters folded, everything else bytewise. */
  if (country != NULL
      && (contact->country == NULL || g_ascii_strcasecmp (contact->country, country)))
    return FALSE;
  return TRUE;
}

/* ---- Text ------------------------------------------------------------------------------- */

char *
crm_contact_filter_to_string (const CrmContactFilter *filter)
{
  g_autoptr (GKeyFile) file = g_key_file_new ();

  /* Always there, so that even the empty filter reads as one. */
  g_key_file_set_integer (file, GROUP, "version", 1);
  if (filter != NULL && filter->lifecycles != 0)
    {
      const char *names[N_LIFECYCLES];
      gsize n = 0;

      for (guint stage = 0; stage < N_LIFECYCLES; stage++)
        if (filter->lifecycles & (1u << stage))
          names[n++] = crm_lifecycle_stage_to_string (stage);
      g_key_file_set_string_list (file, GROUP, "lifecycles", names, n);
    }
  if (filter != NULL && filter->source_id != 0)
    g_key_file_set_int64 (file, GROUP, "source", filter->source_id);
  if (filter != NULL && filter->tag_id != 0)
    g_key_file_set_int64 (file, GROUP, "tag", filter->tag_id);
  if (filter != NULL && filter->score_min >= 0)
    g_key_file_set_integer (file, GROUP, "score-min", filter->score_min);
  if (filter != NULL && filter->score_max >= 0)
    g_key_file_set_integer (file, GROUP, "score-max", filter->score_max);
  if (filter != NULL && nonblank (filter->owner) != NULL)
    g_key_file_set_string (file, GROUP, "owner", filter->owner);
  if (filter != NULL && filter->not_contacted_days > 0)
    g_key_file_set_uint64 (file, GROUP, "not-contacted-days", filter->not_contacted_days);
  if (filter != NULL && filter->no_next_step)
    g_key_file_set_boolean (file, GROUP, "no-next-step", TRUE);
  if (filter != NULL && nonblank (filter->country) != NULL)
    g_key_file_set_string (file, GROUP, "country", filter->country);
  if (filter != NULL && crm_contact_filter_get_search (filter) != NULL)
    g_key_file_set_string (file, GROUP, "search", filter->text);
  return g_key_file_to_data (file, NULL, NULL);
}

static gboolean
invalid (GError **error, const char *key, const char *reason)
{
  g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID,
               /* Translators: %s is a key of a saved filter ("score-min"), then the reason. */
               _ ("The saved filter’s “%s” is not valid: %s"), key, reason);
  return FALSE;
}

/* Reads @key as an integer in [@min, @max] into @value; absent keys leave it. */
static gboolean
read_int (GKeyFile *file, const char *key, gint64 min, gint64 max, gint64 *value, GError **error)
{
  g_autoptr (GError) local_error = NULL;
  gint64 read;

  if (!g_key_file_has_key (file, GROUP, key, NULL))
    return TRUE;
  read = g_key_file_get_int64 (file, GROUP, key, &local_error);
  if (local_error != NULL)
    return invalid (error, key, _ ("not a whole number"));
  if (read < min || read > max)
    return invalid (error, key, _ ("out of range"));
  *value = read;
  return TRUE;
}

static gboolean
read_text (GKeyFile *file, const char *key, char **value, GError **error)
{
  g_autoptr (GError) local_error = NULL;
  g_autofree char *read = NULL;

  if (!g_key_file_has_key (file, GROUP, key, NULL))
    return TRUE;
  read = g_key_file_get_string (file, GROUP, key, &local_error);
  if (local_error != NULL || !g_utf8_validate (read, -1, NULL))
    return invalid (error, key, _ ("not text"));
  g_free (*value);
  *value = nonblank (read) != NULL ? g_steal_pointer (&read) : NULL;
  return TRUE;
}

static gboolean
read_lifecycles (GKeyFile *file, guint *lifecycles, GError **error)
{
  g_autoptr (GError) local_error = NULL;
  g_auto (GStrv) names = NULL;

  if (!g_key_file_has_key (file, GROUP, "lifecycles", NULL))
    return TRUE;
  names = g_key_file_get_string_list (file, GROUP, "lifecycles", NULL, &local_error);
  if (local_error != NULL)
    return invalid (error, "lifecycles", _ ("not a list of stages"));
  for (guint i = 0; names[i] != NULL; i++)
    {
      guint stage = 0;

      while (stage < N_LIFECYCLES && g_strcmp0 (names[i], crm_lifecycle_stage_to_string (stage)))
        stage++;
      if (stage == N_LIFECYCLES)
        return invalid (error, "lifecycles", _ ("an unknown stage"));
      *lifecycles |= 1u << stage;
    }
  return TRUE;
}

CrmContactFilter *
crm_contact_filter_parse (const char *text, GError **error)
{
  g_autoptr (GKeyFile) file = g_key_file_new ();
  g_autoptr (CrmContactFilter) filter = crm_contact_filter_new ();
  g_autoptr (GError) local_error = NULL;
  gint64 source = 0, tag = 0, score_min = -1, score_max = -1, days = 0;

  if (text == NULL || !g_utf8_validate (text, -1, NULL)
      || !g_key_file_load_from_data (file, text, -1, G_KEY_FILE_NONE, &local_error)
      || !g_key_file_has_group (file, GROUP))
    {
      g_set_error_literal (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID,
                           _ ("The saved filter cannot be read"));
      return NULL;
    }
  if (!read_lifecycles (file, &filter->lifecycles, error)
      || !read_int (file, "source", 0, G_MAXINT64, &source, error)
      || !read_int (file, "tag", 0, G_MAXINT64, &tag, error)
      || !read_int (file, "score-min", -1, 100, &score_min, error)
      || !read_int (file, "score-max", -1, 100, &score_max, error)
      || !read_int (file, "not-contacted-days", 0, MAX_DAYS, &days, error)
      || !read_text (file, "owner", &filter->owner, error)
      || !read_text (file, "country", &filter->country, error)
      || !read_text (file, "search", &filter->text, error))
    return NULL;
  if (g_key_file_has_key (file, GROUP, "no-next-step", NULL))
    {
      filter->no_next_step = g_key_file_get_boolean (file, GROUP, "no-next-step", &local_error);
      if (local_error != NULL)
        {
          invalid (error, "no-next-step", _ ("neither true nor false"));
          return NULL;
        }
    }
  if (score_min >= 0 && score_max >= 0 && score_min > score_max)
    {
      invalid (error, "score-min", _ ("above the highest score"));
      return NULL;
    }
  filter->source_id = source;
  filter->tag_id = tag;
  filter->score_min = (int) score_min;
  filter->score_max = (int) score_max;
  filter->not_contacted_days = (guint) days;
  return g_steal_pointer (&filter);
}

/* crm-importer-rows.c — one row of an import read by field (the cells of each field gathered,
 * the e-mails and phones past the first kept as note lines so nothing is dropped) and checked
 * against the rules of its kind. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "crm-importer-private.h"

/* ---- Gathering a row's cells by field ------------------------------------------------------ */

void
crm_import_values_clear (CrmImportValues *values)
{
  g_clear_pointer (&values->name, g_free);
  g_clear_pointer (&values->email, g_free);
  g_clear_pointer (&values->phone, g_free);
  if (values->notes != NULL)
    g_string_free (values->notes, TRUE);
  values->notes = NULL;
  g_clear_pointer (&values->tags, g_ptr_array_unref);
  for (guint i = 0; i < CRM_IMPORT_N_FIELDS; i++)
    g_clear_pointer (&values->trimmed[i], g_free);
}

static gboolean
is_space (char c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* Whether @text is not blank and has no white space but single spaces between words. */
static gboolean
is_tidy (const char *text)
{
  if (*text == '\0' || is_space (*text))
    return FALSE;
  for (const char *p = text; *p != '\0'; p++)
    if (is_space (*p) && (*p != ' ' || p[1] == '\0' || is_space (p[1])))
      return FALSE;
  return TRUE;
}

/* @text with its runs of white space made one space, trimmed; NULL when blank. */
static char *
tidy (const char *text)
{
  GString *out;
  gboolean space = FALSE;

  if (text == NULL)
    return NULL;
  /* Most cells are tidy already: copied as they are. */
  if (is_tidy (text))
    return g_strdup (text);
  out = g_string_sized_new (strlen (text));
  for (const char *p = text; *p != '\0'; p++)
    {
      if (is_space (*p))
        space = TRUE;
      else
        {
          if (space && out->len > 0)
            g_string_append_c (out, ' ');
          g_string_append_c (out, *p);
          space = FALSE;
        }
    }
  if (out->len == 0)
    {
      g_string_free (out, TRUE);
      return NULL;
    }
  return g_string_free (out, FALSE);
}

static char *
tidy_join (const char *first, const char *second)
{
  g_autofree char *joined
      = g_strjoin (" ", first != NULL ? first : "", second != NULL ? second : "", NULL);

  return tidy (joined);
}

static void
add_note_line (CrmImportValues *values, const char *label, const char *type, const char *value)
{
  if (values->notes->len > 0)
    g_string_append_c (values->notes, '\n');
  if (type != NULL && *type != '\0')
    g_string_append_printf (values->notes, "%s (%s): %s", label, type, value);
  else
    g_string_append_printf (values->notes, "%s: %s", label, value);
}

/* The type of an e-mail or phone of @column: from its type column ("* Work" → "work"), else
 * from its header ("Email - Home" → "home"). */
static char *
value_type (CrmImporter *self, CrmImportRow *row, guint column)
{
  int type_column = g_array_index (self->column_type_columns, int, column);

  if (type_column >= 0)
    {
      g_autofree char *type = tidy (row->cells[type_column]);

      if (type != NULL)
        {
          const char *start = type;

          while (*start == '*' || *start == ' ')
            start++;
          return g_utf8_strdown (start, -1);
        }
    }
  return crm_import_type_from_header (self->column_names->pdata[column]);
}

/* Cells that hold several values: Google's " ::: ", or commas and semicolons. */
static GStrv
split_values (const char *cell)
{
  g_autofree char *text = g_strdup (cell);
  char *p;

  while ((p = strstr (text, ":::")) != NULL)
    memcpy (p, ",,,", 3);
  g_strdelimit (text, ";\n", ',');
  return g_strsplit (text, ",", -1);
}

static void
gather_multi (
    CrmImporter *self, CrmImportRow *row, guint column, CrmImportValues *values, gboolean is_email)
{
  g_auto (GStrv) parts
      = is_email ? split_values (row->cells[column]) : g_strsplit (row->cells[column], ":::", -1);
  g_autofree char *type = NULL;
  char **first = is_email ? &values->email : &values->phone;

  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_autofree char *value = tidy (parts[i]);
      char *open;

      if (value == NULL)
        continue;
      if (*first == NULL)
        {
          *first = g_steal_pointer (&value);
          continue;
        }
      /* "value (type)", as the vCard columns write the values past the first. */
      if (g_str_has_suffix (value, ")") && (open = g_strrstr (value, " (")) != NULL)
        {
          g_autofree char *own_type = g_strndup (open + 2, strlen (open + 2) - 1);

          *open = '\0';
          add_note_line (values, is_email ? _ ("E-mail") : _ ("Phone"), own_type, value);
          continue;
        }
      if (type == NULL)
        type = value_type (self, row, column);
      add_note_line (values, is_email ? _ ("E-mail") : _ ("Phone"), type, value);
    }
}

/* Tags one per line (the vCard columns: CATEGORIES may hold commas), else split on commas and
 * semicolons as CRMs write them. */
static void
gather_tags (CrmImportValues *values, const char *cell)
{
  g_auto (GStrv) parts
      = strchr (cell, '\n') != NULL ? g_strsplit (cell, "\n", -1) : split_values (cell);

  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_autofree char *tag = tidy (parts[i]);
      const char *start = tag;

      if (tag == NULL)
        continue;
      /* Google's system groups: "* myContacts", "* starred". */
      if (*start == '*')
        continue;
      g_ptr_array_add (values->tags, g_strdup (start));
    }
}

/* "jane.doe@example.com" → "Jane Doe". */
static char *
name_from_email (const char *email)
{
  const char *at = strchr (email, '@');
  g_autofree char *local = g_strndup (email, at != NULL ? (gsize) (at - email) : strlen (email));
  GString *name = g_string_new (NULL);
  gboolean word_start = TRUE;

  for (const char *p = local; *p != '\0'; p++)
    {
      if (*p == '.' || *p == '_' || *p == '-' || *p == '+' || g_ascii_isdigit (*p))
        {
          word_start = TRUE;
          continue;
        }
      if (word_start && name->len > 0)
        g_string_append_c (name, ' ');
      g_string_append_c (name, word_start ? g_ascii_toupper (*p) : *p);
      word_start = FALSE;
    }
  if (name->len == 0)
    g_string_append (name, email);
  return g_string_free (name, FALSE);
}

void
crm_importer_gather (CrmImporter *self, guint row_index, CrmImportValues *values)
{
  CrmImportRow *row = &g_array_index (self->rows, CrmImportRow, row_index);
  g_autoptr (GString) extra_notes = g_string_new (NULL);

  values->notes = g_string_new (NULL);
  values->tags = g_ptr_array_new_with_free_func (g_free);

  for (guint column = 0; column < self->column_names->len; column++)
    {
      CrmImportField field = g_array_index (self->column_fields, CrmImportField, column);
      const char *cell = row->cells[column];

      switch (field)
        {
          case CRM_IMPORT_FIELD_IGNORE:
            break;
          case CRM_IMPORT_FIELD_EMAIL:
            gather_multi (self, row, column, values, TRUE);
            break;
          case CRM_IMPORT_FIELD_PHONE:
            gather_multi (self, row, column, values, FALSE);
            break;
          case CRM_IMPORT_FIELD_TAGS:
            gather_tags (values, cell);
            break;
          case CRM_IMPORT_FIELD_NOTES:
            {
              g_autofree char *note = g_strstrip (g_strdup (cell));

              if (*note == '\0')
                break;
              if (extra_notes->len > 0)
                g_string_append (extra_notes, "\n\n");
              g_string_append (extra_notes, note);
            }
            break;
          default:
            if (values->cells[field] == NULL)
              {
                values->trimmed[field] = tidy (cell);
                values->cells[field] = values->trimmed[field];
              }
            else
              {
                /* A second column of a one-value field: kept in the notes, not dropped. */
                g_autofree char *value = tidy (cell);

                if (value != NULL && strcmp (value, values->cells[field]) != 0)
                  add_note_line (values, self->column_names->pdata[column], NULL, value);
              }
            break;
        }
    }

  /* The notes cells first, then the lines for values that have no field of their own. */
  if (extra_notes->len > 0)
    {
      if (values->notes->len > 0)
        g_string_prepend (values->notes, "\n\n");
      g_string_prepend (values->notes, extra_notes->str);
    }
  if (self->kind == CRM_IMPORT_KIND_CONTACTS && values->cells[CRM_IMPORT_FIELD_WEBSITE] != NULL)
    add_note_line (values, _ ("Website"), NULL, values->cells[CRM_IMPORT_FIELD_WEBSITE]);

  switch (self->kind)
    {
      case CRM_IMPORT_KIND_CONTACTS:
        if (values->cells[CRM_IMPORT_FIELD_NAME] != NULL)
          values->name = g_strdup (values->cells[CRM_IMPORT_FIELD_NAME]);
        else if (values->cells[CRM_IMPORT_FIELD_FIRST_NAME] != NULL
                 || values->cells[CRM_IMPORT_FIELD_LAST_NAME] != NULL)
          values->name = tidy_join (values->cells[CRM_IMPORT_FIELD_FIRST_NAME],
                                    values->cells[CRM_IMPORT_FIELD_LAST_NAME]);
        else if (values->email != NULL)
          values->name = name_from_email (values->email);
        break;
      case CRM_IMPORT_KIND_COMPANIES:
        values->name = g_strdup (values->cells[CRM_IMPORT_FIELD_NAME]);
        break;
      case CRM_IMPORT_KIND_DEALS:
        values->name = g_strdup (values->cells[CRM_IMPORT_FIELD_DEAL_TITLE]);
        break;
      case CRM_IMPORT_KIND_ACTIVITIES:
        values->name = g_strdup (values->cells[CRM_IMPORT_FIELD_SUBJECT]);
        break;
      default:
        g_assert_not_reached ();
    }
}

/* ---- Rules --------------------------------------------------------------------------------- */

static char *
check_time (const CrmImportValues *values, CrmImportField field)
{
  gint64 when;

  if (crm_import_parse_time (values->cells[field], &when))
    return NULL;
  /* TRANSLATORS: an imported cell of the column (e.g. "Close date") that is not a date */
  return g_strdup_printf (_ ("“%s” is not a date (%s)"), values->cells[field],
                          crm_import_field_get_label (field));
}

static gboolean
looks_like_email (const char *text)
{
  const char *at = strchr (text, '@');

  return at != NULL && at != text && at[1] != '\0' && strchr (at + 1, '@') == NULL
         && strchr (text, ' ') == NULL;
}

char *
crm_importer_check_row (CrmImporter *self, const CrmImportValues *values)
{
  char *reason = NULL;

  switch (self->kind)
    {
      case CRM_IMPORT_KIND_CONTACTS:
        if (values->name == NULL)
          return g_strdup (_ ("a contact needs a name or an e-mail address"));
        if (values->email != NULL && !looks_like_email (values->email))
          return g_strdup_printf (_ ("“%s” is not an e-mail address"), values->email);
        if ((reason = check_time (values, CRM_IMPORT_FIELD_CAPTURED_AT)) != NULL
            || (reason = check_time (values, CRM_IMPORT_FIELD_LAST_CONTACTED_AT)) != NULL)
          return reason;
        break;
      case CRM_IMPORT_KIND_COMPANIES:
        if (values->name == NULL)
          return g_strdup (_ ("a company needs a name"));
        break;
      case CRM_IMPORT_KIND_DEALS:
        {
          g_autofree char *currency = NULL;
          gint64 thousandths;
          int percent;

          if (values->name == NULL)
            return g_strdup (_ ("a deal needs a title"));
          if (!crm_import_parse_amount (values->cells[CRM_IMPORT_FIELD_AMOUNT], &thousandths,
                                        &currency))
            return g_strdup_printf (_ ("“%s” is not an amount"),
                                    values->cells[CRM_IMPORT_FIELD_AMOUNT]);
          if (values->cells[CRM_IMPORT_FIELD_CURRENCY] != NULL
              && !crm_import_currency_is_valid (values->cells[CRM_IMPORT_FIELD_CURRENCY]))
            return g_strdup_printf (_ ("“%s” is not a currency code (such as EUR)"),
                                    values->cells[CRM_IMPORT_FIELD_CURRENCY]);
          if (!crm_import_parse_probability (values->cells[CRM_IMPORT_FIELD_PROBABILITY], &percent))
            return g_strdup_printf (_ ("“%s” is not a probability"),
                                    values->cells[CRM_IMPORT_FIELD_PROBABILITY]);
          if ((reason = check_time (values, CRM_IMPORT_FIELD_CLOSE_DATE)) != NULL
              || (reason = check_time (values, CRM_IMPORT_FIELD_CAPTURED_AT)) != NULL)
            return reason;
        }
        break;
      case CRM_IMPORT_KIND_ACTIVITIES:
        {
          CrmActivityKind kind;
          gboolean done;

          if (values->name == NULL && values->notes->len == 0
              && values->cells[CRM_IMPORT_FIELD_ACTIVITY_KIND] == NULL)
            return g_strdup (_ ("an activity needs a subject, notes or a type"));
          if (!crm_import_parse_activity_kind (values->cells[CRM_IMPORT_FIELD_ACTIVITY_KIND],
                                               &kind))
            return g_strdup_printf (_ ("“%s” is not an activity type"),
                                    values->cells[CRM_IMPORT_FIELD_ACTIVITY_KIND]);
          if (!crm_import_parse_boolean (values->cells[CRM_IMPORT_FIELD_DONE], &done))
            return g_strdup_printf (_ ("“%s” is neither yes nor no"),
                                    values->cells[CRM_IMPORT_FIELD_DONE]);
          if ((reason = check_time (values, CRM_IMPORT_FIELD_OCCURRED_AT)) != NULL
              || (reason = check_time (values, CRM_IMPORT_FIELD_DUE_AT)) != NULL
              || (reason = check_time (values, CRM_IMPORT_FIELD_DONE_AT)) != NULL)
            return reason;
        }
        break;
      default:
        g_assert_not_reached ();
    }
  return NULL;
}

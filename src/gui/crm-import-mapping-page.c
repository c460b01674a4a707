/* crm-import-mapping-page.c — CrmImportMappingPage (see the header). Built in code: its rows
 * follow the file's columns and the fields of the kind chosen. Every text that comes from the
 * file is set with gtk_label_set_text or on rows whose use-markup is off.
 */
#include "config.h"

#include "crm-import-mapping-page.h"

#include <glib/gi18n.h>

/* Rows shown in the preview, and rows searched for two sample values of a column. */
#define PREVIEW_ROWS 5
#define SAMPLE_SEARCH_ROWS 50
#define SAMPLE_MAX_CHARS 60

struct _CrmImportMappingPage
{
  AdwBin parent_instance;

  CrmImporter *importer;
  /* Fields offered for the kind shown, in the order of the drop-downs' items. */
  const CrmImportField *fields;
  guint n_fields;

  GtkLabel *message_label;
  AdwActionRow *file_row;
  AdwComboRow *kind_row;
  GtkListBox *column_list;
  GtkWidget *preview_scroller;
};

G_DEFINE_FINAL_TYPE (CrmImportMappingPage, crm_import_mapping_page, ADW_TYPE_BIN)

/* The kinds in the order of the kind drop-down (the enum's order). */
static const char *const kind_labels[] = {
  N_ ("Contacts"),
  N_ ("Companies"),
  N_ ("Deals"),
  N_ ("Activities"),
};

GtkWidget *
crm_import_mapping_page_new (void)
{
  return g_object_new (CRM_TYPE_IMPORT_MAPPING_PAGE, NULL);
}

/* ---- Text from the file -------------------------------------------------------------------- */

/* @text on one line, cut to SAMPLE_MAX_CHARS characters. */
static char *
one_line (const char *text)
{
  g_autoptr (GString) line = g_string_new (NULL);
  const char *p = text;

  for (glong n_chars = 0; *p != '\0' && n_chars < SAMPLE_MAX_CHARS;
       p = g_utf8_next_char (p), n_chars++)
    {
      gunichar c = g_utf8_get_char (p);

      g_string_append_unichar (line, c == '\n' || c == '\r' || c == '\t' ? ' ' : c);
    }
  if (*p != '\0')
    g_string_append (line, "…");
  return g_string_free (g_steal_pointer (&line), FALSE);
}

static const char *
get_cell (CrmImporter *importer, guint row, guint column)
{
  const char *const *cells = crm_importer_get_row (importer, row);

  for (guint i = 0; cells != NULL && cells[i] != NULL; i++)
    {
      if (i == column)
        return cells[i];
    }
  return "";
}

/* The first two non-empty values of @column, for the row's subtitle. */
static char *
describe_samples (CrmImporter *importer, guint column)
{
  guint n_rows = MIN (crm_importer_get_n_rows (importer), SAMPLE_SEARCH_ROWS);
  g_autoptr (GPtrArray) samples = g_ptr_array_new_with_free_func (g_free);

  for (guint row = 0; row < n_rows && samples->len < 2; row++)
    {
      g_autofree char *value = g_strstrip (g_strdup (get_cell (importer, row, column)));

      if (*value != '\0')
        g_ptr_array_add (samples, one_line (value));
    }
  if (samples->len == 0)
    return g_strdup (_ ("Empty in the first rows"));
  if (samples->len == 1)
    return g_strdup (samples->pdata[0]);
  /* TRANSLATORS: two sample values of a column of the file, e.g. "Olivia · Ben". */
  return g_strdup_printf (_ ("%s · %s"), (char *) samples->pdata[0], (char *) samples->pdata[1]);
}

static const char *
describe_separator (char separator)
{
  switch (separator)
    {
      case ',':
        return _ ("comma separated");
      case ';':
        return _ ("semicolon separated");
      case '\t':
        return _ ("tab separated");
      default:
        return _ ("one column");
    }
}

static void
update_file_row (CrmImportMappingPage *self, GFile *file)
{
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *rows = NULL;
  g_autofree char *description = NULL;
  guint n_rows = crm_importer_get_n_rows (self->importer);

  rows = g_strdup_printf (ngettext ("%u row", "%u rows", n_rows), n_rows);
  if (crm_importer_get_format (self->importer) == CRM_IMPORT_FORMAT_VCARD)
    /* TRANSLATORS: what was read: "vCard · 12 rows" (a row is one card). */
    description = g_strdup_printf (_ ("vCard · %s"), rows);
  else
    /* TRANSLATORS: what was read: "CSV · UTF-8 · comma separated · 12 rows". */
    description
        = g_strdup_printf (_ ("CSV · %s · %s · %s"), crm_importer_get_encoding (self->importer),
                           describe_separator (crm_importer_get_separator (self->importer)), rows);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->file_row), name);
  adw_action_row_set_subtitle (self->file_row, description);
}

/* ---- Preview ------------------------------------------------------------------------------- */

static GtkWidget *
new_cell_label (const char *text, gboolean heading)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_text (GTK_LABEL (label), text);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_single_line_mode (GTK_LABEL (label), TRUE);
  /* Headings whole; values cut, but not below ten characters: a wide file scrolls sideways. */
  if (heading)
    {
      gtk_widget_add_css_class (label, "heading");
      return label;
    }
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_width_chars (GTK_LABEL (label), 10);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 24);
  return label;
}

/* The first rows, only the columns imported, under the names of their fields. */
static void
update_preview (CrmImportMappingPage *self)
{
  GtkWidget *grid = gtk_grid_new ();
  guint n_rows = MIN (crm_importer_get_n_rows (self->importer), PREVIEW_ROWS);
  guint n_columns = crm_importer_get_n_columns (self->importer);
  int x = 0;

  gtk_grid_set_column_spacing (GTK_GRID (grid), 18);
  gtk_grid_set_row_spacing (GTK_GRID (grid), 6);
  gtk_widget_set_margin_top (grid, 12);
  gtk_widget_set_margin_bottom (grid, 12);
  gtk_widget_set_margin_start (grid, 12);
  gtk_widget_set_margin_end (grid, 12);

  for (guint column = 0; column < n_columns; column++)
    {
      CrmImportField field = crm_importer_get_column_field (self->importer, column);

      if (field == CRM_IMPORT_FIELD_IGNORE)
        continue;
      gtk_grid_attach (GTK_GRID (grid), new_cell_label (crm_import_field_get_label (field), TRUE),
                       x, 0, 1, 1);
      for (guint row = 0; row < n_rows; row++)
        {
          g_autofree char *value = one_line (get_cell (self->importer, row, column));

          gtk_grid_attach (GTK_GRID (grid), new_cell_label (value, FALSE), x, (int) row + 1, 1, 1);
        }
      x++;
    }

  if (x == 0)
    {
      GtkWidget *label
          = new_cell_label (_ ("No column is imported: choose a field for one."), FALSE);

      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_NONE);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_single_line_mode (GTK_LABEL (label), FALSE);
      gtk_widget_add_css_class (label, "dim-label");
      gtk_grid_attach (GTK_GRID (grid), label, 0, 0, 1, 1);
    }
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (self->preview_scroller), grid);
}

/* ---- Column rows --------------------------------------------------------------------------- */

static guint
field_position (CrmImportMappingPage *self, CrmImportField field)
{
  for (guint i = 0; i < self->n_fields; i++)
    {
      if (self->fields[i] == field)
        return i;
    }
  return 0; /* IGNORE comes first */
}

static void
on_field_row_selected_notify (AdwComboRow *row, GParamSpec *pspec, gpointer data)
{
  CrmImportMappingPage *self = CRM_IMPORT_MAPPING_PAGE (data);
  guint column = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "column"));
  guint selected = adw_combo_row_get_selected (row);

  if (self->importer == NULL || selected >= self->n_fields)
    return;
  crm_importer_set_column_field (self->importer, column, self->fields[selected]);
  update_preview (self);
}

static GtkWidget *
new_column_row (CrmImportMappingPage *self, GtkStringList *field_labels, guint column)
{
  const char *name = crm_importer_get_column_name (self->importer, column);
  g_autofree char *fallback = g_strdup_printf (_ ("Column %u"), column + 1);
  g_autofree char *samples = describe_samples (self->importer, column);
  GtkWidget *row = adw_combo_row_new ();

  if (name == NULL || *name == '\0')
    name = fallback;
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), samples);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 1);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 1);

  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (field_labels));
  adw_combo_row_set_selected (
      ADW_COMBO_ROW (row),
      field_position (self, crm_importer_get_column_field (self->importer, column)));
  g_object_set_data (G_OBJECT (row), "column", GUINT_TO_POINTER (column));
  g_signal_connect_object (row, "notify::selected", G_CALLBACK (on_field_row_selected_notify), self,
                           0);
  return row;
}

static void
rebuild_columns (CrmImportMappingPage *self)
{
  g_autoptr (GtkStringList) field_labels = gtk_string_list_new (NULL);
  GtkWidget *child;
  guint n_columns = crm_importer_get_n_columns (self->importer);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->column_list))) != NULL)
    gtk_list_box_remove (self->column_list, child);

  self->fields
      = crm_import_kind_get_fields (crm_importer_get_kind (self->importer), &self->n_fields);
  for (guint i = 0; i < self->n_fields; i++)
    gtk_string_list_append (field_labels, crm_import_field_get_label (self->fields[i]));

  for (guint column = 0; column < n_columns; column++)
    gtk_list_box_append (self->column_list, new_column_row (self, field_labels, column));

  update_preview (self);
}

static void
on_kind_row_selected_notify (CrmImportMappingPage *self)
{
  guint selected = adw_combo_row_get_selected (self->kind_row);

  if (self->importer == NULL || selected >= G_N_ELEMENTS (kind_labels)
      || (CrmImportKind) selected == crm_importer_get_kind (self->importer))
    return;
  crm_importer_set_kind (self->importer, (CrmImportKind) selected);
  rebuild_columns (self);
}

void
crm_import_mapping_page_set_importer (CrmImportMappingPage *self,
                                      CrmImporter *importer,
                                      GFile *file)
{
  g_return_if_fail (CRM_IS_IMPORT_MAPPING_PAGE (self));
  g_return_if_fail (CRM_IS_IMPORTER (importer));
  g_return_if_fail (G_IS_FILE (file));

  g_set_object (&self->importer, importer);
  crm_import_mapping_page_set_message (self, NULL);
  update_file_row (self, file);

  /* A vCard holds contacts only. */
  gtk_widget_set_visible (GTK_WIDGET (self->kind_row),
                          crm_importer_get_format (importer) != CRM_IMPORT_FORMAT_VCARD);
  g_signal_handlers_block_by_func (self->kind_row, on_kind_row_selected_notify, self);
  adw_combo_row_set_selected (self->kind_row, crm_importer_get_kind (importer));
  g_signal_handlers_unblock_by_func (self->kind_row, on_kind_row_selected_notify, self);
  rebuild_columns (self);
}

void
crm_import_mapping_page_set_message (CrmImportMappingPage *self, const char *message)
{
  g_return_if_fail (CRM_IS_IMPORT_MAPPING_PAGE (self));

  gtk_label_set_text (self->message_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), message != NULL);
}

/* ---- Construction -------------------------------------------------------------------------- */

static GtkWidget *
new_group (const char *title, const char *description)
{
  GtkWidget *group = adw_preferences_group_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  if (description != NULL)
    adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), description);
  return group;
}

static GtkWidget *
build_file_group (CrmImportMappingPage *self)
{
  GtkWidget *group = new_group (_ ("File"), NULL);
  g_autoptr (GtkStringList) kinds = gtk_string_list_new (NULL);

  self->file_row = ADW_ACTION_ROW (adw_action_row_new ());
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self->file_row), FALSE);
  adw_action_row_set_title_lines (self->file_row, 1);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->file_row));

  for (guint i = 0; i < G_N_ELEMENTS (kind_labels); i++)
    gtk_string_list_append (kinds, _ (kind_labels[i]));
  self->kind_row = ADW_COMBO_ROW (adw_combo_row_new ());
  adw_combo_row_set_model (self->kind_row, G_LIST_MODEL (kinds));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->kind_row), _ ("Import as"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->kind_row), _ ("What each row of the file is"));
  g_signal_connect_swapped (self->kind_row, "notify::selected",
                            G_CALLBACK (on_kind_row_selected_notify), self);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->kind_row));
  return group;
}

static GtkWidget *
build_columns_group (CrmImportMappingPage *self)
{
  /* TRANSLATORS: %s is the menu item that leaves a column out ("Do not import"). */
  g_autofree char *description = g_strdup_printf (
      _ ("Choose the field each column is imported as, or “%s” to leave it out."),
      crm_import_field_get_label (CRM_IMPORT_FIELD_IGNORE));
  GtkWidget *group = new_group (_ ("Columns"), description);

  self->column_list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->column_list, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (self->column_list), "boxed-list");
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->column_list));
  return group;
}

static GtkWidget *
build_preview_group (CrmImportMappingPage *self)
{
  GtkWidget *group = new_group (_ ("Preview"), _ ("The first rows as they will be imported."));

  self->preview_scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (self->preview_scroller),
                                  GTK_POLICY_AUTOMATIC, GTK_POLICY_NEVER);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (self->preview_scroller),
                                                    TRUE);
  gtk_widget_add_css_class (self->preview_scroller, "card");
  gtk_widget_set_overflow (self->preview_scroller, GTK_OVERFLOW_HIDDEN);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), self->preview_scroller);
  return group;
}

static void
crm_import_mapping_page_dispose (GObject *object)
{
  CrmImportMappingPage *self = CRM_IMPORT_MAPPING_PAGE (object);

  g_clear_object (&self->importer);

  G_OBJECT_CLASS (crm_import_mapping_page_parent_class)->dispose (object);
}

static void
crm_import_mapping_page_class_init (CrmImportMappingPageClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = crm_import_mapping_page_dispose;
}

static void
crm_import_mapping_page_init (CrmImportMappingPage *self)
{
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *clamp = adw_clamp_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 24);

  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 640);
  gtk_widget_set_margin_top (box, 24);
  gtk_widget_set_margin_bottom (box, 24);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);

  self->message_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->message_label, TRUE);
  gtk_label_set_xalign (self->message_label, 0);
  gtk_widget_add_css_class (GTK_WIDGET (self->message_label), "error");
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), FALSE);

  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->message_label));
  gtk_box_append (GTK_BOX (box), build_file_group (self));
  gtk_box_append (GTK_BOX (box), build_columns_group (self));
  gtk_box_append (GTK_BOX (box), build_preview_group (self));

  adw_clamp_set_child (ADW_CLAMP (clamp), box);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), clamp);
  adw_bin_set_child (ADW_BIN (self), scrolled);
}

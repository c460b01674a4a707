/* crm-import-duplicates-page.c — CrmImportDuplicatesPage (see the header). The list is a
 * GtkListView over one item per duplicate (the row's name), so an item's position is the
 * duplicate's index in the importer. Names come from the file and the database: they are set
 * with gtk_label_set_text, never as markup.
 */
#include "config.h"

#include "crm-import-duplicates-page.h"

#include <glib/gi18n.h>

struct _CrmImportDuplicatesPage
{
  AdwBin parent_instance;

  CrmImporter *importer;
  /* The choice drop-downs of the items bound now, to follow "Apply to All". */
  GPtrArray *bound_drop_downs;

  AdwPreferencesGroup *group;
  GtkDropDown *all_drop_down;
  GtkListView *list_view;
};

G_DEFINE_FINAL_TYPE (CrmImportDuplicatesPage, crm_import_duplicates_page, ADW_TYPE_BIN)

GtkWidget *
crm_import_duplicates_page_new (void)
{
  return g_object_new (CRM_TYPE_IMPORT_DUPLICATES_PAGE, NULL);
}

const char *
crm_import_duplicate_choice_get_label (CrmImportDuplicateChoice choice)
{
  switch (choice)
    {
      case CRM_IMPORT_DUPLICATE_SKIP:
        return _ ("Skip");
      case CRM_IMPORT_DUPLICATE_MERGE:
        return _ ("Merge");
      case CRM_IMPORT_DUPLICATE_ADD_NEW:
        return _ ("Import as New");
      default:
        g_return_val_if_reached ("");
    }
}

/* A drop-down of the three choices, in the enum's order. */
static GtkDropDown *
new_choice_drop_down (void)
{
  g_autoptr (GtkStringList) choices = gtk_string_list_new (NULL);

  for (CrmImportDuplicateChoice choice = CRM_IMPORT_DUPLICATE_SKIP;
       choice <= CRM_IMPORT_DUPLICATE_ADD_NEW; choice++)
    gtk_string_list_append (choices, crm_import_duplicate_choice_get_label (choice));

  return GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (g_steal_pointer (&choices)), NULL));
}

/* Two lines, each cut to the width on its own (so every item is as tall as the others):
 * "Line 12 · same e-mail" and "Matches “Olivia Amrani”". */
static char *
describe_duplicate (const CrmImportDuplicate *duplicate)
{
  const char *existing = duplicate->existing_name != NULL ? duplicate->existing_name : "";
  g_autofree char *where = NULL;
  g_autofree char *what = NULL;

  /* TRANSLATORS: where a duplicate row is in the file and why it is one: "Line 12 · same
   * e-mail". */
  where = g_strdup_printf (_ ("Line %u · %s"), duplicate->line,
                           duplicate->reason != NULL ? duplicate->reason : "");
  if (duplicate->existing_id == 0)
    /* TRANSLATORS: the duplicate repeats an earlier row of the same file, named %s. */
    what = g_strdup_printf (_ ("Repeats “%s”, an earlier row"), existing);
  else
    /* TRANSLATORS: the duplicate matches the stored record named %s. */
    what = g_strdup_printf (_ ("Matches “%s”"), existing);
  return g_strconcat (where, "\n", what, NULL);
}

/* ---- List items ---------------------------------------------------------------------------- */

static void
on_item_choice_selected_notify (GtkDropDown *drop_down, GParamSpec *pspec, gpointer data)
{
  CrmImportDuplicatesPage *self = CRM_IMPORT_DUPLICATES_PAGE (data);
  GtkListItem *item = g_object_get_data (G_OBJECT (drop_down), "list-item");
  guint position = gtk_list_item_get_position (item);

  if (self->importer == NULL || position >= crm_importer_get_n_duplicates (self->importer))
    return;
  crm_importer_set_duplicate_choice (
      self->importer, position, (CrmImportDuplicateChoice) gtk_drop_down_get_selected (drop_down));
}

static void
set_drop_down_quietly (CrmImportDuplicatesPage *self, GtkDropDown *drop_down, guint selected)
{
  g_signal_handlers_block_by_func (drop_down, on_item_choice_selected_notify, self);
  gtk_drop_down_set_selected (drop_down, selected);
  g_signal_handlers_unblock_by_func (drop_down, on_item_choice_selected_notify, self);
}

static void
on_factory_setup (GtkSignalListItemFactory *factory, GtkListItem *item, gpointer data)
{
  CrmImportDuplicatesPage *self = CRM_IMPORT_DUPLICATES_PAGE (data);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *labels = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  GtkWidget *title = gtk_label_new (NULL);
  GtkWidget *subtitle = gtk_label_new (NULL);
  GtkDropDown *drop_down = new_choice_drop_down ();

  gtk_widget_set_margin_top (box, 9);
  gtk_widget_set_margin_bottom (box, 9);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);

  gtk_widget_set_hexpand (labels, TRUE);
  gtk_widget_set_valign (labels, GTK_ALIGN_CENTER);
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (subtitle), 0);
  gtk_label_set_ellipsize (GTK_LABEL (subtitle), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (subtitle, "caption");
  gtk_widget_add_css_class (subtitle, "dim-label");
  gtk_box_append (GTK_BOX (labels), title);
  gtk_box_append (GTK_BOX (labels), subtitle);

  gtk_widget_set_valign (GTK_WIDGET (drop_down), GTK_ALIGN_CENTER);
  g_object_set_data (G_OBJECT (drop_down), "list-item", item);
  g_signal_connect_object (drop_down, "notify::selected",
                           G_CALLBACK (on_item_choice_selected_notify), self, 0);

  gtk_box_append (GTK_BOX (box), labels);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (drop_down));
  g_object_set_data (G_OBJECT (item), "title", title);
  g_object_set_data (G_OBJECT (item), "subtitle", subtitle);
  g_object_set_data (G_OBJECT (item), "drop-down", drop_down);
  gtk_list_item_set_activatable (item, FALSE);
  gtk_list_item_set_child (item, box);
}

static void
on_factory_bind (GtkSignalListItemFactory *factory, GtkListItem *item, gpointer data)
{
  CrmImportDuplicatesPage *self = CRM_IMPORT_DUPLICATES_PAGE (data);
  guint position = gtk_list_item_get_position (item);
  const CrmImportDuplicate *duplicate;
  GtkDropDown *drop_down = g_object_get_data (G_OBJECT (item), "drop-down");
  g_autofree char *description = NULL;
  g_autofree char *accessible = NULL;

  if (self->importer == NULL || position >= crm_importer_get_n_duplicates (self->importer))
    return;
  duplicate = crm_importer_get_duplicate (self->importer, position);
  description = describe_duplicate (duplicate);
  gtk_label_set_text (g_object_get_data (G_OBJECT (item), "title"),
                      duplicate->row_name != NULL ? duplicate->row_name : "");
  gtk_label_set_text (g_object_get_data (G_OBJECT (item), "subtitle"), description);
  set_drop_down_quietly (self, drop_down, duplicate->choice);
  /* TRANSLATORS: accessible name of a duplicate's choice menu; %u is its line in the file. */
  accessible = g_strdup_printf (_ ("What to do with line %u"), duplicate->line);
  gtk_accessible_update_property (GTK_ACCESSIBLE (drop_down), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  accessible, -1);
  g_ptr_array_add (self->bound_drop_downs, drop_down);
}

static void
on_factory_unbind (GtkSignalListItemFactory *factory, GtkListItem *item, gpointer data)
{
  CrmImportDuplicatesPage *self = CRM_IMPORT_DUPLICATES_PAGE (data);

  g_ptr_array_remove_fast (self->bound_drop_downs,
                           g_object_get_data (G_OBJECT (item), "drop-down"));
}

/* ---- Apply to All -------------------------------------------------------------------------- */

static void
on_apply_all_clicked (CrmImportDuplicatesPage *self)
{
  CrmImportDuplicateChoice choice = gtk_drop_down_get_selected (self->all_drop_down);

  if (self->importer == NULL)
    return;
  crm_importer_set_all_duplicate_choices (self->importer, choice);
  /* And for the duplicates of a new check, after Back and a change of the mapping. */
  crm_importer_set_default_duplicate_choice (self->importer, choice);
  for (guint i = 0; i < self->bound_drop_downs->len; i++)
    set_drop_down_quietly (self, self->bound_drop_downs->pdata[i], choice);
}

void
crm_import_duplicates_page_set_importer (CrmImportDuplicatesPage *self, CrmImporter *importer)
{
  g_autoptr (GtkStringList) names = gtk_string_list_new (NULL);
  g_autofree char *description = NULL;
  guint n;

  g_return_if_fail (CRM_IS_IMPORT_DUPLICATES_PAGE (self));
  g_return_if_fail (CRM_IS_IMPORTER (importer));

  /* The old items go first, while their positions still mean the old importer's duplicates. */
  gtk_list_view_set_model (self->list_view, NULL);
  g_set_object (&self->importer, importer);

  n = crm_importer_get_n_duplicates (importer);
  for (guint i = 0; i < n; i++)
    {
      const CrmImportDuplicate *duplicate = crm_importer_get_duplicate (importer, i);

      gtk_string_list_append (names, duplicate->row_name != NULL ? duplicate->row_name : "");
    }
  description = g_strdup_printf (
      ngettext ("%u row matches a record you already have, or an earlier row. Choose what to do "
                "with it.",
                "%u rows match records you already have, or earlier rows. Choose what to do with "
                "each.",
                n),
      n);
  adw_preferences_group_set_description (self->group, description);
  gtk_drop_down_set_selected (self->all_drop_down,
                              n > 0 ? crm_importer_get_duplicate (importer, 0)->choice
                                    : CRM_IMPORT_DUPLICATE_SKIP);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (gtk_no_selection_new (
                                                G_LIST_MODEL (g_steal_pointer (&names)))));
}

/* ---- Construction -------------------------------------------------------------------------- */

static GtkWidget *
build_all_row (CrmImportDuplicatesPage *self)
{
  GtkWidget *list = gtk_list_box_new ();
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *apply = gtk_button_new_with_mnemonic (_ ("_Apply to All"));

  self->all_drop_down = new_choice_drop_down ();
  gtk_widget_set_valign (GTK_WIDGET (self->all_drop_down), GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->all_drop_down),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _ ("Choice for all duplicates"),
                                  -1);
  gtk_widget_set_valign (apply, GTK_ALIGN_CENTER);
  g_signal_connect_swapped (apply, "clicked", G_CALLBACK (on_apply_all_clicked), self);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _ ("All duplicates"));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), GTK_WIDGET (self->all_drop_down));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), apply);

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_list_box_append (GTK_LIST_BOX (list), row);
  return list;
}

static GtkWidget *
build_list (CrmImportDuplicatesPage *self)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkWidget *scrolled = gtk_scrolled_window_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (on_factory_setup), self);
  g_signal_connect (factory, "bind", G_CALLBACK (on_factory_bind), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (on_factory_unbind), self);
  self->list_view = GTK_LIST_VIEW (gtk_list_view_new (NULL, factory));
  gtk_list_view_set_show_separators (self->list_view, TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list_view), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _ ("Duplicates"), -1);

  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  /* As tall as its rows, up to the room there is. */
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_widget_set_vexpand (scrolled, TRUE);
  gtk_widget_set_valign (scrolled, GTK_ALIGN_START);
  gtk_widget_add_css_class (scrolled, "card");
  gtk_widget_set_overflow (scrolled, GTK_OVERFLOW_HIDDEN);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (self->list_view));
  return scrolled;
}

static void
crm_import_duplicates_page_dispose (GObject *object)
{
  CrmImportDuplicatesPage *self = CRM_IMPORT_DUPLICATES_PAGE (object);

  if (self->list_view != NULL)
    gtk_list_view_set_model (self->list_view, NULL);
  g_clear_object (&self->importer);

  G_OBJECT_CLASS (crm_import_duplicates_page_parent_class)->dispose (object);
}

static void
crm_import_duplicates_page_finalize (GObject *object)
{
  CrmImportDuplicatesPage *self = CRM_IMPORT_DUPLICATES_PAGE (object);

  g_ptr_array_unref (self->bound_drop_downs);

  G_OBJECT_CLASS (crm_import_duplicates_page_parent_class)->finalize (object);
}

static void
crm_import_duplicates_page_class_init (CrmImportDuplicatesPageClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = crm_import_duplicates_page_dispose;
  G_OBJECT_CLASS (klass)->finalize = crm_import_duplicates_page_finalize;
}

static void
crm_import_duplicates_page_init (CrmImportDuplicatesPage *self)
{
  GtkWidget *clamp = adw_clamp_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);

  self->bound_drop_downs = g_ptr_array_new ();

  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 640);
  gtk_widget_set_margin_top (box, 24);
  gtk_widget_set_margin_bottom (box, 24);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);

  self->group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (self->group, _ ("Duplicates"));
  adw_preferences_group_add (self->group, build_all_row (self));

  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->group));
  gtk_box_append (GTK_BOX (box), build_list (self));
  adw_clamp_set_child (ADW_CLAMP (clamp), box);
  adw_bin_set_child (ADW_BIN (self), clamp);
}

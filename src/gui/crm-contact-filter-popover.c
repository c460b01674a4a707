/* crm-contact-filter-popover.c — CrmContactFilterPopover: the filter's controls, built from the
 * lifecycle stages and from what the database holds (sources, tags, owners, countries; read
 * again each time the popover opens). Names from the database are plain strings in drop-downs,
 * never markup. */
#include "config.h"

#include "crm-contact-filter-popover.h"

#include <glib/gi18n.h>

#define N_STAGES (CRM_LIFECYCLE_CHURNED + 1)
/* Owners and countries offered at most. */
#define MAX_CHOICES 500
#define DEFAULT_DAYS 30

/* A drop-down whose first item is "any" and whose others each stand for an id or a text. */
typedef struct
{
  GtkDropDown *dropdown;
  GtkStringList *strings;
  GArray *ids; /* gint64 per item after the first (source and tag drop-downs) */
} Choice;

struct _CrmContactFilterPopover
{
  GtkPopover parent_instance;

  CrmStore *store;
  GtkCheckButton *stages[N_STAGES];
  Choice source, tag, owner, country;
  GtkCheckButton *score_check;
  GtkSpinButton *score_min, *score_max;
  GtkCheckButton *days_check;
  GtkSpinButton *days;
  GtkCheckButton *no_next_step;
  GtkButton *clear_button;
  /* While the controls are set from code, their signals are not the user's changes. */
  guint updating;
  gboolean ids_loaded; /* the sources and tags were read */
};

G_DEFINE_FINAL_TYPE (CrmContactFilterPopover, crm_contact_filter_popover, GTK_TYPE_POPOVER)

enum
{
  SIGNAL_CHANGED,
  SIGNAL_SAVE_REQUESTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* ---- Choices ------------------------------------------------------------------------------ */

static void
choice_init (Choice *choice, gboolean with_ids)
{
  choice->strings = gtk_string_list_new (NULL);
  choice->dropdown = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (choice->strings), NULL));
  choice->ids = with_ids ? g_array_new (FALSE, FALSE, sizeof (gint64)) : NULL;
  gtk_widget_set_hexpand (GTK_WIDGET (choice->dropdown), TRUE);
}

static void
choice_clear (Choice *choice)
{
  g_clear_pointer (&choice->ids, g_array_unref);
}

/* Fills the choice: "any" (@any_label), then @labels (and @ids when it has ids). */
static void
choice_fill (Choice *choice, const char *any_label, const char *const *labels, const gint64 *ids)
{
  guint n = labels != NULL ? g_strv_length ((char **) labels) : 0;
  guint n_before = g_list_model_get_n_items (G_LIST_MODEL (choice->strings));
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  g_auto (GStrv) all = NULL;

  g_strv_builder_add (builder, any_label);
  g_strv_builder_addv (builder,
                       (const char **) (labels != NULL ? labels : (const char *[]){ NULL }));
  all = g_strv_builder_end (builder);
  gtk_string_list_splice (choice->strings, 0, n_before, (const char *const *) all);
  if (choice->ids != NULL)
    {
      g_array_set_size (choice->ids, 0);
      if (n > 0)
        g_array_append_vals (choice->ids, ids, n);
    }
}

static gint64
choice_get_id (Choice *choice)
{
  guint selected = gtk_drop_down_get_selected (choice->dropdown);

  if (selected == 0 || selected == GTK_INVALID_LIST_POSITION || selected > choice->ids->len)
    return 0;
  return g_array_index (choice->ids, gint64, selected - 1);
}

static char *
choice_dup_text (Choice *choice)
{
  guint selected = gtk_drop_down_get_selected (choice->dropdown);

  if (selected == 0 || selected == GTK_INVALID_LIST_POSITION)
    return NULL;
  return g_strdup (gtk_string_list_get_string (choice->strings, selected));
}

/* Selects the item of @id, adding it (as @missing_label) when the database no longer has it. */
static void
choice_select_id (Choice *choice, gint64 id, const char *missing_label)
{
  if (id == 0)
    {
      gtk_drop_down_set_selected (choice->dropdown, 0);
      return;
    }
  for (guint i = 0; i < choice->ids->len; i++)
    if (g_array_index (choice->ids, gint64, i) == id)
      {
        gtk_drop_down_set_selected (choice->dropdown, i + 1);
        return;
      }
  gtk_string_list_append (choice->strings, missing_label);
  g_array_append_val (choice->ids, id);
  gtk_drop_down_set_selected (choice->dropdown, choice->ids->len);
}

static void
choice_select_text (Choice *choice, const char *text, gboolean case_blind)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (choice->strings));

  if (text == NULL)
    {
      gtk_drop_down_set_selected (choice->dropdown, 0);
      return;
    }
  for (guint i = 1; i < n; i++)
    {
      const char *item = gtk_string_list_get_string (choice->strings, i);

      if (case_blind ? g_ascii_strcasecmp (item, text) == 0 : g_strcmp0 (item, text) == 0)
        {
          gtk_drop_down_set_selected (choice->dropdown, i);
          return;
        }
    }
  gtk_string_list_append (choice->strings, text);
  gtk_drop_down_set_selected (choice->dropdown, n);
}

/* Re-reads the sources and tags (a few rows each), keeping what is selected. */
static void
reload_ids (CrmContactFilterPopover *self)
{
  g_autoptr (GPtrArray) sources = crm_store_list_lead_sources (self->store, NULL);
  g_autoptr (GPtrArray) tags = crm_store_list_tags (self->store, NULL);
  g_autoptr (GPtrArray) source_names = g_ptr_array_new ();
  g_autoptr (GPtrArray) tag_names = g_ptr_array_new ();
  g_autoptr (GArray) source_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr (GArray) tag_ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint i = 0; sources != NULL && i < sources->len; i++)
    {
      const CrmLeadSourceRecord *source = sources->pdata[i];
      g_ptr_array_add (source_names, source->name);
      g_array_append_val (source_ids, source->id);
    }
  g_ptr_array_add (source_names, NULL);
  for (guint i = 0; tags != NULL && i < tags->len; i++)
    {
      const CrmTagRecord *tag = tags->pdata[i];
      g_ptr_array_add (tag_names, tag->name);
      g_array_append_val (tag_ids, tag->id);
    }
  g_ptr_array_add (tag_names, NULL);
  choice_fill (&self->source, _ ("Any source"), (const char *const *) source_names->pdata,
               (const gint64 *) source_ids->data);
  choice_fill (&self->tag, _ ("Any tags"), (const char *const *) tag_names->pdata,
               (const gint64 *) tag_ids->data);
  self->ids_loaded = TRUE;
}

/* Re-reads what the database offers, keeping what is selected. The owners and countries take
 * a pass over an index of every contact: read when the popover opens, not before. */
static void
reload_choices (CrmContactFilterPopover *self)
{
  g_autoptr (CrmContactFilter) filter = crm_contact_filter_popover_dup_filter (self);
  g_auto (GStrv) owners = crm_store_list_contact_owners (self->store, MAX_CHOICES, NULL);
  g_auto (GStrv) countries = crm_store_list_contact_countries (self->store, MAX_CHOICES, NULL);

  self->updating++;
  reload_ids (self);
  choice_fill (&self->owner, _ ("Anyone’s"), (const char *const *) owners, NULL);
  choice_fill (&self->country, _ ("Any country"), (const char *const *) countries, NULL);
  crm_contact_filter_popover_set_filter (self, filter);
  self->updating--;
}

/* ---- Changes ---------------------------------------------------------------------------------- */

static void
update_sensitivity (CrmContactFilterPopover *self)
{
  gboolean score = gtk_check_button_get_active (self->score_check);
  gboolean days = gtk_check_button_get_active (self->days_check);
  g_autoptr (CrmContactFilter) filter = crm_contact_filter_popover_dup_filter (self);

  gtk_widget_set_sensitive (GTK_WIDGET (self->score_min), score);
  gtk_widget_set_sensitive (GTK_WIDGET (self->score_max), score);
  gtk_widget_set_sensitive (GTK_WIDGET (self->days), days);
  gtk_widget_set_sensitive (GTK_WIDGET (self->clear_button),
                            crm_contact_filter_count_criteria (filter) > 0);
}

static void
on_control_changed (CrmContactFilterPopover *self)
{
  update_sensitivity (self);
  if (self->updating == 0)
    g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
}

/* The score range stays a range: the lowest follows the highest down, and the other way. */
static void
on_score_min_changed (CrmContactFilterPopover *self)
{
  if (gtk_spin_button_get_value_as_int (self->score_max)
      < gtk_spin_button_get_value_as_int (self->score_min))
    gtk_spin_button_set_value (self->score_max, gtk_spin_button_get_value (self->score_min));
  on_control_changed (self);
}

static void
on_score_max_changed (CrmContactFilterPopover *self)
{
  if (gtk_spin_button_get_value_as_int (self->score_min)
      > gtk_spin_button_get_value_as_int (self->score_max))
    gtk_spin_button_set_value (self->score_min, gtk_spin_button_get_value (self->score_max));
  on_control_changed (self);
}

static void
on_clear_clicked (CrmContactFilterPopover *self)
{
  self->updating++;
  crm_contact_filter_popover_set_filter (self, NULL);
  self->updating--;
  on_control_changed (self);
}

static void
on_save_clicked (CrmContactFilterPopover *self)
{
  gtk_popover_popdown (GTK_POPOVER (self));
  g_signal_emit (self, signals[SIGNAL_SAVE_REQUESTED], 0);
}

/* ---- Building ------------------------------------------------------------------------------ */

static GtkWidget *
section_label (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "heading");
  return label;
}

static GtkWidget *
row_label (const char *mnemonic, GtkWidget *mnemonic_widget)
{
  GtkWidget *label = gtk_label_new_with_mnemonic (mnemonic);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), mnemonic_widget);
  return label;
}

static GtkSpinButton *
spin_new (double min, double max, double value)
{
  GtkSpinButton *spin = GTK_SPIN_BUTTON (gtk_spin_button_new_with_range (min, max, 1));

  gtk_spin_button_set_value (spin, value);
  gtk_spin_button_set_numeric (spin, TRUE);
  return spin;
}

static void
build_stages (CrmContactFilterPopover *self, GtkBox *box)
{
  GtkWidget *grid = gtk_grid_new ();

  gtk_box_append (box, section_label (_ ("Lifecycle Stage")));
  gtk_grid_set_column_spacing (GTK_GRID (grid), 12);
  gtk_grid_set_column_homogeneous (GTK_GRID (grid), TRUE);
  for (guint stage = 0; stage < N_STAGES; stage++)
    {
      GtkWidget *check = gtk_check_button_new_with_label (crm_lifecycle_stage_get_label (stage));

      self->stages[stage] = GTK_CHECK_BUTTON (check);
      g_signal_connect_swapped (check, "toggled", G_CALLBACK (on_control_changed), self);
      gtk_grid_attach (GTK_GRID (grid), check, (int) stage % 2, (int) stage / 2, 1, 1);
    }
  gtk_box_append (box, grid);
}

static void
build_choices (CrmContactFilterPopover *self, GtkBox *box)
{
  GtkWidget *grid = gtk_grid_new ();
  struct
  {
    const char *label;
    Choice *choice;
    const char *accessible;
  } rows[] = {
    { N_ ("_Source"), &self->source, N_ ("Lead source") },
    { N_ ("_Tag"), &self->tag, N_ ("Tag") },
    { N_ ("_Owner"), &self->owner, N_ ("Owner") },
    { N_ ("Co_untry"), &self->country, N_ ("Country") },
  };

  gtk_grid_set_column_spacing (GTK_GRID (grid), 12);
  gtk_grid_set_row_spacing (GTK_GRID (grid), 6);
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      GtkWidget *dropdown = GTK_WIDGET (rows[i].choice->dropdown);

      gtk_accessible_update_property (GTK_ACCESSIBLE (dropdown), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _ (rows[i].accessible), -1);
      g_signal_connect_swapped (dropdown, "notify::selected", G_CALLBACK (on_control_changed),
                                self);
      gtk_grid_attach (GTK_GRID (grid), row_label (_ (rows[i].label), dropdown), 0, (int) i, 1, 1);
      gtk_grid_attach (GTK_GRID (grid), dropdown, 1, (int) i, 1, 1);
    }
  gtk_box_append (box, grid);
}

static void
build_ranges (CrmContactFilterPopover *self, GtkBox *box)
{
  GtkWidget *score_row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *days_row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);

  /* Translators: followed by two numbers, "Lead score from 40 to 80". */
  self->score_check
      = GTK_CHECK_BUTTON (gtk_check_button_new_with_mnemonic (_ ("Lead _score from")));
  self->score_min = spin_new (0, 100, 0);
  self->score_max = spin_new (0, 100, 100);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->score_min), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _ ("Lowest lead score"), -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->score_max), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _ ("Highest lead score"), -1);
  g_signal_connect_swapped (self->score_check, "toggled", G_CALLBACK (on_control_changed), self);
  g_signal_connect_swapped (self->score_min, "value-changed", G_CALLBACK (on_score_min_changed),
                            self);
  g_signal_connect_swapped (self->score_max, "value-changed", G_CALLBACK (on_score_max_changed),
                            self);
  gtk_box_append (GTK_BOX (score_row), GTK_WIDGET (self->score_check));
  gtk_box_append (GTK_BOX (score_row), GTK_WIDGET (self->score_min));
  /* Translators: between the two numbers of "Lead score from 40 to 80". */
  gtk_box_append (GTK_BOX (score_row), gtk_label_new (C_ ("score range", "to")));
  gtk_box_append (GTK_BOX (score_row), GTK_WIDGET (self->score_max));
  gtk_box_append (box, score_row);

  /* Translators: followed by a number and "days". */
  self->days_check
      = GTK_CHECK_BUTTON (gtk_check_button_new_with_mnemonic (_ ("Not _contacted for")));
  self->days = spin_new (1, 3650, DEFAULT_DAYS);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->days), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _ ("Days without contact"), -1);
  g_signal_connect_swapped (self->days_check, "toggled", G_CALLBACK (on_control_changed), self);
  g_signal_connect_swapped (self->days, "value-changed", G_CALLBACK (on_control_changed), self);
  gtk_box_append (GTK_BOX (days_row), GTK_WIDGET (self->days_check));
  gtk_box_append (GTK_BOX (days_row), GTK_WIDGET (self->days));
  /* Translators: after "Not contacted for 30". */
  gtk_box_append (GTK_BOX (days_row), gtk_label_new (C_ ("not contacted for", "days")));
  gtk_box_append (box, days_row);

  self->no_next_step
      = GTK_CHECK_BUTTON (gtk_check_button_new_with_mnemonic (_ ("No _next step planned")));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->no_next_step),
                               _ ("No open task or activity with a due date"));
  g_signal_connect_swapped (self->no_next_step, "toggled", G_CALLBACK (on_control_changed), self);
  gtk_box_append (box, GTK_WIDGET (self->no_next_step));
}

static void
build_buttons (CrmContactFilterPopover *self, GtkBox *box)
{
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *save = gtk_button_new_with_mnemonic (_ ("Save as Smart _List…"));

  self->clear_button = GTK_BUTTON (gtk_button_new_with_mnemonic (_ ("C_lear")));
  g_signal_connect_swapped (self->clear_button, "clicked", G_CALLBACK (on_clear_clicked), self);
  g_signal_connect_swapped (save, "clicked", G_CALLBACK (on_save_clicked), self);
  gtk_widget_add_css_class (save, "suggested-action");
  gtk_widget_set_hexpand (save, TRUE);
  gtk_widget_set_halign (save, GTK_ALIGN_END);
  gtk_box_append (GTK_BOX (buttons), GTK_WIDGET (self->clear_button));
  gtk_box_append (GTK_BOX (buttons), save);
  gtk_widget_set_margin_top (buttons, 6);
  gtk_box_append (box, buttons);
}

static void
crm_contact_filter_popover_show (GtkWidget *widget)
{
  reload_choices (CRM_CONTACT_FILTER_POPOVER (widget));
  GTK_WIDGET_CLASS (crm_contact_filter_popover_parent_class)->show (widget);
}

static void
crm_contact_filter_popover_dispose (GObject *object)
{
  CrmContactFilterPopover *self = CRM_CONTACT_FILTER_POPOVER (object);

  choice_clear (&self->source);
  choice_clear (&self->tag);
  g_clear_object (&self->store);
  G_OBJECT_CLASS (crm_contact_filter_popover_parent_class)->dispose (object);
}

static void
crm_contact_filter_popover_class_init (CrmContactFilterPopoverClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = crm_contact_filter_popover_dispose;
  GTK_WIDGET_CLASS (klass)->show = crm_contact_filter_popover_show;

  signals[SIGNAL_CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                          0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[SIGNAL_SAVE_REQUESTED]
      = g_signal_new ("save-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                      NULL, G_TYPE_NONE, 0);
}

static void
crm_contact_filter_popover_init (CrmContactFilterPopover *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);

  choice_init (&self->source, TRUE);
  choice_init (&self->tag, TRUE);
  choice_init (&self->owner, FALSE);
  choice_init (&self->country, FALSE);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);
  build_stages (self, GTK_BOX (box));
  build_choices (self, GTK_BOX (box));
  build_ranges (self, GTK_BOX (box));
  build_buttons (self, GTK_BOX (box));
  gtk_popover_set_child (GTK_POPOVER (self), box);
  update_sensitivity (self);
}

GtkWidget *
crm_contact_filter_popover_new (CrmStore *store)
{
  CrmContactFilterPopover *self;

  g_return_val_if_fail (CRM_IS_STORE (store), NULL);

  self = g_object_new (CRM_TYPE_CONTACT_FILTER_POPOVER, NULL);
  self->store = g_object_ref (store);
  self->updating++;
  choice_fill (&self->source, _ ("Any source"), NULL, NULL);
  choice_fill (&self->tag, _ ("Any tags"), NULL, NULL);
  choice_fill (&self->owner, _ ("Anyone’s"), NULL, NULL);
  choice_fill (&self->country, _ ("Any country"), NULL, NULL);
  self->updating--;
  return GTK_WIDGET (self);
}

CrmContactFilter *
crm_contact_filter_popover_dup_filter (CrmContactFilterPopover *self)
{
  CrmContactFilter *filter;

  g_return_val_if_fail (CRM_IS_CONTACT_FILTER_POPOVER (self), NULL);

  filter = crm_contact_filter_new ();
  for (guint stage = 0; stage < N_STAGES; stage++)
    if (self->stages[stage] != NULL && gtk_check_button_get_active (self->stages[stage]))
      filter->lifecycles |= 1u << stage;
  if (self->source.ids != NULL)
    filter->source_id = choice_get_id (&self->source);
  if (self->tag.ids != NULL)
    filter->tag_id = choice_get_id (&self->tag);
  filter->owner = choice_dup_text (&self->owner);
  filter->country = choice_dup_text (&self->country);
  if (self->score_check != NULL && gtk_check_button_get_active (self->score_check))
    {
      filter->score_min = gtk_spin_button_get_value_as_int (self->score_min);
      filter->score_max = gtk_spin_button_get_value_as_int (self->score_max);
    }
  if (self->days_check != NULL && gtk_check_button_get_active (self->days_check))
    filter->not_contacted_days = (guint) gtk_spin_button_get_value_as_int (self->days);
  if (self->no_next_step != NULL)
    filter->no_next_step = gtk_check_button_get_active (self->no_next_step);
  return filter;
}

void
crm_contact_filter_popover_set_filter (CrmContactFilterPopover *self,
                                       const CrmContactFilter *filter)
{
  g_autoptr (CrmContactFilter) empty = crm_contact_filter_new ();
  gboolean score;

  g_return_if_fail (CRM_IS_CONTACT_FILTER_POPOVER (self));

  if (filter == NULL)
    filter = empty;
  self->updating++;
  /* A tag or a source to show needs the names read. */
  if (!self->ids_loaded && (filter->source_id != 0 || filter->tag_id != 0))
    reload_ids (self);
  for (guint stage = 0; stage < N_STAGES; stage++)
    gtk_check_button_set_active (self->stages[stage], (filter->lifecycles & (1u << stage)) != 0);
  choice_select_id (&self->source, filter->source_id, _ ("A source no longer there"));
  choice_select_id (&self->tag, filter->tag_id, _ ("A tag no longer there"));
  choice_select_text (&self->owner, crm_contact_filter_get_owner (filter), FALSE);
  choice_select_text (&self->country, crm_contact_filter_get_country (filter), TRUE);
  score = filter->score_min >= 0 || filter->score_max >= 0;
  gtk_check_button_set_active (self->score_check, score);
  gtk_spin_button_set_value (self->score_min, score ? MAX (filter->score_min, 0) : 0);
  gtk_spin_button_set_value (self->score_max,
                             score && filter->score_max >= 0 ? filter->score_max : 100);
  gtk_check_button_set_active (self->days_check, filter->not_contacted_days > 0);
  gtk_spin_button_set_value (self->days, filter->not_contacted_days > 0 ? filter->not_contacted_days
                                                                        : DEFAULT_DAYS);
  gtk_check_button_set_active (self->no_next_step, filter->no_next_step);
  self->updating--;
  update_sensitivity (self);
}

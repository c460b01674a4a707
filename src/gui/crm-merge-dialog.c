/* crm-merge-dialog.c — CrmMergeDialog (see the header). Built in code: its rows follow the
 * fields of crm-contact-merge.h. A row whose two values differ holds two grouped check buttons
 * (radio style), one per contact, their labels the values; a row with the same value on both
 * sides shows it once. Every value is user text, set with gtk_label_set_text (never markup).
 */
#include "config.h"

#include "crm-merge-dialog.h"

#include <glib/gi18n.h>

#include "crm-window.h"

struct _CrmMergeDialog
{
  AdwWindow parent_instance;

  CrmRepository *repository;
  CrmUndoManager *undo_manager;
  CrmContactRecord *first;
  CrmContactRecord *second; /* an unsaved entry (id 0) in entry mode */
  gboolean entry_mode;
  CrmContactMergePlan plan; /* the proposal; its keep_second decides which row lives on */
  GtkCheckButton *choices[CRM_MERGE_N_FIELDS][2];

  AdwWindowTitle *window_title;
  GtkLabel *intro_label;
  GtkLabel *error_label;
  GtkWidget *content;
};

G_DEFINE_FINAL_TYPE (CrmMergeDialog, crm_merge_dialog, ADW_TYPE_WINDOW)

enum
{
  SIGNAL_MERGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static CrmStore *
get_store (CrmMergeDialog *self)
{
  return crm_repository_get_store (self->repository);
}

static void
show_error (CrmMergeDialog *self, const char *message)
{
  gtk_label_set_text (self->error_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
}

/* ---- Values as text ------------------------------------------------------------------------ */

static const char *
bant_answer_label (CrmBantAnswer answer)
{
  switch (answer)
    {
      case CRM_BANT_YES:
        return _ ("Yes");
      case CRM_BANT_NO:
        return _ ("No");
      case CRM_BANT_UNKNOWN:
      default:
        return _ ("Unknown");
    }
}

static char *
dup_name_of (CrmMergeDialog *self, CrmEntity entity, gint64 id)
{
  g_autoptr (GError) error = NULL;
  gpointer record;
  char *name;

  if (id == 0)
    return NULL;
  record = crm_store_get_record (get_store (self), entity, id, &error);
  if (record == NULL)
    return g_strdup_printf (_ ("(unknown: %s)"), error->message);
  /* Companies and lead sources both start with { id, uuid, name }. */
  name = g_strdup (((CrmCompanyRecord *) record)->name);
  crm_record_free (entity, record);
  return name;
}

/* What @contact holds for @field as people read it; NULL when it holds nothing. */
static char *
dup_value_text (CrmMergeDialog *self, const CrmContactRecord *contact, CrmMergeField field)
{
  CrmBantAnswer answer;
  const char *note;

  if (crm_contact_merge_field_is_empty (contact, field))
    return NULL;
  switch (field)
    {
      case CRM_MERGE_FIELD_NAME:
        return g_strdup (contact->name);
      case CRM_MERGE_FIELD_EMAIL:
        return g_strdup (contact->email);
      case CRM_MERGE_FIELD_PHONE:
        return g_strdup (contact->phone);
      case CRM_MERGE_FIELD_TITLE:
        return g_strdup (contact->title);
      case CRM_MERGE_FIELD_OWNER:
        return g_strdup (contact->owner);
      case CRM_MERGE_FIELD_COUNTRY:
        return g_strdup (contact->country);
      case CRM_MERGE_FIELD_COMPANY:
        return dup_name_of (self, CRM_ENTITY_COMPANY, contact->company_id);
      case CRM_MERGE_FIELD_SOURCE:
        return dup_name_of (self, CRM_ENTITY_LEAD_SOURCE, contact->source_id);
      case CRM_MERGE_FIELD_LIFECYCLE:
        return g_strdup (crm_lifecycle_stage_get_label (contact->lifecycle));
      case CRM_MERGE_FIELD_BANT_BUDGET:
        answer = contact->bant_budget, note = contact->bant_budget_note;
        break;
      case CRM_MERGE_FIELD_BANT_AUTHORITY:
        answer = contact->bant_authority, note = contact->bant_authority_note;
        break;
      case CRM_MERGE_FIELD_BANT_NEED:
        answer = contact->bant_need, note = contact->bant_need_note;
        break;
      case CRM_MERGE_FIELD_BANT_TIMELINE:
        answer = contact->bant_timeline, note = contact->bant_timeline_note;
        break;
      case CRM_MERGE_N_FIELDS:
      default:
        g_return_val_if_reached (NULL);
    }
  if (note == NULL || note[0] == '\0')
    return g_strdup (bant_answer_label (answer));
  /* Translators: a BANT answer ("Yes") and the note that goes with it. */
  return g_strdup_printf (_ ("%s — %s"), bant_answer_label (answer), note);
}

/* ---- Building the rows ------------------------------------------------------------------- */

/* A label for user text: plain, wrapping, or a dimmed "None" when there is no text. */
static GtkWidget *
value_label (const char *text)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_use_markup (GTK_LABEL (label), FALSE);
  gtk_label_set_text (GTK_LABEL (label), text != NULL ? text : _ ("None"));
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_hexpand (label, TRUE);
  if (text == NULL)
    gtk_widget_add_css_class (label, "dim-label");
  return label;
}

/* One row of the list: the field's name above @values (one widget, or two columns), so that
 * the two values keep half the width each even in a narrow window. */
static GtkWidget *
field_row (const char *field_name, GtkWidget *values)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *row = gtk_list_box_row_new ();

  if (field_name != NULL)
    {
      GtkWidget *name = gtk_label_new (field_name);

      gtk_label_set_xalign (GTK_LABEL (name), 0);
      gtk_label_set_wrap (GTK_LABEL (name), TRUE);
      gtk_widget_add_css_class (name, "caption-heading");
      gtk_widget_add_css_class (name, "dim-label");
      gtk_box_append (GTK_BOX (box), name);
    }
  gtk_box_append (GTK_BOX (box), values);
  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 8);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_list_box_row_set_selectable (GTK_LIST_BOX_ROW (row), FALSE);
  return row;
}

static GtkWidget *
two_columns (void)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);

  gtk_box_set_homogeneous (GTK_BOX (box), TRUE);
  gtk_widget_set_hexpand (box, TRUE);
  return box;
}

static GtkWidget *
choice_row (CrmMergeDialog *self, CrmMergeField field)
{
  const char *field_name = crm_merge_field_get_label (field);
  const CrmContactRecord *sides[2] = { self->first, self->second };
  GtkWidget *columns;

  /* A new entry only has what was typed: where it has nothing (or only a default, as its
   * lifecycle stage), the existing value stays, with nothing to choose. */
  if (crm_contact_merge_field_equal (self->first, self->second, field)
      || (self->entry_mode
          && (field == CRM_MERGE_FIELD_LIFECYCLE
              || crm_contact_merge_field_is_empty (self->second, field))))
    {
      g_autofree char *text = dup_value_text (self, self->first, field);
      return field_row (field_name, value_label (text));
    }

  columns = two_columns ();
  for (guint side = 0; side < 2; side++)
    {
      g_autofree char *text = dup_value_text (self, sides[side], field);
      g_autofree char *description = NULL;
      GtkWidget *check = gtk_check_button_new ();

      gtk_check_button_set_child (GTK_CHECK_BUTTON (check), value_label (text));
      gtk_widget_set_valign (check, GTK_ALIGN_START);
      gtk_widget_set_halign (check, GTK_ALIGN_START);
      if (side == 1)
        gtk_check_button_set_group (GTK_CHECK_BUTTON (check), self->choices[field][0]);
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check),
                                   self->plan.from_second[field] == (side == 1));
      /* Translators: what a screen reader says of a choice; %s is the field ("E-mail"). */
      description = g_strdup_printf (_ ("Keep this %s"), field_name);
      gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                      description, -1);
      self->choices[field][side] = GTK_CHECK_BUTTON (check);
      gtk_box_append (GTK_BOX (columns), check);
    }
  return field_row (field_name, columns);
}

static char *
dup_captured_text (const CrmContactRecord *contact)
{
  g_autoptr (GDateTime) date = NULL;
  g_autofree char *day = NULL;

  if (contact->id == 0)
    return g_strdup (_ ("New entry, not saved"));
  date = g_date_time_new_from_unix_local (contact->captured_at);
  day = g_date_time_format (date, "%-d %b %Y");
  /* Translators: under a contact's name in the merge dialog; %s is a date. */
  return g_strdup_printf (_ ("Captured %s"), day);
}

static GtkWidget *
column_heading (const CrmContactRecord *contact)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *name = value_label (contact->name);
  g_autofree char *captured = dup_captured_text (contact);
  GtkWidget *caption = gtk_label_new (captured);

  gtk_widget_add_css_class (name, "heading");
  gtk_label_set_xalign (GTK_LABEL (caption), 0);
  gtk_label_set_wrap (GTK_LABEL (caption), TRUE);
  gtk_widget_add_css_class (caption, "caption");
  gtk_widget_add_css_class (caption, "dim-label");
  gtk_box_append (GTK_BOX (box), name);
  gtk_box_append (GTK_BOX (box), caption);
  return box;
}

static GtkWidget *
heading_row (CrmMergeDialog *self)
{
  GtkWidget *columns = two_columns ();

  gtk_box_append (GTK_BOX (columns), column_heading (self->first));
  gtk_box_append (GTK_BOX (columns), column_heading (self->second));
  return field_row (NULL, columns);
}

static GtkWidget *
notes_row (CrmMergeDialog *self)
{
  const CrmContactRecord *kept = self->plan.keep_second ? self->second : self->first;
  const CrmContactRecord *other = self->plan.keep_second ? self->first : self->second;
  g_autofree char *notes = crm_store_join_contact_notes (kept->notes, other->notes);
  GtkWidget *label = value_label (notes);

  gtk_label_set_lines (GTK_LABEL (label), 6);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  /* Translators: the notes row of the merge dialog: the notes of both contacts are kept. */
  return field_row (_ ("Notes (both kept)"), label);
}

/* "“B” is merged into “A”, captured first. Moving with it: 12 activities, 2 deals, 3 tags." */
static char *
dup_summary (CrmMergeDialog *self)
{
  const CrmContactRecord *kept = self->plan.keep_second ? self->second : self->first;
  const CrmContactRecord *other = self->plan.keep_second ? self->first : self->second;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *list = NULL;
  CrmContactLinks links;

  if (self->entry_mode)
    /* Translators: %s is the existing contact's name. */
    return g_strdup_printf (_ ("The values chosen are written to “%s”. No second contact is "
                               "added."),
                            kept->name);
  if (!crm_store_count_contact_links (get_store (self), other->id, &links, &error))
    return g_strdup (error->message);

  /* Each count on its own, for the plural forms of every language. */
  if (links.n_activities > 0)
    g_ptr_array_add (parts,
                     g_strdup_printf (ngettext ("%u activity", "%u activities", links.n_activities),
                                      links.n_activities));
  if (links.n_deals > 0)
    g_ptr_array_add (
        parts, g_strdup_printf (ngettext ("%u deal", "%u deals", links.n_deals), links.n_deals));
  if (links.n_tags > 0)
    g_ptr_array_add (parts,
                     g_strdup_printf (ngettext ("%u tag", "%u tags", links.n_tags), links.n_tags));
  if (links.n_feedback > 0)
    g_ptr_array_add (parts, g_strdup_printf (ngettext ("%u feedback answer", "%u feedback answers",
                                                       links.n_feedback),
                                             links.n_feedback));
  if (parts->len == 0)
    /* Translators: the first %s is the contact merged away, the second the one kept. */
    return g_strdup_printf (_ ("“%s” is merged into “%s”, captured first. It has no activities, "
                               "deals, tags or feedback to move."),
                            other->name, kept->name);
  g_ptr_array_add (parts, NULL);
  /* Translators: the separator of a list of counts ("12 activities, 2 deals"). */
  list = g_strjoinv (_ (", "), (char **) parts->pdata);
  /* Translators: the first %s is the contact merged away, the second the one kept, the third a
   * list of counts ("12 activities, 2 deals, 3 tags"). */
  return g_strdup_printf (_ ("“%s” is merged into “%s”, captured first. All of this is kept and "
                             "moves with it: %s."),
                          other->name, kept->name, list);
}

static void
populate (CrmMergeDialog *self)
{
  GtkWidget *list = gtk_list_box_new ();
  g_autofree char *summary_text = NULL;
  GtkWidget *summary;

  crm_contact_merge_propose (self->first, self->second, &self->plan);
  if (self->entry_mode)
    self->plan.from_second[CRM_MERGE_FIELD_LIFECYCLE] = FALSE;
  /* What moves, first: the reason a person can merge without fear. */
  summary_text = dup_summary (self);
  summary = value_label (summary_text);
  gtk_box_append (GTK_BOX (self->content), summary);

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_list_box_append (GTK_LIST_BOX (list), heading_row (self));
  for (guint i = 0; i < CRM_MERGE_N_FIELDS; i++)
    {
      CrmMergeField field = (CrmMergeField) i;

      /* Nothing to see or choose where both are empty. */
      if (crm_contact_merge_field_is_empty (self->first, field)
          && crm_contact_merge_field_is_empty (self->second, field))
        continue;
      gtk_list_box_append (GTK_LIST_BOX (list), choice_row (self, field));
    }
  gtk_list_box_append (GTK_LIST_BOX (list), notes_row (self));
  gtk_box_append (GTK_BOX (self->content), list);
}

/* ---- Merging -------------------------------------------------------------------------------- */

static void
show_toast (CrmMergeDialog *self)
{
  for (GtkWindow *window = gtk_window_get_transient_for (GTK_WINDOW (self)); window != NULL;
       window = gtk_window_get_transient_for (window))
    if (CRM_IS_WINDOW (window))
      {
        AdwToast *toast = adw_toast_new (_ ("Contacts merged"));

        adw_toast_set_button_label (toast, _ ("_Undo"));
        adw_toast_set_action_name (toast, "win.undo");
        crm_window_add_toast (CRM_WINDOW (window), toast);
        return;
      }
}

static CrmContactRecord *
reread (CrmMergeDialog *self, const CrmContactRecord *contact, GError **error)
{
  g_autoptr (GError) local_error = NULL;
  CrmContactRecord *fresh;

  if (contact->id == 0)
    return crm_contact_record_copy (contact);
  fresh = crm_store_get_contact (get_store (self), contact->id, &local_error);
  if (fresh == NULL)
    g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND,
                 _ ("“%s” was deleted meanwhile; nothing was merged"), contact->name);
  return fresh;
}

gint64
crm_merge_dialog_merge (CrmMergeDialog *self, GError **error)
{
  g_autoptr (GError) local_error = NULL;
  g_autoptr (CrmContactRecord) first = NULL;
  g_autoptr (CrmContactRecord) second = NULL;
  g_autoptr (CrmContactRecord) merged = NULL;
  CrmContactMergePlan plan;
  gboolean merged_ok;
  gint64 kept_id;

  g_return_val_if_fail (CRM_IS_MERGE_DIALOG (self), 0);

  if (self->first == NULL || self->second == NULL)
    {
      g_set_error_literal (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID,
                           gtk_label_get_text (self->error_label));
      return 0;
    }

  /* The values as chosen, applied to the rows as they are now (they may have been edited
   * while the dialog was open). */
  plan = self->plan;
  for (guint i = 0; i < CRM_MERGE_N_FIELDS; i++)
    plan.from_second[i]
        = self->choices[i][1] != NULL && gtk_check_button_get_active (self->choices[i][1]);
  first = reread (self, self->first, &local_error);
  if (first != NULL)
    second = reread (self, self->second, &local_error);
  if (first != NULL && second != NULL)
    {
      merged = crm_contact_merge_build (first, second, &plan);
      merged_ok = self->entry_mode
                      ? crm_contact_merge_apply_entry (self->undo_manager, merged, &local_error)
                      : crm_contact_merge_apply (self->undo_manager,
                                                 plan.keep_second ? first->id : second->id, merged,
                                                 &local_error);
    }
  else
    merged_ok = FALSE;
  if (!merged_ok)
    {
      show_error (self, local_error->message);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return 0;
    }

  kept_id = merged->id;
  show_toast (self);
  g_signal_emit (self, signals[SIGNAL_MERGED], 0, kept_id);
  gtk_window_destroy (GTK_WINDOW (self));
  return kept_id;
}

static void
on_apply_activate (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  crm_merge_dialog_merge (CRM_MERGE_DIALOG (widget), NULL);
}

GtkCheckButton *
crm_merge_dialog_get_choice (CrmMergeDialog *self, CrmMergeField field, gboolean second)
{
  g_return_val_if_fail (CRM_IS_MERGE_DIALOG (self), NULL);
  g_return_val_if_fail (field < CRM_MERGE_N_FIELDS, NULL);

  return self->choices[field][second ? 1 : 0];
}

/* ---- GObject -------------------------------------------------------------------------------- */

static void
crm_merge_dialog_dispose (GObject *object)
{
  CrmMergeDialog *self = CRM_MERGE_DIALOG (object);

  g_clear_pointer (&self->first, crm_contact_record_free);
  g_clear_pointer (&self->second, crm_contact_record_free);
  g_clear_object (&self->undo_manager);
  g_clear_object (&self->repository);
  G_OBJECT_CLASS (crm_merge_dialog_parent_class)->dispose (object);
}

static void
crm_merge_dialog_class_init (CrmMergeDialogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = crm_merge_dialog_dispose;
  signals[SIGNAL_MERGED] = g_signal_new ("merged", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                         NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);
  gtk_widget_class_install_action (widget_class, "merge.apply", NULL, on_apply_activate);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK,
                                       "merge.apply", NULL);
}

static void
crm_merge_dialog_init (CrmMergeDialog *self)
{
  GtkWidget *toolbar = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *cancel = gtk_button_new_with_mnemonic (_ ("_Cancel"));
  GtkWidget *merge = gtk_button_new_with_mnemonic (_ ("_Merge"));
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *clamp = adw_clamp_new ();

  gtk_window_set_title (GTK_WINDOW (self), _ ("Merge Contacts"));
  gtk_window_set_modal (GTK_WINDOW (self), TRUE);
  gtk_window_set_default_size (GTK_WINDOW (self), 680, 720);

  self->window_title = ADW_WINDOW_TITLE (adw_window_title_new (_ ("Merge Contacts"), NULL));
  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header), GTK_WIDGET (self->window_title));
  adw_header_bar_set_show_end_title_buttons (ADW_HEADER_BAR (header), FALSE);
  adw_header_bar_set_show_start_title_buttons (ADW_HEADER_BAR (header), FALSE);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (cancel), "window.close");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (merge), "merge.apply");
  gtk_widget_add_css_class (merge, "suggested-action");
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), cancel);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), merge);
  gtk_box_append (GTK_BOX (toolbar), header);
  gtk_window_set_default_widget (GTK_WINDOW (self), merge);

  self->content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);
  gtk_widget_set_margin_top (self->content, 18);
  gtk_widget_set_margin_bottom (self->content, 18);
  gtk_widget_set_margin_start (self->content, 12);
  gtk_widget_set_margin_end (self->content, 12);
  self->intro_label = GTK_LABEL (
      value_label (_ ("Choose the value to keep where the two contacts differ. Nothing else is "
                      "lost: the activities, deals, tags, feedback and notes of both are kept.")));
  gtk_box_append (GTK_BOX (self->content), GTK_WIDGET (self->intro_label));
  self->error_label = GTK_LABEL (value_label (NULL));
  gtk_widget_remove_css_class (GTK_WIDGET (self->error_label), "dim-label");
  gtk_widget_add_css_class (GTK_WIDGET (self->error_label), "error");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  gtk_box_append (GTK_BOX (self->content), GTK_WIDGET (self->error_label));

  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 760);
  adw_clamp_set_child (ADW_CLAMP (clamp), self->content);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), clamp);
  gtk_widget_set_vexpand (scrolled, TRUE);
  gtk_box_append (GTK_BOX (toolbar), scrolled);
  adw_window_set_content (ADW_WINDOW (self), toolbar);
}

static CrmMergeDialog *
dialog_new (GtkWindow *parent, CrmRepository *repository, CrmUndoManager *undo_manager)
{
  CrmMergeDialog *self = g_object_new (CRM_TYPE_MERGE_DIALOG, "transient-for", parent, NULL);

  self->repository = g_object_ref (repository);
  self->undo_manager = g_object_ref (undo_manager);
  return self;
}

static CrmContactRecord *
load_contact (CrmMergeDialog *self, gint64 id)
{
  g_autoptr (GError) error = NULL;
  CrmContactRecord *contact = crm_store_get_contact (get_store (self), id, &error);

  if (contact == NULL)
    {
      g_autofree char *message = NULL;

      if (g_error_matches (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND))
        message = g_strdup_printf (_ ("There is no contact %lld to merge (deleted meanwhile?)"),
                                   (long long) id);
      else
        message = g_strdup (error->message);
      show_error (self, message);
    }
  return contact;
}

/* Without both contacts there is nothing to choose between: say why, and offer no merge. */
static void
finish_loading (CrmMergeDialog *self)
{
  if (self->first != NULL && self->second != NULL)
    populate (self);
  else
    gtk_widget_action_set_enabled (GTK_WIDGET (self), "merge.apply", FALSE);
  gtk_window_present (GTK_WINDOW (self));
}

CrmMergeDialog *
crm_merge_dialog_present (GtkWindow *parent,
                          CrmRepository *repository,
                          CrmUndoManager *undo_manager,
                          gint64 first_id,
                          gint64 second_id)
{
  CrmMergeDialog *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (CRM_IS_REPOSITORY (repository), NULL);
  g_return_val_if_fail (CRM_IS_UNDO_MANAGER (undo_manager), NULL);

  self = dialog_new (parent, repository, undo_manager);
  if (first_id == second_id)
    show_error (self, _ ("A contact cannot be merged with itself: choose two contacts"));
  else
    {
      self->first = load_contact (self, first_id);
      if (self->first != NULL)
        self->second = load_contact (self, second_id);
    }
  finish_loading (self);
  return self;
}

CrmMergeDialog *
crm_merge_dialog_present_for_entry (GtkWindow *parent,
                                    CrmRepository *repository,
                                    CrmUndoManager *undo_manager,
                                    gint64 existing_id,
                                    const CrmContactRecord *entry)
{
  CrmMergeDialog *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (CRM_IS_REPOSITORY (repository), NULL);
  g_return_val_if_fail (CRM_IS_UNDO_MANAGER (undo_manager), NULL);
  g_return_val_if_fail (entry != NULL, NULL);

  self = dialog_new (parent, repository, undo_manager);
  self->entry_mode = TRUE;
  self->first = load_contact (self, existing_id);
  self->second = crm_contact_record_copy (entry);
  /* Never stored: no id. Proposed: what was typed fills what the contact lacks, and where both
   * have a value the stored one stays unless the person picks the new one (no update time: the
   * stored contact counts as the more recent). */
  self->second->id = 0;
  self->second->updated_at = 0;
  adw_window_title_set_subtitle (self->window_title, _ ("New entry into an existing contact"));
  gtk_label_set_text (self->intro_label, _ ("Choose the value to keep where the existing contact "
                                            "and what you typed differ."));
  finish_loading (self);
  return self;
}

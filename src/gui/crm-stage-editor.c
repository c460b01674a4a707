/* crm-stage-editor.c — CrmStageEditor: the pipeline's name and one expander row per stage,
 * rebuilt when stages are added, removed or reordered (by this window, undo or another
 * program) and otherwise following the stages' properties. Writes go straight to the store,
 * one transaction each; the board follows through the store's change signals.
 */
#include "config.h"

#include "crm-stage-editor.h"

#include <glib/gi18n.h>

#include "crm-pipeline.h"
#include "crm-stage-list-model.h"
#include "crm-stage.h"

#define NEW_STAGE_PROBABILITY 50

typedef struct
{
  CrmStageEditor *editor;
  CrmStage *stage;
  gint64 stage_id;
  AdwExpanderRow *row;
  AdwEntryRow *name_row;
  GtkSpinButton *probability;
  GtkSpinButton *rotting;
  AdwComboRow *kind;
  gulong notify_handler;
  /* Set while the widgets are filled from the stage, so they do not write it back. */
  gboolean updating;
} StageRow;

struct _CrmStageEditor
{
  AdwPreferencesWindow parent_instance;

  CrmRepository *repository;
  CrmUndoManager *undo_manager;
  GSettings *settings;
  gint64 pipeline_id;
  CrmPipeline *pipeline;
  CrmStageListModel *stages;
  GPtrArray *rows; /* StageRow, in stage order */
  char *last_message;

  AdwEntryRow *pipeline_name_row;
  AdwPreferencesGroup *stages_group;
};

G_DEFINE_FINAL_TYPE (CrmStageEditor, crm_stage_editor, ADW_TYPE_PREFERENCES_WINDOW)

static CrmStore *
get_store (CrmStageEditor *self)
{
  return crm_repository_get_store (self->repository);
}

/* ---- Messages --------------------------------------------------------------------------- */

static void
show_message (CrmStageEditor *self, const char *text, gboolean undoable)
{
  g_autofree char *escaped = g_markup_escape_text (text, -1);
  AdwToast *toast = adw_toast_new (escaped);

  g_free (self->last_message);
  self->last_message = g_strdup (text);
  if (undoable)
    {
      adw_toast_set_button_label (toast, _ ("_Undo"));
      adw_toast_set_action_name (toast, "editor.undo");
    }
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), toast);
}

static void
show_error (CrmStageEditor *self, const GError *error)
{
  show_message (self, error->message, FALSE);
  gtk_widget_error_bell (GTK_WIDGET (self));
}

const char *
crm_stage_editor_get_last_message (CrmStageEditor *self)
{
  g_return_val_if_fail (CRM_IS_STAGE_EDITOR (self), NULL);

  return self->last_message;
}

/* ---- Writing a stage -------------------------------------------------------------------- */

typedef enum
{
  FIELD_NAME,
  FIELD_PROBABILITY,
  FIELD_ROTTING_DAYS,
  FIELD_KIND,
} StageField;

static void
write_stage_field (StageRow *stage_row, StageField field, const char *text, int number)
{
  CrmStageEditor *self = stage_row->editor;
  g_autoptr (GError) error = NULL;
  g_autoptr (CrmStageRecord) record
      = crm_store_get_stage (get_store (self), stage_row->stage_id, &error);

  if (record == NULL)
    {
      show_error (self, error);
      return;
    }
  switch (field)
    {
      case FIELD_NAME:
        g_free (record->name);
        record->name = g_strdup (text);
        break;
      case FIELD_PROBABILITY:
        record->probability = number;
        break;
      case FIELD_ROTTING_DAYS:
        record->rotting_days = number;
        break;
      case FIELD_KIND:
        record->kind = (CrmStageKind) number;
        break;
      default:
        g_assert_not_reached ();
    }
  if (!crm_store_update_stage (get_store (self), record, &error))
    show_error (self, error);
}

static void
on_name_apply (AdwEntryRow *name_row, StageRow *stage_row)
{
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (name_row))));

  if (name[0] == '\0')
    {
      gtk_widget_add_css_class (GTK_WIDGET (name_row), "error");
      show_message (stage_row->editor, _ ("A stage needs a name"), FALSE);
      return;
    }
  gtk_widget_remove_css_class (GTK_WIDGET (name_row), "error");
  write_stage_field (stage_row, FIELD_NAME, name, 0);
}

static void
on_probability_changed (GtkSpinButton *button, StageRow *stage_row)
{
  if (!stage_row->updating)
    write_stage_field (stage_row, FIELD_PROBABILITY, NULL,
                       gtk_spin_button_get_value_as_int (button));
}

static void
on_rotting_changed (GtkSpinButton *button, StageRow *stage_row)
{
  if (!stage_row->updating)
    write_stage_field (stage_row, FIELD_ROTTING_DAYS, NULL,
                       gtk_spin_button_get_value_as_int (button));
}

static void
on_kind_selected (AdwComboRow *kind, GParamSpec *pspec, StageRow *stage_row)
{
  if (!stage_row->updating)
    write_stage_field (stage_row, FIELD_KIND, NULL, (int) adw_combo_row_get_selected (kind));
}

/* ---- Rows ------------------------------------------------------------------------------- */

static const char *
kind_label (CrmStageKind kind)
{
  switch (kind)
    {
      case CRM_STAGE_KIND_WON:
        return C_ ("stage kind", "Won");
      case CRM_STAGE_KIND_LOST:
        return C_ ("stage kind", "Lost");
      case CRM_STAGE_KIND_OPEN:
      default:
        return C_ ("stage kind", "Open");
    }
}

/* "60 % · stale after 14 days", "Won · 100 %" … */
static char *
dup_summary (CrmStage *stage)
{
  int probability = crm_stage_get_probability (stage);
  int rotting_days = crm_stage_get_rotting_days (stage);
  g_autofree char *staleness = NULL;

  if (rotting_days > 0)
    staleness = g_strdup_printf (
        ngettext ("stale after %d day", "stale after %d days", rotting_days), rotting_days);
  else
    staleness = g_strdup (_ ("never stale"));
  if (crm_stage_get_kind (stage) != CRM_STAGE_KIND_OPEN)
    /* Translators: a closing stage's summary: its kind (Won, Lost), its win probability. */
    return g_strdup_printf (_ ("%s · %d %%"), kind_label (crm_stage_get_kind (stage)), probability);
  /* Translators: an open stage's summary: win probability, then e.g. "stale after 14 days". */
  return g_strdup_printf (_ ("%d %% · %s"), probability, staleness);
}

/* Fills the row's widgets from the stage (its properties follow the store). */
static void
sync_row (StageRow *stage_row)
{
  CrmStage *stage = stage_row->stage;
  const char *name = crm_stage_get_name (stage);
  g_autofree char *summary = dup_summary (stage);

  stage_row->updating = TRUE;
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (stage_row->row), name != NULL ? name : "");
  adw_expander_row_set_subtitle (stage_row->row, summary);
  /* Not while the user is typing a new name. */
  if (!gtk_widget_has_focus (GTK_WIDGET (stage_row->name_row))
      && gtk_widget_get_focus_child (GTK_WIDGET (stage_row->name_row)) == NULL)
    gtk_editable_set_text (GTK_EDITABLE (stage_row->name_row), name != NULL ? name : "");
  gtk_spin_button_set_value (stage_row->probability, crm_stage_get_probability (stage));
  gtk_spin_button_set_value (stage_row->rotting, crm_stage_get_rotting_days (stage));
  adw_combo_row_set_selected (stage_row->kind, (guint) crm_stage_get_kind (stage));
  stage_row->updating = FALSE;
}

static void
stage_row_free (gpointer data)
{
  StageRow *stage_row = data;

  g_clear_signal_handler (&stage_row->notify_handler, stage_row->stage);
  g_clear_object (&stage_row->stage);
  g_free (stage_row);
}

static GtkSpinButton *
add_spin_row (AdwExpanderRow *row, const char *title, const char *subtitle, int upper)
{
  GtkWidget *action_row = adw_action_row_new ();
  GtkWidget *button = gtk_spin_button_new_with_range (0, upper, 1);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (action_row), title);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (action_row), subtitle);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, title,
                                  -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (action_row), button);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (action_row), button);
  adw_expander_row_add_row (row, action_row);
  return GTK_SPIN_BUTTON (button);
}

static void
on_icon_button_clicked (GtkButton *button, gpointer user_data)
{
  gtk_widget_activate_action (GTK_WIDGET (button), g_object_get_data (G_OBJECT (button), "action"),
                              "x", *(gint64 *) user_data);
}

/* A flat button that activates @action for the stage; insensitive where it cannot act (not an
 * actionable button: the action's own state would decide its sensitivity). */
static GtkWidget *
new_icon_button (const char *icon_name,
                 const char *tooltip,
                 const char *action,
                 gint64 *stage_id,
                 gboolean sensitive)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon_name);

  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip,
                                  -1);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  g_object_set_data (G_OBJECT (button), "action", (gpointer) action);
  g_signal_connect (button, "clicked", G_CALLBACK (on_icon_button_clicked), stage_id);
  gtk_widget_set_sensitive (button, sensitive);
  return button;
}

static StageRow *
build_row (CrmStageEditor *self, CrmStage *stage, guint index, guint n_stages)
{
  StageRow *stage_row = g_new0 (StageRow, 1);
  g_autoptr (GtkStringList) kinds = gtk_string_list_new (NULL);
  const char *name = crm_stage_get_name (stage);
  g_autofree char *up = g_strdup_printf (_ ("Move “%s” Up"), name != NULL ? name : "");
  g_autofree char *down = g_strdup_printf (_ ("Move “%s” Down"), name != NULL ? name : "");
  g_autofree char *remove = g_strdup_printf (_ ("Remove “%s”"), name != NULL ? name : "");

  stage_row->editor = self;
  stage_row->stage = g_object_ref (stage);
  stage_row->stage_id = crm_entity_object_get_id (CRM_ENTITY_OBJECT (stage));
  stage_row->row = ADW_EXPANDER_ROW (adw_expander_row_new ());
  /* Stage names are user text. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (stage_row->row), FALSE);

  /* Each action goes before the ones added earlier: up, down, remove from left to right. */
  adw_expander_row_add_action (stage_row->row,
                               new_icon_button ("user-trash-symbolic", remove,
                                                "editor.remove-stage", &stage_row->stage_id, TRUE));
  adw_expander_row_add_action (stage_row->row,
                               new_icon_button ("go-down-symbolic", down, "editor.move-stage-down",
                                                &stage_row->stage_id, index + 1 < n_stages));
  adw_expander_row_add_action (stage_row->row,
                               new_icon_button ("go-up-symbolic", up, "editor.move-stage-up",
                                                &stage_row->stage_id, index > 0));

  stage_row->name_row = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (stage_row->name_row), _ ("Name"));
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (stage_row->name_row), FALSE);
  adw_entry_row_set_show_apply_button (stage_row->name_row, TRUE);
  g_signal_connect (stage_row->name_row, "apply", G_CALLBACK (on_name_apply), stage_row);
  adw_expander_row_add_row (stage_row->row, GTK_WIDGET (stage_row->name_row));

  stage_row->probability
      = add_spin_row (stage_row->row, _ ("Win Probability (%)"),
                      _ ("Chance that a deal in this stage is won, for the weighted totals"), 100);
  stage_row->rotting
      = add_spin_row (stage_row->row, _ ("Stale After (Days)"),
                      _ ("A deal longer in the stage shows as stale; 0 means never"), 3650);

  gtk_string_list_append (kinds, kind_label (CRM_STAGE_KIND_OPEN));
  gtk_string_list_append (kinds, kind_label (CRM_STAGE_KIND_WON));
  gtk_string_list_append (kinds, kind_label (CRM_STAGE_KIND_LOST));
  stage_row->kind = ADW_COMBO_ROW (adw_combo_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (stage_row->kind), _ ("Kind"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (stage_row->kind),
                               _ ("Won and Lost close the deals moved into them"));
  adw_combo_row_set_model (stage_row->kind, G_LIST_MODEL (kinds));
  adw_expander_row_add_row (stage_row->row, GTK_WIDGET (stage_row->kind));

  sync_row (stage_row);
  g_signal_connect (stage_row->probability, "value-changed", G_CALLBACK (on_probability_changed),
                    stage_row);
  g_signal_connect (stage_row->rotting, "value-changed", G_CALLBACK (on_rotting_changed),
                    stage_row);
  g_signal_connect (stage_row->kind, "notify::selected", G_CALLBACK (on_kind_selected), stage_row);
  stage_row->notify_handler
      = g_signal_connect_swapped (stage, "notify", G_CALLBACK (sync_row), stage_row);
  return stage_row;
}

static void
rebuild_rows (CrmStageEditor *self)
{
  guint n_stages = g_list_model_get_n_items (G_LIST_MODEL (self->stages));
  gint64 expanded_id = 0;

  for (guint i = 0; i < self->rows->len; i++)
    {
      StageRow *stage_row = self->rows->pdata[i];

      if (adw_expander_row_get_expanded (stage_row->row))
        expanded_id = stage_row->stage_id;
      adw_preferences_group_remove (self->stages_group, GTK_WIDGET (stage_row->row));
    }
  g_ptr_array_set_size (self->rows, 0);

  for (guint i = 0; i < n_stages; i++)
    {
      g_autoptr (CrmStage) stage = g_list_model_get_item (G_LIST_MODEL (self->stages), i);
      StageRow *stage_row = build_row (self, stage, i, n_stages);

      adw_preferences_group_add (self->stages_group, GTK_WIDGET (stage_row->row));
      if (stage_row->stage_id == expanded_id)
        adw_expander_row_set_expanded (stage_row->row, TRUE);
      g_ptr_array_add (self->rows, stage_row);
    }
}

static StageRow *
find_row (CrmStageEditor *self, gint64 stage_id)
{
  for (guint i = 0; i < self->rows->len; i++)
    {
      StageRow *stage_row = self->rows->pdata[i];

      if (stage_row->stage_id == stage_id)
        return stage_row;
    }
  return NULL;
}

GtkWidget *
crm_stage_editor_get_stage_row (CrmStageEditor *self, gint64 stage_id)
{
  StageRow *stage_row;

  g_return_val_if_fail (CRM_IS_STAGE_EDITOR (self), NULL);

  stage_row = find_row (self, stage_id);
  return stage_row != NULL ? GTK_WIDGET (stage_row->row) : NULL;
}

AdwEntryRow *
crm_stage_editor_get_name_row (CrmStageEditor *self, gint64 stage_id)
{
  StageRow *stage_row;

  g_return_val_if_fail (CRM_IS_STAGE_EDITOR (self), NULL);

  stage_row = find_row (self, stage_id);
  return stage_row != NULL ? stage_row->name_row : NULL;
}

GtkSpinButton *
crm_stage_editor_get_probability_button (CrmStageEditor *self, gint64 stage_id)
{
  StageRow *stage_row;

  g_return_val_if_fail (CRM_IS_STAGE_EDITOR (self), NULL);

  stage_row = find_row (self, stage_id);
  return stage_row != NULL ? stage_row->probability : NULL;
}

GtkSpinButton *
crm_stage_editor_get_rotting_button (CrmStageEditor *self, gint64 stage_id)
{
  StageRow *stage_row;

  g_return_val_if_fail (CRM_IS_STAGE_EDITOR (self), NULL);

  stage_row = find_row (self, stage_id);
  return stage_row != NULL ? stage_row->rotting : NULL;
}

/* ---- The pipeline's name ---------------------------------------------------------------- */

static void
on_pipeline_name_apply (CrmStageEditor *self)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *name
      = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->pipeline_name_row))));
  g_autoptr (CrmPipelineRecord) record = NULL;

  if (name[0] == '\0')
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->pipeline_name_row), "error");
      show_message (self, _ ("A pipeline needs a name"), FALSE);
      return;
    }
  gtk_widget_remove_css_class (GTK_WIDGET (self->pipeline_name_row), "error");
  record = crm_store_get_pipeline (get_store (self), self->pipeline_id, &error);
  if (record != NULL)
    {
      g_free (record->name);
      record->name = g_steal_pointer (&name);
    }
  if (record == NULL || !crm_store_update_pipeline (get_store (self), record, &error))
    show_error (self, error);
}

static void
sync_pipeline_name (CrmStageEditor *self)
{
  const char *name = crm_pipeline_get_name (self->pipeline);
  g_autofree char *title = NULL;

  /* Translators: the stage editor's title; %s is the pipeline's name. */
  title = g_strdup_printf (_ ("Stages of “%s”"), name != NULL ? name : "");
  gtk_window_set_title (GTK_WINDOW (self), title);
  if (gtk_widget_get_focus_child (GTK_WIDGET (self->pipeline_name_row)) == NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->pipeline_name_row), name != NULL ? name : "");
}

/* ---- Actions ---------------------------------------------------------------------------- */

/* The stage ids in order, as the rows show them. */
static GArray *
dup_stage_ids (CrmStageEditor *self)
{
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint i = 0; i < self->rows->len; i++)
    g_array_append_val (ids, ((StageRow *) self->rows->pdata[i])->stage_id);
  return ids;
}

static void
move_stage (CrmStageEditor *self, gint64 stage_id, int delta)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GArray) ids = dup_stage_ids (self);
  int from = -1, to;
  gint64 swapped;

  for (guint i = 0; i < ids->len; i++)
    if (g_array_index (ids, gint64, i) == stage_id)
      from = (int) i;
  to = from + delta;
  if (from < 0 || to < 0 || to >= (int) ids->len)
    {
      gtk_widget_error_bell (GTK_WIDGET (self));
      return;
    }
  swapped = g_array_index (ids, gint64, to);
  g_array_index (ids, gint64, to) = stage_id;
  g_array_index (ids, gint64, from) = swapped;
  if (!crm_store_reorder_stages (get_store (self), self->pipeline_id, (gint64 *) ids->data,
                                 ids->len, &error))
    show_error (self, error);
  else
    {
      /* The keyboard stays with the stage it moved. */
      StageRow *stage_row = find_row (self, stage_id);

      if (stage_row != NULL)
        gtk_widget_grab_focus (GTK_WIDGET (stage_row->row));
    }
}

static void
on_move_stage_up (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  move_stage (CRM_STAGE_EDITOR (widget), g_variant_get_int64 (parameter), -1);
}

static void
on_move_stage_down (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  move_stage (CRM_STAGE_EDITOR (widget), g_variant_get_int64 (parameter), +1);
}

typedef struct
{
  gint64 stage_id;
} RemoveStage;

static gboolean
remove_stage_func (CrmStore *store, gpointer user_data, GError **error)
{
  return crm_store_delete_stage (store, ((RemoveStage *) user_data)->stage_id, error);
}

static void
on_remove_stage (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  CrmStageEditor *self = CRM_STAGE_EDITOR (widget);
  g_autoptr (GError) error = NULL;
  g_autoptr (GArray) deal_ids = NULL;
  g_autofree char *label = NULL;
  RemoveStage data = { g_variant_get_int64 (parameter) };
  StageRow *stage_row = find_row (self, data.stage_id);
  const char *name;

  if (stage_row == NULL)
    return;
  name = crm_stage_get_name (stage_row->stage);
  deal_ids = crm_store_list_deal_ids_in_stage (get_store (self), data.stage_id, &error);
  if (deal_ids == NULL)
    {
      show_error (self, error);
      return;
    }
  if (deal_ids->len > 0)
    {
      g_autofree char *text = g_strdup_printf (
          /* Translators: %s is a stage's name, %u how many deals it holds. */
          ngettext ("“%s” holds %u deal: move it to another stage before removing the stage",
                    "“%s” holds %u deals: move them to another stage before removing the stage",
                    deal_ids->len),
          name, deal_ids->len);

      show_message (self, text, FALSE);
      gtk_widget_error_bell (widget);
      return;
    }

  /* Translators: an undoable step; %s is a stage's name. */
  label = g_strdup_printf (_ ("Removed stage “%s”"), name);
  if (!crm_undo_manager_record (self->undo_manager, label, remove_stage_func, &data, &error))
    {
      show_error (self, error);
      return;
    }
  show_message (self, label, TRUE);
}

typedef struct
{
  gint64 pipeline_id;
  const char *name;
  int rotting_days;
  GArray *order; /* stage ids; the new one is put at insert_at */
  guint insert_at;
  gint64 new_id;
} AddStage;

static gboolean
add_stage_func (CrmStore *store, gpointer user_data, GError **error)
{
  AddStage *data = user_data;
  g_autoptr (CrmStageRecord) stage = crm_stage_record_new ();

  stage->pipeline_id = data->pipeline_id;
  stage->name = g_strdup (data->name);
  stage->probability = NEW_STAGE_PROBABILITY;
  stage->rotting_days = data->rotting_days;
  stage->kind = CRM_STAGE_KIND_OPEN;
  stage->position = (int) data->order->len;
  if (!crm_store_insert_stage (store, stage, error))
    return FALSE;
  data->new_id = stage->id;
  g_array_insert_val (data->order, data->insert_at, stage->id);
  return crm_store_reorder_stages (store, data->pipeline_id, (gint64 *) data->order->data,
                                   data->order->len, error);
}

/* "New Stage", or "New Stage 2" when that is taken, and so on. */
static char *
dup_new_stage_name (CrmStageEditor *self)
{
  for (guint n = 1;; n++)
    {
      g_autofree char *name
          = n == 1 ? g_strdup (_ ("New Stage")) : g_strdup_printf (_ ("New Stage %u"), n);
      gboolean taken = FALSE;

      for (guint i = 0; i < self->rows->len && !taken; i++)
        taken = g_strcmp0 (crm_stage_get_name (((StageRow *) self->rows->pdata[i])->stage), name)
                == 0;
      if (!taken)
        return g_steal_pointer (&name);
    }
}

static void
on_add_stage (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  CrmStageEditor *self = CRM_STAGE_EDITOR (widget);
  g_autoptr (GError) error = NULL;
  g_autoptr (GArray) order = dup_stage_ids (self);
  g_autofree char *name = dup_new_stage_name (self);
  g_autofree char *label = NULL;
  AddStage data = { self->pipeline_id, name, 0, order, order->len, 0 };
  StageRow *stage_row;

  data.rotting_days = g_settings_get_int (self->settings, "rotting-days-default");
  /* Open stages come before Won and Lost. */
  for (guint i = 0; i < self->rows->len; i++)
    if (crm_stage_get_kind (((StageRow *) self->rows->pdata[i])->stage) != CRM_STAGE_KIND_OPEN)
      {
        data.insert_at = i;
        break;
      }

  /* Translators: an undoable step; %s is the new stage's name. */
  label = g_strdup_printf (_ ("Added stage “%s”"), name);
  if (!crm_undo_manager_record (self->undo_manager, label, add_stage_func, &data, &error))
    {
      show_error (self, error);
      return;
    }

  /* Ready to be named. */
  stage_row = find_row (self, data.new_id);
  if (stage_row != NULL)
    {
      adw_expander_row_set_expanded (stage_row->row, TRUE);
      gtk_widget_grab_focus (GTK_WIDGET (stage_row->name_row));
      gtk_editable_select_region (GTK_EDITABLE (stage_row->name_row), 0, -1);
    }
}

static void
on_undo (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  CrmStageEditor *self = CRM_STAGE_EDITOR (widget);
  g_autoptr (GError) error = NULL;

  if (!crm_undo_manager_undo (self->undo_manager, &error))
    show_error (self, error);
}

/* ---- GObject ---------------------------------------------------------------------------- */

static void
crm_stage_editor_dispose (GObject *object)
{
  CrmStageEditor *self = CRM_STAGE_EDITOR (object);

  g_clear_pointer (&self->rows, g_ptr_array_unref);
  if (self->stages != NULL)
    g_signal_handlers_disconnect_by_data (self->stages, self);
  if (self->pipeline != NULL)
    g_signal_handlers_disconnect_by_data (self->pipeline, self);
  g_clear_object (&self->stages);
  g_clear_object (&self->pipeline);
  g_clear_object (&self->settings);
  g_clear_object (&self->undo_manager);
  g_clear_object (&self->repository);
  g_clear_pointer (&self->last_message, g_free);

  G_OBJECT_CLASS (crm_stage_editor_parent_class)->dispose (object);
}

static void
crm_stage_editor_class_init (CrmStageEditorClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = crm_stage_editor_dispose;

  gtk_widget_class_install_action (widget_class, "editor.add-stage", NULL, on_add_stage);
  gtk_widget_class_install_action (widget_class, "editor.move-stage-up", "x", on_move_stage_up);
  gtk_widget_class_install_action (widget_class, "editor.move-stage-down", "x", on_move_stage_down);
  gtk_widget_class_install_action (widget_class, "editor.remove-stage", "x", on_remove_stage);
  gtk_widget_class_install_action (widget_class, "editor.undo", NULL, on_undo);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK, "editor.undo",
                                       NULL);
}

static void
crm_stage_editor_init (CrmStageEditor *self)
{
  GtkWidget *page = adw_preferences_page_new ();
  GtkWidget *pipeline_group = adw_preferences_group_new ();
  GtkWidget *add_button = gtk_button_new ();
  GtkWidget *add_content = adw_button_content_new ();

  self->rows = g_ptr_array_new_with_free_func (stage_row_free);
  self->settings = g_settings_new (APPLICATION_ID);
  gtk_window_set_default_size (GTK_WINDOW (self), 560, 640);
  gtk_window_set_modal (GTK_WINDOW (self), TRUE);
  adw_preferences_window_set_search_enabled (ADW_PREFERENCES_WINDOW (self), FALSE);

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (pipeline_group), _ ("Pipeline"));
  self->pipeline_name_row = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->pipeline_name_row), _ ("Name"));
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self->pipeline_name_row), FALSE);
  adw_entry_row_set_show_apply_button (self->pipeline_name_row, TRUE);
  g_signal_connect_swapped (self->pipeline_name_row, "apply", G_CALLBACK (on_pipeline_name_apply),
                            self);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (pipeline_group),
                             GTK_WIDGET (self->pipeline_name_row));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (pipeline_group));

  self->stages_group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (self->stages_group, _ ("Stages"));
  adw_preferences_group_set_description (
      self->stages_group,
      _ ("Deals move through the stages from top to bottom (left to right on the board)."));
  adw_button_content_set_icon_name (ADW_BUTTON_CONTENT (add_content), "list-add-symbolic");
  adw_button_content_set_label (ADW_BUTTON_CONTENT (add_content), _ ("_Add Stage"));
  adw_button_content_set_use_underline (ADW_BUTTON_CONTENT (add_content), TRUE);
  gtk_button_set_child (GTK_BUTTON (add_button), add_content);
  gtk_widget_add_css_class (add_button, "flat");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (add_button), "editor.add-stage");
  adw_preferences_group_set_header_suffix (self->stages_group, add_button);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), self->stages_group);

  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self), ADW_PREFERENCES_PAGE (page));
}

CrmStageEditor *
crm_stage_editor_new (GtkWindow *parent,
                      CrmRepository *repository,
                      CrmUndoManager *undo_manager,
                      gint64 pipeline_id)
{
  g_autoptr (GError) error = NULL;
  CrmStageEditor *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (CRM_IS_REPOSITORY (repository), NULL);
  g_return_val_if_fail (CRM_IS_UNDO_MANAGER (undo_manager), NULL);

  self = g_object_new (CRM_TYPE_STAGE_EDITOR, "transient-for", parent, NULL);
  self->repository = g_object_ref (repository);
  self->undo_manager = g_object_ref (undo_manager);
  self->pipeline_id = pipeline_id;
  self->pipeline = crm_repository_get_object (repository, CRM_ENTITY_PIPELINE, pipeline_id, &error);
  if (self->pipeline == NULL)
    g_warning ("Cannot read pipeline %" G_GINT64_FORMAT ": %s", pipeline_id, error->message);
  else
    {
      g_signal_connect_swapped (self->pipeline, "notify::name", G_CALLBACK (sync_pipeline_name),
                                self);
      sync_pipeline_name (self);
    }

  self->stages = crm_stage_list_model_new (repository, pipeline_id);
  g_signal_connect_swapped (self->stages, "items-changed", G_CALLBACK (rebuild_rows), self);
  rebuild_rows (self);
  return self;
}

gint64
crm_stage_editor_get_pipeline_id (CrmStageEditor *self)
{
  g_return_val_if_fail (CRM_IS_STAGE_EDITOR (self), 0);

  return self->pipeline_id;
}

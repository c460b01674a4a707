/* crm-preferences-window.c — CrmPreferencesWindow: rows bound to GSettings keys. Keys with a
 * type GTK can map are bound with g_settings_bind; free-text keys are checked first and only a
 * valid value is saved (an invalid one marks its row with the error style). The Lead Scoring
 * page binds a spin button to each rule key (crm_score_rules_get_keys) by its id. The Backups
 * group backs up, or opens Restore from Backup for, the database of the window it belongs to.
 */
#include "config.h"

#include "crm-preferences-window.h"

#include <glib/gi18n.h>
#include <string.h>

#include "crm-backups.h"
#include "crm-gui-resources.h"
#include "crm-lead-score.h"
#include "crm-restore-dialog.h"
#include "crm-window.h"

struct _CrmPreferencesWindow
{
  AdwPreferencesWindow parent_instance;

  GSettings *settings;
  /* The database of the window the preferences belong to (NULL: none), for the backups. */
  char *database_path;
  GCancellable *cancellable;

  /* Template children */
  AdwComboRow *color_scheme_row;
  AdwEntryRow *currency_row;
  GtkSpinButton *rotting_days_spin;
  GtkSpinButton *stale_threshold_spin;
  AdwEntryRow *reminder_time_row;
  GtkSwitch *task_reminders_switch;
  GtkSpinButton *backup_keep_spin;
  AdwActionRow *back_up_row;
  GtkButton *back_up_button;
  AdwActionRow *restore_row;
};

G_DEFINE_FINAL_TYPE (CrmPreferencesWindow, crm_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

/* Nicks of the ColorScheme enum, in the order of the combo row's items. */
static const char *const color_scheme_nicks[] = { "default", "light", "dark" };

/* "Last backup: Today 14:02", or that there is none yet. */
static void
crm_preferences_window_show_last_backup (CrmPreferencesWindow *self)
{
  g_autoptr (GPtrArray) backups = crm_backups_list (self->database_path, FALSE, NULL);
  g_autofree char *subtitle = NULL;

  if (backups == NULL || backups->len == 0)
    subtitle = g_strdup (_ ("No backups yet"));
  else
    {
      const CrmBackup *newest = g_ptr_array_index (backups, 0);
      g_autofree char *when
          = crm_restore_dialog_format_time (newest->time, g_get_real_time () / G_USEC_PER_SEC);

      /* Translators: when the newest backup was taken: "Last backup: Today 14:02". */
      subtitle = g_strdup_printf (_ ("Last backup: %s"), when);
    }
  adw_action_row_set_subtitle (self->back_up_row, subtitle);
}

CrmPreferencesWindow *
crm_preferences_window_new (GtkWindow *parent)
{
  CrmPreferencesWindow *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);

  self = g_object_new (CRM_TYPE_PREFERENCES_WINDOW, "transient-for", parent, NULL);
  if (CRM_IS_WINDOW (parent))
    {
      self->database_path
          = g_strdup (crm_store_get_path (crm_window_get_store (CRM_WINDOW (parent))));
      crm_preferences_window_show_last_backup (self);
    }
  else
    {
      gtk_widget_set_visible (GTK_WIDGET (self->back_up_row), FALSE);
      gtk_widget_set_visible (GTK_WIDGET (self->restore_row), FALSE);
    }
  return self;
}

static void
on_backed_up (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (CrmPreferencesWindow) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autofree char *path = crm_backups_back_up_finish (result, &error);
  g_autofree char *title = NULL;
  g_autofree char *escaped = NULL;

  /* Closed meanwhile (dispose drops the cancellable). */
  if (self->cancellable == NULL || g_cancellable_is_cancelled (self->cancellable))
    return;
  gtk_widget_set_sensitive (GTK_WIDGET (self->back_up_button), TRUE);
  crm_preferences_window_show_last_backup (self);
  if (path != NULL)
    {
      g_autofree char *name = g_path_get_basename (path);
      escaped = g_markup_escape_text (name, -1);
      title = g_strdup_printf (_ ("Backed up as “%s”"), escaped);
    }
  else
    {
      escaped = g_markup_escape_text (error->message, -1);
      title = g_strdup_printf (_ ("Cannot back up: %s"), escaped);
    }
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (title));
}

static void
on_back_up_clicked (CrmPreferencesWindow *self)
{
  guint keep = (guint) CLAMP (g_settings_get_int (self->settings, "backup-keep"), 1, 100);

  if (self->database_path == NULL)
    return;
  gtk_widget_set_sensitive (GTK_WIDGET (self->back_up_button), FALSE);
  adw_action_row_set_subtitle (self->back_up_row, _ ("Backing up…"));
  crm_backups_back_up_async (self->database_path, "manual", FALSE, keep, self->cancellable,
                             on_backed_up, g_object_ref (self));
}

/* The restore closes the window the preferences belong to: they close first. */
static void
on_restore_clicked (CrmPreferencesWindow *self)
{
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));

  if (!CRM_IS_WINDOW (parent))
    return;
  g_object_ref (parent);
  gtk_window_destroy (GTK_WINDOW (self));
  gtk_widget_activate_action (GTK_WIDGET (parent), "win.restore-backup", NULL);
  g_object_unref (parent);
}

gboolean
crm_preferences_is_valid_currency (const char *text)
{
  if (text == NULL || strlen (text) != 3)
    return FALSE;

  for (guint i = 0; i < 3; i++)
    {
      if (text[i] < 'A' || text[i] > 'Z')
        return FALSE;
    }
  return TRUE;
}

gboolean
crm_preferences_is_valid_reminder_time (const char *text)
{
  int hours;
  int minutes;

  if (text == NULL || strlen (text) != 5 || text[2] != ':')
    return FALSE;
  if (!g_ascii_isdigit (text[0]) || !g_ascii_isdigit (text[1]) || !g_ascii_isdigit (text[3])
      || !g_ascii_isdigit (text[4]))
    return FALSE;

  hours = (text[0] - '0') * 10 + (text[1] - '0');
  minutes = (text[3] - '0') * 10 + (text[4] - '0');

  return hours < 24 && minutes < 60;
}

static gboolean
color_scheme_get_mapping (GValue *value, GVariant *variant, gpointer user_data)
{
  const char *nick = g_variant_get_string (variant, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (color_scheme_nicks); i++)
    {
      if (g_strcmp0 (nick, color_scheme_nicks[i]) == 0)
        {
          g_value_set_uint (value, i);
          return TRUE;
        }
    }
  return FALSE;
}

static GVariant *
color_scheme_set_mapping (const GValue *value,
                          const GVariantType *expected_type,
                          gpointer user_data)
{
  guint selected = g_value_get_uint (value);

  if (selected >= G_N_ELEMENTS (color_scheme_nicks))
    return NULL;

  return g_variant_new_string (color_scheme_nicks[selected]);
}

/* Saves @row's text to @key when @is_valid accepts it; otherwise marks the row as invalid and
 * leaves the setting alone. */
static void
crm_preferences_window_save_text (CrmPreferencesWindow *self,
                                  AdwEntryRow *row,
                                  const char *key,
                                  gboolean (*is_valid) (const char *text))
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (row));
  g_autofree char *saved = NULL;

  if (!is_valid (text))
    {
      gtk_widget_add_css_class (GTK_WIDGET (row), "error");
      gtk_accessible_update_state (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_STATE_INVALID,
                                   GTK_ACCESSIBLE_INVALID_TRUE, -1);
      return;
    }

  gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
  gtk_accessible_reset_state (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_STATE_INVALID);

  saved = g_settings_get_string (self->settings, key);
  if (g_strcmp0 (saved, text) != 0)
    g_settings_set_string (self->settings, key, text);
}

/* Shows the setting's value in @row, unless the row already says the same. */
static void
crm_preferences_window_load_text (CrmPreferencesWindow *self, AdwEntryRow *row, const char *key)
{
  g_autofree char *value = g_settings_get_string (self->settings, key);

  if (g_strcmp0 (value, gtk_editable_get_text (GTK_EDITABLE (row))) != 0)
    gtk_editable_set_text (GTK_EDITABLE (row), value);
}

static void
on_currency_row_changed (CrmPreferencesWindow *self, AdwEntryRow *row)
{
  crm_preferences_window_save_text (self, row, "default-currency",
                                    crm_preferences_is_valid_currency);
}

static void
on_reminder_time_row_changed (CrmPreferencesWindow *self, AdwEntryRow *row)
{
  crm_preferences_window_save_text (self, row, "reminder-time",
                                    crm_preferences_is_valid_reminder_time);
}

static void
on_settings_changed (CrmPreferencesWindow *self, const char *key, GSettings *settings)
{
  if (g_strcmp0 (key, "default-currency") == 0)
    crm_preferences_window_load_text (self, self->currency_row, key);
  else if (g_strcmp0 (key, "reminder-time") == 0)
    crm_preferences_window_load_text (self, self->reminder_time_row, key);
}

/* Every scoring rule back to the schema's default. */
static void
on_reset_scoring_clicked (CrmPreferencesWindow *self)
{
  const char *const *keys = crm_score_rules_get_keys ();

  for (guint i = 0; keys[i] != NULL; i++)
    g_settings_reset (self->settings, keys[i]);
}

static void
crm_preferences_window_bind_scoring (CrmPreferencesWindow *self)
{
  const char *const *keys = crm_score_rules_get_keys ();
  GObject *auto_qualify = gtk_widget_get_template_child (
      GTK_WIDGET (self), CRM_TYPE_PREFERENCES_WINDOW, "auto-qualify-switch");
  GObject *threshold = gtk_widget_get_template_child (
      GTK_WIDGET (self), CRM_TYPE_PREFERENCES_WINDOW, "qualify-threshold-spin");

  for (guint i = 0; keys[i] != NULL; i++)
    {
      g_autofree char *id = g_strconcat (keys[i], "-spin", NULL);
      GObject *spin
          = gtk_widget_get_template_child (GTK_WIDGET (self), CRM_TYPE_PREFERENCES_WINDOW, id);

      if (!g_str_equal (keys[i], "auto-qualify"))
        g_settings_bind (self->settings, keys[i], spin, "value", G_SETTINGS_BIND_DEFAULT);
    }
  g_settings_bind (self->settings, "auto-qualify", auto_qualify, "active", G_SETTINGS_BIND_DEFAULT);
  /* The threshold means nothing while leads are not qualified by score. */
  g_object_bind_property (auto_qualify, "active",
                          gtk_widget_get_ancestor (GTK_WIDGET (threshold), ADW_TYPE_ACTION_ROW),
                          "sensitive", G_BINDING_SYNC_CREATE);
}

static void
crm_preferences_window_dispose (GObject *object)
{
  CrmPreferencesWindow *self = CRM_PREFERENCES_WINDOW (object);

  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);

  gtk_widget_dispose_template (GTK_WIDGET (self), CRM_TYPE_PREFERENCES_WINDOW);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->database_path, g_free);

  G_OBJECT_CLASS (crm_preferences_window_parent_class)->dispose (object);
}

static void
crm_preferences_window_class_init (CrmPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = crm_preferences_window_dispose;

  crm_gui_resources_ensure ();
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/crm-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, CrmPreferencesWindow, color_scheme_row);
  gtk_widget_class_bind_template_child (widget_class, CrmPreferencesWindow, currency_row);
  gtk_widget_class_bind_template_child (widget_class, CrmPreferencesWindow, rotting_days_spin);
  gtk_widget_class_bind_template_child (widget_class, CrmPreferencesWindow, stale_threshold_spin);
  gtk_widget_class_bind_template_child (widget_class, CrmPreferencesWindow, reminder_time_row);
  gtk_widget_class_bind_template_child (widget_class, CrmPreferencesWindow, task_reminders_switch);
  gtk_widget_class_bind_template_callback (widget_class, on_currency_row_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_reminder_time_row_changed);
  gtk_widget_class_bind_template_child (widget_class, CrmPreferencesWindow, backup_keep_spin);
  gtk_widget_class_bind_template_child (widget_class, CrmPreferencesWindow, back_up_row);
  gtk_widget_class_bind_template_child (widget_class, CrmPreferencesWindow, back_up_button);
  gtk_widget_class_bind_template_child (widget_class, CrmPreferencesWindow, restore_row);
  gtk_widget_class_bind_template_callback (widget_class, on_reset_scoring_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_back_up_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_restore_clicked);
  /* Named, so that gtk_widget_get_template_child () finds them. */
  gtk_widget_class_bind_template_child_full (widget_class, "auto-qualify-switch", FALSE, 0);
  for (const char *const *key = crm_score_rules_get_keys (); *key != NULL; key++)
    {
      g_autofree char *id = g_strconcat (*key, "-spin", NULL);

      if (!g_str_equal (*key, "auto-qualify"))
        gtk_widget_class_bind_template_child_full (widget_class, g_intern_string (id), FALSE, 0);
    }
}

static void
crm_preferences_window_init (CrmPreferencesWindow *self)
{
  self->settings = g_settings_new (APPLICATION_ID);
  self->cancellable = g_cancellable_new ();

  gtk_widget_init_template (GTK_WIDGET (self));

  g_settings_bind_with_mapping (self->settings, "color-scheme", self->color_scheme_row, "selected",
                                G_SETTINGS_BIND_DEFAULT, color_scheme_get_mapping,
                                color_scheme_set_mapping, NULL, NULL);
  g_settings_bind (self->settings, "rotting-days-default", self->rotting_days_spin, "value",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "stale-deal-threshold", self->stale_threshold_spin, "value",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "task-reminders", self->task_reminders_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "backup-keep", self->backup_keep_spin, "value",
                   G_SETTINGS_BIND_DEFAULT);
  crm_preferences_window_bind_scoring (self);

  crm_preferences_window_load_text (self, self->currency_row, "default-currency");
  crm_preferences_window_load_text (self, self->reminder_time_row, "reminder-time");
  g_signal_connect_swapped (self->settings, "changed", G_CALLBACK (on_settings_changed), self);
}

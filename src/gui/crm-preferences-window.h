/* crm-preferences-window.h — CrmPreferencesWindow: the settings of the
 * io.github.rapportcrm.Rapport schema, edited in place.
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define CRM_TYPE_PREFERENCES_WINDOW (crm_preferences_window_get_type ())
G_DECLARE_FINAL_TYPE (
    CrmPreferencesWindow, crm_preferences_window, CRM, PREFERENCES_WINDOW, AdwPreferencesWindow)

/* A modal preferences window over @parent (may be NULL). */
CrmPreferencesWindow *
crm_preferences_window_new (GtkWindow *parent);

/* Rules of the free-text settings, shared with whoever else checks them. */
gboolean
crm_preferences_is_valid_currency (const char *text);
gboolean
crm_preferences_is_valid_reminder_time (const char *text);

G_END_DECLS

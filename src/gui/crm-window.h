/* crm-window.h — CrmWindow, the main window: one database, shown as the Pipeline, Contacts,
 * Today and Dashboard pages. Besides win.page and win.undo, its actions include
 * win.show-contact, win.show-company, win.show-deal (the board and the deal's editor),
 * win.edit-deal, win.show-task and win.complete-task (each with an id),
 * win.search-contacts (the Contacts page searching for a text), win.import (asks for a file)
 * and win.import-file (a file URI or path: the import window on it).
 */
#pragma once

#include <adwaita.h>

#include "crm-application.h"
#include "crm-store.h"

G_BEGIN_DECLS

#define CRM_TYPE_WINDOW (crm_window_get_type ())
G_DECLARE_FINAL_TYPE (CrmWindow, crm_window, CRM, WINDOW, AdwApplicationWindow)

/* A window over @store (it keeps a reference), sized and on the page remembered in GSettings. */
CrmWindow *
crm_window_new (CrmApplication *app, CrmStore *store);

CrmStore *
crm_window_get_store (CrmWindow *self);

/* The visible page: "pipeline", "contacts", "today" or "dashboard". Also the window's "visible-page"
 * property and its stateful "win.page" action; remembered in the last-page setting. */
const char *
crm_window_get_visible_page (CrmWindow *self);
void
crm_window_set_visible_page (CrmWindow *self, const char *name);

/* Shows @toast (taking ownership) over the window's content. */
void
crm_window_add_toast (CrmWindow *self, AdwToast *toast);

/* Writes the window's size and maximised state to GSettings (done on close). */
void
crm_window_save_state (CrmWindow *self);

G_END_DECLS

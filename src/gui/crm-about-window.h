/* crm-about-window.h — the About window (app.about). */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* Presents a new About window, modal over @parent (may be NULL). */
void
crm_about_window_present (GtkWindow *parent);

G_END_DECLS

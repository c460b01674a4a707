/* crm-gui-resources.h — registers the GUI's GResource (templates, CSS, icons, help overlay).
 *
 * The resource is compiled with --manual-register: a constructor in a static library can be
 * dropped by the linker, so every class that loads a template calls this first.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Registers the resource once per process; safe to call any number of times. */
void
crm_gui_resources_ensure (void);

G_END_DECLS

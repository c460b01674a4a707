/* crm-gui-resources.c — one-time registration of the GUI's GResource. */
#include "crm-gui-resources.h"

#include "crm-gui-resources-generated.h"

void
crm_gui_resources_ensure (void)
{
  static gsize registered = 0;

  if (g_once_init_enter (&registered))
    {
      crm_gui_register_resource ();
      g_once_init_leave (&registered, 1);
    }
}

/* crm-timeline-list.h — CrmTimelineList shows a CrmTimelineModel as a boxed list: one row per
 * entry with an icon for its kind, what happened and when; a task shows when it is due and a
 * check button that marks it done (undoable). It reads the next page when the scrolled window
 * it sits in comes near its end, and has a "Show More" button for the keyboard.
 */
#pragma once

#include <adwaita.h>

#include "crm-timeline-model.h"
#include "crm-undo-manager.h"

G_BEGIN_DECLS

#define CRM_TYPE_TIMELINE_LIST (crm_timeline_list_get_type ())
G_DECLARE_FINAL_TYPE (CrmTimelineList, crm_timeline_list, CRM, TIMELINE_LIST, GtkWidget)

GtkWidget *
crm_timeline_list_new (CrmUndoManager *undo_manager);

/* The timeline shown (NULL: none). Rows name the contact of each entry when @show_contact
 * (a company's timeline). */
void
crm_timeline_list_set_model (CrmTimelineList *self, CrmTimelineModel *model, gboolean show_contact);
CrmTimelineModel *
crm_timeline_list_get_model (CrmTimelineList *self);

/* The title of row @index as shown (for tests), or NULL. */
const char *
crm_timeline_list_get_row_title (CrmTimelineList *self, guint index);

G_END_DECLS

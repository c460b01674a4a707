/* crm-list-diff.h — turns an old and a new list of ids into exact items-changed signals. */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Changes @current_ids (the model's own array of gint64) into @new_ids step by step, emitting
 * items-changed on @model after each step, so that the model's state always matches what its
 * listeners were told: one removal, one insertion, a single moved item (a removal then an
 * insertion), or else one replaced range between the common head and tail. Returns FALSE when
 * nothing changed. */
gboolean
crm_list_diff_apply (GListModel *model, GArray *current_ids, const GArray *new_ids);

/* Removes from @items (a gint64 id -> object table) the ids not in @ids. */
void
crm_list_diff_prune (GHashTable *items, const GArray *ids);

G_END_DECLS

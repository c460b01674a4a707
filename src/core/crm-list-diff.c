/* crm-list-diff.c — minimal items-changed for lists of row ids. */
#include "config.h"

#include <string.h>

#include "crm-list-diff.h"

#define ID_AT(array, i) g_array_index ((array), gint64, (i))

static gboolean
ranges_equal (const GArray *a, guint a_start, const GArray *b, guint b_start, guint length)
{
  return length == 0
         || memcmp (&ID_AT (a, a_start), &ID_AT (b, b_start), length * sizeof (gint64)) == 0;
}

static void
replace_range (GListModel *model,
               GArray *ids,
               guint position,
               guint n_removed,
               const GArray *source,
               guint source_start,
               guint n_added)
{
  g_array_remove_range (ids, position, n_removed);
  if (n_added > 0)
    g_array_insert_vals (ids, position, &ID_AT (source, source_start), n_added);
  g_list_model_items_changed (model, position, n_removed, n_added);
}

gboolean
crm_list_diff_apply (GListModel *model, GArray *current_ids, const GArray *new_ids)
{
  guint old_length = current_ids->len, new_length = new_ids->len;
  guint head = 0, tail = 0, old_middle, new_middle;

  while (head < old_length && head < new_length
         && ID_AT (current_ids, head) == ID_AT (new_ids, head))
    head++;
  while (tail < old_length - head && tail < new_length - head
         && ID_AT (current_ids, old_length - 1 - tail) == ID_AT (new_ids, new_length - 1 - tail))
    tail++;
  old_middle = old_length - head - tail;
  new_middle = new_length - head - tail;

  if (old_middle == 0 && new_middle == 0)
    return FALSE;

  /* One item moved down: [x a b c] -> [a b c x] */
  if (old_middle == new_middle && old_middle > 1
      && ID_AT (current_ids, head) == ID_AT (new_ids, head + new_middle - 1)
      && ranges_equal (current_ids, head + 1, new_ids, head, old_middle - 1))
    {
      gint64 moved = ID_AT (current_ids, head);
      g_array_remove_index (current_ids, head);
      g_list_model_items_changed (model, head, 1, 0);
      g_array_insert_val (current_ids, head + old_middle - 1, moved);
      g_list_model_items_changed (model, head + old_middle - 1, 0, 1);
      return TRUE;
    }
  /* One item moved up: [a b c x] -> [x a b c] */
  if (old_middle == new_middle && old_middle > 1
      && ID_AT (current_ids, head + old_middle - 1) == ID_AT (new_ids, head)
      && ranges_equal (current_ids, head, new_ids, head + 1, old_middle - 1))
    {
      gint64 moved = ID_AT (current_ids, head + old_middle - 1);
      g_array_remove_index (current_ids, head + old_middle - 1);
      g_list_model_items_changed (model, head + old_middle - 1, 1, 0);
      g_array_insert_val (current_ids, head, moved);
      g_list_model_items_changed (model, head, 0, 1);
      return TRUE;
    }

  replace_range (model, current_ids, head, old_middle, new_ids, head, new_middle);
  return TRUE;
}

void
crm_list_diff_prune (GHashTable *items, const GArray *ids)
{
  g_autoptr (GHashTable) present = NULL;
  GHashTableIter iter;
  gpointer key;

  if (g_hash_table_size (items) == 0)
    return;
  present = g_hash_table_new (g_int64_hash, g_int64_equal);
  for (guint i = 0; i < ids->len; i++)
    g_hash_table_add (present, &ID_AT (ids, i));
  g_hash_table_iter_init (&iter, items);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (!g_hash_table_contains (present, key))
      g_hash_table_iter_remove (&iter);
}

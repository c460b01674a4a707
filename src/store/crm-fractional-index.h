/* crm-fractional-index.h — order keys with room between any two (see the .c file). */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

gboolean
crm_fractional_index_is_valid (const char *key);
/* A key strictly between @lower and @upper; either may be NULL for "no bound". */
char *
crm_fractional_index_between (const char *lower, const char *upper);
/* @n_keys increasing keys spread evenly (a NULL-terminated strv), for renumbering. */
char **
crm_fractional_index_spread (guint n_keys);

G_END_DECLS

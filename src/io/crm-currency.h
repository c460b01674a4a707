/* crm-currency.h — what Rapport knows of ISO 4217 currencies without a locale: how many digits
 * their minor unit has. GLib only, shared by the store's readers and writers, the core and the
 * charts. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Number of minor-unit digits of @currency: 2 for most, 0 for JPY-like, 3 for BHD-like. */
guint
crm_currency_get_digits (const char *currency);

G_END_DECLS

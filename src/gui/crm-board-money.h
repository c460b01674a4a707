/* crm-board-money.h — the board's money formatting now lives in src/charts/crm-money.h (GLib
 * only), which the charts share; this header keeps the GUI's includes as they are.
 */
#pragma once

#include "crm-money.h"

/* crm-spend-actions.c — undoable writes of acquisition spend (see the header). */
#include "config.h"

#include "crm-spend-actions.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "crm-store-kpi.h"

gint64
crm_spend_month_start (int year, int month)
{
  g_autoptr (GDateTime) start = g_date_time_new_utc (year, month, 1, 0, 0, 0);

  g_return_val_if_fail (start != NULL, 0);
  return g_date_time_to_unix (start);
}

/* "March 2024" (UTC, as stored). */
static char *
format_month (gint64 month_start)
{
  g_autoptr (GDateTime) month = g_date_time_new_from_unix_utc (month_start);

  /* Translators: a month of acquisition spend (strftime), e.g. "March 2024". */
  return g_date_time_format (month, _ ("%B %Y"));
}

static char *
source_name (CrmStore *store, gint64 source_id)
{
  g_autoptr (CrmLeadSourceRecord) source = crm_store_get_lead_source (store, source_id, NULL);

  return g_strdup (source != NULL && source->name != NULL ? source->name : "");
}

static gboolean
check_spend (CrmStore *store, const CrmAcquisitionSpendRecord *spend, GError **error)
{
  g_autoptr (GDateTime) month = g_date_time_new_from_unix_utc (spend->month_start);
  gint64 clash;

  if (month == NULL || g_date_time_get_day_of_month (month) != 1
      || g_date_time_get_hour (month) != 0 || g_date_time_get_minute (month) != 0
      || g_date_time_get_second (month) != 0)
    {
      g_set_error_literal (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID,
                           _ ("Spend is entered for a whole month"));
      return FALSE;
    }
  if (spend->amount_minor < 0)
    {
      g_set_error_literal (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID,
                           _ ("The amount cannot be negative"));
      return FALSE;
    }
  if (spend->currency == NULL || strlen (spend->currency) != 3
      || !g_ascii_isupper (spend->currency[0]) || !g_ascii_isupper (spend->currency[1])
      || !g_ascii_isupper (spend->currency[2]))
    {
      g_set_error_literal (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID,
                           _ ("The currency is a three-letter code such as EUR"));
      return FALSE;
    }
  clash = crm_store_find_acquisition_spend (store, spend->source_id, spend->month_start,
                                            spend->currency, error);
  if (clash < 0)
    return FALSE;
  if (clash != 0 && clash != spend->id)
    {
      g_autofree char *name = source_name (store, spend->source_id);
      g_autofree char *when = format_month (spend->month_start);

      g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_CONSTRAINT,
                   /* Translators: a lead source, a month and a currency code. */
                   _ ("%s already has spend for %s in %s: change that one instead"), name, when,
                   spend->currency);
      return FALSE;
    }
  return TRUE;
}

static gboolean
add_spend (CrmStore *store, gpointer user_data, GError **error)
{
  return check_spend (store, user_data, error)
         && crm_store_insert_acquisition_spend (store, user_data, error);
}

static gboolean
update_spend (CrmStore *store, gpointer user_data, GError **error)
{
  return check_spend (store, user_data, error)
         && crm_store_update_acquisition_spend (store, user_data, error);
}

static gboolean
delete_spend (CrmStore *store, gpointer user_data, GError **error)
{
  return crm_store_delete_acquisition_spend (store, *(gint64 *) user_data, error);
}

/* The source's name and the month, for a step's label. */
static void
describe (
    CrmUndoManager *undo_manager, gint64 source_id, gint64 month_start, char **name, char **when)
{
  *name = source_name (crm_undo_manager_get_store (undo_manager), source_id);
  *when = format_month (month_start);
}

gboolean
crm_spend_actions_add (CrmUndoManager *undo_manager,
                       CrmAcquisitionSpendRecord *spend,
                       GError **error)
{
  g_autofree char *label = NULL;
  g_autofree char *name = NULL;
  g_autofree char *when = NULL;

  g_return_val_if_fail (CRM_IS_UNDO_MANAGER (undo_manager), FALSE);
  g_return_val_if_fail (spend != NULL, FALSE);

  describe (undo_manager, spend->source_id, spend->month_start, &name, &when);
  /* Translators: an undoable step; a lead source and a month, e.g. "Added spend of Website
   * for March 2024". */
  label = g_strdup_printf (_ ("Added spend of %s for %s"), name, when);
  return crm_undo_manager_record (undo_manager, label, add_spend, spend, error);
}

gboolean
crm_spend_actions_update (CrmUndoManager *undo_manager,
                          CrmAcquisitionSpendRecord *spend,
                          GError **error)
{
  g_autofree char *label = NULL;
  g_autofree char *name = NULL;
  g_autofree char *when = NULL;

  g_return_val_if_fail (CRM_IS_UNDO_MANAGER (undo_manager), FALSE);
  g_return_val_if_fail (spend != NULL, FALSE);

  describe (undo_manager, spend->source_id, spend->month_start, &name, &when);
  /* Translators: an undoable step; a lead source and a month. */
  label = g_strdup_printf (_ ("Changed spend of %s for %s"), name, when);
  return crm_undo_manager_record (undo_manager, label, update_spend, spend, error);
}

gboolean
crm_spend_actions_delete (CrmUndoManager *undo_manager, gint64 spend_id, GError **error)
{
  g_autoptr (CrmAcquisitionSpendRecord) spend = NULL;
  g_autofree char *label = NULL;
  g_autofree char *name = NULL;
  g_autofree char *when = NULL;

  g_return_val_if_fail (CRM_IS_UNDO_MANAGER (undo_manager), FALSE);

  spend = crm_store_get_acquisition_spend (crm_undo_manager_get_store (undo_manager), spend_id,
                                           error);
  if (spend == NULL)
    return FALSE;
  describe (undo_manager, spend->source_id, spend->month_start, &name, &when);
  /* Translators: an undoable step; a lead source and a month. */
  label = g_strdup_printf (_ ("Deleted spend of %s for %s"), name, when);
  return crm_undo_manager_record (undo_manager, label, delete_spend, &spend_id, error);
}

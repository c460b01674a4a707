/* crm-board-totals.c — column totals of the board, summed once per stage (one aggregate query)
 * and then kept up to date from the store's change signals (which carry the row as it was
 * before, so an update is "take the old row out, put the new one in").
 *
 * Weighted sums are kept as Σ value × probability (in hundredths of minor units) for deals with
 * their own probability, and Σ value for the others, so a change of the stage's default
 * probability needs no new sum, and rounding happens once per total, not once per deal.
 */
#include "config.h"

#include "crm-board-totals.h"

#include <glib/gi18n.h>

#include "crm-board-money.h"

typedef struct
{
  guint n_deals;
  gint64 total_minor;
  gint64 weighted_hundredths; /* Σ value × own probability */
  gint64 default_value_minor; /* Σ value of deals following the stage probability */
} Sums;

typedef struct
{
  gint64 stage_id;
  GHashTable *by_currency; /* char *currency -> Sums */
  /* Tracked while the totals are held: not summed until they are released. */
  gboolean deferred;
} StageTotals;

struct _CrmBoardTotals
{
  GObject parent_instance;

  CrmStore *store;
  gulong changed_handler;
  GHashTable *stages; /* gint64 stage id -> StageTotals */
  guint hold_count;
};

G_DEFINE_FINAL_TYPE (CrmBoardTotals, crm_board_totals, G_TYPE_OBJECT)

enum
{
  SIGNAL_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

void
crm_board_total_free (CrmBoardTotal *total)
{
  if (total == NULL)
    return;
  g_free (total->currency);
  g_free (total);
}

static void
stage_totals_free (gpointer data)
{
  StageTotals *stage = data;

  g_clear_pointer (&stage->by_currency, g_hash_table_unref);
  g_free (stage);
}

static void
stage_totals_apply (StageTotals *stage, const CrmDealRecord *deal, int sign)
{
  const char *currency = deal->currency != NULL ? deal->currency : "";
  Sums *sums = g_hash_table_lookup (stage->by_currency, currency);

  if (sums == NULL)
    {
      if (sign < 0)
        return;
      sums = g_new0 (Sums, 1);
      g_hash_table_insert (stage->by_currency, g_strdup (currency), sums);
    }

  sums->n_deals += sign;
  sums->total_minor += sign * deal->value_minor;
  if (deal->probability_override >= 0)
    sums->weighted_hundredths += sign * deal->value_minor * deal->probability_override;
  else
    sums->default_value_minor += sign * deal->value_minor;

  if (sums->n_deals == 0)
    g_hash_table_remove (stage->by_currency, currency);
}

/* Forgets the sums of @stage and takes them again: one query. Returns TRUE (the caller emits
 * ::changed), or FALSE while the totals are held (the release sums it). */
static gboolean
stage_totals_restart (CrmBoardTotals *self, StageTotals *stage)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GArray) sums = NULL;

  g_hash_table_remove_all (stage->by_currency);
  if (self->hold_count > 0)
    {
      stage->deferred = TRUE;
      return FALSE;
    }
  stage->deferred = FALSE;
  sums = crm_store_sum_deals_in_stage (self->store, stage->stage_id, &error);
  if (sums == NULL)
    {
      g_warning ("Cannot sum the deals of stage %" G_GINT64_FORMAT ": %s", stage->stage_id,
                 error->message);
      return TRUE;
    }
  for (guint i = 0; i < sums->len; i++)
    {
      const CrmDealSums *row = &g_array_index (sums, CrmDealSums, i);
      Sums *copy = g_new0 (Sums, 1);

      copy->n_deals = row->n_deals;
      copy->total_minor = row->total_minor;
      copy->weighted_hundredths = row->weighted_hundredths;
      copy->default_value_minor = row->default_value_minor;
      g_hash_table_insert (stage->by_currency, g_strdup (row->currency), copy);
    }
  return TRUE;
}

static void
restart_all (CrmBoardTotals *self)
{
  g_autoptr (GArray) done = g_array_new (FALSE, FALSE, sizeof (gint64));
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, self->stages);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      StageTotals *stage = value;

      if (stage_totals_restart (self, stage))
        g_array_append_val (done, stage->stage_id);
    }
  for (guint i = 0; i < done->len; i++)
    g_signal_emit (self, signals[SIGNAL_CHANGED], 0, g_array_index (done, gint64, i));
}

/* Brings @stage up to date with one deal change: the old row out, the new one in. A stage that
 * is half summed is summed again instead (its batch may or may not have read the deal). */
static void
update_stage (CrmBoardTotals *self,
              StageTotals *stage,
              const CrmDealRecord *old_deal,
              const CrmDealRecord *new_deal)
{
  gint64 stage_id = stage->stage_id;

  /* Summed at the release, with this change in. */
  if (stage->deferred)
    return;
  if (old_deal != NULL && old_deal->stage_id == stage_id)
    stage_totals_apply (stage, old_deal, -1);
  if (new_deal != NULL && new_deal->stage_id == stage_id)
    stage_totals_apply (stage, new_deal, +1);
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0, stage_id);
}

static void
on_store_changed (CrmBoardTotals *self,
                  CrmEntity entity,
                  CrmChangeAction action,
                  gint64 id,
                  gpointer old_record,
                  CrmStore *store)
{
  g_autoptr (CrmDealRecord) new_deal = NULL;
  const CrmDealRecord *old_deal = old_record;
  StageTotals *old_stage = NULL;
  StageTotals *new_stage = NULL;

  if (entity != CRM_ENTITY_DEAL)
    return;
  if (action == CRM_CHANGE_RESET)
    {
      restart_all (self);
      return;
    }

  if (action != CRM_CHANGE_DELETE)
    new_deal = crm_store_get_deal (self->store, id, NULL);
  if (old_deal != NULL)
    old_stage = g_hash_table_lookup (self->stages, &old_deal->stage_id);
  if (new_deal != NULL)
    new_stage = g_hash_table_lookup (self->stages, &new_deal->stage_id);

  if (old_stage != NULL)
    update_stage (self, old_stage, old_deal, new_deal);
  if (new_stage != NULL && new_stage != old_stage)
    update_stage (self, new_stage, old_deal, new_deal);
}

void
crm_board_totals_track_stage (CrmBoardTotals *self, gint64 stage_id, guint n_deals)
{
  StageTotals *stage;

  g_return_if_fail (CRM_IS_BOARD_TOTALS (self));

  if (g_hash_table_contains (self->stages, &stage_id))
    return;
  stage = g_new0 (StageTotals, 1);
  stage->stage_id = stage_id;
  stage->by_currency = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_hash_table_insert (self->stages, &stage->stage_id, stage);
  if (stage_totals_restart (self, stage))
    g_signal_emit (self, signals[SIGNAL_CHANGED], 0, stage_id);
}

void
crm_board_totals_untrack_stage (CrmBoardTotals *self, gint64 stage_id)
{
  g_return_if_fail (CRM_IS_BOARD_TOTALS (self));

  g_hash_table_remove (self->stages, &stage_id);
}

void
crm_board_totals_hold (CrmBoardTotals *self)
{
  g_return_if_fail (CRM_IS_BOARD_TOTALS (self));

  self->hold_count++;
}

void
crm_board_totals_release (CrmBoardTotals *self)
{
  g_autoptr (GArray) done = g_array_new (FALSE, FALSE, sizeof (gint64));
  GHashTableIter iter;
  gpointer value;

  g_return_if_fail (CRM_IS_BOARD_TOTALS (self));
  g_return_if_fail (self->hold_count > 0);

  if (--self->hold_count > 0)
    return;
  g_hash_table_iter_init (&iter, self->stages);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      StageTotals *stage = value;

      if (stage->deferred && stage_totals_restart (self, stage))
        g_array_append_val (done, stage->stage_id);
    }
  for (guint i = 0; i < done->len; i++)
    g_signal_emit (self, signals[SIGNAL_CHANGED], 0, g_array_index (done, gint64, i));
}

gboolean
crm_board_totals_is_ready (CrmBoardTotals *self, gint64 stage_id)
{
  StageTotals *stage;

  g_return_val_if_fail (CRM_IS_BOARD_TOTALS (self), FALSE);

  stage = g_hash_table_lookup (self->stages, &stage_id);
  return stage != NULL && !stage->deferred;
}

static int
compare_totals (gconstpointer a, gconstpointer b)
{
  const CrmBoardTotal *x = *(CrmBoardTotal *const *) a;
  const CrmBoardTotal *y = *(CrmBoardTotal *const *) b;

  return g_strcmp0 (x->currency, y->currency);
}

GPtrArray *
crm_board_totals_dup (CrmBoardTotals *self, gint64 stage_id, int stage_probability)
{
  GPtrArray *totals = g_ptr_array_new_with_free_func ((GDestroyNotify) crm_board_total_free);
  StageTotals *stage;
  GHashTableIter iter;
  gpointer key;
  gpointer value;

  g_return_val_if_fail (CRM_IS_BOARD_TOTALS (self), totals);

  stage = g_hash_table_lookup (self->stages, &stage_id);
  if (stage == NULL || stage->deferred)
    return totals;

  g_hash_table_iter_init (&iter, stage->by_currency);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      const Sums *sums = value;
      CrmBoardTotal *total = g_new0 (CrmBoardTotal, 1);
      gint64 hundredths
          = sums->weighted_hundredths + sums->default_value_minor * (gint64) stage_probability;

      total->currency = g_strdup (key);
      total->n_deals = sums->n_deals;
      total->total_minor = sums->total_minor;
      total->weighted_minor = crm_money_apply_percent (hundredths, 1);
      g_ptr_array_add (totals, total);
    }
  g_ptr_array_sort (totals, compare_totals);
  return totals;
}

char *
crm_board_totals_format (GPtrArray *totals, gboolean weighted)
{
  GString *text;

  if (totals == NULL || totals->len == 0)
    return NULL;

  text = g_string_new (NULL);
  for (guint i = 0; i < totals->len; i++)
    {
      const CrmBoardTotal *total = totals->pdata[i];
      g_autofree char *value = crm_money_format (total->total_minor, total->currency);
      g_autofree char *weighted_value = NULL;

      if (i > 0)
        g_string_append_c (text, '\n');
      if (!weighted)
        {
          g_string_append (text, value);
          continue;
        }
      weighted_value = crm_money_format (total->weighted_minor, total->currency);
      /* Translators: a column total of the pipeline board: the sum of the deal values, and the
       * sum weighted by each deal's win probability, e.g. "€12,500.00 · €5,000.00 weighted". */
      g_string_append_printf (text, _ ("%s · %s weighted"), value, weighted_value);
    }
  return g_string_free (text, FALSE);
}

static void
crm_board_totals_dispose (GObject *object)
{
  CrmBoardTotals *self = CRM_BOARD_TOTALS (object);

  g_clear_signal_handler (&self->changed_handler, self->store);
  g_clear_object (&self->store);
  g_clear_pointer (&self->stages, g_hash_table_unref);

  G_OBJECT_CLASS (crm_board_totals_parent_class)->dispose (object);
}

static void
crm_board_totals_class_init (CrmBoardTotalsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = crm_board_totals_dispose;

  /* The totals of the stage changed (or became known). */
  signals[SIGNAL_CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                          0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);
}

static void
crm_board_totals_init (CrmBoardTotals *self)
{
  self->stages = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, stage_totals_free);
}

CrmBoardTotals *
crm_board_totals_new (CrmStore *store)
{
  CrmBoardTotals *self;

  g_return_val_if_fail (CRM_IS_STORE (store), NULL);

  self = g_object_new (CRM_TYPE_BOARD_TOTALS, NULL);
  self->store = g_object_ref (store);
  self->changed_handler = g_signal_connect_object (store, "changed", G_CALLBACK (on_store_changed),
                                                   self, G_CONNECT_SWAPPED);
  return self;
}

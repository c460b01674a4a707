/* crm-score-keeper.c — keeps stored lead scores true to the rules (see the header).
 *
 * A change to a contact or an activity queues the contact; an idle callback recomputes the
 * queued ones in one transaction. The keeper's own writes come back as change signals too: it
 * ignores them while it writes, so a recomputation never starts another. A pass over every
 * contact goes a few contacts per idle callback at low priority. Changes from another program
 * (CRM_CHANGE_RESET) are left to the next pass. */
#include "config.h"

#include "crm-score-keeper.h"

/* Contacts scored per idle callback of a pass start at this many, and follow the time a step
 * takes: reading a contact costs about 12 µs, rewriting it ten times that, and a step should
 * stay well within a frame (16 ms) so the window goes on drawing and taking input. */
#define PASS_STEP_FIRST 50
#define PASS_STEP_MIN 5
#define PASS_STEP_MAX 400
#define PASS_STEP_BUDGET_US 4000
/* Rules are edited with spin buttons: wait for the clicks to stop before a pass. */
#define RULES_SETTLE_MS 600
/* How often the keeper looks whether the local date changed. */
#define DATE_CHECK_SECONDS 600

struct _CrmScoreKeeper
{
  GObject parent_instance;

  CrmStore *store;
  GSettings *settings;
  CrmUndoManager *undo_manager;
  CrmScoreRules rules;

  GHashTable *pending; /* contact ids (gint64 *) to recompute */
  guint flush_source;
  /* TRUE while the keeper writes: the change signals of its writes are its own. */
  gboolean writing;

  CrmLeadScoreRun *pass;
  guint pass_source;
  gint64 hold_until; /* monotonic µs: no pass step before (the user is typing) */
  guint pass_step;
  CrmScoreCounts last_counts;
  guint rules_source;
  guint daily_source;
  GDate last_pass_date;
};

G_DEFINE_FINAL_TYPE (CrmScoreKeeper, crm_score_keeper, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_RESCORING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gint64
now_seconds (void)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}

static void
set_today (GDate *date)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();

  g_date_clear (date, 1);
  g_date_set_dmy (date, (GDateDay) g_date_time_get_day_of_month (now),
                  (GDateMonth) g_date_time_get_month (now), (GDateYear) g_date_time_get_year (now));
}

/* ---- One contact at a time -------------------------------------------------------------- */

void
crm_score_keeper_flush (CrmScoreKeeper *self)
{
  g_autoptr (GError) error = NULL;
  GHashTableIter iter;
  gpointer key;
  gint64 before, after, now = now_seconds ();

  g_return_if_fail (CRM_IS_SCORE_KEEPER (self));

  g_clear_handle_id (&self->flush_source, g_source_remove);
  if (g_hash_table_size (self->pending) == 0)
    return;

  before = crm_store_get_last_change_id (self->store);
  self->writing = TRUE;
  if (!crm_store_begin (self->store, &error))
    {
      g_warning ("Cannot update lead scores: %s", error->message);
      self->writing = FALSE;
      g_hash_table_remove_all (self->pending);
      return;
    }
  g_hash_table_iter_init (&iter, self->pending);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      g_autoptr (GError) contact_error = NULL;

      /* A contact deleted since is no error: there is nothing to score. */
      if (!crm_lead_score_update_contact (self->store, &self->rules, *(gint64 *) key, now, NULL,
                                          &contact_error)
          && !g_error_matches (contact_error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND))
        g_warning ("Cannot update a lead score: %s", contact_error->message);
    }
  g_hash_table_remove_all (self->pending);
  if (!crm_store_commit (self->store, &error))
    g_warning ("Cannot update lead scores: %s", error->message);
  self->writing = FALSE;

  after = crm_store_get_last_change_id (self->store);
  if (self->undo_manager != NULL && after > before)
    crm_undo_manager_extend_newest (self->undo_manager, before, after);
}

static gboolean
on_flush_idle (gpointer data)
{
  CrmScoreKeeper *self = data;

  self->flush_source = 0;
  crm_score_keeper_flush (self);
  return G_SOURCE_REMOVE;
}

static void
queue_contact (CrmScoreKeeper *self, gint64 contact_id)
{
  if (contact_id == 0)
    return;
  g_hash_table_add (self->pending, g_memdup2 (&contact_id, sizeof contact_id));
  if (self->flush_source == 0)
    self->flush_source = g_idle_add (on_flush_idle, self);
}

static void
on_activity_changed (CrmScoreKeeper *self,
                     CrmChangeAction action,
                     gint64 id,
                     const CrmActivityRecord *old_activity)
{
  if (old_activity != NULL)
    queue_contact (self, old_activity->contact_id);
  if (action == CRM_CHANGE_INSERT || action == CRM_CHANGE_UPDATE)
    {
      g_autoptr (CrmActivityRecord) activity = crm_store_get_activity (self->store, id, NULL);

      if (activity != NULL)
        queue_contact (self, activity->contact_id);
    }
}

static void
on_store_changed (CrmStore *store,
                  guint entity,
                  guint action,
                  gint64 id,
                  gpointer old_record,
                  CrmScoreKeeper *self)
{
  if (self->writing || action == CRM_CHANGE_RESET)
    return;

  if (entity == CRM_ENTITY_CONTACT)
    {
      if (action == CRM_CHANGE_DELETE)
        g_hash_table_remove (self->pending, &id);
      else
        queue_contact (self, id);
    }
  else if (entity == CRM_ENTITY_ACTIVITY)
    on_activity_changed (self, action, id, old_record);
}

/* ---- Every contact ---------------------------------------------------------------------- */

static void
end_pass (CrmScoreKeeper *self)
{
  g_clear_handle_id (&self->pass_source, g_source_remove);
  g_clear_pointer (&self->pass, crm_lead_score_run_free);
}

static gboolean
on_pass_step (gpointer data);

static gboolean
on_hold_over (gpointer data)
{
  CrmScoreKeeper *self = data;

  self->pass_source = g_idle_add_full (G_PRIORITY_LOW, on_pass_step, self, NULL);
  return G_SOURCE_REMOVE;
}

static gboolean
on_pass_step (gpointer data)
{
  CrmScoreKeeper *self = data;
  g_autoptr (GError) error = NULL;
  gboolean finished = FALSE;
  gboolean ok;
  gint64 started = g_get_monotonic_time (), took;

  /* Held while the user types: a step under way when a frame falls due delays it. */
  if (started < self->hold_until)
    {
      self->pass_source
          = g_timeout_add_full (G_PRIORITY_LOW, (guint) ((self->hold_until - started + 999) / 1000),
                                on_hold_over, self, NULL);
      return G_SOURCE_REMOVE;
    }

  self->writing = TRUE;
  ok = crm_lead_score_run_step (self->pass, self->store, self->pass_step, &finished, &error);
  self->writing = FALSE;
  took = g_get_monotonic_time () - started;
  if (took > PASS_STEP_BUDGET_US)
    self->pass_step = MAX (self->pass_step / 2, PASS_STEP_MIN);
  else if (took < PASS_STEP_BUDGET_US / 2)
    self->pass_step = MIN (self->pass_step * 2, PASS_STEP_MAX);
  if (!ok)
    g_warning ("Cannot update lead scores: %s", error->message);
  if (ok && !finished)
    return G_SOURCE_CONTINUE;

  if (ok)
    self->last_counts = *crm_lead_score_run_get_counts (self->pass);
  self->pass_source = 0;
  end_pass (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RESCORING]);
  return G_SOURCE_REMOVE;
}

void
crm_score_keeper_rescore_all (CrmScoreKeeper *self)
{
  gboolean was_rescoring;

  g_return_if_fail (CRM_IS_SCORE_KEEPER (self));

  was_rescoring = self->pass != NULL;
  end_pass (self);
  self->pass = crm_lead_score_run_new (&self->rules, now_seconds ());
  self->pass_step = PASS_STEP_FIRST;
  self->pass_source = g_idle_add_full (G_PRIORITY_LOW, on_pass_step, self, NULL);
  set_today (&self->last_pass_date);
  if (!was_rescoring)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RESCORING]);
}

void
crm_score_keeper_hold (CrmScoreKeeper *self, guint milliseconds)
{
  g_return_if_fail (CRM_IS_SCORE_KEEPER (self));

  self->hold_until = MAX (self->hold_until, g_get_monotonic_time ()
                                                + (gint64) milliseconds * G_TIME_SPAN_MILLISECOND);
}

gboolean
crm_score_keeper_get_rescoring (CrmScoreKeeper *self)
{
  g_return_val_if_fail (CRM_IS_SCORE_KEEPER (self), FALSE);
  return self->pass != NULL;
}

const CrmScoreCounts *
crm_score_keeper_get_last_counts (CrmScoreKeeper *self)
{
  g_return_val_if_fail (CRM_IS_SCORE_KEEPER (self), NULL);
  return &self->last_counts;
}

const CrmScoreRules *
crm_score_keeper_get_rules (CrmScoreKeeper *self)
{
  g_return_val_if_fail (CRM_IS_SCORE_KEEPER (self), NULL);
  return &self->rules;
}

/* ---- Rules and days --------------------------------------------------------------------- */

static gboolean
on_rules_settled (gpointer data)
{
  CrmScoreKeeper *self = data;

  self->rules_source = 0;
  crm_score_keeper_rescore_all (self);
  return G_SOURCE_REMOVE;
}

static void
on_settings_changed (GSettings *settings, const char *key, CrmScoreKeeper *self)
{
  if (!g_strv_contains (crm_score_rules_get_keys (), key))
    return;
  crm_score_rules_load (self->settings, &self->rules);
  g_clear_handle_id (&self->rules_source, g_source_remove);
  self->rules_source = g_timeout_add (RULES_SETTLE_MS, on_rules_settled, self);
}

static gboolean
on_date_check (gpointer data)
{
  CrmScoreKeeper *self = data;
  GDate today;

  set_today (&today);
  if (!g_date_valid (&self->last_pass_date) || g_date_compare (&today, &self->last_pass_date) != 0)
    crm_score_keeper_rescore_all (self);
  return G_SOURCE_CONTINUE;
}

static gboolean
on_first_pass (gpointer data)
{
  CrmScoreKeeper *self = data;

  crm_score_keeper_rescore_all (self);
  self->daily_source = g_timeout_add_seconds (DATE_CHECK_SECONDS, on_date_check, self);
  return G_SOURCE_REMOVE;
}

void
crm_score_keeper_start_daily (CrmScoreKeeper *self, guint delay_seconds)
{
  g_return_if_fail (CRM_IS_SCORE_KEEPER (self));

  g_clear_handle_id (&self->daily_source, g_source_remove);
  self->daily_source = g_timeout_add_seconds (delay_seconds, on_first_pass, self);
}

/* ---- GObject ---------------------------------------------------------------------------- */

static void
crm_score_keeper_dispose (GObject *object)
{
  CrmScoreKeeper *self = CRM_SCORE_KEEPER (object);

  end_pass (self);
  g_clear_handle_id (&self->flush_source, g_source_remove);
  g_clear_handle_id (&self->rules_source, g_source_remove);
  g_clear_handle_id (&self->daily_source, g_source_remove);
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);
  g_clear_object (&self->undo_manager);
  G_OBJECT_CLASS (crm_score_keeper_parent_class)->dispose (object);
}

static void
crm_score_keeper_finalize (GObject *object)
{
  CrmScoreKeeper *self = CRM_SCORE_KEEPER (object);

  g_hash_table_unref (self->pending);
  G_OBJECT_CLASS (crm_score_keeper_parent_class)->finalize (object);
}

static void
crm_score_keeper_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  CrmScoreKeeper *self = CRM_SCORE_KEEPER (object);

  switch (prop_id)
    {
      case PROP_RESCORING:
        g_value_set_boolean (value, crm_score_keeper_get_rescoring (self));
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
crm_score_keeper_class_init (CrmScoreKeeperClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = crm_score_keeper_dispose;
  object_class->finalize = crm_score_keeper_finalize;
  object_class->get_property = crm_score_keeper_get_property;

  properties[PROP_RESCORING]
      = g_param_spec_boolean ("rescoring", NULL, NULL, FALSE,
                              G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
crm_score_keeper_init (CrmScoreKeeper *self)
{
  self->pending = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_date_clear (&self->last_pass_date, 1);
}

CrmScoreKeeper *
crm_score_keeper_new (CrmStore *store, GSettings *settings, CrmUndoManager *undo_manager)
{
  CrmScoreKeeper *self;

  g_return_val_if_fail (CRM_IS_STORE (store), NULL);
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);
  g_return_val_if_fail (undo_manager == NULL || CRM_IS_UNDO_MANAGER (undo_manager), NULL);

  self = g_object_new (CRM_TYPE_SCORE_KEEPER, NULL);
  self->store = g_object_ref (store);
  self->settings = g_object_ref (settings);
  self->undo_manager = undo_manager != NULL ? g_object_ref (undo_manager) : NULL;
  g_signal_connect (store, "changed", G_CALLBACK (on_store_changed), self);
  /* Connected before the keys are read: some backends only report keys read since. */
  g_signal_connect (settings, "changed", G_CALLBACK (on_settings_changed), self);
  crm_score_rules_load (settings, &self->rules);
  return self;
}

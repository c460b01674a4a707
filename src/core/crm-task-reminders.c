/* crm-task-reminders.c — desktop notifications for tasks falling due (see the header).
 *
 * Everything due up to `handled_up_to` has had its say: the overdue tasks at start (summed up),
 * then each window (handled_up_to, now] when the timer fires. A window is never read twice, so
 * a task is notified once per run for its due time, and a task added or moved into the past is
 * not notified at all (the user just saw it).
 *
 * A task due on a day without a time (due at local midnight) is reminded of at the
 * reminder-time setting of that day (09:00 unless changed), not at midnight: its reminder time
 * is its due time plus that offset. So a window (h, now] holds the tasks due in it, less those
 * due at a midnight in (now - offset, now] (still to come), plus those due at a midnight in
 * (h - offset, h] whose time has come. */
#include "config.h"

#include "crm-task-reminders.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>

#include "crm-tasks.h"

/* More tasks than this falling due at once get a summary instead of one notification each. */
#define MAX_SINGLE_NOTIFICATIONS 3
/* Subjects a summary names before "and N more". */
#define SUMMARY_SUBJECTS 3
/* The longest wait of the timer: the monotonic clock stops during a suspend, and the wall
 * clock can be set; waking this often keeps reminders on time anyway (one indexed query). */
#define MAX_WAIT_MS (60 * 1000)
/* Another program (rapport-cli) may add tasks: how often to look when no window does. */
#define POLL_SECONDS 30

struct _CrmTaskReminders
{
  GObject parent_instance;

  GApplication *application; /* weak: the application owns this object */
  CrmStore *store;
  gint64 handled_up_to;
  gint64 next_due;
  guint timer_source;
  guint plan_source;
  guint poll_source;
  GHashTable *notified; /* task ids (gint64 *) with a notification out */
  GSettings *settings;
  gint64 day_offset; /* seconds after midnight at which a task of a day without time falls due */
};

G_DEFINE_FINAL_TYPE (CrmTaskReminders, crm_task_reminders, G_TYPE_OBJECT)

static void
plan (CrmTaskReminders *self);

char *
crm_task_reminders_notification_id (gint64 task_id)
{
  return g_strdup_printf ("task-%" G_GINT64_FORMAT, task_id);
}

static gint64
now_seconds (void)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}

/* "HH:MM" (or "HH:MM:SS") as seconds after midnight; 9:00 when it is not one. */
static gint64
parse_day_time (const char *text)
{
  int hour, minute, second = 0;
  char extra;
  int n = text != NULL ? sscanf (text, "%2d:%2d:%2d%c", &hour, &minute, &second, &extra) : 0;

  if ((n != 2 && n != 3) || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0
      || second > 59)
    return 9 * 60 * 60;
  return (gint64) hour * 60 * 60 + minute * 60 + second;
}

/* The local midnight in (@after, @up_to], or 0 when there is none (the window is shorter than
 * a day: there is at most one). */
static gint64
midnight_in (gint64 after, gint64 up_to)
{
  g_autoptr (GDateTime) end = NULL;
  g_autoptr (GDateTime) midnight = NULL;
  gint64 when;

  if (up_to <= after)
    return 0;
  end = g_date_time_new_from_unix_local (up_to);
  if (end == NULL)
    return 0;
  midnight = g_date_time_new_local (g_date_time_get_year (end), g_date_time_get_month (end),
                                    g_date_time_get_day_of_month (end), 0, 0, 0);
  if (midnight == NULL)
    return 0;
  when = g_date_time_to_unix (midnight);
  return when > after ? when : 0;
}

/* When the reminder of a task due at @due comes. */
static gint64
remind_at (CrmTaskReminders *self, gint64 due)
{
  return self->day_offset > 0 && crm_tasks_is_day_only (due) ? due + self->day_offset : due;
}

/* "Ada Lovelace · Website redesign": the task's contact and deal, or NULL. */
static char *
describe_task (CrmTaskReminders *self, const CrmActivityRecord *task)
{
  g_autoptr (CrmContactRecord) contact = NULL;
  g_autoptr (CrmDealRecord) deal = NULL;

  if (task->contact_id != 0)
    contact = crm_store_get_contact (self->store, task->contact_id, NULL);
  if (task->deal_id != 0)
    deal = crm_store_get_deal (self->store, task->deal_id, NULL);
  if (contact != NULL && deal != NULL)
    return g_strdup_printf ("%s · %s", contact->name, deal->title);
  if (contact != NULL)
    return g_strdup (contact->name);
  if (deal != NULL)
    return g_strdup (deal->title);
  return NULL;
}

static const char *
subject_of (const CrmActivityRecord *task)
{
  /* Translators: the subject of a task that has none. */
  return task->subject != NULL && task->subject[0] != '\0' ? task->subject : _ ("Untitled task");
}

static void
send_task_notification (CrmTaskReminders *self, const CrmActivityRecord *task)
{
  g_autoptr (GNotification) notification = NULL;
  g_autofree char *title = NULL;
  g_autofree char *body = describe_task (self, task);
  g_autofree char *id = crm_task_reminders_notification_id (task->id);

  /* Translators: the title of a reminder; %s is the task's subject. */
  title = g_strdup_printf (_ ("Task due: %s"), subject_of (task));
  notification = g_notification_new (title);
  if (body != NULL)
    g_notification_set_body (notification, body);
  g_notification_set_default_action_and_target_value (notification, "app.show-task",
                                                      g_variant_new_int64 (task->id));
  g_notification_add_button_with_target_value (notification, _ ("Mark as Done"),
                                               "app.complete-task", g_variant_new_int64 (task->id));
  g_application_send_notification (self->application, id, notification);
  g_hash_table_add (self->notified, g_memdup2 (&task->id, sizeof task->id));
}

/* One notification for @n_tasks tasks, naming the first of @tasks. */
static void
send_summary (CrmTaskReminders *self, gint64 n_tasks, GPtrArray *tasks, gboolean overdue)
{
  g_autoptr (GNotification) notification = NULL;
  g_autoptr (GString) body = g_string_new (NULL);
  g_autofree char *title = NULL;

  if (overdue)
    title = g_strdup_printf (ngettext ("%u task overdue", "%u tasks overdue", (gulong) n_tasks),
                             (guint) n_tasks);
  else
    title = g_strdup_printf (ngettext ("%u task due", "%u tasks due", (gulong) n_tasks),
                             (guint) n_tasks);
  for (guint i = 0; i < tasks->len && i < SUMMARY_SUBJECTS; i++)
    g_string_append_printf (body, "%s%s", i > 0 ? "\n" : "",
                            subject_of (g_ptr_array_index (tasks, i)));
  if (n_tasks > SUMMARY_SUBJECTS)
    /* Translators: the last line of a reminder naming a few tasks of many. */
    g_string_append_printf (
        body, ngettext ("\nand %u more", "\nand %u more", (gulong) (n_tasks - SUMMARY_SUBJECTS)),
        (guint) (n_tasks - SUMMARY_SUBJECTS));

  notification = g_notification_new (title);
  g_notification_set_body (notification, body->str);
  g_notification_set_default_action (notification, "app.show-today");
  g_application_send_notification (self->application, CRM_TASK_REMINDERS_SUMMARY_ID, notification);
}

/* The open tasks due at @due exactly: their count, or -1 on an error. */
static gint64
count_due_at (CrmTaskReminders *self, gint64 due, GError **error)
{
  return due != 0 ? crm_store_count_open_tasks (self->store, due, due + 1, error) : 0;
}

/* Tasks whose reminder comes in (handled_up_to, @now]: one notification each, or a summary of
 * many. */
static void
remind_until (CrmTaskReminders *self, gint64 now, gboolean overdue)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) tasks = NULL;
  gint64 handled = self->handled_up_to;
  /* Due at a midnight whose reminder is still to come; due at one whose reminder came now. */
  gint64 later
      = self->day_offset > 0 ? midnight_in (MAX (handled, now - self->day_offset), now) : 0;
  gint64 come
      = self->day_offset > 0 && handled > G_MININT64 + 1
            ? midnight_in (handled - self->day_offset, MIN (handled, now - self->day_offset))
            : 0;
  gint64 n_later = count_due_at (self, later, &error);
  gint64 n_come = n_later >= 0 ? count_due_at (self, come, &error) : -1;
  gint64 n_tasks
      = n_come >= 0 ? crm_store_count_open_tasks (self->store, handled + 1, now + 1, &error) : -1;

  if (n_tasks >= 0)
    n_tasks += n_come - n_later;
  if (n_tasks > 0)
    {
      guint limit = n_tasks > MAX_SINGLE_NOTIFICATIONS ? SUMMARY_SUBJECTS : 0;
      g_autoptr (GPtrArray) due = crm_store_list_open_tasks (
          self->store, handled + 1, now + 1, limit > 0 ? limit + (guint) n_later : 0, &error);
      g_autoptr (GPtrArray) came
          = n_come > 0 && due != NULL
                ? crm_store_list_open_tasks (self->store, come, come + 1, limit, &error)
                : NULL;

      if (due != NULL && (n_come == 0 || came != NULL))
        {
          tasks = g_ptr_array_new_with_free_func ((GDestroyNotify) crm_activity_record_free);
          for (guint i = 0; came != NULL && i < came->len; i++)
            g_ptr_array_add (tasks, g_ptr_array_steal_index (came, i--));
          for (guint i = 0; i < due->len; i++)
            if (later == 0 || ((CrmActivityRecord *) due->pdata[i])->due_at != later)
              g_ptr_array_add (tasks, g_ptr_array_steal_index (due, i--));
        }
    }
  if (n_tasks < 0 || (n_tasks > 0 && tasks == NULL))
    {
      g_warning ("Cannot read the tasks due: %s", error->message);
      return;
    }
  self->handled_up_to = now;
  if (n_tasks == 0 || self->application == NULL)
    return;
  /* At start, even two overdue tasks are a summary: a flood greets nobody well. */
  if (n_tasks > MAX_SINGLE_NOTIFICATIONS || (overdue && n_tasks > 1))
    {
      send_summary (self, n_tasks, tasks, overdue);
      return;
    }
  for (guint i = 0; i < tasks->len; i++)
    send_task_notification (self, g_ptr_array_index (tasks, i));
}

static gboolean
on_timer (gpointer data)
{
  CrmTaskReminders *self = data;

  self->timer_source = 0;
  remind_until (self, now_seconds (), FALSE);
  plan (self);
  return G_SOURCE_REMOVE;
}

/* Tasks looked at for the next reminder: the next ones due, in order (a midnight's come later
 * than their due time; the timer wakes at least every minute anyway). */
#define PLAN_TASKS 16

/* Sets the timer to the next reminder after those handled. */
static void
plan (CrmTaskReminders *self)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) next = NULL;
  gint64 handled = self->handled_up_to;
  gint64 waiting = self->day_offset > 0 && handled > G_MININT64 + 1
                       ? midnight_in (handled - self->day_offset, handled)
                       : 0;
  gint64 n_waiting;
  gint64 wait_ms;

  g_clear_handle_id (&self->timer_source, g_source_remove);
  next = crm_store_list_open_tasks (self->store, handled + 1, G_MAXINT64, PLAN_TASKS, &error);
  n_waiting = next != NULL ? count_due_at (self, waiting, &error) : -1;
  if (next == NULL || n_waiting < 0)
    {
      g_warning ("Cannot read the next task due: %s", error->message);
      return;
    }
  /* Tasks of a day whose reminder is still to come, due before those handled. */
  self->next_due = n_waiting > 0 ? waiting + self->day_offset : 0;
  for (guint i = 0; i < next->len; i++)
    {
      gint64 due = ((CrmActivityRecord *) next->pdata[i])->due_at;
      gint64 when = remind_at (self, due);

      if (self->next_due != 0 && due >= self->next_due)
        break;
      if (self->next_due == 0 || when < self->next_due)
        self->next_due = when;
    }
  if (self->next_due == 0)
    return;
  wait_ms = self->next_due * 1000 - g_get_real_time () / 1000;
  self->timer_source = g_timeout_add ((guint) CLAMP (wait_ms, 0, MAX_WAIT_MS), on_timer, self);
}

static gboolean
on_plan_idle (gpointer data)
{
  CrmTaskReminders *self = data;

  self->plan_source = 0;
  plan (self);
  return G_SOURCE_REMOVE;
}

static void
withdraw (CrmTaskReminders *self, gint64 task_id)
{
  g_autofree char *id = NULL;

  if (!g_hash_table_remove (self->notified, &task_id) || self->application == NULL)
    return;
  id = crm_task_reminders_notification_id (task_id);
  g_application_withdraw_notification (self->application, id);
}

static void
on_store_changed (CrmStore *store,
                  guint entity,
                  guint action,
                  gint64 id,
                  gpointer old_record,
                  CrmTaskReminders *self)
{
  if (entity != CRM_ENTITY_ACTIVITY)
    return;

  if (action == CRM_CHANGE_DELETE)
    withdraw (self, id);
  else if (action == CRM_CHANGE_UPDATE && g_hash_table_contains (self->notified, &id))
    {
      g_autoptr (CrmActivityRecord) task = crm_store_get_activity (store, id, NULL);

      if (task == NULL || task->done)
        withdraw (self, id);
    }
  /* Once for a batch of changes. */
  if (self->plan_source == 0)
    self->plan_source = g_idle_add (on_plan_idle, self);
}

static gboolean
on_poll (gpointer data)
{
  CrmTaskReminders *self = data;

  crm_store_poll_external_changes (self->store);
  return G_SOURCE_CONTINUE;
}

gint64
crm_task_reminders_get_next_due (CrmTaskReminders *self)
{
  g_return_val_if_fail (CRM_IS_TASK_REMINDERS (self), 0);
  return self->next_due;
}

CrmStore *
crm_task_reminders_get_store (CrmTaskReminders *self)
{
  g_return_val_if_fail (CRM_IS_TASK_REMINDERS (self), NULL);
  return self->store;
}

static void
crm_task_reminders_dispose (GObject *object)
{
  CrmTaskReminders *self = CRM_TASK_REMINDERS (object);

  g_clear_handle_id (&self->timer_source, g_source_remove);
  g_clear_handle_id (&self->plan_source, g_source_remove);
  g_clear_handle_id (&self->poll_source, g_source_remove);
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);
  g_clear_weak_pointer (&self->application);
  G_OBJECT_CLASS (crm_task_reminders_parent_class)->dispose (object);
}

static void
crm_task_reminders_finalize (GObject *object)
{
  CrmTaskReminders *self = CRM_TASK_REMINDERS (object);

  g_hash_table_unref (self->notified);
  G_OBJECT_CLASS (crm_task_reminders_parent_class)->finalize (object);
}

static void
crm_task_reminders_class_init (CrmTaskRemindersClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = crm_task_reminders_dispose;
  object_class->finalize = crm_task_reminders_finalize;
}

static void
crm_task_reminders_init (CrmTaskReminders *self)
{
  self->notified = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
}

static void
on_reminder_time_changed (CrmTaskReminders *self)
{
  g_autofree char *text = g_settings_get_string (self->settings, "reminder-time");

  self->day_offset = parse_day_time (text);
  plan (self);
}

CrmTaskReminders *
crm_task_reminders_new (GApplication *application, CrmStore *store)
{
  CrmTaskReminders *self;
  g_autofree char *day_time = NULL;

  g_return_val_if_fail (G_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (CRM_IS_STORE (store), NULL);

  self = g_object_new (CRM_TYPE_TASK_REMINDERS, NULL);
  g_set_weak_pointer (&self->application, application);
  self->store = g_object_ref (store);
  g_signal_connect (store, "changed", G_CALLBACK (on_store_changed), self);
  self->poll_source = g_timeout_add_seconds (POLL_SECONDS, on_poll, self);
  self->settings = g_settings_new (APPLICATION_ID);
  day_time = g_settings_get_string (self->settings, "reminder-time");
  self->day_offset = parse_day_time (day_time);
  g_signal_connect_object (self->settings, "changed::reminder-time",
                           G_CALLBACK (on_reminder_time_changed), self, G_CONNECT_SWAPPED);

  self->handled_up_to = G_MININT64 + 1;
  remind_until (self, now_seconds (), TRUE);
  plan (self);
  return self;
}

/* bench-contacts.c — the Contacts page on a small (10,000 contacts) and a big (1,000,000
 * contacts) seeded database, against issue 4's goals:
 *
 *  first frame  the window opening on the Contacts page (the last-page setting says so, as
 *               when the user left it there), from opening the database to the first painted
 *               frame, which shows the first rows: the big database's median over the small
 *               one's, goal <= 1.2. Fresh processes, interleaved, as bench-first-frame does.
 *  search       a name typed letter by letter into the search field (names that exist, a typo
 *               corrected with a backspace, prefixes that match nothing; the field cleared
 *               between names): for each change, the time from the field's search-changed
 *               signal (the text change as the page sees it, after GtkSearchEntry's typing
 *               pause) to the end of the next painted frame, by when the model was updated and
 *               the list laid out and drawn with the new rows. Goal: 95th percentile < 20 ms
 *               on the big database. The slowest are listed with their parts: the model's
 *               update (the page's handler of the signal), then until the frame starts (what
 *               GTK does outside the frame: the window's size worked out again, and a wait for
 *               the frame clock's next tick while an animation runs), then the frame.
 *  memory       peak memory (VmHWM) of a process that opened the page and scrolled the list
 *               from the top to the end in even steps (every screenful of the small list;
 *               the same number of steps over the big one), waiting for a frame each time.
 *               Goal: the big database uses < 60 MB more than the small one.
 *
 * Each measurement runs in a child process (this program started again with --child-*). The
 * seeded databases take long to write (about a minute for the big one), so they are kept in a
 * cache folder (by default bench-contacts-cache beside this program, i.e. in the build tree),
 * named after everything they are made from: the seed's sizes, seed and date, the program's
 * version and the schema version. --fresh seeds them again.
 *
 * Exits with status 1 when a goal is missed. Needs a display: run under Xvfb.
 */
#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <gtk/gtk.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "crm-application.h"
#include "crm-contact-row.h"
#include "crm-contacts-view.h"
#include "crm-gui-test-util.h"
#include "crm-seed.h"
#include "crm-test-util.h"
#include "crm-window.h"

#define GOAL_FIRST_FRAME_RATIO 1.2
#define GOAL_SEARCH_P95_MS 20.0
#define GOAL_MEMORY_EXTRA_MB 60.0
#define CHILD_TIMEOUT_SECONDS 600
#define FRAME_TIMEOUT_SECONDS 60
/* A change slower than this stops its child; the next name is typed in a new one. */
#define KEYSTROKE_TIMEOUT_SECONDS 10
/* Fixed, so the cached databases stay valid from one day to the next. */
#define SEED_DATE "2025-01-01"

/* The text typed, one character (or '\b', a backspace) at a time; the field is cleared after
 * each. Names from the seed's lists, a typo fixed, and prefixes no contact has. */
static const char *const typed_texts[] = {
  "Zimmermann", "Anna Schmit\bdt", "Müller", "Xylo", "Nakamura", "Lindqvist", "Qwz",
};

/* ---- Child: common --------------------------------------------------------------------------- */

typedef struct
{
  CrmApplication *app;
  CrmStore *store;
  CrmWindow *window;
  CrmContactsView *view;
  GtkGridView *list_view;
  guint n_paints;
  gint64 last_paint;
  /* When the frame being painted started (its before-paint signal), and the last painted one. */
  gint64 frame_started;
  gint64 last_frame_started;
  gint64 opened;
  gint64 first_paint;
} Page;

static void
on_after_paint (GdkFrameClock *clock, gpointer user_data)
{
  Page *page = user_data;

  page->last_paint = g_get_monotonic_time ();
  page->last_frame_started = page->frame_started;
  page->frame_started = 0;
  if (page->n_paints++ == 0)
    page->first_paint = page->last_paint;
}

/* The page whose frames are timed: the frame clock's before-paint signal is seen by an emission
 * hook, which runs before GDK's own handlers (connected first). */
static Page *timed_page;

static gboolean
on_before_paint_emission (GSignalInvocationHint *hint,
                          guint n_values,
                          const GValue *values,
                          gpointer user_data)
{
  if (timed_page != NULL && timed_page->frame_started == 0)
    timed_page->frame_started = g_get_monotonic_time ();
  return TRUE;
}

static void
on_window_realize (GtkWidget *window, gpointer user_data)
{
  timed_page = user_data;
  g_signal_add_emission_hook (g_signal_lookup ("before-paint", GDK_TYPE_FRAME_CLOCK), 0,
                              on_before_paint_emission, NULL, NULL);
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint", G_CALLBACK (on_after_paint),
                    user_data);
}

static gboolean
on_child_timeout (gpointer user_data)
{
  g_printerr ("bench-contacts: a run took more than %d s\n", CHILD_TIMEOUT_SECONDS);
  exit (1);
}

/* Runs the main loop until a frame is painted after the one counted in @n_paints. */
static void
wait_for_paint (Page *page, guint n_paints)
{
  gint64 deadline = g_get_monotonic_time () + FRAME_TIMEOUT_SECONDS * G_USEC_PER_SEC;

  while (page->n_paints <= n_paints)
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("No frame painted within %d s", FRAME_TIMEOUT_SECONDS);
      g_main_context_iteration (NULL, TRUE);
    }
}

/* The contact list (a grid view of one column) over @model below @widget. */
static GtkGridView *
find_contact_list (GtkWidget *widget, CrmContactListModel *model)
{
  if (GTK_IS_GRID_VIEW (widget))
    {
      GtkSelectionModel *selection = gtk_grid_view_get_model (GTK_GRID_VIEW (widget));

      if (GTK_IS_SINGLE_SELECTION (selection)
          && gtk_single_selection_get_model (GTK_SINGLE_SELECTION (selection))
                 == G_LIST_MODEL (model))
        return GTK_GRID_VIEW (widget);
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkGridView *found = find_contact_list (child, model);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Opens @path in a window on the Contacts page and waits for its first frame. */
static void
open_page (Page *page, const char *path)
{
  g_autoptr (GSettings) settings = g_settings_new (APPLICATION_ID);
  g_autoptr (GError) error = NULL;

  memset (page, 0, sizeof *page);
  page->app = crm_application_new ();
  /* Independent of any Rapport already running on this display's session bus. */
  g_application_set_flags (G_APPLICATION (page->app),
                           g_application_get_flags (G_APPLICATION (page->app))
                               | G_APPLICATION_NON_UNIQUE);
  if (!g_application_register (G_APPLICATION (page->app), NULL, &error))
    g_error ("Cannot start the application: %s", error->message);
  g_timeout_add_seconds (CHILD_TIMEOUT_SECONDS, on_child_timeout, NULL);
  /* The window opens on the page it was left on. */
  g_settings_set_string (settings, "last-page", "contacts");

  page->opened = g_get_monotonic_time ();
  page->store = crm_store_open (path, &error);
  if (page->store == NULL)
    g_error ("Cannot open %s: %s", path, error->message);
  page->window = crm_window_new (page->app, page->store);
  g_signal_connect_after (page->window, "realize", G_CALLBACK (on_window_realize), page);
  gtk_window_present (GTK_WINDOW (page->window));
  wait_for_paint (page, 0);

  page->view = CRM_CONTACTS_VIEW (
      crm_test_find_descendant (GTK_WIDGET (page->window), CRM_TYPE_CONTACTS_VIEW));
  g_assert_nonnull (page->view);
  page->list_view
      = find_contact_list (GTK_WIDGET (page->view), crm_contacts_view_get_model (page->view));
  g_assert_nonnull (page->list_view);
}

static void
close_page (Page *page)
{
  gint64 deadline;

  gtk_window_destroy (GTK_WINDOW (page->window));
  /* What the window left pending, for a while: not until nothing is (the score keeper's pass
   * over every contact, started a few seconds after the window opened, goes on in idle
   * callbacks: at a million contacts, for minutes). */
  deadline = g_get_monotonic_time () + 500 * G_TIME_SPAN_MILLISECOND;
  while (g_main_context_pending (NULL) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);
  g_clear_object (&page->store);
  g_clear_object (&page->app);
}

/* The name the first row of the list shows (rows are laid out in order). */
static const char *
first_shown_name (Page *page)
{
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (page->list_view)); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      GtkWidget *contact_row;

      if (!gtk_widget_get_child_visible (row) || !gtk_widget_get_visible (row))
        continue;
      contact_row = crm_test_find_descendant (row, CRM_TYPE_CONTACT_ROW);
      if (contact_row != NULL)
        return crm_contact_row_get_name (CRM_CONTACT_ROW (contact_row));
    }
  return NULL;
}

/* Checks that the list shows the model: its rows, or none when it is empty; from the first
 * when it is at the top (after a change of the search, GTK keeps a row that is still listed
 * where it was, so the list need not be at the top). */
static void
assert_list_shows_model (Page *page, const char *what)
{
  GListModel *model = G_LIST_MODEL (crm_contacts_view_get_model (page->view));
  GtkAdjustment *adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (page->list_view));
  guint n_items = g_list_model_get_n_items (model);
  guint n_shown = 0;

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (page->list_view)); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    n_shown += gtk_widget_get_visible (row) && gtk_widget_get_child_visible (row);
  if (n_items <= 5 ? n_shown != n_items : n_shown < 5)
    g_error ("%s: the list shows %u rows of %u", what, n_shown, n_items);

  if (n_items > 0 && gtk_adjustment_get_value (adjustment) == 0)
    {
      g_autoptr (CrmContact) first = g_list_model_get_item (model, 0);
      const char *shown = first_shown_name (page);

      if (g_strcmp0 (shown, crm_contact_get_name (first)) != 0)
        g_error ("%s: the list shows \"%s\" first, not the model's first contact \"%s\"", what,
                 shown != NULL ? shown : "(nothing)", crm_contact_get_name (first));
    }
}

static gint64
read_vm_hwm_kib (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return -1;
  line = strstr (status, "VmHWM:");
  return line != NULL ? g_ascii_strtoll (line + strlen ("VmHWM:"), NULL, 10) : -1;
}

/* ---- Child: first frame ---------------------------------------------------------------------- */

static int
run_first_frame_child (const char *path)
{
  Page page;

  open_page (&page, path);
  g_print ("first-frame-us: %" G_GINT64_FORMAT "\n", page.first_paint - page.opened);

  /* What the frame showed: the Contacts page with its list read and its first rows. */
  g_assert_cmpstr (crm_window_get_visible_page (page.window), ==, "contacts");
  g_assert_true (crm_contacts_view_get_contacts_read (page.view));
  g_assert_nonnull (first_shown_name (&page));
  assert_list_shows_model (&page, "first frame");
  g_print ("contacts: %u\n",
           g_list_model_get_n_items (G_LIST_MODEL (crm_contacts_view_get_model (page.view))));

  close_page (&page);
  return 0;
}

/* ---- Child: search keystrokes ---------------------------------------------------------------- */

typedef struct
{
  Page *page;
  gboolean armed;
  gint64 changed_at;
  gint64 model_at;
  guint paints_at_model;
} Keystroke;

static gboolean
on_search_changed_emission (GSignalInvocationHint *hint,
                            guint n_values,
                            const GValue *values,
                            gpointer user_data)
{
  Keystroke *keystroke = user_data;

  /* Emission hooks run before the signal's handlers: before the page reads the new text. */
  if (keystroke->armed && keystroke->changed_at == 0)
    keystroke->changed_at = g_get_monotonic_time ();
  return TRUE;
}

static void
on_search_changed_after (GtkSearchEntry *entry, Keystroke *keystroke)
{
  if (keystroke->armed && keystroke->model_at == 0)
    {
      keystroke->model_at = g_get_monotonic_time ();
      keystroke->paints_at_model = keystroke->page->n_paints;
    }
}

/* What the child says when a change takes longer than KEYSTROKE_TIMEOUT_SECONDS: it is stuck
 * in the page's work, so only a signal can end it. */
static char timeout_message[512];

static void
on_keystroke_alarm (int signal_number)
{
  ssize_t written = write (STDOUT_FILENO, timeout_message, strlen (timeout_message));

  _exit (written > 0 ? 3 : 4);
}

/* Makes one change to the field (@edit: a character typed, a backspace, or NULL to clear it),
 * waits until the list is drawn after it and prints the times. */
static void
measure_keystroke (Page *page, GtkEditable *entry, Keystroke *keystroke, const char *edit)
{
  const char *text;
  const char *search;
  int length;

  keystroke->armed = TRUE;
  keystroke->changed_at = keystroke->model_at = 0;
  length = (int) g_utf8_strlen (gtk_editable_get_text (entry), -1);
  {
    g_autofree char *after = NULL;

    if (edit == NULL)
      after = g_strdup ("");
    else if (edit[0] == '\b')
      after = g_utf8_substring (gtk_editable_get_text (entry), 0, length - 1);
    else
      after = g_strconcat (gtk_editable_get_text (entry), edit, NULL);
    g_snprintf (timeout_message, sizeof timeout_message, "keystroke-timeout: \"%s\"\n", after);
  }
  alarm (KEYSTROKE_TIMEOUT_SECONDS);
  if (edit == NULL)
    gtk_editable_set_text (entry, "");
  else if (edit[0] == '\b')
    gtk_editable_delete_text (entry, length - 1, length);
  else
    gtk_editable_insert_text (entry, edit, -1, &length);

  /* GtkSearchEntry says search-changed after its pause; then the next frame. */
  while (keystroke->model_at == 0)
    g_main_context_iteration (NULL, TRUE);
  wait_for_paint (page, keystroke->paints_at_model);
  alarm (0);
  keystroke->armed = FALSE;

  /* The model searches for the text (all of them typed have a searchable term). */
  text = gtk_editable_get_text (entry);
  search = crm_contact_list_model_get_search (crm_contacts_view_get_model (page->view));
  g_assert_cmpstr (search != NULL ? search : "", ==, text);
  assert_list_shows_model (page, text);
  /* When it started, on the monotonic clock (to find it in a profile: perf record -k
   * CLOCK_MONOTONIC). */
  g_print ("keystroke-at: %" G_GINT64_FORMAT "\n", keystroke->changed_at);
  g_print ("keystroke: %.3f %.3f %.3f %u \"%s\"\n",
           (keystroke->model_at - keystroke->changed_at) / 1000.0,
           (page->last_frame_started - keystroke->changed_at) / 1000.0,
           (page->last_paint - keystroke->changed_at) / 1000.0,
           g_list_model_get_n_items (G_LIST_MODEL (crm_contacts_view_get_model (page->view))),
           text);
  /* A typist's pace leaves the main loop idle between keys. */
  crm_test_run_for (20);
}

/* Types the names from the @first one of the sequence (every name, @n_rounds times). */

/* The page's search field: the search entry on screen (the page holds others, in popovers). */
static GtkWidget *
find_mapped_search_entry (GtkWidget *widget)
{
  if (GTK_IS_SEARCH_ENTRY (widget) && gtk_widget_get_mapped (widget))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_mapped_search_entry (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static int
run_search_child (const char *path, int n_rounds, int first)
{
  Page page;
  Keystroke keystroke = { &page };
  GtkEditable *entry;
  guint signal_id;
  gulong hook_id;

  open_page (&page, path);
  entry = GTK_EDITABLE (find_mapped_search_entry (GTK_WIDGET (page.view)));
  g_assert_nonnull (entry);
  g_assert_nonnull (entry);
  crm_test_run_for (200);

  signal_id = g_signal_lookup ("search-changed", GTK_TYPE_SEARCH_ENTRY);
  hook_id = g_signal_add_emission_hook (signal_id, 0, on_search_changed_emission, &keystroke, NULL);
  g_signal_connect_after (entry, "search-changed", G_CALLBACK (on_search_changed_after),
                          &keystroke);
  gtk_widget_grab_focus (GTK_WIDGET (entry));

  signal (SIGALRM, on_keystroke_alarm);
  for (int i = MAX (first, 0); i < n_rounds * (int) G_N_ELEMENTS (typed_texts); i++)
    {
      const char *name = typed_texts[i % G_N_ELEMENTS (typed_texts)];

      g_print ("name: %d\n", i);
      for (const char *p = name; *p != '\0'; p = g_utf8_next_char (p))
        {
          char character[8] = { 0 };

          memcpy (character, p, g_utf8_next_char (p) - p);
          measure_keystroke (&page, entry, &keystroke, character);
        }
      measure_keystroke (&page, entry, &keystroke, NULL);
    }

  g_signal_remove_emission_hook (signal_id, hook_id);
  close_page (&page);
  return 0;
}

/* ---- Child: memory while scrolling ----------------------------------------------------------- */

static int
run_memory_child (const char *path, int n_steps)
{
  Page page;
  GtkAdjustment *adjustment;
  g_autoptr (GArray) frame_ms = g_array_new (FALSE, FALSE, sizeof (double));
  gint64 first_frame_hwm, started;
  double end;
  guint n_items;
  int steps = 0;

  open_page (&page, path);
  first_frame_hwm = read_vm_hwm_kib ();
  crm_test_run_for (200);
  adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (page.list_view));
  n_items = g_list_model_get_n_items (G_LIST_MODEL (crm_contacts_view_get_model (page.view)));

  /* Down by a screenful at least, in at most n_steps steps; the end moves while the list
   * learns its rows' heights, so it is read again each time. */
  started = g_get_monotonic_time ();
  while (gtk_adjustment_get_value (adjustment)
         < (end = gtk_adjustment_get_upper (adjustment) - gtk_adjustment_get_page_size (adjustment))
               - 0.5)
    {
      double step = MAX (gtk_adjustment_get_page_size (adjustment), end / MAX (n_steps, 1));
      guint n_paints = page.n_paints;
      gint64 before = g_get_monotonic_time ();
      double ms;

      gtk_adjustment_set_value (adjustment,
                                MIN (gtk_adjustment_get_value (adjustment) + step, end));
      wait_for_paint (&page, n_paints);
      ms = (page.last_paint - before) / 1000.0;
      g_array_append_val (frame_ms, ms);
      steps++;
    }
  crm_test_run_for (200);

  /* At the end: the last contact is on screen. */
  {
    g_autoptr (CrmContact) last = g_list_model_get_item (
        G_LIST_MODEL (crm_contacts_view_get_model (page.view)), n_items - 1);
    GtkWidget *row = gtk_widget_get_last_child (GTK_WIDGET (page.list_view));
    gboolean found = FALSE;

    g_assert_nonnull (last);
    for (; row != NULL && !found; row = gtk_widget_get_prev_sibling (row))
      {
        GtkWidget *contact_row = crm_test_find_descendant (row, CRM_TYPE_CONTACT_ROW);

        found = contact_row != NULL && gtk_widget_get_child_visible (row)
                && g_strcmp0 (crm_contact_row_get_name (CRM_CONTACT_ROW (contact_row)),
                              crm_contact_get_name (last))
                       == 0;
      }
    if (!found)
      g_error ("The list did not reach its last contact \"%s\"", crm_contact_get_name (last));
  }

  g_print ("vmhwm-first-frame-kib: %" G_GINT64_FORMAT "\n", first_frame_hwm);
  g_print ("vmhwm-kib: %" G_GINT64_FORMAT "\n", read_vm_hwm_kib ());
  g_print ("scroll-steps: %d\n", steps);
  g_print ("scroll-seconds: %.1f\n", (g_get_monotonic_time () - started) / (double) G_USEC_PER_SEC);
  for (guint i = 0; i < frame_ms->len; i++)
    g_print ("scroll-frame-ms: %.3f\n", g_array_index (frame_ms, double, i));
  g_print ("cached-pages: %u\n",
           crm_contact_list_model_get_n_cached_pages (crm_contacts_view_get_model (page.view)));

  close_page (&page);
  return 0;
}

/* ---- Parent: statistics ---------------------------------------------------------------------- */

static int
compare_doubles (gconstpointer a, gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

/* The @q quantile (0..1) of @values, by the nearest rank; sorts them. */
static double
quantile (GArray *values, double q)
{
  double exact = q * values->len;
  guint rank = (guint) exact;

  g_assert_cmpuint (values->len, >, 0);
  g_array_sort (values, compare_doubles);
  if (rank < exact || rank == 0)
    rank++;
  return g_array_index (values, double, MIN (rank, values->len) - 1);
}

static double
median (GArray *values)
{
  g_assert_cmpuint (values->len, >, 0);
  g_array_sort (values, compare_doubles);
  if (values->len % 2 == 1)
    return g_array_index (values, double, values->len / 2);
  return (g_array_index (values, double, values->len / 2 - 1)
          + g_array_index (values, double, values->len / 2))
         / 2;
}

static char *
format_runs (GArray *values, int decimals)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < values->len; i++)
    {
      if (i > 0)
        g_string_append_c (text, ' ');
      g_string_append_printf (text, "%.*f", decimals, g_array_index (values, double, i));
    }
  return g_string_free (text, FALSE);
}

/* ---- Parent: the databases ------------------------------------------------------------------- */

typedef struct
{
  const char *label;
  guint n_contacts;
  guint n_deals;
  guint n_activities;
  char *path;
} Database;

static gboolean
database_is_complete (const char *path, guint n_contacts)
{
  g_autoptr (CrmStore) store = NULL;

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    return FALSE;
  store = crm_store_open (path, NULL);
  return store != NULL && crm_store_count_contacts (store, NULL) == n_contacts;
}

/* The seeded database in @cache_dir, written first when missing (into a temporary name, so a
 * run stopped half-way leaves nothing that looks done). */
static void
prepare_database (Database *database, const char *cache_dir, gboolean fresh)
{
  g_autofree char *name = NULL;
  g_autofree char *partial = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GDateTime) date = NULL;
  CrmSeedOptions options;
  gint64 started;

  name = g_strdup_printf ("contacts-%u-deals-%u-activities-%u-seed-1-%s-v%s-schema%d.db",
                          database->n_contacts, database->n_deals, database->n_activities,
                          SEED_DATE, PACKAGE_VERSION, CRM_STORE_SCHEMA_VERSION);
  database->path = g_build_filename (cache_dir, name, NULL);
  if (!fresh && database_is_complete (database->path, database->n_contacts))
    {
      g_print ("contacts: %s database: %s (cached)\n", database->label, database->path);
      return;
    }

  partial = g_strconcat (database->path, ".partial", NULL);
  crm_test_remove_database (partial);
  crm_test_remove_database (database->path);
  crm_seed_options_init (&options);
  options.n_contacts = database->n_contacts;
  options.n_deals = database->n_deals;
  options.n_activities = database->n_activities;
  options.seed = 1;
  date = g_date_time_new_utc (2025, 1, 1, 0, 0, 0);
  options.now = g_date_time_to_unix (date);

  started = g_get_monotonic_time ();
  {
    g_autoptr (CrmStore) store = crm_store_open (partial, &error);

    if (store == NULL)
      g_error ("Cannot create %s: %s", partial, error->message);
    if (!crm_seed_database (store, &options, NULL, NULL, &error))
      g_error ("Cannot seed %s: %s", partial, error->message);
  }
  if (g_rename (partial, database->path) != 0)
    g_error ("Cannot rename %s: %s", partial, g_strerror (errno));
  /* The file just written goes to disk now, not during the measured runs. */
  sync ();
  g_print ("contacts: %s database: seeded %u contacts, %u deals, %u activities in %.1f s: %s\n",
           database->label, database->n_contacts, database->n_deals, database->n_activities,
           (g_get_monotonic_time () - started) / (double) G_USEC_PER_SEC, database->path);
}

/* ---- Parent: running children ---------------------------------------------------------------- */

/* Runs this program with @mode, @path and the options in @options (NULL-terminated); returns
 * what it printed, and its exit status in @status (NULL: it must succeed). */
static char *
run_child_full (const char *self_path,
                const char *mode,
                const char *path,
                const char *const *options,
                int *status)
{
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();
  g_autoptr (GSubprocess) child = NULL;
  g_autoptr (GError) error = NULL;
  char *output = NULL;

  g_ptr_array_add (argv, (char *) self_path);
  g_ptr_array_add (argv, (char *) mode);
  g_ptr_array_add (argv, (char *) path);
  for (guint i = 0; options != NULL && options[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) options[i]);
  g_ptr_array_add (argv, NULL);
  child = g_subprocess_newv ((const char *const *) argv->pdata, G_SUBPROCESS_FLAGS_STDOUT_PIPE,
                             &error);
  if (child == NULL)
    g_error ("Cannot start a run: %s", error->message);
  if (!g_subprocess_communicate_utf8 (child, NULL, NULL, &output, NULL, &error))
    g_error ("A run failed: %s", error->message);
  if (status != NULL)
    *status = g_subprocess_get_if_exited (child) ? g_subprocess_get_exit_status (child) : -1;
  else if (!g_subprocess_get_successful (child))
    g_error ("A run (%s %s) failed", mode, path);
  return output;
}

static char *
run_child (const char *self_path, const char *mode, const char *path, const char *option)
{
  const char *const options[] = { option, NULL };

  return run_child_full (self_path, mode, path, options, NULL);
}

/* The number after "@key: " in @output. */
static double
output_value (const char *output, const char *key)
{
  g_autofree char *prefix = g_strconcat (key, ": ", NULL);
  const char *line = strstr (output, prefix);

  if (line == NULL)
    g_error ("A run printed no %s: %s", key, output);
  return g_ascii_strtod (line + strlen (prefix), NULL);
}

/* ---- Parent: the three measurements ---------------------------------------------------------- */

static gboolean
measure_first_frame (const char *self_path, Database *small, Database *big, int n_runs)
{
  g_autoptr (GArray) small_runs = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray) big_runs = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *small_text = NULL;
  g_autofree char *big_text = NULL;
  double small_median, big_median, ratio;
  gboolean met;

  /* One unmeasured start of each warms what later starts share (fonts, icon theme, the files
   * in the OS cache). Then they take turns, so a slow spell of the machine hits both alike. */
  g_free (run_child (self_path, "--child-first-frame", small->path, NULL));
  g_free (run_child (self_path, "--child-first-frame", big->path, NULL));
  for (int i = 0; i < n_runs; i++)
    {
      Database *order[2] = { i % 2 == 0 ? small : big, i % 2 == 0 ? big : small };

      for (guint j = 0; j < 2; j++)
        {
          g_autofree char *output
              = run_child (self_path, "--child-first-frame", order[j]->path, NULL);
          double ms = output_value (output, "first-frame-us") / 1000.0;

          if ((guint) output_value (output, "contacts") != order[j]->n_contacts)
            g_error ("The first frame's list did not hold every contact: %s", output);
          g_array_append_val (order[j] == small ? small_runs : big_runs, ms);
        }
    }

  small_text = format_runs (small_runs, 0);
  big_text = format_runs (big_runs, 0);
  small_median = median (small_runs);
  big_median = median (big_runs);
  ratio = big_median / small_median;
  met = ratio <= GOAL_FIRST_FRAME_RATIO;
  g_print ("first-frame: %s: median %.1f ms (runs: %s ms)\n", small->label, small_median,
           small_text);
  g_print ("first-frame: %s: median %.1f ms (runs: %s ms)\n", big->label, big_median, big_text);
  g_print ("first-frame: ratio %.2f (goal <= %.1f: %s)\n", ratio, GOAL_FIRST_FRAME_RATIO,
           met ? "met" : "MISSED");
  return met;
}

typedef struct
{
  double model_ms;
  double frame_started_ms;
  double total_ms;
  guint n_items;
  char *text;
  gboolean timed_out;
} KeystrokeTiming;

static void
keystroke_timing_clear (gpointer data)
{
  g_free (((KeystrokeTiming *) data)->text);
}

static int
compare_keystrokes_slowest_first (gconstpointer a, gconstpointer b)
{
  const KeystrokeTiming *x = a, *y = b;

  return (x->total_ms < y->total_ms) - (x->total_ms > y->total_ms);
}

/* Reads the "keystroke:" lines of @output into @keystrokes. */
static void
read_keystrokes (const char *output, GArray *keystrokes)
{
  g_auto (GStrv) lines = g_strsplit (output, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      KeystrokeTiming timing = { 0 };
      char *rest;
      const char *quote;

      if (!g_str_has_prefix (lines[i], "keystroke: "))
        continue;
      rest = lines[i] + strlen ("keystroke: ");
      timing.model_ms = g_ascii_strtod (rest, &rest);
      timing.frame_started_ms = g_ascii_strtod (rest, &rest);
      timing.total_ms = g_ascii_strtod (rest, &rest);
      timing.n_items = (guint) g_ascii_strtoull (rest, &rest, 10);
      quote = strchr (rest, '"');
      timing.text = quote != NULL ? g_strndup (quote + 1, strlen (quote + 1) - 1) : g_strdup ("");
      g_array_append_val (keystrokes, timing);
    }
}

/* The number of the last name a search child started ("name: N"), or -1. */
static int
last_name_started (const char *output)
{
  const char *line = g_strrstr (output, "name: ");

  return line != NULL ? (int) g_ascii_strtoll (line + strlen ("name: "), NULL, 10) : -1;
}

/* Runs the typing on @database; prints its figures and returns the 95th percentile. A change
 * that takes longer than KEYSTROKE_TIMEOUT_SECONDS ends its child and counts as that long
 * (the real time is longer); the typing goes on with the next name in a new child. */
static double
measure_search_on (const char *self_path, Database *database, int n_rounds, guint n_slowest)
{
  g_autofree char *rounds = g_strdup_printf ("--rounds=%d", n_rounds);
  g_autoptr (GArray) keystrokes = g_array_new (FALSE, FALSE, sizeof (KeystrokeTiming));
  g_autoptr (GArray) totals = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray) models = g_array_new (FALSE, FALSE, sizeof (double));
  guint n_timeouts = 0;
  int first = 0;
  double p95;

  g_array_set_clear_func (keystrokes, keystroke_timing_clear);
  while (first < n_rounds * (int) G_N_ELEMENTS (typed_texts))
    {
      g_autofree char *start = g_strdup_printf ("--first=%d", first);
      const char *const options[] = { rounds, start, NULL };
      g_autofree char *output = NULL;
      const char *timeout;
      int status;

      output = run_child_full (self_path, "--child-search", database->path, options, &status);
      read_keystrokes (output, keystrokes);
      if (status == 0)
        break;
      timeout = strstr (output, "keystroke-timeout: \"");
      if (status != 3 || timeout == NULL || last_name_started (output) < first)
        g_error ("A search run on %s failed: %s", database->path, output);
      {
        KeystrokeTiming timing = { 0 };
        const char *text = timeout + strlen ("keystroke-timeout: \"");

        timing.model_ms = timing.frame_started_ms = timing.total_ms
            = KEYSTROKE_TIMEOUT_SECONDS * 1000.0;
        timing.timed_out = TRUE;
        timing.text = g_strndup (text, strcspn (text, "\n") - 1);
        g_print ("search: %s: the change to \"%s\" took over %d s: its child was stopped\n",
                 database->label, timing.text, KEYSTROKE_TIMEOUT_SECONDS);
        g_array_append_val (keystrokes, timing);
        n_timeouts++;
      }
      first = last_name_started (output) + 1;
    }
  if (keystrokes->len == 0)
    g_error ("The search runs on %s printed no keystroke", database->path);
  for (guint i = 0; i < keystrokes->len; i++)
    {
      KeystrokeTiming *timing = &g_array_index (keystrokes, KeystrokeTiming, i);

      g_array_append_val (totals, timing->total_ms);
      g_array_append_val (models, timing->model_ms);
    }

  p95 = quantile (totals, 0.95);
  g_print (
      "search: %s: %u changes%s: to the list drawn: median %.1f ms, p95 %.1f ms, worst %.1f ms; "
      "of which the model's update: median %.1f ms, p95 %.1f ms\n",
      database->label, keystrokes->len,
      n_timeouts > 0 ? " (some stopped, the rest of their names not typed)" : "", median (totals),
      p95, g_array_index (totals, double, totals->len - 1), median (models),
      quantile (models, 0.95));
  /* The slowest of those measured to the end (the stopped ones were listed as they came). */
  g_array_sort (keystrokes, compare_keystrokes_slowest_first);
  for (guint i = 0, n_shown = 0; i < keystrokes->len && n_shown < n_slowest; i++)
    {
      KeystrokeTiming *timing = &g_array_index (keystrokes, KeystrokeTiming, i);

      if (timing->timed_out)
        continue;
      n_shown++;
      g_print ("search: %s: slow: %7.1f ms (model %5.1f, then %5.1f before the frame, frame %5.1f) "
               "\"%s\" (%u contacts)\n",
               database->label, timing->total_ms, timing->model_ms,
               timing->frame_started_ms - timing->model_ms,
               timing->total_ms - timing->frame_started_ms, timing->text, timing->n_items);
    }
  return p95;
}

static gboolean
measure_search (const char *self_path, Database *small, Database *big, int n_rounds)
{
  double big_p95;
  gboolean met;

  measure_search_on (self_path, small, n_rounds, 3);
  big_p95 = measure_search_on (self_path, big, n_rounds, 10);
  met = big_p95 < GOAL_SEARCH_P95_MS;
  g_print ("search: %s: p95 %.1f ms (goal < %.0f ms: %s)\n", big->label, big_p95,
           GOAL_SEARCH_P95_MS, met ? "met" : "MISSED");
  return met;
}

static void
print_memory_run (Database *database, const char *output)
{
  g_auto (GStrv) lines = g_strsplit (output, "\n", -1);
  g_autoptr (GArray) frames = g_array_new (FALSE, FALSE, sizeof (double));

  for (guint i = 0; lines[i] != NULL; i++)
    if (g_str_has_prefix (lines[i], "scroll-frame-ms: "))
      {
        double ms = g_ascii_strtod (lines[i] + strlen ("scroll-frame-ms: "), NULL);

        g_array_append_val (frames, ms);
      }
  g_print ("memory: %s: VmHWM %.1f MB (%.1f MB at the first frame); scrolled in %.0f steps, "
           "%.1f s; frame after a step: median %.1f ms, p95 %.1f ms; %.0f pages cached\n",
           database->label, output_value (output, "vmhwm-kib") / 1024.0,
           output_value (output, "vmhwm-first-frame-kib") / 1024.0,
           output_value (output, "scroll-steps"), output_value (output, "scroll-seconds"),
           frames->len > 0 ? median (frames) : 0.0, frames->len > 0 ? quantile (frames, 0.95) : 0.0,
           output_value (output, "cached-pages"));
}

static gboolean
measure_memory (const char *self_path, Database *small, Database *big, int n_runs, int n_steps)
{
  g_autoptr (GArray) small_runs = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray) big_runs = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *steps = g_strdup_printf ("--steps=%d", n_steps);
  g_autofree char *small_text = NULL;
  g_autofree char *big_text = NULL;
  double small_median, big_median, extra;
  gboolean met;

  for (int i = 0; i < n_runs; i++)
    {
      Database *order[2] = { i % 2 == 0 ? small : big, i % 2 == 0 ? big : small };

      for (guint j = 0; j < 2; j++)
        {
          g_autofree char *output = run_child (self_path, "--child-memory", order[j]->path, steps);
          double mb = output_value (output, "vmhwm-kib") / 1024.0;

          print_memory_run (order[j], output);
          g_array_append_val (order[j] == small ? small_runs : big_runs, mb);
        }
    }

  small_text = format_runs (small_runs, 1);
  big_text = format_runs (big_runs, 1);
  small_median = median (small_runs);
  big_median = median (big_runs);
  extra = big_median - small_median;
  met = extra < GOAL_MEMORY_EXTRA_MB;
  g_print ("memory: %s: median VmHWM %.1f MB (runs: %s MB)\n", small->label, small_median,
           small_text);
  g_print ("memory: %s: median VmHWM %.1f MB (runs: %s MB)\n", big->label, big_median, big_text);
  g_print ("memory: %s uses %.1f MB more (goal < %.0f MB: %s)\n", big->label, extra,
           GOAL_MEMORY_EXTRA_MB, met ? "met" : "MISSED");
  return met;
}

/* ---- main ------------------------------------------------------------------------------------ */

int
main (int argc, char **argv)
{
  g_autoptr (GOptionContext) context = g_option_context_new (NULL);
  g_autoptr (GError) error = NULL;
  g_autofree char *first_frame_child = NULL;
  g_autofree char *search_child = NULL;
  g_autofree char *memory_child = NULL;
  g_autofree char *cache_dir = NULL;
  g_autofree char *only = NULL;
  g_autofree char *self_path = NULL;
  g_autofree char *small_label = NULL;
  g_autofree char *big_label = NULL;
  gboolean fresh = FALSE;
  int n_runs = 11, n_rounds = 3, n_memory_runs = 3, n_steps = 1000, first_name = 0;
  int n_small = 10000, n_big = 1000000;
  Database small = { 0 }, big = { 0 };
  gboolean all_met = TRUE;
  const GOptionEntry entries[] = {
    { "child-first-frame", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_FILENAME, &first_frame_child, NULL,
      NULL },
    { "child-search", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_FILENAME, &search_child, NULL, NULL },
    { "child-memory", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_FILENAME, &memory_child, NULL, NULL },
    { "first", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_INT, &first_name, NULL, NULL },
    { "runs", 0, 0, G_OPTION_ARG_INT, &n_runs, "First-frame runs per database (default: 11)", "N" },
    { "rounds", 0, 0, G_OPTION_ARG_INT, &n_rounds, "Times the search texts are typed (default: 3)",
      "N" },
    { "memory-runs", 0, 0, G_OPTION_ARG_INT, &n_memory_runs,
      "Memory runs per database (default: 3)", "N" },
    { "steps", 0, 0, G_OPTION_ARG_INT, &n_steps,
      "Scroll steps from top to end, at most (default: 1000)", "N" },
    { "small", 0, 0, G_OPTION_ARG_INT, &n_small, "Contacts in the small database (10000)", "N" },
    { "big", 0, 0, G_OPTION_ARG_INT, &n_big, "Contacts in the big database (1000000)", "N" },
    { "only", 0, 0, G_OPTION_ARG_STRING, &only,
      "Only these measurements: first-frame, search, memory (comma-separated)", "LIST" },
    { "cache-dir", 0, 0, G_OPTION_ARG_FILENAME, &cache_dir,
      "Where seeded databases are kept (default: bench-contacts-cache beside the program)", "DIR" },
    { "fresh", 0, 0, G_OPTION_ARG_NONE, &fresh, "Seed the databases again", NULL },
    G_OPTION_ENTRY_NULL,
  };

  /* The window opens on the page named in the last-page setting, which the children set: never
   * in the user's own settings. */
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("bench-contacts: %s\n", error->message);
      return 2;
    }
  /* Children: every line reaches the parent, even from a child stopped half-way. */
  setvbuf (stdout, NULL, _IOLBF, 0);
  if (first_frame_child != NULL)
    return run_first_frame_child (first_frame_child);
  if (search_child != NULL)
    return run_search_child (search_child, MAX (n_rounds, 1), first_name);
  if (memory_child != NULL)
    return run_memory_child (memory_child, n_steps);
  if (n_small <= 0 || n_big <= 0)
    {
      g_printerr ("bench-contacts: the databases need contacts\n");
      return 2;
    }

  self_path = g_file_read_link ("/proc/self/exe", &error);
  g_assert_no_error (error);
  if (cache_dir == NULL)
    {
      g_autofree char *dir = g_path_get_dirname (self_path);

      cache_dir = g_build_filename (dir, "bench-contacts-cache", NULL);
    }
  if (g_mkdir_with_parents (cache_dir, 0700) != 0)
    g_error ("Cannot create %s: %s", cache_dir, g_strerror (errno));

  /* Deals and activities do not show on the Contacts page; the big database has fewer of
   * them per contact, because seeding deals slows down as a stage fills. */
  small_label = g_strdup_printf ("%u contacts", (guint) n_small);
  big_label = g_strdup_printf ("%u contacts", (guint) n_big);
  small = (Database){ small_label, (guint) n_small, (guint) n_small / 10, (guint) n_small * 2 };
  big = (Database){ big_label, (guint) n_big, (guint) MIN (n_big / 10, 10000),
                    (guint) MIN (n_big * 2, 200000) };
  prepare_database (&small, cache_dir, fresh);
  prepare_database (&big, cache_dir, fresh);

  if (only == NULL || strstr (only, "first-frame") != NULL)
    all_met &= measure_first_frame (self_path, &small, &big, MAX (n_runs, 1));
  if (only == NULL || strstr (only, "search") != NULL)
    all_met &= measure_search (self_path, &small, &big, MAX (n_rounds, 1));
  if (only == NULL || strstr (only, "memory") != NULL)
    all_met &= measure_memory (self_path, &small, &big, MAX (n_memory_runs, 1), n_steps);

  g_print ("contacts: %s\n", all_met ? "every goal met" : "a goal was MISSED");
  g_free (small.path);
  g_free (big.path);
  return all_met ? 0 : 1;
}

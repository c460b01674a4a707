/* crm-about-window.c — Rapport's About window (AdwAboutWindow): name, icon, version, credits,
 * links, licence, copyright and the release notes of this version.
 */
#include "config.h"

#include "crm-about-window.h"

#include <glib/gi18n.h>

/* The release notes of this version, as AppStream markup (<p>, <ul>, <li>): the same text as
 * the release's description in data/…metainfo.xml.in. */
static char *
build_release_notes (void)
{
  g_autofree char *intro = g_markup_escape_text (_ ("The first release of Rapport."), -1);
  const char *items[] = {
    N_ ("A sales pipeline as a kanban board: drag deals between stages, or move them with the "
        "keyboard, with undo"),
    N_ ("Contacts and companies with instant search, filters, smart lists, bulk edits and "
        "duplicate merging"),
    N_ ("Lead scores that explain themselves, activities, a timeline and task reminders"),
    N_ ("A dashboard of the key sales figures with charts, exportable as PNG, SVG or PDF"),
    N_ ("All data in one local SQLite file, with the rapport-cli command-line tool"),
  };
  GString *notes = g_string_new (NULL);

  g_string_append_printf (notes, "<p>%s</p><ul>", intro);
  for (guint i = 0; i < G_N_ELEMENTS (items); i++)
    {
      g_autofree char *item = g_markup_escape_text (_ (items[i]), -1);

      g_string_append_printf (notes, "<li>%s</li>", item);
    }
  g_string_append (notes, "</ul>");
  return g_string_free (notes, FALSE);
}

void
crm_about_window_present (GtkWindow *parent)
{
  g_autofree char *release_notes = build_release_notes ();
  AdwAboutWindow *about;
  /* AdwAboutWindow links an entry that ends with a URL. */
  const char *developers[] = {
    "The Rapport contributors https://github.com/rapportcrm/rapport/graphs/contributors",
    NULL,
  };
  const char *designers[] = {
    "The Rapport contributors https://github.com/rapportcrm/rapport/graphs/contributors",
    NULL,
  };
  const char *built_with[] = {
    "GTK https://gtk.org",
    "libadwaita https://gnome.pages.gitlab.gnome.org/libadwaita/",
    "SQLite https://sqlite.org",
    "Cairo https://cairographics.org",
    NULL,
  };

  about = ADW_ABOUT_WINDOW (adw_about_window_new ());
  gtk_window_set_transient_for (GTK_WINDOW (about), parent);
  gtk_window_set_modal (GTK_WINDOW (about), TRUE);
  adw_about_window_set_application_name (about, _ ("Rapport"));
  adw_about_window_set_application_icon (about, APPLICATION_ID);
  adw_about_window_set_version (about, PACKAGE_VERSION);
  adw_about_window_set_release_notes_version (about, PACKAGE_VERSION);
  adw_about_window_set_release_notes (about, release_notes);
  adw_about_window_set_comments (
      about, _ ("Keep your contacts, deals and sales figures in one place, offline."));
  adw_about_window_set_developer_name (about, _ ("The Rapport developers"));
  adw_about_window_set_website (about, "https://github.com/rapportcrm/rapport");
  adw_about_window_set_issue_url (about, "https://github.com/rapportcrm/rapport/issues");
  adw_about_window_set_copyright (about, _ ("© 2026 The Rapport developers"));
  adw_about_window_set_license_type (about, GTK_LICENSE_GPL_3_0);
  adw_about_window_set_developers (about, developers);
  adw_about_window_set_designers (about, designers);
  /* Translators: your names, one per line, to credit you in About (e.g. "Jeanne Martin
   * <jeanne@example.org>"). */
  adw_about_window_set_translator_credits (about, _ ("translator-credits"));
  adw_about_window_add_acknowledgement_section (about, _ ("Built With"), built_with);
  gtk_window_present (GTK_WINDOW (about));
}

/* crm-database-error-dialog.c — the "Cannot Open Database" dialog and moving a damaged file
 * aside. The dialog only asks; CrmApplication carries out the answer.
 */
#include "config.h"

#include "crm-database-error-dialog.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "crm-store.h"

/* Files SQLite keeps next to a database: they belong to it and must move with it. */
static const char *const companion_suffixes[] = { "-wal", "-shm", "-journal" };

static gboolean
error_allows_move_aside (const GError *error)
{
  return g_error_matches (error, CRM_STORE_ERROR, CRM_STORE_ERROR_CORRUPT)
         || g_error_matches (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_RAPPORT);
}

/* What the user can do about @error, in one or two sentences. */
static const char *
get_advice (const GError *error)
{
  if (g_error_matches (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NEWER_VERSION))
    return _ ("The file was made by a newer version of Rapport and was not changed. Open it with "
              "that version, or open another database.");

  if (error_allows_move_aside (error))
    return _ ("You can open another database, or move this file aside and start with a new, empty "
              "database. Moving it aside only renames it: nothing is deleted.");

  if (g_error_matches (error, CRM_STORE_ERROR, CRM_STORE_ERROR_READ_ONLY))
    return _ ("Check that you may write to the file and to its folder, or open another database.");

  if (g_error_matches (error, CRM_STORE_ERROR, CRM_STORE_ERROR_BUSY))
    return _ ("Another program is using the database. Close it and start Rapport again, or open "
              "another database.");

  return _ ("You can open another database instead.");
}

GtkWidget *
crm_database_error_dialog_new (GtkWindow *parent, const char *path, const GError *error)
{
  AdwMessageDialog *dialog;
  g_autofree char *display_path = NULL;
  g_autofree char *intro = NULL;
  g_autofree char *body = NULL;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error != NULL, NULL);

  display_path = g_filename_display_name (path);
  /* Translators: %s is the path of a database file. */
  intro = g_strdup_printf (_ ("Rapport could not open the database “%s”."), display_path);
  body = g_strdup_printf ("%s\n\n%s\n\n%s", intro, error->message, get_advice (error));

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (parent, _ ("Cannot Open Database"), NULL));
  /* The body holds a file name and an error text: plain text, never markup. */
  adw_message_dialog_set_body_use_markup (dialog, FALSE);
  adw_message_dialog_set_body (dialog, body);

  adw_message_dialog_add_response (dialog, CRM_DATABASE_ERROR_RESPONSE_QUIT,
                                   parent != NULL ? _ ("_Close") : _ ("_Quit"));
  if (error_allows_move_aside (error))
    adw_message_dialog_add_response (dialog, CRM_DATABASE_ERROR_RESPONSE_MOVE_ASIDE,
                                     _ ("_Move Aside and Start New…"));
  adw_message_dialog_add_response (dialog, CRM_DATABASE_ERROR_RESPONSE_OPEN_OTHER,
                                   _ ("_Open Other Database…"));
  adw_message_dialog_set_response_appearance (dialog, CRM_DATABASE_ERROR_RESPONSE_OPEN_OTHER,
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, CRM_DATABASE_ERROR_RESPONSE_OPEN_OTHER);
  adw_message_dialog_set_close_response (dialog, CRM_DATABASE_ERROR_RESPONSE_QUIT);

  /* Alone on the screen (no window to sit on), give the text and the choices some room. */
  if (parent == NULL)
    gtk_window_set_default_size (GTK_WINDOW (dialog), 480, -1);

  return GTK_WIDGET (dialog);
}

GtkWidget *
crm_database_move_aside_dialog_new (GtkWindow *parent, const char *path, const char *aside_path)
{
  AdwMessageDialog *dialog;
  g_autofree char *display_path = NULL;
  g_autofree char *aside_name = NULL;
  g_autofree char *body = NULL;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (aside_path != NULL, NULL);

  display_path = g_filename_display_name (path);
  aside_name = g_filename_display_basename (aside_path);
  body = g_strdup_printf (_ ("“%s” will be renamed to “%s” in the same folder, and a new, empty "
                             "database will be created in its place. Nothing is deleted."),
                          display_path, aside_name);

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (parent, _ ("Move Database Aside?"), NULL));
  adw_message_dialog_set_body_use_markup (dialog, FALSE);
  adw_message_dialog_set_body (dialog, body);
  adw_message_dialog_add_responses (dialog, "cancel", _ ("_Cancel"), "move",
                                    _ ("_Move Aside and Start New"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "move", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "move");
  adw_message_dialog_set_close_response (dialog, "cancel");

  return GTK_WIDGET (dialog);
}

char *
crm_database_build_aside_path (const char *path, GDateTime *when)
{
  g_autofree char *stamp = NULL;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (when != NULL, NULL);

  stamp = g_date_time_format (when, "%Y%m%d-%H%M%S");

  return g_strdup_printf ("%s.damaged-%s", path, stamp);
}

static gboolean
rename_no_clobber (const char *from, const char *to, GError **error)
{
  int saved_errno;

  if (g_file_test (to, G_FILE_TEST_EXISTS))
    {
      g_autofree char *display_to = g_filename_display_name (to);

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS, _ ("“%s” already exists"), display_to);
      return FALSE;
    }

  if (g_rename (from, to) == 0)
    return TRUE;

  saved_errno = errno;
  {
    g_autofree char *display_from = g_filename_display_name (from);

    g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                 _ ("Could not rename “%s”: %s"), display_from, g_strerror (saved_errno));
  }
  return FALSE;
}

gboolean
crm_database_move_aside (const char *path, const char *aside_path, GError **error)
{
  gboolean moved[G_N_ELEMENTS (companion_suffixes)] = { FALSE };

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (aside_path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!rename_no_clobber (path, aside_path, error))
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (companion_suffixes); i++)
    {
      g_autofree char *from = g_strconcat (path, companion_suffixes[i], NULL);
      g_autofree char *to = g_strconcat (aside_path, companion_suffixes[i], NULL);

      if (!g_file_test (from, G_FILE_TEST_EXISTS))
        continue;

      if (!rename_no_clobber (from, to, error))
        {
          /* Put back what moved, so the damaged file and its journal stay together. */
          for (guint j = 0; j < i; j++)
            {
              g_autofree char *back_from = g_strconcat (aside_path, companion_suffixes[j], NULL);
              g_autofree char *back_to = g_strconcat (path, companion_suffixes[j], NULL);

              if (moved[j])
                g_rename (back_from, back_to);
            }
          g_rename (aside_path, path);
          return FALSE;
        }
      moved[i] = TRUE;
    }

  return TRUE;
}

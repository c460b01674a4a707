/* fuzz-common.h — what the fuzz targets share: CHECK for their invariants, and GLib messages
 * (criticals, warnings) turned into an abort() that libFuzzer reports as a crash with the input
 * (GLib's own fatal path raises SIGTRAP, which libFuzzer does not catch). */
#pragma once

#include <glib.h>
#include <stdio.h>
#include <stdlib.h>

/* An invariant the code under test must keep: a finding when it does not. */
#define CHECK(condition)                                                                           \
  do                                                                                               \
    {                                                                                              \
      if (!(condition))                                                                            \
        {                                                                                          \
          fprintf (stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #condition);           \
          abort ();                                                                                \
        }                                                                                          \
    }                                                                                              \
  while (0)

static void
fuzz_abort_on_message (const char *domain, GLogLevelFlags level, const char *message, gpointer data)
{
  if ((level & (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING)) == 0)
    return;
  fprintf (stderr, "%s: %s\n", domain != NULL ? domain : "", message);
  abort ();
}

static GLogWriterOutput
fuzz_abort_on_structured (GLogLevelFlags level,
                          const GLogField *fields,
                          gsize n_fields,
                          gpointer data)
{
  for (gsize i = 0; i < n_fields; i++)
    if (g_strcmp0 (fields[i].key, "MESSAGE") == 0 && fields[i].length < 0)
      fuzz_abort_on_message (NULL, level, fields[i].value, NULL);
  fuzz_abort_on_message (NULL, level, "(message)", NULL);
  return G_LOG_WRITER_HANDLED;
}

static inline void
fuzz_init_logging (void)
{
  static gboolean done;

  if (done)
    return;
  done = TRUE;
  g_log_set_default_handler (fuzz_abort_on_message, NULL);
  g_log_set_writer_func (fuzz_abort_on_structured, NULL, NULL);
}

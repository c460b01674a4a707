/* fuzz-main.c — runs a fuzz target's LLVMFuzzerTestOneInput on files and folders of files, so
 * ordinary (non-libFuzzer) builds replay the seed corpus as a unit test, under the sanitizers in
 * the sanitize build. */
#include <glib.h>
#include <stdint.h>
#include <stdlib.h>

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static void
run_file (const char *path)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;

  if (!g_file_get_contents (path, &contents, &length, &error))
    g_error ("%s", error->message);
  LLVMFuzzerTestOneInput ((const uint8_t *) contents, length);
}

int
main (int argc, char **argv)
{
  guint runs = 0;

  for (int i = 1; i < argc; i++)
    {
      g_autoptr (GDir) dir = NULL;
      const char *name;

      if (!g_file_test (argv[i], G_FILE_TEST_IS_DIR))
        {
          run_file (argv[i]);
          runs++;
          continue;
        }
      dir = g_dir_open (argv[i], 0, NULL);
      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *path = g_build_filename (argv[i], name, NULL);
          run_file (path);
          runs++;
        }
    }
  g_print ("1..1\nok 1 - %u inputs\n", runs);
  return runs > 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}

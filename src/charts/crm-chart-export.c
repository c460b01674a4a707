/* crm-chart-export.c — a chart into a PNG, SVG or PDF file, the format named by the extension.
 * Cairo writes through a GOutputStream from g_file_replace(), so a failed export leaves the file
 * that was there (or no file) rather than half a picture, and a write error arrives with GIO's
 * own reason ("Permission denied", "No space left on device").
 */
#include "config.h"

#include "crm-chart-private.h"

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

/* clang-format off */
G_DEFINE_QUARK (crm-chart-error-quark, crm_chart_error)
/* clang-format on */

#define MAX_SIDE 20000.0 /* a PNG this wide is already 1.6 GB in memory at 20000 high */

typedef enum
{
  FORMAT_NONE,
  FORMAT_PNG,
  FORMAT_SVG,
  FORMAT_PDF,
} Format;

typedef struct
{
  GOutputStream *stream;
  GError *error;
} Writer;

static Format
format_of (const char *path)
{
  const char *dot = strrchr (path, '.');
  const char *slash = strrchr (path, G_DIR_SEPARATOR);

  if (dot == NULL || (slash != NULL && slash > dot))
    return FORMAT_NONE;
  if (g_ascii_strcasecmp (dot, ".png") == 0)
    return FORMAT_PNG;
  if (g_ascii_strcasecmp (dot, ".svg") == 0)
    return FORMAT_SVG;
  if (g_ascii_strcasecmp (dot, ".pdf") == 0)
    return FORMAT_PDF;
  return FORMAT_NONE;
}

static cairo_status_t
write_to_stream (void *closure, const unsigned char *data, unsigned int length)
{
  Writer *writer = closure;

  if (writer->error != NULL)
    return CAIRO_STATUS_WRITE_ERROR;
  if (!g_output_stream_write_all (writer->stream, data, length, NULL, NULL, &writer->error))
    return CAIRO_STATUS_WRITE_ERROR;
  return CAIRO_STATUS_SUCCESS;
}

static cairo_status_t
draw_on (cairo_surface_t *surface,
         CrmChartKind kind,
         gconstpointer data,
         const CrmChartPalette *palette,
         double width,
         double height)
{
  cairo_t *cr = cairo_create (surface);
  cairo_status_t status;

  crm_chart_set_color (cr, &palette->background, 1);
  cairo_paint (cr);
  crm_chart_draw (kind, cr, width, height, palette, data);
  status = cairo_status (cr);
  cairo_destroy (cr);
  return status;
}

typedef struct
{
  Format format;
  CrmChartKind kind;
  gconstpointer data;
  const CrmChartPalette *palette;
  double width;
  double height;
} Export;

/* Draws and encodes the chart into the stream; the status of the first step that failed. */
static cairo_status_t
render (cairo_write_func_t write, void *closure, gpointer user_data)
{
  const Export *export = user_data;
  Format format = export->format;
  double width = export->width;
  double height = export->height;
  cairo_surface_t *surface;
  cairo_status_t status;

  switch (format)
    {
      case FORMAT_PNG:
        surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int) ceil (width),
                                              (int) ceil (height));
        break;
      case FORMAT_SVG:
        surface = cairo_svg_surface_create_for_stream (write, closure, width, height);
        break;
      case FORMAT_PDF:
        surface = cairo_pdf_surface_create_for_stream (write, closure, width, height);
        break;
      case FORMAT_NONE:
      default:
        g_return_val_if_reached (CAIRO_STATUS_INVALID_FORMAT);
    }

  status = cairo_surface_status (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = draw_on (surface, export->kind, export->data, export->palette, width, height);
  if (status == CAIRO_STATUS_SUCCESS && format == FORMAT_PNG)
    status = cairo_surface_write_to_png_stream (surface, write, closure);
  /* The vector surfaces write their document when finished. */
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  return status;
}

gboolean
crm_chart_export (CrmChartKind kind,
                  gconstpointer data,
                  const CrmChartPalette *palette,
                  double width,
                  double height,
                  const char *path,
                  GError **error)
{
  g_autofree char *display_name = NULL;
  Format format;

  g_return_val_if_fail (kind < CRM_CHART_N_KINDS, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  display_name = g_filename_display_name (path);
  format = format_of (path);
  if (format == FORMAT_NONE)
    {
      g_set_error (error, CRM_CHART_ERROR, CRM_CHART_ERROR_UNKNOWN_FORMAT,
                   _ ("Could not save the chart to “%s”: the file name must end in .png, .svg "
                      "or .pdf"),
                   display_name);
      return FALSE;
    }
  if (!(width >= 1 && height >= 1 && width <= MAX_SIDE && height <= MAX_SIDE))
    {
      g_set_error (error, CRM_CHART_ERROR, CRM_CHART_ERROR_FAILED,
                   _ ("Could not save the chart to “%s”: %g × %g is not a size between 1 and "
                      "%g"),
                   display_name, width, height, MAX_SIDE);
      return FALSE;
    }
  if (palette == NULL)
    palette = crm_chart_palette_get (FALSE);

  {
    Export export = { format, kind, data, palette, width, height };

    return crm_chart_write_file (path, CRM_CHART_FILE_CHART, render, &export, error);
  }
}

gboolean
crm_chart_write_file (const char *path,
                      CrmChartFileKind file_kind,
                      CrmChartRenderFunc render_func,
                      gpointer user_data,
                      GError **error)
{
  gboolean report = file_kind == CRM_CHART_FILE_REPORT;
  g_autofree char *display_name = NULL;
  g_autoptr (GFile) file = NULL;
  g_autoptr (GCancellable) abandon = NULL;
  g_autoptr (GFileOutputStream) stream = NULL;
  Writer writer = { NULL, NULL };
  gboolean existed;
  cairo_status_t status;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (render_func != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  display_name = g_filename_display_name (path);
  file = g_file_new_for_path (path);
  existed = g_file_query_exists (file, NULL);
  stream = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_NONE, NULL, error);
  if (stream == NULL)
    {
      g_prefix_error (error, "%s",
                      report ? _ ("Could not save the report: ")
                             : _ ("Could not save the chart: "));
      return FALSE;
    }

  writer.stream = G_OUTPUT_STREAM (stream);
  status = render_func (write_to_stream, &writer, user_data);
  if (status == CAIRO_STATUS_SUCCESS && writer.error == NULL
      && g_output_stream_close (G_OUTPUT_STREAM (stream), NULL, &writer.error))
    return TRUE;

  /* Closing a cancelled replacement drops the new contents and keeps the old file; a file that
   * did not exist before is written in place, so it goes. */
  abandon = g_cancellable_new ();
  g_cancellable_cancel (abandon);
  g_output_stream_close (G_OUTPUT_STREAM (stream), abandon, NULL);
  if (!existed)
    g_file_delete (file, NULL, NULL);

  if (writer.error != NULL)
    {
      if (report)
        g_propagate_prefixed_error (error, writer.error, _ ("Could not save the report to “%s”: "),
                                    display_name);
      else
        g_propagate_prefixed_error (error, writer.error, _ ("Could not save the chart to “%s”: "),
                                    display_name);
      return FALSE;
    }
  if (report)
    g_set_error (error, CRM_CHART_ERROR, CRM_CHART_ERROR_FAILED,
                 _ ("Could not save the report to “%s”: %s"), display_name,
                 cairo_status_to_string (status));
  else
    g_set_error (error, CRM_CHART_ERROR, CRM_CHART_ERROR_FAILED,
                 _ ("Could not save the chart to “%s”: %s"), display_name,
                 cairo_status_to_string (status));
  return FALSE;
}

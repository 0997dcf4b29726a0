/* rd-pdf.c: shared helpers for writing PDF documents.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "redress-documents"

#include "config.h"

#include <cairo-pdf.h>
#include <glib/gi18n.h>

#include "rd-letter-type.h"
#include "rd-pdf.h"

struct _RdPdfWriter
{
  cairo_surface_t *surface; /* owned, created on the first page */
  cairo_t         *cr;      /* owned while a page is open */
  GOutputStream   *stream;  /* owned: memory or the temporary file */
  GFile           *target;  /* owned, nullable */
  GFile           *temp;    /* owned, nullable */
  char            *title;   /* owned, nullable */
  GError          *error;   /* owned: the first write error */
  guint            n_pages;
};

/* Helpers */

static cairo_status_t
write_cb (void *closure, const unsigned char *data, unsigned int length)
{
  RdPdfWriter *self = closure;

  if (self->error != NULL)
    return CAIRO_STATUS_WRITE_ERROR;
  if (!g_output_stream_write_all (self->stream, data, length, NULL, NULL, &self->error))
    return CAIRO_STATUS_WRITE_ERROR;
  return CAIRO_STATUS_SUCCESS;
}

static GFile *
temp_file_beside (GFile *file)
{
  g_autoptr(GFile) parent = g_file_get_parent (file);
  g_autofree char *base = g_file_get_basename (file);
  g_autofree char *name = g_strdup_printf (".%s.%08x.part", base, g_random_int ());

  return g_file_get_child (parent, name);
}

static gboolean
finish_surface (RdPdfWriter *self, GError **error)
{
  if (self->cr != NULL)
    rd_pdf_writer_end_page (self);
  if (self->surface == NULL)
    {
      /* A PDF needs a page; an empty document gets a blank A4 one. */
      rd_pdf_writer_begin_page (self, RD_PDF_A4_WIDTH, RD_PDF_A4_HEIGHT);
      rd_pdf_writer_end_page (self);
    }
  cairo_surface_finish (self->surface);

  if (self->error != NULL)
    {
      g_set_error (error, RD_LETTER_ERROR, RD_LETTER_ERROR_WRITE,
                   _("The PDF could not be written: %s"), self->error->message);
      return FALSE;
    }
  if (cairo_surface_status (self->surface) != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, RD_LETTER_ERROR, RD_LETTER_ERROR_WRITE,
                   _("The PDF could not be made: %s"),
                      cairo_status_to_string (cairo_surface_status (self->surface)));
      return FALSE;
    }
  return TRUE;
}

/* Public API */

double
rd_pdf_mm_to_pt (double mm)
{
  return mm * 72.0 / 25.4;
}

RdPdfWriter *
rd_pdf_writer_new (void)
{
  RdPdfWriter *self = g_new0 (RdPdfWriter, 1);

  self->stream = g_memory_output_stream_new_resizable ();
  return self;
}

RdPdfWriter *
rd_pdf_writer_new_for_file (GFile *file, GError **error)
{
  g_autoptr(RdPdfWriter) self = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_new0 (RdPdfWriter, 1);
  self->target = g_object_ref (file);
  self->temp = temp_file_beside (file);
  self->stream = G_OUTPUT_STREAM (
      g_file_create (self->temp, G_FILE_CREATE_PRIVATE, NULL, &local_error));
  if (self->stream == NULL)
    {
      g_clear_object (&self->temp);
      g_set_error (error, RD_LETTER_ERROR, RD_LETTER_ERROR_WRITE,
                   _("The PDF cannot be written in that folder: %s"), local_error->message);
      return NULL;
    }
  return g_steal_pointer (&self);
}

void
rd_pdf_writer_set_title (RdPdfWriter *self, const char *title)
{
  g_return_if_fail (self != NULL);

  g_free (self->title);
  self->title = g_strdup (title);
  if (self->surface != NULL && title != NULL)
    cairo_pdf_surface_set_metadata (self->surface, CAIRO_PDF_METADATA_TITLE, title);
}

cairo_t *
rd_pdf_writer_begin_page (RdPdfWriter *self, double width, double height)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (self->cr == NULL, NULL);

  if (self->surface == NULL)
    {
      self->surface = cairo_pdf_surface_create_for_stream (write_cb, self, width, height);
      cairo_pdf_surface_set_metadata (self->surface, CAIRO_PDF_METADATA_CREATOR,
                                      "Redress " PACKAGE_VERSION);
      if (self->title != NULL)
        cairo_pdf_surface_set_metadata (self->surface, CAIRO_PDF_METADATA_TITLE, self->title);
    }
  else
    cairo_pdf_surface_set_size (self->surface, width, height);

  self->cr = cairo_create (self->surface);
  return self->cr;
}

void
rd_pdf_writer_end_page (RdPdfWriter *self)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (self->cr != NULL);

  cairo_show_page (self->cr);
  g_clear_pointer (&self->cr, cairo_destroy);
  self->n_pages++;
}

gboolean
rd_pdf_writer_finish (RdPdfWriter *self, GError **error)
{
  g_autoptr(GError) local_error = NULL;
  gboolean ok;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (self->target != NULL, FALSE);

  ok = finish_surface (self, error);
  if (ok && !g_output_stream_close (self->stream, NULL, &local_error))
    {
      g_set_error (error, RD_LETTER_ERROR, RD_LETTER_ERROR_WRITE,
                   _("The PDF could not be written: %s"), local_error->message);
      ok = FALSE;
    }
  g_clear_error (&local_error);
  if (ok && !g_file_move (self->temp, self->target, G_FILE_COPY_OVERWRITE, NULL, NULL, NULL,
                          &local_error))
    {
      g_set_error (error, RD_LETTER_ERROR, RD_LETTER_ERROR_WRITE,
                   _("The PDF could not be put in place: %s"), local_error->message);
      ok = FALSE;
    }
  if (ok)
    g_clear_object (&self->temp);

  rd_pdf_writer_free (self);
  return ok;
}

GBytes *
rd_pdf_writer_finish_bytes (RdPdfWriter *self, GError **error)
{
  GBytes *bytes = NULL;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (self->target == NULL, NULL);

  if (finish_surface (self, error))
    {
      g_output_stream_close (self->stream, NULL, NULL);
      bytes = g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (self->stream));
    }
  rd_pdf_writer_free (self);
  return bytes;
}

void
rd_pdf_writer_free (RdPdfWriter *self)
{
  if (self == NULL)
    return;

  g_clear_pointer (&self->cr, cairo_destroy);
  g_clear_pointer (&self->surface, cairo_surface_destroy);
  if (self->stream != NULL && !g_output_stream_is_closed (self->stream))
    g_output_stream_close (self->stream, NULL, NULL);
  g_clear_object (&self->stream);
  if (self->temp != NULL)
    g_file_delete (self->temp, NULL, NULL);
  g_clear_object (&self->temp);
  g_clear_object (&self->target);
  g_clear_pointer (&self->title, g_free);
  g_clear_error (&self->error);
  g_free (self);
}

gboolean
rd_pdf_save_bytes (GBytes *bytes, GFile *file, GError **error)
{
  g_autoptr(GFile) temp = NULL;
  g_autoptr(GError) local_error = NULL;
  gsize         size;
  gconstpointer data;

  g_return_val_if_fail (bytes != NULL, FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  temp = temp_file_beside (file);
  data = g_bytes_get_data (bytes, &size);
  if (!g_file_replace_contents (temp, data, size, NULL, FALSE, G_FILE_CREATE_PRIVATE, NULL, NULL,
                                &local_error) ||
      !g_file_move (temp, file, G_FILE_COPY_OVERWRITE, NULL, NULL, NULL, &local_error))
    {
      g_file_delete (temp, NULL, NULL);
      g_set_error (error, RD_LETTER_ERROR, RD_LETTER_ERROR_WRITE,
                   _("The PDF could not be saved: %s"), local_error->message);
      return FALSE;
    }
  return TRUE;
}

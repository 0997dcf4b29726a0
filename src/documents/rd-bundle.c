/* rd-bundle.c: building the ICO evidence bundle.
 *
 * Two passes over the same drawing code. The first counts pages (each PDF
 * is opened with Poppler only to count them, text is typeset without
 * drawing), so that the second can stamp "page N of M" on every page and
 * give the index its page numbers as it draws. Documents are opened one at
 * a time and closed before the next, so memory stays flat however many
 * pages the bundle has.
 *
 * The page, from top to bottom: a 12 mm band for a running header, the
 * content, and a 12 mm band at the bottom for the stamp. Attached pages are
 * scaled into the content area, so the stamp never covers them.
 *
 * This file holds the builder's core (pages, stamps, the two passes, the
 * output) and the public API; the front matter is in rd-bundle-front.c and
 * the documents in rd-bundle-parts.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "redress-documents"

#include "config.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <pango/pangocairo.h>
#include <string.h>

#include "rd-bundle-private.h"
#include "rd-pdf.h"

/* The front matter is typeset again until its page count settles. */
#define MAX_LAYOUT_ROUNDS 4

/* The copier */

static const RdBundleCopier real_copier = {
  rd_pdf_source_new, rd_pdf_source_free, rd_pdf_source_get_n_pages, rd_pdf_source_get_page_size,
  rd_pdf_merge_new,  rd_pdf_merge_place, rd_pdf_merge_finish,       rd_pdf_merge_free,
};
static const RdBundleCopier *copier = &real_copier;

void
_rd_bundle_set_copier_for_testing (const RdBundleCopier *testing)
{
  copier = testing != NULL ? testing : &real_copier;
}

/* A stream that hashes what it passes on, and remembers whether writing
 * failed: the output's SHA-256 whether Cairo or the copier writes it. */

#define RD_TYPE_BUNDLE_HASH_STREAM (rd_bundle_hash_stream_get_type ())
G_DECLARE_FINAL_TYPE (RdBundleHashStream,
                      rd_bundle_hash_stream,
                      RD,
                      BUNDLE_HASH_STREAM,
                      GFilterOutputStream)

struct _RdBundleHashStream
{
  GFilterOutputStream parent_instance;
  GChecksum          *checksum; /* borrowed */
  gboolean            failed;
};

G_DEFINE_FINAL_TYPE (RdBundleHashStream, rd_bundle_hash_stream, G_TYPE_FILTER_OUTPUT_STREAM)

static gssize
rd_bundle_hash_stream_write (GOutputStream *stream,
                             const void    *buffer,
                             gsize          count,
                             GCancellable  *cancellable,
                             GError       **error)
{
  RdBundleHashStream *self = RD_BUNDLE_HASH_STREAM (stream);
  GOutputStream      *base = g_filter_output_stream_get_base_stream (G_FILTER_OUTPUT_STREAM (self));
  gssize              written = g_output_stream_write (base, buffer, count, cancellable, error);

  if (written < 0)
    {
      if (!g_cancellable_is_cancelled (cancellable))
        self->failed = TRUE;
      return -1;
    }
  g_checksum_update (self->checksum, buffer, written);
  return written;
}

static void
rd_bundle_hash_stream_class_init (RdBundleHashStreamClass *klass)
{
  G_OUTPUT_STREAM_CLASS (klass)->write_fn = rd_bundle_hash_stream_write;
}

static void
rd_bundle_hash_stream_init (RdBundleHashStream *self)
{
}

static GOutputStream *
hash_stream_new (GOutputStream *base, GChecksum *checksum)
{
  RdBundleHashStream *self = g_object_new (RD_TYPE_BUNDLE_HASH_STREAM, "base-stream", base, NULL);

  self->checksum = checksum;
  return G_OUTPUT_STREAM (self);
}

/* Helpers */

static double
mm (double value)
{
  return rd_pdf_mm_to_pt (value);
}

static void
part_free (gpointer data)
{
  RdBundlePart *part = data;

  g_free (part->problem);
  g_free (part);
}

/* Progress and cancellation */

void
_rd_bundle_report (RdBundleBuilder *b, double fraction, const char *message)
{
  if (b->progress != NULL)
    b->progress (CLAMP (fraction, 0.0, 1.0), message, b->progress_data);
}

/* Pages */

PangoLayout *
_rd_bundle_new_layout (RdBundleBuilder *b, const char *font, double width, const char *text)
{
  PangoLayout *layout = pango_layout_new (b->pango);
  g_autoptr(PangoFontDescription) description = pango_font_description_from_string (font);

  pango_layout_set_font_description (layout, description);
  if (width > 0)
    {
      pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
    }
  pango_layout_set_text (layout, text != NULL ? text : "", -1);
  return layout;
}

double
_rd_bundle_layout_height (PangoLayout *layout)
{
  int width, height;

  pango_layout_get_size (layout, &width, &height);
  return (double) height / PANGO_SCALE;
}

void
_rd_bundle_show_layout (RdBundleBuilder *b, PangoLayout *layout, double x, double y)
{
  if (b->cr == NULL)
    return;
  cairo_move_to (b->cr, x, y);
  pango_cairo_show_layout (b->cr, layout);
}

void
_rd_bundle_start_page (RdBundleBuilder *b, gboolean landscape)
{
  b->page++;
  b->page_width = landscape ? RD_PDF_A4_HEIGHT : RD_PDF_A4_WIDTH;
  b->page_height = landscape ? RD_PDF_A4_WIDTH : RD_PDF_A4_HEIGHT;
  if (b->cr == NULL)
    return;

  cairo_pdf_surface_set_size (b->surface, b->page_width, b->page_height);

  /* Paint the page white first. Cairo 1.16 adds the extents of every
   * drawing operation to a region per page; an attached PDF page brings
   * thousands (Poppler draws each kerned piece of text on its own), and that
   * region's growth made the bundle three times slower. Once the region is
   * the whole page, each addition is a quick containment test. */
  if (!b->no_paint)
    {
      cairo_set_source_rgb (b->cr, 1, 1, 1);
      cairo_paint (b->cr);
      cairo_set_source_rgb (b->cr, 0, 0, 0);
    }

  if (g_hash_table_contains (b->targets, GUINT_TO_POINTER (b->page)))
    {
      g_autofree char *attributes = g_strdup_printf ("name='page-%u' x=0 y=0", b->page);

      cairo_tag_begin (b->cr, CAIRO_TAG_DEST, attributes);
      cairo_tag_end (b->cr, CAIRO_TAG_DEST);
    }

  if (b->running_header != NULL)
    {
      g_autoptr(PangoLayout) layout = _rd_bundle_new_layout (
          b, "Sans 8", b->page_width - 2 * mm (20), b->running_header);

      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
      cairo_set_source_rgb (b->cr, 0.35, 0.35, 0.35);
      _rd_bundle_show_layout (b, layout, mm (20), mm (5));
      cairo_set_source_rgb (b->cr, 0, 0, 0);
    }
}

gboolean
_rd_bundle_finish_page (RdBundleBuilder *b, GError **error)
{
  if (b->cr != NULL)
    {
      /* TRANSLATORS: the stamp on every page: case reference, page number, number of pages */
      g_autofree char *stamp = g_strdup_printf (_("ICO bundle %s — page %u of %u"),
                                                   b->spec->case_reference, b->page, b->n_pages);
      g_autoptr(PangoLayout) layout = _rd_bundle_new_layout (b, "Sans 8", b->page_width, stamp);
      double height = _rd_bundle_layout_height (layout);

      pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
      cairo_save (b->cr);
      cairo_reset_clip (b->cr);
      cairo_set_source_rgb (b->cr, 0.2, 0.2, 0.2);
      _rd_bundle_show_layout (b, layout, 0, b->page_height - mm (6) - height / 2);
      cairo_restore (b->cr);
      cairo_show_page (b->cr);

      if (cairo_status (b->cr) != CAIRO_STATUS_SUCCESS)
        {
          if (b->write_error != NULL)
            g_propagate_error (error, g_steal_pointer (&b->write_error));
          else
            g_set_error (error, RD_BUNDLE_ERROR, RD_BUNDLE_ERROR_WRITE,
                         _("The bundle could not be drawn (%s)."),
                            cairo_status_to_string (cairo_status (b->cr)));
          return FALSE;
        }
    }

  return !g_cancellable_set_error_if_cancelled (b->cancellable, error);
}

/* The area attached pages and images are scaled into. */
void
_rd_bundle_content_area (RdBundleBuilder *b, double *x, double *y, double *width, double *height)
{
  *x = mm (10);
  *y = mm (12);
  *width = b->page_width - 2 * mm (10);
  *height = b->page_height - mm (12) - mm (14);
}

void
_rd_bundle_fit (double  area_x,
                double  area_y,
                double  area_width,
                double  area_height,
                double  width,
                double  height,
                double  max_scale,
                double *x,
                double *y,
                double *scale)
{
  *scale = MIN (MIN (area_width / width, area_height / height), max_scale);
  *x = area_x + (area_width - width * *scale) / 2;
  *y = area_y + (area_height - height * *scale) / 2;
}

/* Output */

static cairo_status_t
write_cb (void *closure, const unsigned char *data, unsigned int length)
{
  RdBundleBuilder *b = closure;
  gsize            written = 0;

  if (b->write_error != NULL)
    return CAIRO_STATUS_WRITE_ERROR;
  if (!g_output_stream_write_all (b->drawn, data, length, &written, NULL, &b->write_error))
    return CAIRO_STATUS_WRITE_ERROR;
  return CAIRO_STATUS_SUCCESS;
}

static void
builder_clear (RdBundleBuilder *b)
{
  g_clear_pointer (&b->cr, cairo_destroy);
  g_clear_pointer (&b->surface, cairo_surface_destroy);
  if (b->skeleton != NULL)
    {
      /* Closed before it is deleted: Windows deletes no open file. */
      if (b->drawn != NULL)
        g_output_stream_close (b->drawn, NULL, NULL);
      g_file_delete (b->skeleton, NULL, NULL);
      g_clear_object (&b->skeleton);
    }
  g_clear_object (&b->drawn);
  g_clear_pointer (&b->copied, g_array_unref);
  g_clear_pointer (&b->parts, g_ptr_array_unref);
  g_clear_pointer (&b->targets, g_hash_table_unref);
  g_clear_object (&b->pango);
  g_clear_object (&b->output);
  g_clear_pointer (&b->checksum, g_checksum_free);
  g_clear_error (&b->write_error);
}

static PangoContext *
new_pango_context (void)
{
  /* The same metrics for counting and drawing: no hinting, 72 dpi (points). */
  PangoFontMap         *map = pango_cairo_font_map_get_default ();
  PangoContext         *context = pango_font_map_create_context (map);
  cairo_font_options_t *options = cairo_font_options_create ();

  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (context, options);
  pango_cairo_context_set_resolution (context, 72);
  pango_context_set_language (context, pango_language_from_string ("en-gb"));
  cairo_font_options_destroy (options);
  return context;
}

/* Where Cairo draws when pages are copied: a temporary file, private to
 * the user, deleted by builder_clear() whatever happens. */
static gboolean
open_skeleton (RdBundleBuilder *b, GError **error)
{
  g_autoptr(GFileOutputStream) stream = NULL;
  g_autofree char *path = NULL;
  int              fd;

  fd = g_file_open_tmp ("redress-bundle-XXXXXX.pdf", &path, error);
  if (fd < 0)
    return FALSE;
  g_close (fd, NULL);
  b->skeleton = g_file_new_for_path (path);
  stream = g_file_append_to (b->skeleton, G_FILE_CREATE_PRIVATE, b->cancellable, error);
  if (stream == NULL)
    return FALSE;
  b->drawn = g_buffered_output_stream_new_sized (G_OUTPUT_STREAM (stream), 256 * 1024);
  return TRUE;
}

/* Writes the bundle: the skeleton with the copied pages placed under it.
 * One attached document in memory at a time. A failure of the copier's own
 * (not a cancel, not a write error) sets merge_failed. */
static gboolean
merge (RdBundleBuilder *b, GError **error)
{
  g_autoptr(GError) local_error = NULL;
  RdPdfMerge  *merge;
  const double start = 0.1 + b->draw_span;
  guint        placed = 0;
  gboolean     ok;

  merge = b->copier->merge_new (b->skeleton, b->output, &local_error);
  ok = merge != NULL;
  for (guint i = 0; ok && i < b->parts->len; i++)
    {
      RdBundlePart *part = g_ptr_array_index (b->parts, i);
      g_autoptr(GBytes) bytes = NULL;
      RdPdfSource *source;

      if (!part->copy)
        continue;
      bytes = _rd_bundle_load_pdf (b, part, &local_error);
      source = bytes != NULL ? b->copier->source_new (bytes, &local_error) : NULL;
      if (source == NULL)
        {
          ok = FALSE;
          break;
        }
      if (b->copier->source_get_n_pages (source) != part->n_pages)
        {
          g_set_error (&local_error, RD_BUNDLE_ERROR, RD_BUNDLE_ERROR_INTERNAL,
                       "D%u has %u pages, not the %u counted", part->number,
                       b->copier->source_get_n_pages (source), part->n_pages);
          ok = FALSE;
        }
      for (guint page = 0; ok && page < part->n_pages; page++)
        {
          const RdBundleCopiedPage *copied = &g_array_index (b->copied, RdBundleCopiedPage,
                                                             part->copy_first + page);
          g_autofree char *message = g_strdup_printf (_("Copying “%s”, page %d of %d…"),
                                                         part->document->title, (int) page + 1,
                                                         (int) part->n_pages);

          _rd_bundle_report (b, start + (1.0 - start) * placed / b->copied->len, message);
          ok = !g_cancellable_set_error_if_cancelled (b->cancellable, &local_error) &&
               b->copier->merge_place (merge, copied->target_page - 1, source, page, copied->x,
                                       copied->y, copied->width * copied->scale,
                                       copied->height * copied->scale, b->cancellable,
                                       &local_error);
          placed++;
        }
      b->copier->source_free (source);
    }
  if (ok)
    ok = b->copier->merge_finish (merge, b->cancellable, &local_error);
  g_clear_pointer (&merge, b->copier->merge_free);
  if (ok)
    return TRUE;

  g_assert (local_error != NULL);
  if (g_cancellable_set_error_if_cancelled (b->cancellable, error))
    return FALSE;
  if (!RD_BUNDLE_HASH_STREAM (b->output)->failed)
    b->merge_failed = TRUE;
  g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}

/* Both passes, drawing onto @b->output, or onto a skeleton that merge()
 * then copies to @b->output with the attached PDFs' pages. */
static gboolean
build (RdBundleBuilder *b, GError **error)
{
  guint counted = 0;
  guint front_pages = 0;

  /* Pass 1: count. */
  for (guint i = 0; i < b->parts->len; i++)
    {
      RdBundlePart    *part = g_ptr_array_index (b->parts, i);
      g_autofree char *message = NULL;
      guint            start = b->page;

      if (part->document->withheld != NULL)
        continue;
      message = g_strdup_printf (_("Counting the pages of “%s”…"), part->document->title);
      _rd_bundle_report (b, 0.1 * i / b->parts->len, message);
      if (!_rd_bundle_classify (b, part, error) || !_rd_bundle_render_part (b, part, error))
        return FALSE;
      part->n_pages = b->page - start;
    }

  /* The front matter's length depends on the page numbers it prints; settle it. */
  b->index_pages = b->chronology_pages = b->deadlines_pages = 1;
  for (guint round = 0; round < MAX_LAYOUT_ROUNDS; round++)
    {
      _rd_bundle_plan_pages (b);
      b->page = 0;
      if (!_rd_bundle_typeset_front_matter (b, error))
        return FALSE;
      if (b->page == front_pages)
        break;
      front_pages = b->page;
    }
  _rd_bundle_plan_pages (b);
  counted = b->n_pages;

  b->targets = g_hash_table_new (NULL, NULL);
  g_hash_table_add (b->targets, GUINT_TO_POINTER (b->chronology_first));
  g_hash_table_add (b->targets, GUINT_TO_POINTER (b->deadlines_first));
  for (guint i = 0; i < b->parts->len; i++)
    {
      RdBundlePart *part = g_ptr_array_index (b->parts, i);

      if (part->document->withheld == NULL)
        g_hash_table_add (b->targets, GUINT_TO_POINTER (part->first_page));
    }

  /* Pass 2: draw. */
  if (b->copied->len > 0)
    {
      if (!open_skeleton (b, error))
        return FALSE;
      b->draw_span = 0.4;
    }
  else
    {
      b->drawn = g_object_ref (b->output);
      b->draw_span = 0.9;
    }
  b->surface = cairo_pdf_surface_create_for_stream (write_cb, b, RD_PDF_A4_WIDTH, RD_PDF_A4_HEIGHT);
  b->cr = cairo_create (b->surface);
  {
    g_autofree char *title = g_strdup_printf (_("ICO bundle %s"), b->spec->case_reference);

    cairo_pdf_surface_set_metadata (b->surface, CAIRO_PDF_METADATA_TITLE, title);
    cairo_pdf_surface_set_metadata (b->surface, CAIRO_PDF_METADATA_CREATOR,
                                    "Redress " PACKAGE_VERSION);
  }
  _rd_bundle_add_outline (b);

  b->page = 0;
  _rd_bundle_report (b, 0.1, _("Writing the index and the chronology…"));
  if (!_rd_bundle_typeset_front_matter (b, error))
    return FALSE;

  for (guint i = 0; i < b->parts->len; i++)
    {
      RdBundlePart    *part = g_ptr_array_index (b->parts, i);
      g_autofree char *header = NULL;
      guint            start = b->page;

      if (part->document->withheld != NULL)
        continue;
      /* TRANSLATORS: the running header over a document's pages: number and title */
      header = g_strdup_printf (_("D%u · %s"), part->number, part->document->title);
      b->running_header = header;
      if (part->kind != RD_BUNDLE_KIND_PDF)
        {
          g_autofree char *message = g_strdup_printf (_("Adding “%s”…"), part->document->title);

          _rd_bundle_report (b, 0.1 + b->draw_span * b->page / MAX (b->n_pages, 1), message);
        }
      if (!_rd_bundle_render_part (b, part, error))
        return FALSE;
      b->running_header = NULL;
      if (b->page - start != part->n_pages)
        {
          /* The file changed between the passes, or the counting is wrong. */
          g_set_error (error, RD_BUNDLE_ERROR, RD_BUNDLE_ERROR_INTERNAL,
                       _("“%s” changed while the bundle was being made. Try again."),
                          part->document->title);
          return FALSE;
        }
    }

  if (b->page != counted)
    {
      g_set_error (
          error, RD_BUNDLE_ERROR, RD_BUNDLE_ERROR_INTERNAL,
          _("The bundle came out with %u pages instead of %u. Please report this problem."),
             b->page, counted);
      return FALSE;
    }

  if (b->skeleton == NULL)
    _rd_bundle_report (b, 1.0, _("Finishing the bundle…"));
  cairo_destroy (g_steal_pointer (&b->cr));
  cairo_surface_finish (b->surface);
  if (cairo_surface_status (b->surface) != CAIRO_STATUS_SUCCESS)
    {
      if (b->write_error != NULL)
        g_propagate_error (error, g_steal_pointer (&b->write_error));
      else
        g_set_error (error, RD_BUNDLE_ERROR, RD_BUNDLE_ERROR_WRITE,
                     _("The bundle could not be written (%s)."),
                        cairo_status_to_string (cairo_surface_status (b->surface)));
      return FALSE;
    }
  if (b->skeleton == NULL)
    return TRUE;

  if (!g_output_stream_close (b->drawn, b->cancellable, error) || !merge (b, error))
    return FALSE;
  _rd_bundle_report (b, 1.0, _("Finishing the bundle…"));
  return TRUE;
}

/* Async */

typedef struct
{
  RdBundleSpec        *spec;   /* owned */
  GFile               *output; /* owned */
  RdBundleProgressFunc progress;
  gpointer             progress_data;
  GMainContext        *context; /* owned */
  gint                 pending; /* atomic: a progress report is on its way */
  guint                n_pages;
  char                *sha256; /* owned */
} WriteData;

typedef struct
{
  WriteData *data; /* borrowed: the task holds it until after the reports */
  GTask     *task; /* owned: keeps data alive */
  double     fraction;
  char      *message; /* owned */
} Report;

static void
write_data_free (gpointer pointer)
{
  WriteData *data = pointer;

  rd_bundle_spec_unref (data->spec);
  g_object_unref (data->output);
  g_main_context_unref (data->context);
  g_free (data->sha256);
  g_free (data);
}

static gboolean
report_in_context_cb (gpointer pointer)
{
  Report *r = pointer;

  g_atomic_int_set (&r->data->pending, 0);
  r->data->progress (r->fraction, r->message, r->data->progress_data);
  return G_SOURCE_REMOVE;
}

static void
report_free (gpointer pointer)
{
  Report *r = pointer;

  g_object_unref (r->task);
  g_free (r->message);
  g_free (r);
}

static void
forward_progress_cb (double fraction, const char *message, gpointer user_data)
{
  GTask     *task = user_data;
  WriteData *data = g_task_get_task_data (task);
  GSource   *source;
  Report    *r;

  /* One report at a time: a slow main loop sees the latest, not a queue. */
  if (!g_atomic_int_compare_and_exchange (&data->pending, 0, 1) && fraction < 1.0)
    return;
  r = g_new0 (Report, 1);
  r->data = data;
  r->task = g_object_ref (task);
  r->fraction = fraction;
  r->message = g_strdup (message);
  /* Always through a source: g_main_context_invoke() would run it here, in
   * the worker, when the caller's context is not running yet. */
  source = g_idle_source_new ();
  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, report_in_context_cb, r, report_free);
  g_source_set_static_name (source, "[redress] bundle progress");
  g_source_attach (source, data->context);
  g_source_unref (source);
}

static void
write_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  WriteData *data = task_data;
  GError    *error = NULL;

  if (rd_bundle_write (data->spec, data->output,
                       data->progress != NULL ? forward_progress_cb : NULL, task, &data->n_pages,
                       &data->sha256, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/* Writing */

static void
builder_init (RdBundleBuilder     *b,
              RdBundleSpec        *spec,
              gboolean             render_all,
              RdBundleProgressFunc progress,
              gpointer             progress_data,
              GCancellable        *cancellable)
{
  guint number = 0;

  memset (b, 0, sizeof *b);
  b->spec = spec;
  b->cancellable = cancellable;
  b->progress = progress;
  b->progress_data = progress_data;
  b->render_all = render_all;
  b->copier = copier;
  b->copied = g_array_new (FALSE, FALSE, sizeof (RdBundleCopiedPage));
  b->pango = new_pango_context ();
  b->parts = g_ptr_array_new_with_free_func (part_free);
  for (guint section = 0; section < RD_BUNDLE_N_SECTIONS; section++)
    for (guint i = 0; i < spec->documents->len; i++)
      {
        RdBundleDocument *document = g_ptr_array_index (spec->documents, i);
        RdBundlePart     *part;

        if (document->section != section)
          continue;
        part = g_new0 (RdBundlePart, 1);
        part->document = document;
        part->index = i;
        part->number = ++number;
        g_ptr_array_add (b->parts, part);
      }
}

/* Builds the bundle into a hidden file beside @output, renamed over it when complete. */
static gboolean
write_to (RdBundleBuilder *b, GFile *parent, const char *basename, GFile *output, GError **error)
{
  g_autoptr(GFile) temporary = NULL;
  g_autofree char *temporary_name = NULL;
  g_autoptr(GFileOutputStream) stream = NULL;
  g_autoptr(GOutputStream) buffered = NULL;
  GError  *local_error = NULL;
  gboolean ok;

  /* A hidden file beside the target, renamed over it at the end: the rename is atomic. */
  temporary_name = g_strdup_printf (".%s.%08x.part", basename, g_random_int ());
  temporary = g_file_get_child (parent, temporary_name);
  stream = g_file_create (temporary, G_FILE_CREATE_PRIVATE, b->cancellable, &local_error);
  if (stream == NULL)
    {
      if (!g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_autofree char *name = g_file_get_parse_name (parent);

          g_set_error (error, RD_BUNDLE_ERROR, RD_BUNDLE_ERROR_WRITE,
                       _("The bundle cannot be saved in “%s”: %s"), name, local_error->message);
          g_clear_error (&local_error);
        }
      else
        {
          g_propagate_error (error, local_error);
        }
      return FALSE;
    }
  /* Cairo writes in many small pieces: buffer them rather than make a system call each. */
  buffered = g_buffered_output_stream_new_sized (G_OUTPUT_STREAM (stream), 256 * 1024);
  b->checksum = g_checksum_new (G_CHECKSUM_SHA256);
  b->output = hash_stream_new (buffered, b->checksum);

  ok = build (b, &local_error);
  if (b->cr != NULL)
    g_clear_pointer (&b->cr, cairo_destroy);
  if (b->surface != NULL)
    cairo_surface_finish (b->surface);
  /* Closed without the cancellable, so that a cancelled build can still clean up. */
  if (!g_output_stream_close (b->output, NULL, ok ? &local_error : NULL))
    ok = FALSE;
  if (ok &&
      !g_file_move (temporary, output, G_FILE_COPY_OVERWRITE | G_FILE_COPY_NO_FALLBACK_FOR_MOVE,
                    NULL, NULL, NULL, &local_error))
    ok = FALSE;
  if (ok)
    return TRUE;

  g_file_delete (temporary, NULL, NULL);
  g_assert (local_error != NULL);
  if (local_error->domain == RD_BUNDLE_ERROR ||
      g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || b->merge_failed)
    {
      g_propagate_error (error, local_error);
    }
  else
    {
      g_set_error (error, RD_BUNDLE_ERROR, RD_BUNDLE_ERROR_WRITE,
                   _("The bundle could not be saved: %s"), local_error->message);
      g_error_free (local_error);
    }
  return FALSE;
}

/* Public API */

gboolean
rd_bundle_write (RdBundleSpec        *spec,
                 GFile               *output,
                 RdBundleProgressFunc progress,
                 gpointer             progress_data,
                 guint               *out_n_pages,
                 char               **out_sha256,
                 GCancellable        *cancellable,
                 GError             **error)
{
  g_autoptr(GFile) parent = NULL;
  g_autofree char *basename = NULL;
  GError          *local_error = NULL;
  RdBundleBuilder  b;
  gboolean         ok;

  g_return_val_if_fail (spec != NULL, FALSE);
  g_return_val_if_fail (G_IS_FILE (output), FALSE);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (spec->case_reference == NULL || *spec->case_reference == '\0')
    {
      g_set_error_literal (error, RD_BUNDLE_ERROR, RD_BUNDLE_ERROR_INVALID,
                           _("The bundle needs the case reference to number its pages."));
      return FALSE;
    }

  parent = g_file_get_parent (output);
  basename = g_file_get_basename (output);
  if (parent == NULL || basename == NULL)
    {
      g_set_error_literal (error, RD_BUNDLE_ERROR, RD_BUNDLE_ERROR_WRITE,
                           _("The bundle cannot be saved there; choose a file in a folder."));
      return FALSE;
    }

  builder_init (&b, spec, FALSE, progress, progress_data, cancellable);
  ok = write_to (&b, parent, basename, output, &local_error);
  if (!ok && b.merge_failed)
    {
      /* A fault of the copier's: the clerk still gets a bundle, every PDF
       * rendered through Poppler as before copying existed. */
      g_debug ("copying the attached PDFs failed (%s); building the bundle again, rendering them",
               local_error->message);
      g_clear_error (&local_error);
      builder_clear (&b);
      builder_init (&b, spec, TRUE, progress, progress_data, cancellable);
      ok = write_to (&b, parent, basename, output, &local_error);
    }
  if (!ok)
    {
      builder_clear (&b);
      g_propagate_error (error, local_error);
      return FALSE;
    }

  if (out_n_pages != NULL)
    *out_n_pages = b.n_pages;
  if (out_sha256 != NULL)
    *out_sha256 = g_strdup (g_checksum_get_string (b.checksum));
  builder_clear (&b);
  return TRUE;
}

void
rd_bundle_write_async (RdBundleSpec        *spec,
                       GFile               *output,
                       RdBundleProgressFunc progress,
                       gpointer             progress_data,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  WriteData *data;

  g_return_if_fail (spec != NULL);
  g_return_if_fail (G_IS_FILE (output));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  data = g_new0 (WriteData, 1);
  data->spec = rd_bundle_spec_ref (spec);
  data->output = g_object_ref (output);
  data->progress = progress;
  data->progress_data = progress_data;
  data->context = g_main_context_ref_thread_default ();

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, rd_bundle_write_async);
  g_task_set_task_data (task, data, write_data_free);
  g_task_run_in_thread (task, write_thread);
}

gboolean
rd_bundle_write_finish (GAsyncResult *result, guint *out_n_pages, char **out_sha256, GError **error)
{
  WriteData *data;

  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == rd_bundle_write_async, FALSE);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;
  data = g_task_get_task_data (G_TASK (result));
  if (out_n_pages != NULL)
    *out_n_pages = data->n_pages;
  if (out_sha256 != NULL)
    *out_sha256 = g_steal_pointer (&data->sha256);
  return TRUE;
}

/* rd-pdf-copy.c: pages of existing PDFs copied, object for object, into a
 * PDF that Cairo wrote. See rd-pdf-copy.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "rd-pdf-copy.h"
#include "rd-pdf-syntax.h"

G_DEFINE_QUARK (rd - pdf - copy - error - quark, rd_pdf_copy_error)

#define MAX_PAGES    (1u << 20)
#define BUFFER_SIZE  (64 * 1024)
#define CANCEL_EVERY 64

typedef struct
{
  guint32   num;       /* the page object's number */
  RdPdfObj *resources; /* owned; inherited or its own; NULL if none */
  double    media[4];  /* x0 y0 x1 y1 */
  double    box[4];    /* the crop box within the media box */
  int       rotate;    /* 0, 90, 180 or 270 */
} Page;

struct _RdPdfSource
{
  RdPdfDoc *doc;      /* owned */
  GArray   *pages;    /* of Page */
  guint     merge_id; /* the merge that map belongs to, 0 if none */
  guint32  *map;      /* owned: object number here -> number in that merge's output, 0 if not yet */
};

typedef struct
{
  guint32 form;    /* output number of the placed form XObject, 0 if none */
  guint32 content; /* output number of the stream that draws it */
} Placed;

struct _RdPdfMerge
{
  guint          id;
  GOutputStream *output;       /* owned */
  GMappedFile   *mapped;       /* owned */
  RdPdfSource   *skeleton;     /* owned */
  guint32       *skeleton_map; /* owned: skeleton object number -> output number */
  Placed        *placed;       /* owned: one per skeleton page */
  GArray        *offsets;      /* of guint64: output object n's offset at n - 1, 0 if not written */
  GArray        *pending;      /* of guint32: objects to write, numbered in the current document */
  GString       *buffer;       /* owned: output not yet written */
  guint64        flushed;      /* bytes written to @output */
  gint64         last_target;  /* the last target page placed, -1 at first */
  gboolean       failed;
  gboolean       finished;
};

/* Source: page tree */

static gboolean
unsupported (GError **error, const char *why)
{
  g_set_error (error, RD_PDF_COPY_ERROR, RD_PDF_COPY_ERROR_UNSUPPORTED,
               "The PDF cannot be copied page by page: %s.", why);
  return FALSE;
}

static gboolean
malformed (GError **error, const char *why)
{
  g_set_error (error, RD_PDF_COPY_ERROR, RD_PDF_COPY_ERROR_MALFORMED, "Damaged PDF: %s.", why);
  return FALSE;
}

static gboolean
read_box (RdPdfDoc *doc, const RdPdfObj *value, double box[4])
{
  g_autoptr (RdPdfObj) array = rd_pdf_doc_resolve (doc, value, NULL);
  double v[4];

  if (array == NULL || array->kind != RD_PDF_ARRAY || array->n != 4)
    return FALSE;
  for (int i = 0; i < 4; i++)
    {
      g_autoptr (RdPdfObj) item = rd_pdf_doc_resolve (doc, array->v.items[i], NULL);

      if (!rd_pdf_obj_get_number (item, &v[i]) || !isfinite (v[i]) || fabs (v[i]) > 1e7)
        return FALSE;
    }
  box[0] = MIN (v[0], v[2]);
  box[1] = MIN (v[1], v[3]);
  box[2] = MAX (v[0], v[2]);
  box[3] = MAX (v[1], v[3]);
  return TRUE;
}

typedef struct
{
  const RdPdfObj *resources; /* borrowed */
  const RdPdfObj *media_box;
  const RdPdfObj *crop_box;
  const RdPdfObj *rotate;
} Inherited;

/* A page's /Contents resolved: a stream, an array of them, or null. An
 * array of one stream is that stream, copied as it is like a single one. */
static RdPdfObj *
page_contents (RdPdfDoc *doc, const RdPdfObj *page, GError **error)
{
  RdPdfObj *contents = rd_pdf_doc_resolve (doc, rd_pdf_dict_get (page, "Contents"), error);

  if (contents != NULL && contents->kind == RD_PDF_ARRAY && contents->n == 1)
    {
      RdPdfObj *only = rd_pdf_doc_resolve (doc, contents->v.items[0], error);

      rd_pdf_obj_free (contents);
      contents = only;
    }
  return contents;
}

static gboolean
is_delimiter_or_space (guint8 c)
{
  return strchr ("()<>[]{}/% \t\r\n\f", c) != NULL || c == '\0';
}

/* Whether @data, a content stream read from its start, ends inside a
 * string. Streams of a /Contents array are joined with a line break between
 * them, which is right between tokens (PDF allows no other split), but
 * would add a byte to a string that goes on in the next stream, as Poppler
 * reads it. An inline image's data is skipped (to an "EI" between spaces);
 * when unsure, it answers yes: the page is then rendered, not copied. */
static gboolean
ends_inside_string (const guint8 *d, gsize n)
{
  gsize i = 0;

  while (i < n)
    {
      guint8 c = d[i];

      if (c == '%')
        {
          while (i < n && d[i] != '\r' && d[i] != '\n')
            i++;
        }
      else if (c == '(')
        {
          guint depth = 1;

          for (i++; i < n && depth > 0; i++)
            {
              if (d[i] == '\\')
                i++;
              else if (d[i] == '(')
                depth++;
              else if (d[i] == ')')
                depth--;
            }
          if (depth > 0)
            return TRUE;
        }
      else if (c == '<' && i + 1 < n && d[i + 1] == '<')
        i += 2;
      else if (c == '<')
        {
          const guint8 *end = memchr (d + i, '>', n - i);

          if (end == NULL)
            return TRUE;
          i = (gsize) (end - d) + 1;
        }
      else if (!is_delimiter_or_space (c))
        {
          gsize start = i;

          while (i < n && !is_delimiter_or_space (d[i]))
            i++;
          if (i - start == 2 && d[start] == 'I' && d[start + 1] == 'D')
            {
              /* Inline image data: to the next "EI" with white space around it. */
              for (i++; i + 2 <= n; i++)
                if (d[i] == 'E' && d[i + 1] == 'I' && g_ascii_isspace (d[i - 1]) &&
                    (i + 2 == n || g_ascii_isspace (d[i + 2])))
                  break;
              if (i + 2 > n)
                return TRUE;
              i += 2;
            }
        }
      else
        i++;
    }
  return FALSE;
}

/*
 * Whether Poppler's print rendering, the bundle's fallback, draws @annot:
 * not when it is hidden (/F bit 2) or not marked for printing (/F bit 3:
 * poppler_page_render_for_printing() prints markup and form fields only so
 * marked), and nothing shows when its rectangle has no area (an invisible
 * signature field, /Rect [0 0 0 0], as signed letters carry). Anything
 * unclear (an indirect /F or /Rect) counts as drawn, so the page is rendered.
 */
static gboolean
annot_is_printed (const RdPdfObj *annot)
{
  RdPdfObj *flags = rd_pdf_dict_get (annot, "F");
  RdPdfObj *rect = rd_pdf_dict_get (annot, "Rect");
  double    f = 0, r[4];

  if (flags != NULL && !rd_pdf_obj_get_number (flags, &f))
    return TRUE;
  if (((gint64) f & 2) != 0 || ((gint64) f & 4) == 0)
    return FALSE;
  if (rect == NULL || rect->kind != RD_PDF_ARRAY || rect->n != 4)
    return TRUE;
  for (guint i = 0; i < 4; i++)
    if (!rd_pdf_obj_get_number (rect->v.items[i], &r[i]))
      return TRUE;
  return r[0] != r[2] && r[1] != r[3];
}

static gboolean
check_page (RdPdfDoc *doc, const RdPdfObj *page, GError **error)
{
  RdPdfObj *user_unit = rd_pdf_dict_get (page, "UserUnit");
  g_autoptr (RdPdfObj) annots = NULL;
  g_autoptr (RdPdfObj) contents = NULL;
  double unit;

  if (user_unit != NULL && (!rd_pdf_obj_get_number (user_unit, &unit) || unit != 1))
    return unsupported (error, "a page has a user unit other than one point");
  annots = rd_pdf_doc_resolve (doc, rd_pdf_dict_get (page, "Annots"), error);
  if (annots == NULL)
    return FALSE;
  if (annots->kind == RD_PDF_ARRAY)
    for (guint i = 0; i < annots->n; i++)
      {
        g_autoptr (RdPdfObj) annot = rd_pdf_doc_resolve (doc, annots->v.items[i], error);
        RdPdfObj *subtype;

        if (annot == NULL)
          return FALSE;
        if (annot->kind == RD_PDF_NULL)
          continue;
        subtype = rd_pdf_dict_get (annot, "Subtype");
        if (!rd_pdf_obj_is_name (subtype, "Link") && !rd_pdf_obj_is_name (subtype, "Popup") &&
            annot_is_printed (annot))
          return unsupported (error, "a page has annotations or form fields that are drawn");
      }
  contents = page_contents (doc, page, error);
  if (contents == NULL)
    return FALSE;
  if (contents->kind == RD_PDF_ARRAY)
    for (guint i = 0; i < contents->n; i++)
      {
        g_autoptr (RdPdfObj) stream = rd_pdf_doc_resolve (doc, contents->v.items[i], error);
        gboolean compressed;

        if (stream == NULL)
          return FALSE;
        if (stream->kind == RD_PDF_NULL)
          continue;
        if (stream->kind != RD_PDF_STREAM)
          return malformed (error, "a page's contents are not streams");
        if (!rd_pdf_stream_is_plain_flate (stream, &compressed))
          return unsupported (error,
                              "a page's content streams have filters the copier does not decode");
        /* They are decoded to be joined: a damaged one refuses the file now. */
        {
          g_autoptr (GBytes) decoded = rd_pdf_doc_decode_stream (doc, stream, error);
          gsize         n;
          const guint8 *d;

          if (decoded == NULL)
            return FALSE;
          d = g_bytes_get_data (decoded, &n);
          if (i + 1 < contents->n && ends_inside_string (d, n))
            return unsupported (error, "a page's content streams are split inside a string");
        }
      }
  else if (contents->kind != RD_PDF_STREAM && contents->kind != RD_PDF_NULL)
    return malformed (error, "a page's contents are not a stream");
  return TRUE;
}

static gboolean
add_page (RdPdfSource     *source,
          guint32          num,
          const RdPdfObj  *page,
          const Inherited *inh,
          gboolean         check,
          GError         **error)
{
  Page   p = { 0 };
  double crop[4];
  g_autoptr (RdPdfObj) rotate = NULL;

  if (source->pages->len >= MAX_PAGES)
    return malformed (error, "it has too many pages");
  if (check && !check_page (source->doc, page, error))
    return FALSE;
  p.num = num;
  if (inh->resources != NULL && inh->resources->kind != RD_PDF_NULL)
    p.resources = rd_pdf_obj_copy (inh->resources);
  if (inh->media_box == NULL || !read_box (source->doc, inh->media_box, p.media))
    {
      /* What viewers take when a page has no size: US Letter. */
      p.media[0] = p.media[1] = 0;
      p.media[2] = 612;
      p.media[3] = 792;
    }
  memcpy (p.box, p.media, sizeof p.box);
  if (inh->crop_box != NULL && read_box (source->doc, inh->crop_box, crop))
    {
      double b[4];

      /* As Poppler: a crop box wider (or taller) than the media box takes
       * the media box's width (height), then is cut to it. */
      if (crop[2] - crop[0] > p.media[2] - p.media[0])
        crop[0] = p.media[0], crop[2] = p.media[2];
      if (crop[3] - crop[1] > p.media[3] - p.media[1])
        crop[1] = p.media[1], crop[3] = p.media[3];
      b[0] = MAX (crop[0], p.media[0]);
      b[1] = MAX (crop[1], p.media[1]);
      b[2] = MIN (crop[2], p.media[2]);
      b[3] = MIN (crop[3], p.media[3]);
      if (b[2] > b[0] && b[3] > b[1])
        memcpy (p.box, b, sizeof p.box);
    }
  rotate = rd_pdf_doc_resolve (source->doc, inh->rotate, NULL);
  if (rotate != NULL && rotate->kind == RD_PDF_INT && rotate->v.i % 90 == 0)
    p.rotate = (int) (((rotate->v.i % 360) + 360) % 360);
  if (p.box[2] - p.box[0] < 1e-3 || p.box[3] - p.box[1] < 1e-3)
    return malformed (error, "a page has no area");
  g_array_append_val (source->pages, p);
  return TRUE;
}

/* Whether @value is, or refers to, an object of @kind. */
static gboolean
resolves_to (RdPdfDoc *doc, const RdPdfObj *value, RdPdfKind kind)
{
  g_autoptr (RdPdfObj) resolved = NULL;

  if (value->kind != RD_PDF_REF)
    return value->kind == kind;
  resolved = rd_pdf_doc_resolve (doc, value, NULL);
  return resolved != NULL && resolved->kind == kind;
}

static gboolean
walk_pages (RdPdfSource *source,
            guint32      num,
            Inherited    inh,
            guint8      *visited,
            guint        depth,
            gboolean     check,
            GError     **error)
{
  g_autoptr (RdPdfObj) node = NULL;
  RdPdfObj *kids, *value;
  double    box[4];

  if (depth > RD_PDF_MAX_DEPTH)
    return malformed (error, "its page tree is nested too deeply");
  if (!rd_pdf_doc_has_object (source->doc, num))
    return malformed (error, "a page is missing");
  if (visited[num / 8] & (1u << (num % 8)))
    return malformed (error, "its page tree has a loop");
  visited[num / 8] |= (guint8) (1u << (num % 8));
  node = rd_pdf_doc_get_object (source->doc, num, error);
  if (node == NULL)
    return FALSE;
  if (node->kind != RD_PDF_DICT)
    return malformed (error, "a page is not a dictionary");

  /* A value of the wrong kind (null, missing, not a box) does not hide the
   * inherited one, as in Poppler: else the copy loses the page's fonts and
   * images, or is shown uncropped or the wrong way up. */
  if ((value = rd_pdf_dict_get (node, "Resources")) != NULL &&
      resolves_to (source->doc, value, RD_PDF_DICT))
    inh.resources = value;
  if ((value = rd_pdf_dict_get (node, "MediaBox")) != NULL && read_box (source->doc, value, box))
    inh.media_box = value;
  if ((value = rd_pdf_dict_get (node, "CropBox")) != NULL && read_box (source->doc, value, box))
    inh.crop_box = value;
  if ((value = rd_pdf_dict_get (node, "Rotate")) != NULL &&
      resolves_to (source->doc, value, RD_PDF_INT))
    inh.rotate = value;

  kids = rd_pdf_dict_get (node, "Kids");
  if (rd_pdf_obj_is_name (rd_pdf_dict_get (node, "Type"), "Page") ||
      (kids == NULL && !rd_pdf_obj_is_name (rd_pdf_dict_get (node, "Type"), "Pages")))
    return add_page (source, num, node, &inh, check, error);
  if (kids == NULL || kids->kind != RD_PDF_ARRAY)
    return malformed (error, "a node of its page tree has no pages");
  for (guint i = 0; i < kids->n; i++)
    {
      if (kids->v.items[i]->kind != RD_PDF_REF)
        return malformed (error, "a node of its page tree has no pages");
      if (!walk_pages (source, kids->v.items[i]->v.ref.num, inh, visited, depth + 1, check, error))
        return FALSE;
    }
  return TRUE;
}

static void
collect_refs (const RdPdfObj *obj, GArray *stack)
{
  switch (obj->kind)
    {
      case RD_PDF_REF:
        g_array_append_val (stack, obj->v.ref.num);
        break;
      case RD_PDF_ARRAY:
        for (guint i = 0; i < obj->n; i++)
          collect_refs (obj->v.items[i], stack);
        break;
      case RD_PDF_DICT:
      case RD_PDF_STREAM:
        for (guint i = 0; i < obj->n; i++)
          if (strcmp (obj->v.items[2 * i]->v.s, "Parent") != 0)
            collect_refs (obj->v.items[2 * i + 1], stack);
        break;
      case RD_PDF_NULL:
      case RD_PDF_BOOL:
      case RD_PDF_INT:
      case RD_PDF_REAL:
      case RD_PDF_STRING:
      case RD_PDF_NAME:
      default:
        break;
    }
}

/* Reads every object the pages' copies will reach, as rd_pdf_merge_place()
 * will, so that a damaged one refuses the file now rather than when the
 * bundle has already laid out its pages. */
static gboolean
check_reachable (RdPdfSource *source, GError **error)
{
  RdPdfDoc          *doc = source->doc;
  g_autofree guint8 *seen = g_malloc0 (rd_pdf_doc_get_size (doc) / 8 + 1);
  g_autoptr (GArray) stack = g_array_new (FALSE, FALSE, sizeof (guint32));

  for (guint i = 0; i < source->pages->len; i++)
    {
      const Page *page = &g_array_index (source->pages, Page, i);
      g_autoptr (RdPdfObj) page_obj = rd_pdf_doc_get_object (doc, page->num, error);
      RdPdfObj *value;

      if (page_obj == NULL)
        return FALSE;
      if (page->resources != NULL)
        collect_refs (page->resources, stack);
      if ((value = rd_pdf_dict_get (page_obj, "Contents")) != NULL)
        collect_refs (value, stack);
      if ((value = rd_pdf_dict_get (page_obj, "Group")) != NULL)
        collect_refs (value, stack);
      while (stack->len > 0)
        {
          guint32 num = g_array_index (stack, guint32, stack->len - 1);
          g_autoptr (RdPdfObj) obj = NULL;

          g_array_set_size (stack, stack->len - 1);
          /* A missing object is null; but in a file whose cross-reference
           * had to be rebuilt, it is what was lost: refused. */
          if (!rd_pdf_doc_has_object (doc, num) && rd_pdf_doc_is_rebuilt (doc))
            return malformed (error, "it is cut short or damaged");
          if (!rd_pdf_doc_has_object (doc, num) || (seen[num / 8] & (1u << (num % 8))))
            continue;
          seen[num / 8] |= (guint8) (1u << (num % 8));
          obj = rd_pdf_doc_get_object (doc, num, error);
          if (obj == NULL)
            return FALSE;
          if (obj->kind == RD_PDF_DICT &&
              (rd_pdf_obj_is_name (rd_pdf_dict_get (obj, "Type"), "Page") ||
               rd_pdf_obj_is_name (rd_pdf_dict_get (obj, "Type"), "Pages")))
            continue;
          collect_refs (obj, stack);
        }
    }
  return TRUE;
}

static void
clear_page (gpointer data)
{
  Page *p = data;

  rd_pdf_obj_free (p->resources);
}

static gboolean
read_pages (RdPdfSource *source, gboolean check, GError **error)
{
  g_autoptr (RdPdfObj) catalog = NULL;
  g_autofree guint8 *visited = NULL;
  const RdPdfObj    *trailer, *pages, *encrypt;
  Inherited          inh = { NULL };

  g_array_set_size (source->pages, 0);
  trailer = rd_pdf_doc_get_trailer (source->doc);
  encrypt = rd_pdf_dict_get (trailer, "Encrypt");
  if (encrypt != NULL && encrypt->kind != RD_PDF_NULL)
    return unsupported (error, "it is encrypted");
  catalog = rd_pdf_doc_resolve (source->doc, rd_pdf_dict_get (trailer, "Root"), error);
  if (catalog == NULL)
    return FALSE;
  if (catalog->kind != RD_PDF_DICT)
    return malformed (error, "its catalogue is not a dictionary");
  if (check && rd_pdf_dict_get (catalog, "OCProperties") != NULL)
    return unsupported (error, "it has optional content");
  pages = rd_pdf_dict_get (catalog, "Pages");
  if (pages == NULL || pages->kind != RD_PDF_REF)
    return malformed (error, "it has no pages");
  visited = g_malloc0 (rd_pdf_doc_get_size (source->doc) / 8 + 1);
  if (!walk_pages (source, pages->v.ref.num, inh, visited, 0, check, error))
    return FALSE;
  if (source->pages->len == 0)
    return malformed (error, "it has no pages");
  if (check && !check_reachable (source, error))
    return FALSE;
  return TRUE;
}

static RdPdfSource *
source_open (GBytes *bytes, gboolean check, GError **error)
{
  g_autoptr (RdPdfSource) source = g_new0 (RdPdfSource, 1);
  g_autoptr (GError) local = NULL;

  source->pages = g_array_new (FALSE, TRUE, sizeof (Page));
  g_array_set_clear_func (source->pages, clear_page);
  source->doc = rd_pdf_doc_new (bytes, error);
  if (source->doc == NULL)
    return NULL;
  if (read_pages (source, check, &local))
    return g_steal_pointer (&source);
  /* A cross-reference table that points at the wrong places: found again
   * by scanning, as viewers do, and read once more. */
  if (!g_error_matches (local, RD_PDF_COPY_ERROR, RD_PDF_COPY_ERROR_MALFORMED) ||
      rd_pdf_doc_is_rebuilt (source->doc) || !rd_pdf_doc_rebuild (source->doc, NULL))
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return NULL;
    }
  if (!read_pages (source, check, error))
    return NULL;
  return g_steal_pointer (&source);
}

/* Merge: output */

static gint merge_serial; /* atomic: merges may be made in several threads */

static gboolean
flush_buffer (RdPdfMerge *merge, GCancellable *cancellable, GError **error)
{
  gsize written = 0;

  if (merge->buffer->len == 0)
    return TRUE;
  if (!g_output_stream_write_all (merge->output, merge->buffer->str, merge->buffer->len, &written,
                                  cancellable, error))
    {
      merge->failed = TRUE;
      return FALSE;
    }
  merge->flushed += written;
  g_string_truncate (merge->buffer, 0);
  return TRUE;
}

static guint64
output_offset (RdPdfMerge *merge)
{
  return merge->flushed + merge->buffer->len;
}

static guint32
new_number (RdPdfMerge *merge)
{
  guint64 zero = 0;

  g_array_append_val (merge->offsets, zero);
  return merge->offsets->len;
}

static void
begin_object (RdPdfMerge *merge, guint32 num)
{
  g_array_index (merge->offsets, guint64, num - 1) = output_offset (merge);
  rd_pdf_write_int (merge->buffer, num);
  g_string_append (merge->buffer, " 0 obj\n");
}

/* Writes a stream's data, through the buffer or, when large, directly. */
static gboolean
write_stream_data (RdPdfMerge   *merge,
                   const guint8 *data,
                   gsize         len,
                   GCancellable *cancellable,
                   GError      **error)
{
  g_string_append (merge->buffer, "stream\n");
  if (len < BUFFER_SIZE)
    g_string_append_len (merge->buffer, (const char *) data, (gssize) len);
  else
    {
      gsize written = 0;

      if (!flush_buffer (merge, cancellable, error))
        return FALSE;
      if (!g_output_stream_write_all (merge->output, data, len, &written, cancellable, error))
        {
          merge->failed = TRUE;
          return FALSE;
        }
      merge->flushed += written;
    }
  g_string_append (merge->buffer, "\nendstream\nendobj\n");
  if (merge->buffer->len >= BUFFER_SIZE)
    return flush_buffer (merge, cancellable, error);
  return TRUE;
}

/* Copying a document's objects */

typedef struct
{
  RdPdfMerge *merge;
  RdPdfDoc   *doc;
  guint32    *map;
  gboolean    is_source; /* a source's pages and /Parent links are not followed */
} Copy;

static guint32
map_ref (gpointer user_data, guint32 num)
{
  Copy *copy = user_data;

  if (!rd_pdf_doc_has_object (copy->doc, num))
    return 0;
  if (copy->map[num] == 0)
    {
      copy->map[num] = new_number (copy->merge);
      g_array_append_val (copy->merge->pending, num);
    }
  return copy->map[num];
}

static gboolean
write_copied_object (Copy           *copy,
                     guint32         out,
                     const RdPdfObj *obj,
                     GCancellable   *cancellable,
                     GError        **error)
{
  static const char *const stream_skip[] = { "Length", NULL };
  RdPdfMerge              *merge = copy->merge;
  gsize                    len;
  const guint8            *data;

  begin_object (merge, out);
  if (copy->is_source && obj->kind == RD_PDF_DICT &&
      (rd_pdf_obj_is_name (rd_pdf_dict_get (obj, "Type"), "Page") ||
       rd_pdf_obj_is_name (rd_pdf_dict_get (obj, "Type"), "Pages")))
    {
      /* Another page of the source is not part of this one. */
      g_string_append (merge->buffer, "null\nendobj\n");
      return TRUE;
    }
  if (obj->kind != RD_PDF_STREAM)
    {
      rd_pdf_write_value (merge->buffer, obj, map_ref, copy, copy->is_source);
      g_string_append (merge->buffer, "\nendobj\n");
      if (merge->buffer->len >= BUFFER_SIZE)
        return flush_buffer (merge, cancellable, error);
      return TRUE;
    }
  g_string_append (merge->buffer, "<<");
  rd_pdf_write_dict_entries (merge->buffer, obj, stream_skip, map_ref, copy, copy->is_source);
  g_string_append (merge->buffer, "/Length ");
  rd_pdf_write_int (merge->buffer, (gint64) obj->stream_len);
  g_string_append (merge->buffer, ">>\n");
  data = rd_pdf_doc_get_data (copy->doc, &len);
  return write_stream_data (merge, data + obj->stream_start, obj->stream_len, cancellable, error);
}

/* Writes every object queued in merge->pending, and what they refer to. */
static gboolean
drain (Copy *copy, GCancellable *cancellable, GError **error)
{
  GArray *pending = copy->merge->pending;
  guint   count = 0;

  while (pending->len > 0)
    {
      guint32 num = g_array_index (pending, guint32, pending->len - 1);
      g_autoptr (RdPdfObj) obj = NULL;

      g_array_set_size (pending, pending->len - 1);
      if (++count % CANCEL_EVERY == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      obj = rd_pdf_doc_get_object (copy->doc, num, error);
      if (obj == NULL)
        return FALSE;
      if (!write_copied_object (copy, copy->map[num], obj, cancellable, error))
        return FALSE;
    }
  return TRUE;
}

/* Placing */

static void
page_matrix (const Page *page, double x, double y, double w, double h, double m[6])
{
  const double *b = page->box;
  double        bw = b[2] - b[0], bh = b[3] - b[1];
  gboolean      sideways = page->rotate == 90 || page->rotate == 270;
  double        sx = w / (sideways ? bh : bw), sy = h / (sideways ? bw : bh);

  /* (u, v) on the page, from its box's corner, is shown turned clockwise by
   * /Rotate; the shown box is then scaled into the rectangle at (x, y). */
  switch (page->rotate)
    {
      case 90: /* shown (v, bw - u) */
        m[0] = 0, m[1] = -sy, m[2] = sx, m[3] = 0;
        m[4] = x - sx * b[1], m[5] = y + sy * (bw + b[0]);
        break;
      case 180: /* shown (bw - u, bh - v) */
        m[0] = -sx, m[1] = 0, m[2] = 0, m[3] = -sy;
        m[4] = x + sx * (bw + b[0]), m[5] = y + sy * (bh + b[1]);
        break;
      case 270: /* shown (bh - v, u) */
        m[0] = 0, m[1] = sy, m[2] = -sx, m[3] = 0;
        m[4] = x + sx * (bh + b[1]), m[5] = y - sy * b[0];
        break;
      default:
        m[0] = sx, m[1] = 0, m[2] = 0, m[3] = sy;
        m[4] = x - sx * b[0], m[5] = y - sy * b[1];
        break;
    }
}

/* The resource name under which the placed form is drawn: one the page's own
 * /XObject dictionary does not hold. */
static char *
placed_name (const RdPdfObj *xobjects, guint32 form)
{
  char *name = g_strdup_printf ("RdPlaced%u", form);

  while (rd_pdf_dict_get (xobjects, name) != NULL)
    {
      char *longer = g_strconcat (name, "x", NULL);

      g_free (name);
      name = longer;
    }
  return name;
}

static RdPdfObj *
skeleton_xobjects (RdPdfMerge *merge, const Page *page, GError **error)
{
  RdPdfDoc *doc = merge->skeleton->doc;
  g_autoptr (RdPdfObj) resources = rd_pdf_doc_resolve (doc, page->resources, error);

  if (resources == NULL)
    return NULL;
  return rd_pdf_doc_resolve (doc, rd_pdf_dict_get (resources, "XObject"), error);
}

static gboolean
write_form (Copy *copy, guint32 form, const Page *page, GCancellable *cancellable, GError **error)
{
  RdPdfMerge *merge = copy->merge;
  RdPdfDoc   *doc = copy->doc;
  g_autoptr (RdPdfObj) page_obj = rd_pdf_doc_get_object (doc, page->num, error);
  g_autoptr (RdPdfObj) contents = NULL;
  g_autoptr (GBytes) joined = NULL;
  GString      *out = merge->buffer;
  RdPdfObj     *group;
  const guint8 *data;
  gsize         len;

  if (page_obj == NULL)
    return FALSE;
  contents = page_contents (doc, page_obj, error);
  if (contents == NULL)
    return FALSE;
  if (contents->kind == RD_PDF_ARRAY)
    {
      g_autoptr (GByteArray) all = g_byte_array_new ();

      for (guint i = 0; i < contents->n; i++)
        {
          g_autoptr (RdPdfObj) stream = rd_pdf_doc_resolve (doc, contents->v.items[i], error);
          g_autoptr (GBytes) decoded = NULL;
          gsize         n;
          const guint8 *d;

          if (stream == NULL)
            return FALSE;
          if (stream->kind != RD_PDF_STREAM)
            continue;
          decoded = rd_pdf_doc_decode_stream (doc, stream, error);
          if (decoded == NULL)
            return FALSE;
          d = g_bytes_get_data (decoded, &n);
          g_byte_array_append (all, d, (guint) n);
          g_byte_array_append (all, (const guint8 *) "\n", 1);
        }
      joined = rd_pdf_deflate (all->data, all->len, error);
      if (joined == NULL)
        return FALSE;
    }

  begin_object (merge, form);
  g_string_append (out, "<</Type/XObject/Subtype/Form/FormType 1/BBox[");
  for (int i = 0; i < 4; i++)
    {
      if (i > 0)
        g_string_append_c (out, ' ');
      rd_pdf_write_real (out, page->box[i]);
    }
  g_string_append (out, "]\n/Resources ");
  if (page->resources != NULL)
    rd_pdf_write_value (out, page->resources, map_ref, copy, TRUE);
  else
    g_string_append (out, "<<>>");
  group = rd_pdf_dict_get (page_obj, "Group");
  if (group != NULL)
    {
      g_string_append (out, "\n/Group ");
      rd_pdf_write_value (out, group, map_ref, copy, TRUE);
    }
  g_string_append (out, "\n");
  if (contents->kind == RD_PDF_STREAM)
    {
      RdPdfObj *filter = rd_pdf_dict_get (contents, "Filter");
      RdPdfObj *params = rd_pdf_dict_get (contents, "DecodeParms");

      if (filter != NULL)
        {
          g_string_append (out, "/Filter ");
          rd_pdf_write_value (out, filter, map_ref, copy, TRUE);
          g_string_append_c (out, '\n');
        }
      if (params != NULL)
        {
          g_string_append (out, "/DecodeParms ");
          rd_pdf_write_value (out, params, map_ref, copy, TRUE);
          g_string_append_c (out, '\n');
        }
      data = rd_pdf_doc_get_data (doc, &len);
      data += contents->stream_start;
      len = contents->stream_len;
    }
  else if (joined != NULL)
    {
      g_string_append (out, "/Filter/FlateDecode");
      data = g_bytes_get_data (joined, &len);
    }
  else
    {
      data = (const guint8 *) "";
      len = 0;
    }
  g_string_append (out, "/Length ");
  rd_pdf_write_int (out, (gint64) len);
  g_string_append (out, ">>\n");
  return write_stream_data (merge, data, len, cancellable, error);
}

/* Finishing: the skeleton's pages */

static gboolean
write_skeleton_page (Copy           *copy,
                     guint32         out,
                     const RdPdfObj *obj,
                     const Page     *page,
                     const Placed   *placed,
                     GCancellable   *cancellable,
                     GError        **error)
{
  static const char *const skip[] = { "Contents", "Resources", NULL };
  static const char *const skip_xobject[] = { "XObject", NULL };
  GString                 *b = copy->merge->buffer;
  g_autoptr (RdPdfObj) resources = rd_pdf_doc_resolve (copy->doc, page->resources, error);
  g_autoptr (RdPdfObj) xobjects = NULL;
  g_autofree char *name = NULL;
  RdPdfObj        *contents = rd_pdf_dict_get (obj, "Contents");

  if (resources == NULL)
    return FALSE;
  xobjects = rd_pdf_doc_resolve (copy->doc, rd_pdf_dict_get (resources, "XObject"), error);
  if (xobjects == NULL)
    return FALSE;
  name = placed_name (xobjects, placed->form);

  begin_object (copy->merge, out);
  g_string_append (b, "<<");
  rd_pdf_write_dict_entries (b, obj, skip, map_ref, copy, FALSE);
  g_string_append (b, "/Contents[");
  rd_pdf_write_int (b, placed->content);
  g_string_append (b, " 0 R");
  if (contents != NULL && contents->kind == RD_PDF_ARRAY)
    for (guint i = 0; i < contents->n; i++)
      {
        g_string_append_c (b, ' ');
        rd_pdf_write_value (b, contents->v.items[i], map_ref, copy, FALSE);
      }
  else if (contents != NULL)
    {
      g_string_append_c (b, ' ');
      rd_pdf_write_value (b, contents, map_ref, copy, FALSE);
    }
  g_string_append (b, "]\n/Resources<<");
  if (resources->kind == RD_PDF_DICT)
    rd_pdf_write_dict_entries (b, resources, skip_xobject, map_ref, copy, FALSE);
  g_string_append (b, "/XObject<<");
  if (xobjects->kind == RD_PDF_DICT)
    rd_pdf_write_dict_entries (b, xobjects, NULL, map_ref, copy, FALSE);
  rd_pdf_write_name (b, name);
  g_string_append_c (b, ' ');
  rd_pdf_write_int (b, placed->form);
  g_string_append (b, " 0 R>>>>>>\nendobj\n");
  if (b->len >= BUFFER_SIZE)
    return flush_buffer (copy->merge, cancellable, error);
  return TRUE;
}

/* Public API: source */

RdPdfSource *
rd_pdf_source_new (GBytes *bytes, GError **error)
{
  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return source_open (bytes, TRUE, error);
}

gboolean
_rd_pdf_source_was_rebuilt (RdPdfSource *source)
{
  g_return_val_if_fail (source != NULL, FALSE);
  return rd_pdf_doc_is_rebuilt (source->doc);
}

void
rd_pdf_source_free (RdPdfSource *source)
{
  if (source == NULL)
    return;
  if (source->pages != NULL)
    g_array_unref (source->pages);
  rd_pdf_doc_free (source->doc);
  g_free (source->map);
  g_free (source);
}

guint
rd_pdf_source_get_n_pages (RdPdfSource *source)
{
  g_return_val_if_fail (source != NULL, 0);
  return source->pages->len;
}

void
rd_pdf_source_get_page_size (RdPdfSource *source, guint page, double *width, double *height)
{
  const Page *p;
  double      w, h;

  g_return_if_fail (source != NULL);
  g_return_if_fail (page < source->pages->len);

  p = &g_array_index (source->pages, Page, page);
  w = p->box[2] - p->box[0];
  h = p->box[3] - p->box[1];
  if (p->rotate == 90 || p->rotate == 270)
    {
      double t = w;

      w = h;
      h = t;
    }
  if (width != NULL)
    *width = w;
  if (height != NULL)
    *height = h;
}

/* Public API: merge */

RdPdfMerge *
rd_pdf_merge_new (GFile *skeleton, GOutputStream *output, GError **error)
{
  g_autoptr (RdPdfMerge) merge = NULL;
  g_autoptr (GBytes) bytes = NULL;
  g_autofree char *path = NULL;

  g_return_val_if_fail (G_IS_FILE (skeleton), NULL);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (output), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  merge = g_new0 (RdPdfMerge, 1);
  merge->id = (guint) g_atomic_int_add (&merge_serial, 1) + 1;
  merge->output = g_object_ref (output);
  merge->offsets = g_array_new (FALSE, FALSE, sizeof (guint64));
  merge->pending = g_array_new (FALSE, FALSE, sizeof (guint32));
  merge->buffer = g_string_sized_new (BUFFER_SIZE + 4096);
  merge->last_target = -1;

  path = g_file_get_path (skeleton);
  if (path != NULL)
    {
      merge->mapped = g_mapped_file_new (path, FALSE, error);
      if (merge->mapped == NULL)
        return NULL;
      bytes = g_mapped_file_get_bytes (merge->mapped);
    }
  else
    {
      char *contents = NULL;
      gsize len = 0;

      if (!g_file_load_contents (skeleton, NULL, &contents, &len, NULL, error))
        return NULL;
      bytes = g_bytes_new_take (contents, len);
    }
  merge->skeleton = source_open (bytes, FALSE, error);
  if (merge->skeleton == NULL)
    return NULL;
  merge->skeleton_map = g_new0 (guint32, rd_pdf_doc_get_size (merge->skeleton->doc));
  merge->placed = g_new0 (Placed, merge->skeleton->pages->len);

  g_string_append (merge->buffer, "%PDF-1.7\n%\xe2\xe3\xcf\xd3\n");
  return g_steal_pointer (&merge);
}

gboolean
rd_pdf_merge_place (RdPdfMerge   *merge,
                    guint         target_page,
                    RdPdfSource  *source,
                    guint         source_page,
                    double        x,
                    double        y,
                    double        width,
                    double        height,
                    GCancellable *cancellable,
                    GError      **error)
{
  Copy        copy;
  const Page *page, *target;
  Placed      placed;
  double      m[6];
  g_autoptr (RdPdfObj) xobjects = NULL;
  g_autofree char *name = NULL;
  GString         *b = merge->buffer;

  g_return_val_if_fail (merge != NULL, FALSE);
  g_return_val_if_fail (source != NULL, FALSE);
  g_return_val_if_fail (source_page < source->pages->len, FALSE);
  g_return_val_if_fail (target_page < merge->skeleton->pages->len, FALSE);
  g_return_val_if_fail ((gint64) target_page > merge->last_target, FALSE);
  g_return_val_if_fail (!merge->finished, FALSE);
  g_return_val_if_fail (width > 0 && height > 0 && isfinite (x) && isfinite (y), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (merge->failed)
    return malformed (error, "an earlier write failed");
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  if (source->merge_id != merge->id)
    {
      g_free (source->map);
      source->map = g_new0 (guint32, rd_pdf_doc_get_size (source->doc));
      source->merge_id = merge->id;
    }
  page = &g_array_index (source->pages, Page, source_page);
  target = &g_array_index (merge->skeleton->pages, Page, target_page);
  xobjects = skeleton_xobjects (merge, target, error);
  if (xobjects == NULL)
    return FALSE;

  copy.merge = merge;
  copy.doc = source->doc;
  copy.map = source->map;
  copy.is_source = TRUE;
  g_array_set_size (merge->pending, 0);
  placed.form = new_number (merge);
  placed.content = new_number (merge);
  if (!write_form (&copy, placed.form, page, cancellable, error) ||
      !drain (&copy, cancellable, error))
    return FALSE;

  /* Cairo's rectangle from the top left, to PDF's space from the bottom left. */
  page_matrix (page, target->media[0] + x, target->media[3] - y - height, width, height, m);
  name = placed_name (xobjects, placed.form);
  begin_object (merge, placed.content);
  {
    g_autoptr (GString) ops = g_string_new ("q ");

    for (int i = 0; i < 6; i++)
      {
        rd_pdf_write_real (ops, m[i]);
        g_string_append_c (ops, ' ');
      }
    g_string_append (ops, "cm ");
    rd_pdf_write_name (ops, name);
    g_string_append (ops, " Do Q\n");
    g_string_append (b, "<</Length ");
    rd_pdf_write_int (b, (gint64) ops->len);
    g_string_append (b, ">>\n");
    if (!write_stream_data (merge, (const guint8 *) ops->str, ops->len, cancellable, error))
      return FALSE;
  }
  merge->placed[target_page] = placed;
  merge->last_target = target_page;
  return TRUE;
}

gboolean
rd_pdf_merge_finish (RdPdfMerge *merge, GCancellable *cancellable, GError **error)
{
  RdPdfDoc       *doc;
  const RdPdfObj *trailer;
  RdPdfObj       *root, *info;
  GHashTable     *page_index;
  Copy            copy;
  guint32         root_out, info_out = 0;
  guint64         xref_offset;
  guint           count = 0;
  GString        *b = merge->buffer;
  GChecksum      *checksum;
  const char     *id;

  g_return_val_if_fail (merge != NULL, FALSE);
  g_return_val_if_fail (!merge->finished, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (merge->failed)
    return malformed (error, "an earlier write failed");
  merge->finished = TRUE;
  doc = merge->skeleton->doc;
  trailer = rd_pdf_doc_get_trailer (doc);
  root = rd_pdf_dict_get (trailer, "Root");
  info = rd_pdf_dict_get (trailer, "Info");
  copy.merge = merge;
  copy.doc = doc;
  copy.map = merge->skeleton_map;
  copy.is_source = FALSE;
  g_array_set_size (merge->pending, 0);
  if (root == NULL || root->kind != RD_PDF_REF ||
      (root_out = map_ref (&copy, root->v.ref.num)) == 0)
    return malformed (error, "the skeleton has no catalogue");
  if (info != NULL && info->kind == RD_PDF_REF)
    info_out = map_ref (&copy, info->v.ref.num);

  /* Skeleton page object number -> its index, to find placed pages. */
  page_index = g_hash_table_new (NULL, NULL);
  for (guint i = 0; i < merge->skeleton->pages->len; i++)
    if (merge->placed[i].form != 0)
      g_hash_table_insert (page_index,
                           GUINT_TO_POINTER (g_array_index (merge->skeleton->pages, Page, i).num),
                           GUINT_TO_POINTER (i + 1));

  while (merge->pending->len > 0)
    {
      guint32 num = g_array_index (merge->pending, guint32, merge->pending->len - 1);
      g_autoptr (RdPdfObj) obj = NULL;
      guint    index;
      gboolean ok;

      g_array_set_size (merge->pending, merge->pending->len - 1);
      if (++count % CANCEL_EVERY == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
        {
          g_hash_table_unref (page_index);
          return FALSE;
        }
      obj = rd_pdf_doc_get_object (doc, num, error);
      index = GPOINTER_TO_UINT (g_hash_table_lookup (page_index, GUINT_TO_POINTER (num)));
      if (obj == NULL)
        ok = FALSE;
      else if (index != 0 && obj->kind == RD_PDF_DICT)
        ok = write_skeleton_page (&copy, copy.map[num], obj,
                                  &g_array_index (merge->skeleton->pages, Page, index - 1),
                                  &merge->placed[index - 1], cancellable, error);
      else
        ok = write_copied_object (&copy, copy.map[num], obj, cancellable, error);
      if (!ok)
        {
          g_hash_table_unref (page_index);
          return FALSE;
        }
    }
  g_hash_table_unref (page_index);

  /* The cross-reference table: objects never written (a placement that
   * failed half way) are free. */
  xref_offset = output_offset (merge);
  g_string_append (b, "xref\n0 ");
  rd_pdf_write_int (b, merge->offsets->len + 1);
  g_string_append (b, "\n0000000000 65535 f \n");
  for (guint i = 0; i < merge->offsets->len; i++)
    {
      guint64 offset = g_array_index (merge->offsets, guint64, i);
      char    line[24];

      if (offset == 0)
        g_string_append (b, "0000000000 65535 f \n");
      else
        {
          for (int k = 9; k >= 0; k--, offset /= 10)
            line[k] = (char) ('0' + offset % 10);
          memcpy (line + 10, " 00000 n \n", 10);
          g_string_append_len (b, line, 20);
        }
      if (b->len >= BUFFER_SIZE && !flush_buffer (merge, cancellable, error))
        return FALSE;
    }

  checksum = g_checksum_new (G_CHECKSUM_MD5);
  g_checksum_update (checksum, (const guint8 *) &xref_offset, sizeof xref_offset);
  g_checksum_update (checksum, (const guint8 *) merge->offsets->data,
                     merge->offsets->len * sizeof (guint64));
  id = g_checksum_get_string (checksum);
  g_string_append (b, "trailer\n<</Size ");
  rd_pdf_write_int (b, merge->offsets->len + 1);
  g_string_append (b, "/Root ");
  rd_pdf_write_int (b, root_out);
  g_string_append (b, " 0 R");
  if (info_out != 0)
    {
      g_string_append (b, "/Info ");
      rd_pdf_write_int (b, info_out);
      g_string_append (b, " 0 R");
    }
  g_string_append_printf (b, "/ID[<%s><%s>]>>\nstartxref\n", id, id);
  g_checksum_free (checksum);
  rd_pdf_write_int (b, (gint64) xref_offset);
  g_string_append (b, "\n%%EOF\n");
  return flush_buffer (merge, cancellable, error);
}

void
rd_pdf_merge_free (RdPdfMerge *merge)
{
  if (merge == NULL)
    return;
  g_clear_object (&merge->output);
  rd_pdf_source_free (merge->skeleton);
  g_clear_pointer (&merge->mapped, g_mapped_file_unref);
  g_free (merge->skeleton_map);
  g_free (merge->placed);
  if (merge->offsets != NULL)
    g_array_unref (merge->offsets);
  if (merge->pending != NULL)
    g_array_unref (merge->pending);
  if (merge->buffer != NULL)
    g_string_free (merge->buffer, TRUE);
  g_free (merge);
}

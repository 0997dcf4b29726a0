/* rd-pdf-doc.c: a PDF's cross-reference data (tables, streams, incremental
 * updates, object streams) and its objects, for the PDF page copier.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "rd-pdf-copy.h"
#include "rd-pdf-syntax.h"

/* More objects than this is a damaged number, not a document. */
#define MAX_OBJECTS (1u << 23)
/* Decoded streams larger than this are refused (a "zip bomb"). */
#define MAX_DECODED  ((gsize) 128 * 1024 * 1024)
#define MAX_SECTIONS 256

enum
{
  ENTRY_UNSET,
  ENTRY_FILE,
  ENTRY_COMPRESSED,
  ENTRY_FREE,
};

typedef struct
{
  guint64 offset; /* ENTRY_FILE: byte offset; ENTRY_COMPRESSED: object stream number */
  guint32 index;  /* ENTRY_COMPRESSED: index within the object stream */
  guint8  type;
} XrefEntry;

typedef struct
{
  GBytes  *data; /* decoded */
  guint32  n;
  guint32 *nums;    /* n object numbers */
  gsize   *offsets; /* n offsets in data, from /First */
} ObjStm;

struct _RdPdfDoc
{
  GBytes       *bytes; /* owned */
  const guint8 *data;
  gsize         len;
  XrefEntry    *xref; /* owned, n_xref entries */
  guint32       n_xref;
  RdPdfObj     *trailer; /* owned */
  GHashTable   *objstms; /* object stream number -> ObjStm, owned */
  guint         depth;   /* of nested object look-ups (/Length, object streams) */
  gboolean      rebuilt; /* the cross-reference found by scanning, not read */
  /* The last search for "endstream": from where, and what it found
   * (G_MAXSIZE: none), so that many streams with a wrong /Length in a
   * damaged file do not each search the rest of it. */
  gsize endstream_from;
  gsize endstream_at;
};

static gboolean
malformed (GError **error, const char *what)
{
  g_set_error (error, RD_PDF_COPY_ERROR, RD_PDF_COPY_ERROR_MALFORMED, "Damaged PDF: %s.", what);
  return FALSE;
}

static void
objstm_free (gpointer data)
{
  ObjStm *stm = data;

  g_bytes_unref (stm->data);
  g_free (stm->nums);
  g_free (stm->offsets);
  g_free (stm);
}

const guint8 *
rd_pdf_doc_get_data (RdPdfDoc *doc, gsize *len)
{
  *len = doc->len;
  return doc->data;
}

gsize
rd_pdf_doc_find_endstream (RdPdfDoc *doc, gsize start)
{
  const char *needle = "endstream";
  gsize       from = start;

  if (doc->endstream_from != G_MAXSIZE && start >= doc->endstream_from &&
      (doc->endstream_at == G_MAXSIZE || start <= doc->endstream_at))
    return doc->endstream_at;
  doc->endstream_from = start;
  doc->endstream_at = G_MAXSIZE;
  while (from + 9 <= doc->len)
    {
      const guint8 *hit = memchr (doc->data + from, 'e', doc->len - from - 8);

      if (hit == NULL)
        break;
      if (memcmp (hit, needle, 9) == 0)
        {
          doc->endstream_at = (gsize) (hit - doc->data);
          break;
        }
      from = (gsize) (hit - doc->data) + 1;
    }
  return doc->endstream_at;
}

const RdPdfObj *
rd_pdf_doc_get_trailer (RdPdfDoc *doc)
{
  return doc->trailer;
}

guint32
rd_pdf_doc_get_size (RdPdfDoc *doc)
{
  return doc->n_xref;
}

gboolean
rd_pdf_doc_has_object (RdPdfDoc *doc, guint32 num)
{
  return num < doc->n_xref &&
         (doc->xref[num].type == ENTRY_FILE || doc->xref[num].type == ENTRY_COMPRESSED);
}

static gboolean
ensure_entries (RdPdfDoc *doc, guint64 size, GError **error)
{
  guint32 n;

  if (size <= doc->n_xref)
    return TRUE;
  if (size > MAX_OBJECTS)
    return malformed (error, "the cross-reference table is too large");
  n = MAX ((guint32) size, MIN (doc->n_xref * 2, MAX_OBJECTS));
  doc->xref = g_renew (XrefEntry, doc->xref, n);
  memset (doc->xref + doc->n_xref, 0, (n - doc->n_xref) * sizeof (XrefEntry));
  doc->n_xref = n;
  return TRUE;
}

/* Flate */

static GBytes *
run_converter (GConverter *converter, const guint8 *data, gsize len, GError **error)
{
  GByteArray *out = g_byte_array_sized_new (MAX (len * 3, 4096));
  gsize       in_pos = 0, out_len = 0;

  while (TRUE)
    {
      gsize            read = 0, written = 0;
      GConverterResult result;
      g_autoptr (GError) local = NULL;

      if (out->len - out_len < 4096)
        {
          if (out->len >= MAX_DECODED)
            {
              g_byte_array_unref (out);
              g_set_error_literal (error, RD_PDF_COPY_ERROR, RD_PDF_COPY_ERROR_UNSUPPORTED,
                                   "A stream decodes to more data than the copier takes.");
              return NULL;
            }
          g_byte_array_set_size (out, MAX (out->len * 2, 4096));
        }
      result = g_converter_convert (converter, data + in_pos, len - in_pos, out->data + out_len,
                                    out->len - out_len, G_CONVERTER_INPUT_AT_END, &read, &written,
                                    &local);
      in_pos += read;
      out_len += written;
      if (result == G_CONVERTER_FINISHED)
        break;
      if (result == G_CONVERTER_ERROR)
        {
          if (g_error_matches (local, G_IO_ERROR, G_IO_ERROR_NO_SPACE))
            {
              g_byte_array_set_size (out, out->len * 2);
              continue;
            }
          g_byte_array_unref (out);
          malformed (error, "a compressed stream cannot be decompressed");
          return NULL;
        }
      if (read == 0 && written == 0 && in_pos >= len)
        break;
    }
  g_byte_array_set_size (out, (guint) out_len);
  return g_byte_array_free_to_bytes (out);
}

GBytes *
rd_pdf_deflate (const guint8 *data, gsize len, GError **error)
{
  g_autoptr (GZlibCompressor) compressor = g_zlib_compressor_new (G_ZLIB_COMPRESSOR_FORMAT_ZLIB, 6);

  return run_converter (G_CONVERTER (compressor), data, len, error);
}

static GBytes *
inflate (const guint8 *data, gsize len, GError **error)
{
  g_autoptr (GZlibDecompressor)
                 decompressor = g_zlib_decompressor_new (G_ZLIB_COMPRESSOR_FORMAT_ZLIB);

  return run_converter (G_CONVERTER (decompressor), data, len, error);
}

static int
get_int_param (const RdPdfObj *params, const char *key, int fallback)
{
  RdPdfObj *value = rd_pdf_dict_get (params, key);

  if (value == NULL || value->kind != RD_PDF_INT || value->v.i < 0 || value->v.i > 1 << 20)
    return fallback;
  return (int) value->v.i;
}

/* Undoes PNG predictors (/Predictor 10 to 15), rows each led by a filter type. */
static GBytes *
unpredict (GBytes *input, const RdPdfObj *params, GError **error)
{
  int           predictor = get_int_param (params, "Predictor", 1);
  int           colors = get_int_param (params, "Colors", 1);
  int           bpc = get_int_param (params, "BitsPerComponent", 8);
  int           columns = get_int_param (params, "Columns", 1);
  gsize         in_len, bpp, row_len, n_rows;
  const guint8 *in = g_bytes_get_data (input, &in_len);
  guint8       *out, *prev;

  if (predictor == 1)
    return g_bytes_ref (input);
  if (predictor < 10 || predictor > 15 || colors < 1 || colors > 32 || bpc < 1 || bpc > 16 ||
      columns < 1)
    {
      g_set_error_literal (error, RD_PDF_COPY_ERROR, RD_PDF_COPY_ERROR_UNSUPPORTED,
                           "A stream uses a predictor the copier does not read.");
      return NULL;
    }
  bpp = MAX (1, (gsize) colors * bpc / 8);
  row_len = ((gsize) colors * bpc * columns + 7) / 8;
  if (row_len >= in_len)
    return g_bytes_new (NULL, 0); /* not a row: nothing */
  n_rows = in_len / (row_len + 1);
  out = g_malloc0 (MAX (n_rows * row_len, 1));
  prev = g_malloc0 (row_len);
  for (gsize r = 0; r < n_rows; r++)
    {
      const guint8 *src = in + r * (row_len + 1) + 1;
      guint8        type = src[-1];
      guint8       *row = out + r * row_len;

      for (gsize i = 0; i < row_len; i++)
        {
          guint a = i >= bpp ? row[i - bpp] : 0;
          guint b = prev[i];
          guint c = i >= bpp ? prev[i - bpp] : 0;
          guint v = src[i];

          switch (type)
            {
              case 0:
                break;
              case 1:
                v += a;
                break;
              case 2:
                v += b;
                break;
              case 3:
                v += (a + b) / 2;
                break;
              case 4:
                {
                  int pa = abs ((int) b - (int) c), pb = abs ((int) a - (int) c),
                      pc = abs ((int) a + (int) b - 2 * (int) c);

                  v += (pa <= pb && pa <= pc) ? a : (pb <= pc ? b : c);
                }
                break;
              default:
                g_free (out);
                g_free (prev);
                malformed (error, "a predicted stream has an unknown row type");
                return NULL;
            }
          row[i] = (guint8) v;
        }
      memcpy (prev, row, row_len);
    }
  g_free (prev);
  return g_bytes_new_take (out, n_rows * row_len);
}

gboolean
rd_pdf_stream_is_plain_flate (const RdPdfObj *stream, gboolean *compressed)
{
  RdPdfObj *filter = rd_pdf_dict_get (stream, "Filter");
  RdPdfObj *params = rd_pdf_dict_get (stream, "DecodeParms");

  if (filter != NULL && filter->kind == RD_PDF_ARRAY && filter->n == 1)
    filter = filter->v.items[0];
  if (filter != NULL && filter->kind == RD_PDF_ARRAY && filter->n == 0)
    filter = NULL;
  if (filter != NULL && filter->kind == RD_PDF_NULL)
    filter = NULL;
  if (params != NULL && params->kind != RD_PDF_NULL &&
      !(params->kind == RD_PDF_ARRAY && params->n == 0) &&
      !(params->kind == RD_PDF_DICT && params->n == 0))
    return FALSE;
  if (filter == NULL)
    {
      *compressed = FALSE;
      return TRUE;
    }
  if (rd_pdf_obj_is_name (filter, "FlateDecode") || rd_pdf_obj_is_name (filter, "Fl"))
    {
      *compressed = TRUE;
      return TRUE;
    }
  return FALSE;
}

GBytes *
rd_pdf_doc_decode_stream (RdPdfDoc *doc, const RdPdfObj *stream, GError **error)
{
  RdPdfObj     *filter = rd_pdf_dict_get (stream, "Filter");
  RdPdfObj     *params = rd_pdf_dict_get (stream, "DecodeParms");
  const guint8 *raw = doc->data + stream->stream_start;
  g_autoptr (GBytes) inflated = NULL;

  g_assert (stream->kind == RD_PDF_STREAM);
  if (filter != NULL && filter->kind == RD_PDF_ARRAY && filter->n == 1)
    {
      filter = filter->v.items[0];
      if (params != NULL && params->kind == RD_PDF_ARRAY)
        params = params->n == 1 ? params->v.items[0] : NULL;
    }
  if (filter == NULL || filter->kind == RD_PDF_NULL)
    return g_bytes_new (raw, stream->stream_len);
  if (!rd_pdf_obj_is_name (filter, "FlateDecode") && !rd_pdf_obj_is_name (filter, "Fl"))
    {
      g_set_error_literal (error, RD_PDF_COPY_ERROR, RD_PDF_COPY_ERROR_UNSUPPORTED,
                           "A stream has a filter the copier does not decode.");
      return NULL;
    }
  if (params != NULL && params->kind == RD_PDF_REF)
    params = NULL; /* indirect parameters are too rare to be worth reading */
  inflated = inflate (raw, stream->stream_len, error);
  if (inflated == NULL)
    return NULL;
  if (params == NULL || params->kind != RD_PDF_DICT)
    return g_steal_pointer (&inflated);
  return unpredict (inflated, params, error);
}

/* Objects */

static ObjStm *
load_objstm (RdPdfDoc *doc, guint32 num, GError **error)
{
  ObjStm *stm = g_hash_table_lookup (doc->objstms, GUINT_TO_POINTER (num));
  g_autoptr (RdPdfObj) stream = NULL;
  g_autoptr (GBytes) data = NULL;
  RdPdfObj     *n_obj, *first_obj;
  const guint8 *d;
  gsize         len, p = 0;
  guint32       n;

  if (stm != NULL)
    return stm;
  if (num >= doc->n_xref || doc->xref[num].type != ENTRY_FILE)
    {
      malformed (error, "an object stream is missing");
      return NULL;
    }
  stream = rd_pdf_doc_get_object (doc, num, error);
  if (stream == NULL)
    return NULL;
  n_obj = rd_pdf_dict_get (stream, "N");
  first_obj = rd_pdf_dict_get (stream, "First");
  if (stream->kind != RD_PDF_STREAM || n_obj == NULL || n_obj->kind != RD_PDF_INT ||
      first_obj == NULL || first_obj->kind != RD_PDF_INT || n_obj->v.i < 0 ||
      n_obj->v.i > MAX_OBJECTS || first_obj->v.i < 0)
    {
      malformed (error, "an object stream is not one");
      return NULL;
    }
  data = rd_pdf_doc_decode_stream (doc, stream, error);
  if (data == NULL)
    return NULL;
  d = g_bytes_get_data (data, &len);
  if ((guint64) first_obj->v.i > len)
    {
      malformed (error, "an object stream is cut short");
      return NULL;
    }
  /* Each entry of the header takes at least four bytes ("1 0 "). */
  n = (guint32) MIN ((gsize) n_obj->v.i, len / 4);
  stm = g_new0 (ObjStm, 1);
  stm->nums = g_new (guint32, MAX (n, 1));
  stm->offsets = g_new (gsize, MAX (n, 1));
  for (guint32 i = 0; i < n; i++)
    {
      g_autoptr (RdPdfObj) a = rd_pdf_parse_object (d, len, &p, 0, NULL);
      g_autoptr (RdPdfObj) b = a ? rd_pdf_parse_object (d, len, &p, 0, NULL) : NULL;

      if (b == NULL || a->kind != RD_PDF_INT || b->kind != RD_PDF_INT || a->v.i < 0 || b->v.i < 0 ||
          (guint64) b->v.i > len - (gsize) first_obj->v.i || a->v.i > G_MAXUINT32)
        break;
      stm->nums[i] = (guint32) a->v.i;
      stm->offsets[i] = (gsize) first_obj->v.i + (gsize) b->v.i;
      stm->n = i + 1;
    }
  stm->data = g_steal_pointer (&data);
  g_hash_table_insert (doc->objstms, GUINT_TO_POINTER (num), stm);
  return stm;
}

static RdPdfObj *
get_object (RdPdfDoc *doc, guint32 num, GError **error)
{
  XrefEntry *e;

  if (num >= doc->n_xref)
    return rd_pdf_obj_new_null ();
  e = &doc->xref[num];
  if (e->type == ENTRY_FILE)
    {
      guint32   n, g;
      RdPdfObj *obj;

      if (e->offset >= doc->len)
        {
          malformed (error, "the cross-reference table points beyond the end of the file");
          return NULL;
        }
      obj = rd_pdf_parse_indirect (doc, (gsize) e->offset, &n, &g, error);
      if (obj != NULL && n != num)
        {
          rd_pdf_obj_free (obj);
          malformed (error, "the cross-reference table points at the wrong object");
          return NULL;
        }
      return obj;
    }
  if (e->type == ENTRY_COMPRESSED)
    {
      ObjStm       *stm;
      const guint8 *d;
      gsize         len, p;

      if (e->offset > G_MAXUINT32 || e->offset == num)
        {
          malformed (error, "an object stream is missing");
          return NULL;
        }
      stm = load_objstm (doc, (guint32) e->offset, error);
      if (stm == NULL)
        return NULL;
      if (e->index >= stm->n || stm->nums[e->index] != num)
        {
          malformed (error, "an object stream does not hold the object it should");
          return NULL;
        }
      d = g_bytes_get_data (stm->data, &len);
      p = stm->offsets[e->index];
      return rd_pdf_parse_object (d, len, &p, 0, error);
    }
  return rd_pdf_obj_new_null ();
}

RdPdfObj *
rd_pdf_doc_get_object (RdPdfDoc *doc, guint32 num, GError **error)
{
  RdPdfObj *obj;

  if (doc->depth > 8)
    {
      malformed (error, "objects refer to each other in a loop");
      return NULL;
    }
  doc->depth++;
  obj = get_object (doc, num, error);
  doc->depth--;
  return obj;
}

RdPdfObj *
rd_pdf_doc_resolve (RdPdfDoc *doc, const RdPdfObj *obj, GError **error)
{
  if (obj == NULL)
    return rd_pdf_obj_new_null ();
  if (obj->kind == RD_PDF_REF)
    return rd_pdf_doc_get_object (doc, obj->v.ref.num, error);
  return rd_pdf_obj_copy (obj);
}

/* Cross-reference */

static void
skip_space (const guint8 *data, gsize len, gsize *pos)
{
  while (*pos < len && (data[*pos] == ' ' || data[*pos] == '\n' || data[*pos] == '\r' ||
                        data[*pos] == '\t' || data[*pos] == '\f' || data[*pos] == 0))
    (*pos)++;
}

static gboolean
read_number (const guint8 *data, gsize len, gsize *pos, guint64 *value)
{
  guint   digits = 0;
  guint64 v = 0;

  skip_space (data, len, pos);
  while (*pos < len && data[*pos] >= '0' && data[*pos] <= '9')
    {
      if (++digits > 18)
        return FALSE;
      v = v * 10 + (guint64) (data[*pos] - '0');
      (*pos)++;
    }
  *value = v;
  return digits > 0;
}

/* Keys of older trailers kept when the newest one lacks them. */
static void
merge_trailer (RdPdfDoc *doc, RdPdfObj *trailer)
{
  static const char *const keys[] = { "Root", "Info", "Encrypt", "ID" };
  GPtrArray               *items;

  if (doc->trailer == NULL)
    {
      doc->trailer = rd_pdf_obj_copy (trailer);
      doc->trailer->kind = RD_PDF_DICT;
      return;
    }
  items = g_ptr_array_new ();
  for (guint i = 0; i < 2 * doc->trailer->n; i++)
    g_ptr_array_add (items, doc->trailer->v.items[i]);
  for (guint k = 0; k < G_N_ELEMENTS (keys); k++)
    {
      RdPdfObj *value = rd_pdf_dict_get (trailer, keys[k]);

      if (value != NULL && rd_pdf_dict_get (doc->trailer, keys[k]) == NULL)
        {
          RdPdfObj *key = rd_pdf_obj_new_null ();

          key->kind = RD_PDF_NAME;
          key->v.s = g_strdup (keys[k]);
          key->n = (guint) strlen (keys[k]);
          g_ptr_array_add (items, key);
          g_ptr_array_add (items, rd_pdf_obj_copy (value));
        }
    }
  doc->trailer->n = items->len / 2;
  g_ptr_array_add (items, NULL);
  g_free (doc->trailer->v.items);
  doc->trailer->v.items = (RdPdfObj **) g_ptr_array_free (items, FALSE);
}

static gboolean
read_xref_table (RdPdfDoc *doc, gsize p, RdPdfObj **trailer, GError **error)
{
  const guint8 *data = doc->data;
  gsize         len = doc->len;

  p += 4; /* "xref" */
  while (TRUE)
    {
      guint64 start, count;

      skip_space (data, len, &p);
      if (p + 7 <= len && memcmp (data + p, "trailer", 7) == 0)
        {
          p += 7;
          *trailer = rd_pdf_parse_object (data, len, &p, 0, error);
          if (*trailer == NULL)
            return FALSE;
          if ((*trailer)->kind != RD_PDF_DICT)
            return malformed (error, "the trailer is not a dictionary");
          return TRUE;
        }
      if (!read_number (data, len, &p, &start) || !read_number (data, len, &p, &count))
        return malformed (error, "the cross-reference table cannot be read");
      /* Each entry takes at least 18 bytes of the file: a count beyond
       * that is damage, not a reason to allocate. */
      if (start + count > MAX_OBJECTS || count > (len - p) / 18)
        return malformed (error, "the cross-reference table is too large");
      if (!ensure_entries (doc, start + count, error))
        return FALSE;
      for (guint64 i = 0; i < count; i++)
        {
          guint64    offset, gen;
          XrefEntry *e = &doc->xref[start + i];
          guint8     kind;

          if (!read_number (data, len, &p, &offset) || !read_number (data, len, &p, &gen))
            return malformed (error, "the cross-reference table cannot be read");
          skip_space (data, len, &p);
          if (p >= len || (data[p] != 'n' && data[p] != 'f'))
            return malformed (error, "the cross-reference table cannot be read");
          kind = data[p++];
          if (e->type != ENTRY_UNSET)
            continue; /* a newer section has it */
          if (kind == 'n' && start + i != 0)
            {
              e->type = ENTRY_FILE;
              e->offset = offset;
            }
          else
            e->type = ENTRY_FREE;
        }
    }
}

static guint64
read_field (const guint8 *row, int width, guint64 fallback)
{
  guint64 v = 0;

  if (width == 0)
    return fallback;
  for (int i = 0; i < width; i++)
    v = (v << 8) | row[i];
  return v;
}

static gboolean
read_xref_stream (RdPdfDoc *doc, gsize offset, RdPdfObj **trailer, GError **error)
{
  guint32 num, gen;
  g_autoptr (RdPdfObj) stream = rd_pdf_parse_indirect (doc, offset, &num, &gen, error);
  g_autoptr (GBytes) decoded = NULL;
  RdPdfObj     *w, *index, *size;
  int           widths[3];
  gsize         row_len = 0, len, row = 0;
  const guint8 *d;

  if (stream == NULL)
    return FALSE;
  w = rd_pdf_dict_get (stream, "W");
  size = rd_pdf_dict_get (stream, "Size");
  index = rd_pdf_dict_get (stream, "Index");
  if (stream->kind != RD_PDF_STREAM ||
      !rd_pdf_obj_is_name (rd_pdf_dict_get (stream, "Type"), "XRef") || w == NULL ||
      w->kind != RD_PDF_ARRAY || w->n != 3 || size == NULL || size->kind != RD_PDF_INT ||
      size->v.i < 0)
    return malformed (error, "the cross-reference stream is not one");
  for (int i = 0; i < 3; i++)
    {
      if (w->v.items[i]->kind != RD_PDF_INT || w->v.items[i]->v.i < 0 || w->v.items[i]->v.i > 8)
        return malformed (error, "the cross-reference stream is not one");
      widths[i] = (int) w->v.items[i]->v.i;
      row_len += (gsize) widths[i];
    }
  if (row_len == 0)
    return malformed (error, "the cross-reference stream is not one");
  decoded = rd_pdf_doc_decode_stream (doc, stream, error);
  if (decoded == NULL)
    return FALSE;
  d = g_bytes_get_data (decoded, &len);
  for (guint s = 0; s < (index != NULL && index->kind == RD_PDF_ARRAY ? index->n / 2 : 1); s++)
    {
      gint64 start = 0, count = size->v.i;

      if (index != NULL && index->kind == RD_PDF_ARRAY)
        {
          RdPdfObj *a = index->v.items[2 * s], *b = index->v.items[2 * s + 1];

          if (a->kind != RD_PDF_INT || b->kind != RD_PDF_INT || a->v.i < 0 || b->v.i < 0)
            return malformed (error, "the cross-reference stream is not one");
          start = a->v.i;
          count = b->v.i;
        }
      if ((guint64) start + (guint64) count > MAX_OBJECTS ||
          (guint64) count > len / row_len - MIN (row, len / row_len))
        return malformed (error, "the cross-reference table is too large");
      if (!ensure_entries (doc, (guint64) (start + count), error))
        return FALSE;
      for (gint64 i = 0; i < count; i++, row++)
        {
          const guint8 *r = d + row * row_len;
          XrefEntry    *e = &doc->xref[start + i];
          guint64       type, f2, f3;

          if ((row + 1) * row_len > len)
            return malformed (error, "the cross-reference stream is cut short");
          type = read_field (r, widths[0], 1);
          f2 = read_field (r + widths[0], widths[1], 0);
          f3 = read_field (r + widths[0] + widths[1], widths[2], 0);
          if (e->type != ENTRY_UNSET)
            continue;
          if (type == 1 && start + i != 0)
            {
              e->type = ENTRY_FILE;
              e->offset = f2;
            }
          else if (type == 2 && f3 <= G_MAXUINT32)
            {
              e->type = ENTRY_COMPRESSED;
              e->offset = f2;
              e->index = (guint32) f3;
            }
          else
            e->type = ENTRY_FREE;
        }
    }
  *trailer = g_steal_pointer (&stream);
  return TRUE;
}

static gboolean
read_xref (RdPdfDoc *doc, GError **error)
{
  const guint8 *data = doc->data;
  gsize         len = doc->len, p, tail = MIN (len, 2048);
  guint64       offset;
  g_autoptr (GArray) seen = g_array_new (FALSE, FALSE, sizeof (guint64));
  gssize i;

  for (i = (gssize) (len - 9); i >= (gssize) (len - tail); i--)
    if (memcmp (data + i, "startxref", 9) == 0)
      break;
  if (i < (gssize) (len - tail) || i < 0)
    return malformed (error, "it has no cross-reference table");
  p = (gsize) i + 9;
  if (!read_number (data, len, &p, &offset))
    return malformed (error, "it has no cross-reference table");

  while (TRUE)
    {
      g_autoptr (RdPdfObj) trailer = NULL;
      RdPdfObj *prev, *xref_stm;

      for (guint k = 0; k < seen->len; k++)
        if (g_array_index (seen, guint64, k) == offset)
          return malformed (error, "its cross-reference sections point at each other in a loop");
      if (seen->len >= MAX_SECTIONS || offset >= len)
        return malformed (error, "its cross-reference table cannot be found");
      g_array_append_val (seen, offset);
      p = (gsize) offset;
      skip_space (data, len, &p);
      if (p + 4 <= len && memcmp (data + p, "xref", 4) == 0)
        {
          if (!read_xref_table (doc, p, &trailer, error))
            return FALSE;
          /* A hybrid file's table is completed by its stream. */
          xref_stm = rd_pdf_dict_get (trailer, "XRefStm");
          if (xref_stm != NULL && xref_stm->kind == RD_PDF_INT && xref_stm->v.i > 0 &&
              (guint64) xref_stm->v.i < len)
            {
              g_autoptr (RdPdfObj) stm_trailer = NULL;

              if (!read_xref_stream (doc, (gsize) xref_stm->v.i, &stm_trailer, error))
                return FALSE;
            }
        }
      else if (!read_xref_stream (doc, p, &trailer, error))
        return FALSE;
      merge_trailer (doc, trailer);
      prev = rd_pdf_dict_get (trailer, "Prev");
      if (prev == NULL || prev->kind != RD_PDF_INT || prev->v.i < 0)
        break;
      offset = (guint64) prev->v.i;
    }
  return TRUE;
}

RdPdfDoc *
rd_pdf_doc_new (GBytes *bytes, GError **error)
{
  g_autoptr (RdPdfDoc) doc = g_new0 (RdPdfDoc, 1);

  doc->bytes = g_bytes_ref (bytes);
  doc->data = g_bytes_get_data (bytes, &doc->len);
  doc->objstms = g_hash_table_new_full (NULL, NULL, NULL, objstm_free);
  doc->endstream_from = G_MAXSIZE;
  if (doc->len < 8 || doc->data == NULL || memcmp (doc->data, "%PDF-", 5) != 0)
    {
      g_set_error_literal (error, RD_PDF_COPY_ERROR, RD_PDF_COPY_ERROR_MALFORMED,
                           "The file is not a PDF.");
      return NULL;
    }
  if (!read_xref (doc, NULL) || rd_pdf_dict_get (doc->trailer, "Root") == NULL)
    {
      if (!rd_pdf_doc_rebuild (doc, error))
        return NULL;
    }
  return g_steal_pointer (&doc);
}

gboolean
rd_pdf_doc_is_rebuilt (RdPdfDoc *doc)
{
  return doc->rebuilt;
}

/* Where the object whose "obj" keyword is at @obj starts ("N G obj"), or
 * G_MAXSIZE if it is not one. */
static gsize
object_start (const guint8 *data, gsize obj, guint64 *num)
{
  gsize p = obj;
  guint digits;

  if (p == 0 || !(data[p - 1] == ' ' || data[p - 1] == '\n' || data[p - 1] == '\r'))
    return G_MAXSIZE;
  while (p > 0 && (data[p - 1] == ' ' || data[p - 1] == '\n' || data[p - 1] == '\r'))
    p--;
  for (digits = 0; p > 0 && data[p - 1] >= '0' && data[p - 1] <= '9' && digits < 6; digits++)
    p--;
  if (digits == 0 || p == 0 || data[p - 1] != ' ')
    return G_MAXSIZE;
  while (p > 0 && data[p - 1] == ' ')
    p--;
  for (digits = 0; p > 0 && data[p - 1] >= '0' && data[p - 1] <= '9'; digits++)
    p--;
  if (digits == 0 || digits > 9 ||
      (p > 0 && data[p - 1] != '\n' && data[p - 1] != '\r' && data[p - 1] != ' ' &&
       data[p - 1] != '>'))
    return G_MAXSIZE;
  *num = g_ascii_strtoull ((const char *) data + p, NULL, 10);
  return p;
}

static gint
by_offset_newest_first (gconstpointer a, gconstpointer b, gpointer user_data)
{
  RdPdfDoc *doc = user_data;
  guint64 oa = doc->xref[*(const guint32 *) a].offset, ob = doc->xref[*(const guint32 *) b].offset;

  return oa < ob ? 1 : oa > ob ? -1 : 0;
}

gboolean
rd_pdf_doc_rebuild (RdPdfDoc *doc, GError **error)
{
  const guint8 *data = doc->data;
  gsize         len = doc->len, p = 0;
  guint32       catalog = 0, encrypt = 0;
  g_autoptr (GArray) xref_streams = g_array_new (FALSE, FALSE, sizeof (guint32));

  /* As viewers repair a file whose cross-reference table is damaged: every
   * "N G obj" in it, the last of each number winning (incremental updates
   * come after what they replace), and the last trailers. */
  g_free (doc->xref);
  doc->xref = NULL;
  doc->n_xref = 0;
  g_clear_pointer (&doc->trailer, rd_pdf_obj_free);
  g_hash_table_remove_all (doc->objstms);
  doc->rebuilt = TRUE;
  while (p + 3 <= len)
    {
      const guint8 *hit = memchr (data + p, 'o', len - p - 2);
      gsize         h, start;
      guint64       num;

      if (hit == NULL)
        break;
      h = (gsize) (hit - data);
      p = h + 1;
      if (data[h + 1] != 'b' || data[h + 2] != 'j' ||
          (h + 3 < len && data[h + 3] != ' ' && data[h + 3] != '\n' && data[h + 3] != '\r' &&
           data[h + 3] != '<' && data[h + 3] != '[' && data[h + 3] != '/'))
        continue;
      start = object_start (data, h, &num);
      if (start == G_MAXSIZE || num == 0 || num >= MAX_OBJECTS)
        continue;
      if (!ensure_entries (doc, num + 1, error))
        return FALSE;
      doc->xref[num].type = ENTRY_FILE;
      doc->xref[num].offset = start;
    }
  {
    g_autoptr (GArray) trailers = g_array_new (FALSE, FALSE, sizeof (gsize));

    for (gsize t = 0; t + 7 <= len;)
      {
        const guint8 *hit = memchr (data + t, 't', len - t - 6);

        if (hit == NULL)
          break;
        t = (gsize) (hit - data) + 1;
        if (memcmp (hit, "trailer", 7) == 0)
          {
            gsize after = t + 6;

            g_array_append_val (trailers, after);
          }
      }
    for (guint k = trailers->len; k > 0; k--)
      {
        gsize q = g_array_index (trailers, gsize, k - 1);
        g_autoptr (RdPdfObj) trailer = rd_pdf_parse_object (data, len, &q, 0, NULL);

        if (trailer != NULL && trailer->kind == RD_PDF_DICT)
          merge_trailer (doc, trailer);
      }
  }
  /* Objects of object streams, and the catalogue if no trailer names it. */
  for (guint32 num = 1; num < doc->n_xref; num++)
    {
      g_autoptr (RdPdfObj) obj = NULL;

      if (doc->xref[num].type != ENTRY_FILE)
        continue;
      obj = rd_pdf_doc_get_object (doc, num, NULL);
      if (obj == NULL)
        {
          doc->xref[num].type = ENTRY_FREE;
          continue;
        }
      if (rd_pdf_obj_is_name (rd_pdf_dict_get (obj, "Type"), "Catalog"))
        catalog = num;
      /* A file with cross-reference streams has no "trailer": their
       * dictionaries are its trailers, with its /Root and its /Encrypt (an
       * encrypted file missed here would be copied as if plain). */
      if (obj->kind == RD_PDF_STREAM && rd_pdf_obj_is_name (rd_pdf_dict_get (obj, "Type"), "XRef"))
        g_array_append_val (xref_streams, num);
      /* An encryption dictionary (a security handler's /Filter with /O and
       * /U): the file is encrypted even if no trailer left says so. */
      if (obj->kind == RD_PDF_DICT && rd_pdf_dict_get (obj, "Filter") != NULL &&
          rd_pdf_dict_get (obj, "O") != NULL && rd_pdf_dict_get (obj, "U") != NULL)
        encrypt = num;
      if (obj->kind == RD_PDF_STREAM &&
          rd_pdf_obj_is_name (rd_pdf_dict_get (obj, "Type"), "ObjStm"))
        {
          ObjStm *stm = load_objstm (doc, num, NULL);

          for (guint32 i = 0; stm != NULL && i < stm->n; i++)
            if (stm->nums[i] < doc->n_xref && doc->xref[stm->nums[i]].type == ENTRY_UNSET)
              {
                doc->xref[stm->nums[i]].type = ENTRY_COMPRESSED;
                doc->xref[stm->nums[i]].offset = num;
                doc->xref[stm->nums[i]].index = i;
              }
        }
    }
  /* The newest first: each fills in only what the newer ones lack. */
  g_array_sort_with_data (xref_streams, by_offset_newest_first, doc);
  for (guint i = 0; i < xref_streams->len; i++)
    {
      g_autoptr (RdPdfObj) obj = rd_pdf_doc_get_object (
          doc, g_array_index (xref_streams, guint32, i), NULL);

      if (obj != NULL)
        merge_trailer (doc, obj);
    }
  if (rd_pdf_dict_get (doc->trailer, "Encrypt") == NULL && encrypt != 0)
    {
      g_autofree char *text = g_strdup_printf ("<</Encrypt %u 0 R>>", encrypt);
      gsize            q = 0;
      g_autoptr (RdPdfObj) trailer = rd_pdf_parse_object ((const guint8 *) text, strlen (text), &q,
                                                          0, NULL);

      merge_trailer (doc, trailer);
    }
  if (rd_pdf_dict_get (doc->trailer, "Root") == NULL && catalog != 0)
    {
      g_autofree char *text = g_strdup_printf ("<</Root %u 0 R>>", catalog);
      gsize            q = 0;
      g_autoptr (RdPdfObj) trailer = rd_pdf_parse_object ((const guint8 *) text, strlen (text), &q,
                                                          0, NULL);

      merge_trailer (doc, trailer);
    }
  if (rd_pdf_dict_get (doc->trailer, "Root") == NULL)
    return malformed (error, "its cross-reference table is damaged and no catalogue can be found");
  return TRUE;
}

void
rd_pdf_doc_free (RdPdfDoc *doc)
{
  if (doc == NULL)
    return;
  g_bytes_unref (doc->bytes);
  g_free (doc->xref);
  rd_pdf_obj_free (doc->trailer);
  g_hash_table_unref (doc->objstms);
  g_free (doc);
}

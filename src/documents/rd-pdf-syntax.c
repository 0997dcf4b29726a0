/* rd-pdf-syntax.c: PDF objects, their parser and their writer, for the PDF
 * page copier. See rd-pdf-syntax.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "rd-pdf-copy.h"
#include "rd-pdf-syntax.h"

/* Objects */

void
rd_pdf_obj_free (RdPdfObj *obj)
{
  if (obj == NULL)
    return;
  switch (obj->kind)
    {
      case RD_PDF_STRING:
      case RD_PDF_NAME:
        g_free (obj->v.s);
        break;
      case RD_PDF_ARRAY:
        for (guint i = 0; i < obj->n; i++)
          rd_pdf_obj_free (obj->v.items[i]);
        g_free (obj->v.items);
        break;
      case RD_PDF_DICT:
      case RD_PDF_STREAM:
        for (guint i = 0; i < 2 * obj->n; i++)
          rd_pdf_obj_free (obj->v.items[i]);
        g_free (obj->v.items);
        break;
      case RD_PDF_NULL:
      case RD_PDF_BOOL:
      case RD_PDF_INT:
      case RD_PDF_REAL:
      case RD_PDF_REF:
      default:
        break;
    }
  g_free (obj);
}

RdPdfObj *
rd_pdf_obj_new_null (void)
{
  return g_new0 (RdPdfObj, 1);
}

RdPdfObj *
rd_pdf_obj_copy (const RdPdfObj *obj)
{
  RdPdfObj *copy;
  guint     n_items;

  if (obj == NULL)
    return NULL;
  copy = g_new (RdPdfObj, 1);
  *copy = *obj;
  switch (obj->kind)
    {
      case RD_PDF_STRING:
      case RD_PDF_NAME:
        copy->v.s = g_memdup2 (obj->v.s, (gsize) obj->n + 1);
        break;
      case RD_PDF_ARRAY:
      case RD_PDF_DICT:
      case RD_PDF_STREAM:
        n_items = obj->kind == RD_PDF_ARRAY ? obj->n : 2 * obj->n;
        copy->v.items = g_new (RdPdfObj *, MAX (n_items, 1));
        for (guint i = 0; i < n_items; i++)
          copy->v.items[i] = rd_pdf_obj_copy (obj->v.items[i]);
        break;
      case RD_PDF_NULL:
      case RD_PDF_BOOL:
      case RD_PDF_INT:
      case RD_PDF_REAL:
      case RD_PDF_REF:
      default:
        break;
    }
  return copy;
}

RdPdfObj *
rd_pdf_dict_get (const RdPdfObj *dict, const char *key)
{
  if (dict == NULL || (dict->kind != RD_PDF_DICT && dict->kind != RD_PDF_STREAM))
    return NULL;
  for (guint i = 0; i < dict->n; i++)
    if (strcmp (dict->v.items[2 * i]->v.s, key) == 0)
      return dict->v.items[2 * i + 1];
  return NULL;
}

gboolean
rd_pdf_obj_is_name (const RdPdfObj *obj, const char *name)
{
  return obj != NULL && obj->kind == RD_PDF_NAME && strcmp (obj->v.s, name) == 0;
}

gboolean
rd_pdf_obj_get_number (const RdPdfObj *obj, double *value)
{
  if (obj == NULL)
    return FALSE;
  if (obj->kind == RD_PDF_INT)
    *value = (double) obj->v.i;
  else if (obj->kind == RD_PDF_REAL)
    *value = obj->v.r;
  else
    return FALSE;
  return TRUE;
}

/* Lexer */

static const guint8 char_class[256] = {
  /* 1: white space, 2: delimiter */
  [0] = 1,   [9] = 1,   ['\n'] = 1, [12] = 1,  ['\r'] = 1, [' '] = 1, ['('] = 2, [')'] = 2,
  ['<'] = 2, ['>'] = 2, ['['] = 2,  [']'] = 2, ['{'] = 2,  ['}'] = 2, ['/'] = 2, ['%'] = 2,
};

#define IS_SPACE(c)   (char_class[(guint8) (c)] == 1)
#define IS_REGULAR(c) (char_class[(guint8) (c)] == 0)

static void
skip_space (const guint8 *data, gsize len, gsize *pos)
{
  gsize p = *pos;

  while (p < len)
    {
      if (IS_SPACE (data[p]))
        p++;
      else if (data[p] == '%')
        {
          while (p < len && data[p] != '\n' && data[p] != '\r')
            p++;
        }
      else
        break;
    }
  *pos = p;
}

static gboolean
malformed (GError **error, const char *what)
{
  g_set_error (error, RD_PDF_COPY_ERROR, RD_PDF_COPY_ERROR_MALFORMED, "Damaged PDF: %s.", what);
  return FALSE;
}

static int
hex_value (guint8 c)
{
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

/* Reads an unsigned integer of at most 18 digits at *pos, or fails. */
static gboolean
read_uint (const guint8 *data, gsize len, gsize *pos, guint64 *value)
{
  gsize   p = *pos;
  guint64 v = 0;
  guint   digits = 0;

  while (p < len && data[p] >= '0' && data[p] <= '9')
    {
      if (digits < 18)
        v = v * 10 + (guint64) (data[p] - '0');
      digits++;
      p++;
    }
  if (digits == 0 || digits > 18 || (p < len && IS_REGULAR (data[p])))
    return FALSE;
  *pos = p;
  *value = v;
  return TRUE;
}

static RdPdfObj *
new_obj (RdPdfKind kind)
{
  RdPdfObj *obj = g_new0 (RdPdfObj, 1);

  obj->kind = kind;
  return obj;
}

static RdPdfObj *
parse_number (const guint8 *data, gsize len, gsize *pos)
{
  gsize     p = *pos;
  gboolean  negative = FALSE, real = FALSE;
  guint64   int_part = 0;
  double    frac = 0, scale = 1;
  guint     int_digits = 0;
  RdPdfObj *obj;

  while (p < len && (data[p] == '+' || data[p] == '-'))
    {
      if (data[p] == '-')
        negative = !negative;
      p++;
    }
  while (p < len && data[p] >= '0' && data[p] <= '9')
    {
      if (int_digits < 18)
        int_part = int_part * 10 + (guint64) (data[p] - '0');
      else
        real = TRUE; /* too long for an integer: kept approximately */
      int_digits++;
      p++;
    }
  if (p < len && data[p] == '.')
    {
      real = TRUE;
      p++;
      while (p < len && data[p] >= '0' && data[p] <= '9')
        {
          if (scale > 1e-17)
            {
              scale /= 10;
              frac += (data[p] - '0') * scale;
            }
          p++;
        }
    }
  /* Stray characters after a number ("12-3") end it, as viewers read them. */
  while (p < len && IS_REGULAR (data[p]))
    p++;
  *pos = p;
  if (real)
    {
      obj = new_obj (RD_PDF_REAL);
      obj->v.r = ((double) int_part * (int_digits > 18 ? pow (10, int_digits - 18) : 1) + frac);
      if (negative)
        obj->v.r = -obj->v.r;
    }
  else
    {
      obj = new_obj (RD_PDF_INT);
      obj->v.i = negative ? -(gint64) int_part : (gint64) int_part;
    }
  return obj;
}

static RdPdfObj *
parse_name (const guint8 *data, gsize len, gsize *pos)
{
  gsize     p = *pos + 1, start = p;
  GString  *name;
  RdPdfObj *obj;

  while (p < len && IS_REGULAR (data[p]))
    p++;
  name = g_string_sized_new (p - start + 1);
  for (gsize i = start; i < p; i++)
    {
      int hi, lo;

      if (data[i] == '#' && i + 2 < p && (hi = hex_value (data[i + 1])) >= 0 &&
          (lo = hex_value (data[i + 2])) >= 0 && (hi || lo))
        {
          g_string_append_c (name, (char) (hi * 16 + lo));
          i += 2;
        }
      else
        g_string_append_c (name, (char) data[i]);
    }
  *pos = p;
  obj = new_obj (RD_PDF_NAME);
  obj->n = (guint) name->len;
  obj->v.s = g_string_free (name, FALSE);
  return obj;
}

static RdPdfObj *
parse_literal_string (const guint8 *data, gsize len, gsize *pos, GError **error)
{
  gsize     p = *pos + 1;
  guint     nesting = 1;
  GString  *s = g_string_new (NULL);
  RdPdfObj *obj;

  while (TRUE)
    {
      guint8 c;

      if (p >= len)
        {
          g_string_free (s, TRUE);
          malformed (error, "a string is not closed");
          return NULL;
        }
      c = data[p++];
      if (c == '(')
        nesting++;
      else if (c == ')')
        {
          if (--nesting == 0)
            break;
        }
      else if (c == '\r')
        {
          if (p < len && data[p] == '\n')
            p++;
          c = '\n';
        }
      else if (c == '\\' && p < len)
        {
          c = data[p++];
          switch (c)
            {
              case 'n':
                c = '\n';
                break;
              case 'r':
                c = '\r';
                break;
              case 't':
                c = '\t';
                break;
              case 'b':
                c = '\b';
                break;
              case 'f':
                c = '\f';
                break;
              case '\r':
                if (p < len && data[p] == '\n')
                  p++;
                continue;
              case '\n':
                continue;
              default:
                if (c >= '0' && c <= '7')
                  {
                    guint v = c - '0';

                    for (int k = 0; k < 2 && p < len && data[p] >= '0' && data[p] <= '7'; k++)
                      v = v * 8 + (data[p++] - '0');
                    c = (guint8) v;
                  }
                break;
            }
        }
      g_string_append_c (s, (char) c);
    }
  *pos = p;
  obj = new_obj (RD_PDF_STRING);
  obj->n = (guint) s->len;
  obj->v.s = g_string_free (s, FALSE);
  return obj;
}

static RdPdfObj *
parse_hex_string (const guint8 *data, gsize len, gsize *pos, GError **error)
{
  gsize     p = *pos + 1;
  GString  *s = g_string_new (NULL);
  int       high = -1;
  RdPdfObj *obj;

  while (TRUE)
    {
      int v;

      if (p >= len)
        {
          g_string_free (s, TRUE);
          malformed (error, "a string is not closed");
          return NULL;
        }
      if (data[p] == '>')
        {
          p++;
          break;
        }
      v = hex_value (data[p]);
      if (v < 0 && !IS_SPACE (data[p]))
        {
          g_string_free (s, TRUE);
          malformed (error, "a string holds a character that is not a hexadecimal digit");
          return NULL;
        }
      p++;
      if (v < 0)
        continue;
      if (high < 0)
        high = v;
      else
        {
          g_string_append_c (s, (char) (high * 16 + v));
          high = -1;
        }
    }
  if (high >= 0)
    g_string_append_c (s, (char) (high * 16));
  *pos = p;
  obj = new_obj (RD_PDF_STRING);
  obj->n = (guint) s->len;
  obj->v.s = g_string_free (s, FALSE);
  return obj;
}

static gboolean
keyword_at (const guint8 *data, gsize len, gsize p, const char *word)
{
  gsize n = strlen (word);

  return p + n <= len && memcmp (data + p, word, n) == 0 &&
         (p + n == len || !IS_REGULAR (data[p + n]));
}

static RdPdfObj *
finish_container (RdPdfKind kind, GPtrArray *items)
{
  RdPdfObj *obj = new_obj (kind);

  obj->n = kind == RD_PDF_ARRAY ? items->len : items->len / 2;
  g_ptr_array_add (items, NULL);
  obj->v.items = (RdPdfObj **) g_ptr_array_free (items, FALSE);
  return obj;
}

RdPdfObj *
rd_pdf_parse_object (const guint8 *data, gsize len, gsize *pos, guint depth, GError **error)
{
  gsize  p;
  guint8 c;

  if (depth > RD_PDF_MAX_DEPTH)
    {
      malformed (error, "objects are nested too deeply");
      return NULL;
    }
  skip_space (data, len, pos);
  p = *pos;
  if (p >= len)
    {
      malformed (error, "an object is cut short");
      return NULL;
    }
  c = data[p];
  if (c == '/')
    return parse_name (data, len, pos);
  if (c == '(')
    return parse_literal_string (data, len, pos, error);
  if (c == '<' && p + 1 < len && data[p + 1] == '<')
    {
      GPtrArray *items = g_ptr_array_new_with_free_func ((GDestroyNotify) rd_pdf_obj_free);

      p += 2;
      while (TRUE)
        {
          RdPdfObj *key, *value;

          skip_space (data, len, &p);
          if (p + 1 < len && data[p] == '>' && data[p + 1] == '>')
            {
              p += 2;
              break;
            }
          if (p >= len || data[p] != '/')
            {
              g_ptr_array_unref (items);
              malformed (error, "a dictionary key is not a name");
              return NULL;
            }
          key = parse_name (data, len, &p);
          value = rd_pdf_parse_object (data, len, &p, depth + 1, error);
          if (value == NULL)
            {
              rd_pdf_obj_free (key);
              g_ptr_array_unref (items);
              return NULL;
            }
          g_ptr_array_add (items, key);
          g_ptr_array_add (items, value);
        }
      *pos = p;
      g_ptr_array_set_free_func (items, NULL);
      return finish_container (RD_PDF_DICT, items);
    }
  if (c == '<')
    return parse_hex_string (data, len, pos, error);
  if (c == '[')
    {
      GPtrArray *items = g_ptr_array_new_with_free_func ((GDestroyNotify) rd_pdf_obj_free);

      p++;
      while (TRUE)
        {
          RdPdfObj *value;

          skip_space (data, len, &p);
          if (p < len && data[p] == ']')
            {
              p++;
              break;
            }
          value = rd_pdf_parse_object (data, len, &p, depth + 1, error);
          if (value == NULL)
            {
              g_ptr_array_unref (items);
              return NULL;
            }
          g_ptr_array_add (items, value);
        }
      *pos = p;
      g_ptr_array_set_free_func (items, NULL);
      return finish_container (RD_PDF_ARRAY, items);
    }
  if ((c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.')
    {
      guint64 num, gen;
      gsize   q = p;

      /* "N G R" is a reference. */
      if (read_uint (data, len, &q, &num))
        {
          skip_space (data, len, &q);
          if (read_uint (data, len, &q, &gen))
            {
              skip_space (data, len, &q);
              if (keyword_at (data, len, q, "R") && num <= G_MAXUINT32 && gen <= 65535)
                {
                  RdPdfObj *obj = new_obj (RD_PDF_REF);

                  obj->v.ref.num = (guint32) num;
                  obj->v.ref.gen = (guint32) gen;
                  *pos = q + 1;
                  return obj;
                }
            }
        }
      return parse_number (data, len, pos);
    }
  if (keyword_at (data, len, p, "true") || keyword_at (data, len, p, "false"))
    {
      RdPdfObj *obj = new_obj (RD_PDF_BOOL);

      obj->v.b = data[p] == 't';
      *pos = p + (obj->v.b ? 4 : 5);
      return obj;
    }
  if (keyword_at (data, len, p, "null"))
    {
      *pos = p + 4;
      return new_obj (RD_PDF_NULL);
    }
  malformed (error, "an object is not one PDF knows");
  return NULL;
}

RdPdfObj *
rd_pdf_parse_indirect (RdPdfDoc *doc, gsize offset, guint32 *num, guint32 *gen, GError **error)
{
  gsize         len, p = offset;
  const guint8 *data = rd_pdf_doc_get_data (doc, &len);
  guint64       n, g;
  RdPdfObj     *obj, *length;
  gsize         start, end;
  gint64        stream_len = -1;

  skip_space (data, len, &p);
  if (!read_uint (data, len, &p, &n))
    {
      malformed (error, "the cross-reference table points at no object");
      return NULL;
    }
  skip_space (data, len, &p);
  if (!read_uint (data, len, &p, &g))
    {
      malformed (error, "the cross-reference table points at no object");
      return NULL;
    }
  skip_space (data, len, &p);
  if (!keyword_at (data, len, p, "obj") || n > G_MAXUINT32 || g > 65535)
    {
      malformed (error, "the cross-reference table points at no object");
      return NULL;
    }
  p += 3;
  *num = (guint32) n;
  *gen = (guint32) g;
  obj = rd_pdf_parse_object (data, len, &p, 0, error);
  if (obj == NULL)
    return NULL;
  skip_space (data, len, &p);
  if (obj->kind != RD_PDF_DICT || !keyword_at (data, len, p, "stream"))
    return obj;

  p += 6;
  if (p < len && data[p] == '\r')
    p++;
  if (p < len && data[p] == '\n')
    p++;
  start = p;
  length = rd_pdf_dict_get (obj, "Length");
  if (length != NULL && length->kind == RD_PDF_INT)
    stream_len = length->v.i;
  else if (length != NULL && length->kind == RD_PDF_REF && length->v.ref.num != *num)
    {
      g_autoptr (RdPdfObj) resolved = rd_pdf_doc_get_object (doc, length->v.ref.num, NULL);

      if (resolved != NULL && resolved->kind == RD_PDF_INT)
        stream_len = resolved->v.i;
    }
  end = G_MAXSIZE;
  if (stream_len >= 0 && (guint64) stream_len <= len - start)
    {
      gsize q = start + (gsize) stream_len;

      skip_space (data, len, &q);
      if (keyword_at (data, len, q, "endstream"))
        end = start + (gsize) stream_len;
    }
  if (end == G_MAXSIZE)
    {
      /* A wrong or missing /Length: the data ends before "endstream" and its
       * end of line. */
      end = rd_pdf_doc_find_endstream (doc, start);
      if (end == G_MAXSIZE)
        {
          rd_pdf_obj_free (obj);
          malformed (error, "a stream has no end");
          return NULL;
        }
      if (end > start && data[end - 1] == '\n')
        end--;
      if (end > start && data[end - 1] == '\r')
        end--;
    }
  obj->kind = RD_PDF_STREAM;
  obj->stream_start = start;
  obj->stream_len = end - start;
  return obj;
}

/* Writer */

void
rd_pdf_write_int (GString *out, gint64 value)
{
  char    buf[24];
  int     i = sizeof buf;
  guint64 v = value < 0 ? (guint64) (-(value + 1)) + 1 : (guint64) value;

  do
    {
      buf[--i] = (char) ('0' + v % 10);
      v /= 10;
    }
  while (v != 0);
  if (value < 0)
    buf[--i] = '-';
  g_string_append_len (out, buf + i, (gssize) sizeof buf - i);
}

void
rd_pdf_write_real (GString *out, double value)
{
  char  buf[G_ASCII_DTOSTR_BUF_SIZE];
  gsize n;

  if (!isfinite (value))
    value = 0;
  if (value == floor (value) && fabs (value) < 1e15)
    {
      rd_pdf_write_int (out, (gint64) value);
      return;
    }
  /* PDF has no exponents: fixed notation, trailing zeros dropped. */
  g_ascii_formatd (buf, sizeof buf, fabs (value) < 1 ? "%.10f" : "%.6f", value);
  n = strlen (buf);
  while (n > 0 && buf[n - 1] == '0')
    n--;
  if (n > 0 && buf[n - 1] == '.')
    n--;
  g_string_append_len (out, buf, (gssize) n);
}

void
rd_pdf_write_name (GString *out, const char *name)
{
  static const char hex[] = "0123456789ABCDEF";

  g_string_append_c (out, '/');
  for (const guint8 *p = (const guint8 *) name; *p; p++)
    {
      if (*p > 32 && *p < 127 && *p != '#' && IS_REGULAR (*p))
        g_string_append_c (out, (char) *p);
      else
        {
          g_string_append_c (out, '#');
          g_string_append_c (out, hex[*p >> 4]);
          g_string_append_c (out, hex[*p & 15]);
        }
    }
}

static void
write_string (GString *out, const char *s, guint n)
{
  g_string_append_c (out, '(');
  for (guint i = 0; i < n; i++)
    {
      guint8 c = (guint8) s[i];

      if (c == '(' || c == ')' || c == '\\')
        {
          g_string_append_c (out, '\\');
          g_string_append_c (out, (char) c);
        }
      else if (c == '\r')
        g_string_append (out, "\\r");
      else if (c == '\n')
        g_string_append (out, "\\n");
      else
        g_string_append_c (out, (char) c);
    }
  g_string_append_c (out, ')');
}

static gboolean
key_in (const char *key, const char *const *skip)
{
  if (skip == NULL)
    return FALSE;
  for (; *skip; skip++)
    if (strcmp (key, *skip) == 0)
      return TRUE;
  return FALSE;
}

void
rd_pdf_write_dict_entries (GString           *out,
                           const RdPdfObj    *dict,
                           const char *const *skip,
                           RdPdfRefMap        map,
                           gpointer           user_data,
                           gboolean           drop_parent)
{
  for (guint i = 0; i < dict->n; i++)
    {
      const char *key = dict->v.items[2 * i]->v.s;

      if (key_in (key, skip) || (drop_parent && strcmp (key, "Parent") == 0))
        continue;
      rd_pdf_write_name (out, key);
      g_string_append_c (out, ' ');
      rd_pdf_write_value (out, dict->v.items[2 * i + 1], map, user_data, drop_parent);
      g_string_append_c (out, '\n');
    }
}

void
rd_pdf_write_value (GString        *out,
                    const RdPdfObj *obj,
                    RdPdfRefMap     map,
                    gpointer        user_data,
                    gboolean        drop_parent)
{
  guint32 num;

  switch (obj->kind)
    {
      case RD_PDF_NULL:
        g_string_append (out, "null");
        break;
      case RD_PDF_BOOL:
        g_string_append (out, obj->v.b ? "true" : "false");
        break;
      case RD_PDF_INT:
        rd_pdf_write_int (out, obj->v.i);
        break;
      case RD_PDF_REAL:
        rd_pdf_write_real (out, obj->v.r);
        break;
      case RD_PDF_STRING:
        write_string (out, obj->v.s, obj->n);
        break;
      case RD_PDF_NAME:
        rd_pdf_write_name (out, obj->v.s);
        break;
      case RD_PDF_ARRAY:
        g_string_append_c (out, '[');
        for (guint i = 0; i < obj->n; i++)
          {
            if (i > 0)
              g_string_append_c (out, ' ');
            rd_pdf_write_value (out, obj->v.items[i], map, user_data, drop_parent);
          }
        g_string_append_c (out, ']');
        break;
      case RD_PDF_DICT:
      case RD_PDF_STREAM:
        g_string_append (out, "<<");
        rd_pdf_write_dict_entries (out, obj, NULL, map, user_data, drop_parent);
        g_string_append (out, ">>");
        break;
      case RD_PDF_REF:
        num = map (user_data, obj->v.ref.num);
        if (num == 0)
          g_string_append (out, "null");
        else
          {
            rd_pdf_write_int (out, num);
            g_string_append (out, " 0 R");
          }
        break;
      default:
        g_assert_not_reached ();
    }
}

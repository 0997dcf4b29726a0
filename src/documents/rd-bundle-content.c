/* rd-bundle-content.c: reading what goes into a bundle: the size of a JPEG
 * or PNG, plain text in whatever encoding it came in, and e-mail files.
 *
 * Everything here meets files from outside (a complainant's e-mail, a
 * scan), so every parser is bounded and gives up quietly: the caller then
 * shows the raw text, or a placeholder page.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "redress-documents"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "rd-bundle-private.h"

/* The most marker segments read before the frame header; real files have a handful. */
#define JPEG_MAX_SEGMENTS 4096
/* How deep multipart e-mails are followed. */
#define EMAIL_MAX_DEPTH 4

/* JPEG */

static gboolean
read_exact (GInputStream *stream,
            guint8       *buffer,
            gsize         length,
            GCancellable *cancellable,
            GError      **error)
{
  gsize done = 0;

  if (!g_input_stream_read_all (stream, buffer, length, &done, cancellable, error))
    return FALSE;
  if (done != length)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("The image ends before its size is given."));
      return FALSE;
    }
  return TRUE;
}

static gboolean
skip_exact (GInputStream *stream, gsize length, GCancellable *cancellable, GError **error)
{
  while (length > 0)
    {
      gssize skipped = g_input_stream_skip (stream, length, cancellable, error);

      if (skipped < 0)
        return FALSE;
      if (skipped == 0)
        {
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                               _("The image ends before its size is given."));
          return FALSE;
        }
      length -= (gsize) skipped;
    }
  return TRUE;
}

static gboolean
is_jpeg_frame_marker (guint8 marker)
{
  /* SOF0–SOF15, except DHT (C4), JPG (C8) and DAC (CC). */
  return marker >= 0xc0 && marker <= 0xcf && marker != 0xc4 && marker != 0xc8 && marker != 0xcc;
}

/*
 * Reads a JPEG's marker segments up to its frame header (SOFn) and returns
 * the pixel size it gives. Reads no further than the frame header.
 */
gboolean
_rd_bundle_jpeg_read_size (GInputStream *stream,
                           int          *width,
                           int          *height,
                           int          *components,
                           GCancellable *cancellable,
                           GError      **error)
{
  guint8 buffer[8];

  if (!read_exact (stream, buffer, 2, cancellable, error))
    return FALSE;
  if (buffer[0] != 0xff || buffer[1] != 0xd8)
    goto invalid;

  for (guint i = 0; i < JPEG_MAX_SEGMENTS; i++)
    {
      guint8 marker;
      guint  length;

      if (!read_exact (stream, buffer, 1, cancellable, error))
        return FALSE;
      if (buffer[0] != 0xff)
        goto invalid;
      /* Any number of 0xff may pad before the marker itself. */
      do
        {
          if (!read_exact (stream, buffer, 1, cancellable, error))
            return FALSE;
        }
      while (buffer[0] == 0xff);
      marker = buffer[0];

      /* Markers without a length. */
      if (marker == 0x01 || (marker >= 0xd0 && marker <= 0xd7))
        continue;
      if (marker == 0xd9 || marker == 0xda || marker == 0x00)
        goto invalid; /* end of image or scan data before any frame header */

      if (!read_exact (stream, buffer, 2, cancellable, error))
        return FALSE;
      length = ((guint) buffer[0] << 8) | buffer[1];
      if (length < 2)
        goto invalid;

      if (is_jpeg_frame_marker (marker))
        {
          guint w, h;

          if (length < 8 || !read_exact (stream, buffer, 6, cancellable, error))
            goto invalid_or_error;
          h = ((guint) buffer[1] << 8) | buffer[2];
          w = ((guint) buffer[3] << 8) | buffer[4];
          if (w == 0 || h == 0 || (buffer[5] != 1 && buffer[5] != 3 && buffer[5] != 4))
            goto invalid;
          *width = (int) w;
          *height = (int) h;
          *components = buffer[5];
          return TRUE;
        }

      if (!skip_exact (stream, length - 2, cancellable, error))
        return FALSE;
    }

invalid:
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       _("The file is not a JPEG image Redress can read."));
  return FALSE;

invalid_or_error:
  if (error != NULL && *error == NULL)
    goto invalid;
  return FALSE;
}

/* PNG: the signature, then the IHDR chunk with the size. */
gboolean
_rd_bundle_png_read_size (const guint8 *head, gsize length, guint32 *width, guint32 *height)
{
  static const guint8 signature[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };

  if (length < 24 || memcmp (head, signature, 8) != 0 || memcmp (head + 12, "IHDR", 4) != 0)
    return FALSE;
  *width = ((guint32) head[16] << 24) | ((guint32) head[17] << 16) | ((guint32) head[18] << 8) |
           head[19];
  *height = ((guint32) head[20] << 24) | ((guint32) head[21] << 16) | ((guint32) head[22] << 8) |
            head[23];
  return *width > 0 && *height > 0;
}

/* Text */

/* Turns text in @charset (or a guess when NULL) into valid UTF-8. Never fails. */
char *
_rd_bundle_text_to_utf8 (const char *data, gsize length, const char *charset)
{
  if (charset != NULL && *charset != '\0' && g_ascii_strcasecmp (charset, "utf-8") != 0 &&
      g_ascii_strcasecmp (charset, "us-ascii") != 0)
    {
      char *converted = g_convert (data, (gssize) length, "UTF-8", charset, NULL, NULL, NULL);

      if (converted != NULL)
        return converted;
    }

  if (length >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0)
    {
      data += 3;
      length -= 3;
    }
  else if (length >= 2 && (memcmp (data, "\xff\xfe", 2) == 0 || memcmp (data, "\xfe\xff", 2) == 0))
    {
      const char *from = (guint8) data[0] == 0xff ? "UTF-16LE" : "UTF-16BE";
      char *converted = g_convert (data + 2, (gssize) (length - 2) & ~(gssize) 1, "UTF-8", from,
                                   NULL, NULL, NULL);

      if (converted != NULL)
        return converted;
    }

  if (g_utf8_validate_len (data, length, NULL))
    return g_strndup (data, length);

  /* Most text that is not UTF-8 on a council's machine is Windows-1252. */
  {
    char *converted = g_convert (data, (gssize) length, "UTF-8", "WINDOWS-1252", NULL, NULL, NULL);

    if (converted != NULL)
      return converted;
  }

  return g_utf8_make_valid (data, (gssize) length);
}

static char *
normalise_newlines (char *text)
{
  char *from = text;
  char *to = text;

  /* CRLF and lone CR become LF; other control characters but tab become spaces. */
  while (*from != '\0')
    {
      if (*from == '\r')
        {
          *to++ = '\n';
          from += from[1] == '\n' ? 2 : 1;
          continue;
        }
      if ((guchar) *from < 0x20 && *from != '\n' && *from != '\t')
        {
          *to++ = ' ';
          from++;
          continue;
        }
      *to++ = *from++;
    }
  *to = '\0';
  return text;
}

char *
_rd_bundle_text_from_plain (GBytes *bytes)
{
  gsize       length;
  const char *data = g_bytes_get_data (bytes, &length);

  return normalise_newlines (_rd_bundle_text_to_utf8 (data != NULL ? data : "", length, NULL));
}

/* E-mail */

typedef struct
{
  GPtrArray  *names;  /* owned: lower-case header names */
  GPtrArray  *values; /* owned: unfolded values */
  const char *body;   /* borrowed */
  gsize       body_length;
} Message;

static void
message_clear (Message *message)
{
  g_clear_pointer (&message->names, g_ptr_array_unref);
  g_clear_pointer (&message->values, g_ptr_array_unref);
}

static void
message_parse (Message *message, const char *data, gsize length)
{
  const char *p = data;
  const char *end = data + length;

  message->names = g_ptr_array_new_with_free_func (g_free);
  message->values = g_ptr_array_new_with_free_func (g_free);
  message->body = end;
  message->body_length = 0;

  while (p < end)
    {
      const char *line_end = memchr (p, '\n', (gsize) (end - p));
      const char *next = line_end != NULL ? line_end + 1 : end;
      gsize       line_length = (line_end != NULL ? line_end : end) - p;

      if (line_length > 0 && p[line_length - 1] == '\r')
        line_length--;
      if (line_length == 0)
        {
          message->body = next;
          message->body_length = (gsize) (end - next);
          return;
        }

      if ((*p == ' ' || *p == '\t') && message->values->len > 0)
        {
          /* A folded continuation of the header before. */
          char *previous = g_ptr_array_index (message->values, message->values->len - 1);
          char *line = g_strndup (p, line_length);

          message->values->pdata[message->values->len - 1] = g_strconcat (previous, " ",
                                                                          g_strstrip (line), NULL);
          g_free (previous);
          g_free (line);
        }
      else
        {
          const char *colon = memchr (p, ':', line_length);

          if (colon == NULL)
            {
              /* Not a header at all: treat everything as body. */
              if (message->names->len == 0)
                {
                  message->body = data;
                  message->body_length = length;
                  return;
                }
            }
          else
            {
              char *name = g_ascii_strdown (p, colon - p);
              char *value = g_strndup (colon + 1, line_length - (gsize) (colon + 1 - p));

              g_ptr_array_add (message->names, g_strstrip (name));
              g_ptr_array_add (message->values, g_strstrip (value));
            }
        }
      p = next;
    }
}

static const char *
message_get (const Message *message, const char *name)
{
  for (guint i = 0; i < message->names->len; i++)
    if (strcmp (g_ptr_array_index (message->names, i), name) == 0)
      return g_ptr_array_index (message->values, i);
  return NULL;
}

/* The value of parameter @name in a header like `text/plain; charset="utf-8"`. */
static char *
header_parameter (const char *value, const char *name)
{
  gsize name_length = strlen (name);

  if (value == NULL)
    return NULL;

  for (const char *p = strchr (value, ';'); p != NULL; p = strchr (p + 1, ';'))
    {
      const char *q = p + 1;

      while (*q == ' ' || *q == '\t')
        q++;
      if (g_ascii_strncasecmp (q, name, name_length) == 0 && q[name_length] == '=')
        {
          const char *start = q + name_length + 1;
          const char *stop;

          if (*start == '"')
            {
              start++;
              stop = strchr (start, '"');
              if (stop == NULL)
                stop = start + strlen (start);
            }
          else
            {
              stop = start + strcspn (start, "; \t");
            }
          return g_strndup (start, stop - start);
        }
    }
  return NULL;
}

static gboolean
media_type_is (const char *value, const char *prefix)
{
  return value != NULL && g_ascii_strncasecmp (value, prefix, strlen (prefix)) == 0;
}

static int
hex_value (char c)
{
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

static GByteArray *
decode_quoted_printable (const char *data, gsize length, gboolean underscore_is_space)
{
  GByteArray *out = g_byte_array_sized_new ((guint) length);

  for (gsize i = 0; i < length; i++)
    {
      guint8 c = (guint8) data[i];

      if (c == '=' && i + 1 < length && (data[i + 1] == '\n' || data[i + 1] == '\r'))
        {
          /* A soft line break. */
          i++;
          if (data[i] == '\r' && i + 1 < length && data[i + 1] == '\n')
            i++;
          continue;
        }
      if (c == '=' && i + 2 < length && hex_value (data[i + 1]) >= 0 &&
          hex_value (data[i + 2]) >= 0)
        {
          c = (guint8) (hex_value (data[i + 1]) * 16 + hex_value (data[i + 2]));
          i += 2;
        }
      else if (c == '_' && underscore_is_space)
        {
          c = ' ';
        }
      g_byte_array_append (out, &c, 1);
    }
  return out;
}

static GByteArray *
decode_base64 (const char *data, gsize length)
{
  GByteArray *out = g_byte_array_sized_new ((guint) (length / 4 * 3 + 3));
  int         state = 0;
  guint       save = 0;
  guint8      chunk[768];

  /* g_base64_decode_step skips what is not base64, line breaks included. */
  for (gsize done = 0; done < length;)
    {
      gsize step = MIN (length - done, (gsize) 1024);
      gsize n = g_base64_decode_step (data + done, step, chunk, &state, &save);

      g_byte_array_append (out, chunk, (guint) n);
      done += step;
    }
  return out;
}

/* Decodes RFC 2047 encoded words ("=?utf-8?Q?Caf=C3=A9?=") in a header value. */
static char *
decode_header_words (const char *value)
{
  GString    *out = g_string_new (NULL);
  const char *p = value;
  gboolean    last_was_word = FALSE;

  while (*p != '\0')
    {
      const char *start = strstr (p, "=?");
      const char *charset_end, *encoding_end, *text_end;
      GByteArray *bytes = NULL;
      char       *charset;
      char       *decoded;

      if (start == NULL)
        break;
      charset_end = strchr (start + 2, '?');
      encoding_end = charset_end != NULL ? strchr (charset_end + 1, '?') : NULL;
      text_end = encoding_end != NULL ? strstr (encoding_end + 1, "?=") : NULL;
      if (text_end == NULL || encoding_end != charset_end + 2)
        break;

      /* Whitespace between two encoded words is dropped. */
      {
        const char *q = p;

        while (q < start && (*q == ' ' || *q == '\t'))
          q++;
        if (!(last_was_word && q == start))
          g_string_append_len (out, p, start - p);
      }

      if (g_ascii_tolower (charset_end[1]) == 'q')
        bytes = decode_quoted_printable (encoding_end + 1, text_end - encoding_end - 1, TRUE);
      else if (g_ascii_tolower (charset_end[1]) == 'b')
        bytes = decode_base64 (encoding_end + 1, text_end - encoding_end - 1);

      if (bytes == NULL)
        {
          g_string_append_len (out, start, text_end + 2 - start);
        }
      else
        {
          charset = g_strndup (start + 2, charset_end - start - 2);
          decoded = _rd_bundle_text_to_utf8 ((const char *) bytes->data, bytes->len, charset);
          g_string_append (out, decoded);
          g_free (decoded);
          g_free (charset);
          g_byte_array_unref (bytes);
        }
      p = text_end + 2;
      last_was_word = TRUE;
    }

  g_string_append (out, p);
  return g_string_free (out, FALSE);
}

/* Whether @tag (lower case, without "<" or "/") ends a line of text. */
static gboolean
html_tag_breaks_line (const char *tag)
{
  static const char *const breaking[] = { "br", "p",  "div",        "tr", "li", "h1",
                                          "h2", "h3", "h4",         "h5", "h6", "table",
                                          "ul", "ol", "blockquote", "hr" };

  for (gsize i = 0; i < G_N_ELEMENTS (breaking); i++)
    if (strcmp (tag, breaking[i]) == 0)
      return TRUE;
  return FALSE;
}

/* The text of an HTML body, as a reader sees it: tags dropped, lines broken where blocks end. */
static char *
html_to_text (const char *html)
{
  static const struct
  {
    const char *name;
    const char *text;
  } entities[] = {
    { "amp;", "&" },   { "lt;", "<" },    { "gt;", ">" },    { "quot;", "\"" }, { "apos;", "'" },
    { "nbsp;", " " },  { "pound;", "£" }, { "euro;", "€" },  { "ndash;", "–" }, { "mdash;", "—" },
    { "lsquo;", "‘" }, { "rsquo;", "’" }, { "ldquo;", "“" }, { "rdquo;", "”" }, { "hellip;", "…" },
  };
  GString    *out = g_string_new (NULL);
  const char *p = html;

  while (*p != '\0')
    {
      if (*p == '<')
        {
          const char *end = strchr (p, '>');
          char        tag[16];
          gsize       n = 0;
          const char *q = p + 1;

          if (end == NULL)
            break;
          if (*q == '/')
            q++;
          while (g_ascii_isalnum (*q) && n < sizeof tag - 1)
            tag[n++] = g_ascii_tolower (*q++);
          tag[n] = '\0';

          if (p[1] != '/' && (strcmp (tag, "script") == 0 || strcmp (tag, "style") == 0 ||
                              strcmp (tag, "head") == 0))
            {
              /* Skip to the closing tag: none of it is text to read. */
              g_autofree char *closing = g_strconcat ("</", tag, NULL);
              const char      *stop = end;

              while ((stop = strchr (stop + 1, '<')) != NULL &&
                     g_ascii_strncasecmp (stop, closing, strlen (closing)) != 0)
                ;
              if (stop == NULL)
                break;
              end = strchr (stop, '>');
              if (end == NULL)
                break;
            }
          else if (html_tag_breaks_line (tag) && out->len > 0 && out->str[out->len - 1] != '\n')
            {
              if (out->str[out->len - 1] == ' ')
                g_string_truncate (out, out->len - 1);
              g_string_append_c (out, '\n');
            }
          p = end + 1;
          continue;
        }

      if (*p == '&')
        {
          gboolean done = FALSE;

          if (p[1] == '#')
            {
              char   *stop = NULL;
              guint64 code = p[2] == 'x' || p[2] == 'X' ? g_ascii_strtoull (p + 3, &stop, 16)
                                                        : g_ascii_strtoull (p + 2, &stop, 10);

              if (stop != NULL && *stop == ';' && code > 0 && g_unichar_validate ((gunichar) code))
                {
                  g_string_append_unichar (out, (gunichar) code);
                  p = stop + 1;
                  done = TRUE;
                }
            }
          for (gsize i = 0; !done && i < G_N_ELEMENTS (entities); i++)
            if (strncmp (p + 1, entities[i].name, strlen (entities[i].name)) == 0)
              {
                g_string_append (out, entities[i].text);
                p += 1 + strlen (entities[i].name);
                done = TRUE;
              }
          if (done)
            continue;
        }

      if (g_ascii_isspace (*p))
        {
          /* White space in HTML is one space, none at the start of a line. */
          if (out->len > 0 && out->str[out->len - 1] != ' ' && out->str[out->len - 1] != '\n')
            g_string_append_c (out, ' ');
          p++;
          continue;
        }

      g_string_append_c (out, *p++);
    }

  return g_strstrip (g_string_free (out, FALSE));
}

/*
 * The body of one part, decoded into UTF-8; NULL when it is not text/plain
 * (or, if @html, text/html, turned into text).
 */
static char *
decode_text_part (const Message *part, gboolean html)
{
  const char      *type = message_get (part, "content-type");
  const char      *encoding = message_get (part, "content-transfer-encoding");
  g_autofree char *charset = header_parameter (type, "charset");
  GByteArray      *bytes;
  char            *text;

  if (html ? !media_type_is (type, "text/html")
           : (type != NULL && !media_type_is (type, "text/plain")))
    return NULL;

  if (encoding != NULL && g_ascii_strncasecmp (encoding, "quoted-printable", 16) == 0)
    bytes = decode_quoted_printable (part->body, part->body_length, FALSE);
  else if (encoding != NULL && g_ascii_strncasecmp (encoding, "base64", 6) == 0)
    bytes = decode_base64 (part->body, part->body_length);
  else
    bytes = g_byte_array_append (g_byte_array_new (), (const guint8 *) part->body,
                                 (guint) part->body_length);

  text = _rd_bundle_text_to_utf8 ((const char *) bytes->data, bytes->len, charset);
  g_byte_array_unref (bytes);
  if (html)
    {
      char *plain = html_to_text (text);

      g_free (text);
      text = plain;
    }
  return text;
}

/*
 * Finds the first text/plain part (text/html if @html) of a (possibly
 * multipart) message and notes the file names of the attachments it passes.
 */
static char *
find_text (const Message *message, GPtrArray *attachments, guint depth, gboolean html)
{
  const char      *type = message_get (message, "content-type");
  g_autofree char *boundary = NULL;
  g_autofree char *delimiter = NULL;
  char            *found = NULL;
  const char      *p, *end;

  if (!media_type_is (type, "multipart/"))
    return decode_text_part (message, html);

  boundary = header_parameter (type, "boundary");
  if (boundary == NULL || depth >= EMAIL_MAX_DEPTH)
    return NULL;

  delimiter = g_strconcat ("--", boundary, NULL);
  p = message->body;
  end = message->body + message->body_length;

  /* Walk from one delimiter line to the next. */
  p = g_strstr_len (p, end - p, delimiter);
  while (p != NULL)
    {
      const char *part_start = p + strlen (delimiter);
      const char *part_end;
      Message     part = { 0 };

      if (part_start + 2 <= end && part_start[0] == '-' && part_start[1] == '-')
        break; /* the closing delimiter */
      while (part_start < end && *part_start != '\n')
        part_start++;
      if (part_start < end)
        part_start++;

      part_end = g_strstr_len (part_start, end - part_start, delimiter);
      if (part_end == NULL)
        part_end = end;

      message_parse (&part, part_start, part_end - part_start);
      {
        const char      *disposition = message_get (&part, "content-disposition");
        g_autofree char *file_name = header_parameter (disposition, "filename");

        if (file_name == NULL)
          file_name = header_parameter (message_get (&part, "content-type"), "name");
        if (file_name != NULL || media_type_is (disposition, "attachment"))
          {
            g_ptr_array_add (attachments, file_name != NULL ? decode_header_words (file_name)
                                                            : g_strdup (_("(no name)")));
          }
        else if (found == NULL)
          {
            found = find_text (&part, attachments, depth + 1, html);
          }
      }
      message_clear (&part);
      p = part_end < end ? part_end : NULL;
    }

  return found;
}

/*
 * An e-mail file as a reader sees it: the main headers, a blank line, the
 * text of the message and the names of its attachments. Whatever cannot be
 * decoded is shown as it is in the file.
 */
char *
_rd_bundle_text_from_email (GBytes *bytes)
{
  static const struct
  {
    const char *name;
    const char *label;
  } shown[] = {
    { "from", N_("From") }, { "to", N_("To") },           { "cc", N_("Cc") },
    { "date", N_("Date") }, { "subject", N_("Subject") },
  };
  gsize       length;
  const char *data = g_bytes_get_data (bytes, &length);
  g_autoptr(GPtrArray) attachments = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *body = NULL;
  GString         *out = g_string_new (NULL);
  Message          message = { 0 };

  if (data == NULL)
    data = "";
  message_parse (&message, data, length);

  for (gsize i = 0; i < G_N_ELEMENTS (shown); i++)
    {
      const char *value = message_get (&message, shown[i].name);

      if (value != NULL)
        {
          g_autofree char *valid = _rd_bundle_text_to_utf8 (value, strlen (value), NULL);
          g_autofree char *decoded = decode_header_words (valid);

          /* TRANSLATORS: an e-mail header in the bundle, e.g. "Subject: Your request" */
          g_string_append_printf (out, _("%s: %s"), _(shown[i].label), decoded);
          g_string_append_c (out, '\n');
        }
    }

  body = find_text (&message, attachments, 0, FALSE);
  if (body == NULL)
    {
      /* No plain text: the HTML part, as text. Its attachments are listed already. */
      g_autoptr(GPtrArray) again = g_ptr_array_new_with_free_func (g_free);

      body = find_text (&message, again, 0, TRUE);
    }
  if (body == NULL)
    body = _rd_bundle_text_to_utf8 (message.body, message.body_length, NULL);

  for (guint i = 0; i < attachments->len; i++)
    {
      /* TRANSLATORS: an attachment of an e-mail, listed but not reproduced */
      g_string_append_printf (out, _("Attachment: %s"),
                                      (char *) g_ptr_array_index (attachments, i));
      g_string_append_c (out, '\n');
    }

  if (out->len > 0)
    g_string_append_c (out, '\n');
  g_string_append (out, body);
  message_clear (&message);
  return normalise_newlines (g_string_free (out, FALSE));
}

/* rd-template.c: plain-text templates with named fields.
 *
 * A template is parsed once into lines of pieces (literal text or a field
 * name), so that checking it and expanding it never re-read the text.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "redress-documents"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "rd-letter-type.h"
#include "rd-template.h"

typedef struct
{
  gboolean is_field;
  char    *text; /* owned: the literal text, or the field name */
} Piece;

typedef struct
{
  GPtrArray *pieces; /* owned: of Piece */
  gboolean   has_fields;
} Line;

struct _RdTemplate
{
  Line      *subject; /* owned, nullable */
  GPtrArray *lines;   /* owned: of Line, the body */
  GPtrArray *fields;  /* owned: distinct names, NULL-terminated */
};

#define SUBJECT_KEYWORD "Subject:"

/* Helpers */

static void
piece_free (gpointer data)
{
  Piece *piece = data;

  g_free (piece->text);
  g_free (piece);
}

static void
line_free (gpointer data)
{
  Line *line = data;

  g_ptr_array_unref (line->pieces);
  g_free (line);
}

static gboolean
is_name_char (char c)
{
  return g_ascii_islower (c) || g_ascii_isdigit (c) || c == '_' || c == '-';
}

/* A name is parts of name characters joined by single dots. */
static gboolean
is_valid_name (const char *name, gsize len)
{
  gboolean part_empty = TRUE;

  if (len == 0)
    return FALSE;
  for (gsize i = 0; i < len; i++)
    {
      if (name[i] == '.')
        {
          if (part_empty)
            return FALSE;
          part_empty = TRUE;
        }
      else if (is_name_char (name[i]))
        part_empty = FALSE;
      else
        return FALSE;
    }
  return !part_empty;
}

static void
add_piece (Line *line, GString *literal, gboolean is_field, const char *text, gsize len)
{
  Piece *piece;

  if (literal->len > 0)
    {
      piece = g_new0 (Piece, 1);
      piece->text = g_strndup (literal->str, literal->len);
      g_ptr_array_add (line->pieces, piece);
      g_string_truncate (literal, 0);
    }
  if (is_field)
    {
      piece = g_new0 (Piece, 1);
      piece->is_field = TRUE;
      piece->text = g_strndup (text, len);
      g_ptr_array_add (line->pieces, piece);
      line->has_fields = TRUE;
    }
}

static Line *
parse_line (const char *text, gsize len, guint line_no, GError **error)
{
  g_autoptr(GString) literal = g_string_new (NULL);
  Line *line = g_new0 (Line, 1);

  line->pieces = g_ptr_array_new_with_free_func (piece_free);

  for (gsize i = 0; i < len; i++)
    {
      char c = text[i];

      if (c == '{' && i + 1 < len && text[i + 1] == '{')
        {
          g_string_append_c (literal, '{');
          i++;
        }
      else if (c == '}' && i + 1 < len && text[i + 1] == '}')
        {
          g_string_append_c (literal, '}');
          i++;
        }
      else if (c == '{')
        {
          const char *end = memchr (text + i + 1, '}', len - i - 1);
          gsize       name_len;

          if (end == NULL)
            {
              g_set_error (error, RD_LETTER_ERROR, RD_LETTER_ERROR_SYNTAX,
                           _("Line %u of the template opens a field with “{” but never closes it "
                             "with “}”. Write “{{” for a “{” that is not a field."),
                              line_no);
              line_free (line);
              return NULL;
            }
          name_len = (gsize) (end - (text + i + 1));
          if (!is_valid_name (text + i + 1, name_len))
            {
              g_autofree char *shown = g_strndup (text + i, name_len + 2);

              g_set_error (error, RD_LETTER_ERROR, RD_LETTER_ERROR_SYNTAX,
                           _("Line %u of the template has “%s”, which is not a field name. "
                             "Field names are like {case.ref}; write “{{” for a “{”."),
                              line_no, shown);
              line_free (line);
              return NULL;
            }
          add_piece (line, literal, TRUE, text + i + 1, name_len);
          i += name_len + 1;
        }
      else if (c == '}')
        {
          g_set_error (error, RD_LETTER_ERROR, RD_LETTER_ERROR_SYNTAX,
                       _("Line %u of the template has a “}” that closes no field. "
                         "Write “}}” for a “}”."),
                          line_no);
          line_free (line);
          return NULL;
        }
      else
        g_string_append_c (literal, c);
    }
  add_piece (line, literal, FALSE, NULL, 0);
  return line;
}

static void
note_fields (RdTemplate *self, Line *line)
{
  for (guint i = 0; i < line->pieces->len; i++)
    {
      Piece   *piece = g_ptr_array_index (line->pieces, i);
      gboolean seen = FALSE;

      if (!piece->is_field)
        continue;
      for (guint j = 0; j + 1 < self->fields->len && !seen; j++)
        seen = strcmp (g_ptr_array_index (self->fields, j), piece->text) == 0;
      if (!seen)
        g_ptr_array_insert (self->fields, (int) self->fields->len - 1, g_strdup (piece->text));
    }
}

/* Appends the expansion of @line; FALSE if the line is to be dropped. */
static gboolean
expand_line (Line *line, RdTemplateLookupFunc lookup, gpointer user_data, GString *out)
{
  gsize    start = out->len;
  gboolean any_value = FALSE;

  for (guint i = 0; i < line->pieces->len; i++)
    {
      Piece *piece = g_ptr_array_index (line->pieces, i);

      if (piece->is_field)
        {
          const char *value = lookup (piece->text, user_data);

          if (value != NULL && *value != '\0')
            {
              any_value = TRUE;
              g_string_append (out, value);
            }
        }
      else
        g_string_append (out, piece->text);
    }

  /* A sentence about something not recorded goes with it. */
  if (line->has_fields && !any_value)
    {
      g_string_truncate (out, start);
      return FALSE;
    }
  return TRUE;
}

/* Public API */

RdTemplate *
rd_template_parse (const char *text, GError **error)
{
  g_autoptr(RdTemplate) self = NULL;
  const char *p;
  guint       line_no = 0;
  gboolean    seen_content = FALSE;

  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!g_utf8_validate (text, -1, NULL))
    {
      g_set_error (error, RD_LETTER_ERROR, RD_LETTER_ERROR_SYNTAX,
                   _("The template is not UTF-8 text. Save it as UTF-8 and try again."));
      return NULL;
    }

  self = g_new0 (RdTemplate, 1);
  self->lines = g_ptr_array_new_with_free_func (line_free);
  self->fields = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (self->fields, NULL);

  p = text;
  /* A byte-order mark from a Windows editor is not text. */
  if (g_str_has_prefix (p, "\xEF\xBB\xBF"))
    p += 3;

  while (*p != '\0' || line_no == 0)
    {
      const char *end = strchr (p, '\n');
      gsize       len = end != NULL ? (gsize) (end - p) : strlen (p);
      Line       *line;

      line_no++;
      if (len > 0 && p[len - 1] == '\r')
        len--;

      if (len > 0 && p[0] == '#')
        goto next;

      if (!seen_content && len == 0 && self->subject == NULL)
        goto next;

      if (!seen_content && self->subject == NULL &&
          g_ascii_strncasecmp (p, SUBJECT_KEYWORD, strlen (SUBJECT_KEYWORD)) == 0)
        {
          const char *s = p + strlen (SUBJECT_KEYWORD);
          gsize       s_len = len - strlen (SUBJECT_KEYWORD);

          while (s_len > 0 && (*s == ' ' || *s == '\t'))
            {
              s++;
              s_len--;
            }
          if ((self->subject = parse_line (s, s_len, line_no, error)) == NULL)
            return NULL;
          note_fields (self, self->subject);
          goto next;
        }

      if (!seen_content && len == 0)
        goto next;

      seen_content = TRUE;
      if ((line = parse_line (p, len, line_no, error)) == NULL)
        return NULL;
      note_fields (self, line);
      g_ptr_array_add (self->lines, line);

next:
      if (end == NULL)
        break;
      p = end + 1;
    }

  /* Trailing blank lines are not part of the letter. */
  while (self->lines->len > 0)
    {
      Line *last = g_ptr_array_index (self->lines, self->lines->len - 1);

      if (last->pieces->len > 0)
        break;
      g_ptr_array_remove_index (self->lines, self->lines->len - 1);
    }

  return g_steal_pointer (&self);
}

void
rd_template_free (RdTemplate *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->subject, line_free);
  g_ptr_array_unref (self->lines);
  g_ptr_array_unref (self->fields);
  g_free (self);
}

const char *const *
rd_template_get_fields (RdTemplate *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return (const char *const *) self->fields->pdata;
}

gboolean
rd_template_uses_field (RdTemplate *self, const char *name)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  return g_strv_contains (rd_template_get_fields (self), name);
}

gboolean
rd_template_has_subject (RdTemplate *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return self->subject != NULL;
}

char *
rd_template_expand (RdTemplate          *self,
                    RdTemplateLookupFunc lookup,
                    gpointer             user_data,
                    char               **out_subject)
{
  GString *out;
  gboolean previous_blank = TRUE;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (lookup != NULL, NULL);

  if (out_subject != NULL)
    {
      *out_subject = NULL;
      if (self->subject != NULL)
        {
          GString *subject = g_string_new (NULL);

          expand_line (self->subject, lookup, user_data, subject);
          *out_subject = g_string_free (subject, FALSE);
        }
    }

  out = g_string_new (NULL);
  for (guint i = 0; i < self->lines->len; i++)
    {
      Line *line = g_ptr_array_index (self->lines, i);
      gsize start = out->len;

      if (!expand_line (line, lookup, user_data, out))
        continue;
      /* Two blank lines in a row, left by a dropped paragraph, become one. */
      if (out->len == start && previous_blank)
        continue;
      previous_blank = out->len == start;
      g_string_append_c (out, '\n');
    }
  /* Never a trailing blank line. */
  while (out->len > 0 && out->str[out->len - 1] == '\n')
    g_string_truncate (out, out->len - 1);

  return g_string_free (out, FALSE);
}

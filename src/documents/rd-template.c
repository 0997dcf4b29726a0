/* rd-template.c: plain-text templates with named fields.
 *
 * A template is parsed once into lines of pieces (literal text or a field
 * name), so that checking it and expanding it never re-read the text.
 *
 * Lines may sit in a conditional block, {if field.name} … {else} … {end},
 * each directive on a line of its own: a letter that says different things
 * to different recipients (the data subject, or a representative writing
 * for them) stays one template, and each version reads as a whole sentence
 * in its own language, instead of being pieced together from fragments.
 * Blocks do not nest; that keeps them simple for a council to write and for
 * the checker to explain.
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
  char      *condition; /* owned, nullable: the field of the {if} block the line is in */
  gboolean   negated;   /* the line is in the block's {else} part */
} Line;

struct _RdTemplate
{
  GPtrArray *subjects; /* owned: of Line; the first whose condition holds is used */
  GPtrArray *lines;    /* owned: of Line, the body */
  GPtrArray *fields;   /* owned: distinct names, NULL-terminated (conditions too) */
  GPtrArray *printed;  /* owned: the names of fields whose value is written, NULL-terminated */
};

/* The {if} block being parsed. */
typedef struct
{
  char    *condition; /* owned, nullable: NULL outside a block */
  guint    opened;    /* the line of its {if} */
  gboolean negated;   /* after its {else} */
  gboolean subject;   /* the current part has its subject line */
} Block;

typedef enum
{
  DIRECTIVE_NONE,
  DIRECTIVE_IF,
  DIRECTIVE_ELSE,
  DIRECTIVE_END,
} Directive;

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
  g_free (line->condition);
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

/* Whether the text between braces is a directive ({if …}, {else}, {end}). */
static gboolean
is_directive_name (const char *name, gsize len)
{
  return (len == 4 && strncmp (name, "else", 4) == 0) ||
         (len == 3 && strncmp (name, "end", 3) == 0) ||
         (len >= 2 && strncmp (name, "if", 2) == 0 && (len == 2 || name[2] == ' '));
}

/*
 * A line holding only a directive, spaces around it allowed. For {if …},
 * @out_name and @out_len give the condition as written (checked by the
 * caller).
 */
static Directive
parse_directive (const char *text, gsize len, const char **out_name, gsize *out_len)
{
  while (len > 0 && (*text == ' ' || *text == '\t'))
    {
      text++;
      len--;
    }
  while (len > 0 && (text[len - 1] == ' ' || text[len - 1] == '\t'))
    len--;
  if (len < 2 || text[0] != '{' || text[len - 1] != '}' || memchr (text + 1, '{', len - 2) ||
      memchr (text + 1, '}', len - 2))
    return DIRECTIVE_NONE;
  if (len == 6 && strncmp (text, "{else}", 6) == 0)
    return DIRECTIVE_ELSE;
  if (len == 5 && strncmp (text, "{end}", 5) == 0)
    return DIRECTIVE_END;
  if (len >= 4 && strncmp (text, "{if", 3) == 0 && (text[3] == ' ' || text[3] == '}'))
    {
      const char *name = text + 3;
      gsize       name_len = len - 4;

      while (name_len > 0 && *name == ' ')
        {
          name++;
          name_len--;
        }
      while (name_len > 0 && name[name_len - 1] == ' ')
        name_len--;
      *out_name = name;
      *out_len = name_len;
      return DIRECTIVE_IF;
    }
  return DIRECTIVE_NONE;
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
          if (is_directive_name (text + i + 1, name_len))
            {
              g_autofree char *shown = g_strndup (text + i, name_len + 2);

              g_set_error (error, RD_LETTER_ERROR, RD_LETTER_ERROR_SYNTAX,
                           _("Line %u of the template has “%s” among other text. Put {if …}, "
                             "{else} and {end} each on a line of their own."),
                              line_no, shown);
              line_free (line);
              return NULL;
            }
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
note_name (GPtrArray *names, const char *name)
{
  for (guint j = 0; j + 1 < names->len; j++)
    if (strcmp (g_ptr_array_index (names, j), name) == 0)
      return;
  g_ptr_array_insert (names, (int) names->len - 1, g_strdup (name));
}

static void
note_fields (RdTemplate *self, Line *line)
{
  for (guint i = 0; i < line->pieces->len; i++)
    {
      Piece *piece = g_ptr_array_index (line->pieces, i);

      if (!piece->is_field)
        continue;
      note_name (self->fields, piece->text);
      note_name (self->printed, piece->text);
    }
}

/* Puts @line in the block being parsed. */
static void
place_line (Line *line, const Block *block)
{
  line->condition = g_strdup (block->condition);
  line->negated = block->negated;
}

static gboolean
condition_holds (Line *line, RdTemplateLookupFunc lookup, gpointer user_data)
{
  const char *value;

  if (line->condition == NULL)
    return TRUE;
  value = lookup (line->condition, user_data);
  return (value != NULL && *value != '\0') != line->negated;
}

/*
 * Handles a directive line: opens, turns or closes the block. Conditions
 * are field names, listed with the fields so that the checker refuses one
 * Redress does not know.
 */
static gboolean
apply_directive (RdTemplate *self,
                 Block      *block,
                 Directive   directive,
                 const char *name,
                 gsize       name_len,
                 guint       line_no,
                 GError    **error)
{
  switch (directive)
    {
      case DIRECTIVE_IF:
        if (block->condition != NULL)
          {
            g_set_error (error, RD_LETTER_ERROR, RD_LETTER_ERROR_SYNTAX,
                         _("Line %u of the template opens an {if …} block inside the one opened "
                           "on line %u. Close that one with {end} before opening another."),
                            line_no, block->opened);
            return FALSE;
          }
        if (!is_valid_name (name, name_len))
          {
            g_autofree char *shown = g_strndup (name, name_len);

            g_set_error (error, RD_LETTER_ERROR, RD_LETTER_ERROR_SYNTAX,
                         _("Line %u of the template has {if %s}, but “%s” is not a field name. "
                           "Write the condition as a field, like {if representative.name}."),
                            line_no, shown, shown);
            return FALSE;
          }
        block->condition = g_strndup (name, name_len);
        block->opened = line_no;
        block->negated = FALSE;
        block->subject = FALSE;
        note_name (self->fields, block->condition);
        return TRUE;

      case DIRECTIVE_ELSE:
        if (block->condition == NULL)
          {
            g_set_error (error, RD_LETTER_ERROR, RD_LETTER_ERROR_SYNTAX,
                         _("Line %u of the template has {else} outside an {if …} block. Open "
                           "the block with {if field.name} before it, or remove the {else}."),
                            line_no);
            return FALSE;
          }
        if (block->negated)
          {
            g_set_error (error, RD_LETTER_ERROR, RD_LETTER_ERROR_SYNTAX,
                         _("Line %u of the template has a second {else} in the block opened on "
                           "line %u. A block has one {else} at most: remove one."),
                            line_no, block->opened);
            return FALSE;
          }
        block->negated = TRUE;
        block->subject = FALSE;
        return TRUE;

      case DIRECTIVE_END:
        if (block->condition == NULL)
          {
            g_set_error (error, RD_LETTER_ERROR, RD_LETTER_ERROR_SYNTAX,
                         _("Line %u of the template has {end}, but no {if …} block is open "
                           "there. Remove the {end}, or open the block with {if field.name}."),
                            line_no);
            return FALSE;
          }
        g_clear_pointer (&block->condition, g_free);
        block->negated = FALSE;
        block->subject = FALSE;
        return TRUE;

      case DIRECTIVE_NONE:
      default:
        break;
    }
  g_assert_not_reached ();
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
  Block       block = { NULL, 0, FALSE, FALSE };
  gboolean    subject_outside = FALSE; /* an unconditional subject line was seen */

  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!g_utf8_validate (text, -1, NULL))
    {
      g_set_error (error, RD_LETTER_ERROR, RD_LETTER_ERROR_SYNTAX,
                   _("The template is not UTF-8 text. Save it as UTF-8 and try again."));
      return NULL;
    }

  self = g_new0 (RdTemplate, 1);
  self->subjects = g_ptr_array_new_with_free_func (line_free);
  self->lines = g_ptr_array_new_with_free_func (line_free);
  self->fields = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (self->fields, NULL);
  self->printed = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (self->printed, NULL);

  p = text;
  /* A byte-order mark from a Windows editor is not text. */
  if (g_str_has_prefix (p, "\xEF\xBB\xBF"))
    p += 3;

  while (*p != '\0' || line_no == 0)
    {
      const char *end = strchr (p, '\n');
      gsize       len = end != NULL ? (gsize) (end - p) : strlen (p);
      Line       *line;
      Directive   directive;
      const char *name = NULL;
      gsize       name_len = 0;

      line_no++;
      if (len > 0 && p[len - 1] == '\r')
        len--;

      if (len > 0 && p[0] == '#')
        goto next;

      directive = parse_directive (p, len, &name, &name_len);
      if (directive != DIRECTIVE_NONE)
        {
          if (!apply_directive (self, &block, directive, name, name_len, line_no, error))
            {
              g_free (block.condition);
              return NULL;
            }
          goto next;
        }

      if (!seen_content && len == 0)
        goto next;

      /* Before the body, each part of a block may have its own subject. */
      if (!seen_content && !subject_outside &&
          (block.condition != NULL ? !block.subject : self->subjects->len == 0) &&
          g_ascii_strncasecmp (p, SUBJECT_KEYWORD, strlen (SUBJECT_KEYWORD)) == 0)
        {
          const char *s = p + strlen (SUBJECT_KEYWORD);
          gsize       s_len = len - strlen (SUBJECT_KEYWORD);

          while (s_len > 0 && (*s == ' ' || *s == '\t'))
            {
              s++;
              s_len--;
            }
          if ((line = parse_line (s, s_len, line_no, error)) == NULL)
            {
              g_free (block.condition);
              return NULL;
            }
          place_line (line, &block);
          note_fields (self, line);
          g_ptr_array_add (self->subjects, line);
          if (block.condition != NULL)
            block.subject = TRUE;
          else
            subject_outside = TRUE;
          goto next;
        }

      seen_content = TRUE;
      if ((line = parse_line (p, len, line_no, error)) == NULL)
        {
          g_free (block.condition);
          return NULL;
        }
      place_line (line, &block);
      note_fields (self, line);
      g_ptr_array_add (self->lines, line);

next:
      if (end == NULL)
        break;
      p = end + 1;
    }

  if (block.condition != NULL)
    {
      g_set_error (error, RD_LETTER_ERROR, RD_LETTER_ERROR_SYNTAX,
                   _("The {if …} block opened on line %u of the template is never closed. Add "
                     "{end} on a line of its own after its last line."),
                      block.opened);
      g_free (block.condition);
      return NULL;
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
  g_ptr_array_unref (self->subjects);
  g_ptr_array_unref (self->lines);
  g_ptr_array_unref (self->fields);
  g_ptr_array_unref (self->printed);
  g_free (self);
}

const char *const *
rd_template_get_fields (RdTemplate *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return (const char *const *) self->fields->pdata;
}

/* A field only tested by {if} is not given by the letter: it does not count. */
gboolean
rd_template_uses_field (RdTemplate *self, const char *name)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  return g_strv_contains ((const char *const *) self->printed->pdata, name);
}

/* The names in @line's condition and pieces, into @names (a set kept in order). */
static void
collect_line (Line *line, GPtrArray *names)
{
  if (line->condition != NULL)
    note_name (names, line->condition);
  for (guint i = 0; i < line->pieces->len; i++)
    {
      Piece *piece = g_ptr_array_index (line->pieces, i);

      if (piece->is_field)
        note_name (names, piece->text);
    }
}

/**
 * rd_template_dup_fields_in_use:
 * @self: a template
 * @lookup: gives the fields' values, as for rd_template_expand()
 * @user_data: for @lookup
 *
 * The fields the expansion with these values would use: those of the
 * subject and lines whose {if} condition holds, and every condition. A field
 * only in a part of a block that is left out is not among them, so a letter
 * need not have a value for it.
 *
 * Returns: (transfer full): a %NULL-terminated array of names, in order of
 *   first use
 */
char **
rd_template_dup_fields_in_use (RdTemplate *self, RdTemplateLookupFunc lookup, gpointer user_data)
{
  GPtrArray *names;
  gboolean   subject_found = FALSE;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (lookup != NULL, NULL);

  names = g_ptr_array_new ();
  g_ptr_array_add (names, NULL);
  for (guint pass = 0; pass < 2; pass++)
    {
      GPtrArray *lines = pass == 0 ? self->subjects : self->lines;

      for (guint i = 0; i < lines->len; i++)
        {
          Line *line = g_ptr_array_index (lines, i);

          if (line->condition != NULL)
            note_name (names, line->condition);
          if (!condition_holds (line, lookup, user_data) || (pass == 0 && subject_found))
            continue;
          subject_found = pass == 0;
          collect_line (line, names);
        }
    }
  return (char **) g_ptr_array_free (names, FALSE);
}

gboolean
rd_template_has_subject (RdTemplate *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return self->subjects->len > 0;
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
      for (guint i = 0; i < self->subjects->len && *out_subject == NULL; i++)
        {
          Line    *line = g_ptr_array_index (self->subjects, i);
          GString *subject;

          if (!condition_holds (line, lookup, user_data))
            continue;
          subject = g_string_new (NULL);
          expand_line (line, lookup, user_data, subject);
          *out_subject = g_string_free (subject, FALSE);
        }
    }

  out = g_string_new (NULL);
  for (guint i = 0; i < self->lines->len; i++)
    {
      Line *line = g_ptr_array_index (self->lines, i);
      gsize start = out->len;

      if (!condition_holds (line, lookup, user_data))
        continue;
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

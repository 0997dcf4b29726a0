/* rd-template.h: plain-text templates with named fields.
 *
 * Syntax (docs/letters.md has the whole of it):
 *   {field.name}   the value of a field; names are lower-case letters, digits,
 *                  '_' and '-', in parts joined by '.'
 *   {{ and }}      a literal '{' and '}'
 *   # …            a line starting with '#' is a comment and is dropped
 *   Subject: …     the first line that is not a comment may give the subject
 *   {if field.name} … {else} … {end}
 *                  on lines of their own: the lines between are kept only if
 *                  the field has a value (or, after {else}, has none); no
 *                  nesting; each part may start with its own Subject: line
 * A line that holds fields, all of which are empty, is dropped whole, with
 * its text: "You asked us to reply by {ico.due}." goes when ico.due is unset.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _RdTemplate RdTemplate;

/* Returns the value of @name, or NULL if it has none. */
typedef const char *(*RdTemplateLookupFunc) (const char *name, gpointer user_data);

RdTemplate *rd_template_parse (const char *text, GError **error);
void        rd_template_free (RdTemplate *self);

/* The distinct field names the template uses, in order of first use. */
const char *const *rd_template_get_fields (RdTemplate *self);
gboolean           rd_template_uses_field (RdTemplate *self, const char *name);

/*
 * The fields an expansion with @lookup's values uses: those of the lines
 * whose {if} condition holds, and the conditions themselves. Free with
 * g_strfreev().
 */
char **rd_template_dup_fields_in_use (RdTemplate          *self,
                                      RdTemplateLookupFunc lookup,
                                      gpointer             user_data);

/* The subject line as written (unexpanded), or NULL. */
gboolean rd_template_has_subject (RdTemplate *self);

/*
 * Expands the template. The subject, if there is one, goes to @out_subject
 * (may be NULL); the body is returned. Fields @lookup returns NULL for
 * expand to "".
 */
char *rd_template_expand (RdTemplate          *self,
                          RdTemplateLookupFunc lookup,
                          gpointer             user_data,
                          char               **out_subject);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RdTemplate, rd_template_free)

G_END_DECLS

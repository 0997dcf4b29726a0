/* test-template.c: the template syntax, and the checks on a council's override.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "rd-letter-type.h"
#include "rd-letter.h"
#include "rd-template.h"

static const char *
lookup_cb (const char *name, gpointer user_data)
{
  return g_hash_table_lookup (user_data, name);
}

static char *
expand (const char *text, GHashTable *values, char **subject)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RdTemplate) template = rd_template_parse (text, &error);

  g_assert_no_error (error);
  g_assert_nonnull (template);
  return rd_template_expand (template, lookup_cb, values, subject);
}

static GHashTable *
values_new (void)
{
  GHashTable *values = g_hash_table_new (g_str_hash, g_str_equal);

  g_hash_table_insert (values, "recipient.name", "Siân Llŷr");
  g_hash_table_insert (values, "case.ref", "DPC-2026-0007");
  return values;
}

static void
test_expand_fields (void)
{
  g_autoptr(GHashTable) values = values_new ();
  g_autofree char *subject = NULL;
  g_autofree char *body = NULL;

  body = expand (
      "# a note\nSubject: Case {case.ref}\n\nDear {recipient.name},\n\nAbout {case.ref}.\n", values,
      &subject);
  g_assert_cmpstr (subject, ==, "Case DPC-2026-0007");
  g_assert_cmpstr (body, ==, "Dear Siân Llŷr,\n\nAbout DPC-2026-0007.");
}

static void
test_expand_escapes (void)
{
  g_autoptr(GHashTable) values = values_new ();
  g_autofree char *body = NULL;

  body = expand ("{{literal}} and {{{case.ref}}}", values, NULL);
  g_assert_cmpstr (body, ==, "{literal} and {DPC-2026-0007}");
}

static void
test_expand_drops_empty_lines (void)
{
  g_autoptr(GHashTable) values = values_new ();
  g_autofree char *body = NULL;

  /* A line whose fields are all empty goes, and the blank lines around it
   * become one. A line with one field set stays, even if another is empty. */
  body = expand ("One.\n\nYou asked us to reply by {ico.due}.\n\nTwo {case.ref}{ico.due}.\n",
                 values, NULL);
  g_assert_cmpstr (body, ==, "One.\n\nTwo DPC-2026-0007.");
}

static void
test_expand_crlf_and_bom (void)
{
  g_autoptr(GHashTable) values = values_new ();
  g_autofree char *subject = NULL;
  g_autofree char *body = NULL;

  body = expand ("\xEF\xBB\xBFSubject: S\r\n\r\nA {case.ref}\r\nB\r\n", values, &subject);
  g_assert_cmpstr (subject, ==, "S");
  g_assert_cmpstr (body, ==, "A DPC-2026-0007\nB");
}

static void
test_syntax_errors (void)
{
  const struct
  {
    const char *text;
    const char *needle;
  } bad[] = {
    { "Dear {recipient.name,\n", "Line 1" },
    { "ok\nDear {Recipient.Name},\n", "{Recipient.Name}" },
    { "ok\nok\n{}\n", "Line 3" },
    { "a } b\n", "}}" },
    { "{case..ref}", "{case..ref}" },
    { "{.ref}", "{.ref}" },
    { "\xFF\xFE bad", "UTF-8" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(RdTemplate) template = rd_template_parse (bad[i].text, &error);

      g_assert_null (template);
      g_assert_error (error, RD_LETTER_ERROR, RD_LETTER_ERROR_SYNTAX);
      g_assert_nonnull (strstr (error->message, bad[i].needle));
    }
}

static void
test_fields_listed (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RdTemplate) template = rd_template_parse (
      "Subject: {case.ref}\n{a.b} {c} {a.b} {case.ref}", &error);
  const char *const *fields;

  g_assert_no_error (error);
  fields = rd_template_get_fields (template);
  g_assert_cmpuint (g_strv_length ((char **) fields), ==, 3);
  g_assert_cmpstr (fields[0], ==, "case.ref");
  g_assert_cmpstr (fields[1], ==, "a.b");
  g_assert_cmpstr (fields[2], ==, "c");
}

/* Every template shipped, in both languages, passes the check an override must pass. */
static void
test_shipped_templates_valid (void)
{
  for (guint lang = 0; lang < RD_LETTER_N_LANGUAGES; lang++)
    for (guint type = 0; type < RD_LETTER_N_TYPES; type++)
      {
        g_autoptr(GError) error = NULL;
        g_autofree char *text = rd_letter_load_default_template (type, lang, &error);
        g_autoptr(RdTemplate) template = NULL;

        g_assert_no_error (error);
        g_assert_nonnull (text);
        g_assert_true (rd_letter_template_validate (text, type, &error));
        g_assert_no_error (error);
        template = rd_template_parse (text, NULL);
        g_assert_true (rd_template_has_subject (template));
      }
}

static void
test_override_unknown_field (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RdLetter) letter = rd_letter_new (RD_LETTER_ACKNOWLEDGEMENT, RD_LETTER_LANGUAGE_EN);
  const char *text = "Dear {recipient.name},\nWe will reply by {deadline.respond}.\n"
                     "Your complaint about {complaint.summary}.\n";

  g_assert_false (rd_letter_template_validate (text, RD_LETTER_ACKNOWLEDGEMENT, &error));
  g_assert_error (error, RD_LETTER_ERROR, RD_LETTER_ERROR_UNKNOWN_FIELD);
  g_assert_nonnull (strstr (error->message, "{complaint.summary}"));
  g_clear_error (&error);

  /* The letter refuses it the same way before anything is drawn. */
  g_assert_false (rd_letter_set_template (letter, text, &error));
  g_assert_error (error, RD_LETTER_ERROR, RD_LETTER_ERROR_UNKNOWN_FIELD);
  g_assert_nonnull (strstr (error->message, "{complaint.summary}"));
}

static void
test_override_missing_field (void)
{
  const struct
  {
    RdLetterType type;
    const char  *text;
    const char  *missing;
  } cases[] = {
    /* A refusal must give the reasons and the ICO's details. */
    { RD_LETTER_REFUSAL, "Dear {recipient.name},\nNo.\n{ico.contact}\n", "{refusal.reasons}" },
    { RD_LETTER_REFUSAL, "Dear {recipient.name},\n{refusal.reasons}\n", "{ico.contact}" },
    { RD_LETTER_EXTENSION, "Dear {recipient.name},\nBy {deadline.respond}: {extension.reason}.\n",
      "{deadline.respond_original}" },
    { RD_LETTER_ACKNOWLEDGEMENT, "Dear {recipient.name},\nThank you.\n", "{deadline.respond}" },
    { RD_LETTER_OUTCOME, "Hello,\n{outcome.details} {deadline.review_request}\n",
      "{recipient.name}" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_false (rd_letter_template_validate (cases[i].text, cases[i].type, &error));
      g_assert_error (error, RD_LETTER_ERROR, RD_LETTER_ERROR_MISSING_FIELD);
      g_assert_nonnull (strstr (error->message, cases[i].missing));
    }
}

static void
test_override_used (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RdLetter) letter = rd_letter_new (RD_LETTER_ACKNOWLEDGEMENT, RD_LETTER_LANGUAGE_EN);
  const char *fields[][2] = {
    { "council.name", "Llanfair Town Council" },
    { "council.address", "Town Hall" },
    { "clerk.name", "A Clerk" },
    { "clerk.role", "Town Clerk" },
    { "recipient.name", "B Person" },
    { "case.ref", "DPC-2026-0001" },
    { "letter.date", "Monday 4 May 2026" },
    { "deadline.respond", "Thursday 4 June 2026" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (fields); i++)
    rd_letter_set_field (letter, fields[i][0], fields[i][1]);
  g_assert_true (rd_letter_set_template (
      letter, "Subject: Ours\nHello {recipient.name}. By {deadline.respond}.", &error));
  g_assert_no_error (error);
  g_assert_true (rd_letter_compose (letter, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (rd_letter_get_subject (letter), ==, "Ours");
  g_assert_cmpstr (rd_letter_get_body (letter), ==, "Hello B Person. By Thursday 4 June 2026.");

  /* The clerk's edit is what the letter holds. */
  rd_letter_set_body (letter, "Edited by the clerk.");
  g_assert_cmpstr (rd_letter_get_body (letter), ==, "Edited by the clerk.");
}

static void
test_compose_needs_values (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RdLetter) letter = rd_letter_new (RD_LETTER_EXTENSION, RD_LETTER_LANGUAGE_EN);
  const char *fields[][2] = {
    { "council.name", "Llanfair Town Council" },
    { "council.address", "Town Hall" },
    { "clerk.name", "A Clerk" },
    { "clerk.role", "Town Clerk" },
    { "recipient.name", "B Person" },
    { "case.ref", "DPC-2026-0001" },
    { "letter.date", "Monday 4 May 2026" },
    { "case.received", "Friday 1 May 2026" },
    { "deadline.respond", "Friday 4 September 2026" },
    { "deadline.respond_original", "Monday 1 June 2026" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (fields); i++)
    rd_letter_set_field (letter, fields[i][0], fields[i][1]);
  /* No reason given for the extension: the letter says which field. */
  g_assert_false (rd_letter_compose (letter, &error));
  g_assert_error (error, RD_LETTER_ERROR, RD_LETTER_ERROR_NO_VALUE);
  g_assert_nonnull (strstr (error->message, "{extension.reason}"));
}

static void
test_compose_placeholders (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RdLetter) letter = rd_letter_new (RD_LETTER_REFUSAL, RD_LETTER_LANGUAGE_EN);
  const char *fields[][2] = {
    { "council.name", "Llanfair Town Council" },
    { "council.address", "Town Hall" },
    { "clerk.name", "A Clerk" },
    { "clerk.role", "Town Clerk" },
    { "recipient.name", "B Person" },
    { "case.ref", "DPC-2026-0001" },
    { "letter.date", "Monday 4 May 2026" },
    { "case.received", "Friday 1 May 2026" },
    { "refusal.factors", "• one" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (fields); i++)
    rd_letter_set_field (letter, fields[i][0], fields[i][1]);
  rd_letter_set_placeholders (letter, TRUE);
  g_assert_true (rd_letter_compose (letter, &error));
  g_assert_no_error (error);
  /* The reasons are not recorded: a bracketed gap for the clerk to fill. */
  g_assert_nonnull (strstr (rd_letter_get_body (letter), "[the reasons for the refusal]"));
  g_assert_true (rd_letter_has_placeholders (letter));
  rd_letter_set_body (letter, "Our reasons are written now.");
  g_assert_false (rd_letter_has_placeholders (letter));

  /* The letterhead's fields are never left as gaps. */
  rd_letter_set_field (letter, "clerk.name", NULL);
  g_assert_false (rd_letter_compose (letter, &error));
  g_assert_error (error, RD_LETTER_ERROR, RD_LETTER_ERROR_NO_VALUE);
  g_assert_nonnull (strstr (error->message, "{clerk.name}"));
}

static void
test_types_and_languages (void)
{
  const char      *ids[] = { "acknowledgement", "identity-request",
                             "consent-request", "clarification-request",
                             "extension",       "outcome",
                             "refusal",         "review-acknowledgement",
                             "review-outcome",  "ico-cover" };
  RdLetterType     type;
  RdLetterLanguage language;

  g_assert_cmpuint (G_N_ELEMENTS (ids), ==, RD_LETTER_N_TYPES);
  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      g_assert_true (rd_letter_type_from_string (ids[i], &type));
      g_assert_cmpstr (rd_letter_type_to_string (type), ==, ids[i]);
    }
  g_assert_false (rd_letter_type_from_string ("apology", &type));
  g_assert_true (rd_letter_language_from_string ("cy", &language));
  g_assert_cmpint (language, ==, RD_LETTER_LANGUAGE_CY);
  g_assert_false (rd_letter_language_from_string ("fr", &language));
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/template/expand/fields", test_expand_fields);
  g_test_add_func ("/template/expand/escapes", test_expand_escapes);
  g_test_add_func ("/template/expand/drops-empty-lines", test_expand_drops_empty_lines);
  g_test_add_func ("/template/expand/crlf-and-bom", test_expand_crlf_and_bom);
  g_test_add_func ("/template/syntax-errors", test_syntax_errors);
  g_test_add_func ("/template/fields-listed", test_fields_listed);
  g_test_add_func ("/template/shipped-valid", test_shipped_templates_valid);
  g_test_add_func ("/template/override/unknown-field", test_override_unknown_field);
  g_test_add_func ("/template/override/missing-field", test_override_missing_field);
  g_test_add_func ("/template/override/used", test_override_used);
  g_test_add_func ("/template/compose/needs-values", test_compose_needs_values);
  g_test_add_func ("/template/compose/placeholders", test_compose_placeholders);
  g_test_add_func ("/template/types-and-languages", test_types_and_languages);

  return g_test_run ();
}

/* rd-letter-type.c: the kinds of letter Redress writes, and their fields.
 *
 * The field list here is the contract between the templates (data/letters/),
 * the adapter that fills the fields from a case (rd-letter-fields.c) and
 * councils writing their own templates. docs/letters.md lists it too: keep
 * the two in step.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "redress-documents"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "rd-letter-type.h"
#include "rd-template.h"

G_DEFINE_QUARK (rd - letter - error - quark, rd_letter_error)

/* N_() is whitespace-sensitive for clang-format, which mangles tables of it. */
/* clang-format off */
static const struct
{
  const char *id;
  const char *title;
} letter_types[RD_LETTER_N_TYPES] = {
  [RD_LETTER_ACKNOWLEDGEMENT] = { "acknowledgement", N_("Acknowledgement") },
  [RD_LETTER_IDENTITY_REQUEST] = { "identity-request", N_("Request for identity") },
  [RD_LETTER_CONSENT_REQUEST] = { "consent-request", N_("Request for written consent") },
  [RD_LETTER_CLARIFICATION_REQUEST] = { "clarification-request", N_("Request for clarification") },
  [RD_LETTER_EXTENSION] = { "extension", N_("Extension notice") },
  [RD_LETTER_OUTCOME] = { "outcome", N_("Outcome") },
  [RD_LETTER_REFUSAL] = { "refusal", N_("Refusal") },
  [RD_LETTER_REVIEW_ACKNOWLEDGEMENT] = { "review-acknowledgement", N_("Review acknowledgement") },
  [RD_LETTER_REVIEW_OUTCOME] = { "review-outcome", N_("Review outcome") },
  [RD_LETTER_ICO_COVER] = { "ico-cover", N_("Covering letter to the ICO") },
};
/* clang-format on */

static const char *const languages[RD_LETTER_N_LANGUAGES] = {
  [RD_LETTER_LANGUAGE_EN] = "en",
  [RD_LETTER_LANGUAGE_CY] = "cy",
};

#define OPT RD_LETTER_FIELD_OPTIONAL

/* clang-format off */
static const RdLetterFieldInfo fields[] = {
  /* The letterhead and the signature: the council's settings. */
  { "council.name", 0, N_("the council’s name") },
  { "council.address", 0, N_("the council’s postal address") },
  { "council.contact", OPT, N_("the council’s telephone number and e-mail address") },
  { "clerk.name", 0, N_("the name of the person signing the letter") },
  { "clerk.role", 0, N_("the role of the person signing the letter") },
  /* Who the letter goes to: the complainant, their representative or the ICO. */
  { "recipient.name", 0, N_("the name of the person the letter goes to") },
  { "recipient.address", OPT, N_("the postal address of the person the letter goes to") },
  { "recipient.reference", OPT, N_("the recipient’s own reference") },
  /* The case. */
  { "letter.date", 0, N_("the date of the letter") },
  { "case.ref", 0, N_("the case reference") },
  { "case.received", 0, N_("the date the complaint was received") },
  { "case.summary", OPT, N_("what the complaint is about") },
  { "complainant.name", 0, N_("the name of the data subject") },
  { "representative.name", OPT,
    N_("the name of the data subject’s representative, empty when the data subject "
       "complains for themselves ({if representative.name} tests it)") },
  { "subject.personal_data", 0,
    N_("“your personal data” to the data subject, “(name)’s personal data” to a "
       "representative") },
  /* Deadlines, worked out by the rules and formatted as dates. */
  { "deadline.acknowledge", OPT, N_("the council’s target date for acknowledging the complaint") },
  { "deadline.respond", OPT, N_("the date by which the council will respond") },
  { "deadline.respond_waiting", OPT, N_("why the response date is not known yet (identity or consent awaited)") },
  { "deadline.respond_original", 0, N_("the response date before the extension") },
  { "deadline.review_request", 0, N_("the last day to ask for a review") },
  { "deadline.review_respond", 0, N_("the date by which the review will be answered") },
  /* What the clerk writes for one step. */
  { "clarification.question", 0, N_("what the council needs clarified") },
  { "extension.reason", 0, N_("the reason for the extension") },
  { "outcome.result", OPT, N_("the outcome in one sentence (upheld, partly upheld, not upheld)") },
  { "outcome.details", 0, N_("what the council found and what it will do") },
  { "refusal.factors", 0, N_("the policy’s factors the refusal rests on") },
  { "refusal.reasons", 0, N_("the reasons for the refusal") },
  { "review.received", 0, N_("the date the request for a review was received") },
  { "review.result", OPT, N_("the review’s outcome in one sentence") },
  { "review.details", 0, N_("what the review found") },
  { "ico.reference", OPT, N_("the ICO’s case reference") },
  { "ico.due", OPT, N_("the date by which the ICO asked for the council’s response") },
  { "ico.contact", 0, N_("the ICO’s contact details (filled in by Redress)") },
};
/* clang-format on */

#undef OPT

/* Fields every template must use, then each type's own. */
static const char *const required_common[] = { "recipient.name", NULL };

static const char *const required[RD_LETTER_N_TYPES][4] = {
  [RD_LETTER_ACKNOWLEDGEMENT] = { "deadline.respond", NULL },
  [RD_LETTER_IDENTITY_REQUEST] = { NULL },
  [RD_LETTER_CONSENT_REQUEST] = { "complainant.name", NULL },
  [RD_LETTER_CLARIFICATION_REQUEST] = { "clarification.question", NULL },
  [RD_LETTER_EXTENSION] = { "extension.reason", "deadline.respond", "deadline.respond_original",
                            NULL },
  [RD_LETTER_OUTCOME] = { "outcome.details", "deadline.review_request", NULL },
  [RD_LETTER_REFUSAL] = { "refusal.reasons", "ico.contact", NULL },
  [RD_LETTER_REVIEW_ACKNOWLEDGEMENT] = { "review.received", "deadline.review_respond", NULL },
  [RD_LETTER_REVIEW_OUTCOME] = { "review.details", "ico.contact", NULL },
  [RD_LETTER_ICO_COVER] = { "complainant.name", NULL },
};

/* Public API */

const char *
rd_letter_type_to_string (RdLetterType type)
{
  g_return_val_if_fail (type < RD_LETTER_N_TYPES, NULL);

  return letter_types[type].id;
}

gboolean
rd_letter_type_from_string (const char *text, RdLetterType *out_type)
{
  g_return_val_if_fail (text != NULL, FALSE);

  for (guint i = 0; i < RD_LETTER_N_TYPES; i++)
    {
      if (strcmp (letter_types[i].id, text) == 0)
        {
          if (out_type != NULL)
            *out_type = (RdLetterType) i;
          return TRUE;
        }
    }
  return FALSE;
}

const char *
rd_letter_type_get_title (RdLetterType type)
{
  g_return_val_if_fail (type < RD_LETTER_N_TYPES, NULL);

  return _(letter_types[type].title);
}

const char *
rd_letter_language_to_string (RdLetterLanguage language)
{
  g_return_val_if_fail (language < RD_LETTER_N_LANGUAGES, NULL);

  return languages[language];
}

gboolean
rd_letter_language_from_string (const char *text, RdLetterLanguage *out_language)
{
  g_return_val_if_fail (text != NULL, FALSE);

  for (guint i = 0; i < RD_LETTER_N_LANGUAGES; i++)
    {
      if (g_ascii_strcasecmp (languages[i], text) == 0)
        {
          if (out_language != NULL)
            *out_language = (RdLetterLanguage) i;
          return TRUE;
        }
    }
  return FALSE;
}

const RdLetterFieldInfo *
rd_letter_fields_list (guint *out_n_fields)
{
  if (out_n_fields != NULL)
    *out_n_fields = G_N_ELEMENTS (fields);
  return fields;
}

const RdLetterFieldInfo *
rd_letter_field_lookup (const char *name)
{
  g_return_val_if_fail (name != NULL, NULL);

  for (gsize i = 0; i < G_N_ELEMENTS (fields); i++)
    if (strcmp (fields[i].name, name) == 0)
      return &fields[i];
  return NULL;
}

const char *const *
rd_letter_type_get_required_fields (RdLetterType type)
{
  g_return_val_if_fail (type < RD_LETTER_N_TYPES, NULL);

  return required[type];
}

/**
 * rd_letter_template_validate:
 * @text: a template, as a council would store it
 * @type: the letter type it is for
 * @error: return location for an error
 *
 * Checks a template before it is stored or used: its syntax, that every
 * field it names is a field Redress knows, and that it uses every field a
 * letter of @type must have. The message names the field.
 *
 * Returns: TRUE if the template can be used for @type
 */
gboolean
rd_letter_template_validate (const char *text, RdLetterType type, GError **error)
{
  g_autoptr(RdTemplate) template = NULL;
  const char *const *used;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (type < RD_LETTER_N_TYPES, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if ((template = rd_template_parse (text, error)) == NULL)
    return FALSE;

  used = rd_template_get_fields (template);
  for (guint i = 0; used[i] != NULL; i++)
    {
      if (rd_letter_field_lookup (used[i]) == NULL)
        {
          g_set_error (error, RD_LETTER_ERROR, RD_LETTER_ERROR_UNKNOWN_FIELD,
                       _("The template uses the field {%s}, which Redress does not know. "
                         "Check its spelling against the list of fields in the help."),
                          used[i]);
          return FALSE;
        }
    }

  for (guint pass = 0; pass < 2; pass++)
    {
      const char *const *need = pass == 0 ? required_common : required[type];

      for (guint i = 0; need[i] != NULL; i++)
        {
          if (!rd_template_uses_field (template, need[i]))
            {
              const RdLetterFieldInfo *info = rd_letter_field_lookup (need[i]);

              g_set_error (error, RD_LETTER_ERROR, RD_LETTER_ERROR_MISSING_FIELD,
                           _("A letter of the kind “%s” must give %s, but the template does "
                             "not use the field {%s}. Add it to the template."),
                              rd_letter_type_get_title (type), _(info->description), need[i]);
              return FALSE;
            }
        }
    }

  return TRUE;
}

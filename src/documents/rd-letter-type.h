/* rd-letter-type.h: the kinds of letter Redress writes, and their fields.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define RD_LETTER_ERROR (rd_letter_error_quark ())

/**
 * RdLetterError:
 * @RD_LETTER_ERROR_SYNTAX: a template is not well formed
 * @RD_LETTER_ERROR_UNKNOWN_FIELD: a template names a field Redress does not know
 * @RD_LETTER_ERROR_MISSING_FIELD: a template leaves out a field its letter type must have
 * @RD_LETTER_ERROR_NO_VALUE: a field the letter needs has no value on the case
 * @RD_LETTER_ERROR_NOT_ALLOWED: the case's state does not allow this letter yet
 * @RD_LETTER_ERROR_LOGO: the council's logo cannot be read
 * @RD_LETTER_ERROR_WRITE: the PDF could not be written
 * @RD_LETTER_ERROR_INVALID: an argument is not valid (an unknown type or language)
 * @RD_LETTER_ERROR_ADDRESS_TOO_LONG: the recipient's name and address do not fit the envelope window
 */
typedef enum
{
  RD_LETTER_ERROR_SYNTAX,
  RD_LETTER_ERROR_UNKNOWN_FIELD,
  RD_LETTER_ERROR_MISSING_FIELD,
  RD_LETTER_ERROR_NO_VALUE,
  RD_LETTER_ERROR_NOT_ALLOWED,
  RD_LETTER_ERROR_LOGO,
  RD_LETTER_ERROR_WRITE,
  RD_LETTER_ERROR_INVALID,
  RD_LETTER_ERROR_ADDRESS_TOO_LONG,
} RdLetterError;

GQuark rd_letter_error_quark (void);

typedef enum
{
  RD_LETTER_ACKNOWLEDGEMENT,
  RD_LETTER_IDENTITY_REQUEST,
  RD_LETTER_CONSENT_REQUEST,
  RD_LETTER_CLARIFICATION_REQUEST,
  RD_LETTER_EXTENSION,
  RD_LETTER_OUTCOME,
  RD_LETTER_REFUSAL,
  RD_LETTER_REVIEW_ACKNOWLEDGEMENT,
  RD_LETTER_REVIEW_OUTCOME,
  RD_LETTER_ICO_COVER,
  RD_LETTER_N_TYPES,
} RdLetterType;

typedef enum
{
  RD_LETTER_LANGUAGE_EN,
  RD_LETTER_LANGUAGE_CY,
  RD_LETTER_N_LANGUAGES,
} RdLetterLanguage;

/* Ids as the CLI and the template files name them: "acknowledgement", … */
const char *rd_letter_type_to_string (RdLetterType type);
gboolean    rd_letter_type_from_string (const char *text, RdLetterType *out_type);
/* A translated title for the user interface ("Acknowledgement"). */
const char *rd_letter_type_get_title (RdLetterType type);

/* "en" and "cy". */
const char *rd_letter_language_to_string (RdLetterLanguage language);
gboolean    rd_letter_language_from_string (const char *text, RdLetterLanguage *out_language);

/**
 * RdLetterFieldFlags:
 * @RD_LETTER_FIELD_OPTIONAL: the letter can go without a value; it expands to
 *   nothing, and a template line left empty by it disappears
 */
typedef enum
{
  RD_LETTER_FIELD_NONE = 0,
  RD_LETTER_FIELD_OPTIONAL = 1 << 0,
} RdLetterFieldFlags;

typedef struct
{
  const char        *name; /* "complainant.name" */
  RdLetterFieldFlags flags;
  const char        *description; /* untranslated, for messages and docs */
} RdLetterFieldInfo;

/* Every field a template may use, in a fixed order. */
const RdLetterFieldInfo *rd_letter_fields_list (guint *out_n_fields);
const RdLetterFieldInfo *rd_letter_field_lookup (const char *name);

/*
 * The fields a template of @type must use (NULL-terminated, static).
 * Leaving one out of an override is refused: a refusal letter that does not
 * give the reasons or the ICO's details is not a refusal letter.
 */
const char *const *rd_letter_type_get_required_fields (RdLetterType type);

gboolean rd_letter_template_validate (const char *text, RdLetterType type, GError **error);

G_END_DECLS

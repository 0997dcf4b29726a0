/* rd-letter-fields.h: a letter's fields, filled from a case in the store.
 *
 * The bridge between the letter engine (which knows nothing of the store)
 * and the model: the case, its people and events, the council's settings,
 * and the deadlines the rules fold from the events.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "rd-letter.h"
#include "rd-model.h"

G_BEGIN_DECLS

/* Council settings the letters keep in the store (free "x-" keys). */
#define RD_LETTER_SETTING_CLERK_ROLE "x-letters-clerk-role"
#define RD_LETTER_SETTING_PHONE      "x-letters-phone"
#define RD_LETTER_SETTING_OFFSET_X   "x-envelope-offset-x-mm"
#define RD_LETTER_SETTING_OFFSET_Y   "x-envelope-offset-y-mm"

/* "x-letters-template-<language>-<type>", e.g. x-letters-template-cy-outcome */
char *rd_letter_template_setting_key (RdLetterType type, RdLetterLanguage language);

/*
 * Whether the case's state allows a letter of @type now. On FALSE, @error
 * (RD_LETTER_ERROR_NOT_ALLOWED) says why and what to record first: no
 * outcome letter before an outcome is recorded, and so on.
 */
gboolean rd_letter_type_allowed (RdLetterType type,
                                 RdCase      *kase,
                                 GPtrArray   *events,
                                 RdCaseState *state,
                                 GError     **error);

/*
 * Sets the fields that come from the case, its people, its events (the
 * latest of each kind) and the deadlines in @state, with dates in the
 * letter's language. The recipient is the representative if there is one,
 * else the data subject; for ico-cover, the ICO.
 */
void rd_letter_fill_case_fields (RdLetter    *letter,
                                 RdCase      *kase,
                                 GPtrArray   *events,
                                 RdCaseState *state);

/* Sets the council's fields (letterhead and signature) from explicit values. */
void rd_letter_fill_council_fields (RdLetter   *letter,
                                    const char *name,
                                    const char *address,
                                    const char *email,
                                    const char *phone,
                                    const char *clerk,
                                    const char *clerk_role);

/* The language and large print the case's correspondent asked for. */
RdLetterLanguage rd_letter_language_for_case (RdCase *kase);
gboolean         rd_letter_large_print_for_case (RdCase *kase);

/**
 * RdLetterOptions:
 * @language: -1 for the correspondent's recorded preference, else an #RdLetterLanguage
 * @large_print: -1 for the correspondent's recorded preference, else 0 or 1
 * @date: the date of the letter (required: the caller's "today")
 * @placeholders: compose with "[…]" for the clerk's own text that is not
 *   recorded yet, to be written in the editor (rd_letter_set_placeholders())
 */
typedef struct
{
  int          language;
  int          large_print;
  const GDate *date;
  gboolean     placeholders;
} RdLetterOptions;

/*
 * The whole letter for a case, composed and ready to draw: checks that the
 * state allows it, reads the council's settings, logo (PNG), envelope offset
 * and any override of the template from the store, fills the fields and
 * expands the template. Fails with a message naming what is missing.
 */
RdLetter *rd_letter_new_for_case (RdStore               *store,
                                  RdCase                *kase,
                                  RdLetterType           type,
                                  const RdLetterOptions *options,
                                  GError               **error);

/* The outcome's or review's summary, or the clarification question, that a
 * letter made straight to PDF needs; the error says how to give it. */
gboolean rd_letter_check_recorded_details (RdLetter *letter, RdCase *kase, GError **error);

/* Checks a council's override and saves it in the store (NULL text removes it). */
gboolean rd_letter_save_template_override (RdStore         *store,
                                           RdLetterType     type,
                                           RdLetterLanguage language,
                                           const char      *text,
                                           GError         **error);

G_END_DECLS

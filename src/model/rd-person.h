/* rd-person.h: a person the council deals with: a data subject or a representative.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define RD_TYPE_PERSON (rd_person_get_type ())

G_DECLARE_FINAL_TYPE (RdPerson, rd_person, RD, PERSON, GObject)

/**
 * RdPerson:
 *
 * A person as the store keeps them: name, postal address and postcode,
 * e-mail, phone, how they prefer to be written to ("post" or "email"),
 * the language of their letters ("en" or "cy"), large print, and whether
 * they have restricted processing of their data.
 *
 * A person made with rd_person_new() has id 0 until the store saves them
 * (through rd_store_add_case() as a case's subject or representative).
 * Objects returned by the store are snapshots: change them with the setters
 * and save them with rd_store_update_person().
 */

RdPerson *rd_person_new (const char *name);

gint64      rd_person_get_id (RdPerson *self);
const char *rd_person_get_name (RdPerson *self);
void        rd_person_set_name (RdPerson *self, const char *name);
/* The postal address without the postcode, lines separated by "\n". */
const char *rd_person_get_address (RdPerson *self);
void        rd_person_set_address (RdPerson *self, const char *address);
/* Normalised by the store to capitals with one space ("SW1A 1AA"). */
const char *rd_person_get_postcode (RdPerson *self);
void        rd_person_set_postcode (RdPerson *self, const char *postcode);
const char *rd_person_get_email (RdPerson *self);
void        rd_person_set_email (RdPerson *self, const char *email);
const char *rd_person_get_phone (RdPerson *self);
void        rd_person_set_phone (RdPerson *self, const char *phone);
/* "post" (the default) or "email". */
const char *rd_person_get_channel (RdPerson *self);
void        rd_person_set_channel (RdPerson *self, const char *channel);
/* "en" (the default) or "cy". */
const char *rd_person_get_language (RdPerson *self);
void        rd_person_set_language (RdPerson *self, const char *language);
gboolean    rd_person_get_large_print (RdPerson *self);
void        rd_person_set_large_print (RdPerson *self, gboolean large_print);
/* Read-only here: change it with rd_store_set_restricted(). */
gboolean rd_person_get_restricted (RdPerson *self);

/* Checks a postcode's format; returns the normalised form, or NULL. */
char *rd_postcode_normalize (const char *postcode);

G_END_DECLS

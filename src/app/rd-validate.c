/* rd-validate.c: checks on what the clerk types, without widgets.
 *
 * The dialogs call these on every keystroke and show the sentence under the
 * field; keeping them free of GTK lets tests/test-validate.c check each rule
 * without a display.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "redress-app"

#include "config.h"

#include <glib/gi18n.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "rd-format.h"
#include "rd-validate.h"

/* Helpers */

static gboolean
is_blank (const char *text)
{
  if (text == NULL)
    return TRUE;
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      return FALSE;
  return TRUE;
}

static gboolean
read_number (const char *text, gsize length, guint *out_value)
{
  guint value = 0;

  if (length == 0 || length > 4)
    return FALSE;
  for (gsize i = 0; i < length; i++)
    {
      if (!g_ascii_isdigit (text[i]))
        return FALSE;
      value = value * 10 + (guint) g_ascii_digit_value (text[i]);
    }
  *out_value = value;
  return TRUE;
}

/* Splits "a<sep>b<sep>c" into three runs of digits. */
static gboolean
split_date (const char *text, char separator, guint parts[3], gsize lengths[3])
{
  const char *start = text;

  for (int i = 0; i < 3; i++)
    {
      const char *end = i < 2 ? strchr (start, separator) : start + strlen (start);

      if (end == NULL)
        return FALSE;
      lengths[i] = (gsize) (end - start);
      if (!read_number (start, lengths[i], &parts[i]))
        return FALSE;
      start = end + 1;
    }
  return TRUE;
}

/* Public API */

/**
 * rd_validate_required:
 * @text: (nullable): what was typed
 * @what: the sentence to show when nothing was typed
 *
 * Returns: (transfer full) (nullable): a copy of @what when @text is blank
 */
char *
rd_validate_required (const char *text, const char *what)
{
  g_return_val_if_fail (what != NULL, NULL);

  return is_blank (text) ? g_strdup (what) : NULL;
}

/**
 * rd_validate_name:
 * @text: (nullable): a person's name
 *
 * Returns: (transfer full) (nullable): why the name cannot be used
 */
char *
rd_validate_name (const char *text)
{
  if (is_blank (text))
    return g_strdup (_("Enter the person’s name."));
  if (g_utf8_strlen (text, -1) > 200)
    return g_strdup (_("The name is too long: use at most 200 characters."));
  return NULL;
}

/*
 * A UK postcode: an outward code (area letters, district digit, an optional
 * letter or digit) and an inward code (a digit and two letters), as Royal
 * Mail's Programmers' Guide describes it; GIR 0AA is the one exception.
 */
static gboolean
postcode_is_valid (const char *compact)
{
  gsize length = strlen (compact);
  gsize outward;
  gsize i = 0;

  if (g_strcmp0 (compact, "GIR0AA") == 0)
    return TRUE;
  if (length < 5 || length > 7)
    return FALSE;

  outward = length - 3;
  if (!g_ascii_isdigit (compact[outward]) || !g_ascii_isalpha (compact[outward + 1]) ||
      !g_ascii_isalpha (compact[outward + 2]))
    return FALSE;

  /* Area: one or two letters. */
  if (!g_ascii_isalpha (compact[i++]))
    return FALSE;
  if (g_ascii_isalpha (compact[i]))
    i++;
  /* District: a digit, then an optional digit or letter. */
  if (i >= outward || !g_ascii_isdigit (compact[i++]))
    return FALSE;
  if (i < outward && g_ascii_isalnum (compact[i]))
    i++;
  return i == outward;
}

/**
 * rd_normalise_postcode:
 * @text: a postcode as typed
 *
 * Returns: (transfer full): the postcode in capitals with one space before
 *   the inward code ("sw1a1aa" gives "SW1A 1AA"); other text comes back
 *   trimmed but otherwise as typed
 */
char *
rd_normalise_postcode (const char *text)
{
  g_autoptr(GString) compact = g_string_new (NULL);

  g_return_val_if_fail (text != NULL, NULL);

  for (const char *p = text; *p != '\0'; p++)
    if (!g_ascii_isspace (*p))
      g_string_append_c (compact, g_ascii_toupper (*p));

  if (!postcode_is_valid (compact->str))
    return g_strstrip (g_strdup (text));

  g_string_insert_c (compact, (gssize) compact->len - 3, ' ');
  return g_string_free (g_steal_pointer (&compact), FALSE);
}

/**
 * rd_validate_postcode:
 * @text: (nullable): a UK postcode
 * @required: whether an empty postcode is refused
 *
 * Returns: (transfer full) (nullable): why the postcode cannot be used
 */
char *
rd_validate_postcode (const char *text, gboolean required)
{
  g_autoptr(GString) compact = g_string_new (NULL);

  if (is_blank (text))
    return required ? g_strdup (_("Enter the postcode.")) : NULL;

  for (const char *p = text; *p != '\0'; p++)
    if (!g_ascii_isspace (*p))
      g_string_append_c (compact, g_ascii_toupper (*p));

  if (!postcode_is_valid (compact->str))
    return g_strdup (_("This is not a UK postcode: write it like SW1A 1AA."));
  return NULL;
}

/**
 * rd_validate_email:
 * @text: (nullable): an e-mail address
 * @required: whether an empty address is refused
 *
 * Only the shape is checked (something, one @, a domain with a dot, no
 * spaces): whether the address works is for the post office to say.
 *
 * Returns: (transfer full) (nullable): why the address cannot be used
 */
char *
rd_validate_email (const char *text, gboolean required)
{
  g_autofree char *trimmed = NULL;
  const char      *at;
  const char      *dot;

  if (is_blank (text))
    return required ? g_strdup (_("Enter the e-mail address.")) : NULL;

  trimmed = g_strstrip (g_strdup (text));
  at = strchr (trimmed, '@');
  if (at == NULL || at == trimmed || strchr (at + 1, '@') != NULL)
    return g_strdup (_("An e-mail address has one @ with a name before it, like "
                       "name@example.org."));
  for (const char *p = trimmed; *p != '\0'; p++)
    if (g_ascii_isspace (*p) || *p == ',' || *p == ';' || *p == '<' || *p == '>')
      return g_strdup (_("An e-mail address cannot contain spaces, commas or angle brackets."));
  dot = strrchr (at + 1, '.');
  if (dot == NULL || dot == at + 1 || dot[1] == '\0' || strstr (at + 1, "..") != NULL)
    return g_strdup (_("The part after @ must be a domain, like example.org."));
  return NULL;
}

/**
 * rd_validate_phone:
 * @text: (nullable): a telephone number; empty is acceptable
 *
 * Returns: (transfer full) (nullable): why the number cannot be used
 */
char *
rd_validate_phone (const char *text)
{
  guint digits = 0;

  if (is_blank (text))
    return NULL;

  for (const char *p = text; *p != '\0'; p++)
    {
      if (g_ascii_isdigit (*p))
        digits++;
      else if (*p == '+' && digits == 0)
        continue;
      else if (!(*p == ' ' || *p == '-' || *p == '(' || *p == ')'))
        return g_strdup (_("A telephone number holds digits, spaces and an optional + at the "
                           "start."));
    }

  if (digits < 7 || digits > 15)
    return g_strdup (_("A telephone number has between 7 and 15 digits."));
  return NULL;
}

/**
 * rd_validate_date_text:
 * @text: (nullable): a date as YYYY-MM-DD or, the British way, D/M/YYYY
 * @latest: (nullable): the last day allowed, usually today
 * @out_date: (out) (optional): the date read, when valid
 *
 * "4/5/2026" is 4 May 2026, as a British clerk means it.
 *
 * Returns: (transfer full) (nullable): why the text is not a usable date
 */
char *
rd_validate_date_text (const char *text, const GDate *latest, GDate *out_date)
{
  g_autofree char *trimmed = NULL;
  guint            parts[3];
  gsize            lengths[3];
  guint            day, month, year;
  GDate            date;

  if (is_blank (text))
    return g_strdup (_("Enter the date, for example 4/5/2026 or 2026-05-04."));

  trimmed = g_strstrip (g_strdup (text));

  if (split_date (trimmed, '-', parts, lengths) && lengths[0] == 4 && lengths[1] == 2 &&
      lengths[2] == 2)
    {
      year = parts[0];
      month = parts[1];
      day = parts[2];
    }
  else if (split_date (trimmed, '/', parts, lengths) && lengths[0] <= 2 && lengths[1] <= 2)
    {
      if (lengths[2] != 4)
        return g_strdup (_("Write the year in full, for example 4/5/2026."));
      day = parts[0];
      month = parts[1];
      year = parts[2];
    }
  else
    return g_strdup (_("Write the date as day/month/year, like 4/5/2026, or as 2026-05-04."));

  if (month < 1 || month > 12)
    return g_strdup (_("There is no such month: the month is a number from 1 to 12."));
  if (year < 1900 || !g_date_valid_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year))
    return g_strdup (_("That day does not exist in the calendar."));

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, (GDateDay) day, (GDateMonth) month, (GDateYear) year);

  if (latest != NULL && g_date_valid (latest) && g_date_compare (&date, latest) > 0)
    {
      g_autofree char *shown = rd_format_date (latest);

      /* Translators: %s is a date such as "Monday 4 May 2026" */
      return g_strdup_printf (_("The date cannot be later than today, %s."), shown);
    }

  if (out_date != NULL)
    *out_date = date;
  return NULL;
}

/**
 * rd_validate_int_text:
 * @text: (nullable): a whole number
 * @minimum: the smallest allowed
 * @maximum: the largest allowed
 * @out_value: (out) (optional): the number read, when valid
 *
 * Returns: (transfer full) (nullable): why the text is not usable
 */
char *
rd_validate_int_text (const char *text, int minimum, int maximum, int *out_value)
{
  g_autofree char *trimmed = NULL;
  gint64           value;
  char            *end = NULL;

  g_return_val_if_fail (minimum <= maximum, NULL);

  if (is_blank (text))
    return g_strdup_printf (_("Enter a whole number from %d to %d."), minimum, maximum);

  trimmed = g_strstrip (g_strdup (text));
  errno = 0;
  value = g_ascii_strtoll (trimmed, &end, 10);
  if (errno != 0 || end == trimmed || *end != '\0' || value < minimum || value > maximum)
    return g_strdup_printf (_("Enter a whole number from %d to %d."), minimum, maximum);

  if (out_value != NULL)
    *out_value = (int) value;
  return NULL;
}

/**
 * rd_validate_double_text:
 * @text: (nullable): a number, with a full stop for the decimal point
 * @minimum: the smallest allowed
 * @maximum: the largest allowed
 * @out_value: (out) (optional): the number read, when valid
 *
 * Returns: (transfer full) (nullable): why the text is not usable
 */
char *
rd_validate_double_text (const char *text, double minimum, double maximum, double *out_value)
{
  g_autofree char *trimmed = NULL;
  double           value;
  char            *end = NULL;

  if (is_blank (text))
    return g_strdup_printf (_("Enter a number from %.1f to %.1f."), minimum, maximum);

  trimmed = g_strstrip (g_strdup (text));
  errno = 0;
  value = g_ascii_strtod (trimmed, &end);
  if (errno != 0 || end == trimmed || *end != '\0' || !(value >= minimum && value <= maximum))
    return g_strdup_printf (_("Enter a number from %.1f to %.1f."), minimum, maximum);

  if (out_value != NULL)
    *out_value = value;
  return NULL;
}

/**
 * rd_validate_reference_prefix:
 * @text: (nullable): the letters that start each case reference ("DPC")
 *
 * Returns: (transfer full) (nullable): why the prefix cannot be used
 */
char *
rd_validate_reference_prefix (const char *text)
{
  gsize length;

  if (is_blank (text))
    return g_strdup (_("Enter the letters that start each case reference, such as DPC."));

  length = strlen (text);
  if (length > 10)
    return g_strdup (_("Use at most 10 letters and digits for the reference prefix."));
  for (gsize i = 0; i < length; i++)
    if (!g_ascii_isalnum (text[i]))
      return g_strdup (_("The reference prefix may hold only letters A to Z and digits, with "
                         "no spaces."));
  if (!g_ascii_isalpha (text[0]))
    return g_strdup (_("The reference prefix must start with a letter."));
  return NULL;
}

/**
 * rd_validate_contact:
 * @by_post: whether the person asked for letters by post
 * @address: (nullable): their postal address
 * @postcode: (nullable): their postcode
 * @email: (nullable): their e-mail address
 *
 * Checks that the council can reach the person the way they asked to be
 * reached: by post needs an address and a postcode, by e-mail an address.
 *
 * Returns: (transfer full) (nullable): what is missing
 */
char *
rd_validate_contact (gboolean by_post, const char *address, const char *postcode, const char *email)
{
  if (by_post && (is_blank (address) || is_blank (postcode)))
    return g_strdup (
        _("Letters go by post: add the postal address and postcode, or choose e-mail."));
  if (!by_post && is_blank (email))
    return g_strdup (_("Letters go by e-mail: add the e-mail address, or choose post."));
  return NULL;
}

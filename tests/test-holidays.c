/* test-holidays.c: the GOV.UK bank holidays file, shipped and malformed.
 *
 * The expected holidays below were read off GOV.UK's published lists
 * (https://www.gov.uk/bank-holidays, and the alphagov/frontend data the
 * checked reference copy in ../shared/reference comes from), not from the
 * parser's own output.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "rd-rules.h"

static char *
read_file (const char *path, gsize *out_length)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, out_length, &error);
  g_assert_no_error (error);
  return contents;
}

static RdHolidays *
load_shipped (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  gsize            length;
  RdHolidays      *holidays;

  data = read_file (g_test_get_filename (G_TEST_DIST, "..", "data", "bank-holidays.json", NULL),
                    &length);
  holidays = rd_holidays_new_from_json (data, length, &error);
  g_assert_no_error (error);
  g_assert_nonnull (holidays);
  return holidays;
}

static void
set_date (GDate *date, const char *iso)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (rd_date_parse_iso (iso, date, &error));
  g_assert_no_error (error);
}

/* The shipped copy */

static void
test_shipped_parses (void)
{
  g_autoptr(RdHolidays) holidays = load_shipped ();

  for (guint d = 0; d < RD_DIVISION_N; d++)
    {
      guint first = 0, last = 0;

      g_assert_true (rd_holidays_get_year_range (holidays, d, &first, &last));
      /* The issue asks for 2018 through 2027 at least; the reference has 2018–2028. */
      g_assert_cmpuint (first, ==, 2018);
      g_assert_cmpuint (last, ==, 2028);
      for (guint year = 2018; year <= 2028; year++)
        g_assert_true (rd_holidays_covers_year (holidays, d, year));
      g_assert_false (rd_holidays_covers_year (holidays, d, 2017));
      g_assert_false (rd_holidays_covers_year (holidays, d, 2029));
    }

  /* GOV.UK: 8 holidays a year in England and Wales, 9 in Scotland, 10 in
   * Northern Ireland, plus the one-offs. E&W 2018–2028: 88 + 2020 none
   * extra (VE day replaced the early May holiday) + 2022 two (jubilee,
   * state funeral) + 2023 one (coronation) = 91. */
  g_assert_cmpuint (rd_holidays_get_n_events (holidays, RD_DIVISION_ENGLAND_AND_WALES), ==, 91);
  /* Scotland: 99 + 3 one-offs + the 2026 World Cup bank holiday = 103. */
  g_assert_cmpuint (rd_holidays_get_n_events (holidays, RD_DIVISION_SCOTLAND), ==, 103);
  /* Northern Ireland: 110 + 3 one-offs = 113. */
  g_assert_cmpuint (rd_holidays_get_n_events (holidays, RD_DIVISION_NORTHERN_IRELAND), ==, 113);
}

static void
test_shipped_matches_reference (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) shipped_parser = json_parser_new ();
  g_autoptr(JsonParser) reference_parser = json_parser_new ();
  g_autofree char *reference_path = NULL;

  reference_path = g_build_filename (g_test_get_dir (G_TEST_DIST), "..", "..", "shared",
                                     "reference", "bank-holidays.json", NULL);
  if (!g_file_test (reference_path, G_FILE_TEST_EXISTS))
    {
      g_test_skip ("The reference copy ../shared/reference/bank-holidays.json is not here");
      return;
    }

  json_parser_load_from_file (
      shipped_parser, g_test_get_filename (G_TEST_DIST, "..", "data", "bank-holidays.json", NULL),
      &error);
  g_assert_no_error (error);
  json_parser_load_from_file (reference_parser, reference_path, &error);
  g_assert_no_error (error);

  /* The same JSON, member for member (titles, dates, notes, bunting). */
  g_assert_true (json_node_equal (json_parser_get_root (shipped_parser),
                                  json_parser_get_root (reference_parser)));
}

typedef struct
{
  RdDivision  division;
  const char *date;
  const char *title; /* NULL: not a bank holiday there */
} Known;

/* From GOV.UK's lists. */
static const Known known[] = {
  /* The one-off holidays. */
  { RD_DIVISION_ENGLAND_AND_WALES, "2020-05-08", "Early May bank holiday (VE day)" },
  { RD_DIVISION_ENGLAND_AND_WALES, "2020-05-04", NULL }, /* moved to VE day */
  { RD_DIVISION_ENGLAND_AND_WALES, "2022-06-02", "Spring bank holiday" },
  { RD_DIVISION_ENGLAND_AND_WALES, "2022-06-03", "Platinum Jubilee bank holiday" },
  { RD_DIVISION_ENGLAND_AND_WALES, "2022-05-30", NULL }, /* the spring holiday moved */
  { RD_DIVISION_SCOTLAND, "2022-06-03", "Platinum Jubilee bank holiday" },
  { RD_DIVISION_NORTHERN_IRELAND, "2022-06-03", "Platinum Jubilee bank holiday" },
  { RD_DIVISION_ENGLAND_AND_WALES, "2022-09-19",
    "Bank Holiday for the State Funeral of Queen Elizabeth II" },
  { RD_DIVISION_SCOTLAND, "2022-09-19",
    "Bank Holiday for the State Funeral of Queen Elizabeth II" },
  { RD_DIVISION_NORTHERN_IRELAND, "2022-09-19",
    "Bank Holiday for the State Funeral of Queen Elizabeth II" },
  { RD_DIVISION_ENGLAND_AND_WALES, "2023-05-08",
    "Bank holiday for the coronation of King Charles III" },
  { RD_DIVISION_SCOTLAND, "2023-05-08", "Bank holiday for the coronation of King Charles III" },
  { RD_DIVISION_NORTHERN_IRELAND, "2023-05-08",
    "Bank holiday for the coronation of King Charles III" },
  { RD_DIVISION_SCOTLAND, "2026-06-15", "World Cup bank holiday" },
  { RD_DIVISION_ENGLAND_AND_WALES, "2026-06-15", NULL },

  /* Christmas and New Year, with substitute days. */
  { RD_DIVISION_ENGLAND_AND_WALES, "2022-12-26", "Boxing Day" },
  { RD_DIVISION_ENGLAND_AND_WALES, "2022-12-27", "Christmas Day" },
  { RD_DIVISION_ENGLAND_AND_WALES, "2026-12-28", "Boxing Day" },
  { RD_DIVISION_ENGLAND_AND_WALES, "2027-12-27", "Christmas Day" },
  { RD_DIVISION_ENGLAND_AND_WALES, "2027-12-28", "Boxing Day" },
  { RD_DIVISION_ENGLAND_AND_WALES, "2028-01-03", "New Year’s Day" },
  { RD_DIVISION_ENGLAND_AND_WALES, "2026-01-02", NULL },
  { RD_DIVISION_SCOTLAND, "2026-01-02", "2nd January" },
  { RD_DIVISION_SCOTLAND, "2027-01-04", "2nd January" },
  { RD_DIVISION_ENGLAND_AND_WALES, "2027-01-04", NULL },

  /* Easter: Easter Monday is not a bank holiday in Scotland. */
  { RD_DIVISION_ENGLAND_AND_WALES, "2024-03-29", "Good Friday" },
  { RD_DIVISION_ENGLAND_AND_WALES, "2024-04-01", "Easter Monday" },
  { RD_DIVISION_SCOTLAND, "2024-03-29", "Good Friday" },
  { RD_DIVISION_SCOTLAND, "2024-04-01", NULL },
  { RD_DIVISION_NORTHERN_IRELAND, "2024-04-01", "Easter Monday" },
  { RD_DIVISION_ENGLAND_AND_WALES, "2026-04-06", "Easter Monday" },
  { RD_DIVISION_SCOTLAND, "2026-04-06", NULL },

  /* Scotland's own: first Monday of August, St Andrew's Day. */
  { RD_DIVISION_SCOTLAND, "2024-08-05", "Summer bank holiday" },
  { RD_DIVISION_ENGLAND_AND_WALES, "2024-08-05", NULL },
  { RD_DIVISION_ENGLAND_AND_WALES, "2024-08-26", "Summer bank holiday" },
  { RD_DIVISION_SCOTLAND, "2024-08-26", NULL },
  { RD_DIVISION_SCOTLAND, "2025-12-01", "St Andrew’s Day" }, /* substitute: 30 Nov a Sunday */
  { RD_DIVISION_SCOTLAND, "2025-11-30", NULL },
  { RD_DIVISION_SCOTLAND, "2026-11-30", "St Andrew’s Day" },

  /* Northern Ireland's own. */
  { RD_DIVISION_NORTHERN_IRELAND, "2024-03-18", "St Patrick’s Day" }, /* substitute */
  { RD_DIVISION_NORTHERN_IRELAND, "2026-03-17", "St Patrick’s Day" },
  { RD_DIVISION_ENGLAND_AND_WALES, "2026-03-17", NULL },
  { RD_DIVISION_NORTHERN_IRELAND, "2025-07-14", "Battle of the Boyne (Orangemen’s Day)" },
  { RD_DIVISION_NORTHERN_IRELAND, "2025-07-12", NULL },
  { RD_DIVISION_NORTHERN_IRELAND, "2026-07-13", "Battle of the Boyne (Orangemen’s Day)" },
  { RD_DIVISION_NORTHERN_IRELAND, "2027-07-12", "Battle of the Boyne (Orangemen’s Day)" },

  /* The first and last years. */
  { RD_DIVISION_ENGLAND_AND_WALES, "2018-01-01", "New Year’s Day" },
  { RD_DIVISION_ENGLAND_AND_WALES, "2018-08-27", "Summer bank holiday" },
  { RD_DIVISION_NORTHERN_IRELAND, "2018-03-19", "St Patrick’s Day" },
  { RD_DIVISION_ENGLAND_AND_WALES, "2027-03-26", "Good Friday" },
  { RD_DIVISION_ENGLAND_AND_WALES, "2027-05-31", "Spring bank holiday" },
  { RD_DIVISION_ENGLAND_AND_WALES, "2028-12-26", "Boxing Day" },
};

static void
test_shipped_known_holidays (void)
{
  g_autoptr(RdHolidays) holidays = load_shipped ();

  for (gsize i = 0; i < G_N_ELEMENTS (known); i++)
    {
      GDate date;

      g_test_message ("%s %s", rd_division_to_id (known[i].division), known[i].date);
      set_date (&date, known[i].date);
      g_assert_cmpstr (rd_holidays_lookup (holidays, known[i].division, &date), ==, known[i].title);
    }
}

static void
test_shipped_substitute (void)
{
  g_autoptr(RdHolidays) holidays = load_shipped ();
  GDate date;

  set_date (&date, "2026-12-28");
  g_assert_true (rd_holidays_is_substitute (holidays, RD_DIVISION_ENGLAND_AND_WALES, &date));
  set_date (&date, "2026-12-25");
  g_assert_false (rd_holidays_is_substitute (holidays, RD_DIVISION_ENGLAND_AND_WALES, &date));
  set_date (&date, "2026-12-29");
  g_assert_false (rd_holidays_is_substitute (holidays, RD_DIVISION_ENGLAND_AND_WALES, &date));
}

static void
test_events_listed (void)
{
  g_autoptr(RdHolidays) holidays = load_shipped ();
  const char      *title = NULL;
  const char      *notes = NULL;
  GDate            date;
  g_autofree char *iso = NULL;

  rd_holidays_get_event (holidays, RD_DIVISION_SCOTLAND, 1, &date, &title, &notes);
  iso = rd_date_to_iso (&date);
  g_assert_cmpstr (iso, ==, "2018-01-02");
  g_assert_cmpstr (title, ==, "2nd January");
  g_assert_cmpstr (notes, ==, "");
}

/* A small valid file, and the digest */

static void
test_valid_minimal (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  g_autoptr(RdHolidays) holidays = NULL;
  g_autoptr(RdHolidays) shipped = load_shipped ();
  gsize length;
  guint first, last;
  GDate date;

  data = read_file (g_test_get_filename (G_TEST_DIST, "data", "holidays-valid.json", NULL),
                    &length);
  holidays = rd_holidays_new_from_json (data, length, &error);
  g_assert_no_error (error);

  g_assert_true (rd_holidays_get_year_range (holidays, RD_DIVISION_SCOTLAND, &first, &last));
  g_assert_cmpuint (first, ==, 2026);
  g_assert_cmpuint (last, ==, 2026);
  set_date (&date, "2026-01-02");
  g_assert_cmpstr (rd_holidays_lookup (holidays, RD_DIVISION_SCOTLAND, &date), ==, "2nd January");
  /* It holds only January to April 2026: a partial year, so 2026 is not
   * covered (a deadline there would miss Christmas without saying so). */
  g_assert_false (rd_holidays_covers_year (holidays, RD_DIVISION_SCOTLAND, 2026));

  /* Another file, another digest: the store's cue to work deadlines out again. */
  g_assert_cmpuint (strlen (rd_holidays_get_digest (holidays)), ==, 64);
  g_assert_cmpstr (rd_holidays_get_digest (holidays), !=, rd_holidays_get_digest (shipped));

  /* The data need not be NUL-terminated: parse a copy without the terminator. */
  {
    g_autoptr(RdHolidays) again = NULL;
    g_autofree char *copy = g_memdup2 (data, length);

    again = rd_holidays_new_from_json (copy, length, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (rd_holidays_get_digest (again), ==, rd_holidays_get_digest (holidays));
  }
}

/* A year counts as covered only with a January and a December holiday: a
 * newer file cut after the first holidays of its last year (valid JSON,
 * in order) must not pass that year off as known. */
static void
test_partial_year (void)
{
  static const char data[] =
      "{\"england-and-wales\": {\"division\": \"england-and-wales\", \"events\": ["
      "{\"title\": \"New Year’s Day\", \"date\": \"2028-01-03\", \"notes\": \"Substitute "
      "day\", \"bunting\": true},"
      "{\"title\": \"Christmas Day\", \"date\": \"2028-12-25\", \"notes\": \"\", \"bunting\": "
      "true},"
      "{\"title\": \"New Year’s Day\", \"date\": \"2029-01-01\", \"notes\": \"\", \"bunting\": "
      "true},"
      "{\"title\": \"Good Friday\", \"date\": \"2029-03-30\", \"notes\": \"\", \"bunting\": "
      "false}]},"
      "\"scotland\": {\"division\": \"scotland\", \"events\": ["
      "{\"title\": \"Christmas Day\", \"date\": \"2028-12-25\", \"notes\": \"\", \"bunting\": "
      "true}]},"
      "\"northern-ireland\": {\"division\": \"northern-ireland\", \"events\": ["
      "{\"title\": \"Christmas Day\", \"date\": \"2028-12-25\", \"notes\": \"\", \"bunting\": "
      "true}]}}";
  g_autoptr(GError) error = NULL;
  g_autoptr(RdHolidays) holidays = rd_holidays_new_from_json (data, sizeof data - 1, &error);
  g_autoptr(RdHolidays) shipped = load_shipped ();

  g_assert_no_error (error);
  g_assert_true (rd_holidays_covers_year (holidays, RD_DIVISION_ENGLAND_AND_WALES, 2028));
  g_assert_false (rd_holidays_covers_year (holidays, RD_DIVISION_ENGLAND_AND_WALES, 2029));
  g_assert_false (rd_holidays_covers_year (holidays, RD_DIVISION_SCOTLAND, 2028));

  /* GOV.UK's own years are whole: the earliest New Year (substitute) is
   * 3 January, Scotland's 2 January substitute 4 January 2022; the latest
   * Christmas substitute 28 December. */
  for (guint d = 0; d < RD_DIVISION_N; d++)
    for (guint year = 2018; year <= 2028; year++)
      g_assert_true (rd_holidays_covers_year (shipped, d, year));
}

/* Malformed files: each rejected, whole, with the message named */

typedef struct
{
  const char     *file;
  RdHolidaysError code;
  const char     *message;
  gboolean        prefix; /* the message starts with @message */
} Malformed;

static const Malformed malformed[] = {
  { "holidays-empty.json", RD_HOLIDAYS_ERROR_SYNTAX, "The holiday file is empty." },
  /* The file stops after line 26, `    "division": "scotland"`, 26 characters
   * long: json-glib's own words after the place vary between versions. */
  { "holidays-truncated.json", RD_HOLIDAYS_ERROR_SYNTAX,
    "The holiday file is not valid JSON (it may be cut short): at line 26, column 26: ", TRUE },
  /* A stray "x" at the start of line 72, after the closing brace on line 71. */
  { "holidays-trailing-garbage.json", RD_HOLIDAYS_ERROR_SYNTAX,
    "The holiday file is not valid JSON (it may be cut short): at line 72, column 1: ", TRUE },
  { "holidays-not-object.json", RD_HOLIDAYS_ERROR_STRUCTURE,
    "The holiday file is not in GOV.UK’s format: it should be a JSON object with one member per "
    "division." },
  { "holidays-unknown-division.json", RD_HOLIDAYS_ERROR_STRUCTURE,
    "The holiday file has an unknown division “wales”; only england-and-wales, scotland and "
    "northern-ireland are allowed." },
  { "holidays-missing-division.json", RD_HOLIDAYS_ERROR_STRUCTURE,
    "The holiday file has no “northern-ireland” division; GOV.UK’s file has all three." },
  { "holidays-division-mismatch.json", RD_HOLIDAYS_ERROR_STRUCTURE,
    "In the holiday file, “scotland” says its division is “england-and-wales”; it should be "
    "“scotland”." },
  { "holidays-events-not-list.json", RD_HOLIDAYS_ERROR_STRUCTURE,
    "In the holiday file, “scotland” has no “events” list." },
  { "holidays-empty-events.json", RD_HOLIDAYS_ERROR_EMPTY,
    "In the holiday file, “england-and-wales” has no holidays at all." },
  { "holidays-event-not-object.json", RD_HOLIDAYS_ERROR_STRUCTURE,
    "In the holiday file, event 3 of “northern-ireland” is not an object." },
  { "holidays-missing-title.json", RD_HOLIDAYS_ERROR_STRUCTURE,
    "In the holiday file, event 2 of “england-and-wales” has no “title”." },
  { "holidays-wrong-type-date.json", RD_HOLIDAYS_ERROR_STRUCTURE,
    "In the holiday file, event 1 of “england-and-wales” has a “date” that is not text." },
  { "holidays-wrong-type-bunting.json", RD_HOLIDAYS_ERROR_STRUCTURE,
    "In the holiday file, event 2 of “scotland” has a “bunting” that is not true or false." },
  { "holidays-null-notes.json", RD_HOLIDAYS_ERROR_STRUCTURE,
    "In the holiday file, event 1 of “england-and-wales” has a “notes” that is not text." },
  { "holidays-bad-date.json", RD_HOLIDAYS_ERROR_BAD_DATE,
    "In the holiday file, event 2 of “northern-ireland” has the date “2026-02-29”, which is not "
    "a real day written as YYYY-MM-DD." },
  { "holidays-bad-date-format.json", RD_HOLIDAYS_ERROR_BAD_DATE,
    "In the holiday file, event 1 of “northern-ireland” has the date “1 January 2026”, which is "
    "not a real day written as YYYY-MM-DD." },
  { "holidays-duplicate.json", RD_HOLIDAYS_ERROR_DUPLICATE,
    "In the holiday file, “england-and-wales” lists 2026-04-03 twice (events 2 and 3)." },
  { "holidays-out-of-order.json", RD_HOLIDAYS_ERROR_ORDER,
    "In the holiday file, event 3 of “scotland” (2026-01-02) comes after a later date "
    "(2026-04-03); GOV.UK lists holidays in date order." },
};

static void
test_malformed (gconstpointer data)
{
  const Malformed *m = data;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(RdHolidays) holidays = NULL;
  gsize length;

  contents = read_file (g_test_get_filename (G_TEST_DIST, "data", m->file, NULL), &length);
  holidays = rd_holidays_new_from_json (contents, length, &error);
  g_assert_null (holidays);
  g_assert_error (error, RD_HOLIDAYS_ERROR, (gint) m->code);
  if (m->prefix)
    {
      g_test_message ("%s", error->message);
      g_assert_true (g_str_has_prefix (error->message, m->message));
    }
  else
    g_assert_cmpstr (error->message, ==, m->message);
}

static void
test_too_large (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RdHolidays) holidays = NULL;
  gsize            length = RD_HOLIDAYS_MAX_SIZE + 1;
  g_autofree char *data = g_malloc (length);

  /* Valid JSON padded with spaces: refused on size alone, before parsing. */
  memset (data, ' ', length);
  data[0] = '{';
  data[length - 1] = '}';
  holidays = rd_holidays_new_from_json (data, length, &error);
  g_assert_null (holidays);
  g_assert_error (error, RD_HOLIDAYS_ERROR, RD_HOLIDAYS_ERROR_TOO_LARGE);
  g_assert_cmpstr (error->message, ==,
                   "The holiday file is larger than 4 MiB: GOV.UK’s file is about 20 kB, so "
                   "this is not a bank holidays file.");

  /* Exactly at the limit is parsed (and then refused for what it holds). */
  g_clear_error (&error);
  holidays = rd_holidays_new_from_json (data, RD_HOLIDAYS_MAX_SIZE, &error);
  g_assert_null (holidays);
  g_assert_error (error, RD_HOLIDAYS_ERROR, RD_HOLIDAYS_ERROR_SYNTAX);
}

static void
test_not_utf8 (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RdHolidays) holidays = NULL;
  const char data[] = "{\"england-and-wales\": \"\xff\"}";

  holidays = rd_holidays_new_from_json (data, sizeof data - 1, &error);
  g_assert_null (holidays);
  g_assert_error (error, RD_HOLIDAYS_ERROR, RD_HOLIDAYS_ERROR_SYNTAX);
  g_assert_cmpstr (error->message, ==,
                   "The holiday file is not UTF-8 text (at byte 23), so it is not GOV.UK’s JSON.");

  /* An embedded NUL is not text either. */
  g_clear_error (&error);
  holidays = rd_holidays_new_from_json ("{}\0{}", 5, &error);
  g_assert_null (holidays);
  g_assert_error (error, RD_HOLIDAYS_ERROR, RD_HOLIDAYS_ERROR_SYNTAX);
}

/* json-glib recurses once per level of nesting: a few hundred thousand "["
 * (far below the size limit) overflowed the stack and crashed Redress
 * before the depth check. */
static void
test_too_deep (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RdHolidays) holidays = NULL;
  gsize            length = 1024 * 1024;
  g_autofree char *data = g_malloc (length);
  g_autofree char *quoted = NULL;

  memset (data, '[', length);
  holidays = rd_holidays_new_from_json (data, length, &error);
  g_assert_null (holidays);
  g_assert_error (error, RD_HOLIDAYS_ERROR, RD_HOLIDAYS_ERROR_STRUCTURE);
  g_assert_cmpstr (error->message, ==,
                   "The holiday file nests lists or objects more than 32 deep (at byte 32); "
                   "GOV.UK’s file is only four deep, so this is not a bank holidays file.");

  /* Mixed objects and lists count alike. */
  g_clear_error (&error);
  for (gsize i = 0; i < length; i += 5)
    memcpy (data + i, "{\"a\":", MIN (5, length - i));
  holidays = rd_holidays_new_from_json (data, length, &error);
  g_assert_null (holidays);
  g_assert_error (error, RD_HOLIDAYS_ERROR, RD_HOLIDAYS_ERROR_STRUCTURE);

  /* Brackets inside a string (even after an escaped quote) are text, not
   * nesting: this is refused for its layout, not its depth. */
  g_clear_error (&error);
  {
    GString *text = g_string_new ("{\"england-and-wales\": \"\\\"");

    for (guint i = 0; i < 500; i++)
      g_string_append_c (text, '[');
    g_string_append (text, "\"}");
    quoted = g_string_free (text, FALSE);
  }
  holidays = rd_holidays_new_from_json (quoted, strlen (quoted), &error);
  g_assert_null (holidays);
  g_assert_error (error, RD_HOLIDAYS_ERROR, RD_HOLIDAYS_ERROR_STRUCTURE);
  g_assert_true (strstr (error->message, "deep") == NULL);
}

/* Random damage to GOV.UK's file (deterministic seed, so a failure can be
 * replayed): the parser must never crash, and must either load all three
 * divisions or refuse with a message, never half-load. */
static void
test_fuzz (void)
{
  g_autofree char *original = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (20260619);
  gsize original_length;
  guint loaded = 0, refused = 0;

  original = read_file (g_test_get_filename (G_TEST_DIST, "..", "data", "bank-holidays.json", NULL),
                        &original_length);

  for (guint round = 0; round < 1000; round++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(RdHolidays) holidays = NULL;
      GByteArray *buffer = g_byte_array_sized_new ((guint) original_length + 64);
      guint       n_mutations = (guint) g_rand_int_range (rand, 1, 4);

      g_byte_array_append (buffer, (const guint8 *) original, (guint) original_length);
      for (guint m = 0; m < n_mutations && buffer->len > 1; m++)
        {
          guint             at = (guint) g_rand_int_range (rand, 0, (gint32) buffer->len);
          guint             span = MIN ((guint) g_rand_int_range (rand, 1, 64), buffer->len - at);
          static const char interesting[] = "{}[]\",:0123456789-\\ntfu\xff\x00";

          switch (g_rand_int_range (rand, 0, 6))
            {
              case 0: /* flip one byte to anything */
                buffer->data[at] = (guint8) g_rand_int_range (rand, 0, 256);
                break;
              case 1: /* a byte JSON cares about */
                buffer->data[at] = (guint8)
                    interesting[g_rand_int_range (rand, 0, sizeof interesting - 1)];
                break;
              case 2: /* cut a piece out */
                g_byte_array_remove_range (buffer, at, span);
                break;
              case 3: /* copy a piece elsewhere */
                {
                  g_autofree guint8 *piece = g_memdup2 (buffer->data + at, span);
                  guint to = (guint) g_rand_int_range (rand, 0, (gint32) buffer->len + 1);

                  g_byte_array_set_size (buffer, buffer->len + span);
                  memmove (buffer->data + to + span, buffer->data + to, buffer->len - span - to);
                  memcpy (buffer->data + to, piece, span);
                }
                break;
              case 4: /* truncate */
                g_byte_array_set_size (buffer, at);
                break;
              default: /* swap two digits of a date, keeping it text */
                if (g_ascii_isdigit (buffer->data[at]))
                  buffer->data[at] = (guint8) ('0' + g_rand_int_range (rand, 0, 10));
                break;
            }
        }

      holidays = rd_holidays_new_from_json ((const char *) buffer->data, buffer->len, &error);
      if (holidays != NULL)
        {
          g_assert_no_error (error);
          loaded++;
          for (guint d = 0; d < RD_DIVISION_N; d++)
            {
              guint n = rd_holidays_get_n_events (holidays, d);
              GDate previous;

              g_date_clear (&previous, 1);
              g_assert_cmpuint (n, >, 0);
              for (guint i = 0; i < n; i++)
                {
                  GDate       date;
                  const char *title = NULL;

                  rd_holidays_get_event (holidays, d, i, &date, &title, NULL);
                  g_assert_true (g_date_valid (&date));
                  g_assert_true (title != NULL && *title != '\0');
                  g_assert_cmpstr (rd_holidays_lookup (holidays, d, &date), ==, title);
                  if (g_date_valid (&previous))
                    g_assert_cmpint (g_date_compare (&previous, &date), <, 0);
                  previous = date;
                }
            }
        }
      else
        {
          g_assert_nonnull (error);
          g_assert_true (error->domain == RD_HOLIDAYS_ERROR);
          g_assert_true (error->message != NULL && *error->message != '\0');
          refused++;
        }
      g_byte_array_unref (buffer);
    }

  g_test_message ("fuzz: %u loaded, %u refused", loaded, refused);
  g_assert_cmpuint (refused, >, 0);
}

static void
test_divisions (void)
{
  RdDivision division;

  g_assert_cmpstr (rd_division_to_id (RD_DIVISION_ENGLAND_AND_WALES), ==, "england-and-wales");
  g_assert_cmpstr (rd_division_to_id (RD_DIVISION_SCOTLAND), ==, "scotland");
  g_assert_cmpstr (rd_division_to_id (RD_DIVISION_NORTHERN_IRELAND), ==, "northern-ireland");
  g_assert_null (rd_division_to_id (RD_DIVISION_N));
  g_assert_true (rd_division_from_id ("northern-ireland", &division));
  g_assert_cmpint (division, ==, RD_DIVISION_NORTHERN_IRELAND);
  g_assert_false (rd_division_from_id ("Scotland", &division));
  g_assert_false (rd_division_from_id ("wales", &division));
  g_assert_false (rd_division_from_id (NULL, &division));
  g_assert_cmpstr (rd_division_get_label (RD_DIVISION_ENGLAND_AND_WALES), ==, "England and Wales");
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/holidays/divisions", test_divisions);
  g_test_add_func ("/holidays/shipped/parses", test_shipped_parses);
  g_test_add_func ("/holidays/shipped/matches-reference", test_shipped_matches_reference);
  g_test_add_func ("/holidays/shipped/known", test_shipped_known_holidays);
  g_test_add_func ("/holidays/shipped/substitute", test_shipped_substitute);
  g_test_add_func ("/holidays/shipped/events", test_events_listed);
  g_test_add_func ("/holidays/valid-minimal", test_valid_minimal);
  g_test_add_func ("/holidays/partial-year", test_partial_year);
  for (gsize i = 0; i < G_N_ELEMENTS (malformed); i++)
    {
      g_autofree char *path = g_strdup_printf ("/holidays/malformed/%s", malformed[i].file);

      g_test_add_data_func (path, &malformed[i], test_malformed);
    }
  g_test_add_func ("/holidays/malformed/too-large", test_too_large);
  g_test_add_func ("/holidays/malformed/not-utf8", test_not_utf8);
  g_test_add_func ("/holidays/malformed/too-deep", test_too_deep);
  g_test_add_func ("/holidays/fuzz", test_fuzz);

  return g_test_run ();
}

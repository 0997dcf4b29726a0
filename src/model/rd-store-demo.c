/* rd-store-demo.c: synthetic cases for trying Redress and for benchmarks.
 *
 * Everything comes from a GRand seeded by the caller, so a seed always gives
 * the same cases. Names are common British (and some Welsh) names, postcodes
 * are real outward codes with made-up inward codes, phone numbers are in
 * Ofcom's range for drama (01632 960xxx), e-mail domains are example.*.
 * Every event is checked by the rules' guard before it is recorded, and the
 * cached status and deadlines come from the rules, as for real cases.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "redress-model"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include "rd-store-private.h"

/* Received over the six years before today, and four months more, so that the
 * oldest closed cases have passed their six-year retention. */
#define SPAN_DAYS 2310

static const char *const first_names[] = {
  "Oliver",  "Amelia", "George",   "Isla",     "Harry",   "Ava",      "Noah",  "Mia",    "Jack",
  "Ivy",     "Leo",    "Lily",     "Arthur",   "Freya",   "Muhammad", "Grace", "Oscar",  "Sophia",
  "Charlie", "Emily",  "Thomas",   "Poppy",    "William", "Evie",     "James", "Ella",   "Henry",
  "Rosie",   "Alfie",  "Florence", "Margaret", "David",   "Susan",    "Peter", "Janet",  "Rhys",
  "Siân",    "Dylan",  "Carys",    "Gareth",   "Bethan",  "Iwan",     "Ffion", "Eilidh", "Callum",
  "Niamh",   "Ciarán", "Aoife",    "Priya",    "Aarav",   "Zainab",   "Kwame", "Chidi",  "Anna",
};

static const char *const surnames[] = {
  "Smith",     "Jones",     "Williams",  "Taylor",    "Brown",    "Davies",     "Evans",
  "Wilson",    "Thomas",    "Johnson",   "Roberts",   "Robinson", "Thompson",   "Wright",
  "Walker",    "White",     "Edwards",   "Hughes",    "Green",    "Hall",       "Lewis",
  "Harris",    "Clarke",    "Patel",     "Jackson",   "Wood",     "Turner",     "Martin",
  "Cooper",    "Hill",      "Ward",      "Morris",    "Moore",    "Clark",      "Lee",
  "King",      "Baker",     "Harrison",  "Morgan",    "Allen",    "James",      "Scott",
  "Phillips",  "Watson",    "Davis",     "Parker",    "Price",    "Bennett",    "Young",
  "Griffiths", "Mitchell",  "Kelly",     "Cook",      "Carter",   "Richardson", "Bailey",
  "Collins",   "Bell",      "Shaw",      "Murphy",    "Miller",   "Cox",        "Richards",
  "Khan",      "Marshall",  "Anderson",  "Simpson",   "Ellis",    "Adams",      "Singh",
  "Begum",     "Campbell",  "Pritchard", "Llewellyn", "Rees",     "Powell",     "Jenkins",
  "Owen",      "MacDonald", "O'Neill",
};

static const char *const streets[] = {
  "High Street",     "Station Road", "Church Lane",   "Victoria Road", "Park Avenue",
  "Mill Lane",       "The Green",    "Queen Street",  "Manor Road",    "Heol y Frenhines",
  "Ffordd yr Orsaf", "King's Road",  "Chapel Street", "Orchard Close", "Meadow View",
  "Castle Street",   "New Road",     "School Lane",
};

static const struct
{
  const char *town;
  const char *outward[3];
} towns[] = {
  { "Winsford", { "CW7", "CW7", "CW10" } },  { "Maidstone", { "ME14", "ME15", "ME16" } },
  { "Cardiff", { "CF10", "CF11", "CF24" } }, { "Aberystwyth", { "SY23", "SY23", "SY24" } },
  { "Leeds", { "LS1", "LS6", "LS11" } },     { "Bristol", { "BS1", "BS3", "BS7" } },
  { "Norwich", { "NR1", "NR2", "NR3" } },    { "Glasgow", { "G1", "G12", "G41" } },
  { "Belfast", { "BT1", "BT7", "BT9" } },    { "Manchester", { "M1", "M14", "M20" } },
  { "London", { "SE1", "N1", "E17" } },      { "Birmingham", { "B1", "B15", "B29" } },
};

static const char *const summaries[] = {
  "Says the council's reply to their subject access request left out e-mails between officers.",
  "Complains that their address was shared with a neighbour in a planning consultation.",
  "Unhappy that the subject access request took more than two months to answer.",
  "Says CCTV footage they asked for was deleted before it was sent.",
  "Complains that a councillor discussed their case at a public meeting.",
  "Says the council still holds their details after they asked for them to be erased.",
  "Complains that redactions in the disclosure hid information about them.",
  "Says a letter about them was sent to the wrong address.",
  "Unhappy with how their allotment application data was handled.",
  "Complains that the council would not correct an inaccurate record.",
  "Says their complaint about a noise nuisance was forwarded with their name attached.",
  "Asks why their personal data was given to a contractor without telling them.",
};

static const char *const notes[] = {
  "Spoke to the complainant by phone.",
  "Searched the shared mailbox and the case files.",
  "Asked the planning team for their records.",
  "Checked the CCTV retention log.",
  "Discussed with the data protection officer.",
  "Complainant called to ask for an update.",
  "",
  "",
  "",
};

static const char *const extension_reasons[] = {
  "The records are held by a contractor and must be retrieved.",
  "The complaint covers several departments and a large volume of records.",
  "Staff who dealt with the original request must be interviewed.",
};

static const char *const refusal_reasons[] = {
  "The complaint repeats, in substance, three earlier complaints that were investigated.",
  "The complaint makes unsubstantiated accusations against named staff, repeated after reply.",
};

typedef struct
{
  RdStore    *store;
  GRand      *rand;
  GDate       today;
  RdEvent     events[32];
  guint       n_events;
  RdCaseFacts facts;
  GPtrArray  *pending; /* owned: RdCaseEvent, in order */
} Demo;

static const char *
pick (Demo *demo, const char *const *list, guint n)
{
  return list[g_rand_int_range (demo->rand, 0, (gint32) n)];
}

#define PICK(demo, list) pick ((demo), (list), G_N_ELEMENTS (list))

static gboolean
chance (Demo *demo, double p)
{
  return g_rand_double (demo->rand) < p;
}

static guint
between (Demo *demo, guint lo, guint hi)
{
  return (guint) g_rand_int_range (demo->rand, (gint32) lo, (gint32) hi + 1);
}

/*
 * Proposes an event @days after @after; records it if it is not after today
 * and the rules' guard allows it. Returns FALSE when the case stops here.
 */
static gboolean
propose (Demo *demo, RdCaseEvent *event, GDate *after, guint days)
{
  g_autoptr(RdCaseEvent) owned = event;
  g_autoptr(RdCaseState) state = NULL;
  GDate   on = *after;
  RdEvent proposed;

  g_date_add_days (&on, days);
  if (g_date_compare (&on, &demo->today) > 0 || demo->n_events >= G_N_ELEMENTS (demo->events))
    return FALSE;
  rd_case_event_set_date (event, &on);
  if (rd_case_event_get_detail (event, RD_DETAIL_NOTIFIED) != NULL)
    rd_case_event_set_detail_date (event, RD_DETAIL_NOTIFIED, &on);
  rd_case_event_to_rules (event, &proposed);

  state = _rd_store_fold (demo->store, &demo->facts, demo->events, demo->n_events, &demo->today);
  if (!rd_case_state_can (state, &proposed, NULL))
    return FALSE;
  demo->events[demo->n_events++] = proposed;
  g_ptr_array_add (demo->pending, g_steal_pointer (&owned));
  *after = on;
  return TRUE;
}

/* Old cases got their answers; a recent one may still be waiting. */
static gboolean
answered (Demo *demo, const GDate *received)
{
  return g_date_days_between (received, &demo->today) > 90 || chance (demo, 0.4);
}

static RdCaseEvent *
event_new (Demo *demo, const char *kind)
{
  RdCaseEvent *event = rd_case_event_new (kind, NULL);

  if (chance (demo, 0.3))
    rd_case_event_set_note (event, PICK (demo, notes));
  return event;
}

static RdPerson *
make_person (Demo *demo)
{
  const char       *first = PICK (demo, first_names);
  const char       *last = PICK (demo, surnames);
  guint             t = between (demo, 0, G_N_ELEMENTS (towns) - 1);
  g_autofree char  *name = g_strdup_printf ("%s %s", first, last);
  g_autofree char  *address = g_strdup_printf ("%u %s\n%s", between (demo, 1, 180),
                                               PICK (demo, streets), towns[t].town);
  g_autofree char  *postcode = NULL;
  RdPerson         *person = rd_person_new (name);
  static const char inward_letters[] = "ABDEFGHJLNPQRSTUWXYZ";

  postcode = g_strdup_printf ("%s %u%c%c", towns[t].outward[between (demo, 0, 2)],
                              between (demo, 0, 9),
                              inward_letters[between (demo, 0, sizeof inward_letters - 2)],
                              inward_letters[between (demo, 0, sizeof inward_letters - 2)]);
  rd_person_set_address (person, address);
  rd_person_set_postcode (person, postcode);
  if (chance (demo, 0.7))
    {
      g_autofree char *local = g_ascii_strdown (first, -1);
      g_autofree char *domain = g_ascii_strdown (last, -1);
      g_autofree char *email = NULL;

      g_strdelimit (domain, "' ", '-');
      /* ASCII only: names like Siân become "sin" rather than anything invalid. */
      for (char *p = local; *p != '\0'; p++)
        if (!g_ascii_isalnum (*p))
          *p = 'x';
      email = g_strdup_printf ("%s.%s@example.%s", local, domain,
                               PICK (demo, ((const char *const[]){ "org", "net", "com" })));
      rd_person_set_email (person, email);
      if (chance (demo, 0.6))
        rd_person_set_channel (person, "email");
    }
  if (chance (demo, 0.8))
    {
      g_autofree char *phone = g_strdup_printf ("01632 960%03u", between (demo, 0, 999));
      rd_person_set_phone (person, phone);
    }
  if (chance (demo, 0.05))
    rd_person_set_language (person, "cy");
  if (chance (demo, 0.03))
    rd_person_set_large_print (person, TRUE);
  return person;
}

static gboolean
make_case (Demo *demo, const char *now, GError **error)
{
  g_autoptr(RdCase) kase = rd_case_new ();
  g_autoptr(RdPerson) subject = make_person (demo);
  g_autoptr(RdCaseState) state = NULL;
  g_autofree char *records = NULL;
  GDate            received = demo->today, at;
  gint64           case_id;
  gboolean         going;

  /* A council's recent cases are the ones still running: one in ten is from the last
   * three months, so that every status shows up. */
  g_date_subtract_days (&received,
                        chance (demo, 0.1) ? between (demo, 0, 90) : between (demo, 0, SPAN_DAYS));
  rd_case_set_received (kase, &received);
  rd_case_set_subject (kase, subject);
  rd_case_set_channel (kase,
                       PICK (demo, ((const char *const[]){ "email", "email", "email", "post",
                                                           "post", "web", "phone", "in-person" })));
  rd_case_set_summary (kase, PICK (demo, summaries));
  if (chance (demo, 0.5))
    {
      g_autofree char *about = g_strdup_printf ("SAR-%u-%03u", g_date_get_year (&received),
                                                between (demo, 1, 400));
      rd_case_set_about (kase, about);
    }
  if (chance (demo, 0.08))
    {
      g_autoptr(RdPerson) representative = make_person (demo);

      rd_case_set_representative (kase, representative,
                                  chance (demo, 0.7) ? RD_AUTHORITY_WRITTEN_CONSENT
                                                     : RD_AUTHORITY_LEGAL_REPRESENTATIVE);
    }
  if (!_rd_store_insert_case (demo->store, kase, now, error))
    return FALSE;
  case_id = rd_case_get_id (kase);

  rd_case_facts_init (&demo->facts, &received);
  demo->facts.representative = rd_case_get_representative (kase) != NULL;
  demo->facts.ack_working_days = demo->store->ack_days;
  demo->facts.retention_years = demo->store->retention_years;
  demo->n_events = 0;
  g_ptr_array_set_size (demo->pending, 0);

  /* The lifecycle, as far as today allows. */
  at = received;
  going = TRUE;
  if (demo->facts.representative)
    going = propose (demo, event_new (demo, "consent-requested"), &at, between (demo, 0, 3)) &&
            answered (demo, &received) &&
            propose (demo, event_new (demo, "consent-received"), &at, between (demo, 4, 20));
  if (going)
    {
      /* Mostly on time; now and then late. */
      guint days = chance (demo, 0.9) ? between (demo, 0, 6) : between (demo, 8, 20);
      going = propose (demo, event_new (demo, "acknowledged"), &at, days);
    }
  if (going && chance (demo, 0.12))
    {
      going = propose (demo, event_new (demo, "identity-requested"), &at, between (demo, 0, 2));
      if (going)
        {
          RdCaseEvent *verified = event_new (demo, "identity-verified");

          rd_case_event_set_detail (
              verified, RD_DETAIL_DOCUMENT,
              PICK (demo, ((const char *const[]){ "passport", "driving-licence", "other" })));
          rd_case_event_set_detail (verified, RD_DETAIL_CHECKED_BY, "Demo Clerk");
          if (answered (demo, &received))
            going = propose (demo, verified, &at, between (demo, 3, 25));
          else
            {
              g_object_unref (verified);
              going = FALSE;
            }
        }
    }
  if (going && chance (demo, 0.1))
    going = propose (demo, event_new (demo, "clarification-requested"), &at,
                     between (demo, 3, 12)) &&
            answered (demo, &received) &&
            propose (demo, event_new (demo, "clarification-received"), &at, between (demo, 2, 25));
  if (going && chance (demo, 0.07))
    {
      RdCaseEvent *extended = event_new (demo, "extended");

      rd_case_event_set_detail (extended, RD_DETAIL_REASON, PICK (demo, extension_reasons));
      rd_case_event_set_detail (extended, RD_DETAIL_NOTIFIED, "pending");
      going = propose (demo, extended, &at, between (demo, 5, 15));
      if (going)
        going = propose (demo, event_new (demo, "note"), &at, between (demo, 20, 50));
    }
  if (going && chance (demo, 0.04))
    {
      RdCaseEvent *refused = event_new (demo, "refused");
      guint        factors[2] = { between (demo, 1, 5), between (demo, 1, 5) };

      rd_case_event_set_factors (refused, factors, factors[0] == factors[1] ? 1 : 2);
      rd_case_event_set_detail (refused, RD_DETAIL_REASONS, PICK (demo, refusal_reasons));
      going = propose (demo, refused, &at, between (demo, 5, 25));
    }
  else if (going)
    {
      RdCaseEvent *outcome = event_new (demo, "outcome-sent");
      /* Mostly within the month; some late, so that deadlines are missed too. */
      guint days = chance (demo, 0.88) ? between (demo, 5, 27) : between (demo, 33, 60);

      rd_case_event_set_detail (outcome, RD_DETAIL_OUTCOME,
                                PICK (demo, ((const char *const[]){ "upheld", "partly-upheld",
                                                                    "not-upheld", "not-upheld" })));
      going = propose (demo, outcome, &at, days);
      if (going && chance (demo, 0.12))
        {
          going = propose (demo, event_new (demo, "review-requested"), &at, between (demo, 3, 28));
          if (going)
            {
              RdCaseEvent *review = event_new (demo, "review-outcome-sent");

              rd_case_event_set_detail (
                  review, RD_DETAIL_OUTCOME,
                  PICK (demo, ((const char *const[]){ "upheld", "not-upheld" })));
              going = propose (demo, review, &at, between (demo, 7, 33));
            }
        }
    }
  if (going && chance (demo, 0.04))
    {
      RdCaseEvent     *notified = event_new (demo, "ico-notified");
      guint            days = between (demo, 20, 120);
      GDate            ico_due = at;
      g_autofree char *ico_ref = g_strdup_printf (
          "IC-%06u-%c%c%u%u", between (demo, 100000, 999999), 'A' + between (demo, 0, 25),
          'A' + between (demo, 0, 25), between (demo, 0, 9), between (demo, 0, 9));

      /* The ICO asks for a response within four weeks of its letter. */
      g_date_add_days (&ico_due, days + 28);
      rd_case_event_set_detail (notified, RD_DETAIL_ICO_REF, ico_ref);
      rd_case_event_set_detail_date (notified, RD_DETAIL_ICO_DUE, &ico_due);
      going = propose (demo, notified, &at, days) &&
              propose (demo, event_new (demo, "ico-response-sent"), &at, between (demo, 10, 35));
    }
  if (going)
    propose (demo, event_new (demo, "closed"), &at, between (demo, 14, 70));

  for (guint i = 0; i < demo->pending->len; i++)
    if (_rd_store_insert_event (demo->store, case_id, g_ptr_array_index (demo->pending, i), now,
                                error) == 0)
      return FALSE;

  /* The cache comes from the rules, as for every case. */
  state = _rd_store_fold (demo->store, &demo->facts, demo->events, demo->n_events, &demo->today);
  if (!_rd_store_write_cache (demo->store, case_id, state, error))
    return FALSE;
  records = g_strdup_printf ("case=%" G_GINT64_FORMAT " events=%u", case_id, demo->n_events + 1);
  return _rd_store_audit (demo->store, "demo.case", records, error);
}

gboolean
rd_store_fill_demo (RdStore *self, guint n_cases, guint32 seed, const GDate *today, GError **error)
{
  g_autofree char *now = _rd_store_now ();
  g_autofree char *records = NULL;
  GDate            saved_today;
  Demo             demo = { 0 };
  gint64           first_id;
  gboolean         ok = TRUE;

  g_return_val_if_fail (RD_IS_STORE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  demo.store = self;
  demo.rand = g_rand_new_with_seed (seed);
  demo.pending = g_ptr_array_new_with_free_func (g_object_unref);
  if (today != NULL && g_date_valid (today))
    demo.today = *today;
  else
    _rd_store_get_today (self, &demo.today);
  /* Cases are checked against the demo's today, not the wall clock. */
  saved_today = self->today;
  self->today = demo.today;

#ifdef __GLIBC__
  /*
   * In one long transaction every statement gets a 64 KiB statement journal,
   * freed when it ends; glibc gives that back to the kernel each time and the
   * page-table flushes took a third of the fill time. Keep freed memory.
   */
  mallopt (M_TRIM_THRESHOLD, 64 * 1024 * 1024);
#endif

  /* One big transaction: a hundred thousand cases commit once. */
  if (!_rd_store_begin (self, error))
    {
      ok = FALSE;
      goto out;
    }
  /*
   * Never into a real council's store: every case already there must be a
   * demo case (one with a "demo.case" audit entry, "case=ID events=N").
   */
  if (_rd_store_count_sql (
          self, "SELECT count(*) FROM cases WHERE id NOT IN "
                "(SELECT CAST (substr (records, 6, instr (records, ' ') - 6) AS INTEGER) "
                "FROM audit WHERE action = 'demo.case')") != 0)
    {
      g_set_error (error, RD_STORE_ERROR, RD_STORE_ERROR_INVALID,
                   _("This store holds cases that are not demo cases, so no demo cases were "
                     "added: fill a new, empty store with demo cases instead."));
      _rd_store_rollback (self);
      ok = FALSE;
      goto out;
    }
  /* The store is marked as a demo store (a setting kept for other layers to read). */
  if (!_rd_store_exec (self,
                       "INSERT INTO settings (key, value) VALUES ('" RD_SETTING_DEMO "', '1') "
                       "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                       error))
    {
      _rd_store_rollback (self);
      ok = FALSE;
      goto out;
    }
  /* A demo council's own details where none are set, so that every letter
   * can be made from a demo store (a letter needs the council's address). */
  if (!_rd_store_exec (self,
                       "INSERT INTO settings (key, value) VALUES "
                       "('" RD_SETTING_NAME "', 'Ashcombe Town Council'), "
                       "('" RD_SETTING_ADDRESS "', 'Town Hall' || char (10) || 'High Street' || "
                       "char (10) || 'Ashcombe' || char (10) || 'AS1 2CB'), "
                       "('" RD_SETTING_EMAIL "', 'clerk@ashcombe.example'), "
                       "('" RD_SETTING_CLERK "', 'Alex Morgan') "
                       "ON CONFLICT (key) DO NOTHING",
                       error))
    {
      _rd_store_rollback (self);
      ok = FALSE;
      goto out;
    }
  first_id = _rd_store_count_sql (self, "SELECT ifnull (max (id), 0) FROM cases");
  for (guint i = 0; i < n_cases && ok; i++)
    ok = make_case (&demo, now, error);
  /*
   * The search index in one statement at the end: FTS5 writes its pending
   * terms out at every statement of a transaction, so filling it case by case
   * among the other inserts made thousands of tiny segments.
   */
  if (ok)
    ok = _rd_store_update_search_after (self, first_id, error);
  records = g_strdup_printf ("cases=%u seed=%u", n_cases, seed);
  if (ok)
    ok = _rd_store_audit (self, "demo.fill", records, error);
  if (!ok)
    {
      _rd_store_rollback (self);
      goto out;
    }
  _rd_store_note_change (self, RD_STORE_CHANGE_CASES, 0);
  ok = _rd_store_commit (self, error);

out:
  self->today = saved_today;
  g_ptr_array_unref (demo.pending);
  g_rand_free (demo.rand);
  return ok;
}

/* rd-deadline.c: a deadline of a case, with its working.
 *
 * The sources of the rules (see also docs/rules.md):
 * - Council policy: the seed "Personal data complaints policy" (Winsford
 *   Town Council): acknowledge "normally … within 5 working days"; respond
 *   "normally within one month" once identification requirements are met;
 *   tell the complainant of clarification or more time "prior to the original
 *   deadline"; review requested "within one month of the original decision
 *   being communicated", answered "within one month from the receipt of the
 *   request for review".
 * - Data Protection Act 2018, section 164A(3), inserted by the Data (Use and
 *   Access) Act 2025, section 103, in force 19 June 2026 (SI 2026/82 reg. 3):
 *   acknowledge receipt "within the period of 30 days beginning when the
 *   complaint is received". ICO, "How to deal with data protection
 *   complaints" (February 2026): the 30 days start the day after receipt; an
 *   end on a weekend or bank holiday moves to the next working day. We follow
 *   the ICO's count (docs/rules.md says why).
 * - ICO, "Time limits for responding to data protection rights requests":
 *   day one is the day of receipt; the deadline is the corresponding calendar
 *   date next month, or that month's last day when there is none; a deadline
 *   on a weekend or bank holiday moves to the next working day; time starts
 *   on the day the organisation receives what it asked for to confirm
 *   identity or authority; an extension of up to two further months is
 *   notified with reasons within the first month.
 * - Data (Use and Access) Act 2025, section 76 (UK GDPR Art. 12A; DPA 2018
 *   s.54(3C)), the stop-the-clock rule for rights requests: "the period
 *   beginning with the day on which the controller makes the request and
 *   ending with the day on which the controller receives the information
 *   does not count" towards the month, nor towards the month in which an
 *   extension must be notified. Redress applies it to complaints.
 * - Privacy notice (the seed Stage 2 complaints notice): records "kept for
 *   6 years".
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "redress-rules"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "rd-date.h"
#include "rd-deadline.h"
#include "rd-rules-private.h"

static const struct
{
  const char *id;
  const char *label;
} kinds[RD_DEADLINE_N_KINDS] = {
  [RD_DEADLINE_ACKNOWLEDGE] = {
      "acknowledge", N_("Acknowledge") },
      [RD_DEADLINE_ACKNOWLEDGE_STATUTORY] = {
          "acknowledge-statutory", N_("Acknowledge (legal limit)") },
          [RD_DEADLINE_RESPOND] = {
              "respond", N_("Respond") },
              [RD_DEADLINE_REVIEW_WINDOW] = {
                  "review-window", N_("Review can be asked for until") },
                  [RD_DEADLINE_REVIEW_RESPOND] = {
                      "review-respond", N_("Respond to the review") },
                      [RD_DEADLINE_ICO] = { "ico", N_("Respond to the ICO") },
                                            [RD_DEADLINE_RETAIN] = { "retain",
                                                                     N_("Keep records until") },
                                            };

static const struct
{
  const char *id;
  const char *label;
} states[] = {
  [RD_DEADLINE_OPEN] = {
      "open", N_("Open") },
      [RD_DEADLINE_WAITING] = {
          "waiting", N_("Clock not started") },
          [RD_DEADLINE_PAUSED] = {
              "paused", N_("Clock stopped") },
              [RD_DEADLINE_MET] = {
                  "met", N_("Met") },
                  [RD_DEADLINE_MISSED] = { "missed", N_("Missed") },
                                           [RD_DEADLINE_LAPSED] = { "lapsed",
                                                                    N_("No longer needed") },
                                           };

static const struct
{
  const char *name;
  const char *source;
} rules[RD_RULE_N] = {
  [RD_RULE_ACKNOWLEDGE_POLICY] = {
    N_("Acknowledge within the council’s target of working days"),
    N_("Council complaints policy, “Making a complaint”: acknowledge normally within 5 working "
       "days (a council setting), counted from the day after receipt."),
  },
  [RD_RULE_ACKNOWLEDGE_STATUTORY] = {
    N_("Acknowledge within 30 days"),
    N_("Data Protection Act 2018, section 164A, inserted by the Data (Use and Access) Act 2025 "
       "(in force from 19 June 2026); ICO guidance “How to deal with data protection "
       "complaints”: the 30 days start the day after receipt, and an end on a weekend or bank "
       "holiday moves to the next working day."),
  },
  [RD_RULE_RESPOND_ONE_MONTH] = {
    N_("Respond within one calendar month"),
    N_("Council complaints policy, “Investigation and complaint outcome”: normally within one "
       "month once identity is settled. ICO guidance “Time limits for responding to data "
       "protection rights requests”: the same date next month, or that month’s last day, moved "
       "to the next working day. Pauses for clarification: Data (Use and Access) Act 2025, "
       "section 76, applied to complaints."),
  },
  [RD_RULE_RESPOND_EXTENDED] = {
    N_("Respond within the extended time"),
    N_("ICO guidance “Time limits for responding to data protection rights requests”: up to two "
       "further months, notified with reasons within the first month. Council complaints "
       "policy: the complainant is told before the original deadline."),
  },
  [RD_RULE_REVIEW_WINDOW] = {
    N_("Ask for a review within one calendar month"),
    N_("Council complaints policy, “Review”: a review must be asked for within one month of the "
       "decision being communicated. A late request is flagged; the council may still accept "
       "it."),
  },
  [RD_RULE_REVIEW_RESPOND] = {
    N_("Answer a review within one calendar month"),
    N_("Council complaints policy, “Review”: responded to within one month from receipt of the "
       "request for review; calendar month as in the ICO’s time-limits guidance."),
  },
  [RD_RULE_ICO_DATE] = {
    N_("The date the ICO set"),
    N_("Set by the ICO when it told the council of the complaint (council complaints policy, "
       "“Independent external review”)."),
  },
  [RD_RULE_RETENTION] = {
    N_("Keep for the retention period, then destroy"),
    N_("Privacy notice, “How long will we keep your information for?”: records are kept for 6 "
       "years (a council setting). Redress counts them from the day the case was closed; then "
       "destruction is due."),
  },
};

static const char *const start_reasons[] = {
  [RD_START_RECEIPT] = N_("the day the complaint was received"),
      [RD_START_IDENTITY_SETTLED] = N_("the day identity was settled"),
          [RD_START_CONSENT_RECEIVED] = N_("the day the data subject’s written consent arrived"),
              [RD_START_OUTCOME_SENT] = N_("the day the outcome was communicated"),
                  [RD_START_REVIEW_REQUESTED] = N_("the day the review request was received"),
                      [RD_START_ICO_NOTIFIED] = N_("the day the ICO got in touch"),
                          [RD_START_CLOSED] = N_("the day the case was closed"),
                          };

const char *
rd_deadline_kind_to_id (RdDeadlineKind kind)
{
  if ((guint) kind >= RD_DEADLINE_N_KINDS)
    return NULL;
  return kinds[kind].id;
}

gboolean
rd_deadline_kind_from_id (const char *id, RdDeadlineKind *out_kind)
{
  g_return_val_if_fail (out_kind != NULL, FALSE);

  if (id == NULL)
    return FALSE;

  for (guint i = 0; i < RD_DEADLINE_N_KINDS; i++)
    {
      if (strcmp (kinds[i].id, id) == 0)
        {
          *out_kind = (RdDeadlineKind) i;
          return TRUE;
        }
    }

  return FALSE;
}

const char *
rd_deadline_kind_get_label (RdDeadlineKind kind)
{
  g_return_val_if_fail ((guint) kind < RD_DEADLINE_N_KINDS, NULL);

  return _(kinds[kind].label);
}

const char *
rd_deadline_state_to_id (RdDeadlineState state)
{
  if ((guint) state >= G_N_ELEMENTS (states))
    return NULL;
  return states[state].id;
}

const char *
rd_deadline_state_get_label (RdDeadlineState state)
{
  g_return_val_if_fail ((guint) state < G_N_ELEMENTS (states), NULL);

  return _(states[state].label);
}

const char *
rd_rule_get_name (RdRule rule)
{
  g_return_val_if_fail ((guint) rule < RD_RULE_N, NULL);

  return _(rules[rule].name);
}

const char *
rd_rule_get_source (RdRule rule)
{
  g_return_val_if_fail ((guint) rule < RD_RULE_N, NULL);

  return _(rules[rule].source);
}

const char *
rd_start_reason_get_label (RdStartReason reason)
{
  g_return_val_if_fail ((guint) reason < G_N_ELEMENTS (start_reasons), NULL);

  return _(start_reasons[reason]);
}

gboolean
rd_deadline_is_outstanding (const RdDeadline *deadline)
{
  g_return_val_if_fail (deadline != NULL, FALSE);

  if (deadline->kind == RD_DEADLINE_REVIEW_WINDOW)
    return FALSE;
  if (g_date_valid (&deadline->met_on) || g_date_valid (&deadline->ended_on))
    return FALSE;

  return deadline->state == RD_DEADLINE_OPEN || deadline->state == RD_DEADLINE_PAUSED ||
         deadline->state == RD_DEADLINE_MISSED;
}

gint
rd_deadline_days_until (const RdDeadline *deadline, const GDate *today)
{
  g_return_val_if_fail (deadline != NULL, G_MININT);
  g_return_val_if_fail (today != NULL && g_date_valid (today), G_MININT);

  if (!g_date_valid (&deadline->due))
    return G_MININT;

  return rd_date_days_between (today, &deadline->due);
}

gint
rd_deadline_working_days_until (const RdDeadline *deadline,
                                RdCalendar       *calendar,
                                const GDate      *today)
{
  g_return_val_if_fail (deadline != NULL, G_MININT);
  g_return_val_if_fail (RD_IS_CALENDAR (calendar), G_MININT);
  g_return_val_if_fail (today != NULL && g_date_valid (today), G_MININT);

  if (!g_date_valid (&deadline->due))
    return G_MININT;

  return rd_calendar_count_working_days (calendar, today, &deadline->due);
}

static void
describe_count (GString *text, const RdDeadline *deadline)
{
  const RdWorking *w = &deadline->working;
  g_autofree char *unadjusted = _rd_date_format_long (&w->unadjusted);

  switch (w->rule)
    {
      case RD_RULE_ACKNOWLEDGE_POLICY:
        g_string_append_printf (text,
                                ngettext ("%u working day, counted from the day after, ends on %s.",
                                          "%u working days, counted from the day after, end on %s.",
                                          w->amount),
                                w->amount, unadjusted);
        break;

      case RD_RULE_ACKNOWLEDGE_STATUTORY:
        g_string_append_printf (text, _("%u days, counted from the day after, end on %s."),
                                         w->amount, unadjusted);
        break;

      case RD_RULE_RESPOND_ONE_MONTH:
      case RD_RULE_RESPOND_EXTENDED:
      case RD_RULE_REVIEW_WINDOW:
      case RD_RULE_REVIEW_RESPOND:
        g_string_append_printf (text,
                                ngettext ("%u calendar month from the start is %s (the same date, "
                                          "or the last day of a shorter month).",
                                          "%u calendar months from the start is %s (the same "
                                          "date, or the last day of a shorter month).",
                                          w->amount),
                                w->amount, unadjusted);
        break;

      case RD_RULE_ICO_DATE:
        g_string_append_printf (text, _("The ICO asked for a response by %s."), unadjusted);
        break;

      case RD_RULE_RETENTION:
        g_string_append_printf (text,
                                ngettext ("%u year from closure is %s; this date is not moved to "
                                          "a working day.",
                                          "%u years from closure is %s; this date is not moved "
                                          "to a working day.",
                                          w->amount),
                                w->amount, unadjusted);
        break;

      case RD_RULE_N:
      default:
        g_assert_not_reached ();
    }
  g_string_append_c (text, '\n');
}

char *
rd_deadline_describe_working (const RdDeadline *deadline)
{
  const RdWorking *w;
  GString         *text;

  g_return_val_if_fail (deadline != NULL, NULL);

  w = &deadline->working;
  text = g_string_new (NULL);

  g_string_append_printf (text, _("Rule: %s."), rd_rule_get_name (w->rule));
  g_string_append_c (text, '\n');
  g_string_append_printf (text, _("Source: %s"), rd_rule_get_source (w->rule));
  g_string_append_c (text, '\n');

  if (deadline->state == RD_DEADLINE_WAITING || !g_date_valid (&w->start))
    {
      g_string_append (text, _("The clock has not started: it starts when identity, or the "
                               "representative’s written consent, is settled."));
      g_string_append_c (text, '\n');
      return g_string_free (text, FALSE);
    }

  {
    g_autofree char *start = _rd_date_format_long (&w->start);

    g_string_append_printf (text, _("Start: %s, %s."), start,
                                     rd_start_reason_get_label (w->start_reason));
    g_string_append_c (text, '\n');
  }

  describe_count (text, deadline);

  for (guint i = 0; w->pauses != NULL && i < w->pauses->len; i++)
    {
      const RdPause   *pause = &g_array_index (w->pauses, RdPause, i);
      g_autofree char *from = _rd_date_format_long (&pause->from);
      g_autofree char *to = _rd_date_format_long (&pause->to);

      if (!pause->counted)
        g_string_append_printf (text,
                                _("Clarification was asked for on %s, after the deadline had "
                                  "passed, so it does not stop the clock."),
                                   from);
      else if (pause->open)
        g_string_append_printf (text,
                                ngettext ("The clock has been stopped since %s, waiting for "
                                          "clarification: %u day so far, up to %s.",
                                          "The clock has been stopped since %s, waiting for "
                                          "clarification: %u days so far, up to %s.",
                                          pause->days),
                                from, pause->days, to);
      else
        g_string_append_printf (text,
                                ngettext ("The clock stopped from %s to %s, both included, "
                                          "while waiting for clarification: %u day added.",
                                          "The clock stopped from %s to %s, both included, "
                                          "while waiting for clarification: %u days added.",
                                          pause->days),
                                from, to, pause->days);
      g_string_append_c (text, '\n');
    }

  if (w->pause_days > 0)
    {
      GDate            moved = w->unadjusted;
      g_autofree char *moved_text = NULL;

      g_date_add_days (&moved, w->pause_days);
      moved_text = _rd_date_format_long (&moved);
      g_string_append_printf (text,
                              ngettext ("With %u day of pauses added, the end is %s.",
                                        "With %u days of pauses added, the end is %s.",
                                        w->pause_days),
                              w->pause_days, moved_text);
      g_string_append_c (text, '\n');
    }

  for (guint i = 0; w->skipped != NULL && i < w->skipped->len; i++)
    {
      const RdSkippedDay *day = &g_array_index (w->skipped, RdSkippedDay, i);
      g_autofree char    *date = _rd_date_format_long (&day->date);

      if (day->reason == RD_SKIP_HOLIDAY)
        g_string_append_printf (text, _("%s is a bank holiday (%s), not a working day."), date,
                                         day->holiday_title);
      else
        g_string_append_printf (text, _("%s is a weekend day, not a working day."), date);
      g_string_append_c (text, '\n');
    }

  if (deadline->kind == RD_DEADLINE_RESPOND && deadline->extended)
    {
      g_autofree char *notified = _rd_date_format_long (&deadline->extension_notified_on);
      g_autofree char *original = _rd_date_format_long (&deadline->original_due);

      if (deadline->extension_notified_late)
        g_string_append_printf (text, _("An extension was notified on %s, after the original "
                                  "deadline of %s, so it does not count: the deadline stays "
                                  "%s."),
                                         notified, original, original);
      else
        g_string_append_printf (text, _("The time was extended, notified on %s; without the "
                                  "extension the deadline was %s."),
                                         notified, original);
      g_string_append_c (text, '\n');
    }

  if (g_date_valid (&deadline->due))
    {
      g_autofree char *due = _rd_date_format_long (&deadline->due);

      if (deadline->state == RD_DEADLINE_PAUSED)
        g_string_append_printf (text, _("Due, if the clarification arrived today: %s."), due);
      else
        g_string_append_printf (text, _("Due: %s."), due);
      g_string_append_c (text, '\n');
    }

  if (deadline->kind == RD_DEADLINE_REVIEW_WINDOW && deadline->late_request)
    {
      g_string_append (text, _("The review was asked for after this date: the request is late, "
                               "and the council may still accept it."));
      g_string_append_c (text, '\n');
    }

  if (w->incomplete_holiday_data)
    {
      g_string_append (text, _("Warning: the bank holiday data does not cover every year this "
                               "deadline touches, so holidays there are unknown and the date may "
                               "be too early. Load a newer bank holidays file from GOV.UK."));
      g_string_append_c (text, '\n');
    }

  return g_string_free (text, FALSE);
}

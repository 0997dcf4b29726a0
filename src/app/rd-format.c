/* rd-format.c: what the window says about a state, as plain text.
 *
 * Pure functions from a state to the words the clerk reads, so that they
 * can be tested without a display. No deadline arithmetic here: the
 * numbers come from the rules.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "rd-format.h"
#include "rd-rules.h"

/* Helpers */

static const char *
weekday_name (GDateWeekday weekday)
{
  switch (weekday)
    {
      case G_DATE_MONDAY:
        return _("Monday");
      case G_DATE_TUESDAY:
        return _("Tuesday");
      case G_DATE_WEDNESDAY:
        return _("Wednesday");
      case G_DATE_THURSDAY:
        return _("Thursday");
      case G_DATE_FRIDAY:
        return _("Friday");
      case G_DATE_SATURDAY:
        return _("Saturday");
      case G_DATE_SUNDAY:
        return _("Sunday");
      case G_DATE_BAD_WEEKDAY:
      default:
        g_assert_not_reached ();
    }
}

static const char *
month_name (GDateMonth month)
{
  /* Written out rather than from strftime(): the window always says dates
   * the British way, whatever the system locale's format. */
  switch (month)
    {
      case G_DATE_JANUARY:
        return _("January");
      case G_DATE_FEBRUARY:
        return _("February");
      case G_DATE_MARCH:
        return _("March");
      case G_DATE_APRIL:
        return _("April");
      case G_DATE_MAY:
        return _("May");
      case G_DATE_JUNE:
        return _("June");
      case G_DATE_JULY:
        return _("July");
      case G_DATE_AUGUST:
        return _("August");
      case G_DATE_SEPTEMBER:
        return _("September");
      case G_DATE_OCTOBER:
        return _("October");
      case G_DATE_NOVEMBER:
        return _("November");
      case G_DATE_DECEMBER:
        return _("December");
      case G_DATE_BAD_MONTH:
      default:
        g_assert_not_reached ();
    }
}

/* Public API */

/**
 * rd_format_date:
 * @date: a valid date
 *
 * Returns: (transfer full): the date the British way, "Monday 4 May 2026"
 */
char *
rd_format_date (const GDate *date)
{
  g_return_val_if_fail (date != NULL && g_date_valid (date), NULL);

  /* Translators: a date: weekday, day of the month, month, year,
   * as in "Monday 4 May 2026" */
  return g_strdup_printf (_("%s %u %s %u"), weekday_name (g_date_get_weekday (date)),
                             (guint) g_date_get_day (date), month_name (g_date_get_month (date)),
                             (guint) g_date_get_year (date));
}

/**
 * rd_format_date_short:
 * @date: a valid date
 *
 * Returns: (transfer full): the date without its weekday, "4 May 2026"
 */
char *
rd_format_date_short (const GDate *date)
{
  g_return_val_if_fail (date != NULL && g_date_valid (date), NULL);

  /* Translators: a date: day of the month, month, year, as in "4 May 2026" */
  return g_strdup_printf (_("%u %s %u"), (guint) g_date_get_day (date),
                             month_name (g_date_get_month (date)), (guint) g_date_get_year (date));
}

/**
 * rd_format_due:
 * @working_days_left: working days from today to the due day (0 when it is
 *   today), as the rules count them
 * @calendar_days_overdue: days since the due day when it has passed, else 0
 *
 * Returns: (transfer full): "due today", "due in 3 working days",
 *   "overdue by 2 days"
 */
char *
rd_format_due (int working_days_left, int calendar_days_overdue)
{
  if (calendar_days_overdue > 0)
    return g_strdup_printf (
        ngettext ("overdue by %d day", "overdue by %d days", calendar_days_overdue),
        calendar_days_overdue);
  if (working_days_left <= 0)
    return g_strdup (_("due today"));

  return g_strdup_printf (
      ngettext ("due in %d working day", "due in %d working days", working_days_left),
      working_days_left);
}

/**
 * rd_format_urgency:
 *
 * Returns: how urgent a deadline is, from the same two numbers as
 *   rd_format_due()
 */
RdUrgency
rd_format_urgency (int working_days_left, int calendar_days_overdue)
{
  if (calendar_days_overdue > 0)
    return RD_URGENCY_OVERDUE;
  if (working_days_left <= 0)
    return RD_URGENCY_TODAY;
  if (working_days_left <= RD_FORMAT_DUE_SOON_WORKING_DAYS)
    return RD_URGENCY_SOON;

  return RD_URGENCY_LATER;
}

/**
 * rd_format_urgency_css_class:
 *
 * Returns: (nullable): the style class ui/style.css colours an urgency with
 */
const char *
rd_format_urgency_css_class (RdUrgency urgency)
{
  switch (urgency)
    {
      case RD_URGENCY_OVERDUE:
        return "overdue";
      case RD_URGENCY_TODAY:
        return "due-today";
      case RD_URGENCY_SOON:
        return "due-soon";
      case RD_URGENCY_LATER:
        return "due-later";
      case RD_URGENCY_NONE:
      default:
        return NULL;
    }
}

/**
 * rd_format_case_count:
 *
 * Returns: (transfer full): "1 case", "12 cases"
 */
char *
rd_format_case_count (guint n_cases)
{
  return g_strdup_printf (ngettext ("%u case", "%u cases", n_cases), n_cases);
}

/**
 * rd_format_next_due:
 * @due: (nullable): the next due day of a case, or %NULL when nothing is due
 * @calendar: (nullable): the store's working-day calendar
 * @today: the day to count from
 * @out_urgency: (out) (optional): how urgent it is
 *
 * The rules count the days (rd_deadline_days_until(),
 * rd_deadline_working_days_until()); this only puts them into words.
 *
 * Returns: (transfer full): "due in 3 working days", "overdue by 2 days",
 *   "nothing due"
 */
char *
rd_format_next_due (const GDate *due,
                    RdCalendar  *calendar,
                    const GDate *today,
                    RdUrgency   *out_urgency)
{
  RdDeadline deadline = { 0 };
  int        days;
  int        working;
  RdUrgency  urgency;

  g_return_val_if_fail (today != NULL && g_date_valid (today), NULL);

  if (due == NULL || !g_date_valid (due))
    {
      if (out_urgency != NULL)
        *out_urgency = RD_URGENCY_NONE;
      return g_strdup (_("nothing due"));
    }

  deadline.kind = RD_DEADLINE_RESPOND;
  deadline.state = RD_DEADLINE_OPEN;
  deadline.due = *due;
  days = rd_deadline_days_until (&deadline, today);
  if (days < 0)
    working = 0;
  else if (calendar != NULL)
    working = rd_deadline_working_days_until (&deadline, calendar, today);
  else
    working = days;

  urgency = rd_format_urgency (MAX (working, 0), days < 0 ? -days : 0);
  if (out_urgency != NULL)
    *out_urgency = urgency;

  return rd_format_due (MAX (working, 0), days < 0 ? -days : 0);
}

/**
 * rd_format_status:
 * @status_id: (nullable): a status id of the rules ("awaiting-identity")
 *
 * Returns: the translated label ("Awaiting identity"), or the id itself
 *   when the rules do not know it
 */
const char *
rd_format_status (const char *status_id)
{
  RdStatus status;

  if (status_id != NULL && rd_status_from_id (status_id, &status))
    return rd_status_get_label (status);

  return status_id != NULL ? status_id : "";
}

/**
 * rd_format_authority:
 * @authority_id: (nullable): a representative's authority as the store
 *   names it ("power-of-attorney")
 *
 * Returns: the words for it ("power of attorney"), or the id itself
 */
const char *
rd_format_authority (const char *authority_id)
{
  static const struct
  {
    const char *id;
    const char *label;
  } authorities[] = {
    { "written-consent", N_("written consent") },
      { "power-of-attorney", N_("power of attorney") },
        { "parental-responsibility", N_("parental responsibility") },
          { "court-deputy", N_("court-appointed deputy") },
            { "legal-representative", N_("legal representative") },
              { "other", N_("other authority") },
            };

  for (gsize i = 0; i < G_N_ELEMENTS (authorities); i++)
    if (g_strcmp0 (authority_id, authorities[i].id) == 0)
      return _(authorities[i].label);

  return authority_id != NULL ? authority_id : _("authority not given");
}

/**
 * rd_format_document_kind:
 * @kind_id: (nullable): a document's kind as the store names it ("consent")
 *
 * Returns: the words for it ("Written consent"), or the id itself
 */
const char *
rd_format_document_kind (const char *kind_id)
{
  static const struct
  {
    const char *id;
    const char *label;
  } kinds[] = {
    { "evidence", N_("Evidence") },
      { "consent", N_("Written consent") },
        { "identity", N_("Proof of identity") },
          { "correspondence", N_("Correspondence") },
            { "letter", N_("Letter") },
              { "bundle", N_("ICO bundle") },
            };

  for (gsize i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (g_strcmp0 (kind_id, kinds[i].id) == 0)
      return _(kinds[i].label);

  return kind_id != NULL ? kind_id : "";
}

/**
 * rd_format_received:
 * @received: the day the complaint came in
 * @channel_id: (nullable): "post", "email", "phone", "in-person" or "web"
 *
 * Returns: (transfer full): "Received Monday 4 May 2026 by post"
 */
char *
rd_format_received (const GDate *received, const char *channel_id)
{
  g_autofree char *date = NULL;

  g_return_val_if_fail (received != NULL && g_date_valid (received), NULL);

  date = rd_format_date (received);
  /* Translators: each is "Received <date> …", as in "Received Monday 4 May 2026 by post" */
  if (g_strcmp0 (channel_id, "post") == 0)
    return g_strdup_printf (_("Received %s by post"), date);
  if (g_strcmp0 (channel_id, "email") == 0)
    return g_strdup_printf (_("Received %s by e-mail"), date);
  if (g_strcmp0 (channel_id, "phone") == 0)
    return g_strdup_printf (_("Received %s by phone"), date);
  if (g_strcmp0 (channel_id, "in-person") == 0)
    return g_strdup_printf (_("Received %s in person"), date);
  if (g_strcmp0 (channel_id, "web") == 0)
    return g_strdup_printf (_("Received %s through the web form"), date);

  return g_strdup_printf (_("Received %s"), date);
}

/* Views */

static const struct
{
  const char *id;
  const char *label;
  const char *icon_name;
  const char *empty;
} views[RD_VIEW_N] = {
  [RD_VIEW_DUE_SOON] = {
      "due-soon",
      N_("Due Soon"), "alarm-symbolic", N_("Nothing is due in the next five working days.") },
      [RD_VIEW_OVERDUE] = {
          "overdue", N_("Overdue"), "dialog-warning-symbolic", N_("No case is overdue.") },
          [RD_VIEW_ALL_OPEN] = {
              "all-open", N_("All Open"), "folder-open-symbolic", N_("No case is open.") },
              [RD_VIEW_AWAITING_IDENTITY] = {
                  "awaiting-identity", N_("Awaiting Identity"),
                                           "avatar-default-symbolic",
                                           N_("No case is waiting for proof of identity.") },
                  [RD_VIEW_AWAITING_CLARIFICATION] = {
                      "awaiting-clarification", N_("Awaiting Clarification"),
                                                    "dialog-question-symbolic",
                                                    N_("No case is waiting for clarification.") },
                      [RD_VIEW_UNDER_REVIEW] = {
                          "under-review", N_("Under Review"),
                                              "view-refresh-symbolic",
                                              N_("No case is under review.") },
                          [RD_VIEW_WITH_ICO] = {
                              "with-ico", N_("With the ICO"),
                                              "mail-send-symbolic",
                                              N_("No case is with the ICO.") },
                              [RD_VIEW_CLOSED] = {
                                  "closed",
                                  N_("Closed"), "folder-symbolic", N_("No case is closed.") },
                                  [RD_VIEW_DUE_FOR_DESTRUCTION] = {
                                      "due-for-destruction", N_("Due for Destruction"),
                                                                 "user-trash-symbolic",
                                                                 N_("No case has reached the end of its retention period.") },
                                  };

/**
 * rd_view_to_id:
 *
 * Returns: (nullable): the view's id ("due-soon"), %NULL out of range
 */
const char *
rd_view_to_id (RdView view)
{
  return (guint) view < RD_VIEW_N ? views[view].id : NULL;
}

gboolean
rd_view_from_id (const char *id, RdView *out_view)
{
  g_return_val_if_fail (out_view != NULL, FALSE);

  for (guint i = 0; i < RD_VIEW_N; i++)
    if (g_strcmp0 (id, views[i].id) == 0)
      {
        *out_view = i;
        return TRUE;
      }

  return FALSE;
}

/**
 * rd_view_get_label:
 *
 * Returns: (nullable): the translated name ("Due Soon")
 */
const char *
rd_view_get_label (RdView view)
{
  return (guint) view < RD_VIEW_N ? _(views[view].label) : NULL;
}

const char *
rd_view_get_icon_name (RdView view)
{
  return (guint) view < RD_VIEW_N ? views[view].icon_name : NULL;
}

/**
 * rd_view_get_empty_text:
 *
 * Returns: (nullable): what an empty list of this view says
 */
const char *
rd_view_get_empty_text (RdView view)
{
  return (guint) view < RD_VIEW_N ? _(views[view].empty) : NULL;
}

/**
 * rd_format_event_action:
 * @kind: an event kind
 *
 * The label of the button that records @kind: an action, named as the
 * help pages and the step's dialog name it, not the past-tense name of the
 * event ("Acknowledge the Complaint…", not "Acknowledged").
 *
 * Returns: (transfer none): the translated label
 */
const char *
rd_format_event_action (RdEventKind kind)
{
  switch (kind)
    {
      case RD_EVENT_RECEIVED:
        return _("Record the Complaint…");
      case RD_EVENT_ACKNOWLEDGED:
        return _("Acknowledge the Complaint…");
      case RD_EVENT_IDENTITY_REQUESTED:
        return _("Ask for Proof of Identity…");
      case RD_EVENT_IDENTITY_VERIFIED:
        return _("Record Identity Seen…");
      case RD_EVENT_CONSENT_REQUESTED:
        return _("Ask for the Data Subject’s Consent…");
      case RD_EVENT_CONSENT_RECEIVED:
        return _("Record Written Consent Received…");
      case RD_EVENT_CLARIFICATION_REQUESTED:
        return _("Ask for Clarification…");
      case RD_EVENT_CLARIFICATION_RECEIVED:
        return _("Record Clarification Received…");
      case RD_EVENT_EXTENDED:
        return _("Extend the Time to Respond…");
      case RD_EVENT_OUTCOME_SENT:
        return _("Send the Outcome…");
      case RD_EVENT_REFUSED:
        return _("Refuse as Manifestly Unfounded or Excessive…");
      case RD_EVENT_REVIEW_REQUESTED:
        return _("Record a Review Request…");
      case RD_EVENT_REVIEW_OUTCOME_SENT:
        return _("Send the Review Outcome…");
      case RD_EVENT_ICO_NOTIFIED:
        return _("Record the ICO’s Notification…");
      case RD_EVENT_ICO_RESPONSE_SENT:
        return _("Record the Response to the ICO…");
      case RD_EVENT_CLOSED:
        return _("Close the Case…");
      case RD_EVENT_DESTROYED:
        return _("Destroy the Records…");
      case RD_EVENT_NOTE:
        return _("Add a Note…");
      case RD_EVENT_N_KINDS:
      default:
        break;
    }
  g_return_val_if_reached (NULL);
}

/**
 * rd_format_channel:
 * @channel_id: (nullable): "post", "email", "phone", "in-person" or "web"
 *
 * Returns: (transfer none) (nullable): "by post", "by e-mail"…, or %NULL
 *   for an unknown channel
 */
const char *
rd_format_channel (const char *channel_id)
{
  if (g_strcmp0 (channel_id, "post") == 0)
    return _("by post");
  if (g_strcmp0 (channel_id, "email") == 0)
    return _("by e-mail");
  if (g_strcmp0 (channel_id, "phone") == 0)
    return _("by phone");
  if (g_strcmp0 (channel_id, "in-person") == 0)
    return _("in person");
  if (g_strcmp0 (channel_id, "web") == 0)
    return _("through the web form");
  return NULL;
}

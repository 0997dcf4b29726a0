/* rd-cli-add.c: redress-cli add, log a new complaint.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "redress-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "rd-cli-private.h"

int
_rd_cli_cmd_add (RdCliGlobals *globals, char ***args)
{
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(RdStore) store = NULL;
  g_autoptr(RdCase) kase = rd_case_new ();
  g_autoptr(RdPerson) subject = NULL;
  g_autofree char   *received = NULL, *name = NULL, *address = NULL, *postcode = NULL;
  g_autofree char   *email = NULL, *phone = NULL, *channel = NULL, *summary = NULL;
  g_autofree char   *about = NULL, *representative = NULL, *authority = NULL;
  g_autofree char   *language = NULL, *prefer = NULL;
  g_autofree char   *rep_address = NULL, *rep_postcode = NULL, *rep_email = NULL, *rep_phone = NULL;
  gboolean           large_print = FALSE;
  GDate              date;
  int                status;
  const GOptionEntry entries[] = {
    { "received", 0, 0, G_OPTION_ARG_STRING, &received,
      N_("The day the complaint was received (required)"), N_("YYYY-MM-DD") },
      { "name", 0, 0, G_OPTION_ARG_STRING, &name,
        N_("The data subject’s name (required)"), N_("NAME") },
        { "address", 0, 0, G_OPTION_ARG_STRING, &address,
          N_("Their postal address, without the postcode"), N_("TEXT") },
          { "postcode", 0, 0, G_OPTION_ARG_STRING, &postcode,
            N_("Their postcode"), N_("POSTCODE") },
            { "email", 0, 0, G_OPTION_ARG_STRING, &email,
              N_("Their e-mail address"), N_("ADDRESS") },
              { "phone", 0, 0, G_OPTION_ARG_STRING, &phone,
                N_("Their phone number"), N_("NUMBER") },
                { "prefer", 0, 0, G_OPTION_ARG_STRING, &prefer,
                  N_("How they want to be written to: post (default) or email"), N_("CHANNEL") },
                  { "channel", 0, 0, G_OPTION_ARG_STRING, &channel,
                    N_("How the complaint came: post, email (default), phone, in-person or web"),
                        N_("CHANNEL") },
                    { "summary", 0, 0, G_OPTION_ARG_STRING, &summary,
                      N_("What the complaint is about"), N_("TEXT") },
                      { "about", 0, 0, G_OPTION_ARG_STRING, &about,
                        N_("The reference of the earlier request it is about"), N_("REF") },
                        { "representative", 0, 0, G_OPTION_ARG_STRING, &representative,
                          N_("The name of a representative acting for the data subject"),
                              N_("NAME") },
                          { "authority", 0, 0, G_OPTION_ARG_STRING, &authority,
                            N_("The representative’s authority: written-consent, power-of-attorney, "
         "parental-responsibility, court-deputy, legal-representative or other"),
                                N_("KIND") },
                            { "language", 0, 0, G_OPTION_ARG_STRING, &language,
                              N_("The language of their letters: en (default) or cy"),
                                  N_("LANG") },
                              { "large-print", 0, 0, G_OPTION_ARG_NONE, &large_print,
                                N_("Send letters in large print"), NULL },
                                { "rep-address", 0, 0, G_OPTION_ARG_STRING, &rep_address,
                                  N_("The representative’s postal address, without the postcode"),
                                      N_("TEXT") },
                                  { "rep-postcode", 0, 0, G_OPTION_ARG_STRING, &rep_postcode,
                                    N_("The representative’s postcode"), N_("POSTCODE") },
                                    { "rep-email", 0, 0, G_OPTION_ARG_STRING, &rep_email,
                                      N_("The representative’s e-mail address"), N_("ADDRESS") },
                                      { "rep-phone", 0, 0, G_OPTION_ARG_STRING, &rep_phone,
                                        N_("The representative’s phone number"), N_("NUMBER") },
                                        { NULL } };

  g_option_context_set_summary (context, _("Log a new complaint and print its reference."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if ((status = rd_cli_parse_options (context, args)) >= 0)
    return status;
  if (!rd_cli_check_arguments (*args, 0, "--received DATE --name NAME [OPTIONS…]", &status))
    return status;
  if (received == NULL || name == NULL)
    return rd_cli_fail (RD_CLI_EXIT_USAGE,
                        _("Give at least --received YYYY-MM-DD and --name NAME."));
  if (!rd_cli_parse_date ("--received", received, &date, &status))
    return status;
  if (authority != NULL && representative == NULL)
    return rd_cli_fail (RD_CLI_EXIT_USAGE, _("--authority goes with --representative NAME."));
  if (representative == NULL &&
      (rep_address != NULL || rep_postcode != NULL || rep_email != NULL || rep_phone != NULL))
    return rd_cli_fail (RD_CLI_EXIT_USAGE,
                        _("--rep-address, --rep-postcode, --rep-email and --rep-phone go with "
                          "--representative NAME."));
  if (representative != NULL && authority == NULL)
    return rd_cli_fail (RD_CLI_EXIT_USAGE,
                        _("Say what authority the representative has, with --authority KIND."));

  subject = rd_person_new (name);
  if (address != NULL)
    rd_person_set_address (subject, address);
  if (postcode != NULL)
    rd_person_set_postcode (subject, postcode);
  if (email != NULL)
    rd_person_set_email (subject, email);
  if (phone != NULL)
    rd_person_set_phone (subject, phone);
  if (prefer != NULL)
    rd_person_set_channel (subject, prefer);
  if (language != NULL)
    rd_person_set_language (subject, language);
  rd_person_set_large_print (subject, large_print);

  rd_case_set_received (kase, &date);
  rd_case_set_subject (kase, subject);
  if (channel != NULL)
    rd_case_set_channel (kase, channel);
  if (summary != NULL)
    rd_case_set_summary (kase, summary);
  if (about != NULL)
    rd_case_set_about (kase, about);
  if (representative != NULL)
    {
      g_autoptr(RdPerson) person = rd_person_new (representative);

      if (rep_address != NULL)
        rd_person_set_address (person, rep_address);
      if (rep_postcode != NULL)
        rd_person_set_postcode (person, rep_postcode);
      if (rep_email != NULL)
        rd_person_set_email (person, rep_email);
      if (rep_phone != NULL)
        rd_person_set_phone (person, rep_phone);
      rd_case_set_representative (kase, person, authority);
    }

  store = rd_cli_open_store (globals, RD_STORE_OPEN_DEFAULT, &error);
  if (store == NULL)
    return rd_cli_fail_error (RD_CLI_EXIT_FAILED, error);
  if (!rd_store_add_case (store, kase, &error))
    return rd_cli_fail_error (g_error_matches (error, RD_STORE_ERROR, RD_STORE_ERROR_INVALID)
                                  ? RD_CLI_EXIT_USAGE
                                  : RD_CLI_EXIT_FAILED,
                              error);

  g_print ("%s\n", rd_case_get_reference (kase));
  return RD_CLI_EXIT_OK;
}

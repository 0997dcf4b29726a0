/* rd-cli-person.c: redress-cli person, correct a person's contact details.
 *
 * redress-cli person REF --subject|--representative [--address TEXT]
 *                    [--postcode P] [--email E] [--phone N] [--channel post|email]
 *                    [--language en|cy] [--large-print yes|no]
 *
 * The store checks the values and audits the change by the person's id only.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "redress-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "rd-cli-private.h"

int
_rd_cli_cmd_person (RdCliGlobals *globals, char ***args)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("REF"));
  g_autoptr(GError) error = NULL;
  g_autoptr(RdStore) store = NULL;
  g_autoptr(RdCase) kase = NULL;
  g_autoptr(RdPerson) person = NULL;
  g_autofree char   *address = NULL, *postcode = NULL, *email = NULL, *phone = NULL;
  g_autofree char   *channel = NULL, *language = NULL, *large_print = NULL;
  gboolean           subject = FALSE, representative = FALSE;
  RdPerson          *found;
  int                status;
  const GOptionEntry entries[] = {
    { "subject", 0, 0, G_OPTION_ARG_NONE, &subject,
      N_("Change the data subject’s details"), NULL },
      { "representative", 0, 0, G_OPTION_ARG_NONE, &representative,
        N_("Change the representative’s details"), NULL },
        { "address", 0, 0, G_OPTION_ARG_STRING, &address,
          N_("The postal address, without the postcode (\"\" clears it)"), N_("TEXT") },
          { "postcode", 0, 0, G_OPTION_ARG_STRING, &postcode,
            N_("The postcode (\"\" clears it)"), N_("POSTCODE") },
            { "email", 0, 0, G_OPTION_ARG_STRING, &email,
              N_("The e-mail address (\"\" clears it)"), N_("ADDRESS") },
              { "phone", 0, 0, G_OPTION_ARG_STRING, &phone,
                N_("The phone number (\"\" clears it)"), N_("NUMBER") },
                { "channel", 0, 0, G_OPTION_ARG_STRING, &channel,
                  N_("How they want to be written to: post or email"), N_("CHANNEL") },
                  { "language", 0, 0, G_OPTION_ARG_STRING, &language,
                    N_("The language of their letters: en or cy"), N_("LANG") },
                    { "large-print", 0, 0, G_OPTION_ARG_STRING, &large_print,
                      N_("Send letters in large print: yes or no"), N_("yes|no") }, { NULL } };

  g_option_context_set_summary (context,
                                _("Correct the contact details of the data subject or the "
                                  "representative of a case. The audit trail records the "
                                  "person’s number only."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if ((status = rd_cli_parse_options (context, args)) >= 0)
    return status;
  if (!rd_cli_check_arguments (*args, 1, "REF --subject|--representative [OPTIONS…]", &status))
    return status;
  if (subject == representative)
    return rd_cli_fail (RD_CLI_EXIT_USAGE,
                        _("Say whose details to change: --subject or --representative."));
  if (address == NULL && postcode == NULL && email == NULL && phone == NULL && channel == NULL &&
      language == NULL && large_print == NULL)
    return rd_cli_fail (RD_CLI_EXIT_USAGE,
                        _("Give at least one detail to change, such as --address or --email."));
  if (large_print != NULL && g_strcmp0 (large_print, "yes") != 0 &&
      g_strcmp0 (large_print, "no") != 0)
    return rd_cli_fail (RD_CLI_EXIT_USAGE, _("--large-print is yes or no, not “%s”."),
                                              large_print);

  store = rd_cli_open_store (globals, RD_STORE_OPEN_DEFAULT, &error);
  if (store == NULL)
    return rd_cli_fail_error (RD_CLI_EXIT_FAILED, error);
  kase = rd_store_find_case (store, (*args)[1], &error);
  if (kase == NULL)
    return rd_cli_fail_error (RD_CLI_EXIT_FAILED, error);
  found = subject ? rd_case_get_subject (kase) : rd_case_get_representative (kase);
  if (found == NULL)
    return rd_cli_fail (RD_CLI_EXIT_FAILED, _("Case %s has no representative."),
                                               rd_case_get_reference (kase));
  /* A fresh copy from the store, so that only the details given change. */
  person = rd_store_get_person (store, rd_person_get_id (found), &error);
  if (person == NULL)
    return rd_cli_fail_error (RD_CLI_EXIT_FAILED, error);

  if (address != NULL)
    rd_person_set_address (person, address);
  if (postcode != NULL)
    rd_person_set_postcode (person, postcode);
  if (email != NULL)
    rd_person_set_email (person, email);
  if (phone != NULL)
    rd_person_set_phone (person, phone);
  if (channel != NULL)
    rd_person_set_channel (person, channel);
  if (language != NULL)
    rd_person_set_language (person, language);
  if (large_print != NULL)
    rd_person_set_large_print (person, g_strcmp0 (large_print, "yes") == 0);

  if (!rd_store_update_person (store, person, &error))
    return rd_cli_fail_error (g_error_matches (error, RD_STORE_ERROR, RD_STORE_ERROR_INVALID)
                                  ? RD_CLI_EXIT_USAGE
                                  : RD_CLI_EXIT_FAILED,
                              error);
  g_print (subject
           ? _("%s: the data subject’s details were saved\n")
           : _("%s: the representative’s details were saved\n"), rd_case_get_reference (kase));
  return RD_CLI_EXIT_OK;
}

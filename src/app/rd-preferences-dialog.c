/* rd-preferences-dialog.c: the council's settings held in the store.
 *
 * Everything here lives in the case store, not in GSettings: the settings
 * belong to the council's records (they shape deadlines and letters), and
 * a second machine opening the same store must see the same. Each changed
 * setting is saved with rd_store_set_setting(), one transaction and one
 * audit entry each, when the clerk presses Save. Loading a newer bank
 * holidays file is its own step: the rules' parser checks it first and a
 * refused file changes nothing.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "redress-app"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "rd-file-chooser.h"
#include "rd-form.h"
#include "rd-letter.h"
#include "rd-model.h"
#include "rd-preferences-dialog.h"
#include "rd-print-operation.h"
#include "rd-rules.h"
#include "rd-validate.h"

/* A logo is printed a few centimetres wide; anything this big is a photo. */
#define MAX_LOGO_BYTES (2 * 1024 * 1024)

typedef enum
{
  KIND_TEXT,
  KIND_REQUIRED_TEXT,
  KIND_ADDRESS,
  KIND_EMAIL,
  KIND_PREFIX,
  KIND_ACK_DAYS,
  KIND_RETENTION,
  KIND_DIVISION,
  KIND_OFFSET,
} SettingKind;

typedef struct
{
  const char *name; /* for rd_form_lookup() */
  const char *key;  /* the store's key */
  const char *label;
  SettingKind kind;
  const char *section;
} SettingSpec;

/* clang-format off */
static const SettingSpec setting_specs[] = {
  { "name", RD_SETTING_NAME, N_("Council _name (required)"), KIND_REQUIRED_TEXT, N_("Council") },
  { "address", RD_SETTING_ADDRESS, N_("Postal _address"), KIND_ADDRESS, NULL },
  { "email", RD_SETTING_EMAIL, N_("Contact _e-mail"), KIND_EMAIL, NULL },
  { "clerk", RD_SETTING_CLERK, N_("Clerk’s na_me"), KIND_TEXT, NULL },
  { "dpo", RD_SETTING_DPO, N_("_Data protection officer’s name"), KIND_TEXT, NULL },
  { "division", RD_SETTING_DIVISION, N_("Bank holidays _of"), KIND_DIVISION, N_("Cases") },
  { "prefix", RD_SETTING_PREFIX, N_("Case reference _prefix"), KIND_PREFIX, NULL },
  { "ack-days", RD_SETTING_ACK_DAYS, N_("Ac_knowledge within (working days)"), KIND_ACK_DAYS,
    NULL },
  { "retention-years", RD_SETTING_RETENTION_YEARS, N_("Keep records _for (years after closing)"),
    KIND_RETENTION, NULL },
  { "offset-x", RD_SETTING_ENVELOPE_OFFSET_X, N_("Move the address ri_ght by (mm)"), KIND_OFFSET,
    N_("Letters") },
  { "offset-y", RD_SETTING_ENVELOPE_OFFSET_Y, N_("Move the address do_wn by (mm)"), KIND_OFFSET,
    NULL },
};
/* clang-format on */

struct _RdPreferencesDialog
{
  GtkWindow parent_instance;

  RdContext *context; /* owned */
  gboolean   valid;

  GtkWidget *controls[G_N_ELEMENTS (setting_specs)]; /* borrowed */
  char      *loaded[G_N_ELEMENTS (setting_specs)];   /* owned: values as read from the store */

  GBytes    *logo; /* owned, nullable: the logo as it will be saved */
  gboolean   logo_changed;
  GtkWidget *logo_picture; /* borrowed */
  GtkWidget *logo_none;    /* borrowed: "No logo" */
  GtkWidget *logo_remove;  /* borrowed */
  GtkWidget *logo_message; /* borrowed */

  GtkWidget *holidays_label;   /* borrowed */
  GtkWidget *holidays_message; /* borrowed */

  GtkWidget         *calibration_button;  /* borrowed */
  GtkWidget         *calibration_message; /* borrowed */
  GtkPrintOperation *calibration;         /* owned, nullable: the sheet being printed */

  /* Template children (borrowed) */
  GtkWidget *save_button;
  GtkWidget *content_box;
  GtkWidget *banner;
};

enum
{
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (RdPreferencesDialog, rd_preferences_dialog, GTK_TYPE_WINDOW)

/* Helpers */

static char *
control_value (RdPreferencesDialog *self, guint i)
{
  GtkWidget *control = self->controls[i];

  switch (setting_specs[i].kind)
    {
      case KIND_ADDRESS:
        return rd_form_text_view_get_text (control);
      case KIND_DIVISION:
        return g_strdup (
            rd_division_to_id ((RdDivision) gtk_drop_down_get_selected (GTK_DROP_DOWN (control))));
      case KIND_PREFIX:
        {
          g_autofree char *text = rd_form_entry_get_trimmed (control);

          return g_ascii_strup (text, -1);
        }
      case KIND_TEXT:
      case KIND_REQUIRED_TEXT:
      case KIND_EMAIL:
      case KIND_ACK_DAYS:
      case KIND_RETENTION:
      case KIND_OFFSET:
      default:
        return rd_form_entry_get_trimmed (control);
    }
}

static char *
check_value (SettingKind kind, const char *value)
{
  switch (kind)
    {
      case KIND_REQUIRED_TEXT:
        return rd_validate_required (value, _("Enter the council’s name: it heads every letter."));
      case KIND_EMAIL:
        return rd_validate_email (value, FALSE);
      case KIND_PREFIX:
        return rd_validate_reference_prefix (value);
      case KIND_ACK_DAYS:
        /* The law's outer limit is 30 days (DPA 2018 s.164A); a policy target
       * beyond that would mean nothing. */
        return rd_validate_int_text (value, 1, 30, NULL);
      case KIND_RETENTION:
        return rd_validate_int_text (value, 1, 100, NULL);
      case KIND_OFFSET:
        return rd_validate_double_text (value, -RD_LETTER_MAX_OFFSET_MM, RD_LETTER_MAX_OFFSET_MM,
                                        NULL);
      case KIND_TEXT:
      case KIND_ADDRESS:
      case KIND_DIVISION:
      default:
        return NULL;
    }
}

/* The offsets as typed (saved or not), so that a value can be tried on
 * paper before it is kept. FALSE, with the field's message, if one is not
 * a number in range. */
static gboolean
read_offsets (RdPreferencesDialog *self, double *out_dx_mm, double *out_dy_mm, GError **error)
{
  double values[2] = { 0.0, 0.0 };
  guint  n = 0;

  for (guint i = 0; i < G_N_ELEMENTS (setting_specs) && n < 2; i++)
    {
      g_autofree char *value = NULL;
      g_autofree char *message = NULL;

      if (setting_specs[i].kind != KIND_OFFSET)
        continue;
      if (self->controls[i] == NULL)
        {
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED,
                               _("The envelope offsets are not shown yet."));
          return FALSE;
        }
      value = control_value (self, i);
      message = rd_validate_double_text (value, -RD_LETTER_MAX_OFFSET_MM, RD_LETTER_MAX_OFFSET_MM,
                                         &values[n]);
      if (message != NULL)
        {
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, message);
          return FALSE;
        }
      n++;
    }

  if (out_dx_mm != NULL)
    *out_dx_mm = values[0];
  if (out_dy_mm != NULL)
    *out_dy_mm = values[1];
  return TRUE;
}

static void
revalidate (RdPreferencesDialog *self)
{
  gboolean ok = rd_context_get_store (self->context) != NULL;

  for (guint i = 0; i < G_N_ELEMENTS (setting_specs); i++)
    {
      g_autofree char *value = NULL;
      g_autofree char *message = NULL;

      if (self->controls[i] == NULL)
        continue;
      value = control_value (self, i);
      message = check_value (setting_specs[i].kind, value);
      rd_form_set_error (self->controls[i], NULL, message);
      ok &= message == NULL;
    }

  self->valid = ok;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "dialog.save", ok);
  if (self->calibration_button != NULL)
    gtk_widget_set_sensitive (self->calibration_button, read_offsets (self, NULL, NULL, NULL));
}

static void
show_banner (RdPreferencesDialog *self, const char *message)
{
  gtk_label_set_text (GTK_LABEL (self->banner), message != NULL ? message : "");
  gtk_widget_set_visible (self->banner, message != NULL);
}

static void
show_message (GtkWidget *label, const char *message)
{
  gtk_label_set_text (GTK_LABEL (label), message != NULL ? message : "");
  gtk_widget_set_visible (label, message != NULL);
}

static void
update_logo_preview (RdPreferencesDialog *self)
{
  g_autoptr(GdkTexture) texture = NULL;

  if (self->logo != NULL)
    texture = gdk_texture_new_from_bytes (self->logo, NULL);
  gtk_picture_set_paintable (GTK_PICTURE (self->logo_picture), GDK_PAINTABLE (texture));
  gtk_widget_set_visible (self->logo_picture, texture != NULL);
  gtk_widget_set_visible (self->logo_none, texture == NULL);
  gtk_widget_set_sensitive (self->logo_remove, self->logo != NULL);
}

static RdDivision
selected_division (RdPreferencesDialog *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (setting_specs); i++)
    if (setting_specs[i].kind == KIND_DIVISION && self->controls[i] != NULL)
      return (RdDivision) gtk_drop_down_get_selected (GTK_DROP_DOWN (self->controls[i]));
  return RD_DIVISION_DEFAULT;
}

static void
update_holidays_label (RdPreferencesDialog *self)
{
  RdStore *store = rd_context_get_store (self->context);
  g_autoptr(GBytes) json = NULL;
  g_autoptr(RdHolidays) holidays = NULL;
  g_autofree char *text = NULL;
  RdDivision       division = selected_division (self);
  gboolean         from_store = FALSE;
  guint            first = 0, last = 0;

  if (store != NULL)
    json = rd_store_get_holidays_json (store, &from_store);
  if (json != NULL)
    holidays = rd_holidays_new_from_bytes (json, NULL);

  if (holidays == NULL || !rd_holidays_get_year_range (holidays, division, &first, &last))
    text = g_strdup (_("No bank holiday data is available."));
  else if (from_store)
    /* Translators: "Bank holidays of England and Wales are known for 2018 to 2028 …" */
    text = g_strdup_printf (_("Bank holidays of %s are known for %u to %u, from a file loaded "
                              "into this store."),
                               rd_division_get_label (division), first, last);
  else
    text = g_strdup_printf (_("Bank holidays of %s are known for %u to %u, from the list that "
                              "came with Redress."),
                               rd_division_get_label (division), first, last);

  gtk_label_set_text (GTK_LABEL (self->holidays_label), text);
}

static void
load_from_store (RdPreferencesDialog *self)
{
  RdStore *store = rd_context_get_store (self->context);

  for (guint i = 0; i < G_N_ELEMENTS (setting_specs); i++)
    {
      g_autofree char *value = NULL;
      GtkWidget       *control = self->controls[i];

      if (store != NULL)
        value = rd_store_get_setting (store, setting_specs[i].key);
      if (value == NULL && setting_specs[i].kind == KIND_OFFSET)
        value = g_strdup ("0");
      if (value == NULL)
        value = g_strdup ("");

      switch (setting_specs[i].kind)
        {
          case KIND_ADDRESS:
            rd_form_text_view_set_text (control, value);
            break;
          case KIND_DIVISION:
            {
              RdDivision division = RD_DIVISION_DEFAULT;

              rd_division_from_id (value, &division);
              gtk_drop_down_set_selected (GTK_DROP_DOWN (control), (guint) division);
            }
            break;
          case KIND_TEXT:
          case KIND_REQUIRED_TEXT:
          case KIND_EMAIL:
          case KIND_PREFIX:
          case KIND_ACK_DAYS:
          case KIND_RETENTION:
          case KIND_OFFSET:
          default:
            gtk_editable_set_text (GTK_EDITABLE (control), value);
            break;
        }

      /* Compare with what the control gives back, so that an untouched
       * field is never saved again only because of trimming. */
      g_free (self->loaded[i]);
      self->loaded[i] = control_value (self, i);
    }

  g_clear_pointer (&self->logo, g_bytes_unref);
  if (store != NULL)
    self->logo = rd_store_get_logo (store);
  self->logo_changed = FALSE;
  update_logo_preview (self);
  update_holidays_label (self);
}

static gboolean
looks_like_png_or_jpeg (GBytes *bytes)
{
  gsize         size;
  const guchar *data = g_bytes_get_data (bytes, &size);

  return (size >= 8 && memcmp (data, "\x89PNG\r\n\x1a\n", 8) == 0) ||
         (size >= 3 && data[0] == 0xff && data[1] == 0xd8 && data[2] == 0xff);
}

static GBytes *
load_file (GFile *file, gsize limit, GError **error)
{
  g_autoptr(GFileInfo) info = NULL;
  char *contents = NULL;
  gsize length = 0;

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE, G_FILE_QUERY_INFO_NONE, NULL,
                            error);
  if (info == NULL)
    return NULL;
  if ((guint64) g_file_info_get_size (info) > limit)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("The file is too large (more than %u KiB): choose a smaller one."),
                      (guint) (limit / 1024));
      return NULL;
    }
  if (!g_file_load_contents (file, NULL, &contents, &length, NULL, error))
    return NULL;
  return g_bytes_new_take (contents, length);
}

/* Callbacks */

static void
changed_cb (GtkWidget *control, RdPreferencesDialog *self)
{
  if (rd_context_get_store (self->context) != NULL)
    show_banner (self, NULL);
  revalidate (self);
}

static void
buffer_changed_cb (GtkTextBuffer *buffer, RdPreferencesDialog *self)
{
  changed_cb (NULL, self);
}

static void
division_changed_cb (GObject *drop_down, GParamSpec *pspec, RdPreferencesDialog *self)
{
  revalidate (self);
  update_holidays_label (self);
}

static void
logo_chosen_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(RdPreferencesDialog) self = user_data;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;

  file = rd_file_chooser_open_finish (result, &error);
  if (file == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_message (self->logo_message, error->message);
      return;
    }
  rd_preferences_dialog_choose_logo_file (self, file, NULL);
}

static void
choose_logo_clicked_cb (GtkButton *button, RdPreferencesDialog *self)
{
  g_autoptr(GListModel) filters = rd_file_chooser_filters_new (
      _("PNG and JPEG images"), "*.png", "*.PNG", "*.jpg", "*.jpeg", "*.JPG", "*.JPEG", NULL);

  rd_file_chooser_open_async (GTK_WINDOW (self), _("Choose the Council’s Logo"), filters, NULL,
                                                    logo_chosen_cb, g_object_ref (self));
}

static void
remove_logo_clicked_cb (GtkButton *button, RdPreferencesDialog *self)
{
  rd_preferences_dialog_remove_logo (self);
}

static void
holidays_chosen_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(RdPreferencesDialog) self = user_data;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;

  file = rd_file_chooser_open_finish (result, &error);
  if (file == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_message (self->holidays_message, error->message);
      return;
    }
  rd_preferences_dialog_load_holidays_file (self, file, NULL);
}

static void
load_holidays_clicked_cb (GtkButton *button, RdPreferencesDialog *self)
{
  g_autoptr(GListModel) filters = rd_file_chooser_filters_new (_("GOV.UK bank holidays (JSON)"),
                                                                   "*.json", "*.JSON", NULL);

  rd_file_chooser_open_async (GTK_WINDOW (self), _("Load Bank Holidays"), filters, NULL,
                                                    holidays_chosen_cb, g_object_ref (self));
}

static void
calibration_done_cb (GtkPrintOperation      *operation,
                     GtkPrintOperationResult result,
                     RdPreferencesDialog    *self)
{
  g_autoptr(GError) error = NULL;

  if (result != GTK_PRINT_OPERATION_RESULT_ERROR)
    return;
  gtk_print_operation_get_error (operation, &error);
  show_message (self->calibration_message,
                error != NULL ? error->message
                              : _("The calibration sheet could not be printed. Check the printer "
                                  "and try again."));
}

static void
print_calibration_clicked_cb (GtkButton *button, RdPreferencesDialog *self)
{
  g_autoptr(GError) error = NULL;
  GtkPrintOperationResult result;

  show_message (self->calibration_message, NULL);
  g_clear_object (&self->calibration);
  self->calibration = rd_preferences_dialog_new_calibration_operation (self, &error);
  if (self->calibration == NULL)
    {
      show_message (self->calibration_message, error->message);
      return;
    }

  /* Asynchronous, so that the print dialog does not run a main loop of its
   * own; the operation is kept until the next sheet or the dialog goes. */
  gtk_print_operation_set_allow_async (self->calibration, TRUE);
  g_signal_connect_object (self->calibration, "done", G_CALLBACK (calibration_done_cb), self, 0);
  result = gtk_print_operation_run (self->calibration, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                                    GTK_WINDOW (self), &error);
  if (result == GTK_PRINT_OPERATION_RESULT_ERROR && error != NULL)
    show_message (self->calibration_message, error->message);
}

static void
store_notify_cb (RdContext *context, GParamSpec *pspec, RdPreferencesDialog *self)
{
  load_from_store (self);
  revalidate (self);
  show_banner (self, rd_context_get_store (context) == NULL
               ? _("No case store is open. Create or open a store first.")
               : NULL);
}

/* Building the form */

static void
build_form (RdPreferencesDialog *self)
{
  GtkBox    *content = GTK_BOX (self->content_box);
  GtkWidget *section = NULL;
  GtkWidget *row;
  GtkWidget *button;
  GtkWidget *frame;

  for (guint i = 0; i < G_N_ELEMENTS (setting_specs); i++)
    {
      const SettingSpec *spec = &setting_specs[i];
      GtkWidget         *control;
      GtkWidget         *target = NULL;

      if (spec->section != NULL)
        section = rd_form_section_new (content, _(spec->section));

      switch (spec->kind)
        {
          case KIND_ADDRESS:
            control = rd_form_text_view_new (3);
            target = rd_form_text_view_get_view (control);
            g_signal_connect_object (gtk_text_view_get_buffer (GTK_TEXT_VIEW (target)), "changed",
                                     G_CALLBACK (buffer_changed_cb), self, 0);
            break;
          case KIND_DIVISION:
            {
              const char *labels[RD_DIVISION_N + 1];

              for (guint d = 0; d < RD_DIVISION_N; d++)
                labels[d] = rd_division_get_label ((RdDivision) d);
              labels[RD_DIVISION_N] = NULL;
              control = rd_form_choice_new (labels);
              g_signal_connect (control, "notify::selected", G_CALLBACK (division_changed_cb),
                                self);
            }
            break;
          case KIND_TEXT:
          case KIND_REQUIRED_TEXT:
          case KIND_EMAIL:
          case KIND_PREFIX:
          case KIND_ACK_DAYS:
          case KIND_RETENTION:
          case KIND_OFFSET:
          default:
            control = rd_form_entry_new ();
            if (spec->kind == KIND_EMAIL)
              gtk_entry_set_input_purpose (GTK_ENTRY (control), GTK_INPUT_PURPOSE_EMAIL);
            if (spec->kind == KIND_ACK_DAYS || spec->kind == KIND_RETENTION)
              gtk_entry_set_input_purpose (GTK_ENTRY (control), GTK_INPUT_PURPOSE_DIGITS);
            if (spec->kind == KIND_PREFIX || spec->kind == KIND_ACK_DAYS ||
                spec->kind == KIND_RETENTION || spec->kind == KIND_OFFSET)
              {
                gtk_editable_set_width_chars (GTK_EDITABLE (control), 8);
                gtk_widget_set_hexpand (control, FALSE);
                gtk_widget_set_halign (control, GTK_ALIGN_START);
              }
            g_signal_connect (control, "changed", G_CALLBACK (changed_cb), self);
            break;
        }

      rd_form_add_field (GTK_BOX (section), _(spec->label), control, target);
      rd_form_register (GTK_WIDGET (self), spec->name, control);
      self->controls[i] = control;

      if (spec->kind == KIND_DIVISION)
        {
          self->holidays_label = rd_form_add_hint (GTK_BOX (section), "");
          row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
          button = gtk_button_new_with_mnemonic (_("Load _Bank Holidays…"));
          gtk_widget_set_tooltip_text (button, _("Load a newer bank-holidays.json downloaded from "
                                         "GOV.UK"));
          g_signal_connect (button, "clicked", G_CALLBACK (load_holidays_clicked_cb), self);
          gtk_box_append (GTK_BOX (row), button);
          gtk_box_append (GTK_BOX (section), row);
          self->holidays_message = gtk_label_new (NULL);
          gtk_label_set_wrap (GTK_LABEL (self->holidays_message), TRUE);
          gtk_label_set_xalign (GTK_LABEL (self->holidays_message), 0.0f);
          gtk_widget_set_visible (self->holidays_message, FALSE);
          gtk_box_append (GTK_BOX (section), self->holidays_message);
        }
      if (spec->kind == KIND_PREFIX)
        rd_form_add_hint (GTK_BOX (section), _("New cases are numbered like DPC-2026-0001."));
    }

  /* The letters section: the offsets, then a sheet to check them on paper. */
  rd_form_add_hint (GTK_BOX (section),
                    _("If the address does not sit in the envelope window, print a calibration "
                      "sheet, fold it into an envelope and move the address by the millimetres "
                      "it is out; negative numbers move it left or up."));
  row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  self->calibration_button = gtk_button_new_with_mnemonic (_("Pr_int Calibration Sheet…"));
  gtk_widget_set_tooltip_text (self->calibration_button,
                               _("Print the envelope window and the address box, moved by the "
                                 "millimetres above, to hold against a window envelope"));
  gtk_accessible_update_property (
      GTK_ACCESSIBLE (self->calibration_button), GTK_ACCESSIBLE_PROPERTY_LABEL,
      _("Print Calibration Sheet"), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
         _("Prints the envelope window and the address box, moved by "
                                    "the offsets above"),
            -1);
  g_signal_connect (self->calibration_button, "clicked", G_CALLBACK (print_calibration_clicked_cb),
                    self);
  gtk_box_append (GTK_BOX (row), self->calibration_button);
  gtk_box_append (GTK_BOX (section), row);
  self->calibration_message = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (self->calibration_message), TRUE);
  gtk_label_set_xalign (GTK_LABEL (self->calibration_message), 0.0f);
  gtk_widget_add_css_class (self->calibration_message, "error");
  gtk_widget_add_css_class (self->calibration_message, "rd-form-message");
  gtk_widget_set_visible (self->calibration_message, FALSE);
  gtk_box_append (GTK_BOX (section), self->calibration_message);

  section = rd_form_section_new (content, _("Logo"));
  frame = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_widget_add_css_class (frame, "rd-logo-preview");
  gtk_widget_set_halign (frame, GTK_ALIGN_START);
  self->logo_picture = gtk_picture_new ();
  gtk_picture_set_can_shrink (GTK_PICTURE (self->logo_picture), TRUE);
  gtk_widget_set_size_request (self->logo_picture, 160, 80);
  gtk_picture_set_alternative_text (GTK_PICTURE (self->logo_picture), _("The council’s logo"));
  gtk_box_append (GTK_BOX (frame), self->logo_picture);
  self->logo_none = gtk_label_new (_("No logo"));
  gtk_widget_add_css_class (self->logo_none, "dim-label");
  gtk_widget_set_size_request (self->logo_none, 160, 80);
  gtk_box_append (GTK_BOX (frame), self->logo_none);
  gtk_box_append (GTK_BOX (section), frame);

  row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  button = gtk_button_new_with_mnemonic (_("Choose _Logo…"));
  g_signal_connect (button, "clicked", G_CALLBACK (choose_logo_clicked_cb), self);
  gtk_box_append (GTK_BOX (row), button);
  self->logo_remove = gtk_button_new_with_mnemonic (_("_Remove Logo"));
  g_signal_connect (self->logo_remove, "clicked", G_CALLBACK (remove_logo_clicked_cb), self);
  gtk_box_append (GTK_BOX (row), self->logo_remove);
  gtk_box_append (GTK_BOX (section), row);
  self->logo_message = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (self->logo_message), TRUE);
  gtk_label_set_xalign (GTK_LABEL (self->logo_message), 0.0f);
  gtk_widget_add_css_class (self->logo_message, "error");
  gtk_widget_add_css_class (self->logo_message, "rd-form-message");
  gtk_widget_set_visible (self->logo_message, FALSE);
  gtk_box_append (GTK_BOX (section), self->logo_message);
  rd_form_add_hint (GTK_BOX (section),
                    _("A PNG or JPEG image, printed at the top of every letter. It is kept "
                      "in the store as PNG."));
}

/* Actions */

static void
cancel_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  gtk_window_close (GTK_WINDOW (widget));
}

static void
save_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  RdPreferencesDialog *self = RD_PREFERENCES_DIALOG (widget);
  RdStore             *store = rd_context_get_store (self->context);
  g_autoptr(GError) error = NULL;

  revalidate (self);
  if (!self->valid || store == NULL)
    return;

  /* One transaction per setting, as the store audits each change. A
   * failure stops here and says which setting; those before it are saved,
   * which the clerk sees when the dialog reloads them. */
  for (guint i = 0; i < G_N_ELEMENTS (setting_specs); i++)
    {
      g_autofree char *value = control_value (self, i);

      if (g_strcmp0 (value, self->loaded[i]) == 0)
        continue;
      if (!rd_store_set_setting (store, setting_specs[i].key, value, &error))
        {
          show_banner (self, error->message);
          return;
        }
      g_free (self->loaded[i]);
      self->loaded[i] = g_steal_pointer (&value);
    }

  if (self->logo_changed)
    {
      if (!rd_store_set_logo (store, self->logo, &error))
        {
          show_banner (self, error->message);
          return;
        }
      self->logo_changed = FALSE;
    }

  gtk_window_close (GTK_WINDOW (self));
}

/* GObject overrides */

static void
rd_preferences_dialog_constructed (GObject *object)
{
  RdPreferencesDialog *self = RD_PREFERENCES_DIALOG (object);

  G_OBJECT_CLASS (rd_preferences_dialog_parent_class)->constructed (object);

  g_assert (self->context != NULL);
  build_form (self);
  rd_form_name_mnemonic_buttons (GTK_WIDGET (self));
  g_signal_connect_object (self->context, "notify::store", G_CALLBACK (store_notify_cb), self, 0);
  store_notify_cb (self->context, NULL, self);
  gtk_window_set_default_widget (GTK_WINDOW (self), self->save_button);
}

static void
rd_preferences_dialog_finalize (GObject *object)
{
  RdPreferencesDialog *self = RD_PREFERENCES_DIALOG (object);

  for (guint i = 0; i < G_N_ELEMENTS (setting_specs); i++)
    g_free (self->loaded[i]);
  g_clear_pointer (&self->logo, g_bytes_unref);
  g_clear_object (&self->calibration);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (rd_preferences_dialog_parent_class)->finalize (object);
}

static void
rd_preferences_dialog_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  RdPreferencesDialog *self = RD_PREFERENCES_DIALOG (object);

  switch (prop_id)
    {
      case PROP_CONTEXT:
        self->context = g_value_dup_object (value);
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rd_preferences_dialog_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  RdPreferencesDialog *self = RD_PREFERENCES_DIALOG (object);

  switch (prop_id)
    {
      case PROP_CONTEXT:
        g_value_set_object (value, self->context);
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rd_preferences_dialog_class_init (RdPreferencesDialogClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = rd_preferences_dialog_constructed;
  object_class->finalize = rd_preferences_dialog_finalize;
  object_class->set_property = rd_preferences_dialog_set_property;
  object_class->get_property = rd_preferences_dialog_get_property;

  properties[PROP_CONTEXT] = g_param_spec_object ("context", NULL, NULL, RD_TYPE_CONTEXT,
                                                  G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                                                      G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* A window of its own, but a dialog to assistive technologies. */
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_DIALOG);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/rd-preferences-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, RdPreferencesDialog, save_button);
  gtk_widget_class_bind_template_child (widget_class, RdPreferencesDialog, content_box);
  gtk_widget_class_bind_template_child (widget_class, RdPreferencesDialog, banner);

  gtk_widget_class_install_action (widget_class, "dialog.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "dialog.save", NULL, save_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "dialog.cancel", NULL);
}

static void
rd_preferences_dialog_init (RdPreferencesDialog *self)
{
  rd_form_load_css ();
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "dialog.save", FALSE);
}

/* Public API */

RdPreferencesDialog *
rd_preferences_dialog_new (GtkWindow *parent, RdContext *context)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (RD_IS_CONTEXT (context), NULL);

  return g_object_new (RD_TYPE_PREFERENCES_DIALOG, "context", context, "transient-for", parent,
                       "application", parent != NULL ? gtk_window_get_application (parent) : NULL,
                       NULL);
}

/**
 * rd_preferences_dialog_present:
 * @parent: (nullable): the window the dialog belongs to
 * @context: the window's context
 *
 * Shows the council's settings from the context's store.
 *
 * Returns: (transfer none): the dialog
 */
RdPreferencesDialog *
rd_preferences_dialog_present (GtkWindow *parent, RdContext *context)
{
  RdPreferencesDialog *self = rd_preferences_dialog_new (parent, context);

  g_return_val_if_fail (self != NULL, NULL);

  gtk_window_present (GTK_WINDOW (self));
  return self;
}

/**
 * rd_preferences_dialog_choose_logo_file:
 * @file: a PNG or JPEG image
 * @error: return location for a #GError
 *
 * Reads @file and shows it as the logo to be saved with Save.
 *
 * Returns: %FALSE, with the reason shown under the logo, if it cannot be used
 */
gboolean
rd_preferences_dialog_choose_logo_file (RdPreferencesDialog *self, GFile *file, GError **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (RD_IS_PREFERENCES_DIALOG (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  bytes = load_file (file, MAX_LOGO_BYTES, &local_error);
  if (bytes != NULL && !looks_like_png_or_jpeg (bytes))
    g_set_error (&local_error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                 _("This file is not a PNG or JPEG image. Choose the logo as a PNG or JPEG "
                   "file."));
  if (local_error == NULL && (texture = gdk_texture_new_from_bytes (bytes, NULL)) == NULL)
    g_set_error (&local_error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                 _("This image is damaged and cannot be shown. Choose another file."));

  if (local_error != NULL)
    {
      show_message (self->logo_message, local_error->message);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  /* Letters take a PNG logo (rd_letter_set_logo()): a JPEG is kept as the
   * PNG of the same picture. */
  if (g_bytes_get_size (bytes) >= 3 && ((const guchar *) g_bytes_get_data (bytes, NULL))[0] == 0xff)
    {
      g_bytes_unref (bytes);
      bytes = gdk_texture_save_to_png_bytes (texture);
    }

  g_clear_pointer (&self->logo, g_bytes_unref);
  self->logo = g_steal_pointer (&bytes);
  self->logo_changed = TRUE;
  show_message (self->logo_message, NULL);
  update_logo_preview (self);
  return TRUE;
}

/**
 * rd_preferences_dialog_load_holidays_file:
 * @file: a copy of GOV.UK's bank-holidays.json
 * @error: return location for a #GError
 *
 * Loads @file into the store at once (its own transaction), after the
 * rules' parser accepted it; a refused file changes nothing and the
 * parser's message is shown.
 *
 * Returns: whether the file was loaded
 */
gboolean
rd_preferences_dialog_load_holidays_file (RdPreferencesDialog *self, GFile *file, GError **error)
{
  RdStore *store;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(RdHolidays) holidays = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (RD_IS_PREFERENCES_DIALOG (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  store = rd_context_get_store (self->context);
  if (store == NULL)
    g_set_error (&local_error, RD_STORE_ERROR, RD_STORE_ERROR_NOT_FOUND,
                 _("No case store is open. Create or open a store first."));
  else
    bytes = load_file (file, RD_HOLIDAYS_MAX_SIZE, &local_error);

  if (bytes != NULL)
    holidays = rd_holidays_new_from_bytes (bytes, &local_error);
  if (holidays != NULL)
    rd_store_load_holidays (store, bytes, &local_error);

  if (local_error != NULL)
    {
      g_autofree char *message = g_strdup_printf (_("The file was not loaded: %s"),
                                                     local_error->message);

      gtk_widget_add_css_class (self->holidays_message, "error");
      show_message (self->holidays_message, message);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  gtk_widget_remove_css_class (self->holidays_message, "error");
  show_message (self->holidays_message,
                _("Loaded. Every deadline is worked out again with these bank holidays."));
  update_holidays_label (self);
  return TRUE;
}

/**
 * rd_preferences_dialog_remove_logo:
 *
 * What "Remove Logo" does: no logo is kept once the clerk presses Save.
 *
 * Returns: whether there was a logo to remove
 */
gboolean
rd_preferences_dialog_remove_logo (RdPreferencesDialog *self)
{
  gboolean had_logo;

  g_return_val_if_fail (RD_IS_PREFERENCES_DIALOG (self), FALSE);

  had_logo = self->logo != NULL;
  g_clear_pointer (&self->logo, g_bytes_unref);
  self->logo_changed = TRUE;
  show_message (self->logo_message, NULL);
  update_logo_preview (self);
  return had_logo;
}

gboolean
rd_preferences_dialog_can_save (RdPreferencesDialog *self)
{
  g_return_val_if_fail (RD_IS_PREFERENCES_DIALOG (self), FALSE);

  return self->valid;
}

const char *
rd_preferences_dialog_get_banner (RdPreferencesDialog *self)
{
  g_return_val_if_fail (RD_IS_PREFERENCES_DIALOG (self), NULL);

  return gtk_widget_get_visible (self->banner) ? gtk_label_get_text (GTK_LABEL (self->banner))
                                               : NULL;
}

/* "Bank holidays of England and Wales are known for 2018 to 2028, …" */
const char *
rd_preferences_dialog_get_holidays_text (RdPreferencesDialog *self)
{
  g_return_val_if_fail (RD_IS_PREFERENCES_DIALOG (self), NULL);

  return gtk_label_get_text (GTK_LABEL (self->holidays_label));
}

/* Whether a logo will be saved (or stays) with Save. */
gboolean
rd_preferences_dialog_has_logo (RdPreferencesDialog *self)
{
  g_return_val_if_fail (RD_IS_PREFERENCES_DIALOG (self), FALSE);

  return self->logo != NULL;
}

/**
 * rd_preferences_dialog_new_calibration_operation:
 * @error: return location for a #GError
 *
 * What "Print Calibration Sheet…" prints: a calibration sheet with the
 * offsets as they are in the fields now (saved or not), on A4 at actual
 * size. The button runs it with the print dialog; a test can export it.
 *
 * Returns: (transfer full) (nullable): the operation, or %NULL if an offset
 *   is not a number in range (the field says which)
 */
GtkPrintOperation *
rd_preferences_dialog_new_calibration_operation (RdPreferencesDialog *self, GError **error)
{
  double dx_mm, dy_mm;

  g_return_val_if_fail (RD_IS_PREFERENCES_DIALOG (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!read_offsets (self, &dx_mm, &dy_mm, error))
    return NULL;
  return GTK_PRINT_OPERATION (rd_print_operation_new_calibration (dx_mm, dy_mm));
}

/* The "Print Calibration Sheet…" button, for tests. */
GtkWidget *
rd_preferences_dialog_get_calibration_button (RdPreferencesDialog *self)
{
  g_return_val_if_fail (RD_IS_PREFERENCES_DIALOG (self), NULL);

  return self->calibration_button;
}

/* rd-print-operation.c: printing a letter with the same drawing code as its PDF.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "rd-print-operation.h"

struct _RdPrintOperation
{
  GtkPrintOperation parent_instance;

  RdLetter *letter; /* owned, nullable: NULL for the calibration sheet */
  double    dx_mm;
  double    dy_mm;
};

G_DEFINE_FINAL_TYPE (RdPrintOperation, rd_print_operation, GTK_TYPE_PRINT_OPERATION)

/* GtkPrintOperation overrides */

static void
rd_print_operation_begin_print (GtkPrintOperation *operation, GtkPrintContext *context)
{
  RdPrintOperation *self = RD_PRINT_OPERATION (operation);

  gtk_print_operation_set_n_pages (
      operation, self->letter != NULL ? (int) rd_letter_get_n_pages (self->letter) : 1);
}

static void
rd_print_operation_draw_page (GtkPrintOperation *operation, GtkPrintContext *context, int page_nr)
{
  RdPrintOperation *self = RD_PRINT_OPERATION (operation);
  cairo_t          *cr = gtk_print_context_get_cairo_context (context);

  if (self->letter != NULL)
    rd_letter_draw_page (self->letter, cr, (guint) page_nr);
  else
    rd_letter_draw_calibration_page (cr, self->dx_mm, self->dy_mm);
}

/* GObject overrides */

static void
rd_print_operation_dispose (GObject *object)
{
  RdPrintOperation *self = RD_PRINT_OPERATION (object);

  g_clear_object (&self->letter);

  G_OBJECT_CLASS (rd_print_operation_parent_class)->dispose (object);
}

static void
rd_print_operation_class_init (RdPrintOperationClass *klass)
{
  GObjectClass           *object_class = G_OBJECT_CLASS (klass);
  GtkPrintOperationClass *print_class = GTK_PRINT_OPERATION_CLASS (klass);

  object_class->dispose = rd_print_operation_dispose;
  print_class->begin_print = rd_print_operation_begin_print;
  print_class->draw_page = rd_print_operation_draw_page;
}

static void
rd_print_operation_init (RdPrintOperation *self)
{
  GtkPrintOperation *operation = GTK_PRINT_OPERATION (self);
  g_autoptr(GtkPageSetup) setup = gtk_page_setup_new ();
  g_autoptr(GtkPaperSize) a4 = gtk_paper_size_new (GTK_PAPER_NAME_A4);

  gtk_page_setup_set_paper_size (setup, a4);
  gtk_page_setup_set_orientation (setup, GTK_PAGE_ORIENTATION_PORTRAIT);
  gtk_print_operation_set_default_page_setup (operation, setup);
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_use_full_page (operation, TRUE);
  gtk_print_operation_set_embed_page_setup (operation, FALSE);
}

/* Public API */

RdPrintOperation *
rd_print_operation_new (RdLetter *letter)
{
  RdPrintOperation *self;

  g_return_val_if_fail (RD_IS_LETTER (letter), NULL);

  self = g_object_new (RD_TYPE_PRINT_OPERATION, NULL);
  self->letter = g_object_ref (letter);
  gtk_print_operation_set_job_name (GTK_PRINT_OPERATION (self), _("Letter"));
  return self;
}

RdPrintOperation *
rd_print_operation_new_calibration (double dx_mm, double dy_mm)
{
  RdPrintOperation *self = g_object_new (RD_TYPE_PRINT_OPERATION, NULL);

  self->dx_mm = dx_mm;
  self->dy_mm = dy_mm;
  gtk_print_operation_set_job_name (GTK_PRINT_OPERATION (self), _("Calibration sheet"));
  return self;
}

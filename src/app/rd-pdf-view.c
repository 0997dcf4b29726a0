/* rd-pdf-view.c: a PDF shown page by page, rendered with Poppler, zoomable.
 *
 * Letters are a few pages: each page is rendered into the snapshot with
 * poppler_page_render() on a white sheet with a shadow, so the preview is the
 * PDF itself, not a second drawing of it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "rd-pdf-view.h"

#define PAGE_GAP      16.0 /* pixels between pages and around them */
#define PIXELS_PER_PT (96.0 / 72.0)
#define ZOOM_STEP     1.2

struct _RdPdfView
{
  GtkWidget parent_instance;

  PopplerDocument *document; /* owned, nullable */
  GBytes          *bytes;    /* owned, nullable: what document reads from */
  double           zoom;
};

enum
{
  PROP_0,
  PROP_DOCUMENT,
  PROP_ZOOM,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (RdPdfView, rd_pdf_view, GTK_TYPE_WIDGET)

/* Helpers */

static double
scale (RdPdfView *self)
{
  return self->zoom * PIXELS_PER_PT;
}

static void
page_size (RdPdfView *self, int index, double *width, double *height)
{
  PopplerPage *page = poppler_document_get_page (self->document, index);

  poppler_page_get_size (page, width, height);
  g_object_unref (page);
  *width *= scale (self);
  *height *= scale (self);
}

/* Callbacks */

static gboolean
scroll_cb (GtkEventControllerScroll *controller, double dx, double dy, RdPdfView *self)
{
  GdkModifierType state = gtk_event_controller_get_current_event_state (
      GTK_EVENT_CONTROLLER (controller));

  if ((state & GDK_CONTROL_MASK) == 0 || dy == 0)
    return FALSE;
  if (dy < 0)
    rd_pdf_view_zoom_in (self);
  else
    rd_pdf_view_zoom_out (self);
  return TRUE;
}

/* GtkWidget overrides */

static void
rd_pdf_view_measure (GtkWidget     *widget,
                     GtkOrientation orientation,
                     int            for_size,
                     int           *minimum,
                     int           *natural,
                     int           *minimum_baseline,
                     int           *natural_baseline)
{
  RdPdfView *self = RD_PDF_VIEW (widget);
  double     size = 0;

  if (self->document != NULL)
    {
      int n_pages = poppler_document_get_n_pages (self->document);

      for (int i = 0; i < n_pages; i++)
        {
          double width, height;

          page_size (self, i, &width, &height);
          if (orientation == GTK_ORIENTATION_HORIZONTAL)
            size = MAX (size, width);
          else
            size += height + PAGE_GAP;
        }
    }
  size += PAGE_GAP * (orientation == GTK_ORIENTATION_HORIZONTAL ? 2 : 1);
  *minimum = *natural = (int) ceil (size);
}

static void
rd_pdf_view_snapshot (GtkWidget *widget, GtkSnapshot *snapshot)
{
  RdPdfView *self = RD_PDF_VIEW (widget);
  double     y = PAGE_GAP;
  int        widget_width = gtk_widget_get_width (widget);
  int        n_pages;

  if (self->document == NULL)
    return;

  n_pages = poppler_document_get_n_pages (self->document);
  for (int i = 0; i < n_pages; i++)
    {
      g_autoptr(GObject) page = G_OBJECT (poppler_document_get_page (self->document, i));
      double          width, height, x;
      graphene_rect_t bounds;
      GskRoundedRect  outline;
      cairo_t        *cr;

      page_size (self, i, &width, &height);
      x = MAX (PAGE_GAP, (widget_width - width) / 2.0);
      graphene_rect_init (&bounds, (float) x, (float) y, (float) width, (float) height);

      gsk_rounded_rect_init_from_rect (&outline, &bounds, 0);
      gtk_snapshot_append_outset_shadow (snapshot, &outline, &(GdkRGBA){ 0, 0, 0, 0.3 }, 0, 1, 0,
                                         3);

      cr = gtk_snapshot_append_cairo (snapshot, &bounds);
      cairo_translate (cr, x, y);
      cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_rectangle (cr, 0, 0, width, height);
      cairo_fill (cr);
      cairo_scale (cr, scale (self), scale (self));
      poppler_page_render (POPPLER_PAGE (page), cr);
      cairo_destroy (cr);

      y += height + PAGE_GAP;
    }
}

/* GObject overrides */

static void
rd_pdf_view_dispose (GObject *object)
{
  RdPdfView *self = RD_PDF_VIEW (object);

  g_clear_object (&self->document);
  g_clear_pointer (&self->bytes, g_bytes_unref);

  G_OBJECT_CLASS (rd_pdf_view_parent_class)->dispose (object);
}

static void
rd_pdf_view_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  RdPdfView *self = RD_PDF_VIEW (object);

  switch (prop_id)
    {
      case PROP_DOCUMENT:
        g_value_set_object (value, self->document);
        break;
      case PROP_ZOOM:
        g_value_set_double (value, self->zoom);
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rd_pdf_view_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  RdPdfView *self = RD_PDF_VIEW (object);

  switch (prop_id)
    {
      case PROP_DOCUMENT:
        rd_pdf_view_set_document (self, g_value_get_object (value));
        break;
      case PROP_ZOOM:
        rd_pdf_view_set_zoom (self, g_value_get_double (value));
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rd_pdf_view_class_init (RdPdfViewClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rd_pdf_view_dispose;
  object_class->get_property = rd_pdf_view_get_property;
  object_class->set_property = rd_pdf_view_set_property;
  widget_class->measure = rd_pdf_view_measure;
  widget_class->snapshot = rd_pdf_view_snapshot;

  properties[PROP_DOCUMENT] = g_param_spec_object ("document", NULL, NULL, POPPLER_TYPE_DOCUMENT,
                                                   G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS |
                                                       G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_ZOOM] = g_param_spec_double (
      "zoom", NULL, NULL, RD_PDF_VIEW_MIN_ZOOM, RD_PDF_VIEW_MAX_ZOOM, 1.0,
      G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "pdfview");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
rd_pdf_view_init (RdPdfView *self)
{
  GtkEventController *scroll = gtk_event_controller_scroll_new (
      GTK_EVENT_CONTROLLER_SCROLL_VERTICAL);

  self->zoom = 1.0;
  g_signal_connect (scroll, "scroll", G_CALLBACK (scroll_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), scroll);
}

/* Public API */

GtkWidget *
rd_pdf_view_new (void)
{
  return g_object_new (RD_TYPE_PDF_VIEW, NULL);
}

void
rd_pdf_view_set_document (RdPdfView *self, PopplerDocument *document)
{
  g_return_if_fail (RD_IS_PDF_VIEW (self));
  g_return_if_fail (document == NULL || POPPLER_IS_DOCUMENT (document));

  if (!g_set_object (&self->document, document))
    return;
  g_clear_pointer (&self->bytes, g_bytes_unref);
  gtk_widget_queue_resize (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DOCUMENT]);
}

PopplerDocument *
rd_pdf_view_get_document (RdPdfView *self)
{
  g_return_val_if_fail (RD_IS_PDF_VIEW (self), NULL);

  return self->document;
}

gboolean
rd_pdf_view_load_bytes (RdPdfView *self, GBytes *pdf, GError **error)
{
  g_autoptr(GObject) document = NULL;

  g_return_val_if_fail (RD_IS_PDF_VIEW (self), FALSE);
  g_return_val_if_fail (pdf != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  document = G_OBJECT (poppler_document_new_from_bytes (pdf, NULL, error));
  if (document == NULL)
    return FALSE;
  rd_pdf_view_set_document (self, POPPLER_DOCUMENT (document));
  self->bytes = g_bytes_ref (pdf);
  return TRUE;
}

int
rd_pdf_view_get_n_pages (RdPdfView *self)
{
  g_return_val_if_fail (RD_IS_PDF_VIEW (self), 0);

  return self->document != NULL ? poppler_document_get_n_pages (self->document) : 0;
}

void
rd_pdf_view_set_zoom (RdPdfView *self, double zoom)
{
  g_return_if_fail (RD_IS_PDF_VIEW (self));

  zoom = CLAMP (zoom, RD_PDF_VIEW_MIN_ZOOM, RD_PDF_VIEW_MAX_ZOOM);
  if (G_APPROX_VALUE (zoom, self->zoom, 1e-6))
    return;
  self->zoom = zoom;
  gtk_widget_queue_resize (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM]);
}

double
rd_pdf_view_get_zoom (RdPdfView *self)
{
  g_return_val_if_fail (RD_IS_PDF_VIEW (self), 1.0);

  return self->zoom;
}

void
rd_pdf_view_zoom_in (RdPdfView *self)
{
  g_return_if_fail (RD_IS_PDF_VIEW (self));

  rd_pdf_view_set_zoom (self, self->zoom * ZOOM_STEP);
}

void
rd_pdf_view_zoom_out (RdPdfView *self)
{
  g_return_if_fail (RD_IS_PDF_VIEW (self));

  rd_pdf_view_set_zoom (self, self->zoom / ZOOM_STEP);
}

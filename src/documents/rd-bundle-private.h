/* rd-bundle-private.h: what the files of the bundle engine share.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>
#include <pango/pango.h>

#include "rd-bundle.h"
#include "rd-pdf-copy.h"

G_BEGIN_DECLS

typedef struct
{
  RdBundleSection  section;
  char            *title;        /* owned */
  char            *file_name;    /* owned, nullable */
  char            *media_type;   /* owned, nullable */
  char            *withheld;     /* owned, nullable: the reason it is left out */
  GFile           *file;         /* owned, nullable */
  RdBundleOpenFunc open_func;    /* nullable */
  gpointer         open_data;    /* owned through open_destroy */
  GDestroyNotify   open_destroy; /* nullable */
  gint64           tag;
} RdBundleDocument;

typedef struct
{
  GDate date;
  char *what;           /* owned */
  char *who;            /* owned, nullable */
  int   document;       /* index into the documents, or -1 */
  char *document_title; /* owned, nullable */
} RdBundleChronologyRow;

typedef struct
{
  char                 *name; /* owned */
  GDate                 due;
  RdBundleDeadlineState state;
  GDate                 done; /* cleared when not given */
  guint                 days_late;
} RdBundleDeadlineRow;

struct _RdBundleSpec
{
  gatomicrefcount ref_count;
  char           *council;        /* owned, nullable */
  char           *case_reference; /* owned, nullable */
  char           *ico_reference;  /* owned, nullable */
  char           *prepared_by;    /* owned, nullable */
  GDate           date;
  GPtrArray      *documents;  /* owned, of owned RdBundleDocument */
  GPtrArray      *chronology; /* owned, of owned RdBundleChronologyRow */
  GPtrArray      *deadlines;  /* owned, of owned RdBundleDeadlineRow */
};

/* The builder: see rd-bundle.c. */

typedef enum
{
  RD_BUNDLE_KIND_PDF,
  RD_BUNDLE_KIND_PNG,
  RD_BUNDLE_KIND_JPEG,
  RD_BUNDLE_KIND_TEXT,
  RD_BUNDLE_KIND_EMAIL,
  RD_BUNDLE_KIND_PLACEHOLDER,
} RdBundleKind;

typedef struct
{
  RdBundleDocument *document; /* borrowed from the spec */
  guint             index;    /* in the spec */
  guint             number;   /* "D3" in the bundle */
  RdBundleKind      kind;
  char             *problem; /* owned: why a placeholder stands in, a sentence */
  gboolean          empty;   /* the placeholder stands in for a zero-byte file */
  guint             first_page;
  guint             n_pages;
  gboolean          copy;       /* a PDF whose pages are copied, not rendered */
  guint             copy_first; /* its first entry in the builder's copied pages */
} RdBundlePart;

/* A page of an attached PDF that is copied into the bundle: its size,
 * counted in the first pass; where it goes, drawn in the second. */
typedef struct
{
  double width, height; /* as shown, in points */
  guint  target_page;   /* from 1 */
  double x, y, scale;   /* where the page goes on the target page */
} RdBundleCopiedPage;

/* The copier's functions (rd-pdf-copy.h); tests can stand in for them. */
typedef struct
{
  RdPdfSource *(*source_new) (GBytes *bytes, GError **error);
  void (*source_free) (RdPdfSource *source);
  guint (*source_get_n_pages) (RdPdfSource *source);
  void (*source_get_page_size) (RdPdfSource *source, guint page, double *width, double *height);
  RdPdfMerge *(*merge_new) (GFile *skeleton, GOutputStream *output, GError **error);
  gboolean (*merge_place) (RdPdfMerge   *merge,
                           guint         target_page,
                           RdPdfSource  *source,
                           guint         source_page,
                           double        x,
                           double        y,
                           double        width,
                           double        height,
                           GCancellable *cancellable,
                           GError      **error);
  gboolean (*merge_finish) (RdPdfMerge *merge, GCancellable *cancellable, GError **error);
  void (*merge_free) (RdPdfMerge *merge);
} RdBundleCopier;

typedef struct
{
  RdBundleSpec        *spec;
  GPtrArray           *parts; /* owned, of owned RdBundlePart: every document, in bundle order */
  PangoContext        *pango; /* owned */
  GCancellable        *cancellable;
  RdBundleProgressFunc progress;
  gpointer             progress_data;

  /* Page plan. */
  guint index_first, index_pages;
  guint chronology_first, chronology_pages;
  guint deadlines_first, deadlines_pages;
  guint section_first[RD_BUNDLE_N_SECTIONS]; /* 0 when a section has no pages */
  guint n_pages;

  /* Counting: cr is NULL and pages are only counted. Drawing: cr draws. */
  cairo_surface_t *surface; /* owned */
  cairo_t         *cr;      /* owned */
  guint            page;    /* pages started so far */
  double           page_width, page_height;
  const char      *running_header; /* borrowed: the header of the document being drawn */
  GHashTable      *targets;        /* owned: the pages links go to */
  gboolean         no_paint;       /* the page is not painted white: a copied page goes under it */
  double           draw_span;      /* the share of the progress bar drawing takes */

  /* Copying: pages of attached PDFs placed under a skeleton Cairo draws. */
  gboolean              render_all;   /* the fallback: every PDF through Poppler */
  const RdBundleCopier *copier;       /* borrowed */
  GArray               *copied;       /* owned, of RdBundleCopiedPage, every copied page in order */
  GFile                *skeleton;     /* owned, nullable: the temporary file, deleted at the end */
  GOutputStream        *drawn;        /* owned: where Cairo writes: the output or the skeleton */
  gboolean              merge_failed; /* the copier failed: build again, rendering */

  /* Output. */
  GOutputStream *output; /* owned: hashes what goes through it into checksum */
  GChecksum     *checksum;
  GError        *write_error; /* owned */
} RdBundleBuilder;

/* rd-bundle.c: the builder's core, shared by the files of the engine. */
void         _rd_bundle_report (RdBundleBuilder *b, double fraction, const char *message);
PangoLayout *_rd_bundle_new_layout (RdBundleBuilder *b,
                                    const char      *font,
                                    double           width,
                                    const char      *text);
double       _rd_bundle_layout_height (PangoLayout *layout);
void         _rd_bundle_show_layout (RdBundleBuilder *b, PangoLayout *layout, double x, double y);
void         _rd_bundle_start_page (RdBundleBuilder *b, gboolean landscape);
gboolean     _rd_bundle_finish_page (RdBundleBuilder *b, GError **error);
void         _rd_bundle_content_area (RdBundleBuilder *b,
                                      double          *x,
                                      double          *y,
                                      double          *width,
                                      double          *height);
/* Tests: stand in for the copier (NULL: the real one again). */
void _rd_bundle_set_copier_for_testing (const RdBundleCopier *copier);
void _rd_bundle_fit (double  area_x,
                     double  area_y,
                     double  area_width,
                     double  area_height,
                     double  width,
                     double  height,
                     double  max_scale,
                     double *x,
                     double *y,
                     double *scale);

/* rd-bundle-front.c: cover, index, chronology, deadlines, page plan, outline. */
char    *_rd_bundle_format_date (const GDate *date);
gboolean _rd_bundle_typeset_front_matter (RdBundleBuilder *b, GError **error);
void     _rd_bundle_plan_pages (RdBundleBuilder *b);
void     _rd_bundle_add_outline (RdBundleBuilder *b);

/* rd-bundle-parts.c: the documents. */
gboolean _rd_bundle_classify (RdBundleBuilder *b, RdBundlePart *part, GError **error);
gboolean _rd_bundle_render_part (RdBundleBuilder *b, RdBundlePart *part, GError **error);
GBytes  *_rd_bundle_load_pdf (RdBundleBuilder *b, RdBundlePart *part, GError **error);

GInputStream *_rd_bundle_document_open (RdBundleDocument *document,
                                        GCancellable     *cancellable,
                                        GError          **error);

/* rd-bundle-content.c: reading the kinds of content a bundle takes. */
gboolean _rd_bundle_jpeg_read_size (GInputStream *stream,
                                    int          *width,
                                    int          *height,
                                    int          *components,
                                    GCancellable *cancellable,
                                    GError      **error);
gboolean _rd_bundle_png_read_size (const guint8 *head,
                                   gsize         length,
                                   guint32      *width,
                                   guint32      *height);
char    *_rd_bundle_text_to_utf8 (const char *data, gsize length, const char *charset);
char    *_rd_bundle_text_from_plain (GBytes *bytes);
char    *_rd_bundle_text_from_email (GBytes *bytes);

G_END_DECLS

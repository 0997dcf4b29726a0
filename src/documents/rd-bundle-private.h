/* rd-bundle-private.h: what the files of the bundle engine share.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "rd-bundle.h"

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

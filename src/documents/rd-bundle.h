/* rd-bundle.h: the ICO evidence bundle, one paginated, indexed and
 * bookmarked PDF of a whole case.
 *
 * The bundle is built from an RdBundleSpec, a plain description that knows
 * nothing of the store: the cover, the chronology rows, the deadline rows
 * and the documents in order, each with a way to read its content as a
 * stream. rd-bundle-case.h fills a spec from a case in the store.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define RD_BUNDLE_ERROR (rd_bundle_error_quark ())

/**
 * RdBundleError:
 * @RD_BUNDLE_ERROR_INVALID: the description of the bundle is incomplete
 * @RD_BUNDLE_ERROR_WRITE: the bundle could not be written
 * @RD_BUNDLE_ERROR_INTERNAL: the bundle came out inconsistent (a bug)
 */
typedef enum
{
  RD_BUNDLE_ERROR_INVALID,
  RD_BUNDLE_ERROR_WRITE,
  RD_BUNDLE_ERROR_INTERNAL,
} RdBundleError;

GQuark rd_bundle_error_quark (void);

/**
 * RdBundleSection:
 * The sections documents are grouped in, in the order they appear.
 */
typedef enum
{
  RD_BUNDLE_SECTION_LETTERS,        /* the letters as sent by the council */
  RD_BUNDLE_SECTION_CORRESPONDENCE, /* the complainant's correspondence */
  RD_BUNDLE_SECTION_EVIDENCE,       /* every other piece of evidence */
  RD_BUNDLE_N_SECTIONS,
} RdBundleSection;

/**
 * RdBundleDeadlineState:
 * How a deadline stands. Days are worked out by the rules, not here.
 */
typedef enum
{
  RD_BUNDLE_DEADLINE_OPEN,    /* not yet due, not yet met */
  RD_BUNDLE_DEADLINE_MET,     /* met on time, on @done */
  RD_BUNDLE_DEADLINE_LATE,    /* met on @done, @days_late days after the due date */
  RD_BUNDLE_DEADLINE_OVERDUE, /* not met, @days_late days past the due date */
  RD_BUNDLE_DEADLINE_LAPSED,  /* no longer needed: the case ended before it fell due */
  RD_BUNDLE_DEADLINE_WAITING, /* not started: identity or a representative's consent is awaited */
  RD_BUNDLE_DEADLINE_PAUSED,  /* the clock is stopped for clarification; @due is provisional */
  /* The complainant's window to ask for a review (@due is its last day):
   * not the council's deadline, and worded so. */
  RD_BUNDLE_DEADLINE_REVIEW_OPEN,       /* the complainant may still ask */
  RD_BUNDLE_DEADLINE_REVIEW_ASKED,      /* asked for on @done, within the window */
  RD_BUNDLE_DEADLINE_REVIEW_ASKED_LATE, /* asked for on @done, @days_late days after it closed,
                                         * and taken on by the council */
  RD_BUNDLE_DEADLINE_REVIEW_CLOSED,     /* the window closed with no request */
} RdBundleDeadlineState;

/*
 * Opens the content of a document for reading. Called on the thread that
 * builds the bundle, possibly twice (once to count pages, once to draw):
 * it must return a new stream each time. A seekable stream lets a PDF be
 * read without loading it into memory.
 */
typedef GInputStream *(*RdBundleOpenFunc) (gpointer      user_data,
                                           GCancellable *cancellable,
                                           GError      **error);

/* Called with the fraction done (0 to 1) and a sentence saying what is being done. */
typedef void (*RdBundleProgressFunc) (double fraction, const char *message, gpointer user_data);

typedef struct _RdBundleSpec RdBundleSpec;

GType         rd_bundle_spec_get_type (void) G_GNUC_CONST;
RdBundleSpec *rd_bundle_spec_new (void);
RdBundleSpec *rd_bundle_spec_ref (RdBundleSpec *spec);
void          rd_bundle_spec_unref (RdBundleSpec *spec);

void rd_bundle_spec_set_cover (RdBundleSpec *spec,
                               const char   *council,
                               const char   *case_reference,
                               const char   *ico_reference,
                               const GDate  *date,
                               const char   *prepared_by);

/* @document: the index returned by rd_bundle_spec_add_document(), or -1 with a
 * @document_title (may be NULL) for proof that is not in the bundle. */
void rd_bundle_spec_add_chronology (RdBundleSpec *spec,
                                    const GDate  *date,
                                    const char   *what,
                                    const char   *who,
                                    int           document,
                                    const char   *document_title);

/* @done may be NULL for an open or overdue deadline. */
void rd_bundle_spec_add_deadline (RdBundleSpec         *spec,
                                  const char           *name,
                                  const GDate          *due,
                                  RdBundleDeadlineState state,
                                  const GDate          *done,
                                  guint                 days_late);

/*
 * Adds a document and returns its index (0, 1, …). Documents appear in the
 * bundle grouped by section, in the order they were added within each
 * section. @media_type may be NULL: the file name's extension then decides.
 * Give the content with one of the two setters below.
 */
guint rd_bundle_spec_add_document (RdBundleSpec   *spec,
                                   RdBundleSection section,
                                   const char     *title,
                                   const char     *file_name,
                                   const char     *media_type);
void  rd_bundle_spec_set_document_file (RdBundleSpec *spec, guint document, GFile *file);
void  rd_bundle_spec_set_document_opener (RdBundleSpec    *spec,
                                          guint            document,
                                          RdBundleOpenFunc open_func,
                                          gpointer         user_data,
                                          GDestroyNotify   destroy);
/* Leaves the document out; the index says "withheld: @reason". NULL puts it back. */
void rd_bundle_spec_set_document_withheld (RdBundleSpec *spec, guint document, const char *reason);

/* A number of the caller's own kept with the document (the store's document id). */
void   rd_bundle_spec_set_document_tag (RdBundleSpec *spec, guint document, gint64 tag);
gint64 rd_bundle_spec_get_document_tag (RdBundleSpec *spec, guint document);

guint           rd_bundle_spec_get_n_documents (RdBundleSpec *spec);
const char     *rd_bundle_spec_get_document_title (RdBundleSpec *spec, guint document);
const char     *rd_bundle_spec_get_document_withheld (RdBundleSpec *spec, guint document);
RdBundleSection rd_bundle_spec_get_document_section (RdBundleSpec *spec, guint document);
const char     *rd_bundle_spec_get_case_reference (RdBundleSpec *spec);

/*
 * Writes the bundle to @output, atomically: into a hidden temporary file
 * beside it, renamed over @output only when complete. A cancelled or
 * failed build leaves nothing behind. On success, @out_n_pages and
 * @out_sha256 (lower-case hex of the file written) are set if not NULL.
 * Runs on the calling thread; @progress is called on it too.
 */
gboolean rd_bundle_write (RdBundleSpec        *spec,
                          GFile               *output,
                          RdBundleProgressFunc progress,
                          gpointer             progress_data,
                          guint               *out_n_pages,
                          char               **out_sha256,
                          GCancellable        *cancellable,
                          GError             **error);

/*
 * The same in a worker thread. @progress is called in the thread-default
 * main context of the caller (the main loop, in the app), never in the
 * worker; @progress_data must live until @callback has run.
 */
void     rd_bundle_write_async (RdBundleSpec        *spec,
                                GFile               *output,
                                RdBundleProgressFunc progress,
                                gpointer             progress_data,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data);
gboolean rd_bundle_write_finish (GAsyncResult *result,
                                 guint        *out_n_pages,
                                 char        **out_sha256,
                                 GError      **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RdBundleSpec, rd_bundle_spec_unref)

G_END_DECLS

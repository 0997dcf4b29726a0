/* rd-bundle-spec.c: the plain description of an ICO bundle.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "redress-documents"

#include "config.h"

#include <glib/gi18n.h>

#include "rd-bundle-private.h"

G_DEFINE_BOXED_TYPE (RdBundleSpec, rd_bundle_spec, rd_bundle_spec_ref, rd_bundle_spec_unref)

/* Helpers */

static void
document_free (gpointer data)
{
  RdBundleDocument *document = data;

  g_free (document->title);
  g_free (document->file_name);
  g_free (document->media_type);
  g_free (document->withheld);
  g_clear_object (&document->file);
  if (document->open_destroy != NULL)
    document->open_destroy (document->open_data);
  g_free (document);
}

static void
chronology_row_free (gpointer data)
{
  RdBundleChronologyRow *row = data;

  g_free (row->what);
  g_free (row->who);
  g_free (row->document_title);
  g_free (row);
}

static void
deadline_row_free (gpointer data)
{
  RdBundleDeadlineRow *row = data;

  g_free (row->name);
  g_free (row);
}

static RdBundleDocument *
get_document (RdBundleSpec *spec, guint document)
{
  g_assert (document < spec->documents->len);
  return g_ptr_array_index (spec->documents, document);
}

static void
copy_date (GDate *to, const GDate *from)
{
  g_date_clear (to, 1);
  if (from != NULL && g_date_valid (from))
    *to = *from;
}

static void
clear_opener (RdBundleDocument *document)
{
  g_clear_object (&document->file);
  if (document->open_destroy != NULL)
    document->open_destroy (document->open_data);
  document->open_func = NULL;
  document->open_data = NULL;
  document->open_destroy = NULL;
}

GInputStream *
_rd_bundle_document_open (RdBundleDocument *document, GCancellable *cancellable, GError **error)
{
  if (document->file != NULL)
    return G_INPUT_STREAM (g_file_read (document->file, cancellable, error));
  if (document->open_func != NULL)
    {
      GInputStream *stream = document->open_func (document->open_data, cancellable, error);

      g_assert (stream != NULL || error == NULL || *error != NULL);
      return stream;
    }

  g_set_error_literal (error, RD_BUNDLE_ERROR, RD_BUNDLE_ERROR_INVALID,
                       _("Redress has no content for this document."));
  return NULL;
}

/* Public API */

G_DEFINE_QUARK (rd - bundle - error - quark, rd_bundle_error)

RdBundleSpec *
rd_bundle_spec_new (void)
{
  RdBundleSpec *spec = g_new0 (RdBundleSpec, 1);

  g_atomic_ref_count_init (&spec->ref_count);
  g_date_clear (&spec->date, 1);
  spec->documents = g_ptr_array_new_with_free_func (document_free);
  spec->chronology = g_ptr_array_new_with_free_func (chronology_row_free);
  spec->deadlines = g_ptr_array_new_with_free_func (deadline_row_free);
  return spec;
}

RdBundleSpec *
rd_bundle_spec_ref (RdBundleSpec *spec)
{
  g_return_val_if_fail (spec != NULL, NULL);

  g_atomic_ref_count_inc (&spec->ref_count);
  return spec;
}

void
rd_bundle_spec_unref (RdBundleSpec *spec)
{
  g_return_if_fail (spec != NULL);

  if (!g_atomic_ref_count_dec (&spec->ref_count))
    return;

  g_free (spec->council);
  g_free (spec->case_reference);
  g_free (spec->ico_reference);
  g_free (spec->prepared_by);
  g_ptr_array_unref (spec->documents);
  g_ptr_array_unref (spec->chronology);
  g_ptr_array_unref (spec->deadlines);
  g_free (spec);
}

void
rd_bundle_spec_set_cover (RdBundleSpec *spec,
                          const char   *council,
                          const char   *case_reference,
                          const char   *ico_reference,
                          const GDate  *date,
                          const char   *prepared_by)
{
  g_return_if_fail (spec != NULL);

  g_free (spec->council);
  spec->council = g_strdup (council);
  g_free (spec->case_reference);
  spec->case_reference = g_strdup (case_reference);
  g_free (spec->ico_reference);
  spec->ico_reference = g_strdup (ico_reference);
  g_free (spec->prepared_by);
  spec->prepared_by = g_strdup (prepared_by);
  copy_date (&spec->date, date);
}

void
rd_bundle_spec_add_chronology (RdBundleSpec *spec,
                               const GDate  *date,
                               const char   *what,
                               const char   *who,
                               int           document,
                               const char   *document_title)
{
  RdBundleChronologyRow *row;

  g_return_if_fail (spec != NULL);
  g_return_if_fail (what != NULL);
  g_return_if_fail (document < (int) spec->documents->len);

  row = g_new0 (RdBundleChronologyRow, 1);
  copy_date (&row->date, date);
  row->what = g_strdup (what);
  row->who = g_strdup (who);
  row->document = document < 0 ? -1 : document;
  row->document_title = g_strdup (document_title);
  g_ptr_array_add (spec->chronology, row);
}

void
rd_bundle_spec_add_deadline (RdBundleSpec         *spec,
                             const char           *name,
                             const GDate          *due,
                             RdBundleDeadlineState state,
                             const GDate          *done,
                             guint                 days_late)
{
  RdBundleDeadlineRow *row;

  g_return_if_fail (spec != NULL);
  g_return_if_fail (name != NULL);
  g_return_if_fail (state <= RD_BUNDLE_DEADLINE_REVIEW_CLOSED);

  row = g_new0 (RdBundleDeadlineRow, 1);
  row->name = g_strdup (name);
  copy_date (&row->due, due);
  row->state = state;
  copy_date (&row->done, done);
  row->days_late = days_late;
  g_ptr_array_add (spec->deadlines, row);
}

guint
rd_bundle_spec_add_document (RdBundleSpec   *spec,
                             RdBundleSection section,
                             const char     *title,
                             const char     *file_name,
                             const char     *media_type)
{
  RdBundleDocument *document;

  g_return_val_if_fail (spec != NULL, 0);
  g_return_val_if_fail (section < RD_BUNDLE_N_SECTIONS, 0);
  g_return_val_if_fail (title != NULL, 0);

  document = g_new0 (RdBundleDocument, 1);
  document->section = section;
  document->title = g_strdup (title);
  document->file_name = g_strdup (file_name);
  document->media_type = g_strdup (media_type);
  g_ptr_array_add (spec->documents, document);
  return spec->documents->len - 1;
}

void
rd_bundle_spec_set_document_file (RdBundleSpec *spec, guint document, GFile *file)
{
  RdBundleDocument *doc;

  g_return_if_fail (spec != NULL);
  g_return_if_fail (document < spec->documents->len);
  g_return_if_fail (file == NULL || G_IS_FILE (file));

  doc = get_document (spec, document);
  clear_opener (doc);
  if (file != NULL)
    doc->file = g_object_ref (file);
}

void
rd_bundle_spec_set_document_opener (RdBundleSpec    *spec,
                                    guint            document,
                                    RdBundleOpenFunc open_func,
                                    gpointer         user_data,
                                    GDestroyNotify   destroy)
{
  RdBundleDocument *doc;

  g_return_if_fail (spec != NULL);
  g_return_if_fail (document < spec->documents->len);

  doc = get_document (spec, document);
  clear_opener (doc);
  doc->open_func = open_func;
  doc->open_data = user_data;
  doc->open_destroy = destroy;
}

void
rd_bundle_spec_set_document_withheld (RdBundleSpec *spec, guint document, const char *reason)
{
  RdBundleDocument *doc;

  g_return_if_fail (spec != NULL);
  g_return_if_fail (document < spec->documents->len);

  doc = get_document (spec, document);
  g_free (doc->withheld);
  doc->withheld = g_strdup (reason);
}

void
rd_bundle_spec_set_document_tag (RdBundleSpec *spec, guint document, gint64 tag)
{
  g_return_if_fail (spec != NULL);
  g_return_if_fail (document < spec->documents->len);

  get_document (spec, document)->tag = tag;
}

gint64
rd_bundle_spec_get_document_tag (RdBundleSpec *spec, guint document)
{
  g_return_val_if_fail (spec != NULL, 0);
  g_return_val_if_fail (document < spec->documents->len, 0);

  return get_document (spec, document)->tag;
}

guint
rd_bundle_spec_get_n_documents (RdBundleSpec *spec)
{
  g_return_val_if_fail (spec != NULL, 0);

  return spec->documents->len;
}

const char *
rd_bundle_spec_get_document_title (RdBundleSpec *spec, guint document)
{
  g_return_val_if_fail (spec != NULL, NULL);
  g_return_val_if_fail (document < spec->documents->len, NULL);

  return get_document (spec, document)->title;
}

const char *
rd_bundle_spec_get_document_withheld (RdBundleSpec *spec, guint document)
{
  g_return_val_if_fail (spec != NULL, NULL);
  g_return_val_if_fail (document < spec->documents->len, NULL);

  return get_document (spec, document)->withheld;
}

RdBundleSection
rd_bundle_spec_get_document_section (RdBundleSpec *spec, guint document)
{
  g_return_val_if_fail (spec != NULL, RD_BUNDLE_SECTION_EVIDENCE);
  g_return_val_if_fail (document < spec->documents->len, RD_BUNDLE_SECTION_EVIDENCE);

  return get_document (spec, document)->section;
}

const char *
rd_bundle_spec_get_case_reference (RdBundleSpec *spec)
{
  g_return_val_if_fail (spec != NULL, NULL);

  return spec->case_reference;
}

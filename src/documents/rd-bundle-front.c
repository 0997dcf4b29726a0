/* rd-bundle-front.c: the bundle's front matter: the cover, the index, the
 * chronology and the deadlines tables, the page plan and the outline.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "redress-documents"

#include "config.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <glib/gi18n.h>
#include <pango/pangocairo.h>
#include <string.h>

#include "rd-bundle-private.h"
#include "rd-pdf.h"

typedef struct
{
  char    *cells[4]; /* owned */
  guint    link_page;
  gboolean bold;
} Row;

typedef struct
{
  const char *title;
  const char *intro; /* nullable */
  guint       n_columns;
  const char *headers[4];
  double      widths[4]; /* fractions of the text width */
  GPtrArray  *rows;      /* of Row */
  const char *empty;     /* shown when there are no rows */
} Table;

static const char *const section_titles[RD_BUNDLE_N_SECTIONS] = {
  N_("Letters as sent"),
      N_("The complainant’s correspondence"),
          N_("Evidence"),
      };

/* Helpers */

static double
mm (double value)
{
  return rd_pdf_mm_to_pt (value);
}

static void
row_free (gpointer data)
{
  Row *row = data;

  for (guint i = 0; i < G_N_ELEMENTS (row->cells); i++)
    g_free (row->cells[i]);
  g_free (row);
}

static Row *
row_add (GPtrArray *rows, const char *a, const char *b, const char *c, const char *d)
{
  Row *row = g_new0 (Row, 1);

  row->cells[0] = g_strdup (a);
  row->cells[1] = g_strdup (b);
  row->cells[2] = g_strdup (c);
  row->cells[3] = g_strdup (d);
  g_ptr_array_add (rows, row);
  return row;
}

/* A date in the bundle's own form: "3 March 2026"; "—" for none. */
char *
_rd_bundle_format_date (const GDate *date)
{
  g_autoptr(GDateTime) time = NULL;

  if (date == NULL || !g_date_valid (date))
    return g_strdup ("—");
  time = g_date_time_new_utc (g_date_get_year (date), g_date_get_month (date),
                              g_date_get_day (date), 0, 0, 0);
  /* TRANSLATORS: a date in the bundle, as g_date_time_format() writes it: "3 March 2026" */
  return g_date_time_format (time, _("%-d %B %Y"));
}

static void
tag_link (RdBundleBuilder *b, guint page, double x, double y, double width, double height)
{
  g_autofree char *attributes = NULL;

  if (b->cr == NULL || page == 0)
    return;
  /* A named destination, not "page=": Cairo 1.16 drops links to pages not
   * yet drawn, but resolves names at the end. The rectangle is in device
   * units; the pages are drawn unscaled. */
  attributes = g_strdup_printf ("dest='page-%u' rect=[%d %d %d %d]", page, (int) x, (int) y,
                                (int) width, (int) height);
  cairo_tag_begin (b->cr, CAIRO_TAG_LINK, attributes);
  cairo_tag_end (b->cr, CAIRO_TAG_LINK);
}

/* Tables */

static double
table_header (RdBundleBuilder *b, const Table *table, double left, double y, double text_width)
{
  const double pad = 3;
  double       header_height = 0;
  double       x = left;

  for (guint c = 0; c < table->n_columns; c++)
    {
      g_autoptr(PangoLayout) layout = _rd_bundle_new_layout (
          b, "Sans Bold 9", table->widths[c] * text_width - 2 * pad, _(table->headers[c]));

      _rd_bundle_show_layout (b, layout, x + pad, y + pad);
      header_height = MAX (header_height, _rd_bundle_layout_height (layout));
      x += table->widths[c] * text_width;
    }
  y += header_height + 2 * pad;
  if (b->cr != NULL)
    {
      cairo_set_line_width (b->cr, 0.8);
      cairo_move_to (b->cr, left, y);
      cairo_line_to (b->cr, left + text_width, y);
      cairo_stroke (b->cr);
    }
  return y;
}

static gboolean
typeset_table (RdBundleBuilder *b, const Table *table, GError **error)
{
  const double left = mm (20);
  const double top = mm (20);
  const double text_width = RD_PDF_A4_WIDTH - 2 * mm (20);
  const double bottom = RD_PDF_A4_HEIGHT - mm (20);
  const double pad = 3;
  g_autoptr(PangoLayout)
                 title = _rd_bundle_new_layout (b, "Sans Bold 16", text_width, table->title);
  guint  rows_on_page = 0;
  double y;

  g_assert (table->n_columns <= 4);

  _rd_bundle_start_page (b, FALSE);
  _rd_bundle_show_layout (b, title, left, top);
  y = top + _rd_bundle_layout_height (title) + 8;
  if (table->intro != NULL)
    {
      g_autoptr(PangoLayout)
                     intro = _rd_bundle_new_layout (b, "Sans 10", text_width, table->intro);

      _rd_bundle_show_layout (b, intro, left, y);
      y += _rd_bundle_layout_height (intro) + 8;
    }
  if (table->rows->len == 0)
    {
      g_autoptr(PangoLayout)
                     empty = _rd_bundle_new_layout (b, "Sans Italic 10", text_width, table->empty);

      _rd_bundle_show_layout (b, empty, left, y);
      return _rd_bundle_finish_page (b, error);
    }
  y = table_header (b, table, left, y, text_width);

  for (guint i = 0; i < table->rows->len; i++)
    {
      const Row   *row = g_ptr_array_index (table->rows, i);
      PangoLayout *cells[4] = { NULL };
      double       height = 0;
      double       x = left;

      for (guint c = 0; c < table->n_columns; c++)
        {
          cells[c] = _rd_bundle_new_layout (b, row->bold ? "Sans Bold 9" : "Sans 9",
                                            table->widths[c] * text_width - 2 * pad, row->cells[c]);
          height = MAX (height, _rd_bundle_layout_height (cells[c]));
        }
      height += 2 * pad;

      if (y + height > bottom && rows_on_page > 0)
        {
          if (!_rd_bundle_finish_page (b, error))
            {
              for (guint c = 0; c < table->n_columns; c++)
                g_clear_object (&cells[c]);
              return FALSE;
            }
          _rd_bundle_start_page (b, FALSE);
          y = table_header (b, table, left, top, text_width);
          rows_on_page = 0;
        }

      for (guint c = 0; c < table->n_columns; c++)
        {
          _rd_bundle_show_layout (b, cells[c], x + pad, y + pad);
          x += table->widths[c] * text_width;
          g_clear_object (&cells[c]);
        }
      tag_link (b, row->link_page, left, y, text_width, height);
      y += height;
      rows_on_page++;
      if (b->cr != NULL)
        {
          cairo_set_line_width (b->cr, 0.3);
          cairo_set_source_rgb (b->cr, 0.6, 0.6, 0.6);
          cairo_move_to (b->cr, left, y);
          cairo_line_to (b->cr, left + text_width, y);
          cairo_stroke (b->cr);
          cairo_set_source_rgb (b->cr, 0, 0, 0);
        }
    }

  return _rd_bundle_finish_page (b, error);
}

/* The front matter */

static void
build_index_rows (RdBundleBuilder *b, GPtrArray *rows)
{
  Row *row;
  int  section = -1;

  row = row_add (rows, "", _("Chronology"), NULL, NULL);
  row->bold = TRUE;
  row->link_page = b->chronology_first;
  row->cells[2] = g_strdup_printf ("%u", b->chronology_first);
  row = row_add (rows, "", _("Deadlines"), NULL, NULL);
  row->bold = TRUE;
  row->link_page = b->deadlines_first;
  row->cells[2] = g_strdup_printf ("%u", b->deadlines_first);

  for (guint i = 0; i < b->parts->len; i++)
    {
      RdBundlePart    *part = g_ptr_array_index (b->parts, i);
      g_autofree char *number = g_strdup_printf ("D%u", part->number);
      g_autofree char *title = NULL;

      if ((int) part->document->section != section)
        {
          section = part->document->section;
          row = row_add (rows, "", _(section_titles[section]), NULL, NULL);
          row->bold = TRUE;
          row->link_page = b->section_first[section];
          if (row->link_page > 0)
            row->cells[2] = g_strdup_printf ("%u", row->link_page);
        }

      if (part->document->withheld != NULL)
        /* TRANSLATORS: an index entry for a document left out: title, then the reason */
        title = g_strdup_printf (_("%s — withheld: %s"), part->document->title,
                                    part->document->withheld);
      else if (part->kind == RD_BUNDLE_KIND_PLACEHOLDER)
        /* TRANSLATORS: an index entry for a document Redress could not read */
        title = g_strdup_printf (part->empty
                                 ? _("%s — not reproduced: the file is empty")
                                 : _("%s — not reproduced: unreadable"), part->document->title);
      else
        title = g_strdup (part->document->title);

      row = row_add (rows, number, title, NULL, NULL);
      if (part->document->withheld == NULL)
        {
          row->link_page = part->first_page;
          row->cells[2] = g_strdup_printf ("%u", part->first_page);
        }
    }
}

static RdBundlePart *
part_of_document (RdBundleBuilder *b, int index)
{
  for (guint i = 0; i < b->parts->len; i++)
    {
      RdBundlePart *part = g_ptr_array_index (b->parts, i);

      if ((int) part->index == index)
        return part;
    }
  return NULL;
}

static void
build_chronology_rows (RdBundleBuilder *b, GPtrArray *rows)
{
  for (guint i = 0; i < b->spec->chronology->len; i++)
    {
      RdBundleChronologyRow *event = g_ptr_array_index (b->spec->chronology, i);
      RdBundlePart    *part = event->document >= 0 ? part_of_document (b, event->document) : NULL;
      g_autofree char *date = _rd_bundle_format_date (&event->date);
      g_autofree char *proof = NULL;
      Row             *row;

      if (part != NULL && part->document->withheld != NULL)
        /* TRANSLATORS: the proof of an event is a document that was withheld, e.g. "D4 (withheld)" */
        proof = g_strdup_printf (_("D%u (withheld)"), part->number);
      else if (part != NULL)
        /* TRANSLATORS: the proof of an event: document number and its first page, e.g. "D4, page 17" */
        proof = g_strdup_printf (_("D%u, page %u"), part->number, part->first_page);
      else
        proof = g_strdup (event->document_title != NULL ? event->document_title : "—");

      row = row_add (rows, date, event->what, event->who != NULL ? event->who : "—", proof);
      if (part != NULL && part->document->withheld == NULL)
        row->link_page = part->first_page;
    }
}

static void
build_deadline_rows (RdBundleBuilder *b, GPtrArray *rows)
{
  for (guint i = 0; i < b->spec->deadlines->len; i++)
    {
      RdBundleDeadlineRow *deadline = g_ptr_array_index (b->spec->deadlines, i);
      g_autofree char     *due = _rd_bundle_format_date (&deadline->due);
      g_autofree char     *done = _rd_bundle_format_date (&deadline->done);
      g_autofree char     *outcome = NULL;

      switch (deadline->state)
        {
          case RD_BUNDLE_DEADLINE_MET:
            outcome = g_strdup_printf (_("Met on %s"), done);
            break;
          case RD_BUNDLE_DEADLINE_LATE:
            /* TRANSLATORS: a council deadline met after its due date */
            outcome = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Met on %s, %u day late",
                                                    "Met on %s, %u days late", deadline->days_late),
                                       done, deadline->days_late);
            break;
          case RD_BUNDLE_DEADLINE_REVIEW_OPEN:
            outcome = g_strdup (_("The complainant’s time to ask for a review: not over yet"));
            break;
          case RD_BUNDLE_DEADLINE_REVIEW_ASKED:
            outcome = g_strdup_printf (_("Review asked for on %s, within the window"), done);
            break;
          case RD_BUNDLE_DEADLINE_REVIEW_ASKED_LATE:
            /* TRANSLATORS: the complainant asked for a review after the time for it, and the
             * council took the request on */
            outcome = g_strdup_printf (
                g_dngettext (GETTEXT_PACKAGE,
                             "Review asked for on %s, %u day after the window closed "
                             "(accepted)",
                             "Review asked for on %s, %u days after the window closed "
                             "(accepted)",
                             deadline->days_late),
                done, deadline->days_late);
            break;
          case RD_BUNDLE_DEADLINE_REVIEW_CLOSED:
            outcome = g_strdup (_("No review was asked for in the time allowed"));
            break;
          case RD_BUNDLE_DEADLINE_OVERDUE:
            outcome = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Not met: %u day overdue",
                                                    "Not met: %u days overdue",
                                                    deadline->days_late),
                                       deadline->days_late);
            break;
          case RD_BUNDLE_DEADLINE_WAITING:
            outcome = g_strdup (_("Not started: waiting for proof of identity or for the data "
                                  "subject’s consent"));
            break;
          case RD_BUNDLE_DEADLINE_PAUSED:
            outcome = g_strdup (_("Paused: waiting for the clarification the council asked for; "
                                  "the due date moves on until it comes"));
            break;
          case RD_BUNDLE_DEADLINE_LAPSED:
            outcome = g_strdup (_("No longer needed: the case ended before it fell due"));
            break;
          case RD_BUNDLE_DEADLINE_OPEN:
          default:
            outcome = g_strdup (_("Open: not yet due"));
            break;
        }
      row_add (rows, deadline->name, due, outcome, NULL);
    }
}

static gboolean
typeset_cover (RdBundleBuilder *b, GError **error)
{
  const double     left = mm (25);
  const double     width = RD_PDF_A4_WIDTH - 2 * mm (25);
  RdBundleSpec    *spec = b->spec;
  g_autofree char *date = _rd_bundle_format_date (&spec->date);
  g_autofree char *pages = g_strdup_printf ("%u", b->n_pages);
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(PangoLayout) council = NULL;
  g_autoptr(PangoLayout) title = NULL;
  g_autoptr(PangoLayout) note = NULL;
  double y = mm (50);
  const struct
  {
    const char *label;
    const char *value;
  } facts[] = {
    { N_("Case reference"), spec->case_reference },
      { N_("ICO reference"), spec->ico_reference != NULL ? spec->ico_reference : "—" },
        { N_("Date"), date },
          { N_("Prepared by"), spec->prepared_by != NULL ? spec->prepared_by : "—" },
            { N_("Pages"), pages },
          };

  _rd_bundle_start_page (b, FALSE);
  council = _rd_bundle_new_layout (b, "Sans 14", width, spec->council != NULL ? spec->council : "");
  _rd_bundle_show_layout (b, council, left, y);
  y += _rd_bundle_layout_height (council) + 16;
  title = _rd_bundle_new_layout (b, "Sans Bold 24", width,
                                 _("Evidence bundle for the Information Commissioner’s Office"));
  _rd_bundle_show_layout (b, title, left, y);
  y += _rd_bundle_layout_height (title) + 30;

  for (gsize i = 0; i < G_N_ELEMENTS (facts); i++)
    {
      g_autoptr(PangoLayout)
                     label = _rd_bundle_new_layout (b, "Sans Bold 11", mm (45), _(facts[i].label));
      g_autoptr(PangoLayout)
                     value = _rd_bundle_new_layout (b, "Sans 11", width - mm (50), facts[i].value);

      _rd_bundle_show_layout (b, label, left, y);
      _rd_bundle_show_layout (b, value, left + mm (50), y);
      y += MAX (_rd_bundle_layout_height (label), _rd_bundle_layout_height (value)) + 8;
    }

  note = _rd_bundle_new_layout (
      b, "Sans 10", width,
      _("Every page of this bundle carries its page number at the foot. The index "
                       "lists every document with the page it starts on; documents withheld are "
                       "listed with the reason."));
  _rd_bundle_show_layout (b, note, left, y + 20);
  return _rd_bundle_finish_page (b, error);
}

gboolean
_rd_bundle_typeset_front_matter (RdBundleBuilder *b, GError **error)
{
  g_autoptr(GPtrArray) index_rows = g_ptr_array_new_with_free_func (row_free);
  g_autoptr(GPtrArray) chronology_rows = g_ptr_array_new_with_free_func (row_free);
  g_autoptr(GPtrArray) deadline_rows = g_ptr_array_new_with_free_func (row_free);
  Table index = {
    .title = _("Index"), .n_columns = 3,
                .headers = { N_("No."), N_("Document"), N_("Page") },
                                 .widths = { 0.1, 0.78, 0.12 }, .rows = index_rows,
                                 .empty = _("The bundle holds no documents."),
                                 };
  Table chronology = {
    .title = _("Chronology"),
        .intro = _("What happened, in order, from the case record, with the document that shows it."),
            .n_columns = 4,
            .headers = { N_("Date"), N_("What happened"), N_("Who"), N_("Proof") },
                                          .widths = { 0.215, 0.475, 0.14, 0.17 },
                                          .rows = chronology_rows,
                                          .empty = _("No events are recorded on this case."),
                                          };
  Table deadlines = {
    .title = _("Deadlines"),
                .intro = _("Each deadline on the case, when it fell due and whether it was met."),
                            .n_columns = 3,
                            .headers = { N_("Deadline"), N_("Due"), N_("Outcome") },
                                             .widths = { 0.36, 0.215, 0.425 },
                                             .rows = deadline_rows,
                                             .empty = _("No deadlines apply to this case."),
                                             };
  guint start;

  build_index_rows (b, index_rows);
  build_chronology_rows (b, chronology_rows);
  build_deadline_rows (b, deadline_rows);

  b->running_header = NULL;
  if (!typeset_cover (b, error))
    return FALSE;
  start = b->page;
  if (!typeset_table (b, &index, error))
    return FALSE;
  b->index_pages = b->page - start;
  start = b->page;
  if (!typeset_table (b, &chronology, error))
    return FALSE;
  b->chronology_pages = b->page - start;
  start = b->page;
  if (!typeset_table (b, &deadlines, error))
    return FALSE;
  b->deadlines_pages = b->page - start;
  return TRUE;
}

/* Assigns page numbers from the page counts. */
void
_rd_bundle_plan_pages (RdBundleBuilder *b)
{
  guint page;

  b->index_first = 2;
  b->chronology_first = b->index_first + b->index_pages;
  b->deadlines_first = b->chronology_first + b->chronology_pages;
  page = b->deadlines_first + b->deadlines_pages;
  memset (b->section_first, 0, sizeof b->section_first);

  for (guint i = 0; i < b->parts->len; i++)
    {
      RdBundlePart *part = g_ptr_array_index (b->parts, i);

      if (part->document->withheld != NULL)
        continue;
      part->first_page = page;
      if (b->section_first[part->document->section] == 0)
        b->section_first[part->document->section] = page;
      page += part->n_pages;
    }
  b->n_pages = page - 1;
}

void
_rd_bundle_add_outline (RdBundleBuilder *b)
{
  g_autofree char *link = NULL;
  const struct
  {
    const char *title;
    guint       page;
  } front[] = {
    { N_("Cover"), 1 }, { N_("Index"), b->index_first },
                           { N_("Chronology"), b->chronology_first },
                             { N_("Deadlines"), b->deadlines_first },
                           };
  int parent = CAIRO_PDF_OUTLINE_ROOT;
  int section = -1;

  for (gsize i = 0; i < G_N_ELEMENTS (front); i++)
    {
      g_free (link);
      link = g_strdup_printf ("page=%u", front[i].page);
      cairo_pdf_surface_add_outline (b->surface, CAIRO_PDF_OUTLINE_ROOT,
                                     _(front[i].title), link, 0);
    }

  for (guint i = 0; i < b->parts->len; i++)
    {
      RdBundlePart    *part = g_ptr_array_index (b->parts, i);
      g_autofree char *title = NULL;

      if (part->document->withheld != NULL)
        continue;
      if ((int) part->document->section != section)
        {
          section = part->document->section;
          g_free (link);
          link = g_strdup_printf ("page=%u", b->section_first[section]);
          parent = cairo_pdf_surface_add_outline (b->surface, CAIRO_PDF_OUTLINE_ROOT,
                                                  _(section_titles[section]), link,
                                                     CAIRO_PDF_OUTLINE_FLAG_OPEN);
        }
      g_free (link);
      link = g_strdup_printf ("page=%u", part->first_page);
      title = g_strdup_printf ("D%u %s", part->number, part->document->title);
      cairo_pdf_surface_add_outline (b->surface, parent, title, link, 0);
    }
}

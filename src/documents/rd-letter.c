/* rd-letter.c: one letter, laid out on A4 for a left-window DL envelope.
 *
 * Page geometry (millimetres from the top-left corner of the sheet; the
 * reasons and sources are in docs/letters.md):
 *
 *   12–46      letterhead: council name, address and contact; logo on the right
 *   51–83      recipient's name and address, 25–105 across (inside the window
 *              of a DL envelope, 20–110 across and 49–84 down the flat sheet)
 *   54–        the date and references, 120–190 across
 *   95–272     the body on page one; 25–272 on later pages
 *   283        "Page N of M"
 *
 * Large print moves the date, the references and the council's address into
 * the flow of the body, so that they too are at least 16 pt.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "redress-documents"

#include "config.h"

#include <glib/gi18n.h>
#include <pango/pangocairo.h>
#include <string.h>

#include "rd-letter.h"
#include "rd-pdf.h"
#include "rd-template.h"

#define LETTERS_RESOURCE_PATH RESOURCE_PREFIX "/letters"

#define FONT_FAMILY "Sans"

#define MARGIN_LEFT_MM    25.0
#define MARGIN_RIGHT_MM   20.0
#define LETTERHEAD_Y_MM   12.0
#define LETTERHEAD_H_MM   34.0
#define LOGO_MAX_W_MM     45.0
#define LOGO_MAX_H_MM     25.0
#define COLUMN_X_MM       120.0
#define BODY_TOP_FIRST_MM 95.0
#define BODY_TOP_MM       25.0
#define BODY_BOTTOM_MM    272.0
#define FOOTER_Y_MM       283.0
#define HEADER_Y_MM       12.0
#define FOLD_MM           99.0

typedef struct
{
  double body;
  double small;
  double heading;
  double address_max;
  double address_min;
} Sizes;

/* The address block never goes below 8 pt: smaller print is hard for the
 * postman and for sorting machines to read. */
#define ADDRESS_MIN_PT 8.0

static const Sizes normal_sizes = { 11.0, 9.0, 15.0, 11.0, ADDRESS_MIN_PT };
/* RNIB's clear print guidance: large print is 16 pt or more. */
static const Sizes large_sizes = { 16.0, 16.0, 18.0, 16.0, ADDRESS_MIN_PT };

/* Letter wording that belongs to the layout, not to a template. It follows
 * the letter's language, not the user interface's. */
typedef struct
{
  const char *our_ref;
  const char *your_ref;
  const char *page;
  const char *of;
  const char *closing;
  const char *contact_heading;
  const char *ico_contact;
} Wording;

static const Wording wording[RD_LETTER_N_LANGUAGES] = {
  [RD_LETTER_LANGUAGE_EN] = {
      "Our reference:",
      "Your reference:",
      "Page",
      "of",
      "Yours sincerely,",
      "How to contact us",
      "Information Commissioner’s Office\n"
      "Wycliffe House\nWater Lane\nWilmslow\nCheshire\nSK9 5AF\n"
      "Telephone: 0303 123 1113\n"
      "Website: ico.org.uk/make-a-complaint",
  },
  [RD_LETTER_LANGUAGE_CY] = {
      "Ein cyfeirnod:",
      "Eich cyfeirnod:",
      "Tudalen",
      "o",
      "Yn gywir,",
      "Sut i gysylltu â ni",
      "Swyddfa’r Comisiynydd Gwybodaeth\n"
      "Wycliffe House\nWater Lane\nWilmslow\nCheshire\nSK9 5AF\n"
      "Ffôn: 0303 123 1113\n"
      "Gwefan: ico.org.uk/make-a-complaint",
  },
};

/* Our own tables: the system's locale may not have Welsh. */
static const char *const en_days[] = { NULL,       "Monday", "Tuesday",  "Wednesday",
                                       "Thursday", "Friday", "Saturday", "Sunday" };
static const char *const cy_days[] = { NULL,       "Dydd Llun",   "Dydd Mawrth", "Dydd Mercher",
                                       "Dydd Iau", "Dydd Gwener", "Dydd Sadwrn", "Dydd Sul" };
static const char *const en_months[] = { NULL,      "January",  "February", "March",  "April",
                                         "May",     "June",     "July",     "August", "September",
                                         "October", "November", "December" };
static const char *const cy_months[] = { NULL,     "Ionawr",   "Chwefror",   "Mawrth", "Ebrill",
                                         "Mai",    "Mehefin",  "Gorffennaf", "Awst",   "Medi",
                                         "Hydref", "Tachwedd", "Rhagfyr" };

/* One line of a flowing block, placed on a page. */
typedef struct
{
  PangoLayoutLine *line; /* owned reference */
  guint            page;
  double           x;        /* points */
  double           baseline; /* points */
} PlacedLine;

struct _RdLetter
{
  GObject parent_instance;

  RdLetterType     type;
  RdLetterLanguage language;
  GHashTable      *fields;       /* owned: char* → char* */
  RdTemplate      *override;     /* owned, nullable */
  char            *subject;      /* owned, nullable */
  char            *body;         /* owned, nullable */
  cairo_surface_t *logo;         /* owned, nullable */
  GHashTable      *placeholders; /* owned, nullable: field name → "[…]" */
  GHashTable      *deadlines;    /* owned: field name → GDate*, the deadlines it names */
  GDate            date;         /* the letter's own date, if set */
  char           **used;         /* owned, nullable: the fields of the last composed template */
  gboolean         large_print;
  double           offset_x_mm;
  double           offset_y_mm;

  /* The layout, made on demand and dropped on any change. */
  gboolean      laid_out;
  PangoContext *context;    /* owned */
  GArray       *lines;      /* owned: of PlacedLine */
  GPtrArray    *blocks;     /* owned: the PangoLayouts the lines belong to */
  PangoLayout  *letterhead; /* owned */
  PangoLayout  *address;    /* owned */
  gboolean      address_fits;
  guint         address_max_lines; /* when it does not fit: the address lines that would */
  PangoLayout  *column;            /* owned, nullable: date and references */
  guint         n_pages;
};

G_DEFINE_FINAL_TYPE (RdLetter, rd_letter, G_TYPE_OBJECT)

/* Helpers */

static double
mm (double value)
{
  return rd_pdf_mm_to_pt (value);
}

static const Sizes *
sizes (RdLetter *self)
{
  return self->large_print ? &large_sizes : &normal_sizes;
}

static const char *
field (RdLetter *self, const char *name)
{
  const char *value = g_hash_table_lookup (self->fields, name);

  if (value != NULL && *value != '\0')
    return value;
  if (strcmp (name, "ico.contact") == 0)
    return wording[self->language].ico_contact;
  return NULL;
}

/* The values as they are, without placeholders: for the template's {if}s. */
static const char *
value_cb (const char *name, gpointer user_data)
{
  return field (RD_LETTER (user_data), name);
}

static const char *
lookup_cb (const char *name, gpointer user_data)
{
  RdLetter                *self = RD_LETTER (user_data);
  const char              *value = field (self, name);
  const RdLetterFieldInfo *info;

  if (value != NULL || self->placeholders == NULL)
    return value;
  info = rd_letter_field_lookup (name);
  if (info == NULL || (info->flags & RD_LETTER_FIELD_OPTIONAL) != 0)
    return NULL;
  if ((value = g_hash_table_lookup (self->placeholders, name)) == NULL)
    {
      char *text = g_strdup_printf ("[%s]", _(info->description));

      g_hash_table_insert (self->placeholders, g_strdup (name), text);
      value = text;
    }
  return value;
}

static void
placed_line_clear (gpointer data)
{
  PlacedLine *placed = data;

  g_clear_pointer (&placed->line, pango_layout_line_unref);
}

static void
invalidate (RdLetter *self)
{
  self->laid_out = FALSE;
  g_array_set_size (self->lines, 0);
  g_ptr_array_set_size (self->blocks, 0);
  g_clear_object (&self->letterhead);
  g_clear_object (&self->address);
  g_clear_object (&self->column);
  self->n_pages = 0;
}

static PangoContext *
make_context (RdLetter *self)
{
  PangoFontMap         *font_map = pango_cairo_font_map_get_default ();
  PangoContext         *context = pango_font_map_create_context (font_map);
  cairo_font_options_t *options = cairo_font_options_create ();

  /* Points as units, and no hinting, so that the layout is the same on the
   * PDF, the screen and the printer. */
  pango_cairo_context_set_resolution (context, 72.0);
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (context, options);
  cairo_font_options_destroy (options);
  pango_context_set_round_glyph_positions (context, FALSE);
  pango_context_set_base_dir (context, PANGO_DIRECTION_LTR);
  pango_context_set_language (
      context, pango_language_from_string (rd_letter_language_to_string (self->language)));
  return context;
}

static PangoLayout *
make_layout (RdLetter *self, const char *text, double size, gboolean bold, double width_pt)
{
  PangoLayout *layout = pango_layout_new (self->context);
  g_autoptr(PangoFontDescription) desc = pango_font_description_from_string (FONT_FAMILY);

  pango_font_description_set_size (desc, (int) (size * PANGO_SCALE));
  if (bold)
    pango_font_description_set_weight (desc, PANGO_WEIGHT_BOLD);
  pango_layout_set_font_description (layout, desc);
  /* Names in right-to-left scripts keep the letter's left alignment. */
  pango_layout_set_auto_dir (layout, FALSE);
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_width (layout, (int) (width_pt * PANGO_SCALE));
  pango_layout_set_text (layout, text != NULL ? text : "", -1);
  return layout;
}

static void
set_layout_size (PangoLayout *layout, double size)
{
  g_autoptr(PangoFontDescription)
                 desc = pango_font_description_copy (pango_layout_get_font_description (layout));

  pango_font_description_set_size (desc, (int) (size * PANGO_SCALE));
  pango_layout_set_font_description (layout, desc);
}

static double
layout_height (PangoLayout *layout)
{
  int height;

  pango_layout_get_size (layout, NULL, &height);
  return (double) height / PANGO_SCALE;
}

/*
 * Shrinks @layout from @max to @min points until it fits @height. Returns
 * FALSE if it does not fit even at @min (the layout is left at @min): the
 * caller must not cut it, since every line of an address matters.
 */
static gboolean
fit_layout (PangoLayout *layout, double max, double min, double height)
{
  for (double size = max; size >= min; size -= 0.5)
    {
      set_layout_size (layout, size);
      if (layout_height (layout) <= height)
        return TRUE;
    }
  set_layout_size (layout, min);
  return FALSE;
}

/* Bold for the first @bold_bytes of the text. */
static void
embolden (PangoLayout *layout, guint bold_bytes)
{
  PangoAttrList  *attrs = pango_attr_list_new ();
  PangoAttribute *attr = pango_attr_weight_new (PANGO_WEIGHT_BOLD);

  attr->start_index = 0;
  attr->end_index = bold_bytes;
  pango_attr_list_insert (attrs, attr);
  pango_layout_set_attributes (layout, attrs);
  pango_attr_list_unref (attrs);
}

static char *
column_text (RdLetter *self)
{
  const Wording *w = &wording[self->language];
  GString       *text = g_string_new (NULL);

  if (field (self, "letter.date") != NULL)
    g_string_append_printf (text, "%s\n", field (self, "letter.date"));
  if (field (self, "case.ref") != NULL)
    {
      g_string_append_printf (text, "%s %s\n", w->our_ref, field (self, "case.ref"));
    }
  if (field (self, "recipient.reference") != NULL)
    {
      g_string_append_printf (text, "%s %s\n", w->your_ref, field (self, "recipient.reference"));
    }
  if (text->len > 0)
    g_string_truncate (text, text->len - 1);
  return g_string_free (text, FALSE);
}

typedef struct
{
  double top;    /* points */
  double bottom; /* points */
  guint  page;
  double y; /* points, the next free place */
} Flow;

static double
flow_top (guint page)
{
  return mm (page == 0 ? BODY_TOP_FIRST_MM : BODY_TOP_MM);
}

static void
flow_new_page (Flow *flow)
{
  flow->page++;
  flow->y = flow_top (flow->page);
}

/*
 * Places the lines of @layout in the flow. A block that must be kept
 * together goes whole onto the next page when it does not fit on this one
 * (unless it could not fit on any page). Blank lines at the top of a page are
 * dropped.
 */
static void
flow_layout (RdLetter *self, Flow *flow, PangoLayout *layout, gboolean keep_together)
{
  PangoLayoutIter *iter;
  double           x = mm (MARGIN_LEFT_MM);
  double           height = layout_height (layout);

  if (keep_together && flow->y + height > flow->bottom && height <= flow->bottom - flow_top (1) &&
      flow->y > flow_top (flow->page))
    flow_new_page (flow);

  g_ptr_array_add (self->blocks, g_object_ref (layout));
  iter = pango_layout_get_iter (layout);
  do
    {
      PangoLayoutLine *line = pango_layout_iter_get_line_readonly (iter);
      PangoRectangle   logical;
      double           line_height;
      double           baseline;
      PlacedLine       placed;

      pango_layout_iter_get_line_extents (iter, NULL, &logical);
      line_height = (double) logical.height / PANGO_SCALE;
      baseline = (double) (pango_layout_iter_get_baseline (iter) - logical.y) / PANGO_SCALE;

      if (flow->y + line_height > flow->bottom && flow->y > flow_top (flow->page))
        flow_new_page (flow);
      if (line->length == 0 && flow->y == flow_top (flow->page) && flow->page > 0)
        continue;

      placed.line = pango_layout_line_ref (line);
      placed.page = flow->page;
      placed.x = x + (double) logical.x / PANGO_SCALE;
      placed.baseline = flow->y + baseline;
      g_array_append_val (self->lines, placed);
      flow->y += line_height;
    }
  while (pango_layout_iter_next_line (iter));
  pango_layout_iter_free (iter);
}

static void
flow_space (Flow *flow, double points)
{
  if (flow->y > flow_top (flow->page))
    flow->y += points;
}

static void
lay_out (RdLetter *self)
{
  const Sizes     *s = sizes (self);
  const Wording   *w = &wording[self->language];
  double           text_width = mm (210.0 - MARGIN_LEFT_MM - MARGIN_RIGHT_MM);
  double           head_width = text_width;
  g_autofree char *head_text = NULL;
  g_autofree char *address_text = NULL;
  g_autofree char *column = NULL;
  Flow             flow;

  if (self->laid_out)
    return;
  invalidate (self);
  if (self->context == NULL)
    self->context = make_context (self);

  /* Letterhead: in large print only the name, the rest goes after the body. */
  if (self->logo != NULL)
    head_width -= mm (LOGO_MAX_W_MM + 5.0);
  {
    const char *name = field (self, "council.name") ? field (self, "council.name") : "";
    GString    *text = g_string_new (name);

    if (!self->large_print)
      {
        if (field (self, "council.address") != NULL)
          g_string_append_printf (text, "\n%s", field (self, "council.address"));
        if (field (self, "council.contact") != NULL)
          g_string_append_printf (text, "\n%s", field (self, "council.contact"));
      }
    head_text = g_string_free (text, FALSE);
    self->letterhead = make_layout (self, head_text, s->small, FALSE, head_width);
    /* The council's name stands out: a bigger, bold first line. */
    {
      PangoAttrList  *attrs = pango_attr_list_new ();
      PangoAttribute *attr = pango_attr_size_new ((int) (s->heading * PANGO_SCALE));

      attr->start_index = 0;
      attr->end_index = (guint) strlen (name);
      pango_attr_list_insert (attrs, attr);
      attr = pango_attr_weight_new (PANGO_WEIGHT_BOLD);
      attr->start_index = 0;
      attr->end_index = (guint) strlen (name);
      pango_attr_list_insert (attrs, attr);
      pango_layout_set_attributes (self->letterhead, attrs);
      pango_attr_list_unref (attrs);
    }
    if (layout_height (self->letterhead) > mm (LETTERHEAD_H_MM))
      {
        pango_layout_set_ellipsize (self->letterhead, PANGO_ELLIPSIZE_END);
        pango_layout_set_height (self->letterhead, (int) (mm (LETTERHEAD_H_MM) * PANGO_SCALE));
      }
  }

  /* The recipient, kept inside the window whatever the length. */
  {
    const char *name = field (self, "recipient.name") ? field (self, "recipient.name") : "";
    const char *address = field (self, "recipient.address");

    address_text = address != NULL ? g_strdup_printf ("%s\n%s", name, address) : g_strdup (name);
    self->address = make_layout (self, address_text, s->address_max, FALSE,
                                 mm (RD_LETTER_ADDRESS_WIDTH_MM));
    /* Lines a little closer than the font's own, so that a long address fits. */
    pango_layout_set_line_spacing (self->address, 0.92f);
    self->address_fits = fit_layout (self->address, s->address_max, s->address_min,
                                     mm (RD_LETTER_ADDRESS_HEIGHT_MM));
    self->address_max_lines = 0;
    if (!self->address_fits)
      {
        /* How many lines of the address would fit with this name, for the
         * message; the letter itself is refused (rd_letter_check_address()).
         * The preview still shows the block, cut at the box. */
        g_auto(GStrv) address_lines = g_strsplit (address != NULL ? address : "", "\n", -1);

        for (guint n = g_strv_length (address_lines); n > 0; n--)
          {
            g_autofree char *head = NULL;
            g_autofree char *text = NULL;
            g_autoptr(PangoLayout) trial = NULL;
            char *saved = address_lines[n - 1];

            address_lines[n - 1] = NULL;
            head = g_strjoinv ("\n", address_lines);
            address_lines[n - 1] = saved;
            text = *head != '\0' ? g_strdup_printf ("%s\n%s", name, head) : g_strdup (name);
            trial = make_layout (self, text, s->address_min, FALSE,
                                 mm (RD_LETTER_ADDRESS_WIDTH_MM));
            pango_layout_set_line_spacing (trial, 0.92f);
            if (layout_height (trial) <= mm (RD_LETTER_ADDRESS_HEIGHT_MM))
              {
                self->address_max_lines = n - 1;
                break;
              }
          }
        pango_layout_set_ellipsize (self->address, PANGO_ELLIPSIZE_END);
        pango_layout_set_height (self->address,
                                 (int) (mm (RD_LETTER_ADDRESS_HEIGHT_MM) * PANGO_SCALE));
      }
  }

  column = column_text (self);

  /* The body and what follows it, flowing over as many pages as it takes. */
  flow.page = 0;
  flow.top = flow_top (0);
  flow.y = flow.top;
  flow.bottom = mm (BODY_BOTTOM_MM);

  if (self->large_print)
    {
      g_autoptr(PangoLayout) block = make_layout (self, column, s->body, FALSE, text_width);

      flow_layout (self, &flow, block, TRUE);
      flow_space (&flow, s->body);
    }
  else
    self->column = make_layout (self, column, s->small + 1.0, FALSE,
                                mm (210.0 - COLUMN_X_MM - MARGIN_RIGHT_MM));

  if (self->subject != NULL && *self->subject != '\0')
    {
      g_autoptr(PangoLayout) block = make_layout (self, self->subject, s->body, TRUE, text_width);

      flow_layout (self, &flow, block, TRUE);
      flow_space (&flow, s->body * 0.8);
    }

  if (self->body != NULL)
    {
      /* One layout per line: Pango's line breaking of one layout grows
       * faster than its length, and a long letter has many lines. Lines
       * between blank lines (a paragraph, an address) are kept together on
       * one page when they fit on one, and a paragraph that ends with a
       * colon stays with the one it introduces. */
      g_auto(GStrv) paragraphs = g_strsplit (self->body, "\n", -1);
      GPtrArray *group = g_ptr_array_new_with_free_func (g_object_unref);
      gboolean   introduces = FALSE;

      for (guint i = 0;; i++)
        {
          gboolean end = paragraphs[i] == NULL;
          gboolean blank = !end && *paragraphs[i] == '\0';

          if (blank && introduces)
            {
              g_ptr_array_add (group, make_layout (self, "", s->body, FALSE, text_width));
              continue;
            }
          if (end || blank)
            {
              double height = 0;

              for (guint j = 0; j < group->len; j++)
                height += layout_height (g_ptr_array_index (group, j));
              if (group->len > 1 && flow.y + height > flow.bottom &&
                  height <= flow.bottom - flow_top (1) && flow.y > flow_top (flow.page))
                flow_new_page (&flow);
              for (guint j = 0; j < group->len; j++)
                flow_layout (self, &flow, g_ptr_array_index (group, j), FALSE);
              g_ptr_array_set_size (group, 0);
              if (end)
                break;
              /* A blank line is a layout of its own, the height of a line. */
              {
                g_autoptr(PangoLayout) space = make_layout (self, "", s->body, FALSE, text_width);

                flow_layout (self, &flow, space, FALSE);
              }
              continue;
            }
          g_ptr_array_add (group, make_layout (self, paragraphs[i], s->body, FALSE, text_width));
          introduces = g_str_has_suffix (g_strchomp (paragraphs[i]), ":");
        }
      g_ptr_array_unref (group);
    }

  /* Signature: the closing, room to sign, the name in bold and the role. */
  {
    const char      *clerk = field (self, "clerk.name") ? field (self, "clerk.name") : "";
    const char      *role = field (self, "clerk.role") ? field (self, "clerk.role") : "";
    g_autofree char *text = g_strdup_printf ("%s\n\n\n%s\n%s", w->closing, clerk, role);
    g_autoptr(PangoLayout) block = make_layout (self, text, s->body, FALSE, text_width);
    PangoAttrList  *attrs = pango_attr_list_new ();
    PangoAttribute *attr = pango_attr_weight_new (PANGO_WEIGHT_BOLD);

    attr->start_index = (guint) strlen (w->closing) + 3;
    attr->end_index = attr->start_index + (guint) strlen (clerk);
    pango_attr_list_insert (attrs, attr);
    pango_layout_set_attributes (block, attrs);
    pango_attr_list_unref (attrs);

    flow_space (&flow, s->body * 1.2);
    flow_layout (self, &flow, block, TRUE);
  }

  if (self->large_print)
    {
      GString *text = g_string_new (w->contact_heading);
      guint    heading_len = (guint) text->len;
      g_autoptr(PangoLayout) block = NULL;

      g_string_append_printf (
          text, "\n%s", (field (self, "council.name") != NULL ? field (self, "council.name") : ""));
      if (field (self, "council.address") != NULL)
        g_string_append_printf (text, "\n%s", field (self, "council.address"));
      if (field (self, "council.contact") != NULL)
        g_string_append_printf (text, "\n%s", field (self, "council.contact"));
      block = make_layout (self, text->str, s->body, FALSE, text_width);
      embolden (block, heading_len);
      g_string_free (text, TRUE);

      flow_space (&flow, s->body * 1.5);
      flow_layout (self, &flow, block, TRUE);
    }

  self->n_pages = flow.page + 1;
  self->laid_out = TRUE;
}

static void
draw_logo (RdLetter *self, cairo_t *cr)
{
  double width = cairo_image_surface_get_width (self->logo);
  double height = cairo_image_surface_get_height (self->logo);
  double scale;

  if (width <= 0 || height <= 0)
    return;
  scale = MIN (mm (LOGO_MAX_W_MM) / width, mm (LOGO_MAX_H_MM) / height);
  cairo_save (cr);
  cairo_translate (cr, mm (210.0 - MARGIN_RIGHT_MM) - width * scale, mm (LETTERHEAD_Y_MM));
  cairo_scale (cr, scale, scale);
  cairo_set_source_surface (cr, self->logo, 0, 0);
  cairo_pattern_set_filter (cairo_get_source (cr), CAIRO_FILTER_GOOD);
  cairo_paint (cr);
  cairo_restore (cr);
}

static void
draw_centred (RdLetter *self, cairo_t *cr, const char *text, double size, double y)
{
  g_autoptr(PangoLayout) layout = make_layout (self, text, size, FALSE, mm (210.0));

  pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
  cairo_move_to (cr, 0, y);
  pango_cairo_show_layout (cr, layout);
}

static GBytes *
load_resource (const char *path, GError **error)
{
  return g_resources_lookup_data (path, G_RESOURCE_LOOKUP_FLAGS_NONE, error);
}

typedef struct
{
  const guint8 *data;
  gsize         size;
  gsize         pos;
} PngReader;

static cairo_status_t
png_read_cb (void *closure, unsigned char *data, unsigned int length)
{
  PngReader *reader = closure;

  if (reader->size - reader->pos < length)
    return CAIRO_STATUS_READ_ERROR;
  memcpy (data, reader->data + reader->pos, length);
  reader->pos += length;
  return CAIRO_STATUS_SUCCESS;
}

/*
 * A JPEG logo goes into the PDF as it is (Cairo embeds the JPEG data given
 * as mime data), so no JPEG decoder is needed: the image surface only gives
 * the size, and a light grey for surfaces that cannot use JPEG data. The
 * size is read from the frame header (SOF0–SOF15, not DHT, JPG or DAC).
 */
static gboolean
jpeg_size (const guint8 *data, gsize size, int *width, int *height)
{
  gsize pos = 2;

  while (pos + 4 <= size)
    {
      guint8 marker;
      gsize  length;

      if (data[pos] != 0xFF)
        return FALSE;
      marker = data[pos + 1];
      if (marker == 0xFF)
        {
          pos++;
          continue;
        }
      if (marker == 0xD8 || marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7))
        {
          pos += 2;
          continue;
        }
      if (marker == 0xD9 || marker == 0xDA)
        return FALSE;
      length = ((gsize) data[pos + 2] << 8) | data[pos + 3];
      if (length < 2 || pos + 2 + length > size)
        return FALSE;
      if (marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC)
        {
          if (length < 7)
            return FALSE;
          *height = (data[pos + 5] << 8) | data[pos + 6];
          *width = (data[pos + 7] << 8) | data[pos + 8];
          return *width > 0 && *height > 0;
        }
      pos += 2 + length;
    }
  return FALSE;
}

static gboolean
set_jpeg_logo (RdLetter *self, GBytes *jpeg, GError **error)
{
  gsize            size;
  const guint8    *data = g_bytes_get_data (jpeg, &size);
  cairo_surface_t *surface;
  cairo_t         *cr;
  int              width, height;

  if (!jpeg_size (data, size, &width, &height) || width > 8000 || height > 8000)
    {
      g_set_error (error, RD_LETTER_ERROR, RD_LETTER_ERROR_LOGO,
                   _("The council’s logo could not be read as a JPEG image. Save it again as PNG "
                     "and set it again."));
      return FALSE;
    }
  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, width, height);
  cr = cairo_create (surface);
  cairo_set_source_rgb (cr, 0.9, 0.9, 0.9);
  cairo_paint (cr);
  cairo_destroy (cr);
  cairo_surface_set_mime_data (surface, CAIRO_MIME_TYPE_JPEG, data, size,
                               (cairo_destroy_func_t) g_bytes_unref, g_bytes_ref (jpeg));
  self->logo = surface;
  return TRUE;
}

/* GObject overrides */

static void
rd_letter_finalize (GObject *object)
{
  RdLetter *self = RD_LETTER (object);

  invalidate (self);
  g_clear_pointer (&self->lines, g_array_unref);
  g_clear_pointer (&self->blocks, g_ptr_array_unref);
  g_clear_object (&self->context);
  g_clear_pointer (&self->fields, g_hash_table_unref);
  g_clear_pointer (&self->override, rd_template_free);
  g_clear_pointer (&self->subject, g_free);
  g_clear_pointer (&self->body, g_free);
  g_clear_pointer (&self->logo, cairo_surface_destroy);
  g_clear_pointer (&self->placeholders, g_hash_table_unref);
  g_clear_pointer (&self->deadlines, g_hash_table_unref);
  g_clear_pointer (&self->used, g_strfreev);

  G_OBJECT_CLASS (rd_letter_parent_class)->finalize (object);
}

static void
rd_letter_class_init (RdLetterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = rd_letter_finalize;
}

static void
rd_letter_init (RdLetter *self)
{
  self->fields = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->deadlines = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_date_clear (&self->date, 1);
  self->lines = g_array_new (FALSE, TRUE, sizeof (PlacedLine));
  self->blocks = g_ptr_array_new_with_free_func (g_object_unref);
  g_array_set_clear_func (self->lines, placed_line_clear);
}

/* Public API */

RdLetter *
rd_letter_new (RdLetterType type, RdLetterLanguage language)
{
  RdLetter *self;

  g_return_val_if_fail (type < RD_LETTER_N_TYPES, NULL);
  g_return_val_if_fail (language < RD_LETTER_N_LANGUAGES, NULL);

  self = g_object_new (RD_TYPE_LETTER, NULL);
  self->type = type;
  self->language = language;
  return self;
}

RdLetterType
rd_letter_get_letter_type (RdLetter *self)
{
  g_return_val_if_fail (RD_IS_LETTER (self), RD_LETTER_ACKNOWLEDGEMENT);

  return self->type;
}

RdLetterLanguage
rd_letter_get_language (RdLetter *self)
{
  g_return_val_if_fail (RD_IS_LETTER (self), RD_LETTER_LANGUAGE_EN);

  return self->language;
}

void
rd_letter_set_field (RdLetter *self, const char *name, const char *value)
{
  g_return_if_fail (RD_IS_LETTER (self));
  g_return_if_fail (name != NULL);

  if (value == NULL || *value == '\0')
    g_hash_table_remove (self->fields, name);
  else
    g_hash_table_insert (self->fields, g_strdup (name), g_strdup (value));
  invalidate (self);
}

const char *
rd_letter_get_field (RdLetter *self, const char *name)
{
  g_return_val_if_fail (RD_IS_LETTER (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  return field (self, name);
}

void
rd_letter_set_fields (RdLetter *self, GHashTable *fields)
{
  GHashTableIter iter;
  gpointer       key, value;

  g_return_if_fail (RD_IS_LETTER (self));
  g_return_if_fail (fields != NULL);

  g_hash_table_iter_init (&iter, fields);
  while (g_hash_table_iter_next (&iter, &key, &value))
    rd_letter_set_field (self, key, value);
}

void
rd_letter_set_date (RdLetter *self, const GDate *date)
{
  g_autofree char *text = NULL;

  g_return_if_fail (RD_IS_LETTER (self));
  g_return_if_fail (date != NULL && g_date_valid (date));

  text = rd_letter_format_date (date, self->language);
  rd_letter_set_field (self, "letter.date", text);
  self->date = *date;
}

/**
 * rd_letter_set_deadline:
 * @self: a letter
 * @name: a date field, e.g. "deadline.respond"
 * @due: (nullable): the deadline's date; %NULL or invalid clears the field
 *
 * Sets the field to @due, formatted, and remembers it as a deadline the
 * letter names, for rd_letter_dup_past_deadlines().
 */
void
rd_letter_set_deadline (RdLetter *self, const char *name, const GDate *due)
{
  g_autofree char *text = NULL;

  g_return_if_fail (RD_IS_LETTER (self));
  g_return_if_fail (name != NULL);

  if (due == NULL || !g_date_valid (due))
    {
      g_hash_table_remove (self->deadlines, name);
      rd_letter_set_field (self, name, NULL);
      return;
    }
  text = rd_letter_format_date (due, self->language);
  rd_letter_set_field (self, name, text);
  g_hash_table_insert (self->deadlines, g_strdup (name), g_memdup2 (due, sizeof *due));
}

/**
 * rd_letter_dup_past_deadlines:
 * @self: a composed letter
 *
 * The deadlines the letter's wording names that are already past on the
 * letter's own date (a letter about an earlier step, made late), one
 * translated sentence each, for the clerk to see before the letter goes.
 * Only the fields the template uses count.
 *
 * Returns: (transfer full): a %NULL-terminated array, empty if none
 */
char **
rd_letter_dup_past_deadlines (RdLetter *self)
{
  GPtrArray *warnings;

  g_return_val_if_fail (RD_IS_LETTER (self), NULL);

  warnings = g_ptr_array_new ();
  for (guint i = 0; self->used != NULL && g_date_valid (&self->date) && self->used[i] != NULL; i++)
    {
      const GDate             *due = g_hash_table_lookup (self->deadlines, self->used[i]);
      const RdLetterFieldInfo *info = rd_letter_field_lookup (self->used[i]);

      if (due == NULL || info == NULL || g_date_compare (due, &self->date) >= 0)
        continue;
      g_ptr_array_add (warnings,
                       g_strdup_printf (_("The letter gives %s as %s, which is already past on "
                                          "the letter’s date, %s. Check the wording before the "
                                          "letter goes."),
                                           _(info->description), field (self, self->used[i]),
                                              field (self, "letter.date")));
    }
  g_ptr_array_add (warnings, NULL);
  return (char **) g_ptr_array_free (warnings, FALSE);
}

gboolean
rd_letter_set_logo (RdLetter *self, GBytes *image, GError **error)
{
  cairo_surface_t *surface;
  PngReader        reader = { 0 };

  g_return_val_if_fail (RD_IS_LETTER (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  invalidate (self);
  g_clear_pointer (&self->logo, cairo_surface_destroy);
  if (image == NULL)
    return TRUE;

  reader.data = g_bytes_get_data (image, &reader.size);
  if (reader.size >= 3 && memcmp (reader.data, "\xFF\xD8\xFF", 3) == 0)
    return set_jpeg_logo (self, image, error);
  if (reader.size < 8 || memcmp (reader.data, "\x89PNG\r\n\x1a\n", 8) != 0)
    {
      g_set_error (error, RD_LETTER_ERROR, RD_LETTER_ERROR_LOGO,
                   _("The council’s logo is neither a PNG nor a JPEG image. Save it as PNG and "
                     "set it again."));
      return FALSE;
    }
  surface = cairo_image_surface_create_from_png_stream (png_read_cb, &reader);
  if (cairo_surface_status (surface) != CAIRO_STATUS_SUCCESS)
    {
      cairo_surface_destroy (surface);
      g_set_error (error, RD_LETTER_ERROR, RD_LETTER_ERROR_LOGO,
                   _("The council’s logo could not be read. Save it again as PNG and set it "
                     "again."));
      return FALSE;
    }
  self->logo = surface;
  return TRUE;
}

void
rd_letter_set_large_print (RdLetter *self, gboolean large_print)
{
  g_return_if_fail (RD_IS_LETTER (self));

  self->large_print = !!large_print;
  invalidate (self);
}

gboolean
rd_letter_get_large_print (RdLetter *self)
{
  g_return_val_if_fail (RD_IS_LETTER (self), FALSE);

  return self->large_print;
}

void
rd_letter_set_envelope_offset (RdLetter *self, double dx_mm, double dy_mm)
{
  g_return_if_fail (RD_IS_LETTER (self));

  self->offset_x_mm = CLAMP (dx_mm, -RD_LETTER_MAX_OFFSET_MM, RD_LETTER_MAX_OFFSET_MM);
  self->offset_y_mm = CLAMP (dy_mm, -RD_LETTER_MAX_OFFSET_MM, RD_LETTER_MAX_OFFSET_MM);
  invalidate (self);
}

gboolean
rd_letter_set_template (RdLetter *self, const char *text, GError **error)
{
  RdTemplate *parsed;

  g_return_val_if_fail (RD_IS_LETTER (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (text == NULL)
    {
      g_clear_pointer (&self->override, rd_template_free);
      return TRUE;
    }
  if (!rd_letter_template_validate (text, self->type, error))
    return FALSE;
  if ((parsed = rd_template_parse (text, error)) == NULL)
    return FALSE;
  g_clear_pointer (&self->override, rd_template_free);
  self->override = parsed;
  return TRUE;
}

gboolean
rd_letter_compose (RdLetter *self, GError **error)
{
  static const char *const layout_fields[] = {
    "council.name",   "council.address", "clerk.name",  "clerk.role",
    "recipient.name", "case.ref",        "letter.date", NULL,
  };
  g_autoptr(RdTemplate) shipped = NULL;
  g_auto(GStrv) in_use = NULL;
  RdTemplate *template;
  const char *const *used;
  char              *subject = NULL;

  g_return_val_if_fail (RD_IS_LETTER (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  template = self->override;
  if (template == NULL)
    {
      g_autofree char *text = rd_letter_load_default_template (self->type, self->language, error);

      if (text == NULL || (shipped = rd_template_parse (text, error)) == NULL)
        return FALSE;
      template = shipped;
    }

  /* Only the fields of the parts of {if} blocks that this letter keeps. */
  in_use = rd_template_dup_fields_in_use (template, value_cb, self);
  for (guint pass = 0; pass < 2; pass++)
    {
      used = pass == 0 ? layout_fields : (const char *const *) in_use;
      for (guint i = 0; used[i] != NULL; i++)
        {
          const RdLetterFieldInfo *info = rd_letter_field_lookup (used[i]);

          if (info == NULL)
            {
              g_set_error (error, RD_LETTER_ERROR, RD_LETTER_ERROR_UNKNOWN_FIELD,
                           _("The template uses the field {%s}, which Redress does not know."),
                              used[i]);
              return FALSE;
            }
          if ((info->flags & RD_LETTER_FIELD_OPTIONAL) == 0 && field (self, used[i]) == NULL &&
              (self->placeholders == NULL || pass == 0))
            {
              /* The council's own details are settings, not facts of the
               * case: say where they are set. */
              if (g_str_has_prefix (used[i], "council.") || g_str_has_prefix (used[i], "clerk."))
                g_set_error (error, RD_LETTER_ERROR, RD_LETTER_ERROR_NO_VALUE,
                             _("The letter needs %s (the field {%s}), which is not set yet. "
                               "Set it in Preferences (or with “redress-cli council set”), "
                               "then make the letter again."),
                                _(info->description), used[i]);
              else
                g_set_error (error, RD_LETTER_ERROR, RD_LETTER_ERROR_NO_VALUE,
                             _("The letter needs %s (the field {%s}), which is not recorded yet. "
                               "Record it, then make the letter again."),
                                _(info->description), used[i]);
              return FALSE;
            }
        }
    }

  g_strfreev (self->used);
  self->used = g_steal_pointer (&in_use);
  g_free (self->body);
  self->body = rd_template_expand (template, lookup_cb, self, &subject);
  g_free (self->subject);
  self->subject = subject;
  invalidate (self);
  return TRUE;
}

/**
 * rd_letter_set_placeholders:
 * @self: a letter
 * @placeholders: whether to compose with placeholders
 *
 * With placeholders, rd_letter_compose() does not fail on a field of the
 * template that has no value: it writes "[the reasons for the refusal]" in
 * its place for the clerk to replace in the editor. The letterhead, the
 * recipient, the reference and the date must still have values.
 */
void
rd_letter_set_placeholders (RdLetter *self, gboolean placeholders)
{
  g_return_if_fail (RD_IS_LETTER (self));

  if (placeholders && self->placeholders == NULL)
    self->placeholders = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  else if (!placeholders)
    g_clear_pointer (&self->placeholders, g_hash_table_unref);
}

/* Whether the subject or body still holds a placeholder compose() put there. */
gboolean
rd_letter_has_placeholders (RdLetter *self)
{
  GHashTableIter iter;
  gpointer       value;

  g_return_val_if_fail (RD_IS_LETTER (self), FALSE);

  if (self->placeholders == NULL)
    return FALSE;
  g_hash_table_iter_init (&iter, self->placeholders);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    if ((self->body != NULL && strstr (self->body, value) != NULL) ||
        (self->subject != NULL && strstr (self->subject, value) != NULL))
      return TRUE;
  return FALSE;
}

const char *
rd_letter_get_subject (RdLetter *self)
{
  g_return_val_if_fail (RD_IS_LETTER (self), NULL);

  return self->subject;
}

void
rd_letter_set_subject (RdLetter *self, const char *subject)
{
  g_return_if_fail (RD_IS_LETTER (self));

  g_free (self->subject);
  self->subject = g_strdup (subject);
  invalidate (self);
}

const char *
rd_letter_get_body (RdLetter *self)
{
  g_return_val_if_fail (RD_IS_LETTER (self), NULL);

  return self->body;
}

void
rd_letter_set_body (RdLetter *self, const char *body)
{
  g_return_if_fail (RD_IS_LETTER (self));

  g_free (self->body);
  self->body = g_strdup (body);
  invalidate (self);
}

guint
rd_letter_get_n_pages (RdLetter *self)
{
  g_return_val_if_fail (RD_IS_LETTER (self), 0);

  lay_out (self);
  return self->n_pages;
}

/**
 * rd_letter_draw_page:
 * @self: a letter
 * @cr: where to draw, in points, origin at the top left of an A4 sheet
 * @page_nr: the page, from 0
 *
 * Draws one page. The PDF export, the preview and the printer all call this.
 */
void
rd_letter_draw_page (RdLetter *self, cairo_t *cr, guint page_nr)
{
  const Sizes     *s;
  g_autofree char *footer = NULL;

  g_return_if_fail (RD_IS_LETTER (self));
  g_return_if_fail (cr != NULL);

  lay_out (self);
  g_return_if_fail (page_nr < self->n_pages);
  s = sizes (self);

  cairo_save (cr);
  cairo_set_source_rgb (cr, 0, 0, 0);

  if (page_nr == 0)
    {
      /* Letterhead. */
      cairo_move_to (cr, mm (MARGIN_LEFT_MM), mm (LETTERHEAD_Y_MM));
      pango_cairo_show_layout (cr, self->letterhead);
      if (self->logo != NULL)
        draw_logo (self, cr);

      /* The recipient, for the window. */
      cairo_move_to (cr, mm (RD_LETTER_ADDRESS_X_MM + self->offset_x_mm),
                     mm (RD_LETTER_ADDRESS_Y_MM + self->offset_y_mm));
      pango_cairo_show_layout (cr, self->address);

      if (self->column != NULL)
        {
          cairo_move_to (cr, mm (COLUMN_X_MM), mm (RD_LETTER_ADDRESS_Y_MM));
          pango_cairo_show_layout (cr, self->column);
        }

      /* A fold mark in the margin, a third of the way down. */
      cairo_save (cr);
      cairo_set_source_rgb (cr, 0.6, 0.6, 0.6);
      cairo_set_line_width (cr, 0.5);
      cairo_move_to (cr, mm (4.0), mm (FOLD_MM));
      cairo_line_to (cr, mm (9.0), mm (FOLD_MM));
      cairo_stroke (cr);
      cairo_restore (cr);
    }
  else if (field (self, "case.ref") != NULL)
    {
      g_autofree char *text = g_strdup_printf ("%s %s", wording[self->language].our_ref,
                                               field (self, "case.ref"));
      g_autoptr(PangoLayout) header = make_layout (self, text, s->small, FALSE,
                                                    mm (210.0 - MARGIN_LEFT_MM - MARGIN_RIGHT_MM));

      pango_layout_set_alignment (header, PANGO_ALIGN_RIGHT);
      cairo_move_to (cr, mm (MARGIN_LEFT_MM), mm (HEADER_Y_MM));
      pango_cairo_show_layout (cr, header);
    }

  for (guint i = 0; i < self->lines->len; i++)
    {
      PlacedLine *placed = &g_array_index (self->lines, PlacedLine, i);

      if (placed->page != page_nr)
        continue;
      cairo_move_to (cr, placed->x, placed->baseline);
      pango_cairo_show_layout_line (cr, placed->line);
    }

  footer = g_strdup_printf ("%s %u %s %u", wording[self->language].page, page_nr + 1,
                            wording[self->language].of, self->n_pages);
  draw_centred (self, cr, footer, s->small, mm (FOOTER_Y_MM));

  cairo_restore (cr);
}

/**
 * rd_letter_check_address:
 * @self: a letter
 * @error: return location for a #GError
 *
 * Checks that the recipient's name and address fit, whole, inside the
 * envelope window at 8 pt or more. A block that does not fit is never cut:
 * the letter is refused (%RD_LETTER_ERROR_ADDRESS_TOO_LONG) with the number
 * of lines the address should be shortened to.
 *
 * Returns: %TRUE if the address block fits
 */
gboolean
rd_letter_check_address (RdLetter *self, GError **error)
{
  g_return_val_if_fail (RD_IS_LETTER (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  lay_out (self);
  if (self->address_fits)
    return TRUE;
  if (self->address_max_lines == 0)
    g_set_error (error, RD_LETTER_ERROR, RD_LETTER_ERROR_ADDRESS_TOO_LONG,
                 _("The recipient’s name is too long to show through the envelope window: "
                   "shorten it in the complainant’s details."));
  else
    g_set_error (error, RD_LETTER_ERROR, RD_LETTER_ERROR_ADDRESS_TOO_LONG,
                 g_dngettext (GETTEXT_PACKAGE,
                              "The address has too many lines to show through the envelope "
                              "window: shorten it to %u line, the postcode included, in the "
                              "complainant’s details.",
                              "The address has too many lines to show through the envelope "
                              "window: shorten it to %u lines, the postcode included, in the "
                              "complainant’s details.",
                              self->address_max_lines),
                 self->address_max_lines);
  return FALSE;
}

GBytes *
rd_letter_to_pdf (RdLetter *self, GError **error)
{
  g_autoptr(RdPdfWriter) writer = NULL;
  g_autofree char *title = NULL;
  guint            n_pages;

  g_return_val_if_fail (RD_IS_LETTER (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (self->body == NULL && !rd_letter_compose (self, error))
    return NULL;
  if (!rd_letter_check_address (self, error))
    return NULL;

  n_pages = rd_letter_get_n_pages (self);
  writer = rd_pdf_writer_new ();
  title = g_strdup_printf ("%s %s", rd_letter_type_to_string (self->type),
                           field (self, "case.ref") ? field (self, "case.ref") : "");
  rd_pdf_writer_set_title (writer, title);
  for (guint i = 0; i < n_pages; i++)
    {
      cairo_t *cr = rd_pdf_writer_begin_page (writer, RD_PDF_A4_WIDTH, RD_PDF_A4_HEIGHT);

      rd_letter_draw_page (self, cr, i);
      rd_pdf_writer_end_page (writer);
    }
  return rd_pdf_writer_finish_bytes (g_steal_pointer (&writer), error);
}

gboolean
rd_letter_save_pdf (RdLetter *self, GFile *file, GError **error)
{
  g_autoptr(GBytes) pdf = NULL;

  g_return_val_if_fail (RD_IS_LETTER (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if ((pdf = rd_letter_to_pdf (self, error)) == NULL)
    return FALSE;
  return rd_pdf_save_bytes (pdf, file, error);
}

char *
rd_letter_format_date (const GDate *date, RdLetterLanguage language)
{
  const char *const *days;
  const char *const *months;

  g_return_val_if_fail (date != NULL && g_date_valid (date), NULL);
  g_return_val_if_fail (language < RD_LETTER_N_LANGUAGES, NULL);

  days = language == RD_LETTER_LANGUAGE_CY ? cy_days : en_days;
  months = language == RD_LETTER_LANGUAGE_CY ? cy_months : en_months;
  return g_strdup_printf ("%s %u %s %u", days[g_date_get_weekday (date)], g_date_get_day (date),
                          months[g_date_get_month (date)], g_date_get_year (date));
}

char *
rd_letter_load_default_template (RdLetterType type, RdLetterLanguage language, GError **error)
{
  g_autofree char *path = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (type < RD_LETTER_N_TYPES, NULL);
  g_return_val_if_fail (language < RD_LETTER_N_LANGUAGES, NULL);

  path = g_strdup_printf ("%s/%s/%s.txt", LETTERS_RESOURCE_PATH,
                          rd_letter_language_to_string (language), rd_letter_type_to_string (type));
  if ((bytes = load_resource (path, &local_error)) == NULL)
    {
      g_set_error (error, RD_LETTER_ERROR, RD_LETTER_ERROR_INVALID,
                   _("Redress has no template for this letter in this language. "
                     "Reinstall Redress, or give the council’s own template."));
      return NULL;
    }
  return g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

void
rd_letter_draw_calibration_page (cairo_t *cr, double dx_mm, double dy_mm)
{
  PangoLayout *layout;
  g_autoptr(PangoFontDescription) desc = pango_font_description_from_string (FONT_FAMILY " 10");
  double dash = 2.0;

  g_return_if_fail (cr != NULL);

  dx_mm = CLAMP (dx_mm, -RD_LETTER_MAX_OFFSET_MM, RD_LETTER_MAX_OFFSET_MM);
  dy_mm = CLAMP (dy_mm, -RD_LETTER_MAX_OFFSET_MM, RD_LETTER_MAX_OFFSET_MM);

  cairo_save (cr);
  cairo_set_line_width (cr, 0.5);

  /* The envelope window where it falls on the sheet: dashed. */
  cairo_set_source_rgb (cr, 0.4, 0.4, 0.4);
  cairo_set_dash (cr, &dash, 1, 0);
  cairo_rectangle (cr, mm (RD_LETTER_WINDOW_X_MM), mm (RD_LETTER_WINDOW_Y_MM),
                   mm (RD_LETTER_WINDOW_WIDTH_MM), mm (RD_LETTER_WINDOW_HEIGHT_MM));
  cairo_stroke (cr);
  cairo_set_dash (cr, NULL, 0, 0);

  /* Where the address will be printed, with the offset: solid. */
  cairo_set_source_rgb (cr, 0, 0, 0);
  cairo_rectangle (cr, mm (RD_LETTER_ADDRESS_X_MM + dx_mm), mm (RD_LETTER_ADDRESS_Y_MM + dy_mm),
                   mm (RD_LETTER_ADDRESS_WIDTH_MM), mm (RD_LETTER_ADDRESS_HEIGHT_MM));
  cairo_stroke (cr);

  /* Fold lines, a third and two thirds of the way down. */
  cairo_set_dash (cr, &dash, 1, 0);
  for (int i = 1; i <= 2; i++)
    {
      cairo_move_to (cr, 0, mm (FOLD_MM * i));
      cairo_line_to (cr, RD_PDF_A4_WIDTH, mm (FOLD_MM * i));
    }
  cairo_stroke (cr);
  cairo_set_dash (cr, NULL, 0, 0);

  layout = pango_cairo_create_layout (cr);
  pango_layout_set_font_description (layout, desc);
  pango_layout_set_width (layout, (int) (mm (RD_LETTER_ADDRESS_WIDTH_MM - 4) * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_text (layout, _("The address is printed inside this box."), -1);
  cairo_move_to (cr, mm (RD_LETTER_ADDRESS_X_MM + dx_mm + 2),
                 mm (RD_LETTER_ADDRESS_Y_MM + dy_mm + 2));
  pango_cairo_show_layout (cr, layout);

  {
    g_autofree char *text = g_strdup_printf (
        _("Calibration sheet. Print this page at actual size (no scaling), fold it in three "
          "along the dashed lines and put it in a window envelope. The box must show whole in "
          "the window. If it does not, move the address in Preferences by the distance it is "
          "out, in millimetres. Now: %+.1f mm across, %+.1f mm down."),
           dx_mm, dy_mm);

    pango_layout_set_width (layout, (int) (mm (160) * PANGO_SCALE));
    pango_layout_set_text (layout, text, -1);
    cairo_move_to (cr, mm (MARGIN_LEFT_MM), mm (120));
    pango_cairo_show_layout (cr, layout);
  }
  g_object_unref (layout);
  cairo_restore (cr);
}

GBytes *
rd_letter_calibration_pdf (double dx_mm, double dy_mm, GError **error)
{
  RdPdfWriter *writer = rd_pdf_writer_new ();
  cairo_t     *cr = rd_pdf_writer_begin_page (writer, RD_PDF_A4_WIDTH, RD_PDF_A4_HEIGHT);

  rd_letter_draw_calibration_page (cr, dx_mm, dy_mm);
  rd_pdf_writer_end_page (writer);
  return rd_pdf_writer_finish_bytes (writer, error);
}

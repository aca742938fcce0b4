/* afs-report-pdf.c: lays the service report out as A4 pages.
 *
 * The document is turned into a list of blocks (a heading, a label and
 * value row, a paragraph, a table row, a row of photos, the signatures,
 * the verification box), then the blocks are put on pages top to bottom.
 * A paragraph longer than what is left of a page is cut between two
 * lines and continues on the next page; a heading is kept with what
 * follows it; a table's header row is repeated on each page it runs onto.
 * All measuring happens once, in afs_report_layout_new(), with hinting
 * off, so the pages look the same on every cairo_t they are drawn on.
 *
 * Copyright 2026 The AfterSales authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <cairo-pdf.h>
#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib/gi18n-lib.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <string.h>

#include "afs-error.h"
#include "afs-report-pdf.h"
#include "afs-signature-render.h"
#include "afs-strokes.h"
#include "afs-verification-code.h"

/* Page geometry, in points. */
#define MARGIN_X      48.0
#define MARGIN_TOP    46.0
#define MARGIN_BOTTOM 58.0
#define CONTENT_W     (AFS_REPORT_PAGE_WIDTH - 2 * MARGIN_X)
#define CONTENT_TOP   MARGIN_TOP
#define CONTENT_BOTTOM (AFS_REPORT_PAGE_HEIGHT - MARGIN_BOTTOM)

/* Type sizes, in points. */
#define SIZE_BODY   9.5
#define SIZE_SMALL  8.0
#define SIZE_HEAD   12.0
#define SIZE_TITLE  16.0

#define PHOTO_GAP     12.0
#define PHOTO_HEIGHT  176.0
#define SIGNATURE_BOX 84.0

/* A photo is embedded at most this many pixels on its long side: about
 * 300 dpi in its box on paper, and what keeps a PDF of 20 photos small. */
#define PHOTO_MAX_PIXELS 1024

#define INK_R 0.05
#define INK_G 0.08
#define INK_B 0.25

typedef enum {
  BLOCK_TEXT,        /* one paragraph; may be split between lines */
  BLOCK_ROW,         /* cells side by side; never split */
  BLOCK_SPACE,
  BLOCK_PHOTOS,      /* up to two photos with captions */
  BLOCK_SIGNATURES,  /* customer and technician */
  BLOCK_VERIFY,      /* the hash and the verification code */
} BlockKind;

typedef enum {
  ROW_PLAIN  = 0,
  ROW_SHADED = 1 << 0,   /* a table's header */
  ROW_RULE   = 1 << 1,   /* a hairline under the row */
  ROW_THICK  = 1 << 2,   /* a heavy rule under the row (section, header) */
} RowFlags;

#define MAX_CELLS 8

typedef struct {
  PangoLayout *layout;
  double       x;
  double       width;
  double       dy;       /* BLOCK_ROW: down by this, so first baselines line up */
} Cell;

typedef struct _Block Block;
struct _Block {
  BlockKind  kind;
  double     height;       /* the whole block */
  double     pad_top;
  double     pad_bottom;
  Cell       cells[MAX_CELLS];
  guint      n_cells;
  RowFlags   flags;
  gboolean   keep_with_next;
  Block     *repeat_header;
  /* BLOCK_TEXT: the top of each line, and the bottom of the last */
  double    *line_top;
  guint      n_lines;
  /* BLOCK_PHOTOS */
  guint      photo[2];
  guint      n_photos;
};

typedef struct {
  Block *block;
  double y;
  guint  first_line;    /* BLOCK_TEXT: the lines on this page */
  guint  n_lines;
  double height;
} Placement;

struct _AfsReportLayout {
  GObject parent_instance;

  AfsReportDocument *doc;
  char              *verification_code;
  PangoFontMap      *font_map;
  PangoContext      *context;
  GPtrArray         *blocks;    /* of Block */
  GPtrArray         *pages;     /* of GArray of Placement */
  /* Per signature: parsed strokes, or NULL when not signed or damaged. */
  AfsStrokes        *customer_strokes;
  AfsStrokes        *technician_strokes;
};

G_DEFINE_FINAL_TYPE (AfsReportLayout, afs_report_layout, G_TYPE_OBJECT)

static void
block_free (Block *b)
{
  for (guint i = 0; i < b->n_cells; i++)
    g_clear_object (&b->cells[i].layout);
  g_free (b->line_top);
  g_free (b);
}

static void
afs_report_layout_finalize (GObject *object)
{
  AfsReportLayout *self = AFS_REPORT_LAYOUT (object);

  g_clear_pointer (&self->pages, g_ptr_array_unref);
  g_clear_pointer (&self->blocks, g_ptr_array_unref);
  g_clear_object (&self->context);
  g_clear_object (&self->font_map);
  g_clear_pointer (&self->doc, afs_report_document_free);
  g_clear_pointer (&self->customer_strokes, afs_strokes_free);
  g_clear_pointer (&self->technician_strokes, afs_strokes_free);
  g_free (self->verification_code);

  G_OBJECT_CLASS (afs_report_layout_parent_class)->finalize (object);
}

static void
afs_report_layout_class_init (AfsReportLayoutClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = afs_report_layout_finalize;
}

static void
afs_report_layout_init (AfsReportLayout *self)
{
  self->blocks = g_ptr_array_new_with_free_func ((GDestroyNotify) block_free);
  self->pages = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
}

/* ---- text helpers ---------------------------------------------------- */

static gboolean
has_text (const char *s)
{
  if (s == NULL)
    return FALSE;
  for (; *s; s++)
    if (!g_ascii_isspace (*s))
      return TRUE;
  return FALSE;
}

static char *
format_time (gint64 t)
{
  g_autoptr(GDateTime) dt = NULL;

  if (t <= 0)
    return g_strdup ("—");
  dt = g_date_time_new_from_unix_local (t);
  if (dt == NULL)
    return g_strdup ("—");
  return g_date_time_format (dt, "%Y-%m-%d %H:%M");
}

static char *
format_number (double v)
{
  /* Quantities: 1, 2.5, 0.25; locale decimal separator is fine on paper. */
  if (fabs (v - round (v)) < 1e-9)
    return g_strdup_printf ("%.0f", v);
  return g_strdup_printf ("%.2f", v);
}

static char *
format_money (double v,
              const char *currency)
{
  if (has_text (currency))
    return g_strdup_printf ("%.2f %s", v, currency);
  return g_strdup_printf ("%.2f", v);
}

typedef enum {
  FONT_BODY,
  FONT_BOLD,
  FONT_SMALL,      /* labels, captions, footers */
  FONT_SMALL_BOLD,
  FONT_HEAD,
  FONT_TITLE,
  FONT_MONO,
  FONT_CODE,
} Font;

static PangoFontDescription *
font_description (Font font)
{
  PangoFontDescription *d;
  const char *family = AFS_REPORT_FONT_FAMILY;
  double size = SIZE_BODY;
  PangoWeight weight = PANGO_WEIGHT_NORMAL;

  switch (font)
    {
    case FONT_BODY: break;
    case FONT_BOLD: weight = PANGO_WEIGHT_BOLD; break;
    case FONT_SMALL: size = SIZE_SMALL; break;
    case FONT_SMALL_BOLD: size = SIZE_SMALL; weight = PANGO_WEIGHT_BOLD; break;
    case FONT_HEAD: size = SIZE_HEAD; weight = PANGO_WEIGHT_BOLD; break;
    case FONT_TITLE: size = SIZE_TITLE; weight = PANGO_WEIGHT_BOLD; break;
    case FONT_MONO: family = "DejaVu Sans Mono, monospace"; size = 8.0; break;
    case FONT_CODE: family = "DejaVu Sans Mono, monospace"; size = 15.0; weight = PANGO_WEIGHT_BOLD; break;
    default: g_assert_not_reached ();
    }

  d = pango_font_description_new ();
  pango_font_description_set_family (d, family);
  pango_font_description_set_size (d, (int) (size * PANGO_SCALE));
  pango_font_description_set_weight (d, weight);
  return d;
}

static PangoLayout *
make_layout (AfsReportLayout *self,
             const char      *text,
             Font             font,
             double           width,
             PangoAlignment   align)
{
  PangoLayout *layout = pango_layout_new (self->context);
  PangoFontDescription *d = font_description (font);

  pango_layout_set_font_description (layout, d);
  pango_font_description_free (d);
  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_alignment (layout, align);
  pango_layout_set_text (layout, text ? text : "", -1);
  return layout;
}

static double
layout_height (PangoLayout *layout)
{
  int h;

  pango_layout_get_size (layout, NULL, &h);
  return (double) h / PANGO_SCALE;
}

/* ---- blocks ---------------------------------------------------------- */

static Block *
add_block (AfsReportLayout *self,
           BlockKind        kind)
{
  Block *b = g_new0 (Block, 1);

  b->kind = kind;
  g_ptr_array_add (self->blocks, b);
  return b;
}

static void
measure_lines (Block *b)
{
  PangoLayoutIter *iter = pango_layout_get_iter (b->cells[0].layout);
  guint n = (guint) pango_layout_get_line_count (b->cells[0].layout);
  guint i = 0;

  b->line_top = g_new0 (double, n + 1);
  do
    {
      int y0, y1;

      pango_layout_iter_get_line_yrange (iter, &y0, &y1);
      b->line_top[i] = (double) y0 / PANGO_SCALE;
      b->line_top[i + 1] = (double) y1 / PANGO_SCALE;
      i++;
    }
  while (i < n && pango_layout_iter_next_line (iter));
  pango_layout_iter_free (iter);
  b->n_lines = i;
}

static Block *
add_text (AfsReportLayout *self,
          const char      *text,
          Font             font,
          double           indent,
          double           pad_top,
          double           pad_bottom)
{
  Block *b = add_block (self, BLOCK_TEXT);

  b->cells[0].layout = make_layout (self, text, font, CONTENT_W - indent, PANGO_ALIGN_LEFT);
  b->cells[0].x = indent;
  b->cells[0].width = CONTENT_W - indent;
  b->n_cells = 1;
  b->pad_top = pad_top;
  b->pad_bottom = pad_bottom;
  measure_lines (b);
  b->height = pad_top + b->line_top[b->n_lines] + pad_bottom;
  return b;
}

static void
add_space (AfsReportLayout *self,
           double           height)
{
  Block *b = add_block (self, BLOCK_SPACE);

  b->height = height;
}

static void
add_heading (AfsReportLayout *self,
             const char      *title)
{
  Block *b = add_text (self, title, FONT_HEAD, 0, 12, 5);

  b->flags = ROW_THICK;
  b->keep_with_next = TRUE;
}

/* Lines up the cells' first baselines (a small bold label next to a
 * larger value sits on the same line) and sets the row's height. */
static void
row_measure (Block *b)
{
  double baseline = 0, h = 0;

  for (guint i = 0; i < b->n_cells; i++)
    baseline = MAX (baseline, (double) pango_layout_get_baseline (b->cells[i].layout) / PANGO_SCALE);
  for (guint i = 0; i < b->n_cells; i++)
    {
      b->cells[i].dy = baseline - (double) pango_layout_get_baseline (b->cells[i].layout) / PANGO_SCALE;
      h = MAX (h, b->cells[i].dy + layout_height (b->cells[i].layout));
    }
  b->height = b->pad_top + h + b->pad_bottom;
}

/* A row of cells; @texts[i] NULL leaves the cell empty. */
static Block *
add_row (AfsReportLayout      *self,
         guint                 n,
         const double         *widths,
         const char * const   *texts,
         const Font           *fonts,
         const PangoAlignment *aligns,
         RowFlags              flags)
{
  Block *b = add_block (self, BLOCK_ROW);
  double x = 0;

  g_assert (n <= MAX_CELLS);

  b->flags = flags;
  b->pad_top = (flags & (ROW_RULE | ROW_SHADED)) ? 3 : 1.5;
  b->pad_bottom = b->pad_top;
  for (guint i = 0; i < n; i++)
    {
      double inner = widths[i] - 6;

      b->cells[i].x = x + 3;
      b->cells[i].width = inner;
      b->cells[i].layout = make_layout (self, texts[i], fonts ? fonts[i] : FONT_BODY, inner,
                                        aligns ? aligns[i] : PANGO_ALIGN_LEFT);
      x += widths[i];
    }
  b->n_cells = n;
  row_measure (b);
  return b;
}

/* Values longer than this get their own paragraph (which can run onto
 * the next page) instead of a label and value row. */
#define LONG_VALUE 240

static void
add_field (AfsReportLayout *self,
           const char      *label,
           const char      *value)
{
  static const double widths[] = { 150, CONTENT_W - 150 };
  static const Font fonts[] = { FONT_SMALL_BOLD, FONT_BODY };

  if (!has_text (value))
    return;

  if (strlen (value) > LONG_VALUE || strchr (value, '\n') != NULL)
    {
      Block *l = add_text (self, label, FONT_SMALL_BOLD, 3, 4, 1);

      l->keep_with_next = TRUE;
      add_text (self, value, FONT_BODY, 3, 0, 3);
    }
  else
    {
      const char *texts[] = { label, value };

      add_row (self, 2, widths, texts, fonts, NULL, ROW_PLAIN);
    }
}

static void
add_field_time (AfsReportLayout *self,
                const char      *label,
                gint64           t)
{
  g_autofree char *s = NULL;

  if (t <= 0)
    return;
  s = format_time (t);
  add_field (self, label, s);
}

/* A table: the header row (repeated on each page the table runs onto)
 * and its rows. */
typedef struct {
  AfsReportLayout      *self;
  guint                 n;
  const double         *widths;
  const PangoAlignment *aligns;
  Block                *header;
} Table;

static void
table_begin (Table                *t,
             AfsReportLayout      *self,
             guint                 n,
             const double         *widths,
             const PangoAlignment *aligns,
             const char * const   *titles)
{
  Font fonts[MAX_CELLS];

  for (guint i = 0; i < n; i++)
    fonts[i] = FONT_SMALL_BOLD;
  t->self = self;
  t->n = n;
  t->widths = widths;
  t->aligns = aligns;
  t->header = add_row (self, n, widths, titles, fonts, aligns, ROW_SHADED);
  t->header->keep_with_next = TRUE;
}

static void
table_row (Table              *t,
           const char * const *texts)
{
  Block *b = add_row (t->self, t->n, t->widths, texts, NULL, t->aligns, ROW_RULE);

  b->repeat_header = t->header;
}

/* ---- the document ---------------------------------------------------- */

static const char *
or_dash (const char *s)
{
  return has_text (s) ? s : "—";
}

static void
build_header (AfsReportLayout *self)
{
  const AfsReportDocument *doc = self->doc;
  static const double widths[] = { CONTENT_W * 0.58, CONTENT_W * 0.42 };
  static const Font title_fonts[] = { FONT_TITLE, FONT_TITLE };
  static const PangoAlignment aligns[] = { PANGO_ALIGN_LEFT, PANGO_ALIGN_RIGHT };
  static const Font fonts[] = { FONT_SMALL, FONT_SMALL };
  g_autofree char *company_lines = NULL;
  g_autofree char *version = NULL;
  g_autofree char *case_line = NULL;
  g_autofree char *printed = NULL;
  g_autofree char *printed_line = NULL;
  const char *titles[2];
  const char *texts[2];
  Block *b;

  titles[0] = has_text (doc->company_name) ? doc->company_name : "";
  titles[1] = _("Service report");
  b = add_row (self, 2, widths, titles, title_fonts, aligns, ROW_PLAIN);
  b->pad_top = 0;

  company_lines = g_strjoin ("\n", or_dash (doc->company_address),
                             has_text (doc->company_phone) ? doc->company_phone : "", NULL);
  g_strstrip (company_lines);
  version = g_strdup_printf (_("Version %d"), MAX (doc->report_version, 1));
  printed = format_time (doc->printed_at > 0 ? doc->printed_at : g_get_real_time () / G_USEC_PER_SEC);
  printed_line = g_strdup_printf (_("Printed %s"), printed);
  case_line = g_strdup_printf ("%s\n%s\n%s", or_dash (doc->case_number), version, printed_line);
  texts[0] = company_lines;
  texts[1] = case_line;
  b = add_row (self, 2, widths, texts, fonts, aligns, ROW_THICK);
  {
    /* The case number stands out; version and date are small. */
    PangoAttrList *attrs = pango_attr_list_new ();
    PangoAttribute *a = pango_attr_weight_new (PANGO_WEIGHT_BOLD);
    guint end = strlen (or_dash (doc->case_number));

    a->start_index = 0;
    a->end_index = end;
    pango_attr_list_insert (attrs, a);
    a = pango_attr_size_new ((int) (SIZE_HEAD * PANGO_SCALE));
    a->start_index = 0;
    a->end_index = end;
    pango_attr_list_insert (attrs, a);
    pango_layout_set_attributes (b->cells[1].layout, attrs);
    pango_attr_list_unref (attrs);
    row_measure (b);
  }

  if (!has_text (doc->content_hash))
    add_text (self, _("Draft: not signed. This copy has no verification code."),
              FONT_SMALL_BOLD, 0, 6, 0);
  add_space (self, 4);
}

static void
build_case (AfsReportLayout *self)
{
  const AfsReportDocument *doc = self->doc;

  add_heading (self, _("Case"));
  add_field (self, _("Case number"), doc->case_number);
  add_field_time (self, _("Registered"), doc->opened_at);
  add_field_time (self, _("Deadline"), doc->deadline_at);
  add_field (self, _("Category"), doc->category);
  add_field (self, _("Severity"), doc->severity);
  add_field (self, _("Problem reported"), doc->problem);
}

static void
build_customer (AfsReportLayout *self)
{
  const AfsReportDocument *doc = self->doc;

  add_heading (self, _("Customer"));
  add_field (self, _("Customer"), or_dash (doc->customer_name));
  add_field (self, _("Address"), doc->customer_address);
  add_field (self, _("Contact"), doc->contact_name);
  add_field (self, _("Phone"), doc->contact_phone);
}

static void
build_equipment (AfsReportLayout *self)
{
  const AfsReportDocument *doc = self->doc;

  add_heading (self, _("Equipment"));
  add_field (self, _("Model"), or_dash (doc->equipment_model));
  add_field (self, _("Serial number"), doc->serial_number);
  add_field (self, _("Production date"), doc->production_date);
  add_field (self, _("Purchase date"), doc->purchase_date);
  add_field (self, _("Warranty"), doc->warranty);
}

static void
build_visits (AfsReportLayout *self)
{
  static const double widths[] = { 135, 95, 95, 95, CONTENT_W - 420 };
  static const PangoAlignment aligns[] = {
    PANGO_ALIGN_LEFT, PANGO_ALIGN_LEFT, PANGO_ALIGN_LEFT, PANGO_ALIGN_LEFT, PANGO_ALIGN_RIGHT
  };
  const char *titles[] = {
    _("Technician"), _("Travel started"), _("Arrived"), _("Left"), _("On site")
  };
  GPtrArray *visits = self->doc->visits;
  Table t;

  if (visits == NULL || visits->len == 0)
    return;

  add_heading (self, _("Visits"));
  table_begin (&t, self, 5, widths, aligns, titles);
  for (guint i = 0; i < visits->len; i++)
    {
      AfsReportVisit *v = g_ptr_array_index (visits, i);
      g_autofree char *a = format_time (v->travel_started_at);
      g_autofree char *b = format_time (v->arrived_at);
      g_autofree char *c = format_time (v->left_at);
      g_autofree char *d = NULL;
      const char *texts[5];

      if (v->arrived_at > 0 && v->left_at >= v->arrived_at)
        {
          gint64 minutes = (v->left_at - v->arrived_at) / 60;

          d = g_strdup_printf (_("%lld h %02lld min"), (long long) (minutes / 60),
                               (long long) (minutes % 60));
        }
      texts[0] = or_dash (v->technician);
      texts[1] = a;
      texts[2] = b;
      texts[3] = c;
      texts[4] = d ? d : "—";
      table_row (&t, texts);
    }
}

static void
build_report (AfsReportLayout *self)
{
  const AfsReportDocument *doc = self->doc;
  g_autofree char *confirmed = NULL;
  g_autofree char *labour = NULL;

  add_heading (self, _("Repair report"));

  if (has_text (doc->fault_confirmed_note))
    confirmed = g_strdup_printf ("%s. %s", doc->fault_confirmed ? _("Yes") : _("No"),
                                 doc->fault_confirmed_note);
  else
    confirmed = g_strdup (doc->fault_confirmed ? _("Yes") : _("No"));
  add_field (self, _("Fault confirmed with the customer"), confirmed);
  add_field (self, _("Diagnosis"), doc->diagnosis);
  add_field (self, _("Cause"), doc->cause);
  add_field (self, _("Work done"), doc->actions);
  if (doc->labour_minutes > 0)
    {
      labour = g_strdup_printf (_("%d h %02d min"), doc->labour_minutes / 60, doc->labour_minutes % 60);
      add_field (self, _("Labour time"), labour);
    }
  add_field (self, _("Test result"), doc->test_result);
  add_field (self, _("Outcome"), doc->outcome);
  add_field (self, _("Advice on use and maintenance"), doc->advice);
}

static void
build_parts (AfsReportLayout *self)
{
  static const double widths[] = { 26, CONTENT_W - 26 - 44 - 92 - 80 - 80, 44, 92, 80, 80 };
  static const PangoAlignment aligns[] = {
    PANGO_ALIGN_RIGHT, PANGO_ALIGN_LEFT, PANGO_ALIGN_RIGHT, PANGO_ALIGN_LEFT,
    PANGO_ALIGN_RIGHT, PANGO_ALIGN_RIGHT
  };
  const char *titles[] = {
    _("No."), _("Part"), _("Qty"), _("Paid by"), _("Unit price"), _("Amount")
  };
  const AfsReportDocument *doc = self->doc;
  double chargeable = 0;
  Table t;

  if (doc->parts == NULL || doc->parts->len == 0)
    return;

  add_heading (self, _("Parts used"));
  table_begin (&t, self, 6, widths, aligns, titles);
  for (guint i = 0; i < doc->parts->len; i++)
    {
      AfsReportDocPart *p = g_ptr_array_index (doc->parts, i);
      g_autofree char *no = g_strdup_printf ("%u", i + 1);
      g_autofree char *name = NULL;
      g_autofree char *qty = format_number (p->quantity);
      g_autofree char *price = format_money (p->unit_price, NULL);
      g_autofree char *amount = format_money (p->under_warranty ? 0 : p->quantity * p->unit_price, NULL);
      const char *texts[6];

      if (has_text (p->part_number))
        name = g_strdup_printf ("%s · %s", p->part_number, or_dash (p->name));
      else
        name = g_strdup (or_dash (p->name));
      if (!p->under_warranty)
        chargeable += p->quantity * p->unit_price;

      texts[0] = no;
      texts[1] = name;
      texts[2] = qty;
      texts[3] = p->under_warranty ? _("Warranty") : _("Chargeable");
      texts[4] = price;
      texts[5] = amount;
      table_row (&t, texts);
    }

  {
    static const double w2[] = { CONTENT_W - 160, 160 };
    static const Font f2[] = { FONT_BOLD, FONT_BOLD };
    static const PangoAlignment a2[] = { PANGO_ALIGN_RIGHT, PANGO_ALIGN_RIGHT };
    g_autofree char *total = format_money (chargeable, doc->currency);
    const char *texts[] = { _("Chargeable total"), total };

    add_row (self, 2, w2, texts, f2, a2, ROW_PLAIN);
  }
}

static void
build_remedies (AfsReportLayout *self)
{
  static const double widths[] = { 88, 110, 90, 40, CONTENT_W - 328 };
  static const PangoAlignment aligns[] = {
    PANGO_ALIGN_LEFT, PANGO_ALIGN_LEFT, PANGO_ALIGN_LEFT, PANGO_ALIGN_RIGHT, PANGO_ALIGN_LEFT
  };
  const char *titles[] = { _("Remedy"), _("Item"), _("Specification"), _("Qty"), _("Reason") };
  const AfsReportDocument *doc = self->doc;
  Table t;

  if (doc->remedies == NULL || doc->remedies->len == 0)
    return;

  add_heading (self, _("Remedy"));
  table_begin (&t, self, 5, widths, aligns, titles);
  for (guint i = 0; i < doc->remedies->len; i++)
    {
      AfsReportRemedy *r = g_ptr_array_index (doc->remedies, i);
      g_autofree char *qty = r->quantity > 0 ? format_number (r->quantity) : g_strdup ("—");
      const char *texts[] = {
        or_dash (r->kind), or_dash (r->item), or_dash (r->spec), qty, or_dash (r->reason)
      };

      table_row (&t, texts);
    }
}

static void
build_photos (AfsReportLayout *self)
{
  GPtrArray *photos = self->doc->photos;

  if (photos == NULL || photos->len == 0)
    return;

  add_heading (self, _("Photos"));
  for (guint i = 0; i < photos->len; i += 2)
    {
      Block *b = add_block (self, BLOCK_PHOTOS);
      double caption_h = 0;
      double w = (CONTENT_W - PHOTO_GAP) / 2;

      b->n_photos = MIN (2, photos->len - i);
      for (guint k = 0; k < b->n_photos; k++)
        {
          AfsReportPhoto *p = g_ptr_array_index (photos, i + k);
          g_autofree char *taken = p->taken_at > 0 ? format_time (p->taken_at) : NULL;
          g_autofree char *caption = NULL;

          /* "3. Damaged part, close up: dent by the hinge (2026-11-02 10:14)" */
          caption = g_strdup_printf ("%u. %s%s%s%s%s%s", i + k + 1,
                                     has_text (p->kind) ? p->kind : _("Photo"),
                                     has_text (p->caption) ? ": " : "",
                                     has_text (p->caption) ? p->caption : "",
                                     taken ? " (" : "", taken ? taken : "", taken ? ")" : "");
          b->photo[k] = i + k;
          b->cells[k].x = k * (w + PHOTO_GAP);
          b->cells[k].width = w;
          b->cells[k].layout = make_layout (self, caption, FONT_SMALL, w, PANGO_ALIGN_LEFT);
          /* At most three lines of caption; the rest is in the app. */
          pango_layout_set_height (b->cells[k].layout, -3);
          pango_layout_set_ellipsize (b->cells[k].layout, PANGO_ELLIPSIZE_END);
          caption_h = MAX (caption_h, layout_height (b->cells[k].layout));
        }
      b->n_cells = b->n_photos;
      b->pad_top = 6;
      b->pad_bottom = 6;
      b->height = b->pad_top + PHOTO_HEIGHT + 4 + caption_h + b->pad_bottom;
    }
}

static void
build_sign_off (AfsReportLayout *self)
{
  const AfsReportDocument *doc = self->doc;
  static const double widths[] = { CONTENT_W - 170, 170 };
  static const PangoAlignment aligns[] = { PANGO_ALIGN_LEFT, PANGO_ALIGN_LEFT };
  const char *titles[] = { _("Satisfaction"), _("Score") };

  add_heading (self, _("Customer sign-off"));

  if (doc->satisfaction != NULL && doc->satisfaction->len > 0)
    {
      Table t;

      table_begin (&t, self, 2, widths, aligns, titles);
      for (guint i = 0; i < doc->satisfaction->len; i++)
        {
          AfsReportScore *s = g_ptr_array_index (doc->satisfaction, i);
          g_autofree char *score = NULL;
          const char *texts[2];

          if (s->score > 0)
            {
              GString *stars = g_string_new (NULL);

              for (int k = 0; k < 5; k++)
                g_string_append (stars, k < s->score ? "★" : "☆");
              g_string_append_printf (stars, "  %d/5", s->score);
              score = g_string_free (stars, FALSE);
            }
          else
            score = g_strdup (_("Not scored"));
          texts[0] = or_dash (s->item);
          texts[1] = score;
          table_row (&t, texts);
        }
      add_space (self, 4);
    }

  add_field (self, _("Customer’s opinion"), doc->customer_opinion);
  add_field (self, _("Result"),
             doc->accepted ? _("Accepted by the customer")
                           : _("Not accepted: a second visit is planned"));

  {
    Block *b = add_block (self, BLOCK_SIGNATURES);
    double w = (CONTENT_W - 24) / 2;
    const AfsReportSignature *sig[2] = { &doc->customer_signature, &doc->technician_signature };
    const char *who[2] = { _("Customer"), _("Technician") };
    double h = 0;

    for (guint k = 0; k < 2; k++)
      {
        g_autofree char *when = sig[k]->signed_at > 0 ? format_time (sig[k]->signed_at) : NULL;
        g_autofree char *text = NULL;

        text = g_strdup_printf ("%s: %s%s%s%s%s", who[k], or_dash (sig[k]->name),
                                has_text (sig[k]->role) ? ", " : "",
                                has_text (sig[k]->role) ? sig[k]->role : "",
                                when ? "\n" : "", when ? when : "");
        b->cells[k].x = k * (w + 24);
        b->cells[k].width = w;
        b->cells[k].layout = make_layout (self, text, FONT_SMALL, w, PANGO_ALIGN_LEFT);
        h = MAX (h, layout_height (b->cells[k].layout));
      }
    b->n_cells = 2;
    b->pad_top = 10;
    b->pad_bottom = 6;
    b->height = b->pad_top + SIGNATURE_BOX + 4 + h + b->pad_bottom;
  }
}

static void
build_verification (AfsReportLayout *self)
{
  const AfsReportDocument *doc = self->doc;
  Block *b;
  g_autofree char *hash_line = NULL;
  g_autofree char *explain = NULL;
  double h = 0;

  if (self->verification_code == NULL)
    return;

  b = add_block (self, BLOCK_VERIFY);
  hash_line = g_strdup_printf ("%s\n%s", _("Content hash (SHA-256)"), doc->content_hash);
  explain = g_strdup_printf (_("Verification code of version %d. AfterSales shows the same code for an intact "
                               "signed report; a different code means the report was changed after signing."),
                             MAX (doc->report_version, 1));

  b->cells[0].layout = make_layout (self, self->verification_code, FONT_CODE, 150, PANGO_ALIGN_LEFT);
  b->cells[0].x = 10;
  b->cells[0].width = 150;
  b->cells[1].layout = make_layout (self, hash_line, FONT_MONO, CONTENT_W - 190, PANGO_ALIGN_LEFT);
  b->cells[1].x = 180;
  b->cells[1].width = CONTENT_W - 190;
  b->cells[2].layout = make_layout (self, explain, FONT_SMALL, CONTENT_W - 20, PANGO_ALIGN_LEFT);
  b->cells[2].x = 10;
  b->cells[2].width = CONTENT_W - 20;
  b->n_cells = 3;
  h = MAX (layout_height (b->cells[0].layout), layout_height (b->cells[1].layout));
  b->pad_top = 14;
  b->pad_bottom = 4;
  /* The box: 8 inside at the top, the code and hash, 6, the explanation, 8. */
  b->height = b->pad_top + 8 + h + 6 + layout_height (b->cells[2].layout) + 8 + b->pad_bottom;
}

/* ---- pagination ------------------------------------------------------ */

static double
min_height (Block *b)
{
  /* What must fit for a block to start on this page. */
  if (b->kind == BLOCK_TEXT && b->n_lines > 1)
    return b->pad_top + b->line_top[MIN (2u, b->n_lines)];
  return b->height;
}

static GArray *
new_page (AfsReportLayout *self,
          double          *y)
{
  GArray *page = g_array_new (FALSE, TRUE, sizeof (Placement));

  g_ptr_array_add (self->pages, page);
  *y = CONTENT_TOP;
  return page;
}

static void
place (GArray  *page,
       Block   *b,
       double  *y,
       guint    first_line,
       guint    n_lines,
       double   height)
{
  Placement p = { b, *y, first_line, n_lines, height };

  g_array_append_val (page, p);
  *y += height;
}

static void
paginate (AfsReportLayout *self)
{
  double y;
  GArray *page = new_page (self, &y);

  for (guint i = 0; i < self->blocks->len; i++)
    {
      Block *b = g_ptr_array_index (self->blocks, i);
      double room = CONTENT_BOTTOM - y;
      gboolean empty = page->len == 0;

      if (b->kind == BLOCK_SPACE)
        {
          if (!empty && b->height <= room)
            place (page, b, &y, 0, 0, b->height);
          continue;
        }

      /* A heading (or a table header) goes with what follows it. */
      if (b->keep_with_next && !empty)
        {
          double need = b->height;

          for (guint k = i + 1; k < self->blocks->len; k++)
            {
              Block *n = g_ptr_array_index (self->blocks, k);

              need += min_height (n);
              if (!n->keep_with_next)
                break;
            }
          if (need > room)
            {
              page = new_page (self, &y);
              room = CONTENT_BOTTOM - y;
              empty = TRUE;
            }
        }

      if (b->kind == BLOCK_TEXT && b->height > room)
        {
          /* Cut between lines; a page holds at least one line. */
          guint first = 0;

          while (first < b->n_lines)
            {
              double pad = first == 0 ? b->pad_top : 0;
              guint last = first;

              while (last < b->n_lines &&
                     pad + (b->line_top[last + 1] - b->line_top[first]) +
                     (last + 1 == b->n_lines ? b->pad_bottom : 0) <= CONTENT_BOTTOM - y)
                last++;
              if (last == first && page->len > 0)
                {
                  page = new_page (self, &y);
                  continue;
                }
              if (last == first)
                last = first + 1;   /* taller than a page: clipped */
              place (page, b, &y, first, last - first,
                     pad + (b->line_top[last] - b->line_top[first]) +
                     (last == b->n_lines ? b->pad_bottom : 0));
              first = last;
              if (first < b->n_lines)
                page = new_page (self, &y);
            }
          continue;
        }

      if (b->height > room && !empty)
        {
          page = new_page (self, &y);
          if (b->repeat_header != NULL)
            place (page, b->repeat_header, &y, 0, b->repeat_header->n_lines, b->repeat_header->height);
        }

      place (page, b, &y, 0, b->n_lines, b->height);
    }
}

/**
 * afs_report_layout_new:
 * @doc: the report; copied, so the caller may free it at once
 *
 * Lays the report out on A4 pages. Fonts are measured here, once; drawing
 * a page later needs no more layout. Photos are only read when a page
 * showing them is drawn.
 *
 * Returns: (transfer full): the layout
 */
AfsReportLayout *
afs_report_layout_new (const AfsReportDocument *doc)
{
  AfsReportLayout *self;
  cairo_font_options_t *options;

  g_return_val_if_fail (doc != NULL, NULL);

  self = g_object_new (AFS_TYPE_REPORT_LAYOUT, NULL);
  self->doc = afs_report_document_copy (doc);

  if (has_text (doc->verification_code))
    self->verification_code = g_strdup (doc->verification_code);
  else if (has_text (doc->content_hash))
    self->verification_code = afs_verification_code_from_sha256 (doc->content_hash, NULL);

  if (has_text (doc->customer_signature.strokes))
    self->customer_strokes = afs_strokes_from_text (doc->customer_signature.strokes, NULL);
  if (has_text (doc->technician_signature.strokes))
    self->technician_strokes = afs_strokes_from_text (doc->technician_signature.strokes, NULL);

  /* Our own font map: this may run in a worker thread (write_async). */
  self->font_map = pango_cairo_font_map_new ();
  self->context = pango_font_map_create_context (self->font_map);
  pango_cairo_context_set_resolution (self->context, 72.0);
  options = cairo_font_options_create ();
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_antialias (options, CAIRO_ANTIALIAS_GRAY);
  pango_cairo_context_set_font_options (self->context, options);
  cairo_font_options_destroy (options);
#if PANGO_VERSION_CHECK (1, 44, 0)
  pango_context_set_round_glyph_positions (self->context, FALSE);
#endif

  build_header (self);
  build_case (self);
  build_customer (self);
  build_equipment (self);
  build_visits (self);
  build_report (self);
  build_parts (self);
  build_remedies (self);
  build_photos (self);
  build_sign_off (self);
  build_verification (self);
  paginate (self);

  return self;
}

/**
 * afs_report_layout_get_n_pages:
 *
 * Returns: the number of pages, 1 or more
 */
guint
afs_report_layout_get_n_pages (AfsReportLayout *self)
{
  g_return_val_if_fail (AFS_IS_REPORT_LAYOUT (self), 0);
  return self->pages->len;
}

/**
 * afs_report_layout_get_document:
 *
 * Returns: (transfer none): the layout's copy of the document
 */
const AfsReportDocument *
afs_report_layout_get_document (AfsReportLayout *self)
{
  g_return_val_if_fail (AFS_IS_REPORT_LAYOUT (self), NULL);
  return self->doc;
}

/* ---- drawing --------------------------------------------------------- */

static void
show (cairo_t     *cr,
      PangoLayout *layout,
      double       x,
      double       y)
{
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
}

static void
hline (cairo_t *cr,
       double   y,
       double   width,
       double   gray)
{
  cairo_save (cr);
  cairo_set_source_rgb (cr, gray, gray, gray);
  cairo_set_line_width (cr, width);
  cairo_move_to (cr, MARGIN_X, y);
  cairo_line_to (cr, MARGIN_X + CONTENT_W, y);
  cairo_stroke (cr);
  cairo_restore (cr);
}

static void
set_text_color (cairo_t *cr)
{
  cairo_set_source_rgb (cr, 0.1, 0.1, 0.1);
}

/* gdk-pixbuf's RGB(A) to a cairo image surface (premultiplied ARGB). */
static cairo_surface_t *
surface_from_pixbuf (GdkPixbuf *pixbuf)
{
  int w = gdk_pixbuf_get_width (pixbuf);
  int h = gdk_pixbuf_get_height (pixbuf);
  int n = gdk_pixbuf_get_n_channels (pixbuf);
  int src_stride = gdk_pixbuf_get_rowstride (pixbuf);
  gboolean alpha = gdk_pixbuf_get_has_alpha (pixbuf);
  const guchar *src = gdk_pixbuf_read_pixels (pixbuf);
  cairo_surface_t *surface = cairo_image_surface_create (alpha ? CAIRO_FORMAT_ARGB32 : CAIRO_FORMAT_RGB24, w, h);
  unsigned char *dst;
  int dst_stride;

  if (cairo_surface_status (surface) != CAIRO_STATUS_SUCCESS)
    return surface;

  cairo_surface_flush (surface);
  dst = cairo_image_surface_get_data (surface);
  dst_stride = cairo_image_surface_get_stride (surface);
  for (int y = 0; y < h; y++)
    {
      const guchar *s = src + (gsize) y * src_stride;
      guint32 *d = (guint32 *) (gpointer) (dst + (gsize) y * dst_stride);

      for (int x = 0; x < w; x++, s += n)
        {
          guint a = alpha ? s[3] : 255;
          guint r = (s[0] * a + 127) / 255, g = (s[1] * a + 127) / 255, b = (s[2] * a + 127) / 255;

          d[x] = (a << 24) | (r << 16) | (g << 8) | b;
        }
    }
  cairo_surface_mark_dirty (surface);
  return surface;
}

static void
free_bytes (void *data)
{
  g_bytes_unref (data);
}

/* Loads a photo for the page, downscaled to PHOTO_MAX_PIXELS and turned
 * the right way up. On a PDF surface cairo embeds the attached JPEG data
 * rather than the raw pixels, which keeps the file small. */
static cairo_surface_t *
load_photo (const char *path)
{
  g_autoptr(GdkPixbuf) loaded = NULL;
  g_autoptr(GdkPixbuf) oriented = NULL;
  g_autoptr(GBytes) jpeg = NULL;
  g_autofree char *format_name = NULL;
  GdkPixbufFormat *format;
  cairo_surface_t *surface;
  int w = 0, h = 0;
  gboolean as_is;

  if (path == NULL)
    return NULL;

  format = gdk_pixbuf_get_file_info (path, &w, &h);
  if (format == NULL || w <= 0 || h <= 0)
    return NULL;

  if (w > PHOTO_MAX_PIXELS || h > PHOTO_MAX_PIXELS)
    loaded = gdk_pixbuf_new_from_file_at_size (path, PHOTO_MAX_PIXELS, PHOTO_MAX_PIXELS, NULL);
  else
    loaded = gdk_pixbuf_new_from_file (path, NULL);
  if (loaded == NULL)
    return NULL;

  oriented = gdk_pixbuf_apply_embedded_orientation (loaded);
  /* The file can be embedded unchanged when it is a JPEG that needed
   * neither scaling nor turning. */
  format_name = gdk_pixbuf_format_get_name (format);
  as_is = g_strcmp0 (format_name, "jpeg") == 0 &&
          gdk_pixbuf_get_width (oriented) == w && gdk_pixbuf_get_height (oriented) == h &&
          g_strcmp0 (gdk_pixbuf_get_option (loaded, "orientation") ?: "1", "1") == 0;
  if (as_is)
    {
      g_autofree char *data = NULL;
      gsize len = 0;

      if (g_file_get_contents (path, &data, &len, NULL))
        jpeg = g_bytes_new_take (g_steal_pointer (&data), len);
    }
  if (jpeg == NULL && !gdk_pixbuf_get_has_alpha (oriented))
    {
      g_autofree char *data = NULL;
      gsize len = 0;

      if (gdk_pixbuf_save_to_buffer (oriented, &data, &len, "jpeg", NULL, "quality", "85", NULL))
        jpeg = g_bytes_new_take (g_steal_pointer (&data), len);
    }

  surface = surface_from_pixbuf (oriented);
  if (cairo_surface_status (surface) != CAIRO_STATUS_SUCCESS)
    {
      cairo_surface_destroy (surface);
      return NULL;
    }
  if (jpeg != NULL)
    cairo_surface_set_mime_data (surface, CAIRO_MIME_TYPE_JPEG,
                                 g_bytes_get_data (jpeg, NULL), g_bytes_get_size (jpeg),
                                 free_bytes, g_bytes_ref (jpeg));
  return surface;
}

static void
draw_photo (AfsReportLayout *self,
            cairo_t         *cr,
            guint            index,
            double           x,
            double           y,
            double           w,
            double           h)
{
  AfsReportPhoto *p = g_ptr_array_index (self->doc->photos, index);
  cairo_surface_t *img = load_photo (p->path);

  cairo_save (cr);
  if (img != NULL)
    {
      double iw = cairo_image_surface_get_width (img);
      double ih = cairo_image_surface_get_height (img);
      double s = MIN (w / iw, h / ih);
      double dx = x + (w - iw * s) / 2, dy = y + (h - ih * s) / 2;

      cairo_rectangle (cr, dx, dy, iw * s, ih * s);
      cairo_clip (cr);
      cairo_translate (cr, dx, dy);
      cairo_scale (cr, s, s);
      cairo_set_source_surface (cr, img, 0, 0);
      cairo_pattern_set_filter (cairo_get_source (cr), CAIRO_FILTER_GOOD);
      cairo_paint (cr);
      cairo_surface_destroy (img);
    }
  else
    {
      g_autofree char *base = p->path ? g_path_get_basename (p->path) : g_strdup ("—");
      g_autofree char *text = g_strdup_printf (_("Photo not available: %s"), base);
      g_autoptr(PangoLayout) l = make_layout (self, text, FONT_SMALL, w - 20, PANGO_ALIGN_CENTER);

      cairo_set_source_rgb (cr, 0.93, 0.93, 0.93);
      cairo_rectangle (cr, x, y, w, h);
      cairo_fill (cr);
      set_text_color (cr);
      show (cr, l, x + 10, y + (h - layout_height (l)) / 2);
    }
  cairo_restore (cr);
}

static void
draw_signature (AfsReportLayout  *self,
                cairo_t          *cr,
                const AfsStrokes *strokes,
                gboolean          damaged,
                double            x,
                double            y,
                double            w)
{
  cairo_save (cr);
  if (strokes != NULL && !afs_strokes_is_blank (strokes))
    {
      cairo_set_source_rgb (cr, INK_R, INK_G, INK_B);
      afs_signature_render (cr, strokes, x, y, w, SIGNATURE_BOX - 4, AFS_SIGNATURE_FIT_INK);
    }
  else
    {
      g_autoptr(PangoLayout) l =
        make_layout (self, damaged ? _("Signature unreadable") : _("Not signed"),
                     FONT_SMALL, w, PANGO_ALIGN_CENTER);

      cairo_set_source_rgb (cr, 0.45, 0.45, 0.45);
      show (cr, l, x, y + (SIGNATURE_BOX - layout_height (l)) / 2);
    }
  /* The line signed on. */
  cairo_set_source_rgb (cr, 0.35, 0.35, 0.35);
  cairo_set_line_width (cr, 0.6);
  cairo_move_to (cr, x, y + SIGNATURE_BOX);
  cairo_line_to (cr, x + w, y + SIGNATURE_BOX);
  cairo_stroke (cr);
  cairo_restore (cr);
}

static void
draw_block (AfsReportLayout *self,
            cairo_t         *cr,
            Placement       *pl)
{
  Block *b = pl->block;
  double x0 = MARGIN_X;
  double y = pl->y;

  switch (b->kind)
    {
    case BLOCK_SPACE:
      break;

    case BLOCK_TEXT:
      {
        double top = pl->first_line == 0 ? b->pad_top : 0;
        double from = b->line_top[pl->first_line];
        double to = b->line_top[pl->first_line + pl->n_lines];

        cairo_save (cr);
        cairo_rectangle (cr, x0 + b->cells[0].x - 2, y + top, b->cells[0].width + 4, to - from);
        cairo_clip (cr);
        set_text_color (cr);
        show (cr, b->cells[0].layout, x0 + b->cells[0].x, y + top - from);
        cairo_restore (cr);
        if (b->flags & ROW_THICK)
          hline (cr, y + top + (to - from) + 2, 1.0, 0.25);
      }
      break;

    case BLOCK_ROW:
      if (b->flags & ROW_SHADED)
        {
          cairo_save (cr);
          cairo_set_source_rgb (cr, 0.92, 0.93, 0.95);
          cairo_rectangle (cr, x0, y, CONTENT_W, b->height);
          cairo_fill (cr);
          cairo_restore (cr);
        }
      set_text_color (cr);
      for (guint i = 0; i < b->n_cells; i++)
        show (cr, b->cells[i].layout, x0 + b->cells[i].x, y + b->pad_top + b->cells[i].dy);
      if (b->flags & ROW_RULE)
        hline (cr, y + b->height, 0.4, 0.75);
      if (b->flags & ROW_THICK)
        hline (cr, y + b->height + 2, 1.2, 0.2);
      break;

    case BLOCK_PHOTOS:
      for (guint k = 0; k < b->n_photos; k++)
        {
          double x = x0 + b->cells[k].x;

          draw_photo (self, cr, b->photo[k], x, y + b->pad_top, b->cells[k].width, PHOTO_HEIGHT);
          set_text_color (cr);
          show (cr, b->cells[k].layout, x, y + b->pad_top + PHOTO_HEIGHT + 4);
        }
      break;

    case BLOCK_SIGNATURES:
      for (guint k = 0; k < 2; k++)
        {
          double x = x0 + b->cells[k].x;
          const AfsStrokes *s = k == 0 ? self->customer_strokes : self->technician_strokes;
          const char *text = k == 0 ? self->doc->customer_signature.strokes
                                    : self->doc->technician_signature.strokes;

          draw_signature (self, cr, s, s == NULL && has_text (text), x, y + b->pad_top, b->cells[k].width);
          set_text_color (cr);
          show (cr, b->cells[k].layout, x, y + b->pad_top + SIGNATURE_BOX + 4);
        }
      break;

    case BLOCK_VERIFY:
      {
        double top = y + b->pad_top;
        double h = b->height - b->pad_top - b->pad_bottom;
        double row = MAX (layout_height (b->cells[0].layout), layout_height (b->cells[1].layout));

        cairo_save (cr);
        cairo_set_source_rgb (cr, 0.95, 0.96, 0.97);
        cairo_rectangle (cr, x0, top, CONTENT_W, h);
        cairo_fill_preserve (cr);
        cairo_set_source_rgb (cr, 0.55, 0.58, 0.62);
        cairo_set_line_width (cr, 0.8);
        cairo_stroke (cr);
        cairo_restore (cr);
        set_text_color (cr);
        show (cr, b->cells[0].layout, x0 + b->cells[0].x,
              top + 8 + (row - layout_height (b->cells[0].layout)) / 2);
        show (cr, b->cells[1].layout, x0 + b->cells[1].x,
              top + 8 + (row - layout_height (b->cells[1].layout)) / 2);
        show (cr, b->cells[2].layout, x0 + b->cells[2].x, top + 8 + row + 6);
      }
      break;

    default:
      g_assert_not_reached ();
    }
}

static void
draw_furniture (AfsReportLayout *self,
                cairo_t         *cr,
                guint            page)
{
  const AfsReportDocument *doc = self->doc;
  g_autofree char *page_text = g_strdup_printf (_("Page %u of %u"), page + 1, self->pages->len);
  g_autofree char *left = NULL;
  g_autoptr(PangoLayout) l = NULL;
  g_autoptr(PangoLayout) r = NULL;
  double fy = AFS_REPORT_PAGE_HEIGHT - MARGIN_BOTTOM + 18;

  if (self->verification_code != NULL)
    left = g_strdup_printf (_("%s · Verification code %s"), or_dash (doc->case_number),
                            self->verification_code);
  else
    left = g_strdup_printf (_("%s · Draft, not signed"), or_dash (doc->case_number));

  hline (cr, fy - 5, 0.5, 0.6);
  l = make_layout (self, left, FONT_SMALL, CONTENT_W - 110, PANGO_ALIGN_LEFT);
  r = make_layout (self, page_text, FONT_SMALL, 110, PANGO_ALIGN_RIGHT);
  cairo_set_source_rgb (cr, 0.3, 0.3, 0.3);
  show (cr, l, MARGIN_X, fy);
  show (cr, r, MARGIN_X + CONTENT_W - 110, fy);

  if (page > 0)
    {
      g_autofree char *head = g_strdup_printf (_("Service report %s"), or_dash (doc->case_number));
      g_autoptr(PangoLayout) h = make_layout (self, head, FONT_SMALL, CONTENT_W / 2, PANGO_ALIGN_LEFT);
      g_autoptr(PangoLayout) c = make_layout (self, has_text (doc->company_name) ? doc->company_name : "",
                                              FONT_SMALL, CONTENT_W / 2, PANGO_ALIGN_RIGHT);

      show (cr, h, MARGIN_X, 22);
      show (cr, c, MARGIN_X + CONTENT_W / 2, 22);
      hline (cr, 22 + layout_height (h) + 3, 0.5, 0.6);
    }
}

/**
 * afs_report_layout_draw_page:
 * @self: the layout
 * @cr: where to draw (a PDF surface, GtkPrintContext's cairo_t, an image)
 * @page: 0 .. n_pages - 1
 * @width: the page's width in @cr's units
 * @height: its height
 *
 * Draws one page, scaled to fit @width × @height with the A4 aspect kept
 * and centred, on a white background. @cr's state is restored.
 */
void
afs_report_layout_draw_page (AfsReportLayout *self,
                             cairo_t         *cr,
                             guint            page,
                             double           width,
                             double           height)
{
  GArray *placements;
  double s;

  g_return_if_fail (AFS_IS_REPORT_LAYOUT (self));
  g_return_if_fail (cr != NULL);
  g_return_if_fail (page < self->pages->len);

  placements = g_ptr_array_index (self->pages, page);
  s = MIN (width / AFS_REPORT_PAGE_WIDTH, height / AFS_REPORT_PAGE_HEIGHT);

  cairo_save (cr);
  cairo_translate (cr, (width - AFS_REPORT_PAGE_WIDTH * s) / 2, (height - AFS_REPORT_PAGE_HEIGHT * s) / 2);
  cairo_scale (cr, s, s);
  cairo_rectangle (cr, 0, 0, AFS_REPORT_PAGE_WIDTH, AFS_REPORT_PAGE_HEIGHT);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_fill (cr);

  for (guint i = 0; i < placements->len; i++)
    draw_block (self, cr, &g_array_index (placements, Placement, i));
  draw_furniture (self, cr, page);
  cairo_restore (cr);
}

/* ---- writing --------------------------------------------------------- */

typedef struct {
  GOutputStream *out;
  GCancellable  *cancellable;
  GError        *error;
} WriteClosure;

static cairo_status_t
write_to_stream (void                *closure,
                 const unsigned char *data,
                 unsigned int         length)
{
  WriteClosure *w = closure;

  if (w->error != NULL)
    return CAIRO_STATUS_WRITE_ERROR;
  if (!g_output_stream_write_all (w->out, data, length, NULL, w->cancellable, &w->error))
    return CAIRO_STATUS_WRITE_ERROR;
  return CAIRO_STATUS_SUCCESS;
}

/**
 * afs_report_pdf_write:
 * @doc: the report
 * @file: where to save; replaced only once the PDF is complete
 * @n_pages: (out) (optional): the number of pages written
 * @cancellable: (nullable): to stop early; the old file is then kept
 * @error: where the reason goes
 *
 * Lays out and writes the PDF. Blocks: from the UI use
 * afs_report_pdf_write_async().
 *
 * Returns: %TRUE if the file was written
 */
gboolean
afs_report_pdf_write (const AfsReportDocument *doc,
                      GFile                   *file,
                      guint                   *n_pages,
                      GCancellable            *cancellable,
                      GError                 **error)
{
  g_autoptr(AfsReportLayout) layout = NULL;
  g_autoptr(GFileOutputStream) out = NULL;
  g_autoptr(GError) local = NULL;
  g_autofree char *title = NULL;
  WriteClosure w = { 0 };
  cairo_surface_t *surface;
  cairo_t *cr;
  cairo_status_t status;
  guint n;

  g_return_val_if_fail (doc != NULL, FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  out = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION, cancellable, &local);
  if (out == NULL && g_error_matches (local, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  if (out == NULL)
    {
      g_autofree char *name = g_file_get_parse_name (file);

      g_set_error (error, AFS_ERROR, AFS_ERROR_IO,
                   _("Could not save the service report as “%s”: %s. Choose another folder."),
                   name, local->message);
      return FALSE;
    }

  layout = afs_report_layout_new (doc);
  n = afs_report_layout_get_n_pages (layout);

  w.out = G_OUTPUT_STREAM (out);
  w.cancellable = cancellable;
  surface = cairo_pdf_surface_create_for_stream (write_to_stream, &w,
                                                 AFS_REPORT_PAGE_WIDTH, AFS_REPORT_PAGE_HEIGHT);
  title = g_strdup_printf (_("Service report %s"), or_dash (doc->case_number));
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, title);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "AfterSales " PACKAGE_VERSION);
  cr = cairo_create (surface);

  for (guint i = 0; i < n && w.error == NULL; i++)
    {
      if (g_cancellable_set_error_if_cancelled (cancellable, &w.error))
        break;
      afs_report_layout_draw_page (layout, cr, i, AFS_REPORT_PAGE_WIDTH, AFS_REPORT_PAGE_HEIGHT);
      cairo_show_page (cr);
    }
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  if (w.error == NULL && status != CAIRO_STATUS_SUCCESS)
    g_set_error (&w.error, AFS_ERROR, AFS_ERROR_FAILED, "%s", cairo_status_to_string (status));

  if (w.error != NULL)
    {
      /* Closing with a cancelled cancellable drops the temporary file and
       * leaves what was at @file before. */
      g_autoptr(GCancellable) abort = g_cancellable_new ();
      g_autofree char *name = g_file_get_parse_name (file);

      g_cancellable_cancel (abort);
      g_output_stream_close (G_OUTPUT_STREAM (out), abort, NULL);
      if (g_error_matches (w.error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_propagate_error (error, w.error);
      else
        {
          g_set_error (error, AFS_ERROR, AFS_ERROR_IO,
                       _("Could not save the service report as “%s”: %s. Choose another folder."),
                       name, w.error->message);
          g_error_free (w.error);
        }
      return FALSE;
    }

  if (!g_output_stream_close (G_OUTPUT_STREAM (out), cancellable, &local))
    {
      g_autofree char *name = g_file_get_parse_name (file);

      g_set_error (error, AFS_ERROR, AFS_ERROR_IO,
                   _("Could not save the service report as “%s”: %s. Choose another folder."),
                   name, local->message);
      return FALSE;
    }

  if (n_pages)
    *n_pages = n;
  return TRUE;
}

typedef struct {
  AfsReportDocument *doc;
  GFile             *file;
} WriteData;

static void
write_data_free (WriteData *d)
{
  afs_report_document_free (d->doc);
  g_object_unref (d->file);
  g_free (d);
}

static void
write_thread (GTask        *task,
              gpointer      source,
              gpointer      task_data,
              GCancellable *cancellable)
{
  WriteData *d = task_data;
  GError *error = NULL;
  guint n = 0;

  if (afs_report_pdf_write (d->doc, d->file, &n, cancellable, &error))
    g_task_return_int (task, n);
  else
    g_task_return_error (task, error);
}

/**
 * afs_report_pdf_write_async:
 * @doc: the report; copied at once
 * @file: where to save
 * @cancellable: (nullable): to stop early
 * @callback: called in the caller's main context when done
 * @user_data: for @callback
 *
 * afs_report_pdf_write() in a worker thread, so the window stays
 * responsive while photos are read and compressed.
 */
void
afs_report_pdf_write_async (const AfsReportDocument *doc,
                            GFile                   *file,
                            GCancellable            *cancellable,
                            GAsyncReadyCallback      callback,
                            gpointer                 user_data)
{
  g_autoptr(GTask) task = NULL;
  WriteData *d;

  g_return_if_fail (doc != NULL);
  g_return_if_fail (G_IS_FILE (file));

  d = g_new0 (WriteData, 1);
  d->doc = afs_report_document_copy (doc);
  d->file = g_object_ref (file);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, afs_report_pdf_write_async);
  g_task_set_task_data (task, d, (GDestroyNotify) write_data_free);
  g_task_run_in_thread (task, write_thread);
}

/**
 * afs_report_pdf_write_finish:
 * @result: what the callback got
 * @n_pages: (out) (optional): the number of pages written
 * @error: where the reason goes
 *
 * Returns: %TRUE if the PDF was saved
 */
gboolean
afs_report_pdf_write_finish (GAsyncResult  *result,
                             guint         *n_pages,
                             GError       **error)
{
  gssize n;

  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  n = g_task_propagate_int (G_TASK (result), error);
  if (n < 0)
    return FALSE;
  if (n_pages)
    *n_pages = (guint) n;
  return TRUE;
}

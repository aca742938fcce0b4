/* afs-strokes.c
 *
 * Copyright 2026 The AfterSales authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "afs-error.h"
#include "afs-strokes.h"

/* The text form, version 1 (docs/service-report.md has it too):
 *
 *   afs-strokes 1 <width> <height>\n
 *   <stroke>\n            one line per stroke, in drawing order
 *
 * A stroke is its points separated by ';', a point is "x,y,p,t": x and y
 * in tenths of a pad unit, p the pressure in thousandths, t milliseconds.
 * The first point of a stroke is absolute, every later one is the
 * difference from the point before it, which keeps the text short (a
 * signature of 500 points is about 6 kB). Numbers are plain ASCII decimal
 * integers: no '+', no leading zeros, no "-0", no spaces, so the text of a
 * signature is unique and hashing it is meaningful. The parser refuses
 * everything else instead of normalising it. */

#define MAGIC "afs-strokes"
#define FORMAT_VERSION 1

/* Fixed-point units of the text form. */
#define XY_SCALE 10.0
#define P_SCALE 1000.0
#define MAX_TIME_MS G_MAXINT32

struct _AfsStrokes {
  gint32     width;    /* tenths of a pad unit */
  gint32     height;
  GPtrArray *strokes;  /* of GArray of AfsStrokePoint, none empty */
  gboolean   new_stroke;
  guint      n_points;
};

G_DEFINE_BOXED_TYPE (AfsStrokes, afs_strokes, afs_strokes_copy, afs_strokes_free)

static gint32
size_to_fixed (double size)
{
  if (!(size > 0.0))
    return 1;
  return (gint32) CLAMP (lround (size * XY_SCALE), 1, (long) (AFS_STROKES_MAX_SIZE * XY_SCALE));
}

static GArray *
stroke_new (void)
{
  return g_array_new (FALSE, FALSE, sizeof (AfsStrokePoint));
}

static AfsStrokes *
strokes_alloc (gint32 width,
               gint32 height)
{
  AfsStrokes *self = g_new0 (AfsStrokes, 1);

  self->width = width;
  self->height = height;
  self->strokes = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  self->new_stroke = TRUE;
  return self;
}

/**
 * afs_strokes_new:
 * @width: the pad's width in pad units (e.g. its size in pixels when signed)
 * @height: the pad's height in pad units
 *
 * An empty signature on a pad of this size. The size travels with the
 * strokes so they can be drawn into any rectangle with the right aspect.
 *
 * Returns: (transfer full): a new, blank signature
 */
AfsStrokes *
afs_strokes_new (double width,
                 double height)
{
  return strokes_alloc (size_to_fixed (width), size_to_fixed (height));
}

/**
 * afs_strokes_copy:
 * @strokes: a signature
 *
 * Returns: (transfer full): a deep copy
 */
AfsStrokes *
afs_strokes_copy (const AfsStrokes *strokes)
{
  AfsStrokes *copy;

  g_return_val_if_fail (strokes != NULL, NULL);

  copy = strokes_alloc (strokes->width, strokes->height);
  for (guint i = 0; i < strokes->strokes->len; i++)
    {
      GArray *s = g_ptr_array_index (strokes->strokes, i);
      GArray *c = stroke_new ();

      g_array_append_vals (c, s->data, s->len);
      g_ptr_array_add (copy->strokes, c);
    }
  copy->n_points = strokes->n_points;
  copy->new_stroke = strokes->new_stroke;
  return copy;
}

void
afs_strokes_free (AfsStrokes *strokes)
{
  if (strokes == NULL)
    return;
  g_ptr_array_unref (strokes->strokes);
  g_free (strokes);
}

static inline long
fx (double v)
{
  return lround (v * XY_SCALE);
}

static inline long
fp (double v)
{
  return lround (v * P_SCALE);
}

/**
 * afs_strokes_equal:
 * @a: a signature
 * @b: another
 *
 * Returns: %TRUE if both have the same pad size and the same points, i.e.
 *   the same text form
 */
gboolean
afs_strokes_equal (const AfsStrokes *a,
                   const AfsStrokes *b)
{
  g_return_val_if_fail (a != NULL && b != NULL, FALSE);

  if (a->width != b->width || a->height != b->height ||
      a->strokes->len != b->strokes->len || a->n_points != b->n_points)
    return FALSE;

  for (guint i = 0; i < a->strokes->len; i++)
    {
      GArray *sa = g_ptr_array_index (a->strokes, i);
      GArray *sb = g_ptr_array_index (b->strokes, i);

      if (sa->len != sb->len)
        return FALSE;
      for (guint j = 0; j < sa->len; j++)
        {
          AfsStrokePoint *pa = &g_array_index (sa, AfsStrokePoint, j);
          AfsStrokePoint *pb = &g_array_index (sb, AfsStrokePoint, j);

          if (fx (pa->x) != fx (pb->x) || fx (pa->y) != fx (pb->y) ||
              fp (pa->pressure) != fp (pb->pressure) || pa->time_ms != pb->time_ms)
            return FALSE;
        }
    }
  return TRUE;
}

double
afs_strokes_get_width (const AfsStrokes *strokes)
{
  g_return_val_if_fail (strokes != NULL, 0.0);
  return strokes->width / XY_SCALE;
}

double
afs_strokes_get_height (const AfsStrokes *strokes)
{
  g_return_val_if_fail (strokes != NULL, 0.0);
  return strokes->height / XY_SCALE;
}

/**
 * afs_strokes_begin_stroke:
 * @strokes: a signature
 *
 * The pen went down: the next point starts a new stroke. A stroke that
 * never gets a point is not kept.
 */
void
afs_strokes_begin_stroke (AfsStrokes *strokes)
{
  g_return_if_fail (strokes != NULL);
  strokes->new_stroke = TRUE;
}

/**
 * afs_strokes_add_point:
 * @strokes: a signature
 * @x: pad units from the left; clamped to the pad
 * @y: pad units from the top; clamped to the pad
 * @pressure: 0..1, clamped; pass 0.5 when the device has no pressure
 * @time_ms: milliseconds since the signature began; a time earlier than
 *   the stroke's previous point is raised to it
 *
 * Adds a sample to the current stroke. Values are rounded to what the
 * text form holds (0.1 unit, 0.001 pressure). Points past
 * %AFS_STROKES_MAX_POINTS are dropped, so a stuck pen cannot make a
 * signature that will not load again.
 */
void
afs_strokes_add_point (AfsStrokes *strokes,
                       double      x,
                       double      y,
                       double      pressure,
                       guint32     time_ms)
{
  AfsStrokePoint p;
  GArray *stroke;

  g_return_if_fail (strokes != NULL);

  if (strokes->n_points >= AFS_STROKES_MAX_POINTS)
    return;
  if (strokes->new_stroke && strokes->strokes->len >= AFS_STROKES_MAX_STROKES)
    return;

  if (isnan (x)) x = 0;
  if (isnan (y)) y = 0;
  if (isnan (pressure)) pressure = 0.5;

  p.x = CLAMP (lround (CLAMP (x, 0.0, AFS_STROKES_MAX_SIZE) * XY_SCALE), 0, strokes->width) / XY_SCALE;
  p.y = CLAMP (lround (CLAMP (y, 0.0, AFS_STROKES_MAX_SIZE) * XY_SCALE), 0, strokes->height) / XY_SCALE;
  p.pressure = lround (CLAMP (pressure, 0.0, 1.0) * P_SCALE) / P_SCALE;
  p.time_ms = MIN (time_ms, (guint32) MAX_TIME_MS);

  if (strokes->new_stroke || strokes->strokes->len == 0)
    {
      g_ptr_array_add (strokes->strokes, stroke_new ());
      strokes->new_stroke = FALSE;
    }
  stroke = g_ptr_array_index (strokes->strokes, strokes->strokes->len - 1);
  if (stroke->len > 0)
    {
      guint32 prev = g_array_index (stroke, AfsStrokePoint, stroke->len - 1).time_ms;
      p.time_ms = MAX (p.time_ms, prev);
    }
  g_array_append_val (stroke, p);
  strokes->n_points++;
}

/**
 * afs_strokes_add_stroke:
 * @strokes: a signature
 * @points: (array length=n_points): the samples
 * @n_points: how many
 *
 * Adds a whole stroke at once, as afs_strokes_begin_stroke() and
 * afs_strokes_add_point() would. For tests, automation and import.
 */
void
afs_strokes_add_stroke (AfsStrokes           *strokes,
                        const AfsStrokePoint *points,
                        guint                 n_points)
{
  g_return_if_fail (strokes != NULL);
  g_return_if_fail (points != NULL || n_points == 0);

  afs_strokes_begin_stroke (strokes);
  for (guint i = 0; i < n_points; i++)
    afs_strokes_add_point (strokes, points[i].x, points[i].y,
                           points[i].pressure, points[i].time_ms);
  afs_strokes_begin_stroke (strokes);
}

/**
 * afs_strokes_clear:
 * @strokes: a signature
 *
 * Removes every stroke; the pad size stays.
 */
void
afs_strokes_clear (AfsStrokes *strokes)
{
  g_return_if_fail (strokes != NULL);
  g_ptr_array_set_size (strokes->strokes, 0);
  strokes->n_points = 0;
  strokes->new_stroke = TRUE;
}

guint
afs_strokes_get_n_strokes (const AfsStrokes *strokes)
{
  g_return_val_if_fail (strokes != NULL, 0);
  return strokes->strokes->len;
}

guint
afs_strokes_get_n_points (const AfsStrokes *strokes)
{
  g_return_val_if_fail (strokes != NULL, 0);
  return strokes->n_points;
}

/**
 * afs_strokes_get_stroke:
 * @strokes: a signature
 * @index: 0 .. n_strokes - 1
 * @n_points: (out): the number of points
 *
 * Returns: (array length=n_points) (transfer none): the points, valid
 *   until @strokes changes
 */
const AfsStrokePoint *
afs_strokes_get_stroke (const AfsStrokes *strokes,
                        guint             index,
                        guint            *n_points)
{
  GArray *stroke;

  g_return_val_if_fail (strokes != NULL, NULL);
  g_return_val_if_fail (n_points != NULL, NULL);
  g_return_val_if_fail (index < strokes->strokes->len, NULL);

  stroke = g_ptr_array_index (strokes->strokes, index);
  *n_points = stroke->len;
  return (const AfsStrokePoint *) (gpointer) stroke->data;
}

/**
 * afs_strokes_get_bounds:
 * @strokes: a signature
 * @x: (out) (optional): left of the ink, pad units
 * @y: (out) (optional): top of the ink
 * @width: (out) (optional): width of the ink (0 for a single dot)
 * @height: (out) (optional): height of the ink
 *
 * The box around every point (not counting the pen's width).
 *
 * Returns: %FALSE, with zeros, if there is no point
 */
gboolean
afs_strokes_get_bounds (const AfsStrokes *strokes,
                        double           *x,
                        double           *y,
                        double           *width,
                        double           *height)
{
  double x0 = G_MAXDOUBLE, y0 = G_MAXDOUBLE, x1 = -G_MAXDOUBLE, y1 = -G_MAXDOUBLE;

  g_return_val_if_fail (strokes != NULL, FALSE);

  for (guint i = 0; i < strokes->strokes->len; i++)
    {
      GArray *s = g_ptr_array_index (strokes->strokes, i);

      for (guint j = 0; j < s->len; j++)
        {
          AfsStrokePoint *p = &g_array_index (s, AfsStrokePoint, j);

          x0 = MIN (x0, p->x);
          y0 = MIN (y0, p->y);
          x1 = MAX (x1, p->x);
          y1 = MAX (y1, p->y);
        }
    }

  if (strokes->n_points == 0)
    x0 = y0 = x1 = y1 = 0.0;

  if (x) *x = x0;
  if (y) *y = y0;
  if (width) *width = x1 - x0;
  if (height) *height = y1 - y0;
  return strokes->n_points > 0;
}

/**
 * afs_strokes_is_blank:
 * @strokes: a signature
 *
 * A signature is blank when it has no stroke, fewer than
 * %AFS_STROKES_MIN_POINTS points, or its ink fits in a box smaller than
 * 2 % of the pad on both sides (a tap or a slip is not a signature).
 * DOMAIN.md 9 needs the customer's sign-off; issue 4: "A signature with
 * no strokes … is refused with a reason."
 *
 * Returns: %TRUE if this cannot count as a signature
 */
gboolean
afs_strokes_is_blank (const AfsStrokes *strokes)
{
  double w, h;

  g_return_val_if_fail (strokes != NULL, TRUE);

  if (strokes->strokes->len == 0 || strokes->n_points < AFS_STROKES_MIN_POINTS)
    return TRUE;

  afs_strokes_get_bounds (strokes, NULL, NULL, &w, &h);
  return w < 0.02 * afs_strokes_get_width (strokes) &&
         h < 0.02 * afs_strokes_get_height (strokes);
}

/**
 * afs_strokes_check_signed:
 * @strokes: (nullable): a signature, or %NULL for none
 * @error: where the reason goes
 *
 * The check to run before storing a signature: afs_strokes_is_blank()
 * with the message to show.
 *
 * Returns: %TRUE if @strokes is a signature; else %FALSE with
 *   %AFS_ERROR_INVALID
 */
gboolean
afs_strokes_check_signed (const AfsStrokes  *strokes,
                          GError           **error)
{
  if (strokes == NULL || afs_strokes_is_blank (strokes))
    {
      g_set_error_literal (error, AFS_ERROR, AFS_ERROR_INVALID,
                           _("The signature is empty. Ask the customer to sign in the box."));
      return FALSE;
    }
  return TRUE;
}

/**
 * afs_strokes_to_text:
 * @strokes: a signature
 *
 * The canonical text form (version 1, described at the top of this file).
 * Independent of the locale; the same signature always gives the same
 * bytes, so the text can be hashed.
 *
 * Returns: (transfer full): the text, ending in a newline
 */
char *
afs_strokes_to_text (const AfsStrokes *strokes)
{
  GString *out;

  g_return_val_if_fail (strokes != NULL, NULL);

  out = g_string_sized_new (32 + strokes->n_points * 14);
  g_string_append_printf (out, MAGIC " %d %ld %ld\n", FORMAT_VERSION,
                          (long) strokes->width, (long) strokes->height);

  for (guint i = 0; i < strokes->strokes->len; i++)
    {
      GArray *s = g_ptr_array_index (strokes->strokes, i);
      long px = 0, py = 0, pp = 0, pt = 0;

      for (guint j = 0; j < s->len; j++)
        {
          AfsStrokePoint *p = &g_array_index (s, AfsStrokePoint, j);
          long x = fx (p->x), y = fx (p->y), pr = fp (p->pressure), t = p->time_ms;

          if (j > 0)
            g_string_append_c (out, ';');
          g_string_append_printf (out, "%ld,%ld,%ld,%ld", x - px, y - py, pr - pp, t - pt);
          px = x;
          py = y;
          pp = pr;
          pt = t;
        }
      g_string_append_c (out, '\n');
    }

  return g_string_free (out, FALSE);
}

/* Reads one canonical decimal integer at *p; advances *p. */
static gboolean
read_int (const char **p,
          gint64      *value)
{
  const char *s = *p;
  gboolean neg = FALSE;
  gint64 v = 0;
  int digits = 0;

  if (*s == '-')
    {
      neg = TRUE;
      s++;
    }
  if (!g_ascii_isdigit (*s))
    return FALSE;
  if (*s == '0' && g_ascii_isdigit (s[1]))
    return FALSE;               /* leading zero */
  while (g_ascii_isdigit (*s))
    {
      if (++digits > 10)
        return FALSE;
      v = v * 10 + (*s - '0');
      s++;
    }
  if (neg && v == 0)
    return FALSE;               /* "-0" */
  *value = neg ? -v : v;
  *p = s;
  return TRUE;
}

static AfsStrokes *
damaged (GError    **error,
         guint       line,
         const char *why)
{
  g_set_error (error, AFS_ERROR, AFS_ERROR_INVALID,
               _("The signature data is damaged (line %u: %s). Ask the customer to sign again."),
               line, why);
  return NULL;
}

/**
 * afs_strokes_from_text:
 * @text: (nullable): what afs_strokes_to_text() wrote
 * @error: where the reason goes
 *
 * Parses the text form, strictly: anything afs_strokes_to_text() would
 * not have written exactly like this is refused, as is text over
 * %AFS_STROKES_MAX_TEXT_BYTES, more than %AFS_STROKES_MAX_STROKES strokes
 * or %AFS_STROKES_MAX_POINTS points, or a point off the pad. So
 * afs_strokes_to_text (afs_strokes_from_text (t)) is always t.
 *
 * Returns: (transfer full) (nullable): the signature, or %NULL with
 *   %AFS_ERROR_INVALID saying what is wrong
 */
AfsStrokes *
afs_strokes_from_text (const char  *text,
                       GError     **error)
{
  g_autoptr(AfsStrokes) strokes = NULL;
  const char *p;
  gint64 version, w, h;
  guint line = 1;
  gsize len;

  if (text == NULL || *text == '\0')
    return damaged (error, 1, _("no data"));

  len = strnlen (text, AFS_STROKES_MAX_TEXT_BYTES + 1);
  if (len > AFS_STROKES_MAX_TEXT_BYTES)
    return damaged (error, 1, _("more than 1 MiB"));

  if (strncmp (text, MAGIC " ", strlen (MAGIC) + 1) != 0)
    return damaged (error, 1, _("not signature strokes"));
  p = text + strlen (MAGIC) + 1;

  if (!read_int (&p, &version) || version < 1)
    return damaged (error, 1, _("no format version"));
  if (version != FORMAT_VERSION)
    return damaged (error, 1, _("written by a newer version of AfterSales"));
  if (*p++ != ' ' || !read_int (&p, &w) || *p++ != ' ' || !read_int (&p, &h) || *p++ != '\n')
    return damaged (error, 1, _("bad pad size"));
  if (w < 1 || h < 1 || w > AFS_STROKES_MAX_SIZE * XY_SCALE || h > AFS_STROKES_MAX_SIZE * XY_SCALE)
    return damaged (error, 1, _("pad size out of range"));

  strokes = strokes_alloc ((gint32) w, (gint32) h);

  while (*p != '\0')
    {
      gint64 x = 0, y = 0, pr = 0, t = 0;
      gboolean first = TRUE;

      line++;
      if (strokes->strokes->len >= AFS_STROKES_MAX_STROKES)
        return damaged (error, line, _("too many strokes"));

      afs_strokes_begin_stroke (strokes);
      for (;;)
        {
          gint64 v[4];
          AfsStrokePoint pt;
          GArray *stroke;

          for (int k = 0; k < 4; k++)
            {
              if (!read_int (&p, &v[k]))
                return damaged (error, line, _("not a number"));
              if (k < 3 && *p++ != ',')
                return damaged (error, line, _("a point needs four numbers"));
            }

          if (first)
            {
              x = v[0]; y = v[1]; pr = v[2]; t = v[3];
            }
          else
            {
              if (v[3] < 0)
                return damaged (error, line, _("time runs backwards"));
              x += v[0]; y += v[1]; pr += v[2]; t += v[3];
            }
          if (x < 0 || x > w || y < 0 || y > h)
            return damaged (error, line, _("a point is off the pad"));
          if (pr < 0 || pr > (gint64) P_SCALE)
            return damaged (error, line, _("pressure out of range"));
          if (t < 0 || t > MAX_TIME_MS)
            return damaged (error, line, _("time out of range"));
          if (strokes->n_points >= AFS_STROKES_MAX_POINTS)
            return damaged (error, line, _("too many points"));

          pt.x = x / XY_SCALE;
          pt.y = y / XY_SCALE;
          pt.pressure = pr / P_SCALE;
          pt.time_ms = (guint32) t;
          if (first)
            g_ptr_array_add (strokes->strokes, stroke_new ());
          stroke = g_ptr_array_index (strokes->strokes, strokes->strokes->len - 1);
          g_array_append_val (stroke, pt);
          strokes->n_points++;
          first = FALSE;

          if (*p == ';')
            {
              p++;
              continue;
            }
          if (*p == '\n')
            {
              p++;
              break;
            }
          return damaged (error, line, *p == '\0' ? _("missing end of line")
                                                  : _("unexpected character"));
        }
    }

  strokes->new_stroke = TRUE;
  return g_steal_pointer (&strokes);
}

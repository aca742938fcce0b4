/* test-strokes.c: the signature strokes model and its text form.
 *
 * The text is stored in signatures.strokes and hashed with the report
 * (issue 4, "Tamper-evident"), so it must round-trip exactly, be the same
 * bytes for the same signature whatever the locale, and refuse damage.
 *
 * Copyright 2026 The AfterSales authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <string.h>

#include "afs-error.h"
#include "afs-strokes.h"

/* A small made-up signature: a zig-zag and a dot-dash. */
static AfsStrokes *
make_signature (void)
{
  AfsStrokes *s = afs_strokes_new (400, 150);
  static const AfsStrokePoint a[] = {
    { 20.0, 100.0, 0.5, 0 }, { 40.25, 60.0, 0.62, 16 }, { 60.0, 110.0, 0.7, 33 },
    { 80.0, 55.5, 0.8, 50 }, { 100.0, 105.0, 0.55, 66 }, { 120.0, 70.0, 0.4, 83 },
  };
  static const AfsStrokePoint b[] = {
    { 150.0, 90.0, 0.3, 400 }, { 190.0, 88.0, 0.35, 420 }, { 230.0, 86.0, 0.9, 440 },
  };

  afs_strokes_add_stroke (s, a, G_N_ELEMENTS (a));
  afs_strokes_add_stroke (s, b, G_N_ELEMENTS (b));
  return s;
}

static void
test_canonical_text (void)
{
  g_autoptr(AfsStrokes) s = make_signature ();
  g_autofree char *text = afs_strokes_to_text (s);

  /* The documented format, byte for byte (docs/service-report.md):
   * absolute first point, then differences; tenths, thousandths, ms.
   * 40.25 rounds to 40.3 (403 tenths). */
  g_assert_cmpstr (text, ==,
                   "afs-strokes 1 4000 1500\n"
                   "200,1000,500,0;203,-400,120,16;197,500,80,17;200,-545,100,17;200,495,-250,16;200,-350,-150,17\n"
                   "1500,900,300,400;400,-20,50,20;400,-20,550,20\n");
  g_assert_cmpuint (afs_strokes_get_n_strokes (s), ==, 2);
  g_assert_cmpuint (afs_strokes_get_n_points (s), ==, 9);
}

static void
test_round_trip (void)
{
  g_autoptr(AfsStrokes) s = make_signature ();
  g_autofree char *text = afs_strokes_to_text (s);
  g_autoptr(GError) error = NULL;
  g_autoptr(AfsStrokes) back = afs_strokes_from_text (text, &error);
  g_autofree char *again = NULL;
  guint n;
  const AfsStrokePoint *p;

  g_assert_no_error (error);
  g_assert_nonnull (back);
  g_assert_true (afs_strokes_equal (s, back));
  again = afs_strokes_to_text (back);
  g_assert_cmpstr (again, ==, text);

  /* What is in memory is what was stored: quantised on the way in. */
  p = afs_strokes_get_stroke (back, 0, &n);
  g_assert_cmpuint (n, ==, 6);
  g_assert_cmpfloat_with_epsilon (p[1].x, 40.3, 1e-9);
  g_assert_cmpfloat_with_epsilon (p[1].pressure, 0.62, 1e-9);
  g_assert_cmpuint (p[5].time_ms, ==, 83);
  g_assert_cmpfloat (afs_strokes_get_width (back), ==, 400.0);
  g_assert_cmpfloat (afs_strokes_get_height (back), ==, 150.0);

  /* A copy is equal; a changed point is not. */
  {
    g_autoptr(AfsStrokes) copy = afs_strokes_copy (s);
    AfsStrokePoint extra = { 1, 1, 0.5, 999 };

    g_assert_true (afs_strokes_equal (s, copy));
    afs_strokes_add_stroke (copy, &extra, 1);
    g_assert_false (afs_strokes_equal (s, copy));
  }
}

static void
test_locale_independent (void)
{
  g_autoptr(AfsStrokes) s = make_signature ();
  g_autofree char *c_text = afs_strokes_to_text (s);
  g_autofree char *de_text = NULL;
  const char *old = setlocale (LC_NUMERIC, NULL);
  g_autofree char *saved = g_strdup (old);

  /* A decimal comma locale, when the system has one; C.UTF-8 otherwise
   * (the text holds no floating point, so it cannot differ anyway). */
  if (setlocale (LC_NUMERIC, "de_DE.UTF-8") == NULL)
    setlocale (LC_NUMERIC, "pl_PL.UTF-8");
  de_text = afs_strokes_to_text (s);
  setlocale (LC_NUMERIC, saved);

  g_assert_cmpstr (de_text, ==, c_text);
  g_assert_null (strchr (c_text, '.'));
}

static void
test_clamped_and_ordered (void)
{
  g_autoptr(AfsStrokes) s = afs_strokes_new (100, 50);
  g_autofree char *text = NULL;
  guint n;
  const AfsStrokePoint *p;

  afs_strokes_begin_stroke (s);
  afs_strokes_add_point (s, -5, 60, 1.7, 100);   /* off the pad, too hard */
  afs_strokes_add_point (s, 50, 25, -1, 90);      /* time going back */
  afs_strokes_begin_stroke (s);
  afs_strokes_begin_stroke (s);                   /* an empty stroke is not kept */
  afs_strokes_add_point (s, 10, 10, 0.5, 200);

  p = afs_strokes_get_stroke (s, 0, &n);
  g_assert_cmpuint (n, ==, 2);
  g_assert_cmpfloat (p[0].x, ==, 0.0);
  g_assert_cmpfloat (p[0].y, ==, 50.0);
  g_assert_cmpfloat (p[0].pressure, ==, 1.0);
  g_assert_cmpfloat (p[1].pressure, ==, 0.0);
  g_assert_cmpuint (p[1].time_ms, ==, 100);
  g_assert_cmpuint (afs_strokes_get_n_strokes (s), ==, 2);

  text = afs_strokes_to_text (s);
  {
    g_autoptr(AfsStrokes) back = afs_strokes_from_text (text, NULL);
    g_assert_nonnull (back);
    g_assert_true (afs_strokes_equal (s, back));
  }

  afs_strokes_clear (s);
  g_assert_cmpuint (afs_strokes_get_n_strokes (s), ==, 0);
  g_assert_cmpuint (afs_strokes_get_n_points (s), ==, 0);
  g_free (text);
  text = afs_strokes_to_text (s);
  g_assert_cmpstr (text, ==, "afs-strokes 1 1000 500\n");
}

static void
test_bounds (void)
{
  g_autoptr(AfsStrokes) s = make_signature ();
  g_autoptr(AfsStrokes) empty = afs_strokes_new (400, 150);
  double x, y, w, h;

  g_assert_true (afs_strokes_get_bounds (s, &x, &y, &w, &h));
  g_assert_cmpfloat_with_epsilon (x, 20.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (y, 55.5, 1e-9);
  g_assert_cmpfloat_with_epsilon (w, 210.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (h, 54.5, 1e-9);

  g_assert_false (afs_strokes_get_bounds (empty, &x, &y, &w, &h));
  g_assert_cmpfloat (w, ==, 0.0);
}

static void
test_garbage_refused (void)
{
  static const char *bad[] = {
    "",
    "hello",
    "afs-strokes 1 4000 1500",                         /* no newline */
    "afs-strokes 2 4000 1500\n",                       /* newer format */
    "afs-strokes 1 0 1500\n",                          /* no size */
    "afs-strokes 1 4000 1500\n10,10,500\n",            /* three numbers */
    "afs-strokes 1 4000 1500\n10,10,500,0",            /* no newline at the end */
    "afs-strokes 1 4000 1500\n010,10,500,0\n",         /* leading zero */
    "afs-strokes 1 4000 1500\n+10,10,500,0\n",         /* plus sign */
    "afs-strokes 1 4000 1500\n10,10,500,0;-0,1,0,1\n", /* minus zero */
    "afs-strokes 1 4000 1500\n10, 10,500,0\n",         /* space */
    "afs-strokes 1 4000 1500\n10,10,500,0\r\n",        /* CR */
    "afs-strokes 1 4000 1500\n\n",                     /* empty stroke */
    "afs-strokes 1 4000 1500\n4001,10,500,0\n",        /* off the pad */
    "afs-strokes 1 4000 1500\n10,10,500,0;-20,0,0,5\n",/* off the pad, by a difference */
    "afs-strokes 1 4000 1500\n10,10,1001,0\n",         /* pressure over 1 */
    "afs-strokes 1 4000 1500\n10,10,500,50;1,1,0,-1\n",/* time backwards */
    "afs-strokes 1 4000 1500\n10,10,500,0;\n",         /* dangling ';' */
    "afs-strokes 1 4000 1500\n1,1,1,99999999999\n",    /* too many digits */
    "AFS-STROKES 1 4000 1500\n",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(AfsStrokes) s = afs_strokes_from_text (bad[i], &error);

      if (s != NULL)
        g_error ("accepted garbage #%u: %s", i, bad[i]);
      g_assert_error (error, AFS_ERROR, AFS_ERROR_INVALID);
      g_assert_nonnull (strstr (error->message, "damaged"));
      g_assert_nonnull (strstr (error->message, "sign again"));
    }

  {
    g_autoptr(GError) error = NULL;
    g_assert_null (afs_strokes_from_text (NULL, &error));
    g_assert_error (error, AFS_ERROR, AFS_ERROR_INVALID);
  }
}

static void
test_bounded_size (void)
{
  GString *big = g_string_new ("afs-strokes 1 4000 1500\n");
  g_autoptr(GError) error = NULL;
  g_autoptr(AfsStrokes) s = NULL;
  g_autoptr(AfsStrokes) many = afs_strokes_new (400, 150);

  /* Over 1 MiB of otherwise valid points. */
  while (big->len <= AFS_STROKES_MAX_TEXT_BYTES)
    g_string_append (big, "10,10,500,0\n");
  s = afs_strokes_from_text (big->str, &error);
  g_assert_null (s);
  g_assert_error (error, AFS_ERROR, AFS_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "1 MiB"));
  g_string_free (big, TRUE);

  /* More strokes than allowed: refused, however small. */
  big = g_string_new ("afs-strokes 1 4000 1500\n");
  for (guint i = 0; i <= AFS_STROKES_MAX_STROKES; i++)
    g_string_append (big, "1,1,1,1\n");
  g_clear_error (&error);
  s = afs_strokes_from_text (big->str, &error);
  g_assert_null (s);
  g_assert_nonnull (strstr (error->message, "too many strokes"));
  g_string_free (big, TRUE);

  /* Adding stops at the limit, so what is made can always be read back. */
  for (guint i = 0; i < AFS_STROKES_MAX_POINTS + 50; i++)
    {
      if (i % 100 == 0)
        afs_strokes_begin_stroke (many);
      afs_strokes_add_point (many, i % 400, i % 150, 0.5, i);
    }
  g_assert_cmpuint (afs_strokes_get_n_points (many), ==, AFS_STROKES_MAX_POINTS);
  {
    g_autofree char *text = afs_strokes_to_text (many);
    g_autoptr(AfsStrokes) back = NULL;

    g_assert_cmpuint (strlen (text), <=, AFS_STROKES_MAX_TEXT_BYTES);
    back = afs_strokes_from_text (text, &error);
    g_assert_nonnull (back);
    g_assert_true (afs_strokes_equal (many, back));
  }
}

static void
test_blank (void)
{
  g_autoptr(AfsStrokes) s = afs_strokes_new (400, 150);
  g_autoptr(AfsStrokes) sig = make_signature ();
  g_autoptr(GError) error = NULL;

  /* No strokes. */
  g_assert_true (afs_strokes_is_blank (s));
  g_assert_false (afs_strokes_check_signed (s, &error));
  g_assert_error (error, AFS_ERROR, AFS_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "The signature is empty. Ask the customer to sign in the box.");
  g_clear_error (&error);
  g_assert_false (afs_strokes_check_signed (NULL, &error));
  g_clear_error (&error);

  /* A few points, far apart: too few to be a signature. */
  for (guint i = 0; i < AFS_STROKES_MIN_POINTS - 1; i++)
    afs_strokes_add_point (s, 10 + 40 * i, 20 + 15 * i, 0.5, i * 10);
  g_assert_true (afs_strokes_is_blank (s));

  /* Many points on one spot: a tap, not a signature. */
  afs_strokes_clear (s);
  for (guint i = 0; i < 40; i++)
    afs_strokes_add_point (s, 200 + (i % 3), 75 + (i % 2), 0.5, i * 10);
  g_assert_true (afs_strokes_is_blank (s));

  /* A real one. */
  g_assert_false (afs_strokes_is_blank (sig));
  g_assert_true (afs_strokes_check_signed (sig, &error));
  g_assert_no_error (error);
}

int
main (int argc, char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/strokes/canonical-text", test_canonical_text);
  g_test_add_func ("/core/strokes/round-trip", test_round_trip);
  g_test_add_func ("/core/strokes/locale-independent", test_locale_independent);
  g_test_add_func ("/core/strokes/clamped-and-ordered", test_clamped_and_ordered);
  g_test_add_func ("/core/strokes/bounds", test_bounds);
  g_test_add_func ("/core/strokes/garbage-refused", test_garbage_refused);
  g_test_add_func ("/core/strokes/bounded-size", test_bounded_size);
  g_test_add_func ("/core/strokes/blank", test_blank);

  return g_test_run ();
}

/* test-signature-pad.c: the signature pad in a real window under Xvfb.
 *
 * The pointer and the keyboard are driven through the X server (XTest),
 * so the strokes come through GTK's real event path: the drag gesture,
 * the pressure fallback, the key binding. The picture is checked by
 * rendering the window with its own renderer.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <dlfcn.h>
#include <X11/keysym.h>
#include <gdk/x11/gdkx.h>

#include "afs-screenshot.h"
#include "afs-signature-pad.h"
#include "afs-ui-test-util.h"

#define TIMEOUT 5000

static GtkWidget *window;
static AfsSignaturePad *pad;
static guint n_changed;

/* XTest and the few Xlib calls, looked up at run time: libXtst has no
 * headers installed here, and the tests link only what GTK needs. */
typedef int (*FakeButtonFunc) (Display *, unsigned int, Bool, unsigned long);
typedef int (*FakeKeyFunc) (Display *, unsigned int, Bool, unsigned long);
typedef int (*WarpFunc) (Display *, Window, Window, int, int, unsigned int, unsigned int, int, int);
typedef int (*FlushFunc) (Display *);
typedef KeyCode (*KeycodeFunc) (Display *, KeySym);
static FakeButtonFunc fake_button;
static FakeKeyFunc fake_key;
static WarpFunc warp_pointer;
static FlushFunc flush;
static KeycodeFunc keysym_to_keycode;

static void
on_changed (AfsSignaturePad *p,
            gpointer         data)
{
  n_changed++;
}

static gboolean
is_mapped (gpointer data)
{
  return gtk_widget_get_mapped (data) && gtk_widget_get_width (data) > 0;
}

static Display *
xdisplay (void)
{
  return gdk_x11_display_get_xdisplay (gtk_widget_get_display (window));
}

/* Moves the X pointer to (x, y) in the pad's coordinates. */
static void
pointer_to (double x,
            double y)
{
  GtkNative *native = gtk_widget_get_native (GTK_WIDGET (pad));
  GdkSurface *surface = gtk_native_get_surface (native);
  graphene_point_t p;
  double sx, sy;

  g_assert_true (gtk_widget_compute_point (GTK_WIDGET (pad), GTK_WIDGET (native),
                                           &GRAPHENE_POINT_INIT (x, y), &p));
  gtk_native_get_surface_transform (native, &sx, &sy);
  warp_pointer (xdisplay (), None, gdk_x11_surface_get_xid (surface), 0, 0, 0, 0,
                (int) (p.x + sx), (int) (p.y + sy));
  flush (xdisplay ());
  afs_test_wait_ms (15);
}

static void
button (gboolean down)
{
  fake_button (xdisplay (), 1, down, CurrentTime);
  flush (xdisplay ());
  afs_test_wait_ms (30);
}

static void
key (guint keysym)
{
  unsigned int code = keysym_to_keycode (xdisplay (), keysym);

  fake_key (xdisplay (), code, True, CurrentTime);
  fake_key (xdisplay (), code, False, CurrentTime);
  flush (xdisplay ());
  afs_test_wait_ms (50);
}

/* Pixels of the rendered window inside the pad that are not the pad's
 * background colour (sampled at the pad's top left corner area). */
static guint
ink_pixels (void)
{
  GtkNative *native = gtk_widget_get_native (GTK_WIDGET (pad));
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (GTK_WIDGET (pad));
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  int w = gtk_widget_get_width (GTK_WIDGET (pad));
  int h = gtk_widget_get_height (GTK_WIDGET (pad));
  g_autofree guchar *data = NULL;
  guint32 bg;
  guint n = 0;

  afs_test_wait_frames (GTK_WIDGET (pad), 2);
  gdk_paintable_snapshot (paintable, snapshot, w, h);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (native), node,
                                         &GRAPHENE_RECT_INIT (0, 0, w, h));
  data = g_malloc ((gsize) w * h * 4);
  gdk_texture_download (texture, data, (gsize) w * 4);

  /* A point inside the card, clear of the rounded corner and the hint. */
  bg = ((guint32 *) (gpointer) data)[(h / 4) * w + w / 2];
  for (int y = 8; y < h - 8; y++)
    for (int x = 8; x < w - 8; x++)
      {
        guint32 c = ((guint32 *) (gpointer) data)[y * w + x];
        int dr = (int) ((c >> 16) & 0xff) - (int) ((bg >> 16) & 0xff);
        int dg = (int) ((c >> 8) & 0xff) - (int) ((bg >> 8) & 0xff);
        int db = (int) (c & 0xff) - (int) (bg & 0xff);

        if (ABS (dr) + ABS (dg) + ABS (db) > 90)
          n++;
      }
  return n;
}

static void
test_fits_narrow_window (void)
{
  int min_w = 0, min_h = 0;

  gtk_widget_measure (GTK_WIDGET (pad), GTK_ORIENTATION_HORIZONTAL, -1, &min_w, NULL, NULL, NULL);
  gtk_widget_measure (GTK_WIDGET (pad), GTK_ORIENTATION_VERTICAL, -1, &min_h, NULL, NULL, NULL);
  /* A 400 px window with 12 px margins each side. */
  g_assert_cmpint (min_w, <=, 376);
  g_assert_cmpint (min_h, >=, 100);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (pad)), <=, 400);
  g_assert_true (gtk_widget_get_focusable (GTK_WIDGET (pad)));
}

static void
test_draw_with_pointer (void)
{
  double w = gtk_widget_get_width (GTK_WIDGET (pad));
  double h = gtk_widget_get_height (GTK_WIDGET (pad));
  guint before_ink;
  guint n;
  const AfsStrokePoint *p;
  double x0, y0, bw, bh;

  afs_signature_pad_clear (pad);
  n_changed = 0;
  g_assert_true (afs_signature_pad_is_blank (pad));
  before_ink = ink_pixels ();

  /* A zig-zag across the middle of the pad, with the real pointer. */
  pointer_to (w * 0.2, h * 0.5);
  button (TRUE);
  for (int i = 1; i <= 24; i++)
    pointer_to (w * 0.2 + i * w * 0.025, h * (i % 2 ? 0.35 : 0.6));
  button (FALSE);

  g_assert_cmpuint (n_changed, ==, 1);
  g_assert_cmpuint (afs_strokes_get_n_strokes (afs_signature_pad_get_strokes (pad)), ==, 1);
  p = afs_strokes_get_stroke (afs_signature_pad_get_strokes (pad), 0, &n);
  g_assert_cmpuint (n, >=, 10);
  /* No pen: the pressure is the documented 0.5. */
  g_assert_cmpfloat (p[0].pressure, ==, 0.5);
  /* The pad's units are the widget's pixels: the ink is where we drew. */
  g_assert_cmpfloat (afs_strokes_get_width (afs_signature_pad_get_strokes (pad)), ==, w);
  g_assert_true (afs_strokes_get_bounds (afs_signature_pad_get_strokes (pad), &x0, &y0, &bw, &bh));
  g_assert_cmpfloat (ABS (x0 - w * 0.2), <, 2);
  g_assert_cmpfloat (ABS (x0 + bw - w * 0.8), <, 2);
  g_assert_cmpfloat (ABS (y0 - h * 0.35), <, 2);
  g_assert_cmpfloat (ABS (y0 + bh - h * 0.6), <, 2);
  g_assert_false (afs_signature_pad_is_blank (pad));

  /* It shows. */
  g_assert_cmpuint (ink_pixels (), >, before_ink + 200);

  /* Delete, from the keyboard, clears it. */
  gtk_widget_grab_focus (GTK_WIDGET (pad));
  g_assert_true (gtk_widget_has_focus (GTK_WIDGET (pad)));
  key (XK_Delete);
  g_assert_cmpuint (n_changed, ==, 2);
  g_assert_true (afs_signature_pad_is_blank (pad));
  g_assert_cmpuint (afs_strokes_get_n_points (afs_signature_pad_get_strokes (pad)), ==, 0);
  g_assert_cmpuint (ink_pixels (), <=, before_ink);
}

static void
test_add_stroke_and_text (void)
{
  static const AfsStrokePoint zig[] = {
    { 40, 100, 0.4, 0 }, { 80, 40, 0.6, 20 }, { 120, 110, 0.8, 40 }, { 160, 45, 0.7, 60 },
    { 200, 105, 0.5, 80 }, { 240, 50, 0.6, 100 }, { 280, 100, 0.9, 120 }, { 320, 60, 0.3, 140 },
  };
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  gboolean blank = TRUE;

  afs_signature_pad_clear (pad);
  n_changed = 0;
  afs_signature_pad_add_stroke (pad, zig, G_N_ELEMENTS (zig));
  g_assert_cmpuint (n_changed, ==, 1);
  g_object_get (pad, "blank", &blank, NULL);
  g_assert_false (blank);
  g_assert_cmpuint (ink_pixels (), >, 200);

  /* For people to look at: build/tests/ui/signature-pad.png. */
  if (g_getenv ("AFS_BUILD_ROOT") != NULL)
    {
      g_autofree char *path = g_build_filename (g_getenv ("AFS_BUILD_ROOT"), "tests", "ui",
                                                "signature-pad.png", NULL);

      g_assert_true (afs_screenshot_save (window, path, &error));
      g_assert_no_error (error);
    }

  /* The text round-trips through the pad. */
  text = afs_signature_pad_get_strokes_text (pad);
  g_assert_true (g_str_has_prefix (text, "afs-strokes 1 4000 1500\n"));
  afs_signature_pad_clear (pad);
  g_assert_true (afs_signature_pad_set_strokes_text (pad, text, &error));
  g_assert_no_error (error);
  {
    g_autofree char *again = afs_signature_pad_get_strokes_text (pad);
    g_assert_cmpstr (again, ==, text);
  }

  /* Damaged text is refused and the pad keeps its signature. */
  g_assert_false (afs_signature_pad_set_strokes_text (pad, "afs-strokes 1 4000 1500\nx\n", &error));
  g_assert_nonnull (error);
  g_assert_false (afs_signature_pad_is_blank (pad));
}

static void
test_read_only (void)
{
  static const AfsStrokePoint line[] = {
    { 40, 75, 0.5, 0 }, { 360, 76, 0.5, 300 },
  };
  guint points;
  double w = gtk_widget_get_width (GTK_WIDGET (pad));
  double h = gtk_widget_get_height (GTK_WIDGET (pad));

  afs_signature_pad_set_read_only (pad, TRUE);
  points = afs_strokes_get_n_points (afs_signature_pad_get_strokes (pad));
  n_changed = 0;

  /* Neither code nor the pointer nor Delete changes a signed report. */
  afs_signature_pad_add_stroke (pad, line, G_N_ELEMENTS (line));
  pointer_to (w * 0.3, h * 0.3);
  button (TRUE);
  pointer_to (w * 0.6, h * 0.6);
  button (FALSE);
  gtk_widget_grab_focus (GTK_WIDGET (pad));
  key (XK_Delete);
  g_assert_cmpuint (n_changed, ==, 0);
  g_assert_cmpuint (afs_strokes_get_n_points (afs_signature_pad_get_strokes (pad)), ==, points);

  afs_signature_pad_set_read_only (pad, FALSE);
}

int
main (int   argc,
      char *argv[])
{
  void *xtst;
  void *x11;
  int ret;

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  afs_test_ui_setup_resources ();

  g_assert_true (GDK_IS_X11_DISPLAY (gdk_display_get_default ()));
  xtst = dlopen ("libXtst.so.6", RTLD_NOW);
  x11 = dlopen ("libX11.so.6", RTLD_NOW);
  g_assert_nonnull (xtst);
  g_assert_nonnull (x11);
  fake_button = (FakeButtonFunc) dlsym (xtst, "XTestFakeButtonEvent");
  fake_key = (FakeKeyFunc) dlsym (xtst, "XTestFakeKeyEvent");
  warp_pointer = (WarpFunc) dlsym (x11, "XWarpPointer");
  flush = (FlushFunc) dlsym (x11, "XFlush");
  keysym_to_keycode = (KeycodeFunc) dlsym (x11, "XKeysymToKeycode");
  g_assert_true (fake_button && fake_key && warp_pointer && flush && keysym_to_keycode);

  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 400, 260);
  pad = AFS_SIGNATURE_PAD (afs_signature_pad_new ());
  gtk_widget_set_margin_start (GTK_WIDGET (pad), 12);
  gtk_widget_set_margin_end (GTK_WIDGET (pad), 12);
  gtk_widget_set_margin_top (GTK_WIDGET (pad), 12);
  gtk_widget_set_margin_bottom (GTK_WIDGET (pad), 12);
  g_signal_connect (pad, "changed", G_CALLBACK (on_changed), NULL);
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (pad));
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (afs_test_wait_until (is_mapped, pad, TIMEOUT));
  afs_test_wait_frames (window, 3);

  g_test_add_func ("/ui/signature-pad/fits-narrow-window", test_fits_narrow_window);
  g_test_add_func ("/ui/signature-pad/draw-with-pointer", test_draw_with_pointer);
  g_test_add_func ("/ui/signature-pad/add-stroke-and-text", test_add_stroke_and_text);
  g_test_add_func ("/ui/signature-pad/read-only", test_read_only);

  ret = g_test_run ();

  gtk_window_destroy (GTK_WINDOW (window));
  return ret;
}

/* media-test-util.h: real image files for the media tests: JPEGs made
 * with gdk-pixbuf (optionally with an EXIF block made with libexif), and
 * headers of images too large to decode. */
#pragma once

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <gio/gio.h>

G_BEGIN_DECLS

/* A temporary folder; removed (recursively) by media_test_dir_free(). */
char   *media_test_dir_new  (void);
void    media_test_dir_free (char *dir);

/* A @width × @height JPEG (a gradient; @seed changes its pixels) with an
 * EXIF block when @taken ("2024:05:01 10:20:30") or @orientation (> 1)
 * is given. */
GBytes *media_test_jpeg    (int width, int height, guint seed,
                            const char *taken, const char *offset, int orientation);
/* A PNG of that size. */
GBytes *media_test_png     (int width, int height);
/* A complete JPEG / PNG file whose header says @width × @height but whose
 * data is a few bytes: decoding it would need width × height × 4 bytes. */
GBytes *media_test_huge_jpeg_header (guint width, guint height);
GBytes *media_test_huge_png_header  (guint width, guint height);

/* Writes @bytes to @dir/@name; returns the path. */
char   *media_test_write   (const char *dir, const char *name, GBytes *bytes);

/* Regular files under @dir (recursively), ignoring names containing
 * @skip (NULL: none). */
guint   media_test_count_files (const char *dir, const char *skip);

G_END_DECLS

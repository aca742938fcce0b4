/* test-photo-folder.c: importing real image files into the photo folder:
 * bad files refused with a clear message and nothing stored, a photo
 * stored once by its SHA-256, EXIF time and orientation, downscaled
 * copies made off the main thread. */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "afs-error.h"
#include "afs-photo-folder.h"
#include "afs-photo-path.h"
#include "media-test-util.h"

typedef struct {
  char           *dir;     /* where the "camera card" files are */
  char           *root;    /* the photo folder */
  AfsPhotoFolder *folder;
} Fixture;

static void
fixture_setup (Fixture       *fx,
               gconstpointer  data)
{
  fx->dir = media_test_dir_new ();
  fx->root = g_build_filename (fx->dir, "photos", NULL);
  fx->folder = afs_photo_folder_new (fx->root);
}

static void
fixture_teardown (Fixture       *fx,
                  gconstpointer  data)
{
  g_clear_object (&fx->folder);
  g_free (fx->root);
  media_test_dir_free (fx->dir);
}

static void
assert_refused (Fixture    *fx,
                const char *path,
                int         code,
                const char *expect_in_message)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  AfsPhotoInfo info = { 0, };

  g_assert_false (afs_photo_folder_import_file (fx->folder, file, &info, NULL, &error));
  g_assert_error (error, AFS_ERROR, code);
  g_test_message ("%s", error->message);
  if (strstr (error->message, expect_in_message) == NULL)
    g_printerr ("unexpected message: %s\n", error->message);
  g_assert_nonnull (strstr (error->message, expect_in_message));
  g_assert_null (info.sha256);
  /* Nothing stored, not even a temporary file. */
  g_assert_cmpuint (media_test_count_files (fx->root, NULL), ==, 0);
}

/* A photo is stored under its SHA-256, byte for byte; importing it again
 * (under another name) stores nothing new. */
static void
test_import_and_duplicate (Fixture       *fx,
                           gconstpointer  data)
{
  g_autoptr(GBytes) jpeg = media_test_jpeg (640, 480, 1, NULL, NULL, 1);
  g_autofree char *path = media_test_write (fx->dir, "IMG_0001.JPG", jpeg);
  g_autofree char *copy = media_test_write (fx->dir, "copy of IMG_0001.jpg", jpeg);
  g_autofree char *expected_sha = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, jpeg);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) file2 = g_file_new_for_path (copy);
  g_autoptr(GError) error = NULL;
  g_autofree char *stored = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *found = NULL;
  AfsPhotoInfo info = { 0, };
  AfsPhotoInfo again = { 0, };
  gsize len = 0;

  g_assert_true (afs_photo_folder_import_file (fx->folder, file, &info, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (info.sha256, ==, expected_sha);
  g_assert_cmpstr (info.mime_type, ==, "image/jpeg");
  g_assert_cmpint (info.width, ==, 640);
  g_assert_cmpint (info.height, ==, 480);
  g_assert_cmpuint (info.size, ==, g_bytes_get_size (jpeg));
  g_assert_cmpint (info.taken_at, ==, 0);
  g_assert_cmpint (info.orientation, ==, 1);

  /* <root>/ab/<sha>.jpg, the same bytes. */
  stored = afs_photo_folder_get_path (fx->folder, info.sha256, info.mime_type);
  g_assert_true (g_str_has_prefix (stored, fx->root));
  g_assert_true (g_str_has_suffix (stored, ".jpg"));
  {
    g_autofree char *parent = g_path_get_dirname (stored);
    g_autofree char *sub = g_path_get_basename (parent);
    g_autofree char *prefix = g_strndup (expected_sha, 2);
    g_assert_cmpstr (sub, ==, prefix);
  }
  g_assert_true (g_file_get_contents (stored, &contents, &len, &error));
  g_assert_cmpmem (contents, len, g_bytes_get_data (jpeg, NULL), g_bytes_get_size (jpeg));
  found = afs_photo_folder_find (fx->folder, info.sha256);
  g_assert_cmpstr (found, ==, stored);

  /* The same photo again: one file. */
  g_assert_true (afs_photo_folder_import_file (fx->folder, file2, &again, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (again.sha256, ==, info.sha256);
  g_assert_cmpuint (media_test_count_files (fx->root, NULL), ==, 1);

  afs_photo_info_clear (&info);
  afs_photo_info_clear (&again);
}

static void
test_not_an_image (Fixture       *fx,
                   gconstpointer  data)
{
  g_autoptr(GBytes) text = g_bytes_new_static ("Faktura VAT 2026/03\n", 20);
  g_autoptr(GBytes) empty = g_bytes_new_static ("", 0);
  g_autofree char *path = media_test_write (fx->dir, "invoice.jpg", text);
  g_autofree char *empty_path = media_test_write (fx->dir, "empty.jpg", empty);

  assert_refused (fx, path, AFS_ERROR_INVALID, "not a photo");
  assert_refused (fx, empty_path, AFS_ERROR_INVALID, "empty");
  assert_refused (fx, fx->dir, AFS_ERROR_INVALID, "is a folder");
}

/* Cut off while copying: half the file, or all but the last bytes. */
static void
test_truncated_jpeg (Fixture       *fx,
                     gconstpointer  data)
{
  g_autoptr(GBytes) jpeg = media_test_jpeg (800, 600, 2, "2024:05:01 10:20:30", NULL, 1);
  g_autoptr(GBytes) half = g_bytes_new_from_bytes (jpeg, 0, g_bytes_get_size (jpeg) / 2);
  g_autoptr(GBytes) almost = g_bytes_new_from_bytes (jpeg, 0, g_bytes_get_size (jpeg) - 2);
  g_autoptr(GBytes) header = g_bytes_new_from_bytes (jpeg, 0, 100);
  g_autofree char *p1 = media_test_write (fx->dir, "half.jpg", half);
  g_autofree char *p2 = media_test_write (fx->dir, "almost.jpg", almost);
  g_autofree char *p3 = media_test_write (fx->dir, "header.jpg", header);
  g_autoptr(GBytes) png = media_test_png (100, 80);
  g_autoptr(GBytes) png_cut = g_bytes_new_from_bytes (png, 0, g_bytes_get_size (png) - 12);
  g_autofree char *p4 = media_test_write (fx->dir, "cut.png", png_cut);

  assert_refused (fx, p1, AFS_ERROR_INVALID, "incomplete");
  assert_refused (fx, p2, AFS_ERROR_INVALID, "incomplete");
  assert_refused (fx, p3, AFS_ERROR_INVALID, "incomplete");
  assert_refused (fx, p4, AFS_ERROR_INVALID, "incomplete");
}

/* A 100-megapixel image is refused from its header: the test files
 * are a few hundred bytes, so nothing was decoded. */
static void
test_too_many_pixels (Fixture       *fx,
                      gconstpointer  data)
{
  g_autoptr(GBytes) jpeg = media_test_huge_jpeg_header (12000, 8400);
  g_autoptr(GBytes) png = media_test_huge_png_header (10000, 10000);
  g_autofree char *p1 = media_test_write (fx->dir, "huge.jpg", jpeg);
  g_autofree char *p2 = media_test_write (fx->dir, "huge.png", png);
  g_autoptr(GBytes) fine = media_test_huge_jpeg_header (4000, 3000);
  AfsPhotoInfo info = { 0, };
  g_autoptr(GError) error = NULL;

  assert_refused (fx, p1, AFS_ERROR_INVALID, "too large (12000 × 8400 pixels, 100.8 megapixels");
  assert_refused (fx, p2, AFS_ERROR_INVALID, "too large (10000 × 10000");

  /* The same kind of header at 12 MP passes the check. */
  g_assert_true (afs_photo_inspect_bytes (fine, 0, &info, &error));
  g_assert_no_error (error);
  g_assert_cmpint (info.width, ==, 4000);
  g_assert_cmpint (info.height, ==, 3000);
  afs_photo_info_clear (&info);

  /* A lower limit is a setting. */
  afs_photo_folder_set_max_pixels (fx->folder, 1000 * 1000);
  {
    g_autoptr(GBytes) small = media_test_jpeg (1200, 900, 3, NULL, NULL, 1);
    g_autofree char *p3 = media_test_write (fx->dir, "1mp.jpg", small);
    assert_refused (fx, p3, AFS_ERROR_INVALID, "at most 1.0");
  }
}

/* A folder the user may not read: as root, the check runs in a child
 * process that has given up root. */
static void
test_unreadable_folder (Fixture       *fx,
                        gconstpointer  data)
{
  if (g_test_subprocess ())
    {
      g_autofree char *locked = g_build_filename (fx->dir, "locked", NULL);
      g_autofree char *path = NULL;
      g_autoptr(GBytes) jpeg = media_test_jpeg (64, 48, 4, NULL, NULL, 1);

      g_assert_cmpint (g_mkdir (locked, 0700), ==, 0);
      path = media_test_write (locked, "IMG_0002.JPG", jpeg);
      if (getuid () == 0)
        {
          /* The folder stays root's; the importer is "nobody", who may
           * write the photo folder but not read this one. */
          g_assert_cmpint (chown (fx->dir, 65534, 65534), ==, 0);
          g_assert_cmpint (g_chmod (fx->dir, 0777), ==, 0);
          g_assert_cmpint (setegid (65534), ==, 0);
          g_assert_cmpint (seteuid (65534), ==, 0);
        }
      else
        g_assert_cmpint (g_chmod (locked, 0), ==, 0);

      assert_refused (fx, path, AFS_ERROR_IO, "no permission");

      /* Back to root, so the teardown can remove the folder. */
      if (getuid () == 0)
        {
          g_assert_cmpint (seteuid (0), ==, 0);
          g_assert_cmpint (setegid (0), ==, 0);
        }
      return;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

/* EXIF: the capture time (with its offset, or in local time) and the
 * orientation, which the downscaled copies apply. */
static void
test_exif_and_scaled (Fixture       *fx,
                      gconstpointer  data)
{
  g_autoptr(GBytes) jpeg = media_test_jpeg (640, 480, 5, "2024:05:01 10:20:30", "+02:00", 6);
  g_autofree char *path = media_test_write (fx->dir, "portrait.jpg", jpeg);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkPixbuf) thumb = NULL;
  g_autofree char *thumb_path = NULL;
  g_autofree char *report_path = NULL;
  AfsPhotoInfo info = { 0, };

  g_assert_true (afs_photo_folder_import_file (fx->folder, file, &info, NULL, &error));
  g_assert_no_error (error);
  /* 10:20:30 at +02:00 is 08:20:30 UTC. */
  g_assert_cmpint (info.taken_at, ==, 1714551630);
  g_assert_cmpint (info.orientation, ==, 6);
  g_assert_cmpint (info.width, ==, 640);

  /* Rotated a quarter turn: 480 × 640, scaled to fit 256. */
  thumb_path = afs_photo_folder_get_scaled (fx->folder, info.sha256, AFS_PHOTO_SIZE_THUMBNAIL,
                                            NULL, &error);
  g_assert_no_error (error);
  thumb = gdk_pixbuf_new_from_file (thumb_path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gdk_pixbuf_get_width (thumb), ==, 192);
  g_assert_cmpint (gdk_pixbuf_get_height (thumb), ==, 256);

  /* Smaller than the report size: kept at its own size, upright. */
  report_path = afs_photo_folder_get_scaled (fx->folder, info.sha256, AFS_PHOTO_SIZE_REPORT,
                                             NULL, &error);
  g_assert_no_error (error);
  {
    int w = 0, h = 0;
    g_assert_nonnull (gdk_pixbuf_get_file_info (report_path, &w, &h));
    g_assert_cmpint (w, ==, 480);
    g_assert_cmpint (h, ==, 640);
  }
  /* Copies are not originals: the original is still the only one. */
  g_assert_cmpuint (media_test_count_files (fx->root, NULL), ==, 3);
  g_assert_cmpuint (media_test_count_files (fx->root, NULL) -
                    media_test_count_files (g_build_filename (fx->root, "scaled", NULL), NULL), ==, 1);
  afs_photo_info_clear (&info);

  /* No EXIF offset: the device's local time (TZ is set by the test). */
  {
    g_autoptr(GBytes) local = media_test_jpeg (64, 48, 6, "2024:05:01 10:20:30", NULL, 1);
    g_autofree char *local_path = media_test_write (fx->dir, "local.jpg", local);
    g_autoptr(GFile) local_file = g_file_new_for_path (local_path);

    g_assert_true (afs_photo_inspect_file (local_file, 0, &info, NULL, &error));
    g_assert_no_error (error);
    g_assert_cmpint (info.taken_at, ==, 1714558830);   /* 10:20:30 UTC */
    afs_photo_info_clear (&info);
  }
}

static void
got_result (GObject      *source,
            GAsyncResult *result,
            gpointer      data)
{
  GAsyncResult **out = data;

  *out = g_object_ref (result);
}

/* Several files at once, off the main thread: each gets its own result;
 * thumbnails are made on a worker too. */
static void
test_import_async (Fixture       *fx,
                   gconstpointer  data)
{
  g_autoptr(GBytes) a = media_test_jpeg (320, 240, 7, NULL, NULL, 1);
  g_autoptr(GBytes) b = media_test_png (200, 100);
  g_autoptr(GBytes) bad = g_bytes_new_static ("%PDF-1.7", 8);
  g_autofree char *pa = media_test_write (fx->dir, "a.jpg", a);
  g_autofree char *pb = media_test_write (fx->dir, "b.png", b);
  g_autofree char *pbad = media_test_write (fx->dir, "manual.pdf", bad);
  g_autofree char *pdup = media_test_write (fx->dir, "a again.jpg", a);
  GFile *files[4];
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GAsyncResult) thumb_result = NULL;
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *thumb = NULL;
  AfsPhotoImportResult *r;

  files[0] = g_file_new_for_path (pa);
  files[1] = g_file_new_for_path (pbad);
  files[2] = g_file_new_for_path (pb);
  files[3] = g_file_new_for_path (pdup);
  afs_photo_folder_import_async (fx->folder, files, 4, NULL, got_result, &result);
  for (int i = 0; i < 4; i++)
    g_object_unref (files[i]);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);

  results = afs_photo_folder_import_finish (fx->folder, result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (results->len, ==, 4);
  r = results->pdata[0];
  g_assert_no_error (r->error);
  g_assert_cmpint (r->info->width, ==, 320);
  r = results->pdata[1];
  g_assert_null (r->info);
  g_assert_error (r->error, AFS_ERROR, AFS_ERROR_INVALID);
  r = results->pdata[2];
  g_assert_no_error (r->error);
  g_assert_cmpstr (r->info->mime_type, ==, "image/png");
  g_assert_true (g_str_has_suffix (afs_photo_folder_find (fx->folder, r->info->sha256), ".png"));
  r = results->pdata[3];
  g_assert_cmpstr (r->info->sha256, ==, ((AfsPhotoImportResult *) results->pdata[0])->info->sha256);
  g_assert_cmpuint (media_test_count_files (fx->root, NULL), ==, 2);

  /* A PNG thumbnail (alpha flattened into a JPEG). */
  afs_photo_folder_get_scaled_async (fx->folder, r->info->sha256, 64, NULL, got_result, &thumb_result);
  while (thumb_result == NULL)
    g_main_context_iteration (NULL, TRUE);
  thumb = afs_photo_folder_get_scaled_finish (fx->folder, thumb_result, &error);
  g_assert_no_error (error);
  {
    int w = 0, h = 0;
    g_assert_nonnull (gdk_pixbuf_get_file_info (thumb, &w, &h));
    g_assert_cmpint (w, ==, 64);
    g_assert_cmpint (h, ==, 48);
  }

  /* A photo that is not in the folder. */
  g_assert_null (afs_photo_folder_get_scaled (fx->folder,
                                              "0000000000000000000000000000000000000000000000000000000000000000",
                                              64, NULL, &error));
  g_assert_error (error, AFS_ERROR, AFS_ERROR_NOT_FOUND);
}

int
main (int argc, char **argv)
{
  g_setenv ("TZ", "UTC", TRUE);
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/media/photo-folder/import-and-duplicate", test_import_and_duplicate);
  ADD ("/media/photo-folder/not-an-image", test_not_an_image);
  ADD ("/media/photo-folder/truncated-jpeg", test_truncated_jpeg);
  ADD ("/media/photo-folder/too-many-pixels", test_too_many_pixels);
  ADD ("/media/photo-folder/unreadable-folder", test_unreadable_folder);
  ADD ("/media/photo-folder/exif-and-scaled", test_exif_and_scaled);
  ADD ("/media/photo-folder/import-async", test_import_async);
#undef ADD

  return g_test_run ();
}

/* test-camera.c: the real GStreamer pipeline, with videotestsrc standing
 * in for the camera: live frames on the main context, a shutter that
 * stores a JPEG in the photo folder; and no camera at all. */

#include "config.h"

#include <string.h>

#include "afs-camera.h"
#include "afs-error.h"
#include "media-test-util.h"

typedef struct {
  char           *dir;
  AfsPhotoFolder *folder;
  AfsCamera      *camera;
  guint           frames;
  int             width, height, stride;
  gsize           frame_size;
  guint8          first_pixel[4];
  gboolean        timed_out;
} Fixture;

static void
fixture_setup (Fixture       *fx,
               gconstpointer  data)
{
  g_autofree char *root = NULL;

  fx->dir = media_test_dir_new ();
  root = g_build_filename (fx->dir, "photos", NULL);
  fx->folder = afs_photo_folder_new (root);
  fx->camera = afs_camera_new (fx->folder);
}

static void
fixture_teardown (Fixture       *fx,
                  gconstpointer  data)
{
  g_clear_object (&fx->camera);
  g_clear_object (&fx->folder);
  media_test_dir_free (fx->dir);
}

static void
on_frame (AfsCamera *camera,
          GBytes    *rgba,
          int        width,
          int        height,
          int        stride,
          Fixture   *fx)
{
  /* Delivered on the main context (this thread), as the UI needs. */
  g_assert_true (g_main_context_is_owner (g_main_context_default ()));
  fx->frames++;
  fx->width = width;
  fx->height = height;
  fx->stride = stride;
  fx->frame_size = g_bytes_get_size (rgba);
  memcpy (fx->first_pixel, g_bytes_get_data (rgba, NULL), 4);
}

/* A bound on waiting, so a broken pipeline fails the test instead of
 * hanging it (not a speed requirement). */
static gboolean
on_timeout (gpointer data)
{
  Fixture *fx = data;

  fx->timed_out = TRUE;
  return G_SOURCE_REMOVE;
}

static void
got_result (GObject      *source,
            GAsyncResult *result,
            gpointer      data)
{
  GAsyncResult **out = data;

  *out = g_object_ref (result);
}

static void
test_camera_videotestsrc (Fixture       *fx,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  g_autofree char *sha = NULL;
  g_autofree char *path = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *file_sha = NULL;
  AfsPhotoInfo info = { 0, };
  gsize len = 0;
  guint timeout;

  afs_camera_set_source (fx->camera, "videotestsrc");
  g_assert_cmpstr (afs_camera_get_source (fx->camera), ==, "videotestsrc");

  /* Before any frame: nothing to capture. */
  afs_camera_capture_async (fx->camera, NULL, got_result, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_null (afs_camera_capture_finish (fx->camera, result, NULL, &error));
  g_assert_error (error, AFS_ERROR, AFS_ERROR_PRECONDITION);
  g_clear_error (&error);
  g_clear_object (&result);

  g_signal_connect (fx->camera, "frame", G_CALLBACK (on_frame), fx);
  g_assert_true (afs_camera_start (fx->camera, &error));
  g_assert_no_error (error);
  g_assert_true (afs_camera_is_running (fx->camera));

  timeout = g_timeout_add_seconds (30, on_timeout, fx);
  while (fx->frames < 3 && !fx->timed_out)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (fx->timed_out);
  g_assert_cmpint (fx->width, ==, 320);      /* videotestsrc's default size */
  g_assert_cmpint (fx->height, ==, 240);
  g_assert_cmpint (fx->stride, >=, 320 * 4);
  g_assert_cmpuint (fx->frame_size, ==, (gsize) fx->stride * 240);
  /* The SMPTE bars start with white-ish grey at the top left, opaque. */
  g_assert_cmpuint (fx->first_pixel[3], ==, 255);
  g_assert_cmpuint (fx->first_pixel[0], >, 150);

  /* The shutter: a JPEG in the photo folder, named by its hash. */
  afs_camera_capture_async (fx->camera, NULL, got_result, &result);
  while (result == NULL && !fx->timed_out)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (fx->timed_out);
  g_source_remove (timeout);
  sha = afs_camera_capture_finish (fx->camera, result, &info, &error);
  g_assert_no_error (error);
  g_assert_nonnull (sha);
  g_assert_cmpstr (info.sha256, ==, sha);
  g_assert_cmpstr (info.mime_type, ==, "image/jpeg");
  g_assert_cmpint (info.width, ==, 320);
  g_assert_cmpint (info.height, ==, 240);
  g_assert_cmpint (info.taken_at, >, 0);

  path = afs_photo_folder_find (fx->folder, sha);
  g_assert_nonnull (path);
  g_assert_true (g_str_has_suffix (path, ".jpg"));
  g_assert_true (g_file_get_contents (path, &contents, &len, &error));
  g_assert_cmpuint (len, ==, info.size);
  file_sha = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, len);
  g_assert_cmpstr (file_sha, ==, sha);
  g_assert_cmpuint ((guchar) contents[0], ==, 0xFF);
  g_assert_cmpuint ((guchar) contents[1], ==, 0xD8);
  pixbuf = gdk_pixbuf_new_from_file (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gdk_pixbuf_get_width (pixbuf), ==, 320);
  g_assert_cmpint (gdk_pixbuf_get_height (pixbuf), ==, 240);
  afs_photo_info_clear (&info);

  afs_camera_stop (fx->camera);
  g_assert_false (afs_camera_is_running (fx->camera));
}

/* No camera: v4l2src on a device that does not exist. */
static void
test_camera_missing (Fixture       *fx,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  afs_camera_set_source (fx->camera, "v4l2src");
  afs_camera_set_device (fx->camera, "/dev/video-does-not-exist");
  g_assert_false (afs_camera_start (fx->camera, &error));
  g_assert_error (error, AFS_ERROR, AFS_ERROR_NOT_FOUND);
  g_assert_cmpstr (error->message, ==,
                   "No camera was found. Connect one, or import photos from files instead.");
  g_assert_false (afs_camera_is_running (fx->camera));
  g_clear_error (&error);

  /* Camera support not installed at all. */
  afs_camera_set_source (fx->camera, "afs-no-such-camera-src");
  g_assert_false (afs_camera_start (fx->camera, &error));
  g_assert_error (error, AFS_ERROR, AFS_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "Import photos from files"));
  g_assert_nonnull (strstr (error->message, "afs-no-such-camera-src"));
}

/* The source comes from AFS_CAMERA_SOURCE (the tests, a sandbox). */
static void
test_camera_source_from_env (Fixture       *fx,
                             gconstpointer  data)
{
  g_autoptr(AfsCamera) camera = NULL;

  g_setenv ("AFS_CAMERA_SOURCE", "videotestsrc", TRUE);
  camera = afs_camera_new (fx->folder);
  g_assert_cmpstr (afs_camera_get_source (camera), ==, "videotestsrc");
  g_unsetenv ("AFS_CAMERA_SOURCE");
  afs_camera_set_source (camera, NULL);
  g_assert_cmpstr (afs_camera_get_source (camera), ==,
                   g_file_test ("/.flatpak-info", G_FILE_TEST_EXISTS) ? "pipewiresrc" : "v4l2src");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  afs_camera_init_gstreamer ();

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/media/camera/videotestsrc", test_camera_videotestsrc);
  ADD ("/media/camera/missing", test_camera_missing);
  ADD ("/media/camera/source-from-env", test_camera_source_from_env);
#undef ADD

  return g_test_run ();
}

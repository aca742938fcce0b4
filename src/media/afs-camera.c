/* afs-camera.c: the live camera as a GStreamer pipeline (see the header).
 *
 * Frames arrive on GStreamer's streaming thread. Only the newest is
 * kept (appsink max-buffers=1 drop=true, and one sample here); one idle
 * source at a time hands it to the main context, so a slow UI sees fewer
 * frames instead of a growing queue.
 *
 * Copyright 2026 The AfterSales authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib/gi18n-lib.h>
#include <gst/app/gstappsink.h>
#include <gst/gst.h>
#include <gst/video/video.h>
#include <string.h>

#include "afs-camera.h"
#include "afs-camera-portal.h"
#include "afs-error.h"

struct _AfsCamera
{
  GObject         parent_instance;

  AfsPhotoFolder *folder;
  char           *source;
  char           *device;

  GstElement     *pipeline;
  GSource        *bus_source;
  GMainContext   *context;

  /* Guarded by lock: written on the streaming thread. */
  GMutex          lock;
  GstSample      *last_sample;
  gboolean        idle_pending;
};

G_DEFINE_FINAL_TYPE (AfsCamera, afs_camera, G_TYPE_OBJECT)

enum { PROP_0, PROP_SOURCE, PROP_DEVICE, N_PROPS };
static GParamSpec *props[N_PROPS];

enum { SIGNAL_FRAME, SIGNAL_ERROR, N_SIGNALS };
static guint signals[N_SIGNALS];

void
afs_camera_init_gstreamer (void)
{
  static gsize once = 0;

  if (g_once_init_enter (&once))
    {
      gst_init_check (NULL, NULL, NULL);
      g_once_init_leave (&once, 1);
    }
}

static const char *
default_source (void)
{
  const char *env = g_getenv ("AFS_CAMERA_SOURCE");

  if (env != NULL && *env != '\0')
    return env;
  /* Sandboxed: the camera portal hands out a PipeWire stream. */
  if (afs_camera_portal_is_sandboxed ())
    return "pipewiresrc";
  return "v4l2src";
}

/* ---- Frames --------------------------------------------------------------------- */

typedef struct {
  GstBuffer  *buffer;
  GstMapInfo  map;
} MappedFrame;

static void
mapped_frame_free (gpointer data)
{
  MappedFrame *m = data;

  gst_buffer_unmap (m->buffer, &m->map);
  gst_buffer_unref (m->buffer);
  g_free (m);
}

/* The frame of @sample as GBytes that keep the buffer mapped (no copy). */
static GBytes *
sample_to_bytes (GstSample *sample,
                 int       *width,
                 int       *height,
                 int       *stride)
{
  GstBuffer *buffer = gst_sample_get_buffer (sample);
  GstCaps *caps = gst_sample_get_caps (sample);
  GstVideoInfo info;
  GstVideoMeta *meta;
  MappedFrame *m;

  if (buffer == NULL || caps == NULL || !gst_video_info_from_caps (&info, caps))
    return NULL;

  m = g_new0 (MappedFrame, 1);
  m->buffer = gst_buffer_ref (buffer);
  if (!gst_buffer_map (m->buffer, &m->map, GST_MAP_READ))
    {
      gst_buffer_unref (m->buffer);
      g_free (m);
      return NULL;
    }

  *width = GST_VIDEO_INFO_WIDTH (&info);
  *height = GST_VIDEO_INFO_HEIGHT (&info);
  *stride = GST_VIDEO_INFO_PLANE_STRIDE (&info, 0);
  meta = gst_buffer_get_video_meta (buffer);
  if (meta != NULL)
    *stride = meta->stride[0];

  if ((gsize) *stride * (*height) > m->map.size || *stride < *width * 4)
    {
      mapped_frame_free (m);
      return NULL;
    }
  return g_bytes_new_with_free_func (m->map.data, (gsize) *stride * (*height),
                                     mapped_frame_free, m);
}

static gboolean
deliver_frame (gpointer data)
{
  AfsCamera *self = data;
  g_autoptr(GstSample) sample = NULL;
  g_autoptr(GBytes) bytes = NULL;
  int width = 0, height = 0, stride = 0;

  g_mutex_lock (&self->lock);
  self->idle_pending = FALSE;
  if (self->last_sample != NULL)
    sample = gst_sample_ref (self->last_sample);
  g_mutex_unlock (&self->lock);

  if (sample != NULL && self->pipeline != NULL)
    bytes = sample_to_bytes (sample, &width, &height, &stride);
  if (bytes != NULL)
    g_signal_emit (self, signals[SIGNAL_FRAME], 0, bytes, width, height, stride);

  return G_SOURCE_REMOVE;
}

static GstFlowReturn
on_new_sample (GstAppSink *sink,
               gpointer    data)
{
  AfsCamera *self = data;
  GstSample *sample = gst_app_sink_pull_sample (sink);
  gboolean schedule = FALSE;

  if (sample == NULL)
    return GST_FLOW_OK;

  g_mutex_lock (&self->lock);
  if (self->last_sample != NULL)
    gst_sample_unref (self->last_sample);
  self->last_sample = sample;
  if (!self->idle_pending && self->context != NULL)
    {
      self->idle_pending = TRUE;
      schedule = TRUE;
    }
  g_mutex_unlock (&self->lock);

  if (schedule)
    {
      GSource *idle = g_idle_source_new ();

      g_source_set_priority (idle, G_PRIORITY_DEFAULT);
      g_source_set_callback (idle, deliver_frame, g_object_ref (self), g_object_unref);
      g_source_attach (idle, self->context);
      g_source_unref (idle);
    }
  return GST_FLOW_OK;
}

/* ---- Errors ----------------------------------------------------------------------- */

/* GStreamer's error as what the user can do about it. */
static void
set_camera_error (GError      **error,
                  const GError *gst_error,
                  const char   *debug)
{
  if (gst_error != NULL && gst_error->domain == GST_RESOURCE_ERROR &&
      (gst_error->code == GST_RESOURCE_ERROR_NOT_FOUND ||
       gst_error->code == GST_RESOURCE_ERROR_OPEN_READ ||
       gst_error->code == GST_RESOURCE_ERROR_OPEN_READ_WRITE))
    {
      g_set_error_literal (error, AFS_ERROR, AFS_ERROR_NOT_FOUND,
                           _("No camera was found. Connect one, or import photos from files instead."));
      return;
    }
  if (gst_error != NULL && gst_error->domain == GST_RESOURCE_ERROR &&
      gst_error->code == GST_RESOURCE_ERROR_BUSY)
    {
      g_set_error_literal (error, AFS_ERROR, AFS_ERROR_BUSY,
                           _("The camera is in use by another application. Close it, or import "
                             "photos from files instead."));
      return;
    }
  g_set_error (error, AFS_ERROR, AFS_ERROR_FAILED,
               _("The camera stopped working: %s. Reconnect it, or import photos from files "
                 "instead."),
               gst_error != NULL ? gst_error->message : _("unknown error"));
  if (debug != NULL)
    g_debug ("camera: %s", debug);
}

static gboolean
error_from_bus (GstElement  *pipeline,
                GError     **error)
{
  g_autoptr(GstBus) bus = gst_element_get_bus (pipeline);
  GstMessage *msg = gst_bus_pop_filtered (bus, GST_MESSAGE_ERROR);
  g_autoptr(GError) gst_error = NULL;
  g_autofree char *debug = NULL;

  if (msg == NULL)
    return FALSE;
  gst_message_parse_error (msg, &gst_error, &debug);
  gst_message_unref (msg);
  set_camera_error (error, gst_error, debug);
  return TRUE;
}

static void
teardown (AfsCamera *self)
{
  if (self->pipeline != NULL)
    {
      /* Joins the streaming threads: no new sample after this. */
      gst_element_set_state (self->pipeline, GST_STATE_NULL);
      g_clear_object (&self->pipeline);
    }
  if (self->bus_source != NULL)
    {
      g_source_destroy (self->bus_source);
      g_clear_pointer (&self->bus_source, g_source_unref);
    }
  g_mutex_lock (&self->lock);
  g_clear_pointer (&self->last_sample, gst_sample_unref);
  g_mutex_unlock (&self->lock);
  g_clear_pointer (&self->context, g_main_context_unref);
}

static gboolean
on_bus_message (GstBus     *bus,
                GstMessage *msg,
                gpointer    data)
{
  AfsCamera *self = data;

  if (GST_MESSAGE_TYPE (msg) == GST_MESSAGE_ERROR)
    {
      g_autoptr(GError) gst_error = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *debug = NULL;

      GSource *source = self->bus_source;

      gst_message_parse_error (msg, &gst_error, &debug);
      set_camera_error (&error, gst_error, debug);
      g_object_ref (self);
      self->bus_source = NULL;   /* removed by returning G_SOURCE_REMOVE */
      teardown (self);
      g_signal_emit (self, signals[SIGNAL_ERROR], 0, error);
      g_object_unref (self);
      g_source_unref (source);
      return G_SOURCE_REMOVE;
    }
  return G_SOURCE_CONTINUE;
}

/* ---- Starting and stopping ------------------------------------------------------- */

gboolean
afs_camera_start (AfsCamera  *self,
                  GError    **error)
{
  g_autoptr(GstCaps) caps = NULL;
  g_autoptr(GstBus) bus = NULL;
  GstElement *src, *convert, *filter, *sink;
  GstAppSinkCallbacks callbacks = { NULL, NULL, on_new_sample, };
  GstStateChangeReturn ret;

  g_return_val_if_fail (AFS_IS_CAMERA (self), FALSE);

  if (self->pipeline != NULL)
    return TRUE;

  afs_camera_init_gstreamer ();

  src = gst_element_factory_make (self->source, "source");
  if (src == NULL)
    {
      g_set_error (error, AFS_ERROR, AFS_ERROR_NOT_FOUND,
                   _("No camera was found: camera support (%s) is not installed. Import photos "
                     "from files instead."), self->source);
      return FALSE;
    }
  convert = gst_element_factory_make ("videoconvert", NULL);
  filter = gst_element_factory_make ("capsfilter", NULL);
  sink = gst_element_factory_make ("appsink", "sink");
  if (convert == NULL || filter == NULL || sink == NULL)
    {
      g_clear_pointer (&src, gst_object_unref);
      g_clear_pointer (&convert, gst_object_unref);
      g_clear_pointer (&filter, gst_object_unref);
      g_clear_pointer (&sink, gst_object_unref);
      g_set_error_literal (error, AFS_ERROR, AFS_ERROR_NOT_FOUND,
                           _("The camera cannot be used: GStreamer's base plugins are not "
                             "installed. Import photos from files instead."));
      return FALSE;
    }

  if (self->device != NULL && g_object_class_find_property (G_OBJECT_GET_CLASS (src), "device"))
    g_object_set (src, "device", self->device, NULL);
  /* In a sandbox, PipeWire is reached through the Camera portal. */
  if (g_str_equal (self->source, "pipewiresrc") && afs_camera_portal_is_sandboxed () &&
      g_object_class_find_property (G_OBJECT_GET_CLASS (src), "fd"))
    {
      int fd = afs_camera_portal_open (error);

      if (fd < 0)
        {
          gst_object_unref (src);
          gst_object_unref (convert);
          gst_object_unref (filter);
          gst_object_unref (sink);
          return FALSE;
        }
      g_object_set (src, "fd", fd, NULL);
    }
  /* The test source otherwise makes frames as fast as it can. */
  if (g_object_class_find_property (G_OBJECT_GET_CLASS (src), "is-live"))
    g_object_set (src, "is-live", TRUE, NULL);

  caps = gst_caps_new_simple ("video/x-raw", "format", G_TYPE_STRING, "RGBA", NULL);
  g_object_set (filter, "caps", caps, NULL);
  g_object_set (sink, "caps", caps, "max-buffers", 1, "drop", TRUE, "sync", FALSE, NULL);
  gst_app_sink_set_callbacks (GST_APP_SINK (sink), &callbacks, self, NULL);

  self->pipeline = gst_pipeline_new ("afs-camera");
  gst_object_ref_sink (self->pipeline);
  gst_bin_add_many (GST_BIN (self->pipeline), src, convert, filter, sink, NULL);
  if (!gst_element_link_many (src, convert, filter, sink, NULL))
    {
      teardown (self);
      g_set_error_literal (error, AFS_ERROR, AFS_ERROR_FAILED,
                           _("The camera's picture format cannot be converted for the preview. "
                             "Import photos from files instead."));
      return FALSE;
    }

  self->context = g_main_context_ref_thread_default ();

  ret = gst_element_set_state (self->pipeline, GST_STATE_PLAYING);
  if (ret != GST_STATE_CHANGE_FAILURE)
    /* The device is opened on the way to PAUSED; wait until it is. */
    ret = gst_element_get_state (self->pipeline, NULL, NULL, 5 * GST_SECOND);
  if (ret == GST_STATE_CHANGE_FAILURE || error_from_bus (self->pipeline, NULL))
    {
      if (!error_from_bus (self->pipeline, error))
        set_camera_error (error, NULL, NULL);
      teardown (self);
      return FALSE;
    }

  bus = gst_element_get_bus (self->pipeline);
  self->bus_source = gst_bus_create_watch (bus);
  g_source_set_callback (self->bus_source, (GSourceFunc) (GCallback) on_bus_message, self, NULL);
  g_source_attach (self->bus_source, self->context);
  return TRUE;
}

void
afs_camera_stop (AfsCamera *self)
{
  g_return_if_fail (AFS_IS_CAMERA (self));
  teardown (self);
}

gboolean
afs_camera_is_running (AfsCamera *self)
{
  g_return_val_if_fail (AFS_IS_CAMERA (self), FALSE);
  return self->pipeline != NULL;
}

GBytes *
afs_camera_get_last_frame (AfsCamera *self,
                           int       *width,
                           int       *height,
                           int       *stride)
{
  g_autoptr(GstSample) sample = NULL;
  int w = 0, h = 0, s = 0;
  GBytes *bytes = NULL;

  g_return_val_if_fail (AFS_IS_CAMERA (self), NULL);

  g_mutex_lock (&self->lock);
  if (self->last_sample != NULL)
    sample = gst_sample_ref (self->last_sample);
  g_mutex_unlock (&self->lock);

  if (sample != NULL)
    bytes = sample_to_bytes (sample, &w, &h, &s);
  if (width != NULL)
    *width = w;
  if (height != NULL)
    *height = h;
  if (stride != NULL)
    *stride = s;
  return bytes;
}

/* ---- Capture ---------------------------------------------------------------------- */

typedef struct {
  GBytes       *frame;
  int           width, height, stride;
  gint64        taken_at;
  AfsPhotoInfo  info;
} CaptureData;

static void
capture_data_free (CaptureData *d)
{
  g_clear_pointer (&d->frame, g_bytes_unref);
  afs_photo_info_clear (&d->info);
  g_free (d);
}

static void
capture_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  AfsCamera *self = source_object;
  CaptureData *d = task_data;
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  g_autoptr(GBytes) jpeg = NULL;
  g_autoptr(GError) local_error = NULL;
  GError *error = NULL;
  char *buffer = NULL;
  gsize size = 0;

  pixbuf = gdk_pixbuf_new_from_bytes (d->frame, GDK_COLORSPACE_RGB, TRUE, 8,
                                      d->width, d->height, d->stride);
  if (!gdk_pixbuf_save_to_buffer (pixbuf, &buffer, &size, "jpeg", &local_error,
                                  "quality", "90", NULL))
    {
      g_task_return_new_error (task, AFS_ERROR, AFS_ERROR_FAILED,
                               _("The photo could not be made from the camera's picture: %s"),
                               local_error->message);
      return;
    }
  jpeg = g_bytes_new_take (buffer, size);

  if (!afs_photo_folder_store_bytes (self->folder, jpeg, &d->info, cancellable, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  /* A frame has no EXIF: the time of the shutter is when it was taken. */
  d->info.taken_at = d->taken_at;
  g_task_return_pointer (task, g_strdup (d->info.sha256), g_free);
}

void
afs_camera_capture_async (AfsCamera           *self,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  CaptureData *d;

  g_return_if_fail (AFS_IS_CAMERA (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, afs_camera_capture_async);

  d = g_new0 (CaptureData, 1);
  d->frame = afs_camera_get_last_frame (self, &d->width, &d->height, &d->stride);
  d->taken_at = g_get_real_time () / G_USEC_PER_SEC;
  g_task_set_task_data (task, d, (GDestroyNotify) capture_data_free);

  if (d->frame == NULL)
    {
      g_task_return_new_error (task, AFS_ERROR, AFS_ERROR_PRECONDITION, "%s",
                               _("The camera has not delivered a picture yet. Wait a moment and "
                                 "try again."));
      return;
    }
  g_task_run_in_thread (task, capture_thread);
}

char *
afs_camera_capture_finish (AfsCamera     *self,
                           GAsyncResult  *result,
                           AfsPhotoInfo  *info,
                           GError       **error)
{
  char *sha256;

  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  sha256 = g_task_propagate_pointer (G_TASK (result), error);
  if (sha256 != NULL && info != NULL)
    {
      CaptureData *d = g_task_get_task_data (G_TASK (result));

      *info = d->info;
      memset (&d->info, 0, sizeof d->info);
    }
  return sha256;
}

/* ---- GObject -------------------------------------------------------------------------- */

AfsCamera *
afs_camera_new (AfsPhotoFolder *folder)
{
  AfsCamera *self;

  g_return_val_if_fail (AFS_IS_PHOTO_FOLDER (folder), NULL);

  self = g_object_new (AFS_TYPE_CAMERA, NULL);
  self->folder = g_object_ref (folder);
  return self;
}

void
afs_camera_set_source (AfsCamera  *self,
                       const char *source)
{
  g_return_if_fail (AFS_IS_CAMERA (self));

  if (source == NULL)
    source = default_source ();
  if (g_strcmp0 (self->source, source) == 0)
    return;
  g_free (self->source);
  self->source = g_strdup (source);
  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_SOURCE]);
}

const char *
afs_camera_get_source (AfsCamera *self)
{
  g_return_val_if_fail (AFS_IS_CAMERA (self), NULL);
  return self->source;
}

void
afs_camera_set_device (AfsCamera  *self,
                       const char *device)
{
  g_return_if_fail (AFS_IS_CAMERA (self));

  if (g_strcmp0 (self->device, device) == 0)
    return;
  g_free (self->device);
  self->device = g_strdup (device);
  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_DEVICE]);
}

const char *
afs_camera_get_device (AfsCamera *self)
{
  g_return_val_if_fail (AFS_IS_CAMERA (self), NULL);
  return self->device;
}

static void
afs_camera_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  AfsCamera *self = AFS_CAMERA (object);

  switch (prop_id)
    {
    case PROP_SOURCE: g_value_set_string (value, self->source); break;
    case PROP_DEVICE: g_value_set_string (value, self->device); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
afs_camera_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  AfsCamera *self = AFS_CAMERA (object);

  switch (prop_id)
    {
    case PROP_SOURCE: afs_camera_set_source (self, g_value_get_string (value)); break;
    case PROP_DEVICE: afs_camera_set_device (self, g_value_get_string (value)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
afs_camera_dispose (GObject *object)
{
  AfsCamera *self = AFS_CAMERA (object);

  teardown (self);
  g_clear_object (&self->folder);
  G_OBJECT_CLASS (afs_camera_parent_class)->dispose (object);
}

static void
afs_camera_finalize (GObject *object)
{
  AfsCamera *self = AFS_CAMERA (object);

  g_free (self->source);
  g_free (self->device);
  g_mutex_clear (&self->lock);
  G_OBJECT_CLASS (afs_camera_parent_class)->finalize (object);
}

static void
afs_camera_class_init (AfsCameraClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = afs_camera_get_property;
  object_class->set_property = afs_camera_set_property;
  object_class->dispose = afs_camera_dispose;
  object_class->finalize = afs_camera_finalize;

  props[PROP_SOURCE] =
    g_param_spec_string ("source", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  props[PROP_DEVICE] =
    g_param_spec_string ("device", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, props);

  signals[SIGNAL_FRAME] =
    g_signal_new ("frame", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 4, G_TYPE_BYTES, G_TYPE_INT, G_TYPE_INT, G_TYPE_INT);
  signals[SIGNAL_ERROR] =
    g_signal_new ("error", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_ERROR);
}

static void
afs_camera_init (AfsCamera *self)
{
  g_mutex_init (&self->lock);
  self->source = g_strdup (default_source ());
}

/* afs-signature-pad.c
 *
 * Copyright 2026 The AfterSales authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "afs-signature-pad.h"
#include "afs-signature-render.h"

/* Where the baseline sits, as a fraction of the height. */
#define BASELINE 0.74
#define SIDE_MARGIN 20.0

/* Pad units of a pad nobody has drawn on (set_strokes_text() or
 * add_stroke() on an empty pad use these). */
#define DEFAULT_PAD_WIDTH 400.0
#define DEFAULT_PAD_HEIGHT 150.0

struct _AfsSignaturePad
{
  GtkWidget   parent_instance;

  AfsStrokes *strokes;
  GtkWidget  *clear_button;
  gboolean    read_only;
  gboolean    drawing;
  double      start_x;
  double      start_y;
  guint32     t0;           /* event time of the signature's first point */
};

G_DEFINE_FINAL_TYPE (AfsSignaturePad, afs_signature_pad, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_READ_ONLY,
  PROP_BLANK,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
update_state (AfsSignaturePad *self)
{
  gboolean has_ink = afs_strokes_get_n_points (self->strokes) > 0;
  gboolean blank = afs_strokes_is_blank (self->strokes);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "signature-pad.clear", has_ink && !self->read_only);
  gtk_widget_set_visible (self->clear_button, has_ink && !self->read_only);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  self->read_only
                                  ? (blank ? _("Not signed") : _("Signed"))
                                  : blank
                                  ? _("Empty. Sign with the mouse, a finger or a pen. Delete clears.")
                                  : _("Signed. Delete clears the signature to sign again."),
                                  -1);
}

static void
changed (AfsSignaturePad *self)
{
  update_state (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BLANK]);
  g_signal_emit (self, signals[CHANGED], 0);
}

/* Widget coordinates to pad units: the inverse of how the strokes are
 * drawn (the pad fitted into the widget, aspect kept). */
static void
to_pad (AfsSignaturePad *self,
        double           wx,
        double           wy,
        double          *px,
        double          *py)
{
  double s, ox, oy;

  afs_signature_get_transform (self->strokes, 0, 0,
                               gtk_widget_get_width (GTK_WIDGET (self)),
                               gtk_widget_get_height (GTK_WIDGET (self)),
                               AFS_SIGNATURE_FIT_PAD, &s, &ox, &oy);
  *px = (wx - ox) / s;
  *py = (wy - oy) / s;
}

static void
add_event_point (AfsSignaturePad  *self,
                 GtkGesture       *gesture,
                 double            wx,
                 double            wy)
{
  GdkEvent *event = gtk_event_controller_get_current_event (GTK_EVENT_CONTROLLER (gesture));
  guint32 time = gtk_event_controller_get_current_event_time (GTK_EVENT_CONTROLLER (gesture));
  double pressure = 0.5;
  double px, py;

  /* A pen reports its pressure. Other devices may have a pressure axis
   * that reads 0 (X11's virtual pointers do): a mouse or a finger pressed
   * down gets the middle width instead of a hairline. */
  if (event != NULL && gdk_event_get_axis (event, GDK_AXIS_PRESSURE, &pressure))
    {
      GdkDevice *device = gdk_event_get_device (event);
      gboolean pen = device != NULL && gdk_device_get_source (device) == GDK_SOURCE_PEN;

      if (!pen && !(pressure > 0.0 && pressure <= 1.0))
        pressure = 0.5;
    }
  else
    pressure = 0.5;

  to_pad (self, wx, wy, &px, &py);
  afs_strokes_add_point (self->strokes, px, py, pressure, time >= self->t0 ? time - self->t0 : 0);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
drag_begin (GtkGestureDrag  *gesture,
            double           x,
            double           y,
            AfsSignaturePad *self)
{
  if (self->read_only)
    {
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
      return;
    }

  /* Ours: no scrolling or dragging the window while signing. */
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  gtk_widget_grab_focus (GTK_WIDGET (self));

  if (afs_strokes_get_n_points (self->strokes) == 0)
    {
      /* The first stroke: the pad takes the widget's size in pixels. */
      g_clear_pointer (&self->strokes, afs_strokes_free);
      self->strokes = afs_strokes_new (MAX (gtk_widget_get_width (GTK_WIDGET (self)), 1),
                                       MAX (gtk_widget_get_height (GTK_WIDGET (self)), 1));
      self->t0 = gtk_event_controller_get_current_event_time (GTK_EVENT_CONTROLLER (gesture));
    }

  self->drawing = TRUE;
  self->start_x = x;
  self->start_y = y;
  afs_strokes_begin_stroke (self->strokes);
  add_event_point (self, GTK_GESTURE (gesture), x, y);
}

static void
drag_update (GtkGestureDrag  *gesture,
             double           dx,
             double           dy,
             AfsSignaturePad *self)
{
  if (!self->drawing)
    return;
  add_event_point (self, GTK_GESTURE (gesture), self->start_x + dx, self->start_y + dy);
}

static void
drag_end (GtkGestureDrag  *gesture,
          double           dx,
          double           dy,
          AfsSignaturePad *self)
{
  if (!self->drawing)
    return;
  self->drawing = FALSE;
  afs_strokes_begin_stroke (self->strokes);
  changed (self);
}

static void
drag_cancel (GtkGesture       *gesture,
             GdkEventSequence *sequence,
             AfsSignaturePad  *self)
{
  drag_end (GTK_GESTURE_DRAG (gesture), 0, 0, self);
}

static void
clear_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  AfsSignaturePad *self = AFS_SIGNATURE_PAD (widget);

  if (self->read_only)
    return;
  afs_signature_pad_clear (self);
  gtk_widget_grab_focus (widget);
}

static void
get_ink_color (AfsSignaturePad *self,
               GdkRGBA         *color)
{
  GtkStyleContext *style = gtk_widget_get_style_context (GTK_WIDGET (self));

  gtk_style_context_get_color (style, color);
}

static void
afs_signature_pad_snapshot (GtkWidget   *widget,
                            GtkSnapshot *snapshot)
{
  AfsSignaturePad *self = AFS_SIGNATURE_PAD (widget);
  double w = gtk_widget_get_width (widget);
  double h = gtk_widget_get_height (widget);
  double base = floor (h * BASELINE) + 0.5;
  GdkRGBA fg;
  GdkRGBA dim;
  cairo_t *cr;

  get_ink_color (self, &fg);
  dim = fg;
  dim.alpha *= 0.45;

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, w, h));

  /* The line to sign on, with its cross, as on paper forms. */
  gdk_cairo_set_source_rgba (cr, &dim);
  cairo_set_line_width (cr, 1);
  cairo_move_to (cr, SIDE_MARGIN, base);
  cairo_line_to (cr, w - SIDE_MARGIN, base);
  cairo_stroke (cr);
  cairo_set_line_width (cr, 1.5);
  cairo_move_to (cr, SIDE_MARGIN + 2, base - 14);
  cairo_line_to (cr, SIDE_MARGIN + 10, base - 6);
  cairo_move_to (cr, SIDE_MARGIN + 10, base - 14);
  cairo_line_to (cr, SIDE_MARGIN + 2, base - 6);
  cairo_stroke (cr);

  /* The signature, in the text colour (ink on light, chalk on dark). */
  gdk_cairo_set_source_rgba (cr, &fg);
  afs_signature_render (cr, self->strokes, 0, 0, w, h, AFS_SIGNATURE_FIT_PAD);

  if (gtk_widget_has_visible_focus (widget))
    {
      GdkRGBA accent = { 0.21, 0.52, 0.89, 0.6 };

      gdk_cairo_set_source_rgba (cr, &accent);
      cairo_set_line_width (cr, 2);
      cairo_rectangle (cr, 1, 1, w - 2, h - 2);
      cairo_stroke (cr);
    }
  cairo_destroy (cr);

  if (afs_strokes_get_n_points (self->strokes) == 0)
    {
      PangoLayout *layout = gtk_widget_create_pango_layout (widget,
                                                            self->read_only ? _("Not signed")
                                                                            : _("Sign here"));
      int lw, lh;

      pango_layout_get_pixel_size (layout, &lw, &lh);
      gtk_snapshot_save (snapshot);
      gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (SIDE_MARGIN + 18, base - 6 - lh));
      gtk_snapshot_append_layout (snapshot, layout, &dim);
      gtk_snapshot_restore (snapshot);
      g_object_unref (layout);
    }

  gtk_widget_snapshot_child (widget, self->clear_button, snapshot);
}

static void
afs_signature_pad_measure (GtkWidget      *widget,
                           GtkOrientation  orientation,
                           int             for_size,
                           int            *minimum,
                           int            *natural,
                           int            *minimum_baseline,
                           int            *natural_baseline)
{
  AfsSignaturePad *self = AFS_SIGNATURE_PAD (widget);
  int child_min = 0, child_nat = 0;

  gtk_widget_measure (self->clear_button, orientation, -1, &child_min, &child_nat, NULL, NULL);

  /* Fits a 400 px wide window with room around it. */
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = MAX (220, child_min);
      *natural = MAX (480, child_nat);
    }
  else
    {
      *minimum = MAX (140, child_min);
      *natural = MAX (180, child_nat);
    }
}

static void
afs_signature_pad_size_allocate (GtkWidget *widget,
                                 int        width,
                                 int        height,
                                 int        baseline)
{
  AfsSignaturePad *self = AFS_SIGNATURE_PAD (widget);
  GtkRequisition req;

  gtk_widget_get_preferred_size (self->clear_button, &req, NULL);
  gtk_widget_size_allocate (self->clear_button,
                            &(GtkAllocation) { width - req.width - 6, 6, req.width, req.height },
                            -1);
}

static void
afs_signature_pad_dispose (GObject *object)
{
  AfsSignaturePad *self = AFS_SIGNATURE_PAD (object);

  g_clear_pointer (&self->clear_button, gtk_widget_unparent);

  G_OBJECT_CLASS (afs_signature_pad_parent_class)->dispose (object);
}

static void
afs_signature_pad_finalize (GObject *object)
{
  AfsSignaturePad *self = AFS_SIGNATURE_PAD (object);

  g_clear_pointer (&self->strokes, afs_strokes_free);

  G_OBJECT_CLASS (afs_signature_pad_parent_class)->finalize (object);
}

static void
afs_signature_pad_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  AfsSignaturePad *self = AFS_SIGNATURE_PAD (object);

  switch (prop_id)
    {
    case PROP_READ_ONLY:
      g_value_set_boolean (value, self->read_only);
      break;
    case PROP_BLANK:
      g_value_set_boolean (value, afs_signature_pad_is_blank (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
afs_signature_pad_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  AfsSignaturePad *self = AFS_SIGNATURE_PAD (object);

  switch (prop_id)
    {
    case PROP_READ_ONLY:
      afs_signature_pad_set_read_only (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
afs_signature_pad_class_init (AfsSignaturePadClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = afs_signature_pad_dispose;
  object_class->finalize = afs_signature_pad_finalize;
  object_class->get_property = afs_signature_pad_get_property;
  object_class->set_property = afs_signature_pad_set_property;
  widget_class->snapshot = afs_signature_pad_snapshot;
  widget_class->measure = afs_signature_pad_measure;
  widget_class->size_allocate = afs_signature_pad_size_allocate;

  /**
   * AfsSignaturePad:read-only:
   *
   * A signed report is read-only (issue 4, "Tamper-evident"): the pad
   * shows the signature and takes no strokes.
   */
  properties[PROP_READ_ONLY] =
    g_param_spec_boolean ("read-only", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * AfsSignaturePad:blank:
   *
   * Whether what is drawn is too little to be a signature
   * (afs_strokes_is_blank()); bind a "Sign" button's sensitivity to it.
   */
  properties[PROP_BLANK] =
    g_param_spec_boolean ("blank", NULL, NULL, TRUE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * AfsSignaturePad::changed:
   *
   * A stroke was finished, or the pad was cleared or set.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_install_action (widget_class, "signature-pad.clear", NULL, clear_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0, "signature-pad.clear", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Delete, 0, "signature-pad.clear", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_BackSpace, 0, "signature-pad.clear", NULL);

  gtk_widget_class_set_css_name (widget_class, "signaturepad");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
afs_signature_pad_init (AfsSignaturePad *self)
{
  GtkGesture *drag = gtk_gesture_drag_new ();

  self->strokes = afs_strokes_new (DEFAULT_PAD_WIDTH, DEFAULT_PAD_HEIGHT);

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_focus_on_click (GTK_WIDGET (self), TRUE);
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);
  gtk_widget_add_css_class (GTK_WIDGET (self), "card");
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), "crosshair");

  /* Mouse, finger and pen: all arrive as a drag of the primary button. */
  gtk_gesture_single_set_touch_only (GTK_GESTURE_SINGLE (drag), FALSE);
  gtk_gesture_single_set_exclusive (GTK_GESTURE_SINGLE (drag), TRUE);
  g_signal_connect (drag, "drag-begin", G_CALLBACK (drag_begin), self);
  g_signal_connect (drag, "drag-update", G_CALLBACK (drag_update), self);
  g_signal_connect (drag, "drag-end", G_CALLBACK (drag_end), self);
  g_signal_connect (drag, "cancel", G_CALLBACK (drag_cancel), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drag));

  self->clear_button = gtk_button_new_from_icon_name ("edit-clear-symbolic");
  gtk_widget_set_tooltip_text (self->clear_button, _("Clear the signature (Delete)"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->clear_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Clear the signature"), -1);
  gtk_widget_add_css_class (self->clear_button, "flat");
  gtk_widget_add_css_class (self->clear_button, "circular");
  gtk_widget_set_focusable (self->clear_button, FALSE);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->clear_button), "signature-pad.clear");
  gtk_widget_set_parent (self->clear_button, GTK_WIDGET (self));

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Signature"), -1);
  update_state (self);
}

/**
 * afs_signature_pad_new:
 *
 * Returns: (transfer floating): an empty signature pad
 */
GtkWidget *
afs_signature_pad_new (void)
{
  return g_object_new (AFS_TYPE_SIGNATURE_PAD, NULL);
}

/**
 * afs_signature_pad_get_strokes:
 *
 * Returns: (transfer none): the signature as drawn so far
 */
const AfsStrokes *
afs_signature_pad_get_strokes (AfsSignaturePad *self)
{
  g_return_val_if_fail (AFS_IS_SIGNATURE_PAD (self), NULL);
  return self->strokes;
}

/**
 * afs_signature_pad_get_strokes_text:
 *
 * What to store in signatures.strokes (afs_strokes_to_text()).
 *
 * Returns: (transfer full): the text form of the signature
 */
char *
afs_signature_pad_get_strokes_text (AfsSignaturePad *self)
{
  g_return_val_if_fail (AFS_IS_SIGNATURE_PAD (self), NULL);
  return afs_strokes_to_text (self->strokes);
}

/**
 * afs_signature_pad_set_strokes_text:
 * @self: the pad
 * @text: (nullable): a stored signature; %NULL or "" clears the pad
 * @error: where the reason goes
 *
 * Shows a stored signature (a draft, or a signed report read-only).
 * Damaged text is refused and the pad keeps what it had.
 *
 * Returns: %TRUE if @text was shown
 */
gboolean
afs_signature_pad_set_strokes_text (AfsSignaturePad  *self,
                                    const char       *text,
                                    GError          **error)
{
  AfsStrokes *strokes;

  g_return_val_if_fail (AFS_IS_SIGNATURE_PAD (self), FALSE);

  if (text == NULL || *text == '\0')
    strokes = afs_strokes_new (DEFAULT_PAD_WIDTH, DEFAULT_PAD_HEIGHT);
  else if ((strokes = afs_strokes_from_text (text, error)) == NULL)
    return FALSE;

  g_clear_pointer (&self->strokes, afs_strokes_free);
  self->strokes = strokes;
  self->drawing = FALSE;
  changed (self);
  return TRUE;
}

/**
 * afs_signature_pad_add_stroke:
 * @self: the pad
 * @points: (array length=n_points): in pad units (400 × 150 on a pad
 *   nobody drew on; else afs_strokes_get_width/height() of
 *   afs_signature_pad_get_strokes())
 * @n_points: how many
 *
 * Adds a finished stroke as if drawn, and emits ::changed. For tests and
 * automation (the GUI test signs with it). Does nothing when read-only.
 */
void
afs_signature_pad_add_stroke (AfsSignaturePad      *self,
                              const AfsStrokePoint *points,
                              guint                 n_points)
{
  g_return_if_fail (AFS_IS_SIGNATURE_PAD (self));

  if (self->read_only || n_points == 0)
    return;
  afs_strokes_add_stroke (self->strokes, points, n_points);
  changed (self);
}

/**
 * afs_signature_pad_clear:
 *
 * Removes the signature (the "Clear" button, Delete, and the
 * "signature-pad.clear" action do this). Works when read-only too, for
 * the code that shows another report.
 */
void
afs_signature_pad_clear (AfsSignaturePad *self)
{
  g_return_if_fail (AFS_IS_SIGNATURE_PAD (self));

  self->drawing = FALSE;
  g_clear_pointer (&self->strokes, afs_strokes_free);
  self->strokes = afs_strokes_new (DEFAULT_PAD_WIDTH, DEFAULT_PAD_HEIGHT);
  changed (self);
}

/**
 * afs_signature_pad_is_blank:
 *
 * Returns: %TRUE if what is drawn cannot count as a signature
 */
gboolean
afs_signature_pad_is_blank (AfsSignaturePad *self)
{
  g_return_val_if_fail (AFS_IS_SIGNATURE_PAD (self), TRUE);
  return afs_strokes_is_blank (self->strokes);
}

gboolean
afs_signature_pad_get_read_only (AfsSignaturePad *self)
{
  g_return_val_if_fail (AFS_IS_SIGNATURE_PAD (self), FALSE);
  return self->read_only;
}

/**
 * afs_signature_pad_set_read_only:
 * @read_only: %TRUE for a signed report
 */
void
afs_signature_pad_set_read_only (AfsSignaturePad *self,
                                 gboolean         read_only)
{
  g_return_if_fail (AFS_IS_SIGNATURE_PAD (self));

  read_only = !!read_only;
  if (self->read_only == read_only)
    return;
  self->read_only = read_only;
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), read_only ? NULL : "crosshair");
  update_state (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_READ_ONLY]);
}

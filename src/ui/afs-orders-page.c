/* afs-orders-page.c
 *
 * Copyright 2026 The AfterSales authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "afs-error.h"
#include "afs-form.h"
#include "afs-format.h"
#include "afs-orders-page.h"
#include "afs-store-visit.h"
#include "afs-visit-util.h"
#include "afs-visit-window.h"

struct _AfsOrdersPage
{
  GtkWidget       parent_instance;

  AfsContext     *context;
  GPtrArray      *orders;        /* AfsOrderData*, as shown */
  GCancellable   *cancellable;
  gboolean        loaded;
  gboolean        busy;          /* a timestamp is being written */
  GtkWindow      *visit_window;  /* weak */

  GtkStack       *stack;
  GtkSpinner     *spinner;
  AdwStatusPage  *empty_page;
  AdwStatusPage  *error_page;
  AdwStatusPage  *profile_page;
  GtkLabel       *today_label;
  GtkListBox     *today_list;
  GtkLabel       *later_label;
  GtkListBox     *later_list;
};

G_DEFINE_FINAL_TYPE (AfsOrdersPage, afs_orders_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ---- Rows ------------------------------------------------------------------ */

static GtkWidget *
new_label (const char *text,
           const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  return label;
}

/* Each row has its own "order" actions, enabled by the order's state
 * (a button's sensitivity follows its action); they run the page's
 * "orders" actions with the row's case id. */
static void
on_row_action (GSimpleAction *action,
               GVariant      *parameter,
               gpointer       user_data)
{
  GtkWidget *row = user_data;
  GtkWidget *page = gtk_widget_get_ancestor (row, AFS_TYPE_ORDERS_PAGE);
  const char *case_id = g_object_get_data (G_OBJECT (row), "afs-case-id");
  g_autofree char *name = g_strdup_printf ("orders.%s", g_action_get_name (G_ACTION (action)));

  if (page != NULL)
    gtk_widget_activate_action (page, name, "s", case_id);
}

static GtkWidget *
new_action_button (GtkWidget          *row,
                   GSimpleActionGroup *group,
                   const char         *label,
                   const char         *action_name,
                   gboolean            enabled,
                   gboolean            suggested)
{
  GtkWidget *button = label != NULL ? gtk_button_new_with_mnemonic (label) : gtk_button_new ();
  g_autoptr(GSimpleAction) action = g_simple_action_new (action_name, NULL);
  g_autofree char *detailed = g_strdup_printf ("order.%s", action_name);

  g_simple_action_set_enabled (action, enabled);
  g_signal_connect (action, "activate", G_CALLBACK (on_row_action), row);
  g_action_map_add_action (G_ACTION_MAP (group), G_ACTION (action));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), detailed);
  if (suggested)
    gtk_widget_add_css_class (button, "suggested-action");
  /* Long labels ("Rozpocznij dojazd", "Iniciar trayecto") wrap to two
   * lines rather than push the row past a 400 px window. */
  if (GTK_IS_LABEL (gtk_button_get_child (GTK_BUTTON (button))))
    {
      GtkLabel *text = GTK_LABEL (gtk_button_get_child (GTK_BUTTON (button)));

      gtk_label_set_wrap (text, TRUE);
      gtk_label_set_justify (text, GTK_JUSTIFY_CENTER);
    }
  return button;
}

static GtkWidget *
build_row (AfsOrdersPage      *self,
           const AfsOrderData *order,
           gint64              now)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *top = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *label;
  g_autoptr(GSimpleActionGroup) group = NULL;
  g_autofree char *severity = afs_format_severity_short (order->severity);
  g_autofree char *address = NULL;
  g_autofree char *times = NULL;
  g_autofree char *travel = afs_visit_format_time (order->travel_started_at, now);
  g_autofree char *arrived = afs_visit_format_time (order->arrived_at, now);
  g_autofree char *left = afs_visit_format_time (order->left_at, now);
  /* DOMAIN.md 7-8: the technician sets out once the case is dispatched;
   * arriving puts it on site; leaving closes the visit. */
  gboolean dispatched = order->state == AFS_CASE_STATE_DISPATCHED;
  gboolean can_travel = dispatched && order->travel_started_at == 0;
  gboolean can_arrive = dispatched;
  gboolean can_leave = order->arrived_at != 0 && order->left_at == 0;

  gtk_widget_set_margin_top (box, 12);
  gtk_widget_set_margin_bottom (box, 12);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);

  /* Number, state, severity and the deadline that counts now. */
  label = new_label (order->number, "heading");
  gtk_label_set_wrap (GTK_LABEL (label), FALSE);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_box_append (GTK_BOX (top), label);
  label = gtk_label_new (afs_case_state_get_label (order->state));
  gtk_widget_add_css_class (label, "state-pill");
  gtk_widget_set_valign (label, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (top), label);
  if (order->severity > 0)
    {
      g_autofree char *cls = g_strdup_printf ("severity-%d", order->severity);

      label = gtk_label_new (severity);
      gtk_widget_add_css_class (label, "severity-badge");
      gtk_widget_add_css_class (label, cls);
      gtk_widget_set_valign (label, GTK_ALIGN_CENTER);
      gtk_box_append (GTK_BOX (top), label);
    }
  g_object_set_data_full (G_OBJECT (row), "afs-case-id", g_strdup (order->case_id), g_free);
  group = g_simple_action_group_new ();
  gtk_widget_insert_action_group (row, "order", G_ACTION_GROUP (group));
  {
    GtkWidget *open = new_action_button (row, group, NULL, "open", TRUE, FALSE);

    /* An icon at the end of the number's line, so the row of visit
     * buttons below fits a 400 px window in every language; named for
     * screen readers. */
    gtk_button_set_icon_name (GTK_BUTTON (open), "go-next-symbolic");
    gtk_widget_set_tooltip_text (open, _("Open the visit"));
    gtk_accessible_update_property (GTK_ACCESSIBLE (open), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                    _("Open the visit"), -1);
    gtk_widget_add_css_class (open, "flat");
    gtk_widget_set_hexpand (open, TRUE);
    gtk_widget_set_halign (open, GTK_ALIGN_END);
    gtk_widget_set_valign (open, GTK_ALIGN_CENTER);
    gtk_box_append (GTK_BOX (top), open);
  }
  gtk_box_append (GTK_BOX (box), top);

  /* The customer, and the deadline that counts now, on one line. */
  top = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  label = new_label (order->customer_name, NULL);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_box_append (GTK_BOX (top), label);
  if (order->next_due != 0)
    {
      g_autofree char *due = afs_deadline_format_left (order->next_due, now);
      AfsDueStatus status = afs_deadline_status (afs_context_get_deadline_policy (self->context),
                                                 order->next_due, now);

      label = new_label (due, "numeric");
      gtk_label_set_xalign (GTK_LABEL (label), 1);
      if (status == AFS_DUE_OVERDUE)
        gtk_widget_add_css_class (label, "overdue");
      else if (status == AFS_DUE_SOON)
        gtk_widget_add_css_class (label, "due-soon");
      gtk_box_append (GTK_BOX (top), label);
    }
  gtk_box_append (GTK_BOX (box), top);

  if (order->address != NULL && order->city != NULL && order->city[0] != '\0')
    address = g_strdup_printf ("%s, %s", order->address, order->city);
  else
    address = g_strdup (order->address != NULL ? order->address : order->city);
  if (address != NULL && address[0] != '\0')
    {
      label = new_label (address, "dim-label");
      gtk_label_set_selectable (GTK_LABEL (label), TRUE);
      gtk_box_append (GTK_BOX (box), label);
    }

  if ((order->contact_name != NULL && order->contact_name[0] != '\0') ||
      (order->phone != NULL && order->phone[0] != '\0'))
    {
      GtkWidget *contact = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);

      if (order->contact_name != NULL && order->contact_name[0] != '\0')
        {
          label = new_label (order->contact_name, NULL);
          gtk_label_set_wrap (GTK_LABEL (label), FALSE);
          gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
          gtk_box_append (GTK_BOX (contact), label);
        }
      if (order->phone != NULL && order->phone[0] != '\0')
        {
          g_autofree char *uri = g_strdup_printf ("tel:%s", order->phone);
          GtkWidget *link = gtk_link_button_new_with_label (uri, order->phone);

          /* Translators: tooltip of a phone number link. */
          gtk_widget_set_tooltip_text (link, _("Call this number"));
          gtk_box_append (GTK_BOX (contact), link);
        }
      gtk_box_append (GTK_BOX (box), contact);
    }

  if (order->equipment_model != NULL || order->description != NULL)
    {
      g_autofree char *what = NULL;

      if (order->equipment_model != NULL && order->description != NULL)
        what = g_strdup_printf ("%s — %s", order->equipment_model, order->description);
      else
        what = g_strdup (order->equipment_model != NULL ? order->equipment_model : order->description);
      label = new_label (what, "dim-label");
      gtk_label_set_lines (GTK_LABEL (label), 2);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_box_append (GTK_BOX (box), label);
    }

  /* Translators: the three visit times of an order; each %s is a time or "—". */
  times = g_strdup_printf (_("Travel %s · Arrived %s · Left %s"), travel, arrived, left);
  label = new_label (times, "numeric");
  gtk_widget_add_css_class (label, "caption");
  gtk_box_append (GTK_BOX (box), label);

  gtk_widget_set_margin_top (buttons, 6);
  gtk_box_append (GTK_BOX (buttons),
                  new_action_button (row, group, _("Start _Travel"), "start-travel", can_travel, can_travel));
  gtk_box_append (GTK_BOX (buttons),
                  new_action_button (row, group, _("_Arrive"), "arrive", can_arrive, !can_travel && can_arrive));
  gtk_box_append (GTK_BOX (buttons),
                  new_action_button (row, group, _("_Leave"), "leave", can_leave, FALSE));
  gtk_box_append (GTK_BOX (box), buttons);

  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  /* Translators: accessible name of an order row: case number and customer. */
  {
    g_autofree char *name = g_strdup_printf (_("%s, %s"), order->number, order->customer_name);

    gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  }
  return row;
}

static void
show_orders (AfsOrdersPage *self)
{
  gint64 now = afs_context_now (self->context);
  guint n_today = 0, n_later = 0;

  afs_form_list_box_remove_all (self->today_list);
  afs_form_list_box_remove_all (self->later_list);

  for (guint i = 0; i < self->orders->len; i++)
    {
      AfsOrderData *order = g_ptr_array_index (self->orders, i);
      GtkWidget *row = build_row (self, order, now);

      if (order->today)
        {
          gtk_list_box_append (self->today_list, row);
          n_today++;
        }
      else
        {
          gtk_list_box_append (self->later_list, row);
          n_later++;
        }
    }

  gtk_widget_set_visible (GTK_WIDGET (self->today_label), n_today > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->today_list), n_today > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->later_label), n_later > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->later_list), n_later > 0);
  gtk_stack_set_visible_child_name (self->stack, self->orders->len > 0 ? "list" : "empty");
}

/* ---- Loading ----------------------------------------------------------------- */

static void
load_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(AfsOrdersPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) orders = NULL;

  orders = afs_store_list_my_orders_finish (AFS_STORE (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_clear_object (&self->cancellable);
  gtk_spinner_stop (self->spinner);
  self->loaded = TRUE;

  if (orders == NULL && g_error_matches (error, AFS_ERROR, AFS_ERROR_PRECONDITION))
    {
      /* No technician chosen on this laptop yet: say how, not "error". */
      adw_status_page_set_description (self->profile_page, error->message);
      gtk_stack_set_visible_child_name (self->stack, "profile");
      return;
    }
  if (orders == NULL)
    {
      adw_status_page_set_description (self->error_page, error->message);
      gtk_stack_set_visible_child_name (self->stack, "error");
      return;
    }

  g_clear_pointer (&self->orders, g_ptr_array_unref);
  self->orders = g_steal_pointer (&orders);
  show_orders (self);
}

void
afs_orders_page_reload (AfsOrdersPage *self)
{
  g_return_if_fail (AFS_IS_ORDERS_PAGE (self));

  afs_form_renew_cancellable (&self->cancellable);
  self->loaded = FALSE;

  if (self->orders->len == 0)
    {
      gtk_stack_set_visible_child_name (self->stack, "loading");
      gtk_spinner_start (self->spinner);
    }

  /* NULL: the store's actor, i.e. the profile chosen in Preferences. */
  afs_store_list_my_orders_async (afs_context_get_store (self->context), NULL,
                                  afs_context_now (self->context), self->cancellable,
                                  load_cb, g_object_ref (self));
}

/* ---- Actions ------------------------------------------------------------------ */

static void
timestamp_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(AfsOrdersPage) self = user_data;
  g_autoptr(GError) error = NULL;

  self->busy = FALSE;
  if (!afs_visit_call_finish (result, &error))
    afs_form_toast (GTK_WIDGET (self), error->message);

  /* Every view shows the new state; this page reloads through the signal. */
  afs_context_cases_changed (self->context);
}

static void
run_timestamp (AfsOrdersPage   *self,
               AfsCaseCallFunc  func,
               GVariant        *parameter)
{
  if (self->busy)
    return;
  self->busy = TRUE;
  afs_visit_call_async (afs_context_get_store (self->context), func,
                        g_variant_get_string (parameter, NULL), NULL,
                        timestamp_cb, g_object_ref (self));
}

static void
start_travel_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  run_timestamp (AFS_ORDERS_PAGE (widget), afs_store_start_travel, parameter);
}

static void
arrive_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  run_timestamp (AFS_ORDERS_PAGE (widget), afs_store_arrive, parameter);
}

static void
leave_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  run_timestamp (AFS_ORDERS_PAGE (widget), afs_store_leave_site, parameter);
}

static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  AfsOrdersPage *self = AFS_ORDERS_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *window;

  window = afs_visit_window_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                 self->context, g_variant_get_string (parameter, NULL));
  g_set_weak_pointer (&self->visit_window, GTK_WINDOW (window));
  gtk_window_present (GTK_WINDOW (window));
}

static void
reload_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  afs_orders_page_reload (AFS_ORDERS_PAGE (widget));
}

static void
on_cases_changed (AfsOrdersPage *self)
{
  afs_orders_page_reload (self);
}

/* ---- GObject ------------------------------------------------------------------ */

static void
afs_orders_page_constructed (GObject *object)
{
  AfsOrdersPage *self = AFS_ORDERS_PAGE (object);

  G_OBJECT_CLASS (afs_orders_page_parent_class)->constructed (object);

  g_signal_connect_object (self->context, "cases-changed",
                           G_CALLBACK (on_cases_changed), self, G_CONNECT_SWAPPED);
  afs_orders_page_reload (self);
}

static void
afs_orders_page_dispose (GObject *object)
{
  AfsOrdersPage *self = AFS_ORDERS_PAGE (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_weak_pointer (&self->visit_window);
  gtk_widget_dispose_template (GTK_WIDGET (self), AFS_TYPE_ORDERS_PAGE);

  G_OBJECT_CLASS (afs_orders_page_parent_class)->dispose (object);
}

static void
afs_orders_page_finalize (GObject *object)
{
  AfsOrdersPage *self = AFS_ORDERS_PAGE (object);

  g_clear_pointer (&self->orders, g_ptr_array_unref);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (afs_orders_page_parent_class)->finalize (object);
}

static void
afs_orders_page_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  AfsOrdersPage *self = AFS_ORDERS_PAGE (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      self->context = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
afs_orders_page_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  AfsOrdersPage *self = AFS_ORDERS_PAGE (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
afs_orders_page_class_init (AfsOrdersPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = afs_orders_page_constructed;
  object_class->dispose = afs_orders_page_dispose;
  object_class->finalize = afs_orders_page_finalize;
  object_class->set_property = afs_orders_page_set_property;
  object_class->get_property = afs_orders_page_get_property;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, AFS_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, "/org/example/AfterSales/afs-orders-page.ui");
  gtk_widget_class_bind_template_child (widget_class, AfsOrdersPage, stack);
  gtk_widget_class_bind_template_child (widget_class, AfsOrdersPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, AfsOrdersPage, empty_page);
  gtk_widget_class_bind_template_child (widget_class, AfsOrdersPage, error_page);
  gtk_widget_class_bind_template_child (widget_class, AfsOrdersPage, profile_page);
  gtk_widget_class_bind_template_child (widget_class, AfsOrdersPage, today_label);
  gtk_widget_class_bind_template_child (widget_class, AfsOrdersPage, today_list);
  gtk_widget_class_bind_template_child (widget_class, AfsOrdersPage, later_label);
  gtk_widget_class_bind_template_child (widget_class, AfsOrdersPage, later_list);

  gtk_widget_class_install_action (widget_class, "orders.start-travel", "s", start_travel_action);
  gtk_widget_class_install_action (widget_class, "orders.arrive", "s", arrive_action);
  gtk_widget_class_install_action (widget_class, "orders.leave", "s", leave_action);
  gtk_widget_class_install_action (widget_class, "orders.open", "s", open_action);
  gtk_widget_class_install_action (widget_class, "orders.reload", NULL, reload_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F5, 0, "orders.reload", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK, "orders.reload", NULL);
}

static void
afs_orders_page_init (AfsOrdersPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->orders = g_ptr_array_new_with_free_func ((GDestroyNotify) afs_order_data_free);
}

GtkWidget *
afs_orders_page_new (AfsContext *context)
{
  g_return_val_if_fail (AFS_IS_CONTEXT (context), NULL);

  return g_object_new (AFS_TYPE_ORDERS_PAGE, "context", context, NULL);
}

gboolean
afs_orders_page_get_loaded (AfsOrdersPage *self)
{
  g_return_val_if_fail (AFS_IS_ORDERS_PAGE (self), FALSE);
  return self->loaded;
}

guint
afs_orders_page_get_n_orders (AfsOrdersPage *self)
{
  g_return_val_if_fail (AFS_IS_ORDERS_PAGE (self), 0);
  return self->orders->len;
}

const char *
afs_orders_page_get_case_id (AfsOrdersPage *self,
                             guint          position)
{
  g_return_val_if_fail (AFS_IS_ORDERS_PAGE (self), NULL);
  g_return_val_if_fail (position < self->orders->len, NULL);
  return ((AfsOrderData *) g_ptr_array_index (self->orders, position))->case_id;
}

GtkWindow *
afs_orders_page_get_visit_window (AfsOrdersPage *self)
{
  g_return_val_if_fail (AFS_IS_ORDERS_PAGE (self), NULL);
  return self->visit_window;
}

const AfsOrderData *
afs_orders_page_get_order (AfsOrdersPage *self,
                           guint          position)
{
  g_return_val_if_fail (AFS_IS_ORDERS_PAGE (self), NULL);
  g_return_val_if_fail (position < self->orders->len, NULL);
  return g_ptr_array_index (self->orders, position);
}

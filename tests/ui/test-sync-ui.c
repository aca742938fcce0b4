/* test-sync-ui.c: the sync screens against the real office service.
 *
 * One window (device A) and a second device (B, a store and a sync
 * client without a window) signed in to aftersales-office from this build
 * on 127.0.0.1, as two office workers:
 *   - signing in: the address is checked as it is typed, a wrong password
 *     says so, the right one signs in; the status then shows the work not
 *     sent ("N Pending") and, after Sync Now, "Synced";
 *   - the office unreachable: the status says Offline with the reason,
 *     and the work stays;
 *   - a conflict made by both devices editing the same case description
 *     appears on the conflicts page with mine / theirs / before; keeping
 *     theirs syncs, and the other device gets the resolution;
 *   - set aside: a technician (device T, a window of its own) edits a
 *     case and types a report draft offline while the office gives the
 *     case to someone else; after T's sync the office's refusal and the
 *     draft are under "Set Aside" on the conflicts view with the reason,
 *     the header popover and the switcher badge count them, Copy puts
 *     the text on the clipboard, and Dismiss asks before deleting;
 *   - signing out with unsent work lists it ("Case AS-…: case changed")
 *     and, answered Cancel, drops nothing;
 *   - the service stopped: Offline with a reason.
 * Tokens go to libsecret's file backend (SECRET_BACKEND=file, set by
 * meson), never to a plain file of ours.
 *
 * With AFS_SYNC_SCREENSHOTS=<dir> it also saves the screens there
 * (docs/screenshots/sync-*.png), at 1280×800 and 400 px wide.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#define G_SETTINGS_ENABLE_BACKEND
#include <gio/gsettingsbackend.h>
#include <glib/gstdio.h>
#include <string.h>

#include "afs-conflicts-page.h"
#include "afs-context.h"
#include "afs-preferences-window.h"
#include "afs-screenshot.h"
#include "afs-sign-in-dialog.h"
#include "afs-store-office.h"
#include "afs-store-sync.h"
#include "afs-store-visit.h"
#include "afs-sync-actions.h"
#include "afs-sync-status.h"
#include "afs-test-office.h"
#include "afs-ui-test-util.h"
#include "afs-visit-util.h"
#include "afs-window.h"

#define TIMEOUT 30000
#define STAFF_TOMASZ "01890a5d-ac96-774b-bcce-0000000000a1"
#define STAFF_WANG   "01890a5d-ac96-774b-bcce-0000000000a2"

static AfsTestOffice *office;
static GtkApplication *app;
static AfsStore *store_a;
static AfsContext *context_a;
static AfsWindow *window;
static AfsSyncStatus *status;
static AfsConflictsPage *conflicts_page;
static AfsStore *store_b;
static AfsSyncClient *client_b;
static char *case_id;
static char *case_number;

/* ---- Helpers ---------------------------------------------------------------- */

static AfsSyncClient *
client_a (void)
{
  return afs_context_get_sync_client (context_a);
}

static AfsSyncScheduler *
scheduler_a (void)
{
  return afs_context_get_sync_scheduler (context_a);
}

static void
shoot (GtkWidget  *widget,
       const char *name)
{
  const char *dir = g_getenv ("AFS_SYNC_SCREENSHOTS");
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;

  if (dir == NULL)
    return;
  afs_test_wait_ms (600);
  afs_test_wait_frames (widget, 4);
  path = g_build_filename (dir, name, NULL);
  if (!afs_screenshot_save (widget, path, &error))
    g_error ("%s", error->message);
  g_test_message ("screenshot %s (%dx%d)", path, gtk_widget_get_width (widget), gtk_widget_get_height (widget));
}

static GtkWidget *
status_child (const char *name)
{
  GObject *object = gtk_widget_get_template_child (GTK_WIDGET (status), AFS_TYPE_SYNC_STATUS, name);

  g_assert_nonnull (object);
  return GTK_WIDGET (object);
}

/* Popovers are surfaces of their own, and Xvfb has no compositor to draw
 * their shadows: render the window and the popover separately and lay
 * the popover under its button. */
static void
shoot_popover (GtkWidget  *widget,
               GtkWidget  *status_widget,
               const char *name)
{
  const char *dir = g_getenv ("AFS_SYNC_SCREENSHOTS");
  GtkWidget *popover = GTK_WIDGET (gtk_widget_get_template_child (status_widget, AFS_TYPE_SYNC_STATUS, "popover"));
  GtkWidget *button = GTK_WIDGET (gtk_widget_get_template_child (status_widget, AFS_TYPE_SYNC_STATUS, "menu_button"));
  g_autofree char *path = NULL;
  g_autofree char *under = NULL;
  g_autofree char *over = NULL;
  g_autofree char *geometry = NULL;
  g_autoptr(GError) error = NULL;
  graphene_rect_t bounds;
  int status_code = 0;

  if (dir == NULL)
    return;
  afs_test_wait_ms (600);
  afs_test_wait_frames (widget, 4);
  path = g_build_filename (dir, name, NULL);
  under = g_build_filename (g_get_tmp_dir (), "afs-under.png", NULL);
  over = g_build_filename (g_get_tmp_dir (), "afs-over.png", NULL);
  if (!afs_screenshot_save (widget, under, &error) || !afs_screenshot_save (popover, over, &error))
    g_error ("%s", error->message);
  g_assert_true (gtk_widget_compute_bounds (button, widget, &bounds));
  geometry = g_strdup_printf ("+%d+%d",
                              MAX (0, MIN ((int) (bounds.origin.x + bounds.size.width / 2 - gtk_widget_get_width (popover) / 2),
                                           gtk_widget_get_width (widget) - gtk_widget_get_width (popover))),
                              (int) (bounds.origin.y + bounds.size.height));
  {
    const char *argv[] = { "convert", under, over, "-geometry", geometry, "-composite", path, NULL };

    if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, &status_code, &error)
        || status_code != 0)
      g_error ("convert failed: %s", error ? error->message : "exit status");
  }
  g_remove (under);
  g_remove (over);
  g_test_message ("screenshot %s", path);
}

/* The main window does not go below about 600 px (its own views), so
 * the 400 px pictures show the sync widgets in a phone-sized window of
 * their own: a header bar with a second status, and a conflicts page. */
static void
shoot_narrow_for (AfsContext *context,
                  const char *name)
{
  GtkWidget *narrow;
  GtkWidget *box;
  GtkWidget *header;

  if (g_getenv ("AFS_SYNC_SCREENSHOTS") == NULL)
    return;
  narrow = adw_window_new ();
  gtk_window_set_title (GTK_WINDOW (narrow), "AfterSales");
  gtk_window_set_application (GTK_WINDOW (narrow), app);
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  header = adw_header_bar_new ();
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), afs_sync_status_new (context));
  gtk_box_append (GTK_BOX (box), header);
  {
    GtkWidget *page = afs_conflicts_page_new (context);

    gtk_widget_set_vexpand (page, TRUE);
    gtk_box_append (GTK_BOX (box), page);
  }
  adw_window_set_content (ADW_WINDOW (narrow), box);
  gtk_window_set_default_size (GTK_WINDOW (narrow), 400, 800);
  gtk_window_present (GTK_WINDOW (narrow));
  afs_test_wait_ms (500);
  shoot (narrow, name);
  gtk_window_destroy (GTK_WINDOW (narrow));
}

static void
shoot_narrow (const char *name)
{
  shoot_narrow_for (context_a, name);
}

static void
make_case (AfsStore    *store,
           const char  *description,
           char       **out_id)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *customer = NULL;
  g_autofree char *equipment = NULL;
  AfsCustomerData c = { 0 };
  AfsEquipmentData e = { 0 };
  AfsCaseInput input = { 0 };

  c.name = (char *) "Hotel Pod Lipami";
  c.phone = (char *) "+48 12 555 10 20";
  c.city = (char *) "Kraków";
  g_assert_true (afs_store_add_customer (store, &c, &customer, &error));
  g_assert_no_error (error);
  e.customer_id = customer;
  e.model = (char *) "HX-400 cold room";
  e.serial = (char *) "HXA2026110007";
  g_assert_true (afs_store_add_equipment (store, &e, &equipment, &error));
  g_assert_no_error (error);

  input.customer_id = customer;
  input.equipment_id = equipment;
  input.channel = AFS_CHANNEL_PHONE;
  input.category = AFS_CATEGORY_REPAIR;
  input.description = description;
  input.contact_name = "Anna Nowak";
  input.contact_phone = "+48 600 100 200";
  g_assert_true (afs_store_create_case (store, &input, out_id, &error));
  g_assert_no_error (error);
}

static void
set_description (AfsStore   *store,
                 const char *id,
                 const char *text)
{
  g_autoptr(GError) error = NULL;
  const char *fields[] = { "description", NULL };
  const char *values[] = { text, NULL };

  g_assert_true (afs_store_update_case (store, id, 0, fields, values, &error));
  g_assert_no_error (error);
}

static char *
get_description (AfsStore   *store,
                 const char *id)
{
  g_autoptr(GError) error = NULL;
  AfsCaseData data = { 0 };
  char *text;

  g_assert_true (afs_store_get_case (store, id, &data, &error));
  g_assert_no_error (error);
  text = g_strdup (data.description);
  afs_case_data_clear (&data);
  return text;
}

static gboolean
scheduler_idle (gpointer data)
{
  return !afs_sync_scheduler_get_running (scheduler_a ());
}

static guint runs_before;

static gboolean
one_more_run (gpointer data)
{
  return afs_sync_scheduler_get_n_runs (scheduler_a ()) > runs_before
    && !afs_sync_scheduler_get_running (scheduler_a ());
}

/* Open the status popover and press Sync Now as a person would, and wait
 * for the sync it starts to end. */
static void
press_sync_now (void)
{
  GtkWidget *button = status_child ("popover_sync_button");

  g_assert_true (afs_test_wait_until (scheduler_idle, NULL, TIMEOUT));
  g_assert_true (gtk_widget_get_visible (button));
  g_assert_true (gtk_widget_is_sensitive (button));
  afs_sync_status_popup (status);
  runs_before = afs_sync_scheduler_get_n_runs (scheduler_a ());
  g_assert_true (gtk_widget_activate (button));
  g_assert_true (afs_test_wait_until (one_more_run, NULL, TIMEOUT));
  gtk_popover_popdown (GTK_POPOVER (status_child ("popover")));
}

static void
sync_b (void)
{
  g_autoptr(GError) error = NULL;

  if (!afs_sync_client_sync (client_b, NULL, &error))
    g_error ("device B could not sync: %s", error->message);
}

static gboolean
dialog_gone (gpointer data)
{
  return *(gpointer *) data == NULL;
}

static gboolean
dialog_not_busy (gpointer data)
{
  return !afs_sign_in_dialog_get_busy (AFS_SIGN_IN_DIALOG (data));
}

/* ---- Tests ---------------------------------------------------------------------- */

/* The address is checked as it is typed; only sensible input may be sent. */
static void
test_sign_in_validation (void)
{
  g_autofree char *normal = NULL;
  g_autofree char *why = NULL;
  AfsSignInDialog *dialog;

  why = afs_sign_in_check_url ("office.example.com:8443", &normal);
  g_assert_null (why);
  g_assert_cmpstr (normal, ==, "https://office.example.com:8443");
  g_clear_pointer (&normal, g_free);
  why = afs_sign_in_check_url ("http://office.example.com", NULL);
  g_assert_nonnull (why);
  g_assert_nonnull (strstr (why, "https://"));
  g_clear_pointer (&why, g_free);
  why = afs_sign_in_check_url ("ftp://office.example.com", NULL);
  g_assert_nonnull (why);
  g_clear_pointer (&why, g_free);
  why = afs_sign_in_check_url ("http://127.0.0.1:8080/", &normal);
  g_assert_null (why);
  g_assert_cmpstr (normal, ==, "http://127.0.0.1:8080");

  dialog = AFS_SIGN_IN_DIALOG (afs_sign_in_dialog_new (context_a, GTK_WINDOW (window)));
  gtk_window_present (GTK_WINDOW (dialog));
  afs_test_wait_frames (GTK_WIDGET (dialog), 2);

  g_assert_false (afs_sign_in_dialog_get_can_sign_in (dialog));
  g_assert_null (afs_sign_in_dialog_get_url_hint (dialog));

  afs_sign_in_dialog_set_fields (dialog, "ftp://office", "olga", "secret");
  g_assert_false (afs_sign_in_dialog_get_can_sign_in (dialog));
  g_assert_nonnull (afs_sign_in_dialog_get_url_hint (dialog));

  afs_sign_in_dialog_set_fields (dialog, afs_test_office_get_url (office), "", NULL);
  g_assert_null (afs_sign_in_dialog_get_url_hint (dialog));
  g_assert_false (afs_sign_in_dialog_get_can_sign_in (dialog));

  afs_sign_in_dialog_set_fields (dialog, NULL, "olga", NULL);
  g_assert_true (afs_sign_in_dialog_get_can_sign_in (dialog));

  gtk_window_destroy (GTK_WINDOW (dialog));
}

/* A wrong password says so; the right one signs in; the status shows the
 * work not sent yet and, after Sync Now, "Synced". */
static void
test_sign_in_then_synced (void)
{
  AfsSignInDialog *dialog;
  gpointer alive;
  guint pending;
  g_autofree char *expected = NULL;

  g_assert_cmpstr (afs_sync_status_get_label (status), ==, "Not Signed In");

  /* Work done before the first sign-in. */
  make_case (store_a, "The cold room does not reach -18 °C; the compressor stops every ten minutes.", &case_id);
  {
    g_autoptr(GError) error = NULL;
    AfsCaseData data = { 0 };

    g_assert_true (afs_store_get_case (store_a, case_id, &data, &error));
    case_number = g_strdup (data.number);
    afs_case_data_clear (&data);
  }

  g_action_group_activate_action (G_ACTION_GROUP (app), "sign-in", NULL);
  afs_test_wait_ms (200);
  dialog = NULL;
  for (GList *l = gtk_window_list_toplevels (); l != NULL; l = g_list_delete_link (l, l))
    if (AFS_IS_SIGN_IN_DIALOG (l->data))
      dialog = l->data;
  g_assert_nonnull (dialog);

  afs_sign_in_dialog_set_fields (dialog, afs_test_office_get_url (office), "olga", "not-her-password");
  afs_sign_in_dialog_sign_in (dialog);
  g_assert_true (afs_test_wait_until (dialog_not_busy, dialog, TIMEOUT));
  g_assert_cmpstr (afs_sign_in_dialog_get_error_title (dialog), ==, "Wrong User Name or Password");
  g_assert_nonnull (afs_sign_in_dialog_get_error (dialog));
  g_assert_false (afs_sync_client_get_signed_in (client_a ()));
  shoot (GTK_WIDGET (dialog), "sync-sign-in-error.png");

  afs_sign_in_dialog_set_fields (dialog, NULL, NULL, "olga-pass-2026");
  g_assert_null (afs_sign_in_dialog_get_error (dialog));
  alive = dialog;
  g_object_add_weak_pointer (G_OBJECT (dialog), &alive);
  afs_sign_in_dialog_sign_in (dialog);
  g_assert_true (afs_test_wait_until (dialog_gone, &alive, TIMEOUT));

  g_assert_true (afs_sync_client_get_signed_in (client_a ()));
  /* The role now comes from the office account, and is locked. */
  g_assert_true (afs_context_get_role_locked (context_a));
  g_assert_cmpint (afs_context_get_role (context_a), ==, AFS_ROLE_OFFICE);
  {
    /* Preferences shows it read-only, saying why. */
    GtkWidget *prefs = afs_preferences_window_new (GTK_WINDOW (window), context_a);
    GtkWidget *role_row = GTK_WIDGET (gtk_widget_get_template_child (prefs, AFS_TYPE_PREFERENCES_WINDOW, "role_row"));

    g_assert_false (gtk_widget_get_sensitive (role_row));
    g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (role_row)), "office account"));
    gtk_window_destroy (GTK_WINDOW (prefs));
  }

  /* Signing in syncs at once: the case made before reaches the office. */
  runs_before = 0;
  g_assert_true (afs_test_wait_until (one_more_run, NULL, TIMEOUT));
  g_assert_cmpuint (afs_sync_client_get_pending_count (client_a ()), ==, 0);
  g_assert_true (g_str_has_prefix (afs_sync_status_get_label (status), "Synced "));

  /* Work done now waits, and the status counts it. */
  set_description (store_a, case_id, "The compressor stops every ten minutes.");
  afs_context_cases_changed (context_a);
  pending = afs_sync_client_get_pending_count (client_a ());
  g_assert_cmpuint (pending, >, 0);
  expected = g_strdup_printf ("%u Pending", pending);
  g_assert_cmpstr (afs_sync_status_get_label (status), ==, expected);
  shoot (GTK_WIDGET (window), "sync-pending-wide.png");

  press_sync_now ();
  g_assert_cmpint (afs_sync_scheduler_get_state (scheduler_a ()), ==, AFS_SYNC_SCHEDULER_IDLE);
  g_assert_cmpuint (afs_sync_client_get_pending_count (client_a ()), ==, 0);
  g_assert_true (g_str_has_prefix (afs_sync_status_get_label (status), "Synced "));
  g_assert_nonnull (strstr (afs_sync_status_get_detail (status), "reached the office"));

  afs_sync_status_popup (status);
  shoot_popover (GTK_WIDGET (window), GTK_WIDGET (status), "sync-status-synced.png");
  gtk_popover_popdown (GTK_POPOVER (status_child ("popover")));
}

static gboolean progress_seen;
static char *progress_text;

static void
on_photo_bytes (void)
{
  GtkWidget *box = status_child ("progress_box");

  if (gtk_widget_get_visible (box) && !progress_seen)
    {
      progress_seen = TRUE;
      progress_text = g_strdup (gtk_label_get_label (GTK_LABEL (status_child ("progress_label"))));
    }
}

/* A photo taken on site goes out with a progress bar of its bytes, and
 * the bar goes when it is sent. */
static void
test_photo_progress (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (5);
  AfsPhotoFolder *folder = afs_visit_get_photo_folder (context_a);
  const gsize size = 3 * 1024 * 1024;
  g_autofree guchar *data = g_malloc (size);
  g_autofree char *sha = NULL;
  g_autofree char *path = NULL;
  g_autofree char *dir = NULL;
  AfsPhotoInput input = { 0 };

  /* A JPEG start, then noise: sync moves bytes, it does not decode. */
  for (gsize i = 0; i < size; i++)
    data[i] = (guchar) g_rand_int_range (rand, 0, 256);
  data[0] = 0xff;
  data[1] = 0xd8;
  sha = g_compute_checksum_for_data (G_CHECKSUM_SHA256, data, size);
  path = afs_photo_folder_get_path (folder, sha, "image/jpeg");
  dir = g_path_get_dirname (path);
  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (path, (const char *) data, size, &error));
  g_assert_no_error (error);

  input.case_id = case_id;
  input.sha256 = sha;
  input.kind = AFS_PHOTO_KIND_DAMAGE_CLOSE_UP;
  input.width = 640;
  input.height = 480;
  input.size = (gint64) size;
  g_assert_true (afs_store_add_photo (store_a, &input, NULL, &error));
  g_assert_no_error (error);
  afs_context_cases_changed (context_a);

  /* Small chunks, so the bar moves while the test watches. */
  afs_sync_client_set_chunk_size (client_a (), 256 * 1024);
  g_signal_connect_swapped (client_a (), "notify::photo-bytes-sent", G_CALLBACK (on_photo_bytes), NULL);
  press_sync_now ();
  g_signal_handlers_disconnect_by_func (client_a (), on_photo_bytes, NULL);

  g_assert_true (progress_seen);
  g_assert_true (g_str_has_prefix (progress_text, "Photos: "));
  /* g_format_size() puts a no-break space before the unit. */
  g_assert_true (g_str_has_suffix (progress_text, " of 3.1\u00a0MB sent"));
  g_assert_false (gtk_widget_get_visible (status_child ("progress_box")));
  g_assert_cmpuint (afs_sync_client_get_pending_count (client_a ()), ==, 0);
  g_assert_true (g_str_has_prefix (afs_sync_status_get_label (status), "Synced "));
  g_free (progress_text);
}

/* The office unreachable: "Offline", with the reason, and the work kept. */
static void
test_offline_with_reason (void)
{
  guint pending;

  afs_test_office_set_reachable (office, FALSE);
  set_description (store_a, case_id, "The compressor stops every ten minutes; the fan runs.");
  afs_sync_client_refresh_pending (client_a ());
  pending = afs_sync_client_get_pending_count (client_a ());
  g_assert_cmpuint (pending, >, 0);

  press_sync_now ();
  g_assert_cmpstr (afs_sync_status_get_label (status), ==, "Offline");
  g_assert_nonnull (afs_sync_scheduler_get_last_error (scheduler_a ()));
  g_assert_nonnull (strstr (afs_sync_status_get_detail (status),
                            afs_sync_scheduler_get_last_error (scheduler_a ())));
  g_assert_nonnull (strstr (afs_sync_status_get_detail (status), "not reached the office"));
  g_assert_cmpuint (afs_sync_client_get_pending_count (client_a ()), ==, pending);
  /* Backing off, not hammering. */
  g_assert_cmpuint (afs_sync_scheduler_get_next_delay_ms (scheduler_a ()), >, 0);

  afs_sync_status_popup (status);
  shoot_popover (GTK_WIDGET (window), GTK_WIDGET (status), "sync-status-offline.png");
  gtk_popover_popdown (GTK_POPOVER (status_child ("popover")));

  afs_test_office_set_reachable (office, TRUE);
  press_sync_now ();
  g_assert_true (g_str_has_prefix (afs_sync_status_get_label (status), "Synced "));
  g_assert_cmpuint (afs_sync_client_get_pending_count (client_a ()), ==, 0);
}

static gboolean
page_has (gpointer data)
{
  return !afs_conflicts_page_get_loading (conflicts_page)
    && afs_conflicts_page_get_n_conflicts (conflicts_page) == GPOINTER_TO_UINT (data);
}

/* Both devices change the case description apart: the server keeps both,
 * the page shows them, and keeping theirs syncs to the other device. */
static void
test_conflict_appears_and_resolves (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  g_autofree char *on_b = NULL;
  g_autofree char *on_a = NULL;
  const char *mine = "Compressor relay replaced; the cold room holds -19 °C.";
  const char *theirs = "Customer says it stops at night only; check the defrost timer.";
  GtkWidget *keep_theirs;

  g_assert_cmpuint (afs_conflicts_page_get_n_conflicts (conflicts_page), ==, 0);
  afs_window_show_view (window, "conflicts");
  shoot (GTK_WIDGET (window), "sync-conflicts-empty.png");

  /* B has the case. */
  sync_b ();
  on_b = get_description (store_b, case_id);
  g_assert_cmpstr (on_b, ==, "The compressor stops every ten minutes; the fan runs.");
  g_clear_pointer (&on_b, g_free);

  /* B changes it first and syncs; A changes it without having seen that. */
  set_description (store_b, case_id, theirs);
  sync_b ();
  set_description (store_a, case_id, mine);
  press_sync_now ();

  g_assert_true (afs_test_wait_until (page_has, GUINT_TO_POINTER (1), TIMEOUT));
  {
    AdwViewStackPage *view = adw_view_stack_get_page (afs_window_get_view_stack (window),
                                                      GTK_WIDGET (conflicts_page));

    /* The view switcher says one waits. */
    g_assert_cmpuint (adw_view_stack_page_get_badge_number (view), ==, 1);
    g_assert_true (adw_view_stack_page_get_needs_attention (view));
  }
  title = g_strdup_printf ("Case %s: Description", case_number);
  g_assert_cmpstr (afs_conflicts_page_get_title (conflicts_page, 0), ==, title);
  g_assert_cmpstr (gtk_editable_get_text (afs_conflicts_page_get_edit_entry (conflicts_page, 0)), ==, mine);

  shoot (GTK_WIDGET (window), "sync-conflicts-wide.png");

  shoot_narrow ("sync-conflicts-narrow.png");

  keep_theirs = afs_conflicts_page_get_choice_button (conflicts_page, 0, AFS_CONFLICT_THEIRS);
  g_assert_nonnull (keep_theirs);
  runs_before = afs_sync_scheduler_get_n_runs (scheduler_a ());
  g_assert_true (gtk_widget_activate (keep_theirs));

  /* The choice is written and synced at once. */
  g_assert_true (afs_test_wait_until (one_more_run, NULL, TIMEOUT));
  g_assert_true (afs_test_wait_until (page_has, GUINT_TO_POINTER (0), TIMEOUT));
  g_assert_false (adw_view_stack_page_get_needs_attention (adw_view_stack_get_page (afs_window_get_view_stack (window),
                                                                                    GTK_WIDGET (conflicts_page))));
  g_assert_cmpuint (afs_sync_client_get_pending_count (client_a ()), ==, 0);
  on_a = get_description (store_a, case_id);
  g_assert_cmpstr (on_a, ==, theirs);
  g_assert_cmpint (afs_store_count_open_conflicts (store_a, &error), ==, 0);
  g_assert_no_error (error);

  /* The other device gets the resolution. */
  sync_b ();
  on_b = get_description (store_b, case_id);
  g_assert_cmpstr (on_b, ==, theirs);
  g_assert_cmpint (afs_store_count_open_conflicts (store_b, &error), ==, 0);
  g_assert_no_error (error);

  afs_window_show_view (window, "cases");
}

static AdwMessageDialog *
find_message_dialog (void)
{
  AdwMessageDialog *found = NULL;

  for (GList *l = gtk_window_list_toplevels (); l != NULL; l = g_list_delete_link (l, l))
    if (ADW_IS_MESSAGE_DIALOG (l->data) && gtk_widget_get_visible (l->data))
      found = l->data;
  return found;
}

static gboolean
message_dialog_shown (gpointer data)
{
  return find_message_dialog () != NULL;
}


/* ---- Set aside ------------------------------------------------------------------ */

static AfsConflictsPage *page_t;
static AfsSyncStatus *status_t;
static AfsSyncScheduler *scheduler_t;
static guint runs_before_t;

/* The technician's scheduler ran once more since runs_before_t, and is done. */
static gboolean
t_ran (gpointer data)
{
  return afs_sync_scheduler_get_n_runs (scheduler_t) > runs_before_t
    && !afs_sync_scheduler_get_running (scheduler_t);
}

static gboolean
set_aside_shown (gpointer data)
{
  return !afs_conflicts_page_get_loading (page_t)
    && afs_conflicts_page_get_n_set_aside (page_t) == GPOINTER_TO_UINT (data)
    && !afs_sync_status_get_counting (status_t)
    && afs_sync_status_get_n_set_aside (status_t) == GPOINTER_TO_UINT (data);
}

/* A button's "activate" clicks it after a short visual press. */
static gboolean
clipboard_local (gpointer data)
{
  return gdk_clipboard_is_local (gtk_widget_get_clipboard (GTK_WIDGET (page_t)));
}

static void
add_staff (const char *id,
           const char *name)
{
  g_autoptr(GError) error = NULL;
  AfsStaffData staff = { 0 };

  staff.id = (char *) id;
  staff.name = (char *) name;
  staff.phone = (char *) "+48 600 100 300";
  staff.hourly_rate = 40;
  staff.role = AFS_ROLE_TECHNICIAN;
  staff.active = TRUE;
  g_assert_true (afs_store_add_staff (store_a, &staff, NULL, &error));
  g_assert_no_error (error);
}

/* Tomasz edits a case and types its report offline; meanwhile the office
 * gives the case to Wang. At Tomasz's next sync the office refuses the
 * edit (out of scope) and the case leaves his laptop: both are set
 * aside, shown with the reason, counted in the header and on the
 * switcher, copied as text, and deleted only when he says so. */
static void
test_set_aside (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AfsStore) store_t = afs_test_make_store (0, NULL);
  /* Its own settings: the technician's role is not the office's, and
   * two contexts on one settings object would overwrite each other. */
  g_autoptr(GSettingsBackend) backend = g_memory_settings_backend_new ();
  g_autoptr(GSettings) settings_t = g_settings_new_with_backend ("org.example.AfterSales", backend);
  g_autoptr(AfsContext) context_t = afs_context_new (store_t, settings_t);
  AfsSyncClient *client_t = afs_context_get_sync_client (context_t);
  g_autoptr(GPtrArray) refused = NULL;
  g_autofree char *moved = NULL;
  g_autofree char *copied = NULL;
  const char *typed = "Evaporator fan seized; replaced with a spare from the van.";
  const char *diagnosis = "Fan bearing worn out; the motor overheated.";
  AfsWindow *window_t;
  AdwMessageDialog *dialog;
  AdwViewStackPage *view;
  const char *text;
  guint n;

  /* The office hands a case to Tomasz. */
  add_staff (STAFF_TOMASZ, "Tomasz Technik");
  add_staff (STAFF_WANG, "Wang Wei");
  make_case (store_a, "The cold room fan is loud and the room warms up.", &moved);
  {
    const char *fields[] = { "severity", "scope", "warranty", "cause", NULL };
    const char *values[] = { "2", "in", "in", "product_quality", NULL };

    g_assert_true (afs_store_update_case (store_a, moved, 0, fields, values, &error));
    g_assert_true (afs_store_apply_action (store_a, moved, AFS_ACTION_TRIAGE, NULL, &error));
    g_assert_true (afs_store_assign_technician (store_a, moved, STAFF_TOMASZ, TRUE, &error));
    g_assert_true (afs_store_apply_action (store_a, moved, AFS_ACTION_DISPATCH, NULL, &error));
    g_assert_no_error (error);
  }
  press_sync_now ();
  g_assert_cmpuint (afs_sync_client_get_pending_count (client_a ()), ==, 0);

  /* Tomasz's laptop: its own window, signed in as the technician. */
  if (!afs_sync_client_sign_in (client_t, afs_test_office_get_url (office), "tomasz", "tomasz-pass-2026", NULL, &error))
    g_error ("the technician could not sign in: %s", error->message);
  scheduler_t = afs_context_get_sync_scheduler (context_t);
  afs_sync_scheduler_set_interval (scheduler_t, 0);
  window_t = afs_window_new (app, context_t);
  status_t = AFS_SYNC_STATUS (afs_sync_status_new (context_t));
  afs_window_set_status_widget (window_t, GTK_WIDGET (status_t));
  page_t = AFS_CONFLICTS_PAGE (afs_conflicts_page_new (context_t));
  afs_window_add_view (window_t, GTK_WIDGET (page_t), "conflicts", "Conflicts", "dialog-warning-symbolic");
  gtk_window_set_default_size (GTK_WINDOW (window_t), 1280, 800);
  gtk_window_present (GTK_WINDOW (window_t));
  /* Shown, the status starts its sync; one more on demand. */
  runs_before_t = 0;
  g_assert_true (afs_test_wait_until (t_ran, NULL, TIMEOUT));
  runs_before_t = afs_sync_scheduler_get_n_runs (scheduler_t);
  afs_sync_scheduler_sync_now (scheduler_t);
  g_assert_true (afs_test_wait_until (t_ran, NULL, TIMEOUT));
  {
    AfsCaseData data = { 0 };

    g_assert_true (afs_store_get_case (store_t, moved, &data, &error));
    g_assert_no_error (error);
    afs_case_data_clear (&data);
  }

  /* Offline (no sync), Tomasz edits the case and starts the report. */
  set_description (store_t, moved, typed);
  {
    AfsRepairReport report = { 0 };

    report.case_id = g_strdup (moved);
    report.diagnosis = g_strdup (diagnosis);
    g_assert_true (afs_store_save_report_draft (store_t, &report, &error));
    g_assert_no_error (error);
    afs_repair_report_clear (&report);
  }

  /* Meanwhile the office gives the case to Wang. */
  g_assert_true (afs_store_reassign_technician (store_a, moved, STAFF_TOMASZ, STAFF_WANG,
                                                "Tomasz is on another site today", &error));
  g_assert_no_error (error);
  press_sync_now ();

  /* Tomasz syncs: the edit is refused, the case leaves his laptop. */
  runs_before_t = afs_sync_scheduler_get_n_runs (scheduler_t);
  afs_sync_scheduler_sync_now (scheduler_t);
  g_assert_true (afs_test_wait_until (t_ran, NULL, TIMEOUT));
  refused = afs_store_list_refused (store_t, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (refused->len, >=, 2);
  n = refused->len;
  afs_window_show_view (window_t, "conflicts");
  g_assert_true (afs_test_wait_until (set_aside_shown, GUINT_TO_POINTER (n), TIMEOUT));

  /* Each one is shown with the office's reason; the typed description
   * and the draft's diagnosis are among them, as text. */
  {
    gboolean edit_seen = FALSE;
    gboolean draft_seen = FALSE;

    for (guint i = 0; i < n; i++)
      {
        const AfsPendingChange *c = refused->pdata[i];

        g_assert_nonnull (afs_conflicts_page_get_set_aside_reason (page_t, i));
        g_assert_cmpstr (afs_conflicts_page_get_set_aside_reason (page_t, i), ==, c->reason);
        text = afs_conflicts_page_get_set_aside_text (page_t, i);
        g_assert_nonnull (strstr (text, c->reason));
        if (strstr (text, typed) != NULL)
          edit_seen = TRUE;
        if (strstr (text, diagnosis) != NULL)
          {
            draft_seen = TRUE;
            g_assert_nonnull (strstr (afs_conflicts_page_get_set_aside_title (page_t, i), "eport draft"));
          }
      }
    g_assert_true (edit_seen);
    g_assert_true (draft_seen);
  }

  /* The header says so, and the switcher counts them. */
  {
    g_autofree char *expected = g_strdup_printf ("%u changes were set aside (the office refused them): see Conflicts.", n);

    g_assert_nonnull (strstr (afs_sync_status_get_detail (status_t), expected));
  }
  view = adw_view_stack_get_page (afs_window_get_view_stack (window_t), GTK_WIDGET (page_t));
  g_assert_cmpuint (adw_view_stack_page_get_badge_number (view), ==, n);
  g_assert_true (adw_view_stack_page_get_needs_attention (view));

  shoot (GTK_WIDGET (window_t), "sync-set-aside-wide.png");
  afs_sync_status_popup (status_t);
  shoot_popover (GTK_WIDGET (window_t), GTK_WIDGET (status_t), "sync-status-set-aside.png");
  gtk_popover_popdown (GTK_POPOVER (gtk_widget_get_template_child (GTK_WIDGET (status_t), AFS_TYPE_SYNC_STATUS, "popover")));
  shoot_narrow_for (context_t, "sync-set-aside-narrow.png");

  /* Copy puts the text on the clipboard. */
  {
    guint i;

    for (i = 0; i < n; i++)
      if (strstr (afs_conflicts_page_get_set_aside_text (page_t, i), typed) != NULL)
        break;
    g_assert_cmpuint (i, <, n);
    g_assert_true (gtk_widget_activate (afs_conflicts_page_get_set_aside_button (page_t, i, FALSE)));
    {
      GdkClipboard *clipboard = gtk_widget_get_clipboard (GTK_WIDGET (page_t));
      GdkContentProvider *content = gdk_clipboard_get_content (clipboard);
      g_auto(GValue) value = G_VALUE_INIT;

      /* This app owns the clipboard now; what it offers is the text. */
      g_assert_true (afs_test_wait_until (clipboard_local, NULL, TIMEOUT));
      content = gdk_clipboard_get_content (clipboard);
      g_assert_nonnull (content);
      g_value_init (&value, G_TYPE_STRING);
      g_assert_true (gdk_content_provider_get_value (content, &value, NULL));
      copied = g_value_dup_string (&value);
    }
    g_assert_cmpstr (copied, ==, afs_conflicts_page_get_set_aside_text (page_t, i));
    g_assert_nonnull (strstr (copied, typed));
  }

  /* Dismiss asks first; Cancel keeps it. */
  g_assert_true (gtk_widget_activate (afs_conflicts_page_get_set_aside_button (page_t, 0, TRUE)));
  g_assert_true (afs_test_wait_until (message_dialog_shown, NULL, TIMEOUT));
  dialog = find_message_dialog ();
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Dismiss This Change?");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "deleted from this computer"));
  g_assert_cmpstr (adw_message_dialog_get_close_response (dialog), ==, "cancel");
  g_assert_cmpstr (adw_message_dialog_get_default_response (dialog), ==, "cancel");
  g_assert_cmpint (adw_message_dialog_get_response_appearance (dialog, "dismiss"), ==, ADW_RESPONSE_DESTRUCTIVE);
  shoot (GTK_WIDGET (dialog), "sync-set-aside-dismiss.png");
  adw_message_dialog_response (dialog, "cancel");
  afs_test_wait_ms (200);
  g_assert_cmpint (afs_store_sync_refused_count (store_t, &error), ==, n);

  /* Answered Delete, exactly that one goes, and the counts follow. */
  g_assert_true (gtk_widget_activate (afs_conflicts_page_get_set_aside_button (page_t, 0, TRUE)));
  g_assert_true (afs_test_wait_until (message_dialog_shown, NULL, TIMEOUT));
  adw_message_dialog_response (find_message_dialog (), "dismiss");
  g_assert_true (afs_test_wait_until (set_aside_shown, GUINT_TO_POINTER (n - 1), TIMEOUT));
  g_assert_cmpint (afs_store_sync_refused_count (store_t, &error), ==, n - 1);
  g_assert_no_error (error);
  g_assert_cmpuint (adw_view_stack_page_get_badge_number (view), ==, n - 1);
  /* Nothing of it was sent: the office never had it. */
  g_assert_cmpuint (afs_sync_client_get_pending_count (client_t), ==, 0);

  gtk_window_destroy (GTK_WINDOW (window_t));
  page_t = NULL;
  status_t = NULL;
  scheduler_t = NULL;
}

/* Unsent work is listed in words and nothing is dropped on Cancel. */
static void
test_sign_out_lists_unsent_work (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = NULL;
  AdwMessageDialog *dialog;
  GtkWidget *list;
  GtkWidget *row;
  guint pending;
  gboolean listed = FALSE;

  afs_test_office_set_reachable (office, FALSE);
  set_description (store_a, case_id, "Defrost timer replaced.");
  afs_sync_client_refresh_pending (client_a ());
  pending = afs_sync_client_get_pending_count (client_a ());
  g_assert_cmpuint (pending, >, 0);

  g_action_group_activate_action (G_ACTION_GROUP (app), "sign-out", NULL);
  g_assert_true (afs_test_wait_until (message_dialog_shown, NULL, TIMEOUT));
  dialog = find_message_dialog ();
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Work Not Sent Yet");
  /* Enter and Escape keep the work. */
  g_assert_cmpstr (adw_message_dialog_get_close_response (dialog), ==, "cancel");
  g_assert_cmpstr (adw_message_dialog_get_default_response (dialog), ==, "sync");

  list = afs_test_find_descendant (adw_message_dialog_get_extra_child (dialog), GTK_TYPE_LIST_BOX);
  g_assert_nonnull (list);
  expected = g_strdup_printf ("Case %s: case changed", case_number);
  /* Each change also writes a timeline line: listed once per case. */
  for (row = gtk_widget_get_first_child (list); row != NULL; row = gtk_widget_get_next_sibling (row))
    if (ADW_IS_PREFERENCES_ROW (row)
        && g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), expected) == 0)
      listed = TRUE;
  g_assert_true (listed);
  shoot (GTK_WIDGET (dialog), "sync-sign-out-unsent.png");

  adw_message_dialog_response (dialog, "cancel");
  afs_test_wait_ms (200);
  g_assert_true (afs_sync_client_get_signed_in (client_a ()));
  afs_sync_client_refresh_pending (client_a ());
  g_assert_cmpuint (afs_sync_client_get_pending_count (client_a ()), ==, pending);
  {
    g_autofree char *still = get_description (store_a, case_id);

    g_assert_cmpstr (still, ==, "Defrost timer replaced.");
  }

  afs_test_office_set_reachable (office, TRUE);
}

static gboolean
scheduler_done (gpointer data)
{
  return afs_sync_scheduler_get_n_runs (data) > 0 && !afs_sync_scheduler_get_running (data);
}

/* The office revokes a laptop (a third one, C, so A stays signed in): its
 * client forgets the token, and the status says "Not Signed In" with the
 * reason (not "Offline": waiting will not help) and offers signing in
 * again; the work stays. */
static void
test_revoked_device (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AfsStore) store_c = afs_test_make_store (0, NULL);
  g_autoptr(AfsContext) context_c = afs_context_new (store_c, NULL);
  AfsSyncClient *client_c = afs_context_get_sync_client (context_c);
  AfsSyncScheduler *scheduler_c = afs_context_get_sync_scheduler (context_c);
  g_autofree char *own_case = NULL;
  GtkWidget *status_c;
  GtkWidget *narrow;
  GtkWidget *header;
  const char *reason;
  guint pending;

  if (!afs_sync_client_sign_in (client_c, afs_test_office_get_url (office), "piotr", "piotr-pass-2026", NULL, &error))
    g_error ("device C could not sign in: %s", error->message);
  make_case (store_c, "Door seal torn on the left side.", &own_case);
  afs_context_cases_changed (context_c);
  pending = afs_sync_client_get_pending_count (client_c);
  g_assert_cmpuint (pending, >, 0);

  narrow = adw_window_new ();
  gtk_window_set_title (GTK_WINDOW (narrow), "AfterSales");
  gtk_window_set_application (GTK_WINDOW (narrow), app);
  header = adw_header_bar_new ();
  status_c = afs_sync_status_new (context_c);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), status_c);
  {
    GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
    GtkWidget *page = afs_conflicts_page_new (context_c);

    gtk_widget_set_vexpand (page, TRUE);
    gtk_box_append (GTK_BOX (box), header);
    gtk_box_append (GTK_BOX (box), page);
    adw_window_set_content (ADW_WINDOW (narrow), box);
  }
  gtk_window_set_default_size (GTK_WINDOW (narrow), 400, 800);
  gtk_window_present (GTK_WINDOW (narrow));
  g_assert_cmpstr (afs_sync_status_get_label (AFS_SYNC_STATUS (status_c)), !=, "Not Signed In");

  afs_test_office_revoke_device (office, afs_store_get_device_id (store_c));
  afs_sync_scheduler_sync_now (scheduler_c);
  g_assert_true (afs_test_wait_until (scheduler_done, scheduler_c, TIMEOUT));

  g_assert_false (afs_sync_client_get_signed_in (client_c));
  g_assert_cmpint (afs_sync_scheduler_get_state (scheduler_c), ==, AFS_SYNC_SCHEDULER_SIGNED_OUT);
  g_assert_cmpstr (afs_sync_status_get_label (AFS_SYNC_STATUS (status_c)), ==, "Not Signed In");
  reason = afs_sync_client_get_last_error (client_c);
  g_assert_nonnull (reason);
  g_assert_nonnull (strstr (afs_sync_status_get_detail (AFS_SYNC_STATUS (status_c)), reason));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (gtk_widget_get_template_child (status_c, AFS_TYPE_SYNC_STATUS, "sign_in_button"))));
  g_assert_cmpuint (afs_sync_client_get_pending_count (client_c), ==, pending);

  afs_sync_status_popup (AFS_SYNC_STATUS (status_c));
  shoot_popover (narrow, status_c, "sync-status-revoked-narrow.png");
  gtk_window_destroy (GTK_WINDOW (narrow));
}

/* The service itself stops: the status says so, with a reason. */
static void
test_service_stopped (void)
{
  afs_test_office_stop_service (office);
  press_sync_now ();

  g_assert_cmpstr (afs_sync_status_get_label (status), ==, "Offline");
  g_assert_nonnull (afs_sync_scheduler_get_last_error (scheduler_a ()));
  g_assert_cmpstr (afs_sync_scheduler_get_last_error (scheduler_a ()), !=, "");
  g_assert_true (afs_sync_client_get_signed_in (client_a ()));
  g_assert_cmpuint (afs_sync_client_get_pending_count (client_a ()), >, 0);

  shoot (GTK_WIDGET (window), "sync-offline-wide.png");
  shoot_narrow ("sync-offline-narrow.png");
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int ret;

  afs_test_use_file_keyring ();
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  afs_test_ui_setup_resources ();

  office = afs_test_office_start ();
  afs_test_office_add_user (office, "olga", "olga-pass-2026", "office");
  afs_test_office_add_user (office, "piotr", "piotr-pass-2026", "office");
  afs_test_office_add_staff_user (office, "tomasz", "tomasz-pass-2026", "technician", STAFF_TOMASZ);

  app = GTK_APPLICATION (adw_application_new ("org.example.AfterSales.SyncTest", G_APPLICATION_NON_UNIQUE));
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);
  afs_sync_actions_install_on (app);

  store_a = afs_test_make_store (0, NULL);
  context_a = afs_context_new (store_a, NULL);
  window = afs_window_new (app, context_a);
  status = AFS_SYNC_STATUS (afs_sync_status_new (context_a));
  afs_window_set_status_widget (window, GTK_WIDGET (status));
  conflicts_page = AFS_CONFLICTS_PAGE (afs_conflicts_page_new (context_a));
  afs_window_add_view (window, GTK_WIDGET (conflicts_page), "conflicts", "Conflicts", "dialog-warning-symbolic");
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_window_present (GTK_WINDOW (window));
  /* Shown, the status starts the background sync (afs_context_start_sync);
   * with no token yet that does nothing until the sign-in. */
  afs_sync_scheduler_set_interval (scheduler_a (), 0);

  store_b = afs_test_make_store (0, NULL);
  client_b = afs_sync_client_new (store_b);
  if (!afs_sync_client_sign_in (client_b, afs_test_office_get_url (office), "piotr", "piotr-pass-2026", NULL, &error))
    g_error ("device B could not sign in: %s", error->message);

  g_test_add_func ("/ui/sync/sign-in-validation", test_sign_in_validation);
  g_test_add_func ("/ui/sync/sign-in-then-synced", test_sign_in_then_synced);
  g_test_add_func ("/ui/sync/photo-progress", test_photo_progress);
  g_test_add_func ("/ui/sync/offline-with-reason", test_offline_with_reason);
  g_test_add_func ("/ui/sync/conflict-appears-and-resolves", test_conflict_appears_and_resolves);
  g_test_add_func ("/ui/sync/set-aside", test_set_aside);
  g_test_add_func ("/ui/sync/sign-out-lists-unsent-work", test_sign_out_lists_unsent_work);
  g_test_add_func ("/ui/sync/revoked-device", test_revoked_device);
  g_test_add_func ("/ui/sync/service-stopped", test_service_stopped);

  ret = g_test_run ();

  gtk_window_destroy (GTK_WINDOW (window));
  g_clear_object (&client_b);
  g_clear_object (&store_b);
  g_clear_object (&context_a);
  g_clear_object (&store_a);
  g_clear_object (&app);
  afs_test_office_free (office);
  g_free (case_id);
  g_free (case_number);
  return ret;
}

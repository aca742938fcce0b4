/* afs-visit-test-util.c
 *
 * Copyright 2026 The AfterSales authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "afs-report-editor.h"
#include "afs-signoff-page.h"
#include "afs-visit-photos.h"
#include "afs-visit-test-util.h"
#include "afs-visit-window.h"

static char *
add_staff (AfsStore   *store,
           const char *name,
           AfsRole     role)
{
  AfsStaffData staff = { 0 };
  g_autoptr(GError) error = NULL;
  char *id = NULL;

  staff.name = (char *) name;
  staff.phone = (char *) "+48 600 100 200";
  staff.service_area = (char *) "Kraków";
  staff.role = role;
  staff.active = TRUE;
  g_assert_true (afs_store_add_staff (store, &staff, &id, &error));
  g_assert_no_error (error);
  return id;
}

char *
afs_visit_test_dispatch_case (AfsContext  *context,
                              const char  *description,
                              char       **out_tech_id)
{
  AfsStore *store = afs_context_get_store (context);
  GSettings *settings = afs_context_get_settings (context);
  g_autoptr(GError) error = NULL;
  g_autofree char *customer_id = NULL;
  g_autofree char *equipment_id = NULL;
  g_autofree char *office_id = NULL;
  char *tech_id = NULL;
  char *case_id = NULL;
  AfsCustomerData customer = { 0 };
  AfsEquipmentData equipment = { 0 };
  AfsCaseInput input = { 0 };
  const char *fields[] = { "scope", "warranty", "severity", "cause", NULL };
  const char *values[] = { "in", "in", "3", "product_quality", NULL };

  office_id = add_staff (store, "Olga Biuro", AFS_ROLE_OFFICE);
  tech_id = add_staff (store, "Tomasz Technik", AFS_ROLE_TECHNICIAN);
  afs_store_set_actor (store, office_id, "Olga Biuro", AFS_ROLE_OFFICE);

  customer.name = (char *) "Hotel Lodówka";
  customer.contact_name = (char *) "Anna Nowak";
  customer.phone = (char *) "+48 12 345 67 89";
  customer.address = (char *) "ul. Floriańska 12";
  customer.city = (char *) "Kraków";
  customer.region = AFS_REGION_LOCAL;
  g_assert_true (afs_store_add_customer (store, &customer, &customer_id, &error));
  g_assert_no_error (error);

  equipment.customer_id = customer_id;
  equipment.model = (char *) "Cold room CR-300";
  equipment.serial = (char *) "HXA2023110045";
  equipment.warranty_end = (char *) "2099-12-31";
  g_assert_true (afs_store_add_equipment (store, &equipment, &equipment_id, &error));
  g_assert_no_error (error);

  input.customer_id = customer_id;
  input.equipment_id = equipment_id;
  input.channel = AFS_CHANNEL_PHONE;
  input.category = AFS_CATEGORY_REPAIR;
  input.description = description;
  input.contact_name = "Anna Nowak";
  input.contact_phone = "+48 12 345 67 89";
  g_assert_true (afs_store_create_case (store, &input, &case_id, &error));
  g_assert_no_error (error);

  g_assert_true (afs_store_update_case (store, case_id, 0, fields, values, &error));
  g_assert_no_error (error);
  g_assert_true (afs_store_apply_action (store, case_id, AFS_ACTION_TRIAGE, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (afs_store_assign_technician (store, case_id, tech_id, TRUE, &error));
  g_assert_no_error (error);
  g_assert_true (afs_store_apply_action (store, case_id, AFS_ACTION_DISPATCH, NULL, &error));
  g_assert_no_error (error);

  /* From here on this laptop is the technician's (Preferences → profile). */
  g_settings_set_string (settings, "profile-name", "Tomasz Technik");
  g_settings_set_string (settings, "profile-staff-id", tech_id);
  g_settings_set_enum (settings, "profile-role", AFS_ROLE_TECHNICIAN);
  g_assert_cmpint (afs_store_get_actor_role (store), ==, AFS_ROLE_TECHNICIAN);

  if (out_tech_id != NULL)
    *out_tech_id = tech_id;
  else
    g_free (tech_id);
  return case_id;
}

void
afs_visit_test_write_jpeg (const char *path,
                           int         width,
                           int         height,
                           guint       seed)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, width, height);
  g_autoptr(GError) error = NULL;
  guchar *pixels = gdk_pixbuf_get_pixels (pixbuf);
  int stride = gdk_pixbuf_get_rowstride (pixbuf);

  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      {
        guchar *p = pixels + y * stride + x * 3;

        p[0] = (guchar) ((x * 255 / width + seed * 40) & 0xff);
        p[1] = (guchar) ((y * 255 / height + seed * 90) & 0xff);
        p[2] = (guchar) ((((x / 32) + (y / 32) + seed) % 2) ? 200 : 60);
      }

  g_assert_true (gdk_pixbuf_save (pixbuf, path, "jpeg", &error, "quality", "90", NULL));
  g_assert_no_error (error);
}

void
afs_visit_test_sign (AfsSignaturePad *pad,
                     guint            seed)
{
  AfsStrokePoint points[40];

  /* Two strokes: a wave and a flourish, with a pen's pressure and time. */
  for (guint s = 0; s < 2; s++)
    {
      for (guint i = 0; i < G_N_ELEMENTS (points); i++)
        {
          double t = i / (double) (G_N_ELEMENTS (points) - 1);

          points[i].x = 20 + t * 220 + s * 30;
          double phase = t * (3 + seed % 3) * 2 + s;
          double wave = 2 * (phase - (int) phase) - 1;   /* a saw tooth, -1..1 */

          points[i].y = 60 + (wave < 0 ? -wave : wave) * (40 - s * 15);
          points[i].pressure = 0.4 + 0.4 * t;
          points[i].time_ms = s * 800 + i * 15;
        }
      afs_signature_pad_add_stroke (pad, points, G_N_ELEMENTS (points));
    }
}

gboolean
afs_visit_test_window_loaded (gpointer visit_window)
{
  AfsVisitWindow *window = visit_window;

  return afs_visit_window_get_loaded (window) &&
         afs_report_editor_get_loaded (afs_visit_window_get_report_editor (window)) &&
         afs_signoff_page_get_loaded (afs_visit_window_get_signoff (window)) &&
         afs_visit_photos_get_idle (afs_visit_window_get_photos (window));
}

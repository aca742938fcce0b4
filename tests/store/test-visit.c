/* test-visit.c: the technician's orders, the visit's timestamps, photo
 * evidence and its checklist, the parts catalogue (afs-store-visit.h). */

#include "config.h"

#include <string.h>

#include "visit-fixture.h"

#define SHA_A "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
#define SHA_B "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"
#define SHA_C "cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc"

static AfsVisitData *
only_visit (Fixture    *fx,
            const char *case_id,
            GPtrArray **keep)
{
  g_autoptr(GError) error = NULL;

  *keep = afs_store_list_visits (fx->store, case_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint ((*keep)->len, ==, 1);
  return (*keep)->pdata[0];
}

/* Start travel, arrive, leave: one click each, one visit row, the store
 * clock's times, audit and outbox rows. */
static void
test_visit_timestamps (Fixture       *fx,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *id = visit_dispatched_case (fx, "Lodówka nie chłodzi");
  g_autoptr(GPtrArray) v1 = NULL, v2 = NULL, v3 = NULL;
  AfsVisitData *v;
  gint64 outbox_before;

  /* Leaving before arriving makes no sense. */
  g_assert_false (afs_store_leave_site (fx->store, id, &error));
  g_assert_error (error, AFS_ERROR, AFS_ERROR_PRECONDITION);
  g_clear_error (&error);

  outbox_before = fx_int (fx, "SELECT count(*) FROM outbox WHERE table_name = 'visits'");
  fx->now = TEST_NOW + 100;
  g_assert_true (afs_store_start_travel (fx->store, id, &error));
  g_assert_no_error (error);
  v = only_visit (fx, id, &v1);
  g_assert_cmpint (v->travel_started_at, ==, TEST_NOW + 100);
  g_assert_cmpint (v->arrived_at, ==, 0);
  g_assert_cmpstr (v->staff_id, ==, fx->tech_id);
  g_assert_cmpstr (v->staff_name, ==, "Tomasz Technik");

  /* Twice is refused: the first click counts. */
  g_assert_false (afs_store_start_travel (fx->store, id, &error));
  g_assert_error (error, AFS_ERROR, AFS_ERROR_PRECONDITION);
  g_clear_error (&error);

  fx->now = TEST_NOW + 1900;
  g_assert_true (afs_store_arrive (fx->store, id, &error));
  g_assert_no_error (error);
  v = only_visit (fx, id, &v2);
  g_assert_cmpint (v->travel_started_at, ==, TEST_NOW + 100);
  g_assert_cmpint (v->arrived_at, ==, TEST_NOW + 1900);
  g_assert_cmpint (v->left_at, ==, 0);
  {
    g_autofree char *state = fx_text (fx, "SELECT state FROM cases WHERE id = '%s'", id);
    g_assert_cmpstr (state, ==, "on_site");
  }

  fx->now = TEST_NOW + 7300;
  g_assert_true (afs_store_leave_site (fx->store, id, &error));
  g_assert_no_error (error);
  v = only_visit (fx, id, &v3);
  g_assert_cmpint (v->left_at, ==, TEST_NOW + 7300);

  /* Every step went to the outbox (insert, arrival, departure) and the
   * audit trail. */
  g_assert_cmpint (fx_int (fx, "SELECT count(*) FROM outbox WHERE table_name = 'visits'"),
                   ==, outbox_before + 3);
  g_assert_cmpint (fx_int (fx, "SELECT count(*) FROM audit WHERE case_id = '%s' AND kind = 'visit'", id),
                   ==, 2);
}

/* Arriving without having recorded travel opens the visit at arrival. */
static void
test_visit_arrive_directly (Fixture       *fx,
                            gconstpointer  data)
{
  g_autofree char *id = visit_on_site_case (fx, "Pralka przecieka");
  g_autoptr(GPtrArray) keep = NULL;
  AfsVisitData *v = only_visit (fx, id, &keep);

  g_assert_cmpint (v->travel_started_at, ==, 0);
  g_assert_cmpint (v->arrived_at, ==, TEST_NOW);
}

/* Travel is refused on a case that is not dispatched, and to a
 * technician who is not assigned. */
static void
test_visit_refusals (Fixture       *fx,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *fresh = fixture_new_case (fx, "Nowe zgłoszenie");
  g_autofree char *id = visit_dispatched_case (fx, "Lodówka");

  g_assert_false (afs_store_start_travel (fx->store, fresh, &error));
  g_assert_error (error, AFS_ERROR, AFS_ERROR_FORBIDDEN);   /* not assigned to it */
  g_clear_error (&error);

  fixture_act_as (fx, fx->tech2_id, AFS_ROLE_TECHNICIAN);
  g_assert_false (afs_store_start_travel (fx->store, id, &error));
  g_assert_error (error, AFS_ERROR, AFS_ERROR_FORBIDDEN);
  g_clear_error (&error);
  g_assert_cmpint (fx_int (fx, "SELECT count(*) FROM visits"), ==, 0);
}

static char *
case_reported_at (Fixture    *fx,
                  const char *customer_id,
                  gint64      reported_at,
                  const char *description)
{
  g_autoptr(GError) error = NULL;
  AfsCaseInput input = { 0, };
  char *id = NULL;

  input.customer_id = customer_id;
  input.channel = AFS_CHANNEL_PHONE;
  input.category = AFS_CATEGORY_REPAIR;
  input.description = description;
  input.reported_at = reported_at;
  g_assert_true (afs_store_create_case (fx->store, &input, &id, &error));
  g_assert_no_error (error);
  fixture_update (fx, id, "scope", "in", "warranty", "in", "severity", "3",
                  "cause", "product_quality", NULL);
  fixture_act (fx, id, AFS_ACTION_TRIAGE, NULL);
  return id;
}

static void
dispatch_to (Fixture    *fx,
             const char *id,
             const char *staff_id)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (afs_store_assign_technician (fx->store, id, staff_id, TRUE, &error));
  g_assert_no_error (error);
  fixture_act (fx, id, AFS_ACTION_DISPATCH, NULL);
}

/* My orders: mine only, open only, today first, then by deadline, with
 * the customer's address and phone. */
static void
test_visit_my_orders (Fixture       *fx,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) orders = NULL;
  /* Reported three days ago: its arrival deadline has passed (today). */
  g_autofree char *overdue = case_reported_at (fx, fx->customer_id, TEST_NOW - 3 * 86400, "Overdue");
  /* Remote area: arrive within 5 days (not today). */
  g_autofree char *remote = case_reported_at (fx, fx->remote_customer_id, TEST_NOW, "Remote");
  /* Local, now: arrive within 4 h (today, after the overdue one). */
  g_autofree char *local = case_reported_at (fx, fx->customer_id, TEST_NOW, "Local");
  g_autofree char *other = case_reported_at (fx, fx->customer_id, TEST_NOW, "Someone else's");
  g_autofree char *cancelled = case_reported_at (fx, fx->customer_id, TEST_NOW, "Cancelled");
  AfsOrderData *o;

  dispatch_to (fx, remote, fx->tech_id);
  dispatch_to (fx, local, fx->tech_id);
  dispatch_to (fx, overdue, fx->tech_id);
  dispatch_to (fx, other, fx->tech2_id);
  dispatch_to (fx, cancelled, fx->tech_id);
  fixture_act (fx, cancelled, AFS_ACTION_CANCEL, "Customer withdrew");

  orders = afs_store_list_my_orders (fx->store, fx->tech_id, TEST_NOW, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (orders->len, ==, 3);

  o = orders->pdata[0];
  g_assert_cmpstr (o->case_id, ==, overdue);
  g_assert_true (o->today);
  g_assert_true (o->lead);
  g_assert_cmpint (o->state, ==, AFS_CASE_STATE_DISPATCHED);
  g_assert_cmpstr (o->customer_name, ==, "Hotel Lodówka");
  g_assert_cmpstr (o->contact_name, ==, "Anna Nowak");     /* the customer's contact */
  g_assert_cmpstr (o->phone, ==, "+48 12 345 67 89");
  g_assert_cmpstr (o->city, ==, "Kraków");
  g_assert_cmpint (o->next_due, >, 0);
  g_assert_cmpint (o->next_due, <, TEST_NOW);

  o = orders->pdata[1];
  g_assert_cmpstr (o->case_id, ==, local);
  g_assert_true (o->today);
  g_assert_cmpint (o->arrive_due, ==, TEST_NOW + 4 * 3600);

  o = orders->pdata[2];
  g_assert_cmpstr (o->case_id, ==, remote);
  g_assert_false (o->today);

  /* The visit shows in the order once travel starts. */
  fixture_act_as (fx, fx->tech_id, AFS_ROLE_TECHNICIAN);
  g_assert_true (afs_store_start_travel (fx->store, local, &error));
  g_assert_no_error (error);
  g_clear_pointer (&orders, g_ptr_array_unref);
  orders = afs_store_list_my_orders (fx->store, NULL, TEST_NOW, &error);   /* the actor */
  g_assert_no_error (error);
  g_assert_cmpuint (orders->len, ==, 3);
  o = orders->pdata[1];
  g_assert_cmpint (o->travel_started_at, ==, TEST_NOW);
  g_assert_nonnull (o->visit_id);
}

static void
orders_ready (GObject      *source,
              GAsyncResult *result,
              gpointer      data)
{
  GPtrArray **out = data;
  g_autoptr(GError) error = NULL;

  *out = afs_store_list_my_orders_finish (AFS_STORE (source), result, &error);
  g_assert_no_error (error);
}

/* The async variant returns the same list, on the main context. */
static void
test_visit_my_orders_async (Fixture       *fx,
                            gconstpointer  data)
{
  g_autofree char *id = visit_dispatched_case (fx, "Async");
  g_autoptr(GPtrArray) orders = NULL;

  afs_store_list_my_orders_async (fx->store, fx->tech_id, 0, NULL, orders_ready, &orders);
  while (orders == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (orders->len, ==, 1);
  g_assert_cmpstr (((AfsOrderData *) orders->pdata[0])->case_id, ==, id);
}

static void
add_photo (Fixture      *fx,
           const char   *case_id,
           const char   *sha,
           AfsPhotoKind  kind,
           char        **out_id)
{
  g_autoptr(GError) error = NULL;
  AfsPhotoInput in = { 0, };

  in.case_id = case_id;
  in.sha256 = sha;
  in.kind = kind;
  in.width = 4000;
  in.height = 3000;
  in.size = 5 * 1024 * 1024;
  in.taken_at = TEST_NOW - 60;
  g_assert_true (afs_store_add_photo (fx->store, &in, out_id, &error));
  g_assert_no_error (error);
}

static void
assert_missing (Fixture            *fx,
                const char         *case_id,
                const AfsPhotoKind *expected,
                guint               n)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) missing = afs_store_list_missing_photo_kinds (fx->store, case_id, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (missing->len, ==, n);
  for (guint i = 0; i < n; i++)
    g_assert_cmpint (g_array_index (missing, int, i), ==, expected[i]);
}

/* DOMAIN.md 4: the checklist names the kinds still missing; a photo is
 * in a case once; caption and kind can be changed. */
static void
test_visit_photo_checklist (Fixture       *fx,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *id = visit_on_site_case (fx, "Evidence");
  g_autofree char *photo_id = NULL;
  g_autoptr(GPtrArray) photos = NULL;
  const AfsPhotoKind all[] = {
    AFS_PHOTO_KIND_WHOLE_ITEM, AFS_PHOTO_KIND_DAMAGE_CLOSE_UP, AFS_PHOTO_KIND_DETAIL,
    AFS_PHOTO_KIND_PACKAGING_DAMAGE, AFS_PHOTO_KIND_BATCH_LABEL, AFS_PHOTO_KIND_BEFORE_REPAIR,
    AFS_PHOTO_KIND_AFTER_REPAIR,
  };
  const AfsPhotoKind after_two[] = {
    AFS_PHOTO_KIND_DAMAGE_CLOSE_UP, AFS_PHOTO_KIND_DETAIL, AFS_PHOTO_KIND_PACKAGING_DAMAGE,
    AFS_PHOTO_KIND_BEFORE_REPAIR, AFS_PHOTO_KIND_AFTER_REPAIR,
  };
  AfsPhotoInput bad = { 0, };

  assert_missing (fx, id, all, G_N_ELEMENTS (all));
  g_assert_cmpstr (afs_photo_kind_get_label (AFS_PHOTO_KIND_BATCH_LABEL), ==,
                   "Batch label on the packaging");

  add_photo (fx, id, SHA_A, AFS_PHOTO_KIND_WHOLE_ITEM, &photo_id);
  add_photo (fx, id, SHA_B, AFS_PHOTO_KIND_BATCH_LABEL, NULL);
  add_photo (fx, id, SHA_C, AFS_PHOTO_KIND_OTHER, NULL);
  assert_missing (fx, id, after_two, G_N_ELEMENTS (after_two));

  /* The same file twice in one case: refused, one row. */
  bad.case_id = id;
  bad.sha256 = SHA_A;
  bad.kind = AFS_PHOTO_KIND_DETAIL;
  bad.width = bad.height = 10;
  g_assert_false (afs_store_add_photo (fx->store, &bad, NULL, &error));
  g_assert_error (error, AFS_ERROR, AFS_ERROR_CONFLICT);
  g_clear_error (&error);

  /* Not a SHA-256, no size, unknown kind: refused. */
  bad.sha256 = "../../etc/passwd";
  g_assert_false (afs_store_add_photo (fx->store, &bad, NULL, &error));
  g_assert_error (error, AFS_ERROR, AFS_ERROR_INVALID);
  g_clear_error (&error);
  bad.sha256 = "dddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddd";
  bad.width = 0;
  g_assert_false (afs_store_add_photo (fx->store, &bad, NULL, &error));
  g_assert_error (error, AFS_ERROR, AFS_ERROR_INVALID);
  g_clear_error (&error);
  bad.width = 10;
  bad.kind = AFS_PHOTO_KIND_N;
  g_assert_false (afs_store_add_photo (fx->store, &bad, NULL, &error));
  g_assert_error (error, AFS_ERROR, AFS_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (fx_int (fx, "SELECT count(*) FROM photos"), ==, 3);

  /* Caption and kind. */
  g_assert_true (afs_store_set_photo_caption (fx->store, photo_id, "Front, door open", &error));
  g_assert_no_error (error);
  g_assert_true (afs_store_set_photo_kind (fx->store, photo_id, AFS_PHOTO_KIND_AFTER_REPAIR, &error));
  g_assert_no_error (error);

  photos = afs_store_list_photos (fx->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (photos->len, ==, 3);
  {
    AfsPhotoData *p = photos->pdata[0];

    g_assert_cmpstr (p->id, ==, photo_id);
    g_assert_cmpstr (p->sha256, ==, SHA_A);
    g_assert_cmpstr (p->caption, ==, "Front, door open");
    g_assert_cmpint (p->kind, ==, AFS_PHOTO_KIND_AFTER_REPAIR);
    g_assert_cmpint (p->width, ==, 4000);
    g_assert_cmpint (p->height, ==, 3000);
    g_assert_cmpint (p->taken_at, ==, TEST_NOW - 60);
    g_assert_cmpstr (p->mime_type, ==, "image/jpeg");
    g_assert_cmpint (p->version, ==, 3);
  }
  g_clear_pointer (&photos, g_ptr_array_unref);
  /* The whole item is missing again; after-repair is now there. */
  {
    const AfsPhotoKind expect[] = {
      AFS_PHOTO_KIND_WHOLE_ITEM, AFS_PHOTO_KIND_DAMAGE_CLOSE_UP, AFS_PHOTO_KIND_DETAIL,
      AFS_PHOTO_KIND_PACKAGING_DAMAGE, AFS_PHOTO_KIND_BEFORE_REPAIR,
    };
    assert_missing (fx, id, expect, G_N_ELEMENTS (expect));
  }

  /* Each write went to the outbox with the photo's row. */
  g_assert_cmpint (fx_int (fx, "SELECT count(*) FROM outbox WHERE table_name = 'photos'"), ==, 5);

  /* Another technician may not add evidence to a case not theirs. */
  fixture_act_as (fx, fx->tech2_id, AFS_ROLE_TECHNICIAN);
  bad.kind = AFS_PHOTO_KIND_DETAIL;
  g_assert_false (afs_store_add_photo (fx->store, &bad, NULL, &error));
  g_assert_error (error, AFS_ERROR, AFS_ERROR_FORBIDDEN);
}

/* Parts picked from a catalogue: searched by name or number, any case. */
static void
test_visit_catalogue (Fixture       *fx,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) found = NULL;
  AfsCataloguePart p = { 0, };

  p.part_number = (char *) "RL-220";
  p.name = (char *) "Compressor relay";
  p.unit_price = 42.5;
  g_assert_true (afs_store_add_catalogue_part (fx->store, &p, NULL, &error));
  g_assert_no_error (error);
  p.part_number = (char *) "TH-9";
  p.name = (char *) "Thermostat";
  p.unit_price = 18;
  g_assert_true (afs_store_add_catalogue_part (fx->store, &p, NULL, &error));
  g_assert_no_error (error);

  p.name = (char *) "  ";
  g_assert_false (afs_store_add_catalogue_part (fx->store, &p, NULL, &error));
  g_assert_error (error, AFS_ERROR, AFS_ERROR_INVALID);
  g_clear_error (&error);
  p.name = (char *) "Gasket";
  p.unit_price = -1;
  g_assert_false (afs_store_add_catalogue_part (fx->store, &p, NULL, &error));
  g_assert_error (error, AFS_ERROR, AFS_ERROR_INVALID);
  g_clear_error (&error);

  found = afs_store_search_catalogue (fx->store, "RELAY", 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_cmpstr (((AfsCataloguePart *) found->pdata[0])->part_number, ==, "RL-220");
  g_assert_cmpfloat (((AfsCataloguePart *) found->pdata[0])->unit_price, ==, 42.5);
  g_clear_pointer (&found, g_ptr_array_unref);

  found = afs_store_search_catalogue (fx->store, "th-", 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 1);
  g_clear_pointer (&found, g_ptr_array_unref);

  found = afs_store_search_catalogue (fx->store, NULL, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_cmpstr (((AfsCataloguePart *) found->pdata[0])->name, ==, "Compressor relay");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/store/visit/timestamps", test_visit_timestamps);
  ADD ("/store/visit/arrive-directly", test_visit_arrive_directly);
  ADD ("/store/visit/refusals", test_visit_refusals);
  ADD ("/store/visit/my-orders", test_visit_my_orders);
  ADD ("/store/visit/my-orders-async", test_visit_my_orders_async);
  ADD ("/store/visit/photo-checklist", test_visit_photo_checklist);
  ADD ("/store/visit/catalogue", test_visit_catalogue);
#undef ADD

  return g_test_run ();
}

/* test-cases.c: intake (numbers, deadlines, validation) and edits (audit
 * per field, version conflicts, no-op edits, refused values, roles). */

#include "config.h"

#include <string.h>

#include "afs-error.h"
#include "store-test-util.h"

#define HOUR 3600

static void
assert_message (const GError *error,
                const char   *part)
{
  g_assert_nonnull (error);
  if (strstr (error->message, part) == NULL)
    g_error ("“%s” not in the message: %s", part, error->message);
}

static char *
case_number (Fixture    *fx,
             const char *id)
{
  return fx_text (fx, "SELECT number FROM cases WHERE id = '%s'", id);
}

static void
test_numbering (Fixture *fx, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *a = fixture_new_case (fx, "first");
  g_autofree char *b = fixture_new_case (fx, "second");
  g_autofree char *na = case_number (fx, a);
  g_autofree char *nb = case_number (fx, b);
  g_autofree char *old_id = NULL;
  g_autofree char *old_number = NULL;
  g_autofree char *c = NULL;
  g_autofree char *nc = NULL;
  AfsCaseInput input = { 0, };
  AfsCaseData data_case;

  g_assert_cmpstr (na, ==, "AS-2026-000001");
  g_assert_cmpstr (nb, ==, "AS-2026-000002");

  /* Each year has its own sequence, by the year the case was reported
   * (UTC): 2025-12-31 23:30 UTC is still 2025. */
  input.customer_id = fx->customer_id;
  input.description = "reported last year";
  input.reported_at = 1767223800;   /* 2025-12-31 23:30:00 UTC */
  afs_store_create_case (fx->store, &input, &old_id, &error);
  g_assert_no_error (error);
  old_number = case_number (fx, old_id);
  g_assert_cmpstr (old_number, ==, "AS-2025-000001");

  c = fixture_new_case (fx, "third");
  nc = case_number (fx, c);
  g_assert_cmpstr (nc, ==, "AS-2026-000003");

  afs_store_get_case (fx->store, c, &data_case, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (data_case.number, ==, "AS-2026-000003");
  g_assert_cmpint (data_case.state, ==, AFS_CASE_STATE_NEW);
  g_assert_cmpint (data_case.reported_at, ==, TEST_NOW);
  g_assert_cmpint (data_case.created_at, ==, TEST_NOW);
  g_assert_cmpint (data_case.version, ==, 1);
  g_assert_cmpstr (data_case.customer_name, ==, "Hotel Lodówka");
  g_assert_cmpstr (data_case.serial, ==, "HXA2023110045");
  g_assert_cmpstr (data_case.equipment_model, ==, "Frost 300");
  g_assert_cmpint (data_case.tier, ==, AFS_TIER_KEY);
  g_assert_cmpstr (data_case.contact_name, ==, "Anna Nowak");
  g_assert_true (data_case.local_id > 0);
  afs_case_data_clear (&data_case);
}

static void
test_numbering_many (Fixture *fx, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  const guint n = 2000;

  afs_store_begin_batch (fx->store, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *id = fixture_new_case (fx, "many");
      (void) id;
    }
  afs_store_end_batch (fx->store, TRUE, &error);
  g_assert_no_error (error);

  g_assert_cmpint (fx_int (fx, "SELECT count(DISTINCT number) FROM cases"), ==, n);
  g_assert_cmpint (fx_int (fx, "SELECT last FROM case_number_seq WHERE year = 2026"), ==, n);
  {
    g_autofree char *last = fx_text (fx, "SELECT max(number) FROM cases");
    g_assert_cmpstr (last, ==, "AS-2026-002000");
  }
}

typedef struct {
  Fixture *fx;
  guint    n;
} ThreadData;

static gpointer
create_in_thread (gpointer user_data)
{
  ThreadData *td = user_data;

  for (guint i = 0; i < td->n; i++)
    {
      g_autofree char *id = fixture_new_case (td->fx, "from a thread");
      (void) id;
    }

  return NULL;
}

/* Writes from several threads are serialised: no number twice. */
static void
test_numbering_threads (Fixture *fx, gconstpointer data)
{
  ThreadData td = { fx, 50 };
  GThread *threads[4];

  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    threads[i] = g_thread_new ("create", create_in_thread, &td);
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    g_thread_join (threads[i]);

  g_assert_cmpint (fx_int (fx, "SELECT count(*) FROM cases"), ==, 200);
  g_assert_cmpint (fx_int (fx, "SELECT count(DISTINCT number) FROM cases"), ==, 200);
}

static void
test_deadlines (Fixture *fx, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *local = fixture_new_case (fx, "local");
  g_autofree char *remote = NULL;
  AfsCaseInput input = { 0, };
  AfsCaseData c;

  afs_store_get_case (fx->store, local, &c, &error);
  g_assert_no_error (error);
  /* Not graded yet: treated as level 3, visit planned, local. */
  g_assert_cmpint (c.respond_due, ==, TEST_NOW + 24 * HOUR);
  g_assert_cmpint (c.arrive_due, ==, TEST_NOW + 4 * HOUR);
  g_assert_cmpint (c.resolve_due, ==, TEST_NOW + (4 + 48) * HOUR);
  g_assert_cmpint (fx_int (fx, "SELECT next_due FROM cases WHERE id = '%s'", local), ==, TEST_NOW + 24 * HOUR);
  afs_case_data_clear (&c);

  input.customer_id = fx->remote_customer_id;
  input.category = AFS_CATEGORY_COMPLAINT;
  input.description = "remote complaint";
  input.reported_at = TEST_NOW - 10 * HOUR;
  afs_store_create_case (fx->store, &input, &remote, &error);
  g_assert_no_error (error);
  afs_store_get_case (fx->store, remote, &c, &error);
  g_assert_no_error (error);
  g_assert_cmpint (c.region, ==, AFS_REGION_REMOTE);
  g_assert_cmpint (c.arrive_due, ==, TEST_NOW - 10 * HOUR + 120 * HOUR);
  /* A remote complaint is not due before the technician can get there. */
  g_assert_cmpint (c.resolve_due, ==, c.arrive_due);
  afs_case_data_clear (&c);

  /* Regrading recomputes them: level 1 answers in 4 h. */
  fixture_update (fx, local, "severity", "1", NULL);
  afs_store_get_case (fx->store, local, &c, &error);
  g_assert_no_error (error);
  g_assert_cmpint (c.respond_due, ==, TEST_NOW + 4 * HOUR);
  g_assert_cmpint (fx_int (fx, "SELECT next_due FROM cases WHERE id = '%s'", local), ==, TEST_NOW + 4 * HOUR);
  afs_case_data_clear (&c);

  /* Level 4: no visit, so no arrival deadline. */
  fixture_update (fx, local, "severity", "4", NULL);
  afs_store_get_case (fx->store, local, &c, &error);
  g_assert_no_error (error);
  g_assert_cmpint (c.arrive_due, ==, 0);
  afs_case_data_clear (&c);

  /* Once answered, the next deadline is the resolution. */
  {
    g_autofree char *at = g_strdup_printf ("%" G_GINT64_FORMAT, TEST_NOW + 60);

    fx->now = TEST_NOW + 120;
    fixture_update (fx, local, "responded_at", at, NULL);
    afs_store_get_case (fx->store, local, &c, &error);
    g_assert_no_error (error);
    g_assert_cmpint (c.responded_at, ==, TEST_NOW + 60);
    g_assert_cmpint (fx_int (fx, "SELECT next_due FROM cases WHERE id = '%s'", local), ==, c.resolve_due);
    afs_case_data_clear (&c);
  }

  /* The policy is a setting. */
  {
    AfsDeadlinePolicy policy;
    g_autofree char *other = NULL;

    afs_store_get_deadline_policy (fx->store, &policy);
    policy.respond_hours = 2;
    afs_store_set_deadline_policy (fx->store, &policy);
    other = fixture_new_case (fx, "after the policy changed");
    afs_store_get_case (fx->store, other, &c, &error);
    g_assert_no_error (error);
    g_assert_cmpint (c.respond_due, ==, fx->now + 2 * HOUR);
    afs_case_data_clear (&c);
  }
}

static void
test_create_invalid (Fixture *fx, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  AfsCaseInput input = { 0, };
  char *id = NULL;

  input.customer_id = fx->customer_id;
  input.description = "   ";
  g_assert_false (afs_store_create_case (fx->store, &input, &id, &error));
  g_assert_error (error, AFS_ERROR, AFS_ERROR_INVALID);
  assert_message (error, "description");
  g_clear_error (&error);

  input.description = "ok";
  input.customer_id = "01890000-0000-7000-8000-000000000000";
  g_assert_false (afs_store_create_case (fx->store, &input, &id, &error));
  g_assert_error (error, AFS_ERROR, AFS_ERROR_INVALID);
  assert_message (error, "customer");
  g_clear_error (&error);

  /* Equipment of another customer. */
  input.customer_id = fx->remote_customer_id;
  input.equipment_id = fx->equipment_id;
  g_assert_false (afs_store_create_case (fx->store, &input, &id, &error));
  g_assert_error (error, AFS_ERROR, AFS_ERROR_INVALID);
  assert_message (error, "another customer");
  g_clear_error (&error);
  input.equipment_id = NULL;

  /* A few minutes ahead is a clock; an hour is a mistake. */
  input.reported_at = TEST_NOW + 4 * 60;
  g_assert_true (afs_store_create_case (fx->store, &input, &id, &error));
  g_assert_no_error (error);
  g_clear_pointer (&id, g_free);
  input.reported_at = TEST_NOW + HOUR;
  g_assert_false (afs_store_create_case (fx->store, &input, &id, &error));
  g_assert_error (error, AFS_ERROR, AFS_ERROR_INVALID);
  assert_message (error, "future");
  g_clear_error (&error);

  input.reported_at = 0;
  input.description = "bad \xff utf8";
  g_assert_false (afs_store_create_case (fx->store, &input, &id, &error));
  g_assert_error (error, AFS_ERROR, AFS_ERROR_INVALID);
  g_clear_error (&error);

  /* Nothing of the refused intakes was written, no number consumed. */
  g_assert_cmpint (fx_int (fx, "SELECT count(*) FROM cases"), ==, 1);
  g_assert_cmpint (fx_int (fx, "SELECT last FROM case_number_seq"), ==, 1);
}

static GPtrArray *
audit_of (Fixture    *fx,
          const char *case_id)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *audit = afs_store_list_audit (fx->store, case_id, &error);

  g_assert_no_error (error);
  return audit;
}

static void
test_update_audit (Fixture *fx, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *id = fixture_new_case (fx, "Lodówka nie chłodzi");
  g_autoptr(GPtrArray) audit = NULL;
  const char *fields[] = { "severity", "category", "estimated_cost", "scope", "description", "contact_phone", NULL };
  const char *values[] = { "2", "complaint", "1250.50", "in", "Fridge not cooling at all", NULL, NULL };
  AfsAuditEvent *e;
  AfsCaseData c;

  fx->now += 60;
  g_assert_true (afs_store_update_case (fx->store, id, 1, fields, values, &error));
  g_assert_no_error (error);

  afs_store_get_case (fx->store, id, &c, &error);
  g_assert_no_error (error);
  g_assert_cmpint (c.severity, ==, 2);
  g_assert_cmpint (c.category, ==, AFS_CATEGORY_COMPLAINT);
  g_assert_cmpfloat (c.estimated_cost, ==, 1250.5);
  g_assert_cmpint (c.scope, ==, AFS_SCOPE_IN);
  g_assert_cmpstr (c.description, ==, "Fridge not cooling at all");
  g_assert_null (c.contact_phone);
  g_assert_cmpint (c.version, ==, 2);
  g_assert_cmpint (c.updated_at, ==, TEST_NOW + 60);
  /* A complaint: resolve within 72 h of intake. */
  g_assert_cmpint (c.resolve_due, ==, TEST_NOW + 72 * HOUR);
  afs_case_data_clear (&c);

  /* One "field" event per field changed, with old and new values. */
  audit = audit_of (fx, id);
  g_assert_cmpuint (audit->len, ==, 1 + 6);
  e = g_ptr_array_index (audit, 0);
  g_assert_cmpstr (e->kind, ==, "created");
  g_assert_cmpstr (e->new_value, ==, "AS-2026-000001");
  g_assert_cmpstr (e->actor_name, ==, "Olga Office");
  g_assert_cmpstr (e->actor_id, ==, fx->office_id);

  e = g_ptr_array_index (audit, 1);
  g_assert_cmpstr (e->kind, ==, "field");
  g_assert_cmpstr (e->field, ==, "category");
  g_assert_cmpstr (e->old_value, ==, "repair");
  g_assert_cmpstr (e->new_value, ==, "complaint");
  g_assert_cmpint (e->at, ==, TEST_NOW + 60);
  e = g_ptr_array_index (audit, 2);
  g_assert_cmpstr (e->field, ==, "severity");
  g_assert_cmpstr (e->old_value, ==, "0");
  g_assert_cmpstr (e->new_value, ==, "2");
  e = g_ptr_array_index (audit, 3);
  g_assert_cmpstr (e->field, ==, "scope");
  g_assert_cmpstr (e->old_value, ==, "undecided");
  g_assert_cmpstr (e->new_value, ==, "in");
  e = g_ptr_array_index (audit, 4);
  g_assert_cmpstr (e->field, ==, "description");
  g_assert_cmpstr (e->old_value, ==, "Lodówka nie chłodzi");
  e = g_ptr_array_index (audit, 5);
  g_assert_cmpstr (e->field, ==, "contact_phone");
  g_assert_cmpstr (e->old_value, ==, "+48 600 000 000");
  g_assert_null (e->new_value);
  e = g_ptr_array_index (audit, 6);
  g_assert_cmpstr (e->field, ==, "estimated_cost");
  g_assert_cmpstr (e->old_value, ==, "0");
  g_assert_cmpstr (e->new_value, ==, "1250.5");
}

static void
test_update_noop (Fixture *fx, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *id = fixture_new_case (fx, "same");
  const char *fields[] = { "description", "channel", "severity", "estimated_cost", "scope_reason", NULL };
  const char *values[] = { "same", "phone", "0", "0", "", NULL };
  gint64 outbox_before = fx_int (fx, "SELECT count(*) FROM outbox");
  gint64 audit_before = fx_int (fx, "SELECT count(*) FROM audit");

  fx->now += 100;
  g_assert_true (afs_store_update_case (fx->store, id, 1, fields, values, &error));
  g_assert_no_error (error);

  g_assert_cmpint (fx_int (fx, "SELECT version FROM cases WHERE id = '%s'", id), ==, 1);
  g_assert_cmpint (fx_int (fx, "SELECT updated_at FROM cases WHERE id = '%s'", id), ==, TEST_NOW);
  g_assert_cmpint (fx_int (fx, "SELECT count(*) FROM outbox"), ==, outbox_before);
  g_assert_cmpint (fx_int (fx, "SELECT count(*) FROM audit"), ==, audit_before);

  /* A field the office may not change, sent back unchanged, is fine too:
   * only changes are checked. */
  fixture_act_as (fx, fx->tech_id, AFS_ROLE_TECHNICIAN);
  {
    const char *f2[] = { "estimated_cost", NULL };
    const char *v2[] = { "0", NULL };

    g_assert_true (afs_store_update_case (fx->store, id, 0, f2, v2, &error));
    g_assert_no_error (error);
  }
}

static void
test_update_conflict (Fixture *fx, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *id = fixture_new_case (fx, "conflict");
  const char *fields[] = { "contact_name", NULL };
  const char *first[] = { "Person A", NULL };
  const char *second[] = { "Person B", NULL };
  g_autofree char *name = NULL;

  /* Two people opened version 1; the first saves. */
  g_assert_true (afs_store_update_case (fx->store, id, 1, fields, first, &error));
  g_assert_no_error (error);

  /* The second is told, and nothing of theirs is written. */
  g_assert_false (afs_store_update_case (fx->store, id, 1, fields, second, &error));
  g_assert_error (error, AFS_ERROR, AFS_ERROR_CONFLICT);
  assert_message (error, "Reload");
  g_clear_error (&error);
  name = fx_text (fx, "SELECT contact_name FROM cases WHERE id = '%s'", id);
  g_assert_cmpstr (name, ==, "Person A");
  g_assert_cmpint (fx_int (fx, "SELECT version FROM cases WHERE id = '%s'", id), ==, 2);

  /* With the current version it works. */
  g_assert_true (afs_store_update_case (fx->store, id, 2, fields, second, &error));
  g_assert_no_error (error);
}

static void
assert_update_refused (Fixture    *fx,
                       const char *id,
                       const char *field,
                       const char *value,
                       int         code,
                       const char *part)
{
  g_autoptr(GError) error = NULL;
  const char *fields[] = { field, NULL };
  const char *values[] = { value, NULL };
  gint64 version = fx_int (fx, "SELECT version FROM cases WHERE id = '%s'", id);
  gint64 audit = fx_int (fx, "SELECT count(*) FROM audit");

  g_assert_false (afs_store_update_case (fx->store, id, 0, fields, values, &error));
  g_assert_error (error, AFS_ERROR, code);
  if (part != NULL)
    assert_message (error, part);
  g_test_message ("%s=%s: %s", field, value ? value : "NULL", error->message);

  g_assert_cmpint (fx_int (fx, "SELECT version FROM cases WHERE id = '%s'", id), ==, version);
  g_assert_cmpint (fx_int (fx, "SELECT count(*) FROM audit"), ==, audit);
}

static void
test_update_invalid (Fixture *fx, gconstpointer data)
{
  g_autofree char *id = fixture_new_case (fx, "invalid values");

  assert_update_refused (fx, id, "colour", "red", AFS_ERROR_INVALID, "colour");
  assert_update_refused (fx, id, "state", "closed", AFS_ERROR_INVALID, "state");
  assert_update_refused (fx, id, "number", "AS-1", AFS_ERROR_INVALID, NULL);
  assert_update_refused (fx, id, "severity", "5", AFS_ERROR_INVALID, "1 to 4");
  assert_update_refused (fx, id, "severity", "-1", AFS_ERROR_INVALID, NULL);
  assert_update_refused (fx, id, "severity", "two", AFS_ERROR_INVALID, NULL);
  assert_update_refused (fx, id, "severity", "2.5", AFS_ERROR_INVALID, NULL);
  assert_update_refused (fx, id, "category", "Repair", AFS_ERROR_INVALID, "repair, return");
  assert_update_refused (fx, id, "category", NULL, AFS_ERROR_INVALID, "cannot be empty");
  assert_update_refused (fx, id, "channel", "fax", AFS_ERROR_INVALID, "phone");
  assert_update_refused (fx, id, "cause", "bad luck", AFS_ERROR_INVALID, "product_quality");
  assert_update_refused (fx, id, "warranty", "maybe", AFS_ERROR_INVALID, NULL);
  assert_update_refused (fx, id, "scope", "partly", AFS_ERROR_INVALID, NULL);
  assert_update_refused (fx, id, "estimated_cost", "-5", AFS_ERROR_INVALID, "0 or more");
  assert_update_refused (fx, id, "estimated_cost", "12,50", AFS_ERROR_INVALID, NULL);
  assert_update_refused (fx, id, "estimated_cost", "nan", AFS_ERROR_INVALID, NULL);
  assert_update_refused (fx, id, "estimated_cost", "inf", AFS_ERROR_INVALID, NULL);
  assert_update_refused (fx, id, "compensation", "lots", AFS_ERROR_INVALID, NULL);
  assert_update_refused (fx, id, "quality_loss", "1e400", AFS_ERROR_INVALID, NULL);
  assert_update_refused (fx, id, "description", "", AFS_ERROR_INVALID, "description");
  assert_update_refused (fx, id, "description", NULL, AFS_ERROR_INVALID, "description");
  assert_update_refused (fx, id, "responsible_staff_id", "nobody", AFS_ERROR_INVALID, "staff");
  assert_update_refused (fx, id, "responded_at", "yesterday", AFS_ERROR_INVALID, NULL);
  assert_update_refused (fx, id, "responded_at", "99999999999", AFS_ERROR_INVALID, "future");
  assert_update_refused (fx, id, "responded_at", "1000", AFS_ERROR_INVALID, "before");
  assert_update_refused (fx, id, "contact_name", "\xc3\x28", AFS_ERROR_INVALID, NULL);

  /* One bad field refuses the whole edit. */
  {
    g_autoptr(GError) error = NULL;
    const char *fields[] = { "contact_name", "severity", NULL };
    const char *values[] = { "New name", "9", NULL };
    g_autofree char *name = NULL;

    g_assert_false (afs_store_update_case (fx->store, id, 0, fields, values, &error));
    g_assert_error (error, AFS_ERROR, AFS_ERROR_INVALID);
    name = fx_text (fx, "SELECT contact_name FROM cases WHERE id = '%s'", id);
    g_assert_cmpstr (name, ==, "Anna Nowak");
  }

  /* A field twice. */
  {
    g_autoptr(GError) error = NULL;
    const char *fields[] = { "severity", "severity", NULL };
    const char *values[] = { "1", "2", NULL };

    g_assert_false (afs_store_update_case (fx->store, id, 0, fields, values, &error));
    g_assert_error (error, AFS_ERROR, AFS_ERROR_INVALID);
  }

  /* A case that does not exist. */
  {
    g_autoptr(GError) error = NULL;
    const char *fields[] = { "severity", NULL };
    const char *values[] = { "1", NULL };

    g_assert_false (afs_store_update_case (fx->store, "01890000-0000-7000-8000-000000000000", 0,
                                           fields, values, &error));
    g_assert_error (error, AFS_ERROR, AFS_ERROR_NOT_FOUND);
  }

  /* NULL clears to the "not decided" value where there is one. */
  fixture_update (fx, id, "cause", "product_quality", "warranty", "in", NULL);
  fixture_update (fx, id, "cause", NULL, "warranty", NULL, NULL);
  {
    g_autofree char *cause = fx_text (fx, "SELECT cause || '/' || warranty FROM cases WHERE id = '%s'", id);
    g_assert_cmpstr (cause, ==, "unknown/unknown");
  }
}

static void
test_update_roles (Fixture *fx, gconstpointer data)
{
  g_autofree char *id = fixture_new_case (fx, "roles");

  /* A technician changes nothing of a case not yet dispatched. */
  fixture_act_as (fx, fx->tech_id, AFS_ROLE_TECHNICIAN);
  assert_update_refused (fx, id, "description", "changed by tech", AFS_ERROR_FORBIDDEN, NULL);

  /* Quality staff: cause and responsibility only. */
  fixture_act_as (fx, fx->quality_id, AFS_ROLE_QUALITY);
  assert_update_refused (fx, id, "estimated_cost", "100", AFS_ERROR_FORBIDDEN, "estimated cost");
  fixture_update (fx, id, "cause", "staff_error", "responsible_staff_id", fx->tech_id, NULL);

  /* An unknown field is INVALID for everyone, not FORBIDDEN. */
  assert_update_refused (fx, id, "nonsense", "1", AFS_ERROR_INVALID, NULL);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/store/cases/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("numbering", test_numbering);
  ADD ("numbering-many", test_numbering_many);
  ADD ("numbering-threads", test_numbering_threads);
  ADD ("deadlines", test_deadlines);
  ADD ("create-invalid", test_create_invalid);
  ADD ("update-audit", test_update_audit);
  ADD ("update-noop", test_update_noop);
  ADD ("update-conflict", test_update_conflict);
  ADD ("update-invalid", test_update_invalid);
  ADD ("update-roles", test_update_roles);

  return g_test_run ();
}

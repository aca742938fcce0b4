/* test-report.c: the full repair report (DOMAIN.md 8-9), its parts, and
 * the draft that is saved every second and survives a crash. */

#include "config.h"

#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "visit-fixture.h"

static void
assert_refused (Fixture         *fx,
                AfsRepairReport *r,
                const char            *expect_in_message)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (afs_store_save_repair_report (fx->store, r, NULL, &error));
  g_assert_error (error, AFS_ERROR, AFS_ERROR_INVALID);
  g_test_message ("refused: %s", error->message);
  g_assert_nonnull (strstr (error->message, expect_in_message));
  /* The screen can check the same before saving. */
  g_clear_error (&error);
  g_assert_false (afs_repair_report_validate (r, &error));
  g_assert_error (error, AFS_ERROR, AFS_ERROR_INVALID);
}

/* Bad parts and remedies are refused with a reason; nothing is written. */
static void
test_report_validation (Fixture       *fx,
                        gconstpointer  data)
{
  g_autofree char *id = visit_on_site_case (fx, "Validation");
  g_autoptr(AfsRepairReport) r = afs_repair_report_new ();
  AfsReportPart *p = afs_report_part_new ();
  gint64 outbox_before = fx_int (fx, "SELECT count(*) FROM outbox");

  r->case_id = g_strdup (id);
  r->outcome = g_strdup ("fixed");
  p->name = g_strdup ("Door gasket");
  p->quantity = 0;
  g_ptr_array_add (r->parts, p);
  assert_refused (fx, r, "Door gasket");          /* quantity 0 */

  p->quantity = -2;
  assert_refused (fx, r, "more than 0");
  p->quantity = 2;
  p->unit_price = -5;
  assert_refused (fx, r, "cannot be negative");
  p->unit_price = 12;
  g_free (p->name);
  p->name = g_strdup ("   ");
  assert_refused (fx, r, "no name");
  g_free (p->name);
  p->name = g_strdup ("Door gasket");

  /* DOMAIN.md 9: compensation written out with item, quantity, reason. */
  r->remedy = AFS_REMEDY_COMPENSATION;
  assert_refused (fx, r, "item");
  r->remedy_item = g_strdup ("Refrigerator HXA-300");
  assert_refused (fx, r, "quantity");
  r->remedy_quantity = 1;
  assert_refused (fx, r, "reason");
  r->remedy_reason = g_strdup ("Second failure within 30 days");

  g_free (r->outcome);
  r->outcome = g_strdup ("maybe");
  assert_refused (fx, r, "maybe");
  g_free (r->outcome);
  r->outcome = g_strdup ("fixed");
  r->labour_minutes = -1;
  assert_refused (fx, r, "labour");
  r->labour_minutes = 30;

  g_assert_cmpint (fx_int (fx, "SELECT count(*) FROM reports"), ==, 0);
  g_assert_cmpint (fx_int (fx, "SELECT count(*) FROM report_parts"), ==, 0);
  g_assert_cmpint (fx_int (fx, "SELECT count(*) FROM outbox"), ==, outbox_before);

  /* Now it is complete. */
  {
    g_autoptr(GError) error = NULL;

    g_assert_true (afs_store_save_repair_report (fx->store, r, NULL, &error));
    g_assert_no_error (error);
  }
  g_assert_cmpint (fx_int (fx, "SELECT count(*) FROM report_parts"), ==, 1);
  g_assert_cmpfloat (fx_int (fx, "SELECT remedy_quantity FROM reports"), ==, 1);
}

/* Every field round-trips; parts are added, changed and removed
 * (tombstoned), each with its outbox row; saving what is already there
 * writes nothing. */
static void
test_report_save_and_parts (Fixture       *fx,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *id = visit_on_site_case (fx, "Parts");
  g_autofree char *cat_id = NULL;
  AfsRepairReport r = { 0, };
  AfsReportPart *p;
  gint64 outbox;

  {
    AfsCataloguePart c = { 0, };
    c.part_number = (char *) "TH-9";
    c.name = (char *) "Thermostat";
    c.unit_price = 18;
    g_assert_true (afs_store_add_catalogue_part (fx->store, &c, &cat_id, &error));
    g_assert_no_error (error);
  }

  visit_write_report (fx, id);
  g_assert_true (afs_store_get_repair_report (fx->store, id, &r, &error));
  g_assert_no_error (error);
  g_assert_true (r.fault_confirmed);
  g_assert_cmpstr (r.fault_description, ==, "Nie chłodzi: 18 °C inside");
  g_assert_cmpstr (r.actions, ==, "Replaced the relay; tested 2 h.\nCleaned the condenser.");
  g_assert_cmpint (r.labour_minutes, ==, 95);
  g_assert_cmpstr (r.test_result, ==, "4 °C after 2 h");
  g_assert_cmpint (r.remedy, ==, AFS_REMEDY_REPAIR);
  g_assert_cmpstr (r.advice, ==, "Keep 10 cm from the wall; clean the condenser yearly.");
  g_assert_cmpint (r.report_version, ==, 1);
  g_assert_cmpint (r.signed_at, ==, 0);
  g_assert_cmpuint (r.parts->len, ==, 1);
  p = r.parts->pdata[0];
  g_assert_nonnull (p->id);
  g_assert_cmpstr (p->name, ==, "Compressor relay");
  g_assert_true (p->under_warranty);
  g_assert_cmpfloat (p->unit_price, ==, 42.5);

  /* Saving it unchanged writes nothing. */
  outbox = fx_int (fx, "SELECT count(*) FROM outbox");
  g_assert_true (afs_store_save_repair_report (fx->store, &r, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (fx_int (fx, "SELECT count(*) FROM outbox"), ==, outbox);

  /* Change the relay's quantity, add a thermostat from the catalogue
   * (chargeable). */
  p->quantity = 2;
  outbox = fx_int (fx, "SELECT max(seq) FROM outbox");
  p = afs_report_part_new ();
  p->catalogue_id = g_strdup (cat_id);
  p->part_number = g_strdup ("TH-9");
  p->name = g_strdup ("Thermostat");
  p->unit_price = 18;
  g_ptr_array_add (r.parts, p);
  g_assert_true (afs_store_save_repair_report (fx->store, &r, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (fx_int (fx, "SELECT count(*) FROM report_parts WHERE deleted_at IS NULL"), ==, 2);
  g_assert_cmpint (fx_int (fx, "SELECT count(*) FROM report_parts WHERE catalogue_id = '%s'", cat_id), ==, 1);
  /* One update (relay), one insert (thermostat), one audit event. */
  g_assert_cmpint (fx_int (fx, "SELECT count(*) FROM outbox WHERE table_name = 'report_parts'"
                               " AND seq > %lld", (long long) outbox), ==, 2);

  /* Remove the relay: tombstoned, not deleted. */
  g_ptr_array_remove_index (r.parts, 0);
  g_assert_true (afs_store_save_repair_report (fx->store, &r, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (fx_int (fx, "SELECT count(*) FROM report_parts"), ==, 2);
  g_assert_cmpint (fx_int (fx, "SELECT count(*) FROM report_parts WHERE deleted_at IS NULL"), ==, 1);
  afs_repair_report_clear (&r);

  g_assert_true (afs_store_get_repair_report (fx->store, id, &r, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (r.parts->len, ==, 1);
  g_assert_cmpstr (((AfsReportPart *) r.parts->pdata[0])->name, ==, "Thermostat");
  g_assert_false (((AfsReportPart *) r.parts->pdata[0])->under_warranty);
  afs_repair_report_clear (&r);

  /* The diagnosis is found by the case search. */
  {
    AfsCaseFilter filter = { 0, };
    g_autoptr(GArray) ids = NULL;

    filter.search = "relay";
    ids = afs_store_query_case_ids (fx->store, &filter, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (ids->len, ==, 1);
  }
}

/* Saves a draft in a child process that then dies without closing
 * anything: what a crash or a killed app leaves. */
static void
save_draft_and_die (const char *path,
                    const char *case_id,
                    const char *tech_id)
{
  pid_t pid = fork ();
  int status = 0;

  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      g_autoptr(GError) error = NULL;
      AfsStore *store = afs_store_open (path, &error);
      g_autoptr(AfsRepairReport) r = afs_repair_report_new ();
      AfsReportPart *p = afs_report_part_new ();

      if (store == NULL)
        _exit (2);
      afs_store_set_actor (store, tech_id, "Tomasz Technik", AFS_ROLE_TECHNICIAN);
      r->case_id = g_strdup (case_id);
      r->diagnosis = g_strdup ("Thermostat stuck; 冰箱不制冷");
      r->actions = g_strdup ("Replaced thermostat\nline two = with \\ backslash");
      r->labour_minutes = 40;
      r->remedy = AFS_REMEDY_EXCHANGE;
      r->remedy_quantity = 1.5;
      p->name = g_strdup ("Thermostat");
      p->quantity = 1;
      p->unit_price = 18.25;
      g_ptr_array_add (r->parts, p);
      if (!afs_store_save_report_draft (store, r, &error))
        _exit (3);
      /* No commit, no close, no unref: gone. */
      _exit (0);
    }

  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 0);
}

/* The draft: no outbox row per keystroke, survives a crash, comes back
 * when the report is opened again, and is committed into the report
 * with one outbox row. */
static void
test_report_draft_crash (Fixture       *fx,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *id = visit_on_site_case (fx, "Draft");
  AfsRepairReport draft = { 0, };
  gboolean found = TRUE;
  gint64 outbox;

  g_assert_true (afs_store_get_report_draft (fx->store, id, &draft, &found, &error));
  g_assert_no_error (error);
  g_assert_false (found);

  /* Typing: sixty saves, one a second. */
  outbox = fx_int (fx, "SELECT count(*) FROM outbox");
  for (int i = 0; i < 60; i++)
    {
      g_autoptr(AfsRepairReport) r = afs_repair_report_new ();

      r->case_id = g_strdup (id);
      r->diagnosis = g_strndup ("Thermostat stuck in the closed position", i);
      g_assert_true (afs_store_save_report_draft (fx->store, r, &error));
      g_assert_no_error (error);
    }
  g_assert_cmpint (fx_int (fx, "SELECT count(*) FROM outbox"), ==, outbox);
  g_assert_cmpint (fx_int (fx, "SELECT count(*) FROM report_drafts"), ==, 1);
  g_assert_cmpint (fx_int (fx, "SELECT count(*) FROM reports"), ==, 0);

  /* A crash right after the last save. */
  g_clear_object (&fx->store);
  save_draft_and_die (fx->path, id, fx->tech_id);
  fx->store = fixture_open (fx);
  fixture_act_as (fx, fx->tech_id, AFS_ROLE_TECHNICIAN);

  g_assert_true (afs_store_load_report_for_editing (fx->store, id, &draft, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (draft.case_id, ==, id);
  g_assert_cmpstr (draft.diagnosis, ==, "Thermostat stuck; 冰箱不制冷");
  g_assert_cmpstr (draft.actions, ==, "Replaced thermostat\nline two = with \\ backslash");
  g_assert_cmpint (draft.labour_minutes, ==, 40);
  g_assert_cmpint (draft.remedy, ==, AFS_REMEDY_EXCHANGE);
  g_assert_cmpfloat (draft.remedy_quantity, ==, 1.5);
  g_assert_cmpuint (draft.parts->len, ==, 1);
  g_assert_cmpfloat (((AfsReportPart *) draft.parts->pdata[0])->unit_price, ==, 18.25);
  afs_repair_report_clear (&draft);

  /* Committing an exchange without item or reason is refused and the
   * draft stays. */
  g_assert_false (afs_store_commit_report_draft (fx->store, id, &error));
  g_assert_error (error, AFS_ERROR, AFS_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (fx_int (fx, "SELECT count(*) FROM report_drafts"), ==, 1);
  g_assert_cmpint (fx_int (fx, "SELECT count(*) FROM reports"), ==, 0);

  /* Fixed and committed: one report, its outbox row, no draft. */
  g_assert_true (afs_store_get_report_draft (fx->store, id, &draft, &found, &error));
  g_assert_true (found);
  draft.remedy = AFS_REMEDY_REPAIR;
  g_assert_true (afs_store_save_report_draft (fx->store, &draft, &error));
  g_assert_no_error (error);
  afs_repair_report_clear (&draft);
  outbox = fx_int (fx, "SELECT count(*) FROM outbox WHERE table_name = 'reports'");
  g_assert_true (afs_store_commit_report_draft (fx->store, id, &error));
  g_assert_no_error (error);
  g_assert_cmpint (fx_int (fx, "SELECT count(*) FROM report_drafts"), ==, 0);
  g_assert_cmpint (fx_int (fx, "SELECT count(*) FROM outbox WHERE table_name = 'reports'"), ==, outbox + 1);
  {
    g_autofree char *diag = fx_text (fx, "SELECT diagnosis FROM reports WHERE case_id = '%s'", id);
    g_assert_cmpstr (diag, ==, "Thermostat stuck; 冰箱不制冷");
  }

  /* With no draft, the report screen opens the report itself. */
  g_assert_true (afs_store_load_report_for_editing (fx->store, id, &draft, &error));
  g_assert_no_error (error);
  g_assert_nonnull (draft.id);
  g_assert_cmpstr (draft.diagnosis, ==, "Thermostat stuck; 冰箱不制冷");
  afs_repair_report_clear (&draft);

  /* Committing with no draft is nothing to do; discarding drops one. */
  g_assert_true (afs_store_commit_report_draft (fx->store, id, &error));
  g_assert_no_error (error);
}

/* A case with no report opens an empty one; a draft can be discarded. */
static void
test_report_draft_discard (Fixture       *fx,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *id = visit_on_site_case (fx, "Discard");
  g_autoptr(AfsRepairReport) r = afs_repair_report_new ();
  AfsRepairReport out = { 0, };

  g_assert_true (afs_store_load_report_for_editing (fx->store, id, &out, &error));
  g_assert_no_error (error);
  g_assert_null (out.id);
  g_assert_cmpstr (out.case_id, ==, id);
  g_assert_cmpuint (out.parts->len, ==, 0);
  afs_repair_report_clear (&out);

  r->case_id = g_strdup (id);
  r->diagnosis = g_strdup ("typo");
  g_assert_true (afs_store_save_report_draft (fx->store, r, &error));
  g_assert_no_error (error);
  g_assert_true (afs_store_discard_report_draft (fx->store, id, &error));
  g_assert_no_error (error);
  g_assert_cmpint (fx_int (fx, "SELECT count(*) FROM report_drafts"), ==, 0);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/store/report/validation", test_report_validation);
  ADD ("/store/report/save-and-parts", test_report_save_and_parts);
  ADD ("/store/report/draft-crash", test_report_draft_crash);
  ADD ("/store/report/draft-discard", test_report_draft_discard);
#undef ADD

  return g_test_run ();
}

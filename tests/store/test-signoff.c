/* test-signoff.c: the customer's sign-off (DOMAIN.md 9) and tamper
 * evidence: a signed report is read-only, a change needs a new version,
 * and a change made behind the app's back (in SQLite, or to a photo
 * file) is found by afs_store_verify_report(). */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "afs-photo-path.h"
#include "afs-verification-code.h"
#include "visit-fixture.h"

typedef struct {
  AfsStrokes      *customer;
  AfsStrokes      *technician;
  AfsSignOffInput  in;
} SignOff;

static void
sign_off_init (SignOff    *s,
               const char *case_id)
{
  memset (s, 0, sizeof *s);
  s->customer = visit_signature (2);
  s->technician = visit_signature (1);
  s->in.case_id = case_id;
  s->in.customer.name = "Anna Nowak";
  s->in.customer.role = "Owner";
  s->in.customer.strokes = s->customer;
  s->in.technician.name = "Tomasz Technik";
  s->in.technician.strokes = s->technician;
  s->in.ratings[AFS_RATING_TIMELINESS] = 5;
  s->in.ratings[AFS_RATING_QUALITY] = 4;
  s->in.ratings[AFS_RATING_ATTITUDE] = 5;
  s->in.ratings[AFS_RATING_CLEANLINESS] = 3;
  s->in.opinion = "Works again. 谢谢";
  s->in.accepted = TRUE;
}

static void
sign_off_clear (SignOff *s)
{
  g_clear_pointer (&s->customer, afs_strokes_free);
  g_clear_pointer (&s->technician, afs_strokes_free);
}

static char *
sign (Fixture *fx,
      SignOff *s)
{
  g_autoptr(GError) error = NULL;
  char *hash = NULL;

  g_assert_true (afs_store_sign_report (fx->store, &s->in, &hash, &error));
  g_assert_no_error (error);
  g_assert_true (afs_photo_sha256_is_valid (hash));
  return hash;
}

static void
assert_sign_refused (Fixture    *fx,
                     SignOff    *s,
                     int         code,
                     const char *expect_in_message)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (afs_store_sign_report (fx->store, &s->in, NULL, &error));
  g_assert_error (error, AFS_ERROR, code);
  g_test_message ("refused: %s", error->message);
  g_assert_nonnull (strstr (error->message, expect_in_message));
}

static void
verify (Fixture               *fx,
        const char            *case_id,
        const char            *photo_root,
        AfsReportVerification *v)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (afs_store_verify_report (fx->store, case_id, photo_root, v, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < v->problems->len; i++)
    g_test_message ("problem: %s", (const char *) v->problems->pdata[i]);
}

static gboolean
has_problem (AfsReportVerification *v,
             const char            *needle)
{
  for (guint i = 0; i < v->problems->len; i++)
    if (strstr (v->problems->pdata[i], needle) != NULL)
      return TRUE;
  return FALSE;
}

/* No strokes, no name, not accepted without a reason, a score of 6, no
 * outcome: each refused with a reason, nothing written. */
static void
test_signoff_refused (Fixture       *fx,
                      gconstpointer  data)
{
  g_autofree char *id = visit_on_site_case (fx, "Refusals");
  g_autoptr(AfsStrokes) blank = afs_strokes_new (400, 150);
  SignOff s;

  sign_off_init (&s, id);

  /* No report yet. */
  assert_sign_refused (fx, &s, AFS_ERROR_PRECONDITION, "Write the report");
  visit_write_report (fx, id);

  s.in.customer.strokes = blank;
  assert_sign_refused (fx, &s, AFS_ERROR_INVALID, "customer has not signed");
  s.in.customer.strokes = NULL;
  assert_sign_refused (fx, &s, AFS_ERROR_INVALID, "customer has not signed");
  s.in.customer.strokes = s.customer;

  s.in.customer.name = "   ";
  assert_sign_refused (fx, &s, AFS_ERROR_INVALID, "signer's name");
  s.in.customer.name = NULL;
  assert_sign_refused (fx, &s, AFS_ERROR_INVALID, "signer's name");
  s.in.customer.name = "Anna Nowak";

  s.in.technician.strokes = blank;
  assert_sign_refused (fx, &s, AFS_ERROR_INVALID, "technician has not signed");
  s.in.technician.strokes = s.technician;
  s.in.technician.name = "";
  assert_sign_refused (fx, &s, AFS_ERROR_INVALID, "Type your name");
  s.in.technician.name = "Tomasz Technik";

  s.in.ratings[AFS_RATING_QUALITY] = 6;
  assert_sign_refused (fx, &s, AFS_ERROR_INVALID, "1 to 5");
  s.in.ratings[AFS_RATING_QUALITY] = 4;

  s.in.accepted = FALSE;
  assert_sign_refused (fx, &s, AFS_ERROR_INVALID, "why");
  s.in.accepted = TRUE;

  /* A report without an outcome is not ready to sign. */
  {
    g_autoptr(GError) error = NULL;
    AfsRepairReport r = { 0, };

    g_assert_true (afs_store_get_repair_report (fx->store, id, &r, &error));
    g_clear_pointer (&r.outcome, g_free);
    g_assert_true (afs_store_save_repair_report (fx->store, &r, NULL, &error));
    g_assert_no_error (error);
    afs_repair_report_clear (&r);
  }
  assert_sign_refused (fx, &s, AFS_ERROR_PRECONDITION, "outcome");

  g_assert_cmpint (fx_int (fx, "SELECT count(*) FROM signatures"), ==, 0);
  g_assert_cmpint (fx_int (fx, "SELECT count(*) FROM report_ratings"), ==, 0);
  g_assert_cmpint (fx_int (fx, "SELECT count(*) FROM reports WHERE signed_at IS NOT NULL"), ==, 0);
  sign_off_clear (&s);
}

/* Signed and accepted: hashes stored with both signatures, ratings kept,
 * the report and its photos read-only, verification intact, and the
 * case can be resolved. */
static void
test_signoff_accepted (Fixture       *fx,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *id = visit_on_site_case (fx, "Accepted");
  g_autofree char *hash = NULL;
  g_autofree char *photo_id = NULL;
  g_autoptr(GPtrArray) sigs = NULL;
  AfsReportVerification v = { 0, };
  AfsRepairReport r = { 0, };
  AfsPhotoInput photo = { 0, };
  SignOff s;

  visit_write_report (fx, id);
  photo.case_id = id;
  photo.sha256 = "abababababababababababababababababababababababababababababababab";
  photo.kind = AFS_PHOTO_KIND_AFTER_REPAIR;
  photo.width = photo.height = 100;
  g_assert_true (afs_store_add_photo (fx->store, &photo, &photo_id, &error));
  g_assert_no_error (error);

  /* A draft typed before signing is part of what is signed. */
  g_assert_true (afs_store_load_report_for_editing (fx->store, id, &r, &error));
  g_free (r.advice);
  r.advice = g_strdup ("Defrost twice a year.");
  g_assert_true (afs_store_save_report_draft (fx->store, &r, &error));
  g_assert_no_error (error);
  afs_repair_report_clear (&r);

  fx->now = TEST_NOW + 3600;
  sign_off_init (&s, id);
  hash = sign (fx, &s);

  g_assert_true (afs_store_get_repair_report (fx->store, id, &r, &error));
  g_assert_no_error (error);
  g_assert_cmpint (r.signed_at, ==, TEST_NOW + 3600);
  g_assert_true (r.accepted);
  g_assert_cmpstr (r.content_hash, ==, hash);
  g_assert_cmpstr (r.signer_name, ==, "Anna Nowak");
  g_assert_cmpstr (r.signer_role, ==, "Owner");
  g_assert_cmpstr (r.customer_opinion, ==, "Works again. 谢谢");
  g_assert_cmpstr (r.advice, ==, "Defrost twice a year.");
  g_assert_cmpint (r.ratings[AFS_RATING_TIMELINESS], ==, 5);
  g_assert_cmpint (r.ratings[AFS_RATING_CLEANLINESS], ==, 3);
  g_assert_cmpint (fx_int (fx, "SELECT count(*) FROM report_drafts"), ==, 0);

  sigs = afs_store_list_signatures (fx->store, r.id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sigs->len, ==, 2);
  g_assert_cmpstr (((AfsSignatureData *) sigs->pdata[0])->party, ==, "customer");
  g_assert_cmpstr (((AfsSignatureData *) sigs->pdata[0])->content_hash, ==, hash);
  g_assert_cmpstr (((AfsSignatureData *) sigs->pdata[1])->party, ==, "technician");
  g_assert_cmpstr (((AfsSignatureData *) sigs->pdata[1])->content_hash, ==, hash);
  {
    /* The strokes are stored in their canonical text and read back equal. */
    g_autoptr(AfsStrokes) back = afs_strokes_from_text (((AfsSignatureData *) sigs->pdata[0])->strokes, &error);
    g_assert_no_error (error);
    g_assert_true (afs_strokes_equal (back, s.customer));
  }

  /* Read-only now. */
  g_free (r.diagnosis);
  r.diagnosis = g_strdup ("Something else");
  g_assert_false (afs_store_save_repair_report (fx->store, &r, NULL, &error));
  g_assert_error (error, AFS_ERROR, AFS_ERROR_FORBIDDEN);
  g_clear_error (&error);
  g_assert_false (afs_store_save_report_draft (fx->store, &r, &error));
  g_assert_error (error, AFS_ERROR, AFS_ERROR_FORBIDDEN);
  g_clear_error (&error);
  g_assert_false (afs_store_set_photo_caption (fx->store, photo_id, "new caption", &error));
  g_assert_error (error, AFS_ERROR, AFS_ERROR_FORBIDDEN);
  g_clear_error (&error);
  g_assert_false (afs_store_sign_report (fx->store, &s.in, NULL, &error));
  g_assert_error (error, AFS_ERROR, AFS_ERROR_FORBIDDEN);
  g_clear_error (&error);
  afs_repair_report_clear (&r);

  verify (fx, id, NULL, &v);
  g_assert_cmpint (v.integrity, ==, AFS_REPORT_INTACT);
  g_assert_cmpstr (v.stored_hash, ==, hash);
  g_assert_cmpstr (v.computed_hash, ==, hash);
  g_assert_cmpuint (strlen (v.short_code), ==, 11);
  g_assert_true (afs_verification_code_matches (v.short_code, hash));
  g_assert_cmpuint (v.problems->len, ==, 0);
  afs_report_verification_clear (&v);

  /* A photo added after signing is not part of what was signed. */
  photo.sha256 = "cdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcd";
  g_assert_true (afs_store_add_photo (fx->store, &photo, NULL, &error));
  g_assert_no_error (error);
  verify (fx, id, NULL, &v);
  g_assert_cmpint (v.integrity, ==, AFS_REPORT_INTACT);
  afs_report_verification_clear (&v);

  /* Signed and accepted: the case can be resolved. */
  fixture_act (fx, id, AFS_ACTION_RESOLVE, NULL);
  sign_off_clear (&s);
}

/* Not accepted: signed, and the case goes to second_visit (open). */
static void
test_signoff_not_accepted (Fixture       *fx,
                           gconstpointer  data)
{
  g_autofree char *id = visit_on_site_case (fx, "Not accepted");
  g_autofree char *hash = NULL;
  g_autofree char *state = NULL;
  SignOff s;

  visit_write_report (fx, id);
  sign_off_init (&s, id);
  s.in.accepted = FALSE;
  s.in.not_accepted_reason = "Still noisy at night";
  hash = sign (fx, &s);

  state = fx_text (fx, "SELECT state FROM cases WHERE id = '%s'", id);
  g_assert_cmpstr (state, ==, "second_visit");
  g_assert_cmpint (fx_int (fx, "SELECT accepted FROM reports WHERE case_id = '%s'", id), ==, 0);
  g_assert_cmpint (fx_int (fx, "SELECT count(*) FROM visits WHERE case_id = '%s' AND left_at IS NOT NULL", id), ==, 1);
  sign_off_clear (&s);
}

/* A field changed in the file behind the app's back. */
static void
test_signoff_tamper_field (Fixture       *fx,
                           gconstpointer  data)
{
  g_autofree char *id = visit_on_site_case (fx, "Tamper field");
  g_autofree char *hash = NULL;
  AfsReportVerification v = { 0, };
  SignOff s;

  visit_write_report (fx, id);
  sign_off_init (&s, id);
  hash = sign (fx, &s);

  fx_exec (fx, "UPDATE reports SET diagnosis = 'Customer misuse' WHERE case_id = '%s'", id);
  verify (fx, id, NULL, &v);
  g_assert_cmpint (v.integrity, ==, AFS_REPORT_CHANGED);
  g_assert_cmpstr (v.stored_hash, ==, hash);
  g_assert_cmpstr (v.computed_hash, !=, hash);
  g_assert_true (has_problem (&v, "diagnosis"));
  g_assert_cmpuint (v.problems->len, ==, 1);
  afs_report_verification_clear (&v);

  /* Put back: intact again. Then a part's price. */
  fx_exec (fx, "UPDATE reports SET diagnosis = 'Compressor relay burnt' WHERE case_id = '%s'", id);
  verify (fx, id, NULL, &v);
  g_assert_cmpint (v.integrity, ==, AFS_REPORT_INTACT);
  afs_report_verification_clear (&v);

  fx_exec (fx, "UPDATE report_parts SET unit_price = 4.25");
  verify (fx, id, NULL, &v);
  g_assert_cmpint (v.integrity, ==, AFS_REPORT_CHANGED);
  g_assert_true (has_problem (&v, "unit_price"));
  afs_report_verification_clear (&v);
  fx_exec (fx, "UPDATE report_parts SET unit_price = 42.5");

  /* Both the field and the kept text, changed consistently: the hash
   * still gives it away. */
  fx_exec (fx, "UPDATE reports SET accepted = 0,"
               " signed_content = replace (signed_content, 'accepted=1', 'accepted=0')");
  verify (fx, id, NULL, &v);
  g_assert_cmpint (v.integrity, ==, AFS_REPORT_CHANGED);
  g_assert_true (has_problem (&v, "hash"));
  afs_report_verification_clear (&v);

  /* A signature swapped for another one. */
  fx_exec (fx, "UPDATE reports SET accepted = 1,"
               " signed_content = replace (signed_content, 'accepted=0', 'accepted=1')");
  verify (fx, id, NULL, &v);
  g_assert_cmpint (v.integrity, ==, AFS_REPORT_INTACT);
  afs_report_verification_clear (&v);
  fx_exec (fx, "UPDATE signatures SET strokes = replace (strokes, '1', '2') WHERE party = 'customer'");
  verify (fx, id, NULL, &v);
  g_assert_cmpint (v.integrity, ==, AFS_REPORT_CHANGED);
  g_assert_true (has_problem (&v, "customer.strokes"));
  afs_report_verification_clear (&v);
  sign_off_clear (&s);
}

static char *
write_photo (const char *root,
             const char *text)
{
  g_autoptr(GError) error = NULL;
  char *sha = g_compute_checksum_for_string (G_CHECKSUM_SHA256, text, -1);
  g_autofree char *path = afs_photo_path_original (root, sha, "image/jpeg");
  g_autofree char *dir = g_path_get_dirname (path);

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (path, text, -1, &error));
  g_assert_no_error (error);
  return sha;
}

static void
got_result (GObject      *source,
            GAsyncResult *result,
            gpointer      data)
{
  GAsyncResult **out = data;

  *out = g_object_ref (result);
}

/* A photo file changed or missing after signing. */
static void
test_signoff_tamper_photo (Fixture       *fx,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *id = visit_on_site_case (fx, "Tamper photo");
  g_autofree char *root = g_build_filename (fx->dir, "photos", NULL);
  g_autofree char *sha1 = write_photo (root, "photo one: the whole item");
  g_autofree char *sha2 = write_photo (root, "photo two: the batch label");
  g_autofree char *path1 = afs_photo_path_original (root, sha1, "image/jpeg");
  g_autofree char *path2 = afs_photo_path_original (root, sha2, "image/jpeg");
  g_autofree char *hash = NULL;
  AfsReportVerification v = { 0, };
  AfsPhotoInput photo = { 0, };
  SignOff s;

  photo.case_id = id;
  photo.width = photo.height = 100;
  photo.sha256 = sha1;
  photo.kind = AFS_PHOTO_KIND_WHOLE_ITEM;
  g_assert_true (afs_store_add_photo (fx->store, &photo, NULL, &error));
  photo.sha256 = sha2;
  photo.kind = AFS_PHOTO_KIND_BATCH_LABEL;
  g_assert_true (afs_store_add_photo (fx->store, &photo, NULL, &error));
  g_assert_no_error (error);
  visit_write_report (fx, id);
  sign_off_init (&s, id);
  hash = sign (fx, &s);

  verify (fx, id, root, &v);
  g_assert_cmpint (v.integrity, ==, AFS_REPORT_INTACT);
  afs_report_verification_clear (&v);

  /* One byte changed in a photo. */
  g_assert_true (g_file_set_contents (path1, "photo one: the whole iteM", -1, &error));
  verify (fx, id, root, &v);
  g_assert_cmpint (v.integrity, ==, AFS_REPORT_CHANGED);
  g_assert_true (has_problem (&v, path1));
  g_assert_true (has_problem (&v, "was changed"));
  /* The rows are as signed: only the file differs. */
  g_assert_cmpstr (v.computed_hash, ==, hash);
  afs_report_verification_clear (&v);

  /* A photo missing; found the same way off the main thread. */
  g_assert_cmpint (g_unlink (path2), ==, 0);
  verify (fx, id, root, &v);
  g_assert_true (has_problem (&v, "missing"));
  afs_report_verification_clear (&v);
  {
    g_autoptr(GAsyncResult) result = NULL;
    AfsReportVerification *av;

    afs_store_verify_report_async (fx->store, id, root, NULL, got_result, &result);
    while (result == NULL)
      g_main_context_iteration (NULL, TRUE);
    av = afs_store_verify_report_finish (fx->store, result, &error);
    g_assert_no_error (error);
    g_assert_cmpint (av->integrity, ==, AFS_REPORT_CHANGED);
    g_assert_true (has_problem (av, "missing"));
    g_assert_true (has_problem (av, "was changed"));
    afs_report_verification_free (av);
  }

  /* A photo row pointed at another file in SQLite. */
  fx_exec (fx, "UPDATE photos SET sha256 = '%s' WHERE sha256 = '%s'", sha1, sha2);
  verify (fx, id, NULL, &v);
  g_assert_cmpint (v.integrity, ==, AFS_REPORT_CHANGED);
  g_assert_true (has_problem (&v, "sha256"));
  afs_report_verification_clear (&v);
  sign_off_clear (&s);
}

/* A change after signing needs a new version and new signatures; the
 * signed version stays as signed. */
static void
test_signoff_new_version (Fixture       *fx,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *id = visit_on_site_case (fx, "New version");
  g_autofree char *hash1 = NULL;
  g_autofree char *hash2 = NULL;
  g_autofree char *new_id = NULL;
  AfsReportVerification v = { 0, };
  AfsRepairReport r = { 0, };
  SignOff s;

  /* Not signed yet: no new version, change it directly. */
  visit_write_report (fx, id);
  g_assert_false (afs_store_new_report_version (fx->store, id, NULL, &error));
  g_assert_error (error, AFS_ERROR, AFS_ERROR_PRECONDITION);
  g_clear_error (&error);
  verify (fx, id, NULL, &v);
  g_assert_cmpint (v.integrity, ==, AFS_REPORT_NOT_SIGNED);
  afs_report_verification_clear (&v);

  sign_off_init (&s, id);
  hash1 = sign (fx, &s);

  g_assert_true (afs_store_new_report_version (fx->store, id, &new_id, &error));
  g_assert_no_error (error);
  g_assert_true (afs_store_get_repair_report (fx->store, id, &r, &error));
  g_assert_cmpstr (r.id, ==, new_id);
  g_assert_cmpint (r.report_version, ==, 2);
  g_assert_cmpint (r.signed_at, ==, 0);
  g_assert_cmpstr (r.diagnosis, ==, "Compressor relay burnt");
  g_assert_cmpuint (r.parts->len, ==, 1);
  g_assert_cmpint (fx_int (fx, "SELECT count(*) FROM report_parts WHERE deleted_at IS NULL"), ==, 2);

  /* The new version can be changed, and needs its own signatures. */
  g_free (r.diagnosis);
  r.diagnosis = g_strdup ("Compressor relay burnt; also a loose wire");
  g_assert_true (afs_store_save_repair_report (fx->store, &r, NULL, &error));
  g_assert_no_error (error);
  afs_repair_report_clear (&r);
  verify (fx, id, NULL, &v);
  g_assert_cmpint (v.integrity, ==, AFS_REPORT_NOT_SIGNED);
  afs_report_verification_clear (&v);

  hash2 = sign (fx, &s);
  g_assert_cmpstr (hash1, !=, hash2);
  verify (fx, id, NULL, &v);
  g_assert_cmpint (v.integrity, ==, AFS_REPORT_INTACT);
  afs_report_verification_clear (&v);

  /* Version 1 is unchanged. */
  g_assert_true (afs_store_get_repair_report_version (fx->store, id, 1, &r, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (r.diagnosis, ==, "Compressor relay burnt");
  g_assert_cmpstr (r.content_hash, ==, hash1);
  afs_repair_report_clear (&r);
  g_assert_cmpint (fx_int (fx, "SELECT count(*) FROM signatures"), ==, 4);
  sign_off_clear (&s);
}

/* Reports signed through the older afs_store_save_report() verify too. */
static void
test_signoff_legacy (Fixture       *fx,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *id = visit_on_site_case (fx, "Legacy");
  AfsReportVerification v = { 0, };
  AfsReportData report = { 0, };

  report.case_id = (char *) id;
  report.diagnosis = (char *) "Relay";
  report.outcome = (char *) "fixed";
  report.signer_name = (char *) "Anna Nowak";
  report.signed_at = 1;
  report.accepted = TRUE;
  g_assert_true (afs_store_save_report (fx->store, &report, &error));
  g_assert_no_error (error);

  verify (fx, id, NULL, &v);
  g_assert_cmpint (v.integrity, ==, AFS_REPORT_INTACT);
  afs_report_verification_clear (&v);

  fx_exec (fx, "UPDATE reports SET diagnosis = 'Misuse'");
  verify (fx, id, NULL, &v);
  g_assert_cmpint (v.integrity, ==, AFS_REPORT_CHANGED);
  afs_report_verification_clear (&v);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/store/signoff/refused", test_signoff_refused);
  ADD ("/store/signoff/accepted", test_signoff_accepted);
  ADD ("/store/signoff/not-accepted", test_signoff_not_accepted);
  ADD ("/store/signoff/tamper-field", test_signoff_tamper_field);
  ADD ("/store/signoff/tamper-photo", test_signoff_tamper_photo);
  ADD ("/store/signoff/new-version", test_signoff_new_version);
  ADD ("/store/signoff/legacy", test_signoff_legacy);
#undef ADD

  return g_test_run ();
}

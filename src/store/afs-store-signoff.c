/* afs-store-signoff.c: the customer's sign-off (DOMAIN.md 9) and the
 * verification that a signed report is still what was signed.
 *
 * DOMAIN.md 9: "the technician fills the service report; the customer
 * signs (or stamps) it and gives an opinion ... A case is not closed
 * without it (001 §2.2.15, §2.2.17: not accepted → plan a second visit)."
 *
 * Tamper evidence: at signing, the report is written out as a canonical
 * text (one "key=value" line per field, parts, ratings, photos and
 * signatures in a fixed order, values escaped so a line is a field) and
 * its SHA-256 is stored in the report and in both signature rows; the
 * text is kept too (reports.signed_content). Verifying rebuilds the text
 * from the rows as they are now and compares: a different hash says
 * "changed", the lines that differ say what. Photo files are hashed
 * again against the SHA-256 they are named by.
 *
 * Copyright 2026 The AfterSales authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "afs-error.h"
#include "afs-photo-path.h"
#include "afs-store-visit-impl.h"
#include "afs-uuid.h"
#include "afs-verification-code.h"

#define CANONICAL_HEADER "afs-signed-report/1"

/* ---- The canonical text --------------------------------------------------------- */

typedef struct {
  char *id;
  char *sha256;
  char *kind;
  char *caption;
  char *mime_type;
} SignedPhoto;

static void
signed_photo_free (SignedPhoto *p)
{
  g_free (p->id);
  g_free (p->sha256);
  g_free (p->kind);
  g_free (p->caption);
  g_free (p->mime_type);
  g_free (p);
}

typedef struct {
  char *party;
  char *name;
  char *role;
  char *strokes;
  char *content_hash;
} SignedBy;

static void
signed_by_free (SignedBy *s)
{
  g_free (s->party);
  g_free (s->name);
  g_free (s->role);
  g_free (s->strokes);
  g_free (s->content_hash);
  g_free (s);
}

static void
canon_add (GString    *s,
           const char *key,
           const char *value)
{
  g_string_append (s, key);
  if (value == NULL)
    {
      /* NULL and "" differ: NULL has no "=". */
      g_string_append_c (s, '\n');
      return;
    }
  g_string_append_c (s, '=');
  for (const char *c = value; *c != '\0'; c++)
    switch (*c)
      {
      case '\\': g_string_append (s, "\\\\"); break;
      case '\n': g_string_append (s, "\\n"); break;
      case '\r': g_string_append (s, "\\r"); break;
      default: g_string_append_c (s, *c); break;
      }
  g_string_append_c (s, '\n');
}

static void
canon_add_int (GString    *s,
               const char *key,
               gint64      value)
{
  char buf[32];

  g_snprintf (buf, sizeof buf, "%" G_GINT64_FORMAT, value);
  canon_add (s, key, buf);
}

static void
canon_add_double (GString    *s,
                  const char *key,
                  double      value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  canon_add (s, key, g_ascii_dtostr (buf, sizeof buf, value));
}

static int
compare_parts_by_id (gconstpointer a,
                     gconstpointer b)
{
  return g_strcmp0 ((*(AfsReportPart * const *) a)->id, (*(AfsReportPart * const *) b)->id);
}

static int
compare_photos_by_id (gconstpointer a,
                      gconstpointer b)
{
  return g_strcmp0 ((*(SignedPhoto * const *) a)->id, (*(SignedPhoto * const *) b)->id);
}

/* The text that is hashed. @r carries the sign-off fields (opinion,
 * signer, accepted, signed_at, ratings); @photos and @signers are sorted
 * here (by id, customer first). */
static char *
canonical_text (const AfsRepairReport *r,
                GPtrArray             *photos,
                GPtrArray             *signers)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new ();
  GString *s = g_string_new (CANONICAL_HEADER "\n");

  canon_add (s, "case_id", r->case_id);
  canon_add (s, "report_id", r->id);
  canon_add_int (s, "report_version", r->report_version);
  canon_add_int (s, "fault_confirmed", r->fault_confirmed ? 1 : 0);
  canon_add (s, "fault_description", r->fault_description);
  canon_add (s, "diagnosis", r->diagnosis);
  canon_add (s, "cause", r->cause);
  canon_add (s, "actions", r->actions);
  canon_add_int (s, "labour_minutes", r->labour_minutes);
  canon_add (s, "test_result", r->test_result);
  canon_add (s, "outcome", r->outcome);
  canon_add (s, "remedy", afs_remedy_to_key (r->remedy));
  canon_add (s, "remedy_item", r->remedy_item);
  canon_add (s, "remedy_spec", r->remedy_spec);
  canon_add_double (s, "remedy_quantity", r->remedy_quantity);
  canon_add (s, "remedy_reason", r->remedy_reason);
  canon_add (s, "advice", r->advice);
  canon_add (s, "customer_opinion", r->customer_opinion);
  canon_add (s, "signer_name", r->signer_name);
  canon_add (s, "signer_role", r->signer_role);
  canon_add_int (s, "accepted", r->accepted ? 1 : 0);
  canon_add_int (s, "signed_at", r->signed_at);

  for (guint i = 0; r->parts != NULL && i < r->parts->len; i++)
    g_ptr_array_add (parts, r->parts->pdata[i]);
  g_ptr_array_sort (parts, compare_parts_by_id);
  for (guint i = 0; i < parts->len; i++)
    {
      const AfsReportPart *p = parts->pdata[i];
      g_autofree char *prefix = g_strdup_printf ("part.%s.", p->id);
      g_autofree char *k1 = g_strconcat (prefix, "catalogue_id", NULL);
      g_autofree char *k2 = g_strconcat (prefix, "part_number", NULL);
      g_autofree char *k3 = g_strconcat (prefix, "name", NULL);
      g_autofree char *k4 = g_strconcat (prefix, "quantity", NULL);
      g_autofree char *k5 = g_strconcat (prefix, "under_warranty", NULL);
      g_autofree char *k6 = g_strconcat (prefix, "unit_price", NULL);

      canon_add (s, k1, p->catalogue_id);
      canon_add (s, k2, p->part_number);
      canon_add (s, k3, p->name);
      canon_add_double (s, k4, p->quantity);
      canon_add_int (s, k5, p->under_warranty ? 1 : 0);
      canon_add_double (s, k6, p->unit_price);
    }

  for (int i = 0; i < AFS_RATING_N; i++)
    if (r->ratings[i] > 0)
      {
        g_autofree char *key = g_strconcat ("rating.", afs_rating_item_to_key (i), NULL);
        canon_add_int (s, key, r->ratings[i]);
      }

  g_ptr_array_sort (photos, compare_photos_by_id);
  for (guint i = 0; i < photos->len; i++)
    {
      const SignedPhoto *p = photos->pdata[i];
      g_autofree char *k1 = g_strdup_printf ("photo.%s.sha256", p->id);
      g_autofree char *k2 = g_strdup_printf ("photo.%s.mime_type", p->id);
      g_autofree char *k3 = g_strdup_printf ("photo.%s.kind", p->id);
      g_autofree char *k4 = g_strdup_printf ("photo.%s.caption", p->id);

      canon_add (s, k1, p->sha256);
      canon_add (s, k2, p->mime_type);
      canon_add (s, k3, p->kind);
      canon_add (s, k4, p->caption);
    }

  /* Customer first, then technician: the order of the parties. */
  for (int pass = 0; pass < 2; pass++)
    for (guint i = 0; i < signers->len; i++)
      {
        const SignedBy *sb = signers->pdata[i];
        const char *party = pass == 0 ? "customer" : "technician";
        g_autofree char *k1 = NULL, *k2 = NULL, *k3 = NULL, *digest = NULL;

        if (g_strcmp0 (sb->party, party) != 0)
          continue;
        k1 = g_strdup_printf ("signature.%s.name", party);
        k2 = g_strdup_printf ("signature.%s.role", party);
        k3 = g_strdup_printf ("signature.%s.strokes_sha256", party);
        digest = afs_visit_sha256_text (sb->strokes);
        canon_add (s, k1, sb->name);
        canon_add (s, k2, sb->role);
        canon_add (s, k3, digest);
      }

  return g_string_free (s, FALSE);
}

/* The photos of a case on @db; @only_ids (nullable): just these ids,
 * tombstoned rows included (their absence is what verification shows). */
static GPtrArray *
read_photos (AfsDb       *db,
             const char  *case_id,
             GHashTable  *only_ids,
             GError     **error)
{
  g_autoptr(GPtrArray) photos = g_ptr_array_new_with_free_func ((GDestroyNotify) signed_photo_free);
  sqlite3_stmt *stmt;
  int rc;

  stmt = afs_db_prepare (db,
                         "SELECT id, sha256, kind, caption, mime_type FROM photos"
                         " WHERE case_id = ?1 AND deleted_at IS NULL",
                         error);
  if (stmt == NULL)
    return NULL;
  afs_db_bind_text (stmt, 1, case_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      SignedPhoto *p;

      if (only_ids != NULL && !g_hash_table_contains (only_ids, afs_db_column_text (stmt, 0)))
        continue;
      p = g_new0 (SignedPhoto, 1);
      p->id = afs_db_column_dup (stmt, 0);
      p->sha256 = afs_db_column_dup (stmt, 1);
      p->kind = afs_db_column_dup (stmt, 2);
      p->caption = afs_db_column_dup (stmt, 3);
      p->mime_type = afs_db_column_dup (stmt, 4);
      g_ptr_array_add (photos, p);
    }
  if (rc != SQLITE_DONE)
    afs_db_set_error (db, rc, _("reading the photos"), error);
  afs_db_stmt_release (stmt);
  if (rc != SQLITE_DONE)
    return NULL;
  return g_steal_pointer (&photos);
}

static GPtrArray *
read_signers (AfsDb       *db,
              const char  *report_id,
              GError     **error)
{
  g_autoptr(GPtrArray) signers = g_ptr_array_new_with_free_func ((GDestroyNotify) signed_by_free);
  sqlite3_stmt *stmt;
  int rc;

  stmt = afs_db_prepare (db,
                         "SELECT party, signer_name, signer_role, strokes, content_hash"
                         "  FROM signatures WHERE report_id = ?1 AND deleted_at IS NULL"
                         " ORDER BY party = 'technician', rowid",
                         error);
  if (stmt == NULL)
    return NULL;
  afs_db_bind_text (stmt, 1, report_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      SignedBy *sb = g_new0 (SignedBy, 1);

      sb->party = afs_db_column_dup (stmt, 0);
      sb->name = afs_db_column_dup (stmt, 1);
      sb->role = afs_db_column_dup (stmt, 2);
      sb->strokes = afs_db_column_dup (stmt, 3);
      sb->content_hash = afs_db_column_dup (stmt, 4);
      g_ptr_array_add (signers, sb);
    }
  if (rc != SQLITE_DONE)
    afs_db_set_error (db, rc, _("reading the signatures"), error);
  afs_db_stmt_release (stmt);
  if (rc != SQLITE_DONE)
    return NULL;
  return g_steal_pointer (&signers);
}

/* ---- Signing ----------------------------------------------------------------------- */

static gboolean
check_signer (const AfsSignerInput  *signer,
              gboolean               customer,
              GError               **error)
{
  g_autoptr(GError) strokes_error = NULL;

  if (!afs_store_check_utf8 (signer->name, _("signer's name"), error) ||
      !afs_store_check_utf8 (signer->role, _("signer's role"), error))
    return FALSE;
  if (afs_store_text_is_blank (signer->name))
    {
      g_set_error_literal (error, AFS_ERROR, AFS_ERROR_INVALID,
                           customer ? _("The customer's signature needs the signer's name. Type the name of the person who signs.")
                                    : _("The technician's signature needs a name. Type your name."));
      return FALSE;
    }
  if (signer->strokes == NULL || !afs_strokes_check_signed (signer->strokes, &strokes_error))
    {
      g_set_error (error, AFS_ERROR, AFS_ERROR_INVALID,
                   customer ? _("The customer has not signed yet: %s")
                            : _("The technician has not signed yet: %s"),
                   strokes_error != NULL ? strokes_error->message
                                         : _("the signature pad is empty. Sign in the box."));
      return FALSE;
    }
  return TRUE;
}

static gboolean
insert_signature (AfsWrite              *w,
                  const char            *report_id,
                  const char            *party,
                  const AfsSignerInput  *signer,
                  const char            *strokes,
                  const char            *hash,
                  GError               **error)
{
  g_autofree char *id = afs_uuid7_new ();
  const AfsColumn cols[] = {
    { "report_id", afs_value_text (report_id) },
    { "party", afs_value_text (party) },
    { "signer_name", afs_value_text (signer->name) },
    { "signer_role", afs_value_text (afs_store_empty_to_null (signer->role)) },
    { "strokes", afs_value_text (strokes) },
    { "content_hash", afs_value_text (hash) },
    { "signed_at", afs_value_int (w->now) },
  };

  return afs_row_insert (w, "signatures", id, cols, G_N_ELEMENTS (cols),
                         _("saving the signature"), error);
}

static gboolean
sign_report (AfsWrite               *w,
             const AfsSignOffInput  *in,
             char                  **out_hash,
             GError                **error)
{
  AfsRepairReport r = { 0, };
  g_autoptr(GPtrArray) photos = NULL;
  g_autoptr(GPtrArray) signers = g_ptr_array_new_with_free_func ((GDestroyNotify) signed_by_free);
  g_autofree char *content = NULL;
  g_autofree char *hash = NULL;
  g_autofree char *customer_strokes = NULL;
  g_autofree char *technician_strokes = NULL;
  g_autofree char *old_opinion = NULL;
  g_autofree char *old_signer = NULL;
  g_autofree char *old_role = NULL;
  g_autofree char *old_hash = NULL;
  gboolean old_accepted;
  AfsCaseState state;
  gboolean found = FALSE;
  gboolean ok = FALSE;

  if (!afs_visit_check_case (w, in->case_id, &state, NULL, error))
    return FALSE;
  if (state != AFS_CASE_STATE_ON_SITE)
    {
      g_set_error (error, AFS_ERROR, AFS_ERROR_PRECONDITION,
                   _("The report is signed on site, but this case is %s. Record your arrival first."),
                   afs_case_state_get_label (state));
      return FALSE;
    }

  if (!afs_visit_read_report (w->db, in->case_id, 0, &r, &found, error))
    goto out;
  if (!found)
    {
      g_set_error_literal (error, AFS_ERROR, AFS_ERROR_PRECONDITION,
                           _("There is no report to sign yet. Write the report first."));
      goto out;
    }
  if (r.signed_at != 0)
    {
      g_set_error_literal (error, AFS_ERROR, AFS_ERROR_FORBIDDEN,
                           _("This service report is already signed. To change it, start a new "
                             "version; it needs new signatures."));
      goto out;
    }
  if (afs_store_text_is_blank (r.outcome))
    {
      g_set_error_literal (error, AFS_ERROR, AFS_ERROR_PRECONDITION,
                           _("Choose the outcome of the repair (fixed, temporary or not fixable) "
                             "before the report is signed."));
      goto out;
    }

  photos = read_photos (w->db, in->case_id, NULL, error);
  if (photos == NULL)
    goto out;

  customer_strokes = afs_strokes_to_text (in->customer.strokes);
  technician_strokes = afs_strokes_to_text (in->technician.strokes);
  {
    SignedBy *c = g_new0 (SignedBy, 1);
    SignedBy *t = g_new0 (SignedBy, 1);

    c->party = g_strdup ("customer");
    c->name = g_strdup (in->customer.name);
    c->role = g_strdup (afs_store_empty_to_null (in->customer.role));
    c->strokes = g_strdup (customer_strokes);
    t->party = g_strdup ("technician");
    t->name = g_strdup (in->technician.name);
    t->role = g_strdup (afs_store_empty_to_null (in->technician.role));
    t->strokes = g_strdup (technician_strokes);
    g_ptr_array_add (signers, c);
    g_ptr_array_add (signers, t);
  }

  /* What the row will hold, so the text is built from the stored values. */
  old_opinion = g_steal_pointer (&r.customer_opinion);
  old_signer = g_steal_pointer (&r.signer_name);
  old_role = g_steal_pointer (&r.signer_role);
  old_hash = g_steal_pointer (&r.content_hash);
  old_accepted = r.accepted;
  r.customer_opinion = g_strdup (afs_store_empty_to_null (in->opinion));
  r.signer_name = g_strdup (in->customer.name);
  r.signer_role = g_strdup (afs_store_empty_to_null (in->customer.role));
  r.accepted = in->accepted;
  r.signed_at = w->now;
  memcpy (r.ratings, in->ratings, sizeof r.ratings);

  content = canonical_text (&r, photos, signers);
  hash = afs_visit_sha256_text (content);

  {
    const AfsColumnChange set[] = {
      { "customer_opinion", afs_value_text (old_opinion), afs_value_text (r.customer_opinion) },
      { "signer_name", afs_value_text (old_signer), afs_value_text (r.signer_name) },
      { "signer_role", afs_value_text (old_role), afs_value_text (r.signer_role) },
      { "signed_at", afs_value_null (), afs_value_int (r.signed_at) },
      { "accepted", afs_value_int (old_accepted ? 1 : 0), afs_value_int (r.accepted ? 1 : 0) },
      { "content_hash", afs_value_text (old_hash), afs_value_text (hash) },
      { "signed_content", afs_value_null (), afs_value_text (content) },
    };
    const AfsValue params[] = { afs_value_text (r.id) };

    if (!afs_row_update_where (w, "reports", set, G_N_ELEMENTS (set),
                               "id = ?1 AND signed_at IS NULL", params, 1, AFS_ROW_DEFAULT,
                               _("signing the service report"), NULL, error))
      goto out;
  }

  for (int i = 0; i < AFS_RATING_N; i++)
    {
      g_autofree char *id = NULL;

      if (r.ratings[i] == 0)
        continue;
      id = afs_uuid7_new ();
      {
        const AfsColumn cols[] = {
          { "report_id", afs_value_text (r.id) },
          { "item", afs_value_text (afs_rating_item_to_key (i)) },
          { "score", afs_value_int (r.ratings[i]) },
        };

        if (!afs_row_insert (w, "report_ratings", id, cols, G_N_ELEMENTS (cols),
                             _("saving the satisfaction scores"), error))
          goto out;
      }
    }

  if (!insert_signature (w, r.id, "customer", &in->customer, customer_strokes, hash, error) ||
      !insert_signature (w, r.id, "technician", &in->technician, technician_strokes, hash, error))
    goto out;

  if (!afs_store_audit_add (w, in->case_id, "report", NULL, NULL,
                            in->accepted ? "signed_accepted" : "signed_not_accepted",
                            in->customer.name, error))
    goto out;

  if (out_hash != NULL)
    *out_hash = g_steal_pointer (&hash);
  ok = TRUE;

out:
  afs_repair_report_clear (&r);
  return ok;
}

/**
 * afs_store_sign_report:
 * @self: a store
 * @input: the sign-off
 * @out_hash: (out) (optional): the SHA-256 that was signed
 * @error: return location for an %AFS_ERROR
 *
 * See the header. One transaction: the draft, the signature rows, the
 * ratings, the report's new read-only state and, when not accepted, the
 * PLAN_SECOND_VISIT action, all or nothing.
 *
 * Returns: %TRUE on success
 */
gboolean
afs_store_sign_report (AfsStore               *self,
                       const AfsSignOffInput  *input,
                       char                  **out_hash,
                       GError                **error)
{
  g_autofree char *hash = NULL;
  AfsWrite w;
  gboolean ok;

  g_return_val_if_fail (AFS_IS_STORE (self), FALSE);
  g_return_val_if_fail (input != NULL, FALSE);

  if (input->case_id == NULL)
    {
      g_set_error_literal (error, AFS_ERROR, AFS_ERROR_INVALID,
                           _("A service report belongs to a case. Open the case first."));
      return FALSE;
    }
  if (!check_signer (&input->customer, TRUE, error) ||
      !check_signer (&input->technician, FALSE, error) ||
      !afs_store_check_utf8 (input->opinion, _("customer's opinion"), error) ||
      !afs_store_check_utf8 (input->not_accepted_reason, _("reason"), error))
    return FALSE;
  for (int i = 0; i < AFS_RATING_N; i++)
    if (input->ratings[i] < 0 || input->ratings[i] > 5)
      {
        g_set_error (error, AFS_ERROR, AFS_ERROR_INVALID,
                     _("Satisfaction is scored from 1 to 5 (0 when not asked), not %d."),
                     input->ratings[i]);
        return FALSE;
      }
  if (!input->accepted && afs_store_text_is_blank (input->not_accepted_reason))
    {
      g_set_error_literal (error, AFS_ERROR, AFS_ERROR_INVALID,
                           _("The customer did not accept the result: type why, so the second "
                             "visit can be planned."));
      return FALSE;
    }

  if (!afs_store_begin_batch (self, error))
    return FALSE;

  ok = afs_store_write_begin (self, &w, error);
  if (ok)
    ok = afs_store_write_end (&w, afs_visit_commit_draft (&w, input->case_id, error) &&
                                  sign_report (&w, input, &hash, error), error);
  /* Not accepted: DOMAIN.md 9, "not accepted → plan a second visit". */
  if (ok && !input->accepted)
    ok = afs_store_apply_action (self, input->case_id, AFS_ACTION_PLAN_SECOND_VISIT,
                                 input->not_accepted_reason, error);

  if (!afs_store_end_batch (self, ok, ok ? error : NULL))
    return FALSE;
  if (ok && out_hash != NULL)
    *out_hash = g_steal_pointer (&hash);
  return ok;
}

/* ---- A new version after signing ------------------------------------------------- */

static gboolean
new_version (AfsWrite    *w,
             const char  *case_id,
             char       **out_id,
             GError     **error)
{
  AfsRepairReport r = { 0, };
  gboolean found = FALSE;
  gboolean ok = FALSE;

  if (!afs_visit_check_case (w, case_id, NULL, NULL, error))
    return FALSE;
  if (!afs_visit_read_report (w->db, case_id, 0, &r, &found, error))
    goto out;
  if (!found || r.signed_at == 0)
    {
      g_set_error_literal (error, AFS_ERROR, AFS_ERROR_PRECONDITION,
                           _("The current report is not signed: change it directly."));
      goto out;
    }
  if (!afs_visit_insert_report (w, &r, r.report_version + 1, out_id, error) ||
      !afs_visit_delete_draft (w, case_id, error))
    goto out;
  {
    g_autofree char *v = g_strdup_printf ("%" G_GINT64_FORMAT, r.report_version + 1);

    if (!afs_store_audit_add (w, case_id, "report", "report_version", NULL, v, NULL, error))
      goto out;
  }
  ok = TRUE;

out:
  afs_repair_report_clear (&r);
  return ok;
}

/**
 * afs_store_new_report_version:
 * @self: a store
 * @case_id: the case
 * @out_id: (out) (optional): the new report's id
 * @error: return location for an %AFS_ERROR
 *
 * A signed report is read-only; a change is a new version (content and
 * parts copied, unsigned) that needs new signatures. The signed version
 * stays as it was, so what the customer signed can always be shown.
 *
 * Returns: %TRUE on success
 */
gboolean
afs_store_new_report_version (AfsStore    *self,
                              const char  *case_id,
                              char       **out_id,
                              GError     **error)
{
  AfsWrite w;

  g_return_val_if_fail (AFS_IS_STORE (self), FALSE);
  g_return_val_if_fail (case_id != NULL, FALSE);

  if (!afs_store_write_begin (self, &w, error))
    return FALSE;
  return afs_store_write_end (&w, new_version (&w, case_id, out_id, error), error);
}

/* ---- Signatures ------------------------------------------------------------------------ */

void
afs_signature_data_free (AfsSignatureData *s)
{
  if (s == NULL)
    return;
  g_free (s->id);
  g_free (s->report_id);
  g_free (s->party);
  g_free (s->signer_name);
  g_free (s->signer_role);
  g_free (s->strokes);
  g_free (s->content_hash);
  g_free (s);
}

static void
read_signature_row (sqlite3_stmt *stmt,
                    gpointer      data)
{
  AfsSignatureData *s = data;

  s->id = afs_db_column_dup (stmt, 0);
  s->report_id = afs_db_column_dup (stmt, 1);
  s->party = afs_db_column_dup (stmt, 2);
  s->signer_name = afs_db_column_dup (stmt, 3);
  s->signer_role = afs_db_column_dup (stmt, 4);
  s->strokes = afs_db_column_dup (stmt, 5);
  s->content_hash = afs_db_column_dup (stmt, 6);
  s->signed_at = sqlite3_column_int64 (stmt, 7);
}

GPtrArray *
afs_store_list_signatures (AfsStore    *self,
                           const char  *report_id,
                           GError     **error)
{
  g_return_val_if_fail (AFS_IS_STORE (self), NULL);
  g_return_val_if_fail (report_id != NULL, NULL);

  return afs_row_read_list (self,
                            "SELECT id, report_id, party, signer_name, signer_role, strokes,"
                            "       content_hash, signed_at"
                            "  FROM signatures WHERE report_id = ?1 AND deleted_at IS NULL"
                            " ORDER BY party = 'technician', rowid",
                            report_id, sizeof (AfsSignatureData), read_signature_row,
                            (GDestroyNotify) afs_signature_data_free,
                            _("reading the signatures"), error);
}

/* ---- Verification ------------------------------------------------------------------- */

void
afs_report_verification_clear (AfsReportVerification *v)
{
  g_clear_pointer (&v->stored_hash, g_free);
  g_clear_pointer (&v->computed_hash, g_free);
  g_clear_pointer (&v->short_code, g_free);
  g_clear_pointer (&v->problems, g_ptr_array_unref);
  v->integrity = AFS_REPORT_NOT_SIGNED;
}

/* "key=value" lines → key → line (in order). */
static GHashTable *
index_lines (const char  *text,
             GPtrArray  **keys_out)
{
  GHashTable *lines = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_auto(GStrv) split = g_strsplit (text != NULL ? text : "", "\n", -1);

  *keys_out = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 1; split[i] != NULL; i++)     /* [0] is the header */
    {
      const char *eq = strchr (split[i], '=');
      char *key = eq != NULL ? g_strndup (split[i], eq - split[i]) : g_strdup (split[i]);

      if (*key == '\0')
        {
          g_free (key);
          continue;
        }
      g_ptr_array_add (*keys_out, g_strdup (key));
      g_hash_table_replace (lines, key, g_strdup (split[i]));
    }
  return lines;
}

/* What a key names, for the person reading the problem list. */
static char *
describe_key (const char *key)
{
  if (g_str_has_prefix (key, "photo."))
    return g_strdup_printf (_("the photo record %s"), key + strlen ("photo."));
  if (g_str_has_prefix (key, "part."))
    return g_strdup_printf (_("the part %s"), key + strlen ("part."));
  if (g_str_has_prefix (key, "signature."))
    return g_strdup_printf (_("the signature %s"), key + strlen ("signature."));
  if (g_str_has_prefix (key, "rating."))
    return g_strdup_printf (_("the score %s"), key + strlen ("rating."));
  return g_strdup_printf (_("the field “%s”"), key);
}

static void
add_problem (AfsReportVerification *v,
             char                  *message)
{
  g_ptr_array_add (v->problems, message);
  v->integrity = AFS_REPORT_CHANGED;
}

static gboolean
verify_photo_file (const char  *root,
                   const char  *sha256,
                   const char  *mime_type,
                   char       **problem)
{
  g_autofree char *path = NULL;
  g_autoptr(GChecksum) checksum = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFileInputStream) in = NULL;
  g_autoptr(GError) error = NULL;
  guint8 buf[65536];
  gssize n;

  *problem = NULL;
  if (!afs_photo_sha256_is_valid (sha256))
    {
      *problem = g_strdup_printf (_("A signed photo has no valid name (%s)."), sha256 ? sha256 : "");
      return FALSE;
    }
  path = afs_photo_path_original (root, sha256, mime_type);
  file = g_file_new_for_path (path);
  in = g_file_read (file, NULL, &error);
  if (in == NULL)
    {
      *problem = g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND)
                 ? g_strdup_printf (_("The photo file %s is missing."), path)
                 : g_strdup_printf (_("The photo file %s cannot be read: %s"), path, error->message);
      return FALSE;
    }
  checksum = g_checksum_new (G_CHECKSUM_SHA256);
  while ((n = g_input_stream_read (G_INPUT_STREAM (in), buf, sizeof buf, NULL, &error)) > 0)
    g_checksum_update (checksum, buf, n);
  if (n < 0)
    {
      *problem = g_strdup_printf (_("The photo file %s cannot be read: %s"), path, error->message);
      return FALSE;
    }
  if (!g_str_equal (g_checksum_get_string (checksum), sha256))
    {
      *problem = g_strdup_printf (_("The photo file %s was changed after the report was signed."), path);
      return FALSE;
    }
  return TRUE;
}

static gboolean
verify_on (AfsDb                  *db,
           const char             *case_id,
           const char             *photo_root,
           AfsReportVerification  *v,
           GError                **error)
{
  AfsRepairReport r = { 0, };
  g_autofree char *signed_content = NULL;
  g_autoptr(GHashTable) signed_lines = NULL;
  g_autoptr(GPtrArray) signed_keys = NULL;
  g_autoptr(GHashTable) now_lines = NULL;
  g_autoptr(GPtrArray) now_keys = NULL;
  g_autoptr(GHashTable) photo_ids = NULL;
  g_autoptr(GPtrArray) photos = NULL;
  g_autoptr(GPtrArray) signers = NULL;
  g_autofree char *rebuilt = NULL;
  g_autofree char *signed_digest = NULL;
  gboolean found = FALSE;
  gboolean ok = FALSE;
  sqlite3_stmt *stmt;
  int rc;

  if (!afs_visit_read_report (db, case_id, 0, &r, &found, error))
    goto out;
  if (!found)
    {
      g_set_error_literal (error, AFS_ERROR, AFS_ERROR_NOT_FOUND,
                           _("This case has no service report yet. The technician writes it on site."));
      goto out;
    }
  if (r.signed_at == 0)
    {
      ok = TRUE;
      goto out;
    }

  v->integrity = AFS_REPORT_INTACT;
  v->stored_hash = g_strdup (r.content_hash);
  /* The code printed on the PDF the customer keeps. */
  v->short_code = afs_verification_code_from_sha256 (r.content_hash, NULL);

  stmt = afs_db_prepare (db, "SELECT signed_content FROM reports WHERE id = ?1", error);
  if (stmt == NULL)
    goto out;
  afs_db_bind_text (stmt, 1, r.id);
  if ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    signed_content = afs_db_column_dup (stmt, 0);
  afs_db_stmt_release (stmt);

  if (signed_content == NULL)
    {
      /* Signed through afs_store_save_report(): only its fingerprint. */
      AfsReportData legacy = {
        .diagnosis = r.diagnosis, .actions = r.actions, .outcome = r.outcome,
        .customer_opinion = r.customer_opinion, .signer_name = r.signer_name,
        .accepted = r.accepted,
      };

      v->computed_hash = afs_store_report_legacy_hash (case_id, r.report_version, &legacy,
                                                      r.signed_at);
      if (g_strcmp0 (v->computed_hash, r.content_hash) != 0)
        add_problem (v, g_strdup (_("The report was changed after it was signed.")));
      ok = TRUE;
      goto out;
    }

  /* The text kept at signing must still be what was hashed. */
  signed_digest = afs_visit_sha256_text (signed_content);
  if (g_strcmp0 (signed_digest, r.content_hash) != 0)
    add_problem (v, g_strdup (_("The record of what was signed no longer matches its hash.")));

  signed_lines = index_lines (signed_content, &signed_keys);
  photo_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < signed_keys->len; i++)
    {
      const char *key = signed_keys->pdata[i];

      if (g_str_has_prefix (key, "photo.") && g_str_has_suffix (key, ".sha256"))
        g_hash_table_add (photo_ids, g_strndup (key + 6, strlen (key) - 6 - 7));
    }

  photos = read_photos (db, case_id, photo_ids, error);
  if (photos == NULL)
    goto out;
  signers = read_signers (db, r.id, error);
  if (signers == NULL)
    goto out;

  rebuilt = canonical_text (&r, photos, signers);
  v->computed_hash = afs_visit_sha256_text (rebuilt);
  if (g_strcmp0 (v->computed_hash, r.content_hash) != 0)
    v->integrity = AFS_REPORT_CHANGED;

  /* Name what differs. */
  now_lines = index_lines (rebuilt, &now_keys);
  for (guint i = 0; i < signed_keys->len; i++)
    {
      const char *key = signed_keys->pdata[i];
      const char *now = g_hash_table_lookup (now_lines, key);
      g_autofree char *what = describe_key (key);

      if (now == NULL)
        add_problem (v, g_strdup_printf (_("Removed after signing: %s."), what));
      else if (!g_str_equal (now, g_hash_table_lookup (signed_lines, key)))
        add_problem (v, g_strdup_printf (_("Changed after signing: %s."), what));
    }
  for (guint i = 0; i < now_keys->len; i++)
    if (!g_hash_table_contains (signed_lines, now_keys->pdata[i]))
      {
        g_autofree char *what = describe_key (now_keys->pdata[i]);
        add_problem (v, g_strdup_printf (_("Added after signing: %s."), what));
      }

  for (guint i = 0; i < signers->len; i++)
    {
      const SignedBy *sb = signers->pdata[i];

      if (g_strcmp0 (sb->content_hash, r.content_hash) != 0)
        add_problem (v, g_strdup (g_strcmp0 (sb->party, "customer") == 0
                                  ? _("The customer's signature was made for different content.")
                                  : _("The technician's signature was made for different content.")));
    }

  if (photo_root != NULL)
    for (guint i = 0; i < signed_keys->len; i++)
      {
        const char *key = signed_keys->pdata[i];
        g_autofree char *id = NULL;
        g_autofree char *mime_key = NULL;
        const char *sha_line, *mime_line;
        char *problem = NULL;

        if (!g_str_has_prefix (key, "photo.") || !g_str_has_suffix (key, ".sha256"))
          continue;
        id = g_strndup (key + 6, strlen (key) - 6 - 7);
        mime_key = g_strdup_printf ("photo.%s.mime_type", id);
        sha_line = g_hash_table_lookup (signed_lines, key);
        mime_line = g_hash_table_lookup (signed_lines, mime_key);
        if (!verify_photo_file (photo_root, strchr (sha_line, '=') ? strchr (sha_line, '=') + 1 : "",
                                mime_line != NULL && strchr (mime_line, '=') ? strchr (mime_line, '=') + 1 : NULL,
                                &problem))
          add_problem (v, problem);
      }

  ok = TRUE;

out:
  afs_repair_report_clear (&r);
  return ok;
}

/**
 * afs_store_verify_report:
 * @self: a store
 * @case_id: the case (its current report)
 * @photo_root: (nullable): the photo folder's root
 * @out: (out caller-allocates): the result; clear with
 *   afs_report_verification_clear()
 * @error: return location for an %AFS_ERROR (only when it cannot be
 *   read: a report that was changed is a result, not an error)
 *
 * Returns: %TRUE when the verification ran
 */
gboolean
afs_store_verify_report (AfsStore               *self,
                         const char             *case_id,
                         const char             *photo_root,
                         AfsReportVerification  *out,
                         GError                **error)
{
  AfsDb *db;
  gboolean ok;

  g_return_val_if_fail (AFS_IS_STORE (self), FALSE);
  g_return_val_if_fail (case_id != NULL && out != NULL, FALSE);

  memset (out, 0, sizeof *out);
  out->integrity = AFS_REPORT_NOT_SIGNED;
  out->problems = g_ptr_array_new_with_free_func (g_free);

  db = afs_store_lock_reader (self);
  ok = verify_on (db, case_id, photo_root, out, error);
  afs_store_unlock_reader (self, db);

  if (!ok)
    {
      afs_report_verification_clear (out);
      out->problems = g_ptr_array_new_with_free_func (g_free);
    }
  return ok;
}

void
afs_report_verification_free (AfsReportVerification *v)
{
  if (v == NULL)
    return;
  afs_report_verification_clear (v);
  g_free (v);
}

typedef struct {
  char *case_id;
  char *photo_root;
} VerifyData;

static void
verify_data_free (VerifyData *d)
{
  g_free (d->case_id);
  g_free (d->photo_root);
  g_free (d);
}

static void
verify_job (AfsStore     *self,
            GTask        *task,
            gpointer      task_data,
            GCancellable *cancellable)
{
  VerifyData *d = task_data;
  AfsReportVerification *v = g_new0 (AfsReportVerification, 1);
  GError *error = NULL;

  if (afs_store_verify_report (self, d->case_id, d->photo_root, v, &error))
    g_task_return_pointer (task, v, (GDestroyNotify) afs_report_verification_free);
  else
    {
      afs_report_verification_free (v);
      g_task_return_error (task, error);
    }
}

/**
 * afs_store_verify_report_async:
 *
 * afs_store_verify_report() on the store's worker thread.
 */
void
afs_store_verify_report_async (AfsStore            *self,
                               const char          *case_id,
                               const char          *photo_root,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  VerifyData *d;

  g_return_if_fail (AFS_IS_STORE (self));
  g_return_if_fail (case_id != NULL);

  d = g_new0 (VerifyData, 1);
  d->case_id = g_strdup (case_id);
  d->photo_root = g_strdup (photo_root);
  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, afs_store_verify_report_async);
  g_task_set_task_data (task, d, (GDestroyNotify) verify_data_free);
  afs_store_run_in_worker (self, task, verify_job);
}

AfsReportVerification *
afs_store_verify_report_finish (AfsStore      *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

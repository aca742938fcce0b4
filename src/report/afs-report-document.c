/* afs-report-document.c
 *
 * Copyright 2026 The AfterSales authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "afs-report-document.h"

static void
part_free (AfsReportDocPart *p)
{
  g_free (p->part_number);
  g_free (p->name);
  g_free (p);
}

static void
remedy_free (AfsReportRemedy *r)
{
  g_free (r->kind);
  g_free (r->item);
  g_free (r->spec);
  g_free (r->reason);
  g_free (r);
}

static void
visit_free (AfsReportVisit *v)
{
  g_free (v->technician);
  g_free (v);
}

static void
photo_free (AfsReportPhoto *p)
{
  g_free (p->path);
  g_free (p->kind);
  g_free (p->caption);
  g_free (p);
}

static void
score_free (AfsReportScore *s)
{
  g_free (s->item);
  g_free (s);
}

static void
signature_clear (AfsReportSignature *s)
{
  g_clear_pointer (&s->strokes, g_free);
  g_clear_pointer (&s->name, g_free);
  g_clear_pointer (&s->role, g_free);
  s->signed_at = 0;
}

/**
 * afs_report_document_new:
 *
 * An empty document with its arrays ready; fill the fields directly
 * (g_strdup'd strings: afs_report_document_free() frees them) and the
 * lists with the afs_report_document_add_*() helpers.
 *
 * Returns: (transfer full): a new document
 */
AfsReportDocument *
afs_report_document_new (void)
{
  AfsReportDocument *doc = g_new0 (AfsReportDocument, 1);

  doc->parts = g_ptr_array_new_with_free_func ((GDestroyNotify) part_free);
  doc->remedies = g_ptr_array_new_with_free_func ((GDestroyNotify) remedy_free);
  doc->visits = g_ptr_array_new_with_free_func ((GDestroyNotify) visit_free);
  doc->photos = g_ptr_array_new_with_free_func ((GDestroyNotify) photo_free);
  doc->satisfaction = g_ptr_array_new_with_free_func ((GDestroyNotify) score_free);
  doc->report_version = 1;
  return doc;
}

void
afs_report_document_free (AfsReportDocument *doc)
{
  if (doc == NULL)
    return;

  g_free (doc->company_name);
  g_free (doc->company_address);
  g_free (doc->company_phone);
  g_free (doc->case_number);
  g_free (doc->category);
  g_free (doc->severity);
  g_free (doc->problem);
  g_free (doc->customer_name);
  g_free (doc->customer_address);
  g_free (doc->contact_name);
  g_free (doc->contact_phone);
  g_free (doc->equipment_model);
  g_free (doc->serial_number);
  g_free (doc->production_date);
  g_free (doc->purchase_date);
  g_free (doc->warranty);
  g_free (doc->fault_confirmed_note);
  g_free (doc->diagnosis);
  g_free (doc->cause);
  g_free (doc->actions);
  g_free (doc->currency);
  g_free (doc->test_result);
  g_free (doc->outcome);
  g_free (doc->advice);
  g_free (doc->customer_opinion);
  g_free (doc->content_hash);
  g_free (doc->verification_code);
  g_clear_pointer (&doc->parts, g_ptr_array_unref);
  g_clear_pointer (&doc->remedies, g_ptr_array_unref);
  g_clear_pointer (&doc->visits, g_ptr_array_unref);
  g_clear_pointer (&doc->photos, g_ptr_array_unref);
  g_clear_pointer (&doc->satisfaction, g_ptr_array_unref);
  signature_clear (&doc->customer_signature);
  signature_clear (&doc->technician_signature);
  g_free (doc);
}

/**
 * afs_report_document_copy:
 * @doc: a document
 *
 * A deep copy, e.g. to hand to a worker thread.
 *
 * Returns: (transfer full): the copy
 */
AfsReportDocument *
afs_report_document_copy (const AfsReportDocument *doc)
{
  AfsReportDocument *c;

  g_return_val_if_fail (doc != NULL, NULL);

  c = afs_report_document_new ();
#define S(f) c->f = g_strdup (doc->f)
  S (company_name); S (company_address); S (company_phone);
  S (case_number); S (category); S (severity); S (problem);
  S (customer_name); S (customer_address); S (contact_name); S (contact_phone);
  S (equipment_model); S (serial_number); S (production_date); S (purchase_date); S (warranty);
  S (fault_confirmed_note); S (diagnosis); S (cause); S (actions); S (currency);
  S (test_result); S (outcome); S (advice); S (customer_opinion);
  S (content_hash); S (verification_code);
#undef S
  c->opened_at = doc->opened_at;
  c->deadline_at = doc->deadline_at;
  c->fault_confirmed = doc->fault_confirmed;
  c->labour_minutes = doc->labour_minutes;
  c->accepted = doc->accepted;
  c->report_version = doc->report_version;
  c->printed_at = doc->printed_at;

  for (guint i = 0; doc->parts && i < doc->parts->len; i++)
    {
      AfsReportDocPart *p = g_ptr_array_index (doc->parts, i);
      afs_report_document_add_part (c, p->part_number, p->name, p->quantity,
                                    p->under_warranty, p->unit_price);
    }
  for (guint i = 0; doc->remedies && i < doc->remedies->len; i++)
    {
      AfsReportRemedy *r = g_ptr_array_index (doc->remedies, i);
      afs_report_document_add_remedy (c, r->kind, r->item, r->spec, r->quantity, r->reason);
    }
  for (guint i = 0; doc->visits && i < doc->visits->len; i++)
    {
      AfsReportVisit *v = g_ptr_array_index (doc->visits, i);
      afs_report_document_add_visit (c, v->technician, v->travel_started_at,
                                     v->arrived_at, v->left_at);
    }
  for (guint i = 0; doc->photos && i < doc->photos->len; i++)
    {
      AfsReportPhoto *p = g_ptr_array_index (doc->photos, i);
      afs_report_document_add_photo (c, p->path, p->kind, p->caption, p->taken_at);
    }
  for (guint i = 0; doc->satisfaction && i < doc->satisfaction->len; i++)
    {
      AfsReportScore *s = g_ptr_array_index (doc->satisfaction, i);
      afs_report_document_add_score (c, s->item, s->score);
    }
  afs_report_signature_set (&c->customer_signature, doc->customer_signature.strokes,
                            doc->customer_signature.name, doc->customer_signature.role,
                            doc->customer_signature.signed_at);
  afs_report_signature_set (&c->technician_signature, doc->technician_signature.strokes,
                            doc->technician_signature.name, doc->technician_signature.role,
                            doc->technician_signature.signed_at);
  return c;
}

/**
 * afs_report_document_add_part:
 *
 * Appends a part used; strings are copied.
 *
 * Returns: (transfer none): the new entry
 */
AfsReportDocPart *
afs_report_document_add_part (AfsReportDocument *doc,
                              const char        *part_number,
                              const char        *name,
                              double             quantity,
                              gboolean           under_warranty,
                              double             unit_price)
{
  AfsReportDocPart *p = g_new0 (AfsReportDocPart, 1);

  p->part_number = g_strdup (part_number);
  p->name = g_strdup (name);
  p->quantity = quantity;
  p->under_warranty = under_warranty;
  p->unit_price = unit_price;
  g_ptr_array_add (doc->parts, p);
  return p;
}

AfsReportRemedy *
afs_report_document_add_remedy (AfsReportDocument *doc,
                                const char        *kind,
                                const char        *item,
                                const char        *spec,
                                double             quantity,
                                const char        *reason)
{
  AfsReportRemedy *r = g_new0 (AfsReportRemedy, 1);

  r->kind = g_strdup (kind);
  r->item = g_strdup (item);
  r->spec = g_strdup (spec);
  r->quantity = quantity;
  r->reason = g_strdup (reason);
  g_ptr_array_add (doc->remedies, r);
  return r;
}

AfsReportVisit *
afs_report_document_add_visit (AfsReportDocument *doc,
                               const char        *technician,
                               gint64             travel_started_at,
                               gint64             arrived_at,
                               gint64             left_at)
{
  AfsReportVisit *v = g_new0 (AfsReportVisit, 1);

  v->technician = g_strdup (technician);
  v->travel_started_at = travel_started_at;
  v->arrived_at = arrived_at;
  v->left_at = left_at;
  g_ptr_array_add (doc->visits, v);
  return v;
}

AfsReportPhoto *
afs_report_document_add_photo (AfsReportDocument *doc,
                               const char        *path,
                               const char        *kind,
                               const char        *caption,
                               gint64             taken_at)
{
  AfsReportPhoto *p = g_new0 (AfsReportPhoto, 1);

  p->path = g_strdup (path);
  p->kind = g_strdup (kind);
  p->caption = g_strdup (caption);
  p->taken_at = taken_at;
  g_ptr_array_add (doc->photos, p);
  return p;
}

AfsReportScore *
afs_report_document_add_score (AfsReportDocument *doc,
                               const char        *item,
                               int                score)
{
  AfsReportScore *s = g_new0 (AfsReportScore, 1);

  s->item = g_strdup (item);
  s->score = CLAMP (score, 0, 5);
  g_ptr_array_add (doc->satisfaction, s);
  return s;
}

/**
 * afs_report_signature_set:
 * @sig: a signature slot of a document
 *
 * Replaces the slot's contents with copies of the arguments.
 */
void
afs_report_signature_set (AfsReportSignature *sig,
                          const char         *strokes,
                          const char         *name,
                          const char         *role,
                          gint64              signed_at)
{
  char *s = g_strdup (strokes), *n = g_strdup (name), *r = g_strdup (role);

  signature_clear (sig);
  sig->strokes = s;
  sig->name = n;
  sig->role = r;
  sig->signed_at = signed_at;
}

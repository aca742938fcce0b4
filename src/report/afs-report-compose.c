/* afs-report-compose.c
 *
 * Copyright 2026 The AfterSales authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "afs-error.h"
#include "afs-report-compose.h"
#include "afs-store-visit.h"

static char *
nonempty (const char *text)
{
  g_autofree char *copy = g_strstrip (g_strdup (text != NULL ? text : ""));

  return copy[0] != '\0' ? g_steal_pointer (&copy) : NULL;
}

static const char *
outcome_label (const char *outcome)
{
  if (g_strcmp0 (outcome, "fixed") == 0)
    return _("Fixed");
  if (g_strcmp0 (outcome, "temporary") == 0)
    return _("Temporary fix");
  if (g_strcmp0 (outcome, "not_fixable") == 0)
    return _("Not fixable");
  return NULL;
}

static char *
warranty_text (const AfsCaseData      *kase,
               const AfsEquipmentData *equipment)
{
  const char *status = afs_warranty_status_get_label (kase->warranty);

  if (equipment != NULL && equipment->warranty_end != NULL && equipment->warranty_end[0] != '\0')
    /* Translators: warranty status and its last day, "Under warranty, until 2027-03-01". */
    return g_strdup_printf (_("%s, until %s"), status, equipment->warranty_end);
  return g_strdup (status);
}

static void
add_photos (AfsReportDocument *doc,
            AfsStore          *store,
            AfsPhotoFolder    *folder,
            const char        *case_id,
            GCancellable      *cancellable)
{
  g_autoptr(GPtrArray) photos = afs_store_list_photos (store, case_id, NULL);

  if (photos == NULL || folder == NULL)
    return;

  for (guint i = 0; i < photos->len; i++)
    {
      AfsPhotoData *photo = g_ptr_array_index (photos, i);
      g_autoptr(GError) error = NULL;
      g_autofree char *path = NULL;

      /* The report uses downscaled copies; the originals stay as evidence. */
      path = afs_photo_folder_get_scaled (folder, photo->sha256, AFS_PHOTO_SIZE_REPORT,
                                          cancellable, &error);
      if (path == NULL)
        {
          g_debug ("photo %s left out of the report: %s", photo->sha256, error->message);
          continue;
        }
      afs_report_document_add_photo (doc, path, afs_photo_kind_get_label (photo->kind),
                                     photo->caption, photo->taken_at);
    }
}

static void
add_signatures (AfsReportDocument     *doc,
                AfsStore              *store,
                const AfsRepairReport *report)
{
  g_autoptr(GPtrArray) signatures = NULL;

  if (report->id == NULL || report->signed_at == 0)
    return;

  signatures = afs_store_list_signatures (store, report->id, NULL);
  for (guint i = 0; signatures != NULL && i < signatures->len; i++)
    {
      AfsSignatureData *sig = g_ptr_array_index (signatures, i);
      AfsReportSignature *target = g_strcmp0 (sig->party, "customer") == 0
                                   ? &doc->customer_signature : &doc->technician_signature;

      afs_report_signature_set (target, sig->strokes, sig->signer_name, sig->signer_role,
                                sig->signed_at);
    }
}

AfsReportDocument *
afs_report_compose (AfsStore        *store,
                    AfsPhotoFolder  *folder,
                    const AfsReportCompany *company,
                    const char      *case_id,
                    GCancellable    *cancellable,
                    GError         **error)
{
  g_autoptr(AfsReportDocument) doc = NULL;
  AfsCaseData kase = { 0 };
  AfsCustomerData customer = { 0 };
  AfsEquipmentData equipment = { 0 };
  AfsRepairReport report;
  g_autoptr(GError) local_error = NULL;
  gboolean has_customer = FALSE, has_equipment = FALSE, has_report;
  g_autoptr(GPtrArray) visits = NULL;

  g_return_val_if_fail (AFS_IS_STORE (store), NULL);
  g_return_val_if_fail (case_id != NULL, NULL);

  if (!afs_store_get_case (store, case_id, &kase, error))
    return NULL;

  /* What the report screen shows: an unsigned report prints as typed (its
   * draft), a signed one exactly as signed (it has no draft). */
  afs_repair_report_init (&report);
  has_report = afs_store_load_report_for_editing (store, case_id, &report, &local_error);
  if (!has_report && !g_error_matches (local_error, AFS_ERROR, AFS_ERROR_NOT_FOUND))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      afs_case_data_clear (&kase);
      afs_repair_report_clear (&report);
      return NULL;
    }

  if (kase.customer_id != NULL)
    has_customer = afs_store_get_customer (store, kase.customer_id, &customer, NULL);
  if (kase.equipment_id != NULL)
    has_equipment = afs_store_get_equipment (store, kase.equipment_id, &equipment, NULL);

  doc = afs_report_document_new ();
  /* The header names the service company (Preferences → Service Report). */
  doc->company_name = g_strdup (company != NULL && company->name != NULL && company->name[0] != '\0'
                                ? company->name : _("After-Sales Service"));
  if (company != NULL)
    {
      doc->company_address = nonempty (company->address);
      doc->company_phone = nonempty (company->phone);
    }

  doc->case_number = g_strdup (kase.number);
  doc->opened_at = kase.reported_at;
  doc->deadline_at = kase.resolve_due;
  doc->category = g_strdup (afs_category_get_label (kase.category));
  doc->severity = g_strdup (afs_severity_get_label (kase.severity));
  doc->problem = g_strdup (kase.description);

  doc->customer_name = g_strdup (has_customer ? customer.name : kase.customer_name);
  if (has_customer)
    {
      if (customer.city != NULL && customer.city[0] != '\0' && customer.address != NULL)
        doc->customer_address = g_strdup_printf ("%s, %s", customer.address, customer.city);
      else
        doc->customer_address = g_strdup (customer.address != NULL ? customer.address : customer.city);
    }
  doc->contact_name = g_strdup (kase.contact_name != NULL ? kase.contact_name
                                : has_customer ? customer.contact_name : NULL);
  doc->contact_phone = g_strdup (kase.contact_phone != NULL ? kase.contact_phone
                                 : has_customer ? customer.phone : NULL);

  doc->equipment_model = g_strdup (has_equipment ? equipment.model : kase.equipment_model);
  doc->serial_number = g_strdup (has_equipment ? equipment.serial : kase.serial);
  if (has_equipment)
    {
      doc->production_date = g_strdup (equipment.production_date);
      doc->purchase_date = g_strdup (equipment.purchase_date);
    }
  doc->warranty = warranty_text (&kase, has_equipment ? &equipment : NULL);

  if (has_report)
    {
      doc->fault_confirmed = report.fault_confirmed;
      doc->fault_confirmed_note = g_strdup (report.fault_description);
      doc->diagnosis = g_strdup (report.diagnosis);
      doc->cause = g_strdup (report.cause);
      doc->actions = g_strdup (report.actions);
      for (guint i = 0; report.parts != NULL && i < report.parts->len; i++)
        {
          AfsReportPart *part = g_ptr_array_index (report.parts, i);

          afs_report_document_add_part (doc, part->part_number, part->name, part->quantity,
                                        part->under_warranty, part->unit_price);
        }
      doc->labour_minutes = report.labour_minutes;
      doc->test_result = g_strdup (report.test_result);
      doc->outcome = g_strdup (outcome_label (report.outcome));
      if (report.remedy != AFS_REMEDY_NONE && report.remedy < AFS_REMEDY_N)
        afs_report_document_add_remedy (doc, afs_remedy_get_label (report.remedy),
                                        report.remedy_item, report.remedy_spec,
                                        report.remedy_quantity, report.remedy_reason);
      doc->advice = g_strdup (report.advice);

      for (int i = 0; i < AFS_RATING_N; i++)
        afs_report_document_add_score (doc, afs_rating_item_get_label (i), report.ratings[i]);
      doc->customer_opinion = g_strdup (report.customer_opinion);
      doc->accepted = report.accepted;
      doc->content_hash = g_strdup (report.content_hash);
      doc->report_version = (int) report.report_version;
      add_signatures (doc, store, &report);
    }

  visits = afs_store_list_visits (store, case_id, NULL);
  for (guint i = 0; visits != NULL && i < visits->len; i++)
    {
      AfsVisitData *visit = g_ptr_array_index (visits, i);

      afs_report_document_add_visit (doc, visit->staff_name, visit->travel_started_at,
                                     visit->arrived_at, visit->left_at);
    }

  add_photos (doc, store, folder, case_id, cancellable);

  afs_case_data_clear (&kase);
  afs_customer_data_clear (&customer);
  afs_equipment_data_clear (&equipment);
  afs_repair_report_clear (&report);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  return g_steal_pointer (&doc);
}

typedef struct {
  AfsStore       *store;
  AfsPhotoFolder *folder;
  char           *case_id;
  char           *company_name;
  char           *company_address;
  char           *company_phone;
} ComposeData;

static void
compose_data_free (ComposeData *data)
{
  g_clear_object (&data->store);
  g_clear_object (&data->folder);
  g_free (data->case_id);
  g_free (data->company_name);
  g_free (data->company_address);
  g_free (data->company_phone);
  g_free (data);
}

static void
compose_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  ComposeData *data = task_data;
  AfsReportCompany company = { data->company_name, data->company_address, data->company_phone };
  GError *error = NULL;
  AfsReportDocument *doc;

  doc = afs_report_compose (data->store, data->folder, &company, data->case_id, cancellable, &error);
  if (doc == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, doc, (GDestroyNotify) afs_report_document_free);
}

void
afs_report_compose_async (AfsStore            *store,
                          AfsPhotoFolder      *folder,
                          const AfsReportCompany *company,
                          const char          *case_id,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  ComposeData *data;

  g_return_if_fail (AFS_IS_STORE (store));
  g_return_if_fail (case_id != NULL);

  data = g_new0 (ComposeData, 1);
  data->store = g_object_ref (store);
  data->folder = folder != NULL ? g_object_ref (folder) : NULL;
  data->case_id = g_strdup (case_id);
  if (company != NULL)
    {
      data->company_name = g_strdup (company->name);
      data->company_address = g_strdup (company->address);
      data->company_phone = g_strdup (company->phone);
    }

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, afs_report_compose_async);
  g_task_set_task_data (task, data, (GDestroyNotify) compose_data_free);
  g_task_run_in_thread (task, compose_thread);
}

AfsReportDocument *
afs_report_compose_finish (GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

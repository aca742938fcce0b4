/* afs-office-problem.c: see afs-office-problem.h.
 *
 * Copyright 2026 The AfterSales authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <json-glib/json-glib.h>

#include "afs-office-problem.h"

AfsOfficeProblem *
afs_office_problem_new (guint       status,
                        const char *code,
                        const char *format,
                        ...)
{
  AfsOfficeProblem *p = g_new0 (AfsOfficeProblem, 1);
  va_list args;

  p->status = status;
  p->code = g_strdup (code);
  va_start (args, format);
  p->message = g_strdup_vprintf (format, args);
  va_end (args);
  p->seq = p->expected = p->offset = p->head = p->limit = -1;

  return p;
}

void
afs_office_problem_free (AfsOfficeProblem *p)
{
  if (p == NULL)
    return;
  g_free (p->code);
  g_free (p->message);
  g_free (p->field);
  g_free (p->sha256);
  g_free (p);
}

AfsOfficeProblem *
afs_office_problem_at (AfsOfficeProblem *p,
                       const char       *field,
                       gint64            seq)
{
  if (field != NULL)
    {
      g_free (p->field);
      p->field = g_strdup (field);
    }
  if (seq >= 0)
    p->seq = seq;
  return p;
}

char *
afs_office_problem_to_json (const AfsOfficeProblem *p)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "error");
  json_builder_add_string_value (b, p->code);
  json_builder_set_member_name (b, "message");
  json_builder_add_string_value (b, p->message);
  if (p->field != NULL)
    {
      json_builder_set_member_name (b, "field");
      json_builder_add_string_value (b, p->field);
    }
  if (p->sha256 != NULL)
    {
      json_builder_set_member_name (b, "sha256");
      json_builder_add_string_value (b, p->sha256);
    }
#define NUM(name) \
  if (p->name >= 0) \
    { \
      json_builder_set_member_name (b, #name); \
      json_builder_add_int_value (b, p->name); \
    }
  NUM (seq)
  NUM (expected)
  NUM (offset)
  NUM (head)
  NUM (limit)
#undef NUM
  json_builder_end_object (b);

  root = json_builder_get_root (b);
  json_generator_set_root (gen, root);
  return json_generator_to_data (gen, NULL);
}

/* afs-dispatch.c: who fits a case best (DOMAIN.md 7).
 *
 * Copyright 2026 The AfterSales authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "afs-customer-match.h"
#include "afs-dispatch.h"

/**
 * afs_dispatch_suggestion_free:
 * @suggestion: (nullable): a suggestion
 */
void
afs_dispatch_suggestion_free (AfsDispatchSuggestion *suggestion)
{
  if (suggestion == NULL)
    return;

  g_free (suggestion->staff_id);
  g_free (suggestion->name);
  g_free (suggestion->area);
  g_free (suggestion->matched_skills);
  g_free (suggestion->reason);
  g_free (suggestion);
}

/* Whether @needle is in @haystack as whole words (both folded). */
static gboolean
contains_words (const char *haystack,
                const char *needle)
{
  g_autofree char *h = NULL;
  g_autofree char *n = NULL;

  if (haystack == NULL || needle == NULL || *needle == '\0')
    return FALSE;

  h = g_strconcat (" ", haystack, " ", NULL);
  n = g_strconcat (" ", needle, " ", NULL);
  return strstr (h, n) != NULL;
}

/* The items of a list written with ",", ";" (and "/" when @slash), or
 * the Chinese "、", "，", "；": "苏州、昆山、吴江". */
static char **
split_list (const char *list,
            gboolean    slash)
{
  g_autoptr(GString) ascii = g_string_new (list != NULL ? list : "");

  g_string_replace (ascii, "、", ",", 0);
  g_string_replace (ascii, "，", ",", 0);
  g_string_replace (ascii, "；", ";", 0);
  return g_strsplit_set (ascii->str, slash ? ",;/" : ",;", -1);
}

/* A Chinese place name without its "市" (city) or "县" (county), so
 * "苏州市" and "苏州" are the same place. */
static void
strip_admin_suffix (char *folded)
{
  static const char *const suffixes[] = { "市", "县" };
  gsize len = strlen (folded);

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      gsize slen = strlen (suffixes[i]);

      if (len > slen + 3 && g_str_has_suffix (folded, suffixes[i]))
        {
          folded[len - slen] = '\0';
          g_strchomp (folded);
          return;
        }
    }
}

/**
 * afs_dispatch_area_covers:
 * @service_area: (nullable): the technician's area, items separated by
 *   ",", ";" or "/"
 * @city: (nullable): the customer's city
 *
 * An item covers the city when, folded (case and diacritics: "Krakow"
 * is "Kraków"), they are equal or one holds the other as whole words
 * ("Kraków" and "Kraków i okolice"); a Chinese "市" is left out ("苏州市"
 * is "苏州"). A technician's area is a list of the places they go:
 * "Suzhou, Kunshan, Wujiang".
 *
 * Returns: (transfer full) (nullable): the item that covers @city
 */
char *
afs_dispatch_area_covers (const char *service_area,
                          const char *city)
{
  g_auto(GStrv) items = NULL;
  g_autofree char *fcity = NULL;

  if (service_area == NULL || city == NULL)
    return NULL;

  fcity = afs_text_fold (city);
  if (fcity == NULL || *fcity == '\0')
    return NULL;
  strip_admin_suffix (fcity);

  items = split_list (service_area, TRUE);
  for (guint i = 0; items[i] != NULL; i++)
    {
      g_autofree char *fitem = afs_text_fold (items[i]);

      if (fitem == NULL || *fitem == '\0')
        continue;
      strip_admin_suffix (fitem);
      if (g_str_equal (fitem, fcity) || contains_words (fitem, fcity) ||
          contains_words (fcity, fitem))
        return g_strstrip (g_strdup (items[i]));
    }

  return NULL;
}

static char *
need_text (const AfsDispatchNeed *need)
{
  g_autofree char *joined = NULL;

  joined = g_strjoin (" ",
                      (guint) need->category < AFS_CATEGORY_N ? afs_category_to_string (need->category) : "",
                      (guint) need->category < AFS_CATEGORY_N ? afs_category_get_label (need->category) : "",
                      need->equipment_model != NULL ? need->equipment_model : "",
                      need->description != NULL ? need->description : "",
                      NULL);
  return afs_text_fold (joined);
}

/* Whether @stem starts a word of @text (both folded); Han anywhere. */
static gboolean
starts_word (const char *text,
             const char *stem)
{
  gsize len = strlen (stem);

  if (len == 0)
    return FALSE;
  if (g_utf8_get_char (stem) >= 0x2E80)
    return strstr (text, stem) != NULL;
  for (const char *p = strstr (text, stem); p != NULL; p = strstr (p + 1, stem))
    if (p == text || p[-1] == ' ')
      return TRUE;
  return FALSE;
}

/* Whether the folded skill @skill is mentioned in @text as written: as
 * it is, or without a plural ending ("compressors" → "compressor"), at
 * the start of a word. Han skills match anywhere; others need 3 letters
 * at least. */
static gboolean
skill_in_text (const char *skill,
               const char *text)
{
  gsize len = strlen (skill);
  g_autofree char *stem = NULL;

  if (len == 0)
    return FALSE;

  if (g_utf8_strlen (skill, -1) < 3 && g_unichar_isalpha (g_utf8_get_char (skill)) &&
      g_utf8_get_char (skill) < 0x2E80)
    return FALSE;

  if (starts_word (text, skill))
    return TRUE;

  if (len > 4 && g_str_has_suffix (skill, "es"))
    {
      stem = g_strndup (skill, len - 2);
      if (starts_word (text, stem))
        return TRUE;
      g_clear_pointer (&stem, g_free);
    }
  if (len > 3 && g_str_has_suffix (skill, "s"))
    {
      stem = g_strndup (skill, len - 1);
      if (starts_word (text, stem))
        return TRUE;
    }

  return FALSE;
}

/* The skills of @skills that serve @needed trades or are named in the
 * folded @text. @n_matched counts what they bring: each needed trade
 * once ("制冷, 冷库" is one trade), each skill the case names as written
 * once. */
static char *
match_skills (const char *skills,
              const char *text,
              AfsTrades   needed,
              guint      *n_matched)
{
  g_auto(GStrv) items = NULL;
  g_autoptr(GString) out = NULL;
  AfsTrades covered = 0;
  guint literal = 0;

  *n_matched = 0;
  if (skills == NULL)
    return NULL;

  out = g_string_new (NULL);
  items = split_list (skills, FALSE);
  for (guint i = 0; items[i] != NULL; i++)
    {
      g_autofree char *fold = afs_text_fold (items[i]);
      AfsTrades trades;

      if (fold == NULL || *fold == '\0')
        continue;
      trades = afs_trades_of_skill (fold) & needed;
      if (trades != 0)
        covered |= trades;
      else if (skill_in_text (fold, text))
        literal++;
      else
        continue;
      if (out->len > 0)
        g_string_append (out, ", ");
      g_string_append (out, g_strstrip (items[i]));
    }

  *n_matched = literal;
  for (guint t = 0; t < AFS_TRADE_N; t++)
    if (covered & (1u << t))
      (*n_matched)++;

  return out->len > 0 ? g_string_free (g_steal_pointer (&out), FALSE) : NULL;
}

/**
 * afs_dispatch_needed_trades:
 * @need: what the case needs
 *
 * Returns: the trades the case's category, equipment model and
 *   description show it needs (afs_trades_needed_by()); 0 when they say
 *   nothing about it
 */
AfsTrades
afs_dispatch_needed_trades (const AfsDispatchNeed *need)
{
  g_autofree char *text = NULL;

  g_return_val_if_fail (need != NULL, 0);
  text = need_text (need);
  return afs_trades_needed_by (text);
}

/**
 * afs_dispatch_match_skills:
 * @skills: (nullable): the technician's skills, comma separated
 * @need: what the case needs
 * @n_matched: (out) (optional): how many skills match
 *
 * A skill matches when it names a trade the case needs (in any of the
 * four languages: "制冷" for a chest freezer, "climatización" for a heat
 * pump) or when the case mentions it as written ("compressors").
 *
 * Returns: (transfer full) (nullable): the matching skills as written,
 *   joined with ", "
 */
char *
afs_dispatch_match_skills (const char            *skills,
                           const AfsDispatchNeed *need,
                           guint                 *n_matched)
{
  g_autofree char *text = NULL;
  guint n = 0;
  char *out;

  if (n_matched != NULL)
    *n_matched = 0;
  if (skills == NULL || need == NULL)
    return NULL;

  text = need_text (need);
  out = match_skills (skills, text, afs_trades_needed_by (text), &n);
  if (n_matched != NULL)
    *n_matched = n;
  return out;
}

static char *
make_reason (const AfsDispatchSuggestion *s,
             const AfsStaffData          *staff,
             const AfsDispatchNeed       *need,
             AfsTrades                    needed)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  gboolean has_city = need->city != NULL && *need->city != '\0';

  if (s->area_match)
    /* The place as the technician's list writes it. */
    g_ptr_array_add (parts, g_strdup_printf (_("Covers %s"), s->area));
  else if (staff->service_area == NULL || *staff->service_area == '\0')
    g_ptr_array_add (parts, g_strdup (_("No service area recorded")));
  else if (!has_city)
    g_ptr_array_add (parts, g_strdup (_("The customer’s city is not recorded")));
  else if (s->visits_in_city > 0)
    /* Translators: the city the technician's area does not list, and how
     * many earlier cases there they worked on */
    g_ptr_array_add (parts, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                          "Has worked in %s before (%u case)",
                                                          "Has worked in %s before (%u cases)",
                                                          s->visits_in_city),
                                             need->city, s->visits_in_city));
  else
    /* Translators: the customer's city, e.g. "Does not cover Kraków" */
    g_ptr_array_add (parts, g_strdup_printf (_("Does not cover %s"), need->city));

  if (s->matched_skills != NULL)
    /* Translators: followed by the technician's skills, e.g. "knows refrigeration, electrical" */
    g_ptr_array_add (parts, g_strdup_printf (_("knows %s"), s->matched_skills));
  else if (needed != 0)
    {
      AfsTrade first = AFS_TRADE_N;

      for (guint t = 0; t < AFS_TRADE_N && first == AFS_TRADE_N; t++)
        if (needed & (1u << t))
          first = (AfsTrade) t;
      /* Translators: the trade the case needs, e.g. "no skill for refrigeration" */
      g_ptr_array_add (parts, g_strdup_printf (_("no skill for %s"), afs_trade_get_label (first)));
    }
  else
    g_ptr_array_add (parts, g_strdup (_("the case does not show which trade it needs")));

  if (s->open_assignments == 0)
    g_ptr_array_add (parts, g_strdup (_("no open orders")));
  else
    g_ptr_array_add (parts, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                          "%u open order", "%u open orders",
                                                          s->open_assignments),
                                             s->open_assignments));

  g_ptr_array_add (parts, NULL);
  /* Translators: the separator between the parts of a dispatch reason */
  return g_strjoinv (_(", "), (char **) parts->pdata);
}

static int
compare_suggestions (gconstpointer a,
                     gconstpointer b)
{
  const AfsDispatchSuggestion *sa = *(AfsDispatchSuggestion *const *) a;
  const AfsDispatchSuggestion *sb = *(AfsDispatchSuggestion *const *) b;

  if (sa->score != sb->score)
    return sa->score > sb->score ? -1 : 1;
  if (sa->open_assignments != sb->open_assignments)
    return sa->open_assignments < sb->open_assignments ? -1 : 1;
  return g_utf8_collate (sa->name != NULL ? sa->name : "", sb->name != NULL ? sb->name : "");
}

/**
 * afs_dispatch_suggest:
 * @need: what the case needs
 * @candidates: (array length=n_candidates): the staff with their load
 * @n_candidates: how many
 * @limit: at most this many results; 0 for all
 *
 * Returns: (transfer full) (element-type AfsDispatchSuggestion): the
 *   active technicians, best first
 */
GPtrArray *
afs_dispatch_suggest (const AfsDispatchNeed      *need,
                      const AfsDispatchCandidate *candidates,
                      guint                       n_candidates,
                      guint                       limit)
{
  GPtrArray *out = g_ptr_array_new_with_free_func ((GDestroyNotify) afs_dispatch_suggestion_free);
  g_autofree char *text = NULL;
  AfsTrades needed;

  g_return_val_if_fail (need != NULL, out);
  g_return_val_if_fail (candidates != NULL || n_candidates == 0, out);

  text = need_text (need);
  needed = afs_trades_needed_by (text);

  for (guint i = 0; i < n_candidates; i++)
    {
      const AfsStaffData *staff = candidates[i].staff;
      AfsDispatchSuggestion *s;
      guint n_skills = 0;

      if (staff == NULL || !staff->active || staff->role != AFS_ROLE_TECHNICIAN)
        continue;

      s = g_new0 (AfsDispatchSuggestion, 1);
      s->staff_id = g_strdup (staff->id);
      s->name = g_strdup (staff->name);
      s->open_assignments = candidates[i].open_assignments;
      s->visits_in_city = candidates[i].visits_in_city;

      s->area = afs_dispatch_area_covers (staff->service_area, need->city);
      if (s->area == NULL && (need->city == NULL || *need->city == '\0') && need->address != NULL)
        {
          /* No city recorded: the area may still be named in the address. */
          g_auto(GStrv) items = split_list (staff->service_area, TRUE);
          g_autofree char *faddress = afs_text_fold (need->address);

          for (guint k = 0; items[k] != NULL && s->area == NULL; k++)
            {
              g_autofree char *fitem = afs_text_fold (items[k]);

              if (fitem != NULL && *fitem != '\0' && contains_words (faddress, fitem))
                s->area = g_strstrip (g_strdup (items[k]));
            }
        }
      s->area_match = s->area != NULL;
      if (s->area == NULL)
        s->area = g_strdup (staff->service_area);

      s->matched_skills = match_skills (staff->skills, text, needed, &n_skills);

      s->score = (s->area_match ? AFS_DISPATCH_AREA_POINTS : 0)
                 + (n_skills > 0 ? AFS_DISPATCH_SKILL_POINTS : 0)
                 + AFS_DISPATCH_EXTRA_SKILL_POINTS * (int) MIN (n_skills > 0 ? n_skills - 1 : 0,
                                                               AFS_DISPATCH_EXTRA_SKILLS_COUNTED)
                 + (!s->area_match && s->visits_in_city > 0 ? AFS_DISPATCH_VISITED_POINTS : 0)
                 - AFS_DISPATCH_LOAD_PENALTY * (int) MIN (s->open_assignments, AFS_DISPATCH_LOAD_COUNTED);
      s->reason = make_reason (s, staff, need, needed);

      g_ptr_array_add (out, s);
    }

  g_ptr_array_sort (out, compare_suggestions);
  if (limit > 0 && out->len > limit)
    g_ptr_array_set_size (out, limit);

  return out;
}

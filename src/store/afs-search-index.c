/* afs-search-index.c
 *
 * Copyright 2026 The AfterSales authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "afs-case-number.h"
#include "afs-search-index.h"

/* Why the text is prepared before FTS5 sees it:
 *
 * - unicode61 splits words at spaces and punctuation. Chinese and Japanese
 *   do not put spaces between words, so "冰箱不制冷" would be one token and
 *   "冰箱" would not find it. Making every Han or kana character a token
 *   of its own (in the index and in the query alike) and searching a run
 *   of them as a phrase finds any sequence of characters, which is what a
 *   person searching Chinese expects, with no dictionary.
 * - remove_diacritics 2 folds "ó" to "o" but not "ł", which has no
 *   Unicode decomposition; Polish users type "l" for it.
 * - Serial numbers are searched by any part ("4711" of "HX4711B"), but
 *   FTS5 matches only whole tokens or prefixes of tokens. Indexing the
 *   suffixes of each serial chunk turns "part of" into "prefix of". */

#define MIN_SUFFIX_CHARS 3
#define MAX_CHUNK_CHARS  48

static gboolean
is_cjk (gunichar c)
{
  return (c >= 0x3040 && c <= 0x30FF) ||    /* hiragana, katakana */
         (c >= 0x31F0 && c <= 0x31FF) ||    /* katakana phonetic extensions */
         (c >= 0x3005 && c <= 0x3007) ||    /* 々 〆 〇 */
         (c >= 0x3400 && c <= 0x4DBF) ||    /* CJK extension A */
         (c >= 0x4E00 && c <= 0x9FFF) ||    /* CJK unified ideographs */
         (c >= 0xF900 && c <= 0xFAFF) ||    /* compatibility ideographs */
         (c >= 0x20000 && c <= 0x3134F);    /* extensions B… */
}

static gunichar
fold_char (gunichar c)
{
  switch (c)
    {
    case 0x0141: return 'L';   /* Ł */
    case 0x0142: return 'l';   /* ł */
    case 0x0110: return 'D';   /* Đ */
    case 0x0111: return 'd';   /* đ */
    case 0x00D8: return 'O';   /* Ø */
    case 0x00F8: return 'o';   /* ø */
    default:     return c;
    }
}

/**
 * afs_search_append_text:
 * @out: where to append
 * @text: (nullable): text as stored
 *
 * Appends @text as the index and the query see it (see the top of this
 * file). Invalid UTF-8 is replaced, never passed on.
 */
void
afs_search_append_text (GString    *out,
                        const char *text)
{
  g_autofree char *valid = NULL;
  const char *p;

  if (text == NULL)
    return;

  if (!g_utf8_validate (text, -1, NULL))
    text = valid = g_utf8_make_valid (text, -1);

  for (p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (is_cjk (c))
        {
          g_string_append_c (out, ' ');
          g_string_append_unichar (out, c);
          g_string_append_c (out, ' ');
        }
      else if (c < 0x80)
        g_string_append_c (out, (char) c);
      else
        g_string_append_unichar (out, fold_char (c));
    }
}

static gboolean
is_serial_char (gunichar c)
{
  return g_unichar_isalnum (c) && !is_cjk (c);
}

/* The serial itself, then the suffixes of each chunk of letters and
 * digits: "HX-4711B" -> "HX-4711B 711B 11B". */
static void
append_serial (GString    *out,
               const char *serial)
{
  g_autofree char *valid = NULL;
  const char *p;

  if (serial == NULL)
    return;

  if (!g_utf8_validate (serial, -1, NULL))
    serial = valid = g_utf8_make_valid (serial, -1);

  afs_search_append_text (out, serial);

  p = serial;
  while (*p != '\0')
    {
      const char *chunk;
      const char *offsets[MAX_CHUNK_CHARS];
      guint n = 0;

      while (*p != '\0' && !is_serial_char (g_utf8_get_char (p)))
        p = g_utf8_next_char (p);
      chunk = p;
      while (*p != '\0' && is_serial_char (g_utf8_get_char (p)))
        {
          if (n < MAX_CHUNK_CHARS)
            offsets[n] = p;
          n++;
          p = g_utf8_next_char (p);
        }

      /* Very long chunks are not serial numbers people type parts of;
       * their suffixes would only bloat the index. */
      if (n > MAX_CHUNK_CHARS)
        continue;

      for (guint i = 1; i + MIN_SUFFIX_CHARS <= n; i++)
        {
          g_string_append_c (out, ' ');
          g_string_append_len (out, offsets[i], p - offsets[i]);
        }
      (void) chunk;
    }
}

/**
 * afs_search_index_case:
 * @db: the write connection, locked, in a transaction
 * @local_id: the case's rowid
 * @number: the case number
 * @customer_name: (nullable): the customer's name
 * @serial: (nullable): the equipment's serial or batch number
 * @description: (nullable): the problem description
 * @report_text: (nullable): diagnosis and actions of the case's reports
 * @replace: whether the case may already be indexed
 * @error: return location for an %AFS_ERROR
 *
 * The number is indexed as written ("AS-2026-000123") and as the bare
 * sequence ("123"), because people read out "case 123" on the phone.
 *
 * Returns: %TRUE on success
 */
gboolean
afs_search_index_case (AfsDb       *db,
                       gint64       local_id,
                       const char  *number,
                       const char  *customer_name,
                       const char  *serial,
                       const char  *description,
                       const char  *report_text,
                       gboolean     replace,
                       GError     **error)
{
  g_autoptr(GString) number_text = g_string_new (NULL);
  g_autoptr(GString) customer_text = g_string_new (NULL);
  g_autoptr(GString) serial_text = g_string_new (NULL);
  g_autoptr(GString) body_text = g_string_new (NULL);
  sqlite3_stmt *stmt;
  gint64 seq;

  if (replace)
    {
      stmt = afs_db_prepare (db, "DELETE FROM case_fts WHERE rowid = ?1", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, local_id);
      if (!afs_db_step_done (db, stmt, _("updating the search index"), error))
        return FALSE;
    }

  g_string_append (number_text, number);
  if (afs_case_number_parse (number, NULL, &seq))
    g_string_append_printf (number_text, " %" G_GINT64_FORMAT, seq);

  afs_search_append_text (customer_text, customer_name);
  append_serial (serial_text, serial);
  afs_search_append_text (body_text, description);
  if (report_text != NULL && *report_text != '\0')
    {
      g_string_append_c (body_text, '\n');
      afs_search_append_text (body_text, report_text);
    }

  stmt = afs_db_prepare (db,
                         "INSERT INTO case_fts (rowid, number, customer, serial, body) "
                         "VALUES (?1, ?2, ?3, ?4, ?5)",
                         error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, local_id);
  sqlite3_bind_text (stmt, 2, number_text->str, number_text->len, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, customer_text->str, customer_text->len, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, serial_text->str, serial_text->len, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, body_text->str, body_text->len, SQLITE_STATIC);

  return afs_db_step_done (db, stmt, _("updating the search index"), error);
}

#define SELECT_CASE_TEXT \
  "SELECT c.local_id, c.number, cu.name, e.serial, c.description," \
  "       (SELECT group_concat(coalesce(r.diagnosis, '') || ' ' || coalesce(r.actions, ''), ' ')" \
  "          FROM reports r WHERE r.case_id = c.id AND r.deleted_at IS NULL)" \
  "  FROM cases c" \
  "  JOIN customers cu ON cu.id = c.customer_id" \
  "  LEFT JOIN equipment e ON e.id = c.equipment_id" \
  " WHERE c.deleted_at IS NULL"

/**
 * afs_search_reindex_case:
 * @db: the write connection, locked, in a transaction
 * @local_id: the case's rowid
 * @error: return location for an %AFS_ERROR
 *
 * Rewrites the index row of a case from the tables, after a change to
 * any of the text it is found by. A deleted case leaves the index.
 *
 * Returns: %TRUE on success
 */
gboolean
afs_search_reindex_case (AfsDb   *db,
                         gint64   local_id,
                         GError **error)
{
  sqlite3_stmt *stmt;
  g_autofree char *number = NULL;
  g_autofree char *customer = NULL;
  g_autofree char *serial = NULL;
  g_autofree char *description = NULL;
  g_autofree char *report_text = NULL;
  int rc;

  stmt = afs_db_prepare (db, SELECT_CASE_TEXT " AND c.local_id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, local_id);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      number = afs_db_column_dup (stmt, 1);
      customer = afs_db_column_dup (stmt, 2);
      serial = afs_db_column_dup (stmt, 3);
      description = afs_db_column_dup (stmt, 4);
      report_text = afs_db_column_dup (stmt, 5);
    }
  else if (rc != SQLITE_DONE)
    {
      afs_db_set_error (db, rc, _("updating the search index"), error);
      afs_db_stmt_release (stmt);
      return FALSE;
    }
  afs_db_stmt_release (stmt);

  if (number == NULL)
    {
      stmt = afs_db_prepare (db, "DELETE FROM case_fts WHERE rowid = ?1", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, local_id);
      return afs_db_step_done (db, stmt, _("updating the search index"), error);
    }

  return afs_search_index_case (db, local_id, number, customer, serial,
                                description, report_text, TRUE, error);
}

/**
 * afs_search_index_all:
 * @db: the write connection, locked, in a transaction
 * @error: return location for an %AFS_ERROR
 *
 * Indexes every case, for the migration that creates the index on a file
 * that already holds cases.
 *
 * Returns: %TRUE on success
 */
gboolean
afs_search_index_all (AfsDb   *db,
                      GError **error)
{
  sqlite3_stmt *stmt;
  int rc;

  /* Not from the cache: this runs once, and the cached insert statement
   * is used while this one is still stepping. */
  rc = sqlite3_prepare_v2 (afs_db_get_handle (db), SELECT_CASE_TEXT, -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      afs_db_set_error (db, rc, _("building the search index"), error);
      return FALSE;
    }

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      if (!afs_search_index_case (db,
                                  sqlite3_column_int64 (stmt, 0),
                                  afs_db_column_text (stmt, 1),
                                  afs_db_column_text (stmt, 2),
                                  afs_db_column_text (stmt, 3),
                                  afs_db_column_text (stmt, 4),
                                  afs_db_column_text (stmt, 5),
                                  FALSE, error))
        {
          sqlite3_finalize (stmt);
          return FALSE;
        }
    }

  if (rc != SQLITE_DONE)
    {
      afs_db_set_error (db, rc, _("building the search index"), error);
      sqlite3_finalize (stmt);
      return FALSE;
    }

  sqlite3_finalize (stmt);
  return TRUE;
}

static gboolean
has_token_char (const char *word)
{
  for (const char *p = word; *p != '\0'; p = g_utf8_next_char (p))
    if (g_unichar_isalnum (g_utf8_get_char (p)))
      return TRUE;

  return FALSE;
}

/* Whether the last word should match as a prefix. Not when its last
 * token is a Han or kana character (a single character is a whole token
 * there, a prefix adds nothing), nor when it is one letter or digit: every
 * token starting with "a" is a large part of the index (FTS5 keeps prefix
 * indexes for 2 and 3 characters only), a search of 200 ms at a million
 * cases that finds nothing anyone meant. */
static gboolean
wants_prefix (const char *word)
{
  gboolean last_cjk = FALSE;
  guint run = 0;

  for (const char *p = word; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isalnum (c))
        {
          last_cjk = is_cjk (c);
          run = last_cjk ? 0 : run + 1;
        }
      else if (!last_cjk)
        run = 0;
    }

  return !last_cjk && run >= 2;
}

/**
 * afs_search_build_query:
 * @text: (nullable): what the person typed
 *
 * Turns typed text into an FTS5 expression: each word separated by white
 * space becomes a quoted string (FTS5 then reads it as a phrase of the
 * tokens inside it, so "AS-2026-000123" and a run of Chinese characters
 * match as written), all of them must match, and the last one matches as
 * a prefix (when its last token has two letters or more), so results
 * appear while typing. Quoting every word (with
 * quotes inside doubled) means no input is ever read as FTS5 syntax:
 * AND, NEAR, column filters, unbalanced quotes and "SQL" are just text.
 * Words without a letter or digit are dropped: they match nothing.
 *
 * Returns: (transfer full) (nullable): the expression, or %NULL if @text
 *   holds nothing to search for
 */
char *
afs_search_build_query (const char *text)
{
  g_autofree char *valid = NULL;
  g_auto(GStrv) words = NULL;
  g_autoptr(GString) query = g_string_new (NULL);
  g_autoptr(GString) prepared = g_string_new (NULL);
  int last = -1;

  if (text == NULL)
    return NULL;

  if (!g_utf8_validate (text, -1, NULL))
    text = valid = g_utf8_make_valid (text, -1);

  /* Split at any white space, including the ideographic space U+3000
   * that Chinese and Japanese input methods type. */
  {
    g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func (g_free);
    const char *start = NULL;

    for (const char *p = text; ; p = g_utf8_next_char (p))
      {
        gunichar c = g_utf8_get_char (p);
        gboolean end = (*p == '\0');

        if (end || g_unichar_isspace (c))
          {
            if (start != NULL)
              g_ptr_array_add (list, g_strndup (start, p - start));
            start = NULL;
            if (end)
              break;
          }
        else if (start == NULL)
          start = p;
      }
    g_ptr_array_add (list, NULL);
    words = (GStrv) g_ptr_array_free (g_steal_pointer (&list), FALSE);
  }

  for (int i = 0; words[i] != NULL; i++)
    if (has_token_char (words[i]))
      last = i;

  if (last < 0)
    return NULL;

  for (int i = 0; i <= last; i++)
    {
      if (!has_token_char (words[i]))
        continue;

      g_string_truncate (prepared, 0);
      afs_search_append_text (prepared, words[i]);

      if (query->len > 0)
        g_string_append_c (query, ' ');
      g_string_append_c (query, '"');
      for (gsize j = 0; j < prepared->len; j++)
        {
          if (prepared->str[j] == '"')
            g_string_append_c (query, '"');
          g_string_append_c (query, prepared->str[j]);
        }
      g_string_append_c (query, '"');

      if (i == last && wants_prefix (words[i]))
        g_string_append_c (query, '*');
    }

  return g_string_free (g_steal_pointer (&query), FALSE);
}

/* afs-store.c: opening a case file (inspect, back up, migrate), backups,
 * batches, the acting person, the clock and the policies.
 *
 * Copyright 2026 The AfterSales authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "afs-error.h"
#include "afs-hlc.h"
#include "afs-migrations.h"
#include "afs-search-index.h"
#include "afs-store-impl.h"

#define DEFAULT_BUSY_TIMEOUT_MS 5000

/* PRAGMA quick_check reads every page: about 100 MB/s, so a minute for a
 * million cases. Files up to this size get it on every open; bigger ones
 * get it when there is reason to doubt them (see inspect_file()). */
#define FULL_CHECK_MAX_BYTES (G_GINT64_CONSTANT (256) << 20)
static gint64 full_check_max_bytes = FULL_CHECK_MAX_BYTES;

/**
 * afs_store_set_full_check_max_bytes:
 * @max_bytes: a file size, or -1 for the default
 *
 * See afs-store-private.h.
 */
void
afs_store_set_full_check_max_bytes (gint64 max_bytes)
{
  full_check_max_bytes = max_bytes >= 0 ? max_bytes : FULL_CHECK_MAX_BYTES;
}

typedef struct {
  gint64 local_id;
  guint  depth;   /* the transaction level that queued it */
} SearchQueueEntry;

G_DEFINE_FINAL_TYPE (AfsStore, afs_store, G_TYPE_OBJECT)

static gint64
default_clock (gpointer user_data)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}

static void
afs_store_finalize (GObject *object)
{
  AfsStore *self = AFS_STORE (object);

  if (self->pool != NULL)
    {
      /* Every queued job holds a reference, so none is left; but the last
       * reference may be dropped on the worker itself, which must not
       * wait for itself to finish. */
      gboolean on_worker = g_atomic_pointer_get (&self->worker_thread) == (gpointer) g_thread_self ();

      g_thread_pool_free (self->pool, TRUE, !on_worker);
      self->pool = NULL;
    }

  g_clear_pointer (&self->rdb, afs_db_close);
  g_clear_pointer (&self->wdb, afs_db_close);
  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->device_id, g_free);
  g_clear_pointer (&self->hlc, afs_hlc_free);
  g_clear_pointer (&self->actor_id, g_free);
  g_clear_pointer (&self->actor_name, g_free);
  g_clear_pointer (&self->search_queue, g_array_unref);
  if (self->sql_scratch != NULL)
    g_string_free (g_steal_pointer (&self->sql_scratch), TRUE);
  g_mutex_clear (&self->props_lock);

  G_OBJECT_CLASS (afs_store_parent_class)->finalize (object);
}

static void
afs_store_class_init (AfsStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = afs_store_finalize;
}

static void
afs_store_init (AfsStore *self)
{
  g_mutex_init (&self->props_lock);
  self->actor_role = AFS_ROLE_OFFICE;
  self->actor_name = g_strdup ("");
  self->clock_func = default_clock;
  self->outbox_enabled = TRUE;
  self->search_queue = g_array_new (FALSE, FALSE, sizeof (SearchQueueEntry));
  self->sql_scratch = g_string_sized_new (1024);
  afs_deadline_policy_init_defaults (&self->deadline_policy);
  afs_approval_policy_init_defaults (&self->approval_policy);
}

/**
 * afs_store_schema_version_latest:
 *
 * Returns: the schema version this build writes; files with a higher
 *   version were written by a newer AfterSales and are refused
 */
int
afs_store_schema_version_latest (void)
{
  return afs_migrations_latest ();
}

/* ---- Opening -------------------------------------------------------------- */

static char *
timestamp_now (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return g_date_time_format (now, "%Y%m%d-%H%M%S");
}

/* "<base><suffix>", or "<base>-2<suffix>"… if that exists: two backups or
 * two damaged copies in the same second must not overwrite each other. */
static char *
unique_path (const char *base,
             const char *suffix)
{
  char *path = g_strconcat (base, suffix, NULL);

  for (int n = 2; g_file_test (path, G_FILE_TEST_EXISTS); n++)
    {
      g_free (path);
      path = g_strdup_printf ("%s-%d%s", base, n, suffix);
    }

  return path;
}

static void
set_io_error (GError     **error,
              const char  *path,
              int          saved_errno)
{
  g_set_error (error, AFS_ERROR, AFS_ERROR_IO,
               _("“%s” cannot be opened: %s. Check that the file and its folder exist "
                 "and that you may read and write them."),
               path, g_strerror (saved_errno));
}

static void
set_not_ours_error (GError     **error,
                    const char  *path,
                    const char  *detail)
{
  g_set_error (error, AFS_ERROR, AFS_ERROR_CORRUPT,
               _("“%s” is damaged or is not an AfterSales database (%s). Restore a backup "
                 "of it, or open another file."),
               path, detail);
}

/* What inspect_file() found. */
typedef struct {
  gboolean exists;     /* a non-empty file is there */
  int      version;    /* its schema version */
} FileInfo;

static gboolean
inspect_query_int (sqlite3     *handle,
                   const char  *path,
                   const char  *sql,
                   gint64      *out,
                   GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (handle, sql, -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          *out = sqlite3_column_int64 (stmt, 0);
          rc = SQLITE_OK;
        }
    }

  if (rc != SQLITE_OK)
    afs_db_set_error_full (handle, path, rc, _("checking the file"), error);

  sqlite3_finalize (stmt);
  return rc == SQLITE_OK;
}

/* PRAGMA quick_check: the b-tree structure of every page, without the
 * slower index-content comparison of integrity_check. */
static gboolean
inspect_quick_check (sqlite3     *handle,
                     const char  *path,
                     GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  g_autofree char *first = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (handle, "PRAGMA quick_check (1)", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          first = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
          rc = SQLITE_OK;
        }
    }

  if (rc != SQLITE_OK)
    {
      afs_db_set_error_full (handle, path, rc, _("checking the file"), error);
      sqlite3_finalize (stmt);
      return FALSE;
    }
  sqlite3_finalize (stmt);

  if (g_strcmp0 (first, "ok") != 0)
    {
      set_not_ours_error (error, path, first != NULL ? first : "quick_check");
      return FALSE;
    }

  return TRUE;
}

static guint32
read_be32 (const guint8 *p)
{
  return ((guint32) p[0] << 24) | ((guint32) p[1] << 16) | ((guint32) p[2] << 8) | p[3];
}

/* What the 100-byte header says about the file's size. A file shorter
 * than its header says was cut (a copy that did not finish). The
 * in-header size is trusted only when it is valid (its "version valid
 * for" matches the change counter) and no WAL holds newer pages. */
static gboolean
inspect_header (const char    *path,
                const guint8  *header,
                gint64         file_size,
                gboolean       has_wal,
                GError       **error)
{
  guint32 page_size = ((guint32) header[16] << 8) | header[17];
  guint32 n_pages = read_be32 (header + 28);

  if (page_size == 1)
    page_size = 65536;
  if (page_size < 512 || page_size > 65536 || (page_size & (page_size - 1)) != 0)
    {
      set_not_ours_error (error, path, _("invalid page size"));
      return FALSE;
    }

  if (!has_wal && n_pages > 0 &&
      read_be32 (header + 24) == read_be32 (header + 92) &&
      (gint64) n_pages * page_size > file_size)
    {
      set_not_ours_error (error, path, _("the file is shorter than it should be; it was cut off"));
      return FALSE;
    }

  return TRUE;
}

/* For a big file that was closed cleanly: instead of reading every page,
 * check the small tables fully and read the first row of every other
 * table, which walks each root page. Damage elsewhere is found when the
 * page is read, and reported as AFS_ERROR_CORRUPT then. */
static gboolean
inspect_structure (sqlite3     *handle,
                   const char  *path,
                   GError     **error)
{
  g_autoptr(GPtrArray) tables = g_ptr_array_new_with_free_func (g_free);
  static const char *const small_tables[] = { "meta", "case_number_seq", "staff" };
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (handle,
                           "SELECT name FROM sqlite_schema WHERE type = 'table' AND rootpage > 0",
                           -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        g_ptr_array_add (tables, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      afs_db_set_error_full (handle, path, rc, _("checking the file"), error);
      return FALSE;
    }

  for (guint i = 0; i < tables->len; i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT * FROM \"%s\" LIMIT 1",
                                              (const char *) g_ptr_array_index (tables, i));

      stmt = NULL;
      rc = sqlite3_prepare_v2 (handle, sql, -1, &stmt, NULL);
      if (rc == SQLITE_OK)
        rc = sqlite3_step (stmt);
      sqlite3_finalize (stmt);
      if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        {
          afs_db_set_error_full (handle, path, rc, _("checking the file"), error);
          return FALSE;
        }
    }

  for (guint i = 0; i < G_N_ELEMENTS (small_tables); i++)
    {
      g_autofree char *first = NULL;
      g_autofree char *sql = g_strdup_printf ("PRAGMA quick_check (\"%s\")", small_tables[i]);

      stmt = NULL;
      rc = sqlite3_prepare_v2 (handle, sql, -1, &stmt, NULL);
      if (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          first = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
          rc = SQLITE_OK;
        }
      sqlite3_finalize (stmt);
      if (rc != SQLITE_OK)
        {
          afs_db_set_error_full (handle, path, rc, _("checking the file"), error);
          return FALSE;
        }
      if (g_strcmp0 (first, "ok") != 0)
        {
          set_not_ours_error (error, path, first != NULL ? first : "quick_check");
          return FALSE;
        }
    }

  return TRUE;
}

/* Looks at @path without changing it (read-only; and, when no WAL file is
 * next to it, "immutable", so SQLite creates no -wal or -shm either):
 * a damaged or foreign file, or one from a newer AfterSales, is refused
 * before anything writes to it. */
static gboolean
inspect_file (const char  *path,
              int          busy_timeout_ms,
              FileInfo    *info,
              GError     **error)
{
  g_autofree char *abs_path = NULL;
  g_autofree char *wal_path = NULL;
  g_autofree char *uri = NULL;
  g_autofree char *file_uri = NULL;
  GStatBuf st;
  guint8 header[100];
  sqlite3 *handle = NULL;
  gint64 app_id = 0, version = 0, n_objects = 0;
  gint64 file_size;
  gboolean has_wal;
  gssize n;
  int fd;
  int rc;

  memset (info, 0, sizeof *info);

  if (g_stat (path, &st) != 0)
    {
      if (errno != ENOENT)
        {
          set_io_error (error, path, errno);
          return FALSE;
        }
      return TRUE;   /* a new file */
    }

  file_size = st.st_size;

  if (S_ISDIR (st.st_mode))
    {
      g_set_error (error, AFS_ERROR, AFS_ERROR_IO,
                   _("“%s” is a folder, not a case file. Choose a file inside it, or a new file name."),
                   path);
      return FALSE;
    }

  fd = g_open (path, O_RDONLY, 0);
  if (fd < 0)
    {
      set_io_error (error, path, errno);
      return FALSE;
    }
  n = read (fd, header, sizeof header);
  if (n < 0)
    {
      int saved_errno = errno;

      close (fd);
      set_io_error (error, path, saved_errno);
      return FALSE;
    }
  close (fd);

  if (n == 0)
    return TRUE;   /* an empty file is a new database to SQLite too */

  if (n < (gssize) sizeof header || memcmp (header, "SQLite format 3", 16) != 0)
    {
      set_not_ours_error (error, path, _("not an SQLite database"));
      return FALSE;
    }

  if (access (path, W_OK) != 0)
    {
      g_set_error (error, AFS_ERROR, AFS_ERROR_IO,
                   _("“%s” is read-only. Check that you may write to the file, or copy it "
                     "to a folder of yours and open the copy."),
                   path);
      return FALSE;
    }

  abs_path = g_canonicalize_filename (path, NULL);
  file_uri = g_filename_to_uri (abs_path, NULL, NULL);
  if (file_uri == NULL)
    {
      set_io_error (error, path, EINVAL);
      return FALSE;
    }

  /* A WAL file next to it holds committed changes not yet copied into the
   * main file (AfterSales is running, or crashed): read through it.
   * Otherwise the main file is all there is, and immutable mode reads it
   * without creating anything. */
  wal_path = g_strconcat (path, "-wal", NULL);
  has_wal = g_stat (wal_path, &st) == 0 && st.st_size > 0;

  if (!inspect_header (path, header, file_size, has_wal, error))
    return FALSE;

  if (has_wal)
    uri = g_strconcat (file_uri, "?mode=ro", NULL);
  else
    uri = g_strconcat (file_uri, "?immutable=1", NULL);

  rc = sqlite3_open_v2 (uri, &handle,
                        SQLITE_OPEN_READONLY | SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX,
                        NULL);
  if (rc != SQLITE_OK)
    {
      afs_db_set_error_full (handle, path, rc, _("opening the file"), error);
      sqlite3_close (handle);
      return FALSE;
    }
  sqlite3_busy_timeout (handle, busy_timeout_ms);

  if (!inspect_query_int (handle, path, "PRAGMA application_id", &app_id, error) ||
      !inspect_query_int (handle, path, "PRAGMA user_version", &version, error) ||
      !inspect_query_int (handle, path, "SELECT count(*) FROM sqlite_schema", &n_objects, error))
    {
      sqlite3_close (handle);
      return FALSE;
    }

  if ((app_id != 0 && app_id != AFS_APPLICATION_ID) || (version == 0 && n_objects > 0))
    {
      sqlite3_close (handle);
      set_not_ours_error (error, path, _("it is a database of another program"));
      return FALSE;
    }

  if (version > afs_migrations_latest ())
    {
      sqlite3_close (handle);
      g_set_error (error, AFS_ERROR, AFS_ERROR_TOO_NEW,
                   _("“%s” was written by a newer version of AfterSales (schema %d, this "
                     "version knows %d). Open it with a newer AfterSales, or open another file."),
                   path, (int) version, afs_migrations_latest ());
      return FALSE;
    }

  /* Every page is read when it is cheap, when the last session did not
   * end cleanly (a WAL is left: a crash, or AfterSales is running), and
   * before a migration rewrites the file and a backup is made of it. */
  if (file_size <= full_check_max_bytes || has_wal || version < afs_migrations_latest ()
      ? !inspect_quick_check (handle, path, error)
      : !inspect_structure (handle, path, error))
    {
      sqlite3_close (handle);
      return FALSE;
    }

  sqlite3_close (handle);

  info->exists = TRUE;
  info->version = (int) version;
  return TRUE;
}

/* A copy of the file as it is, before a migration changes it, so a
 * migration that goes wrong (or a newer version that misbehaves) never
 * costs the data: "<path>.v<k>-<YYYYMMDD-HHMMSS>.bak". */
static gboolean
backup_before_migration (AfsDb       *db,
                         int          version,
                         GError     **error)
{
  const char *path = afs_db_get_path (db);
  g_autofree char *stamp = timestamp_now ();
  g_autofree char *base = g_strdup_printf ("%s.v%d-%s", path, version, stamp);
  g_autofree char *backup_path = unique_path (base, ".bak");
  sqlite3 *dest = NULL;
  sqlite3_backup *backup;
  int rc;

  rc = sqlite3_open_v2 (backup_path, &dest,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                        NULL);
  if (rc == SQLITE_OK)
    {
      backup = sqlite3_backup_init (dest, "main", afs_db_get_handle (db), "main");
      if (backup == NULL)
        rc = sqlite3_errcode (dest);
      else
        {
          sqlite3_backup_step (backup, -1);
          rc = sqlite3_backup_finish (backup);
        }
    }

  if (rc != SQLITE_OK)
    {
      g_autoptr(GError) local_error = NULL;

      afs_db_set_error_full (dest, backup_path, rc, _("making a backup"), &local_error);
      sqlite3_close (dest);
      g_unlink (backup_path);
      g_set_error (error, AFS_ERROR, AFS_ERROR_IO,
                   _("“%s” needs an update to open with this version of AfterSales, and the "
                     "backup made before the update failed, so nothing was changed. %s"),
                   path, local_error->message);
      return FALSE;
    }

  sqlite3_close (dest);
  g_debug ("Backed up %s to %s before migrating from schema %d", path, backup_path, version);

  return TRUE;
}

static gboolean
read_device_id (AfsStore  *self,
                GError   **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = afs_db_prepare (self->wdb, "SELECT value FROM meta WHERE key = 'device_id'", error);
  if (stmt == NULL)
    return FALSE;

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    self->device_id = afs_db_column_dup (stmt, 0);
  else if (rc != SQLITE_DONE)
    afs_db_set_error (self->wdb, rc, _("opening the file"), error);
  afs_db_stmt_release (stmt);

  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return FALSE;

  if (self->device_id == NULL)
    {
      set_not_ours_error (error, self->path, _("the device id is missing"));
      return FALSE;
    }

  return TRUE;
}

static gboolean
open_connections (AfsStore  *self,
                  int        busy_timeout_ms,
                  GError   **error)
{
  FileInfo info;
  g_autofree char *journal_mode = NULL;
  sqlite3_stmt *stmt;
  gboolean created;
  gboolean ok;

  if (!inspect_file (self->path, busy_timeout_ms, &info, error))
    return FALSE;

  created = !g_file_test (self->path, G_FILE_TEST_EXISTS);
  if (created)
    {
      g_autofree char *dir = g_path_get_dirname (self->path);

      if (g_mkdir_with_parents (dir, 0700) != 0)
        {
          set_io_error (error, dir, errno);
          return FALSE;
        }
    }

  self->wdb = afs_db_open (self->path, AFS_DB_READ_WRITE, busy_timeout_ms, error);
  if (self->wdb == NULL)
    return FALSE;

  afs_db_lock (self->wdb);

  /* WAL: readers (the list, the worker) run while a write is in progress,
   * and a crash never leaves a half-written page. The mode is stored in
   * the file. */
  stmt = afs_db_prepare (self->wdb, "PRAGMA journal_mode = WAL", error);
  ok = stmt != NULL;
  if (ok)
    {
      int rc = sqlite3_step (stmt);

      if (rc == SQLITE_ROW)
        journal_mode = afs_db_column_dup (stmt, 0);
      else
        {
          afs_db_set_error (self->wdb, rc, _("opening the file"), error);
          ok = FALSE;
        }
      afs_db_stmt_release (stmt);
    }
  if (ok && g_strcmp0 (journal_mode, "wal") != 0)
    {
      g_set_error (error, AFS_ERROR, AFS_ERROR_IO,
                   _("“%s” cannot be opened in write-ahead-log mode (the file system may not "
                     "support it). Move the file to a local disk and open it there."),
                   self->path);
      ok = FALSE;
    }

  if (ok && info.exists && info.version > 0 && info.version < afs_migrations_latest ())
    ok = backup_before_migration (self->wdb, info.version, error);

  if (ok)
    ok = afs_migrations_run_to (self->wdb, afs_migrations_latest (), error);
  if (ok)
    ok = afs_migrations_get_version (self->wdb, &self->schema_version, error);
  if (ok)
    ok = read_device_id (self, error);

  afs_db_unlock (self->wdb);

  if (!ok)
    {
      g_clear_pointer (&self->wdb, afs_db_close);
      /* A file this call created and could not set up is not the user's:
       * do not leave an empty database behind. */
      if (created)
        {
          g_autofree char *wal = g_strconcat (self->path, "-wal", NULL);
          g_autofree char *shm = g_strconcat (self->path, "-shm", NULL);

          g_unlink (self->path);
          g_unlink (wal);
          g_unlink (shm);
        }
      return FALSE;
    }

  self->rdb = afs_db_open (self->path, AFS_DB_READ_ONLY, busy_timeout_ms, error);
  if (self->rdb == NULL)
    {
      g_clear_pointer (&self->wdb, afs_db_close);
      return FALSE;
    }

  return TRUE;
}

static void worker_func (gpointer data, gpointer user_data);

/**
 * afs_store_open_full:
 * @path: the case file
 * @busy_timeout_ms: how long to wait for a lock held by another program
 * @error: return location for an %AFS_ERROR
 *
 * afs_store_open() with a chosen busy timeout.
 *
 * Returns: (transfer full) (nullable): the store
 */
AfsStore *
afs_store_open_full (const char  *path,
                     int          busy_timeout_ms,
                     GError     **error)
{
  g_autoptr(AfsStore) self = NULL;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (*path == '\0')
    {
      g_set_error_literal (error, AFS_ERROR, AFS_ERROR_IO,
                           _("No case file was given. Choose a file to open."));
      return NULL;
    }

  self = g_object_new (AFS_TYPE_STORE, NULL);
  self->path = g_strdup (path);

  if (!open_connections (self, busy_timeout_ms, error))
    return NULL;

  /* One worker: SQLite reads on one connection are serial anyway, and a
   * single thread keeps the async calls in the order they were made. */
  self->pool = g_thread_pool_new (worker_func, self, 1, FALSE, NULL);

  return g_steal_pointer (&self);
}

/**
 * afs_store_open:
 * @path: the case file; created (with its folder) if missing
 * @error: return location for an %AFS_ERROR
 *
 * Opens a case file and brings its schema up to date. An existing file is
 * first inspected read-only: one that is not an SQLite database, belongs
 * to another program or fails `PRAGMA quick_check` is refused with
 * %AFS_ERROR_CORRUPT, one from a newer AfterSales with %AFS_ERROR_TOO_NEW,
 * an unreadable one with %AFS_ERROR_IO, a locked one with %AFS_ERROR_BUSY;
 * a refused file is never modified (not even a -wal is made next to it).
 * Before migrating a file from an older schema, a copy is made next to it
 * as "<path>.v<old>-<YYYYMMDD-HHMMSS>.bak".
 *
 * Returns: (transfer full) (nullable): the store
 */
AfsStore *
afs_store_open (const char  *path,
                GError     **error)
{
  return afs_store_open_full (path, DEFAULT_BUSY_TIMEOUT_MS, error);
}

/**
 * afs_store_get_path:
 * @self: a store
 *
 * Returns: the file the store was opened on
 */
const char *
afs_store_get_path (AfsStore *self)
{
  g_return_val_if_fail (AFS_IS_STORE (self), NULL);

  return self->path;
}

/**
 * afs_store_get_schema_version:
 * @self: a store
 *
 * Returns: the file's schema version (the latest, once opened)
 */
int
afs_store_get_schema_version (AfsStore *self)
{
  g_return_val_if_fail (AFS_IS_STORE (self), 0);

  return self->schema_version;
}

/**
 * afs_store_get_device_id:
 * @self: a store
 *
 * Returns: this installation's device id, which numbers its outbox rows
 */
const char *
afs_store_get_device_id (AfsStore *self)
{
  g_return_val_if_fail (AFS_IS_STORE (self), NULL);

  return self->device_id;
}

/* ---- Backups ---------------------------------------------------------------- */

typedef struct {
  char *path;
  char *stamp;   /* YYYYMMDD-HHMMSS */
  int   n;       /* the -N of a second backup in the same second */
  int   version;
} BackupEntry;

static void
backup_entry_free (BackupEntry *entry)
{
  g_free (entry->path);
  g_free (entry->stamp);
  g_free (entry);
}

static int
compare_backups_newest_first (gconstpointer a,
                              gconstpointer b)
{
  const BackupEntry *x = *(BackupEntry * const *) a;
  const BackupEntry *y = *(BackupEntry * const *) b;
  int c = strcmp (y->stamp, x->stamp);

  if (c != 0)
    return c;
  if (x->n != y->n)
    return y->n - x->n;
  return y->version - x->version;
}

/* Parses "<k>-<YYYYMMDD-HHMMSS>[-N].bak", what follows "<base>.v". */
static gboolean
parse_backup_name (const char  *rest,
                   BackupEntry *entry)
{
  const char *p = rest;
  char *end;
  gint64 v;

  if (!g_ascii_isdigit (*p))
    return FALSE;
  v = g_ascii_strtoll (p, &end, 10);
  if (*end != '-' || v <= 0 || v > G_MAXINT)
    return FALSE;
  p = end + 1;

  for (int i = 0; i < 15; i++)
    {
      if (i == 8 ? p[i] != '-' : !g_ascii_isdigit (p[i]))
        return FALSE;
    }
  entry->stamp = g_strndup (p, 15);
  entry->version = (int) v;
  p += 15;

  if (*p == '-')
    {
      entry->n = (int) g_ascii_strtoll (p + 1, &end, 10);
      p = end;
    }
  else
    entry->n = 1;

  if (strcmp (p, ".bak") != 0)
    {
      g_clear_pointer (&entry->stamp, g_free);
      return FALSE;
    }

  return TRUE;
}

/**
 * afs_store_list_backups:
 * @db_path: a case file
 *
 * The copies made before migrations of @db_path, newest first. Works on
 * a file that cannot be opened, which is when backups are needed.
 *
 * Returns: (transfer full) (element-type filename): full paths
 */
GPtrArray *
afs_store_list_backups (const char *db_path)
{
  g_autofree char *dir_path = NULL;
  g_autofree char *base = NULL;
  g_autofree char *prefix = NULL;
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  GPtrArray *result;
  const char *name;

  g_return_val_if_fail (db_path != NULL, NULL);

  result = g_ptr_array_new_with_free_func (g_free);
  dir_path = g_path_get_dirname (db_path);
  base = g_path_get_basename (db_path);
  prefix = g_strconcat (base, ".v", NULL);

  dir = g_dir_open (dir_path, 0, NULL);
  if (dir == NULL)
    return result;

  entries = g_ptr_array_new_with_free_func ((GDestroyNotify) backup_entry_free);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      BackupEntry entry = { 0, };

      if (!g_str_has_prefix (name, prefix) ||
          !parse_backup_name (name + strlen (prefix), &entry))
        continue;

      entry.path = g_build_filename (dir_path, name, NULL);
      g_ptr_array_add (entries, g_memdup2 (&entry, sizeof entry));
    }

  g_ptr_array_sort (entries, compare_backups_newest_first);
  for (guint i = 0; i < entries->len; i++)
    {
      BackupEntry *entry = g_ptr_array_index (entries, i);

      g_ptr_array_add (result, g_steal_pointer (&entry->path));
    }

  return result;
}

/* Renames @from to @to if @from exists. */
static gboolean
move_aside (const char  *from,
            const char  *to,
            GError     **error)
{
  if (!g_file_test (from, G_FILE_TEST_EXISTS))
    return TRUE;

  if (g_rename (from, to) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, AFS_ERROR, AFS_ERROR_IO,
                   _("“%s” could not be renamed to “%s”: %s. Nothing was restored. Check that "
                     "you may write to the folder, and that AfterSales has the file closed."),
                   from, to, g_strerror (saved_errno));
      return FALSE;
    }

  return TRUE;
}

/**
 * afs_store_restore_backup:
 * @db_path: the case file to replace (no store may have it open)
 * @backup_path: a backup, e.g. from afs_store_list_backups()
 * @error: return location for an %AFS_ERROR
 *
 * Puts a copy of @backup_path in place of @db_path. The backup is checked
 * first (a damaged or too new backup is refused and nothing changes).
 * The file being replaced is never deleted: it and its -wal and -shm are
 * renamed to "<db_path>.damaged-<YYYYMMDD-HHMMSS>" (plus "-wal"/"-shm"),
 * so it can still be looked at or rescued. The backup itself stays.
 * The next afs_store_open() migrates the restored file if it is older.
 *
 * Returns: %TRUE on success
 */
gboolean
afs_store_restore_backup (const char  *db_path,
                          const char  *backup_path,
                          GError     **error)
{
  g_autofree char *stamp = NULL;
  g_autofree char *damaged_base = NULL;
  g_autofree char *damaged = NULL;
  g_autofree char *db_wal = NULL, *db_shm = NULL;
  g_autofree char *damaged_wal = NULL, *damaged_shm = NULL;
  g_autofree char *tmp_path = NULL;
  g_autoptr(GFile) src = NULL;
  g_autoptr(GFile) tmp = NULL;
  g_autoptr(GError) local_error = NULL;
  FileInfo info;

  g_return_val_if_fail (db_path != NULL, FALSE);
  g_return_val_if_fail (backup_path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!inspect_file (backup_path, DEFAULT_BUSY_TIMEOUT_MS, &info, &local_error))
    {
      g_propagate_prefixed_error (error, g_steal_pointer (&local_error),
                                  _("The backup cannot be restored, nothing was changed. "));
      return FALSE;
    }
  if (!info.exists)
    {
      g_set_error (error, AFS_ERROR, AFS_ERROR_NOT_FOUND,
                   _("The backup “%s” does not exist or is empty. Choose another backup."),
                   backup_path);
      return FALSE;
    }

  /* Copy first, to a name of its own: if the copy fails (disk full), the
   * current file has not been touched yet. */
  tmp_path = g_strconcat (db_path, ".restoring", NULL);
  src = g_file_new_for_path (backup_path);
  tmp = g_file_new_for_path (tmp_path);
  if (!g_file_copy (src, tmp, G_FILE_COPY_OVERWRITE, NULL, NULL, NULL, &local_error))
    {
      g_file_delete (tmp, NULL, NULL);
      g_set_error (error, AFS_ERROR, AFS_ERROR_IO,
                   _("The backup “%s” could not be copied next to “%s”: %s. Nothing was "
                     "changed. Free some space or check the folder's permissions."),
                   backup_path, db_path, local_error->message);
      return FALSE;
    }

  stamp = timestamp_now ();
  damaged_base = g_strdup_printf ("%s.damaged-%s", db_path, stamp);
  damaged = unique_path (damaged_base, "");
  db_wal = g_strconcat (db_path, "-wal", NULL);
  db_shm = g_strconcat (db_path, "-shm", NULL);
  damaged_wal = g_strconcat (damaged, "-wal", NULL);
  damaged_shm = g_strconcat (damaged, "-shm", NULL);

  /* The WAL belongs to the damaged file: moved along with it, it stays
   * readable as one; left behind, SQLite would replay it into the
   * restored file. */
  if (!move_aside (db_path, damaged, error))
    {
      g_file_delete (tmp, NULL, NULL);
      return FALSE;
    }
  if (!move_aside (db_wal, damaged_wal, error) ||
      !move_aside (db_shm, damaged_shm, error))
    {
      /* Put back what was moved, so the file is as it was. */
      g_rename (damaged_wal, db_wal);
      g_rename (damaged, db_path);
      g_file_delete (tmp, NULL, NULL);
      return FALSE;
    }

  if (g_rename (tmp_path, db_path) != 0)
    {
      int saved_errno = errno;

      g_rename (damaged_shm, db_shm);
      g_rename (damaged_wal, db_wal);
      g_rename (damaged, db_path);
      g_file_delete (tmp, NULL, NULL);
      g_set_error (error, AFS_ERROR, AFS_ERROR_IO,
                   _("The backup could not be put in place of “%s”: %s. Nothing was changed."),
                   db_path, g_strerror (saved_errno));
      return FALSE;
    }

  return TRUE;
}

/* ---- Who, when, which limits ------------------------------------------------ */

/**
 * afs_store_set_actor:
 * @self: a store
 * @staff_id: (nullable): the acting person's staff record
 * @name: (nullable): their name, as written to the audit trail
 * @role: their role, checked by the workflow rules
 *
 * Sets who is acting for the writes that start after this call.
 */
void
afs_store_set_actor (AfsStore   *self,
                     const char *staff_id,
                     const char *name,
                     AfsRole     role)
{
  g_return_if_fail (AFS_IS_STORE (self));
  g_return_if_fail ((guint) role < AFS_ROLE_N);

  g_mutex_lock (&self->props_lock);
  g_free (self->actor_id);
  self->actor_id = (staff_id != NULL && *staff_id != '\0') ? g_strdup (staff_id) : NULL;
  g_free (self->actor_name);
  self->actor_name = g_strdup (name != NULL ? name : "");
  self->actor_role = role;
  g_mutex_unlock (&self->props_lock);
}

/**
 * afs_store_get_actor_role:
 * @self: a store
 *
 * Returns: the acting person's role (office until set)
 */
AfsRole
afs_store_get_actor_role (AfsStore *self)
{
  AfsRole role;

  g_return_val_if_fail (AFS_IS_STORE (self), AFS_ROLE_OFFICE);

  g_mutex_lock (&self->props_lock);
  role = self->actor_role;
  g_mutex_unlock (&self->props_lock);

  return role;
}

/**
 * afs_store_set_clock:
 * @self: a store
 * @func: (nullable): the clock, or %NULL for the real time
 * @user_data: passed to @func
 *
 * Replaces the clock every timestamp the store writes comes from.
 */
void
afs_store_set_clock (AfsStore     *self,
                     AfsClockFunc  func,
                     gpointer      user_data)
{
  g_return_if_fail (AFS_IS_STORE (self));

  g_mutex_lock (&self->props_lock);
  self->clock_func = func != NULL ? func : default_clock;
  self->clock_data = func != NULL ? user_data : NULL;
  g_mutex_unlock (&self->props_lock);
}

/**
 * afs_store_now:
 * @self: a store
 *
 * Returns: the store clock's time, unix seconds
 */
gint64
afs_store_now (AfsStore *self)
{
  AfsClockFunc func;
  gpointer data;

  g_return_val_if_fail (AFS_IS_STORE (self), 0);

  g_mutex_lock (&self->props_lock);
  func = self->clock_func;
  data = self->clock_data;
  g_mutex_unlock (&self->props_lock);

  return func (data);
}

/**
 * afs_store_set_deadline_policy:
 * @self: a store
 * @policy: the deadlines to compute new and regraded cases with
 *
 * Existing deadlines stay as they were computed.
 */
void
afs_store_set_deadline_policy (AfsStore                *self,
                               const AfsDeadlinePolicy *policy)
{
  g_return_if_fail (AFS_IS_STORE (self));
  g_return_if_fail (policy != NULL);

  g_mutex_lock (&self->props_lock);
  self->deadline_policy = *policy;
  g_mutex_unlock (&self->props_lock);
}

void
afs_store_get_deadline_policy (AfsStore          *self,
                               AfsDeadlinePolicy *policy)
{
  g_return_if_fail (AFS_IS_STORE (self));
  g_return_if_fail (policy != NULL);

  g_mutex_lock (&self->props_lock);
  *policy = self->deadline_policy;
  g_mutex_unlock (&self->props_lock);
}

/**
 * afs_store_set_approval_policy:
 * @self: a store
 * @policy: the limits the workflow rules apply
 */
void
afs_store_set_approval_policy (AfsStore                *self,
                               const AfsApprovalPolicy *policy)
{
  g_return_if_fail (AFS_IS_STORE (self));
  g_return_if_fail (policy != NULL);

  g_mutex_lock (&self->props_lock);
  self->approval_policy = *policy;
  g_mutex_unlock (&self->props_lock);
}

void
afs_store_get_approval_policy (AfsStore          *self,
                               AfsApprovalPolicy *policy)
{
  g_return_if_fail (AFS_IS_STORE (self));
  g_return_if_fail (policy != NULL);

  g_mutex_lock (&self->props_lock);
  *policy = self->approval_policy;
  g_mutex_unlock (&self->props_lock);
}

/* ---- Writes and batches --------------------------------------------------- */

gboolean
afs_store_write_begin (AfsStore  *self,
                       AfsWrite  *w,
                       GError   **error)
{
  AfsClockFunc func;
  gpointer data;

  memset (w, 0, sizeof *w);

  afs_db_lock (self->wdb);
  if (!afs_db_begin (self->wdb, error))
    {
      afs_db_unlock (self->wdb);
      return FALSE;
    }

  w->store = self;
  w->db = self->wdb;

  g_mutex_lock (&self->props_lock);
  w->actor_id = g_strdup (self->actor_id);
  w->actor_name = g_strdup (self->actor_name);
  w->role = self->actor_role;
  w->deadline_policy = self->deadline_policy;
  w->approval_policy = self->approval_policy;
  func = self->clock_func;
  data = self->clock_data;
  g_mutex_unlock (&self->props_lock);

  w->now = func (data);

  return TRUE;
}

void
afs_store_queue_reindex (AfsWrite *w,
                         gint64    local_id)
{
  SearchQueueEntry entry = { local_id, afs_db_get_depth (w->db) };

  g_array_append_val (w->store->search_queue, entry);
}

gboolean
afs_store_queue_reindex_cases (AfsWrite    *w,
                               const char  *sql,
                               const char  *key,
                               GError     **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = afs_db_prepare (w->db, sql, error);
  if (stmt == NULL)
    return FALSE;
  afs_db_bind_text (stmt, 1, key);
  /* Queuing only appends to a list, so it may run while stepping. */
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    afs_store_queue_reindex (w, sqlite3_column_int64 (stmt, 0));
  afs_db_stmt_release (stmt);
  if (rc != SQLITE_DONE)
    {
      afs_db_set_error (w->db, rc, _("updating the search index"), error);
      return FALSE;
    }

  return TRUE;
}

static int
compare_entries (gconstpointer a,
                 gconstpointer b)
{
  gint64 x = ((const SearchQueueEntry *) a)->local_id;
  gint64 y = ((const SearchQueueEntry *) b)->local_id;

  return x < y ? -1 : x > y;
}

/* Writes the queued index rows, once per case, inside the transaction
 * about to commit. */
static gboolean
flush_search_queue (AfsStore  *self,
                    GError   **error)
{
  GArray *queue = self->search_queue;

  g_array_sort (queue, compare_entries);
  for (guint i = 0; i < queue->len; i++)
    {
      gint64 local_id = g_array_index (queue, SearchQueueEntry, i).local_id;

      if (i > 0 && local_id == g_array_index (queue, SearchQueueEntry, i - 1).local_id)
        continue;
      if (!afs_search_reindex_case (self->wdb, local_id, error))
        return FALSE;
    }

  g_array_set_size (queue, 0);
  return TRUE;
}

/* Forgets what the levels from @depth up queued: they were rolled back. */
static void
drop_queued_from (AfsStore *self,
                  guint     depth)
{
  GArray *queue = self->search_queue;

  for (guint i = queue->len; i > 0; i--)
    if (g_array_index (queue, SearchQueueEntry, i - 1).depth >= depth)
      g_array_remove_index_fast (queue, i - 1);
}

static void
rollback_level (AfsStore *self)
{
  guint depth = afs_db_get_depth (self->wdb);

  afs_db_rollback (self->wdb);
  drop_queued_from (self, depth);
}

static gboolean
commit_level (AfsStore  *self,
              GError   **error)
{
  guint depth = afs_db_get_depth (self->wdb);
  GArray *queue = self->search_queue;

  if (depth == 1 && queue->len > 0 && !flush_search_queue (self, error))
    {
      rollback_level (self);
      return FALSE;
    }

  if (!afs_db_commit (self->wdb, error))
    {
      /* afs_db_commit rolled the level back. */
      drop_queued_from (self, depth);
      return FALSE;
    }

  /* Released into the enclosing level: its rollback drops them too. */
  for (guint i = 0; i < queue->len; i++)
    if (g_array_index (queue, SearchQueueEntry, i).depth >= depth)
      g_array_index (queue, SearchQueueEntry, i).depth = depth - 1;

  return TRUE;
}

gboolean
afs_store_write_end (AfsWrite  *w,
                     gboolean   ok,
                     GError   **error)
{
  if (ok)
    ok = commit_level (w->store, error);
  else
    rollback_level (w->store);

  afs_db_unlock (w->db);
  g_clear_pointer (&w->actor_id, g_free);
  g_clear_pointer (&w->actor_name, g_free);

  return ok;
}

AfsDb *
afs_store_lock_reader (AfsStore *self)
{
  AfsDb *db;

  if (g_atomic_pointer_get (&self->batch_thread) == (gpointer) g_thread_self ())
    db = self->wdb;
  else
    db = self->rdb;

  afs_db_lock (db);
  return db;
}

void
afs_store_unlock_reader (AfsStore *self,
                         AfsDb    *db)
{
  afs_db_unlock (db);
}

/**
 * afs_store_begin_batch:
 * @self: a store
 * @error: return location for an %AFS_ERROR
 *
 * Starts one transaction for many writes (the demo generator, imports):
 * thousands of times faster than one commit per write, and all or
 * nothing. Every write inside still checks its rules; one that fails is
 * undone alone (a savepoint) and the batch goes on. Calls nest. Other
 * threads' writes wait until the batch ends; their reads see the data as
 * it was before the batch.
 *
 * Returns: %TRUE if the batch started; then call afs_store_end_batch()
 *   from the same thread
 */
gboolean
afs_store_begin_batch (AfsStore  *self,
                       GError   **error)
{
  g_return_val_if_fail (AFS_IS_STORE (self), FALSE);

  afs_db_lock (self->wdb);
  if (!afs_db_begin (self->wdb, error))
    {
      afs_db_unlock (self->wdb);
      return FALSE;
    }

  /* The lock stays held until end_batch. */
  self->batch_depth++;
  g_atomic_pointer_set (&self->batch_thread, g_thread_self ());

  return TRUE;
}

/**
 * afs_store_end_batch:
 * @self: a store
 * @commit: %TRUE to keep the batch's writes, %FALSE to undo them all
 * @error: return location for an %AFS_ERROR
 *
 * Returns: %TRUE if the batch was committed (or, with @commit %FALSE,
 *   rolled back)
 */
gboolean
afs_store_end_batch (AfsStore  *self,
                     gboolean   commit,
                     GError   **error)
{
  gboolean ok = TRUE;

  g_return_val_if_fail (AFS_IS_STORE (self), FALSE);
  g_return_val_if_fail (g_atomic_pointer_get (&self->batch_thread) == (gpointer) g_thread_self (), FALSE);
  g_return_val_if_fail (self->batch_depth > 0, FALSE);

  if (commit)
    ok = commit_level (self, error);
  else
    rollback_level (self);

  self->batch_depth--;
  if (self->batch_depth == 0)
    g_atomic_pointer_set (&self->batch_thread, NULL);

  afs_db_unlock (self->wdb);

  return ok;
}

/**
 * afs_store_set_outbox_enabled:
 * @self: a store
 * @enabled: whether writes append to the outbox
 *
 * See afs-store-private.h.
 */
void
afs_store_set_outbox_enabled (AfsStore *self,
                              gboolean  enabled)
{
  g_return_if_fail (AFS_IS_STORE (self));

  afs_db_lock (self->wdb);
  self->outbox_enabled = !!enabled;
  afs_db_unlock (self->wdb);
}

gboolean
afs_store_get_outbox_enabled (AfsStore *self)
{
  gboolean enabled;

  g_return_val_if_fail (AFS_IS_STORE (self), FALSE);

  afs_db_lock (self->wdb);
  enabled = self->outbox_enabled;
  afs_db_unlock (self->wdb);

  return enabled;
}

/**
 * afs_store_count_outbox:
 * @self: a store
 * @error: return location for an %AFS_ERROR
 *
 * Returns: the number of changes waiting to be pushed, or -1 on error
 */
gint64
afs_store_count_outbox (AfsStore  *self,
                        GError   **error)
{
  AfsDb *db;
  gint64 n = 0;
  gboolean ok;

  g_return_val_if_fail (AFS_IS_STORE (self), -1);

  db = afs_store_lock_reader (self);
  ok = afs_db_query_int64 (db, "SELECT count(*) FROM outbox", &n, error);
  afs_store_unlock_reader (self, db);

  return ok ? n : -1;
}

/* ---- The worker ------------------------------------------------------------ */

typedef struct {
  GTask           *task;
  AfsStoreJobFunc  func;
} Job;

static int
progress_cancelled (void *data)
{
  return g_cancellable_is_cancelled (data);
}

void
afs_store_db_set_cancellable (AfsDb        *db,
                              GCancellable *cancellable)
{
  if (cancellable != NULL)
    sqlite3_progress_handler (afs_db_get_handle (db), 1000, progress_cancelled, cancellable);
  else
    sqlite3_progress_handler (afs_db_get_handle (db), 0, NULL, NULL);
}

static void
worker_func (gpointer data,
             gpointer user_data)
{
  Job *job = data;
  AfsStore *self = user_data;

  g_atomic_pointer_set (&self->worker_thread, g_thread_self ());

  if (!g_task_return_error_if_cancelled (job->task))
    job->func (self, job->task, g_task_get_task_data (job->task),
               g_task_get_cancellable (job->task));

  g_object_unref (job->task);
  g_free (job);
}

void
afs_store_run_in_worker (AfsStore        *self,
                         GTask           *task,
                         AfsStoreJobFunc  func)
{
  Job *job = g_new0 (Job, 1);

  job->task = g_object_ref (task);
  job->func = func;
  g_thread_pool_push (self->pool, job, NULL);
}

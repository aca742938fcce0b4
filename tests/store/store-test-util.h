/* store-test-util.h: what every store test needs: a temporary folder,
 * a store on a real file with a clock the test controls, a few records,
 * and a raw SQLite connection to look at what was really written. */
#pragma once

#include <sqlite3.h>
#include "afs-store.h"
#include "afs-store-private.h"

G_BEGIN_DECLS

/* 2026-03-10 09:00:00 UTC: a fixed "now" for the tests. */
#define TEST_NOW ((gint64) 1773133200)

typedef struct {
  char     *dir;
  char     *path;
  AfsStore *store;
  gint64    now;
  char     *customer_id;       /* "Hotel Lodówka", local */
  char     *remote_customer_id;
  char     *equipment_id;      /* serial "HXA2023110045" */
  char     *office_id;
  char     *manager_id;
  char     *tech_id;
  char     *tech2_id;
  char     *quality_id;
} Fixture;

/* A temporary folder, removed (with what is in it) by test_dir_free(). */
char     *test_dir_new  (void);
void      test_dir_free (char *dir);

/* Opens a store on @fx->path with the fixture's clock. */
AfsStore *fixture_open  (Fixture *fx);
/* Folder + store + customers, equipment, staff; actor: office. */
void      fixture_setup (Fixture *fx, gconstpointer data);
void      fixture_teardown (Fixture *fx, gconstpointer data);

void      fixture_act_as (Fixture *fx, const char *staff_id, AfsRole role);

/* A new case of the fixture's customer and equipment. */
char     *fixture_new_case (Fixture *fx, const char *description);

/* Set fields (NULL-terminated name, value pairs), asserting success. */
void      fixture_update (Fixture *fx, const char *case_id, ...) G_GNUC_NULL_TERMINATED;
/* Take an action, asserting success. */
void      fixture_act    (Fixture *fx, const char *case_id, AfsAction action, const char *reason);

/* Raw access, on a connection of its own. */
sqlite3  *raw_open       (const char *path);
gint64    raw_int        (sqlite3 *db, const char *sql);
char     *raw_text       (sqlite3 *db, const char *sql);
void      raw_exec       (sqlite3 *db, const char *sql);
void      raw_execf      (sqlite3 *db, const char *format, ...) G_GNUC_PRINTF (2, 3);
/* The same on a connection opened for the query and closed after it. */
gint64    fx_int         (Fixture *fx, const char *format, ...) G_GNUC_PRINTF (2, 3);
char     *fx_text        (Fixture *fx, const char *format, ...) G_GNUC_PRINTF (2, 3);
void      fx_exec        (Fixture *fx, const char *format, ...) G_GNUC_PRINTF (2, 3);

/* The whole file, for "not one byte changed". */
GBytes   *read_file_bytes (const char *path);

G_END_DECLS

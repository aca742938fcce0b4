/* office-test-util.h: a real aftersales-office on 127.0.0.1 (port 0) in
 * a temporary data folder, and a libsoup client to drive it.
 *
 * Copyright 2026 The AfterSales authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

G_BEGIN_DECLS

#define TEST_PASSWORD "correct horse battery"

typedef struct {
  char        *dir;        /* temporary folder */
  char        *data_dir;   /* <dir>/data */
  GSubprocess *process;
  char        *url;        /* "http://127.0.0.1:N/" */
  SoupSession *session;
} Office;

typedef struct {
  guint       status;
  char       *body;      /* as text (up to a NUL) */
  GBytes     *bytes;     /* as sent */
  JsonNode   *json;      /* NULL when the body is not JSON */
  SoupMessageHeaders *headers;
} Reply;

/* Starts the service; @extra_args (NULL-terminated, may be NULL) go to `serve`. */
Office     *office_start        (const char *const *extra_args);
/* Restarts it on the same data folder (a new port). */
void        office_restart      (Office *office);
void        office_stop         (Office *office);

/* Runs an admin command (`user`, `device`, `status`) on the data folder;
 * @input goes to standard input. Returns the exit status, stdout in @out. */
int         office_admin        (Office *office, const char *input, char **out,
                                 const char *first_arg, ...) G_GNUC_NULL_TERMINATED;
void        office_add_user     (Office *office, const char *name, const char *role,
                                 const char *staff_id);

Reply      *office_request      (Office *office, const char *method, const char *path,
                                 const char *token, const char *content_type,
                                 const char *body, gsize length,
                                 const char *header_name, const char *header_value);
void        reply_free          (Reply *reply);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (Reply, reply_free)

const char *reply_error         (Reply *reply);
gint64      reply_int           (Reply *reply, const char *member);
const char *reply_string        (Reply *reply, const char *member);

/* Signs in; returns the token (asserts success). */
char       *office_sign_in      (Office *office, const char *user, const char *device_id);
Reply      *office_push         (Office *office, const char *token, const char *device_id,
                                 const char *changes_json);
/* Every change of the caller's scope from @cursor, page after page; the
 * latest state per "table/row_id": the fields object, or NULL for an
 * eviction. @cursor_out (optional): the last cursor. */
GHashTable *office_pull_all     (Office *office, const char *token, gint64 cursor,
                                 gint64 *cursor_out);

/* An HLC at @ms for @device. */
char       *test_hlc            (gint64 ms, const char *device);
/* A change as JSON text: fields_json is the "fields" object's text. */
char       *test_change         (gint64 seq, const char *table, const char *row_id,
                                 const char *op, const char *hlc, const char *fields_json);

G_END_DECLS

/* afs-error.h: the error domain of the AfterSales core and store. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define AFS_ERROR (afs_error_quark ())

typedef enum {
  AFS_ERROR_FAILED,          /* anything else; the message says what */
  AFS_ERROR_INVALID,         /* bad input: a field value that cannot be stored */
  AFS_ERROR_FORBIDDEN,       /* the role may not do this (DOMAIN.md "People") */
  AFS_ERROR_PRECONDITION,    /* a transition lacks data it needs */
  AFS_ERROR_NEEDS_APPROVAL,  /* DOMAIN.md 6: a manager must approve first */
  AFS_ERROR_TRANSITION,      /* no such transition from the current state */
  AFS_ERROR_NOT_FOUND,
  AFS_ERROR_CORRUPT,         /* the database file is damaged or not a database */
  AFS_ERROR_TOO_NEW,         /* written by a newer version of AfterSales */
  AFS_ERROR_IO,              /* cannot read or write the file */
  AFS_ERROR_BUSY,            /* locked by another process */
  AFS_ERROR_CONFLICT,        /* the row changed under us (version mismatch) */
} AfsError;

GQuark afs_error_quark (void);

G_END_DECLS

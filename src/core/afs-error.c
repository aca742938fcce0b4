/* afs-error.c
 *
 * Copyright 2026 The AfterSales authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "afs-error.h"

/**
 * afs_error_quark:
 *
 * The error domain shared by the core and the store, so a caller can tell
 * a broken rule (%AFS_ERROR_PRECONDITION, …) from a broken file
 * (%AFS_ERROR_CORRUPT, …) without parsing messages.
 *
 * Returns: the #GQuark of %AFS_ERROR
 */
G_DEFINE_QUARK (afs-error-quark, afs_error)

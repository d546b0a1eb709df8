#ifndef TICKETQ_CSQLITE_SHIM_H
#define TICKETQ_CSQLITE_SHIM_H

// The system SQLite (Debian libsqlite3-dev). No variadic wrappers are needed:
// the store only uses non-variadic entry points and PRAGMA statements.
#include <sqlite3.h>

#endif

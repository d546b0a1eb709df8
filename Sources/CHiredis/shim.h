#ifndef TICKETQ_CHIREDIS_SHIM_H
#define TICKETQ_CHIREDIS_SHIM_H

// Only the argv entry points of hiredis are used from Swift: the printf-style
// variadic functions (redisCommand, redisAppendCommand) are not importable and
// are not binary safe anyway.
#include <hiredis/hiredis.h>

#endif

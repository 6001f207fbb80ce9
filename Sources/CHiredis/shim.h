// hiredis for Swift. `redisCommand` is variadic and unusable from Swift: the client calls
// `redisCommandArgv` and `redisAppendCommandArgv` instead, so no shim functions are needed.
#include <hiredis/hiredis.h>

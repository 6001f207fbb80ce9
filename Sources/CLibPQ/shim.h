// libpq for Swift. Nothing here needs a shim: every call we use is non-variadic.
#include <libpq-fe.h>

#ifndef CHORUS_CMONGOC_SHIM_H
#define CHORUS_CMONGOC_SHIM_H

// libmongoc and libbson (include directories from pkg-config libmongoc-1.0). No shims: every
// call Chorus makes is a plain, non-variadic function. (bson_t and bson_iter_t are declared
// 128-byte aligned, so Swift sees them as opaque pointers; MongoClient works with that.)
#include <mongoc/mongoc.h>

#endif

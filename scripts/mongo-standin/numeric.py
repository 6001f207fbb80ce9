"""Keeps `$inc` results 64-bit when MongoDB would.

Python adds an int64 (bson.Int64) and an int into a plain int, which the encoder then narrows
to int32 when it fits; MongoDB keeps the wider type (int32 + int64 = int64). Only `$inc` is
fixed here; `$sum` in `$group` still narrows (see README).
"""

from bson.int64 import Int64
from mongomock import collection as mongomock_collection

_add = mongomock_collection._inc_updater


def _inc_updater(doc, field_name, value):
    before = None
    if isinstance(doc, dict):
        before = doc.get(field_name)
    elif isinstance(doc, list) and field_name.lstrip("-").isdigit() and int(field_name) < len(doc):
        before = doc[int(field_name)]
    _add(doc, field_name, value)
    if isinstance(before, Int64) or isinstance(value, Int64):
        key = field_name if isinstance(doc, dict) else int(field_name)
        result = doc[key]
        if isinstance(result, int) and not isinstance(result, bool):
            doc[key] = Int64(result)


def install():
    mongomock_collection._inc_updater = _inc_updater
    mongomock_collection._updaters["$inc"] = _inc_updater

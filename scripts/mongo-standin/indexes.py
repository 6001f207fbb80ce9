"""Two lookups mongomock does by scanning, done here with dictionaries.

1. `_id` equality and `_id: {$in: [...]}`: mongomock keeps documents in a dict keyed by `_id`
   but still scans every document for each query. With 100k documents a batched lookup would
   cost seconds; read the dict directly instead.
2. Unique indexes: mongomock checks each insert or update against every document (O(n) per
   write, O(n^2) for a bulk load). Keep, per unique index, a dict from key to the `_id` that last
   took it, and verify a hit against the stored document (entries are never removed, so a hit
   may be stale; a miss never is, because every write that can change an indexed value goes
   through `_ensure_uniques`).
"""

from bson.regex import Regex
import mongomock
from mongomock import DuplicateKeyError, helpers
from mongomock.collection import Collection
from mongomock.filtering import filter_applies

_MISSING = object()


def _id_candidates(query):
    """The `_id`s a query can match, when it pins `_id` to values; None when it does not."""
    if not isinstance(query, dict) or "_id" not in query:
        return None
    condition = query["_id"]
    if isinstance(condition, dict) and condition and all(k.startswith("$") for k in condition):
        if len(condition) != 1:
            return None
        (operator, operand), = condition.items()
        if operator == "$eq":
            values = [operand]
        elif operator == "$in" and isinstance(operand, list):
            values = operand
        else:
            return None
    else:
        values = [condition]
    keys = []
    for value in values:
        if isinstance(value, (list, Regex)) or hasattr(value, "pattern"):
            return None  # arrays and regexes match by other rules: let mongomock scan
        if isinstance(value, dict):
            if any(k.startswith("$") for k in value):
                return None
            value = helpers.hashdict(value)
        keys.append(value)
    return keys


_scan_documents = Collection._iter_documents


def id_lookup_keys(query):
    """The `_id` keys when `query` is nothing but an `_id` equality or `$in`; else None."""
    if not isinstance(query, dict) or list(query) != ["_id"]:
        return None
    return _id_candidates(query)


def documents_by_id(collection, keys):
    """The stored documents with these `_id` keys, in the order asked, without copying."""
    store = collection._store
    store.is_empty  # noqa: B018 -- expires TTL-indexed documents, as every mongomock read does
    stored = store._documents  # the dict itself: its accessors take a lock per call
    seen, found = set(), []
    for key in keys:
        if key in seen:
            continue
        seen.add(key)
        document = stored.get(key)
        if document is not None and isinstance(document["_id"], bool) == isinstance(key, bool):
            found.append(document)
    return found


def _iter_documents(self, filter):
    keys = _id_candidates(filter)
    if keys is None:
        return _scan_documents(self, filter)
    store = self._store
    # The `_id` condition is answered by the lookup; the rest of the query still filters.
    # (Re-checking `_id: {$in: [...]}` per document would cost O(ids) each.)
    rest = {name: condition for name, condition in filter.items() if name != "_id"}
    seen = set()
    matches = []
    for key in keys:
        try:
            if key in seen:
                continue
            seen.add(key)
            document = store[key] if key in store else None
        except TypeError:  # unhashable after all: fall back to the scan
            return _scan_documents(self, filter)
        if document is None or isinstance(document["_id"], bool) != isinstance(key, bool):
            continue  # Python says True == 1; MongoDB does not
        if not rest or filter_applies(rest, document):
            matches.append(document)
    return iter(matches)


def _index_key(document, fields):
    values = []
    for name in fields:
        try:
            value = helpers.get_value_by_dot(document, name)
        except KeyError:
            value = None  # a missing field indexes as null, as in MongoDB
        if isinstance(value, dict):
            value = helpers.hashdict(value)
        values.append(value)
    return tuple(values)


_scan_uniques = Collection._ensure_uniques


def _ensure_uniques(self, new_data):
    store = self._store
    caches = store.__dict__.setdefault("_chorus_unique", {})
    checked = []
    for name, index in store.indexes.items():
        if not index.get("unique"):
            continue
        if index.get("sparse") or index.get("partialFilterExpression") is not None:
            return _scan_uniques(self, new_data)
        fields = tuple(field for field, _ in index["key"])
        key = _index_key(new_data, fields)
        if any(isinstance(value, list) for value in key):
            return _scan_uniques(self, new_data)  # multikey unique index: rare, scan
        cache_id = (name, fields)
        if cache_id not in caches:
            cache = caches[cache_id] = {}
            for document in store.documents:
                if document is not new_data:
                    cache[_index_key(document, fields)] = document["_id"]
        cache = caches[cache_id]
        try:
            holder = cache.get(key, _MISSING)
        except TypeError:
            return _scan_uniques(self, new_data)
        if holder is not _MISSING and holder != new_data["_id"] and holder in store \
                and _index_key(store[holder], fields) == key:
            shown = ", ".join("%s: %r" % (f, v) for f, v in zip(fields, key))
            raise DuplicateKeyError(
                "E11000 duplicate key error collection: %s.%s index: %s dup key: { %s }"
                % (self.database.name, self.name, name, shown), 11000)
        checked.append((cache, key))
    for cache, key in checked:
        cache[key] = new_data["_id"]


def install():
    """Patches mongomock's Collection with the two dictionary lookups above."""
    Collection._iter_documents = _iter_documents
    Collection._ensure_uniques = _ensure_uniques
    assert mongomock.__version__.startswith("4."), "written against mongomock 4.x"

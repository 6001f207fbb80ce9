"""Lookups mongomock does by scanning, done here with dictionaries.

1. `_id` equality and `_id: {$in: [...]}`: mongomock keeps documents in a dict keyed by `_id`
   but still scans every document for each query. With 100k documents a batched lookup would
   cost seconds; read the dict directly instead.
2. Unique indexes: mongomock checks each insert or update against every document (O(n) per
   write, O(n^2) for a bulk load). Keep, per unique index, a dict from key to the `_id` that last
   took it, and verify a hit against the stored document (entries are never removed, so a hit
   may be stale; a miss never is, because every write that can change an indexed value goes
   through `_ensure_uniques`).
3. Secondary indexes: for the leading field of each index made with createIndexes, a dict from
   value to the documents holding it, kept exact on every write. A query with a top-level
   equality or `$in` on such a field (scalar values only) reads its candidates there, in the
   scan's order, and still checks each candidate against the filter (see `_secondary`).
"""

import datetime
import re
import uuid

from bson.binary import Binary
from bson.int64 import Int64
from bson.objectid import ObjectId
from bson.regex import Regex
import mongomock
from mongomock import DuplicateKeyError, helpers
from mongomock.collection import Collection
from mongomock.filtering import filter_applies
from mongomock.store import CollectionStore

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


def _by_id(store, filter):
    """The documents the `_id` condition of `filter` allows, rest of `filter` applied; None to look elsewhere."""
    keys = _id_candidates(filter)
    if keys is None:
        return None
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
            return None
        if document is None or isinstance(document["_id"], bool) != isinstance(key, bool):
            continue  # Python says True == 1; MongoDB does not
        if not rest or filter_applies(rest, document):
            matches.append(document)
    return iter(matches)


def _iter_documents(self, filter):
    store = self._store
    documents = _by_id(store, filter)
    if documents is None:
        documents = _secondary(store, filter)
    if documents is None:
        documents = _scan_documents(self, filter)
    touched = store.__dict__.get(_TOUCHED)
    return documents if touched is None else _recording(store, documents, touched)


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
    state = store.__dict__.get(_STATE)
    if state is not None:
        # An update calls this right after changing `new_data` in place, before it is
        # re-indexed (_update): re-index it now, since mongomock's own check below may query.
        key = _key_of(store, new_data)
        if key is not None:
            state.put(key, new_data)
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


# MARK: - Secondary indexes

# Where a collection's secondary indexes live: in its mongomock CollectionStore's __dict__, so
# they go wherever the store goes (a rename moves it) and die with it (a dropped database).
_STATE = "_chorus_secondary"
# While an update runs: the keys of the documents it was handed, which it may change in place.
_TOUCHED = "_chorus_touched"

# Stands in an entry for a value the buckets do not answer for (see _FieldIndex).
_OTHER = object()

# Values bucketed under themselves. For these, mongomock's equality with a query value is
# Python's `==`, consistent with `hash` and transitive, so a dict finds every stored value
# equal to the one asked. (1, 1.0, True and Int64(1) share a bucket: mongomock's filter says
# they are equal too.) Anything else that is not null (an embedded document, an array inside
# an array, Decimal128, a regex...) is kept aside as `_OTHER` and checked by the filter at
# every lookup, so no stored type can make a lookup miss a match.
_BUCKETED_TYPES = frozenset({str, int, bool, Int64, float, ObjectId, uuid.UUID, Binary, bytes,
                             datetime.datetime})

# Query values the indexes answer for. Not null (it matches missing fields and needs the scan),
# not arrays (whole-array equality), not documents, not regexes; not floats either (NaN).
_QUERY_TYPES = frozenset({str, int, bool, Int64, ObjectId, uuid.UUID, Binary, bytes})


class _FieldIndex:
    """One field's index: value -> the store keys of the documents that hold it.

    A document whose field is an array is entered under each of its elements, as MongoDB's
    multikey indexes do, since an equality on an array field matches its elements. A document
    without the field, or with null, is entered nowhere: no indexed query value can match it.
    """

    def __init__(self, field):
        self.field = field
        self.buckets = {}  # value -> a key, or a set of keys once two documents hold it
        self.other = set()  # keys of documents that hold an `_OTHER` value
        self.entries = {}  # key -> what it was entered under: a value, or a tuple of them

    def entry(self, document):
        """What `document` is entered under: None, one value, or a tuple of values (arrays)."""
        value = document.get(self.field)
        if value is None:
            return None
        if type(value) in (list, tuple):
            # dict.fromkeys: each element once, in order; None matches nothing indexed.
            elements = tuple(dict.fromkeys(element if type(element) in _BUCKETED_TYPES else _OTHER
                                           for element in value if element is not None))
            return elements or None
        return value if type(value) in _BUCKETED_TYPES else _OTHER

    def add(self, key, entry):
        self.entries[key] = entry
        for value in (entry if type(entry) is tuple else (entry,)):
            if value is _OTHER:
                self.other.add(key)
                continue
            holders = self.buckets.get(value)
            if holders is None:
                self.buckets[value] = key
            elif type(holders) is set:
                holders.add(key)
            elif holders != key:
                self.buckets[value] = {holders, key}

    def remove(self, key):
        entry = self.entries.pop(key, None)
        if entry is None:
            return
        for value in (entry if type(entry) is tuple else (entry,)):
            if value is _OTHER:
                self.other.discard(key)
                continue
            # `entry` holds the very objects entered, so this finds their bucket even after
            # the document changed in place.
            holders = self.buckets.get(value)
            if type(holders) is set:
                holders.discard(key)
                if len(holders) == 1:
                    self.buckets[value] = next(iter(holders))
            elif holders is not None and holders == key:
                del self.buckets[value]

    def update(self, key, document):
        entry = self.entry(document)
        old = self.entries.get(key)
        if old is not None and type(old) is type(entry) and old == entry:
            return  # the common case of an update that left the field alone
        self.remove(key)
        if entry is not None:
            self.add(key, entry)

    def holders(self, value):
        holders = self.buckets.get(value)
        if holders is None:
            return ()
        return holders if type(holders) is set else (holders,)


class _Secondary:
    """A collection's secondary indexes, and every document's place in the scan's order.

    mongomock scans its OrderedDict: a document keeps its place when it changes and goes last
    when inserted (again). `order` numbers the keys the same way, so candidates can be put in
    the order the scan would have met them.
    """

    def __init__(self, store, fields):
        self.documents = store._documents  # the dict it describes; drop() replaces it
        self.order = {}
        self.fields = {}
        for key in self.documents:
            self.order[key] = len(self.order)
        self.next = len(self.order)
        for field in fields:
            self.build(field)

    def build(self, field):
        index = self.fields[field] = _FieldIndex(field)
        for key, document in self.documents.items():
            entry = index.entry(document)
            if entry is not None:
                index.add(key, entry)

    def put(self, key, document):
        """`document` is now stored under `key` (inserted, replaced, or changed in place)."""
        if key not in self.order:
            self.order[key] = self.next
            self.next += 1
        for index in self.fields.values():
            index.update(key, document)

    def discard(self, key):
        if self.order.pop(key, None) is None:
            return
        for index in self.fields.values():
            index.remove(key)

    def refresh(self, key):
        """Re-reads `key`'s stored document, whatever happened to it."""
        document = self.documents.get(key)
        if document is None:
            self.discard(key)
        else:
            self.put(key, document)


def _store_key(identifier):
    return helpers.hashdict(identifier) if isinstance(identifier, dict) else identifier


def _key_of(store, document):
    """The key `document` is stored under, or None when it is not stored.

    Its `_id`'s, but for one case: mongomock cannot roll back an update that changed a
    document-valued `_id` (its rollback uses the unhashable `_id` as the key), which leaves the
    document under its old key with the new `_id`. Then look for it.
    """
    stored = store._documents
    key = _store_key(document.get("_id"))
    try:
        if stored.get(key) is document:
            return key
    except TypeError:  # an unhashable `_id` (an array): never a key
        pass
    return next((key for key, held in stored.items() if held is document), None)


def _indexed_fields(store):
    """The fields that lead an ascending, descending or hashed index, other than `_id`.

    Only top-level fields: a dotted path reaches into arrays of documents by other rules.
    """
    fields = set()
    for index in store.indexes.values():
        keys = index.get("key")
        if not keys:
            continue
        field, direction = keys[0]
        if field == "_id" or "." in field or field.startswith("$"):
            continue
        if direction == "hashed" or (isinstance(direction, (int, float)) and not isinstance(direction, bool)):
            fields.add(field)
    return fields


def _state(store, fields):
    """The store's indexes over `fields`, built or brought up to date as needed."""
    state = store.__dict__.get(_STATE)
    # Writes go through the hooks below; these checks catch what went around them (a load
    # filling `_documents` directly, drop() replacing it).
    if state is None or state.documents is not store._documents or len(state.order) != len(store._documents):
        state = store.__dict__[_STATE] = _Secondary(store, fields)
        return state
    for field in fields - state.fields.keys():  # createIndexes since
        state.build(field)
    for field in state.fields.keys() - fields:  # dropIndexes since
        del state.fields[field]
    return state


def rebuild(store):
    """Builds `store`'s secondary indexes from its documents (after a load, say)."""
    store.__dict__.pop(_STATE, None)
    fields = _indexed_fields(store)
    if fields:
        _state(store, fields)


def _equality(condition):
    """(values, exact, plain) when a field's `condition` requires it to equal one of `values`.

    `exact`: the condition is that equality and nothing else, so a document found under one of
    the values meets it (mongomock's `{f: v}`, `$eq` and `$in` all compare with Python's `==`).
    `plain`: written `{f: v}`, which has one more rule in mongomock (see `_secondary`). None when
    the condition is anything else, or a value is not one the indexes answer for.
    """
    if isinstance(condition, dict):
        if not condition or not all(isinstance(name, str) and name.startswith("$") for name in condition):
            return None  # {} or an embedded document's equality
        if "$in" in condition:
            values = condition["$in"]
            if not isinstance(values, list):
                return None
        elif "$eq" in condition:
            values = [condition["$eq"]]
        else:
            return None
        exact, plain = len(condition) == 1, False
    else:
        values, exact, plain = [condition], True, True
    if not all(type(value) in _QUERY_TYPES for value in values):
        return None
    return values, exact, plain


def _plan(filter, fields):
    """(field, values, exact, plain, rest) for the first indexed equality `filter` requires, or None.

    Looks at the filter's top-level fields, and into a top-level `$and` (each of its filters
    must hold too). `rest` is `filter` without that condition when it is exact, else `filter`.
    """
    for name, condition in filter.items():
        if name == "$and":
            if not isinstance(condition, list) or not condition \
                    or not all(isinstance(part, dict) for part in condition):
                continue
            for position, part in enumerate(condition):
                plan = _plan(part, fields)
                if plan is None:
                    continue
                field, values, exact, plain, part_rest = plan
                rest = filter
                if exact:
                    parts = condition[:position] + ([part_rest] if part_rest else []) + condition[position + 1:]
                    rest = {key: (parts if key == "$and" else value) for key, value in filter.items()
                            if key != "$and" or parts}
                return field, values, exact, plain, rest
            continue
        if name not in fields:
            continue
        equality = _equality(condition)
        if equality is None:
            continue
        values, exact, plain = equality
        rest = {key: value for key, value in filter.items() if key != name} if exact else filter
        return name, values, exact, plain, rest
    return None


# Field operators the index path accepts in a filter (see _checkable).
_CHECKABLE_OPERATORS = frozenset({"$eq", "$ne", "$gt", "$gte", "$lt", "$lte", "$exists", "$in", "$nin"})
_REGEX_TYPES = (Regex, re.Pattern)


def _checkable(filter):
    """True when `filter` uses only what mongomock checks the same way on every document.

    mongomock finds a malformed operator (`$in: 1`, an unknown one, a bad regex) only when a
    document reaches it, so the scan fails or not depending on the data; reading only the
    index's candidates could then answer where the scan fails. Such filters, and any operator
    not listed here, go to the scan as before. One difference is left, in MongoDB's favour:
    mongomock cannot order a Decimal128 (or types it does not know) against a number, and a
    `$gt` that meets one fails; the scan meets every document, the index only its candidates.
    """
    if not isinstance(filter, dict):
        return False
    for name, condition in filter.items():
        if name in ("$and", "$or", "$nor"):
            if not isinstance(condition, list) or not condition \
                    or not all(_checkable(part) for part in condition):
                return False
        elif name == "$comment":
            continue
        elif name.startswith("$"):
            return False
        elif isinstance(condition, _REGEX_TYPES):
            return False
        elif isinstance(condition, dict) and any(key.startswith("$") for key in condition):
            for operator, operand in condition.items():
                if operator not in _CHECKABLE_OPERATORS:
                    return False  # and a mixed {$in: .., x: 1}, which mongomock reads its own way
                if operator in ("$in", "$nin") and (not isinstance(operand, list) or any(
                        isinstance(value, _REGEX_TYPES) for value in operand)):
                    return False
    return True


def _secondary(store, filter):
    """The documents `filter` matches, read through an index; None when no index applies.

    Candidates come from the buckets of the values asked, plus the documents kept aside as
    `_OTHER`, in the scan's order. A candidate found in a bucket of an exact condition meets
    that condition, and is checked against the rest of the filter; any other candidate is
    checked against the whole filter. So the answer is the scan's, without reading the rest of
    the collection.
    """
    if not isinstance(filter, dict):
        return None
    fields = _indexed_fields(store)
    if not fields:
        return None
    plan = _plan(filter, fields)
    if plan is None:
        return None
    if not _checkable(filter):
        return None
    field, values, exact, plain, rest = plan
    store.is_empty  # noqa: B018 -- expires TTL-indexed documents, as the scan does
    state = _state(store, fields)
    index = state.fields[field]
    found = set()
    for value in values:
        found.update(index.holders(value))
    unsure = set(index.other)
    if plain:
        # mongomock's `{f: ObjectId(x)}` also matches an array holding the string "x".
        for value in values:
            if type(value) is ObjectId:
                unsure.update(index.holders(str(value)))
    if not exact:
        unsure |= found
        found = set()
    order = state.order
    stored = store._documents
    candidates = [(stored[key], key in found) for key in sorted(found | unsure, key=order.__getitem__)]
    return _checked(candidates, filter, rest)


def _checked(candidates, filter, rest):
    # Lazy, as the scan is: an update changes each document it is handed before the next is
    # checked. (The candidates themselves were taken at the start, as the scan's were.)
    for document, found in candidates:
        if found:
            if not rest or filter_applies(rest, document):
                yield document
        elif filter_applies(filter, document):
            yield document


def _recording(store, documents, touched):
    for document in documents:
        key = _key_of(store, document)
        if key is not None:
            touched.append(key)
        yield document


# The writes mongomock makes, each followed by the index's bookkeeping.

_store_setitem = CollectionStore.__setitem__
_store_delitem = CollectionStore.__delitem__
_store_drop = CollectionStore.drop
_mongomock_update = Collection._update


def _setitem(self, key, document):
    _store_setitem(self, key, document)
    state = self.__dict__.get(_STATE)
    if state is not None:
        state.put(key, document)


def _delitem(self, key):
    _store_delitem(self, key)
    state = self.__dict__.get(_STATE)
    if state is not None:
        state.discard(key)


def _drop(self):
    _store_drop(self)
    self.__dict__.pop(_STATE, None)


def _update(self, spec, document, *args, **kwargs):
    """mongomock's update, which changes the stored documents in place: re-index those it touched.

    Every document the update was handed is re-read afterwards, whether it changed, was rolled
    back (a duplicate key) or was left half-changed by an error: the index then holds what the
    store holds.
    """
    store = self._store
    touched = []
    outer = store.__dict__.get(_TOUCHED)
    store.__dict__[_TOUCHED] = touched
    try:
        return _mongomock_update(self, spec, document, *args, **kwargs)
    finally:
        if outer is None:
            store.__dict__.pop(_TOUCHED, None)
        else:
            store.__dict__[_TOUCHED] = outer
        state = store.__dict__.get(_STATE)  # perhaps built by this very update's query
        if state is not None:
            for key in touched:
                state.refresh(key)


def install():
    """Patches mongomock with the dictionary lookups above, and the secondary indexes' upkeep."""
    Collection._iter_documents = _iter_documents
    Collection._ensure_uniques = _ensure_uniques
    Collection._update = _update
    CollectionStore.__setitem__ = _setitem
    CollectionStore.__delitem__ = _delitem
    CollectionStore.drop = _drop
    assert mongomock.__version__.startswith("4."), "written against mongomock 4.x"

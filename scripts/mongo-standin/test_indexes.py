"""Differential tests of the secondary indexes (indexes.py): the indexed reads answer exactly
what mongomock's scan answers, in the same order, through every write.

    /usr/bin/python3 -B scripts/mongo-standin/test_indexes.py [-v]

(-B: no __pycache__ in the source tree; `python3 -m unittest` works too.) Two databases in
one engine get the same indexes and the same random commands: one answers with the indexes,
the other with them switched off (mongomock's scan). Every reply, and every collection after
every command, must be byte-identical between the two; the maintained index must equal one
built afresh from the documents; and each query is also run through the index and through the
scan on the same collection. Documents mix what MongoDB allows in an indexed field: missing
fields, nulls, arrays (nested ones too), embedded documents, numbers of each type, ObjectIds,
UUIDs, NaN, regexes. `CHORUS_STANDIN_TEST_SEED` picks the random seed (the default is fixed).
"""

import asyncio
import contextlib
import datetime
import itertools
import logging
import os
import random
import sys
import tempfile
import unittest

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import bson  # noqa: E402
from bson.binary import Binary  # noqa: E402
from bson.decimal128 import Decimal128  # noqa: E402
from bson.int64 import Int64  # noqa: E402
from bson.objectid import ObjectId  # noqa: E402
from bson.raw_bson import RawBSONDocument  # noqa: E402
from bson.regex import Regex  # noqa: E402
import mongomock  # noqa: E402
from mongomock import collection as mongomock_collection  # noqa: E402

import commands  # noqa: E402
import indexes  # noqa: E402
import numeric  # noqa: E402
import persistence  # noqa: E402
import wire  # noqa: E402

indexes.install()
numeric.install()
# Some random commands hit mongomock's own failures (an upsert from a filter with operators in
# an `$and`, `$push` to a string): the engine logs each as an internal error. Both databases
# answer them alike, which is what is checked here.
logging.getLogger("mongo-standin").setLevel(logging.CRITICAL)

INDEXED, SCANNED = "chorus_indexed", "chorus_scanned"
MISSING = object()

OIDS = [ObjectId("64b7f0a1c2d3e4f5a6b7c8d%d" % n) for n in range(3)]
UUIDS = [Binary(bytes(range(n, n + 16)), 4) for n in range(2)]

# Values for indexed fields, in documents. Each kind MongoDB allows shows up, with the pairs
# mongomock's equality treats specially: 1 / 1.0 / True / Int64(1), an ObjectId and its string.
STORED = ["a0", "a1", "a2", "a3", "a4", "a5", 0, 1, 2, Int64(1), Int64(7), 1.0, 2.5, True, False,
          None, MISSING, OIDS[0], OIDS[1], str(OIDS[0]), UUIDS[0], UUIDS[1], b"raw", Decimal128("1"),
          datetime.datetime(2024, 1, 1), {"x": 1}, {"x": "a1"}, [], ["a1", "a2"], ["a1", ["a2"]],
          [1, "a3", None], [OIDS[0], str(OIDS[1])], [{"x": 1}, "a4"], ["a2", "a2"], float("nan"),
          Regex("^a"), [UUIDS[1], b"raw"], [True, 2.0]]
# Values queries ask for: the stored scalars, some values nobody holds, and values the indexes
# must leave to the scan (null, arrays, documents, floats, regexes).
ASKED = ["a0", "a1", "a2", "a3", "zz", 0, 1, 2, 7, Int64(1), True, False, OIDS[0], OIDS[1], OIDS[2],
         str(OIDS[1]), UUIDS[0], UUIDS[1], b"raw", None, 1.0, ["a1", "a2"], {"x": 1}, Regex("^a")]
# Values common enough that most queries find something.
COMMON = ["a1", "a2", "a3", 1, OIDS[0], UUIDS[0], ["a1", "a2"], ["a3", str(OIDS[0])]]
COMMON_SCALARS = [value for value in COMMON if not isinstance(value, list)]
STATUSES = ["DRAFT", "PUBLISHED", "HIDDEN"]

COLLECTIONS = {
    # name: (index specs, the fields the random filters aim at)
    "posts": ([{"key": {"authorId": 1}, "name": "authorId_1"},
               {"key": {"publishedAt": -1}, "name": "publishedAt_-1"},
               {"key": {"slug": 1}, "name": "slug_1", "unique": True},
               {"key": {"tags": 1}, "name": "tags_1"},
               {"key": {"code": 1}, "name": "code_1", "unique": True, "sparse": True}],
              ["authorId", "tags", "slug", "code", "publishedAt"]),
    "comments": ([{"key": {"postId": 1, "createdAt": 1}, "name": "postId_1_createdAt_1"}],
                 ["postId", "createdAt"]),
    "medical_records": ([{"key": {"patientId": 1}, "name": "patientId_1", "unique": True}],
                        ["patientId"]),
}


def wire_copy(document):
    """The document as the server receives it: encoded and decoded by the wire's codec."""
    return bson.decode(bson.encode(document, codec_options=wire.CODEC), codec_options=wire.CODEC)


class DeterministicObjectId(ObjectId):
    """mongomock names an upserted document with ObjectId(): the same names in both databases."""
    counter = itertools.count()

    def __init__(self, oid=None):
        if oid is None:
            oid = "%024x" % next(DeterministicObjectId.counter)
        super().__init__(oid)


@contextlib.contextmanager
def scan_only():
    """mongomock's scan for every query, as before the secondary indexes."""
    secondary = indexes._secondary
    indexes._secondary = lambda store, filter: None
    try:
        yield
    finally:
        indexes._secondary = secondary


def check_index(test, store):
    """The maintained index of `store` equals one built from its documents now."""
    state = store.__dict__.get(indexes._STATE)
    if state is None:
        return
    test.assertIs(state.documents, store._documents)
    test.assertEqual(sorted(state.order, key=state.order.__getitem__), list(store._documents),
                     "the order kept is not the store's")
    fresh = indexes._Secondary(store, state.fields)
    for field, index in state.fields.items():
        rebuilt = fresh.fields[field]
        test.assertEqual(index.entries, rebuilt.entries, "entries of %s" % field)
        test.assertEqual({value: set(index.holders(value)) for value in index.buckets},
                         {value: set(rebuilt.holders(value)) for value in rebuilt.buckets},
                         "buckets of %s" % field)
        test.assertEqual(index.other, rebuilt.other, "other of %s" % field)


class Random:
    """Random documents, filters and commands."""

    def __init__(self, seed):
        self.random = random.Random(seed)
        self.ids = itertools.count(1)

    def value(self):
        return self.random.choice(STORED if self.random.random() < 0.6 else COMMON)

    def settable(self):
        """A stored value an update can write (any but the missing field)."""
        return self.random.choice([value for value in STORED + COMMON if value is not MISSING])

    def asked(self):
        return self.random.choice(ASKED if self.random.random() < 0.6 else COMMON_SCALARS)

    def document(self, collection):
        r = self.random
        identifier = next(self.ids)
        document = {"_id": r.choice([identifier, identifier, identifier, {"k": identifier},
                                     ObjectId("%024x" % (10 ** 6 + identifier))])}
        fields = {
            "posts": {"authorId": self.value(), "tags": r.choice([["t1", "t2"], ["t2"], [], "t1", MISSING,
                                                                   ["t3", OIDS[0]], self.value()]),
                      "slug": r.choice(["s%d" % identifier] * 6 + ["s1", MISSING]),
                      "code": r.choice([MISSING, MISSING, "c1", "c%d" % identifier]),
                      "publishedAt": r.choice([datetime.datetime(2024, 1, 1 + identifier % 20), None, "a1"])},
            "comments": {"postId": self.value(), "createdAt": r.choice([1, 2, 3, MISSING])},
            "medical_records": {"patientId": r.choice(["p%d" % identifier] * 4 + [self.value(), "p1"])},
        }[collection]
        document.update(fields)
        document["status"] = r.choice(STATUSES + [MISSING])
        document["n"] = r.randrange(10)
        return wire_copy({key: value for key, value in document.items() if value is not MISSING})

    def condition(self):
        """A condition on one field, most of them ones the indexes answer."""
        r = self.random
        kind = r.randrange(8)
        if kind == 0:
            return self.asked()
        if kind == 1:
            return {"$eq": self.asked()}
        if kind in (2, 3):
            return {"$in": [self.asked() for _ in range(r.randrange(5))]}
        if kind == 4:
            return {"$in": [r.choice(["a1", "a2", "zz", OIDS[0], 1, UUIDS[0]]) for _ in range(r.randrange(1, 4))],
                    r.choice(["$ne", "$nin"]): r.choice(["a1", ["a2"], 1])}
        if kind == 5:
            return {"$in": ["a1", "a2", "t1", "t2"], "$exists": True}
        if kind == 6:
            return r.choice(["a1", "a2", "t1", "p1", "p2", "s1", "c1", 1, OIDS[0]])
        # No $gt on these fields: mongomock fails on a Decimal128 it meets (see _checkable).
        return r.choice([{"$exists": False}, {"$ne": "a1"}, {"$size": 2}, {"$all": ["a1"]}, {"$nin": "a1"},
                         {"$in": ["a1", Regex("^a")]}, {"$in": ["a1"], "$regex": "^a"}, {"$not": {"$eq": "a1"}}])

    def other(self):
        r = self.random
        return r.choice([{"status": r.choice(STATUSES)}, {"status": {"$ne": "DRAFT"}}, {"n": {"$gt": r.randrange(10)}},
                         {"$or": [{"status": {"$ne": "DRAFT"}}, {"authorId": "a1"}]},
                         {"$or": [{"n": {"$lt": 3}}, {"tags": "t2"}]}, {"_id": {"$gt": 10}}])

    def filter(self, collection):
        r = self.random
        field = r.choice(COLLECTIONS[collection][1])
        first = {field: self.condition()}
        shape = r.randrange(7)
        if shape == 0:
            return first
        if shape == 1:
            return {**self.other(), **first}
        if shape == 2:
            return {**first, **self.other()}
        if shape == 3:  # the gateway's posts: {$and: [{authorId: {$in}}, {$or: [...]}]}
            return {"$and": [first, self.other()]}
        if shape == 4:
            return {"$and": [self.other(), {**first, **self.other()}], "n": {"$lt": r.randrange(1, 10)}}
        if shape == 5:
            second = r.choice(COLLECTIONS[collection][1])
            return {**first, second: self.condition()}
        return {"_id": r.choice([r.randrange(60), {"$in": [r.randrange(60) for _ in range(3)]}]), **first}

    def update(self, collection):
        r = self.random
        field = r.choice(COLLECTIONS[collection][1])
        return r.choice([
            {"$set": {field: self.settable()}}, {"$set": {field: self.settable()}},
            {"$unset": {field: ""}}, {"$inc": {"n": 1}},
            {"$push": {"tags": r.choice(["t1", "t4", OIDS[0]])}}, {"$addToSet": {"tags": "t2"}},
            {"$pull": {"tags": r.choice(["t1", "t2"])}},
            {"$set": {"code": r.choice(["c1", "c2", "c3"])}}, {"$set": {"slug": r.choice(["s1", "s2", "s99"])}},
            {"$set": {"_id": 12345}},
            {"$rename": {field: "renamed"}}, {"$rename": {"renamed": field}},
            # The first operator applies, then the second fails ($push to a string, when
            # `status` holds one): mongomock leaves the document half-changed.
            {"$set": {field: self.settable()}, "$push": {"status": "x"}},
            {field: self.settable(), "slug": "r%d" % r.randrange(1000), "status": "PUBLISHED"},  # a replacement
        ])

    def command(self, collection):
        """A random command on `collection`, without `$db`."""
        r = self.random
        kind = r.choice(["find"] * 4 + ["aggregate"] * 3 + ["count", "distinct", "update", "update", "delete",
                                                           "findAndModify", "insert"])
        if kind == "find":
            body = {"find": collection, "filter": self.filter(collection), "batchSize": r.choice([2, 101])}
            if r.random() < 0.3:
                body["sort"] = {r.choice(["n", "status", "authorId"]): r.choice([1, -1])}
            if r.random() < 0.2:
                body["limit"] = r.randrange(1, 5)
            return body
        if kind == "aggregate":
            # The gateway's batched read: a $match per part, tagged, parts joined by $unionWith.
            other = r.choice(list(COLLECTIONS))
            pipeline = [{"$match": self.filter(collection)}, {"$addFields": {"__part": 0}},
                        {"$unionWith": {"coll": other, "pipeline": [{"$match": self.filter(other)},
                                                                    {"$addFields": {"__part": 1}}]}}]
            if r.random() < 0.3:
                pipeline.append({"$sort": {"n": 1}})
            if r.random() < 0.2:
                pipeline.append({"$group": {"_id": "$status", "count": {"$sum": 1}}})
            return {"aggregate": collection, "pipeline": pipeline, "cursor": {"batchSize": r.choice([3, 101])}}
        if kind == "count":
            return {"count": collection, "query": self.filter(collection)}
        if kind == "distinct":
            return {"distinct": collection, "key": r.choice(["n", "status", "_id"]), "query": self.filter(collection)}
        if kind == "update":
            statements = [{"q": self.filter(collection), "u": self.update(collection),
                           "multi": r.random() < 0.5, "upsert": r.random() < 0.2} for _ in range(r.randrange(1, 3))]
            for statement in statements:
                if not any(key.startswith("$") for key in statement["u"]):
                    statement["multi"] = False  # MongoDB refuses a multi replacement
            return {"update": collection, "updates": statements, "ordered": r.random() < 0.5}
        if kind == "delete":
            return {"delete": collection, "deletes": [{"q": self.filter(collection), "limit": r.choice([0, 1])}]}
        if kind == "findAndModify":
            body = {"findAndModify": collection, "query": self.filter(collection)}
            if r.random() < 0.3:
                body["remove"] = True
            else:
                body.update(update=self.update(collection), new=r.random() < 0.5, upsert=r.random() < 0.2)
            if r.random() < 0.3:
                body["sort"] = {"n": -1}
            return body
        return {"insert": collection, "documents": [self.document(collection) for _ in range(r.randrange(1, 4))]}


def normalized(value):
    """A reply with the raw documents as bytes, and the database names made equal."""
    if isinstance(value, RawBSONDocument):
        return value.raw
    if isinstance(value, dict):
        return {key: normalized(item) for key, item in value.items()}
    if isinstance(value, list):
        return [normalized(item) for item in value]
    if isinstance(value, str):
        return value.replace(INDEXED, "DB").replace(SCANNED, "DB")
    return value


def encoded(reply):
    return bson.encode({"reply": reply}, codec_options=wire.CODEC)


class Twins:
    """One engine, two databases: the same commands go to both; one of them never uses an index."""

    def __init__(self, test, engine=None):
        self.test = test
        self.engine = engine or commands.Engine()
        self.loop = asyncio.new_event_loop()
        self.secondary_reads = 0  # queries an index answered
        self.secondary_found = 0  # documents they found

    def close(self):
        self.loop.close()

    def run(self, body, database):
        # Decoded afresh for each database, as from the wire: the engine keeps the documents.
        body = wire_copy(dict(body, **{"$db": database}))
        reply = self.loop.run_until_complete(self.engine.run(body, {}))
        cursor = reply.get("cursor")
        if cursor is not None:  # the whole answer, batch by batch
            documents = list(cursor.pop("firstBatch"))
            while cursor["id"]:
                more = self.loop.run_until_complete(self.engine.run(
                    {"getMore": cursor["id"], "collection": body[next(iter(body))], "$db": database}, {}))
                documents += more["cursor"]["nextBatch"]
                cursor["id"] = more["cursor"]["id"]
            cursor["documents"] = documents
        return normalized(reply)

    def both(self, body):
        """Runs `body` on both databases (ObjectIds for upserts named alike); their replies must match."""
        start = next(DeterministicObjectId.counter)
        DeterministicObjectId.counter = itertools.count(start)
        indexed = self.run_counted(body)
        DeterministicObjectId.counter = itertools.count(start)
        with scan_only():
            scanned = self.run(body, SCANNED)
        if encoded(indexed) != encoded(scanned):  # as bytes: NaN == NaN
            self.test.assertEqual(indexed, scanned, "replies differ for %r" % (body,))
            self.test.fail("replies differ for %r: %r, %r" % (body, indexed, scanned))
        return indexed

    def run_counted(self, body):
        secondary = indexes._secondary

        def counting(store, filter):
            documents = secondary(store, filter)
            if documents is None:
                return None
            self.secondary_reads += 1
            return counted(documents)

        def counted(documents):  # lazy, as the index's answer is
            for document in documents:
                self.secondary_found += 1
                yield document

        indexes._secondary = counting
        try:
            return self.run(body, INDEXED)
        finally:
            indexes._secondary = secondary

    def setup(self, names=COLLECTIONS):
        for name in names:
            self.both({"createIndexes": name, "indexes": COLLECTIONS[name][0]})

    def check(self, generator):
        """Both databases hold the same documents in the same order, the index is exact, and
        queries read through it agree with the scan of the same collection."""
        for name in COLLECTIONS:
            self.test.assertEqual(encoded(self.run({"find": name, "batchSize": 10 ** 6}, INDEXED)),
                                  encoded(self.run({"find": name, "batchSize": 10 ** 6}, SCANNED)),
                                  "the collections %s differ" % name)
            collection = self.engine.client[INDEXED][name]
            check_index(self.test, collection._store)
            # The find command reads the stored documents without mongomock's copy (commands.find):
            # the same documents as mongomock's find, in the same order.
            query = generator.filter(name)
            try:
                expected = [wire.raw(document).raw for document in collection.find(query)]
            except Exception as error:  # noqa: BLE001
                expected = None
            reply = self.run({"find": name, "filter": query, "batchSize": 7}, INDEXED)
            if expected is None:
                self.test.assertEqual(reply["ok"], 0.0, "mongomock's find failed, the command did not: %r" % (query,))
            else:
                self.test.assertEqual(reply["cursor"]["documents"], expected, "find differs on %r" % (query,))
            for _ in range(3):
                query = generator.filter(name)
                try:
                    expected = list(indexes._scan_documents(collection, query))
                except Exception as error:  # noqa: BLE001
                    expected = type(error)
                try:
                    found = list(collection._iter_documents(query))
                except Exception as error:  # noqa: BLE001
                    found = type(error)
                if isinstance(expected, list) and isinstance(found, list):
                    found, expected = [id(d) for d in found], [id(d) for d in expected]
                    if indexes._id_candidates(query) is not None:
                        # The `_id` lookup (older than the secondary indexes) answers in the
                        # order the `_id`s were asked, not the scan's: compare the documents only.
                        found, expected = sorted(found), sorted(expected)
                    self.test.assertEqual(found, expected, "the index and the scan disagree on %r" % (query,))
                else:
                    self.test.assertEqual(found, expected, "errors differ on %r" % (query,))


class DifferentialTests(unittest.TestCase):
    seed = int(os.environ.get("CHORUS_STANDIN_TEST_SEED", "20261207"))

    def setUp(self):
        self.original_object_id = mongomock_collection.ObjectId
        mongomock_collection.ObjectId = DeterministicObjectId

    def tearDown(self):
        mongomock_collection.ObjectId = self.original_object_id

    def test_random_commands(self):
        """Random commands of every kind, with drops and index changes now and then."""
        for round in range(4):
            generator = Random(self.seed + round)
            twins = Twins(self)
            try:
                self.exercise(twins, generator, steps=1500)
                # The point is lost if the indexes answer too few of the queries, or find nothing.
                self.assertGreater(twins.secondary_reads, 700, "the indexes were hardly used")
                self.assertGreater(twins.secondary_found, 200, "the indexes found hardly anything")
            finally:
                twins.close()

    def exercise(self, twins, generator, steps):
        r = generator.random
        twins.setup()
        for name in COLLECTIONS:
            twins.both({"insert": name, "documents": [generator.document(name) for _ in range(120)]})
        twins.check(generator)
        for step in range(steps):
            name = r.choice(list(COLLECTIONS))
            roll = r.random()
            if roll < 0.01:
                twins.both({"drop": name})
                twins.setup([name])
                twins.both({"insert": name, "documents": [generator.document(name) for _ in range(20)]})
            elif roll < 0.015:
                twins.both({"dropDatabase": 1})
                twins.setup()
            elif roll < 0.025:  # an index on a field queries filter on, then gone again
                twins.both({"createIndexes": name, "indexes": [{"key": {"status": 1}, "name": "status_1"}]})
            elif roll < 0.03:
                twins.both({"dropIndexes": name, "index": r.choice(["status_1", COLLECTIONS[name][0][0]["name"]])})
            elif roll < 0.035:
                twins.both({"dropIndexes": name, "index": "*"})
                twins.setup([name])
            else:
                twins.both(generator.command(name))
            if step % int(os.environ.get('CHORUS_STANDIN_CHECK_EVERY', '10')) == 0:
                twins.check(generator)
        twins.check(generator)

    def test_loaded_from_the_data_file(self):
        """After a save and a load, the indexes are rebuilt and answer as the scan does."""
        generator = Random(self.seed + 100)
        twins = Twins(self)
        try:
            self.exercise(twins, generator, steps=100)
            with tempfile.TemporaryDirectory() as directory:
                path = os.path.join(directory, "data.bson")
                snapshot = persistence.Snapshot(twins.engine.client)
                snapshot.finish()
                persistence.write_atomically(path, snapshot.parts, snapshot.collections, snapshot.documents)
                loaded = Twins(self, commands.Engine())
                try:
                    persistence.load(path, loaded.engine.client)
                    store = loaded.engine.client[INDEXED]["posts"]._store
                    self.assertIsNotNone(store.__dict__.get(indexes._STATE), "not rebuilt at load")
                    loaded.check(generator)
                    for _ in range(100):
                        loaded.both(generator.command(generator.random.choice(list(COLLECTIONS))))
                    loaded.check(generator)
                    self.assertGreater(loaded.secondary_reads, 40)
                finally:
                    loaded.close()
        finally:
            twins.close()


class IndexUseTests(unittest.TestCase):
    """The lookups read only the candidates: the point of the index."""

    def setUp(self):
        self.collection = mongomock.MongoClient()["db"]["posts"]
        self.collection.create_index([("authorId", 1)])
        self.collection.create_index([("tags", 1)])
        self.collection.insert_many([{"_id": n, "authorId": "a%d" % (n % 1000), "tags": ["t%d" % (n % 7), "all"],
                                      "status": "DRAFT" if n % 2 else "PUBLISHED"} for n in range(5000)])

    def count_checks(self, query):
        """The `_id`s `query` finds, and how many times a filter was applied to find them."""
        calls = []
        original = indexes.filter_applies

        def counting(filter, document):
            calls.append(document)
            return original(filter, document)

        indexes.filter_applies = mongomock_collection.filter_applies = counting  # ours, and the scan's
        try:
            found = [document["_id"] for document in self.collection._iter_documents(query)]
        finally:
            indexes.filter_applies = mongomock_collection.filter_applies = original
        return found, len(calls)

    def test_in_reads_only_its_buckets(self):
        found, checks = self.count_checks({"$and": [{"authorId": {"$in": ["a1", "a3"]}},
                                                    {"$or": [{"status": {"$ne": "DRAFT"}}, {"authorId": "a1"}]}]})
        self.assertEqual(found, [1, 1001, 2001, 3001, 4001])
        self.assertLessEqual(checks, 11)  # the filter's validation, then the 10 candidates

    def test_array_elements_are_indexed(self):
        found, checks = self.count_checks({"tags": "t3", "status": "PUBLISHED"})
        self.assertEqual(found, [n for n in range(5000) if n % 7 == 3 and n % 2 == 0])
        self.assertLess(checks, 800)

    def test_null_is_left_to_the_scan(self):
        found, checks = self.count_checks({"authorId": None})
        self.assertEqual(found, [])
        self.assertGreaterEqual(checks, 5000)

    def test_natural_order_after_writes(self):
        self.collection.delete_one({"_id": 1})
        self.collection.insert_one({"_id": 1, "authorId": "a1"})  # now the last document
        self.collection.update_one({"_id": 1001}, {"$set": {"authorId": "a3"}})  # keeps its place
        found, _ = self.count_checks({"authorId": {"$in": ["a3", "a1"]}})
        self.assertEqual(found, [3, 1001, 1003, 2001, 2003, 3001, 3003, 4001, 4003, 1])


if __name__ == "__main__":
    unittest.main()

"""Database commands answered from mongomock, shaped like MongoDB 6.0's replies.

https://www.mongodb.com/docs/manual/reference/command/

Each handler takes (engine, body, sequences) and returns the reply document. A handler raises
CommandError for a failed command ({ok: 0, errmsg, code, codeName}); per-document write
failures go into `writeErrors` of an ok reply, as MongoDB does.
"""

import asyncio
import datetime
import itertools
import logging

import bson
import mongomock
from bson.int64 import Int64
from bson.objectid import ObjectId
from bson.regex import Regex
from bson.son import SON
from mongomock import DuplicateKeyError, OperationFailure, WriteError, helpers
from mongomock.aggregate import process_pipeline
from pymongo import ReturnDocument

import indexes
import wire

MAX_BSON_OBJECT_SIZE = 16 * 1024 * 1024
MAX_MESSAGE_SIZE = 48_000_000
MAX_WRITE_BATCH_SIZE = 100_000
DEFAULT_BATCH_SIZE = 101

log = logging.getLogger("mongo-standin")


class CommandError(Exception):
    def __init__(self, code, code_name, message):
        super().__init__(message)
        self.code = code
        self.code_name = code_name


class Cursor:
    """A server-side cursor: the remaining documents of a find or aggregate."""

    def __init__(self, namespace, documents):
        self.namespace = namespace
        self.documents = documents  # an iterator


class Engine:
    """The server's state: one mongomock client plus the open cursors."""

    def __init__(self):
        self.client = mongomock.MongoClient()
        self.cursors = {}
        self.cursor_ids = itertools.count(1_000_001)
        self.connection_ids = itertools.count(1)

    def collection(self, body, db_name, command):
        name = body[command]
        if not isinstance(name, str) or not name:
            raise CommandError(73, "InvalidNamespace", "collection name must be a non-empty string")
        return self.client[db_name][name]

    async def run(self, body, sequences):
        """Runs one command and returns its reply; never raises for a command failure."""
        if not body:
            return failure(CommandError(59, "CommandNotFound", "empty command"))
        name = next(iter(body))
        handler = HANDLERS.get(name) or HANDLERS.get(name.lower())
        if handler is None:
            return failure(CommandError(59, "CommandNotFound", "no such command: '%s'" % name))
        db_name = body.get("$db", "admin")
        try:
            reply = handler(self, body, sequences, db_name)
            if asyncio.iscoroutine(reply):
                reply = await reply
        except CommandError as error:
            return failure(error)
        except DuplicateKeyError as error:
            return failure(CommandError(11000, "DuplicateKey", str(error)))
        except (OperationFailure, WriteError, ValueError, TypeError, KeyError) as error:
            return failure(CommandError(2, "BadValue", "%s: %s" % (type(error).__name__, error)))
        except NotImplementedError as error:
            return failure(CommandError(238, "NotImplemented", "not supported by the stand-in: %s" % error))
        except Exception as error:  # a stand-in bug: report it as mongod reports internal errors
            log.exception("command %s failed", name)
            return failure(CommandError(1, "InternalError", "%s: %s" % (type(error).__name__, error)))
        reply.setdefault("ok", 1.0)
        return reply


def failure(error):
    return {"ok": 0.0, "errmsg": str(error), "code": error.code, "codeName": error.code_name}


# MARK: - Handshake and administration

def hello(engine, body, sequences, db_name):
    return {
        "helloOk": True,
        "ismaster": True,
        "isWritablePrimary": True,
        "maxBsonObjectSize": MAX_BSON_OBJECT_SIZE,
        "maxMessageSizeBytes": MAX_MESSAGE_SIZE,
        "maxWriteBatchSize": MAX_WRITE_BATCH_SIZE,
        "localTime": datetime.datetime.utcnow(),
        "logicalSessionTimeoutMinutes": 30,
        "connectionId": next(engine.connection_ids),
        "minWireVersion": 0,
        "maxWireVersion": 17,
        "readOnly": False,
    }


def build_info(engine, body, sequences, db_name):
    return {"version": "6.0.0", "versionArray": [6, 0, 0, 0], "gitVersion": "chorus-standin",
            "bits": 64, "maxBsonObjectSize": MAX_BSON_OBJECT_SIZE}


def ok(engine, body, sequences, db_name):
    return {}


async def sleep(engine, body, sequences, db_name):
    """mongod's test command `{sleep: 1, millis: N}`: holds this connection, not the server."""
    await asyncio.sleep(float(body.get("millis", body.get("secs", 1) * 1000)) / 1000)
    return {}


def list_databases(engine, body, sequences, db_name):
    names = engine.client.list_database_names()
    return {"databases": [{"name": n, "sizeOnDisk": 0, "empty": False} for n in names],
            "totalSize": 0}


def drop_database(engine, body, sequences, db_name):
    engine.client.drop_database(db_name)
    return {"dropped": db_name}


def list_collections(engine, body, sequences, db_name):
    database = engine.client[db_name]
    infos = [{"name": name, "type": "collection", "options": {},
              "info": {"readOnly": False}, "idIndex": {"v": 2, "key": {"_id": 1}, "name": "_id_"}}
             for name in database.list_collection_names()]
    query = body.get("filter") or {}
    infos = [info for info in infos if mongomock.filtering.filter_applies(query, info)]
    return open_cursor(engine, db_name + ".$cmd.listCollections", iter(infos), body.get("cursor", {}))


def create(engine, body, sequences, db_name):
    if body["create"] in engine.client[db_name].list_collection_names():
        raise CommandError(48, "NamespaceExists", "Collection %s.%s already exists." % (db_name, body["create"]))
    engine.client[db_name].create_collection(body["create"])
    return {}


def drop(engine, body, sequences, db_name):
    database = engine.client[db_name]
    if body["drop"] not in database.list_collection_names():
        raise CommandError(26, "NamespaceNotFound", "ns not found")
    database.drop_collection(body["drop"])
    return {"ns": "%s.%s" % (db_name, body["drop"]), "nIndexesWas": 1}


# MARK: - Indexes

def create_indexes(engine, body, sequences, db_name):
    collection = engine.collection(body, db_name, "createIndexes")
    created = body["createIndexes"] not in engine.client[db_name].list_collection_names()
    before = len(collection.index_information()) if not created else 1
    for spec in body.get("indexes", []):
        keys = list(spec["key"].items())
        options = {k: v for k, v in spec.items() if k not in ("key", "v")}
        collection.create_index(keys, **options)
    after = len(collection.index_information())
    return {"createdCollectionAutomatically": created, "numIndexesBefore": before,
            "numIndexesAfter": after}


def list_indexes(engine, body, sequences, db_name):
    collection = engine.collection(body, db_name, "listIndexes")
    if body["listIndexes"] not in engine.client[db_name].list_collection_names():
        raise CommandError(26, "NamespaceNotFound", "ns does not exist: %s.%s" % (db_name, body["listIndexes"]))
    specs = []
    for name, info in collection.index_information().items():
        spec = {"v": 2, "key": SON(info["key"]), "name": name}
        spec.update({k: v for k, v in info.items() if k not in ("key", "v")})
        specs.append(spec)
    return open_cursor(engine, collection.full_name, iter(specs), body.get("cursor", {}))


def drop_indexes(engine, body, sequences, db_name):
    collection = engine.collection(body, db_name, "dropIndexes")
    target = body.get("index", "*")
    if target == "*":
        collection.drop_indexes()
    elif isinstance(target, str):
        collection.drop_index(target)
    else:
        collection.drop_index(list(target.items()))
    return {"nIndexesWas": 1}


# MARK: - Cursors

def open_cursor(engine, namespace, documents, options, first_key="firstBatch"):
    """Returns the first batch and keeps the rest as a cursor when anything is left."""
    batch_size = options.get("batchSize", DEFAULT_BATCH_SIZE) if isinstance(options, dict) else DEFAULT_BATCH_SIZE
    batch, exhausted = take_batch(documents, batch_size)
    cursor_id = 0
    if not exhausted:
        cursor_id = next(engine.cursor_ids)
        engine.cursors[cursor_id] = Cursor(namespace, documents)
    return {"cursor": {first_key: batch, "id": Int64(cursor_id), "ns": namespace}}


def take_batch(documents, batch_size):
    """Up to batch_size documents (0 = default), capped at 16 MiB like mongod's batches."""
    limit = batch_size or DEFAULT_BATCH_SIZE
    batch, size = [], 0
    for document in documents:
        encoded = wire.raw(document)
        batch.append(encoded)
        size += len(encoded.raw)
        if len(batch) >= limit or size >= MAX_BSON_OBJECT_SIZE:
            return batch, False
    return batch, True


def get_more(engine, body, sequences, db_name):
    cursor_id = int(body["getMore"])
    cursor = engine.cursors.get(cursor_id)
    if cursor is None:
        raise CommandError(43, "CursorNotFound", "cursor id %d not found" % cursor_id)
    batch, exhausted = take_batch(cursor.documents, body.get("batchSize", 0))
    if exhausted:
        del engine.cursors[cursor_id]
        cursor_id = 0
    # A batch that ended exactly at the last document leaves an empty next batch: fine.
    return {"cursor": {"nextBatch": batch, "id": Int64(cursor_id), "ns": cursor.namespace}}


def kill_cursors(engine, body, sequences, db_name):
    killed, missing = [], []
    for cursor_id in body.get("cursors", []):
        (killed if engine.cursors.pop(int(cursor_id), None) else missing).append(cursor_id)
    return {"cursorsKilled": killed, "cursorsNotFound": missing, "cursorsAlive": [],
            "cursorsUnknown": []}


# MARK: - Reads

def find(engine, body, sequences, db_name):
    collection = engine.collection(body, db_name, "find")
    limit = body.get("limit", 0)
    batch_size = body.get("batchSize", DEFAULT_BATCH_SIZE)
    if body.get("singleBatch") or limit < 0:
        limit = abs(limit)
        batch_size = limit or batch_size
    sort = list(body["sort"].items()) if body.get("sort") else None
    query = body.get("filter") or {}
    keys = indexes.id_lookup_keys(query)
    whole = not sort and not body.get("projection") and not body.get("skip")
    if keys is not None and whole:
        # The loaders' batched `{_id: {$in: [...]}}`: read the stored documents directly. They
        # are only encoded for the reply, never handed out, so mongomock's defensive copy is moot.
        documents = indexes.documents_by_id(collection, keys)
        documents = iter(documents[:limit] if limit else documents)
    elif whole and isinstance(query, dict):
        # Likewise for any other filter: the stored documents it matches (through a secondary
        # index when one applies; see indexes.py), in the order mongomock's find gives, uncopied.
        matches = list(collection._iter_documents(helpers.patch_datetime_awareness_in_document(query)))
        documents = iter(matches[:limit] if limit else matches)  # evaluated now, as mongomock's find is
    else:
        cursor = collection.find(query, projection=body.get("projection") or None,
                                 skip=body.get("skip", 0), limit=limit, sort=sort)
        documents = iter(list(cursor))  # evaluate now: errors belong to this command
    reply = open_cursor(engine, collection.full_name, documents, {"batchSize": batch_size})
    if body.get("singleBatch") and reply["cursor"]["id"]:
        engine.cursors.pop(int(reply["cursor"]["id"]))
        reply["cursor"]["id"] = Int64(0)
    return reply


def aggregate(engine, body, sequences, db_name):
    collection = engine.collection(body, db_name, "aggregate")
    documents, pipeline = pipeline_source(collection, body.get("pipeline", []))
    documents = run_pipeline(collection.database, documents, pipeline)
    return open_cursor(engine, collection.full_name, iter(documents), body.get("cursor", {}))


def pipeline_source(collection, pipeline):
    """The documents `pipeline` starts from, and the stages left to run on them.

    mongomock's aggregation copies the whole collection before its first stage, so every part
    of the gateway's batched read (one `$match` on a collection per part) copied a collection.
    A leading `$match` is applied here instead, to the stored documents, and only its matches
    are copied: the same predicate mongomock's `$match` applies (stored documents are already
    in the form its datetime patch gives), through the `_id` lookup of `indexes` when the
    stage pins `_id`.
    """
    if pipeline and isinstance(pipeline[0], dict) and list(pipeline[0]) == ["$match"] \
            and isinstance(pipeline[0]["$match"], dict):
        spec = helpers.patch_datetime_awareness_in_document(pipeline[0]["$match"])
        matches = collection._iter_documents(spec)  # pylint: disable=protected-access
        return [collection._copy_only_fields(document, None, dict) for document in matches], pipeline[1:]
    return list(collection.find()), pipeline


def run_pipeline(database, documents, pipeline):
    """mongomock's aggregation of `documents`, with `$unionWith` (MongoDB 4.4), which it lacks.

    https://www.mongodb.com/docs/manual/reference/operator/aggregation/unionWith/
    The pipeline is cut at its first `$unionWith`: the stages before it run on `documents`, its
    sub-pipeline on the other collection of the same database, and the rest of the pipeline on
    the two outputs, one after the other.
    """
    for position, stage in enumerate(pipeline):
        if isinstance(stage, dict) and "$unionWith" in stage:
            name, sub_pipeline = union_with_spec(stage)
            before = list(process_pipeline(documents, database, pipeline[:position], None))
            other = run_pipeline(database, *pipeline_source(database[name], sub_pipeline))
            return run_pipeline(database, before + other, pipeline[position + 1:])
    return list(process_pipeline(documents, database, pipeline, None))


def union_with_spec(stage):
    """The collection and sub-pipeline of `{$unionWith: "coll"}` or `{$unionWith: {coll, pipeline}}`."""
    if len(stage) != 1:
        raise CommandError(40323, "Location40323",
                           "A pipeline stage specification object must contain exactly one field.")
    spec = stage["$unionWith"]
    if isinstance(spec, str):
        spec = {"coll": spec}
    if not isinstance(spec, dict) or set(spec) - {"coll", "pipeline"}:
        raise CommandError(9, "FailedToParse", "$unionWith takes a collection name or {coll, pipeline}")
    name, pipeline = spec.get("coll"), spec.get("pipeline", [])
    if not isinstance(name, str) or not name:
        raise CommandError(73, "InvalidNamespace", "$unionWith needs a non-empty collection name in 'coll'")
    if not isinstance(pipeline, list) or not all(isinstance(sub, dict) for sub in pipeline):
        raise CommandError(14, "TypeMismatch", "$unionWith's 'pipeline' must be an array of stages")
    return name, pipeline


def count(engine, body, sequences, db_name):
    collection = engine.collection(body, db_name, "count")
    options = {k: body[k] for k in ("skip", "limit") if body.get(k)}
    return {"n": collection.count_documents(body.get("query") or {}, **options)}


def distinct(engine, body, sequences, db_name):
    collection = engine.collection(body, db_name, "distinct")
    return {"values": collection.distinct(body["key"], body.get("query") or {})}


# MARK: - Writes

def _write_error(index, error):
    code = 11000 if isinstance(error, DuplicateKeyError) else getattr(error, "code", None) or 2
    return {"index": index, "code": code, "errmsg": str(error)}


def _documents(body, sequences, name):
    return body.get(name) if name in body else sequences.get(name, [])


def _insert_document(collection, document):
    """Stores one decoded document: the checks of mongod 6.0, without mongomock's deep walks.

    mongomock's insert_one re-encodes and re-walks every document (about 0.3 ms each); the
    document here is freshly decoded, naive-datetime and ours, so it is stored as it is.
    """
    if "_id" not in document:
        document = {"_id": ObjectId(), **document}
    for key in document:
        if key.startswith("$"):
            raise WriteError("Document can't have $ prefixed field names: %s" % key, 2)
    identifier = document["_id"]
    if isinstance(identifier, (list, Regex)):
        raise WriteError("The '_id' value cannot be of type %s" % type(identifier).__name__, 2)
    key = helpers.hashdict(identifier) if isinstance(identifier, dict) else identifier
    store = collection._store
    if key in store:
        raise DuplicateKeyError(
            "E11000 duplicate key error collection: %s index: _id_ dup key: { _id: %r }"
            % (collection.full_name, identifier), 11000)
    store[key] = document
    try:
        collection._ensure_uniques(document)
    except DuplicateKeyError:
        del store[key]
        raise


def insert(engine, body, sequences, db_name):
    collection = engine.collection(body, db_name, "insert")
    ordered = body.get("ordered", True)
    documents = _documents(body, sequences, "documents")
    sizes = sequences.get("documents#sizes", [0] * len(documents))
    inserted, errors = 0, []
    for index, (document, size) in enumerate(zip(documents, sizes)):
        try:
            if size > MAX_BSON_OBJECT_SIZE:
                raise WriteError("object to insert too large: %d bytes" % size, 10334)
            _insert_document(collection, document)
            inserted += 1
        except WriteError as error:
            errors.append(_write_error(index, error))
            if ordered:
                break
    reply = {"n": inserted}
    if errors:
        reply["writeErrors"] = errors
    return reply


def _is_replacement(update):
    return isinstance(update, dict) and not any(key.startswith("$") for key in update)


def update(engine, body, sequences, db_name):
    collection = engine.collection(body, db_name, "update")
    ordered = body.get("ordered", True)
    matched, modified, upserted, errors = 0, 0, [], []
    for index, statement in enumerate(_documents(body, sequences, "updates")):
        query, change = statement.get("q", {}), statement.get("u", {})
        upsert, multi = statement.get("upsert", False), statement.get("multi", False)
        try:
            if isinstance(change, list):
                raise WriteError("pipeline updates need a real MongoDB", 238)
            if _is_replacement(change):
                result = collection.replace_one(query, change, upsert=upsert)
            elif multi:
                result = collection.update_many(query, change, upsert=upsert)
            else:
                result = collection.update_one(query, change, upsert=upsert)
        except (WriteError, OperationFailure, ValueError) as error:
            errors.append(_write_error(index, error))
            if ordered:
                break
            continue
        if result.upserted_id is not None:
            upserted.append({"index": index, "_id": result.upserted_id})
            matched += 1
        else:
            matched += result.matched_count
            modified += result.modified_count
    reply = {"n": matched, "nModified": modified}
    if upserted:
        reply["upserted"] = upserted
    if errors:
        reply["writeErrors"] = errors
    return reply


def delete(engine, body, sequences, db_name):
    collection = engine.collection(body, db_name, "delete")
    removed = 0
    for statement in _documents(body, sequences, "deletes"):
        query = statement.get("q", {})
        if statement.get("limit", 0) == 1:
            removed += collection.delete_one(query).deleted_count
        else:
            removed += collection.delete_many(query).deleted_count
    return {"n": removed}


def find_and_modify(engine, body, sequences, db_name):
    collection = engine.collection(body, db_name, "findAndModify")
    query = body.get("query") or {}
    sort = list(body["sort"].items()) if body.get("sort") else None
    projection = body.get("fields") or None
    if body.get("remove"):
        value = collection.find_one_and_delete(query, projection=projection, sort=sort)
        return {"lastErrorObject": {"n": int(value is not None)}, "value": value}
    change = body.get("update", {})
    return_new = ReturnDocument.AFTER if body.get("new") else ReturnDocument.BEFORE
    upsert = body.get("upsert", False)
    existed = collection.count_documents(query, limit=1) > 0
    method = collection.find_one_and_replace if _is_replacement(change) else collection.find_one_and_update
    value = method(query, change, projection=projection, sort=sort, upsert=upsert,
                   return_document=return_new)
    last_error = {"n": 1 if (existed or upsert) else 0, "updatedExisting": existed}
    if upsert and not existed:
        after = value if body.get("new") else collection.find_one(query)
        if after is not None:
            last_error["upserted"] = after["_id"]
    return {"lastErrorObject": last_error, "value": value}


HANDLERS = {
    "hello": hello, "isMaster": hello, "ismaster": hello,
    "buildInfo": build_info, "buildinfo": build_info,
    "ping": ok, "endSessions": ok, "getFreeMonitoringStatus": ok,
    "sleep": sleep,
    "listDatabases": list_databases, "dropDatabase": drop_database,
    "listCollections": list_collections, "create": create, "drop": drop,
    "createIndexes": create_indexes, "listIndexes": list_indexes, "dropIndexes": drop_indexes,
    "find": find, "getMore": get_more, "killCursors": kill_cursors,
    "aggregate": aggregate, "count": count, "distinct": distinct,
    "insert": insert, "update": update, "delete": delete,
    "findAndModify": find_and_modify, "findandmodify": find_and_modify,
}

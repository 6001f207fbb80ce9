"""The data file: every database, collection, index and document, saved and loaded as BSON.

The file is a sequence of BSON documents:

    {format: "chorus-mongo-standin", version: 1}
    for each collection: {database, collection, indexes: [{name, key, unique, ...}], documents: N}
                         then its N documents, as stored
    {end: true, collections: C, documents: D, crc32: CRC-32 of every byte before this document}

Documents are encoded and decoded with the wire's codec (wire.CODEC), so each value comes back
with the type it went in with: int32, int64, double, decimal128, dates, ObjectId, binary.

A save is a whole snapshot written to PATH.tmp, fsynced and renamed over PATH, so PATH always
holds a complete save. There is no journal: writes since the last save die with a SIGKILL.
"""

import asyncio
import copy
import logging
import os
import struct
import time
import zlib

import bson
from mongomock import helpers

import indexes
import wire

FORMAT = "chorus-mongo-standin"
VERSION = 1

# Commands that never change data. Every other command may, and counts as a write.
READ_ONLY_COMMANDS = {
    "hello", "ismaster", "buildinfo", "ping", "endsessions", "getfreemonitoringstatus", "sleep",
    "listdatabases", "listcollections", "listindexes", "find", "getmore", "killcursors", "count",
    "distinct", "aggregate",
}

# How long one slice of a snapshot's encoding may hold the event loop.
ENCODE_SLICE_SECONDS = 0.005

log = logging.getLogger("mongo-standin")


class DataFileError(Exception):
    """The data file cannot be loaded; the message says why, in one line."""


def may_write(body):
    """True unless the command is one that only reads (an aggregate with $out or $merge writes)."""
    name = next(iter(body), "").lower()
    if name not in READ_ONLY_COMMANDS:
        return True
    if name == "aggregate":
        pipeline = body.get("pipeline")
        return isinstance(pipeline, list) and any(
            isinstance(stage, dict) and ("$out" in stage or "$merge" in stage) for stage in pipeline)
    return False


# MARK: - Loading

def load(path, client):
    """Fills the empty mongomock `client` from the file at `path`; returns (collections, documents).

    Raises DataFileError when the file is unreadable, truncated, corrupt or of another format.
    """
    try:
        with open(path, "rb") as handle:
            data = handle.read()
    except OSError as error:
        raise DataFileError("cannot read it: %s" % (error.strerror or error)) from None
    reader = _Reader(data)
    header = reader.document()
    if header.get("format") != FORMAT:
        raise DataFileError("not a mongo-standin data file (no format header)")
    if header.get("version") != VERSION:
        raise DataFileError("format version %r, this server reads version %d" % (header.get("version"), VERSION))
    collections = documents = 0
    while True:
        offset = reader.offset
        section = reader.document()
        if section.get("end") is True:
            break
        _load_collection(client, section, reader)
        collections += 1
        documents += section["documents"]
    if reader.offset != len(data):
        raise DataFileError("%d bytes after the end marker" % (len(data) - reader.offset))
    if section.get("crc32") != zlib.crc32(memoryview(data)[:offset]):
        raise DataFileError("checksum mismatch: the file was changed or damaged after it was written")
    if section.get("collections") != collections or section.get("documents") != documents:
        raise DataFileError("the end marker counts %r collections and %r documents, the file holds %d and %d"
                            % (section.get("collections"), section.get("documents"), collections, documents))
    return collections, documents


def _load_collection(client, section, reader):
    try:
        database, name, count = section["database"], section["collection"], section["documents"]
        specs = section["indexes"]
    except KeyError as error:
        raise DataFileError("a collection header at byte %d lacks %s" % (reader.offset, error)) from None
    collection = client[database][name]
    store = collection._store
    store.create()  # an empty collection without indexes exists too
    for spec in specs:
        options = {key: value for key, value in spec.items() if key not in ("key", "name")}
        collection.create_index(list(spec["key"].items()), name=spec["name"], **options)
    stored = store._documents
    for _ in range(count):
        document = reader.document()
        identifier = document.get("_id")
        key = helpers.hashdict(identifier) if isinstance(identifier, dict) else identifier
        stored[key] = document  # as commands._insert_document stores it; unique keys were checked when written
    indexes.rebuild(store)  # the documents went in around the secondary indexes' upkeep


class _Reader:
    def __init__(self, data):
        self.data = data
        self.offset = 0

    def document(self):
        if self.offset + 4 > len(self.data):
            raise DataFileError("truncated at byte %d (the save did not finish, or the file was cut)" % self.offset)
        (length,) = struct.unpack_from("<i", self.data, self.offset)
        if length < 5 or self.offset + length > len(self.data):
            raise DataFileError("truncated or damaged at byte %d (document length %d)" % (self.offset, length))
        try:
            document = bson.decode(self.data[self.offset:self.offset + length], codec_options=wire.CODEC)
        except Exception as error:  # bson raises InvalidBSON, and others for bad values
            raise DataFileError("invalid BSON at byte %d: %s" % (self.offset, error)) from None
        self.offset += length
        return document


# MARK: - Saving

class Snapshot:
    """The data at one instant, encoded a slice at a time between commands.

    Taking it copies only references: to each collection's documents, and its index specs. The
    encoding then runs in slices of a few milliseconds, so commands go on meanwhile. Inserts,
    deletes and drops leave the referenced documents as they were; but mongomock updates a
    document in place, so before an update or findAndModify runs, `protect` encodes the
    documents it matches (its own query, run once more), and before anything else that may
    change documents it encodes all the rest (`finish`).
    """

    def __init__(self, client):
        self.client = client
        self.parts = [_encode({"format": FORMAT, "version": VERSION})]
        self.pending = []  # (header, documents) per collection, in order
        self.early = {}  # id(document) -> its encoding, taken before a write changed it
        self.error = None  # why the snapshot was abandoned, if it was
        self.documents = 0
        server = client._store
        for database in server.list_created_database_names():
            database_store = server[database]
            for name in database_store.list_created_collection_names():
                store = database_store[name]
                documents = list(store._documents.values())
                specs = []
                for index_name, index in store.indexes.items():
                    spec = {"name": index_name, "key": dict(index["key"])}
                    spec.update(copy.deepcopy({k: v for k, v in index.items() if k != "key"}))
                    specs.append(spec)
                header = {"database": database, "collection": name, "indexes": specs,
                          "documents": len(documents)}
                self.pending.append((header, documents))
                self.documents += len(documents)
        self.collections = len(self.pending)
        self.position = 0  # of the next document to encode in pending[0]

    @property
    def done(self):
        return not self.pending

    def encode_slice(self, seconds):
        """Encodes documents for about `seconds`, or until none is left."""
        deadline = time.monotonic() + seconds
        early = self.early
        while self.pending:
            header, documents = self.pending[0]
            if self.position == 0:
                self.parts.append(_encode(header))
            end = min(self.position + 200, len(documents))
            self.parts.append(b"".join(early.pop(id(document), None) or _encode(document)
                                       for document in documents[self.position:end]))
            self.position = end
            if end == len(documents):
                self.pending.pop(0)
                self.position = 0
            if time.monotonic() >= deadline:
                return

    def finish(self):
        self.encode_slice(float("inf"))

    def abandon(self, error):
        """Gives the snapshot up (a document would not encode, say): the save fails, the write goes on."""
        self.error = error
        self.pending = []

    def protect(self, body, sequences, db_name):
        """Encodes, before the write command `body` runs, what it could change in place."""
        name = next(iter(body), "").lower()
        if name in IN_PLACE_SAFE_COMMANDS:
            return
        if name == "update":
            queries = [statement.get("q") or {} for statement in _statements(body, sequences, "updates")]
        elif name == "findandmodify":
            queries = [body.get("query") or {}]
        else:
            return self.finish()
        target = body[next(iter(body))]
        if not any(header["database"] == db_name and header["collection"] == target for header, _ in self.pending):
            return  # that collection is encoded already, or was not in the snapshot
        collection = self.client[db_name][target]
        try:
            for query in queries:
                for document in collection._iter_documents(helpers.patch_datetime_awareness_in_document(query)):
                    if id(document) not in self.early:
                        self.early[id(document)] = _encode(document)
        except Exception:  # a query mongomock refuses fails the command too; be safe meanwhile
            self.finish()


# Write commands that change no stored document in place (they add, remove or replace whole
# documents, collections or indexes), so a snapshot in progress needs no help with them.
IN_PLACE_SAFE_COMMANDS = {"insert", "delete", "create", "drop", "dropdatabase", "createindexes", "dropindexes"}


def _statements(body, sequences, name):
    return body.get(name) if name in body else sequences.get(name, [])


def _encode(document):
    return bson.encode(document, codec_options=wire.CODEC)


def write_atomically(path, parts, collections, documents):
    """Writes the parts and the end marker to PATH.tmp, fsyncs it, renames it over PATH."""
    temporary = path + ".tmp"
    crc = 0
    with open(temporary, "wb") as handle:
        for part in parts:
            handle.write(part)
            crc = zlib.crc32(part, crc)
        handle.write(_encode({"end": True, "collections": collections, "documents": documents, "crc32": crc}))
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temporary, path)
    directory = os.open(os.path.dirname(os.path.abspath(path)), os.O_RDONLY)
    try:
        os.fsync(directory)  # the rename itself survives a power cut
    finally:
        os.close(directory)


class DataFile:
    """The server's data file: loads it at start, saves on demand, periodically and at shutdown."""

    def __init__(self, path, client):
        self.path = path
        self.client = client
        self.writes = 0  # write commands seen
        self.saved_writes = 0  # of them, covered by the file
        self.snapshot = None  # the snapshot being encoded, if any
        self.saving = asyncio.Lock()

    def load(self):
        """Loads the file if it exists; raises DataFileError if it cannot be loaded or saved to."""
        directory = os.path.dirname(os.path.abspath(self.path))
        if not os.path.isdir(directory) or not os.access(directory, os.W_OK | os.X_OK):
            raise DataFileError("its folder %s does not exist or is not writable" % directory)
        if not os.path.lexists(self.path):
            log.info("no data file at %s yet: starting empty", self.path)
            return
        started = time.monotonic()
        collections, documents = load(self.path, self.client)
        log.info("loaded %d documents in %d collections from %s in %.2f s",
                 documents, collections, self.path, time.monotonic() - started)

    @property
    def changed(self):
        return self.writes != self.saved_writes

    def before_command(self, body, sequences):
        """Call before running each command: notes writes, and keeps a snapshot in progress exact."""
        if may_write(body):
            self.writes += 1
            if self.snapshot is not None:
                try:
                    self.snapshot.protect(body, sequences, body.get("$db", "admin"))
                except Exception as error:  # never fail the command for the snapshot's sake
                    self.snapshot.abandon(error)

    async def save(self):
        """Saves the data as it is now; reads (and, apart from a short wait, writes) go on meanwhile."""
        async with self.saving:
            started = time.monotonic()
            writes = self.writes
            snapshot = self.snapshot = Snapshot(self.client)
            try:
                while not snapshot.done:
                    snapshot.encode_slice(ENCODE_SLICE_SECONDS)
                    await asyncio.sleep(0)
            finally:
                self.snapshot = None
            if snapshot.error is not None:
                raise snapshot.error
            await asyncio.to_thread(write_atomically, self.path, snapshot.parts,
                                    snapshot.collections, snapshot.documents)
            self.saved_writes = writes
            log.info("saved %d documents in %d collections to %s in %.2f s",
                     snapshot.documents, snapshot.collections, self.path, time.monotonic() - started)

    async def save_periodically(self, interval, stop):
        """Saves every `interval` seconds while anything changed, until `stop` is set."""
        while True:
            try:
                await asyncio.wait_for(stop.wait(), interval)
                return
            except asyncio.TimeoutError:
                pass
            if self.changed:
                try:
                    await self.save()
                except Exception:  # the disk is full, say: keep serving and try again later
                    log.exception("saving %s failed; the previous save is intact", self.path)

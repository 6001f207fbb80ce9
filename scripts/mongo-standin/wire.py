"""MongoDB wire protocol framing: the three opcodes libmongoc 1.23 uses.

https://www.mongodb.com/docs/manual/reference/mongodb-wire-protocol/

Every message starts with a 16-byte header (messageLength, requestID, responseTo, opCode, all
little-endian int32). libmongoc sends OP_QUERY only for the handshake and the pool's heartbeats
(`isMaster`/`hello` on `admin.$cmd`) and expects OP_REPLY back; everything else is OP_MSG.
"""

import struct
from dataclasses import dataclass, field

import bson
from bson.binary import UuidRepresentation
from bson.codec_options import CodecOptions
from bson.raw_bson import RawBSONDocument

OP_REPLY = 1
OP_QUERY = 2004
OP_COMPRESSED = 2012
OP_MSG = 2013

HEADER = struct.Struct("<iiii")

# OP_MSG flag bits.
CHECKSUM_PRESENT = 1 << 0
MORE_TO_COME = 1 << 1
EXHAUST_ALLOWED = 1 << 16

# Binary subtype 4 (UUID) stays a bson.Binary: converting it to uuid.UUID and back would
# re-encode it with the legacy subtype 3 and break the client's round trip.
CODEC = CodecOptions(document_class=dict, tz_aware=False,
                     uuid_representation=UuidRepresentation.UNSPECIFIED)
RAW_CODEC = CODEC.with_options(document_class=RawBSONDocument)


class ProtocolError(Exception):
    """The peer sent bytes that are not a message we understand; the connection is closed."""


@dataclass
class Request:
    """One decoded request: the command body plus any kind-1 document sequences."""
    request_id: int
    op_code: int
    body: dict
    sequences: dict = field(default_factory=dict)
    more_to_come: bool = False
    # OP_QUERY only: the namespace it was sent to (e.g. "admin.$cmd").
    namespace: str = ""


def decode_document(data, offset=0):
    """Decodes one BSON document at `offset`; returns (document, end offset)."""
    if offset + 4 > len(data):
        raise ProtocolError("truncated BSON document")
    (length,) = struct.unpack_from("<i", data, offset)
    if length < 5 or offset + length > len(data):
        raise ProtocolError("invalid BSON document length %d" % length)
    return bson.decode(data[offset:offset + length], codec_options=CODEC), offset + length


def _cstring(data, offset):
    end = data.find(b"\x00", offset)
    if end < 0:
        raise ProtocolError("unterminated cstring")
    return data[offset:end].decode("utf-8"), end + 1


def parse_message(op_code, request_id, payload):
    """Parses the bytes after the header into a Request."""
    if op_code == OP_MSG:
        return _parse_op_msg(request_id, payload)
    if op_code == OP_QUERY:
        return _parse_op_query(request_id, payload)
    raise ProtocolError("unsupported opcode %d" % op_code)


def _parse_op_msg(request_id, payload):
    (flags,) = struct.unpack_from("<I", payload, 0)
    end = len(payload)
    if flags & CHECKSUM_PRESENT:
        end -= 4  # CRC-32C trailer: TCP already checksums loopback traffic; we skip it.
    offset = 4
    body = None
    sequences = {}
    while offset < end:
        kind = payload[offset]
        offset += 1
        if kind == 0:
            body, offset = decode_document(payload, offset)
        elif kind == 1:
            (size,) = struct.unpack_from("<i", payload, offset)
            section_end = offset + size
            identifier, cursor = _cstring(payload, offset + 4)
            documents, sizes = [], []
            while cursor < section_end:
                document, next_cursor = decode_document(payload, cursor)
                documents.append(document)
                sizes.append(next_cursor - cursor)
                cursor = next_cursor
            sequences[identifier] = documents
            sequences[identifier + "#sizes"] = sizes  # for mongod's 16 MiB per-document limit
            offset = section_end
        else:
            raise ProtocolError("unknown OP_MSG section kind %d" % kind)
    if body is None:
        raise ProtocolError("OP_MSG without a body section")
    return Request(request_id, OP_MSG, body, sequences, bool(flags & MORE_TO_COME))


def _parse_op_query(request_id, payload):
    offset = 4  # flags
    namespace, offset = _cstring(payload, offset)
    offset += 8  # numberToSkip, numberToReturn
    query, _ = decode_document(payload, offset)
    # Commands may arrive wrapped as {$query: {...}, $readPreference: ...}.
    if "$query" in query:
        query = query["$query"]
    return Request(request_id, OP_QUERY, query, namespace=namespace)


def encode_reply(request, response_id, document):
    """Encodes `document` as the reply to `request` (OP_REPLY for OP_QUERY, else OP_MSG)."""
    body = bson.encode(document, codec_options=CODEC)
    if request.op_code == OP_QUERY:
        payload = struct.pack("<iqii", 0, 0, 0, 1) + body
        op_code = OP_REPLY
    else:
        payload = struct.pack("<I", 0) + b"\x00" + body
        op_code = OP_MSG
    header = HEADER.pack(HEADER.size + len(payload), response_id, request.request_id, op_code)
    return header + payload


def raw(document):
    """Encodes a document once, so replies can embed it and batches can measure it."""
    return RawBSONDocument(bson.encode(document, codec_options=CODEC), codec_options=RAW_CODEC)

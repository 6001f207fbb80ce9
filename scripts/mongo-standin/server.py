"""A MongoDB-wire-compatible development server over mongomock. Data lives in memory only.

    /usr/bin/python3 scripts/mongo-standin/server.py --host 127.0.0.1 --port 27099 \
        [--pidfile F] [--log F]

Prints one line ("ready on HOST:PORT") once it accepts connections; exits cleanly on SIGTERM or
SIGINT. See README.md: this is a stand-in for tests and the demo, not a database.
"""

import argparse
import asyncio
import logging
import os
import signal
import struct
import sys

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import commands  # noqa: E402
import indexes  # noqa: E402
import numeric  # noqa: E402
import wire  # noqa: E402

log = logging.getLogger("mongo-standin")


class Server:
    def __init__(self):
        self.engine = commands.Engine()
        self.response_ids = 0
        self.connections = set()

    async def serve_connection(self, reader, writer):
        peer = writer.get_extra_info("peername")
        task = asyncio.current_task()
        self.connections.add(task)
        log.debug("connection from %s", peer)
        try:
            while True:
                header = await reader.readexactly(wire.HEADER.size)
                length, request_id, _, op_code = wire.HEADER.unpack(header)
                if length < wire.HEADER.size or length > commands.MAX_MESSAGE_SIZE:
                    raise wire.ProtocolError("message length %d out of range" % length)
                payload = await reader.readexactly(length - wire.HEADER.size)
                request = wire.parse_message(op_code, request_id, payload)
                reply = await self.engine.run(request.body, request.sequences)
                log.debug("%s -> ok=%s", next(iter(request.body), "?"), reply.get("ok"))
                if request.more_to_come:
                    continue  # the client asked for no reply (unacknowledged write)
                self.response_ids += 1
                writer.write(wire.encode_reply(request, self.response_ids, reply))
                await writer.drain()
        except (asyncio.IncompleteReadError, ConnectionError):
            pass  # the client went away
        except (wire.ProtocolError, struct.error, UnicodeDecodeError) as error:
            log.warning("closing connection from %s: %s", peer, error)
        except Exception:  # a bug here must not take the server down for other clients
            log.exception("unexpected error; closing connection from %s", peer)
        finally:
            self.connections.discard(task)
            writer.close()


async def main(arguments):
    server = Server()
    listener = await asyncio.start_server(server.serve_connection, arguments.host, arguments.port,
                                          reuse_address=True)
    if arguments.pidfile:
        with open(arguments.pidfile, "w") as handle:
            handle.write("%d\n" % os.getpid())
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    # A parent may spawn us with these blocked (Foundation's Process does): unblock them, or
    # SIGTERM would never arrive and the server would outlive its owner.
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGTERM, signal.SIGINT})
    for signum in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(signum, stop.set)
    print("ready on %s:%d" % (arguments.host, arguments.port), flush=True)
    async with listener:
        await stop.wait()
    listener.close()
    for task in list(server.connections):
        task.cancel()
    await asyncio.gather(*server.connections, return_exceptions=True)
    if arguments.pidfile:
        try:
            os.unlink(arguments.pidfile)
        except FileNotFoundError:
            pass
    log.info("stopped")


def parse_arguments(argv):
    parser = argparse.ArgumentParser(description="MongoDB-wire-compatible development server "
                                                 "(in memory, over mongomock)")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=27099)
    parser.add_argument("--pidfile", help="write the process id here; removed on exit")
    parser.add_argument("--log", help="append a log here (default: stderr, warnings only)")
    parser.add_argument("--verbose", action="store_true", help="log every command")
    return parser.parse_args(argv)


if __name__ == "__main__":
    arguments = parse_arguments(sys.argv[1:])
    level = logging.DEBUG if arguments.verbose else logging.INFO if arguments.log else logging.WARNING
    logging.basicConfig(filename=arguments.log, level=level,
                        format="%(asctime)s %(levelname)s %(message)s")
    indexes.install()
    numeric.install()
    try:
        asyncio.run(main(arguments))
    except OSError as error:  # e.g. the port is taken
        print("mongo-standin: %s" % error, file=sys.stderr)
        sys.exit(1)

"""A MongoDB-wire-compatible development server over mongomock, in memory.

    /usr/bin/python3 scripts/mongo-standin/server.py --host 127.0.0.1 --port 27099 \
        [--data-file F [--save-interval S]] [--pidfile F] [--log F]

Prints one line ("ready on HOST:PORT") once it accepts connections; exits cleanly on SIGTERM or
SIGINT, after saving to the data file when one is given (persistence.py). See README.md: this is
a stand-in for tests and the demo, not a database.
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
import persistence  # noqa: E402
import wire  # noqa: E402

log = logging.getLogger("mongo-standin")


class Server:
    def __init__(self, data_file_path=None):
        self.engine = commands.Engine()
        self.response_ids = 0
        self.connections = set()
        self.data_file = persistence.DataFile(data_file_path, self.engine.client) if data_file_path else None

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
                if self.data_file:
                    self.data_file.before_command(request.body, request.sequences)
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


async def main(arguments, server):
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
    saver = None
    if server.data_file and arguments.save_interval > 0:
        saver = asyncio.create_task(server.data_file.save_periodically(arguments.save_interval, stop))
    print("ready on %s:%d" % (arguments.host, arguments.port), flush=True)
    async with listener:
        await stop.wait()
    listener.close()
    for task in list(server.connections):
        task.cancel()
    await asyncio.gather(*server.connections, return_exceptions=True)
    saved = True
    if server.data_file:
        if saver:
            await saver  # lets a save in progress finish
        if server.data_file.changed:
            try:
                await server.data_file.save()
            except Exception as error:
                log.exception("saving %s failed", server.data_file.path)
                print("mongo-standin: saving %s failed, writes since the last save are lost: %s"
                      % (server.data_file.path, error), file=sys.stderr)
                saved = False
    if arguments.pidfile:
        try:
            os.unlink(arguments.pidfile)
        except FileNotFoundError:
            pass
    log.info("stopped")
    return saved


def parse_arguments(argv):
    parser = argparse.ArgumentParser(description="MongoDB-wire-compatible development server "
                                                 "(in memory, over mongomock)")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=27099)
    parser.add_argument("--data-file", metavar="PATH",
                        help="load the data from PATH at start (if it exists) and save it there at shutdown")
    parser.add_argument("--save-interval", type=float, default=0, metavar="SECONDS",
                        help="also save every SECONDS while anything changed (default 0: only at shutdown)")
    parser.add_argument("--pidfile", help="write the process id here; removed on exit")
    parser.add_argument("--log", help="append a log here (default: stderr, warnings only)")
    parser.add_argument("--verbose", action="store_true", help="log every command")
    arguments = parser.parse_args(argv)
    if arguments.save_interval < 0:
        parser.error("--save-interval must be 0 or more")
    if arguments.save_interval > 0 and not arguments.data_file:
        parser.error("--save-interval needs --data-file")
    return arguments


if __name__ == "__main__":
    arguments = parse_arguments(sys.argv[1:])
    level = logging.DEBUG if arguments.verbose else logging.INFO if arguments.log else logging.WARNING
    logging.basicConfig(filename=arguments.log, level=level,
                        format="%(asctime)s %(levelname)s %(message)s")
    indexes.install()
    numeric.install()
    server = Server(arguments.data_file)
    if server.data_file:
        try:
            server.data_file.load()
        except Exception as error:  # never start empty over a file we could not read: the next save would erase it
            reason = error if isinstance(error, persistence.DataFileError) else "%s: %s" % (type(error).__name__, error)
            hint = " (move it away to start empty)" if os.path.isfile(arguments.data_file) else ""
            print("mongo-standin: cannot use the data file %s: %s; not starting%s"
                  % (arguments.data_file, reason, hint), file=sys.stderr)
            sys.exit(1)
    try:
        saved = asyncio.run(main(arguments, server))
    except OSError as error:  # e.g. the port is taken
        print("mongo-standin: %s" % error, file=sys.stderr)
        sys.exit(1)
    sys.exit(0 if saved else 1)

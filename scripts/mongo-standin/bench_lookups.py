"""Times the gateway's batched MongoDB reads on two stand-ins side by side: an earlier version
(from git) and this one, loaded with the same documents, in the same run.

    /usr/bin/python3 -B scripts/mongo-standin/bench_lookups.py [--before main] [--documents 100000]
        [--rounds 7] [--ports 27150 27151]

Starts both servers on loopback (in memory, no data file), loads `--documents` medical records
(about 1 KB each, shaped like `chorus seed`'s, with the gateway's unique index on `patientId`)
into each, then runs each lookup `--rounds` times per server, alternating servers, asking for
1,000 other keys each round. Prints the median and range per lookup and server, as a Markdown
table. The client is pymongo (Debian's python3-pymongo, which the stand-in itself needs); the
times are whole round trips: the server's work plus encoding, sending and decoding 1,000
documents (the `count` command sends none back: it times the lookup alone).
"""

import argparse
import datetime
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
import uuid

sys.dont_write_bytecode = True

from pymongo import MongoClient  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
BATCH = 1_000


def checkout(ref, directory):
    """Writes `ref`'s scripts/mongo-standin into `directory`; returns its server.py."""
    names = subprocess.run(["git", "-C", ROOT, "ls-tree", "--name-only", ref, "scripts/mongo-standin/"],
                           check=True, capture_output=True, text=True).stdout.split()
    for name in names:
        content = subprocess.run(["git", "-C", ROOT, "show", "%s:%s" % (ref, name)],
                                 check=True, capture_output=True).stdout
        with open(os.path.join(directory, os.path.basename(name)), "wb") as handle:
            handle.write(content)
    return os.path.join(directory, "server.py")


def start(script, port):
    process = subprocess.Popen(["/usr/bin/python3", "-B", script, "--host", "127.0.0.1", "--port", str(port)],
                               stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    line = process.stdout.readline()
    if not line.startswith("ready on"):
        process.wait()
        sys.exit("bench_lookups: the stand-in %s did not start on port %d" % (script, port))
    return process


def record(random_source, patient_id, now):
    """A medical record roughly as `chorus seed` writes one (about 1 KB)."""
    day = datetime.timedelta(days=1)
    return {
        "_id": str(uuid.UUID(int=random_source.getrandbits(128))),
        "patientId": patient_id,
        "bloodType": random_source.choice(["A+", "A-", "B+", "O+", "O-", "AB+"]),
        "consultations": [{
            "consultationId": str(uuid.UUID(int=random_source.getrandbits(128))),
            "doctorId": str(uuid.UUID(int=random_source.getrandbits(128))),
            "date": now - random_source.randrange(1000) * day,
            "diagnosis": "Acute upper respiratory infection",
            "symptoms": ["cough", "fever", "sore throat"],
            "prescriptions": [{"drug": "Paracetamol", "dosage": "500 mg", "frequency": "every 6 hours"}],
            "examResults": [{"test": "CRP", "result": "12 mg/L"}],
            "notes": "Rest and fluids; come back if the fever lasts more than three days.",
        } for _ in range(2)],
        "allergies": [{"substance": "pollen", "reaction": "rhinitis", "severity": "mild", "recordedAt": now}],
        "chronicDiseases": [],
        "vaccinations": [{"vaccine": "Influenza", "date": now - 200 * day, "dose": 1}],
        "vitalSigns": [{"date": now, "heartRate": 72, "bloodPressure": "120/80", "temperature": 36.8}],
        "createdAt": now - 2000 * day,
        "updatedAt": now,
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--before", default="main", help="the git ref of the earlier stand-in (default main)")
    parser.add_argument("--documents", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--ports", type=int, nargs=2, default=[27150, 27151], metavar=("BEFORE", "AFTER"))
    arguments = parser.parse_args()

    random_source = random.Random(11)
    now = datetime.datetime(2026, 12, 1)
    patients = [str(uuid.UUID(int=random_source.getrandbits(128))) for _ in range(arguments.documents)]
    records = [record(random_source, patient, now) for patient in patients]
    ids = [document["_id"] for document in records]

    with tempfile.TemporaryDirectory(prefix="standin-before-") as before_directory:
        servers = {"before (%s)" % arguments.before: checkout(arguments.before, before_directory),
                   "after": os.path.join(HERE, "server.py")}
        processes, clients, loads = {}, {}, {}
        try:
            for (name, script), port in zip(servers.items(), arguments.ports):
                processes[name] = start(script, port)
                client = clients[name] = MongoClient("127.0.0.1", port)
                collection = client.bench.medical_records
                collection.drop()
                collection.create_index("patientId", unique=True)  # as MongoMigrations does
                collection.find_one({"patientId": "nobody"})  # the index exists before the load
                started = time.perf_counter()
                for chunk in range(0, len(records), 10_000):
                    collection.insert_many(records[chunk:chunk + 10_000])
                loads[name] = time.perf_counter() - started

            def keys(values, round_number):
                return [values[(n * 97 + round_number * 7_919) % len(values)] for n in range(BATCH)]

            lookups = {
                "find `_id: {$in: [1,000]}`":
                    lambda c, r: list(c.find({"_id": {"$in": keys(ids, r)}}, batch_size=BATCH)),
                "find `patientId: {$in: [1,000]}`":
                    lambda c, r: list(c.find({"patientId": {"$in": keys(patients, r)}}, batch_size=BATCH)),
                "aggregate `$match: {patientId: {$in: [1,000]}}`, `$addFields` (the gateway's read)":
                    lambda c, r: list(c.aggregate([{"$match": {"patientId": {"$in": keys(patients, r)}}},
                                                   {"$addFields": {"__chorus_part": 0}}],
                                                  batchSize=BATCH)),
                # No documents sent back: the server's lookup alone.
                "count command, `patientId: {$in: [1,000]}`":
                    lambda c, r: [None] * c.database.command("count", c.name,
                                                             query={"patientId": {"$in": keys(patients, r)}})["n"],
            }
            timings = {(lookup, name): [] for lookup in lookups for name in servers}
            for round_number in range(arguments.rounds):
                for lookup, run in lookups.items():
                    for name in servers:
                        collection = clients[name].bench.medical_records
                        started = time.perf_counter()
                        found = run(collection, round_number)
                        timings[(lookup, name)].append(time.perf_counter() - started)
                        if len(found) != BATCH:
                            sys.exit("bench_lookups: %s found %d documents on %s, not %d"
                                     % (lookup, len(found), name, BATCH))
        finally:
            for client in clients.values():
                client.close()
            for process in processes.values():
                process.terminate()
                process.wait()

    print("%d documents, %d rounds per lookup and server, alternating servers" % (arguments.documents, arguments.rounds))
    print()
    print("| lookup | stand-in | median | min–max |")
    print("|---|---|---:|---:|")
    for lookup in lookups:
        for name in servers:
            values = timings[(lookup, name)]
            print("| %s | %s | %.1f ms | %.1f–%.1f ms |" % (lookup, name, statistics.median(values) * 1000,
                                                         min(values) * 1000, max(values) * 1000))
    for name, seconds in loads.items():
        print("| insert %d documents (insertMany of 10,000) | %s | %.1f s | |" % (arguments.documents, name, seconds))


if __name__ == "__main__":
    main()

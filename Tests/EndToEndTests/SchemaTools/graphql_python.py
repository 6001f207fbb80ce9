"""graphql-core and the gql client against a running Chorus.

graphql-core: its introspection query with every option, POSTed, and build_client_schema of
the answer. gql: a client that fetches the schema from the server (fetch_schema_from_transport),
then validates and runs a query against it. Prints one "ok" line per step and the Query type's
field names; exits 1 on any failure.

    python graphql_python.py --url http://127.0.0.1:PORT/graphql --token TOKEN
"""

import argparse
import json
import sys

import requests
from gql import Client, gql
from gql.transport.requests import RequestsHTTPTransport
from graphql import build_client_schema, get_introspection_query, print_schema


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--url", required=True)
    parser.add_argument("--token", required=True)
    arguments = parser.parse_args()

    query = get_introspection_query(
        descriptions=True,
        specified_by_url=True,
        directive_is_repeatable=True,
        schema_description=True,
        input_value_deprecation=True,
    )
    response = requests.post(arguments.url, json={"query": query}, timeout=60)
    body = response.json()
    if response.status_code != 200 or "errors" in body:
        print(f"FAIL graphql-core: {response.status_code} {json.dumps(body.get('errors'))}")
        return 1
    schema = build_client_schema(body["data"])
    printed = print_schema(schema)
    print(f"ok graphql-core {'prints Query' if 'type Query {' in printed else 'no Query'}")
    print(f"query fields: {','.join(sorted(schema.query_type.fields))}")

    transport = RequestsHTTPTransport(
        url=arguments.url, headers={"Authorization": f"Bearer {arguments.token}"}, timeout=60
    )
    client = Client(transport=transport, fetch_schema_from_transport=True)
    try:
        with client as session:
            result = session.execute(gql("{ analytics { topDoctors(limit: 2) { completedConsultations } } }"))
    except Exception as error:  # noqa: BLE001 - the failure is the test's output
        print(f"FAIL gql: {type(error).__name__}: {error}")
        return 1
    doctors = result["analytics"]["topDoctors"]
    print(f"ok gql schema {'fetched' if client.schema is not None else 'missing'}")
    print(f"ok gql query {len(doctors)} doctors, counts are ints: {all(isinstance(d['completedConsultations'], int) for d in doctors)}")
    print("PASS")
    return 0


if __name__ == "__main__":
    sys.exit(main())

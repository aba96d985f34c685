"""kg.serve: the read-only SPARQL endpoint, driven by a real SPARQL client (SPARQLWrapper) on 127.0.0.1."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from rdflib import Graph
from SPARQLWrapper import JSON, POST, TURTLE, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import QueryBadFormed

import kg.serve
from kg.errors import InputError
from kg.query import run_query_files
from kg.serve import find_oxigraph, load_store, start_endpoint

ROOT = Path(__file__).resolve().parent.parent
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
INSERT = "INSERT DATA { <https://example.org/a> <https://example.org/b> <https://example.org/c> }"
# a three-way cross product of every triple: far more work than any timeout allows
EXPLODE = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


@pytest.fixture(scope="module")
def data(fixture_build) -> Path:
    return next(p for p in fixture_build.outputs if p.name == "graph.ttl")


@pytest.fixture(scope="module")
def endpoint(data):
    with start_endpoint([data], port=0) as endpoint:
        yield endpoint


def client(url: str, query: str, fmt=JSON) -> SPARQLWrapper:
    sparql = SPARQLWrapper(url)
    sparql.setQuery(query)
    sparql.setReturnFormat(fmt)
    return sparql


def count_triples(url: str) -> int:
    result = client(url, COUNT).queryAndConvert()
    return int(result["results"]["bindings"][0]["n"]["value"])


def status(url: str, *, data: bytes | None = None, content_type: str | None = None) -> tuple[int, str]:
    request = urllib.request.Request(url, data=data, headers={"Content-Type": content_type} if content_type else {})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as err:
        return err.code, err.read().decode("utf-8")


def test_exported_names_match_all():
    public = {name for name in dir(kg.serve) if not name.startswith("_")}
    assert set(kg.serve.__all__) <= public


def test_oxigraph_server_is_installed():
    assert find_oxigraph().is_file()


def test_endpoint_listens_on_loopback_at_query(endpoint):
    assert endpoint.url.startswith("http://127.0.0.1:") and endpoint.url.endswith("/query")


def test_select_gives_what_kg_query_gives(endpoint, data):
    query = (ROOT / "queries" / "platforms_by_province.rq").read_text(encoding="utf-8")
    result = client(endpoint.url, query).queryAndConvert()
    names = result["head"]["vars"]
    served = [{n: b.get(n, {}).get("value", "") for n in names} for b in result["results"]["bindings"]]
    assert served and served == run_query_files(query, [data])


def test_construct_returns_a_graph(endpoint):
    query = """PREFIX dgo: <https://w3id.org/dgkg/ontology#>
        CONSTRUCT { ?r dgo:partOf ?p } WHERE { ?r a dgo:City ; dgo:partOf ?p }"""
    result = client(endpoint.url, query, TURTLE).queryAndConvert()
    rdf = Graph().parse(data=result, format="turtle")
    assert len(rdf) > 0
    assert {str(p) for p in rdf.predicates()} == {"https://w3id.org/dgkg/ontology#partOf"}


def test_ask(endpoint):
    assert client(endpoint.url, "ASK { ?s a <https://w3id.org/dgkg/ontology#Platform> }").queryAndConvert()["boolean"]
    assert not client(endpoint.url, "ASK { ?s a <https://example.org/Nothing> }").queryAndConvert()["boolean"]


def test_ontology_is_loaded_so_class_hierarchies_work(endpoint):
    query = """PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
        ASK { ?r a/rdfs:subClassOf* <https://w3id.org/dgkg/ontology#Region> ; a <https://w3id.org/dgkg/ontology#City> }"""
    assert client(endpoint.url, query).queryAndConvert()["boolean"]


def test_update_to_update_is_refused_and_changes_nothing(endpoint):
    before = count_triples(endpoint.url)
    sparql = SPARQLWrapper(endpoint.url, updateEndpoint=endpoint.url.replace("/query", "/update"))
    sparql.setMethod(POST)
    sparql.setQuery(INSERT)
    with pytest.raises(urllib.error.HTTPError) as refused:
        sparql.query()
    assert refused.value.code == 403
    assert count_triples(endpoint.url) == before


def test_update_sent_to_query_is_refused_too(endpoint):
    before = count_triples(endpoint.url)
    sparql = SPARQLWrapper(endpoint.url)  # the update endpoint defaults to the query endpoint
    sparql.setMethod(POST)
    sparql.setQuery(INSERT)
    with pytest.raises(urllib.error.HTTPError) as refused:
        sparql.query()
    assert refused.value.code == 403
    assert status(endpoint.url, data=INSERT.encode(), content_type="application/sparql-update")[0] == 403
    assert count_triples(endpoint.url) == before


def test_bad_query_is_a_400(endpoint):
    with pytest.raises(QueryBadFormed):
        client(endpoint.url, "SELECT ?x WHERE { ?x").query()


def test_other_paths_are_not_served(endpoint):
    base = endpoint.url.removesuffix("/query")
    assert status(base + "/store")[0] == 404
    assert status(base + "/")[0] == 404


def test_post_forms_of_the_protocol(endpoint):
    form = urllib.parse.urlencode({"query": "ASK { ?s ?p ?o }"}).encode()
    code, body = status(endpoint.url, data=form, content_type="application/x-www-form-urlencoded")
    assert code == 200 and '"boolean":true' in body.replace(" ", "")
    code, body = status(endpoint.url, data=b"ASK { ?s ?p ?o }", content_type="application/sparql-query")
    assert code == 200 and '"boolean":true' in body.replace(" ", "")


@pytest.fixture(scope="module")
def limited(data):
    with start_endpoint([data], port=0, timeout=1, max_bytes=4096) as endpoint:
        yield endpoint


def test_query_timeout(limited):
    url = limited.url + "?" + urllib.parse.urlencode({"query": EXPLODE})
    code, body = status(url)
    assert (code, body) == (503, "query timed out after 1 s\n")


def test_result_size_limit(limited):
    url = limited.url + "?" + urllib.parse.urlencode({"query": "SELECT * WHERE { ?s ?p ?o }"})
    code, body = status(url)
    assert code == 500 and body.startswith("result larger than 4096 bytes")
    assert count_triples(limited.url) > 0  # small results still pass


def test_missing_data_file(tmp_path):
    with pytest.raises(InputError, match=r"nowhere\.ttl: no such data file"):
        start_endpoint([tmp_path / "nowhere.ttl"], port=0)


def test_bad_data_file_is_an_input_error(tmp_path):
    bad = tmp_path / "bad.ttl"
    bad.write_text("this is not turtle", encoding="utf-8")
    with pytest.raises(InputError, match=r"bad\.ttl: oxigraph load failed"):
        load_store([bad], tmp_path / "store")


def test_kept_store_and_temporary_store(data, tmp_path):
    store = tmp_path / "store"
    with start_endpoint([data], port=0, store_dir=store) as endpoint:
        assert count_triples(endpoint.url) > 0
    assert store.is_dir()  # a store folder the caller named is kept
    with start_endpoint([data], port=0) as endpoint:
        temporary = endpoint.store_dir
    assert not temporary.exists()


def children_of(pid: int) -> list[int]:
    path = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(p) for p in path.read_text().split()] if path.exists() else []


def test_cli_serve_prints_the_url_and_stops_on_sigterm(data):
    proc = subprocess.Popen([sys.executable, "-m", "kg.cli", "serve", "--data", str(data), "--port", "0"],
                            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        line = proc.stdout.readline()
        assert line.startswith("SPARQL endpoint (read-only): http://127.0.0.1:"), line + proc.stderr.read()
        url = line.split(": ", 1)[1].strip()
        assert client(url, "ASK { ?s ?p ?o }").queryAndConvert()["boolean"]
        servers = children_of(proc.pid)
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=30) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    for pid in servers:  # the Oxigraph server went with it
        assert not os.path.exists(f"/proc/{pid}") or "zombie" in Path(f"/proc/{pid}/status").read_text()

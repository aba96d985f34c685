"""Serve: a read-only SPARQL 1.1 Protocol endpoint over the exports.

The engine is the Oxigraph server (PyPI package ``oxigraph``): the data files
and the ontology are loaded into a store folder with ``oxigraph load``, and
``oxigraph serve-read-only --timeout-s N --union-default-graph`` serves it on
a private loopback port. Oxigraph has a query timeout but no result-size limit (and its timeout
does not stop a result that is still streaming: a ``SELECT *`` over a
three-way cross product of a 1,400-triple store sent 1.3 GB in 30 s with
``--timeout-s 5``), so a small proxy in front, on ``host:port``, is the
public endpoint:

* ``/query`` (GET, or POST form / ``application/sparql-query``) is passed on;
  a response larger than ``max_bytes`` is dropped and answered ``500``, a
  query cancelled by the timeout ``503``, both with a plain-text reason.
* ``/update``, and an update sent to ``/query``, are refused with ``403``
  before they reach the server (which refuses them too: it is read-only).
* every other path is ``404``.

:func:`start_endpoint` returns a running :class:`Endpoint` (a context
manager); ``kg serve`` prints its URL and waits.
"""

from __future__ import annotations

import http.client
import logging
import shutil
import socket
import subprocess
import sys
import sysconfig
import tempfile
import threading
import time
import urllib.parse
from collections.abc import Iterable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from kg.errors import InputError, KgError
from kg.ontology import load_ontology

__all__ = ["Endpoint", "find_oxigraph", "load_store", "start_endpoint"]

log = logging.getLogger(__name__)

#: Oxigraph ends a streamed result with this text when --timeout-s cancels the query.
_CANCELLED = b"The SPARQL operation has been cancelled"
_UPDATE_TYPES = ("application/sparql-update",)


def find_oxigraph() -> Path:
    """The ``oxigraph`` command installed with this Python (the PyPI package ``oxigraph``).

    Raises:
        KgError: it is not installed.
    """
    # beside the running interpreter first: `.venv/bin/kg serve` works without activating the venv
    for folder in (Path(sys.executable).parent, Path(sysconfig.get_path("scripts"))):
        if (folder / "oxigraph").is_file():
            return folder / "oxigraph"
    found = shutil.which("oxigraph")
    if found is None:
        raise KgError("the oxigraph server is not installed (pip install oxigraph)")
    return Path(found)


def load_store(data: Iterable[str | Path], store_dir: str | Path, *, ontology: str | Path | None = None) -> Path:
    """Load RDF files and the ontology into an Oxigraph store folder with ``oxigraph load``.

    Raises:
        InputError: a data file is missing, or ``oxigraph load`` rejects it.
        OntologyError: the ontology folder has no ``dgo.ttl``.
    """
    paths = [Path(p) for p in data]
    for path in paths:
        if not path.is_file():
            raise InputError(path, "no such data file (build one with `kg build`)")
    store_dir = Path(store_dir)
    with tempfile.TemporaryDirectory(prefix="kg-ontology-") as tmp:
        # load_ontology is the one place that finds and checks the ontology folder
        onto = Path(tmp) / "ontology.nt"
        load_ontology(ontology).serialize(onto, format="nt", encoding="utf-8")
        for path in [*paths, onto]:
            done = subprocess.run([str(find_oxigraph()), "load", "--location", str(store_dir), "--file", str(path)],
                                  capture_output=True, text=True, check=False)
            if done.returncode != 0:
                reason = next((line for line in done.stderr.splitlines() if line.strip()), "no message")
                raise InputError(path, f"oxigraph load failed: {reason.strip()}")
    return store_dir


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class _Handler(BaseHTTPRequestHandler):
    server: _ProxyServer
    protocol_version = "HTTP/1.1"

    def log_message(self, fmt: str, *args) -> None:
        log.info("%s %s", self.address_string(), fmt % args)

    def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
        self._handle(b"")

    def do_POST(self) -> None:  # noqa: N802
        length = int(self.headers.get("Content-Length") or 0)
        self._handle(self.rfile.read(length))

    def _reply(self, status: int, body: bytes, content_type: str = "text/plain; charset=utf-8") -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _handle(self, body: bytes) -> None:
        path, _, query_string = self.path.partition("?")
        if path == "/update" or (path == "/query" and self._is_update(body, query_string)):
            self._reply(403, b"read-only endpoint: SPARQL updates are refused\n")
        elif path != "/query":
            self._reply(404, b"not found: the SPARQL endpoint is /query\n")
        else:
            self._reply(*self.server.forward(self.command, self.path, self.headers, body))

    def _is_update(self, body: bytes, query_string: str) -> bool:
        content_type = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        if content_type in _UPDATE_TYPES:
            return True
        form = query_string
        if content_type == "application/x-www-form-urlencoded":
            form += "&" + body.decode("utf-8", "replace")
        return "update" in urllib.parse.parse_qs(form)


class _ProxyServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, address: tuple[str, int], upstream: tuple[str, int], *, timeout: float, max_bytes: int):
        super().__init__(address, _Handler)
        self.upstream, self.query_timeout, self.max_bytes = upstream, timeout, max_bytes

    def forward(self, method: str, path: str, headers, body: bytes) -> tuple[int, bytes, str]:
        """Pass one /query request on; (status, body, content type) of the answer."""
        deadline = time.monotonic() + self.query_timeout + 2
        conn = http.client.HTTPConnection(*self.upstream, timeout=self.query_timeout + 2)
        try:
            passed = {k: v for k, v in headers.items() if k.lower() in ("accept", "content-type")}
            conn.request(method, path, body=body or None, headers=passed)
            response = conn.getresponse()
            chunks, size = [], 0
            while chunk := response.read1(1 << 16):
                chunks.append(chunk)
                size += len(chunk)
                if size > self.max_bytes:
                    return 500, (f"result larger than {self.max_bytes} bytes (kg serve --max-result-mb): "
                                 "add a LIMIT\n").encode(), "text/plain; charset=utf-8"
                if time.monotonic() > deadline:
                    break
            result = b"".join(chunks)
            if time.monotonic() > deadline or _CANCELLED in result[-len(_CANCELLED) - 16:]:
                return 503, f"query timed out after {self.query_timeout:g} s\n".encode(), "text/plain; charset=utf-8"
            return response.status, result, response.getheader("Content-Type", "application/octet-stream")
        except (OSError, http.client.HTTPException) as err:
            return 502, f"SPARQL server unreachable: {err}\n".encode(), "text/plain; charset=utf-8"
        finally:
            conn.close()  # also stops a result still streaming from the server


class Endpoint:
    """A running endpoint: the Oxigraph server process and the proxy thread in front of it."""

    def __init__(self, proxy: _ProxyServer, process: subprocess.Popen, store_dir: Path, *, owns_store: bool,
                 server_log=None):
        self.proxy, self.process, self.store_dir = proxy, process, store_dir
        self._owns_store, self._server_log = owns_store, server_log
        self._thread = threading.Thread(target=proxy.serve_forever, name="kg-serve", daemon=True)
        self._thread.start()

    @property
    def url(self) -> str:
        """The SPARQL endpoint, ``http://HOST:PORT/query``."""
        host, port = self.proxy.server_address[:2]
        return f"http://{host}:{port}/query"

    def wait(self) -> int:
        """Block until the Oxigraph server exits; its exit code."""
        return self.process.wait()

    def close(self) -> None:
        """Stop the proxy and the server, and remove a store folder made for this endpoint."""
        self.proxy.shutdown()
        self.proxy.server_close()
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        if self._server_log is not None:
            self._server_log.close()
        if self._owns_store:
            shutil.rmtree(self.store_dir, ignore_errors=True)

    def __enter__(self) -> Endpoint:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def _wait_until_ready(process: subprocess.Popen, port: int, server_log, *, within: float = 30.0) -> None:
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        if process.poll() is not None:
            server_log.seek(0)
            err = server_log.read().decode("utf-8", "replace").strip()
            raise KgError(f"oxigraph serve-read-only exited with code {process.returncode}: {err}")
        with socket.socket() as sock:
            sock.settimeout(0.5)
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.05)
    process.terminate()
    raise KgError(f"oxigraph serve-read-only did not listen on 127.0.0.1:{port} within {within:g} s")


def _listen(host: str, port: int, upstream: tuple[str, int], **limits) -> _ProxyServer:
    try:
        return _ProxyServer((host, port), upstream, **limits)
    except OSError as err:
        raise KgError(f"cannot listen on {host}:{port}: {err.strerror or err}") from err


def start_endpoint(data: Iterable[str | Path], *, host: str = "127.0.0.1", port: int = 7878,
                   timeout: float = 30.0, max_bytes: int = 64 << 20, store_dir: str | Path | None = None,
                   ontology: str | Path | None = None) -> Endpoint:
    """Load ``data`` plus the ontology and serve it read-only at ``http://host:port/query``.

    Args:
        data: RDF files (format from the extension).
        host: address to listen on; loopback by default.
        port: port to listen on; ``0`` picks a free one (see :attr:`Endpoint.url`).
        timeout: seconds a query may run (Oxigraph's ``--timeout-s``).
        max_bytes: largest response passed on.
        store_dir: Oxigraph store folder to create (and keep); default a temporary one.
        ontology: the ontology folder (default :data:`kg.ontology.ONTOLOGY_DIR`).

    Raises:
        InputError: a data file is missing or does not load.
        KgError: the Oxigraph server is not installed or does not start.
    """
    owns_store = store_dir is None
    store = Path(tempfile.mkdtemp(prefix="kg-store-")) if owns_store else Path(store_dir)
    try:
        load_store(data, store, ontology=ontology)
        upstream = ("127.0.0.1", _free_port())
        # a file, not a pipe: nobody reads the server's log while it runs, and a full pipe would block it
        server_log = tempfile.TemporaryFile()
        process = subprocess.Popen(
            [str(find_oxigraph()), "serve-read-only", "--location", str(store),
             "--bind", f"{upstream[0]}:{upstream[1]}", "--timeout-s", str(max(1, round(timeout))),
             # TriG / N-Quads data: the default graph is the union of the named graphs, as in `kg query`
             "--union-default-graph"],
            stdout=subprocess.DEVNULL, stderr=server_log)
    except BaseException:
        if owns_store:
            shutil.rmtree(store, ignore_errors=True)
        raise
    try:
        _wait_until_ready(process, upstream[1], server_log)
        if host not in ("127.0.0.1", "localhost", "::1"):
            log.warning("serving on %s: reachable from other machines", host)
        proxy = _listen(host, port, upstream, timeout=timeout, max_bytes=max_bytes)
    except BaseException:
        process.terminate()
        process.wait()
        server_log.close()
        if owns_store:
            shutil.rmtree(store, ignore_errors=True)
        raise
    return Endpoint(proxy, process, store, owns_store=owns_store, server_log=server_log)

"""What a hostile or careless request does to the API (issue 14), and the fixes.

Each test sends the request the issue names; the long ones are marked slow and
run a real uvicorn server on loopback (port 8031 or the next free one), bounded
in count and time.
"""

from __future__ import annotations

import contextlib
import socket
import statistics
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any
from urllib.parse import urlparse

import httpx
import pytest
from fastapi.testclient import TestClient

from bench_module import load_bench
from patronage_graph import Settings
from patronage_graph.cypher_guard import MAX_NESTING
from patronage_graph_api.main import create_app

pytestmark = pytest.mark.integration

#: The nested shapes of issue 14 (1-18 KB) that hung Neo4j's parser for 4 minutes.
DEEP = [
    "RETURN " + "(" * 700 + "1" + ")" * 700,
    "RETURN " + "NOT " * 4500 + "true",
    "RETURN " + "CASE WHEN true THEN " * 300 + "1" + " END" * 300,
    "RETURN " + "[" * 700 + "1" + "]" * 700,
    "WITH {} AS m RETURN m" + ".a" * 500,
    "RETURN " + "abs(" * 200 + "1" + ")" * 200,
]


def post_raw(client: TestClient, body: str) -> httpx.Response:
    # A JSON body written by hand: "\ud800" must reach the API as a JSON escape.
    return client.post(
        "/cypher", content=body.encode("ascii"), headers={"content-type": "application/json"}
    )


# -- refused before anything is sent --------------------------------------------------


@pytest.mark.parametrize("path", ["/cypher", "/viz/cypher"])
@pytest.mark.parametrize("query", DEEP, ids=lambda q: f"{len(q)}-chars")
def test_deeply_nested_queries_are_refused_at_once_naming_the_limit(
    api_client: TestClient, query: str, path: str
) -> None:
    began = time.monotonic()
    response = api_client.post(path, json={"query": query})
    elapsed = time.monotonic() - began
    assert response.status_code == 422, response.text
    error = response.json()["detail"][0]
    assert error["loc"] == ["body", "query"]
    assert f"at most {MAX_NESTING}" in error["msg"]
    assert elapsed < 5  # was 241-249 s and a false 503


def test_an_integer_beyond_64_bits_is_422_naming_the_parameter(api_client: TestClient) -> None:
    response = post_raw(
        api_client,
        '{"query":"RETURN $p","parameters":{"p":1000000000000000000000000000000}}',
    )
    assert response.status_code == 422, response.text
    assert "$p" in response.json()["detail"][0]["msg"]


def test_a_lone_surrogate_is_422_in_a_parameter_and_in_the_query(api_client: TestClient) -> None:
    response = post_raw(api_client, '{"query":"RETURN $s AS s","parameters":{"s":"\\ud800"}}')
    assert response.status_code == 422, response.text
    assert "$s" in response.json()["detail"][0]["msg"]
    response = post_raw(api_client, '{"query":"RETURN \\"\\ud800\\" AS s"}')
    assert response.status_code == 422, response.text
    assert response.json()["detail"][0]["loc"] == ["body", "query"]
    # A paired surrogate is ordinary text.
    response = post_raw(
        api_client, '{"query":"RETURN $s AS s","parameters":{"s":"\\ud83d\\ude00"}}'
    )
    assert response.status_code == 200 and response.json()["rows"] == [["😀"]]


# -- what comes back -------------------------------------------------------------------


def test_neo4j_warnings_say_why_an_answer_is_empty(api_client: TestClient) -> None:
    response = api_client.post("/cypher", json={"query": "MATCH (w:Wroker) RETURN w"})
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["rows"] == []
    [warning] = body["warnings"]
    assert "Wroker" in warning["message"] and warning["category"] == "UNRECOGNIZED"
    assert (warning["line"], warning["column"]) == (1, 10)  # in the researcher's own text
    response = api_client.post(
        "/cypher", json={"query": "MATCH (a)-[:KNOWZ]->(b) WHERE a.nmae = 'x' RETURN b"}
    )
    messages = " ".join(w["message"] for w in response.json()["warnings"])
    assert "KNOWZ" in messages and "nmae" in messages
    assert api_client.post("/cypher", json={"query": "RETURN 1 AS one"}).json()["warnings"] == []


def test_temporal_and_spatial_values_come_back_as_iso_strings(api_client: TestClient) -> None:
    response = api_client.post(
        "/cypher",
        json={
            "query": 'RETURN duration("P1Y2M") AS d, duration("PT1H30M") AS t, '
            "date('2001-10-01') AS day, localtime('12:30') AS lt, time('12:30+08:00') AS tz, "
            "localdatetime('2001-10-01T08:00') AS ldt, "
            "datetime('2001-10-01T08:00[Asia/Shanghai]') AS zoned, "
            "point({latitude: 30.6, longitude: 114.3}) AS wuhan, point({x: 1, y: 2, z: 3}) AS p3"
        },
    )
    assert response.status_code == 200, response.text
    assert response.json()["rows"] == [
        [
            "P1Y2M",
            "PT1H30M",
            "2001-10-01",
            "12:30:00.000000000",
            "12:30:00.000000000+08:00",
            "2001-10-01T08:00:00.000000000",
            "2001-10-01T08:00:00.000000000+08:00[Asia/Shanghai]",
            {"srid": 4326, "coordinates": [114.3, 30.6]},
            {"srid": 9157, "coordinates": [1.0, 2.0, 3.0]},
        ]
    ]


def test_a_chunked_body_over_1_mb_is_413(api_client: TestClient) -> None:
    def chunks() -> Iterator[bytes]:
        yield b'{"query": "RETURN $x AS x", "parameters": {"x": "'
        for _ in range(40):
            yield b"y" * 50_000
        yield b'"}}'

    response = api_client.post(
        "/cypher", content=chunks(), headers={"content-type": "application/json"}
    )
    assert response.status_code == 413, response.text
    assert "larger than" in response.json()["detail"]


# -- host names --------------------------------------------------------------------------


def test_only_configured_host_names_are_served(
    neo4j_settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("PATRONAGE_API_ALLOWED_HOSTS")  # the defaults, not the suite's
    settings = Settings(**neo4j_settings.model_dump(by_alias=True, exclude={"api_allowed_hosts"}))
    assert "testserver" not in settings.trusted_hosts
    with TestClient(create_app(settings), base_url="http://127.0.0.1:8000") as client:
        assert client.get("/").status_code == 200
        for host in ("localhost:8000", "[::1]:8000", "127.0.0.1"):
            assert client.get("/", headers={"host": host}).status_code == 200, host
        for host in ("evil.example", "evil.example:8000", "127.0.0.1.nip.io", ""):
            response = client.get("/health", headers={"host": host})
            assert response.status_code == 400, host
            assert "PATRONAGE_API_ALLOWED_HOSTS" in response.json()["detail"]


# -- Neo4j away: 503 at once -------------------------------------------------------------


class BoltRelay:
    """A loopback TCP relay to Neo4j that the test can cut (Neo4j "down") and restore."""

    def __init__(self, target: tuple[str, int]) -> None:
        self.target = target
        self.port = 0
        self._sockets: list[socket.socket] = []
        self._listener: socket.socket | None = None
        self.drop_next = 0  # close this many new connections at once (a server going away)
        self.dropped = 0
        self.restore()

    def restore(self) -> None:
        listener = socket.socket()
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", self.port))
        listener.listen(64)
        self.port = listener.getsockname()[1]
        self._listener = listener
        threading.Thread(target=self._accept, args=(listener,), daemon=True).start()

    def _accept(self, listener: socket.socket) -> None:
        while True:
            try:
                client, _ = listener.accept()
            except OSError:
                return
            if self.drop_next > 0:
                self.drop_next -= 1
                self.dropped += 1
                client.close()
                continue
            upstream = socket.create_connection(self.target)
            self._sockets += [client, upstream]
            for a, b in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pump, args=(a, b), daemon=True).start()

    @staticmethod
    def _pump(source: socket.socket, sink: socket.socket) -> None:
        try:
            while data := source.recv(65536):
                sink.sendall(data)
        except OSError:
            pass
        for s in (source, sink):
            with contextlib.suppress(OSError):
                s.shutdown(socket.SHUT_RDWR)

    def cut(self) -> None:
        assert self._listener is not None
        with contextlib.suppress(OSError):  # wakes the accepting thread (Linux)
            self._listener.shutdown(socket.SHUT_RDWR)
        self._listener.close()
        for s in self._sockets:
            try:
                s.shutdown(socket.SHUT_RDWR)
                s.close()
            except OSError:
                pass
        self._sockets.clear()


def test_while_neo4j_is_down_each_503_answers_at_once(neo4j_settings: Settings) -> None:
    uri = urlparse(neo4j_settings.neo4j_uri or "")
    relay = BoltRelay((uri.hostname or "127.0.0.1", uri.port or 7687))
    settings = neo4j_settings.model_copy(update={"neo4j_uri": f"bolt://127.0.0.1:{relay.port}"})
    app = create_app(settings)
    with TestClient(app, raise_server_exceptions=False) as client:
        assert client.post("/cypher", json={"query": "RETURN 1 AS one"}).status_code == 200
        relay.cut()
        began = time.monotonic()
        first = client.get("/workers/star-firegate-manager/chain")
        finding_out = time.monotonic() - began  # this one tries Neo4j and learns it is down
        assert first.status_code == 503
        app.state.availability.probe_every_s = 60.0  # no probe among the timed requests
        timings = []
        for path in [
            "/workers/star-firegate-manager/chain",
            "/node-workers",
            "/entities/wuhan",
        ] * 4:
            began = time.monotonic()
            response = client.get(path)
            timings.append(time.monotonic() - began)
            assert response.status_code == 503, response.text
            assert int(response.headers["retry-after"]) > 0
        cypher = client.post("/cypher", json={"query": "RETURN 1 AS one"})
        assert cypher.status_code == 503
        relay.restore()
        back = time.monotonic()
        while client.get("/health").status_code != 200 and time.monotonic() - back < 30:
            time.sleep(0.2)
        assert client.post("/cypher", json={"query": "RETURN 1 AS one"}).status_code == 200
        recovered = time.monotonic() - back
    relay.cut()
    print(
        f"\n503 while Neo4j is away: first {finding_out:.2f} s, then median "
        f"{statistics.median(timings) * 1000:.1f} ms, max {max(timings) * 1000:.1f} ms; "
        f"200 again {recovered:.1f} s after Neo4j is back"
    )
    assert max(timings) < 1.0  # was 3-7 s each


def test_a_connection_lost_before_the_query_ran_is_tried_again(neo4j_settings: Settings) -> None:
    """Pooled connections dead and the next new one dropped: the query still runs, once."""
    uri = urlparse(neo4j_settings.neo4j_uri or "")
    relay = BoltRelay((uri.hostname or "127.0.0.1", uri.port or 7687))
    settings = neo4j_settings.model_copy(update={"neo4j_uri": f"bolt://127.0.0.1:{relay.port}"})
    try:
        with TestClient(create_app(settings), raise_server_exceptions=False) as client:
            assert client.post("/cypher", json={"query": "RETURN 1 AS one"}).status_code == 200
            relay.cut()
            relay.drop_next = 1
            relay.restore()  # same port; pooled connections dead, the next new one dropped
            response = client.post("/cypher", json={"query": "RETURN 2 AS two"})
            assert response.status_code == 200, response.text
            assert response.json()["rows"] == [[2]]
            assert relay.dropped == 1
    finally:
        relay.cut()


# -- slow: a real server under hostile load ------------------------------------------------


@pytest.fixture(scope="module")
def api_server(neo4j_settings: Settings) -> Iterator[tuple[Any, int]]:
    bench = load_bench()
    port = bench.free_port(8031)
    with bench.api_server(bench.settings_env(neo4j_settings), port) as process:
        yield process, port


@pytest.mark.slow
def test_fifty_nested_queries_at_once_leave_health_answering(
    api_server: tuple[Any, int],
) -> None:
    _, port = api_server
    base = f"http://127.0.0.1:{port}"
    health: list[tuple[int, float]] = []
    done = threading.Event()

    watcher_client = httpx.Client(base_url=base, timeout=60)
    shared = httpx.Client(base_url=base, timeout=60, limits=httpx.Limits(max_connections=60))

    def watch_health() -> None:
        while not done.is_set():
            began = time.monotonic()
            status = watcher_client.get("/health").status_code
            health.append((status, time.monotonic() - began))
            time.sleep(0.05)

    def deep(i: int) -> tuple[int, float]:
        began = time.monotonic()
        response = shared.post("/cypher", json={"query": DEEP[i % len(DEEP)]})
        return response.status_code, time.monotonic() - began

    watcher = threading.Thread(target=watch_health)
    watcher.start()
    began = time.monotonic()
    try:
        with ThreadPoolExecutor(50) as pool:
            answers = list(pool.map(deep, range(50)))
    finally:
        elapsed = time.monotonic() - began
        time.sleep(0.5)
        done.set()
        watcher.join(60)
        shared.close()
        watcher_client.close()
    print(
        f"\n50 nested queries at once: all answered in {elapsed:.2f} s "
        f"(slowest {max(t for _, t in answers):.2f} s); /health {len(health)} answers, "
        f"slowest {max(t for _, t in health):.2f} s"
    )
    assert {status for status, _ in answers} == {422}
    assert health and {status for status, _ in health} == {200}
    assert max(t for _, t in health) < 5  # was starved for 35 s


@pytest.mark.slow
def test_eight_huge_results_at_once_do_not_grow_the_api(neo4j_settings: Settings) -> None:
    # Its own API with a 60 s Cypher limit: on a busy machine eight such values can
    # take longer than the default 5 s (+3 s deadline), and this test is about memory.
    bench = load_bench()
    port = bench.free_port(8033)
    env = {**bench.settings_env(neo4j_settings), "PATRONAGE_CYPHER_TIMEOUT": "60"}
    with bench.api_server(env, port) as process:
        _eight_huge_results(process, port)


def _eight_huge_results(process: Any, port: int) -> None:
    base = f"http://127.0.0.1:{port}"
    # 2**26 = 67 M characters in one value, eight at once (issue 14: 371 MB -> 1.07 GB).
    # Doubled clause by clause: the plan check refuses the same doubling inside a
    # reduce (unbounded by the query's text), not a fixed chain of 26 steps.
    query = "WITH 'x' AS s " + "WITH s + s AS s " * 26 + "RETURN s AS big"
    with httpx.Client(base_url=base, timeout=120) as client:  # warm the pool and caches
        client.post("/cypher", json={"query": "RETURN 1 AS one"})
    before = process.memory_info().rss
    peak = [before]
    done = threading.Event()

    def sample() -> None:
        while not done.wait(0.05):
            peak[0] = max(peak[0], process.memory_info().rss)

    shared = httpx.Client(base_url=base, timeout=120, limits=httpx.Limits(max_connections=8))

    def huge(_: int) -> tuple[int, Any]:
        response = shared.post("/cypher", json={"query": query})
        return response.status_code, response.json()

    sampler = threading.Thread(target=sample)
    sampler.start()
    began = time.monotonic()
    try:
        with ThreadPoolExecutor(8) as pool:
            answers = list(pool.map(huge, range(8)))
    finally:
        done.set()
        sampler.join()
        shared.close()
    elapsed = time.monotonic() - began
    after = process.memory_info().rss
    mib = 1024 * 1024
    print(
        f"\neight 67 M-character results at once: {elapsed:.1f} s; API RSS "
        f"{before / mib:.0f} MiB before, peak {peak[0] / mib:.0f} MiB, "
        f"{after / mib:.0f} MiB after"
    )
    # Neo4j may drop one of these connections itself: eight 64 MB messages at once can
    # pass its network (direct) memory, as large as its heap (2 GiB on the test server);
    # the API then says 503.
    statuses = [status for status, _ in answers]
    print(f"answers: {statuses.count(200)} x 200 (cut by size), {statuses.count(503)} x 503")
    for status, body in answers:
        assert status in (200, 503), body
        if status == 200:
            assert body["truncated_by"] == "bytes" and body["rows"] == []
    assert statuses.count(200) >= 4
    assert peak[0] - before < 250 * mib  # was +700 MB
    assert after - before < 150 * mib  # was +530 MB kept
    with httpx.Client(base_url=base, timeout=60) as client:  # and it still answers
        assert client.post("/cypher", json={"query": "RETURN 1 AS one"}).json()["rows"] == [[1]]


@pytest.mark.slow
def test_a_chunked_body_over_1_mb_is_413_from_uvicorn(api_server: tuple[Any, int]) -> None:
    _, port = api_server

    def chunks() -> Iterator[bytes]:
        yield b'{"query": "RETURN $x AS x", "parameters": {"x": "'
        for _ in range(40):
            yield b"y" * 50_000
        yield b'"}}'

    with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=60) as client:
        response = client.post(
            "/cypher", content=chunks(), headers={"content-type": "application/json"}
        )
        assert response.status_code == 413, response.text
        assert client.get("/health").status_code == 200  # and the server carries on

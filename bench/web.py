"""Benchmark the web workspace under load: RFC page, list page and search vs a trivial view.

Loads N generated RFCs (bulk-created, 10,000 by default) into a scratch database, starts
gunicorn on 127.0.0.1 and drives each endpoint with C concurrent connections for a fixed
time using ``wrk`` (installed with apt-get when missing and run as root; otherwise, or with
``--client python``, a threaded ``http.client`` generator that competes with the server
for the same cores, which the output says). The baseline is ``/healthz`` (a Django view
that touches no database) measured first and last in the same run, so the ratios say what
the pages cost on top of Django itself. A sweep then finds the concurrency up to which the
RFC page and search keep p99 within the goal.

    .venv/bin/python bench/web.py [--rfcs 10000] [--concurrency 50] [--duration 10]
    .venv/bin/python bench/web.py --database-url postgres://postgres@127.0.0.1:5432/postgres

With PostgreSQL the URL names the server; the benchmark creates and finally drops its own
database ``docket_bench_web`` there. SQLite uses a temporary folder. Only 127.0.0.1 is
ever requested.
"""

from __future__ import annotations

import argparse
import http.client
import itertools
import os
import random
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "rfcs"
BENCH_DB = "docket_bench_web"
GOAL_P99_MS = 50.0
GOAL_RATIO = 0.5
HOT_RFCS = 1_000
WORDS = [
    "ledger",
    "quota",
    "tenant",
    "webhook",
    "replica",
    "shard",
    "cache",
    "invoice",
    "courier",
    "manifest",
    "pallet",
    "carrier",
    "depot",
    "route",
    "parcel",
    "customs",
    "tariff",
    "warehouse",
    "backlog",
    "throttle",
]


@dataclass(frozen=True)
class Result:
    name: str
    requests: int
    errors: int
    seconds: float
    p50_ms: float
    p99_ms: float
    hits: int | None = None
    """Answers the page cache served (its response header says so), when counted."""

    @property
    def rps(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0


def percentile(latencies: list[float], p: float) -> float:
    """Milliseconds at percentile ``p`` of latencies given in seconds."""
    ordered = sorted(latencies)
    return ordered[min(len(ordered) - 1, int(p / 100 * len(ordered)))] * 1000


# --- the scratch database ----------------------------------------------------------------


@contextmanager
def scratch_database(url: str | None) -> Iterator[str]:
    """A database URL nobody else uses, removed afterwards."""
    if not url:
        folder = tempfile.mkdtemp(prefix="docket-bench-web-")
        try:
            yield f"sqlite:///{folder}/bench.sqlite3"
        finally:
            shutil.rmtree(folder, ignore_errors=True)
        return
    import psycopg

    parts = urlsplit(url)
    admin_url = urlunsplit(parts._replace(path="/postgres"))

    def run(sql: str) -> None:
        with psycopg.connect(admin_url, autocommit=True) as conn:
            conn.execute(sql)

    run(f"DROP DATABASE IF EXISTS {BENCH_DB} WITH (FORCE)")
    run(f"CREATE DATABASE {BENCH_DB}")
    try:
        yield urlunsplit(parts._replace(path=f"/{BENCH_DB}"))
    finally:
        run(f"DROP DATABASE IF EXISTS {BENCH_DB} WITH (FORCE)")


def load(count: int, seed: int = 7) -> str:
    """Bulk-create ``count`` RFCs from the example texts; returns a word to search for."""
    from django.contrib.auth.models import User
    from django.core.management import call_command
    from django.db import connection, transaction

    from docket.web.proposals import page_part
    from docket.web.proposals.analysis import analyse
    from docket.web.proposals.models import Revision, Rfc
    from docket.web.proposals.schema import current_schema
    from docket.web.search.models import SearchDocument
    from docket.web.search.text import index_text

    call_command("migrate", verbosity=0, interactive=False)
    rng = random.Random(seed)
    schema = current_schema()
    bases = []
    for path in sorted(EXAMPLES.glob("*.md")):
        text = path.read_text(encoding="utf-8")
        bases.append((text, analyse(text, schema), index_text(text)))
    users = [User.objects.create_user(f"author{i}") for i in range(20)]
    batch = 500
    for start in range(0, count, batch):
        numbers = range(start + 1, min(count, start + batch) + 1)
        with transaction.atomic():
            rfcs = []
            picks = {}
            for n in numbers:
                base = bases[n % len(bases)]
                title = f"{base[1].title} ({rng.choice(WORDS)} {n})"
                picks[n] = (base, title)
                rfcs.append(
                    Rfc(
                        number=n,
                        title=title,
                        state=base[1].state,
                        filled=base[1].filled,
                        total=base[1].total,
                    )
                )
            Rfc.objects.bulk_create(rfcs)
            by_number = {r.number: r for r in Rfc.objects.filter(number__in=list(numbers))}
            revisions = []
            for n, ((text, facts, _body), title) in picks.items():
                revisions.append(
                    Revision(
                        rfc=by_number[n],
                        seq=1,
                        text=text,
                        author=users[n % len(users)],
                        message="created",
                        **{**facts.revision_fields(), "title": title},
                    )
                )
            Revision.objects.bulk_create(revisions)
            by_id = {r.pk: r for r in by_number.values()}
            for revision in Revision.objects.filter(rfc__in=list(by_id)):
                by_id[revision.rfc_id].current = revision
            Rfc.objects.bulk_update(list(by_number.values()), ["current"])
            Rfc.authors.through.objects.bulk_create(
                [
                    Rfc.authors.through(rfc_id=r.pk, user_id=users[r.number % len(users)].pk)
                    for r in by_number.values()
                ]
            )
            for rfc in by_number.values():  # what saving each RFC would have stored
                page_part.store(rfc)
            SearchDocument.objects.bulk_create(
                [
                    SearchDocument(
                        rfc=by_number[n],
                        title=title,
                        authors=users[n % len(users)].username,
                        body=body,
                    )
                    for n, ((_t, _f, body), title) in picks.items()
                ]
            )
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # What autovacuum and the checkpointer would do after a bulk load (storing the
            # page parts rewrote every revision), done now rather than mid-measurement.
            cursor.execute("VACUUM ANALYZE")
            cursor.execute("CHECKPOINT")
        else:
            cursor.execute("ANALYZE")
    return "retry"


def common_words(share: float = 0.5, shortest: int = 6) -> list[str]:
    """Words of at least ``shortest`` letters found in ``share`` of the example RFCs.

    Each is in thousands of the generated RFCs, and two of them together in hundreds to
    thousands: searches that rank many matches.
    """
    from docket.web.search.text import index_text

    texts = [index_text(path.read_text(encoding="utf-8")) for path in EXAMPLES.glob("*.md")]
    seen: dict[str, int] = {}
    for text in texts:
        for word in set(re.findall(rf"[a-z]{{{shortest},}}", text.lower())):
            seen[word] = seen.get(word, 0) + 1
    return sorted(word for word, count in seen.items() if count >= share * len(texts))


def sign_in(username: str) -> str:
    """Cookies for ``username``, made an author (the role most readers hold).

    Besides the session, the CSRF cookie a browser keeps from its first page: wrk sends
    the same cookies every time, and without it every page would mint a new CSRF secret.
    """
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.auth.models import Group, User
    from django.http import HttpRequest
    from django.middleware.csrf import get_token

    from docket.web.accounts.roles import AUTHOR
    from docket.web.accounts.sessions import SessionStore

    user = User.objects.get(username=username)
    user.groups.add(Group.objects.get(name=AUTHOR))
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    first_page = HttpRequest()
    get_token(first_page)  # the secret the CSRF cookie carries
    csrf = first_page.META["CSRF_COOKIE"]
    return (
        f"{settings.SESSION_COOKIE_NAME}={session.session_key}; {settings.CSRF_COOKIE_NAME}={csrf}"
    )


# --- the server and the load generators --------------------------------------------------


@contextmanager
def server(
    env: dict[str, str], port: int, workers: int, worker_class: str, threads: int
) -> Iterator[None]:
    args = [
        sys.executable,
        "-m",
        "gunicorn",
        "docket.web.wsgi:application",
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        str(workers),
        "--worker-class",
        worker_class,
        "--threads",
        str(threads),
        "--backlog",
        "2048",
        "--timeout",
        "60",
    ]
    log = Path(env["DOCKET_DATA_DIR"]) / "gunicorn.log"
    with log.open("wb") as sink:
        proc = subprocess.Popen(args, env=env, stdout=sink, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 30
        while True:
            if proc.poll() is not None or time.monotonic() > deadline:
                print(log.read_text(encoding="utf-8", errors="replace"))
                raise SystemExit("gunicorn did not start (its log is above)")
            try:
                if get(port, "/healthz")[0] == 200:
                    break
            except OSError:
                pass
            time.sleep(0.2)
        yield
    finally:
        proc.terminate()
        proc.wait(timeout=30)
        tail = log.read_text(encoding="utf-8", errors="replace").splitlines()[-15:]
        if any("Traceback" in line or "CRITICAL" in line or "ERROR" in line for line in tail):
            print("gunicorn's log ends with:", *tail, sep="\n  ")


def _start_response(status: str, headers: list[tuple[str, str]], *exc_info: Any) -> Any:
    return lambda data: None


def service_time(path: Callable[[int], str], cookie: str = "", calls: int = 30) -> float:
    """Median milliseconds for one request through Django's WSGI handler, alone."""
    import io

    from django.core.wsgi import get_wsgi_application

    app = get_wsgi_application()
    timings = []
    for i in range(calls + 3):
        target, _, query = path(i).partition("?")
        environ = {
            "REQUEST_METHOD": "GET",
            "PATH_INFO": target,
            "QUERY_STRING": query,
            "SERVER_NAME": "127.0.0.1",
            "SERVER_PORT": "80",
            "HTTP_HOST": "127.0.0.1",
            "wsgi.input": io.BytesIO(),
            "wsgi.url_scheme": "http",
            "wsgi.errors": sys.stderr,
        }
        if cookie:
            environ["HTTP_COOKIE"] = cookie
        started = time.perf_counter()
        b"".join(app(environ, _start_response))
        if i >= 3:  # the first calls compile templates and open connections
            timings.append(time.perf_counter() - started)
    return statistics.median(timings) * 1000


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def get(port: int, path: str, cookie: str = "") -> tuple[int, bytes]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    headers = {"Host": "127.0.0.1"}
    if cookie:
        headers["Cookie"] = cookie
    try:
        conn.request("GET", path, headers=headers)
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()


def settle(port: int, quick_ms: float = 20.0, limit_s: float = 60.0) -> None:
    """Wait until the server answers the trivial view quickly again.

    When wrk stops, requests it already sent wait in the listen queue and the workers still
    serve them; without this pause they would slow the start of the next row.
    """
    deadline = time.monotonic() + limit_s
    quick = 0
    while quick < 3 and time.monotonic() < deadline:
        started = time.perf_counter()
        get(port, "/healthz")
        quick = quick + 1 if (time.perf_counter() - started) * 1000 < quick_ms else 0


def find_wrk() -> str | None:
    """The ``wrk`` executable, installed from the distribution when missing and allowed."""
    found = shutil.which("wrk")
    if found or os.geteuid() != 0 or not shutil.which("apt-get"):
        return found
    print("wrk is missing; installing it with apt-get (Debian package 'wrk')")

    def apt(*words: str) -> int:
        quiet = subprocess.DEVNULL
        return subprocess.run(["apt-get", *words], stdout=quiet, stderr=quiet).returncode

    if apt("install", "-y", "-q", "wrk"):
        apt("update", "-q")
        apt("install", "-y", "-q", "wrk")
    return shutil.which("wrk")


_WRK_SCRIPT = """
local paths = {%(paths)s}
local headers = {%(headers)s}
local i = 0
local threads = {}
hits = 0
setup = function(thread)
  table.insert(threads, thread)
end
request = function()
  i = i %% #paths + 1
  return wrk.format("GET", paths[i], headers)
end
%(response)s
done = function(summary, latency, requests)
  local e = summary.errors
  local served = 0
  for _, thread in ipairs(threads) do
    served = served + thread:get("hits")
  end
  io.write(string.format("DOCKET-RESULT %%d %%d %%d %%d %%d %%d\\n", summary.requests,
    summary.duration, e.connect + e.read + e.write + e.status + e.timeout,
    latency:percentile(50), latency:percentile(99), served))
end
"""
# Only where asked: wrk builds a table of every answer's headers for this function.
_WRK_COUNT_HITS = """
response = function(status, headers, body)
  if headers["%s"] == "hit" then
    hits = hits + 1
  end
end
"""
PAGE_CACHE_HEADER = "X-Docket-Page-Cache"


def _lua(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def run_wrk(
    wrk: str,
    name: str,
    port: int,
    paths: Callable[[int], str],
    cookie: str,
    seconds: float,
    concurrency: int,
    distinct: int,
    count_hits: bool = False,
) -> Result:
    """Drive one endpoint with wrk for ``seconds``: one thread, ``concurrency`` connections.

    Requests cycle through the first ``distinct`` paths; errors are failed connections,
    timeouts and answers of 400 or more (every endpoint is checked for a 200 beforehand).
    """
    script = _WRK_SCRIPT % {
        "paths": ", ".join(_lua(paths(i)) for i in range(distinct)),
        "headers": f"Cookie = {_lua(cookie)}" if cookie else "",
        "response": _WRK_COUNT_HITS % PAGE_CACHE_HEADER if count_hits else "",
    }
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as lua:
        lua.write(script)
    try:
        argv = [wrk, "-t1", f"-c{concurrency}", f"-d{seconds:g}s", "--latency", "--timeout", "30s"]
        argv += ["-s", lua.name, f"http://127.0.0.1:{port}/"]
        output = subprocess.run(argv, capture_output=True, text=True, check=True).stdout
    finally:
        os.unlink(lua.name)
    line = next(x for x in output.splitlines() if x.startswith("DOCKET-RESULT"))
    requests, micros, errors, p50, p99, hits = (int(v) for v in line.split()[1:])
    counted = hits if count_hits else None
    return Result(name, requests, errors, micros / 1e6, p50 / 1000, p99 / 1000, counted)


def hammer(
    name: str,
    port: int,
    paths: Callable[[int], str],
    cookie: str,
    total: int,
    concurrency: int,
) -> Result:
    """``total`` GETs from ``concurrency`` threads, each waiting for its answer (closed loop)."""
    tickets = itertools.count()
    lock = threading.Lock()
    latencies: list[float] = []
    errors = [0]

    def worker() -> None:
        mine: list[float] = []
        failed = 0
        while (i := next(tickets)) < total:
            started = time.perf_counter()
            try:
                status, _ = get(port, paths(i), cookie)
                failed += status != 200
            except OSError:
                failed += 1
            mine.append(time.perf_counter() - started)
        with lock:
            latencies.extend(mine)
            errors[0] += failed

    threads = [threading.Thread(target=worker) for _ in range(concurrency)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    seconds = time.perf_counter() - started
    return Result(
        name, total, errors[0], seconds, percentile(latencies, 50), percentile(latencies, 99)
    )


@dataclass(frozen=True)
class Target:
    name: str
    path: Callable[[int], str]
    cookie: str = ""
    cached: bool = False
    """Served from the page cache when warm: the hits are counted."""
    warm_s: float = 0.0
    """Seconds of the same requests, not measured, before the measured run."""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--database-url", default="", help="PostgreSQL server (default: SQLite)")
    parser.add_argument("--rfcs", type=int, default=10_000)
    parser.add_argument("--concurrency", type=int, default=50)
    parser.add_argument("--client", choices=["auto", "wrk", "python"], default="auto")
    parser.add_argument("--duration", type=float, default=10.0, help="seconds per row (wrk)")
    parser.add_argument("--requests", type=int, default=2000, help="per row (python client)")
    parser.add_argument(
        "--sweep",
        default="1,2,4,8,16,32",
        help="concurrencies for the RFC page and search p99 sweep ('' to skip)",
    )
    parser.add_argument("--sweep-duration", type=float, default=5.0, help="seconds per point")
    parser.add_argument(
        "--workers", type=int, default=2, help="gunicorn worker processes (docket serve's default)"
    )
    parser.add_argument("--worker-class", choices=["sync", "gthread"], default="sync")
    parser.add_argument("--threads", type=int, default=1, help="threads per gthread worker")
    parser.add_argument(
        "--settings", default="docket.web.settings", help="Django settings module to serve with"
    )
    parser.add_argument("--port", type=int, default=0, help="default: any free port")
    args = parser.parse_args(argv)
    sweep = [int(c) for c in args.sweep.split(",") if c.strip()]

    wrk = None if args.client == "python" else find_wrk()
    if args.client == "wrk" and wrk is None:
        raise SystemExit("wrk is not installed (Debian: apt-get install wrk)")
    if wrk is None:
        why = "asked for" if args.client == "python" else "wrk not found"
        print(f"{why}: using the Python threaded client, which shares the cores with the server")

    with scratch_database(args.database_url) as url, tempfile.TemporaryDirectory() as data:
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": args.settings,
            "DATABASE_URL": url,
            "DOCKET_DATA_DIR": data,
            "DOCKET_SECRET_KEY": "bench-only-secret-key-" + "x" * 40,
            "DOCKET_PUBLIC_READ": "1",
            "DOCKET_LOG_LEVEL": "WARNING",
        }
        os.environ.update(env)
        import django

        django.setup()
        from django.db import connections

        started = time.perf_counter()
        word = load(args.rfcs)
        cookie = sign_in("author3")
        connections.close_all()
        vendor = "postgresql" if url.startswith("postgres") else "sqlite"
        print(f"{vendor}: loaded {args.rfcs:,} RFCs in {time.perf_counter() - started:.1f} s")

        rng = random.Random(1)
        numbers = [rng.randint(1, args.rfcs) for _ in range(20_000)]
        words = common_words()
        pairs = [f"{a}+{b}" for a, b in itertools.combinations(words, 2)]
        rng.shuffle(pairs)
        targets = [
            Target("trivial view /healthz", lambda i: "/healthz"),
            # Each RFC about twice in a run: mostly pages no worker has kept yet.
            Target("RFC page", lambda i: f"/rfcs/{numbers[i % len(numbers)]}/", cached=True),
            Target(
                "RFC page, signed in", lambda i: f"/rfcs/{numbers[-1 - i % len(numbers)]}/", cookie
            ),
            Target("list page", lambda i: f"/?page={1 + i % 20}"),
            Target("search API, 1 word", lambda i: f"/api/v1/search?q={word}"),
            # The same matches and ranking work, but no two requests ask the same question,
            # so no answer can come from the search cache.
            Target("search, never repeated", lambda i: f"/api/v1/search?q={word}+-zq{i}"),
            # Two common words never asked together before: a ranking no cache holds.
            Target("search, new words", lambda i: f"/api/v1/search?q={pairs[i % len(pairs)]}"),
            Target(
                "search API, 2 words", lambda i: f"/api/v1/search?q={WORDS[i % len(WORDS)]}+{word}"
            ),
            Target("list page search", lambda i: f"/?q={word}"),
            # The trivial view plus one database round trip (SELECT 1): the floor for any
            # page that reads the database once.
            Target("/readyz: trivial+1 query", lambda i: "/readyz"),
            # Readers mostly read a few RFCs: 1,000 of them, every one kept by every worker
            # after the warm-up, which asks for each dozens of times.
            Target(
                f"RFC page, {HOT_RFCS:,} read most",
                lambda i: f"/rfcs/{numbers[i % HOT_RFCS]}/",
                cached=True,
                warm_s=args.duration,
            ),
        ]
        service = {t.name: service_time(t.path, t.cookie) for t in targets}
        connections.close_all()
        port = args.port or free_port()

        def drive(target: Target, concurrency: int, seconds: float, name: str = "") -> Result:
            if target.warm_s and wrk is not None and not name:
                settle(port)
                run_wrk(
                    wrk,
                    "",
                    port,
                    target.path,
                    target.cookie,
                    target.warm_s,
                    concurrency,
                    len(numbers),
                )
            settle(port)
            if wrk is None:
                return hammer(
                    name or target.name,
                    port,
                    target.path,
                    target.cookie,
                    args.requests,
                    concurrency,
                )
            return run_wrk(
                wrk,
                name or target.name,
                port,
                target.path,
                target.cookie,
                seconds,
                concurrency,
                len(numbers),
                target.cached,
            )

        with server(env, port, args.workers, args.worker_class, args.threads):
            for target in targets:  # warm every worker, and check every answer is a 200
                # From the far end of each target's paths, which the runs never reach.
                for i in range(len(numbers) - args.workers * 4, len(numbers)):
                    status, _ = get(port, target.path(i), target.cookie)
                    if status != 200:
                        raise SystemExit(f"{target.name}: {target.path(i)} answered {status}")
            results = [drive(t, args.concurrency, args.duration) for t in targets]
            results.append(drive(targets[0], args.concurrency, args.duration, "trivial view again"))
            swept = {
                t.name: [drive(t, c, args.sweep_duration) for c in sweep]
                for t in (targets[1], targets[4], targets[5])
            }
            load_average = os.getloadavg()

    baseline = statistics.mean([results[0].rps, results[-1].rps])
    client = "wrk (1 thread)" if wrk else "Python threads"
    served = f"gunicorn {args.workers} {args.worker_class} workers" + (
        f" x {args.threads} threads" if args.worker_class == "gthread" else ""
    )
    print(
        f"{args.concurrency} connections from {client}, "
        + (f"{args.duration:g} s per row" if wrk else f"{args.requests} GETs per row")
        + f", {served} on 127.0.0.1; load average after: "
        + ", ".join(f"{x:.1f}" for x in load_average)
    )
    print(
        f"{'endpoint':<24}{'req/s':>8}{'p50 ms':>9}{'p99 ms':>9}{'errors':>8}{'vs trivial':>12}"
        f"{'service ms':>12}{'cached':>8}"
    )
    for r in results:
        own = service.get(r.name)
        print(
            f"{r.name:<24}{r.rps:>8.0f}{r.p50_ms:>9.1f}{r.p99_ms:>9.1f}"
            f"{r.errors:>8}{r.rps / baseline:>11.2f}x"
            + (f"{own:>12.1f}" if own else " " * 12)
            + (f"{r.hits / r.requests:>8.0%}" if r.hits is not None and r.requests else "")
        )
    print("service ms: median time in one in-process WSGI call, no queueing, no network")
    print("cached: answers the page cache served (PostgreSQL only; readers not signed in)")
    for name, points in swept.items() if sweep else ():
        within = [c for c, r in zip(sweep, points, strict=True) if r.p99_ms <= GOAL_P99_MS]
        print(
            f"{name} by concurrency: "
            + "; ".join(
                f"{c}: {r.rps:.0f} req/s p99 {r.p99_ms:.1f} ms"
                for c, r in zip(sweep, points, strict=True)
            )
            + f" -> p99 <= {GOAL_P99_MS:.0f} ms up to {max(within) if within else 'none'}"
        )
    page, search_row, fresh_row, new_row = results[1], results[4], results[5], results[6]
    read_most = results[-2]
    print(
        f"goals: RFC page p99 <= {GOAL_P99_MS:.0f} ms: {page.p99_ms:.1f} ms; "
        f"search p99 <= {GOAL_P99_MS:.0f} ms: {search_row.p99_ms:.1f} ms"
        f" ({fresh_row.p99_ms:.1f} ms never repeated, {new_row.p99_ms:.1f} ms new words); "
        f"RFC page throughput >= {GOAL_RATIO}x trivial: {page.rps / baseline:.2f}x"
        f" ({read_most.rps / baseline:.2f}x for the {HOT_RFCS:,} read most)"
    )
    failed = [r for rows in [results, *swept.values()] for r in rows if r.errors]
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

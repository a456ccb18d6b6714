"""Benchmark the web workspace under load: RFC page, list page and search vs a trivial view.

Loads N generated RFCs (bulk-created, 10,000 by default) into a scratch database, starts
gunicorn on 127.0.0.1 and drives it with C concurrent connections from a threaded
``http.client`` load generator. The baseline is ``/healthz`` (a Django view that touches
no database) measured in the same run, so the ratios say what the pages cost on top of
Django itself.

    .venv/bin/python bench/web.py [--rfcs 10000] [--concurrency 50] [--requests 2000]
    .venv/bin/python bench/web.py --database-url postgres://postgres@127.0.0.1:5432/postgres

With PostgreSQL the URL names the server; the benchmark creates and finally drops its own
database ``docket_bench_web`` there. SQLite uses a temporary folder.
"""

from __future__ import annotations

import argparse
import http.client
import itertools
import os
import random
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
    latencies: list[float]

    @property
    def rps(self) -> float:
        return self.requests / self.seconds

    def percentile(self, p: float) -> float:
        ordered = sorted(self.latencies)
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
                        title=title,
                        state=facts.state,
                        html=facts.html,
                        toc=facts.toc,
                        filled=facts.filled,
                        total=facts.total,
                        checklist=facts.checklist,
                        findings=facts.findings,
                        author=users[n % len(users)],
                        message="created",
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
        cursor.execute("ANALYZE")  # what autovacuum would do after a bulk load
    return "retry"


# --- the server and the load generator ---------------------------------------------------


@contextmanager
def server(env: dict[str, str], port: int, workers: int) -> Iterator[None]:
    args = [
        sys.executable,
        "-m",
        "gunicorn",
        "docket.web.wsgi:application",
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        str(workers),
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


def service_time(path: Callable[[int], str], calls: int = 30) -> float:
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
        started = time.perf_counter()
        b"".join(app(environ, _start_response))
        if i >= 3:  # the first calls compile templates and open connections
            timings.append(time.perf_counter() - started)
    return statistics.median(timings) * 1000


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def get(port: int, path: str) -> tuple[int, bytes]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        conn.request("GET", path, headers={"Host": "127.0.0.1"})
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()


def hammer(
    name: str, port: int, paths: Callable[[int], str], total: int, concurrency: int
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
                status, _ = get(port, paths(i))
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
    return Result(name, total, errors[0], time.perf_counter() - started, latencies)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--database-url", default="", help="PostgreSQL server (default: SQLite)")
    parser.add_argument("--rfcs", type=int, default=10_000)
    parser.add_argument("--concurrency", type=int, default=50)
    parser.add_argument("--requests", type=int, default=2000, help="per endpoint")
    parser.add_argument("--workers", type=int, default=4, help="gunicorn worker processes")
    parser.add_argument(
        "--settings", default="docket.web.settings", help="Django settings module to serve with"
    )
    parser.add_argument("--port", type=int, default=0, help="default: any free port")
    args = parser.parse_args(argv)

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
        connections.close_all()
        vendor = "postgresql" if url.startswith("postgres") else "sqlite"
        print(f"{vendor}: loaded {args.rfcs:,} RFCs in {time.perf_counter() - started:.1f} s")

        rng = random.Random(1)
        numbers = [rng.randint(1, args.rfcs) for _ in range(args.requests)]
        targets: list[tuple[str, Callable[[int], str]]] = [
            ("trivial view /healthz", lambda i: "/healthz"),
            ("RFC page", lambda i: f"/rfcs/{numbers[i]}/"),
            ("list page", lambda i: f"/?page={1 + i % 20}"),
            ("search API, 1 word", lambda i: f"/api/v1/search?q={word}"),
            ("search API, 2 words", lambda i: f"/api/v1/search?q={WORDS[i % len(WORDS)]}+{word}"),
            ("list page search", lambda i: f"/?q={word}"),
        ]
        service = {name: service_time(path) for name, path in targets}
        connections.close_all()
        port = args.port or free_port()
        with server(env, port, args.workers):
            for _name, path in targets:  # warm every worker's caches and connections
                for i in range(args.workers * 4):
                    get(port, path(i))
            results = [
                hammer(name, port, path, args.requests, args.concurrency) for name, path in targets
            ]
            results.append(
                hammer("trivial view again", port, targets[0][1], args.requests, args.concurrency)
            )

    baseline = statistics.mean([results[0].rps, results[-1].rps])
    print(
        f"{args.requests} GETs per row, {args.concurrency} concurrent connections, "
        f"gunicorn with {args.workers} sync workers on 127.0.0.1"
    )
    print(
        f"{'endpoint':<24}{'req/s':>8}{'p50 ms':>9}{'p99 ms':>9}{'errors':>8}{'vs trivial':>12}"
        f"{'service ms':>12}"
    )
    for r in results:
        own = service.get(r.name)
        print(
            f"{r.name:<24}{r.rps:>8.0f}{r.percentile(50):>9.1f}{r.percentile(99):>9.1f}"
            f"{r.errors:>8}{r.rps / baseline:>11.2f}x" + (f"{own:>12.1f}" if own else "")
        )
    print("service ms: median time in one in-process WSGI call, no queueing, no network")
    page = results[1]
    print(
        f"goals: RFC page p99 <= {GOAL_P99_MS:.0f} ms: {page.percentile(99):.1f} ms; "
        f"search p99 <= {GOAL_P99_MS:.0f} ms: {results[3].percentile(99):.1f} ms; "
        f"RFC page throughput >= {GOAL_RATIO}x trivial: {page.rps / baseline:.2f}x"
    )
    return 1 if any(r.errors for r in results) else 0


if __name__ == "__main__":
    sys.exit(main())

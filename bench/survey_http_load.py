"""Open-loop HTTP load at a constant rate, with latency timed from each request's schedule.

Request i is due at start + i/rate and is sent then whatever became of the earlier ones, so a
server that falls behind shows up as queueing in the latencies (no coordinated omission). The
client speaks minimal HTTP/1.1 over asyncio streams with keep-alive connections: on a 2-core
machine shared with the server, a lean client steals less CPU than a full HTTP library would.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections import Counter
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

import numpy as np

Connection = tuple[asyncio.StreamReader, asyncio.StreamWriter]
TIMEOUT_STATUS = 0  # no answer in time
BROKEN_STATUS = -1  # the connection failed or the answer was not HTTP


@dataclass(frozen=True)
class HttpRequest:
    """One request to send; `expect` is a piece of body that a good answer holds."""

    method: str
    path: str
    body: bytes = b""
    content_type: str = "application/x-www-form-urlencoded"
    expect: bytes | None = None


@dataclass(frozen=True)
class Outcome:
    status: int  # HTTP status, or TIMEOUT_STATUS / BROKEN_STATUS
    ok: bool  # 2xx/3xx and, when asked, the expected text in the body
    # From the scheduled send time to the end of the answer (or the failure), on
    # time.perf_counter: uvloop's own clock counts whole milliseconds.
    latency_s: float


@dataclass(frozen=True)
class StepResult:
    """What one constant-rate step measured."""

    rate: float  # offered, requests per second
    sent: int
    ok: int
    errors: int
    statuses: dict[int, int]
    latencies_s: tuple[float, ...] = field(repr=False)
    oks: tuple[bool, ...] = field(repr=False)  # per request, in the order given
    wall_s: float  # from the first scheduled send to the last answer
    max_send_lag_s: float  # how late the client itself sent a request: its own saturation

    @property
    def achieved_rate(self) -> float:
        return self.ok / self.wall_s if self.wall_s > 0 else 0.0

    def percentile_ms(self, q: float) -> float:
        if not self.latencies_s:
            return float("nan")
        return float(np.percentile(np.asarray(self.latencies_s), q)) * 1000.0

    @property
    def max_ms(self) -> float:
        return max(self.latencies_s) * 1000.0 if self.latencies_s else float("nan")


class _Pool:
    """Keep-alive connections to one server, opened on demand up to `limit` at once.

    A connection idle for longer than `max_idle_s` is closed rather than reused: the server
    drops idle connections (uvicorn after 5 s), and a request written on one that it has just
    dropped would fail for the client's sake, not the server's.
    """

    def __init__(self, host: str, port: int, limit: int, max_idle_s: float = 2.0) -> None:
        self._host, self._port = host, port
        self._idle: list[tuple[Connection, float]] = []
        self._slots = asyncio.Semaphore(limit)
        self._max_idle_s = max_idle_s

    async def acquire(self) -> Connection:
        await self._slots.acquire()
        now = time.perf_counter()
        while self._idle:
            conn, since = self._idle.pop()
            if now - since < self._max_idle_s and not conn[0].at_eof():
                return conn
            conn[1].close()
        try:
            return await asyncio.open_connection(self._host, self._port)
        except BaseException:
            self._slots.release()
            raise

    def release(self, conn: Connection, *, reusable: bool) -> None:
        if reusable:
            self._idle.append((conn, time.perf_counter()))
        else:
            conn[1].close()
        self._slots.release()

    def close(self) -> None:
        for (_, writer), _since in self._idle:
            writer.close()
        self._idle.clear()


def _encode(req: HttpRequest, host: str, port: int) -> bytes:
    head = f"{req.method} {req.path} HTTP/1.1\r\nHost: {host}:{port}\r\n"
    if req.body or req.method in ("POST", "PUT", "PATCH"):
        head += f"Content-Type: {req.content_type}\r\nContent-Length: {len(req.body)}\r\n"
    return (head + "\r\n").encode("latin-1") + req.body


async def _read_answer(reader: asyncio.StreamReader) -> tuple[int, bytes, bool]:
    """Status, body, and whether the connection may be used again."""
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split(" ", 2)[1])
    headers = {
        name.strip().lower(): value.strip()
        for name, _, value in (line.partition(":") for line in lines[1:] if line)
    }
    if headers.get("transfer-encoding", "").lower() == "chunked":
        parts = []
        while True:
            size = int((await reader.readuntil(b"\r\n")).split(b";")[0], 16)
            parts.append(await reader.readexactly(size + 2))
            if size == 0:
                break
        body = b"".join(p[:-2] for p in parts)
    elif "content-length" in headers:
        body = await reader.readexactly(int(headers["content-length"]))
    else:
        return status, await reader.read(), False
    return status, body, headers.get("connection", "").lower() != "close"


async def _one(
    pool: _Pool,
    req: HttpRequest,
    payload: bytes,
    due: float,
    timeout_s: float,
) -> Outcome:
    conn: Connection | None = None
    reusable = False
    try:
        async with asyncio.timeout(timeout_s):
            conn = await pool.acquire()
            conn[1].write(payload)
            status, body, reusable = await _read_answer(conn[0])
        ok = 200 <= status < 400 and (req.expect is None or req.expect in body)
        return Outcome(status, ok, time.perf_counter() - due)
    except TimeoutError:
        return Outcome(TIMEOUT_STATUS, False, time.perf_counter() - due)
    except (OSError, asyncio.IncompleteReadError, asyncio.LimitOverrunError, ValueError):
        return Outcome(BROKEN_STATUS, False, time.perf_counter() - due)
    finally:
        if conn is not None:
            pool.release(conn, reusable=reusable)


async def open_loop(
    *,
    host: str,
    port: int,
    requests: Sequence[HttpRequest],
    rate: float,
    timeout_s: float = 30.0,
    max_connections: int = 1000,
) -> StepResult:
    """Send `requests` at `rate` per second on schedule; wait for every answer or timeout."""
    pool = _Pool(host, port, max_connections)
    payloads = [_encode(r, host, port) for r in requests]
    tasks: list[asyncio.Task[Outcome]] = []
    max_lag = 0.0
    start = time.perf_counter() + 0.05
    for i, (req, payload) in enumerate(zip(requests, payloads, strict=True)):
        due = start + i / rate
        delay = due - time.perf_counter()
        if delay > 0:
            await asyncio.sleep(delay)
        max_lag = max(max_lag, time.perf_counter() - due)
        tasks.append(asyncio.create_task(_one(pool, req, payload, due, timeout_s)))
    outcomes = await asyncio.gather(*tasks)
    wall = time.perf_counter() - start
    pool.close()
    with contextlib.suppress(asyncio.CancelledError):
        await asyncio.sleep(0)  # let the transports close before the loop may end
    ok = sum(o.ok for o in outcomes)
    return StepResult(
        rate=rate,
        sent=len(outcomes),
        ok=ok,
        errors=len(outcomes) - ok,
        statuses=dict(Counter(o.status for o in outcomes)),
        latencies_s=tuple(o.latency_s for o in outcomes),
        oks=tuple(o.ok for o in outcomes),
        wall_s=wall,
        max_send_lag_s=max_lag,
    )


def run_open_loop(
    *,
    host: str,
    port: int,
    requests: Sequence[HttpRequest],
    rate: float,
    timeout_s: float = 30.0,
    max_connections: int = 1000,
) -> StepResult:
    """`open_loop` on a fresh event loop (uvloop where installed: a cheaper client).

    `max_connections=1` makes requests wait for each other: a sequential warm-up.
    """
    factory: Callable[[], asyncio.AbstractEventLoop]
    try:
        import uvloop  # noqa: PLC0415 (optional speed-up)

        factory = uvloop.new_event_loop
    except ImportError:  # pragma: no cover - uvloop comes with uvicorn[standard]
        factory = asyncio.new_event_loop

    def drive() -> StepResult:
        with asyncio.Runner(loop_factory=factory) as runner:
            return runner.run(
                open_loop(
                    host=host,
                    port=port,
                    requests=requests,
                    rate=rate,
                    timeout_s=timeout_s,
                    max_connections=max_connections,
                )
            )

    # A thread of its own: the caller may already run an event loop (a test session with a
    # browser open, a notebook), and asyncio allows one loop per thread.
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(drive).result()

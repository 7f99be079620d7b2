"""Where a pipeline runs: in this process, in a local process pool, or on a Ray cluster.

All three give the same results in the same order. `run` streams: it pulls documents from an
iterator one batch at a time and never keeps more than `in_flight` batches between reading
and yielding, so a file of a million verbatims never sits in memory at once.

The pipeline travels once per worker (pool initializer, Ray actor constructor), not with
each batch: a pipeline can hold models of tens of megabytes.
"""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from itertools import islice
from typing import Any, Literal, Protocol

from parcours.text.base import Doc

PipelineLike = Callable[[Sequence[Doc]], list[Doc]]
ExecutorKind = Literal["inline", "process", "ray"]
EXECUTOR_KINDS: tuple[str, ...] = ("inline", "process", "ray")


class Executor(Protocol):
    """Runs a pipeline over batches and yields the annotated batches in input order."""

    name: str

    def map_batches(
        self, pipeline: PipelineLike, batches: Iterable[list[Doc]]
    ) -> Iterator[list[Doc]]: ...


def batched(docs: Iterable[Doc], size: int) -> Iterator[list[Doc]]:
    if size < 1:
        raise ValueError("batch size must be at least 1")
    it = iter(docs)
    while batch := list(islice(it, size)):
        yield batch


def run(
    executor: Executor, pipeline: PipelineLike, docs: Iterable[Doc], batch_size: int
) -> Iterator[Doc]:
    """The documents annotated by `pipeline`, in input order, streamed batch by batch."""
    for batch in executor.map_batches(pipeline, batched(docs, batch_size)):
        yield from batch


class InlineExecutor:
    """In this process: no start-up cost, the right choice for small files and tests."""

    name = "inline"

    def map_batches(
        self, pipeline: PipelineLike, batches: Iterable[list[Doc]]
    ) -> Iterator[list[Doc]]:
        for batch in batches:
            yield pipeline(batch)


# The pipeline of this worker process, set once by the pool's initializer.
_WORKER_PIPELINE: PipelineLike | None = None


def _init_worker(pipeline: PipelineLike) -> None:
    global _WORKER_PIPELINE  # noqa: PLW0603 - one pipeline per worker process, by design
    _WORKER_PIPELINE = pipeline


def _run_in_worker(batch: list[Doc]) -> list[Doc]:
    if _WORKER_PIPELINE is None:
        raise RuntimeError("worker started without a pipeline")
    return _WORKER_PIPELINE(batch)


class ProcessExecutor:
    """A local pool of `workers` processes (all cores by default).

    "spawn" by default: workers start clean, whatever threads the parent holds (a fork of a
    process running Ray or a database driver can deadlock).
    """

    name = "process"

    def __init__(
        self, workers: int | None = None, in_flight: int | None = None, start_method: str = "spawn"
    ) -> None:
        self.workers = max(1, workers or os.cpu_count() or 1)
        self.in_flight = max(1, in_flight or 2 * self.workers)
        self.start_method = start_method

    def map_batches(
        self, pipeline: PipelineLike, batches: Iterable[list[Doc]]
    ) -> Iterator[list[Doc]]:
        pool = ProcessPoolExecutor(
            max_workers=self.workers,
            mp_context=multiprocessing.get_context(self.start_method),
            initializer=_init_worker,
            initargs=(pipeline,),
        )
        pending: deque[Future[list[Doc]]] = deque()
        try:
            for batch in batches:
                pending.append(pool.submit(_run_in_worker, batch))
                if len(pending) >= self.in_flight:
                    yield pending.popleft().result()
            while pending:
                yield pending.popleft().result()
        finally:
            pool.shutdown(wait=True, cancel_futures=True)


class _PipelineActor:
    """A Ray actor holding one copy of the pipeline."""

    def __init__(self, pipeline: PipelineLike) -> None:
        self.pipeline = pipeline

    def run(self, batch: list[Doc]) -> list[Doc]:
        return self.pipeline(batch)


class RayExecutor:
    """A pool of Ray actors, on a cluster (`address`) or on this machine.

    Ray starts here unless it already runs (`ray.init` by the caller) and is shut down after
    the run when it was started here. Batches go to the actors in turn and come back in order.
    """

    name = "ray"

    def __init__(
        self,
        workers: int | None = None,
        in_flight: int | None = None,
        address: str | None = None,
    ) -> None:
        # None: one actor per CPU of the cluster, known once Ray runs.
        self.workers = workers
        self.in_flight = in_flight
        self.address = address

    def map_batches(
        self, pipeline: PipelineLike, batches: Iterable[list[Doc]]
    ) -> Iterator[list[Doc]]:
        import ray  # noqa: PLC0415 - heavy, and only this executor needs it

        started_here = not ray.is_initialized()
        if started_here:
            ray.init(
                address=self.address,
                num_cpus=None if self.address else self.workers,
                include_dashboard=False,
                log_to_driver=False,
            )
        resources: dict[str, float] = ray.cluster_resources()  # type: ignore[no-untyped-call]
        cpus = max(1, int(resources.get("CPU", 1)))
        # More actors than CPUs would wait for a CPU forever.
        workers = min(self.workers or cpus, cpus)
        in_flight = max(1, self.in_flight or 2 * workers)
        actor_class: Any = ray.remote(num_cpus=1)(_PipelineActor)
        shared = ray.put(pipeline)
        actors = [actor_class.remote(shared) for _ in range(workers)]
        pending: deque[Any] = deque()
        try:
            for i, batch in enumerate(batches):
                pending.append(actors[i % len(actors)].run.remote(batch))
                if len(pending) >= in_flight:
                    yield ray.get(pending.popleft())
            while pending:
                yield ray.get(pending.popleft())
        finally:
            for actor in actors:
                ray.kill(actor)
            if started_here:
                ray.shutdown()


def make_executor(kind: str, *, workers: int | None = None, address: str | None = None) -> Executor:
    """An executor by name: "inline", "process" or "ray"."""
    if kind == "inline":
        return InlineExecutor()
    if kind == "process":
        return ProcessExecutor(workers=workers)
    if kind == "ray":
        return RayExecutor(workers=workers, address=address)
    raise ValueError(f"unknown executor {kind!r} (inline, process or ray)")

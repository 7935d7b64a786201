"""Parallel extraction in worker processes that load the model once.

The parent loads the pipeline (model and lexicons) before forking, so workers share it
copy-on-write instead of loading it again (``gc.freeze`` in ``Pipeline`` keeps the garbage collector
from touching, and so copying, those pages). Documents go out in chunks and results come back in
input order, so the records are identical whatever the number of workers. A failing document is
reported through ``on_error`` in the parent and the batch goes on.
"""
from __future__ import annotations

import multiprocessing as mp
from collections import deque
from itertools import islice
from typing import Any, Callable, Iterable, Iterator

from sitrep.model import Document, Extraction

_PIPELINE = None


def _init(pipeline) -> None:
    global _PIPELINE
    _PIPELINE = pipeline


def _work(batch: list[Document]) -> list[tuple[Document, Extraction | None, str | None]]:
    out = []
    for document, result in zip(batch, _PIPELINE.process_batch(batch)):
        if isinstance(result, Exception):  # reported in the parent, never fatal for the batch
            out.append((document, None, f"{type(result).__name__}: {result}"))
        else:
            out.append((document, result, None))
    return out


def parallel_pipe(pipeline, documents: Iterable[Document], workers: int = 2,
                  on_error: Callable[[Document, Exception], Any] | None = None,
                  chunksize: int = 8, window_size: int = 32) -> Iterator[Extraction]:
    """Like ``Pipeline.pipe`` but over ``workers`` processes; results in input order.

    Batches of ``chunksize`` documents stream through the pool: at most ``window_size`` documents
    per worker are read ahead and in flight, and a new batch is sent as soon as the oldest one is
    back, so no worker waits for the slowest batch of a window before the next window starts.
    """
    if workers <= 1 or "fork" not in mp.get_all_start_methods():
        yield from pipeline.pipe(documents, on_error=on_error)
        return
    ctx = mp.get_context("fork")
    source = iter(documents)
    max_pending = max(2 * workers, (window_size * workers) // max(chunksize, 1))
    with ctx.Pool(workers, initializer=_init, initargs=(pipeline,)) as pool:
        pending: deque = deque()
        exhausted = False
        while True:
            # the input is read here, in the caller's thread, a batch at a time: memory stays
            # flat and input generators may use thread-bound resources (a SQLite connection)
            while not exhausted and len(pending) < max_pending:
                batch = list(islice(source, chunksize))
                if not batch:
                    exhausted = True
                    break
                pending.append(pool.apply_async(_work, (batch,)))
            if not pending:
                break
            for document, extraction, error in pending.popleft().get():
                if extraction is not None:
                    yield extraction
                elif on_error is not None:
                    on_error(document, RuntimeError(error))
                else:
                    raise RuntimeError(f"{document.id}: {error}")

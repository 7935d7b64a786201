"""The Dask engine: the same extraction function mapped over partitions of documents.

``--engine dask`` starts a local cluster (one single-threaded worker process per ``--workers``)
or connects to an existing scheduler (``--scheduler tcp://host:8786``). Each worker process loads
the language model and lexicons once, on its first partition, and keeps them (module cache), so a
partition costs only its documents. Results come back in input order, so the JSON Lines are the
same as ``--workers 1`` writes.

On a multi-node cluster: install sitrep (same version) on every node, start
``dask scheduler`` on one machine and ``dask worker tcp://SCHEDULER:8786 --nthreads 1 --nworkers N``
on each node, then run ``sitrep extract ... --engine dask --scheduler tcp://SCHEDULER:8786``.
Input is read and output written by the client; only documents and records cross the network.
"""
from __future__ import annotations

from typing import Iterable, Iterator

from sitrep.model import Document, Extraction

_PIPELINES: dict[str | None, object] = {}


def _pipeline(model: str | None):
    if model not in _PIPELINES:
        from sitrep import lexicons
        from sitrep.pipeline import Pipeline

        lexicons.preload()
        _PIPELINES[model] = Pipeline(model=model)
    return _PIPELINES[model]


def extract_partition(documents: list[Document], model: str | None = None) -> list[tuple[str, dict | None, str | None]]:
    """Extract one partition on a worker: (doc id, extraction as dict or None, error or None)."""
    from sitrep.model import to_dict

    pipe = _pipeline(model)
    out = []
    for doc, result in zip(documents, pipe.process_batch(documents)):
        if isinstance(result, Exception):  # reported by the client, the batch goes on
            out.append((doc.id, None, f"{type(result).__name__}: {result}"))
        else:
            out.append((doc.id, to_dict(result), None))
    return out


def dask_pipe(documents: Iterable[Document], workers: int = 2, scheduler: str | None = None,
              model: str | None = None, partition_size: int = 8, on_error=None,
              window: int = 64) -> Iterator[Extraction]:
    """Extract with Dask; yields Extractions in input order, ``window`` partitions in flight at most."""
    from dask.distributed import Client, LocalCluster

    from sitrep.model import extraction_from_dict

    cluster = None
    if scheduler:
        client = Client(scheduler)
    else:
        cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                               dashboard_address=None, silence_logs=40)
        client = Client(cluster)
    try:
        by_id: dict[str, Document] = {}
        pending = []

        def drain(futures):
            for fut in futures:
                for doc_id, data, error in fut.result():
                    if data is not None:
                        yield extraction_from_dict(data)
                    elif on_error is not None:
                        on_error(by_id[doc_id], RuntimeError(error))
                    else:
                        raise RuntimeError(f"{doc_id}: {error}")

        batch: list[Document] = []
        for doc in documents:
            by_id[doc.id] = doc
            batch.append(doc)
            if len(batch) == partition_size:
                pending.append(client.submit(extract_partition, batch, model, pure=False))
                batch = []
                if len(pending) >= window:
                    yield from drain(pending[: window // 2])
                    pending = pending[window // 2:]
        if batch:
            pending.append(client.submit(extract_partition, batch, model, pure=False))
        yield from drain(pending)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()

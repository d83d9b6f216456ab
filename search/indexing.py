"""Bulk (re)indexing: the rebuild command and the catch-up after a bulk load."""

from collections.abc import Callable, Iterable

from . import backend
from .documents import MODEL_OF_KIND, bulk_entries, public_queryset

CHUNK = 500


def rebuild(kind: str, *, progress: Callable[[int], None] | None = None) -> tuple[int, int]:
    """Replace the index of ``kind`` with what the database holds; (written, total).

    A backend with its own ``rebuild`` (Elasticsearch: a new versioned index, then an
    alias swap) serves the old index until the new one is complete; the database backend
    clears and refills inside the caller's transaction.
    """
    search = backend()
    queryset = public_queryset(kind)
    pks = list(queryset.values_list("pk", flat=True))

    def entries():
        for start in range(0, len(pks), CHUNK):
            chunk = list(queryset.filter(pk__in=pks[start : start + CHUNK]))
            yield from bulk_entries(kind, chunk)
            if progress:
                progress(len(chunk))

    if hasattr(search, "rebuild"):
        return search.rebuild(kind, entries()), len(pks)
    search.clear(kind)
    return search.write(entries()), len(pks)


def reindex(kind: str, pks: Iterable[int]) -> int:
    """Index these objects of ``kind`` again; those no longer public leave the index."""
    search = backend()
    wanted = list(dict.fromkeys(pks))
    written = 0
    for start in range(0, len(wanted), CHUNK):
        chunk_pks = wanted[start : start + CHUNK]
        objects = list(public_queryset(kind).filter(pk__in=chunk_pks))
        written += search.write(bulk_entries(kind, objects))
        for gone in set(chunk_pks) - {obj.pk for obj in objects}:
            search.delete(kind, gone)
    return written


def kind_of_model(model) -> str | None:
    for kind, indexed in MODEL_OF_KIND.items():
        if issubclass(model, indexed):
            return kind
    return None

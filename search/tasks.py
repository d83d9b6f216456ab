"""Indexing as Django tasks, so it can move to a worker without touching the callers.

Tasks take the kind and the primary key (JSON-serialisable) and read the object's state
when they run: publishing, unpublishing and deleting all enqueue the same task, and the
last one to run leaves the index matching the database.
"""

from django_tasks import task

from . import backend
from .documents import load


@task()
def index_object(kind: str, object_id: int) -> str:
    """Index the object, or remove it when it is gone or no longer public."""
    obj = load(kind, object_id)
    if obj is None:
        backend().delete(kind, object_id)
        return "deleted"
    backend().index(obj)
    return "indexed"

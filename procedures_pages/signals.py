"""Signals for bulk work, so that apps following changes (search) can batch them.

Apps that react to every save (the search index) would otherwise redo their work for each
of thousands of rows during an import or a demo load. A loader wraps its writes in
``bulk_changes(Model)``: receivers of ``bulk_started`` pause their per-save handling for
that model, and receivers of ``bulk_finished`` catch up once, for the primary keys the
loader reports (or for every row when it reports none). procedures_pages is the ground
floor, so every app may send these without importing the apps that listen.
"""

from collections.abc import Iterator
from contextlib import contextmanager

from django.dispatch import Signal

# sender: the model class whose rows are about to change in bulk.
bulk_started = Signal()
# sender: that model class; pks: list of changed primary keys, or None for "all of them".
bulk_finished = Signal()


@contextmanager
def bulk_changes(model, *, all_rows: bool = False) -> Iterator[list]:
    """Announce bulk changes to ``model``; yields a list the caller fills with the primary
    keys it changed (ignored when ``all_rows``). Per-save followers pause meanwhile."""
    changed: list = []
    bulk_started.send(sender=model)
    try:
        yield changed
    finally:
        bulk_finished.send(sender=model, pks=None if all_rows else list(changed))

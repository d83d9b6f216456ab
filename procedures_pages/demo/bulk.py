"""Cheaper bulk page writes for the demo loader.

Publishing a page re-saves it and every child row; each save updates Wagtail's reference
index and the search index. For a hundred pages in one command that dominates the run, so
both are switched off while the loop runs and brought up to date once per page afterwards.
Disconnecting the search signal is process-wide: fine in a management command, not in a
web request.
"""

from collections.abc import Iterator
from contextlib import contextmanager

from django.db import transaction
from django.db.models.signals import post_save
from wagtail.models import Page, ReferenceIndex
from wagtail.search.backends import get_search_backends
from wagtail.signal_handlers import disable_reference_index_auto_update


@contextmanager
def deferred_indexing(model: type[Page]) -> Iterator[list[Page]]:
    """Yield a list; pages appended to it are indexed (references, search) at the end."""
    from modelsearch.signal_handlers import post_save_signal_handler

    touched: list[Page] = []
    paused = post_save.disconnect(post_save_signal_handler, sender=model)
    try:
        with disable_reference_index_auto_update():
            yield touched
    finally:
        if paused:
            post_save.connect(post_save_signal_handler, sender=model)
    for page in touched:
        ReferenceIndex.create_or_update_for_object(page)
    if touched:
        pages = list(touched)
        transaction.on_commit(lambda: _add_to_search(model, pages))


def _add_to_search(model: type[Page], pages: list[Page]) -> None:
    fresh = list(model.objects.filter(pk__in=[page.pk for page in pages]))
    for backend in get_search_backends(with_auto_update=True):
        backend.add_bulk(model, fresh)

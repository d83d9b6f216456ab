"""Keeps the index in step with the apps it indexes; they do not know about search.

Every receiver enqueues ``index_object`` after the transaction commits, so a rolled-back
change never reaches the index and the task sees the committed state (hand-off events
included).
"""

from collections import Counter
from functools import partial

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from wagtail.signals import page_published, page_unpublished

from dossiers.models import Dossier
from procedures_pages.models import NewsPage, ProcedurePage
from procedures_pages.signals import bulk_finished, bulk_started

from .documents import kind_of

DISPATCH_PREFIX = "portal_search."


# Kinds whose per-save indexing is paused by a bulk load in this process (a loader or a
# command, never concurrent web requests); the load catches up once when it finishes.
_paused: Counter = Counter()


def schedule(kind: str, object_id: int) -> None:
    from .tasks import index_object

    if _paused[kind]:
        return
    transaction.on_commit(partial(index_object.enqueue, kind, object_id))


def _bulk_started(sender, **kwargs):
    from .indexing import kind_of_model

    kind = kind_of_model(sender)
    if kind is not None:
        _paused[kind] += 1


def _bulk_finished(sender, pks=None, **kwargs):
    from .indexing import kind_of_model, rebuild, reindex

    kind = kind_of_model(sender)
    if kind is None:
        return
    _paused[kind] -= 1
    if pks is None:
        transaction.on_commit(partial(rebuild, kind))
    elif pks:
        transaction.on_commit(partial(reindex, kind, pks))


def _page_changed(sender, instance, **kwargs):
    kind = kind_of(instance)
    if kind is None and hasattr(instance, "specific_deferred"):
        kind = kind_of(instance.specific_deferred)
    if kind is not None:
        schedule(kind, instance.pk)


def _object_changed(sender, instance, **kwargs):
    kind = kind_of(instance)
    if kind is not None:
        schedule(kind, instance.pk)


def connect() -> None:
    page_published.connect(_page_changed, dispatch_uid=DISPATCH_PREFIX + "published")
    page_unpublished.connect(_page_changed, dispatch_uid=DISPATCH_PREFIX + "unpublished")
    for model in (ProcedurePage, NewsPage):
        post_delete.connect(
            _object_changed, sender=model, dispatch_uid=f"{DISPATCH_PREFIX}delete.{model.__name__}"
        )
    post_save.connect(_object_changed, sender=Dossier, dispatch_uid=DISPATCH_PREFIX + "dossier")
    bulk_started.connect(_bulk_started, dispatch_uid=DISPATCH_PREFIX + "bulk_started")
    bulk_finished.connect(_bulk_finished, dispatch_uid=DISPATCH_PREFIX + "bulk_finished")

"""Search answers the catalogue and the back office through Wagtail's hook registry.

The apps never import ``search`` (ARCHITECTURE.md "Who may import whom"): they ask
``wagtail.hooks.get_hooks(name)`` and use the first answer that is not ``None``; with no
hook registered they keep their own database filter.

``search_catalogue_procedures(*, q, filters, limit) -> list[int] | None``
    Ids of live, public procedure pages matching ``q`` and ``filters`` (facade names:
    ``sector`` slug, ``agency`` code, ``level``, ``online``), best first, at most ``limit``.

``search_dossiers(*, user, q, limit) -> list[int] | None``
    Ids of dossiers ``user`` may see (nothing for non-officers) matching ``q`` (applicant
    name, code, phone, identity number…), best first, at most ``limit``.

Both answer ``None`` while nothing of their kind is indexed (an index never built, e.g.
right after a deployment): the caller then filters with the database as before, instead
of showing an empty list.
"""

from collections.abc import Mapping

from wagtail import hooks

from . import backend
from .types import Kind

CATALOGUE_HOOK = "search_catalogue_procedures"
DOSSIERS_HOOK = "search_dossiers"


@hooks.register(CATALOGUE_HOOK)
def catalogue_procedure_ids(*, q: str, filters: Mapping[str, str], limit: int) -> list[int] | None:
    search = backend()
    if search.is_empty(Kind.PROCEDURE):
        return None
    return search.procedure_ids(q, filters=filters, limit=limit)


@hooks.register(DOSSIERS_HOOK)
def backoffice_dossier_ids(*, user, q: str, limit: int) -> list[int] | None:
    search = backend()
    if search.is_empty(Kind.DOSSIER):
        return None
    return search.dossier_ids(q, user=user, limit=limit)

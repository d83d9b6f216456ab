"""One search facade over the search backends (ARCHITECTURE.md "Search").

Callers use ``backend()`` and the interface of ``search.backends.base.SearchBackend``;
they never import a backend module themselves.
"""

import logging

from django.conf import settings

logger = logging.getLogger(__name__)


def backend():
    """The configured backend: Elasticsearch when ``ELASTICSEARCH_URL`` is set and its
    backend is installed in this code base, else the database backend."""
    from .backends.database import DatabaseBackend

    if getattr(settings, "ELASTICSEARCH_URL", ""):
        try:
            from .backends.elasticsearch import ElasticsearchBackend
        except ImportError:
            # The Elasticsearch backend arrives in a later issue; until then the portal's
            # own search keeps working on the database while Wagtail's admin uses ES.
            logger.warning("ELASTICSEARCH_URL is set but search has no Elasticsearch backend")
        else:
            return ElasticsearchBackend(settings.ELASTICSEARCH_URL)
    return DatabaseBackend()

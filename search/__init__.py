"""One search facade over the search backends (ARCHITECTURE.md "Search").

Callers use ``backend()`` and the interface of ``search.backends.base.SearchBackend``;
they never import a backend module themselves.
"""

import logging

from django.conf import settings

logger = logging.getLogger(__name__)


def backend():
    """The configured backend: Elasticsearch when ``ELASTICSEARCH_URL`` is set (and the
    ``elasticsearch`` client is installed), else the database backend."""
    from .backends.database import DatabaseBackend

    if getattr(settings, "ELASTICSEARCH_URL", ""):
        try:
            from .backends.elasticsearch import ElasticsearchBackend
        except ImportError:
            # Without the client library the portal's own search keeps working on the
            # database while Wagtail's admin uses ES.
            logger.warning("ELASTICSEARCH_URL is set but the elasticsearch client is missing")
        else:
            return ElasticsearchBackend(settings.ELASTICSEARCH_URL)
    return DatabaseBackend()

"""The database backend's index: one row per indexed object plus its facet values.

SQLite adds an FTS5 table (``portal_search_fts``, rowid = document id) kept in sync from
Python; PostgreSQL adds a generated, GIN-indexed ``search_vector`` column. Both are created
by the migration, outside the model, because neither is a Django field.
"""

from django.db import models


class SearchDocument(models.Model):
    kind = models.CharField(max_length=16)
    object_id = models.BigIntegerField()
    code = models.CharField(max_length=64, blank=True)
    title = models.TextField()
    body = models.TextField(blank=True)
    url = models.CharField(max_length=500, blank=True)
    published_on = models.DateField(null=True, blank=True)
    # Space-padded token strings (see ``search.analysis.padded``).
    title_folded = models.TextField()
    body_folded = models.TextField(blank=True)
    title_accented = models.TextField()
    body_accented = models.TextField(blank=True)
    indexed_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["kind", "object_id"], name="search_doc_unique_object")
        ]
        indexes = [models.Index(fields=["kind", "code"], name="search_doc_kind_code_idx")]

    def __str__(self) -> str:
        return f"{self.kind}:{self.object_id} {self.title}"


class SearchFacet(models.Model):
    document = models.ForeignKey(SearchDocument, on_delete=models.CASCADE, related_name="facets")
    name = models.CharField(max_length=16)
    value = models.CharField(max_length=255)
    label = models.CharField(max_length=255, blank=True)

    class Meta:
        indexes = [
            models.Index(fields=["name", "value", "document"], name="search_facet_lookup_idx")
        ]

    def __str__(self) -> str:
        return f"{self.name}={self.value}"

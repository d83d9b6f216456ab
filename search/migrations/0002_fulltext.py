"""Full-text structures the ORM cannot describe, per database vendor.

SQLite: an FTS5 table over the folded title and body (rowid = SearchDocument.id), written
by the backend from Python. PostgreSQL: a stored generated tsvector ('simple'
configuration over the already folded tokens; title weighted A, body B) with a GIN index.
"""

from django.db import migrations

SQLITE_FORWARD = [
    "CREATE VIRTUAL TABLE portal_search_fts USING fts5("
    "title, body, tokenize = 'unicode61 remove_diacritics 0', prefix = '2 3')",
]
SQLITE_BACKWARD = ["DROP TABLE IF EXISTS portal_search_fts"]

POSTGRES_FORWARD = [
    "ALTER TABLE portal_search_searchdocument ADD COLUMN search_vector tsvector "
    "GENERATED ALWAYS AS ("
    "setweight(to_tsvector('simple'::regconfig, coalesce(title_folded, '')), 'A') || "
    "setweight(to_tsvector('simple'::regconfig, coalesce(body_folded, '')), 'B')"
    ") STORED",
    "CREATE INDEX search_doc_vector_idx ON portal_search_searchdocument "
    "USING GIN (search_vector)",
]
POSTGRES_BACKWARD = [
    "DROP INDEX IF EXISTS search_doc_vector_idx",
    "ALTER TABLE portal_search_searchdocument DROP COLUMN IF EXISTS search_vector",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("portal_search", "0001_index")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE_FORWARD, "postgresql": POSTGRES_FORWARD}),
            _run({"sqlite": SQLITE_BACKWARD, "postgresql": POSTGRES_BACKWARD}),
        )
    ]

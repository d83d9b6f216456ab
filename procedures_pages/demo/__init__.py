"""Demo data for ``manage.py load_demo``: a believable province for newcomers and reviewers.

Data modules (``agencies``, ``sectors``, ``news``) hold the texts; builder modules (``site``,
``catalogue``, ``moderation``, ``newsroom``) write them through the Wagtail page API, each
idempotent: objects are found by stable keys (agency code, sector name, page slug, username)
and existing values an editor may have changed are left alone.
"""

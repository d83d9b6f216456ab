"""Demo dossiers for the development server (``manage.py load_demo``).

Built on top of the catalogue demo of ``procedures_pages``: officers at the agencies it
created, then dossiers in every state, all through the real services with past timestamps.
"""

"""The officers' back office (Wagtail admin): queues, search, dossier page, receipt, actions.

Registered from ``dossiers/wagtail_hooks.py``: :data:`viewsets.backoffice_viewset` for the
URLs under ``/admin/ho-so/`` and :func:`viewsets.backoffice_menu_item` for the "Hồ sơ" menu.
"""

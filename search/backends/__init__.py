"""Search backends; ``search.backend()`` picks one."""

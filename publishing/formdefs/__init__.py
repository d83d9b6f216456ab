"""Official forms, one module each; every module calls ``register_form`` on import."""

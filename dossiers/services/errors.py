"""Refusals raised by the dossier services, each with a stable code for APIs and forms."""

from django.utils.translation import gettext as _

from ..models import Officer


class DossierError(Exception):
    """A refused action, with a stable code and a message for the user (Vietnamese)."""

    code = "invalid"

    def __init__(self, message: str, *, code: str | None = None):
        super().__init__(message)
        self.message = message
        if code:
            self.code = code


class PermissionDenied(DossierError):
    code = "forbidden"


class StaleVersion(DossierError):
    code = "stale_version"


class InvalidTransition(DossierError):
    code = "invalid_transition"


def officer_of(user) -> Officer:
    officer = getattr(user, "officer", None) if user is not None else None
    if officer is None:
        raise PermissionDenied(_("Tài khoản này không phải cán bộ của cơ quan nào."))
    return officer

"""JSON API under /api/v1/ (mounted outside the language prefix in ``config.urls``).

Ninja's views are wrapped so that the answers Ninja builds outside its exception
handlers (405 for a wrong method) and paths it does not know still use the error
envelope, and so that messages are Vietnamese whatever the client's Accept-Language.
"""

import functools

from django.conf import settings
from django.http import HttpResponseNotAllowed
from django.urls import URLPattern, URLResolver, re_path
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

from .api import api
from .errors import error_response


def _in_api_language(view):
    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        with translation.override(settings.LANGUAGE_CODE):
            response = view(request, *args, **kwargs)
            if isinstance(response, HttpResponseNotAllowed):
                allowed = response["Allow"]
                response = error_response(
                    405,
                    "method_not_allowed",
                    _("Phương thức %(method)s không được hỗ trợ tại địa chỉ này.")
                    % {"method": request.method},
                    {"allowed": [m.strip() for m in allowed.split(",") if m.strip()]},
                )
                response["Allow"] = allowed
            return response

    return wrapper


def _wrap(patterns: list) -> list:
    wrapped = []
    for pattern in patterns:
        if isinstance(pattern, URLPattern):
            pattern.callback = _in_api_language(pattern.callback)
        elif isinstance(pattern, URLResolver):
            _wrap(pattern.url_patterns)
        wrapped.append(pattern)
    return wrapped


@csrf_exempt
def unknown_path(request, *args, **kwargs):
    with translation.override(settings.LANGUAGE_CODE):
        return error_response(404, "not_found", _("Không có endpoint tại địa chỉ này."))


# Not unpacked into module globals: ``include()`` would read an ``app_name`` global here.
_ninja_patterns, _ninja_app, _ninja_namespace = api.urls
urlpatterns = [
    re_path("", (_wrap(_ninja_patterns), _ninja_app, _ninja_namespace)),
    re_path(r"^.*$", unknown_path, name="api-unknown-path"),
]

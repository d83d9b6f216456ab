"""Public dossier pages: the lookup by code and second factor (DOMAIN.md §5)."""

import datetime

from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from .forms import LookupForm
from .queries.lookup import (
    LookupRateLimiter,
    client_ip,
    find_dossier_for_lookup,
    public_summary,
    public_timeline,
)


def not_found_message() -> str:
    """The one answer for every failed lookup, so codes cannot be enumerated."""
    return _(
        "Không tìm thấy hồ sơ với thông tin đã nhập. Vui lòng kiểm tra lại mã hồ sơ và mã tra cứu."
    )


def too_many_attempts_message(seconds: int) -> str:
    minutes = max(1, -(-seconds // 60))
    until = timezone.localtime() + datetime.timedelta(seconds=seconds)
    return ngettext(
        "Bạn đã tra cứu không thành công quá nhiều lần. Vui lòng thử lại sau "
        "%(minutes)d phút (sau %(time)s).",
        "Bạn đã tra cứu không thành công quá nhiều lần. Vui lòng thử lại sau "
        "%(minutes)d phút (sau %(time)s).",
        minutes,
    ) % {"minutes": minutes, "time": until.strftime("%H:%M")}


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def lookup(request):
    """The lookup form; a result when the code and second factor match.

    The form posts, so phone and identity numbers stay out of URLs and server logs; a
    GET with ``?code=…&secret=…`` (the receipt's QR code) looks up directly. Failed
    attempts are rate-limited per client and per code (HTTP 429 once over the limit).
    The response is never cached and sends no referrer, since the URL may hold a secret.
    """
    if request.method == "POST":
        data = request.POST
    elif "code" in request.GET or "secret" in request.GET:
        data = request.GET
    else:
        data = None
    form = LookupForm(data)
    context = {"form": form}
    status = 200
    retry_after = 0
    if data is not None and form.is_valid():
        code, factor = form.cleaned_data["code"], form.cleaned_data["secret"]
        limiter = LookupRateLimiter()
        ip = client_ip(request)
        retry_after = limiter.retry_after(ip=ip, code=code)
        if retry_after:
            status = 429
            context["error"] = too_many_attempts_message(retry_after)
        else:
            dossier = find_dossier_for_lookup(code, factor)
            if dossier is None:
                limiter.record_failure(ip=ip, code=code)
                context["error"] = not_found_message()
            else:
                context["summary"] = public_summary(dossier)
                context["timeline"] = public_timeline(dossier)
    response = render(request, "dossiers/lookup.html", context, status=status)
    if retry_after:
        response["Retry-After"] = str(retry_after)
    # The secret may be in the URL (QR links): never send it to another site. Not
    # "no-referrer": browsers then send "Origin: null" with the form's POST, and the
    # CSRF check rightly refuses it.
    response["Referrer-Policy"] = "same-origin"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response

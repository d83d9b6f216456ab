"""Public dossier lookup: find a dossier by its code and a second factor (DOMAIN.md §5).

Shared by the lookup page (``dossiers.views``) and the JSON API (``/api/v1/lookup/``):

- :func:`find_dossier_for_lookup` — the dossier for a code and a second factor (the lookup
  secret printed on the receipt, the applicant's phone or identity number), or ``None``;
- :func:`public_summary` and :func:`public_timeline` — what the public may see of it: no
  officer names, no internal notes, no applicant data beyond what the applicant typed;
- :class:`LookupRateLimiter` and :func:`client_ip` — failed attempts limited per client
  and per code, so codes and secrets cannot be guessed;
- :func:`lookup_url` — the link printed as the receipt's QR code.

Every failure looks the same to the caller (``None``): an unknown code and a wrong factor
must not be distinguishable, or codes could be enumerated.
"""

from __future__ import annotations

import datetime
import hashlib
import hmac
import ipaddress
import math
import re
import time
import unicodedata
from collections.abc import Callable
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import caches
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from ..calendars import calendar_for
from ..models import (
    CLOSED_STATUSES,
    Dossier,
    DossierEvent,
    Outcome,
    ReturnMethod,
    Status,
)
from ..workflow import TRANSITIONS
from ..working_time import OpenStatus, Timeliness, open_status, timeliness

# Longest code the model stores; longer input can never match.
MAX_CODE_LENGTH = 64
# Longest second factor worth comparing (secret 6–12, phone ~15, identity number 12).
MAX_FACTOR_LENGTH = 32
# A phone number or identity number shorter than this is not accepted as a factor.
MIN_NUMBER_LENGTH = 8

DEFAULT_MAX_FAILURES = 10
DEFAULT_WINDOW_SECONDS = 15 * 60

# The characters a dossier code is made of (agency code, date, sequence; DOMAIN.md §5).
CODE_PATTERN = re.compile(r"[A-Z0-9][A-Z0-9.\-]*")

_DASHES = dict.fromkeys(map(ord, "\u2010\u2011\u2012\u2013\u2014\u2212\ufe63\uff0d"), "-")
_NUMBER_SEPARATORS = str.maketrans("", "", ".-()/_")


# --- Normalisation -----------------------------------------------------------------


def _fold(value: str) -> str:
    """Compatibility-decompose, drop combining marks and invisible format characters,
    remove all whitespace and uppercase.

    Codes, secrets and numbers are ASCII, so a diacritic can only come from a Vietnamese
    input method or an NFD keyboard; full-width digits (NFKD) and typographic dashes are
    what phones and word processors substitute.
    """
    text = unicodedata.normalize("NFKD", value or "")
    text = "".join(
        ch for ch in text if not unicodedata.combining(ch) and unicodedata.category(ch) != "Cf"
    )
    text = text.translate(_DASHES).replace("đ", "d").replace("Đ", "D")
    return "".join(text.split()).upper()


def normalize_code(raw: str) -> str:
    """A dossier code as typed → as stored: ``" 000.00.31.h33 - 261116-0001 "`` →
    ``"000.00.31.H33-261116-0001"``."""
    return _fold(raw)


def normalize_secret(raw: str) -> str:
    """The lookup secret is case-insensitive and may be typed with spaces."""
    return _fold(raw)


def normalize_phone(raw: str) -> str:
    """A Vietnamese phone number in its national form (leading 0), or ``""``.

    Tolerates spaces, dots, dashes and brackets, and the ``+84`` / ``0084`` / ``84``
    country prefixes: ``"+84 912.345.678"`` → ``"0912345678"``.
    """
    text = _fold(raw).translate(_NUMBER_SEPARATORS)
    if text.startswith("+84"):
        text = "0" + text[3:]
    elif text.startswith("0084"):
        text = "0" + text[4:]
    elif text.startswith("84") and len(text) == 11:
        text = "0" + text[2:]
    if not text.isdigit() or len(text) < MIN_NUMBER_LENGTH:
        return ""
    return text


def normalize_id_number(raw: str) -> str:
    """An identity number (CCCD, old CMND, passport) without separators, or ``""``."""
    text = _fold(raw).translate(_NUMBER_SEPARATORS)
    if not text.isalnum() or len(text) < MIN_NUMBER_LENGTH:
        return ""
    return text


def _same(given: str, stored: str) -> bool:
    # compare_digest refuses non-ASCII str; bytes are compared in constant time.
    return hmac.compare_digest(given.encode(), stored.encode())


def factor_matches(dossier: Dossier, factor: str) -> bool:
    """Whether ``factor`` is the dossier's lookup secret, phone or identity number.

    All three comparisons always run, each in constant time, so the time taken does not
    tell which kind of factor was close. An empty value on file never matches.
    """
    secret = normalize_secret(factor)
    phone = normalize_phone(factor)
    id_number = normalize_id_number(factor)
    stored_phone = normalize_phone(dossier.applicant_phone)
    stored_id = normalize_id_number(dossier.applicant_id_number)
    secret_ok = _same(secret, normalize_secret(dossier.lookup_secret))
    phone_ok = _same(phone, stored_phone)
    id_ok = _same(id_number, stored_id)
    return (
        (bool(secret) and secret_ok)
        or (bool(phone) and bool(stored_phone) and phone_ok)
        or (bool(id_number) and bool(stored_id) and id_ok)
    )


# --- Queries -----------------------------------------------------------------------


def find_dossier_for_lookup(code: str, factor: str) -> Dossier | None:
    """The dossier with ``code`` if ``factor`` is its lookup secret, phone or identity
    number; ``None`` for every kind of failure (unknown code, wrong factor, bad input).

    Both arguments are raw user input; they are normalised here. One query.
    """
    normalized = normalize_code(code or "")
    factor = factor or ""
    if (
        len(normalized) > MAX_CODE_LENGTH
        or not CODE_PATTERN.fullmatch(normalized)
        or len(factor) > MAX_FACTOR_LENGTH * 4
    ):
        # Also keeps NUL and other characters PostgreSQL refuses away from the query.
        return None
    dossier = (
        Dossier.objects.select_related("procedure", "receiving_agency", "current_agency")
        .filter(code=normalized)
        .first()
    )
    if dossier is None:
        # Spend the comparison anyway so an unknown code is not measurably faster.
        _same(normalize_secret(factor), "-" * 6)
        return None
    return dossier if factor_matches(dossier, factor) else None


def _transition_label(name: str) -> str:
    if name == "receive":
        return _("Tiếp nhận hồ sơ")
    spec = TRANSITIONS.get(name)
    return str(spec.label) if spec is not None else ""


def public_timeline(dossier: Dossier) -> list[dict]:
    """The dossier's steps as the public may see them, oldest first.

    One dict per recorded action (``DossierEvent``), as on the process-control sheet:

    - ``at`` (aware datetime), ``transition`` (machine name) and ``action`` (its label);
    - ``agency`` / ``agency_code``: the agency that acted (and whose step ended);
    - ``to_agency``: the agency that received the dossier when it changed hands, else ``""``;
    - ``status`` / ``status_label``: the national status after the action;
    - ``timeliness`` (``"early"``, ``"on_time"``, ``"late"`` or ``""`` when the action
      ended no timed step) and ``timeliness_label``;
    - ``step_due_at``: the deadline of the step this action started, or ``None``.

    Officer names, notes and the event's internal data are deliberately left out:
    officers' names are personal data and notes are internal. One query.
    """
    events = (
        DossierEvent.objects.filter(dossier=dossier)
        .select_related("from_agency", "to_agency")
        .order_by("at", "pk")
    )
    rows = []
    for event in events:
        acting = event.from_agency or event.to_agency
        handed_to = (
            event.to_agency
            if acting is not None and event.to_agency_id not in (None, acting.pk)
            else None
        )
        verdict = event.step_timeliness or ""
        rows.append(
            {
                "at": event.at,
                "transition": event.transition,
                "action": _transition_label(event.transition) or Status(event.to_status).label,
                "agency": acting.name if acting else "",
                "agency_code": acting.code if acting else "",
                "to_agency": handed_to.name if handed_to else "",
                "status": event.to_status,
                "status_label": str(Status(event.to_status).label),
                "timeliness": verdict,
                "timeliness_label": str(Timeliness(verdict).label) if verdict else "",
                "step_due_at": event.step_due_at,
            }
        )
    return rows


def _progress(dossier: Dossier, now: datetime.datetime) -> dict:
    """Where the dossier stands against its appointment (DOMAIN.md §4)."""
    if dossier.status == Status.RETURNED:
        verdict = dossier.timeliness or (
            timeliness(dossier.due_at, dossier.returned_at)
            if dossier.due_at and dossier.returned_at
            else ""
        )
        return _verdict(verdict, closed=True)
    if dossier.status in CLOSED_STATUSES:
        # Refused, withdrawn or stopped: no appointment to keep.
        return {"code": "", "label": "", "closed": True}
    if dossier.status == Status.RESULT_READY:
        verdict = (
            timeliness(dossier.due_at, dossier.result_ready_at)
            if dossier.due_at and dossier.result_ready_at
            else ""
        )
        return _verdict(verdict, closed=True)
    if dossier.clock_stopped_at is not None:
        return {
            "code": "paused",
            "label": _("Tạm dừng tính thời hạn (chờ người nộp bổ sung hoặc nộp phí, thuế)"),
            "closed": False,
        }
    if dossier.due_at is None:
        return {"code": "", "label": "", "closed": False}
    calendar, _hours = calendar_for(dossier.receiving_agency_id)
    state: OpenStatus = open_status(dossier.due_at, now, calendar=calendar)
    return {"code": str(state.value), "label": str(state.label), "closed": False}


def _verdict(verdict: str, *, closed: bool) -> dict:
    if not verdict:
        return {"code": "", "label": "", "closed": closed}
    value = Timeliness(verdict)
    return {"code": str(value.value), "label": str(value.label), "closed": closed}


def public_summary(dossier: Dossier, *, now: datetime.datetime | None = None) -> dict:
    """The facts of a dossier the public may see (no applicant or officer data).

    Keys: ``code``, ``procedure``, ``receiving_agency``, ``received_at``, ``status``,
    ``status_label``, ``due_at``, ``original_due_at`` (when the appointment was moved,
    else ``None``), ``progress`` (``code`` within / near / overdue / paused / early /
    on_time / late or ``""``, ``label``, ``closed``), ``result_ready`` and
    ``result_ready_at``, ``outcome`` / ``outcome_label``, ``collect_at`` and
    ``collect_address`` (where a result ready at the desk is handed over), ``returned_at``
    and ``return_method_label``.
    """
    now = now or timezone.now()
    agency = dossier.receiving_agency
    result_ready = dossier.status in (Status.RESULT_READY, Status.RETURNED)
    moved = dossier.original_due_at and dossier.due_at and dossier.original_due_at != dossier.due_at
    return {
        "code": dossier.code,
        "procedure": dossier.procedure.title,
        "receiving_agency": agency.name,
        "received_at": dossier.received_at,
        "status": dossier.status,
        "status_label": str(Status(dossier.status).label),
        "due_at": dossier.due_at,
        "original_due_at": dossier.original_due_at if moved else None,
        "rescheduled": dossier.rescheduled,
        "progress": _progress(dossier, now),
        "result_ready": result_ready,
        "result_ready_at": dossier.result_ready_at,
        "outcome": dossier.outcome,
        "outcome_label": str(Outcome(dossier.outcome).label) if dossier.outcome else "",
        "collect_at": agency.name if dossier.status == Status.RESULT_READY else "",
        "collect_address": agency.address if dossier.status == Status.RESULT_READY else "",
        "returned_at": dossier.returned_at,
        "return_method_label": (
            str(ReturnMethod(dossier.return_method).label) if dossier.return_method else ""
        ),
    }


def lookup_url(dossier: Dossier, absolute: bool = False, *, request=None) -> str:
    """The lookup page for ``dossier`` with its code and secret: what the receipt's QR
    code encodes. Always the Vietnamese (unprefixed) URL, since the receipt is printed
    once and read in any language.

    With ``absolute``, the base is ``request`` when given, else the ``PORTAL_BASE_URL``
    setting, else the default Wagtail site's root URL, else ``WAGTAILADMIN_BASE_URL``.
    """
    with translation.override(settings.LANGUAGE_CODE):
        path = reverse("dossiers:lookup")
    url = f"{path}?{urlencode({'code': dossier.code, 'secret': dossier.lookup_secret})}"
    if not absolute:
        return url
    if request is not None:
        return request.build_absolute_uri(url)
    return _base_url().rstrip("/") + url


def _base_url() -> str:
    base = getattr(settings, "PORTAL_BASE_URL", "")
    if base:
        return base
    from wagtail.models import Site

    site = Site.objects.filter(is_default_site=True).first()
    if site is not None:
        return site.root_url
    return getattr(settings, "WAGTAILADMIN_BASE_URL", "")


# --- Rate limiting -----------------------------------------------------------------


def client_ip(request) -> str:
    """The client address used as a rate-limit key.

    ``REMOTE_ADDR`` unless ``DOSSIER_LOOKUP_TRUSTED_PROXIES`` (default 0) says how many
    reverse proxies append to ``X-Forwarded-For``; then the address the outermost trusted
    proxy saw. IPv6 clients are grouped by their /64, which one subscriber usually holds.
    """
    address = request.META.get("REMOTE_ADDR", "")
    proxies = int(getattr(settings, "DOSSIER_LOOKUP_TRUSTED_PROXIES", 0))
    if proxies > 0:
        forwarded = [
            part.strip()
            for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
            if part.strip()
        ]
        if len(forwarded) >= proxies:
            address = forwarded[-proxies]
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return address[:64] or "unknown"
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.ipv4_mapped is not None:
            return str(ip.ipv4_mapped)
        return str(ipaddress.ip_network(f"{ip}/64", strict=False))
    return str(ip)


def _now() -> float:
    return time.time()


class LookupRateLimiter:
    """At most ``max_failures`` failed lookups per ``window`` seconds, counted separately
    per client address and per dossier code, in Django's cache.

    A sliding-window counter: failures are counted in buckets one window long, and the
    previous bucket counts in proportion to how much of it still lies within the window,
    so a burst across a bucket boundary does not double the allowance. Counters use
    ``cache.add`` + ``cache.incr`` (atomic on Redis and Memcached). Limits come from the
    ``DOSSIER_LOOKUP_MAX_FAILURES`` (10) and ``DOSSIER_LOOKUP_WINDOW_SECONDS`` (900)
    settings, the cache from ``DOSSIER_LOOKUP_CACHE`` ("default"). Every process must
    share the cache for the limit to hold; per-process LocMemCache only suits tests.

    Usage: ``wait = limiter.retry_after(ip=..., code=...)``; if ``wait`` refuse the
    attempt; else look up and on failure call ``limiter.record_failure(ip=..., code=...)``.
    """

    key_prefix = "dossiers:lookup-failures"

    def __init__(
        self,
        *,
        max_failures: int | None = None,
        window: int | None = None,
        cache_alias: str | None = None,
        clock: Callable[[], float] | None = None,
    ):
        self.max_failures = int(
            max_failures
            if max_failures is not None
            else getattr(settings, "DOSSIER_LOOKUP_MAX_FAILURES", DEFAULT_MAX_FAILURES)
        )
        self.window = int(
            window
            if window is not None
            else getattr(settings, "DOSSIER_LOOKUP_WINDOW_SECONDS", DEFAULT_WINDOW_SECONDS)
        )
        self.cache = caches[cache_alias or getattr(settings, "DOSSIER_LOOKUP_CACHE", "default")]
        self.clock = clock or _now

    def _subjects(self, ip: str, code: str) -> list[str]:
        subjects = []
        if ip:
            subjects.append("ip:" + ip)
        if code:
            subjects.append("code:" + normalize_code(code))
        # Hashed: cache keys stay short and free of characters Memcached refuses.
        return [hashlib.sha256(s.encode()).hexdigest()[:32] for s in subjects]

    def _key(self, subject: str, bucket: int) -> str:
        return f"{self.key_prefix}:{subject}:{bucket}"

    def retry_after(self, *, ip: str, code: str) -> int:
        """Seconds until an attempt for ``ip`` and ``code`` is allowed again; 0 if now."""
        now = self.clock()
        bucket = int(now // self.window)
        subjects = self._subjects(ip, code)
        keys = [self._key(s, b) for s in subjects for b in (bucket, bucket - 1)]
        counts = self.cache.get_many(keys)
        wait = 0.0
        for subject in subjects:
            current = int(counts.get(self._key(subject, bucket), 0))
            previous = int(counts.get(self._key(subject, bucket - 1), 0))
            wait = max(wait, self._wait(current, previous, now, bucket))
        return math.ceil(wait) if wait > 0 else 0

    def _wait(self, current: int, previous: int, now: float, bucket: int) -> float:
        limit, window = self.max_failures, self.window
        start = bucket * window
        elapsed = (now - start) / window
        if current + previous * (1 - elapsed) < limit:
            return 0.0
        if current < limit:
            # The previous bucket's share shrinks until the estimate drops below the limit.
            fraction = 1 - (limit - current) / previous
            return start + fraction * window - now + 1
        # This bucket alone is full: wait until it has become the previous one and has
        # slid far enough out of the window.
        fraction = 1 - limit / current
        return start + window + fraction * window - now + 1

    def record_failure(self, *, ip: str, code: str) -> None:
        bucket = int(self.clock() // self.window)
        for subject in self._subjects(ip, code):
            key = self._key(subject, bucket)
            # Two windows: the bucket is read as "previous" during the next window.
            self.cache.add(key, 0, timeout=2 * self.window)
            try:
                self.cache.incr(key)
            except ValueError:  # evicted between add and incr
                self.cache.set(key, 1, timeout=2 * self.window)

"""HTML → PDF with WeasyPrint: the only module of the project that imports it.

Rendering never touches the network or the machine's files: templates refer to fonts and
stylesheets under a virtual origin (``DOCUMENT_ORIGIN``) which :class:`DocumentURLFetcher`
maps to ``site/fonts`` and to static files; ``data:`` URIs are decoded in place and every
other URL is refused. A refused or missing resource stops the rendering instead of
silently falling back to another font, so a document either looks as designed or is not
issued.

The output is deterministic: the PDF's dates come from the ``issued_at`` context value (or
a fixed epoch), its file identifier from ``pdf_identifier`` (or the content), so the same
template and context give byte-identical PDFs, which is what makes a stored SHA-256
meaningful.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import mimetypes
import posixpath
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, unquote_to_bytes

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from weasyprint import HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher, URLFetcherResponse

# A reserved top-level domain (RFC 2606): never resolvable, only a namespace for URLs.
DOCUMENT_ORIGIN = "https://document.motcua.invalid/"
FONTS_PREFIX = "fonts/"
STATIC_PREFIX = "static/"


def fonts_dir() -> Path:
    return Path(getattr(settings, "PUBLISHING_FONTS_DIR", settings.BASE_DIR / "site" / "fonts"))


class RefusedURL(ValueError):
    """A document asked for a resource outside the fonts and static files."""


class DocumentURLFetcher(URLFetcher):
    """Serves the shipped fonts, static files and ``data:`` URIs; refuses the rest.

    WeasyPrint 70 takes an ``URLFetcher`` instance whose ``fetch(url, headers=None)``
    returns an ``URLFetcherResponse``. ``fail_on_errors`` turns any refusal into a fatal
    error of the whole rendering.
    """

    def __init__(self):
        super().__init__(allowed_protocols=("https", "data"), fail_on_errors=True)
        self.fetched: list[str] = []

    def fetch(self, url, headers=None):
        if url.startswith("data:"):
            return URLFetcherResponse(
                url, _decode_data_uri(url), {"Content-Type": _data_uri_type(url)}
            )
        if not url.startswith(DOCUMENT_ORIGIN):
            raise RefusedURL(f"Refused while rendering a document: {url[:200]}")
        path = _safe_relative(unquote(url[len(DOCUMENT_ORIGIN) :].split("?")[0].split("#")[0]))
        if path.startswith(FONTS_PREFIX):
            file = fonts_dir() / path[len(FONTS_PREFIX) :]
        elif path.startswith(STATIC_PREFIX):
            found = finders.find(path[len(STATIC_PREFIX) :])
            file = Path(found) if found else None
        else:
            file = None
        if file is None or not file.is_file():
            raise RefusedURL(f"No such document resource: {path}")
        self.fetched.append(path)
        content_type = mimetypes.guess_type(file.name)[0] or "application/octet-stream"
        return URLFetcherResponse(url, file.read_bytes(), {"Content-Type": content_type})


def _safe_relative(path: str) -> str:
    normalised = posixpath.normpath("/" + path).lstrip("/")
    if normalised != path or "\\" in path:
        raise RefusedURL(f"Refused path: {path[:200]}")
    return normalised


def _data_uri_type(url: str) -> str:
    header = url[5:].split(",", 1)[0]
    return header.split(";")[0] or "text/plain"


def _decode_data_uri(url: str) -> bytes:
    try:
        header, payload = url[5:].split(",", 1)
    except ValueError as error:
        raise RefusedURL("Malformed data URI.") from error
    if header.endswith(";base64"):
        try:
            return base64.b64decode(payload, validate=False)
        except binascii.Error as error:
            raise RefusedURL("Malformed base64 data URI.") from error
    return unquote_to_bytes(payload)


def render_html(template_name: str, context: dict) -> str:
    return render_to_string(template_name, {"document_origin": DOCUMENT_ORIGIN, **context})


@dataclass(frozen=True)
class RenderedPDF:
    data: bytes
    pages: int


def render_document(
    template_name: str, context: dict, *, pdf_identifier: str | None = None
) -> RenderedPDF:
    """Render a Django template to a PDF, deterministically and offline.

    ``context`` may hold ``issued_at`` (aware datetime) for the PDF's creation date; the
    base template writes it into ``<meta name="dcterms.created">``. ``pdf_identifier``
    (e.g. the verification code) seeds the PDF file identifier; without it the identifier
    is derived from the HTML, never random.
    """
    html = render_html(template_name, context)
    identifier = hashlib.md5(  # noqa: S324 - a file identifier, not a security hash
        (pdf_identifier or html).encode("utf-8")
    ).hexdigest()
    font_config = FontConfiguration()
    document = HTML(string=html, base_url=DOCUMENT_ORIGIN, url_fetcher=DocumentURLFetcher()).render(
        font_config=font_config
    )
    data = document.write_pdf(pdf_identifier=identifier.encode("ascii"))
    return RenderedPDF(data=data, pages=len(document.pages))


def render_pdf(template_name: str, context: dict, *, pdf_identifier: str | None = None) -> bytes:
    """The PDF bytes of :func:`render_document`."""
    return render_document(template_name, context, pdf_identifier=pdf_identifier).data

"""PAdES signatures of result documents with the issuing agency's certificate (pyHanko).

Signing is on when ``PUBLISHING_SIGNING_PKCS12`` names a PKCS#12 file (``.p12``/``.pfx``,
decrypted with ``PUBLISHING_SIGNING_PASSWORD``). :func:`sign_pdf` adds an invisible
PAdES baseline signature (``/SubFilter /ETSI.CAdES.detached``) as an incremental update;
:func:`publishing.services.issue_document` calls it for the forms :func:`signs_form`
selects, before the file is hashed and stored, so the stored SHA-256 is the signed file's.

:func:`verify_pdf_signature` reads the first signature of a PDF (the issuer's) and says
whether the signed bytes are untouched, whether nothing was appended after them and
whether the signer's certificate chains up to a root in ``PUBLISHING_SIGNING_TRUST_ROOTS``
(a PEM file). Without configured roots the chain is never trusted: a signature that is
intact is then reported as "not verified", never as valid. Nothing here touches the
network: no revocation lookups, no time-stamping authority.

This is the only module of the project that imports pyHanko.
"""

from __future__ import annotations

import datetime
import functools
import hashlib
import io
import logging
import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives.serialization import Encoding
from django.conf import settings
from django.core import checks
from django.utils import timezone
from django.utils.translation import gettext as _
from pyhanko.keys import load_certs_from_pemder
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign import signers
from pyhanko.sign.fields import SigSeedSubFilter, enumerate_sig_fields
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.sign.validation.status import SignatureCoverageLevel
from pyhanko_certvalidator import ValidationContext
from pyhanko_certvalidator.errors import PathBuildingError

logger = logging.getLogger(__name__)

SIGNATURE_FIELD = "AgencySignature"
RESULT_FORM_KEY = "result"


class SigningError(RuntimeError):
    """Signing is configured but cannot be done (message in Vietnamese, for officers)."""


# --- Configuration -----------------------------------------------------------------------


def signing_enabled() -> bool:
    return bool(getattr(settings, "PUBLISHING_SIGNING_PKCS12", ""))


def signs_form(spec) -> bool:
    """Whether documents of ``spec`` are signed: the result document only.

    A form opts in with ``FormSpec.signable``; the registry key ``"result"`` is signed
    whether or not its definition says so, so the result form is never left unsigned
    by an omission.
    """
    return bool(getattr(spec, "signable", False)) or spec.key == RESULT_FORM_KEY


def _configured_signer() -> signers.SimpleSigner:
    path = Path(settings.PUBLISHING_SIGNING_PKCS12)
    password = getattr(settings, "PUBLISHING_SIGNING_PASSWORD", "") or ""
    try:
        stamp = path.stat().st_mtime_ns
    except OSError as error:
        raise SigningError(
            _("Không đọc được tệp chứng thư số dùng để ký văn bản (%(path)s).") % {"path": path}
        ) from error
    return _load_signer(str(path), password, stamp)


@functools.lru_cache(maxsize=4)
def _load_signer(path: str, password: str, mtime_ns: int) -> signers.SimpleSigner:
    # Keyed on the file's mtime too: a renewed certificate is picked up without a restart.
    try:
        data = Path(path).read_bytes()
    except OSError as error:
        raise SigningError(
            _("Không đọc được tệp chứng thư số dùng để ký văn bản (%(path)s).") % {"path": path}
        ) from error
    try:
        return signers.SimpleSigner.load_pkcs12_data(
            data, other_certs=[], passphrase=password.encode() if password else None
        )
    except ValueError as error:
        raise SigningError(
            _(
                "Không mở được tệp chứng thư số dùng để ký văn bản: sai mật khẩu "
                "(PUBLISHING_SIGNING_PASSWORD) hoặc tệp không đúng định dạng PKCS#12."
            )
        ) from error


def configured_trust_roots() -> list[asn1_x509.Certificate]:
    """The roots of ``PUBLISHING_SIGNING_TRUST_ROOTS`` (PEM or DER), or none."""
    path = getattr(settings, "PUBLISHING_SIGNING_TRUST_ROOTS", "")
    if not path:
        return []
    return _load_trust_roots(path, os.stat(path).st_mtime_ns)


@functools.lru_cache(maxsize=4)
def _load_trust_roots(path: str, mtime_ns: int) -> list[asn1_x509.Certificate]:
    return list(load_certs_from_pemder([path]))


def check_signing_configuration(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    """System check: a configured certificate must open (wrong password, missing file)."""
    errors: list[checks.CheckMessage] = []
    if signing_enabled():
        try:
            _configured_signer()
        except SigningError as error:
            errors.append(checks.Error(str(error), id="publishing.E001"))
    roots = getattr(settings, "PUBLISHING_SIGNING_TRUST_ROOTS", "")
    if roots:
        try:
            readable = bool(configured_trust_roots())
        except (OSError, ValueError):
            readable = False
        if not readable:
            errors.append(
                checks.Error(
                    f"PUBLISHING_SIGNING_TRUST_ROOTS: no certificate could be read from {roots}",
                    id="publishing.E002",
                )
            )
    return errors


# --- Signing -----------------------------------------------------------------------------


class _StableWriter(IncrementalPdfFileWriter):
    """An incremental writer whose output depends only on its input and the signing time.

    pyHanko would put a random second file identifier and the wall clock's /ModDate in
    the update; the renderer is deterministic (the stored SHA-256 means something), and
    the signed file keeps that property for a given signing time.
    """

    def __init__(self, stream, *, modified_at: datetime.datetime):
        self._modified_at = modified_at
        super().__init__(stream)

    @classmethod
    def _handle_id(cls, prev):
        ids = super()._handle_id(prev)
        second = hashlib.sha256(b"signed:" + bytes(ids[0])).digest()[:16]
        return generic.ArrayObject([ids[0], generic.ByteStringObject(second)])

    def _update_meta(self):
        super()._update_meta()
        if self._info is not None:
            info = self._info.get_object()
            if "/ModDate" in info:
                info["/ModDate"] = generic.pdf_date(self._modified_at)


class _TimedPdfSigner(signers.PdfSigner):
    """Puts ``signing_time`` (the document's issue time) in the signature instead of now."""

    def __init__(self, *args, signing_time: datetime.datetime, **kwargs):
        super().__init__(*args, **kwargs)
        self._signing_time = signing_time

    def init_signing_session(self, pdf_out, existing_fields_only=False):
        session = super().init_signing_session(pdf_out, existing_fields_only=existing_fields_only)
        session.system_time = self._signing_time
        return session


def sign_pdf(
    pdf_bytes: bytes,
    *,
    reason: str,
    location: str,
    signer_name: str | None = None,
    signing_time: datetime.datetime | None = None,
) -> tuple[bytes, str]:
    """Sign ``pdf_bytes`` with the configured certificate; return the file and its subject.

    The signature is PAdES baseline B (CAdES detached, SHA-256), in an invisible field,
    certifying nothing beyond itself. ``signing_time`` (default: now) is the time the
    signature claims; the same input and time give byte-identical output.
    Raises :class:`SigningError` when the certificate cannot be opened or has expired.
    """
    signer = _configured_signer()
    signing_time = signing_time or timezone.now()
    certificate = _to_cryptography(signer.signing_cert)
    if not (certificate.not_valid_before_utc <= signing_time <= certificate.not_valid_after_utc):
        raise SigningError(
            _("Chứng thư số dùng để ký văn bản chưa có hiệu lực hoặc đã hết hạn (%(end)s).")
            % {"end": certificate.not_valid_after_utc.strftime("%d/%m/%Y")}
        )
    writer = _StableWriter(io.BytesIO(pdf_bytes), modified_at=signing_time)
    metadata = signers.PdfSignatureMetadata(
        field_name=_free_field_name(writer),
        md_algorithm="sha256",
        subfilter=SigSeedSubFilter.PADES,
        reason=reason,
        location=location,
        name=signer_name,
    )
    pdf_signer = _TimedPdfSigner(metadata, signer, signing_time=signing_time)
    output = pdf_signer.sign_pdf(writer)
    return output.getvalue(), subject_of(certificate)


def _free_field_name(writer: IncrementalPdfFileWriter) -> str:
    # A file that is already signed (a signed copy signed again) keeps its signatures;
    # the new one goes into a field of its own.
    taken = {name for name, _value, _ref in enumerate_sig_fields(writer)}
    name, counter = SIGNATURE_FIELD, 1
    while name in taken:
        counter += 1
        name = f"{SIGNATURE_FIELD}{counter}"
    return name


def subject_of(certificate: x509.Certificate) -> str:
    """The subject as RFC 4514 text, Vietnamese letters kept as they are."""
    return certificate.subject.rfc4514_string()


def _to_cryptography(certificate: asn1_x509.Certificate) -> x509.Certificate:
    return x509.load_der_x509_certificate(certificate.dump())


def _to_asn1(certificate) -> asn1_x509.Certificate:
    if isinstance(certificate, asn1_x509.Certificate):
        return certificate
    return asn1_x509.Certificate.load(certificate.public_bytes(Encoding.DER))


# --- Verification ------------------------------------------------------------------------

ABSENT, VALID, UNVERIFIED, INVALID, UNREADABLE = (
    "absent",
    "valid",
    "unverified",
    "invalid",
    "unreadable",
)


@dataclass(frozen=True)
class SignatureReport:
    """What a PDF's (first) signature proves.

    ``intact``: the signed bytes hash to the signed digest and the signature itself
    verifies. ``covers_whole_document``: nothing was appended after signing (another
    signature, an edit). ``valid``: all of that and the signer's chain ends at a
    trusted root. ``summary`` is the sentence shown to the public, in Vietnamese.
    """

    present: bool
    intact: bool = False
    valid: bool = False
    trusted: bool = False
    signer_subject: str = ""
    signing_time: datetime.datetime | None = None
    covers_whole_document: bool = False
    signature_count: int = 0
    readable: bool = True
    roots_configured: bool = False
    summary: str = ""

    @property
    def status(self) -> str:
        if not self.readable:
            return UNREADABLE
        if not self.present:
            return ABSENT
        if self.valid:
            return VALID
        if self.intact and self.covers_whole_document and not self.roots_configured:
            return UNVERIFIED
        return INVALID

    @property
    def label(self) -> str:
        """The short verdict after "Chữ ký số:"."""
        return {
            VALID: _("hợp lệ"),
            UNVERIFIED: _("nguyên vẹn, chưa xác minh được chuỗi chứng thư"),
            INVALID: _("không hợp lệ"),
            ABSENT: _("không có"),
            UNREADABLE: _("không kiểm tra được"),
        }[self.status]


class _ExpectedUntrustedChain(logging.Filter):
    # Without configured roots, no chain is ever found: that is a result we report to
    # the reader, not a fault worth a traceback in the log at every page view.
    def filter(self, record: logging.LogRecord) -> bool:
        error = record.exc_info[1] if record.exc_info else None
        return not isinstance(error, PathBuildingError)


logging.getLogger("pyhanko.sign.validation.generic_cms").addFilter(_ExpectedUntrustedChain())


def verify_pdf_signature(pdf_bytes: bytes, trust_roots: Iterable | None = None) -> SignatureReport:
    """Check the first signature of ``pdf_bytes`` (the issuer's); never raises.

    ``trust_roots`` are certificates (``cryptography`` or ``asn1crypto``); ``None`` reads
    ``PUBLISHING_SIGNING_TRUST_ROOTS``; an empty list trusts nothing (never the
    operating system's store).
    """
    roots = (
        configured_trust_roots()
        if trust_roots is None
        else [_to_asn1(root) for root in trust_roots]
    )
    try:
        reader = PdfFileReader(io.BytesIO(pdf_bytes))
        signatures = reader.embedded_regular_signatures
    except Exception:
        logger.info("Unreadable PDF submitted for signature verification", exc_info=True)
        return SignatureReport(
            present=False,
            readable=False,
            roots_configured=bool(roots),
            summary=_("Không đọc được tệp PDF để kiểm tra chữ ký số."),
        )
    if not signatures:
        return SignatureReport(
            present=False,
            roots_configured=bool(roots),
            summary=_("Tệp không có chữ ký số."),
        )
    first = signatures[0]
    subject = ""
    try:
        subject = subject_of(_to_cryptography(first.signer_cert))
        context = ValidationContext(trust_roots=roots, allow_fetching=False)
        status = validate_pdf_signature(first, context)
    except Exception:
        # A byte flipped inside the signature container makes it unparsable.
        logger.info("Unparsable PDF signature", exc_info=True)
        return SignatureReport(
            present=True,
            signer_subject=subject,
            signature_count=len(signatures),
            roots_configured=bool(roots),
            summary=_("Chữ ký số không hợp lệ: không đọc được chữ ký trong tệp."),
        )
    intact = bool(status.intact and status.valid)
    whole = status.coverage == SignatureCoverageLevel.ENTIRE_FILE and len(signatures) == 1
    trusted = bool(status.trusted)
    valid = intact and whole and trusted
    if not intact:
        summary = _("Chữ ký số không hợp lệ: nội dung tệp đã bị sửa đổi sau khi ký.")
    elif not whole:
        summary = _(
            "Chữ ký số không hợp lệ: tệp đã bị bổ sung hoặc ký thêm sau khi cơ quan ban hành ký."
        )
    elif trusted:
        summary = _(
            "Chữ ký số hợp lệ: tệp nguyên vẹn từ khi ký, chứng thư của người ký được tin cậy."
        )
    elif roots:
        summary = _(
            "Chữ ký số không hợp lệ: chứng thư của người ký không thuộc tổ chức cung cấp "
            "dịch vụ chứng thực được tin cậy."
        )
    else:
        summary = _("Chữ ký nguyên vẹn, chưa xác minh được chuỗi chứng thư.")
    return SignatureReport(
        present=True,
        intact=intact,
        valid=valid,
        trusted=trusted,
        signer_subject=subject,
        signing_time=status.signer_reported_dt,
        covers_whole_document=whole,
        signature_count=len(signatures),
        roots_configured=bool(roots),
        summary=summary,
    )

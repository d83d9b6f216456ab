"""PAdES signatures of result documents: issuing, pyHanko validation, the public page.

A throwaway PKI is made here with ``cryptography``: a root CA, the agency's certificate
(a Vietnamese common name, to check UTF-8 end to end) in a password-protected PKCS#12,
and a stranger's certificate under another root.
"""

import datetime
import hashlib
import io
import re
import time
import zoneinfo

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID
from django.core import checks
from django.core.files.uploadedfile import SimpleUploadedFile
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.sign.validation.status import SignatureCoverageLevel
from pyhanko_certvalidator import ValidationContext

from dossiers import services
from publishing import forms as registry
from publishing import signing
from publishing.forms import FormSpec
from publishing.models import DocumentSequence, IssuedDocument
from publishing.services import DocumentError, issue_document

VN = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")
ISSUED = datetime.datetime(2026, 3, 5, 9, 30, tzinfo=VN)
AGENCY_CN = "Trung tâm Phục vụ hành chính công tỉnh Hưng Yên"
PASSWORD = "mật-khẩu-thử-nghiệm"

SIGNED_RESULT = FormSpec(
    key="test_signed_result",
    title="Quyết định thử nghiệm có chữ ký số",
    template="publishing/base_document.html",
    numbered=True,
    symbol="QĐ-STP",
    build_context=lambda dossier, params: {},
    public_download=True,
    signable=True,
)


# --- A throwaway PKI ---------------------------------------------------------------------


def _name(common_name: str) -> x509.Name:
    return x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Ủy ban nhân dân tỉnh Hưng Yên"),
            x509.NameAttribute(NameOID.COMMON_NAME, common_name),
        ]
    )


def _key_usage(*, ca: bool) -> x509.KeyUsage:
    return x509.KeyUsage(
        digital_signature=not ca,
        content_commitment=not ca,
        key_encipherment=False,
        data_encipherment=False,
        key_agreement=False,
        key_cert_sign=ca,
        crl_sign=ca,
        encipher_only=False,
        decipher_only=False,
    )


def _certificate(subject, issuer, public_key, issuer_key, *, ca, not_before, not_after):
    return (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(issuer)
        .public_key(public_key)
        .serial_number(x509.random_serial_number())
        .not_valid_before(not_before)
        .not_valid_after(not_after)
        .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True)
        .add_extension(_key_usage(ca=ca), critical=True)
        .sign(issuer_key, hashes.SHA256())
    )


def _new_key():
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


FROM = datetime.datetime(2025, 1, 1, tzinfo=datetime.UTC)
UNTIL = datetime.datetime(2036, 1, 1, tzinfo=datetime.UTC)


def _ca(common_name):
    key = _new_key()
    name = _name(common_name)
    cert = _certificate(
        name, name, key.public_key(), key, ca=True, not_before=FROM, not_after=UNTIL
    )
    return key, cert


def _leaf(ca_key, ca_cert, common_name, *, not_after=UNTIL, key=None):
    key = key or _new_key()
    cert = _certificate(
        _name(common_name),
        ca_cert.subject,
        key.public_key(),
        ca_key,
        ca=False,
        not_before=FROM,
        not_after=not_after,
    )
    return key, cert


def _p12(path, key, cert, chain, password):
    encryption = (
        serialization.BestAvailableEncryption(password.encode())
        if password
        else serialization.NoEncryption()
    )
    path.write_bytes(pkcs12.serialize_key_and_certificates(b"agency", key, cert, chain, encryption))
    return str(path)


@pytest.fixture(scope="module")
def pki(tmp_path_factory):
    folder = tmp_path_factory.mktemp("pki")
    root_key, root = _ca("Root CA thử nghiệm Một Cửa")
    agency_key, agency = _leaf(root_key, root, AGENCY_CN)
    other_root_key, other_root = _ca("Root CA lạ")
    stranger_key, stranger = _leaf(other_root_key, other_root, "Người ký lạ")
    expired_until = datetime.datetime(2025, 12, 31, tzinfo=datetime.UTC)
    _, expired = _leaf(root_key, root, AGENCY_CN, not_after=expired_until, key=agency_key)
    roots_pem = folder / "roots.pem"
    roots_pem.write_bytes(root.public_bytes(serialization.Encoding.PEM))
    return {
        "root": root,
        "other_root": other_root,
        "agency": agency,
        "roots_pem": str(roots_pem),
        "agency_p12": _p12(folder / "agency.p12", agency_key, agency, [root], PASSWORD),
        "stranger_p12": _p12(folder / "stranger.p12", stranger_key, stranger, [other_root], ""),
        "expired_p12": _p12(folder / "expired.p12", agency_key, expired, [root], PASSWORD),
    }


@pytest.fixture
def signing_on(settings, pki):
    settings.PUBLISHING_SIGNING_PKCS12 = pki["agency_p12"]
    settings.PUBLISHING_SIGNING_PASSWORD = PASSWORD
    settings.PUBLISHING_SIGNING_TRUST_ROOTS = pki["roots_pem"]
    return settings


@pytest.fixture
def signing_off(settings):
    settings.PUBLISHING_SIGNING_PKCS12 = ""
    settings.PUBLISHING_SIGNING_PASSWORD = ""
    settings.PUBLISHING_SIGNING_TRUST_ROOTS = ""
    return settings


@pytest.fixture
def issue_result(dossier, people, monkeypatch, home_page):
    """Issues the signable test result (the leader of the department, as for a result)."""
    registry._load_builtin_forms()
    monkeypatch.setitem(registry._REGISTRY, (SIGNED_RESULT.key, "2025"), SIGNED_RESULT)
    transferred = services.fire(dossier, "transfer", actor=people["desk"], version=dossier.version)

    def issue():
        return issue_document(
            form=SIGNED_RESULT.key,
            actor=people["leader"],
            dossier=transferred,
            agency=people["leader"].officer.agency,
            now=ISSUED,
        )

    return issue


def pdf_of(document) -> bytes:
    with document.file.open("rb") as handle:
        return handle.read()


def flip_byte_in_signed_part(data: bytes) -> bytes:
    # The signature is appended as an incremental update; the middle of the first half
    # is the rendered page content, covered by the signed byte range.
    index = len(data) // 4
    return data[:index] + bytes([data[index] ^ 0x01]) + data[index + 1 :]


def status_shown(html: str) -> list[str]:
    return re.findall(r'class="signature-status" data-status="([a-z]+)"', html)


def upload(client, document, data: bytes):
    file = SimpleUploadedFile("van-ban.pdf", data, "application/pdf")
    return client.post(f"/xac-thuc/{document.verification_code}/", {"file": file})


# --- Issuing -----------------------------------------------------------------------------


def test_result_document_is_signed_with_a_pades_signature(signing_on, issue_result, pki):
    document = issue_result()
    data = pdf_of(document)
    document.refresh_from_db()

    assert document.signed is True
    assert f"CN={AGENCY_CN}" in document.signer_subject
    assert "C=VN" in document.signer_subject
    assert document.sha256 == hashlib.sha256(data).hexdigest()
    assert document.size == len(data)

    signatures = PdfFileReader(io.BytesIO(data)).embedded_signatures
    assert len(signatures) == 1
    embedded = signatures[0]
    assert embedded.sig_object["/SubFilter"] == "/ETSI.CAdES.detached"
    assert embedded.sig_object["/Location"] == "Hưng Yên"
    root = signing._to_asn1(pki["root"])
    status = validate_pdf_signature(
        embedded, ValidationContext(trust_roots=[root], allow_fetching=False)
    )
    assert status.intact and status.valid and status.trusted
    assert status.bottom_line
    assert status.coverage == SignatureCoverageLevel.ENTIRE_FILE
    assert status.signer_reported_dt == ISSUED
    assert status.signing_cert.subject.native["common_name"] == AGENCY_CN


def test_the_signer_subject_survives_the_database_in_utf8(signing_on, issue_result):
    document = issue_result()
    stored = IssuedDocument.objects.get(pk=document.pk)
    assert AGENCY_CN in stored.signer_subject
    assert "Ủy ban nhân dân tỉnh Hưng Yên" in stored.signer_subject
    assert "\\" not in stored.signer_subject  # not escaped as \C3\BA…


def test_verify_pdf_signature_reports_a_valid_signature(signing_on, issue_result, pki):
    report = signing.verify_pdf_signature(pdf_of(issue_result()))
    assert report.present and report.intact and report.valid and report.trusted
    assert report.covers_whole_document
    assert report.signature_count == 1
    assert AGENCY_CN in report.signer_subject
    assert report.signing_time == ISSUED
    assert report.status == signing.VALID
    assert report.label == "hợp lệ"
    assert report.summary.startswith("Chữ ký số hợp lệ")


def test_signing_is_deterministic_for_a_given_time(signing_on, issue_result, settings, pki):
    settings.PUBLISHING_SIGNING_PKCS12 = ""
    source = pdf_of(issue_result())
    settings.PUBLISHING_SIGNING_PKCS12 = pki["agency_p12"]
    first, subject = signing.sign_pdf(
        source, reason="Thử", location="Hưng Yên", signing_time=ISSUED
    )
    time.sleep(1.1)  # a wall-clock date would show up in the second file
    second, _ = signing.sign_pdf(source, reason="Thử", location="Hưng Yên", signing_time=ISSUED)
    assert first == second
    assert AGENCY_CN in subject


def test_other_forms_are_not_signed(signing_on, dossier, people, home_page):
    receipt = issue_document(form="receipt", actor=people["desk"], dossier=dossier, now=ISSUED)
    assert receipt.signed is False
    assert receipt.signer_subject == ""
    assert PdfFileReader(io.BytesIO(pdf_of(receipt))).embedded_signatures == []


def test_the_result_key_is_signable_without_the_flag():
    def spec(key, **extra):
        return FormSpec(
            key=key,
            title="x",
            template="publishing/base_document.html",
            numbered=False,
            symbol="",
            build_context=lambda dossier, params: {},
            **extra,
        )

    assert signing.signs_form(spec("result"))
    assert signing.signs_form(spec("anything", signable=True))
    assert not signing.signs_form(spec("receipt"))
    assert not signing.signs_form(spec("register", public_download=True))


def test_signing_disabled_leaves_documents_unsigned(signing_off, issue_result, client):
    document = issue_result()
    assert not signing.signing_enabled()
    assert document.signed is False
    assert document.signer_subject == ""
    assert PdfFileReader(io.BytesIO(pdf_of(document))).embedded_signatures == []

    html = client.get(f"/xac-thuc/{document.verification_code}/").content.decode()
    assert status_shown(html) == ["absent"]
    assert re.search(r"Chữ ký số</dt><dd[^>]*>không có</dd>", html)


def test_wrong_password_stops_the_issue_and_fails_the_system_check(
    signing_on, issue_result, settings
):
    settings.PUBLISHING_SIGNING_PASSWORD = "sai-mat-khau"
    with pytest.raises(DocumentError, match="sai mật khẩu"):
        issue_result()
    # Nothing stored, no number consumed.
    assert IssuedDocument.objects.count() == 0
    assert not DocumentSequence.objects.filter(last__gt=0).exists()

    errors = [e for e in checks.run_checks() if e.id == "publishing.E001"]
    assert len(errors) == 1
    assert "sai mật khẩu" in errors[0].msg

    settings.PUBLISHING_SIGNING_PASSWORD = PASSWORD
    assert not [e for e in checks.run_checks() if e.id.startswith("publishing.")]
    document = issue_result()
    assert document.signed and document.number == 1


def test_missing_certificate_file_is_a_clear_error(signing_on, issue_result, settings, tmp_path):
    settings.PUBLISHING_SIGNING_PKCS12 = str(tmp_path / "khong-co.p12")
    with pytest.raises(DocumentError, match="Không đọc được tệp chứng thư số"):
        issue_result()
    assert [e.id for e in signing.check_signing_configuration()] == ["publishing.E001"]


def test_an_expired_certificate_does_not_sign(signing_on, issue_result, settings, pki):
    settings.PUBLISHING_SIGNING_PKCS12 = pki["expired_p12"]
    with pytest.raises(DocumentError, match="hết hạn"):
        issue_result()
    assert IssuedDocument.objects.count() == 0


# --- Verification ------------------------------------------------------------------------


def test_verification_page_shows_a_valid_signature(signing_on, issue_result, client):
    document = issue_result()
    response = client.get(f"/xac-thuc/{document.verification_code}/")
    html = response.content.decode()
    assert response.status_code == 200
    assert status_shown(html) == ["valid"]
    assert re.search(r"Chữ ký số</dt><dd[^>]*>hợp lệ</dd>", html)
    assert "không hợp lệ" not in html
    assert AGENCY_CN in html
    assert re.search(r"Thời điểm ký</dt><dd>09:30 05/03/2026</dd>", html)


def test_without_trust_roots_an_intact_signature_is_not_called_valid(
    signing_on, issue_result, client, settings
):
    document = issue_result()
    settings.PUBLISHING_SIGNING_TRUST_ROOTS = ""
    html = client.get(f"/xac-thuc/{document.verification_code}/").content.decode()
    assert status_shown(html) == ["unverified"]
    assert "Chữ ký nguyên vẹn, chưa xác minh được chuỗi chứng thư." in html
    assert "Chữ ký số hợp lệ" not in html


def test_a_signer_outside_the_trusted_roots_is_invalid(signing_on, issue_result, pki):
    report = signing.verify_pdf_signature(pdf_of(issue_result()), trust_roots=[pki["other_root"]])
    assert report.intact and not report.trusted and not report.valid
    assert report.status == signing.INVALID


def test_one_flipped_byte_after_signing_breaks_the_signature(signing_on, issue_result, client):
    document = issue_result()
    tampered = flip_byte_in_signed_part(pdf_of(document))

    report = signing.verify_pdf_signature(tampered)
    assert report.present
    assert report.intact is False
    assert report.valid is False
    assert report.status == signing.INVALID

    html = upload(client, document, tampered).content.decode()
    assert "Tệp KHÔNG khớp — có thể đã bị sửa đổi." in html
    assert status_shown(html) == ["valid", "invalid"]  # stored file, then the upload
    assert "Chữ ký số không hợp lệ" in html


def test_the_issued_file_uploaded_back_has_a_valid_signature(signing_on, issue_result, client):
    document = issue_result()
    html = upload(client, document, pdf_of(document)).content.decode()
    assert "Tệp khớp với văn bản đã cấp." in html
    assert status_shown(html) == ["valid", "valid"]
    assert "không phải chữ ký của cơ quan" not in html


def test_a_re_signed_copy_is_reported(signing_on, issue_result, client, settings, pki):
    document = issue_result()
    settings.PUBLISHING_SIGNING_PKCS12 = pki["stranger_p12"]
    settings.PUBLISHING_SIGNING_PASSWORD = ""
    re_signed, stranger = signing.sign_pdf(pdf_of(document), reason="Ký lại", location="Hà Nội")
    assert "Người ký lạ" in stranger

    report = signing.verify_pdf_signature(re_signed)
    assert report.signature_count == 2
    assert report.intact  # the agency's bytes are untouched…
    assert not report.covers_whole_document  # …but something was added after them
    assert report.status == signing.INVALID

    html = upload(client, document, re_signed).content.decode()
    assert "Tệp KHÔNG khớp" in html
    assert status_shown(html) == ["valid", "invalid"]
    assert "ký thêm sau khi cơ quan ban hành ký" in html


def test_an_unsigned_copy_of_a_signed_document(signing_on, issue_result, client, settings):
    document = issue_result()
    settings.PUBLISHING_SIGNING_PKCS12 = ""
    unsigned = issue_result()
    html = upload(client, document, pdf_of(unsigned)).content.decode()
    assert status_shown(html) == ["valid", "absent"]
    assert "Tệp không có chữ ký số." in html


def test_a_broken_pdf_never_breaks_the_check():
    report = signing.verify_pdf_signature(b"%PDF-1.7\nnot really a pdf", trust_roots=[])
    assert report.status == signing.UNREADABLE
    assert not report.present and not report.valid

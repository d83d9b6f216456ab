"""Attachments are versioned, never overwritten; bad uploads get a clear error."""

import hashlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from dossiers import attachments, services
from dossiers.models import Attachment, OfficerRole
from dossiers.services import Applicant
from tests.dossiers.factories import make_agency, make_officer, make_procedure, vn

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def setup(catalogue):
    centre = make_agency("000.00.31.H33", "Trung tâm Phục vụ hành chính công tỉnh")
    desk = make_officer("desk", centre, OfficerRole.DESK)
    outsider = make_officer(
        "outsider", make_agency("000.00.15.H33", "Sở Tư pháp"), OfficerRole.DESK
    )
    procedure = make_procedure(catalogue, steps=False)
    dossier = services.receive_dossier(
        actor=desk,
        procedure=procedure,
        agency=centre,
        channel="truc-tiep",
        applicant=Applicant(name="Trần Văn Bình"),
        received_at=vn(2026, 11, 16),
    )
    return dossier, desk, outsider


def test_second_upload_is_a_new_version_and_the_first_is_kept(setup):
    dossier, desk, _ = setup
    first = attachments.attach_document(
        actor=desk,
        dossier=dossier,
        title="Tờ khai đăng ký khai sinh",
        upload=SimpleUploadedFile("to-khai.pdf", PDF),
    )
    second = attachments.attach_document(
        actor=desk,
        dossier=dossier,
        title="Tờ khai đăng ký khai sinh",
        upload=SimpleUploadedFile("to-khai.pdf", PDF + b"% v2\n"),
    )
    assert (first.version, second.version) == (1, 2)
    assert first.document_key == second.document_key
    first.refresh_from_db()
    assert first.file.read() == PDF
    assert first.sha256 == hashlib.sha256(PDF).hexdigest()
    assert Attachment.history.filter(dossier=dossier).count() == 2
    with pytest.raises(PermissionError):
        first.delete()


@pytest.mark.parametrize(
    ("name", "content", "code"),
    [
        ("virus.exe", b"MZ\x90\x00", "invalid_file_type"),
        ("gia-mao.pdf", b"MZ\x90\x00 not a pdf", "file_content_mismatch"),
        ("rong.pdf", b"", "empty_file"),
    ],
)
def test_bad_uploads_are_refused_with_a_reason(setup, name, content, code):
    dossier, desk, _ = setup
    with pytest.raises(services.DossierError) as error:
        attachments.attach_document(
            actor=desk, dossier=dossier, title="Giấy tờ", upload=SimpleUploadedFile(name, content)
        )
    assert error.value.code == code
    assert error.value.message  # a Vietnamese sentence for the officer
    assert not dossier.attachments.exists()


def test_huge_upload_is_refused(setup, settings):
    settings.DOSSIER_MAX_UPLOAD_BYTES = 1024
    dossier, desk, _ = setup
    with pytest.raises(services.DossierError) as error:
        attachments.attach_document(
            actor=desk,
            dossier=dossier,
            title="Bản vẽ",
            upload=SimpleUploadedFile("ban-ve.pdf", PDF + b"0" * 2048),
        )
    assert error.value.code == "file_too_large"


def test_officer_of_an_unrelated_agency_cannot_attach_or_collect(setup):
    dossier, _, outsider = setup
    with pytest.raises(services.PermissionDenied):
        attachments.attach_document(
            actor=outsider,
            dossier=dossier,
            title="Giấy tờ",
            upload=SimpleUploadedFile("a.pdf", PDF),
        )
    with pytest.raises(services.PermissionDenied):
        attachments.collect_fee(actor=outsider, dossier=dossier, amount=8000, description="Lệ phí")


def test_fee_is_recorded_in_dong(setup):
    dossier, desk, _ = setup
    payment = attachments.collect_fee(
        actor=desk, dossier=dossier, amount=1_500_000, description="Lệ phí cấp giấy phép"
    )
    assert payment.amount == 1_500_000
    with pytest.raises(services.DossierError):
        attachments.collect_fee(actor=desk, dossier=dossier, amount=-5, description="x")

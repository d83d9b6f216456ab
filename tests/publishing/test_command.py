"""``manage.py render_document CODE FORM -o FILE``."""

import io

import pytest
from django.core.management import CommandError, call_command
from pypdf import PdfReader

from publishing import forms as registry
from publishing.forms import FormSpec
from publishing.models import IssuedDocument


def test_writes_a_valid_pdf_and_stores_the_document(dossier, tmp_path, pdf_text):
    target = tmp_path / "giay-tiep-nhan.pdf"
    out = io.StringIO()
    call_command("render_document", dossier.code, "receipt", "-o", str(target), stdout=out)
    data = target.read_bytes()
    assert len(PdfReader(io.BytesIO(data)).pages) == 1
    document = IssuedDocument.objects.get()
    with document.file.open("rb") as handle:
        assert handle.read() == data
    assert document.generated_by is None
    assert document.verification_code in out.getvalue()
    assert dossier.code in pdf_text(data)


def test_period_forms_take_agency_and_dates(centre, tmp_path, monkeypatch):
    seen = {}

    def build(dossier, params):
        seen.update(params, dossier=dossier)
        return {"summary": f"Từ {params['date_from']} đến {params['date_to']}"}

    registry._load_builtin_forms()
    monkeypatch.setitem(
        registry._REGISTRY,
        ("test_register", "2025"),
        FormSpec(
            key="test_register",
            title="Sổ theo dõi hồ sơ",
            template="publishing/base_document.html",
            numbered=False,
            symbol="",
            build_context=build,
            landscape=True,
            needs_dossier=False,
        ),
    )
    target = tmp_path / "so.pdf"
    call_command(
        "render_document",
        "test_register",
        "--agency",
        centre.code,
        "--from",
        "2026-03-01",
        "--to",
        "2026-03-31",
        "-o",
        str(target),
        stdout=io.StringIO(),
    )
    page = PdfReader(io.BytesIO(target.read_bytes())).pages[0]
    assert float(page.mediabox.width) > float(page.mediabox.height)
    assert seen == {
        "date_from": "2026-03-01",
        "date_to": "2026-03-31",
        "agency": centre.code,
        "dossier": None,
    }
    assert IssuedDocument.objects.get().params == {
        "date_from": "2026-03-01",
        "date_to": "2026-03-31",
        "agency": centre.code,
    }


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["000.00.31.H33-260305-9999", "receipt"], "Không tìm thấy hồ sơ"),
        (["{code}", "khong-co"], "Không có biểu mẫu"),
        (["receipt"], "cần mã hồ sơ"),
        (["{code}", "receipt", "--from", "05/03/2026"], "Ngày không hợp lệ"),
        (["{code}", "receipt", "--agency", "X.99"], "Không tìm thấy cơ quan"),
    ],
)
def test_errors_are_in_vietnamese_and_issue_nothing(dossier, tmp_path, args, message):
    args = [arg.replace("{code}", dossier.code) for arg in args]
    with pytest.raises(CommandError, match=message):
        call_command("render_document", *args, "-o", str(tmp_path / "x.pdf"))
    assert not IssuedDocument.objects.exists()
    assert not (tmp_path / "x.pdf").exists()

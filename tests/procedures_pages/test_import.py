"""The catalogue import: parsing of the national crawl, readers, and the all-or-nothing service."""

import csv
import json
import unicodedata
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from openpyxl import Workbook
from wagtail.models import Revision

from procedures_pages.importing import (
    CatalogueImportError,
    import_records,
    load_file,
    load_own_format,
)
from procedures_pages.importing.national_json import (
    parse_channels,
    parse_documents,
    parse_legal_bases,
    parse_national_record,
    parse_result,
)
from procedures_pages.importing.national_xlsx import infer_levels
from procedures_pages.models import (
    DocumentRequirement,
    LegalBasis,
    ProcedureChannel,
    ProcedurePage,
    Sector,
)
from tests.factories import AgencyFactory

FIXTURES = Path(__file__).parent / "fixtures"
NATIONAL_SAMPLE = FIXTURES / "national-sample.json"
DATA_DIR = Path("/work/shared/data/national-catalogue")
HEADER = "Hình thức nộpThời gianPhí, lệ phíMô tả"


def own_record(code="1.000656", **changes):
    record = {
        "code": code,
        "name": "Thủ tục đăng ký khai tử",
        "decision_number": "163/QĐ-BTP",
        "sector": "Hộ tịch",
        "levels": ["xa"],
        "procedure_type": "TTHC được giao luật quy định chi tiết",
        "applicants": "Công dân Việt Nam",
        "steps": "Bước 1: nộp hồ sơ.\nBước 2: nhận kết quả.",
        "result_name": "Trích lục khai tử",
        "result_code": "KQ.G15.000031",
        "online_service_level": "mot-phan",
        "channels": [
            {
                "channel": "truc-tiep",
                "time_limit_value": "1",
                "time_limit_unit": "working_days",
                "fee_amount": 0,
                "description": "Nộp tại Bộ phận Một cửa",
                "legal_version": "Nghị định 118/2025/NĐ-CP",
                "effective_from": "2025-07-01",
            },
            {
                "channel": "truc-tuyen",
                "time_limit_value": "1",
                "time_limit_unit": "working_days",
                "fee_amount": 0,
            },
        ],
        "documents": [
            {"name": "Tờ khai đăng ký khai tử", "originals": 1, "form_name": "Mẫu TK.docx"},
            {"name": "Giấy báo tử", "copies": 1},
            {"name": "Căn cước", "kind": "show", "originals": 1},
        ],
        "legal_bases": [
            {
                "number": "123/2015/NĐ-CP",
                "summary": "Nghị định quy định chi tiết Luật Hộ tịch",
                "issued_on": "2015-11-15",
                "issuer": "Chính phủ",
            }
        ],
        "workflow_steps": [
            {
                "name": "Tiếp nhận",
                "unit": "Bộ phận Một cửa",
                "role": "desk",
                "allotted_value": "4",
                "allotted_unit": "hours",
            },
            {
                "name": "Thẩm định, ký",
                "unit": "UBND xã",
                "role": "agency_head",
                "allotted_value": "0.5",
                "allotted_unit": "working_days",
            },
        ],
    }
    record.update(changes)
    return record


def write_json(tmp_path, records, name="procedures.json"):
    path = tmp_path / name
    path.write_text(json.dumps({"procedures": records}, ensure_ascii=False), encoding="utf-8")
    return path


def counts():
    return (
        ProcedurePage.objects.count(),
        ProcedureChannel.objects.count(),
        DocumentRequirement.objects.count(),
        Sector.objects.count(),
        Revision.objects.count(),
    )


# --- parsing the flattened national cells ------------------------------------------------


def test_channels_with_units_fees_and_descriptions():
    cell = (
        f"{HEADER}Trực tiếp5 Ngày làm việc100,000 Việt Nam Đồng(100.000 đồng/giấy xác nhận)"
        "Nộp tại Công an tỉnhTrực tuyến1.5 Ngày làm việcMiễn phí"
        "Dịch vụ bưu chính30 NgàyKhông có thông tinTrực tiếp2 Giờ400,000 VNĐ"
    )
    rows, unparsed = parse_channels(cell)
    assert unparsed == ""
    assert [
        (r["channel"], r["time_limit_value"], r["time_limit_unit"], r["fee_amount"]) for r in rows
    ] == [
        ("truc-tiep", "5", "working_days", 100000),
        ("truc-tuyen", "1.5", "working_days", 0),
        ("buu-chinh", "30", "calendar_days", None),
        ("truc-tiep", "2", "hours", 400000),
    ]
    assert rows[0]["fee_text"] == "100.000 đồng/giấy xác nhận"
    assert rows[0]["description"] == "Nộp tại Công an tỉnh"


def test_bare_time_takes_its_unit_from_the_text_or_says_it_is_missing():
    cell = f"{HEADER}Trực tiếp7Miễn phíTrong thời hạn 07 ngày làm việc kể từ ngày nhận hồ sơ"
    rows, unparsed = parse_channels(cell)
    assert (rows[0]["time_limit_value"], rows[0]["time_limit_unit"]) == ("7", "working_days")
    assert unparsed == ""

    rows, _unparsed = parse_channels(f"{HEADER}Trực tuyến3Miễn phí(Mức lệ phí do HĐND tỉnh)")
    assert rows[0]["time_limit_value"] == "3"
    assert rows[0]["time_limit_unit"] == "unstated"
    assert rows[0]["time_limit_text"] == "3 (nguồn không ghi đơn vị)"
    assert rows[0]["fee_amount"] == 0
    assert rows[0]["fee_text"] == "Mức lệ phí do HĐND tỉnh"


def test_bare_time_glued_to_a_fee_is_split_only_when_unambiguous():
    rows, unparsed = parse_channels(f"{HEADER}Trực tiếp140,000 Việt Nam Đồng(- Xe ô tô)")
    assert (rows[0]["time_limit_value"], rows[0]["fee_amount"]) == ("1", 40000)
    assert unparsed == ""

    cell = f"{HEADER}Trực tuyến1200 VNĐTrực tiếp1200 VNĐ"
    rows, unparsed = parse_channels(cell)
    assert [r["time_limit_value"] for r in rows] == [None, None]
    assert [r["fee_text"] for r in rows] == ["1200 VNĐ", "1200 VNĐ"]
    assert unparsed == cell  # kept verbatim, never guessed


def test_same_day_and_missing_cells():
    rows, _ = parse_channels(f"{HEADER}Trực tiếpTrong ngàyMiễn phí")
    assert (rows[0]["time_limit_unit"], rows[0]["time_limit_value"]) == ("same_day", None)
    assert parse_channels("Không có thông tin") == ([], "")
    assert parse_documents("") == ([], "")


def test_documents_with_cases_quantities_forms_and_documents_to_show():
    cell = (
        "* Giấy tờ phải nộp:Tên giấy tờMẫu đơn, tờ khaiSố lượng"
        "Tờ khai đăng ký khai sinh theo mẫu;Mau01_TK.docx1 bản chính"
        "- Giấy chứng sinh (01 bản chính hoặc bản sao)0 bản chính,1 bản sao"
        "* Giấy tờ phải xuất trình:Tên giấy tờMẫu đơn, tờ khaiSố lượng"
        "- Hộ chiếu hoặc thẻ căn cước1 bản chính"
        "Trường hợp nộp qua bưu chínhTên giấy tờMẫu đơn, tờ khaiSố lượng"
        "+ Bản sao có chứng thực giấy tờ tùy thân2 bản sao"
        "Ghi chú không có số lượng"
    )
    rows, unparsed = parse_documents(cell)
    assert [
        (r["case_name"], r["kind"], r["name"], r["originals"], r["copies"], r["form_name"])
        for r in rows
    ] == [
        ("", "submit", "Tờ khai đăng ký khai sinh theo mẫu;", 1, 0, "Mau01_TK.docx"),
        ("", "submit", "- Giấy chứng sinh (01 bản chính hoặc bản sao)", 0, 1, ""),
        ("", "show", "- Hộ chiếu hoặc thẻ căn cước", 1, 0, ""),
        (
            "Trường hợp nộp qua bưu chính",
            "submit",
            "+ Bản sao có chứng thực giấy tờ tùy thân",
            0,
            2,
            "",
        ),
    ]
    assert rows[1]["quantity_text"] == "0 bản chính,1 bản sao"
    assert unparsed == "Ghi chú không có số lượng"


def test_legal_bases_split_glued_numbers():
    cell = (
        "Tên văn bản pháp lýMã văn bảnLuật 52/2014/QH1352/2014/QH13"
        "Nghị định số 123/2015/NĐ-CP ngày 15/11/2015 của Chính phủ quy định chi tiết"
        "123/2015/NĐ-CPLuật Cư trú 202068/2020/QH14"
        "Hướng dẫn thi hành Quyết định 290/2005/QĐ-TTg290/2005/QĐ-TTg"
    )
    rows, unparsed = parse_legal_bases(cell)
    assert [(r["number"], r["summary"]) for r in rows] == [
        ("52/2014/QH13", "Luật 52/2014/QH13"),
        (
            "123/2015/NĐ-CP",
            "Nghị định số 123/2015/NĐ-CP ngày 15/11/2015 của Chính phủ quy định chi tiết",
        ),
        ("68/2020/QH14", "Luật Cư trú 2020"),
        ("290/2005/QĐ-TTg", "Hướng dẫn thi hành Quyết định 290/2005/QĐ-TTg"),
    ]
    assert unparsed == ""
    rows, unparsed = parse_legal_bases("Tên văn bản pháp lýMã văn bảnVăn bản không số")
    assert rows == []
    assert unparsed == "Văn bản không số"


def test_result_names_and_codes_without_page_navigation():
    cell = (
        "Giấy chứng nhận kết hônMã: KQ.G15.000032Văn bản từ chốiMã: 000.00.00.G04-KQ0352"
        "Từ khóaKhông có thông tinMô tảKhông có thông tinChọn cơ quan thực hiệnTỉnh/ Thành phố"
    )
    assert parse_result(cell) == (
        "Giấy chứng nhận kết hôn; Văn bản từ chối",
        "KQ.G15.000032; 000.00.00.G04-KQ0352",
        "",
    )


def test_real_record_keeps_what_it_cannot_parse():
    raw = json.loads(NATIONAL_SAMPLE.read_text(encoding="utf-8"))[0]
    raw["cach_thuc_thuc_hien"] = "Nộp trực tiếp, thời hạn theo thỏa thuận"
    raw["cap_thuc_hien"] = "Cấp xã, Cấp thôn"
    record = parse_national_record(raw)
    assert record["channels"] == []
    assert (
        "[cach_thuc_thuc_hien]\nNộp trực tiếp, thời hạn theo thỏa thuận"
        in (record["unparsed_text"])
    )
    assert "[cap_thuc_hien]\nCấp thôn" in record["unparsed_text"]
    assert record["levels"] == ["xa"]
    assert record["online_service_level"] == "khong"
    assert "\u00a0" not in record["competent_authority"]


# --- importing ---------------------------------------------------------------------------


def test_national_json_import(catalogue):
    report = import_records(load_file(NATIONAL_SAMPLE))
    assert (report.created, report.updated, report.unchanged) == (4, 0, 0)
    page = ProcedurePage.objects.get(code="2.000480")
    assert page.live and not page.has_unpublished_changes
    assert page.live_revision_id == page.latest_revision_id
    assert page.get_parent().specific == catalogue
    assert page.level_ministry and not page.level_commune
    assert page.sector.name == "Quản lý xuất nhập cảnh"
    assert page.result_code == "KQ.G01.000267"
    channel = page.channels.get()
    assert (channel.channel, channel.time_limit_value, channel.fee_amount) == (
        "truc-tiep",
        2,
        100000,
    )
    assert page.documents.count() == 4
    assert page.online_service_level == "khong"
    hotich = ProcedurePage.objects.get(code="1.000080")
    assert hotich.online_service_level == "mot-phan"
    assert hotich.documents.filter(kind="show").exists()
    assert "52/2014/QH13" in ProcedurePage.objects.get(code="1.000094").legal_bases.values_list(
        "number", flat=True
    )


def test_own_json_import_then_page_renders(client, catalogue, tmp_path):
    path = write_json(tmp_path, [own_record()])
    report = import_records(load_own_format(path))
    assert report.created == 1
    page = ProcedurePage.objects.get(code="1.000656")
    assert page.steps == "<p>Bước 1: nộp hồ sơ.</p><p>Bước 2: nhận kết quả.</p>"
    assert page.level_commune and not page.level_province
    assert [d.kind for d in page.documents.all()] == ["submit", "submit", "show"]
    assert page.legal_bases.get().issued_on.isoformat() == "2015-11-15"
    assert page.workflow_total_hours() == 8
    assert page.channels.first().effective_from.isoformat() == "2025-07-01"
    assert client.get(page.url).status_code == 200


def test_own_csv_import(catalogue, tmp_path):
    record = own_record()
    path = tmp_path / "procedures.csv"
    columns = ["code", "name", "sector", "levels", "channels", "documents", "steps"]
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(columns)
        writer.writerow(
            [
                record["code"],
                record["name"],
                record["sector"],
                "xa, tinh",
                json.dumps(record["channels"], ensure_ascii=False),
                json.dumps(record["documents"], ensure_ascii=False),
                record["steps"],
            ]
        )
    report = import_records(load_file(path))
    assert report.created == 1
    page = ProcedurePage.objects.get(code="1.000656")
    assert page.level_commune and page.level_province
    assert page.channels.count() == 2
    assert page.documents.count() == 3


def test_bad_rows_are_all_reported_and_nothing_is_written(catalogue, tmp_path):
    good = own_record("1.000001")
    bad_code = own_record("ABC", name="")
    bad_rows = own_record(
        "1.000002",
        levels=["thon"],
        channels=[{"channel": "fax", "time_limit_value": "năm", "time_limit_unit": "weeks"}],
        legal_bases=[{"summary": "Luật", "issued_on": "15/11/2015"}],
        implementing_agencies=["000.00.99.H99"],
    )
    too_long = own_record("1.000003", decision_number="1" * 300)
    path = write_json(tmp_path, [good, bad_code, bad_rows, too_long])
    before = counts()
    with pytest.raises(CatalogueImportError) as raised:
        import_records(load_file(path))
    messages = [str(error) for error in raised.value.errors]
    assert any(m.startswith("procedures.json:#2: Mã thủ tục “ABC”") for m in messages)
    assert "procedures.json:#2: Thiếu tên thủ tục." in messages
    text = "\n".join(messages)
    for expected in ("“thon”", "“fax”", "“weeks”", "“năm”", "“15/11/2015”", "000.00.99.H99"):
        assert expected in text
    assert "procedures.json:#4: Trường “decision_number” dài 300 ký tự, vượt quá 255." in messages
    assert all(not m.startswith("procedures.json:#1") for m in messages)
    assert counts() == before


def test_csv_errors_carry_line_numbers(catalogue, tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text(
        'code,name,levels,channels\n1.000001,Thủ tục một,xa,[]\n1.000002,"Thủ tục\nhai dòng",xa,'
        "[]\n1.000003,Thủ tục ba,xa,{không phải json\n",
        encoding="utf-8",
    )
    with pytest.raises(CatalogueImportError) as raised:
        load_file(path)
    assert [e.position for e in raised.value.errors] == ["bad.csv:5"]
    assert "channels" in raised.value.errors[0].message
    assert ProcedurePage.objects.count() == 0


def test_reimport_is_unchanged_and_makes_no_revision(catalogue, tmp_path):
    path = write_json(tmp_path, [own_record(), own_record("1.000657", name="Thủ tục khác")])
    import_records(load_file(path))
    before = counts()
    report = import_records(load_file(path))
    assert (report.created, report.updated, report.unchanged) == (0, 0, 2)
    assert counts() == before


def test_changed_record_is_updated_and_republished(client, catalogue, tmp_path):
    import_records([own_record()])
    page = ProcedurePage.objects.get(code="1.000656")
    first_revision = page.live_revision_id
    changed = own_record(
        name="Thủ tục đăng ký khai tử (sửa đổi)",
        channels=[
            {
                "channel": "truc-tiep",
                "time_limit_value": "2",
                "time_limit_unit": "working_days",
                "fee_amount": 5000,
            }
        ],
    )
    report = import_records([changed])
    assert (report.updated, report.unchanged) == (1, 0)
    page.refresh_from_db()
    assert page.live_revision_id != first_revision
    assert page.live_revision_id == page.latest_revision_id
    assert page.title == "Thủ tục đăng ký khai tử (sửa đổi)"
    assert [(c.time_limit_value, c.fee_amount) for c in page.channels.all()] == [(2, 5000)]
    published = page.live_revision.as_object()
    assert [c.fee_amount for c in published.channels.all()] == [5000]
    assert "(sửa đổi)" in client.get(page.url).content.decode()


def test_dry_run_writes_nothing(catalogue):
    before = counts()
    report = import_records([own_record(), own_record("1.000657")], dry_run=True)
    assert report.created == 2 and report.dry_run
    assert counts() == before


def test_nfd_input_is_stored_nfc(catalogue):
    name = unicodedata.normalize("NFD", "Đăng ký khai sinh\u00a0lưu động")
    import_records([own_record(name=name, sector=unicodedata.normalize("NFD", "Hộ tịch"))])
    page = ProcedurePage.objects.get(code="1.000656")
    assert page.title == "Đăng ký khai sinh lưu động"
    assert unicodedata.is_normalized("NFC", page.title)
    assert Sector.objects.get().name == unicodedata.normalize("NFC", "Hộ tịch")
    assert Sector.objects.get().slug == "ho-tich"


def _xlsx(tmp_path, rows):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n\nDANH SÁCH THỦ TỤC HÀNH CHÍNH"])
    sheet.append([])
    sheet.append(["Mã số", "Tên", "Cơ quan ban hành", "Cơ quan thực hiện", "Lĩnh vực"])
    for row in rows:
        sheet.append(row)
    path = tmp_path / "danh-sach.xlsx"
    workbook.save(path)
    return path


def test_xlsx_updates_only_its_fields_and_creates_new_ones(catalogue, tmp_path):
    import_records([own_record()])
    path = _xlsx(
        tmp_path,
        [
            [
                "1.000656",
                "Đăng ký khai tử (tên mới)",
                "Bộ Tư pháp",
                "UBND cấp xã\nCông an xã",
                "Hộ tịch",
            ],
            [
                "1.000999",
                "Cấp giấy phép xây dựng",
                "Bộ Xây dựng",
                "Sở Xây dựng",
                "Hoạt động xây dựng",
            ],
        ],
    )
    items = load_file(path)
    assert [item.position for item in items] == ["danh-sach.xlsx:4", "danh-sach.xlsx:5"]
    report = import_records(items)
    assert (report.created, report.updated) == (1, 1)
    page = ProcedurePage.objects.get(code="1.000656")
    assert page.title == "Đăng ký khai tử (tên mới)"
    assert page.implementing_agency_text == "UBND cấp xã\nCông an xã"
    assert page.channels.count() == 2
    assert page.documents.count() == 3
    assert page.result_code == "KQ.G15.000031"
    assert page.level_commune and page.online_service_level == "mot-phan"
    new = ProcedurePage.objects.get(code="1.000999")
    assert new.level_province and not new.level_commune
    assert import_records(load_file(path)).unchanged == 2


def test_infer_levels_from_agency_names():
    assert infer_levels("Ủy ban nhân dân cấp xã") == ["xa"]
    assert infer_levels("Chủ tịch ủy ban nhân dân cấp tỉnh\nSở Tư Pháp") == ["tinh"]
    assert infer_levels("Cục Cảnh sát quản lý hành chính về trật tự xã hội") == ["bo"]
    assert infer_levels("") == ["khac"]


@pytest.mark.skipif(
    not (DATA_DIR / "danh-sach-tthc-BoTuPhap.xlsx").exists(), reason="shared data absent"
)
def test_real_xlsx_sample_reads():
    items = load_file(DATA_DIR / "danh-sach-tthc-BoTuPhap.xlsx")
    assert len(items) == 271
    first = items[0]
    assert first.position == "danh-sach-tthc-BoTuPhap.xlsx:3"
    assert first.record["code"] == "1.014966"
    assert first.record["implementing_agency_text"] == (
        "Chủ tịch ủy ban nhân dân cấp tỉnh\nSở Tư Pháp"
    )


def test_duplicate_codes_conflict_or_merge(catalogue):
    with pytest.raises(CatalogueImportError) as raised:
        import_records([own_record(), own_record(name="Tên khác")])
    assert [str(e) for e in raised.value.errors] == [
        "#2: Mã thủ tục 1.000656 đã có ở #1 với nội dung khác."
    ]
    assert ProcedurePage.objects.count() == 0
    report = import_records([own_record(), own_record()])
    assert (report.created, report.merged) == (1, 1)


def test_import_needs_a_live_catalogue(db):
    with pytest.raises(CatalogueImportError) as raised:
        import_records([own_record()])
    assert "Chưa có trang danh mục" in str(raised.value)


def test_workflow_steps_point_at_existing_agencies(catalogue):
    agency = AgencyFactory(code="000.00.15.H33")
    steps = [
        {
            "name": "Thẩm định",
            "unit": "Phòng Tư pháp",
            "role": "specialist",
            "agency": "000.00.15.H33",
            "allotted_value": "8",
            "allotted_unit": "hours",
        }
    ]
    import_records([own_record(workflow_steps=steps, implementing_agencies=[agency.code])])
    page = ProcedurePage.objects.get(code="1.000656")
    assert page.workflow_steps.get().agency == agency
    assert list(page.implementing_agencies.all()) == [agency]
    assert (
        import_records(
            [own_record(workflow_steps=steps, implementing_agencies=[agency.code])]
        ).unchanged
        == 1
    )


def test_command_reports_every_error_and_writes_nothing(catalogue, tmp_path, capsys):
    path = write_json(tmp_path, [own_record(), own_record("x", levels=[])])
    with pytest.raises(CommandError):
        call_command("import_procedures", str(path), verbosity=0)
    err = capsys.readouterr().err
    assert "procedures.json:#2: Mã thủ tục “X”" in err
    assert "procedures.json:#2: Cần ít nhất một cấp thực hiện (levels)." in err
    assert ProcedurePage.objects.count() == 0


def test_command_imports_and_dry_runs(catalogue, tmp_path, capsys):
    path = write_json(tmp_path, [own_record()])
    call_command("import_procedures", str(path), "--dry-run", verbosity=0)
    assert "Chạy thử" in capsys.readouterr().out
    assert ProcedurePage.objects.count() == 0
    call_command("import_procedures", str(path), "--format", "own", verbosity=0)
    assert "Tạo mới 1" in capsys.readouterr().out
    assert LegalBasis.objects.count() == 1


def test_demo_catalogue_file_is_valid(catalogue):
    path = Path(__file__).parents[2] / "procedures_pages" / "demo_data" / "procedures.json"
    items = load_own_format(path)
    assert 100 <= len(items) <= 140
    assert path.stat().st_size < 1_000_000
    assert len({item.record["sector"] for item in items}) >= 12
    with_steps = [item.record for item in items if item.record["workflow_steps"]]
    assert len(with_steps) >= 20
    for record in with_steps:
        direct = next(c for c in record["channels"] if c["channel"] == "truc-tiep")
        hours = sum(float(step["allotted_value"]) for step in record["workflow_steps"])
        assert hours == float(direct["time_limit_value"]) * 8
    report = import_records(items, dry_run=True)
    assert report.created == len(items)


def test_imported_page_opens_in_the_wagtail_admin(client, catalogue, django_user_model):
    import_records([own_record()])
    page = ProcedurePage.objects.get(code="1.000656")
    user = django_user_model.objects.create_superuser("admin", "admin@example.com", "x")
    client.force_login(user)
    response = client.get(f"/admin/pages/{page.pk}/edit/")
    assert response.status_code == 200
    assert "Thủ tục đăng ký khai tử" in response.content.decode()
    history = client.get(f"/admin/pages/{page.pk}/history/")
    assert history.status_code == 200

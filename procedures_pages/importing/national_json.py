"""Reader for procedures crawled from the national portal (Cổng DVC quốc gia) as JSON.

The crawl flattened every table into one string without separators, so each table cell is
re-split here with patterns learnt from the data (see the README beside the data files).
Whatever cannot be split with confidence is kept verbatim in ``unparsed_text`` under a
label naming its field: an import must never lose published text silently.

Online-service level is not part of the crawl. A procedure that lists an online channel
is recorded as "mot-phan" (partly online): that is the conservative reading, because only
the province can certify that dossiers are also processed and returned online
("toan-trinh"). Procedures without an online channel get "khong".
"""

import json
import re
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.utils.translation import gettext as _

from ..text import normalize
from .records import CHILD_FIELDS, SCALAR_FIELDS, ProcedureRecord, normalize_text

MISSING = {"", "không có thông tin", "không", "không có"}
MAX_COPIES = 999

LEVELS = {
    "cấp bộ": "bo",
    "cấp tỉnh": "tinh",
    "cấp huyện": "huyen",
    "cấp xã": "xa",
    "cơ quan khác": "khac",
}
CHANNELS = {"Trực tiếp": "truc-tiep", "Trực tuyến": "truc-tuyen", "Dịch vụ bưu chính": "buu-chinh"}
UNITS = {
    "ngày làm việc": "working_days",
    "ngày": "calendar_days",
    "giờ": "hours",
    "tháng": "months",
}

CHANNEL_HEADER = "Hình thức nộpThời gianPhí, lệ phíMô tả"
DOCUMENT_HEADER = "Tên giấy tờMẫu đơn, tờ khaiSố lượng"
LEGAL_HEADER = "Tên văn bản pháp lýMã văn bản"
RESULT_NOISE = ("Từ khóa", "Chọn cơ quan thực hiện")

_CHANNEL_START = re.compile(
    r"(Trực tiếp|Trực tuyến|Dịch vụ bưu chính)(?=\d|Không có thông tin|Trong ngày)"
)
_NUMBER = r"\d+(?:[.,]\d+)?"
_TIME_WITH_UNIT = re.compile(rf"({_NUMBER}) (Ngày làm việc|Ngày|Giờ|Tháng)")
_FEE_TOKEN = re.compile(
    r"Miễn phí|Không có thông tin"
    r"|(?:(?:Lệ phí|Phí)\s*:\s*)?(\d[\d.,]*)\s*(Việt Nam Đồng|VNĐ|Đồng|đồng|USD)"
)
_BARE_TIME = re.compile(rf"({_NUMBER})(?=Miễn phí|Không có thông tin|(?:Lệ phí|Phí)\s*:)")
_MERGED_TIME_FEE = re.compile(r"(\d[\d,]*) (Việt Nam Đồng|VNĐ|Đồng|USD)")
_GROUPED_AMOUNT = re.compile(r"[1-9]\d{0,2}(?:,\d{3})+")

_QUANTITY = re.compile(
    r"(?<![\d,])(\d+) bản (chính|sao)(?:,(\d+) bản sao)?(?!\s+[a-zà-ỹđ])(?![),;:])"
)
_FORM_FILE = re.compile(r"\.(?:docx?|DOCX?|xlsx?|XLSX?|pdf|PDF|rar|zip|odt)(?![a-z])")

_LOWER = "a-zà-ỹđ"
# Numbers like 123/2015/NĐ-CP, 52/2014/QH13, 290/2005/QĐ-TTg, 191/2005/TTLT/BQP-BTC. A
# number glued after a year ("Luật Cư trú 202068/2020/QH14") or after another number
# ("52/2014/QH1352/2014/QH13") starts right after the year or the "QH13".
_ISSUER_PART = r"(?:(?:UBTVQH|QH)\d{2}|TTg|[A-ZĐ]+)"
_DOC_NUMBER = re.compile(
    rf"(?:(?<=(?:19|20)\d\d)|(?<=QH\d\d)|(?<!\d))\d{{1,4}}(?:\.\d+)?/\d{{4}}/{_ISSUER_PART}"
    rf"(?:[-/]{_ISSUER_PART})*(?![{_LOWER}])"
)
_ROW_END = re.compile(rf"\s*(?:$|[A-ZĐÀ-Ỹ0-9(\"“])|(?=[A-ZĐÀ-Ỹ][{_LOWER}])")
_GLUED_PREFIX = re.compile(
    rf"(?<=[{_LOWER}.)])((?:Luật|Nghị định|Thông tư liên tịch|Thông tư|Quyết định|Nghị quyết"
    rf"|Văn bản hợp nhất)(?: số)?\s*)$"
)
_RESULT_CODE = re.compile(rf"Mã:\s*([A-Z0-9]+(?:[.\-][A-Z0-9]+)*)(?![{_LOWER}])")


@dataclass
class ParseStats:
    """How many table cells of each kind parsed completely (for the coverage report)."""

    cells: Counter = field(default_factory=Counter)
    full: Counter = field(default_factory=Counter)
    inferred_units: int = 0
    bare_times: int = 0
    unitless: int = 0

    def count(self, kind: str, complete: bool) -> None:
        self.cells[kind] += 1
        if complete:
            self.full[kind] += 1

    def summary(self) -> dict[str, tuple[int, int]]:
        return {kind: (self.full[kind], total) for kind, total in sorted(self.cells.items())}


def is_missing(value: Any) -> bool:
    return value is None or normalize(str(value)).lower().rstrip(".") in MISSING


def clean(value: Any, *, multiline: bool = False) -> str:
    """Normalised text, or "" for the crawl's placeholders of a missing value."""
    return "" if is_missing(value) else normalize_text(value, multiline=multiline)


def parse_levels(text: str) -> tuple[list[str], str]:
    """("Cấp tỉnh, Cấp xã") → (["tinh", "xa"], unparsed rest)."""
    levels, rest = [], []
    for part in normalize(text).split(","):
        part = part.strip()
        if not part:
            continue
        level = LEVELS.get(part.lower())
        if level and level not in levels:
            levels.append(level)
        elif not level:
            rest.append(part)
    return levels, ", ".join(rest)


def _balanced_parenthetical(text: str) -> int:
    """Length of the parenthesised group at the start of ``text`` (to the end if unclosed)."""
    depth = 0
    for index, char in enumerate(text):
        if char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
            if depth == 0:
                return index + 1
    return len(text)


def _infer_unit(value: str, context: str) -> str | None:
    """The unit that the surrounding text gives to a bare number ("trong 07 ngày làm việc")."""
    number = value.replace(",", ".")
    whole = number.split(".")[0]
    pattern = re.compile(
        rf"(?<![\d.,])0*{re.escape(whole)}(?![\d.,])\s*(?:\([^)]{{0,20}}\)\s*)?"
        r"(ngày làm việc|ngày|giờ|tháng)",
        re.IGNORECASE,
    )
    found = {UNITS[m.group(1).lower()] for m in pattern.finditer(context)}
    return found.pop() if len(found) == 1 else None


def _fee_from_token(match: re.Match) -> tuple[int | None, str]:
    text = match.group(0)
    if text == "Miễn phí":
        return 0, ""
    if text == "Không có thông tin":
        return None, ""
    digits, currency = match.group(1), match.group(2)
    if currency == "USD":
        return None, text
    return int(re.sub(r"[.,]", "", digits)), ""


def parse_channels(
    cell: str, *, context: str = "", stats: ParseStats | None = None
) -> tuple[list[dict[str, Any]], str]:
    """Split ``cach_thuc_thuc_hien`` into channel rows; returns (rows, unparsed text)."""
    text = cell.strip()
    if is_missing(text):
        return [], ""
    complete = text.startswith(CHANNEL_HEADER)
    body = text.removeprefix(CHANNEL_HEADER)
    starts = list(_CHANNEL_START.finditer(body))
    if not starts or body[: starts[0].start()].strip():
        complete = False
    rows: list[dict[str, Any]] = []
    for index, start in enumerate(starts):
        end = starts[index + 1].start() if index + 1 < len(starts) else len(body)
        segment = body[start.end() : end]
        row: dict[str, Any] = {
            "channel": CHANNELS[start.group(1)],
            "time_limit_value": None,
            "time_limit_unit": "unstated",
            "time_limit_text": "",
            "fee_amount": None,
            "fee_text": "",
            "description": "",
        }
        rest = segment
        fee_match = None
        if match := _TIME_WITH_UNIT.match(rest):
            row["time_limit_value"] = str(Decimal(match.group(1).replace(",", ".")))
            row["time_limit_unit"] = UNITS[match.group(2).lower()]
            rest = rest[match.end() :]
        elif rest.startswith("Không có thông tin"):
            rest = rest[len("Không có thông tin") :]
        elif rest.startswith("Trong ngày"):
            row["time_limit_unit"] = "same_day"
            rest = rest[len("Trong ngày") :]
        elif match := _BARE_TIME.match(rest):
            row["time_limit_value"] = match.group(1).replace(",", ".")
            rest = rest[match.end() :]
        elif match := _MERGED_TIME_FEE.match(rest):
            # A bare time glued to a numeric fee ("140,000 VNĐ" = 1 + 40,000): split only
            # when exactly one split leaves a properly grouped amount.
            digits = match.group(1)
            splits = [
                i for i in range(1, min(4, len(digits))) if _GROUPED_AMOUNT.fullmatch(digits[i:])
            ]
            if len(splits) == 1 and digits[: splits[0]].isdigit():
                row["time_limit_value"] = digits[: splits[0]]
                rest = rest[splits[0] :]
            else:
                row["fee_text"] = match.group(0)
                rest = rest[match.end() :]
                fee_match = False
                complete = False
        else:
            complete = False
        if row["time_limit_value"] is not None and row["time_limit_unit"] == "unstated":
            if stats:
                stats.bare_times += 1
            unit = _infer_unit(row["time_limit_value"], f"{segment}\n{context}")
            if unit:
                row["time_limit_unit"] = unit
                if stats:
                    stats.inferred_units += 1
            else:
                # Kept as published: the value stands, the unit stays "unstated" and the
                # text says so; the cell is otherwise parsed, so it is not copied whole.
                row["time_limit_text"] = _("%(value)s (nguồn không ghi đơn vị)") % {
                    "value": row["time_limit_value"].replace(".", ",")
                }
                if stats:
                    stats.unitless += 1
        if fee_match is None:
            fee_match = _FEE_TOKEN.match(rest)
            if fee_match:
                row["fee_amount"], row["fee_text"] = _fee_from_token(fee_match)
                rest = rest[fee_match.end() :]
            else:
                complete = False
        if rest.startswith("("):
            length = _balanced_parenthetical(rest)
            detail = normalize(rest[1 : length - 1] if rest[length - 1] == ")" else rest[1:])
            row["fee_text"] = " ".join(p for p in (row["fee_text"], detail) if p)
            rest = rest[length:]
        row["description"] = clean(rest, multiline=True)
        rows.append(row)
    if stats:
        stats.count("channels", complete)
    return rows, "" if complete else text


def _split_form_files(text: str) -> tuple[str, str]:
    """("Tờ khai theo mẫuMau01.docx") → ("Tờ khai theo mẫu", "Mau01.docx").

    File names follow the document name without a separator. The name ends at the last
    punctuation mark before the first file ("…NĐ-CP;Mau01.docx"); when prose follows that
    mark, at the first lower-to-upper case change without a space ("theo mẫuMau01.docx").
    """
    first = _FORM_FILE.search(text)
    if not first:
        return text, ""
    head = text[: first.start()]
    boundary = 0
    for match in re.finditer(r"\.(?!\d)|[;:]|\)", head):
        if match.group(0) == ")" and re.search(r"\(\d+$", head[: match.start()]):
            continue  # "Mau (1).docx" is one file name
        boundary = match.end()
    remainder = head[boundary:]
    glued = re.search(rf"[{_LOWER}](?=[A-ZĐ])", remainder) if " " in remainder.strip() else None
    if glued:
        boundary += glued.end()
    name, files = text[:boundary], text[boundary:]
    if not name.strip():
        return text, ""
    parts = [normalize(m.group(0)) for m in re.finditer(rf".*?{_FORM_FILE.pattern}", files)]
    return name, "; ".join(p for p in parts if p)


def _case_header(text: str) -> tuple[str, str]:
    """A section heading → (case name, kind)."""
    header = normalize(text)
    kind = "show" if "xuất trình" in header.lower() and "nộp" not in header.lower() else "submit"
    stripped = header.strip("-*+ ").rstrip(":").strip()
    if stripped.lower() in {"", "giấy tờ phải nộp", "giấy tờ phải xuất trình", "thành phần hồ sơ"}:
        return "", kind
    return stripped, kind


def parse_documents(
    cell: str, *, stats: ParseStats | None = None
) -> tuple[list[dict[str, Any]], str]:
    """Split ``thanh_phan_ho_so`` into document rows; returns (rows, unparsed text)."""
    text = cell.strip()
    if is_missing(text) or text.strip("- ") == "":
        return [], ""
    parts = text.split(DOCUMENT_HEADER)
    complete = len(parts) > 1
    case_name, kind = _case_header(parts[0])
    leftovers = [] if len(parts) > 1 else [parts[0]]
    rows: list[dict[str, Any]] = []
    for index, part in enumerate(parts[1:], start=1):
        position = 0
        for match in _QUANTITY.finditer(part):
            raw_name = part[position : match.start()]
            position = match.end()
            name, form_name = _split_form_files(raw_name)
            name = normalize(name)
            if not name:
                complete = False
                leftovers.append(match.group(0))
                continue
            originals = int(match.group(1)) if match.group(2) == "chính" else 0
            copies = int(match.group(3) or 0) if match.group(2) == "chính" else int(match.group(1))
            if max(originals, copies) > MAX_COPIES:
                # A typo in the source ("61781 bản chính"): keep the text, not the count.
                originals = copies = 0
            rows.append(
                {
                    "case_name": case_name,
                    "name": name,
                    "kind": kind,
                    "originals": originals,
                    "copies": copies,
                    "quantity_text": normalize(match.group(0)),
                    "form_name": form_name,
                }
            )
        tail = part[position:]
        if index < len(parts) - 1:
            case_name, kind = _case_header(tail)
        elif tail.strip("- \n\t"):
            complete = False
            leftovers.append(tail.strip())
    if stats:
        stats.count("documents", complete)
    return rows, "\n".join(leftovers)


def parse_legal_bases(
    cell: str, *, stats: ParseStats | None = None
) -> tuple[list[dict[str, Any]], str]:
    """Split ``can_cu_phap_ly`` into (number, summary) rows; returns (rows, unparsed text)."""
    text = cell.strip()
    if is_missing(text):
        return [], ""
    complete = text.startswith(LEGAL_HEADER)
    body = text.removeprefix(LEGAL_HEADER)
    rows: list[dict[str, Any]] = []
    position = 0
    for match in _DOC_NUMBER.finditer(body):
        if not _ROW_END.match(body, match.end()):
            continue
        summary = body[position : match.start()]
        number = match.group(0)
        position = match.end()
        if not summary.strip() and rows:
            # "Luật 52/2014/QH1352/2014/QH13": the number repeated a summary that ended in it.
            previous = rows.pop()
            summary = f"{previous['summary']} {previous['number']}"
        glued = _GLUED_PREFIX.search(summary)
        if glued and summary[: glued.start()].strip():
            number = normalize(glued.group(1) + " " + number)
            summary = summary[: glued.start()]
        rows.append({"number": normalize(number), "summary": normalize(summary) or number})
    tail = body[position:].strip()
    if tail:
        complete = False
    for row in rows:
        row.setdefault("issued_on", None)
        row.setdefault("issuer", "")
    if stats:
        stats.count("legal_bases", complete)
    return rows, tail


def parse_result(cell: str, *, stats: ParseStats | None = None) -> tuple[str, str, str]:
    """``ket_qua_xu_ly`` → (result names, result codes, unparsed text)."""
    text = cell.strip()
    cut = min((i for i in (text.find(noise) for noise in RESULT_NOISE) if i >= 0), default=-1)
    had_tail = cut >= 0
    if had_tail:
        text = text[:cut]
    if is_missing(text):
        if stats and cell.strip():
            stats.count("result", had_tail)
        return "", "", ""
    names, codes, position = [], [], 0
    for match in _RESULT_CODE.finditer(text):
        name = normalize(text[position : match.start()])
        if name:
            names.append(name)
        codes.append(match.group(1))
        position = match.end()
    tail = normalize(text[position:])
    if tail:
        names.append(tail)
    complete = had_tail and bool(codes) and not tail
    if stats:
        stats.count("result", complete)
    return "; ".join(names), "; ".join(codes), ""


def _label(name: str, text: str) -> str:
    return f"[{name}]\n{text.strip()}"


def _fit_lengths(record: dict[str, Any], unparsed: list[str]) -> None:
    """Shorten overlong values to their column size, keeping the full text in unparsed."""
    for key in ("name", "decision_number", "procedure_type", "result_code"):
        limit = SCALAR_FIELDS[key]
        if limit and len(record[key]) > limit:
            unparsed.append(_label(_("%(field)s (đầy đủ)") % {"field": key}, record[key]))
            record[key] = record[key][: limit - 1].rsplit(" ", 1)[0] + "…"
    for kind, limits in CHILD_FIELDS.items():
        for index, row in enumerate(record.get(kind) or [], start=1):
            for key, limit in limits.items():
                value = row.get(key) or ""
                if limit and len(value) > limit:
                    unparsed.append(_label(f"{kind}[{index}].{key}", value))
                    row[key] = value[: limit - 1].rsplit(" ", 1)[0] + "…"


def parse_national_record(
    raw: dict[str, Any], *, stats: ParseStats | None = None
) -> ProcedureRecord:
    """One crawled object → a ProcedureRecord (not yet validated)."""
    unparsed: list[str] = []
    levels, level_rest = parse_levels(raw.get("cap_thuc_hien") or "")
    if level_rest:
        unparsed.append(_label("cap_thuc_hien", level_rest))
    steps = clean(raw.get("trinh_tu_thuc_hien"), multiline=True)
    channels, rest = parse_channels(
        raw.get("cach_thuc_thuc_hien") or "", context=steps, stats=stats
    )
    if rest:
        unparsed.append(_label("cach_thuc_thuc_hien", rest))
    documents, rest = parse_documents(raw.get("thanh_phan_ho_so") or "", stats=stats)
    if rest:
        unparsed.append(_label("thanh_phan_ho_so", rest))
    legal_bases, rest = parse_legal_bases(raw.get("can_cu_phap_ly") or "", stats=stats)
    if rest:
        unparsed.append(_label("can_cu_phap_ly", rest))
    result_name, result_code, rest = parse_result(raw.get("ket_qua_xu_ly") or "", stats=stats)
    online = any(row["channel"] == "truc-tuyen" for row in channels)
    record: dict[str, Any] = {
        "code": normalize(raw.get("ma_thu_tuc") or "").upper(),
        "name": clean(raw.get("ten_thu_tuc")),
        "decision_number": clean(raw.get("so_quyet_dinh")),
        "sector": clean(raw.get("linh_vuc")),
        "levels": levels,
        "procedure_type": clean(raw.get("loai_thu_tuc")),
        "implementing_agency_text": clean(raw.get("co_quan_thuc_hien"), multiline=True),
        "implementing_agencies": [],
        "competent_authority": clean(raw.get("co_quan_co_tham_quyen"), multiline=True),
        "authorised_agency": clean(raw.get("co_quan_duoc_uy_quyen"), multiline=True),
        "coordinating_agency": clean(raw.get("co_quan_phoi_hop"), multiline=True),
        "receiving_address": clean(raw.get("dia_chi_tiep_nhan"), multiline=True),
        "applicants": clean(raw.get("doi_tuong_thuc_hien")),
        "steps": steps,
        "conditions": clean(raw.get("yeu_cau_dieu_kien"), multiline=True),
        "result_name": result_name,
        "result_code": result_code,
        "online_service_level": "mot-phan" if online else "khong",
        "related_procedures": clean(raw.get("thu_tuc_lien_quan"), multiline=True),
        "source_url": clean(raw.get("detail_url")),
        "channels": channels,
        "documents": documents,
        "legal_bases": legal_bases,
        "workflow_steps": [],
    }
    _fit_lengths(record, unparsed)
    record["unparsed_text"] = "\n\n".join(unparsed)
    return record  # type: ignore[return-value]


def read_national_json(path: Path, *, stats: ParseStats | None = None) -> list[dict[str, Any]]:
    """The raw objects of a crawled file (a JSON list); raises ValueError when malformed."""
    with open(path, encoding="utf-8") as handle:
        data = json.load(handle)
    if not isinstance(data, list) or not all(isinstance(item, dict) for item in data):
        raise ValueError(_("Tệp JSON quốc gia phải là một danh sách các đối tượng."))
    return data


def looks_like_national(data: Any) -> bool:
    """True for the crawler's shape (a list of objects with ``ma_thu_tuc``)."""
    return (
        isinstance(data, list)
        and bool(data)
        and isinstance(data[0], dict)
        and ("ma_thu_tuc" in data[0])
    )

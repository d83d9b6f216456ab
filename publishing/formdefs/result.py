"""The result document of a dossier: a decision or certificate (Quyết định, Giấy chứng
nhận …), the file the applicant may download from the lookup page (``public_download``).

The layout is the fallback of NĐ 30/2020 appendix I (DOMAIN.md §7): number (``QĐ-`` and
the issuing agency's symbol), place and date, title, summary (trích yếu), body paragraphs,
"Nơi nhận" and the signature of the leader who approved. A procedure's own result template
is not read yet (nothing is added to the models): the body is the officer's text in
``params["body"]`` (paragraphs separated by blank lines, or a list), else a default text
built from the procedure's ``result_name`` and the dossier. ``params`` may also set
``title``, ``summary``, ``recipients``, ``authority_prefix``, ``signer_title`` and
``signer_name``. Fees collected (``FeePayment`` rows not refunded) are stated after the
body, in đồng with the amount in words, itemised when there are several. Only a dossier
with a positive decision (``approve``) has one.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils.translation import gettext as _

from dossiers.models import Dossier, Outcome

from ..formatting import amount_in_words, format_dong, place_and_date
from ..forms import FormSpec, register_form
from ..services import DocumentError
from ._common import form_event, head_signature, local

if TYPE_CHECKING:
    from ..applicability import DossierFacts

TITLE = "Quyết định"
DECISION_WORDS = ("quyết định",)


def _paragraphs(body) -> list[str]:
    if isinstance(body, list | tuple):
        chunks = [str(item) for item in body]
    else:
        chunks = str(body).replace("\r\n", "\n").split("\n\n")
    return [" ".join(chunk.split()) for chunk in chunks if chunk.strip()]


def _title(dossier: Dossier) -> str:
    """The procedure's result ("Giấy chứng nhận …", "Trích lục khai sinh") when it names
    one document, else a decision."""
    name = " ".join((dossier.procedure.result_name or "").split("\n")[0].split()).rstrip(".;")
    if not name or name.lower().startswith(DECISION_WORDS) or len(name) > 120:
        return TITLE
    return name


def _fees(dossier: Dossier) -> tuple[list[dict], int]:
    fees = [
        {"description": fee.description, "amount": fee.amount}
        for fee in dossier.fees.filter(refunded=False).order_by("collected_at", "pk")
    ]
    return fees, sum(fee["amount"] for fee in fees)


def default_body(dossier: Dossier, decider) -> list[str]:
    received = place_and_date("", local(dossier.received_at).date()).lower()
    result = " ".join((dossier.procedure.result_name or "").split())
    grant = f"Cấp {result[:1].lower() + result[1:]} cho" if result else "Chấp thuận đề nghị của"
    identity = "".join(
        f", {label} {value}"
        for label, value in (
            ("số định danh cá nhân", dossier.applicant_id_number),
            ("địa chỉ:", dossier.applicant_address),
        )
        if value
    )
    return [
        f"Căn cứ hồ sơ đề nghị của ông/bà {dossier.applicant_name}, mã hồ sơ {dossier.code}, "
        f"được {dossier.receiving_agency.name} tiếp nhận {received};",
        f"Xét đề nghị của {decider.name}, hồ sơ đủ điều kiện giải quyết theo quy định "
        f"của thủ tục hành chính: {dossier.procedure.title}.",
        f"{grant} ông/bà {dossier.applicant_name}{identity}"
        f". Nội dung: {dossier.subject or dossier.procedure.title}.",
    ]


def closing(dossier: Dossier) -> list[str]:
    return [
        f"Ông/bà {dossier.applicant_name} và các cơ quan, đơn vị có liên quan chịu trách "
        "nhiệm thi hành văn bản này./."
    ]


def build_result_context(dossier: Dossier | None, params: dict) -> dict:
    if dossier.outcome != Outcome.GRANTED:
        raise DocumentError(
            _(
                "Hồ sơ %(code)s chưa được phê duyệt kết quả giải quyết; "
                "chưa thể lập văn bản kết quả."
            )
            % {"code": dossier.code}
        )
    event = form_event(dossier, params, ("approve",), title=TITLE)
    decider = event.from_agency or dossier.receiving_agency
    fees, fees_total = _fees(dossier)
    body = _paragraphs(params["body"]) if params.get("body") else []
    written = bool(body)
    body = body or default_body(dossier, decider)
    title = params.get("title") or _title(dossier)
    is_decision = title.lower().startswith(DECISION_WORDS)
    summary = params.get("summary")
    if summary is None:
        summary = f"Về việc {dossier.subject or dossier.procedure.title}" if is_decision else ""
    desk = dossier.receiving_agency
    recipients = [f"Ông/bà {dossier.applicant_name}"]
    if desk.pk != decider.pk:
        recipients.append(f"Bộ phận Một cửa – {desk.name}")
    recipients.append(f"Lưu: VT, hồ sơ {dossier.code}")
    return {
        "title": title,
        "summary": summary,
        "is_decision": is_decision,
        "paragraphs": body,
        "fees": fees,
        "fees_total": fees_total,
        "fees_line": (
            f"Phí, lệ phí đã nộp: {format_dong(fees_total)} "
            f"(bằng chữ: {amount_in_words(fees_total)})."
            if fees_total
            else ""
        ),
        "closing_paragraphs": [] if written else closing(dossier),
        "decided_at": local(event.at),
        "decider": decider,
        **head_signature(decider, event.actor, params),
        "recipients": params.get("recipients") or recipients,
    }


def result_applies(facts: DossierFacts) -> bool:
    """The dossier was approved (granted), as ``build_result_context`` requires."""
    return facts.dossier.outcome == Outcome.GRANTED and facts.has("approve")


register_form(
    FormSpec(
        key="result",
        title=TITLE,
        template="publishing/forms/result.html",
        numbered=True,
        symbol="QĐ-{agency}",
        build_context=build_result_context,
        public_download=True,
        applies_to=result_applies,
        takes_body=True,
    )
)

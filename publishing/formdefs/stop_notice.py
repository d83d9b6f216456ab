"""Thông báo dừng giải quyết hồ sơ (DOMAIN.md §6.5, rule 8; new in TT 03/2025/TT-VPCP).

Built from the dossier's latest ``stop`` or ``withdraw`` event (or ``params["event"]``):
the applicant's request, its reason (the note) and the time processing stopped.

Dossiers received before 01/7/2025 (the 2018 set, which has no such form). Only a 2025
form is registered, so ``get_form`` serves it to every dossier, and the rule is decided by
the date of the stop, the act the notice reports:

* stopped on or after 01/7/2025: the notice is printed on the 2025 form with the 2025
  legal basis (NĐ 118/2025/NĐ-CP, TT 03/2025/TT-VPCP), because that is the law in force
  when the agency stops processing and notifies; the deadline rules the dossier kept from
  its receipt are not involved;
* stopped before 01/7/2025: refused with a Vietnamese ``DocumentError`` — no form existed
  then, and printing today's form for a past act would misstate the basis it was done on.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils.translation import gettext as _

from dossiers.models import Dossier

from ..forms import SET_2025_FROM, FormSpec, register_form
from ..services import DocumentError
from ._common import applicant_context, contact_line, form_event, head_signature, is_head, local

if TYPE_CHECKING:
    from ..applicability import DossierFacts

TITLE = "Thông báo dừng giải quyết hồ sơ"


def build_stop_notice_context(dossier: Dossier | None, params: dict) -> dict:
    event = form_event(dossier, params, ("stop", "withdraw"), title=TITLE)
    stopped_at = local(event.at)
    if stopped_at.date() < SET_2025_FROM:
        raise DocumentError(
            _(
                "Không lập được Thông báo dừng giải quyết hồ sơ cho hồ sơ %(code)s: hồ sơ "
                "dừng giải quyết ngày %(day)s, trước ngày 01/7/2025, khi Thông tư số "
                "01/2018/TT-VPCP chưa có mẫu thông báo này."
            )
            % {"code": dossier.code, "day": stopped_at.strftime("%d/%m/%Y")}
        )
    desk = dossier.receiving_agency
    processing = event.from_agency or desk
    if is_head(event.actor):
        signature = head_signature(processing, event.actor, params)
    else:
        signature = {
            "authority_prefix": params.get("authority_prefix", ""),
            "signer_title": params.get("signer_title") or "Người tiếp nhận hồ sơ",
            "signer_name": params.get("signer_name") or event.actor_name,
        }
    recipients = ["Như trên"]
    if processing.pk != desk.pk:
        recipients.append(processing.name)
    recipients.append("Lưu: VT")
    return {
        **applicant_context(dossier),
        "withdrawn": event.transition == "withdraw",
        "stopped_at": stopped_at,
        "reason": event.note,
        "processing_agency": processing,
        "contact": contact_line(desk),
        "received_before_2025": dossier.received_at is not None
        and local(dossier.received_at).date() < SET_2025_FROM,
        **signature,
        "recipients": params.get("recipients") or recipients,
    }


def stop_notice_applies(facts: DossierFacts) -> bool:
    """Processing stopped or the dossier was withdrawn on or after 01/7/2025 (the date of
    the latest of these events, as in ``build_stop_notice_context``)."""
    stopped_on = facts.latest_local_date("stop", "withdraw")
    return stopped_on is not None and stopped_on >= SET_2025_FROM


register_form(
    FormSpec(
        key="stop_notice",
        title=TITLE,
        template="publishing/forms/stop_notice.html",
        numbered=True,
        symbol="TB-{agency}",
        build_context=build_stop_notice_context,
        applies_to=stop_notice_applies,
    )
)

"""Which forms can be issued for a dossier now, decided without rendering anything.

Each form's ``build_context`` refuses a dossier that lacks the event it reports (a
``DocumentError``). The back office offers one button per form that would be accepted, so
it needs the same answer cheaply: :func:`dossier_facts` reads the dossier's events once
(the latest time of each transition, one aggregate query) and every
``FormSpec.applies_to`` answers from those facts alone.
"""

from __future__ import annotations

import datetime
import zoneinfo
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Max

from dossiers.models import Dossier, DossierEvent

from .forms import FormSpec, form_keys, spec_for

VN = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")
# The order buttons are offered in: the order a dossier meets the forms. A form not named
# here (a new module in ``formdefs``) comes after these, by key.
ORDER = (
    "receipt",
    "supplement_request",
    "refusal",
    "apology",
    "stop_notice",
    "result",
    "control_sheet",
)


@dataclass(frozen=True)
class DossierFacts:
    """A dossier and, per transition it went through, the time of the latest one."""

    dossier: Dossier
    latest: dict[str, datetime.datetime] = field(default_factory=dict)

    def has(self, *transitions: str) -> bool:
        return any(name in self.latest for name in transitions)

    def latest_of(self, *transitions: str) -> datetime.datetime | None:
        """The latest time among ``transitions`` (``None`` if none happened)."""
        times = [self.latest[name] for name in transitions if name in self.latest]
        return max(times) if times else None

    def latest_local_date(self, *transitions: str) -> datetime.date | None:
        at = self.latest_of(*transitions)
        return at.astimezone(VN).date() if at is not None else None


def dossier_facts(dossier: Dossier, events: Iterable[DossierEvent] | None = None) -> DossierFacts:
    """The latest time of each transition of ``dossier``: from ``events`` when the caller
    already loaded them all (the dossier page does), else one aggregate query."""
    if events is not None:
        latest: dict[str, datetime.datetime] = {}
        for event in events:
            if event.transition not in latest or event.at > latest[event.transition]:
                latest[event.transition] = event.at
        return DossierFacts(dossier, latest)
    rows = dossier.events.order_by().values("transition").annotate(last=Max("at"))
    return DossierFacts(dossier, {row["transition"]: row["last"] for row in rows})


def applies(spec: FormSpec, facts: DossierFacts) -> bool:
    """Whether ``spec`` can be issued for the dossier of ``facts`` now. Period forms (the
    register) are never issued from a dossier; a form without ``applies_to`` is offered
    for every dossier (its ``build_context`` still has the last word)."""
    if not spec.needs_dossier:
        return False
    if spec.applies_to is None:
        return True
    return bool(spec.applies_to(facts))


def issuable_forms(dossier: Dossier, facts: DossierFacts | None = None) -> list[FormSpec]:
    """The forms (of the dossier's legal set) that can be issued for ``dossier`` now, in
    the order of :data:`ORDER`."""
    facts = facts or dossier_facts(dossier)
    keys = sorted(form_keys(), key=lambda key: (ORDER.index(key) if key in ORDER else 99, key))
    specs = (spec_for(key, dossier) for key in keys)
    return [spec for spec in specs if applies(spec, facts)]

"""Demo dossiers in every state, built through the real services with past timestamps.

Each dossier follows a *scenario*: a list of actions (transfer, forward, supplement…) and a
finish (returned early, on time or late; closed without appointment; or still open). The
times of the actions are spread in office time between the receipt and a horizon computed
from the dossier's own appointment, so the services judge every step and the hand-over
exactly as they would have at the time. Everything is drawn from one seeded generator.
"""

import datetime
import random
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Prefetch
from django.utils import timezone

from procedures_pages.models import Agency, DocumentRequirement, ProcedurePage

from .. import services
from ..calendars import calendar_for
from ..models import OfficerRole, ReturnMethod, Stage
from ..working_time import add_office_time, combine_local, compute_due, office_time_between
from .officers import Staff
from .people import PeopleFactory

HOUR = datetime.timedelta(hours=1)
MINUTE = datetime.timedelta(minutes=1)
TIMED_UNITS = {"working_days", "calendar_days", "hours", "months", "same_day"}
CHANNEL_WEIGHTS = {"truc-tiep": 50, "truc-tuyen": 40, "buu-chinh": 10}
RETURN_METHOD = {
    "truc-tiep": ReturnMethod.IN_PERSON,
    "truc-tuyen": ReturnMethod.ELECTRONIC,
    "buu-chinh": ReturnMethod.POSTAL,
}


@dataclass(frozen=True)
class Scenario:
    key: str
    weight: float
    actions: tuple[str, ...]
    finish: str  # early | on_time | late | closed | open
    province_only: bool = False
    online: bool = False  # submitted online (status 1) instead of received at the desk


FULL = ("transfer", "review", "approve", "return")
SCENARIOS = [
    Scenario("returned_early", 30, FULL, "early"),
    Scenario("returned_on_time", 16, FULL, "on_time"),
    Scenario("returned_late", 6, FULL, "late"),
    Scenario(
        "returned_after_supplement",
        6,
        ("transfer", "supplement", "answer_supplement", "review", "approve", "return"),
        "on_time",
    ),
    Scenario(
        "returned_after_payment",
        3,
        ("transfer", "payment", "paid", "review", "approve", "return"),
        "early",
    ),
    Scenario(
        "returned_rescheduled",
        2,
        ("transfer", "reschedule", "review", "approve", "return"),
        "on_time",
        province_only=True,
    ),
    Scenario(
        "returned_inter_agency",
        4,
        (
            "transfer",
            "forward",
            "to_partner",
            "partner_forward",
            "from_partner",
            "review",
            "approve",
            "return",
        ),
        "early",
        province_only=True,
    ),
    Scenario("returned_ineligible", 2, ("transfer", "forward", "ineligible", "return"), "early"),
    Scenario(
        "returned_online",
        5,
        ("accept_online", "transfer", "review", "approve", "return"),
        "early",
        online=True,
    ),
    Scenario("refused", 1, ("refuse",), "closed"),
    Scenario("refused_online", 1, ("refuse",), "closed", online=True),
    Scenario("withdrawn", 2, ("transfer", "withdraw"), "closed"),
    Scenario("stopped", 1.5, ("transfer", "supplement", "stop"), "closed"),
    Scenario("submitted", 2, (), "open", online=True),
    Scenario("received", 3, (), "open"),
    Scenario("processing_specialist", 4, ("transfer",), "open"),
    Scenario("processing_department_head", 2, ("transfer", "forward"), "open", province_only=True),
    Scenario("processing_agency_head", 2, ("transfer", "review"), "open"),
    Scenario(
        "processing_partner",
        1,
        ("transfer", "forward", "to_partner"),
        "open",
        province_only=True,
    ),
    Scenario("processing_rescheduled", 1, ("transfer", "reschedule"), "open", province_only=True),
    Scenario("supplement_requested", 3, ("transfer", "supplement"), "open"),
    Scenario("supplement_answered", 2, ("transfer", "supplement", "answer_supplement"), "open"),
    Scenario("waiting_payment", 2, ("transfer", "payment"), "open"),
    Scenario("result_ready", 3, ("transfer", "review", "approve"), "open"),
    Scenario("ineligible_ready", 1, ("transfer", "forward", "ineligible"), "open"),
]

# Share of the time left that passes before each action (pauses are fixed instead).
ACTION_WEIGHT = {
    "accept_online": 0.3,
    "transfer": 0.3,
    "forward": 3.0,
    "to_partner": 1.0,
    "partner_forward": 3.0,
    "from_partner": 1.0,
    "supplement": 1.5,
    "payment": 2.0,
    "reschedule": 1.0,
    "approve": 1.0,
    "ineligible": 1.5,
    "return": 0.6,
    "refuse": 0.1,
    "withdraw": 2.0,
    "stop": 2.0,
}
PAUSES = {"answer_supplement", "paid"}

REFUSAL_REASONS = [
    "Hồ sơ không thuộc thẩm quyền giải quyết của cơ quan.",
    "Người nộp không xuất trình được giấy tờ tùy thân bản chính để đối chiếu.",
    "Yêu cầu đã được giải quyết trước đó; không tiếp nhận trùng.",
]
SUPPLEMENT_REASONS = [
    "Thiếu bản sao giấy tờ chứng minh nơi cư trú.",
    "Tờ khai chưa có chữ ký của người yêu cầu.",
    "Giấy tờ nộp kèm đã hết hiệu lực, đề nghị bổ sung bản còn hiệu lực.",
    "Thông tin trên tờ khai không khớp với giấy tờ tùy thân, đề nghị kê khai lại.",
]
INELIGIBLE_REASONS = [
    "Người yêu cầu không đủ điều kiện theo quy định.",
    "Thông tin trong hồ sơ không khớp với Cơ sở dữ liệu quốc gia về dân cư.",
]
WITHDRAW_REASONS = [
    "Công dân có đơn xin rút hồ sơ để hoàn thiện lại thông tin.",
    "Công dân không còn nhu cầu giải quyết.",
]
STOP_REASONS = [
    "Công dân đề nghị dừng giải quyết do thay đổi nhu cầu.",
    "Công dân không bổ sung hồ sơ theo yêu cầu và đề nghị dừng giải quyết.",
]
RESCHEDULE_REASONS = [
    "Cần xác minh thêm thông tin với cơ quan liên quan.",
    "Số lượng hồ sơ tăng đột biến, chưa kịp thẩm định.",
    "Chờ kết quả liên thông từ cơ quan phối hợp.",
]


@dataclass
class Planned:
    """One dossier to build: what, where and when it was received."""

    scenario: Scenario
    procedure: ProcedurePage
    channel: str
    receiving: Agency
    processing: Agency
    received_at: datetime.datetime
    seed: int


@dataclass
class DemoOutcome:
    by_scenario: Counter = field(default_factory=Counter)
    failures: Counter = field(default_factory=Counter)
    samples: list = field(default_factory=list)


def scenario_counts(total: int) -> list[tuple[Scenario, int]]:
    """Exact counts per scenario summing to ``total`` (largest remainder), each at least
    one when ``total`` allows it, so that a small demo still shows every state."""
    weights = sum(s.weight for s in SCENARIOS)
    raw = [(s, total * s.weight / weights) for s in SCENARIOS]
    counts = {s.key: int(share) for s, share in raw}
    if total >= len(SCENARIOS):
        for s in SCENARIOS:
            counts[s.key] = max(counts[s.key], 1)
    left = total - sum(counts.values())
    by_remainder = sorted(raw, key=lambda item: item[1] - int(item[1]), reverse=True)
    for s, _share in by_remainder:
        if left <= 0:
            break
        counts[s.key] += 1
        left -= 1
    while left < 0:  # the minimum of one overshot: take back from the largest
        largest = max(SCENARIOS, key=lambda s: counts[s.key])
        counts[largest.key] -= 1
        left += 1
    return [(s, counts[s.key]) for s in SCENARIOS if counts[s.key] > 0]


class DemoBuilder:
    """Plans and builds the demo dossiers; ``now`` fixes "the present" for the whole run."""

    def __init__(self, staff: Staff, rng: random.Random, people: PeopleFactory, now=None):
        self.staff = staff
        self.rng = rng
        self.people = people
        self.now = now or timezone.now()
        self.result_numbers = Counter()

    # --- Planning ---------------------------------------------------------------------

    def pools(self) -> tuple[list, list]:
        """(procedure, processing agency) pairs at province level and at commune level."""
        procedures = (
            ProcedurePage.objects.live()
            .order_by("path")
            .prefetch_related(
                "channels",
                Prefetch("documents", queryset=DocumentRequirement.objects.order_by("sort_order")),
                "implementing_agencies",
            )
        )
        departments = {a.pk: a for a in self.staff.departments}
        communes = {a.pk: a for a in self.staff.communes}
        province, commune = [], []
        for page in procedures:
            for agency in page.implementing_agencies.all():
                if agency.pk in departments and self.staff.centre is not None:
                    province.append((page, departments[agency.pk]))
                elif agency.pk in communes:
                    commune.append((page, communes[agency.pk]))
        return province, commune

    def plan(self, total: int) -> list[Planned]:
        province, commune = self.pools()
        if not province and not commune:
            return []
        rng = self.rng
        keys = [s for s, count in scenario_counts(total) for _ in range(count)]
        rng.shuffle(keys)
        planned = []
        for scenario in keys:
            if scenario.province_only and not (province and self.staff.partner):
                scenario = SCENARIOS[0]
            use_province = bool(province) and (
                scenario.province_only or not commune or rng.random() < 0.6
            )
            pool = province if use_province else commune
            page, processing = self._pick(pool, timed=scenario.finish != "closed")
            channel = "truc-tuyen" if scenario.online else self._channel(page)
            receiving = self.staff.centre if use_province else processing
            received_at = self._received_at(scenario, page, channel, receiving)
            planned.append(
                Planned(
                    scenario,
                    page,
                    channel,
                    receiving,
                    processing,
                    received_at,
                    rng.randrange(2**32),
                )
            )
        # Receipt order: each agency's daily sequence then follows the clock.
        planned.sort(key=lambda p: p.received_at)
        return planned

    def _pick(self, pool, *, timed: bool):
        for _attempt in range(8):
            page, agency = self.rng.choice(pool)
            if not timed or any(self._timed(rule) for rule in page.channels.all()):
                return page, agency
        return page, agency

    @staticmethod
    def _timed(rule) -> bool:
        return rule.time_limit_unit in TIMED_UNITS and (
            rule.time_limit_value is not None or rule.time_limit_unit == "same_day"
        )

    def _channel(self, page: ProcedurePage) -> str:
        rules = list(page.channels.all())
        timed = {r.channel for r in rules if self._timed(r)}
        offered = timed or {r.channel for r in rules} or {"truc-tiep"}
        choices = sorted(c for c in offered if c in CHANNEL_WEIGHTS) or ["truc-tiep"]
        return self.rng.choices(choices, [CHANNEL_WEIGHTS[c] for c in choices])[0]

    def _office_moment(self, day: datetime.date, calendar, hours) -> datetime.datetime:
        day = calendar.next_working_day(day, include_self=True)
        minutes = self.rng.randint(10, 7 * 60 + 40)
        return add_office_time(
            combine_local(day, hours.opening), minutes * MINUTE, calendar=calendar,
            office_hours=hours,
        )  # fmt: skip

    def _received_at(self, scenario, page, channel, agency) -> datetime.datetime:
        calendar, hours = calendar_for(agency.pk)
        rng, today = self.rng, timezone.localtime(self.now).date()
        latest = self.now - 10 * MINUTE
        if scenario.finish == "open":
            back = rng.randint(0, 2) if scenario.key == "received" else rng.randint(1, 20)
            day = calendar.add_working_days(calendar.next_working_day(today), -back - 1)
            moment = self._office_moment(day, calendar, hours)
            while moment > latest:
                moment = self._office_moment(
                    calendar.add_working_days(moment.date(), -1), calendar, hours
                )
            return moment
        moment = self._office_moment(
            today - datetime.timedelta(days=rng.randint(1, 365)), calendar, hours
        )
        rule = page.channel_rule(channel, moment.date())
        extra = 8 * HOUR
        extra += 56 * HOUR * sum(a in PAUSES for a in scenario.actions)
        extra += 48 * HOUR * (scenario.finish == "late")
        extra += 40 * HOUR * ("reschedule" in scenario.actions)
        for _attempt in range(10):
            due = None
            if rule is not None:
                due = compute_due(
                    moment,
                    rule.time_limit_value,
                    rule.time_limit_unit,
                    calendar=calendar,
                    office_hours=hours,
                )
            end = add_office_time(
                due or moment, extra + 40 * HOUR * (due is None),
                calendar=calendar, office_hours=hours,
            )  # fmt: skip
            if end <= latest:
                return moment
            moment = self._office_moment(
                (moment - (end - latest) - datetime.timedelta(days=1)).date(), calendar, hours
            )
        return moment

    # --- Building ---------------------------------------------------------------------

    def build(
        self,
        planned: list[Planned],
        *,
        advance: Callable[[int], None] = lambda _n: None,
        chunk: int = 100,
    ) -> DemoOutcome:
        outcome = DemoOutcome()
        for start in range(0, len(planned), chunk):
            with transaction.atomic():
                for item in planned[start : start + chunk]:
                    dossier = self.build_one(item, outcome)
                    wanted = item.scenario.key in ("returned_early", "processing_specialist")
                    if dossier is not None and wanted and len(outcome.samples) < 3:
                        outcome.samples.append(dossier)
                    advance(1)
        return outcome

    def build_one(self, item: Planned, outcome: DemoOutcome):
        rng = random.Random(item.seed)  # noqa: S311 - demo data, not security
        desk = self.staff.get(item.receiving, OfficerRole.DESK)
        if item.scenario.online:
            dossier = services.submit_online(
                procedure=item.procedure,
                agency=item.receiving,
                applicant=self.people.applicant(),
                submitted_at=item.received_at,
            )
        else:
            dossier = services.receive_dossier(
                actor=desk,
                procedure=item.procedure,
                agency=item.receiving,
                channel=item.channel,
                applicant=self.people.applicant(),
                received_at=item.received_at,
                sets=1 if rng.random() < 0.9 else 2,
            )
        outcome.by_scenario[item.scenario.key] += 1
        run = _Run(self, item, dossier, rng)
        actions = self._expand(item)
        for index, action in enumerate(actions):
            try:
                run.step(action, actions[index:])
            except services.DossierError as error:
                outcome.failures[f"{item.scenario.key}:{action}:{error.code}"] += 1
                break
        return run.dossier

    def _expand(self, item: Planned) -> list[str]:
        has_head = self.staff.has(item.processing, OfficerRole.DEPARTMENT_HEAD)
        actions: list[str] = []
        for action in item.scenario.actions:
            if action == "review":
                actions += ["forward", "forward"] if has_head else ["forward"]
            else:
                actions.append(action)
        return actions

    def next_result_number(self, agency: Agency, at: datetime.datetime) -> str:
        year = timezone.localtime(at).year
        self.result_numbers[(agency.pk, year)] += 1
        abbreviation = "".join(w[0] for w in (agency.short_name or agency.name).split())[:6]
        return f"{self.result_numbers[(agency.pk, year)]:04d}/{year}/KQ-{abbreviation.upper()}"


class _Run:
    """The actions of one dossier, each at a time after the previous one."""

    def __init__(self, builder: DemoBuilder, item: Planned, dossier, rng: random.Random):
        self.builder, self.item, self.dossier, self.rng = builder, item, dossier, rng
        self.t = item.received_at
        self.calendar, self.hours = calendar_for(item.receiving.pk)
        # Fixed once, so that the horizon only moves when the appointment moves.
        self.early_days = rng.choice([1, 1, 2, 3, 5])
        self.on_time_minutes = rng.randint(0, 90)
        self.late_hours = rng.randint(4, 48)
        self.closed_hours = rng.randint(2, 60)
        self.fraction = rng.uniform(0.3, 0.8)

    # Time ---------------------------------------------------------------------------

    def _office(self, start, delta) -> datetime.datetime:
        return add_office_time(start, delta, calendar=self.calendar, office_hours=self.hours)

    def _between(self, start, end) -> datetime.timedelta:
        return office_time_between(start, end, calendar=self.calendar, office_hours=self.hours)

    def horizon(self) -> datetime.datetime:
        finish, latest = self.item.scenario.finish, self.builder.now - 5 * MINUTE
        received = self.item.received_at
        if finish == "open":
            return latest
        if finish == "closed":
            return min(self._office(received, self.closed_hours * HOUR), latest)
        due = self.dossier.due_at or self._office(received, 40 * HOUR)
        if finish == "late":
            return self._office(due, self.late_hours * HOUR)
        if finish == "early":
            day = self.calendar.add_working_days(timezone.localtime(due).date(), -self.early_days)
            start = timezone.localtime(received).date()
            if day > start:
                return self._office(combine_local(day, self.hours.opening), self._share_of_day())
            # Too short a time limit to finish a day early: finish well within the day.
            return received + (due - received) * self.fraction
        candidate = due - self.on_time_minutes * MINUTE
        due_day = timezone.localtime(due).date()
        if timezone.localtime(candidate).date() != due_day:
            candidate = max(combine_local(due_day, self.hours.opening), received)
        return max(candidate, received + (due - received) * 0.9)

    def _share_of_day(self) -> datetime.timedelta:
        return self.hours.day_length * self.fraction

    def next_time(self, action: str, remaining: list[str]) -> datetime.datetime:
        horizon = self.horizon()
        if action in PAUSES:
            wait = self.rng.randint(8, 56) * HOUR
            if self.item.scenario.finish == "open":
                wait = min(wait, self._between(self.t, horizon) * self.fraction)
            at = self._office(self.t, max(wait, 10 * MINUTE))
        else:
            weights = [ACTION_WEIGHT.get(a, 1.0) for a in remaining if a not in PAUSES]
            span = self._between(self.t, horizon)
            last = len(weights) == 1 and self.item.scenario.finish in ("early", "on_time", "late")
            if last and horizon > self.t:
                at = horizon
            elif span > 10 * MINUTE:
                share = weights[0] / sum(weights) * self.rng.uniform(0.6, 1.0)
                at = self._office(self.t, span * share)
            else:
                at = self.t + self.rng.randint(2, 15) * MINUTE
        at = max(at, self.t + MINUTE)
        if at > self.builder.now:
            at = self.t + (self.builder.now - self.t) / 2
        return at

    # Actions ------------------------------------------------------------------------

    def officer(self, agency_id: int, role: str):
        return self.builder.staff.get(agency_id, role)

    def stage_officer(self):
        d = self.dossier
        role = {
            Stage.SPECIALIST: OfficerRole.SPECIALIST,
            Stage.DEPARTMENT_HEAD: OfficerRole.DEPARTMENT_HEAD,
            Stage.AGENCY_HEAD: OfficerRole.AGENCY_HEAD,
        }.get(Stage(d.stage), OfficerRole.SPECIALIST)
        return self.officer(d.current_agency_id, role) or self.officer(
            d.current_agency_id, OfficerRole.AGENCY_HEAD
        )

    def leader(self):
        d = self.dossier
        if d.stage == Stage.DEPARTMENT_HEAD:
            return self.officer(d.current_agency_id, OfficerRole.DEPARTMENT_HEAD)
        return self.officer(d.current_agency_id, OfficerRole.AGENCY_HEAD) or self.officer(
            d.current_agency_id, OfficerRole.DEPARTMENT_HEAD
        )

    def fire(self, name: str, actor, at, **params) -> None:
        self.dossier = services.fire(
            self.dossier, name, actor=actor, version=self.dossier.version, at=at, **params
        )
        self.t = at

    def step(self, action: str, remaining: list[str]) -> None:
        if action == "reschedule":
            self.reschedule(remaining)
            return
        at = self.next_time(action, remaining)
        getattr(self, f"do_{action}")(at)

    def do_accept_online(self, at):
        desk = self.officer(self.item.receiving.pk, OfficerRole.DESK)
        self.fire("accept_online", desk, at)

    def do_transfer(self, at):
        desk = self.officer(self.item.receiving.pk, OfficerRole.DESK)
        self.fire("transfer", desk, at, to_agency=self.item.processing)

    def do_forward(self, at):
        d = self.dossier
        params = {}
        if d.stage == Stage.SPECIALIST and not self.officer(
            d.current_agency_id, OfficerRole.DEPARTMENT_HEAD
        ):
            params["to_stage"] = Stage.AGENCY_HEAD
        self.fire("forward", self.stage_officer(), at, **params)

    def do_to_partner(self, at):
        self.fire("forward_to_agency", self.leader(), at, to_agency=self.builder.staff.partner)

    def do_partner_forward(self, at):
        self.do_forward(at)

    def do_from_partner(self, at):
        self.fire("forward_to_agency", self.leader(), at, to_agency=self.item.processing)

    def do_supplement(self, at):
        documents = [d.name for d in self.item.procedure.documents.all() if d.kind == "submit"]
        missing = self.rng.sample(documents, min(len(documents), self.rng.randint(1, 2)))
        self.fire(
            "request_supplement",
            self.stage_officer(),
            at,
            note=self.rng.choice(SUPPLEMENT_REASONS),
            missing_documents=missing,
        )

    def do_answer_supplement(self, at):
        desk = self.officer(self.dossier.current_agency_id, OfficerRole.DESK)
        self.fire("receive_supplement", desk, at)

    def do_payment(self, at):
        self.fire("request_payment", self.stage_officer(), at)

    def do_paid(self, at):
        self.fire("confirm_payment", self.stage_officer(), at)

    def reschedule(self, remaining: list[str]) -> None:
        """At the latest one working day before the appointment, by the agency head."""
        due = self.dossier.due_at
        if due is None:
            return
        at = self.next_time("reschedule", remaining)
        latest_day = self.calendar.add_working_days(timezone.localtime(due).date(), -1)
        if timezone.localtime(at).date() > latest_day:
            at = self._office(combine_local(latest_day, self.hours.opening), 30 * MINUTE)
        if at <= self.t:
            return  # too late for an apology: the dossier simply goes on
        leader = self.officer(self.dossier.current_agency_id, OfficerRole.AGENCY_HEAD)
        new_due = self._office(due, self.rng.randint(16, 40) * HOUR)
        self.fire(
            "reschedule",
            leader,
            at,
            note=self.rng.choice(RESCHEDULE_REASONS),
            new_due_at=new_due,
        )

    def do_approve(self, at):
        number = self.builder.next_result_number(self.dossier.current_agency, at)
        self.fire("approve", self.leader(), at, result_number=number)

    def do_ineligible(self, at):
        self.fire("reject_ineligible", self.leader(), at, note=self.rng.choice(INELIGIBLE_REASONS))

    def do_return(self, at):
        desk = self.officer(self.item.receiving.pk, OfficerRole.DESK)
        self.fire("return_result", desk, at, method=RETURN_METHOD[self.item.channel])

    def do_refuse(self, at):
        desk = self.officer(self.item.receiving.pk, OfficerRole.DESK)
        self.fire("refuse", desk, at, note=self.rng.choice(REFUSAL_REASONS))

    def do_withdraw(self, at):
        desk = self.officer(self.item.receiving.pk, OfficerRole.DESK)
        self.fire("withdraw", desk, at, note=self.rng.choice(WITHDRAW_REASONS))

    def do_stop(self, at):
        desk = self.officer(self.item.receiving.pk, OfficerRole.DESK)
        self.fire("stop", desk, at, note=self.rng.choice(STOP_REASONS))


def status_counts(dossiers: Iterable) -> Counter:
    return Counter(d.status for d in dossiers)

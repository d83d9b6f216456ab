"""The officers' back office in the Wagtail admin: queues, search, the dossier page, the
receipt form and one small form per workflow action.

Reads go through :mod:`dossiers.queries.backoffice`, writes through :mod:`dossiers.services`;
these views only translate between HTTP and those two.
"""

from dataclasses import dataclass, replace

from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from procedures_pages.models import ProcedurePage

from ..calendars import calendar_for
from ..models import Attachment, ChecklistItem, Dossier, FeePayment, OfficerRole, Status
from ..queries import backoffice as queries
from ..queries.backoffice import Queue
from ..services import (
    DossierError,
    StaleVersion,
    available_transitions,
    fire,
    receive_dossier,
)
from ..workflow import TRANSITIONS
from ..working_time import OpenStatus, open_status
from .attachments_views import DossierFilesMixin
from .forms import ActionForm, DossierFilterForm, ProcedureChoiceForm, ReceiveForm
from .history import action_label, dossier_history

URL_NAMESPACE = "dossiers_backoffice"
PAGE_SIZE = queries.DEFAULT_PAGE_SIZE

# Status shortcuts of the "all dossiers" list: the waiting queues of DOMAIN.md §2.
STATUS_SHORTCUTS = [
    (Status.SUBMITTED, gettext_lazy("Chờ tiếp nhận trực tuyến")),
    (Status.SUPPLEMENT_REQUESTED, gettext_lazy("Chờ bổ sung hồ sơ")),
    (Status.WAITING_PAYMENT, gettext_lazy("Chờ thực hiện nghĩa vụ tài chính")),
    (Status.RESULT_READY, gettext_lazy("Có kết quả, chờ trả")),
]


def url(name: str, *args) -> str:
    return reverse(f"{URL_NAMESPACE}:{name}", args=args)


def forbidden(request, message: str = "") -> TemplateResponse:
    """A 403 page inside the admin (Wagtail turns a raised PermissionDenied into a
    redirect to the dashboard, which hides the refusal)."""
    return TemplateResponse(
        request,
        "dossiers/backoffice/forbidden.html",
        {
            "header_title": _("Không có quyền truy cập"),
            "page_title": _("Không có quyền truy cập"),
            "breadcrumbs_items": [{"url": reverse("wagtailadmin_home"), "label": _("Trang chủ")}],
            "message": message
            or _("Chỉ cán bộ của cơ quan nhà nước được sử dụng chức năng quản lý hồ sơ."),
        },
        status=403,
    )


@dataclass(frozen=True)
class Badge:
    label: str
    css: str  # modifier of the ``mc-badge`` class


def deadline_badge(dossier: Dossier, now, calendar) -> Badge | None:
    """Where the dossier stands against its appointment (DOMAIN.md §4)."""
    if dossier.is_closed:
        if dossier.timeliness:
            return Badge(dossier.get_timeliness_display(), dossier.timeliness)
        return None
    if dossier.status not in queries.CLOCK_RUNNING_STATUSES:
        return Badge(_("Tạm dừng tính thời hạn"), "paused")
    if dossier.due_at is None:
        return None
    state = open_status(dossier.due_at, now, calendar=calendar)
    return Badge(OpenStatus(state).label, str(state))


class BackofficeView(WagtailAdminTemplateMixin, View):
    """Officers (and superusers) only; everyone else gets a 403 page."""

    header_icon = "folder-open-inverse"

    def dispatch(self, request, *args, **kwargs):
        if not queries.can_use_backoffice(request.user):
            return forbidden(request)
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": url("all"), "label": _("Hồ sơ")},
            *self.extra_breadcrumbs(),
        ]

    def extra_breadcrumbs(self) -> list[dict]:
        return [{"url": "", "label": self.get_page_title()}]

    def render(self, **context):
        return self.render_to_response(self.get_context_data(**context))


# --- Lists ----------------------------------------------------------------------------------


class DossierListView(BackofficeView):
    template_name = "dossiers/backoffice/dossier_list.html"
    queue = Queue.ALL
    page_title = gettext_lazy("Tất cả hồ sơ")
    header_icon = "list-ul"

    def extra_breadcrumbs(self):
        return [] if self.queue == Queue.ALL else super().extra_breadcrumbs()

    def get(self, request):
        now = timezone.now()
        queryset = queries.queue_dossiers(request.user, self.queue, now=now)
        filter_form = None
        ranked = None
        if self.queue == Queue.ALL:
            filter_form = DossierFilterForm(request.GET)
            if filter_form.is_valid():
                filters = filter_form.filters()
                # The search (when installed) matches the applicant text without
                # diacritics and ranks; the other filters stay in the database.
                ranked = queries.ranked_search_ids(request.user, filters.applicant)
                if ranked is not None:
                    filters = replace(filters, applicant="")
                queryset = queries.filter_dossiers(queryset, filters)
        if ranked is not None:
            queryset = queries.rank_by(queryset, ranked)
            page = queries.ranked_page(queryset, after=request.GET.get("after"), size=PAGE_SIZE)
        else:
            page = queries.keyset_page(
                queryset,
                ordering=queries.ORDERING_OF_QUEUE[self.queue],
                after=request.GET.get("after"),
                size=PAGE_SIZE,
            )
        count, more = queries.bounded_count(queryset)
        officer = queries.officer_or_none(request.user)
        calendar, _hours = calendar_for(officer.agency_id if officer else None)
        rows = [(dossier, deadline_badge(dossier, now, calendar)) for dossier in page.rows]
        return self.render(
            queue=self.queue,
            rows=rows,
            page=page,
            count=count,
            more=more,
            count_cap=queries.DEFAULT_COUNT_CAP,
            filter_form=filter_form,
            next_url=self._page_url(page.next_cursor) if page.next_cursor else "",
            first_url=self._page_url(None),
            status_shortcuts=[
                (label, f"{url('all')}?status={int(status)}") for status, label in STATUS_SHORTCUTS
            ],
            officer=officer,
        )

    def _page_url(self, cursor: str | None) -> str:
        query = self.request.GET.copy()
        query.pop("after", None)
        if cursor:
            query["after"] = cursor
        encoded = query.urlencode()
        return f"{self.request.path}?{encoded}" if encoded else self.request.path


class ActionQueueView(DossierListView):
    queue = Queue.ACTION
    page_title = gettext_lazy("Cần xử lý")
    header_icon = "tasks"


class OverdueQueueView(DossierListView):
    queue = Queue.OVERDUE
    page_title = gettext_lazy("Quá hạn")
    header_icon = "warning"


class NearDueQueueView(DossierListView):
    queue = Queue.NEAR_DUE
    page_title = gettext_lazy("Tới hạn")
    header_icon = "time"


# --- The dossier page ---------------------------------------------------------------------


def _visible_dossier(user, pk: int) -> Dossier:
    """The dossier if ``user`` may see it; a dossier of another agency is a 404, which
    does not even confirm that the code exists."""
    return get_object_or_404(
        queries.visible_dossiers(user).select_related("current_handler"), pk=pk
    )


class DossierDetailView(DossierFilesMixin, BackofficeView):
    """The dossier page. The same view, with ``files_action`` set, receives the upload and
    fee forms of the page (:class:`~.attachments_views.DossierFilesMixin`)."""

    template_name = "dossiers/backoffice/dossier_detail.html"
    header_icon = "doc-full"

    def get_page_title(self):
        return _("Hồ sơ %(code)s") % {"code": self.dossier.code}

    def load_dossier(self, pk: int) -> Dossier:
        self.dossier = _visible_dossier(self.request.user, pk)
        return self.dossier

    def get(self, request, pk: int):
        if self.files_action:  # the forms' URLs only take POSTs
            return redirect(url("detail", pk))
        return self.render_page(self.load_dossier(pk))

    def render_page(self, dossier: Dossier, **forms):
        calendar, _hours = calendar_for(dossier.receiving_agency_id)
        events = list(
            dossier.events.select_related("from_agency", "to_agency").order_by("at", "pk")
        )
        actions = [
            (spec, url("action_form", dossier.pk, spec.name))
            for spec in available_transitions(dossier, self.request.user)
        ]
        checklist = list(dossier.checklist.all())
        files = self.files_context(dossier, checklist, **forms)
        # A model listed empty on this page has no history rows to look up either.
        empty = [
            model
            for model, rows in (
                (ChecklistItem, checklist),
                (Attachment, files["document_groups"]),
                (FeePayment, files["fees"]),
            )
            if not rows
        ]
        return self.render(
            dossier=dossier,
            badge=deadline_badge(dossier, timezone.now(), calendar),
            checklist=checklist,
            events=[(event, action_label(event.transition)) for event in events],
            # The plain list too, for template tags that read the events (the documents
            # section of ``publishing_tags``) without querying them again.
            dossier_events=events,
            history=dossier_history(dossier, empty=empty),
            actions=actions,
            **files,
        )


class DossierActionView(BackofficeView):
    """GET: the form of one action; POST: fire it through the service."""

    template_name = "dossiers/backoffice/action_form.html"
    header_icon = "resubmit"

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.spec = TRANSITIONS.get(kwargs["action"])

    def get_page_title(self):
        return str(self.spec.label)

    def extra_breadcrumbs(self):
        return [
            {"url": url("detail", self.dossier.pk), "label": self.dossier.code},
            {"url": "", "label": self.get_page_title()},
        ]

    def _load(self, request, pk):
        if self.spec is None:
            raise Http404
        self.dossier = _visible_dossier(request.user, pk)

    def get(self, request, pk: int, action: str):
        self._load(request, pk)
        if self.spec not in available_transitions(self.dossier, request.user):
            return forbidden(
                request,
                _("Bạn không thể thực hiện “%(action)s” đối với hồ sơ này lúc này.")
                % {"action": self.spec.label},
            )
        form = ActionForm(
            spec=self.spec, dossier=self.dossier, initial={"version": self.dossier.version}
        )
        return self.render(form=form, dossier=self.dossier, spec=self.spec, stale=False)

    def post(self, request, pk: int, action: str):
        # No availability check before the service: a repeated submit must meet the
        # version check (a clear "stale" message), not a bare refusal.
        self._load(request, pk)
        form = ActionForm(request.POST, spec=self.spec, dossier=self.dossier)
        stale = False
        if form.is_valid():
            try:
                dossier = fire(
                    self.dossier,
                    self.spec.name,
                    actor=request.user,
                    version=form.cleaned_data["version"],
                    note=form.cleaned_data["note"],
                    **form.service_params(),
                )
            except StaleVersion as error:
                stale = True
                form.add_error(None, error.message)
            except DossierError as error:
                form.add_error(None, error.message)
            else:
                messages.success(
                    request,
                    _("Đã thực hiện “%(action)s” đối với hồ sơ %(code)s.")
                    % {"action": self.spec.label, "code": dossier.code},
                )
                if queries.visible_dossiers(request.user).filter(pk=dossier.pk).exists():
                    return redirect(url("detail", dossier.pk))
                return redirect(url("action"))
        return self.render(form=form, dossier=self.dossier, spec=self.spec, stale=stale)


# --- Receipt --------------------------------------------------------------------------------


class ReceiveView(BackofficeView):
    """Two steps without JavaScript: GET ``?procedure=<id>`` shows the checklist and the
    applicant fields of that procedure, POST receives the dossier."""

    template_name = "dossiers/backoffice/receive.html"
    page_title = gettext_lazy("Tiếp nhận hồ sơ")
    header_icon = "form"

    def dispatch(self, request, *args, **kwargs):
        if not queries.can_use_backoffice(request.user):
            return forbidden(request)
        officer = queries.officer_or_none(request.user)
        if officer is None or officer.role != OfficerRole.DESK:
            return forbidden(request, _("Chỉ cán bộ bộ phận một cửa được tiếp nhận hồ sơ."))
        return super().dispatch(request, *args, **kwargs)

    def get(self, request):
        chooser = ProcedureChoiceForm(request.GET if "procedure" in request.GET else None)
        form = None
        if chooser.is_bound and chooser.is_valid():
            procedure = chooser.cleaned_data["procedure"]
            form = ReceiveForm(procedure=procedure)
        return self.render(chooser=chooser, form=form)

    def post(self, request):
        procedure = self._posted_procedure(request.POST.get("procedure"))
        if procedure is None:
            chooser = ProcedureChoiceForm(request.POST)
            chooser.is_valid()
            return self.render(chooser=chooser, form=None)
        form = ReceiveForm(request.POST, procedure=procedure)
        if form.is_valid():
            data = form.cleaned_data
            try:
                dossier = receive_dossier(
                    actor=request.user,
                    procedure=procedure,
                    agency=request.user.officer.agency,
                    channel=data["channel"],
                    applicant=form.applicant(),
                    received_at=data["received_at"],
                    received_documents=data["documents"],
                    subject=data["subject"],
                    sets=data["sets"],
                    note=data["note"],
                    submission_key=data["submission_key"],
                )
            except DossierError as error:
                form.add_error(self._error_field(error.code), error.message)
            else:
                messages.success(
                    request,
                    _("Đã tiếp nhận hồ sơ %(code)s. Mã tra cứu trao cho người nộp: %(secret)s.")
                    % {"code": dossier.code, "secret": dossier.lookup_secret},
                )
                return redirect(url("detail", dossier.pk))
        chooser = ProcedureChoiceForm(initial={"procedure": procedure.pk})
        return self.render(chooser=chooser, form=form)

    @staticmethod
    def _posted_procedure(value):
        try:
            pk = int(value)
        except (TypeError, ValueError):
            return None
        return ProcedurePage.objects.live().filter(pk=pk).first()

    @staticmethod
    def _error_field(code: str) -> str | None:
        return {
            "missing_applicant": "applicant_name",
            "invalid_channel": "channel",
            "received_in_future": "received_at",
        }.get(code)

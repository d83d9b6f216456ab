"""Issuing and downloading a dossier's documents from the back-office dossier page
(``{% dossier_documents_admin %}`` and ``publishing.views_admin``)."""

import hashlib
import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.messages import get_messages
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from dossiers import roles, services
from publishing.applicability import dossier_facts, issuable_forms
from publishing.models import IssuedDocument
from tests.dossiers.factories import vn

SECTION = "Văn bản, biểu mẫu"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture(autouse=True)
def _admin_officers(people):
    """The shared fixtures make bare Officer rows; the back office also needs the role
    groups (Wagtail admin access), as ``roles.make_officer`` gives real officers."""
    for user in people.values():
        officer = user.officer
        roles.make_officer(user, officer.agency, officer.role, title=officer.title)


def detail_url(dossier):
    return reverse("dossiers_backoffice:detail", args=[dossier.pk])


def issue_url(dossier, form):
    return reverse("publishing_admin:issue", args=[dossier.pk, form])


def buttons(html: str) -> set[str]:
    return set(re.findall(r'data-issue-form="([a-z_]+)"', html))


def messages_of(response) -> list[str]:
    return [str(message.message) for message in get_messages(response.wsgi_request)]


def fire(dossier, name, actor, at, **kwargs):
    return services.fire(dossier, name, actor=actor, version=dossier.version, at=at, **kwargs)


@pytest.fixture
def approved(dossier, people):
    """Transferred to the Department of Justice and approved by its director."""
    d = fire(dossier, "transfer", people["desk"], vn(2026, 3, 5, 10, 0))
    d = fire(d, "forward", people["specialist"], vn(2026, 3, 6, 9, 0))
    d = fire(d, "forward", people["head"], vn(2026, 3, 6, 14, 0))
    return fire(d, "approve", people["leader"], vn(2026, 3, 9, 10, 0), result_number="12/TLKS")


def test_officer_sees_the_section_with_the_receipt_button(client, dossier, people):
    client.force_login(people["desk"])
    response = client.get(detail_url(dossier))
    html = response.content.decode()
    assert response.status_code == 200
    assert SECTION in html
    assert "Chưa có văn bản nào được phát hành cho hồ sơ này." in html
    # Just received: the receipt and the control sheet, nothing that needs a later event.
    assert buttons(html) == {"receipt", "control_sheet"}
    assert f'action="{issue_url(dossier, "receipt")}"' in html
    section = html[html.index('id="dossier-documents"') :]
    assert 'name="csrfmiddlewaretoken"' in section[: section.index("</section>")]


def test_issuing_a_receipt_lists_it_and_regenerating_makes_a_new_record(client, dossier, people):
    client.force_login(people["desk"])
    response = client.post(issue_url(dossier, "receipt"))
    assert response.status_code == 302
    assert response.url == detail_url(dossier) + "#dossier-documents"
    first = IssuedDocument.objects.get(dossier=dossier)
    assert (first.form, first.agency, first.generated_by) == (
        "receipt",
        dossier.receiving_agency,
        people["desk"],
    )
    assert any(first.verification_code in message for message in messages_of(response))

    response = client.post(issue_url(dossier, "receipt"))
    assert response.status_code == 302
    documents = list(IssuedDocument.objects.filter(dossier=dossier))
    assert len(documents) == 2
    second = documents[0]  # newest first
    assert second.pk != first.pk and second.verification_code != first.verification_code

    html = client.get(detail_url(dossier)).content.decode()
    for document in documents:
        assert f'data-document-code="{document.verification_code}"' in html
    assert "Giấy tiếp nhận hồ sơ và hẹn trả kết quả" in html
    assert "Trần Văn Đức" in html  # who issued it
    rows = re.findall(r'data-document-code="([A-Z0-9]+)"', html)
    assert rows == [second.verification_code, first.verification_code]  # newest first


def test_officer_of_another_agency_can_neither_see_nor_issue(client, dossier, people):
    client.force_login(people["outsider"])  # the provincial committee: never involved
    assert client.get(detail_url(dossier)).status_code == 404
    assert client.post(issue_url(dossier, "receipt")).status_code == 404
    assert client.get(issue_url(dossier, "receipt")).status_code == 404
    assert not IssuedDocument.objects.exists()


def test_a_user_who_is_not_an_officer_is_refused(client, dossier):
    editor = get_user_model().objects.create_user("editor", password="x", is_staff=True)
    editor.user_permissions.add(*_admin_access())
    client.force_login(editor)
    assert client.post(issue_url(dossier, "receipt")).status_code == 403
    assert not IssuedDocument.objects.exists()


def _admin_access():
    from django.contrib.auth.models import Permission

    return Permission.objects.filter(
        content_type__app_label="wagtailadmin", codename="access_admin"
    )


def test_unknown_and_period_forms_are_not_found(client, dossier, people):
    client.force_login(people["desk"])
    assert client.post(issue_url(dossier, "no_such_form")).status_code == 404
    assert client.post(issue_url(dossier, "register")).status_code == 404
    assert not IssuedDocument.objects.exists()


def test_a_form_that_does_not_apply_has_no_button_and_a_forced_post_issues_nothing(
    client, dossier, people
):
    client.force_login(people["desk"])
    assert "apology" not in buttons(client.get(detail_url(dossier)).content.decode())

    response = client.post(issue_url(dossier, "apology"))
    assert response.status_code == 302
    assert not IssuedDocument.objects.exists()
    errors = messages_of(response)
    assert any(
        "Không lập được “Phiếu xin lỗi và hẹn lại ngày trả kết quả”" in message
        and dossier.code in message
        for message in errors
    ), errors
    html = client.get(response.url).content.decode()
    assert "Không lập được “Phiếu xin lỗi và hẹn lại ngày trả kết quả”" in html


def test_the_apology_button_appears_once_the_appointment_is_postponed(client, dossier, people):
    d = fire(dossier, "transfer", people["desk"], vn(2026, 3, 5, 10, 0))
    d = fire(d, "forward", people["specialist"], vn(2026, 3, 6, 9, 0))
    fire(
        d,
        "reschedule",
        people["leader"],
        vn(2026, 3, 6, 15, 0),
        note="Cần xác minh thêm thông tin với cơ sở y tế nơi trẻ sinh ra.",
        new_due_at=vn(2026, 3, 20, 9, 15),
    )
    client.force_login(people["leader"])
    assert "apology" in buttons(client.get(detail_url(dossier)).content.decode())
    response = client.post(issue_url(dossier, "apology"))
    document = IssuedDocument.objects.get(form="apology")
    # The late agency issues it, numbered in its own sequence.
    assert document.agency == people["leader"].officer.agency
    assert document.number == 1
    assert any(document.number_display in message for message in messages_of(response))


def test_the_result_takes_an_optional_body_on_an_intermediate_page(client, approved, people):
    client.force_login(people["leader"])
    html = client.get(detail_url(approved)).content.decode()
    assert "result" in buttons(html)
    assert f'href="{issue_url(approved, "result")}"' in html  # a link, not a direct POST

    page = client.get(issue_url(approved, "result"))
    assert page.status_code == 200
    assert 'name="body"' in page.content.decode()

    body = "Cấp Trích lục khai sinh cho cháu Nguyễn Minh Khôi.\n\nGiao bản chính cho người nộp."
    response = client.post(issue_url(approved, "result"), {"body": body})
    assert response.status_code == 302
    document = IssuedDocument.objects.get(form="result")
    assert document.params == {"body": body}
    assert document.agency == people["leader"].officer.agency
    assert any(document.verification_code in message for message in messages_of(response))


def test_the_download_link_serves_the_stored_pdf(client, dossier, people):
    client.force_login(people["desk"])
    client.post(issue_url(dossier, "receipt"))
    document = IssuedDocument.objects.get()
    html = client.get(detail_url(dossier)).content.decode()
    href = reverse("publishing:download", kwargs={"code": document.verification_code})
    assert f'href="{href}"' in html
    response = client.get(href)
    assert response.status_code == 200
    data = b"".join(response.streaming_content)
    assert data.startswith(b"%PDF-")
    assert hashlib.sha256(data).hexdigest() == document.sha256


def test_issuable_forms_reads_the_events_once(dossier, people, django_assert_num_queries):
    with django_assert_num_queries(1):
        facts = dossier_facts(dossier)
    with django_assert_num_queries(0):
        keys = [spec.key for spec in issuable_forms(dossier, facts)]
    assert keys == ["receipt", "control_sheet"]
    events = list(dossier.events.all())
    with django_assert_num_queries(0):
        assert dossier_facts(dossier, events) == facts
    d = fire(dossier, "refuse", people["desk"], vn(2026, 3, 5, 9, 30), note="Thiếu giấy chứng sinh")
    assert "refusal" in [spec.key for spec in issuable_forms(d)]


def test_the_dossier_page_query_count_stays_bounded(
    client, dossier, people, django_assert_max_num_queries
):
    client.force_login(people["desk"])
    client.post(issue_url(dossier, "receipt"))
    client.get(detail_url(dossier))  # warm per-process caches (calendar, registry)
    with CaptureQueriesContext(connection) as one:
        assert client.get(detail_url(dossier)).status_code == 200
    for _ in range(4):
        client.post(issue_url(dossier, "receipt"))
    with django_assert_max_num_queries(30), CaptureQueriesContext(connection) as five:
        assert client.get(detail_url(dossier)).status_code == 200
    # No query per document: five documents cost what one did.
    assert len(five.captured_queries) == len(one.captured_queries)

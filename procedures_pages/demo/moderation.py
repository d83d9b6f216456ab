"""Editors, moderators and the moderation workflow for news (and the catalogue).

Biên tập viên add and edit pages under the news index and the catalogue but cannot publish;
Kiểm duyệt viên publish, and approve the GroupApprovalTask of the news workflow. Officer roles
for dossiers belong to a later issue.
"""

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

EDITORS = "Biên tập viên"
MODERATORS = "Kiểm duyệt viên"
NEWS_WORKFLOW = "Kiểm duyệt tin tức"
CATALOGUE_WORKFLOW = "Kiểm duyệt thủ tục hành chính"
APPROVAL_TASK = "Kiểm duyệt viên phê duyệt"

# Development server only; printed at the end of load_demo and documented in its help.
DEMO_PASSWORD = "motcua-demo-2026"  # noqa: S105

PAGE_PERMISSIONS = {
    EDITORS: ["add_page", "change_page"],
    MODERATORS: ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"],
}
COLLECTION_PERMISSIONS = [
    ("wagtailimages", "add_image"),
    ("wagtailimages", "choose_image"),
    ("wagtaildocs", "add_document"),
    ("wagtaildocs", "choose_document"),
]
MODEL_PERMISSIONS = {
    EDITORS: ["view_sector", "change_sector", "view_newscategory", "view_agency"],
    MODERATORS: [
        "view_sector",
        "add_sector",
        "change_sector",
        "view_newscategory",
        "add_newscategory",
        "change_newscategory",
        "view_agency",
    ],
}

USERS = [
    # username, first name, last name, group (None: superuser)
    ("admin", "Quản trị", "hệ thống", None),
    ("editor", "Lan", "Nguyễn Thị", EDITORS),
    ("moderator", "Minh", "Trần Văn", MODERATORS),
]


@dataclass
class Moderation:
    editors: Group
    moderators: Group
    news_workflow: Workflow
    catalogue_workflow: Workflow


def _page_permission(codename: str) -> Permission:
    return Permission.objects.get(content_type__app_label="wagtailcore", codename=codename)


def ensure_groups(pages: list[Page]) -> tuple[Group, Group]:
    """The two groups with their page, collection and snippet permissions on ``pages``."""
    access_admin = Permission.objects.get(
        content_type__app_label="wagtailadmin", codename="access_admin"
    )
    root_collection = Collection.get_first_root_node()
    groups = {}
    for name, codenames in PAGE_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(access_admin)
        group.permissions.add(
            *Permission.objects.filter(
                content_type__app_label="procedures_pages", codename__in=MODEL_PERMISSIONS[name]
            )
        )
        for page in pages:
            for codename in codenames:
                GroupPagePermission.objects.get_or_create(
                    group=group, page=page, permission=_page_permission(codename)
                )
        for app_label, codename in COLLECTION_PERMISSIONS:
            GroupCollectionPermission.objects.get_or_create(
                group=group,
                collection=root_collection,
                permission=Permission.objects.get(
                    content_type__app_label=app_label, codename=codename
                ),
            )
        groups[name] = group
    return groups[EDITORS], groups[MODERATORS]


def _ensure_workflow(name: str, task: GroupApprovalTask, page: Page) -> Workflow:
    workflow, _ = Workflow.objects.get_or_create(name=name)
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    WorkflowPage.objects.get_or_create(page=page, defaults={"workflow": workflow})
    return workflow


def ensure_workflows(
    editors: Group, moderators: Group, *, news_index: Page, catalogue: Page
) -> Moderation:
    """One approval task for the moderators, used by the news and the catalogue workflows.

    The catalogue gets its own workflow because Wagtail's default one (on the root page)
    waits for its "Moderators" group, which the demo users are not in.
    """
    task = GroupApprovalTask.objects.filter(name=APPROVAL_TASK).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=APPROVAL_TASK)
        task.groups.add(moderators)
    news = _ensure_workflow(NEWS_WORKFLOW, task, news_index)
    catalogue_workflow = _ensure_workflow(CATALOGUE_WORKFLOW, task, catalogue)
    return Moderation(editors, moderators, news, catalogue_workflow)


def ensure_users(moderation: Moderation) -> dict[str, object]:
    """admin (superuser), editor and moderator; passwords are set only when created."""
    User = get_user_model()
    groups = {EDITORS: moderation.editors, MODERATORS: moderation.moderators}
    users = {}
    for username, first_name, last_name, group in USERS:
        user = User.objects.filter(username=username).first()
        if user is None:
            user = User(
                username=username,
                first_name=first_name,
                last_name=last_name,
                email=f"{username}@mot-cua.localhost",
                is_staff=group is None,
                is_superuser=group is None,
            )
            user.set_password(DEMO_PASSWORD)
            user.save()
        if group is not None:
            user.groups.add(groups[group])
        users[username] = user
    return users

"""Officer groups and profiles: the Django side of DOMAIN.md §9 (roles).

Permissions are Django groups plus agency membership (ARCHITECTURE.md "Roles"). Each
``OfficerRole`` has one group holding ``wagtailadmin.access_admin`` — without it Wagtail
refuses its admin before any back-office view runs — and the ``Officer`` row gives the
agency and the role that the services check. The demo loader and the administrators'
tooling call :func:`make_officer`; nothing else should create officers by hand.
"""

from django.contrib.auth.models import Group, Permission
from django.db import transaction

from .models import Officer, OfficerRole

# Group names are data stored in the database, so they are fixed Vietnamese strings (the
# labels of ``OfficerRole``), never translated at run time.
GROUP_NAMES: dict[str, str] = {
    OfficerRole.DESK: "Cán bộ một cửa",
    OfficerRole.SPECIALIST: "Chuyên viên",
    OfficerRole.DEPARTMENT_HEAD: "Lãnh đạo phòng",
    OfficerRole.AGENCY_HEAD: "Lãnh đạo cơ quan",
    OfficerRole.CLERK: "Văn thư",
    OfficerRole.ADMIN: "Quản trị đơn vị",
}


def _access_admin() -> Permission:
    return Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")


def ensure_officer_groups() -> dict[str, Group]:
    """Create (or complete) one group per officer role, each allowed into the admin.

    Idempotent: run it on every deployment or demo load; existing groups keep any other
    permission an administrator gave them.
    """
    permission = _access_admin()
    groups = {}
    with transaction.atomic():
        for role, name in GROUP_NAMES.items():
            group, _created = Group.objects.get_or_create(name=name)
            group.permissions.add(permission)
            groups[role] = group
    return groups


def make_officer(user, agency, role: str, *, title: str = "") -> Officer:
    """Make ``user`` an officer of ``agency`` with ``role`` and put them in the role's group.

    Calling it again for the same user changes the agency and role and moves the user to the
    new role's group (the groups of the other roles are left).
    """
    if role not in OfficerRole.values:
        raise ValueError(f"unknown officer role {role!r}")
    groups = ensure_officer_groups()
    with transaction.atomic():
        officer, _created = Officer.objects.update_or_create(
            user=user, defaults={"agency": agency, "role": role, "title": title}
        )
        other_groups = [group for key, group in groups.items() if key != role]
        user.groups.remove(*other_groups)
        user.groups.add(groups[role])
    # The user object may carry a cached profile or permission set from before.
    user.officer = officer
    for attribute in ("_perm_cache", "_group_perm_cache", "_user_perm_cache"):
        user.__dict__.pop(attribute, None)
    return officer

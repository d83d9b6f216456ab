"""Demo officers: who receives, processes and signs at which demo agency.

Agencies are looked up by level and ``is_service_centre`` rather than by code, so the
officers follow whatever agencies the catalogue demo created. Users are created once (by
user name) and never modified afterwards, so a second run changes nothing.
"""

from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db.models import Count, Q

from procedures_pages.models import Agency, AgencyLevel

from ..models import OfficerRole
from ..roles import ensure_officer_groups, make_officer
from .people import PeopleFactory, ascii_slug, locality_of

PROCESSING_ROLES = (
    OfficerRole.DESK,
    OfficerRole.SPECIALIST,
    OfficerRole.DEPARTMENT_HEAD,
    OfficerRole.AGENCY_HEAD,
)
COMMUNE_ROLES = (OfficerRole.DESK, OfficerRole.SPECIALIST, OfficerRole.AGENCY_HEAD)
USERNAME_PREFIX = {
    OfficerRole.DESK: "motcua",
    OfficerRole.SPECIALIST: "chuyenvien",
    OfficerRole.DEPARTMENT_HEAD: "truongphong",
    OfficerRole.AGENCY_HEAD: "lanhdao",
    OfficerRole.CLERK: "vanthu",
}
COMMUNES_STAFFED = 2


@dataclass
class Staff:
    """The demo officers, by agency and role, and the agencies that play each part."""

    centre: Agency | None = None
    departments: list[Agency] = field(default_factory=list)
    partner: Agency | None = None
    communes: list[Agency] = field(default_factory=list)
    users: dict[tuple[int, str], object] = field(default_factory=dict)
    created: int = 0

    def get(self, agency: Agency | int, role: str):
        agency_id = agency if isinstance(agency, int) else agency.pk
        return self.users.get((agency_id, role))

    def has(self, agency: Agency | int, role: str) -> bool:
        return self.get(agency, role) is not None

    @property
    def desk_users(self) -> list:
        return [user for (_agency, role), user in self.users.items() if role == OfficerRole.DESK]

    def rows(self) -> list[tuple[str, str, str, str]]:
        """(user name, full name, role label, agency name) for the summary, in order."""
        return [
            (
                user.username,
                f"{user.last_name} {user.first_name}".strip(),
                str(OfficerRole(role).label),
                user.officer.agency.short_name or user.officer.agency.name,
            )
            for (_agency_id, role), user in self.users.items()
        ]


def find_agencies() -> Staff:
    """The province's public-service centre, its departments that implement procedures
    (plus one more as the partner of inter-agency dossiers) and a few communes."""
    staff = Staff()
    provincial = Agency.objects.filter(level=AgencyLevel.PROVINCE).order_by("code")
    staff.centre = provincial.filter(is_service_centre=True).first()
    live = Q(procedures__live=True)
    departments = list(
        provincial.filter(is_service_centre=False, parent__isnull=False)
        .annotate(live_procedures=Count("procedures", filter=live, distinct=True))
        .order_by("-live_procedures", "code")
    )
    staff.departments = [a for a in departments if a.live_procedures > 0]
    others = [a for a in departments if a.live_procedures == 0]
    if others:
        staff.partner = others[0]
    elif len(staff.departments) > 1:
        staff.partner = staff.departments[-1]
    communes = (
        Agency.objects.filter(level=AgencyLevel.COMMUNE)
        .annotate(live_procedures=Count("procedures", filter=live, distinct=True))
        .filter(live_procedures__gt=0)
        .order_by("-is_service_centre", "code")
    )
    staff.communes = list(communes[:COMMUNES_STAFFED])
    return staff


def _slug(agency: Agency, centre: Agency | None) -> str:
    if centre is not None and agency.pk == centre.pk:
        return "ttpvhcc"
    name = locality_of(agency.short_name or agency.name)
    for prefix in ("Sở ", "phường ", "xã ", "thị trấn "):
        if name.startswith(prefix):
            name = name[len(prefix) :]
    return ascii_slug(name)[:40] or agency.code.replace(".", "").lower()


def _title(role: str, agency: Agency) -> str:
    commune = agency.level == AgencyLevel.COMMUNE
    short = agency.short_name or agency.name
    return {
        OfficerRole.DESK: "Cán bộ tiếp nhận và trả kết quả",
        OfficerRole.SPECIALIST: "Công chức chuyên môn" if commune else "Chuyên viên",
        OfficerRole.DEPARTMENT_HEAD: "Trưởng phòng chuyên môn",
        OfficerRole.AGENCY_HEAD: f"Chủ tịch {short}" if commune else f"Giám đốc {short}",
        OfficerRole.CLERK: "Văn thư",
    }.get(role, str(OfficerRole(role).label))


def ensure_officers(staff: Staff, people: PeopleFactory, password: str) -> Staff:
    """Create the missing demo officers; existing user names are kept as they are."""
    wanted: list[tuple[Agency, str]] = []
    if staff.centre is not None:
        wanted += [(staff.centre, OfficerRole.DESK), (staff.centre, OfficerRole.CLERK)]
    for department in staff.departments:
        wanted += [(department, role) for role in PROCESSING_ROLES]
    if staff.departments:
        wanted.append((staff.departments[0], OfficerRole.CLERK))
    if staff.partner is not None and staff.partner not in staff.departments:
        wanted += [
            (staff.partner, OfficerRole.SPECIALIST),
            (staff.partner, OfficerRole.DEPARTMENT_HEAD),
        ]
    for commune in staff.communes:
        wanted += [(commune, role) for role in COMMUNE_ROLES]

    ensure_officer_groups()
    User = get_user_model()
    usernames = {
        (agency.pk, role): f"{USERNAME_PREFIX[role]}.{_slug(agency, staff.centre)}"
        for agency, role in wanted
    }
    # The accounts the README lists by their short names.
    if staff.centre is not None:
        usernames[(staff.centre.pk, OfficerRole.DESK)] = "desk"
    if staff.departments:
        first = staff.departments[0].pk
        usernames[(first, OfficerRole.SPECIALIST)] = "specialist"
        usernames[(first, OfficerRole.AGENCY_HEAD)] = "leader"
    existing = {
        user.username: user
        for user in User.objects.filter(username__in=usernames.values()).select_related(
            "officer", "officer__agency"
        )
    }
    # One hash for every demo account: hashing is deliberately slow, and these accounts
    # exist only on a development machine.
    encoded = make_password(password)
    for agency, role in wanted:
        username = usernames[(agency.pk, role)]
        user = existing.get(username)
        if user is None:
            family, middle, given, _female = people.name()
            user = User.objects.create(
                username=username,
                first_name=given,
                last_name=f"{family} {middle}",
                email=f"{username}@mot-cua.localhost",
                is_staff=True,
                password=encoded,
            )
            make_officer(user, agency, role, title=_title(role, agency))
            user = User.objects.select_related("officer", "officer__agency").get(pk=user.pk)
            staff.created += 1
        officer = getattr(user, "officer", None)
        if officer is not None and officer.agency_id == agency.pk and officer.role == role:
            staff.users[(agency.pk, role)] = user
    return staff

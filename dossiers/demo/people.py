"""Believable Vietnamese applicants and officers, drawn from a seeded ``random.Random``.

Own short lists rather than Faker: the demo stays deterministic across Faker releases and
addresses stay inside the demo province.
"""

import random
import unicodedata

from procedures_pages.text import fold

from ..services import Applicant

FAMILY_NAMES = [
    ("Nguyễn", 30),
    ("Trần", 11),
    ("Lê", 9),
    ("Phạm", 7),
    ("Hoàng", 5),
    ("Vũ", 5),
    ("Đỗ", 4),
    ("Bùi", 4),
    ("Đặng", 3),
    ("Ngô", 3),
    ("Đào", 2),
    ("Dương", 2),
    ("Lương", 1),
    ("Tạ", 1),
    ("Phan", 2),
    ("Trịnh", 1),
    ("Đinh", 1),
    ("Lưu", 1),
    ("Mai", 1),
    ("Cao", 1),
]
MALE_MIDDLE = ["Văn", "Văn", "Đức", "Minh", "Quang", "Xuân", "Hữu", "Thanh", "Công", "Ngọc"]
FEMALE_MIDDLE = ["Thị", "Thị", "Thị", "Thu", "Ngọc", "Thanh", "Minh", "Phương", "Hồng", "Kim"]
MALE_GIVEN = [
    "An", "Bình", "Cường", "Dũng", "Đạt", "Đức", "Giang", "Hải", "Hiếu", "Hoàng", "Hùng",
    "Huy", "Khánh", "Khoa", "Kiên", "Long", "Mạnh", "Minh", "Nam", "Nghĩa", "Phong", "Phúc",
    "Quân", "Quang", "Sơn", "Thắng", "Thành", "Toàn", "Trung", "Tuấn", "Tùng", "Việt", "Vinh",
]  # fmt: skip
FEMALE_GIVEN = [
    "Anh", "Châu", "Chi", "Dung", "Giang", "Hà", "Hạnh", "Hằng", "Hiền", "Hoa", "Huệ",
    "Hương", "Lan", "Liên", "Linh", "Loan", "Mai", "Ngọc", "Nhung", "Oanh", "Phương",
    "Quỳnh", "Tâm", "Thảo", "Thu", "Thủy", "Trang", "Uyên", "Vân", "Yến",
]  # fmt: skip

# Hamlets and streets of the demo province, used with the communes' own names.
HAMLETS = [
    "thôn An Vĩnh", "thôn Bình Minh", "thôn Đông Kết", "thôn Hạ", "thôn Lạc Thủy",
    "thôn Mễ Sở", "thôn Nội", "thôn Phú Hữu", "thôn Tân Châu", "thôn Thượng",
    "thôn Xuân Đào", "thôn Yên Phú",
]  # fmt: skip
STREETS = [
    "đường Nguyễn Văn Linh", "đường Chùa Chuông", "đường Điện Biên", "đường Bãi Sậy",
    "đường Hải Thượng Lãn Ông", "đường Lê Lợi", "đường Trần Hưng Đạo", "đường Phạm Ngũ Lão",
    "đường Tô Hiệu", "đường Nguyễn Thiện Thuật", "phố Hiến Nam", "phố Quang Trung",
]  # fmt: skip
FALLBACK_LOCALITIES = ["phường Phố Hiến", "phường Mỹ Hào", "xã Khoái Châu", "xã Ân Thi"]
MOBILE_PREFIXES = ["032", "033", "034", "035", "036", "037", "038", "039", "086", "096", "097",
                   "098", "081", "082", "083", "084", "085", "088", "091", "094", "070", "076",
                   "077", "078", "079", "089", "090", "093"]  # fmt: skip
MAIL_DOMAINS = ["gmail.com", "gmail.com", "gmail.com", "yahoo.com", "outlook.com"]
PROVINCE_ID_PREFIX = "033"  # Hưng Yên's code in the 12-digit personal identity number


def ascii_slug(text: str) -> str:
    """``"Nguyễn Thị Hoa"`` → ``"nguyenthihoa"``: for user names and e-mail addresses."""
    folded = unicodedata.normalize("NFKD", fold(text))
    return "".join(ch for ch in folded if ch.isascii() and ch.isalnum())


def locality_of(agency_name: str) -> str:
    """``"Ủy ban nhân dân phường Phố Hiến"`` → ``"phường Phố Hiến"``."""
    for prefix in ("Ủy ban nhân dân ", "UBND "):
        if agency_name.startswith(prefix):
            return agency_name[len(prefix) :]
    return agency_name


class PeopleFactory:
    """Names, identity numbers, phones and addresses from one seeded generator."""

    def __init__(self, rng: random.Random, localities: list[str] | None = None):
        self.rng = rng
        self.localities = localities or FALLBACK_LOCALITIES
        self._families = [name for name, _weight in FAMILY_NAMES]
        self._family_weights = [weight for _name, weight in FAMILY_NAMES]

    def name(self, *, female: bool | None = None) -> tuple[str, str, str, bool]:
        """(family, middle, given, female)."""
        rng = self.rng
        if female is None:
            female = rng.random() < 0.52
        family = rng.choices(self._families, self._family_weights)[0]
        middle = rng.choice(FEMALE_MIDDLE if female else MALE_MIDDLE)
        given = rng.choice(FEMALE_GIVEN if female else MALE_GIVEN)
        return family, middle, given, female

    def id_number(self, *, female: bool, birth_year: int) -> str:
        """12 digits: province, century-and-sex digit, year of birth, six random digits."""
        century = 0 if birth_year < 2000 else 2
        return (
            f"{PROVINCE_ID_PREFIX}{century + int(female)}{birth_year % 100:02d}"
            f"{self.rng.randrange(10**6):06d}"
        )

    def phone(self) -> str:
        return f"{self.rng.choice(MOBILE_PREFIXES)}{self.rng.randrange(10**7):07d}"

    def address(self) -> str:
        rng = self.rng
        locality = rng.choice(self.localities)
        if locality.startswith("phường") and rng.random() < 0.8:
            place = f"Số {rng.randint(1, 250)} {rng.choice(STREETS)}"
        else:
            place = rng.choice(HAMLETS)
        return f"{place}, {locality}, tỉnh Hưng Yên"

    def applicant(self) -> Applicant:
        family, middle, given, female = self.name()
        full = f"{family} {middle} {given}"
        birth_year = self.rng.randint(1950, 2006)
        email = ""
        if self.rng.random() < 0.35:
            email = (
                f"{ascii_slug(given)}.{ascii_slug(family)}{birth_year % 100:02d}"
                f"@{self.rng.choice(MAIL_DOMAINS)}"
            )
        owner = ""
        if self.rng.random() < 0.08:
            o_family, o_middle, o_given, _female = self.name()
            owner = f"{o_family} {o_middle} {o_given}"
        return Applicant(
            name=full,
            id_number=self.id_number(female=female, birth_year=birth_year),
            phone=self.phone(),
            email=email,
            address=self.address(),
            owner_name=owner,
        )

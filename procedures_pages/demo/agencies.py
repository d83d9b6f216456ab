"""The demo province: Hưng Yên after the 01/7/2025 merger with Thái Bình (two-tier government).

Identifier codes follow the shape of QĐ 20/2020/QĐ-TTg (``000.00.15.H33``); the ministries'
codes, addresses, phones and e-mails are plausible stand-ins written for the demo, not an
official directory.
"""

PROVINCE_NAME = "Tỉnh Hưng Yên"
PROVINCE_CODE = "000.00.00.H33"
SERVICE_CENTRE_CODE = "000.00.31.H33"

OFFICE_HOURS = "Thứ Hai – Thứ Sáu: 07:00–11:30, 13:30–17:00"
CENTRE_HOURS = "Thứ Hai – Thứ Sáu: 07:00–11:30, 13:30–17:00; sáng thứ Bảy: 07:30–11:30"

PORTAL = {
    "portal_name": "Cổng dịch vụ công tỉnh Hưng Yên – Một Cửa",
    "owner_name": "Ủy ban nhân dân tỉnh Hưng Yên",
    "address": "Số 10 đường Chùa Chuông, phường Phố Hiến, tỉnh Hưng Yên",
    "hotline": "0221 1022",
    "email": "dichvucong@hungyen.gov.vn",
}

# Keys: code, name, short_name, level, parent (code), is_service_centre, address, phone,
# email, website, office_hours. Parents are listed before their children.
MINISTRIES = [
    {
        "code": "000.00.00.G12",
        "name": "Bộ Tư pháp",
        "short_name": "BTP",
        "address": "Số 58–60 Trần Phú, phường Ba Đình, thành phố Hà Nội",
        "phone": "024 6273 9718",
        "email": "vanthu@moj.gov.vn",
        "website": "https://moj.gov.vn",
    },
    {
        "code": "000.00.00.G10",
        "name": "Bộ Xây dựng",
        "short_name": "BXD",
        "address": "Số 37 Lê Đại Hành, phường Hai Bà Trưng, thành phố Hà Nội",
        "phone": "024 3976 0271",
        "email": "vanthu@moc.gov.vn",
        "website": "https://moc.gov.vn",
    },
    {
        "code": "000.00.00.G02",
        "name": "Bộ Công an",
        "short_name": "BCA",
        "address": "Số 44 Yết Kiêu, phường Cửa Nam, thành phố Hà Nội",
        "phone": "069 234 2489",
        "email": "vanthu@bocongan.gov.vn",
        "website": "https://bocongan.gov.vn",
    },
    {
        "code": "000.00.00.G22",
        "name": "Ngân hàng Nhà nước Việt Nam",
        "short_name": "NHNN",
        "address": "Số 49 Lý Thái Tổ, phường Hoàn Kiếm, thành phố Hà Nội",
        "phone": "024 3936 6306",
        "email": "vanthu@sbv.gov.vn",
        "website": "https://sbv.gov.vn",
    },
]

# Province-level banking procedures are handled by the State Bank's regional branch.
SBV_BRANCH = {
    "code": "000.12.00.G22",
    "name": "Ngân hàng Nhà nước – Chi nhánh khu vực phụ trách tỉnh Hưng Yên",
    "short_name": "NHNN chi nhánh khu vực",
    "address": "Số 5 đường Lê Lợi, phường Thái Bình, tỉnh Hưng Yên",
    "phone": "0227 3831 226",
    "email": "chinhanh.hungyen@sbv.gov.vn",
}

PROVINCE = {
    "code": PROVINCE_CODE,
    "name": "Ủy ban nhân dân tỉnh Hưng Yên",
    "short_name": "UBND tỉnh",
    "address": PORTAL["address"],
    "phone": "0221 3862 580",
    "email": "ubnd@hungyen.gov.vn",
    "website": "https://hungyen.gov.vn",
}

# Departments and province-level agencies under the People's Committee.
DEPARTMENTS = [
    {
        "code": SERVICE_CENTRE_CODE,
        "name": "Trung tâm Phục vụ hành chính công tỉnh Hưng Yên",
        "short_name": "Trung tâm PVHCC tỉnh",
        "is_service_centre": True,
        "address": "Số 2 đường Nguyễn Văn Linh, phường Phố Hiến, tỉnh Hưng Yên",
        "phone": "0221 3555 888",
        "email": "ttphvhcc@hungyen.gov.vn",
        "office_hours": CENTRE_HOURS,
    },
    {
        "code": "000.00.15.H33",
        "name": "Sở Tư pháp tỉnh Hưng Yên",
        "short_name": "Sở Tư pháp",
        "address": "Số 437 đường Nguyễn Văn Linh, phường Phố Hiến, tỉnh Hưng Yên",
        "phone": "0221 3862 464",
        "email": "sotuphap@hungyen.gov.vn",
    },
    {
        "code": "000.00.13.H33",
        "name": "Sở Xây dựng tỉnh Hưng Yên",
        "short_name": "Sở Xây dựng",
        "address": "Số 6 đường Hải Thượng Lãn Ông, phường Phố Hiến, tỉnh Hưng Yên",
        "phone": "0221 3863 519",
        "email": "soxaydung@hungyen.gov.vn",
    },
    {
        "code": "000.00.11.H33",
        "name": "Sở Nông nghiệp và Môi trường tỉnh Hưng Yên",
        "short_name": "Sở Nông nghiệp và Môi trường",
        "address": "Số 8 đường Chùa Chuông, phường Phố Hiến, tỉnh Hưng Yên",
        "phone": "0221 3865 216",
        "email": "sonnmt@hungyen.gov.vn",
    },
    {
        "code": "000.00.09.H33",
        "name": "Sở Tài chính tỉnh Hưng Yên",
        "short_name": "Sở Tài chính",
        "address": "Số 3 đường Bãi Sậy, phường Phố Hiến, tỉnh Hưng Yên",
        "phone": "0221 3862 287",
        "email": "sotaichinh@hungyen.gov.vn",
    },
    {
        "code": "000.00.05.H33",
        "name": "Sở Nội vụ tỉnh Hưng Yên",
        "short_name": "Sở Nội vụ",
        "address": "Số 12 đường Chùa Chuông, phường Phố Hiến, tỉnh Hưng Yên",
        "phone": "0221 3863 322",
        "email": "sonoivu@hungyen.gov.vn",
    },
    {
        "code": "000.00.20.H33",
        "name": "Sở Y tế tỉnh Hưng Yên",
        "short_name": "Sở Y tế",
        "address": "Số 14 đường Hải Thượng Lãn Ông, phường Phố Hiến, tỉnh Hưng Yên",
        "phone": "0221 3862 391",
        "email": "soyte@hungyen.gov.vn",
    },
    {
        "code": "000.00.40.H33",
        "name": "Công an tỉnh Hưng Yên",
        "short_name": "Công an tỉnh",
        "address": "Số 1 đường Nguyễn Văn Linh, phường Phố Hiến, tỉnh Hưng Yên",
        "phone": "069 2895 115",
        "email": "congan@hungyen.gov.vn",
    },
]

# Communes and wards after the 01/7/2025 reorganisation; each runs its own one-stop desk
# (Trung tâm Phục vụ hành chính công xã/phường).
COMMUNES = [
    {
        "code": "000.41.01.H33",
        "name": "Ủy ban nhân dân phường Phố Hiến",
        "short_name": "UBND phường Phố Hiến",
        "address": "Số 120 đường Điện Biên, phường Phố Hiến, tỉnh Hưng Yên",
        "phone": "0221 3862 112",
        "email": "phohien@hungyen.gov.vn",
    },
    {
        "code": "000.41.02.H33",
        "name": "Ủy ban nhân dân phường Sơn Nam",
        "short_name": "UBND phường Sơn Nam",
        "address": "Đường Nguyễn Lương Bằng, phường Sơn Nam, tỉnh Hưng Yên",
        "phone": "0221 3550 216",
        "email": "sonnam@hungyen.gov.vn",
    },
    {
        "code": "000.42.01.H33",
        "name": "Ủy ban nhân dân phường Mỹ Hào",
        "short_name": "UBND phường Mỹ Hào",
        "address": "Đường Nguyễn Văn Linh, phường Mỹ Hào, tỉnh Hưng Yên",
        "phone": "0221 3943 208",
        "email": "myhao@hungyen.gov.vn",
    },
    {
        "code": "000.28.01.H33",
        "name": "Ủy ban nhân dân phường Thái Bình",
        "short_name": "UBND phường Thái Bình",
        "address": "Số 76 đường Lê Lợi, phường Thái Bình, tỉnh Hưng Yên",
        "phone": "0227 3831 524",
        "email": "thaibinh@hungyen.gov.vn",
    },
    {
        "code": "000.28.02.H33",
        "name": "Ủy ban nhân dân phường Trần Hưng Đạo",
        "short_name": "UBND phường Trần Hưng Đạo",
        "address": "Số 9 đường Trần Hưng Đạo, phường Trần Hưng Đạo, tỉnh Hưng Yên",
        "phone": "0227 3838 611",
        "email": "tranhungdao@hungyen.gov.vn",
    },
    {
        "code": "000.47.01.H33",
        "name": "Ủy ban nhân dân xã Khoái Châu",
        "short_name": "UBND xã Khoái Châu",
        "address": "Thôn Bô Thời, xã Khoái Châu, tỉnh Hưng Yên",
        "phone": "0221 3910 235",
        "email": "khoaichau@hungyen.gov.vn",
    },
    {
        "code": "000.45.01.H33",
        "name": "Ủy ban nhân dân xã Ân Thi",
        "short_name": "UBND xã Ân Thi",
        "address": "Đường Nguyễn Trung Ngạn, xã Ân Thi, tỉnh Hưng Yên",
        "phone": "0221 3860 174",
        "email": "anthi@hungyen.gov.vn",
    },
    {
        "code": "000.49.01.H33",
        "name": "Ủy ban nhân dân xã Tiên Lữ",
        "short_name": "UBND xã Tiên Lữ",
        "address": "Thôn Thiện Phiến, xã Tiên Lữ, tỉnh Hưng Yên",
        "phone": "0221 3874 208",
        "email": "tienlu@hungyen.gov.vn",
    },
]


def agency_rows() -> list[dict]:
    """Every demo agency with its level and parent code, parents first."""
    rows = [{**row, "level": "bo", "parent": None} for row in MINISTRIES]
    rows.append({**SBV_BRANCH, "level": "khac", "parent": MINISTRIES[-1]["code"]})
    rows.append({**PROVINCE, "level": "tinh", "parent": None})
    rows += [{**row, "level": "tinh", "parent": PROVINCE_CODE} for row in DEPARTMENTS]
    rows += [
        {
            **row,
            "level": "xa",
            "parent": PROVINCE_CODE,
            # Each commune runs its own one-stop desk since 01/7/2025.
            "is_service_centre": True,
            "office_hours": row.get("office_hours", CENTRE_HOURS),
        }
        for row in COMMUNES
    ]
    for row in rows:
        row.setdefault("office_hours", OFFICE_HOURS)
        row.setdefault("is_service_centre", False)
    return rows

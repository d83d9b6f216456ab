"""``GET /api/v1/procedures/``: the catalogue search as JSON, through the search facade.

A ninja Router of its own; the API in ``dossiers.api.api`` mounts it by its dotted path.
Errors use that API's envelope (its handlers turn validation failures into 422).
"""

from typing import Literal

from ninja import Query, Router, Schema
from pydantic import Field

from dossiers.api.schemas import ErrorEnvelope, Text
from procedures_pages.models import AdministrativeLevel, OnlineServiceLevel

from . import backend

router = Router(tags=["Tìm kiếm"])

LevelCode = Literal["bo", "tinh", "huyen", "xa", "khac"]
OnlineCode = Literal["toan-trinh", "mot-phan", "khong"]
assert set(LevelCode.__args__) == set(AdministrativeLevel.values)
assert set(OnlineCode.__args__) == set(OnlineServiceLevel.values)


class ProcedureSearchQuery(Schema):
    q: Text(200) = Field("", description="Từ khóa: tên hoặc mã thủ tục, có dấu hoặc không dấu.")
    sector: Text(255) = Field("", description="Lĩnh vực (đường dẫn, ví dụ `dat-dai`).")
    agency: Text(40) = Field("", description="Mã định danh cơ quan thực hiện.")
    level: LevelCode | None = Field(None, description="Cấp thực hiện.")
    type: Text(255) = Field("", description="Loại thủ tục, như công bố.")
    online: OnlineCode | None = Field(None, description="Mức độ dịch vụ công trực tuyến.")
    page: int = Field(1, ge=1, le=10_000, description="Trang, bắt đầu từ 1.")
    per_page: int = Field(20, ge=1, le=100, description="Số kết quả mỗi trang.")


class ProcedureHitOut(Schema):
    code: str
    name: str
    url: str
    score: float


class FacetOut(Schema):
    value: str
    label: str
    count: int


class ProcedureSearchOut(Schema):
    results: list[ProcedureHitOut]
    facets: dict[str, list[FacetOut]]
    total: int
    page: int
    per_page: int


@router.get(
    "/procedures/",
    response={200: ProcedureSearchOut, 422: ErrorEnvelope},
    summary="Tìm kiếm thủ tục hành chính",
    description=(
        "Thủ tục đang công bố khớp từ khóa và bộ lọc, phù hợp nhất trước (khớp đúng dấu được "
        "ưu tiên), kèm số lượng theo từng bộ lọc (`facets`) và tổng số (`total`)."
    ),
    operation_id="search_procedures",
)
def search_procedures(request, params: Query[ProcedureSearchQuery]):
    filters = {
        "sector": params.sector,
        "agency": params.agency,
        "level": params.level or "",
        "type": params.type,
        "online": params.online or "",
    }
    results = backend().search_procedures(
        params.q, filters=filters, page=params.page, per_page=params.per_page
    )
    return {
        "results": [
            {
                "code": hit.code,
                "name": hit.title,
                "url": request.build_absolute_uri(hit.url) if hit.url else "",
                "score": hit.score,
            }
            for hit in results.hits
        ],
        "facets": {
            name: [{"value": f.value, "label": f.label, "count": f.count} for f in values]
            for name, values in results.facets.items()
        },
        "total": results.total,
        "page": results.page,
        "per_page": results.per_page,
    }

"""The NinjaAPI instance behind /api/v1/: routers, error handlers, OpenAPI metadata."""

from ninja import NinjaAPI

from . import officers, public
from .errors import register_exception_handlers

api = NinjaAPI(
    title="Một Cửa – API hồ sơ thủ tục hành chính",
    version="1",
    description=(
        "API JSON của cổng Một Cửa: tiếp nhận hồ sơ, thực hiện các thao tác theo quy trình "
        "(chuyển xử lý, yêu cầu bổ sung, phê duyệt, trả kết quả…), xem hồ sơ cùng lịch sử, "
        "tra cứu công khai và thống kê.\n\n"
        "Xác thực: các endpoint của cán bộ cần tiêu đề `Authorization: Bearer <mã>`; mã "
        "được cấp bằng `python manage.py create_api_token <tên đăng nhập>`.\n\n"
        'Lỗi: mọi lỗi trả về JSON `{"error": {"code", "message", "details"}}`; '
        "`code` ổn định để chương trình xử lý, `message` bằng tiếng Việt."
    ),
    urls_namespace="api-v1",
    # The interactive page would load Swagger UI from a CDN (ninja is not an installed
    # app here); the OpenAPI document at /api/v1/openapi.json is what clients use.
    docs_url=None,
)

register_exception_handlers(api)
api.add_router("", officers.router)
api.add_router("", public.router)
api.add_router("", "search.api.router")

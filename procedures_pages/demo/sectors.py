"""Sector descriptions and which demo agency implements a sector's procedures at each level.

Sectors themselves are created by the catalogue import; the demo only fills in blank
descriptions and uses the routing below to link procedures to agencies. Keys are sector names
as published in the national database (matched after folding, so spelling variants of
diacritics still match).
"""

from .agencies import PROVINCE_CODE, SBV_BRANCH

MOJ, MOC, MPS, SBV = "000.00.00.G12", "000.00.00.G10", "000.00.00.G02", "000.00.00.G22"
JUSTICE, CONSTRUCTION, AGRI_ENV = "000.00.15.H33", "000.00.13.H33", "000.00.11.H33"
HOME_AFFAIRS, POLICE = "000.00.05.H33", "000.00.40.H33"

SECTOR_DESCRIPTIONS = {
    "Hộ tịch": "Đăng ký khai sinh, kết hôn, khai tử, nhận cha, mẹ, con, thay đổi, cải chính "
    "hộ tịch và cấp bản sao trích lục hộ tịch.",
    "Chứng thực": "Chứng thực bản sao từ bản chính, chứng thực chữ ký, chứng thực hợp đồng, "
    "giao dịch.",
    "Công chứng": "Hoạt động công chứng, thành lập và quản lý văn phòng công chứng, công chứng "
    "viên.",
    "Luật sư": "Cấp, thu hồi chứng chỉ hành nghề luật sư; đăng ký hoạt động của tổ chức hành "
    "nghề luật sư.",
    "Nuôi con nuôi": "Đăng ký việc nuôi con nuôi trong nước và có yếu tố nước ngoài.",
    "Quốc tịch": "Nhập, trở lại, thôi quốc tịch Việt Nam và xác nhận có quốc tịch Việt Nam.",
    "Trợ giúp pháp lý": "Trợ giúp pháp lý miễn phí cho người thuộc diện được trợ giúp theo "
    "quy định.",
    "Giám định tư pháp": "Bổ nhiệm, miễn nhiệm giám định viên tư pháp; tổ chức giám định tư pháp.",
    "Đấu giá tài sản": "Cấp chứng chỉ hành nghề đấu giá, đăng ký hoạt động doanh nghiệp đấu "
    "giá tài sản.",
    "Thừa phát lại": "Bổ nhiệm thừa phát lại, thành lập và hoạt động của văn phòng thừa phát lại.",
    "Trọng tài thương mại": "Thành lập, hoạt động của trung tâm trọng tài và chi nhánh tổ chức "
    "trọng tài.",
    "Hòa giải thương mại": "Đăng ký hòa giải viên thương mại và hoạt động của trung tâm hòa "
    "giải thương mại.",
    "Hòa giải ở cơ sở": "Công nhận hòa giải viên, tổ trưởng tổ hòa giải và thanh toán thù lao "
    "hòa giải viên.",
    "Bồi thường nhà nước": "Giải quyết yêu cầu bồi thường trong hoạt động quản lý hành chính, "
    "tố tụng và thi hành án.",
    "Quản tài viên": "Cấp chứng chỉ hành nghề quản tài viên và đăng ký doanh nghiệp quản lý, "
    "thanh lý tài sản.",
    "Lý lịch tư pháp": "Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam và người nước ngoài.",
    "Đăng ký biện pháp bảo đảm": "Đăng ký thế chấp quyền sử dụng đất, tài sản gắn liền với đất "
    "và các biện pháp bảo đảm khác.",
    "Tư vấn pháp luật": "Thành lập, hoạt động của trung tâm tư vấn pháp luật và tư vấn viên "
    "pháp luật.",
    "Nhà ở và công sở": "Mua, thuê, thuê mua nhà ở xã hội, nhà ở công vụ; quản lý công sở.",
    "Hoạt động xây dựng": "Cấp giấy phép xây dựng, chứng chỉ hành nghề, chứng chỉ năng lực hoạt "
    "động xây dựng.",
    "Kinh doanh bất động sản": "Chứng chỉ hành nghề môi giới, chuyển nhượng dự án bất động sản.",
    "Quy hoạch đô thị và nông thôn": "Cung cấp thông tin, thẩm định, phê duyệt quy hoạch đô thị "
    "và nông thôn.",
    "Kiến trúc": "Cấp, gia hạn chứng chỉ hành nghề kiến trúc.",
    "Hạ tầng kỹ thuật": "Cấp phép đào đường, sử dụng tạm thời hè phố, chiếu sáng và cây xanh đô "
    "thị.",
    "Phát triển đô thị": "Chấp thuận đầu tư, phân loại và công nhận loại đô thị.",
    "Đường bộ": "Cấp, đổi giấy phép lái xe, giấy phép vận tải và khai thác kết cấu hạ tầng "
    "đường bộ.",
    "Đăng kiểm": "Kiểm định an toàn kỹ thuật và bảo vệ môi trường phương tiện giao thông.",
    "Hàng hải và đường thủy nội địa": "Đăng ký phương tiện thủy nội địa, cảng, bến và giấy "
    "chứng nhận khả năng chuyên môn thuyền viên.",
    "Thi đua – Khen thưởng": "Đề nghị khen thưởng, tặng danh hiệu thi đua cho tập thể và cá nhân.",
    "Cấp, quản lý căn cước": "Cấp, đổi, cấp lại thẻ căn cước và giấy chứng nhận căn cước.",
    "Đăng ký, quản lý cư trú": "Đăng ký thường trú, tạm trú, thông báo lưu trú, khai báo tạm vắng.",
    "Quản lý xuất nhập cảnh": "Cấp hộ chiếu phổ thông, thị thực, thẻ tạm trú và xác nhận nhân "
    "sự xuất nhập cảnh.",
    "Đăng ký, quản lý phương tiện giao thông cơ giới, xe máy chuyên dùng": "Đăng ký, cấp biển "
    "số xe ô tô, xe mô tô, xe gắn máy và xe máy chuyên dùng.",
    "Sát hạch, cấp giấy phép lái xe": "Sát hạch, cấp, đổi, cấp lại giấy phép lái xe.",
    "Phòng cháy, chữa cháy": "Thẩm duyệt thiết kế, nghiệm thu về phòng cháy và chữa cháy.",
    "Quản lý vũ khí, vật liệu nổ, công cụ hỗ trợ và pháo": "Cấp phép sử dụng, sửa chữa, vận "
    "chuyển vũ khí, vật liệu nổ, công cụ hỗ trợ và pháo.",
    "Định danh và xác thực điện tử": "Cấp, khóa, mở khóa tài khoản định danh điện tử VNeID.",
    "Người có công": "Xác nhận và giải quyết chế độ ưu đãi đối với người có công với cách mạng.",
    "Thành lập và hoạt động ngân hàng": "Cấp phép thành lập, mạng lưới và thay đổi tổ chức của "
    "tổ chức tín dụng.",
    "Hoạt động ngoại hối": "Đăng ký khoản vay nước ngoài, đại lý đổi ngoại tệ và kinh doanh vàng.",
    "Hoạt động thanh toán": "Cấp phép dịch vụ trung gian thanh toán và mở tài khoản thanh toán.",
    "Nông nghiệp": "Trồng trọt, chăn nuôi, thú y, thủy sản và phát triển nông thôn.",
    "Thi đua khen thưởng": "Đề nghị khen thưởng, tặng danh hiệu thi đua cho tập thể và cá nhân.",
    "Hỗ trợ pháp lý cho doanh nghiệp nhỏ và vừa": "Hỗ trợ chi phí tư vấn pháp luật và cung cấp "
    "thông tin pháp lý cho doanh nghiệp nhỏ và vừa.",
    "Thi hành án dân sự": "Yêu cầu thi hành án, xác nhận kết quả thi hành án và miễn, giảm "
    "nghĩa vụ thi hành án.",
    "Giao thông vận tải": "Quản lý vận tải, phương tiện và người điều khiển phương tiện giao "
    "thông.",
    "Hàng không": "Cấp phép, chứng chỉ và đăng ký trong lĩnh vực hàng không dân dụng.",
    "Đường sắt": "Cấp phép xây dựng, khai thác kết cấu hạ tầng đường sắt và kinh doanh vận tải "
    "đường sắt.",
    "Vật liệu xây dựng": "Công bố hợp quy, chứng nhận chất lượng vật liệu xây dựng.",
    "Quản lý chất lượng công trình xây dựng": "Kiểm tra công tác nghiệm thu, giám định chất "
    "lượng công trình xây dựng.",
    "Kiểm định kỹ thuật an toàn lao động": "Cấp, gia hạn giấy chứng nhận đủ điều kiện kiểm định "
    "máy, thiết bị có yêu cầu nghiêm ngặt về an toàn.",
    "Khiếu nại, tố cáo": "Tiếp nhận, giải quyết khiếu nại, tố cáo theo quy định của pháp luật.",
    "Tổ chức, cán bộ": "Công tác tổ chức, cán bộ và xác nhận thông tin cán bộ, chiến sĩ.",
    "Chính sách": "Giải quyết chế độ, chính sách đối với cán bộ, chiến sĩ và thân nhân.",
    "Dữ liệu": "Cung cấp, khai thác dữ liệu và cấp phép sản phẩm, dịch vụ dữ liệu.",
    "Bảo vệ dữ liệu cá nhân": "Đánh giá tác động xử lý dữ liệu cá nhân và chuyển dữ liệu cá nhân "
    "ra nước ngoài.",
    "Đảm bảo an toàn thông tin, an ninh mạng": "Thẩm định, cấp phép và kiểm tra an ninh mạng "
    "đối với hệ thống thông tin.",
    "Bảo đảm an ninh hàng không": "Cấp thẻ, giấy phép kiểm soát an ninh hàng không.",
    "Bảo đảm trật tự, an toàn giao thông đường bộ": "Cấp phép và giải quyết các việc liên quan "
    "đến trật tự, an toàn giao thông đường bộ.",
    "Kiểm tra kiến thức pháp luật về trật tự, an toàn giao thông đường bộ": "Kiểm tra, phục hồi "
    "điểm giấy phép lái xe bằng kiểm tra kiến thức pháp luật.",
    "Chứng nhận chất lượng an toàn kỹ thuật và bảo vệ môi trường": "Chứng nhận chất lượng an "
    "toàn kỹ thuật và bảo vệ môi trường xe cơ giới, xe máy chuyên dùng.",
    "Quản lý chất lượng sản phẩm, hàng hoá": "Chứng nhận hợp quy sản phẩm, hàng hóa thuộc phạm "
    "vi quản lý của ngành Công an.",
    "Quản lý ngành nghề đầu tư, kinh doanh có điều kiện về an ninh, trật tự": "Cấp giấy chứng "
    "nhận đủ điều kiện về an ninh, trật tự để kinh doanh ngành, nghề có điều kiện.",
    "Đăng ký, quản lý con dấu": "Đăng ký mẫu con dấu, đổi, cấp lại giấy chứng nhận đăng ký mẫu "
    "con dấu.",
    "Tổ chức cai nghiên ma túy và quản lý sau cai nghiện": "Cai nghiện ma túy tự nguyện, bắt "
    "buộc và quản lý sau cai nghiện.",
    "Hoạt động tiền tệ": "Các hoạt động thuộc chính sách tiền tệ của Ngân hàng Nhà nước.",
    "Hoạt động tín dụng": "Cho vay, bảo lãnh và các hoạt động cấp tín dụng.",
    "Hoạt động thông tin tín dụng": "Cấp phép hoạt động dịch vụ thông tin tín dụng.",
    "Hoạt động kho quỹ": "Thu đổi tiền không đủ tiêu chuẩn lưu thông và quản lý kho quỹ.",
    "Hoạt động công nghệ thông tin ngân hàng": "Bảo đảm an toàn hệ thống thông tin và dịch vụ "
    "ngân hàng điện tử.",
    "Hoạt động khác": "Các thủ tục khác thuộc phạm vi quản lý của Ngân hàng Nhà nước.",
}

# Sector → (ministry code, province-level agency code). Unlisted sectors fall back on the
# ministry named in the decision number (QĐ-BTP, QĐ-BXD, …).
SECTOR_ROUTES = {
    "Hộ tịch": (MOJ, JUSTICE),
    "Chứng thực": (MOJ, JUSTICE),
    "Công chứng": (MOJ, JUSTICE),
    "Luật sư": (MOJ, JUSTICE),
    "Nuôi con nuôi": (MOJ, JUSTICE),
    "Quốc tịch": (MOJ, JUSTICE),
    "Trợ giúp pháp lý": (MOJ, JUSTICE),
    "Giám định tư pháp": (MOJ, JUSTICE),
    "Đấu giá tài sản": (MOJ, JUSTICE),
    "Thừa phát lại": (MOJ, JUSTICE),
    "Trọng tài thương mại": (MOJ, JUSTICE),
    "Hòa giải thương mại": (MOJ, JUSTICE),
    "Hòa giải ở cơ sở": (MOJ, JUSTICE),
    "Bồi thường nhà nước": (MOJ, JUSTICE),
    "Quản tài viên": (MOJ, JUSTICE),
    "Tư vấn pháp luật": (MOJ, JUSTICE),
    "Lý lịch tư pháp": (MOJ, JUSTICE),
    # Land-related security interests are registered by the land registration office.
    "Đăng ký biện pháp bảo đảm": (MOJ, AGRI_ENV),
    "Nông nghiệp": (MOJ, AGRI_ENV),
    "Nhà ở và công sở": (MOC, CONSTRUCTION),
    "Hoạt động xây dựng": (MOC, CONSTRUCTION),
    "Kinh doanh bất động sản": (MOC, CONSTRUCTION),
    "Quy hoạch đô thị và nông thôn": (MOC, CONSTRUCTION),
    "Kiến trúc": (MOC, CONSTRUCTION),
    "Hạ tầng kỹ thuật": (MOC, CONSTRUCTION),
    "Phát triển đô thị": (MOC, CONSTRUCTION),
    "Vật liệu xây dựng": (MOC, CONSTRUCTION),
    "Quản lý chất lượng công trình xây dựng": (MOC, CONSTRUCTION),
    "Đường bộ": (MOC, CONSTRUCTION),
    "Đăng kiểm": (MOC, CONSTRUCTION),
    "Đường sắt": (MOC, CONSTRUCTION),
    "Hàng hải và đường thủy nội địa": (MOC, CONSTRUCTION),
    "Giao thông vận tải": (MOC, CONSTRUCTION),
    "Hàng không": (MOC, CONSTRUCTION),
    "Kiểm định kỹ thuật an toàn lao động": (MOC, CONSTRUCTION),
    "Thi đua – Khen thưởng": (MOC, HOME_AFFAIRS),
    "Thi đua khen thưởng": (MOC, HOME_AFFAIRS),
}

# Decision-number suffix → (ministry code, province-level agency code).
ISSUER_ROUTES = {
    "BTP": (MOJ, JUSTICE),
    "BXD": (MOC, CONSTRUCTION),
    # The Ministry of Transport merged into the Ministry of Construction on 01/3/2025.
    "BGTVT": (MOC, CONSTRUCTION),
    "BCA": (MPS, POLICE),
    "NHNN": (SBV, SBV_BRANCH["code"]),
}

DEFAULT_ROUTE = (None, PROVINCE_CODE)

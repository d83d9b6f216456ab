"""Reform news written for the demo portal of tỉnh Hưng Yên.

The legal instruments named are real; the figures, dates of local events and quotations are
illustrative, written for the demo. Body blocks are ``(block type, text)`` pairs; a paragraph
whose lines start with "- " after its first line renders as a bulleted list.

``status``: "live" (published with its date), "scheduled" (go-live ``publish_in_days`` after
the command runs, at 08:00) or "moderation" (a draft the editor submitted for approval).
"""

import datetime

CATEGORIES = [
    ("cai-cach-hanh-chinh", "Cải cách hành chính"),
    ("chuyen-doi-so", "Chuyển đổi số"),
    ("huong-dan-thu-tuc", "Hướng dẫn thủ tục"),
    ("thong-bao", "Thông báo"),
]

CENTRE = "Trung tâm Phục vụ hành chính công tỉnh Hưng Yên"

ARTICLES = [
    {
        "slug": "thoi-gian-lam-viec-trung-tam-phuc-vu-hanh-chinh-cong-tinh",
        "title": "Thông báo thời gian làm việc của Trung tâm Phục vụ hành chính công tỉnh",
        "date": datetime.date(2026, 5, 4),
        "category": "thong-bao",
        "tags": ["giờ làm việc", "Trung tâm Phục vụ hành chính công", "thứ Bảy"],
        "lead": "Từ ngày 04/5/2026, Trung tâm Phục vụ hành chính công tỉnh tiếp nhận và trả "
        "kết quả hồ sơ từ thứ Hai đến thứ Sáu và sáng thứ Bảy hằng tuần.",
        "body": [
            ("heading", "Thời gian tiếp nhận hồ sơ"),
            (
                "paragraph",
                "Trung tâm Phục vụ hành chính công tỉnh làm việc theo lịch sau:\n"
                "- Từ thứ Hai đến thứ Sáu: buổi sáng từ 07 giờ 00 đến 11 giờ 30, buổi chiều "
                "từ 13 giờ 30 đến 17 giờ 00.\n"
                "- Sáng thứ Bảy: từ 07 giờ 30 đến 11 giờ 30, tiếp nhận hồ sơ và trả kết quả "
                "đối với các thủ tục thuộc lĩnh vực hộ tịch, chứng thực, cư trú và đất đai.\n"
                "- Không làm việc vào Chủ nhật và các ngày nghỉ lễ, Tết theo quy định.",
            ),
            ("heading", "Hồ sơ nộp sau 15 giờ"),
            (
                "paragraph",
                "Hồ sơ tiếp nhận sau 15 giờ được chuyển cho cơ quan giải quyết vào đầu giờ "
                "làm việc ngày làm việc tiếp theo. Đối với thủ tục giải quyết trong ngày, kết "
                "quả được trả trong ngày làm việc tiếp theo.",
            ),
            (
                "paragraph",
                "Người dân, doanh nghiệp có thể nộp hồ sơ trực tuyến 24/7 trên Cổng Dịch vụ "
                "công quốc gia; thời điểm tiếp nhận được tính theo giờ làm việc của cơ quan. "
                "Mọi thắc mắc xin liên hệ đường dây nóng 0221 1022.",
            ),
        ],
        "source": CENTRE,
        "status": "live",
    },
    {
        "slug": "nop-ho-so-khong-phu-thuoc-dia-gioi-hanh-chinh",
        "title": "Nộp hồ sơ tại bất kỳ Trung tâm Phục vụ hành chính công nào trong tỉnh",
        "date": datetime.date(2026, 5, 12),
        "category": "cai-cach-hanh-chinh",
        "tags": ["chính quyền hai cấp", "phi địa giới", "Trung tâm Phục vụ hành chính công"],
        "lead": "Với mô hình chính quyền địa phương hai cấp, người dân được nộp hồ sơ thủ tục "
        "hành chính tại Trung tâm Phục vụ hành chính công của tỉnh hoặc của bất kỳ xã, phường "
        "nào, không phụ thuộc nơi cư trú.",
        "body": [
            ("heading", "Bỏ ràng buộc về địa giới hành chính"),
            (
                "paragraph",
                "Từ ngày 01/7/2025, tỉnh Hưng Yên vận hành chính quyền địa phương hai cấp: "
                "cấp tỉnh và cấp xã. Cùng với đó, Nghị định 118/2025/NĐ-CP cho phép tổ chức, "
                "cá nhân lựa chọn nơi nộp hồ sơ trong phạm vi toàn tỉnh đối với các thủ tục "
                "được công bố tiếp nhận không phụ thuộc địa giới hành chính.",
            ),
            (
                "paragraph",
                "Một người dân sống ở xã Tiên Lữ nhưng làm việc tại phường Thái Bình có thể "
                "nộp hồ sơ đăng ký khai sinh cho con ngay tại Trung tâm Phục vụ hành chính "
                "công phường Thái Bình. Hồ sơ được số hóa và chuyển điện tử đến cơ quan có "
                "thẩm quyền; kết quả được trả tại nơi nộp hoặc qua dịch vụ bưu chính.",
            ),
            ("heading", "Danh mục thủ tục áp dụng"),
            (
                "paragraph",
                "Danh mục thủ tục tiếp nhận không phụ thuộc địa giới hành chính được đăng tải "
                "tại chuyên mục Thủ tục hành chính của Cổng. Khi tra cứu một thủ tục, người "
                "dân xem mục “Địa chỉ tiếp nhận hồ sơ” để biết các nơi có thể nộp.",
            ),
            (
                "quote",
                "Người dân đi đến đâu cũng được phục vụ như nhau; hồ sơ đi trên môi trường "
                "điện tử thay cho người dân phải đi lại.",
            ),
        ],
        "source": "Văn phòng Ủy ban nhân dân tỉnh Hưng Yên",
        "status": "live",
    },
    {
        "slug": "mo-rong-dich-vu-cong-truc-tuyen-toan-trinh",
        "title": "Mở rộng danh mục dịch vụ công trực tuyến toàn trình",
        "date": datetime.date(2026, 6, 15),
        "category": "chuyen-doi-so",
        "tags": ["dịch vụ công trực tuyến", "toàn trình", "Cổng Dịch vụ công quốc gia"],
        "lead": "Tỉnh bổ sung nhiều thủ tục vào danh mục dịch vụ công trực tuyến toàn trình: "
        "người dân nộp hồ sơ, theo dõi, thanh toán và nhận kết quả hoàn toàn trên môi trường "
        "điện tử.",
        "body": [
            ("heading", "Toàn trình và một phần khác nhau thế nào?"),
            (
                "paragraph",
                "Theo Nghị định 42/2022/NĐ-CP, dịch vụ công trực tuyến toàn trình là dịch vụ "
                "bảo đảm cung cấp toàn bộ thông tin về thủ tục; người dân thực hiện trực tuyến "
                "từ khâu nộp hồ sơ đến khi nhận kết quả, có thể nhận kết quả qua dịch vụ bưu "
                "chính. Dịch vụ công trực tuyến một phần là dịch vụ mà một số bước vẫn phải "
                "thực hiện trực tiếp, chẳng hạn nộp bản chính giấy tờ hoặc nhận kết quả tại "
                "Bộ phận Một cửa.",
            ),
            ("heading", "Các lĩnh vực được mở rộng"),
            (
                "paragraph",
                "Đợt này, các thủ tục được bổ sung tập trung vào những lĩnh vực có nhiều hồ sơ:\n"
                "- Hộ tịch: đăng ký khai sinh, đăng ký khai tử, cấp bản sao trích lục hộ tịch.\n"
                "- Tư pháp: cấp Phiếu lý lịch tư pháp.\n"
                "- Xây dựng: cấp giấy phép xây dựng nhà ở riêng lẻ.\n"
                "- Cư trú: đăng ký thường trú, đăng ký tạm trú.",
            ),
            (
                "paragraph",
                "Mức độ dịch vụ của từng thủ tục được ghi rõ trên trang thủ tục tại Cổng. "
                "Các cơ quan tiếp tục rà soát để đưa thêm thủ tục lên toàn trình trong năm 2027.",
            ),
        ],
        "source": "Văn phòng Ủy ban nhân dân tỉnh Hưng Yên",
        "status": "live",
    },
    {
        "slug": "thanh-toan-phi-le-phi-khong-dung-tien-mat",
        "title": "Thanh toán phí, lệ phí không dùng tiền mặt tại Bộ phận Một cửa",
        "date": datetime.date(2026, 6, 28),
        "category": "chuyen-doi-so",
        "tags": ["thanh toán trực tuyến", "không dùng tiền mặt", "phí và lệ phí"],
        "lead": "Người nộp hồ sơ tại các Trung tâm Phục vụ hành chính công có thể quét mã QR "
        "để nộp phí, lệ phí; hồ sơ trực tuyến được thanh toán qua nền tảng thanh toán của Cổng "
        "Dịch vụ công quốc gia.",
        "body": [
            ("heading", "Ba cách thanh toán"),
            (
                "paragraph",
                "Tổ chức, cá nhân lựa chọn một trong các hình thức:\n"
                "- Quét mã QR in trên giấy tiếp nhận hồ sơ bằng ứng dụng ngân hàng.\n"
                "- Thanh toán trực tuyến khi nộp hồ sơ trên Cổng Dịch vụ công quốc gia.\n"
                "- Chuyển khoản hoặc thanh toán bằng thẻ tại quầy thu phí.",
            ),
            ("heading", "Biên lai điện tử"),
            (
                "paragraph",
                "Sau khi thanh toán, người nộp nhận biên lai điện tử qua thư điện tử hoặc tài "
                "khoản trên Cổng Dịch vụ công quốc gia, không phải chờ lấy biên lai giấy. Hồ "
                "sơ được chuyển sang bước xử lý tiếp theo ngay khi hệ thống ghi nhận khoản thanh "
                "toán.",
            ),
            (
                "paragraph",
                "Thanh toán trực tuyến là một tiêu chí của Bộ chỉ số phục vụ người dân, doanh "
                "nghiệp; tỉnh đặt mục tiêu phần lớn giao dịch phí, lệ phí được thực hiện không "
                "dùng tiền mặt.",
            ),
        ],
        "source": CENTRE,
        "status": "live",
    },
    {
        "slug": "mot-nam-thuc-hien-nghi-dinh-118-2025-nd-cp",
        "title": "Một năm thực hiện Nghị định 118/2025/NĐ-CP về cơ chế một cửa, một cửa liên thông",
        "date": datetime.date(2026, 7, 2),
        "category": "cai-cach-hanh-chinh",
        "tags": ["Nghị định 118/2025/NĐ-CP", "một cửa liên thông", "cải cách hành chính"],
        "lead": "Sau một năm Nghị định 118/2025/NĐ-CP có hiệu lực, việc tiếp nhận, giải quyết "
        "thủ tục hành chính trên địa bàn tỉnh có nhiều chuyển biến: hồ sơ được số hóa ngay "
        "khi tiếp nhận, quá trình xử lý được theo dõi công khai.",
        "body": [
            ("heading", "Những điểm mới đã đi vào nếp"),
            (
                "paragraph",
                "Nghị định 118/2025/NĐ-CP ngày 09/6/2025 về thực hiện thủ tục hành chính theo "
                "cơ chế một cửa, một cửa liên thông tại Bộ phận Một cửa và Cổng Dịch vụ công "
                "quốc gia có hiệu lực từ ngày 01/7/2025, thay thế Nghị định 61/2018/NĐ-CP. "
                "Thông tư 03/2025/TT-VPCP quy định các biểu mẫu thống nhất trên toàn quốc.",
            ),
            (
                "paragraph",
                "Tại tỉnh Hưng Yên, mọi hồ sơ tiếp nhận trực tiếp đều được quét, số hóa và cấp "
                "mã hồ sơ; người dân nhận giấy tiếp nhận có mã QR để tự tra cứu tiến độ. Mỗi "
                "lần chuyển hồ sơ giữa Bộ phận Một cửa và cơ quan chuyên môn đều được ghi vào "
                "phiếu kiểm soát quá trình giải quyết.",
            ),
            ("heading", "Việc cần tiếp tục"),
            (
                "paragraph",
                "Ủy ban nhân dân tỉnh yêu cầu các sở, ngành và xã, phường tiếp tục rà soát, "
                "đơn giản hóa thành phần hồ sơ, tái sử dụng dữ liệu đã số hóa, không yêu cầu "
                "người dân nộp lại giấy tờ mà cơ quan nhà nước đã có.",
            ),
            (
                "quote",
                "Lấy sự hài lòng của người dân, doanh nghiệp làm thước đo chất lượng phục vụ "
                "của cơ quan hành chính.",
            ),
        ],
        "source": "Văn phòng Ủy ban nhân dân tỉnh Hưng Yên",
        "status": "live",
    },
    {
        "slug": "huong-dan-dang-ky-khai-sinh-truc-tuyen",
        "title": "Hướng dẫn đăng ký khai sinh trực tuyến cho trẻ em",
        "date": datetime.date(2026, 7, 22),
        "category": "huong-dan-thu-tuc",
        "tags": ["khai sinh", "hộ tịch", "liên thông", "dịch vụ công trực tuyến"],
        "lead": "Cha, mẹ có thể đăng ký khai sinh cho con trên Cổng Dịch vụ công quốc gia hoặc "
        "ứng dụng VNeID, đồng thời làm luôn thủ tục đăng ký thường trú và cấp thẻ bảo hiểm y tế "
        "cho trẻ dưới 6 tuổi.",
        "body": [
            ("heading", "Chuẩn bị trước khi nộp"),
            (
                "paragraph",
                "Người đi đăng ký cần có tài khoản định danh điện tử mức độ 2 và bản chụp "
                "hoặc bản điện tử của Giấy chứng sinh. Trường hợp cha, mẹ đã đăng ký kết hôn, "
                "thông tin hôn nhân được hệ thống tự khai thác từ Cơ sở dữ liệu hộ tịch điện tử.",
            ),
            ("heading", "Các bước thực hiện"),
            (
                "paragraph",
                "Thực hiện theo trình tự:\n"
                "- Đăng nhập Cổng Dịch vụ công quốc gia bằng tài khoản VNeID.\n"
                "- Chọn nhóm thủ tục liên thông “Đăng ký khai sinh – Đăng ký thường trú – Cấp "
                "thẻ bảo hiểm y tế cho trẻ em dưới 6 tuổi”.\n"
                "- Khai tờ khai điện tử, đính kèm Giấy chứng sinh, chọn Ủy ban nhân dân xã, "
                "phường nơi đăng ký.\n"
                "- Theo dõi tình trạng hồ sơ và nhận thông báo qua thư điện tử, tin nhắn.",
            ),
            ("heading", "Nhận kết quả"),
            (
                "paragraph",
                "Giấy khai sinh điện tử được gửi vào tài khoản của người đăng ký; người dân có "
                "thể nhận bản giấy tại Trung tâm Phục vụ hành chính công xã, phường hoặc qua "
                "dịch vụ bưu chính. Việc liên thông được thực hiện theo Nghị định 63/2024/NĐ-CP.",
            ),
        ],
        "source": "Sở Tư pháp tỉnh Hưng Yên",
        "status": "live",
    },
    {
        "slug": "so-hoa-ho-so-ket-qua-giai-quyet-thu-tuc-hanh-chinh",
        "title": "Số hóa hồ sơ, kết quả giải quyết thủ tục hành chính: người dân bớt nộp giấy tờ",
        "date": datetime.date(2026, 8, 5),
        "category": "chuyen-doi-so",
        "tags": ["số hóa", "tái sử dụng dữ liệu", "kho quản lý dữ liệu điện tử"],
        "lead": "Hồ sơ và kết quả giải quyết thủ tục hành chính được số hóa, lưu vào kho quản lý "
        "dữ liệu điện tử của tổ chức, cá nhân để dùng lại cho những lần giao dịch sau.",
        "body": [
            ("heading", "Số hóa ngay tại quầy"),
            (
                "paragraph",
                "Theo Nghị định 45/2020/NĐ-CP, thành phần hồ sơ đã được số hóa và kết quả giải "
                "quyết điện tử có giá trị pháp lý để tái sử dụng. Công chức Bộ phận Một cửa quét "
                "từng giấy tờ khi tiếp nhận, ký số xác nhận bản điện tử và trả lại bản giấy cho "
                "người dân.",
            ),
            ("heading", "Lợi ích cho người dân"),
            (
                "paragraph",
                "Khi làm thủ tục tiếp theo, người dân chỉ cần cho phép cơ quan khai thác giấy "
                "tờ đã có trong kho dữ liệu thay vì nộp lại bản sao chứng thực. Ví dụ, Giấy khai "
                "sinh đã số hóa được dùng lại khi làm thủ tục đăng ký thường trú hay cấp hộ "
                "chiếu.",
            ),
            (
                "paragraph",
                "Tỷ lệ hồ sơ được số hóa và tỷ lệ kết quả điện tử là hai tiêu chí trong nhóm "
                "số hóa của Bộ chỉ số phục vụ người dân, doanh nghiệp; tỉnh theo dõi các tỷ lệ "
                "này hằng tháng đối với từng cơ quan, đơn vị.",
            ),
        ],
        "source": CENTRE,
        "status": "live",
    },
    {
        "slug": "su-dung-tai-khoan-dinh-danh-dien-tu-vneid",
        "title": "Dùng tài khoản định danh điện tử VNeID để nộp hồ sơ trực tuyến",
        "date": datetime.date(2026, 8, 18),
        "category": "huong-dan-thu-tuc",
        "tags": ["VNeID", "định danh điện tử", "Đề án 06"],
        "lead": "Tài khoản định danh điện tử mức độ 2 trên ứng dụng VNeID là “chìa khóa” để "
        "đăng nhập Cổng Dịch vụ công quốc gia, khai thác dữ liệu dân cư và ký xác nhận hồ sơ.",
        "body": [
            ("heading", "Kích hoạt tài khoản"),
            (
                "paragraph",
                "Công dân đăng ký tài khoản định danh điện tử mức độ 2 tại Công an xã, phường "
                "nơi thuận tiện, mang theo thẻ căn cước và điện thoại có số thuê bao chính chủ. "
                "Sau khi được phê duyệt, người dân cài ứng dụng VNeID và kích hoạt tài khoản "
                "theo mã được gửi qua tin nhắn.",
            ),
            ("heading", "Đăng nhập và nộp hồ sơ"),
            (
                "paragraph",
                "Trên Cổng Dịch vụ công quốc gia, chọn “Đăng nhập bằng tài khoản định danh điện "
                "tử” và xác nhận trên ứng dụng VNeID. Thông tin họ tên, ngày sinh, số định danh "
                "cá nhân và nơi cư trú được điền sẵn vào tờ khai, giảm sai sót khi kê khai.",
            ),
            (
                "paragraph",
                "Việc định danh và xác thực điện tử thực hiện theo Nghị định 69/2024/NĐ-CP. "
                "Người dân không cung cấp mật khẩu, mã xác thực tài khoản cho bất kỳ ai, kể cả "
                "người tự xưng là cán bộ nhà nước.",
            ),
        ],
        "source": "Công an tỉnh Hưng Yên",
        "status": "live",
    },
    {
        "slug": "ho-so-tre-han-phai-co-van-ban-xin-loi",
        "title": "Hồ sơ giải quyết trễ hạn phải có văn bản xin lỗi và hẹn lại ngày trả kết quả",
        "date": datetime.date(2026, 9, 10),
        "category": "cai-cach-hanh-chinh",
        "tags": ["phiếu xin lỗi", "trễ hạn", "trách nhiệm giải trình"],
        "lead": "Cơ quan để hồ sơ quá hạn phải thông báo cho người dân bằng văn bản, nêu rõ lý "
        "do, xin lỗi và hẹn lại ngày trả kết quả; ngày hẹn chỉ được điều chỉnh một lần.",
        "body": [
            ("heading", "Trách nhiệm của cơ quan giải quyết"),
            (
                "paragraph",
                "Chậm nhất một ngày làm việc trước thời hạn trả kết quả, cơ quan có hồ sơ dự "
                "kiến trễ hạn phải gửi Phiếu xin lỗi và hẹn lại ngày trả kết quả tới Bộ phận "
                "Một cửa và người nộp hồ sơ. Phiếu do người đứng đầu cơ quan ký, nêu rõ cơ quan "
                "làm chậm và nguyên nhân.",
            ),
            ("heading", "Công khai trên Cổng"),
            (
                "paragraph",
                "Số hồ sơ trễ hạn của từng sở, ngành và xã, phường được công khai trên Cổng "
                "và là căn cứ đánh giá, xếp loại cuối năm. Việc trễ hạn được ghi nhận cho đúng "
                "cơ quan, bước xử lý đã để quá thời gian được giao.",
            ),
            (
                "quote",
                "Xin lỗi không phải là thủ tục cho có, mà là cam kết về thời hạn mới với người "
                "dân.",
            ),
        ],
        "source": "Văn phòng Ủy ban nhân dân tỉnh Hưng Yên",
        "status": "live",
    },
    {
        "slug": "tra-cuu-tinh-trang-ho-so-bang-ma-qr",
        "title": "Tra cứu tình trạng hồ sơ bằng mã hồ sơ và mã QR trên giấy hẹn",
        "date": datetime.date(2026, 9, 25),
        "category": "huong-dan-thu-tuc",
        "tags": ["tra cứu hồ sơ", "mã QR", "giấy tiếp nhận"],
        "lead": "Mỗi hồ sơ có một mã duy nhất in trên Giấy tiếp nhận hồ sơ và hẹn trả kết quả; "
        "người dân quét mã QR hoặc nhập mã hồ sơ để biết hồ sơ đang ở bước nào.",
        "body": [
            ("heading", "Cấu trúc mã hồ sơ"),
            (
                "paragraph",
                "Mã hồ sơ gồm mã định danh của cơ quan tiếp nhận, ngày tiếp nhận và số thứ tự "
                "hồ sơ trong ngày, ví dụ 000.00.31.H33-260925-0015. Mã được dùng trong mọi "
                "giao dịch liên quan đến hồ sơ, kể cả khi hồ sơ được chuyển liên thông.",
            ),
            ("heading", "Cách tra cứu"),
            (
                "paragraph",
                "Người dân có thể tra cứu theo một trong các cách:\n"
                "- Quét mã QR trên giấy hẹn bằng camera điện thoại.\n"
                "- Nhập mã hồ sơ kèm số điện thoại đã khai khi nộp hồ sơ tại mục Tra cứu hồ sơ.\n"
                "- Gọi đường dây nóng 0221 1022 trong giờ hành chính.",
            ),
            (
                "paragraph",
                "Kết quả tra cứu cho biết cơ quan đang xử lý, thời hạn của từng bước và ngày hẹn "
                "trả kết quả, giúp người dân chủ động thời gian đến nhận.",
            ),
        ],
        "source": CENTRE,
        "status": "live",
    },
    {
        "slug": "khao-sat-muc-do-hai-long-nam-2026",
        "title": "Khảo sát mức độ hài lòng của người dân, doanh nghiệp năm 2026",
        "date": datetime.date(2026, 10, 1),
        "category": "thong-bao",
        "tags": ["mức độ hài lòng", "khảo sát", "đánh giá"],
        "lead": "Từ ngày 01/10 đến 30/11/2026, người dân, doanh nghiệp đã giải quyết thủ tục "
        "hành chính tại tỉnh được mời đánh giá chất lượng phục vụ qua mã QR, ki-ốt hoặc trên "
        "Cổng.",
        "body": [
            ("heading", "Năm mức đánh giá"),
            (
                "paragraph",
                "Sau khi nhận kết quả, người dân chọn một trong năm mức: Rất hài lòng, Hài "
                "lòng, Bình thường, Không hài lòng, Rất không hài lòng, và có thể ghi thêm ý "
                "kiến góp ý cho cán bộ, cơ quan.",
            ),
            ("heading", "Kết quả được dùng thế nào"),
            (
                "paragraph",
                "Kết quả khảo sát được tổng hợp theo từng Trung tâm Phục vụ hành chính công, "
                "từng sở, ngành và công bố trên Cổng. Các ý kiến chưa hài lòng được chuyển cho "
                "cơ quan liên quan để giải trình, khắc phục trong 10 ngày làm việc.",
            ),
            (
                "paragraph",
                "Thông tin cá nhân của người tham gia khảo sát được bảo mật và chỉ dùng cho mục "
                "đích nâng cao chất lượng phục vụ.",
            ),
        ],
        "source": "Sở Nội vụ tỉnh Hưng Yên",
        "status": "live",
    },
    {
        "slug": "bo-chi-so-phuc-vu-nguoi-dan-doanh-nghiep-quyet-dinh-766",
        "title": "Bộ chỉ số phục vụ người dân, doanh nghiệp theo Quyết định 766/QĐ-TTg",
        "date": datetime.date(2026, 10, 20),
        "category": "cai-cach-hanh-chinh",
        "tags": ["Bộ chỉ số 766", "chất lượng phục vụ", "đánh giá"],
        "lead": "Chất lượng giải quyết thủ tục hành chính của tỉnh được đo theo thời gian thực "
        "bằng Bộ chỉ số ban hành kèm Quyết định 766/QĐ-TTg, với thang điểm 100.",
        "body": [
            ("heading", "Sáu nhóm chỉ số"),
            (
                "paragraph",
                "Quyết định 766/QĐ-TTg ngày 23/6/2022 của Thủ tướng Chính phủ phê duyệt Bộ chỉ "
                "số chỉ đạo, điều hành và đánh giá chất lượng phục vụ người dân, doanh nghiệp "
                "trong thực hiện thủ tục hành chính, dịch vụ công theo thời gian thực trên môi "
                "trường điện tử. Bộ chỉ số gồm các nhóm:\n"
                "- Công khai, minh bạch.\n"
                "- Tiến độ giải quyết.\n"
                "- Dịch vụ công trực tuyến.\n"
                "- Thanh toán trực tuyến.\n"
                "- Số hóa hồ sơ.\n"
                "- Mức độ hài lòng.",
            ),
            ("heading", "Theo dõi hằng tháng"),
            (
                "paragraph",
                "Văn phòng Ủy ban nhân dân tỉnh theo dõi điểm của từng sở, ngành và xã, phường "
                "trên hệ thống giám sát, nhắc nhở các đơn vị có chỉ số thấp, đặc biệt là tỷ lệ "
                "hồ sơ trễ hạn và tỷ lệ số hóa kết quả.",
            ),
        ],
        "source": "Văn phòng Ủy ban nhân dân tỉnh Hưng Yên",
        "status": "live",
    },
    {
        "slug": "chung-thuc-ban-sao-dien-tu-tu-ban-chinh",
        "title": "Chứng thực bản sao điện tử từ bản chính tại xã, phường",
        "date": datetime.date(2026, 11, 10),
        "category": "huong-dan-thu-tuc",
        "tags": ["chứng thực điện tử", "chứng thực", "bản sao"],
        "lead": "Người dân có thể đề nghị chứng thực bản sao điện tử từ bản chính giấy tờ tại "
        "Trung tâm Phục vụ hành chính công xã, phường để dùng cho các thủ tục trực tuyến.",
        "body": [
            ("heading", "Thực hiện ở đâu"),
            (
                "paragraph",
                "Yêu cầu chứng thực bản sao điện tử được tiếp nhận tại Trung tâm Phục vụ hành "
                "chính công các xã, phường và tại các tổ chức hành nghề công chứng. Người yêu "
                "cầu xuất trình bản chính giấy tờ; công chức đối chiếu, số hóa và ký số bản "
                "sao.",
            ),
            ("heading", "Sử dụng bản sao điện tử"),
            (
                "paragraph",
                "Bản sao điện tử đã chứng thực được lưu vào kho quản lý dữ liệu điện tử của "
                "người dân trên Cổng Dịch vụ công quốc gia và được dùng thay bản sao giấy khi "
                "nộp hồ sơ trực tuyến.",
            ),
            (
                "paragraph",
                "Lệ phí chứng thực được niêm yết tại nơi tiếp nhận và có thể thanh toán bằng "
                "mã QR.",
            ),
        ],
        "source": "Sở Tư pháp tỉnh Hưng Yên",
        "status": "live",
    },
    {
        "slug": "ke-hoach-tiep-nhan-ho-so-cao-diem-cuoi-nam",
        "title": "Kế hoạch tiếp nhận, giải quyết hồ sơ dịp cao điểm cuối năm",
        "publish_in_days": 2,
        "category": "thong-bao",
        "tags": ["giờ làm việc", "cao điểm cuối năm", "Trung tâm Phục vụ hành chính công"],
        "lead": "Để đáp ứng lượng hồ sơ tăng cao dịp cuối năm, các Trung tâm Phục vụ hành chính "
        "công bố trí thêm quầy tiếp nhận và làm việc cả ngày thứ Bảy.",
        "body": [
            ("heading", "Tăng cường quầy tiếp nhận"),
            (
                "paragraph",
                "Trong tháng cao điểm, Trung tâm Phục vụ hành chính công tỉnh bố trí thêm quầy "
                "cho các lĩnh vực đất đai, hộ tịch và cư trú; các xã, phường có lượng hồ sơ lớn "
                "tăng cường công chức tiếp nhận vào buổi sáng.",
            ),
            ("heading", "Khuyến khích đặt lịch và nộp trực tuyến"),
            (
                "paragraph",
                "Người dân nên đặt lịch hẹn trước trên Cổng hoặc nộp hồ sơ trực tuyến để tránh "
                "phải chờ đợi. Hồ sơ trực tuyến được tiếp nhận và xử lý như hồ sơ nộp trực "
                "tiếp.",
            ),
        ],
        "source": CENTRE,
        "status": "scheduled",
    },
    {
        "slug": "tap-huan-nghiep-vu-mot-cua-cho-cong-chuc-cap-xa",
        "title": "Tập huấn nghiệp vụ một cửa cho công chức cấp xã",
        "publish_in_days": 9,
        "category": "cai-cach-hanh-chinh",
        "tags": ["tập huấn", "công chức cấp xã", "một cửa liên thông"],
        "lead": "Công chức làm việc tại Trung tâm Phục vụ hành chính công các xã, phường được "
        "tập huấn về quy trình tiếp nhận, số hóa hồ sơ và sử dụng các biểu mẫu mới.",
        "body": [
            ("heading", "Nội dung tập huấn"),
            (
                "paragraph",
                "Lớp tập huấn tập trung vào các nội dung:\n"
                "- Tiếp nhận, số hóa hồ sơ và cấp mã hồ sơ.\n"
                "- Sử dụng bảy biểu mẫu theo Thông tư 03/2025/TT-VPCP.\n"
                "- Xử lý yêu cầu bổ sung hồ sơ, từ chối tiếp nhận và xin lỗi khi trễ hạn.",
            ),
            (
                "paragraph",
                "Sau tập huấn, mỗi xã, phường cử một công chức làm đầu mối hỗ trợ đồng nghiệp "
                "và tiếp nhận phản ánh về phần mềm một cửa.",
            ),
        ],
        "source": "Sở Nội vụ tỉnh Hưng Yên",
        "status": "scheduled",
    },
    {
        "slug": "doi-thoai-doanh-nghiep-thu-tuc-dat-dai-xay-dung",
        "title": "Đối thoại với doanh nghiệp về thủ tục đất đai và xây dựng",
        "date": datetime.date(2026, 11, 20),
        "category": "cai-cach-hanh-chinh",
        "tags": ["đối thoại doanh nghiệp", "đất đai", "hoạt động xây dựng"],
        "lead": "Lãnh đạo tỉnh và các sở, ngành đối thoại với doanh nghiệp về những vướng mắc "
        "trong thủ tục đất đai, cấp phép xây dựng và đăng ký biện pháp bảo đảm.",
        "body": [
            ("heading", "Những vướng mắc được nêu"),
            (
                "paragraph",
                "Doanh nghiệp phản ánh thời gian thẩm định hồ sơ cấp phép xây dựng còn dài, một "
                "số hồ sơ phải bổ sung nhiều lần. Sở Xây dựng cam kết rà soát quy trình nội "
                "bộ, công khai thời gian xử lý của từng bước.",
            ),
            (
                "paragraph",
                "Sở Nông nghiệp và Môi trường giới thiệu việc đăng ký thế chấp quyền sử dụng đất "
                "trực tuyến và liên thông với ngân hàng, giúp rút ngắn thời gian giải ngân.",
            ),
        ],
        "source": "Văn phòng Ủy ban nhân dân tỉnh Hưng Yên",
        "status": "moderation",
    },
]

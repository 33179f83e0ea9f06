"""The demo newsroom: organisations, sections, glossary, bylines and articles.

All texts are written for this project, in the format the centre uses: a title, a lead, body
paragraphs with photo captions between them, the end mark, the byline and the unit.
"""

UNIT = "Trung tâm TT và VH"

# (name, short name, slug expected by readers, kind, aliases, position)
GROUP = {
    "name": "Khối MTTQ và các đoàn thể",
    "short_name": "Khối MTTQ",
    "kind": "other",
    "aliases": ["Khối Mặt trận và các đoàn thể", "Khối MTTQ và các đoàn thể CT-XH"],
    "description": "Cơ quan tham mưu giúp việc chung của Mặt trận Tổ quốc và các tổ chức "
    "chính trị - xã hội thành phố.",
    "position": 0,
}

ORGANISATIONS = [
    {
        "name": "Ủy ban Mặt trận Tổ quốc",
        "short_name": "Ủy ban MTTQ",
        "kind": "front",
        "aliases": ["MTTQ", "UBMTTQ", "Mặt trận Tổ quốc", "Ủy ban MTTQ"],
        "in_group": True,
        "description": "Liên minh chính trị, tập hợp và phát huy sức mạnh khối đại đoàn kết "
        "toàn dân tộc trên địa bàn thành phố.",
    },
    {
        "name": "Hội Liên hiệp Phụ nữ",
        "short_name": "Hội LHPN",
        "kind": "mass",
        "aliases": ["Hội LHPN", "Hội Phụ nữ", "LHPN"],
        "in_group": True,
        "description": "Đại diện cho quyền và lợi ích hợp pháp của phụ nữ thành phố.",
    },
    {
        "name": "Hội Nông dân",
        "short_name": "Hội ND",
        "kind": "mass",
        "aliases": ["HND", "Hội ND", "Hội Nông dân thành phố"],
        "in_group": True,
        "description": "Tổ chức của giai cấp nông dân, đồng hành cùng nông dân xây dựng "
        "nông thôn mới và phát triển sản xuất.",
    },
    {
        "name": "Hội Cựu chiến binh",
        "short_name": "Hội CCB",
        "kind": "mass",
        "aliases": ["Hội CCB", "CCB"],
        "in_group": True,
        "description": "Tập hợp cựu chiến binh, giữ gìn và phát huy bản chất bộ đội Cụ Hồ.",
    },
    {
        "name": "Liên đoàn Lao động",
        "short_name": "LĐLĐ",
        "kind": "mass",
        "aliases": ["LĐLĐ", "Công đoàn thành phố", "LĐLĐ TP"],
        "in_group": True,
        "description": "Tổ chức công đoàn, chăm lo đời sống và bảo vệ quyền lợi người lao động.",
    },
    {
        "name": "Đoàn Thanh niên",
        "short_name": "Thành Đoàn",
        "kind": "mass",
        "aliases": ["Thành Đoàn", "Thành đoàn", "Đoàn TNCS Hồ Chí Minh", "ĐTN"],
        "in_group": True,
        "description": "Đoàn Thanh niên Cộng sản Hồ Chí Minh thành phố, đội hình xung kích "
        "của tuổi trẻ.",
    },
    {
        "name": "Thành ủy",
        "short_name": "Thành ủy",
        "kind": "party",
        "aliases": ["Ban Thường vụ Thành ủy"],
        "in_group": False,
        "description": "Cơ quan lãnh đạo của Đảng bộ thành phố.",
    },
    {
        "name": "Hội đồng nhân dân",
        "short_name": "HĐND",
        "kind": "government",
        "aliases": ["HĐND", "HĐND thành phố"],
        "in_group": False,
        "description": "Cơ quan quyền lực nhà nước ở địa phương.",
    },
    {
        "name": "Ủy ban nhân dân",
        "short_name": "UBND",
        "kind": "government",
        "aliases": ["UBND", "UBND thành phố"],
        "in_group": False,
        "description": "Cơ quan hành chính nhà nước ở địa phương.",
    },
]

# (name, parent name or None)
CATEGORIES = [
    ("Thời sự", None),
    ("Mặt trận - Đoàn thể", None),
    ("Kinh tế", None),
    ("Nông thôn mới", "Kinh tế"),
    ("Văn hóa - Xã hội", None),
    ("An sinh xã hội", "Văn hóa - Xã hội"),
]

TAGS = [
    "Nông thôn mới",
    "Chuyển đổi số",
    "An sinh xã hội",
    "Bảo vệ môi trường",
    "Thanh niên tình nguyện",
    "Đô thị văn minh",
    "Người lao động",
    "Hội nghị tổng kết",
]

ABBREVIATIONS = {
    "MTTQ": "Mặt trận Tổ quốc",
    "CT-XH": "chính trị - xã hội",
    "HĐND": "Hội đồng nhân dân",
    "UBND": "Ủy ban nhân dân",
    "GPMB": "giải phóng mặt bằng",
    "NTM": "nông thôn mới",
    "LHPN": "Liên hiệp Phụ nữ",
    "CCB": "Cựu chiến binh",
    "LĐLĐ": "Liên đoàn Lao động",
    "HVPN": "hội viên phụ nữ",
    "CNLĐ": "công nhân lao động",
    "NLĐ": "người lao động",
    "SXKD": "sản xuất, kinh doanh",
    "BVMT": "bảo vệ môi trường",
    "ANTT": "an ninh trật tự",
    "VSMT": "vệ sinh môi trường",
    "THPT": "trung học phổ thông",
    "TNTN": "thanh niên tình nguyện",
}

# (name, unit, bio, username of the linked account or None)
AUTHORS = [
    ("Phạm Thu Hà", UNIT, "Phóng viên mảng Mặt trận và đoàn thể.", "phongvien"),
    ("Lê Minh Khoa", UNIT, "Phóng viên ảnh, theo dõi hoạt động nông thôn.", None),
    ("Nguyễn Hoàng Nam", UNIT, "Biên tập viên thời sự.", "bientapvien"),
    ("Vũ Thị Lan", UNIT, "Phóng viên mảng văn hóa - xã hội.", None),
    ("Đặng Quốc Việt", UNIT, "Phóng viên mảng kinh tế và lao động.", None),
    ("Bùi Thanh Tâm", UNIT, "Cộng tác viên khối thanh niên.", None),
]

# Each article: the body alternates paragraphs and ("caption", text) photo captions.
# "days_ago" and "time" place it in the past (negative days schedule it in the future).
ARTICLES = [
    {
        "title": "Khối MTTQ và các đoàn thể thành phố tổng kết công tác năm, bàn nhiệm vụ năm mới",
        "lead": "Sáng 24/11, Khối MTTQ và các đoàn thể CT-XH thành phố tổ chức hội nghị tổng "
        "kết công tác năm. Dự hội nghị có đại diện Thường trực Thành ủy, lãnh đạo HĐND và "
        "UBND thành phố.",
        "cover": "Đại biểu dự hội nghị tổng kết Khối MTTQ và các đoàn thể thành phố",
        "body": [
            "Báo cáo tại hội nghị cho biết, trong năm, cơ quan Khối đã ban hành hơn 90 văn "
            "bản hướng dẫn, chủ động phối hợp với chính quyền các phường, xã triển khai các "
            "phong trào thi đua. Công tác giám sát và phản biện xã hội được duy trì đều đặn, "
            "tập trung vào các dự án GPMB và chính sách an sinh.",
            ("caption", "Toàn cảnh hội nghị tổng kết"),
            "Các tổ chức thành viên đã vận động được gần 2,8 tỷ đồng hỗ trợ hộ nghèo, cận "
            "nghèo; phối hợp xây mới và sửa chữa 37 nhà ở cho hộ khó khăn. Cuộc vận động "
            "“Toàn dân đoàn kết xây dựng NTM, đô thị văn minh” tiếp tục lan tỏa ở 12 thôn, "
            "khu.",
            "Phát biểu chỉ đạo, đại diện Thường trực Thành ủy đề nghị Khối đổi mới phương "
            "thức tập hợp đoàn viên, hội viên, tăng cường ứng dụng công nghệ thông tin và "
            "bám sát cơ sở để kịp thời nắm bắt tâm tư của nhân dân.",
            ("caption", "Lãnh đạo thành phố trao bằng khen cho các tập thể tiêu biểu"),
            "Dịp này, 14 tập thể và 22 cá nhân được khen thưởng vì có thành tích xuất sắc "
            "trong thực hiện nhiệm vụ năm.",
        ],
        "authors": ["Phạm Thu Hà", "Lê Minh Khoa"],
        "organisations": ["khoi-mttq-va-cac-doan-the", "uy-ban-mat-tran-to-quoc", "thanh-uy"],
        "category": "Mặt trận - Đoàn thể",
        "tags": ["Hội nghị tổng kết"],
        "days_ago": 1,
        "time": (9, 30),
    },
    {
        "title": "Hội LHPN thành phố ra mắt mô hình “Phụ nữ phân loại rác tại nguồn”",
        "lead": "Hội LHPN thành phố vừa ra mắt mô hình phân loại rác tại nguồn ở phường Hòa "
        "Bình với 120 hộ gia đình tham gia, mở đầu cho đợt cao điểm BVMT cuối năm.",
        "cover": "Khu phố sạch đẹp sau đợt ra quân vệ sinh môi trường",
        "body": [
            "Theo Ban Thường vụ Hội LHPN thành phố, mỗi hộ tham gia được phát hai thùng rác "
            "có màu khác nhau và tờ hướng dẫn phân loại rác hữu cơ, rác tái chế. Chi hội "
            "phụ nữ các khu phố phân công HVPN kiểm tra, nhắc nhở hằng tuần.",
            ("caption", "Hội viên phụ nữ phường Hòa Bình nhận thùng phân loại rác"),
            "Rác hữu cơ được ủ thành phân bón cho vườn rau của khu phố; rác tái chế được "
            "thu gom bán, tiền thu được đưa vào quỹ giúp hội viên khó khăn. Sau một tháng "
            "thí điểm, lượng rác chôn lấp của khu phố giảm gần một phần ba.",
            "Hội dự kiến nhân rộng mô hình ra 6 phường trung tâm trong năm tới, gắn với "
            "phong trào VSMT “Ngày Chủ nhật xanh”.",
        ],
        "authors": ["Vũ Thị Lan"],
        "organisations": ["hoi-lien-hiep-phu-nu"],
        "category": "Văn hóa - Xã hội",
        "tags": ["Bảo vệ môi trường", "Đô thị văn minh"],
        "days_ago": 2,
        "time": (15, 10),
    },
    {
        "title": "Hội Nông dân giúp hội viên chuyển đổi sang trồng rau hữu cơ",
        "lead": "Từ nguồn vốn Quỹ Hỗ trợ nông dân, Hội Nông dân thành phố đã giúp 45 hộ ở xã "
        "Tân Lập chuyển sang trồng rau theo hướng hữu cơ, cho thu nhập cao hơn trước.",
        "cover": "Cánh đồng rau hữu cơ ở xã Tân Lập",
        "body": [
            "Các hộ được vay vốn ưu đãi để dựng nhà lưới, lắp hệ thống tưới nhỏ giọt và được "
            "cán bộ khuyến nông hướng dẫn quy trình canh tác không dùng thuốc bảo vệ thực "
            "vật hóa học.",
            ("caption", "Nông dân xã Tân Lập chăm sóc rau trong nhà lưới"),
            "Anh Trịnh Văn Hưng, một hộ tham gia, cho biết mỗi sào rau hữu cơ cho lãi cao "
            "gấp đôi rau trồng theo cách cũ, đầu ra ổn định nhờ hợp đồng với các bếp ăn "
            "trường học trên địa bàn.",
            "Hội Nông dân thành phố đặt mục tiêu xây dựng thêm hai tổ hợp tác sản xuất rau "
            "an toàn, góp phần hoàn thành tiêu chí thu nhập của xã NTM nâng cao.",
        ],
        "authors": ["Lê Minh Khoa"],
        "organisations": ["hoi-nong-dan"],
        "category": "Nông thôn mới",
        "tags": ["Nông thôn mới"],
        "days_ago": 3,
        "time": (8, 5),
    },
    {
        "title": "Cựu chiến binh xung kích giữ gìn ANTT ở khu dân cư",
        "lead": "Hơn 140 tổ tự quản về ANTT do Hội CCB thành phố làm nòng cốt đang hoạt động "
        "hiệu quả, góp phần giữ bình yên cho các khu dân cư.",
        "cover": "Cựu chiến binh trò chuyện với người dân khu phố",
        "body": [
            "Các tổ tự quản duy trì tuần tra vào buổi tối, phối hợp với công an phường nắm "
            "tình hình, hòa giải mâu thuẫn ngay từ cơ sở. Nhiều vụ việc nhỏ được giải quyết "
            "tại chỗ, không để phát sinh thành điểm nóng.",
            ("caption", "Tổ tự quản của Hội CCB tuần tra tại khu phố 3"),
            "Hội CCB còn tích cực tuyên truyền mô hình “3 biết, 4 không” tới hội viên và "
            "nhân dân, vận động thanh niên trong độ tuổi thực hiện nghĩa vụ quân sự.",
        ],
        "authors": ["Nguyễn Hoàng Nam"],
        "organisations": ["hoi-cuu-chien-binh"],
        "category": "Mặt trận - Đoàn thể",
        "tags": ["Đô thị văn minh"],
        "days_ago": 4,
        "time": (10, 45),
    },
    {
        "title": "LĐLĐ thành phố tổ chức “Tháng Công nhân” chăm lo đời sống người lao động",
        "lead": "Trong khuôn khổ “Tháng Công nhân”, LĐLĐ thành phố đã thăm hỏi, tặng quà hơn "
        "600 đoàn viên công đoàn có hoàn cảnh khó khăn tại các doanh nghiệp.",
        "cover": "Công nhân trong giờ nghỉ giữa ca",
        "body": [
            "Bên cạnh hoạt động tặng quà, LĐLĐ phối hợp với các doanh nghiệp tổ chức đối "
            "thoại định kỳ, lắng nghe kiến nghị của CNLĐ về tiền lương, giờ làm việc và điều "
            "kiện nhà ở.",
            ("caption", "Đại diện LĐLĐ thành phố trao quà cho công nhân"),
            "Nhiều kiến nghị đã được doanh nghiệp tiếp thu, như tăng tiền ăn giữa ca, hỗ trợ "
            "xe đưa đón công nhân ở xa. LĐLĐ cũng rà soát, phát triển đoàn viên để thành lập "
            "thêm công đoàn cơ sở tại các doanh nghiệp ngoài nhà nước.",
        ],
        "authors": ["Đặng Quốc Việt"],
        "organisations": ["lien-doan-lao-dong"],
        "category": "Kinh tế",
        "tags": ["Người lao động", "An sinh xã hội"],
        "days_ago": 5,
        "time": (14, 0),
    },
    {
        "title": "Thanh niên tình nguyện hướng dẫn người dân dùng dịch vụ công trực tuyến",
        "lead": "Đội hình TNTN của Thành Đoàn đã có mặt tại bộ phận một cửa các phường, xã để "
        "hướng dẫn người dân nộp hồ sơ trực tuyến và cài đặt định danh điện tử.",
        "cover": "Đội hình thanh niên tình nguyện tại bộ phận một cửa",
        "body": [
            "Mỗi ngày, các đoàn viên thay phiên nhau hỗ trợ, đặc biệt là người cao tuổi và "
            "người lần đầu làm thủ tục qua mạng. Tính đến giữa tháng, đội hình đã hỗ trợ "
            "hơn 3.200 hồ sơ trực tuyến.",
            ("caption", "Đoàn viên hướng dẫn người dân thao tác trên điện thoại"),
            "Thành Đoàn cũng tổ chức các lớp tập huấn kỹ năng số cho học sinh các trường "
            "THPT, lan tỏa tinh thần tuổi trẻ tiên phong trong chuyển đổi số.",
        ],
        "authors": ["Bùi Thanh Tâm", "Phạm Thu Hà"],
        "organisations": ["doan-thanh-nien"],
        "category": "Thời sự",
        "tags": ["Chuyển đổi số", "Thanh niên tình nguyện"],
        "days_ago": 6,
        "time": (16, 20),
    },
    {
        "title": "HĐND thành phố khai mạc kỳ họp thường lệ cuối năm",
        "lead": "Kỳ họp thường lệ cuối năm của HĐND thành phố xem xét các báo cáo kinh tế - "
        "xã hội, dự toán ngân sách và quyết định nhiều nghị quyết quan trọng.",
        "cover": "Hội trường kỳ họp HĐND thành phố",
        "body": [
            "Tại kỳ họp, các đại biểu tập trung thảo luận về tiến độ các dự án trọng điểm, "
            "công tác GPMB và giải quyết kiến nghị của cử tri. Nhiều ý kiến đề nghị UBND "
            "thành phố đẩy nhanh việc cấp giấy chứng nhận quyền sử dụng đất cho người dân.",
            ("caption", "Quang cảnh phiên khai mạc kỳ họp"),
            "Kỳ họp dành một buổi cho hoạt động chất vấn và trả lời chất vấn, được phát "
            "trực tiếp trên sóng phát thanh của Trung tâm để cử tri theo dõi.",
        ],
        "authors": ["Nguyễn Hoàng Nam"],
        "organisations": ["hoi-dong-nhan-dan", "uy-ban-nhan-dan"],
        "category": "Thời sự",
        "tags": [],
        "days_ago": 7,
        "time": (8, 30),
    },
    {
        "title": "UBND thành phố đối thoại với người dân về giải phóng mặt bằng",
        "lead": "Lãnh đạo UBND thành phố đã đối thoại trực tiếp với các hộ dân bị ảnh hưởng "
        "bởi dự án mở rộng tuyến đường ven sông, giải đáp từng kiến nghị.",
        "cover": "Tuyến đường ven sông đang được mở rộng",
        "body": [
            "Các hộ dân bày tỏ mong muốn được bố trí tái định cư gần nơi ở cũ và được hỗ trợ "
            "chuyển đổi nghề. Đại diện UBND thành phố cam kết xem xét từng trường hợp theo "
            "đúng quy định, bảo đảm hài hòa lợi ích của người dân và Nhà nước.",
            "Ủy ban MTTQ thành phố cử cán bộ tham gia giám sát, tiếp nhận ý kiến của người "
            "dân để phản ánh kịp thời tới cơ quan có thẩm quyền.",
            ("caption", "Buổi đối thoại tại nhà văn hóa khu phố"),
            "Sau buổi đối thoại, nhiều hộ đã đồng thuận bàn giao mặt bằng trước thời hạn.",
        ],
        "authors": ["Đặng Quốc Việt"],
        "organisations": ["uy-ban-nhan-dan", "uy-ban-mat-tran-to-quoc"],
        "category": "Thời sự",
        "tags": ["Đô thị văn minh"],
        "days_ago": 9,
        "time": (11, 15),
    },
    {
        "title": "Mặt trận các cấp trao 50 mái ấm đại đoàn kết cho hộ nghèo",
        "lead": "Từ Quỹ “Vì người nghèo”, Ủy ban MTTQ thành phố và các phường, xã đã hỗ trợ "
        "xây mới, sửa chữa 50 ngôi nhà đại đoàn kết trong năm.",
        "cover": "Ngôi nhà đại đoàn kết mới khánh thành",
        "body": [
            "Mỗi ngôi nhà được hỗ trợ từ 40 đến 60 triệu đồng, cùng với ngày công của đoàn "
            "viên, hội viên và bà con lối xóm. Nhiều gia đình đã có nơi ở kiên cố trước mùa "
            "mưa bão.",
            ("caption", "Trao quyết định hỗ trợ xây nhà đại đoàn kết"),
            "Bà Hoàng Thị Mai, một hộ được hỗ trợ, xúc động chia sẻ: có nhà mới, con cháu "
            "yên tâm học hành, gia đình có thêm động lực vươn lên thoát nghèo.",
        ],
        "authors": ["Phạm Thu Hà"],
        "organisations": ["uy-ban-mat-tran-to-quoc", "khoi-mttq-va-cac-doan-the"],
        "category": "An sinh xã hội",
        "tags": ["An sinh xã hội"],
        "days_ago": 11,
        "time": (9, 0),
    },
    {
        "title": "Thành ủy quán triệt nghị quyết về phát triển văn hóa, con người",
        "lead": "Ban Thường vụ Thành ủy tổ chức hội nghị học tập, quán triệt nghị quyết về "
        "xây dựng và phát triển văn hóa, con người thành phố trong giai đoạn mới.",
        "cover": "Hội nghị quán triệt nghị quyết của Thành ủy",
        "body": [
            "Hội nghị được tổ chức theo hình thức trực tiếp kết hợp trực tuyến tới các điểm "
            "cầu phường, xã, thu hút hơn 1.500 cán bộ, đảng viên tham dự.",
            ("caption", "Các đại biểu dự hội nghị tại điểm cầu thành phố"),
            "Các cấp ủy được yêu cầu xây dựng kế hoạch cụ thể, gắn việc thực hiện nghị quyết "
            "với phong trào xây dựng đời sống văn hóa ở khu dân cư.",
        ],
        "authors": ["Nguyễn Hoàng Nam", "Vũ Thị Lan"],
        "organisations": ["thanh-uy"],
        "category": "Văn hóa - Xã hội",
        "tags": [],
        "days_ago": 13,
        "time": (7, 45),
    },
    {
        "title": "Hội Nông dân và Thành Đoàn cùng ra quân xây dựng tuyến đường hoa",
        "lead": "Hơn 300 hội viên nông dân và đoàn viên thanh niên đã ra quân trồng 2.000 cây "
        "hoa dọc tuyến đường liên xã, góp phần làm đẹp cảnh quan NTM.",
        "cover": "Tuyến đường hoa liên xã",
        "body": [
            "Tuyến đường hoa dài gần 3 km được chia thành từng đoạn, giao cho các chi hội và "
            "chi đoàn nhận chăm sóc. Kinh phí mua cây giống do người dân và doanh nghiệp "
            "trên địa bàn đóng góp.",
            ("caption", "Hội viên nông dân và đoàn viên trồng hoa"),
            "Hoạt động là một phần của cuộc vận động xây dựng thôn kiểu mẫu, được người dân "
            "hưởng ứng nhiệt tình.",
        ],
        "authors": ["Lê Minh Khoa", "Bùi Thanh Tâm"],
        "organisations": ["hoi-nong-dan", "doan-thanh-nien"],
        "category": "Nông thôn mới",
        "tags": ["Nông thôn mới", "Thanh niên tình nguyện", "Bảo vệ môi trường"],
        "days_ago": 16,
        "time": (17, 30),
    },
    {
        "title": "Phụ nữ khởi nghiệp: từ vốn vay nhỏ đến xưởng may gia đình",
        "lead": "Với khoản vay ưu đãi do Hội LHPN tín chấp, chị Đỗ Thị Hằng ở phường Quang "
        "Trung đã mở xưởng may nhỏ, tạo việc làm cho 8 lao động nữ.",
        "cover": "Chị Đỗ Thị Hằng tại xưởng may gia đình",
        "body": [
            "Chị Hằng kể, những ngày đầu xưởng chỉ có hai máy may cũ. Nhờ được Hội hỗ trợ "
            "kết nối đơn hàng và tham gia lớp tập huấn quản lý, xưởng dần ổn định và mở "
            "rộng.",
            ("caption", "Xưởng may của chị Hằng"),
            "Hội LHPN thành phố hiện đang hỗ trợ 27 mô hình phụ nữ khởi nghiệp, chủ yếu "
            "trong lĩnh vực may mặc, chế biến thực phẩm và dịch vụ.",
        ],
        "authors": ["Vũ Thị Lan"],
        "organisations": ["hoi-lien-hiep-phu-nu"],
        "category": "Kinh tế",
        "tags": ["Người lao động"],
        "days_ago": 20,
        "time": (13, 5),
    },
    {
        "title": "Hội CCB thành phố gặp mặt kỷ niệm ngày truyền thống",
        "lead": "Hội CCB thành phố sắp tổ chức gặp mặt hội viên tiêu biểu nhân kỷ niệm ngày "
        "thành lập Hội Cựu chiến binh Việt Nam.",
        "cover": "Hội viên Hội CCB thành phố",
        "body": [
            "Buổi gặp mặt ôn lại truyền thống vẻ vang của Hội, biểu dương các tập thể, cá "
            "nhân có thành tích trong phong trào “Cựu chiến binh gương mẫu”.",
        ],
        "authors": ["Nguyễn Hoàng Nam"],
        "organisations": ["hoi-cuu-chien-binh"],
        "category": "Mặt trận - Đoàn thể",
        "tags": [],
        "days_ago": -3,
        "time": (8, 0),
        "status": "published",
    },
    {
        "title": "Đoàn viên công đoàn hiến máu tình nguyện đầu mùa đông",
        "lead": "LĐLĐ thành phố phối hợp với bệnh viện đa khoa tổ chức ngày hội hiến máu, "
        "dự kiến tiếp nhận hơn 400 đơn vị máu.",
        "cover": "Đoàn viên công đoàn đăng ký hiến máu",
        "body": [
            "Bài đang được phóng viên hoàn thiện: cần bổ sung số liệu sau ngày hội và ảnh "
            "hiện trường.",
        ],
        "authors": ["Phạm Thu Hà"],
        "organisations": ["lien-doan-lao-dong"],
        "category": "Văn hóa - Xã hội",
        "tags": ["Người lao động"],
        "days_ago": None,
        "time": None,
        "status": "draft",
        "owner": "phongvien",
    },
    {
        "title": "Thành Đoàn phát động chương trình “Xuân tình nguyện”",
        "lead": "Chương trình “Xuân tình nguyện” năm nay tập trung vào các hoạt động hỗ trợ "
        "người dân vùng khó khăn đón Tết ấm áp.",
        "cover": "Đoàn viên thanh niên chuẩn bị quà Tết cho thiếu nhi",
        "body": [
            "Các cơ sở Đoàn sẽ tổ chức gói bánh chưng, tặng quà và tổ chức vui chơi cho "
            "thiếu nhi có hoàn cảnh đặc biệt.",
            ("caption", "Đoàn viên chuẩn bị quà Tết"),
        ],
        "authors": ["Bùi Thanh Tâm"],
        "organisations": ["doan-thanh-nien"],
        "category": "Mặt trận - Đoàn thể",
        "tags": ["Thanh niên tình nguyện"],
        "days_ago": None,
        "time": None,
        "status": "in_review",
        "owner": "phongvien",
    },
]

# Demo accounts: username → (role or None for the superuser, full name)
ACCOUNTS = {
    "phongvien": ("Phóng viên", "Phạm Thu Hà"),
    "bientapvien": ("Biên tập viên", "Nguyễn Hoàng Nam"),
    "tongbientap": ("Tổng biên tập", "Trần Quang Huy"),
    "admin": (None, "Quản trị hệ thống"),
}
DEMO_PASSWORD = "newsroom-demo"  # noqa: S105 — published in the README for the demo only

"""Plausible Vietnamese local news, written from word lists, for filling a benchmark database.

Every story has the shape of the centre's articles: a title, a lead that starts with the day,
body paragraphs of several sentences with photo captions between them, the end mark ``./.``
on the last paragraph, dense with the abbreviations readers meet (MTTQ, HĐND, CT-XH, NTM…).
The same random generator gives the same story, so a benchmark database can be made again.
"""

import random
import string
from dataclasses import dataclass, field
from datetime import datetime

SURNAMES = [
    "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi",
    "Đỗ", "Hồ", "Ngô", "Dương", "Lý", "Đinh", "Lương", "Tạ", "Mai",
]  # fmt: skip
MIDDLE_NAMES_MEN = ["Văn", "Minh", "Quốc", "Thanh", "Hoàng", "Đức", "Hữu", "Xuân", "Bảo", "Hải"]
MIDDLE_NAMES_WOMEN = ["Thị", "Thu", "Ngọc", "Thúy", "Kim", "Thanh", "Minh", "Hải"]
MIDDLE_NAMES = MIDDLE_NAMES_MEN + MIDDLE_NAMES_WOMEN
GIVEN_NAMES = [
    "An", "Bình", "Cường", "Dung", "Giang", "Hà", "Hải", "Hạnh", "Hùng", "Hương", "Khánh",
    "Lan", "Linh", "Long", "Mai", "Nam", "Nga", "Phương", "Quang", "Sơn", "Tâm", "Thảo",
    "Trang", "Tuấn", "Vân", "Yến", "Đông", "Thắng", "Nhung", "Toàn",
]  # fmt: skip

PLACES = [
    "phường Hòa Bình", "phường Trần Phú", "phường Ka Long", "phường Ninh Dương",
    "phường Hải Hòa", "phường Bình Ngọc", "phường Hải Yên", "phường Quang Trung",
    "xã Hải Xuân", "xã Quảng Nghĩa", "xã Vạn Ninh", "xã Hải Tiến", "xã Bắc Sơn",
    "xã Hải Đông", "xã Hải Sơn", "xã Vĩnh Trung", "xã Vĩnh Thực", "xã Tân Lập",
    "xã Đồng Tâm", "thôn Xuân Ninh", "khu phố 3", "khu phố Hồng Hà",
]  # fmt: skip

# (name used in the text, the organisation's full name as in the demo, its leader's title)
ORGANISATIONS = [
    ("Ủy ban MTTQ", "Ủy ban Mặt trận Tổ quốc", "Chủ tịch Ủy ban MTTQ thành phố"),
    ("Hội LHPN", "Hội Liên hiệp Phụ nữ", "Chủ tịch Hội LHPN thành phố"),
    ("Hội Nông dân", "Hội Nông dân", "Chủ tịch Hội Nông dân thành phố"),
    ("Hội CCB", "Hội Cựu chiến binh", "Chủ tịch Hội CCB thành phố"),
    ("LĐLĐ", "Liên đoàn Lao động", "Chủ tịch LĐLĐ thành phố"),
    ("Đoàn Thanh niên", "Đoàn Thanh niên", "Bí thư Thành Đoàn"),
    ("Thành ủy", "Thành ủy", "Phó Bí thư Thường trực Thành ủy"),
    ("HĐND", "Hội đồng nhân dân", "Chủ tịch HĐND thành phố"),
    ("UBND", "Ủy ban nhân dân", "Phó Chủ tịch UBND thành phố"),
    ("Khối MTTQ và các đoàn thể CT-XH", "Khối MTTQ và các đoàn thể", "Trưởng Khối MTTQ"),
]

EVENTS = [
    "hội nghị tổng kết công tác năm", "hội nghị sơ kết 6 tháng đầu năm",
    "lễ ra mắt mô hình dân vận khéo", "buổi tập huấn nghiệp vụ cho cán bộ cơ sở",
    "chương trình “Tết sum vầy”", "ngày hội đại đoàn kết toàn dân tộc",
    "hội thi tuyên truyền pháp luật", "buổi đối thoại với đoàn viên, hội viên",
    "diễn đàn chuyển đổi số ở cơ sở", "lễ phát động tháng hành động vì môi trường",
    "đợt giám sát việc thực hiện chính sách an sinh", "hội nghị phản biện xã hội",
    "chương trình hiến máu tình nguyện", "lễ bàn giao nhà đại đoàn kết",
    "buổi gặp mặt cán bộ hội qua các thời kỳ", "hội thảo phát triển kinh tế tập thể",
]  # fmt: skip

TOPICS = [
    "xây dựng NTM nâng cao", "phân loại rác tại nguồn", "chuyển đổi số",
    "GPMB dự án đường ven sông",
    "phòng chống đuối nước cho trẻ em", "bảo vệ môi trường", "an toàn giao thông",
    "phát triển sản phẩm OCOP", "giảm nghèo bền vững", "xây dựng đô thị văn minh",
    "phòng chống tác hại của thuốc lá", "chăm lo cho người lao động", "khởi nghiệp của thanh niên",
    "bình đẳng giới", "phòng chống bạo lực gia đình", "cải cách hành chính",
    "trồng cây xanh", "tín dụng chính sách", "phòng chống dịch bệnh", "xây dựng Đảng",
]  # fmt: skip

BENEFICIARIES = [
    "hộ nghèo", "hộ cận nghèo", "học sinh có hoàn cảnh khó khăn", "CNLĐ có hoàn cảnh khó khăn",
    "HVPN nghèo", "gia đình chính sách", "người cao tuổi neo đơn", "trẻ em mồ côi",
    "hội viên nông dân", "thanh niên lập nghiệp",
]  # fmt: skip

GIFTS = ["suất quà", "phần quà", "sổ tiết kiệm", "xe đạp", "bộ sách giáo khoa", "chăn ấm"]
MODELS = [
    "Chi hội phụ nữ tiết kiệm", "Tổ tự quản đường hoa", "Khu dân cư không rác thải nhựa",
    "Tổ hợp tác nuôi trồng thủy sản", "Câu lạc bộ dân vận khéo", "Điểm sáng an ninh trật tự",
    "Tuyến đường cựu chiến binh tự quản", "Nhà văn hóa thông minh", "Chợ 4.0 không dùng tiền mặt",
]  # fmt: skip
MOVEMENTS = [
    "“Toàn dân đoàn kết xây dựng NTM, đô thị văn minh”",
    "“Phụ nữ tích cực học tập, lao động sáng tạo, xây dựng gia đình hạnh phúc”",
    "“Nông dân thi đua sản xuất, kinh doanh giỏi”",
    "“Cựu chiến binh gương mẫu”",
    "“Tuổi trẻ sáng tạo”",
    "“Xanh, sạch, đẹp”",
]
TAGS = [
    "Nông thôn mới", "Chuyển đổi số", "An sinh xã hội", "Bảo vệ môi trường",
    "Thanh niên tình nguyện", "Đô thị văn minh", "Người lao động", "Hội nghị tổng kết",
    "Giảm nghèo", "OCOP", "An toàn giao thông", "Cải cách hành chính", "Hiến máu",
    "Khởi nghiệp", "Bình đẳng giới", "Tết", "Giám sát", "Phản biện xã hội", "Dân vận khéo",
    "Nhà đại đoàn kết", "Trồng cây", "Tín dụng chính sách", "Học bổng", "Y tế", "Giáo dục",
    "Thể thao", "Văn hóa", "Du lịch", "Biên giới", "Quốc phòng", "Đại hội", "Bầu cử",
]  # fmt: skip

OPENERS = ["Sáng", "Chiều", "Tối", "Sáng ngày", "Chiều ngày", "Ngày"]

SENTENCES = [
    "Năm {year}, {org} {place} đã vận động được {money} triệu đồng ủng hộ quỹ “Vì người nghèo”, "
    "hỗ trợ xây mới {small} nhà đại đoàn kết cho {beneficiary}.",
    "Toàn {place} hiện có {big} hội viên, sinh hoạt tại {small} chi hội, trong đó {percent}% "
    "hội viên tham gia các mô hình phát triển kinh tế.",
    "Phát biểu tại {event}, đồng chí {person} - {leader} ghi nhận những kết quả mà các cấp hội "
    "đã đạt được, đồng thời đề nghị tiếp tục đổi mới nội dung, phương thức hoạt động.",
    "Trong thời gian tới, {org} sẽ tập trung tuyên truyền, vận động nhân dân tích cực tham gia "
    "{topic}, phấn đấu đến cuối năm có {percent}% hộ gia đình thực hiện.",
    "Các đại biểu đã thảo luận, đóng góp nhiều ý kiến tâm huyết về {topic}, chỉ ra những khó "
    "khăn, vướng mắc ở cơ sở và đề xuất giải pháp tháo gỡ.",
    "Dịp này, {org} đã trao {small} {gift} cho {beneficiary}, mỗi suất trị giá {hundreds} "
    "nghìn đồng.",
    "Mô hình “{model}” ra đời từ tháng {month}/{year} với {small} thành viên, đến nay đã lan "
    "rộng ra {small2} thôn, khu phố.",
    "Theo báo cáo, {org} đã phối hợp với UBND {place} tổ chức {small} buổi tuyên truyền về "
    "{topic}, thu hút hơn {big} lượt người tham dự.",
    "Công tác giám sát và phản biện xã hội được MTTQ và các đoàn thể CT-XH duy trì thường xuyên, "
    "tập trung vào {topic} và việc thực hiện các dự án GPMB trên địa bàn.",
    "Phong trào {movement} tiếp tục được triển khai sâu rộng, tạo sự lan tỏa trong cộng đồng "
    "dân cư.",
    "Đồng chí {person} đề nghị các cơ sở hội bám sát địa bàn, nắm bắt kịp thời tâm tư, nguyện "
    "vọng của đoàn viên, hội viên và phản ánh với cấp ủy, chính quyền.",
    "Ngay sau lễ phát động, {big} đoàn viên thanh niên và người dân đã ra quân dọn vệ sinh, "
    "trồng {big2} cây xanh dọc các tuyến đường của {place}.",
    "Nhiều hộ hội viên đã mạnh dạn chuyển đổi cơ cấu cây trồng, vật nuôi, cho thu nhập từ "
    "{money} đến {hundreds} triệu đồng mỗi năm.",
    "Tại kỳ họp, HĐND thành phố đã thông qua {small} nghị quyết quan trọng, trong đó có nghị "
    "quyết về {topic} giai đoạn {year}-{next_year}.",
    "Ban Thường vụ {org} đánh giá cao sự phối hợp của các ban, ngành và sự hưởng ứng tích cực "
    "của nhân dân {place}.",
    "Kết thúc chương trình, {small} tập thể và {small2} cá nhân được khen thưởng vì có thành tích "
    "xuất sắc trong {topic}.",
    "Bà con {place} phấn khởi cho biết, từ khi có {model}, đường làng ngõ xóm sạch đẹp hơn, "
    "tình làng nghĩa xóm thêm gắn bó.",
    "Hội nghị cũng đã triển khai kế hoạch thực hiện {topic} năm {next_year} với {small} chỉ "
    "tiêu cụ thể.",
    "Qua {event}, cán bộ hội các cấp được trang bị thêm kỹ năng tuyên truyền, vận động, góp "
    "phần nâng cao chất lượng hoạt động ở cơ sở.",
    "Cũng trong dịp này, Ngân hàng Chính sách xã hội đã giải ngân {money} tỷ đồng vốn vay ưu "
    "đãi qua kênh ủy thác của {org} cho {big} hộ.",
    "Đoàn công tác đã đi kiểm tra thực tế tại {place}, lắng nghe ý kiến của người dân về "
    "{topic}.",
    "Với sự vào cuộc của cả hệ thống chính trị, tỷ lệ hộ nghèo của thành phố giảm còn "
    "{percent_small}%, thu nhập bình quân đầu người đạt {money} triệu đồng/năm.",
    "Để phong trào đi vào chiều sâu, {org} chú trọng xây dựng và nhân rộng các điển hình tiên "
    "tiến, kịp thời biểu dương những cách làm hay ở cơ sở.",
    "Nhiều ý kiến cho rằng cần tăng cường ứng dụng công nghệ thông tin trong quản lý hội viên, "
    "đưa sinh hoạt chi hội lên môi trường mạng.",
    "Ông {man}, một hội viên ở {place}, chia sẻ: “Được hỗ trợ vốn và hướng dẫn kỹ thuật, gia "
    "đình tôi đã có thu nhập ổn định, con cái được học hành đầy đủ”.",
    "Chị {woman}, đoàn viên ở {place}, cho biết tham gia {topic} giúp chị hiểu thêm trách "
    "nhiệm của mình với cộng đồng.",
    "Năm {next_year}, thành phố đặt mục tiêu có thêm {small} thôn, khu đạt chuẩn khu dân cư kiểu "
    "mẫu và {small2} sản phẩm OCOP được công nhận.",
    "Lực lượng ĐVTN tình nguyện đã tham gia hướng dẫn người dân cài đặt ứng dụng dịch vụ công "
    "trực tuyến, thanh toán không dùng tiền mặt.",
    "Hội nghị đã nghe các tham luận về kinh nghiệm {topic} của một số chi hội tiêu biểu.",
    "Đến nay, {percent}% khu dân cư trên địa bàn đã xây dựng được quy ước về {topic}.",
    "Trước đó, Ban Thường trực Ủy ban MTTQ thành phố đã có văn bản hướng dẫn các cơ sở tổ chức "
    "lấy ý kiến nhân dân về {topic}.",
    "Cùng với đó, các cấp hội đã phối hợp mở {small} lớp dạy nghề ngắn hạn cho {big} lao động "
    "nông thôn.",
]  # fmt: skip

CAPTIONS = [
    "Quang cảnh {event}",
    "Đồng chí {person} - {leader} phát biểu tại {event}",
    "{org} trao {gift} cho {beneficiary}",
    "Đoàn viên thanh niên {place} ra quân vệ sinh môi trường",
    "Các đại biểu tham quan mô hình “{model}”",
    "Người dân {place} tham gia {topic}",
    "Lãnh đạo thành phố trao bằng khen cho các tập thể tiêu biểu",
]

TITLES = [
    "{org} {place} tổ chức {event}",
    "{org} thành phố đẩy mạnh {topic}",
    "Ra mắt mô hình “{model}” tại {place}",
    "{org} trao {small} {gift} cho {beneficiary} {place}",
    "Tập huấn về {topic} cho cán bộ hội cơ sở",
    "{org} giám sát việc thực hiện {topic} tại {place}",
    "Phát động phong trào {movement} năm {year}",
    "{place}: hiệu quả từ mô hình “{model}”",
    "HĐND thành phố chất vấn về {topic}",
    "Tuổi trẻ {place} chung tay vì {topic}",
]

LEADS = [
    "{opener} {day}/{month}, {org} {place} tổ chức {event}. Dự có đồng chí {person} - "
    "{leader} cùng đại diện lãnh đạo các ban, ngành, đoàn thể.",
    "{opener} {day}/{month}, {org} thành phố phối hợp với UBND {place} triển khai {topic}, "
    "thu hút đông đảo đoàn viên, hội viên và nhân dân tham gia.",
    "Thực hiện phong trào {movement}, {org} {place} đã có nhiều cách làm sáng tạo trong "
    "{topic}, góp phần thay đổi diện mạo địa phương.",
]


def person_name(rng: random.Random, middle_names: list[str] = MIDDLE_NAMES) -> str:
    """A Vietnamese full name: surname, middle name, given name."""
    return f"{rng.choice(SURNAMES)} {rng.choice(middle_names)} {rng.choice(GIVEN_NAMES)}"


@dataclass
class Story:
    """One generated article: its parts, ready for the database."""

    title: str
    lead: str
    blocks: list[tuple[str, str]] = field(default_factory=list)  # ("p" | "caption", text)
    organisations: list[str] = field(default_factory=list)  # full names, the main one first
    tags: list[str] = field(default_factory=list)


def _number(low: int, high: int):
    return lambda rng: str(rng.randint(low, high))


def _thousands(rng: random.Random) -> str:
    return f"{rng.randint(1, 9)}.{rng.randint(100, 999)}"


# What a sentence draws for itself, so paragraphs are not repetitive; the organisation, the
# day, the event and the leader stay those of the story.
SENTENCE_DRAWS = {
    "place": lambda rng: rng.choice(PLACES),
    "topic": lambda rng: rng.choice(TOPICS),
    "small": _number(2, 60),
    "small2": _number(2, 60),
    "money": _number(2, 95),
    "hundreds": lambda rng: str(rng.randint(1, 9) * 100),
    "big": _thousands,
    "big2": _thousands,
    "percent": _number(60, 99),
    "percent_small": lambda rng: f"{rng.randint(1, 4)},{rng.randint(1, 9)}",
    "man": lambda rng: person_name(rng, MIDDLE_NAMES_MEN),
    "woman": lambda rng: person_name(rng, MIDDLE_NAMES_WOMEN),
}
# Each sentence pattern's slots, found once: only those are drawn.
_SLOTS = [
    [name for _, name, _, _ in string.Formatter().parse(pattern) if name] for pattern in SENTENCES
]


class NewsWriter:
    """Writes plausible local news stories from one random generator."""

    def __init__(self, rng: random.Random):
        self.rng = rng

    def _slots(self, when: datetime, organisation) -> dict[str, str]:
        rng = self.rng
        name, _, leader = organisation
        slots = {name: draw(rng) for name, draw in SENTENCE_DRAWS.items()}
        slots.update(
            org=name,
            leader=leader,
            event=rng.choice(EVENTS),
            beneficiary=rng.choice(BENEFICIARIES),
            gift=rng.choice(GIFTS),
            model=rng.choice(MODELS),
            movement=rng.choice(MOVEMENTS),
            person=person_name(rng),
            opener=rng.choice(OPENERS),
            day=str(when.day),
            month=str(when.month),
            year=str(when.year),
            next_year=str(when.year + 1),
        )
        return slots

    def _sentence(self, number: int, slots: dict[str, str]) -> str:
        rng = self.rng
        own = {
            name: SENTENCE_DRAWS[name](rng) if name in SENTENCE_DRAWS else slots[name]
            for name in _SLOTS[number]
        }
        return SENTENCES[number].format(**own)

    def story(self, when: datetime) -> Story:
        """A story dated ``when``: 5 to 11 paragraphs of 2 to 4 sentences, one or two captions."""
        rng = self.rng
        organisations = rng.sample(ORGANISATIONS, rng.randint(1, 4))
        slots = self._slots(when, organisations[0])
        title = rng.choice(TITLES).format(**slots)
        lead = rng.choice(LEADS).format(**slots)
        # A shuffled deck of sentence patterns: no pattern comes back before all were used.
        deck = rng.sample(range(len(SENTENCES)), len(SENTENCES)) * 3
        sentences = (self._sentence(number, slots) for number in deck)
        paragraphs = [
            " ".join(next(sentences) for _ in range(rng.randint(2, 4)))
            for _ in range(rng.randint(5, 11))
        ]
        paragraphs[-1] = paragraphs[-1].removesuffix(".") + "./."
        blocks = [("p", text) for text in paragraphs]
        # A photo's caption goes before a paragraph, never before the first or another photo.
        places = rng.sample(range(1, len(paragraphs)), rng.randint(1, 2))
        for place in sorted(places, reverse=True):
            blocks.insert(place, ("caption", rng.choice(CAPTIONS).format(**slots)))
        return Story(
            title=title[0].upper() + title[1:],
            lead=lead,
            blocks=blocks,
            organisations=[name for _, name, _ in organisations],
            tags=rng.sample(TAGS, rng.randint(1, 4)),
        )

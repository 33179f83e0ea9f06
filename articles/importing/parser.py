"""Plain-text article import, in the format of the centre's archive.

A text reads, one block per line: the title; the date (``13/01/2022 21:44``, ``5/3/2022 8:05``
or ``13/01/2022``, Asia/Ho_Chi_Minh); the lead; body paragraphs with photo captions between them
(short lines without a closing full stop); the end mark ``./.``; the byline (names joined by
`` - ``); the unit. Debris from the old website (``Loading...``, share buttons) is dropped.

``parse_text`` knows nothing of the database; ``import_service.import_article`` saves one
parsed text, for the ``import_articles`` command and the admin's "Nhập bài từ văn bản" page.
"""

import codecs
import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from django.utils.text import Truncator
from django.utils.translation import gettext as _

from articles.models import Article

ARCHIVE_TIME_ZONE = ZoneInfo("Asia/Ho_Chi_Minh")
END_MARK = "./."
TITLE_MAX_CHARS = Article._meta.get_field("title").max_length
# A caption is one short line; the longest in the archive is about 130 characters.
CAPTION_MAX_CHARS = 250


class ImportFormatError(ValueError):
    """A text (or photo) that cannot be imported, with the 1-based line and the reason."""

    def __init__(self, reason: str, line: int | None = None):
        super().__init__(reason)
        self.reason = reason
        self.line = line

    def __str__(self) -> str:
        if self.line is None:
            return self.reason
        return _("dòng %(line)d: %(reason)s") % {"line": self.line, "reason": self.reason}


# --- reading -------------------------------------------------------------------------------

_INVISIBLE = dict.fromkeys(map(ord, "\ufeff\u200b\u200c\u200d\u2060\u00ad"))
_SPACES = re.compile(r"\s+")


def decode_text(data: bytes) -> str:
    """Decode a file's bytes: UTF-8 with or without a BOM, or UTF-16 with its BOM."""
    encoding = "utf-16" if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) else None
    try:
        text = data.decode(encoding or "utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1 if encoding is None else None
        raise ImportFormatError(
            _(
                "không đọc được tệp: đây không phải văn bản UTF-8 (có thể tệp được lưu bằng "
                "bảng mã khác như Windows-1258 hay TCVN3); hãy lưu lại tệp dưới dạng UTF-8"
            ),
            line,
        ) from error
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        raise ImportFormatError(_("không đọc được tệp: đây không phải tệp văn bản"), line)
    return text


def read_article_file(path: Path) -> "ParsedArticle":
    """Read and parse one archive file."""
    try:
        data = Path(path).read_bytes()
    except OSError as error:
        raise ImportFormatError(
            _("không mở được tệp (%(error)s)") % {"error": error.strerror or error}
        ) from error
    return parse_text(decode_text(data))


def _clean_line(line: str) -> str:
    # Invisible characters and runs of spaces, tabs or no-break spaces carry no words.
    return _SPACES.sub(" ", line.translate(_INVISIBLE)).strip()


# --- debris --------------------------------------------------------------------------------

_SHARE_WORDS = sorted(
    [
        "chia sẻ", "share", "facebook", "twitter", "zalo", "tweet", "email", "e-mail",
        "gửi email", "gửi bài", "in bài", "in bài viết", "in trang", "print", "bản in",
        "lưu bài", "copy link", "sao chép link", "sao chép liên kết", "thích", "like",
        "bình luận", "linkedin", "messenger", "telegram", "pinterest",
    ],
    key=len,
    reverse=True,
)  # fmt: skip
_SHARE_WORD = "|".join(map(re.escape, _SHARE_WORDS))
# Every token and separator is matched possessively: a run of digits can be read only one way,
# so a long line of digits or spaces is rejected in linear time instead of backtracking
# through every way of splitting it (a pasted text could otherwise hold a server process).
_SHARE_LINE = re.compile(
    rf"(?:(?>{_SHARE_WORD}|\(?+\d++\)?+)\s*+(?:[|•·,:/]\s*+)?+)++", re.IGNORECASE
)
_OTHER_DEBRIS = re.compile(
    r"(?:loading|đang tải)\s*(?:\.+|…)?|lượt xem\s*:?\s*[\d.,]+|về đầu trang|quay lại",
    re.IGNORECASE,
)


def is_debris(line: str) -> bool:
    """Whether a whole line is left over from the old website (a loader, share buttons)."""
    if _OTHER_DEBRIS.fullmatch(line):
        return True
    # Numbers alone (share counts) are debris only beside a share button's word.
    return bool(_SHARE_LINE.fullmatch(line)) and not re.fullmatch(r"[\d\s()|•·,:/]+", line)


# --- dates ---------------------------------------------------------------------------------

_DATE = re.compile(
    r"(?P<day>\d{1,2})/(?P<month>\d{1,2})/(?P<year>\d{4})"
    r"(?:\s*[,|-]?\s*(?P<hour>\d{1,2})[:hg](?P<minute>\d{2})(?::(?P<second>\d{2}))?)?"
)


def parse_date(text: str, line: int) -> tuple[datetime, bool]:
    """Read ``13/01/2022 21:44``, ``5/3/2022 8:05`` or ``13/01/2022`` as a time in Vietnam.

    Returns the aware datetime (midnight when no time is given) and whether a time was given.
    """
    match = _DATE.fullmatch(text)
    if not match:
        raise ImportFormatError(
            _(
                "thiếu ngày đăng: dòng ngay sau tiêu đề phải là ngày giờ như 13/01/2022 21:44, "
                "ở đây lại là «%(text)s»"
            )
            % {"text": Truncator(text).words(10)},
            line,
        )
    parts = {name: int(value) for name, value in match.groupdict(default="0").items()}
    try:
        moment = datetime(**parts, tzinfo=ARCHIVE_TIME_ZONE)
    except ValueError as error:
        raise ImportFormatError(
            _("ngày đăng «%(text)s» không có thật") % {"text": text}, line
        ) from error
    return moment, match["hour"] is not None


# --- structure -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Block:
    """One body line: a paragraph, or a photo caption."""

    text: str
    is_caption: bool
    line: int


@dataclass
class ParsedArticle:
    """What a text says, told apart; ``end_mark_at`` is the index of the block ending in ./."""

    title: str
    published_at: datetime
    has_time: bool
    lead: str
    blocks: list[Block]
    byline: list[str] = field(default_factory=list)
    unit: str = ""
    end_mark_at: int | None = None
    dropped: list[tuple[int, str]] = field(default_factory=list)

    @property
    def captions(self) -> list[str]:
        return [block.text for block in self.blocks if block.is_caption]

    @property
    def paragraphs(self) -> list[str]:
        return [block.text for block in self.blocks if not block.is_caption]

    @property
    def import_key(self) -> str:
        """A stable key from the title and the date: the same article always gets the same."""
        when = self.published_at.strftime("%Y-%m-%d %H:%M" if self.has_time else "%Y-%m-%d")
        basis = f"v1|{self.title.casefold()}|{when}"
        return hashlib.sha256(basis.encode()).hexdigest()

    def searchable_text(self) -> str:
        """The words organisations are looked for in: title, lead, paragraphs and captions."""
        return "\n".join([self.title, self.lead, *(block.text for block in self.blocks)])


_END_MARK_AT_END = re.compile(r"\s*\./\.$")
_BYLINE_SEPARATOR = re.compile(r"\s+[-–—]\s+|\s*,\s*")
_CLOSING = "\"'”’»)]"
_SENTENCE_END = (".", "…", "!", "?", ":", ";")
_BULLETS = ("-", "+", "•", "*")


def _is_caption(text: str) -> bool:
    core = text.rstrip(_CLOSING)
    return (
        len(text) <= CAPTION_MAX_CHARS
        and not core.endswith(_SENTENCE_END)
        and not text.startswith(_BULLETS)
    )


def _is_name(part: str) -> bool:
    words = part.split()
    return 1 <= len(words) <= 6 and all(
        word[0].isupper() and word.replace("'", "").replace("-", "").isalpha() for word in words
    )


def looks_like_byline(line: str) -> bool:
    """Whether a line is a list of personal names: ``Trần Tương - Trần Bình``."""
    return all(_is_name(part) for part in _BYLINE_SEPARATOR.split(line))


def _byline_names(line: str) -> list[str]:
    return list(dict.fromkeys(_BYLINE_SEPARATOR.split(line)))


def _split_tail(lines: list[tuple[int, str]]) -> tuple[list, list, bool]:
    """Split the lines after the date into the body and the tail (byline, unit)."""
    for index in range(len(lines) - 1, -1, -1):
        number, text = lines[index]
        if _END_MARK_AT_END.search(text):
            body = lines[:index]
            rest = _END_MARK_AT_END.sub(".", text)
            if rest != ".":  # the mark ended a paragraph rather than standing alone
                body.append((number, rest))
            return body, lines[index + 1 :], bool(body)
    # No end mark: a byline is recognised by its names, followed or not by a short unit line.
    if len(lines) >= 3 and looks_like_byline(lines[-2][1]) and _is_caption(lines[-1][1]):
        return lines[:-2], lines[-2:], False
    if len(lines) >= 2 and looks_like_byline(lines[-1][1]):
        return lines[:-1], lines[-1:], False
    return lines, [], False


def parse_text(text: str) -> ParsedArticle:
    """Tell apart the title, date, lead, paragraphs, captions, byline and unit of ``text``.

    Raises ``ImportFormatError`` (with the line) for an empty text, a missing title or date.
    """
    lines, dropped = [], []
    for number, raw in enumerate(unicodedata.normalize("NFC", text).splitlines(), start=1):
        line = _clean_line(raw)
        if line and is_debris(line):
            dropped.append((number, line))
        elif line:
            lines.append((number, line))
    if not lines:
        raise ImportFormatError(_("văn bản trống: không có tiêu đề, ngày đăng hay nội dung nào"), 1)
    title_line, title = lines[0]
    if _DATE.fullmatch(title):
        raise ImportFormatError(
            _("thiếu tiêu đề: bài bắt đầu bằng ngày đăng, tiêu đề phải đứng trên ngày đăng"),
            title_line,
        )
    if len(title) > TITLE_MAX_CHARS:
        raise ImportFormatError(
            _(
                "thiếu tiêu đề: dòng đầu dài %(length)d ký tự, quá %(limit)d ký tự của một "
                "tiêu đề (có lẽ là một đoạn văn)"
            )
            % {"length": len(title), "limit": TITLE_MAX_CHARS},
            title_line,
        )
    if len(lines) < 2:
        raise ImportFormatError(
            _("thiếu ngày đăng: sau tiêu đề phải là dòng ngày giờ như 13/01/2022 21:44"),
            title_line + 1,
        )
    date_line, date_text = lines[1]
    published_at, has_time = parse_date(date_text, date_line)
    body, tail, has_end_mark = _split_tail(lines[2:])
    if not body:
        raise ImportFormatError(
            _("bài không có nội dung: sau ngày đăng phải có sapo và các đoạn văn"),
            date_line + 1,
        )
    byline = _byline_names(tail.pop(0)[1]) if tail and looks_like_byline(tail[0][1]) else []
    unit = tail.pop(0)[1] if tail and len(tail[0][1]) <= 255 else ""
    blocks = [Block(text, _is_caption(text), number) for number, text in body[1:]]
    end_mark_at = len(blocks) - 1 if has_end_mark and blocks else None
    # Whatever follows the byline and unit is kept as paragraphs: no word is lost.
    blocks += [Block(text, False, number) for number, text in tail]
    return ParsedArticle(
        title=title,
        published_at=published_at,
        has_time=has_time,
        lead=body[0][1],
        blocks=blocks,
        byline=byline,
        unit=unit,
        end_mark_at=end_mark_at,
        dropped=dropped,
    )

"""Reading HTML as a browser would, for the tests: form fields to post back, live content."""

import re
from collections import Counter
from html.parser import HTMLParser

# Elements that run code, load other documents, submit data or change how the page is read.
ACTIVE_TAGS = {
    "script", "iframe", "frame", "frameset", "object", "embed", "applet", "form", "input",
    "button", "textarea", "select", "base", "meta", "link", "style", "svg", "math", "template",
    "noscript", "video", "audio", "details", "marquee", "isindex", "xss", "body",
}  # fmt: skip
URL_ATTRIBUTES = {
    "href", "src", "action", "formaction", "xlink:href", "background", "cite", "data",
    "poster", "srcset", "content",
}  # fmt: skip
BAD_SCHEME = re.compile(r"^(javascript|vbscript|data):", re.IGNORECASE)
INVISIBLE = re.compile(r"[\x00-\x20\x7f]+")


class _LiveContent(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found = Counter()

    def handle_starttag(self, tag, attrs):
        if tag in ACTIVE_TAGS:
            self.found[f"<{tag}>"] += 1
        for name, value in attrs:
            value = value or ""
            if name.startswith("on") or name in {"style", "srcdoc"}:
                self.found[f"{tag}[{name}]"] += 1
            elif name in URL_ATTRIBUTES and BAD_SCHEME.match(INVISIBLE.sub("", value)):
                self.found[f"{tag}[{name}={value[:20]}]"] += 1


def live_content(html: str) -> Counter:
    """Everything in ``html`` that could run or load code: active tags, handlers, bad URLs."""
    parser = _LiveContent()
    parser.feed(html)
    parser.close()
    return parser.found


class _Forms(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms: list[dict] = []
        self.current: dict | None = None
        self.textarea: str | None = None
        self.select: tuple[str, bool] | None = None
        self.option: dict | None = None

    def handle_starttag(self, tag, attrs):
        attrs = {name: value if value is not None else "" for name, value in attrs}
        if tag == "form":
            self.current = {"attrs": attrs, "fields": []}
            self.forms.append(self.current)
        if self.current is None:
            return
        name = attrs.get("name")
        if tag == "input" and name and "disabled" not in attrs:
            kind = attrs.get("type", "text").lower()
            if kind in {"submit", "button", "image", "reset", "file"}:
                return
            if kind in {"checkbox", "radio"} and "checked" not in attrs:
                return
            default = "on" if kind in {"checkbox", "radio"} else ""
            self.current["fields"].append((name, attrs.get("value", default)))
        elif tag == "textarea" and name:
            self.textarea = name
            self.current["fields"].append((name, ""))
        elif tag == "select" and name:
            self.select = (name, "multiple" in attrs)
            self.options = []
        elif tag == "option" and self.select:
            self.option = {"value": attrs.get("value"), "selected": "selected" in attrs, "text": ""}
            self.options.append(self.option)

    def handle_data(self, data):
        if self.textarea and self.current:
            name, value = self.current["fields"][-1]
            if not value and data.startswith("\n"):  # browsers drop a textarea's first newline
                data = data[1:]
            self.current["fields"][-1] = (name, value + data)
        if self.option is not None:
            self.option["text"] += data

    def handle_endtag(self, tag):
        if tag == "textarea":
            self.textarea = None
        elif tag == "option":
            self.option = None
        elif tag == "select" and self.select:
            name, multiple = self.select
            chosen = [option for option in self.options if option["selected"]]
            if not chosen and not multiple and self.options:
                chosen = self.options[:1]
            for option in chosen:
                value = option["value"] if option["value"] is not None else option["text"]
                self.current["fields"].append((name, value))
            self.select = None
        elif tag == "form":
            self.current = None


def form_fields(html: str, form_id: str) -> dict:
    """The values a browser would submit for the form ``form_id`` of the page (files left out).

    A name given several times (a multiple select) maps to a list.
    """
    parser = _Forms()
    parser.feed(html)
    parser.close()
    (form,) = [form for form in parser.forms if form["attrs"].get("id") == form_id]
    data: dict = {}
    for name, value in form["fields"]:
        if name not in data:
            data[name] = value
        elif isinstance(data[name], list):
            data[name].append(value)
        else:
            data[name] = [data[name], value]
    return data


# The types a browser runs (module, or a JavaScript MIME type); any other is a data block.
SCRIPT_TYPES = {
    "module", "text/javascript", "application/javascript", "application/ecmascript",
    "text/ecmascript", "application/x-javascript", "text/jscript", "text/livescript",
}  # fmt: skip


class _InlineCode(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self.data_blocks = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "script" and not attrs.get("src"):
            kind = (attrs.get("type") or "").strip().lower()
            if kind and kind not in SCRIPT_TYPES:  # JSON-LD, json_script: data, never run
                self.data_blocks += 1
            else:
                self.found.append("<script> without src")
        if tag == "style":
            self.found.append("<style>")
        for name, value in attrs.items():
            if name.startswith("on"):
                self.found.append(f"{tag}[{name}]")
            elif name == "style":
                self.found.append(f"{tag}[style]")
            elif name in URL_ATTRIBUTES and BAD_SCHEME.match(INVISIBLE.sub("", value or "")):
                self.found.append(f"{tag}[{name}={value[:20]}]")


def inline_code(html: str) -> list[str]:
    """What a strict Content-Security-Policy would block in ``html``: inline scripts (data
    blocks such as JSON-LD aside), inline styles, event handlers and ``javascript:`` URLs."""
    parser = _InlineCode()
    parser.feed(html)
    parser.close()
    return parser.found

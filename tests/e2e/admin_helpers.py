"""Driving Django's admin widgets (select2 autocomplete, CKEditor) from Playwright."""


def choose(page, field_id: str, text: str) -> None:
    """Pick ``text`` in the autocomplete box of the admin field ``field_id``."""
    page.locator(f"#{field_id} + .select2 .select2-selection").click()
    search = page.locator(".select2-container--open .select2-search__field")
    search.fill(text)
    page.locator(".select2-results__option--highlighted", has_text=text).first.wait_for()
    search.press("Enter")


def type_body(page, text: str, field_id: str = "id_body") -> None:
    """Type into the CKEditor body, as a journalist would."""
    editable = page.frame_locator(f"#cke_{field_id} iframe").locator("body")
    editable.click()
    page.keyboard.type(text)


def press(page, action: str) -> None:
    """Press one of the workflow buttons ("submit", "return", …) and wait for the page."""
    with page.expect_navigation():
        page.click(f"button[name=_transition][value={action}]")

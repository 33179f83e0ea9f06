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


def insert_new_photo(page, file_path, *, alt: str, caption: str, credit: str) -> None:
    """Upload a photo into the library through the editor's popup and insert it in the body."""
    page.frame_locator("#cke_id_body iframe").locator("body").click()
    page.keyboard.press("Control+End")
    with page.expect_popup() as opened:
        page.click(".cke_button__newsroomphoto")
    popup = opened.value
    popup.wait_for_load_state()
    popup.fill("#id_alt_text", alt)
    popup.fill("#id_caption", caption)
    popup.fill("#id_credit", credit)
    popup.set_input_files("#id_image", str(file_path))  # the upload starts once a file is picked
    popup.locator(".upload-done").wait_for()
    with popup.expect_event("close"):
        popup.locator(".photo-choice.photo-new").first.click()
    page.frame_locator("#cke_id_body iframe").locator("figure img[data-photo-id]").wait_for()

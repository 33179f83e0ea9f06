import pytest

from articles.roles import EDITOR, EDITOR_IN_CHIEF, JOURNALIST
from tests.factories import user_in_role


@pytest.fixture
def people(roles):
    return {
        "journalist": user_in_role(JOURNALIST, "phongvien", first_name="Phạm Thu Hà"),
        "other": user_in_role(JOURNALIST, "phongvien2", first_name="Lê Văn Bình"),
        "editor": user_in_role(EDITOR, "bientapvien", first_name="Nguyễn Hoàng Nam"),
        "chief": user_in_role(EDITOR_IN_CHIEF, "tongbientap", first_name="Trần Quang Huy"),
    }

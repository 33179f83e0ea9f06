from datetime import timedelta

import factory
from django.utils import timezone

from planning.models import Assignment
from tests.factories import CategoryFactory, OrganisationFactory, UserFactory


class AssignmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Assignment

    working_title = factory.Sequence(lambda n: f"Hội Nông dân ra quân làm đường nông thôn {n}")
    category = factory.SubFactory(CategoryFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    assignee = factory.SubFactory(UserFactory)
    created_by = factory.SubFactory(UserFactory)
    due_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=3))
    expected_words = 800
    notes = "Phỏng vấn Chủ tịch Hội; ảnh hiện trường"

import pytest

from telemarksplanen.models import FocusArea, Goal, Plan

pytestmark = pytest.mark.django_db


def test_migration_creates_telemarksplanen_in_force():
    plan = Plan.objects.get()
    assert (plan.name, plan.slug, plan.period, plan.in_force) == (
        "Telemarksplanen 2024–2028",
        "telemarksplanen-2024-2028",
        "2024–2028",
        True,
    )


def test_plan_has_exactly_three_focus_areas_with_adopted_names():
    areas = list(FocusArea.objects.order_by("order").values_list("code", "title_nb", "title_nn"))
    assert areas == [
        ("I", "Inkluderende Telemark", "Inkluderande Telemark"),
        ("S", "Skapende Telemark", "Skapande Telemark"),
        ("N", "Naturrike Telemark", "Naturrike Telemark"),
    ]
    assert FocusArea.objects.filter(provisional=True).count() == 0


def test_plan_has_nine_provisional_goals_with_stable_codes():
    codes = list(Goal.objects.order_by("focus_area__order", "order").values_list("code", flat=True))
    assert codes == ["I1", "I2", "I3", "S1", "S2", "S3", "N1", "N2", "N3"]
    assert Goal.objects.filter(provisional=True).count() == 9
    assert all(goal.code.startswith(goal.focus_area.code) for goal in Goal.objects.all())


def test_every_goal_has_bokmal_nynorsk_and_english_titles():
    goal = Goal.objects.get(code="N1")
    assert goal.title_nb == "Grønn omstilling og redusert klimagassutslipp"
    assert goal.title_nn == "Grøn omstilling og redusert klimagassutslepp"
    assert goal.title_en == "Green transition and lower greenhouse gas emissions"
    assert Goal.objects.filter(title_nb="").count() == 0
    assert Goal.objects.filter(title_nn="").count() == 0
    assert Goal.objects.filter(title_en="").count() == 0


def test_only_one_plan_can_be_in_force():
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        Plan.objects.create(
            name="Telemarksplanen 2028–2032",
            slug="telemarksplanen-2028-2032",
            start_year=2028,
            end_year=2032,
            in_force=True,
        )
    assert Plan.objects.count() == 1

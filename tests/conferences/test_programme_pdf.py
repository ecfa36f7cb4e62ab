"""The PDF programme: every item with its details, labels in the PDF's language, item text in its
own, user text as text, Oslo time, and one query whatever the size of the programme."""

import io
import re
from datetime import UTC, date, datetime, timedelta

import pypdf
import pytest

from conferences.programme_pdf import (
    colour_css,
    date_range,
    programme_pdf_html,
    render_programme_pdf,
)
from telemarksplanen.models import Goal
from tests.factories import goal, plan_in_force

PUBLISHED = datetime(2027, 3, 1, 12, 5, tzinfo=UTC)
TITLES = [
    "Grønn omstilling i Grenland – æøå ÆØÅ",
    'Et "åpent" spørsmål: hva nå, Telemark?',
    "Korleis få fleire unge til å bli i bygda",
]


def make_item(pk, title, *, start, minutes=60, language="nb", room_id=1, **extra):
    return {
        "id": pk,
        "title": title,
        "abstract": "",
        "language": language,
        "format": "panel",
        "start": start.isoformat(),
        "end": (start + timedelta(minutes=minutes)).isoformat(),
        "duration": minutes,
        "room_id": room_id,
        "all_rooms": False,
        "speakers": [],
        "goals": [],
        "owners": [{"id": 12, "name": "NHO Vestfold og Telemark"}],
        **extra,
    }


def make_snapshot(items):
    return {
        "conference": {
            "id": 3,
            "slug": "moteplass-2027",
            "title": "Møteplass Telemark 2027",
            "year": 2027,
            "start_date": "2027-03-27",
            "end_date": "2027-03-29",
            "venue": "Bø hotell, Midt-Telemark",
            "description_nb": "Den årlige møteplassen.",
            "description_nn": "Den årlege møteplassen.",
            "description_en": "",
            "plan_id": plan_in_force().pk,
        },
        "rooms": [
            {"id": 1, "name": "Storsalen", "capacity": 300, "order": 0},
            {"id": 2, "name": "Lille sal", "capacity": 80, "order": 1},
        ],
        "items": items,
        "partners": [
            {"id": 12, "name": "NHO Vestfold og Telemark"},
            {"id": 13, "name": "Vinje kommune"},
        ],
    }


@pytest.fixture
def snapshot(db):
    return make_snapshot(
        [
            # 08:00 UTC is 09:00 in Oslo on 27 March 2027 (winter time).
            make_item(
                41,
                TITLES[0],
                start=datetime(2027, 3, 27, 8, 0, tzinfo=UTC),
                minutes=90,
                abstract="Vi ser på <b>fet</b> tekst & andre <tegn>.\n\nAndre avsnitt.",
                speakers=[
                    {
                        "id": 5,
                        "name": "Kari Nordmann",
                        "title": "ordfører",
                        "organisation": "Vinje kommune",
                    }
                ],
                goals=[goal("N1").pk, goal("I1").pk],
            ),
            make_item(
                42,
                TITLES[1],
                start=datetime(2027, 3, 27, 8, 0, tzinfo=UTC),
                room_id=2,
                goals=[goal("S2").pk],
            ),
            # Summer time from 28 March 2027: 08:00 UTC is 10:00 in Oslo.
            make_item(
                43,
                TITLES[2],
                start=datetime(2027, 3, 28, 8, 0, tzinfo=UTC),
                language="nn",
                abstract="Ei økt på nynorsk.",
                all_rooms=True,
                goals=[goal("I3").pk],
            ),
        ]
    )


def pdf_text(pdf: bytes) -> str:
    """The text of every page, with line breaks and runs of spaces made single spaces."""
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


def test_pdf_has_every_item_and_bokmal_labels(snapshot):
    pdf = render_programme_pdf(snapshot, number=3, published_at=PUBLISHED, language="nb")

    reader = pypdf.PdfReader(io.BytesIO(pdf))
    text = pdf_text(pdf)
    for title in TITLES:
        assert title in text
    assert reader.metadata.title == "Møteplass Telemark 2027 – program"
    assert reader.trailer["/Root"]["/Lang"] == "nb"
    assert "27.–29. mars 2027" in text
    assert "Versjon 3, publisert 1. mars 2027 13:05" in text
    assert "Lørdag 27. mars 2027" in text
    assert "Hovedmål:" in text
    assert "Innledere: Kari Nordmann, ordfører, Vinje kommune" in text
    assert "Arrangør: NHO Vestfold og Telemark" in text
    assert "Satsingsområder og hovedmål" in text
    assert "Samarbeidspartnere" in text
    assert f"Side 2 av {len(reader.pages)}" in text
    assert "hovudmål" not in text.lower()


def test_pdf_in_nynorsk_has_nynorsk_labels(snapshot):
    pdf = render_programme_pdf(snapshot, number=3, published_at=PUBLISHED, language="nn")

    reader = pypdf.PdfReader(io.BytesIO(pdf))
    text = pdf_text(pdf)
    for title in TITLES:
        assert title in text
    assert reader.trailer["/Root"]["/Lang"] == "nn"
    assert "Hovudmål:" in text
    assert "Innleiarar:" in text
    assert "Programpostar" in text
    assert "Samarbeidspartnarar" in text
    assert "Laurdag 27. mars 2027" in text
    assert f"Side 2 av {len(reader.pages)}" in text
    assert "hovedmål" not in text.lower()


def test_pdf_in_english_has_english_labels(snapshot):
    pdf = render_programme_pdf(snapshot, number=3, published_at=PUBLISHED, language="en")

    reader = pypdf.PdfReader(io.BytesIO(pdf))
    text = pdf_text(pdf)
    assert reader.metadata.title == "Møteplass Telemark 2027 – programme"
    assert "27–29 March 2027" in text
    assert "Saturday 27 March 2027" in text
    assert "Main goals:" in text
    assert f"Page 2 of {len(reader.pages)}" in text


def test_user_text_is_text_not_markup(snapshot):
    html = programme_pdf_html(snapshot, number=3, published_at=PUBLISHED, language="nb")
    text = pdf_text(render_programme_pdf(snapshot, number=3, published_at=PUBLISHED, language="nb"))

    assert "Vi ser på &lt;b&gt;fet&lt;/b&gt; tekst &amp; andre &lt;tegn&gt;." in html
    assert "<b>fet</b>" not in html
    assert "Et &quot;åpent&quot; spørsmål" in html
    assert "Vi ser på <b>fet</b> tekst & andre <tegn>." in text
    assert "Andre avsnitt." in text


def test_times_are_oslo_time_and_items_are_marked_with_their_language(snapshot):
    html = programme_pdf_html(snapshot, number=3, published_at=PUBLISHED, language="nb")

    assert re.findall(r'<h4 lang="(\w+)">', html) == ["nb", "nb", "nn"]
    assert '<div lang="nn"><p>Ei økt på nynorsk.</p></div>' in html
    assert html.count("09:00–10:30") == 2  # timetable and details
    assert html.count("10:00–11:00") == 2  # 28 March: summer time
    assert "10:00–11:00 · Alle saler · Paneldebatt" in html
    assert "09:00–10:00 · Lille sal · Paneldebatt" in html


def test_goals_show_code_title_and_colour_class(snapshot):
    html = programme_pdf_html(snapshot, number=3, published_at=PUBLISHED, language="nb")
    i1, n1 = goal("I1"), goal("N1")

    # In the plan's order (I before N), each with its focus area's colour class and its text.
    assert (
        f'<span class="swatch area-colour-{i1.focus_area_id}"></span> I1 {i1.title_nb}; '
        f'<span class="swatch area-colour-{n1.focus_area_id}"></span> N1 {n1.title_nb}'
    ) in html


def test_legend_lists_every_goal_of_the_plan(snapshot):
    text = pdf_text(render_programme_pdf(snapshot, number=3, published_at=PUBLISHED, language="nn"))
    goals = Goal.objects.filter(focus_area__plan=plan_in_force()).select_related("focus_area")

    assert goals.count() == 9
    for plan_goal in goals:
        assert f"{plan_goal.code} {plan_goal.title_nn}" in text
    assert "I Inkluderande Telemark" in text


def test_colour_css_has_one_rule_per_focus_area_and_skips_bad_colours(db):
    goals = list(Goal.objects.filter(focus_area__plan=plan_in_force()).select_related("focus_area"))
    areas = {g.focus_area_id: g.focus_area.colour for g in goals}
    first = min(areas)
    for plan_goal in goals:
        if plan_goal.focus_area_id == first:
            plan_goal.focus_area.colour = "red;}body{display:none"

    css = colour_css(goals)

    assert css == "".join(
        f".area-colour-{pk}{{background-color:{colour}}}\n"
        for pk, colour in sorted(areas.items())
        if pk != first
    )


@pytest.mark.parametrize(
    "start,end,language,expected",
    [
        (date(2027, 3, 27), date(2027, 3, 29), "nb", "27.–29. mars 2027"),
        (date(2027, 3, 27), date(2027, 3, 29), "nn", "27.–29. mars 2027"),
        (date(2027, 3, 27), date(2027, 3, 29), "en", "27–29 March 2027"),
        (date(2027, 3, 30), date(2027, 4, 1), "nb", "30. mars 2027 – 1. april 2027"),
        (date(2027, 3, 30), date(2027, 3, 30), "nb", "30. mars 2027"),
    ],
)
def test_date_range(start, end, language, expected):
    from django.utils import translation

    with translation.override(language):
        assert date_range(start, end) == expected


def test_goal_that_is_no_longer_in_the_plan_is_left_out(snapshot):
    snapshot["items"][1]["goals"] = [999_999]

    html = programme_pdf_html(snapshot, number=3, published_at=PUBLISHED, language="nb")

    assert html.count('class="swatch area-colour-') == 3  # items 41 (two goals) and 43
    assert "S2 " not in html.split('<section class="legend">')[0]


@pytest.mark.parametrize("count", [3, 30])
def test_query_count_does_not_grow_with_the_items(count, django_assert_num_queries, db):
    goals = [goal("I1").pk, goal("S2").pk, goal("N3").pk]
    start = datetime(2027, 3, 27, 7, 0, tzinfo=UTC)
    snapshot = make_snapshot(
        [
            make_item(
                100 + n,
                f"Post {n}",
                start=start + timedelta(minutes=30 * n),
                minutes=30,
                room_id=1 + n % 2,
                goals=goals[: 1 + n % 3],
            )
            for n in range(count)
        ]
    )

    with django_assert_num_queries(1):
        pdf = render_programme_pdf(snapshot, number=1, published_at=PUBLISHED, language="nb")

    text = pdf_text(pdf)
    assert [f"Post {n}" in text for n in range(count)] == [True] * count


def test_empty_programme_renders_a_cover_and_says_so(db, django_assert_num_queries):
    snapshot = make_snapshot([])
    snapshot["conference"]["plan_id"] = None
    snapshot["partners"] = []

    with django_assert_num_queries(0):
        pdf = render_programme_pdf(snapshot, number=1, published_at=PUBLISHED, language="nn")

    text = pdf_text(pdf)
    assert "Møteplass Telemark 2027" in text
    assert "Programmet har ingen programpostar enno." in text
    assert "Programpostar" not in text

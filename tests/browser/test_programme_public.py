"""The public programme in a browser: axe-core on every page in bokmål and nynorsk, a phone's
320 px width without sideways scrolling, the filters, and printing without navigation."""

import pytest

from conferences.domain.schedule import unplace_session
from conferences.models import Session
from partners.enums import MembershipRole
from tests.browser.conftest import BROWSER, assert_accessible
from tests.conferences.test_programme_public import DAY2, Programme, at
from tests.factories import (
    ConferenceFactory,
    ConferencePartnerFactory,
    MembershipFactory,
    OrganisationFactory,
    RoomFactory,
    SessionFactory,
    UserFactory,
    county,
    goal,
)

pytestmark = BROWSER


@pytest.fixture
def programme():
    """Version 1 with four items over two days (lunch in all rooms), version 2 with an item
    added, version 3 with it removed again, an item moved and one renamed."""
    adviser = UserFactory(email="radgiver@example.no")
    MembershipFactory(
        user=adviser, organisation=county(), role=MembershipRole.COORDINATOR, is_adviser=True
    )
    conference = ConferenceFactory(title="Møteplass Telemark 2031", slug="mt-2031", year=2031)
    room = RoomFactory(conference=conference, name="Storsalen", capacity=300)
    nho = OrganisationFactory(name="NHO Vestfold og Telemark", slug="nho")
    skien = OrganisationFactory(name="Skien kommune", slug="skien")
    for organisation in (nho, skien):
        ConferencePartnerFactory(conference=conference, organisation=organisation)
    result = Programme(conference, adviser, room, nho, skien)
    extra = SessionFactory(conference=conference, title="Fagbrev på jobb", goals=[goal("I2")])
    result.place(extra, result.storsalen, result.day2, start=at(11, day=DAY2))
    result.publish()
    unplace_session(extra, by=adviser)
    result.place(result.hydrogen, result.lille_sal, result.day2)
    Session.objects.filter(pk=result.green.pk).update(
        title="Grønn omstilling i Grenland og Vestfold – hydrogen, havvind og kraftkrevende "
        "industri"
    )
    result.publish(note="«Fagbrev på jobb» er dessverre avlyst.")
    return result


def paths(programme):
    return [
        programme.url("programme"),
        programme.url("programme") + "?focus=N&room=abc",
        programme.url("programme_item", programme.green.pk),
        programme.url("programme_item", programme.inclusive.pk),
        programme.url("programme_changes"),
    ]


@pytest.mark.parametrize("language", ["nb", "nn"])
def test_every_programme_page_is_accessible(page, programme, language):
    page.goto(programme.url("programme"))
    if language == "nn":
        page.locator(".language-switcher button[value='nn']").click()
        page.wait_for_load_state()
    for path in paths(programme):
        response = page.goto(path)
        assert response.status == 200, path
        assert page.locator("html").get_attribute("lang") == language
        assert page.locator("h1").count() == 1, path
        assert_accessible(page)
    page.goto(programme.url("programme_item", programme.inclusive.pk))
    assert page.locator("h1").get_attribute("lang") == "nn"
    assert page.locator("h1").inner_text() == "Inkluderande arbeidsliv i Vest-Telemark"


def test_programme_pages_fit_a_phone_without_sideways_scrolling(page, programme):
    page.set_viewport_size({"width": 320, "height": 640})
    for path in paths(programme):
        page.goto(path)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 320, f"{path} is {width} px wide"
    page.goto(programme.url("programme"))
    boxes = [
        page.locator(f"li[data-item='{item.pk}']").bounding_box()
        for item in (programme.green, programme.inclusive)
    ]
    assert boxes[0]["x"] == boxes[1]["x"]  # parallel items one under the other on a phone


def test_parallel_items_stand_side_by_side_on_a_wide_screen(page, programme):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(programme.url("programme"))
    green = page.locator(f"li[data-item='{programme.green.pk}']").bounding_box()
    inclusive = page.locator(f"li[data-item='{programme.inclusive.pk}']").bounding_box()
    assert green["y"] == inclusive["y"]
    assert green["x"] < inclusive["x"]


def test_filtering_by_room_in_the_browser(page, programme):
    page.goto(programme.url("programme"))
    page.locator("select[name='room']").select_option(label="Lille sal")
    page.locator("form.programme-filters button[type='submit']").click()
    page.wait_for_load_state()

    assert f"room={programme.lille_sal.pk}" in page.url
    assert page.locator("li.programme-item").count() == 3
    assert page.locator("select[name='room']").input_value() == str(programme.lille_sal.pk)
    assert page.locator("p[role='status']").inner_text() == (
        "3 av 4 programposter passer til filtrene."
    )
    assert_accessible(page)


def test_printing_hides_navigation_and_filters(page, programme):
    page.goto(programme.url("programme"))
    page.emulate_media(media="print")

    for selector in [".site-header", ".site-footer", "form.programme-filters"]:
        assert page.locator(selector).is_hidden(), selector
    assert page.locator("h1").is_visible()
    assert page.locator("li.programme-item").first.is_visible()

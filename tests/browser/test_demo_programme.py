"""Issue 5, done when: on the demo conference an adviser builds the timetable without a mouse,
resolves the conflict, publishes version 1 and then 2 and makes the nynorsk PDF; a participant
reads the programme on the web, imports the .ics into a calendar and downloads the PDF in
nynorsk. axe-core on every page."""

import datetime as dt
import io
from io import StringIO
from zoneinfo import ZoneInfo

from django.core.management import call_command
from icalendar import Calendar
from pypdf import PdfReader

from conferences.domain.schedule import unplace_session
from conferences.enums import MailRole
from conferences.models import OutboxMessage, ProgrammeVersion, Session
from partners.models import User
from tests.browser.conftest import BROWSER, assert_accessible
from tests.browser.conftest import log_in as browser_log_in
from tests.browser.test_schedule import choose, press, settled

pytestmark = BROWSER

SLUG = "moteplass-telemark-2026"
FLAUM = "Flaum, skred og beredskap – røynsler frå Vest-Telemark"
BOLYST = "Bolyst og tilflytting: slik får vi unge voksne til å bli"
FOLKEHELSE = "Folkehelse i alle ledd – frivilligheten som ressurs"
OSLO = ZoneInfo("Europe/Oslo")


def demo_with_three_items_to_place():
    """The seeded demo at the stage "programme", with no version published yet and the three
    parallel items of the second morning taken out of the timetable."""
    call_command("seed_demo", stage="programme", force=True, stdout=StringIO())
    ProgrammeVersion.objects.all().delete()
    adviser = User.objects.get(email="radgiver@demo.moteplass.no")
    items = {s.title: s for s in Session.objects.filter(title__in=[FLAUM, BOLYST, FOLKEHELSE])}
    for session in items.values():
        unplace_session(session, by=adviser)
    return items


def log_in(page, email):
    browser_log_in(page, email, "moteplass-demo")


def arrow_to(select, label):
    """Move a closed <select> down with the arrow key until ``label`` is chosen, as a keyboard
    user does (type-ahead would stop at the first day's 09:45 slot)."""
    select.focus()
    for _ in range(80):
        if select.evaluate("s => s.options[s.selectedIndex].text") == label:
            return
        select.press("ArrowDown")
    raise AssertionError(f"no option {label!r}")


def place(page, session, *, slot, room, verb="Plasser"):
    summary = page.locator(f"#item-{session.pk}-move")
    assert summary.inner_text().startswith(verb)
    press(summary)
    arrow_to(page.locator(f"#id_s{session.pk}-slot"), slot)
    choose(page.locator(f"#id_s{session.pk}-room"), room)
    press(page.locator(f"#item-{session.pk} form[data-place-form] button[type='submit']"))
    page.locator("#schedule-status").get_by_text(f"«{session.title}» er nå i").wait_for()
    settled(page)


def publish(page, note):
    page.goto(f"/adviser/conferences/{SLUG}/schedule/publish/")
    assert_accessible(page)
    field = page.get_by_label("Merknad til leserne (valgfritt)")
    field.focus()
    page.keyboard.type(note)
    press(page.get_by_role("button", name="Publiser", exact=True))
    page.locator(".messages").wait_for()


def test_demo_timetable_by_keyboard_two_versions_ics_and_nynorsk_pdf(page, browser, live_server):
    items = demo_with_three_items_to_place()
    log_in(page, "radgiver@demo.moteplass.no")
    page.goto(f"/adviser/conferences/{SLUG}/schedule/")
    assert page.locator("#unplaced-heading").inner_text() == "3 poster å plassere"
    assert_accessible(page)

    place(page, items[FLAUM], slot="09:45–10:45", room="Salong 1")
    place(page, items[BOLYST], slot="09:45–10:45", room="Salong 1")
    assert page.locator("#conflicts-heading").inner_text() == "1 konflikt"
    assert_accessible(page)
    place(page, items[BOLYST], slot="09:45–10:45", room="Salong 2", verb="Flytt")
    place(page, items[FOLKEHELSE], slot="09:45–10:45", room="Verkstedrommet")
    assert page.locator("#conflicts-heading").inner_text() == "0 konflikter"
    assert page.locator("#unplaced-heading").inner_text() == "0 poster å plassere"

    publish(page, "Første versjon.")
    page.get_by_text("Versjon 1 av programmet er publisert.").wait_for()

    # version 2: Flaum moves to Storsalen, which is free after the morning plenary
    page.goto(f"/adviser/conferences/{SLUG}/schedule/")
    place(page, items[FLAUM], slot="09:45–10:45", room="Storsalen", verb="Flytt")
    publish(page, "Flaum og skred er flyttet til Storsalen.")
    page.get_by_text("Versjon 2 av programmet er publisert.").wait_for()
    assert list(ProgrammeVersion.objects.values_list("number", flat=True)) == [2, 1]
    version = ProgrammeVersion.objects.get(number=2)
    assert [(c["kind"], c["title"]) for c in version.changes] == [("moved", FLAUM)]
    # the owning partner's member (Vinje's editor, nynorsk) is told
    notice = OutboxMessage.objects.get(role=MailRole.PROGRAMME_CHANGE)
    assert notice.to_email == "redaktor@demo.moteplass.no"
    assert f"Ny sal for «{FLAUM}»: Storsalen (var Salong 1)." in notice.body

    press(page.get_by_role("button", name="Lag PDF-en på nynorsk").first)
    page.locator("#pdf-2-nn").get_by_text("Opne PDF-en på nynorsk").or_(
        page.locator("#pdf-2-nn").get_by_text("Åpne PDF-en på nynorsk")
    ).wait_for(timeout=60_000)
    # focus stays on the PDF's status (its button is gone) and "ready" is announced once
    assert page.evaluate("document.activeElement.id") == "pdf-2-nn"
    assert page.locator("#pdf-announcer").inner_text().startswith("PDF på Nynorsk: Klar")
    assert_accessible(page)

    # a participant, not logged in, in nynorsk
    context = browser.new_context(base_url=live_server.url, locale="nn-NO")
    visitor = context.new_page()
    visitor.goto("/")
    press(visitor.get_by_role("link", name="Se programmet"))
    visitor.wait_for_url(f"**/programme/{SLUG}/")
    main = visitor.locator("main").inner_text()
    assert BOLYST in main and FLAUM in main and FOLKEHELSE in main
    assert_accessible(visitor)
    visitor.goto(f"/programme/{SLUG}/changes/")
    assert "Storsalen" in visitor.locator("main").inner_text()
    assert_accessible(visitor)

    ics = visitor.request.get(f"/programme/{SLUG}/programme.ics")
    assert ics.headers["content-type"].startswith("text/calendar")
    events = list(Calendar.from_ical(ics.body()).walk("VEVENT"))
    assert len(events) == len(version.snapshot["items"]) == 29
    flaum = next(e for e in events if str(e["SUMMARY"]) == FLAUM)
    start = flaum.decoded("DTSTART")
    assert (start.tzinfo.key if hasattr(start.tzinfo, "key") else str(start.tzinfo)) in {
        "Europe/Oslo",
        "CET",
    }
    assert start.astimezone(OSLO) == dt.datetime(2026, 12, 10, 9, 45, tzinfo=OSLO)
    assert "Storsalen" in str(flaum["LOCATION"])

    pdf = visitor.request.get(f"/programme/{SLUG}/programme-nn.pdf")
    assert pdf.headers["content-type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(pdf.body()))
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert "Hovudmål" in text
    assert "Versjon 2" in text
    for title in (FLAUM, FOLKEHELSE, "Konferansemiddag"):
        assert title.split(" – ")[0] in text
    context.close()

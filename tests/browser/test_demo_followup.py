"""Issue 7, done when: after the demo conference the adviser records three priorities with
commitments for two networks; a partner updates a status; the reminder job nudges an overdue
commitment; the follow-up report is published in nynorsk as a web page and a PDF; and next year's
edition starts with the open commitments carried over. A real browser where a person acts,
axe-core on every page they see."""

import datetime as dt
import io
from io import StringIO
from zoneinfo import ZoneInfo

from django.core.management import call_command
from pypdf import PdfReader

from conferences import demo_data as data
from conferences.domain.reminders import send_reminders
from conferences.enums import CommitmentState, MailRole
from conferences.models import Commitment, Conference, OutboxMessage, Priority
from partners.models import Network
from telemarksplanen.models import Goal
from tests.browser.conftest import BROWSER, assert_accessible
from tests.browser.conftest import log_in as browser_log_in

pytestmark = BROWSER

SLUG = "moteplass-telemark-2026"
OSLO = ZoneInfo("Europe/Oslo")
ADVISER = "radgiver@demo.moteplass.no"
VINJE_EDITOR = "redaktor@demo.moteplass.no"  # Vinje kommune coordinates the climate network
INCLUSION = "inkluderingsdager-telemark"
CLIMATE = "klima-og-miljonettverket"

# (title nb, title nn, goal codes, [(commitment nb, commitment nn, network, due date)])
PRIORITIES = [
    (
        "Felles rekruttering til helse og omsorg",
        "Felles rekruttering til helse og omsorg",
        ["I1", "S2"],
        [("Jobbmesse for helsefag i Grenland", "Jobbmesse for helsefag i Grenland", INCLUSION,
          "2027-06-30")],
    ),
    (
        "Klimatilpassing i alle kommuneplaner",
        "Klimatilpassing i alle kommuneplanar",
        ["N3"],
        [("Rettleiar for overvatn til kommunane", "Rettleiar for overvatn til kommunane", CLIMATE,
          "2027-02-15")],
    ),
    (
        "Flere i jobb gjennom frivilligheten",
        "Fleire i jobb gjennom frivilligheita",
        ["I1", "I3"],
        [
            ("Praksisplasser i frivillige lag", "Praksisplassar i frivillige lag", INCLUSION,
             "2027-09-01"),
            ("Kartlegging av grønne praksisplasser", "Kartlegging av grøne praksisplassar",
             CLIMATE, "2027-05-31"),
        ],
    ),
]  # fmt: skip


def press(locator, key="Enter"):
    """Operate a control from the keyboard: focus it, then press the key."""
    locator.focus()
    locator.press(key)


def log_in(page, email):
    browser_log_in(page, email, data.PASSWORD)


def log_out(page):
    page.context.clear_cookies()


def choose_nynorsk(page):
    press(page.locator(".language-switcher button[value='nn']"))
    page.wait_for_load_state()


def record_priority(page, conference, entry, goals, sessions):
    """The adviser's keyboard-and-typing way through the priority form and one commitment form
    per commitment. Returns the priority."""
    title_nb, title_nn, codes, commitments = entry
    base = f"/adviser/conferences/{conference.slug}/followup/"
    page.goto(base + "priorities/new/")
    page.locator("#id_title_nb").fill(title_nb)
    page.locator("#id_title_nn").fill(title_nn)
    for code in codes:
        press(page.locator(f"input[name='goals'][value='{goals[code].pk}']"), " ")
    press(page.locator(f"input[name='sessions'][value='{sessions.pk}']"), " ")
    assert_accessible(page)
    press(page.locator("main form button[type='submit']"))
    page.wait_for_load_state()
    priority = Priority.objects.get(conference=conference, title_nb=title_nb)
    for commitment_nb, commitment_nn, network, due in commitments:
        page.goto(base + f"priorities/{priority.pk}/commitments/new/")
        page.locator("#id_title_nb").fill(commitment_nb)
        page.locator("#id_title_nn").fill(commitment_nn)
        press(page.locator("input[name='responsible_kind'][value='network']"), " ")
        page.locator("#id_responsible_network").select_option(
            str(Network.objects.get(slug=network).pk)
        )
        page.locator("#id_due_date").fill(due)
        assert_accessible(page)
        press(page.locator("main form button[type='submit']"))
        page.wait_for_load_state()
    return priority


def test_after_the_demo_conference_the_follow_up_runs_to_next_year(page, live_server):
    call_command("seed_demo", stage="after", force=True, stdout=StringIO())
    conference = Conference.objects.get(slug=SLUG)
    goals = {goal.code: goal for goal in Goal.objects.filter(focus_area__plan=conference.plan)}
    discussed = conference.sessions.get(title="Prioriteringsverksted: satsingsområdene for 2027")
    seeded = set(conference.priorities.values_list("pk", flat=True))

    # 1. The adviser records three priorities with commitments for two networks.
    log_in(page, ADVISER)
    for entry in PRIORITIES:
        record_priority(page, conference, entry, goals, discussed)
    new = Priority.objects.filter(conference=conference).exclude(pk__in=seeded)
    assert sorted(new.values_list("title_nb", flat=True)) == sorted(e[0] for e in PRIORITIES)
    recorded = Commitment.objects.filter(priority__in=new)
    assert sorted(recorded.values_list("responsible_network__slug", "title_nb")) == sorted(
        (network, nb) for entry in PRIORITIES for nb, _nn, network, _due in entry[3]
    )
    assert set(recorded.values_list("state", flat=True)) == {CommitmentState.PLANNED}
    assert sorted(new.get(title_nb=PRIORITIES[0][0]).goals.values_list("code", flat=True)) == [
        "I1",
        "S2",
    ]
    page.goto(f"/adviser/conferences/{conference.slug}/followup/")
    followup_text = page.locator("main").inner_text()
    for entry in PRIORITIES:
        assert entry[0] in followup_text
    assert_accessible(page)
    log_out(page)

    # 2. A partner updates a status: Vinje kommune's editor, for the climate network it
    # coordinates, in nynorsk, with the keyboard.
    guidance = recorded.get(title_nb="Kartlegging av grønne praksisplasser")
    log_in(page, VINJE_EDITOR)
    page.goto("/partner/followup/commitments/")
    assert page.locator("html").get_attribute("lang") == "nn"
    assert_accessible(page)
    press(page.locator("main a", has_text="Kartlegging av grøne praksisplassar"))
    page.wait_for_url(f"**/followup/{SLUG}/commitments/{guidance.pk}/")
    assert_accessible(page)
    press(page.locator("#id_state_0"), "ArrowDown")  # planned → in progress
    page.keyboard.press("Tab")
    page.keyboard.type("Vi har kartlagt tolv lag så langt.")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    page.wait_for_load_state()
    assert page.locator(".messages[role='status']").inner_text().strip() == (
        "Statusen er endra til «I gang»."
    )
    assert_accessible(page)
    guidance.refresh_from_db()
    assert guidance.state == CommitmentState.IN_PROGRESS
    assert guidance.updates.first().note == "Vi har kartlagt tolv lag så langt."
    assert guidance.updates.first().organisation_name == "Vinje kommune"
    log_out(page)

    # 3. On 1 March 2027 the reminder job nudges the overdue storm-water guidance (due 15
    # February) to the climate network's coordinating organisation, in nynorsk, once.
    before = set(OutboxMessage.objects.values_list("pk", flat=True))
    march = dt.datetime(2027, 3, 1, 8, 0, tzinfo=OSLO)
    assert send_reminders(now=march) > 0
    nudges = OutboxMessage.objects.exclude(pk__in=before).filter(
        role=MailRole.COMMITMENT_REMINDER, to_email=VINJE_EDITOR
    )
    assert nudges.count() == 1
    nudge = nudges.get()
    assert nudge.language == "nn"
    line = next(
        text for text in nudge.body.splitlines() if "Rettleiar for overvatn til kommunane" in text
    )
    assert "forseinka, fristen var 15. februar 2027" in line
    assert send_reminders(now=march) == 0  # each reminder once

    # 4. The adviser makes the nynorsk PDF again with the new priorities; the published report
    # reads in nynorsk on the web and in the PDF.
    log_in(page, ADVISER)
    page.goto(f"/adviser/conferences/{SLUG}/followup/report/")
    assert_accessible(page)
    press(page.locator("#report-file-nn button[type='submit']"))
    page.wait_for_load_state()
    conference.refresh_from_db()
    assert conference.report_is_published
    nn_file = conference.report_files.get(language="nn")
    assert nn_file.state == "done"
    log_out(page)

    page.goto(f"/followup/{SLUG}/report/")
    choose_nynorsk(page)
    assert page.locator("html").get_attribute("lang") == "nn"
    report_text = page.locator("main").inner_text()
    for entry in PRIORITIES:
        assert entry[1] in report_text
    assert "Hovudmål" in report_text
    assert_accessible(page)
    response = page.request.get(f"{live_server.url}/followup/{SLUG}/report-nn.pdf")
    assert response.status == 200
    assert response.headers["content-type"] == "application/pdf"
    pdf_text = "\n".join(
        page_.extract_text() for page_ in PdfReader(io.BytesIO(response.body())).pages
    )
    flat = " ".join(pdf_text.split())
    for entry in PRIORITIES:
        assert entry[1] in flat
    assert "Rettleiar for overvatn til kommunane" in flat

    # 5. Next year's edition starts with the open commitments carried over.
    open_before = set(
        Commitment.objects.filter(
            priority__conference=conference, state__in=CommitmentState.open()
        ).values_list("pk", flat=True)
    )
    log_in(page, ADVISER)
    page.goto(f"/adviser/conferences/{SLUG}/next-edition/")
    assert_accessible(page)
    assert page.locator("#id_title").input_value() == "Møteplass Telemark 2027"
    press(page.locator("main form button[type='submit']"))
    page.wait_for_load_state()
    following = Conference.objects.exclude(pk=conference.pk).get(year=2027)
    carried = Commitment.objects.filter(priority__conference=following)
    assert set(carried.values_list("carried_from_id", flat=True)) == open_before
    assert carried.count() == len(open_before) == 11  # 7 open in the demo, the 4 recorded here
    # the 2026 ones are closed there, "carried over", and point to their copy
    assert set(Commitment.objects.filter(pk__in=open_before).values_list("state", flat=True)) == {
        CommitmentState.CARRIED
    }
    assert carried.get(carried_from=guidance).state == CommitmentState.IN_PROGRESS
    assert following.registrations.count() == 0
    assert following.sessions.count() == 0
    page.goto(f"/adviser/conferences/{following.slug}/followup/")
    carried_text = page.locator("main").inner_text()
    assert "Rettleiar for overvatn til kommunane" in carried_text
    assert "Kartlegging av grønne praksisplasser" in carried_text
    assert_accessible(page)

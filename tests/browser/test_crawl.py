"""Every page each role can reach, in bokmål and nynorsk, passes axe-core (WCAG 2.1 A/AA) with
zero violations and reflows at 320 CSS px without the page scrolling sideways; every file it links
to answers.

The demo is seeded at the stage "call" (which leaves an open change request) and then "after",
so it has every kind of object: a published programme in two versions with its PDFs, 65
registrations checked in, proposals with comments, priorities and commitments, the follow-up
report. Registration and the call for programme items are opened again so that their forms are
reached too. Each role starts at its own pages and follows every link it is shown (see
tests/browser/crawl_support.py); every problem is listed in one assertion at the end, and each
role must reach at least the pages listed here, so the crawl cannot silently shrink."""

import datetime as dt
from io import StringIO

import pytest
from django.conf import settings
from django.core.management import call_command
from django.utils import timezone

from conferences import demo_data as data
from conferences.enums import InvitationAnswer
from conferences.models import Conference, Invitation, Registration
from partners.models import MemberInvitation, Organisation, User
from tests.browser.conftest import BROWSER
from tests.browser.crawl_support import Crawler, log_in

pytestmark = BROWSER

SLUG = data.CONFERENCE_SLUG
ADVISER = "radgiver@demo.moteplass.no"
COORDINATOR = "koordinator@demo.moteplass.no"
EDITOR = "redaktor@demo.moteplass.no"
PUBLIC_START = [
    "/",
    "/plan/",
    "/networks/",
    f"/programme/{SLUG}/",
    f"/followup/{SLUG}/report/",
    f"/register/{SLUG}/",
    "/accessibility/",
    "/privacy/",
]
# What every role reaches from the public pages.
PUBLIC = {
    "home",
    "plan",
    "networks",
    "network_detail",
    "programme",
    "programme_item",
    "programme_changes",
    "programme_ics",
    "programme_item_ics",
    "programme_json",
    "programme_xml",
    "programme_pdf",
    "followup_report",
    "followup_report_pdf",
    "followup_report_json",
    "commitment_detail",
    "register",
    "accessibility",
    "privacy",
}
ACCOUNT = {"profile", "account_email", "account_change_password", "mfa_index"}
PARTNER = (
    PUBLIC
    | ACCOUNT
    | {
        "partner_home",
        "partner_dashboard",
        "proposal_create",
        "proposal_detail",
        "proposal_edit",
        "conference_edit",
        "room_list",
        "partner_list",
        "goal_coverage",
        "followup",
        "my_commitments",
        "organisation_members",
    }
)
EXPECTED = {
    "anonymous": PUBLIC
    | {
        "account_login",
        "account_signup",
        "account_request_login_code",
        "account_reset_password",
        "invitation_answer",
        "register_invited",
        "registration_erased",
        "member_join",
    },
    "participant": PUBLIC
    | ACCOUNT
    | {
        "registration_manage",
        "registration_sessions",
        "registration_details",
        "registration_cancel",
        "registration_erase",
        "registration_ticket",
        "registration_ticket_pdf",
        "registration_ics",
        "registration_data",
    },
    "partner editor": PARTNER,
    "partner coordinator": PARTNER | {"member_edit", "partner_registrations"},
    "adviser": PUBLIC
    | ACCOUNT
    | {
        "adviser_dashboard",
        "activity_log",
        "activity_log_all",
        "conference_create",
        "conference_edit",
        "conference_dashboard",
        "dashboard_export",
        "editions_overview",
        "editions_export",
        "next_edition",
        "room_list",
        "room_edit",
        "room_delete",
        "partner_list",
        "partner_remove",
        "goal_coverage",
        "goal_list",
        "goal_edit",
        "organisation_members",
        "member_edit",
        "review_overview",
        "review_list",
        "review_detail",
        "change_request_review",
        "schedule",
        "schedule_publish",
        "schedule_csv",
        "mail_templates",
        "mail_template_edit",
        "outbox",
        "outbox_message",
        "outbox_discard",
        "invitations",
        "invitation_detail",
        "invitation_import",
        "invitation_members",
        "invitation_draft",
        "invitation_reminders",
        "registrations",
        "registrations_summary",
        "registration_detail",
        "registration_add",
        "registrations_csv",
        "registrations_xlsx",
        "registrations_catering_csv",
        "registrations_catering_xlsx",
        "checkin",
        "checkin_person",
        "badges",
        "followup",
        "priority_add",
        "priority_edit",
        "commitment_add",
        "commitment_edit",
        "report_manage",
    },
}


def demo_with_everything() -> Conference:
    """The demo after the conference (with the change request left from the call), with
    registration and the call open again."""
    call_command("seed_demo", stage="call", force=True, stdout=StringIO())
    call_command("seed_demo", stage="after", force=True, stdout=StringIO())
    now = timezone.now()
    Conference.objects.filter(slug=SLUG).update(
        registration_opens=now - dt.timedelta(days=30),
        registration_closes=now + dt.timedelta(days=7),
        registration_changes_until=now + dt.timedelta(days=7),
        call_opens=now - dt.timedelta(days=30),
        call_closes=now + dt.timedelta(days=7),
    )
    return Conference.objects.get(slug=SLUG)


def start_pages(conference: Conference) -> dict[str, tuple[str | None, list[str]]]:
    """Role → (demo log-in, start pages). The personal links a person gets by email (an
    invitation, a registration, an invitation to join an organisation) start a crawl too."""
    participant = Registration.objects.get(conference=conference, email=data.DEMO_PARTICIPANT)
    invitation = (
        Invitation.objects.filter(conference=conference, answer=InvitationAnswer.PENDING)
        .order_by("pk")
        .first()
    )
    join = MemberInvitation.objects.create(
        organisation=Organisation.objects.get(memberships__user__email=COORDINATOR),
        email="ny.kollega@example.no",
        invited_by=User.objects.get(email=COORDINATOR),
    )
    anonymous = [
        *PUBLIC_START,
        "/accounts/login/",
        f"/invitation/{invitation.token}/",
        f"/register/{SLUG}/invitation/{invitation.token}/",
        f"/register/{SLUG}/deleted/",
        f"/join/{join.token}/",
    ]
    return {
        "anonymous": (None, anonymous),
        "participant": (
            data.DEMO_PARTICIPANT,
            [*PUBLIC_START, "/accounts/profile/", f"/registration/{participant.manage_token}/"],
        ),
        "partner editor": (EDITOR, ["/partner/", *PUBLIC_START]),
        "partner coordinator": (COORDINATOR, ["/partner/", *PUBLIC_START]),
        "adviser": (
            ADVISER,
            [
                "/adviser/",
                # a helper at the door reaches a person by typing or scanning the ticket code
                f"/adviser/conferences/{SLUG}/checkin/code/{participant.ticket_code}/",
                *PUBLIC_START,
            ],
        ),
    }


@pytest.mark.parametrize("language", ["nb", "nn"])
def test_every_page_of_every_role_is_accessible(browser, live_server, language):
    conference = demo_with_everything()
    results = []
    files_checked: set[str] = set()
    public_seen: set[str] = set()
    for role, (email, start) in start_pages(conference).items():
        context = browser.new_context(base_url=live_server.url)
        context.set_default_timeout(15_000)
        try:
            if email is None:
                context.add_cookies(
                    [
                        {
                            "name": settings.LANGUAGE_COOKIE_NAME,
                            "value": language,
                            "url": live_server.url,
                        }
                    ]
                )
            else:
                User.objects.filter(email=email).update(language=language)
                log_in(context, live_server.url, User.objects.get(email=email))
            crawler = Crawler(
                context.new_page(),
                live_server.url,
                role=role,
                language=language,
                seen_elsewhere=public_seen,
                files_checked=files_checked,
            )
            result = crawler.crawl(start)
        finally:
            context.close()
        results.append(result)
        if role == "anonymous":
            public_seen.update(name for name in result.url_names if name in PUBLIC)

    print()
    for result in results:
        print(result.summary())
    failures = [failure for result in results for failure in result.failures]
    for result in results:
        missing = EXPECTED[result.role] - set(result.url_names)
        if missing:
            failures.append(f"[{result.role}/{language}] never reached: {sorted(missing)}")
    assert failures == [], f"{len(failures)} problems:\n" + "\n".join(failures)

"""The follow-up at a generous county size, against the bench PostgreSQL.

Runs in a subprocess with the bench environment (production settings): gives the demo conference
12 priorities (two hovedmål and two sessions each) with 3 commitments each, a status history of
two notes per commitment, and publishes the report; then renders each follow-up page 15 times
through Django's test client (the public report and its JSON anonymously, the follow-up page, the
dashboard and the editions across the years as the demo adviser) and reports the median time per
page and its ratio to /health/ rendered the same way, and the median of 3 renders of the report as
a nynorsk PDF. The pages' query counts do not grow with the data (tests/conferences/…); this
shows what rendering costs.
"""

from __future__ import annotations

from bench.inprocess import run_job
from bench.server import Server, log

PRIORITIES = 12
COMMITMENTS = 3

JOB = f"""
import datetime as dt, json, statistics, time
import django
django.setup()
from bench.inprocess import timed
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from conferences.models import Commitment, Conference, Priority, StatusUpdate
from conferences.report_pdf import render_report_pdf
from moteplass.pdf import page_count
from partners.models import Network, User
from telemarksplanen.models import Goal

conference = Conference.objects.get(slug="moteplass-telemark-2026")
goals = list(Goal.objects.filter(focus_area__plan=conference.plan).order_by("code"))
sessions = list(conference.sessions.filter(state="accepted").order_by("pk"))
networks = list(Network.objects.order_by("pk"))
partners = [p.organisation for p in conference.partners.select_related("organisation")]
adviser = User.objects.get(email="radgiver@demo.moteplass.no")
states = ["planned", "in_progress", "done", "dropped"]
for n in range({PRIORITIES}):
    priority = Priority.objects.create(
        conference=conference,
        order=n + 1,
        title_nb=f"Prioritering {{n + 1}}: felles innsats for kompetanse og grønn omstilling",
        title_nn=f"Prioritering {{n + 1}}: felles innsats for kompetanse og grøn omstilling",
        description_nb="Hva vi skal gjøre sammen i året som kommer, og hvem som gjør hva. " * 3,
        description_nn="Kva vi skal gjere saman i året som kjem, og kven som gjer kva. " * 3,
    )
    priority.goals.set([goals[n % 9], goals[(n + 4) % 9]])
    priority.sessions.set([sessions[n % len(sessions)], sessions[(n + 7) % len(sessions)]])
    for k in range({COMMITMENTS}):
        network = networks[(n + k) % len(networks)] if k % 2 == 0 else None
        commitment = Commitment.objects.create(
            priority=priority,
            title_nb=f"Oppfølgingspunkt {{n + 1}}.{{k + 1}}: kartlegging og tiltak",
            title_nn=f"Oppfølgingspunkt {{n + 1}}.{{k + 1}}: kartlegging og tiltak",
            responsible_network=network,
            responsible_organisation=None if network else partners[(n + k) % len(partners)],
            due_date=conference.end_date + dt.timedelta(days=60 * (k + 1)),
            state=states[(n + k) % 4],
            status_note="Arbeidet går etter planen; neste møte er avtalt.",
        )
        commitment.contributors.set(partners[(n + k + 1) % len(partners):][:2])
        StatusUpdate.objects.bulk_create(
            StatusUpdate(commitment=commitment, from_state=a, to_state=b, note=note, by=adviser)
            for a, b, note in [("", "planned", "Registrert på konferansen."),
                               ("planned", commitment.state, "Arbeidet går etter planen.")]
        )
Conference.objects.filter(pk=conference.pk).update(
    report_published_at=timezone.now(), report_published_by=adviser
)


slug = conference.slug
figures = {{
    "health": timed(None, "/health/"),
    "report": timed(None, reverse("followup_report", args=[slug])),
    "report_json": timed(None, reverse("followup_report_json", args=[slug])),
    "list": timed(adviser, reverse("followup", args=[slug])),
    "dashboard": timed(adviser, reverse("conference_dashboard", args=[slug])),
    "editions": timed(adviser, reverse("editions_overview")),
}}
conference.refresh_from_db()
renders = []
for _ in range(3):
    start = time.perf_counter()
    pdf = render_report_pdf(conference, language="nn")
    renders.append(time.perf_counter() - start)
figures["report_pdf_s"] = statistics.median(renders)
figures["report_pdf_pages"] = page_count(pdf)
print(json.dumps(figures))
"""

PAGES = ["report", "report_json", "list", "dashboard", "editions"]


def run(server: Server, *, seconds: float) -> list[tuple[str, float, str]]:
    figures = run_job(server, JOB, name="follow-up")
    log(f"{PRIORITIES} priorities × {COMMITMENTS} commitments; in-process: {figures}")
    rows = []
    for page in PAGES:
        rows.append((f"followup_{page}_ms", figures[page], "ms"))
        rows.append(
            (f"followup_{page}_vs_health_ratio", figures[page] / figures["health"], "ratio")
        )
    count = PRIORITIES * COMMITMENTS
    rows.append((f"report_pdf_{count}_commitments_s", figures["report_pdf_s"], "s"))
    rows.append((f"report_pdf_{count}_commitments_pages", figures["report_pdf_pages"], "pages"))
    return rows

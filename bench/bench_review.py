"""The review and partner pages with 1,000 proposals, against the bench PostgreSQL.

Runs in a subprocess with the bench environment (production settings): adds 1,000 submitted
proposals from the demo conference's partners (two goals and a speaker each), then renders each
page 15 times through Django's test client as the demo adviser or the NHO coordinator and
reports the median time per page, and its ratio to /health/ rendered the same way. The pages'
query counts do not grow with the number of proposals (tests/…/test_*_queries); this shows what
the rendering and the full-text search cost at a realistic size.
"""

from __future__ import annotations

from bench.inprocess import run_job
from bench.server import Server, log

COUNT = 1000

JOB = f"""
import json, statistics, time
import django
django.setup()
from bench.inprocess import timed
from django.test import Client
from django.urls import reverse
from conferences.models import Conference, Session, Speaker
from partners.models import User
from telemarksplanen.models import Goal

conference = Conference.objects.get(slug="moteplass-telemark-2026")
partners = [p.organisation for p in conference.partners.select_related("organisation")]
goals = list(Goal.objects.filter(focus_area__plan=conference.plan).order_by("code"))
words = ["klimatilpasning", "kompetanse", "hydrogen", "fagbrev", "bolyst", "reiseliv",
         "arealnøytralitet", "utenforskap", "beredskap", "kulturarv"]
sessions = Session.objects.bulk_create(
    Session(
        conference=conference,
        owner=partners[n % len(partners)],
        title=f"Forslag {{n}}: {{words[n % 10]}} i Telemark",
        abstract=f"Hvordan {{words[(n + 3) % 10]}} og {{words[(n + 5) % 10]}} henger sammen. " * 8,
        format=("parallel", "workshop", "panel", "plenary")[n % 4],
        duration=45,
        state=("submitted", "accepted", "changes_requested")[n % 3],
    )
    for n in range({COUNT})
)
Through = Session.goals.through
Through.objects.bulk_create(
    Through(session_id=s.pk, goal_id=goals[(n + k) % len(goals)].pk)
    for n, s in enumerate(sessions) for k in (0, 4)
)
speakers = Speaker.objects.bulk_create(
    Speaker(conference=conference, name=f"Innleder {{n}}") for n in range({COUNT})
)
Session.speakers.through.objects.bulk_create(
    Session.speakers.through(session_id=s.pk, speaker_id=sp.pk)
    for s, sp in zip(sessions, speakers)
)


adviser = User.objects.get(email="radgiver@demo.moteplass.no")
coordinator = User.objects.get(email="koordinator@demo.moteplass.no")
slug = conference.slug
figures = {{
    "health": timed(None, "/health/"),
    "review_list": timed(adviser, reverse("review_list", args=[slug])),
    "review_search": timed(adviser, reverse("review_list", args=[slug]) + "?q=klima+kompetanse"),
    "review_overview": timed(adviser, reverse("review_overview", args=[slug])),
    "partner_dashboard": timed(coordinator, reverse("partner_dashboard", args=[slug])),
    "coverage": timed(adviser, reverse("goal_coverage", args=[slug])),
}}
print(json.dumps(figures))
"""

PAGES = ["review_list", "review_search", "review_overview", "partner_dashboard", "coverage"]


def run(server: Server, *, seconds: float) -> list[tuple[str, float, str]]:
    figures = run_job(server, JOB, name="review")
    log(f"{COUNT} proposals; median ms per page, in-process: {figures}")
    rows = []
    for page in PAGES:
        rows.append((f"{page}_{COUNT}_ms", figures[page], "ms"))
        rows.append((f"{page}_vs_health_ratio", figures[page] / figures["health"], "ratio"))
    return rows

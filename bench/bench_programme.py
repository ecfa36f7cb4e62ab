"""The public programme of a 150-item conference, and its PDF.

A subprocess with the bench environment (production settings, the bench PostgreSQL) builds a
three-day conference with 5 rooms × 10 time slots a day = 150 accepted, placed items (two goals
and a speaker each), publishes version 1 and renders the PDF programme in nynorsk three times
(median seconds, and the page count). Then the programme page and /health/ are loaded over HTTP
in alternating slices under gunicorn, as bench_http does, and their ratio is reported.
Targets (issue 5): programme page ≥ 40 % of the /health/ rate; the 150-item PDF under 3 s.
"""

from __future__ import annotations

import json
import subprocess
import sys

from bench.load import compare_rates
from bench.server import ROOT, Server, log

SLUG = "bench-programme-150"

JOB = f"""
import datetime as dt, json, statistics, time
import django
django.setup()
from conferences.domain.schedule import add_slot, place_session, publish_programme
from moteplass.pdf import page_count
from conferences.models import Conference, ConferencePartner, Room, Session, Speaker
from conferences.programme_pdf import render_programme_pdf
from partners.models import User
from telemarksplanen.models import Goal

demo = Conference.objects.get(slug="moteplass-telemark-2026")
adviser = User.objects.get(email="radgiver@demo.moteplass.no")
Conference.objects.filter(slug="{SLUG}").delete()
start = dt.date(2027, 3, 27)
conference = Conference.objects.create(
    title="Møteplass Telemark 2027 (benk)", year=2027, slug="{SLUG}", start_date=start,
    end_date=start + dt.timedelta(days=2), venue="Bø hotell, Midt-Telemark",
    organiser=demo.organiser, plan=demo.plan, status="published",
    description_nb="Tre dagar med 150 programpostar.",
)
partners = [p.organisation for p in demo.partners.select_related("organisation")]
for organisation in partners:
    ConferencePartner.objects.create(conference=conference, organisation=organisation)
rooms = [Room.objects.create(conference=conference, name=f"Sal {{n + 1}}", capacity=100, order=n)
         for n in range(5)]
goals = list(Goal.objects.filter(focus_area__plan=conference.plan).order_by("code"))
n = 0
for day in range(3):
    for hour in range(10):
        begins = dt.time(8 + hour)
        slot = add_slot(conference, day=start + dt.timedelta(days=day), start=begins,
                        end=dt.time(8 + hour, 50), by=adviser)
        for room in rooms:
            session = Session.objects.create(
                conference=conference, owner=partners[n % len(partners)], state="accepted",
                title=f"Programpost {{n}}: grøn omstilling og kompetanse i Telemark",
                abstract="Korleis kommunane, næringslivet og frivilligheita kan samarbeide. " * 6,
                format=("parallel", "workshop", "panel")[n % 3], duration=45,
                language=("nb", "nn")[n % 2],
            )
            session.goals.set([goals[n % len(goals)], goals[(n + 4) % len(goals)]])
            session.speakers.add(Speaker.objects.create(
                conference=conference, name=f"Innleiar {{n}}", organisation="Vinje kommune"))
            place_session(session, room=room, slot=slot, by=adviser)
            n += 1
version = publish_programme(conference, by=adviser, note="Benk")
times, pages = [], 0
for _ in range(3):
    began = time.perf_counter()
    pdf = render_programme_pdf(version.snapshot, number=version.number,
                               published_at=version.published_at, language="nn")
    times.append(time.perf_counter() - began)
    pages = page_count(pdf)
item = version.snapshot["items"][len(version.snapshot["items"]) // 2]
print(json.dumps({{"items": len(version.snapshot["items"]), "pdf_s": statistics.median(times),
                  "pdf_pages": pages, "item": item["id"]}}))
"""


def run(server: Server, *, seconds: float) -> list[tuple[str, float, str]]:
    env = {**server.env, "DJANGO_SETTINGS_MODULE": "moteplass.settings"}
    result = subprocess.run(
        [sys.executable, "-c", JOB], cwd=ROOT, env=env, capture_output=True, text=True
    )
    if result.returncode != 0:
        raise RuntimeError(f"programme benchmark failed:\n{result.stderr[-3000:]}")
    figures = json.loads(result.stdout.strip().splitlines()[-1])
    log(f"{figures['items']} published items; PDF (nn) median of 3: {figures['pdf_s']:.2f} s")
    rates = compare_rates(
        {
            "health": server.url("/health/"),
            "programme": server.url(f"/programme/{SLUG}/"),
            "item": server.url(f"/programme/{SLUG}/{figures['item']}/"),
        },
        seconds,
    )
    health, programme, item = rates["health"], rates["programme"], rates["item"]
    return [
        ("programme_150_items_rps", programme, "req/s"),
        ("programme_vs_health_ratio", programme / health, "ratio"),
        ("programme_item_vs_health_ratio", item / health, "ratio"),
        ("pdf_150_items_s", figures["pdf_s"], "s"),
        ("pdf_150_items_pages", figures["pdf_pages"], "pages"),
    ]

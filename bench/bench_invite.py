"""Importing 5,000 invitees and queuing their invitations, against the bench PostgreSQL.

Runs in a subprocess with the bench environment (production settings, REDIS_URL as broker): reads
a 5,000-row CSV with read_invitees, creates the invitations, drafts one invitation each in the
invitee's written standard, and queues them all (one Celery task each, published to Redis after
commit). Delivery is measured separately (bench_mail).
"""

from __future__ import annotations

import json
import subprocess
import sys

from bench.server import ROOT, Server, log

COUNT = 5000

JOB = f"""
import json, time
import django
django.setup()
from django.core.files.uploadedfile import SimpleUploadedFile
from conferences.domain.invitations import create_invitations, draft_invitations
from conferences.domain.mail import send_drafts
from conferences.imports import read_invitees
from conferences.models import Conference, OutboxMessage
from partners.models import User

conference = Conference.objects.get(slug="moteplass-telemark-2026")
adviser = User.objects.get(email="radgiver@demo.moteplass.no")
first = ["Kari", "Ola", "Åse", "Bjørn", "Ingrid", "Per", "Sigrid", "Nils", "Marit", "Anders"]
last = ["Nordmann", "Haugen", "Bakke", "Lie", "Dahl", "Strand", "Moen", "Berg", "Vik", "Lund"]
lines = ["fornavn;etternavn;e-post;organisasjon;kommune;målform"]
for n in range({COUNT}):
    municipality = ("Vinje", "Skien", "Porsgrunn", "")[n % 4]
    name = f"{{first[n % 10]}};{{last[(n // 10) % 10]}}"
    lines.append(f"{{name}};p{{n}}@bench.example.no;Bedrift {{n % 50}};{{municipality}};")
upload = SimpleUploadedFile("inviterte.csv", "\\n".join(lines).encode("utf-8"))

waiting = OutboxMessage.objects.filter(conference=conference, state="draft").count()
start = time.perf_counter()
result = read_invitees(upload, already_invited=set())
assert result.is_clean and len(result.rows) == {COUNT}, result.errors[:3]
read = time.perf_counter()
create_invitations(conference, result.rows, by=adviser)
drafted = draft_invitations(conference, by=adviser)
assert drafted == {COUNT}, drafted
queued = send_drafts(OutboxMessage.objects.filter(conference=conference, state="draft"), by=adviser)
assert queued == {COUNT} + waiting, (queued, waiting)
end = time.perf_counter()
print(json.dumps({{"read": read - start, "total": end - start}}))
"""


def run(server: Server, *, seconds: float) -> list[tuple[str, float, str]]:
    env = {**server.env, "DJANGO_SETTINGS_MODULE": "moteplass.settings"}
    result = subprocess.run(
        [sys.executable, "-c", JOB], cwd=ROOT, env=env, capture_output=True, text=True
    )
    if result.returncode != 0:
        raise RuntimeError(f"invite benchmark failed:\n{result.stderr[-3000:]}")
    figures = json.loads(result.stdout.strip().splitlines()[-1])
    log(f"read {COUNT} rows in {figures['read']:.2f} s; import, draft and queue in all")
    return [
        ("invite_read_5000_s", figures["read"], "s"),
        ("invite_import_5000_s", figures["total"], "s"),
    ]

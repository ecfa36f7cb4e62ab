"""Every address of the application with made-up parts (numbers beyond 64 bits, slugs of nothing,
hostile text where a string goes) and a hostile query string: never a 500, and a GET changes
nothing, for a visitor and for an adviser of the conference."""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.urls.converters import IntConverter, SlugConverter, StringConverter
from hypothesis import given
from hypothesis import strategies as st

from tests.property.conftest import (
    any_integer_text,
    assert_unchanged,
    checked,
    database_state,
    hostile_text,
    isolated,
    new_client,
)

pytestmark = pytest.mark.django_db


def named_routes(patterns=None, prefix="") -> list[tuple[str, dict]]:
    """(name, {argument: converter}) of every named route of the project (outside a namespace:
    not the admin's)."""
    routes = []
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        converters = getattr(pattern.pattern, "converters", {})
        if isinstance(pattern, URLResolver):
            if pattern.namespace is None:
                routes += [
                    (name, {**converters, **inner})
                    for name, inner in named_routes(pattern.url_patterns)
                ]
        elif isinstance(pattern, URLPattern) and pattern.name and ours(pattern):
            routes.append((pattern.name, dict(converters)))
    return routes


def ours(pattern: URLPattern) -> bool:
    """A route of this project's apps (allauth's are its own to test)."""
    module = getattr(pattern.callback, "view_class", pattern.callback).__module__
    return module.split(".")[0] in ("moteplass", "partners", "conferences", "telemarksplanen")


ROUTES = dict(named_routes())


def argument(converter, slug: str) -> st.SearchStrategy:
    if isinstance(converter, IntConverter):
        return st.one_of(
            st.integers(min_value=0, max_value=50),
            st.integers(min_value=2**31 - 1, max_value=2**70),
        )
    if isinstance(converter, SlugConverter):
        return st.one_of(st.just(slug), st.from_regex(r"[-a-zA-Z0-9_]{1,60}", fullmatch=True))
    if isinstance(converter, StringConverter):
        return st.one_of(
            st.sampled_from(["nb", "nn", "en", "csv", "xlsx", "sheet", "partners"]),
            hostile_text.filter(lambda text: text and "/" not in text),
        )
    raise AssertionError(f"no strategy for {converter!r}")


@st.composite
def addresses(draw, slug: str) -> str:
    name = draw(st.sampled_from(sorted(ROUTES)))
    kwargs = {key: draw(argument(converter, slug)) for key, converter in ROUTES[name].items()}
    return reverse(name, kwargs=kwargs)


query_strings = st.dictionaries(
    st.sampled_from(["page", "q", "code", "language", "state", "plan", "names", "format", "x"]),
    st.one_of(hostile_text, any_integer_text()),
    max_size=3,
)


@given(data=st.data(), role=st.sampled_from(["anonymous", "adviser"]), query=query_strings)
def test_any_address_with_made_up_parts_never_fails_and_a_get_changes_nothing(
    conference, adviser, data, role, query
):
    url = data.draw(addresses(conference.slug))
    with isolated():
        client = new_client(adviser if role == "adviser" else None)
        before = database_state()
        response = checked(client.get(url, query))
        assert_unchanged(before, database_state(), response)


def test_every_route_has_a_strategy():
    """The control: the routes are found, and each of their arguments can be made up."""
    assert {"register", "invitation_answer", "proposal_edit", "checkin_person"} <= set(ROUTES)
    for converters in ROUTES.values():
        for converter in converters.values():
            argument(converter, "moteplass-2031")


EXTREMES = {IntConverter: 2**70, SlugConverter: "finnes-ikke", StringConverter: "\x00<b>%s"}


@pytest.mark.parametrize("name", sorted(ROUTES))
def test_every_address_with_made_up_parts_is_never_a_crash(conference, adviser, name):
    """Each route once, with its parts at their most hostile, and with the conference's slug."""
    with isolated():
        clients = [new_client(), new_client(adviser)]
        before = database_state()
        for slug in ("finnes-ikke", conference.slug):
            kwargs = {
                key: slug if isinstance(converter, SlugConverter) else EXTREMES[type(converter)]
                for key, converter in ROUTES[name].items()
            }
            for client in clients:
                checked(client.get(reverse(name, kwargs=kwargs), {"page": "-1"}))
        assert_unchanged(before, database_state())

"""Rate limits are keyed on the real client address: behind TRUSTED_PROXY_COUNT reverse proxies it
is read from X-Forwarded-For counted from the right, so an address a client writes into the header
itself cannot get it round the limit."""

import pytest
from django.test import override_settings
from django.urls import reverse

from conferences.models import Registration
from tests.factories import open_registration
from tests.factories.partners import PASSWORD

pytestmark = pytest.mark.django_db

PROXY = "10.0.0.2"  # the reverse proxy, as the app server sees it


def behind_proxy(client_address: str, spoofed: str | None = None) -> dict:
    """The headers of a request that came through one proxy. The client may have sent its own
    X-Forwarded-For; the proxy appends the address it really saw."""
    chain = f"{spoofed}, {client_address}" if spoofed else client_address
    return {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": chain}


def register_post(client, conference, **headers):
    return client.post(reverse("register", args=[conference.slug]), {}, **headers)


@override_settings(
    ALLAUTH_TRUSTED_PROXY_COUNT=1, ACCOUNT_RATE_LIMITS={"moteplass_register": "3/m/ip"}
)
def test_a_spoofed_forwarded_address_does_not_reset_the_limit(client, conference):
    open_registration(conference)
    for attempt in range(3):
        response = register_post(
            client, conference, **behind_proxy("203.0.113.7", spoofed=f"198.51.100.{attempt}")
        )
        assert response.status_code == 200  # the form again, with its errors
    blocked = register_post(client, conference, **behind_proxy("203.0.113.7", spoofed="1.1.1.1"))
    assert blocked.status_code == 429
    assert "For mange forsøk" in blocked.content.decode()
    # another real client behind the same proxy is not affected
    other = register_post(client, conference, **behind_proxy("203.0.113.8", spoofed="1.1.1.1"))
    assert other.status_code == 200
    assert Registration.objects.count() == 0


@override_settings(
    ALLAUTH_TRUSTED_PROXY_COUNT=0, ACCOUNT_RATE_LIMITS={"moteplass_register": "2/m/ip"}
)
def test_without_a_proxy_the_header_is_ignored(client, conference):
    open_registration(conference)
    for spoofed in ("198.51.100.1", "198.51.100.2"):
        response = register_post(
            client, conference, REMOTE_ADDR="203.0.113.9", HTTP_X_FORWARDED_FOR=spoofed
        )
        assert response.status_code == 200
    blocked = register_post(
        client, conference, REMOTE_ADDR="203.0.113.9", HTTP_X_FORWARDED_FOR="198.51.100.3"
    )
    assert blocked.status_code == 429


@override_settings(
    ALLAUTH_TRUSTED_PROXY_COUNT=1, ACCOUNT_RATE_LIMITS={"moteplass_register": "1/m/ip"}
)
def test_over_the_limit_nothing_is_saved(client, conference):
    open_registration(conference)
    values = {
        "first_name": "Kari",
        "last_name": "Nordmann",
        "email": "kari@example.no",
        "language": "nb",
        "municipality": "",
        "privacy": "on",
    }
    url = reverse("register", args=[conference.slug])
    register_post(client, conference, **behind_proxy("203.0.113.7"))
    response = client.post(url, values, **behind_proxy("203.0.113.7", spoofed="192.0.2.1"))
    assert response.status_code == 429
    assert Registration.objects.count() == 0


@override_settings(ALLAUTH_TRUSTED_PROXY_COUNT=1)
def test_failed_log_ins_are_limited_per_real_address(client, editor):
    # allauth's own limit: 10 failed log-ins a minute from one address
    url = reverse("account_login")
    for attempt in range(10):
        response = client.post(
            url,
            {"login": f"ukjent{attempt}@example.no", "password": "feil-passord"},
            **behind_proxy("203.0.113.20", spoofed=f"198.51.100.{attempt}"),
        )
        assert response.status_code == 200
    blocked = client.post(
        url,
        {"login": editor.email, "password": PASSWORD},
        **behind_proxy("203.0.113.20", spoofed="192.0.2.99"),
    )
    # the right password, but from the same real address: refused with a message on the form
    assert blocked.status_code == 200
    assert "For mange mislykkede innloggingsforsøk" in blocked.content.decode()
    assert "_auth_user_id" not in client.session
    # someone else behind the same proxy logs in
    other = client.post(
        url, {"login": editor.email, "password": PASSWORD}, **behind_proxy("203.0.113.21")
    )
    assert other.status_code == 302
    assert client.session["_auth_user_id"] == str(editor.pk)


def test_the_429_page_is_in_nynorsk(client, conference, settings):
    settings.ACCOUNT_RATE_LIMITS = {"moteplass_register": "1/m/ip"}
    open_registration(conference)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "nn"
    register_post(client, conference)
    blocked = register_post(client, conference)
    assert blocked.status_code == 429
    assert "For mange forsøk" in blocked.content.decode()


@override_settings(
    ALLAUTH_TRUSTED_PROXY_COUNT=0, ACCOUNT_RATE_LIMITS={"moteplass_register": "2/m/ip"}
)
def test_an_ipv6_network_of_64_bits_shares_one_limit(client, conference):
    open_registration(conference)
    for address in ("2001:db8:1:2::1", "2001:db8:1:2:ffff::9"):
        assert register_post(client, conference, REMOTE_ADDR=address).status_code == 200
    blocked = register_post(client, conference, REMOTE_ADDR="2001:db8:1:2:abcd::1")
    assert blocked.status_code == 429
    # the next /64 is someone else
    assert register_post(client, conference, REMOTE_ADDR="2001:db8:1:3::1").status_code == 200


@override_settings(ACCOUNT_RATE_LIMITS={"moteplass_register": "2/m/ip"})
def test_the_limit_counts_again_in_the_next_window(client, conference, monkeypatch):
    from moteplass import ratelimit

    open_registration(conference)
    now = [1_800_000_000.0]  # the start of a minute
    monkeypatch.setattr(ratelimit.time, "time", lambda: now[0])
    assert [register_post(client, conference).status_code for _ in range(3)] == [200, 200, 429]
    now[0] += 60
    assert register_post(client, conference).status_code == 200


def test_rates_are_read_like_allauths():
    from moteplass.config import parse_rates

    assert parse_rates("60/m/ip") == [(60, 60)]
    assert parse_rates("10/5m, 100/h/ip") == [(10, 300), (100, 3600)]
    for wrong in ("5/m/user", "abc", "5/x", "/m", "5/0m"):
        with pytest.raises(ValueError):
            parse_rates(wrong)


@override_settings(ACCOUNT_RATE_LIMITS={"moteplass_register": "5/m/ip,2/h/ip"})
def test_every_rate_of_several_counts(client, conference):
    open_registration(conference)
    assert [register_post(client, conference).status_code for _ in range(3)] == [200, 200, 429]

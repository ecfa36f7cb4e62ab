"""Hostile input against the other public entry points: the member invitation link, the language
switch, and raw request bodies of any kind posted to the public forms."""

from urllib.parse import quote, urlsplit

import pytest
from django.conf import settings
from django.urls import reverse
from hypothesis import event, given
from hypothesis import strategies as st

from conferences.models import Invitation
from partners.enums import MembershipRole
from partners.models import MemberInvitation, Membership, User
from tests.factories import UserFactory, open_registration
from tests.property.conftest import (
    HOSTILE,
    assert_unchanged,
    checked,
    database_state,
    field,
    form,
    hostile_text,
    isolated,
    new_client,
    tokens,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def member_invitation(partner_org, coordinator):
    return MemberInvitation.objects.create(
        organisation=partner_org,
        email="ny@example.no",
        role=MembershipRole.EDITOR,
        invited_by=coordinator,
    )


@pytest.fixture
def invitee(db):
    return UserFactory(email="ny@example.no")


# --- the member invitation link ------------------------------------------------------------------


@given(
    token=tokens(),
    method=st.sampled_from(["get", "post"]),
    logged_in=st.booleans(),
    body=form({"accept": field(st.just("1")), "role": field(st.just("coordinator"))}),
)
def test_made_up_member_invitation_links_change_nothing(
    member_invitation, invitee, token, method, logged_in, body
):
    url = reverse("member_join", args=["T0KEN"]).replace("T0KEN", quote(token, safe=""))
    with isolated():
        client = new_client(invitee if logged_in else None)
        before = database_state()
        response = checked(getattr(client, method)(url, body))
        # the same "no longer valid" page for any token; a "/" makes it another address
        assert response.status_code == (404 if "/" in token else 200)
        assert_unchanged(before, database_state(), response)


@given(
    body=form(
        {
            "role": field(st.sampled_from(MembershipRole.values)),
            "organisation": field(st.just("1")),
            "email": field(st.just("angriper@example.no")),
        }
    )
)
def test_accepting_a_member_invitation_gives_exactly_the_invited_role(
    member_invitation, invitee, body
):
    """Whatever else is posted, the invited person becomes a member with the invited role."""
    url = reverse("member_join", args=[member_invitation.token])
    with isolated():
        response = checked(new_client(invitee).post(url, body))
        assert response.status_code == 302
        membership = Membership.objects.get(user=invitee)
        assert (membership.organisation, membership.role) == (
            member_invitation.organisation,
            MembershipRole.EDITOR,
        )
        assert MemberInvitation.objects.get(pk=member_invitation.pk).accepted_by == invitee


def test_member_invitation_link_with_a_nul_character_changes_nothing(member_invitation):
    """Regression: a NUL in the token reached the query, and PostgreSQL refused it (a 500)."""
    response = checked(new_client().get("/join/%00/"))
    assert response.status_code == 200
    assert "partners/join_invalid.html" in [template.name for template in response.templates]


# --- the language switch -------------------------------------------------------------------------

nexts = st.one_of(
    st.sampled_from(
        ["/", "/plan/", "/programme/x/?a=1#b", "https://evil.example/", "//evil.example"]
    ),
    st.sampled_from(["/\\evil.example", "javascript:alert(1)", "http://testserver/ok/", "\x00/"]),
    hostile_text,
)


def same_site(location: str) -> bool:
    parts = urlsplit(location)
    return parts.netloc in ("", "testserver") and parts.scheme in ("", "http")


@given(
    body=form({"language": field(st.sampled_from(["nb", "nn", "en"])), "next": field(nexts)}),
    referer=st.one_of(st.none(), nexts),
    logged_in=st.booleans(),
)
def test_language_switch_never_fails_never_leaves_the_site_and_saves_only_a_language(
    participant, body, referer, logged_in
):
    headers = {}
    if referer is not None:
        headers["HTTP_REFERER"] = referer.encode("utf-8", "replace").decode("latin-1")
    with isolated():
        client = new_client(participant if logged_in else None)
        before = database_state()
        response = checked(client.post(reverse("set_language"), body, **headers))
        assert response.status_code == 302
        assert same_site(response["Location"]), response["Location"]
        cookie = response.cookies.get(settings.LANGUAGE_COOKIE_NAME)
        language = User.objects.get(pk=participant.pk).language
        chosen = cookie.value if cookie is not None else None
        event("switched" if chosen else "refused")
        if chosen is not None:
            assert chosen in ("nb", "nn", "en")
        if chosen is not None and logged_in:
            assert language == chosen
        else:
            assert_unchanged(before, database_state(), response)


# --- raw bodies ----------------------------------------------------------------------------------

CONTENT_TYPES = [
    "application/x-www-form-urlencoded",
    "application/x-www-form-urlencoded; charset=latin-1",
    "application/x-www-form-urlencoded; charset=utf-16",
    "application/x-www-form-urlencoded; charset=nonsense",
    "multipart/form-data; boundary=BoUnDaRy",
    "multipart/form-data",
    "multipart/form-data; boundary=",
    "text/plain",
    "application/json",
    "",
]

bodies = st.one_of(
    st.binary(max_size=400),
    st.text(max_size=200).map(lambda text: text.encode("utf-8")),
    st.sampled_from(HOSTILE).map(lambda text: text.encode("utf-8")),
    st.just(b'--BoUnDaRy\r\nContent-Disposition: form-data; name="first_name"\r\n\r\nKari'),
    st.just(b'--BoUnDaRy\r\nContent-Disposition: form-data; name="file"; filename="a.csv"'),
    st.just(b"a=" + b"x" * 3_000_000),  # over DATA_UPLOAD_MAX_MEMORY_SIZE
    st.just(b"&".join(b"f%d=1" % n for n in range(1_200))),  # over DATA_UPLOAD_MAX_NUMBER_FIELDS
)


@pytest.fixture
def public_posts(conference, member_invitation, adviser):
    """The public forms with a valid address: registration, the answer link, the member link and
    the language switch, and the advisers' import (logged in)."""
    open_registration(conference)
    invitation = Invitation.objects.create(
        conference=conference, first_name="Per", last_name="Li", email="per@example.no"
    )
    return {
        "register": (reverse("register", args=[conference.slug]), None),
        "answer": (reverse("invitation_answer", args=[invitation.token]), None),
        "join": (reverse("member_join", args=[member_invitation.token]), None),
        "language": (reverse("set_language"), None),
        "import": (reverse("invitation_import", args=[conference.slug]), adviser),
    }


@given(
    name=st.sampled_from(["register", "answer", "join", "language", "import"]),
    body=bodies,
    content_type=st.sampled_from(CONTENT_TYPES),
)
def test_raw_bodies_of_any_kind_never_fail_and_change_nothing(
    public_posts, name, body, content_type
):
    url, user = public_posts[name]
    with isolated():
        client = new_client(user)
        before = database_state()
        response = checked(client.generic("POST", url, body, content_type=content_type))
        event(f"status {response.status_code}")
        assert_unchanged(before, database_state(), response)

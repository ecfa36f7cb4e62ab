"""Names people type into the partner side's forms (sign-up, My profile, inviting a member) follow
the same rule as registrations and imports (partners.validators.clean_person_name): letters,
spaces, hyphens, apostrophes and full stops; no control or direction-override characters, which
would turn a name round or break the lines of a list, an email or a PDF. A refused name changes
nothing and the message stands next to the field."""

import pytest
from django.urls import reverse

from partners.models import MemberInvitation, User

pytestmark = pytest.mark.django_db

RTL_OVERRIDE = "Ola\u202enordmann"  # U+202E RIGHT-TO-LEFT OVERRIDE
CONTROL = "Ola\x1b[31m"  # ESC: a terminal's colour code
# what the message shows: invisible characters by their code point, never themselves
WRONG = [
    (RTL_OVERRIDE, "«Ola\ufffdnordmann» inneholder “U+202E”"),
    (CONTROL, "«Ola\ufffd[31m» inneholder “U+001B” “1” “3” “[”"),
    ("Ola2", "«Ola2» inneholder “2”"),
]


def field_errors(response, field):
    return [str(error) for error in response.context["form"].errors.get(field, [])]


@pytest.mark.parametrize("name,shown", WRONG)
def test_sign_up_refuses_the_name(client, name, shown):
    response = client.post(
        reverse("account_signup"),
        {
            "email": "ola@example.no",
            "first_name": name,
            "last_name": "Nordmann",
            "password1": "ein-lang-passordfrase",
            "password2": "ein-lang-passordfrase",
        },
    )
    assert response.status_code == 200
    (error,) = field_errors(response, "first_name")
    assert (
        error == f"{shown}. Et navn kan bare inneholde bokstaver, mellomrom, bindestreker, "
        "apostrofer og punktum."
    )
    assert User.objects.count() == 0


@pytest.mark.parametrize("name,shown", WRONG)
def test_my_profile_refuses_the_name(client, participant, name, shown):
    participant.language = "nn"
    participant.save()
    before = (participant.first_name, participant.last_name)
    client.force_login(participant)
    response = client.post(
        reverse("profile"), {"first_name": "Kari", "last_name": name, "language": "nb"}
    )
    assert response.status_code == 200
    (error,) = field_errors(response, "last_name")
    shown = shown.replace("inneholder", "inneheld")
    assert (
        error == f"{shown}. Eit namn kan berre innehalde bokstavar, mellomrom, bindestrekar, "
        "apostrofar og punktum."
    )
    participant.refresh_from_db()
    assert (participant.first_name, participant.last_name, participant.language) == (*before, "nn")


def test_my_profile_keeps_letters_of_every_script_and_tidies_the_spaces(client, participant):
    client.force_login(participant)
    response = client.post(
        reverse("profile"),
        {"first_name": "  Áile\u00a0Ánde ", "last_name": "O’Brien-Ŋuvdi", "language": "nb"},
    )
    assert response.status_code == 302
    participant.refresh_from_db()
    assert (participant.first_name, participant.last_name) == ("Áile Ánde", "O’Brien-Ŋuvdi")


@pytest.mark.parametrize("name,shown", WRONG)
def test_inviting_a_member_refuses_the_name(client, coordinator, partner_org, name, shown):
    client.force_login(coordinator)
    response = client.post(
        reverse("organisation_members", args=[partner_org.slug]),
        {"email": "ny@example.no", "first_name": name, "last_name": "", "role": "editor"},
    )
    assert response.status_code == 200
    (error,) = field_errors(response, "first_name")
    assert error.startswith(shown)
    assert "\u202e" not in error and "\x1b" not in error
    assert MemberInvitation.objects.count() == 0

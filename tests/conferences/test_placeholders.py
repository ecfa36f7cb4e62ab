import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from conferences.enums import MailRole
from conferences.forms.mail import MailTemplateForm
from conferences.mail_defaults import DEFAULTS, default_texts
from conferences.models import MailTemplate
from conferences.placeholders import placeholders_in, render, validate_placeholders

pytestmark = pytest.mark.django_db


def test_known_placeholders_pass():
    validate_placeholders("Hei {first_name}, svar her: {answer_url}", MailRole.INVITATION)


def test_unknown_placeholder_is_named_with_the_allowed_ones():
    with translation.override("en"):
        with pytest.raises(ValidationError) as error:
            validate_placeholders("Hei {fornavn} og {first_name}", MailRole.INVITATION)
        assert error.value.code == "unknown_placeholder"
        assert error.value.messages == [
            "Unknown placeholder: {fornavn}. You can use: {first_name}, {last_name}, "
            "{full_name}, {conference}, {dates}, {venue}, {answer_url}, {registration_closes}."
        ]


def test_placeholder_of_another_role_is_unknown():
    with pytest.raises(ValidationError):
        validate_placeholders("{answer_url}", MailRole.PROPOSAL_ACCEPTED)


@pytest.mark.parametrize("text", ["Hei {first_name", "{}", "a } b", "{first_name.__class__}"])
def test_stray_braces_and_attribute_access_are_refused(text):
    with pytest.raises(ValidationError):
        validate_placeholders(text, MailRole.INVITATION)


def test_render_substitutes_only_values_never_formats():
    assert render("Hei {first_name}!", {"first_name": "{conference}"}) == "Hei {conference}!"
    assert placeholders_in("{a_b} {c}") == ["a_b", "c"]


@pytest.mark.parametrize("role", list(DEFAULTS))
def test_every_default_template_is_valid_in_all_languages(role):
    for value in default_texts(role).values():
        validate_placeholders(value, role)
    assert set(default_texts(role)) == {
        "subject_nb", "subject_nn", "subject_en", "body_nb", "body_nn", "body_en",
    }  # fmt: skip


def test_new_conference_gets_every_template(conference):
    from conferences.domain.mail import ensure_default_templates

    ensure_default_templates(conference)
    assert sorted(conference.mail_templates.values_list("role", flat=True)) == sorted(
        MailRole.values
    )
    invitation = conference.mail_templates.get(role=MailRole.INVITATION)
    assert invitation.subject_nn == "Invitasjon til {conference}"
    assert "Svar på invitasjonen her:\n{answer_url}" in invitation.body_nn
    assert "Venleg helsing" in invitation.body_nn


def test_template_form_shows_unknown_placeholder_next_to_the_field(conference):
    from conferences.domain.mail import ensure_default_templates

    ensure_default_templates(conference)
    template = MailTemplate.objects.get(conference=conference, role=MailRole.INVITATION)
    data = default_texts(MailRole.INVITATION) | {"body_nn": "Hei {fornamn}"}
    form = MailTemplateForm(data=data, instance=template)
    with translation.override("en"):
        assert form.is_valid() is False
        assert list(form.errors) == ["body_nn"]
        assert form.errors["body_nn"][0].startswith("Unknown placeholder: {fornamn}.")


def test_template_subject_must_be_one_line(conference):
    from conferences.domain.mail import ensure_default_templates

    ensure_default_templates(conference)
    template = MailTemplate.objects.get(conference=conference, role=MailRole.INVITATION)
    form = MailTemplateForm(
        data=default_texts(MailRole.INVITATION) | {"subject_nb": "Hei\nBcc: x@example.com"},
        instance=template,
    )
    assert form.is_valid() is False
    assert list(form.errors) == ["subject_nb"]

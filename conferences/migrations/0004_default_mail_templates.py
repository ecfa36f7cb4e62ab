"""Existing conferences get the default mail templates that new ones get on creation."""

from django.db import migrations


def add_templates(apps, schema_editor):
    from conferences.mail_defaults import DEFAULTS, default_texts

    Conference = apps.get_model("conferences", "Conference")
    MailTemplate = apps.get_model("conferences", "MailTemplate")
    for conference in Conference.objects.all():
        existing = set(MailTemplate.objects.filter(conference=conference).values_list("role", flat=True))
        MailTemplate.objects.bulk_create(
            MailTemplate(conference=conference, role=role, **default_texts(role))
            for role in DEFAULTS
            if role not in existing
        )


class Migration(migrations.Migration):
    dependencies = [("conferences", "0003_mail_and_invitations")]

    operations = [migrations.RunPython(add_templates, migrations.RunPython.noop)]

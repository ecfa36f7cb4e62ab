"""Telemarksplanen is owned by Telemark fylkeskommune: its advisers maintain the wording."""

from django.db import migrations


def set_owner(apps, schema_editor):
    Plan = apps.get_model("telemarksplanen", "Plan")
    Organisation = apps.get_model("partners", "Organisation")
    county = Organisation.objects.filter(slug="telemark-fylkeskommune").first()
    Plan.objects.filter(slug="telemarksplanen-2024-2028", owner__isnull=True).update(owner=county)


class Migration(migrations.Migration):
    dependencies = [
        ("telemarksplanen", "0003_plan_owner"),
        ("partners", "0002_reference_data"),
    ]

    operations = [migrations.RunPython(set_owner, migrations.RunPython.noop)]

"""The 17 Telemark municipalities (numbers since 2024) and the county authority.

Written standards follow ../shared/domain/telemark.md (partly unverified); they are data that
advisers correct in the admin.
"""

from django.db import migrations

MUNICIPALITIES = [
    ("4001", "Porsgrunn", "nb"),
    ("4003", "Skien", "neutral"),
    ("4005", "Notodden", "neutral"),
    ("4010", "Siljan", "neutral"),
    ("4012", "Bamble", "neutral"),
    ("4014", "Kragerø", "nb"),
    ("4016", "Drangedal", "neutral"),
    ("4018", "Nome", "neutral"),
    ("4020", "Midt-Telemark", "nn"),
    ("4022", "Seljord", "nn"),
    ("4024", "Hjartdal", "nn"),
    ("4026", "Tinn", "neutral"),
    ("4028", "Kviteseid", "nn"),
    ("4030", "Nissedal", "nn"),
    ("4032", "Fyresdal", "nn"),
    ("4034", "Tokke", "nn"),
    ("4036", "Vinje", "nn"),
]

COUNTY_SLUG = "telemark-fylkeskommune"


def create_reference_data(apps, schema_editor):
    Municipality = apps.get_model("partners", "Municipality")
    Organisation = apps.get_model("partners", "Organisation")
    for number, name, standard in MUNICIPALITIES:
        Municipality.objects.get_or_create(
            number=number, defaults={"name": name, "written_standard": standard}
        )
    Organisation.objects.get_or_create(
        slug=COUNTY_SLUG,
        defaults={
            "name": "Telemark fylkeskommune",
            "sector": "fylkeskommune",
            "municipality": Municipality.objects.get(number="4003"),
            "written_standard": "nb",
        },
    )


def remove_reference_data(apps, schema_editor):
    apps.get_model("partners", "Organisation").objects.filter(slug=COUNTY_SLUG).delete()
    apps.get_model("partners", "Municipality").objects.filter(
        number__in=[number for number, _name, _standard in MUNICIPALITIES]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("partners", "0001_initial")]

    operations = [migrations.RunPython(create_reference_data, remove_reference_data)]

"""Create Telemarksplanen 2024–2028 with its three satsingsområder and nine hovedmål.

The focus areas' names are the adopted wording. The nine goals' adopted wording is published only
as an image, so they start as provisional working titles that advisers replace from the plan page
(with history) — see ../shared/domain/telemark.md.
"""

from django.db import migrations

FOCUS_AREAS = [
    ("I", 1, "#6b2d7a", "Inkluderende Telemark", "Inkluderande Telemark", "Inclusive Telemark"),
    ("S", 2, "#1f5c99", "Skapende Telemark", "Skapande Telemark", "Creative Telemark"),
    ("N", 3, "#2d6a3e", "Naturrike Telemark", "Naturrike Telemark", "Nature-rich Telemark"),
]

GOALS = [
    (
        "I1",
        "Flere i arbeid og utdanning – færre i utenforskap",
        "Fleire i arbeid og utdanning – færre i utanforskap",
        "More people in work and education – fewer left outside",
    ),
    (
        "I2",
        "Gode oppvekst- og levekår og god folkehelse",
        "Gode oppvekst- og levekår og god folkehelse",
        "Good conditions for growing up and living, and good public health",
    ),
    (
        "I3",
        "Attraktive og inkluderende lokalsamfunn",
        "Attraktive og inkluderande lokalsamfunn",
        "Attractive and inclusive local communities",
    ),
    (
        "S1",
        "Økt verdiskaping og flere arbeidsplasser",
        "Auka verdiskaping og fleire arbeidsplassar",
        "More value creation and more jobs",
    ),
    (
        "S2",
        "Kompetanse som møter arbeidslivets behov",
        "Kompetanse som møter behova i arbeidslivet",
        "Skills that meet the needs of working life",
    ),
    (
        "S3",
        "Et levende kulturfylke med sterk identitet",
        "Eit levande kulturfylke med sterk identitet",
        "A living county of culture with a strong identity",
    ),
    (
        "N1",
        "Grønn omstilling og redusert klimagassutslipp",
        "Grøn omstilling og redusert klimagassutslepp",
        "Green transition and lower greenhouse gas emissions",
    ),
    (
        "N2",
        "Bærekraftig arealbruk og tatt vare på naturmangfold",
        "Berekraftig arealbruk og teke vare på naturmangfaldet",
        "Sustainable land use and protected biodiversity",
    ),
    (
        "N3",
        "Klimatilpasning og robuste samfunn",
        "Klimatilpassing og robuste samfunn",
        "Climate adaptation and resilient communities",
    ),
]


def create_plan(apps, schema_editor):
    Plan = apps.get_model("telemarksplanen", "Plan")
    FocusArea = apps.get_model("telemarksplanen", "FocusArea")
    Goal = apps.get_model("telemarksplanen", "Goal")
    plan, _created = Plan.objects.get_or_create(
        slug="telemarksplanen-2024-2028",
        defaults={
            "name": "Telemarksplanen 2024–2028",
            "start_year": 2024,
            "end_year": 2028,
            "in_force": not Plan.objects.filter(in_force=True).exists(),
        },
    )
    areas = {}
    for code, order, colour, nb, nn, en in FOCUS_AREAS:
        areas[code], _created = FocusArea.objects.get_or_create(
            plan=plan,
            code=code,
            defaults={
                "order": order,
                "colour": colour,
                "title_nb": nb,
                "title_nn": nn,
                "title_en": en,
                "provisional": False,
            },
        )
    for code, nb, nn, en in GOALS:
        Goal.objects.get_or_create(
            focus_area=areas[code[0]],
            code=code,
            defaults={
                "order": int(code[1]),
                "title_nb": nb,
                "title_nn": nn,
                "title_en": en,
                "provisional": True,
            },
        )


def remove_plan(apps, schema_editor):
    apps.get_model("telemarksplanen", "Plan").objects.filter(
        slug="telemarksplanen-2024-2028"
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("telemarksplanen", "0001_initial")]

    operations = [migrations.RunPython(create_plan, remove_plan)]

"""What the data migrations create, laid down again in a test database that a transactional
test emptied (browser and integration tests flush the database after each test)."""

import importlib

from django.apps import apps

DATA_MIGRATIONS = [
    ("partners.migrations.0002_reference_data", "create_reference_data"),
    ("telemarksplanen.migrations.0002_telemarksplanen_2024_2028", "create_plan"),
    ("telemarksplanen.migrations.0004_plan_owner_telemark", "set_owner"),
]


def restore_reference_data() -> None:
    for module, function in DATA_MIGRATIONS:
        getattr(importlib.import_module(module), function)(apps, None)

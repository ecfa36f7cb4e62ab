"""Read-side queries for organisations and people."""

from partners.models import Organisation
from partners.roles import capabilities


def adviser_organisations(user):
    """The county organisations whose conferences the user organises, as an adviser."""
    return Organisation.objects.filter(pk__in=capabilities(user).adviser_org_ids).order_by("pk")

"""The person's roles for every template (for the navigation), read lazily from the capabilities
already resolved for the request: no query of its own, and none at all on pages that do not ask."""

from django.utils.functional import SimpleLazyObject

from partners.roles import capabilities


def roles(request):
    return {"roles": SimpleLazyObject(lambda: capabilities(getattr(request, "user", None)))}

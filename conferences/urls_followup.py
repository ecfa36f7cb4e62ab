"""followup URLs (filled in by the follow-up work)."""

urlpatterns = []

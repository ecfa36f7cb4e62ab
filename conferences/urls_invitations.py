"""Invitation lists and the public answer link (issue 3)."""

urlpatterns: list = []

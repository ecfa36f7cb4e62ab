"""Placeholder until written."""

from django.views import View


class ReviewOverviewView(View):
    pass


class ReviewListView(View):
    pass


class ReviewDetailView(View):
    pass


class ChangeRequestView(View):
    pass

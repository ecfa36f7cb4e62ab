"""Placeholder until written."""

from django.views import View


class PartnerHomeView(View):
    pass


class PartnerDashboardView(View):
    pass


class ProposalCreateView(View):
    pass


class ProposalDetailView(View):
    pass


class ProposalEditView(View):
    pass


class ProposalStateView(View):
    pass


class ProposalCommentView(View):
    pass

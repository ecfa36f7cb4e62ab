"""The participant's side of registration (being written)."""

from django.http import Http404
from django.views import View


class ManageView(View):
    def get(self, request, token):
        raise Http404

from django.views.generic import TemplateView

from conferences.queries import next_public_conference
from conferences.queries.core import published_reports
from telemarksplanen.queries import plan_in_force


class HomeView(TemplateView):
    template_name = "conferences/home.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            conference=next_public_conference(),
            plan=plan_in_force(),
            reports=list(published_reports()),
            **kwargs,
        )

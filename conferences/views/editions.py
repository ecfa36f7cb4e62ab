"""Create next year's edition of a conference: the conference's advisers only (everybody else
gets 404). The copying is ``conferences.domain.editions.copy_to_next_edition``."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.generic import FormView

from conferences.domain.editions import copy_to_next_edition
from conferences.forms.editions import NextEditionForm
from conferences.queries.next_edition import copy_preview
from conferences.views.adviser import ConferenceScopedMixin


class NextEditionView(ConferenceScopedMixin, FormView):
    """The next edition's title, short name, dates and plan (suggested from this one), what will
    be copied and what will not; POST copies and opens the new edition's settings."""

    view_permission = "conferences.change_conference"
    change_permission = "conferences.change_conference"
    form_class = NextEditionForm
    template_name = "conferences/editions/next_edition.html"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "conference": self.conference}

    def get_context_data(self, **kwargs):
        return super().get_context_data(preview=copy_preview(self.conference), **kwargs)

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            new = copy_to_next_edition(
                self.conference,
                by=self.request.user,
                title=data["title"],
                slug=data["slug"],
                start_date=data["start_date"],
                end_date=data["end_date"],
                plan=data["plan"],
            )
        except ValidationError as error:
            errors = error.message_dict if hasattr(error, "error_dict") else {None: error.messages}
            for name, texts in errors.items():
                form.add_error(name if name in form.fields else None, texts)
            return self.form_invalid(form)
        summary = new.copy_summary
        messages.success(
            self.request,
            ngettext(
                "%(title)s has been created as a draft. %(count)d open commitment was carried "
                "over.",
                "%(title)s has been created as a draft. %(count)d open commitments were carried "
                "over.",
                summary.commitments,
            )
            % {"title": new.title, "count": summary.commitments},
        )
        if summary.dropped:
            messages.warning(
                self.request,
                _(
                    "These dates were left empty because, moved by a year, they would already "
                    "have passed or fall after the conference: %(settings)s. Set them here."
                )
                % {"settings": ", ".join(summary.dropped)},
            )
        return redirect("conference_edit", slug=new.slug)

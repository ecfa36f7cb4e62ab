"""The view mixin every non-public view uses (house style rules 6–7).

- not logged in: redirect to the log-in page;
- outside the user's scope (no view permission): 404, so the page does not reveal that the object
  exists;
- may see but not change: a read-only view (form fields disabled); a POST answers 403 and changes
  nothing.
"""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import Http404

SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}


class ScopedPermissionMixin(LoginRequiredMixin):
    view_permission: str = ""
    change_permission: str | None = None

    def get_permission_object(self):
        return None

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.permission_object = self.get_permission_object()
        if not request.user.has_perm(self.view_permission, self.permission_object):
            raise Http404
        self.can_change = self.change_permission is None or request.user.has_perm(
            self.change_permission, self.permission_object
        )
        if request.method not in SAFE_METHODS and not self.can_change:
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        if not self.can_change:
            for field in form.fields.values():
                field.disabled = True
        return form

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["read_only"] = not self.can_change
        return context

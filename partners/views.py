from django.conf import settings
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse, reverse_lazy
from django.utils import translation
from django.utils.decorators import method_decorator
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from django.views.generic import FormView, ListView, TemplateView, UpdateView

from conferences.queries.participant import registrations_of_user
from moteplass.permissions import ScopedPermissionMixin
from partners.domain import (
    MemberError,
    accept_invitation,
    change_role,
    email_belongs_to,
    invite_member,
    remove_member,
)
from partners.enums import MembershipRole
from partners.forms import InviteMemberForm, LanguageForm, MemberRoleForm, ProfileForm
from partners.queries import (
    invitation_by_token,
    members_of,
    memberships_of_user,
    network_page,
    networks_overview,
    organisation_by_slug,
    pending_invitations,
)
from partners.roles import capabilities, forget_capabilities


@require_POST
def set_language(request):
    """Switch the interface language. For a logged-in person the choice is saved and sticks."""
    form = LanguageForm(request.POST)
    next_url = request.POST.get("next") or request.headers.get("referer") or "/"
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = reverse("home")
    response = HttpResponseRedirect(next_url)
    if not form.is_valid():
        return response
    language = form.cleaned_data["language"]
    if request.user.is_authenticated and request.user.language != language:
        request.user.language = language
        request.user.save(update_fields=["language"])
    translation.activate(language)
    set_language_cookie(response, language)
    return response


def set_language_cookie(response, language: str) -> None:
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
        secure=settings.LANGUAGE_COOKIE_SECURE,
    )


class ProfileView(LoginRequiredMixin, UpdateView):
    form_class = ProfileForm
    template_name = "partners/profile.html"
    success_url = reverse_lazy("profile")

    def get_object(self, queryset=None):
        return self.request.user

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            memberships=memberships_of_user(self.request.user),
            registrations=registrations_of_user(self.request.user),
            **kwargs,
        )

    def form_valid(self, form):
        response = super().form_valid(form)
        translation.activate(form.instance.language)
        set_language_cookie(response, form.instance.language)
        messages.success(self.request, _("Your profile has been saved."))
        return response


# --- an organisation's people --------------------------------------------------------------------


class OrganisationPeopleMixin(ScopedPermissionMixin):
    """Pages of one organisation's people: its members see them; its coordinators and the
    advisers of the conferences it takes part in change them; everyone else gets 404."""

    view_permission = "partners.view_organisation_members"
    change_permission = "partners.manage_organisation_members"

    def get_permission_object(self):
        self.organisation = organisation_by_slug(self.kwargs["slug"])
        if self.organisation is None:
            raise Http404
        return self.organisation

    def get_context_data(self, **kwargs):
        return super().get_context_data(organisation=self.organisation, **kwargs)

    def members_url(self):
        return reverse("organisation_members", args=[self.organisation.slug])


class MemberListView(OrganisationPeopleMixin, FormView):
    """The organisation's members and open invitations, and a form to invite a person."""

    form_class = InviteMemberForm
    template_name = "partners/members.html"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "organisation": self.organisation}

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            members=members_of(self.organisation),
            invitations=pending_invitations(self.organisation),
            **kwargs,
        )

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            invitation, resent = invite_member(
                organisation=self.organisation,
                email=data["email"],
                role=data["role"],
                first_name=data["first_name"],
                last_name=data["last_name"],
                by=self.request.user,
            )
        except MemberError as error:
            form.add_error("email", str(error.message))
            return self.form_invalid(form)
        if resent:
            text = _("The invitation to %(email)s has been sent again.")
        else:
            text = _("An invitation has been sent to %(email)s.")
        messages.success(self.request, text % {"email": invitation.email})
        return redirect(self.members_url())


class MemberEditView(OrganisationPeopleMixin, FormView):
    """One member: change the role, or remove them from the organisation (with confirmation,
    ``?remove``)."""

    form_class = MemberRoleForm
    template_name = "partners/member_edit.html"

    def get_permission_object(self):
        organisation = super().get_permission_object()
        self.membership = get_object_or_404(members_of(organisation), pk=self.kwargs["pk"])
        return organisation

    def get_template_names(self):
        if self.confirming_removal():
            return ["partners/member_confirm_remove.html"]
        return [self.template_name]

    def confirming_removal(self) -> bool:
        return self.can_change and self.request.method == "GET" and "remove" in self.request.GET

    def get_initial(self):
        return {"role": self.membership.role}

    def get_context_data(self, **kwargs):
        return super().get_context_data(membership=self.membership, **kwargs)

    def post(self, request, *args, **kwargs):
        if "remove" in request.POST:
            return self.remove()
        return super().post(request, *args, **kwargs)

    def remove(self):
        member = self.membership.user
        try:
            remove_member(membership=self.membership, by=self.request.user)
        except MemberError as error:
            messages.error(self.request, str(error.message))
            return redirect(self.request.path)
        messages.success(
            self.request,
            _("%(name)s is no longer a member of %(organisation)s.")
            % {"name": member.get_full_name() or member.email, "organisation": self.organisation},
        )
        if member.pk == self.request.user.pk:
            forget_capabilities(self.request.user)
            if not self.request.user.has_perm(self.view_permission, self.organisation):
                return redirect("profile")
        return redirect(self.members_url())

    def form_valid(self, form):
        member = self.membership.user
        try:
            changed = change_role(
                membership=self.membership, role=form.cleaned_data["role"], by=self.request.user
            )
        except MemberError as error:
            form.add_error("role", str(error.message))
            return self.form_invalid(form)
        if changed:
            role = MembershipRole(form.cleaned_data["role"]).label
            messages.success(
                self.request,
                _("%(name)s is now %(role)s.")
                % {"name": member.get_full_name() or member.email, "role": str(role).lower()},
            )
        if member.pk == self.request.user.pk:
            forget_capabilities(self.request.user)
        return redirect(self.members_url())


# --- the invitation link -------------------------------------------------------------------------


def page_language(request, invitation) -> str:
    """A visitor who has not chosen a language reads the page in the invitation's language."""
    if request.user.is_authenticated or request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME):
        return request.LANGUAGE_CODE
    if invitation is not None and invitation.language:
        return invitation.language
    return request.LANGUAGE_CODE


@method_decorator(never_cache, name="dispatch")
class MemberInvitationAcceptView(TemplateView):
    """The personal invitation link: public. The token (256 random bits) is the credential; an
    unknown, used or expired one shows the same "no longer valid" page and reveals nothing. A
    GET changes nothing; the logged-in owner of the invited address accepts with a POST."""

    template_name = "partners/join.html"

    def dispatch(self, request, *args, **kwargs):
        invitation = invitation_by_token(kwargs["token"])
        self.invitation = invitation if invitation is not None and invitation.is_open else None
        language = page_language(request, self.invitation)
        with translation.override(language):
            request.LANGUAGE_CODE = language
            response = super().dispatch(request, *args, **kwargs)
            if hasattr(response, "render") and callable(response.render):
                response.render()  # while the page's language is active
        response.headers["Content-Language"] = language
        response.headers["X-Robots-Tag"] = "noindex"
        return response

    def get_template_names(self):
        if self.invitation is None:
            return ["partners/join_invalid.html"]
        return [self.template_name]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(invitation=self.invitation, **kwargs)
        user = self.request.user
        if self.invitation is not None and user.is_authenticated:
            context["email_matches"] = email_belongs_to(user, self.invitation.email)
            context["already_member"] = (
                self.invitation.organisation_id in capabilities(user).member_org_ids
            )
        return context

    def post(self, request, *args, **kwargs):
        if self.invitation is None:
            return self.get(request, *args, **kwargs)
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        try:
            membership, created = accept_invitation(invitation=self.invitation, user=request.user)
        except MemberError as error:
            messages.error(request, str(error.message))
            return redirect(request.path)
        if created:
            text = _("Welcome! You are now a member of %(organisation)s as %(role)s.")
        else:
            text = _("You were already a member of %(organisation)s as %(role)s.")
        messages.success(
            request,
            text
            % {
                "organisation": membership.organisation.name,
                "role": str(membership.get_role_display()).lower(),
            },
        )
        return redirect("partner_home")


# --- networks (public) ---------------------------------------------------------------------------


class NetworkListView(ListView):
    """Every network (fagnettverk) with the main goals it contributes to and its number of
    member organisations. Public."""

    template_name = "partners/network_list.html"
    context_object_name = "networks"

    def get_queryset(self):
        return networks_overview()


class NetworkDetailView(TemplateView):
    """One network: its description, coordinating organisation, main goals and members, the
    sessions it ran in published programmes and the commitments it holds in published follow-up
    reports. Public: nothing unpublished is shown."""

    template_name = "partners/network_detail.html"

    def get_context_data(self, **kwargs):
        page = network_page(self.kwargs["slug"])
        if page is None:
            raise Http404
        return super().get_context_data(page=page, network=page.network, **kwargs)

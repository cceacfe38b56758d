"""Screens of the core: home ("Việc cần làm"), tokens, two-factor, audit log, jobs, health,
and the metrics Prometheus reads."""

from __future__ import annotations

import base64
from typing import Any

import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST
from django_otp import login as otp_login
from django_otp import match_token, user_has_device

from ttdn.core import access, history, metrics, queries, ratelimit, services, todo, uploads
from ttdn.core.enums import UploadJobStatus
from ttdn.core.forms import AuditFilterForm, OtpForm, SignInForm, TokenForm
from ttdn.core.models import ApiToken


def _sign_in_limit() -> ratelimit.Limit:
    return ratelimit.Limit("sign-in-failures", settings.SIGN_IN_ADDRESS_FAILURES, 15 * 60)


class SignInView(auth_views.LoginView):
    """The sign-in form. Beside the lock-out of an account (django-axes), an address that failed
    too often in the last quarter hour is refused for its remainder, whichever accounts it tried."""

    authentication_form = SignInForm
    redirect_authenticated_user = True

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if ratelimit.exceeded(request, _sign_in_limit()):
            response = render(request, "registration/address_limited.html", status=429)
            response["Retry-After"] = str(_sign_in_limit().seconds)
            return response
        return super().post(request, *args, **kwargs)

    def form_invalid(self, form: Any) -> HttpResponse:
        ratelimit.count(self.request, _sign_in_limit())
        return super().form_invalid(form)


@login_required
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "core/home.html", {"items": todo.items_for(request.user)})


@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    health = queries.health()
    body = {
        "status": "ok" if health.ok else "error",
        "database": health.database,
        "migrations": health.migrations,
        "worker_heartbeat_age_s": None
        if health.worker_heartbeat_age_s is None
        else round(health.worker_heartbeat_age_s, 1),
    }
    return JsonResponse(body, status=200 if health.ok else 503)


@require_GET
def metrics_view(request: HttpRequest) -> HttpResponse:
    """Prometheus's scrape, with TTDN_METRICS_TOKEN as its bearer token. Anyone else, and
    everyone when no token is configured, finds nothing here."""
    if not metrics.authorised(request):
        raise Http404
    return HttpResponse(
        metrics.exposition(), content_type="text/plain; version=0.0.4; charset=utf-8"
    )


@login_required
def token_list(request: HttpRequest) -> HttpResponse:
    form = TokenForm(request.POST or None)
    new_key = None
    if request.method == "POST" and form.is_valid():
        try:
            _token, new_key = services.create_token(
                request.user,
                by=request.user,
                verified=request.user.is_verified(),  # type: ignore[union-attr]  # django-otp
                **form.cleaned_data,
            )
            form = TokenForm()
        except ValidationError as error:
            form.add_error(None, error)
    tokens = ApiToken.objects.filter(user_id=request.user.pk)  # type: ignore[misc]  # signed in: pk is set
    return render(
        request, "core/token_list.html", {"form": form, "tokens": tokens, "new_key": new_key}
    )


@require_POST
@login_required
def token_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    token = get_object_or_404(ApiToken.objects.filter(user_id=request.user.pk), pk=pk)  # type: ignore[misc]  # signed in
    services.revoke_token(token, by=request.user)
    messages.success(request, _("The token “%(name)s” is revoked.") % {"name": token.name})
    return redirect("token_list")


@login_required
def audit_list(request: HttpRequest) -> HttpResponse:
    if not access.can_browse_audit(request.user):
        raise PermissionDenied
    form = AuditFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    page = Paginator(queries.audit_entries(request.user, filters), 50).get_page(
        request.GET.get("page")
    )
    context = {"form": form, "page": page, "lines": history.describe(page)}
    return render(request, "core/audit_list.html", context)


@login_required
def job_list(request: HttpRequest) -> HttpResponse:
    if not access.is_operator(request.user):
        raise PermissionDenied
    return render(
        request,
        "core/job_list.html",
        {"statuses": queries.job_statuses(), "health": queries.health()},
    )


@login_required
def two_factor_verify(request: HttpRequest) -> HttpResponse:
    form = OtpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = match_token(request.user, form.cleaned_data["token"])
        if device is not None:
            otp_login(request, device)
            return redirect("home")
        form.add_error(
            "token", _("This code is not valid. Check the time on your phone and try again.")
        )
    return render(request, "core/two_factor_verify.html", {"form": form})


@login_required
def two_factor_setup(request: HttpRequest) -> HttpResponse:
    if user_has_device(request.user) and not request.user.is_verified():  # type: ignore[union-attr]
        return redirect("two_factor_verify")  # a stolen password must not replace the device
    device = services.pending_totp_device(request.user)
    form = OtpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if services.confirm_totp_device(device, form.cleaned_data["token"], by=request.user):
            otp_login(request, device)
            messages.success(request, _("Two-factor authentication is on."))
            return redirect("home")
        form.add_error(
            "token", _("This code is not valid. Check the time on your phone and try again.")
        )
    secret = base64.b32encode(device.bin_key).decode()
    qr = segno.make(device.config_url, error="m").svg_data_uri(scale=4)
    return render(request, "core/two_factor_setup.html", {"form": form, "secret": secret, "qr": qr})


@login_required
def upload_job(request: HttpRequest, pk: int) -> HttpResponse:
    """A file being read by the worker: the page refreshes itself until the job is done, then
    leads to the result; a refusal is shown here with its message."""
    job = uploads.job_of(request.user, pk)
    reader = uploads.reader(job.kind)
    if job.status == UploadJobStatus.DONE:
        return redirect(reader.result_url, pk=job.pk)
    context = {"job": job, "again_url": reader.form_url, "refresh": not job.is_finished}
    return render(request, "core/upload_job.html", context)


# Public sites and the legal library's public pages may be indexed; the signed-in product
# may not (its pages answer a sign-in form anyway).
ROBOTS_DISALLOWED = (
    "/accounts/",
    "/account/",
    "/admin/",
    "/api/",
    "/audit/",
    "/ops/",
    "/plans/",
    "/portal/",
    "/register/",
    "/reports/",
    "/units/",
)


def robots_txt(request: HttpRequest) -> HttpResponse:
    lines = ["User-agent: *", *(f"Disallow: {path}" for path in ROBOTS_DISALLOWED), ""]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")

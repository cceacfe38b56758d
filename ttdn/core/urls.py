from django.contrib.auth import views as auth_views
from django.templatetags.static import static
from django.urls import path
from django.utils.functional import lazy
from django.views.generic.base import RedirectView

from ttdn.core import views

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("metrics", views.metrics_view, name="metrics"),
    path(
        "accounts/login/",
        views.SignInView.as_view(),
        name="login",
    ),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/password/", auth_views.PasswordChangeView.as_view(), name="password_change"),
    path(
        "accounts/password/done/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    # Forgotten password: a one-time link by e-mail (the address of the person's account).
    path(
        "accounts/password/reset/",
        auth_views.PasswordResetView.as_view(
            email_template_name="registration/password_reset_email.txt",
            subject_template_name="registration/password_reset_subject.txt",
        ),
        name="password_reset",
    ),
    path(
        "accounts/password/reset/sent/",
        auth_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "accounts/password/reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "accounts/password/reset/done/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    # Looked up at the first request, not at import: `ttdn check --deploy` and other commands
    # load the URLs before collectstatic has written the manifest of hashed names.
    path(
        "favicon.ico",
        RedirectView.as_view(url=lazy(static, str)("ttdn/favicon.svg"), permanent=True),
    ),
    path("accounts/2fa/", views.two_factor_verify, name="two_factor_verify"),
    path("accounts/2fa/setup/", views.two_factor_setup, name="two_factor_setup"),
    path("account/tokens/", views.token_list, name="token_list"),
    path("account/tokens/<int:pk>/revoke/", views.token_revoke, name="token_revoke"),
    path("audit/", views.audit_list, name="audit_list"),
    path("ops/jobs/", views.job_list, name="job_list"),
    path("account/uploads/<int:pk>/", views.upload_job, name="upload_job"),
]

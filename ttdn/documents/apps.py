from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    name = "ttdn.documents"
    label = "documents"
    verbose_name = _("Legal library")

    def ready(self) -> None:
        from ttdn.core import access, demo, navigation, search, uploads
        from ttdn.documents import demo as documents_demo
        from ttdn.documents import forms, queries
        from ttdn.documents.models import Document

        demo.register("documents", documents_demo.load, order=20)
        uploads.register(
            uploads.Reader(
                "documents.check",
                read=forms.read_checked_file,
                result_url="documents:check_job",
                form_url="documents:check",
            )
        )
        search.register(Document, queries.search_text)
        navigation.register(
            navigation.NavItem(_("Legal library"), "documents:document_list", order=20)
        )
        navigation.register(navigation.NavItem(_("Citation checker"), "documents:check", order=21))
        navigation.register(
            navigation.NavItem(
                _("Outgoing register"),
                "register:home",
                order=22,
                allowed=lambda user: bool(access.memberships(user)),
            )
        )

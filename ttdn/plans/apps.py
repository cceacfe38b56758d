from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class PlansConfig(AppConfig):
    name = "ttdn.plans"
    label = "plans"
    verbose_name = _("Plans")

    def ready(self) -> None:
        from ttdn.core import demo, digest, navigation, related, todo, uploads
        from ttdn.documents import services as documents_services
        from ttdn.plans import demo as plans_demo
        from ttdn.plans import forms as plans_forms
        from ttdn.plans import queries as plans_queries
        from ttdn.plans import services as plans_services
        from ttdn.plans import todo as plans_todo

        demo.register("plans", plans_demo.load, order=70)
        uploads.register(
            uploads.Reader(
                "plans.import",
                read=plans_forms.read_plan_file,
                result_url="plans:import_job",
                form_url="plans:plan_import",
            )
        )
        uploads.register(
            uploads.Reader(
                plans_forms.API_IMPORT_JOB,
                read=plans_forms.read_plan_for_api,
                result_url="plans:import_job",
                form_url="plans:plan_import",
            )
        )
        todo.register(plans_todo.items)
        digest.register(digest.Source("plans", _("Plans"), plans_services.reminder_batch, order=50))
        related.register("content.article", _("Related plan tasks"), plans_queries.article_tasks)
        related.register(
            "documents.outgoingdocument", _("The plan it numbered"), plans_queries.outgoing_plans
        )
        documents_services.on_withdrawal(plans_services.withdraw_with_document)
        navigation.register(
            navigation.NavItem(pgettext_lazy("navigation", "Plans"), "plans:plan_list", order=50)
        )

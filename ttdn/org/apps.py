from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrgConfig(AppConfig):
    name = "ttdn.org"
    label = "org"
    verbose_name = _("Units and people")

    def ready(self) -> None:
        from ttdn.core import demo, digest, navigation, todo
        from ttdn.org import demo as org_demo
        from ttdn.org import queries
        from ttdn.org import todo as org_todo

        demo.register("org", org_demo.load, order=10)
        todo.register(org_todo.items)
        digest.set_unit_emails(queries.writer_emails)
        navigation.register(navigation.NavItem(_("Units"), "org:unit_list", order=10))

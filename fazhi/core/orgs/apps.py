"""Organisations: administrative divisions, agencies (机关) and their units (内设机构)."""

from django.apps import AppConfig


class OrgsConfig(AppConfig):
    name = "fazhi.core.orgs"
    label = "orgs"
    verbose_name = "组织机构"

    def ready(self) -> None:
        from fazhi.core import importing
        from fazhi.core.ui.nav import NavItem, register

        from .importing.spec import SHEETS
        from .policies import can_import, can_view_orgs

        for importer in SHEETS.values():
            importing.register(importer)

        section = "组织机构"
        register(NavItem(section, "机关", "orgs:agency_list", allowed=can_view_orgs, order=900))
        register(NavItem(section, "内设机构", "orgs:unit_list", allowed=can_view_orgs, order=901))
        register(NavItem(section, "人员", "accounts:staff_list", allowed=can_view_orgs, order=902))
        register(NavItem(section, "批量导入", "orgs:import", allowed=can_import, order=903))

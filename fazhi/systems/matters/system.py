"""The declaration of 执法事项与裁量基准: what this system brings to the platform."""

from __future__ import annotations

from fazhi.core.ledger.tracking import Record, within
from fazhi.core.publication.kinds import PublicationKind
from fazhi.core.system import DemoLoader, System
from fazhi.core.ui.nav import NavItem

from .demo import load_demo
from .importers import BENCHMARKS, LENIENT, MATTERS
from .models.benchmarks import BenchmarkTier, BenchmarkVersion
from .models.lenient import LenientList, LenientListItem
from .policies import can_manage_any, can_open

SECTION = "行政执法"

SYSTEM = System(
    label="matters",
    name="执法事项与裁量基准",
    urls="fazhi.systems.matters.urls",
    api_urls="fazhi.systems.matters.api.urls",
    nav=[
        NavItem(SECTION, "执法事项清单", "matters:matter_list", allowed=can_open, order=300),
        NavItem(SECTION, "裁量基准", "matters:benchmark_list", allowed=can_open, order=301),
        NavItem(SECTION, "四张清单", "matters:lenient_list", allowed=can_open, order=302),
        NavItem(SECTION, "事前公示", "matters:publicity", allowed=can_manage_any, order=303),
    ],
    # 事前公示 has no statutory period of its own.
    publication_kinds=[PublicationKind("pre_enforcement", "行政执法事前公示", order=10)],
    importers=[MATTERS, BENCHMARKS, LENIENT],
    # After the officers' loader: 事前公示 lists the certified officers.
    demo=DemoLoader(load_demo, order=120),
    # the benchmark and the four lists a decision applied (it records the version it applied)
    records=[
        Record(BenchmarkVersion),
        Record(BenchmarkTier, name=within("version")),
        Record(LenientList),
        Record(LenientListItem, name=within("lenient_list")),
    ],
)

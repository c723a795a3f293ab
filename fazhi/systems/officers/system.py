"""The declaration of 行政执法人员: what this system brings to the platform."""

from __future__ import annotations

from fazhi.core.ledger.tracking import Record
from fazhi.core.system import DemoLoader, System
from fazhi.core.ui.nav import NavItem

from .demo import load_demo
from .importers import CERTIFICATES, TRAINING
from .models import (
    CertificateEvent,
    ExamResult,
    LegalQualification,
    ReviewerProfile,
    TrainingRecord,
)
from .policies import EXPIRING_REFUSED, can_open_expiring, can_open_officers
from .steps import CERTIFICATE_STEPS
from .todo import SECTION as EXPIRING_CERTIFICATES

SECTION = "行政执法"

SYSTEM = System(
    label="officers",
    name="行政执法人员",
    urls="fazhi.systems.officers.urls",
    api_urls="fazhi.systems.officers.api.urls",
    steps=[CERTIFICATE_STEPS],
    nav=[
        NavItem(
            SECTION, "执法证件", "officers:certificate_list", allowed=can_open_officers, order=310
        ),
        NavItem(
            SECTION, "培训学时", "officers:training_summary", allowed=can_open_officers, order=311
        ),
        NavItem(
            SECTION,
            "即将到期的执法证",
            "officers:expiring",
            allowed=can_open_expiring,
            order=312,
            refused=EXPIRING_REFUSED,
        ),
    ],
    todo=[EXPIRING_CERTIFICATES],
    importers=[CERTIFICATES, TRAINING],
    demo=DemoLoader(load_demo, order=110),
    # what the day-of-the-act checks read: certificate history, hours, exams, qualifications
    records=[
        Record(CertificateEvent),
        Record(TrainingRecord),
        Record(ExamResult),
        Record(LegalQualification),
        Record(ReviewerProfile),
    ],
)

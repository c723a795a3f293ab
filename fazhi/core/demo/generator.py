"""The deterministic demo county.

:func:`plan` turns the tables of :mod:`county` and a seed into a complete description of the
county (divisions, agencies with valid 统一社会信用代码, units, staff with valid 公民身份号码) without
touching the database; :func:`load` writes what is missing, keyed on natural keys (区划代码,
机关名称/统一社会信用代码, 机关+机构名称, 公民身份号码, 用户名), so that running it again changes
nothing. Randomness comes only from ``random.Random`` seeded with the seed and a name.
"""

from __future__ import annotations

import functools
import random
import time
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from fazhi.core.accounts import provisioning, roles
from fazhi.core.accounts.models import StaffMember, User
from fazhi.core.accounts.services import password_expired
from fazhi.core.orgs.codes import make_id_number, make_uscc
from fazhi.core.orgs.models import Agency, Division, Unit

from . import county as spec
from .names import person_name
from .registry import LoaderRun, Progress, run_loaders

CHINESE_ORDINALS = "一二三四五六七八九十"


def rng_for(seed: int, name: str) -> random.Random:
    """A generator private to ``name``: adding a loader never shifts another's draws."""
    return random.Random(f"{seed}:{name}")


@dataclass(frozen=True)
class UnitPlan:
    name: str
    kind: str
    parent: str = ""


@dataclass
class AgencyPlan:
    key: str
    name: str
    short_name: str
    kind: str
    division_code: str
    government_key: str
    is_supervisor: bool
    enforcement_subject: bool
    order: int
    uscc: str = ""
    units: list[UnitPlan] = field(default_factory=list)
    slots: list[tuple[str, str]] = field(default_factory=list)  # (unit name or "", position)


@dataclass(frozen=True)
class StaffPlan:
    agency_key: str
    unit: str
    position: str
    name: str
    id_number: str


@dataclass
class CountyPlan:
    seed: int
    townships: list[tuple[str, str]]  # (code, name)
    agencies: list[AgencyPlan]
    staff: list[StaffPlan]


def _head_title(unit: str) -> str:
    for suffix, title in (
        ("大队", "大队长"),
        ("中队", "中队长"),
        ("中心", "主任"),
        ("办公室", "主任"),
        ("室", "主任"),
        ("站", "站长"),
        ("队", "队长"),
        ("所", "所长"),
    ):
        if unit.endswith(suffix):
            return title
    return "科长"


def _agency_plan(d: spec.AgencyDef, order: int, rng: random.Random) -> AgencyPlan:
    plan = AgencyPlan(
        key=d.key,
        name=spec.COUNTY_NAME + d.name,
        short_name=d.short,
        kind=d.kind,
        division_code=spec.COUNTY_CODE,
        government_key="" if d.key == "government" else "government",
        is_supervisor=d.supervisor,
        enforcement_subject=d.enforcement,
        order=order,
    )
    member = "民警" if d.key == "police" else "科员"
    plan.slots += [("", d.head)] + [("", d.deputy)] * d.deputies
    for section in d.sections:
        plan.units.append(UnitPlan(section, "section"))
        plan.slots += [(section, _head_title(section))] + [(section, member)] * rng.randint(1, 3)
    if d.team:
        head = _head_title(d.team)
        plan.units.append(UnitPlan(d.team, "team"))
        plan.slots += [(d.team, head), (d.team, "副" + head)]
        squads = (
            [spec.township_stem(name) + "中队" for _, name in spec.TOWNSHIPS]
            if d.squads_by_township
            else [f"第{CHINESE_ORDINALS[i]}中队" for i in range(d.squads)]
        )
        for squad in squads:
            plan.units.append(UnitPlan(squad, "team", d.team))
            plan.slots += [(squad, "中队长")] + [(squad, "执法队员")] * rng.randint(2, 4)
        if not squads:
            plan.slots += [(d.team, "执法队员")] * rng.randint(3, 5)
    if d.stations:
        worker = member if d.key == "police" or not d.enforcement else "执法队员"
        for _, name in spec.TOWNSHIPS:
            station = spec.township_stem(name) + d.stations
            plan.units.append(UnitPlan(station, d.station_kind))
            plan.slots += [(station, "所长")] + [(station, worker)] * 2
    for unit, position, count in d.extra:
        plan.slots += [(unit, position)] * count
    return plan


def _township_plan(code: str, name: str, order: int) -> AgencyPlan:
    street = name.endswith("街道")
    head = "主任" if street else ("乡长" if name.endswith("乡") else "镇长")
    plan = AgencyPlan(
        key=f"town:{code}",
        name=spec.COUNTY_NAME + name + ("办事处" if street else "人民政府"),
        short_name=name,
        kind="township",
        division_code=spec.COUNTY_CODE + code,
        government_key="government",
        is_supervisor=False,
        enforcement_subject=True,
        order=order,
    )
    plan.units = [UnitPlan("党政综合办公室", "section"), UnitPlan("综合行政执法队", "team")]
    plan.slots = [
        ("", head),
        ("", "副" + head),
        ("", "副" + head),
        ("党政综合办公室", "主任"),
        ("党政综合办公室", "科员"),
        ("综合行政执法队", "队长"),
        ("综合行政执法队", "执法队员"),
        ("综合行政执法队", "执法队员"),
    ]
    return plan


TOP_POSITIONS = frozenset({"县长", "局长", "主任", "镇长", "乡长"})


def _birth(rng: random.Random, position: str) -> date:
    """Leaders are older; everyone is of working age in the mid-2020s."""
    if position in TOP_POSITIONS:
        first, last = 1966, 1978
    elif position.endswith(("长", "主任")):
        first, last = 1968, 1988
    else:
        first, last = 1970, 2001
    return date(rng.randint(first, last), 1, 1) + timedelta(days=rng.randrange(365))


def plan(seed: int = spec.SEED) -> CountyPlan:
    """The whole county, computed from ``seed`` alone."""
    structure = rng_for(seed, "structure")
    defs = [spec.GOVERNMENT, spec.OFFICE, spec.JUSTICE, *spec.DEPARTMENTS]
    agencies = [_agency_plan(d, order, structure) for order, d in enumerate(defs, start=1)]
    agencies += [
        _township_plan(code, name, 100 + i) for i, (code, name) in enumerate(spec.TOWNSHIPS)
    ]
    codes = rng_for(seed, "codes")
    usccs: set[str] = set()
    for agency in agencies:
        while not agency.uscc or agency.uscc in usccs:
            agency.uscc = make_uscc(spec.COUNTY_CODE, f"00{codes.randrange(100000, 1000000)}")
        usccs.add(agency.uscc)
    people = rng_for(seed, "people")
    ids: set[str] = set()
    staff: list[StaffPlan] = []
    for agency in agencies:
        for unit, position in agency.slots:
            leader = position.lstrip("副") in TOP_POSITIONS
            female = people.random() < (0.25 if leader else 0.45)
            name = person_name(people, female=female)
            number = ""
            while not number or number in ids:
                sequence = people.randrange(1, 500) * 2 + (0 if female else 1)
                number = make_id_number(
                    spec.COUNTY_CODE, _birth(people, position), min(sequence, 999)
                )
            ids.add(number)
            staff.append(StaffPlan(agency.key, unit, position, name, number))
    return CountyPlan(seed, list(spec.TOWNSHIPS), agencies, staff)


@dataclass
class DemoCounty:
    """What loaders receive: the county's rows and a seeded random generator per loader."""

    seed: int
    county: Division
    townships: dict[str, Division]
    agencies: dict[str, Agency]
    users: dict[str, User]
    logins: list[tuple[spec.LoginDef, User, StaffMember]]
    loaded: list[LoaderRun] = field(default_factory=list)
    seconds: float = 0.0  # building the organisations, without the loaders

    def rng(self, name: str) -> random.Random:
        return rng_for(self.seed, f"loader:{name}")

    def agency(self, key: str) -> Agency:
        return self.agencies[key]

    @property
    def government(self) -> Agency:
        return self.agencies["government"]

    @property
    def justice(self) -> Agency:
        return self.agencies["justice"]

    def staff_of(self, key: str) -> QuerySet[StaffMember]:
        return StaffMember.objects.filter(agency=self.agencies[key]).order_by("pk")


def _write_divisions(p: CountyPlan) -> tuple[Division, dict[str, Division]]:
    county, _ = Division.objects.get_or_create(
        code=spec.COUNTY_CODE, defaults={"name": spec.COUNTY_NAME, "level": Division.Level.COUNTY}
    )
    codes = [spec.COUNTY_CODE + code for code, _ in p.townships]
    have = set(Division.objects.filter(code__in=codes).values_list("code", flat=True))
    Division.objects.bulk_create(
        [
            Division(
                code=spec.COUNTY_CODE + code,
                name=name,
                level=Division.Level.TOWNSHIP,
                parent=county,
            )
            for code, name in p.townships
            if spec.COUNTY_CODE + code not in have
        ]
    )
    by_code = {d.code: d for d in Division.objects.filter(code__in=[*codes, spec.COUNTY_CODE])}
    return county, by_code


def _write_agencies(p: CountyPlan, divisions: dict[str, Division]) -> dict[str, Agency]:
    names = [a.name for a in p.agencies]
    usccs = [a.uscc for a in p.agencies]
    existing = {a.name: a for a in Agency.objects.filter(Q(name__in=names) | Q(uscc__in=usccs))}
    clashes = [a for a in existing.values() if a.name in names and a.uscc not in usccs]
    if clashes:
        raise RuntimeError(
            f"机关“{clashes[0].name}”已存在但统一社会信用代码不同，演示数据无法加载 / "
            f"agency {clashes[0].name!r} exists with another USCC"
        )
    by_key: dict[str, Agency] = {}
    for wave in (
        [a for a in p.agencies if not a.government_key],
        [a for a in p.agencies if a.government_key],
    ):
        fresh = []
        for a in wave:
            if a.name in existing:
                by_key[a.key] = existing[a.name]
                continue
            agency = Agency(
                name=a.name,
                short_name=a.short_name,
                uscc=a.uscc,
                kind=a.kind,
                division=divisions[a.division_code],
                government=by_key.get(a.government_key) if a.government_key else None,
                is_supervisor=a.is_supervisor,
                enforcement_subject=a.enforcement_subject,
                order=a.order,
            )
            fresh.append(agency)
            by_key[a.key] = agency
        Agency.objects.bulk_create(fresh)
    return by_key


def _write_units(p: CountyPlan, agencies: dict[str, Agency]) -> dict[tuple[int, str], Unit]:
    ids = [a.pk for a in agencies.values()]
    units = {(u.agency_id, u.name): u for u in Unit.objects.filter(agency_id__in=ids)}
    for top in (True, False):
        fresh = []
        for a in p.agencies:
            agency = agencies[a.key]
            for u in a.units:
                if (not u.parent) != top or (agency.pk, u.name) in units:
                    continue
                unit = Unit(
                    agency=agency,
                    name=u.name,
                    kind=u.kind,
                    parent=units[(agency.pk, u.parent)] if u.parent else None,
                )
                units[(agency.pk, u.name)] = unit
                fresh.append(unit)
        Unit.objects.bulk_create(fresh)
    return units


def _write_staff(p: CountyPlan, agencies: dict[str, Agency], units: dict) -> None:
    have = set(
        StaffMember.objects.filter(id_number__in=[s.id_number for s in p.staff]).values_list(
            "id_number", flat=True
        )
    )
    fresh = []
    for s in p.staff:
        if s.id_number in have:
            continue
        agency = agencies[s.agency_key]
        fresh.append(
            StaffMember(
                agency=agency,
                unit=units.get((agency.pk, s.unit)) if s.unit else None,
                name=s.name,
                id_number=s.id_number,
                position=s.position,
            )
        )
    StaffMember.objects.bulk_create(fresh, batch_size=500)


def login_person(p: CountyPlan, login: spec.LoginDef) -> StaffPlan:
    matches = [
        s
        for s in p.staff
        if s.agency_key == login.agency
        and s.position == login.position
        and (not login.unit or s.unit == login.unit)
    ]
    return matches[login.nth]


@functools.cache
def demo_password_hash() -> str:
    """The demo password hashed once per process, with a fixed salt: the same stored value on
    every run (idempotent) and one key-stretching cost (~0.3 s) for every demo account instead
    of one each. Demo accounts only; loaders that make accounts use it too."""
    return make_password(spec.DEMO_PASSWORD, salt="fazhidemocounty")


def _write_logins(p: CountyPlan, agencies: dict[str, Agency]) -> list:
    hashed = demo_password_hash()
    now = timezone.now()
    result = []
    for login in spec.LOGINS:
        if not roles.is_registered(login.role):
            continue
        person = login_person(p, login)
        staff = StaffMember.objects.select_related("user").get(id_number=person.id_number)
        user = User.objects.filter(username=login.username).first()
        if user is None:
            user = provisioning.create_account(
                login.username,
                display_name=person.name,
                actor=provisioning.BOOTSTRAP,
                source="demo",
                password_hash=hashed,
            )
        changed = []
        if user.password != hashed:
            user.password = hashed
            changed.append("password")
        if password_expired(user):
            user.password_changed_at = now
            changed.append("password_changed_at")
        if changed:
            user.save(update_fields=changed)
        if staff.user_id is None and not StaffMember.objects.filter(user=user).exists():
            staff.user = user
            staff.save(update_fields=["user"])
        provisioning.provision_roles(
            user, [login.role], agencies[login.agency], actor=provisioning.BOOTSTRAP, source="demo"
        )
        result.append((login, user, staff))
    return result


def load(
    seed: int = spec.SEED,
    *,
    run_registered: bool = True,
    only: set[str] | None = None,
    progress: Progress | None = None,
) -> DemoCounty:
    """Create (or complete) the demo county, then run the registered loaders (all of them, or
    those named in ``only``), telling ``progress`` as each starts and ends."""
    started = time.perf_counter()
    p = plan(seed)
    with transaction.atomic():
        county, divisions = _write_divisions(p)
        agencies = _write_agencies(p, divisions)
        units = _write_units(p, agencies)
        _write_staff(p, agencies, units)
        logins = _write_logins(p, agencies)
    demo = DemoCounty(
        seed=seed,
        county=county,
        townships={d.name: d for d in divisions.values() if d.code != spec.COUNTY_CODE},
        agencies=agencies,
        users={login.username: user for login, user, _ in logins},
        logins=logins,
        seconds=time.perf_counter() - started,
    )
    if run_registered:
        demo.loaded = run_loaders(demo, only=only, progress=progress)
    return demo

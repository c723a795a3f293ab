"""The shape of the demo county: its divisions, agencies, their units and staffing tables, and the
demo logins. Pure data; :mod:`generator` turns it into rows."""

from __future__ import annotations

from dataclasses import dataclass, field

from fazhi.core.accounts.roles import Role

SEED = 20260101
COUNTY_CODE = "331225"  # GB/T 2260 shape: 33 province, 12 prefecture, 25 a county (21-80)
COUNTY_NAME = "示范县"
DEMO_PASSWORD = "Fazhi@2026demo"

# 乡级 codes: the county code and three digits (GB/T 10114-2003: 001-099 街道, 100-199 镇,
# 200-399 乡).
TOWNSHIPS: tuple[tuple[str, str], ...] = (
    ("001", "城东街道"),
    ("002", "城西街道"),
    ("100", "城关镇"),
    ("101", "青石镇"),
    ("102", "白沙镇"),
    ("103", "桃源镇"),
    ("104", "龙潭镇"),
    ("105", "双河镇"),
    ("106", "石桥镇"),
    ("200", "柳溪乡"),
    ("201", "梅林乡"),
    ("202", "云岭乡"),
)


def township_stem(name: str) -> str:
    """城关镇 → 城关, 城东街道 → 城东: the prefix used in the names of stations and teams."""
    for suffix in ("街道", "镇", "乡"):
        if name.endswith(suffix):
            return name[: -len(suffix)]
    return name


@dataclass(frozen=True)
class AgencyDef:
    key: str
    name: str  # without the county prefix
    short: str
    kind: str = "department"
    head: str = "局长"
    deputy: str = "副局长"
    deputies: int = 2
    enforcement: bool = True
    supervisor: bool = False
    sections: tuple[str, ...] = ()
    team: str = ""  # 执法大队 name, if any
    squads: int = 0  # numbered 中队 under the team
    squads_by_township: bool = False  # one 中队 per township instead
    stations: str = ""  # per-township station suffix, e.g. 市场监督管理所
    station_kind: str = "station"
    extra: tuple[tuple[str, str, int], ...] = field(default=())  # (unit, position, count)


COMMON = ("办公室", "政策法规科")

GOVERNMENT = AgencyDef(
    "government",
    "人民政府",
    "县政府",
    kind="government",
    head="县长",
    deputy="副县长",
    deputies=3,
    enforcement=False,
    sections=("县政府办公室", "政务公开办公室", "信息中心"),
    extra=(("信息中心", "工程师", 3),),
)
OFFICE = AgencyDef(
    "office",
    "委全面依法治县委员会办公室",
    "县委依法治县办",
    kind="office",
    head="主任",
    deputy="副主任",
    deputies=1,
    enforcement=False,
    supervisor=True,
    sections=("秘书科",),
)
JUSTICE = AgencyDef(
    "justice",
    "司法局",
    "县司法局",
    kind="justice",
    deputies=2,
    supervisor=True,
    sections=(
        "办公室",
        "行政复议与应诉科",
        "行政执法协调监督科",
        "法治调研督察科",
        "普法与依法治理科",
        "公共法律服务管理科",
    ),
    stations="司法所",
)

DEPARTMENTS: tuple[AgencyDef, ...] = (
    AgencyDef(
        "nrp",
        "自然资源和规划局",
        "县自然资源和规划局",
        sections=(*COMMON, "国土空间规划科", "耕地保护监督科", "不动产登记中心"),
        team="自然资源执法大队",
        squads=2,
        stations="自然资源所",
    ),
    AgencyDef(
        "housing",
        "住房和城乡建设局",
        "县住建局",
        sections=(*COMMON, "建筑市场监管科", "房地产市场监管科", "村镇建设科"),
        team="建设工程质量安全监督站",
    ),
    AgencyDef(
        "market",
        "市场监督管理局",
        "县市场监管局",
        deputies=3,
        sections=(*COMMON, "登记注册科", "食品安全协调科", "特种设备安全监察科", "知识产权科"),
        team="市场监管综合行政执法队",
        squads=3,
        stations="市场监督管理所",
    ),
    AgencyDef(
        "eco",
        "生态环境局",
        "县生态环境局",
        sections=(*COMMON, "环境影响评价科", "大气水土科"),
        team="生态环境保护综合行政执法队",
        squads=2,
    ),
    AgencyDef(
        "cua",
        "综合行政执法局",
        "县综合执法局",
        deputies=3,
        sections=(*COMMON, "市容环境卫生管理科", "案件审理科"),
        team="综合行政执法大队",
        squads_by_township=True,
    ),
    AgencyDef(
        "transport",
        "交通运输局",
        "县交通运输局",
        sections=(*COMMON, "运输管理科", "公路建设科"),
        team="交通运输综合行政执法队",
        squads=2,
    ),
    AgencyDef(
        "agri",
        "农业农村局",
        "县农业农村局",
        sections=(*COMMON, "种植业管理科", "畜牧兽医科", "农村合作经济指导科"),
        team="农业综合行政执法队",
        squads=2,
    ),
    AgencyDef(
        "police",
        "公安局",
        "县公安局",
        deputies=3,
        sections=("办公室", "法制大队", "治安管理大队", "交通警察大队"),
        stations="派出所",
        station_kind="branch",
    ),
    AgencyDef(
        "health",
        "卫生健康委员会",
        "县卫健委",
        head="主任",
        deputy="副主任",
        sections=(*COMMON, "医政医管科", "疾病预防控制科"),
        team="卫生健康综合监督执法队",
    ),
    AgencyDef("education", "教育局", "县教育局", sections=(*COMMON, "基础教育科", "教育督导室")),
    AgencyDef(
        "culture",
        "文化和旅游局",
        "县文旅局",
        sections=(*COMMON, "文物保护科", "旅游发展科"),
        team="文化市场综合行政执法队",
    ),
    AgencyDef(
        "emergency",
        "应急管理局",
        "县应急管理局",
        sections=(*COMMON, "安全生产监督管理科", "防灾减灾科"),
        team="应急管理综合行政执法大队",
    ),
    AgencyDef(
        "hrss",
        "人力资源和社会保障局",
        "县人社局",
        sections=(*COMMON, "就业促进科", "社会保险科"),
        team="劳动保障监察大队",
    ),
    AgencyDef("civil", "民政局", "县民政局", sections=(*COMMON, "社会救助科", "社会组织管理科")),
    AgencyDef("finance", "财政局", "县财政局", sections=(*COMMON, "预算科", "政府采购监督管理科")),
    AgencyDef(
        "water",
        "水利局",
        "县水利局",
        sections=(*COMMON, "水资源管理科", "河湖管理科"),
        team="水政监察大队",
    ),
    AgencyDef("commerce", "商务局", "县商务局", sections=(*COMMON, "市场运行科", "对外贸易科")),
    AgencyDef("medical", "医疗保障局", "县医保局", sections=(*COMMON, "待遇保障科", "基金监管科")),
    AgencyDef(
        "veterans",
        "退役军人事务局",
        "县退役军人局",
        enforcement=False,
        sections=(*COMMON, "优抚褒扬科"),
    ),
    AgencyDef(
        "forestry",
        "林业局",
        "县林业局",
        sections=(*COMMON, "森林资源管理科"),
        team="林业行政执法大队",
    ),
    AgencyDef(
        "petition",
        "信访局",
        "县信访局",
        enforcement=False,
        sections=("办公室", "来访接待科", "办信科", "督查督办科"),
    ),
    AgencyDef("drc", "发展和改革局", "县发改局", sections=(*COMMON, "投资科", "价格管理科")),
)


@dataclass(frozen=True)
class LoginDef:
    """A demo login: the first generated staff member of ``agency`` (in ``unit``, if given)
    holding ``position`` gets the account; ``nth`` picks a later one."""

    username: str
    #: A role's code: core's own, or a system's (the login is made only when that system is
    #: installed and has registered the role).
    role: str
    agency: str
    position: str
    unit: str = ""
    nth: int = 0
    note: str = ""


LOGINS: tuple[LoginDef, ...] = (
    LoginDef("zhifa", "officer", "market", "执法队员", note="行政执法人员：办案、检查"),
    LoginDef(
        "fazhi_shenhe",
        "legal_reviewer",
        "market",
        "科长",
        unit="政策法规科",
        note="法制审核人员：重大执法决定法制审核",
    ),
    LoginDef(
        "juzhang", Role.AGENCY_HEAD, "market", "局长", note="机关负责人：审批、集体讨论、出庭"
    ),
    LoginDef(
        "sifaju",
        Role.SUPERVISOR,
        "justice",
        "科长",
        unit="行政执法协调监督科",
        note="法治监督（司法局）：查看全县各机关",
    ),
    LoginDef(
        "gongkai",
        "disclosure_staff",
        "government",
        "科员",
        unit="政务公开办公室",
        note="政府信息公开工作人员",
    ),
    LoginDef(
        "xinfang", "petition_staff", "petition", "科员", unit="来访接待科", note="信访工作人员"
    ),
    LoginDef(
        "yingsu",
        "litigation_staff",
        "justice",
        "科员",
        unit="行政复议与应诉科",
        note="行政复议与应诉工作人员",
    ),
    LoginDef(
        "sysadmin",
        Role.SYSTEM_ADMIN,
        "government",
        "工程师",
        unit="信息中心",
        note="系统管理员：账号、机关、人员、导入",
    ),
    LoginDef(
        "secadmin",
        Role.SECURITY_ADMIN,
        "government",
        "工程师",
        unit="信息中心",
        nth=1,
        note="安全保密管理员：授予角色、解锁账号",
    ),
    LoginDef(
        "auditor",
        Role.AUDIT_ADMIN,
        "government",
        "工程师",
        unit="信息中心",
        nth=2,
        note="安全审计员：只看安全审计记录",
    ),
)

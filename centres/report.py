"""The centre's results report in the seed card's figures — a pure function over plain data.

«За время работы проведено 12 мероприятий, вовлечено 50 волонтеров (20 на постоянной основе) и
5 специалистов. В мастер-классах и консультациях приняли участие 22 человека, 100 человек стали
благополучателями, и 15 одиноких пожилых находятся под опекой.»

Counting rules (the tests hold them):
- events held: not cancelled and started before the end of the period;
- volunteers: distinct volunteers who served a visit, took part in a held event or made a care
  visit in the period; permanent / occasional by the volunteer's own flag;
- specialists: distinct specialists at a held event or with hours logged in the period;
- participants of master classes and consultations: distinct people from the base who attended
  such events, plus those counted without a name;
- beneficiaries: distinct people from the base across visits, event attendance, help requests and
  the care list, each counted once; anonymous visits and attendees counted by number cannot be told
  apart, so they are shown beside it and added to «всего с анонимными»;
- long-term care: people on the care list at any time in the period.
"""

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal


@dataclass(frozen=True)
class VisitRow:
    on: date
    service: str
    beneficiary_id: int | None = None
    volunteer_id: int | None = None
    source: str = ""
    amount: Decimal = Decimal(0)
    is_paid: bool = False


@dataclass(frozen=True)
class EventRow:
    on: date
    kind: str
    cancelled: bool = False
    attended_ids: frozenset = frozenset()
    attended_extra: int = 0
    volunteer_ids: frozenset = frozenset()
    specialist_ids: frozenset = frozenset()


@dataclass(frozen=True)
class CareRow:
    beneficiary_id: int
    started_on: date
    ended_on: date | None = None
    visit_volunteer_ids: frozenset = frozenset()  # volunteers who made care visits in the period


@dataclass(frozen=True)
class FinanceRow:
    month: date
    kind: str  # income | cost
    item: str
    amount: Decimal


@dataclass
class Figures:
    date_from: date
    date_to: date
    events_held: int = 0
    events_by_kind: dict = field(default_factory=dict)
    volunteers: int = 0
    volunteers_permanent: int = 0
    volunteers_occasional: int = 0
    specialists: int = 0
    specialist_hours: Decimal = Decimal(0)
    learning_participants: int = 0
    beneficiaries: int = 0
    anonymous: int = 0
    beneficiaries_with_anonymous: int = 0
    long_term_care: int = 0
    visits: int = 0
    services_by_kind: dict = field(default_factory=dict)
    visits_by_source: dict = field(default_factory=dict)
    paid_visits: int = 0
    income_paid_services: Decimal = Decimal(0)
    income: Decimal = Decimal(0)
    costs: Decimal = Decimal(0)
    months: list = field(default_factory=list)  # [{month, paid_services, income, costs, balance}]

    def as_dict(self):
        data = dict(self.__dict__)
        for key in ("specialist_hours", "income_paid_services", "income", "costs"):
            data[key] = float(data[key])
        data["months"] = [
            {k: (v.isoformat() if isinstance(v, date) else float(v)) for k, v in m.items()} for m in self.months
        ]
        data["date_from"], data["date_to"] = self.date_from.isoformat(), self.date_to.isoformat()
        return data


def _months(start, finish):
    current = start.replace(day=1)
    while current <= finish:
        yield current
        current = (
            current.replace(year=current.year + 1, month=1)
            if current.month == 12
            else current.replace(month=current.month + 1)
        )


def figures(
    *,
    date_from,
    date_to,
    visits=(),
    events=(),
    request_beneficiary_ids=(),
    care=(),
    permanent=None,
    specialist_hours=(),
    finances=(),
    learning_kinds=frozenset(),
    kind_names=None,
    service_names=None,
    source_names=None,
):
    """Figures for date_from … date_to (inclusive). Rows outside the period are ignored here too.

    permanent: {volunteer_id: is_permanent}; specialist_hours: [(specialist_id, date, hours)].
    """
    permanent = permanent or {}
    inside = lambda d: date_from <= d <= date_to  # noqa: E731
    out = Figures(date_from=date_from, date_to=date_to)
    people, volunteers, specialists = set(), set(), set()

    visits = [v for v in visits if inside(v.on)]
    out.visits = len(visits)
    for v in visits:
        if v.beneficiary_id:
            people.add(v.beneficiary_id)
        else:
            out.anonymous += 1
        if v.volunteer_id:
            volunteers.add(v.volunteer_id)
    services = Counter(v.service for v in visits)
    sources = Counter(v.source or "" for v in visits)
    names = service_names or {}
    out.services_by_kind = {names.get(k, k): n for k, n in services.most_common()}
    src = source_names or {}
    out.visits_by_source = {src.get(k, k or "не указано"): n for k, n in sources.most_common()}
    paid = [v for v in visits if v.is_paid]
    out.paid_visits = len(paid)
    out.income_paid_services = sum((v.amount for v in paid), Decimal(0))

    held = [e for e in events if inside(e.on) and not e.cancelled]
    out.events_held = len(held)
    kinds = kind_names or {}
    out.events_by_kind = {kinds.get(k, k): n for k, n in Counter(e.kind for e in held).most_common()}
    learners, learners_extra = set(), 0
    for e in held:
        people |= e.attended_ids
        out.anonymous += e.attended_extra
        volunteers |= e.volunteer_ids
        specialists |= e.specialist_ids
        if e.kind in learning_kinds:
            learners |= e.attended_ids
            learners_extra += e.attended_extra
    out.learning_participants = len(learners) + learners_extra

    people |= set(filter(None, request_beneficiary_ids))

    under_care = set()
    for c in care:
        if c.started_on <= date_to and (c.ended_on is None or c.ended_on >= date_from):
            under_care.add(c.beneficiary_id)
            volunteers |= c.visit_volunteer_ids
    out.long_term_care = len(under_care)
    people |= under_care

    hours = Decimal(0)
    for specialist_id, on, amount in specialist_hours:
        if inside(on):
            specialists.add(specialist_id)
            hours += Decimal(amount)
    out.specialist_hours = hours
    out.specialists = len(specialists)

    out.volunteers = len(volunteers)
    out.volunteers_permanent = sum(1 for v in volunteers if permanent.get(v, False))
    out.volunteers_occasional = out.volunteers - out.volunteers_permanent

    out.beneficiaries = len(people)
    out.beneficiaries_with_anonymous = out.beneficiaries + out.anonymous

    by_month = {
        m: {"month": m, "paid_services": Decimal(0), "income": Decimal(0), "costs": Decimal(0)}
        for m in _months(date_from, date_to)
    }
    for v in paid:
        by_month[v.on.replace(day=1)]["paid_services"] += v.amount
    for f in finances:
        month = f.month.replace(day=1)
        if month in by_month:
            by_month[month]["income" if f.kind == "income" else "costs"] += f.amount
    for m in by_month.values():
        m["income"] += m["paid_services"]
        m["balance"] = m["income"] - m["costs"]
    out.months = list(by_month.values())
    out.income = sum((m["income"] for m in out.months), Decimal(0))
    out.costs = sum((m["costs"] for m in out.months), Decimal(0))
    return out


# Rows of the printable report and the XLSX: (label, attribute).
LINES = [
    ("Проведено мероприятий", "events_held"),
    ("Вовлечено волонтёров", "volunteers"),
    ("   из них на постоянной основе", "volunteers_permanent"),
    ("   из них разово", "volunteers_occasional"),
    ("Специалистов", "specialists"),
    ("   часов работы специалистов", "specialist_hours"),
    ("Участников мастер-классов и консультаций", "learning_participants"),
    ("Благополучателей (разные люди из базы)", "beneficiaries"),
    ("   анонимных посещений и участников без данных", "anonymous"),
    ("   всего с анонимными", "beneficiaries_with_anonymous"),
    ("Одиноких пожилых под опекой (долговременный уход)", "long_term_care"),
    ("Посещений и разовых услуг", "visits"),
    ("   из них платных", "paid_visits"),
    ("Доход от платных услуг, ₽", "income_paid_services"),
    ("Доходы всего, ₽", "income"),
    ("Расходы, ₽", "costs"),
]

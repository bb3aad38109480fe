"""KPIs of the telephone service as the Yugra card defines them, from plain rows (no database here).

The card: «специалистами учреждений выявлены 3 400 граждан …, нуждающихся в получении услуг телефонной
помощи, из которых к волонтерам обратились 3 389 человек, что составляет 99,6 %»; «доля граждан …,
удовлетворенных услугой телефонной помощи, составляет 99,9 %»; «12 028 единиц» услуг.

- identified: people identified as needing telephone help in the period (identifications dated in it);
- turned: of them, those who turned to volunteers (their identification became an enrolment, at any time);
  turned_pct = turned / identified (3 389 / 3 400 = 99.6 %);
- satisfaction_pct: the share of PEOPLE satisfied (score 4–5), each person counted once by their latest
  answer in the period — not the share of answers;
- enrolled: people in the service at some time in the period; reached: of them, reached at least once;
- calls: conversations held (reached calls) — the card's «услуги телефонной помощи».
"""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

SATISFIED_FROM = 4  # scores 4 and 5 of 1–5 count as «удовлетворён»
MAX_QUARTERS = 40


@dataclass(frozen=True)
class CallFact:
    enrolment_id: int
    person_id: int
    volunteer_id: int | None
    called_at: datetime
    reached: bool
    satisfaction: int | None


@dataclass(frozen=True)
class IdentificationFact:
    person_id: int
    identified_on: date
    enrolled: bool
    refused: bool


def pct(part, whole):
    """A share with one decimal, cut rather than rounded (the card: 3 389 / 3 400 = 99,676… → «99,6 %»):
    a KPI is never shown higher than it is (99,96 % stays 99,9 %, not 100 %)."""
    return (1000 * part // whole) / 10 if whole else None


def identification_figures(identifications):
    """«Обратились к волонтёрам / выявлено»: people, not records (a person identified twice counts once;
    they count as turned if any of their identifications turned)."""
    people, turned, refused = set(), set(), set()
    for item in identifications:
        people.add(item.person_id)
        if item.enrolled:
            turned.add(item.person_id)
        elif item.refused:
            refused.add(item.person_id)
    refused -= turned
    return {
        "identified": len(people),
        "turned": len(turned),
        "turned_pct": pct(len(turned), len(people)),
        "refused": len(refused),
        "waiting": len(people) - len(turned) - len(refused),
    }


def satisfaction_figures(calls):
    """Each person's latest answer counts once: the share of people satisfied."""
    latest = {}
    for call in calls:
        if call.satisfaction is None:
            continue
        seen = latest.get(call.person_id)
        if seen is None or call.called_at >= seen[0]:
            latest[call.person_id] = (call.called_at, call.satisfaction)
    satisfied = sum(1 for _, score in latest.values() if score >= SATISFIED_FROM)
    return {
        "satisfaction_pct": pct(satisfied, len(latest)),
        "satisfaction_people": len(latest),
        "satisfaction_answers": sum(1 for c in calls if c.satisfaction is not None),
    }


def compute(enrolment_ids, calls, identifications=(), alerts_raised=0, alerts_resolved=0):
    """All figures of one territory and period. `enrolment_ids`: enrolments active at some time in the period;
    `calls` and `identifications`: those of the period."""
    counts = CallCounts(
        attempts=len(calls),
        calls=sum(1 for c in calls if c.reached),
        reached=len({c.enrolment_id for c in calls if c.reached}),
        volunteers=len({c.volunteer_id for c in calls if c.volunteer_id}),
    )
    answered = [c for c in calls if c.satisfaction is not None]
    return from_counts(len(set(enrolment_ids)), counts, answered, identifications, alerts_raised, alerts_resolved)


@dataclass(frozen=True)
class CallCounts:
    """The call figures the database counts (#12): attempts, conversations, people reached, volunteers calling."""

    attempts: int
    calls: int
    reached: int
    volunteers: int


def from_counts(enrolled, counts, answered, identifications=(), alerts_raised=0, alerts_resolved=0):
    """The same figures as `compute` from counts made by the database and only the calls with an answer to
    the satisfaction question (`answered`: a few per person a quarter, not every call of the period)."""
    return {
        **identification_figures(identifications),
        "enrolled": enrolled,
        "reached": counts.reached,
        "reached_pct": pct(counts.reached, enrolled),
        "calls": counts.calls,
        "attempts": counts.attempts,
        "calls_per_person": round(counts.calls / enrolled, 1) if enrolled else None,
        **satisfaction_figures(answered),
        "active_volunteers": counts.volunteers,
        "alerts_raised": alerts_raised,
        "alerts_resolved": alerts_resolved,
    }


# --- quarters («с 2020 года по 3 кв. 2022 года») ---


def quarter_of(day):
    return day.year, (day.month - 1) // 3 + 1


def quarter_bounds(year, quarter):
    first = date(year, 3 * quarter - 2, 1)
    nxt = date(year + 1, 1, 1) if quarter == 4 else date(year, 3 * quarter + 1, 1)
    return first, nxt - timedelta(days=1)


def quarter_label(year, quarter):
    return f"{quarter} кв. {year}"


def quarters_between(first, last, limit=MAX_QUARTERS):
    """Quarters from the one holding `first` to the one holding `last`, the latest `limit` of them."""
    if first > last:
        return []
    y, q = quarter_of(first)
    end = quarter_of(last)
    result = []
    while (y, q) <= end:
        result.append((y, q))
        y, q = (y + 1, 1) if q == 4 else (y, q + 1)
    return result[-limit:]


def _day(value):
    return value.date() if isinstance(value, datetime) else value


def quarterly(identifications, calls, first, last):
    """One row per quarter: identified, turned and %, refused, conversations, people reached, satisfaction of
    people; plus the total row over the whole span (people counted once)."""
    quarters = quarters_between(first, last)
    if not quarters:
        return [], None
    by_quarter = {key: ([], []) for key in quarters}
    span_ids, span_calls = [], []
    for item in identifications:
        key = quarter_of(item.identified_on)
        if key in by_quarter:
            by_quarter[key][0].append(item)
            span_ids.append(item)
    for call in calls:
        key = quarter_of(_day(call.called_at))
        if key in by_quarter:
            by_quarter[key][1].append(call)
            span_calls.append(call)

    def counted(quarter_calls):
        return (sum(1 for c in quarter_calls if c.reached), len({c.person_id for c in quarter_calls if c.reached}))

    counts = {key: counted(by_quarter[key][1]) for key in quarters}
    return quarterly_from_counts(identifications, counts, counted(span_calls), calls, first, last)


def quarterly_from_counts(identifications, counts, total_counts, answered, first, last):
    """The rows of `quarterly` from counts the database made: `counts` {(year, quarter): (conversations,
    people reached)}, `total_counts` the same over the whole span (people once), and `answered` only the calls
    with a satisfaction answer (#12: not every call since the service began)."""
    quarters = quarters_between(first, last)
    if not quarters:
        return [], None
    ids_by, answers_by = {key: [] for key in quarters}, {key: [] for key in quarters}
    span_ids, span_answers = [], []
    for item in identifications:
        key = quarter_of(item.identified_on)
        if key in ids_by:
            ids_by[key].append(item)
            span_ids.append(item)
    for call in answered:
        key = quarter_of(_day(call.called_at))
        if key in answers_by and call.satisfaction is not None:
            answers_by[key].append(call)
            span_answers.append(call)

    def row(label, ids, pair, quarter_answers):
        return {
            "label": label,
            **identification_figures(ids),
            "calls": pair[0],
            "people_reached": pair[1],
            **satisfaction_figures(quarter_answers),
        }

    rows = [row(quarter_label(*key), ids_by[key], counts.get(key, (0, 0)), answers_by[key]) for key in quarters]
    first_q, last_q = quarters[0], quarters[-1]
    total = row(f"Всего: {quarter_label(*first_q)} — {quarter_label(*last_q)}", span_ids, total_counts, span_answers)
    return rows, total

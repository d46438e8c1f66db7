"""Deciding whether two claims are the same claim, similar, or in conflict.

Both back ends only fetch candidates (full-text ranking, trigrams, shared
facts); the decision is made here, in plain Python, so SQLite and PostgreSQL
give the same answers.

**Matching** scores a candidate between 0 and 1 from the wording (term overlap
and rapidfuzz's token ratios over the normalized text) and from the facts:
the same count of the same thing, the same day, the same place, system or
actor raise the score; a count or date that disagrees lowers it, because a
claim with another number is not the same claim. Above
:data:`THRESHOLDS.same` a match is "same claim", above ``similar`` "similar"
(two thresholds, as Meedan Check has them).

**Conflicts** are pairs about one event (a shared place, system or actor and
dates within :data:`DATE_WINDOW` days) that give different values for the
same count, or different days for the same happening. The thresholds were
chosen on half of the test pairs in ``tests/data/library/pairs.json`` and
measured on the other half; ``scripts/library_quality.py`` prints both.
"""

from __future__ import annotations

from dataclasses import dataclass

from rapidfuzz import fuzz

from app.library.facts import INFINITY, YEARLESS, Count, DateSpan, Facts
from app.library.records import ClaimRecord
from app.library.text import terms

DATE_WINDOW = 10  # days: counts reported for dates further apart are different events
DATE_CONFLICT_WINDOW = 31  # days: one happening reported with dates this far apart
# What happened to the people counted: a count of one kind is never a count of another.
OUTCOMES = frozenset({"kill", "injur", "arrest", "evacu", "rescu", "miss", "infect", "abduct",
                      "drown", "releas", "captur", "hospitalis", "hospit", "sentenc"})
PERIODS = frozenset({"annual", "month", "monthli", "week", "weekli", "daili", "quarter",
                     "quarterli", "year"})
MEASURE_MIN = 0.2  # how sure two counts count the same thing before they can disagree


@dataclass(frozen=True, slots=True)
class Thresholds:
    same: float
    similar: float
    conflict: float


THRESHOLDS = Thresholds(same=0.70, similar=0.40, conflict=0.58)


@dataclass(frozen=True, slots=True)
class Comparison:
    """How two claims relate: the match score and, if they disagree, on what."""

    score: float
    text: float
    agreement: float
    reasons: tuple[str, ...]
    disagreement: Disagreement | None


@dataclass(frozen=True, slots=True)
class Disagreement:
    what: str                 # "count" or "date"
    first: str                # the value as the first claim has it ("7", "2023-10-19")
    second: str
    about: str                # what is counted, or ""
    strength: float           # how sure it is one event with two values (0..1)
    first_said: str = ""      # the words of each claim that carry the value ("seven")
    second_said: str = ""


# ---------------------------------------------------------------- wording


def text_similarity(a: str, b: str) -> float:
    """Wording similarity of two normalized texts, 0..1."""
    if not a or not b:
        return 0.0
    sa, sb = set(a.split()), set(b.split())
    dice = 2 * len(sa & sb) / (len(sa) + len(sb))
    sort_ratio = fuzz.token_sort_ratio(a, b) / 100
    set_ratio = fuzz.token_set_ratio(a, b) / 100
    return 0.5 * dice + 0.25 * sort_ratio + 0.25 * set_ratio


def _without_numbers(norm: str) -> str:
    return " ".join(t for t in norm.split() if not t[:1].isdigit())


# ---------------------------------------------------------------- facts


def _actor_overlap(a: Facts, b: Facts) -> bool:
    for x in a.actors:
        for y in b.actors:
            if x <= y or y <= x:
                return True
    return False


def shared_anchors(a: Facts, b: Facts) -> list[str]:
    """Places, systems and actors the two claims share."""
    shared = [f"place {p}" for p in sorted(a.places & b.places)]
    shared += [f"system {s}" for s in sorted(a.systems & b.systems)]
    if _actor_overlap(a, b):
        shared.append("actor")
    return shared


def _spans_near(a: tuple[DateSpan, ...], b: tuple[DateSpan, ...], window: int) -> bool:
    return any(x.low - window <= y.high and y.low - window <= x.high for x in a for y in b)


def _spans_overlap(a: tuple[DateSpan, ...], b: tuple[DateSpan, ...]) -> bool:
    return _spans_near(a, b, 0)


def same_measure(a: Count, b: Count) -> float:
    """How sure it is that two counts count the same thing (0..1).

    Different units never match; two counted nouns must share their head (or
    one's head appears around the other's number: "hectares of farmland");
    then the words around the numbers decide, the ones right next to them most.
    """
    if a.unit != b.unit:
        return 0.0
    if different_outcomes(a, b):
        return 0.0  # 12 killed and 12 injured are two counts
    if a.noun and b.noun and not _heads_meet(a, b) and not _heads_meet(b, a):
        return 0.0
    union = a.context | b.context
    overlap = len(a.context & b.context) / len(union) if union else 0.5
    before_a, after_a = a.neighbours
    before_b, after_b = b.neighbours
    if (before_a and before_a == before_b) or (after_a and after_a == after_b):
        overlap = max(overlap, 0.5)
    return min(1.0, overlap)


def different_outcomes(a: Count, b: Count) -> bool:
    """Counts of exclusive kinds: killed against injured, annual against monthly."""
    for kinds in (OUTCOMES, PERIODS):
        ka, kb = a.context & kinds, b.context & kinds
        if ka and kb and not ka & kb:
            return True
    return False


def _heads_meet(a: Count, b: Count) -> bool:
    """``a``'s counted noun is ``b``'s, or right after ``b``'s number ("175,000 hectares")."""
    head = a.noun[-1]
    return head in b.noun or head == b.neighbours[1] or head in terms(b.said)


def counts_agree(a: Count, b: Count) -> bool:
    """The same figure: equal, or within 10% when either is approximate or a bound.

    Figures are compared as stated, so "at least 40 killed" and "at least 12
    killed" disagree although both bounds could hold: they are two reports of
    one toll. Ranges agree with figures inside them.
    """
    exact_a = not a.approximate and not a.vague
    exact_b = not b.approximate and not b.vague
    if a.low != a.high and a.high != INFINITY and exact_a:  # a range
        return a.low <= b.nominal <= a.high
    if b.low != b.high and b.high != INFINITY and exact_b:
        return b.low <= a.nominal <= b.high
    x, y = a.nominal, b.nominal
    if exact_a and exact_b:
        return x == y
    return abs(x - y) <= 0.1 * max(abs(x), abs(y))


def _count_text(c: Count) -> str:
    def fmt(x: float) -> str:
        return str(int(x)) if x == int(x) else f"{x:g}"

    if c.high == INFINITY:
        return f"at least {fmt(c.low)}"
    if c.approximate and c.low == 0:
        return f"up to {fmt(c.high)}"
    if c.low == c.high:
        return fmt(c.low)
    if c.approximate:
        return f"about {fmt(c.nominal)}"
    return f"{fmt(c.low)}-{fmt(c.high)}"


def count_pairs(a: Facts, b: Facts) -> list[tuple[float, Count, Count]]:
    """Counts of ``a`` paired with the count of ``b`` most likely to count the same thing."""
    pairs = []
    used: set[int] = set()
    # Equal figures pair first when they are about as likely: "killed 4 and wounded 11"
    # against "4 dead, 11 injured" pairs 4 with 4, not 4 with 11.
    candidates = sorted(((same_measure(x, y), i, j) for i, x in enumerate(a.counts)
                         for j, y in enumerate(b.counts)),
                        key=lambda t: t[0] + (0.3 if t[0] > 0 and counts_agree(
                            a.counts[t[1]], b.counts[t[2]]) else 0.0), reverse=True)
    taken_a: set[int] = set()
    for measure, i, j in candidates:
        if measure <= 0 or i in taken_a or j in used:
            continue
        taken_a.add(i)
        used.add(j)
        pairs.append((measure, a.counts[i], b.counts[j]))
    return pairs


# ---------------------------------------------------------------- comparing


def compare(a: ClaimRecord, b: ClaimRecord) -> Comparison:
    """Score ``b`` as a match for ``a`` and look for a disagreement between them."""
    text = text_similarity(a.norm, b.norm)
    fa, fb = a.facts, b.facts
    agreement = 0.0
    reasons: list[str] = []
    anchors = shared_anchors(fa, fb)
    if anchors:
        agreement += 0.06 * min(len(anchors), 2)
        reasons.extend(anchors)
    if fa.places and fb.places and not fa.places & fb.places:
        agreement -= 0.2  # the same words about another place
    disagreement: Disagreement | None = None
    agreeing = 0
    terms_a, terms_b = set(a.norm.split()), set(b.norm.split())
    for measure, x, y in count_pairs(fa, fb):
        if counts_agree(x, y):
            agreement += 0.15 * min(1.0, 2 * measure)
            agreeing += 1
            reasons.append(f"same count {_count_text(x)}")
        elif _figure(x) in terms_b or _figure(y) in terms_a:
            continue  # each figure is in the other claim too: paired wrongly, not disputed
        elif measure >= MEASURE_MIN:
            agreement -= 0.25 * min(1.0, 2 * measure)
            if disagreement is None or measure > disagreement.strength:
                about = min((x.what, y.what), key=lambda w: (not w, len(w)))
                disagreement = Disagreement("count", _count_text(x), _count_text(y), about,
                                            measure, x.said, y.said)
    if bool(fa.counts) != bool(fb.counts):
        agreement -= 0.08  # a restated claim keeps its figure
    elif fa.counts and not agreeing:
        agreement -= 0.15  # figures, none of them shared: another claim
    if any(different_outcomes(x, y) for x in fa.counts for y in fb.counts) and not agreeing:
        agreement -= 0.15  # killed against injured: another claim
    if fa.dates and fb.dates:
        if _spans_overlap(fa.dates, fb.dates):
            agreement += 0.06
            reasons.append("same date")
        elif _spans_near(fa.dates, fb.dates, DATE_CONFLICT_WINDOW):
            day_a = next((d for d in fa.dates if d.is_day), None)
            day_b = next((d for d in fb.dates if d.is_day), None)
            if day_a is not None and day_b is not None:
                agreement -= 0.15
                # one happening on two days: the rest must agree (figures shared, or none)
                figures_agree = agreeing > 0 or not (fa.counts or fb.counts)
                if disagreement is None and figures_agree:
                    disagreement = Disagreement("date", _day_text(day_a), _day_text(day_b), "",
                                                1.0, day_a.said, day_b.said)
        else:
            agreement -= 0.1
    if disagreement is not None:  # why a restated claim is only "similar": say it
        reasons.append(_differs(disagreement))
    score = max(0.0, min(1.0, text + agreement))
    return Comparison(score, text, agreement, tuple(reasons), disagreement)


def _differs(d: Disagreement) -> str:
    """"count differs: 7 here, 9 there (drones)", as a match's reason."""
    about = f" ({d.about})" if d.about else ""
    return f"{d.what} differs: {d.first} here, {d.second} there{about}"


def _figure(c: Count) -> str:
    value = c.nominal
    return str(int(value)) if value == int(value) else f"{value:g}"


def _day_text(span: DateSpan) -> str:
    from datetime import date

    day = date.fromordinal(span.high)
    return day.strftime("%d %B").lstrip("0") if day.year == YEARLESS else day.isoformat()


def match_kind(comparison: Comparison, thresholds: Thresholds = THRESHOLDS) -> str | None:
    """"same claim", "similar" or None. Claims that disagree are at most similar."""
    from app.library.api import SAME_CLAIM, SIMILAR

    if comparison.score >= thresholds.same and comparison.disagreement is None:
        return SAME_CLAIM
    if comparison.score >= thresholds.similar:
        return SIMILAR
    return None


def same_event(a: Facts, b: Facts, window: int = DATE_WINDOW) -> bool:
    """A shared place, system or actor, and dates within the window."""
    if not shared_anchors(a, b):
        return False
    days_a, days_b = a.event_days, b.event_days
    if not days_a or not days_b:
        return False
    return _spans_near(days_a, days_b, window)


def conflict_score(a: ClaimRecord, b: ClaimRecord,
                   comparison: Comparison | None = None) -> tuple[float, Disagreement] | None:
    """How sure it is that ``a`` and ``b`` report one event with different values."""
    if a.worksheet_id == b.worksheet_id:
        return None
    comparison = comparison or compare(a, b)
    found = comparison.disagreement
    if found is None:
        return None
    window = DATE_WINDOW if found.what == "count" else DATE_CONFLICT_WINDOW
    if not same_event(a.facts, b.facts, window):
        return None
    wording = text_similarity(_without_numbers(a.norm), _without_numbers(b.norm))
    if found.what == "count":
        score = 0.6 * wording + 0.4 * found.strength
    else:
        score = wording
    return score, found

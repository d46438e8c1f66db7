"""Who a sentence says its claim comes from: a named source, an unnamed one, or none.

Attribution is read from the dependency parse: the subject of a reporting verb
that governs a clause ("insiders suggest [the incident occurred]", "the
ministry confirmed [that ...]") and the object of "according to". The source
is *named* when it holds a person or organisation and is not itself an
anonymous head noun ("a source within the General Staff", "officials",
"documents obtained by journalists"); phrases such as "speaking on condition of
anonymity" make any attribution unnamed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from app.extract import lexicon
from app.extract.actors import INSTITUTION_HEADS
from app.extract.cues import load_cues, phrase_in
from app.extract.tokens import lemmas, lowers

CLAUSE_DEPS = frozenset({"ccomp", "parataxis", "xcomp"})
# "shared through the ministry's press service", "released by the army": the channel is the source
CHANNEL_VERBS = lexicon.words("cues", "channel_verbs")
CHANNEL_PREPS = lexicon.words("cues", "channel_prepositions")
NAMED_PRONOUNS = lexicon.words("cues", "named_pronouns")
NAMED_LABELS = frozenset({"PERSON", "ORG", "GPE"})  # a country speaking is its government
INDEFINITE = lexicon.words("cues", "indefinite_determiners")
# phrases that pass on a claim without saying whose it is: "reportedly", "is thought to"
VAGUE_SOURCE_CUES = lexicon.ordered("cues", "vague_source_cues")
# verbs that report an event given as their object: "Sana reported explosions"
EVENT_REPORTING_VERBS = lexicon.words("cues", "event_reporting_verbs")
RECEIVING_VERBS = lexicon.words("cues", "receiving_verbs")
REPORT_NOUNS = lexicon.words("cues", "report_nouns")
# sources that are public record rather than a person ("the results show")
EVIDENCE_HEADS = lexicon.words("cues", "evidence_heads")
# people who speak for an institution: named when the institution is
SPOKESPERSON_HEADS = lexicon.words("cues", "spokesperson_heads")
ACCUSATION_VERBS = lexicon.words("cues", "accusation_verbs")
# people named by the body they work for: "analysts at the Lowy Institute"
AFFILIATED_HEADS = lexicon.words("cues", "affiliated_heads")
AFFILIATION_PREPS = frozenset({"from", "at", "of", "with"})
# "a report by the institute", "a statement from the ministry": the author
AUTHOR_PREPS = frozenset({"by", "from", "of"})
# "a spokesman for the ministry" speaks for it; "analysts for" a body are rarer than its own
SPOKESPERSON_PREPS = AFFILIATION_PREPS | {"for"}
# an institution's output or arm, named by its owner: "World Bank figures", "Polish intelligence"
INSTITUTIONAL_HEADS = lexicon.words("cues", "institutional_heads")
# "the report said": the document named before, with its author
DOCUMENT_NOUNS = lexicon.words("cues", "named_document_nouns")
OWNER_LABELS = frozenset({"ORG", "GPE", "NORP", "PERSON"})
# anonymous heads that are things, not people: in an issuer's own text, the issuer's
NOT_PEOPLE = frozenset({"access", "intelligence", "communications", "assessment", "estimates",
                        "footage", "video", "videos", "images", "photos", "account", "accounts"})
# acts of speech a reporting participle can hang on: "thanked Britain, writing that ..."
SPEECH_ACT_VERBS = lexicon.words("cues", "speech_act_verbs")
# "The institute put its magnitude at 7.0", "Officials put the toll at 45": an estimate given
ESTIMATE_VERBS = frozenset({"put", "place"})
# a stance on something said or done, attributed to its subject ("condemned the strikes")
STANCE_VERBS = lexicon.words("cues", "stance_verbs_named")
# a body, not a person: "a U.N. panel of experts" is the UN's, as "a UN spokesman" is
BODY_HEADS = lexicon.words("cues", "body_heads")
# an institution word that is also a common noun ("medical staff"): an institution only in a
# name ("the General Staff")
NAME_ONLY_INSTITUTIONS = frozenset({"staff", "service", "forces", "force", "authorities"})
# people an anonymous source may be, beyond the anonymous heads: never an issuer's voice
PERSON_NOUNS = frozenset({"officer", "officers", "soldier", "soldiers", "commander", "doctor",
                          "doctors", "nurse", "worker", "workers", "spokesman", "spokeswoman",
                          "spokesperson", "man", "woman", "villager", "villagers", "survivor",
                          "survivors", "pilot", "sailor", "guard", "guards", "employee"})
# places that speak as bodies: "the regional operational headquarters reported"
SPEAKING_PLACES = frozenset({"headquarters", "hq"})
# a place that only says where the source is ("staff at a clinic in Tawila"), not who
LOCATIVE_PREPS = frozenset({"in", "at", "near", "on", "outside", "across"})
DATELINE_DASHES = frozenset({"-", "--", "–", "—"})  # "TALLINN, 3 May - The board said"
# after these a clause is set apart from its sentence: ", a Reuters photographer reported,"
ASIDE_MARKS = frozenset({",", "--", "–", "—", ";", '"', "”", "'", "’"})


@dataclass(frozen=True, slots=True)
class Attribution:
    sourcing: str  # "named" | "unnamed" | "none"
    source: str = ""


def attribute(sent: Any, actor_spans: list[tuple[int, int]], text: str | None = None,
              referents: dict[int, str] | None = None) -> Attribution:
    """The sourcing of one sentence (a spaCy ``Span``); ``actor_spans`` are char offsets.

    ``text`` is the sentence's text when the caller already has it (saves rebuilding it);
    ``referents`` maps a pronoun's char offset to the name it stands for ("he" -> the
    person named before), which becomes the source.
    """
    cues = load_cues()
    low = (sent.text if text is None else text).lower()
    anonymous_phrase = any(phrase_in(p, low) for p in cues.anonymity_phrases)
    candidates: list[tuple[int, Any]] = []
    words, roots = lowers(sent.doc), lemmas(sent.doc)
    for index in range(sent.start, sent.end):
        if words[index] != "according" and roots[index] not in cues.reporting_verbs \
                and roots[index] not in ESTIMATE_VERBS and roots[index] not in STANCE_VERBS \
                and roots[index] not in CHANNEL_VERBS and words[index] not in cues.reporting_verbs \
                and roots[index] not in RECEIVING_VERBS:
            continue
        token = sent.doc[index]
        if token.lower_ == "according" and any(c.lower_ == "to" for c in token.children):
            to = next(c for c in token.children if c.lower_ == "to")
            objects = [c for c in to.children if c.dep_ == "pobj"]
            if objects:
                candidates.append((_depth(token), objects[0]))
            continue
        aside = _aside_speaker(token, sent)
        if aside is not None and not _refused(token):
            candidates.append((_depth(token), aside))
            continue
        if token.lemma_.lower() in CHANNEL_VERBS and token.dep_ in ("acl", "relcl", "advcl"):
            candidates.extend((_depth(token), channel) for channel in _channels(token))
            continue
        stance = _stance_speaker(token)
        if stance is not None:
            candidates.append((_depth(token), stance))
            continue
        estimate = _puts_at(token)
        if token.lemma_.lower() not in cues.reporting_verbs \
                and token.lower_ not in cues.reporting_verbs \
                and token.lemma_.lower() not in RECEIVING_VERBS and not estimate:
            continue
        if _refused(token) or claims_a_place(token):
            continue  # "The militia did not claim the bombing", "X denied the charge": an act
        if estimate:
            subjects = [c for c in token.children if c.dep_ == "nsubj"]
            if subjects:
                candidates.append((_depth(token), subjects[0]))
            continue
        if token.dep_ == "acl" and token.tag_ == "VBN":
            continue  # "gunmen believed to belong to ...": a description, not a source
        if token.dep_ in ("relcl", "acl") and (
                any(c.dep_ == "neg" for c in token.children)
                or not any(c.dep_ == "ccomp" for c in token.children)):
            continue  # "an independent who does not claim to belong to ...": about someone
        if not any(c.dep_ in CLAUSE_DEPS or _misparsed_clause(c) for c in token.children) \
                and token.dep_ != "parataxis" \
                and not _accuses(token) and not _closing_attribution(token, sent) \
                and not _reports_event(token):
            continue
        subjects = _nearest_first(token, [c for c in token.children
                                          if c.dep_ in ("nsubj", "agent")]) \
            or _inverted_speaker(token) or _participle_speaker(token)
        if subjects:
            subject = subjects[0]
            if subject.dep_ == "agent":
                objs = [c for c in subject.children if c.dep_ == "pobj"]
                if not objs:
                    continue
                subject = objs[0]
            candidates.append((_depth(token), subject))
    if not candidates:
        credited = _headline_credit(sent)
        if credited is not None:
            return Attribution(_classify(credited.root, credited, actor_spans,
                                         cues.anonymous_heads), credited.text)
        if anonymous_phrase or any(phrase_in(p, low) for p in VAGUE_SOURCE_CUES) \
                or _accused_by_nobody(sent):
            return Attribution("unnamed", "")  # "reportedly", "are thought to have"
        return Attribution("none")
    candidates.sort(key=lambda c: c[0])
    head = _channel_owner(candidates[0][1]) or candidates[0][1]
    left = head.left_edge.i
    dash = max((k for k in range(left, head.i) if sent.doc[k].text in DATELINE_DASHES
                and k > 0 and sent.doc[k - 1].whitespace_),  # not the hyphen of "state-run"
               default=None)
    span = sent.doc[(left if dash is None else dash + 1):head.right_edge.i + 1]
    source = span.text.strip(" ,")
    referent = (referents or {}).get(head.idx) if head.pos_ == "PRON" else None
    if referent and not anonymous_phrase:
        return Attribution("named", referent)
    if anonymous_phrase and not _proper_name(head):
        return Attribution("unnamed", source)  # not "RIA Novosti, citing a source in ..."
    return Attribution(_classify(head, span, actor_spans, cues.anonymous_heads), source)


def impersonal_source(source: str) -> bool:
    """Whether an unnamed source is no one in particular: none at all ("it is believed
    that ...") or a thing ("battle damage assessment showed"). In an official statement such
    a sentence is in the issuer's own voice; anonymous people ("officials said") are not."""
    cues = load_cues()
    if any(phrase_in(p, source.lower()) for p in cues.anonymity_phrases):
        return False  # "a naval officer, speaking on condition of anonymity": a person
    words = source.split(",")[0].lower().split()
    return not words or words[-1] not in (cues.anonymous_heads | PERSON_NOUNS) - NOT_PEOPLE


def _channels(verb: Any) -> list[Any]:
    """What a channel verb names its channel by: "released by the army", "shared through
    the ministry's press service" (the first object of each such preposition)."""
    out = []
    for prep in verb.children:
        if prep.lower_ in CHANNEL_PREPS and prep.dep_ in ("prep", "agent"):
            objects = [c for c in prep.children if c.dep_ == "pobj"]
            if objects:
                out.append(objects[0])
    return out


def _channel_owner(head: Any) -> Any | None:
    """ "Video released by the PCG showed ...": the body a thing came through is the source."""
    for child in head.children:
        if child.dep_ == "acl" and child.lemma_.lower() in CHANNEL_VERBS:
            channels = _channels(child)
            if channels:
                return channels[0]
    return None


def _participle_speaker(token: Any) -> list[Any]:
    """ "X thanked Britain, writing that ...", "X said ..., adding that ...": a reporting
    participle speaks with the subject of the speech act it hangs on."""
    if token.dep_ == "xcomp" and token.tag_ == "VB" and token.head.lemma_ in ("appear", "seem"):
        return [c for c in token.head.children if c.dep_ == "nsubj"]  # "appears to show"
    if token.tag_ != "VBG" or token.dep_ not in ("advcl", "xcomp", "conj"):
        return []
    head = token.head.lemma_.lower()
    if head not in load_cues().reporting_verbs and head not in SPEECH_ACT_VERBS:
        return []  # "the IRGC seized the tanker, saying ...": the seizure is the outlet's report
    return [c for c in token.head.children if c.dep_ == "nsubj"]


def _proper_name(head: Any) -> bool:
    """A source head that is itself a name ("ACLED", "RIA Novosti"), not a common noun."""
    return head.pos_ == "PROPN" and head.text[:1].isupper() \
        and head.lower_ not in load_cues().anonymous_heads


def _misparsed_clause(child: Any) -> bool:
    """ "said that 9,000 gallons of fertilizer leaked": the parser sometimes makes the
    clause's subject the verb's object, with "that" hanging on it; and in "said in a statement
    that the launch posed no threat" it hangs the clause on the statement."""
    if child.dep_ == "prep" and child.lower_ in ("in", "on"):
        return any(_that_clause(g) for obj in child.children if obj.dep_ == "pobj"
                   for g in obj.children if g.dep_ in ("acl", "ccomp", "relcl"))
    return child.dep_ == "dobj" and _that_clause(child)


def _that_clause(word: Any) -> bool:
    """Whether "that" hangs on ``word`` as a clause's mark."""
    return any(g.dep_ == "mark" and g.lower_ == "that" for g in word.children)


def _headline_credit(sent: Any) -> Any | None:
    """The source a headline names after a colon at its end ("N. Korea sends 310 balloons:
    JCS", "Drone spotted near Kinmen: Taiwan coast guard"): a span, or None."""
    doc = sent.doc
    end = sent.end
    while end > sent.start and doc[end - 1].is_space:
        end -= 1
    if end == sent.start or doc[end - 1].is_punct:
        return None  # a headline has no full stop
    colon = max((k for k in range(sent.start, end) if doc[k].text == ":"), default=None)
    if colon is None or not 1 <= end - colon - 1 <= 5 or colon - sent.start < 4:
        return None  # "Live: Russia attacks" is a label before a headline, not a credit
    credit = doc[colon + 1:end]
    if any(t.like_num or t.pos_ in ("VERB", "AUX") for t in credit) \
            or credit[-1].pos_ not in ("NOUN", "PROPN"):
        return None
    last = credit[-1]
    anonymous = load_cues().anonymous_heads
    if last.ent_type_ in ("ORG", "PERSON") or last.text.isupper() and len(last.text) > 1 \
            or last.lower_ in INSTITUTION_HEADS or last.lemma_.lower() in anonymous:
        return credit  # "JCS", "Taiwan coast guard", "officials", not "Kyiv attacks"
    return None


def _stance_speaker(token: Any) -> Any | None:
    """The subject of a main verb of stance ("Iraq's Foreign Ministry condemned the strikes",
    "Tehran denies sending weapons", "called the reports 'baseless'"): the sentence reports
    what its subject said about something, so the subject is the source, though no clause
    follows. A negated stance ("did not condemn") is an act the outlet reports; "call" names a
    stance only with what it calls something or "for" ("called for calm")."""
    if token.lemma_.lower() not in STANCE_VERBS or token.pos_ != "VERB" \
            or token.dep_ not in ("ROOT", "conj") or _refused_outright(token):
        return None
    if token.lemma_.lower() == "call" and not any(
            c.dep_ in ("oprd", "xcomp", "ccomp", "attr") or c.dep_ == "prep" and c.lower_ == "for"
            for c in token.children) and not any(
            t.text in ('"', "“", "”") for t in token.subtree if t.i > token.i):
        return None  # "called the reports "baseless"" calls them something; "called Kyiv" not
    subjects = [c for c in token.children if c.dep_ == "nsubj"]
    return subjects[0] if subjects else None


def _refused_outright(token: Any) -> bool:
    """Negated, or with "no" for a subject ("No group has claimed the launch")."""
    return any(c.dep_ == "neg" for c in token.children) or any(
        c.dep_ in ("nsubj", "nsubjpass") and any(d.dep_ == "det" and d.lower_ == "no"
                                                 for d in c.children)
        for c in token.children)


def _puts_at(token: Any) -> bool:
    """ "X put the death toll at 45": an estimate attributed to its subject."""
    if token.lemma_.lower() not in ESTIMATE_VERBS \
            or not any(c.dep_ == "dobj" for c in token.children):
        return False
    return any(c.dep_ == "prep" and c.lower_ == "at"
               and any(g.like_num or any(n.like_num for n in g.children) for g in c.children)
               for c in token.children)


def claims_a_place(token: Any) -> bool:
    """ "Both countries claim Kashmir in full": a claim to territory, not a claim reported."""
    return token.lemma_.lower() == "claim" and not any(
        c.dep_ in ("ccomp", "xcomp") for c in token.children) and any(
        c.dep_ == "dobj" and c.ent_type_ in ("GPE", "LOC") for c in token.children)


def _refused(token: Any) -> bool:
    """A reporting verb that reports a refusal or a silence, not whose claim the sentence
    is: negated ("did not claim the bombing", "did not confirm the figure") or a denial of
    a thing rather than of a clause ("denied the charge", "denied shelling the town")."""
    if _refused_outright(token):
        return True  # "No group has claimed the launch": nobody said anything
    return token.lemma_.lower() == "deny" and not any(c.dep_ == "ccomp" for c in token.children)


def _nearest_first(token: Any, subjects: list[Any]) -> list[Any]:
    """Subjects before the verb nearest first: the parser sometimes hangs a dateline's place
    on the verb as a second subject ("TALLINN, 3 May - The Interior Ministry said")."""
    return sorted(subjects, key=lambda c: (c.i > token.i, -c.i if c.i < token.i else c.i))


def _aside_speaker(token: Any, sent: Any) -> Any | None:
    """The subject of a reporting clause set apart by commas or closing the sentence,
    whatever the parse made of it: "Flames rose over the silo, a Reuters photographer
    reported, and ..." or "..., the port director of Split announced on Thursday."."""
    doc = sent.doc
    subjects = [c for c in token.children if c.dep_ == "nsubj" and c.i < token.i]
    if not subjects or any(c.dep_ in ("dobj", "ccomp", "xcomp") for c in token.children):
        return None
    subject = subjects[-1]
    before = subject.left_edge.i - 1
    if before < sent.start or doc[before].text not in ASIDE_MARKS:
        return None
    if any(doc[k].pos_ in ("VERB", "AUX") for k in range(subject.right_edge.i + 1, token.i)
           if doc[k].dep_ not in ("aux", "advmod", "neg")):
        return None
    k = token.i + 1
    while k < sent.end and k - token.i <= 5 and not doc[k].is_punct:
        if doc[k].pos_ in ("VERB", "AUX") or doc[k].head.i < token.i and doc[k].head.i != token.i:
            return None  # the clause goes on: not an aside
        k += 1
    if k < sent.end and doc[k].text not in (",", ".", "!", "?", ";", '"', "”", "'", "’"):
        return None
    return subject


def _closing_attribution(token: Any, sent: Any) -> bool:
    """"..., navy spokesman Ivan Petrenko said." or '...", added KCNA.': a reporting verb
    that ends the sentence reports all of it, even when the parse left the statement in a
    tree of its own."""
    doc = sent.doc
    if token.dep_ != "ROOT" or token.i <= sent.start:
        return False
    subjects = [c for c in token.children if c.dep_ == "nsubj"] or _inverted_speaker(token)
    if not subjects:
        return False
    last = max(token.i, subjects[0].right_edge.i)  # "said KCNA.": the subject after the verb
    return all(doc[k].is_punct for k in range(last + 1, sent.end))


def _inverted_speaker(token: Any) -> list[Any]:
    """ '...", added KCNA.': after a quote the speaker follows the verb, and the parser often
    takes it for the object."""
    doc = token.doc
    if token.i == 0 or doc[token.i - 1].text not in (",", '"', "”", "'"):
        return []
    return [c for c in token.children
            if c.dep_ in ("dobj", "attr", "npadvmod") and c.i > token.i
            and (c.pos_ == "PROPN" or c.ent_type_ in ("PERSON", "ORG", "NORP", "GPE"))]


def _reports_event(token: Any) -> bool:
    """ "Sana reported explosions at the airport", "the UN received reports of atrocities": a
    report with an event as its object, not a clause, still says where the news comes from."""
    lemma = token.lemma_.lower()
    objects = [c for c in token.children if c.dep_ == "dobj"]
    if lemma in EVENT_REPORTING_VERBS:
        return bool(objects)
    return lemma in RECEIVING_VERBS and any(o.lemma_.lower() in REPORT_NOUNS for o in objects)


def _accused_by_nobody(sent: Any) -> bool:
    """ "... have been accused of committing serious violations": an accusation with no
    accuser named is a vague source."""
    roots = lemmas(sent.doc)
    for index in range(sent.start, sent.end):
        if roots[index] in ACCUSATION_VERBS:
            t = sent.doc[index]
            if t.tag_ == "VBN" and any(c.dep_ == "auxpass" for c in t.children) \
                    and not any(c.dep_ == "agent" for c in t.children):
                return True
    return False


def _accuses(token: Any) -> bool:
    """"X accused Y of killing 60 civilians": the claim is in the "of" clause."""
    if token.lemma_.lower() not in ("accuse", "blame"):
        return False
    if token.lemma_.lower() == "blame" and any(c.dep_ == "dobj" for c in token.children):
        return True  # "the colonel blamed the militia": the attack put down to someone
    heads = [token] + [c for c in token.children if c.dep_ == "dobj"]
    return any(c.dep_ == "prep" and c.lower_ in ("of", "for")
               for h in heads for c in h.children)


def _classify(head: Any, span: Any, actor_spans: list[tuple[int, int]],
              anonymous: frozenset[str]) -> str:
    if head.pos_ == "PRON":
        if head.lower_ == "it" and _organisation_before(head):
            return "named"  # "which it said": the organisation named before
        return "named" if head.lower_ in NAMED_PRONOUNS else "unnamed"
    located = {t.i for prep in span if prep.dep_ == "prep" and prep.lower_ in LOCATIVE_PREPS
               for t in prep.subtree}
    has_person = any(t.ent_type_ == "PERSON" and t.i not in located for t in span)
    if any(c.dep_ == "appos" and c.pos_ == "PROPN" and c.text[:1].isupper()
           for c in head.children):
        return "named"  # "A resident, Lawal Umaru, said", "Its spokesperson, DSP Nura Musa"
    if any(s <= head.idx < e for s, e in actor_spans):
        return "named"  # the head is itself an actor: "Syrian state media said"
    if _proper_name(head) and head.ent_type_ not in ("NORP", "DATE", "TIME", "CARDINAL"):
        return "named"  # "according to ACLED, a conflict monitoring organisation"
    if head.lower_ in AFFILIATED_HEADS and (_affiliation(head) or any(
            c.dep_ == "poss" and c.lower_ in BODY_HEADS and _named_body(c, span)
            for c in head.children)):  # "the panel's experts", the panel named before
        return "named"  # "observers from the Council of Europe", "analysts at the Lowy Institute"
    if head.lower_ in INSTITUTIONAL_HEADS and any(
            t.ent_type_ in OWNER_LABELS or any(s <= t.idx < e for s, e in actor_spans)
            or t.lower_ in INSTITUTION_HEADS and t.text[:1].isupper()
            for t in span if t.i < head.i):
        return "named"  # "World Bank figures", "Polish military intelligence"
    if head.lower_ in DOCUMENT_NOUNS | {"reports"} and _affiliation(head, AUTHOR_PREPS):
        return "named"  # "A report by the Washington-based Institute for Science ..."
    if head.lower_ in DOCUMENT_NOUNS and _named_document(head):
        return "named"  # "the report said", after "Amnesty International published a report"
    if head.lower_ in BODY_HEADS and _named_body(head, span):
        return "named"  # "the group said" after naming it; "a U.N. panel of experts"
    if head.lower_ in anonymous and not has_person:
        return "unnamed"
    if head.lower_ in EVIDENCE_HEADS and not has_person:
        return "none"  # "the results show": public record, the outlet's own report
    if head.lower_ in SPOKESPERSON_HEADS and (any(
            t.ent_type_ in ("NORP", "GPE", "ORG") for t in span if t.i < head.i)
            or _affiliation(head, SPOKESPERSON_PREPS)):
        # "a Russian military spokesman", "a spokesperson for the European Commission":
        # speaks for a named institution
        return "named"
    if not has_person and any(c.dep_ == "det" and c.lower_ in INDEFINITE for c in head.children):
        return "unnamed"  # "a police officer told ...", "an official said"
    named = has_person or any(t.ent_type_ in NAMED_LABELS and t.i not in located
                              for t in span) or any(
        s < span.end_char and span.start_char < e for s, e in actor_spans) or any(
        (t.lower_ in INSTITUTION_HEADS or t.lower_ in SPEAKING_PLACES) and t.i not in located
        and (t.lower_ not in NAME_ONLY_INSTITUTIONS or t.text[:1].isupper()
             or t.lower_ == "force" and t.i > 0 and t.doc[t.i - 1].lower_ == "air")
        for t in span) or (
        head.lower_ == "military" and any(t.ent_type_ in ("NORP", "GPE") for t in span))
    return "named" if named else "unnamed"


def _affiliation(head: Any, preps: frozenset[str] = AFFILIATION_PREPS) -> bool:
    """Whether a named organisation follows the head as its employer: "analysts at the
    Lowy Institute", "observers from the Council of Europe and the OSCE"."""
    for prep in head.children:
        if prep.dep_ == "prep" and prep.lower_ in preps:
            for obj in prep.children:
                if obj.dep_ == "pobj" and any(
                        t.ent_type_ in ("ORG", "GPE") or t.lower_ in INSTITUTION_HEADS
                        and t.lower_ not in NAME_ONLY_INSTITUTIONS for t in obj.subtree):
                    return True  # "a spokesman for the army", "a statement from the ministry"
    return False


STATEMENT_NOUNS = frozenset({"statement", "communique", "release"})


def _named_document(head: Any) -> bool:
    """Whether "the report" (or "this study") stands for one named before: the same noun in
    an earlier sentence of the text with an organisation or a person beside it."""
    if not any(c.dep_ == "det" and c.lower_ in ("the", "this") for c in head.children):
        return False
    doc = head.doc
    start = head.sent.start
    if head.lower_ in STATEMENT_NOUNS and any(e.label_ == "ORG" and e.end <= start
                                              for e in doc.ents):
        return True  # "The statement said" after "the Ministry of Defence announced"
    for sent in doc.sents:
        if sent.start >= start:
            return False
        if any(t.lower_ == head.lower_ for t in sent) and any(
                e.label_ in ("ORG", "PERSON") for e in sent.ents):
            return True
    return False


def _named_body(head: Any, span: Any) -> bool:
    """Whether a body noun stands for a named organisation: one named beside it ("a U.N.
    panel of experts"), or, after "the", one named in the sentences before ("the group")."""
    if any(t.ent_type_ in ("ORG", "GPE") for t in span if t.i < head.i):
        return True
    if not any(c.dep_ == "det" and c.lower_ in ("the", "this") for c in head.children):
        return False
    doc = head.doc
    return any(e.label_ == "ORG" and e.end <= span.start for e in doc.ents) or any(
        t.pos_ == "PROPN" and t.text[:1].isupper() and t.lower_ in BODY_HEADS | INSTITUTION_HEADS
        and t.i > 0 and doc[t.i - 1].pos_ == "PROPN" for t in doc[:head.sent.start])


def _organisation_before(token: Any) -> bool:
    """Whether an organisation is named in the sentence before ``token`` or the one before it."""
    sent = token.sent
    start = sent.start
    if start > 0:
        start = sent.doc[start - 1].sent.start
    return any(e.label_ == "ORG" and e.start >= start and e.end <= token.i
               for e in sent.doc.ents)


def _depth(token: Any) -> int:
    depth = 0
    while token.head.i != token.i and depth < 50:  # Token objects are made anew on access
        token = token.head
        depth += 1
    return depth

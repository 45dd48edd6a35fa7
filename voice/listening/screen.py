"""Screen anonymised free-text answers for safeguarding concerns.

A pure function on plain strings (stdlib only, with the word lists and the learned model that
ship beside it). It runs after ``anonymise``, so the text may hold placeholders such as
``[name]`` or ``[school]``; a placeholder stands for a person or a place and the rules treat
it that way ("[name] touches me" is a disclosure).

Children disclose indirectly, minimise ("but its fine"), misspell and write in text-speak, and
they often tell about a friend or a sibling. Missing a disclosure is far worse than a false
alarm, so the rules lean towards flagging. What they must not do is flood the DSL's queue with
idioms ("my mum will kill me"), hypotheticals ("if someone hurt me I'd tell a teacher"),
lessons ("we learnt about grooming"), games and news, and wishes for services.

How it works:

1. The text is normalised: lower case, apostrophes dropped ("don't" -> "dont"), runs of one
   letter squeezed ("sooo" -> "so"), and common text-speak and spellings mapped to one form
   ("u" -> "you", "wanna" -> "want to", "no one" -> "nobody"). A map back to the original
   offsets is kept so the reasons are the child's own words.
2. Each rule is a regex over that text for a word family in a personal pattern: a harm verb
   with a personal object ("hits me", "hits my sister", "hits her"), or a harm verb or noun
   with a personal subject just before it ("my friend self harms"), or a phrase that is only
   ever personal ("want to die", "no food at home").
3. Every match then passes guards: negation just before the verb ("nobody hits me"), a
   hypothetical if-clause ("if someone hurt me"), a generic subject ("people who self harm"),
   and lesson, service-wish, game and news cues near the match.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from voice.listening.learned import SPELLINGS, Model, load_model, words

__all__ = ["CATEGORIES", "Screening", "normalise", "screen"]

CATEGORIES: tuple[str, ...] = (
    "suicidal_thoughts",
    "self_harm",
    "sexual_abuse",
    "physical_abuse",
    "domestic_abuse",
    "exploitation",
    "neglect",
    "emotional_abuse",
    "going_missing",
    "substance_misuse",
    "severe_bullying",
)  # most serious first

_RANK: dict[str, int] = {c: i for i, c in enumerate(CATEGORIES)}


@dataclass(frozen=True)
class Screening:
    """The outcome for one answer.

    ``category`` is the most serious matched category; ``categories`` lists every matched
    one, most serious first; ``reasons`` are the short phrases, as written, that matched.
    """

    concern: bool
    category: str | None
    categories: tuple[str, ...]
    reasons: tuple[str, ...]


_NO_CONCERN = Screening(False, None, (), ())


# ---------------------------------------------------------------------------------------
# Normalisation
# ---------------------------------------------------------------------------------------

# Length-preserving: punctuation that joins words becomes a space so "self-harm" and
# "self harm" look alike. Curly apostrophes become straight ones, dropped below.
_SPACES = str.maketrans({"-": " ", "_": " ", "/": " ", "\u2019": "'", "\u2018": "'", "`": "'", "\u02bc": "'"})

# Text-speak and spelling variants mapped to one form, so the rules are written once.
_VARIANTS: dict[str, str] = {
    "u": "you",
    "ya": "you",
    "ur": "your",
    "r": "are",
    "n": "and",
    "wanna": "want to",
    "wana": "want to",
    "wanted to": "wanted to",
    "gonna": "going to",
    "gunna": "going to",
    "gna": "going to",
    "gotta": "got to",
    "coz": "because",
    "cuz": "because",
    "cos": "because",
    "bc": "because",
    "bcos": "because",
    "becos": "because",
    "becuz": "because",
    "becouse": "because",
    "ppl": "people",
    "m8": "mate",
    "m8s": "mates",
    "bf": "boyfriend",
    "gf": "girlfriend",
    "bff": "best friend",
    "mam": "mum",
    "mom": "mum",
    "mummy": "mum",
    "mommy": "mum",
    "mumma": "mum",
    "mams": "mums",
    "moms": "mums",
    "mummys": "mums",
    "mother": "mum",
    "mothers": "mums",
    "daddy": "dad",
    "father": "dad",
    "fathers": "dads",
    "step dad": "stepdad",
    "step mum": "stepmum",
    "step mom": "stepmum",
    "stepmom": "stepmum",
    "step father": "stepdad",
    "stepfather": "stepdad",
    "no one": "nobody",
    "noone": "nobody",
    "no1": "nobody",
    "no body": "nobody",
    "every day": "everyday",
    "evryday": "everyday",
    "evry day": "everyday",
    "everyda": "everyday",
    "every single day": "everyday",
    "my self": "myself",
    "meself": "myself",
    "mself": "myself",
    "myslef": "myself",
    "myslf": "myself",
    "i am": "im",
    "iam": "im",
    "i m": "im",
    "do not": "dont",
    "dnt": "dont",
    "does not": "doesnt",
    "did not": "didnt",
    "can not": "cant",
    "cannot": "cant",
    "will not": "wont",
    "have not": "havent",
    "has not": "hasnt",
    "is not": "isnt",
    "was not": "wasnt",
    "are not": "arent",
    "would not": "wouldnt",
    "abit": "a bit",
    "alot": "a lot",
    "evrytime": "every time",
    "everytime": "every time",
    "some one": "someone",
    "some body": "somebody",
    "any one": "anyone",
    "til": "until",
    "till": "until",
    "pics": "pics",
    "pictures": "pics",
    "picture": "pic",
    "photos": "pics",
    "photo": "pic",
    "piccies": "pics",
    "vids": "videos",
    "vid": "video",
    "snapchat": "snap",
    "instagram": "insta",
    "xanax": "xans",
    "tho": "though",
    "thru": "through",
    "nite": "night",
    "2day": "today",
    "2nite": "tonight",
    "dosnt": "doesnt",
    "doesent": "doesnt",
    "didint": "didnt",
    "dident": "didnt",
    "disapear": "disappear",
    "dissapear": "disappear",
    "dissappear": "disappear",
    "urself": "yourself",
    "yaself": "yourself",
    "theyll": "they will",
}
# Placeholders become one word ("[name]" -> "zzname") so that word boundaries work on them.
_PLACEHOLDERS = "name|school|address|phone|email|handle|url|postcode|dob|id"
# Common misspellings and text-speak of children aged 7-16 ("becos", "wud", "notis", "kms"),
# one word each, mapped to the word meant. Keys that are real words ("hed" may be "he'd") are
# left out. The variants above win where both have a word.
_WORD_VARIANTS: dict[str, str] = SPELLINGS | {k: v for k, v in _VARIANTS.items() if " " not in k}
_PHRASE_RE = "|".join(sorted((re.escape(k) for k in _VARIANTS if " " in k), key=len, reverse=True))
# One pass does all edits: placeholders become one word, phrases map to one form, and each word
# loses its apostrophes, has runs of 3+ of one letter squeezed to one ("sooo", "killl" is then
# "kil", which the rules accept) and is looked up in the word variants.
_NORMALISE = re.compile(rf"\[({_PLACEHOLDERS})\]|\b(?:{_PHRASE_RE})\b|([a-z0-9]+(?:'[a-z0-9]+)*)|'")
_SQUEEZE = re.compile(r"([a-z])\1{2,}")


class _Text:
    """The normalised text plus the map from its offsets back to the original's."""

    __slots__ = ("original", "norm", "_edits", "_starts")

    def __init__(self, original: str) -> None:
        self.original = original
        low = original.lower()
        if len(low) != len(original):  # a few characters lower-case to two; keep offsets true
            low = "".join(c.lower() if len(c.lower()) == 1 else c for c in original)
        low = low.translate(_SPACES)
        parts: list[str] = []
        edits: list[tuple[int, int, int, int]] = []  # (norm start, norm end, orig start, orig end)
        pos = npos = 0
        squeeze = _SQUEEZE.search(low) is not None
        apostrophe = "'" in low
        variants = _WORD_VARIANTS
        for m in _NORMALISE.finditer(low):
            piece = m.group(0)
            if m.lastindex == 2:  # a word: most need no edit
                word = piece
                if apostrophe:
                    word = word.replace("'", "")
                if squeeze and len(word) > 2:
                    word = _SQUEEZE.sub(r"\1", word)
                rep = variants.get(word, word)
                if rep == piece:
                    continue
            elif m.lastindex == 1:
                rep = "zz" + m.group(1)
            elif piece == "'":
                rep = ""
            else:
                rep = _VARIANTS[piece]
            s, e = m.span()
            parts.append(low[pos:s])
            npos += s - pos
            parts.append(rep)
            edits.append((npos, npos + len(rep), s, e))
            npos += len(rep)
            pos = e
        parts.append(low[pos:])
        self.norm = "".join(parts)
        self._edits = edits
        self._starts = [ed[0] for ed in edits]

    def original_span(self, start: int, end: int) -> str:
        return self.original[self._map(start, True) : self._map(end, False)]

    def _map(self, p: int, is_start: bool) -> int:
        i = bisect_right(self._starts, p) - 1
        # An end offset equal to an edit's start belongs to the text before that edit.
        while i >= 0 and not is_start and self._edits[i][0] == p and self._edits[i][1] > p:
            i -= 1
        if i < 0:
            return p
        ns, ne, os_, oe = self._edits[i]
        if p < ne or (p == ne and not is_start and ns < ne):
            return os_ if is_start and p == ns else oe
        return oe + (p - ne)


# ---------------------------------------------------------------------------------------
# Word families. Regex fragments over the normalised text.
# ---------------------------------------------------------------------------------------

_ADULT = (
    r"(?:dad|dads|mum|mums|parents?|stepdad|stepmum|carers?|foster\s+(?:carers?|mum|dad|parents?)|"
    r"nan|nana|nanny|gran|granny|grandma|grandad|granddad|grandpa|uncle|auntie|aunty|aunt|"
    r"teacher|coach|tutor|neighbour|boyfriend|girlfriend|partner|husband|wife|man|men|guy|bloke|"
    r"adult|adults|lodger|babysitter|childminder|leader|landlord|stepbrother|family\s+friend)"
)
_KIN = (
    r"(?:(?:little|big|baby|younger|older|twin|step|half|elder)\s+)?"
    r"(?:brothers?|sisters?|siblings?|bro|sis|cousins?|baby|son|daughter|kids|children)"
)
_FRIEND = r"(?:(?:best|close|girl|boy)\s+)?(?:friends?|mates?|bestie|pal|classmates?|boyfriend|girlfriend)"
_PERSON_NOUN = rf"(?:{_ADULT}|{_KIN}|{_FRIEND})"
# Who a harm is done to: the child, a sibling or a friend, or "her"/"him"/[name].
_VICTIM = (
    rf"(?:me|us|you|myself|her|him|zzname|mum|mam|nan|(?:my|our)\s+(?:{_KIN}|{_FRIEND}|mum|dad|nan|gran|stepmum)|"
    rf"my\s+\w+s\s+(?:{_KIN}|{_FRIEND}))"
)
_OBJ = rf"(?:me|us|her|him|them|zzname|(?:my|our)\s+(?:\w+\s+)?(?:{_KIN}|{_FRIEND}))"
_FREQ = (
    r"(?:everyday|every\s+(?:night|morning|week|weekend|time|lesson)|all\s+the\s+time|constantly|always|"
    r"non\s*stop|most\s+days|daily|every\s+single|a\s+lot|loads|for\s+no\s+reason|again|for\s+hours)"
)

# ---------------------------------------------------------------------------------------
# Rules
# ---------------------------------------------------------------------------------------

# How a rule's match shows it is about a real person:
#   "obj":  the pattern itself ends in a personal object or is only ever personal;
#   "subj": the words just before the match (or its group "v") must be a personal subject.
Classifier = Callable[[str, str], tuple[str, ...]]


@dataclass(frozen=True)
class _Rule:
    categories: tuple[str, ...] | Classifier
    pattern: re.Pattern[str]
    personal: str = "obj"  # "obj" or "subj"
    not_after: re.Pattern[str] | None = None  # text right after the match that cancels it
    not_before: re.Pattern[str] | None = None  # text right before the match that cancels it
    sport_guard: bool = False  # contact words ("kicked", "beat") that sport and play explain
    # Word beginnings (up to five letters) of which every match holds at least one. An answer
    # with none of them skips the rule's regex, which keeps the screen fast on long answers.
    needs: str = ""

    @property
    def starts(self) -> frozenset[str]:
        return _starts_of(self.needs)


@cache
def _starts_of(needs: str) -> frozenset[str]:
    # "sh=" is the whole word "sh"; anything else is a word beginning, cut to five letters.
    return frozenset("=" + w[:-1] if w.endswith("=") else w[:5] for w in needs.split())


def _re(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


_PARTNER = re.compile(r"\b(?:boyfriend|girlfriend|husband|wife|partner|fiance|ex)\b")
_PEER_RE = re.compile(
    r"\b(?:school|zzschool|class|classmates?|year\s+\d+|yr\s*\d+|playground|bus|kids|boys|girls|lads|"
    r"people|bullies|bully|gang|students|pupils|everyone|group|online|group\s+chat|they|them)\b"
)
_PEER_STRONG = re.compile(
    r"\b(?:school|zzschool|class|classmates?|year\s+\d+|yr\s*\d+|playground|bus|kids|boys|girls|lads|"
    r"people|bullies|bully|gang|students|pupils|everyone|group|online|group\s+chat)\b"
)
_MOTHER = re.compile(r"\b(?:mum|nan|gran|stepmum)\b")
_MOTHER_SUBJECT = re.compile(r"\b(?:mum|nan|gran|stepmum)\s+(?:\w+\s+){0,2}$")
_HER_HIM = re.compile(r"\b(?:her|him)\b")
_PASSIVE = re.compile(r"(?:get|gets|got|getting|gotten|was|were|is|are|being|been)\b")
_MUM_VICTIM = re.compile(r"\b\w+\s+(?:my\s+)?(?:mum|nan|gran|stepmum|wife|girlfriend)\b")


def _harm(match: str, clause: str) -> tuple[str, ...]:
    """Physical harm: to a parent by a partner is domestic abuse, by peers it is bullying too."""
    cats: list[str] = []
    to_parent = bool(_MUM_VICTIM.search(match)) or (
        bool(_HER_HIM.search(match)) and bool(_MOTHER.search(clause))
    )
    passive = _PASSIVE.match(match)
    if not to_parent and passive and _MOTHER_SUBJECT.search(clause[: clause.find(match)]):
        to_parent = True  # "my mum got hit by my dad": the mother is the one harmed
    if to_parent or _PARTNER.search(clause):
        # Abuse between partners, or by a parent's partner, is domestic abuse.
        cats.append("domestic_abuse")
        if re.search(r"\b(?:me|us|i|im|ive|you|my\s+(?:little|big|brother|sister))\b", clause):
            cats.append("physical_abuse")
    else:
        cats.append("physical_abuse")
        if _PEER_RE.search(clause) and not re.search(
            r"\b(?:dad|mum|parents?|stepdad|stepmum|carers?|uncle|nan|grandad|boyfriend)\b", clause
        ):
            cats.append("severe_bullying")
    return tuple(cats)


_MAKES_FEEL = re.compile(r"ma(?:ke|kes|de|king)\s+\w+\s+feel\b")
_AGENT = re.compile(rf"\b(?:he|she|they|zzname|{_PERSON_NOUN}|people|everyone|kids|boys|girls)\b")


def _hurtful(match: str, clause: str) -> tuple[str, ...]:
    """Insults, threats and fear: from a carer it is emotional abuse, from peers bullying."""
    adult = bool(
        re.search(
            r"\b(?:dad|dads|mum|mums|parents?|stepdad|stepmum|carers?|uncle|auntie|nan|gran|grandad|"
            r"grandma|boyfriend|girlfriend|partner|family|home|house)\b",
            clause,
        )
    )
    peer = bool(_PEER_STRONG.search(clause))
    if _MAKES_FEEL.match(match) and not _AGENT.search(clause[: clause.find(match)]):
        return ()  # "school makes me feel stupid" names no one
    if adult and not peer:
        return ("emotional_abuse",)
    if peer and not adult:
        return ("severe_bullying",)
    return ("emotional_abuse", "severe_bullying")


_DOMESTIC_CUE = re.compile(
    r"\b(?:mum|mums|her|she|drink\w*|drunk|fight\w*|argu\w*|row\w*|partner|boyfriend|police|shout\w*|"
    r"scream\w*|smash\w*)\b"
)


def _fear(match: str, clause: str) -> tuple[str, ...]:
    """Fear of a carer or of home: emotional abuse, and a sign of violence at home."""
    cats = _hurtful(match, clause)
    if "emotional_abuse" not in cats:
        return cats
    extra = ["physical_abuse"]
    if _DOMESTIC_CUE.search(clause):
        extra.append("domestic_abuse")
    return (*cats, *extra)


_SUICIDAL = ("suicidal_thoughts",)
_SELF_HARM = ("self_harm",)
_SEXUAL = ("sexual_abuse",)
_DOMESTIC = ("domestic_abuse",)
_EXPLOIT = ("exploitation",)
_NEGLECT = ("neglect",)
_EMOTIONAL = ("emotional_abuse",)
_MISSING = ("going_missing",)
_SUBSTANCE = ("substance_misuse",)
_BULLYING = ("severe_bullying",)

_KILLSELF = (
    r"(?:kill?|kll|kil+ing|killing|killed|kiling)\s*(?:herself|himself|themselves|themself)|"
    r"s(?:u|ui|iu|oo|ue)[cs]+i?d(?:e|al|es)?\w*"
)
# Only ever about the writer, so no subject is needed.
_KILLMYSELF = (
    r"\b(?:kill?|kll|kil+ing|killing|kiling|killd)\s*(?:myself|my\s*self)|\bkms\b|\bunalive\w*|\bsewer\s*slide"
)
_DIE = (
    r"(?:die|died|be\s+dead|dead|gone|(?:go\s+to\s+)?sleep\s+and\s+(?:never|not)\s+wake\s+up|dying|being\s+dead|not\s+waking\s+up|never\s+waking\s+up|"
    r"not\s+being\s+(?:here|alive|around)|not\s+(?:exist|be\s+here|be\s+alive|wake\s+up|be\s+born)|never\s+wake\s+up|"
    r"not\s+have\s+been\s+born|never\s+(?:have\s+)?been\s+born|sleep\s+forever|disappear\s+forever|"
    r"stop\s+existing|end\s+(?:it\s+all|(?:my|her|his|their)\s+(?:own\s+)?li(?:fe|ves)|everything|things|it)|"
    r"take\s+(?:my|her|his|their)\s+(?:own\s+)?li(?:fe|ves)|"
    r"jump\s+(?:off|in\s+front\s+of)\s+\w+|hang\s+myself|overdose|od|be\s+gone|disappear|"
    r"(?:wasnt|werent|wasn|weren)\s+(?:born|here|alive|around|about)|(?:was|were)\s+(?:dead|gone|never\s+born)|"
    r"(?<=didnt\s)exist|(?:had|hadnt)\s+(?:never\s+)?been\s+born)"
)

_RULES: tuple[_Rule, ...] = (
    # --- suicidal thoughts ---------------------------------------------------------------
    _Rule(
        _SUICIDAL,
        _re(_KILLMYSELF),
        not_after=_re(r"^\s*(?:laughing|lol\s+jk)"),
        not_before=_re(
            r"(?:tell|tells|told|telling|say|says|said|saying|messag\w+|text\w*)\s+(?:me\s+)?(?:that\s+)?"
            r"(?:to|i\s+should|i\s+need\s+to|i\s+ought\s+to)?\s*(?:just\s+)?(?:go\s+)?$"
        ),
        needs="kil kll kms unaliv sewer",
    ),
    _Rule(
        _SUICIDAL,
        _re(_KILLSELF),
        "subj",
        not_after=_re(r"^\s*(?:laughing|squad|prevention|awareness|lol\s+jk)"),
        # "they tell me to kill myself" is bullying (its own rule), not the child's thought.
        not_before=_re(r"(?:tell|tells|told|telling|say|says|said|saying)\s+(?:me\s+)?(?:to\s+)?(?:go\s+)?$"),
        needs="kil kll suc sus sui siu soo sue",
    ),
    _Rule(
        _SUICIDAL,
        _re(
            r"\b(?:wants?|wanted|wanting|wish|wishes|wishing|wished|ready|going|plan|planning|planned|tempted|"
            r"tried|try|trying|should|thinking\s+(?:about|of)|talk\w*\s+(?:about|of)|saying\s+(?:about|that\s+(?:she|he)\s+"
            r"(?:wants|will|might)\s+to)|think\s+(?:about|of)|thought\s+(?:about|of)|"
            r"thoughts\s+(?:about|of)|urge\s+to|urges\s+to|feel\s+like|felt\s+like|rather|deserve|hope|"
            r"hoping|pray|praying|might|about)\s+(?:to\s+)?(?:i\s+(?:could|would|had|did|didnt|hadnt)\s+)?"
            r"(?:i\s+(?=was|were|wasnt|werent))?(?:just\s+|really\s+|literally\s+|actually\s+)?"
            rf"(?:{_DIE}|dying|ending\s+(?:it|(?:my|her|his|their)\s+(?:own\s+)?li(?:fe|ves)|things|everything)|"
            r"killing\s+myself|taking\s+my\s+(?:own\s+)?life)\b"
        ),
        not_after=_re(
            r"^\s*(?:than\b|of\s+(?:embarrassment|laughter|laughing|boredom|shame|cringe)|laughing|(?:my|her|his)\s+hair|"
            r"(?:it|them)\s+(?:pink|blue|red|green|purple|black|blonde|brown)|"
            r"with\s+(?:him|her|them|my|zzname)|school|the\s+(?:lesson|day|week|term)|at\s+school|"
            r"in\s+(?:this|my)\s+(?:lesson|class|school|town|country))"
        ),
        needs=(
            "die died dead gone aroun dyin wake waki exis aliv born slee disa end endi take taki jump hang "
            "over od kill here stop dying"
        ),
    ),
    _Rule(
        _SUICIDAL,
        _re(
            r"\b(?:dont|didnt|never|no\s+longer|not|dont\s+really|do\s+not)\s+(?:even\s+|really\s+)?"
            r"(?:want|wanna|wish|feel\s+like|see\s+the\s+point\s+in|see\s+a\s+reason\s+to)\s+(?:to\s+)?"
            r"(?:live|living|be\s+alive|exist|existing|be\s+here|wake\s+up|carry\s+on|go\s+on|be\s+around)\b"
        ),
        not_after=_re(r"^\s*(?:at|in|with|near|round|around)\s+(?!all\b|any)"),
        needs="live livi aliv exis here wake carr go around",
    ),
    _Rule(
        _SUICIDAL,
        _re(
            r"\b(?:better\s+off|happier|easier|better)\s+(?:\w+\s+){0,2}?(?:without\s+me|if\s+i\s+(?:wasnt|werent|"
            r"was\s+gone|was\s+dead|died|didnt\s+exist|wasnt\s+(?:here|around|alive)|was\s+never\s+born))|"
            r"\bbetter\s+off\s+(?:without\s+me|dead|if\s+i\s+(?:was|were|wasnt|werent|wasnt|died|was\s+gone|"
            r"didnt\s+exist|was\s+never)|with\s+me\s+gone|gone)|"
            r"\b(?:stand\w*|stood)\s+(?:near|on|by|at)\s+(?:the\s+)?(?:train\s+tracks|railway|tracks|edge\s+of|bridge|roof)|"
            r"\bno\s+point\s+(?:anymore|any\s+more|in\s+anything|in\s+trying|to\s+anything|to\s+life)|"
            r"\b(?:feel|felt|feeling)\s+like\s+(?:there\s+is|theres)\s+no\s+point\b|"
            r"\btook\s+(?:\d+|loads|lots|a\s+bunch|a\s+load|all)\s+(?:of\s+)?(?:\w+\s+)?(?:pills|tablets|paracetamol|"
            r"painkillers|ibuprofen)|"
            r"\bno\s+(?:point|reason)\s+(?:in\s+|of\s+)?(?:me\s+)?(?:living|to\s+live|being\s+alive|to\s+be\s+alive|"
            r"going\s+on|carrying\s+on|to\s+carry\s+on|to\s+go\s+on|in\s+life|to\s+be\s+here|being\s+here|"
            r"me\s+being\s+here)|\bwhats\s+the\s+point\s+(?:in|of)\s+(?:living|life|being\s+alive|me|going\s+on)|"
            r"\blife\s+(?:is|isnt|aint|is\s+not)\s+(?:not\s+)?worth\s+(?:living|it)|"
            r"\b(?:my\s+)?life\s+is\s+(?:pointless|meaningless|over)|"
            r"\bcant\s+(?:go\s+on|carry\s+on|do\s+this\s+anymore|cope\s+anymore|take\s+(?:it|this)\s+anymore|"
            r"keep\s+going)|"
            r"\b(?:nobody|none\s+of\s+them|they|no\s+one)\s+would\s+(?:care|notice|miss\s+me|even\s+notice)\s+"
            r"if\s+i\s+(?:died|was\s+gone|disappeared|wasnt\s+here|was\s+dead|left|killed)|"
            r"\bif\s+i\s+(?:died|was\s+gone|disappeared|was\s+dead)\s+(?:nobody|no\s+one)\s+would|"
            r"\b(?:suicide|goodbye)\s+(?:note|letter)|\bwrote\s+a\s+(?:note|letter)\s+to\s+say\s+goodbye|"
            r"\btook\s+(?:an\s+)?overdose|\boverdosed|\b(?:slit|slitting)\s+my\s+wrists|\bnoose\b|"
            r"\b(?:dark|bad|intrusive)\s+thoughts\s+about\s+(?:dying|death|ending)|"
            r"\bthink\w*\s+about\s+(?:dying|death|being\s+dead|not\s+being\s+here)\b|"
            r"\btook\s+(?:a\s+load\s+of|loads\s+of|all\s+(?:my|the)|a\s+bunch\s+of|too\s+many|a\s+lot\s+of)\s+"
            r"(?:pills|tablets|paracetamol)"
        ),
        needs=(
            "bett happ easi poin reas life wort cant woul died gone disa dead note lett wrot over stood "
            "slit noose thou death dyin took stan here"
        ),
    ),
    # --- self-harm -----------------------------------------------------------------------
    _Rule(
        _SELF_HARM,
        _re(
            r"\b(?P<v>cut|cuts|cutting|cutted|slice|slicing|slit|burn|burns|burnt|burned|burning|scratch|"
            r"scratches|scratching|scratched|hurt|hurts|hurting|harm|harms|harming|harmed|hit|hits|hitting|"
            r"punch|punches|punching|bang|banging|starve|starving|starved|bite|biting|carve|carving|carved|"
            r"stab|stabbing|punish|punishing|pinch|pinching)\s+(?:myself|yourself|herself|himself|themselves|themself|"
            r"(?:my|her|his|their)\s+(?:arms?|wrists?|legs?|thighs?|skin|stomach|tummy|body|hips?|self))\b"
        ),
        "subj",
        not_after=_re(
            r"^\s*(?:(?:by\s+)?accident|playing|at\s+(?:football|rugby|pe|the\s+park|training)|"
            r"in\s+(?:pe|football|rugby|training|a\s+match|the\s+game)|shaving|cooking|on\s+(?:a|the)\s+"
            r"(?:oven|cooker|iron|stove|hob|trampoline|glass|fence|knife)|when\s+i\s+fell|falling|doing\s+\w+\s+"
            r"(?:at|in)\s+pe|up\s+about|out\s+of)"
        ),
        needs=(
            "cut cuts slic slit burn scra hurt harm hit hits punc bang star bite biti carv stab puni "
            "pinc"
        ),
    ),
    _Rule(
        _SELF_HARM,
        _re(r"\b(?P<v>self\s*harm\w*|sh(?=\s+(?:again|scars|urges?))|slef\s*harm\w*|self\s*injur\w*|sh\s+ing)"),
        "subj",
        needs="self slef sh=",
    ),
    _Rule(
        _SELF_HARM,
        _re(
            r"\b(?:on\s+purpose|deliberately)\s+(?:hurt|cut|burn|harm)|\b(?:hurt|cut|burn|harm|scratch)\w*\s+"
            r"(?:\w+\s+){0,2}on\s+purpose|\b(?:scratch|pick|bite|pull|cut|dig)\w*\s+(?:\w+\s+){0,4}"
            r"(?:until|so)\s+(?:it|they|i|my\s+\w+)\s+(?:bleeds?|bled|bleeding|start\s+bleeding|hurts)|"
            r"\b(?:urge|urges|want|wanting|tempted|started|start|been|keep|kept|still|relapsed|back\s+to|used|use)\s+"
            r"(?:to\s+)?cut(?:ting)?\b(?!\s+(?:my|the|his|her|your|it|them|out|down|up|off|in|class|school))|"
            r"\b(?:sh|self\s*harm|cutting|cut)\s+urges?|\b(?:i|to|ive|been|stopped|started)\s+sh\b|"
            r"\b(?:my\s+(?:arms?|legs?|wrists?|skin|body|hands?|face|head|stomach|thighs?|knuckles|fists?)|myself)(?:\s+\w+){0,4}\s+"
            r"(?:on\s+purpose|deliberately)|\bdig\w*\s+(?:my\s+)?nails\s+in|\bcutting\s+again\b|\b(?:my|the)\s+scars\b|"
            r"\b(?:hide|hiding|cover|covering)\s+(?:my|the)\s+(?:arms|wrists|cuts|scars|marks|legs)|"
            r"\b(?:bang|bangs|banging|hit|hits|hitting|smash\w*)\s+my\s+head\s+(?:against|on|into)\s+(?:the\s+)?"
            r"(?:wall|walls|floor)|\b(?:cuts|scars|slices)\s+(?:on|all\s+over|up|down)\s+(?:my|her|his)\s+(?:arms?|"
            r"wrists?|legs?|thighs?|stomach|body|hips?)|\bmake\s+myself\s+(?:sick|throw\s+up|bleed)|\bstarv\w+\s+myself|\b(?:a|the|my)\s+(?:blade|razor)s?\b"
        ),
        not_after=_re(r"^\s*(?:in\s+(?:the|a)\s+(?:film|game|video)|on\s+the\s+(?:bus|tv))"),
        needs=(
            "purp deli blee cut cuts hide hidi cove scar make star blad razo bang hit hits smas sh= "
            "self urge urges dig slic"
        ),
    ),
    # --- sexual abuse --------------------------------------------------------------------
    _Rule(
        _SEXUAL,
        _re(
            rf"\b(?P<v>touch|touches|touched|touching|touchin|grope|gropes|groped|groping|fondl\w+|"
            rf"feel\s+up|feels\s+up|felt\s+up|molest\w*)\s+(?:me|us|her|him|zzname|"
            rf"(?:my|our)\s+(?:{_KIN}|{_FRIEND})|my\s+\w+s\s+(?:{_KIN}|{_FRIEND})|"
            r"(?:me\s+|her\s+|him\s+)?(?:my|her|his|their)\s+(?:private|privates|body|bum|boobs|chest|breasts?|"
            r"legs?|thighs?|crotch|willy|penis|vagina|fanny|bits|area|parts))\b"
        ),
        not_after=_re(r"^\s*(?:with\s+(?:me|us)|base|stuff|things|phone|xbox)"),
        not_before=_re(r"\bin\s+$"),
        needs="touc grop fond feel felt mole",
    ),
    _Rule(
        _SEXUAL,
        _re(
            r"\b(?:touch\w*|grab\w*|feel\w*|felt|show\w*|flash\w*|rub\w*|stroke\w*|kiss\w*|look\w*\s+at|"
            r"film\w*|pics?\s+of|videos?\s+of|put\w*\s+his\s+hands?)\s+(?:\w+\s+){0,4}?"
            r"(?:privates?|private\s+(?:parts?|areas?|bits|places?)|down\s+there|genitals|willy|penis|"
            r"vagina|fanny|dick|cock|pussy|boobs|breasts|crotch|under\s+my\s+(?:clothes|skirt|top|shirt)|"
            r"inappropriately|where\s+(?:i|you|we)\s+(?:shouldnt|dont|didnt)|in\s+(?:places|a\s+(?:bad|weird|"
            r"wrong|funny|sexual|private)\s+way))"
        ),
        needs="touc grab feel felt show flas rub rubs stro kiss look film pic pics vide put puts",
    ),
    _Rule(
        _SEXUAL,
        _re(
            r"\b(?:makes?|made|making|forces?|forced|forcing|pressur\w+|gets?|got|wants?|wanted|tries|tried|"
            rf"trying)\s+{_OBJ}\s+(?:to\s+)?(?:do|doing|try)\s+(?:\w+\s+)?(?:things|stuff|something|"
            r"sexual|sex)\b(?!\s+(?:for|like|around|at|with\s+my\s+homework|about\s+the\s+house))"
        ),
        not_after=_re(r"^\s*(?:for\s+school|around\s+the\s+house|at\s+home\s+like|like\s+(?:chores|homework|tidy))"),
        needs="thing stuf somet sex sexua",
    ),
    _Rule(
        _SEXUAL,
        _re(
            r"\b(?:things|stuff)\s+(?:i|she|he|we)\s+(?:dont|didnt|doesnt)\s+(?:want|like|wanna)\b"
            r"(?=.{0,60}\b(?:he|she|they|him|her|uncle|dad|stepdad|man|boyfriend|[a-z]+s\s+(?:dad|boyfriend)"
            r"|cousin|brother|coach|zzname)\b)|"
            r"\b(?:he|she|they|zzname|uncle|stepdad|dad|man|boyfriend|cousin|brother|coach)\s+(?:\w+\s+){0,3}"
            r"(?:makes?|made|forces?|forced)\s+(?:me|her|him|us)\s+(?:do\s+)?(?:things|stuff)\b"
        ),
        needs="thing stuf make made forc",
    ),
    _Rule(
        ("sexual_abuse", "exploitation"),
        _re(
            r"\b(?:sends?|sent|sending|asks?|asked|asking|wants?|wanted|pressur\w+|makes?|made|forc\w+|begs?|"
            r"begged|begging|keeps?\s+asking|kept\s+asking|request\w*|told|tells)\s+"
            rf"(?:{_OBJ}\s+)?(?:\w+\s+){{0,3}}?(?:nudes?|noods?|naked|dick\s+pics?|d\s+pics?|"
            r"(?:rude|explicit|sexual|sexy|dirty|inappropriate|private|naughty)\s+(?:pics?|images?|videos?|"
            r"selfies?|messages?|snaps?|things|stuff)|pics?\s+of\s+(?:my|her|his)\s+(?:body|privates|boobs)|"
            r"(?:pics?|videos?|selfies?)\s+(?:with(?:out)?\s+(?:my|her|any)\s+(?:clothes|top))|"
            r"(?:take|send)\s+(?:my|her|his)\s+(?:top|clothes)\s+off)"
        ),
        "subj",
        needs="nude nood nake dick pic pics imag vide self mess snap thing stuf top clot",
    ),
    _Rule(
        _SEXUAL,
        _re(
            r"\b(?P<v>rape|raped|raping|rapes|rapist|sexually\s+(?:abused|assaulted|touched|harassed|"
            r"abusing|assaulting)|sexual\s+(?:abuse|assault)|sexually|molested|assaulted\s+(?:me|her)|"
            r"incest|pedo|paedo|paedophile|pedophile|nonce)\b"
        ),
        "subj",
        needs="rape rapi rapis sexu mole ince pedo paed nonc assa",
    ),
    _Rule(
        _SEXUAL,
        _re(
            rf"\b(?:{_ADULT}|he|brother|cousin|stepbrother|zzname)\s+(?:\w+\s+){{0,4}}?"
            r"(?:sleeps?|slept|sleeping|gets?|got|getting|comes?|came|coming|climbs?|climbed|crawls?)\s+"
            r"(?:in|into)\s+(?:bed\s+with\s+(?:me|her)|(?:my|her|his)\s+(?:bed|room\s+at\s+night))|"
            r"\b(?:have|had|having)\s+sex\s+with\s+(?:me|her|him)|\bflash(?:ed|es|ing)?\s+(?:me|us|her|him|at)\b|"
            r"\b(?:was|were|been|get|got|being|am|im)\s+(?:made|forced|pressured|pressurised)\s+(?:to|into)\s+"
            r"(?:have\s+sex|do\s+(?:sexual|things|stuff)|sleep\s+with|send\s+nudes|touch|do\s+it)|"
            rf"\b(?:{_ADULT}|older|stranger|someone|he|they|zzname)\s+(?:\w+\s+){{0,3}}?(?:asks?|asking|asked|wants?|"
            r"wanted|begs?|begging|keeps\s+asking)\s+(?:me|her|him|us)\s+(?:for|to\s+send)\s+(?:\w+\s+)?"
            r"(?:pics?|videos?|selfies?|snaps?)\b(?!\s+of\s+(?:the|my\s+(?:homework|work|dog|cat)))|"
            r"\b(?:forc\w+|made|make|makes|pressur\w+|wants?|wanted|tried|tries|tells?|told|asks?|asked)\s+"
            r"(?:me|her|him|us|zzname)\s+(?:to\s+|into\s+)?(?:have\s+sex|having\s+sex|sleep\s+with|do\s+sexual|"
            r"touch\s+(?:him|her|his|it)|suck|give\s+him|kiss\s+him|get\s+naked|undress)|"
            r"\b(?:grab\w*|squeez\w*|pinch\w*|slap\w*|smack\w*|touch\w*|feel\w*|felt|rub\w*|stroke\w*)\s+"
            r"(?:my|her|his)\s+(?:bum|arse|ass|boobs|breasts?|chest|crotch|privates|thighs?)|"
            r"\b(?:shows?|showed|showing|makes?\s+me\s+watch|made\s+me\s+watch)\s+(?:me|us|her)?\s*"
            r"(?:porn|naked|rude|sexual|adult\s+videos|his\s+(?:privates|willy|penis|dick|thing))|"
            r"\bwatch\s+porn\s+with\s+(?:me|him|her|us)|\bexposed\s+himself|"
            r"\b(?:get|gets|got|getting|been|being|was|were)\s+(?:\w+\s+)?(?:touched|groped|molested|fondled|raped|"
            r"flashed)\b(?!\s+by\s+(?:a|the)\s+ball)|"
            r"\b(?:watch\w*|looks?\s+at|stares?\s+at|films?|filmed|record\w*|spies\s+on|spy\w*\s+on|peeps?\s+at|"
            r"comes?\s+in\s+when)\s+(?:me|her|him|us)?\s*(?:\w+\s+){0,3}?(?:in\s+the\s+(?:shower|bath)|"
            r"(?:get|getting|when\s+im|while\s+im)\s+(?:changed|changing|undressed|naked|dressed|in\s+the\s+"
            r"(?:shower|bath))|naked|undress\w*)|"
            r"\b(?:tries|tried|trying|wants?|wanted|keeps?|kept)\s+(?:to\s+)?kiss(?:ing)?\s+(?:me|her|him)\b|"
            r"\b(?:does|do|did|doing)\s+(?:stuff|things|something|bad\s+things|weird\s+things|sexual\s+things)\s+"
            r"to\s+(?:me|her|him|us|zzname)\b|"
            r"\b(?:made|makes|make|forced|forces|pressur\w+|blackmail\w*)\s+(?:me|her|him)\s+(?:to\s+|into\s+)?send\w*\s+"
            r"(?:\w+\s+)?(?:pics?|videos?|selfies?)|"
            r"\b(?:kiss\w*|cuddl\w*|hug\w*|strok\w*|rub\w*|touch\w*|looks?\s+at|stares?\s+at|watch\w*)\s+"
            r"(?:me|her)\b[^.!?]{0,60}\b(?:uncomfortable|dont\s+like\s+it|weird|wrong|creepy|scared|"
            r"doesnt\s+feel\s+right|not\s+right|when\s+im\s+(?:changing|in\s+the\s+(?:bath|shower)))"
        ),
        needs=(
            "slee slep bed room sex flas made forc pres pic pics vide self snap touc grop mole fond "
            "rape show bath chang undr nake dres porn rude sexu priv willy peni dick expo bum arse "
            "ass boob brea ches crot thig kiss unco weir wron cree scar right does do= did= doing"
        ),
    ),
    # --- physical and domestic abuse -----------------------------------------------------
    _Rule(
        _harm,
        _re(
            r"\b(?P<v>hits?|hitting|hitt|beats?|beating|batters?|battered|battering|kicks?|kicking|punch|"
            r"punches|punched|punching|slaps?|slapped|slapping|smacks?|smacked|smacking|whacks?|whacked|"
            r"whacking|strangl\w+|chok(?:e|es|ed|ing)|throttl\w+|belts?|belted|belting|bash(?:es|ed|ing)?|"
            r"thumps?|thumped|thumping|headbutt\w*|stamp\w*\s+on|spits?\s+on|spat\s+on|burn(?:s|t|ed)?|"
            r"hurts?|hurting|attacks?|attacked|attacking|stabs?|stabbed|shoves?|shoved|shoving|"
            r"(?:throws?|chucks?|chucked|lobs?|lobbed)\s+(?:\w+\s+)?(?:\w+\s+)?at|threw\s+(?:\w+\s+)?(?:\w+\s+)?at|lays?\s+(?:a\s+)?hands?\s+on|"
            r"laid\s+(?:a\s+)?hands?\s+on|beat|hit|kicked|pushes|pushed|pushing|push|pinch\w*|grabs?|grabbed|"
            rf"drags?|dragged|dragging|bit|bites|biting|scratches|scratched|abuses?|abused|abusing|tortur\w+)\s+{_VICTIM}\b"
        ),
        not_after=_re(
            r"^\s*(?:up\b(?!\s+(?:every|all|at|in|after|and|when|on|because|for|so|really|badly|again)))"
            r"|^\s*(?:at\s+(?!home|school|night|the\s+(?:weekend|house))|in\s+(?:a\s+|the\s+)?"
            r"(?:race|game|match|fifa|fortnite|chess|football|argument|debate)|to\s+(?:it|do|be|try|work|get|revise|"
            r"study|keep|achieve|improve|succeed|go\s+to\s+(?:school|college|uni))\b|with\s+(?:a|the)\s+"
            r"(?:ball|question|text|message)|back\s+to\s+back|\d|that\b|how\b|like\s+a\s+(?:truck|ton))"
        ),
        not_before=_re(
            r"(?:\b(?:i|we|it|ball|car|that|this|reality|what|which|wave|song|feeling|words|knee|leg|back|head|"
            r"arm|tummy|stomach|eyes|chest|teeth|tooth|i\s+\w+|we\s+\w+)|\b(?:really|just|kinda|suddenly)\s+"
            r"(?:it|that)|\b(?:dont|doesnt|didnt|wont|never|to)\s+(?:\w+\s+)?(?:it|that))\s+$"
        ),
        sport_guard=True,
        needs=(
            "hit hits hitt beat batt kick punc slap smac whac stra chok thro belt bash thum head stam "
            "spit spat burn hurt atta stab shov chuc lob lobs lobbe threw hand laid lay lays push "
            "pinc grab drag drags bit bite biti scra abus tort"
        ),
    ),
    _Rule(
        _harm,
        _re(
            r"\b(?P<v>(?:get|gets|got|getting|gotten|was|were|am|im|is|are|being|been|be)\s+"
            r"(?:\w+\s+)?(?:hit|beaten|beat|kicked|punched|slapped|smacked|battered|strangled|choked|whacked|"
            r"belted|attacked|stabbed|jumped|assaulted|abused|beaten\s+up|beat\s+up|thrown\s+\w+|pushed\s+"
            r"(?:over|down|around|about)|hurt\s+by|physically\s+abused|burnt|burned))\b"
        ),
        "subj",
        not_after=_re(
            r"^\s*(?:out\b|by\s+(?:a|the)\s+(?:ball|car|bike|bus|door|wave)|in\s+(?:pe|football|rugby|the\s+game|"
            r"a\s+game|the\s+film|fortnite)|at\s+(?:football|rugby|fifa|chess)|playing|on\s+the\s+head\s+by\s+a\s+"
            r"ball|\d|by\s+my\s+(?:sister|brother)\s+at|with\s+(?:a|the)\s+ball|in\s+the\s+(?:final|semi))"
        ),
        sport_guard=True,
        needs=(
            "hit beat kick punc slap smac batt stra chok whac belt atta stab jump assa abus thro push "
            "hurt phys burn"
        ),
    ),
    _Rule(
        _harm,
        _re(
            r"\b(?:beat|beats|beating|beaten|batter\w*)\s+(?:the\s+(?:shit|crap|hell)\s+out\s+of\s+)?"
            rf"{_VICTIM}\s+up\b|\bbeat\s+up\b|\bbeats\s+up\b|\bleaves?\s+(?:me\s+|her\s+|him\s+|us\s+)?"
            r"(?:with\s+)?(?:bruises|marks|a\s+black\s+eye|black\s+eyes|cuts)|"
            rf"\b(?:throw\w*|threw|slam\w*|pin\w*|shov\w*|push\w*|drag\w*|chuck\w*)\s+{_VICTIM}\s+(?:against|into|"
            r"onto|on\s+the\s+(?:floor|ground|bed)|down\s+the\s+stairs|across|up\s+against|to\s+the\s+(?:floor|ground))|"
            r"\b(?:hide|hiding|cover\w*)\s+(?:up\s+)?(?:my|the|her|his)\s+(?:bruises|black\s+eye|injuries)|"
            rf"\b(?:he|she|they|zzname|{_ADULT}|brother|sister)\s+(?:\w+\s+)?(?:slam\w*|smash\w*|bang\w*|hit\w*|push\w*|"
            r"shov\w*|throw\w*|threw)\s+(?:my|her|his)\s+(?:head|face)\s+(?:into|against|on|off)\b|"
            r"\bif\s+(?:i|you|she|he)\s+(?:ever\s+)?(?:tell|tells|told|say|said|speak|go\s+to|report)\b[^.!?]{0,40}?\b"
            r"(?:kill|hurt|hit|beat|stab|batter|get|smash)\s+(?:me|you|us|her|him|my\s+\w+)\b|"
            r"\b(?:pull\w*|yank\w*|drag\w*)\s+(?:me\s+)?(?:by\s+)?(?:my|her|his|zznames?)\s+(?:\w+\s+)?hair|"
            r"\b(?:black\s+eye|bruises|bruised|marks|cuts|burns?|injur\w+|a\s+broken\s+\w+)\s+(?:\w+\s+){0,3}?"
            r"(?:from|because\s+of|cause\s+of|off)\s+(?:my|our|her|his|him|them|zzname)\b|"
            r"\b(?:gave|gives|give|left)\s+(?:me|her|him|us|my\s+\w+)\s+(?:\w+\s+)?(?:bruises|a\s+black\s+eye|"
            r"black\s+eyes|a\s+nosebleed|a\s+fat\s+lip|marks)|\bbruises\s+(?:\w+\s+){0,4}?from\s+(?:my|her|his|"
            r"him|them|zzname)\b(?!\s+(?:playing|football|pe|rugby))|\bwith\s+(?:a|his|her|the)\s+(?:belt|slipper|wooden\s+spoon|stick|cable|"
            r"wire|shoe|hand)\s+(?:when|if|because|every)|\bviolent\s+(?:to|towards|with)\s+(?:me|us|her|"
            r"him|my\s+\w+)|\b(?:violent|rough|aggressive|physical)\s+(?:with|to|towards)\s+(?:me|us|her|him|my\s+\w+)|"
            r"\b(?:gets|get|is|was|can\s+be|becomes)\s+(?:really\s+|so\s+|very\s+)?"
            r"(?:violent|physical|aggressive|rough)\s+(?:with|to|towards|when)\b|"
            r"\b(?:threaten\w*|said\s+(?:he|she|they)\s*(?:d|would|will|was\s+going\s+to|is\s+going\s+to|ll)|"
            r"says\s+(?:he|she|they)\s*(?:ll|will|would|d)|tried|tries|trying|wants)\s+(?:to\s+)?"
            r"(?:kill|stab|hurt|hit|beat|batter|strangle|choke|smash)\s+"
            rf"{_VICTIM}|"
            r"\b(?:threw|throws?|chuck\w*|lob\w*|hurl\w*)\s+(?:\w+\s+){1,2}at\s+(?:my\s+(?:head|face))"
        ),
        sport_guard=True,
        needs=(
            "beat batt brui mark blac cuts cut leav left gave give nose lip belt slip wood stic cabl "
            "wire shoe hand viol roug aggr phys thre kill stab hurt hit chok stra smas pull yank drag "
            "hair burn inju brok thro slam pin pinn shov push chuc head face lob lobs lobbe hurl"
        ),
    ),
    _Rule(
        _harm,
        _re(
            r"\b(?P<v>(?:gets|get|got|becomes|became|turns|goes|is|was|can\s+be|being)\s+(?:really\s+|so\s+|very\s+|"
            r"quite\s+|a\s+bit\s+)?(?:violent|physical\s+with|aggressive\s+with))\b"
        ),
        "subj",
        needs="viol phys aggr",
    ),
    _Rule(
        ("physical_abuse", "emotional_abuse"),
        _re(
            r"\b(?P<v>(?:abus(?:e|ed|ive|es|ing)|mistreat\w*|ill\s+treat\w*)(?:\s+(?:me|us|her|him|my\s+\w+|home|"
            r"relationship|family|household|dad|mum|parents?|stepdad|boyfriend))?|being\s+abused|been\s+abused)\b"
        ),
        "subj",
        needs="abus mist ill trea",
    ),
    _Rule(
        _DOMESTIC,
        _re(
            r"\b(?:parents|(?:mum|dad)\s+and\s+(?:my\s+|her\s+|his\s+)?\w+|they)\s+(?:\w+\s+){0,2}?(?:fight|fights|"
            r"fighting|fought|row|rows|rowing|argue|argues|arguing|argued|scream\w*|shout\w*|go\s+at\s+each\s+other|"
            r"(?:had|have|has|get\s+into|got\s+into)\s+(?:a\s+|big\s+|massive\s+)*(?:fights?|rows?|arguments?))\b"
            r"(?=[^.!?]{0,80}\b(?:police|violent|violence|hit|hits|hitting|throw\w*|threw|smash\w*|broke|break\w*|"
            r"blood|scared|scary|hide|hiding|cry|crying|knife|knives|hurt|ambulance|bruise\w*|punch\w*|"
            r"holes\s+in|terrified|frightened|cops|999|hospital|injur\w*|push\w*|shov\w*|grab\w*))|"
            r"\bpolice\s+(?:\w+\s+){0,2}?(?:came|come|comes|coming|were\s+called|got\s+called|called|turned\s+up|"
            r"keep\s+coming|round|to\s+(?:our|my)\s+(?:house|home|flat))\b(?=[^.!?]{0,60}\b(?:house|home|flat|"
            r"mum|dad|parents|stepdad|fight|fighting|again|night|boyfriend|arguing|argument))|"
            r"\bdomestic\s+(?:abuse|violence)\b(?=[^.!?]{0,40}\b(?:at\s+home|in\s+my|my\s+(?:house|home|mum|dad)|"
            r"happens|happening|going\s+on))|\b(?:my|our)\s+(?:house|home)\s+(?:\w+\s+){0,3}domestic\s+(?:abuse|"
            r"violence)|\b(?:womens\s+)?refuge\b|\b(?:mum|nan|she)\s+(?:\w+\s+){0,2}?(?:hide|hides|hiding|hid|run|runs|escape\w*)\s+"
            r"from\s+(?:my\s+|her\s+|our\s+)?(?:dad|stepdad|him|boyfriend|partner|husband)|"
            r"\b(?:called|call|calls|calling|rang|ring|phoned)\s+the\s+(?:police|cops)\b(?=[^.!?]{0,60}\b(?:dad|mum|"
            r"stepdad|boyfriend|parents|home|house|fight\w*|shout\w*))|"
            r"\b(?:things|stuff|plates)\s+(?:getting\s+|get\s+|being\s+)?"
            r"(?:smashed|thrown|broken)\b(?=[^.!?]{0,40}\b(?:dad|mum|stepdad|boyfriend|parents)\b)|\brestraining\s+order|\bnon\s+molestation|"
            r"\b(?:mum|nan)\s+(?:has|had|got|with)\s+(?:a\s+)?(?:black\s+eye|bruises)|"
            r"\b(?:hurts?|hurting|hurt|hits?|beats?|controls?|threaten\w*|strangl\w*|chok\w+)\s+(?:my\s+)?mum\b|"
            r"\b(?:dad|stepdad|boyfriend|partner|he)\s+(?:\w+\s+){0,2}?(?:is|was|gets|got)\s+(?:\w+\s+)?"
            r"(?:violent|abusive)\s+(?:to|towards|with)\s+(?:my\s+)?(?:mum|her)|"
            r"\b(?:screaming|shouting|smashing|yelling|fighting|rowing|arguing|banging|crashing)\s+(?:and\s+\w+\s+)?"
            r"(?:at\s+home|in\s+(?:the|our|my)\s+(?:house|flat)|downstairs)\b(?=[^.!?]{0,60}\b(?:cry|cries|crying|"
            r"scared|police|hide|hiding|hurt|mum|her|she|blood|bruise\w*))|"
            r"\b(?:mums|nans|sisters|mum\s+has\s+a|her)\s+(?:new\s+)?(?:boyfriend|partner|husband|ex)\s+(?:is|was|gets|"
            r"can\s+be|s)\s+(?:\w+\s+)?(?:violent|abusive|aggressive|controlling)"
        ),
        needs=(
            "figh foug row rows rowi argu scre shout each poli cops dome refu rest mole blac brui "
            "hurt hit hits beat cont thre stra chok viol abus aggr hide hidi hid hides run runs esca "
            "call rang ring phon smas thro brok yell bang cras"
        ),
    ),
    # --- emotional abuse -----------------------------------------------------------------
    _Rule(
        _hurtful,
        _re(
            r"\b(?:(?:tells?|told|telling|calls?|called|calling|says?|said|saying|treats?|treated)\s+"
            r"(?:me|us|her|him|zzname)|(?:makes?|made|making)\s+(?:me|us|her|him|zzname)\s+feel|"
            r"(?:says?|said|saying)(?:\s+to\s+me)?(?:\s+that)?(?=\s+(?:im|i\s+was|shes|hes|youre|your)\b))\s+"
            r"(?:that\s+)?(?:im|i\s+was|shes|hes|she\s+is|"
            r"he\s+is|i\s+am|were|like|a|an|as)?\s*(?:a\s+|an\s+|so\s+|really\s+|such\s+a\s+|nothing\s+but\s+a\s+)?"
            r"(?:\w+\s+)?(?:worthless|useless|stupid|fat|ugly|a\s+waste|waste\s+of\s+space|pathetic|mistake|"
            r"failure|accident|nothing|unwanted|unloved|disappointment|burden|no\s+good|idiot|retard|disgusting|"
            r"dumb|slag|slut|whore|bitch|freak|loser|dirt|rubbish|crap|shit|a\s+slave|servant|dog|pig|"
            r"hopeless|thick|embarrassment|nobody|pointless|fat\s+cow|spastic|"
            r"should\s+(?:never\s+)?have\s+been\s+(?:born|aborted))\b|"
            r"\b(?:says?|said|tells?\s+me|told\s+me)\s+(?:that\s+)?(?:nobody|no\s+one)\s+(?:wants|loves|likes|cares\s+about)\s+"
            r"(?:me|her|him)|\bmake\w*\s+(?:my|her|his)\s+life\s+(?:hell|a\s+(?:misery|living\s+hell|nightmare)|"
            r"miserable|horrible)|\b(?:get|gets|got|getting|been|being|am|im|was)\s+(?:\w+\s+)?(?:screamed|yelled|"
            r"sworn)\s+at\b"
        ),
        needs=(
            "worth usele stupi fat ugly waste pathe mista failu accid nothi unwan unlov disap burde "
            "good idiot retar disgu dumb slag slut whore bitch freak loser dirt rubbi crap shit slave "
            "serva dog pig hopel thick embar nobod point cow spast born abort life scre yell swor"
        ),
    ),
    _Rule(
        _EMOTIONAL,
        _re(
            r"\b(?:(?:she|he|they|mum|dad|parents|stepdad|stepmum)\s+(?:\w+\s+){0,2}?"
            r"(?:says?|said|tells?\s+me|told\s+me)\s+(?:that\s+)?(?:she|he|they)\s+(?:\w+\s+)?"
            r"(?:hates?\s+me|doesnt\s+love\s+me|dont\s+love\s+me|never\s+wanted\s+me|wishes?\s+i\s+"
            r"(?:was|wasnt|were|had)|regrets\s+having\s+me))|\bwish(?:es)?\s+i\s+(?:was|were|had)\s+never\s+"
            r"(?:been\s+)?born\s+(?:she|he)\s+said|\b(?:my\s+)?(?:mum|dad|parents|stepdad|stepmum)\s+"
            r"(?:\w+\s+)?(?:hates?|hate)\s+me\b|\bnever\s+wanted\s+me\b|\bdoesnt\s+(?:love|want)\s+me\b"
        ),
        needs="hate hates love wante wants wish born regre",
    ),
    _Rule(
        _hurtful,
        _re(
            r"\b(?P<v>scream\w*|shout\w*|yell\w*|swear\w*|swore|rages?)\s+at\s+(?:me|us|her|him|zzname|"
            r"my\s+(?:\w+\s+)?(?:brother|sister|siblings?|mum))\b"
            rf"(?=[^.!?]{{0,60}}\b(?:{_FREQ[3:-1]}|scared|terrified|cry|crying|for\s+hours|so\s+much|"
            r"every\s+\w+|hit|throws?|hurt))|\bscreams?\s+at\s+(?:me|us)\b"
        ),
        needs="scre shout yell swea swor rage rages",
    ),
    _Rule(
        _fear,
        _re(
            r"\b(?:scared|afraid|frightened|terrified|petrified|scared\s+stiff|fear|frighten\w*)\s+"
            rf"(?:of\s+|about\s+)?(?:my\s+|our\s+|\w+s\s+)?(?:\w+\s+)?(?:{_ADULT}|him|her|them|zzname)\b"
            r"(?!\s+(?:exams?|films?|spiders?))|\b(?:scared|afraid|frightened|terrified|dont\s+want|dread|hate)\s+"
            r"(?:to\s+|of\s+)?(?:going|go|being|be)\s+(?:back\s+)?(?:home|at\s+home|in\s+my\s+house)|"
            r"\b(?:dont|never|do\s+not)\s+feel\s+safe\s+(?:at\s+home|in\s+my\s+(?:house|home|room)|with\s+"
            r"(?:my|him|her|them))|\bnot\s+safe\s+at\s+home|\bunsafe\s+at\s+home|\bwalk(?:ing)?\s+on\s+eggshells"
        ),
        not_before=_re(r"\b(?:people|kids|children|anyone|someone)\s+(?:who|that)\s+(?:are|is|feel)\s+$"),
        not_after=_re(r"^\s*(?:finding\s+out|would|will|being\s+(?:disappointed|upset|angry)|getting\s+angry|"
                      r"knowing|seeing\s+my\s+report)"),
        needs="scar afra frig terr petr fear drea hate safe unsa eggs home house",
    ),
    _Rule(
        _EMOTIONAL,
        _re(
            r"\b(?:locks?|locked|locking|shuts?|shut)\s+(?:me|us|her|him|zzname|my\s+(?:\w+\s+)?"
            r"(?:brother|sister|siblings?))\s+(?:in|out|inside|outside|up|away)\b"
            r"(?!\s+of\s+(?:my|the)\s+(?:account|phone|xbox|ps\d|game|laptop|computer|ipad|tablet|insta|snap))|"
            r"\b(?:wont|doesnt|dont|never)\s+let\s+(?:me|us|her|him)\s+(?:eat|leave\s+(?:the\s+house|my\s+room)|"
            r"see\s+(?:anyone|(?:my|her|his)\s+(?:friends|mates|family)|my\s+(?:mum|dad))|go\s+out|"
            r"talk\s+to\s+anyone|have\s+friends|shower|wash|"
            r"sleep|use\s+the\s+toilet)|\btreats?\s+(?:me|us|her|him)\s+(?:like|as)\s+(?:a\s+)?(?:dirt|rubbish|"
            r"crap|shit|nothing|a\s+slave|servant|a\s+dog|an\s+animal|a\s+maid)|"
            r"\b(?:put|send|sending|putting)\s+(?:me|us|her|him)\s+(?:in(?:to)?\s+care|away)\b|"
            r"\b(?:threaten\w*|threat)\s+(?:me|us|her|him|zzname|to\s+(?:kick|throw|send|put)\s+"
            r"(?:me|us|her|him)\s+(?:out|away|in\s+care))|\bsilent\s+treatment\s+for\s+(?:days|weeks)|"
            r"\bignores?\s+me\s+for\s+(?:days|weeks)|\bnot\s+allowed\s+(?:in|into)\s+the\s+house"
        ),
        needs="lock shut let trea thre sile igno allo put send sendi putt",
    ),
    # --- neglect -------------------------------------------------------------------------
    _Rule(
        _NEGLECT,
        _re(
            r"\b(?:no|not\s+(?:any|enough|much)|never\s+(?:have|has|got|get|had)(?:\s+any|\s+enough)?|"
            r"never\s+(?:any|enough)|isnt\s+(?:any|enough)|arent\s+any|"
            r"wasnt\s+any|nothing\s+to|dont\s+(?:get|have)\s+(?:any|enough)|dont\s+get|cant\s+get|never\s+get|"
            r"havent\s+had|didnt\s+have|dont\s+have|barely\s+any|hardly\s+any|no\s+proper|no\s+real)\s+"
            r"(?:\w+\s+)?(?:food|anything\s+to\s+eat|to\s+eat|meals?|dinner|breakfast|tea|lunch)\b"
            r"(?=[^.!?]{0,50}\b(?:home|house|fridge|cupboards?|for\s+(?:days|ages)|again|weekend|mum|dad|"
            r"nobody|always|everyday|most\s+days|hungry|we|family|night|when\s+i\s+get\s+home)|"
            r"\s*(?:at\s+home|in\s+(?:the|my|our)\s+(?:house|flat|home|fridge))|\s*$)|"
            r"\b(?:hungry|starving|starvin)\s+(?:\w+\s+)?(?:all\s+the\s+time|everyday|most\s+days|always|a\s+lot|"
            r"at\s+home|when\s+i\s+go\s+to\s+bed|at\s+night|every\s+night|most\s+nights|most\s+of\s+the\s+time|"
            r"because\s+(?:there|my|we|nobody))|\b(?:always|constantly|often|usually)\s+(?:so\s+)?(?:hungry|"
            r"starving)\b|\bgo(?:es)?\s+to\s+(?:bed|school)\s+(?:\w+\s+)?hungry|"
            r"\b(?:i|we|she|he|zzname|they)\s+(?:\w+\s+)?go\s+hungry|\bhavent\s+eaten\s+(?:in|for|since)\s+"
            r"(?:\w+\s+)?(?:days|ages|\w+\s+days)|\b(?:nobody|doesnt|dont|never)\s+(?:\w+\s+)?feeds?\s+"
            r"(?:me|us|her|him)|\bfridge\s+is\s+(?:always\s+)?empty|\bcupboards\s+are\s+(?:always\s+)?empty|"
            r"\bonly\s+(?:food|meal|proper\s+meal|hot\s+meal)\s+(?:i|we)\s+(?:get|have|eat)|"
            r"\bonly\s+(?:eat|get\s+food)\s+at\s+school|\b(?:there\s+is|theres|there\s+was|is)\s+nothing\s+"
            r"(?:to\s+eat|in\s+the\s+(?:fridge|cupboards?))|\bhavent\s+eaten\s+(?:\w+\s+)?(?:in|for|since)\s+"
            r"(?:\w+\s+)?(?:days|ages)|\b(?:leaves?|left)\s+(?:me|us)\s+(?:with\s+)?(?:no|nothing)\s+(?:food|to\s+eat)|"
            r"\bnot\s+allowed\s+(?:to\s+)?(?:eat|food|dinner|any\s+food|out\s+of\s+my\s+room|to\s+leave\s+my\s+room)|"
            r"\b(?:have|has|had)\s+to\s+(?:find|get|make|buy|steal|sort)\s+"
            r"(?:my|our|her|his)?\s*(?:own\s+)?(?:food|dinner|tea|meals?|something\s+to\s+eat)|"
            r"\b(?:mum|dad|parents|nobody|carers?|they|she|he)\s+(?:\w+\s+)?(?:never|doesnt|dont|wont|didnt)\s+"
            r"(?:\w+\s+)?(?:cook|cooks|make\s+(?:us|me)\s+(?:food|dinner|tea)|buy\s+(?:food|us\s+food|me\s+food))"
        ),
        not_before=_re(
            r"\b(?:school|canteen|the\s+shop|cafe)\s+(?:has|had|have|serves?|sells?|there\s+is|theres|often|always)?\s*$"
        ),
        not_after=_re(r"^\s*(?:after|before|during|in)\s+(?:pe|football|training|sport|swimming|practice|a\s+match)"),
        needs="food eat eate meal dinn brea tea= lunc hung star feed fed frid cupb cook buy noth allo",
    ),
    _Rule(
        _NEGLECT,
        _re(
            r"\b(?:nobody|no\s+adults?|no\s+grown\s+ups?|none\s+of\s+them|nobody\s+at\s+home|they\s+dont|"
            r"she\s+doesnt|he\s+doesnt|doesnt|dont)\s+(?:really\s+|even\s+|ever\s+)?(?:looks?\s+after|takes?\s+care\s+of|"
            r"cares?\s+for|looks?\s+out\s+for|cooks?\s+for|washes|cleans|checks\s+on|puts\s+(?:me|us)\s+to\s+bed)\s+"
            rf"(?:me|us|my\s+(?:\w+\s+)?{_KIN}|her|him|zzname)|"
            r"\b(?:nobody|no\s+one)\s+cares?\s+(?:about|for|if)\s+(?:me|us|i)\b|"
            r"\b(?:nobody|no\s+adults?|no\s+grown\s+ups?)\s+(?:is\s+|s\s+)?(?:ever\s+|usually\s+|really\s+)?(?:at\s+)?"
            r"home\b|"
            r"\b(?:left|leave|leaves|leaving)\s+(?:me|us|her|him|zzname|my\s+\w+(?:\s+and\s+(?:me|i))?|"
            r"me\s+and\s+my\s+\w+)?\s*(?:\w+\s+)?(?:on\s+(?:my|our|her|his|their)\s+own|alone|by\s+(?:myself|"
            r"ourselves|herself|himself)|home\s+alone|at\s+home|in\s+the\s+(?:house|flat|car))\s+(?:\w+\s+)?"
            r"(?:for|all|over)\s+(?:\w+\s+)?(?:days|nights?|the\s+weekend|weekends?|a\s+week|weeks?|ages|hours|"
            r"overnight|day|summer|holidays?)|"
            r"\b(?:left|leave|leaves|leaving)\s+(?:me|us|her|him|zzname|my\s+\w+)?\s*(?:\w+\s+)?(?:alone|on\s+"
            r"(?:my|our|her|his)\s+own|by\s+(?:myself|ourselves|herself|himself)|home\s+alone)\s+(?:\w+\s+)?(?:at\s+"
            r"night|a\s+lot|all\s+the\s+time|overnight|every\s+\w+|most\s+\w+|loads|lots|when|while|until\s+late)|"
            r"\b(?:home\s+alone|on\s+my\s+own|by\s+myself)\s+(?:for|all)\s+(?:\w+\s+)?(?:days|nights?|weekend|"
            r"week|ages)|\b(?:doesnt|dont|didnt|never|wont)\s+come\s+(?:back\s+)?home\s+(?:for|until|at|all|"
            r"some|most)|"
            r"\b(?:have|has|had)\s+to\s+(?:look\s+after|care\s+for|feed|raise)\s+(?:myself|ourselves|my\s+"
            r"(?:\w+\s+)?(?:brothers?|sisters?|siblings)|the\s+(?:little\s+)?(?:ones|kids))|\bfend\s+for\s+"
            r"(?:myself|ourselves)|\bleaves?\s+me\s+(?:to\s+look\s+after|with)\s+my\s+(?:\w+\s+)?"
            r"(?:brothers?|sisters?|siblings)"
        ),
        needs=(
            "look take care cook wash clea chec put puts left leav home alon own myse fend come feed "
            "rais"
        ),
    ),
    _Rule(
        _NEGLECT,
        _re(
            r"\b(?:no|dont\s+have|dont\s+have\s+any|havent\s+got|cant\s+afford|never\s+have|no\s+money\s+for|"
            r"without|got\s+no|have\s+no)\s+(?:\w+\s+)?(?:heating|electric|electricity|gas|hot\s+water|"
            r"running\s+water|lights?|bed|mattress|clean\s+clothes|clothes\s+that\s+fit|shoes\s+that\s+fit|"
            r"toothbrush|coat)\b(?=[^.!?]{0,40}\b(?:home|house|flat|we|our|my|weeks|days|months|winter|time|"
            r"nobody|again|often|always|sometimes|half|"
            r"cold|freezing)|[^.!?]{0,3}$)|"
            r"\b(?:i|we)\s+(?:\w+\s+)?(?:sleep|sleeps|slept)\s+on\s+the\s+floor|"
            r"\b(?:dirty|smelly|same|ripped|wet|unwashed|old)\s+(?:\w+\s+)?(?:clothes|uniform|school\s+uniform)\s+"
            r"(?:\w+\s+){0,2}?(?:everyday|every\s+day|for\s+(?:days|weeks)|all\s+(?:week|the\s+time)|always)|"
            r"\b(?:nobody|doesnt|dont|never)\s+(?:\w+\s+)?washes\s+(?:my|our)\s+clothes|"
            r"\b(?:wear|wearing|wore)\s+the\s+same\s+(?:\w+\s+)?(?:clothes|uniform)\s+(?:for\s+\w+|all\s+\w+|everyday)|"
            r"\b(?:not|never|wont|dont|doesnt|didnt|wouldnt|nobody)\s+(?:\w+\s+)?(?:takes?|took|taken|bring|"
            r"brings?|book|books|booked|get|gets)\s+(?:me|us|her|him|my\s+\w+)\s+(?:to\s+)?(?:the\s+|a\s+)?"
            r"(?:doctors?|dentists?|gp|hospital|opticians?)|\bhavent\s+been\s+to\s+(?:the|a)\s+(?:doctors?|"
            r"dentists?)\s+(?:in|for)\s+(?:\w+\s+)?(?:years|ages)|"
            r"\b(?:house|flat|home|room)\s+(?:is|was)\s+(?:always\s+)?(?:so\s+|really\s+)?(?:filthy|disgusting|"
            r"covered\s+in|full\s+of\s+(?:rubbish|mould|dog\s+poo)|infested)|"
            r"\b(?:kicks?|kicked|throws?|threw|chucks?|chucked)\s+(?:me|us|her|him|zzname)\s+out\b"
            r"(?!\s+of\s+(?:class|the\s+(?:class|lesson|game|team|group|chat)|lesson))|"
            r"\b(?:kicked|thrown|chucked)\s+out\s+of\s+(?:my\s+|the\s+|our\s+)?(?:house|home|flat)"
        ),
        not_before=_re(r"\b(?:school|classroom|class|canteen|gym|library|bus)\s+(?:\w+\s+){0,3}$"),
        needs=(
            "heat elec gas hot wate runn ligh bed matt clea clot shoe toot coat floo dirt smel same "
            "ripp wet unwa old wash wear wore doct dent gp hosp opti filt disg cove full infe kick "
            "thro chuc"
        ),
    ),
    # --- exploitation --------------------------------------------------------------------
    _Rule(
        ("exploitation", "sexual_abuse"),
        _re(
            r"\b(?:keep|keeps|kept|keeping)\s+(?:it\s+|this\s+|us\s+|our\s+\w+\s+|things\s+|stuff\s+|"
            r"everything\s+)?(?:a\s+|our\s+|as\s+a\s+)?secrets?\b(?=[^.!?]{0,60}\b(?:online|older|man|men|"
            r"adult|mum|dad|parents|anyone|teacher|gift|gifts|money|meet|snap|insta|tiktok|discord|game|\d\d))|"
            r"\b(?:older|adult|grown|\d\d\s+(?:year|yr)s?\s+old|man|men|guy|stranger|someone|somebody|person|"
            r"coach|he|she|they|zzname)\b[^.!?]{0,60}\b(?:told|tells|asks?|asked|said|wants?|made|makes)\s+"
            r"(?:me|us|her|him)\s+(?:to\s+)?(?:keep\s+(?:it\s+|this\s+|things\s+)?(?:a\s+)?secret|not\s+to\s+tell|"
            r"never\s+to\s+tell|to\s+not\s+tell|dont\s+tell)|\bour\s+(?:little\s+)?secret\b|"
            r"\bsecret\s+(?:from|between)\s+(?:my|me|us|our)"
        ),
        needs="secr tell told",
    ),
    _Rule(
        _EXPLOIT,
        _re(
            r"\b(?:older|adult|grown\s+up|\d\d\s+(?:year|yr)s?\s+old|man|men|guy|guys|bloke|stranger|"
            r"someone|somebody|person|people|lady|woman|boy|girl|lad|zzname|zzhandle)\s+"
            r"(?:\w+\s+){0,6}?(?:online|on\s+(?:snap|insta|tiktok|discord|roblox|fortnite|xbox|ps\d|"
            r"playstation|whatsapp|facebook|the\s+game|a\s+game|games|omegle|kik|telegram|wizz|yubo|twitter|"
            r"minecraft|fb|social\s+media)|(?:i|we)\s+(?:met|meet|talk\s+to|chat\s+to|play\s+with)\s+online)\b"
            r"[^.!?]{0,80}?\b(?:meet\s+up|meet\s+(?:me|him|her|them|us)|wants?\s+to\s+meet|asked\s+(?:me\s+)?to\s+meet|"
            r"come\s+(?:to|round)|picks?\s+(?:me|us)\s+up|gives?\s+(?:me|us)|gifts?|presents?|robux|vbucks|v\s+bucks|gift\s+cards?|"
            r"money|sends?\s+me|buys?\s+me|bought\s+me|asks?\s+(?:me\s+)?(?:for|to)|asked\s+(?:me\s+)?(?:for|to)|"
            r"address|where\s+i\s+live|what\s+school|secret|love|loves|girlfriend|boyfriend|pics|video\s+call|"
            r"cam|messages?\s+me|dms?\s+me|snaps?\s+me|add\w*\s+me|keeps?\s+messaging|older\s+than)"
        ),
        needs=(
            "onli snap inst tikt disc robl fort xbox ps play what face game games omeg kik tele wizz "
            "yubo twit mine fb soci met meet"
        ),
    ),
    _Rule(
        _EXPLOIT,
        _re(
            r"\b(?:older|adult|grown\s+up|\d\d\s+(?:year|yr)s?\s+old|man|men|guy|bloke|stranger|strangers|"
            r"someone\s+i\s+dont\s+know|people\s+i\s+dont\s+know|random\s+(?:man|men|guy|people|person|accounts?))"
            r"\s+(?:\w+\s+){0,3}?(?:messages|messaged|dms|dmd|dm|texts|texted|snaps|snapped|adds|added|follows|"
            r"keeps?\s+(?:messaging|adding|texting|snapping)|contacts?|contacted|talks?\s+to|chats?\s+to|"
            r"sends?|sent|asks?|asked|wants?|gives?|gave|buys?|bought|picks?\s+(?:me|us|her|him)\s+up|drives?|"
            r"takes?\s+(?:me|us|her|him)|offers?|offered)\s+(?:me|us|her|him|zzname|my\s+(?:\w+\s+)?"
            r"(?:friends?|sister|brother|mate))\b"
        ),
        not_before=_re(r"\b(?:if|when|whenever)\s+(?:\w+\s+)?$"),
        needs="olde adul grow year yr man men guy guys blok stra some peop rand",
    ),
    _Rule(
        _EXPLOIT,
        _re(
            r"\b(?:hang\w*\s+(?:out|around)\s+with|go\w*\s+(?:out\s+)?with|seeing|dating|going\s+out\s+with)\s+"
            r"(?:an?\s+|some\s+)?older\s+(?:boys?|men|man|guys?|lads?|people|girls?|person)\b|"
            r"\bolder\s+(?:boys?|men|man|guys?|lads?|people|girls?)\s+(?:\w+\s+){0,3}?(?:give|gives|gave|buy|buys|"
            r"bought|drive|drives|pick|picks|take|takes|took|offer|offers|want|wants|ask|asks|asked|make|made|"
            r"pay|paid)\s+(?:us|me|her|him|my\s+\w+)|\b(?:my\s+)?(?:boyfriend|girlfriend)\s+is\s+(?:\w+\s+)?"
            r"(?:much|way|a\s+lot|loads|lot)\s+older|\b(?:my\s+)?(?:boyfriend|girlfriend)\s+(?:is|s)\s+"
            r"(?:1[89]|[2-9]\d)\b(?=[^.!?]{0,40}\b(?:im|i\s+am|and\s+i\s+am)\s+1[0-5]\b)|"
            r"\b(?:im|i\s+am)\s+1[0-5]\b[^.!?]{0,40}\b(?:boyfriend|girlfriend|he|she|him)\s+(?:is|s)\s+"
            r"(?:1[89]|[2-9]\d)\b"
        ),
        needs="olde boyf girl im",
    ),
    _Rule(
        _EXPLOIT,
        _re(
            r"\b(?P<v>sell|selling|sold|sells|deal|dealing|deals|shot|shotting|shots|run|running|runs|ran|"
            r"carry|carrying|carried|carries|hold|holding|held|holds|deliver\w*|drop|dropping|dropped|move|"
            r"moving|moved|stash\w*|hide|hiding|hid|bag\w*\s+up|push|pushing|take|taking|took|transport\w*)\s+"
            r"(?:\w+\s+){0,3}?(?:drugs|weed|coke|crack|gear|pills|ket|bud|food|wraps|packages?|parcels?|"
            r"bags?\s+(?:for|of)\s+(?:them|him|people|someone)|stuff\s+for\s+(?:them|him|people|older|some)|"
            r"a\s+line|lines|county|country|cunch|a\s+phone\s+for|the\s+line|drugs?\s+line)\b"
        ),
        "subj",
        not_after=_re(r"^\s*(?:for\s+(?:my|the)\s+(?:mum|nan|neighbour|school)|to\s+the\s+(?:post|bin))"),
        needs=(
            "drug weed coke crac gear pill ket bud food wrap pack parc bag bags stuf line coun cunc "
            "phon"
        ),
    ),
    _Rule(
        _EXPLOIT,
        _re(
            r"\b(?:made|make|makes|forced|force|forces|forcing|pressured|pressure|pressures|told|tell|tells|"
            r"asked|asks|asking|want|wants|wanted|paid|pay|pays|paying|got|get|gets|use|uses|used|groom\w*)\s+"
            r"(?:me\s+|us\s+|my\s+(?:\w+\s+)?(?:brothers?|sisters?|friends?|mates?|cousins?)\s+|him\s+|her\s+|zzname\s+)?"
            r"to\s+(?:carry|hold|drop|deliver|take|bring|stash|hide|look\s+after)\s+(?:a\s+|some\s+|the\s+|their\s+|"
            r"his\s+)?(?:bags?|packages?|parcels?|stuff|things|phones?|money|cash|knife|knives|drugs|weed)\b"
            r"(?!\s+(?:to|for)\s+(?:my|the|her|his)\s+(?:nan|gran|mum|dad|car|bin|shop|school|teacher|neighbour))|"
            r"\b(?:made|make|makes|forced|force|forces|forcing|pressured|pressure|pressures|told|tell|tells|"
            r"asked|asks|asking|want|wants|wanted|paid|pay|pays|paying|got|get|gets|use|uses|used|groom\w*)\s+"
            r"(?:me|us|my\s+(?:\w+\s+)?(?:brothers?|sisters?|friends?|mates?|cousins?)|him|her|zzname)\s+"
            r"(?:to\s+)?(?:sell|deal|run|carry|hold|drop|move|deliver|shot|stash|hide|take|bag\s+up|do\s+"
            r"(?:jobs|runs|drops|deliveries)|go\s+(?:country|cunch)|steal|rob)\b"
        ),
        needs=(
            "sell deal run carr hold drop move deli shot stas hide take bag jobs runs drops coun cunc "
            "stea rob brin look"
        ),
    ),
    _Rule(
        _EXPLOIT,
        _re(
            r"\b(?:pay|paying|paid)\s+(?:back|off)\s+(?:\w+\s+){0,2}?(?:to\s+)?(?:dealers?|them|him|the\s+gang|older)\b|"
            r"\b(?:money|debt)\s+(?:to|with)\s+(?:a\s+|the\s+|some\s+)?dealers?|"
            r"\b(?:take|took|taking|carry|carried|carrying|deliver|delivering|drop|dropping|bring|bringing|move|moving)\s+"
            r"(?:a|the|some)?\s*(?:bags?|packages?|parcels?|stuff|things|phones?)\s+(?:\w+\s+)?(?:to|from|into|in)\s+"
            r"(?:another|other|different|a\s+different|a\s+new)\s+(?:city|cities|town|towns|place|places|area|county|"
            r"counties)|"
            r"\b(?P<v>owe|owes|owed|owing|in\s+debt|debt)\s+(?:\w+\s+){0,3}?(?:to\s+)?(?:dealers?|them|him|"
            r"people|some\s+(?:people|lads|guys|men)|older|a\s+gang|the\s+gang|money\s+to\s+(?:them|him|"
            r"dealers?|people|someone|older))\b|\btrap\s*(?:house|phone)|\btrapping\b|\bgoing\s+(?:country|cunch)|"
            r"\bcounty\s+lines?\b|\bcuckoo\w*\b|\bgroom(?:ed|ing)\b|\bexploit(?:ed|ing|ation)\b|"
            r"\bsextort\w*\b|\b(?:given|gave\s+(?:me|him|her)|got\s+given)\s+a\s+(?:phone|burner|sim)\b"
            r"(?=[^.!?]{0,50}\b(?:told|answer|go\s+where|deliver|drop|run))|\bgo\s+where\s+they\s+(?:say|tell)|\bfollow\w*\s+(?:me|her|him|us)\s+(?:home|to\s+school|around|everywhere)\b|"
            r"\bgang\s+(?:made|makes|forced|wants|want|told)\s+(?:me|us|him|her)|"
            r"\bjoin\w*\s+(?:a|the|their)\s+gang|\bin\s+a\s+gang\b"
        ),
        "subj",
        needs=(
            "pay payi paid mone debt take took carr deli drop brin move owe owes owed owin trap coun "
            "cunc cuck groo expl sext foll give gave got go gang join"
        ),
    ),
    _Rule(
        ("exploitation", "sexual_abuse"),
        _re(
            r"\b(?:has|have|got|gets|took|take|taken|saved|screenshot\w*|record\w*)\s+(?:\w+\s+){0,3}?"
            r"(?:pics?|videos?|nudes?|screenshots?|images?|recordings?)\s+(?:of|from)\s+(?:me|her|him|us|"
            r"zzname|my\s+\w+)\b(?=[^.!?]{0,80}\b(?:money|pay|paid|share|post|send|leak|expose|everyone|"
            r"unless|or\s+else|threat\w*|wants?|blackmail|family|followers))|"
            r"\b(?:threaten\w*|going|gonna|will|say|said|says)\s+(?:to\s+)?(?:share|post|send|leak|expose|show)\s+"
            r"(?:\w+\s+){0,2}?(?:my|her|his|the|our|those)\s+(?:\w+\s+)?(?:pics?|nudes?|videos?|images?|"
            r"screenshots?)|\bblackmail\w*\s+(?:me|her|him|us|zzname)|"
            r"\b(?:wants?|asked|asks|demand\w*)\s+(?:me\s+|her\s+|him\s+)?(?:for\s+)?(?:money|cash|£\d+|\d+\s*pounds?)"
            r"\s+or\s+(?:\w+\s+){0,2}?(?:share|post|send|leak|show|tell)"
        ),
        needs="pic pics vide nude scre imag reco blac mone cash poun shar post send leak show tell",
    ),
    # --- going missing -------------------------------------------------------------------
    _Rule(
        _MISSING,
        _re(
            r"\b(?P<v>ran|run|running|runs|runnin)\s+(?:off|away)\b(?!\s+from\s+(?:a|the)\s+(?:dog|bees?|"
            r"wasps?|spiders?|ball|monster|zombies?|fight))"
        ),
        "subj",
        not_after=_re(
            r"^\s*(?:in\s+(?:the|a)\s+(?:film|game|book|story|show)|dog|cat|pet|with\s+(?:it|the))|"
            r"^\s*from\s+(?:a|an|the|some|these|those)\s+(?!(?:\w+\s+)?(?:house|home|care|placement|foster|unit|"
            r"hostel|family|flat))"
        ),
        needs="ran run runn runs",
    ),
    _Rule(
        _MISSING,
        _re(
            r"\b(?:going|went|go|gone|been)\s+missing(?!\s+(?:out|my|her|him|school|lessons?))|"
            r"\breported\s+(?:me\s+|her\s+|him\s+)?missing|\bmissing\s+(?:from|person)\b|"
            r"\bpolice\s+(?:\w+\s+){0,2}?(?:looking|looked|searching|searched|find|found|brought)\s+"
            r"(?:for\s+)?(?:me|her|him|us)|"
            r"\b(?:stay|stays|stayed|staying|stop|stopped|stopping|be|am|im|was|sleep|slept)\s+(?:out|away)\s+"
            r"(?:\w+\s+)?(?:all\s+night|overnight|for\s+days|for\s+(?:a|two|three)\s+(?:days|nights)|"
            r"until\s+\d|until\s+(?:the\s+)?morning|till\s+\d|all\s+weekend|every\s+night)|"
            r"\b(?:nobody|no\s+one|doesnt|dont|never|none\s+of\s+them|they\s+dont|mum\s+doesnt)\s+(?:even\s+|really\s+"
            r"|ever\s+)?(?:knows?|know|asks?|cares?|notices?|checks?|wonders?)\s+where\s+(?:i|im|we|she|he|"
            r"zzname|my\s+\w+)|"
            r"\b(?:sleep|sleeps|sleeping|slept|stay|stays|staying|stayed|crash|crashing|crashed)\s+(?:at|round|in|"
            r"on)\s+(?:some\s+|this\s+|an\s+|a\s+)?(?:(?:older\s+)?(?:guys?|mans?|blokes?|lads?|mens?)\s+(?:house|flat|place)|random|different|strangers|a\s+strangers|peoples|other\s+peoples|older|someones|people\s+i|"
            r"a\s+car|cars|the\s+park|parks|the\s+streets?|a\s+tent|bus\s+stations?|stairwells?)|"
            r"\bsofa\s+surf\w*|\b(?:cant|couldnt|not\s+allowed\s+to|dont\s+want\s+to)\s+go\s+(?:back\s+)?home\b|"
            r"\bnot\s+allowed\s+(?:back\s+)?home|\b(?:night|nights|slept|sleep|sleeping|living|live|lived|stayed|"
            r"staying)\s+(?:\w+\s+){0,2}?on\s+the\s+streets?|\bsleep\w*\s+rough|\bnowhere\s+(?:to\s+)?(?:sleep|live|stay|go\s+at\s+night)|"
            r"\b(?:im|we\s+are|were|i\s+was|we\s+were|she\s+is|shes|hes|he\s+is|became|been)\s+homeless|"
            r"\b(?:dont|didnt|never|wont)\s+go\s+home\s+(?:for|until|at|some|all)|\bdidnt\s+go\s+(?:back\s+)?home\b|"
            r"\bdisappear\w*\s+for\s+(?:days|nights|a\s+few\s+days|the\s+weekend|a\s+week)|"
            r"\b(?:got|get|been|was|were|gets)\s+(?:kicked|thrown|chucked)\s+out\b(?!\s+of\s+(?:class|school|the\s+"
            r"(?:class|lesson|game|team|club|shop|group)|lessons?|college))"
        ),
        not_after=_re(r"^\s*(?:in\s+(?:the|a)\s+(?:film|game|book|story|show)|dog|cat|pet)"),
        needs=(
            "miss repo poli out away wher slee slep stay cras sofa roug nowh home stre disa kick thro "
            "chuc"
        ),
    ),
    # --- substance misuse ----------------------------------------------------------------
    _Rule(
        _SUBSTANCE,
        _re(
            r"\b(?P<v>drink|drinks|drinking|drank|smoke|smokes|smoking|smoked|take|takes|taking|took|use|uses|"
            r"using|used|do|does|doing|did|snort\w*|sniff\w*|inhal\w*|pop|popping|buy|buying|on|addicted\s+to|"
            r"hooked\s+on|high\s+on|try|tried|trying)\s+(?:\w+\s+){0,2}?(?:weed|cannabis|skunk|spliffs?|joints?|"
            r"bud|pills|xans|coke|cocaine|ket|ketamine|mdma|molly|ecstasy|pingers|nos|nitrous|balloons|"
            r"glue|spice|lean|drugs|heroin|crack|mandy|pingas|benzos?|valium|shrooms|acid|lsd|speed|gas|"
            r"aerosols?|deodorant|lighter\s+fluid|poppers|solvents|"
            r"vodka|alcohol|cider|booze|spirits|drink|drinks)\b"
        ),
        "subj",
        not_after=_re(r"^\s*(?:lessons?|talks?|awareness|education|in\s+the\s+park|dealers?)"),
        needs=(
            "weed cann skun spli join bud pill xans coke coca ket keta mdma moll ecst ping nos nitr "
            "ball glue spic lean drug hero crac mand benz vali shro acid lsd spee vodk alco cide booz gas "
            "aero "
            "deod ligh popp solv "
            "spir drin"
        ),
    ),
    _Rule(
        _SUBSTANCE,
        _re(
            r"\b(?P<v>drink|drinks|drinking|get\s+drunk|gets\s+drunk|getting\s+drunk|got\s+drunk|"
            r"(?:get|gets|getting|got)\s+(?:high|stoned|wasted|mashed|off\s+my\s+(?:face|head))|"
            r"smoke|smokes|smoking|take\s+pills|taking\s+pills|take\s+tablets|vape|vapes|vaping|drunk)\b"
            r"(?!\s+(?:water|tea|coffee|milk|juice|squash|pop|fizzy|energy|lucozade|monster|redbull|coke|"
            r"cola|hot\s+chocolate))\s+(?:\w+\s+){0,3}?(?:everyday|every\s+(?:night|morning|weekend|day)|"
            r"all\s+the\s+time|to\s+(?:cope|forget|sleep|feel|numb|escape|get\s+through|calm|stop\s+thinking|"
            r"block|deal)|alone|on\s+my\s+own|before\s+school|at\s+school|in\s+the\s+morning|most\s+days|"
            r"every\s+single|until\s+i\s+(?:pass|black|throw|cant)|too\s+much|a\s+lot|loads|cant\s+stop|"
            r"most\s+(?:nights|weekends)|every\s+weekend|at\s+weekends|on\s+my\s+own|"
            r"bottles?|daily)"
        ),
        "subj",
        needs="drin drun high ston wast mash smok pill tabl vape vapes vapin",
    ),
    _Rule(
        ("substance_misuse", "neglect"),
        _re(
            r"\b(?:mum|dad|parents|stepdad|stepmum|carers?|nan|grandad|he|she|they|boyfriend|uncle|auntie)\s+"
            r"(?:\w+\s+){0,3}?(?:is|are|gets|get|got|getting|was|were|comes\s+home|came\s+home|always|"
            r"keeps\s+getting)\s+(?:\w+\s+){0,2}?(?:drunk|wasted|hammered|high|stoned|smashed|off\s+(?:her|his|"
            r"their)\s+(?:face|head|nut|tits)|out\s+of\s+it|passed\s+out|paralytic|on\s+drugs|pissed)\b|"
            r"\b(?:mum|dad|parents|stepdad|carers?|nan|he|she|they|boyfriend)\s+(?:\w+\s+){0,2}?(?:drinks?|"
            r"drinking|smokes?|smoking|takes?|taking|does|doing|uses?|using|snorts?|on)\s+(?:\w+\s+)?(?:"
            r"(?:weed|drugs|cannabis|coke|cocaine|crack|heroin|pills|ket|spice|vodka|alcohol|booze|cans|"
            r"bottles?|beers?|wine|cider)\s+)?(?:everyday|every\s+(?:night|day|morning)|all\s+day|all\s+night|"
            r"all\s+the\s+time|too\s+much|a\s+lot|loads|constantly|in\s+front\s+of\s+(?:me|us)|"
            r"until\s+(?:she|he|they)\s+(?:pass|fall|cant))|"
            r"\b(?:mum|dad|parents|stepdad|he|she|they|boyfriend)\s+(?:\w+\s+){0,2}?(?:takes?|taking|does|doing|"
            r"uses?|using|sells?|selling|smokes?|smoking|snorts?|on|injects?)\s+(?:drugs|weed|crack|heroin|coke|"
            r"cocaine|spice|ket)\b|\b(?:alcoholic|an\s+addict|a\s+druggie|junkie|smackhead|crackhead)\b|"
            r"\b(?:mum|dad|parents|stepdad|she|he|they)\s+(?:\w+\s+)?(?:goes|go|went|going)\s+out\s+drinking\b|"
            r"\bpassed\s+out\s+(?:drunk|on\s+the\s+(?:sofa|floor|couch))|\bsmells?\s+of\s+(?:weed|alcohol|booze|"
            r"drink)|\b(?:look\s+after|care\s+for)\s+(?:my\s+)?(?:\w+\s+)?(?:brothers?|sisters?|siblings)\s+"
            r"(?:\w+\s+){0,3}?(?:drunk|high|drinking|drugs|passed\s+out|hungover)"
        ),
        not_before=_re(r"\bif\s+(?:\w+\s+)?$"),
        needs=(
            "drun wast hamm high ston smas off pass para drug piss drin smok weed alco addi junk crac "
            "smel out coke coca hero spic ket pill bott beer wine cide cans booz vodk hung inje snor"
        ),
    ),
    # --- severe bullying -----------------------------------------------------------------
    _Rule(
        _BULLYING,
        _re(
            r"\b(?P<v>bull(?:y|ies|ied|ying|yed)|cyber\s*bull\w+|picked\s+on|pick(?:s|ing)?\s+on\s+(?:me|us|"
            r"her|him|zzname|my\s+\w+)|gang\s+up\s+on|ganged\s+up\s+on|ganging\s+up\s+on|"
            r"laugh(?:s|ed|ing)?\s+at\s+(?:me|her|him|us)|make\s+fun\s+of\s+(?:me|her|him|us)|"
            r"makes\s+fun\s+of\s+(?:me|her|him|us)|made\s+fun\s+of\s+(?:me|her|him|us)|"
            r"tormented|harass(?:ed|es|ing)?|tease[sd]?\s+(?:me|her|him)|teasing\s+(?:me|her|him)|"
            r"(?:excluded|left\s+out)\s+by\s+(?:everyone|them|my\s+friends|the\s+\w+)|ignored\s+by\s+everyone|everyone\s+ignores\s+me|called\s+(?:names|horrible|"
            r"nasty|fat|ugly|gay|a\s+\w+)|laughed\s+at|spat\s+on|pushed\s+(?:around|about)|tripped\s+up|trip(?:s|ping)?\s+(?:me|her|him|us)\s+(?:up|over))\b"
        ),
        "subj",
        not_after=_re(r"^\s*(?:is\s+(?:a\s+)?(?:big\s+)?(?:problem|issue|bad|wrong)|should|needs?|prevention|"
                      r"awareness|week|policy|at\s+the\s+(?:joke|film)|from\s+(?:the\s+)?(?:team|game|squad))"),
        needs="bull cybe pick gang laug fun torm hara teas excl left igno call spat push trip",
    ),
    _Rule(
        _BULLYING,
        _re(
            r"\b(?:tell|tells|told|telling|say|says|said|saying|messag\w+|text\w*)\s+(?:me|her|him|us|"
            r"zzname)\s+(?:to\s+)?(?:go\s+)?(?:kill\s+(?:myself|herself|himself|yourself|urself)|kms|kys|die|"
            r"go\s+die|unalive|hang\s+(?:myself|yourself))|\bkys\b|"
            r"\b(?:share|shares|shared|sharing|post|posts|posted|posting|send|sends|sent|sending|spread|"
            r"spreads|spreading|screenshot\w*|edit\w*|make|made|making)\s+(?:\w+\s+){0,3}?(?:pics?|videos?|"
            r"screenshots?|rumou?rs|lies|memes?|stuff|things|fake\s+accounts?|a\s+page|pages|a\s+group\s+chat)\s+"
            r"(?:of|about|on|pretending\s+to\s+be)\s+(?:me|her|him|us|zzname|my\s+\w+)|"
            r"\b(?:said|says|told|tells|saying)\s+(?:me\s+)?(?:that\s+)?i\s+should\s+(?:just\s+)?(?:go\s+)?"
            r"(?:kill\s+myself|die|kms|unalive)|"
            r"\b(?:everyone|they|people|the\s+\w+)\s+(?:\w+\s+){0,3}?(?:hates?|hate)\s+me\b(?=[^.!?]{0,60}\b(?:push|hit|"
            r"call|laugh|school|class|kick|threat|bull))|\b(?:push|pushes|pushed|pushing|shove|shoves|shoving)\s+"
            r"(?:me|her|him|us)\s+(?:around|about)|"
            r"\b(?:call|calls|called|calling)\s+(?:me|her|him|us)\s+(?:names|fat|ugly|gay|slag|slut|freak|"
            r"weirdo|loser|retard|smelly|tramp|poor|a\s+\w+|horrible\s+names|racist)|"
            r"\b(?:scared|afraid|frightened|terrified|dont\s+want|too\s+scared|dread|hate)\s+(?:to\s+)?"
            r"(?:go(?:ing)?|come|coming)\s+(?:in\s+)?(?:to\s+)?(?:school|zzschool|college|class)\s+"
            r"(?:because|as|since|when)\s+(?:of\s+)?(?:them|the|people|what|everyone|they|[a-z]+\s+"
            r"(?:people|kids|boys|girls))|"
            r"\b(?:scared|afraid|frightened|terrified|too\s+scared)\s+(?:to\s+)?(?:go(?:ing)?|come|coming)\s+"
            r"(?:in\s+)?(?:to\s+)?(?:school|zzschool|college|class|outside|out)\b|"
            r"\b(?:(?:steal|steals|stole|nick|nicks|nicked)\s+(?:my|her|his)\s+(?:lunch|money|phone|stuff|things|bag)|"
            r"(?:take|takes|took)\s+(?:my|her|his)\s+(?:lunch|money|lunch\s+money|dinner\s+money))\s+(?:\w+\s+){0,2}?(?:everyday|every\s+\w+|all\s+the\s+time|again)|"
            r"\b(?:jumped|mugged|robbed|beat\s+up|beaten\s+up|battered|attacked)\s+(?:me|us|her|him|my\s+\w+)?\s*"
            r"(?:at|after|outside|on\s+the\s+way\s+(?:to|from)|near)\s+(?:school|zzschool|college|the\s+bus)|"
            r"\b(?:wont|dont|never|doesnt)\s+leave\s+(?:me|her|him|us)\s+alone\b|"
            r"\b(?:hate|fake)\s+(?:page|account)\s+(?:about|of|on)\s+(?:me|her|him)|"
            r"\bgroup\s+chat\s+(?:about|to\s+(?:bully|laugh\s+at|slag\s+off))\s+(?:me|her|him)|"
            r"\beveryone\s+(?:hates|ignores|laughs\s+at)\s+me|\bthe\s+whole\s+(?:class|year|school)\s+"
            r"(?:hates|ignores|laughs\s+at)\s+me|\bthreaten\w*\s+to\s+(?:jump|batter|stab|beat|get)\s+"
            r"(?:me|her|him|us)"
        ),
        needs=(
            "kill kms kys die unali hang call calle calli scare afrai frigh terri drea hate lunch "
            "money dinne phone bag jump mugg robb beat batt atta accou ignor laugh whole threa alone "
            "push shov want share post send sent sprea edit make made fake page group"
        ),
    ),
    # --- indirect cues: how children hint rather than name a harm --------------------------
    # Not wanting to exist, feeling a burden, goodbye notes, plans and means.
    _Rule(
        _SUICIDAL,
        _re(
            r"\b(?:ways?|how)\s+to\s+(?:not\s+exist|stop\s+existing|disappear\s+forever|end\s+it|die\b|"
            r"kill\s+myself)|"
            r"\b(?:feel|felt|feeling|im|i\s+am|i\s+was|being)\s+(?:like\s+)?(?:such\s+|a\s+|just\s+|so\s+|"
            r"a\s+massive\s+|a\s+huge\s+|really\s+)*burden\b|"
            r"\b(?:tired|sick)\s+of\s+(?:life|living|being\s+alive|existing|being\s+here)\b|"
            r"\b(?:plan\w*|work\w*\s+out|figur\w*\s+out|decid\w*|research\w*|look\w*\s+up|googl\w*|search\w*)\s+"
            r"(?:for\s+)?(?:how|when|where|ways)\s+(?:to|i\s+(?:would|will|could))\s+(?:end\s+it|die|do\s+it|"
            r"kill|not\s+exist|overdose|hang)|"
            r"\b(?:wont|will\s+not|not\s+going\s+to)\s+be\s+(?:around|here|alive)\s+(?:much\s+longer|for\s+long|"
            r"long|by|next|after|at\s+christmas|this\s+time)|"
            r"\b(?:dont|cant|never|no\s+longer)\s+see\s+(?:a|any|my|much\s+of\s+a)\s+future\b|"
            r"\bno\s+future\s+for\s+me\b|"
            r"\b(?:thought|thinking|think|thoughts|thinks)\s+(?:about|of)\s+(?:jumping|hanging|overdosing|"
            r"drowning|stepping\s+in\s+front|walking\s+in\s+front|crashing|taking\s+(?:all|loads|a\s+load|"
            r"too\s+many))|"
            r"\bhow\s+(?:much\s+)?longer\s+i\s+can\s+(?:keep\s+going|go\s+on|carry\s+on|take\s+(?:it|this)|"
            r"do\s+this|cope|last|hold\s+on)|"
            r"\b(?:want|wants|wish|need)\s+(?:it|everything)\s+(?:all\s+)?to\s+(?:stop|end)\s+(?:for\s+good|"
            r"forever|permanently)|"
            r"\b(?:going\s+to|gonna|will|want\s+to|wants\s+to|might|about\s+to)\s+take\s+(?:all|loads|a\s+load|"
            r"a\s+bunch|too\s+many|lots)\s+(?:of\s+)?(?:my|her|his|the|their)?\s*(?:pills|tablets|paracetamol|"
            r"painkillers|meds|medication)|"
            r"\b(?:wrote|written|writing|write|left|leave)\s+(?:a\s+)?(?:note|letter|letters|notes)\s+"
            r"(?:\w+\s+){0,4}?(?:just\s+in\s+case|in\s+case|goodbye|for\s+when\s+im\s+gone|for\s+after|"
            r"to\s+say\s+sorry)|\b(?:wrote|written|writing|left)\s+(?:a\s+)?(?:note|letter)\s+(?:to|for)\s+"
            r"(?:my\s+)?(?:family|everyone|parents|loved\s+ones)\b|"
            r"\b(?:giving|gave|give)\s+(?:away\s+)?(?:all\s+)?my\s+(?:stuff|things|belongings)\s+away|"
            r"\b(?:nobody|no\s+one|everyone|they)\s+would\s+(?:be\s+(?:happier|better|fine)|care|notice|"
            r"miss\s+me)\s+(?:if|when)\s+(?:i|im)\s+(?:was|were|wasnt|werent|am|gone|left|disappeared|died|"
            r"didnt)"
        ),
        not_after=_re(r"^\s*(?:in\s+(?:the|a)\s+(?:film|game|book)|lol\s+jk)"),
        needs=(
            "exis disa end die kill burd tire sick plan work figu deci rese look goog sear arou here= aliv "
            "futu jump hang over drow step walk cras taki longer= good= fore perm pill tabl para pain meds "
            "medi note lett stuff= things= belon woul"
        ),
    ),
    # Hiding injuries, marks and scars; relapse; urges; hair-pulling; punching walls.
    _Rule(
        _SELF_HARM,
        _re(
            r"\b(?:wear\w*|wore|in)\s+(?:\w+\s+)?(?:long\s+sleeves?|hoodies?|jumpers?|plasters|bandages|"
            r"wristbands?|sweatbands?|bracelets|long\s+tops|tights|trousers)\b[^.!?]{0,50}?"
            r"\b(?:so\s+(?:nobody|people|they|no\s+body|nobody\s+can|my\s+\w+)|nobody\s+(?:sees|can\s+see|"
            r"notices)|to\s+hide|to\s+cover|hide|cover|even\s+(?:in|when)\s+(?:its\s+)?(?:hot|summer|pe|"
            r"boiling))|"
            r"\b(?:(?:dont|didnt)\s+(?:want|let)\s+)?(?:anyone|anybody|nobody|people|them|they|teachers?|mum|"
            r"dad)\s+(?:to\s+|can\s+|will\s+|cant\s+)?(?:see|sees|seeing|notice|notices|look\s+at)\s+"
            r"(?:my|her|his)\s+(?:wrists?|arms?|thighs?|legs|scars|cuts|marks)|"
            r"\b(?:my|her|his)\s+(?:arms?|wrists?|legs?|thighs?|stomach|skin)\s+(?:are|is|were|was|have|has|"
            r"got)\s+(?:\w+\s+)?(?:covered\s+in|full\s+of|got)\s+(?:\w+\s+)?(?:marks|cuts|scars|scratches|"
            r"burns|bruises)|"
            r"\b(?:hide|hiding|hid|cover\w*)\s+(?:them|it|my\s+\w+)\s+(?:in|during|for|at)\s+(?:pe|swimming|"
            r"summer|school)|"
            r"\b(?:my|her|his|their|zznames?)\s+(?:(?!hair)\w+\s+)?(?:cuts|scars|self\s*harm)\b|"
            r"\b(?:i|ive|she|shes|he|hes|zzname)\s+(?:\w+\s+)?(?:cut|cutted)\s+(?:again|last\s+night|yesterday|"
            r"today|this\s+morning|tonight|most\s+nights|every\s+night)|"
            r"\b(?:havent|hasnt|not|didnt|stopped|clean\s+from|been\s+clean\s+from)\s+(?:\w+\s+)?(?:self\s*harm\w*|"
            r"cut|cutted|cutting|sh|hurt\s+myself|hurting\s+myself)\s+(?:in|for|since)\b|"
            r"\brelaps\w*\b|"
            r"\bpull\w*\s+(?:my|her|his|out\s+my)\s+(?:own\s+)?(?:hair|eyelashes|eyebrows)\s*(?:out\s+)?"
            r"(?:until|so|and\s+(?:there|i|it)|in\s+clumps|when)|\bbald\s+(?:bits|patches|spots)\b|"
            r"\b(?:punch\w*|hit\w*|bang\w*|smash\w*|kick\w*)\s+(?:the\s+)?walls?\s+(?:until|till|so|to|and|"
            r"when)"
        ),
        not_after=_re(r"^\s*(?:in\s+(?:the|a)\s+(?:film|game|video))"),
        needs=(
            "sleev hood jump plas band wris swea brac tops tigh trou arm arms thig legs scar cuts mark scra "
            "burn brui hide hidi hid cove self cut sh= hurt rela pull bald wall walls"
        ),
    ),
    # Unwanted pictures, being filmed, secrets, "what are you wearing", "mature for your age".
    _Rule(
        ("sexual_abuse", "exploitation"),
        _re(
            r"\b(?:sends?|sent|sending|get|gets|getting|got|receive\w*)\s+(?:me\s+|her\s+|him\s+)?"
            r"(?:\w+\s+){0,2}?(?:pics?|videos?|snaps?|images?|nudes?)\s+(?:\w+\s+){0,4}?(?:from|by)\s+"
            r"(?:someone|somebody|a|an|this|some|random|older|adults?|men|man|guys?|strangers?)\b|"
            r"\b(?:pics?|videos?|snaps?|images?|nudes?|messages)\s+(?:i|she|he)\s+(?:dont|didnt|doesnt)\s+"
            r"(?:want|like|ask\s+for)\b(?=[^.!?]{0,40}\b(?:older|man|men|guy|adult|stranger|he|him|they|"
            r"zzname|someone))|"
            r"\bask\w*\s+(?:me\s+|her\s+)?what\s+(?:im|i\s+am|shes|she\s+is|i\s+was)\s+wearing|"
            r"\bmature\s+for\s+(?:my|your|her|his)\s+age\b|"
            r"\b(?:i|we|she|he)\s+(?:had|have|has|got)\s+to\s+keep\s+(?:it|this|that|things|everything|"
            r"what\s+\w+\s+\w+)\s+(?:a\s+)?secret\b|"
            r"\b(?:film\w*|record\w*|took\s+(?:pics?|videos?)\s+of|take\s+(?:pics?|videos?)\s+of)\s+"
            r"(?:me|her|him|zzname)\b[^.!?]{0,60}?\b(?:shared|sent|posted|round|everyone|drunk|asleep|"
            r"passed\s+out|naked|changing|without\s+(?:my|me|her)|leaked)\b|"
            r"\b(?:pics?|videos?|nudes?)\s+(?:of\s+(?:me|her|him)\s+)?(?:\w+\s+)?(?:been|got|get|gets|were|was|"
            r"are|is)\s+(?:shared|sent|posted|leaked|spread)\b"
        ),
        needs=(
            "pic pics vide snap imag nude mess wear matu secr film reco"
        ),
    ),
    # Fear of threats from people they know: "they'll jump me after school", "he goes for mum".
    _Rule(
        _harm,
        _re(
            r"\b(?:they\s+will|hell|shell|theyd|hed|shed|(?:they|he|she)\s+(?:will|would|are\s+going\s+to|"
            r"is\s+going\s+to|said\s+(?:they|he|she)\s*(?:will|would|d|ll)))\s+(?:\w+\s+)?"
            r"(?:jump|batter|beat|stab|smash|shank|hurt|hit|knife|kill)\s+(?:me|her|him|us|my\s+\w+|mum)\b"
            r"(?!\s+(?:if\s+i\s+(?:fail|dont|forget|am\s+late|m\s+late|get|lose|break)|when\s+(?:she|he|they)\s+"
            r"(?:sees|finds\s+out|hears)|lol|haha))|"
            r"\b(?:goes|went|going|comes|came)\s+for\s+(?:my\s+)?mum\b|"
            r"\b(?:goes|go|went|going|gone|comes|came)\s+for\s+(?:my\s+)?(?:mum|her|me|us|my\s+(?:\w+\s+)?"
            r"(?:brother|sister))\b(?=[^.!?]{0,40}\b(?:drunk|angry|hit|hits|punch\w*|fist|knife|scared|"
            r"mood|temper|again|when|hurt))|"
            r"\b(?:\w+\s+)?(?:comes?|came|gets?|got)\s+(?:home\s+)?(?:drunk|angry|in\s+a\s+(?:mood|rage|temper))"
            r"\b(?=[^.!?]{0,60}\b(?:hide|hiding|scared|mum|her|me|us|upstairs|room|hits?|hurts?))"
        ),
        sport_guard=True,
        needs=(
            "jump batt beat stab smas shan hurt hit hits knif kill goes went goin gone come came go= drun "
            "angr mood rage temp"
        ),
    ),
    # Control: money, phone, friends, diary, where you go.
    _Rule(
        lambda match, clause: ("emotional_abuse", "domestic_abuse")
        if re.search(r"\b(?:mum|mums|her|she|partner|boyfriend|girlfriend|husband|wife|ex)\b", clause)
        else ("emotional_abuse",),
        _re(
            r"\b(?:controls?|controlling|takes?|took|keeps?)\s+(?:all\s+)?(?:of\s+)?(?:my|her|his|our)\s+"
            r"(?:\w+\s+)?(?:money|bank\s+card|benefits|wages|passport)\b(?!\s+(?:at|for|until|till))|"
            r"\b(?:checks?|checking|reads?|reading|goes\s+through|went\s+through|tracks?|tracking)\s+"
            r"(?:all\s+)?(?:of\s+)?(?:my|her|his)\s+(?:\w+\s+)?(?:diary|messages|texts|location|emails|"
            r"phone\s+(?:all|every)|everything)|"
            r"\b(?:checks?|checking)\s+everything\b|"
            r"\b(?:wont|doesnt|dont|never)\s+let\s+(?:me|her|him|us|my\s+mum)\s+(?:go\s+out|see\s+(?:her|his|my)\s+"
            r"(?:friends|mates|family)|leave\s+the\s+house|have\s+(?:any\s+)?friends|talk\s+to\s+(?:other|any))|"
            r"\bnot\s+allowed\s+(?:to\s+)?(?:have\s+)?(?:any\s+)?friends\b|"
            r"\b(?:partner|boyfriend|girlfriend|husband|wife|he|she)\s+(?:\w+\s+)?(?:checks?|goes\s+through|"
            r"reads?|tracks?)\s+(?:my|her)\s+(?:phone|messages|location)"
        ),
        needs=(
            "mone bank bene wage pass diar mess text loca emai phon ever let= frie"
        ),
    ),
    # Being unwanted, blamed, excluded, locked out, threatened with being thrown out or into care.
    _Rule(
        _EMOTIONAL,
        _re(
            r"\bwish(?:es|ed)?\s+(?:she|he|they)\s+(?:had\s+)?never\s+(?:had|have|adopted|kept)\s+"
            r"(?:me|us|her|him)|\bregrets?\s+(?:having|adopting|keeping)\s+(?:me|us)|"
            r"\b(?:get|got|gets|getting|was|been|am|im|being)\s+(?:\w+\s+)?(?:locked|shut)\s+(?:out|in)\s+"
            r"(?:of\s+)?(?:the\s+house|the\s+flat|my\s+room|the\s+(?:shed|garden|cupboard|bathroom)|outside)|"
            r"\b(?:makes?|made|forces?|forced)\s+(?:me|us|her|him)\s+(?:to\s+)?(?:eat|sit|stay|sleep|live)\s+"
            r"(?:\w+\s+)?(?:on\s+my\s+own|alone|separately|away\s+from|in\s+(?:my|the)\s+(?:room|garage|shed|"
            r"hallway))|"
            r"\b(?:say|says|said|tell|tells|told|call|calls|called)\s+(?:me\s+)?(?:that\s+)?(?:im|i\s+am|i\s+was)\s+"
            r"the\s+(?:bad|worst|stupid|ugly|problem|reason|difficult|evil|naughty)\s*(?:one|child|kid)?\b|"
            r"\b(?:im|i\s+am|i\s+get|i\s+got|always)\s+(?:\w+\s+)?blamed\s+for\s+(?:everything|it\s+all|all|"
            r"(?:the|their|mum|dads|my\s+\w+)\s+\w+)|"
            r"\b(?:say|says|said|saying|threaten\w*|will|ll|would|gonna|going\s+to)\s+(?:\w+\s+){0,2}?"
            r"(?:kick|throw|chuck|put|send)\s+(?:me|us|her|him)\s+(?:out|away|in\s+care|into\s+care)\b|"
            r"(?:\b(?:he|she|they|zzname|mum|dad|parents|stepdad|stepmum|family|carers?|nan|gran)\s+(?:\w+\s+)?"
            r"(?:makes?|made|making)\s+(?:me|us|her|him)|\b(?:im|i\s+am|i\s+was|i\s+get|always|get|got)\s+made\s+to)"
            r"\s+feel\s+(?:like\s+)?(?:\w+\s+){0,2}?(?:nothing|"
            r"worthless|useless|stupid|not\s+good\s+enough|never\s+good\s+enough|a\s+failure|invisible|unwanted|"
            r"unloved|a\s+burden|i\s+dont\s+(?:exist|matter|belong))|"
            r"\b(?:nothing\s+i\s+do\s+is\s+(?:ever\s+)?(?:good\s+enough|right)|never\s+good\s+enough\s+for\s+"
            r"(?:them|her|him|my\s+\w+))|"
            r"\b(?:i\s+)?(?:feel|felt|feeling|am|im)\s+(?:so\s+|really\s+|completely\s+|totally\s+|just\s+)?"
            r"(?:worthless|unwanted|unloved|invisible|like\s+(?:nobody|no\s+body)\s+(?:cares|wants\s+me|"
            r"loves\s+me)|like\s+i\s+dont\s+(?:exist|matter|belong))"
        ),
        needs=(
            "wish regr lock shut make makes made forc bad worst stupi ugly probl reaso diffi evil naugh "
            "blame kick thro chuc put send feel good worth unwan unlov invis nobo exis matt belo"
        ),
    ),
    # A carer who says they hate the child.
    _Rule(
        lambda match, clause: ("emotional_abuse",) if re.search(
            r"\b(?:mum|mums|dad|dads|parents?|stepdad|stepmum|carers?|nan|gran|grandad|uncle|auntie|family)\b",
            clause,
        ) else (),
        _re(
            r"\b(?:mum|mums|dad|dads|parents?|stepdad|stepmum|carers?|nan|gran|grandad|uncle|auntie|family)\b"
            r"[^.!?]{0,60}?\b(?:she|he|they)\s+(?:\w+\s+)?(?:hates?|cant\s+stand|despises?)\s+me\b"
        ),
        needs="hate hates desp stand",
    ),
    # Neglect: food forgotten, nobody cooks, shoes with holes, dirt and mould, a parent asleep all
    # day, a child doing it all, nobody caring where they are.
    _Rule(
        _NEGLECT,
        _re(
            r"\b(?:forgets?|forgot|forgetting|cant\s+be\s+bothered\s+to|never|doesnt|dont|wont|nobody)\s+"
            r"(?:to\s+)?(?:\w+\s+)?(?:buy|get|make|makes|cook|cooks|give|gives|do)\s+(?:me\s+|us\s+)?"
            r"(?:any\s+)?(?:food|dinner|tea|meals?|breakfast|the\s+shopping|shopping|lunch|anything\s+to\s+eat)\b|"
            r"\bforg[eo]t\w*\s+(?:to\s+)?(?:feed|pick\s+(?:me|us)\s+up|collect\s+(?:me|us)|about\s+(?:me|us))|"
            r"\b(?:nobody|never|doesnt|dont|wont|cant\s+afford\s+to|no\s+money\s+to)\s+(?:\w+\s+)?(?:buys?|"
            r"bought|gets?|get)\s+(?:me|us|her|him)\s+(?:any\s+)?(?:new\s+)?(?:ones|clothes|shoes|uniform|coat|"
            r"trainers|school\s+stuff)|"
            r"\b(?:holes\s+in\s+(?:my|our|her|his)\s+(?:shoes|clothes|trainers|uniform|coat)|(?:shoes|clothes|"
            r"trainers|uniform|coat)\s+(?:have|has|got)\s+(?:got\s+)?holes|(?:shoes|clothes|uniform)\s+(?:are\s+)?"
            r"(?:too\s+small|dont\s+fit))|"
            r"\b(?:mould|mold|damp|dog\s+(?:mess|poo|poop|wee|dirt)|rats|mice|cockroaches|fleas|bed\s*bugs|"
            r"rubbish|nappies)\s+(?:\w+\s+){0,2}?(?:everywhere|all\s+over|on\s+the\s+(?:walls|floor)|in\s+(?:my|"
            r"the|our)\s+(?:room|bed|house|flat|kitchen))|"
            r"\b(?:house|flat|home|room)\s+(?:is|was)\s+(?:always\s+)?(?:so\s+|really\s+)?(?:dirty|smelly|"
            r"a\s+(?:tip|mess|state)|minging|rank|gross)\b|"
            r"\b(?:mum|dad|parents|she|he|they)\s+(?:\w+\s+)?(?:sleeps?|slept|sleeping|in\s+bed|stays?\s+in\s+bed|"
            r"lies\s+in\s+bed)\s+all\s+(?:day|the\s+time)|"
            r"\b(?:mum|dad|parents|she|he|they)\s+(?:is|are|s)\s+(?:always|never|hardly\s+ever)\s+(?:out|home|"
            r"there|around|awake|up)\b|"
            r"\b(?:i|we)\s+(?:\w+\s+)?(?:look\s+after|care\s+for|feed|raise|bath)\s+my\s+(?:\w+\s+)?"
            r"(?:brothers?|sisters?|siblings|mum|dad)\b(?=[^.!?]{0,60}\b(?:always|never|because|out|drunk|"
            r"asleep|sleeps|ill|bed|on\s+my\s+own|every|all\s+the\s+time|im\s+\d|nobody))|"
            r"\b(?:have|has|had)\s+to\s+(?:get|got)\s+(?:myself|ourselves)\s+(?:up|ready|dressed|to\s+school|fed)|"
            r"\b(?:parents|mum|dad|they|carers?|nobody)\s+(?:\w+\s+)?(?:dont|doesnt|never|wont)?\s*(?:even\s+|"
            r"really\s+)?(?:care|cares|bother|bothers|ask|asks|check|checks|notice|notices)\s+(?:where|if|when|"
            r"about)\s+(?:i|im|me|we|us)\s+(?:\w+\s+)?(?:am|are|come|go|get|eat|home|back|go\s+to\s+school)?"
            r"(?:\s+home)?\b(?=\s*(?:or|and|at|[.!?,]|$)|\s+\w+\s+home)"
        ),
        not_before=_re(r"\b(?:school|canteen|the\s+shop|cafe)\s+(?:\w+\s+)?$"),
        needs=(
            "food dinn tea= meal brea shop lunc anyt forg ones clot shoe unif coat trai hole mould mold damp "
            "dog rats mice cock flea bed bedbu rubb napp dirt smel tip mess stat ming rank gros slee slep "
            "bed alwa neve hard look care feed rais bath myse ours both ask asks chec noti"
        ),
    ),
    # Going missing: not home for days, staying away because home is bad, out all night, police.
    _Rule(
        _MISSING,
        _re(
            r"\b(?:not|havent|hasnt|never|didnt|dont|wont|not\s+been)\s+(?:been|come|came|gone|went|go|slept|"
            r"sleep|stayed|back)\s+(?:back\s+)?(?:home|in\s+(?:my|our)\s+(?:house|bed))\s+(?:for|in|since|"
            r"until|till|all|last)\b|"
            r"\b(?:stay|stays|stayed|staying|sleep|sleeps|slept|sleeping|crash\w*|live|living)\s+(?:at|round|in|"
            r"on)\b[^.!?]{0,40}?\b(?:because|to\s+(?:avoid|get\s+away)|so\s+i\s+dont\s+have\s+to)\s+"
            r"(?:\w+\s+){0,2}?(?:home|house|i\s+cant|of\s+(?:my\s+)?(?:mum|dad|stepdad|him|her|them))\b"
            r"(?:\s+(?:is|was|isnt|s)\s+\w+)?|"
            r"\b(?:wander\w*|walk\w*|roam\w*|out|outside|hang\w*\s+(?:out|around)|ride\s+(?:the\s+)?buses)\s+"
            r"(?:\w+\s+){0,3}?(?:all\s+night|until\s+(?:\d|the\s+morning|morning|it\s+gets\s+light)|"
            r"till\s+\d|overnight)|"
            r"\b(?:police|cops)\s+(?:\w+\s+){0,3}?(?:picked|brought|found|took)\s+(?:me|her|him|us|zzname)\s+"
            r"(?:up|home|back)|"
            r"\b(?:got|was|were|been|get|gets)\s+(?:picked\s+up|brought\s+(?:home|back)|found)\s+by\s+"
            r"(?:the\s+)?(?:police|cops)|"
            r"\brather\s+(?:sleep|live|be)\s+(?:on\s+the\s+streets?|outside|anywhere)"
        ),
        not_after=_re(r"^\s*(?:in\s+(?:the|a)\s+(?:film|game|book|story|show))"),
        needs=(
            "home hous bed beca avoi away nigh morn unti till over poli cops rath"
        ),
    ),
    # Exploitation: unexplained money and gifts, journeys to unknown towns, debts worked off,
    # holding things or doing jobs for older people, a second phone, older men with drink.
    _Rule(
        _EXPLOIT,
        _re(
            r"\b(?:comes?|came|coming|turns?\s+up|turned\s+up)\s+(?:back|home|in)\s+(?:\w+\s+){0,3}?with\s+"
            r"(?:\w+\s+){0,3}?(?:cash|money|new\s+(?:clothes|trainers|phones?|stuff)|designer|expensive)\b|"
            r"\b(?:sent|put|taken|took|takes|sends|drove|driven|go|going|went|travel\w*)\s+(?:\w+\s+){0,5}?to\s+"
            r"(?:a\s+|an\s+|other\s+|different\s+|random\s+)?(?:towns?|cities|city|places?|areas?)\s+"
            r"(?:i|we|he|she)\s+(?:didnt|dont|had\s+never|have\s+never|never)\s+(?:know|been|heard)|"
            r"\b(?:drop|dropping|dropped|deliver\w*|pick\w*)\s+(?:something|stuff|things|a\s+package|a\s+bag|"
            r"bags|packages|parcels|it)\s+(?:off|up)?\s*(?:for\s+(?:them|him|some|older|these)|in\s+(?:another|"
            r"other|a\s+different))|"
            r"\b(?:work|working|worked|pay|paying)\s+(?:it|that|this|the\s+debt|the\s+money)\s+off\b|"
            r"\bdebt\s+bond\w*|"
            r"\b(?:keep|keeping|kept|hold|holding|held|hide|hiding|hid|stash\w*|carry\w*|look\w*\s+after|"
            r"store|storing)\s+(?:stuff|things|something|bags?|packages?|parcels?|phones?|money|cash|knives|"
            r"a\s+knife|weapons?|drugs|it|them)\s+(?:\w+\s+){0,4}?for\s+(?:some|these|those|older|"
            r"the\s+(?:older|lads|boys|guys|men|gang|man)|a\s+(?:gang|man|guy|bloke|lad)|them|him|people|lads|"
            r"guys|men|boys|dealers?)\b|"
            r"\b(?:do|does|doing|did|run|running)\s+(?:jobs|errands|favours|runs|drops|work|bits|deliveries)\s+"
            r"for\s+(?:some|these|those|older|the\s+(?:older|lads|boys|guys|men|gang)|a\s+(?:gang|man|guy)|"
            r"them|him|lads|guys|men|boys|people)\b|"
            r"\b(?:second|another|extra|burner|spare|separate|work)\s+phone\b(?=[^.!?]{0,60}\b(?:they|them|"
            r"him|answer|ring|rings|call|calls|gave|give|told|have\s+to|has\s+to))|"
            r"\b(?:man|men|guy|guys|bloke|older|adult|lads?|he)\b[^.!?]{0,60}?\b(?:gives?|gave|giving|buys?|"
            r"bought|offers?|offered)\s+(?:me|us|her|him|my\s+\w+)\s+(?:free\s+)?(?:\w+\s+)?(?:alcohol|drink|"
            r"drinks|vodka|weed|drugs|vapes?|cigs|fags|cigarettes|money|cash|gifts|presents|lifts?|phones?|"
            r"trainers|clothes|stuff|things)\b|"
            r"\b(?:man|men|guy|guys|bloke|older|adult|lads?)\b[^.!?]{0,40}?\blets?\s+(?:me|us|her|him)\s+"
            r"(?:stay|sleep|hang\s+out|chill)\s+(?:at|in|round)\s+(?:his|their)\s+(?:flat|house|place)|"
            r"\b(?:parties|party|flat|house)\s+with\s+(?:older|adult|grown)\s+(?:men|man|guys|people|lads)|"
            r"\btake\w*\s+(?:me|us|her|him)\s+(?:\w+\s+)?(?:to\s+)?(?:parties|party|hotels?|flats?)\s+with\s+"
            r"(?:older|adult|grown)"
        ),
        not_after=_re(r"^\s*(?:for\s+(?:my|the)\s+(?:mum|nan|neighbour|school)|at\s+(?:the\s+)?(?:shop|work))"),
        needs=(
            "cash mone new= desi expe town city citie plac area drop deli pick off= debt keep kept hold held "
            "hide hidi hid stas carr look stor jobs erra favo runs drops work bits phon give gives gave givi "
            "buy buys boug offe flat hous part hote"
        ),
    ),
    # Substance misuse: getting high, blacking out, high or drunk all the time, hard drugs.
    _Rule(
        _SUBSTANCE,
        _re(
            r"\bto\s+get\s+(?:high|stoned|wasted|mashed|smashed|off\s+(?:my|your|her|his)\s+(?:face|head))|"
            r"\b(?:im|i\s+am|i\s+was|i\s+get|i\s+got|we\s+get|we\s+got|getting)\s+(?:so\s+|really\s+)?"
            r"(?:high|stoned|wasted|mashed|off\s+my\s+face)\b(?!\s+(?:marks|grades|scores?|score|up|enough))|"
            r"\b(?:high|stoned|drunk|wasted|hammered|mashed|pissed)\s+(?:\w+\s+)?(?:all\s+the\s+time|"
            r"most\s+(?:days|nights|weekends)|every\s+(?:day|night|weekend)|everyday)|"
            r"\bblack\s*out\s+drunk|\b(?:blacked|black)\s+out\b(?=[^.!?]{0,40}\b(?:drink|drunk|vodka|alcohol|"
            r"drugs))|\b(?:drink|drank)\s+until\s+i\s+(?:black|pass)|"
            r"\b(?:been\s+|started\s+|keep\s+|still\s+)?(?:doing|taking|using|snorting|smoking|on|addicted\s+to|"
            r"hooked\s+on)\s+(?:\w+\s+)?(?:coke|cocaine|ket|ketamine|mdma|xans|spice|heroin|crack|mandy|"
            r"pingers|benzos|lean|nos|balloons)\b|"
            r"\b(?:need|needs|needed)\s+(?:a|to)\s+(?:drink|smoke|spliff|joint)\s+(?:\w+\s+)?(?:to|before|"
            r"just\s+to|every)|"
            r"\b(?:steal\w*|stole|pinch\w*|nick\w*|take|took|taking)\s+(?:my\s+)?(?:\w+s\s+)?(?:tablets|pills|"
            r"meds|medication|alcohol|vodka|drink)\b(?=[^.!?]{0,40}\b(?:high|wasted|drunk|off\s+my|sleep|"
            r"forget|numb))"
        ),
        not_after=_re(r"^\s*(?:lessons?|talks?|awareness|education)"),
        needs=(
            "high ston wast mash smas face head drun hamm piss blac pass coke coca ket keta mdma xans spic "
            "hero crac mand ping benz lean nos ball drin smok spli join tabl pill meds medi alco vodk"
        ),
    ),
    # Bullying: slagging off, hiding from them, hateful messages, racist or homophobic abuse.
    _Rule(
        _BULLYING,
        _re(
            r"\bslag\w*\s+(?:me|her|him|us|zzname)\s+off|\bslag\w*\s+off\s+(?:me|her|him|us|zzname)|"
            r"\b(?:hide|hiding|hid)\s+(?:in\s+the\s+(?:toilets?|loos?|library)|from\s+(?:them|people|everyone|"
            r"the\s+(?:boys|girls|kids|others|group)))|"
            r"\bso\s+(?:they|people|nobody|the\s+\w+)\s+(?:cant|dont|wont)\s+(?:find|see|get\s+to|get|hurt|"
            r"bother|pick\s+on)\s+me\b|"
            r"\b(?:send\w*|sent|call\w*|shout\w*|say\w*|said|post\w*|leav\w*|comment\w*)\s+(?:me|her|him|us)\s+"
            r"(?:\w+\s+)?(?:racist|homophobic|transphobic|sexist|nasty|horrible|abusive|threatening|mean|hate|"
            r"hateful)\s+(?:messages|comments|stuff|things|names|texts|dms|notes)|"
            r"\b(?:racist|homophobic|transphobic)\s+(?:abuse|comments|names|messages|slurs|bullying)\b"
            r"(?=[^.!?]{0,40}\b(?:me|my|i|every|all\s+the\s+time))|"
            r"\b(?:nobody|no\s+one)\s+(?:\w+\s+)?(?:talks?\s+to|sits?\s+with|plays?\s+with)\s+me\b"
        ),
        needs=(
            "slag hide hidi hid so= raci homo tran sexi nast horr abus thre mean hate talk sits sit play"
        ),
    ),
    # --- referring back: "it happens to me" after naming a kind of harm ------------------
    _Rule(
        lambda match, clause: (),  # replaced below by _referred, which needs the whole answer
        _re(
            r"\b(?:it|this|that|the\s+same(?:\s+thing)?|something\s+like\s+(?:that|this)|stuff\s+like\s+"
            r"(?:that|this))\s+(?:\w+\s+){0,2}?(?:happen\w*|is\s+happening|goes\s+on|went\s+on)\s+"
            r"(?:to|with|at)\s+(?:me|us|her|him|zzname|my\s+(?:\w+\s+)?(?:\w+)|home)\b|"
            r"\b(?:i\s+think|maybe|worried)\s+(?:i|im|my\s+\w+|zzname|she|he)\s+(?:\w+\s+){0,2}?"
            r"(?:might\s+be|could\s+be|is|am|im|being|been|was)\s+(?:being\s+)?(?:groomed|abused|neglected|"
            r"exploited|manipulated)"
        ),
        needs="happ goes went groo abus negl expl mani",
    ),
)

_RULE_STARTS: tuple[tuple[_Rule, frozenset[str]], ...] = tuple((r, r.starts) for r in _RULES)

# Topic words that tell what "it" refers to in "it happens to me".
_TOPICS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(p), c)
    for p, c in (
        (r"\bsuicid\w*|\bkill\w*\s+(?:them|your)sel(?:f|ves)", "suicidal_thoughts"),
        (r"\bself\s*harm\w*|\bcutting\b", "self_harm"),
        (r"\bsexual\w*|\brape\w*|\bnudes?\b|\bsexting|\btouch\w*", "sexual_abuse"),
        (r"\bdomestic\b", "domestic_abuse"),
        (r"\bgroom\w*|\bcounty\s+lines|\bexploit\w*|\bsextort\w*|\bmanipulat\w*", "exploitation"),
        (r"\bneglect\w*", "neglect"),
        (r"\bemotional\w*|\bcontrol\w*", "emotional_abuse"),
        (r"\babus\w*|\bviolen\w*|\bhit\w*", "physical_abuse"),
        (r"\brun\w*\s+away|\bmissing\b", "going_missing"),
        (r"\bdrugs?\b|\balcohol\w*|\bdrink\w*|\bweed\b", "substance_misuse"),
        (r"\bbull\w*", "severe_bullying"),
    )
)
_REFER_RULE = _RULES[-1]


def _referred(norm: str, match: str) -> tuple[str, ...]:
    for pattern, category in _TOPICS:
        if pattern.search(match) or pattern.search(norm):
            return (category,)
    return ()


# ---------------------------------------------------------------------------------------
# Guards
# ---------------------------------------------------------------------------------------

# Where a clause starts: the end of a sentence, or a word that turns to a new statement.
_CLAUSE_BREAK = re.compile(
    r"[.!?;:\n()\"]|,\s*(?:but|and|so)\b|\b(?:but|however|although|though|except|whereas|"
    r"and\s+then|and\s+(?=i\b|my\b|im\b|she\b|he\b|zzname))\b"
)
_WORD = re.compile(r"[a-z0-9]+")
_SENTENCE_BREAK = re.compile(r"[.!?;\n]")

# A negator right before the verb, with only helpers between: "nobody hits me",
# "he has never really hurt me", "i dont think i get bullied". "i dont know why he hits me"
# is not negated because "know why" is not a helper.
_NEGATED = re.compile(
    r"\b(?:not|never|nobody|nothing|dont|doesnt|didnt|wont|wouldnt|havent|hasnt|hadnt|isnt|arent|wasnt|"
    r"werent|cant|couldnt|no\s+longer|none\s+of\s+(?:them|my\s+\w+|the\s+\w+)|no\s+(?:adult|teacher|one))\s+"
    r"(?:(?:really|ever|even|actually|think|believe|reckon|feel|get|gets|got|getting|been|being|be|have|"
    r"has|had|usually|physically|sexually|emotionally|like|anyone|anybody|i|it|he|she|they|would|will|do|"
    r"does|did|at|all|much|properly|seriously|try|tried|to|want|wanted|let|lets|allowed|ever|am|im|is|"
    r"are|was|were|personally|myself|self|that|so|too|go|and|or|someone|somebody|people|a|any|more|"
    r"anymore|still)\s+){0,4}$"
)

# A hypothetical about someone in general: "if someone hurt me", "what if a child is abused".
_GENERIC_IF = re.compile(
    r"\b(?:if|in\s+case|what\s+if|suppose|imagine|unless|say)\s+(?:\w+\s+){0,2}?"
    r"(?:someone|somebody|anyone|anybody|a\s+(?:child|kid|person|young\s+person|friend|student|pupil|"
    r"stranger|teenager)|children|kids|people|young\s+people|you|your|one|strangers|students|pupils|they)\b|"
    r"\b(?:when|whenever)\s+(?:\w+\s+){0,2}?"
    r"(?:someone|somebody|anyone|anybody|a\s+(?:child|kid|person|young\s+person|student|pupil|"
    r"stranger|teenager)|children|kids|people|young\s+people|strangers|students|pupils)\b"
)
# A hypothetical about the child or someone they know: "if i was bullied i would tell", "if
# my friend ran away i would tell her mum". Counted only when a modal elsewhere in the
# sentence shows it is imagined, and no new subject and modal sit between the "if" and the
# match ("if i tell anyone my dad will hit me" is a real threat).
_SELF_IF = re.compile(r"\b(?:if|what\s+if|in\s+case)\s+(?:i|my\s+\w+|she|he|we|zzname)\b")
_MODAL = re.compile(
    r"\b(?:would|id|could|should|might|i\s+will|ill|i\s+can|i\s+know\s+(?:who|what|how|where)|"
    r"tell\s+(?:a|my|an|the)\s+(?:teacher|adult|parent|mum|dad|someone)|call|ring|report|talk\s+to)\b"
)
_MAIN_CLAUSE = re.compile(
    r"\b(?:he|she|they|my\s+\w+|zzname|it|i)\s+(?:\w+\s+)?(?:will|would|is\s+going\s+to|going\s+to|ll|d|"
    r"always|does|starts|just|then)\b|,"
)

# Lessons, awareness, services, games, films and news near the match.
_CONTEXT = re.compile(
    r"\b(?:learn\w*|learnt|taught|teach(?:es|ing)?|lessons?|pshe|pshce|rse|assembly|assemblies|workshop|"
    r"presentation|awareness|talks?\s+(?:on|about)|talked\s+about|video\s+about|leaflets?|posters?|"
    r"campaign|information|info|educat\w+|topic|subject|training|course|project|essay|homework|"
    r"more\s+(?:help|support|services|funding|lessons|people|awareness|info|police)|"
    r"help\s+(?:for|with)|support\s+(?:for|with)|services?\s+for|tackle|"
    r"reduce|prevent|people\s+who|those\s+who|children\s+who|kids\s+who|young\s+people\s+who|anyone\s+who|"
    r"someone\s+who|teens?\s+who|students\s+who|ban|banned|dangers?\s+of|risks?\s+of|signs?\s+of|"
    r"how\s+to|what\s+to\s+do|film|films|movie|movies|tv|telly|netflix|series|episode|"
    r"(?:the|a|my)\s+(?:show|book|story)|(?:tiktok|youtube|clip|podcast|article|reel)s?\s+about|novel|news|newspaper|documentary|game|games|gaming|fortnite|minecraft|roblox|gta|cod|"
    r"call\s+of\s+duty|character|characters|zombies?|song|lyrics|tiktok\s+trend|meme|joke|joking|"
    r"pretend\w*|play\w*\s+(?:fight|fighting)|acting|play\s+(?:about|where|in\s+which)|drama|"
    r"in\s+(?:history|english|re|science)|statistics|stats|survey|charity|fundraiser)\b"
)
# Wishes and opinions: they cancel a match only when it names no one close to the child.
_WISH = re.compile(r"\b(?:should|need\s+to|needs\s+to|stop|more|better|ban|less|fewer)\b")
_CONTEXT_AFTER = re.compile(
    r"^\s*(?:talk|talks|lesson|lessons|assembly|workshop|awareness|education|session|presentation|video|"
    r"campaign|training|posters?|leaflets?|info|information|prevention|charity|services?|"
    r"support|help\s+(?:line|for|is)|helpline|team|officer|programme|club|is\s+(?:a|bad|wrong|never|"
    r"not|serious|illegal)|should|needs?\s+to|in\s+(?:the|a)\s+(?:film|game|book|news|show)|scene|"
    r"storyline|in\s+(?:pshe|assembly|lessons|school\s+lessons))\b"
)
# Play, sport and accidents explain contact words ("he kicked me in football").
_SPORT = re.compile(
    r"\b(?:football|footy|rugby|match|pe|fifa|fortnite|boxing|karate|kickboxing|taekwondo|judo|"
    r"wrestling|martial\s+arts|play\s*fight\w*|messing\s+(?:about|around)|mucking\s+about|"
    r"by\s+accident|accidentally|accident|tag|dodgeball|hockey|netball|basketball|cricket|"
    r"training|sparring|tickl\w+|pillow\s+fight|in\s+the\s+game|game|joke|joking|for\s+a\s+laugh|banter|"
    r"messing|plays?\s+rough|rough\s+(?:play|housing))\b"
)
_FIRST_PERSON = re.compile(r"\b(?:i|im|ive|me|my|myself|us|we|our)\b")

# Who may be the subject of a harm word, with only helpers between it and the word:
# "i", "my friend", "my little sister", "[name]", "she", "my mums boyfriend".
_PERSONAL_SUBJECT = re.compile(
    r"(?:\b(?:thoughts?\s+(?:of|about)|(?:thinking|think|thought|thinks)\s+(?:of|about)|attempted|attempt|feel|feeling|felt|suffer\w*\s+(?:from|with)|"
    r"struggl\w+\s+with|history\s+of|been\s+through|went\s+through|going\s+through)\s+|"
    r"\b(?:i|im|ive|id|ill|we|weve|she|shes|he|hes|they|theyre|theyve|you|youre|me|myself|herself|himself|"
    rf"zznames?|(?<!\ba\s)(?<!\ban\s)(?<!\bthe\s)(?<!\bsome\s){_PERSON_NOUN}|(?:my|our|his|her|their)\s+(?:\w+\s+){{0,2}}?\w+)\s+|\b(?:my|her|his|our)\s+)"
    r"(?:(?:is|are|was|were|am|be|been|being|get|gets|got|getting|has|have|had|still|always|constantly|"
    r"often|sometimes|really|just|also|keep|keeps|kept|used\s+to|use\s+to|started|start|starting|"
    r"began|who|that|do|does|did|ever|even|literally|actually|kind\s+of|kinda|regularly|now|again|"
    r"secretly|would|will|can|could|might|to|seriously|cant|couldnt|stop|badly|physically|emotionally|sexually|mentally|"
    r"verbally|think|thinks|thought|feel|feels|felt|want|wants|wanted|like|going|tried|try|tries|"
    r"trying|need|needs|about|of|been\s+\w+ing|hate|hates|stopped|stop|quit|relapsed|so|very|asked|told|"
    r"made|forced|paid|pressured|groomed|scared|into|helps?|helped|a|some|more|"
    r"sort\s+of|probably|maybe|definitely|also|all|both|once|twice|then|and|even|a\s+lot|n)\s+){0,5}$"
)
_GENERIC_SUBJECT = re.compile(
    r"\b(?:people|kids|children|students|pupils|teens|teenagers|anyone|someone|somebody|everyone|"
    r"those|young\s+people|adults|girls|boys|others|person|victims|men|women|lads)\s+"
    r"(?:(?:who|that|which|are|is|were|was|get|gets|being|been|might|may|can|could|would|will)\s+){0,3}$|"
    r"\b(?:people|kids|children|students|pupils|teens|teenagers|anyone|someone|somebody|those|"
    r"young\s+people|adults|girls|boys|others|victims|families)\s+(?:who|that|with|struggling)\b"
    r"(?!.*\b(?:me|my|i|im)\b)"
)
_PERSONAL_AFTER = re.compile(r"\s*(?:me|us|her|him|zzname|my|myself)\b")
_PERSONAL_INSIDE = re.compile(r"\b(?:me|my|myself|us|her|him|zzname|i|im)\b")
_FIRST_INSIDE = re.compile(r"\b(?:me|my|myself|us|i|im)\b")
_KNOW_SOMEONE = re.compile(r"\b(?:know|have|got|met)\s+(?:someone|somebody|a\s+(?:friend|girl|boy|person))\s+"
                           r"(?:(?:who|that|which|is|are|was|being|been|gets)\s+){0,3}$")


def _last(pattern: re.Pattern[str], text: str) -> re.Match[str] | None:
    found = None
    for found in pattern.finditer(text):  # noqa: B007 - we want the last match
        pass
    return found


class _Bounds:
    """Where clauses and sentences start and end in one normalised text, found once."""

    __slots__ = ("clause_ends", "breaks", "size")

    def __init__(self, norm: str) -> None:
        # Clause breaks are found over the whole text so their lookaheads ("and i") see past
        # the match they end before.
        self.clause_ends = [m.end() for m in _CLAUSE_BREAK.finditer(norm)]
        self.breaks = [m.start() for m in _SENTENCE_BREAK.finditer(norm)]
        self.size = len(norm)

    def clause_start(self, pos: int) -> int:
        i = bisect_right(self.clause_ends, pos) - 1
        return self.clause_ends[i] if i >= 0 else 0

    def sentence(self, start: int, end: int) -> tuple[int, int]:
        i = bisect_left(self.breaks, start) - 1
        j = bisect_left(self.breaks, end)
        return (self.breaks[i] + 1 if i >= 0 else 0), (self.breaks[j] if j < len(self.breaks) else self.size)

    def sentences(self) -> list[tuple[int, int]]:
        spans, s = [], 0
        for b in self.breaks:
            if b > s:
                spans.append((s, b))
            s = b + 1
        if s < self.size:
            spans.append((s, self.size))
        return spans


def _clause_start(norm: str, pos: int) -> int:
    return _Bounds(norm).clause_start(pos)


def _sentence_bounds(norm: str, start: int, end: int) -> tuple[int, int]:
    return _Bounds(norm).sentence(start, end)


def _last_words(text: str, n: int) -> str:
    words = text.split()
    return " ".join(words[-n:]) + " " if words else ""


def _suppressed(rule: _Rule, norm: str, m: re.Match[str], bounds: _Bounds | None = None) -> bool:
    """Whether a match is negated, hypothetical, generic, or a lesson, wish, game or idiom."""
    start, end = m.span()
    v = m.start("v") if "v" in rule.pattern.groupindex and m.start("v") >= 0 else start
    if bounds is None:
        bounds = _Bounds(norm)
    cstart = bounds.clause_start(start)
    before = norm[max(cstart, v - 80) : v]
    before_tail = _last_words(before, 8)
    after = norm[end : end + 60]

    if rule.not_before is not None and rule.not_before.search(before_tail):
        return True
    if rule.not_after is not None and rule.not_after.search(after):
        return True
    if _NEGATED.search(before_tail):
        return True
    personal_object = bool(_PERSONAL_AFTER.match(after))
    generic = _GENERIC_SUBJECT.search(before_tail) and not _KNOW_SOMEONE.search(before_tail)
    if rule.personal == "subj":
        # The harm word must have a personal subject, unless the match itself or the word
        # after it names the person ("someone sexually assaulted me").
        if generic and not personal_object:
            return True
        if not (
            personal_object
            or _PERSONAL_SUBJECT.search(before_tail)
            or _PERSONAL_INSIDE.search(norm, start, end)
        ):
            return True
    elif generic and not personal_object and not _FIRST_INSIDE.search(norm, start, end):
        return True

    sstart, send = bounds.sentence(start, end)
    pre_sentence = norm[sstart:start]
    # Hypotheticals. The "if" may sit just inside the match ("if someone online wants ...").
    upto = norm[sstart : min(end, start + 25)]
    g = _last(_GENERIC_IF, upto)
    at = start - sstart
    if g is not None and g.start() < at and not _MAIN_CLAUSE.search(upto, g.end(), at):
        return True
    s_if = _last(_SELF_IF, pre_sentence)
    if (
        s_if is not None
        and not _MAIN_CLAUSE.search(pre_sentence, s_if.end())
        and (_MODAL.search(norm, end, send) or _MODAL.search(pre_sentence, 0, s_if.start()))
    ):
        return True
    # Lessons, wishes, games and news: close before the match, or naming what the match is.
    near = _last_words(norm[cstart:start], 6)
    if _CONTEXT.search(near) or _CONTEXT_AFTER.search(after):
        return True
    if (
        not personal_object
        and not _FIRST_PERSON.search(norm, start, end)
        and not _PERSONAL_SUBJECT.search(before_tail)
        and _WISH.search(near)
    ):
        return True
    if not _FIRST_PERSON.search(norm[start:end]) and _CONTEXT.search(norm[sstart:start]):
        # Third-person harm ("the man hits her") inside a sentence about a film, game or the news.
        return True
    return rule.sport_guard and bool(_SPORT.search(norm[sstart:send]))


# ---------------------------------------------------------------------------------------
# Backstop: a broad word-family lexicon, run only when no rule fired
# ---------------------------------------------------------------------------------------

# Harm, distress and danger word families per category. Weight 2 words are enough on their own
# (with a personal reference in the sentence); weight 1 words need another word of the same
# category in that sentence. The lexicon leans to recall: the rules' guards still apply.
_LEXICON: dict[str, tuple[str, str]] = {
    "suicidal_thoughts": (
        r"suicid\w*|kill\s+my\s*sel\w*|end\s+(?:it|it\s+all|my\s+life|things|everything)|"
        r"(?:want|wanted|wish|wishing)\s+(?:to\s+)?(?:i\s+was\s+|i\s+were\s+)?(?:die|dead|be\s+dead|disappear|not\s+be\s+here|"
        r"not\s+exist|not\s+wake\s+up|never\s+wake\s+up|be\s+gone|go\s+to\s+sleep\s+forever)|"
        r"sleep\w*\s+(?:forever|and\s+(?:never|not)\s+wak\w*)|(?:never|not)\s+wak\w*\s+up|"
        r"better\s+off\s+(?:without\s+me|if\s+i|dead)|(?:wasnt|werent|not)\s+(?:around|here|alive)\s+any\s*more|"
        r"(?:dont|do\s+not)\s+want\s+to\s+(?:be\s+alive|live|be\s+here|exist|wake\s+up)|"
        r"goodbye\s+(?:note|letter|message)|suicide\s+note|no\s+(?:point|reason)\s+(?:in\s+)?(?:living|carrying\s+on|"
        r"being\s+alive|being\s+here|going\s+on)|take\s+my\s+(?:own\s+)?life|overdos\w*|od\s+on|"
        r"how\s+many\s+pills|jump\w*\s+(?:off|in\s+front|from)|(?:train|railway)\s+tracks?|"
        r"step\w*\s+(?:out\s+)?in\s+front\s+of|give\w*\s+away\s+(?:my|her|his|all)\s+(?:stuff|things)|"
        r"not\s+be(?:ing)?\s+here\s+next|cant\s+go\s+on|disappear\w*\s+forever|end\s+my\s*self",
        r"die|died|dying|dead|death|disappear\w*|no\s+point|pointless|bridge|pills|rope|hang\w*|"
        r"give\s+up\s+on\s+life|tired\s+of\s+(?:life|living|everything)|alive|carry\w*\s+on|"
        r"goodbye|not\s+here|forever|tablets|multi\s*storey|roof|cliff",
    ),
    "self_harm": (
        r"self\s*harm\w*|cut\w*\s+(?:my\s*self|my\s+(?:arms?|wrists?|legs?|thighs?|skin|stomach))|"
        r"(?:hurt|harm|burn|scratch|punish)\w*\s+my\s*self|relaps\w*|blades?|razors?|sharpeners?|"
        r"scars?\b|scarr\w*|long\s+sleeves|sleeves\s+down|hide\s+my\s+(?:arms|wrists|legs)|"
        r"(?:burn|cut|scratch)\s*(?:marks|lines)|punch\w*\s+(?:walls?|doors?|things)|"
        r"(?:bang|hit)\w*\s+my\s+head|bleed\w*|bled|on\s+purpose|wrists?|pick\w*\s+my\s+skin|"
        r"(?:cut|scratch|burn)\w*\s+(?:till|until)",
        r"cut|cuts|cutting|scratch\w*|burn\w*|skin|arms|thighs|marks|plasters|bandages?|knuckles",
    ),
    "sexual_abuse": (
        r"touch\w*\s+(?:me|my|her|him|us|zzname)|touched|private\s+(?:parts|bits|area)|privates|"
        r"nudes?|naked|topless|without\s+my\s+(?:top|clothes)|undress\w*|(?:sit|sat)\s+on\s+his\s+lap|"
        r"(?:in|into)\s+my\s+bed|comes?\s+in(?:to)?\s+my\s+(?:room|bed)|rap\w*\b|molest\w*|sex\w*|"
        r"do\s+(?:stuff|things)\s+i\s+didnt\s+want|made\s+me\s+do\s+(?:stuff|things)|"
        r"film\w*\s+me\s+(?:getting\s+)?(?:changed|changing|in\s+the\s+shower)|"
        r"our\s+(?:little\s+)?secret|kiss\w*\s+me|pics?\s+(?:of\s+me\s+)?without|dick\s*pics?|"
        r"showed\s+me\s+(?:his|her)\s+(?:body|private|thing)|swimming\s+costume|underwear|groped?|grooming|groomed",
        r"lap|bed|secret|pics?|pictures?|photos?|older|changing\s+rooms?|shower|body|"
        r"loves?\s+me|special|filmed|camera|webcam|snapchat",
    ),
    "physical_abuse": (
        r"(?:hit|hits|hitting|slap\w*|punch\w*|kick\w*|beat\w*|batter\w*|strangl\w*|chok\w*|"
        r"smack\w*|whack\w*|thump\w*|throttl\w*)\s+(?:me|my|him|her|us|zzname)|"
        r"belt|bruis\w*|black\s+eye|split\s+lip|burst\s+lip|"
        r"(?:threw|throws|throw)\s+(?:a\s+|the\s+)?\w+\s+at\s+(?:me|him|her|us)|"
        r"(?:grab|grabbed|squeez\w*)\s+my\s+(?:neck|throat|arm)|pull\w*\s+my\s+hair|drag\w*\s+me|"
        r"wooden\s+spoon|(?:got|get|gets|getting)\s+(?:hit|beaten|battered|smacked|slapped|kicked|punched)|"
        r"couldnt\s+breathe|locked\s+in\s+(?:the\s+)?(?:shed|cupboard)",
        r"hit|hits|hurt\w*|slap\w*|punch\w*|kick\w*|push\w*|shov\w*|smack\w*|neck|throat|"
        r"hair|stairs|marks|naughty|punish\w*|answer\s+back|fell\s+over|blood",
    ),
    "domestic_abuse": (
        r"police\s+(?:came|come|were\s+called)|(?:dad|he|boyfriend|stepdad)\s+(?:\w+\s+)?(?:hurts?|hit\w*|push\w*|"
        r"shov\w*|punch\w*|slap\w*|chok\w*|strangl\w*|beat\w*)\s+(?:my\s+)?mum|"
        r"mum\s+(?:\w+\s+)?(?:crying|screaming|cries|bruis\w*)|(?:smash\w*|break\w*|broke|throw\w*|threw)\s+"
        r"(?:things|stuff|plates|the\s+tv|everything|doors?)|holes?\s+in\s+(?:the|our)\s+(?:wall|door)\w*|"
        r"wont\s+let\s+(?:my\s+)?mum|hurt\s+(?:my\s+)?mum|hide\s+under|things\s+breaking",
        r"shout\w*|scream\w*|fight\w*|argu\w*|smash\w*|police|crying|drunk|angry|downstairs|"
        r"mums?\s+boyfriend|breaking|scared",
    ),
    "exploitation": (
        r"(?:i|we|he|she)\s+owe\s+them|owe\s+(?:them|him)\s+(?:money|now)|debt|county\s+lines|trap\s+house|"
        r"packages?|(?:hold|holding|keep|keeping|stash\w*)\s+(?:stuff|things|drugs|packages)|"
        r"drop\w*\s+(?:things|stuff|packages|bags)\s+off|do\s+(?:the\s+)?runs|(?:go|going|went)\s+(?:on\s+)?(?:trains?|runs?)\s+to|"
        r"phone\s+(?:that|which)\s+only|burner|(?:older|big)\s+(?:lads|boys|men|guys)|work\s+it\s+off|"
        r"sell\w*\s+(?:stuff|drugs|weed)|(?:gave|give|buys?|bought)\s+me\s+(?:\w+\s+)?(?:trainers|money|vapes|gifts|"
        r"phone|clothes|weed|drinks?)|in\s+another\s+(?:city|town)|drives?\s+me\s+places|paid\s+cash",
        r"cash|money|phone|gifts?|trainers|older|jobs?|runs?|trains?|flat|drive\w*",
    ),
    "neglect": (
        r"(?:no|never\s+any|isnt\s+any|not\s+enough)\s+food|nothing\s+to\s+eat|always\s+hungry|starving\s+at\s+home|"
        r"cupboards?\s+(?:are\s+|is\s+)?empty|empty\s+cupboards?|no\s+(?:heating|electric\w*|gas|hot\s+water)|"
        r"sleep\s+in\s+my\s+coat|(?:clothes|uniform)\s+(?:are|is)\s+(?:dirty|too\s+small)|no\s*one\s+washes|"
        r"nobody\s+(?:feeds|washes|looks\s+after|takes\s+me|cooks)|(?:leaves|left)\s+(?:me|us)\s+(?:\w+\s+)?(?:alone|on\s+(?:my|our)\s+own)|"
        r"left\s+on\s+my\s+own|mould|feed\s+my\s*self|alone\s+for\s+days|always\s+asleep",
        r"hungry|food|dirty|cold|alone|left|on\s+my\s+own|teeth|dentist|smell\w*|nits|"
        r"look\s+after|feed|asleep",
    ),
    "emotional_abuse": (
        r"worthless|useless|waste\s+of\s+space|mistake|ruined\s+(?:her|his|their)\s+life|"
        r"wish\w*\s+i\s+(?:wasnt|was\s+never|had\s+never\s+been)\s+born|hates?\s+me|"
        r"(?:lock|locks|locked)\s+me|nobody\s+will\s+(?:ever\s+)?love|ignore\w*\s+me\s+for|"
        r"act\w*\s+like\s+im\s+not\s+there|send\s+me\s+away|treats?\s+(?:my\s+\w+|me)\s+(?:better|worse|different)|"
        r"calls?\s+me\s+(?:stupid|fat|ugly|thick|names)|(?:screams|shouts|yells)\s+at\s+me",
        r"stupid|scream\w*|shout\w*|yell\w*|ignor\w*|punish\w*|threaten\w*|pathetic|hate|cry",
    ),
    "going_missing": (
        r"ran\s+away|run\w*\s+away|running\s+off|doss\w*|sofa\s+surf\w*|(?:slept|sleeping|sleep)\s+(?:outside|rough|"
        r"in\s+the\s+park|on\s+the\s+street|at\s+the\s+(?:bus|train)\s+station)|police\s+found\s+me|"
        r"(?:stay|stayed|staying)\s+out\s+all\s+night|go(?:ing)?\s+missing|went\s+missing|"
        r"(?:hasnt|havent|not)\s+been\s+home|(?:dont|cant|didnt|never)\s+go\s+home|nowhere\s+to\s+(?:go|sleep|stay)",
        r"night|nights|home|walk\w*\s+around|streets|left|where\s+i\s+am|care\s+home|police|park",
    ),
    "substance_misuse": (
        r"drunk|wasted|hammered|smashed|black\w*\s+out|blacked|vodka|cider|cans|spliff|weed|skunk|"
        r"cocaine|coke|ket\b|ketamine|mdma|pills|xanax|(?:get|got|getting)\s+high|stoned|"
        r"(?:drink|drinking)\s+(?:before|every|at|in)|cant\s+stop\s+(?:vaping|drinking|smoking)|"
        r"(?:took|take|taking)\s+(?:some\s+)?(?:stuff|something|drugs)|steal\w*\s+(?:my\s+)?(?:\w+\s+)?(?:wine|beer|vodka|alcohol)",
        r"wine|beer|alcohol|smok\w*|vap\w*|need\s+it|high|hospital|party",
    ),
    "severe_bullying": (
        r"bull\w*|picked\s+on|jumped|beat\w*\s+(?:me\s+)?up|threaten\w*|name\s+calling|call\w*\s+me\s+names|"
        r"spit\w*\s+(?:at|on)\s+me|(?:video|pic\w*|photo\w*)\s+of\s+me|group\s+chat|everyone\s+laugh\w*|"
        r"(?:took|take|takes|nick\w*|steal\w*)\s+my\s+(?:money|dinner\s+money|lunch\s+money)|"
        r"(?:eat|hide)\s+(?:lunch\s+)?in\s+the\s+toilets|waits?\s+for\s+me|push\w*\s+me\s+around|gang\s+up",
        r"laugh\w*|names|shared|group|girls|boys|after\s+school|again|snapchat|tiktok|posted|toilets",
    ),
}
_BACKSTOP = re.compile(
    "|".join(
        rf"(?P<{cat}_{w}>\b(?:{pat})\b)"
        for cat, pats in _LEXICON.items()
        for w, pat in zip((2, 1), pats, strict=True)
    )
)
# Known idioms and plain accidents, blanked before the lexicon looks (kept the same length).
_BACKSTOP_IDIOM = re.compile(
    r"\b(?:(?:is|was|are|its|it\s+is)\s+killing\s+me|killing\s+me|(?:nearly\s+|almost\s+)?died\s+(?:of|from|laughing)|"
    r"dying\s+(?:of|to|for|laughing)|dead\s+(?:bored|funny|good|tired|easy|hard|jealous)|"
    r"(?:will|would|is\s+going\s+to|going\s+to|gonna)\s+(?:kill|murder|end)\s+me|"
    r"(?:will|would|is\s+going\s+to)\s+go\s+(?:mental|mad|crazy|nuts)|car\s+crash|"
    r"(?:legs|feet|arms|phone|battery)\s+(?:were|was|are|is)\s+dying|swallow\s+me(?:\s+up)?|"
    r"could\s+eat\s+a\s+horse|starving\s+(?!at\s+home)|"
    r"(?:fell|fall|falling)\s+off\s+(?:my|the|a)\s+\w+(?:\s+and\s+\w+\s+my\s+\w+)?|(?:goldfish|fish|hamster|"
    r"cat|dog|pet|rabbit|guinea\s+pig)\s+died|died\s+in\s+(?:the\s+game|fortnite)|"
    r"front\s+seat|tidy\s+my\s+room|battery\s+(?:is\s+)?dead|phone\s+(?:is\s+)?dead|dead\s+(?:phone|battery)|"
    r"screen\s+time|staying\s+up|stayed\s+up|it\s+hit\s+me|hit\s+(?:me|us)\s+up|die\s+(?:my|her|his|your)\s+hair|"
    r"ran\s+away\s+from\s+(?:the\s+|a\s+)?(?:geese|goose|dogs?|bees?|wasps?|spiders?|swans?|ducks?|cows?)|"
    r"i\s+(?:hit|banged|bumped)\s+my\s+head\s+on\s+(?:the|a)|kicked\s+out\s+of\s+(?:class|lessons?|the\s+\w+)|"
    r"beat\s+(?:me|us|him|her)\s+(?:at|in\s+(?:a|the)\s+(?:race|game|match|quiz))|hungry\s+after|"
    r"(?:hits|hit|kicks|bites)\s+me\s+with\s+(?:her|his)\s+toys?)\b"
)
# Someone close is named in the sentence: the child, "you" used of oneself, a friend, kin, [name].
_BACKSTOP_PERSON = re.compile(
    rf"\b(?:i|im|ive|id|ill|me|my|myself|mine|we|us|our|you|your|youre|yourself|zzname|she|he|her|him|they|them|"
    rf"{_PERSON_NOUN})\b"
)
# Sentences about the news or a visitor's talk, which the rules' context words may miss.
_BACKSTOP_SKIP = re.compile(
    r"\b(?:(?:in|on)\s+the\s+(?:paper|papers|newspaper|radio)|read\s+(?:in|about)|came\s+in\s+to\s+(?:talk|speak)|"
    r"came\s+to\s+(?:our\s+)?(?:school|zzschool|assembly)\s+to)\b"
)
_BACKSTOP_RULE = _Rule((), _BACKSTOP, sport_guard=False)
_BACKSTOP_SPORT_RULE = _Rule((), _BACKSTOP, sport_guard=True)
_BACKSTOP_SPORTY = frozenset(("physical_abuse", "severe_bullying", "self_harm"))
_BACKSTOP_THRESHOLD = 2


def _blank(m: re.Match[str]) -> str:
    return " " * len(m.group(0))


def _backstop(norm: str, bounds: _Bounds) -> tuple[dict[str, int], list[tuple[int, int]]]:
    """Per-category scores from the lexicon, sentence by sentence, and the spans that scored."""
    text = _BACKSTOP_IDIOM.sub(_blank, norm)
    best: dict[str, int] = {}
    spans: list[tuple[int, int]] = []
    for s, e in bounds.sentences():
        if not _BACKSTOP_PERSON.search(text, s, e) or _BACKSTOP_SKIP.search(text, s, e):
            continue
        scores: dict[str, int] = {}
        hits: dict[str, list[tuple[int, int]]] = {}
        seen: set[tuple[str, str]] = set()
        for m in _BACKSTOP.finditer(text, s, e):
            name = m.lastgroup or ""
            cat, weight = name[:-2], int(name[-1])
            key = (cat, m.group(0))
            if key in seen:
                continue
            seen.add(key)
            rule = _BACKSTOP_SPORT_RULE if cat in _BACKSTOP_SPORTY else _BACKSTOP_RULE
            if _suppressed(rule, norm, m, bounds):
                continue
            scores[cat] = scores.get(cat, 0) + weight
            hits.setdefault(cat, []).append(m.span())
        for cat, score in scores.items():
            if score >= _BACKSTOP_THRESHOLD:
                best[cat] = max(best.get(cat, 0), score)
                spans.extend(hits[cat])
    return best, spans


# ---------------------------------------------------------------------------------------
# The screen
# ---------------------------------------------------------------------------------------


def normalise(text: str) -> str:
    """The text as the rules and the learned model see it (lower case, variants mapped)."""
    return _Text(text).norm


def _learned_opinion(t: _Text, model: Model, feats: set[str]) -> Screening:
    """A concern found by the learned model alone: its likeliest category, and the child's
    words that pushed its score up."""
    category = model.categories(feats)[0][1]
    triggers = model.triggers(words(t.norm))
    reasons = dict.fromkeys(" ".join(t.original_span(a, b).split())[:80] for a, b in triggers)
    return Screening(True, category, (category,), tuple(r for r in reasons if r))


@cache
def _word_mask(word: str) -> int:
    """The rules (as bits) whose needed word beginnings this word has."""
    mask = _RULE_INDEX.get("=" + word, 0)
    for k in range(2, min(len(word), 5) + 1):
        mask |= _RULE_INDEX.get(word[:k], 0)
    return mask


def _index_rules() -> dict[str, int]:
    index: dict[str, int] = {}
    for i, (_, needs) in enumerate(_RULE_STARTS):
        for start in needs:
            index[start] = index.get(start, 0) | (1 << i)
    return index


_RULE_INDEX = _index_rules()


def screen(text: str, model: Model | None = None) -> Screening:
    """Screen one (already anonymised) answer for safeguarding concerns.

    ``model`` is the learned second opinion asked when no rule matches; the shipped one by
    default (cross-validation passes others).
    """
    if not text or not text.strip():
        return _NO_CONCERN
    t = _Text(text)
    norm = t.norm
    bounds = _Bounds(norm)
    # Which rules may match in which sentence: a rule runs only over the sentences holding one of
    # the word beginnings it needs (no rule matches across a sentence break).
    spans: list[tuple[int, int, int]] = []
    word_re = _WORD
    for s, e in bounds.sentences():
        mask = 0
        for w in word_re.findall(norm, s, e):
            mask |= _word_mask(w)
        if mask:
            spans.append((s, e, mask))
    runs: list[tuple[int, int, int]] = []
    for s, e, mask in spans:
        while mask:
            low = mask & -mask
            runs.append((low.bit_length() - 1, s, e))
            mask ^= low
    runs.sort()  # rule order, then text order, as the reasons are listed
    found: dict[str, None] = {}
    reasons: dict[str, None] = {}
    for i, s, e in runs:
        rule = _RULES[i]
        for m in rule.pattern.finditer(norm, s, e):
            if _suppressed(rule, norm, m, bounds):
                continue
            match = m.group(0)
            if rule is _REFER_RULE:
                cats = _referred(norm, match)
            elif callable(rule.categories):
                cstart = bounds.clause_start(m.start())
                _, send = bounds.sentence(m.start(), m.end())
                cats = rule.categories(match, norm[cstart:send])
            else:
                cats = rule.categories
            if not cats:
                continue
            for c in cats:
                found[c] = None
            reason = " ".join(t.original_span(m.start(), m.end()).split())
            if reason:
                reasons[reason[:80]] = None
    specific = bool(found)
    if not found:
        # Nothing specific matched: the broad lexicon backstop, with the same guards.
        scores, hit_spans = _backstop(norm, bounds)
        for c in scores:
            found[c] = None
        for a, b in hit_spans:
            reason = " ".join(t.original_span(a, b).split())
            if reason:
                reasons[reason[:80]] = None
    # The learned second opinion: it may find what no rule knows, and it may overrule the broad
    # lexicon backstop where it is sure the answer is a lesson, a game or an idiom. A specific
    # rule's match ("[name] hits me") always stands.
    if not specific:
        model = model or load_model()
        score, feats = model.assess(norm)
        if not found:
            if score >= model.threshold:
                return _learned_opinion(t, model, feats)
            return _NO_CONCERN
        if score < model.veto:
            return _NO_CONCERN
    categories = tuple(sorted(found, key=_RANK.__getitem__))
    return Screening(True, categories[0], categories, tuple(reasons))

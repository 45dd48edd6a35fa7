"""Suggest themes for free-text answers from a codebook, with a sentiment and emergent phrases.

A pure function on plain strings (stdlib and TextBlob only, offline), so the web app and the CLI
share it. Nothing here knows the default themes: each theme's words are learnt from its label,
description and examples when the codebook is compiled, so an analyst's own codebook works without
code changes. Only general-purpose vocabulary lives in code: stop words, suffix stripping, the
spellings and slang children use and the everyday synonyms that map them onto plain words.
"""

from __future__ import annotations

import json
import math
import re
import tomllib
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

from textblob import _text as _pattern_text
from textblob.en import parser as _pattern_parser
from textblob.en import sentiment as _pattern_sentiment

from voice.listening import theme_model

__all__ = ["Codebook", "Theme", "Theming", "theme"]

DEFAULT_CODEBOOK = Path(__file__).with_name("codebook.toml")

# The theme analysts use for answers that fit nowhere; the matcher never suggests it.
OTHER = "other"
MAX_THEMES = 3
# A theme is suggested when its score reaches THRESHOLD and, for the second and third themes,
# RELATIVE[0] and RELATIVE[1] times the best score.
THRESHOLD = 0.9
RELATIVE = (0.45, 0.7)


@dataclass(frozen=True)
class Theme:
    """One theme of a codebook; ``not_`` (key "not" in files) says what does not belong."""

    name: str
    label: str
    description: str
    examples: tuple[str, ...]
    not_: str = ""


@dataclass(frozen=True)
class Codebook:
    """The themes answers are coded against."""

    themes: tuple[Theme, ...]

    @classmethod
    def load(cls, path: str | Path) -> Codebook:
        """Read a codebook from a .toml or .json file: ``{"themes": [{"name", "label", ...}]}``.

        Raises ValueError naming the file and the problem.
        """
        path = Path(path)
        try:
            raw = path.read_bytes()
        except OSError as exc:
            raise ValueError(f"{path}: cannot read codebook: {exc.strerror or exc}") from exc
        try:
            if path.suffix.lower() == ".json":
                data = json.loads(raw.decode("utf-8"))
            elif path.suffix.lower() == ".toml":
                data = tomllib.loads(raw.decode("utf-8"))
            else:
                raise ValueError(f"{path}: codebook must be a .toml or .json file")
        except (UnicodeDecodeError, json.JSONDecodeError, tomllib.TOMLDecodeError) as exc:
            raise ValueError(f"{path}: not a valid {path.suffix.lstrip('.').upper()} file: {exc}") from exc
        return cls(_parse_themes(data, str(path)))

    @classmethod
    def default(cls) -> Codebook:
        """The codebook shipped with the package (codebook.toml), read once."""
        return _default_codebook()


@dataclass(frozen=True)
class Theming:
    """Suggested theme names (best first; may be empty), TextBlob polarity and emergent phrases."""

    themes: tuple[str, ...]
    sentiment: float
    phrases: tuple[str, ...] = field(default=())


def theme(text: str, codebook: Codebook | None = None) -> Theming:
    """Suggest up to three themes for ``text`` from ``codebook`` (default: the shipped one).

    ``sentiment`` is TextBlob's polarity (-1..1). ``phrases`` are the answer's noun phrases,
    lower-cased, that share no word with the suggested themes: what the codebook may be missing.
    """
    if not text or not text.strip():
        return Theming((), 0.0, ())
    compiled = _compiled(codebook if codebook is not None else Codebook.default())
    terms = _answer_terms(text, compiled.fuzzy, compiled.word_cache)
    chosen = _choose(compiled.score(terms))
    coded = theme_model.load_model()
    if coded is not None and coded.codebook == compiled.fingerprint and len(chosen) < MAX_THEMES:
        # Answers already coded against this codebook add themes the matcher missed.
        likely = sorted(((p, n) for n, p in coded.probabilities(text).items()
                         if p >= theme_model.THRESHOLD and n not in chosen), reverse=True)
        chosen = (*chosen, *(n for _, n in likely))[:MAX_THEMES]
    covered: set[str] = set()
    for name in chosen:
        weights = compiled.weights[name]
        covered.update(t for t in weights.keys() & terms.keys() if weights[t] > 0.0)
    # One pass of TextBlob's tokeniser (re-implemented, token for token) gives the tokens for the
    # sentiment, scored exactly as TextBlob scores the text, and for the tagger behind the phrases.
    sentences = _sentences(text)
    lowered = [[word.lower() for word in sentence] for sentence in sentences]
    polarity = _polarity([word for sentence in lowered for word in sentence])
    return Theming(chosen, polarity, _phrases(sentences, lowered, covered))


def _choose(scores: dict[str, float]) -> tuple[str, ...]:
    ranked = sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))[:MAX_THEMES]
    if not ranked or ranked[0][1] < THRESHOLD:
        return ()
    best = ranked[0][1]
    chosen = [ranked[0][0]]
    # Each further theme must clear a higher share of the best score than the one before it.
    for rank, (name, score) in enumerate(ranked[1:]):
        if score < max(THRESHOLD, RELATIVE[rank] * best):
            break
        chosen.append(name)
    return tuple(chosen)


# --- reading codebooks ---------------------------------------------------------------------


def _parse_themes(data: Any, where: str) -> tuple[Theme, ...]:
    if not isinstance(data, Mapping):
        raise ValueError(f"{where}: a codebook must be a table with a 'themes' list")
    items = data.get("themes")
    if items is None:
        raise ValueError(f"{where}: no 'themes' list")
    if not isinstance(items, list) or not items:
        raise ValueError(f"{where}: 'themes' must be a non-empty list of themes")
    themes: list[Theme] = []
    seen: set[str] = set()
    for number, item in enumerate(items, start=1):
        if not isinstance(item, Mapping):
            raise ValueError(f"{where}: theme {number} is not a table")
        name = item.get("name")
        if not isinstance(name, str) or not name.strip():
            raise ValueError(f"{where}: theme {number} has no name")
        name = name.strip()
        if name in seen:
            raise ValueError(f"{where}: duplicate theme name {name!r}")
        seen.add(name)
        label = item.get("label", name)
        description = item.get("description", "")
        not_ = item.get("not", "")
        examples = item.get("examples", [])
        for key, value in (("label", label), ("description", description), ("not", not_)):
            if not isinstance(value, str):
                raise ValueError(f"{where}: theme {name!r}: '{key}' must be a string")
        if not isinstance(examples, list) or not all(isinstance(e, str) for e in examples):
            raise ValueError(f"{where}: theme {name!r}: 'examples' must be a list of strings")
        themes.append(Theme(name, label.strip() or name, description.strip(), tuple(examples), not_.strip()))
    return tuple(themes)


@cache
def _default_codebook() -> Codebook:
    return Codebook.load(DEFAULT_CODEBOOK)


# --- words ---------------------------------------------------------------------------------

_TOKEN = re.compile(r"£?[a-z0-9]+")

_STOP_TEXT = """
    a about above after again against all almost also am an and any anymore anyone anything are
    aren as at away be because been before being below between both but by can cant could couldnt
    did didnt do does doesnt doing done dont down during each either else even ever every
    everyone everything few for from further get gets getting got had hadnt has hasnt have havent
    having he her here hers herself him himself his how however i id if ill im in into is isnt it
    its itself ive just know let lets like lot lots loads make makes making many may me might more
    most much must my myself need needs no nor not now of off on once one only or other our ours
    ourselves out over own please pls quite rather really same say says said shall she should
    shouldnt so some someone something still such than that thats the their theirs them themselves
    then there theres these they theyre thing things think this those though through thru to too
    under until up upon us very want wants was wasnt way we were werent what whats when where
    whether which while who whom whose why will with without wont would wouldnt yeah yes yet you
    youd youll your youre yours yourself yourselves ive weve theyve also ok okay etc eg ie oh lol
    tbh ngl fr idk idc abit bit kind sort better good great nice bad well go going goes went
    people person kid kids child children young youngster youngsters teen teens teenager teenagers
    year years yr old stuff actually literally basically honestly probably always never often
    sometimes usually place area live living round around here near every day days time times
    lot alot use used new big little less bigger biggest keep keeps kept stop stops able happen happens
    happened week weeks month months hour hours proper properly start wish hope enough give gave
    take took put come came seem seems mean means anything nothing thank thanks
"""
STOP_WORDS = frozenset(_STOP_TEXT.split())

# Everyday spellings, text-speak and slang mapped to plain words (theme-agnostic).
_SPELLING_TEXT = """
u=you ur=your r=are 2=to 4=for b4=before cuz=because coz=because cos=because bc=because
becuase=because ppl=people wot=what wat=what sum1=someone no1=nobody noone=nobody nuffin=nothing
nothin=nothing nite=night nights=night tonite=tonight skl=school skool=school shool=school
scool=school schl=school drs=doctors dr=doctor docs=doctors doc=doctor gp=doctor gps=doctors
ae=hospital hospitals=hospital bullys=bullies bulling=bullying bullie=bully bullyed=bullied
bulled=bullied polise=police pollice=police scard=scared scarry=scary knifes=knives knive=knife
mum=mum mam=mum mom=mum mummy=mum mommy=mum ma=mum daddy=dad da=dad nan=grandma nanny=grandma
nana=grandma gran=grandma granny=grandma grandmother=grandma grandad=grandpa grandads=grandpa
grandfather=grandpa bro=brother sis=sister mates=friends mate=friend m8=friend m8s=friends
fone=phone insta=instagram ig=instagram snap=snapchat sc=snapchat yt=youtube fb=facebook
wa=whatsapp tt=tiktok rec=park muga=pitch ket=ketamine vapin=vaping vapers=vapes vap=vape
cig=cigarette cigs=cigarettes fags=cigarettes ciggies=cigarettes booze=alcohol bevvies=alcohol
uni=university cctv=camera skatepark=skate+park skateparks=skate+park playpark=play+park
mcdonalds=cafe maccies=cafe maccys=cafe phones=phone exluded=excluded excluded=excluded
anxeity=anxiety anxiaty=anxiety depresion=depression menatl=mental mentle=mental helth=health
teachas=teachers teacha=teacher enuff=enough wen=when wud=would cud=could shud=should dont=dont
ther=there gunna=going mor=more fings=things sumwhere=somewhere gonna=going wanna=want
summat=something sumthing=something tiktoks=tiktok apps=app sen=send senco=send
"""
# word=replacement; "+" joins the words of a replacement.
SPELLINGS: dict[str, str] = {
    a: b.replace("+", " ") for a, b in (pair.split("=") for pair in _SPELLING_TEXT.split())
}

_RESPELT: dict[str, tuple[str, ...]] = {a: tuple(b.split()) for a, b in SPELLINGS.items()}

# Concept words: an answer word also counts as these plain words (it still counts as itself).
# Maps words to words, never to theme names, so any codebook that uses the plain word benefits.
_CONCEPTS: dict[str, tuple[str, ...]] = {}


def _concept(targets: str, words: str) -> None:
    for word in words.split():
        _CONCEPTS[word] = tuple(dict.fromkeys(_CONCEPTS.get(word, ()) + tuple(targets.split())))


_concept("police", "cops cop coppers copper feds fed pcso pcsos bobbies officers officer patrol patrols")
_concept("transport", "bus buses busses train trains taxi taxis lift lifts coach railway tram")
_concept("bus", "buses busses")
_concept("vape", "vape vapes vaping vaped vapour ecig ecigs")
_concept("smoke", "smoke smoking smoked smokes cigarette cigarettes tobacco vape vapes vaping")
_concept(
    "drug",
    "weed cannabis skunk spliff spliffs ketamine cocaine coke mdma ecstasy heroin pills nos "
    "drugs dealer dealers dealing needles",
)
_concept("alcohol", "drunk drinking booze beer beers cider vodka wine cans alcoholic pissed")
_concept(
    "bully",
    "bully bullies bullied bullying bullys picked picking tease teased teasing cyberbullying cyberbullied",
)
_concept("online", "cyberbullying cyberbullied")
_concept(
    "online",
    "internet online snapchat instagram tiktok youtube discord roblox fortnite minecraft "
    "whatsapp facebook twitter reddit app apps gaming website websites messages dms chat",
)
_concept("social media", "snapchat instagram tiktok facebook twitter whatsapp")
_concept(
    "mental",
    "anxious anxiety depressed depression sad lonely loneliness stressed stress "
    "upset suicidal panic wellbeing overwhelmed miserable unhappy therapy",
)
_concept("feel", "feelings emotions emotional")
_concept(
    "school",
    "teacher teachers teaching lesson lessons homework detention detentions exam exams "
    "gcse gcses classroom classmates headteacher tutor sixth college uniform playtime class classes canteen "
    "excluded exclusion exclusions",
)
_concept("doctor", "doctor doctors gp nurse nurses surgery appointment appointments")
_concept("hospital", "hospital a&e ambulance ambulances")
_concept(
    "cost",
    "cost costs expensive pricey price prices afford affordable cheap cheaper cheapest "
    "money skint poor poverty fares fare quid pounds free",
)
_concept("park", "park parks playground playpark skatepark rec field fields")
_concept("bored", "bored boring")
_concept("knife", "knife knives stabbed stabbing stabbings stab blade blades")
_concept("safe", "scared scary unsafe frightened afraid creepy dodgy sketchy dangerous danger terrified")
_concept("dark", "night nights nighttime evening evenings midnight")
_concept("listen", "listen listened listening listens heard")
_concept("say", "opinion opinions views voice voices")
_concept("trust", "trust trusted trusting trustworthy")
_concept("fight", "fight fights fighting punched punch hit hitting beaten jumped attacked attack mugged")
_concept("job", "job jobs apprenticeship apprenticeships wage wages")

# Phrases that are one idea: their words join before anything else happens.
_JOIN_TEXT = """
old+bill=police skate+park=skatepark skate+parks=skatepark youth+club=youthclub
youth+clubs=youthclub youth+centre=youthclub a+e=hospital e+cig=ecig tik+tok=tiktok no+one=nobody
leisure+centre=leisurecentre leisure+centres=leisurecentre play+park=playpark play+parks=playpark
youth+centres=youthclub youth+service=youthclub youth+services=youthclub driving+lesson=drivinglesson
driving+lessons=drivinglesson
"""
_JOINS: dict[tuple[str, str], str] = {
    tuple(pair.split("=")[0].split("+")): pair.split("=")[1]
    for pair in _JOIN_TEXT.split()  # type: ignore[misc]
}
_concept("park", "skatepark playpark")


# Words the suffix rules would merge with a different word ("care" with "car").
_STEM_EXCEPTION_TEXT = """
care=care cares=care cared=care caring=care hope=hope hoping=hope hoped=hope note=note notes=note
noted=note plane=plane planes=plane site=site sites=site cute=cute fine=fine bite=bite rate=rate
news=news training=training series=series species=species glasses=glasses
"""
_STEM_EXCEPTIONS: dict[str, str] = dict(pair.split("=") for pair in _STEM_EXCEPTION_TEXT.split())  # type: ignore[misc]


def _stem(word: str) -> str:
    """A light, deterministic suffix stripper; answers and codebooks go through the same one."""
    if len(word) <= 3 or not word.isalpha():
        return word
    if word in _STEM_EXCEPTIONS:
        return _STEM_EXCEPTIONS[word]
    if word.endswith(("ies", "ied")) and len(word) > 4:
        word = word[:-3] + "y"
    elif word.endswith(("sses", "shes", "ches", "xes")) or (word.endswith("ses") and len(word) > 5):
        word = word[:-2]
    elif word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
    for suffix in ("ing", "ed"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)]
            if len(word) > 3 and word[-1] == word[-2] and word[-1] not in "lsz":
                word = word[:-1]
            break
    if word.endswith("e") and len(word) > 3:
        word = word[:-1]
    return word


@lru_cache(maxsize=65536)
def _word_terms(word: str, expand: bool = True) -> tuple[str, ...]:
    """The stemmed terms one (already respelt) word stands for: itself and its concepts."""
    if word in STOP_WORDS:
        return ()
    out = [_stem(word)]
    for concept in _CONCEPTS.get(word, ()) if expand else ():
        out.extend(_stem(part) for part in concept.split())
    return tuple(dict.fromkeys(t for t in out if t not in STOP_WORDS))


# Set phrases rewritten before words are split: "nothing to do" is boredom, "things to do" are
# activities, "somewhere to go" is a place (though each is made of stop words) and "on the way
# home" is a journey, not home life. Each rule runs only when one of its hint strings is present.
_PHRASES: tuple[tuple[tuple[str, ...], re.Pattern[str], str], ...] = (
    (
        ("to do", "2 do"),
        re.compile(
            r"\b(?:nothing|nuffin|nothin|nowhere|not much|not a lot|fuck all|sod all|naff all|nout) "
            r"(?:much |else |fun )?(?:to|2) do\b"
        ),
        " bored ",
    ),
    (
        ("to do", "2 do"),
        re.compile(
            r"\b(?:things|thing|stuff|fings|something|summat|sumthing|anything|more|loads|lots|fun) "
            r"(?:fun |else |good )?(?:to|2) do\b"
        ),
        " activities ",
    ),
    (
        ("where", "place", "space"),
        re.compile(
            r"\b(?:somewhere|sumwhere|anywhere|nowhere|places?|spaces?) (?:\w+ )?(?:to|2) "
            r"(?:go|hang|meet|chill|sit)\b"
        ),
        " places ",
    ),
    (
        (" home",),
        re.compile(r"\b(way|walk|walking|walked|get|getting|got|cycle|cycling|cycled) home\b"),
        r"\1 homeward",
    ),
)
_DROP_APOSTROPHES = str.maketrans("", "", "'’`")


def _words(text: str) -> list[str]:
    lower = text.lower().translate(_DROP_APOSTROPHES)
    if "a&e" in lower:
        lower = lower.replace("a&e", "ae")
    for hints, pattern, replacement in _PHRASES:
        if any(hint in lower for hint in hints):
            lower = pattern.sub(replacement, lower)
    words = _TOKEN.findall(lower)
    out: list[str] = []
    joins = _JOINS
    n = len(words)
    i = 0
    while i < n:
        word = words[i]
        if word[0] == "£":
            out.append("cost")
        elif i + 1 < n and (word, words[i + 1]) in joins:
            out.append(joins[(word, words[i + 1])])
            i += 1
        elif word in _RESPELT:
            out.extend(_RESPELT[word])
        else:
            out.append(word)
        i += 1
    return out


def _answer_terms(
    text: str,
    fuzzy: _Fuzzy | None = None,
    cache: dict[str, tuple[tuple[str, ...], bool]] | None = None,
    expand: bool = True,
) -> dict[str, float]:
    """Terms of ``text`` with how much each counts, in order of first appearance.

    A word's own stem and the bigram of adjacent content words count fully; the concept words
    it stands for (``expand``) count CONCEPT_SHARE, since they are an inference. ``cache`` keeps
    each word's (spelling-corrected) terms between calls.
    """
    terms: dict[str, float] = {}
    previous: str | None = None
    for word in _words(text):
        known = cache.get(word) if cache is not None else None
        if known is None:
            meant = fuzzy.correct(word) if fuzzy is not None and word not in STOP_WORDS else word
            # A stop word is skipped over; any other word without terms breaks a bigram.
            known = (_word_terms(meant, expand), meant in STOP_WORDS)
            if cache is not None:
                if len(cache) >= WORD_CACHE_SIZE:
                    cache.clear()
                cache[word] = known
        word_terms, stop = known
        if not word_terms:
            if not stop:
                previous = None
            continue
        head = word_terms[0]
        terms[head] = 1.0
        for term in word_terms[1:]:
            terms.setdefault(term, CONCEPT_SHARE)
        if previous is not None:
            terms[f"{previous} {head}"] = 1.0
        previous = head
    return terms


WORD_CACHE_SIZE = 100_000


# --- compiling a codebook ------------------------------------------------------------------

LABEL_WEIGHT = 2.0
DESCRIPTION_WEIGHT = 1.0
EXAMPLE_WEIGHT = 0.5
NOT_PENALTY = 0.5  # a "not" word the theme also uses keeps this share of its weight
NOT_NEGATIVE = 0.3  # a "not"-only word subtracts this share of its idf
BIGRAM_BOOST = 0.7
EXPAND_CODEBOOK = False
CONCEPT_SHARE = 0.7


def _term_weight(count: float, df: int, n: int) -> float:
    """Weight of a term used ``count`` times (weighted) by a theme and by ``df`` of ``n`` themes.

    The inverse document frequency is scaled to 0..1 so one threshold suits codebooks of any size.
    """
    idf = math.log(1.0 + n / df) / math.log(1.0 + n)
    return idf * (1.0 + math.log(count))


class _Compiled:
    """Term weights per theme, learnt from a codebook's own words."""

    __slots__ = ("weights", "names", "index", "vocabulary", "fuzzy", "word_cache", "fingerprint")

    def __init__(self, codebook: Codebook) -> None:
        themes = [t for t in codebook.themes if t.name != OTHER]
        counts: dict[str, Counter[str]] = {}
        negatives: dict[str, set[str]] = {}
        labels: dict[str, set[str]] = {}
        vocabulary: set[str] = set()
        for t in themes:
            tf: Counter[str] = Counter()
            for text, weight in (
                (t.label, LABEL_WEIGHT),
                (t.description, DESCRIPTION_WEIGHT),
                *((example, EXAMPLE_WEIGHT) for example in t.examples),
            ):
                vocabulary.update(_words(text))
                for term in _answer_terms(text, expand=EXPAND_CODEBOOK):
                    tf[term] += weight
            counts[t.name] = tf
            labels[t.name] = set(_answer_terms(t.label, expand=False))
            negatives[t.name] = set(_answer_terms(t.not_, expand=False)) - set(
                _answer_terms(t.label, expand=False)
            )
        df: Counter[str] = Counter()
        for tf in counts.values():
            df.update(tf.keys())
        n = max(len(themes), 1)
        self.weights: dict[str, dict[str, float]] = {}
        for t in themes:
            weights: dict[str, float] = {}
            for term, count in counts[t.name].items():
                # A word of the theme's own label names the theme, however common elsewhere.
                w = _term_weight(count, 1 if term in labels[t.name] else df[term], n)
                if " " in term:
                    w *= BIGRAM_BOOST
                if term in negatives[t.name]:
                    w *= NOT_PENALTY
                weights[term] = w
            for term in negatives[t.name] - counts[t.name].keys():
                if " " not in term and term in df:
                    weights[term] = -NOT_NEGATIVE * _term_weight(1.0, df[term], n)
            self.weights[t.name] = weights
        self.names = tuple(self.weights)
        index: dict[str, list[tuple[str, float]]] = {}
        for name, weights in self.weights.items():
            for term, weight in weights.items():
                index.setdefault(term, []).append((name, weight))
        self.index = {term: tuple(pairs) for term, pairs in index.items()}
        self.vocabulary = frozenset(vocabulary)
        self.fuzzy = _Fuzzy(self.vocabulary | _CONCEPTS.keys() | SPELLINGS.keys())
        self.word_cache: dict[str, tuple[tuple[str, ...], bool]] = {}
        self.fingerprint = theme_model.fingerprint(codebook.themes)

    def score(self, terms: Mapping[str, float]) -> dict[str, float]:
        """Scores of the themes that share a term with ``terms`` (any other theme scores 0)."""
        scores: dict[str, float] = {}
        index = self.index
        for term, share in terms.items():
            pairs = index.get(term)
            if pairs is not None:
                for name, weight in pairs:
                    scores[name] = scores.get(name, 0.0) + weight * share
        return scores


class _Fuzzy:
    """Corrects a misspelt word (one letter added, dropped or changed) to a known word.

    Only words of five or more letters that are in neither the known words nor TextBlob's English
    lexicon are corrected, and only when exactly one known word is that close.
    """

    __slots__ = ("_known", "_index", "_lexicon")

    def __init__(self, known: Iterable[str]) -> None:
        self._known = frozenset(w for w in known if w.isalpha())
        index: dict[str, set[str]] = {}
        for word in self._known:
            if len(word) >= 5:
                for variant in _deletions(word) | {word}:
                    index.setdefault(variant, set()).add(word)
        self._index = index
        self._lexicon = _pattern_parser.lexicon

    def correct(self, word: str) -> str:
        if len(word) < 5 or word in self._known or not word.isalpha() or word in self._lexicon:
            return word
        found: set[str] = set()
        for variant in _deletions(word) | {word}:
            found |= self._index.get(variant, set())
        return next(iter(found)) if len(found) == 1 else word


def _deletions(word: str) -> set[str]:
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


_COMPILED: dict[int, tuple[Codebook, _Compiled]] = {}


def _compiled(codebook: Codebook) -> _Compiled:
    entry = _COMPILED.get(id(codebook))
    if entry is not None and entry[0] is codebook:
        return entry[1]
    compiled = _Compiled(codebook)
    if len(_COMPILED) >= 32:
        _COMPILED.clear()
    _COMPILED[id(codebook)] = (codebook, compiled)
    return compiled


# --- TextBlob's tokeniser and sentiment, one pass -------------------------------------------
# The tokeniser, the sentiment scorer and the tagger below give exactly what TextBlob's own give
# (textblob/_text.py: find_tokens, Sentiment.assessments, find_tags), token for token and float for
# float; they only skip work that cannot change the result and read the lexicons as plain dicts.

_PUNCTUATION = _pattern_text.PUNCTUATION
_LEADING = tuple(_PUNCTUATION.replace(".", ""))  # split from the start of a token
_TRAILING = (*_LEADING, ".")  # split from its end
_LEADING_CHARS = frozenset(_LEADING)
_TRAILING_CHARS = frozenset(_TRAILING)
_CONTRACTIONS = _pattern_text.replacements  # literal patterns, so str.replace matches re.sub
_CONTRACTION_PAIRS = tuple(_CONTRACTIONS.items())
_QUOTE_SPACING = tuple((quote, f" {quote} ") for quote in ("“", "”", "‘", "’", "'", '"'))
_ABBREVIATIONS = _pattern_text.ABBREVIATIONS
_EOS = _pattern_text.EOS
_LINEBREAK = re.compile(r"\n{2,}")
_SENTENCE_END = frozenset(("...", ".", "!", "?", _EOS))
_SENTENCE_TRAIL = frozenset(("'", '"', "”", "’", "...", ".", "!", "?", ")", _EOS))
# The emoticon rule joins an emoticon split over tokens (": )" becomes ":)"). It changes a sentence
# only when a match spans a space, so the match ends with a whole token that is the tail of an
# emoticon after one of its characters; without such a token the rule has nothing to do.
_EMOTICON_TAILS = frozenset(
    emoticon[k:]
    for emoticons in _pattern_text.EMOTICONS.values()
    for emoticon in emoticons
    for k in range(1, len(emoticon))
)
_EMOTICON_SCORES: dict[str, float] = {}
for (_mood, _score), _emoticons in _pattern_text.EMOTICONS.items():
    for _emoticon in _emoticons:
        _EMOTICON_SCORES.setdefault(_emoticon.lower(), _score)


def _join_emoticon(match: re.Match[str]) -> str:
    return match.group(1).replace(" ", "") + match.group(2)


def _sentences(text: str) -> list[list[str]]:
    """``[s.split(" ") for s in find_tokens(text)]`` with TextBlob's tokeniser, in one pass."""
    string = text
    for contraction, spaced in _CONTRACTION_PAIRS:
        if contraction in string:
            string = string.replace(contraction, spaced)
    for quote, spaced in _QUOTE_SPACING:
        if quote in string:
            string = string.replace(quote, spaced)
    if "\n" in string:
        string = _LINEBREAK.sub(f" {_EOS} ", string.replace("\r\n", "\n"))
    words = string.split()  # TextBlob collapses whitespace and takes each run of non-space
    leading_chars, trailing_chars = _LEADING_CHARS, _TRAILING_CHARS
    # Most words have no punctuation to split off; the others go through TextBlob's loops.
    split = [k for k, t in enumerate(words) if t[0] in leading_chars or t[-1] in trailing_chars]
    if split:
        tokens: list[str] = []
        done = 0
        for k in split:
            tokens += words[done:k]
            done = k + 1
            t = words[k]
            if (
                len(t) > 1
                and t[0] not in leading_chars
                and t[-2] not in trailing_chars
                and (t[-1] != "." or not _is_abbreviation(t))
            ):  # "word," or "word." (not "Mr."): what TextBlob's loops give, without them
                tokens.append(t[:-1])
                tokens.append(t[-1])
            else:
                _split_punctuation(t, tokens)
        tokens += words[done:]
    else:
        tokens = words
    # A sentence ends at ".", "!", "?" or "..." and takes the closing marks after it; a quote
    # always ends that run (TextBlob counts quotes in a sentence it has not filled yet).
    ends = [k for k, t in enumerate(tokens) if t in _SENTENCE_END]
    sentences: list[list[str]] = []
    if ends:
        n = len(tokens)
        trail = _SENTENCE_TRAIL
        i = scan = 0
        for j in ends:
            if j < scan:
                continue
            while j < n and tokens[j] in trail and tokens[j] not in ("'", '"'):
                j += 1
            sentence = tokens[i:j]
            if _EOS in sentence:
                sentence = [t for t in sentence if t != _EOS]
            sentences.append(sentence)
            i = j
            scan = j + 1
        sentences.append(tokens[i:])
    else:
        sentences.append(tokens)
    out: list[list[str]] = []
    tails = _EMOTICON_TAILS
    for sentence in sentences:
        if not sentence:
            continue
        joined = " ".join(sentence)
        sarcasm = "(" in joined and "!" in joined
        if not sarcasm and tails.isdisjoint(sentence):
            out.append(sentence)
            continue
        joined = _pattern_text.RE_SARCASM.sub("(!)", joined)
        joined = _pattern_text.RE_EMOTICONS.sub(_join_emoticon, joined)
        out.append(joined.split(" "))
    return out


def _is_abbreviation(t: str) -> bool:
    return (
        t in _ABBREVIATIONS
        or _pattern_text.RE_ABBR1.match(t) is not None
        or _pattern_text.RE_ABBR2.match(t) is not None
        or _pattern_text.RE_ABBR3.match(t) is not None
    )


def _split_punctuation(t: str, tokens: list[str]) -> None:
    """TextBlob's loops that split leading and trailing punctuation (not abbreviations) off ``t``."""
    tail: list[str] = []
    while t.startswith(_LEADING) and t not in _CONTRACTIONS:
        tokens.append(t[0])
        t = t[1:]
    while t.endswith(_TRAILING) and t not in _CONTRACTIONS:
        if t.endswith(_LEADING):
            tail.append(t[-1])
            t = t[:-1]
        if t.endswith("..."):
            tail.append("...")
            t = t[:-3].rstrip(".")
        if t.endswith("."):
            if _is_abbreviation(t):
                break
            tail.append(t[-1])
            t = t[:-1]
    if t != "":
        tokens.append(t)
    tokens.extend(reversed(tail))


@cache
def _sentiment_lexicon() -> dict[str, tuple[float, float, bool]]:
    """TextBlob's sentiment lexicon as word: (polarity, intensity, is a modifier), read once."""
    lexicon = _pattern_sentiment
    if not len(lexicon):  # len() loads the lazy dictionary
        return {}
    modifiers = lexicon.modifiers
    return {
        word: (scores[None][0], scores[None][2], any(m in scores for m in modifiers))
        for word, scores in dict.items(lexicon)
        if None in scores
    }


_NEGATIONS = frozenset(_pattern_sentiment.negations)


def _polarity(words: list[str]) -> float:
    """``TextBlob`` polarity of lower-cased tokens: Sentiment.assessments averaged, step for step."""
    lexicon = _sentiment_lexicon()
    negations = _NEGATIONS
    emoticons = _EMOTICON_SCORES
    found: list[list[Any]] = []  # [polarity, intensity, negated] for each assessment
    m: str | None = None  # preceding modifier ("very good")
    n: str | None = None  # preceding negation ("not good")
    for w in words:
        known = lexicon.get(w)
        if known is not None:
            p, i, modifies = known
            if m is None:
                found.append([p, i, False])
            else:
                last = found[-1]
                last[0] = max(-1.0, min(p * last[1], +1.0))
                last[1] = i
            if n is not None:
                last = found[-1]
                last[1] = 1.0 / last[1]
                last[2] = True
            m = w if modifies else None
            n = w if w in negations else None
            continue
        if w in negations:
            n = w
        elif n and len(w.strip("'")) > 1:
            n = None
        if n is not None and m is not None and _pattern_sentiment.modifier(m):
            found[-1][2] = True
            n = None
        elif m is not None and len(w) > 2:
            m = None
        if w == "!" and found:
            found[-1][0] = max(-1.0, min(found[-1][0] * 1.25, +1.0))
        if w == "(!)":
            found.append([0.0, 1.0, False])
        if w in emoticons and w.isalpha() is False and len(w) <= 5 and w not in _PUNCTUATION:
            found.append([emoticons[w], 1.0, False])
    total = 0
    for p, _, negated in found:
        total += p * -0.5 if negated else p
    return float(total / float(len(found) or 1))


# --- emergent phrases ----------------------------------------------------------------------

_EDGE_TAGS = frozenset({"DT", "PDT", "PRP", "PRP$", "WDT", "WP", "WP$", "CD", "CC", "IN", "RB", "RBR"})
_GENERIC = STOP_WORDS | {"way", "lot", "loads", "bit", "fact", "reason", "idea", "ideas"}

# Part-of-speech tags by token. TextBlob's tagger (lexicon and suffix rules, no context rules)
# tags a token by itself and by whether it starts the sentence, so each is tagged once.
_TAGS: dict[str, str] = {}
_FIRST_TAGS: dict[str, str] = {}
TAG_CACHE_SIZE = 100_000


def _tag(token: str) -> str:
    if len(_TAGS) >= TAG_CACHE_SIZE:
        _TAGS.clear()
    tag = _TAGS[token] = _pattern_parser.find_tags(["", token])[1][1]
    return tag


def _first_tag(token: str) -> str:
    if len(_FIRST_TAGS) >= TAG_CACHE_SIZE:
        _FIRST_TAGS.clear()
    tag = _FIRST_TAGS[token] = _pattern_parser.find_tags([token])[0][1]
    return tag


def _phrases(sentences: list[list[str]], lowered: list[list[str]], covered: set[str]) -> tuple[str, ...]:
    """Noun-phrase chunks of tokenised sentences, lower-cased, that share no term with ``covered``.

    A chunk loses determiners, pronouns and other edge words and generic words at either end, and
    is kept when what remains has a noun, a letter in each word and no word of ``covered``.
    """
    found: list[str] = []
    tags_of = _TAGS.get
    edge, generic = _EDGE_TAGS, _GENERIC
    for sentence, words in zip(sentences, lowered, strict=True):
        first = sentence[0]
        tags = [_FIRST_TAGS.get(first) or _first_tag(first)]
        tags += [tags_of(token) or _tag(token) for token in sentence[1:]]
        for start, end in _np_spans(tags):
            while start < end and (tags[start] in edge or words[start] in generic):
                start += 1
            while end > start and (tags[end - 1] in edge or words[end - 1] in generic):
                end -= 1
            if start == end or not any(tag.startswith("NN") for tag in tags[start:end]):
                continue
            kept = words[start:end]
            if all(word.isalpha() or any(c.isalpha() for c in word) for word in kept) and all(
                covered.isdisjoint(_phrase_terms(word)) for word in kept
            ):
                found.append(" ".join(kept))
    return tuple(dict.fromkeys(found))


# Pattern's chunker applies its NP rule first and never re-marks a token, so its NP chunks are
# this rule's matches plus its adverb correction; the other chunk rules are not needed here.
_NP_RULE = next(rule for kind, rule in _pattern_text.CHUNKS[0] if kind == "NP")
_CONJUNCTIONS = frozenset({"CC", "CJ", "KON", "Conj(neven)"})


# The rule tried on the tags with one letter a token: "n" noun, "d" determiner, "a" adjective or
# adverb, "o" other. That finds the same chunks when each of the rule's parts matches whole tags
# only, which holds unless a tag's tail is itself a tag the rule takes ("DT" of "PDT", "NN" of the
# lexicon's "JJ|NN"): a sentence with such a tag ("?") goes through the rule itself.
_NP_PARTS = (
    ("n", _pattern_text.NN),
    ("d", "DT|CD|CC|CJ"),
    ("a", f"{_pattern_text.RB}|{_pattern_text.JJ}"),
)
_NP_CLASS_RULE = re.compile("n*d*a*n+")
_NP_RULE_IS_KNOWN = (
    _NP_RULE.pattern == "".join(f"(({part})/)*" for _, part in _NP_PARTS) + f"(({_pattern_text.NN})/)+"
)


def _tag_class(tag: str) -> str:
    if not _NP_RULE_IS_KNOWN or any(_NP_RULE.match(f"{tag}/NN/", k) for k in range(1, len(tag))):
        return "?"
    return next((letter for letter, part in _NP_PARTS if re.fullmatch(f"(?:{part})", tag)), "o")


class _TagClasses(dict[str, str]):
    def __missing__(self, tag: str) -> str:
        letter = self[tag] = _tag_class(tag)
        return letter


_TAG_CLASSES = _TagClasses()


def _np_spans(tags: list[str]) -> list[tuple[int, int]]:
    """(start, end) token spans of the noun phrases of a sentence's tags."""
    classes = "".join(map(_TAG_CLASSES.__getitem__, tags))
    if "?" in classes:
        joined = "/".join(tags) + "/"
        matches = []
        for match in _NP_RULE.finditer(joined):
            # Tokens before the match, and in it: a match may begin inside a tag ("DT" of "PDT").
            start = joined.count("/", 0, match.start())
            matches.append((start, start + match.group(0).count("/")))
    elif "n" in classes:
        matches = [match.span() for match in _NP_CLASS_RULE.finditer(classes)]
    else:
        return []
    spans: list[tuple[int, int]] = []
    last = len(tags) - 1
    for start, end in matches:
        while start < end and tags[start] in _CONJUNCTIONS:  # a chunk never starts with "and"
            start += 1
        # "Perhaps you": the adverb leaves the noun phrase, which starts after it
        while start < last and tags[start].startswith("RB") and not tags[start + 1].startswith("JJ"):
            start += 1
        if start < end:
            spans.append((start, end))
    return spans


@lru_cache(maxsize=65536)
def _phrase_terms(word: str) -> frozenset[str]:
    return frozenset(_word_terms(SPELLINGS.get(word, word)))

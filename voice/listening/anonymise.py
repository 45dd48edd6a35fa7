"""Anonymise free-text answers at the door: personal data becomes typed placeholders.

A pure function on plain strings (stdlib only), so the web app and the CLI share it.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from itertools import chain
from pathlib import Path

from voice.listening import name_model

__all__ = ["KINDS", "Anonymised", "Redaction", "anonymise"]

KINDS: tuple[str, ...] = (
    "name",
    "email",
    "phone",
    "postcode",
    "address",
    "school",
    "handle",
    "url",
    "dob",
    "id",
)

# When spans of different kinds overlap, the longest wins; on a tie, the kind earlier here
# wins, because it is the more specific pattern (an email contains a domain, a handle a name).
_PRIORITY: dict[str, int] = {
    kind: rank
    for rank, kind in enumerate(
        ("email", "url", "handle", "phone", "id", "dob", "postcode", "address", "school", "name")
    )
}


@dataclass(frozen=True)
class Redaction:
    """One removed span: its kind and where it was in the original text."""

    kind: str
    start: int
    end: int


@dataclass(frozen=True)
class Anonymised:
    """The anonymised text and what was removed from where."""

    text: str
    redactions: tuple[Redaction, ...]

    @property
    def kinds(self) -> frozenset[str]:
        return frozenset(r.kind for r in self.redactions)


class _Answer:
    """One answer as every detector sees it: the text, lower-cased, and its set of words.

    The word set lets each detector skip, with one set operation, the answers that cannot
    hold what it looks for, which keeps the whole pass fast. Postcodes, which two detectors
    need, are found once (see _postcodes).
    """

    __slots__ = ("text", "lower", "words", "digit", "postcodes")

    def __init__(self, text: str) -> None:
        self.text = text
        self.digit = _HAS_DIGIT.search(text) is not None  # asked by many detectors: looked up once
        self.lower = text.lower()
        if not self.lower.isascii():
            self.lower = self.lower.translate(_FOLD)  # "Oisín" is looked up as "oisin"
        self.words = frozenset(_WORD.findall(self.lower))
        self.postcodes: list[re.Match[str]] | None = None


_WORD = re.compile(r"[a-z0-9]+")
_HAS_DIGIT = re.compile(r"\d")


class _TwoWays:
    """A case-insensitive pattern compiled two ways. Python's engine scans a case-sensitive
    pattern over lower-cased text three to four times faster than a case-insensitive one over
    the text (it can skip ahead by the first letters only when case does not matter). Lower-casing
    an ASCII text keeps every position and every match; other text gets the case-insensitive
    pattern over the text itself. Run only over ASCII text, the quick one needs no Unicode
    tables either (see _ascii_spaces)."""

    __slots__ = ("fast", "any")

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self.fast = re.compile(_ascii_spaces(_lower_pattern(pattern)), flags | re.ASCII)
        self.any = re.compile(pattern, flags | re.IGNORECASE)


def _ascii_spaces(pattern: str) -> str:
    """``pattern`` as it matches ASCII text, for compiling with ``re.ASCII`` (letters, digits and
    word boundaries looked up in a table rather than Unicode's): the same but for spaces, as
    Unicode counts four ASCII control characters (0x1C-0x1F) as spaces too, so ``\\s`` takes
    them in."""
    out, i, in_set, first = [], 0, False, False
    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            piece = pattern[i : i + 2]
            if piece == "\\s":
                piece = "\\s\\x1c-\\x1f" if in_set else "[\\s\\x1c-\\x1f]"
            out.append(piece)
            i, first = i + 2, False
            continue
        if in_set:
            in_set = c != "]" or first  # a "]" straight after "[" or "[^" is in the set
            first = False
        elif c == "[":
            in_set = first = True
            if pattern.startswith("[^", i):
                out.append("[^")
                i += 2
                continue
        out.append(c)
        i += 1
    return "".join(out)


def _lower_pattern(pattern: str) -> str:
    """``pattern`` with its letters in lower case, escapes (``\\S``, ``\\W``) and group names
    kept: the same pattern when case is ignored, ready to run case-sensitively over lower-cased
    text. A part that asks for case (``(?-i:...)``) cannot be run that way."""
    if "(?-i" in pattern or "\\N{" in pattern:
        raise ValueError(f"a pattern that asks for case cannot be lower-cased: {pattern[:60]}")
    return _PATTERN_PARTS.sub(lambda m: m.group() if m.group()[0] == "\\" or m.group().startswith("(?P")
                              else m.group().lower(), pattern)


_PATTERN_PARTS = re.compile(r"\\.|\(\?P<\w+>|\(\?P=\w+\)|[^\\(]+|\(")


class _Caseless(_TwoWays):
    """A case-insensitive pattern with the methods of a compiled one, run the quick way (see
    _TwoWays). A match found over the lower-cased text is matched again at the same place in the
    text itself, so its groups hold the text as written."""

    __slots__ = ()

    def finditer(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> Iterator[re.Match[str]]:
        if not text.isascii():
            return self.any.finditer(text, pos, endpos)
        again = self.any.match
        return (again(text, m.start(), endpos) for m in self.fast.finditer(text.lower(), pos, endpos))

    def search(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        if not text.isascii():
            return self.any.search(text, pos, endpos)
        m = self.fast.search(text.lower(), pos, endpos)
        return None if m is None else self.any.match(text, m.start(), endpos)

    def match(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        if not text.isascii():
            return self.any.match(text, pos, endpos)
        if self.fast.match(text.lower(), pos, endpos) is None:
            return None
        return self.any.match(text, pos, endpos)


class _Gated:
    """A pattern that needs a case-insensitive part of itself to match somewhere: where that
    part, run the quick way (see _TwoWays), finds nothing, the whole pattern is not tried."""

    __slots__ = ("pattern", "gate")

    def __init__(self, pattern: re.Pattern[str] | _Caseless, part: str) -> None:
        # Without its word boundaries the part finds at least as much, and its first letters
        # let the engine skip ahead.
        self.pattern, self.gate = pattern, _Caseless(part.replace(r"\b", ""))

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        return self.pattern.finditer(text) if self.gate.search(text) else iter(())


class _InRuns(_Gated):
    """A pattern whose every match is made only of ``chars`` and holds its gate's part: in ASCII
    text it is tried only on the runs of those characters where the part stands, each run seen
    with the character after it (for a closing word boundary)."""

    __slots__ = ("runs",)

    def __init__(self, pattern: re.Pattern[str], part: str, chars: str) -> None:
        super().__init__(pattern, part)
        self.runs = re.compile(f"[{chars}]+")

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        if not text.isascii():
            return self.pattern.finditer(text)
        parts = [m.start() for m in self.gate.finditer(text)]
        return self._in_runs(text, parts) if parts else iter(())

    def _in_runs(self, text: str, parts: list[int]) -> Iterator[re.Match[str]]:
        k = 0
        for run in self.runs.finditer(text):
            start, end = run.span()
            while k < len(parts) and parts[k] < start:
                k += 1
            if k == len(parts):
                return
            if parts[k] < end:
                yield from self.pattern.finditer(text, start, end + 1)


class _Scan(_TwoWays):
    """A case-insensitive pattern, written in lower case, run over a whole answer the quick way
    (see _TwoWays). The matches give positions: take the words themselves from the text."""

    __slots__ = ()

    def finditer(self, a: _Answer) -> Iterator[re.Match[str]]:
        return self.fast.finditer(a.lower) if a.text.isascii() else self.any.finditer(a.text)

    def search(self, a: _Answer) -> re.Match[str] | None:
        return self.fast.search(a.lower) if a.text.isascii() else self.any.search(a.text)


def _fold_table() -> dict[int, str]:
    # Accented Latin letters to their base letter, one character for one, so positions in the
    # folded text are positions in the original ("Ciarán", "Łukasz", "Zoë", "Bjørn").
    import unicodedata

    table = {}
    for code in (*range(0xC0, 0x250), *range(0x1E00, 0x1F00)):  # Latin-1 to Extended-B, and Vietnamese
        base = unicodedata.normalize("NFD", chr(code))[0]
        if base.isascii() and base.isalpha():
            table[code] = base
    extra = {"ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ß": "s", "æ": "a", "Æ": "A",
             "œ": "o", "Œ": "O", "ı": "i"}
    table.update({ord(k): v for k, v in extra.items()})
    return table


_FOLD = _fold_table()

Detector = Callable[[_Answer], Iterable[Redaction]]


def anonymise(text: str, *, known_schools: Iterable[str] = ()) -> Anonymised:
    """Replace personal data in ``text`` with ``[kind]`` placeholders.

    ``known_schools`` are the official names of schools taking part; they are matched
    case-insensitively as whole words, and so is their distinctive core ("Oakwood" for
    "Oakwood Primary School") when that core is not an ordinary word or a town.
    """
    answer = _Answer(text)
    found: list[Redaction] = []
    for detect in DETECTORS:
        found.extend(detect(answer))
    schools = _known_schools_pattern(_schools_key(known_schools))
    if schools is not None and not answer.words.isdisjoint(schools[1]):
        found.extend(Redaction("school", m.start(), m.end()) for m in schools[0].finditer(text))
    redactions = _merge(_names_end_at_places(text, found))
    return Anonymised(_render(text, redactions), redactions)


def _names_end_at_places(text: str, found: list[Redaction]) -> list[Redaction]:
    """A name grown into the school or address straight after it ends where that begins, so
    both keep their kind: "- Kai-Lee Brookside Middle School" is a name, then a school."""
    places = [r for r in found if r.kind in {"school", "address"}]
    if not places or all(r.kind != "name" for r in found):
        return found
    out = []
    for r in found:
        if r.kind == "name":
            for p in places:
                if r.start < p.start < r.end <= p.end:
                    end = len(text[r.start : p.start].rstrip(" \t,")) + r.start
                    if end > r.start:
                        r = Redaction("name", r.start, end)
        out.append(r)
    return out


def _merge(found: list[Redaction]) -> tuple[Redaction, ...]:
    # Overlapping spans become one placeholder over their union, so no fragment of
    # personal data survives between two placeholders.
    if not found:
        return ()
    found.sort(key=lambda r: (r.start, -r.end))
    merged: list[Redaction] = []
    start, end, best = found[0].start, found[0].end, found[0]
    for r in found[1:]:
        if r.start < end:
            end = max(end, r.end)
            if _beats(r, best):
                best = r
        else:
            merged.append(Redaction(best.kind, start, end))
            start, end, best = r.start, r.end, r
    merged.append(Redaction(best.kind, start, end))
    return tuple(merged)


def _beats(a: Redaction, b: Redaction) -> bool:
    la, lb = a.end - a.start, b.end - b.start
    return la > lb or (la == lb and _PRIORITY[a.kind] < _PRIORITY[b.kind])


def _render(text: str, redactions: tuple[Redaction, ...]) -> str:
    parts: list[str] = []
    pos = 0
    for r in redactions:
        parts.append(text[pos : r.start])
        parts.append(f"[{r.kind}]")
        pos = r.end
    parts.append(text[pos:])
    return "".join(parts)


# ---------------------------------------------------------------------------------------
# Word lists. Everything is lower case; lookups lower-case the word first.
# ---------------------------------------------------------------------------------------


def _words(block: str) -> frozenset[str]:
    return frozenset(block.split())


# Function words, pronouns, auxiliaries and text-speak: never a name, a street or a handle.
_STOP = _words("""
a an the and or but nor so yet if then than because cos coz cuz bc as at by for from in into
of off on onto out over to up down with without within about above after again against all
am any are aren't arent around be been before being below between both can can't cant cannot
could couldn't couldnt did didn't didnt do does doesn't doesnt doing don't dont during each
every few further had hadn't has hasn't have haven't havent having he he's hes her here hers
herself him himself his how i i'd i'll i'm i've im ive is isn't isnt it it's its itself just
let's lets me might more most must my myself no not now once only other our ours ourselves
own same she she's shes should shouldn't some such that that's thats their theirs them
themselves there there's theres these they they're theyre they've this those through too
under until very was wasn't wasnt we we're were weren't what what's whats when where which
while who whom whose why will won't wont would wouldn't wouldnt you you're youre your yours
yourself u ur r y ya yeah yes yh yep nah nope ok okay lol omg idk tbh ngl rn fr btw like
really also still even never always sometimes said says say told tells tell went go goes
going gonna wanna gotta got get gets make made makes nothing something everything anything
everyone someone anyone nobody somebody everybody people thing things stuff lot lots loads
much many well back since though although unless whether ever please thanks thank sorry hi
hello hey bye oh ah um erm er hmm x xx xxx mum mums mam mom dad dads may shall can't upon
""")

# School subjects: "art and me dont get on" is about a lesson, not a friend called Art.
_SUBJECTS = _words("""
maths math english science history geography pe re pshe rse computing drama music french spanish
german tech dt art
""")
# Everyday words children use. With the familiar-words list below, this decides that a
# lower-case word after a title, a lower-case street or school name, or a would-be handle
# is an ordinary word and not personal data.
_EXTRA_COMMON = _SUBJECTS | _words("""
online internet website app apps phone phones mobile laptop tablet ipad chromebook computer
console wifi signal data social media video videos message messages messaging texting texts
chat chats group groups post posts photo photos pic pics nudes selfie account accounts
follower followers comments stranger strangers private public deleted banned hacked locked
blocked closed toxic addictive harmful fake scam scams safe unsafe dangerous
bully bullies bullying bullied abuse abused abusive hurting hitting kicked punched slapped
pushed fights fighting threatened threat threats scared scary frightened worried worry
worrying anxious anxiety stress stressed stressful depressed depression upset lonely
crime knife knives weapon weapons drugs drug weed vape vapes vaping smoking alcohol drunk
drinking gang gangs dealer dealers cops police gp nhs hospital counsellor counselling
therapist therapy camhs support helpful listened listening trust trusted adult adults parent
parents family families carer carers foster fostered care stepdad stepmum stepmom sibling
siblings cousin cousins auntie aunty uncle nan nana nanna nanny gran granny grandma grandad
granddad grandpa bestie boyfriend girlfriend partner kids teen teens teenager teenagers lads
money cost costs expensive cheap activities activity boring bored fun cool nice amazing
awesome fine rubbish terrible awful horrible worst best better worse hate hated hates loved
loves liked wanted needed feels feeling felt thought knew maybe probably definitely actually
basically literally honestly seriously proper kinda sorta dunno innit bruv bro sis fam mad
sick peak lit sus cringe vibe vibes slay mental health wellbeing feelings emotions crying
suicide suicidal selfharm harm cutting dying killing death stupid dumb thick idiot idiots
fatty skinny lesbian emo nerd geek loser losers weirdo weird freak slag slut bitch whore
retard spotty posh ginger tramp chav snitch grass liar names nickname nicknames lessons
homework lunchtime breaktime playground canteen detention isolation
exclusion excluded suspended uniform council classroom tutor headteacher deputy assembly exams exam
covid corona coronavirus lockdown security reception pastoral safeguarding staff admin office
receptionist caretaker dinnerlady senco sendco ta
gcse gcses sats mocks revision college uni university sixth apprenticeship jobs buses taxi
bike shops estate alley alleys underpass youth club clubs centre center library leisure gym
pool swimming football rugby cricket netball dancing gymnastics boxing scouts guides cadets
game games gaming pretty loads walk walking walked bus stop stops park parks skatepark
playing played town towns city village villages local area areas zone zones half term
holidays holiday weekend weekends night nights morning evening today tonight tomorrow
yesterday week weeks month months year years hour hours minute minutes min mins second
seconds time times mile miles km metres meters lane close drive road street way court place
view row hill walk grove
regards sincerely faithfully chaos
""")

# Common UK first names (children, parents, grandparents). Matched on their own only when
# they are not ordinary words (see _AMBIGUOUS_NAMES and _WORDLIKE_NAMES).
_NAMES = _words("""
aaron abbie abby abdul abdullah abigail ada adam adrian ahmed aidan aiden aimee aisha aiyla
alan albert albie aleena alex alexa alexander alexandra alfie alice alicia alisha alison
alyssa amanda amber amelia amelie amina amir amira amy ana andrea andrew andy angela angus
anna annabel annabelle anne annie anthony antonio april archie aria arianna arlo aron arran
arthur arjun asher ashley ashton aston aurora austin ava ayaan ayesha ayla barbara barney
barry beatrice beau becky bella ben benjamin benny bertie beth bethan bethany betty billie
billy blake bobby bonnie brad bradley brandon brenda brian brody brooke brooklyn bryony
caitlin caleb callum calum cameron cara carl carla carly caroline carter carys casey cassie
catherine charlie charlotte chelsea chloe chris christina christine christopher ciara cj
claire clara clare cody colin connor conor corey courtney craig daisy dale damian damien
daniel danielle danny darcey darcie darcy darren dave david dawn dean debbie declan demi
denise derek dexter diana diane dominic donna dorothy dougie douglas duncan dylan eddie eden
edith edward eileen elaine eleanor elijah elise eliza elizabeth ella ellen ellie elliot
elliott ellis elsa elsie emilia emily emma erin esme esmee ethan eva evan eve evelyn evie ewan
ezra faith faye felicity felix ffion finlay finley finn florence francesca frankie fraser
freddie freddy frederick freya gabriel gary gavin gemma george georgia georgie gillian gracie
graham gregory hafsa hallie hamza hannah harley harper harriet harrison harry harvey hassan
hattie hayden hayley heather helen henry holly hugo hussain iain ian ibrahim imogen india
isaac isabel isabella isabelle isla ismail ivy izzy jack jackson jacob jade jake jakub james
jamie jane janet jasmine jason jasper jay jayden jaylen jayden jaxon jemma jenna jennifer
jenny jensen jenson jess jessica jessie jim jimmy joanna joanne jodie joe joel joey john
johnny jon jonathan jordan joseph josephine josh joshua josie joy jude julia julie justin
kacper kai karen kate katherine kathleen katie kay kayden kayla kayleigh keira keith kelly
kenny kevin khadija kian kiera kieran kim kirsty kit kyle lacey lara laura lauren layla
leah lee leila lena leo leon leonardo lewis lexi lexie liam libby lilly lillie lily lisa
logan lola lorraine lottie louie louis louise luca lucas lucy luka luke luna lydia lyla
maddie maddison madison maisie maisy malcolm mandy marcus margaret maria mariam marie mark
martha martin mary maryam mason matilda matt matthew max maya megan mia michael michelle
mikey milan miley millie milo mohammad mohammed molly muhammad mustafa nancy naomi natalie
natasha nathan nathaniel neil nell nellie nevaeh niamh nicholas nick nicola nicole nina
noah noel nora norman oakley olive oliver olivia ollie omar orla oscar oskar otis owen paige
pamela patrick paul pauline penelope penny peter phoebe phil philip phoebe piper pippa polly
poppy preston priya rachel rafael raheem raymond reece rebecca reggie reuben rhys richard
rihanna riley rita robbie robert robyn rohan ronan ronnie rory rosa rosie ross rowan ruby
rupert russell ryan sadie sahil sam samantha samira samuel sandra sara sarah scarlett scott
sean sebastian seth shane shannon sharon shaun sheila shelby shirley sian sienna simon
siobhan sofia sonny sophia sophie spencer stacey stanley stella stephanie stephen steve
steven stuart summer susan suzanne sylvia szymon tallulah tamara tanya tara taylor teddy
tegan terry thea theo theodore thomas tia tiffany tilly tim timothy tina toby tom tommy
tony tracey tracy trevor tyler tyrese valerie vanessa vicky victoria vincent violet wayne
wendy wesley wilf wilfred will william willow yasmin yusuf zac zach zachary zack zain zainab
zak zara zayn zoe zoey zuzanna
bill bob dan don drew frank grace hope jo june may pat ray rob rose sue ted robin dean
oliwia zofia maja aleksander aleksandra mateusz filip antoni wiktoria natalia hanna igor dawid
kamil michal piotr tomasz krzysztof patryk bartek dominik dominika weronika kinga milena
karolina nikola andrei ionut alexandru ioana elena andreea darius matas lukas gabija emilija
aarav ayan zayan arham fatima hana inaya anaya riya krish kiran ali tyrone deon jermaine
kofi kwame malachi marley zion jax axel hudson ralph ivan hugh ned fred alf sid bert len
reg rick ricky lenny vinnie mick charlie molly
pip paddy li yu vu yi lei tao mai raj tala sana
""")

# Names that are also everyday words; only taken as names after a title, a relation word or
# "my name is", so "I hope", "they will", "the old bill" and "may half term" are kept.
_AMBIGUOUS_NAMES = _words("""
hope will may june april august bill grace faith joy rose summer autumn amber ruby dawn
mark jack bob rob pat sue jay don drew eve art guy rich chase hunter miles sky storm river
angel star honey crystal pearl jade melody harmony destiny liberty heaven trinity christian
grant earl duke king prince princess sunny carol kitty dot chelsea india brook brooke bo
marshall reed wade rocky lance dash noel mo al ed kit misty candy cherry ginger rusty brandy
alexa preston milan norman blessing junior ty
""")
# Names that are everyday words in lower case but names when capitalised ("Max", "max 2
# hours"; "Nick", "they nick stuff"). Names in the familiar-words list are added below.
_LOWER_CASE_WORDS = _words("""
dean frank ray max nick mason carter taylor jordan georgia sandy penny robin billy bobby stan
brook hazel olive violet heather jasmine willow poppy holly daisy lily ivy dale barney reg
charlie molly
""")

# Common surnames: a capitalised word after a first name is taken as a surname anyway; these
# are also taken in lower case ("jake smith") when they are not everyday words.
_SURNAMES = _words("""
smith jones williams brown taylor davies davis evans wilson thomas johnson roberts robinson
thompson wright walker white edwards hughes green hall lewis harris clarke clark patel
jackson wood turner martin cooper hill ward morris moore lee king baker harrison morgan
allen james scott phillips watson parker price bennett young griffiths mitchell kelly cook
carter richardson bailey collins bell shaw murphy miller cox richards khan marshall anderson
simpson ellis adams singh begum wilkinson foster chapman powell webb rogers gray grey mason
ali hunt hussain campbell matthews owen palmer holmes mills barnes knight lloyd butler
russell barker fisher stevens jenkins murray dixon harvey kaur ahmed nowak kowalski wood
o'brien obrien o'neill oneill o'connor mcdonald macdonald mckenzie mcgregor
""")

# Words that make a following word a name. Titles: the next word is almost always a name.
_TITLES = _words("mr mrs ms mx miss mister missus dr sir")
# Roles written before a surname ("PC Smith", "DS Whitmore"); unlike Mr, never before an
# ordinary word, but "pc games", "coach trip", "PC World" or "DC Comics" would be, so only a
# capitalised word that is a name or no everyday word counts.
_ROLE_TITLES = _words("""
pc sgt coach rev reverend pastor imam rabbi prof professor pcso dc ds di dci dsi sergeant
inspector detective constable councillor cllr mayor mayoress superintendent supt judge headteacher
lt flt cpl capt lieutenant corporal
""")
# Ranks and short forms of roles, never a noun before another noun (unlike "mayor election",
# "coach trip", "rev limiter"): in lower case too a surname follows ("pc hargreaves", "sgt okafor").
_ROLE_SHORT = _words("pc sgt pcso cllr dci dsi lt flt cpl capt supt prof sergeant corporal lieutenant")
# Offices, not names, after a title: "Dear Mr Mayor", "Dear Chief Constable", "Madam Chair".
_OFFICE_WORDS = _words("""
mayor mayoress constable chief inspector councillor president minister speaker chair chairman
chairwoman chairperson headteacher headmaster headmistress principal governor sheriff officer
sergeant superintendent commissioner secretary deputy head director manager prime pcc mp mps
""")
# Honours before a public figure's name: "Dame Rachel de Souza", "Lord Sugar", "Baroness Smith".
# Not "Sir", which children call their teachers.
_HONOURS = _words("dame lord lady baroness baron")
# Particles inside a surname: "de Souza", "van Dijk".
_NAME_PARTICLES = _words("de da di du van von der le la al el bin")

# Words before "miss" that make it the verb ("I miss Summer", "we will miss her"). Not "to":
# "I talked to miss h" is the title, and "going to miss my dad" is kept anyway.
_MISS_VERB_BEFORE = _words("""
i we you u they he she it will would wud 'll i'll ill we'll they'll you'll gonna do don't
dont did didn't didnt does doesn't doesnt really still also so just always never can cant
can't could might may should not sometimes often all definitely def totally proper lowkey
honestly already actually kinda
""")

# More first names and the nicknames children use for each other ("liv", "soph", "kenzie"),
# and more surnames. Places and brands are taken out again below.
_MORE_NAMES = _words("""
liv livvy soph sophs mads maddy bex becca bec kenzie mackenzie mckenzie tommo jonno robbo macca fitzy
gaz baz kez shaz tash tasha nat em emmy els lils lil abs abbi millie milly tilly-mae
mollie ellie-mae lacey-mae kacey kacie kaci casey-jo demi-leigh leigh-ann kayleigh-ann
jayden-lee tyler-james riley-jay alfie-jay harley-rae lexie-mae ava-grace evie-rose
ellis-jay jacob-lee archie-lee bradley-james
aleah alana aliyah amara amberley amira ania anya arabella aria ariana ariella arya astrid
aurelia autumn-rose avani bea bonnie-mae brooklyn-rose callie cara-louise carmen cassidy
cerys chanel chantelle charley cleo cora dakota darcie-mae delilah destiny-rose dolly
ebony edie eliza-mae ellie-louise elodie eloise elsie-mae emelia esmae esmai eva-rose evelyn-rose
everly farah francesca freyja gabriella gabrielle georgina gracie-mae hannah-louise harmonie
hazel-rose heidi hollie ivy-rose jaya jodie-leigh kaitlyn kaitlin katelyn kayla-mae keeley
kelsey kendall kenzie-rae kiara kimberley kirstie lacie layla-rose leona lilah lilia lilian
lilly-ann lily-ann lily-mae lily-rose lola-rose lorna lucie macie macy madeleine madeline
maia mariah marnie martha-rose matilda-rose mckenna melissa mila millicent miriam nadia nell
neve niamh-rose nyla orla-mae paige-louise paris-rose peyton phoebe-rose raya reya rhianna
rhiannon roxy sasha savannah scarlet scarlett-rose shania shauna sienna-rose skye skyla
sofia-rose sophia-rose tamsin tayla taylor-rose tegan-leigh tia-mae tianna tillie trinity-rose
valentina vienna willow-rose yasmine zara-louise zuri zoe-louise
aarav abdullahi adnan ahmad ahmet aidan-lee ajay alastair alistair alex-james alexei alfred
alistair amari anas andre andrei-alexandru angelo ansel anton archer archibald aryan ashton
atticus aurelio ayden ayaan bailey barnaby ben-james benedict benji billy-joe blaine bobby-jo
bodhi bradley-jay braiden braydon brayden brendan brodie bruno caiden callan callum-james calvin
camden carson casper cayden charles charlie-ray chester christian-james clayton cole conrad
corey-james cristian cruz daniel-james dante darragh dawid deacon demetri denis devon diego
dillon dion dominick donovan dorian eddy edison elias eliot elliot-james emil emmanuel enzo
eric ethan-james evan-james ezekiel fabian fergus finlay-james finnley fletcher flynn francis
frankie-lee frazer freddie-james gabe gethin gideon grayson greg gus haris harlow harris
harry-james hayden-lee hector henley hunter-lee ibrahima idris ilyas isaiah ishaan jace jacob-james
jaden jago jai jakey jamal jamie-lee jared jaxson jayce jaylan jenson-lee jesse joao jonah jonas
jordan-lee josiah jude-james julian kaden kaiden kairo kane kayde keaton keegan kenzo khalid
kiaan kobe kristian kyran lachlan landon laurence lawrence lennon lenny-james leighton levi
lewis-james lincoln-james lochlan lorcan louie-jay luca-james lucian lyle macauley maison
malik mateo mathew matteo maxim maximilian maximus mckenzie-lee micah miguel mikael milo-james
mohamed morgan-lee musa myles nasir nate nathanael nico nicolas nikodem noel-james oakley-james
obi ollie-james omari orion osian ozzy pablo parker pedro percy quinn rafe ralphie ramsey
reggie-james reiss remi rhys-james ricardo rico rio riley-james robson rocco roman romeo
ronnie-james rory-james rowan-james rudy ruben rueben ryder sami samson santiago saul shay
sidney silas sol solomon sonny-james stefan sullivan taylor-james teddie teo thiago tobias
tobey tommie travis tristan troy tyler-lee vinny wiktor wojciech xander yahya yasin yousef
yusuf-ali zack-james zakaria zakariya zayden zeke zion-james
sharon-ann tracey-ann di ken kenneth jean joan jeanette jacqueline jackie lesley leslie linda
lynn lynne margaret-ann maureen nicky pete rachael sally sheila-ann steph stephanie-ann val
vera wendy-lou yvonne carole colleen gail jill judith julie-ann karen-ann kerry lindsey
lindsay mandy-jo mel melanie shelley stacey-ann teresa theresa toni tony-lee trish tina-marie
andy-james barry-john bernard clive dennis derek-john gareth geoff geoffrey glen glenn gordon
howard jeff jeremy keith-james kev kevin-john lee-james les mick-john nigel phil-john ricky-lee
rodney roger ron ronald stewart terence tez tomo vince warren
""")
_SURNAMES = _SURNAMES | _words("""
wright-patel okafor oduya kowalczyk nowicki wisniewski wojcik kaminski lewandowski zielinski
szymanski dabrowski kozlowski jankowski mazur krawczyk popescu ionescu petrov kaya yilmaz osei
mensah adeyemi okonkwo adebayo nwosu mahmood iqbal rahman akhtar chowdhury miah uddin islam
hossain shah qureshi malik mirza butt sharma gupta kumar mistry parmar chauhan o'reilly oreilly
o'sullivan osullivan o'donnell odonnell mcallister mccarthy mcgrath mclaughlin mcintyre mcmahon
mcdermott fitzgerald fitzpatrick gallagher doherty byrne kennedy quinn walsh brennan burke
lynch ryan atkinson atkins barton bates baxter berry bird bishop blackburn booth bowen bradley
brooks burton butcher cartwright chambers clayton cole coleman connolly cunningham curtis dale
dawson dean dennis doyle duncan elliott farrell fleming fletcher ford fowler francis fraser
freeman fuller gardner gibson gill goodwin gordon graham grant greenwood gregory hale hamilton
hancock harper hart hayes haynes henderson hewitt higgins hodgson holland holt hopkins horton
howard howe hudson humphreys hunter hutchinson jarvis jennings johnston jordan kemp kerr kirby
knowles lane lawrence lawson leach lees lowe lucas mann marsh mccoy mcdonnell mellor middleton
morton moss newman newton nicholls nicholson norris oliver osborne parkin parry parsons payne
pearce pearson perkins perry peters pickering potter pratt preston pritchard reid reynolds
rhodes riley robertson robson ross rowe sanders saunders sharpe sheppard slater spencer stanley
steele stephens storey sutton sykes talbot tate thornton todd townsend tucker tyler vincent
wade walters walton warren waters watts weaver webster welch wheeler whitehead wilkins willis
winter wong woods woodward wyatt yates
chen zhang wang liu huang zhao zhou xu zhu guo lin luo zheng liang xie wei nguyen tran pham hoang
phan dang bui ngo duong
""")

# Places, organisations, services, brands, countries, days and festivals: capitalised but
# not personal data, and exactly what analysts need to keep.
_KEEP = _words("""
lincoln lincolnshire lincs grantham skegness skeg boston louth gainsborough sleaford spalding
stamford market rasen horncastle bourne mablethorpe holbeach woodhall spa alford brigg
caistor crowland deeping sutton bracebridge nettleham washingborough branston ruskington
saxilby welton metheringham navenby waddington skellingthorpe hykeham birchwood ermine
boultham grimsby scunthorpe cleethorpes immingham newark nottingham leicester peterborough
doncaster sheffield hull york leeds manchester liverpool birmingham london bristol cardiff
edinburgh glasgow belfast norwich cambridge oxford derby coventry newcastle sunderland
brighton blackpool wales england scotland ireland britain uk gb europe america usa poland
romania lithuania latvia bulgaria portugal spain france germany italy ukraine russia syria
afghanistan iran iraq pakistan india bangladesh nigeria ghana somalia eritrea sudan china
turkey greece africa asia australia canada jamaica english british scottish welsh irish
polish romanian lithuanian latvian bulgarian portuguese ukrainian russian syrian afghan
iranian iraqi pakistani indian bangladeshi nigerian somali chinese turkish european african
asian muslim christian jewish hindu sikh catholic islam church mosque allah god jesus
police nhs camhs council ymca barnardo's barnardos nspcc childline samaritans kooth shout
mind youngminds papyrus ceop ofsted stonewall mencap mermaids trust army raf navy scouts
guides brownies cubs beavers cadets rainbows tiktok snapchat snap instagram insta roblox
fortnite youtube minecraft whatsapp facebook discord twitch twitter xbox playstation ps4 ps5
nintendo switch netflix google apple iphone ipad samsung amazon alexa siri spotify pokemon
marvel disney lego nike adidas fifa tesco asda aldi lidl morrisons sainsbury's sainsburys
co-op primark mcdonald's mcdonalds maccies kfc greggs nando's nandos costa starbucks subway
domino's dominos bbc itv chatgpt bereal pinterest telegram kik wattpad gta
monday tuesday wednesday thursday friday saturday sunday january february march july september
october november december christmas easter eid diwali ramadan
halloween bonfire hanukkah mum mam mom dad nan nana nanna nanny gran granny grandma grandad
grandpa auntie aunty uncle
""") | _words("""
spilsby alford wainfleet tetford wragby coningsby tattershall billinghay heckington bardney
fulletby hagworthingham steeping ingoldmells chapel leonards friskney kirton swineshead
donington pinchbeck sutterton gosberton whaplode gedney fleet corby colsterworth ancaster
caythorpe leadenham bassingham sturton torksey scotter epworth crowle barton winterton binbrook
tealby nettleton thoresby grainthorpe saltfleet theddlethorpe trusthorpe anderby burgh marsh
partney stickney sibsey leake butterwick fishtoft frampton wyberton holland kesteven lindsey
wolds fens heighington reepham sudbrooke dunholme scothern langworth ingham hemswell glentham
owmby osgodby normanby kirkby revesby mareham tumby moorby enderby louth's lincoln's
skegness's humberside norfolk suffolk yorkshire nottinghamshire leicestershire rutland
cambridgeshire kent essex devon cornwall cumbria durham lancashire cheshire surrey sussex
action children crimestoppers princes prince's womens women's aid nhs111 a&e gp's jd boots
superdrug argos currys smyths poundland wilko specsavers wetherspoons spoons vue odeon
cineworld hollister primark greggs pizza hut burger king prime monster oreo haribo
""")
# Names of people everybody knows, brands and characters: not anyone's personal data.
_KEEP_PHRASES = _Caseless(
    r"\b(?:harry\s+potter|jack\s+wills|lost\s+marys?|peppa\s+pig|ben\s*(?:&|and)\s*jerry'?s|ted\s+baker"
    r"|tommy\s+hilfiger|calvin\s+klein|ronald\s+mcdonald|father\s+christmas|santa(?:\s+claus)?"
    r"|guy\s+fawkes|robin\s+hood|peter\s+pan|jack\s+frost|jack\s+russells?|buckingham\s+palace"
    r"|mr\.?\s+(?:tumble|men|bean|blobby|whippy|motivator|potato\s+head|freeze|kipling|beast)|bob\s+the\s+builder|thomas\s+the\s+tank"
    r"|pc\s+plod|joe\s+bloggs|john\s+doe|jane\s+doe|billy\s+no[\s-]+mates"  # stand-ins for anyone
    r"|(?:king|prince|princess|queen)\s+(?:charles|william|harry|george|elizabeth|kate|anne)"
    r"|taylor\s+swift|harry\s+styles|billie\s+eilish|marcus\s+rashford|harry\s+kane|andrew\s+tate"
    r"|boris\s+johnson|rishi\s+sunak|keir\s+starmer|greta\s+thunberg|martin\s+luther\s+king"
    r"|grace\s+darling|isaac\s+newton|florence\s+nightingale|anne\s+frank|mo\s+farah|rosa\s+parks"
    r"|jack\s+and\s+jill\s+went|ben\s*10|big\s+ben|little\s+john"  # a nursery rhyme, a cartoon, a clock
    r"|young\s+minds|universal\s+credit|child\s+benefit|inspector\s+(?:gadget|clouseau)|dr\.?\s+(?:who|seuss|strange|octopus|doom)|dude\s+perfect|citizens\s+advice|sainsbury'?s|morrisons|claire'?s\s+accessories|marks\s+(?:and|&)\s+spencers?|tesco|holland\s+and\s+barrett"
    # shows, foods, sweets and figures of faith whose names hold a person's name
    r"|gavin\s+(?:and|&|n)\s+stacey|mrs\.?\s+brown'?s\s+boys|uncle\s+ben'?s|kendal\s+mint|(?:miss\s+)?trunchbull"
    r"|prophet\s+[a-z]+|sierra\s+leone|costa\s+rica|st\.?\s+lucia|saint\s+lucia|talk\s+to\s+frank|frankie\s*(?:&|and)\s*benny'?s|mcdonald'?s)\b",
)
# A word each of those phrases must hold, the rarest one, so most answers skip the search.
_KEEP_PHRASE_WORDS = _words("""
potter wills mary marys peppa jerry jerrys baker hilfiger klein ronald father santa fawkes hood peter
frost russell russells buckingham tumble men bean blobby whippy motivator potato freeze kipling beast
builder tank plod bloggs doe billy king prince princess queen swift styles eilish rashford kane tate
boris rishi keir greta luther darling newton nightingale anne farah rosa minds universal benefit
inspector dr dude citizens sainsbury sainsburys morrisons accessories spencer spencers tesco barrett
jill ben john frank benny bennys mcdonald mcdonalds stacey browns brown's bens ben's kendal trunchbull
prophet leone rica lucia
""")
# More people everybody knows, from sport, music, screen, politics, stories and history: first
# and last name, looked up word by word (a longer pattern above would slow every answer with a
# common name).
_PUBLIC_FIGURES = frozenset(tuple(line.split()) for line in """
jamie vardy
martin lewis
dolly parton
samuel pepys
billy elliot
percy jackson
gary lineker
bukayo saka
jude bellingham
raheem sterling
harry maguire
jordan pickford
declan rice
cole palmer
phil foden
jack grealish
wayne rooney
david beckham
alan shearer
ian wright
gareth southgate
mo salah
cristiano ronaldo
lionel messi
lewis hamilton
emma raducanu
tom daley
david attenborough
joe wicks
ed sheeran
lewis capaldi
ariana grande
justin bieber
olivia rodrigo
sabrina carpenter
emma watson
tom holland
jake paul
logan paul
kate middleton
theresa may
liz truss
jeremy corbyn
nigel farage
sadiq khan
andy burnham
donald trump
joe biden
ash ketchum
homer simpson
bart simpson
lisa simpson
marge simpson
peter parker
tony stark
bruce wayne
clark kent
luke skywalker
ron weasley
hermione granger
willy wonka
mary poppins
horrid henry
tracy beaker
buzz lightyear
freddy fazbear
winston churchill
anne boleyn
charles darwin
william shakespeare
nelson mandela
mary seacole
neil armstrong
oliver cromwell
bruce lee
jackie chan
lionel messi
cristiano ronaldo
lewis hamilton
tyson fury
anthony joshua
ed sheeran
dua lipa
ariana grande
michael jackson
elon musk
donald trump
joe biden
barack obama
logan paul
jake paul
captain tom
tom moore
emmeline pankhurst
alan turing
marie curie
julius caesar
francis drake
walter raleigh
mary anning
charles dickens
roald dahl
david walliams
jack whitehall
peter kay
joe wicks
david attenborough
charli damelio
romesh ranganathan
alan carr
lee mack
will smith
holly willoughby
phillip schofield
ant mcpartlin
declan donnelly
simon cowell
gordon ramsay
jeremy clarkson
kim kardashian
kylie jenner
selena gomez
miley cyrus
zayn malik
niall horan
louis tomlinson
marcus rashford
erling haaland
kylian mbappe
chris hemsworth
tom cruise
dwayne johnson
""".strip().splitlines())
_PUBLIC_SURNAMES = frozenset(last for _, last in _PUBLIC_FIGURES)
_NAMES = _NAMES | (_MORE_NAMES - _KEEP)


def _word_file(name: str) -> frozenset[str]:
    lines = (Path(__file__).with_name(name).read_text(encoding="utf-8")).splitlines()
    return frozenset(w.strip() for w in lines if w.strip() and not w.startswith("#"))


# Thousands more first names, of the many countries the county's families come from
# (names.txt, built from Faker's lists by scripts/make_names.py). A child's misspelling or
# text-speak ("wen", "luv") is never taken for one.
_SPELLINGS: dict[str, str] = json.loads(
    Path(__file__).with_name("spellings.json").read_text(encoding="utf-8"))
_SPELLING_KEYS = frozenset(_SPELLINGS)
# Contractions written without their apostrophe, and brands and characters in those lists.
_NOT_NAMES = _words("""
theres thats whats heres wheres whos hows whens hes shes its lets ive youre theyre weve wed
hed shed youd theyd ill youll theyll isnt wasnt arent werent dont doesnt didnt cant wont
wouldnt couldnt shouldnt havent hasnt hadnt aint nando nandos mario luigi sonic zelda elmo
xan xans ket
""")
# The world's countries, which children name in geography, news and school council talk
# ("parliaments in other countries like Senegal and Finland"): never names. Countries that
# are also first names (Jordan, Chad, Georgia, Kenya) are left to the name rules.
_KEEP = _KEEP | _words("""
albania algeria andorra angola argentina armenia austria azerbaijan bahamas bahrain barbados belarus
belgium belize benin bhutan bolivia bosnia botswana brazil brunei burkina burundi cambodia cameroon
chile colombia comoros congo croatia cuba cyprus czechia denmark djibouti dominica ecuador estonia
eswatini ethiopia fiji finland gabon gambia grenada guatemala guinea guyana haiti honduras hungary
iceland indonesia israel japan kazakhstan kiribati kosovo kuwait kyrgyzstan laos lebanon lesotho
liberia libya liechtenstein luxembourg madagascar malawi malaysia maldives mali malta mauritania
mauritius mexico moldova monaco mongolia montenegro morocco mozambique myanmar namibia nauru nepal
netherlands nicaragua niger norway oman palau palestine panama paraguay peru philippines qatar
rwanda samoa senegal serbia seychelles singapore slovakia slovenia sudan suriname sweden switzerland
taiwan tajikistan tanzania thailand togo tonga tunisia turkmenistan tuvalu uganda uruguay
uzbekistan vanuatu venezuela vietnam yemen zambia zimbabwe
""")
# World places children write about ("I want to go to Paris", "calls me from Lagos"): never
# names, in any case.
_KEEP = _KEEP | _words("""
paris london india china africa america asia europe spain france italy poland turkey egypt dubai
florida sydney dallas orlando vegas devon cornwall kent essex york chester hollywood berlin rome
lagos abuja accra kumasi nairobi mombasa kampala kinshasa harare lusaka mogadishu hargeisa khartoum
cairo casablanca kabul karachi lahore islamabad rawalpindi mirpur dhaka sylhet mumbai kolkata
colombo kathmandu warsaw krakow gdansk wroclaw poznan bucharest vilnius kaunas kyiv kiev kharkiv
lviv odesa odessa tirana budapest prague bratislava lisbon madrid barcelona athens istanbul ankara
tehran baghdad damascus aleppo beirut riyadh manila bangkok hanoi beijing shanghai tokyo seoul
""") | _words("""
sweden finland norway denmark iceland estonia belgium netherlands luxembourg switzerland austria
slovenia slovakia croatia serbia bosnia albania kosovo macedonia montenegro moldova belarus hungary
czechia cyprus malta senegal gambia liberia mali niger cameroon gabon congo angola zambia zimbabwe
malawi mozambique tanzania kenya uganda rwanda burundi ethiopia djibouti libya tunisia algeria
morocco namibia botswana lesotho eswatini madagascar mauritius yemen oman qatar bahrain kuwait
lebanon palestine saudi emirates uae kazakhstan uzbekistan armenia azerbaijan mongolia nepal bhutan
myanmar burma thailand laos cambodia vietnam malaysia singapore indonesia philippines japan korea
taiwan fiji samoa tonga mexico guatemala honduras nicaragua panama cuba haiti barbados trinidad
tobago brazil argentina chile peru bolivia ecuador colombia venezuela guyana paraguay uruguay
""")  # the world's countries, but those that are also names ("Jordan", "Georgia", "Chad")
# Characters from cartoons, films, books and games, and figures from history lessons, whose
# names are no child's name ("obsessed with Pikachu", "I love Bluey", "Hitler invaded Poland").
# Those that are ("Elsa", "Anna") are kept by what stands before them instead.
_KEEP = _KEEP | _words("""
pikachu charizard eevee jigglypuff spongebob squidward shrek bluey gruffalo paddington spiderman
spider-man batman superman ironman hulk thanos groot deadpool wolverine scooby scooby-doo garfield
snoopy simba mufasa nemo dory minion minions gru yoda vader dumbledore voldemort hagrid gandalf
frodo naruto goku bowser yoshi cocomelon pooh moana
shakespeare churchill hitler napoleon cleopatra boudicca tutankhamun einstein mandela gandhi
""")
# Sports and screen stars known by one name ("messi is better than ronaldo"), and everyday
# services, shops and bus and train companies named like people ("Etsy and Vinted", "a bank
# account with Monzo", "Arriva put prices up"), charities and revision sites ("a walk for
# Macmillan", "BBC Bitesize"), football clubs ("play for Arsenal") and "NEET".
_FAMOUS_ONE_NAME = _words("""
messi ronaldo neymar mbappe haaland pele maradona beckham ronaldinho zlatan ksi mrbeast stormzy
beyonce eminem
""")
_KEEP = _KEEP | _FAMOUS_ONE_NAME | _words("""
macmillan oxfam unicef mencap bitesize seneca sparx hegarty kahoot quizlet duolingo neet
arsenal tottenham spurs everton fulham brentford wolves celtic rangers juventus barca
monzo starling revolut barclays natwest lloyds halifax santander hsbc nationwide paypal klarna
etsy vinted depop ebay gumtree shein asos deliveroo uber ubereats justeat jobcentre connexions
pgl
""") | _words("""
arriva stagecoach metrolink tfl lner avanti gwr thameslink merseyrail translink megabus flixbus
""") | _words("""
vietnamese japanese korean thai filipino nepali nepalese lebanese congolese sudanese eritrean
ethiopian kurdish albanian kosovan serbian croatian czech slovak hungarian greek dutch german
french italian spanish brazilian mexican american canadian australian jamaican zimbabwean kenyan
ugandan cameroonian ghanaian egyptian moroccan algerian libyan yemeni palestinian tamil punjabi
gujarati bengali arabic
""")  # nationalities and languages: "Thanh from my course is Vietnamese"
_NAMES = (_NAMES | (_word_file("names.txt") - _SPELLING_KEYS - _NOT_NAMES)) - _KEEP

# Place words and adjectives that make "<word> School" generic ("my old school", "Forest
# School", "Secondary School"), not a named school.
_SCHOOL_GENERIC = _words("""
mosque madrasa madrassa madrasah quran koran arabic urdu punjabi polish saturday weekend
otherwise anyway anyways honestly basically overall generally personally also but and so then
now well plus tbh ngl like and yeah yes no because cos its it's at in after before during
secondary primary high middle junior juniors infant infants grammar private state public
independent special boarding faith catholic religious village town city forest sunday
summer holiday night driving dance drama music football sports swimming art language nursery
home online free big old new local nearest different other same whole entire good bad best
worst nice great boring rubbish hate hates love loves like miss leave left start started
skip skipped bunk after before during outside inside near every each any no another some
this that these those my your our their his her its the a an go going went at in to from of
for with about by on than and or but so when if year sixth form main upper lower girls boys
mixed single sex real normal proper last next previous current first second third fe art football
virtual mainstream alternative specialist residential comprehensive regular hospital
""") | _words("""
english british scottish welsh irish polish romanian lithuanian latvian bulgarian portuguese
ukrainian russian syrian afghan iranian iraqi pakistani indian bangladeshi nigerian somali
chinese turkish european african asian muslim christian jewish hindu sikh islamic
""")


# ---------------------------------------------------------------------------------------
# Familiar English words (Dale-Chall list of ~3,000 words known to most 10-year-olds).
# ---------------------------------------------------------------------------------------

_FAMILIAR = _words("""
a able aboard about above absent accept accident account ache aching acorn acre across act acts
add address admire adventure afar afraid after afternoon afterward afterwards again against age
aged ago agree ah ahead aid aim air airfield airplane airport airship airy alarm alike alive
all alley alligator allow almost alone along aloud already also always am america american
among amount an and angel anger angry animal another answer ant any anybody anyhow anyone
anything anyway anywhere apart apartment ape apiece appear apple april apron are aren't arise
arithmetic arm armful army arose around arrange arrive arrived arrow art artist as ash ashes
aside ask asleep at ate attack attend attention august aunt author auto automobile autumn
avenue awake awaken away awful awfully awhile ax axe baa babe babies back background backward
backwards bacon bad badge badly bag bake baker bakery baking ball balloon banana band bandage
bang banjo bank banker bar barber bare barefoot barely bark barn barrel base baseball basement
basket bat batch bath bathe bathing bathroom bathtub battle battleship bay be beach bead beam
bean bear beard beast beat beating beautiful beautify beauty became because become becoming bed
bedbug bedroom bedspread bedtime bee beech beef beefsteak beehive been beer beet before beg
began beggar begged begin beginning begun behave behind being believe bell belong below belt
bench bend beneath bent berries berry beside besides best bet better between bib bible bicycle
bid big bigger bill billboard bin bind bird birth birthday biscuit bit bite biting bitter black
blackberry blackbird blackboard blackness blacksmith blame blank blanket blast blaze bleed
bless blessing blew blind blindfold blinds block blood bloom blossom blot blow blue blueberry
bluebird blush board boast boat bob bobwhite bodies body boil boiler bold bone bonnet boo book
bookcase bookkeeper boom boot born borrow boss both bother bottle bottom bought bounce bow bowl
bow-wow box boxcar boxer boxes boy boyhood bracelet brain brake bran branch brass brave bread
break breakfast breast breath breathe breeze brick bride bridge bright brightness bring broad
broadcast broke broken brook broom brother brought brown brush bubble bucket buckle bud buffalo
bug buggy build building built bulb bull bullet bum bumblebee bump bun bunch bundle bunny burn
burst bury bus bush bushel business busy but butcher butt butter buttercup butterfly buttermilk
butterscotch button buttonhole buy buzz by bye cab cabbage cabin cabinet cackle cage cake
calendar calf call caller calling came camel camp campfire can canal canary candle candlestick
candy cane cannon cannot canoe can't canyon cap cape capital captain car card cardboard care
careful careless carelessness carload carpenter carpet carriage carrot carry cart carve case
cash cashier castle cat catbird catch catcher caterpillar catfish catsup cattle caught cause
cave ceiling cell cellar cent center cereal certain certainly chain chair chalk champion chance
change chap charge charm chart chase chatter cheap cheat check checkers cheek cheer cheese
cherry chest chew chick chicken chief child childhood children chill chilly chimney chin china
chip chipmunk chocolate choice choose chop chorus chose chosen christen christmas church churn
cigarette circle circus citizen city clang clap class classmate classroom claw clay clean
cleaner clear clerk clever click cliff climb clip cloak clock close closet cloth clothes
clothing cloud cloudy clover clown club cluck clump coach coal coast coat cob cobbler cocoa
coconut cocoon cod codfish coffee coffeepot coin cold collar college color colored colt column
comb come comfort comic coming company compare conductor cone connect coo cook cooked cooking
cookie cookies cool cooler coop copper copy cord cork corn corner correct cost cot cottage
cotton couch cough could couldn't count counter country county course court cousin cover cow
coward cowardly cowboy cozy crab crack cracker cradle cramps cranberry crank cranky crash crawl
crazy cream creamy creek creep crept cried croak crook crooked crop cross crossing cross-eyed
crow crowd crowded crown cruel crumb crumble crush crust cry cries cub cuff cup cupboard cupful
cure curl curly curtain curve cushion custard customer cut cute cutting dab dad daddy daily
dairy daisy dam damage dame damp dance dancer dancing dandy danger dangerous dare dark darkness
darling darn dart dash date daughter dawn day daybreak daytime dead deaf deal dear death
december decide deck deed deep deer defeat defend defense delight den dentist depend deposit
describe desert deserve desire desk destroy devil dew diamond did didn't die died dies
difference different dig dim dime dine ding-dong dinner dip direct direction dirt dirty
discover dish dislike dismiss ditch dive diver divide do dock doctor does doesn't dog doll
dollar dolly done donkey don't door doorbell doorknob doorstep dope dot double dough dove down
downstairs downtown dozen drag drain drank draw drawer drawing dream dress dresser dressmaker
drew dried drift drill drink drip drive driven driver drop drove drown drowsy drub drum drunk
dry duck due dug dull dumb dump during dust dusty duty dwarf dwell dwelt dying each eager eagle
ear early earn earth east eastern easy eat eaten edge egg eh eight eighteen eighth eighty
either elbow elder eldest electric electricity elephant eleven elf elm else elsewhere empty end
ending enemy engine engineer english enjoy enough enter envelope equal erase eraser errand
escape eve even evening ever every everybody everyday everyone everything everywhere evil exact
except exchange excited exciting excuse exit expect explain extra eye eyebrow fable face facing
fact factory fail faint fair fairy faith fake fall false family fan fancy far faraway fare
farmer farm farming far-off farther fashion fast fasten fat father fault favor favorite fear
feast feather february fed feed feel feet fell fellow felt fence fever few fib fiddle field
fife fifteen fifth fifty fig fight figure file fill film finally find fine finger finish fire
firearm firecracker fireplace fireworks firing first fish fisherman fist fit fits five fix flag
flake flame flap flash flashlight flat flea flesh flew flies flight flip flip-flop float flock
flood floor flop flour flow flower flowery flutter fly foam fog foggy fold folks follow
following fond food fool foolish foot football footprint for forehead forest forget forgive
forgot forgotten fork form fort forth fortune forty forward fought found fountain four fourteen
fourth fox frame free freedom freeze freight french fresh fret friday fried friend friendly
friendship frighten frog from front frost frown froze fruit fry fudge fuel full fully fun funny
fur furniture further fuzzy gain gallon gallop game gang garage garbage garden gas gasoline
gate gather gave gay gear geese general gentle gentleman gentlemen geography get getting giant
gift gingerbread girl give given giving glad gladly glance glass glasses gleam glide glory
glove glow glue go going goes goal goat gobble god godmother gold golden goldfish golf gone
good goods goodbye good-by good-bye good-looking goodness goody goose gooseberry got govern
government gown grab gracious grade grain grand grandchild grandchildren granddaughter
grandfather grandma grandmother grandpa grandson grandstand grape grapes grapefruit grass
grasshopper grateful grave gravel graveyard gravy gray graze grease great green greet grew
grind groan grocery ground group grove grow guard guess guest guide gulf gum gun gunpowder guy
ha habit had hadn't hail hair haircut hairpin half hall halt ham hammer hand handful
handkerchief handle handwriting hang happen happily happiness happy harbor hard hardly hardship
hardware hare hark harm harness harp harvest has hasn't haste hasten hasty hat hatch hatchet
hate haul have haven't having hawk hay hayfield haystack he head headache heal health healthy
heap hear hearing heard heart heat heater heaven heavy he'd heel height held hell he'll hello
helmet help helper helpful hem hen henhouse her hers herd here here's hero herself he's hey
hickory hid hidden hide high highway hill hillside hilltop hilly him himself hind hint hip hire
his hiss history hit hitch hive ho hoe hog hold holder hole holiday hollow holy home homely
homesick honest honey honeybee honeymoon honk honor hood hoof hook hoop hop hope hopeful
hopeless horn horse horseback horseshoe hose hospital host hot hotel hound hour house housetop
housewife housework how however howl hug huge hum humble hump hundred hung hunger hungry hunk
hunt hunter hurrah hurried hurry hurt husband hush hut hymn i ice icy i'd idea ideal if ill
i'll i'm important impossible improve in inch inches income indeed indian indoors ink inn
insect inside instant instead insult intend interested interesting into invite iron is island
isn't it its it's itself i've ivory ivy jacket jacks jail jam january jar jaw jay jelly
jellyfish jerk jig job jockey join joke joking jolly journey joy joyful joyous judge jug juice
juicy july jump june junior junk just keen keep kept kettle key kick kid kill killed kind
kindly kindness king kingdom kiss kitchen kite kitten kitty knee kneel knew knife knit knives
knob knock knot know known lace lad ladder ladies lady laid lake lamb lame lamp land lane
language lantern lap lard large lash lass last late laugh laundry law lawn lawyer lay lazy lead
leader leaf leak lean leap learn learned least leather leave leaving led left leg lemon
lemonade lend length less lesson let let's letter letting lettuce level liberty library lice
lick lid lie life lift light lightness lightning like likely liking lily limb lime limp line
linen lion lip list listen lit little live lives lively liver living lizard load loaf loan
loaves lock locomotive log lone lonely lonesome long look lookout loop loose lord lose loser
loss lost lot loud love lovely lover low luck lucky lumber lump lunch lying machine machinery
mad made magazine magic maid mail mailbox mailman major make making male mama mamma man manager
mane manger many map maple marble march mare mark market marriage married marry mask mast
master mat match matter mattress may maybe mayor maypole me meadow meal mean means meant
measure meat medicine meet meeting melt member men mend meow merry mess message met metal mew
mice middle midnight might mighty mile milk milkman mill miler million mind mine miner mint
minute mirror mischief miss misspell mistake misty mitt mitten mix moment monday money monkey
month moo moon moonlight moose mop more morning morrow moss most mostly mother motor mount
mountain mouse mouth move movie movies moving mow much mud muddy mug mule multiply murder music
must my myself nail name nap napkin narrow nasty naughty navy near nearby nearly neat neck
necktie need needle needn't negro neighbor neighborhood neither nerve nest net never nevermore
new news newspaper next nibble nice nickel night nightgown nine nineteen ninety no nobody nod
noise noisy none noon nor north northern nose not note nothing notice november now nowhere
number nurse nut oak oar oatmeal oats obey ocean o'clock october odd of off offer office
officer often oh oil old old-fashioned on once one onion only onward open or orange orchard
order ore organ other otherwise ouch ought our ours ourselves out outdoors outfit outlaw
outline outside outward oven over overalls overcoat overeat overhead overhear overnight
overturn owe owing owl own owner ox pa pace pack package pad page paid pail pain painful paint
painter painting pair pal palace pale pan pancake pane pansy pants papa paper parade pardon
parent park part partly partner party pass passenger past paste pasture pat patch path patter
pave pavement paw pay payment pea peas peace peaceful peach peaches peak peanut pear pearl peck
peek peel peep peg pen pencil penny people pepper peppermint perfume perhaps person pet phone
piano pick pickle picnic picture pie piece pig pigeon piggy pile pill pillow pin pine pineapple
pink pint pipe pistol pit pitch pitcher pity place plain plan plane plant plate platform
platter play player playground playhouse playmate plaything pleasant please pleasure plenty
plow plug plum pocket pocketbook poem point poison poke pole police policeman polish polite
pond ponies pony pool poor pop popcorn popped porch pork possible post postage postman pot
potato potatoes pound pour powder power powerful praise pray prayer prepare present pretty
price prick prince princess print prison prize promise proper protect proud prove prune public
puddle puff pull pump pumpkin punch punish pup pupil puppy pure purple purse push puss pussy
pussycat put putting puzzle quack quart quarter queen queer question quick quickly quiet quilt
quit quite rabbit race rack radio radish rag rail railroad railway rain rainy rainbow raise
raisin rake ram ran ranch rang rap rapidly rat rate rather rattle raw ray reach read reader
reading ready real really reap rear reason rebuild receive recess record red redbird redbreast
refuse reindeer rejoice remain remember remind remove rent repair repay repeat report rest
return review reward rib ribbon rice rich rid riddle ride rider riding right rim ring rip ripe
rise rising river road roadside roar roast rob robber robe robin rock rocky rocket rode roll
roller roof room rooster root rope rose rosebud rot rotten rough round route row rowboat royal
rub rubbed rubber rubbish rug rule ruler rumble run rung runner running rush rust rusty rye
sack sad saddle sadness safe safety said sail sailboat sailor saint salad sale salt same sand
sandy sandwich sang sank sap sash sat satin satisfactory saturday sausage savage save savings
saw say scab scales scare scarf school schoolboy schoolhouse schoolmaster schoolroom scorch
score scrap scrape scratch scream screen screw scrub sea seal seam search season seat second
secret see seeing seed seek seem seen seesaw select self selfish sell send sense sent sentence
separate september servant serve service set setting settle settlement seven seventeen seventh
seventy several sew shade shadow shady shake shaker shaking shall shame shan't shape share
sharp shave she she'd she'll she's shear shears shed sheep sheet shelf shell shepherd shine
shining shiny ship shirt shock shoe shoemaker shone shook shoot shop shopping shore short shot
should shoulder shouldn't shout shovel show shower shut shy sick sickness side sidewalk
sideways sigh sight sign silence silent silk sill silly silver simple sin since sing singer
single sink sip sir sis sissy sister sit sitting six sixteen sixth sixty size skate skater ski
skin skip skirt sky slam slap slate slave sled sleep sleepy sleeve sleigh slept slice slid
slide sling slip slipped slipper slippery slit slow slowly sly smack small smart smell smile
smoke smooth snail snake snap snapping sneeze snow snowy snowball snowflake snuff snug so soak
soap sob socks sod soda sofa soft soil sold soldier sole some somebody somehow someone
something sometime sometimes somewhere son song soon sore sorrow sorry sort soul sound soup
sour south southern space spade spank sparrow speak speaker spear speech speed spell spelling
spend spent spider spike spill spin spinach spirit spit splash spoil spoke spook spoon sport
spot spread spring springtime sprinkle square squash squeak squeeze squirrel stable stack stage
stair stall stamp stand star stare start starve state station stay steak steal steam steamboat
steamer steel steep steeple steer stem step stepping stick sticky stiff still stillness sting
stir stitch stock stocking stole stone stood stool stoop stop stopped stopping store stork
stories storm stormy story stove straight strange stranger strap straw strawberry stream street
stretch string strip stripes strong stuck study stuff stump stung subject such suck sudden
suffer sugar suit sum summer sun sunday sunflower sung sunk sunlight sunny sunrise sunset
sunshine supper suppose sure surely surface surprise swallow swam swamp swan swat swear sweat
sweater sweep sweet sweetness sweetheart swell swept swift swim swimming swing switch sword
swore table tablecloth tablespoon tablet tack tag tail tailor take taken taking tale talk
talker tall tame tan tank tap tape tar tardy task taste taught tax tea teach teacher team tear
tease teaspoon teeth telephone tell temper ten tennis tent term terrible test than thank thanks
thankful thanksgiving that that's the theater thee their them then there these they they'd
they'll they're they've thick thief thimble thin thing think third thirsty thirteen thirty this
thorn those though thought thousand thread three threw throat throne through throw thrown thumb
thunder thursday thy tick ticket tickle tie tiger tight till time tin tinkle tiny tip tiptoe
tire tired title to toad toadstool toast tobacco today toe together toilet told tomato tomorrow
ton tone tongue tonight too took tool toot tooth toothbrush toothpick top tore torn toss touch
tow toward towards towel tower town toy trace track trade train tramp trap tray treasure treat
tree trick tricycle tried trim trip trolley trouble truck true truly trunk trust truth try tub
tuesday tug tulip tumble tune tunnel turkey turn turtle twelve twenty twice twig twin two ugly
umbrella uncle under understand underwear undress unfair unfinished unfold unfriendly unhappy
unhurt uniform united states unkind unknown unless unpleasant until unwilling up upon upper
upset upside upstairs uptown upward us use used useful valentine valley valuable value vase
vegetable velvet very vessel victory view village vine violet visit visitor voice vote wag
wagon waist wait wake waken walk wall walnut want war warm warn was wash washer washtub wasn't
waste watch watchman water watermelon waterproof wave wax way wayside we weak weakness weaken
wealth weapon wear weary weather weave web we'd wedding wednesday wee weed week we'll weep
weigh welcome well went were we're west western wet we've whale what what's wheat wheel when
whenever where which while whip whipped whirl whisky whiskey whisper whistle white who who'd
whole who'll whom who's whose why wicked wide wife wiggle wild wildcat will willing willow win
wind windy windmill window wine wing wink winner winter wipe wire wise wish wit witch with
without woke wolf woman women won wonder wonderful won't wood wooden woodpecker woods wool
woolen word wore work worker workman world worm worn worry worse worst worth would wouldn't
wound wove wrap wrapped wreck wren wring write writing written wrong wrote wrung yard yarn year
yell yellow yes yesterday yet yolk yonder you you'd you'll young youngster your yours you're
yourself yourselves youth you've
""")

# Who children say they are ("I am Autistic", "im White British"): never names.
_IDENTITY = _words("""
autistic adhd add dyslexic dyspraxic disabled deaf blind neurodivergent white black brown asian
mixed race british english welsh scottish irish european african caribbean arab muslim christian
hindu sikh jewish buddhist atheist catholic gay lesbian bi bisexual trans transgender nonbinary
non-binary queer straight pan pansexual asexual ace young carer gypsy gypsies traveller travellers
roma romany irish-traveller
""")
_COMMON: frozenset[str] = _FAMILIAR | _EXTRA_COMMON | _STOP | _IDENTITY
# In a name slot ("my friend Will", "Nana Sue") the ambiguous names count as names too.
_ANY_NAME: frozenset[str] = _NAMES | _AMBIGUOUS_NAMES
# Names that are also everyday words are never taken in lower case on their own.
_WORDLIKE_NAMES: frozenset[str] = _AMBIGUOUS_NAMES | _LOWER_CASE_WORDS | (_NAMES & _COMMON)

_SUFFIXES: tuple[tuple[str, str], ...] = (
    ("'s", ""),
    ("’s", ""),
    ("ies", "y"),
    ("ied", "y"),
    ("es", ""),
    ("s", ""),
    ("ed", ""),
    ("ed", "e"),
    ("d", ""),
    ("ing", ""),
    ("ing", "e"),
    ("ly", ""),
    ("er", ""),
    ("est", ""),
)


@lru_cache(maxsize=1 << 16)  # the same words recur in every answer; bounded, so memory is too
def _is_common(low: str) -> bool:
    """Whether ``low`` is an everyday word, allowing simple inflections."""
    if low in _COMMON:
        return True
    for suffix, replacement in _SUFFIXES:
        if (
            low.endswith(suffix)
            and len(low) - len(suffix) >= 3
            and low[: -len(suffix)] + replacement in _COMMON
        ):
            return True
    return False


# ---------------------------------------------------------------------------------------
# Detectors. Each is a small function from an answer to spans; add new ones to DETECTORS.
# ---------------------------------------------------------------------------------------

# Cheap tests that let most detectors skip most answers: searching for one character class is
# far faster than trying a long alternation at every position.
_FOUR_DIGITS = re.compile(r"\d(?:[\s-]?\d){3}")
_EIGHT_DIGITS = re.compile(r"\d(?:[\s.()-]{0,2}\d){7}")

# --- email -----------------------------------------------------------------------------

_EMAIL = re.compile(r"(?<![\w.+-])[A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")

_DOT = r"(?:\s*\.\s*|\s+dot\s+|\s*\(dot\)\s*|\s*\[dot\]\s*)"
# "finn underscore t", "jo dash smith": separators spelled out inside the local part.
_SPELLED_SEP = r"(?:\s+(?:underscore|under\s+score|dash|hyphen)\s+)"
_AT = r"(?:\s+at\s+|\s*\(at\)\s*|\s*\[at\]\s*|\s*@\s*)"
# A spelled-out domain must end in a real top-level domain or be a known mail provider,
# otherwise "I was at home. then ..." would look like an email.
_AT_MAIL_DOMAIN = (
    # "my portfolio at www.ellis.co.uk" is a link, for the link detector.
    rf"{_AT}(?!www\b)(?:[a-z0-9-]+(?:{_DOT}[a-z0-9-]+){{0,4}}?{_DOT}(?:com|net|org|uk|io|info|ie|edu|gov)\b"
    r"|(?:gmail|googlemail|hotmail|outlook|yahoo|icloud|aol|btinternet|protonmail)\b)")
_SPELLED_EMAIL = _Gated(_Caseless(
    # Bounded repeats keep the work linear on hostile input ("a dot a dot a dot ...").
    rf"(?<![\w.@])[a-z0-9_+-]+(?:(?:{_DOT}|{_SPELLED_SEP}|[._-]|[ \t](?=\d))[a-z0-9_+-]+){{0,5}}"
    rf"{_AT_MAIL_DOMAIN}"), _AT_MAIL_DOMAIN)


_EMAIL_TAILS = _words(
    "dot com net org uk io info ie edu gov gmail googlemail hotmail outlook yahoo icloud aol "
    "btinternet protonmail"
)


def _detect_email(a: _Answer) -> Iterator[Redaction]:
    text = a.text
    if "@" in text:
        for m in _EMAIL.finditer(text):
            yield Redaction("email", m.start(), m.end())
    if ("at" in a.words or "@" in text) and not a.words.isdisjoint(_EMAIL_TAILS):
        for m in _SPELLED_EMAIL.finditer(text):
            yield Redaction("email", m.start(), m.end())


# --- url -------------------------------------------------------------------------------

_URL_SCHEME = _Caseless(r"\b(?:https?://|www\.)[^\s<>\"]+")
_URL_BARE = _Scan(
    r"(?<![@\w.-])(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+"
    r"(?P<tld>co\.uk|org\.uk|ac\.uk|gov\.uk|sch\.uk|nhs\.uk|police\.uk|com|net|org|uk|io|gg|tv"
    r"|me|ly|app|dev|info|ie|eu|co)\b(?P<path>/[^\s<>\"]*)?")
# Short top-level domains that also end sentences typed without a space ("it was fun.me
# and jake"): only a link when a path follows.
_WEAK_TLDS = frozenset({"io", "gg", "tv", "me", "ly", "app", "dev", "info", "ie", "eu", "co"})
# Help and public-service sites are not personal data (like their helpline numbers).
_SERVICE_DOMAINS = frozenset(
    {
        "childline.org.uk",
        "nspcc.org.uk",
        "samaritans.org",
        "kooth.com",
        "youngminds.org.uk",
        "themix.org.uk",
        "giveusashout.org",
        "papyrus-uk.org",
        "mind.org.uk",
        "barnardos.org.uk",
        "actionforchildren.org.uk",
        "thinkuknow.co.uk",
        "nhs.uk",
        "gov.uk",
        "police.uk",
    }
)
_SERVICE_SUFFIXES = (".gov.uk", ".nhs.uk", ".police.uk")
_URL_TRAILING = ".,;:!?)]}'\"’”"


# Any other top-level domain only with a path: "youtu.be/abc123", "discord.gg/xyz".
_URL_WITH_PATH = _Scan(r"(?<![@\w.-])(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,6}/[^\s<>\"]*[\w/=]")


# A page on a site builder, named by its subdomain: "roastliv.carrd.co", "mia.github.io".
_SITE_HOST = re.compile(r"[a-z0-9-]{3,}\.[a-z0-9-]{3,}\.[a-z]{2,4}", re.IGNORECASE)


def _is_service_url(url: str) -> bool:
    host = re.sub(r"^(?:https?://)?(?:www\.)?", "", url.lower()).split("/", 1)[0]
    return host in _SERVICE_DOMAINS or host.endswith(_SERVICE_SUFFIXES)


_DOTTED = re.compile(r"\.(?<=[^\W_]\.)[^\W_]")  # a dot between letters or digits, looked for from the dot
_URL_WORDS = _words("www http https com net org uk io gg tv me ly app dev info ie eu co")


def _detect_url(a: _Answer) -> Iterator[Redaction]:
    text = a.text
    if "." not in text or ("/" not in text and a.words.isdisjoint(_URL_WORDS)):
        return
    if _DOTTED.search(text) is None:
        return  # every link has a dot between two letters or digits ("x.com"), as few sentences do
    for m in _URL_SCHEME.finditer(text):
        end = m.end()
        while end > m.start() and text[end - 1] in _URL_TRAILING:
            end -= 1
        if not _is_service_url(text[m.start() : end]):
            yield Redaction("url", m.start(), end)
    for m in _URL_WITH_PATH.finditer(a):  # lower case: the checks below ignore case
        if not _is_service_url(m.group()):
            yield Redaction("url", m.start(), m.end())
    for m in _URL_BARE.finditer(a):
        if m.group("tld").lower() in _WEAK_TLDS and not m.group("path") \
                and not _SITE_HOST.fullmatch(m.group()):
            continue
        end = m.end()
        while end > m.start() and text[end - 1] in _URL_TRAILING:
            end -= 1
        if not _is_service_url(text[m.start() : end]):
            yield Redaction("url", m.start(), end)


# --- handle ----------------------------------------------------------------------------

# "@jake_2011", but not "meet @ 5", "@5pm" or the middle of an email.
_AT_HANDLE = re.compile(
    r"(?<![\w@.])@(?!\d{1,2}(?:[:.]\d\d)?\s*(?:am|pm)?\b)[A-Za-z0-9_](?:[A-Za-z0-9_.]*[A-Za-z0-9_])?"
)
_PLATFORM = (
    r"snap(?:chat)?|sc|insta(?:gram)?|ig|tik\s?tok|tt|twitter|discord|psn|xbox|gamer\s?tag"
    r"|roblox|fortnite|epic|steam|youtube|yt|facebook|fb|whatsapp|kik|twitch|threads|bereal"
    r"|pinterest|telegram|wattpad|user\s?name|user|handle|ign"
    r"|depop|vinted|etsy|soundcloud|spotify"  # selling and music accounts: "my depop vintagebyjess"
)
# Who owns the account: "my snap is ...", "add me on snapchat ...", "her insta is ...".
_HANDLE_LEAD = _Caseless(
    r"\b(?:(?:my|our|his|her|their|[A-Za-z]+['’]s)(?:\s+[a-z'’]+){0,2}|add\s+me\s+on|follow\s+me\s+on|add\s+me|follow\s+me"
    r"|dm\s+me\s+on|message\s+me\s+on|find\s+me\s+on|me\s+on|on)\s+$",
)
_PLATFORM_WORDS = _words(
    "snap snapchat sc insta instagram ig tik tiktok tt twitter discord psn xbox gamer gamertag "
    "roblox fortnite epic steam youtube yt facebook fb whatsapp kik twitch threads bereal "
    "pinterest telegram wattpad user username handle ign gaming"  # "my gaming name is xXShadowXx"
    " depop vinted etsy soundcloud spotify"
)
_HANDLE_AFTER_PLATFORM = _Caseless(
    rf"\b(?P<plat>{_PLATFORM})\b(?P<what>\s+(?:gamer\s?tag|name|user\s?name|user|id|account|handle|tag|channel|page|profile))?"
    # "my old snap was sxphie.m", "her insta used to be lily.rose_x"
    # "on tiktok im hijabi.hoops": who one is there, shaped like a handle
    r"(?P<sep>\s*(?:[:=–-]|\bis\b|\bits\b|\bit'?s\b|\bwas\b|\bused\s+to\s+be\b|\bis\s+now\b"
    r"|\bi['’]?m\b|\bi\s+am\b)\s*|\s+)"
    r"(?P<h>@?[A-Za-z0-9_][A-Za-z0-9_.#-]{0,29}[A-Za-z0-9_])",
)
# Platforms whose short names are also ordinary abbreviations need an explicit separator.
_SHORT_PLATFORMS = frozenset({"sc", "ig", "tt", "yt", "fb", "user", "epic"})
# Words that mean "my account name" by themselves: "the username is DarkSniper99".
_ACCOUNT_WORDS = frozenset({"username", "gamertag", "handle", "ign"})
_ADD_ME_WORDS = _words("add follow dm message snap sc")
_ADD_ME_HANDLE = _Caseless(
    r"\b(?:add|follow|dm|message|snap|sc)\s+me\s*(?:[:=-]\s*)?(?P<h>[A-Za-z0-9_][A-Za-z0-9_.#-]{0,29}[A-Za-z0-9_])",
)
# Asking to be contacted on a platform makes the word after it an account: "add me on snap
# lilyrose", "hmu on discord nxtshadow", "msg me on insta ...".
_ADD_ME = _Caseless(
    r"\b(?:(?:add|follow|dm|message|msg|find|text|inbox)\s+me|hmu|hit\s+me\s+up)\b")


def _looks_like_handle(token: str) -> bool:
    # Usernames carry digits, underscores, dots or inner capitals; words do not.
    core = token.lstrip("@")
    return (
        token.startswith("@")
        or any(c.isdigit() or c in "_.#" for c in core)
        or any(c.isupper() for c in core[1:])
    )


def _strong_handle(token: str) -> bool:
    # Letters with digits, underscores or a tag: "jake2011", "lily_rose", "jake#1234".
    core = token.lstrip("@")
    return sum(c.isalpha() for c in core) >= 3 and any(c.isdigit() or c in "_#" for c in core)


# A username before its platform: "tyler_2k11 on snap", "jadey.x on insta".
_ON_PLATFORM = rf"\s+(?:on|for)\s+(?:{_PLATFORM})\b"
_HANDLE_BEFORE_PLATFORM = _Gated(
    _Caseless(rf"(?<![\w@.])(?P<h>[A-Za-z0-9_][A-Za-z0-9_.]{{1,29}}[A-Za-z0-9_]){_ON_PLATFORM}"),
    _ON_PLATFORM)
# An account said to be someone's, of letters only, before its platform: "we're bakedbysiobhan
# on tiktok", "my little business is candlesbycaitlin on tiktok"; one long word no dictionary has.
_IS_BEFORE_HANDLE = _Caseless(
    r"\b(?:is|im|i'm|i’m|we're|we’re|were|its|it's|it’s|called|named)\s+$")
# The platform, then what it is for, then the account: "my insta for my barbering is fadesbyfinn",
# "my gaming name is xXDeathBringerXx", "her online name is lil.moon".
_OWN_ACCOUNT_IS = _Caseless(
    rf"\b(?:my|our|his|her|their)\s+(?:(?:{_PLATFORM})(?:\s+for(?:\s+[a-z'’]+){{1,3}})?"
    r"|(?:gaming|gamer|online|display|screen|account)\s+name)\s+is\s+"
    r"(?P<h>@?[A-Za-z0-9_][A-Za-z0-9_.]{2,29}[A-Za-z0-9_])(?![\w@])",
)
_OWN_ACCOUNT_WORDS = _words("gaming gamer online display screen account")


def _dotted_name(token: str) -> bool:
    """Words joined by a dot, no web address and no missing space after a word: "i have a tiktok
    its lils.edits", not "tiktok is boring.my mum says"."""
    parts = token.lower().lstrip("@").split(".")
    return len(parts) >= 2 and all(p.isalnum() for p in parts) and len(parts[0]) >= 3 \
        and parts[0] not in _STOP and not _is_common(parts[0]) and not _URL_WORDS.intersection(parts)


# A Discord tag, a name then "#" and four digits, is a username wherever it is: "shadowfox#2291".
_DISCORD_TAG = re.compile(r"(?<![\w@#.])[A-Za-z][A-Za-z0-9_.]{1,31}#\d{4}(?![\w#])")


def _joined_words(low: str) -> bool:
    """A run of letters long enough to be words joined up, and no word itself: "fadesbyfinn"."""
    return (low.isalpha() and len(low) >= 8 and low not in _ANY_NAME and low not in _STOP and low not in _KEEP
            and low not in _SPELLING_KEYS and not _is_common(low) and not _is_common(low.removesuffix("s")))


# Underscores never appear in ordinary writing: "xx_demi_xx", "lily_rose07" are usernames.
# Dotted parts may come before or after: "c0nn0r.r_2", "x_lily.rose".
_UNDERSCORE_NAME = re.compile(
    r"(?<![\w@./])(?=[A-Za-z0-9_.]*[A-Za-z]{2})(?:[A-Za-z0-9]+\.)*[A-Za-z0-9]*_[A-Za-z0-9_]+"
    r"(?:\.[A-Za-z0-9_]+)*(?![\w@])")


# An account named without its platform: "a page called oakridge.roasts", "an account named lily.x09".
_PAGE_WORDS = _words("page account acc profile channel")
_PAGE_CALLED = re.compile(
    r"\b(?:page|account|acc|profile|channel)\s+(?:called|named|is|was)\s+"
    r"(?P<h>@?[A-Za-z0-9_][A-Za-z0-9_.]{0,28}[A-Za-z0-9_])(?![A-Za-z0-9_])"
)


# Someone online named by an account's shape after "called", "named", "goes by", "calls
# himself": "a friend online called xXDragonSlayerXx", "someone added me on snap called
# mollie.mxx", "a fake insta of me called amberr.leaked", "a boy on roblox who calls himself
# ShadowKing99". The name has digits, a dot or inner capitals, and the answer speaks of being
# online; not a film, song or game called something ("a film called Se7en").
_CALLED_HANDLE = re.compile(
    r"\b(?P<w>[a-z]+)?[ \t]*(?:called|named|call(?:s|ed)?[ \t]+(?:him|her|them)(?:self|selves)"
    r"|goes[ \t]+by)[ \t]+"
    r"(?P<h>@?[A-Za-z0-9_][A-Za-z0-9_.]{2,29}[A-Za-z0-9_])(?![\w@]|\.\w)",
)
_ONLINE_WORDS = _PLATFORM_WORDS | _words("""
online internet account accounts acc profile page fake added adding add request requests dm dms
messaged messaging chat chatting app game gaming
minecraft headset playstation ps4 ps5 server servers lobby
""")  # the last line: playing online ("plays minecraft with someone called creeperkid99")
_TITLE_THINGS = _words("film movie song track game book show series band album programme episode app")
_CALLED_WORDS = _words("called named call calls goes")  # one of these is in every _CALLED_HANDLE


def _handle_shaped(token: str) -> bool:
    core = token.lstrip("@")
    inner = sum(c.isupper() for c in core[1:])
    mixed = inner >= 2 and sum(c.islower() for c in core) >= 3 and not core[1:].isupper()
    return _strong_handle(core) or _dotted_name(core) or mixed


def _handles_called(a: _Answer) -> Iterator[Redaction]:
    for m in _CALLED_HANDLE.finditer(a.text):
        if (m.group("w") or "").lower() not in _TITLE_THINGS and _handle_shaped(m.group("h")):
            yield Redaction("handle", m.start("h"), m.end("h"))


def _detect_handle(a: _Answer) -> Iterator[Redaction]:
    text = a.text
    if not a.words.isdisjoint(_ONLINE_WORDS) and not a.words.isdisjoint(_CALLED_WORDS):
        yield from _handles_called(a)
    if "@" in text:
        for m in _AT_HANDLE.finditer(text):
            yield Redaction("handle", m.start(), m.end())
    if "#" in text:
        for m in _DISCORD_TAG.finditer(text):
            yield Redaction("handle", m.start(), m.end())
    if "_" in text:
        for m in _UNDERSCORE_NAME.finditer(text):
            yield Redaction("handle", m.start(), m.end())
    if "me" in a.words and not a.words.isdisjoint(_ADD_ME_WORDS):
        for m in _ADD_ME_HANDLE.finditer(text):
            if _looks_like_handle(m.group("h")):  # "add me jakey_x", not "add me later"
                yield Redaction("handle", m.start("h"), m.end("h"))
    if "." in text and not a.words.isdisjoint(_PAGE_WORDS):
        for m in _PAGE_CALLED.finditer(text):
            h = m.group("h")
            if ("." in h or any(c.isdigit() for c in h)) \
                    and not _URL_WORDS.intersection(h.lower().split(".")):
                yield Redaction("handle", m.start("h"), m.end("h"))  # "a page called oakridge.roasts"
    if "is" in a.words and "name" in a.words and not a.words.isdisjoint(_OWN_ACCOUNT_WORDS):
        for m in _OWN_ACCOUNT_IS.finditer(text):
            if _looks_like_handle(m.group("h")) or _joined_words(m.group("h").lower()):
                yield Redaction("handle", m.start("h"), m.end("h"))  # "my gaming name is xXDeathBringerXx"
    if not a.words.isdisjoint(_TAG_WORDS):
        for m in _SPACED_TAG.finditer(text):
            if any(c.isdigit() for c in m.group("h")):
                yield Redaction("handle", m.start("h"), m.end("h"))  # "xbox gamertag Tiny Tank 77"
    if a.words.isdisjoint(_PLATFORM_WORDS):
        if not a.words.isdisjoint(_ACCOUNT_TALK):
            yield from _handles_by_shape(text)  # "new accounts, the latest one is c0nn0r.r2"
        return
    for m in _HANDLE_BEFORE_PLATFORM.finditer(text):
        h = m.group("h")
        if _strong_handle(h) or ("." in h and _looks_like_handle(h)) or (
                _joined_words(h.lower())
                and _IS_BEFORE_HANDLE.search(text, max(0, m.start() - 8), m.start())):
            yield Redaction("handle", m.start("h"), m.end("h"))
    if " is " in text:
        for m in _OWN_ACCOUNT_IS.finditer(text):
            if sum(c.isalpha() for c in m.group("h")) < 3:
                continue  # "my whatsapp is 07700900123": a phone number, for the phone detector
            if _looks_like_handle(m.group("h")) or _joined_words(m.group("h").lower()):
                yield Redaction("handle", m.start("h"), m.end("h"))  # "my insta for my barbering is X"
    for m in _HANDLE_AFTER_PLATFORM.finditer(text):
        token = m.group("h")
        low = token.lower().lstrip("@")
        if low in _STOP or _is_common(low) or low in _KEEP:
            continue
        if sum(c.isdigit() for c in low) >= 7 and not any(c.isalpha() for c in low):
            continue  # "my whatsapp is 07700900123": a phone number, for the phone detector
        plat = re.sub(r"\s", "", m.group("plat").lower())
        sep = m.group("sep").strip().lower()
        lead = _HANDLE_LEAD.search(text, max(0, m.start() - 20), m.start()) is not None
        owned = lead or m.group("what") is not None or plat in _ACCOUNT_WORDS
        if sep in {":", "=", "-", "–"}:
            ok = True
        elif sep not in {"is", "its", "it's", ""}:  # "my old snap was sxphie.m": shaped like one
            ok = owned and _looks_like_handle(token) and (plat not in _SHORT_PLATFORMS or lead)
        elif sep:  # "is": "snapchat is toxic" is an opinion, "my snap is jakey" a handle; with
            # letters and digits whoever's it is ("tiktok is ryanfitz04")
            ok = (owned and (plat not in _SHORT_PLATFORMS or lead)) or _dotted_name(token) or (
                plat not in _SHORT_PLATFORMS and _strong_handle(token) and len(low) >= 6)
        elif plat in _SHORT_PLATFORMS:  # "sc jake2011", but not "sc me later"
            ok = _strong_handle(token)
        else:  # bare "snapchat jakey2011" or "add me on snap lilyrose"
            ok = _looks_like_handle(token) or bool(
                _ADD_ME.search(text, max(0, m.start() - 20), m.start("plat"))
            )
        if not ok and not sep and lead and low.isalnum() and low not in _ANY_NAME and len(low) >= 5 \
                and plat not in _SHORT_PLATFORMS and not _is_nickname(low) and low not in _SPELLING_KEYS \
                and not low.endswith(("s", "ed", "ing", "er", "ly")) \
                and _OWNER.search(text, max(0, m.start() - 8), m.start()) \
                and _CLAUSE_AFTER_HANDLE.match(text, m.end("h")):
            ok = True  # "my insta tillyxmoo": an account of someone's, named straight after it
        if ok:
            yield Redaction("handle", m.start("h"), m.end("h"))
    yield from _handles_by_shape(text)


# Where a platform or accounts are talked of, usernames by their shape alone: words joined by
# dots, mixed capitals no word has, or digits for letters inside a word ("c0nn0r").
_HANDLE_SHAPE = re.compile(r"(?<![\w@./])[A-Za-z][A-Za-z0-9_.]{4,29}[A-Za-z0-9_](?![\w@]|\.\w)")
_LEET = re.compile(r"[a-z]\d+[a-z]")
_ACCOUNT_TALK = _words("account accounts acc accs profile profiles username usernames")


def _handles_by_shape(text: str) -> Iterator[Redaction]:
    for m in _HANDLE_SHAPE.finditer(text):
        token = m.group()
        rest = token[1:]
        if "." not in token and rest == rest.lower() and _HAS_DIGIT.search(token) is None:
            continue  # an ordinary word: no dot, digit or inner capital, the marks checked below
        low = token.lower()
        parts = low.split(".")
        dotted = len(parts) >= 3 and all(parts) and not _URL_WORDS.intersection(parts)
        inner = sum(c.isupper() for c in token[1:])
        # two parts, one with a digit: "darnell.x2", "jadey.x09"; not "v1.2" or a web address
        dotted = dotted or (len(parts) == 2 and all(parts) and any(c.isdigit() for c in token)
                            and sum(c.isalpha() for c in parts[0]) >= 3
                            and not _URL_WORDS.intersection(parts))
        leet = sum(c.isalpha() for c in low) >= 4 and _LEET.search(low) is not None
        mixed = inner >= 2 and sum(c.islower() for c in token) >= 3 and not token[1:].isupper()
        if dotted or leet or mixed:
            yield Redaction("handle", m.start(), m.end())  # "tia.luvs.cats", "xXShadowReaperXx"


# A gamertag may hold spaces: "xbox gamertag Tiny Tank 77", "my username is Big Dog 4" (with a
# digit, so "my username is Kai" is left to the name detector).
_TAG_WORDS = _words("gamertag tag username ign psn")
_SPACED_TAG = re.compile(
    r"\b(?i:gamer\s?tag|user\s?name|ign|psn(?:\s+name)?)(?:\s*(?:[:=-]|\b(?i:is|its)\b))?[ \t]*"
    r"(?P<h>[A-Z][A-Za-z0-9]*(?:[ ][A-Z0-9][A-Za-z0-9]*){1,3})\b")
_CLAUSE_AFTER_HANDLE = _Caseless(
    r"\s*(?:$|[,.;:!?()\n]|(?:dont|don't|pls|plz|please|add|follow|if|and|or|my|x+|lol)\b)")
_OWNER = _Caseless(r"\b(?:my|his|her|their|our)\s+$")


# --- phone -----------------------------------------------------------------------------

# Any spacing or punctuation between digits; the number is judged on its digits alone.
_PHONE = re.compile(
    r"(?<![\w+])(?:(?:\+|\b00)\s?44\s?(?:\(0\)\s?)?|\(?0)"
    r"(?:[\s.\-()]{0,2}\d){8,10}(?!\d)"
)
# A number written without its leading 0 after a clear cue ("my number is 7700 900123").
_PHONE_CUE = _Caseless(
    r"\b(?:number|no|mob|mobile|phone|tel|text\s+me|call\s+me|ring\s+me|whatsapp)"
    r"(?:\s+(?:is|on))?\s*[:\-]?\s*(?P<n>7\d{3}[\s.-]?\d{3}[\s.-]?\d{3})(?!\d)",
)
# Helplines and services are kept: Childline, Samaritans, NSPCC, Shout, Papyrus, The Mix...
_HELPLINES = frozenset({"08001111", "116123", "116111", "85258", "08088005000"})


def _is_personal_number(national: str) -> bool:
    # 01/02 are home landlines, 07 mobiles, 05 internet phones. 03, 08 and 09 are charged
    # or free service lines (councils, charities, helplines), not a child's own number.
    if national in _HELPLINES:
        return False
    return national[:2] in {"01", "02", "05", "07"} and len(national) in (10, 11)


# Numbers read out or typed as words, alone or mixed with digits: "oh seven seven double oh
# nine...", "07seven", "zero seven seven", "plus four four seven...". A run must start with a
# zero (or "plus"), like every UK number written in full, so counting ("one two three") is kept.
_DIGIT_WORDS = {
    "zero": "0", "oh": "0", "o": "0", "nought": "0", "one": "1", "two": "2", "three": "3",
    "four": "4", "five": "5", "six": "6", "seven": "7", "eight": "8", "nine": "9",
}  # fmt: skip
_DIGIT_UNIT = r"(?:nought|zero|seven|three|eight|four|five|nine|one|two|six|oh|o|\d)"
_PHONE_UNIT = rf"(?:(?:double|triple|treble)[\s-]*{_DIGIT_UNIT}|hundred|{_DIGIT_UNIT})"
_SPOKEN_PHONE = re.compile(
    r"(?<![a-z0-9+])(?:(?:plus|\+)[\s-]*(?:four|4)[\s-]*(?:four|4)|(?:double|triple|treble)[\s-]*(?:oh|o|0|zero)"
    r"|nought|zero|oh|o|0)"
    rf"(?:(?:[\s,.()-]|\s*-\s*){{0,3}}{_PHONE_UNIT}){{6,24}}(?![a-z0-9])"
)
# A mobile read out without its first zero, where the answer speaks of ringing or a number: "u can
# ring me seven seven double oh nine oh oh two four six thats without the 0", "text me on seven
# double seven..."; ten digits starting with a seven.
_SPOKEN_MOBILE_NO_ZERO = re.compile(
    r"(?<![a-z0-9+])(?:seven|7|(?:double|triple|treble)[\s-]*(?:seven|7))"
    rf"(?:(?:[\s,.()-]|\s*-\s*){{0,3}}{_PHONE_UNIT}){{4,20}}(?![a-z0-9])"
)
_RING_WORDS = _words("ring call text phone mobile number num whatsapp facetime contact reach")
_PHONE_PIECE = re.compile(rf"plus|\+|(?P<rep>double|triple|treble)?[\s-]*(?P<u>hundred|{_DIGIT_UNIT})")
# Every run starts with one of these words, or with digits and a number word together.
_RUN_START_WORDS = _words("zero oh o nought 0 double triple treble plus")
# Digits and number words typed together: "o7700", "0seven", "07 double 7", "7 hundred". Two
# patterns, each starting with a letter or digit the engine can skip ahead to, rather than one
# starting at "\b" (which the "o" keeps, as a look back once it is read).
_DIGIT_THEN_WORD = re.compile(
    r"\d[\s,.-]*(?:zero|oh|one|two|three|four|five|six|seven|eight|nine|double|hundred)\b")
_O_THEN_NUMBER = re.compile(r"[o0](?<!\w[o0])(?:\d|one|two|seven)")


def _mixed_number(low: str, digit: bool) -> bool:
    if digit:
        return _DIGIT_THEN_WORD.search(low) is not None or _O_THEN_NUMBER.search(low) is not None
    # without a digit only "oone", "otwo" or "oseven" can be one
    return ("oone" in low or "otwo" in low or "oseven" in low) and _O_THEN_NUMBER.search(low) is not None

# The "oh" that ends a run read one digit too long: "07700 900123. oh no".
_TRAILING_OH = re.compile(r"[\s,.()-]+oh?$")


def _spoken_digits(run: str) -> str:
    out = []
    for m in _PHONE_PIECE.finditer(run):
        unit = m.group("u")
        if unit is None:
            out.append("+")
            continue
        digit = "00" if unit == "hundred" else _DIGIT_WORDS.get(unit, unit)
        rep = m.group("rep")
        out.append(digit * (3 if rep in {"triple", "treble"} else 2 if rep else 1))
    return "".join(out)


def _national(digits: str) -> str:
    """A number in its national form: "+44 7700..." and "0044 7700..." become "07700..."."""
    if digits.startswith("+"):
        digits = digits[1:]
        if digits.startswith("44"):
            digits = "0" + digits[2:]
    elif digits.startswith("0044"):
        digits = "0" + digits[4:]
    if digits.startswith("00"):  # "+44 (0) 7700..." leaves two zeros
        digits = digits[1:]
    return digits


def _detect_spoken_phone(a: _Answer) -> Iterator[Redaction]:
    low = a.lower
    if a.words.isdisjoint(_RUN_START_WORDS) and not _mixed_number(low, a.digit):
        return
    for m in _SPOKEN_PHONE.finditer(low):
        run = m.group()
        if not any(c.isalpha() for c in run):
            continue  # digits only: the digit pattern judges those
        digits = _national(_spoken_digits(run))
        end = m.end()
        if len(digits) == 12:
            # "07700 900123. oh no": the run took in the "oh" of the next sentence. Or, read out,
            # the number gained a digit ("double" for a single one): still a number.
            oh = _TRAILING_OH.search(run)
            end -= len(oh.group()) if oh else 0
            digits = digits[:11]
        if _is_personal_number(digits) and digits not in "012345678901234567890":  # not counting
            yield Redaction("phone", m.start(), end)
    if not a.words.isdisjoint(_RING_WORDS) and ("seven" in a.words or "double" in a.words):
        for m in _SPOKEN_MOBILE_NO_ZERO.finditer(low):
            run = m.group()
            digits = "0" + _spoken_digits(run)
            if any(c.isalpha() for c in run) and len(digits) == 11 and _is_personal_number(digits):
                yield Redaction("phone", m.start(), m.end())


def _detect_phone(a: _Answer) -> Iterator[Redaction]:
    text = a.text
    if len(text) == len(a.lower):
        yield from _detect_spoken_phone(a)
    if not a.digit or not _EIGHT_DIGITS.search(text):
        return
    for m in _PHONE.finditer(text):
        digits = re.sub(r"\D", "", m.group())
        if digits.startswith("0044"):
            digits = "0" + digits[4:]
        elif digits.startswith("44"):
            digits = "0" + digits[2:]
        if digits.startswith("00"):  # "+44 (0) 7700..." leaves two zeros
            digits = digits[1:]
        if _is_personal_number(digits):
            yield Redaction("phone", m.start(), m.end())
    for m in _PHONE_CUE.finditer(text):
        if _ID_BEFORE.search(a.lower, max(0, m.start() - 24), m.start() + 12):
            continue  # "my NHS number is ...", "student no. is ...": an id, not a phone
        yield Redaction("phone", m.start("n"), m.end("n"))


# --- id --------------------------------------------------------------------------------

_ID_BEFORE = re.compile(
    r"\b(?:nhs|student|pupil|candidate|uln|upn|exam|library|member(?:ship)?|reference|case)\b")
_TEN_DIGITS = re.compile(r"\d(?<!\d\d)(?<!\d[ -]\d)(?:[ -]?\d){9}(?!\d)(?![ -]\d)")
_ID_CUE = _Caseless(
    r"\b(?:(?:student|pupil|candidate|cand|exam|learner|library|membership|member|school|admission"
    r"|reference|ref|case|roll)(?:\s+card)?\s*(?:id|number|no\.?|num|#|code)"
    r"|(?:upn|uln|uci)(?:\s+(?:number|no\.?))?|id\s+(?:number|no\.?)"
    r"|id|ni\s+(?:number|no\.?)|national\s+insurance(?:\s+(?:number|no\.?))?"
    r"|(?:user\s?|login\s+|log[\s-]?in\s+)?id|login|log[\s-]?in)"
    # "my id number at school is 55123", "my id for the school computer is STU-88214", "my login
    # on the laptops is ab-12345": what the id is for, up to three words
    r"(?:\s+(?:at|for|in|on|from)(?:\s+(?!is\b|was\b)[a-z]+){1,3}?)?"
    r"(?:\s*(?:is|was|:|=|#|-)\s*|\s+)"
    r"(?P<id>[A-Z]{0,3}[-/]?\d[\dA-Z]*(?:[ /-]\d[\dA-Z]*)*)",
)
# National Insurance numbers ("QQ 12 34 56 C"); any two letters, as examples use invalid ones.
_NI_DIGITS = r"\d{2}\s?\d{2}\s?\d{2}\s?[A-D]\b"
_NI_NUMBER = _Gated(_Caseless(rf"\b[A-Z]{{2}}\s?{_NI_DIGITS}"), _NI_DIGITS)


def _nhs_check_ok(digits: str) -> bool:
    # NHS numbers end in a modulus-11 check digit; a random 10-digit number passes 1 in 11.
    total = sum(int(d) * w for d, w in zip(digits[:9], range(10, 1, -1), strict=True))
    check = 11 - total % 11
    if check == 11:
        check = 0
    return check != 10 and check == int(digits[9])


_ID_WORDS = _words(
    "student pupil candidate cand exam learner library membership member school admission reference "
    "ref case roll upn uln uci id ni insurance login log"
)


_NEAR_ID_CUE = _Caseless(
    r"\b(?:uln|upn|uci|(?:candidate|student|pupil|learner|exam)\s+(?:number|no\.?|id|num))\b")
_NEAR_ID_WORDS = _words("uln upn uci candidate student pupil learner exam")
# The number may come after a question about it: "do u need my student number? its S2204783".
_SENTENCE_STOP = re.compile(r"[.!\n](?!\d)")
_LONE_NUMBER = re.compile(
    r"(?<![\w£$.,/:-])(?:[A-Z]{1,3}-?)?\d{4,12}(?![\d%/:.,]\d|\s?(?:%|am|pm|words|marks|points|pounds|quid))")
# A reference code after whatever it is the number or reference of, in any wording: "my
# employee number is E0048213", "housing register number is HR0293817", "my care leaver
# reference is CL-20394", "tenancy ref TR/88213/04", "my works no is W00412", "booking ref
# AB12345". The code has four digits or more and, unless it has six, a letter or a separator too
# ("number 1000" is a number); a phone's or a house's number is left to their own rules.
_REF_WORDS = _words("number no num ref reference code")
_ANY_REF_CUE = _Caseless(
    r"\b(?P<thing>[a-z]+)[ \t]+(?:number|no\.?|num|ref|reference|code)"
    r"(?:[ \t]*(?:is|was|:|=|#|-)[ \t]*|[ \t]+)(?:(?:its|it['’]s)[ \t]+)?"
    r"(?P<id>[A-Z]{0,3}[ /-]?\d[\dA-Z]*(?:[/-][\dA-Z]+|[ \t]\d{3,})*)\b",
)
_NOT_REF_THINGS = _words("""
phone mobile mob tel telephone landline home contact whatsapp house door flat bus page room seat
lucky favourite fav shirt squad kit jersey the a an my your his her their our this that same
""")


def _ref_code_ok(value: str) -> bool:
    digits = "".join(c for c in value if c.isdigit())
    if not any(c.isalpha() for c in value) and (digits in _HELPLINES or digits.startswith("0")):
        return False  # "the samaritans number is 116 123"; a phone's shape is the phone rules'
    return len(digits) >= 4 and (len(digits) >= 6 or not value.isdigit())


_WORD_THEN_SPACE = re.compile(r"[A-Za-z]+[ \t]")


def _detect_id(a: _Answer) -> Iterator[Redaction]:
    text = a.text
    if not a.digit or not _FOUR_DIGITS.search(text):
        return
    for m in _TEN_DIGITS.finditer(text):
        digits = m.group().replace(" ", "").replace("-", "")
        if _nhs_check_ok(digits):
            yield Redaction("id", m.start(), m.end())
    ids = () if a.words.isdisjoint(_ID_WORDS) else _ID_CUE.finditer(text)
    for m in ids:
        value = m.group("id")
        if sum(c.isdigit() for c in value) >= 4:
            yield Redaction("id", m.start("id"), m.end("id"))
    for m in _NI_NUMBER.finditer(text):
        yield Redaction("id", m.start(), m.end())
    if not a.words.isdisjoint(_REF_WORDS):
        for m in _ANY_REF_CUE.finditer(text):
            if _lower(m.group("thing")) not in _NOT_REF_THINGS and _ref_code_ok(m.group("id")):
                start = m.start("id")
                word = _WORD_THEN_SPACE.match(text, start)
                if word and not word.group().strip().isupper():
                    start = word.end()  # "my nhs number as 937 865 7974": a word, not the code's letters
                yield Redaction("id", start, m.end("id"))
    if not a.words.isdisjoint(_NEAR_ID_WORDS):
        # "my ULN ... it's 7351208846", "candidate number for the mocks (4182)": a number of four
        # or more digits shortly after a learner's number is named, in the same sentence
        for m in _NEAR_ID_CUE.finditer(text):
            window = text[m.end() : m.end() + 45]
            stop = _SENTENCE_STOP.search(window)
            n = _LONE_NUMBER.search(window, 0, stop.start() if stop else len(window))
            if n:
                yield Redaction("id", m.end() + n.start(), m.end() + n.end())


# --- date of birth -----------------------------------------------------------------------

_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:(?:19|20)\d\d|'?\d\d)"
# Dates said in words: "the twelfth of August two thousand and six", "May twenty twelve".
_UNIT_WORD = r"(?:one|two|three|four|five|six|seven|eight|nine)"
_TEEN_WORD = r"(?:ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)"
_ORDINAL = r"(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth)"
_DAY_WORDS = (
    rf"(?:(?:twenty|thirty)[\s-]?{_ORDINAL}|{_ORDINAL}|tenth|eleventh|twelfth|thirteenth|fourteenth"
    r"|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|thirtieth)"
)
_YEAR_WORDS = (
    rf"(?:two\s+thousand(?:\s+and)?(?:\s+(?:{_TEEN_WORD}|twenty(?:[\s-]{_UNIT_WORD})?|{_UNIT_WORD}))?"
    rf"|twenty\s+(?:{_TEEN_WORD}|twenty(?:[\s-]{_UNIT_WORD})?|oh[\s-]?{_UNIT_WORD})"
    rf"|nineteen\s+ninety(?:[\s-]{_UNIT_WORD})?)\b"
)
# A named day with its year is a date too: "born on christmas day 2015" (without the year,
# "christmas day" after a full date only describes it, and is kept).
_HOLIDAY = (
    r"(?:(?:christmas|xmas|boxing|new\s+year['’]?s|valentine['’]?s|st\.?\s+patrick['’]?s)\s+(?:day|eve)"
    r"|halloween|bonfire\s+night)"
)
_DATE = (
    rf"(?:\d{{1,2}}[/.\-]\d{{1,2}}(?:[/.\-]\d{{2,4}})?(?![\d/.\-]?\d)"
    rf"|\d{{1,2}}\s\d{{1,2}}\s(?:19|20)\d\d\b"
    rf"|(?:19|20)\d\d[/.\-]\d{{1,2}}[/.\-]\d{{1,2}}\b"
    rf"|(?:the\s+)?{_DAY}(?:\s+of)?\s+{_MONTH}(?:,?\s+(?:{_YEAR}\b|{_YEAR_WORDS}))?"
    rf"|{_MONTH}\s+(?:the\s+)?{_DAY}\b(?:,?\s+(?:(?:19|20)\d\d\b|{_YEAR_WORDS}))?"
    rf"|{_MONTH}\s+(?:(?:19|20)\d\d\b|{_YEAR_WORDS})"
    rf"|{_HOLIDAY}\s+(?:(?:19|20)\d\d\b|{_YEAR_WORDS}))"
)
# Only after a birthday word (it would be slow to try at every position): "born on the
# twelfth of August", "my birthday is May the first".
_SPOKEN_DATE = (
    rf"(?:(?:the\s+)?{_DAY_WORDS}(?:\s+of)?\s+{_MONTH}(?:,?\s+(?:{_YEAR}\b|{_YEAR_WORDS}))?"
    rf"|{_MONTH}\s+(?:the\s+)?{_DAY_WORDS}\b(?:,?\s+(?:(?:19|20)\d\d\b|{_YEAR_WORDS}))?)"
)
# A numeric date typed with a letter O for a zero ("D.O.B O4/11/2011"), only after a birth word.
_TYPO_DATE = r"(?=[\dOo/.\-]*\d)[\dOo]{1,2}[/.\-][\dOo]{1,2}[/.\-](?:[\dOo]{4}|[\dOo]{2})(?![\w/.\-])"
# A birthday word typed with a slip ("brthday", "birfday", "bithday", "birtday"): b, then an r
# or t among a few letters, then day.
_MISSPELT_BIRTHDAY = r"b(?=[a-z]{3,8}\b)[a-z]{0,3}[rt][a-z]{0,3}da?y\b"
# Only dates said to be a birth date: "on 3rd March we had a trip" is kept.
_DOB = _Caseless(
    # "born" however it is spelt: "i was borned on", "bornd", "bourn", "my birthdate is"
    r"\b(?:born(?:e?d)?|bourne?d|bourn|birth\s?date"
    r"|birthday(?:['’]?s)?|birth\s+day|bday(?:['’]?s)?|b-day|b'day|date\s+of\s+birth|b\.(?=\s*\d)"
    rf"|{_MISSPELT_BIRTHDAY}|d\.?\s?o\.?\s?b\b\.?)"
    # "my 18th birthday which was 5th march", "my bday, that is on the 3rd of may", "my birthday
    # is coming up on 12 june": a relative word or "coming up" between the words and the date
    r"(?:[\s:=,(–-]+|\b(?:is|was|on|in|its|it's|it\s+is|be|will\s+be|falls\s+on|of|as|being|says|said"
    r"|which|wich|that|coming\s+up|actually)\b)*"
    rf"(?P<date>{_DATE}|{_SPOKEN_DATE}|{_TYPO_DATE})",
)
_BIRTHDAY_WORDS = _words("birthday bday b-day dob born birth")
# "\b" and the spelling, looked for from the "b"
_MISSPELT_CUE = re.compile(r"b(?<!\wb)" + _MISSPELT_BIRTHDAY.removeprefix("b"))
# "9-4-2014 is my birthday", "12th May is my bday", "... was when i was born": the date before
# the words.
_IS_BIRTHDAY = _Caseless(
    r"\s+(?:is|was)\s+(?:(?:my|his|her|their)\s+(?:birthday|bday|b-day|date\s+of\s+birth|dob)\b"
    r"|when\s+(?:i|he|she)\s+was\s+born\b)")
_DATE_BEFORE = _Caseless(rf"(?<![\w/.-])(?P<date>{_DATE})\Z")
# A date with its year straight after a person's name, as on a form ("Jaxon Wright 04/02/2012",
# "Amy Cole, 3rd May 2011"): the name detector looks for it after each name it finds, but not
# after a title ("I told Mrs Shah 12/03/2024": when something happened, not a teacher's birthday).
_DATE_AFTER_NAME = _Caseless(
    r"[ \t]*[,(–-]?[ \t]*(?P<date>\d{1,2}[/.\-]\d{1,2}[/.\-](?:(?:19|20)\d\d|\d\d)(?![\d/.\-]?\d)"
    rf"|{_DAY}(?:\s+of)?\s+{_MONTH},?\s+(?:19|20)\d\d\b)",
)
_AFTER_TITLE = _Caseless(rf"\b(?:{'|'.join(sorted(_TITLES))})\.?[ \t]+$")
# "I turn 12 on 3rd May" gives the birthday too.
_TURN_AGE = _Caseless(rf"\b(?:turn|turned|turning|be)\s+\d{{1,2}}\s+on\s+(?P<date>{_DATE})")


_DOB_WORDS = _words("born birthday birthdays bday bdays b birth dob d turn turned turning be "
                    "borned bornd bourn bourned birthdate")


_SPOKEN_DATE_WORDS = _words("""
first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth
fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth twentieth thirtieth thousand
twenty nineteen
""")


_NEAR_DOB_WORDS = _words("birthday bday dob born")
_NEAR_DOB_CUE = _Caseless(r"\b(?:birthday|bday|dob|d\.o\.b|date\s+of\s+birth|born)\b")
_DATE_WITH_YEAR = _Caseless(
    r"(?<![\d/.-])\d{1,2}[/.\-]\d{1,2}[/.\-](?:(?:19|20)\d\d|\d\d)(?![\d/.\-]?\d)"
    rf"|\b{_DAY}(?:\s+of)?\s+{_MONTH},?\s+(?:19|20)\d\d\b"
    rf"|\b{_MONTH}\s+{_DAY},?\s+(?:19|20)\d\d\b")


def _year_of(date: str) -> int:
    y = re.findall(r"\d+", date)[-1]
    return int(y) if len(y) == 4 else 2000 + int(y) if int(y) <= 30 else 1900 + int(y)


def _detect_dob(a: _Answer) -> Iterator[Redaction]:
    if a.words.isdisjoint(_DOB_WORDS) and not _MISSPELT_CUE.search(a.lower):
        return
    if not a.digit and a.words.isdisjoint(_SPOKEN_DATE_WORDS):
        return  # every date form has a digit, or is said in words
    for pattern in (_DOB, _TURN_AGE):
        for m in pattern.finditer(a.text):
            yield Redaction("dob", m.start("date"), m.end("date"))
    if not a.words.isdisjoint(_NEAR_DOB_WORDS) and a.digit:
        # "my dob on tiktok is fake, my real one is 09/02/2012", "asked my birthday ... i said 14th
        # march 2013": a full date with a birth year shortly after, in the same sentence
        # Every such date, not just the first: a birthday put right ("they put my birthday as
        # 08/08/2007 but its actually 08/07/2007", "my dob is 3/4/2010 or 4/3/2010 i forget").
        for m in _NEAR_DOB_CUE.finditer(a.text):
            window = a.text[m.end() : m.end() + 80]
            stop = _SENTENCE_STOP.search(window)
            for d in _DATE_WITH_YEAR.finditer(window, 0, stop.start() if stop else len(window)):
                if 1990 <= _year_of(d.group()) <= 2022:
                    yield Redaction("dob", m.end() + d.start(), m.end() + d.end())
    if a.words.isdisjoint(_BIRTHDAY_WORDS):
        return
    if "is" not in a.words and "was" not in a.words:
        return  # "12/3/2012 is my birthday", "... was when i was born"
    # The words first, then the date that ends where they begin: scanning every position for a
    # date would cost far more.
    text = a.text
    for cue in _IS_BIRTHDAY.finditer(text):
        date = _DATE_BEFORE.search(text, max(0, cue.start() - 60), cue.start())
        if date:
            yield Redaction("dob", date.start("date"), date.end("date"))


# --- postcode ------------------------------------------------------------------------------

# The real postcode areas.
_POSTCODE_AREAS = _words("""  # upper case, unlike the word lists
AB AL B BA BB BD BH BL BN BR BS BT CA CB CF CH CM CO CR CT CV CW DA DD DE DG DH DL DN DT DY
E EC EH EN EX FK FY G GL GU GY HA HD HG HP HR HS HU HX IG IM IP IV JE KA KT KW KY L LA LD LE
LL LN LS LU M ME MK ML N NE NG NN NP NR NW OL OX PA PE PH PL PO PR RG RH RM S SA SE SG SK SL
SM SN SO SP SR SS ST SW SY TA TD TF TN TQ TR TS TW UB W WA WC WD WF WN WR WS WV YO ZE
""")
_POSTCODE_DIGITS = r"\d[a-z\d]?\s*\d[abd-hjlnp-uw-z]{2}\b"
_POSTCODE = _Scan(rf"\b(?P<area>[a-z]{{1,2}}){_POSTCODE_DIGITS}")
# What follows a postcode's letters, which every postcode needs: the engine can skip to its digits.
_POSTCODE_TAIL = _Scan(_POSTCODE_DIGITS)


# An area that is not a real one may still be a postcode ("HM3 9XT", a made-up or mistyped
# area): when its letters could be an area's (never Q, V or X first; never I, J or Z second),
# its last part is no ordinal ("ps4 2nd", "y7 5th"), and it is written as a postcode in
# capitals with its space, or the answer speaks of where someone lives.
_AREA_LETTERS = re.compile(r"[A-PR-UWYZ][A-HK-Y]?")
_ORDINAL_TAIL = _Caseless(r"\d(?:st|nd|rd|th)$")
_POSTCODE_CUE = _Caseless(
    r"\b(?:post ?code|address|live[sd]?|living|house|home|flat|road|street|lane|close|avenue|drive)\b")


def _postcode_ok(m: re.Match[str], text: str) -> bool:
    area = text[m.start("area") : m.end("area")].upper()
    if area in _POSTCODE_AREAS:
        return True
    code = text[m.start() : m.end()]
    if not _AREA_LETTERS.fullmatch(area) or _ORDINAL_TAIL.search(code):
        return False
    return (code.isupper() and " " in code) or _POSTCODE_CUE.search(text) is not None


def _postcodes(a: _Answer) -> list[re.Match[str]]:
    """The answer's postcodes, found on first use."""
    if a.postcodes is None:
        found = _POSTCODE.finditer(a) if a.digit and _POSTCODE_TAIL.search(a) else ()
        a.postcodes = [m for m in found if _postcode_ok(m, a.text)]
    return a.postcodes


def _detect_postcode(a: _Answer) -> Iterator[Redaction]:
    for m in _postcodes(a):
        yield Redaction("postcode", m.start(), m.end())


# --- address -------------------------------------------------------------------------------

_STRONG_STREETS = _words("""
road rd street st lane ln avenue ave close drive dr crescent cres grove terrace gardens gdns
mews boulevard parade
""")
# Also ordinary words ("a 10 minute walk", "3 in a row"): need a capitalised name or a cue.
_WEAK_STREETS = _words("""
way place court walk hill row view square park green rise vale croft chase gate yard meadow
meadows fields field end wharf bank hollow heights grange paddock approach wynd
drove loke garth fold
""")  # the last line: country lanes and yards ("Fen Drove", "Church Loke", "Mill Garth")
_STREET_WORDS = _STRONG_STREETS | _WEAK_STREETS
# Counted things, not street names: "a 10 minute walk", "2 hour drive", "3 days in a row".
_UNITS = (
    "minute minutes min mins hour hours hr hrs mile miles km metre metres meter meters yard "
    "yards second seconds sec secs day days week weeks month months year years time times "
    "people kids children boys girls friends mates lads men women adults teachers very so too "
    "really quite way ways big small long short"
)
_NOT_STREET_NAME = "|".join(
    re.escape(w) for w in sorted(_STOP | frozenset(_UNITS.split()), key=len, reverse=True)
)
_STREET_NAME_WORD = rf"(?!(?:{_NOT_STREET_NAME})\b)[A-Za-z][A-Za-z'’.-]*"
_FLAT = (
    r"(?:flat|apartment|apt)\.?\s*(?:no\.?\s*|number\s*)?\d{1,4}[a-z]?\b"
    rf"(?!\s+(?:{'|'.join(_UNITS.split())})\b)"
)
# A house number, then (matched from there) the street; scanning for digits first is fast.
_HOUSE_NUMBER = _Caseless(r"\d(?<![\w.,:/£$-]\d)\d{0,3}[a-z]?\b")  # looked for from its first digit
_STREET_AFTER_NUMBER = _Caseless(
    r"(?:\s*,)?\s+"
    # "14 Mill Lane", and the "3a The Green" form with no street name.
    rf"(?:(?P<words>(?:{_STREET_NAME_WORD}\s+){{1,3}})|(?P<the>The|the)\s+)"
    rf"(?P<street>{'|'.join(sorted(_STREET_WORDS | {'cottage'}, key=len, reverse=True))})s?\b\.?",
)
# What may stand before the number: "Flat 2b, 14 Mill Lane", "number 9 Ash Grove".
_BEFORE_HOUSE_NUMBER = _Caseless(
    rf"(?:\b(?P<flat>{_FLAT})(?:\s*,\s*|\s+))?(?:\b(?:house\s+)?(?:number|no\.?)\s*)?$",
)
_FLAT_ONLY = _Caseless(rf"\b{_FLAT}")
# The block a flat is in: "Flat 3, Victoria House", "Apartment 2 Riverside Court".
_FLAT_BUILDING = re.compile(
    r",?\s+(?:[A-Z][a-z'’]+\s+){1,2}(?:House|Court|Mews|Lodge|Apartments|Buildings?|Tower|Heights|Point|Flats"
    r"|Block|Chambers|Mansions|Hostel|Foyer)\b"
)
# A room is an address only in a hostel or where someone lives: "Living at Room 4, Hope House
# Hostel", not "Room 204 is always freezing".
_ROOM = _Caseless(r"\broom\s*(?:no\.?\s*|number\s*)?\d{1,4}[a-z]?\b")
# A street without a house number is only redacted as "where I live" (drug dealers on
# Bridge Street is a place analysts need); a number makes it a home address anyway.
_LIVE_CUE = _Caseless(r"\b(?:live[sd]?|living|stay(?:s|ing)?|moved|ad+res+|house|home)\b")
_LIVE_ON_STREET = _Caseless(
    r"\b(?:live[sd]?|living)\s+(?:on|in|at|down)\s+"
    rf"(?P<a>(?:(?!(?:{_NOT_STREET_NAME})\b)[A-Za-z][A-Za-z'’-]*\s+){{1,3}}"
    rf"(?:{'|'.join(sorted(_STRONG_STREETS, key=len, reverse=True))})\b\.?)",
)
# Only house names: "live at hill farm" is a name even in lower case, "live in a big house" not.
_NAMED_HOUSE_WORDS = _words("""
cottage farm farmhouse lodge barn bungalow manor grange rectory vicarage forge granary stables
schoolhouse smithy farmstead
""")
# Named houses that also stand alone after "The" ("The Old Rectory", "The Forge").
_THE_HOUSE_WORDS = _NAMED_HOUSE_WORDS - _words("cottage farm farmhouse barn farmstead")
# "The old" and a building that was once something else is a house's name even in lower case:
# "i live in the old forge", "the old rectory"; not "the old house".
_OLD_HOUSE_WORDS = _THE_HOUSE_WORDS | _words("mill")


def _alternatives(words: Iterable[str], capitalised: bool = False) -> str:
    ordered = sorted(words, key=lambda w: (-len(w), w))  # longest first: "Farmhouse" before "Farm"
    return "|".join(w.capitalize() if capitalised else w for w in ordered)


_HOUSE_WORDS = _alternatives(_NAMED_HOUSE_WORDS | _words("house mill villa hall"))
_LIVE_AT_HOUSE = _Caseless(
    r"\b(?:live[sd]?|living|stay(?:s|ing)?)\s+(?P<prep>at|in|on)\s+"
    rf"(?P<a>(?:The\s+)?(?:[A-Za-z][A-Za-z'’-]*\s+){{1,2}}(?P<house>{_HOUSE_WORDS})\b)",
)
# Capitalised house names introduced by "at" ("at Hill Farm") or in brackets ("I live on a farm
# (Owlhatch Farm)"); public buildings (Town Hall, House of Fraser) are left to the "live at" rule
# above.
_AT_HOUSE = re.compile(
    r"(?:\b(?:at|on|to|from|called|named|was|is|in|near|behind|outside)\s+|\(\s*"
    # a home rented, owned or moved into, or said as what it is: "we rent Holly Cottage", "we
    # moved into Ivy Cottage", "my house its Hawthorn Farm"
    r"|\b(?i:rent|rents|rented|renting|own|owns|bought|buy|into|its|it's|it’s|it\s+is|past)\s+"
    # "we live on a farm, Hill Top Farm, and ...": the home named after it in apposition; someone's
    # home needs no comma: "my nans house The Old Forge is by the road"; "his farm, Lower Holt Farm"
    r"|\b(?i:a|the|our|my|his|her|their)\s+(?i:farm|cottage|house|bungalow|barn)\s*[,:–-]\s*"
    r"|\b(?i:my|our|his|her|their|[a-z]+['’]?s)\s+(?i:house|home|place)\s+(?=The\s))"
    r"(?P<a>(?:The\s+)?(?:[A-Z][a-z'’-]+\s+){1,2}"
    rf"(?:{_alternatives(_NAMED_HOUSE_WORDS, capitalised=True)})"
    # "we're at the Old Rectory now": a lower-case "the" before an old building's name (not "near
    # the Chicken Cottage", a shop)
    rf"|the\s+(?:[A-Z][a-z'’-]+\s+){{1,2}}(?:{_alternatives(_THE_HOUSE_WORDS, capitalised=True)})"
    rf"|The\s+(?:{_alternatives(_THE_HOUSE_WORDS, capitalised=True)}))\b"
    # a day out, not a home: "Cotswold Farm Park", "Farm Shop"
    r"(?!\s+(?:Park|Shop|Trust|Centre|Zoo|Museum|Kitchen))"
)


# Someone's home said to be a named house, in any case: "my nans house is ivy cottage", "our
# house is the old forge"; a description ("my house is a tiny cottage") starts with a stop word.
_HOME_IS_HOUSE = _Caseless(
    r"\b(?:my|our|his|her|their|[a-z]+['’]?s)\s+(?:house|home|place)\s+(?:is|was)\s+"
    rf"(?P<a>the\s+old\s+(?:{_alternatives(_OLD_HOUSE_WORDS)})"
    rf"|(?!called\b|named\b)(?:[a-z][a-z'’-]+\s+){{1,2}}(?:{_alternatives(_NAMED_HOUSE_WORDS)}))\b",
)


# A capitalised house name said to be home: "Hill Top Farm is where I live".
# Or with "where i live" put after it: "Rosebank Farm, where i live, is miles from the bus", "Willow
# Barn (where we live)".
_HOUSE_IS_HOME = re.compile(
    r"(?P<a>(?:\bThe\s+)?\b(?:[A-Z][a-z'’-]+\s+){1,2}"
    rf"(?:{_alternatives(_NAMED_HOUSE_WORDS, capitalised=True)}))(?:\s+(?:is|was)\s+(?:where|my|our|home)\b"
    r"|\s*[,(–-]\s*(?:(?:which|that)(?:\s+is|['’]s)?\s+)?where\s+(?:i|we|my|our|me)\b)"
)


_FLAT_WORDS = frozenset({"flat", "apartment", "apt"})
_ADDRESS_WORDS = (_STREET_WORDS | _FLAT_WORDS | frozenset(w + "s" for w in _STREET_WORDS)
                  | {"cottage", "cottages"})
_LIVE_WORDS = _words("live lives lived living stay stays staying")

# A street named without a house number where the answer says it is home: "on Pennyroyal Way
# by my house", "in Coppice Lane where i live", "near Tanners Row where i live". Without such a
# cue a street is a place analysts need ("drug dealers on Bridge Street", "Church Lane is dark").
# Not a park, green or square: those are public places.
_HOME_STREETS = _STRONG_STREETS | _words(
    "way place court walk hill row view rise vale croft chase estate drove loke")
# Living "on" a street makes its weaker words streets too, even in lower case: "my nana lives on
# cherry tree walk", "we live on kingfisher way"; "in" or "at" would be a town or a building.
_LIVE_ON_HOME_STREET = _Caseless(
    r"\b(?:live[sd]?|living)\s+on\s+"
    rf"(?P<a>(?:(?!(?:{_NOT_STREET_NAME})\b)[A-Za-z][A-Za-z'’-]*\s+){{1,3}}"
    rf"(?:{_alternatives(_HOME_STREETS - _STRONG_STREETS - {'estate', 'hill'})})\b)",
)
_STOP_WORD = "|".join(re.escape(w) for w in sorted(_STOP, key=len, reverse=True))
_STREET_BY_HOME = _Scan(
    r"\b(?:on|in|near|by|down|up|off|along|at|round|around|outside|opposite|past|of|from|to|onto|behind"
    r"|beside|next\s+to|via|through"
    # the street given as home when asked: "asked where i lived, i told him Marsh Lane"
    r"|told\s+(?:him|her|them|em|the\s+\w+)|gave\s+(?:him|her|them|em)|said\s+it\s+was)\s+(?:the\s+)?"
    # a street's name is no stop word, so "growing up on Cobden Street" is read from "on"
    rf"(?P<a>(?:(?!(?:{_STOP_WORD})\b)[a-z][a-z'’-]*\s+){{1,2}}(?:{_alternatives(_HOME_STREETS)})\b\.?)")
# "our street is Bramble Way", "our road (Albion Street)", "our road Fennel Street": the home
# street itself, named.
_STREET_NAMED = _Scan(
    r"(?:\b(?:street|road)(?:\s+(?:is|was|=|:)\s+|\s*[(:=]\s*)"
    # "the end of our road, Foundry Street": a comma names it only after whose road it is
    r"|\b(?:my|our|his|her|their)\s+(?:street|road)(?:\s*,\s*|\s+(?!(?:is|was)\b)))"
    rf"(?P<a>(?:[a-z][a-z'’-]*\s+){{1,2}}(?:{_alternatives(_HOME_STREETS)})\b\.?)")
_HOME_CUE = re.compile(
    r"\b(?:where\s+(?:i|we|my\s+\w+|me\s+and\s+\w+)\s+(?:live|lives|stay|stays|lived)|(?:i|we)\s+(?:live|lived|stay)"
    r"|(?:my|our)\s+(?:house|home|street|road|flat)\b|my\s+(?:nan|nans|nan's|gran|grans|gran's|dad's|dads|mum's|mums)"
    r"\s+(?:house|home)|(?:i|we)(?:\s+(?:just|have|had|recently|finally|then|all))?(?:'ve)?\s+(?:moved)"
    r"\s+(?:to|onto|from|out\s+of)"
    # someone's home: "nans house on Carr Lane", "my boyfriends flat on Canal Street", "Jo's place"
    r"|(?:[a-z]+['’]s|(?:nan|nana|nanna|gran|granny|grandma|grandad|mum|mam|dad|auntie|aunty|aunt|uncle"
    r"|cousin|mate|friend|boyfriend|girlfriend|sister|brother|carer|bf|gf)s)\s+(?:house|flat|home|place)"
    r"|\bhome\s+to\b"  # "walking home to Beech Grove"
    # a relative's home said as theirs: "when i go to my dads in Warwick Road", "im at my nans on ..."
    r"|\b(?:at|to|round|from|stay(?:ing)?\s+at)\s+(?:my|our|his|her|their)\s+(?:nan|nana|nanna|gran|granny|grandma"
    r"|grandad|grandads|mum|mam|dad|auntie|aunty|aunt|uncle|cousin|sister|brother|step\s?dad|step\s?mum)(?:['’]?s)\b"
    # "our first flat together on Orchard Way", "the council put me in a b&b on Quay Road"
    r"|(?:my|our)\s+(?:first|new|own|old)\s+(?:house|home|flat|place)\b"
    r"|\b(?:put|placed|housed|moved)\s+(?:me|us)\s+(?:in|into)\s+(?:a|an|the)\s+(?:b&b|bnb|hostel|flat|bedsit|room)\b"
    # where a young person is housed: "the hostel on Tanner Street", "my placement off Mill Lane"
    r"|\b(?:the|my|our|his|her|their)\s+(?:hostel|foyer|bedsit|placement|supported\s+(?:housing|accommodation|lodgings?)"
    r"|children['’]?s\s+home|care\s+home|b&b|bnb)\b"
    # a Traveller family's home: "we stop on the site off Marsh Road", "our trailer by Mill Lane"
    r"|\b(?:i|we|they)\s+(?:stop|stops|stopped|stopping|pull\s+up|pulled\s+up|pitch|pitched)\s+(?:on|at|in|onto)"
    r"\s+(?:the|a|our)\s+(?:site|camp|pitch|yard|plot|field|common|verge)\b"
    r"|\b(?:my|our)\s+(?:site|trailer|caravan|pitch|plot|wagon|chalet|static)\b"
    # anyone's home, whoever lives there: "she lives next door to me on Kestrel Rise", "we all live
    # on the site at Lark Lane", "near where he lives", "Eilidh moved to Thistle Close"
    r"|\blive[sd]?\s+(?:on|in|at|next|near|round|around|by|with|opposite|down|up|off|over|across)\b"
    r"|\bwhere\s+\w+\s+(?:live[sd]?|stays?|stayed)\b|\bmoved\s+(?:to|onto|into)\b"
    # staying or sleeping at someone's: "i can stay at hers on Cobbold Street", "sleep at his"
    r"|\b(?:stay|stays|stayed|staying|sleep|sleeps|slept|sleeping)\s+(?:at|round|over)\b"
    # or stopping, kipping or sofa-surfing there: "im stopping at my sister Bethany's on Linnet Drive"
    r"|(?<!bus\s)(?<!the\s)(?<!a\s)\b(?:stop(?:s|ping|ped)?|kip(?:s|ping|ped)?|crash(?:es|ing|ed)?|sofa\s+surf\w*|dossing)\s+(?:at|round|with|on)\b"
    r"|\b(?:at|round|to)\s+(?:my|our|his|her|their)\s+(?:[a-z]+\s+)?[a-z]+['’]s\s+(?:on|in|off)\b"
    # a childhood home, home itself, the way back to it: "growing up on Cobden Street", "bad at home
    # on Cromwell Terrace", "the walk back to Nightingale Way"
    r"|\b(?:grew|grow|grown|growing)\s+up\b|\bat\s+home\b|\b(?:walk|walking|walked|way|get|getting)\s+back\s+to\b"
    # a Traveller family's site or caravan: "our caravan is on the Hollow Lane site"
    r"|\b(?:caravan|trailer)s?\b|(?<!building\s)\bsite\s+(?:at|on|off|near)\b"
    # people from a street, where they live: "Kezza and Shannon from Thistle Walk"
    r"|(?-i:\b[A-Z][a-z]+)\s+from\s+(?-i:[A-Z][a-z'’-]+\s+)(?-i:[A-Z][a-z'’-]+\s+)?(?-i:Walk|Close|Road|Street|Lane|Way"
    r"|Avenue|Drive|Crescent|Grove|Terrace|Gardens|Place|Court|Row|Croft|Mews)\b)",
    re.IGNORECASE,
)
# A street on a child's own daily route places them as surely as home does: "walk home along Mill
# Lane", "the stop on Carr Lane where i get off", "we hang round the shops on Brook Street",
# "followed by a man on Spring Road", "outside his house on Eastfield Close". Only for the strong
# street words: "safe at Ashwick Vale but not on the walk home" is a school.
_ROUTE_CUE = _Caseless(
    r"\b(?:walk|walks|walking|walked|cycle|cycling|ride|riding|way|journey|route|run|running|go|going)\s+home\b"
    r"|\b(?:get|gets|got|getting)\s+(?:off|on)\b|\bhang(?:s|ing)?\s+(?:round|around|about|out)\b"
    r"|\b(?:followed|chased)\b|\b(?:his|her|their)\s+(?:house|home|flat)\b"
    # a stranger's approach where it happened: "asked if we wanted a lift on Bramley Road"
    r"|\blifts?\b|\b(?:approached|grabbed|flashed)\b|\bpull(?:ed|s)?\s+up\b"
    r"|\bevery\s+(?:day|morning|night)\b|\bmost\s+(?:days|nights)\b"
    # the way to school or work, and where a child works: "walk to school past the garage on
    # Kestrel Way", "i work saturdays at the chippy on Fenwick Street", "my paper round on Elm Road"
    r"|\b(?:walk|walks|walking|walked|cycle|cycles|cycling|bike|ride|rides|riding|way)\s+(?:to|from)\s+"
    r"(?:school|college|work)\b"
    r"|\b(?:i|we)(?:['’]?m|\s+am)?\s+(?:work|works|working|worked)\b|\b(?:saturday|weekend|part[\s-]?time|my)\s+job\b"
    r"|\bpaper\s+round\b",
)
# Words that describe a road rather than name it: "down main road", "on a busy road".
_DESCRIBING = _words("""
main busy big long dark quiet same back side next old new dual country high short little small narrow
one wrong right this that our my your their his her a the
ring slip access service link relief
""")  # the last line: kinds of road ("the hostel on the ring road"), not names
_HOME_STREET_WORDS = _words("""
house home live lives lived living stay stays stayed staying sleep sleeps slept sleeping street road flat
moved up back caravan caravans trailer trailers site from off hang hangs hanging followed chased every most
hostel foyer bedsit placement housing accommodation lodgings b bnb im m re were
dads nans mums grans aunties uncles lift lifts approached grabbed flashed pulled
told gave said stop stopping stopped kip kipping crash crashing surfing dossing sisters brothers cousins
mates friends work works working worked job round walk walks walking walked cycle cycling bike ride
""")
_SENTENCE_END = re.compile(r"[.!?\n]")


# Being on a named street is living there: "i'm on Tollgate Road near the tip", "we're on
# Fennel Close now" (strong street words only, straight after "on").
_BEING_ON = _Caseless(r"\b(?:i['’]?m|im|i\s+am|we['’]?re|we\s+are)\s+$")


def _streets_by_home(a: _Answer) -> Iterator[Redaction]:
    text = a.text
    streets = [*_STREET_BY_HOME.finditer(a), *_STREET_NAMED.finditer(a)]
    if not streets:  # the streets first: the cues cost more
        return
    home, route = _HOME_CUE.search(text) is not None, _ROUTE_CUE.search(text) is not None
    for m in streets:
        street = text[m.start("a") : m.end("a")]
        words = street.split()
        if any(w.lower() in _STOP or w.lower() in _DETERMINERS for w in words[:-1]):
            continue  # "on the main road", "on my road"
        lead = text[m.start() : m.start("a")].lower()
        if _saint_next(text, m):
            continue  # "lives in Bury St Edmunds"
        if words[0].lower() in _DESCRIBING and (words[0][0].islower() or lead.endswith("the ")):
            continue  # "next to the main road", "the hostel on the ring road": a kind of road
        strong = words[-1].lower().rstrip(".") in _STRONG_STREETS
        # on a route a capitalised "Way" is a street as surely: "past the garage on Kestrel Way"
        routed = strong or (words[-1] == "Way" and words[0][0].isupper())
        if strong and words[0][0].isupper() and lead.startswith("on") \
                and _BEING_ON.search(text, max(0, m.start() - 12), m.start()):
            yield Redaction("address", m.start("a"), m.end("a"))  # "i'm on Tollgate Road"
            continue
        if not (home or route):
            continue
        lenient = words[-1].lower().rstrip(".") in _STRONG_STREETS and words[0].lower() not in _DESCRIBING
        if not _house_name_ok(street, lenient=lenient):  # "my house on mill lane"
            continue  # "on a busy road", "down main road": a description, not a street's name
        if all(w[0].islower() for w in words) and words[-1].lower().rstrip(".") not in _STRONG_STREETS:
            continue  # "near bramble way" only when capitalised; "coppice lane" is a street anyway
        left = max(text.rfind(c, 0, m.start()) for c in ".!?\n") + 1
        stop = _SENTENCE_END.search(text, m.end())
        right = min(stop.start() if stop else len(text), m.end() + 60)
        window = max(left, m.start() - 60), right
        if (home and _HOME_CUE.search(text, *window)) or (
                route and routed and _ROUTE_CUE.search(text, *window)):
            yield Redaction("address", m.start("a"), m.end("a"))


# An address written out line by line, after "address is" or before a postcode: its named
# houses and streets ("our address is Rose Cottage, Main Street, Great Glen"; "Ivy Lodge
# Farm, near Market Harborough, LE16 7QX"; "Willow Barn LE14 3PQ"), not the town or "near ...".
_ADDRESS_LINE_CUE = _Caseless(r"\baddress(?:\s+(?:is|was))?\s*[:=-]?\s*")
_LINE_PART = re.compile(r"[^\n.!?;:()]{1,100}")
_PART_WORDS = _STREET_WORDS | _NAMED_HOUSE_WORDS | _words("house")
_PART_HINTS = _PART_WORDS | frozenset(w + "s" for w in _PART_WORDS)
_ADDRESS_PART = re.compile(
    rf"(?:the\s+)?(?:[A-Za-z][A-Za-z'’-]*\s+){{1,3}}(?P<last>{_alternatives(_PART_WORDS)})s?\.?",
    re.IGNORECASE,
)
# The first part may end the sentence that gives it: "send it to Rose Cottage, LE8 9AB".
_ADDRESS_PART_END = re.compile(
    rf"(?:The\s+)?(?:[A-Z][A-Za-z'’-]*\s+){{1,3}}"
    rf"(?P<last>{_alternatives(_PART_WORDS, capitalised=True)})s?\.?$"
)
# After "address is", a capitalised house or street that opens the rest of the sentence.
_ADDRESS_PART_START = re.compile(
    rf"(?:The\s+)?(?:[A-Z][A-Za-z'’-]*\s+){{1,3}}"
    rf"(?P<last>{_alternatives(_PART_WORDS, capitalised=True)})s?\b"
)
# In lower case only a strong street or house word makes a part: "rose cottage, main street".
_STRONG_PARTS = _STRONG_STREETS | _NAMED_HOUSE_WORDS


def _address_parts(text: str, start: int, end: int, *, opening: bool = False) -> Iterator[Redaction]:
    """The named houses and streets among the comma-separated parts of text[start:end]."""
    spans: list[tuple[int, int]] = []
    pos = start
    for k, part in enumerate(text[start:end].split(",")):
        stripped = part.strip()
        lead = pos + part.index(stripped) if stripped else pos
        pos += len(part) + 1
        m = _ADDRESS_PART.fullmatch(stripped)
        if m is None and k == 0:
            m = _ADDRESS_PART_END.search(stripped)
            if m is None and opening:  # "our address is Hillcrest Cottage its at the end of a lane"
                m = _ADDRESS_PART_START.match(stripped)
        if m is None:
            continue
        words = m.group().split()
        if words[0].lower() == "the":
            words = words[1:]
        if not all(w[0].isupper() for w in words) and m.group("last").lower() not in _STRONG_PARTS:
            continue
        if not _house_name_ok(" ".join(words), lenient=True):
            continue
        a, b = lead + m.start(), lead + m.end()
        if spans and not text[spans[-1][1] : a].strip(", "):
            spans[-1] = (spans[-1][0], b)  # "Rose Cottage, Main Street": one address
        else:
            spans.append((a, b))
    for a, b in spans:
        yield Redaction("address", a, b)


def _address_lines(a: _Answer) -> Iterator[Redaction]:
    text = a.text
    if "address" in a.words and not a.words.isdisjoint(_PART_HINTS):
        for cue in _ADDRESS_LINE_CUE.finditer(text):
            part = _LINE_PART.match(text, cue.end())
            if part:
                yield from _address_parts(text, part.start(), part.end(), opening=True)
    if not a.words.isdisjoint(_PART_HINTS):
        for m in _postcodes(a):
            before = text[max(0, m.start() - 100) : m.start()]
            cut = max(before.rfind(c) for c in "\n.!?;:()")
            yield from _address_parts(text, m.start() - len(before) + cut + 1, m.start())


# Where someone lives named without a street number: "i live in the Hollies", "we live in the
# Maples" (a close named in the plural after "the"); "i live on Gorsey Bank" (any street word when
# capitalised); "live w my grandparents on coppice farm", "live with my partner on orchard way";
# and the estate of a home: "we both live on the Meadowbank estate", "its on the Lindley estate".
# A named block of flats: "i live in Parkside flats", "she lives in Carlton Tower".
_BLOCK_NAMES = _words("flats tower towers point mansions apartments")
_LIVE_VERB = r"\b(?:live[sd]?|living|stay(?:s|ing)?)\s+(?:(?:with|w)\s+(?:my\s+|our\s+)?[a-z]+\s+)?"
_LIVE_IN_THE = re.compile(_LIVE_VERB + r"(?:in|at|on)\s+the\s+(?P<a>[A-Z][a-z]+s)\b(?!\s+[A-Z])")
_LIVE_ON_NAMED = _InRuns(re.compile(
    _LIVE_VERB + r"(?:on|in|at|down|off)\s+"
    rf"(?P<a>(?:[A-Z][A-Za-z'’-]*\s+){{1,2}}"
    rf"(?:{_alternatives(_STREET_WORDS | _NAMED_HOUSE_WORDS | _BLOCK_NAMES, capitalised=True)}|flats)\b)"
    rf"|(?i:{_LIVE_VERB})on\s+"
    rf"(?P<b>[a-z][a-z'’-]+\s+(?:{_alternatives(_STREET_WORDS | _NAMED_HOUSE_WORDS)})\b)"),
    _LIVE_VERB + r"(?:on|in|at|down|off)\s", r"A-Za-z'\-\s")  # words, apostrophes, hyphens, spaces
# A named estate, Traveller site or caravan park where the answer says someone lives: "we live on
# the Brookfield estate", "our trailer is on the Millfield site", "im from the Meadows estate",
# "we stay at Sunnyside caravan park"; in lower case only straight after "live on".
_ESTATE = re.compile(
    r"\b(?:on|in|off|near|of|from|at|through|across)\s+(?:the\s+)?(?P<a>[A-Z][a-z'’]+(?:\s+[A-Z][a-z'’]+)?"
    r"\s+(?:[Ee]state|[Ss]ite|[Cc]aravan\s+[Pp]ark))\b"
    r"|\b(?i:live[sd]?|living|stay(?:s|ing)?)\s+(?i:on|in|at)\s+(?:the\s+)?(?P<b>[a-z][a-z'’]{3,}\s+(?:estate|site))\b")
_ESTATE_WORDS = _words("estate site caravan")
_ESTATE_CUE = _Caseless(
    r"\b(?:live[sd]?|living|stay(?:s|ing)?|moved|house|home|trailers?|caravans?|stop(?:s|ping|ped)?|pitch(?:ed)?"
    r"|i'?m\s+from|we'?re\s+from|(?:we|i)\s+(?:are|am|r)\s+(?:on|from))\b")
# A home named after "called" or "named": "my house is called Meadowbank", "our farm's called
# Top End", "the caravan we have is named Rosedene"; capitalised, as a house name is.
_HOUSE_CALLED = re.compile(
    r"\b(?i:house|home|cottage|farm|bungalow|caravan|trailer|chalet|barn|lodge|place)(?:['’]s|\s+(?i:is|was))?"
    r"\s+(?i:called|named)\s+(?P<a>(?:The\s+)?[A-Z][A-Za-z'’-]+(?:\s+[A-Z][A-Za-z'’-]+){0,2})")
_HOUSE_CALLED_WORDS = _words("called named")
# A named street said to be where one lives: "Alder Close is where we stay" (a named house said
# to be home, "Hill Top Farm is where I live", is _HOUSE_IS_HOME's).
_HOME_IS_WHERE = re.compile(
    r"(?P<a>(?:The\s+)?(?:[A-Z][A-Za-z'’-]*\s+){1,2}"
    rf"(?:{_alternatives(_STREET_WORDS, capitalised=True)}))"
    r"\s+(?i:is|was|=)\s+(?i:where)\s+(?i:i|we|me|my|our)\b")
# Being on an estate is living there: "i'm on the Heathfield estate", "we're on the X estate".
_I_AM_ON = _Caseless(r"\b(?:i['’]?m|i\s+am|we['’]?re|we\s+are)\s+(?:on|in|off)\s+the\b")
_NUMBER_THE_PLURAL = re.compile(r"(?<![\w.,:/£$-])\d{1,4}[a-z]?\s+The\s+[A-Z][a-z]+s\b")
_NOT_CLOSES = _words("""
states midlands netherlands philippines highlands lowlands woods hills fields moors dales wolds fens
simpsons kardashians beatles avengers streets
""")


# Someone's block of flats by its name: "the lift in my block Eldon House", "our flats (Kestrel
# Court)", "my nan's building is Harbour Heights". A named block is where its people live.
_BLOCK_WORDS = _words("block flats building tower")
_OWN_BLOCK = re.compile(
    r"\b(?:my|our|his|her|their|[a-z]+['’]?s)\s+(?:tower\s+)?(?:block|flats|building|tower)"
    r"(?:\s+(?:is|was|called|named)\s+|\s*[(,:-]\s*|\s+)"
    r"(?P<a>(?:[A-Z][a-z'’]+\s+){1,2}(?:House|Court|Tower|Heights|Point|Mansions|Lodge|Apartments|Mews))\b"
)


def _homes_unnumbered(a: _Answer) -> Iterator[Redaction]:
    text = a.text
    if not a.words.isdisjoint(_BLOCK_WORDS):
        for m in _OWN_BLOCK.finditer(text):
            yield Redaction("address", m.start("a"), m.end("a"))
    if not a.words.isdisjoint(_LIVE_WORDS):
        if "the" in a.words:
            for m in _LIVE_IN_THE.finditer(text):
                low = m.group("a").lower()
                if low not in _KEEP and low not in _NOT_CLOSES and not _place_like(low[:-1]):
                    yield Redaction("address", m.start("a"), m.end("a"))
        for m in _LIVE_ON_NAMED.finditer(text):
            g = "a" if m.group("a") else "b"
            words = m.group(g).split()
            if _lower(words[0]) in _DESCRIBING or _lower(words[0]) in _KEEP or _saint_next(text, m):
                continue
            if _house_name_ok(m.group(g), lenient=True):
                yield Redaction("address", m.start(g), m.end(g))
    if not a.words.isdisjoint(_ESTATE_WORDS) and (_ESTATE_CUE.search(text) or _I_AM_ON.search(text)):
        for m in _ESTATE.finditer(text):
            g = "a" if m.group("a") else "b"
            first = _lower(m.group(g).split()[0])
            if first not in _STOP and first not in _DESCRIBING and first not in _KEEP and (
                    g == "a" or not _is_common(first)):
                yield Redaction("address", m.start(g), m.end(g))
    if "where" in a.words:
        for m in _HOME_IS_WHERE.finditer(text):
            first = _lower(m.group("a").split()[0])
            if _house_name_ok(m.group("a"), lenient=True) and first not in _DESCRIBING:
                yield Redaction("address", m.start("a"), m.end("a"))
    if not a.words.isdisjoint(_HOUSE_CALLED_WORDS):
        for m in _HOUSE_CALLED.finditer(text):
            words = [_lower(w) for w in m.group("a").split()]
            if not any(w in _STOP or w in _KEEP or w in _KIN or w in _TITLES_ALL for w in words):
                yield Redaction("address", m.start("a"), m.end("a"))
    if " The " in text and a.digit:
        for m in _NUMBER_THE_PLURAL.finditer(text):
            if m.group().rsplit(None, 1)[-1].lower() not in _NOT_CLOSES:
                yield Redaction("address", m.start(), m.end())


# A house or block followed by its street after a comma: "we live at Rosemary Cottage, Mill Lane",
# "The Old Vicarage, Church Lane, Barrow", "flat 4b, Sycamore House, Wentworth Road". The street
# belongs to the address (the town after it does not), and a named house written before its
# street is an address line even with no other cue.
_STREET_AFTER_HOME = re.compile(
    rf"\s*,\s*(?:[A-Z][a-z'’-]+\s+){{1,2}}(?:{_alternatives(_STREET_WORDS, capitalised=True)})\b\.?"
)
_HOME_THEN_STREET = re.compile(
    rf"(?P<a>(?:\bThe\s+)?\b(?:[A-Z][a-z'’-]+\s+){{1,2}}"
    rf"(?:{_alternatives(_NAMED_HOUSE_WORDS | {'house'}, capitalised=True)}))(?={_STREET_AFTER_HOME.pattern})"
)
_HOME_THEN_STREET_WORDS = _NAMED_HOUSE_WORDS | {"house"}


def _detect_address(a: _Answer) -> Iterator[Redaction]:
    text = a.text
    found = list(_address_spans(a))
    if "," in text:
        if not a.words.isdisjoint(_HOME_THEN_STREET_WORDS):
            for m in _HOME_THEN_STREET.finditer(text):
                if _house_name_ok(m.group("a"), lenient=True):
                    found.append(Redaction("address", m.start("a"), m.end("a")))
        for r in list(found):
            street = _STREET_AFTER_HOME.match(text, r.end)
            if street:
                found.append(Redaction("address", r.start, street.end()))
    yield from found


def _address_spans(a: _Answer) -> Iterator[Redaction]:
    text = a.text
    yield from _homes_unnumbered(a)
    yield from _address_lines(a)
    yield from _rooms(a)
    if a.digit and (
        not a.words.isdisjoint(_ADDRESS_WORDS) or _NUMBER_ONE_WORD_STREET.search(text)
    ):
        yield from _numbered_addresses(a)
    if not a.words.isdisjoint(_LIVE_WORDS):
        for m in _LIVE_ON_STREET.finditer(text):
            if _saint_next(text, m):
                continue  # "lives in Bury St Edmunds": St before a name is a saint, not a street
            if _house_name_ok(m.group("a"), lenient=True):  # "mill lane", "church road"
                yield Redaction("address", m.start("a"), m.end("a"))
        if " on " in text:
            for m in _LIVE_ON_HOME_STREET.finditer(text):
                if _house_name_ok(m.group("a"), lenient=True):  # "cherry tree walk"
                    yield Redaction("address", m.start("a"), m.end("a"))
        for m in _LIVE_AT_HOUSE.finditer(text):
            house = m.group("house").lower()
            lenient = m.group("prep").lower() in {"at", "on"} and house in _NAMED_HOUSE_WORDS
            if _house_name_ok(m.group("a"), lenient=lenient):
                yield Redaction("address", m.start("a"), m.end("a"))
    if not a.words.isdisjoint(_HOME_STREETS) and not a.words.isdisjoint(_HOME_STREET_WORDS):
        yield from _streets_by_home(a)
    if not a.words.isdisjoint(_NAMED_HOUSE_WORDS):
        for m in chain(_AT_HOUSE.finditer(text), _HOUSE_IS_HOME.finditer(text),
                       _HOME_IS_HOUSE.finditer(text)):
            if _house_name_ok(m.group("a"), lenient=True):
                yield Redaction("address", m.start("a"), m.end("a"))
    if not a.words.isdisjoint(_CARE_HOME_WORDS) and ("House" in text or "Lodge" in text or "Court" in text):
        yield from _care_homes(a)  # the name is capitalised: "my house" alone asks for no look
    if not a.words.isdisjoint(_LODGING_WORDS) and " on " in text:
        for m in _LODGING_ON_STREET.finditer(text):
            if _house_name_ok(m.group("a"), lenient=False):
                yield Redaction("address", m.start("a"), m.end("a"))


# Homes of care named like houses: children's homes, hostels and supported housing ("Kestrel
# House", "Willowmere Lodge", "Bramble Court"). A home when moved into or out of, placed or put
# in ("moving out of Willowmere Lodge to my own place", "they placed me at Orchard Court"), or
# when the answer speaks of its staff, residents, key workers or placement ("the staff at
# Kestrel House go through ur stuff", "when i was in Rowan House"). Not "House of Fraser", not a
# shop or venue ("Pizza House": an everyday word first).
_CARE_HOME_WORDS = _words("house lodge court")
_CARE_HOME = re.compile(
    r"\b(?P<cue>(?:mov(?:e|ed|es|ing)|went|go(?:ing)?|came|got)[ \t]+"
    r"(?:out[ \t]+of|into|in[ \t]+to|back[ \t]+to|to)"
    r"|(?:placed|put|plonked|stuck|housed|stayed|staying|living|live[ds]?|lived)[ \t]+(?:me[ \t]+|us[ \t]+)?"
    r"(?:in|at|into)|(?i:at|in|from))[ \t]+"
    r"(?P<a>(?:[A-Z][a-z'’-]+[ \t]+){1,2}(?:House|Lodge|Court))\b(?![ \t]+(?:of|[A-Z]))")
_CARE_TALK = _words("""
staff residents resident keyworker keyworkers placement placements placed hostel supported carers
curfew room rooms sw social care leaver leavers leaving foster semi independent independence support
""")

_SAID_A_SCHOOL = re.compile(
    r"[ \t]*[(,-]?[ \t]*(?i:which|that|it|its|it's|wich)[ \t]+[^.!?\n]{0,25}?\b"
    r"(?i:school|academy|college|pru|unit|sixth[ \t]+form)\b")


def _care_homes(a: _Answer) -> Iterator[Redaction]:
    talk = not a.words.isdisjoint(_CARE_TALK)
    for m in _CARE_HOME.finditer(a.text):
        if m.group("cue").lower() in {"at", "in", "from"} and not talk:
            continue  # "a day at Chatsworth House", "in Gryffindor House"
        if _SAID_A_SCHOOL.match(a.text, m.end()):
            continue  # "moved to Phoenix House which is like a PRU": a school
        words = [_lower(w) for w in m.group("a").split()[:-1]]
        if any(w in _STOP or w in _KEEP or w in _KIN or _is_common(w) or w in _VENUES for w in words):
            continue  # "Pizza House", "Buckingham Palace"
        yield Redaction("address", m.start("a"), m.end("a"))


# A home on a named street: "they put me in a b&b on Station Approach", "we share a flat on
# Daisy Bank", "my bedsit on Victoria Road", "a room in a shared house on Marsh Lane". Any
# street word, since the home says it is a street ("Approach", "Bank", "Row").
_LODGING_WORDS = _words("flat flats room b&b b bedsit hostel studio maisonette caravan house home place "
                        "bungalow")
_LODGING_ON_LEAD = (r"\b(?:flat|room|b&b|b[ \t]+and[ \t]+b|bedsit|hostel|studio|maisonette|caravan|house|home"
                    r"|place|bungalow)[ \t]+(?:(?:is|was)[ \t]+)?(?:on|off)[ \t]+")
_LODGING_ON_STREET = _Gated(re.compile(
    rf"(?i:{_LODGING_ON_LEAD})"
    rf"(?P<a>(?:[A-Z][a-z'’-]+[ \t]+){{1,3}}(?:{_alternatives(_STREET_WORDS, capitalised=True)}))\b"),
    _LODGING_ON_LEAD)


# One-word street names: "56 Westgate", "3 Broadway", "12 Riverside", "9 Eastfield".
_STREET_ENDINGS = (
    "gate", "way", "side", "field", "fields", "croft", "garth", "holme", "lands", "gardens", "wood", "mead",
    "dyke",
)  # fmt: skip
_ONE_WORD_STREET = re.compile(rf"\s+[A-Z][a-z]+(?:{'|'.join(_STREET_ENDINGS)})\b")


_NUMBER_ONE_WORD_STREET = re.compile(r"\d[a-z]?" + _ONE_WORD_STREET.pattern)


# A cue just after a lower-case street: "45 sincil bank is my house".
_IS_HOME = _Caseless(r"\s+(?:is|was)\s+(?:my|our|where)\b")


def _numbered_addresses(a: _Answer) -> Iterator[Redaction]:
    text = a.text
    if not a.words.isdisjoint(_FLAT_WORDS):
        for m in _FLAT_ONLY.finditer(text):
            building = _FLAT_BUILDING.match(text, m.end())
            yield Redaction("address", m.start(), building.end() if building else m.end())
    for n in _HOUSE_NUMBER.finditer(text):
        m = _STREET_AFTER_NUMBER.match(text, n.end())
        if not m:
            one = _ONE_WORD_STREET.match(text, n.end())
            if one and _lower(one.group().strip()) not in _KEEP:
                yield Redaction("address", n.start(), one.end())
            continue
        street = m.group("street").lower().rstrip(".")
        if street not in _STREET_WORDS and street != "cottage":
            street = street[:-1]  # "14 The Paddocks"
        words = (m.group("words") or m.group("the")).split()
        if street == "st" and m.end() < len(text) and text[m.end() :].lstrip()[:1].isupper():
            continue  # "12 St Mary's ..." is a saint, matched later with the real street word
        before = _BEFORE_HOUSE_NUMBER.search(text, max(0, n.start() - 40), n.start())
        start = before.start() if before else n.start()
        if (street in _WEAK_STREETS or m.group("the")) and not (before and before.group("flat")):
            capitalised = words[0][0].isupper() and m.group("street")[0].isupper()
            if not capitalised and not (
                _LIVE_CUE.search(text, max(0, start - 40), start) or _IS_HOME.match(text, m.end())
            ):
                continue
        yield Redaction("address", start, m.end())


def _saint_next(text: str, m: re.Match[str]) -> bool:
    """The street word matched is "St", a capitalised word follows and the place was not lived "on":
    "lives in Bury St Edmunds" is a town with a saint's name; "lives on Hill St Ashford" a street."""
    said = m.group().lower()
    return said.endswith(" st") and " on " not in f" {said}" \
        and text[m.end() : m.end() + 2].lstrip(" ")[:1].isupper()


def _rooms(a: _Answer) -> Iterator[Redaction]:
    text = a.text
    if "room" in a.words and a.digit:
        for m in _ROOM.finditer(text):
            building = _FLAT_BUILDING.match(text, m.end())
            if building or _LIVE_CUE.search(text, max(0, m.start() - 40), m.start()):
                yield Redaction("address", m.start(), building.end() if building else m.end())


# Days out named like houses: "we went to Drayton Manor for my birthday".
_VENUES = _words("drayton alton chessington longleat blenheim chatsworth woburn twycross hampton chicken")


def _house_name_ok(phrase: str, *, lenient: bool) -> bool:
    # "live at my nan's house", "live in a council house": an ordinary description. With
    # ``lenient``, everyday words may name the house ("live at rose cottage").
    words = phrase.split()
    if len(words) == 3 and phrase[:8].lower() == "the old " and words[2].lower() in _OLD_HOUSE_WORDS:
        return True  # "the old forge"
    if words[0] == "The" or (words[0] == "the" and len(words) > 1 and words[1][0].isupper()):
        # "The Old Rectory", "the Old Vicarage"; not "stay in the hall"
        words = words[1:]
    if words[0].lower() in _VENUES:
        return False
    for word in words[:-1]:
        low = word.lower().replace("’", "'")
        base = low[:-2] if low.endswith("'s") else low
        if low in _STOP or base in _STOP or base in _KIN or base.rstrip("s") in _KIN:
            return False
        if not lenient and word[0].islower() and _is_common(base) and base not in _NAMES:
            return False
    return True


# --- school --------------------------------------------------------------------------------

# The word that makes a school ("Academy"), then the proper name is read backwards from it.
_SCHOOL_CORE = _Scan(
    r"\b(?:school|academy|college|primary|infants|juniors|high|grammar|junior|infant|sixth\s+form|nursery"
    r"|pupil\s+referral\s+unit|middle|coll|grammer|acadamy|acedemy|academey|skool|scool|colledge"
    r"|pru|utc)\b")  # pupil referral units, university technical colleges
_SCHOOL_TAIL = _Caseless(r"[ \t]+(?:school|academy)\b")
# "Riverside High" and "Skegness Grammar" name a school only where the sentence moves on.
_BARE_SCHOOL_END = _Caseless(
    r"\s*(?:$|[.,;!?)]|(?:is|was|and|but|has|in|at|bc|cos|coz|cuz|because|so|its|it's)\b)")
# Misspelt and shortened type words count as the words ("Westfield Coll", "Queen Elizabeths
# Grammer"); "Middle", "Junior" and "Infant" after a capitalised name where the sentence moves
# on, as "High" does ("moved from Parkside Junior to Hillcrest Middle").
_TAIL_OPTIONAL = frozenset({"primary", "high", "grammar", "grammer", "middle", "junior", "infant", "coll"})
_STREET_AFTER = _Caseless(rf"[ \t]+(?:{'|'.join(sorted(_STREET_WORDS))})\b")
_AT_OR_TO = _Caseless(r"\b(?:at|to|from)[ \t]+$")
# Church and type words between the name and "Primary": "St Mary's CE Primary", "St Hugh's
# Catholic Primary", "Oakwood C of E Academy", "Branston Community Academy".
_SCHOOL_TYPE_INNER = _words("ce c of e cofe rc catholic church england methodist community junior infant")
_SCHOOL_NAME_WORD = re.compile(r"[A-Za-z][A-Za-z'’.-]*")
_SAINT = frozenset({"st", "st.", "saint", "sir", "king", "queen", "lady", "bishop"})


_CAPITALISED_BEFORE = re.compile(r"[A-Z][a-z'’]+[ \t]+$")
_WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z'’-]*)[ \t]+$")


def _proper_word_before(before: str, end: int) -> bool:
    """Whether the word before ``end`` is a capitalised proper word ("Leeds" in "Leeds City")."""
    m = _WORD_BEFORE.search(before, 0, end)
    if m is None or not m.group(1)[0].isupper():
        return False
    low = m.group(1).lower()
    return low not in _STOP and low not in _SCHOOL_GENERIC and not _is_common(low)


# Verbs before "school" that no list of everyday words holds.
_VERBS_BEFORE_SCHOOL = _words("afford afforded affording bunk bunked bunking wagged wagging dread dreading")


def _school_name_start(before: str, end: int) -> int | None:
    """Where the proper name before a school word begins (``end`` is its end), if any."""
    offset = end - len(before)
    start = None
    taken = 0
    skipped = ""  # the type word skipped last: "of" belongs to "C of E", not "the lack of sixth form"
    edge = len(before)  # the name's words must be separated by spaces only
    street = ""  # a lower-case street word, taken only with a proper word before it
    for w in reversed(list(_SCHOOL_NAME_WORD.finditer(before))):
        if before[w.end() : edge].strip(" \t") or w.end() == edge:
            break
        edge = w.start()
        word = w.group()
        low = word.lower().replace("’", "'")
        base = low[:-2] if low.endswith("'s") else low.rstrip("'")
        if taken == 0 and base.replace(".", "") in _SCHOOL_TYPE_INNER and (
                base != "of" or skipped in {"e", "england"}):
            skipped = base.replace(".", "")
            continue
        if low in {"and", "&"} and taken and _CAPITALISED_BEFORE.search(before, 0, w.start()):
            continue  # "Kesteven and Sleaford High School"
        if taken == 4 or low in _STOP:
            break
        if taken and "-" in base and all(len(p) >= 3 and p in _NAMES and p not in _NAME_PARTICLES
                                         for p in base.split("-")):
            break  # "- Kai-Lee Brookside Middle School": a child's double-barrelled name before the school
        if base in _VERBS_BEFORE_SCHOOL:
            break  # "we cant afford school uniform", "i bunk school": what is done about school
        if base in _SCHOOL_GENERIC and not (word[0].isupper() and _proper_word_before(before, w.start())):
            break  # "my old school"; but "Leeds City College", "Harbour Free School" are names
        if low.endswith(".") and low != "st.":
            break  # the end of the previous sentence
        # A capitalised word is part of a name ("Park Academy"); a lower-case one only when it
        # is not an everyday word, nor a misspelt "secondry school"; or a street word after such a
        # word ("fosse way academy", not "the park school").
        if not (word[0].isupper() or base in _SAINT or not (_is_common(base) or _near_generic(base))):
            if base in _STREET_WORDS and not street:
                street = base
                continue
            # a school named after its street, in lower case, its first words: "mill road primary",
            # "brook lane infants"; not "the high street school"
            if not (taken == 0 and street in _STRONG_STREETS and base.isalpha() and base not in _DESCRIBING):
                break
        start = offset + w.start()
        taken += 1 + bool(street)
        street = ""
    return start


# A school whose name is an everyday word, in lower case, after going to it: "i go to the willows
# primary", "she goes to meadows academy"; not "the local primary", "the church school".
_GONE_TO_WORD = re.compile(
    r"\b(?:(?:go|goes|going|went|attend|attends|attended)[ \t]+(?:to[ \t]+)?|at[ \t]+)(?:the[ \t]+)?"
    r"(?P<s>[a-z][a-z'’]{2,})[ \t]+$")
_NAMED_BY_WORD_CORES = frozenset({"primary", "academy", "school", "high", "college"})
# Schools of a pastime, kept: "the ballet school", "a gymnastics academy", "stage school".
_PASTIME_SCHOOLS = _words("""
ballet gymnastics gym stage theatre performing tennis riding flying cookery cooking surf ski sailing
martial karate judo taekwondo boxing kickboxing acting singing modelling hairdressing beauty bible
""")


def _school_word_gone_to(a: _Answer, end: int) -> int | None:
    m = _GONE_TO_WORD.search(a.text, max(0, end - 40), end)
    if m is None:
        return None
    base = m.group("s").removesuffix("'s").rstrip("'’")
    if base in _STOP or base in _SCHOOL_GENERIC or base in _OTHER_PLACES or base in _GROUP_PLACES \
            or base in _DESCRIBING or base in _SUBJECTS or base in _KIN or base in _PASTIME_SCHOOLS \
            or _near_generic(base):
        return None
    return m.start("s")


def _near_generic(low: str) -> bool:
    # Misspellings of generic words ("secondry", "primery") must not become school names.
    if len(low) < 5:
        return False
    return _slip_of(low, _LONG_GENERIC, 2 if len(low) >= 8 else 1) is not None


def _one_slip(a: str, b: str, limit: int) -> bool:
    """Whether ``a`` and ``b`` differ only in one place of at most ``limit`` letters."""
    i = 0
    while i < len(a) and i < len(b) and a[i] == b[i]:
        i += 1
    j = 0
    while j < len(a) - i and j < len(b) - i and a[-1 - j] == b[-1 - j]:
        j += 1
    return max(len(a) - i - j, len(b) - i - j) <= limit


def _by_initial(words: Iterable[str], min_len: int = 1) -> dict[str, tuple[str, ...]]:
    """Words of ``min_len`` letters or more by first letter, in order: children misspell the middle
    of a word, rarely its start, so a slip is looked for only among words that start alike."""
    table: dict[str, tuple[str, ...]] = {}
    for word in sorted(words):
        if len(word) >= min_len:
            table[word[0]] = (*table.get(word[0], ()), word)
    return table


def _slip_of(low: str, table: dict[str, tuple[str, ...]], limit: int) -> str | None:
    """The first word of ``table`` (see ``_by_initial``) that ``low`` misspells in one place of at
    most ``limit`` letters, if any."""
    return next((w for w in table.get(low[:1], ())
                 if abs(len(w) - len(low)) <= limit and _one_slip(w, low, limit)), None)


_LONG_GENERIC = _by_initial(_SCHOOL_GENERIC, 5)


_SCHOOL_HINTS = _words(
    "school academy college primary infants juniors high grammar junior infant form pru utc nursery unit "
    "coll grammer acadamy acedemy academey skool scool colledge "
    "university training skills learning education")


# A school named without a school word, after the people in it or a year group: "people at
# oakfield", "everyone at St Wilfs", "the teachers at brookvale", "year 9 at parkside". Only a
# saint's name, or one word shaped like a street or an estate ("-field", "-vale", "-side",
# "-wood") that is no town, brand, word or listed name: "people at tesco", "kids at skegness"
# and "everyone at karate" are kept.
_SCHOOL_PEOPLE = _words("""
people everyone everybody kids children students pupils teachers staff nobody noone anyone someone
lads girls boys friends mates teacher tutor ppl
""")
# Matched after each " at " (found with str.find, far quicker than a pattern tried at every
# position); the people word before it is looked up then.
_AT_SCHOOL = _Caseless(
    r"[ \t]*(?P<s>(?P<saint>(?:st\.?|saint|bishop|queen|king)[ \t]+)?[a-z][a-z'’-]+)\b"
    r"(?P<tail>[ \t]+(?:high|primary|academy|school|college|grammar|juniors|infants)\b)?",
)
_OTHER_PLACES = _words("""
church chapel cathedral abbey hospital hospice ambulance centre center park club shop shops
shopping market station stadium
""")
_WORD_AFTER = re.compile(r"[ \t]+([A-Za-z]+)")
_YEAR_GROUP = re.compile(r"\b(?:year|yr|y)[ \t]?\d{1,2}s?[ \t]+$")
_SCHOOL_ENDINGS = (*_STREET_ENDINGS, "vale", "dale", "brook", "park", "hill", "view", "crest")


# "the lads from kingsway", "the boys from Brookfield": with "from" only the young people of a
# school or a year group, as "people from" and "my family from" name towns.
_SCHOOL_FROM_PEOPLE = _words("lads boys girls kids students pupils teachers staff ones lad boy girl kid")
# Schools known by their initials: "the teachers at hcs", "year 9 at QEGS", "i go to bgs".
_INITIALS_NOT_SCHOOLS = _words("""
nhs gp gps pe re it ict dt pshe rse sen send ta tas tv pc ps uk usa us bbc itv kfc jd ymca camhs cahms ncs
pcso aa ae pru utc fe ft hq id ok pr sc yt fb ig tt cctv dm dms sms mmr pm am cv ucas dwp ss vr
""")


def _initials(name: str) -> bool:
    """A school's initials: two to five letters in capitals, or in lower case without a vowel."""
    if not (2 <= len(name) <= 5 and name.isalpha()):
        return False
    low = name.lower()
    if low in _INITIALS_NOT_SCHOOLS or low in _STOP or low in _KEEP or low in _SPELLING_KEYS \
            or _is_common(low):
        return False
    if name.isupper():
        return True
    # "hcs", "bgs"; "qegs", "kes" too when nothing else reads them (no name, town or misspelling)
    return name.islower() and len(low) >= 3 and (
        not any(c in "aeiou" for c in low) or (len(low) <= 4 and low not in _NAMES and low not in _SURNAMES
                                                and not _place_like(low) and low not in _NOT_NAMES))


def _school_after(text: str, pos: int) -> Redaction | None:
    """The school named by one word (or a saint) from ``pos``, a space before it."""
    m = _AT_SCHOOL.match(text, pos)
    if m is None:
        return None
    name = _lower(m.group("s")).rsplit(None, 1)[-1]
    after = _WORD_AFTER.match(text, m.end("s"))
    if after and after.group(1).lower() in _OTHER_PLACES:
        return None  # "everyone at St John's church", "people at Bradgate park"
    if m.group("saint") and m.group("saint").strip().lower() in _ROYAL:
        ok = name.endswith("'s") and name[:-2] not in _STOP  # "Queen Anne's"; not "King Street"
    elif m.group("saint"):
        ok = name not in _STOP and len(name) >= 3 and name not in _SAINT_TOWNS
    else:
        base = name.removesuffix("'s")
        ok = (base.endswith(_SCHOOL_ENDINGS) and len(base) > 5 and base not in _KEEP
              and base not in _NAMES and base not in _SPELLING_KEYS and not _is_common(base)) or (
            not m.group("tail") and _initials(m.group("s")))
    return Redaction("school", m.start("s"), m.end()) if ok else None


def _schools_after_people(a: _Answer) -> Iterator[Redaction]:
    text, low = a.text, a.lower
    if len(low) != len(text):  # positions shared with the text
        return
    for cue, people in ((" at ", _SCHOOL_PEOPLE), (" from ", _SCHOOL_FROM_PEOPLE)):
        at = low.find(cue)
        while at != -1:
            pos, at = at, low.find(cue, at + 3)
            who = _WORD_BEFORE.search(low, max(0, pos - 20), pos + 1)
            if (who is None or who.group(1) not in people) and not _YEAR_GROUP.search(
                    low, max(0, pos - 12), pos + 1):
                continue
            found = _school_after(text, pos + len(cue) - 1)
            if found:
                yield found


# Going to a school named by a saint or its initials: "i go to bishop hollands", "i go to St
# Benedicts", "she goes to hcs"; and a saint's name near where something happens: "the man by st
# josephs". Not a church, a road or a town ("St Mary's church", "st johns road", "St Helens").
# "the man by st josephs"; "st marys is a good school", "St Benedicts has no clubs": a saint
# starting a sentence.
_NEAR_SAINT = _Caseless(
    r"\b(?:by|near|outside|behind|opposite)(?=[ \t]+(?:st|saint|bishop)\b)"
    r"|(?:^|(?<=[.!?\n]))[ \t]*(?=(?:st\.?|saint)[ \t]+[a-z'’]+[ \t]+"
    r"(?:is|was|has|have|are|were|does|doesnt|dont|needs|gave|gives)\b)", re.MULTILINE,
)
_SAINT_TOWNS = _words("""
helens albans andrews ives neots austell leonards annes davids asaph pancras austell johnstone
bees mawes agnes just columb blazey
""")
_GO_WORDS = _words("go goes going went gone attend attends attended started start moved move left leave")
_GO_TO_VERBS = _words("go goes attend started start moved move")


_SAINT_WORDS = _words("st saint bishop")
_ROYAL = _words("queen king")
_ATTEND = _Caseless(r"\battend(?:s|ed|ing)?(?=[ \t])")


def _go_to_places(a: _Answer) -> Iterator[tuple[str, int]]:
    """Each going verb and where its place begins: "go to X", "goes to X", "started at X"."""
    low = a.lower
    if len(low) != len(a.text):
        return
    for cue in (" to ", " at "):
        at = low.find(cue)
        while at != -1:
            pos, at = at, low.find(cue, at + 3)
            verb = _WORD_BEFORE.search(low, max(0, pos - 12), pos + 1)
            if verb is not None and verb.group(1) in _GO_WORDS:
                yield verb.group(1), pos + 3
    if "attend" in low:
        for m in _ATTEND.finditer(low):
            yield "attend", m.end()
    if " go " in low:  # "to" dropped, as children write it: "i go Greenhill", "we go meadowside"
        for m in _GO_WITHOUT_TO.finditer(low):
            yield "go", m.end()


_GO_WITHOUT_TO = re.compile(r"\b(?:i|we|u|you|he|she|they|still|both|all)[ \t]+go(?=[ \t]+(?!to\b|at\b))")
# A capitalised two-word name ending as schools are named, gone to: "i go to Castle View", "she
# goes to Lark Rise" (not a park or a shop: "go to Hyde Park", "go to Pizza Hut").
_TWO_WORD_SCHOOL = re.compile(
    r"[ \t]*(?P<s>[A-Z][a-z'’]{2,}[ \t]+"
    r"(?:View|Rise|Vale|Dale|Mead|Fields|Croft|Lea|Brook|Hill|Grange|Heath))"
    r"\b(?![ \t]+[A-Z])")


_ATTENDING = _words("go goes attend")
_ONE_WORD = re.compile(r"[ \t]*(?P<s>[A-Za-z][a-z'’]{3,})\b(?![-'’])")


def _school_by_year(a: _Answer, pos: int) -> Redaction | None:
    """One unknown word gone to, where the same sentence gives a year group or class: "i go to
    hollins and there is a lot of bullying in year 7", "i go to Ashdene in year 9"."""
    m = _ONE_WORD.match(a.text, pos)
    if m is None:
        return None
    stop = _SENTENCE_END.search(a.text, m.end())
    if _YEAR_IN.search(a.lower, m.end(), stop.start() if stop else len(a.text)) is None:
        return None
    base = _lower(m.group("s")).removesuffix("'s").rstrip("'’")
    if base in _STOP or base in _KEEP or base in _SCHOOL_GENERIC or base in _NAMES or base in _SURNAMES \
            or base in _SPELLING_KEYS or base in _OTHER_PLACES or base in _GROUP_PLACES or base in _SUBJECTS \
            or _is_common(base) or _place_like(base):
        return None
    return Redaction("school", m.start("s"), m.end("s"))


def _schools_gone_to(a: _Answer) -> Iterator[Redaction]:
    text = a.text
    places: list[tuple[str, int]] = []
    if not a.words.isdisjoint(_GO_WORDS):
        places.extend(_go_to_places(a))
    if not a.words.isdisjoint(_SAINT_WORDS):
        places.extend(("near", m.end()) for m in _NEAR_SAINT.finditer(text))
    for verb, pos in places:
        found = _school_after(text, pos)
        if found is None and verb in _ATTENDING:
            found = _school_by_year(a, pos)
        if found is None and verb in _GO_TO_VERBS:
            two = _TWO_WORD_SCHOOL.match(text, pos)
            first = _lower(two.group("s").split()[0]) if two else ""
            if two and first not in _KEEP and first not in _NAMES:
                found = Redaction("school", two.start("s"), two.end("s"))
        if found is None:
            continue
        school = _AT_SCHOOL.match(text, pos)
        if school.group("saint") and school.group("saint").strip().lower() in _ROYAL:
            # "went to Queen Anne's", "i go to King Edward's and": a royal's possessive, as schools
            # are named, with nothing after it ("Queen Victoria's statue", "King Charles's speech")
            nxt = _WORD_AFTER.match(text, school.end())
            ok = school.group("tail") is not None or (
                school.group("s")[-2:] in {"'s", "’s"} and (nxt is None or nxt.group(1).lower() in _STOP))
        elif school.group("saint"):
            # "St Peter" alone may be the saint; "St Peters", "st marys", "St Mary's High" are schools
            ok = school.group("tail") is not None or school.group("s")[-1:] in {"s", "S"} or (
                # "go to Bishop Stopford"
                verb in _GO_TO_VERBS and school.group("saint").strip().lower() == "bishop")
        else:  # "go to kingsway", "goes to hcs"; "went to" and "by" may be a day out or a place
            ok = verb in _GO_TO_VERBS
        if ok:
            yield found


# Words that make an answer about school, so a place after "at", "to" or "from" may be one: "at
# HGS they make u take ur earrings out", "my old teacher at holy trinity".
_SCHOOL_CONTEXT = _words("""
school schools teacher teachers teaching miss sir form class classes lesson lessons uniform detention
detentions excluded exclusion isolation headteacher head pupils students homework gcse gcses sats exams
tutor senco ehcp playground canteen sixth earrings
""")
# Schools named after the faith, in any case: "holy trinity", "Sacred Heart", "our lady of lourdes".
_FAITH_SCHOOL = _Caseless(
    r"[ \t]*(?P<s>(?:holy[ \t]+(?:trinity|family|cross|rood|spirit|name|ghost|redeemer|innocents)"
    r"|sacred[ \t]+heart|our[ \t]+lady(?:['’]?s)?(?:[ \t]+of[ \t]+[a-z]+)?|christ[ \t]+the[ \t]+king"
    r"|corpus[ \t]+christi|all[ \t]+saints|blessed[ \t]+[a-z]+"
    r"|(?:st\.?|saint)[ \t]+[a-z]+(?:['’]s\b|['’]|\b)))"
    r"(?P<tail>[ \t]+(?:high|primary|academy|school|college|grammar|juniors|infants|rc|catholic|ce)\b)?",
)
_PLACE_WORDS_AFTER = _OTHER_PLACES | _STREET_WORDS | _words("hall church's rc ce")
# Changing schools names both of them: "moved schools in year 10 from QEGS to Holmewood".
_CHANGE_SCHOOLS = _Scan(
    r"\b(?:(?:move[ds]?|moving|chang(?:e|ed|es|ing)|switch(?:ed|es|ing)?|swap(?:ped|s)?|transferr?(?:ed|ing)?)"
    r"[ \t]+schools?"
    r"|(?:new|old|previous|last|first|other|different|another)[ \t]+(?:school|secondary|primary))\b")
# A school named after "my old school", "a school called": "my old school Kingsmead was better".
_SCHOOL_CALLED = re.compile(
    r"\b(?:(?:old|new|previous|last|first|other|primary|secondary|current)[ \t]+school,?[ \t]+"
    r"(?:(?:was|is|called|named)[ \t]+)?"
    r"|school[ \t]+(?:called|named)[ \t]+)"
    r"(?P<s>(?:[A-Z][a-z'’]+)(?:[ \t]+[A-Z][a-z'’]+)?)",
)


_FAITH_STARTS = _words("st saint holy sacred our christ corpus all blessed")
_FAITH_WORDS = _words("st saint holy sacred lady christ corpus saints blessed")
_CHANGE_WORDS = _words("school schools secondary primary")
_CUE_WORDS = _words("at to from 2 go goes")
_UPPER_RUN = re.compile(r"[A-Z](?<!\w[A-Z])[A-Z]{2,4}\b")  # "\b[A-Z]{3,5}\b", quicker to look for
# Its word must start the text or follow a space or "(": checked on each match, since a
# lookbehind at the start of a pattern makes Python try it at every position (three times slower).
_PLACE_CUE = re.compile(r"(at|to|from|2|go|goes)[ \t]+")
_CUE_BEFORE = frozenset(" \t\n\r\f\v(")
_CHURCH_TIMES = _words("sunday sundays church mass chapel service services")
_TITLED_BEFORE = re.compile(r"\b(?:mr|mrs|ms|miss|sir|dr)\.?[ \t]+[a-z'’-]+[ \t]+$")


def _schools_in_context(a: _Answer) -> Iterator[Redaction]:
    """Schools named without a school word where the answer or sentence is about school."""
    text, low = a.text, a.lower
    if len(low) != len(text):
        return
    context = not a.words.isdisjoint(_SCHOOL_CONTEXT)
    changing = context and not a.words.isdisjoint(_CHANGE_WORDS) and _CHANGE_SCHOOLS.search(a) is not None
    faith = not a.words.isdisjoint(_FAITH_WORDS)
    initials = (context or changing) and _UPPER_RUN.search(text) is not None
    if not (faith or initials or changing):
        return
    if "school" in a.words:
        for m in _SCHOOL_CALLED.finditer(text):
            words = m.group("s").split()
            if all(_lower(w) not in _STOP and _lower(w) not in _KEEP and not _is_common(_lower(w))
                   and not _place_like(_lower(w)) for w in words[:1]):
                yield Redaction("school", m.start("s"), m.end("s"))
    cues = []
    if not a.words.isdisjoint(_CUE_WORDS):
        cues = [(m.group(1), m.end(), m.start()) for m in _PLACE_CUE.finditer(low)
                if not m.start() or low[m.start() - 1] in _CUE_BEFORE]
    for cue, pos, cue_start in cues:
        nxt = _WORD_AFTER.match(text, pos - 1)
        if nxt is None:
            continue
        first = nxt.group(1)
        lowfirst = first.lower()
        if faith and lowfirst in _FAITH_STARTS:
            m = _FAITH_SCHOOL.match(text, pos)
            if m is None:
                continue
            tail = (m.group("tail") or "").strip().lower()
            after = _WORD_AFTER.match(text, m.end() if tail in {"rc", "ce", "catholic"} else m.end("s"))
            if after and after.group(1).lower() in _PLACE_WORDS_AFTER:
                continue  # "at St John's church", "to St Mary's Road", "all saints church"
            name = m.group("s").split()
            if lowfirst in {"st", "saint"}:
                base = _lower(name[-1])
                if base in _STOP or len(base) < 3 or base.rstrip("'’") in _SAINT_TOWNS:
                    continue
                if not (context or m.group("tail")) and "church" in a.words and not a.words.isdisjoint(
                        _CHURCH_TIMES - {"church"}):
                    continue  # "i go to church at St Mary's on sundays": the church, not a school
                # "to St Bede's", "at st bedes": a saint's possessive, as schools are named
                if not (m.group("tail") or base.endswith("s") or base.endswith(("'", "’"))):
                    continue
            elif not (context or m.group("tail") or (
                    cue == "at" and _TITLED_BEFORE.search(low, max(0, cue_start - 30), cue_start))):
                # "mr o'sullivan at holy cross said": someone titled, as teachers are, at one;
                # "i go to Sacred Heart", "used to go to Our Lady of Lourdes": a capitalised faith
                # name after going, where nothing speaks of church ("we go to holy trinity on sundays")
                verb = _WORD_BEFORE.search(low, max(0, cue_start - 12), cue_start) \
                    if cue in {"to", "2"} else None
                going = (cue in {"go", "goes"} or (verb is not None and verb.group(1) in _GO_TO_VERBS))
                # in lower case too after a going verb ("i go to holy trinity", "so i moved to
                # holy trinity", "i go sacred heart its alright"), where nothing speaks of church
                if not (going and a.words.isdisjoint(_CHURCH_TIMES)):
                    continue
            if lowfirst == "all" and not (context or m.group("tail")):
                continue
            yield Redaction("school", m.start("s"), m.end())
            continue
        if initials and first.isupper() and len(first) >= 3 and _initials(first):
            after = _WORD_AFTER.match(text, nxt.end(1))
            if not (after and after.group(1).lower() in _PLACE_WORDS_AFTER):
                yield Redaction("school", nxt.start(1), nxt.end(1))  # "at HGS they make u ..."
            continue
        if changing and cue in {"to", "from"}:
            found = _school_after(text, pos - 1)
            if found:
                yield found  # "moved schools from QEGS to Holmewood"


# Schools named by what is said of them, where no school word follows the name:
# "my school is Kingswood", "my college is NCC"; "Sandown Uni"; "Hollybank (its a special
# school)", "oakhurst which is a special school", "Phoenix House which is like a PRU";
# "in year 13 at Ravenscourt", "the sixth form at Ashgrove", "mr khan at Wolds View", "uniform
# at Bishop Aldwyn"; "picks me up from Orchard Lea"; initials ending in a school's "GS", "HS"
# or "CS" ("KGGS", "at KGS").
_NAMED_AS = r"(?:[A-Z][A-Za-z'’-]*(?:[ \t]+(?:[A-Z][A-Za-z'’-]*|of|and|&))*)"
# "school" as children spell it: "my scool is sjb", "our skool greenacres", "my shcool".
_SCHOOL_SPELT = r"(?:school|scool|skool|skul|shcool|schol|schoool|scohol|sckool)"
_SCHOOL_SPELLINGS = _words("school scool skool skul shcool schol schoool scohol sckool")
# The school word may follow its kind ("my primary school was Lark Rise", "my old secondary school
# is called X"), or where one goes ("where i go school, Oakmead", "the school i go to is X"); a
# lower-case name may carry its kind ("my school is hillside juniors").
_MY_SCHOOL_IS_LEAD = (
    r"(?:\b(?:my|our|his|her|their|ur|your)[ \t]+(?:old[ \t]+|new[ \t]+)?"
    r"(?:(?:primary|secondary|junior|infant|high|first|last)[ \t]+(?=school|scool|skool|academy|college))?"
    rf"(?:{_SCHOOL_SPELT}|college|uni|university|academy"
    r"|sixth[ \t]+form|secondary|primary)[ \t]+(?:(?:is|was)[ \t]+called|is|was|=|:|called)"
    rf"|\b(?:go|goes|went)[ \t]+(?:to[ \t]+)?{_SCHOOL_SPELT}[ \t]*(?:[,:=]|is|was|its|it's))[ \t]+")
_MY_SCHOOL_IS = _Gated(re.compile(
    rf"{_MY_SCHOOL_IS_LEAD}(?P<s>{_NAMED_AS}|(?:(?:st|saint|bishop)\.?[ \t]+)?[a-z][a-z'’]{{2,}}"
    r"(?:[ \t]+(?:high|juniors|infants|primary|academy|grammar|rc|ce)\b)?)"), _MY_SCHOOL_IS_LEAD)
_NAME_UNI = re.compile(r"\b(?P<s>[A-Z][a-z'’-]+(?:[ \t]+[A-Z][a-z'’-]+)?[ \t]+[Uu]ni)\b(?![-'’])")
_SAID_A_SCHOOL_TAIL = (
    r"(?:which|that|it|its|it's|thats|that's|wich)[ \t]+(?:is[ \t]+|was[ \t]+|'s[ \t]+)?"
    r"(?:like[ \t]+|basically[ \t]+|literally[ \t]+|just[ \t]+|kind[ \t]+of[ \t]+)?(?:a|an)[ \t]+"
    r"(?:[a-z]+[ \t]+){0,3}(?:school|academy|college|pru|sixth[ \t]+form|grammar|primary|secondary)\b")
_SCHOOL_SAID = _Gated(re.compile(
    rf"(?P<s>{_NAMED_AS}|(?:(?<=\bat[ \t])|(?<=\bto[ \t])|(?<=\bgo[ \t])|(?<=\b2[ \t]))[a-z][a-z'’]{{2,}})"
    rf"[ \t]*[(,-]?[ \t]*(?i:{_SAID_A_SCHOOL_TAIL})"), _SAID_A_SCHOOL_TAIL)
_SCHOOL_SAID_WORDS = _words("school academy college pru grammar primary secondary form")
_AT_SCHOOL_BY_WHO = (
    r"(?:\b(?:year|yr|y)[ \t]?\d{1,2}s?|\bsixth[ \t]+form"
    r"|\b(?:teachers?|staff|uniform|council|toilets|canteen"
    r"|lessons|classes|detentions?|tutor|pupils|students|gcses|a[ \t]+levels|sats|exams"
    r"|head[ \t]+of[ \t]+year"
    r"|headteacher|head)"
    r"|\b(?:mr|mrs|miss|ms|sir|dr)[ \t]+[A-Za-z'’-]+)[ \t]+at[ \t]+")
_BEFORE_AT_SCHOOL = _Gated(re.compile(
    rf"(?i:{_AT_SCHOOL_BY_WHO})"
    rf"(?P<s>(?i:ss[ \t]+[a-z]+[ \t]+(?:and|&)[ \t]+[a-z]+|(?:bishop|st\.?|saint)[ \t]+[a-z'’]+)|{_NAMED_AS}"
    r"|[a-z][a-z'’]{3,})"), _AT_SCHOOL_BY_WHO)
_BEFORE_AT_WORDS = _words("""
year yr sixth teacher teachers staff uniform council toilets canteen lessons classes detention
detentions tutor pupils students gcses levels sats exams head headteacher mr mrs miss ms sir dr
""")
_PICKED_UP_FROM = re.compile(
    r"\bpick(?:s|ed|ing)?[ \t]+(?:me|him|her|us|them|my[ \t]+\w+)[ \t]+up[ \t]+from[ \t]+"
    r"(?P<s>[A-Z][a-z'’-]+(?:[ \t]+[A-Z][a-z'’-]+)?)")
_SCHOOL_INITIALS = re.compile(r"\b[A-Z]{1,3}(?:GS|HS|CS)\b")
# A school's initials before the things a school has: "HTCE council is the best council", "the
# BGS school council", "KHS teachers", "the SJB uniform", "the OPA prom".
_INITIALS_BEFORE_THING = re.compile(
    r"\b(?P<s>[A-Z]{2,5})[ \t]+(?P<kind>(?i:school|student|pupil|schools)[ \t]+)?"
    r"(?P<w>(?i:council|teachers|uniform|canteen|pupils|students|prom|sixth[ \t]+form|headteacher"
    r"|blazers?|playground|sports[ \t]+day|disco|detentions?))\b")
_INITIALS_THING_WORDS = _words("council teachers uniform canteen pupils students prom sixth headteacher "
                               "blazer blazers playground sports disco detention detentions")
# Nouns after initials that make them a card, a course or a scheme: "my CSCS card".
_INITIALS_THING_NEXT = _words("""
card cards test tests course courses certificate cert ticket tickets number account app scheme check
licence license form qualification exam exams level levels
""")


def _school_name_ok(name: str, *, strict: bool = False) -> bool:
    """A name found by what is said of it: not an ordinary word, a town, a brand or a name."""
    words = name.split()
    first = _lower(words[0])
    if first in _STOP or first in _KIN or first in _TITLES_ALL or first in _SCHOOL_GENERIC:
        return False
    if first in {"bishop", "st", "st.", "saint", "ss"}:
        return True
    if name.isupper() and 2 <= len(name) <= 5:
        return _lower(name) not in _INITIALS_NOT_SCHOOLS
    base = first.removesuffix("'s").rstrip("'")
    if base in _SPELLING_KEYS or (base in _KEEP and len(words) == 1):
        return False
    if base in _KEEP and len(words) == 2 and _lower(words[1]) not in _SHAPED_LAST \
            and not _lower(words[1]).endswith(_SCHOOL_ENDINGS):
        return False  # "Jobcentre Plus", "Tesco Extra": a kept service and a word; "Sutton Hill" is a school
    if len(words) == 1:
        if _is_common(base) or base in _PUBLIC_SURNAMES or (strict and (base in _NAMES or _place_like(base))):
            return False
        if name.islower() and (base in _NAMES or _place_like(base)):
            return False
    return True


def _trim_name(text: str, start: int, end: int) -> int:
    """The end of a name without a trailing "of", "and" or "&"."""
    words = text[start:end].split()
    while len(words) > 1 and words[-1].lower() in {"of", "and", "&"}:
        end = text.rfind(words[-1], start, end)
        end = len(text[:end].rstrip())
        words.pop()
    return end


_MY_SCHOOL_IS_WORDS = _words("college uni university academy sixth secondary primary") | _SCHOOL_SPELLINGS


def _schools_said(a: _Answer) -> Iterator[Redaction]:
    text, words = a.text, a.words
    if ("is" in words or "was" in words or "called" in words or "go" in words) \
            and not words.isdisjoint(_MY_SCHOOL_IS_WORDS):
        for m in _MY_SCHOOL_IS.finditer(text):
            if _school_name_ok(m.group("s")):
                yield Redaction("school", m.start("s"), _trim_name(text, m.start("s"), m.end("s")))
    if "uni" in words:
        for m in _NAME_UNI.finditer(text):
            if _school_name_ok(m.group("s").rsplit(None, 1)[0]):
                yield Redaction("school", m.start("s"), m.end("s"))
    if ("a" in words or "an" in words) and not words.isdisjoint(_SCHOOL_SAID_WORDS):
        for m in _SCHOOL_SAID.finditer(text):
            s = m.group("s")
            # from the name's last capitalised words: "my brother goes to Oakhurst which ..."
            parts = s.split()
            k = len(parts)
            while k > 0 and (_lower(parts[k - 1]) not in _STOP or parts[k - 1].lower() in {"of", "and", "&"}):
                k -= 1
            keep = parts[k:]
            while keep and keep[0].lower() in {"of", "and", "&"}:
                keep = keep[1:]
            if not keep:
                continue
            kept_name = " ".join(keep)
            start = m.start("s") + len(s) - len(kept_name) if kept_name == s[-len(kept_name):] \
                else text.find(keep[0], m.start("s"))
            name = text[start : m.end("s")]
            if _school_name_ok(name, strict=len(keep) == 1):
                yield Redaction("school", start, m.end("s"))
    if "at" in words and not words.isdisjoint(_BEFORE_AT_WORDS):
        for m in _BEFORE_AT_SCHOOL.finditer(text):
            s = m.group("s")
            after = _WORD_AFTER.match(text, m.end("s"))
            if after and after.group(1).lower() in _OTHER_PLACES:
                continue
            if s[0].islower() and s.split()[0].lower() not in {"bishop", "st", "st.", "saint", "ss"} \
                    and (not _school_name_ok(s, strict=True) or (_initials(s) is False and len(s) < 4)):
                continue
            if _school_name_ok(s, strict=s[0].islower()):
                yield Redaction("school", m.start("s"), _trim_name(text, m.start("s"), m.end("s")))
    if "up" in words and "from" in words:
        for m in _PICKED_UP_FROM.finditer(text):
            if _school_name_ok(m.group("s"), strict=True):
                yield Redaction("school", m.start("s"), m.end("s"))
    if not words.isdisjoint(_INITIALS_THING_WORDS):
        for m in _INITIALS_BEFORE_THING.finditer(text):
            s = m.group("s")
            if not _initials(s) or _lower(s) in _SCHOOL_CONTEXT or _lower(s) in _SUBJECTS:
                continue
            if m.group("w").lower() == "council" and not m.group("kind") and s.endswith("C"):
                continue  # "BCC council": a city or county council's initials
            yield Redaction("school", m.start("s"), m.end("s"))
    if "GS" in text or "HS" in text or "CS" in text:
        for m in _SCHOOL_INITIALS.finditer(text):
            after = _WORD_AFTER.match(text, m.end())
            if after and after.group(1).lower() in _INITIALS_THING_NEXT:
                continue  # "my CSCS card": a card or a course, not a school
            if m.group().lower() not in _INITIALS_NOT_SCHOOLS and len(m.group()) >= 3:
                yield Redaction("school", m.start(), m.end())


# Schools named by leaving them: "i left Fairhaven in year 10", "left Castlemead after year 11",
# "got kicked out of Brampton Park and now im at a pru", "excluded from Oakfield in year 8". A
# year group, or a school word in the answer, says the place left was a school.
_LEAVE_WORDS = _words("left leave leaving kicked excluded expelled permanently")
_LEFT_SCHOOL = re.compile(
    r"\b(?:(?i:left|leaving|leave)|(?i:kicked|chucked|thrown)[ \t]+(?i:out)[ \t]+(?i:of)"
    r"|(?i:excluded|expelled)[ \t]+(?i:from))[ \t]+"
    r"(?P<s>[A-Z][a-z'’]+(?:[ \t]+[A-Z][a-z'’]+){0,2}|[A-Z]{3,6})(?![\w'’-])"
    r"(?P<year>[ \t]+(?i:in|after|at[ \t]+the[ \t]+end[ \t]+of|during|before)[ \t]+"
    r"(?i:year|yr|y)[ \t]?\d{1,2}\b)?")
_YEAR_IN = re.compile(r"\b(?:year|yr)[ \t]?\d{1,2}\b")
_LEFT_CONTEXT = _words(
    "school schooled homeschooled pru college academy teachers headteacher excluded expelled gcses")
# "hillcrest is a good school": a name that starts the answer or a sentence, said to be a school;
# or said to be one's own: "SJB is my school", "Oakmere was our old secondary", "hvhs is my
# college" (not "maths is my favourite school subject": the school word ends the phrase).
# The name may be a saint's or carry its kind in lower case ("st josephs rc is my school", "hollins
# high was my school"), and may follow a first clause word ("i think Oakleigh is the best school").
# Found from the saying, the quick way (a name before it is looked for only where one is said):
# a first clause word may come before the name ("i think Oakleigh is the best school", "and st
# marys was my primary").
_IS_A_SCHOOL_SAID = re.compile(
    r"[ \t]+(?i:is|was|=|'s|’s|r|are|were)[ \t]+"
    r"(?:(?i:a|an|the|such[ \t]+a)[ \t]+(?:[a-z]+[ \t]+){0,2}(?i:school|academy|college|primary|secondary)\b"
    r"|(?P<own>(?i:my|our|his|her|their|ur|your))[ \t]+"
    r"(?:(?i:old|new|current|last|first|primary|secondary|high|sixth"
    r"[ \t]+form)[ \t]+)?(?i:school|academy|college|primary|secondary|sixth[ \t]+form)\b)"
    r"(?![ \t]+(?i:subject|subjects|run|bus|uniform|trip|trips|day|days|work|friend|friends|mates|life|year"
    r"|years|holidays?|dinners?|lunch|bag|shoes|report|photo|council|play|nurse|counsellor|shirt|jumper|tie"
    r"|system|systems|crush|bully|bullies|age|kids|project|show|disco|prom)\b)")
# The name said to be a school, ending where the saying starts: at the start of the answer or a
# sentence, after a comma or a first clause word. It may be a saint's or carry its kind in lower
# case ("st josephs rc is my school", "hollins high was my school").
_NAME_BEFORE_SAID = re.compile(
    r"(?:^|(?<=[.!?\n,][ \t])|(?<=\b(?i:and|but|cos|tbh)[ \t])|(?<=\b(?i:bc)[ \t])|(?<=\b(?i:think)[ \t])"
    r"|(?<=\b(?i:reckon)[ \t]))"
    r"(?P<s>(?:(?i:st|saint|bishop)\.?[ \t]+)?[A-Za-z][a-z'’]{3,}"
    r"(?:[ \t]+(?:[A-Z][a-z'’]+|(?i:rc|ce|high|juniors|infants|primary|grammar|academy)\b))?"
    r"|[A-Z]{2,5}|[a-z]{2,5})\Z")


def _is_a_school(a: _Answer) -> Iterator[re.Match[str]]:
    """The name before each saying that it is a school."""
    for said in _IS_A_SCHOOL_SAID.finditer(a.text):
        name = _NAME_BEFORE_SAID.search(a.text, max(0, said.start() - 40), said.start())
        if name:
            yield name


# In lower case, only after being sent away from it and where the answer is about school: "mo got
# excluded from castle view ... now hes at the pru", "expelled from brookfield"; a word shaped like a
# school's name (one unknown word, or a word and a place ending: "castle view", "oak hill").
_SENT_FROM_SCHOOL = re.compile(
    r"\b(?:excluded|expelled)[ \t]+from[ \t]+|\b(?:kicked|chucked|thrown)[ \t]+out[ \t]+of[ \t]+")
_LOWER_SCHOOL_NAME = re.compile(r"(?P<s>[a-z][a-z'’]{2,}(?:[ \t]+[a-z]{3,})?)\b")


def _schools_sent_from(a: _Answer) -> Iterator[Redaction]:
    text = a.text
    for m in _SENT_FROM_SCHOOL.finditer(a.lower if len(a.lower) == len(text) else text):
        name = _LOWER_SCHOOL_NAME.match(text, m.end())
        if name is None:
            continue
        words = name.group("s").split()
        base = words[0].removesuffix("'s").rstrip("'’")
        if base in _STOP or base in _KEEP or base in _SCHOOL_GENERIC or base in _NAMES \
                or base in _SPELLING_KEYS \
                or base in _OTHER_PLACES or base in _GROUP_PLACES or _place_like(base):
            continue
        if len(words) == 2:
            ok = words[1].endswith(_SCHOOL_ENDINGS) and words[1] not in _STOP
        else:
            ok = not _is_common(base) and len(base) >= 5
        if ok:
            yield Redaction("school", name.start("s"), name.end("s"))


def _schools_left(a: _Answer) -> Iterator[Redaction]:
    text = a.text
    context = not a.words.isdisjoint(_LEFT_CONTEXT)
    for m in _LEFT_SCHOOL.finditer(text):
        if not (m.group("year") or context):
            continue
        name = m.group("s")
        base = _lower(name.split()[0])
        # a town is left by moving house, so a place-like name needs a school in the answer
        if _school_name_ok(name, strict=not context) and base not in _NAMES \
                and (context or not _place_like(base)):
            yield Redaction("school", m.start("s"), m.end("s"))


# A colon after "school" makes it a form's label when another label stands before it on the
# line: "name: ... school: ..." (not "Things I'd change at Kingsmead Academy:").
_FORM_LABEL_AFTER = re.compile(r"[ \t]*[:=]")

# Schools named by the scenes of school life around them, where no school word follows the name.
# A form line: "Name Layla Hassan / school Kingsway Girls / year 8", "school - Oakfield | year 9".
_FORM_SCHOOL = re.compile(
    r"(?:^|(?<=[/|\n]))[ \t]*(?i:school|skool|college|academy)[ \t]*[:=–-]?[ \t]+"
    rf"(?P<s>{_NAMED_AS})[ \t]*(?=[/|\n]|$)", re.MULTILINE)


def _may_hold_form_line(text: str) -> bool:
    """Whether a form line could start anywhere: it starts the answer, a line, or follows "/" or
    "|", so an answer of one line without them is looked at only from its start."""
    return "\n" in text or "/" in text or "|" in text \
        or text.lstrip(" \t")[:7].lower().startswith(("school", "skool", "college", "academy"))


# A school in apposition after "my school": "our school Holy Trinity C of E had a talk", "my old
# school Brookside".
# In lower case one word no list knows, before what it does or has: "our scool greenacres has a
# climbing wall", "my old school oakfield was better".
_MY_SCHOOL_WORDS = (r"\b(?:my|our|his|her|their|ur)[ \t]+(?:(?:old|new|primary|secondary)[ \t]+)?"
                    rf"{_SCHOOL_SPELT},?[ \t]+")
_MY_SCHOOL_NAMED = _Gated(re.compile(
    rf"(?i:{_MY_SCHOOL_WORDS})"
    rf"(?P<s>{_NAMED_AS}|(?P<low>[a-z][a-z'’]{{3,}})(?=[ \t]+(?:has|had|is|was|does|did|do|dont|doesnt|didnt"
    r"|are|were|gave|gives|got|gets|made|makes|let|lets|wont|won't|can|cant|never|always|used)\b))"),
    _MY_SCHOOL_WORDS)
# A school's own crowd, in an answer about school: "the St Aidan's lot always start fights",
# "the Greenhill kids", "the st marys lads"; and its own events, in any answer: "at the St Aidans
# disco", "the Kingsmead prom", "St Peters sports day", "on the st bedes trip". Where nothing
# else speaks of school, the name must be shaped like a school's: a saint's, a word a school
# ends in ("Oakvale", "Park View"), or one lower-case word no list knows ("the kingsmead lot").
_SCHOOL_OWN_EVENTS = (r"disco|discos|prom|fair|fayre|fete|trip|trips|residential|sports[ \t]+day"
                      r"|open[ \t]+evening|parents[ \t]+evening|talent[ \t]+show|nativity|leavers"
                      r"|panto|fun[ \t]+run|bake[ \t]+sale|summer[ \t]+fair|christmas[ \t]+fair")
# Its own rooms and staff too: "in Kingsbrook toilets", "the Millbrook teachers"; in lower case with
# its kind: "hollins high kids", "the oakfield academy lot".
_CROWD_WORD = (r"(?:lot|lads|kids|boys|girls|ones|students|pupils|crew|mob|toilets|canteen|corridors"
               rf"|teachers|staff|playground|{_SCHOOL_OWN_EVENTS})\b")
_SCHOOL_CROWD = _InRuns(re.compile(
    r"(?:\b(?i:the|them|those|vs|at|in)[ \t]+|(?:^|(?<=[.!?\n]))[ \t]*)"
    r"(?P<s>(?i:st\.?|saint)[ \t]+[A-Za-z'’]+|[A-Z][a-z'’]+(?:[ \t]+[A-Z][a-z'’]+)?"
    r"|[a-z][a-z'’]{3,}[ \t]+(?P<kind>high|academy|grammar|juniors|primary)|[a-z][a-z'’]{4,})"
    rf"[ \t]+(?P<w>(?i:{_CROWD_WORD}))",
    re.MULTILINE), rf"[ \t]{_CROWD_WORD}", "A-Za-z'. \t")  # a crowd's words: letters, "st.", spaces
# Moving from one school to another: "when i was at bramley fields i had loads of friends but
# now im at Meadowvale", "used to be at Oakfield, now i'm at Parkside".
_NAME_WORDS_LOOSE = r"[A-Za-z][A-Za-z'’-]+(?:[ \t]+[A-Za-z][A-Za-z'’-]+)?"
_WAS_AT_NOW_AT = re.compile(
    rf"\b(?i:was|used[ \t]+to[ \t]+be|went)[ \t]+(?i:at|to)[ \t]+(?P<a>{_NAME_WORDS_LOOSE})"
    r"[^.!?\n]{0,80}?\b(?i:now)[ \t]+(?:(?i:i'?m|i[ \t]+am|i’m)[ \t]+)?(?i:at)[ \t]+"
    rf"(?P<b>{_NAME_WORDS_LOOSE})")
# Taken there every day: "my mum drives me to fernside", "dad drops me at Oakfield".
_TAKE_ME_TO = _Scan(
    r"\b(?:drives?|drove|driving|takes?|took|taking|walks?|walked|walking|drops?|dropped|dropping)"
    r"[ \t]+(?:me|us|him|her|them)[ \t]+(?:off[ \t]+)?(?:to|at)(?=[ \t])")
# A school called "the <Name>", gone to in an answer about school: "i go to the Grange and the
# canteen food is too expensive".
_GO_TO_LEAD = r"\b(?:go|goes|going|attend|attends|started|start|moved|move)[ \t]+(?:to|at)[ \t]+"
_GO_TO_THE = _Gated(re.compile(
    rf"(?i:{_GO_TO_LEAD})(?P<s>(?i:the)[ \t]+[A-Z][a-z'’]+)\b(?![ \t]+[A-Z])"), _GO_TO_LEAD + r"the[ \t]")
# Where school life happens, before "at": "the sports hall at SJB", "bullying at Eastfields".
_SCENE_AT_LEAD = r"\b(?:bullying|bullies|fights?|sports[ \t]+hall|ppl|people|kids|everyone)[ \t]+at[ \t]+"
_SCENE_AT = _Gated(re.compile(
    rf"(?i:{_SCENE_AT_LEAD})(?P<s>(?i:(?:st\.?|saint|bishop)[ \t]+[a-z'’]+)|{_NAMED_AS})"), _SCENE_AT_LEAD)
# A school with the year or class one is in there: "im zara from hilltop in class 6p", "from St
# Peter and St Paul in year 7", "at Sutton Hill from year 3"; not after moving ("moved from
# Leeds in year 7"), and a place, name or word is kept.
_AT_NAME_IN_YEAR = re.compile(
    r"\b(?i:at|from)[ \t]+(?P<s>(?i:(?:st\.?|saint|bishop)[ \t]+[a-z'’]+"
    r"(?:[ \t]+(?i:and|&)[ \t]+(?i:st\.?|saint)[ \t]+[A-Za-z'’]+)?)"
    rf"|{_NAMED_AS}|[a-z][a-z'’]{{3,}})"
    r"[ \t]+(?i:in|from)[ \t]+(?i:year|yr|class|form|reception|nursery|y\d)\b")
_YEAR_WORDS_IN = _words("year yr class form reception nursery")
# A school called "the <Name>" where its teachers or year groups are in the same sentence: "i love
# it at the Priory the teachers r kind", "i dont feel safe at the grange bc of the year 9s".
_AT_THE_LEAD = r"\b(?:at|from)[ \t]+the[ \t]+"
_AT_THE_NAME = _Gated(re.compile(rf"(?i:{_AT_THE_LEAD})(?P<s>[A-Za-z][a-z'’]+)\b(?![ \t]+[A-Z])"),
                      _AT_THE_LEAD)
_THE_SCHOOL_HOUSES = _THE_HOUSE_WORDS | _words("priory")
_SCHOOL_SCENE_NEAR = re.compile(
    r"\b(?:teachers?|(?:year|yr|y)[ \t]?\d{1,2}s?|head(?:teacher)?|lessons?|detentions?|form[ \t]+tutor"
    r"|miss|sir|uniform|blazers?|canteen|playground|isolation|exclusion|gcses?|sats|homework|senco)\b")
_TAKE_WORDS = _words("drive drives drove driving take takes took taking walk walks walked walking drop "
                     "drops dropped dropping")
_SCENE_WORDS = _words("bullying bullies fight fights hall ppl people kids everyone")
_WAY_WORDS = _words("way walking walk walked")
# The way home from school: "on the way back from Westbrook", "walking home from Oakfield".
_WAY_HOME_FROM = re.compile(r"\b(?i:way|walking|walk|walked)[ \t]+(?i:back|home)[ \t]+(?i:from)(?=[ \t])")
_CROWD_WORDS = _words("lot lads kids boys girls ones students pupils crew mob disco discos prom fair "
                      "fayre fete trip trips residential sports evening show nativity leavers panto run sale "
                      "toilets canteen corridors teachers staff playground")
# Before an event word, the occasion or the place visited, not a school: "the Christmas disco",
# "the Halloween disco", "the Paris trip", "the Year 6 prom".
_EVENT_NOT_SCHOOL = _words("""
christmas xmas halloween easter valentines valentine summer winter spring autumn school schools
year residential leavers eid diwali bonfire charity family church youth scout scouts brownies cubs
guides cadets football netball rugby
""")


def _loose_school_name(name: str) -> str | None:
    """The words of a name found by a school scene, up to the first that is no name ("bramley
    fields i had" gives "bramley fields")."""
    words = name.split()
    if _lower(words[0]) in _STOP or _lower(words[0]) in _KIN or _is_common(_lower(words[0])) \
            or _lower(words[0]) in _NAMES or _lower(words[0]) in _KEEP:
        return None
    if len(words) > 1 and (_lower(words[1]) in _STOP or (words[1][0].islower() != words[0][0].islower())):
        words = words[:1]
    return " ".join(words)


# What a school has, after "my school" in lower case: not its name.
_SCHOOL_THINGS = _words("""
email emails motto login logins account website site app apps logo badge jumper jumpers blazer blazers
tie ties bus buses photo photos laptop laptops ipad ipads wifi portal canteen hall field nurse counsellor
""")


# A name that has what only a school has, at the start of a clause: "Heathlands has a better SEN
# unit", "i wish kingsway had more clubs", "Oakfield gives loads of detentions", "greenbank has no
# sixth form". Not a person ("Jake has detention": a listed name), a town or a word.
_HAS_SCHOOL_THING = re.compile(
    r"[ \t]+(?i:has|had|have|gives|gave|got|dont|doesnt|didnt)"
    r"[ \t]+(?:(?i:a|an|the|more|less|no|any|better|worse|best|worst|loads|lots|of|so|many|much|good|bad|nice"
    r"|great|new|proper|free|such|really|way|too|hardly|even|have|has|got|enough|decent)[ \t]+){0,4}"
    r"(?P<w>(?i:sen[ \t]+unit|send[ \t]+unit|clubs|after[ \t]*school[ \t]+clubs|teachers|detentions?"
    r"|uniform|canteen"
    r"|sixth[ \t]+form|sports[ \t]+hall|playground|lessons|exams|pupils|students|year[ \t]?\d{1,2}s|isolation"
    r"|exclusions|houses|form[ \t]+tutors|prefects|head[ \t]?teacher))\b")
# The name that has it, starting a clause: the quick way, looked for only before what it has.
_NAME_BEFORE_HAS = re.compile(
    r"(?:^|(?<=[.!?\n,][ \t])|(?<=\b(?i:and|but|cos|tbh)[ \t])|(?<=\b(?i:bc)[ \t])|(?<=\b(?i:wish)[ \t])"
    r"|(?<=\b(?i:think)[ \t]))"
    r"(?P<s>[A-Za-z][a-z'’]{3,}(?:[ \t]+[A-Z][a-z'’]+)?)\Z")
# What no town has, so a town-like name having it is a school too: "Thornfield has no sixth form".
_ONLY_SCHOOLS_HAVE = _words("sen send sixth detention detentions uniform isolation form prefects headteacher")
_HAVE_WORDS = _words("has had have gives gave got dont doesnt didnt")
_SCHOOL_THING_WORDS = _words("""
sen send clubs teachers detention detentions uniform canteen sixth sports playground lessons exams pupils
students isolation exclusions houses tutors prefects headteacher
""")


def _schools_having(a: _Answer) -> Iterator[Redaction]:
    for thing in _HAS_SCHOOL_THING.finditer(a.text):
        m = _NAME_BEFORE_HAS.search(a.text, max(0, thing.start() - 30), thing.start())
        if m is None:
            continue
        s = m.group("s")
        first = _lower(s.split()[0])
        only_schools = _lower(thing.group("w").split()[0]) in _ONLY_SCHOOLS_HAVE
        if first in _NAMES or first in _SURNAMES or first in _KEEP \
                or (_place_like(first) and not only_schools):
            continue
        if _school_name_ok(s, strict=True) or (only_schools and (_school_name_ok(s) or _said_town_ok(s))):
            yield Redaction("school", m.start("s"), m.end("s"))


def _schools_by_scene(a: _Answer) -> Iterator[Redaction]:
    text, words = a.text, a.words
    if not words.isdisjoint(_HAVE_WORDS) and not words.isdisjoint(_SCHOOL_THING_WORDS):
        yield from _schools_having(a)
    about_school = not words.isdisjoint(_SCHOOL_CONTEXT) or "year" in words
    if not words.isdisjoint(_SCHOOL_SPELLINGS) or "college" in words or "academy" in words:
        for m in _FORM_SCHOOL.finditer(text) if _may_hold_form_line(text) else ():
            if _school_name_ok(m.group("s")):
                yield Redaction("school", m.start("s"), _trim_name(text, m.start("s"), m.end("s")))
        for m in _MY_SCHOOL_NAMED.finditer(text):
            s = m.group("s")
            first = _lower(s.split()[0])
            # a town-like name straight after "my school" is the school's: "my old school Heathfield"
            if m.group("low") and (not _bare_school_ok(s) or first in _SCHOOL_THINGS):
                continue  # "my school email is ...", "our school motto is ..."
            if (first in _FAITH_STARTS or not _is_common(first)) and first not in _SCHOOL_CONTEXT \
                    and _school_name_ok(s, strict=not _place_like(first)):
                yield Redaction("school", m.start("s"), _trim_name(text, m.start("s"), m.end("s")))
    if not words.isdisjoint(_CROWD_WORDS):
        for m in _SCHOOL_CROWD.finditer(text):
            s = m.group("s")
            parts = [_lower(w) for w in s.split()]
            first = parts[0]
            if first in {"st", "st.", "saint"}:
                ok = parts[-1].rstrip("'’") not in _SAINT_TOWNS and parts[-1] not in _STOP and (
                    m.group("w").lower() not in {"fair", "fete", "fayre"} or about_school)
            elif first.endswith(_EVERYDAY_ENDINGS) or first in _EVENT_NOT_SCHOOL or first in _IDENTITY:
                ok = False  # "the Girlguiding trip", "the Christmas disco", "the Polish lads"
            elif m.group("kind"):  # "hollins high kids": a word no list knows, and its kind
                ok = not _is_common(first) and first not in _NAMES and first not in _KEEP \
                    and first not in _STOP
            elif s.islower():
                # in lower case a word shaped like a school's ("the kingsmead lot"), or a saint's
                # name without its "st" ("aidans lot"); not "the popular girls", "the scooter lads"
                ok = (first.endswith(_SCHOOL_ENDINGS) and len(first) >= 6 and _bare_school_ok(s)) or (
                    first.endswith("s") and first[:-1] in _NAMES and first[:-1] not in _WORDLIKE_NAMES
                    and m.group("w").lower() in {"lot", "lads", "mob", "crew"})
            elif not about_school:  # no school talk: a name shaped like a school's ("the Oakvale disco")
                ok = _bare_school_ok(s) and (first.endswith(_SCHOOL_ENDINGS) or parts[-1] in _SHAPED_LAST)
            else:
                ok = (_school_name_ok(s, strict=True) and first not in _SURNAMES and not _place_like(first))
            if ok:
                yield Redaction("school", m.start("s"), m.end("s"))
    if "now" in words and "at" in words:
        for m in _WAS_AT_NOW_AT.finditer(text):
            for g in ("a", "b"):
                name = _loose_school_name(m.group(g))
                if name:
                    yield Redaction("school", m.start(g), m.start(g) + len(name))
    if about_school and "the" in words and not words.isdisjoint(_GO_WORDS):
        for m in _GO_TO_THE.finditer(text):
            name = m.group("s").split()[-1]
            after = _WORD_AFTER.match(text, m.end("s"))
            if not (after and after.group(1).lower() in _PLACE_WORDS_AFTER) and \
                    _school_name_ok(name, strict=True) and not _place_like(_lower(name)) \
                    and _lower(name) not in _SURNAMES:
                yield Redaction("school", m.start("s"), m.end("s"))
    if not words.isdisjoint(_TAKE_WORDS):
        for m in _TAKE_ME_TO.finditer(a):
            found = _school_after(text, m.end())
            if found:
                yield found
    if "at" in words and not words.isdisjoint(_SCENE_WORDS):
        for m in _SCENE_AT.finditer(text):
            s = m.group("s")
            after = _WORD_AFTER.match(text, m.end("s"))
            if after and after.group(1).lower() in _OTHER_PLACES:
                continue
            parts = [_lower(w) for w in s.split()]
            if any(w in _OTHER_PLACES or w in _STREET_WORDS for w in parts[1:]):
                continue  # "the playground at Kingsmead Park"
            if parts[0] in {"st", "st.", "saint", "bishop"}:
                ok = parts[-1].endswith(("s", "'s", "’s")) or about_school
            elif about_school:  # "everyone at Cranford House ... the head": any name not a word
                ok = _school_name_ok(s, strict=True) and parts[0] not in _SURNAMES and (
                    len(parts) > 1 or not _place_like(parts[0]))
            else:  # "bullying at Eastfields", "the sports hall at SJB": a school's shape
                found = _school_after(text, m.start("s") - 1)
                if found:
                    yield found
                continue
            if ok:
                yield Redaction("school", m.start("s"), _trim_name(text, m.start("s"), m.end("s")))
    if ("at" in words or "from" in words) and not words.isdisjoint(_YEAR_WORDS_IN):
        yield from _schools_by_year_in(a)
    if about_school and "the" in words and ("at" in words or "from" in words):
        yield from _schools_called_the(a)
    if "from" in words and not words.isdisjoint(_WAY_WORDS):
        for m in _WAY_HOME_FROM.finditer(text):
            found = _school_after(text, m.end())
            if found:
                yield found


# A school named by one or a few words where children are "at" it, or someone is "from" it:
# "the teachers at hartwell", "Miss Nowak from Fairholme", "i get lost at Marshfield its so big
# compared to my primary", "a knife in his bag at Castlefield". Towns are lived "in", so "at" is
# the cue; what makes it a school is the answer being about school (its people, lessons, year
# groups, a titled teacher), or, with no such words, a capitalised name shaped like a school's
# ("-field", "-side", "-grove", "Vale", "Fields"). "from" needs a person before it, and not
# "moved from" or "came over from" (a home town), and the answer about school. Venues, parks,
# shops and brands are not schools ("at Alton Towers", "at Abbey Park", "at Tesco").
_SHAPED_CUE_WORDS = _words("at from outside")
_CHURCH_WORDS = _CHURCH_TIMES | _words("youth group parish vicar")
_SHAPED_WORD = r"(?:[A-Z][a-z'’]+|[A-Z]{2,5})"
_SHAPED_SCHOOL = re.compile(
    r"(?:(?<=\s)|^)(?P<cue>(?i:at|from|outside)|@)[ \t]+"
    rf"(?P<s>(?:St\.?|Saint|Bishop|Sir|Queen|King|Lady)[ \t]+{_SHAPED_WORD}(?:[ \t]+{_SHAPED_WORD}){{0,2}}"
    rf"|{_SHAPED_WORD}(?:[ \t]+{_SHAPED_WORD}){{0,2}}|[a-z][a-z'’]{{3,}}|[a-z]{{1,2}}[gh]s)\b")
_SHAPED_CUE = _Scan(r"(?:a(?<![^\s]a)t|f(?<![^\s]f)rom|o(?<![^\s]o)utside)(?=[ \t])|@")
_SHAPED_CONTEXT = _SCHOOL_CONTEXT | _words("""
staff bullied bullying bully primary secondary college juniors infants coach pe break lunch dinner
corridor corridors toilets gates year yr ta course courses btec btecs apprenticeship council
""")
_AT_WE = _Caseless(r"[ \t,]+(?:we|they|u|you|everyone|ppl|people|there|the[ \t]+(?:teachers|staff|kids))\b")
_BEING_AT = _Caseless(r"\b(?:was|were|im|i'm|i’m|am|been|is|are|r)[ \t]+$")
_EVERYDAY_ENDINGS = ("time", "ing", "ness", "ment", "tion", "stream", "run")
_SHAPED_YEAR = _Caseless(r"\b(?:year|yr|y)[ \t]?\d{1,2}\b")
_SHAPED_TITLED = _Caseless(r"\b(?:mr|mrs|ms|miss|sir|dr)\.?[ \t]+[A-Za-z'’-]+")
_SHAPED_LAST = _words("vale fields field hill grove green view rise croft dale brook wood park mead side")
_SHAPED_NOT_FIRST = _words("the a an my our your his her their this that home school college work uni church")
_COUNTRY_ENDINGS = ("stan", "land")
_VENUE_WORDS = _words("""
zoo towers manor modern museum gallery arena theatre cinema pool leisure beach island castle pier
lakes farm world palace surgery practice clinic pharmacy library gym
rangers rovers united athletic wanderers fc afc
""")  # the last line: football clubs ("i play for the u15s at Brookvale Rangers")
_PERSON_BEFORE_FROM = re.compile(
    r"(?:\b(?:[A-Z][a-z'’-]+|(?i:girls?|boys?|lads|kids|someone|some1|people|ppl|pupils|everyone|bloke|guy|man"
    r"|woman|mates|friends?|(?:year|yr)[ \t]?\d{1,2}s?)|\d{1,2})"
    r"|\b(?i:mr|mrs|ms|miss|sir|dr)\.?[ \t]+[A-Za-z'’-]+)[ \t]+$")
_CAME_FROM = _Caseless(
    r"\b(?:moved|came|come|fled|moving|down|over|originally|family|flew)\b[^.!?\n]{0,12}$")
# Where one lives or goes on holiday: "we went to the beach at Margate", "a caravan at Filey".
_LIVED_AT = _Caseless(
    r"\b(?:live[sd]?|living|stay(?:s|ed|ing)?|born|holidays?|trip|visit(?:ed|ing)?|shopping|beach|seaside"
    r"|caravan|camping|days?[ \t]+out|pier|arcades?)\b[^.!?\n]{0,25}$")


def _schools_by_shape(a: _Answer) -> Iterator[Redaction]:
    text = a.text
    context = not a.words.isdisjoint(_SHAPED_CONTEXT) or _SHAPED_YEAR.search(text) is not None \
        or _SHAPED_TITLED.search(text) is not None
    for c in _SHAPED_CUE.finditer(a):  # the cue words first, found the quick way
        m = _SHAPED_SCHOOL.match(text, c.start())
        if m is None:
            continue
        name, cue = m.group("s"), m.group("cue").lower()
        parts = name.split()
        first, last = _lower(parts[0]).removesuffix("'s"), _lower(parts[-1]).removesuffix("'s")
        if first in _SHAPED_NOT_FIRST or first in _STOP or first in _KIN or first in _TITLES_ALL \
                or first in _KEEP or first in _SPELLING_KEYS \
                or (len(parts) == 1 and first in _SCHOOL_GENERIC):  # "at secondary"
            continue
        if len(parts) == 1 and (_is_common(first) or first in _PUBLIC_SURNAMES
                                or (name.islower() and first in _NAMES)):
            continue
        # "at bmps we have a buddy bench": a school's initials (no vowel), then what is done there
        initials_we = cue == "at" and _initials(name) and not any(c in "aeiou" for c in first.lower()) \
            and _AT_WE.match(text, m.end("s")) is not None
        # "at kgs the sixth formers ...": initials shaped as a school's ("-gs", "-hs") in school talk
        initials_kind = context and _initials(name) and first.endswith(("gs", "hs")) \
            and not any(c in "aeiou" for c in first)
        if name.islower() and (len(parts) > 1 or not (
                _place_like(first) or first.endswith(_SCHOOL_ENDINGS)
                or initials_we or initials_kind
                or (context and cue == "at" and _BEING_AT.search(text, max(0, m.start() - 8), m.start())
                    and not first.endswith(_EVERYDAY_ENDINGS)))):
            # in lower case only one word shaped like a school's ("at merrowby", not "at playtime"),
            # or any unknown word someone is or was at, in an answer about school ("when i was at
            # whitcliffe i got bullied")
            continue
        if last in _VENUE_WORDS or last in _OTHER_PLACES or (
                last in _STREET_WORDS and not (len(parts) > 1 and last in _SHAPED_LAST)):
            continue  # "at Alton Towers", "at Kingsmead Park", "at Mill Lane"
        if cue == "from" and len(parts) == 1 and first in _NAMES:
            continue  # "changed my name to Zara from Zainab"
        if cue == "from" and len(parts) == 1 and first.endswith(_COUNTRY_ENDINGS):
            continue  # "my friends from Kurdistan": a country or a region, not a school
        if ("'" in name or "’" in name) and (first in _NAMES or not a.words.isdisjoint(_CHURCH_WORDS)):
            continue  # "at Claire's" (a shop), "church youth group at St Luke's"
        after = _WORD_AFTER.match(text, m.end("s"))
        if after and (after.group(1).lower() in _OTHER_PLACES or after.group(1).lower() in _STREET_WORDS
                      or after.group(1).lower() in _VENUE_WORDS):
            continue
        shaped = name[0].isupper() and not name.isupper() and (
            first.endswith(_SCHOOL_ENDINGS) or last in _SHAPED_LAST)
        if not context and not (cue in {"at", "outside"} and shaped) and not initials_we:
            continue
        before = text[: m.start()]
        if _LIVED_AT.search(before, max(0, m.start() - 40)):
            continue
        if cue == "from" and (_PERSON_BEFORE_FROM.search(before, max(0, m.start() - 40)) is None
                              or _CAME_FROM.search(before, max(0, m.start() - 30)) is not None):
            continue
        yield Redaction("school", m.start("s"), m.end("s"))


def _bare_school_ok(s: str) -> bool:
    """A school's name found by the scene around it: a saint, or a name that is no word, town,
    surname, listed name or other place; in lower case one word only."""
    parts = [_lower(w) for w in s.split()]
    if parts[0] in {"st", "st.", "saint", "bishop"}:
        return len(parts) > 1 and parts[1] not in _SAINT_TOWNS and parts[1] not in _STOP
    ok = (_school_name_ok(s, strict=True) and not _place_like(parts[0]) and parts[0] not in _SURNAMES
          and parts[-1] not in _OTHER_PLACES and parts[0] not in _MONTH_SHORT and parts[0] not in _SUBJECTS
          and parts[0] not in _IDENTITY)
    if ok and s.islower():  # "hilltop": words run together are a name too
        ok = len(parts) == 1 and parts[0] not in _SPELLING_KEYS and parts[0] not in _ANY_NAME
    return ok


def _schools_by_year_in(a: _Answer) -> Iterator[Redaction]:
    text = a.text
    for m in _AT_NAME_IN_YEAR.finditer(text):
        before = _WORD_BEFORE.search(text, max(0, m.start() - 20), m.start())
        if before and _lower(before.group(1)) in _MOVED_FROM:
            continue  # "we moved from Leeds in year 7": a town
        if _bare_school_ok(m.group("s")):
            yield Redaction("school", m.start("s"), _trim_name(text, m.start("s"), m.end("s")))


def _schools_called_the(a: _Answer) -> Iterator[Redaction]:
    text = a.text
    for m in _AT_THE_NAME.finditer(text):
        name = m.group("s")
        low = _lower(name)
        after = _WORD_AFTER.match(text, m.end("s"))
        if after and after.group(1).lower() in _PLACE_WORDS_AFTER:
            continue  # "at the Grange church"
        if name[0].isupper():
            ok = _school_name_ok(name, strict=True) and not _place_like(low) and low not in _SURNAMES \
                and low not in _OTHER_PLACES
        else:
            ok = low in _THE_SCHOOL_HOUSES  # "at the grange": lower case only a house's name
        if not ok:
            continue
        left = max(text.rfind(c, 0, m.start()) for c in ".!?\n") + 1
        stop = _SENTENCE_END.search(text, m.end())
        if _SCHOOL_SCENE_NEAR.search(a.lower, left, stop.start() if stop else len(text)):
            yield Redaction("school", m.start("s"), m.end("s"))


# Schools named after a knight or a dame, as many are: "in year 7 at Sir Walter Pryce", "i went
# to Sir John Leman" where the answer is about school (a year group, school words, going to one).
_KNIGHTED = _words("sir dame")
_KNIGHT_SCHOOL = re.compile(
    r"\b(?i:at|to|from)[ \t]+(?P<s>(?:Sir|Dame)[ \t]+[A-Z][a-z'’-]+(?:[ \t]+[A-Z][a-z'’-]+)?)\b")


# A school's initials given after its name: "Harrowgate Community College aka HCC", "Kingsway
# High (KHS)".
# "Ridgeway Grammar (everyone calls it rgs)": what it is called, in lower case too.
_AKA_INITIALS = re.compile(
    r"[ \t]*,?[ \t]*(?:\([ \t]*"
    r"(?:(?i:everyone|we|people|ppl|they|most[ \t]+people)[ \t]+(?i:calls?)[ \t]+(?i:it)[ \t]+)?"
    r"|(?:aka|a\.k\.a\.?|or|known[ \t]+as|called"
    r"|(?i:everyone|we|people|ppl|they)[ \t]+(?i:calls?)[ \t]+(?i:it))[ \t]+\(?)"
    r"(?P<s>[A-Z]{2,5}|[a-z]{3,5})\b")
# A school named by its church type with no school word: "Bishop Hardy C of E should let us stay",
# "St Hilda's CofE", "St Joseph's RC is strict"; "CE" and "RC" only after a saint's name.
_TYPE_ONLY_SCHOOL = re.compile(
    r"\b(?P<s>(?:[A-Z][a-z'’]+[ \t]+){1,3}(?:C[ \t]+of[ \t]+E|CofE)"
    r"|(?:St\.?|Saint|Bishop|Holy|Our[ \t]+Lady)[ \t]+[A-Z][a-z'’]+[ \t]+(?:C\.?E|R\.?C)\.?)(?![\w-])")
_TYPE_ONLY_WORDS = _words("cofe ce rc e")


def _detect_school(a: _Answer) -> Iterator[Redaction]:
    found = list(_school_spans(a))
    if not a.words.isdisjoint(_TYPE_ONLY_WORDS):
        for m in _TYPE_ONLY_SCHOOL.finditer(a.text):
            if _lower(m.group("s").split()[0]) not in _STOP:
                found.append(Redaction("school", m.start("s"), m.end("s")))
    for r in list(found):
        aka = _AKA_INITIALS.match(a.text, r.end)
        if aka and len(aka.group("s")) <= r.end - r.start \
                and (aka.group("s").isupper() or _initials(aka.group("s"))):
            found.append(Redaction("school", aka.start("s"), aka.end("s")))
    if not a.words.isdisjoint(_SAINT_WORDS):
        found.extend(_saints_in_school_talk(a))
    if found:
        found.extend(_schools_alongside(a, found))
    if "from" in a.words and "to" in a.words:
        found.extend(_schools_moved_from(a))
    yield from found
    if not a.words.isdisjoint(_KNIGHTED) and ("Sir " in a.text or "Dame " in a.text) and (
            not a.words.isdisjoint(_SCHOOL_CONTEXT) or not a.words.isdisjoint(_GO_WORDS)
            or _YEAR_IN.search(a.lower)):
        for m in _KNIGHT_SCHOOL.finditer(a.text):
            yield Redaction("school", m.start("s"), m.end("s"))


# Names listed or paired with a school found already are schools too: "moved from Parkside to
# Valley Road Primary", "Redcliffe, Oakwood Primary, St Peter's, Harbour Vale then Thornbury
# Academy", "the kids from Oakvale and St Aidan's", "Hollins High or KGV". The neighbour is a
# capitalised name (or initials, or a saint's), joined by a comma, "and", "&", "or", "then",
# "vs", or "from X to" the school; in lower case only in "from X to" ("from rawlins to Oakfield
# Academy"). Not a town, a word, a listed name, a shop or a street ("and Pizza Hut", "and London").
_SCHOOL_NEIGHBOUR = (r"(?:(?:St\.?|Saint|Bishop|Sir|Queen|King|Lady)[ \t]+[A-Z][a-z'’]+"
                     r"|[A-Z][a-z'’]+(?:[ \t]+[A-Z][a-z'’]+){0,2}|[A-Z]{2,5})")
_JOINED_BEFORE = re.compile(
    rf"(?:(?<=[\s(])|^)(?:(?P<from>(?i:from)[ \t]+)(?P<f>{_SCHOOL_NEIGHBOUR}|[a-z][a-z'’]{{3,}})[ \t]+(?i:to)"
    rf"|(?P<s>{_SCHOOL_NEIGHBOUR})[ \t]*(?:,|/|&|(?i:and|or|then|vs|n))(?:[ \t]+(?i:then|and|n))?)[ \t]+\Z")
_JOINED_AFTER = re.compile(
    r"[ \t]*(?:,|/|&|(?i:and|or|then|vs|n))(?:[ \t]+(?i:then|and|n))?[ \t]+"
    rf"(?P<s>{_SCHOOL_NEIGHBOUR})(?![\w'’-])")
_JOIN_WORDS = _words("and or then vs n")
_JOIN_NEXT = _Caseless(r"[ \t]*(?:[,/&]|(?:and|or|then|vs|n)\b)")


def _neighbour_school_ok(name: str) -> bool:
    parts = [_lower(w) for w in name.split()]
    if parts[-1] in _VENUE_WORDS or parts[-1] in _OTHER_PLACES or (
            parts[-1] in _STREET_WORDS and not (len(parts) > 1 and parts[-1] in _SHAPED_LAST)):
        return False  # "and Alton Towers", "and Mill Lane"
    if parts[0] in _SCHOOL_GENERIC or parts[0] in _MONTH_SHORT or parts[0] in _SUBJECTS:
        return False
    if len(parts) > 1 and any(_lower(w) in _KEEP or _lower(w) in _STOP for w in parts):
        return False  # "Pizza Hut", "New York"
    return _bare_school_ok(name) or (name.isupper() and _initials(name))


def _schools_alongside(a: _Answer, found: list[Redaction]) -> list[Redaction]:
    text = a.text
    if not (a.words & _JOIN_WORDS or "," in text or "&" in text or "/" in text or "from" in a.words):
        return []
    out: list[Redaction] = []
    seen = {(r.start, r.end) for r in found}
    todo = [r for r in found if r.kind == "school"]
    while todo:
        r = todo.pop()
        new = []
        m = _JOINED_BEFORE.search(text, max(0, r.start - 60), r.start)
        if m:
            g = "f" if m.group("f") else "s"
            name = m.group(g)
            if name.islower():
                ok = _bare_school_ok(name) and not _place_like(_lower(name))
            else:
                ok = _neighbour_school_ok(name)
            if ok:
                new.append(Redaction("school", m.start(g), m.end(g)))
        m = _JOINED_AFTER.match(text, r.end)
        if m and text[r.end : m.start("s")].strip() == "," and not _JOIN_NEXT.match(text, m.end("s")):
            m = None  # "The Grange Academy, Coalville needs ...": a town after its school
        if m and _neighbour_school_ok(m.group("s")):
            new.append(Redaction("school", m.start("s"), m.end("s")))
        for n in new:
            if (n.start, n.end) not in seen:
                seen.add((n.start, n.end))
                out.append(n)
                todo.append(n)
    return out


# Moving from a school to another, named or not, names the first: "i got moved from hba to the
# pru", "went from Oakfield to a special school", "changed from st marys to college"; not "moved
# from Ealing to a new school", where the first is the home left.
_MOVED_FROM_TO = _Caseless(
    r"\b(?:moved|move|moving|changed|change|transferred|switched|sent|went|go|going)[ \t]+"
    r"(?:(?:me|him|her|us|them|schools?)[ \t]+)?(?i:from)[ \t]+"
    rf"(?P<s>(?:(?i:st\.?|saint|bishop)[ \t]+[A-Za-z'’]+)|{_SCHOOL_NEIGHBOUR}|[a-z][a-z'’]{{2,}})"
    r"[ \t]+(?i:to)[ \t]+"
    r"(?:(?:the|a|an|my)[ \t]+)?(?:special[ \t]+)?"
    r"(?i:pru|school|college|academy|sixth[ \t]+form|secondary|high[ \t]+school|ap"
    r"|alternative[ \t]+provision)\b"
    r"(?![ \t]+(?:in|near|by|closer)\b)")


def _schools_moved_from(a: _Answer) -> Iterator[Redaction]:
    for m in _MOVED_FROM_TO.finditer(a.text):
        name = m.group("s")
        parts = name.split()
        if _lower(parts[0]) in {"st", "st.", "saint", "bishop"}:
            ok = _lower(parts[-1]) not in _SAINT_TOWNS and _lower(parts[-1]) not in _STOP
        elif name.islower() and _initials(name):
            ok = True  # "from hba to the pru"
        elif name.islower():
            ok = _bare_school_ok(name) and not _place_like(_lower(name))
        else:
            ok = _neighbour_school_ok(name) and not (len(parts) == 1 and _place_like(_lower(name)))
        if ok:
            yield Redaction("school", m.start("s"), m.end("s"))


# A saint's school in school talk, wherever it stands: "i dont like st peters its to strict",
# "bishop lacey is well strict on uniform"; a saint's name as schools have it ("St Peters",
# "st marys"), or "Bishop" and a name; not "St Ives", "St James Park", "st pauls cathedral".
# Not the second half of a town's name: "bury st edmunds", "stoke st gregory".
_SAINT_SCHOOL = _Caseless(
    r"(?<!\bbury[ \t])(?<!\bstoke[ \t])"
    r"\b(?P<s>(?:st\.?|saint)[ \t]+[a-z]{3,}(?:['’]s|s)|bishop[ \t]+[a-z][a-z'’-]{2,})\b")
# School life in any words: "I like st marys but I dont like the toilets", "st bedes dinners".
_SAINT_TALK = _SHAPED_CONTEXT | _words("strict teachers dinners bullied bullyed bullys takeover rivals rival")
_NOT_SAINT_SCHOOL_AFTER = _PLACE_WORDS_AFTER | _words("day eve")  # "on st georges day"


def _saints_in_school_talk(a: _Answer) -> Iterator[Redaction]:
    if a.words.isdisjoint(_SAINT_TALK) or len(a.lower) != len(a.text):
        return
    for m in _SAINT_SCHOOL.finditer(a.text):
        name = _lower(m.group("s").split()[-1])
        base = name.removesuffix("'s").removesuffix("’s")
        after = _WORD_AFTER.match(a.text, m.end())
        if after and after.group(1).lower() in _NOT_SAINT_SCHOOL_AFTER:
            continue  # "st pauls cathedral", "St Marys Road"
        if name.rstrip("'’") in _SAINT_TOWNS or base in _STOP or (
                m.group("s")[:1] in "bB" and (_is_common(base) or base in _KEEP)):
            continue  # "St Ives", "the bishop said"
        yield Redaction("school", m.start("s"), m.end("s"))


_IS_A_SCHOOL_WORDS = _words("school college academy primary secondary form")


def _said_town_ok(name: str) -> bool:
    """One lower-case word shaped like a town, said outright to be a school: "oakleigh is the best
    school" (the town check of ``_school_name_ok`` is for names found by weaker cues)."""
    return name.islower() and " " not in name and _place_like(name) and _school_name_ok(name.capitalize())


def _school_spans(a: _Answer) -> Iterator[Redaction]:
    if not a.words.isdisjoint(_LEAVE_WORDS):
        yield from _schools_left(a)
        if not a.words.isdisjoint(_LEFT_CONTEXT - {"excluded", "expelled"}) or _YEAR_IN.search(a.lower):
            yield from _schools_sent_from(a)
    if not a.words.isdisjoint(_IS_A_SCHOOL_WORDS):
        for m in _is_a_school(a):
            name = m.group("s")
            short = len(name) < 4 or name.isupper()
            if short and len(name) <= 5 and " " not in name and not _initials(name):
                continue  # "sjb is the worst school", "KGS is a good school": initials only
            first = _lower(name.split()[0])
            # "Brookfield is my school": one's own, so a town-like name too; never a kept place
            # "oakleigh is the best school": a name said to be a school is one, though a town shares it
            if first not in _KEEP and first not in _ANY_NAME \
                    and (_school_name_ok(name) or _said_town_ok(name)) \
                    or _school_name_ok(name, strict=True) and not _place_like(first):
                yield Redaction("school", m.start("s"), m.end("s"))
    yield from _schools_in_context(a)
    yield from _schools_said(a)
    yield from _schools_by_scene(a)
    if not a.words.isdisjoint(_SHAPED_CUE_WORDS) or "@" in a.text:
        yield from _schools_by_shape(a)
    if ("at" in a.words or "from" in a.words) and (
            not a.words.isdisjoint(_SCHOOL_PEOPLE) or not a.words.isdisjoint(_SCHOOL_FROM_PEOPLE)
            or a.digit):
        yield from _schools_after_people(a)
    if not a.words.isdisjoint(_GO_WORDS) or not a.words.isdisjoint(_SAINT_WORDS):
        yield from _schools_gone_to(a)
    if a.words.isdisjoint(_SCHOOL_HINTS) and "Middle" not in a.text:  # "in the middle" is everywhere
        if "uni" in a.words and "of" in a.words:
            yield from _providers(a)  # "i'm at uni of wessex"
        return
    text = a.text
    done = 0
    for m in _SCHOOL_CORE.finditer(a):
        if m.start() < done:
            continue  # the "School" of "Primary School", already taken
        core = a.lower[m.start() : m.end()]
        end = m.end()
        if _FORM_LABEL_AFTER.match(text, end) and ":" in text[text.rfind("\n", 0, m.start()) + 1 : m.start()]:
            continue  # "name: Amaya Okonkwo school: St Bedes": a form's label, not a school's tail
        bare = False  # "Riverside High" where the sentence goes on: a school only after "at" or "to"
        if core in _TAIL_OPTIONAL:
            tail = _SCHOOL_TAIL.match(text, end)
            if tail:
                end = tail.end()
            elif _STREET_AFTER.match(text, end):
                continue  # "the High Street"
            else:
                bare = core != "primary" and not _BARE_SCHOOL_END.match(text, end)
        done = end
        start = _school_name_start(text[max(0, m.start() - 80) : m.start()], m.start())
        if start is None and core in _NAMED_BY_WORD_CORES:
            start = _school_word_gone_to(a, m.start())
        if bare and start is not None and text[m.start()].isupper() and text[start].isupper():
            bare = False  # "Northgate High sent me no work": a capitalised name and "High" together
        if start is not None and _schools_of_a_country(text, start, m.start(), core):
            continue  # "in Romania school finish at 12": school as it is in a country
        if start is not None and (not bare or _AT_OR_TO.search(text, max(0, start - 6), start)):
            yield Redaction("school", start, end)  # "in year 8 at brookvale high its rubbish"
    if not a.words.isdisjoint(_PROVIDER_HINTS):
        yield from _providers(a)


_IN_PLACE_BEFORE = _Caseless(r"\b(?:in|from|back[ \t]+home)[ \t]+$")


def _schools_of_a_country(text: str, start: int, core_start: int, core: str) -> bool:
    """A kept place (a country, a city) alone before a lower-case "school" after "in": schools as
    they are there ("in Romania school finish at 12", "in Poland school starts at 7")."""
    name = text[start:core_start].strip()
    return (core in {"school", "schools"} and text[core_start].islower() and " " not in name
            and _lower(name) in _KEEP
            and _IN_PLACE_BEFORE.search(text, max(0, start - 12), start) is not None)


# Universities and training providers, capitalised: "Mercia Metropolitan University", "Soar
# Valley Training Hub", "Brambles Learning Centre", "University of East Mercia". Their names
# must hold a proper word, so "Adult Learning Centre" and "Mental Health Training" are kept.
_PROVIDER_CORE = re.compile(
    r"\b(?:University|(?:Training|Skills|Learning|Education)\s+(?:Centre|Center|Hub|Partnership)|Training)\b")
_UNIVERSITY_OF = re.compile(
    r"\bUniversity\s+of\s+(?:the\s+)?[A-Z][A-Za-z'’-]*(?:[ \t]+[A-Z][A-Za-z'’-]*){0,2}")
# A bare "Training" names a provider only after "with", "at" or "through": "plumbing with
# Midshires Construction Training", not "I did Forklift Training".
_PROVIDER_LEAD = _Caseless(r"\b(?:with|at|through|via|from)[ \t]+$")
_PROVIDER_HINTS = _words("university uni training skills learning education")


# The same in lower case, or shortened to "uni": "i'm at uni of wessex", "university of east
# mercia"; up to two words that are not everyday words ("the uni of life" is kept), a compass
# word first allowed.
_UNI_OF = _Caseless(r"\b(?:uni|university)[ \t]+of[ \t]+(?P<s>[a-z][a-z'’-]+(?:[ \t]+[a-z][a-z'’-]+)?)")


def _uni_of_name(name: str) -> int:
    """How many characters of ``name`` (after "uni of") are the university's own name."""
    end = 0
    for w in re.finditer(r"\S+", name):
        low = w.group().lower()
        if low in _STOP or (_is_common(low) and not (low in _PLACE_PREFIXES and w.start() == 0)):
            break
        end = w.end()
    return end if end and name[:end].lower() not in _PLACE_PREFIXES else 0


def _providers(a: _Answer) -> Iterator[Redaction]:
    text = a.text
    for m in _UNIVERSITY_OF.finditer(text):
        yield Redaction("school", m.start(), m.end())
    if "of" in a.words:
        for m in _UNI_OF.finditer(text):
            end = _uni_of_name(m.group("s"))
            if end:
                yield Redaction("school", m.start(), m.start("s") + end)
    for m in _PROVIDER_CORE.finditer(text):
        start = _school_name_start(text[max(0, m.start() - 80) : m.start()], m.start())
        if start is None:
            continue
        name = _WORD.findall(a.lower, start, m.start())
        if not any(w not in _SCHOOL_GENERIC and not _is_common(w) for w in name):
            continue
        if m.group() == "Training" and not _PROVIDER_LEAD.search(text, max(0, start - 12), start):
            continue
        yield Redaction("school", start, m.end())


def _schools_key(known_schools: Iterable[str]) -> tuple[str, ...]:
    # A tuple, so the compiled pattern is cached across calls with the same schools (a caller
    # passing the same tuple every time pays only for hashing it).
    return known_schools if isinstance(known_schools, tuple) else tuple(known_schools)


_SCHOOL_TYPE_WORDS = re.compile(
    r"\b(?:c\.?\s?of\s?e|ce|rc|catholic|church\s+of\s+england|methodist|community|primary"
    r"|junior|infant|infants|juniors|high|grammar|academy|school|college|sixth\s+form|the"
    r"|secondary|nursery|federation|trust|and)\b\.?",
    re.IGNORECASE,
)


def _flexible(name: str) -> str:
    # Children drop apostrophes and dots and vary spacing: "St. Mary's" ~ "st marys".
    words = []
    for word in name.split():
        words.append("".join("['’.]?" if ch in "'’." else re.escape(ch) for ch in word))
    return r"\s+".join(words)


@lru_cache(maxsize=64)
def _known_schools_pattern(names: tuple[str, ...]) -> tuple[re.Pattern[str], frozenset[str]] | None:
    """One pattern for all the schools, and the words any match must start with."""
    if not names:
        return None
    forms: set[str] = set()
    for name in {n.strip() for n in names if n and n.strip()}:
        forms.add(name)
        core = " ".join(_SCHOOL_TYPE_WORDS.sub(" ", name).split())
        # The core alone ("Oakwood") only when it cannot be an ordinary word or a town.
        low = core.lower()
        if core and core != name and low not in _KEEP and not (" " not in low and _is_common(low)):
            forms.add(core)
    forms = {f for f in forms if _WORD.search(f.lower())}
    if not forms:
        return None
    first_words = frozenset(_WORD.findall(f.lower())[0] for f in forms)
    ordered = sorted((_flexible(f) for f in forms), key=len, reverse=True)
    pattern = re.compile(r"(?<!\w)(?:" + "|".join(ordered) + r")(?!\w)", re.IGNORECASE)
    return pattern, first_words


# --- name ----------------------------------------------------------------------------------

# One pass over the words: each word is looked up in small sets, and only the few that open a
# name slot ("Mr", "my friend", "my name is", "call me") or are listed names cost more.
# Not inside handles, links or placeholders ("[name]"), so anonymising twice changes nothing.
# Not the start of a handle either ("tyler.j09", "jake_2011").
_NAME_TOKEN = re.compile(  # run over ASCII text only (see _NAME_TOKEN_WIDE), so with ASCII's tables
    r"(?<![\w@#/.\[])(?>[A-Za-z][A-Za-z'’]*(?:-[A-Za-z][A-Za-z'’]*)*)(?![._]?[A-Za-z]*[_\d]|[._][A-Za-z.]*\d)",
    re.ASCII,
)
# The same with accented letters, for text that lower-casing could not fold letter for letter.
_NAME_TOKEN_WIDE = re.compile(
    r"(?<![\w@#/.\[])(?>[A-Za-zÀ-ÖØ-öø-ɏḀ-ỿ][A-Za-zÀ-ÖØ-öø-ɏḀ-ỿ'’]*(?:-[A-Za-zÀ-ÖØ-öø-ɏḀ-ỿ][A-Za-zÀ-ÖØ-öø-ɏḀ-ỿ'’]*)*)"
    r"(?![._]?[A-Za-z]*[_\d]|[._][A-Za-z.]*\d)"
)

_TITLES_ALL = _TITLES | _ROLE_TITLES
_KIN_WORDS = (
    "nan nana nanna nanny gran granny grandma grandmother grandad granddad grandpa grandfather "
    "auntie aunty aunt uncle friend friends mate mates bestie bestfriend bff bf gf boyfriend "
    "girlfriend brother brothers bro sister sisters sis cousin cousins stepdad stepmum stepmom "
    "stepbrother stepsister step-dad step-mum mum mam mom mother dad father son daughter "
    "neighbour neighbor partner classmate teacher tutor worker keyworker counsellor mentor "
    "carer nurse doctor officer frend frends freind freinds fren bezzie bezzy pa coach childminder "
    "babysitter therapist youthworker senco advocate psychologist buddy niece nephew "
    # short forms care-experienced young people use like relation words: "my sw mark" (social
    # worker), "my iro" (reviewing officer), "kw"/"yw" (key/youth worker), "fc" (foster carer),
    # "fp" (foster parent), "rsw" (residential support worker); "our council rep is jack"
    "sw iro kw yw fc fp rsw rep"
)
_KIN = _words(_KIN_WORDS)
_PLURAL_KIN = frozenset(w for w in _KIN if w.endswith("s") and w[:-1] in _KIN)
# Relation words misspelt after "my", "her" ("my big bruther jack", "her boyfrend dean"): a
# misspelling spellings.json knows, or one letter off a relation word of four letters or more
# with the same first letter (children misspell the middle of a word, rarely its start), when
# the word is no everyday word or name. Read as the relation word, it opens the kin slot.
_KIN_SPELLINGS = {k: v for k, v in _SPELLINGS.items() if v in _KIN}
_KIN_BY_INITIAL = _by_initial(_KIN, 4)
# Words between "my" and a relation word: "my big bruther", "my older sistr".
_KIN_ADJECTIVES = _words("big little lil older oldest younger youngest old baby best twin half other new ex")
_LONG_KIN_ADJECTIVES = _by_initial(_KIN_ADJECTIVES, 5)
_KIN_OWNERS = _words("my her his our their")


@lru_cache(maxsize=1 << 14)  # the words after "my" recur; bounded
def _kin_typo(low: str) -> str | None:
    """The relation word ``low`` misspells, if it is one: "bruther", "boyfrend", "cuzin"."""
    if len(low) < 4 or low in _KIN or low in _SLOT_WORDS:
        return None
    fixed = _KIN_SPELLINGS.get(low)
    if fixed is not None:
        return fixed
    kin = _slip_of(low, _KIN_BY_INITIAL, 1)
    if kin is None or low == kin + "s" or not low.isalpha() or low in _ANY_NAME or low in _SPELLING_KEYS \
            or _is_common(low):  # not "neighbours", a plural
        return None
    return kin


@lru_cache(maxsize=1 << 14)  # asked of the same words again and again; bounded
def _kin_adjective(low: str) -> bool:
    """A word between "my" and a relation word, or a slip for one: "little", "littel", "oldur"."""
    if low in _KIN_ADJECTIVES:
        return True
    limit = 1 if len(low) < 6 else 2  # two letters may slip in a longer word, but its length by one
    return len(low) >= 5 and low.isalpha() and any(abs(len(a) - len(low)) <= 1 and _one_slip(a, low, limit)
                                                    for a in _LONG_KIN_ADJECTIVES.get(low[0], ()))


def _fix_kin_typos(lows: list[str]) -> bool:
    """Read misspelt relation words after "my", "her" as the words they misspell, in place;
    whether any was."""
    changed = False
    for k in [k for k, low in enumerate(lows[:-1]) if low in _KIN_OWNERS]:
        if lows[k + 1] not in _KIN:  # "my mum": no typo to look for
            j = k + 2 if _kin_adjective(lows[k + 1]) and k + 2 < len(lows) else k + 1
            fixed = _kin_typo(lows[j])
            if fixed is not None:
                lows[j], changed = fixed, True
    return changed


# After a singular relation word a lower-case name is a name ("uncle bob", "nana sue") unless it
# reads as a verb in the past tense: "my uncle drew a map", "my mum rose early".
_PAST_TENSE_NAMES = frozenset({"drew", "rose"})
# "a boy called Kian", "my friend is called Reece": "called" alone also names villages and shops.
_PEOPLE = (
    _words("boy girl man woman lady guy kid child person someone somebody he's she's hes shes he she"
           " stranger lad bloke") | _KIN
)
_TEXT_SPEAK_LETTERS = frozenset("aiurnyc")
# Words after which a person is usually named: "told Ellie", "a message from Jess", "sat with Kai".
_TELL_WORDS = _words("""
told tell tells telling asked ask asks texted text texting messaged message messaging dm'd dmd
snapped rang phoned blocked unfollowed dating dated kissed hugged punched kicked slapped
pushed bullies bullied annoys
""")
# "talk to River", "spoke to Mrs ...": the next word is a person (only a name is taken there).
_TALK_WORDS = _words("""
talk talks talked talking speak speaks spoke speaking chat chats chatted chatting listen listens
listened
""")
_ASK_WORDS = _words("ask asking asked")
# Where a person sits or stands beside another: "sat next to Kemi" (not "next to Tesco": after these).
_SIT_WORDS = _words("sit sits sat sitting stand stands stood standing seated")
_TO_FOR = frozenset({"to", "for"})
# Doing things with a person: after these "with" takes a name that is also a word ("play with holly").
_SOCIAL_VERBS = _words("""
play plays played playing sit sits sat sitting hang hangs hung hanging walk walks walked walking
chill chills chilled chilling fell fall argue argued arguing fight fought fighting friends talk
talked talking chat chatted chatting
""")
# A particle between a verb and "with": "fell out with", "hang around with", "went out with".
_WITH_PARTICLES = _words("out around round about")
_OUT_WITH_VERBS = _SOCIAL_VERBS | _words("went go goes going gone been mess messing messed falling fallen")
# Names that are also words but read as a person's name straight after "told", "play with" or "talk
# to" ("i told river", "sat with ivy"), unlike "told lies", "filled with joy" or "with sky tv".
_OBJECT_NAMES = _words("""
grace rose faith holly ivy river jack bill mark pat sue rob bob drew jay eve ruby amber jade poppy
daisy lily violet hazel willow jasmine olive heather will dean ray max nick mason frank robin
""")
# Weaker: "with Jess", "I like Kai", but also "with Art", "I love Summer": no word-like names.
_WITH_WORDS = _words("""
from with without beside behind like likes liked fancy fancies hit hits hate hates love loves
misses invited met meet meeting sat sits sitting
""")
_PERSON_NOUNS = _words("girl boy lad kid woman man guy bloke")
# Words before "from" that make the next word a place: "she is from", "we came from", "people from".
_FROM_PLACE_BEFORE = _words("""
is am are was were im i'm come comes came coming moved move moving originally born people family
families kids lads girls boys students everyone train trains bus buses coach taxi tram drive flight
""")
# Jobs people are known by: "Rose the school nurse", "the lollipop man Bill", "caretaker Steve".
_ROLE_NOUNS = _words("""
nurse caretaker cleaner teacher receptionist librarian cook chef driver lollipop dinner lady man woman
coach worker counsellor mentor officer pcso vicar priest imam postman postie keyworker ta assistant
warden manager boss lifeguard instructor supervisor staff carer
""") | _words("""
leader lead walker adviser advisor trainer coordinator landlord landlady colleague housemate flatmate
roommate barber hairdresser paramedic midwife physio practitioner sendco
""")  # "my room leader Joy", "Sky the shift lead", "my dog walker Pat", "my personal adviser Faith"
# Who gives a nickname: "everyone calls me Tiny".
_EVERYONE = _words("everyone everybody all")
# Whose a person is: "my youth worker is Sky", "our counsellor at school is called Faith".
_OWNERS = _words("my our his her their")
# Jobs owned like relations, straight before a name: "my boss will", "my supervisor grace", "our
# head chef tone"; not "my dinner lady", "our lollipop man" (the words before a job) or "my man".
_OWNED_ROLES = _ROLE_NOUNS - _words("lady man woman staff dinner lollipop lead")
_ROLE_LEADS = _words("head shift line area store deputy assistant youth support key personal")
# Talk about a person behind their back: "posting about Destiny", "rumours about Grace".
_GOSSIP_WORDS = _words("""
posting posted posts post saying said says rumours rumors rumour rumor lies lying spreading spread
gossip gossiping gossips stuff things comments commenting joking jokes
""")
# Words that open a name slot, so the pass can skip every other word cheaply.
_SLOT_WORDS = (
    _TITLES_ALL
    | _KIN
    | _TELL_WORDS
    | _WITH_WORDS
    | _PERSON_NOUNS
    | _words("is name names name's called named as nicknamed aka me him her and & n im i'm am about")
    | _TALK_WORDS
    | _ASK_WORDS
    | _ROLE_NOUNS
    | _SIT_WORDS
)
# Capitalised words that open a place name: "Great Glen", "North Hykeham", "Market Deeping".
_PLACE_PREFIXES = _words("great north south east west upper lower nether market long kings bishops")
_PLACE_BEFORE = _words("in near to from around outside at")
# Rivers and lakes: "the river Wensum".
_WATER_WORDS = _words("river lake loch canal")
# Sites with channels: "my youtube chanel", "his twitch chanel".
_CHANNEL_OWNERS = _words("youtube yt twitch tiktok")
_DETERMINERS = _words("a an the some any every each another")
# Endings of English place names: "from Spilsby", "with Wainfleet" are places, not people.
_PLACE_ENDINGS = (
    "by", "ton", "ham", "ford", "thorpe", "borough", "burgh", "wick", "worth", "caster", "bridge",
    "holme", "toft", "stow", "well", "field", "mouth", "port", "ness", "bury", "minster", "sea",
    "dale", "ley", "ington", "ings", "beck", "wold", "wolds", "fleet", "leigh", "sby", "ey", "den",
    "haven", "hampton", "combe", "cester", "chester", "wich", "pool",
)  # fmt: skip


def _place_like(low: str) -> bool:
    if low in _NAMES:
        return False
    return low in _KEEP or (len(low) > 4 and low.endswith(_PLACE_ENDINGS))


def _token_base(token: str) -> tuple[str, int]:
    """The token without a possessive 's, and its length."""
    if len(token) > 2 and token[-2] in "'’" and token[-1] in "sS":
        return token[:-2], len(token) - 2
    stripped = token.rstrip("'’")
    return stripped, len(stripped)


def _lower(word: str) -> str:
    low = word.lower().replace("’", "'")
    return low if low.isascii() else low.translate(_FOLD)


def _capitalised_name_ok(low: str) -> bool:
    """A capitalised word in a name slot that is a name, or not an ordinary word, place or brand."""
    if low in _ANY_NAME or low in _SURNAMES:
        return True
    if low in _STOP or low in _KEEP or low in _TITLES_ALL or low in _KIN:
        return False
    if "-" in low:
        return all(_capitalised_name_ok(p) for p in low.split("-") if p)
    return not _is_common(low)


_SURNAME_TITLES = _words("mr mrs mx")
_NOT_SURNAMES = _words("nice right wrong big men man whippy tumble bean blobby motivator freeze beast")


def _slot_accepts(word: str, slot: str, trigger: str) -> bool:
    """Whether ``word`` (possessive removed) fills a name slot of the given strength."""
    low = _lower(word)
    if len(word) == 1:
        # An initial after a title: "miss h", "Mr B." - but not "a", "I" or text-speak "u".
        if word.isupper():  # "Miss R", "Mr P"; not "Miss I" or "Mr A"
            return slot.startswith(("title", "role")) and word not in "AI"
        return slot.startswith(("title", "role")) and low not in _TEXT_SPEAK_LETTERS  # "miss h", "PCSO j"
    if slot.startswith(("title", "role")) and low in _OFFICE_WORDS:
        return False  # "Dear Mr Mayor", "Dear Chief Constable": an office, not a name
    if slot == "role":  # "PC Harris", "DS Whitmore"; not "PC World"
        return _capitalised_name_ok(low)
    if slot == "title.":
        slot = "weak" if word[0].isupper() else "title"
    if word.isupper() and slot == "strong":
        slot = "weak"  # shouting: "MY NAME IS SECRET" says nothing about capitals
    if slot == "from":
        if low in _WORDLIKE_NAMES:
            # capitalised mid-sentence, a word-name mostly a person's: "at the garage with Bill",
            # "apart from Grace", "i fancy Mark"; not "with Summer coming", "from Hope"
            return word[0].isupper() and not word.isupper() and low in _OBJECT_NAMES
        slot = "with"
    if slot in {"with", "meand"} and word[0].isupper() and not word.isupper():
        # "told Kenzie", "from Jess", "me and Tom"; not "from Spilsby", "with Kooth", "told Mum".
        return _capitalised_name_ok(low) and not _place_like(low)
    if slot == "kin" and low in _WORD_VIRTUE_NAMES:  # "aunty precious", "my nan Joy"; not "my mates comfort"
        if word[0].islower() and low in _VIRTUE_VERBS and trigger not in _TITLE_KIN:
            return False  # "my mum comfort me when im sad"; but "aunty comfort", "my uncle Favour"
        return trigger in _KIN and trigger not in _PLURAL_KIN
    if word[0].isupper():
        if slot in {"title", "strong"}:  # "Mr Green", "my name is Precious": surely a name
            return low in _ANY_NAME or not (low in _STOP or low in _TITLES_ALL or low in _KIN or low in _KEEP)
        return _capitalised_name_ok(low)
    if slot == "title":  # "mr patel", "miss green"; not "miss school", "sir said"
        return low not in _STOP and (low in _ANY_NAME or low in _SURNAMES or not _is_common(low) or (
            # after "mr" or "mrs", which are never verbs, an everyday word is a surname too:
            # "mr lamb is the best teacher", "mrs fox"; not "mr nice guy"
            trigger in _SURNAME_TITLES and len(low) >= 3 and low.isalpha() and low not in _KEEP
            and low not in _NOT_SURNAMES))
    if slot == "strong":  # "my name is jake", "im called zofia"; not "im called names"
        return low in _ANY_NAME or not (low in _STOP or low in _KEEP or _is_common(low))
    if slot == "with":  # "told liv", "from jess": a name, never a word; "told river", "sat with ivy"
        return ((low in _ANY_NAME or _is_nickname(low)) and low not in _STOP and not _is_common(low)) or (
            low in _OBJECT_NAMES and trigger != "from")
    if slot == "meand":  # "me and soph", "me n tolu": a name, or a word that is no ordinary word
        return low not in _STOP and not _is_common(low) and low not in _KEEP and low not in _SPELLING_KEYS \
            and (low in _ANY_NAME or (low.isalpha() and len(low) >= 3 and not low.endswith(("s", "ed", "ing"))
                                      and low not in _PERSON_VERBS))
    if slot == "kin":  # "nana sue", "my brother max"; not "my mum said", "my friend will"
        if low in _STOP or low in _PAST_TENSE_NAMES or low in _KEEP or low in _SPELLING_KEYS:
            return False
        if _is_nickname(low):  # "best mate jonesy", "my brother robbo"
            return True
        if low not in _ANY_NAME:  # "uncle raj", "auntie bev": only a title-like kin word, no word,
            # and not a verb ("my nan pinches me", "uncle whacked him"); after a brother, sister or
            # friend only a longer word no word list knows ("my sister daryna cry at night")
            return (trigger in _TITLE_KIN and len(low) >= 3 and low.isalpha() and not _is_common(low)
                    and not low.endswith(("s", "ed", "ing"))) or (
                trigger in _SIBLING_WORDS and _unknown_word(low))
        return trigger not in _PLURAL_KIN or not _is_common(low)  # "my friends hope ..."
    return False


# Kin words a child names straight after: "my sister daryna", "my friend chidi".
_SIBLING_WORDS = _words("""
sister sis brother bro cousin stepsister stepbrother friend bestie bff mate
""")


@lru_cache(maxsize=1 << 14)  # asked of the same words again and again; bounded
def _unknown_word(low: str) -> bool:
    """A lower-case word no word list knows (nor an inflection of one): an unlisted name, often
    from a language other than English ("daryna", "chidimna")."""
    return (low.isalpha() and len(low) >= 4 and not low.endswith(("s", "ed", "ing", "ly"))
            and low not in _SPELLING_KEYS and low not in _SUBJECTS and low not in _PERSON_VERBS
            and _word_may_be_name(low) and not _two_words(low))


def _two_words(low: str) -> bool:
    """Two everyday words run together: "anymore", "alot", "everyday"."""
    return any(_is_common(low[:k]) and _is_common(low[k:]) for k in range(2, len(low) - 1))


# Kin words used like titles, straight before a name: "auntie bev", "uncle raj", "nana sue".
_TITLE_KIN = _words(
    "auntie aunty aunt uncle nan nana nanna nanny gran granny grandma grandad granddad grandpa cousin")


# An Irish surname by its shape: "O'Driscoll", "O’Neill" (never "o'clock").
_O_SURNAME = re.compile(r"O['’][A-Z][a-z]{2,}")


@lru_cache(maxsize=1 << 14)  # asked of the same words again and again; bounded
def _is_listed_name(word: str) -> bool:
    """A first name from the list, standing on its own."""
    if _O_SURNAME.fullmatch(word):
        return True
    low = _lower(word)
    # Lower case only for names that are never words ("olivia", not "lily" or "will").
    skip = _WORDLIKE_NAMES if word[0].islower() else _AMBIGUOUS_NAMES
    if low in _NAMES:
        if word.isupper() and len(word) > 1 and _is_common(low):
            return False  # shouting: "I LOVE MARK SCHEMES"
        return low not in skip
    if "-" in low:  # "Lily-Rose", "ellie-mae"; "Summer-Rose", capitalised, of two names that are words
        parts = [p for p in low.split("-") if p]
        if any(p in _NAMES and p not in skip for p in parts):
            return True
        if len(parts) == 2 and all(p in _ANY_NAME and p not in _STOP and p not in _KEEP for p in parts) \
                and parts[0] != parts[1]:
            return True  # "ivy-grace cried", "lily-rose": two names joined are one, in any case
        if not word[0].isupper() or len(parts) < 2:
            return False
        if len(parts) == 2 and all(p[:1].isupper() for p in word.split("-")) \
                and any((p in _ANY_NAME or p in _SURNAMES) and p not in _STOP for p in parts) \
                and all(p.isalpha() and len(p) >= 3 and p not in _KEEP and not _place_like(p) for p in parts):
            return True  # "Smith-Okoro from the other class", "Summer-Rain has a pony": both parts
            # capitalised, one a listed name or surname
        # "Summer-Rose", of two names that are words; "Summer-Rae", a name that is also a word with
        # a part that is no word
        return all(p in _ANY_NAME and p not in _STOP for p in parts) or (
            len(parts) == 2 and any(p in _ANY_NAME and p not in _STOP for p in parts)
            and all(len(p) >= 2 and p not in _STOP and p not in _KEEP
                    and (p in _ANY_NAME or not _is_common(p)) for p in parts))
    # A possessive without its apostrophe: "jakes mum", "at Amys house".
    if low.endswith("s") and low[:-1] in _NAMES and low[:-1] not in skip:
        # not the plural of a word whose "-y" a name respells: "poppies", "daisies" ("Poppie's")
        return not _is_common(low) and low not in _KEEP and low not in _NOT_NAMES \
            and low not in _PLANT_NAMES and not (low.endswith("ies") and _is_common(low[:-3] + "y"))
    return False


# Nicknames children make from a name or a surname: "jonesy", "smithy", "robbo", "deano".
_NICKNAME_ENDINGS = ("y", "ie", "ey", "o")


@lru_cache(maxsize=1 << 14)  # asked of the same words again and again; bounded
def _is_nickname(low: str) -> bool:
    """A lower-case nickname built on a listed name or surname, neither of them an everyday word
    ("belly", "woody" and "pottery" are built on words)."""
    if len(low) < 4 or not low.isalpha() or low in _KEEP or low in _SPELLING_KEYS or _is_common(low):
        return False
    for ending in _NICKNAME_ENDINGS:
        if low.endswith(ending):
            stem = low[: -len(ending)]
            stems = (stem, stem[:-1]) if len(stem) > 3 and stem[-1] == stem[-2] else (stem,)  # "robb-o"
            if any(len(s) >= 3 and (s in _ANY_NAME or s in _SURNAMES) and not _is_common(s) for s in stems):
                return True
    return False


def _name_before_surname(text: str, toks: list[re.Match[str]], lows: list[str], i: int, word: str) -> bool:
    """A capitalised name that is also a word, before a listed surname: "Ruby Taylor", "Will Smith"."""
    if i + 1 >= len(toks) or not word[0].isupper() or word.isupper() or lows[i] not in _ANY_NAME:
        return False
    nxt = toks[i + 1]
    surname = _token_base(text[nxt.start() : nxt.end()])[0]
    return (
        text[toks[i].end() : nxt.start()] == " "
        and surname[:1].isupper()
        and not surname.isupper()
        and _lower(surname) in _SURNAMES
    )


# What a person does, after a capitalised name that is also a word: "Will said", "Ruby keeps".
_PERSON_VERBS = _words("""
said says told tells asked asks texted texts messaged messages snapchatted keeps kept shouted
shouts laughed laughs cried cries pushed pushes punched punches kicked kicks hit hits slapped
threatened threatens bullies bullied sent sends posted posts whispered lied lies swore swears
""")
_APPOSITION = _words("bestie bff friend mate mates pal cousin neighbour boyfriend girlfriend")
_VIRTUE_NAMES = _words("""
faith hope grace joy destiny liberty harmony trinity heaven charity patience honour mercy unity
serenity justice
""")
# Virtues and blessings given as names, often in West and Southern African families, that the
# name lists miss or hold as everyday words: after a singular relation word they are names in
# any case ("aunty precious makes the best jollof", "my auntie Comfort took me in", "my nan
# Patience"), though never on their own ("the comfort of home", "peace and quiet").
_WORD_VIRTUE_NAMES = _words("""
precious comfort favour patience mercy charity peace gift goodness treasure glory praise honour
godswill prosper blessing joy
""")
_VIRTUE_VERBS = _words("comfort favour praise prosper treasure honour")
_SPEECH_VERBS = _words("""
said says told tells asked asks texted texts messaged messages shouted shouts whispered
""")
# Whose home or family: "at Grace's house", "Big Mos house", "Tolu's mum" name a person.
_POSSESSED = _TITLE_KIN | _words("""
house flat place home party bedroom garden mum mam mom dad mother father brother sister stepdad
stepmum boyfriend girlfriend bike phone bag coat trainers sleepover
""")
# Where a classmate is: "May is in my tutor group", "June is in year 9".
_CLASS_WORDS = _words("class form tutor group year set team")
# Calendar words among the names: "August from the 1st", "Summer from the age of 12".
_CALENDAR_NAMES = _words("april may june august summer autumn")
# Capitalised names taken after "about" when someone gossips: listed names, not months.
_NAMES_ABOUT = _ANY_NAME - _CALENDAR_NAMES


# Groups a person belongs to, after "at", "from" or "in": "Mark at the youth club", "Blessing from
# church", "jack in my form", "Okafor in 10B".
_GROUP_PLACES = _words("""
club centre center church mosque gurdwara temple chapel synagogue scouts cadets brownies guides beavers
cubs youth gym hostel unit karate boxing football rugby cricket dance drama choir band team
""")
# Places where a person helps, only after "at" or "from": "Joy at the food bank gave us extra"
# (not "the Wi-Fi in the library").
_HELP_PLACES = _words("bank foodbank pantry library")
_GROUP_AFTER_MY = _CLASS_WORDS | _words("church mosque street road flats estate block club")
_FORM_GROUP = _Caseless(r"[ \t]+(?:\d{1,2}[a-z]{1,3}|y\d{1,2}|year[ \t]+\d{1,2})\b")
# What a person did, after a relation word and a name that is also a word: "my best mate will got
# excluded" (a modal does not take "got"), "my friend hope was crying".
_PAST_AFTER_KIN = _words("""
got gets was is has had said says told kept keeps went goes came comes lives lived wants wanted
thinks thought does did cried laughed
""")


def _in_group(text: str, toks: list[re.Match[str]], lows: list[str], i: int) -> bool:
    """Whether word ``i`` is followed by "at/from/in" and a group: "at the youth club", "in 10B"."""
    if i + 1 >= len(toks) or lows[i + 1] not in {"at", "from", "in"}:
        return False
    if lows[i + 1] == "in" and _FORM_GROUP.match(text, toks[i + 1].end()):
        return True
    after = lows[i + 2 : i + 6]
    if not after:
        return False
    if after[0] == "the":  # "Pat at the after school club"
        return any(w in _GROUP_PLACES or (w in _HELP_PLACES and lows[i + 1] != "in") for w in after[1:4])
    if after[0] in {"my", "our"}:
        return after[1:2] != [] and after[1] in _GROUP_AFTER_MY
    return lows[i + 1] != "in" and after[0] in _GROUP_PLACES


# School subjects before a class word: "in my maths set", "from my art class".
_SCHOOL_SUBJECTS = _words("""
maths math english science art music drama pe history geography french spanish german re dt ict
computing german tech biology chemistry physics
""")
# Words after "in my" or "from my" that make a class: "grace in my form", "Summer from my class".
_CLASS_GROUP_WORDS = _words("class form year set")
# What a person does after a class ("April in year 10 is pregnant"), unlike a month or a season
# ("summer in year 6 was the best").
_PRESENT_PERSON = _words("is has keeps kept got gets always never sits lives")
# Words a person is said to be: "hope is the only person who sat with me", "Sky was a girl in my form".
_PERSON_WORDS = _words("person girl boy kid lad guy woman man lady teacher friend mate")
# What follows a virtue that "got" something: "Faith got her through" is the virtue.
_GOT_HER_NOT = _words("through back over up going out by")
# Verbs in the past tense a person does: "and River fell in", "then Sky ran off".
_PAST_VERBS = _words("""
fell ran went came took got gave made left saw sat stood broke threw hit fought fell swam won lost
told said bought brought caught found kept slept woke hid drove rode spoke stole shouted cried
""")
# "im summer and i hate ...": adjectives that are names too and say how someone is.
_STATE_NAMES = _words("rich sunny misty rusty rocky sweet ginger honey angel")
_SAID_AFTER = _words("i im i'm my")
# Names that are also things or qualities, subjects of their own verbs: "art helps me", "honey tastes".
# Whom or with whom a person does something: "jack plays with me", "mark takes my stuff"; unlike a
# plural noun ("holly bushes round the back", "sky sports is", "Bill payments are").
_DONE_TO = _words("me us him her them with my our his it")
_MASS_NAMES = _words("""
art honey candy ginger chase dash storm melody harmony heaven sunny rich misty dawn star
""")


def _may_be_word_name(low: str) -> bool:
    """A listed name (a word too, perhaps), never a pronoun, a kept word or a mere stop word."""
    return low in _ANY_NAME and low not in _KEEP and low not in _SUBJECTS and (
        low not in _STOP or low in _AMBIGUOUS_NAMES)


def _class_after(text: str, toks: list[re.Match[str]], lows: list[str], i: int) -> int | None:
    """Where the words after a class end, when word ``i`` is followed by one: "in my form",
    "from my class", "in our tutor group", "in year 10", "in 10B"."""
    if i + 1 >= len(toks) or lows[i + 1] not in {"in", "from"}:
        return None
    if lows[i + 1] == "in" and _FORM_GROUP.match(text, toks[i + 1].end()):
        return i + (3 if lows[i + 2 : i + 3] == ["year"] else 2)
    after = lows[i + 2 : i + 5]
    if after[:1] in (["my"], ["our"]) and after[1:2]:
        if after[1] in _CLASS_GROUP_WORDS:
            return i + 4
        if after[1] in _SCHOOL_SUBJECTS and after[2:3] and after[2] in _CLASS_GROUP_WORDS:
            return i + 5  # "Mark in my maths set tells everyone", "grace from my english class"
        if after[1] == "tutor" and after[2:3] == ["group"]:
            return i + 5
    return None


def _word_name_in_person_slot(
    text: str, toks: list[re.Match[str]], lows: list[str], i: int, word: str
) -> bool:
    """A name that is also a word (a virtue, a month, a modal, a thing), in a slot only a person
    fills: a class ("grace in my form keeps taking my stuff", "April in year 10 is pregnant"),
    "and her mates" ("sky and her mates"), a neighbour ("pat from over the road"), a person
    said to be one ("hope is the only person who sat with me"), "got her phone nicked", "im
    summer and i hate ...", or a past deed after "and" ("and River fell in")."""
    if i + 1 >= len(lows):
        return False
    low, nxt = lows[i], lows[i + 1]
    if not _may_be_word_name(low):
        return False
    capital = word[:1].isupper()
    start = _sentence_start(text, toks, i)
    opened = start or (i > 0 and (lows[i - 1] in _CLAUSE_OPENERS or lows[i - 1] == "n"))
    prev = lows[i - 1] if i else None
    after = lows[i + 2 : i + 6]
    if prev in _IM and (i == 1 or _sentence_start(text, toks, i - 1)) and nxt == "and" \
            and after[:1] and after[0] in _SAID_AFTER and low not in _STATE_NAMES:
        return True  # "im summer and i hate that my name is the same as the holidays"
    if prev in _DETERMINERS or prev in _OWNERS or (prev in _STOP and not opened and not capital):
        return False
    if opened or capital:
        end = _class_after(text, toks, lows, i)
        if end is not None and low not in _MODAL_NAMES:
            if low not in _CALENDAR_NAMES:
                return True  # "grace in my form keeps taking my stuff", "Summer from my class"
            if end < len(lows) and (lows[end] in _PRESENT_PERSON or lows[end] in _PERSON_VERBS
                                    or _verb_s(lows[end])):
                return True  # "April in year 10 is pregnant"; not "summer in year 6 was the best"
        if nxt == "and" and after[:1] in (["her"], ["his"]) and after[1:2] and (
                after[1] in _KIN or after[1] in _GANG_WORDS):
            return True  # "sky and her mates keep messaging me", "when ivy and her sister copy"
        if nxt == "from" and _from_group_then_deed(lows, i):
            return True  # "faith from the drop in centre helped me", "May from year 2 asked"
        if nxt == "from" and after[:1] and after[0] in _ACROSS and after[1:3] and after[1] == "the" \
                and after[2] in {"road", "street", "close", "way", "landing", "corridor"}:
            return True  # "pat from over the road keeps an eye on me"
    if (start or capital) and nxt in {"is", "was"} and after[:1] in (["the"], ["a"], ["an"]) \
            and low not in _MODAL_NAMES and (any(w in _PERSON_WORDS for w in after[1:4]) or any(
                w == "one" and after[k + 1 : k + 2] in (["who"], ["in"], ["that"])
                for k, w in enumerate(after[:3]))):
        return True  # "hope is the only person who sat with me", "Summer is the only one who sits with
        # me"; not "hope is the only thing"
    if start and nxt in {"is", "was"} and low not in _MODAL_NAMES and any(
            w in _AND_WORDS and after[k + 1 : k + 2] in (["she"], ["he"], ["shes"], ["hes"])
            for k, w in enumerate(after[:3])):
        return True  # "joy is new and she dosnt have any frends": taken up by "she"
    if (start or capital) and nxt in {"got", "gets"} and after[:1] in (["her"], ["his"], ["a"], ["an"]) \
            and after[1:2] and after[1] not in _GOT_HER_NOT and low not in _MODAL_NAMES:
        return True  # "Grace got her phone nicked", "hope got a golden ticket"; not "faith got her
        # through it"
    if opened and low not in _MODAL_NAMES and low not in _CALENDAR_NAMES and low not in _VIRTUE_NAMES \
            and low not in _MASS_NAMES and low not in _PLANT_NAMES and (
                (_verb_s(nxt) and after[:1] and after[0] in _DONE_TO)
                or (nxt in {"always", "never"} and after[:1] and after[0].endswith("s")
                    and not after[0].endswith(("ss", "'s")))):
        return True  # "when jack plays with me", "jack always lets me play"; not "when summer comes"
    return (capital and not start and prev in _CLAUSE_OPENERS and low not in _CALENDAR_NAMES
            and low not in _VIRTUE_NAMES and nxt in _PAST_VERBS)  # "we went down the river and River fell in"


# Whom a person's deed is done to: "helped me", "lets us grow", "picked me".
_DEED_TO = _words("me us him her them my our")
_LET_WORDS = _words("lets let")


def _from_group_then_deed(lows: list[str], i: int) -> bool:
    """Whether "from" and a group after word ``i`` are followed, within five words, by a deed only
    a person does: a person's verb ("May from year 2 asked the best question"), or a verb done to
    someone ("faith from the drop in centre helped me", "bill from the allotments lets us"); a
    month or a season only with a person's verb."""
    after = lows[i + 2 : i + 8]
    if not after or after[0] not in _FROM_GROUP_START:
        return False
    for k in range(1, len(after)):
        verb = after[k]
        if verb in _PERSON_VERBS:
            return True
        if lows[i] not in _CALENDAR_NAMES and verb not in _BE_VERBS and after[k + 1 : k + 2] \
                and after[k + 1] in _DEED_TO and (verb in _PAST_VERBS or verb in _LET_WORDS or _verb_s(verb)
                                                  or (len(verb) >= 5 and verb.endswith("ed"))):
            return True
    return False


# What only a body does to someone: "grace pushed me", "tazz pushd me of the climing frame".
_BODY_VERBS = _words("""
pushed pushes hit hits kicked kicks punched punches tripped trips slapped slaps bit bites scratched
scratches grabbed grabs chased chases followed follows copied copies stole steals nicked nicks threw
throws hugged hugs blocked blocks teased teases bullied bullies laughed laughs cried cries screamed
screams shouted shouts ignored ignores invited invites woke wakes
""")
# What a person does, though a season or a virtue may too: "daisy made me a daisy chain", "pat
# lets me pat her dog", "Rose stopped talking to me" (not "hope made me", "summer came early").
_DEED_VERBS = _BODY_VERBS | _words("""
took takes broke breaks made makes found finds saw sees drew draws came comes went goes fell falls
lets let likes liked hates hated loves loved gave gives called calls helped helps showed shows
lives lived stopped stops started starts wants wanted ran runs slept sleeps stayed stays
""")
_ACTED_ON = _words("me us him her them my our his their everyone")
_ACTING_VERBS = _PERSON_VERBS | _SPEECH_VERBS | _DEED_VERBS
# Verbs by first letter, for a misspelt verb after a name: "sed", "pushd", "kikd", "copyd".
_VERBS_BY_INITIAL = _by_initial(_ACTING_VERBS)


@lru_cache(maxsize=1 << 14)
def _as_verb(low: str) -> str | None:
    """The acting verb ``low`` is, or misspells ("sed", "pushd", "lafed"), if any."""
    if low in _ACTING_VERBS:
        return low
    fixed = _SPELLINGS.get(low)
    if fixed is not None:
        return fixed if fixed in _ACTING_VERBS else None
    if len(low) < 4 or not low.isalpha() or low in _ANY_NAME or low in _COMMON:
        return None
    if _is_common(low) and not (low.endswith("d") and not low.endswith("ed")):
        return None  # "pouches" is no slip for "punches"; "pushd", "copyd" clip their "-ed"
    return _slip_of(low, _VERBS_BY_INITIAL, 1 if len(low) < 5 else 2)


# Verbs, as written, that make an unlisted word before them a subject worth a look: "sed", "hit".
_SUBJECT_VERB_CUES = _BODY_VERBS | _PERSON_VERBS | frozenset(
    k for k, v in _SPELLINGS.items() if v in _SPEECH_VERBS or v in _BODY_VERBS or v in _PERSON_VERBS)


# A guest's coming: to, round or over to one's home or party ("came round my house", "came to my
# sleepover", "slept over at mine"), which a season or a virtue never does.
_GUEST_VERBS = _words("came comes come slept sleeps stayed stays")
_GUEST_WAYS = _words("to round over roun at")
_GUEST_PLACES = _words("""
house hous flat home place sleepover sleepova party partys birthday bedroom room mine ours
""")


def _came_as_guest(lows: list[str], j: int) -> bool:
    """Whether the words from ``j`` take a guest to one's home: "to my sleepover", "round mine"."""
    after = lows[j : j + 4]
    if not after or after[0] not in _GUEST_WAYS:
        return False
    after = after[1:]
    if after[:1] in (["to"], ["at"]):
        after = after[1:]  # "over to my house", "over at mine"
    if after[:1] in (["mine"], ["ours"]):
        return True
    return after[:1] in (["my"], ["our"]) and after[1:2] != [] and after[1] in _GUEST_PLACES


# What only a person does, even with nobody done to: "faith cried", "joy laughed".
_ONLY_PEOPLE_DO = _words("cried cries laughed laughs screamed screams")


def _word_name_acting(text: str, toks: list[re.Match[str]], lows: list[str], i: int) -> bool:
    """A name that is also a word, opening a clause and then speaking or acting on someone, in any
    case and however the verb is spelt: "holly sed i cant sit with her", "grace pushed me in the
    lyne", "Rose stopped talking to me"; or a word played on, the name and then the word: "penny
    found a penny", "river fell in the river". Not "hope keeps me going", "summer came early",
    "bill went up again", "storm hit": a virtue or a season only speaks, and a deed needs a person
    after it."""
    low = lows[i]
    if i + 1 >= len(lows) or low in _STOP or low in _KEEP:
        return False
    listed = low in _ANY_NAME
    if not (listed or _unknown_word(low)):  # an unlisted name: "tazz pushd me", "okonkwo sed"
        return False
    if not (_sentence_start(text, toks, i) or lows[i - 1] in _CLAUSE_OPENERS):
        return False
    if text[toks[i].end() : toks[i + 1].start()] != " ":
        return False
    verb = _as_verb(lows[i + 1])
    if verb is None:
        return False
    # an unlisted word only before a verb as a list spells it: not "nicotine pouches"
    if not listed and not (lows[i + 1] in _SUBJECT_VERB_CUES
                           and (verb in _PERSON_VERBS or verb in _BODY_VERBS)):
        return False
    if verb in _SPEECH_VERBS:
        return True
    if low in lows[i + 2 :] or low + "s" in lows[i + 2 :]:
        return True  # the word again later as an ordinary word: the child plays on the name
    seasonal = low in _VIRTUE_NAMES or low in _CALENDAR_NAMES
    if verb in _ONLY_PEOPLE_DO:
        return True  # "Faith cried in assembly", "hope laughed at me": a virtue never cries
    if verb in _GUEST_VERBS and _came_as_guest(lows, i + 2):
        return True  # "summer came to my sleepover", "joy came round mine"; not "summer came early"
    if verb in _PERSON_VERBS and not seasonal:
        return True
    return (verb in _BODY_VERBS or not seasonal) and any(w in _ACTED_ON for w in lows[i + 2 : i + 5])


def _name_by_what_follows(text: str, toks: list[re.Match[str]], lows: list[str], i: int, word: str) -> bool:
    """A capitalised name that is also a word, known by what follows it: a person's verb ("Will
    said he would hurt me", "Ruby keeps texting") or "my friend" in apposition ("Grace my
    bestie moved away")."""
    if i + 1 >= len(toks) or word.isupper():
        return False
    if text[toks[i].end() : toks[i + 1].start()] != " ":
        return False
    low, nxt = lows[i], lows[i + 1]
    if _word_name_in_person_slot(text, toks, lows, i, word) or _word_name_acting(text, toks, lows, i):
        return True
    if not word[:1].isupper():
        # Lower case: only a listed name straight before "is my best friend", "has been my cousin",
        # or at the start of a sentence before "my bestie" ("summer my friend got her phone taken",
        # not "in summer my friend ..."); a listed surname starting a sentence before a person's
        # verb ("patel kicked my bag"); a past-tense name after a relation word before a verb
        # ("my other friend rose is in my class", not "my mum rose early").
        if low in _SURNAMES and nxt in _PERSON_VERBS and low not in _ANY_NAME:
            return (low not in _WORDLIKE_NAMES and low not in _KEEP and not _is_common(low)
                    and _sentence_start(text, toks, i))
        if nxt in _PERSON_VERBS and low in _ANY_NAME and low not in _KEEP and (
                _sentence_start(text, toks, i) or (i and lows[i - 1] in _CLAUSE_OPENERS)):
            # "river said i should tell someone", "and will kicked me": a modal or a noun does not
            # take "said" or "kicked"; a virtue only when it speaks ("hope keeps me going")
            return (low not in _VIRTUE_NAMES and low not in _CALENDAR_NAMES) or nxt in _SPEECH_VERBS
        if nxt in _SITS_VERBS and lows[i + 2 : i + 3] and lows[i + 2] in _BESIDE and low in _ANY_NAME \
                and low not in _KEEP and low not in _STOP and _sentence_start(text, toks, i):
            return True  # "hope sits next to me", "grace lives near us"
        if i and lows[i - 1] in _KIN and nxt in _PAST_AFTER_KIN and low in _ANY_NAME and low not in _KEEP \
                and low not in _PAST_TENSE_NAMES:
            return True  # "my best mate will got excluded", "my friend hope was crying"
        if (low in _ANY_NAME and low not in _STOP and low not in _NOT_BEFORE_MY and low not in _VIRTUE_NAMES
                and low not in _KEEP and _sentence_start(text, toks, i) and _in_group(text, toks, lows, i)):
            return True  # "mark at the youth centre helped me", "jack in my form gets sent out"
        rest = _after_be(lows, i)
        if low in _MODAL_NAMES and nxt in _PERSON_VERBS and nxt.endswith("s") and not (
                i and (lows[i - 1] in _DETERMINERS or lows[i - 1].endswith(("'s", "s")))):
            return True  # "that will keeps kicking me": a modal never takes "keeps"; not "nans will says"
        if nxt in {"is", "was"} and low in _ANY_NAME and low not in _STOP and low not in _KEEP \
                and _sentence_start(text, toks, i) and (
                    (lows[i + 2 : i + 4] == ["in", "year"] and low not in _CALENDAR_NAMES) or (
                    lows[i + 2 : i + 4] == ["in", "my"] and lows[i + 4 : i + 5] != []
                    and lows[i + 4] in _CLASS_WORDS)):
            return True  # "summer is in my class", "jack was in year 9 with me"
        if nxt in {"got", "gets"} and low in _ANY_NAME and low not in _KEEP and low not in _VIRTUE_NAMES \
                and low not in _CALENDAR_NAMES and low not in _PAST_TENSE_NAMES \
                and _sentence_start(text, toks, i):
            return True  # "will got his phone snatched", "mo got excluded": a modal takes no "got"
        if nxt == "the" and low in _ANY_NAME and low not in _STOP and low not in _KEEP \
                and any(w in _ROLE_NOUNS for w in lows[i + 2 : i + 4]) and _sentence_start(text, toks, i):
            return True  # "mark the youth worker is safe", "bill the caretaker"
        if low in _PAST_TENSE_NAMES and not (rest is not None and _sentence_start(text, toks, i)):
            return i > 0 and lows[i - 1] in _KIN and (nxt in _PERSON_VERBS or nxt in _BE_VERBS)
        start = _sentence_start(text, toks, i)
        if rest is None and nxt == "my" and start:  # not "will my friend be ok"
            # "summer my friend got ...", "joy my childminder listens", "sue my social worker"; a
            # modal or a month only with a friend word ("hope my mum is ok" is a wish)
            roles = _APPOSITION if low in _NOT_BEFORE_MY else _APPOSITION | _KIN
            # "grace my old foster carer": the role may come after two adjectives
            end = i + 5 if lows[i + 2 : i + 3] and lows[i + 2] in _KIN_ADJECTIVES else i + 4
            return low in _ANY_NAME and low not in _STOP and any(w in roles for w in lows[i + 2 : end])
        if rest is None and nxt == "my" and i and lows[i - 1] in _ASIDE_OPENERS and low in _ANY_NAME \
                and low not in _STOP and low not in _NOT_BEFORE_MY and low not in _PAST_TENSE_NAMES:
            # after "tbh", "and", "honestly": "tbh holly my foster carer is the one who", "and jack
            # my brother said"; not "and will my friend be ok"
            return any(w in _APPOSITION or w in _KIN or w in _ROLE_NOUNS for w in lows[i + 2 : i + 4])
        if nxt == "from" and low in _ANY_NAME and low not in _STOP and low not in _KEEP \
                and "who" in lows[i + 3 : i + 7] \
                and lows[i + 2 : i + 3] in (["year"], ["my"], ["our"], ["the"]) \
                and any(w in _CLASS_WORDS or w in _FROM_WHERE for w in lows[i + 2 : i + 5]):
            return True  # "its mark from year 10 who sells vapes", "and jade from my class who"
        if nxt == "from" and start and low in _ANY_NAME and low not in _STOP and low not in _NOT_BEFORE_MY:
            # "grace from my class told the teacher", "jack from next door"
            after = lows[i + 2 : i + 5]
            if after[:1] and after[0] in _FROM_WHERE and after[0] not in {"door", "work", "school"}:
                return True  # "joy from church always asks", "jack from football"
            return after[:1] in (["my"], ["our"], ["next"], ["the"], ["year"]) and any(
                w in _CLASS_WORDS or w in _FROM_WHERE for w in after)
        return (low in _ANY_NAME and rest is not None and rest[:1] == ["my"]
                and any(w in _APPOSITION or w in _KIN for w in rest[1:3]))
    if nxt in _POSSESSED:
        base = _lower(word)
        if low != base:  # "at Grace's house", "Tolu's mum"
            return base in _ANY_NAME or not (
                base in _STOP or base in _KEEP or base in _TITLES_ALL or base in _KIN or base in _IDENTITY
                or _is_common(base) or _place_like(base))
        if low[:-1] in _ANY_NAME and low[-1] == "s":  # "at Big Mos house", without the apostrophe
            return True
    if nxt == "my" and low in _MODAL_NAMES and i + 3 < len(lows) and (
            lows[i + 2] in _KIN or lows[i + 2] in _ROLE_NOUNS) and lows[i + 3] in _PAST_AFTER_KIN:
        return True  # "Will my supervisor said", "May my key worker helped": a modal takes no "said"
    if nxt == "my" and low not in _NOT_BEFORE_MY and any(
            w in _APPOSITION or w in _KIN or w in _ROLE_NOUNS for w in lows[i + 2 : i + 4]) and (
            low in _ANY_NAME or not (low in _STOP or low in _KEEP or low in _TITLES_ALL or low in _KIN
                                     or low in _IDENTITY or _is_common(low) or _place_like(low))):
        return True  # "Pip my key worker", "Oisín my best friend moved away"
    if low not in _CALENDAR_NAMES and low not in _STOP and low not in _NOT_BEFORE_MY and (
            low in _ANY_NAME or low in _SURNAMES or not _sentence_start(text, toks, i)) and (
            low in _ANY_NAME or not (low in _KEEP or low in _TITLES_ALL or low in _KIN or low in _IDENTITY
                                     or _is_common(low) or _place_like(low))):
        if _in_group(text, toks, lows, i):
            return True  # "Mark at the youth club is sound", "Blessing from church", "Okafor in 10B"
        if nxt == "the" and any(w in _ROLE_NOUNS for w in lows[i + 2 : i + 4]):
            return True  # "Rose the school nurse", "Bill the caretaker"
    if low not in _AMBIGUOUS_NAMES:
        # Any other capitalised word only inside a sentence ("and Precious said"), where a capital
        # marks a name, and only before a person's verb or "who"; a listed surname also as the
        # subject that starts a sentence ("Patel kicked my bag").
        marked = not _sentence_start(text, toks, i) or (low in _SURNAMES and nxt in _PERSON_VERBS)
        return (marked and (nxt in _PERSON_VERBS or nxt == "who" or _resumed_by_pronoun(lows, i))
                and low not in _STOP
                and low not in _KEEP and low not in _TITLES_ALL and low not in _KIN and low not in _IDENTITY
                and not _is_common(low))
    if nxt == "who" and i > 0:
        return True  # "apart from Hope who lives next door": a virtue does not take "who"
    if _resumed_by_pronoun(lows, i) and not _sentence_start(text, toks, i) and low not in _CALENDAR_NAMES \
            and low not in _NOT_BEFORE_MY and low not in _VIRTUE_NAMES and low not in _SUBJECTS:
        return True  # "kind especially Pat she gives us extra": a capitalised name taken up by "she"
    if (nxt == low and text[toks[i + 1].start()].islower()) or (
            i and lows[i - 1] == low and text[toks[i - 1].start()].islower()):
        return True  # "Will will tell you", "Drew drew a picture", "I hope Hope reads this"
    if nxt in _PERSON_VERBS:
        # "Faith keeps me going", "Hope kept us together": a virtue names a person only when it speaks
        return low not in _VIRTUE_NAMES or nxt in _SPEECH_VERBS
    if nxt in _SITS_VERBS and lows[i + 2 : i + 3] and lows[i + 2] in _BESIDE:
        return True  # "Faith sits next to me in maths", "Hope lives near us": a body in a place
    if nxt in {"got", "gets"} and not (low in _VIRTUE_NAMES or low in _CALENDAR_NAMES or low in _STOP):
        return True  # "Rose got hit by a car", "Jack got excluded"
    after = lows[i + 2 : i + 5]
    rest = _after_be(lows, i)
    # "Grace is my sister", "Hope has been my best mate", "Grace my bestie"
    if rest is not None or nxt == "my":
        rest = rest if nxt != "my" else ["my", *after]
        if rest[:1] == ["my"] and any(w in _APPOSITION or w in _KIN for w in rest[1:3]):
            return True
        if nxt != "my" and (after[:2] == ["in", "year"] or (after[:2] == ["in", "my"] and after[2:3]
                                                            and after[2] in _CLASS_WORDS)):
            return True  # "May is in my tutor group", "Will is in year 10"
    in_class = after[:1] == ["year"] or (after[:1] == ["my"] and after[1:2] != []
                                          and after[1] in _CLASS_WORDS)
    if (nxt == "in" and in_class) or (nxt == "next" and after[:1] == ["door"]) or (
            nxt in _ACROSS and after[:1] == ["the"] and after[1:2] in (["road"], ["street"], ["close"])):
        return low not in _CALENDAR_NAMES or not _sentence_start(text, toks, i)  # "Mark in year 10 keeps
        # asking me", "Will next door", "Jack over the road"; not "Summer in year 6 was the best"
    if nxt == "and" and after[:1] in (["her"], ["his"]) and after[1:2] and (
            after[1] in _KIN or after[1] in _GANG_WORDS):
        return True  # "when Summer and her friends follow me"
    # "Bill from the garage", "Grace from the hostel", "Mark from over the road": where a person is from
    return (nxt == "from" and low not in _CALENDAR_NAMES and after[:1] != []
            and after[0] in _FROM_PERSON_NEXT)


def _resumed_by_pronoun(lows: list[str], i: int) -> bool:
    """Whether "he" or "she" and a verb follow the word, taking it up as the subject of its own
    clause, as children run sentences on: "especially Pat she gives us extra custard"."""
    if i + 2 >= len(lows) or lows[i + 1] not in {"she", "he"}:
        return False
    verb = lows[i + 2]
    return verb in _PERSON_VERBS or verb in _BE_VERBS or verb in {"always", "never"} or _verb_s(verb)


# Where a person is, not an idea: "Faith sits next to me", "Grace sat behind me", "Hope lives by us".
_SITS_VERBS = _words("sits sat lives lived walks walked stands stood")
_BESIDE = _words("next with near behind beside opposite by across")
# "is", "was", "has been": what links a name to "my best friend".
_BE_VERBS = _words("is was isnt wasnt has had")
# Words that are names but read as a wish, a modal or a month before "my": "hope my mum is ok",
# "will my friend be ok", "may my ...", "summer my family goes to spain".
_NOT_BEFORE_MY = _words("hope will may june april august summer autumn miss wish trust")
_MODAL_NAMES = _words("will may")
# Where a person is from: "Mark from over the road", "Bill from the garage".
_FROM_PERSON_NEXT = _words("""
the my our next year work school college class over down up across round around number church
football dance youth club street road estate flats
""")
# "grace from my class", "jack from next door", "will from the youth club".
_FROM_WHERE = _words("""
door street road estate flats school college church club team work youth football dance scouts
cadets apprenticeship course placement job gym mosque
""")# Where a person belongs, after "<name> from": "from the drop in centre", "from year 2", "from my
# old school"; not "from now on", "from the age of 12" (a deed must follow, see below).
_FROM_GROUP_START = _FROM_WHERE | _words("the my our year next old")

_ACROSS = _words("over across down up")
# "Summer and her friends", "Will and his mates".
_GANG_WORDS = _words("friends mates gang mum dad sister brother family boyfriend girlfriend lot crew")


# A name (also a word, or no listed name at all) as the subject of a clause whose verb or
# complement only a person can have, with no title or relation word to help: "will took my
# ball", "jaydn keeps pushing me", "Faith is nice to me", "Hope gets bullied cos she has a
# stammer", "mark marked my test", "muhamad in my class always gets in trouble"; unlike "will
# it be safe", "faith keeps me going", "hope is all we have" or "mark my words".
# What a person is kept doing to someone: "keeps sending me", "kept pushing him".
_DONE_TO_PERSON = _words("me us him her them my our his")
# How only a person treats others: "is nice to me", "was horrible to everyone".
_MANNER_WORDS = _words("""
nice kind mean horrible nasty rude horrid lovely friendly unkind racist sexist homophobic
sound decent vile cruel
""")
_MANNER_TO = _words("me us him her them everyone everybody people")
# What happens only to a person: "gets bullied", "got excluded", "got sent home".
_DONE_TO_SUBJECT = _words("""
bullied excluded suspended expelled detention detentions arrested grounded jumped battered beaten
stabbed suspended isolated picked
""")
# Verbs of taking a person's things: "took my ball", "nicked our football".
_TAKE_VERBS = _words("took takes stole steals nicked nicks grabbed grabs snatched snatches hid hides")
# Verbs of a person standing by someone: "always sticks up for me", "stands up for us".
_STICK_UP_VERBS = _words("sticks stuck stick stands stood stand")
# A person joining or leaving a group: "is leaving our school", "was moving class".
_LEAVE_VERBS = _words("leaving joining moving starting changing left joined moved")
_LEAVE_GROUPS = _CLASS_WORDS | _words("school schools college")
# Words before a name that is taken up at once by "she"/"he": "i hate lily she says im fat".
_FEEL_ABOUT = _words("hate hated miss missed love loved like liked")
_CALLS_WORDS = _words("calls called calling")
_I_WE = _words("i we you they")


# Words one of which a clause about a person needs, so most answers skip the search.
_SUBJECT_CUES = (_words("keeps kept") | _CALLS_WORDS | _STICK_UP_VERBS | _TAKE_VERBS | _DONE_TO_SUBJECT
                 | _MANNER_WORDS | _LEAVE_VERBS | _CLASS_GROUP_WORDS | _FROM_WHERE | _SPEECH_VERBS)


def _subject_word_ok(text: str, tok: re.Match[str], low: str) -> bool:
    """A word that may be a name starting a clause: a listed name (also a word, perhaps), or a
    word no list knows ("jaydn", "Nikolai"); never a pronoun, a kept word, a place or a misspelt
    everyday word ("evryone")."""
    if low in _SUBJECTS or low in _KEEP or low in _SPELLING_KEYS or not low.isalpha():
        return False
    if _may_be_word_name(low):
        return True
    if text[tok.start()].isupper():
        return len(low) >= 3 and not _two_words(low) and not _place_like(low) and _word_may_be_name(low)
    return _unknown_word(low)


# Parts of a body, after "her" or "his": whose body it is names a person.
_BODY_PARTS = _words("""
head arm arms leg legs ankle wrist nose face knee knees tooth teeth hand hands foot feet finger
fingers lip eye eyes neck shoulder back chin
""")
# What only a person does, after "always" or "never": "joy never smiles", "robin always waits".
_ONLY_A_PERSON_DOES = _words("""
smiles smile laughs laugh talks talk speaks speak listens listen shares share waits wait sits sit
plays play says say tells tell asks ask answers answer texts text messages replies reply helps help
lets let picks pick walks walk sticks stick swears swear lies lie cries cry moans moan
""")
# Starting or stopping a doing only a person does: "summer started spreading stuff about us".
_START_STOP = _words("started starts start began begins stopped stops keeps keep kept")
_PERSON_DOINGS = _words("""
spreading talking saying calling telling crying laughing messaging texting following pushing hitting
kicking ignoring bullying shouting swearing screaming picking teasing copying hanging chatting
snapping threatening lying whispering posting sending
""")


# What only a person is doing: "rose was crying".
_ONLY_PEOPLE_DOING = _words("crying sobbing screaming")
# Moving home or school: "hope moved away", "sky moved schools".
_MOVE_VERBS = _words("moved moves")
_MOVED_WHERE = _words("away house houses school schools")


def _person_predicate(text: str, toks: list[re.Match[str]], lows: list[str], i: int, j: int) -> bool:
    """Whether the words from ``j`` on, after a subject at ``i``, say what only a person does."""
    low = lows[i]
    rest = lows[j : j + 5]
    if not rest:
        return False
    verb, after = rest[0], rest[1:]
    if verb in {"always", "never", "sometimes", "just", "even", "still"} and after:
        verb, after = after[0], after[1:]  # "Sunny always sticks up for me"
    if verb in {"is", "was"} and after[:1] and after[0] in _ONLY_PEOPLE_DOING and low not in _MODAL_NAMES:
        return True  # "rose was crying in the toilets", "hope is always crying"
    if verb in _MOVE_VERBS and after[:1] and after[0] in _MOVED_WHERE and low not in _MODAL_NAMES:
        return True  # "hope moved away", "sky moved schools", "grace is moving house"
    if verb in {"had", "has"} and after[:2] in (["the", "idea"], ["an", "idea"], ["a", "idea"]):
        return True  # "hope had the idea of safe walking buddies": an idea is a person's
    if verb in {"is", "was", "isnt", "wasnt"} and after[:1] == ["being"] and after[1:2] \
            and after[1] in _MANNER_WORDS and low not in _MODAL_NAMES:
        return True  # "crystal was being mean", "amber is being horrible to me"
    if rest[0] in {"always", "never"} and verb in _ONLY_A_PERSON_DOES:
        return True  # "joy never smiles", "robin always waits for me"; not "joy never lasts"
    if _SPELLINGS.get(verb, verb) in {"does", "did", "do"} and after[:1] in (["it"], ["that"], ["this"]) \
            and after[1:2] and _SPELLINGS.get(after[1], after[1]) == "again":
        return True  # "if rose dus it agen", "if jack does that again"
    if verb in _START_STOP and after[:1] and after[0] in _PERSON_DOINGS:
        return True  # "summer started spreading stuff", "grace keeps calling me"; not "summer started
        # early"
    if verb in {"keeps", "kept"} and after[:1] and after[0].endswith("ing") and after[1:2] \
            and after[1] in _DONE_TO_PERSON:
        return True  # "ty keeps sending me voice notes"; not "faith keeps me going"
    if verb in _SPEECH_VERBS and low not in _ANY_NAME and rest[0] == verb:
        return True  # "Ashanti said it was me": a listed name that is a word too is judged elsewhere
    if verb in _CALLS_WORDS and after[:1] and after[0] in _DONE_TO_PERSON:
        return True  # "marcel calls me fat"
    if verb in _STICK_UP_VERBS and after[:2] == ["up", "for"]:
        return True  # "Sunny always sticks up for me"
    if verb in _TAKE_VERBS and after[:1] and after[0] in _DONE_TO_PERSON and low not in _VIRTUE_NAMES:
        return True  # "will took my ball"; not "will took ages"
    if verb in {"gets", "got", "getting"} and after[:1] and after[0] in _DONE_TO_SUBJECT:
        return True  # "Hope gets bullied", "mo got excluded"
    if verb in {"is", "was", "isnt", "wasnt"} and after[:1]:
        if after[0] in _MANNER_WORDS and after[1:3] and after[1] == "to" and after[2] in _MANNER_TO:
            return True  # "Faith is nice to me"; not "hope is nice to have"
        if after[0] in _LEAVE_VERBS and after[1:3] and after[1] in {"our", "my", "the"} \
                and after[2] in _LEAVE_GROUPS and low not in _CALENDAR_NAMES:
            return True  # "hope is leaving our school"; not "summer is leaving us"
    if low in _MODAL_NAMES and low not in _CALENDAR_NAMES and rest[0] == verb and verb in _FINITE_BE:
        return True  # "will was meant to bring the glue", "will had a go": a modal never stands before
        # "was", "had" or "did"; not "will took ages" (the wish, judged below)
    if low in _MODAL_NAMES or low in _CALENDAR_NAMES:
        return False
    # Taken up later in the sentence by "she" or "he": "Hope gets bullied cos she has a stammer",
    # "grace had to say grace before lunch and she laffed".
    if not (verb in _BE_VERBS or verb in _PAST_VERBS or verb in _PERSON_VERBS or _verb_s(verb)):
        return False
    k = j + 1
    while k + 1 < len(lows) and k - j <= 8 and not _after_break(text, toks[k].start()):
        if lows[k] in _CLAUSE_OPENERS and lows[k + 1] in _PRONOUNS - {"they"} \
                and not _after_break(text, toks[k + 1].start()):
            return True
        if lows[k] in {"her", "his"} and lows[k + 1] in _BODY_PARTS and verb not in _BE_VERBS:
            return True  # "rose fell off the climbing frame and hit her head"
        k += 1
    return False


# Past forms of "be", "have" and "do" that never follow a modal: "will was", "will had" (but "will
# is going to be hard" is a child's slip for "it will be").
_FINITE_BE = _words("was wasnt had hadnt did didnt")


def _doubled_name(text: str, toks: list[re.Match[str]], lows: list[str], i: int) -> bool:
    """A name that is also a word beside the word itself, in lower case: "will will be my
    partner", "mark marked my test", "drew drew on it" (the first starts the sentence); "i hope
    hope gets better" (the second, after "i hope", before a verb); not "i will will myself"."""
    low = lows[i]
    if low not in _AMBIGUOUS_NAMES or i + 1 >= len(lows):
        return False
    nxt = lows[i + 1]
    if _sentence_start(text, toks, i) and (nxt == low or (nxt.startswith(low) and nxt[len(low):] in {
            "s", "ed", "d", "es"})):
        return True
    return (i > 1 and lows[i - 1] == low and lows[i - 2] in _I_WE
            and (nxt in _PAST_AFTER_KIN or nxt in _PAST_VERBS or _verb_s(nxt)))


# Words that open a clause whose subject may be a person: "if rose ...", "till summer started".
_SUBORDINATORS = _words("if till til until unless")


def _clause_subjects(text: str, toks: list[re.Match[str]], lows: list[str]) -> Iterator[int]:
    """Words that start a sentence or a clause as a person doing what only a person does."""
    last = len(toks) - 1
    # everyday words, the commonest case, are no name: only the others are looked at
    for i in [i for i, low in enumerate(lows[:last]) if low in _ANY_NAME or low not in _COMMON]:
        low = lows[i]
        if low in _AMBIGUOUS_NAMES and _doubled_name(text, toks, lows, i):
            yield i
            continue
        prev = lows[i - 1] if i else None
        if prev in _FEEL_ABOUT and i > 1 and lows[i - 2] in _I_WE and _may_be_word_name(low) \
                and low not in _VIRTUE_NAMES and low not in _CALENDAR_NAMES and low not in _MODAL_NAMES \
                and _resumed_by_pronoun(lows, i):
            yield i  # "i hate lily she says im fat"
            continue
        if not (_sentence_start(text, toks, i) or prev in _CLAUSE_OPENERS or prev in _SUBORDINATORS):
            continue
        if i and _HAS_DIGIT.search(text, toks[i - 1].end(), toks[i].start()):
            continue  # "and 70 percent said": a number, then what it counts, is no person
        if not _subject_word_ok(text, toks[i], low):
            continue
        if low not in _ANY_NAME and _word_name_acting(text, toks, lows, i):
            yield i  # "tazz pushd me", "okonkwo sed i was lying": an unlisted name speaks or hits
            continue
        j = _class_after(text, toks, lows, i)
        if j is not None and j < len(lows) and (low not in _ANY_NAME or low in _MODAL_NAMES) and (
                lows[j] in _PRESENT_PERSON or lows[j] in _PAST_AFTER_KIN or _verb_s(lows[j])) and (
                lows[i + 1] == "from" or low not in _ANY_NAME):
            yield i  # "muhamad in my class always gets", "will from my class said"; a modal never takes
            continue  # "from my"; not "gyaldem in my year r so fake"
        if lows[i + 1] == "from" and lows[i + 2 : i + 3] in (["my"], ["our"]) and i + 3 <= last \
                and lows[i + 3] in _FROM_WHERE and low in _ANY_NAME:
            yield i  # "will from my apprenticeship keeps making jokes"
            continue
        if _person_predicate(text, toks, lows, i, i + 1 if j is None else j):
            yield i



_HE_IS = _words("hes he's shes she's")
# Words a child starts a clause with, before a name and "my foster carer": "tbh holly my foster carer".
_ASIDE_OPENERS = _words(
    "and but then so cos coz because bc cuz tbh ngl honestly like well ok okay yeah plus also")
_CLAUSE_OPENERS = _words("and but then so cos coz because bc when cuz")


def _after_be(lows: list[str], i: int) -> list[str] | None:
    """The three words after "is", "was" or "has been" that follow word ``i``, if one does."""
    nxt = lows[i + 1] if i + 1 < len(lows) else None
    if nxt in {"is", "was"} or nxt in _HE_IS:  # "River hes my older brother"
        return lows[i + 2 : i + 5]
    if nxt in {"he", "she"} and lows[i + 2 : i + 3] in (["is"], ["was"]):
        return lows[i + 3 : i + 6]
    if nxt in {"has", "had"} and lows[i + 2 : i + 3] == ["been"]:
        return lows[i + 3 : i + 6]
    return None


def _list_head(text: str, toks: list[re.Match[str]], i: int) -> int:
    """The first of the capitalised words listed with commas up to word ``i``: "Faith, Joy and me"."""
    while i and text[toks[i - 1].end() : toks[i].start()] == ", " and text[toks[i - 1].start()].isupper() \
            and text[toks[i].start()].isupper():
        i -= 1
    return i


def _sentence_start(text: str, toks: list[re.Match[str]], i: int) -> bool:
    """Whether word ``i`` starts the answer or a sentence."""
    return i == 0 or _after_break(text, toks[i].start())


def _after_break(text: str, pos: int) -> bool:
    """Whether only spaces stand between ``pos`` and a full stop, !, ?, : or a line break."""
    j = pos - 1
    while j >= 0 and text[j].isspace():
        if text[j] == "\n":
            return True
        j -= 1
    return j >= 0 and text[j] in ".!?:"


_SIGN_OFF = frozenset({"-", "–", "~"})


def _signed_off(text: str, toks: list[re.Match[str]], lows: list[str], i: int, word: str) -> bool:
    """A sign-off at the end: "love u all - Jazzy", "thanks – Kacper x", "- Mo (@mo_b)"."""
    if not word[:1].isupper() or word.isupper() or not i:
        return False
    if text[toks[i - 1].end() : toks[i].start()].strip() not in _SIGN_OFF:
        return False
    rest = text[toks[i].end() :].strip().lower()
    if rest and not rest.startswith(("(", "x", "@", ":)", "<3")):
        return False
    low = lows[i]
    if low in _ANY_NAME:
        return low not in _STOP  # "- Ruby" at the end is a signature
    return not (low in _STOP or low in _KEEP or low in _IDENTITY or _is_common(low))


def _capitalised_word(text: str, tok: re.Match[str]) -> bool:
    """Capitalised, not shouted: "Tanisha", not "ADHD"."""
    word = text[tok.start() : tok.end()]
    return word[:1].isupper() and not word.isupper()


def _miss_is_verb(prev: str | None) -> bool:
    return prev is not None and prev in _MISS_VERB_BEFORE


# Who gives a nickname, before "call me/him/her": "my mates", "we", "people", "everyone".
_CALLERS = _KIN | _EVERYONE | _words("we they people ppl everyone everybody family fam friends mates lot")
_CALLED_OBJECTS = _words("me him her them")
# What children are called that is no name: "they call me Stupid".
_INSULTS = _words("""
stupid fat ugly weird dumb thick loser freak nerd geek names gay lazy smelly liar baby emo posh skinny
short tall ginger boffin snitch grass mean rude horrible annoying crazy mad psycho idiot retard
""")
_NAME_WORDS_SAID = _words("name nickname names nicknames")
_WHERE_USED = _words("at in on from for with among amongst round around")


def _name_where_used(lows: list[str], i: int) -> bool:
    """Whether "is"/"was" at ``i`` follows "<owner> name/nickname <at/in/from> ...": "my nickname
    at school is", "my name in my family is", "my nickname from year 7 was"."""
    for k in range(max(1, i - 5), i - 1):
        if lows[k] in _NAME_WORDS_SAID and lows[k - 1] in _OWNERS and lows[k + 1] in _WHERE_USED:
            return True
    return False


_GREETINGS = _words("hi hiya hii hey heya hello helo ello yo")


def _opened_slot(text: str, toks: list[re.Match[str]], lows: list[str], i: int) -> str | None:
    """The kind of name slot that word ``i`` opens for word ``i + 1``, if any."""
    low = lows[i]
    if low not in _SLOT_WORDS and low != "was":
        return None
    gap = text[toks[i].end() : toks[i + 1].start()]
    sep = gap.strip()
    prev = lows[i - 1] if i else None
    prev2 = lows[i - 2] if i > 1 else None
    if low in _TITLES_ALL and sep in {"", "."}:
        if low == "miss" and _miss_is_verb(prev) and not (
                text[toks[i].start()] == "M" and text[toks[i + 1].start()].isupper()
                and not text[toks[i - 1].start()].isupper()):
            return None  # "I miss Summer", "we'll miss her"; but "can Miss Rahman be our teacher"
        if low in _ROLE_TITLES:  # "PC Smith", "PCSO j" (an initial); but not "pc games" or "coach trip"
            # in lower case only a listed surname or a word no list knows: "pc hargreaves", "sgt okafor"
            return "role" if text[toks[i + 1].start()].isupper() or len(lows[i + 1]) == 1 or (
                low in _ROLE_SHORT and lows[i + 1] not in _TITLES_ALL
                and (lows[i + 1] in _SURNAMES or _unknown_word(lows[i + 1]) or (
                    lows[i + 1].isalpha() and len(lows[i + 1]) >= 4 and not _is_common(lows[i + 1])
                    and lows[i + 1] not in _KEEP))
            ) else None
        # "Mrs. Taylor", but "I told Miss. Teachers never listen" starts a sentence.
        return "title." if sep else "title"
    if low in _KIN and sep in {"", ","}:
        return "kin"
    if low in _OWNED_ROLES and sep == "" and (prev in _OWNERS or (prev2 in _OWNERS and prev in _ROLE_LEADS)):
        return "kin"  # "my boss will said", "my supervisor grace is", "our shift manager dean"
    if low == "me" and sep == "&":
        return "with"  # "me & Kacper"
    if sep and sep not in {":", "=", "-", ","}:
        return None
    if (
        (low == "is" and prev in {"name", "names", "nickname"})
        or (low == "was" and prev == "name" and prev2 in {"her", "his", "their"})  # "her name was Grace"
        or (low == "names" and prev == "my")
        or low in {"name's", "nicknamed", "aka"}
        or (low == "name" and sep in {":", "=", "-"})
        or (low == "called" and (prev in {"i'm", "im"} or (prev == "am" and prev2 == "i")))
        or (low == "as" and prev == "known")
        # "hi im ruby", "hiya i'm grace", "hello i am will": a greeting, then who is writing
        or ((low in _IM and prev in _GREETINGS) or (low == "am" and prev == "i" and prev2 in _GREETINGS))
        # "everyone calls me tiggs": a lower-case word no ordinary word ("they call me names")
        or (low == "me" and prev in {"call", "calls", "called"} and not text[toks[i + 1].start()].isupper()
            and lows[i + 1] not in _KIN and lows[i + 1] not in _INSULTS)  # not "calls me smelly"
        # "my mates call me Tiny", "we call him Moose", "people call me Beans", "we all call her
        # Peanut": a nickname from people, capitalised, may be any word but a relation or an
        # insult; not "they call me Stupid", "we call it Bingo night"
        or (low in _CALLED_OBJECTS and prev in {"call", "calls", "called"} and prev2 in _CALLERS
            and lows[i + 1] not in _KIN and lows[i + 1] not in _INSULTS
            and _capitalised_word(text, toks[i + 1]))
        # "my nickname at school is Bubbles", "my name in my family is Bug", "my nickname from
        # year 7 was Noodle": a name word after an owner, then where the name is used
        or (low in {"is", "was"} and _capitalised_word(text, toks[i + 1]) and _name_where_used(lows, i))
        or (low in {"called", "named"} and (prev in _PEOPLE or (prev in {"is", "was"} and prev2 in _PEOPLE)))
        # "my counsellor at school is called Faith": a person, then where they are, is called
        or (low in {"called", "named"} and prev in {"is", "was"} and i > 3
            and any(w in _PEOPLE or w in _ROLE_NOUNS for w in lows[max(0, i - 5) : i - 2])
            and any(w in _OWNERS for w in lows[max(0, i - 6) : i - 3]))
    ):
        return "strong"
    if sep:
        return None
    if low in {"and", "&", "n"} and prev == "me":
        return "meand"  # "me and soph", "me n tolu"
    if low == "is" and prev in _KIN and (prev2 in {"my", "our", "best"} or (
            prev not in _PLURAL_KIN and any(w in _OWNERS for w in lows[max(0, i - 4) : i - 2]))) \
            and not text[toks[i + 1].start()].isupper():
        return "kin"  # "my best frend is lily", "my social worker is mark", "our council rep is jack"
    if low in _TELL_WORDS:
        return "with"
    if low == "from" and (prev in _PEOPLE or prev in _FROM_PLACE_BEFORE):
        return None  # "my friend from Shenzhen", "she is from Eritrea": where someone comes from
    if low == "with" and (prev in _SOCIAL_VERBS or (prev2 in _SOCIAL_VERBS and prev not in _STOP_NOT_NAMES)
                          or (prev in _WITH_PARTICLES and prev2 in _OUT_WITH_VERBS)):
        return "with"  # "i play with holly at break", "sat with ivy", "fell out with grace"
    if low == "about" and any(w in _GOSSIP_WORDS for w in lows[max(0, i - 3) : i]) \
            and _capitalised_word(text, toks[i + 1]) and lows[i + 1] in _NAMES_ABOUT:
        return "with"  # "someone keeps posting about Destiny", "spreading rumours about Grace"
    if low in _WITH_WORDS:
        return "from"
    if (
        (low == "is" and prev == "this")
        or (low == "me" and prev in {"call", "calls", "called"})
        or (low in {"him", "her", "them"} and prev in {"call", "calls", "called"})
        # "Hi im Tanisha", "i am Kacper": only a capitalised word that is no ordinary word
        # "my sister is Precious", "my best friend is Amber": a capitalised word that is no ordinary word
        or (low in {"is", "was"} and prev in _KIN and prev2 in {"my", "our", "his", "her", "best"}
            and _capitalised_word(text, toks[i + 1]))
        # "my youth worker is Sky", "our family support worker is Joy": words between "my" and the role
        or (low in {"is", "was"} and prev in _KIN and prev not in _PLURAL_KIN
            and any(w in _OWNERS for w in lows[max(0, i - 4) : i - 2])
            and _capitalised_word(text, toks[i + 1]))
        or ((low in {"im", "i'm"} or (low == "am" and prev == "i"))
            and _capitalised_word(text, toks[i + 1]) and lows[i + 1] not in _IDENTITY)
        # "theres a girl Aaliyah who", "this lad Kian"
        or (low in _PERSON_NOUNS and prev in {"a", "this", "that", "the"}
            and text[toks[i + 1].start()].isupper())
        # "the lollipop man Bill", "caretaker Steve": a job, then a capitalised listed name
        or (low in _ROLE_NOUNS and _capitalised_word(text, toks[i + 1]) and lows[i + 1] in _ANY_NAME)
    ):
        return "weak"
    return None


# Listed names and their apostrophe-less possessives ("jakes"), and every word that opens a
# name slot: only these words are looked at closely.
_NAME_STEMS = _NAMES | frozenset(n + "s" for n in _NAMES)
_AND_WORDS = frozenset({"and", "n"})
# Whom a verb straight after a relation word is done to: "my bestie lent me", "my dad drove us".
_VERB_OBJECTS = frozenset({"me", "us", "him", "them"})
_NAME_WORDS = _NAME_STEMS | _AMBIGUOUS_NAMES
# Slots where a lower-case word must be a listed name to be taken.
_LISTED_ONLY_SLOTS = frozenset({None, "with", "from", "kin", "weak", "andme"})  # not "meand"
_ALONE = frozenset({None, "learned"})  # a word judged on its own, not by the slot it sits in
_AND_ME_END = frozenset({"me", "i", "myself"})
_NAME_LOOK = (_NAME_STEMS | _AMBIGUOUS_NAMES | frozenset(n + "s" for n in _AMBIGUOUS_NAMES) | _SLOT_WORDS
              | _AND_ME_END | _HONOURS | frozenset({"name", "vote", "votes", "voting", "voted"}))


# Two people said to be related: "Sky and River are twins", "Precious and Blessing are sisters",
# "Pat and Bill are my great grandparents", "Ruby and Amber are my step sisters", "jack and will r
# my cousins": any relation word in the plural, after words that say which ("great", "step",
# "foster", "half"); not "Summer and Autumn are my favourite seasons".
_PAIR_RELATIONS = sorted(
    {k + "s" for k in _KIN if not k.endswith("s") and "-" not in k} | {k for k in _KIN if k in _PLURAL_KIN}
    | _words("twins siblings stepsisters stepbrothers parents grandparents carers besties bffs"),
    key=len, reverse=True)
_PAIR_SAID = r" (?:and|&|n) ([a-z][a-z'-]*),? (?:are|were|r) "
_PAIR = _Gated(re.compile(
    rf"\b([a-z][a-z'-]*){_PAIR_SAID}(?:both )?"
    r"(?:(?:identical|twin|my|best|our|little|big|older|younger|baby|great|step|foster|half|grand|new|old"
    r"|the|in|year|\d+)\s+)*(?:" + "|".join(_PAIR_RELATIONS) + r")\b"
    r"(?! (?:fave|fav|favourite|favorite|best|own|[a-z]{2,}s)\b)"),  # not "are my mums fave flowers"
    _PAIR_SAID)
_PAIR_WORDS = frozenset(_PAIR_RELATIONS)


# Two people who start a sentence and do something together, in lower case: "summer and grace
# aint talking to me", "tj and kd r always starting fights"; both listed names or initials.
# Matched at each sentence start only (the start, and after . ! ? or a line break and a space):
# trying every position would cost far more.
_PAIR_DOING = re.compile(
    r"([a-z][a-z'-]*) (?:and|&|n) ([a-z][a-z'-]*) "
    r"(?:aint|r|keep|keeps|kept|got|get|said|told|started|always|never|both|was|were|wont|dont)\b")
# A list of people after "me" that starts a sentence, in lower case: "me grace and holly all walk
# home", "me, ruby n jade went to the park"; both listed names (words too) or initials.
# Also a chain joined by "and" all through: "me and jack and will wos playing".
_ME_LIST = re.compile(r"me,? (?:(?:and|&|n) )?([a-z][a-z'-]*),? (?:and|&|n) ([a-z][a-z'-]*)\b")
_SENTENCE_BREAK = re.compile(r"[.!?\n]")
_PAIR_DOING_WORDS = _words(
    "aint r keep keeps kept got get said told started always never both was were wont dont")
_VOWELS = frozenset("aeiouy")


def _initials_name(low: str) -> bool:
    """Two lower-case consonants that are someone's initials ("tj", "kd"), not an abbreviation."""
    return (len(low) == 2 and low.isalpha() and _VOWELS.isdisjoint(low) and low not in _INITIALS_NOT_SCHOOLS
            and low not in _STOP and low not in _KEEP and low not in _KIN and low not in _TITLES_ALL
            and low not in _SPELLING_KEYS
            and not _is_common(low))


def _pair_doing_ok(low: str) -> bool:
    # a modal in a list of people is a name: "me, will and jack go", "will and jack keep"
    if (low in _STOP and low not in _MODAL_NAMES) or low in _KEEP or low in _SUBJECTS or low in _KIN \
            or low in _TITLES_ALL:
        return False
    return low in _ANY_NAME or _initials_name(low)


def _pair_name_ok(text: str, tok: re.Match[str], low: str) -> bool:
    if low in _STOP or low in _KEEP or low in _KIN or low in _TITLES_ALL or low in _IDENTITY \
            or _place_like(low):
        return False
    if low in _ANY_NAME:
        return True
    return text[tok.start()].isupper() and not _is_common(low)


def _pair_partner_ok(low: str) -> bool:
    """The partner of a sure name in "X and Y are twins": any word no word list knows ("Mei and
    jun are twins"), or an everyday word, since only people are brothers ("river and ocean are
    brothers"); never a pronoun, a relation or a kept word ("jack and me are cousins")."""
    return (low.isalpha() and len(low) >= 3 and low not in _STOP and low not in _KEEP and low not in _KIN
            and low not in _SPELLING_KEYS and low not in _SUBJECTS and low not in _IDENTITY)


# A name at the start of a line with an age: "Ade - 17 - wants more buses", "Kacper, 15:".
_NAME_AGE = re.compile(
    r"([A-Z](?:(?<=^[A-Z])|(?<=[-–~*•][ \t][A-Z]))[a-z'’]+(?:-[A-Z][a-z'’]+)?)[ \t]*(?:[-–,:(]|aged?)"
    r"[ \t]*(?:age[ \t]*)?(?:[7-9]|1\d|2[0-5])\b[ \t]*(?:yrs?|years?(?:[ \t]+old)?|yo)?[ \t]*"
    r"(?:[-–,:();.!]|$)",  # "- Bill, 12 (my real name is ...)"
    re.MULTILINE,
)
# Capitalised words after a name that make it a place: "Victoria Park", "Stanley Road".
_PLACE_AFTER_NAME = _words("""
road rd street avenue ave crescent gardens terrace estate park close drive grove square hospital
station bridge
""")


def _after_name_and(text: str, toks: list[re.Match[str]], lows: list[str], i: int) -> bool:
    """Whether "me"/"I" at ``i`` follows "<word> and", "<word> n" or "<word> &"."""
    if text[toks[i - 1].end() : toks[i].start()].strip() == "&":
        return True
    return i >= 2 and lows[i - 1] in _AND_WORDS and not text[toks[i - 2].end() : toks[i - 1].start()].strip()


# A third-person verb after a word: "my mate will posts", "my cousin rose lives". A modal "will"
# or a past tense "rose" is never followed by one.
_NOT_VERBS_S = _words("""
always sometimes perhaps less unless this thus plus was has is does his hers its yours ours theirs
us as bus across nervous serious famous jealous obvious anxious upstairs downstairs outdoors indoors
""")
_SURNAME_WORDS = _words("name names surname surnames nickname")


def _verb_s(low: str) -> bool:
    return (len(low) >= 4 and low.endswith("s") and not low.endswith(("ss", "'s"))
            and low not in _NOT_VERBS_S and low not in _STOP)


def _name_by_its_clause(
    text: str, toks: list[re.Match[str]], lows: list[str], i: int, slot: str | None
) -> bool:
    """Names that are also words, told apart by the words around them: "me and summer got
    told off", "me and will go", "my cousin rose lives with us", "sky's mum", "Smith-Okafor is
    my surname"."""
    low = lows[i]
    last = len(lows) - 1
    base = low.removesuffix("'s")
    if slot == "meand" and (low in _AMBIGUOUS_NAMES or (low in _ANY_NAME and low in _WORDLIKE_NAMES)) \
            and low not in _SUBJECTS and low not in _KEEP and low not in _STOP_NOT_NAMES:
        return True  # "me and summer", "me and will", "me and ivy", "me and willow": "me and" is
        # followed by a person, even one named after a word
    if slot == "kin" and low in _AMBIGUOUS_NAMES and i and lows[i - 1] not in _PLURAL_KIN and i < last \
            and _verb_s(lows[i + 1]):
        return True  # "my mate will posts", "my cousin rose lives"; not "my mate will post"
    if slot == "kin" and _kin_name_then_verb(text, toks, lows, i):
        return True  # "my boss will said", "uncle des gets drunk", "my mum shelly sed"
    if slot == "kin" and i and lows[i - 1] in _PLURAL_KIN and i + 2 <= last and lows[i + 1] in _AND_WORDS \
            and text[toks[i].end() : toks[i + 2].start()] == " " + lows[i + 1] + " " \
            and low not in _MODAL_NAMES and _coordinated_name(text, toks, lows, i + 2):
        return True  # "my friends bill and rose and me made a den"; not "my friends hope and pray"
    if i > 2 and low in _AMBIGUOUS_NAMES and lows[i - 1] in {"is", "was"} and lows[i - 2] in _KIN \
            and lows[i - 2] not in _PLURAL_KIN and lows[i - 3] in {"my", "our", "his", "her", "best"} \
            and text[toks[i].start()].isupper() and not text[toks[i].end():toks[i].end() + 1].isalpha():
        return True  # "my buddy was Faith", "my best friend is Summer"
    if low.endswith("'s") and base in _AMBIGUOUS_NAMES and i < last and lows[i + 1] in _KIN \
            and not (i and lows[i - 1] in _DETERMINERS):
        return True  # "sky's mum picks us up"
    if i + 3 <= last and lows[i + 1] == "is" and lows[i + 2] in {"my", "our", "his", "her"} \
            and lows[i + 3] in _SURNAME_WORDS and text[toks[i].start()].isupper():
        return not (low in _STOP or low in _KEEP or _is_common(base))  # "Smith-Okafor is my surname"
    if slot in {"title", "title."} and low in _INITIALS_LIKE_WORDS and i + 2 <= last and (
            lows[i + 1] in _PERSON_VERBS or (lows[i + 1] == "the" and any(
                w in _ROLE_NOUNS or w in _KIN for w in lows[i + 2 : i + 5]))):
        return True  # "mr a the science teacher said", "miss c said": an initial "a" or "c" that
        # a role or a person's verb follows; not "ask sir a question", "tell miss u hit us"
    capital = text[toks[i].start()].isupper() and not text[toks[i].start() : toks[i].end()].isupper()
    if capital and i + 2 <= last and lows[i + 1] == "my" \
            and text[toks[i].end() : toks[i + 1].start()].strip() in _APPOSITION_MARKS \
            and any(w in _APPOSITION or w in _KIN for w in lows[i + 2 : i + 5]):
        return _word_may_be_name(low)  # "River (my little brother) has autism", "Sky, my best mate,"
    if capital and 2 <= i < last and low in _ANY_NAME and not _place_like(low) \
            and text[toks[i - 1].end() : toks[i].start()].strip() == "," \
            and text[toks[i].end() : toks[i + 1].start()].strip() == "," \
            and _person_described_before(text, toks, lows, i):
        return True  # "the girl who runs the juice bar at the leisure centre, Amber, is really kind",
        # "the man at the shop, Bill, lets us": a person described, then named between commas
    if (capital or (low in _ANY_NAME and _sentence_start(text, toks, i))) and i + 2 <= last \
            and lows[i + 1] in {"is", "was"} and (
            lows[i + 2] in _IDENTITY or lows[i + 2] == "non"):
        return _word_may_be_name(low)  # "River is non binary", "Jay is autistic"
    if i and (lows[i - 1] in _IM or (i > 1 and lows[i - 2] == "i" and lows[i - 1] == "am")) \
            and _AGE_AFTER_NAME.match(text, toks[i].end()):
        return low not in _SUBJECTS and _word_may_be_name(low)  # "im mark im 10", "i'm will, 12"
    return False


def _person_described_before(text: str, toks: list[re.Match[str]], lows: list[str], i: int) -> bool:
    """Whether the words before word ``i``, in its sentence, describe a person: "the girl who
    runs the juice bar", "the lady at the shop", "my neighbour"."""
    j = i - 2
    while j >= 0 and i - j <= 14 and not _after_break(text, toks[j + 1].start()):
        if lows[j] in _PERSON_NOUNS or lows[j] in _APPOSITION or lows[j] in _ROLE_NOUNS \
                or lows[j] in {"lady", "who"}:
            return True
        j -= 1
    return False


# What a person does or is, straight after a relation or a job and a name: "my boss will said",
# "uncle des gets drunk", "my mum shelly sed", "my supervisor grace is"; a modal never takes these.
_KIN_NAME_VERBS = _PAST_AFTER_KIN | _PERSON_VERBS
_KIN_NAME_SPELT = frozenset(k for k, v in _SPELLINGS.items() if v in _KIN_NAME_VERBS)  # "sed", "sez"
# Words after a relation word that are no name: "my mum tho said", "my dad fella has".
_NOT_KIN_NAMES = _words("tho tho' though fella fellah hubby wifey missus lowkey deffo defo proper")


def _kin_name_then_verb(text: str, toks: list[re.Match[str]], lows: list[str], i: int) -> bool:
    """A lower-case word after a singular relation word or an owned job, before what a person
    does: a listed name (a word or a modal too: "my boss will said") or a word no list knows, of
    three letters or more ("uncle des gets", "my mum shelly sed"); not "my mum makes cakes", "my
    nan house is", "my mum will get"."""
    if i == 0 or i + 1 >= len(lows) or lows[i - 1] in _PLURAL_KIN or not text[toks[i].start()].islower():
        return False
    if text[toks[i - 1].end() : toks[i].start()] != " " or text[toks[i].end() : toks[i + 1].start()] != " ":
        return False
    low, nxt = lows[i], lows[i + 1]
    if not (nxt in _KIN_NAME_VERBS or nxt in _KIN_NAME_SPELT or (_verb_s(nxt) and nxt not in _KIN)):
        return False
    if not low.isalpha() or len(low) < 3 or low in _KEEP or low in _SUBJECTS or low in _KIN \
            or low in _PEOPLE or low in _TITLES_ALL or low in _SPELLING_KEYS or low in _PAST_TENSE_NAMES \
            or low in _IDENTITY or low in _NOT_KIN_NAMES:
        return False
    if low in _ANY_NAME:
        return low not in _STOP or low in _MODAL_NAMES
    if low.endswith("ly") and (len(low) >= 7 or _is_common(low[:-2])):
        return False  # "my mum literally said", "my boss really is"; but "my mum shelly sed"
    return not (low in _STOP or _is_common(low) or low.endswith(("ed", "ing")) or _place_like(low)
                or _two_words(low))


# Initials that are also words or text-speak ("a", "c" for "see"), unlike "u", "r" or "n".
_INITIALS_LIKE_WORDS = frozenset({"a", "c"})
# What sets a name apart before "my brother": "River (my little brother)", "Sky, my best mate".
_APPOSITION_MARKS = frozenset({"(", ",", "-", "–"})
_IM = frozenset({"im", "i'm"})
# An age straight after a name: "im mark im 10", "i'm will, 12", "im jo and im 11".
_AGE_AFTER_NAME = re.compile(
    r"[ \t]*[,-]?[ \t]*(?:(?:and|&)[ \t]+)?(?:(?i:i'?m|i[ \t]+am|i’m|age|aged)[ \t]+)?"
    r"(?:[4-9]|1\d)\b(?![:.,]?\d)")


def _word_may_be_name(low: str) -> bool:
    """A listed name, or a word that is no ordinary word, place, title or relation."""
    return low in _ANY_NAME or not (low in _STOP or low in _KEEP or low in _TITLES_ALL or low in _KIN
                                    or low in _IDENTITY or _is_common(low) or _place_like(low))


# What two people starting a sentence do next: "grace and summer keep leaving me out", "mark and
# bill from the farm taught me", "kenz and Shay were smoking".
_PAIR_NEXT = _PERSON_VERBS | _words("""
keep keeps kept always both got get gets from never wont dont say tell call laugh push hit
""")
_PAIR_NEXT_BE = _PAIR_NEXT | _words("are were")



# Whom a deed is done to: "ignored me", "stopped talking to us", "laughed at me".
_DEED_OBJECTS = _words("me us")


def _done_to_writer(lows: list[str], j: int) -> bool:
    """Whether word ``j`` is a verb in the past tense or the present ("-s") with the writer
    as its object within three words: "stopped talking to me", "blocked me", "lets us"."""
    verb = lows[j]
    if not (verb in _PAST_VERBS or (len(verb) >= 5 and verb.endswith("ed")) or _verb_s(verb)):
        return False
    return any(w in _DEED_OBJECTS for w in lows[j + 1 : j + 4])


def _names_paired(text: str, toks: list[re.Match[str]], lows: list[str], k: int) -> bool:
    """Two listed names (words too) joined by "and" at ``k`` that start a sentence, before what a
    person does; not two virtues or two months ("hope and faith keep me going")."""
    if k < 1 or k + 2 >= len(toks) or not _sentence_start(text, toks, k - 1):
        return False
    # "jack and will in my class are always fighting": two people in a class; "grace and holly
    # stopped talking to me", "mark and bill ignored me": a deed done to the writer
    if lows[k + 2] not in _PAIR_NEXT and _class_after(text, toks, lows, k + 1) is None \
            and not _done_to_writer(lows, k + 2):
        return False
    a, b = lows[k - 1], lows[k + 1]
    if any(w not in _NAME_WORDS or w in _SUBJECTS or w in _KEEP or w in _STOP_NOT_NAMES for w in (a, b)):
        return False
    if (a in _VIRTUE_NAMES and b in _VIRTUE_NAMES) or (a in _CALENDAR_NAMES and b in _CALENDAR_NAMES):
        return False
    return all(text[toks[j].end() : toks[j + 1].start()] == " " for j in (k - 1, k, k + 1))


# Two people said to be something only people are, after "are", "were" or a spelling of them:
# "may and june are in my class", "precious and favour are my cusins", "nowak and kowalski are the
# boys who tripped me up", "okonkwo and adeyemi wer laffing at me", "grace and mark are going out",
# "Destiny and Ruby are always on the swings"; not "summer and autumn are my favourite seasons",
# "hope and faith are important to me", "maths and english are boring".
_PAIR_BE = _words("are were r wer wr ar was is")
# Opening words before such a pair: "in pe okonkwo and adeyemi ...", "at break ...", "tbh ...".
_PAIR_LEADS = _ASIDE_OPENERS | _CLAUSE_OPENERS | _words("if till until yesterday today tonight omg")
_PAIR_SCENES = _words("in at after before during on")
# Words after "are" that say how things are, not what two people do: "are boring", "are amazing".
_ING_STATES = _words("""
boring amazing annoying interesting exciting relaxing calming inspiring confusing disgusting
embarrassing frustrating terrifying scary everything nothing something anything
""")
_PAIR_PEOPLE = _PERSON_NOUNS | _words("one ones people kids lads girls boys bullies twins")
_PAIR_STILL = _words("always never both all still")
_OWNED_AFTER = _words("fave fav favourite favorite best own")


def _pair_opened(text: str, toks: list[re.Match[str]], lows: list[str], j: int) -> bool:
    """Whether word ``j`` opens a sentence or a clause, perhaps after a scene of two or three words
    that starts the sentence ("in pe", "at break time")."""
    if _sentence_start(text, toks, j) or lows[j - 1] in _PAIR_LEADS:
        return True
    return any(j - n >= 0 and lows[j - n] in _PAIR_SCENES and _sentence_start(text, toks, j - n)
               for n in (2, 3))


def _pair_is_people(lows: list[str], k: int) -> str | None:
    """What the words after "are" at ``k`` say two people are: "strong" (a relation, a class, "the
    boys who", a doing), "still" ("always on the swings"), or None."""
    rest = lows[k + 1 : k + 6]
    if not rest:
        return None
    if rest[0] in {"my", "our"}:
        j = next((j for j in range(2, 5) if j <= len(rest) and rest[j - 1] not in _KIN_ADJECTIVES), 0)
        kin = _kin_typo(rest[j - 1]) or rest[j - 1] if j else ""
        if rest[j : j + 1] and (rest[j] in _OWNED_AFTER or (len(rest[j]) > 2 and rest[j].endswith("s"))):
            return None  # "are my mums fave flowers", "are my dads cars": whose things, not people
        return "strong" if (kin in _KIN or kin.removesuffix("s") in _KIN or kin in _APPOSITION
                            or kin.removesuffix("s") in _APPOSITION) else None
    if rest[0] == "the" and any(w in _PAIR_PEOPLE for w in rest[1:3]):
        return "strong"  # "are the boys who", "were the only ones"
    if rest[0] in _PAIR_STILL:
        return "still"
    ing = rest[0]
    if len(ing) >= 5 and ing.endswith("ing") and ing not in _ING_STATES:
        return "strong"  # "are going out", "wer laffing at me", "were being mean"
    return None


def _pair_said_to_be(text: str, toks: list[re.Match[str]], lows: list[str], k: int) -> bool:
    """Two names (listed, or no word at all) joined by "and" at ``k`` that open a clause, said by
    "are" to be what only people are (see _PAIR_BE)."""
    if k < 1 or k + 3 >= len(toks) or lows[k + 2] not in _PAIR_BE:
        return False
    if not all(text[toks[j].end() : toks[j + 1].start()] == " " for j in (k - 1, k, k + 1)):
        return False
    a, b = lows[k - 1], lows[k + 1]
    if not _pair_opened(text, toks, lows, k - 1):
        return False
    if lows[k + 2:k + 4] == ["in", "my"] or _class_after(text, toks, lows, k + 2) is not None:
        said = "strong"  # "are in my class", "were in year 8"
    else:
        said = _pair_is_people(lows, k + 2)
    if said is None:
        return False
    listed = [w in _NAME_WORDS and w not in _SUBJECTS and w not in _KEEP and w not in _STOP_NOT_NAMES
              for w in (a, b)]
    if not all(ok or (said == "strong" and (_unknown_word(w) or w in _WORD_VIRTUE_NAMES))
               for ok, w in zip(listed, (a, b), strict=True)):
        return False
    words = sum(w in _VIRTUE_NAMES or w in _WORD_VIRTUE_NAMES or w in _CALENDAR_NAMES or w in _MASS_NAMES
                or w in _PLANT_NAMES for w in (a, b))
    # not "summer and autumn are always warm", "hope and faith are keeping me going"
    return not (words == 2 and (said != "strong" or lows[k + 3].endswith("ing")))


# Company kept: "with" then two people ("went to the club with ray and denise", "i walk home with
# jack and holly"); not two virtues, months, flavours or moods ("with hope and faith", "with honey
# and ginger", "with grace and dignity": the second is no name; "with holly and ivy": plants).
_WITH_PAIR = _words("with w")
# Words a lower-case name on its own never follows: a subject pronoun takes a verb, an owner a noun.
_NO_NAME_AFTER = _words("it he she they my our their your ur")
_NOT_PAIRED_NAMES = _VIRTUE_NAMES | _CALENDAR_NAMES | _MASS_NAMES | _STATE_NAMES


def _pair_after_with(text: str, toks: list[re.Match[str]], lows: list[str], k: int) -> bool:
    """Two listed names (words too) joined by "and" at ``k``, straight after "with"."""
    if k < 2 or k + 1 >= len(toks) or lows[k - 2] not in _WITH_PAIR:
        return False
    pair = (lows[k - 1], lows[k + 1])
    if any(w not in _ANY_NAME or w in _STOP_NOT_NAMES or w in _KEEP or w in _SUBJECTS or w in _KIN
           for w in pair) or all(w in _NOT_PAIRED_NAMES for w in pair) \
            or all(w in _PLANT_NAMES for w in pair):
        return False
    if pair[1] in _NOT_PAIRED_NAMES and k + 2 < len(lows) and lows[k + 2] not in _PAIR_NEXT:
        return False  # "with ray and summer": the second only when a person's doing follows
    return all(text[toks[j].end() : toks[j + 1].start()] == " " for j in (k - 2, k - 1, k))


def _after_honour(text: str, toks: list[re.Match[str]], lows: list[str], i: int) -> bool:
    """Whether the word at ``i`` is part of a name after a capitalised honour: "Dame Rachel de Souza"."""
    for j in range(i - 1, max(-1, i - 4), -1):
        if lows[j] in _HONOURS:
            return text[toks[j].start()].isupper()
        if not (text[toks[j].start()].isupper() or lows[j] in _NAME_PARTICLES):
            return False
    return False


# A titled person who has a place in a child's own school, group or family is a private person:
# "Lord Ashworth is the chair of governors", "Lady Thornton is a governor at our school", "Sir
# Harrow came to our council", "Mr Bean is our new dt teacher"; not "Lord Sugar", "Dame Rachel de
# Souza asked us", "Mr Bean is so funny".
_LOCAL_ROLES = _KIN | _words(
    "governor governors chair chairman chairwoman trustee trustees head headteacher patron")
_VISIT_VERBS = _words("came comes come visited visits visit")


# What follows a person asked or told to do something: "asked joy to come", "told grace if".
_ASKED_NEXT = _words("to if whether not")


def _asked_to_do(lows: list[str], i: int) -> bool:
    """A listed name (a word too, perhaps) asked or told to do something: "i asked joy to come
    to the youth club", "i told hope not to", "asked holly if she"; not "asked for help", "told
    lies to"."""
    low = lows[i]
    return (i + 2 < len(lows) and (lows[i - 1] in _ASK_WORDS or lows[i - 1] in _TELL_WORDS)
            and lows[i + 1] in _ASKED_NEXT and low in _ANY_NAME and low not in _STOP and low not in _KEEP
            and low not in _SUBJECTS and low not in _CALENDAR_NAMES)


def _held_locally(lows: list[str], i: int) -> bool:
    """Whether the titled name at ``i`` is a governor, a chair or a relation ("is the chair of
    governors", "was our head"), or came to "our" school or group."""
    after = lows[i + 1 : i + 6]
    if after[:1] in (["is"], ["was"]):
        return any(w in _LOCAL_ROLES for w in after[1:5])
    return after[:1] != [] and after[0] in _VISIT_VERBS and "our" in after[1:4]


_PRONOUNS = _words("they she he xe ze")


# Votes are cast for people: "vote Jack", "vote for Amira as rep", "vote for me Hope" (a
# candidate's own name after "me"); not "vote for change", "vote for hope" (lower-case words).
_VOTE_WORDS = _words("vote votes voting voted")


def _voted_for(text: str, toks: list[re.Match[str]], lows: list[str], i: int) -> int:
    """The word a vote at ``i`` is for: after "for", and after "me" before a capitalised word."""
    j = i + 1
    if lows[j] == "for" and j < len(toks) - 1:
        j += 1
    if lows[j] == "me" and j < len(toks) - 1 and _capitalised_word(text, toks[j + 1]) \
            and text[toks[j].end() : toks[j + 1].start()].strip() in {"", ",", "-"}:
        j += 1
    return j


def _detect_name(a: _Answer) -> Iterator[Redaction]:
    # The learned model's picks go through the same checks as the rules' slots (kept phrases,
    # public figures, characters, places, history), as a slot of their own.
    learned = learned_names(a.text, words=a.words)
    if not learned and a.words.isdisjoint(_NAME_LOOK) and a.words.isdisjoint(_PERSON_VERBS) \
            and a.words.isdisjoint(_SUBJECT_CUES) and not (
            a.digit and _NAME_AGE.search(a.text)):
        return
    text = a.text
    # Tokens of the lower-cased text share the original's positions (when lower-casing kept
    # the length), so one regex pass gives both the words to look up and where they are.
    low_text = a.lower.replace("’", "'")
    if len(low_text) == len(text):
        toks = list((_NAME_TOKEN if low_text.isascii() else _NAME_TOKEN_WIDE).finditer(low_text))
        lows = [t.group() for t in toks]
    else:
        toks = list(_NAME_TOKEN_WIDE.finditer(text))
        lows = [_lower(t.group()) for t in toks]
    # "my big bruther jack": read as "brother" (which may bring a hyphen: "step-mum")
    fixed = not a.words.isdisjoint(_KIN_OWNERS) and _fix_kin_typos(lows)
    last = len(toks) - 1
    # Which words to judge, and in what kind of slot (None: on its own, as a listed name).
    slots: dict[int, str | None] = {}
    by_start: dict[int, int] = {}

    def starts_at() -> dict[int, int]:  # each word's index by where it starts, made when first needed
        if not by_start:
            by_start.update((t.start(), i) for i, t in enumerate(toks))
        return by_start

    verbs = not a.words.isdisjoint(_PERSON_VERBS)
    sign_off = "-" in text or "–" in text or "~" in text

    # Words before a person's verb, or in a sign-off at the end, found once for the whole answer.
    in_context = {i - 1 for i, low in enumerate(lows) if i and low in _PERSON_VERBS} if verbs else set()
    if sign_off:
        in_context.update(i for i in range(max(1, last - 2), last + 1)
                          if text[toks[i - 1].end() : toks[i].start()].strip() in _SIGN_OFF)

    if "-" in low_text or "'" in low_text or fixed:
        candidates = [i for i, low in enumerate(lows) if low in _NAME_LOOK or "-" in low or "'" in low]
    else:  # no word is joined: only the words lists look for
        candidates = [i for i, low in enumerate(lows) if low in _NAME_LOOK]
    if verbs or sign_off:  # and words before a person's verb, or a capitalised one before "who"
        more = in_context.union(k - 1 for k in (_positions(lows, "who") if "who" in a.words else ())
                                if k and text[toks[k - 1].start()].isupper())
        if more:
            candidates = sorted(more.union(candidates))
    nicknames = _nicknames(text, toks, lows) if not a.words.isdisjoint(_NICKNAME_BIG) else {}
    if "was" in a.words and not a.words.isdisjoint(_NAME_WORDS_SAID):
        # "her name was Grace", "my nickname from year 7 was Noodle": "was" opens a slot after "name"
        after_name = [i for i in _positions(lows, "was") if i and (lows[i - 1] == "name" or (
            i < last and _name_where_used(lows, i)))]
        candidates = sorted(set(candidates).union(after_name))
    if "nickname" in a.words:
        for k in _positions(lows, "nickname"):
            j = _named_before_nickname(text, toks, lows, k)
            if j is not None:
                slots[j] = "nickname"  # "tiny is my best friends nickname", "Moose was his nickname"
    if "my" in a.words:  # "Pip my key worker", "Darnell my PA"
        before_my = [i - 1 for i in _positions(lows, "my") if i and text[toks[i - 1].start()].isupper()]
        if before_my:
            candidates = sorted(set(candidates).union(before_my))
    nicknamed: dict[int, int] = {}  # a name's start: the start of "Big" or "Little" before it
    for i, start in nicknames.items():
        nicknamed[toks[i].start()] = start
        slots[i] = "nickname"  # "if Big Mo wasnt selling", "the lad who runs it, Big Mo, got me"
    for i in candidates:
        low = lows[i]
        if (low in _SLOT_WORDS or low == "was") and i < last:
            if (low in _TALK_WORDS or low in _ASK_WORDS) and i + 1 < last and lows[i + 1] in _TO_FOR \
                    and text[toks[i].end() : toks[i + 1].start()].isspace() \
                    and text[toks[i + 1].end() : toks[i + 2].start()].isspace():
                slots[i + 2] = "with"  # "i talk to Pip", "ask for Dom"
            if low in _SIT_WORDS and i + 2 < last and lows[i + 1] == "next" and lows[i + 2] == "to":
                slots[i + 3] = "with"  # "i sit next to Tafadzwa in maths"
            slot = _opened_slot(text, toks, lows, i)
            if slot == "kin" and i + 2 <= last and lows[i + 1] in _NICKNAME_ADJECTIVES \
                    and text[toks[i + 1].start()].isupper() and text[toks[i + 2].start()].isupper() \
                    and text[toks[i + 1].end() : toks[i + 2].start()] == " ":
                nicknamed[toks[i + 2].start()] = toks[i + 1].start()  # "my brother Big Jay"
                slots[i + 2] = slot
            elif slot:
                slots[i + 1] = slot
        if low in _HONOURS and i < last and _capitalised_word(text, toks[i]) \
                and _capitalised_word(text, toks[i + 1]) and lows[i + 1] not in _HONOURS:
            slots[i + 1] = "title"  # "Lord Ashworth is the chair of governors" (see _held_locally)
        if low in _VOTE_WORDS and i < last:
            slots[_voted_for(text, toks, lows, i)] = "with"  # "vote Jack", "vote for me Hope"
        if low in _AND_ME_END and i and _after_name_and(text, toks, lows, i):
            j = i - 1 if lows[i - 1] not in _AND_WORDS else i - 2
            if slots.get(j) is None:  # a listed name on its own gets the stronger "and me" slot
                slots[j] = "andme"
        if low in _NAME_WORDS or "-" in low or "'" in low or i in in_context or (
                i < last and (lows[i + 1] in {"who", "my"} or lows[i + 1] in _POSSESSED)
                and text[toks[i].start()].isupper()):
            slots.setdefault(i, None)
    if not a.words.isdisjoint(_PAIR_WORDS) and len(low_text) == len(text):
        starts = starts_at()
        for m in _PAIR.finditer(low_text):
            pair = [starts.get(m.start(g)) for g in (1, 2)]
            sure = [i is not None and _pair_name_ok(text, toks[i], lows[i]) for i in pair]
            for i, ok, other in zip(pair, sure, reversed(sure), strict=True):
                if i is not None and (ok or (other and _pair_partner_ok(lows[i]))):
                    slots[i] = "pair"  # "Sky and River are twins", "hope and faith are sisters"
    if "and" in a.words:
        for k in _positions(lows, "and"):
            if _names_paired(text, toks, lows, k) or _pair_said_to_be(text, toks, lows, k):
                slots[k - 1] = slots[k + 1] = "pair"  # "grace and summer keep leaving me out"
            elif _pair_after_with(text, toks, lows, k):
                for j in (k - 1, k + 1):  # "with ray and denise"; a stronger slot of its own stays
                    if slots.get(j) in {None, "from"}:
                        slots[j] = "pair"
    doing, me_list = not a.words.isdisjoint(_PAIR_DOING_WORDS), "me" in a.words
    if ("and" in a.words or "n" in a.words or "&" in text) and (doing or me_list) \
            and len(low_text) == len(text) and text != low_text.upper():
        starts = starts_at()
        breaks = [b.end() for b in _SENTENCE_BREAK.finditer(text)]
        opens = sorted({0, *breaks, *(b + 1 for b in breaks if text[b : b + 1] == " ")})
        matches = [_PAIR_DOING.match(text, p) for p in opens] if doing else []
        matches += [_ME_LIST.match(text, p) for p in opens] if me_list else []
        for m in filter(None, matches):
            pair = [starts.get(m.start(g)) for g in (1, 2)]
            if None not in pair and all(_pair_doing_ok(lows[i]) for i in pair):
                for i in pair:
                    slots[i] = "pair"
    if verbs and len(low_text) == len(text):
        for i in range(last):
            if lows[i + 1] in _PERSON_VERBS and _initials_name(lows[i]) and text[toks[i].start()].islower() \
                    and _sentence_start(text, toks, i):
                slots[i] = "pair"  # "jj said kacper nicked his airpods": initials that speak
    if "/" in text and not a.words.isdisjoint(_PRONOUNS):
        for k in range(1, last):
            if lows[k] in _PRONOUNS and text.startswith("/", toks[k].end()) \
                    and text[toks[k - 1].end() : toks[k].start()] in {" (", " ", " - ", ", "} \
                    and _word_may_be_name(lows[k - 1]) and lows[k - 1] not in _SUBJECTS \
                    and lows[k - 1] not in _PRONOUNS and lows[k - 1] not in _STOP:
                slots[k - 1] = "pair"  # "River (they/them) is my best mate": only a person has pronouns
    if "uses" in a.words and "/" in text:
        for k in _positions(lows, "uses"):
            if 0 < k < last and lows[k + 1] in _PRONOUNS and text.startswith("/", toks[k + 1].end()) \
                    and lows[k - 1] not in _STOP and lows[k - 1] not in _KEEP:
                slots[k - 1] = "pair"  # "river uses they/them": only a person has pronouns
    if not (a.words.isdisjoint(_SUBJECT_CUES) and a.words.isdisjoint(_AMBIGUOUS_NAMES)
            and a.words.isdisjoint(_SUBJECT_VERB_CUES)):
        for i in _clause_subjects(text, toks, lows):
            if slots.get(i) != "pair":
                slots[i] = "subject"  # "will took my ball", "jaydn keeps pushing me", "Faith is nice to me"
    if a.digit and len(low_text) == len(text):
        starts = starts_at()
        for m in _NAME_AGE.finditer(text):
            i = starts.get(m.start(1))
            if i is not None:
                slots[i] = "weak"  # "Ade - 17 - wants more buses", "- Kacper, 15"
    if learned:
        starts = starts_at()
        for start, _ in learned:
            if start in starts:
                slots.setdefault(starts[start], "learned")
    found: list[tuple[int, int]] = []
    pets = _pet_names(text, toks, lows) if not a.words.isdisjoint(_PET_WORDS) else set()
    not_real = "real" in a.words and _NOT_REAL.search(text) is not None
    shouting = text.upper() == text  # all capitals: short capitalised words may be names
    kept = []
    if len(low_text) == len(text) and not a.words.isdisjoint(_KEEP_PHRASE_WORDS):
        kept = [m.span() for m in _KEEP_PHRASES.finditer(low_text)]
    if not a.words.isdisjoint(_PUBLIC_SURNAMES):
        kept += [(toks[i - 1].start(), toks[i].end()) for i in range(1, last + 1)
                 if lows[i] in _PUBLIC_SURNAMES and (lows[i - 1], lows[i]) in _PUBLIC_FIGURES]
    for i in sorted(slots):
        slot = slots[i]
        start, end = toks[i].span()
        if (
            slot in _LISTED_ONLY_SLOTS
            and text[start].islower()
            and not (slot == "kin" and (lows[i - 1] in _TITLE_KIN or lows[i] in _WORD_VIRTUE_NAMES))
            and lows[i] not in _NAME_WORDS
            and "-" not in lows[i]
            and lows[i].removesuffix("'s") not in _NAME_WORDS
            and not (slot in {"kin", "with"} and _is_nickname(lows[i]))
            and not (slot in {"kin", "andme"} and _unknown_word(lows[i]))  # "my sister daryna"
            and not (slot == "kin" and _kin_name_then_verb(text, toks, lows, i))  # "uncle des gets"
            and not (slot is None and lows[i] in _SURNAMES)  # "patel kicked my bag"
        ):
            continue  # a lower-case word that is no listed name: the commonest case, so first
        if slot == "kin" and text[start].islower() and i < last and lows[i + 1] in _VERB_OBJECTS \
                and lows[i] not in _WORD_VIRTUE_NAMES and text[end : toks[i + 1].start()] == " ":
            continue  # "kez my bestie lent me her id", "my mum bought us": a verb, then whom it is done to
        if kept and any(a <= start < b for a, b in kept) and not (
                i and lows[i - 1] in _TITLES and _held_locally(lows, i)):
            continue  # "Harry Potter", "lost marys": characters and brands; but "Mr Bean is our new dt
            # teacher": a titled character's name said to be one's teacher is a real person's
        if lows[i] in _INITIALS_NOT_SCHOOLS and not shouting and text[start:end].isupper():
            continue  # "my brothers SEN transport": an acronym
        if lows[i] == "frank" and text[start:end] == "FRANK" and not shouting:
            continue  # "the FRANK website": the drugs advice service, written in capitals
        if lows[i] in _OFFICE_WORDS:
            continue  # "Dear Mr Mayor", "dear mr pcc", "the Police and Crime Commissioner said": an office
        if _after_honour(text, toks, lows, i) and not _held_locally(lows, i):
            continue  # "Dame Rachel de Souza", "Lord Sugar": a public figure
        if i and lows[i - 1] in {"pronounced", "pronounce", "pronouncing"}:
            continue  # "Eilidh (pronounced ay-lee)": how a name sounds, already taken
        if slot in _ALONE and i < last and lows[i + 1] in _PLACE_AFTER_NAME \
                and text[toks[i + 1].start()].isupper() and text[end : toks[i + 1].start()] == " ":
            continue  # "Victoria Park", "Stanley Road": a place named after someone
        if i and lows[i - 1] in {"st", "saint"} and text[toks[i - 1].end() : start].strip() in {"", "."}:
            continue  # "St Mary's church", "St Peter and St Paul": a saint names a place
        if (i and lows[i - 1] in _ROYAL_TITLES) or (
                i < last and (lows[i + 1] == "the" or text[toks[i + 1].start()] in "IVXivx")
                and _REGNAL.match(text, end)):
            continue  # "Queen Victoria", "King Arthur", "Henry VIII", "Henry the Eighth": history
        if slot in _ALONE and i and lows[i - 1] in {"in", "near", "around", "outside"} and "'" not in lows[i]:
            continue  # "a skate park in Harlow": a place, not a person
        if slot in _ALONE and i and lows[i - 1] in _PLACE_PREFIXES and text[toks[i - 1].start()].isupper() \
                and text[toks[i - 1].end() : start] == " ":
            continue  # "Great Glen", "East Mercia", "Market Harborough": part of a place name
        if (slot in _ALONE or slot == "andme") and i > 1 and lows[i - 1] in _PLACE_PREFIXES \
                and lows[i - 2] in _PLACE_BEFORE \
                and text[toks[i - 1].start()].islower() and text[toks[i - 1].end() : start] == " ":
            continue  # "lives in kings lynn", "near market harborough": a place in lower case
        if slot in _ALONE and i > 1 and lows[i - 1] in _WATER_WORDS and lows[i - 2] == "the":
            continue  # "on the river Wensum", "the lake Windermere": a river's or a lake's name
        if slot in _ALONE and i and lows[i - 1] in _CHANNEL_OWNERS and text[start].islower():
            continue  # "my youtube chanel": a misspelt channel, not Chanel
        if slot is None and text[start].islower() and i and lows[i - 1] in _DETERMINERS:
            continue  # "a panini", "the jasmine": a lower-case word after "a" or "the" is a thing
        if slot in _ALONE and text[start].islower() and i and lows[i - 1] in _NO_NAME_AFTER \
                and text[toks[i - 1].end() : start] == " ":
            continue  # "it maks me sad", "he maks maths fun", "my emal is": a misspelt verb or noun
            # where no bare name stands, after a subject pronoun or an owner
        if slot in _ALONE and i < last and lows[i + 1] == "of" and lows[i] in _WORDLIKE_NAMES:
            continue  # "Ray of sunshine", "Rose of Sharon": the word, not the name
        if i in pets or (lows[i] in _PET_WORDS and ((i and lows[i - 1] in _OWNED) or (
                text[start].islower() and lows[i].endswith("s")))):
            continue  # "my dog is called Max", "with my teddys": a pet's or a toy's name
        if _famous_by_cue(text, toks, lows, i) or _vs_figure(lows, i) \
                or (not_real and lows[i] not in _ANY_NAME):
            continue  # "steve from minecraft", "youtubers r chunkz and niko", "she is not real"
        if _a_thing_or_place(text, toks, lows, i, slot):
            continue  # "Jan was the worst month", "T levels", "dev team", "moved from Dublin"
        if _a_title_or_brand(text, toks, lows, i, a.words):
            continue  # "Trunchbull from Matilda", "Sonic is the best game", "at Claire's", "PowerPoints"
        word, length = _token_base(text[start:end])
        if not word:
            continue
        if slot == "andme":  # "Kacper and me", "Zofia n I", "Jake & me"; not "near Hexham and I"
            ok = (word[0].isupper() and _capitalised_name_ok(_lower(word)) and not _place_like(_lower(word))
                  and not (i and lows[i - 1] in {"in", "near", "at", "to", "from", "around"})
                  and not (start and text[start - 1] in "&/"))  # "go to A&E and I waited"
            # A name that is also a word, and any name in lower case, only when it starts the
            # sentence: "will and me are in the same team", "Summer and I"; not "finished on 20
            # June and I" or "we did art and me and jo made a pot".
            if lows[i] in _AMBIGUOUS_NAMES or word[0].islower():
                # in lower case also a word no word list knows: "chidimna and me we are ..."
                ok = ((ok or lows[i] in _ANY_NAME or _unknown_word(lows[i])) and lows[i] not in _KEEP
                      and lows[i] not in _SUBJECTS and _sentence_start(text, toks, _list_head(text, toks, i)))
            # "im summer and i hate ...": "and i" after a name that is also a word, in its own slot
            ok = ok or _word_name_in_person_slot(text, toks, lows, i, word)
        elif slot == "learned":  # never a title or kin word: "Mr and Mrs [name]"
            base = _lower(word)
            ok = not _place_like(base) and base not in _TITLES_ALL and base not in _KIN
        elif slot in {"pair", "subject", "nickname"}:
            ok = True
        elif slot:
            ok = _slot_accepts(word, slot, lows[i - 1]) or _name_by_what_follows(text, toks, lows, i, word) \
                or (slot == "with" and _asked_to_do(lows, i))
        else:
            ok = _name_by_what_follows(text, toks, lows, i, word) or _signed_off(text, toks, lows, i, word)
        if not ok and _name_by_its_clause(text, toks, lows, i, slot):
            ok = True
        if not ok and word.isupper() and len(word) <= 4 and shouting is False:
            continue  # an acronym in ordinary writing: "bring back the EMA"
        if (ok or _is_listed_name(word) or _name_before_surname(text, toks, lows, i, word)) \
                and not _named_as_character(text, toks, lows, i):
            found.append((i, start + length))
    if found:
        found.extend((j, e) for j, e in _names_before_and(text, toks, lows, found) if j not in pets)
        found.extend((j, e) for j, e in _names_again(text, toks, lows, found)
                     if not any(a <= toks[j].start() < b for a, b in kept)  # "Harry Potter"
                     and not (j and lows[j - 1] in _ROYAL_TITLES | {"st", "saint"})
                     and not _named_as_character(text, toks, lows, j))
        for name in _grow_names(text, toks, lows, found, pets):
            if name.start in nicknamed:
                name = Redaction("name", nicknamed[name.start], name.end)
            yield name
            # A full date straight after a name is their birth date: "Jaxon Wright 04/02/2012".
            date = _DATE_AFTER_NAME.match(text, name.end) if a.digit else None
            if date and not _AFTER_TITLE.search(text, max(0, name.start - 12), name.start):
                yield Redaction("dob", date.start("date"), date.end("date"))


# Animals and toys: the names after them are a pet's or a toy's, not a person's: "my dog is
# called Max", "2 dogs called Bess and Moss", "my dog Bella", "a cat called Mr Whiskers". Only
# after a plural ("rabbits called Thumper and Daisy") do the names listed after the first one
# belong to it too; "a hamster called Nugget and Ayaan came round" names a person.
_PET_WORDS = _words("""
dog dogs puppy puppies pup pups doggy doggie cat cats kitten kittens kitty hamster hamsters rabbit
rabbits bunny bunnies fish goldfish horse horses pony ponies pig pigs tortoise tortoises
turtle turtles snake snakes lizard lizards gecko parrot parrots budgie budgies bird birds gerbil
gerbils ferret ferrets rat rats mouse mice chicken chickens hen hens duck ducks goat goats sheep
lamb lambs cow cows donkey donkeys pet pets teddy teddies teddys toy toys doll dolls bear bears
cockapoo spaniel labrador collie terrier poodle pug husky dachshund staffy
""")
_PET_LINKS = _words("is are was were 's called named name")
_PET_TITLES = _TITLES | _words("captain lord lady sir princess prince king queen")


def _pet_names(text: str, toks: list[re.Match[str]], lows: list[str]) -> set[int]:
    """The words that name an animal or a toy (see _PET_WORDS)."""
    pets: set[int] = set()
    last = len(toks) - 1
    for j, low in enumerate(lows):
        if low not in _PET_WORDS or j == last:
            continue
        k, called = j + 1, False
        while k <= last and k - j <= 3 and lows[k] in _PET_LINKS:
            called = called or lows[k] in {"called", "named", "name"}
            k += 1
        if k > last or (not called and not text[toks[k].start()].isupper()):
            continue  # "my dog ate it", "my dog is fluffy": only a capitalised word is a name then
        while k < last and lows[k] in _PET_TITLES:
            k += 1  # "Mr Whiskers"
        pets.add(k)
        upper = text[toks[k].start()].isupper()
        while low.endswith(("s", "ies", "mice", "sheep")) and k + 2 <= last:
            gap = text[toks[k].end() : toks[k + 1].start()].strip()
            if gap in {",", "&"}:
                k += 1
            elif not gap and lows[k + 1] in _AND_WORDS:
                k += 2
            else:
                break
            if text[toks[k].start()].isupper() != upper:
                break
            pets.add(k)
    return pets


# Toys and pets said as things: "with my teddys", "my teddy".
_OWNED = _words("my his her our their your the a an")

# Words that make the names listed after them famous people: "my fave youtubers r chunkz and
# niko", "footballers like Saka and Foden".
_FIGURE_WORDS = _words("""
youtuber youtubers footballer footballers rapper rappers singer singers streamer streamers
tiktoker tiktokers influencer influencers celeb celebs celebrity celebrities actor actors actress
actresses popstar popstars boxer boxers wrestler wrestlers drillers artists artist band bands
""")
# Whom children look up to, by full name: "my hero Jess Phillips", "my idol Marcus Rashford" (one
# name alone may be a relation: "my hero Sandra").
_HERO_WORDS = _words("hero heroes idol idols inspiration")
_FIGURE_LINKS = _words("is are r was were like called named include including such as = e.g")
# Titles of people known to everyone by them: "captain tom", "Captain Hook".
_FIGURE_TITLES = _words("captain prophet")  # "Captain America", "the prophet Isa"
# Shows, films, books and games whose characters children name: "steve from minecraft", "ellie
# from stranger things"; the first word of each (two-word titles by their second word too).
_MEDIA_TITLES = frozenset(tuple(line.split()) for line in """
minecraft
gavin and stacey
mrs browns boys
mrs brown's boys
billy elliot
peaky blinders
stranger things
harry potter
toy story
peppa pig
the simpsons
simpsons
family guy
eastenders
corrie
coronation street
love island
doctor who
star wars
the walking dead
the office
friends
pokemon
mario
sonic
zelda
gta
fnaf
among us
bluey
frozen
encanto
moana
matilda
shrek
spongebob
the avengers
avengers
marvel
naruto
one piece
squid game
wednesday
the incredibles
inside out
despicable me
paw patrol
""".strip().splitlines())
_MEDIA_FIRST = frozenset(t[0] for t in _MEDIA_TITLES)
# After "X from <a game>", a word that makes X someone met there: "jake from minecraft keeps
# messaging me".
_MET_ONLINE_NEXT = _words("""
keeps kept messaged messages messaging added adds asked asks sent sends said says wants wanted
told tells called calls follows followed
""")
# "niamh is a nice name": the name as a word.
_NAME_PRAISE = _words("""
nice lovely good cool pretty beautiful great weird funny common popular boring unusual rare
strange cute
""")
# Month abbreviations: "Jan was the worst month", "since Sept".
_MONTH_SHORT = _words("jan feb mar apr jun jul aug sep sept oct nov dec")
_MONTH_WORD = _Caseless(r"\bmonths?\b")
_DIGIT_AFTER = re.compile(r"[ \t]*\d")
_DIGIT_BEFORE = re.compile(r"\d(?:st|nd|rd|th)?(?:[ \t]+of)?[ \t]+$")
# "she is not real", "he's made up": the person named before is a character.
_NOT_REAL = _Caseless(
    r"\b(?:s?he|they)(?:'s|’s|s|\s+is|\s+are|\s+was|\s+were)?\s+(?:not|isn'?t|aren'?t|wasn'?t)\s+real\b"
    r"|\b(?:s?he|they)(?:'s|’s|\s+is|\s+are)\s+(?:made\s+up|fictional|fake)\b",
)
# Nouns a word directly before makes a thing or a place, not a person: "dev team", "barry
# island" (a name before them in lower case; capitalised, "Barry Island" is a place too).
_THING_HEADS = _words("island isles team teams squad server servers mode update channel bay beach")
_MOVED_FROM = _words("""
moved move moving came come comes coming over originally born flew flown drove travelled emigrated
""")


# A trip to a place: "went to Lahore for a wedding", "flew to Lagos in august", "been to Krakow
# twice"; a person one goes to ("went to Sam for help") is usually a listed name, kept as one.
_TRAVEL_TO = _words(
    "went go going gone been flew fly flying travelled traveled drove moved trip holiday visit")
_TRIP_AFTER = _words("for in on over last this twice once when with during and to")


# Plants that are names too: "Holly and ivy", "roses and lilies" name the plants when a second
# one follows in lower case.
_PLANT_NAMES = _words("""
holly ivy rose roses lily lilies daisy daisies poppy poppies hazel heather willow jasmine iris violet
fern laurel myrtle primrose bluebell
""")
_WORD_PREFIXES = ("re", "un", "pre", "dis", "mis", "over", "out")


def _word_by_its_make(low: str) -> bool:
    """Whether ``low``, no listed name, is an everyday word by its make: a long past tense
    ("registered") or a prefix on an everyday word ("resits", "unpaid")."""
    if low in _NAME_STEMS or low in _AMBIGUOUS_NAMES:
        return False
    if len(low) >= 8 and low.endswith("ed"):
        return True
    return any(low.startswith(p) and len(low) - len(p) >= 4 and _is_common(low[len(p):])
               for p in _WORD_PREFIXES)


def _famous_by_cue(text: str, toks: list[re.Match[str]], lows: list[str], i: int) -> bool:
    """Whether word ``i`` names a famous person or a character by the words around it."""
    last = len(toks) - 1
    if i and lows[i - 1] in _FIGURE_TITLES:
        return True
    if i + 1 < last and lows[i + 1] == "from":  # "steve from minecraft"
        k = i + 2
        screen = lows[k + 1] if lows[k] in {"the", "a", "that", "this"} and k < last else lows[k]
        if screen in _SCREEN_WORDS or screen in _FICTION_WORDS:
            return True  # "Mr Rogers from the tv show", "Ellie from that film", "Tom from the book"
        title = next((t for t in (tuple(lows[k : k + 2]), tuple(lows[k : k + 3]), (lows[k],))
                      if t in _MEDIA_TITLES), None) if lows[k] in _MEDIA_FIRST else None
        if title == ("the", "office") and text[toks[k + 1].start()].islower():
            title = None  # "mrs ali from the office rang my mum": the school office, not the show
        if title and not (k + len(title) <= last and lows[k + len(title)] in _MET_ONLINE_NEXT):
            return True
    if i + 4 <= last and lows[i + 1] == "is" and lows[i + 2] in {"a", "such"} \
            and (lows[i + 3] == "name" or (lows[i + 3] in _NAME_PRAISE and lows[i + 4] == "name")):
        return True  # "niamh is a nice name"
    for j in (i - 1, i - 2):  # "like my hero Jess Phillips": a full name after "my hero" is a public figure
        if j >= 0 and lows[j] in _HERO_WORDS and j + 2 <= last and all(
                _capitalised_word(text, toks[k]) for k in (j + 1, j + 2)) \
                and text[toks[j + 1].end() : toks[j + 2].start()] == " ":
            return True
    if _said_to_be_a_figure(text, toks, lows, i):
        return True  # "DanTDM is my favourite youtuber", "sam smith is the best singer"
    j = i - 1  # "youtubers r chunkz and niko"
    if j > 0 and text[toks[j].end() : toks[i].start()] == " " and lows[j] in _ANY_NAME \
            and lows[j - 1] in _FIGURE_LINKS:
        j -= 1  # "influencers like molly mae": the first name of a full name
    while j >= 0 and i - j <= 8 and not _after_break(text, toks[j + 1].start()):
        if lows[j] in _FIGURE_WORDS:
            return True
        listed = "," in text[toks[j].end() : toks[j + 1].start()] or lows[j + 1] in _AND_WORDS
        if not (lows[j] in _FIGURE_LINKS or lows[j] in _AND_WORDS or listed):
            return False
        j -= 1
    return False


# What a famous person is said to be: "my favourite youtuber", "the best singer".
_FIGURE_PRAISE = _words("favourite fave fav favorite best famous top")


def _said_to_be_a_figure(text: str, toks: list[re.Match[str]], lows: list[str], i: int) -> bool:
    """Whether word ``i``, or a full name it starts or ends, is said to be one's favourite or the
    best of the famous: "DanTDM is my favourite youtuber", "sam smith is my fave singer"; not "Jade
    is a youtuber" (a friend may be) nor "Grace is my favourite teacher"."""
    k = i + 1
    if k < len(lows) and lows[k] not in {"is", "was"} and text[toks[i].end() : toks[k].start()] == " " \
            and lows[k] not in _STOP:
        k += 1  # "sam smith is ..."
    after = lows[k : k + 5]
    if after[:1] not in (["is"], ["was"]) or after[1:2] not in (["my"], ["the"], ["a"]):
        return False
    figure = next((k + n for n in (3, 4) if n < len(after) and after[n] in _FIGURE_WORDS), None)
    if figure is None or not any(w in _FIGURE_PRAISE for w in after[2:4]):
        return False
    # not "Jade Smith is my favourite singer in our choir": one of us
    return not (lows[figure + 1 : figure + 2] in (["in"], ["at"], ["from"])
                and lows[figure + 2 : figure + 3] in (["my"], ["our"]))


def _vs_figure(lows: list[str], i: int) -> bool:
    """Whether word ``i`` is set against a famous name: "ksi vs deji", "Messi or Ronaldo"."""
    for step in (-2, 2):
        k = i + step
        if 0 <= k < len(lows) and lows[i + step // 2] in {"vs", "v", "versus", "or", "than"} \
                and lows[k] in _FAMOUS_ONE_NAME:
            return True
    return False


def _a_thing_or_place(
    text: str, toks: list[re.Match[str]], lows: list[str], i: int, slot: str | None
) -> bool:
    """Whether word ``i``, taken for a name, is a month, a letter, a place or a thing's name."""
    last = len(toks) - 1
    low = lows[i]
    if low in _MONTH_SHORT:  # "Jan was the worst month", "since Sept 2023"
        end = _SENTENCE_END.search(text, toks[i].end())
        near = toks[min(i + 5, last)].end()  # "Jan was the worst month", not "Jan ... for months"
        if _MONTH_WORD.search(text, toks[i].end(), min(near, end.start() if end else len(text))) \
                or _DIGIT_AFTER.match(text, toks[i].end()) \
                or _DIGIT_BEFORE.search(text, max(0, toks[i].start() - 12), toks[i].start()):
            return True
    if i < last and len(low) == 1 and lows[i + 1] in {"level", "levels"}:
        return True  # "T levels", "A level": qualifications
    if i < last and lows[i + 1] in _THING_HEADS and text[toks[i].end() : toks[i + 1].start()] == " " \
            and (text[toks[i + 1].start()].islower() == text[toks[i].start()].islower()):
        return True  # "dev team", "barry island"
    if low in _PLANT_NAMES and slot != "with" and i + 2 <= last and lows[i + 1] in _AND_WORDS \
            and lows[i + 2] in _PLANT_NAMES and text[toks[i + 2].start()].islower():
        return True  # "Holly and ivy decorations": plants
    if slot == "learned" and _sentence_start(text, toks, i) and _word_by_its_make(low):
        return True  # "Registered at the GP", "Resits in November": a verb or a noun, capitalised
    if i >= 2 and lows[i - 1] == "to" and lows[i - 2] in _TRAVEL_TO and low not in _NAME_STEMS \
            and "'" not in low and i < last and lows[i + 1] in _TRIP_AFTER:
        return True  # "i went to Lahore for my cousins wedding", "flew to Lagos in the summer"
    # "we moved over from Dublin"
    return i >= 2 and lows[i - 1] == "from" \
        and (lows[i - 2] in _MOVED_FROM or lows[i - 2] in _FROM_PLACE_BEFORE) \
        and lows[i] not in _NAME_STEMS and "'" not in lows[i]


# Words that, after "X is the best" or "my favourite", make X a film, show or game.
_BEST_WORDS = _words("best worst greatest funniest scariest favourite fave fav good great")
# Disney's characters that are names too, meant as the characters where Disney is in the answer:
# "go to Disneyland Paris and meet Elsa".
_DISNEY_WORDS = _words("disney disneyland disneyworld frozen princess princesses")
_DISNEY_NAMES = _words("""
elsa anna olaf ariel belle jasmine aurora cinderella rapunzel mulan tiana merida mickey minnie
donald goofy pluto stitch
""")
# Shops named as someone's: "got my ears pierced at Claire's" (not "stayed at Claire's").
_SHOP_NAMES = _words("claire's claires")
_SHOP_CUES = _words("""
pierced piercing piercings earrings bought buy shop shopping accessories case jewellery necklace bracelet
""")
# A show named by a titled name: watched, or said to be on a screen.
_WATCH_WORDS = _words("watch watches watched watching")
_SCREEN_WORDS = _words("tv telly youtube netflix iplayer")


def _a_title_or_brand(text: str, toks: list[re.Match[str]], lows: list[str], i: int,
                      words: frozenset[str]) -> bool:
    """Whether word ``i``, taken for a name, is a film, show, game, character or shop by the
    words around it, or a plural noun written the way brands are ("less PowerPoints")."""
    last = len(toks) - 1
    low = lows[i]
    if i >= 2 and lows[i - 1] == "from" and (low,) in _MEDIA_TITLES and text[toks[i - 2].start()].isupper():
        return True  # "Miss Trunchbull from Matilda": a character from a story names the story
    if i + 3 <= last and lows[i + 1] in {"is", "was"} and lows[i + 2] in {"the", "my", "a"}:
        k = i + 3
        while k < last and k - i <= 4 and lows[k] in _BEST_WORDS:
            k += 1
        if k > i + 3 and lows[k] in _FICTION_WORDS:
            return True  # "Sonic is the best game", "Matilda is my favourite film"
    if low in _DISNEY_NAMES and not words.isdisjoint(_DISNEY_WORDS):
        return True  # "meet Elsa at Disneyland"
    if low in _SHOP_NAMES and not words.isdisjoint(_SHOP_CUES):
        return True  # "my nose pierced at Claire's"
    if i and lows[i - 1] in _TITLES and ((i > 1 and lows[i - 2] in _WATCH_WORDS) or any(
            lows[j] == "on" and lows[j + 1] in _SCREEN_WORDS for j in range(i + 1, min(i + 5, last)))):
        return True  # "i watch Ms Rachel with my brother", "Mrs Brown's Boys is on tv": a show
    if _favourite_in_a_story(text, toks, lows, i, words):
        return True  # "i read harry potter when im sad, hermione is my favourite"
    if _listed_as_titles(text, toks, lows, i):
        return True  # "new books like Diary of a Wimpy Kid and Tom Gates"
    word = text[toks[i].start() : toks[i].end()]
    # a capital inside, after a whole word, and a plural "s": "PowerPoints", "PlayStations";
    # not "McKenzie", "DeShawn", "MacDonald"
    return low.endswith("s") and word.isalpha() and not word[1:].islower() and any(
        c.isupper() for c in word[4:-1]) and word[1:4].islower()


# Small words inside titles: "Diary of a Wimpy Kid", "The Lion, the Witch and the Wardrobe".
_TITLE_INNER = _words("of a an the and in on to")
_EXAMPLE_WORDS = _words("like including include includes incl")
_FAVOURITE_WORDS = _words("favourite fave fav favorite")


def _listed_as_titles(text: str, toks: list[re.Match[str]], lows: list[str], i: int) -> bool:
    """Whether word ``i`` is in capitalised titles given as examples of books, films, shows or
    games: "books like Diary of a Wimpy Kid and Tom Gates", "films such as Inside Out"."""
    j = i - 1
    while j >= 0 and i - j <= 10 and not _after_break(text, toks[j + 1].start()):
        if lows[j] in _EXAMPLE_WORDS or (lows[j] == "as" and j and lows[j - 1] == "such"):
            return any(w in _FICTION_WORDS for w in lows[max(0, j - 6) : j])
        if not (lows[j] in _TITLE_INNER or _capitalised_word(text, toks[j])):
            return False
        j -= 1
    return False


def _favourite_in_a_story(text: str, toks: list[re.Match[str]], lows: list[str], i: int,
                          words: frozenset[str]) -> bool:
    """Whether word ``i`` is a character said to be one's favourite where the answer names the
    story: "i read harry potter, hermione is my favourite", "we watch bluey and Bingo is my fave";
    not "Miss Smith is my favourite teacher"."""
    if words.isdisjoint(_MEDIA_FIRST):
        return False
    if i and lows[i - 1] in _TITLES_ALL:
        return False
    j = i + 1 if lows[i + 1 : i + 2] != ["is"] and lows[i + 2 : i + 3] == ["is"] else i
    if lows[j + 1 : j + 4] in (["is", "a", "legend"], ["is", "so", "cool"], ["is", "so", "funny"]) \
            and _names_a_story(lows):
        return True  # "watching peaky blinders, tommy shelby is a legend"
    if lows[i + 1 : i + 3] not in (["is", "my"], ["is", "the"]):
        return False
    k = i + 3
    if k >= len(lows) or lows[k] not in _FAVOURITE_WORDS:
        return False
    nxt = lows[k + 1] if k + 1 < len(lows) else None
    if nxt is not None and (nxt in _PERSON_WORDS or nxt in _KIN or nxt in _ROLE_NOUNS or nxt == "person"):
        return False
    return _names_a_story(lows)


def _names_a_story(lows: list[str]) -> bool:
    """Whether the answer names a book, a film, a show or a game from the list."""
    return any(lows[j] in _MEDIA_FIRST and any(tuple(lows[j : j + n]) in _MEDIA_TITLES for n in (1, 2, 3))
               for j in range(len(lows)))


# Titles of kings and queens: the name after one is history or a story ("Queen Victoria",
# "King Arthur", "Princess Anna"), as is a name with a regnal number ("Henry VIII", "Louis
# the 14th", "Henry the Eighth"). A lone "V" or "X" is an initial or a kiss ("Jake V", "Amy X").
_ROYAL_TITLES = _words("king queen prince princess emperor empress pharaoh tsar")
_REGNAL = re.compile(
    r"[ \t]+(?:(?i:II|III|IV|VI|VII|VIII|IX|XI|XII|XIII|XIV|XV|XVI)\b"
    rf"|(?i:the[ \t]+(?:{_DAY_WORDS}|\d{{1,2}}(?:st|nd|rd|th)\b)))"
)
# Words that make the names after them characters, not anyone's personal data: "my favourite
# character is Elsa", "the characters are Anna and Olaf", "my favourite film is Matilda";
# with a linking word, as "I'll show Jake" or "a game with Kai" name people.
_CHARACTER_WORDS = _words("character characters")
_FICTION_WORDS = _CHARACTER_WORDS | _words("""
cartoon cartoons film films movie movies book books show shows programme programmes series game
games song songs
""")
_FICTION_LINKS = _words("is are was were called named")
# "we learned about Henry VIII", "a project on Anne Boleyn", "she dressed up as Moana".
_HISTORY_CUES = _words("""
learn learned learnt learning taught teaching studied studying study topic project read reading
""")


def _named_as_character(text: str, toks: list[re.Match[str]], lows: list[str], i: int) -> bool:
    """Whether word ``i`` is a character or a figure from history, by what stands before it."""
    linked = False
    j = i - 1
    while j >= 0 and i - j <= 8 and not _after_break(text, toks[j + 1].start()):
        low = lows[j]
        if low in _FICTION_WORDS:
            return linked or low in _CHARACTER_WORDS
        if low in {"about", "on"} and j and lows[j - 1] in _HISTORY_CUES:
            return True
        if low == "as" and j and (lows[j - 1] in {"dressed", "dress", "dressing"}
                                  or (lows[j - 1] == "up" and j > 1 and lows[j - 2].startswith("dress"))):
            return True
        if low in _FICTION_LINKS:
            linked = True
        elif not (low in _AND_WORDS or text[toks[j].start()].isupper()):
            return False  # only names, "and" and "is" may stand between: not "a game with Kai"
        j -= 1
    return False


# After a name that is also a word, what makes a second mention the name again: "will and me got
# chased ... and will was crying" (not "Will said he will hurt me").
_AGAIN_NEXT = _PERSON_VERBS | _words("""
was is has had isnt wasnt keeps kept got gets wants wanted went goes came comes does did lives
lived says thinks thought
""")
_AGAIN_NOT_AFTER = _STOP - _words("and but so then cos because bc when if")
_STOP_NOT_NAMES = _STOP - _AMBIGUOUS_NAMES


def _positions(lows: list[str], word: str) -> Iterator[int]:
    """Where ``word`` stands in ``lows`` (list.index runs in C: quicker than a loop over every word)."""
    i = -1
    try:
        while True:
            i = lows.index(word, i + 1)
            yield i
    except ValueError:
        return


def _names_again(
    text: str, toks: list[re.Match[str]], lows: list[str], found: list[tuple[int, int]]
) -> Iterator[tuple[int, int]]:
    """Later mentions of a name already found: the same word is the same person."""
    taken = {i for i, _ in found}
    names = {_lower(_token_base(text[toks[i].start() : toks[i].end()])[0]) for i in taken}
    names -= _STOP_NOT_NAMES  # "will" may be a name, "i" never
    if all(lows.count(n) + lows.count(n + "'s") < 2 for n in names):
        return  # no name comes twice: the commonest case
    last = len(toks) - 1
    for j, low in enumerate(lows):
        if j in taken or (low not in names and low[:-2] not in names):
            continue
        word, length = _token_base(text[toks[j].start() : toks[j].end()])
        base = _lower(word)
        if base not in names or not word:
            continue
        if (base in _WORDLIKE_NAMES or base in _KEEP) and not (
                j < last and lows[j + 1] in _AGAIN_NEXT and (j == 0 or lows[j - 1] not in _AGAIN_NOT_AFTER)):
            continue  # "will ... and will was crying", not "Will said he will hurt me"
        yield j, toks[j].start() + length


def _names_before_and(
    text: str, toks: list[re.Match[str]], lows: list[str], found: list[tuple[int, int]]
) -> Iterator[tuple[int, int]]:
    """A capitalised name that is also a word, before "and <name>" or ", <name>": "Brooke and
    Amelia", "Jack, Oliwia"; in lower case only a listed name that starts the sentence, as with
    "and me" ("mo and yusuf are my best mates")."""
    taken = {i for i, _ in found}
    for i, _ in found:
        gap = text[toks[i - 1].end() : toks[i].start()] if i >= 1 else ""
        if gap.strip() in {"&", ","} and "\n" not in gap:  # not "Regards,\nOlivia": a sign-off
            j = i - 1
        elif (
            i >= 2
            and lows[i - 1] in _AND_WORDS
            and not text[toks[i - 2].end() : toks[i - 1].start()].strip()
            and not text[toks[i - 1].end() : toks[i].start()].strip()
        ):
            j = i - 2
        elif (  # "Mo and Big Dan", "jo and little sam": a nickname's adjective
            i >= 3
            and lows[i - 1] in _NICKNAME_ADJECTIVES
            and lows[i - 2] in _AND_WORDS
            and all(not text[toks[k].end() : toks[k + 1].start()].strip() for k in range(i - 3, i))
        ):
            j = i - 3
        else:
            continue
        word, length = _token_base(text[toks[j].start() : toks[j].end()])
        low = _lower(word)
        if j in taken or not word:
            continue
        if word[0].isupper():
            ok = not word.isupper() and (low in _ANY_NAME or not (
                low in _STOP or low in _KEEP or low in _IDENTITY or _is_common(low) or _place_like(low)))
        else:
            ok = (low in _ANY_NAME and not (low in _STOP or low in _KEEP or low in _SUBJECTS)
                  and (_sentence_start(text, toks, j)  # "me jordan and kai waited": a list after "me"
                       or (j and lows[j - 1] == "me" and text[toks[j - 1].end() : toks[j].start()] == " ")
                       # "ruby, kacper, amaya and dev": the head of a list of three names or more
                       or (j == i - 1 and (i + 1 in taken or i + 2 in taken))
                       # "our group (me, jack, holly and ravi)", "jack, holly, ravi and me"
                       or _in_list_with_me(text, toks, lows, j)))
            if not ok and j == i - 2 and j - 1 in taken and text[toks[j - 1].end() : toks[j].start()] == " ":
                # "tolu ade and femi": an unknown word between two names, in a list without commas
                ok = (low.isalpha() and len(low) >= 3 and not (
                    low in _STOP or low in _KEEP or low in _SUBJECTS or low in _KIN or low in _IDENTITY
                    or low in _SPELLING_KEYS or _is_common(low) or _place_like(low)))
            if not ok and _sentence_start(text, toks, j) and i < len(toks) - 1 \
                    and lows[i + 1] in _PAIR_NEXT_BE and low.isalpha() and len(low) >= 3 \
                    and low not in _SPELLING_KEYS and low not in _SUBJECTS and _word_may_be_name(low):
                ok = True  # "kenz and Shay were smoking": a nickname before a name, both doing
        if ok:
            yield j, toks[j].start() + length


_LIST_JOINS = frozenset({",", "&", "and", "n"})


def _in_list_with_me(text: str, toks: list[re.Match[str]], lows: list[str], j: int) -> bool:
    """Whether word ``j`` stands in a list of listed names joined by commas or "and" that holds
    "me": "(me, jack, holly and ravi)", "jack, holly, ravi and me"; not "food, water and heat"."""
    for step in (-1, 1):
        k = j
        for _ in range(6):
            n = k + step
            if not 0 <= n < len(toks):
                break
            a, b = (k, n) if step > 0 else (n, k)
            join = text[toks[a].end() : toks[b].start()].strip()
            if join == "" and lows[n] in _AND_WORDS and 0 <= n + step < len(toks):
                n += step  # "holly and ravi": step over the "and"
                a, b = (k, n) if step > 0 else (n, k)
                join = "and"
                if text[toks[min(n, n - step)].end() : toks[max(n, n - step)].start()].strip():
                    break
            if join not in _LIST_JOINS:
                break
            if lows[n] == "me":
                return True
            if lows[n] not in _ANY_NAME or lows[n] in _STOP or lows[n] in _KEEP:
                break
            k = n
    return False


# Words between "is" and "nickname" that say whose it is: "my best friends", "his", "our teachers".
_NICKNAME_OWNERS = _words("best old new school family real friends friend's mates mate's brothers sisters")


def _named_before_nickname(text: str, toks: list[re.Match[str]], lows: list[str], k: int) -> int | None:
    """The word that starts a sentence before "is <whose> nickname", the nickname: "tiny is my
    best friends nickname", "Moose was his nickname"; not "that is his nickname"."""
    j = k - 1
    while j > 0 and k - j <= 4 and (lows[j] in _OWNERS or lows[j] in _KIN or lows[j] in _NICKNAME_OWNERS
                                    or lows[j].endswith("'s")):
        j -= 1
    if j == k - 1 or j < 1 or lows[j] not in {"is", "was"}:
        return None
    low = lows[j - 1]
    if not low.isalpha() or low in _STOP or low in _SUBJECTS or low in _KEEP or low in _KIN \
            or not _sentence_start(text, toks, j - 1):
        return None
    return j - 1


_NICKNAME_ADJECTIVES = _words("big little lil young old")
# "Big Mo", "little sam", "Lil Dre": a name after these is a nickname wherever it stands.
_NICKNAME_BIG = _words("big little lil")


def _nicknames(text: str, toks: list[re.Match[str]], lows: list[str]) -> dict[int, int]:
    """Names made nicknames by "Big" or "Little" before them, in any slot: "if Big Mo wasnt
    selling vapes", "the lad who runs the youth club, Big Mo, got me", "ngl big mo from the
    flats"; the name's token and where the adjective starts. The adjective and the name share a
    case, and the name is a listed one, capitalised, or in lower case no everyday word: not "a
    little hope", "big Asda", "the Big Issue", "Little Haddon" (a village)."""
    found = {}
    for k in range(len(toks) - 1):
        if lows[k] not in _NICKNAME_BIG or text[toks[k].end() : toks[k + 1].start()] != " ":
            continue
        if k and lows[k - 1] in _DETERMINERS:
            continue  # "a little Ben and Holly fan", "the big Tesco"
        low, first, second = lows[k + 1], text[toks[k].start()], text[toks[k + 1].start()]
        if first.isupper() != second.isupper() or low not in _ANY_NAME or low in _KEEP or low in _STOP \
                or low in _KIN or (second.islower() and _is_common(low)):
            continue
        if k + 2 < len(toks) and lows[k + 2] in _PLACE_AFTER_NAME:
            continue  # "Little Amy Road"
        found[k + 1] = toks[k].start()
    return found


def _between_names(text: str, toks: list[re.Match[str]], lows: list[str], k: int) -> bool:
    """A word inside a list of names, with a name after it too, is one, even when it is also a
    word: "my friends are lily-mae, tia, ocean and Aaliyah", "first Karen then Mo then Lauren"."""
    low = lows[k]
    if k + 2 > len(toks) - 1 or not low.isalpha() or low in _STOP or low in _KEEP or low in _KIN \
            or low in _TITLES_ALL or low in _IDENTITY or low in _SUBJECTS or _place_like(low):
        return False
    joiner = text[toks[k].end() : toks[k + 1].start()].strip()
    j = k + 1
    if joiner == "" and (lows[j] in _AND_WORDS or lows[j] == "then"):  # "first Karen then Mo then Lauren"
        j += 1
    elif joiner != ",":
        return False
    nxt, _ = _token_base(text[toks[j].start() : toks[j].end()])
    return bool(nxt) and (_is_listed_name(nxt) or (nxt[0].isupper() and _lower(nxt) in _ANY_NAME))


# What may follow a name that is also a word after "<name> and": "with mark and will at the rec",
# "bill and rose and me"; not "i told jack and will do it" (a modal before its verb).
_COORDINATED_NEXT = _words("at in from are were r both and n always never keep keeps got from on")


def _coordinated_name(text: str, toks: list[re.Match[str]], lows: list[str], k: int) -> bool:
    """A lower-case name that is also a word, joined by "and" to a name: the word is a name too
    when no verb of its own follows ("ivy and rose at break", "mark and will at the rec")."""
    low = lows[k]
    if not _may_be_word_name(low):
        return False
    if k + 1 >= len(toks) or text[toks[k].end() : toks[k + 1].start()].strip():
        return True  # last, or before a comma or a full stop: "sat with ivy and rose."
    return lows[k + 1] in _COORDINATED_NEXT or lows[k + 1] in _PERSON_VERBS or lows[k + 1] in _PAST_VERBS


def _grow_names(
    text: str, toks: list[re.Match[str]], lows: list[str], found: list[tuple[int, int]],
    pets: set[int] = frozenset(),  # type: ignore[assignment]
) -> Iterator[Redaction]:
    """Take in surnames ("Jake Smith", "Jake S") and names listed after a name ("Amy and Zofia").

    ``found`` holds (token index, end of the name in the text) pairs.
    """
    done: set[int] = set()
    queue = sorted(found, reverse=True)
    last = len(toks) - 1
    while queue:
        i, end = queue.pop()
        if i in done:
            continue
        j = i
        while j < last and j - i < 2 and end == toks[j].end():
            nxt = toks[j + 1]
            if text[end : nxt.start()] not in {" ", "\t"}:
                break
            word, length = _token_base(text[nxt.start() : nxt.end()])
            low = _lower(word)
            if len(word) == 1:
                ok = word.isupper() and word not in "AI"
            elif word[0].isupper():
                ok = _capitalised_name_ok(low)
            else:
                ok = low in _SURNAMES and low not in _COMMON
            if not ok:
                break
            j += 1
            end = nxt.start() + length
        done.update(range(i, j + 1))
        yield Redaction("name", toks[i].start(), end)
        # A following ", Name" or "and Name" is another name when capitalised and not a word.
        if j < last and end == toks[j].end():
            joiner = text[end : toks[j + 1].start()].strip()
            k = j + 1
            if joiner == "" and lows[k] in {"and", "or", "then"}:  # "first Karen then Mo then Lauren"
                joiner, k = lows[k], k + 1
                if k > last or text[toks[k - 1].end() : toks[k].start()].strip():
                    continue
            if joiner == "" and lows[k] == "n" and text[toks[i].start()].islower():
                joiner, k = "and", k + 1  # "me n deji n tolu": children writing in lower case
                if k > last or text[toks[k - 1].end() : toks[k].start()].strip():
                    continue
            if joiner in {",", "&", "and", "or", "then"} and k not in done and k not in pets:
                word, length = _token_base(text[toks[k].start() : toks[k].end()])
                lower_list = word[:1].islower() and text[toks[i].start()].islower() and joiner != "or"
                shouted = word.isupper() and len(word) > 1 and not text[toks[i].start() : end].isupper()
                if word and not shouted and ((word[0].isupper() and _capitalised_name_ok(_lower(word)))
                             or (lower_list and _slot_accepts(word, "meand", "and"))
                             or (lower_list and joiner == "and" and _coordinated_name(text, toks, lows, k))
                             or (joiner in {",", "then"} and _between_names(text, toks, lows, k))):
                    queue.append((k, toks[k].start() + length))
                    queue.sort(reverse=True)


# A family named by its surname where it lives: "the Lovells moved onto the site next to us",
# "the Wards live next door", "the Smiths next door are loud"; not "the Simpsons" or a people.
_FAMILY_NAME = re.compile(
    r"[Tt](?<!\w[Tt])he[ \t]+(?P<n>[A-Z][a-z]{2,}s)[ \t]+"
    r"(?:moved|move|live|lived|living|next[ \t]+door|over[ \t]+the"
    r"|across[ \t]+the|down[ \t]+the|up[ \t]+the|on[ \t]+our|opposite|from[ \t]+(?:the|next|number|no))\b")
_FAMILY_WORDS = _words("moved move live lived living next over across down up on opposite from")
# A family a child lives with or is placed with, by its surname: "a placement with the
# Greenwoods", "i stayed with the Okafors", "fostered by the Ashworths"; not "with the Scouts".
_FAMILY_HOSTS = re.compile(
    r"\b(?:live[sd]?|living|stay(?:s|ed|ing)?|placement|placed|fostered|adopted|moved[ \t]+in)"
    r"[ \t]+(?:with|by)[ \t]+the[ \t]+(?P<n>[A-Z][a-z]{2,}s)\b(?![ \t]+[A-Z])")
_FAMILY_HOST_WORDS = _words(
    "live lives lived living stay stays stayed staying placement placed fostered adopted")
# Peoples in history lessons, who also "moved" and "lived": "the Romans lived in forts".
_PEOPLES = _words("""
romans vikings saxons normans celts tudors egyptians greeks aztecs mayans incas victorians stuarts
georgians britons picts scots danes anglos elizabethans edwardians spartans persians ottomans mongols
""")


def _detect_family(a: _Answer) -> Iterator[Redaction]:
    if "the" not in a.words or (a.words.isdisjoint(_FAMILY_WORDS) and a.words.isdisjoint(_FAMILY_HOST_WORDS)):
        return
    if not a.words.isdisjoint(_FAMILY_HOST_WORDS):
        for m in _FAMILY_HOSTS.finditer(a.text):  # a surname that is a word or a place's too
            low = m.group("n").lower()
            base = low[:-1]
            if low in _PEOPLES or (low,) in _MEDIA_TITLES or low in _KEEP or base in _KEEP \
                    or base in _IDENTITY or base in _STOP or (base not in _SURNAMES and _is_common(base)):
                continue  # "with the Vikings", "with the Simpsons", "with the Scouts"
            yield Redaction("name", m.start("n"), m.end("n"))
    for m in _FAMILY_NAME.finditer(a.text):
        low = m.group("n").lower()
        base = low[:-1]
        if low in _NOT_CLOSES or low in _PEOPLES or low in _KEEP or base in _KEEP or base in _IDENTITY \
                or _is_common(base) or _place_like(base) or base in _STOP:
            continue
        yield Redaction("name", m.start("n"), m.end("n"))


DETECTORS: tuple[Detector, ...] = (
    _detect_email,
    _detect_url,
    _detect_handle,
    _detect_phone,
    _detect_id,
    _detect_dob,
    _detect_postcode,
    _detect_address,
    _detect_school,
    _detect_name,
    _detect_family,
)


# ---------------------------------------------------------------------------------------
# The learned second opinion on names (voice/listening/name_model.py).
# ---------------------------------------------------------------------------------------

LEXICON = name_model.Lexicon(
    is_name=lambda low: low in _NAME_WORDS or low in _NAMES,
    is_common=_is_common,
    is_surname=lambda low: low in _SURNAMES,
    is_kept=lambda low: low in _KEEP or low in _PUBLIC_SURNAMES,
)


@lru_cache(maxsize=1 << 16)
def name_candidate(word: str, low: str) -> bool:
    """The words the model judges: capitalised ones and listed names in any case, leaving out
    everyday words, names that are also words ("will", "hope", "summer") and words kept on
    purpose; those are the rules' to judge, by the slot they sit in."""
    return ((word[0].isupper() and word != "I") or low in _NAMES) and not _is_common(low) \
        and low not in _AMBIGUOUS_NAMES and low not in _KEEP and low not in _PUBLIC_SURNAMES


# A capitalised word as the model's tokens have it (letters, inner apostrophes and hyphens).
_CAPITAL_WORD = re.compile(r"[A-ZÀ-ÖØ-Þ][^\W\d_]*(?:['’\-][^\W\d_]+)*")


def learned_names(text: str, *, words: frozenset[str] | set[str] | None = None,
                  threshold: float | None = None) -> list[tuple[int, int]]:
    """Offsets of the words the name model is confident are names. With the answer's lower-case
    `words`, an answer with no capital letter and no listed name is skipped without a look."""
    model = name_model.current()
    if model is None:
        return []
    if words is not None and words.isdisjoint(_NAMES) and not any(
            name_candidate(w, w.lower().replace("’", "'")) for w in _CAPITAL_WORD.findall(text)):
        return []  # no listed name, and no capitalised word the model would be asked about
    return model.names(text, LEXICON, name_candidate, threshold, listed=_NAMES)


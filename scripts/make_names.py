"""Build voice/listening/names.txt: first names from Faker's person providers.

Faker (MIT licence) carries first-name lists for many locales. The anonymiser needs the first
names of the children of an English county: British and Irish names and those of the
families who have come from Poland, Romania, Lithuania, Latvia, Hungary, Czechia, Slovakia,
Portugal, Brazil, Spain, Italy, France, Germany, Turkey, Pakistan, India, Nigeria, Ghana,
Kenya and South Africa. Only Latin-script lists are used, each name lower-cased, and also
without its accents (children often drop them: "Łukasz" is written "lukasz").

Names that are ordinary English words in lower case ("will", "grace", "rose") are left out:
the anonymiser's own lists decide when those are names. A name the word list has only with a
capital may be a place ("Lincoln", "Devon", "Sydney"), so it is kept only when at least two
countries' lists have it. scripts/uk_first_names.txt, our own list of
the names and short forms children in England use, is a further source. Run it by hand when
the lists change (it needs `pip install faker` and a word list such as Debian's wbritish):

    python scripts/make_names.py /usr/share/dict/british-english-large > voice/listening/names.txt
"""

from __future__ import annotations

import importlib
import sys
import unicodedata
from pathlib import Path

LOCALES = (
    "en_GB", "en_IE", "en_US", "en_NZ", "en_IN", "en_PK", "en_NG", "en_KE", "ga_IE", "pl_PL",
    "ro_RO", "lt_LT", "lv_LV", "hu_HU", "cs_CZ", "sk_SK", "pt_PT", "pt_BR", "es_ES", "it_IT",
    "fr_FR", "de_DE", "tr_TR", "yo_NG", "ig_NG", "ha_NG", "tw_GH", "zu_ZA",
)


def _folded(name: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", name.replace("ł", "l").replace("Ł", "L"))
                   if not unicodedata.combining(c))


def main() -> None:
    lines = [w.strip() for w in Path(sys.argv[1]).read_text(encoding="utf-8").splitlines() if w.strip()]
    ordinary = {w for w in lines if w[0].islower()}
    proper = {w.lower() for w in lines if not w[0].islower()} - ordinary
    seen: dict[str, set[str]] = {}
    for locale in LOCALES:
        provider = importlib.import_module(f"faker.providers.person.{locale}").Provider
        for attr in ("first_names", "first_names_male", "first_names_female"):
            for name in getattr(provider, attr, ()) or ():
                for form in {name.lower(), _folded(name).lower()}:
                    if form.isalpha() and form.isascii() and len(form) >= 3 and form not in ordinary:
                        seen.setdefault(form, set()).add(locale)
    # Our own list of the names and short forms children in England use ("mike", "jaz", "tanisha"):
    # one more source.
    own = Path(__file__).with_name("uk_first_names.txt").read_text(encoding="utf-8").split()
    for name in own:
        if name.isalpha() and len(name) >= 3 and name not in ordinary:
            seen.setdefault(name, set()).add("uk")
    # A capitalised dictionary entry may be a place ("Lincoln", "Devon"): kept only when two or
    # more countries' lists have it as a first name ("Aaliyah", "Oliver").
    names = sorted(n for n, where in seen.items() if n not in proper or len(where) >= 2)
    print("# First names from Faker's person providers (MIT); see scripts/make_names.py.")
    for name in names:
        print(name)


if __name__ == "__main__":
    main()

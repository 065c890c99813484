#!/usr/bin/env python3
"""Builds classify-service's country gazetteer from openly licensed data (Python 3 standard library only).

Inputs (read at generation time, never copied into the repository):
  ../shared/data/gazetteers/i18n-iso-countries/langs/{en,es}.json   country names and aliases   (MIT, widdix GmbH)
  ../shared/data/gazetteers/geonames/countryInfo.txt                codes, capitals              (CC BY 4.0, GeoNames)
  ../shared/data/gazetteers/geonames/cities15000.txt.gz             capitals, seats, big cities  (CC BY 4.0, GeoNames)
  ../shared/data/gazetteers/geonames/admin1CodesASCII.txt           US, MX and CA states         (CC BY 4.0, GeoNames)
  ../shared/data/gazetteers/phoenix/Phoenix.Countries.actors.txt.gz English demonyms, metonyms   (MIT, OEDA)
  CLDR country names (en, es; standard and short forms) from ICU4J, com.ibm.icu:icu4j:76.1 from Maven Central
    (Unicode License v3), read by tools/cldr/CldrCountryNames.java, which this script runs with `java`; fetch the
    jar once with: mvn -B dependency:get -Dartifact=com.ibm.icu:icu4j:76.1 -Dtransitive=false
  tools/gazetteer-src/*.tsv                                         our own curated lists

Outputs (committed; regenerate after changing any input):
  src/main/resources/gazetteer/countries-v1.tsv   one row per country: code, iso3, English and Spanish display names
  src/main/resources/gazetteer/phrases-v1.tsv     one row per (phrase, language, country): what the scanner matches

Usage, from the repository root or from classify-service/:
  python3 classify-service/tools/build_gazetteer.py [--data ../shared/data/gazetteers] [--check] [--report]
                                                    [--icu4j ~/.m2/repository/com/ibm/icu/icu4j/76.1/icu4j-76.1.jar]
  --check   compare with the committed files and exit 1 when they differ (nothing is written)
  --report  print what each source contributed and the phrases made ambiguous by collisions
"""

import argparse
import collections
import gzip
import json
import math
import os
import re
import sys
import unicodedata

VERSION = "v1"
MODULE_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SRC_DIR = os.path.join(MODULE_DIR, "tools", "gazetteer-src")
OUT_DIR = os.path.join(MODULE_DIR, "src", "main", "resources", "gazetteer")

# Kosovo's XK is a user-assigned code: io.dyad.contracts.CountryPair (ISO 3166-1 alpha-2 only) rejects it.
EXCLUDED_CODES = {"XK"}
# A city is kept when it has at least this many people (or is a capital or seat of government) ...
CITY_MIN_POPULATION = 100_000
# ... or this many in the countries the first subscribers follow most (every town of cities15000 there).
CITY_MIN_POPULATION_FOCUS = 15_000
# Below this many people a city's name is often also a word or a surname (Mobile, Reading, Nice, Split, Jackson):
# it counts on its own only where its capital letter means something (mid-sentence); at a sentence start, in a
# headline or all-caps text the document must back its country (support "uncased").
CITY_SELF_EVIDENT_POPULATION = 1_000_000
FOCUS_COUNTRIES = {"US", "MX", "CA"}
ADMIN1_COUNTRIES = {"US", "MX", "CA"}
# Another country's place of the same name makes a phrase ambiguous when it has this many people, or a quarter of
# the population of the place we keep, whichever is larger.
COLLISION_MIN_POPULATION = 50_000
KINDS = ("name", "abbrev", "metonym", "capital", "demonym", "admin1", "city", "block")


def fold(text):
    """Lower case without diacritics, as the Java scanner folds tokens (io.dyad.classify.text.Folding)."""
    decomposed = unicodedata.normalize("NFD", text.replace("ß", "ss"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()


TOKEN_RE = re.compile(r"(?:[^\W\d_]{1,2}\.){2,}|[^\W_]+", re.UNICODE)


def tokens(phrase):
    """Tokens as the Java tokenizer cuts them: letter/digit runs; dotted abbreviations (U.S., EE.UU.) as one."""
    return [t.replace(".", "") for t in TOKEN_RE.findall(phrase)]


def key(phrase):
    return " ".join(fold(t) for t in tokens(phrase))


def is_abbreviation(phrase):
    letters = "".join(tokens(phrase))
    return 2 <= len(letters) <= 5 and letters.isupper() and letters.isalpha()


def match_rule(phrase, kind):
    if kind == "block":
        return "FOLD"
    if is_abbreviation(phrase):
        return "EXACT"
    first = tokens(phrase)[0] if tokens(phrase) else ""
    if first[:1].islower():
        return "LOWER"
    return "CAP"


def read_tsv(name):
    rows = []
    with open(os.path.join(SRC_DIR, name), encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            rows.append(line.split("\t"))
    return rows


# ---------------------------------------------------------------------------------------------------------------
# Spanish demonym inflection: masculine singular -> all four forms.

def spanish_forms(word):
    if word.endswith("o"):
        stem = word[:-1]
        return [word, stem + "a", stem + "os", stem + "as"]
    if word.endswith(("és", "án", "ín")):
        plain = {"é": "e", "á": "a", "í": "i"}[word[-2]]
        stem = word[:-2] + plain + word[-1]
        return [word, stem + "a", stem + "es", stem + "as"]
    if word.endswith("ol"):
        return [word, word + "a", word + "es", word + "as"]
    if word.endswith(("í", "ú")):
        return [word, word + "es", word + "s"]
    if word.endswith(("e", "a")):
        return [word, word + "s"]
    return [word]


# ---------------------------------------------------------------------------------------------------------------
# Sources

class Entry:
    __slots__ = ("phrase", "lang", "code", "kind", "support", "source")

    def __init__(self, phrase, lang, code, kind, support, source):
        self.phrase, self.lang, self.code, self.kind, self.support, self.source = (
            phrase.strip(), lang, code, kind, support, source)


def load_country_info(data):
    info = {}
    with open(os.path.join(data, "geonames", "countryInfo.txt"), encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            cols = line.rstrip("\n").split("\t")
            info[cols[0]] = {"iso3": cols[1], "name": cols[4], "capital": cols[5],
                             "population": int(cols[7] or 0), "neighbours": cols[17] if len(cols) > 17 else ""}
    return info


def clean_i18n_name(name):
    """'Falkland Islands (Malvinas)' -> 'Falkland Islands'; 'Korea, Republic of' -> 'Korea'."""
    name = name.split("(")[0].split(",")[0].strip()
    return name


def load_i18n(data, codes):
    entries, names = [], {}
    for lang in ("en", "es"):
        with open(os.path.join(data, "i18n-iso-countries", "langs", lang + ".json"), encoding="utf-8") as f:
            countries = json.load(f)["countries"]
        for code, value in countries.items():
            if code not in codes:
                continue
            values = value if isinstance(value, list) else [value]
            names.setdefault(code, {})[lang] = values
            for raw in values:
                for phrase in dict.fromkeys([clean_i18n_name(raw), re.sub(r"^(The|the) ", "", clean_i18n_name(raw))]):
                    if phrase:
                        kind = "abbrev" if is_abbreviation(phrase) else "name"
                        entries.append(Entry(phrase, lang, code, kind, "", "i18n-iso-countries"))
    return entries, names


ICU4J_VERSION = "76.1"
DEFAULT_ICU4J = os.path.join(os.path.expanduser("~"), ".m2", "repository", "com", "ibm", "icu", "icu4j", ICU4J_VERSION,
                             "icu4j-" + ICU4J_VERSION + ".jar")


def clean_cldr_name(name):
    """CLDR display names as news writes them: 'Myanmar (Burma)' -> 'Myanmar' and 'Burma'; '&' -> 'and' / 'y'.
    Names that only disambiguate ('Congo - Kinshasa', 'Hong Kong SAR China') are left out."""
    if " - " in name or " SAR " in name or name.startswith("RAE "):
        return []
    out = []
    if name.endswith(")"):
        main, _, rest = name.partition("(")
        out.append(main.strip())
        inner = rest.rstrip(")").strip()
        if inner and "," not in inner:
            out.append(inner)
    else:  # "Cocos (Keeling) Islands" -> "Cocos Islands"
        out.append(re.sub(r"\s*\([^)]*\)", "", name).strip())
    return [n.replace("’", "'") for n in out if n]


def load_cldr(icu4j, codes):
    """Country names of CLDR (en, es) through ICU4J: tools/cldr/CldrCountryNames.java run as a single-file program."""
    import subprocess
    if not os.path.exists(icu4j):
        sys.exit(f"ICU4J not found at {icu4j}: fetch it with "
                 f"mvn -B dependency:get -Dartifact=com.ibm.icu:icu4j:{ICU4J_VERSION} -Dtransitive=false, or pass --icu4j")
    program = os.path.join(MODULE_DIR, "tools", "cldr", "CldrCountryNames.java")
    result = subprocess.run(["java", "-cp", icu4j, program, "en", "es"], input="\n".join(sorted(codes)) + "\n",
                            capture_output=True, text=True, encoding="utf-8", check=True)
    entries = []
    for line in result.stdout.splitlines():
        if line.startswith("#") or not line.strip():
            continue
        code, lang, form, name = line.split("\t")
        if code not in codes:
            continue
        for phrase in clean_cldr_name(name):
            names = [phrase]
            if "&" in phrase:
                names = [phrase.replace("&", "and" if lang == "en" else "y")]
            for n in names:
                letters = re.sub(r"[^A-Za-z]", "", n)
                if form == "short" and len(letters) <= 2 and "." not in n:
                    continue  # "RU" (Reino Unido) is Russia's code too; the abbreviations we use are curated
                kind = "abbrev" if is_abbreviation(n) else "name"
                entries.append(Entry(n, lang, code, kind, "", "cldr"))
    return entries


LATIN_RE = re.compile(r"^[A-Za-zÀ-ÖØ-öø-ɏ' .\-]+$")


def similar(alternate, primary):
    """True when a token of the alternate name shares a good prefix with a token of the primary name (Tokio/Tokyo,
    Londres/London, Ciudad de México/Mexico City), so that unrelated historic names and codes stay out."""
    for a in key(alternate).split():
        for b in key(primary).split():
            if len(a) < 3 or len(b) < 3:
                continue
            common = 0
            for x, y in zip(a, b):
                if x != y:
                    break
                common += 1
            if common >= max(3, math.ceil(0.6 * min(len(a), len(b)))):
                return True
    return False


def usable_alternate(alt, primary):
    return (len(alt) >= 5 and LATIN_RE.match(alt) and not any(ch.isdigit() for ch in alt)
            and alt[:1].isupper() and any(ch.islower() for ch in alt) and similar(alt, primary))


def load_cities(data, codes):
    """Capitals (PPLC), seats of government (PPLG) and big cities; plus every place name with its population, to find
    names shared by places in different countries."""
    entries, places = [], collections.defaultdict(list)
    with gzip.open(os.path.join(data, "geonames", "cities15000.txt.gz"), "rt", encoding="utf-8") as f:
        for line in f:
            cols = line.rstrip("\n").split("\t")
            name, ascii_name, alternates, feature, code = cols[1], cols[2], cols[3], cols[7], cols[8]
            population = int(cols[14] or 0)
            for n in dict.fromkeys([name, ascii_name]):
                places[key(n)].append((code, population))
            if code not in codes:
                continue
            capital = feature in ("PPLC", "PPLG")
            big = population >= CITY_MIN_POPULATION or (
                code in FOCUS_COUNTRIES and population >= CITY_MIN_POPULATION_FOCUS)
            if not (capital or big):
                continue
            kind = "capital" if capital else "city"
            support = "" if capital or population >= CITY_SELF_EVIDENT_POPULATION else "uncased"
            for n in dict.fromkeys([name, ascii_name]):
                entries.append(Entry(n, "*", code, kind, support, "geonames"))
            # Alternate names carry no language tag; the similar-looking Latin ones of capitals are mostly exonyms
            # that Spanish uses (Tokio, Londres, Moscú), so they are matched in Spanish text only. Those of other
            # cities add more noise (Pueblo for Puebla) than value.
            for alt in (alternates.split(",") if capital else []):
                alt = alt.strip()
                if alt and alt not in (name, ascii_name) and usable_alternate(alt, name):
                    entries.append(Entry(alt, "es", code, kind, "", "geonames"))
    return entries, places


def load_admin1(data, codes):
    entries = []
    with open(os.path.join(data, "geonames", "admin1CodesASCII.txt"), encoding="utf-8") as f:
        for line in f:
            cols = line.rstrip("\n").split("\t")
            code = cols[0].split(".")[0]
            if code in ADMIN1_COUNTRIES and code in codes:
                for n in dict.fromkeys([cols[1], cols[2]]):
                    entries.append(Entry(n, "*", code, "admin1", "", "geonames"))
    return entries


def load_phoenix(data, iso3_to_iso2):
    """English demonyms mined from the country blocks (upper case, '_' for spaces), and the set of all phrases."""
    demonyms, phrases = [], set()
    suffixes = ("AN", "IAN", "EAN", "ESE", "ISH")  # Mexic-an, Brazil-ian, Japan-ese
    current = None
    with gzip.open(os.path.join(data, "phoenix", "Phoenix.Countries.actors.txt.gz"), "rt", encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            text = line.split("#")[0].strip()
            m = re.match(r"^([A-Z][^\s\[]*)\s*\[([A-Z]{3})\]", text)
            if m:
                current = (m.group(1).rstrip("_"), iso3_to_iso2.get(m.group(2)))
                phrases.add(current[0])
                continue
            if text.startswith("+"):
                phrase = text[1:].strip().rstrip("_")
                phrases.add(phrase)
                if current and current[1] and "_" not in phrase:
                    country = current[0].replace("_", " ")
                    fits = any(phrase[:k] == country[:k] and phrase[k:] in suffixes
                               for k in range(max(3, len(country) - 2), len(country) + 1))
                    if " " not in country and fits and phrase != country:
                        demonyms.append((current[1], phrase.capitalize()))
            elif text and not line.startswith("\t"):
                current = None
                phrases.add(text.rstrip("_"))
    return demonyms, phrases


# ---------------------------------------------------------------------------------------------------------------

def build(data, report, icu4j=DEFAULT_ICU4J):
    info = load_country_info(data)
    iso3_to_iso2 = {v["iso3"]: k for k, v in info.items()}
    with open(os.path.join(data, "i18n-iso-countries", "langs", "en.json"), encoding="utf-8") as f:
        codes = set(json.load(f)["countries"]) - EXCLUDED_CODES

    entries = []
    i18n_entries, names = load_i18n(data, codes)
    entries += i18n_entries
    entries += load_cldr(icu4j, codes)
    for code in sorted(codes):
        capital = info.get(code, {}).get("capital")
        if capital:
            entries.append(Entry(capital, "*", code, "capital", "", "geonames"))
    city_entries, places = load_cities(data, codes)
    entries += city_entries
    entries += load_admin1(data, codes)
    excluded = {(lang, key(p)) for lang, p, *_ in read_tsv("exclude.tsv")}
    entries = [e for e in entries if ("*", key(e.phrase)) not in excluded and (e.lang, key(e.phrase)) not in excluded]

    # Curated lists (ours) are never filtered by exclude.tsv.
    curated = []
    for row in read_tsv("aliases.tsv"):
        code, lang, kind, phrase = row[:4]
        curated.append(Entry(phrase, lang, code, kind, row[4] if len(row) > 4 else "", "dyad"))
    for row in read_tsv("demonyms.tsv"):
        code, lang, forms = row[:3]
        support = row[3] if len(row) > 3 else ""
        for form in (f.strip() for f in forms.split(",")):
            for word in (spanish_forms(form) if lang == "es" else [form]):
                for c in code.split("|"):
                    curated.append(Entry(word, lang, c, "demonym", support, "dyad"))
    phoenix_demonyms, phoenix_phrases = load_phoenix(data, iso3_to_iso2)
    curated_keys = {key(e.phrase) for e in curated}
    for code, demonym in phoenix_demonyms:
        if code in codes and key(demonym) not in curated_keys and demonym.endswith(("an", "ian", "ese", "i")):
            curated.append(Entry(demonym, "en", code, "demonym", "", "phoenix"))
            if demonym.endswith(("an", "i")):
                curated.append(Entry(demonym + "s", "en", code, "demonym", "", "phoenix"))
    for lang, phrase in ((r[0], r[1]) for r in read_tsv("blockers.tsv")):
        curated.append(Entry(phrase, lang, "-", "block", "", "dyad"))
    entries += curated

    # Expand "*" into both languages, drop exact duplicates (keeping the first source, curated last wins on support).
    expanded = collections.OrderedDict()
    for e in entries:
        for lang in (("en", "es") if e.lang == "*" else (e.lang,)):
            k = (lang, key(e.phrase), e.code, match_rule(e.phrase, e.kind))
            if not k[1]:
                continue
            prev = expanded.get(k)
            if prev is None:
                expanded[k] = Entry(e.phrase, lang, e.code, e.kind, e.support, e.source)
            else:
                if KINDS.index(e.kind) < KINDS.index(prev.kind):
                    prev.kind = e.kind
                if e.support:
                    prev.support = e.support

    # A city yields to another country's reading of the same name: a country, state, capital, or a city at least four
    # times its size (London, Ontario yields to London; Paris, Texas to Paris; Ontario, California to Ontario). Its
    # reading stays as support "minor": taken only when the document backs its country (a local story from Texas),
    # otherwise the major reading is.
    by_key = collections.defaultdict(list)
    for kk, e in expanded.items():
        if e.code != "-":
            by_key[(kk[0], kk[1])].append((kk, e))
    for (lang, k), group in by_key.items():
        for kk, e in group:
            if e.kind != "city" or e.source != "geonames":
                continue
            town = max([p for c, p in places.get(k, []) if c == e.code] or [0])
            for _, other in group:
                if other.code == e.code:
                    continue
                if other.kind != "city" or max([p for c, p in places.get(k, []) if c == other.code] or [0]) >= 4 * town:
                    e.support = "minor"
                    break

    # Names shared by places of different countries: keep every sizeable reading, the document decides.
    collisions = []
    by_key = collections.defaultdict(list)
    for (lang, k, code, rule), e in expanded.items():
        by_key[(lang, k)].append(e)
    for (lang, k), group in by_key.items():
        if any(e.kind in ("city", "capital") for e in group) and len({e.code for e in group}) == 1:
            code = group[0].code
            own = max([p for c, p in places.get(k, []) if c == code] or [0])
            others = {c for c, p in places.get(k, []) if c != code and c in codes
                      and p >= max(COLLISION_MIN_POPULATION, own // 4)}
            for other in sorted(others):
                expanded[(lang, k, other, match_rule(group[0].phrase, "city"))] = Entry(
                    group[0].phrase, lang, other, "city", "", "geonames")
                collisions.append((lang, group[0].phrase, code, other))

    # A country's own name beats a place of another country that shares it (Jamaica, Queens; Panama City, Florida),
    # unless ambiguity.tsv says otherwise (Georgia).
    overridden = {(lang, key(r[1])) for r in read_tsv("ambiguity.tsv")
                  for lang in (("en", "es") if r[0] == "*" else (r[0],))}
    by_key = collections.defaultdict(list)
    for kk, e in expanded.items():
        if e.code != "-":
            by_key[(kk[0], kk[1])].append((kk, e))
    for (lang, k), group in by_key.items():
        name_codes = {e.code for _, e in group if e.kind in ("name", "abbrev")}
        if len(name_codes) == 1 and (lang, k) not in overridden:
            for kk, e in group:
                if e.code not in name_codes and e.kind in ("city", "capital", "admin1"):
                    del expanded[kk]

    # Overrides from ambiguity.tsv: candidate codes and support for a phrase.
    for row in read_tsv("ambiguity.tsv"):
        lang_spec, phrase, code_spec = row[:3]
        support = row[3] if len(row) > 3 else ""
        # "GD|ES:city": candidate codes, each with an optional kind for a reading the sources lack.
        wanted = dict((c.split(":") + [""])[:2] for c in code_spec.split("|"))
        for lang in (("en", "es") if lang_spec == "*" else (lang_spec,)):
            k = key(phrase)
            present = [(kk, e) for kk, e in expanded.items() if kk[0] == lang and kk[1] == k and e.code != "-"]
            for kk, e in present:
                if e.code not in wanted:
                    del expanded[kk]
                else:
                    e.support = support
            have = {e.code for _, e in present}
            default_kind = "name" if not present or any(e.kind == "name" for _, e in present) else "city"
            for code, kind in wanted.items():
                if code not in have:
                    kind = kind or default_kind
                    expanded[(lang, k, code, match_rule(phrase, kind))] = Entry(phrase, lang, code, kind, support, "dyad")

    # Any phrase still read as two countries needs the document to decide.
    by_key = collections.defaultdict(list)
    for (lang, k, code, rule), e in expanded.items():
        if code != "-":
            by_key[(lang, k)].append(e)
    for group in by_key.values():
        if len({e.code for e in group if e.support != "minor"}) > 1:
            for e in group:
                if not e.support:
                    e.support = "always"

    rows = sorted(((e.phrase, e.lang, e.code, e.kind, match_rule(e.phrase, e.kind), e.support or "-", e.source)
                   for e in expanded.values()), key=lambda r: (key(r[0]), r[1], r[2], r[0]))

    countries = []
    display = {r[0]: r for r in read_tsv("display-names.tsv")}
    for code in sorted(codes):
        en = display[code][1] if code in display else clean_i18n_name(names[code]["en"][0])
        es = display[code][2] if code in display else clean_i18n_name(names[code]["es"][0])
        countries.append((code, info.get(code, {}).get("iso3", ""), en, es))

    if report:
        by_source = collections.Counter(r[6] for r in rows)
        by_kind = collections.Counter(r[3] for r in rows)
        print("rows by source:", dict(by_source), file=sys.stderr)
        print("rows by kind:", dict(by_kind), file=sys.stderr)
        print("collisions (lang, phrase, kept, added):", file=sys.stderr)
        for c in collisions:
            print("  ", c, file=sys.stderr)
        metonyms = [r for r in rows if r[3] == "metonym" and r[6] == "dyad"]
        print("curated metonyms also in Phoenix:",
              sorted({r[0] for r in metonyms if r[0].upper().replace(" ", "_").replace("É", "E") in phoenix_phrases}),
              file=sys.stderr)
        print("Phoenix demonyms added:", sorted({r[0] for r in rows if r[6] == "phoenix"}), file=sys.stderr)
    return countries, rows


HEADER = """# Dyad country gazetteer {version}: {what}
# GENERATED by classify-service/tools/build_gazetteer.py - do not edit; change tools/gazetteer-src/ and regenerate.
# Contains data from GeoNames (https://www.geonames.org), CC BY 4.0, modified; i18n-iso-countries (c) 2016 widdix
# GmbH, MIT; Phoenix country actor dictionary (c) 2014 Open Event Data Alliance, MIT; Unicode CLDR (via ICU4J),
# Unicode License v3. See classify-service/NOTICE.
"""


def render(countries, rows):
    c = HEADER.format(version=VERSION, what="countries and display names")
    c += "code\tiso3\tname_en\tname_es\n" + "".join("\t".join(r) + "\n" for r in countries)
    p = HEADER.format(version=VERSION, what="phrases the scanner matches")
    p += ("# match: EXACT = letters and case as written (US, U.S.); CAP = capitalised words must be capitalised in the\n"
          "#   text; LOWER = lower-case word (Spanish demonyms); FOLD = any case. Accents and case are folded first.\n"
          "# support: always = counts only when the document backs the country (see ambiguity.tsv); uncased = the\n"
          "#   same where capitals say nothing (sentence start, headline case); minor = a smaller place that shares\n"
          "#   the name of a better-known one: read so only when the document backs it; code '-' = blocker phrase.\n")
    p += "phrase\tlang\tcode\tkind\tmatch\tsupport\tsource\n" + "".join("\t".join(r) + "\n" for r in rows)
    return {"countries-v1.tsv": c, "phrases-v1.tsv": p}


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", default=os.path.join(MODULE_DIR, "..", "..", "shared", "data", "gazetteers"),
                        help="folder of the gazetteer sources (default: ../shared/data/gazetteers from the repo)")
    parser.add_argument("--check", action="store_true", help="exit 1 when the committed files are out of date")
    parser.add_argument("--report", action="store_true", help="print what each source contributed")
    parser.add_argument("--icu4j", default=DEFAULT_ICU4J, help="the ICU4J jar (CLDR country names)")
    args = parser.parse_args()
    data = os.path.normpath(args.data)
    if not os.path.isdir(data):
        sys.exit(f"gazetteer sources not found at {data}; pass --data")
    countries, rows = build(data, args.report, args.icu4j)
    outputs = render(countries, rows)
    stale = []
    for name, text in outputs.items():
        path = os.path.join(OUT_DIR, name)
        current = open(path, encoding="utf-8").read() if os.path.exists(path) else None
        if current != text:
            stale.append(name)
            if not args.check:
                os.makedirs(OUT_DIR, exist_ok=True)
                with open(path, "w", encoding="utf-8") as f:
                    f.write(text)
    if args.check:
        if stale:
            sys.exit("out of date: " + ", ".join(stale) + " (run tools/build_gazetteer.py)")
        print("gazetteer up to date")
    else:
        print(f"wrote {len(countries)} countries and {len(rows)} phrases to {OUT_DIR}"
              + ("" if stale else " (unchanged)"))


if __name__ == "__main__":
    main()

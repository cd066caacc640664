"""Units: surface forms after (or, for currencies, before) a number, and their names.

``Quantity.unit`` holds a short *symbol* (``%``, ``$``, ``km``, ``mph``, ``years old``) or,
for a counted thing, the noun as written in lower case (``troops``). Rates join two
symbols with ``/`` (``$/barrel``). :func:`normalize_unit` turns a symbol into the long,
singular name used by the CQE/NewsQuant benchmark (``percentage``, ``dollar``,
``kilometre``, ``dollar per barrel``, ``troop``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

__all__ = [
    "UnitMatch",
    "currency_before",
    "currency_word_symbol",
    "is_age_unit",
    "is_measure_unit",
    "normalize_unit",
    "pounds_are_money",
    "singular",
    "unit_after",
    "with_rate",
]


@dataclass(frozen=True, slots=True)
class UnitMatch:
    symbol: str
    start: int
    end: int


# (case-insensitive surfaces, case-sensitive surfaces, symbol, name); surfaces are regex
# fragments. Short symbols that are also words or letters ("m", "W", "pc") are case-sensitive.
_UNITS: tuple[tuple[str, str, str, str], ...] = (
    (r"%|per\s?cent|percent|pct|percentage", r"pc", "%", "percentage"),
    (r"percentage[- ]points?", r"pp|ppts?", "pp", "percentage point"),
    (r"basis[- ]points?|bps", r"bp", "bp", "basis point"),
    (r"points?|pts?", "", "points", "point"),
    (r"magnitude", "", "magnitude", "magnitude"),
    # age
    (r"years?[- ]olds?|yrs?[- ]old", "", "years old", "year of age"),
    (r"months?[- ]olds?", "", "months old", "month of age"),
    (r"weeks?[- ]olds?", "", "weeks old", "week of age"),
    (r"days?[- ]olds?", "", "days old", "day of age"),
    # time
    (r"years?|yrs?", "", "years", "year"),
    (r"months?", r"mos?", "months", "month"),
    (r"weeks?|wks?", "", "weeks", "week"),
    (r"days?", "", "days", "day"),
    (r"hours?|hrs?", "", "hours", "hour"),
    (r"minutes?|mins?", "", "min", "minute"),
    (r"seconds?|secs?", "", "s", "second"),
    (r"milliseconds?", r"ms", "ms", "millisecond"),
    (r"decades?", "", "decades", "decade"),
    (r"centuries|century", "", "centuries", "century"),
    # speed and rates
    (r"mph|m\.p\.h\.?|miles?\s(?:per|an|a)\shour", "", "mph", "mile per hour"),
    (
        r"km/h|km/hr|kph|kmh|kilomet(?:re|er)s?\s(?:per|an|a)\shour",
        "",
        "km/h",
        "kilometre per hour",
    ),
    (r"met(?:re|er)s?\sper\ssecond", r"m/s", "m/s", "metre per second"),
    (r"mpg|miles?\sper\sgallon", "", "mpg", "mile per gallon"),
    (r"knots?|kts?", "", "kt", "knot"),
    (r"rpm|revolutions?\sper\sminute", "", "rpm", "revolutions per minute"),
    (r"barrels?(?:[- ]a[- ]|\sper\s)day|bpd|b/d", "", "barrels/day", "barrel per day"),
    # length and area
    (r"square\skilomet(?:re|er)s?|sq\.?\s?km|km2|km²", "", "km²", "square kilometre"),
    (r"square\smet(?:re|er)s?|sq\.?\s?m|sqm|m2|m²", "", "m²", "square metre"),
    (r"square\s(?:feet|foot)|sq\.?\s?ft", "", "sq ft", "square foot"),
    (r"square\smiles?|sq\.?\s?mi", "", "sq mi", "square mile"),
    (r"acres?", "", "acres", "acre"),
    (r"hectares?", r"ha", "ha", "hectare"),
    (r"kilomet(?:re|er)s?|kms?", "", "km", "kilometre"),
    (r"centimet(?:re|er)s?|cms?", "", "cm", "centimetre"),
    (r"millimet(?:re|er)s?|mm", "", "mm", "millimetre"),
    (r"micromet(?:re|er)s?|microns?|μm|µm", "", "μm", "micrometre"),
    (r"nanomet(?:re|er)s?", r"nm", "nm", "nanometre"),
    (r"met(?:re|er)s?", r"m", "m", "metre"),
    (r"miles?", r"mi", "miles", "mile"),
    (r"nautical\smiles?", "", "nmi", "nautical mile"),
    (r"feet|foot|ft", "", "ft", "foot"),
    # "in" only where it cannot be the preposition: "2 1/2 in wide", "a 6 in. pipe", "... 4 in."
    (
        r"inch(?:es)?|″",
        r"in(?=\.?\s*$|\.?\s*[,;:)]|\.\s+[a-z]|\s+(?:wide|long|tall|high|deep|thick|across|"
        r"in\s+diameter|of\s+(?:rain|snow|water)|x\s))",
        "in",
        "inch",
    ),
    (r"yards?|yds?", "", "yd", "yard"),
    # volume and mass
    (r"cubic\s(?:feet|foot)|cu\.?\s?ft", "", "cu ft", "cubic foot"),
    (r"cubic\smet(?:re|er)s?|m3|m³", "", "m³", "cubic metre"),
    (r"millilit(?:re|er)s?|ml", "", "ml", "millilitre"),
    (r"lit(?:re|er)s?", r"l|L", "l", "litre"),
    (r"gallons?|gal", "", "gal", "gallon"),
    (r"pints?", "", "pints", "pint"),
    (r"tablespoons?|tbsps?|tbs", "", "tbsp", "tablespoon"),
    (r"teaspoons?|tsps?", "", "tsp", "teaspoon"),
    (r"quarts?", "", "quarts", "quart"),
    (r"barrels?|bbls?", "", "barrels", "barrel"),
    (r"kilograms?|kilogrammes?|kilos?|kgs?", "", "kg", "kilogram"),
    (r"milligrams?|milligrammes?|mg", "", "mg", "milligram"),
    (r"micrograms?|µg|μg|mcg", "", "μg", "microgram"),
    (r"grams?|grammes?", r"g", "g", "gram"),
    (r"pounds?|lbs?", "", "lb", "pound-mass"),
    (r"ounces?|oz", "", "oz", "ounce"),
    (r"gigatonnes?|gigatons?", r"Gt", "Gt", "gigaton"),
    (r"megatonnes?|megatons?", "", "Mt", "megaton"),
    (r"tonnes?|metric\stons?", "", "t", "metric ton"),
    (r"tons?", "", "tons", "ton"),
    (r"carats?", "", "ct", "carat"),
    # energy, power, electricity
    (r"kilowatt[- ]hours?|kwh", "", "kWh", "kilowatt hour"),
    (r"megawatt[- ]hours?|mwh", "", "MWh", "megawatt hour"),
    (r"gigawatt[- ]hours?|gwh", "", "GWh", "gigawatt hour"),
    (r"terawatt[- ]hours?|twh", "", "TWh", "terawatt hour"),
    (r"kilowatts?|kw", "", "kW", "kilowatt"),
    (r"megawatts?", r"MW|mw", "MW", "megawatt"),
    (r"gigawatts?|gw", "", "GW", "gigawatt"),
    (r"watts?", r"W", "W", "watt"),
    (r"brake\shorsepower|bhp", "", "bhp", "brake horsepower"),
    (r"horsepower|hp", r"PS", "hp", "horsepower"),
    (r"newton[- ]met(?:re|er)s?", r"Nm|N·m", "N·m", "newton metre"),
    (r"pound[- ]f(?:ee|oo)t", "", "pound-feet", "pound-foot"),
    (r"lb[- ]?ft|foot[- ]pounds?|ft[- ]?lbs?", "", "lb-ft", "foot pound-force"),
    (r"kilocalories|kcal|calories?", "", "kcal", "calorie"),
    (r"kilovolts?|kv", "", "kV", "kilovolt"),
    (r"volts?", r"V", "V", "volt"),
    (r"milliamp(?:ere)?[- ]hours?|mah", "", "mAh", "milliampere-hour"),
    (r"amperes?|amps?", r"A", "A", "ampere"),
    (r"farads?", "", "F", "farad"),
    # frequency and data
    (r"gigahertz|ghz", "", "GHz", "gigahertz"),
    (r"megahertz|mhz", "", "MHz", "megahertz"),
    (r"kilohertz|khz", "", "kHz", "kilohertz"),
    (r"hertz|hz", "", "Hz", "hertz"),
    (r"terabytes?|tb", "", "TB", "terabyte"),
    (r"gigabytes?|gb", "", "GB", "gigabyte"),
    (r"megabytes?|mb", "", "MB", "megabyte"),
    (r"kilobytes?|kb", "", "kB", "kilobyte"),
    (r"gigabits?\sper\ssecond|gbps|gbit/s", "", "Gbps", "gigabit per second"),
    (r"megabits?\sper\ssecond|mbps|mbit/s", "", "Mbps", "megabit per second"),
    # temperature, pressure, sound, concentration ("deg" is how "°" survives transliteration)
    (r"(?:°|deg)\s?c|degrees?\s(?:celsius|centigrade|c)|celsius|centigrade", "", "°C", "celsius"),
    (r"(?:°|deg)\s?f|degrees?\sfahrenheit|degrees?\sf|fahrenheit", "", "°F", "fahrenheit"),
    (r"degrees?|°|deg", "", "°", "degree"),
    (r"psi", "", "psi", "pound per square inch"),
    (r"ksi", "", "ksi", "kilopound per square inch"),
    (r"gigapascals?|gpa", "", "GPa", "gigapascal"),
    (r"megapascals?|mpa", "", "MPa", "megapascal"),
    (r"kilopascals?|kpa", "", "kPa", "kilopascal"),
    (r"decibels?|db", "", "dB", "decibel"),
    (r"parts?[- ]per[- ]million|ppm", "", "ppm", "part per million"),
    (r"parts?[- ]per[- ]billion|ppb", "", "ppb", "parts-per-billion"),
    # sports rates
    (r"ppg", "", "points/game", "point per game"),
    (r"rpg", "", "rebounds/game", "rebound per game"),
    (r"apg", "", "assists/game", "assist per game"),
    # multiples and money words
    (r"times|fold", r"x", "times", "count"),
    (r"cents?|¢", "", "cents", "cent"),
    (r"pence", r"p", "pence", "penny"),
)

_CURRENCY_WORDS: tuple[tuple[str, str], ...] = (
    (r"u\.?s\.?\s(?:dollars?)|american\sdollars?", "$"),
    (r"australian\sdollars?", "A$"),
    (r"canadian\sdollars?", "C$"),
    (r"hong\skong\sdollars?", "HK$"),
    (r"singapore(?:an)?\sdollars?", "S$"),
    (r"new\szealand\sdollars?", "NZ$"),
    (r"dollars?|bucks", "$"),
    (r"euros?", "€"),
    (r"pounds?\ssterling|sterling|quid", "£"),
    (r"(?:japanese\s)?yen", "¥"),
    (r"(?:chinese\s)?yuan|renminbi", "CN¥"),
    (r"(?:indian\s)?rupees?", "₹"),
    (r"(?:malaysian\s)?ringgit", "RM"),
    (r"(?:israeli\s)?(?:new\s)?shekels?", "₪"),
    (r"(?:russian\s)?r[ou]+bles?", "₽"),
    (r"(?:ukrainian\s)?hryvnias?", "₴"),
    (r"(?:swiss\s)?francs?", "CHF"),
    (r"danish\s(?:crowns?|kroner|krone)", "DKK"),
    (r"swedish\s(?:crowns?|kronor|krona)", "SEK"),
    (r"norwegian\s(?:crowns?|kroner|krone)", "NOK"),
    (r"(?:croatian\s)?kunas?", "HRK"),
    (r"(?:south\safrican\s)?rand", "ZAR"),
    (r"(?:armenian\s)?drams?", "AMD"),
    (r"bitcoins?|btc", "BTC"),
    (r"sen", "sen"),
)

_CURRENCY_CODES: tuple[tuple[str, str], ...] = (
    ("USD", "$"),
    ("EUR", "€"),
    ("GBP", "£"),
    ("JPY", "¥"),
    ("CNY|RMB", "CN¥"),
    ("CHF", "CHF"),
    ("AUD", "A$"),
    ("CAD", "C$"),
    ("HKD", "HK$"),
    ("INR", "₹"),
    ("RUB", "₽"),
    ("UAH", "₴"),
)

_CURRENCY_PREFIXES: tuple[tuple[str, str], ...] = (
    # Letters before "$" in any case ("c$", "hk$": lower-cased text), but a lone letter only
    # glued to the sign: "A $5 fee" is dollars, "A$5" Australian dollars.
    (r"(?i:us\s?\$|u\.s\.\s?\$)|\$\s?US|USD", "$"),
    (r"(?i:a\$|aus?\s?\$)|AUD|\$A", "A$"),
    (r"(?i:c\$|ca\s?\$|can\s?\$|cdn\s?\$)|C\s\$|CAD|\$C", "C$"),
    (r"(?i:hk\s?\$)|HKD", "HK$"),
    (r"(?i:s\$|sg\s?\$)|S\s\$|SGD", "S$"),
    (r"(?i:nz\s?\$)|NZD", "NZ$"),
    (r"R\$|BRL", "R$"),
    (r"\$", "$"),
    (r"£|GBP|PS", "£"),
    (r"€|EUR", "€"),
    (r"¥|JPY|Y=", "¥"),
    (r"CNY|RMB|元", "CN¥"),
    (r"₹|Rs\.?|INR", "₹"),
    (r"RM|MYR", "RM"),
    (r"₪|NIS|ILS", "₪"),
    (r"₽|RUB", "₽"),
    (r"₴|UAH", "₴"),
    (r"CHF", "CHF"),
    (r"₩|KRW", "₩"),
)

_SYMBOL_NAMES: dict[str, str] = {
    "$": "dollar",
    "A$": "australian dollar",
    "C$": "canadian dollar",
    "HK$": "hong kong dollar",
    "S$": "Singaporean dollar",
    "NZ$": "new zealand dollar",
    "R$": "brazilian real",
    "£": "pound sterling",
    "€": "euro",
    "¥": "japanese yen",
    "CN¥": "chinese yuan",
    "₹": "indian rupee",
    "RM": "malaysian ringgit",
    "₪": "shekel",
    "₽": "russian ruble",
    "₴": "ukrainian hryvnia",
    "CHF": "swiss franc",
    "₩": "south korean won",
    "DKK": "danish krone",
    "SEK": "swedish krona",
    "NOK": "norwegian krone",
    "HRK": "croatian kuna",
    "ZAR": "south african rand",
    "AMD": "dram",
    "BTC": "bitcoin",
    "sen": "sen",
}
for _ci, _cs, _sym, _name in _UNITS:
    _SYMBOL_NAMES.setdefault(_sym, _name)

_PER_NOUNS = (
    r"barrel|gallon|litre|liter|ounce|share|gram|kilogram|kilo|pound|ton|tonne|person|head|"
    r"game|match|capita|night|unit|piece|square\s(?:foot|feet|metre|meter|mile)|"
    r"seat|ticket|vote|household|user|visit|trip|student|worker|employee"
)
_TIME_NOUNS = r"year|annum|month|week|day|hour|minute|second|decade|century|quarter|season"


_SEP = r"(?:\s?-\s?|\s|-)?"
_END = r"(?![A-Za-z0-9])"


def _entry(ci: str, cs: str) -> re.Pattern[str]:
    alternatives = [f"(?i:{ci})"] if ci else []
    if cs:
        alternatives.append(f"(?:{cs})")
    return re.compile(_SEP + "(?P<u>" + "|".join(alternatives) + ")" + _END)


_UNIT_ENTRIES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    [(_entry(ci, cs), sym) for ci, cs, sym, _ in _UNITS]
    + [(_entry(ci, ""), sym) for ci, sym in _CURRENCY_WORDS]
    + [(_entry("", code), sym) for code, sym in _CURRENCY_CODES]
)
_PREFIX_ENTRIES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(f"(?P<u>{surf})" + r"\s?(?:-\s?)?$"), sym) for surf, sym in _CURRENCY_PREFIXES
)
_PER_RE = re.compile(
    r"\s?(?:per|a|an|each|every|/)\s?-?\s?(?P<den>(?:" + _TIME_NOUNS + "|" + _PER_NOUNS + r")s?)"
    r"(?![A-Za-z])(?!\s+(?:earlier|ago|later|before|after|on)\b)",
    re.IGNORECASE,
)
_PER_UNIT_RE = re.compile(r"\s?(?:per|/)\s?(?=[A-Za-z°%])")


def unit_after(text: str, pos: int, *, allow_per: bool = True) -> UnitMatch | None:
    """The unit written right after ``pos`` (space or hyphen allowed), with a rate suffix."""
    unit = _longest_unit(text, pos)
    if unit is None:
        return None
    return with_rate(text, unit) if allow_per else unit


def _longest_unit(text: str, pos: int) -> UnitMatch | None:
    best: UnitMatch | None = None
    for rx, symbol in _UNIT_ENTRIES:
        m = rx.match(text, pos)
        if m is None:
            continue
        if best is None or m.end() > best.end:
            best = UnitMatch(symbol, m.start("u"), m.end())
    return best


def with_rate(text: str, unit: UnitMatch) -> UnitMatch:
    """Extend ``$`` to ``$/barrel`` for "$52 a barrel", "$10 per gram"."""
    m = _PER_RE.match(text, unit.end)
    if m is not None:
        den = singular(re.sub(r"\s+", " ", m.group("den").lower()))
        den = {"annum": "year", "liter": "litre", "kilo": "kilogram", "tonne": "metric ton"}.get(
            den, den
        )
        return UnitMatch(f"{unit.symbol}/{den}", unit.start, m.end())
    m2 = _PER_UNIT_RE.match(text, unit.end)
    if m2 is not None:
        nxt = _longest_unit(text, m2.end())
        if nxt is not None and nxt.start == m2.end():
            return UnitMatch(f"{unit.symbol}/{nxt.symbol}", unit.start, nxt.end)
    return unit


def currency_before(text: str, pos: int) -> UnitMatch | None:
    """A currency sign or code ending at ``pos`` ("$", "US$ ", "£", "RM")."""
    window_start = max(0, pos - 8)
    best: UnitMatch | None = None
    for rx, symbol in _PREFIX_ENTRIES:
        m = rx.search(text, window_start, pos)
        if m is None:
            continue
        start = m.start("u")
        if start > 0 and text[start - 1].isalnum() and text[start].isalnum():
            continue
        if m.group("u") in ("PS", "Y=") and m.end("u") != pos:
            continue  # transliterated "£"/"¥" only when glued to the digits
        if best is None or start < best.start:
            best = UnitMatch(symbol, start, pos)
    return best


def currency_word_symbol(word: str) -> str | None:
    """The currency symbol for a money word ("dollars" -> ``$``), else ``None``."""
    for surf, sym in _CURRENCY_WORDS:
        if re.fullmatch(surf, word, re.IGNORECASE):
            return sym
    return None


_IRREGULAR = {
    "people": "people",
    "men": "man",
    "women": "woman",
    "children": "child",
    "feet": "foot",
    "teeth": "tooth",
    "mice": "mouse",
    "geese": "goose",
    "personnel": "personnel",
    "police": "police",
    "staff": "staff",
    "series": "series",
    "species": "species",
    "news": "news",
    "data": "data",
    "media": "media",
    "criteria": "criterion",
    "lives": "life",
    "wives": "wife",
    "knives": "knife",
    "thieves": "thief",
}


def singular(word: str) -> str:
    """A rule-based singular of an English noun ("troops" -> "troop")."""
    low = word.lower()
    if low in _IRREGULAR:
        return _IRREGULAR[low]
    if low.endswith("men") and len(low) > 4:
        return word[:-3] + "man"
    if len(low) <= 3 or not low.endswith("s") or low.endswith(("ss", "us", "is", "ous")):
        return word
    if low.endswith("uses") and len(low) > 5:
        return word[:-2]
    if low.endswith("ies") and len(low) > 4:
        return word[:-3] + "y"
    if low.endswith(("ches", "shes", "xes", "zes", "sses", "oes")):
        return word[:-2]
    return word[:-1]


_MONEY_CUES = re.compile(
    r"£|\b(?:pa(?:y|ys|id|ying)|cost(?:s|ing)?|worth|pric(?:e|es|ed|ing)|fees?|fine[sd]?|"
    r"deals?|sold|sell(?:s|ing)?|sales?|bought|buy(?:s|ing)?|spen[dt]\w*|fund(?:s|ed|ing)?|"
    r"budgets?|salar(?:y|ies)|wages?|revenues?|profits?|loss(?:es)?|debts?|tax(?:es)?|"
    r"bonus(?:es)?|invest\w*|raised?|awarded|compensation|bills?|transfer|bids?|offers?|"
    r"loans?|grants?|donat\w+|earn\w*|income|valu(?:e|ed|ation)|shares?|stakes?|bank\w*|"
    r"pensions?|contracts?|cash|money|notes?|coins?|sterling|britain|british|uk|england|"
    r"london|scotland|wales|nhs|premier\s+league|council|billion|million|bn|mn)\b",
    re.IGNORECASE,
)
_MASS_CUES = re.compile(
    r"\b(?:weigh\w*|weight|heav(?:y|ier|iest)|light(?:er|est)|lbs?|kg|kilo\w*|ounces?|oz|"
    r"tons?|tonnes?|grams?|overweight|obese|babies|baby|fish|bass|trout|catch|drugs?|cocaine|"
    r"marijuana|cannabis|meth\w*|heroin|fentanyl|beef|pork|meat|food|trash|waste|cargo|"
    r"payload|lift\w*|bench|pressure|explosives?)\b",
    re.IGNORECASE,
)


def pounds_are_money(text: str, start: int, end: int) -> bool:
    """Is "pounds" at ``text[start:end]`` (a number and its unit word) sterling, not mass?

    Decided by the words around it: money words ("paid", "worth", "fee", "deal", "£",
    "million") against mass words ("weighed", "heavy", "of cocaine"); "N pounds of <noun>"
    is a weight ("4,000 pounds of cargo"), and a tie stays mass.
    """
    if re.match(r"\s+(?:sterling|stg)\b", text[end:], re.IGNORECASE):
        return True
    if re.match(r"\s+of\b", text[end:]) and not re.match(
        r"\s+of\s+(?:funding|investment|taxpayers|public\s+money|cash)\b", text[end:]
    ):
        return False
    window = text[max(0, start - 80) : end + 60]
    money = len(_MONEY_CUES.findall(window))
    mass = len(_MASS_CUES.findall(window))
    return money > mass


_AGE_SYMBOLS = frozenset({"years old", "months old", "weeks old", "days old"})


def is_age_unit(symbol: str | None) -> bool:
    """Is ``symbol`` an age ("years old")?"""
    return symbol in _AGE_SYMBOLS


def is_measure_unit(symbol: str) -> bool:
    """Is ``symbol`` a unit of measure or money (``%``, ``km``, ``hours``, ``$/barrel``)
    rather than a counted noun ("troops")?"""
    return symbol in _SYMBOL_NAMES or "/" in symbol


@cache
def normalize_unit(symbol: str | None) -> str:
    """The benchmark-style name of a unit symbol; ``-`` for no unit."""
    if not symbol:
        return "-"
    if symbol in _SYMBOL_NAMES:
        return _SYMBOL_NAMES[symbol]
    if "/" in symbol:
        num, _, den = symbol.partition("/")
        return f"{normalize_unit(num)} per {normalize_unit(den)}"
    words = [w for w in re.split(r"\s+", symbol) if w and w.lower() not in _STOP]
    return " ".join(singular(w) for w in words) or "-"


_STOP = frozenset({"of", "the", "a", "an", "and", "or", "to", "for", "in", "on"})

"""Quantities: values, intervals, units, bounds and what is not a quantity (fictional text)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsdesk.facts import extract_quantities, normalize_unit
from newsdesk.records import Bound, Quantity


def only(sentence: str) -> Quantity:
    found = extract_quantities(sentence)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(
    ("sentence", "bound"),
    [
        ("The fleet lost about 40 ships.", Bound.APPROX),
        ("Around 40 ships sank.", Bound.APPROX),
        ("Approximately 40 ships sank.", Bound.APPROX),
        ("Some 40 ships sank.", Bound.APPROX),
        ("Roughly 40 ships sank.", Bound.APPROX),
        ("An estimated 40 ships sank.", Bound.APPROX),
        ("The fleet lost 40-odd ships.", Bound.APPROX),
        ("Nearly 40 ships sank.", Bound.APPROX),
        ("Almost 40 ships sank.", Bound.APPROX),
        ("More than 40 ships sank.", Bound.GT),
        ("Over 40 ships sank.", Bound.GT),
        ("Above 40 ships sank.", Bound.GT),
        ("Less than 40 ships sank.", Bound.LT),
        ("Fewer than 40 ships sank.", Bound.LT),
        ("Under 40 ships sank.", Bound.LT),
        ("At least 40 ships sank.", Bound.GE),
        ("40 ships or more sank.", Bound.GE),
        ("At most 40 ships sank.", Bound.LE),
        ("Up to 40 ships sank.", Bound.LE),
        ("Exactly 40 ships sank.", Bound.EQ),
    ],
)
def test_bound_words(sentence: str, bound: Bound) -> None:
    q = only(sentence)
    assert (q.value, q.unit, q.bound) == (40.0, "ships", bound)


@pytest.mark.parametrize(
    ("sentence", "value", "unit"),
    [
        ("Turnout was 62% this time.", 62.0, "%"),
        ("Turnout was 62 per cent this time.", 62.0, "%"),
        ("A ticket costs $6 each.", 6.0, "$"),
        ("The port earned $1.5 million.", 1_500_000.0, "$"),
        ("The port earned $2.8bn.", 2_800_000_000.0, "$"),
        ("The port earned £40m.", 40_000_000.0, "£"),
        ("The port earned €12 billion.", 12_000_000_000.0, "€"),
        ("The convoy drove 120 km north.", 120.0, "km"),
        ("The convoy drove 75 miles north.", 75.0, "miles"),
        ("The winds reached 90 mph.", 90.0, "mph"),
        ("Oil sold at $52 a barrel.", 52.0, "$/barrel"),
        ("The mayor, a 48-year-old teacher, won.", 48.0, "years old"),
        ("The siege lasted 22 months.", 22.0, "months"),
        ("The plant makes 3,100 tanks.", 3100.0, "tanks"),
        ("Three ferries were late.", 3.0, "ferries"),
        ("Crews counted 1.5 million people.", 1_500_000.0, "people"),
        ("The price rose sixfold.", 6.0, "times"),
    ],
)
def test_values_and_units(sentence: str, value: float, unit: str) -> None:
    q = only(sentence)
    assert (q.value, q.unit) == (value, unit)


def test_counted_noun_skips_adjectives() -> None:
    q = only("Officials said 315,000 Varnish soldiers crossed.")
    assert (q.value, q.unit, q.text) == (315000.0, "soldiers", "315,000 Varnish soldiers")


def test_odd_suffix_is_part_of_the_span() -> None:
    q = only("They lost an estimated 300,000-odd horses.")
    assert (q.text, q.bound, q.unit) == ("300,000-odd horses", Bound.APPROX, "horses")


@pytest.mark.parametrize(
    ("sentence", "low", "high", "unit"),
    [
        ("Another 450,000-500,000 people may go.", 450_000.0, 500_000.0, "people"),
        ("Between 10 and 20 boats sank.", 10.0, 20.0, "boats"),
        ("A fine of $3 billion to $5 billion looms.", 3e9, 5e9, "$"),
        ("Guidance was $89 to $93 billion.", 89e9, 93e9, "$"),
        ("There are four to five thousand tents.", 4000.0, 5000.0, "tents"),
        ("Hundreds of thousands of men signed.", 1e5, 1e6, "men"),
        ("Dozens of people gathered.", 12.0, 120.0, "people"),
        ("Thousands of volunteers came.", 1e3, 1e4, "volunteers"),
    ],
)
def test_intervals(sentence: str, low: float, high: float, unit: str) -> None:
    q = only(sentence)
    assert q.value is None
    assert (q.low, q.high, q.unit) == (low, high, unit)
    assert q.interval == (low, high)


def test_a_dozen_is_twelve() -> None:
    assert only("A dozen eggs broke.").value == 12.0


def test_fractions() -> None:
    assert only("Two-thirds of voters stayed home.").value == pytest.approx(2 / 3)
    assert only("One in five voters stayed home.").value == pytest.approx(0.2)


def test_negative_number() -> None:
    q = only("It fell to minus 12 degrees.")
    assert (q.value, q.unit) == (-12.0, "°")


@pytest.mark.parametrize(
    "sentence",
    [
        "The war began in 2022.",
        "Talks resumed on March 29.",
        "Talks resumed on 4 September 2021.",
        "The vote closed at 5:30 p.m. local time.",
        "It was the 22nd amendment.",
        "Rovers won 2-1 at home.",
        "Fans lined up for the Zephyr 11 launch.",
        "They met in Section 427 of the stadium.",
        "Crews checked every COVID-19 ward.",
    ],
)
def test_not_quantities(sentence: str) -> None:
    assert extract_quantities(sentence) == []


def test_number_after_a_place_name_counts_when_a_noun_follows() -> None:
    assert [(q.value, q.unit) for q in extract_quantities("In Korvel 200 soldiers died.")] == [
        (200.0, "soldiers")
    ]


def test_model_name_does_not_hide_the_count() -> None:
    q = only("Crews repaired 40 T-62 tanks.")
    assert q.value == 40.0


def test_year_with_a_bound_is_a_quantity() -> None:
    q = only("The marathon drew about 2000 runners.")
    assert (q.value, q.bound) == (2000.0, Bound.APPROX)


def test_bracketed_conversion_keeps_the_bound() -> None:
    first, second = extract_quantities("The moths fly more than 100 km (60 miles).")
    assert first.bound is second.bound is Bound.GT


def test_of_them_takes_the_earlier_count() -> None:
    qs = extract_quantities("The army had 900 trucks and lost 300 of them.")
    assert [(q.value, q.unit) for q in qs] == [(900.0, "trucks"), (300.0, "trucks")]


@pytest.mark.parametrize(
    ("symbol", "name"),
    [
        ("%", "percentage"),
        ("$", "dollar"),
        ("km", "kilometre"),
        ("$/barrel", "dollar per barrel"),
        ("troops", "troop"),
        ("categories of products", "category product"),
        (None, "-"),
    ],
)
def test_normalize_unit(symbol: str | None, name: str) -> None:
    assert normalize_unit(symbol) == name


_WORDS = st.sampled_from(
    [
        "about",
        "more than",
        "300,000-odd",
        "450,000-500,000",
        "$6",
        "1.5 million",
        "troops",
        "%",
        "in",
        "2022",
        "T-62",
        "between 10 and 20",
        "three",
        "a dozen",
        "hundreds of thousands of",
        "km",
        "-",
        "nearly 90%",
        "(",
        ")",
        ",",
    ]
)


@settings(max_examples=60, deadline=None)
@given(st.lists(_WORDS | st.text(max_size=6), max_size=14).map(" ".join))
def test_spans_lie_inside_the_sentence(sentence: str) -> None:
    for q in extract_quantities(sentence):
        assert 0 <= q.start < q.end <= len(sentence)
        assert sentence[q.start : q.end] == q.text
        if q.value is None:
            assert q.low is not None and q.high is not None and q.low < q.high


@pytest.mark.parametrize(
    ("sentence", "value", "unit"),
    [
        ("The miners were paid c$45 million last year.", 45e6, "C$"),
        ("The miners were paid C$ 45 million last year.", 45e6, "C$"),
        ("Shares closed at a$3.20 in Perth.", 3.2, "A$"),
        ("The tram line cost HK$2 billion.", 2e9, "HK$"),
        ("A $5 fee applies at the gate.", 5.0, "$"),
        ("The club sold its keeper for 361 million pounds.", 361e6, "£"),
        ("The council will spend 40 million pounds on roads.", 40e6, "£"),
        ("The crane can lift 4,000 pounds of steel.", 4000.0, "lb"),
        ("The calf weighed 90 pounds at birth.", 90.0, "lb"),
        ("Parking costs 20 euros a day.", 20.0, "€/day"),
        ("The loan was 500 billion yen.", 500e9, "¥"),
    ],
)
def test_currencies_by_symbol_and_context(sentence: str, value: float, unit: str) -> None:
    q = only(sentence)
    assert (q.value, q.unit) == (value, unit)


@pytest.mark.parametrize(
    ("sentence", "value", "unit"),
    [
        ("The hose is 2 1/2 in wide.", 2.5, "in"),
        ("A 3-1/4 inch bolt snapped.", 3.25, "in"),
        ("Snow piled up 3 1/4 inches overnight.", 3.25, "in"),
        ("The shelter is 3/4 mile away.", 0.75, "miles"),
        ("Stir in ½ cup of milk.", 0.5, "cup"),
        ("Stir in 1¾ cups of milk.", 1.75, "cups"),
        ("The ridge is 2½ miles long.", 2.5, "miles"),
        ("The stamp costs 1 1/2 cents.", 1.5, "cents"),
        ("The village has a hundred and two houses.", 102.0, "houses"),
        ("The ferry holds one hundred twenty-five cars.", 125.0, "cars"),
        ("Two and a half million voters stayed home.", 2.5e6, "voters"),
        ("Half a million voters stayed home.", 5e5, "voters"),
        ("The drive took 1 and a half hours.", 1.5, "hours"),
        ("Around 1.2 million voters stayed home.", 1.2e6, "voters"),
        ("She planted a dozen trees.", 12.0, "trees"),
        ("The trust raised Rs 5 crore.", 5e7, "₹"),
        ("Whisk in 2 tbsp of oil.", 2.0, "tbsp"),
    ],
)
def test_fractions_mixed_numbers_and_number_words(sentence: str, value: float, unit: str) -> None:
    q = only(sentence)
    assert q.value == pytest.approx(value)
    assert q.unit == unit


def test_preposition_in_is_not_an_inch() -> None:
    assert only("The Rovers scored 5 in the second half.").unit is None


@pytest.mark.parametrize(
    "sentence",
    [
        "Anyone who saw it should call detectives at 555-201-7788.",
        "Call (555) 201-7788 or 1-800-555-0100 with tips.",
        "Tips can be left at the hotline at 201-7788.",
        "A neighbour called 911 after the crash.",
        "A 911 caller reported smoke.",
        "In Leeds she rang 999 at once.",
        "The fire started in the 4800 block of Larkspur Road.",
        "The shop at 1200 Harbor St. closed.",
        "Send the form to Fairview, OR 97024 by Friday.",
        "The office is in Austin, Texas 78701.",
        "The board met on nov. 6 to vote.",
        "The board met on November 6 to vote.",
        "Ballots arrive Jan. 12 and are counted on 12/01/2016.",
        "The gates open at 5:30 p.m. daily.",
        "The category 4 storm hit land.",
        "The bell rang at 5 o'clock.",
        "She is ranked No. 5 in the league.",
        "the bakery at 1200 elm st. shut.",
    ],
)
def test_numbers_that_name_rather_than_count(sentence: str) -> None:
    assert extract_quantities(sentence) == []


@pytest.mark.parametrize(
    ("sentence", "kept"),
    [
        ("The patrol walked 3 blocks from the square.", [(3.0, "blocks")]),
        ("In Nevada 20000 homes lost power.", [(20000.0, "homes")]),
        ("He will march 5 miles.", [(5.0, "miles")]),
    ],
)
def test_look_alikes_of_identifiers_stay_quantities(
    sentence: str, kept: list[tuple[float, str]]
) -> None:
    assert [(q.value, q.unit) for q in extract_quantities(sentence)] == kept


def test_appositive_age() -> None:
    qs = extract_quantities("Ada Moss, 15, and Len Ruiz, 17, were hurt.")
    assert [(q.value, q.unit) for q in qs] == [(15.0, "years old"), (17.0, "years old")]
    assert normalize_unit("years old") == "year of age"

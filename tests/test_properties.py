"""Property-based tests (hypothesis, seeded and bounded) of every parser and validator, and of the CLI.

The CLI property: generated command lines never produce a traceback, always exit 0, 1 or 2,
and a command that fails leaves the database byte-for-byte as it was.
"""

from __future__ import annotations

import string
import tempfile
from datetime import date
from fractions import Fraction
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from rdtool import fields as F
from rdtool.errors import FieldError
from rdtool.labels import (ENUMS, clean, clean_name, label, parse_bool, parse_date, parse_enum, parse_int,
                           parse_list)
from rdtool.settings import SETTINGS, share_of
import pytest

from tests.helpers import dump

pytestmark = pytest.mark.slow  # property tests: left out of the quick loop (pytest -m "not slow")

FAST = settings(max_examples=200)  # seeded, no deadline, no too-slow check: the profile in tests/conftest.py
CLI = settings(max_examples=200)

# Text that a spreadsheet or a terminal might hand us: CJK, full-width forms, spaces, separators, controls.
ALPHABET = st.sampled_from(list(string.printable) + list("王李张三川镇男女是否党员群众、；;，（）()／/年月日　－＋＝１２３ＡＢ\x00\u200b\ufeff"
                                                       "\U0001f600𠀀"))
TEXT = st.text(ALPHABET, max_size=40)
DATES = st.dates(min_value=date(1900, 1, 1), max_value=date(2099, 12, 31))


def parses_or_field_error(fn, raw):
    try:
        return True, fn(raw)
    except FieldError as exc:
        assert str(exc), "a FieldError must say what is wrong"
        return False, None


# ---- labels ------------------------------------------------------------------------------------------------

@FAST
@given(DATES, st.sampled_from(["{y}-{m:02d}-{d:02d}", "{y}/{m}/{d}", "{y}.{m}.{d}", "{y}{m:02d}{d:02d}",
                               "{y}年{m}月{d}日", "{y}年{m}月{d}", " {y}-{m}-{d} 00:00:00", "{y}-{m:02d}-{d:02d}T08:00"]))
def test_parse_date_accepts_every_spelling(day, form):
    assert parse_date(form.format(y=day.year, m=day.month, d=day.day)) == day.isoformat()


@FAST
@given(TEXT)
def test_parse_date_is_a_valid_date_or_an_error(raw):
    ok, value = parses_or_field_error(parse_date, raw)
    if ok:
        assert date.fromisoformat(value).isoformat() == value


@FAST
@given(st.integers(2000, 2030), st.integers(1, 12), st.integers(29, 31))
def test_impossible_dates_are_refused(y, m, d):
    try:
        date(y, m, d)
    except ValueError:
        ok, _ = parses_or_field_error(parse_date, f"{y}-{m}-{d}")
        assert not ok


@FAST
@given(st.integers(-10**6, 10**6), st.integers(-5, 5))
def test_parse_int_round_trips_and_respects_minimum(n, minimum):
    ok, value = parses_or_field_error(lambda r: parse_int(r, minimum), str(n))
    assert ok == (n >= minimum)
    if ok:
        assert value == n


@FAST
@given(TEXT)
def test_parse_int_bool_never_crash(raw):
    ok, value = parses_or_field_error(parse_int, raw)
    assert not ok or (isinstance(value, int) and value >= 0)
    ok, value = parses_or_field_error(parse_bool, raw)
    assert not ok or isinstance(value, bool)


@FAST
@given(st.sampled_from(sorted(ENUMS)), st.data())
def test_parse_enum_accepts_codes_labels_and_aliases(enum, data):
    code = data.draw(st.sampled_from(sorted(ENUMS[enum])))
    lab, aliases = ENUMS[enum][code]
    for form in (code, code.upper(), lab, f" {lab} ", *aliases):
        assert parse_enum(enum, form) == code
    assert label(enum, code) == lab


@FAST
@given(st.sampled_from(sorted(ENUMS)), TEXT)
def test_parse_enum_is_a_code_or_an_error(enum, raw):
    ok, value = parses_or_field_error(lambda r: parse_enum(enum, r), raw)
    assert not ok or value in ENUMS[enum]


@FAST
@given(TEXT)
def test_cleaning_is_idempotent(raw):
    assert clean(clean(raw)) == clean(raw)
    assert clean_name(clean_name(raw)) == clean_name(raw)
    assert not any(ch.isspace() for ch in clean_name(raw))
    for item in parse_list(raw):
        assert item and not any(sep in item for sep in "、;；,，")


# ---- fields ------------------------------------------------------------------------------------------------

@FAST
@given(TEXT)
def test_name_and_text_validators(raw):
    ok, value = parses_or_field_error(F.name, raw)
    if ok:
        assert 1 <= len(value) <= 30 and not any(c.isdigit() or c.isspace() for c in value)
        assert not value.startswith(("=", "+", "@"))
    ok, value = parses_or_field_error(F.text(10), raw)
    if ok:
        assert len(value) <= 10 and "\x00" not in value


def _id_number(region: int, born: date, seq: int) -> str:
    from stdnum.cn import ric

    body = f"{region:06d}{born:%Y%m%d}{seq:03d}"
    return body + ric.calc_check_digit(body + "0")


@FAST
@given(st.integers(110000, 659999), st.dates(date(1920, 1, 1), date(2010, 12, 31)), st.integers(0, 999),
       st.integers(0, 10))
def test_id_numbers(region, born, seq, wrong):
    good = _id_number(region, born, seq)
    assert F.id_number(good.lower()) == good
    masked = F.mask_id(good)
    assert len(masked) == 18 and masked.count("*") == 10 and masked[:4] == good[:4]
    digits = "0123456789X"
    bad = good[:17] + digits[(digits.index(good[17]) + 1 + wrong % 10) % 11]
    assert not parses_or_field_error(F.id_number, bad)[0]
    assert not parses_or_field_error(F.id_number, masked)[0]


@FAST
@given(TEXT)
def test_id_number_and_phone_never_crash(raw):
    parses_or_field_error(F.id_number, raw)
    ok, value = parses_or_field_error(F.phone, raw)
    if ok:
        assert value.isdigit() and 10 <= len(value) <= 12


@FAST
@given(st.integers(3, 9), st.integers(0, 10**9 - 1), st.sampled_from(["", "+86 ", "+86-"]))
def test_mobile_numbers(second, rest, prefix):
    number = f"1{second}{rest:09d}"
    assert F.phone(prefix + number) == number
    masked = F.mask_phone(number)
    assert masked[:3] == number[:3] and masked[-4:] == number[-4:] and masked.count("*") == 4


@FAST
@given(st.dictionaries(st.sampled_from([f.name for f in __import__("rdtool.services.deputies.deputies", fromlist=["FIELDS"]).FIELDS]),
                       TEXT, max_size=8))
def test_parse_fields_collects_errors_never_raises(raw):
    from rdtool.services.deputies.deputies import FIELDS, check_record

    values, errors = F.parse_fields(FIELDS, raw)
    assert set(values) | {e[0] for e in errors} >= {f.name for f in FIELDS if f.required}
    if not errors:
        check_record(values)


@FAST
@given(st.sampled_from(sorted(SETTINGS)), TEXT)
def test_settings_parse_or_refuse(key, raw):
    ok, value = parses_or_field_error(SETTINGS[key].parse, raw)
    if ok and key.startswith("target_") and value != "":
        assert Fraction(0) <= share_of(value) <= 1


# ---- the CLI -------------------------------------------------------------------------------------------------

NAMES = st.sampled_from(["林晓", "周敏", "王建国", "1", "#1", "2", "欧阳 晓", "", "=1+1", "王\x00"]) | TEXT
VALUES = st.sampled_from(["", "-1", "0", "3", "2023-02-30", "2017-01-05", "1980年2月3日", "女", "镇", "县",
                          "辞职", "主席", "none", "'", '"', "\\", "--help", "13812345678", "110101199003070011",
                          "x" * 300, "99999999999999999999999", "2147483648", "9999-12-31", "0001-01-01"]) | TEXT
FORMATS = st.sampled_from(["table", "csv", "tsv", "json", "jsonl", "md", "xml", "JSON"])
TABLES = st.sampled_from(["deputies", "terms", "settings", "meetings", "attendance", "change_log", "nosuch", ""])


def command_lines():
    return st.one_of(
        st.tuples(st.just("deputy"), st.just("add"), NAMES, st.just("--gender"), VALUES, st.just("--level"), VALUES,
                  st.just("--term"), VALUES, st.just("--birth-date"), VALUES, st.just("--phone"), VALUES),
        st.tuples(st.just("deputy"), st.just("edit"), NAMES, st.sampled_from(["--workplace", "--birth-date",
                                                                              "--gender", "--id-number"]), VALUES),
        st.tuples(st.just("deputy"), st.just("end"), NAMES, st.just("--status"), VALUES, st.just("--date"), VALUES),
        st.tuples(st.just("deputy"), st.just("role"), NAMES, VALUES, st.just("--from"), VALUES),
        st.tuples(st.just("deputy"), st.just("list"), st.just("--format"), FORMATS, st.just("--name"), NAMES),
        st.tuples(st.just("deputy"), st.just("show"), NAMES),
        st.tuples(st.just("db"), st.just("log"), st.just("--table"), TABLES, st.just("--since"), VALUES,
                  st.just("--record"), VALUES, st.just("--format"), FORMATS),
        st.tuples(st.just("db"), st.just("void"), TABLES, VALUES, st.just("--reason"), VALUES),
        st.tuples(st.just("db"), st.just("delete"), TABLES, VALUES),
        st.tuples(st.just("db"), st.just("check"), st.just("--as-of"), VALUES),
        st.tuples(st.just("config"), st.sampled_from(sorted(SETTINGS) + ["nosuch"]), VALUES),
        st.tuples(st.just("term"), st.just("add"), VALUES, st.just("--start"), VALUES, st.just("--end"), VALUES),
        st.tuples(st.just("export"), st.sampled_from(["deputies", "terms", "nosuch"]), st.just("--format"), FORMATS),
        st.lists(VALUES, max_size=5).map(tuple),
    )


def test_cli_never_crashes_and_failures_change_nothing():
    folder = Path(tempfile.mkdtemp(prefix="rdtool-prop-"))
    db = folder / "p.db"
    runner = CliRunner()
    init = runner.invoke(__import__("rdtool.cli.main", fromlist=["app"]).app,
                         ["--db", str(db), "init", "--town", "三川镇", "--term", "3", "--term-start", "2017-01-05"])
    assert init.exit_code == 0, init.output
    from rdtool.cli.main import app

    seen = set()

    @CLI
    @given(command_lines())
    def run(argv):
        before = dump(db)
        result = runner.invoke(app, ["--db", str(db), *argv])
        if result.exception is not None and not isinstance(result.exception, SystemExit):
            raise AssertionError(f"traceback from rdtool {argv!r}: {result.exception!r}") from result.exception
        assert "Traceback" not in result.output, argv
        assert result.exit_code in (0, 1, 2), (argv, result.exit_code, result.output)
        assert "内部错误" not in result.stderr, (argv, result.stderr)
        if result.exit_code != 0:
            assert dump(db) == before, f"rdtool {argv!r} failed but changed the database"
            assert result.stderr.strip() or "--help" in argv or not argv or result.stdout.strip(), argv
        seen.add(result.exit_code)

    run()
    assert seen >= {0, 1, 2}


CODES = st.sampled_from(["P3-01", "C3-1", "p3-01", "A3-001", "2019-001", "三届一次-001", "1", "0", "#1", "x"]) | VALUES
KINDS = st.sampled_from(["主席团", "人代会", "congress", "决定", "报告", "建议", "议案", "视察", "培训", "", "x"])


def more_command_lines():
    """Every other command group, with generated codes, kinds, numbers and dates."""
    j = st.just
    return st.one_of(
        st.tuples(j("meeting"), j("add"), j("--kind"), KINDS, j("--date"), VALUES, j("--present"), VALUES,
                  j("--entitled"), VALUES),
        st.tuples(j("meeting"), st.sampled_from(["show", "list"]), CODES),
        st.tuples(j("meeting"), j("roll"), CODES, j("--absent"), NAMES),
        st.tuples(j("vote"), j("add"), CODES, NAMES, j("--kind"), KINDS, j("--yes"), VALUES, j("--no"), VALUES),
        st.tuples(j("vote"), j("show"), CODES),
        st.tuples(j("election"), j("add"), CODES, j("--post"), VALUES, j("--seats"), VALUES, j("-c"), VALUES),
        st.tuples(j("appointment"), j("add"), NAMES, j("--position"), VALUES, j("--action"), VALUES,
                  j("--meeting"), CODES),
        st.tuples(j("proposal"), j("submit"), NAMES, j("--lead"), NAMES, j("--date"), VALUES, j("--kind"), KINDS),
        st.tuples(j("proposal"), st.sampled_from(["assign", "reply", "close", "show"]), CODES, j("--date"), VALUES),
        st.tuples(j("proposal"), st.sampled_from(["due", "overdue", "stats"]), j("--as-of"), VALUES),
        st.tuples(j("proposal"), j("search"), VALUES),
        st.tuples(j("activity"), j("add"), NAMES, j("--kind"), KINDS, j("--date"), VALUES, j("--participants"), NAMES),
        st.tuples(j("supervision"), j("--year"), VALUES),
        st.tuples(j("deputy"), st.sampled_from(["archive", "show"]), NAMES, j("--term"), VALUES),
        st.tuples(j("deputy"), st.sampled_from(["scores", "flags"]), j("--year"), VALUES),
        st.tuples(j("report"), st.sampled_from(["annual", "term"]), st.sampled_from(["--year", "--term"]), VALUES,
                  j("--as-of"), VALUES, j("--format"), FORMATS),
        st.tuples(j("report"), j("range"), j("--from"), VALUES, j("--to"), VALUES),
        st.tuples(j("general-election"), st.sampled_from(["show", "summary", "results"]), VALUES),
        st.tuples(j("general-election"), j("plan"), VALUES, j("--level"), VALUES, j("--election-day"), VALUES),
    )


def test_every_command_group_never_crashes_and_failures_change_nothing():
    from rdtool.cli.main import app

    folder = Path(tempfile.mkdtemp(prefix="rdtool-prop-more-"))
    db = folder / "p.db"
    runner = CliRunner()
    setup = [["init", "--town", "三川镇", "--term", "3", "--term-start", "2017-01-05", "--term-end", "2021-12-31"],
             *[["deputy", "add", n, "--gender", "女", "--level", "镇", "--term", "3"] for n in ("林晓", "周敏", "王建国",
                                                                                          "陈一", "郑二")],
             ["meeting", "add", "--kind", "人代会", "--date", "2019-01-09", "--present", "5", "--entitled", "5"],
             ["proposal", "submit", "关于修路的建议", "--lead", "林晓", "--date", "2019-01-09", "--meeting", "C3-1"]]
    for argv in setup:
        result = runner.invoke(app, ["--db", str(db), *argv])
        assert result.exit_code == 0, (argv, result.output)

    @CLI
    @given(more_command_lines())
    def run(argv):
        before = dump(db)
        result = runner.invoke(app, ["--db", str(db), *argv])
        if result.exception is not None and not isinstance(result.exception, SystemExit):
            raise AssertionError(f"traceback from rdtool {argv!r}: {result.exception!r}") from result.exception
        assert result.exit_code in (0, 1, 2), (argv, result.exit_code, result.output)
        assert "内部错误" not in result.stderr, (argv, result.stderr)
        if result.exit_code != 0:
            assert dump(db) == before, f"rdtool {argv!r} failed but changed the database"

    run()


CELLS = st.sampled_from(["林晓", "周敏", "王 建国", "女", "男", "镇", "县", "3", "-1", "2023-02-30", "1980-01-02",
                         "=1+1", "'=1+1", '"', '""', ",", "\n", "\x00", "否", "", "　"]) | TEXT


def test_import_of_generated_files_never_crashes():
    """Generated CSV files (and raw bytes): exit 0, 1 or 2, never a traceback; a failed import writes nothing."""
    from rdtool.cli.main import app

    folder = Path(tempfile.mkdtemp(prefix="rdtool-prop-import-"))
    db = folder / "p.db"
    runner = CliRunner()
    assert runner.invoke(app, ["--db", str(db), "init", "--town", "三川镇", "--term", "3",
                               "--term-start", "2017-01-05"]).exit_code == 0
    header = st.lists(st.sampled_from(["name", "gender", "level", "term", "birth_date", "姓名", "性别", "phone",
                                       "id_number", "shoe", ""]), min_size=1, max_size=6)
    body = st.lists(st.lists(CELLS, max_size=7), max_size=6)
    as_csv = st.tuples(header, body).map(
        lambda hb: "\n".join(",".join(row) for row in [hb[0], *hb[1]]).encode("utf-8"))
    encodings = st.sampled_from(["utf-8", "gb18030", "utf-16"])

    @CLI
    @given(as_csv | st.binary(max_size=300), encodings, st.sampled_from(["f.csv", "f.tsv", "f.xlsx", "f.txt"]))
    def run(content, encoding, name):
        if encoding != "utf-8":
            try:
                content = content.decode("utf-8").encode(encoding)
            except (UnicodeDecodeError, UnicodeEncodeError):
                pass
        path = folder / name
        path.write_bytes(content)
        before = dump(db)
        result = runner.invoke(app, ["--db", str(db), "import", "deputies", str(path)])
        if result.exception is not None and not isinstance(result.exception, SystemExit):
            raise AssertionError(f"traceback importing {content!r}: {result.exception!r}") from result.exception
        assert result.exit_code in (0, 1, 2) and "内部错误" not in result.stderr, (content, result.stderr)
        if result.exit_code:
            assert dump(db) == before and result.stderr.startswith("错误：")

    run()

"""Field parsers shared by the CLI's options and the importers' rows.

A Field turns what a person typed (or a spreadsheet cell) into the stored value,
or raises FieldError saying what is wrong. The same Field list validates
`rdtool deputy add --gender 女` and a row of deputies.csv.
"""

from __future__ import annotations

import re
from typing import Any, Callable, NamedTuple

from rdtool.errors import FieldError
from rdtool.formula import restore
from rdtool.labels import (
    clean,
    clean_name,
    parse_bool,
    parse_date,
    parse_enum,
    parse_int,
    parse_list,
    parse_month_or_date,
)

MAX_TEXT = 2000


class Field(NamedTuple):
    name: str
    parse: Callable[[str], Any]
    required: bool = False

    @property
    def enum(self) -> str | None:
        """The glossary enum whose codes the field stores (labels are accepted on import, shown under zh)."""
        return getattr(self.parse, "enum", None)

    @property
    def type(self) -> str:
        """text | int | date | bool | enum: how the value is written in each format (docs/csv.md).

        A parser declares it with a `value_type` attribute (enum() and integer() below do); DATE and BOOL are known.
        """
        if self.parse is parse_date or self.parse is parse_month_or_date:
            return "date"  # (a month-only birth date, YYYY-MM, is written as text)
        if self.parse is parse_bool:
            return "bool"
        return getattr(self.parse, "value_type", "text")


def text(max_len: int = 200, as_written: bool = False) -> Callable[[str], str]:
    """Text up to max_len characters, without NUL. Full-width ASCII is folded (clean) and the export's formula
    guard taken off, so files round-trip (rdtool.formula); `as_written` (free text: a proposal's title, body,
    reply) keeps it as typed but for the spaces around it — Chinese punctuation is not folded to ASCII."""
    def parse(raw: str) -> str:
        value = str(raw).strip() if as_written else restore(clean(raw))
        if "\x00" in value:
            raise FieldError("含有空字符（NUL），文件可能已损坏")
        if len(value) > max_len:
            raise FieldError(f"内容过长（{len(value)} 字，最多 {max_len} 字）")
        return value

    return parse


_NOT_IN_NAMES = r"[\d=+@<>{}\[\]|\\/\"]"  # (a pattern: re compiles it on first use, not at start-up)


def name(raw: str) -> str:
    value = clean_name(raw)
    if "\x00" in value:
        raise FieldError("含有空字符（NUL），文件可能已损坏")
    if not 1 <= len(value) <= 30:
        raise FieldError(f"姓名“{raw}”长度不对（1–30 字）")
    if re.search(_NOT_IN_NAMES, value):
        raise FieldError(f"姓名“{raw}”含有不应出现的字符")
    return value


def enum(kind: str) -> Callable[[str], str]:
    def parse(raw: str) -> str:
        return parse_enum(kind, raw)

    parse.enum, parse.value_type = kind, "enum"  # type: ignore[attr-defined]
    return parse


def integer(minimum: int | None = 0) -> Callable[[str], int]:
    def parse(raw: str) -> int:
        return parse_int(raw, minimum)

    parse.value_type = "int"  # type: ignore[attr-defined]
    return parse


def names(raw: str) -> list[str]:
    return [name(n) for n in parse_list(raw)]


EXCEL_NUMBER = ("这一列被 Excel/WPS 当作数字保存，{what}；"
                "请把该列设置为文本格式后重新输入")
_SCIENTIFIC = r"\d(\.\d+)?E\+?\d+"  # (a pattern: re compiles it on first use, not at start-up)


def id_number(raw: str) -> str:
    """身份证号: 18 characters, GB 11643 check digit, a real birth date.

    An ID that went through a number cell in Excel/WPS (3.32527E+17, or 18 digits ending in 000 with a
    wrong check digit: a number keeps 15 significant digits) is named as such, not as a typing error.
    """
    value = clean(raw).upper().replace(" ", "")
    if "*" in value:
        raise FieldError(f"身份证号“{value}”是脱敏后的值，无法导入；导出时请加 --show-id")
    from stdnum.cn import ric

    shown = mask_id(value)  # (an error goes to a terminal, a log or cron's mail: never the whole number)

    if re.fullmatch(_SCIENTIFIC, value) or (value.endswith(".0") and value[:-2].isdigit()):
        raise FieldError(f"身份证号“{shown}”：" + EXCEL_NUMBER.format(what="身份证号的后几位已经丢失"))
    if len(value) != 18 or not value.isascii() or not value[:17].isdigit() or not (value[17].isdigit() or value[17] == "X"):
        raise FieldError(f"身份证号“{shown}”应为18位（最后一位可为X）")
    if ric.calc_check_digit(value) != value[17]:
        if value.endswith("000"):
            raise FieldError(f"身份证号“{shown}”：" + EXCEL_NUMBER.format(what="身份证号的后几位已经丢失"))
        # (not the digit it should be: with it the message would hold the whole valid number)
        raise FieldError(f"身份证号“{shown}”校验位不对（最后一位与前17位不符，按 GB 11643 核对），请核对原件")
    try:
        ric.get_birth_date(value)
    except ValueError:  # (stdnum's InvalidComponent, for a day that does not exist, is one)
        raise FieldError(f"身份证号“{shown}”中的出生日期不存在（第7–14位）") from None
    return value


def phone(raw: str) -> str:
    """A mobile (11 digits) or a fixed line with its area code; Excel's damage to either is named."""
    value = re.sub(r"[\s\-()（）]", "", clean(raw))
    if value.startswith("+86"):
        value = value[3:]
    if re.fullmatch(r"1[3-9]\d{9}", value) or re.fullmatch(_LANDLINE, value):
        return value
    if "*" in value:
        raise FieldError(f"电话号码“{value}”是脱敏后的值，无法导入；导出时请加 --show-id")
    if re.fullmatch(_SCIENTIFIC, value.upper()):
        raise FieldError(f"电话号码“{raw}”：" + EXCEL_NUMBER.format(what="号码已变成科学计数法，后几位已经丢失"))
    if value.isdigit() and value[0] != "0" and re.fullmatch(_LANDLINE, "0" + value):
        raise FieldError(f"电话号码“{mask_phone(value)}”：" + EXCEL_NUMBER.format(
            what=f"开头的 0 已经丢失（原号码应是 {mask_phone('0' + value)}）"))
    raise FieldError(f"电话号码“{mask_phone(value)}”格式不对（手机11位，或带区号的固定电话）")


_LANDLINE = r"0\d{2,3}\d{7,8}"  # (a pattern: re compiles it on first use, not at start-up)


DATE = parse_date
BIRTH = parse_month_or_date  # 出生日期: a date, or a month only as rosters record it (stored YYYY-MM)
BOOL = parse_bool


def parse_fields(fields: list[Field], raw: dict[str, Any]) -> tuple[dict[str, Any], list[tuple[str, str, str]]]:
    """Parse a row: (values, errors) where each error is (field, raw value, message).

    Blank cells become None; a blank required cell is an error.
    """
    values: dict[str, Any] = {}
    errors: list[tuple[str, str, str]] = []
    for f in fields:
        cell = raw.get(f.name)
        text_value = "" if cell is None else (cell if type(cell) is str else str(cell))
        if not text_value.strip():  # (the same test as clean(...) == "", without folding)
            if f.required:
                errors.append((f.name, "", "必填，不能为空"))
            values[f.name] = None
            continue
        try:
            values[f.name] = f.parse(text_value)
        except FieldError as exc:
            errors.append((f.name, text_value, str(exc)))
    return values, errors


PRIVATE_FIELDS = ("id_number", "phone")  # masked unless asked for; text in every file (never 1.1E+17)


def mask_id(value: str | None) -> str | None:
    """5101**********1234: the region's first four and the last four digits."""
    if not value:
        return value
    return value[:4] + "*" * (len(value) - 8) + value[-4:] if len(value) > 8 else "*" * len(value)


def mask_phone(value: str | None) -> str | None:
    if not value:
        return value
    return value[:3] + "*" * (len(value) - 7) + value[-4:] if len(value) > 7 else "*" * len(value)

"""Spreadsheet cells as text: column letters, Excel date serials and number formats, numbers as typed.

Shared by the .xlsx and .xls readers.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation

# Built-in number formats that are dates (ECMA-376 18.8.30, with the zh-CN ones 27–36 and 50–58).
BUILTIN_MONTH = {27, 36, 50, 52, 57}
BUILTIN_DATE = {14, 15, 16, 17, 22, 28, 29, 30, 31, 51, 53, 54, 58}
BUILTIN_TIME = {18, 19, 20, 21, 32, 33, 34, 35, 45, 46, 47, 55, 56}


def date_kind(code: str) -> str | None:
    """'date', 'month', 'time' or None for an Excel number format code."""
    text = re.sub(r'"[^"]*"|\\.|\[[^\]]*\]|_.|\*.', "", code).split(";")[0].lower()
    if "general" in text or not re.search(r"[ymdhse]", text.replace("e+", "").replace("e-", "")):
        return None
    has_y, has_d, has_time = "y" in text or "e" in text, "d" in text, "h" in text or "s" in text
    if has_y and not has_d and not has_time and "m" in text:
        return "month"
    if has_y or has_d or ("m" in text and not has_time):
        return "date"
    return "time" if has_time else None


def column_index(ref: str) -> int:
    """'A' → 0, 'AB' → 27."""
    n = 0
    for ch in ref:
        n = n * 26 + ord(ch) - 64
    return n - 1


def column_letter(i: int) -> str:
    out = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        out = chr(65 + r) + out
    return out


REF = re.compile(r"([A-Z]{1,3})(\d+)")


def serial_date(serial: float, kind: str, date1904: bool) -> str:
    """An Excel date serial as ISO text: 1979-08-15, a month 1979-08, or a date and time."""
    if date1904:
        base = date(1904, 1, 1)
    else:
        base = date(1899, 12, 30) if serial >= 61 else date(1899, 12, 31)
    days = int(serial)
    seconds = round((serial - days) * 86400)
    day = base + timedelta(days=days)
    if kind == "month":
        return day.isoformat()[:7]
    if kind == "time":
        return f"{seconds // 3600:02d}:{seconds % 3600 // 60:02d}:{seconds % 60:02d}"
    if seconds:
        return f"{day.isoformat()}T{seconds // 3600:02d}:{seconds % 3600 // 60:02d}:{seconds % 60:02d}"
    return day.isoformat()


def number_text(text: str) -> str:
    """A number cell as the person typed it: 13800001234, 3.5; an integer of 16+ digits (which Excel
    cannot keep: it holds 15 significant digits) in Excel's scientific form, 3.32527197901011E+17."""
    try:
        value = Decimal(text.strip())
    except InvalidOperation:
        return text
    if not value.is_finite():
        return text
    if value == value.to_integral_value():
        if abs(value) >= Decimal(10) ** 15:
            return f"{float(value):.14E}"
        return str(int(value))
    return repr(float(value))

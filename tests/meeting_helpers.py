"""Builders for meeting/vote/election tests: a small fictional township (三川镇, term 3)."""

from __future__ import annotations

from tests.helpers import write_csv

SURNAMES = "赵钱孙李周吴郑冯陈褚卫蒋沈韩杨朱秦尤许何吕施张孔曹严华金魏陶姜"
GIVEN = "甲乙丙丁戊己庚辛壬癸"


def names(n: int) -> list[str]:
    return [SURNAMES[i] + GIVEN[i % 10] + "明" for i in range(n)]


def township(cli, tmp_path, deputies: int = 12, presidium: int = 9) -> list[str]:
    """Import `deputies` township deputies of term 3, the first `presidium` of them presidium members."""
    people = names(deputies)
    lines = ["name,gender,level,term,presidium_role"]
    for i, n in enumerate(people):
        role = ("主席" if i == 0 else "成员") if i < presidium else ""
        lines.append(f"{n},男,镇,3,{role}")
    cli("import", "deputies", write_csv(tmp_path / "deputies.csv", "\n".join(lines) + "\n"))
    return people

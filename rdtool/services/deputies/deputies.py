"""Deputies (人大代表): add, list, resolve names, and the roster's composition (corrections: deputy_records)."""

from __future__ import annotations

from typing import Iterator

from rdtool import fields as F
from rdtool.dates import today
from rdtool.labels import problem_line
from rdtool.errors import RdtoolError, ValidationError
from rdtool.ethnicity import parse_ethnicity
from rdtool.labels import ENUMS, clean_name, label
from rdtool.cells import percent
from rdtool.store import deputies as sql
from rdtool.store import settings as settings_sql
from rdtool.store.db import Store

# The CSV contract's columns, in order (docs/csv.md, kind deputies).
FIELDS: list[F.Field] = [
    F.Field("name", F.name, required=True),
    F.Field("gender", F.enum("gender"), required=True),
    F.Field("birth_date", F.BIRTH),
    F.Field("ethnicity", parse_ethnicity),
    F.Field("party", F.enum("party")),
    F.Field("education", F.enum("education")),
    F.Field("occupation", F.enum("occupation")),
    F.Field("workplace", F.text(100)),
    F.Field("level", F.enum("level"), required=True),
    F.Field("constituency", F.text(50)),
    F.Field("term", F.integer(1), required=True),
    F.Field("elected_on", F.DATE),
    F.Field("re_elected", F.BOOL),
    F.Field("phone", F.phone),
    F.Field("id_number", F.id_number),
    F.Field("presidium_role", F.enum("presidium_role")),
    F.Field("status", F.enum("deputy_status")),
    F.Field("status_date", F.DATE),
]
FIELD_NAMES = [f.name for f in FIELDS]
# Accepted beyond the contract: a roster's 备注 column (notes).
EXTRA: list[F.Field] = [F.Field("notes", F.text(F.MAX_TEXT))]

# The headers township rosters use for each field, besides its name and Chinese label (labels.FIELD_ZH);
# compared without spaces, * marks or a trailing （…） note, so 姓　名 and 出生年月（年.月） match too.
# Data, not code: docs/import.md is written from this table.
ALIASES: dict[str, tuple[str, ...]] = {
    "name": ("代表姓名", "名字"),
    "birth_date": ("出生年月", "出生年月日", "出生时间", "生日"),
    "party": ("党派",),
    "education": ("学历", "最高学历", "文化"),
    "occupation": ("代表类别", "代表结构", "代表身份", "身份类别", "类别"),
    "workplace": ("单位及职务", "工作单位", "工作单位和职务", "工作单位职务", "单位职务", "单位"),
    "level": ("层级", "代表级别"),
    "constituency": ("所在选区", "选区名称", "选举单位"),
    "term": ("届别", "届"),
    "elected_on": ("当选时间",),
    "re_elected": ("连任", "是否连任代表"),
    "phone": ("手机", "手机号", "手机号码", "电话", "电话号码", "联系方式", "移动电话"),
    "id_number": ("身份证号码", "公民身份号码", "身份证", "身份证件号码"),
}
ENDED = ("resigned", "recalled", "moved", "deceased", "terminated")


def check_record(values: dict, day: str | None = None) -> list[tuple[str, str, str]]:
    """Cross-field rules of one deputy record: (field, value, message) for each problem (`day`: today, given by a
    caller checking many records)."""
    problems = []
    idn, birth, gender = values.get("id_number"), values.get("birth_date"), values.get("gender")
    if idn:
        id_birth = f"{idn[6:10]}-{idn[10:12]}-{idn[12:14]}"
        if birth and birth != id_birth[:len(birth)]:  # a month only (1979-08) agrees with 1979-08-15
            problems.append(("birth_date", birth, f"与身份证号中的出生日期 {id_birth} 不一致"))
        id_gender = "male" if int(idn[16]) % 2 else "female"
        if gender and gender != id_gender:
            problems.append(("gender", label("gender", gender),
                             f"与身份证号不一致（身份证号第17位表示{label('gender', id_gender)}）"))
    status = values.get("status") or "active"
    if status in ENDED and not values.get("status_date"):
        problems.append(("status_date", "", f"状态为“{label('deputy_status', status)}”时必须填写状态日期"))
    if status == "active" and values.get("status_date"):
        problems.append(("status_date", values["status_date"], "在任代表不应有状态日期；离任请填写状态"))
    if birth and birth > (day or today()):
        problems.append(("birth_date", birth, "出生日期不能晚于今天"))
    if birth and values.get("elected_on") and birth >= values["elected_on"]:
        problems.append(("birth_date", birth, "出生日期应早于当选日期"))
    else:
        from rdtool.rules.deputies import under_age_problem

        young = under_age_problem(birth, values.get("elected_on"), "当选时")
        if young:
            problems.append(("birth_date", birth, young.replace("当选时出生于", "出生于")))
    return problems


def problems_error(errors: list[tuple]) -> ValidationError:
    """代表信息有误 with each (field, value, message); an ID or phone number typed wrong is shown masked, like
    every other line rdtool prints (a terminal, a log, cron's mail)."""
    masked = {"id_number": F.mask_id, "phone": F.mask_phone}
    return ValidationError("代表信息有误：", problems=[problem_line(f, masked.get(f, str)(v) if v else v, m)
                                                  for f, v, m in errors])


def add(store: Store, raw: dict) -> dict:
    """Add one deputy from raw values (labels or codes, any date spelling): {id, report} — the report says which
    meetings on record now count the deputy (a deputy entered late, with no 当选日期 or one before them)."""
    values, errors = F.parse_fields(FIELDS, raw)
    if not errors:
        errors = check_record(values)
    if errors:
        raise problems_error(errors)
    from rdtool.services.kernel import corrections

    notes: list[str] = []
    with corrections.write(store, verb="已增加") as report:  # a deputy added late counts at the meetings on record
        deputy_id = insert_checked(store, values, notes)
    person = sql.by_id(store, deputy_id).get("person_id") or deputy_id
    others = [r for r in sql.by_name(store, values["name"], values["term"]) if (r.get("person_id") or r["id"]) != person]
    if others:  # allowed (two people may share a name), but more often one person typed twice
        other_level = next((r for r in others if r["level"] != values["level"]), None)
        merge = (f"是同一人的另一层级代表资格，用 rdtool deputy merge {other_level['id']} {deputy_id} 合并；"
                 if other_level else "")
        report.warnings.append(f"第{values['term']}届已有同名代表 " + "、".join(f"{r['name']}#{r['id']}" for r in others)
                               + f"：如是重复录入，可用 rdtool undo 撤销；{merge}确是两位同名代表，引用时写 "
                                 f"{values['name']}#ID")
    else:
        _warn_homophone(store, values, deputy_id, report.warnings)
    return {"id": deputy_id, "report": report, "notes": notes}


def _warn_homophone(store: Store, values: dict, deputy_id: int, warnings: list[str]) -> None:
    """A deputy whose name reads as one already on the term's roster (刘海艳, 刘海燕): allowed, but more often the
    same person with a mistyped character."""
    from rdtool.services.kernel.refs import homophones

    same = [r for r in homophones(store, values["name"], values["term"]) if r["id"] != deputy_id]
    if same:
        names = "、".join(f"{r['name']}（ID {r['id']}）" for r in same)
        warnings.append(f"第{values['term']}届已有读音相同的代表 {names}：如是同一人、姓名打错了，可用 rdtool undo "
                        f"撤销这一条；确是另一位代表，不必理会")


def insert_checked(store: Store, values: dict, notes: list[str] | None = None) -> int:
    """Insert a parsed, checked record; the term must exist and the mandate not be there already.

    The same person (同名同出生日期, or the same 身份证号) at another level of the term is one person with a second
    mandate: the new row joins the person (their own fields are shared; a field the person lacks is filled in),
    and a line for `notes` says so."""
    term = settings_sql.term(store, values["term"])
    if term is None:
        raise RdtoolError(f"第{values['term']}届尚未建立", f"先用 rdtool term add {values['term']} --start 日期 建立该届")
    record = dict(values)
    dup = sql.identity_exists(store, values["name"], values["term"], values.get("birth_date"), values.get("id_number"))
    if dup:
        record.update(_join_person(store, dup, values, notes))
    record["status"] = record.get("status") or "active"
    record["re_elected"] = None if record.get("re_elected") is None else int(record["re_elected"])
    deputy_id = sql.insert(store, record)
    if dup and notes is not None:
        notes.append(f"{dup['name']}已是第{values['term']}届{_levels(store, dup['person_id'], deputy_id)}"
                     f"（ID {dup['id']}）：同一人又是{label('level', values['level'])}，两个代表资格记为同一人，"
                     "姓名、出生日期等个人信息共用")
    role = values.get("presidium_role")
    if role:
        sql.add_membership(store, deputy_id, role, term["start_date"])
        if record["status"] in ENDED:
            sql.end_memberships(store, deputy_id, record["status_date"])
    return deputy_id


class Batch:
    """insert_checked for the many rows of an import, a batch at a time: a row that is plainly a new person — its
    term exists, no live mandate of the term (nor an earlier row) has its name or its ID number, it names no
    presidium role — is written with the others in one executemany (what insert_checked would write: its own
    person, status 在任 by default); any other row goes through insert_checked, after the rows before it."""

    SIZE = 2000

    def __init__(self, store: Store):
        self.store = store
        self._terms: dict[int, bool] = {}
        self._taken: set[tuple] = set()
        self._pending: list[dict] = []

    def add(self, values, notes: list[str] | None = None) -> None:
        if self._plain(values):
            record = values.as_dict() if hasattr(values, "as_dict") else dict(values)  # (io.kinds.Values)
            if not record.get("status"):
                record["status"] = "active"
            if record.get("re_elected") is not None:
                record["re_elected"] = int(record["re_elected"])
            self._pending.append(record)
            if len(self._pending) >= self.SIZE:
                self.flush()
        else:
            self.flush()
            insert_checked(self.store, values, notes)
        self._take(values["name"], values.get("id_number"), values["term"])

    def flush(self) -> None:
        if self._pending:
            sql.insert_people(self.store, self._pending)
            self._pending = []

    def _plain(self, values) -> bool:
        term = values["term"]
        if term not in self._terms:
            self._terms[term] = settings_sql.term(self.store, term) is not None
            for name, id_number in sql.live_identities(self.store, term):
                self._take(name, id_number, term)
        idn = values.get("id_number")
        return (self._terms[term] and not values.get("presidium_role") and (values["name"], term) not in self._taken
                and not (idn and ("id", idn, term) in self._taken))

    def _take(self, name: str, id_number: str | None, term: int) -> None:
        self._taken.add((name, term))
        if id_number:
            self._taken.add(("id", id_number, term))


def _levels(store: Store, person_id: int, leave_out: int) -> str:
    return "、".join(label("level", m["level"]) for m in sql.mandates_of(store, person_id)
                    if m["id"] != leave_out and m["voided_at"] is None)


def _join_person(store: Store, dup: dict, values: dict, notes: list[str] | None) -> dict:
    """The person fields and person_id of a second mandate of `dup`'s person; refused when the person already
    holds a mandate of that level in the term, or when a personal field given disagrees with the person's."""
    from rdtool.rules.deputies import births_agree

    term = values["term"]
    same = next((m for m in sql.mandates_of(store, dup["person_id"])
                 if m["voided_at"] is None and m["term"] == term and m["level"] == values["level"]), None)
    if same:
        raise RdtoolError(f"第{term}届已有代表“{same['name']}”（ID {same['id']}，{label('level', same['level'])}），"
                          "同名同出生日期或同身份证号",
                          "如确是另一位同名代表，请填写不同的出生日期；要修改已有记录请用 rdtool deputy edit")
    person, fill, clash = {}, {}, []
    for field in sql.PERSON:
        mine, given = dup.get(field), values.get(field)
        if given in (None, "") or given == mine:
            person[field] = mine
        elif mine in (None, ""):
            person[field] = fill[field] = given
        elif field == "birth_date" and births_agree(given, mine):
            person[field] = max(given, mine, key=len)
            if len(given) > len(mine):
                fill[field] = given
        else:
            clash.append(f"{_zh(field)}“{_shown(field, given)}”与 ID {dup['id']} 的“{_shown(field, mine)}”不同")
    if clash:
        raise RdtoolError(f"“{dup['name']}”已是第{term}届{label('level', dup['level'])}（ID {dup['id']}），"
                          f"同一人的个人信息应当一致：{'；'.join(clash)}",
                          f"如是同一人，先核对并用 rdtool deputy edit {dup['name']}#{dup['id']} 更正；如是另一人，请填写其出生日期")
    sql.update_person(store, dup["person_id"], fill)
    return {**person, "person_id": dup["person_id"]}


def _shown(field: str, value) -> str:
    if field == "id_number":
        return F.mask_id(value)
    if field == "phone":
        return F.mask_phone(value)
    return label(field, value) if field in ("gender", "party", "education", "occupation") else str(value)


def _zh(field: str) -> str:
    from rdtool.labels import FIELD_ZH

    return FIELD_ZH.get(field, field)


def resolve(store: Store, ref: str, term: int | None = None) -> dict:
    """A deputy by name, 王建国#20 or ID ('17', '#17'); a shared name is an error listing both, a name not found
    suggests the nearest (rdtool.services.kernel.refs)."""
    from rdtool.services.kernel import refs

    return sql.by_id(store, refs.resolve(store, "deputy", ref, term=term).id)


def default_day(store: Store, term: int | None) -> str:
    """The day a roster is judged on: today, or the term's last day if it has ended."""
    day = today()
    if term is not None:
        row = settings_sql.term(store, term)
        if row and row["end_date"] and row["end_date"] < day:
            return row["end_date"]
    return day


def current_term(store: Store) -> int | None:
    value = settings_sql.get(store, "current_term")
    if value is None:
        value = settings_sql.last_term(store)
    return value


def _share(n: int, total: int) -> float | None:
    return None if total == 0 else n / total


def ethnic_class(row: dict) -> str:
    """汉族, 少数民族, or "" (未填) — counted as rdtool.store.report_views counts `minority_share`:
    a blank 民族 is unknown, 汉 and 汉族 are the same (older records may hold the short form)."""
    value = (row.get("ethnicity") or "").strip()
    if not value:
        return ""
    return "汉族" if value in ("汉", "汉族") else "少数民族"


def composition(store: Store, term: int, level: str, day: str) -> dict:
    """代表结构: counts and shares of the deputies in office on `day`, against the targets in settings."""
    rows = sql.select(store, day, term=term, level=level, in_office=True)
    total = len(rows)
    dims: dict[str, list[dict]] = {}

    def tally(dim: str, key_of, order: list[tuple[str, str]]) -> None:
        counts: dict[str, int] = {}
        for r in rows:
            k = key_of(r)
            counts[k] = counts.get(k, 0) + 1
        out = [{"code": code, "label": lab, "count": counts.pop(code, 0)} for code, lab in order]
        out += [{"code": k, "label": k or "未填", "count": v} for k, v in sorted(counts.items(), key=lambda kv: kv[0] or "")]
        for o in out:
            o["share"] = _share(o["count"], total)
        dims[dim] = [o for o in out if o["count"] or o["code"] in dict(order)]

    for dim, enum in (("gender", "gender"), ("party", "party"), ("occupation", "occupation"),
                      ("education", "education")):
        tally(dim, lambda r, d=dim: r.get(d) or "", [(c, lab) for c, (lab, _) in ENUMS[enum].items()])
    tally("ethnicity", ethnic_class, [("汉族", "汉族"), ("少数民族", "少数民族")])

    from rdtool.rules.deputies import AGE_BANDS, age_band, age_on

    tally("age_band", lambda r: age_band(age_on(r.get("birth_date"), day)), [(lab, lab) for lab, _, _ in AGE_BANDS])
    tally("re_elected", lambda r: "yes" if r.get("re_elected") else "no", [("yes", "连任"), ("no", "新任")])

    presidium = sql.select(store, day, term=term, presidium=True, in_office=True) if level == "township" else []
    pres_party = sum(1 for r in presidium if r.get("party") in ("cpc", "cpc_probationary"))
    return {"term": term, "level": level, "as_of": day, "total": total, "dimensions": dims,
            "presidium": {"members": len(presidium), "party_members": pres_party,
                          "party_share": _share(pres_party, len(presidium))},
            "targets": targets(store, term, level, day)}


TARGET_ZH = {"party_share": "党员比例", "re_elected_share": "连任代表比例", "presidium_party_share": "主席团成员党员比例",
             "women_share": "妇女代表比例"}


def targets(store: Store, term: int, level: str, day: str) -> list[dict]:
    """Each composition target in settings against the roster in office on `day` (aggregate SQL).

    `met` compares exact fractions (28 of 84 meets 1/3); None when no target is set or nobody is counted.
    """
    from fractions import Fraction

    from rdtool.services.terms.periods import Period
    from rdtool.settings import share_of
    from rdtool.store import report_views

    # the counts the report's deputies section has (rdtool.store.report_views), on `day`
    c = report_views.one(store, "report_deputies", Period(day, day, term, "range", ""), day)
    prefix, active = ("", c["active_township"]) if level == "township" else ("county_", c["active_county"])
    actual = {"party_share": (c[f"{prefix}party"], active), "re_elected_share": (c[f"{prefix}re_elected"], active)}
    if level == "township":
        actual["presidium_party_share"] = (c["presidium_party"], c["presidium_members"])
    actual["women_share"] = (c[f"{prefix}women"], active)
    settings = settings_sql.all_settings(store)
    out = []
    for key, (n, base) in actual.items():
        target = share_of(settings.get(f"target_{key}") or None)
        met = None if target is None or base == 0 else Fraction(n, base) >= target
        out.append({"key": key, "label": TARGET_ZH[key], "count": n, "base": base, "share": _share(n, base),
                    "target": None if target is None else float(target),
                    "target_text": settings.get(f"target_{key}") or "", "met": met})
    return out



def listing(store: Store, *, term: int | None, level: str | None = None, status: str | None = None,
            party: str | None = None, occupation: str | None = None, presidium: bool = False,
            in_office: bool = False, name: str | None = None, sort: str = "stroke",
            show_id: bool = False, show_phone: bool = False, day: str | None = None) -> list[dict]:
    """Deputies matching the filters, in 姓氏笔画 (or pinyin) order, private fields masked."""
    from rdtool import collation
    from rdtool.rules.deputies import age_on

    day = day or default_day(store, term)
    party_codes = None
    if party == "member":
        party_codes = "cpc,cpc_probationary"
    elif party:
        party_codes = party
    rows = sql.select(store, day, term=term, level=level, status=status, party=party_codes, occupation=occupation,
                      presidium=presidium, in_office=in_office, name=clean_name(name) if name else None)
    if sort == "id":
        rows.sort(key=lambda r: r["id"])
    else:
        rows = collation.sort_names(rows, key=lambda r: r["name"], by=sort)
    suspended = _suspended(store, rows, day)
    for r in rows:
        r["age"] = age_on(r.get("birth_date"), day)
        r["re_elected"] = None if r["re_elected"] is None else bool(r["re_elected"])
        r["suspended"] = r["id"] in suspended
        if not show_id:
            r["id_number"] = F.mask_id(r["id_number"])
        if not show_phone:
            r["phone"] = F.mask_phone(r["phone"])
    return rows


def _suspended(store: Store, rows: list[dict], day: str) -> set[int]:
    """Those of ``rows`` in office whose duties are suspended on ``day`` (代表法 第六十一条): still 在任, marked."""
    from rdtool.rules.suspensions import suspended_on
    from rdtool.store import suspensions as suspensions_sql

    periods = suspensions_sql.periods(store)
    return {r["id"] for r in rows if r["status"] == "active" and suspended_on(periods.get(r["id"], []), day)}


def profile(store: Store, ref: str, term: int | None = None, show_id: bool = False,
            show_phone: bool = False) -> dict:
    """One deputy with presidium history; private fields masked unless asked for."""
    from rdtool.rules.deputies import age_on

    row = resolve(store, ref, term)
    day = default_day(store, row["term"])
    full = sql.get(store, row["id"], day)
    full["age"] = age_on(full.get("birth_date"), day)
    full["re_elected"] = None if full["re_elected"] is None else bool(full["re_elected"])
    if not show_id:
        full["id_number"] = F.mask_id(full["id_number"])
    if not show_phone:
        full["phone"] = F.mask_phone(full["phone"])
    full["memberships"] = sql.memberships(store, row["id"])
    return full


def checks(store: Store, as_of: str, date_from: str | None = None, date_to: str | None = None) -> Iterator[dict]:
    """Composition targets missed by the term in force on `as_of` (or at the period's end) (township deputies)."""
    day = min(as_of, date_to or as_of)
    term = settings_sql.term_on(store, day) or current_term(store)
    if term is None:
        return
    for t in targets(store, term, "township", day):
        if t["met"] is False:
            yield {"check": "composition_target", "severity": "warning", "table": "deputies", "record": "",
                   "message": f"第{term}届{t['label']}为{t['count']}/{t['base']}（{percent(t['share'])}），"
                              f"未达到目标{t['target_text']}"}

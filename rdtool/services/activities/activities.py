"""Deputy activities (代表活动): training, study, inspections, surveys, group activities … and who took part.

An activity belongs to the term in force on its date (rdtool.store.settings.term_on); its
participants must be deputies of that term in office on that day. Participants are written
by name, separated by 、 ; ；; where the term has two deputies of the same name, write the
one meant as 姓名#ID (e.g. 王建国#20), the ID shown by `rdtool deputy list`.

Level (docs/report.md): township activities are those of level township or both,
county activities county or both; kinds training and study are 学习培训, whatever the level.
"""

from __future__ import annotations

import re
from typing import Iterator

from rdtool import fields as F
from rdtool.errors import FieldError, ValidationError
from rdtool.labels import FIELD_ZH, label, parse_list
from rdtool.services.terms.periods import year_bounds
from rdtool.services.deputies.refs import parse_ref
from rdtool.store import activities as sql
from rdtool.store import settings as settings_sql
from rdtool.store.db import Store

TRAINING_KINDS = sql.TRAINING_KINDS
# Kinds that are supervision of the government's work (监督): what `rdtool supervision` lists.
SUPERVISION_KINDS = ("inspection", "survey", "enforcement")

def participant_refs(raw: str) -> list[tuple[str, int | None]]:
    """'张三、王建国#20、#31' -> [('张三', None), ('王建国', 20), ('', 31)]."""
    return [parse_ref(token) for token in parse_list(raw)]


def code_text(raw: str) -> str:
    value = F.text(30)(raw)
    if re.search(r"\s", value):
        raise FieldError(f"编号“{raw}”不应含有空格")
    return value


# The CSV contract's columns, in order (docs/csv.md, kind activities).
FIELDS: list[F.Field] = [
    F.Field("kind", F.enum("activity_kind"), required=True),
    F.Field("title", F.text(200), required=True),
    F.Field("date", F.DATE, required=True),
    F.Field("code", code_text),
    F.Field("level", F.enum("activity_level")),
    F.Field("location", F.text(100)),
    F.Field("subject", F.text(100)),
    F.Field("participants", participant_refs),
    F.Field("notes", F.text(F.MAX_TEXT)),
]
# Accepted beyond the contract (and written by export after the contract's columns).
EXTRA: list[F.Field] = [F.Field("organiser", F.text(100))]


def _zh(field: str) -> str:
    return FIELD_ZH.get(field, field)


class Resolver:
    """Turns an activity's date and participant names into a term and deputy ids (loads deputies once)."""

    def __init__(self, store: Store):
        from rdtool.services.deputies.refs import DeputyIndex

        self.store = store
        self.index = DeputyIndex(store)
        self._terms: dict[str, int | None] = {}

    def term_on(self, day: str) -> int | None:
        if day not in self._terms:
            self._terms[day] = settings_sql.term_on(self.store, day)
        return self._terms[day]

    def participants(self, refs: list[tuple[str, int | None]], term: int, day: str,
                     level: str | None = None) -> tuple[list[int], list[str]]:
        """(deputy ids, problems) for the names of one activity; a person with two mandates takes part with the
        mandate of the activity's level (a county activity: the county mandate; else the township one)."""
        ids: list[int] = []
        problems: list[str] = []
        for name, ref in refs:
            shown = f"{name}#{ref}" if ref is not None else name
            try:
                deputy_id = self.index.resolve(name or None, term=term, deputy_id=ref,
                                               level=level if level in ("township", "county") else "township")
            except FieldError as exc:
                problems.append(f"“{shown}”：{exc}")
                continue
            row = self.index.by_id[deputy_id]
            if row["term"] != term:
                problems.append(f"“{shown}”是第{row['term']}届代表，活动日期 {day} 属第{term}届")
                continue
            if not self.index.in_office(deputy_id, day):
                problems.append(f"“{shown}”已于 {row['status_date']} {label('deputy_status', row['status'])}，"
                                f"活动日期 {day} 不在任")
                continue
            if deputy_id in ids or any(self.index.by_id[i]["person_id"] == row["person_id"] for i in ids):
                problems.append(f"“{shown}”重复出现")
                continue
            ids.append(deputy_id)
        return ids, problems

    def _levels(self, deputy_id: int) -> set[str]:
        """The levels of the mandates the person of `deputy_id` holds in that mandate's term."""
        row = self.index.by_id[deputy_id]
        return {m["level"] for m in self.index.by_person[row["person_id"] or row["id"]] if m["term"] == row["term"]}

    def infer_level(self, ids: list[int]) -> str:
        """No level given: county when every participant is a county deputy (a person who is both counts as
        either) and one is only that, both when some are only county and some only township, else township."""
        levels = [self._levels(i) for i in ids]
        only_county = any(lv == {"county"} for lv in levels)
        if only_county and all("county" in lv for lv in levels):
            return "county"
        return "both" if only_county else "township"

    def at_level(self, ids: list[int], level: str) -> list[int]:
        """Each participant's mandate of `level` where the person holds one (else as resolved)."""
        out = []
        for i in ids:
            row = self.index.by_id[i]
            same = [m["id"] for m in self.index.by_person[row["person_id"] or row["id"]]
                    if m["term"] == row["term"] and m["level"] == level]
            out.append(same[0] if same else i)
        return out


def next_code(store: Store, term: int, taken: set[str]) -> str:
    """A{term}-{seq:03d}, after the highest sequence number in use for that term."""
    prefix = f"A{term}-"
    seqs = [int(c[len(prefix):]) for c in [*sql.codes_like(store, prefix), *taken]
            if c.startswith(prefix) and c[len(prefix):].isascii() and c[len(prefix):].isdigit()]
    return f"{prefix}{(max(seqs) if seqs else 0) + 1:03d}"


def prepare(resolver: Resolver, values: dict) -> tuple[dict, list[int], list[tuple[str, str, str]]]:
    """(record, participant ids, problems as (field, value, message)) for parsed values."""
    problems: list[tuple[str, str, str]] = []
    day = values["date"]
    term = resolver.term_on(day)
    ids: list[int] = []
    if term is None:
        problems.append(("date", day, "不在任何一届的任期内（用 rdtool term list 查看各届起止日期）"))
    elif values.get("participants"):
        ids, bad = resolver.participants(values["participants"], term, day, values.get("level"))
        problems.extend(("participants", "", p) for p in bad)
    record = {k: values.get(k) for k in sql.COLUMNS}
    if record.get("level") is None:
        record["level"] = resolver.infer_level(ids)
        if record["level"] == "county":
            ids = resolver.at_level(ids, "county")
    record["_term"] = term
    return record, ids, problems


def _raise(problems: list[tuple[str, str, str]], what: str = "活动信息有误：") -> None:
    from rdtool.labels import problem_line

    raise ValidationError(what, problems=[problem_line(f, v, m) for f, v, m in problems])


def add(store: Store, raw: dict) -> dict:
    """Add one activity with its participants; returns {id, code, participants}."""
    values, problems = F.parse_fields(FIELDS + EXTRA, raw)
    if problems:
        _raise(problems)
    resolver = Resolver(store)
    record, ids, problems = prepare(resolver, values)
    if record["code"] and sql.code_exists(store, record["code"]):
        problems.append(("code", record["code"], "编号已被使用（用 rdtool activity list 查看）"))
    if problems:
        _raise(problems)
    with store.transaction():
        result = insert_checked(store, record, ids)
    result["warnings"] = likely_duplicate(store, record, result["id"])
    return result


def likely_duplicate(store: Store, record: dict, activity_id: int, how: str = "录入") -> list[str]:
    """A warning naming the earlier activity of the same title and date: allowed (add and import alike), but more
    often one typed or imported twice (issue 23)."""
    same = sql.same_title_date(store, record["title"], record["date"], activity_id)
    if same is None:
        return []
    undo = "撤销这一条" if how == "录入" else "撤销这次导入"
    return [f"{same['date']} 已有同名活动 {same['code']}（{same['title']}，参加代表 {same['participants']} 人）："
            f"如是重复{how}，可用 rdtool undo {undo}"]


def insert_checked(store: Store, record: dict, ids: list[int], taken: set[str] | None = None) -> dict:
    term = record.pop("_term")
    if not record.get("code"):
        record["code"] = next_code(store, term, taken or set())
    activity_id = sql.insert(store, record)
    sql.set_participants(store, activity_id, ids)
    return {"id": activity_id, "code": record["code"], "participants": len(ids), "term": term}


def get(store: Store, ref: str) -> dict:
    from rdtool.services.kernel import refs

    return sql.get(store, f"#{refs.resolve(store, 'activity', ref).id}")


def show(store: Store, ref: str) -> dict:
    row = get(store, ref)
    people = sql.participants(store, row["id"])
    from rdtool import collation

    row["participants"] = collation.sort_names(people, key=lambda r: r["name"])
    row["participant_count"] = len(people)
    row["term"] = settings_sql.term_on(store, row["date"])
    return row


def edit(store: Store, ref: str, raw: dict, add_names: str | None = None, remove_names: str | None = None,
         reason: str | None = None) -> dict:
    """Correct an activity; --participants replaces the list, add/remove change it."""
    current = get(store, ref)
    editable = [f for f in FIELDS + EXTRA if f.name in raw]
    values, problems = F.parse_fields(editable, raw)
    for f in editable:  # a required field cannot be blanked
        if f.required and values.get(f.name) is None:
            problems.append((f.name, "", "必填，不能清空"))
    if problems:
        _raise(problems)
    merged = {**current, **{k: v for k, v in values.items() if k != "participants"}}
    resolver = Resolver(store)
    day = merged["date"]
    term = resolver.term_on(day)
    if term is None:
        _raise([("date", day, "不在任何一届的任期内")])
    existing = [r["id"] for r in sql.participants(store, current["id"])]
    index = resolver.index
    if "participants" in values:
        refs = values["participants"] or []
    else:
        refs = [(index.by_id[i]["name"], i) for i in existing]
    problems = []
    level = merged.get("level")
    ids, bad = resolver.participants(refs, term, day, level)
    problems.extend(("participants", "", p) for p in bad)
    if add_names:
        try:
            more, bad = resolver.participants(participant_refs(add_names), term, day, level)
        except FieldError as exc:
            more, bad = [], [str(exc)]
        problems.extend(("participants", add_names, p) for p in bad)
        ids += [i for i in more if i not in ids]
    if remove_names:
        try:
            gone, bad = resolver.participants(participant_refs(remove_names), term, day, level)
        except FieldError as exc:
            gone, bad = [], [str(exc)]
        problems.extend(("participants", remove_names, p) for p in bad)
        missing = [index.by_id[i]["name"] for i in gone if i not in ids]
        if missing:
            problems.append(("participants", remove_names, f"{'、'.join(missing)} 不在参加人员中"))
        ids = [i for i in ids if i not in gone]
    if "code" in values and values["code"] and values["code"] != current["code"] and sql.code_exists(store, values["code"]):
        problems.append(("code", values["code"], "编号已被使用"))
    if "code" in values and not values["code"]:
        problems.append(("code", "", "编号不能清空"))
    if problems:
        _raise(problems)
    changes = {k: v for k, v in values.items() if k in sql.COLUMNS and v != current.get(k)}
    changed = sorted(changes)
    if sorted(ids) != sorted(existing):
        changed.append("participants")
    from rdtool.services.kernel import corrections

    with corrections.write(store, reason, subject=("activities", current["id"])) as report:
        sql.update(store, current["id"], changes)
        if "participants" in changed:
            sql.set_participants(store, current["id"], ids)
    return {"id": current["id"], "code": merged["code"], "changed": changed, "participants": len(ids),
            "report": report}


def listing(store: Store, *, kind: str | None = None, level: str | None = None, year: int | None = None,
            deputy: str | None = None, term: int | None = None, date_from: str | None = None,
            date_to: str | None = None) -> Iterator[dict]:
    """Activities matching the filters, by date, with participants' names — as they are read (a county's are never
    held at once: the list's first screen comes at once)."""
    person_id = None
    if deputy is not None:  # the person's activities, as a township and as a county deputy (docs/figures.md)
        from rdtool.services.deputies import deputies as deputies_svc

        found = deputies_svc.resolve(store, deputy, term)
        person_id = found["person_id"] or found["id"]
    if year is not None:
        date_from, date_to = year_bounds(year)
    rows = sql.select(store, kind=kind, level=level, date_from=date_from, date_to=date_to, person_id=person_id,
                      term=term if deputy is None else None, with_names=True, stream=True)
    return _named(rows)  # (the deputy was resolved above: a wrong name fails before anything is printed)


def _named(rows: Iterator[dict]) -> Iterator[dict]:
    for r in rows:
        r["participants"] = r.pop("participant_names") or ""
        yield r


def summary(rows: list[dict]) -> dict:
    """Counts as the report contract counts them: township, county (excluding training/study), training, by kind."""
    by_kind: dict[str, int] = {}
    for r in rows:
        by_kind[r["kind"]] = by_kind.get(r["kind"], 0) + 1
    deputy = [r for r in rows if r["kind"] not in TRAINING_KINDS]
    return {"total": len(rows),
            "township": sum(1 for r in deputy if r["level"] in ("township", "both")),
            "county": sum(1 for r in deputy if r["level"] in ("county", "both")),
            "training": sum(1 for r in rows if r["kind"] in TRAINING_KINDS),
            "by_kind": by_kind}

#!/usr/bin/env python3
"""Rebuild ``rdtool/data/strokes.txt`` (stroke-count collation table).

Not imported at runtime; kept so the data file can be regenerated.

Inputs (Debian packages, install with ``apt-get install unicode-data rime-data-stroke``):

* Unihan 15.0 (``unicode-data``): ``kTotalStrokes`` from Unihan_IRGSources,
  ``kTGH`` (通用规范汉字表 membership) from Unihan_OtherMappings.
  The FIRST kTotalStrokes value is the zh-Hans (mainland GB) count: 阝 = 2.
* rime-stroke (``rime-data-stroke``): ``stroke.dict.yaml``, full stroke
  sequences in h/s/p/n/z = 横/竖/撇/点(捺)/折. Its first part is derived from
  CNS 11643 (Taiwan glyphs); the part after the "#The following entries"
  comment is the mainland table (only entries that differ from the CNS one
  were kept there). We prefer the mainland entry, else the CNS one, and only
  use a sequence whose length equals the Unihan stroke count.

Characters covered: CJK Unified Ideographs (U+4E00..U+9FFF), Extension A
(U+3400..U+4DBF), the 12 unified ideographs in the compatibility block, and
every character of the 通用规范汉字表 (kTGH), wherever it is encoded.

Output format (UTF-8): ``#`` comment lines, then one line per stroke count::

    <count>\t<characters of that count, in collation order>

Collation order inside a count: each level of the 通用规范汉字表 is kept in
its official order (kTGH index: stroke count, then 笔顺 横竖撇点折); the three
levels and all other characters are merged by stroke sequence (横竖撇点折,
then the next stroke, ...), ties by code point; characters without a usable
sequence come after those with one.

Stroke counts are Unihan's, except where a 通用规范汉字表 character breaks the
non-decreasing count order of its level (41 such in Unihan 15.0, e.g.
䴓 15 -> 9, 䜣 11 -> 6): those take the count the neighbours imply.

Usage::

    python benchmarks/tools/build_strokes.py [--out rdtool/data/strokes.txt]
"""
from __future__ import annotations

import argparse
import bisect
import bz2
import heapq
import io
import os
import sys
import zipfile
from collections import defaultdict

UNIHAN_DIR = "/usr/share/unicode"
RIME_STROKE = "/usr/share/rime-data/stroke.dict.yaml"
RANGES = [(0x3400, 0x4DBF), (0x4E00, 0x9FFF)]
STROKE_DIGIT = {"h": "1", "s": "2", "p": "3", "n": "4", "z": "5"}


def _open_unihan(unihan_dir: str, name: str) -> io.TextIOBase:
    """Open ``Unihan_<name>.txt`` from a directory (plain, .bz2) or Unihan.zip."""
    base = f"Unihan_{name}.txt"
    plain = os.path.join(unihan_dir, base)
    if os.path.exists(plain):
        return open(plain, encoding="utf-8")
    if os.path.exists(plain + ".bz2"):
        return io.TextIOWrapper(bz2.open(plain + ".bz2"), encoding="utf-8")
    zpath = os.path.join(unihan_dir, "Unihan.zip")
    if os.path.exists(zpath):
        zf = zipfile.ZipFile(zpath)
        return io.TextIOWrapper(zf.open(base), encoding="utf-8")
    raise SystemExit(f"cannot find {base} under {unihan_dir} (apt-get install unicode-data)")


def _unihan_field(unihan_dir: str, file: str, field: str) -> dict[str, str]:
    out: dict[str, str] = {}
    with _open_unihan(unihan_dir, file) as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            cp, key, value = line.rstrip("\n").split("\t", 2)
            if key == field:
                out[chr(int(cp[2:], 16))] = value
    return out


def _unihan_version(unihan_dir: str) -> str:
    with _open_unihan(unihan_dir, "IRGSources") as f:
        for _ in range(40):
            line = f.readline()
            if line.startswith("# Unicode version:"):
                return line.split(":", 1)[1].strip()
    return "unknown"


def load_rime(path: str) -> tuple[dict[str, str], dict[str, str]]:
    """Return (mainland, cns) maps char -> stroke digits (first entry wins)."""
    cns: dict[str, str] = {}
    mainland: dict[str, str] = {}
    part = None
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if line == "...":
                part = cns
                continue
            if line.startswith("#The following entries"):
                part = mainland
                continue
            if part is None or not line or line.startswith("#"):
                continue
            ch, _, code = line.partition("\t")
            code = code.split("\t")[0]
            if len(ch) != 1 or not code or any(c not in STROKE_DIGIT for c in code):
                continue
            part.setdefault(ch, "".join(STROKE_DIGIT[c] for c in code))
    return mainland, cns


def _lnds(vals: list[int]) -> set[int]:
    """Indices of one longest non-decreasing subsequence of ``vals``."""
    tails: list[int] = []
    tails_idx: list[int] = []
    prev = [-1] * len(vals)
    for i, v in enumerate(vals):
        k = bisect.bisect_right(tails, v)
        if k == len(tails):
            tails.append(v)
            tails_idx.append(i)
        else:
            tails[k] = v
            tails_idx[k] = i
        prev[i] = tails_idx[k - 1] if k > 0 else -1
    out = set()
    i = tails_idx[-1] if tails_idx else -1
    while i != -1:
        out.add(i)
        i = prev[i]
    return out


def _fix_tgh_counts(levels: list[list[str]], counts: dict[str, int],
                    seqs: dict[str, str]) -> list[tuple[str, int, int]]:
    """The 通用规范汉字表 lists each level by stroke count, so counts must be
    non-decreasing along kTGH order. Unihan 15.0 breaks that for a few dozen
    characters (mostly Ext A/B forms with simplified components such as
    钅讠纟鸟, counted with the traditional component). Replace each such
    outlier by the count its neighbours imply. Returns (char, old, new)."""
    fixes = []
    for chars in levels:
        vals = [counts[c] for c in chars]
        keep = _lnds(vals)
        kept = sorted(keep)
        for i, ch in enumerate(chars):
            if i in keep:
                continue
            k = bisect.bisect_left(kept, i)
            lo = vals[kept[k - 1]] if k > 0 else 1
            hi = vals[kept[k]] if k < len(kept) else 99
            seq = seqs.get(ch)
            new = len(seq) if seq and lo <= len(seq) <= hi else lo
            fixes.append((ch, vals[i], new))
            counts[ch] = new
    return fixes


def build(unihan_dir: str, rime_path: str | None) -> tuple[str, dict]:
    totals = _unihan_field(unihan_dir, "IRGSources", "kTotalStrokes")
    tgh_raw = _unihan_field(unihan_dir, "OtherMappings", "kTGH")
    version = _unihan_version(unihan_dir)
    tgh = {c: int(v.split(":")[1]) for c, v in tgh_raw.items() if v.startswith("2013:")}

    wanted = set()
    for ch in totals:
        cp = ord(ch)
        if any(lo <= cp <= hi for lo, hi in RANGES):
            wanted.add(ch)
        elif 0xF900 <= cp <= 0xFAFF and ch not in _compat_decomposable():
            wanted.add(ch)  # the 12 unified ideographs living in the compat block
        elif ch in tgh:
            wanted.add(ch)
    counts = {ch: int(totals[ch].split()[0]) for ch in wanted}

    mainland, cns = load_rime(rime_path) if rime_path else ({}, {})
    raw_seq = {}
    for ch in wanted:
        seq = mainland.get(ch)
        if seq is None:
            seq = cns.get(ch)
        if seq is not None:
            raw_seq[ch] = seq

    # 通用规范汉字表 (2013): level 1 = 1..3500, level 2 = 3501..6500, level 3 = 6501..8105.
    by_idx = sorted((i, c) for c, i in tgh.items() if c in wanted)
    levels = [[c for i, c in by_idx if lo <= i <= hi]
              for lo, hi in ((1, 3500), (3501, 6500), (6501, 8105))]
    fixes = _fix_tgh_counts(levels, counts, raw_seq)

    seqs = {ch: s for ch, s in raw_seq.items() if len(s) == counts[ch]}
    mismatches = [(ch, counts[ch], s) for ch, s in raw_seq.items() if ch not in seqs]

    # Each 通用规范汉字表 level is already in the official 笔画序 (count, then
    # stroke order): keep it as is and only use the stroke sequences to merge
    # the three levels and the remaining characters. Keys are made
    # non-decreasing along each level so the k-way merge is well defined.
    def tgh_keys(chars):
        out, prev = [], None
        for ch in chars:
            n = counts[ch]
            seq = seqs.get(ch)
            if seq is not None:
                key = (n, 0, seq)
            elif prev is not None and prev[0] == n:
                key = prev
            else:
                key = (n, 0, "")
            if prev is not None and key < prev:
                key = prev
            out.append((key, ch))
            prev = key
        return out

    streams = [tgh_keys(chars) for chars in levels]
    in_tgh = {c for chars in levels for c in chars}
    rest = []
    for ch in wanted - in_tgh:
        seq = seqs.get(ch)
        key = (counts[ch], 0, seq, ord(ch)) if seq is not None else (counts[ch], 1, "", ord(ch))
        rest.append((key, ch))
    rest.sort()
    streams.append(rest)

    groups: dict[int, list[str]] = defaultdict(list)
    for key, ch in heapq.merge(*streams, key=lambda t: t[0]):
        groups[counts[ch]].append(ch)

    stats = {
        "chars": len(wanted),
        "outside_bmp": sum(1 for ch in wanted if ord(ch) > 0xFFFF),
        "tgh": len(in_tgh),
        "with_sequence": len(seqs),
        "sequence_length_mismatch_ignored": len(mismatches),
        "tgh_count_fixes": len(fixes),
    }
    header = [
        "# rdtool stroke collation table. GENERATED by benchmarks/tools/build_strokes.py: do not edit.",
        f"# Stroke counts: Unicode Han Database (Unihan) kTotalStrokes, first value (zh-Hans/mainland GB count),"
        f" Unicode {version}, with {len(fixes)} counts of 通用规范汉字表 characters corrected from kTGH order."
        " Copyright (c) Unicode, Inc.; Unicode License v3 (https://www.unicode.org/license.txt).",
        ("# Order within a count: 通用规范汉字表 (Unihan kTGH) order; merged with the other characters by"
         " stroke sequence 横竖撇点折 from rime-stroke stroke.dict.yaml (Debian rime-data-stroke;"
         " mainland table, else CNS 11643 table), LGPL-3.0; characters without a usable sequence last,"
         " by code point." if rime_path else
         "# Order within a count: 通用规范汉字表 (Unihan kTGH) order, other characters after them by code point."),
        "# Coverage: U+3400-4DBF, U+4E00-9FFF, compat-block unified ideographs, all 通用规范汉字表 characters.",
        "# Format: <stroke count> TAB <characters with that count, in collation order>",
    ]
    lines = list(header)
    for n in sorted(groups):
        lines.append(f"{n}\t{''.join(groups[n])}")
    info = {"stats": stats, "mismatches": mismatches, "fixes": fixes}
    return "\n".join(lines) + "\n", info


_COMPAT = None


def _compat_decomposable() -> set[str]:
    global _COMPAT
    if _COMPAT is None:
        import unicodedata

        _COMPAT = {
            chr(cp)
            for cp in range(0xF900, 0xFB00)
            if unicodedata.decomposition(chr(cp))
        }
    return _COMPAT


def main(argv: list[str] | None = None) -> int:
    here = os.path.dirname(os.path.abspath(__file__))
    default_out = os.path.normpath(os.path.join(here, "..", "..", "rdtool", "data", "strokes.txt"))
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--unihan-dir", default=UNIHAN_DIR)
    ap.add_argument("--rime-stroke", default=RIME_STROKE,
                    help="stroke.dict.yaml; pass '' to order ties by code point only")
    ap.add_argument("--out", default=default_out)
    ap.add_argument("-v", "--verbose", action="store_true", help="list ignored stroke sequences")
    args = ap.parse_args(argv)
    rime = args.rime_stroke or None
    if rime and not os.path.exists(rime):
        raise SystemExit(f"{rime} missing (apt-get install rime-data-stroke), or pass --rime-stroke ''")
    text, info = build(args.unihan_dir, rime)
    with open(args.out, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)
    print(f"wrote {args.out}: {len(text.encode('utf-8'))} bytes", file=sys.stderr)
    print(f"stats: {info['stats']}", file=sys.stderr)
    for ch, old, new in info["fixes"]:
        print(f"  count fixed from 通用规范汉字表 order: {ch} U+{ord(ch):04X} {old} -> {new}", file=sys.stderr)
    if args.verbose:
        for ch, n, seq in info["mismatches"]:
            print(f"  sequence length != stroke count, sequence ignored: {ch} U+{ord(ch):04X}"
                  f" count={n} seq={seq} ({len(seq)})", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())

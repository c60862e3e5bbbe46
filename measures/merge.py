"""Three-way merge of one text field: what this person changed since the text they started from
(`base`) is applied to what the database holds now (`theirs`).

Word level: the texts are cut into words, runs of spaces and single punctuation marks, and the
diff runs over those tokens, so an edit never ends inside a word and two people's edits of
different words of one sentence both survive. Shared text is never repeated: it is the base, and
only the differences are applied. Two edits of the same stretch are an `Overlap`: the merged text
is then what the database holds, unchanged, and the result lists each contested stretch with
both versions, so that the person (whose text stays on their device) sees both and chooses.
"""

import re
from dataclasses import dataclass, field

from diff_match_patch import diff_match_patch

_TOKEN = re.compile(r"\w+|\s+|[^\w\s]", re.UNICODE)
# Characters from a Unicode private-use plane stand for tokens; the diff never sees real text.
_FIRST_CODE = 0xF0000

_dmp = diff_match_patch()
# Seconds: past it dmp returns a coarser, still correct diff (a full rewrite becomes an overlap).
_dmp.Diff_Timeout = 0.1


@dataclass(frozen=True)
class Hunk:
    """One stretch both people changed: the base text there, and each side's version of it."""

    base: str
    mine: str
    theirs: str


@dataclass
class MergeResult:
    text: str
    overlaps: list = field(default_factory=list)  # [Hunk]; empty when the merge was clean

    @property
    def clean(self):
        return not self.overlaps


def _encode(texts):
    """Each text as a string of one character per token, with a shared token table."""
    table, index, encoded = [" "], {" ": 0}, []  # " " first: `merge` may put one in a seam
    for text in texts:
        chars = []
        for token in _TOKEN.findall(text):
            if token not in index:
                index[token] = len(table)
                table.append(token)
            chars.append(chr(_FIRST_CODE + index[token]))
        encoded.append("".join(chars))
    return table, encoded


def _edits(base_chars, other_chars):
    """The diff base → other as edits on base token positions: (start, end, inserted tokens)."""
    diffs = _dmp.diff_main(base_chars, other_chars, False)
    # No semantic cleanup: it widens edits over short shared words, which only makes overlaps.
    edits, position, current = [], 0, None
    for op, chars in diffs:
        if op == diff_match_patch.DIFF_EQUAL:
            if current:
                edits.append(tuple(current))
                current = None
            position += len(chars)
            continue
        if current is None:
            current = [position, position, ""]
        if op == diff_match_patch.DIFF_DELETE:
            position += len(chars)
            current[1] = position
        else:
            current[2] += chars
    if current:
        edits.append(tuple(current))
    return edits


def _touch(a, b):
    """Do two edits compete for the same base tokens? Two pure insertions at one point do not:
    both are kept. An insertion at the edge of the other's deleted stretch does not either."""
    (a_start, a_end, _a), (b_start, b_end, _b) = a, b
    if a_start == a_end or b_start == b_end:
        point = a_start if a_start == a_end else b_start
        start, end = (b_start, b_end) if a_start == a_end else (a_start, a_end)
        return start < point < end
    return a_start < b_end and b_start < a_end


def merge(base, mine, theirs):
    """Apply base → mine onto theirs. Returns a MergeResult; `text` is always safe to save."""
    if mine in (base, theirs):
        return MergeResult(theirs)
    if theirs == base:
        return MergeResult(mine)
    table, (b, m, t) = _encode([base, mine, theirs])
    decode = lambda chars: "".join(table[ord(c) - _FIRST_CODE] for c in chars)  # noqa: E731
    space = lambda char: table[ord(char) - _FIRST_CODE].isspace()  # noqa: E731
    mine_edits = [(*e, "mine") for e in _edits(b, m)]
    their_edits = [(*e, "theirs") for e in _edits(b, t)]
    # Group edits that compete into clusters, in base order.
    # Theirs first at a tie: two insertions at one point keep the saved one in front.
    pending = sorted(mine_edits + their_edits, key=lambda e: (e[0], e[1], e[3] == "mine"))
    clusters = []
    for edit in pending:
        last = clusters[-1] if clusters else ()
        if last and (
            edit[0] < max(e[1] for e in last) or any(_touch(edit[:3], e[:3]) for e in last)
        ):
            clusters[-1].append(edit)
        else:
            clusters.append([edit])
    out, overlaps, position, previous = [], [], 0, None
    for cluster in clusters:
        start = min(e[0] for e in cluster)
        end = max(e[1] for e in cluster)
        out.append(b[position:start])
        seam = previous is not None and previous[0] == previous[1] == start == end
        mine_version = _version(b, start, end, [e for e in cluster if e[3] == "mine"])
        their_version = _version(b, start, end, [e for e in cluster if e[3] == "theirs"])
        sides = {e[3] for e in cluster}
        if sides == {"mine"} or mine_version == their_version:  # the same change once
            out.append(mine_version)
        elif sides == {"theirs"}:
            out.append(their_version)
        elif not any(e[2] for e in cluster):  # both only deleted: what either deleted goes
            out.append("")
        else:
            out.append(their_version)
            overlaps.append(Hunk(decode(b[start:end]), decode(mine_version), decode(their_version)))
        if seam and previous[2] and out[-1]:
            # Two people typed at one point of the same text (both started an empty field):
            # both are kept, theirs first. One typed on what the other typed (a save from a
            # screen that had not yet taken the other's): it is there once, the longer.
            shorter = _prefix_of(previous[2], out[-1])
            if shorter == "first":
                out[-3] = ""
            elif shorter == "second":
                out[-1] = ""
            elif not (space(previous[2][-1]) or space(out[-1][0])):
                out.insert(-1, _SPACE)  # a space keeps the last and first words apart
        previous = (start, end, out[-1])
        position = end
    out.append(b[position:])
    if overlaps:
        # A diff may express "keep these words" as "delete them here, type them there"; applying
        # only part of such a pair would repeat words. So an overlap applies nothing of mine.
        return MergeResult(theirs, overlaps)
    return MergeResult(decode("".join(out)))


_SPACE = chr(_FIRST_CODE)  # token 0 of every table is " "


def _prefix_of(first, second):
    """Which of two insertions (token strings) begins the other: "first", "second" or ""."""
    if second.startswith(first):
        return "first"
    if first.startswith(second):
        return "second"
    return ""


def _version(base_chars, start, end, edits):
    """base_chars[start:end] with one side's edits applied."""
    chars, at = [], start
    for e_start, e_end, inserted, _side in edits:
        chars.append(base_chars[at:e_start] + inserted)
        at = e_end
    chars.append(base_chars[at:end])
    return "".join(chars)

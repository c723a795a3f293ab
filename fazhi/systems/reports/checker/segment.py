"""Lines, sentences and quoted spans of a normalised report text.

Every finding carries the sentence it comes from, so the segmentation is done once and shared.
A sentence ends at 。！？ or at the end of a line; ；and ，stay inside it. Text inside 《》, “” and
「」 is a name or a slogan (《2023年…工作计划》, “三项制度”), never a reported figure, so it is
marked for the figure finder to skip.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import cached_property

_SENTENCE_END = "。！？"
_QUOTED = re.compile(r"《[^《》\n]*》|“[^“”\n]*”|「[^「」\n]*」")


@dataclass(frozen=True)
class Sentence:
    """A sentence with its span in the text and its line."""

    index: int
    start: int
    end: int  # exclusive
    text: str
    line: int  # 1-based


class Document:
    """A normalised text with fast offset → line / sentence / quoted lookups."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", text)]
        self.lines = text.split("\n")

    @cached_property
    def sentences(self) -> list[Sentence]:
        """All non-blank sentences, in order."""
        result: list[Sentence] = []
        for line_no, (line_start, line) in enumerate(
            zip(self.line_starts, self.lines, strict=True), start=1
        ):
            start = 0
            for i, ch in enumerate(line):
                if ch in _SENTENCE_END:
                    self._add(result, line_start, line, start, i + 1, line_no)
                    start = i + 1
            self._add(result, line_start, line, start, len(line), line_no)
        return result

    @staticmethod
    def _add(result: list[Sentence], base: int, line: str, a: int, b: int, line_no: int) -> None:
        piece = line[a:b]
        stripped = piece.strip()
        if not stripped or all(ch in _SENTENCE_END for ch in stripped):
            return
        lead = len(piece) - len(piece.lstrip())
        start = base + a + lead
        result.append(Sentence(len(result), start, start + len(stripped), stripped, line_no))

    @cached_property
    def _sentence_starts(self) -> list[int]:
        return [s.start for s in self.sentences]

    @cached_property
    def quoted_spans(self) -> list[tuple[int, int]]:
        """(start, end) of every 《…》, “…” and 「…」, marks included."""
        return [(m.start(), m.end()) for m in _QUOTED.finditer(self.text)]

    @cached_property
    def _quoted_starts(self) -> list[int]:
        return [a for a, _ in self.quoted_spans]

    def line_of(self, offset: int) -> int:
        """1-based line number of a character offset."""
        return bisect.bisect_right(self.line_starts, offset)

    def sentence_at(self, offset: int) -> Sentence | None:
        """The sentence containing ``offset`` (None between sentences)."""
        i = bisect.bisect_right(self._sentence_starts, offset) - 1
        if i >= 0 and self.sentences[i].start <= offset < self.sentences[i].end:
            return self.sentences[i]
        return None

    def in_quotes(self, offset: int) -> bool:
        """True when ``offset`` lies inside 《》, “” or 「」."""
        i = bisect.bisect_right(self._quoted_starts, offset) - 1
        return i >= 0 and self.quoted_spans[i][0] < offset < self.quoted_spans[i][1]

    def neighbours(self, sentence: Sentence) -> list[Sentence]:
        """The sentences just before and after ``sentence`` in the same line (paragraph)."""
        out = []
        for j in (sentence.index - 1, sentence.index + 1):
            if 0 <= j < len(self.sentences) and self.sentences[j].line == sentence.line:
                out.append(self.sentences[j])
        return out

    def without_quoted(self, start: int, end: int) -> str:
        """The text of [start, end) with every quoted span blanked out (same length)."""
        chars = list(self.text[start:end])
        for a, b in self.quoted_spans:
            if b <= start or a >= end:
                continue
            for k in range(max(a, start), min(b, end)):
                chars[k - start] = " "
        return "".join(chars)

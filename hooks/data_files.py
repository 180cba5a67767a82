"""Read the project's YAML data files (``data/checklist.yml``, ``data/redirects.yml``) safely
and within bounds. Not a hook: the hooks that read data import it.

A data file is read as UTF-8 text of at most :data:`MAX_BYTES`, parsed by libyaml into events
and built into plain dicts, lists and strings with an explicit stack (no recursion), so that:

- every scalar stays text (``Yes`` and ``30`` are labels, not a boolean and a number; explicit
  tags are ignored), and an empty or unquoted null value is None;
- anchors and aliases (``&name``, ``*name``) are refused where they appear, so an alias bomb
  costs no more than reading its few bytes;
- nesting deeper than :data:`MAX_DEPTH`, a key that is not plain text, a repeated key and a
  second document are refused;
- every problem names the file and line, and :class:`Lines` gives the line of any field path
  (like ``outcomes[2].why``) for later messages.

libyaml is kept rather than strictyaml: strictyaml is pure Python (far over the checklist's
100 ms budget for 1,000 items in three languages) and refuses the flow mappings
(``{en: …, ru: …}``) every text of the checklist is written in.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

MAX_BYTES = 4 * 1024 * 1024
MAX_DEPTH = 32
NULLS = frozenset({"", "~", "null", "Null", "NULL"})


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a data file: where it is and how to mend it."""

    source: str
    line: int | None
    path: str
    message: str

    def __str__(self) -> str:
        where = f"{self.source}:{self.line}" if self.line else self.source
        return f"{where}: {self.path}: {self.message}" if self.path else f"{where}: {self.message}"


class DataFileError(Exception):
    """A data file cannot be used; ``problems`` says every reason.

    A data-built page's own error names its data in ``subject`` ("The glossary") for a message
    that starts with how many problems there are, and may list at most ``max_listed`` of them.
    """

    subject = ""
    max_listed: int | None = None

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__(self.describe(problems))

    @classmethod
    def describe(cls, problems: list[Problem]) -> str:
        """The message: every problem on a line of its own, after the count when there is a
        subject, with how many were left out beyond ``max_listed``."""
        if not cls.subject:
            return "\n".join(str(problem) for problem in problems)
        shown = problems if cls.max_listed is None else problems[:cls.max_listed]
        listed = "\n  ".join(str(problem) for problem in shown)
        more = len(problems) - len(shown)
        rest = f"\n  … and {more} more problem(s) not listed." if more > 0 else ""
        return f"{cls.subject} has {len(problems)} problem(s):\n  {listed}{rest}"


def _parser(text: str) -> Any:
    """A parser of ``text`` into events: libyaml's when PyYAML has it, else PyYAML's own."""
    return getattr(yaml, "CBaseLoader", yaml.BaseLoader)(text)


_NO_KEY = object()


def _build(text: str, source: str) -> tuple[Any, dict[str, int], list[Problem]]:
    """Build plain values from the YAML events of ``text``; return them, the line of every
    field path and every repeated key. Anything else wrong stops at once with a DataFileError.
    """
    parser = _parser(text)
    # Each open collection: [container, its field path, and in a mapping the key awaiting its
    # value with that key's line].
    stack: list[list[Any]] = []
    root: Any = None
    lines: dict[str, int] = {}
    repeated: list[Problem] = []
    documents = 0

    def refuse(event: Any, message: str) -> None:
        raise DataFileError([Problem(source, event.start_mark.line + 1, "", message)])

    def place(value: Any, event: Any) -> str:
        """Put a finished value into the open collection; return its field path."""
        nonlocal root
        if not stack:
            root = value
            lines.setdefault("", event.start_mark.line + 1)
            return ""
        frame = stack[-1]
        container, path, key, key_line = frame
        if type(container) is list:
            child = f"{path}[{len(container)}]"
            container.append(value)
            lines.setdefault(child, event.start_mark.line + 1)
            return child
        if key is _NO_KEY:
            if type(value) is not str:
                refuse(event, "a key must be plain text (not empty, a list or a mapping); "
                              "write 'key: value'.")
            frame[2], frame[3] = value, event.start_mark.line + 1
            return path
        child = f"{path}.{key}" if path else key
        if key in container:
            repeated.append(Problem(source, key_line, child, f"the key '{key}' appears twice; "
                                                            "keep one."))
        container[key] = value
        frame[2] = _NO_KEY
        lines[child] = key_line
        return child

    try:
        while True:
            event = parser.get_event()
            kind = type(event)
            if kind is yaml.ScalarEvent:
                if event.anchor is not None:
                    refuse(event, f"the anchor '&{event.anchor}' is not allowed in data files; "
                                  "write the value out in full.")
                plain = not event.style  # libyaml says '' for plain, PyYAML None
                place(None if plain and event.value in NULLS else event.value, event)
            elif kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
                if event.anchor is not None:
                    refuse(event, f"the anchor '&{event.anchor}' is not allowed in data files; "
                                  "write the value out in full.")
                if len(stack) >= MAX_DEPTH:
                    refuse(event, f"the data is nested more than {MAX_DEPTH} levels deep; "
                                  "data files are never that deep — check the indentation and "
                                  "the brackets.")
                container: Any = {} if kind is yaml.MappingStartEvent else []
                path = place(container, event)
                stack.append([container, path, _NO_KEY, 0])
            elif kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
                stack.pop()
            elif kind is yaml.AliasEvent:
                refuse(event, f"the alias '*{event.anchor}' is not allowed in data files; "
                              "write the value out in full.")
            elif kind is yaml.DocumentStartEvent:
                documents += 1
                if documents > 1:
                    refuse(event, "the file holds more than one YAML document (a second "
                                  "'---' line?); keep one.")
            elif kind is yaml.StreamEndEvent:
                return root, lines, repeated
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
        line = mark.line + 1 if mark else None
        column = f", column {mark.column + 1}" if mark else ""
        reason = getattr(error, "problem", None) or str(error)
        raise DataFileError([Problem(source, line, "", f"YAML syntax error{column}: {reason}; "
                                     "fix the indentation or quote the text.")]) from None
    finally:
        parser.dispose()


class Lines:
    """The line of every field path (like ``outcomes[2].why``) in a data file."""

    def __init__(self, lines: dict[str, int]) -> None:
        self._lines = lines

    def __contains__(self, path: str) -> bool:
        return path in self._lines

    def __call__(self, path: str) -> int | None:
        """The line of ``path``, or of the nearest enclosing field that has one."""
        while path:
            if path in self._lines:
                return self._lines[path]
            cut = max(path.rfind("."), path.rfind("["))
            path = path[:cut] if cut > 0 else ""
        return self._lines.get("")


class NotUtf8Error(ValueError):
    """A file's bytes are not UTF-8: where the first bad byte is (line and column from 1)."""

    def __init__(self, line: int, column: int, byte: int) -> None:
        super().__init__(f"line {line}, column {column}: byte 0x{byte:02x} is not UTF-8")
        self.line, self.column, self.byte = line, column, byte


def decode_utf8(raw: bytes) -> str:
    """A file's bytes as text: UTF-8, a leading byte-order mark dropped. Raise NotUtf8Error
    with the line and column of the first byte that is not UTF-8. Pages and data files alike
    are read through it."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        column = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
        raise NotUtf8Error(line, column, raw[error.start]) from None


def _read_text(path: Path, source: str) -> str:
    """A data file's text: UTF-8 (a leading byte-order mark is dropped), at most MAX_BYTES;
    otherwise a DataFileError naming the file and, for a bad byte, its line."""
    try:
        with path.open("rb") as file:
            raw = file.read(MAX_BYTES + 1)
    except FileNotFoundError:
        raise DataFileError([Problem(source, None, "", "the file does not exist; create it "
                                     "(see the README).")]) from None
    except OSError as error:
        raise DataFileError([Problem(source, None, "", f"cannot be read ({error.strerror}); "
                                     "check that it is a readable file.")]) from None
    if len(raw) > MAX_BYTES:
        raise DataFileError([Problem(source, None, "", f"the file is larger than the "
                                     f"{MAX_BYTES:,} bytes a data file may have; split or "
                                     "shorten it.")])
    try:
        return decode_utf8(raw)
    except NotUtf8Error as error:
        raise DataFileError([Problem(source, error.line, "", f"byte 0x{error.byte:02x} at "
                                     f"column {error.column} is not UTF-8; save the file as "
                                     "UTF-8 text.")]) from None


def read_data_file(path: Path, source: str) -> tuple[Any, Lines]:
    """Read and parse a YAML data file safely and within bounds; return its data (dicts, lists,
    strings and None) and the lines of its field paths. Raise DataFileError if it is unusable.

    ``source`` is how messages name the file, such as ``data/checklist.yml``.
    """
    text = _read_text(path, source)
    data, lines, repeated = _build(text, source)
    if repeated:
        raise DataFileError(repeated)
    return data, Lines(lines)

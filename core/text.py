"""Names people are known by (handles, usernames, emails): one form per name, nothing hidden.

Two names a reader cannot tell apart must be one name, or one must be refused:

- `normalised`: NFKC (fullwidth `ｋａｙ` is `kay`, ligatures and compatibility forms fold
  to their plain letters) without surrounding whitespace (` kay` is `kay`).
- `flaw`: what makes a normalised name deceptive, or None: invisible or control characters
  (zero-width spaces and joiners, BOM, bidirectional overrides, C0/C1 controls, line
  separators, private-use and unassigned code points), or letters of two scripts (`kаy`
  with a Cyrillic а). Han, Hiragana, Katakana and Hangul count as one script, as CJK
  writing mixes them. A name wholly in another script (Cyrillic `кау`) stays allowed:
  refusing it would refuse every non-Latin name.
- `folded`: the normalised, case-folded form, for names an API compares ignoring case.
"""

from __future__ import annotations

import unicodedata

INVISIBLE = "invisible or control characters"
MIXED_SCRIPTS = "letters of more than one script"
# Categories of nothing a reader sees: controls, format (ZWSP, BOM, RLO), line and paragraph
# separators, surrogates, private use, unassigned.
HIDDEN_CATEGORIES = {"Cc", "Cf", "Zl", "Zp", "Cs", "Co", "Cn"}
ONE_WRITING = {"HIRAGANA": "CJK", "KATAKANA": "CJK", "HANGUL": "CJK", "HALFWIDTH": "CJK"}


def normalised(name: str) -> str:
    return unicodedata.normalize("NFKC", name).strip()


def folded(name: str) -> str:
    return unicodedata.normalize("NFKC", normalised(name).casefold())


def flaw(name: str) -> str | None:
    if any(unicodedata.category(char) in HIDDEN_CATEGORIES for char in name):
        return INVISIBLE
    if len({script(char) for char in name if char.isalpha()}) > 1:
        return MIXED_SCRIPTS
    return None


def script(letter: str) -> str:
    """The script of a letter, from its Unicode name (`CYRILLIC SMALL LETTER A`)."""
    first = unicodedata.name(letter, "UNKNOWN").split(" ", 1)[0]
    return ONE_WRITING.get(first, first)

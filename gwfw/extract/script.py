"""Traditional script read as simplified (「按期辦結率100%」 as 「按期办结率100%」), so that rules written in
simplified script read a portal's 繁體 page too. The conversion is OpenCC's (t2s): a maintained table of
characters and phrases, better than one kept here. Every offset stays valid: a line whose conversion would
change its length is left as it was, so a figure's place in the converted text is its place in the source.
"""

from __future__ import annotations

import re
from functools import cache

from ..langdata import load_yaml


@cache
def _marks() -> re.Pattern:
    """Any character of script.yaml's traditional_marks."""
    return re.compile(f"[{re.escape(load_yaml('script.yaml')['traditional_marks'])}]")


@cache
def _converter():
    import opencc  # imported on the first traditional text only

    return opencc.OpenCC("t2s")


def simplified(text: str) -> str:
    """The text in simplified script, each line as long as before; the text itself when it holds none of
    the traditional marks."""
    if _marks().search(text) is None:
        return text
    convert = _converter().convert
    out = convert(text)
    if len(out) == len(text):
        return out
    return "\n".join(c if len(c := convert(line)) == len(line) else line for line in text.split("\n"))

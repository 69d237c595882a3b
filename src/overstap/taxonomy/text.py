"""Text normalisation for taxonomy labels (pure functions, no Django).

``normalise`` gives the stored normalised form of a label: lower case, accents removed,
punctuation replaced by spaces. ``stems`` splits that into search tokens with a deliberately
simple Dutch/English plural stripping that is applied identically to labels and queries, so
"koks", "kok" and "koken" meet, as do "beveiligers"/"beveiliger" and "cooks"/"cook".

>>> normalise("Heftruck\u00adchauffeur (m/v)")
'heftruckchauffeur m v'
>>> stems("Zelfstandig werkende koks")
['zelfstandig', 'werkend', 'kok']
>>> stem("services") == stem("service")
True
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\ufeff"))
_NON_WORD = re.compile(r"[\W_]+")
_APOSTROPHE_S = re.compile(r"['’]s\b")


def normalise(text: str) -> str:
    """Lower case, no accents, no punctuation, single spaces."""
    text = _APOSTROPHE_S.sub("s", text.translate(_INVISIBLE).lower())
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text)
        text = "".join(char for char in text if not unicodedata.combining(char))
    return " ".join(_NON_WORD.sub(" ", text).split())


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """Strip common Dutch and English plural and inflection endings.

    >>> [stem(w) for w in ["koks", "koken", "bakeries", "buses", "beveiligers", "verzorgende"]]
    ['kok', 'kok', 'bakery', 'bus', 'beveiliger', 'verzorgend']
    """
    if word.isdigit():
        return word
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        word = word[:-1]
    if len(word) > 4 and word.endswith("en"):
        word = word[:-2]
    elif len(word) > 3 and word.endswith("e"):
        word = word[:-1]
    return word


def stems(text: str) -> list[str]:
    """The search tokens of a label or query, in order."""
    return [stem(word) for word in normalise(text).split()]


def compound_stems(text: str) -> list[str]:
    """Extra tokens for hyphenated compounds: "chef-kok" also yields "chefkok"."""
    extra = []
    for word in text.split():
        if "-" in word.strip("-"):
            joined = normalise(word.replace("-", ""))
            if joined and " " not in joined:
                extra.append(stem(joined))
    return extra


def trigrams(token: str) -> set[str]:
    """Character trigrams of a token with start/end markers.

    >>> sorted(trigrams("kok"))
    ['^ko', 'kok', 'ok$']
    """
    padded = f"^{token}$"
    return {padded[i : i + 3] for i in range(len(padded) - 2)}

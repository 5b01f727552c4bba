"""Everyday words and spellings the search treats as one (docs/data/search_words.yml).

The site's search worker (overrides/assets/javascripts/workers/vakb-search.js) folds every group to
its first word, in the index it builds and in the reader's query, so both sides meet: "license"
finds "licence", "count not increasing" finds "the count does not grow". This module checks the
groups and compiles them into the table each language's search index carries
(vakb.build_steps.search_index): folded key (lower case, no accents; a phrase as its words joined by
one space; a stem ending in `*`) -> the word it folds to.
"""

from __future__ import annotations

import re
import unicodedata

from vakb import data

# The characters the search splits words on in a phrase (a subset of mkdocs.yml's search
# separator: spaces, hyphens, apostrophes).
WORD_BREAK = re.compile(r"[\s\-'’]+")
MIN_STEM = 4  # a shorter stem would catch unrelated words


def fold(text: str) -> str:
    """Lower case, accents dropped: what the worker's fold() does (NFD, combining marks removed)."""
    decomposed = unicodedata.normalize("NFD", text.lower())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def key(word: str) -> str:
    """The table's key for a word, a stem or a phrase of the data file."""
    return " ".join(part for part in WORD_BREAK.split(fold(word)) if part)


def target(word: str) -> str:
    """What a group folds to: its first word, without a stem's `*`."""
    return key(word).rstrip("*")


def table(lang: str, document=None) -> dict[str, str]:
    """Folded key -> the word it folds to, for the search index of `lang`."""
    document = document if document is not None else data.load("search_words")
    out = {}
    for group in document[lang]:
        to = target(group["words"][0])
        for word in group["words"]:
            out[key(word)] = to
    return out


def apply(words: list[str], compiled: dict[str, str]) -> list[str]:
    """Fold a sequence of words as the worker does (the reference its Node test compares with):
    the longest phrase first, then a word, then the longest stem that starts it."""
    phrases = sorted((k.split(" ") for k in compiled if " " in k), key=len, reverse=True)
    stems = sorted((k[:-1] for k in compiled if k.endswith("*")), key=len, reverse=True)
    keys, out, i = [fold(w) for w in words], [], 0
    while i < len(keys):
        phrase = next((p for p in phrases if keys[i:i + len(p)] == p), None)
        if phrase:
            out.append(compiled[" ".join(phrase)])
            i += len(phrase)
            continue
        stem = next((s for s in stems if keys[i].startswith(s)), None)
        out.append(compiled.get(keys[i]) or (compiled[stem + "*"] if stem else words[i]))
        i += 1
    return out


# --- Checks of the data file (data.check): what its JSON Schema cannot say ---

@data.check("search_words")
def groups_do_not_overlap(doc):
    for lang in data.LANGUAGES:
        seen: dict[str, tuple[int, int]] = {}   # key -> (group, position)
        stems: list[tuple[str, int]] = []        # (stem without *, group)
        for index, group in enumerate(doc[lang]):
            if " " in key(group["words"][0]):
                yield [lang, index, "words", 0], (f"{group['words'][0]!r}: the word a group folds to is a "
                                                  "single word or a stem")
            for position, word in enumerate(group["words"]):
                k, where = key(word), [lang, index, "words", position]
                if k.endswith("*"):
                    if " " in k:
                        yield where, f"{word!r}: a stem (ending in *) is a single word"
                    elif len(k) - 1 < MIN_STEM:
                        yield where, f"{word!r}: a stem needs at least {MIN_STEM} letters before the *"
                    stems.append((k[:-1], index))
                if k in seen and seen[k][0] != index:
                    yield where, f"{word!r} is also in group {seen[k][0] + 1} of {lang}: a word folds one way only"
                seen.setdefault(k, (index, position))
        for k, (index, position) in seen.items():
            if " " in k:
                continue  # a phrase is matched before any word or stem
            word = k.rstrip("*")
            for stem, group in stems:
                if group != index and (word.startswith(stem) or k.endswith("*") and stem.startswith(word)):
                    yield ([lang, index, "words", position],
                           f"{k!r} is caught by the stem {stem + '*'!r} of group {group + 1}: a word folds one way only")

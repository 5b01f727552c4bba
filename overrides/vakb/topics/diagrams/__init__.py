"""`{{ diagram <id> }}`: a diagram of docs/data/diagrams.yml as inline SVG, in the page's language.

The SVG is drawn at build time (layout.py beside this file), so a page needs no script, font or image from
anywhere: it works offline, from file://, and in print. Figures inside labels come from facts.yml
through `{fact:<name>[:<option>...]}` placeholders (vakb.topics.facts), exactly as `{{ fact }}` renders them.
"""

from __future__ import annotations

import re
from xml.sax.saxutils import escape

from vakb import typography
from vakb import data
from vakb.topics.diagrams import layout as diagram_layout
from vakb.topics.facts import fill_placeholders, placeholder_problems
from vakb.shortcodes import Context, ShortcodeError, shortcode


def outline(diagram: dict, label, lang: str) -> str:
    """The diagram in sentences, for <desc>: a screen reader announces role="img" as one image, so
    what is drawn inside must also be said in words."""
    colon = typography.colon(lang) + " "
    if diagram["kind"] == "sequence":
        names = {p["id"]: label(p["label"]) for p in diagram["participants"]}
        sentences, number = [], 0
        for step in diagram["steps"]:
            if "divider" in step:
                sentences.append(f"{label(step['divider'])}{colon}")
                continue
            number += 1
            who = names[step["from"]]
            if step["to"] != step["from"]:
                who += f" → {names[step['to']]}"
            text = label(step["label"])
            sentences.append(f"{number}. {who}{colon}{text}{'' if text[-1] in '.?!' else '.'}")
        return " ".join(sentences)
    names = {s["id"]: label(s["label"]) for s in diagram["states"]}
    states = [f"{names[s['id']]}{colon}{label(s['detail'])}." for s in diagram["states"] if "detail" in s]
    moves = [f"{names[t['from']]} → {names[t['to']]} ({label(t['label'])})." for t in diagram["transitions"]]
    return " ".join(states + moves)


def render_svg(diagram_id: str, lang: str, page_slug: str = "") -> str:
    """The <figure> holding the SVG of one diagram; raises ShortcodeError for an unknown id.

    Element ids start with the page's slug, as the print edition does for headings: two pages may
    show the same diagram, and the print edition puts every page into one document."""
    diagrams = data.load("diagrams")
    if diagram_id not in diagrams:
        raise ShortcodeError(f"no diagram {diagram_id!r} in docs/data/diagrams.yml; known: {', '.join(diagrams)}")
    diagram = diagrams[diagram_id]

    def label(field: dict) -> str:
        return fill_placeholders(data.text(field, lang), lang)

    prefix = f"{page_slug}-diagram-{diagram_id}" if page_slug else f"diagram-{diagram_id}"
    marker = f"{prefix}-arrow"
    body, (x, y, width, height) = diagram_layout.LAYOUTS[diagram["kind"]](diagram, label, marker)
    title = label(diagram["title"])
    title_attribute = escape(title, {'"': "&quot;"})
    description = f'{label(diagram["description"])} {outline(diagram, label, lang)}'
    # One line per element and no blank line: Markdown keeps the whole <figure> as one raw HTML block.
    return "\n".join([
        f'<figure class="vakb-diagram" id="{prefix}" data-diagram="{diagram_id}">',
        # Drawn at its natural size, never scaled below (diagrams.css): where the column is
        # narrower, the drawing scrolls in this box, which takes the focus so keyboards scroll it.
        f'<div class="vakb-diagram__scroll" tabindex="0" role="region" aria-label="{title_attribute}">',
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" lang="{lang}" '
        f'aria-labelledby="{prefix}-title" aria-describedby="{prefix}-desc" '
        # Natural width in the attribute: drawn at 1:1 on screen (text at the size of the
        # page's small print at least; scaled down, it fell to 10 px on a laptop and 5 px on a
        # phone), scaled to the page in print, and no style="" attribute, which the CSP refuses.
        f'viewBox="{x:.0f} {y:.0f} {width:.0f} {height:.0f}" width="{width:.0f}" '
        f'preserveAspectRatio="xMidYMin meet" '
        f'font-family="inherit" font-size="{diagram_layout.FONT}">',
        f'<title id="{prefix}-title">{escape(title)}</title>',
        f'<desc id="{prefix}-desc">{escape(description)}</desc>',
        f'<defs><marker id="{marker}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" '
        f'markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="currentColor"/>'
        f"</marker></defs>",
        body,
        "</svg>",
        "</div>",
        f"<figcaption>{escape(title)}</figcaption>",
        "</figure>",
    ])


def page_slug(context: Context) -> str:
    """`kms-host-setup` for docs/kms-host-setup.fr.md: the same in both languages."""
    if context.page is None:
        return ""
    return re.sub(r"(\.[a-z]{2})?\.md$", "", context.page.file.src_uri).replace("/", "-")


@shortcode("diagram")
def render_diagram(args: list, context: Context) -> str:
    if len(args) != 1:
        raise ShortcodeError("expected {{ diagram <id> }} with an id of docs/data/diagrams.yml")
    return render_svg(args[0], context.lang, page_slug(context))


# --- Checks of the data file (data.check): what its JSON Schema cannot say ---

# diagrams.yml: names that must refer to something (participants, states, facts).


def _diagram_labels(value, path):
    """(path, text) of every bilingual label inside a diagram entry."""
    if isinstance(value, dict) and set(value) == {"en", "fr"}:
        for lang in ("en", "fr"):
            yield path + [lang], value[lang]
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _diagram_labels(item, path + [key])
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _diagram_labels(item, path + [index])


@data.check("diagrams")
def diagrams_refer_to_what_exists(diagrams):
    for name, diagram in diagrams.items():
        if diagram["kind"] == "sequence":
            ids, members, refs = [p["id"] for p in diagram["participants"]], "participants", "steps"
        else:
            ids, members, refs = [s["id"] for s in diagram["states"]], "states", "transitions"
        for index, member_id in enumerate(ids):
            if ids.index(member_id) != index:
                yield [name, members, index, "id"], f"duplicate id {member_id!r}"
        if diagram["kind"] == "states":
            places = [tuple(s["at"]) for s in diagram["states"]]
            for index, place in enumerate(places):
                if places.index(place) != index:
                    yield [name, "states", index, "at"], f"two states at {list(place)}"
        for index, item in enumerate(diagram[refs]):
            for end in ("from", "to"):
                if end in item and item[end] not in ids:
                    yield [name, refs, index, end], f"{item[end]!r} is not one of the {members}: {', '.join(ids)}"
        for path, text in _diagram_labels(diagram, [name]):
            for problem in placeholder_problems(text):
                yield path, problem

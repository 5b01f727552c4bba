"""Glossary from docs/data/glossary.yml, in the page's language.

    {{ glossary }}                every term as a section with its anchor (#kms-host), the term in
                                  the other language, its definition and a link to its main page
    {{ table glossary-usage }}    the terms whose French form differs from older usage
    {{ term kms-host }}           link to one term from any page, with the term in the page language
"""

import html
import re

from vakb import links, typography
from vakb import data
from vakb.tables import html_table, table
from vakb.shortcodes import Context, ShortcodeError, expand_strict, shortcode

LABELS = {
    "en": {"other": "French", "page": "Explained in", "usage": "Usage", "headers": ["Term", "Usage"]},
    "fr": {"other": "Anglais", "page": "Expliqué dans", "usage": "Usage", "headers": ["Terme", "Usage"]},
}
OTHER = {"en": "fr", "fr": "en"}


def terms() -> list:
    return data.load("glossary")["terms"]


def relative(target: str, context: Context) -> str:
    """Markdown link from the current page to `target` (unsuffixed source path, optional #anchor)."""
    return links.to_source(target, context.page)


colon = typography.colon


def page_title(target: str, lang: str) -> str:
    """The H1 of the linked page in `lang` (read from its source), so the link says where it goes."""
    path = data.DATA_DIR.parent / target.partition("#")[0].replace(".md", f".{lang}.md")
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("# "):
            return line[2:].split("{")[0].strip()
    return target


@shortcode("glossary")
def render_glossary(args: list, context: Context) -> str:
    if args:
        raise ShortcodeError("expected {{ glossary }} without arguments")
    lang, labels = context.lang, LABELS[context.lang]
    out = []
    for term in terms():
        mine, other = term[lang], term[OTHER[lang]]
        out.append(f"### {mine['term']} {{ #{term['id']} }}\n")
        out.append(mine["definition"] + "\n")
        out.append(
            f"{labels['other']}{colon(lang)} *{other['term']}*. "
            f"{labels['page']}{colon(lang)} [{page_title(term['page'], lang)}]({relative(term['page'], context)})\n"
        )
        if "usage" in term:
            out.append(f"**{labels['usage']}**{colon(lang)} {data.text(term, lang, 'usage')}\n")
    return expand_strict("\n".join(out), context)


@table("glossary-usage")
def render_usage(args, context):
    lang = context.lang
    rows = []
    for term in terms():
        if "usage" not in term:
            continue
        text = html.escape(data.text(term, lang, "usage"))
        parts = text.split("`")  # keep `slmgr /dlv` as code
        text = "".join(f"<code>{p}</code>" if i % 2 else p for i, p in enumerate(parts))
        rows.append((None, [f'<a href="#{term["id"]}">{html.escape(term[lang]["term"])}</a>', text]))
    return html_table(LABELS[lang]["headers"], rows)


@shortcode("term")
def render_term(args: list, context: Context) -> str:
    known = {term["id"]: term for term in terms()}
    if len(args) != 1 or args[0] not in known:
        raise ShortcodeError(f"expected {{{{ term <id> }}}} with id one of: {', '.join(known)}")
    term = known[args[0]]
    return f"[{term[context.lang]['term']}]({relative('glossary.md#' + term['id'], context)})"


# --- Checks of the data file (data.check): what its JSON Schema cannot say ---

@data.check("glossary")
def glossary_terms_are_consistent(doc):
    for index, message in data.unique(doc["terms"], "id"):
        yield ["terms", index, "id"], message
    for index, message in data.unique(doc["terms"], "abbr"):
        yield ["terms", index, "abbr"], message
    for index, term in enumerate(doc["terms"]):
        abbr = term.get("abbr")
        for lang in ("en", "fr"):
            has_expansion = "expansion" in term[lang]
            if abbr and not has_expansion:
                yield ["terms", index, lang], f"abbr {abbr!r} needs an {lang} expansion (the tooltip text)"
            if has_expansion and not abbr:
                yield ["terms", index, lang, "expansion"], "an expansion without an abbr is never shown"
            if abbr and abbr not in term[lang]["term"]:
                yield ["terms", index, lang, "term"], f"the term should show its acronym {abbr!r}"


# --- Acronym tooltips: Markdown abbreviation definitions (abbr extension) appended to every page ---

def definitions(lang: str) -> str:
    lines = [
        f"*[{term['abbr']}]: {term[lang]['expansion']}"
        for term in data.load("glossary")["terms"]
        if "abbr" in term
    ]
    return "\n".join(lines)


# The abbr extension marks every occurrence: on a KMS page, that is a dotted underline on nearly
# every line, and a tooltip touch screens never show. Only the first use of each acronym on a
# page keeps its <abbr> (and its expansion); later uses are plain text (issue 25).
ABBR = re.compile(r'<abbr title="[^"]*">([^<]*)</abbr>')


def first_use_only(html: str) -> str:
    seen: set[str] = set()

    def keep_first(match: re.Match) -> str:
        if match.group(1) in seen:
            return match.group(1)
        seen.add(match.group(1))
        return match.group(0)

    return ABBR.sub(keep_first, html)

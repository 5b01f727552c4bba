"""Lay out the two kinds of diagram of docs/data/diagrams.yml as SVG elements, without any library.

A layout gets the diagram entry and a `label(text_field) -> str` function that returns the text in
the page's language with its facts filled in; it returns (SVG body, viewBox as (x, y, width, height)). Geometry is
plain: fixed column widths, text wrapped by an estimated character width, so the output is the
same on every machine and needs no font metrics. Colours are not set here: every element has a
class that overrides/assets/stylesheets/diagrams.css colours from the theme's palette, and
`currentColor` keeps the drawing readable without that stylesheet (print, feed readers).
"""

from __future__ import annotations

import math
from typing import Callable
from xml.sax.saxutils import escape

FONT = 13  # px, in viewBox units
LINE = 16  # line height
CHAR = 7.0  # estimated mean character width at FONT, generous so that text stays in its box
MARGIN = 16

Label = Callable[[dict], str]


LONG_WORD = 14  # characters: a word this long is a name (KeyManagementServiceName), not prose
LONG_WORD_CHAR = 8.5  # its estimated character width: capitals and no narrow letters or spaces


def text_width(line: str) -> float:
    """Estimated width of one line at FONT. A long name measures about 8.1 px a character in
    Chromium's default sans-serif (KeyManagementServiceName: 196 px, not the 168 of CHAR), so long
    words are counted wider: the box drawn around them must hold them."""
    words = line.split()
    return sum(len(w) * (LONG_WORD_CHAR if len(w) > LONG_WORD else CHAR) for w in words) + CHAR * max(len(words) - 1, 0)


def wrap(text: str, width_px: float) -> list[str]:
    """Greedy word wrap to an estimated pixel width."""
    limit = max(8, int(width_px // CHAR))
    lines: list[str] = []
    current = ""
    for word in text.split():
        candidate = f"{current} {word}" if current else word
        if len(candidate) <= limit or not current:
            current = candidate
        else:
            lines.append(current)
            current = word
    if current:
        lines.append(current)
    return lines or [""]


def text_block(lines: list[str], x: float, y: float, cls: str, anchor: str = "middle") -> str:
    """<text> with one <tspan> per line; y is the baseline of the first line.

    A space separates the lines so that copied text and the search index keep the words apart."""
    spans = " ".join(
        f'<tspan x="{x:.1f}" y="{y + i * LINE:.1f}">{escape(line)}</tspan>' for i, line in enumerate(lines)
    )
    return f'<text class="{cls}" text-anchor="{anchor}" fill="currentColor">{spans}</text>'


def rect(x, y, w, h, cls: str, radius: int = 4) -> str:
    return (
        f'<rect class="{cls}" x="{x:.1f}" y="{y:.1f}" width="{w:.1f}" height="{h:.1f}" rx="{radius}" '
        f'fill="none" stroke="currentColor"/>'
    )


def line(x1, y1, x2, y2, cls: str, marker: str | None = None) -> str:
    end = f' marker-end="url(#{marker})"' if marker else ""
    return (
        f'<line class="{cls}" x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" '
        f'stroke="currentColor"{end}/>'
    )


def label_box(lines: list[str], cx: float, cy: float) -> list[str]:
    """A label centred on (cx, cy) over a background-coloured plate, so lines under it do not show."""
    width = max(text_width(text) for text in lines) + 8
    height = len(lines) * LINE + 4
    top = cy - height / 2
    return [
        f'<rect class="vakb-d-plate" x="{cx - width / 2:.1f}" y="{top:.1f}" width="{width:.1f}" '
        f'height="{height:.1f}" fill="none"/>',
        text_block(lines, cx, top + LINE - 2, "vakb-d-label"),
    ]


# --- sequence diagrams -----------------------------------------------------------------------

COLUMN = 210  # width given to each participant
STEP_GAP = 14


def sequence(diagram: dict, label: Label, marker: str) -> tuple[str, tuple]:
    participants = diagram["participants"]
    column = {p["id"]: i for i, p in enumerate(participants)}
    width = MARGIN * 2 + COLUMN * len(participants)

    def x_of(pid: str) -> float:
        return MARGIN + COLUMN * column[pid] + COLUMN / 2

    heads = [wrap(label(p["label"]), COLUMN - 30) for p in participants]
    head_h = max(len(h) for h in heads) * LINE + 14
    body: list[str] = []
    for p, head in zip(participants, heads):
        x = x_of(p["id"])
        body.append(rect(x - (COLUMN - 20) / 2, MARGIN, COLUMN - 20, head_h, "vakb-d-actor"))
        first = MARGIN + (head_h - len(head) * LINE) / 2 + LINE - 3
        body.append(text_block(head, x, first, "vakb-d-actor-name"))

    y = MARGIN + head_h + 20
    steps: list[str] = []
    number = 0
    for step in diagram["steps"]:
        if "divider" in step:
            text = wrap(label(step["divider"]), width - 4 * MARGIN)
            mid = y + len(text) * LINE / 2
            steps.append(line(MARGIN, mid, width - MARGIN, mid, "vakb-d-divider"))
            steps.extend(label_box(text, width / 2, mid))
            y += len(text) * LINE + 20
            continue
        number += 1
        text_of = f"{number}. {label(step['label'])}"
        x1, x2 = x_of(step["from"]), x_of(step["to"])
        if x1 == x2:
            # An action of the participant itself: a box on its lifeline.
            lines = wrap(text_of, COLUMN - 36)
            h = len(lines) * LINE + 10
            box_w = max(COLUMN - 24, max(text_width(text) for text in lines) + 16)  # never narrower than its text
            steps.append(rect(x1 - box_w / 2, y, box_w, h, "vakb-d-action"))
            steps.append(text_block(lines, x1, y + LINE + 1, "vakb-d-label"))
            y += h + STEP_GAP
            continue
        lines = wrap(text_of, abs(x2 - x1) - 16)
        # On a plate of the page's colour: an arrow spanning several columns passes over the
        # lifelines between its ends, whose dashes crossed its label.
        plate_w = max(text_width(text) for text in lines) + 8
        steps.append(f'<rect class="vakb-d-plate" x="{(x1 + x2 - plate_w) / 2:.1f}" y="{y - 2:.1f}" '
                     f'width="{plate_w:.1f}" height="{len(lines) * LINE + 2:.1f}" fill="none"/>')
        steps.append(text_block(lines, (x1 + x2) / 2, y + LINE - 4, "vakb-d-label"))
        arrow_y = y + len(lines) * LINE + 2
        cls = "vakb-d-message vakb-d-reply" if step.get("reply") else "vakb-d-message"
        gap = 4 if x2 > x1 else -4
        steps.append(line(x1, arrow_y, x2 - gap, arrow_y, cls, marker))
        y = arrow_y + STEP_GAP + 6
    height = y + MARGIN
    # Lifelines first, so messages and boxes are drawn over them.
    lifelines = [line(x_of(p["id"]), MARGIN + head_h, x_of(p["id"]), height - MARGIN, "vakb-d-lifeline")
                 for p in participants]
    return "\n".join(body + lifelines + steps), (0, 0, width, height)


# --- state diagrams --------------------------------------------------------------------------

CELL_W, CELL_H = 280, 150
BOX_W = 176
LOOP_HEIGHT = 48  # a loop rises this far above its state


def _box_geometry(state: dict, label: Label, top: float):
    col, row = state["at"]
    title = wrap(label(state["label"]), BOX_W - 16)
    detail = wrap(label(state["detail"]), BOX_W - 16) if "detail" in state else []
    h = (len(title) + len(detail)) * LINE + 16
    cx = MARGIN + col * CELL_W + CELL_W / 2
    cy = top + row * CELL_H + CELL_H / 2
    return {"cx": cx, "cy": cy, "hw": BOX_W / 2, "hh": h / 2, "title": title, "detail": detail}


def _edge_point(box: dict, dx: float, dy: float, ox: float, oy: float):
    """Where the ray from the (offset) centre of `box` along (dx, dy) leaves the box, plus a gap."""
    tx = box["hw"] / abs(dx) if dx else math.inf
    ty = box["hh"] / abs(dy) if dy else math.inf
    t = min(tx, ty)
    length = math.hypot(dx, dy)
    t += 5 / length
    return box["cx"] + ox + dx * t, box["cy"] + oy + dy * t


def states(diagram: dict, label: Label, marker: str) -> tuple[str, tuple]:
    cols = max(s["at"][0] for s in diagram["states"]) + 1
    rows = max(s["at"][1] for s in diagram["states"]) + 1
    width = MARGIN * 2 + cols * CELL_W
    boxes = {s["id"]: _box_geometry(s, label, 0) for s in diagram["states"]}
    # The drawing's vertical extent, found as it is drawn: loops and their labels rise above boxes.
    extent = [min(b["cy"] - b["hh"] for b in boxes.values()), max(b["cy"] + b["hh"] for b in boxes.values())]

    shapes: list[str] = []
    for state in diagram["states"]:
        b = boxes[state["id"]]
        tone = state.get("tone", "normal")
        shapes.append(rect(b["cx"] - b["hw"], b["cy"] - b["hh"], 2 * b["hw"], 2 * b["hh"], f"vakb-d-state vakb-d-{tone}", 8))
        y = b["cy"] - b["hh"] + LINE + 4
        shapes.append(text_block(b["title"], b["cx"], y, "vakb-d-state-name"))
        if b["detail"]:
            shapes.append(text_block(b["detail"], b["cx"], y + len(b["title"]) * LINE, "vakb-d-detail"))

    edges: list[str] = []
    labels: list[str] = []
    for t in diagram["transitions"]:
        text = label(t["label"])
        dashed = " vakb-d-dashed" if t.get("dashed") else ""
        a, b = boxes[t["from"]], boxes[t["to"]]
        if t["from"] == t["to"]:
            x0, y0 = a["cx"], a["cy"] - a["hh"]
            edges.append(
                f'<path class="vakb-d-transition{dashed}" d="M{x0 - 34:.1f},{y0:.1f} C{x0 - 34:.1f},{y0 - LOOP_HEIGHT:.1f} '
                f'{x0 + 34:.1f},{y0 - LOOP_HEIGHT:.1f} {x0 + 34:.1f},{y0 + -2:.1f}" fill="none" stroke="currentColor" '
                f'marker-end="url(#{marker})"/>'
            )
            lines = wrap(text, CELL_W - 20)
            label_cy = y0 - LOOP_HEIGHT + 4 - len(lines) * LINE / 2 - 4
            labels.extend(label_box(lines, x0, label_cy))
            extent[0] = min(extent[0], label_cy - len(lines) * LINE / 2 - 2)
            continue
        dx, dy = b["cx"] - a["cx"], b["cy"] - a["cy"]
        length = math.hypot(dx, dy)
        nx, ny = -dy / length, dx / length  # left-hand normal of the direction of travel
        offset = t.get("offset", 0)
        ox, oy = nx * offset, ny * offset
        x1, y1 = _edge_point(a, dx, dy, ox, oy)
        x2, y2 = _edge_point(b, -dx, -dy, ox, oy)
        edges.append(line(x1, y1, x2, y2, f"vakb-d-transition{dashed}", marker))
        horizontal = abs(dy) < 1
        room = (CELL_W - BOX_W - 12) if horizontal else 170
        lines = wrap(text, room)
        mx, my = (x1 + x2) / 2, (y1 + y2) / 2
        if offset:
            # Two arrows between the same states: each label goes on its own arrow's outer side.
            shift = (len(lines) * LINE + 8) / 2
            side = 1 if offset > 0 else -1
            mx, my = mx + nx * side * shift, my + ny * side * shift
        elif horizontal:
            my -= len(lines) * LINE / 2 + 4  # above its arrow, which stays visible
        labels.extend(label_box(lines, mx, my))
    top, bottom = extent[0] - MARGIN, extent[1] + MARGIN
    return "\n".join(edges + shapes + labels), (0, top, width, bottom - top)


LAYOUTS = {"sequence": sequence, "states": states}

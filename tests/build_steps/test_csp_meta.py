"""Every online page carries the site's Content-Security-Policy in a <meta> element, so a copy of
the site on any static host keeps it: the same policy nginx sends (vakb.build_steps.csp.POLICY),
without what a meta policy cannot carry, with the hashes of the page's own inline scripts only,
before anything the policy governs. The offline bundle carries none (file:// has no origin)."""

from __future__ import annotations

import html
import re

from vakb.build_steps import csp

META = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">')
INLINE_SCRIPT = re.compile(r"<script>(.*?)</script>", re.S)


def directives(policy: str) -> dict[str, list[str]]:
    return {name: values for name, *values in (part.split() for part in policy.split(";") if part.strip())}


def test_every_online_page_carries_the_policy_with_its_own_hashes(site_dir):
    header = directives((site_dir / csp.CONF_NAME).read_text(encoding="utf-8").split('"')[1])
    assert header["frame-ancestors"] == ["'none'"]
    problems, pages = [], sorted(site_dir.rglob("*.html"))
    assert len(pages) > 900
    for page in pages:
        text = page.read_text(encoding="utf-8")
        metas = META.findall(text)
        where = page.relative_to(site_dir).as_posix()
        if len(metas) != 1:
            problems.append(f"{where}: {len(metas)} CSP meta elements")
            continue
        meta = directives(html.unescape(metas[0]))
        own = sorted({csp.csp_source(script) for script in INLINE_SCRIPT.findall(text)})
        expected = {name: values for name, values in header.items() if name not in csp.NOT_IN_META}
        expected["script-src"] = ["'self'", *own]
        if meta != expected:
            problems.append(f"{where}: {meta} != {expected}")
        # Before the first thing the policy governs: it applies to what follows it only.
        first = min((m.start() for m in re.finditer(r"<script|<link rel=\"stylesheet\"|<style", text)), default=len(text))
        if text.index(metas[0]) > first:
            problems.append(f"{where}: the policy comes after a script or stylesheet")
    assert not problems, "\n".join(problems[:10])


def test_the_policy_has_one_source():
    # The nginx header is the build's $vakb_csp: no second copy of the directives to drift apart.
    from conftest import ROOT

    headers = (ROOT / "scripts" / "nginx" / "security-headers.conf").read_text(encoding="utf-8")
    lines = [line for line in headers.splitlines() if "Content-Security-Policy" in line and not line.lstrip().startswith("#")]
    assert lines == ["add_header Content-Security-Policy $vakb_csp always;"]
    assert "frame-ancestors 'none'" in csp.policy([]) and "frame-ancestors" not in csp.policy([], meta=True)


def test_the_offline_bundle_carries_no_meta_policy(offline_bundle):
    pages = list(offline_bundle.root.rglob("*.html"))
    assert pages and not [p for p in pages if META.search(p.read_text(encoding="utf-8"))]

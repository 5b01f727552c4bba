"""In Chromium, through nginx with the published headers: the site works under its CSP.

Every page template in both languages loads with zero CSP violations and zero console errors,
and what readers touch (search, language switcher, tools, error lookup) still runs. A copy of the
site with one inline script changed must be refused by the browser, so these checks can fail.
"""

from __future__ import annotations

import re
import shutil

import pytest

from nginx_server import nginx, running_nginx  # noqa: F401 (fixture)

pytestmark = pytest.mark.browser

# Recorded from the first script of every document: the browser fires this event for each
# resource or inline script the Content-Security-Policy refuses.
RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (e) => window.__cspViolations.push(
  `${e.effectiveDirective} refused ${e.blockedURI || "inline"} (${e.sourceFile}:${e.lineNumber})`));
"""
PREFIX = {"en": "", "fr": "fr/"}


class Visit:
    """A fresh browser context on the nginx-served site, recording what a reader would not see."""

    def __init__(self, browser, base_url: str):
        self.base_url = base_url
        self.context = browser.new_context(service_workers="block", locale="en-US")
        self.context.add_init_script(RECORD_VIOLATIONS)
        self.page = self.context.new_page()
        self.console_errors: list[str] = []
        self.requests: list[str] = []
        self.page.on("console", self._console)
        self.page.on("pageerror", lambda error: self.console_errors.append(f"uncaught: {error}"))
        self.page.on("request", lambda request: self.requests.append(request.url))
        self.expected_404: str | None = None

    def _console(self, message):
        if message.type != "error":
            return
        where = message.location.get("url", "")
        if where == self.expected_404 and "404" in message.text:
            return  # the 404 page's own status, which is the point of that page
        self.console_errors.append(f"{message.text} [{where}]")

    def open(self, path: str, expect_404: bool = False):
        url = self.base_url + path
        self.expected_404 = url if expect_404 else None
        response = self.page.goto(url, wait_until="networkidle")
        assert response.status == (404 if expect_404 else 200), f"{path}: status {response.status}"
        return response

    def violations(self) -> list[str]:
        return self.page.evaluate("window.__cspViolations")

    def problems(self) -> list[str]:
        foreign = [url for url in self.requests if not url.startswith((self.base_url, "data:", "blob:"))]
        return ([f"CSP: {v}" for v in self.violations()] + [f"console: {e}" for e in self.console_errors]
                + [f"request to another host: {url}" for url in foreign])

    def close(self):
        self.context.close()


@pytest.fixture
def visit(browser, nginx):
    opened = Visit(browser, nginx.url)
    yield opened
    opened.close()


def page_templates(built_pages, lang: str) -> dict[str, str]:
    """{template: path} for one language; the error-code page only once the build has one."""
    prefix = PREFIX[lang]
    templates = {"home": prefix, "topic": f"{prefix}how-kms-works/", "errors index": f"{prefix}errors/",
                 "tools": f"{prefix}tools/"}
    code_pages = sorted(url for url in built_pages if re.fullmatch(rf"{prefix}errors/0x[0-9a-f]{{8}}/", url))
    if code_pages:
        templates["error page"] = code_pages[0]
    for name, path in templates.items():
        assert path in built_pages, f"the build has no {name} page at /{path}"
    return templates


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_every_page_template_loads_without_csp_violation_or_console_error(browser, nginx, built_pages, lang):
    templates = dict(page_templates(built_pages, lang), **{"404": f"{PREFIX[lang]}no-such-page/"})
    report = []
    for name, path in templates.items():
        visit = Visit(browser, nginx.url)
        try:
            visit.open(path, expect_404=(name == "404"))
            assert visit.page.evaluate("document.documentElement.lang") == lang, f"/{path} is not in {lang}"
            report += [f"{name} (/{path}): {problem}" for problem in visit.problems()]
        finally:
            visit.close()
    assert not report, "\n".join(report)


@pytest.mark.parametrize("lang, query", [("en", "activation"), ("fr", "activation")])
def test_search_works_under_the_csp(visit, lang, query):
    visit.open(PREFIX[lang])
    box = visit.page.locator("input.md-search__input")
    box.click()  # opens the search dialog, as a reader's click does
    box.press_sequentially(query, delay=20)  # Material searches on key events, not on a bare value change
    results = visit.page.locator(".md-search-result__item a.md-search-result__link")
    results.first.wait_for(timeout=10_000)  # the search worker ran: 'self' is enough for it
    hrefs = [results.nth(i).get_attribute("href") for i in range(results.count())]
    in_french = [href for href in hrefs if "/fr/" in href]
    assert in_french == (hrefs if lang == "fr" else []), f"{lang} search results: {hrefs}"
    assert not visit.problems(), "\n".join(visit.problems())


def test_language_switcher_works_under_the_csp(visit):
    visit.open("how-kms-works/")
    visit.page.hover(".md-select")
    visit.page.click('a.md-select__link[hreflang="fr"]')
    visit.page.wait_for_url(re.compile(r"/fr/how-kms-works/$"))
    assert visit.page.evaluate("document.documentElement.lang") == "fr"
    assert not visit.problems(), "\n".join(visit.problems())


def pages_with(built_pages, lang: str, marker: str) -> list[str]:
    return [url for url, html in built_pages.items()
            if url.startswith("fr/") == (lang == "fr") and marker in html.read_text(encoding="utf-8")]


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_tools_run_under_the_csp(visit, built_pages, lang):
    """Each tool's script answers a submission (a result or its own message): it was allowed to run."""
    tool_pages = pages_with(built_pages, lang, 'class="vakb-tool"')
    assert tool_pages, f"no {lang} page holds a tool (form.vakb-tool)"
    for path in tool_pages:
        visit.open(path)
        forms = visit.page.locator("form.vakb-tool")
        for i in range(forms.count()):
            form = forms.nth(i)
            before = form.inner_text()
            for field in form.locator('input[type="text"]').all():
                if not field.input_value():
                    field.fill("25" if field.get_attribute("inputmode") == "numeric" else "corp.example.com")
            boxes = form.locator('input[type="checkbox"]')
            if boxes.count() and not form.locator('input[type="checkbox"]:checked').count():
                boxes.first.check()
            form.locator('[type="submit"]').first.click()
            visit.page.wait_for_function("([form, before]) => form.innerText !== before",
                                         arg=[form.element_handle(), before], timeout=5_000)
    assert not visit.problems(), "\n".join(visit.problems())


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_error_lookup_box_works_under_the_csp(visit, lang):
    visit.open(f"{PREFIX[lang]}errors/")
    box = visit.page.locator("#error-lookup input[type=search]")
    message = visit.page.locator("#error-lookup .vakb-error-lookup__message")
    box.fill("not a code")
    box.press("Enter")
    message.wait_for(timeout=5_000)  # its script answered, in the page's language
    assert message.inner_text().strip()
    code = visit.page.locator("tr[data-code]").first.get_attribute("data-code")
    box.fill(code.lower())
    box.press("Enter")
    visit.page.wait_for_url(re.compile(rf"/{PREFIX[lang]}errors/{code.lower()}/$"))
    assert not visit.problems(), "\n".join(visit.problems())


def test_a_changed_inline_script_is_refused(browser, site_dir, tmp_path_factory):
    """The hashes come from the build: a page whose inline script changed afterwards must not run it."""
    copy = tmp_path_factory.mktemp("tampered") / "site"
    shutil.copytree(site_dir, copy)
    page = copy / "how-kms-works" / "index.html"
    html = page.read_text(encoding="utf-8")
    changed = html.replace("<script>", "<script>window.__tampered=1;", 1)
    assert changed != html, "no inline <script> to change"
    page.write_text(changed, encoding="utf-8")
    # nginx would otherwise send the build's gzip copy of the page (gzip_static), untouched.
    page.with_name(page.name + ".gz").unlink(missing_ok=True)
    with running_nginx(copy, tmp_path_factory.mktemp("nginx-tampered")) as server:
        visit = Visit(browser, server.url)
        try:
            visit.open("how-kms-works/")
            assert visit.page.evaluate("window.__tampered") is None, "the changed script ran"
            refused = [v for v in visit.violations() if v.startswith("script-src")]
            assert refused, f"no script-src violation reported: {visit.problems()}"
            assert any("Content Security Policy" in error for error in visit.console_errors)
        finally:
            visit.close()


def test_errors_json_stays_readable_from_another_origin(browser, nginx, site_url):
    """Cross-Origin-Resource-Policy: same-origin must not stop a helpdesk tool's CORS read."""
    context = browser.new_context(service_workers="block")
    try:
        page = context.new_page()
        # Another origin (the python server of the same build, another port), from a document that
        # is not one of the site's pages: those carry their own policy, which allows no other origin.
        page.goto(site_url + "sitemap.xml")
        assert not site_url.startswith(nginx.url)
        result = page.evaluate("url => fetch(url, {mode: 'cors'}).then(r => r.json()).then(d => "
                               "Array.isArray(d) ? d.length : Object.keys(d).length)", nginx.url + "api/errors.json")
        assert result > 0
    finally:
        context.close()


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_on_a_plain_static_server_every_page_carries_its_policy(browser, site_url, built_pages, lang):
    """Copied to any static host (here Python's http.server, which sends no header at all), the
    pages keep the policy of their <meta>: an inline script injected into a page is blocked, while
    the page's own reviewed scripts run and no page template is refused anything."""
    report = []
    for name, path in page_templates(built_pages, lang).items():
        visit = Visit(browser, site_url)
        try:
            response = visit.open(path)
            assert "content-security-policy" not in response.headers, "this server sends no policy"
            report += [f"{name} (/{path}): {problem}" for problem in visit.problems()]
        finally:
            visit.close()
    assert not report, "\n".join(report)

    visit = Visit(browser, site_url)
    target = f"{site_url}{PREFIX[lang]}how-kms-works/"

    def inject(route):  # what a stored injection would add to the page on its way to the reader
        response = route.fetch()
        body = response.text()
        assert "</article>" in body
        route.fulfill(response=response, body=body.replace("</article>", "<script>window.__injected=1</script></article>", 1))

    try:
        visit.context.route(target, inject)
        visit.open(f"{PREFIX[lang]}how-kms-works/")
        assert visit.page.evaluate("window.__injected") is None, "the injected script ran"
        assert visit.page.evaluate("typeof __md_scope") == "object", "Material's reviewed inline script did not run"
        refused = [v for v in visit.violations() if v.startswith("script-src")]
        assert len(refused) == 1 and "inline" in refused[0], visit.violations()
    finally:
        visit.close()

"""vakb: the code that turns docs/data/ and docs/*.md into the knowledge base.

MkDocs loads the thin entry points of overrides/hooks/ (listed under `hooks:` in mkdocs.yml); they
call into this package, which nothing else imports them from. Layers, each importing only the
ones above it:

    vakb.data, vakb.shortcodes, vakb.languages, vakb.links, vakb.build_kind, vakb.typography,
    vakb.tables, vakb.release, vakb.build_order          foundations (no MkDocs hook state)
    vakb.topics.<topic>                                   one module (or package) per subject:
                                                          its data checks, shortcodes, generated pages
    vakb.build_steps.<step>                                     what the build writes beyond pages
                                                          (search split, CSP, redirects, 404...)

The package is importable because `scripts/docs.py` writes a `.pth` file into `.venv` naming
overrides/ (and the repository root, for the `scripts` package): no module edits sys.path.
"""

"""The order of the build steps, stated once.

MkDocs runs the handlers of one event by priority, highest first (default 0). The plugins set
some of the fixed points: mkdocs-static-i18n sorts files by language at on_files -100 and starts
the other languages' builds from on_post_build -100; Material's offline plugin rewrites the search
index at on_post_build -100. Every hook that must run before or after one of them, or before or
after another hook, takes its priority from this table, so the sequence reads top to bottom here.
"""

# on_page_content: French spacing before anything copies the page's HTML (print-site, search).
FRENCH_TYPOGRAPHY = 100

# on_files
PAGE_SOURCES = 50                  # first: every source UTF-8 and in both languages, before anything reads it
GENERATED_PAGES_ADD_SOURCES = 0        # before i18n (-100) sorts files by suffix
GENERATED_PAGES_WRITE_SOURCES = -110   # after i18n: the File objects this language renders
STYLESHEET_BUNDLE = -200           # after i18n, which expects every file it sorts to have a source
SEARCH_WORKER_NAME = -200          # the same: the search worker's published copy is a generated file
EVIDENCE_DATA = -250               # after i18n; the analyzer's data script, before minification
MINIFY_ASSETS = -300               # after the bundle exists

# on_page_context: last, when the page's content is final.
PAGE_SCRIPTS = -100

# on_post_page: last, on the page's final HTML.
MINIFY_PAGES = -1000
CSP_PAGES = -1100                  # after minify: the page's scripts as published, then its CSP meta

# on_post_build
NOT_FOUND_PAGES = 0                # in the default build, before i18n (-100) builds the others
SEARCH_SPLIT = -150                # after i18n merged and the offline plugin inlined the index
OPENSEARCH = -150                  # after i18n built this language
CSP_HASHES = -1000                 # every language's pages are written
PRECOMPRESS = -2000                # last: the .gz copies of files nothing will change any more

"""The developer commands' code, as one package: `scripts/docs.py` is the single entry (serve,
build, test, bench, inventory, links, preview), the other modules are what it runs. Importable as
`scripts.<module>` because scripts/docs.py writes a .pth naming the repository root into .venv.
"""

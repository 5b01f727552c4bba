"""What the build writes beyond pages: search split, CSP hashes, redirects, 404 pages, page scripts, asset bundles, print edition, interface strings."""

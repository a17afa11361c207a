"""The website: every output's name (routes), the view of a procedure per language (views,
office_view), pages from templates (pages, page_batch), the engine behind one module (engine),
the site tree that rewrites only what changed (site_tree), search, offline packs, open data
and the link check.
"""

"""Commands for editors beyond `guide check`: new procedures (scaffold), import from the portal
(import_run, importer), drift against the portal (drift), changed files (changes), translations
in and out (translation_*), pull-request annotations (pull_request) and previews (preview).
"""

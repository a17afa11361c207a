"""Stages 1 to 3: the content read from YAML and CSV, checked, and held as one read-only catalog.

Loading keeps line and column (loader), the model and its schema (model, schema_check), the
checks across files (validate, crosscheck, text_checks), tables, forms, question flows, fee
rules in force, and the check cache.
"""

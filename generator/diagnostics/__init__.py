"""What an editor is told: issues as values with a stable code and a position (errors), their
wording in Vietnamese and English (messages, codes_*), YAML syntax diagnoses and value hints,
and the report printed by `guide check`.
"""

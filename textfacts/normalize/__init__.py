"""Pure normalisation functions: surface string (plus context values) in, typed value out.

Nothing here imports spaCy, so baselines, the scorer and tests can reuse it cheaply.
"""

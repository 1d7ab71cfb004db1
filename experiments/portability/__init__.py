"""Experiments' key of the "labportal/1" document (rows in export.py, import in importer.py)."""

from labportal.portability import Section

from .export import experiments_rows
from .importer import import_experiments

SECTIONS = [Section("experiments", experiments_rows, import_experiments, required=True)]

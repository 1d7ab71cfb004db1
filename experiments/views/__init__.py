"""Experiment pages, one module per page group: browse (list/search), detail, edit, wheel."""

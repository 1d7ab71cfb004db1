"""The whole portal as JSON and back: format "labportal/1" (see CONTRACTS.md).

- `export.portal_export(out=...)` streams the document to a text file object.
- `importer.portal_import(source=...)` reads it back in one transaction.

What the format holds and what it leaves out is documented in `export.py`; how an import
merges into an existing portal is documented in `importer.py`.
"""

FORMAT = "labportal/1"


class PortabilityError(Exception):
    """The input cannot be imported; the message says why and where."""


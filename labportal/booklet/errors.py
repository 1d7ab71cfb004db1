"""The one error the booklet importer raises for bad input, with a translated message."""


class BookletError(Exception):
    """The input is not a booklet the importer can read (empty, not a PDF, no text, ...)."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message

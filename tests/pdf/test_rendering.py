"""render_pdf: the portal's own files only (a remote image is a warning and no request),
the vendored fonts, the title and language in the metadata, bookmarks for the headings."""

import io
import socket
import threading

import pytest
from pypdf import PdfReader

from labportal.pdf import render_pdf
from labportal.pdf.rendering import local_file

PAGE = """<html><head><link rel="stylesheet" href="/static/pdf/print.css"></head>
<body><h1>Overskrift</h1><h2>Underafsnit</h2><p>Tekst</p>{extra}</body></html>"""


class Listener:
    """A local TCP port that counts the connections made to it."""

    def __init__(self):
        self.server = socket.create_server(("127.0.0.1", 0))
        self.server.settimeout(0.2)
        self.port = self.server.getsockname()[1]
        self.connections = 0
        self.running = True
        self.thread = threading.Thread(target=self._accept, daemon=True)
        self.thread.start()

    def _accept(self):
        while self.running:
            try:
                conn, _address = self.server.accept()
            except TimeoutError:
                continue
            self.connections += 1
            conn.close()

    def close(self):
        self.running = False
        self.thread.join()
        self.server.close()


@pytest.fixture
def listener():
    found = Listener()
    yield found
    found.close()


def test_a_remote_image_is_a_warning_and_never_fetched(listener):
    url = f"http://127.0.0.1:{listener.port}/billede.png"
    result = render_pdf(PAGE.format(extra=f'<img src="{url}" alt="">'), title="Prøve")
    assert listener.connections == 0
    assert any(url in warning for warning in result.warnings)
    assert PdfReader(io.BytesIO(result.pdf)).pages[0].extract_text().startswith("Overskrift")


def test_static_files_and_fonts_are_served_locally():
    result = render_pdf(PAGE.format(extra=""), title="Prøve")
    assert result.warnings == []
    reader = PdfReader(io.BytesIO(result.pdf))
    fonts = {
        str(font["/BaseFont"])
        for page in reader.pages
        for font in page["/Resources"]["/Font"].values()
    }
    # Not installed on the system: the vendored woff2 files (static/vendor/dkfds).
    assert any(name.endswith("+IBM-Plex-Sans") for name in fonts), fonts


def test_title_language_and_bookmarks_are_in_the_pdf():
    result = render_pdf(PAGE.format(extra=""), title="Prøve på titel", lang="da")
    reader = PdfReader(io.BytesIO(result.pdf))
    assert reader.metadata.title == "Prøve på titel"
    assert reader.trailer["/Root"]["/Lang"] == "da"
    outline = reader.outline
    assert outline[0].title == "Overskrift"
    assert outline[1][0].title == "Underafsnit"


def test_a_media_image_is_drawn(settings, tmp_path):
    from PIL import Image

    settings.MEDIA_ROOT = tmp_path
    Image.new("RGB", (40, 20), "#0059b3").save(tmp_path / "figur.png")
    result = render_pdf(PAGE.format(extra='<img src="/media/figur.png" alt="Figur">'), title="P")
    assert result.warnings == []
    resources = PdfReader(io.BytesIO(result.pdf)).pages[0]["/Resources"]
    images = [x for x in resources["/XObject"].values() if x.get_object()["/Subtype"] == "/Image"]
    assert len(images) == 1


@pytest.mark.parametrize(
    ("url", "found"),
    [
        ("/static/pdf/print.css", True),
        ("http://127.0.0.1:8000/static/pdf/print.css", True),
        ("https://elsewhere.example/static/pdf/print.css", False),
        ("/static/../../etc/passwd", False),
        ("/media/../../etc/passwd", False),
        ("file:///etc/passwd", False),
        ("/etc/passwd", False),
    ],
)
def test_only_static_and_media_files_are_local(url, found):
    assert (local_file(url, "http://127.0.0.1:8000/") is not None) is found

"""Text repair on small made-up pieces of extracted text."""

from labportal.booklet.cleaning import clean


def texts(raw: str) -> list[str]:
    return [line.text for line in clean(raw).lines]


def test_word_hyphenated_at_a_line_end_is_joined():
    assert texts("en systematisk udvik-\nling af praksis") == [
        "en systematisk udvikling af praksis"
    ]


def test_word_hyphenated_across_a_page_break_and_a_label_is_joined():
    raw = "• Afgørende, at der er ledelses-\n\nInstitution: KEA\n\nopbakning i drift"
    result = clean(raw)
    assert [line.text for line in result.lines] == [
        "Afgørende, at der er ledelsesopbakning i drift"
    ]
    assert [(label.no, label.name) for label in result.labels] == [(3, "KEA")]


def test_a_real_suspended_hyphen_is_kept():
    assert texts("ni erhvervs-\nog professionsrettede") == ["ni erhvervs- og professionsrettede"]


def test_page_footer_and_page_numbers_are_removed():
    raw = (
        "første side slutter\n\nInspirationshæfte til arbejdet med Nye ledelses- og "
        "samarbejdsformer80\n\nDet erhvervsrettede uddannelseslaboratorium\n\n24\n\nNæste side"
    )
    assert texts(raw) == ["første side slutter", "Næste side"]


def test_bullet_split_over_lines_and_a_blank_line_is_joined():
    raw = "• Møder i grupperne, samt møder med ledel-\n\nse efter formel struktur\n• Næste punkt"
    assert texts(raw) == [
        "Møder i grupperne, samt møder med ledelse efter formel struktur",
        "Næste punkt",
    ]


def test_a_heading_is_never_glued_to_the_bullet_above():
    raw = "• Det er blevet tydeligere, hvad teamene kan\n Koncepualiserbare elementer\nEt koncept"
    lines = clean(raw, keep_apart=lambda t: t.startswith("Koncepualiserbare")).lines
    assert [line.text for line in lines] == [
        "Det er blevet tydeligere, hvad teamene kan",
        "Koncepualiserbare elementer",
        "Et koncept",
    ]


def test_footnote_marker_and_line_are_removed():
    result = clean(
        "alle deltagernes del-historier2. I kraft af\n\n2 Digmann, Annemette ”Principper”"
    )
    assert [line.text for line in result.lines] == ["alle deltagernes del-historier. I kraft af"]
    assert [f.no for f in result.footnotes] == [3]

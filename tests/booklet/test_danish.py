"""Danish is the default language: messages of the booklet import reach users in Danish."""

import io

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from experiments.models import Experiment

pytestmark = pytest.mark.django_db


def test_a_bad_file_is_refused_in_danish(tmp_path):
    empty = tmp_path / "tom.txt"
    empty.write_text("", encoding="utf-8")
    with translation.override("da"), pytest.raises(CommandError) as refused:
        call_command("import_booklet", str(empty), stdout=io.StringIO())
    with translation.override("en"), pytest.raises(CommandError) as refused_en:
        call_command("import_booklet", str(empty), stdout=io.StringIO())
    assert str(refused.value) != str(refused_en.value), "the Danish message is translated"
    assert Experiment.objects.count() == 0

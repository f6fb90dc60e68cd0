"""Who counts as one person (attack-findings 10): the same name in another case, with other
spaces or with invisible characters is one person; a name mixing scripts is another, and
validera warns of it. The rule is in docs/beslut.md."""

import pytest

from pk_report.names import mixed_scripts, person_key


@pytest.mark.parametrize("variant", [
    "anna svensson", "ANNA SVENSSON", "Anna\u00a0Svensson", "Anna \u200bSvensson",
    "  Anna   Svensson ", "Anna Sven\u00adsson", "Anna\u2060 Svensson", "\ufeffAnna Svensson",
    "Ａｎｎａ Svensson"])
def test_variants_of_one_name_are_one_person(variant):
    assert person_key(variant) == person_key("Anna Svensson")


def test_a_look_alike_letter_is_another_person_and_is_named():
    cyrillic = "\u0410nna Svensson"
    assert person_key(cyrillic) != person_key("Anna Svensson")
    assert mixed_scripts(cyrillic) == ["CYRILLIC", "LATIN"]
    assert mixed_scripts("Åsa Öberg-Zoë") == [] and mixed_scripts("P0030") == []


def test_a_name_of_invisible_characters_only_is_no_name():
    assert person_key("\u200b\u200d") == ""

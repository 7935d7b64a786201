"""The lexicon loader: bundled data, the user's actor dictionaries, and errors that say where."""
from __future__ import annotations

import pytest

from sitrep import lexicons
from sitrep.model import SECTORS


@pytest.fixture(autouse=True)
def _reset_user_files():
    yield
    lexicons.set_user_actor_files([])


def test_countries_have_names_demonyms_and_seats_of_power():
    c = lexicons.countries()
    assert c.lookup("Pakistan") == ("PAK", "name")
    assert c.lookup("Türkiye")[0] == "TUR"
    assert c.lookup("Pakistani") == ("PAK", "demonym")
    assert c.lookup("Islamabad") == ("PAK", "metonym")
    assert c.lookup("Kabul")[0] == "AFG"
    assert c.demonym_of("IND") == "Indian"


def test_bundled_actor_codes_are_valid():
    entries = lexicons.actor_entries()
    for form, entry in entries.items():
        assert entry.sector is None or entry.sector in SECTORS, form
        assert entry.country is None or (len(entry.country) == 3 and entry.country.isupper()), form
    assert entries["TTP"].country == "PAK" and entries["TTP"].sector == "REB"
    assert entries["OIC"].sector == "IGO" and entries["OIC"].country is None
    assert entries["RSF"].country == "SDN"


def test_user_dictionary_adds_and_overrides(tmp_path):
    path = tmp_path / "mine.yaml"
    path.write_text(
        "actors:\n"
        "  - {name: Coastal Defence Brigade, aliases: [CDB], country: LKA, sector: MIL}\n"
        "  - {name: Hamas, aliases: [], country: PSE, sector: GOV}\n",
        encoding="utf-8",
    )
    lexicons.set_user_actor_files([path])
    entries = lexicons.actor_entries()
    assert entries["CDB"].country == "LKA" and entries["CDB"].sector == "MIL"
    assert entries["Hamas"].sector == "GOV"  # the later file wins
    assert "ISPR" in entries  # the bundled entries stay


def test_user_dictionary_from_environment(tmp_path, monkeypatch):
    path = tmp_path / "env.yaml"
    path.write_text("actors:\n  - {name: Blue Ridge Militia, aliases: [BRM], country: USA, sector: REB, kind: group}\n",
                    encoding="utf-8")
    monkeypatch.setenv("SITREP_ACTORS", str(path))
    lexicons.set_user_actor_files([])  # clears the cache
    assert lexicons.actor_entries()["BRM"].kind == "group"


@pytest.mark.parametrize("line,message", [
    ("  - {name: X, country: Pakistan, sector: GOV}", "ISO3"),
    ("  - {name: X, country: PAK, sector: ARMY}", "sector"),
    ("  - {name: X, country: PAK, sector: GOV, kind: tribe}", "kind"),
    ("  - {aliases: [Y], country: PAK}", "name"),
])
def test_bad_entries_name_the_file_and_the_entry(tmp_path, line, message):
    path = tmp_path / "bad.yaml"
    path.write_text("actors:\n" + line + "\n", encoding="utf-8")
    lexicons.set_user_actor_files([path])
    with pytest.raises(lexicons.LexiconError) as err:
        lexicons.actor_entries()
    assert "bad.yaml" in str(err.value) and message in str(err.value)


def test_missing_user_file_is_an_error(tmp_path):
    lexicons.set_user_actor_files([tmp_path / "nope.yaml"])
    with pytest.raises(lexicons.LexiconError):
        lexicons.actor_entries()


def test_user_actor_reaches_the_resolver(tmp_path):
    from sitrep.nlp.model import ModelNotFoundError, load_model

    try:
        nlp = load_model()
    except ModelNotFoundError:  # pragma: no cover
        pytest.skip("bundled spaCy model not built")
    from sitrep.model import Document
    from sitrep.pipeline import DocContext
    from sitrep.resolve.actors import ActorResolver

    path = tmp_path / "mine.yaml"
    path.write_text("actors:\n  - {name: Northern Hills Front, aliases: [NHF], country: NPL, sector: REB, kind: group}\n",
                    encoding="utf-8")
    lexicons.set_user_actor_files([path])
    text = "The NHF claimed the ambush near the pass."
    ctx = DocContext(document=Document(id="t", text=text), doc=nlp(text))
    ActorResolver()(ctx)
    actor = ctx.mention_at[1].actor
    assert (actor.name, actor.country, actor.sector) == ("Northern Hills Front", "NPL", "REB")


def test_roles_give_sectors():
    titles = lexicons.roles()["titles"]
    assert titles["defence minister"] == "GOV"
    assert titles["field marshal"] == "MIL"
    assert titles["spokesperson"] == "GOV"


def test_unquoted_comma_in_a_name_is_reported(tmp_path):
    path = tmp_path / "comma.yaml"
    path.write_text("actors:\n  - {name: Ministry of Peace, Unity and Order, aliases: [MPUO], country: NPL, sector: GOV}\n",
                    encoding="utf-8")
    lexicons.set_user_actor_files([path])
    with pytest.raises(lexicons.LexiconError, match="quote a name"):
        lexicons.actor_entries()

"""CoNLL-U output and re-annotation (tokens/sentences kept exactly)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from sitrep.nlp.conllu import doc_to_conllu, parse_text_to_conllu, reannotate_conllu
from sitrep.nlp.model import DEFAULT_MODEL_PATH, load_model

pytestmark = pytest.mark.skipif(
    not (DEFAULT_MODEL_PATH / "config.cfg").is_file(),
    reason="bundled model not built (python training/build_model.py)",
)

# written for this test (not from any corpus): a range line, an empty node,
# SpaceAfter=No, a comment-only header and odd spacing
SNIPPET = """# newdoc id = test-1
# sent_id = t1
# text = The navy's ships didn't leave port.
1	The	_	_	_	_	_	_	_	_
2-3	navy's	_	_	_	_	_	_	_	_
2	navy	_	_	_	_	_	_	_	_
3	's	_	_	_	_	_	_	_	_
4	ships	_	_	_	_	_	_	_	_
5-6	didn't	_	_	_	_	_	_	_	_
5	did	_	_	_	_	_	_	_	_
6	n't	_	_	_	_	_	_	_	_
7	leave	_	_	_	_	_	_	_	_
8	port	_	_	_	_	_	_	_	SpaceAfter=No
9	.	_	_	_	_	_	_	_	_

# sent_id = t2
# text = Officials confirmed it, and the minister too
1	Officials	_	_	_	_	_	_	_	_
2	confirmed	_	_	_	_	_	_	_	_
3	it	_	_	_	_	_	_	_	SpaceAfter=No
4	,	_	_	_	_	_	_	_	_
5	and	_	_	_	_	_	_	_	_
6	the	_	_	_	_	_	_	_	_
6.1	confirmed	_	_	_	_	_	_	_	_
7	minister	_	_	_	_	_	_	_	_
8	too	_	_	_	_	_	_	_	_

"""


@pytest.fixture(scope="module")
def nlp():
    return load_model()


def _rows(text: str) -> list[list[str]]:
    return [ln.split("\t") for ln in text.splitlines() if ln and not ln.startswith("#")]


def _check_tree(conllu: str) -> None:
    sent: list[list[str]] = []
    for line in conllu.splitlines() + [""]:
        if not line:
            if sent:
                words = [r for r in sent if r[0].isdigit()]
                assert sum(1 for r in words if r[6] == "0") == 1
                for r in words:
                    assert 0 <= int(r[6]) <= len(words)
                    assert (r[6] == "0") == (r[7] == "root")
            sent = []
            continue
        if line.startswith("#"):
            continue
        sent.append(line.split("\t"))


def test_reannotate_keeps_tokens(nlp):
    out = reannotate_conllu(SNIPPET, nlp)
    gold, pred = _rows(SNIPPET), _rows(out)
    assert [r[:2] for r in gold] == [r[:2] for r in pred]
    assert all(len(r) == 10 for r in pred)
    # comments kept, in place
    assert [ln for ln in SNIPPET.splitlines() if ln.startswith("#")] == [
        ln for ln in out.splitlines() if ln.startswith("#")
    ]
    # range lines and empty nodes untouched apart from annotation columns
    assert "2-3\tnavy's\t_\t_\t_\t_\t_\t_\t_\t_" in out
    assert "6.1\tconfirmed\t_\t_\t_\t_\t_\t_\t_\t_" in out
    assert [ln for ln in out.splitlines() if ln.startswith("8\tport")][0].endswith("SpaceAfter=No")
    _check_tree(out)
    words = {r[1]: r for r in pred if r[0].isdigit()}
    assert words["ships"][3] == "NOUN"
    assert words["leave"][2] == "leave"


def test_reannotate_gum_heldout_file(nlp):
    shared = Path(os.environ.get("SITREP_SHARED", Path(__file__).resolve().parents[2] / ".." / "shared"))
    gum = shared / "corpora" / "gum-ccby"
    split = gum / "split-test.txt"
    if not split.is_file():
        pytest.skip("GUM corpus not available in ../shared")
    names = [n.strip() for n in split.read_text().splitlines() if (gum / f"{n.strip()}.conllu").is_file()]
    if not names:
        pytest.skip("no held-out GUM file present")
    gold = (gum / f"{names[0]}.conllu").read_text(encoding="utf-8")
    out = reannotate_conllu(gold, nlp)
    g, p = _rows(gold), _rows(out)
    assert len(g) == len(p)
    assert [r[:2] for r in g] == [r[:2] for r in p]
    assert [ln for ln in gold.splitlines() if ln.startswith("#")] == [
        ln for ln in out.splitlines() if ln.startswith("#")
    ]
    _check_tree(out)


def test_parse_text_to_conllu(nlp):
    text = "Iran said on Monday that Israel supplied the drones.\n\nThe claim was denied by Israel."
    out = parse_text_to_conllu(text, nlp)
    rows = _rows(out)
    assert rows and all(len(r) == 10 for r in rows)
    assert out.count("# sent_id = ") == 2
    assert "# text = The claim was denied by Israel." in out
    _check_tree(out)
    assert [r[0] for r in rows[:3]] == ["1", "2", "3"]
    # the same through doc_to_conllu with a prefix
    out2 = doc_to_conllu(nlp(text), sent_id_prefix="doc1-")
    assert "# sent_id = doc1-1" in out2

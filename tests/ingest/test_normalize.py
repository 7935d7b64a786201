"""Tests for sitrep.ingest.normalize."""
from sitrep.ingest import normalize_document_text, normalize_text


def test_apostrophe_inside_word_becomes_straight():
    assert normalize_text("Greece\u2019s role and Athens\u2018s reply") == "Greece's role and Athens's reply"


def test_quotation_marks_are_kept():
    text = "He called it \u2018wrong\u2019 and \u201cbaseless\u201d."
    assert normalize_text(text) == text


def test_crlf_and_cr_become_lf():
    assert normalize_text("one\r\ntwo\rthree") == "one\ntwo\nthree"


def test_control_characters_removed_but_newlines_and_tabs_handled():
    assert normalize_text("a\x00b\x07c\u200bd\u00a0e\tf") == "abcd e f"


def test_spaces_collapsed_and_trimmed():
    assert normalize_text("  Ankara   said \t\t no.  \n  Next  ") == "Ankara said no.\nNext"


def test_blank_lines_collapse_to_one():
    assert normalize_text("para one\n\n\n\n\npara two\n \n\t\npara three") == "para one\n\npara two\n\npara three"


def test_nfc():
    assert normalize_text("Erdog\u0306an") == "Erdo\u011fan"


def test_empty():
    assert normalize_text("") == ""
    assert normalize_document_text("   \n ", "Title") == ""


def test_glued_headline_repeated():
    title = "Egypt orders more Rafale jets from France"
    text = f"{title}\n{title}In a deal announced on Monday, Cairo said."
    assert normalize_document_text(text, title) == f"{title}\n\nIn a deal announced on Monday, Cairo said."


def test_headline_on_its_own_line_gets_paragraph_break():
    assert normalize_document_text("Title here\nBody text.", "Title here") == "Title here\n\nBody text."


def test_headline_glued_to_quote():
    assert normalize_document_text("Talks resume\u201cWe are ready,\u201d he said.", "Talks resume") == (
        "Talks resume\n\n\u201cWe are ready,\u201d he said.")


def test_title_prefix_of_a_word_is_not_split():
    assert normalize_document_text("India\nIndian forces moved.", "India") == "India\n\nIndian forces moved."
    assert normalize_document_text("Indian forces moved.", "India") == "Indian forces moved."


def test_sentence_starting_with_title_words_untouched():
    text = "Pakistan denies, says the report is false."
    assert normalize_document_text(text, "Pakistan denies") == text
    text2 = "Pakistan denies the report. More follows."
    assert normalize_document_text(text2, "Pakistan denies") == text2


def test_glued_sentences_get_a_space():
    assert normalize_document_text("talks ended the meeting.Chile said no.") == (
        "talks ended the meeting. Chile said no.")
    assert normalize_document_text("he said \u201cno.\u201dThe minister left.") == (
        "he said \u201cno.\u201d The minister left.")


def test_abbreviations_domains_decimals_untouched():
    for text in ("the U.S.Army said", "see example.com for more", "by Lt.Gen Novak", "a 3.5Billion deal",
                 "visit www.Reuters.com now", "mail press@mod.Gov today", "e.g.The list"):
        assert normalize_document_text(text) == text, text


def test_idempotent():
    text = "Title\nTitleBody starts.Here it goes \u2019quoted\u2019 India\u2019s\r\n\r\n\r\nEnd"
    once = normalize_document_text(text, "Title")
    assert normalize_document_text(once, "Title") == once


hypothesis = __import__("pytest").importorskip("hypothesis")
from hypothesis import given, settings, strategies as st  # noqa: E402

_ALPHABET = st.sampled_from(list("aZ .\n\r\t’‘“”\"'-@/:") + ["\x00", "\u200b", "\u00a0", "\u0301", "e", "U.S.",
                                                           "Chile", "meeting.", "Peru", "\u2028"])


@settings(max_examples=300, deadline=None)
@given(st.lists(_ALPHABET, max_size=40).map("".join), st.sampled_from([None, "Peru", "Chile meeting."]))
def test_normalization_is_idempotent(text, title):
    once = normalize_document_text(text, title)
    assert normalize_document_text(once, title) == once
    assert normalize_text(once) == once
    assert "\r" not in once and "\x00" not in once and "\n\n\n" not in once and once == once.strip()

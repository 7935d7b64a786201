"""Near-duplicate documents: syndicated copies and updated versions are grouped, distinct ones not."""
from sitrep.link.duplicates import (
    DuplicateIndex,
    canonical_map,
    containment,
    find_duplicate_groups,
    find_duplicate_pairs,
    jaccard,
    shingles,
)

# Invented article text, long enough for 5-word shingles to be meaningful.
PARAS = [
    "The coastal republic of Norlandia announced on Monday that its navy would hold a week of exercises "
    "near the disputed Saltmarsh islands, a move the neighbouring government called provocative.",
    "Officials in the capital said twelve ships and four patrol aircraft would take part, and that the drills "
    "had been planned for months and were not aimed at any country in particular.",
    "The foreign ministry of Vesteria summoned Norlandia's ambassador and demanded an explanation, "
    "according to a statement read out on state television late in the evening.",
    "Analysts at a research institute in the port city noted that the two countries had signed a fishing "
    "accord only last spring and warned that the exercises could unsettle the fragile calm along the coast.",
    "Fishermen interviewed in the harbour said they had been told to keep their boats in port until the end "
    "of the month, and several complained that nobody had explained how they would be compensated.",
]
BASE = "\n\n".join(PARAS)
OTHER = (
    "A mountain province in the north of Estovia reported heavy snowfall that closed three passes and cut "
    "power to several villages. Rescue teams reached a stranded bus on Tuesday and brought its passengers to "
    "a school that had been turned into a shelter. The regional governor asked the army for helicopters and "
    "said that schools would stay closed for the rest of the week while roads are cleared."
)


def test_shingles_and_set_measures():
    s = shingles("One two three four five six", k=5)
    assert s == {"one two three four five", "two three four five six"}
    assert shingles("short text", k=5) == {"short text"}
    assert shingles("", k=5) == set()
    assert jaccard({"a", "b"}, {"b", "c"}) == 1 / 3
    assert containment({"a", "b"}, {"a", "b", "c", "d"}) == 1.0


def test_syndicated_copy_and_updated_version_are_grouped():
    copy = "Navy drills near Saltmarsh islands anger Vesteria\n\n" + BASE  # new headline
    trimmed = "\n\n".join(PARAS[:-1])  # last paragraph trimmed
    inserted = "\n\n".join(PARAS[:2] + ["A spokesman for the navy later added that journalists would be invited aboard."]
                           + PARAS[2:])
    docs = [("orig", BASE), ("other", OTHER), ("copy", copy), ("trimmed", trimmed), ("inserted", inserted)]
    groups = find_duplicate_groups(docs)
    assert groups == [["orig", "copy", "trimmed", "inserted"]]
    pairs = find_duplicate_pairs(docs)
    assert all("other" not in p[:2] for p in pairs)
    assert all(0.0 <= p[2] <= 1.0 for p in pairs)


def test_distinct_documents_are_not_merged():
    # "c" borrows one paragraph of "a" and half of "b": related, but neither a copy nor a version
    unrelated = [("a", BASE), ("b", OTHER), ("c", PARAS[0] + " " + OTHER[: len(OTHER) // 2])]
    assert find_duplicate_groups(unrelated) == []
    singletons = find_duplicate_groups(unrelated, include_singletons=True)
    assert sorted(sum(singletons, [])) == ["a", "b", "c"]


def test_same_topic_different_article_is_not_a_duplicate():
    # Same story, written independently: shares names and topic, not the wording.
    rewrite = ("Vesteria protested after Norlandia said its navy will exercise around the Saltmarsh islands for a "
               "week. Norlandia insisted the manoeuvres with a dozen vessels were routine and long scheduled. "
               "Vesteria's diplomats called in the Norlandian envoy, and local fishermen were ordered to stay ashore.")
    assert find_duplicate_groups([("a", BASE), ("b", rewrite)]) == []


def test_empty_texts_are_nobodys_duplicate():
    assert find_duplicate_groups([("a", ""), ("b", ""), ("c", BASE)]) == []


def test_index_is_incremental_and_ignores_repeated_ids():
    idx = DuplicateIndex()
    idx.add("x", BASE)
    idx.add("x", OTHER)  # ignored: same id
    idx.add("y", BASE)
    assert len(idx) == 2 and "x" in idx
    assert idx.groups() == [["x", "y"]]


def test_canonical_map_collapses_groups():
    cmap = canonical_map([["a", "b", "c"]], ids=["a", "b", "c", "d"])
    assert cmap == {"a": "a", "b": "a", "c": "a", "d": "d"}

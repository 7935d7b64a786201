"""The places cache: written once per version, read by later processes, old versions pruned."""

from __future__ import annotations

import os
import time

from sitrep.resolve import places


def _age(path, days: float) -> None:
    t = time.time() - days * 86400
    os.utime(path, (t, t))


def test_prune_removes_only_long_unused_files_of_other_versions(tmp_path):
    keep = tmp_path / "places-current.pickle"
    old = tmp_path / "places-old.pickle"
    recent = tmp_path / "places-recent.pickle"
    other = tmp_path / "notes.txt"
    for p in (keep, old, recent, other):
        p.write_bytes(b"x")
    _age(keep, 100)
    _age(old, 45)
    _age(recent, 3)
    _age(other, 100)
    removed = places.prune_user_cache(keep)
    assert removed == [old]
    assert keep.exists() and recent.exists() and other.exists() and not old.exists()


def test_a_new_cache_is_written_read_back_and_prunes_stale_versions(tmp_path, monkeypatch):
    monkeypatch.setenv("SITREP_CACHE_DIR", str(tmp_path))
    monkeypatch.delenv("SITREP_NO_CACHE", raising=False)
    monkeypatch.setattr(places, "BUNDLED_CACHE", tmp_path / "no-bundled-cache.pickle")
    stale = tmp_path / "places-0000000000000000000.pickle"
    stale.write_bytes(b"x")
    _age(stale, 60)
    places._lexicon_state.cache_clear()
    try:
        gaz, index, maxlen = places._lexicon_state()
        written = list(tmp_path.glob("places-*.pickle"))
        assert len(written) == 1 and written[0] != stale
        assert not stale.exists()
        _age(written[0], 10)
        places._lexicon_state.cache_clear()
        again = places._lexicon_state()
        assert again[1] == index and again[2] == maxlen
        # reading marks the file as in use
        assert time.time() - written[0].stat().st_mtime < 60
    finally:
        places._lexicon_state.cache_clear()

"""Loading sitrep's bundled English spaCy pipeline (trained on GUM, see training/)."""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

import spacy
from spacy.language import Language

from . import components  # noqa: F401  (registers the sitrep_* factories)
from . import entity_rules, name_features  # noqa: F401  (sitrep_entity_rules; the model's name flags)

ENV_VAR = "SITREP_SPACY_MODEL"
DEFAULT_MODEL_PATH: Path = Path(__file__).resolve().parents[1] / "data" / "model" / "en_sitrep"


class ModelNotFoundError(RuntimeError):
    """The requested spaCy pipeline could not be found."""


def _resolve(name_or_path: str | os.PathLike[str] | None) -> str:
    if name_or_path is None:
        env = os.environ.get(ENV_VAR)
        if env:
            return env
        return str(DEFAULT_MODEL_PATH)
    return str(name_or_path)


def load_model(name_or_path: str | os.PathLike[str] | None = None) -> Language:
    """Load (and cache) the spaCy pipeline.

    ``None`` means: ``$SITREP_SPACY_MODEL`` if set, else the bundled model at
    :data:`DEFAULT_MODEL_PATH`.  A directory path or the name of an installed
    spaCy pipeline package is accepted.  The returned pipeline gets a
    ``sitrep_paragraph_breaks`` component (sentence break at newlines) before
    the parser.  The same object is returned for the same argument.
    """
    return _load_cached(_resolve(name_or_path))


@lru_cache(maxsize=8)
def _load_cached(target: str) -> Language:
    path = Path(target).expanduser()
    if path.exists():
        if not (path / "config.cfg").is_file():
            raise ModelNotFoundError(f"{path} is not a spaCy pipeline directory (no config.cfg).")
        nlp = spacy.load(path)
    elif target == str(DEFAULT_MODEL_PATH):
        raise ModelNotFoundError(
            f"The bundled sitrep spaCy model is missing ({DEFAULT_MODEL_PATH}). "
            "Build it with `python training/build_model.py` (needs the GUM corpus in ../shared), "
            f"or point ${ENV_VAR} at a spaCy pipeline directory or installed package."
        )
    else:
        try:
            nlp = spacy.load(target)
        except OSError as exc:
            raise ModelNotFoundError(
                f"Cannot load spaCy model {target!r}: not a directory and not an installed pipeline package. "
                "Unset $SITREP_SPACY_MODEL to use the bundled model "
                "(build it with `python training/build_model.py`)."
            ) from exc
    add_sitrep_components(nlp)
    return nlp


def add_sitrep_components(nlp: Language) -> Language:
    """Add the runtime-only sitrep components (idempotent)."""
    if components.PARAGRAPH_BREAKS not in nlp.pipe_names:
        if "parser" in nlp.pipe_names:
            nlp.add_pipe(components.PARAGRAPH_BREAKS, before="parser")
        elif "senter" in nlp.pipe_names:
            nlp.add_pipe(components.PARAGRAPH_BREAKS, before="senter")
        else:
            nlp.add_pipe(components.PARAGRAPH_BREAKS, first=True)
    return nlp


def clear_cache() -> None:
    """Forget loaded pipelines (mainly for tests)."""
    _load_cached.cache_clear()

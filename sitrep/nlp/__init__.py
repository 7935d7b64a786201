"""sitrep's NLP layer: the bundled spaCy pipeline and CoNLL-U input/output."""

from .conllu import doc_to_conllu, parse_text_to_conllu, reannotate_conllu
from .model import DEFAULT_MODEL_PATH, ModelNotFoundError, load_model

__all__ = [
    "DEFAULT_MODEL_PATH",
    "ModelNotFoundError",
    "load_model",
    "doc_to_conllu",
    "parse_text_to_conllu",
    "reannotate_conllu",
]

"""``spacy train --code training/register.py``: registers sitrep's factories and the
``sitrep.name_flags.v1`` callback that training/config.cfg names."""

import sitrep.nlp  # noqa: F401
import sitrep.nlp.name_features  # noqa: F401

"""Reading a SIPRI Arms Transfers Database trade-register CSV export.

Two shapes are accepted, because users meet both:

* SIPRI's own export: a few metadata lines ("Transfers of major conventional arms from ...",
  "Source: SIPRI ...") before the header, the original column titles ("Recipient", "Supplier",
  "Year of order", "Number ordered", "Weapon designation", "Weapon description", "Number delivered",
  "Year(s) of delivery", ...), unnamed columns holding the '?' uncertainty marks, latin-1 text;
* the same columns renamed to snake_case (``recipient``, ``supplier``, ``order_year``,
  ``number_ordered``, ``designation``, ``description``, ``number_delivered``, ``delivery_years``,
  ...), UTF-8.

Country names become ISO 3166-1 alpha-3 codes through sitrep's country lexicon plus the register
spellings listed under ``register.countries`` in ``weapons.yaml``; a name neither knows (a rebel
group, "unknown supplier(s)") keeps ``None`` as its code and its name for display.
"""
from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from sitrep import lexicons


class RegisterError(ValueError):
    """The file is not a readable trade register; the message says why in one line."""


@dataclass
class RegisterDeal:
    """One row of the trade register: a deal (an order) and what was delivered of it."""

    recipient: str
    supplier: str
    recipient_code: str | None
    supplier_code: str | None
    designation: str
    description: str
    order_year: int | None = None
    number_ordered: int | None = None
    number_delivered: int | None = None
    delivery_years: list[int] = field(default_factory=list)
    comments: str = ""
    uncertain: list[str] = field(default_factory=list)  # fields SIPRI marks with '?'
    line: int = 0  # line in the file, for the user to look the deal up

    def label(self) -> str:
        qty = f"{self.number_ordered} " if self.number_ordered is not None else ""
        year = f" ({self.order_year})" if self.order_year else ""
        return f"{self.supplier} -> {self.recipient}: {qty}{self.designation}{year}"


# original SIPRI column titles and snake_case names -> our field names
_COLUMNS = {
    "recipient": "recipient",
    "supplier": "supplier",
    "year of order": "order_year",
    "order year": "order_year",
    "order_year": "order_year",
    "number ordered": "number_ordered",
    "number_ordered": "number_ordered",
    "weapon designation": "designation",
    "designation": "designation",
    "weapon description": "description",
    "description": "description",
    "number delivered": "number_delivered",
    "number_delivered": "number_delivered",
    "year(s) of delivery": "delivery_years",
    "year(s) of deliveries": "delivery_years",
    "delivery_years": "delivery_years",
    "comments": "comments",
    "order_year_uncertain": "order_year?",
    "number_ordered_uncertain": "number_ordered?",
    "number_delivered_uncertain": "number_delivered?",
}
_REQUIRED = ("recipient", "supplier", "designation")


def _decode(raw: bytes) -> str:
    for encoding in ("utf-8-sig", "cp1252", "latin-1"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    return raw.decode("latin-1", errors="replace")  # pragma: no cover - latin-1 decodes anything


def _int(value: str) -> int | None:
    value = (value or "").strip().rstrip("?").strip()
    if not value:
        return None
    try:
        return int(float(value.replace(",", "")))
    except ValueError:
        return None


@cache
def _country_aliases() -> dict[str, str]:
    data = (lexicons.weapons().get("register") or {}).get("countries") or {}
    return {str(k).lower(): str(v) for k, v in data.items()}


def country_code(name: str) -> str | None:
    """ISO3 for a register country name ("Turkiye", "United States"), None when unknown."""
    name = (name or "").strip().rstrip("*").strip()
    if not name:
        return None
    alias = _country_aliases().get(name.lower())
    if alias:
        return alias
    found = lexicons.countries().lookup(name)
    if found:
        return found[0]
    simple = re.sub(r"\s*\(.*\)$", "", name)  # "Houthi rebels (Yemen)" keeps no state code
    if simple != name:
        return None
    try:
        import pycountry

        return pycountry.countries.lookup(name).alpha_3
    except (LookupError, ImportError):
        return None


def _header_map(row: list[str]) -> dict[int, str] | None:
    mapping: dict[int, str] = {}
    for i, cell in enumerate(row):
        key = _COLUMNS.get(cell.strip().lower())
        if key:
            mapping[i] = key
    if all(k in mapping.values() for k in _REQUIRED):
        # SIPRI's unnamed columns right after a value hold its '?' mark
        for i, cell in enumerate(row):
            if not cell.strip() and i - 1 in mapping and not mapping[i - 1].endswith("?"):
                mapping[i] = mapping[i - 1] + "?"
        return mapping
    return None


def read_register(path: str | Path) -> list[RegisterDeal]:
    """All deals of a trade-register CSV; :class:`RegisterError` when it is not one."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise RegisterError(f"cannot read {path}: {exc.strerror or exc}") from exc
    text = _decode(raw)
    rows = csv.reader(io.StringIO(text))
    mapping = None
    deals: list[RegisterDeal] = []
    for line_no, row in enumerate(rows, start=1):
        if mapping is None:
            mapping = _header_map(row)
            if mapping is None and line_no > 40:
                break
            continue
        if not any(cell.strip() for cell in row):
            continue
        values: dict[str, str] = {}
        for i, cell in enumerate(row):
            if i in mapping:
                values[mapping[i]] = cell.strip()
        if not values.get("recipient") or not values.get("designation"):
            continue  # a footer line
        uncertain = [k[:-1] for k, v in values.items() if k.endswith("?") and "?" in v]
        uncertain += [k for k in ("order_year", "number_ordered", "number_delivered") if values.get(k, "").endswith("?")]
        deals.append(RegisterDeal(
            recipient=values["recipient"],
            supplier=values.get("supplier", ""),
            recipient_code=country_code(values["recipient"]),
            supplier_code=country_code(values.get("supplier", "")),
            designation=values["designation"],
            description=values.get("description", ""),
            order_year=_int(values.get("order_year", "")),
            number_ordered=_int(values.get("number_ordered", "")),
            number_delivered=_int(values.get("number_delivered", "")),
            delivery_years=[int(y) for y in re.findall(r"\b(?:19|20)\d\d\b", values.get("delivery_years", ""))],
            comments=values.get("comments", ""),
            uncertain=sorted(set(uncertain)),
            line=line_no,
        ))
    if mapping is None:
        raise RegisterError(f"{path}: no trade-register header found (expected columns Recipient, Supplier, "
                            "Weapon designation, ... as in a SIPRI trade-register CSV export)")
    return deals

"""Marking extracted transfers against register deals: ``match``, ``new`` or ``conflict``.

A register deal is a candidate for an extracted transfer when the recipient agrees (or, if the text
named no recipient, the supplier) and the system agrees: a designation matches when the lexicon's
name or an alias of the extracted system is a word sequence of the register's designation
("Wing Loong" ~ "Wing Loong-2", "S-400" ~ "S-400 Triumf"); an unnamed system ("Chinese-made
drones") matches a deal whose weapon description names the same family ("armed UAV"), which is
weaker and said so in the reasons.

Then, for the best candidate (same supplier first, then the order year nearest the stated year):

* ``match``: the supplier agrees (or the text gave none) and the quantity agrees with the number
  ordered or delivered (or either side gave none);
* ``conflict``: the register has the deal but with another supplier, or another quantity;
* ``new``: no candidate, or the text states a year and every candidate was ordered (and delivered)
  more than two years away from it: a later order of the same system is a new deal.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from typing import Iterable

from sitrep import lexicons
from sitrep.model import Transfer
from sitrep.register.sipri import RegisterDeal

YEAR_SLACK = 2


@dataclass
class CheckResult:
    """The verdict on one extracted transfer, with the deal it was compared with."""

    doc_id: str | None
    transfer: Transfer
    verdict: str  # match, new or conflict
    deal: RegisterDeal | None = None
    reasons: list[str] = field(default_factory=list)
    system_match: str | None = None  # designation or family

    def to_dict(self) -> dict:
        from sitrep.model import to_dict

        t = self.transfer
        return {
            "doc_id": self.doc_id,
            "transfer_id": t.id,
            "supplier": t.supplier.country if t.supplier else None,
            "recipient": t.recipient.country if t.recipient else None,
            "system": t.system,
            "quantity": t.quantity,
            "status": t.status,
            "year": t.year,
            "verdict": self.verdict,
            "reasons": list(self.reasons),
            "system_match": self.system_match,
            "register": None if self.deal is None else {
                k: v for k, v in to_dict(self.deal).items() if k not in ("comments",)
            },
        }


def _tokens(text: str) -> list[str]:
    return [t for t in re.split(r"[^0-9a-z]+", text.lower()) if t]


def _contains(hay: list[str], needle: list[str]) -> bool:
    if not needle or len(needle) > len(hay):
        return False
    return any(hay[i:i + len(needle)] == needle for i in range(len(hay) - len(needle) + 1))


@cache
def _systems() -> list[tuple[list[str], dict]]:
    """(tokens of a name or alias, lexicon item), longest first."""
    out = []
    for item in lexicons.weapons()["systems"]:
        for form in [item["name"], *(item.get("aliases") or [])]:
            out.append((_tokens(str(form)), item))
    out.sort(key=lambda x: -len(x[0]))
    return out


@cache
def _generic_families() -> list[tuple[list[str], str]]:
    out = []
    for family, forms in (lexicons.weapons().get("families") or {}).items():
        for form in forms or []:
            out.append((_tokens(str(form)), str(family)))
    out.sort(key=lambda x: -len(x[0]))
    return out


@cache
def _register_words() -> tuple[list[tuple[str, str]], dict[str, set[str]]]:
    reg = lexicons.weapons().get("register") or {}
    desc = [(str(k).lower(), str(fam)) for fam, keys in (reg.get("description_families") or {}).items() for k in keys]
    related: dict[str, set[str]] = {}
    for fam, others in (reg.get("related_families") or {}).items():
        for o in others or []:
            related.setdefault(str(fam), set()).add(str(o))
            related.setdefault(str(o), set()).add(str(fam))
    return desc, related


def system_item(system: str) -> dict | None:
    """The lexicon entry an extracted system names ("Bayraktar TB2", "30 Wing Loong UAVs")."""
    toks = _tokens(system)
    for form, item in _systems():
        if _contains(toks, form):
            return item
    return None


def system_family(system: str) -> str | None:
    item = system_item(system)
    if item is not None:
        return item.get("family")
    toks = _tokens(system)
    for form, family in _generic_families():
        if _contains(toks, form):
            return family
    return toks[-1] if toks else None


def description_family(description: str) -> str | None:
    """The family a register's weapon description names ("armed UAV" -> drone)."""
    text = description.lower()
    words = _tokens(text)
    for key, family in _register_words()[0]:
        if " " in key or "-" in key or "/" in key:
            if key in text:
                return family
        elif key in words or any(w.startswith(key) and len(key) > 3 for w in words):
            return family
    return None


def _system_agrees(transfer: Transfer, deal: RegisterDeal) -> str | None:
    """How the systems agree: "designation", "family", or None."""
    item = system_item(transfer.system)
    designation = _tokens(deal.designation)
    if item is not None:
        for form in [item["name"], *(item.get("aliases") or [])]:
            ft = _tokens(str(form))
            if _contains(designation, ft) or "".join(designation).startswith("".join(ft)):
                return "designation"
        return None  # a named system that is not this deal's
    family = system_family(transfer.system)
    if family is None or family == "umbrella":
        return "family" if family == "umbrella" else None
    dfam = description_family(deal.description) or description_family(deal.designation)
    if dfam is None:
        return None
    if dfam == family or dfam in _register_words()[1].get(family, set()):
        return "family"
    return None


def _years(deal: RegisterDeal) -> list[int]:
    return [y for y in [deal.order_year, *deal.delivery_years] if y]


def _near(year: int | None, deal: RegisterDeal) -> bool:
    if year is None:
        return True
    years = _years(deal)
    return not years or any(abs(year - y) <= YEAR_SLACK for y in years)


def check_transfer(transfer: Transfer, deals: Iterable[RegisterDeal], doc_id: str | None = None) -> CheckResult:
    supplier = transfer.supplier.country if transfer.supplier else None
    recipient = transfer.recipient.country if transfer.recipient else None
    candidates: list[tuple[RegisterDeal, str]] = []
    for deal in deals:
        if recipient is not None:
            if deal.recipient_code != recipient:
                continue
        elif supplier is None or deal.supplier_code != supplier:
            continue
        how = _system_agrees(transfer, deal)
        if how == "family" and supplier is not None and deal.supplier_code != supplier:
            continue  # "French submarines" vs a Dutch patrol ship: too loose to call a conflict
        if how is not None:
            candidates.append((deal, how))
    if not candidates:
        return CheckResult(doc_id, transfer, "new", reasons=["no registered deal for this recipient and system"])
    near = [(d, h) for d, h in candidates if _near(transfer.year, d)]
    if not near:
        years = sorted({d.order_year for d, _ in candidates if d.order_year})
        return CheckResult(doc_id, transfer, "new",
                           reasons=[f"registered deals for this system were ordered in {', '.join(map(str, years))}, "
                                    f"not near {transfer.year}"])

    def rank(item: tuple[RegisterDeal, str]) -> tuple:
        deal, how = item
        same_supplier = supplier is None or deal.supplier_code == supplier
        qty_ok = transfer.quantity is None or transfer.quantity in (deal.number_ordered, deal.number_delivered)
        gap = min((abs(transfer.year - y) for y in _years(deal)), default=0) if transfer.year else 0
        # a delivered system is best compared with a deal that has deliveries, an order with an open deal
        delivered = bool(deal.number_delivered)
        stage_ok = delivered if transfer.status == "delivered" else not (
            delivered and deal.number_ordered is not None and deal.number_delivered >= deal.number_ordered)
        return (not same_supplier, how != "designation", not qty_ok, not stage_ok, gap, -(deal.order_year or 0))

    deal, how = min(near, key=rank)
    reasons: list[str] = []
    if supplier is not None and deal.supplier_code != supplier:
        reasons.append(f"supplier differs: register has {deal.supplier}")
    if transfer.quantity is not None and transfer.quantity not in (deal.number_ordered, deal.number_delivered) \
            and (deal.number_ordered is not None or deal.number_delivered is not None):
        reasons.append(f"quantity differs: register has {deal.number_ordered} ordered, {deal.number_delivered} delivered")
    if how == "family":
        reasons.append(f"matched on the kind of system only ({deal.description})")
    verdict = "conflict" if any(r.startswith(("supplier", "quantity")) for r in reasons) else "match"
    return CheckResult(doc_id, transfer, verdict, deal, reasons, deal.designation if how == "designation" else how)


def check_transfers(items: Iterable[tuple[str | None, Transfer]], deals: list[RegisterDeal]) -> list[CheckResult]:
    """A verdict for each (doc id, transfer)."""
    return [check_transfer(t, deals, doc_id) for doc_id, t in items]

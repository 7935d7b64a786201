"""Checking extracted arms transfers against a SIPRI trade register the user supplies.

sitrep ships no register data (SIPRI's terms forbid redistributing it): the user exports the trade
register from https://www.sipri.org/databases/armstransfers and points ``sitrep transfers check``
at the CSV. :mod:`sitrep.register.sipri` reads the export; :mod:`sitrep.register.match` marks each
extracted transfer as ``match``, ``new`` or ``conflict``.
"""
from sitrep.register.match import CheckResult, check_transfers
from sitrep.register.sipri import RegisterDeal, RegisterError, read_register

__all__ = ["CheckResult", "RegisterDeal", "RegisterError", "check_transfers", "read_register"]

# -*- coding: utf-8 -*-
# Copyright: (c) 2026, zoho.vault contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""What production Zoho Vault does not offer through its API, and the generator it does not need.

Audit reads, server exports and emergency access are refused before any request (one line naming
the dialect, never a guessed call). Passwords are generated here, with the reference's policy rules.
"""

from __future__ import annotations

import secrets as _random
import string
from typing import Any, Dict, List, Optional

SYMBOLS = '!@#$%^&*()-_=+[]{};:,.?/<>|~'


class _Refusing:
    WHAT = ''

    def __init__(self, session: Any) -> None:
        self.session = session
        self.client = session.client

    def _refuse(self, *_args: Any, **_kwargs: Any) -> Any:
        raise self.session.refuse(self.WHAT)


class Audit(_Refusing):
    WHAT = 'reading the audit trail'

    def list(self, secret_id: Optional[str] = None, from_date: Optional[str] = None, to_date: Optional[str] = None) -> List[Dict[str, Any]]:
        return self._refuse()


class Emergency(_Refusing):
    WHAT = 'emergency access'

    def grant(self, secret_id: str, emailid: str, duration: int, reason: str) -> Dict[str, Any]:
        return self._refuse()

    def revoke(self, secret_id: str, emailid: str) -> Dict[str, Any]:
        return self._refuse()

    def requests(self) -> List[Dict[str, Any]]:
        return self._refuse()


class Export(_Refusing):
    WHAT = 'a server-side export'

    def secrets(self, include_passwords: bool = False) -> Dict[str, Any]:
        return self._refuse()

    def audit(self) -> Dict[str, Any]:
        return self._refuse()


class Generator(_Refusing):
    """Local generation: production's generator is not part of its API, and a local one sends nothing."""

    def generate(self, length: Optional[int] = None, uppercase: Optional[bool] = None, lowercase: Optional[bool] = None,
                 numbers: Optional[bool] = None, symbols: Optional[bool] = None) -> str:
        length = 12 if length is None else int(length)
        wanted = [(uppercase, string.ascii_uppercase), (lowercase, string.ascii_lowercase), (numbers, string.digits), (symbols, SYMBOLS)]
        pools = [chars for flag, chars in wanted if flag is None or flag]
        if not pools:
            raise self.session.validation('at least one of uppercase, lowercase, numbers, symbols must be true')
        if not 8 <= length <= 128:
            raise self.session.validation('length must be between 8 and 128, not %d' % length)
        # One of each requested class, the rest from all of them, then shuffled.
        chars = [_random.choice(pool) for pool in pools]
        chars += [_random.choice(''.join(pools)) for _index in range(length - len(chars))]
        _random.SystemRandom().shuffle(chars)
        password = ''.join(chars)
        self.client.add_secret_values(password)
        return password

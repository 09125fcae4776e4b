# -*- coding: utf-8 -*-
# Copyright: (c) 2026, zoho.vault contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Audit trail queries shared by zoho.vault.audit_info and zoho.vault.export: dates and event filters.

The API filters by date (``from_date``/``to_date``, whole UTC days, inclusive); events and users
are filtered here, so the same options work whatever the API does with extra parameters.
"""

from __future__ import annotations

import datetime
from typing import Any, Dict, Iterable, List, Optional

from ansible_collections.zoho.vault.plugins.module_utils._api._base import fold
from ansible_collections.zoho.vault.plugins.module_utils._errors import ValidationError

EVENTS = ('Secret Created', 'Secret Updated', 'Secret Deleted', 'Secret Accessed', 'Secret Shared', 'Secret Unshared',
          'Password Viewed', 'Password Copied')


def day(value: Any, name: str) -> Optional[str]:
    """``YYYY-MM-DD`` (also from a date), or ValidationError naming the option."""
    if value is None or value == '':
        return None
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    try:
        return datetime.datetime.strptime(str(value).strip(), '%Y-%m-%d').date().isoformat()
    except ValueError:
        raise ValidationError('%s must be a date as YYYY-MM-DD, got %r' % (name, value)) from None


def date_range(from_date: Any, to_date: Any) -> tuple:
    start, end = day(from_date, 'from_date'), day(to_date, 'to_date')
    if start and end and start > end:
        raise ValidationError('from_date %s is after to_date %s' % (start, end))
    return start, end


def filter_logs(logs: Iterable[Dict[str, Any]], events: Optional[Iterable[str]] = None, user_email: Optional[str] = None,
                start: Optional[str] = None, end: Optional[str] = None) -> List[Dict[str, Any]]:
    """Keep the entries with one of ``events``, by ``user_email`` and within the days (also checked here)."""
    wanted = {e.casefold() for e in events or ()}
    email = fold(user_email) if user_email else None
    out = []
    for entry in logs:
        if not isinstance(entry, dict):
            continue
        if wanted and str(entry.get('event', '')).casefold() not in wanted:
            continue
        if email and fold(entry.get('user_email')) != email:
            continue
        stamp = str(entry.get('timestamp') or '')[:10]
        if stamp and ((start and stamp < start) or (end and stamp > end)):
            continue
        out.append(entry)
    return out


__all__ = ['EVENTS', 'date_range', 'day', 'filter_logs']

# -*- coding: utf-8 -*-
# Copyright: (c) 2026, zoho.vault contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Audit trail."""

from __future__ import annotations

import datetime
from typing import Any, Dict, List, Optional, Union

from ansible_collections.zoho.vault.plugins.module_utils._api._base import Resource, compact, seg

DateLike = Union[str, datetime.date, None]


def _day(value: DateLike) -> Optional[str]:
    if value is None or value == '':
        return None
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)


class Audit(Resource):

    def list(self, secret_id: Optional[str] = None, from_date: DateLike = None, to_date: DateLike = None) -> List[Dict[str, Any]]:
        """Audit events (``YYYY-MM-DD`` bounds, inclusive), of one secret or of everything."""
        params = compact({'from_date': _day(from_date), 'to_date': _day(to_date)})
        path = '/secrets/%s/audit' % seg(secret_id) if secret_id else '/audit'
        return self.client.list_all(path, 'auditlogs', params=params)

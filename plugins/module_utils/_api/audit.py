# -*- coding: utf-8 -*-
# Copyright: (c) 2026, zoho.vault contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Audit trail."""

from __future__ import annotations

from typing import Any, Dict, List, Optional

from ansible_collections.zoho.vault.plugins.module_utils._api._base import Resource, compact, seg


class Audit(Resource):

    def list(self, secret_id: Optional[str] = None, from_date: Optional[str] = None, to_date: Optional[str] = None) -> List[Dict[str, Any]]:
        """Audit events (``YYYY-MM-DD`` bounds, inclusive, as ``_audit_query.date_range`` checks them), of one secret or of everything."""
        params = compact({'from_date': from_date or None, 'to_date': to_date or None})
        path = '/secrets/%s/audit' % seg(secret_id) if secret_id else '/audit'
        return self.client.list_all(path, 'auditlogs', params=params)

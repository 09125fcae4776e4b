# -*- coding: utf-8 -*-
# Copyright: (c) 2026, zoho.vault contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Backup export."""

from __future__ import annotations

from typing import Any, Dict

from ansible_collections.zoho.vault.plugins.module_utils._api._base import Resource


class Export(Resource):
    """The two exports. The secrets export is one unpaginated reply (no ``page``/``per_page`` may be sent); the audit
    export is a list like any other, so its pages are followed (a client that read only the first page of a
    paginating server would write a partial backup without noticing)."""

    def secrets(self, include_passwords: bool = False) -> Dict[str, Any]:
        """``details`` of ``GET /export/secrets``: ``{"secrets": [...], "exportedtime": ...}``; passwords only when asked for."""
        details = self.client.request('GET', '/export/secrets', params={'format': 'json', 'include_passwords': bool(include_passwords)})
        if include_passwords and isinstance(details, dict) and isinstance(details.get('secrets'), list):
            self.client.add_secret_values(*[s.get('password') for s in details['secrets'] if isinstance(s, dict)])
        return details

    def audit(self) -> Dict[str, Any]:
        """Every page of ``GET /export/audit`` as ``{"auditlogs": [...]}``."""
        return {'auditlogs': self.client.list_all('/export/audit', 'auditlogs')}

# -*- coding: utf-8 -*-
# Copyright: (c) 2026, zoho.vault contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Backup export."""

from __future__ import (absolute_import, division, print_function)
from __future__ import annotations
__metaclass__ = type

from typing import Any, Dict, List

from ansible_collections.zoho.vault.plugins.module_utils._api._base import Resource


class Export(Resource):

    def secrets(self, include_passwords: bool = False) -> Dict[str, Any]:
        """``{"secrets": [...], "exportedtime": ..., "total": n}`` over every page; passwords only when asked for."""
        params = {'format': 'json', 'include_passwords': bool(include_passwords)}
        result = {'secrets': []}  # type: Dict[str, Any]
        for details in self.client.pages('/export/secrets', 'secrets', params=params):
            chunk = details if isinstance(details, list) else details.get('secrets') or []
            if isinstance(details, dict):
                result.setdefault('exportedtime', details.get('exportedtime'))
            result['secrets'].extend(chunk)
        result['total'] = len(result['secrets'])
        if include_passwords:
            self.client.add_secret_values(*[s.get('password') for s in result['secrets'] if isinstance(s, dict)])
        return result

    def audit(self) -> List[Dict[str, Any]]:
        return self.client.list_all('/export/audit', 'auditlogs')

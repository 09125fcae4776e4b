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
        """``{"secrets": [...], "exportedtime": ...}``; passwords only when asked for."""
        details = self.client.request('GET', '/export/secrets', params={'format': 'json', 'include_passwords': bool(include_passwords)})
        if include_passwords and isinstance(details, dict):
            self.client.add_secret_values(*[s.get('password') for s in details.get('secrets') or [] if isinstance(s, dict)])
        return details

    def audit(self) -> List[Dict[str, Any]]:
        details = self.client.request('GET', '/export/audit')
        if isinstance(details, dict):
            return details.get('auditlogs') or []
        return details or []

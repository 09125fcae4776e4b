# -*- coding: utf-8 -*-
# Copyright: (c) 2026, zoho.vault contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Password generator."""

from __future__ import annotations

from typing import Optional

from ansible_collections.zoho.vault.plugins.module_utils._api._base import Resource, compact, string_field


class Generator(Resource):

    def generate(self, length: Optional[int] = None, uppercase: Optional[bool] = None, lowercase: Optional[bool] = None,
                 numbers: Optional[bool] = None, symbols: Optional[bool] = None) -> str:
        params = compact({'length': length, 'uppercase': uppercase, 'lowercase': lowercase, 'numbers': numbers, 'symbols': symbols})
        details = self.client.request('GET', '/password/generate', params=params)
        password = string_field(details, 'password', 'GET /password/generate', allow_empty=False)
        self.client.add_secret_values(password)
        return password

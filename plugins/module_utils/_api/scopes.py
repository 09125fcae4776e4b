# -*- coding: utf-8 -*-
# Copyright: (c) 2026, zoho.vault contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Which OAuth scope an API call needs (the contract's "Who may do what"), to name it in a 403 error.

Zoho answers a call the token's scopes do not cover with 403/7003, the code it also uses for a role
or a share that denies. The error then says which scope the call needs, so the user can tell a
token minted with too few scopes from a missing permission.
"""

from __future__ import annotations

import re
from typing import List, Optional

from ansible_collections.zoho.vault.plugins.module_utils._errors import PermissionDenied

# First path segment → scope family. Groups fall under users, exports under audit (the contract).
FAMILY = {'secrets': 'secrets', 'emergency': 'secrets', 'chambers': 'chambers', 'users': 'users', 'groups': 'users',
          'audit': 'audit', 'export': 'audit'}
# Sub-resources of an object whose writes change that object (sharing, members, emergency access, ownership).
UPDATING = ('share', 'transferownership', 'emergency', 'users')
CHAMBER_ACCESS = 7008  # 403 for a chamber the user may not see: a permission, never a scope


def required_scopes(method: str, path: str) -> List[str]:
    """The scopes ``METHOD /path`` needs, e.g. ``['ZohoVault.users.READ']``; empty when the contract names none."""
    parts = [p for p in path.split('?', 1)[0].split('/') if p]
    if not parts or parts[0] not in FAMILY:
        return []
    family = FAMILY[parts[0]]
    if parts[0] == 'secrets' and parts[-1] == 'audit' and len(parts) == 3:
        family = 'audit'
    method = method.upper()
    action: Optional[str]
    if method == 'GET':
        action = 'READ'
    elif len(parts) >= 3 and parts[2] in UPDATING:
        action = 'UPDATE'
    else:
        action = {'POST': 'CREATE', 'PUT': 'UPDATE', 'DELETE': 'DELETE'}.get(method)
        if action is None:
            return []
    scopes = ['ZohoVault.%s.%s' % (family, action)]
    if parts[:2] == ['export', 'secrets']:
        scopes.append('ZohoVault.secrets.READ')
    return scopes


def name_missing_scope(err: Exception) -> Exception:
    """Give a scope-or-role 403 a hint naming the scope its call needs (other errors are returned as they are)."""
    if not isinstance(err, PermissionDenied) or err.code == CHAMBER_ACCESS or not err.context:
        return err
    match = re.match(r'^([A-Z]+) (/\S*)$', err.context)
    scopes = required_scopes(match.group(1), match.group(2)) if match else []
    if scopes:
        families = sorted({s.split('.')[1] for s in scopes})
        err.hint = ('%s needs the %s scope%s (%s includes it); if the token has it, the role or the permissions of the user deny it'
                    % (err.context, ' and the '.join(scopes), 's' if len(scopes) > 1 else '',
                       ', '.join('ZohoVault.%s.ALL' % f for f in families)))
    return err


__all__ = ['required_scopes', 'name_missing_scope']

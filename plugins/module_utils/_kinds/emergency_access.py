# -*- coding: utf-8 -*-
# Copyright: (c) 2026, zoho.vault contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Emergency access to one secret as desired state: the spec of the zoho.vault.emergency_access module.

Spec (the module's option names): ``secret`` (name) with ``chamber``, or ``secret_id``; ``email``,
``duration`` (hours), ``reason`` and ``state`` (present/absent).

``present`` is satisfied by any live grant of the user on the secret (the API cannot extend a
grant; its reason and duration are set when it is made). ``absent`` revokes live grants.
A request of the API has requestid, secretid, emailid, reason and expirestime only (the contract):
a grant is live while its ``expirestime`` lies in the future. The ``status`` shown for a request
is derived from that (``active``/``expired``); a server that says ``revoked`` is believed.
"""

from __future__ import annotations

import datetime
from typing import Any, Callable, Dict, List, Optional

from ansible_collections.zoho.vault.plugins.module_utils._api._base import same_name
from ansible_collections.zoho.vault.plugins.module_utils._errors import ValidationError
from ansible_collections.zoho.vault.plugins.module_utils._changes import Change, FieldChange
from ansible_collections.zoho.vault.plugins.module_utils._kinds.interface import Kind
from ansible_collections.zoho.vault.plugins.module_utils._kinds.secret import SecretState
from ansible_collections.zoho.vault.plugins.module_utils._kinds.secret_share import secret_ref

KIND = 'emergency_access'
MAX_HOURS = 720
SHOWN = ('requestid', 'secretid', 'emailid', 'reason', 'status', 'expirestime')


def _utcnow() -> datetime.datetime:
    return datetime.datetime.now(datetime.timezone.utc)


def _parse(value: Any) -> Optional[datetime.datetime]:
    if not isinstance(value, str) or not value:
        return None
    try:
        return datetime.datetime.strptime(value.replace('Z', '+0000')[:19] + '+0000', '%Y-%m-%dT%H:%M:%S%z')
    except ValueError:
        return None


class EmergencyState(Kind):
    kind = KIND
    shown_fields = SHOWN

    def __init__(self, vault: Any, now: Callable[[], datetime.datetime] = _utcnow) -> None:
        super().__init__(vault)
        self.now = now
        self.secrets = SecretState(vault)
        self.secret: Optional[Dict[str, Any]] = None

    def status(self, grant: Dict[str, Any]) -> str:
        """``active``, ``expired`` or ``revoked``, from ``expirestime`` (the contract has no status field)."""
        if str(grant.get('status') or '').lower() == 'revoked':
            return 'revoked'
        expires = _parse(grant.get('expirestime'))
        return 'active' if expires is None or expires > self.now() else 'expired'

    def desired(self, spec: Dict[str, Any]) -> Dict[str, Any]:
        email = spec.get('email')
        if not email or not str(email).strip():
            raise ValidationError('email is required')
        out = {'emailid': str(email).strip()}
        if (spec.get('state') or 'present') == 'present':
            duration = spec.get('duration')
            if duration is None or duration <= 0 or duration > MAX_HOURS:
                raise ValidationError('duration must be a number of hours from 1 to %d, got %r' % (MAX_HOURS, duration))
            reason = spec.get('reason')
            if not reason or not str(reason).strip():
                raise ValidationError('reason is required to grant emergency access (it is recorded in the audit trail)')
            out.update(duration=duration, reason=str(reason))
        return out

    def requests(self, secret_id: Optional[str] = None, email: Optional[str] = None, status: Optional[str] = None) -> List[Dict[str, Any]]:
        """Emergency requests visible to the caller, filtered here (one list call)."""
        found = []
        for req in self.vault.emergency.requests():
            if secret_id and str(req.get('secretid')) != str(secret_id):
                continue
            if email and not same_name(req.get('emailid'), email):
                continue
            shown = dict(req, status=self.status(req))
            if status and shown['status'] != status:
                continue
            found.append(shown)
        return found

    def read(self, spec: Dict[str, Any]) -> Optional[Dict[str, Any]]:
        """The live grant of ``email`` on the secret, or None (the secret must exist)."""
        self.secret = self.secrets.lookup(secret_ref(spec))
        live = self.requests(str(self.secret['secretid']), spec.get('email'), 'active')
        return live[-1] if live else None

    def plan(self, current: Optional[Dict[str, Any]], desired: Dict[str, Any], spec: Dict[str, Any]) -> Optional[Change]:
        secret = self.secret or {}
        label = '%s on %s' % (desired['emailid'], secret.get('secretname') or spec.get('secret') or spec.get('secret_id'))
        if (spec.get('state') or 'present') == 'absent':
            if current is None:
                return None
            return Change('delete', KIND, label, reason='state is absent', object_id=str(current.get('requestid') or ''))
        if current is not None:
            return None
        fields = [FieldChange(k, None, desired[k]) for k in ('duration', 'emailid', 'reason')]
        return Change('create', KIND, label, fields=fields, reason='no live grant')

    def predict(self, change: Optional[Change], current: Optional[Dict[str, Any]], desired: Dict[str, Any],
                spec: Dict[str, Any]) -> Optional[Dict[str, Any]]:
        if change is None:
            return current
        if change.action == 'delete':
            return None
        expires = self.now() + datetime.timedelta(hours=desired['duration'])
        return {'requestid': None, 'secretid': (self.secret or {}).get('secretid'), 'emailid': desired['emailid'],
                'reason': desired['reason'], 'status': 'active', 'expirestime': expires.strftime('%Y-%m-%dT%H:%M:%SZ')}

    def apply(self, change: Optional[Change], current: Optional[Dict[str, Any]], desired: Dict[str, Any],
              spec: Dict[str, Any]) -> Optional[Dict[str, Any]]:
        if change is None:
            return current
        secret_id = str((self.secret or {})['secretid'])
        if change.action == 'delete':
            self.vault.emergency.revoke(secret_id, (current or {}).get('emailid') or desired['emailid'])
            return None
        grant = self.vault.emergency.grant(secret_id, desired['emailid'], desired['duration'], desired['reason'])
        grant = dict(grant or {})
        grant['status'] = self.status(grant)
        return grant


__all__ = ['EmergencyState', 'MAX_HOURS']

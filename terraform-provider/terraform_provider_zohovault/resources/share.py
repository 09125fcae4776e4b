# Copyright: (c) 2026, zoho.vault contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""``zohovault_secret_share``: who has which permissions on one secret, exactly (the collection's ``ShareState``, purging)."""

from __future__ import annotations

from typing import Any, Dict, List, Optional

from tf.schema import Attribute, Schema
from tf.types import Map, Set, String

from ansible_collections.zoho.vault.plugins.module_utils._errors import NotFound, ValidationError
from ansible_collections.zoho.vault.plugins.module_utils._kinds.fields import PERMISSIONS
from ansible_collections.zoho.vault.plugins.module_utils._kinds.secret_share import ShareState

from terraform_provider_zohovault.common import ResourceBase, known, respelled, split_import_id
from terraform_provider_zohovault.resources.secret import resolve_secret


def _principals(entries: Dict[str, List[str]], prior: Any) -> Optional[Dict[str, List[str]]]:
    keys = list(prior) if isinstance(prior, dict) else []
    out = {respelled(k, keys): [p for p in PERMISSIONS if p in perms] for k, perms in entries.items()}
    if not out:
        return {} if prior == {} else None
    return out


def share_state(secret_id: str, info: Dict[str, Any], group_names: Dict[str, str], prior: Dict[str, Any]) -> Dict[str, Any]:
    users = {e.get('emailid') or '': list(e.get('permissions') or []) for e in info.get('users') or []}
    groups = {}
    for entry in info.get('groups') or []:
        gid = str(entry.get('groupid'))
        groups[entry.get('groupname') or group_names.get(gid) or gid] = list(entry.get('permissions') or [])
    return {'id': secret_id, 'secret_id': secret_id,
            'users': _principals(users, prior.get('users')), 'groups': _principals(groups, prior.get('groups'))}


class SecretShare(ResourceBase):

    @classmethod
    def get_name(cls) -> str:
        return 'secret_share'

    @classmethod
    def get_schema(cls) -> Schema:
        perms = ', '.join('`%s`' % p for p in PERMISSIONS)
        return Schema(version=1, description='The exact set of users and groups a secret is shared with, and their permissions.', attributes=[
            Attribute('id', String(), computed=True, description='The secret id.'),
            Attribute('secret_id', String(), required=True, requires_replace=True, description='Id of the shared secret.'),
            Attribute('users', Map(Set(String())), optional=True,
                      description='E-mail address → permissions (%s). Users not listed lose their share.' % perms),
            Attribute('groups', Map(Set(String())), optional=True,
                      description='Group name → permissions (%s). Groups not listed lose their share.' % perms),
        ])

    def check(self, config: Dict[str, Any]) -> None:
        for what in ('users', 'groups'):
            for who, perms in (config.get(what) or {}).items() if known(config.get(what)) else []:
                if known(perms) and not perms:
                    raise ValidationError('%s %s needs at least one permission; leave it out to revoke its share' % (what[:-1], who))
                bad = sorted(p for p in (perms or []) if known(p) and p not in PERMISSIONS)
                if bad:
                    raise ValidationError('unknown permission(s) %s for %s; use %s' % (', '.join(bad), who, ', '.join(PERMISSIONS)))

    @staticmethod
    def spec(secret_id: str, planned: Dict[str, Any]) -> Dict[str, Any]:
        return {'secret_id': secret_id, 'purge': True,
                'users': [{'email': k, 'permissions': list(v)} for k, v in (planned.get('users') or {}).items()],
                'groups': [{'name': k, 'permissions': list(v)} for k, v in (planned.get('groups') or {}).items()]}

    def _group_names(self) -> Dict[str, str]:
        return {str(g.get('groupid')): str(g.get('groupname') or g.get('groupid')) for g in self.session.objects('group')}

    def _write(self, secret_id: str, planned: Dict[str, Any]) -> Dict[str, Any]:
        kind = ShareState(self.session.vault)
        spec = self.spec(secret_id, planned)
        with self.session.calls():
            desired = kind.desired(spec)
            before = kind.read(spec)
            kind.apply(kind.plan(before, desired, spec), before, desired, spec)
            info = self.session.vault.shares.get(secret_id)
        self.session.record('share', {'secretid': secret_id}, None)
        return share_state(secret_id, info, self._group_names(), planned)

    def create(self, ctx: Any, planned: Dict[str, Any]) -> Optional[Dict[str, Any]]:
        return self.call(ctx, lambda: self._write(str(planned['secret_id']), planned))

    def read(self, ctx: Any, current: Dict[str, Any]) -> Optional[Dict[str, Any]]:
        def action() -> Optional[Dict[str, Any]]:
            secret_id = str(current['secret_id'])
            try:
                info = self.session.share_info(secret_id)
            except NotFound:
                return None  # the secret is gone, and its shares with it
            return share_state(secret_id, info, self._group_names(), current)
        return self.call(ctx, action, current)

    def update(self, ctx: Any, current: Dict[str, Any], planned: Dict[str, Any]) -> Optional[Dict[str, Any]]:
        return self.call(ctx, lambda: self._write(str(current['secret_id']), planned), current)

    def delete(self, ctx: Any, current: Dict[str, Any]) -> None:
        def action() -> None:
            try:
                self._write(str(current['secret_id']), {})
            except NotFound:
                pass  # the secret is gone: nothing is shared
        self.call(ctx, action)

    def import_(self, ctx: Any, id: str) -> Optional[Dict[str, Any]]:  # pylint: disable=redefined-builtin
        def action() -> Dict[str, Any]:
            split_import_id(id, 'secret')
            with self.session.calls():
                secret = resolve_secret(self.session.vault, id)
                info = self.session.vault.shares.get(str(secret['secretid']))
            return share_state(str(secret['secretid']), info, self._group_names(), {})
        return self.call(ctx, action)

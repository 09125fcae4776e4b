# Copyright: (c) 2026, zoho.vault contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""``zohovault_chamber``: planned and written by the collection's ``ChamberState``."""

from __future__ import annotations

from typing import Any, Dict, Optional

from tf.schema import Attribute, Schema
from tf.types import Bool, String

from ansible_collections.zoho.vault.plugins.module_utils._errors import NotFound, ValidationError
from ansible_collections.zoho.vault.plugins.module_utils._kinds.chamber import ChamberState
from ansible_collections.zoho.vault.plugins.module_utils._kinds.fields import CHAMBER_TYPES

from terraform_provider_zohovault.common import ResourceBase, check_choice, known, text


def chamber_state(obj: Dict[str, Any], prior: Dict[str, Any]) -> Dict[str, Any]:
    return {
        'id': str(obj['chamberid']),
        'name': obj.get('chambername'),
        'chamber_type': obj.get('chambertype') or 'Custom',
        'description': text(obj.get('description'), prior.get('description')),
        'owner': obj.get('owner'),
        'force_destroy': prior.get('force_destroy') if known(prior.get('force_destroy')) else None,
    }


class Chamber(ResourceBase):

    @classmethod
    def get_name(cls) -> str:
        return 'chamber'

    @classmethod
    def get_schema(cls) -> Schema:
        return Schema(version=1, description='A chamber (folder of secrets) of Zoho Vault.', attributes=[
            Attribute('id', String(), computed=True, description='The chamber id.'),
            Attribute('name', String(), required=True, description='Name (unique per owner, compared case-insensitively).'),
            Attribute('chamber_type', String(), optional=True, computed=True, default='Custom',
                      description='One of %s. Default `Custom`.' % ', '.join('`%s`' % t for t in CHAMBER_TYPES)),
            Attribute('description', String(), optional=True, description='Description.'),
            Attribute('owner', String(), computed=True, description='E-mail address of the owner.'),
            Attribute('force_destroy', Bool(), optional=True,
                      description='Destroy the chamber even when it still holds secrets (they are deleted with it).'),
        ])

    def check(self, config: Dict[str, Any]) -> None:
        check_choice('chamber_type', config.get('chamber_type'), CHAMBER_TYPES)
        if config.get('name') == '':
            raise ValidationError('name must not be empty')

    @staticmethod
    def spec(planned: Dict[str, Any], chamber_id: Optional[str] = None) -> Dict[str, Any]:
        return {'chamber_id': chamber_id, 'name': planned['name'], 'description': planned.get('description') or '',
                'chamber_type': planned.get('chamber_type') if known(planned.get('chamber_type')) else None}

    def _write(self, before: Optional[Dict[str, Any]], spec: Dict[str, Any]) -> Optional[Dict[str, Any]]:
        kind = ChamberState(self.session.vault)
        with self.session.calls():
            desired = kind.desired(spec)
            after = kind.apply(kind.plan(before, desired, spec), before, desired, spec)
        self.session.record('chamber', before, after)
        return after

    def create(self, ctx: Any, planned: Dict[str, Any]) -> Optional[Dict[str, Any]]:
        return self.call(ctx, lambda: chamber_state(self._write(None, self.spec(planned)) or {}, planned))

    def read(self, ctx: Any, current: Dict[str, Any]) -> Optional[Dict[str, Any]]:
        def action() -> Optional[Dict[str, Any]]:
            obj = self.session.by_id('chamber', current['id'], self.session.vault.chambers.get)
            return None if obj is None else chamber_state(obj, current)
        return self.call(ctx, action, current)

    def update(self, ctx: Any, current: Dict[str, Any], planned: Dict[str, Any]) -> Optional[Dict[str, Any]]:
        def action() -> Dict[str, Any]:
            before = self.session.by_id('chamber', current['id'], self.session.vault.chambers.get)
            if before is None:
                raise NotFound('chamber %s (id %s) no longer exists; run terraform apply again to create it' % (current['name'], current['id']))
            return chamber_state(self._write(before, self.spec(planned, str(current['id']))) or before, planned)
        return self.call(ctx, action, current)

    def delete(self, ctx: Any, current: Dict[str, Any]) -> None:
        def action() -> None:
            with self.session.calls():
                try:
                    self.session.vault.chambers.delete(str(current['id']), force=bool(current.get('force_destroy')))
                except NotFound:
                    pass  # gone already
            self.session.record('chamber', {'chamberid': str(current['id'])}, None)
        self.call(ctx, action)

    def import_(self, ctx: Any, id: str) -> Optional[Dict[str, Any]]:  # pylint: disable=redefined-builtin
        def action() -> Dict[str, Any]:
            with self.session.calls():
                return chamber_state(self.session.vault.chambers.resolve(id.strip()), {})
        return self.call(ctx, action)

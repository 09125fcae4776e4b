#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, zoho.vault contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later


DOCUMENTATION = r'''
module: chamber_info
short_description: List Zoho Vault chambers, or get one with its secrets
version_added: 0.1.0
description:
  - Returns every chamber the caller can see, or the one with a given O(name) or O(chamber_id).
  - With O(include_secrets=true), each chamber returned carries the list of its secrets (never their passwords).
  - A name or id that matches nothing returns an empty list; it is not an error.
options:
  name:
    description:
      - Only the chambers with this name (case-insensitive). Usually one; chambers of different owners may share a name.
    type: str
  chamber_id:
    description:
      - Only the chamber with this id.
    type: str
  include_secrets:
    description:
      - Add the key C(secrets) to each chamber returned, with the secrets it holds that the caller can see.
      - This makes one more API call per chamber; prefer it with O(name) or O(chamber_id).
      - Needs the C(ZohoVault.secrets.READ) scope.
    type: bool
    default: false
extends_documentation_fragment:
  - zoho.vault.connection
  - zoho.vault.attributes.info_module
notes:
  - Needs the C(ZohoVault.chambers.READ) scope.
seealso:
  - module: zoho.vault.chamber
author:
  - zoho.vault maintainers (@zoho-vault)
'''

EXAMPLES = r'''
- name: Every chamber
  zoho.vault.chamber_info:
  register: all_chambers

- name: Their names
  ansible.builtin.debug:
    msg: "{{ all_chambers.chambers | map(attribute='chambername') | list }}"

- name: One chamber with its secrets
  zoho.vault.chamber_info:
    name: Production Servers
    include_secrets: true
  register: prod

- name: The names of its secrets
  ansible.builtin.debug:
    msg: "{{ prod.chamber.secrets | default([]) | map(attribute='secretname') | list }}"
'''

RETURN = r'''
chambers:
  description:
    - The chambers, as the API returns them.
    - With O(name) or O(chamber_id), the matching one as a one-element list (empty when none matches).
  returned: always
  type: list
  elements: dict
  sample:
    - chamberid: '100000000000000042'
      chambername: Production Servers
      chambertype: Shared
      description: Credentials of every production server
      owner: admin@example.com
      createdtime: '2026-01-15T10:30:00Z'
  contains:
    secrets:
      description: The secrets of the chamber (without passwords).
      returned: with O(include_secrets=true)
      type: list
      elements: dict
chamber:
  description: The chamber asked for by O(name) or O(chamber_id), the same as the only element of RV(chambers).
  returned: when O(name) or O(chamber_id) is given and exactly one chamber matches
  type: dict
'''

from ansible_collections.zoho.vault.plugins.module_utils._api._base import by_id_or_name
from ansible_collections.zoho.vault.plugins.module_utils._module import ZohoVaultModule


def main():
    argument_spec = dict(
        name=dict(type='str'),
        chamber_id=dict(type='str'),
        include_secrets=dict(type='bool', default=False),
    )
    module = ZohoVaultModule(argument_spec=argument_spec, mutually_exclusive=[('name', 'chamber_id')], supports_check_mode=True)
    name, chamber_id = module.params['name'], module.params['chamber_id']
    with module.errors(changed=False):
        chambers = module.vault.chambers
        found = by_id_or_name(chambers, chamber_id, name, 'chambername')
        if module.params['include_secrets']:
            found = [dict(c, secrets=chambers.secrets(c['chamberid'])) for c in found]
    result = dict(changed=False, chambers=found)
    if (name is not None or chamber_id) and len(found) == 1:
        result['chamber'] = found[0]
    module.exit_json(**result)


if __name__ == '__main__':
    main()

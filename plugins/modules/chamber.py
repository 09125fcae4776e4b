#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, zoho.vault contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later


DOCUMENTATION = r'''
module: chamber
short_description: Create, update, rename and delete Zoho Vault chambers
version_added: 0.1.0
description:
  - Makes a chamber (a folder of secrets) of Zoho Vault exist with the given attributes, or not exist.
  - The chamber is found by O(chamber_id) when given, else by O(name) (case-insensitive). When several chambers visible
    to the caller carry the name, the caller's own is chosen; if that does not decide, the module fails listing them.
  - Only the attributes given are managed; the others are left as they are.
  - A chamber that still holds secrets is deleted only with O(force=true), which deletes its secrets too.
options:
  name:
    description:
      - Name of the chamber.
      - With O(chamber_id), the new name of that chamber (renaming).
      - Required unless O(chamber_id) is given; required to create a chamber.
    type: str
  chamber_id:
    description:
      - Id of an existing chamber (18 digits), to manage exactly that one or to rename it with O(name).
      - A chamber cannot be created with a chosen id; with O(state=present) an unknown id is an error.
    type: str
  chamber_type:
    description:
      - Type of the chamber. V(Shared) chambers are visible to every user of the vault, V(Custom) ones to their owner and
        Administrators.
      - The vault creates chambers as V(Custom) when not given. Personal chambers are made by the vault itself and cannot be
        created or converted.
    type: str
    choices: [Shared, Custom]
  description:
    description:
      - Description of the chamber. V('') clears it.
    type: str
  force:
    description:
      - With O(state=absent), delete the chamber even though it holds secrets, deleting those secrets too.
      - Without it, deleting a chamber that holds secrets fails and says how many it holds.
    type: bool
    default: false
  state:
    description:
      - V(present) creates or updates the chamber, V(absent) deletes it.
    type: str
    choices: [present, absent]
    default: present
extends_documentation_fragment:
  - zoho.vault.connection
  - zoho.vault.attributes
notes:
  - Creating and changing chambers needs the C(ZohoVault.chambers.CREATE), C(UPDATE) or C(DELETE) scope (or
    C(ZohoVault.chambers.ALL)); counting the secrets of a chamber before deleting it needs C(ZohoVault.secrets.READ).
  - Only the owner of a chamber or an Administrator may change or delete it.
  - Check mode cannot know whether the token's scopes or the user's role allow the change; the real run then fails with a
    permission error.
seealso:
  - module: zoho.vault.chamber_info
author:
  - zoho.vault maintainers (@zoho-vault)
'''

EXAMPLES = r'''
- name: A shared chamber for the production servers
  zoho.vault.chamber:
    name: Production Servers
    chamber_type: Shared
    description: Credentials of every production server
  register: prod_chamber

- name: Rename it by id
  zoho.vault.chamber:
    chamber_id: "{{ prod_chamber.chamber.chamberid }}"
    name: Production Hosts

- name: Delete a chamber that must be empty (fails, saying how many secrets it holds, if it is not)
  zoho.vault.chamber:
    name: Old Team
    state: absent

- name: Delete a chamber together with its secrets
  zoho.vault.chamber:
    name: Production Hosts
    state: absent
    force: true
'''

RETURN = r'''
chamber:
  description:
    - The chamber after the task, as the API returns it (predicted in check mode, where a new chamber has no id yet).
    - An empty dict when the chamber does not exist after the task.
  returned: always
  type: dict
  sample:
    chamberid: '100000000000000042'
    chambername: Production Servers
    chambertype: Shared
    description: Credentials of every production server
    owner: admin@example.com
    createdtime: '2026-01-15T10:30:00Z'
plan:
  description: The change made (or that would be made in check mode); empty when nothing changes.
  returned: always
  type: list
  elements: dict
  sample:
    - action: update
      kind: chamber
      name: Production Servers
      id: '100000000000000042'
      reason: differs
      fields:
        - field: description
          before: ''
          after: Credentials of every production server
msg:
  description: One line summary of the change.
  returned: changed
  type: str
  sample: "update chamber 'Production Servers' (description): differs"
'''

from ansible_collections.zoho.vault.plugins.module_utils._module import ZohoVaultModule
from ansible_collections.zoho.vault.plugins.module_utils._kinds.runner import exit_single
from ansible_collections.zoho.vault.plugins.module_utils._kinds import fields as _fields
from ansible_collections.zoho.vault.plugins.module_utils._kinds.chamber import ChamberState


def main():
    argument_spec = dict(_fields.argument_spec(_fields.CHAMBER),
                         chamber_id=dict(type='str'),
                         force=dict(type='bool', default=False),
                         state=dict(type='str', choices=['present', 'absent'], default='present'))
    module = ZohoVaultModule(argument_spec=argument_spec, required_one_of=[('name', 'chamber_id')], supports_check_mode=True)
    exit_single(module, ChamberState, 'chamber')


if __name__ == '__main__':
    main()

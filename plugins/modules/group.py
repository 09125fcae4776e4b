#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, zoho.vault contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later


DOCUMENTATION = r'''
module: group
short_description: Create, update and delete Zoho Vault user groups and their members
version_added: 0.1.0
description:
  - Makes a group of Zoho Vault users exist with the given description and members, or not exist.
  - The group is found by O(name), case-insensitively.
  - Members are given by email address and must be users of the vault; the module fails naming every one that is not,
    before changing anything.
  - By default the listed members are added and nobody is removed; with O(purge_members=true) the group gets exactly
    the listed members.
options:
  name:
    description:
      - Name of the group.
    type: str
    required: true
  description:
    description:
      - Description of the group. V('') clears it. Not managed when not given.
    type: str
  members:
    description:
      - Email addresses of the users who must be members (compared case-insensitively).
      - Not managed when not given.
    type: list
    elements: str
  purge_members:
    description:
      - Remove the members not listed in O(members), so that the group has exactly those members.
      - With O(members=[]) every member is removed.
      - Ignored when O(members) is not given.
    type: bool
    default: false
  state:
    description:
      - V(present) creates or updates the group, V(absent) deletes it (the shares made to the group are revoked).
    type: str
    choices: [present, absent]
    default: present
extends_documentation_fragment:
  - zoho.vault.connection
  - zoho.vault.attributes
notes:
  - Managing groups needs the C(ZohoVault.users.CREATE), C(UPDATE) or C(DELETE) scope (or C(ZohoVault.users.ALL)) and the
    Administrator or Manager role; checking O(members) needs C(ZohoVault.users.READ).
  - Check mode cannot know whether the token's scopes or the user's role allow the change; the real run then fails with a
    permission error.
seealso:
  - module: zoho.vault.group_info
  - module: zoho.vault.user
author:
  - zoho.vault maintainers (@zoho-vault)
'''

EXAMPLES = r'''
- name: Users who will be members
  zoho.vault.user:
    email: "{{ item }}"
  loop:
    - alice@example.com
    - bob@example.com

- name: The DevOps group, with Alice added (other members are kept)
  zoho.vault.group:
    name: DevOps
    description: Infrastructure team
    members:
      - alice@example.com

- name: Exactly these members (everyone else is removed from the group)
  zoho.vault.group:
    name: DevOps
    members:
      - alice@example.com
      - bob@example.com
    purge_members: true

- name: Delete the group
  zoho.vault.group:
    name: DevOps
    state: absent
'''

RETURN = r'''
group:
  description:
    - The group after the task, as the API returns it (predicted in check mode, where a new group has no id yet).
    - An empty dict when the group does not exist after the task.
  returned: always
  type: dict
  sample:
    groupid: '100000000000000077'
    groupname: DevOps
    description: Infrastructure team
    members: [alice@example.com, bob@example.com]
    createdtime: '2026-01-15T10:30:00Z'
plan:
  description: The change made (or that would be made in check mode); empty when nothing changes.
  returned: always
  type: list
  elements: dict
  sample:
    - action: update
      kind: group
      name: DevOps
      id: '100000000000000077'
      reason: differs
      fields:
        - field: members
          before: [alice@example.com]
          after: [alice@example.com, bob@example.com]
msg:
  description: One line summary of the change.
  returned: changed
  type: str
  sample: "update group 'DevOps' (members): differs"
'''

from ansible_collections.zoho.vault.plugins.module_utils._module import ZohoVaultModule
from ansible_collections.zoho.vault.plugins.module_utils._kinds.runner import exit_single
from ansible_collections.zoho.vault.plugins.module_utils._kinds import fields as _fields
from ansible_collections.zoho.vault.plugins.module_utils._kinds.group import GroupState


def main():
    argument_spec = dict(_fields.argument_spec(_fields.GROUP),
                         purge_members=dict(type='bool', default=False),
                         state=dict(type='str', choices=['present', 'absent'], default='present'))
    module = ZohoVaultModule(argument_spec=argument_spec, supports_check_mode=True)
    exit_single(module, GroupState, 'group')


if __name__ == '__main__':
    main()

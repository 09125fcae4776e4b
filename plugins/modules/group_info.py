#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, zoho.vault contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later


DOCUMENTATION = r'''
module: group_info
short_description: List Zoho Vault user groups, or get one
version_added: 0.1.0
description:
  - Returns every group of the vault with its members, or the one with a given O(name) or O(group_id).
  - A name or id that matches nothing returns an empty list; it is not an error.
options:
  name:
    description:
      - Only the groups with this name (case-insensitive). Usually one; the API lets several groups share a name,
        and then all of them are returned (tell them apart by C(groupid), and use O(group_id)).
    type: str
  group_id:
    description:
      - Only the group with this id.
    type: str
extends_documentation_fragment:
  - zoho.vault.connection
  - zoho.vault.attributes.info_module
notes:
  - Needs the C(ZohoVault.users.READ) scope; every role may read groups.
seealso:
  - module: zoho.vault.group
author:
  - zoho.vault maintainers (@zoho-vault)
'''

EXAMPLES = r'''
- name: Every group
  zoho.vault.group_info:
  register: all_groups

- name: The members of one group
  zoho.vault.group_info:
    name: DevOps
  register: devops

- name: Show them
  ansible.builtin.debug:
    msg: "{{ devops.group.members | default([]) }}"
'''

RETURN = r'''
groups:
  description:
    - The groups, as the API returns them.
    - With O(name) or O(group_id), the matching ones (empty when none matches; several only when groups share a name).
  returned: always
  type: list
  elements: dict
  sample:
    - groupid: '100000000000000077'
      groupname: DevOps
      description: Infrastructure team
      members: [alice@example.com, bob@example.com]
      createdtime: '2026-01-15T10:30:00Z'
group:
  description: The group asked for by O(name) or O(group_id), the same as the only element of RV(groups).
  returned: when O(name) or O(group_id) is given and exactly one group matches
  type: dict
'''

from ansible_collections.zoho.vault.plugins.module_utils._api._base import by_id_or_name
from ansible_collections.zoho.vault.plugins.module_utils._module import ZohoVaultModule


def main():
    argument_spec = dict(
        name=dict(type='str'),
        group_id=dict(type='str'),
    )
    module = ZohoVaultModule(argument_spec=argument_spec, mutually_exclusive=[('name', 'group_id')], supports_check_mode=True)
    name, group_id = module.params['name'], module.params['group_id']
    with module.errors(changed=False):
        groups = module.vault.groups
        found = by_id_or_name(groups, group_id, name, 'groupname')
    result = dict(changed=False, groups=found)
    if (name is not None or group_id) and len(found) == 1:
        result['group'] = found[0]
    module.exit_json(**result)


if __name__ == '__main__':
    main()

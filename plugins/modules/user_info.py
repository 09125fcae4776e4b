#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, zoho.vault contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later


DOCUMENTATION = r'''
module: user_info
short_description: List Zoho Vault users, get one by email or id, or the current user
version_added: 0.1.0
description:
  - Returns every user of the vault, the one with a given O(email) or O(user_id), or with O(current=true) the user the
    credentials belong to.
  - An email or id that matches nothing returns an empty list; it is not an error.
options:
  email:
    description:
      - Only the user with this email address (case-insensitive).
    type: str
  user_id:
    description:
      - Only the user with this id (one C(GET /users/{id}) call instead of listing every user).
    type: str
  current:
    description:
      - Return the user the credentials belong to (C(GET /users/current)).
    type: bool
    default: false
extends_documentation_fragment:
  - zoho.vault.connection
  - zoho.vault.attributes.info_module
notes:
  - Needs the C(ZohoVault.users.READ) scope, also with O(current=true).
seealso:
  - module: zoho.vault.user
author:
  - zoho.vault maintainers (@zoho-vault)
'''

EXAMPLES = r'''
- name: Who am I
  zoho.vault.user_info:
    current: true
  register: me

- name: Show my role
  ansible.builtin.debug:
    msg: "{{ me.user.emailid }} is {{ me.user.role }}"

- name: One user by id
  zoho.vault.user_info:
    user_id: "100000000000000099"
  register: by_id

- name: Every Administrator
  zoho.vault.user_info:
  register: everyone

- name: Show them
  ansible.builtin.debug:
    msg: "{{ everyone.users | selectattr('role', 'equalto', 'Administrator') | map(attribute='emailid') | list }}"
'''

RETURN = r'''
users:
  description:
    - The users, as the API returns them.
    - With O(email), O(user_id) or O(current=true), that user as a one-element list (empty when none matches).
  returned: always
  type: list
  elements: dict
  sample:
    - userid: '100000000000000099'
      emailid: alice@example.com
      firstname: Alice
      lastname: Liddell
      role: Manager
      createdtime: '2026-01-15T10:30:00Z'
user:
  description: The user asked for by O(email), O(user_id) or O(current=true), the same as the only element of RV(users).
  returned: when O(email) or O(user_id) matches a user, or with O(current=true)
  type: dict
'''

from ansible_collections.zoho.vault.plugins.module_utils._api._base import by_id_or_name
from ansible_collections.zoho.vault.plugins.module_utils._module import ZohoVaultModule


def main():
    argument_spec = dict(
        email=dict(type='str'),
        user_id=dict(type='str'),
        current=dict(type='bool', default=False),
    )
    module = ZohoVaultModule(argument_spec=argument_spec, mutually_exclusive=[('email', 'current', 'user_id')], supports_check_mode=True)
    email, user_id = module.params['email'], module.params['user_id']
    with module.errors(changed=False):
        users = module.vault.users
        if module.params['current']:
            found = [users.current()]
        else:
            found = by_id_or_name(users, user_id, email, 'emailid')
    result = dict(changed=False, users=found)
    if (email is not None or user_id or module.params['current']) and len(found) == 1:
        result['user'] = found[0]
    module.exit_json(**result)


if __name__ == '__main__':
    main()

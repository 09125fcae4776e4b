#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, zoho.vault contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later


DOCUMENTATION = r'''
module: user
short_description: Add, update and remove Zoho Vault users
version_added: 0.1.0
description:
  - Makes a user of Zoho Vault exist with the given role and name, or not exist.
  - The user is found by O(email), case-insensitively; the email of an existing user is never changed.
  - Only the attributes given are managed; the others are left as they are.
options:
  email:
    description:
      - Email address of the user.
    type: str
    required: true
  role:
    description:
      - Role of the user. The vault gives new users the V(User) role when not given.
      - An Administrator cannot change their own role.
    type: str
    choices: [Administrator, Manager, User, Read-Only]
  first_name:
    description:
      - First name of the user.
    type: str
  last_name:
    description:
      - Last name of the user.
    type: str
  state:
    description:
      - V(present) adds or updates the user, V(absent) removes them.
      - A user who still owns secrets cannot be removed; transfer the ownership of those secrets first.
    type: str
    choices: [present, absent]
    default: present
extends_documentation_fragment:
  - zoho.vault.connection
  - zoho.vault.attributes
notes:
  - Managing users needs the C(ZohoVault.users.CREATE), C(UPDATE) or C(DELETE) scope (or C(ZohoVault.users.ALL)) and the
    Administrator role.
  - Check mode cannot know whether the token's scopes or the user's role allow the change; the real run then fails with a
    permission error.
seealso:
  - module: zoho.vault.user_info
  - module: zoho.vault.group
author:
  - zoho.vault maintainers (@zoho-vault)
'''

EXAMPLES = r'''
- name: Alice is a Manager
  zoho.vault.user:
    email: alice@example.com
    first_name: Alice
    last_name: Liddell
    role: Manager

- name: Bob is no longer a user
  zoho.vault.user:
    email: bob@example.com
    state: absent
'''

RETURN = r'''
user:
  description:
    - The user after the task, as the API returns it (predicted in check mode, where a new user has no id yet).
    - An empty dict when the user does not exist after the task.
  returned: always
  type: dict
  sample:
    userid: '100000000000000099'
    emailid: alice@example.com
    firstname: Alice
    lastname: Liddell
    role: Manager
    createdtime: '2026-01-15T10:30:00Z'
plan:
  description: The change made (or that would be made in check mode); empty when nothing changes.
  returned: always
  type: list
  elements: dict
  sample:
    - action: update
      kind: user
      name: alice@example.com
      id: '100000000000000099'
      reason: differs
      fields:
        - field: role
          before: User
          after: Manager
msg:
  description: One line summary of the change.
  returned: changed
  type: str
  sample: "update user 'alice@example.com' (role): differs"
'''

from ansible_collections.zoho.vault.plugins.module_utils._module import ZohoVaultModule
from ansible_collections.zoho.vault.plugins.module_utils._kinds.runner import exit_single
from ansible_collections.zoho.vault.plugins.module_utils._kinds import fields as _fields
from ansible_collections.zoho.vault.plugins.module_utils._kinds.user import UserState


def main():
    argument_spec = dict(_fields.argument_spec(_fields.USER),
                         state=dict(type='str', choices=['present', 'absent'], default='present'))
    module = ZohoVaultModule(argument_spec=argument_spec, supports_check_mode=True)
    exit_single(module, UserState, 'user')


if __name__ == '__main__':
    main()

#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, zoho.vault contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later


DOCUMENTATION = r'''
---
module: secret_share
short_description: Share a Zoho Vault secret with users and groups
version_added: 0.1.0
description:
  - Gives users and groups exactly the declared permissions on one secret, or revokes their shares.
  - The current shares are read with one C(shareinfo) call; only principals whose permissions differ are written.
author:
  - zoho.vault maintainers (@zoho-vault)
extends_documentation_fragment:
  - zoho.vault.connection
  - zoho.vault.attributes
options:
  secret:
    description:
      - The name of the secret (case-insensitive); with O(chamber) when the name exists in several chambers.
      - One of O(secret) and O(secret_id) is required.
    type: str
  chamber:
    description:
      - The chamber of O(secret), by name or id.
    type: str
  secret_id:
    description:
      - The id of the secret.
    type: str
  users:
    description:
      - Users to share with (V(present)) or to unshare (V(absent)).
    type: list
    elements: dict
    default: []
    suboptions:
      email:
        description: E-mail address of the user (an existing Zoho Vault user).
        type: str
        required: true
      permissions:
        description:
          - The permissions of the user on the secret; the exact set is applied.
            C(READ) views the secret and its password, C(WRITE) edits it, C(SHARE) shares it, C(OWNER) has full control.
          - Required with O(state=present); ignored with O(state=absent).
        type: list
        elements: str
        choices: [READ, WRITE, SHARE, OWNER]
  groups:
    description:
      - Groups to share with (V(present)) or to unshare (V(absent)).
    type: list
    elements: dict
    default: []
    suboptions:
      name:
        description: Name (or id) of the group.
        type: str
        required: true
      permissions:
        description:
          - The permissions of the group's members on the secret; the exact set is applied.
          - Required with O(state=present); ignored with O(state=absent).
        type: list
        elements: str
        choices: [READ, WRITE, SHARE, OWNER]
  purge:
    description:
      - With O(state=present), revoke the shares of every user and group not listed, so that the share list is
        exactly what is declared (the owner is not a share and is never touched).
    type: bool
    default: false
  state:
    description:
      - V(present) shares with the listed principals; V(absent) revokes their shares.
    type: str
    choices: [present, absent]
    default: present
notes:
  - Sharing needs C(SHARE) permission on the secret; granting or revoking C(OWNER) needs C(OWNER).
  - Ownership itself is changed with M(zoho.vault.secret) (O(zoho.vault.secret#module:owner)).
seealso:
  - module: zoho.vault.secret
  - module: zoho.vault.group
'''

EXAMPLES = r'''
- name: Let the DBA team edit the database secret and a colleague read it
  zoho.vault.secret_share:
    secret: Production Database
    chamber: Demo Servers
    users:
      - email: colleague@example.com
        permissions: [READ]
    groups:
      - name: DBA
        permissions: [READ, WRITE]

- name: Make the share list exactly this (revoke everyone else)
  zoho.vault.secret_share:
    secret: Production Database
    chamber: Demo Servers
    groups:
      - name: DBA
        permissions: [READ, WRITE, SHARE]
    purge: true

- name: Stop sharing with a colleague
  zoho.vault.secret_share:
    secret: Production Database
    chamber: Demo Servers
    users:
      - email: colleague@example.com
    state: absent
'''

RETURN = r'''
share:
  description: The shares of the secret after the task (as they would be, in check mode).
  returned: always
  type: dict
  contains:
    secretid:
      description: Id of the secret.
      type: str
      returned: always
    secretname:
      description: Name of the secret.
      type: str
      returned: always
    owner:
      description: E-mail address of the owner.
      type: str
      returned: always
    users:
      description: The users the secret is shared with.
      type: list
      elements: dict
      returned: always
      sample: [{email: colleague@example.com, permissions: [READ]}]
    groups:
      description: The groups the secret is shared with.
      type: list
      elements: dict
      returned: always
      sample: [{name: DBA, id: "123456000000000042", permissions: [READ, WRITE]}]
msg:
  description: A one-line summary of the change.
  returned: when something changes
  type: str
plan:
  description: The planned change (none, or one) with the users and groups before and after.
  returned: always
  type: list
  elements: dict
diff:
  description: Before and after of the share list (with C(--diff)).
  returned: when diff mode is on
  type: dict
'''

from ansible_collections.zoho.vault.plugins.module_utils._module import ZohoVaultModule
from ansible_collections.zoho.vault.plugins.module_utils._kinds.runner import exit_single
from ansible_collections.zoho.vault.plugins.module_utils._kinds import fields as _fields
from ansible_collections.zoho.vault.plugins.module_utils._kinds.secret_share import ShareState


def main():
    module = ZohoVaultModule(
        argument_spec=dict(
            secret=dict(type='str', no_log=False),
            chamber=dict(type='str'),
            secret_id=dict(type='str'),
            users=dict(_fields.argument_spec(_fields.SHARE)['users'], default=[]),
            groups=dict(_fields.argument_spec(_fields.SHARE)['groups'], default=[]),
            purge=dict(type='bool', default=False),
            state=dict(type='str', choices=['present', 'absent'], default='present'),
        ),
        required_one_of=[('secret', 'secret_id')],
        mutually_exclusive=[('secret', 'secret_id')],
        supports_check_mode=True,
    )
    exit_single(module, ShareState, 'share')


if __name__ == '__main__':
    main()

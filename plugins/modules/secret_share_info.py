#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, zoho.vault contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later


DOCUMENTATION = r'''
---
module: secret_share_info
short_description: Who has which permission on Zoho Vault secrets, directly and through groups
version_added: 0.1.0
description:
  - Reads the shares of the selected secrets without changing anything. For each secret it returns the users and groups
    it is shared with, as M(zoho.vault.secret_share) manages them, and RV(shares[].access), the resulting access of
    every user - the owner, direct shares and the members of the groups - with the reasons.
  - Select secrets as with M(zoho.vault.secret_info), by O(secret_id), O(name) (and O(chamber)), a O(chamber), search
    filters, or nothing for every secret the caller can see.
  - A secret whose share information the vault refuses to show the caller is listed in RV(denied) instead of failing
    the task.
  - Never reads a password.
author:
  - zoho.vault maintainers (@zoho-vault)
extends_documentation_fragment:
  - zoho.vault.connection
  - zoho.vault.secret_selection
  - zoho.vault.attributes.info_module
notes:
  - API calls - the selection (one call), one C(shareinfo) call per selected secret, and one group listing when a
    secret is shared with a group.
seealso:
  - module: zoho.vault.secret_share
  - module: zoho.vault.secret_info
'''

EXAMPLES = r'''
- name: Who can use the production database password, and why
  zoho.vault.secret_share_info:
    name: Production Database
    chamber: Demo Servers
  register: db_access

- name: Show the users that can change it
  ansible.builtin.debug:
    msg: "{{ db_access.shares[0].access | selectattr('permissions', 'contains', 'WRITE') | map(attribute='email') | list }}"

- name: Audit every secret of a chamber
  zoho.vault.secret_share_info:
    chamber: Demo Servers
  register: chamber_access
'''

RETURN = r'''
shares:
  description: One entry per selected secret whose shares the vault showed, in the order of the selection.
  returned: always
  type: list
  elements: dict
  contains:
    secretid:
      description: Id of the secret.
      type: str
      returned: always
    secretname:
      description: Name of the secret.
      type: str
      returned: always
    chamberid:
      description: Id of the secret's chamber.
      type: str
      returned: always
    owner:
      description: E-mail address of the owner.
      type: str
      returned: always
    users:
      description: The users the secret is shared with directly.
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
    access:
      description:
        - Every user with access, once, with the union of their permissions and each reason - C(owner), C(direct)
          or C(group <name>) - sorted by e-mail address.
      type: list
      elements: dict
      returned: always
      sample:
        - {email: admin@example.com, permissions: [READ, WRITE, SHARE, OWNER], via: [owner]}
        - {email: dba1@example.com, permissions: [READ, WRITE], via: [direct, group DBA]}
denied:
  description: The selected secrets whose share information the vault refused to show, with its reason.
  returned: always
  type: list
  elements: dict
  sample: [{secretid: "123456000000000077", secretname: Payroll, msg: "..."}]
'''

from ansible_collections.zoho.vault.plugins.module_utils._errors import PermissionDenied
from ansible_collections.zoho.vault.plugins.module_utils._module import ZohoVaultModule
from ansible_collections.zoho.vault.plugins.module_utils._kinds.secret import SELECT_EXCLUSIVE, SELECT_OPTIONS
from ansible_collections.zoho.vault.plugins.module_utils._kinds.secret_share import ShareState


def main():
    module = ZohoVaultModule(argument_spec=dict(SELECT_OPTIONS), mutually_exclusive=SELECT_EXCLUSIVE, supports_check_mode=True)
    shares, denied = [], []
    with module.errors(changed=False):
        state = ShareState(module.vault)
        for secret in state.secrets.select(module.params):
            try:
                shares.append(state.info(secret))
            except PermissionDenied as err:
                denied.append({'secretid': secret.get('secretid'), 'secretname': secret.get('secretname'), 'msg': str(err)})
    module.exit_json(changed=False, shares=shares, denied=denied)


if __name__ == '__main__':
    main()

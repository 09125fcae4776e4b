#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, zoho.vault contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later


DOCUMENTATION = r'''
---
module: secret_info
short_description: Read secrets of Zoho Vault
version_added: 0.1.0
description:
  - Returns one secret by O(secret_id) or O(name), the secrets of a O(chamber), the result of a search with the
    API's filters, or every secret the caller can see.
  - Passwords are returned only with O(include_password=true).
author:
  - zoho.vault maintainers (@zoho-vault)
extends_documentation_fragment:
  - zoho.vault.connection
  - zoho.vault.secret_selection
  - zoho.vault.attributes.info_module
options:
  include_password:
    description:
      - Add each secret's password as C(password). Each one is one API call, recorded by Zoho Vault as a
        C(Password Viewed) audit event. Use C(no_log) on such a task.
      - The values of sensitive custom fields (O(sensitive_custom_fields)) are shown only with this option too; without it
        they read C(VALUE_SPECIFIED_IN_NO_LOG_PARAMETER).
    type: bool
    default: false
notes:
  - Without any filter, every secret visible to the caller is returned (all pages).
seealso:
  - module: zoho.vault.secret
'''

EXAMPLES = r'''
- name: One secret by name, in a chamber
  zoho.vault.secret_info:
    name: Production Database
    chamber: Demo Servers
  register: db

- name: All secrets of a chamber
  zoho.vault.secret_info:
    chamber: Demo Servers
  register: servers

- name: Search database secrets whose user name contains admin
  zoho.vault.secret_info:
    secret_type: Database
    username: admin
  register: admins

- name: Read a password (kept out of the logs)
  zoho.vault.secret_info:
    name: Production Database
    chamber: Demo Servers
    include_password: true
  register: db_with_password
  no_log: true
'''

RETURN = r'''
secrets:
  description: The secrets found, in the API's field names (no password unless O(include_password=true)).
  returned: always
  type: list
  elements: dict
  sample:
    - secretid: "123456000000123456"
      secretname: Production Database
      chamberid: "123456000000000001"
      secreturl: db.production.example.com
      username: db_admin
      notes: Main production database
      customfields: {port: "5432"}
      secrettype: Database
      owner: admin@example.com
      createdtime: "2026-01-01T10:00:00Z"
      modifiedtime: "2026-01-01T10:00:00Z"
      passwordmodifiedtime: "2026-01-01T10:00:00Z"
secret:
  description: The secret, when O(secret_id) or O(name) found exactly one; empty otherwise.
  returned: always
  type: dict
'''

from ansible_collections.zoho.vault.plugins.module_utils._module import ZohoVaultModule
from ansible_collections.zoho.vault.plugins.module_utils._kinds.secret import SELECT_EXCLUSIVE, SELECT_OPTIONS, SecretState


def main():
    module = ZohoVaultModule(
        argument_spec=dict(SELECT_OPTIONS, include_password=dict(type='bool', default=False, no_log=False)),
        mutually_exclusive=SELECT_EXCLUSIVE,
        supports_check_mode=True,
    )
    with module.errors(changed=False):
        state = SecretState(module.vault, reveal=module.params['include_password'], hide=module.no_log_values.update)
        secrets = [state.conceal(s) for s in state.select(module.params)]
        if module.params['include_password']:
            for item in secrets:
                item['password'] = state.password_of(str(item['secretid']))
    single = module.params['secret_id'] or module.params['name']
    module.exit_json(changed=False, secrets=secrets, secret=secrets[0] if single and len(secrets) == 1 else {})


if __name__ == '__main__':
    main()

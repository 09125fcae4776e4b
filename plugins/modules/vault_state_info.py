#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, zoho.vault contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later


DOCUMENTATION = r'''
---
module: vault_state_info
short_description: Export the current Zoho Vault layout as a vault_state document
version_added: 0.1.0
description:
  - Reads users, groups, chambers, their secrets and the secrets' shares, and returns them as a desired-state document
    in the schema of M(zoho.vault.vault_state) (its O(zoho.vault.vault_state#module:definition) option). This is how an
    existing vault is imported.
  - Applying the exported document with M(zoho.vault.vault_state) changes nothing.
  - Passwords are never exported, nor are sensitive custom fields (O(sensitive_custom_fields), and with O(dialect=zoho) those
    Zoho Vault conceals); applying the document keeps them as they are. A secret's C(owner) is given only when it is not the caller. C(shares) are given only
    for secrets shared with someone.
  - Personal chambers (made by the vault for each user) are left out unless named in O(chambers). Of several chambers
    with one name, only the caller's own is exported, with a warning.
author:
  - zoho.vault maintainers (@zoho-vault)
extends_documentation_fragment:
  - zoho.vault.connection
  - zoho.vault.attributes.info_module
options:
  chambers:
    description:
      - Export only these chambers (by name). Every name must exist.
    type: list
    elements: str
  include:
    description:
      - Which top-level keys of the document to export. A key left out is not managed by the exported document.
    type: list
    elements: str
    choices: [users, groups, chambers]
    default: [users, groups, chambers]
  shares:
    description:
      - Export the shares of every secret. This reads the share info of each secret (one call per secret);
        V(false) exports faster and leaves shares unmanaged.
    type: bool
    default: true
seealso:
  - module: zoho.vault.vault_state
'''

EXAMPLES = r'''
- name: Export the whole vault
  zoho.vault.vault_state_info:
  register: current

- name: Save it as the document to keep in git
  ansible.builtin.copy:
    content: "{{ current.definition | to_nice_yaml(indent=2, sort_keys=false) }}"
    dest: "{{ playbook_dir }}/vault.yml"
    mode: "0644"
  delegate_to: localhost

- name: Export two chambers only, without users and groups
  zoho.vault.vault_state_info:
    chambers: [Production, Staging]
    include: [chambers]
  register: prod

- name: Apply it back (changes nothing)
  zoho.vault.vault_state:
    definition: "{{ prod.definition }}"
'''

RETURN = r'''
definition:
  description: The document, in the schema of the O(zoho.vault.vault_state#module:definition) option; no passwords.
  returned: always
  type: dict
  sample:
    users:
      - {email: alice@example.com, role: User, first_name: Alice, last_name: Liddell}
    groups:
      - {name: DevOps, description: Infrastructure team, members: [alice@example.com]}
    chambers:
      - name: Production
        chamber_type: Shared
        description: Production credentials
        secrets:
          - name: Production Database
            url: db.production.example.com
            username: db_admin
            notes: Main production database
            custom_fields: {port: "5432"}
            secret_type: Database
            shares:
              users: [{email: alice@example.com, permissions: [READ]}]
              groups: [{name: DevOps, permissions: [READ, WRITE]}]
counts:
  description: How many objects were exported, per kind.
  returned: always
  type: dict
  sample: {users: 2, groups: 1, chambers: 1, secrets: 1, shared_secrets: 1}
'''

from ansible_collections.zoho.vault.plugins.module_utils._vault_state.importer import INCLUDE, export
from ansible_collections.zoho.vault.plugins.module_utils._module import ZohoVaultModule


def argument_spec():
    return dict(
        chambers=dict(type='list', elements='str'),
        include=dict(type='list', elements='str', choices=list(INCLUDE), default=list(INCLUDE)),
        shares=dict(type='bool', default=True),
    )


def main():
    module = ZohoVaultModule(argument_spec=argument_spec(), supports_check_mode=True)
    with module.errors(changed=False):
        result = export(module.vault, include=module.params['include'], chambers=module.params['chambers'],
                        shares=module.params['shares'], warn=module.warn)
    module.exit_json(changed=False, **result)


if __name__ == '__main__':
    main()

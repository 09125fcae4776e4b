#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, zoho.vault contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later


DOCUMENTATION = r'''
---
module: secret
short_description: Create, update and delete secrets in Zoho Vault
version_added: 0.1.0
description:
  - Makes one secret of Zoho Vault look as declared, or removes it.
  - A secret is identified by O(secret_id), or by O(name) (case-insensitive) and, optionally, O(chamber).
    Without O(chamber), a name that exists in several chambers is an error listing them.
  - Only the options given are managed; the other attributes of an existing secret are left as they are.
  - The result never holds a password unless O(return_password=true).
author:
  - zoho.vault maintainers (@zoho-vault)
extends_documentation_fragment:
  - zoho.vault.connection
  - zoho.vault.attributes
options:
  state:
    description:
      - V(present) creates or updates the secret, V(absent) deletes it.
    type: str
    choices: [present, absent]
    default: present
  secret_id:
    description:
      - The id of an existing secret. With O(name), the secret is renamed; with O(chamber), it is moved.
    type: str
  name:
    description:
      - The name of the secret (the API's C(secretname)); unique within a chamber, compared case-insensitively.
      - Required to create a secret.
    type: str
  chamber:
    description:
      - The chamber (folder) of the secret, by name or by id. An all-digit value is taken as an id.
      - Without it a new secret goes to the caller's Personal chamber and an existing one is found in any chamber.
      - A name costs one API call (a chamber listing) per task; in a loop over many secrets, give the id
        (for example from M(zoho.vault.chamber_info)).
    type: str
  url:
    description:
      - The URL of the secret (C(secreturl)).
    type: str
  username:
    description:
      - The user name stored in the secret.
    type: str
  password:
    description:
      - The password stored in the secret. Never logged, never returned unless O(return_password=true).
      - See O(update_password) for how an existing secret's password is compared.
      - Mutually exclusive with O(generate_password).
    type: str
  update_password:
    description:
      - V(always) compares O(password) with the stored one and writes it only when it differs. The comparison reads
        the stored password once (C(GET /secrets/{id}/password)), which Zoho Vault records as a C(Password Viewed)
        audit event.
      - V(on_create) sets the password only when the secret is created; the password of an existing secret is
        neither read nor written.
    type: str
    choices: [always, on_create]
    default: always
  generate_password:
    description:
      - Have Zoho Vault's password generator make the password (see O(password_policy)), when the secret is created.
      - An existing secret is adopted as it is; its password is not changed unless O(regenerate_password=true).
    type: bool
    default: false
  regenerate_password:
    description:
      - With O(generate_password=true), generate and store a new password on every run (a rotation).
        The task then always reports a change. Contradicts O(update_password=on_create).
    type: bool
    default: false
  password_policy:
    description:
      - The policy of a generated password. Unset keys use the generator's defaults.
    type: dict
    suboptions:
      length:
        description: Password length, 8 to 128 (the generator's default is 12).
        type: int
      uppercase:
        description: Include upper-case letters.
        type: bool
      lowercase:
        description: Include lower-case letters.
        type: bool
      numbers:
        description: Include digits.
        type: bool
      symbols:
        description: Include special characters.
        type: bool
  notes:
    description:
      - Free-text notes of the secret.
    type: str
  custom_fields:
    description:
      - Custom fields of the secret, a mapping of field names to values (values are stored as strings).
      - The fields listed are set; other existing fields are kept unless O(purge_custom_fields=true).
      - The values of fields named by O(sensitive_custom_fields) (and, with O(dialect=zoho), of fields Zoho Vault conceals)
        are compared but never shown, like O(password).
    type: dict
  purge_custom_fields:
    description:
      - Remove the custom fields that O(custom_fields) does not list (all of them when O(custom_fields) is not given).
    type: bool
    default: false
  secret_type:
    description:
      - The type of the secret (C(secrettype)). New secrets default to V(Login) in Zoho Vault.
    type: str
    choices: [Login, Server, Database, Document, Note, Credit Card, Bank Account, SSH Key, Custom]
  owner:
    description:
      - E-mail address of the user who should own the secret; ownership is transferred when it differs.
      - Needs OWNER permission on the secret. A secret in the old owner's Personal chamber moves to the new owner's.
    type: str
  on_exists:
    description:
      - What to do when the secret exists already (found by O(secret_id), or by O(name) and O(chamber)).
      - V(update) makes it look as declared (the other options say how).
      - V(keep) leaves it exactly as it is, declared password included, and does not read its password either. So a task
        that seeds a secret never overwrites what a person changed later (like AWS's C(overwrite=false) or Vault's C(cas=0)).
      - V(fail) fails the task (also in check mode) without changing anything, naming the existing secret.
      - Does not apply to O(state=absent).
    type: str
    choices: [update, keep, fail]
    default: update
  return_password:
    description:
      - Return the password (declared, generated or stored) in RV(secret.password). Use C(no_log) on such a task.
      - It also returns the values of sensitive custom fields (O(sensitive_custom_fields)) in RV(secret.customfields); values
        given in O(custom_fields) stay masked by Ansible, as a password given in O(password) does.
      - Without it, no password is ever returned. For an existing secret with O(update_password=on_create), the
        stored password is read (a C(Password Viewed) audit event).
    type: bool
    default: false
notes:
  - API calls per task, with the token cached across tasks - finding the secret by name is one search; comparing
    the password (O(update_password=always) with O(password)) one more read; creating or updating one write.
  - Check mode makes no write and never calls the password generator; it reads the stored password when
    O(update_password=always) and O(password) are given, to predict truly.
  - Retried creates never duplicate a secret; after an ambiguous failure the secret is looked up by name first.
seealso:
  - module: zoho.vault.secret_info
  - module: zoho.vault.secret_share
'''

EXAMPLES = r'''
- name: A database login, in a chamber given by name
  zoho.vault.secret:
    name: Production Database
    chamber: Demo Servers
    secret_type: Database
    url: db.production.example.com
    username: db_admin
    password: "{{ db_admin_password }}"
    notes: Main production database
    custom_fields:
      port: 5432
      environment: production

- name: A server whose password Zoho Vault generates once (adopted as it is on later runs)
  zoho.vault.secret:
    name: web01 root
    chamber: Demo Servers
    secret_type: Server
    username: root
    generate_password: true
    password_policy:
      length: 24
      symbols: false
    return_password: true
  register: web01
  no_log: true

- name: Rotate it (a new generated password on every run)
  zoho.vault.secret:
    name: web01 root
    chamber: Demo Servers
    generate_password: true
    regenerate_password: true

- name: Set the initial password only; never compare it afterwards (no Password Viewed events)
  zoho.vault.secret:
    name: Shared mailbox
    password: "{{ initial_mailbox_password }}"
    update_password: on_create

- name: Seed a secret once; a password changed later by a person is never overwritten
  zoho.vault.secret:
    name: Service account
    chamber: Demo Servers
    username: svc_backup
    password: "{{ initial_service_password }}"
    on_exists: keep

- name: An API token in a custom field, never shown in results, diffs or logs (like a password)
  zoho.vault.secret:
    name: Deploy API
    chamber: Demo Servers
    custom_fields:
      api_token: "{{ deploy_api_token }}"
      region: eu-west-1
    sensitive_custom_fields: ['*_token']

- name: Keep exactly these custom fields
  zoho.vault.secret:
    name: Production Database
    chamber: Demo Servers
    custom_fields:
      port: 5432
    purge_custom_fields: true

- name: Delete a secret
  zoho.vault.secret:
    name: Shared mailbox
    state: absent
'''

RETURN = r'''
secret:
  description:
    - The secret after the task in the API's field names; empty with O(state=absent).
    - In check mode, the secret as it would be.
  returned: always
  type: dict
  sample:
    secretid: "123456000000123456"
    secretname: Production Database
    chamberid: "123456000000000001"
    secreturl: db.production.example.com
    username: db_admin
    notes: Main production database
    customfields: {port: "5432"}
    secrettype: Database
    owner: admin@example.com
  contains:
    customfields:
      description:
        - The custom fields, names to values. Sensitive ones (O(sensitive_custom_fields)) show as
          C(VALUE_SPECIFIED_IN_NO_LOG_PARAMETER) unless O(return_password=true).
      type: dict
    password:
      description:
        - The password, only with O(return_password=true).
        - A password given in O(password) is a no_log value, so Ansible shows it masked; generated and stored ones are shown as they are.
      returned: when O(return_password=true) and the secret exists
      type: str
msg:
  description: A one-line summary of the change.
  returned: when something changes
  type: str
  sample: "update secret 'Production Database' (notes, password): password differs; differs"
plan:
  description: The planned changes (none, or one), secret values redacted.
  returned: always
  type: list
  elements: dict
  sample:
    - action: update
      kind: secret
      name: Production Database
      id: "123456000000123456"
      reason: password differs; differs
      fields:
        - {field: notes, before: old, after: Main production database}
        - {field: password, before: VALUE_SPECIFIED_IN_NO_LOG_PARAMETER, after: VALUE_SPECIFIED_IN_NO_LOG_PARAMETER}
diff:
  description: Before and after of the secret (with C(--diff)); passwords shown as redacted.
  returned: when diff mode is on
  type: dict
'''

from ansible_collections.zoho.vault.plugins.module_utils._module import ZohoVaultModule
from ansible_collections.zoho.vault.plugins.module_utils._kinds.runner import run_single
from ansible_collections.zoho.vault.plugins.module_utils._kinds import fields as _fields
from ansible_collections.zoho.vault.plugins.module_utils._kinds.secret import SecretState, declared_sensitive_values


def argument_spec():
    return dict(
        _fields.argument_spec(_fields.SECRET),
        state=dict(type='str', choices=['present', 'absent'], default='present'),
        secret_id=dict(type='str'),
        chamber=dict(type='str'),
        update_password=dict(type='str', choices=['always', 'on_create'], default='always', no_log=False),
        regenerate_password=dict(type='bool', default=False, no_log=False),
        return_password=dict(type='bool', default=False, no_log=False),
    )


def main():
    module = ZohoVaultModule(
        argument_spec=argument_spec(),
        required_one_of=[('secret_id', 'name')],
        mutually_exclusive=[('password', 'generate_password')],
        supports_check_mode=True,
        hidden_values=lambda params: declared_sensitive_values(params, [params.get('custom_fields')]),
    )
    spec = dict(module.params)
    with module.errors(changed=False):
        state = SecretState(module.vault, reveal=module.params['return_password'], hide=module.no_log_values.update)
        result = run_single(module, state, spec, 'secret')
    shown = result['secret']
    if module.params['return_password'] and shown.get('secretid'):
        # After the write: a failing password read must not hide that the secret changed.
        with module.errors(**result):
            if state.password_written is not None:
                shown['password'] = state.password_written
            elif spec.get('password') is not None:
                shown['password'] = spec['password']
            else:
                shown['password'] = state.password_of(str(shown['secretid']))
    module.exit_json(**result)


if __name__ == '__main__':
    main()

# Copyright: (c) 2026, zoho.vault contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

DOCUMENTATION = r'''
name: secret
author: zoho.vault maintainers (@zoho-vault)
version_added: 0.1.0
short_description: Fetch Zoho Vault secrets as dictionaries
description:
  - Returns one dictionary per term with the secret's metadata and custom fields,
    and its password only when O(include_password=true).
  - The values of sensitive custom fields (O(sensitive_custom_fields)) are shown only with O(include_password=true), like the
    password; otherwise they read C(VALUE_SPECIFIED_IN_NO_LOG_PARAMETER).
  - Terms are resolved like those of P(zoho.vault.password#lookup), as names, ids or C(chamber/name).
options:
  _terms:
    description:
      - Secret names, secret ids, or C(chamber/name) references.
    type: list
    elements: str
    required: true
  chamber:
    description:
      - Look the names up in this chamber (its name or id). Terms are then plain names, slashes included.
    type: str
  include_password:
    description:
      - Add the key C(password) to each dictionary (one more API call per secret, recorded in the audit trail).
    type: bool
    default: false
extends_documentation_fragment:
  - zoho.vault.connection
  - zoho.vault.connection.plugins
  - zoho.vault.lookup
  - zoho.vault.lookup.policies
seealso:
  - plugin: zoho.vault.password
    plugin_type: lookup
'''

EXAMPLES = r'''
- name: Connect to a database with the username, URL and password of one secret
  ansible.builtin.debug:
    msg: "{{ db.username }}@{{ db.secreturl }} ({{ db.customfields | length }} custom fields)"
  vars:
    db: "{{ lookup('zoho.vault.secret', 'Production Database', include_password=true) }}"

- name: Several secrets, addressed by chamber and name
  ansible.builtin.debug:
    msg: "{{ query('zoho.vault.secret', 'Staging/API key', 'Production/API key') | map(attribute='secretid') | list }}"
'''

RETURN = r'''
_raw:
  description: One dictionary per secret found (terms skipped by a policy are left out), marked unsafe.
  type: list
  elements: dict
  contains:
    secretid:
      description: The secret's id.
      type: str
    secretname:
      description: Its name.
      type: str
    secreturl:
      description: Its URL.
      type: str
    username:
      description: Its username.
      type: str
    notes:
      description: Its notes.
      type: str
    customfields:
      description:
        - Its custom fields, name to value.
        - Sensitive ones (O(sensitive_custom_fields)) read C(VALUE_SPECIFIED_IN_NO_LOG_PARAMETER) unless O(include_password=true).
      type: dict
    chamberid:
      description: The id of its chamber.
      type: str
    secrettype:
      description: Login, Server, Database, Document, Note, Credit Card, Bank Account, SSH Key or Custom.
      type: str
    owner:
      description: The email of its owner.
      type: str
    createdtime:
      description: Creation time (ISO 8601, UTC).
      type: str
    modifiedtime:
      description: Last modification time (ISO 8601, UTC).
      type: str
    passwordmodifiedtime:
      description: Last password change (ISO 8601, UTC).
      type: str
    password:
      description: The password.
      type: str
      returned: when O(include_password=true)
'''

# First: the shared code below then loads from cached bytecode (see _bytecode.py).
from ansible_collections.zoho.vault.plugins.plugin_utils import _bytecode  # noqa: F401  pylint: disable=unused-import
from ansible_collections.zoho.vault.plugins.plugin_utils._lookup import ZohoVaultLookupBase


class LookupModule(ZohoVaultLookupBase):

    PLUGIN = 'zoho.vault.secret'
    TERM_OPTIONS = ('chamber', 'include_password')

    def lookup(self, session, terms):
        chamber = self.get_option('chamber')
        with_password = self.get_option('include_password')

        def produce(term):
            secret = dict(session.secret(term, chamber))
            if with_password:
                secret['password'] = session.password(str(secret.get('secretid')))
            return secret

        def answer(term):
            secret = self.cached_term(session, term, produce, lambda value: value.get('password'))
            return secret if with_password else self.conceal(secret)

        return self.for_each_term(terms, answer)

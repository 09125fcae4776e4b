# Copyright: (c) 2026, zoho.vault contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

DOCUMENTATION = r'''
name: password
author: zoho.vault maintainers (@zoho-vault)
version_added: 0.1.0
short_description: Fetch the password, or another field, of Zoho Vault secrets
description:
  - Returns one value per term, in order.
  - A term is a secret name (case-insensitive, as Zoho Vault compares names), a secret id,
    or C(chamber/name) where the chamber is given by name or id.
  - By default the value is the password; O(field) selects the username, the URL, the notes or a custom field.
  - All terms of one call share one client and one access token; with O(cache) the values are shared by
    every process of the run, so a secret used on many hosts is fetched once.
options:
  _terms:
    description:
      - Secret names, secret ids, or C(chamber/name) references.
      - A term of digits only (6 or more) is tried as an id first, then as a name.
      - Without O(chamber), a term with a slash is split at its first slash into chamber and name; when no
        chamber has that name, the whole term is tried as a secret name.
    type: list
    elements: str
    required: true
  chamber:
    description:
      - Look the names up in this chamber (its name or id). Terms are then plain names, slashes included.
    type: str
  field:
    description:
      - What to return of each secret.
      - V(password) (one more API call per secret, recorded as "Password Viewed" in the audit trail),
        V(username), V(url), V(notes), V(name), V(id), V(type), V(chamberid), V(owner),
        or the name of a custom field (exact, then case-insensitive).
      - A custom field the secret does not have counts as missing (O(on_missing)).
    type: str
    default: password
  version:
    description:
      - V(current) reads each secret itself. V(previous) reads the value it had before its last rotation by the
        C(zoho.vault.rotate) role, kept in the secret C(<name> (previous)) of the same chamber (see O(previous_suffix)).
        Use it for a rollback, or for a switch-over where both the old and the new password must work for a while.
      - A secret never rotated has no previous value; it counts as missing (O(on_missing)).
      - For an id term, the secret is read once to learn its name and chamber.
    type: str
    choices: [current, previous]
    default: current
  previous_suffix:
    description:
      - The suffix the rotate role gives the secret that keeps the previous value (its C(rotate_previous_suffix)).
    type: str
    default: " (previous)"
extends_documentation_fragment:
  - zoho.vault.connection
  - zoho.vault.connection.plugins
  - zoho.vault.lookup
  - zoho.vault.lookup.policies
seealso:
  - plugin: zoho.vault.secret
    plugin_type: lookup
  - plugin: zoho.vault.secrets
    plugin_type: lookup
'''

EXAMPLES = r'''
# The connection comes from the environment (ZOHO_VAULT_CLIENT_ID, ZOHO_VAULT_CLIENT_SECRET,
# ZOHO_VAULT_REFRESH_TOKEN, ZOHO_VAULT_DATA_CENTER...) or from zoho_vault_* variables.
- name: Use a password in a template variable (fetched once for all hosts of the run)
  ansible.builtin.debug:
    msg: "The password has {{ lookup('zoho.vault.password', 'Production Database') | length }} characters"

- name: The username of the same secret
  ansible.builtin.debug:
    msg: "{{ lookup('zoho.vault.password', 'Production Database', field='username') }}"

- name: A name that exists in several chambers, made unique by its chamber
  ansible.builtin.debug:
    msg: "{{ lookup('zoho.vault.password', 'Staging/API key', field='url') }}"

- name: The password before the last rotation by the rotate role, for a rollback (an empty list if it was never rotated)
  ansible.builtin.debug:
    msg: "{{ query('zoho.vault.password', 'Production/API key', version='previous', on_missing='skip') | length }} previous password(s)"

- name: A custom field, looked up in a chamber given as an option
  ansible.builtin.debug:
    msg: "{{ lookup('zoho.vault.password', 'API key', chamber='Staging', field='environment') }}"

- name: Several secrets at once; the missing one is left out with a warning
  ansible.builtin.debug:
    msg: "{{ query('zoho.vault.password', 'Production Database', 'No such secret', on_missing='warn') | length }}"

- name: Connection options as keywords (they can also be variables or ansible.cfg entries)
  ansible.builtin.debug:
    msg: "{{ lookup('zoho.vault.password', 'Production Database', data_center='eu', cache_ttl=30) | length > 0 }}"
'''

RETURN = r'''
_raw:
  description:
    - One value per term that was found (terms skipped by a policy are left out), marked unsafe.
    - With the default O(field), the passwords.
  type: list
  elements: str
'''

# First: the shared code below then loads from cached bytecode (see _bytecode.py).
from ansible_collections.zoho.vault.plugins.plugin_utils import _bytecode  # noqa: F401  pylint: disable=unused-import
from ansible_collections.zoho.vault.plugins.plugin_utils._lookup import BUILTIN_FIELDS, ZohoVaultLookupBase


class LookupModule(ZohoVaultLookupBase):

    PLUGIN = 'zoho.vault.password'
    TERM_OPTIONS = ('field', 'chamber', 'version', 'previous_suffix')

    def lookup(self, session, terms):
        chamber = self.get_option('chamber')
        field = self.get_option('field') or 'password'
        secret = (lambda value: None) if field in BUILTIN_FIELDS else (lambda value: value)
        previous = self.get_option('version') == 'previous'
        suffix = self.get_option('previous_suffix') or ''

        def produce(term):
            if previous:
                name, in_chamber = session.previous_of(term, chamber, suffix)
                return session.field(name, field, in_chamber)
            return session.field(term, field, chamber)

        return self.for_each_term(terms, lambda term: self.cached_term(session, term, produce, secret))

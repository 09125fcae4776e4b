# Copyright: (c) 2026, zoho.vault contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

DOCUMENTATION = r'''
name: api
author: zoho.vault maintainers (@zoho-vault)
version_added: 0.1.0
short_description: Read any endpoint of the Zoho Vault API (the raw escape hatch, reads only)
description:
  - Sends a V(GET) to each path given as a term and returns the C(operation.details) object of each reply, in order,
    for what no other lookup covers yet (like C(community.hashi_vault.vault_read)).
  - It uses the connection options, the token refresh and cache, the retries and the cross-process value cache of the other lookups.
  - Values are returned as the server sent them, passwords included (it is a lookup, like P(zoho.vault.password#lookup)), marked unsafe.
    To write, use the M(zoho.vault.api) module.
options:
  _terms:
    description:
      - Paths relative to the API base (O(api_url)), for example V(/chambers) or V(/secrets/123456000000234567/password).
      - A URL with a scheme or host, a path starting with C(//), C(.) or C(..) segments and a query string are refused
        before anything is sent; give query parameters in O(params).
    type: list
    elements: str
    required: true
  params:
    description:
      - Query parameters sent with every term, for example C(searchtext) for V(/secrets/search).
      - Lists are not followed page by page; ask for each page with C(page) and C(per_page).
    type: dict
    default: {}
  on_missing:
    description:
      - What to do with a term whose path the API does not know, or whose object does not exist (HTTP 404).
      - V(error) fails the task, V(warn) warns and leaves the term out of the result, V(skip) leaves it out silently.
    type: str
    choices: [error, warn, skip]
    default: error
  on_denied:
    description:
      - What to do with a term the API refuses to the caller (HTTP 403, Zoho codes 7003 and 7008).
      - V(error) fails the task, V(warn) warns and leaves the term out of the result, V(skip) leaves it out silently.
    type: str
    choices: [error, warn, skip]
    default: error
extends_documentation_fragment:
  - zoho.vault.connection
  - zoho.vault.connection.plugins
  - zoho.vault.lookup
notes:
  - With O(cache=true) a reply is shared by every process of the run for O(cache_ttl) seconds, like the values of the other lookups,
    except the replies of the password generator, which are new on every evaluation.
  - Reading a password (C(/secrets/<id>/password)) is recorded as "Password Viewed" in the audit trail, as with P(zoho.vault.password#lookup).
  - With O(dialect=zoho) (production Zoho Vault) the lookup fails before any request; production Zoho Vault has other paths
    and encrypted values, which the other lookups handle.
seealso:
  - module: zoho.vault.api
  - plugin: zoho.vault.password
    plugin_type: lookup
'''

EXAMPLES = r'''
# The connection comes from the environment (ZOHO_VAULT_CLIENT_ID, ZOHO_VAULT_CLIENT_SECRET,
# ZOHO_VAULT_REFRESH_TOKEN, ZOHO_VAULT_DATA_CENTER...) or from zoho_vault_* variables.
- name: The names of the chambers
  ansible.builtin.debug:
    msg: "{{ lookup('zoho.vault.api', '/chambers').chambers | map(attribute='chambername') | list }}"

- name: A search, with query parameters
  ansible.builtin.debug:
    msg: "{{ lookup('zoho.vault.api', '/secrets/search', params={'searchtext': 'API key'}).secrets | length }} secrets named API key"

- name: The password of a secret found by the search (kept out of the output)
  ansible.builtin.set_fact:
    db_password: "{{ lookup('zoho.vault.api', '/secrets/' ~ db.secretid ~ '/password').password }}"
  vars:
    db: "{{ lookup('zoho.vault.api', '/secrets/search', params={'searchtext': 'Production Database'}).secrets | first }}"
  no_log: true

- name: Two reads at once; a secret that does not exist is left out
  ansible.builtin.debug:
    msg: "{{ query('zoho.vault.api', '/users/current', '/secrets/123456999999999999', on_missing='skip') | length }} replies"
'''

RETURN = r'''
_raw:
  description:
    - One C(operation.details) object per term that was found (terms skipped by a policy are left out), marked unsafe.
  type: list
  elements: raw
'''

# First: the shared code below then loads from cached bytecode (see _bytecode.py).
from ansible_collections.zoho.vault.plugins.plugin_utils import _bytecode  # noqa: F401  pylint: disable=unused-import
from ansible_collections.zoho.vault.plugins.module_utils._redact import SENSITIVE_KEYS, collect_secrets
from ansible_collections.zoho.vault.plugins.plugin_utils._lookup import ZohoVaultLookupBase


class LookupModule(ZohoVaultLookupBase):

    PLUGIN = 'zoho.vault.api'
    TERM_OPTIONS = ('params',)

    def lookup(self, session, terms):
        # pylint: disable-next=import-outside-toplevel
        from ansible_collections.zoho.vault.plugins.module_utils._api.raw import RawRequest, check_params, check_path

        params = self.get_option('params') or {}

        def read(term):
            # Checked before the cache: a bad path fails the same way on a hit, and a fresh read is never shared.
            # Checked here, not through vault.raw.prepare: a cache hit must not build the connection.
            request = RawRequest('GET', check_path(term), check_params(params))

            def produce(_term):
                return session.vault.raw.send(request).details

            value = produce(term) if request.fresh else self.cached_term(session, term, produce)
            for secret in collect_secrets(value, SENSITIVE_KEYS):
                session.remember_secret_value(secret)
            return value

        return self.for_each_term(terms, read)

# Copyright: (c) 2026, zoho.vault contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

DOCUMENTATION = r'''
name: secrets
author: zoho.vault maintainers (@zoho-vault)
version_added: 0.1.0
short_description: Search Zoho Vault secrets
description:
  - Searches the secrets visible to the user with every filter of the API (text, secret type, chamber,
    username, URL) and returns the list of matching secrets (metadata and custom fields; passwords only
    when O(include_password=true)).
  - The values of sensitive custom fields (O(sensitive_custom_fields)) are shown only with O(include_password=true), like the
    passwords; otherwise they read C(VALUE_SPECIFIED_IN_NO_LOG_PARAMETER), also for O(query).
  - Each term is a search text (matched case-insensitively as a substring of the name, URL, username and notes);
    with several terms the result is the union, without duplicates, in the order found. Without terms and
    without filters every visible secret is returned.
  - The lookup returns the list itself (a single result); use C(lookup), not C(query), which would wrap it in
    one more list.
  - O(query) shapes the result with a JMESPath expression.
requirements:
  - jmespath (only for O(query))
options:
  _terms:
    description: Search texts.
    type: list
    elements: str
    required: false
  searchtext:
    description:
      - A search text, for those who prefer keywords to terms. Not together with terms.
    type: str
  secret_type:
    description: Only secrets of this type.
    type: str
    choices: [Login, Server, Database, Document, Note, Credit Card, Bank Account, SSH Key, Custom]
  chamber:
    description:
      - Only secrets of this chamber (its name or id). A chamber that does not exist counts as missing (O(on_missing)).
    type: str
  username:
    description: Only secrets whose username contains this text (case-insensitive).
    type: str
  url:
    description: Only secrets whose URL contains this text (case-insensitive).
    type: str
  include_password:
    description:
      - Add the key C(password) to each secret found (one API call per secret, each recorded in the audit trail).
    type: bool
    default: false
  query:
    description:
      - A JMESPath expression applied to the list of secrets; its result is returned instead.
      - "For example V([].secretname) for the names, or V([?secrettype=='Database'].{name: secretname, id: secretid})."
    type: str
extends_documentation_fragment:
  - zoho.vault.connection
  - zoho.vault.connection.plugins
  - zoho.vault.lookup
  - zoho.vault.lookup.policies
seealso:
  - plugin: zoho.vault.secret
    plugin_type: lookup
'''

EXAMPLES = r'''
- name: The names of every Database secret whose name, URL, username or notes contain "prod"
  ansible.builtin.debug:
    msg: "{{ lookup('zoho.vault.secrets', 'prod', secret_type='Database', query='[].secretname') }}"

- name: Every secret of one chamber with a given username, as name → id
  ansible.builtin.debug:
    msg: "{{ lookup('zoho.vault.secrets', chamber='Staging', username='deploy') | items2dict(key_name='secretname', value_name='secretid') }}"

- name: Secrets by URL, with their passwords (one call per secret)
  ansible.builtin.debug:
    msg: "{{ lookup('zoho.vault.secrets', url='db.example.com', include_password=true) | length }} secrets"
'''

RETURN = r'''
_raw:
  description:
    - The list of matching secrets (dictionaries shaped like those of P(zoho.vault.secret#lookup)), marked unsafe;
      or, with O(query), what the expression returns.
  type: list
  elements: dict
'''

import traceback

try:
    import jmespath
    HAS_JMESPATH = True
    JMESPATH_IMPORT_ERROR = None
except ImportError:
    HAS_JMESPATH = False
    JMESPATH_IMPORT_ERROR = traceback.format_exc()

from ansible.errors import AnsibleLookupError

# First: the shared code below then loads from cached bytecode (see _bytecode.py).
from ansible_collections.zoho.vault.plugins.plugin_utils import _bytecode  # noqa: F401  pylint: disable=unused-import
from ansible_collections.zoho.vault.plugins.plugin_utils._lookup import ZohoVaultLookupBase


class LookupModule(ZohoVaultLookupBase):

    PLUGIN = 'zoho.vault.secrets'

    def lookup(self, session, terms):
        query = self.get_option('query')
        if query and not HAS_JMESPATH:
            raise AnsibleLookupError('%s: the query option needs the Python library jmespath on the controller '
                                     '(pip install jmespath)' % self.PLUGIN)
        searchtext = self.get_option('searchtext')
        if searchtext and terms:
            raise AnsibleLookupError('%s: give the search text as terms or as searchtext, not both' % self.PLUGIN)
        texts = terms or [searchtext]

        filters = {'secrettype': self.get_option('secret_type'), 'username': self.get_option('username'),
                   'secreturl': self.get_option('url')}
        chamber = self.get_option('chamber')
        if chamber:
            chamber_ids = self.for_each_term([chamber], session.chamber_id)
            if not chamber_ids:
                return [[]]  # the chamber is missing or denied and the policy said skip
            filters['chamberid'] = chamber_ids[0]

        found = self.search_all(session, texts, filters)
        if self.get_option('include_password'):
            found = self.with_passwords(session, found)
        else:
            found = [self.conceal(secret) for secret in found]

        if query:
            try:
                return [jmespath.search(query, found)]
            except jmespath.exceptions.JMESPathError as exc:
                # The expression's own text is safe to show; the data it ran on is not.
                raise AnsibleLookupError('%s: invalid query %r: %s' % (self.PLUGIN, query, type(exc).__name__)) from None
        return [found]

    def search_all(self, session, texts, filters):
        """The union of the searches, without duplicates, in the order found."""
        found = []
        seen = set()
        for matches in self.for_each_term(texts, lambda text: session.search(dict(filters, searchtext=text))):
            for secret in matches:
                if secret.get('secretid') not in seen:
                    seen.add(secret.get('secretid'))
                    found.append(dict(secret))
        return found

    def with_passwords(self, session, found):
        """Each secret with its password; a secret whose password a policy skipped is left out."""
        kept = []
        for secret in found:
            passwords = self.for_each_term([str(secret.get('secretid'))], session.password)
            if passwords:
                secret['password'] = passwords[0]
                kept.append(secret)
        return kept

#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, zoho.vault contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later


DOCUMENTATION = r'''
module: api
short_description: Call any endpoint of the Zoho Vault API (the raw escape hatch)
version_added: 0.1.0
description:
  - Sends one request to any endpoint of the Zoho Vault API, for what no module of the collection covers yet,
    like C(community.hashi_vault.vault_read) and C(community.hashi_vault.vault_write) do for HashiCorp Vault.
  - It uses the connection options, the token refresh and cache, the retries, the pacing on the rate-limit headers
    and the redaction of every other module of the collection.
  - A write (O(method=POST), V(PUT) or V(DELETE)) is sent as the API expects it, with a body made of the operation name O(operation)
    and the C(data) object O(data).
  - The module knows nothing about what an endpoint does, so it cannot be idempotent; a write reports C(changed=true) whenever it
    succeeds. Prefer the dedicated modules (M(zoho.vault.secret), M(zoho.vault.chamber)...) where they exist.
  - Retries follow the method. A V(GET), V(PUT) or V(DELETE) that failed on a server error or a lost reply is repeated;
    a V(POST) that may have reached the server is never repeated, and fails saying the request may or may not have been applied.
options:
  method:
    description:
      - The HTTP method.
    type: str
    choices: [GET, POST, PUT, DELETE]
    default: GET
  path:
    description:
      - The endpoint, relative to the API base (O(api_url)), for example V(/secrets) or V(/secrets/123456000000234567/password).
      - A URL with a scheme or host, a path starting with C(//), C(.) or C(..) segments and a query string are refused
        before anything is sent; give query parameters in O(params).
    type: str
    required: true
  params:
    description:
      - Query parameters, for example C(searchtext), or C(page) and C(per_page) of a list.
      - Booleans are sent as C(true)/C(false). Lists are not followed page by page; ask for each page yourself.
    type: dict
    default: {}
  operation:
    description:
      - The operation name of the request body, as the API reference gives it for the endpoint
        (V(ADD_SECRET), V(UPDATE_SECRET), V(SHARE_SECRET), V(ADD_GROUP_MEMBERS)...).
      - Required for V(POST) and V(PUT); optional for V(DELETE) (a DELETE without it sends no body); not allowed with V(GET).
    type: str
  data:
    description:
      - The C(data) object of the request body. Requires O(operation); not allowed with V(GET).
      - Values under keys named like secrets (C(password), C(new_password), C(token), C(secret)...) are masked in the
        result, the C(invocation) and error messages, wherever they appear; the rest of O(data) is shown, so put secrets
        only under such keys or set C(no_log) on the task.
    type: dict
  redact:
    description:
      - Mask the values of keys named like secrets (C(password), C(token)...) in RV(details) with C(********).
      - "B(Warning:) with V(false) the reply is returned as the server sent it, passwords included, and Ansible prints results
        at C(-v). Set C(no_log: true) on the task (the module warns when it is not set), and do not keep the result in a fact cache."
    type: bool
    default: true
extends_documentation_fragment:
  - zoho.vault.connection
attributes:
  check_mode:
    description: Can run in check_mode and return changed status prediction without modifying target.
    support: partial
    details:
      - A V(GET) runs normally in check mode.
      - A write is not sent in check mode and reports C(changed=true) with a warning, whatever the real run would do;
        the module cannot predict what a raw write would change.
  diff_mode:
    description: Will return details on what has changed (or possibly needs changing in check_mode), when in diff mode.
    support: none
    details:
      - The module does not know what an endpoint changes, so it returns no diff.
  platform:
    description: Target OS/families that can be operated against.
    support: N/A
    details:
      - The module talks to the Zoho Vault API over HTTPS; it runs on any host with Python and C(requests), usually C(localhost).
    platforms: posix
notes:
  - The OAuth scopes needed are those of the endpoint called.
  - With O(dialect=zoho) (production Zoho Vault) the module fails before any request; production Zoho Vault has other paths
    and encrypted values, which the other modules handle.
  - The reference API and the collection's guide on the raw API list the endpoints, operation names and fields.
seealso:
  - plugin: zoho.vault.api
    plugin_type: lookup
  - module: zoho.vault.secret
  - ref: ansible_collections.zoho.vault.docsite.guide_raw_api
    description: Calling endpoints no module covers yet.
author:
  - zoho.vault maintainers (@zoho-vault)
'''

EXAMPLES = r'''
- name: The current user (a GET; runs in check mode too)
  zoho.vault.api:
    path: /users/current
  register: me

- name: Search secrets, with query parameters
  zoho.vault.api:
    path: /secrets/search
    params:
      searchtext: Production Database
  register: found

- name: Their names
  ansible.builtin.debug:
    msg: "{{ found.details.secrets | map(attribute='secretname') | list }}"

- name: Create a secret through the raw API (the password is masked in the result and the invocation)
  zoho.vault.api:
    method: POST
    path: /secrets
    operation: ADD_SECRET
    data:
      secretname: Mailbox relay
      secrettype: Login
      username: relay
      password: "{{ initial_mailbox_password }}"
  register: made

- name: Update its notes with a PUT
  zoho.vault.api:
    method: PUT
    path: "/secrets/{{ made.details.secretid }}"
    operation: UPDATE_SECRET
    data:
      notes: Created by the raw API example

- name: Its password, unredacted (no_log keeps it out of the output)
  zoho.vault.api:
    path: "/secrets/{{ made.details.secretid }}/password"
    redact: false
  register: relay_password
  no_log: true

- name: Delete it
  zoho.vault.api:
    method: DELETE
    path: "/secrets/{{ made.details.secretid }}"
    operation: DELETE_SECRET
'''

RETURN = r'''
status:
  description:
    - The HTTP status of the last reply (for example V(200), or V(201) for a create).
    - A V(DELETE) repeated after a lost reply that finds the object already gone succeeds with V(404) here.
  returned: when the request was sent
  type: int
  sample: 201
details:
  description:
    - The C(operation.details) object of the reply, as the server sent it, except that with O(redact=true) the values
      of keys named like secrets are C(********).
    - A list endpoint returns one page (C(page), C(per_page), C(total) and the items).
  returned: when the request was sent
  type: raw
  sample:
    secretid: '123456000000234567'
    secretname: Mailbox relay
    secrettype: Login
    username: relay
request:
  description: What was sent (or, in check mode, what would have been sent), without the values of secret keys.
  returned: always, unless the options are invalid
  type: dict
  contains:
    method:
      description: The HTTP method.
      type: str
      sample: POST
    path:
      description: The path below the API base.
      type: str
      sample: /secrets
    params:
      description: The query parameters.
      type: dict
      sample: {}
    operation:
      description: The operation name of the body.
      returned: when O(operation) is given
      type: str
      sample: ADD_SECRET
    data:
      description: O(data), with the values of secret keys masked.
      returned: when O(data) is given
      type: dict
      sample: {secretname: Mailbox relay, password: '********'}
msg:
  description: In check mode, why a write was not sent.
  returned: when a write was skipped in check mode
  type: str
  sample: "check mode: POST /secrets was not sent"
'''

from ansible_collections.zoho.vault.plugins.module_utils._module import ZohoVaultModule
from ansible_collections.zoho.vault.plugins.module_utils._redact import SENSITIVE_KEYS, collect_secrets, redact


def secret_values(params):
    """The values of secret keys in ``data`` and ``params``: ``data`` is not no_log as a whole (its names and URLs
    help a reader), its secret keys are."""
    return [value for option in ('data', 'params') for value in collect_secrets(params.get(option), SENSITIVE_KEYS)]


def main():
    argument_spec = dict(
        method=dict(type='str', default='GET', choices=['GET', 'POST', 'PUT', 'DELETE']),
        path=dict(type='str', required=True),
        params=dict(type='dict', default={}),
        operation=dict(type='str'),
        data=dict(type='dict', no_log=False),
        redact=dict(type='bool', default=True),
    )
    module = ZohoVaultModule(argument_spec=argument_spec, supports_check_mode=True, hidden_values=secret_values)
    p = module.params
    with module.errors(changed=False):
        raw = module.vault.raw
        request = raw.prepare(p['method'], p['path'], params=p['params'], operation=p['operation'], data=p['data'])
        if module.check_mode and request.writes:
            msg = 'check mode: %s %s was not sent' % (request.method, request.path)
            module.warn(msg + '; a raw write cannot be predicted, so changed=true means only that it would be sent')
            module.exit_json(changed=True, msg=msg, request=request.describe())
        reply = raw.send(request)
    details = reply.details
    if p['redact']:
        module.no_log_values.update(collect_secrets(details, SENSITIVE_KEYS))
        details = redact(details, keys=SENSITIVE_KEYS)
    elif not module.no_log:
        module.warn('redact=false returns secret values as the server sent them; set no_log: true on this task')
    module.exit_json(changed=request.writes, status=reply.status, details=details, request=request.describe())


if __name__ == '__main__':
    main()

#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, zoho.vault contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later


DOCUMENTATION = r'''
---
module: emergency_access_info
short_description: List emergency access requests of Zoho Vault
version_added: 0.1.0
description:
  - Returns the emergency access requests visible to the caller (all of them for an Administrator; otherwise the
    ones granted by or to the caller), optionally of one secret, one user or one status.
  - The API gives each request an expiry time, not a status; the module adds C(status), which is V(active) while C(expirestime)
    lies in the future, V(expired) after it (and V(revoked) only when the API itself reports a request as revoked).
author:
  - zoho.vault maintainers (@zoho-vault)
extends_documentation_fragment:
  - zoho.vault.connection
  - zoho.vault.attributes.info_module
options:
  secret:
    description:
      - Only requests of the secret of this name (case-insensitive); with O(chamber) when the name exists in
        several chambers.
    type: str
  chamber:
    description:
      - The chamber of O(secret), by name or id.
    type: str
  secret_id:
    description:
      - Only requests of the secret with this id.
    type: str
  email:
    description:
      - Only requests for this user.
    type: str
  status:
    description:
      - Only requests with this status.
      - Zoho Vault lists live requests only, so V(expired) and V(revoked) match only a request that expires while
        the module runs, or where the API also lists requests that ended.
    type: str
    choices: [active, expired, revoked]
seealso:
  - module: zoho.vault.emergency_access
'''

EXAMPLES = r'''
- name: The live emergency access requests
  zoho.vault.emergency_access_info:
    status: active
  register: emergency

- name: The requests of one secret
  zoho.vault.emergency_access_info:
    secret: Production Database
    chamber: Demo Servers
  register: db_emergency
'''

RETURN = r'''
requests:
  description: The emergency access requests.
  returned: always
  type: list
  elements: dict
  sample:
    - requestid: "123456000000000077"
      secretid: "123456000000123456"
      emailid: oncall@example.com
      reason: INC-1234 database outage
      status: active
      expirestime: "2026-01-01T14:00:00Z"
'''

from ansible_collections.zoho.vault.plugins.module_utils._module import ZohoVaultModule
from ansible_collections.zoho.vault.plugins.module_utils._kinds.emergency_access import EmergencyState
from ansible_collections.zoho.vault.plugins.module_utils._kinds.secret_share import secret_ref


def main():
    module = ZohoVaultModule(
        argument_spec=dict(
            secret=dict(type='str', no_log=False),
            chamber=dict(type='str'),
            secret_id=dict(type='str'),
            email=dict(type='str'),
            status=dict(type='str', choices=['active', 'expired', 'revoked']),
        ),
        mutually_exclusive=[('secret', 'secret_id')],
        required_by={'chamber': 'secret'},
        supports_check_mode=True,
    )
    params = module.params
    with module.errors(changed=False):
        state = EmergencyState(module.vault)
        secret_id = params['secret_id']
        if params['secret']:
            secret_id = str(state.secrets.lookup(secret_ref(params))['secretid'])
        requests = state.requests(secret_id, params['email'], params['status'])
    module.exit_json(changed=False, requests=requests)


if __name__ == '__main__':
    main()

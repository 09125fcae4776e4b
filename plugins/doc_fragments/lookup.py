# -*- coding: utf-8 -*-
# Copyright: (c) 2026, zoho.vault contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later


class ModuleDocFragment:
    # The cross-process cache of the lookups (every zoho.vault lookup).
    DOCUMENTATION = r'''
options:
  cache:
    description:
      - Share looked-up values between the processes of one C(ansible-playbook) run through
        a short-lived per-user agent, so that a secret used by 50 hosts in 3 tasks is fetched once, not 150 times.
      - Values are held in the agent's memory only (never on disk), for O(cache_ttl) seconds, only for the user
        who fetched them, keyed on the endpoint, the credentials, the run and the term with its options.
      - Set to V(false) to call the API from every evaluation.
      - See the lookups guide for how the agent works and its security properties.
    type: bool
    default: true
    env:
      - name: ZOHO_VAULT_CACHE
    ini:
      - section: zoho_vault
        key: cache
    vars:
      - name: zoho_vault_cache
  cache_ttl:
    description:
      - Seconds a looked-up value (or a "not found" or "denied" answer) is shared before it is fetched again.
      - V(0) disables the sharing of values (and the agent); the access token is still shared by the token cache (O(token_cache)).
    type: int
    default: 60
    env:
      - name: ZOHO_VAULT_CACHE_TTL
    ini:
      - section: zoho_vault
        key: cache_ttl
    vars:
      - name: zoho_vault_cache_ttl
  cache_agent_dir:
    description:
      - The private directory (created 0700, refused if it is a symlink, someone else's or open to others)
        that holds the agent's socket, key and lock files. It never holds a value.
      - Default C($XDG_RUNTIME_DIR/zoho.vault), else C(<tmp>/zoho.vault-<uid>).
    type: path
    env:
      - name: ZOHO_VAULT_CACHE_AGENT_DIR
    ini:
      - section: zoho_vault
        key: cache_agent_dir
    vars:
      - name: zoho_vault_cache_agent_dir
notes:
  - Ansible templates a lookup each time a variable using it is evaluated, per host and per task, in a fresh process.
    With O(cache=true) the first evaluation fetches and the others (in any process of the same run) reuse the value
    for O(cache_ttl) seconds; a secret changed during the run is seen after at most O(cache_ttl) seconds.
  - The agent is a process of the user started with the controller's Python; it listens on a 0600 unix socket in a 0700
    directory, serves only the same user (a key in a 0600 file and peer credentials are checked), never calls the API, never
    holds a token, the client secret or the refresh token, and wipes values when their time is up,
    is not dumpable, and exits after O(cache_ttl) + 30 seconds (at least 60) without a request.
    When it cannot be started or reached, the lookups call the API directly (shown at C(-vvv)).
  - Results are marked unsafe, so a value containing C({{) is never templated.
  - Do not store looked-up values in fact caches (C(set_fact) with C(cacheable=true)), they would be written to disk.
  - With O(dialect=zoho) (production Zoho Vault) the values are decrypted on the controller. The master key is derived from
    O(master_password) once per run, not per process; with O(cache=true) the agent holds it in memory for O(cache_ttl) seconds
    beside the values (never on disk), together with the account's login details and secret list, so that a run needs the
    fewest API calls.
'''

    # What happens to a term that is missing, denied or ambiguous (the lookups that resolve terms).
    POLICIES = r'''
options:
  on_missing:
    description:
      - What to do when a secret, chamber or field does not exist (or is not visible to the user).
      - V(error) fails the task, V(warn) warns and leaves the term out of the result, V(skip) leaves it out silently.
    type: str
    choices: [error, warn, skip]
    default: error
  on_denied:
    description:
      - What to do when the API denies access to a secret (HTTP 403, Zoho codes 7003 and 7008).
      - V(error) fails the task, V(warn) warns and leaves the term out of the result, V(skip) leaves it out silently.
    type: str
    choices: [error, warn, skip]
    default: error
  on_ambiguous:
    description:
      - What to do when a name matches several secrets (the same name in several chambers).
      - V(error) fails and names every candidate with its chamber and id; V(warn) and V(skip) leave the term out;
        V(first) takes the oldest candidate (the lowest id).
      - Name the chamber (O(chamber) or a C(chamber/name) term) or use the secret id to choose one instead.
    type: str
    choices: [error, warn, skip, first]
    default: error
'''

# -*- coding: utf-8 -*-
# Copyright: (c) 2026, zoho.vault contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later


class ModuleDocFragment:
    """Connection and auth options, shared by every module and lookup.

    The schema lives once in C(plugins/module_utils/_options.py) (OPTIONS); a unit test
    keeps this text and that table in agreement. Modules use C(zoho.vault.connection),
    lookups C(zoho.vault.connection) plus C(zoho.vault.connection.plugins), which adds only the
    sources of each option (Ansible merges it into the first: types, defaults and descriptions come from there).
    """

    # For modules: options and their environment fallbacks (applied by the module itself).
    DOCUMENTATION = r'''
    options:
      data_center:
        description:
          - Zoho data center of the account; selects the accounts and vault hosts (see the connection guide for the table).
          - 'C(com) is U(https://accounts.zoho.com) and U(https://vault.zoho.com); C(zohocloud.ca) is Zoho''s Canadian data center.'
          - 'The vault hosts of C(sa) (U(https://vault.zoho.sa)) and C(com.cn) (U(https://vault.zoho.com.cn)) are inferred, not confirmed.'
          - Ignored for a URL given by O(api_url) or O(accounts_url).
          - 'If not set, the environment variable C(ZOHO_VAULT_DATA_CENTER) is used.'
        type: str
        default: com
        choices:
          - com
          - eu
          - in
          - com.au
          - jp
          - zohocloud.ca
          - sa
          - uk
          - com.cn
      api_url:
        description:
          - 'Base URL of the Zoho Vault API, overriding O(data_center): the vault host for O(dialect=zoho), for example
            V(https://vault.zoho.eu), or the JSON API root of a reference server, for example V(https://vault.example.com/api/json).'
          - 'Point it at the bundled emulator to test playbooks offline, for example V(http://127.0.0.1:8080/api/json).'
          - 'Redirects are never followed (they would resend the token or the request body): give the final address.'
          - 'If not set, the environment variable C(ZOHO_VAULT_API_URL) is used.'
        type: str
      accounts_url:
        description:
          - 'Base URL of the Zoho accounts (OAuth) server, overriding O(data_center), for example V(https://accounts.zoho.eu).'
          - 'The token endpoint is C(<accounts_url>/oauth/v2/token). Redirects are never followed (they would resend the client
            secret and the refresh token): give the final address.'
          - 'If not set, the environment variable C(ZOHO_VAULT_ACCOUNTS_URL) is used.'
        type: str
      validate_certs:
        description:
          - Verify the TLS certificate of the API and accounts servers.
          - Turn it off only for testing. V(false) wins over the C(REQUESTS_CA_BUNDLE) and C(CURL_CA_BUNDLE) environment variables.
          - 'If not set, the environment variable C(ZOHO_VAULT_VALIDATE_CERTS) is used.'
        type: bool
        default: true
      ca_path:
        description:
          - 'Path to a CA bundle (PEM) used to verify the servers'' certificates instead of the system bundle.'
          - 'When set, it wins over the C(REQUESTS_CA_BUNDLE) and C(CURL_CA_BUNDLE) environment variables; when unset, they apply.'
          - 'If not set, the environment variable C(ZOHO_VAULT_CA_PATH) is used.'
        type: path
      timeout:
        description:
          - 'Seconds one HTTP request may take: connecting and each wait for the reply are bounded by it, and the whole reply must
            have arrived within it from the moment the request was sent, so that a server sending its reply slowly is cut off
            (the request is then retried per O(retries)).'
          - 'A reply larger than 32 MiB is refused, whatever the time it takes.'
          - 'If not set, the environment variable C(ZOHO_VAULT_TIMEOUT) is used.'
        type: int
        default: 30
      retries:
        description:
          - 'How many times a call is repeated after a transient failure (5xx, connection error, timeout), with exponential backoff and jitter.'
          - A create is repeated only after checking that the object does not exist yet, so that nothing is created twice.
          - 'Rate-limit waits (HTTP 429, pacing on C(X-RateLimit-Remaining)) do not count against it.'
          - 'If not set, the environment variable C(ZOHO_VAULT_RETRIES) is used.'
        type: int
        default: 5
      retry_action:
        description:
          - What to do when a call is retried or waits for the rate limit.
          - V(warn) shows a warning each time; V(ignore) retries silently.
          - 'If not set, the environment variable C(ZOHO_VAULT_RETRY_ACTION) is used.'
        type: str
        default: warn
        choices:
          - warn
          - ignore
      proxy:
        description:
          - 'URL of an HTTP(S) proxy for both the API and the accounts server, for example V(http://proxy.example.com:3128).'
          - 'When unset, the standard C(HTTPS_PROXY), C(HTTP_PROXY) and C(NO_PROXY) environment variables apply; when set, it wins
            over them (C(NO_PROXY) included).'
          - 'It may carry a password (V(http://user:password@proxy.example.com:3128)). This value is a secret: it is never logged
            or shown (no_log).'
          - 'If not set, the environment variable C(ZOHO_VAULT_PROXY) is used.'
        type: str
      allow_http:
        description:
          - 'Allow a plain C(http://) O(api_url) or O(accounts_url) for a host that is not loopback.'
          - 'Plain HTTP to V(127.0.0.1), V(::1) or V(localhost) is always allowed (the emulator); anywhere else it would expose tokens.'
          - 'If not set, the environment variable C(ZOHO_VAULT_ALLOW_HTTP) is used.'
        type: bool
        default: false
      access_token:
        description:
          - 'A ready OAuth access token (it lives one hour), for example one that AWX''s control plane minted for all jobs.'
          - 'Alone, it is used as is and never refreshed. With O(client_id), O(client_secret) and O(refresh_token) as well, it is
            used first, and when the API refuses it (expired) a new token is minted with the refresh token.'
          - 'This value is a secret: it is never logged or shown (no_log).'
          - 'If not set, the environment variable C(ZOHO_VAULT_ACCESS_TOKEN) is used.'
        type: str
      client_id:
        description:
          - OAuth client id of the self client or server-based client registered in the Zoho API console.
          - Used with O(client_secret) and O(refresh_token) to mint access tokens.
          - 'If not set, the environment variable C(ZOHO_VAULT_CLIENT_ID) is used.'
        type: str
      client_secret:
        description:
          - OAuth client secret belonging to O(client_id).
          - 'This value is a secret: it is never logged or shown (no_log).'
          - 'If not set, the environment variable C(ZOHO_VAULT_CLIENT_SECRET) is used.'
        type: str
      refresh_token:
        description:
          - OAuth refresh token (it does not expire) from which access tokens are minted.
          - Zoho mints at most 10 access tokens per refresh token in 10 minutes; keep O(token_cache) on.
          - 'This value is a secret: it is never logged or shown (no_log).'
          - 'If not set, the environment variable C(ZOHO_VAULT_REFRESH_TOKEN) is used.'
        type: str
      scopes:
        description:
          - 'The scopes the refresh token was granted, for example V(ZohoVault.secrets.READ).'
          - Not sent to Zoho (a refresh token always yields its granted scopes); it only separates token cache entries.
          - 'If not set, the environment variable C(ZOHO_VAULT_SCOPES) is used.'
        type: list
        elements: str
      token_cache:
        description:
          - Share the access token between every process of the user through a cache file, so that any number of forks and tasks mint one token an hour.
          - 'The file holds only the access token and its expiry, never the client secret or the refresh token.'
          - 'If not set, the environment variable C(ZOHO_VAULT_TOKEN_CACHE) is used.'
        type: bool
        default: true
      token_cache_dir:
        description:
          - Directory of the token cache (created with mode 0700; entries are 0600).
          - 'A directory owned by another user or writable by others is refused, for reading as for writing; entries that are
            symlinks, not regular files, or writable by others are never used.'
          - 'Defaults to C($XDG_CACHE_HOME/zoho.vault/tokens), or C(~/.cache/zoho.vault/tokens).'
          - 'If not set, the environment variable C(ZOHO_VAULT_TOKEN_CACHE_DIR) is used.'
        type: path
      dialect:
        description:
          - 'Which API the server speaks. V(zoho) is production Zoho Vault (zero-knowledge: secrets are decrypted on this host with
            O(master_password) or O(master_key)); V(reference) is the simplified reference API that the bundled emulator serves.'
          - 'V(auto) picks V(zoho) when O(api_url) is unset (only O(data_center) is named) or names a Zoho vault host such as
            V(https://vault.zoho.eu), and V(reference) for any other O(api_url), for example the bundled emulator.'
          - 'With V(zoho), O(api_url) is the vault base URL (for example V(https://vault.zoho.com)); the client adds the API paths.'
          - 'Production Zoho Vault has no API for emergency access, audit reads, server exports, ownership transfer, or chamber,
            user and group changes: with V(zoho) these fail before any request.'
          - 'If not set, the environment variable C(ZOHO_VAULT_DIALECT) is used.'
        type: str
        default: auto
        choices:
          - auto
          - reference
          - zoho
      master_password:
        description:
          - 'The Zoho Vault master password (passphrase) of the token''s user, for O(dialect=zoho): the key is derived from it on
            this host and checked against the account''s passphrase check blob before anything else; it is never sent.'
          - 'Mutually exclusive with O(master_key).'
          - 'This value is a secret: it is never logged or shown (no_log).'
          - 'If not set, the environment variable C(ZOHO_VAULT_MASTER_PASSWORD) is used.'
        type: str
      master_key:
        description:
          - 'The derived master key (32 hexadecimal characters) instead of O(master_password), for O(dialect=zoho), so that the
            automation need not hold the passphrase (the key still decrypts every secret of the user).'
          - 'This value is a secret: it is never logged or shown (no_log).'
          - 'If not set, the environment variable C(ZOHO_VAULT_MASTER_KEY) is used.'
        type: str
      zoho_preview_writes:
        description:
          - 'Allow secret writes (create, update, delete, sharing) with O(dialect=zoho). They follow Zoho''s own apps but were never
            tried against a live vault, so they are off by default; every write is read back and decrypted before it counts as done.'
          - 'If not set, the environment variable C(ZOHO_VAULT_ZOHO_PREVIEW_WRITES) is used.'
        type: bool
        default: false
      sensitive_custom_fields:
        description:
          - 'Names of custom fields whose values are secret, like a password: case-insensitive, with shell-style wildcards,
            for example V(api_token) or V(*_token).'
          - 'Wherever a password is hidden, their values are too: in module results, C(--diff), plans, errors, the documents of
            M(zoho.vault.vault_state_info) and the files of M(zoho.vault.export). They are shown only where passwords are asked for
            (O(zoho.vault.secret#module:return_password), O(zoho.vault.secret_info#module:include_password),
            O(zoho.vault.export#module:include_passwords), the C(include_password) option of the P(zoho.vault.secret#lookup) and
            P(zoho.vault.secrets#lookup) lookups). Changes are still detected on the real values.'
          - 'With O(dialect=zoho) the custom fields that Zoho Vault itself marks as passwords (concealed) are sensitive too, and the
            fields named here are written as password fields.'
          - 'By default (not set) only those fields the vault marks are sensitive: the reference API marks none.'
          - 'If not set, the environment variable C(ZOHO_VAULT_SENSITIVE_CUSTOM_FIELDS) (comma-separated) is used.'
        type: list
        elements: str
    notes:
      - Set the options once for every module with C(module_defaults) and the action group C(group/zoho.vault.all).
      - "Precedence for modules: task argument, then C(module_defaults), then the C(ZOHO_VAULT_<OPTION>) environment variable
        on the managed node, then the default."
      - Give O(access_token), or O(client_id), O(client_secret) and O(refresh_token), or all four (the access token first).
    requirements:
      - requests
'''

    # For plugins (lookups), after DOCUMENTATION: where each option is read from (a unit test checks every option
    # has its three sources, named after it), and the lookups' precedence. Ansible merges the rest from DOCUMENTATION.
    PLUGINS = r'''
    options:
      data_center:
        env:
          - name: ZOHO_VAULT_DATA_CENTER
        ini:
          - section: zoho_vault
            key: data_center
        vars:
          - name: zoho_vault_data_center
      api_url:
        env:
          - name: ZOHO_VAULT_API_URL
        ini:
          - section: zoho_vault
            key: api_url
        vars:
          - name: zoho_vault_api_url
      accounts_url:
        env:
          - name: ZOHO_VAULT_ACCOUNTS_URL
        ini:
          - section: zoho_vault
            key: accounts_url
        vars:
          - name: zoho_vault_accounts_url
      validate_certs:
        env:
          - name: ZOHO_VAULT_VALIDATE_CERTS
        ini:
          - section: zoho_vault
            key: validate_certs
        vars:
          - name: zoho_vault_validate_certs
      ca_path:
        env:
          - name: ZOHO_VAULT_CA_PATH
        ini:
          - section: zoho_vault
            key: ca_path
        vars:
          - name: zoho_vault_ca_path
      timeout:
        env:
          - name: ZOHO_VAULT_TIMEOUT
        ini:
          - section: zoho_vault
            key: timeout
        vars:
          - name: zoho_vault_timeout
      retries:
        env:
          - name: ZOHO_VAULT_RETRIES
        ini:
          - section: zoho_vault
            key: retries
        vars:
          - name: zoho_vault_retries
      retry_action:
        env:
          - name: ZOHO_VAULT_RETRY_ACTION
        ini:
          - section: zoho_vault
            key: retry_action
        vars:
          - name: zoho_vault_retry_action
      proxy:
        env:
          - name: ZOHO_VAULT_PROXY
        ini:
          - section: zoho_vault
            key: proxy
        vars:
          - name: zoho_vault_proxy
      allow_http:
        env:
          - name: ZOHO_VAULT_ALLOW_HTTP
        ini:
          - section: zoho_vault
            key: allow_http
        vars:
          - name: zoho_vault_allow_http
      access_token:
        env:
          - name: ZOHO_VAULT_ACCESS_TOKEN
        ini:
          - section: zoho_vault
            key: access_token
        vars:
          - name: zoho_vault_access_token
      client_id:
        env:
          - name: ZOHO_VAULT_CLIENT_ID
        ini:
          - section: zoho_vault
            key: client_id
        vars:
          - name: zoho_vault_client_id
      client_secret:
        env:
          - name: ZOHO_VAULT_CLIENT_SECRET
        ini:
          - section: zoho_vault
            key: client_secret
        vars:
          - name: zoho_vault_client_secret
      refresh_token:
        env:
          - name: ZOHO_VAULT_REFRESH_TOKEN
        ini:
          - section: zoho_vault
            key: refresh_token
        vars:
          - name: zoho_vault_refresh_token
      scopes:
        env:
          - name: ZOHO_VAULT_SCOPES
        ini:
          - section: zoho_vault
            key: scopes
        vars:
          - name: zoho_vault_scopes
      token_cache:
        env:
          - name: ZOHO_VAULT_TOKEN_CACHE
        ini:
          - section: zoho_vault
            key: token_cache
        vars:
          - name: zoho_vault_token_cache
      token_cache_dir:
        env:
          - name: ZOHO_VAULT_TOKEN_CACHE_DIR
        ini:
          - section: zoho_vault
            key: token_cache_dir
        vars:
          - name: zoho_vault_token_cache_dir
      dialect:
        env:
          - name: ZOHO_VAULT_DIALECT
        ini:
          - section: zoho_vault
            key: dialect
        vars:
          - name: zoho_vault_dialect
      master_password:
        env:
          - name: ZOHO_VAULT_MASTER_PASSWORD
        ini:
          - section: zoho_vault
            key: master_password
        vars:
          - name: zoho_vault_master_password
      master_key:
        env:
          - name: ZOHO_VAULT_MASTER_KEY
        ini:
          - section: zoho_vault
            key: master_key
        vars:
          - name: zoho_vault_master_key
      zoho_preview_writes:
        env:
          - name: ZOHO_VAULT_ZOHO_PREVIEW_WRITES
        ini:
          - section: zoho_vault
            key: zoho_preview_writes
        vars:
          - name: zoho_vault_zoho_preview_writes
      sensitive_custom_fields:
        env:
          - name: ZOHO_VAULT_SENSITIVE_CUSTOM_FIELDS
        ini:
          - section: zoho_vault
            key: sensitive_custom_fields
        vars:
          - name: zoho_vault_sensitive_custom_fields
    notes:
      - "Precedence for lookups: keyword arguments of the lookup, then variables (C(zoho_vault_<option>)),
        then environment variables (C(ZOHO_VAULT_<OPTION>)), then C(ansible.cfg) section C([zoho_vault]), then the default."
'''

# -*- coding: utf-8 -*-
# Copyright: (c) 2026, zoho.vault contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The Zoho accounts token endpoint: the refresh-token grant, and its errors as one-line messages.

The providers of ``_auth`` decide when a token is needed; this only mints one.
"""

from __future__ import annotations

from typing import Any, Dict, Set

from ansible_collections.zoho.vault.plugins.module_utils._errors import (
    AuthError, MalformedResponse, ServerError, TokenMintLimit, TransportError, VaultError,
)
from ansible_collections.zoho.vault.plugins.module_utils._redact import redact_text
from ansible_collections.zoho.vault.plugins.module_utils._retry import Action, Backoff, Budget, Mode, Outcome, decide
from ansible_collections.zoho.vault.plugins.module_utils._transport import ACCOUNTS_HINT, Failure, Reply, Transport

TOKEN_PATH = '/oauth/v2/token'
CONTEXT = 'POST %s' % TOKEN_PATH


class TokenEndpoint:
    """``mint`` POSTs the refresh-token grant (form body, never the query string) and returns the JSON reply."""

    def __init__(self, transport: Transport, accounts_url: str, backoff: Backoff, secrets: Set[str]) -> None:
        self.transport = transport
        self.url = accounts_url.rstrip('/') + TOKEN_PATH
        self.backoff = backoff
        self.secrets = secrets

    def mint(self, client_id: str, client_secret: str, refresh_token: str) -> Dict[str, Any]:
        form = {'grant_type': 'refresh_token', 'client_id': client_id, 'client_secret': client_secret,
                'refresh_token': refresh_token}
        self.secrets.update([client_secret, refresh_token])
        budget = Budget(Mode.SAFE, self.backoff.retries, can_refresh=False, max_rate_wait=0.0, max_total_wait=0.0)
        while True:
            try:
                return self._once(form)
            except Failure as failure:
                # Repeating a mint is harmless (at worst one more token is counted).
                retryable = failure.retryable or (failure.sent and isinstance(failure.error, TransportError))
                outcome = Outcome.of(failure.error, retryable, failure.sent)
                verdict = decide(outcome, budget)
                if verdict.action is not Action.RETRY:
                    raise failure.error from None
                budget = budget.after(outcome, verdict)
                self.backoff.pause(budget.attempt, failure.error)

    def _once(self, form: Dict[str, str]) -> Dict[str, Any]:
        self.backoff.stats.token_calls += 1
        reply = self.transport.exchange('POST', self.url, CONTEXT, 'accounts_url', data=form,
                                        headers={'Content-Type': 'application/x-www-form-urlencoded'})
        body = reply.body
        if isinstance(body, dict) and body.get('error'):
            raise self._refused(reply, body)
        if reply.status >= 500:
            raise Failure(ServerError('token endpoint failed', status=reply.status, context=CONTEXT), True, True)
        if not isinstance(body, dict) or not body.get('access_token'):
            raise MalformedResponse('the token endpoint did not return an access_token', status=reply.status,
                                    context=CONTEXT, hint=ACCOUNTS_HINT)
        self.secrets.add(body['access_token'])
        return body

    def _refused(self, reply: Reply, body: Dict[str, Any]) -> VaultError:
        error = str(body.get('error') or '')
        description = str(body.get('error_description') or '')
        text = redact_text(' '.join([error, description]).strip(), self.secrets)
        if 'too many requests' in (error + ' ' + description).lower():
            return TokenMintLimit('Zoho refused to mint an access token: %s' % text, status=reply.status, context=CONTEXT)
        hint = None
        if error in ('invalid_client', 'invalid_client_secret'):
            hint = 'Check client_id and client_secret, and that data_center/accounts_url is where the client was registered'
        elif error in ('invalid_code', 'invalid_token', 'invalid_grant'):
            hint = 'The refresh token is invalid or revoked: generate a new one (see the connection guide)'
        return AuthError('the token endpoint refused the refresh token grant: %s' % text, status=reply.status, context=CONTEXT, hint=hint)

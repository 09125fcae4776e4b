# -*- coding: utf-8 -*-
# Copyright: (c) 2026, zoho.vault contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The rate-limit window shared by every fork of a run, through the agent.

Imported only when a lookup really calls the API (it needs ``requests``).
"""

from __future__ import (absolute_import, division, print_function)
from __future__ import annotations
__metaclass__ = type

import time
from typing import Any, Callable

try:
    import requests
    _Session = requests.Session
    HAS_REQUESTS = True
except ImportError:  # pragma: no cover - the client reports the missing library
    _Session = object
    HAS_REQUESTS = False

from ansible_collections.zoho.vault.plugins.plugin_utils._agent import AgentClient, AgentUnavailable
from ansible_collections.zoho.vault.plugins.plugin_utils._cache import LookupCache


class PacedSession(_Session):
    """A requests session that asks the agent before each API call and reports the rate-limit headers.

    The client paces itself on the headers it sees; this makes every fork see the same window.
    """

    def __init__(self, cache: LookupCache, bucket: str, api_url: str, sleep: Callable[[float], None] = time.sleep,
                 max_wait: float = 75.0) -> None:
        super(PacedSession, self).__init__()
        self.zv_cache = cache
        self.zv_bucket = bucket
        self.zv_api_url = api_url.rstrip('/')
        self.zv_sleep = sleep
        self.zv_max_wait = max_wait

    def request(self, method: str, url: Any, *args: Any, **kwargs: Any) -> Any:  # pylint: disable=arguments-differ
        api_call = str(url).startswith(self.zv_api_url)
        agent = self.zv_cache.agent
        if api_call and agent is not None:
            try:
                wait = agent.permit(self.zv_bucket)
            except AgentUnavailable as exc:
                self.zv_cache.disable(str(exc))
            else:
                # A window further away than the client would wait is the per-day quota: sleeping
                # first would only delay the failure. The call goes out, and the server's 429 says
                # when the quota resets (rejected calls cost no quota).
                if 0 < wait <= self.zv_max_wait:
                    self.zv_sleep(wait)
        response = super(PacedSession, self).request(method, url, *args, **kwargs)
        agent = self.zv_cache.agent
        if api_call and agent is not None:
            self._report(agent, response)
        return response

    def _report(self, agent: AgentClient, response: Any) -> None:
        headers = getattr(response, 'headers', None) or {}
        try:
            limit = float(headers['X-RateLimit-Limit'])
            remaining = float(headers['X-RateLimit-Remaining'])
            reset = float(headers['X-RateLimit-Reset'])
        except (KeyError, TypeError, ValueError):
            return
        try:
            agent.report(self.zv_bucket, limit, remaining, reset)
        except AgentUnavailable as exc:
            self.zv_cache.disable(str(exc))

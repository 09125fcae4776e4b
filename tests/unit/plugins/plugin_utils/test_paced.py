# -*- coding: utf-8 -*-
# Copyright: (c) 2026, zoho.vault contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""PacedSession: every fork asks the shared window before an API call and reports the headers after it."""


import pytest

from ansible_collections.zoho.vault.plugins.plugin_utils import _paced
from ansible_collections.zoho.vault.plugins.plugin_utils._agent_server import Store
from ansible_collections.zoho.vault.plugins.plugin_utils._cache import LookupCache

pytestmark = pytest.mark.skipif(not _paced.HAS_REQUESTS, reason='requests is not installed')


class StoreAgent:
    def __init__(self, store):
        self.store = store

    def permit(self, bucket, reserve=2):
        return self.store.permit(bucket, reserve)

    def report(self, bucket, limit, remaining, reset):
        self.store.report(bucket, limit, remaining, reset)


class Reply:
    def __init__(self, headers):
        self.headers = headers


def test_forks_share_one_rate_limit_window(monkeypatch):
    store = Store()
    reset = store.wall() + 30
    monkeypatch.setattr('requests.Session.request', lambda self, method, url, *a, **k: Reply(
        {'X-RateLimit-Limit': '100', 'X-RateLimit-Remaining': '3', 'X-RateLimit-Reset': str(reset)}))
    sleeps = []
    sessions = [_paced.PacedSession(LookupCache(StoreAgent(store), 'id', 'run', 60, 30), 'bucket', 'https://vault.test/api/json',
                                    sleep=sleeps.append) for dummy in range(3)]
    sessions[0].request('GET', 'https://vault.test/api/json/secrets')   # reports 3 left in the window
    sessions[1].request('GET', 'https://vault.test/api/json/secrets')   # counts itself: 2 left, at the reserve
    assert sleeps == []
    sessions[2].request('GET', 'https://vault.test/api/json/secrets')   # 1 left: spread over the window
    assert store.buckets['bucket']['limit'] == 100
    assert len(sleeps) == 1 and 5 < sleeps[0] <= 10.5


def test_token_requests_are_not_paced(monkeypatch):
    store = Store()
    store.report('bucket', 100, 0, store.wall() + 30)
    monkeypatch.setattr('requests.Session.request', lambda self, method, url, *a, **k: Reply({}))
    sleeps = []
    session = _paced.PacedSession(LookupCache(StoreAgent(store), 'id', 'run', 60, 30), 'bucket', 'https://vault.test/api/json',
                                  sleep=sleeps.append)
    session.request('POST', 'https://accounts.test/oauth/v2/token')
    assert sleeps == []


def test_a_window_beyond_the_wait_bound_is_not_slept_into(monkeypatch):
    # The quota resets in an hour (the per-day limit): sleeping 75 s first would only delay the failure;
    # the call goes out and the client fails at once on the server's 429, naming when the quota resets.
    store = Store()
    store.report('bucket', 100, 0, store.wall() + 3600)
    sent = []
    monkeypatch.setattr('requests.Session.request', lambda self, method, url, *a, **k: sent.append(url) or Reply({}))
    sleeps = []
    session = _paced.PacedSession(LookupCache(StoreAgent(store), 'id', 'run', 60, 30), 'bucket', 'https://vault.test/api/json',
                                  sleep=sleeps.append)
    session.request('GET', 'https://vault.test/api/json/secrets')
    assert sleeps == [] and sent == ['https://vault.test/api/json/secrets']

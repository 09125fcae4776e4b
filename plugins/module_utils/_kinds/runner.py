# -*- coding: utf-8 -*-
# Copyright: (c) 2026, zoho.vault contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The body every single-object module shares: read → plan → apply (or predict) → result with diff.

A module calls ``run_single(module, ChamberState(module.vault), spec, 'chamber')`` inside
``with module.errors(changed=False):`` and passes the result to ``exit_json``; ``exit_single`` does all
of that for a module that adds nothing to the result.
"""

from __future__ import annotations

from typing import Any, Callable, Dict

from ansible_collections.zoho.vault.plugins.module_utils._errors import VaultError
from ansible_collections.zoho.vault.plugins.module_utils._kinds.interface import Kind


def run_single(module: Any, state: Kind, spec: Dict[str, Any], key: str) -> Dict[str, Any]:
    """Reconcile one object; returns the result dict (``changed``, ``plan``, ``key``, ``diff`` with --diff)."""
    desired = state.desired(spec)
    current = state.read(spec)
    change = state.plan(current, desired, spec)
    refusal = state.vault.write_refusal(change)
    if refusal is not None:
        raise refusal
    if change is None or module.check_mode:
        after = state.predict(change, current, desired, spec)
    else:
        try:
            after = state.apply(change, current, desired, spec)
        except VaultError as err:
            # An apply of several calls (an update, then an ownership transfer) may fail after a write.
            module.fail_on_error(err, changed=bool(state.writes_done), plan=[change.as_dict()])
    result = {'changed': change is not None, 'plan': [change.as_dict()] if change else []}
    result[key] = {} if after is None else state.shown(after)
    if change is not None:
        result['msg'] = change.summary()
    if module._diff:
        name = change.name if change else spec.get('name') or spec.get('secret') or spec.get('email') or ''
        result['diff'] = state.diff(current, after, change, '%s %s' % (state.kind, name))
    return result


def exit_single(module: Any, kind: Callable[[Any], Kind], key: str) -> None:
    """The rest of ``main()`` for a module whose options are the spec of one object of ``kind``: run, then exit."""
    spec = dict(module.params)
    with module.errors(changed=False):
        result = run_single(module, kind(module.vault), spec, key)
    module.exit_json(**result)

# -*- coding: utf-8 -*-
# Copyright: (c) 2026, zoho.vault contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The body every single-object module shares: read → plan → apply (or predict) → result with diff.

A module calls ``run_single(module, ChamberState(module.vault), spec, 'chamber', view)``
inside ``with module.errors(changed=False):`` and passes the result to ``exit_json``.
"""

from __future__ import (absolute_import, division, print_function)
from __future__ import annotations
__metaclass__ = type

from typing import Any, Callable, Dict, Optional

from ansible_collections.zoho.vault.plugins.module_utils._errors import VaultError
from ansible_collections.zoho.vault.plugins.module_utils._reconcile import diff


def run_single(module: Any, state: Any, spec: Dict[str, Any], key: str,
               view: Callable[[Optional[Dict[str, Any]]], Optional[Dict[str, Any]]], secret_fields: tuple = (),
               shown: Optional[Callable[[Dict[str, Any]], Dict[str, Any]]] = None) -> Dict[str, Any]:
    """Reconcile one object; returns the result dict (``changed``, ``plan``, ``key``, ``diff`` with --diff).

    ``state.predict`` gets ``spec`` as its fourth argument. ``shown`` turns the object after the task into
    ``result[key]`` (default: a copy). A state with a ``diff(current, after, change)`` method makes its own
    ``--diff`` (for stand-ins of secret values); else ``view`` of both sides is compared.
    """
    desired = state.desired(spec)
    current = state.read(spec)
    change = state.plan(current, desired, spec)
    if change is None or module.check_mode:
        after = state.predict(change, current, desired, spec)
    else:
        try:
            after = state.apply(change, current, desired, spec)
        except VaultError as err:
            # An apply of several calls (an update, then an ownership transfer) may fail after a write.
            module.fail_on_error(err, changed=bool(getattr(state, 'writes_done', 0)), plan=[change.as_dict()])
    result = {'changed': change is not None, 'plan': [change.as_dict()] if change else []}
    result[key] = {} if after is None else (shown or dict)(after)
    if change is not None:
        result['msg'] = change.summary()
    if module._diff:
        own_diff = getattr(state, 'diff', None)
        if own_diff is not None:
            result['diff'] = own_diff(current, after, change)
        else:
            header = '%s %s' % (state.kind, (change.name if change else spec.get('name') or spec.get('secret') or spec.get('email') or ''))
            result['diff'] = diff(view(current), view(after), secret_fields, header=header)
    return result

# -*- coding: utf-8 -*-
# Copyright: (c) 2026, zoho.vault contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The one place the state tests build a kind's state object and walk it through desired/read/plan/apply."""

from __future__ import annotations

from typing import Any, Optional, Tuple


def new_state(cls: Any, vault: Any, **extra: Any) -> Any:
    return cls(vault, **extra)


def walk(cls: Any, vault: Any, spec: dict, check_mode: bool = False, **extra: Any) -> Tuple[Optional[Any], Any, Any, Any]:
    """(change, the object after it, the state object, the object before) of one run; check mode predicts instead of applying."""
    state = new_state(cls, vault, **extra)
    desired = state.desired(spec)
    current = state.read(spec)
    change = state.plan(current, desired, spec)
    if change is None or check_mode:
        return change, state.predict(change, current, desired, spec), state, current
    return change, state.apply(change, current, desired, spec), state, current


def run(cls: Any, vault: Any, spec: dict, check_mode: bool = False, **extra: Any) -> Tuple[Optional[Any], Any]:
    """(change, the object after it) of one run."""
    return walk(cls, vault, spec, check_mode, **extra)[:2]

# -*- coding: utf-8 -*-
# Copyright: (c) 2026, zoho.vault contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Reviewed plans: a plan saved in check mode, applied later only when nothing changed (Terraform's saved plans).

The file holds the plan as the module returns it (secret values redacted, so it can be attached to a review)
and a fingerprint of what the plan was made from: a SHA-256 of the objects the engine read from the vault.
Applying with the file re-reads the vault and re-plans; a different fingerprint (the vault changed) or a
different plan (the vault or the document changed) refuses before any write.
"""

from __future__ import annotations

import hashlib
import json
import os
from typing import Any, Dict, List

from ansible_collections.zoho.vault.plugins.module_utils._errors import Conflict, ValidationError
from ansible_collections.zoho.vault.plugins.module_utils._private_files import atomic_write
from ansible_collections.zoho.vault.plugins.module_utils._redact import SensitiveFields

FORMAT = 1
HINT = 'Make and review a new plan (check mode with plan_file), then apply it'


def fingerprint(model: Any) -> str:
    """What the plan was made from: every object the engine read, passwords left out (the API lists none anyway).

    Sensitive custom field values are masked first: the file is meant to be shared, and a hash over a short value
    (a PIN) and fields anyone can read could be guessed back. A change of such a value alone is then not seen here,
    as a password change is not; the plan, made again before applying, still decides what is written."""
    sensitive = SensitiveFields.of(getattr(getattr(model.vault, 'client', None), 'options', None))
    secrets = [sensitive.conceal(s) for s in model.secrets] if model.secrets is not None else None
    read = {name: _strip(secrets if name == 'secrets' else getattr(model, name))
            for name in ('users', 'groups', 'chambers', 'secrets', 'shares')}
    text = json.dumps(read, sort_keys=True, separators=(',', ':'), default=str)
    return hashlib.sha256(text.encode('utf-8')).hexdigest()


def _strip(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _strip(v) for k, v in value.items() if k != 'password'}
    if isinstance(value, (list, tuple)):
        return [_strip(v) for v in value]
    return value


def _changes(plan: List[Dict[str, Any]]) -> List[Dict[str, Any]]:
    """The plan without what applying changes (the status of each change)."""
    return [{k: v for k, v in change.items() if k not in ('status', 'error')} for change in plan]


def save(path: str, engine: Any, result: Dict[str, Any]) -> None:
    data = {'format': FORMAT, 'fingerprint': fingerprint(engine.snapshot), 'plan': _changes(result['plan']), 'summary': result['summary']}
    directory = os.path.dirname(os.path.abspath(path))
    try:
        atomic_write(directory, path, (json.dumps(data, indent=1, sort_keys=True) + '\n').encode('utf-8'))
    except OSError as exc:
        raise ValidationError('cannot write the plan to %s (%s)' % (path, exc.strerror or exc)) from None


def load(path: str) -> Dict[str, Any]:
    try:
        with open(path, 'rb') as handle:
            data = json.loads(handle.read().decode('utf-8'))
    except OSError as exc:
        raise ValidationError('cannot read the saved plan %s (%s)' % (path, exc.strerror or exc), hint=HINT) from None
    except ValueError:
        raise ValidationError('%s is not a plan saved by zoho.vault.vault_state' % path, hint=HINT) from None
    if not isinstance(data, dict) or data.get('format') != FORMAT or not isinstance(data.get('plan'), list):
        raise ValidationError('%s is not a plan saved by this version of zoho.vault.vault_state' % path, hint=HINT)
    return data


def check(path: str, engine: Any, result: Dict[str, Any]) -> None:
    """Conflict, before any write, unless the vault and the new plan are what the saved plan was made from and says."""
    saved = load(path)
    if saved.get('fingerprint') != fingerprint(engine.snapshot):
        raise Conflict('the vault changed since the plan in %s was saved; nothing was applied' % path, hint=HINT)
    now = _changes(result['plan'])
    if now != saved['plan']:
        raise Conflict('the plan differs from the one saved in %s (%d change(s) now, %d saved), so the document changed; '
                       'nothing was applied' % (path, len(now), len(saved['plan'])), hint=HINT)

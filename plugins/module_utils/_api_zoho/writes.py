# -*- coding: utf-8 -*-
# Copyright: (c) 2026, zoho.vault contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Writes of the zoho dialect (preview)."""

from __future__ import annotations

from typing import Any, Dict, List, Optional


def create_secret(secrets: Any, data: Dict[str, Any]) -> Dict[str, Any]:
    secrets.session.require_writes('creating a secret')
    raise secrets.session.refuse('creating a secret')


def update_secret(secrets: Any, secret_id: str, data: Dict[str, Any]) -> Dict[str, Any]:
    secrets.session.require_writes('changing a secret')
    raise secrets.session.refuse('changing a secret')


def delete_secret(secrets: Any, secret_id: str) -> Dict[str, Any]:
    secrets.session.require_writes('deleting a secret')
    raise secrets.session.refuse('deleting a secret')


def share_secret(shares: Any, secret_id: str, users: List[Dict[str, Any]], groups: List[Dict[str, Any]]) -> Dict[str, Any]:
    shares.session.require_writes('sharing a secret')
    raise shares.session.refuse('sharing a secret')


def revoke_share(shares: Any, secret_id: str, emailid: Optional[str], groupid: Optional[str]) -> Dict[str, Any]:
    shares.session.require_writes('revoking a share')
    raise shares.session.refuse('revoking a share')

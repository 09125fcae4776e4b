# -*- coding: utf-8 -*-
# Copyright: (c) 2026, zoho.vault contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The plain-text table the benchmarks print: one row per scenario, then each scenario's failures."""

from __future__ import annotations

from typing import Any, Dict, List, Sequence, Tuple


def print_table(rows: List[Dict[str, Any]], cols: Sequence[Tuple[str, int]]) -> None:
    print(' '.join(name.ljust(width) for name, width in cols))
    for row in rows:
        print(' '.join(str(row[name]).ljust(width) for name, width in cols))
    for row in rows:
        if row['errors']:
            print('%s: failures: %s' % (row['scenario'], row['errors']))

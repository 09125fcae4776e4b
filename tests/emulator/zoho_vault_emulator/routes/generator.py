"""The password generator."""

from __future__ import annotations

import secrets
import string
from typing import Any

from ..errors import validation
from ..routing import Ctx, api, bool_arg, int_arg

# The special characters include quotes, backslash and space: clients must carry such passwords intact.
AWKWARD = "\"'\\ "
SYMBOLS = "!@#$%^&*()-_=+[]{};:,.?/<>|~`" + AWKWARD
CLASSES = (("uppercase", string.ascii_uppercase), ("lowercase", string.ascii_lowercase), ("numbers", string.digits), ("symbols", SYMBOLS))


@api("GET", "/password/generate", "GENERATE_PASSWORD", params=("length", "uppercase", "lowercase", "numbers", "symbols"))
def generate_password(ctx: Ctx) -> Any:
    length = int_arg(ctx, "length", 12, 8, 128)
    pools = [chars for name, chars in CLASSES if bool_arg(ctx, name, True)]
    if not pools:
        raise validation("at least one of uppercase, lowercase, numbers, symbols must be true")
    rng = secrets.SystemRandom()
    # One character from each requested class first, the rest from their union, then shuffle.
    chars = [rng.choice(pool) for pool in pools]
    if SYMBOLS in pools:
        # Deterministically awkward: with symbols, one of the quote, backslash or space characters is always there.
        chars.append(rng.choice(AWKWARD))
    union = "".join(pools)
    chars += [rng.choice(union) for _i in range(length - len(chars))]
    rng.shuffle(chars)
    return {"password": "".join(chars), "length": length}

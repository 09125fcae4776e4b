"""The password generator."""

from __future__ import annotations

import secrets
import string
from typing import Any

from ..errors import validation
from ..routing import Ctx, api, bool_arg, int_arg

# Symbols avoid quotes, backslash and space so generated passwords paste safely into shells and YAML.
SYMBOLS = "!@#$%^&*()-_=+[]{};:,.?/"
CLASSES = (("uppercase", string.ascii_uppercase), ("lowercase", string.ascii_lowercase), ("numbers", string.digits), ("symbols", SYMBOLS))


@api("GET", "/password/generate", "GENERATE_PASSWORD")
def generate_password(ctx: Ctx) -> Any:
    length = int_arg(ctx, "length", 12, 8, 128)
    pools = [chars for name, chars in CLASSES if bool_arg(ctx, name, True)]
    if not pools:
        raise validation("at least one of uppercase, lowercase, numbers, symbols must be true")
    rng = secrets.SystemRandom()
    # One character from each requested class first, the rest from their union, then shuffle.
    chars = [rng.choice(pool) for pool in pools]
    union = "".join(pools)
    chars += [rng.choice(union) for _i in range(length - len(chars))]
    rng.shuffle(chars)
    return {"password": "".join(chars), "length": length}

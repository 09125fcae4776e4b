"""The emulator's own implementation of Zoho Vault's client-side crypto.

It is written apart from the collection's (and must never import it) so that one mistake cannot pass both sides'
tests. The server never needs any of it at request time: Zoho stores and returns ciphertext only. Seeds and the
control plane use it to produce data a real Zoho client could have written, and the tests use it to check
what clients wrote. AES comes from `cryptography`; RSA is textbook arithmetic on Python integers.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import os
import secrets
import time
from typing import Callable

from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

NONCE_BYTES = 8
PUBLIC_EXPONENT = 0x10001


# -- text the way the JavaScript clients see it ---------------------------------------------------
def js_utf8(text: str) -> bytes:
    """UTF-8 of each UTF-16 code unit on its own, as Zoho's JS encoder does: astral characters become CESU-8."""
    units = text.encode("utf-16-le", "surrogatepass")
    out = bytearray()
    for i in range(0, len(units), 2):
        out += chr(int.from_bytes(units[i:i + 2], "little")).encode("utf-8", "surrogatepass")
    return bytes(out)


def js_utf8_decode(raw: bytes) -> str:
    """Inverse of js_utf8; plain UTF-8 (4-byte sequences) is read too. Invalid bytes raise UnicodeDecodeError."""
    text = raw.decode("utf-8", "surrogatepass")
    # Re-pair surrogate halves through UTF-16; a lone half is not text and raises here.
    return text.encode("utf-16-le", "surrogatepass").decode("utf-16-le")


# -- keys ---------------------------------------------------------------------------------------
def derive_key(master_password: str, salt: str, iterations: int) -> str:
    """PBKDF2_AES login: the first 32 hex characters of PBKDF2-HMAC-SHA256 over the salt string's own bytes."""
    derived = hashlib.pbkdf2_hmac("sha256", master_password.encode("utf-8"), salt.encode("utf-8"), iterations, 32)
    return derived.hex()[:32]


def sha_login_key(master_password: str) -> str:
    """Legacy SHA login: the key is the first 32 hex characters of SHA-256 of the password (CRLF read as LF)."""
    return hashlib.sha256(master_password.replace("\r\n", "\n").encode("utf-8")).hexdigest()[:32]


def sha_auth_pass(master_password: str, salt: str) -> str:
    """What a legacy SHA client posts to IS_VALID_AUTHPASS: sha256hex(sha256hex(password) + SALT)."""
    full = hashlib.sha256(master_password.replace("\r\n", "\n").encode("utf-8")).hexdigest()
    return hashlib.sha256((full + salt).encode("utf-8")).hexdigest()


def ctr_key(key: str) -> bytes:
    """Chris Veness's key schedule: AES-256 of the key's first half under the key, repeated to 32 bytes."""
    k32 = js_utf8(key)[:32].ljust(32, b"\0")
    encryptor = Cipher(algorithms.AES(k32), modes.ECB()).encryptor()  # nosec: one block, the scheme's key expansion
    half = encryptor.update(k32[:16]) + encryptor.finalize()
    return half + half


def _ctr(key: str, nonce: bytes, data: bytes) -> bytes:
    cipher = Cipher(algorithms.AES(ctr_key(key)), modes.CTR(nonce + b"\0" * 8))
    worker = cipher.encryptor()
    return worker.update(data) + worker.finalize()


# -- fields -------------------------------------------------------------------------------------
def zoho_nonce(now: float | None = None, rand16: int | None = None) -> bytes:
    """u16le(ms % 1000) | u16le(random) | u32le(unix seconds), the layout of every real Zoho ciphertext."""
    moment = time.time() if now is None else now
    millis = int(round(moment * 1000))
    rnd = secrets.randbits(16) if rand16 is None else rand16
    return (millis % 1000).to_bytes(2, "little") + rnd.to_bytes(2, "little") + (millis // 1000 % 2**32).to_bytes(4, "little")


class NonceSource:
    """Hands out Zoho-layout nonces, never the same one twice (the random part alone could repeat)."""

    def __init__(self, clock: Callable[[], float] = time.time) -> None:
        self.clock = clock
        self.seen: set[bytes] = set()

    def __call__(self) -> bytes:
        while True:
            nonce = zoho_nonce(self.clock())
            if nonce not in self.seen:
                self.seen.add(nonce)
                return nonce


def encrypt_field(plaintext: str, key: str, nonce: bytes | None = None) -> str:
    nonce = os.urandom(NONCE_BYTES) if nonce is None else nonce
    if len(nonce) != NONCE_BYTES:
        raise ValueError("a nonce is 8 bytes")
    return base64.b64encode(nonce + _ctr(key, nonce, js_utf8(plaintext))).decode("ascii")


def decrypt_field(blob: str, key: str) -> str:
    """An empty field, or one with no byte past its nonce, is the empty string; invalid text raises ValueError."""
    if not blob:
        return ""
    try:
        raw = base64.b64decode(blob, validate=True)
    except binascii.Error:
        raise ValueError("the field is not base64") from None
    if len(raw) <= NONCE_BYTES:
        return ""
    try:
        return js_utf8_decode(_ctr(key, raw[:NONCE_BYTES], raw[NONCE_BYTES:]))
    except UnicodeDecodeError:
        raise ValueError("the field does not decrypt to text under this key") from None


def is_ciphertext(value: str) -> bool:
    """What the server can check about a field it cannot read: base64 carrying at least a nonce."""
    try:
        return len(base64.b64decode(value, validate=True)) >= NONCE_BYTES
    except (binascii.Error, ValueError):
        return False


# -- RSA, the Tom Wu jsbn way --------------------------------------------------------------------
SMALL_PRIMES = [p for p in range(3, 2000) if all(p % d for d in range(2, int(p ** 0.5) + 1))]


def _probably_prime(n: int, rounds: int = 32) -> bool:
    if any(n % p == 0 for p in SMALL_PRIMES):
        return n in SMALL_PRIMES
    d, r = n - 1, 0
    while d % 2 == 0:
        d, r = d // 2, r + 1
    for _round in range(rounds):
        x = pow(secrets.randbelow(n - 3) + 2, d, n)
        if x in (1, n - 1):
            continue
        for _square in range(r - 1):
            x = pow(x, 2, n)
            if x == n - 1:
                break
        else:
            return False
    return True


def _prime(bits: int) -> int:
    while True:
        candidate = secrets.randbits(bits) | (1 << (bits - 1)) | (1 << (bits - 2)) | 1
        if (candidate - 1) % PUBLIC_EXPONENT and _probably_prime(candidate):
            return candidate


def generate_rsa(bits: int = 1024) -> dict[str, int]:
    """An RSA key with e = 0x10001 and every CRT part jsbn keeps (what Zoho's web app makes at signup)."""
    while True:
        p, q = _prime(bits // 2), _prime(bits // 2)
        if p == q:
            continue
        if p < q:
            p, q = q, p
        n = p * q
        if n.bit_length() != bits:
            continue
        d = pow(PUBLIC_EXPONENT, -1, (p - 1) * (q - 1))
        return {"n": n, "e": PUBLIC_EXPONENT, "d": d, "p": p, "q": q, "dp": d % (p - 1), "dq": d % (q - 1), "qinv": pow(q, -1, p)}


JSBN_ORDER = ("n", "e", "d", "p", "q", "dp", "dq", "qinv")


def jsbn_text(key: dict[str, int]) -> str:
    """The private key as Zoho stores it (AES-encrypted): eight comma-separated hex numbers N,E,D,P,Q,DP,DQ,QInv."""
    return ",".join(format(key[name], "x") for name in JSBN_ORDER)


def parse_jsbn(text: str) -> dict[str, int]:
    parts = text.split(",")
    if len(parts) != len(JSBN_ORDER):
        raise ValueError(f"a jsbn key has {len(JSBN_ORDER)} comma-separated parts, this has {len(parts)}")
    return {name: int(part, 16) for name, part in zip(JSBN_ORDER, parts)}


def _modulus_bytes(n: int) -> int:
    return (n.bit_length() + 7) // 8


def rsa_wrap(message: str, n: int, e: int = PUBLIC_EXPONENT) -> str:
    """PKCS#1 v1.5 (type 2) encryption, hex of the modulus' full width: how an admin wraps the org key for a user."""
    size = _modulus_bytes(n)
    data = message.encode("utf-8")
    if len(data) > size - 11:
        raise ValueError("message too long for the key")
    pad = bytes(secrets.choice(range(1, 256)) for _byte in range(size - 3 - len(data)))
    block = int.from_bytes(b"\x00\x02" + pad + b"\x00" + data, "big")
    return format(pow(block, e, n), "x").rjust(size * 2, "0")


def rsa_unwrap(hex_ciphertext: str, key: dict[str, int]) -> str:
    """Inverse of rsa_wrap with a jsbn private key (CRT, as jsbn does); a malformed block raises ValueError."""
    c = int(hex_ciphertext, 16)
    m1, m2 = pow(c, key["dp"], key["p"]), pow(c, key["dq"], key["q"])
    m = m2 + key["q"] * ((key["qinv"] * (m1 - m2)) % key["p"])
    block = m.to_bytes(_modulus_bytes(key["n"]), "big")
    if block[:2] != b"\x00\x02" or b"\x00" not in block[2:]:
        raise ValueError("not a PKCS#1 v1.5 block: wrong key")
    sep = block.index(b"\x00", 2)
    if sep < 10:
        raise ValueError("not a PKCS#1 v1.5 block: padding too short")
    return block[sep + 1:].decode("utf-8")


ORG_KEY_ALPHABET = "".join(chr(c) for c in range(0x21, 0x7F))


def new_org_key() -> str:
    """32 printable ASCII characters, like both real org keys seen (e.g. 5w7rE'UMs-fr7WoVi{=hi*x)bU?0%-:/)."""
    return "".join(secrets.choice(ORG_KEY_ALPHABET) for _char in range(32))

# -*- coding: utf-8 -*-
# Copyright: (c) 2026, zoho.vault contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The zero-knowledge crypto of production Zoho Vault, as pure functions.

Production Zoho Vault stores ciphertext only: the client derives a master key from the user's
master password (PBKDF2 with the salt and iteration count ``GET_LOGIN`` gives), checks it against
the account's passphrase blob, and decrypts each field with AES-256-CTR in the layout of Zoho's
JavaScript apps (an 8-byte nonce in front, a counter key derived from the key itself). Shared
secrets use the organisation key, which arrives RSA-encrypted for this user.

Only the AES primitive needs the ``cryptography`` library; it is imported on first use, so the
reference dialect keeps working without it. RSA with PKCS#1 v1.5 needs nothing but ``pow``.
Nothing here logs, stores or returns a key except to its caller.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import os
import struct
import time
from typing import Any, Callable, Optional, Tuple

from ansible_collections.zoho.vault.plugins.module_utils._errors import ConfigError, DecryptionError

# The nonce layout of Zoho's apps: u16le(ms % 1000) | u16le(random) | u32le(unix seconds).
NONCE_BYTES = 8
KEY_BYTES = 32
MISSING_CRYPTOGRAPHY = ('the zoho dialect needs the Python library "cryptography" (pip install cryptography) '
                        'on the host that runs this task; the reference dialect does not')

NonceSource = Callable[[], bytes]


def _aes() -> Tuple[Any, Any, Any]:
    """``(Cipher, algorithms, modes)`` of ``cryptography``, imported only when this dialect needs them."""
    try:
        from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
    except ImportError:
        raise ConfigError(MISSING_CRYPTOGRAPHY) from None
    return Cipher, algorithms, modes


def has_cryptography() -> bool:
    try:
        _aes()
    except ConfigError:
        return False
    return True


# ---------------------------------------------------------------------------- JS-style UTF-8

def js_utf8_encode(text: str) -> bytes:
    """UTF-8 of the UTF-16 code units, as Zoho's JavaScript encoder writes it: an astral character
    becomes two 3-byte surrogates (CESU-8), which Zoho's decoders (three bytes at most) can read."""
    units = []
    for char in text:
        point = ord(char)
        if point < 0x10000:
            units.append(char)
        else:
            point -= 0x10000
            units.append(chr(0xD800 + (point >> 10)) + chr(0xDC00 + (point & 0x3FF)))
    return ''.join(units).encode('utf-8', 'surrogatepass')


def js_utf8_decode(data: bytes) -> str:
    """Text from UTF-8 or CESU-8 bytes; a lone surrogate or an invalid sequence raises ``UnicodeError``."""
    text = data.decode('utf-8', 'surrogatepass')
    # Surrogate pairs become the character they encode; a lone one fails the strict decode.
    return text.encode('utf-16-le', 'surrogatepass').decode('utf-16-le')


# ---------------------------------------------------------------------------- master key

def derive_master_key(password: str, salt: str, iterations: int) -> str:
    """The master key ``K``: the first 32 hex characters of PBKDF2-HMAC-SHA256 (the salt string's own bytes)."""
    if not isinstance(iterations, int) or isinstance(iterations, bool) or iterations < 1:
        raise DecryptionError('the server gave no usable key-derivation iteration count')
    derived = hashlib.pbkdf2_hmac('sha256', password.encode('utf-8'), salt.encode('utf-8'), iterations, 32)
    return binascii.hexlify(derived).decode('ascii')[:32]


def legacy_sha_key(password: str) -> str:
    """``K`` of an account on the legacy SHA login (before PBKDF2): a SHA-256 of the password."""
    return hashlib.sha256(password.replace('\r\n', '\n').encode('utf-8')).hexdigest()[:32]


def legacy_auth_pass(password: str, salt: str) -> str:
    """The ``authPass`` a legacy SHA account sends for the server to check the password."""
    key_hex = hashlib.sha256(password.replace('\r\n', '\n').encode('utf-8')).hexdigest()
    return hashlib.sha256((key_hex + salt).encode('utf-8')).hexdigest()


def verify_master_key(key: str, passphrase_blob: str) -> bool:
    """Whether ``key`` decrypts the account's passphrase check blob to JSON (a wrong key gives noise)."""
    try:
        text = decrypt_field(passphrase_blob, key)
        return isinstance(json.loads(text), dict)
    except (DecryptionError, ValueError):
        return False


def looks_like_master_key(key: str) -> bool:
    return len(key) == 32 and all(c in '0123456789abcdefABCDEF' for c in key)


# ---------------------------------------------------------------------------- fields

def key_bytes(key: str) -> bytes:
    """The 32 AES key bytes of a key string: its JS UTF-8, zero-padded or cut to 32 bytes."""
    return js_utf8_encode(key)[:KEY_BYTES].ljust(KEY_BYTES, b'\0')


def ctr_key(key: str) -> bytes:
    """The counter-mode key of Zoho's AES: the key's first block encrypted under the key, twice over."""
    cipher_cls, algorithms, modes = _aes()
    raw = key_bytes(key)
    encryptor = cipher_cls(algorithms.AES(raw), modes.ECB()).encryptor()
    block = encryptor.update(raw[:16]) + encryptor.finalize()
    return block + block


def aes_ctr(key: bytes, counter_block: bytes, data: bytes) -> bytes:
    """AES-CTR (encryption and decryption are the same transform) from a 16-byte initial counter block."""
    cipher_cls, algorithms, modes = _aes()
    transform = cipher_cls(algorithms.AES(key), modes.CTR(counter_block)).encryptor()
    return transform.update(data) + transform.finalize()


def _ctr(counter_key: bytes, nonce: bytes, data: bytes) -> bytes:
    # The 64-bit counter of WebCrypto and the 128-bit one here agree for any field shorter than 2**64 blocks.
    return aes_ctr(counter_key, nonce + b'\0' * 8, data)


def decrypt_field(field: Optional[str], key: str, counter_key: Optional[bytes] = None) -> str:
    """The plaintext of one encrypted field; ``DecryptionError`` on bad base64 or bytes that are not text."""
    if not field:
        return ''
    try:
        blob = base64.b64decode(field, validate=True)
    except (binascii.Error, ValueError):
        raise DecryptionError('the field is not base64') from None
    if len(blob) <= NONCE_BYTES:
        return ''
    plain = _ctr(counter_key or ctr_key(key), blob[:NONCE_BYTES], blob[NONCE_BYTES:])
    try:
        return js_utf8_decode(plain)
    except UnicodeError:
        raise DecryptionError('the field does not decrypt to text (wrong key, or a cipher this collection does not know)') from None


def zoho_nonce(now_ms: int, rand16: int) -> bytes:
    """A nonce in the layout of Zoho's apps."""
    return struct.pack('<HHI', now_ms % 1000, rand16 & 0xFFFF, (now_ms // 1000) & 0xFFFFFFFF)


def fresh_nonce() -> bytes:
    """Zoho's layout with two random bytes per field from the OS (never a counter, never reused by design)."""
    return zoho_nonce(int(time.time() * 1000), struct.unpack('<H', os.urandom(2))[0])


def encrypt_field(plaintext: str, key: str, nonce: Optional[bytes] = None, counter_key: Optional[bytes] = None) -> str:
    """``base64(nonce || AES-CTR(JS-UTF-8(plaintext)))``; an empty plaintext gives the nonce alone, as Zoho writes it."""
    nonce = fresh_nonce() if nonce is None else nonce
    if len(nonce) != NONCE_BYTES:
        raise DecryptionError('a field nonce must be %d bytes' % NONCE_BYTES)
    data = js_utf8_encode(plaintext)
    body = _ctr(counter_key or ctr_key(key), nonce, data) if data else b''
    return base64.b64encode(nonce + body).decode('ascii')


# ---------------------------------------------------------------------------- the organisation key

def parse_jsbn_private_key(text: str) -> Tuple[int, ...]:
    """``(n, e, d, p, q, dp, dq, qinv)`` from the comma-separated hex numbers of a jsbn RSA key."""
    parts = [p.strip() for p in text.split(',')]
    if len(parts) != 8:
        raise DecryptionError('the private key is not in the jsbn format (8 comma-separated hex numbers)')
    try:
        return tuple(int(p, 16) for p in parts)
    except ValueError:
        raise DecryptionError('the private key is not in the jsbn format (a part is not hexadecimal)') from None


def pkcs1_v15_unpad(block: bytes) -> bytes:
    """The message inside an RSA PKCS#1 v1.5 encryption block (``00 02 <nonzero padding> 00 <message>``)."""
    if len(block) < 11 or block[0] != 0 or block[1] != 2:
        raise DecryptionError('the organisation key does not decrypt to a PKCS#1 v1.5 block')
    end = block.find(b'\0', 2)
    if end < 10:
        raise DecryptionError('the organisation key does not decrypt to a PKCS#1 v1.5 block')
    return block[end + 1:]


def rsa_pkcs1_v15_decrypt(n: int, d: int, ciphertext: int) -> bytes:
    size = (n.bit_length() + 7) // 8
    if not 0 < ciphertext < n:
        raise DecryptionError('the organisation key ciphertext does not fit the private key')
    return pkcs1_v15_unpad(pow(ciphertext, d, n).to_bytes(size, 'big'))


def rsa_pkcs1_v15_encrypt(n: int, e: int, message: bytes, random_bytes: Callable[[int], bytes] = os.urandom) -> int:
    """What an admin's client does to approve a user (tests round-trip the approval flow with it)."""
    size = (n.bit_length() + 7) // 8
    padding = b''
    while len(padding) < size - len(message) - 3:
        padding += bytes(b for b in random_bytes(size) if b)
    block = b'\0\2' + padding[:size - len(message) - 3] + b'\0' + message
    return pow(int.from_bytes(block, 'big'), e, n)


def _pkcs8_decrypt(private_text: str, ciphertext: bytes) -> bytes:
    """A base64 DER PKCS#8 key (reported for newer accounts): OAEP-SHA256 first, then PKCS#1 v1.5."""
    _aes()  # the missing-library message, before anything else
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import padding
    try:
        key: Any = serialization.load_der_private_key(base64.b64decode(private_text, validate=True), password=None)
    except (ValueError, TypeError, binascii.Error):
        raise DecryptionError('the private key is in an unknown format (neither jsbn nor PKCS#8)') from None
    schemes = (padding.OAEP(mgf=padding.MGF1(algorithm=hashes.SHA256()), algorithm=hashes.SHA256(), label=None), padding.PKCS1v15())
    for scheme in schemes:
        try:
            return key.decrypt(ciphertext, scheme)
        except (ValueError, TypeError):
            continue
    raise DecryptionError('the organisation key does not decrypt with OAEP-SHA256 or PKCS#1 v1.5')


def decrypt_org_key(private_key_blob: str, shared_key_hex: str, master_key: str) -> str:
    """The organisation key: the RSA private key (AES-encrypted under ``K``) opens the shared key."""
    private_text = decrypt_field(private_key_blob, master_key)
    try:
        shared = binascii.unhexlify(shared_key_hex.strip())
    except (binascii.Error, ValueError):
        raise DecryptionError('the shared organisation key is not hexadecimal') from None
    if private_text.count(',') == 7:
        n, _e, d = parse_jsbn_private_key(private_text)[:3]
        raw = rsa_pkcs1_v15_decrypt(n, d, int.from_bytes(shared, 'big'))
    else:
        raw = _pkcs8_decrypt(private_text, shared)
    try:
        return js_utf8_decode(raw)
    except UnicodeError:
        raise DecryptionError('the organisation key is not text') from None

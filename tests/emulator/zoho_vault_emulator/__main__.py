"""Command line: python -m zoho_vault_emulator --port 8200 --plan enterprise --state-file state.json"""

from __future__ import annotations

import argparse
import ipaddress
import os
import signal
import sys
from typing import Any

from .app import DIALECTS, create_app, describe
from .ratelimit import PLANS
from .server import build_server
from .store import Store
from .util import atomic_write_json


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m zoho_vault_emulator", description="Local emulator of the Zoho Vault API.")
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1; loopback only unless --allow-remote)")
    parser.add_argument("--port", type=int, default=8200, help="port to listen on; 0 picks a free port (default 8200)")
    parser.add_argument("--plan", choices=sorted(PLANS), default=None,
                        help="rate-limit plan at start and after reset (default enterprise, or the plan saved in --state-file)")
    parser.add_argument("--state-file", help="persist state here (JSON, 0600, written atomically after every change)")
    parser.add_argument("--ready-file", help="once listening, write the URLs and admin credentials here as JSON")
    parser.add_argument("--page-cap", type=page_size, default=None, metavar="N",
                        help="serve at most N items per list page whatever per_page asks (1..1000; default off), at start and after reset")
    parser.add_argument("--dialect", choices=DIALECTS, default="both",
                        help="both (default): the reference API at /api/json and production Zoho Vault under /zoho; "
                             "zoho: production Zoho Vault only, at the root")
    parser.add_argument("--allow-remote", action="store_true", help="allow listening on a non-loopback address")
    return parser.parse_args(argv)


def page_size(raw: str) -> int:
    try:
        value = int(raw)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not an integer: {raw!r}") from None
    if not 1 <= value <= 1000:
        raise argparse.ArgumentTypeError("must be from 1 to 1000")
    return value


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if not is_loopback(args.host) and not args.allow_remote:
        print(f"refusing to listen on non-loopback address {args.host} without --allow-remote", file=sys.stderr)
        return 2
    store = Store(plan=args.plan, state_file=args.state_file, page_cap=args.page_cap)
    app = create_app(store, args.dialect)
    server = build_server(app, args.host, args.port)
    host = f"[{args.host}]" if ":" in args.host else args.host
    store.base_url = f"http://{host}:{server.server_port}"
    info: dict[str, Any] = describe(store, args.dialect)
    info["pid"] = os.getpid()
    print(f"Zoho Vault emulator listening on {info['url']}")
    print(f"  api_url:       {info['api_url'] or '(off: --dialect zoho)'}")
    print(f"  zoho_url:      {info['zoho_url']}  (production dialect; accounts: {', '.join(info['zoho_accounts'])})")
    print(f"  accounts_url:  {info['accounts_url']}")
    print(f"  plan:          {store.settings['plan']}")
    if store.settings.get("page_cap"):
        print(f"  page cap:      {store.settings['page_cap']}")
    print(f"  state file:    {args.state_file or '(none, in memory)'}")
    print("  bootstrap administrator:")
    for key in ("email", "client_id", "client_secret", "refresh_token"):
        print(f"    {key + ':':15}{info['admin'][key]}")
    print("  production accounts' credentials: GET /_emulator/zoho/accounts, or the ready file's zoho_accounts")
    sys.stdout.flush()
    if args.ready_file:
        atomic_write_json(args.ready_file, info)

    def stop(_signum: int, _frame: Any) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, stop)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
        # Wait for a write in flight: worker threads are daemons and would die with the process mid-write.
        with store.lock:
            pass
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Checks of the PostgreSQL rotation test, from outside the role: the vault's API and real logins.

    python pgcheck.py baseline FILE             # snapshot the roles (attributes, memberships, settings, hashes)
    python pgcheck.py check FILE [--strict] [--unchanged] [--missing-ok HOST...] [--pending HOST...]
    python pgcheck.py passwords                 # every password the vault holds, one a line (for pipes only)
    python pgcheck.py secret-id NAME            # the id of the secret NAME
    python pgcheck.py token                     # an access token, for ZV_ACCESS_TOKEN

check: for every host of ZV_PG_HOSTS, a password the vault holds opens its role (strict: the main secret's, and
nothing is pending; an alternating pair's previous credentials still open too); nothing but the rotated roles'
passwords differs from the baseline (--unchanged: not even those). Prints no password, ever.
"""
import json
import os
import sys
import urllib.parse
import urllib.request

import psycopg2

PENDING, PREVIOUS = " (pending rotation)", " (previous)"


def load(path):
    with open(path, encoding="utf-8") as handle:
        return json.load(handle)


def mint():
    cfg = load(os.environ["ZV_CONFIG"])
    form = urllib.parse.urlencode({"grant_type": "refresh_token", "client_id": cfg["zoho_vault_client_id"],
                                   "client_secret": cfg["zoho_vault_client_secret"],
                                   "refresh_token": cfg["zoho_vault_refresh_token"]}).encode()
    return json.load(urllib.request.urlopen(cfg["zoho_vault_accounts_url"] + "/oauth/v2/token", data=form))["access_token"]


def vault():
    # One token for the whole test (ZV_ACCESS_TOKEN, from "pgcheck.py token"): Zoho limits how often one is minted.
    cfg = load(os.environ["ZV_CONFIG"])
    token = os.environ.get("ZV_ACCESS_TOKEN") or mint()

    def get(path):
        req = urllib.request.Request(cfg["zoho_vault_api_url"] + path, headers={"Authorization": "Zoho-oauthtoken " + token})
        return json.load(urllib.request.urlopen(req))["operation"]["details"]

    secrets = {}
    for secret in get("/secrets?per_page=1000")["secrets"]:
        secret["password"] = get("/secrets/%s/password" % secret["secretid"])["password"]
        secrets[secret["secretname"]] = secret
    return secrets


def connect(user, password):
    return psycopg2.connect(host="127.0.0.1", port=int(os.environ["ZV_PG_PORT"]), dbname="postgres",
                            user=user, password=password, connect_timeout=10)


def opens(user, password):
    try:
        connect(user, password).close()
        return True
    except psycopg2.OperationalError as err:
        if "password authentication failed" in str(err):
            return False
        raise SystemExit("cannot reach PostgreSQL to check %s: %s" % (user, str(err).strip().splitlines()[0])) from None


def snapshot():
    conn = connect("postgres", os.environ["ZV_CANARY_PGSUPER"])
    cur = conn.cursor()
    cur.execute("SELECT rolname, rolsuper, rolinherit, rolcreaterole, rolcreatedb, rolcanlogin, rolreplication,"
                " rolbypassrls, rolconnlimit, rolvaliduntil::text, rolpassword FROM pg_authid"
                " WHERE rolname !~ '^pg_' ORDER BY rolname")
    roles = {row[0]: {"attrs": list(row[1:10]), "hash": row[10]} for row in cur.fetchall()}
    cur.execute("SELECT g.rolname, m.rolname, am.admin_option FROM pg_auth_members am JOIN pg_roles g ON g.oid = am.roleid"
                " JOIN pg_roles m ON m.oid = am.member WHERE g.rolname !~ '^pg_' ORDER BY 1, 2")
    members = [list(row) for row in cur.fetchall()]
    cur.execute("SELECT setrole::regrole::text, setdatabase, setconfig::text FROM pg_db_role_setting ORDER BY 1, 2")
    settings = [list(row) for row in cur.fetchall()]
    conn.close()
    return {"roles": roles, "members": members, "settings": settings}


def check_host(host, spec, secrets, strict, missing_ok, pending_expected):
    name = spec["secret"]
    main, pending, previous = secrets.get(name), secrets.get(name + PENDING), secrets.get(name + PREVIOUS)
    if main is None and pending is None:
        return [] if host in missing_ok else ["%s: the vault has no secret %r" % (host, name)]
    errors = []
    if host in pending_expected and pending is None:
        errors.append("%s: expected a pending rotation" % host)
    if strict:
        if pending is not None:
            errors.append("%s: a pending secret is left" % host)
        if main is None or main["username"] not in spec["roles"] or not opens(main["username"], main["password"]):
            errors.append("%s: the main secret does not open its role" % host)
        elif previous is not None and spec.get("alternating") and not opens(previous["username"], previous["password"]):
            errors.append("%s: the previous credentials of the pair stopped working" % host)
    elif not any(s is not None and opens(s["username"], s["password"]) for s in (main, pending)):
        errors.append("%s: neither the main nor the pending secret opens the role" % host)
    return errors


def compare(base, now, rotated):
    errors = []
    if sorted(base["roles"]) != sorted(now["roles"]):
        errors.append("the set of roles changed")
    for role, before in base["roles"].items():
        after = now["roles"].get(role, {})
        if before["attrs"] != after.get("attrs"):
            errors.append("role %s: attributes changed" % role)
        if role not in rotated and before["hash"] != after.get("hash"):
            errors.append("role %s: its password changed, but it is not rotated" % role)
    for part in ("members", "settings"):
        if base[part] != now[part]:
            errors.append("%s changed" % part)
    return errors


def main():
    hosts = json.loads(os.environ["ZV_PG_HOSTS"])
    command, args = sys.argv[1], sys.argv[2:]
    if command == "passwords":
        for secret in vault().values():
            print(secret["password"])
        return 0
    if command == "token":
        print(mint())
        return 0
    if command == "secret-id":
        print(vault()[args[0]]["secretid"])
        return 0
    if command == "baseline":
        with open(args[0], "w", encoding="utf-8") as handle:
            json.dump(snapshot(), handle)
        return 0
    flags = [a for a in args[1:] if a.startswith("--")]
    listed = {flag: [] for flag in ("--missing-ok", "--pending")}
    current = None
    for arg in args[1:]:
        current = arg if arg in listed else current
        if current and arg not in listed and not arg.startswith("--"):
            listed[current].append(arg)
    secrets = vault()
    errors = []
    for host, spec in hosts.items():
        errors += check_host(host, spec, secrets, "--strict" in flags, listed["--missing-ok"], listed["--pending"])
    rotated = set() if "--unchanged" in flags else {r for spec in hosts.values() for r in spec["roles"]}
    errors += compare(load(args[0]), snapshot(), rotated)
    for error in errors:
        print("CHECK FAILED: " + error, file=sys.stderr)
    print("check%s: %d hosts, %s" % (" (strict)" if "--strict" in flags else "", len(hosts), "FAILED" if errors else "ok"))
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())

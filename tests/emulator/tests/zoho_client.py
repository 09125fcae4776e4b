"""A small production-dialect client for the emulator's tests: Zoho's wire format and the emulator's own crypto."""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import urlencode

import requests

from zoho_vault_emulator.zoho import crypto

REST = "/api/rest/json/v1"
LOGIN = "/api/json/login"
PAGE = {"isAsc": "true", "pageNum": "0", "rowPerPage": "100"}


class ZApi:
    """One account's access token against the zoho base URL; passphrase headers once GET_LOGIN was read."""

    def __init__(self, base: str, token: str) -> None:
        self.base = base
        self.token = token
        self.session = requests.Session()
        self.sync: dict[str, str] = {}

    def call(self, method: str, path: str, params: Any = None, form: dict[str, Any] | None = None, json_body: Any = None,
             raw: str | None = None, headers: dict[str, str] | None = None, sync: bool = True) -> requests.Response:
        hdrs = {"Authorization": f"Zoho-oauthtoken {self.token}", **(self.sync if sync else {}), **(headers or {})}
        kwargs: dict[str, Any] = {"params": params, "headers": hdrs, "timeout": 30}
        if form is not None:
            kwargs["data"] = form
        elif json_body is not None:
            kwargs["json"] = json_body
        elif raw is not None:
            kwargs["data"] = raw
        return self.session.request(method, self.base + path, **kwargs)

    def ok(self, method: str, path: str, **kw: Any) -> Any:
        resp = self.call(method, path, **kw)
        op = resp.json()["operation"]
        assert resp.status_code == 200 and op["result"]["status"].lower() == "success", resp.text
        return op.get("Details", op.get("details"))

    def err(self, method: str, path: str, **kw: Any) -> tuple[int, str, str]:
        resp = self.call(method, path, **kw)
        result = resp.json()["operation"]["result"]
        assert result["status"].lower() == "failed", resp.text
        return resp.status_code, result["error_code"], result["message"]

    def login(self, operation: str = "GET_LOGIN", **params: Any) -> Any:
        details = self.ok("GET", LOGIN, params={"OPERATION_NAME": operation, **params})
        if operation == "GET_LOGIN":
            self.sync = {"PassphraseCreated": details["CREATIONTIME"], "LastPassphraseChange": details["LASTMODFIEDTIME"]}
        return details

    def write(self, method: str, path: str, data: dict[str, Any], **kw: Any) -> requests.Response:
        return self.call(method, path, raw=urlencode({"INPUT_DATA": json.dumps(data)}),
                         headers={"Content-Type": "application/x-www-form-urlencoded"}, **kw)

    def secrets(self, **params: Any) -> Any:
        return self.ok("GET", REST + "/secrets", params={**PAGE, **params})


class Keys:
    """The client side of key bootstrap: K from GET_LOGIN (or a given master key), the org key from /user/orgkey."""

    def __init__(self, api: ZApi, master_password: str | None = None, master_key: str | None = None) -> None:
        info = api.login()
        self.key = master_key or crypto.derive_key(master_password or "", info["SALT"], info["ITERATION"])
        json.loads(crypto.decrypt_field(info["PASSPHRASE"], self.key))  # a wrong key raises here
        self.api = api
        self._org: str | None = None

    @property
    def org(self) -> str:
        if self._org is None:
            details = self.api.ok("GET", REST + "/user/orgkey")
            private = crypto.parse_jsbn(crypto.decrypt_field(details["privateKey"], self.key))
            self._org = crypto.rsa_unwrap(details["sharedKey"], private)
        return self._org

    def for_row(self, row: dict[str, Any]) -> str:
        return self.org if row["isshared"] == "YES" else self.key

    def fields(self, row: dict[str, Any]) -> dict[str, str]:
        key = self.for_row(row)
        data = {name: crypto.decrypt_field(value, key) for name, value in json.loads(row["secretData"]).items()}
        data["notes"] = crypto.decrypt_field(row["notes"], key)
        return data


def payload(api: ZApi, key: str, name: str, shared: bool, values: dict[str, str], **extra: Any) -> dict[str, Any]:
    """INPUT_DATA of a Web Account create or full-resend update, encrypted as Zoho's extension does."""
    vault = api.login("OPEN_VAULT", limit=0)
    typeid = next(t for t, spec in vault["SECRETTYPECOLUMNS"].items() if spec["NAME"] == "Web Account")
    source = crypto.NonceSource()
    data = {"secretname": name, "secrettypeid": typeid, "policyid": vault["USERCONFIG"]["DEFAULT_PASSWDPOLICY_ID"],
            "classification": "E" if shared else "P", "isshared": "YES" if shared else "NO",
            "secretdata": {f: crypto.encrypt_field(values.get(f, ""), key, source()) for f in ("username", "password", "file")},
            "securenote": crypto.encrypt_field(values.get("notes", ""), key, source()),
            "customcolumnnew": "eyJjdXN0b21jb2wiOltdfQ==", "description": "", "tags": "", "secreturls": []}
    data.update(extra)
    return data

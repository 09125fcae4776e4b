# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)


import pytest

from ansible_collections.zoho.vault.plugins.module_utils._changes import (
    REDACTED, Change, FieldChange, compare_fields, diff, merge_mapping, reconcile_members, redact, same,
)


@pytest.mark.parametrize("current, desired, expected", [
    ("a", None, True),
    (None, "", True),
    (None, [], True),
    ("a", "a", True),
    ("a", "A", False),
    (["x", "y"], ["y", "x"], True),
    ({"k": ["b", "a"]}, {"k": ["a", "b"]}, True),
    ({"k": "1"}, {"k": "2"}, False),
    (None, "x", False),
])
def test_same(current, desired, expected):
    assert same(current, desired) is expected


def test_compare_fields_manages_only_given_keys():
    current = {"secretname": "db", "username": "root", "notes": "old", "createdtime": "t"}
    desired = {"secretname": "db", "username": "admin", "notes": None, "password": "s3cret-value"}
    changes = compare_fields(current, desired, secret_fields={"password"})
    assert [c.name for c in changes] == ["password", "username"]
    password = changes[0]
    assert password.secret and password.as_dict() == {"field": "password", "before": None, "after": REDACTED}
    assert changes[1].as_dict() == {"field": "username", "before": "root", "after": "admin"}


def test_compare_fields_for_a_new_object():
    changes = compare_fields(None, {"chambername": "Prod", "description": None})
    assert changes == [FieldChange("chambername", None, "Prod")]


def test_merge_mapping_keeps_or_purges():
    current = {"env": "prod", "team": "ops"}
    assert merge_mapping(current, {"env": "dev"}) == {"env": "dev", "team": "ops"}
    assert merge_mapping(current, {"env": "dev"}, purge=True) == {"env": "dev"}
    assert merge_mapping(None, None) == {}


def test_reconcile_members_append_and_purge():
    current = ["a@x.com", "B@x.com"]
    desired = ["b@x.com", "c@x.com"]
    assert reconcile_members(current, desired, key=str.lower) == (["c@x.com"], [])
    assert reconcile_members(current, desired, purge=True, key=str.lower) == (["c@x.com"], ["a@x.com"])
    assert reconcile_members(current, current, purge=True) == ([], [])


def test_redact_nested():
    value = [{"secretname": "db", "password": "p", "inner": {"password": "q"}}, "plain"]
    assert redact(value, {"password"}) == [{"secretname": "db", "password": REDACTED, "inner": {"password": REDACTED}}, "plain"]
    assert redact({"password": None}, {"password"}) == {"password": None}


def test_diff_marks_changed_secret_without_showing_it():
    before = {"secretname": "db", "password": "old-value"}
    after = {"secretname": "db", "password": "new-value"}
    result = diff(before, after, secret_fields={"password"}, header="secret db")
    assert "old-value" not in repr(result) and "new-value" not in repr(result)
    assert result["before"]["password"] == REDACTED
    assert result["after"]["password"] == REDACTED + " (changed)"
    assert result["before_header"] == "secret db"


def test_diff_create_and_delete():
    assert diff(None, {"groupname": "ops"}) == {"before": {}, "after": {"groupname": "ops"}}
    assert diff({"groupname": "ops"}, None) == {"before": {"groupname": "ops"}, "after": {}}


def test_change_summary_and_dict():
    change = Change("update", "secret", "db", [FieldChange("username", "a", "b"), FieldChange("password", "x", "y", True)],
                    reason="drifted", object_id="123")
    assert change.summary() == "update secret 'db' (username, password): drifted"
    data = change.as_dict()
    assert data["id"] == "123" and data["fields"][1]["after"] == REDACTED
    with pytest.raises(ValueError):
        Change("rename", "secret", "db")

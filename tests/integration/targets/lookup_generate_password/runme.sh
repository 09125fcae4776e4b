#!/usr/bin/env bash
# zoho.vault.generate_password: length, character classes, count, validation, never cached.
source ../setup_emulator/files/checked.sh

zv_reset
zv_playbook generate_password.yml

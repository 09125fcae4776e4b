# The two commands of the README are `make demo` and `make test`; the rest are their parts.
.PHONY: demo test venv sanity units integration oldest emulator-tests functional terraform docs lint changelog emulator build clean

demo:
	scripts/demo.sh

test:
	scripts/test.sh

venv:
	scripts/bootstrap.sh

sanity:
	ZOHO_VAULT_TEST_STEPS=sanity scripts/test.sh

units:
	ZOHO_VAULT_TEST_STEPS=units scripts/test.sh

integration:
	ZOHO_VAULT_TEST_STEPS=integration scripts/test.sh

# The integration targets that matter most for compatibility, on the oldest ansible-core the collection declares.
oldest:
	ZOHO_VAULT_TEST_STEPS=oldest scripts/test.sh

emulator-tests:
	ZOHO_VAULT_TEST_STEPS=emulator scripts/test.sh

functional:
	ZOHO_VAULT_TEST_STEPS=functional scripts/test.sh

# The Terraform provider's acceptance tests (real terraform against the emulator).
terraform:
	ZOHO_VAULT_TEST_STEPS=terraform scripts/test.sh

docs:
	ZOHO_VAULT_TEST_STEPS=docs scripts/test.sh

lint:
	ZOHO_VAULT_TEST_STEPS=lint scripts/test.sh

changelog:
	ZOHO_VAULT_TEST_STEPS=changelog scripts/test.sh

# Run the emulator in the foreground for your own playbooks: make emulator ARGS="--port 8200 --state-file vault.json"
emulator: venv
	PYTHONPATH=tests/emulator .venv/bin/python -m zoho_vault_emulator $(ARGS)

build: venv
	.venv/bin/ansible-galaxy collection build --force --output-path .build/dist

clean:
	rm -rf .build tests/output

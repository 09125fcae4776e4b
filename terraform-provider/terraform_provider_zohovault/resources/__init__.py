# Copyright: (c) 2026, zoho.vault contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The provider's resources."""

from terraform_provider_zohovault.resources.chamber import Chamber
from terraform_provider_zohovault.resources.group import Group
from terraform_provider_zohovault.resources.secret import Secret
from terraform_provider_zohovault.resources.share import SecretShare
from terraform_provider_zohovault.resources.user import User

ALL = (Secret, Chamber, User, Group, SecretShare)

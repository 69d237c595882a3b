"""The security tests reuse the permission matrix's world (two regions, every role)."""

from ..test_permission_matrix import world  # noqa: F401

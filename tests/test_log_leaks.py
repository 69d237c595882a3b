import logging

import pytest


def test_leak_detector_catches_a_bsn_in_a_log(no_secrets_in_logs):
    logging.getLogger("overstap.test").warning("person with bsn %s", "111222333")
    assert no_secrets_in_logs.leaks
    no_secrets_in_logs.leaks.clear()  # the detector works; don't fail this test


def test_leak_detector_ignores_ordinary_numbers(no_secrets_in_logs):
    logging.getLogger("overstap.test").info("imported %s rows", "123456789")
    assert not no_secrets_in_logs.leaks


@pytest.mark.django_db
def test_failed_login_does_not_log_the_password(client, case_manager, no_secrets_in_logs):
    client.post("/account/login/", {"username": "cm", "password": "wrong-" + "x" * 10})
    assert not no_secrets_in_logs.leaks

"""scripts/dummy-data bucketlist, run as a user would, against the test database."""

import os
import subprocess
import sys
import time
from pathlib import Path

from conftest import TEST_SECRET
from models.bucketlist import Bucket, Item, User
from tests.bucketlist.helpers import API

SCRIPT = Path(__file__).resolve().parents[3] / "scripts" / "dummy-data"


def dummy_data(config, *args) -> subprocess.CompletedProcess:
    env = {**os.environ, "DATABASE_URL": config.database_url, "SECRET_KEY": TEST_SECRET}
    return subprocess.run([sys.executable, str(SCRIPT), "bucketlist", *args], env=env, capture_output=True,
                          text=True, timeout=120)


def test_dummy_data_adds_the_demo_user_with_100_buckets_and_1000_items_in_seconds(client, config):
    started = time.monotonic()
    result = dummy_data(config)
    elapsed = time.monotonic() - started

    assert result.returncode == 0, result.stderr
    assert "example@bucketmail.com / 123456: 100 buckets and 1000 items added." in result.stdout
    assert elapsed < 30, f"took {elapsed:.1f} s"
    user = User.get(User.email == "example@bucketmail.com")
    assert Bucket.select().where(Bucket.user == user).count() == 100
    assert Item.select().join(Bucket).where(Bucket.user == user).count() == 1000
    login = client.post(f"{API}/auth/login", json={"email": "example@bucketmail.com", "password": "123456"})
    assert login.status_code == 200
    buckets = client.get(f"{API}/bucketlists", headers={"Authorization": f"Bearer {login.json()['auth_token']}"})
    assert buckets.json()["count"] == 100
    kept = sum(bucket.item_count for bucket in Bucket.select(Bucket.item_count).where(Bucket.user == user))
    assert kept == 1000  # the items page's counts, inserted in bulk, counted once


def test_dummy_data_run_again_reuses_the_user_and_restores_its_password(client, config):
    assert dummy_data(config, "--buckets", "2", "--items", "3").returncode == 0
    User.update(password_hash="forgotten").execute()

    result = dummy_data(config, "--buckets", "2", "--items", "3")

    assert result.returncode == 0, result.stderr
    assert User.select().count() == 1
    assert (Bucket.select().count(), Item.select().count()) == (4, 6)
    login = client.post(f"{API}/auth/login", json={"email": "example@bucketmail.com", "password": "123456"})
    assert login.status_code == 200


def test_dummy_data_refuses_nonsense_counts(config):
    result = dummy_data(config, "--buckets", "0")

    assert result.returncode == 2
    assert "--buckets must be at least 1" in result.stderr
    assert User.select().count() == 0

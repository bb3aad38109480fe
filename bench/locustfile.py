"""Locust users for `make bench` (run by bench/load.py in its own venv, never imported by the app).

Targets (ids, names, session cookies) come from the JSON file named by BENCH_TARGETS. Every answer other
than 200 counts as an error: redirects are not followed, so a session that lost its login (or a page that
asks for a second factor) shows up as a failure instead of a fast login page.
"""

import json
import os
import random

from locust import HttpUser, between, task

T = json.loads(open(os.environ["BENCH_TARGETS"], encoding="utf-8").read())  # noqa: SIM115
THINK = float(os.environ.get("BENCH_THINK_SECONDS", "5"))


class Base(HttpUser):
    abstract = True
    role = None
    wait_time = between(THINK * 0.5, THINK * 1.5)

    def on_start(self):
        self.rng = random.Random()
        if self.role:
            self.client.cookies.set("sessionid", self.rng.choice(T["sessions"][self.role]))

    def get(self, url, name):
        with self.client.get(url, name=name, allow_redirects=False, catch_response=True) as response:
            if response.status_code != 200:
                response.failure(f"HTTP {response.status_code}")


class Resident(Base):
    """Someone looking for help near home on the public page (and a partner site through the API)."""

    weight = 6

    @task(3)
    def search(self):
        place, need = self.rng.choice(T["places"]), self.rng.choice(T["needs"])
        self.get(f"/?locality={place}&need={need}", "public search")

    @task(1)
    def search_api(self):
        place, need = self.rng.choice(T["places"]), self.rng.choice(T["needs"])
        self.get(f"/api/v1/public/search?locality={place}&need={need}", "public search API")


class Operator(Base):
    role = "operator"
    weight = 8

    @task(3)
    def queue(self):
        self.get("/requests/?queue=open", "operator queue")

    @task(2)
    def by_name(self):
        self.get(f"/people/?q={self.rng.choice(T['surnames'])}", "person search by name")

    @task(2)
    def by_phone(self):
        self.get(f"/people/?q={self.rng.choice(T['phones'])}", "person search by phone")

    @task(2)
    def person(self):
        self.get(f"/people/{self.rng.choice(T['people'])}/", "person page")

    @task(2)
    def request(self):
        self.get(f"/requests/{self.rng.choice(T['requests'])}/", "request page with suggestions")


class Volunteer(Base):
    role = "volunteer"
    weight = 3

    @task
    def today(self):
        self.get("/phone/today/", "volunteer's calls for today")


class Coordinator(Base):
    role = "coordinator"
    weight = 2

    @task
    def phone(self):
        self.get("/phone/", "phone dashboard")


class Analyst(Base):
    role = "analyst"
    weight = 1

    @task
    def stats(self):
        self.get(f"/stats/?territory={T['region']}", "statistics dashboard")

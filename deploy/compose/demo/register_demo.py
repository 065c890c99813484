"""The compose demo's one-shot registration, standard library only; mirrors ./run-local.sh's demo.

Creates (unless they exist) a US-MX subscription for trade or migration that delivers to WEBHOOK_URL, and the demo feed
FEED_URL as an RSS source, then asks ingest-service to fetch it now. Exits 0 when all of that worked. Both APIs want the
operators' key DYAD_ADMIN_API_KEY as a bearer token; the key itself is never printed.
"""
import json
import os
import sys
import time
import urllib.error
import urllib.request

INGEST_URL = os.environ["INGEST_URL"].rstrip("/")
ALERT_URL = os.environ["ALERT_URL"].rstrip("/")
FEED_URL = os.environ["FEED_URL"]
WEBHOOK_URL = os.environ["WEBHOOK_URL"]
ADMIN_API_KEY = os.environ["DYAD_ADMIN_API_KEY"].strip()
SUBSCRIPTION_NAME = "Demo: US–Mexico trade and migration"


def call(method, url, payload=None, attempts=30):
    data = None if payload is None else json.dumps(payload).encode("utf-8")
    for attempt in range(1, attempts + 1):
        request = urllib.request.Request(url, data=data, method=method,
                                         headers={"Content-Type": "application/json", "Accept": "application/json",
                                                  "Authorization": "Bearer " + ADMIN_API_KEY})
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                body = response.read().decode("utf-8")
                return json.loads(body) if body else None
        except urllib.error.HTTPError as error:
            # an answer with a status is final: a 4xx means our request is wrong, say so and stop
            hint = ""
            if error.code in (401, 403):
                hint = " (the services and this demo must share DYAD_ADMIN_API_KEY; see docker-compose.yml)"
            sys.exit("%s %s answered %d: %s%s" % (method, url, error.code, error.read().decode("utf-8", "replace"),
                                                 hint))
        except (urllib.error.URLError, OSError) as error:
            if attempt == attempts:
                sys.exit("%s %s failed: %s" % (method, url, error))
            time.sleep(2)


def find(items, key, value):
    return next((item for item in items or [] if item.get(key) == value), None)


subscription = find(call("GET", ALERT_URL + "/subscriptions"), "name", SUBSCRIPTION_NAME) or call(
    "POST", ALERT_URL + "/subscriptions", {
        "name": SUBSCRIPTION_NAME,
        "filter": {"pairs": ["US-MX"], "countries": [], "issues": ["trade", "migration"]},
        "channel": {"type": "webhook", "url": WEBHOOK_URL},
    })
print("Subscription %s: pair US-MX, issues trade or migration -> %s" % (subscription["id"], WEBHOOK_URL))

source = find(call("GET", INGEST_URL + "/sources"), "url", FEED_URL) or call(
    "POST", INGEST_URL + "/sources", {"name": "Dyad Demo Wire", "url": FEED_URL, "type": "rss", "pollInterval": "PT5M"})
print("Source %s: %s (polled every 5 minutes); fetching it now" % (source["id"], FEED_URL))

print("Fetch result: %s" % json.dumps(call("POST", "%s/sources/%s/fetch" % (INGEST_URL, source["id"]))))
print("Watch the alert arrive: docker compose logs -f demo-web")

"""The compose demo's HTTP peer, standard library only.

GET  /feed.xml  the demo RSS feed: the template ./run-local.sh serves (test-support/src/main/resources/demo/feed.xml),
                with {{EDITION}} and {{PUBDATE}} filled in from this process's start time, so each start of the
                container is a new edition with new article URLs;
POST /webhook   a webhook receiver that prints each alert it gets (docker compose logs -f demo-web) and answers 204.
"""
import json
import os
from datetime import datetime, timezone
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

PORT = int(os.environ.get("DEMO_PORT", "8090"))
FEED_TEMPLATE = os.environ.get("DEMO_FEED_TEMPLATE", "/demo/feed.xml")
STARTED = datetime.now(timezone.utc).replace(microsecond=0)
MAX_BODY = 1024 * 1024


def render_feed() -> bytes:
    with open(FEED_TEMPLATE, encoding="utf-8") as template:
        text = template.read()
    text = text.replace("{{EDITION}}", STARTED.strftime("%Y%m%dT%H%M%SZ"))
    text = text.replace("{{PUBDATE}}", format_datetime(STARTED, usegmt=True))
    return text.encode("utf-8")


def describe(body: str) -> str:
    try:
        alert = json.loads(body)
    except ValueError:
        return "\n=== ALERT (not JSON) ===\n" + body
    if not isinstance(alert, dict):
        return "\n=== ALERT ===\n" + body
    article = alert.get("article") or {}
    matched = alert.get("matched") or {}
    lines = [
        "",
        "=== ALERT received %s ===" % datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "subscription: %s" % (alert.get("subscription") or {}).get("name", ""),
        "title:        %s" % article.get("title", ""),
        "url:          %s" % article.get("url", ""),
        "matched:      pairs %s issues %s" % (json.dumps(matched.get("pairs", [])), json.dumps(matched.get("issues", []))),
    ]
    for evidence in alert.get("evidence") or []:
        if isinstance(evidence, dict):
            lines.append('evidence:     "%s"' % evidence.get("text", ""))
    return "\n".join(lines)


class DemoHandler(BaseHTTPRequestHandler):
    server_version = "DyadDemo/1"

    def do_GET(self):
        if self.path.split("?")[0] != "/feed.xml":
            self.send_error(404)
            return
        body = render_feed()
        self.send_response(200)
        self.send_header("Content-Type", "application/rss+xml; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_POST(self):
        if self.path.split("?")[0] != "/webhook":
            self.send_error(404)
            return
        length = int(self.headers.get("Content-Length") or 0)
        if length > MAX_BODY:
            self.send_error(413)
            return
        body = self.rfile.read(length).decode("utf-8", errors="replace")
        print(describe(body), flush=True)
        self.send_response(204)
        self.end_headers()

    def log_message(self, format, *args):
        pass  # only alerts go to the log


if __name__ == "__main__":
    server = ThreadingHTTPServer(("0.0.0.0", PORT), DemoHandler)
    print("Demo feed on :%d/feed.xml, webhook sink on :%d/webhook" % (PORT, PORT), flush=True)
    server.serve_forever()

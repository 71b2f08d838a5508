#!/usr/bin/env python3
"""An independent SDK-HMAC-SHA256 client, written from Huawei's published signing
algorithm with the Python standard library only.

It shares no code with Gallerist, so when the sandbox accepts its requests, the
sandbox verifies the published algorithm rather than Gallerist's own reading of it.
It first checks itself against the official test vector of the API Signing Guide.

usage: huawei_signer.py BASE_URL AK SK ORDER_ID [tamper]
prints one JSON line: {"status": ..., "body": ...}
"""
import datetime
import hashlib
import hmac
import json
import sys
import urllib.error
import urllib.parse
import urllib.request


def enc(text):
    return urllib.parse.quote(text, safe="~")


def canonical_request(method, path, query, headers, body):
    uri = "/".join(enc(urllib.parse.unquote(seg)) for seg in path.split("/"))
    if not uri.endswith("/"):
        uri += "/"
    pairs = []
    for item in filter(None, query.split("&")):
        key, _, value = item.partition("=")
        pairs.append((enc(urllib.parse.unquote(key)), enc(urllib.parse.unquote(value))))
    pairs.sort()
    names = sorted(k.lower() for k in headers)
    lowered = {k.lower(): v.strip() for k, v in headers.items()}
    header_block = "".join(f"{n}:{lowered[n]}\n" for n in names)
    return "\n".join([
        method.upper(), uri, "&".join(f"{k}={v}" for k, v in pairs), header_block,
        ";".join(names), hashlib.sha256(body).hexdigest(),
    ])


def authorization(ak, sk, date, method, path, query, headers, body):
    cr = canonical_request(method, path, query, headers, body)
    sts = "SDK-HMAC-SHA256\n%s\n%s" % (date, hashlib.sha256(cr.encode()).hexdigest())
    sig = hmac.new(sk.encode(), sts.encode(), hashlib.sha256).hexdigest()
    names = ";".join(sorted(k.lower() for k in headers))
    return f"SDK-HMAC-SHA256 Access={ak}, SignedHeaders={names}, Signature={sig}"


def self_check():
    got = authorization(
        "QTWAOYTTINDUT2QVKYUC", "MFyfvK41ba2giqM7Uio6PznpdUKGpownRZlmVmHc", "20191115T033655Z", "GET",
        "/v1/77b6a44cba5143ab91d13ab9a8ff44fd/vpcs", "limit=2&marker=13551d6b-755d-4757-b956-536f674975c0",
        {"Content-Type": "application/json", "Host": "service.region.example.com", "X-Sdk-Date": "20191115T033655Z"},
        b"")
    if not got.endswith("Signature=7be6668032f70418fcc22abc52071e57aff61b84a1d2381bb430d6870f4f6ebe"):
        sys.exit("independent signer does not reproduce the official vector: " + got)


def main():
    self_check()
    base, ak, sk, order_id = sys.argv[1:5]
    tamper = len(sys.argv) > 5 and sys.argv[5] == "tamper"
    parsed = urllib.parse.urlparse(base)
    path = "/api/mkp-openapi-public/global/v1/order/query"
    query = urllib.parse.urlencode({"orderId": order_id})
    date = datetime.datetime.now(datetime.timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    headers = {"Content-Type": "application/json", "Host": parsed.netloc, "X-Sdk-Date": date}
    auth = authorization(ak, sk, date, "GET", path, query, headers, b"")
    if tamper:  # one byte of the request changes after signing
        query = query[:-1] + ("X" if query[-1] != "X" else "Y")
    request = urllib.request.Request(f"{base}{path}?{query}", method="GET", headers={**headers, "Authorization": auth})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            status, body = response.status, response.read()
    except urllib.error.HTTPError as err:
        status, body = err.code, err.read()
    print(json.dumps({"status": status, "body": json.loads(body)}))


if __name__ == "__main__":
    main()

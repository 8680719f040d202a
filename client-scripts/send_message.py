#!/usr/bin/env python3
"""Send one message to the Message Broker over mutual TLS (Python standard library only).

Example:
    python3 client-scripts/send_message.py --sender +4915200000000 --message "hello" \
        --cert data/demo-client.crt --key data/demo-client.key --ca data/ca.crt

Prints the JSON answer. Exit status 0 on 202, 1 on an error answer, 2 when the proxy cannot be reached.
"""
import argparse
import json
import ssl
import sys
import urllib.error
import urllib.request


def main():
    parser = argparse.ArgumentParser(description="Send one message to the Message Broker proxy.")
    parser.add_argument("--url", default="https://localhost:8001", help="proxy base URL")
    parser.add_argument("--cert", required=True, help="client certificate (PEM)")
    parser.add_argument("--key", required=True, help="client private key (PEM, PKCS#8)")
    parser.add_argument("--ca", required=True, help="the installation's CA certificate (PEM)")
    parser.add_argument("--sender", required=True, help="sender number in E.164, e.g. +4915200000000")
    parser.add_argument("--message", required=True, help="message body, 1 to 1000 characters")
    parser.add_argument("--domain", help="optional metadata.domain")
    parser.add_argument("--idempotency-key", help="retry-safe key: a retry with it creates no second message")
    args = parser.parse_args()

    payload = {"sender_number": args.sender, "message_body": args.message}
    if args.domain:
        payload["metadata"] = {"domain": args.domain}
    headers = {"Content-Type": "application/json"}
    if args.idempotency_key:
        headers["Idempotency-Key"] = args.idempotency_key

    context = ssl.create_default_context(cafile=args.ca)
    context.load_cert_chain(certfile=args.cert, keyfile=args.key)
    request = urllib.request.Request(args.url.rstrip("/") + "/api/v1/messages",
                                     data=json.dumps(payload).encode("utf-8"), headers=headers, method="POST")
    try:
        with urllib.request.urlopen(request, context=context, timeout=30) as response:
            print(response.read().decode("utf-8"))
            return 0
    except urllib.error.HTTPError as error:
        print(error.read().decode("utf-8"), file=sys.stderr)
        return 1
    except (urllib.error.URLError, OSError) as error:
        print("cannot reach the proxy: %s" % error, file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())

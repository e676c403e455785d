#!/usr/bin/env python3
"""Drives a running emulator's Bitrix REST surface with a real client library, unchanged: fast_bitrix24.

    python3 -m venv .venv && .venv/bin/pip install -r .ci/rest-client-requirements.txt
    .venv/bin/python .ci/rest-client-check.py http://127.0.0.1:PORT

The emulator must serve the built-in default site (its development webhook `1/dev-webhook-NOT-A-SECRET`, profile
`box`) on a fresh state. What fast_bitrix24 1.8.14 does, read from its source (docs/REST.md has the details):
  * it POSTs JSON to `{webhook}{method}` (method lower-cased) and raises on any HTTP error status;
  * `call()` always goes through `batch`: `{"halt": 0, "cmd": {"order0000000000": "method?<http_build_query>&"}}`
    with an extra `__order` parameter in each command, and unwraps the single-key result (`{"order": {...}}`);
  * `get_all()` adds `order={"ID": "ASC"}` (dropped by sale.*: UPPER_CASE keys never match), makes one plain call,
    reads `total`, then batches `start=50, 100, ...` and flattens the `orders` lists, de-duplicating;
  * it reads `time.operating` only when present (the `box` profile sends none).
Exits 0 and prints "N passed, 0 failed" when every check holds; otherwise prints each failure and exits 1.
"""

import sys

from fast_bitrix24 import Bitrix

CHECKS = {"passed": 0, "failed": 0}


def check(condition, what):
    if condition:
        CHECKS["passed"] += 1
    else:
        CHECKS["failed"] += 1
        print(f"FAILED: {what}", file=sys.stderr)


def order_fields(comment):
    return {"fields": {"lid": "s1", "personTypeId": 1, "currency": "KZT", "userId": 1, "comments": comment}}


def main(base_url):
    webhook = base_url.rstrip("/") + "/rest/1/dev-webhook-NOT-A-SECRET/"
    b = Bitrix(webhook, verbose=False)

    # 55 orders in two batches (call() with a list packs 50 commands per batch).
    created = b.call("sale.order.add", [order_fields(f"client check {i}") for i in range(55)])
    check(len(created) == 55, f"55 orders created, got {len(created)}")
    created_ids = {order["id"] for order in created}
    check(len(created_ids) == 55 and all(isinstance(i, int) for i in created_ids), "55 distinct integer ids")

    # get_all over more than one page.
    orders = b.get_all("sale.order.list", {"select": ["id", "comments", "accountNumber"]})
    ids = {order["id"] for order in orders}
    check(created_ids <= ids, "get_all lists every created order")
    check(len(orders) == len(ids), "get_all returns each order once")
    check(all(set(order) == {"id", "comments", "accountNumber"} for order in orders), "select keeps three fields")
    filtered = b.get_all("sale.order.list", {"filter": {">id": max(created_ids) - 3}, "select": ["id"]})
    check(sorted(o["id"] for o in filtered) == sorted(created_ids)[-3:], "get_all with a >id filter")

    # One order end to end with the follow-up methods, each through call().
    order = b.call("sale.order.add", order_fields("end to end"))
    order_id = order["id"]
    check(order["accountNumber"] == str(order_id) and order["statusId"] == "N", "sale.order.add answers the order")
    item = b.call(
        "sale.basketitem.add",
        {"fields": {"orderId": order_id, "productId": 5, "currency": "KZT", "quantity": 1, "price": 15000}},
    )
    check(item["customPrice"] == "Y" and item["price"] == 15000, "price turns on customPrice")
    shipment = b.call(
        "sale.shipment.add",
        {"fields": {"orderId": order_id, "allowDelivery": "N", "deducted": "N", "deliveryId": 1, "basePriceDelivery": 2500}},
    )
    check(shipment["priceDelivery"] == 2500 and shipment["shipmentItems"] == [], "sale.shipment.add")
    shipment_item = b.call(
        "sale.shipmentitem.add",
        {"fields": {"orderDeliveryId": shipment["id"], "basketId": item["id"], "quantity": 1}},
    )
    check(shipment_item["basketId"] == item["id"] and shipment_item["quantity"] == 1, "sale.shipmentitem.add")
    payment = b.call("sale.payment.add", {"fields": {"orderId": order_id, "paySystemId": 3, "sum": 17500}})
    check(payment["paySystemName"] == "Kaspi.kz" and payment["accountNumber"] == f"{order_id}/1", "sale.payment.add")
    # call() flattens a single command's list result and then answers its first element: the first value here.
    first_value = b.call(
        "sale.propertyvalue.modify",
        {
            "fields": {
                "order": {
                    "id": order_id,
                    "propertyValues": [
                        {"orderPropsId": 1, "value": "Иван Иванов"},
                        {"orderPropsId": 3, "value": "+77015211545"},
                    ],
                }
            }
        },
    )
    check(first_value["code"] == "FIO" and first_value["value"] == "Иван Иванов", "sale.propertyvalue.modify")
    got = b.call("sale.order.get", {"id": order_id})
    check(got["price"] == 17500 and got["payed"] == "N", "sale.order.get: price 17500, not paid")
    check(len(got["basketItems"]) == 1 and len(got["shipments"]) == 1, "sale.order.get has the basket and shipment")
    check(sorted(v["code"] for v in got["propertyValues"]) == ["FIO", "PHONE"], "sale.order.get has the two values")
    updated = b.call("sale.order.update", {"id": order_id, "fields": {"statusId": "AP", "currency": "USD"}})
    check(updated["statusId"] == "AP" and updated["currency"] == "KZT", "update ignores the immutable currency")

    # A batch with a reference to an earlier command's result.
    batch = b.call_batch(
        {
            "halt": 0,
            "cmd": {
                "order": f"sale.order.get?id={order_id}",
                "items": "sale.basketitem.list?filter[orderId]=$result[order][order][id]",
                "statuses": "sale.status.list",
            },
        }
    )
    check(batch["order"]["order"]["id"] == order_id, "batch: sale.order.get")
    check([i["id"] for i in batch["items"]["basketItems"]] == [item["id"]], "batch: the $result reference resolved")
    check(len(batch["statuses"]["statuses"]) >= 1, "batch: sale.status.list")

    # The trap every client meets: an UPPER_CASE key is dropped and the required field is missing.
    try:
        b.call("sale.order.add", {"fields": {"LID": "s1", "personTypeId": 1, "currency": "KZT", "userId": 1}})
        check(False, "an UPPER_CASE lid is dropped, so the add fails")
    except Exception as error:  # fast_bitrix24 raises with the batch's result_error
        check("Required fields: lid" in str(error), f"the error names lid: {error}")

    deleted = b.call("sale.order.delete", {"id": order_id})
    check(deleted is True, f"sale.order.delete answers true, got {deleted!r}")

    print(f"{CHECKS['passed']} passed, {CHECKS['failed']} failed")
    return 0 if CHECKS["failed"] == 0 else 1


if __name__ == "__main__":
    if len(sys.argv) != 2 or not sys.argv[1].startswith(("http://", "https://")):
        print("usage: rest-client-check.py http://127.0.0.1:PORT", file=sys.stderr)
        sys.exit(2)
    sys.exit(main(sys.argv[1]))

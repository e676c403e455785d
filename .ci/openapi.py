#!/usr/bin/env python3
"""Writes docs/openapi.json and Sources/EmulatedSite/OpenAPI/OpenAPIDocument.swift (the same bytes) from the
description below. Run it after changing a route or an answer; EmulatedSiteTests keeps the three in step."""
import json, pathlib

root = pathlib.Path(__file__).resolve().parent.parent

def ref(name): return {"$ref": f"#/components/schemas/{name}"}
def content(schema, media="application/json"): return {"content": {media: {"schema": schema}}}
def resp(desc, schema=None, media="application/json"):
    r = {"description": desc}
    if schema is not None: r.update(content(schema, media))
    return r

failure = ref("Failure")
common_api = {
    "400": resp("Malformed parameter or body", failure),
    "401": resp("No configured token", failure),
    "404": resp("Unknown route or order", failure),
    "405": resp("Method not allowed (Allow lists the methods)", failure),
    "413": resp("Body over the limit", failure),
    "422": resp("Validation failed", failure),
    "503": resp("The durable store cannot write", failure),
}
def api(ok_desc, ok_schema, *codes, extra=None):
    r = {"200": resp(ok_desc, ok_schema)}
    for c in codes: r[c] = common_api[c]
    if extra: r.update(extra)
    return r
security = [{"bearer": []}, {"access_token": []}]
int_id = {"type": "integer", "minimum": 1, "maximum": 9007199254740991}
money = {"type": "number"}
text = {"type": "string"}
page_params = [
    {"name": "limit", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 100}},
    {"name": "offset", "in": "query", "schema": {"type": "integer", "minimum": 0}},
]
order_list = {"type": "object", "required": ["success", "data", "pagination"], "properties": {
    "success": {"const": True}, "data": {"type": "array", "items": ref("Order")}, "pagination": ref("Pagination")}}

schemas = {
    "Failure": {"type": "object", "required": ["success", "error"], "properties": {
        "success": {"const": False}, "error": text,
        "errors": {"type": "array", "items": text},
        "details": {"type": "array", "items": {"type": "object", "required": ["field", "code", "message"],
            "properties": {"field": text, "code": text, "message": text}}}}},
    "Pagination": {"type": "object", "required": ["total", "limit", "offset", "has_more"], "properties": {
        "total": {"type": "integer"}, "limit": {"type": "integer"}, "offset": {"type": "integer"},
        "has_more": {"type": "boolean"}}},
    "Order": {"type": "object", "required": ["id", "account_number", "status", "price", "currency", "properties",
        "basket", "shipments", "payments"], "properties": {
        "id": {"type": "integer"}, "account_number": {"type": ["string", "null"]}, "site_id": {"type": ["string", "null"]},
        "person_type_id": {"type": ["integer", "null"]}, "user_id": {"type": ["integer", "null"]},
        "status": text, "status_name": {"type": ["string", "null"]}, "canceled": {"type": "boolean"},
        "paid": {"type": "boolean"}, "currency": text, "price": money, "basket_price": money,
        "price_delivery": money, "sum_paid": money, "date_insert": {"type": ["string", "null"]},
        "date_update": {"type": ["string", "null"]}, "user_description": {"type": ["string", "null"]},
        "properties": {"type": "object", "additionalProperties": text},
        "basket": {"type": "array", "items": {"type": "object"}},
        "shipments": {"type": "array", "items": {"type": "object"}},
        "payments": {"type": "array", "items": {"type": "object"}}}},
    "CreateOrder": {"type": "object", "required": ["railway_order_id", "customer_name", "customer_phone",
        "delivery_address", "delivery_date", "delivery_time", "items", "total_amount"], "properties": {
        "railway_order_id": int_id, "customer_name": text, "customer_phone": text, "delivery_address": text,
        "delivery_date": {"type": "string", "format": "date"}, "delivery_time": {"type": "string", "pattern": "^[0-2][0-9]:[0-5][0-9]-[0-2][0-9]:[0-5][0-9]$"},
        "recipient_name": text, "recipient_phone": text,
        "items": {"type": "array", "minItems": 1, "maxItems": 100, "items": {"type": "object", "required": ["product_id", "quantity"],
            "properties": {"product_id": int_id, "quantity": {"type": "integer", "minimum": 1, "maximum": 10000}, "price": money}}},
        "total_amount": money, "delivery_price": money, "delivery_id": int_id, "payment_method": text, "notes": text}},
    "Created": {"type": "object", "required": ["success", "bitrix_order_id", "railway_order_id", "order_number",
        "status", "total_amount", "currency", "warnings"], "properties": {
        "success": {"const": True}, "bitrix_order_id": {"type": "integer"}, "railway_order_id": {"type": "integer"},
        "order_number": text, "status": text, "total_amount": money, "currency": text,
        "warnings": {"type": "array", "items": text}, "idempotent_replay": {"const": True}}},
    "Product": {"type": "object", "required": ["id", "title", "price", "currency", "active"], "properties": {
        "id": {"type": "integer"}, "title": text, "price": money, "currency": text, "active": {"type": "boolean"},
        "images_urls": {"type": "array", "items": text}, "owner": {"type": ["string", "null"]},
        "properties": {"type": "object", "additionalProperties": text}}},
    "IdAndStatus": {"type": "object", "required": ["id"], "properties": {"id": int_id, "status": text}},
    "EmuFailure": {"type": "object", "required": ["success", "error"], "properties": {"success": {"const": False}, "error": text}},
    "Health": {"type": "object", "required": ["status", "orders", "durable", "version"], "properties": {
        "status": {"enum": ["ok", "unavailable"]}, "orders": {"type": ["integer", "null"]}, "durable": {"type": "boolean"},
        "version": text}},
    "Clock": {"type": "object", "required": ["now", "ticking"], "properties": {"now": {"type": "string", "format": "date-time"}, "ticking": {"type": "boolean"}}},
    "ClockChange": {"type": "object", "minProperties": 1, "maxProperties": 1, "additionalProperties": False, "properties": {
        "now": {"type": "string", "format": "date-time"}, "advance": {"type": "string", "example": "PT2H"}}},
    "JournalEntry": {"type": "object", "required": ["sequence", "at", "method", "path", "surface", "status", "duration_ms", "diagnostics", "fault"], "properties": {
        "sequence": {"type": "integer"}, "at": text, "method": text, "path": text, "surface": {"enum": ["api", "rest", "other"]},
        "status": {"type": "integer"}, "duration_ms": {"type": "number"}, "diagnostics": {"type": ["string", "null"]},
        "fault": {"oneOf": [{"type": "null"}, ref("AppliedFault")]}}},
    "AppliedFault": {"type": "object", "required": ["rule", "kind", "status", "delay_ms", "when"], "properties": {
        "rule": {"type": "integer"}, "kind": {"enum": ["status", "canned", "drop", "delay"]},
        "status": {"type": ["integer", "null"]}, "delay_ms": {"type": "integer"}, "when": {"enum": ["before", "after"]}}},
    "RequestMatcher": {"type": "object", "additionalProperties": False, "properties": {
        "method": text, "path": text, "path_prefix": text, "status": {"type": "integer"}, "surface": text,
        "body": {"type": "object"}, "since": {"type": "integer"}}},
    "FaultRule": {"type": "object", "required": ["act"], "additionalProperties": False, "properties": {
        "match": {"type": "object", "additionalProperties": False, "properties": {"method": text, "path": text, "path_prefix": text, "surface": {"enum": ["api", "rest"]}}},
        "act": {"type": "object", "additionalProperties": False, "properties": {
            "status": {"type": "integer", "minimum": 100, "maximum": 599}, "body": {}, "headers": {"type": "object", "additionalProperties": text},
            "canned": {"enum": ["QUERY_LIMIT_EXCEEDED", "PHP_FATAL_ERROR"]}, "drop": {"const": True},
            "delay_ms": {"type": "integer", "minimum": 0, "maximum": 60000}, "when": {"enum": ["before", "after"]}}},
        "times": {"type": "integer", "minimum": 1}, "probability": {"type": "number", "exclusiveMinimum": 0, "maximum": 1},
        "seed": {"type": "integer", "minimum": 0}}},
    "ListedFault": {"type": "object", "required": ["id", "match", "act", "remaining", "probability", "seed", "fired"], "properties": {
        "id": {"type": "integer"}, "match": {"type": "object"}, "act": {"type": "object"}, "remaining": {"type": ["integer", "null"]},
        "probability": {"type": "number"}, "seed": {"type": "integer"}, "fired": {"type": "integer"}}},
}

emu_fail = ref("EmuFailure")
def emu(ok_code, ok_desc, ok_schema, *codes, media="application/json"):
    r = {ok_code: resp(ok_desc, ok_schema, media)}
    names = {"400": "Malformed body or parameter", "401": "The admin token is missing", "403": "The control plane is closed on this address",
             "404": "No such rule", "405": "Method not allowed", "503": "The store is unavailable"}
    for c in codes: r[c] = resp(names[c], emu_fail)
    return r
guard = ("401", "403")

paths = {
    "/api/v2/orders": {"get": {"summary": "Active orders, newest first", "security": security,
        "parameters": page_params + [{"name": "status", "in": "query", "schema": text}, {"name": "railway_order_id", "in": "query", "schema": int_id}],
        "responses": api("A page of orders", order_list, "400", "401", "405", "413", "422")}},
    "/api/v2/orders/create": {"post": {"summary": "Create an order (idempotent by railway_order_id)", "security": security,
        "requestBody": {"required": True, **content(ref("CreateOrder"))},
        "responses": api("Created, or an idempotent replay", ref("Created"), "400", "401", "405", "413", "422", "503",
            extra={"409": resp("railway_order_id used with a different payload", failure)})}},
    "/api/v2/orders/detail": {"get": {"summary": "One order by id", "security": security,
        "parameters": [{"name": "id", "in": "query", "required": True, "schema": int_id}],
        "responses": api("The order", {"type": "object", "required": ["success", "data"], "properties": {"success": {"const": True}, "data": ref("Order")}}, "400", "401", "404", "405", "413")}},
    "/api/v2/orders/{id}": {"get": {"summary": "One order by id", "security": security,
        "parameters": [{"name": "id", "in": "path", "required": True, "schema": int_id}],
        "responses": api("The order", {"type": "object", "required": ["success", "data"], "properties": {"success": {"const": True}, "data": ref("Order")}}, "400", "401", "404", "405", "413")}},
    "/api/v2/orders/delete": {k: {"summary": "Delete an order", "security": security,
        "parameters": [{"name": "id", "in": "query", "schema": int_id}],
        "responses": api("Deleted", {"type": "object", "required": ["success", "data"], "properties": {"success": {"const": True},
            "data": {"type": "object", "required": ["id", "deleted"], "properties": {"id": {"type": "integer"}, "deleted": {"const": True}}}, "warnings": {"type": "array", "items": text}}},
            "400", "401", "404", "405", "413", "422", "503", extra={"409": resp("Paid or shipped", failure)})} for k in ("delete", "post")},
    "/api/v2/order/change-status": {"post": {"summary": "Change an order's status", "security": security,
        "requestBody": {"required": False, **content(ref("IdAndStatus"))},
        "responses": api("Changed", {"type": "object", "required": ["success", "data"], "properties": {"success": {"const": True},
            "data": {"type": "object", "required": ["id", "status", "previous_status"], "properties": {"id": {"type": "integer"}, "status": text, "previous_status": text}}, "warnings": {"type": "array", "items": text}}},
            "400", "401", "404", "405", "413", "422", "503")}},
    "/api/v2/customers/orders.php": {"get": {"summary": "A customer's orders by phone", "security": security,
        "parameters": [{"name": "phone", "in": "query", "required": True, "schema": text}] + page_params,
        "responses": api("The customer's orders (any status)", order_list, "400", "401", "405", "413")}},
    "/api/v2/customers/orders_by_id.php": {"get": {"summary": "A customer's orders by user id", "security": security,
        "parameters": [{"name": "user_id", "in": "query", "required": True, "schema": int_id}] + page_params,
        "responses": api("The customer's orders (any status)", order_list, "400", "401", "405", "413")}},
    "/api/v2/create": {"post": {"summary": "Create or update a product", "security": security,
        "requestBody": {"required": True, **content({"type": "object", "required": ["title", "price"], "properties": {
            "id": int_id, "title": text, "price": money, "images_urls": {"type": "array", "items": text}, "owner": text, "properties": {"type": "object"}}})},
        "responses": api("The product", {"type": "object", "required": ["success", "data", "warnings"], "properties": {"success": {"const": True}, "data": ref("Product"), "warnings": {"type": "array", "items": text}}},
            "400", "401", "405", "413", "422", "503")}},
    "/__emu/ping": {"get": {"summary": "A constant pong: no engine work (the load ceiling)", "security": [],
        "responses": emu("200", "pong", {"const": "pong"}, media="text/plain")}},
    "/__emu/health": {"get": {"summary": "Health once the state is open", "security": [],
        "responses": {"200": resp("Healthy", ref("Health")), "503": resp("The store is unavailable", ref("Health"))}}},
    "/__emu/openapi.json": {"get": {"summary": "This document", "security": [], "responses": emu("200", "The OpenAPI document", {"type": "object"})}},
    "/__emu/reset": {"post": {"summary": "Empty state, or the snapshot in the body becomes the state", "security": [{"admin": []}, {}],
        "requestBody": {"required": False, **content({"type": "object", "description": "A snapshot document (the state file format)"})},
        "responses": emu("200", "Reset", {"type": "object", "required": ["status", "orders"], "properties": {"status": {"const": "reset"}, "orders": {"type": "integer"}}}, "400", *guard, "503")}},
    "/__emu/state": {"get": {"summary": "The state as a snapshot document", "security": [{"admin": []}, {}],
        "responses": emu("200", "The snapshot", {"type": "object", "required": ["format", "version"]}, *guard, "503")}},
    "/__emu/clock": {
        "get": {"summary": "The engine clock", "security": [{"admin": []}, {}], "responses": emu("200", "The clock", ref("Clock"), *guard)},
        "put": {"summary": "Set ({\"now\"}) or move ({\"advance\": ISO 8601 duration}) the clock", "security": [{"admin": []}, {}],
            "requestBody": {"required": True, **content(ref("ClockChange"))}, "responses": emu("200", "The clock after", ref("Clock"), "400", *guard)}},
    "/__emu/requests": {
        "get": {"summary": "The request journal, oldest first", "security": [{"admin": []}, {}],
            "parameters": [{"name": n, "in": "query", "schema": s} for n, s in [("method", text), ("path", text), ("surface", text),
                ("status", {"type": "integer"}), ("since", {"type": "integer"}), ("limit", {"type": "integer", "minimum": 1})]],
            "responses": emu("200", "Entries", {"type": "object", "required": ["requests", "recorded", "capacity"], "properties": {
                "requests": {"type": "array", "items": ref("JournalEntry")}, "recorded": {"type": "integer"}, "capacity": {"type": "integer"}}}, "400", *guard)},
        "delete": {"summary": "Clear the journal", "security": [{"admin": []}, {}],
            "responses": emu("200", "Cleared", {"type": "object", "required": ["cleared"], "properties": {"cleared": {"type": "integer"}}}, *guard)}},
    "/__emu/requests/count": {"post": {"summary": "How many journal entries match (WireMock's verify)", "security": [{"admin": []}, {}],
        "requestBody": {"required": False, **content(ref("RequestMatcher"))},
        "responses": emu("200", "The count", {"type": "object", "required": ["count"], "properties": {"count": {"type": "integer"}}}, "400", *guard)}},
    "/__emu/faults": {
        "get": {"summary": "The fault rules", "security": [{"admin": []}, {}],
            "responses": emu("200", "Rules", {"type": "object", "required": ["faults"], "properties": {"faults": {"type": "array", "items": ref("ListedFault")}}}, *guard)},
        "post": {"summary": "Add a fault rule", "security": [{"admin": []}, {}], "requestBody": {"required": True, **content(ref("FaultRule"))},
            "responses": emu("201", "The rule with its id", ref("ListedFault"), "400", *guard)},
        "delete": {"summary": "Remove every rule", "security": [{"admin": []}, {}],
            "responses": emu("200", "Cleared", {"type": "object", "required": ["cleared"], "properties": {"cleared": {"type": "integer"}}}, *guard)}},
    "/__emu/faults/{id}": {"delete": {"summary": "Remove one rule", "security": [{"admin": []}, {}],
        "parameters": [{"name": "id", "in": "path", "required": True, "schema": {"type": "integer"}}],
        "responses": emu("200", "Deleted", {"type": "object", "required": ["deleted"], "properties": {"deleted": {"type": "integer"}}}, "404", *guard)}},
}

document = {
    "openapi": "3.1.0",
    "info": {"title": "bitrix-order-engine: the emulated shop", "version": "0.1.0",
             "description": "/api/v2 (docs/API.md) and the control plane /__emu (docs/SERVER.md). /rest is described by spec/rest-sale.md."},
    "servers": [{"url": "http://127.0.0.1:8080"}],
    "paths": paths,
    "components": {"schemas": schemas, "securitySchemes": {
        "bearer": {"type": "http", "scheme": "bearer"},
        "access_token": {"type": "apiKey", "in": "query", "name": "access_token"},
        "admin": {"type": "apiKey", "in": "header", "name": "X-Emu-Admin-Token"}}},
}
text_out = json.dumps(document, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
(root / "docs/openapi.json").write_text(text_out + "\n", encoding="utf-8")
assert '"""' not in text_out
swift = ('/// The OpenAPI 3.1 document of `/api/v2` and `/__emu`, served at `/__emu/openapi.json`.\n///\n'
         '/// Generated by `.ci/openapi.py` with `docs/openapi.json` (the same bytes); a test keeps the two equal.\n'
         'public enum OpenAPIDocument {\n    /// The document\'s text.\n    public static let json = #"""\n'
         + text_out + '\n"""#\n}\n')
(root / "Sources/EmulatedSite/OpenAPI/OpenAPIDocument.swift").write_text(swift, encoding="utf-8")

-- wrk script: POST /api/v2/orders/create with a new railway_order_id per request (per-thread ranges).
local threads = {}
local counter = 0
base = 100000000  -- replaced per thread by setup(); far above the railway ids of a loaded state
function setup(thread)
  thread:set("base", (#threads + 1) * 100000000)
  table.insert(threads, thread)
end
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
request = function()
  counter = counter + 1
  local body = string.format(
    '{"railway_order_id": %d, "customer_name": "Иван Иванов", "customer_phone": "+77015211545", ' ..
    '"delivery_address": "ул. Абая 150", "delivery_date": "2025-10-21", "delivery_time": "14:00-16:00", ' ..
    '"items": [{"product_id": 5, "quantity": 1}], "total_amount": 17500}', base + counter)
  return wrk.format(nil, nil, nil, body)
end

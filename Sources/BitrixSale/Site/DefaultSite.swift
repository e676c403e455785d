import Foundation

extension SiteConfiguration {
    /// The built-in default site: the same bytes as `Fixtures/sites/default.json` (a test proves it), so that the
    /// library works when embedded without the Fixtures folder.
    public static let defaultSiteJSON: String = #"""
        {
          "siteId": "s1",
          "name": "cvety.kz (development fixture)",
          "currency": "KZT",
          "timeZone": "Asia/Almaty",
          "valuePrecision": 2,
          "saleVersion": "21.400",
          "formatDate": "DD.MM.YYYY",
          "apiTokens": ["dev-token-NOT-A-SECRET"],
          "products": [
            {"id": 1, "name": "Роза красная (1 шт.)", "price": 1200, "currency": "KZT"},
            {"id": 2, "name": "Тюльпан (1 шт.)", "price": 800, "currency": "KZT"},
            {"id": 3, "name": "Букет «Весна»", "price": 9500, "currency": "KZT"},
            {"id": 4, "name": "Букет из 25 хризантем", "price": 12500.50, "currency": "KZT"},
            {"id": 5, "name": "Букет из 15 роз", "price": 15000, "currency": "KZT"},
            {"id": 6, "name": "Композиция в коробке", "price": 22000, "currency": "KZT"},
            {"id": 7, "name": "Открытка", "price": 500, "currency": "KZT"},
            {"id": 8, "name": "Букет «Снято с продажи»", "price": 7000, "currency": "KZT", "active": false}
          ],
          "personTypes": [
            {"id": 1, "name": "Физическое лицо"},
            {"id": 2, "name": "Юридическое лицо"}
          ],
          "orderProperties": [
            {"id": 1, "personTypeId": 1, "code": "FIO", "name": "Ф.И.О.", "type": "STRING", "required": true, "isPayer": true, "sort": 100},
            {"id": 2, "personTypeId": 1, "code": "EMAIL", "name": "E-Mail", "type": "STRING", "isEmail": true, "sort": 110},
            {"id": 3, "personTypeId": 1, "code": "PHONE", "name": "Телефон", "type": "STRING", "required": true, "isPhone": true, "sort": 120},
            {"id": 4, "personTypeId": 1, "code": "ADDRESS", "name": "Адрес доставки", "type": "STRING", "required": true, "isAddress": true, "sort": 130},
            {"id": 5, "personTypeId": 1, "code": "DELIVERY_DATE", "name": "Дата доставки", "type": "DATE", "sort": 140},
            {"id": 6, "personTypeId": 1, "code": "DELIVERY_TIME", "name": "Время доставки", "type": "STRING", "pattern": "^\\d{2}:\\d{2}-\\d{2}:\\d{2}$", "sort": 150},
            {"id": 7, "personTypeId": 1, "code": "RECIPIENT_NAME", "name": "Имя получателя", "type": "STRING", "sort": 160},
            {"id": 8, "personTypeId": 1, "code": "RECIPIENT_PHONE", "name": "Телефон получателя", "type": "STRING", "sort": 170},
            {"id": 9, "personTypeId": 1, "code": "RAILWAY_ORDER_ID", "name": "ID заказа Railway", "type": "NUMBER", "sort": 180},
            {"id": 20, "personTypeId": 2, "code": "COMPANY", "name": "Название компании", "type": "STRING", "required": true, "isPayer": true, "sort": 100},
            {"id": 21, "personTypeId": 2, "code": "INN", "name": "БИН", "type": "STRING", "maxLength": 12, "sort": 110},
            {"id": 22, "personTypeId": 2, "code": "CONTACT_PERSON", "name": "Контактное лицо", "type": "STRING", "sort": 120},
            {"id": 23, "personTypeId": 2, "code": "EMAIL", "name": "E-Mail", "type": "STRING", "isEmail": true, "sort": 130},
            {"id": 24, "personTypeId": 2, "code": "PHONE", "name": "Телефон", "type": "STRING", "isPhone": true, "sort": 140},
            {"id": 25, "personTypeId": 2, "code": "ADDRESS", "name": "Адрес доставки", "type": "STRING", "isAddress": true, "sort": 150}
          ],
          "deliveryServices": [
            {"id": 1, "name": "Курьерская доставка", "price": 2500},
            {"id": 2, "name": "Самовывоз", "price": 0},
            {"id": 3, "name": "Без доставки", "isEmptyDelivery": true}
          ],
          "defaultDeliveryId": 1,
          "paySystems": [
            {"id": 1, "code": "cash", "name": "Наличные курьеру"},
            {"id": 2, "code": "card", "name": "Банковская карта"},
            {"id": 3, "code": "kaspi", "name": "Kaspi.kz"}
          ],
          "statuses": [
            {"id": "N", "type": "O", "name": "Order accepted, waiting for payment", "nameRu": "Принят, ожидается оплата", "sort": 100, "active": true},
            {"id": "AP", "type": "O", "name": "Approved by the florist", "nameRu": "Подтверждён флористом", "sort": 110, "active": true},
            {"id": "CO", "type": "O", "name": "Bouquet composed", "nameRu": "Букет собран", "sort": 120, "active": true},
            {"id": "DE", "type": "O", "name": "Out for delivery", "nameRu": "Передан курьеру", "sort": 130, "active": true},
            {"id": "F", "type": "O", "name": "Fulfilled", "nameRu": "Выполнен", "sort": 200},
            {"id": "DN", "type": "D", "name": "Awaiting processing", "nameRu": "Ожидает обработки", "sort": 300},
            {"id": "DF", "type": "D", "name": "Shipped", "nameRu": "Отгружен", "sort": 400}
          ],
          "users": [
            {"id": 1, "phone": "+77000000001", "name": "Администратор"}
          ],
          "rest": {
            "profile": "box",
            "webhooks": [{"userId": 1, "code": "dev-webhook-NOT-A-SECRET", "scopes": ["sale", "pay_system"]}],
            "oauthTokens": [{"token": "dev-oauth-NOT-A-SECRET", "scopes": ["sale"], "expiresAt": null}],
            "rateLimit": {"drainPerSecond": 2, "burst": 50}
          }
        }
        """#

    /// The built-in default site, decoded from ``defaultSiteJSON``.
    public static let defaultSite: SiteConfiguration = {
        do {
            return try decode(Data(defaultSiteJSON.utf8), source: "built-in default site")
        } catch {
            fatalError("The built-in default site is invalid: \(error)")  // a test covers it
        }
    }()
}

/// The Bitrix-like faults a rule can name instead of writing the answer out.
public enum CannedFault {
    /// The names accepted in `{"canned": …}`.
    public static let names = ["QUERY_LIMIT_EXCEEDED", "PHP_FATAL_ERROR"]

    /// The answer of a canned fault, or nil for an unknown name.
    public static func response(named name: String) -> (status: Int, headers: [String: String], body: [UInt8])? {
        switch name {
        case "QUERY_LIMIT_EXCEEDED":
            // What Bitrix24 REST answers when a client exceeds its request rate.
            return (
                503, ["Content-Type": "application/json; charset=utf-8"],
                Array(#"{"error":"QUERY_LIMIT_EXCEEDED","error_description":"Too many requests"}"#.utf8)
            )
        case "PHP_FATAL_ERROR":
            // PHP with display_errors on, as a misconfigured shop shows a fatal error: HTML, status 500.
            let page = """
                <br />
                <b>Fatal error</b>:  Uncaught Bitrix\\Main\\DB\\SqlQueryException: Mysql query error: (2006) MySQL \
                server has gone away in /home/bitrix/www/bitrix/modules/main/lib/db/mysqliconnection.php:98
                Stack trace:
                #0 /home/bitrix/www/bitrix/modules/sale/lib/order.php(412): Bitrix\\Main\\DB\\Connection->query()
                #1 {main}
                  thrown in <b>/home/bitrix/www/bitrix/modules/main/lib/db/mysqliconnection.php</b> on line <b>98</b><br />

                """
            return (500, ["Content-Type": "text/html; charset=UTF-8"], Array(page.utf8))
        default:
            return nil
        }
    }
}

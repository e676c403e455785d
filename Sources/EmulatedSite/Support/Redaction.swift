import Foundation
import SaleJSON

/// Removes secrets from what the journal and the access log keep.
///
/// Query parameters and body members named `access_token`, `auth`, `token`, `password`, `client_secret`, `refresh_token`, and the webhook code of
/// `/rest/{user}/{code}/…` paths. The `Authorization` header is never kept at all.
public enum Redaction {
    /// The names whose values are secrets.
    public static let secretNames: Set<String> = [
        "access_token", "auth", "token", "password", "client_secret", "refresh_token", "admin_token",
    ]

    /// What stands for a removed secret.
    public static let mask = "***"

    /// `target` with every secret replaced by ``mask``.
    public static func target(_ target: String) -> String {
        let parts = target.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        var path = String(parts[0])
        let segments = path.split(separator: "/", omittingEmptySubsequences: false)
        // /rest/{user}/{code}/method: a webhook; the code is a secret.
        if segments.count >= 5, segments[1] == "rest", !segments[2].isEmpty, segments[2].allSatisfy(\.isNumber) {
            var copy = segments.map(String.init)
            copy[3] = mask
            path = copy.joined(separator: "/")
        }
        guard parts.count == 2 else { return path }
        let query = parts[1].split(separator: "&", omittingEmptySubsequences: false)
            .map { pair -> String in
                let nameAndValue = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                let name = String(nameAndValue[0])
                let decoded = (name.removingPercentEncoding ?? name).lowercased()
                let base = decoded.split(separator: "[").first.map(String.init) ?? decoded
                guard secretNames.contains(base), nameAndValue.count == 2 else { return String(pair) }
                return name + "=" + mask
            }
        return path + "?" + query.joined(separator: "&")
    }

    /// `value` with every member named as a secret replaced by ``mask``, at any depth.
    public static func body(_ value: JSONValue) -> JSONValue {
        switch value {
        case .object(let members):
            return .object(
                members.map { member in
                    secretNames.contains(member.key.lowercased())
                        ? (key: member.key, value: .string(mask)) : (key: member.key, value: body(member.value))
                }
            )
        case .array(let elements): return .array(elements.map(body))
        default: return value
        }
    }
}

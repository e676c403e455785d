import Foundation

/// Replaces secrets (API tokens, webhook codes) with ``placeholder`` in text that reports show.
///
/// The runner passes every line it records (problems, response bodies, names, notices) through the redactor made
/// from ``ScenarioHost/secrets``, so neither the text report nor JUnit can show a secret, not even when an
/// expectation substituted `{{token}}` and the mismatch quotes it. Secrets shorter than ``minimumLength``
/// characters are left alone (redacting `1` would shred every report); each secret is also redacted in its
/// percent-encoded form, as it appears in a query string.
public struct SecretRedactor: Sendable, Hashable {
    /// What a secret becomes.
    public static let placeholder = "[redacted]"
    /// The shortest secret that is redacted.
    public static let minimumLength = 4

    /// The texts replaced, longest first (so that a secret containing another is replaced whole).
    public let secrets: [String]

    /// Makes a redactor for `secrets` (duplicates and too-short ones are dropped).
    public init(secrets: [String]) {
        var forms: Set<String> = []
        for secret in secrets where secret.count >= Self.minimumLength {
            forms.insert(secret)
            forms.insert(ScenarioRequest.percentEncoded(secret))
        }
        self.secrets = forms.sorted { $0.count != $1.count ? $0.count > $1.count : $0 < $1 }
    }

    /// `text` with every secret replaced by ``placeholder``.
    public func redact(_ text: String) -> String {
        var result = text
        for secret in secrets where result.contains(secret) {
            result = result.replacingOccurrences(of: secret, with: Self.placeholder)
        }
        return result
    }
}

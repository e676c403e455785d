/// The API token check: constant time in the configured token's length, never echoing what was presented.
struct TokenCheck: Sendable {
    private let tokens: [[UInt8]]

    init(tokens: [String]) { self.tokens = tokens.filter { !$0.isEmpty }.map { Array($0.utf8) } }

    /// Whether the request carries a configured token in `access_token` or `Authorization: Bearer`.
    func authorises(_ context: RequestContext) -> Bool {
        var candidates: [[UInt8]] = []
        if let token = context.query["access_token"], !token.isEmpty { candidates.append(Array(token.utf8)) }
        if let header = context.request.header("Authorization") {
            let trimmed = header.drop { $0 == " " }
            if trimmed.count > 7, trimmed.prefix(7).lowercased() == "bearer " {
                let token = trimmed.dropFirst(7).trimmingSpaces
                if !token.isEmpty { candidates.append(Array(token.utf8)) }
            }
        }
        var matched = false
        for candidate in candidates {
            for token in tokens where Self.equal(candidate, token) { matched = true }
        }
        return matched
    }

    /// Compares every byte of `secret` whatever the candidate holds: the time depends only on the secret's length.
    static func equal(_ candidate: [UInt8], _ secret: [UInt8]) -> Bool {
        var difference =
            UInt8(truncatingIfNeeded: candidate.count ^ secret.count) | (candidate.count == secret.count ? 0 : 1)
        for index in 0..<secret.count {
            let byte = index < candidate.count ? candidate[index] : 0
            difference |= byte ^ secret[index]
        }
        return difference == 0
    }
}

extension Substring {
    /// Without leading and trailing spaces and tabs.
    var trimmingSpaces: Substring {
        var text = self
        while let first = text.first, first == " " || first == "\t" { text = text.dropFirst() }
        while let last = text.last, last == " " || last == "\t" { text = text.dropLast() }
        return text
    }
}

/// The body of an answer as reports show it under a failing step: trimmed and cut to a readable length.
public enum ResponseExcerpt {
    /// The most characters of a body a report shows.
    public static let limit = 500

    /// `bytes` as UTF-8 text (invalid sequences become U+FFFD), surrounding whitespace trimmed, cut after
    /// ``limit`` characters with `… (N bytes in all)`; an empty body reads `(empty)`.
    public static func text(of bytes: [UInt8]) -> String {
        let text = String(decoding: bytes, as: UTF8.self)
        let trimmed = text.drop { $0.isWhitespace }.reversed().drop { $0.isWhitespace }.reversed()
        guard !trimmed.isEmpty else { return "(empty)" }
        let characters = String(trimmed)
        guard characters.count > limit else { return characters }
        return String(characters.prefix(limit)) + "… (\(bytes.count) bytes in all)"
    }
}

import Foundation

/// The one way this package writes and reads dates in JSON: ISO 8601 in UTC with milliseconds
/// (`2025-10-20T05:00:00.000Z`), written to the nearest millisecond and read back to the same `Date`.
public enum JSONDates {
    /// `date` as text, to the nearest millisecond.
    public static func text(_ date: Date) -> String { iso8601Text(date) }

    /// The date in `text` (any ISO 8601 form Foundation reads), snapped to the microsecond, or nil.
    public static func date(_ text: String) -> Date? {
        guard let date = try? Date(text, strategy: iso8601) else { return nil }
        // The format style's fraction is off by up to ~1e-7 s (".001" gave 0.0010000467): snap to the nearest
        // microsecond so that a millisecond timestamp decodes to the same Date it was encoded from.
        let micros = (date.timeIntervalSince1970 * 1_000_000).rounded()
        return Date(timeIntervalSince1970: micros / 1_000_000)
    }
}

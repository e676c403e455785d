import Foundation
import SaleJSON
import TestSupport
import Testing

/// The package's date spelling read in place (``JSONDates/exactDate(_:)``) against Foundation's ISO 8601 parser.
@Suite struct JSONDatesTests {
    static func exact(_ text: String) -> Date? {
        Array(text.utf8).withUnsafeBufferPointer { JSONDates.exactDate($0) }
    }

    /// Foundation's reading, snapped to the microsecond as ``JSONDates/date(_:)`` did before the in-place reader.
    static func foundation(_ text: String) -> Date? {
        let style: Date.ISO8601FormatStyle = .iso8601.year().month().day().time(includingFractionalSeconds: true)
            .timeZone(separator: .omitted)
        guard let date = try? Date(text, strategy: style) else { return nil }
        return Date(timeIntervalSince1970: (date.timeIntervalSince1970 * 1_000_000).rounded() / 1_000_000)
    }

    /// Seeded instants with and without milliseconds, 1970 … 2096: the written text reads back in place to a date
    /// that writes the same text, the instant itself, and the millisecond Foundation reads.
    @Test(arguments: [1, 2, 3] as [UInt64])
    func writtenDatesReadBackInPlace(seed: UInt64) throws {
        var random = SeededGenerator(seed: seed)
        for round in 0..<3000 {
            let seconds = Double(random.next() % 4_000_000_000)
            let millis = round % 3 == 0 ? 0 : Double(random.next() % 1000)
            let text = JSONDates.text(Date(timeIntervalSince1970: seconds + millis / 1000))
            let date = try #require(Self.exact(text), "\(text)")
            #expect(JSONDates.text(date) == text)
            #expect(JSONDates.date(text) == date)
            let reference = try #require(Self.foundation(text))
            // Foundation's own reading is off by up to ~1.5 µs late in the century (it counts from 2001 in a Double);
            // the in-place one is the nearest Date to the instant, and both name the same millisecond.
            #expect(abs(reference.timeIntervalSince1970 - date.timeIntervalSince1970) < 1e-5, "\(text)")
            #expect(date == Date(timeIntervalSince1970: (seconds * 1000 + millis) / 1000), "\(text)")
        }
    }

    /// Anything but the exact spelling of a real day from 1970 on is left to Foundation.
    @Test func otherSpellingsAreNotReadInPlace() {
        for text in [
            "2025-02-29T00:00:00.000Z", "2025-04-31T00:00:00.000Z", "1969-12-31T23:59:59.000Z",
            "2025-10-20T05:00:00Z", "2025-10-20T05:00:00.12Z", "2025-10-20T24:00:00.000Z", "2025-10-20T05:60:00.000Z",
            "2025-10-20 05:00:00.000Z", "2025-10-20T05:00:00.000+", "2025-1a-20T05:00:00.000Z",
        ] {
            #expect(Self.exact(text) == nil, "\(text)")
        }
        #expect(Self.exact("2024-02-29T23:59:59.999Z") != nil)
        #expect(JSONDates.date("2025-10-20T05:00:00Z") == Date(timeIntervalSince1970: 1_760_936_400))
    }
}

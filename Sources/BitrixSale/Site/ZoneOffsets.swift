import Foundation
import Synchronization

/// A time zone's UTC offset at an instant, cached per UTC day without a lock, shared by every surface that writes
/// the site's local times (`/api/v2` dates, REST's `date('c')`).
///
/// `TimeZone.secondsFromGMT(for:)` is an ICU call and slow, so the offset is cached per UTC day, but only for a day
/// whose first and last second have the same offset: a day holding a transition (a DST change, or a change of the
/// standard offset such as Asia/Almaty's UTC+6 → UTC+5 in 2024) always asks the zone. The cache is a direct-mapped
/// table of 4,096 atomic slots (the day and its offset packed in one word), so readers on many threads never wait
/// for each other: a slot holding another day is simply a miss.
public final class ZoneOffsets: Sendable {
    /// The zone.
    public let timeZone: TimeZone
    // Every access goes through the atomics it points at; the pointer itself never changes.
    nonisolated(unsafe) private let slots: UnsafeMutablePointer<Atomic<UInt64>>
    private static let slotCount = 4096

    /// Makes an empty cache for `timeZone`.
    public init(timeZone: TimeZone) {
        self.timeZone = timeZone
        slots = UnsafeMutablePointer<Atomic<UInt64>>.allocate(capacity: Self.slotCount)
        for index in 0..<Self.slotCount { (slots + index).initialize(to: Atomic(0)) }
    }

    deinit {
        slots.deinitialize(count: Self.slotCount)
        slots.deallocate()
    }

    /// The offset in seconds at `seconds` since 1970 (UTC).
    public func offset(atSeconds seconds: Int) -> Int {
        let day = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let slot = slots + (day & (Self.slotCount - 1))
        let word = slot.pointee.load(ordering: .relaxed)
        if let cached = Self.unpack(word, day: day) {
            return cached ?? timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(seconds)))
        }
        let first = timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(day) * 86_400))
        let last = timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(day) * 86_400 + 86_399.999))
        slot.pointee.store(Self.pack(day: day, offset: first == last ? first : nil), ordering: .relaxed)
        return first == last ? first : timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(seconds)))
    }

    /// The offset at an instant (a non-finite or absurd instant asks the zone).
    public func offset(at instant: Date) -> Int {
        let seconds = instant.timeIntervalSince1970
        guard seconds.isFinite, abs(seconds) < 1e12 else { return timeZone.secondsFromGMT(for: instant) }
        return offset(atSeconds: Int(seconds.rounded(.down)))
    }

    /// ISO 8601 with the zone's offset at that instant, `2025-10-20T10:00:00+05:00` (PHP `date('c')`), by arithmetic:
    /// no calendar or formatter per call. The one writer of the site's local times for `/api/v2` and REST.
    public func iso8601(_ instant: Date) -> String {
        let offset = offset(at: instant)
        let local = Int(instant.timeIntervalSince1970.rounded(.down)) + offset
        let days = local >= 0 ? local / 86_400 : (local - 86_399) / 86_400
        let seconds = local - days * 86_400
        let (year, month, day) = Self.civil(fromDays: days)
        let magnitude = abs(offset) / 60
        guard (0...9999).contains(year), magnitude < 6000 else {
            func pad(_ value: Int, _ width: Int = 2) -> String {
                let text = String(value)
                return String(repeating: "0", count: max(width - text.count, 0)) + text
            }
            return "\(pad(year, 4))-\(pad(month))-\(pad(day))T\(pad(seconds / 3600)):\(pad(seconds / 60 % 60)):"
                + "\(pad(seconds % 60))\(offset < 0 ? "-" : "+")\(pad(magnitude / 60)):\(pad(magnitude % 60))"
        }
        // `YYYY-MM-DDTHH:MM:SS+HH:MM`: 25 ASCII bytes written in place.
        return String(unsafeUninitializedCapacity: 25) { buffer in
            func two(_ value: Int, at index: Int) {
                buffer[index] = UInt8(truncatingIfNeeded: 0x30 + value / 10)
                buffer[index + 1] = UInt8(truncatingIfNeeded: 0x30 + value % 10)
            }
            two(year / 100, at: 0)
            two(year % 100, at: 2)
            buffer[4] = UInt8(ascii: "-")
            two(month, at: 5)
            buffer[7] = UInt8(ascii: "-")
            two(day, at: 8)
            buffer[10] = UInt8(ascii: "T")
            two(seconds / 3600, at: 11)
            buffer[13] = UInt8(ascii: ":")
            two(seconds / 60 % 60, at: 14)
            buffer[16] = UInt8(ascii: ":")
            two(seconds % 60, at: 17)
            buffer[19] = offset < 0 ? UInt8(ascii: "-") : UInt8(ascii: "+")
            two(magnitude / 60, at: 20)
            buffer[22] = UInt8(ascii: ":")
            two(magnitude % 60, at: 23)
            return 25
        }
    }

    /// Year, month and day of a day count since 1970-01-01, proleptic Gregorian (Howard Hinnant's `civil_from_days`).
    public static func civil(fromDays days: Int) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    // One word: bit 63 set when filled, bit 62 set when the day holds a transition, bits 24…55 the day (32 bits,
    // two's complement), bits 0…23 the offset + 2^23 (offsets are within ±18 h = ±64,800 s).
    private static func pack(day: Int, offset: Int?) -> UInt64 {
        let dayBits = UInt64(UInt32(truncatingIfNeeded: day)) << 24
        guard let offset else { return 1 << 63 | 1 << 62 | dayBits }
        return 1 << 63 | dayBits | UInt64(offset + (1 << 23))
    }

    /// `.some(offset)` for this day's slot (`.some(nil)`: a transition day), nil when the slot holds another day.
    private static func unpack(_ word: UInt64, day: Int) -> Int?? {
        guard word >> 63 == 1, UInt32(truncatingIfNeeded: word >> 24) == UInt32(truncatingIfNeeded: day) else {
            return nil
        }
        if word >> 62 & 1 == 1 { return .some(nil) }
        return .some(Int(word & 0xFF_FFFF) - (1 << 23))
    }
}

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

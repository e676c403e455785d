/// SplitMix64: a small seeded generator, so that random tests (fuzzing, corruption, crash points) are reproducible
/// and a failing case can be replayed from its seed.
public struct SeededGenerator: RandomNumberGenerator, Sendable {
    /// The state; the next value is derived from it.
    public var state: UInt64

    /// Starts from `seed`.
    public init(seed: UInt64) { state = seed }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A number from 0 up to (not including) `bound`.
    public mutating func next(below bound: Int) -> Int { Int(next() % UInt64(bound)) }
}

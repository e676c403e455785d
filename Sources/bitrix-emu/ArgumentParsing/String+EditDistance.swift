extension String {
    /// The Levenshtein distance to `other`: the fewest single-character insertions, deletions and
    /// substitutions that turn one into the other.
    func editDistance(to other: String) -> Int {
        let source = Array(self)
        let target = Array(other)
        if source.isEmpty || target.isEmpty { return Swift.max(source.count, target.count) }
        var previous = Array(0...target.count)
        var current = [Int](repeating: 0, count: target.count + 1)
        for i in 1...source.count {
            current[0] = i
            for j in 1...target.count {
                if source[i - 1] == target[j - 1] {
                    current[j] = previous[j - 1]
                } else {
                    current[j] = Swift.min(previous[j], current[j - 1], previous[j - 1]) + 1
                }
            }
            swap(&previous, &current)
        }
        return previous[target.count]
    }
}

/// Picks the "did you mean" candidate for a mistyped command or option name.
enum Suggestion {
    /// The candidate closest to `typed`, if one is close enough to be a likely typo.
    ///
    /// Close enough means an edit distance of at most a third of the candidate's length (at least 1),
    /// or the typed word being a prefix of the candidate (at least two characters). Ties go to the
    /// candidate declared first. Compare bare names (`state`, not `--state`) so dashes do not count.
    static func closest(to typed: String, among candidates: [String]) -> String? {
        var best: (name: String, distance: Int)?
        for candidate in candidates {
            let distance = typed.editDistance(to: candidate)
            let threshold = Swift.max(1, candidate.count / 3)
            let isPrefix = typed.count >= 2 && candidate.hasPrefix(typed)
            guard distance <= threshold || isPrefix else { continue }
            if best == nil || distance < best!.distance {
                best = (candidate, distance)
            }
        }
        return best?.name
    }
}

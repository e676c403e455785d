/// An ascending list of distinct ids, kept in chunks so that removing (or inserting) one id does not shift the
/// whole list.
///
/// A two-level B-tree: a table of chunks, each ascending and holding 1 … ``chunkCapacity`` ids, every id of a chunk
/// below every id of the next. Finding an id is a binary search over the chunks' last ids and then inside one chunk,
/// O(log n); removing or inserting it shifts at most ``chunkCapacity`` ids of that chunk. Only when a chunk empties
/// (it is dropped) or overflows (it splits in two) does the chunk table shift, n / ``chunkCapacity`` references
/// (about 200 at 100k orders). New ids, which are the largest, are appended to the last chunk in O(1).
///
/// Equality and hashing see only the ids, in order: two lists holding the same ids are equal whatever their chunk
/// boundaries (which depend on the history of inserts and removals), so equal states stay equal.
public struct SortedIdList: Sendable, Hashable, BidirectionalCollection, ExpressibleByArrayLiteral {
    /// The most ids one chunk holds; a chunk that would hold more splits in two halves.
    public static let chunkCapacity = 512

    /// A position: the chunk, and the place inside it.
    public struct Index: Sendable, Hashable, Comparable {
        /// The chunk's position in the chunk table.
        fileprivate var chunk: Int
        /// The position inside the chunk.
        fileprivate var offset: Int

        /// Ordered by chunk, then by position inside it.
        public static func < (left: Index, right: Index) -> Bool {
            (left.chunk, left.offset) < (right.chunk, right.offset)
        }
    }

    /// The chunks; none is empty.
    private var chunks: [[Int]] = []
    /// How many ids the list holds.
    public private(set) var count = 0

    /// An empty list.
    public init() {}

    /// A list of `ids`, which need not be sorted; a repeated id is kept once.
    public init<Ids: Sequence<Int>>(_ ids: Ids) {
        for id in ids.sorted() where last != id { append(id) }
    }

    /// A list of the literal's ids.
    public init(arrayLiteral ids: Int...) { self.init(ids) }

    /// The first position.
    public var startIndex: Index { Index(chunk: 0, offset: 0) }
    /// The position after the last id.
    public var endIndex: Index { Index(chunk: chunks.count, offset: 0) }

    /// The id at `position`.
    public subscript(position: Index) -> Int { chunks[position.chunk][position.offset] }

    /// The position after `position`.
    public func index(after position: Index) -> Index {
        position.offset + 1 < chunks[position.chunk].count
            ? Index(chunk: position.chunk, offset: position.offset + 1)
            : Index(chunk: position.chunk + 1, offset: 0)
    }

    /// The position before `position`.
    public func index(before position: Index) -> Index {
        position.offset > 0
            ? Index(chunk: position.chunk, offset: position.offset - 1)
            : Index(chunk: position.chunk - 1, offset: chunks[position.chunk - 1].count - 1)
    }

    /// Whether the list holds `id`, in O(log n).
    public func contains(_ id: Int) -> Bool {
        let chunk = chunkIndex(for: id)
        guard chunk < chunks.count else { return false }
        let position = Self.insertionPoint(id, in: chunks[chunk])
        return position < chunks[chunk].count && chunks[chunk][position] == id
    }

    /// Room for `additional` more ids in the chunk table.
    public mutating func reserveCapacity(_ additional: Int) {
        chunks.reserveCapacity(chunks.count + additional / Self.chunkCapacity + 1)
    }

    /// Adds `id` in its place; nothing happens when it is already there. O(1) for an id above every other.
    public mutating func insert(_ id: Int) {
        guard let lastId = last, lastId >= id else { return append(id) }
        let chunk = chunkIndex(for: id)
        let position = Self.insertionPoint(id, in: chunks[chunk])
        guard chunks[chunk][position] != id else { return }
        chunks[chunk].insert(id, at: position)
        count += 1
        if chunks[chunk].count > Self.chunkCapacity {
            let upper = Array(chunks[chunk][(Self.chunkCapacity / 2)...])
            chunks[chunk].removeSubrange((Self.chunkCapacity / 2)...)
            chunks.insert(upper, at: chunk + 1)
        }
    }

    /// Removes `id` if the list holds it, in O(log n + ``chunkCapacity``) (plus the chunk table's shift when its
    /// chunk empties); tells whether it was there.
    @discardableResult
    public mutating func remove(_ id: Int) -> Bool {
        let chunk = chunkIndex(for: id)
        guard chunk < chunks.count else { return false }
        let position = Self.insertionPoint(id, in: chunks[chunk])
        guard position < chunks[chunk].count, chunks[chunk][position] == id else { return false }
        if chunks[chunk].count == 1 {
            chunks.remove(at: chunk)
        } else {
            chunks[chunk].remove(at: position)
        }
        count -= 1
        return true
    }

    /// Ids `offset ..< offset + limit` in ascending order, or counted from the largest when `descending`; finding
    /// the first costs O(n / ``chunkCapacity``), each next one O(1).
    public func page(offset: Int, limit: Int, descending: Bool) -> [Int] {
        guard offset < count, limit > 0 else { return [] }
        let wanted = Swift.min(limit, count - offset)
        var page: [Int] = []
        page.reserveCapacity(wanted)
        var skip = offset
        if descending {
            for chunk in chunks.reversed() {
                if skip >= chunk.count {
                    skip -= chunk.count
                    continue
                }
                let end = chunk.count - skip
                skip = 0
                let take = Swift.min(wanted - page.count, end)
                page.append(contentsOf: chunk[(end - take)..<end].reversed())
                if page.count == wanted { break }
            }
        } else {
            for chunk in chunks {
                if skip >= chunk.count {
                    skip -= chunk.count
                    continue
                }
                let take = Swift.min(wanted - page.count, chunk.count - skip)
                page.append(contentsOf: chunk[skip..<(skip + take)])
                skip = 0
                if page.count == wanted { break }
            }
        }
        return page
    }

    /// Equal when both hold the same ids.
    public static func == (left: SortedIdList, right: SortedIdList) -> Bool {
        left.count == right.count && left.elementsEqual(right)
    }

    /// Hashes the ids in order.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(count)
        for id in self { hasher.combine(id) }
    }

    /// Appends an id above every other.
    private mutating func append(_ id: Int) {
        if chunks.isEmpty || chunks[chunks.count - 1].count >= Self.chunkCapacity {
            var chunk: [Int] = []
            chunk.reserveCapacity(Self.chunkCapacity)
            chunk.append(id)
            chunks.append(chunk)
        } else {
            chunks[chunks.count - 1].append(id)
        }
        count += 1
    }

    /// The first chunk whose last id is at least `id` (where `id` belongs), or the chunk count when none is.
    private func chunkIndex(for id: Int) -> Int {
        var low = 0
        var high = chunks.count
        while low < high {
            let middle = (low + high) / 2
            if chunks[middle][chunks[middle].count - 1] < id { low = middle + 1 } else { high = middle }
        }
        return low
    }

    private static func insertionPoint(_ id: Int, in ids: [Int]) -> Int {
        var low = 0
        var high = ids.count
        while low < high {
            let middle = (low + high) / 2
            if ids[middle] < id { low = middle + 1 } else { high = middle }
        }
        return low
    }
}

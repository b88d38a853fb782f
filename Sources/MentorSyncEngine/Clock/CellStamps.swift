/// The stamp of the last write to each cell position of a row (0 is the row's existence, 1 its
/// org_id, then the table's columns). Positions are small (a table has at most 64 cells), so the
/// stamps sit in an array indexed by position: every row merged reads and writes several, and a
/// dictionary would hash each position. Iteration is in ascending position order.
public struct CellStamps: Equatable, Sendable, Sequence, ExpressibleByDictionaryLiteral {
    private var slots: [Stamp?] = []
    /// How many positions hold a stamp.
    public private(set) var count = 0

    public init() {}

    /// Empty, with room for positions 0..<`positions` (a decoded clock: its table's cells).
    init(positions: Int) { slots = [Stamp?](repeating: nil, count: positions) }

    public init(dictionaryLiteral elements: (Int, Stamp)...) {
        for (position, stamp) in elements { self[position] = stamp }
    }

    public subscript(position: Int) -> Stamp? {
        get { position >= 0 && position < slots.count ? slots[position] : nil }
        set {
            precondition(position >= 0, "a cell position is never negative")
            if position >= slots.count {
                guard newValue != nil else { return }
                // Room for a whole row at once (positions are set one by one, mostly ascending).
                if slots.capacity <= position { slots.reserveCapacity(Swift.max(position + 1, 16)) }
                slots.append(contentsOf: repeatElement(nil, count: position + 1 - slots.count))
            }
            if slots[position] == nil { if newValue != nil { count += 1 } } else if newValue == nil { count -= 1 }
            slots[position] = newValue
        }
    }

    public var isEmpty: Bool { count == 0 }

    /// The positions that hold a stamp, ascending.
    public var keys: [Int] { slots.indices.filter { slots[$0] != nil } }

    public static func == (a: CellStamps, b: CellStamps) -> Bool {
        guard a.count == b.count else { return false }
        for i in 0..<Swift.max(a.slots.count, b.slots.count) where a[i] != b[i] { return false }
        return true
    }

    public struct Iterator: IteratorProtocol {
        fileprivate let slots: [Stamp?]
        fileprivate var position = 0
        public mutating func next() -> (key: Int, value: Stamp)? {
            while position < slots.count {
                defer { position += 1 }
                if let s = slots[position] { return (position, s) }
            }
            return nil
        }
    }

    public func makeIterator() -> Iterator { Iterator(slots: slots) }
    public var underestimatedCount: Int { count }
}

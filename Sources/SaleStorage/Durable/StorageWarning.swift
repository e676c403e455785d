/// Something recovery repaired on its own and the caller may want to log.
public enum StorageWarning: Sendable, Hashable, CustomStringConvertible {
    /// The journal ended in a line without its newline (a write cut short, never acknowledged); it was cut away.
    case droppedTornLine(file: String, offset: Int, length: Int)

    /// One readable line.
    public var description: String {
        switch self {
        case .droppedTornLine(let file, let offset, let length):
            return "\(file) at byte \(offset): dropped an unfinished last line of \(length) bytes "
                + "(a write cut short before it was acknowledged)"
        }
    }
}

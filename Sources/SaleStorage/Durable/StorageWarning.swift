/// Something recovery found and the caller may want to log.
public enum StorageWarning: Sendable, Hashable, CustomStringConvertible {
    /// The journal ended in a line without its newline (a write cut short, never acknowledged): a writable open cut
    /// it away (`repaired`), a read-only one ignored it and left the file as it was.
    case droppedTornLine(file: String, offset: Int, length: Int, repaired: Bool)
    /// A state file a group or others may read (left by an older build); a writable open makes it 0600.
    case readableByOthers(file: String)

    /// One readable line.
    public var description: String {
        switch self {
        case .droppedTornLine(let file, let offset, let length, let repaired):
            return "\(file) at byte \(offset): \(repaired ? "dropped" : "ignored (read-only, file left as it is)") "
                + "an unfinished last line of \(length) bytes (a write cut short before it was acknowledged)"
        case .readableByOthers(let file):
            return "\(file): readable by others, expected permissions 0600 (it holds names, phones and addresses); "
                + "the next writable open makes it private"
        }
    }
}

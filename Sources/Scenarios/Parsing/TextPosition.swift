/// A place in a text file as an editor shows it: line and column, both from 1, the column counted in characters
/// (so a line of Cyrillic, two bytes a letter, gives the column a reader counts, not the byte).
public struct TextPosition: Sendable, Hashable, CustomStringConvertible {
    /// The line, from 1.
    public var line: Int
    /// The column, from 1, in characters (grapheme clusters) from the start of the line.
    public var column: Int

    /// Makes a position.
    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    /// The position of the byte at `offset` of UTF-8 `bytes` (an offset past the end is the end of the text).
    ///
    /// Lines end at `\n` (a `\r` before it is part of the line break, not a column); invalid UTF-8 counts one
    /// character per replaced sequence.
    public init(offset: Int, in bytes: [UInt8]) {
        let end = min(max(offset, 0), bytes.count)
        var line = 1
        var lineStart = 0
        for index in 0..<end where bytes[index] == UInt8(ascii: "\n") {
            line += 1
            lineStart = index + 1
        }
        let before = String(decoding: bytes[lineStart..<end], as: UTF8.self)
        self.init(line: line, column: before.count + 1)
    }

    /// `line 39, column 5`.
    public var description: String { "line \(line), column \(column)" }
}

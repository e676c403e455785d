/// An option without a value, true when present: `--include`, `-i`.
struct Flag: ArgumentDeclaration {
    /// The erased description used for parsing and help.
    let spec: ArgumentSpec

    /// Declares a flag named `--longName`, with an optional one-letter alias.
    init(_ longName: String, short shortName: Character? = nil, help: String) {
        self.spec = ArgumentSpec(
            kind: .flag,
            longName: longName,
            shortName: shortName,
            valueName: longName,
            help: help,
            isRequired: false,
            defaultDescription: nil,
            expected: "no value",
            convert: { _ in true }
        )
    }
}

/// `bitrix-emu state import FILE --state DIR [--site FILE] [--edited]`: a snapshot document becomes a new state
/// folder.
///
/// The document is what `state export` writes (and what a scenario's `state` names). With `--edited` its `crc32` is
/// not checked (it was edited by hand: a payment marked paid, a shipment shipped) and a correct one is written; the
/// state must still decode and pass every invariant of `state verify` against the site, so an edit cannot make an
/// unsound folder. `docs/SCENARIOS.md` ("Starting states") shows the whole recipe.
struct StateImportCommand: DeclaredCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Create a state folder from a snapshot document (as state export writes it).",
        discussion: "The folder must not hold a state yet. The state is checked as state verify does before anything "
            + "is written. Exits 0 when imported, 1 when the document or the state is refused.",
        arguments: declaredArguments
    )

    /// The snapshot document.
    @Argument("file", parser: .nonEmptyString, help: "The snapshot document to import.") var file: String?
    /// The new state folder.
    @Option(
        "state",
        valueName: "dir",
        isRequired: true,
        help: "The state folder to create (it must not hold a state yet)."
    )
    var state: String?
    /// The site the state is checked against.
    @Option(SharedOptions.site) var site: String?
    /// Whether the document was edited by hand (its checksum is then recomputed, not checked).
    @Flag(
        "edited",
        help: "The document was edited by hand: do not check its crc32 (a correct one is written); the state is "
            + "still verified."
    )
    var edited: Bool

    func run(_ context: CommandContext) async throws -> ExitCode {
        try await Wiring.stateImport(self, context)
    }
}

/// The static description of a command: its name, help texts, arguments and subcommands.
struct CommandConfiguration: Sendable {
    /// The word that selects the command: `run` in `bitrix-emu scenario run`.
    let commandName: String
    /// One line for the subcommand list and the top of the help screen.
    let abstract: String
    /// Longer text shown under the abstract in the command's own help; may be empty.
    let discussion: String
    /// The arguments, in the order the usage line shows them.
    let arguments: [any ArgumentDeclaration]
    /// The commands one level down; empty for a leaf command.
    let subcommands: [any ParsableCommand.Type]

    /// Describes a command.
    init(
        commandName: String,
        abstract: String,
        discussion: String = "",
        arguments: [any ArgumentDeclaration] = [],
        subcommands: [any ParsableCommand.Type] = []
    ) {
        self.commandName = commandName
        self.abstract = abstract
        self.discussion = discussion
        self.arguments = arguments
        self.subcommands = subcommands
    }

    /// The erased argument descriptions, in declaration order.
    var specs: [ArgumentSpec] { arguments.map(\.spec) }

    /// Whether this command is a group of subcommands.
    var isGroup: Bool { !subcommands.isEmpty }
}

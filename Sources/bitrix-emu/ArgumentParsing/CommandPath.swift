/// The commands from the root down to the one being parsed: `[BitrixEmu, Scenario, ScenarioRun]`.
struct CommandPath: Sendable {
    /// The command types, root first.
    let commands: [any ParsableCommand.Type]

    /// Creates a path from the root down.
    init(_ commands: [any ParsableCommand.Type]) {
        precondition(!commands.isEmpty, "a command path starts at the root")
        self.commands = commands
    }

    /// The deepest command.
    var last: any ParsableCommand.Type { commands[commands.count - 1] }

    /// The deepest command's configuration.
    var configuration: CommandConfiguration { last.configuration }

    /// The command words as typed: `bitrix-emu scenario run`.
    var commandLine: String {
        commands.map { $0.configuration.commandName }.joined(separator: " ")
    }

    /// The path one level further down.
    func appending(_ command: any ParsableCommand.Type) -> CommandPath {
        CommandPath(commands + [command])
    }
}

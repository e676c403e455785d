import Testing

@testable import bitrix_emu

/// Checks every command declared under `bitrix-emu` for mistakes the parser would not catch.
@Suite struct CommandDeclarationTests {
    private static func allPaths(from path: CommandPath = CommandPath([BitrixEmu.self])) -> [CommandPath] {
        [path] + path.configuration.subcommands.flatMap { allPaths(from: path.appending($0)) }
    }

    private static let leafPaths = allPaths().filter { !$0.configuration.isGroup }

    @Test func theTreeHasTheProjectsCommands() {
        let commandLines = Set(Self.leafPaths.map(\.commandLine))
        #expect(
            commandLines == [
                "bitrix-emu scenario run", "bitrix-emu request", "bitrix-emu load", "bitrix-emu state verify",
                "bitrix-emu state compact", "bitrix-emu state export", "bitrix-emu state import", "bitrix-emu bench",
                "bitrix-emu version",
            ]
        )
    }

    /// A declared command's arguments are its properties and nothing else: the configuration lists exactly what
    /// reflection finds, in declaration order, so an argument cannot be parsed or shown without being a property.
    @Test func declaredCommandsListExactlyTheirProperties() {
        let declared = Self.leafPaths.compactMap { $0.last as? any DeclaredCommand.Type }
        #expect(declared.count == Self.leafPaths.count, "every leaf command declares its arguments as properties")
        for command in declared {
            let fromProperties = command.declaredArguments.map(\.spec.key)
            #expect(command.configuration.specs.map(\.key) == fromProperties, "\(command)")
        }
        let load = LoadCommand.declaredArguments.map(\.spec.key)
        #expect(load == ["--state", "--init", "--count", "--seed", "--start-railway-id"])
    }

    /// A required or defaulted option is read without the optional, as the parser guarantees it.
    @Test func requiredAndDefaultedOptionsAreReadThroughTheProjectedValue() throws {
        let load = try parseCommand(LoadCommand.self, ["load", "--count", "7"])
        #expect(load.$count == 7)
        let bench = try parseCommand(BenchCommand.self, ["bench", "--budget", "3"])
        #expect(bench.$orders == 100_000)
        #expect(bench.$budget == 3)
        let compact = try parseCommand(StateCompactCommand.self, ["state", "compact", "--state", "folder"])
        #expect(compact.$state == "folder")
    }

    @Test(arguments: allPaths().map(\.commandLine))
    func everyCommandHasUniqueNamesAndHelp(commandLine: String) throws {
        let path = try #require(Self.allPaths().first { $0.commandLine == commandLine })
        let configuration = path.configuration
        #expect(!configuration.abstract.isEmpty)
        let specs = configuration.specs
        #expect(Set(specs.map(\.key)).count == specs.count, "duplicate argument")
        let shortNames = specs.compactMap(\.shortName)
        #expect(Set(shortNames).count == shortNames.count, "duplicate short alias")
        #expect(!shortNames.contains("h"), "-h is reserved for help")
        #expect(!specs.contains { $0.longName == "help" }, "--help is reserved")
        for spec in specs { #expect(!spec.help.isEmpty, "no help for \(spec.synopsis)") }
        let positionals = specs.filter(\.isPositional)
        if let variadic = positionals.firstIndex(where: { $0.kind == .positional(variadic: true) }) {
            #expect(variadic == positionals.count - 1, "a variadic positional must come last")
        }
        let names = configuration.subcommands.map { $0.configuration.commandName }
        #expect(Set(names).count == names.count, "duplicate subcommand")
        #expect(!names.contains("help"), "help is reserved")
    }
}

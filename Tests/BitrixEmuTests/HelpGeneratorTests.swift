import Testing

@testable import bitrix_emu

@Suite struct HelpGeneratorTests {
    @Test func theRootHelpListsEverySubcommand() {
        let help = HelpGenerator.help(for: CommandPath([BitrixEmu.self]))
        #expect(help.hasPrefix("OVERVIEW: "))
        #expect(help.contains("\nUSAGE: bitrix-emu <subcommand>\n"))
        for name in ["scenario", "request", "load", "state", "bench", "version"] {
            #expect(help.contains("\n  \(name) "), "missing \(name)")
        }
        #expect(help.contains("See 'bitrix-emu help <subcommand>' for detailed help."))
    }

    @Test func aNestedCommandsHelpShowsUsageArgumentsAndOptions() {
        let help = HelpGenerator.help(
            for: CommandPath([BitrixEmu.self, ScenarioCommand.self, ScenarioRunCommand.self])
        )
        let expected = """
            OVERVIEW: Run QA scenario files or folders.

            Each scenario runs against a fresh engine. Exits 0 when every scenario passes, 1
            when one fails, 2 when a file is not a valid scenario. The format:
            docs/SCENARIOS.md.

            USAGE: bitrix-emu scenario run <path> ... [--junit <file>] [--site <file>]

            ARGUMENTS:
              <path>                  Scenario files, or folders searched for scenario
                                      files.

            OPTIONS:
              --junit <file>          Also write a JUnit XML report to this file.
              --site <file>           The site configuration file; without it the built-in
                                      default site is used.
              -h, --help              Show help information.

            """
        #expect(help == expected)
    }

    @Test(
        "the usage line marks optional, required and repeating arguments",
        arguments: [
            (
                [BitrixEmu.self, RequestCommand.self],
                "bitrix-emu request [--state <dir>] [--init] [--site <file>] [--now <time>] [--no-auth] [--include] "
                    + "[--silent] [--request <method>] [--data <data|@file>] [--body <json|@file>] "
                    + "[--header <header> ...] [<method>] [<url>]"
            ),
            (
                [BitrixEmu.self, LoadCommand.self],
                "bitrix-emu load [--state <dir>] [--init] --count <n> [--seed <s>] [--start-railway-id <k>]"
            ),
            ([BitrixEmu.self, StateCommand.self], "bitrix-emu state <subcommand>"),
            (
                [BitrixEmu.self, StateCommand.self, StateImportCommand.self],
                "bitrix-emu state import <file> --state <dir> [--site <file>] [--edited]"
            ),
            (
                [BitrixEmu.self, StateCommand.self, StateExportCommand.self],
                "bitrix-emu state export --state <dir> [--output <file>]"
            ),
            (
                [BitrixEmu.self, BenchCommand.self],
                "bitrix-emu bench [--orders <n>] [--json] [--snapshot-out <file>] [--durable-only] "
                    + "[--payloads-out <file>] [--budget <seconds>]"
            ),
            ([BitrixEmu.self, VersionCommand.self], "bitrix-emu version"),
        ] as [([any ParsableCommand.Type], String)]
    )
    func usageLines(commands: [any ParsableCommand.Type], usage: String) {
        #expect(HelpGenerator.usage(for: CommandPath(commands)) == usage)
    }

    @Test func optionHelpShowsShortAliasesDefaultsAndRequiredness() {
        let bench = HelpGenerator.help(for: CommandPath([BitrixEmu.self, BenchCommand.self]))
        #expect(bench.contains("(default: 100000)"))
        let request = HelpGenerator.help(for: CommandPath([BitrixEmu.self, RequestCommand.self]))
        #expect(request.contains("  -H, --header <header>   "))
        #expect(request.contains("  -i, --include   "))
        #expect(request.contains("  -X, --request <method>  "))
        #expect(request.contains("\n  -d, --data <data|@file>\n"))
        #expect(request.contains("  --now <time>  "))
        let verify = HelpGenerator.help(for: CommandPath([BitrixEmu.self, StateCommand.self, StateVerifyCommand.self]))
        #expect(verify.contains("(required)"))
    }

    @Test func aUsageErrorIsThreeLinesNamingTheCommand() {
        let path = CommandPath([BitrixEmu.self, LoadCommand.self])
        let message = HelpGenerator.errorMessage(.missingArgument("--count <n>"), path: path)
        #expect(
            message == """
                error: missing expected argument '--count <n>'
                Usage: bitrix-emu load [--state <dir>] [--init] --count <n> [--seed <s>] [--start-railway-id <k>]
                  See 'bitrix-emu load --help'.

                """
        )
    }

    @Test(
        "help text wraps at 80 columns under its indent",
        arguments: [0, 26]
    )
    func wrapping(indent: Int) {
        let text = Array(repeating: "word", count: 60).joined(separator: " ")
        let lines = HelpGenerator.wrap(text, indent: indent)
        #expect(lines.count > 1)
        for line in lines {
            #expect(line.count <= HelpGenerator.width)
            #expect(line.prefix(indent).allSatisfy { $0 == " " })
        }
        #expect(lines.map { $0.split(separator: " ").count }.reduce(0, +) == 60)
    }
}

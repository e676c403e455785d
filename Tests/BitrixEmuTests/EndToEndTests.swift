import TestSupport
import Foundation
import Testing

/// Runs the built `bitrix-emu` binary and checks what it prints and how it exits.
@Suite struct EndToEndTests {
    @Test(
        "help prints usage on standard output and exits 0",
        arguments: [[], ["--help"], ["-h"], ["help"]]
    )
    func rootHelp(arguments: [String]) async throws {
        let run = try await runBinary(arguments)
        #expect(run.status == 0)
        #expect(run.stdout.hasPrefix("OVERVIEW: "))
        #expect(run.stdout.contains("\nUSAGE: bitrix-emu <subcommand>\n"))
        #expect(run.stdout.contains("\n  scenario "))
        #expect(run.stderr.isEmpty)
    }

    @Test func nestedHelpPrintsTheNestedUsage() async throws {
        let run = try await runBinary(["state", "export", "--help"])
        #expect(run.status == 0)
        #expect(run.stdout.contains("\nUSAGE: bitrix-emu state export --state <dir> [--output <file>]\n"))
        #expect(run.stderr.isEmpty)
    }

    @Test func anUnknownCommandExits2WithASuggestion() async throws {
        let run = try await runBinary(["scenari", "run", "x.yaml"])
        #expect(run.status == 2)
        #expect(run.stdout.isEmpty)
        #expect(run.stderr.hasPrefix("error: unknown command 'scenari'; did you mean 'scenario'?\n"))
        #expect(run.stderr.contains("\nUsage: bitrix-emu <subcommand>\n"))
        #expect(run.stderr.contains("See 'bitrix-emu --help'."))
    }

    @Test func anUnknownOptionExits2WithASuggestion() async throws {
        let run = try await runBinary(["state", "verify", "--stat", "dir"])
        #expect(run.status == 2)
        #expect(run.stderr.hasPrefix("error: unknown option '--stat'; did you mean '--state'?\n"))
        #expect(run.stderr.contains("See 'bitrix-emu state verify --help'."))
    }

    @Test func aMissingRequiredOptionExits2AndNamesIt() async throws {
        let run = try await runBinary(["load"])
        #expect(run.status == 2)
        #expect(run.stdout.isEmpty)
        #expect(
            run.stderr == """
                error: missing expected argument '--count <n>'
                Usage: bitrix-emu load [--state <dir>] [--init] --count <n> [--seed <s>] [--start-railway-id <k>]
                  See 'bitrix-emu load --help'.

                """
        )
    }

    @Test func aBadValueExits2AndSaysWhatWasExpected() async throws {
        let run = try await runBinary(["load", "--count", "abc"])
        #expect(run.status == 2)
        #expect(
            run.stderr.hasPrefix("error: the value 'abc' is invalid for '--count <n>': expected a positive integer\n")
        )
    }

    @Test func versionExits0() async throws {
        let run = try await runBinary(["version"])
        #expect(run.status == 0)
        #expect(run.stdout.hasPrefix("bitrix-emu "))
    }
}

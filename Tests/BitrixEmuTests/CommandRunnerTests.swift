import Testing

@testable import bitrix_emu

@Suite struct CommandRunnerTests {
    @Test func helpGoesToStandardOutputAndSucceeds() async {
        let result = await runInProcess(["state", "--help"])
        #expect(result.code == .success)
        #expect(result.stdout.contains("USAGE: bitrix-emu state <subcommand>"))
        #expect(result.stderr.isEmpty)
    }

    @Test func aUsageErrorGoesToStandardErrorWithExitCode2() async {
        let result = await runInProcess(["scenari", "run", "x"])
        #expect(result.code == .usage)
        #expect(result.stdout.isEmpty)
        #expect(
            result.stderr == """
                error: unknown command 'scenari'; did you mean 'scenario'?
                Usage: bitrix-emu <subcommand>
                  See 'bitrix-emu --help'.

                """
        )
    }

    @Test func aFailedValidationExitsWith2() async {
        let result = await runInProcess(["request", "GET", "/x", "-H", "nocolon"])
        #expect(result.code == .usage)
        #expect(result.stderr.hasPrefix("error: the header 'nocolon' is invalid"))
        #expect(result.stderr.contains("\n  See 'bitrix-emu request --help'.\n"))
    }

    @Test func versionPrintsTheVersion() async {
        let result = await runInProcess(["version"])
        #expect(result.code == .success)
        #expect(result.stdout == "bitrix-emu \(VersionCommand.version)\n")
    }

    @Test func exitCodesHaveTheirConventionalValues() {
        #expect(ExitCode.success.rawValue == 0)
        #expect(ExitCode.failure.rawValue == 1)
        #expect(ExitCode.usage.rawValue == 2)
        #expect(ExitCode(42).isSuccess == false)
    }
}

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

    @Test(
        "commands not wired to the engine yet say so and fail",
        arguments: [
            (["scenario", "run", "a"], "scenario run"),
            (["request", "GET", "/api/v2/orders"], "request"),
            (["load", "--count", "1"], "load"),
            (["state", "verify", "--state", "d"], "state verify"),
            (["state", "compact", "--state", "d"], "state compact"),
            (["state", "export", "--state", "d"], "state export"),
            (["bench", "--orders", "1"], "bench"),
        ]
    )
    func notWired(arguments: [String], name: String) async {
        let result = await runInProcess(arguments)
        #expect(result.code == .failure)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr == "bitrix-emu: \(name) is not wired yet\n")
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

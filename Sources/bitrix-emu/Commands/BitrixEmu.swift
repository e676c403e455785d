/// The root command, `bitrix-emu`: an emulator of the 1C-Bitrix sale module.
///
/// Like a swift-argument-parser command with subcommands and no default subcommand, `bitrix-emu`
/// alone prints this help to stdout and exits 0 (its default `run()` throws `CleanExit.helpRequest`).
struct BitrixEmu: CommandGroup {
    static let configuration = CommandConfiguration(
        commandName: "bitrix-emu",
        abstract: "An emulator of the 1C-Bitrix sale module: orders through the /api/v2 surface.",
        subcommands: [
            ScenarioCommand.self,
            RequestCommand.self,
            LoadCommand.self,
            StateCommand.self,
            BenchCommand.self,
            VersionCommand.self,
        ]
    )
}

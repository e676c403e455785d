import BitrixSale
import Foundation
import Scenarios

extension Wiring {
    static func scenarioRun(_ command: ScenarioRunCommand, _ context: CommandContext) async throws -> ExitCode {
        guard let site = loadSite(command.site, context) else { return .usage }
        let report = ScenarioRunner(makeHost: EngineScenarioHost.factory(defaultSite: site)).run(paths: command.paths)
        context.standardOutput.write(report.text)
        if let junit = command.junit {
            do {
                try Data(report.junitXML.utf8).write(to: URL(fileURLWithPath: junit), options: .atomic)
            } catch {
                context.standardError.write("bitrix-emu: cannot write \(junit): \(error.localizedDescription)\n")
                return .failure
            }
        }
        return ExitCode(rawValue: report.exitStatus)
    }
}

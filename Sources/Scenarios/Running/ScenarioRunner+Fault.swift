import SaleHTTP
import SaleJSON

extension ScenarioRunner {
    /// A `fault` step: the rule (variables substituted) goes to `POST /__emu/faults`; any answer but 201 is a
    /// problem naming what the site said.
    func addFault(_ rule: JSONValue, on host: any ScenarioHost, variables: ScenarioVariables) -> [String] {
        let body: JSONValue
        do {
            body = try variables.substitute(json: rule)
        } catch {
            return ["\(error)"]
        }
        let request = APIRequest(
            method: "POST",
            target: "/__emu/faults",
            headers: [HeaderField("Content-Type", "application/json")],
            body: JSONWriter().bytes(body)
        )
        let response: APIResponse
        do {
            response = try host.send(request)
        } catch {
            return ["the fault could not be added: \(error)"]
        }
        guard response.status == 201 else {
            let said =
                (try? JSONParser().parse(response.body))?["error"]?.stringValue
                ?? String(decoding: response.body.prefix(200), as: UTF8.self)
            return ["the fault was refused (status \(response.status)): \(said)"]
        }
        return []
    }
}

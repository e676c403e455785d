extension ScenarioRunReport {
    /// The JUnit XML report: one `<testsuite>` per file, one `<testcase>` per step (named by the step's name or
    /// `step N: METHOD path`), each with its `time` in seconds; a failing step's problems in `<failure>`, followed
    /// by `response body:` and the body of the answer; skipped steps as `<skipped/>`; a scenario's notices in the
    /// suite's `<system-out>`; and an invalid file as a suite with one `<error>` test case.
    public var junitXML: String {
        var suites: [String] = []
        var tests = 0
        var failures = 0
        var errors = 0
        var skipped = 0
        for entry in entries {
            switch entry {
            case .invalid(let error):
                tests += 1
                errors += 1
                let file = Self.escaped(error.file)
                suites.append(
                    """
                      <testsuite name="\(file)" tests="1" failures="0" errors="1" skipped="0" time="0.000">
                        <testcase classname="\(file)" name="scenario file" time="0.000">
                          <error message="\(Self.escaped(error.description))">\(Self.escaped(error.description, inAttribute: false))</error>
                        </testcase>
                      </testsuite>
                    """
                )
            case .scenario(let result):
                let file = Self.escaped(result.file)
                let failed = result.steps.filter { if case .failed = $0.outcome { true } else { false } }.count
                let skippedHere = result.steps.filter { $0.outcome == .skipped }.count
                tests += result.steps.count
                failures += failed
                skipped += skippedHere
                var lines = [
                    "  <testsuite name=\"\(file)\" tests=\"\(result.steps.count)\" failures=\"\(failed)\" "
                        + "errors=\"0\" skipped=\"\(skippedHere)\" time=\"\(Self.seconds(result.duration))\">",
                    "    <properties>",
                    "      <property name=\"scenario\" value=\"\(Self.escaped(result.name))\"/>",
                    "    </properties>",
                ]
                for step in result.steps {
                    let open =
                        "    <testcase classname=\"\(file)\" name=\"\(Self.escaped(step.displayName))\" "
                        + "time=\"\(Self.seconds(step.duration))\""
                    switch step.outcome {
                    case .passed:
                        lines.append(open + "/>")
                    case .skipped:
                        lines.append(open + ">")
                        lines.append("      <skipped/>")
                        lines.append("    </testcase>")
                    case .failed(let problems):
                        let message = Self.escaped(Self.oneLine(problems.first ?? "failed"))
                        var text = problems.map(Self.oneLine)
                        if let body = step.responseBody { text += ["response body:", body] }
                        let body = Self.escaped(text.joined(separator: "\n"), inAttribute: false)
                        lines.append(open + ">")
                        lines.append("      <failure message=\"\(message)\">\(body)</failure>")
                        lines.append("    </testcase>")
                    }
                }
                if !result.notices.isEmpty {
                    let notices = result.notices.map { "NOTE " + $0 }.joined(separator: "\n")
                    lines.append("    <system-out>\(Self.escaped(notices, inAttribute: false))</system-out>")
                }
                lines.append("  </testsuite>")
                suites.append(lines.joined(separator: "\n"))
            }
        }
        var document = ["<?xml version=\"1.0\" encoding=\"UTF-8\"?>"]
        document.append(
            "<testsuites name=\"scenarios\" tests=\"\(tests)\" failures=\"\(failures)\" errors=\"\(errors)\" "
                + "skipped=\"\(skipped)\" time=\"\(Self.seconds(duration))\">"
        )
        document += suites
        document.append("</testsuites>")
        return document.joined(separator: "\n") + "\n"
    }

    /// A duration in seconds with three decimals, as JUnit's `time` attributes carry it: `0.042`.
    static func seconds(_ duration: Duration) -> String {
        let (seconds, attoseconds) = duration.components
        let milliseconds = seconds * 1000 + attoseconds / 1_000_000_000_000_000
        let sign = milliseconds < 0 ? "-" : ""
        let magnitude = milliseconds.magnitude
        let fraction = String(magnitude % 1000)
        return "\(sign)\(magnitude / 1000)." + String(repeating: "0", count: 3 - fraction.count) + fraction
    }

    /// `text` escaped for an XML attribute value (or, with `inAttribute` false, for element text, where line
    /// breaks stay as they are); characters XML 1.0 cannot carry become U+FFFD.
    static func escaped(_ text: String, inAttribute: Bool = true) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            case "\n": out += inAttribute ? "&#10;" : "\n"
            case "\r": out += "&#13;"
            case "\t": out += inAttribute ? "&#9;" : "\t"
            default:
                let value = scalar.value
                let allowed =
                    (0x20...0xD7FF).contains(value) || (0xE000...0xFFFD).contains(value)
                    || (0x10000...0x10FFFF).contains(value)
                out.unicodeScalars.append(allowed ? scalar : "\u{FFFD}")
            }
        }
        return out
    }
}

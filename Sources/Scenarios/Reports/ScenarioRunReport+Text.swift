import Foundation

extension ScenarioRunReport {
    /// The closing line: `N passed, N failed` (scenarios).
    public var summaryLine: String { "\(passedCount) passed, \(failedCount) failed" }

    /// The line before ``summaryLine`` when some files could not run: `4 files invalid (not run)`; nil when none.
    public var invalidLine: String? {
        switch invalidFiles.count {
        case 0: nil
        case 1: "1 file invalid (not run)"
        case let count: "\(count) files invalid (not run)"
        }
    }

    /// The text report, one line per scenario, its notices, each failing step with its problems and the body of
    /// the answer indented below it, each skipped step named, each invalid file with its error, the count of
    /// invalid files (``invalidLine``) and the closing ``summaryLine``; ends with a newline.
    ///
    /// ```
    /// PASS scenarios/a.json — Create an order (5 steps)
    /// FAIL scenarios/b.json — Read it back (3 steps)
    ///   NOTE no "now": the clock starts at the real time, …
    ///   FAIL step 2: GET /api/v2/orders/{{orderId}}
    ///     $.data.status: expected "N", got "P"
    ///     body: {"success":true,"data":{"id":1,"status":"P"}}
    ///   SKIP step 3: restart
    /// INVALID scenarios/c.json: $.steps[0].reqest: unknown key "reqest" (…)
    /// 1 file invalid (not run)
    /// 1 passed, 1 failed
    /// ```
    public var text: String {
        var lines: [String] = []
        for entry in entries {
            switch entry {
            case .invalid(let error):
                lines.append("INVALID \(error)")
            case .scenario(let result):
                let count = result.steps.count == 1 ? "1 step" : "\(result.steps.count) steps"
                lines.append("\(result.passed ? "PASS" : "FAIL") \(result.file) — \(result.name) (\(count))")
                lines += result.notices.map { "  NOTE " + Self.oneLine($0) }
                for step in result.steps {
                    switch step.outcome {
                    case .passed:
                        continue
                    case .failed(let problems):
                        lines.append("  FAIL step \(step.number): \(step.title)")
                        lines += problems.map { "    " + Self.oneLine($0) }
                        if let body = step.responseBody { lines.append("    body: " + Self.oneLine(body)) }
                    case .skipped:
                        lines.append("  SKIP step \(step.number): \(step.title)")
                    }
                }
            }
        }
        if let invalidLine { lines.append(invalidLine) }
        lines.append(summaryLine)
        return lines.joined(separator: "\n") + "\n"
    }

    /// `text` with line breaks shown as `\n`, so that one problem stays one line.
    static func oneLine(_ text: String) -> String {
        text.replacingOccurrences(of: "\r", with: "\\r").replacingOccurrences(of: "\n", with: "\\n")
    }
}

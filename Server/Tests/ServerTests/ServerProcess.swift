import Foundation
import Synchronization

/// The built `bitrix-emu-server` as a child process, started on port 0 and stopped with a signal.
final class ServerProcess: @unchecked Sendable {
    let process = Process()
    let output = Pipe()
    let errors = Pipe()
    private(set) var baseURL = ""
    private let errorText = TextBox()
    private var errorReader: Thread?

    /// The folder of the test bundle, where SwiftPM puts the executable too.
    static var binary: URL {
        var folder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = folder.appendingPathComponent("bitrix-emu-server")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            folder = folder.deletingLastPathComponent()
        }
        let fallback = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent(".build/debug/bitrix-emu-server")
        return fallback
    }

    /// Starts the server with `arguments` (plus `--port 0` unless given) and waits for its `listening on` line;
    /// throws with its standard error when it exits first.
    init(_ arguments: [String], waitForListening: Bool = true) throws {
        process.executableURL = Self.binary
        process.arguments = arguments.contains("--port") ? arguments : arguments + ["--port", "0"]
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let handle = errors.fileHandleForReading
        let text = errorText
        let reader = Thread {
            while true {
                let data = handle.availableData
                if data.isEmpty { return }
                text.value.withLock { $0 += String(decoding: data, as: UTF8.self) }
            }
        }
        reader.start()
        errorReader = reader
        guard waitForListening else { return }
        var line = ""
        let out = output.fileHandleForReading
        while !line.hasSuffix("\n") {
            let data = out.availableData
            if data.isEmpty { break }
            line += String(decoding: data, as: UTF8.self)
        }
        guard let range = line.range(of: "listening on ") else {
            process.waitUntilExit()
            throw StartFailure(status: process.terminationStatus, standardError: standardError)
        }
        baseURL = String(line[range.upperBound...]).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    struct StartFailure: Error, CustomStringConvertible {
        var status: Int32
        var standardError: String
        var description: String { "exit \(status): \(standardError)" }
    }

    /// What the server wrote to standard error so far.
    var standardError: String {
        errorText.value.withLock { $0 }
    }

    /// Waits for the process to end by itself and returns its status.
    func waitForExit() -> Int32 {
        process.waitUntilExit()
        Thread.sleep(forTimeInterval: 0.1)
        return process.terminationStatus
    }

    /// Sends `signal` and waits for the exit status.
    func stop(_ signal: Int32 = SIGTERM) -> Int32 {
        if process.isRunning { kill(process.processIdentifier, signal) }
        return waitForExit()
    }

    deinit {
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
    }
}

/// What curl got: status (0 when no answer), headers, body, and curl's exit status.
struct CurlResult {
    var status: Int
    var headers: String
    var body: String
    var exitStatus: Int32
}

/// Runs curl with `arguments` (quietly, headers captured, no `Expect: 100-continue` wait).
func curl(_ arguments: [String]) throws -> CurlResult {
    let headerFile = FileManager.default.temporaryDirectory.appendingPathComponent("curl-headers-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: headerFile) }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/curl")
    process.arguments = ["-s", "-H", "Expect:", "-D", headerFile.path, "-w", "\n%{http_code}"] + arguments
    let out = Pipe()
    process.standardOutput = out
    process.standardError = Pipe()
    try process.run()
    let data = out.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    var text = String(decoding: data, as: UTF8.self)
    var status = 0
    if let newline = text.lastIndex(of: "\n") {
        status = Int(text[text.index(after: newline)...]) ?? 0
        text = String(text[..<newline])
    }
    let headers = (try? String(contentsOf: headerFile, encoding: .utf8)) ?? ""
    return CurlResult(status: status, headers: headers, body: text, exitStatus: process.terminationStatus)
}

/// Runs a shell command line and returns its standard output and status.
func shell(_ command: String) throws -> (output: String, status: Int32) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/sh")
    process.arguments = ["-c", command]
    let out = Pipe()
    process.standardOutput = out
    process.standardError = out
    try process.run()
    let data = out.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (String(decoding: data, as: UTF8.self), process.terminationStatus)
}

/// A fresh temporary folder path (not created).
func temporaryPath(_ prefix: String) -> String {
    FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString)").path
}

let token = "dev-token-NOT-A-SECRET"
let now = "2025-10-20T10:00:00+05:00"

/// Text shared between the reader thread and the test.
final class TextBox: Sendable {
    let value = Mutex("")
}

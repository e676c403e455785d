// End-to-end test support: run a built product (by default `bitrix-emu`) as a child process and collect
// everything it printed and how it exited. Shared by the test targets (target TestSupport).

import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What a child process printed and how it ended.
public struct BinaryRun: Sendable {
    /// Every byte written to standard output.
    public let stdoutData: Data
    /// Every byte written to standard error.
    public let stderrData: Data
    /// The exit status, or the signal number when ``terminatedBySignal`` is true.
    public let status: Int32
    /// Whether the process was ended by a signal rather than by exiting.
    public let terminatedBySignal: Bool
    /// Whether the process was still running at the timeout and was terminated.
    public let timedOut: Bool

    /// Standard output as UTF-8 text (invalid bytes replaced).
    public var stdout: String { String(decoding: stdoutData, as: UTF8.self) }
    /// Standard error as UTF-8 text (invalid bytes replaced).
    public var stderr: String { String(decoding: stderrData, as: UTF8.self) }
}

/// Why ``runBinary(_:stdin:environment:inheritEnvironment:workingDirectory:timeout:executable:)`` could not run.
public enum BinaryRunnerError: Error, CustomStringConvertible {
    /// No executable product of that name next to the test bundle; `searched` lists the folders looked in.
    case productNotFound(name: String, searched: [String])

    /// What was looked for and where.
    public var description: String {
        switch self {
        case .productNotFound(let name, let searched):
            return "no executable '\(name)' found in \(searched.joined(separator: ", ")); "
                + "build it first (swift build) or set BITRIX_EMU_BINARY"
        }
    }
}

/// The built executable product `name`, found in the products folder that holds the running test bundle.
///
/// Looks, in order: at `$BITRIX_EMU_BINARY` (for `bitrix-emu` only), then in the folder of the running test
/// executable and of `Bundle.main`, and up to three folders above them (on macOS the test binary sits in
/// `X.xctest/Contents/MacOS/`). `swift test` builds executable products before the tests, so the binary is
/// the current one.
public func locateProduct(named name: String = "bitrix-emu") throws -> URL {
    let fileManager = FileManager.default
    if name == "bitrix-emu", let override = ProcessInfo.processInfo.environment["BITRIX_EMU_BINARY"],
        !override.isEmpty
    {
        return URL(fileURLWithPath: override)
    }
    var starts: [URL] = []
    if let executable = Bundle.main.executableURL { starts.append(executable.deletingLastPathComponent()) }
    starts.append(Bundle.main.bundleURL)
    starts.append(URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent())
    var searched: [String] = []
    for start in starts {
        var folder = start.standardizedFileURL
        for _ in 0...3 {
            if !searched.contains(folder.path) {
                searched.append(folder.path)
                let candidate = folder.appendingPathComponent(name)
                if fileManager.isExecutableFile(atPath: candidate.path) { return candidate }
            }
            folder = folder.deletingLastPathComponent()
        }
    }
    throw BinaryRunnerError.productNotFound(name: name, searched: searched)
}

/// Runs the built `bitrix-emu` (or `executable`) with `arguments` and waits for it, collecting its output.
///
/// Standard output and error are drained on their own threads while the process runs, so a child that
/// writes a lot to both never blocks on a full pipe; `stdin` is written on a third thread and then closed.
/// The call suspends without holding a Swift concurrency thread (the waiting happens on a dedicated thread).
///
/// - Parameters:
///   - arguments: The arguments after the program name.
///   - stdin: Bytes fed to standard input, then end of file; `nil` connects `/dev/null`.
///   - environment: Variables set for the child, on top of the inherited ones (or alone, see next).
///   - inheritEnvironment: Whether the child starts from this process's environment.
///   - workingDirectory: The child's current directory; `nil` keeps this process's.
///   - timeout: A guard against hangs, not a speed check: past it the child is terminated and
///     ``BinaryRun/timedOut`` is true.
///   - executable: The program to run; `nil` runs ``locateProduct(named:)``.
/// - Returns: The output and the exit status.
/// - Throws: ``BinaryRunnerError`` when the product is not found, or the error of `Process.run()`.
///
/// Writing to a child that exited early must not kill the tests, so this ignores `SIGPIPE` in the test process.
public func runBinary(
    _ arguments: [String],
    stdin: Data? = nil,
    environment: [String: String] = [:],
    inheritEnvironment: Bool = true,
    workingDirectory: URL? = nil,
    timeout: Duration = .seconds(300),
    executable: URL? = nil
) async throws -> BinaryRun {
    let program = try executable ?? locateProduct()
    return try await withCheckedThrowingContinuation { continuation in
        Thread.detachNewThread {
            continuation.resume(
                with: Result {
                    try runToCompletion(
                        program,
                        arguments,
                        stdin: stdin,
                        environment: environment,
                        inheritEnvironment: inheritEnvironment,
                        workingDirectory: workingDirectory,
                        timeout: timeout
                    )
                }
            )
        }
    }
}

private let ignoreBrokenPipe: Void = {
    _ = signal(SIGPIPE, SIG_IGN)
}()

private func runToCompletion(
    _ program: URL,
    _ arguments: [String],
    stdin: Data?,
    environment: [String: String],
    inheritEnvironment: Bool,
    workingDirectory: URL?,
    timeout: Duration
) throws -> BinaryRun {
    ignoreBrokenPipe
    let process = Process()
    process.executableURL = program
    process.arguments = arguments
    var childEnvironment = inheritEnvironment ? ProcessInfo.processInfo.environment : [:]
    childEnvironment.merge(environment) { _, new in new }
    process.environment = childEnvironment
    if let workingDirectory { process.currentDirectoryURL = workingDirectory }

    let output = Pipe()
    let error = Pipe()
    let input = stdin.map { _ in Pipe() }
    process.standardOutput = output
    process.standardError = error
    process.standardInput = input ?? FileHandle.nullDevice
    try process.run()

    let group = DispatchGroup()
    let collected = Mutex((output: Data(), error: Data()))
    DispatchQueue.global()
        .async(group: group) {
            let data = output.fileHandleForReading.readDataToEndOfFile()
            collected.withLock { $0.output = data }
        }
    DispatchQueue.global()
        .async(group: group) {
            let data = error.fileHandleForReading.readDataToEndOfFile()
            collected.withLock { $0.error = data }
        }
    if let input, let stdin {
        DispatchQueue.global()
            .async(group: group) {
                let writer = input.fileHandleForWriting
                try? writer.write(contentsOf: stdin)
                try? writer.close()
            }
    }

    let timedOut = Mutex(false)
    let seconds = Double(timeout.components.seconds) + Double(timeout.components.attoseconds) / 1e18
    let watchdog = DispatchWorkItem {
        if process.isRunning {
            timedOut.withLock { $0 = true }
            process.terminate()
        }
    }
    DispatchQueue.global().asyncAfter(deadline: .now() + seconds, execute: watchdog)

    process.waitUntilExit()
    watchdog.cancel()
    group.wait()
    let (stdoutData, stderrData) = collected.withLock { ($0.output, $0.error) }
    return BinaryRun(
        stdoutData: stdoutData,
        stderrData: stderrData,
        status: process.terminationStatus,
        terminatedBySignal: process.terminationReason == .uncaughtSignal,
        timedOut: timedOut.withLock { $0 }
    )
}

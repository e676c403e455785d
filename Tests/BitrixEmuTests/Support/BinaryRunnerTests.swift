import TestSupport
import Foundation
import Testing

/// The e2e helper itself, checked with `/bin/sh` so it does not depend on what bitrix-emu does.
@Suite struct BinaryRunnerTests {
    private let shell = URL(fileURLWithPath: "/bin/sh")

    @Test func feedsStandardInputAndCollectsBothStreams() async throws {
        let run = try await runBinary(
            ["-c", "cat; echo oops >&2; exit 3"],
            stdin: Data("hello\n".utf8),
            executable: shell
        )
        #expect(run.stdout == "hello\n")
        #expect(run.stderr == "oops\n")
        #expect(run.status == 3)
        #expect(!run.terminatedBySignal)
        #expect(!run.timedOut)
    }

    @Test func passesEnvironmentAndWorkingDirectory() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("runner-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let run = try await runBinary(
            ["-c", "printf '%s|%s' \"$RUNNER_TEST\" \"$(pwd -P)\""],
            environment: ["RUNNER_TEST": "value"],
            workingDirectory: folder,
            executable: shell
        )
        let expectedFolder = folder.resolvingSymlinksInPath().path
        #expect(run.stdout == "value|\(expectedFolder)")
        #expect(run.status == 0)
    }

    @Test func drainsLargeOutputOnBothStreamsWithoutDeadlock() async throws {
        let script = "i=0; while [ $i -lt 20000 ]; do echo line-$i; echo err-$i >&2; i=$((i+1)); done"
        let run = try await runBinary(["-c", script], executable: shell)
        #expect(run.stdout.split(separator: "\n").count == 20_000)
        #expect(run.stderr.split(separator: "\n").count == 20_000)
        #expect(run.status == 0)
    }

    @Test func survivesAChildThatIgnoresItsInput() async throws {
        let input = Data(repeating: UInt8(ascii: "x"), count: 4 << 20)
        let run = try await runBinary(["-c", "exit 0"], stdin: input, executable: shell)
        #expect(run.status == 0)
    }

    @Test func findsTheBuiltProduct() throws {
        let binary = try locateProduct()
        #expect(binary.lastPathComponent == "bitrix-emu")
        #expect(FileManager.default.isExecutableFile(atPath: binary.path))
    }
}

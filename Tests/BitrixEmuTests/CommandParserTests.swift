import Foundation
import Testing

@testable import bitrix_emu

@Suite struct CommandParserTests {
    // MARK: Options

    @Test(
        "an option's value is read in every spelling",
        arguments: [
            (["state", "export", "--state", "d", "--output", "out.json"], "out.json"),
            (["state", "export", "--state", "d", "--output=out.json"], "out.json"),
            (["state", "export", "--state=d", "-o", "out.json"], "out.json"),
            (["state", "export", "--state", "d", "-oout.json"], "out.json"),
            (["state", "export", "--state", "d", "-o=out.json"], "out.json"),
            (["state", "export", "-o", "a=b", "--state", "d"], "a=b"),
            (["state", "export", "--state", "d", "--output=x=y"], "x=y"),
        ]
    )
    func optionSpellings(arguments: [String], expectedOutput: String) throws {
        let command = try parseCommand(StateExportCommand.self, arguments)
        #expect(command.state == "d")
        #expect(command.output == expectedOutput)
    }

    @Test func aSingleValuedOptionGivenTwiceKeepsTheLastValue() throws {
        let command = try parseCommand(StateVerifyCommand.self, ["state", "verify", "--state", "a", "--state=b"])
        #expect(command.state == "b")
    }

    @Test func anAbsentOptionIsNilAndADefaultedOneHasItsDefault() throws {
        let export = try parseCommand(StateExportCommand.self, ["state", "export", "--state", "d"])
        #expect(export.output == nil)
        let bench = try parseCommand(BenchCommand.self, ["bench"])
        #expect(bench.orders == 100_000)
        #expect(bench.json == false)
        #expect(bench.snapshotOut == nil)
        let smaller = try parseCommand(BenchCommand.self, ["bench", "--orders", "5", "--json", "--snapshot-out", "s"])
        #expect(smaller.orders == 5)
        #expect(smaller.json)
        #expect(smaller.snapshotOut == "s")
    }

    @Test func typedOptionsAreConverted() throws {
        let command = try parseCommand(
            LoadCommand.self,
            ["load", "--count", "3", "--seed", "0", "--start-railway-id", "700", "--state", "s"]
        )
        #expect(command.count == 3)
        #expect(command.seed == 0)
        #expect(command.startRailwayID == 700)
        #expect(command.state == "s")
    }

    // MARK: Repeating options, flags, positionals

    @Test func aRepeatingOptionKeepsEveryValueInOrder() throws {
        let command = try parseCommand(
            RequestCommand.self,
            ["request", "-H", "A: 1", "GET", "--header", "B:2", "/x", "-HC: 3", "--header=D: 4"]
        )
        #expect(command.headers == ["A: 1", "B:2", "C: 3", "D: 4"])
        #expect(command.headerFields.map(\.name) == ["A", "B", "C", "D"])
        #expect(command.headerFields.map(\.value) == ["1", "2", "3", "4"])
    }

    @Test(
        "flags are true when present, in long and short form",
        arguments: [
            (["request", "GET", "/x"], false, false),
            (["request", "--include", "GET", "/x"], true, false),
            (["request", "GET", "/x", "-i"], true, false),
            (["request", "--no-auth", "GET", "/x"], false, true),
            (["request", "-i", "--no-auth", "GET", "/x", "--include"], true, true),
        ]
    )
    func flags(arguments: [String], include: Bool, noAuth: Bool) throws {
        let command = try parseCommand(RequestCommand.self, arguments)
        #expect(command.include == include)
        #expect(command.noAuth == noAuth)
    }

    @Test func positionalsAreTakenInOrderAroundOptions() throws {
        let command = try parseCommand(
            RequestCommand.self,
            ["request", "--state", "s", "post", "--site", "site.json", "/api/v2/orders", "--body", "{\"a\":1}"]
        )
        #expect(command.method == "POST")
        #expect(command.path == "/api/v2/orders")
        #expect(command.state == "s")
        #expect(command.site == "site.json")
        #expect(command.body == .inline("{\"a\":1}"))
    }

    @Test(
        "request is written like curl: -X, -d, a full URL (scheme and host dropped), the method word optional",
        arguments: [
            (["request", "GET", "/api/v2/orders"], "GET", "/api/v2/orders"),
            (["request", "/api/v2/orders?limit=1"], "GET", "/api/v2/orders?limit=1"),
            (["request", "-d", "{}", "/api/v2/orders/create"], "POST", "/api/v2/orders/create"),
            (
                ["request", "--data=@a.json", "http://localhost:8080/api/v2/orders/create"], "POST",
                "/api/v2/orders/create"
            ),
            (
                ["request", "-X", "delete", "https://shop.example/api/v2/orders/delete/?id=3#top"], "DELETE",
                "/api/v2/orders/delete/?id=3"
            ),
            (["request", "-XPATCH", "-d", "x", "http://h"], "PATCH", "/"),
            (["request", "-X", "GET", "http://h?x=1"], "GET", "/?x=1"),
            (["request", "-s", "-X", "POST", "POST", "/x"], "POST", "/x"),
            (["request", "put", "http://[::1]:80/x?y"], "PUT", "/x?y"),
        ] as [([String], String, String)]
    )
    func curlForms(arguments: [String], method: String, path: String) throws {
        let command = try parseCommand(RequestCommand.self, arguments)
        #expect(command.method == method)
        #expect(command.path == path)
    }

    @Test(
        "request refuses what cannot be a call, naming what was expected",
        arguments: [
            (["request"], "missing the URL: give a path such as /api/v2/orders"),
            (["request", "GET"], "missing the URL after the method 'GET'"),
            (
                ["request", "GET", "api/v2"],
                "the URL 'api/v2' is invalid for '<url>': expected a path starting with '/' or a URL such as "
                    + "http://localhost/api/v2/orders"
            ),
            (
                ["request", "localhost/x"],
                "the URL 'localhost/x' is invalid for '<url>': expected a path starting with '/' or a URL such as "
                    + "http://localhost/api/v2/orders"
            ),
            (
                ["request", "1http://h/x"],
                "the URL '1http://h/x' is invalid for '<url>': expected a path starting with '/' or a URL such as "
                    + "http://localhost/api/v2/orders"
            ),
            (
                ["request", "G3T", "/x"],
                "the method 'G3T' is invalid for '<method>': expected an HTTP method such as GET or POST"
            ),
            (["request", "-X", "POST", "GET", "/x"], "the method is given twice: 'GET' and '-X POST'; give it once"),
            (
                ["request", "-d", "a", "--body", "b", "/x"],
                "the body is given twice: with --data and with --body; give it once"
            ),
        ]
    )
    func refusedCalls(arguments: [String], message: String) {
        #expect(usageError(arguments) == .validation(message))
    }

    @Test func nowIsTheScenarioTimestamp() throws {
        let command = try parseCommand(RequestCommand.self, ["request", "--now", "2025-10-20T10:00:00+05:00", "/x"])
        #expect(command.now?.date == Date(timeIntervalSince1970: 1_760_936_400))
        #expect(command.now?.utcOffset == 18_000)
    }

    @Test func aDeclaredCommandsArgumentsAreItsPropertiesInOrder() {
        let keys = RequestCommand.configuration.specs.map(\.key)
        #expect(
            keys == [
                "--state", "--init", "--site", "--now", "--no-auth", "--include", "--silent", "--request", "--data",
                "--body",
                "--header", "<method>", "<url>",
            ]
        )
        // Two commands parsed from different lines keep their own values (each declaration has its own box).
        let first = try? parseCommand(RequestCommand.self, ["request", "-H", "A: 1", "/a"])
        let second = try? parseCommand(RequestCommand.self, ["request", "/b"])
        #expect(first?.headers == ["A: 1"])
        #expect(second?.headers == [])
        #expect(first?.path == "/a")
        #expect(RequestCommand().headers == [] && RequestCommand().state == nil)
    }

    @Test func aBodyStartingWithAtNamesAFile() throws {
        let command = try parseCommand(RequestCommand.self, ["request", "PUT", "/x", "--body", "@order.json"])
        #expect(command.body == .file("order.json"))
    }

    @Test(
        "a variadic positional takes every remaining word, and -- ends the options",
        arguments: [
            (["scenario", "run", "a.yaml"], ["a.yaml"], nil),
            (["scenario", "run", "a", "b", "c"], ["a", "b", "c"], nil),
            (["scenario", "run", "a", "--junit", "r.xml", "b"], ["a", "b"], "r.xml"),
            (["scenario", "run", "--", "--junit", "-h", "x"], ["--junit", "-h", "x"], nil),
            (["scenario", "run", "--junit=r.xml", "a", "--", "--", "-"], ["a", "--", "-"], "r.xml"),
            (["scenario", "run", "-", "-1"], ["-", "-1"], nil),
        ] as [([String], [String], String?)]
    )
    func variadicPositionals(arguments: [String], paths: [String], junit: String?) throws {
        let command = try parseCommand(ScenarioRunCommand.self, arguments)
        #expect(command.paths == paths)
        #expect(command.junit == junit)
    }

    // MARK: Errors

    @Test(
        "a missing required option or argument is named",
        arguments: [
            (["load"], "--count <n>"),
            (["load", "--seed", "1"], "--count <n>"),
            (["state", "verify"], "--state <dir>"),
            (["state", "export", "-o", "x"], "--state <dir>"),
            (["scenario", "run"], "<path>"),
            (["scenario", "run", "--junit", "r.xml"], "<path>"),
        ]
    )
    func missingRequired(arguments: [String], synopsis: String) {
        #expect(usageError(arguments) == .missingArgument(synopsis))
    }

    @Test(
        "an option without its value is a missing value",
        arguments: [
            (["load", "--count"], "--count <n>"),
            (["load", "--state", "--count", "1"], "--state <dir>"),
            (["request", "GET", "/x", "-H"], "--header <header>"),
            (["request", "GET", "/x", "--body", "--include"], "--body <json|@file>"),
        ]
    )
    func missingValue(arguments: [String], option: String) {
        #expect(usageError(arguments) == .missingValue(option: option))
    }

    @Test(
        "a bad value names the argument and what was expected",
        arguments: [
            (["load", "--count", "abc"], "abc", "--count <n>", "a positive integer"),
            (["load", "--count", "0"], "0", "--count <n>", "a positive integer"),
            (["load", "--count", "-3"], "-3", "--count <n>", "a positive integer"),
            (["load", "--count=+3"], "+3", "--count <n>", "a positive integer"),
            (["load", "--count", "1", "--seed", "x"], "x", "--seed <s>", "a non-negative integer"),
            (
                ["load", "--count", "1", "--start-railway-id", "1.5"], "1.5", "--start-railway-id <k>",
                "a positive integer"
            ),
            (["bench", "--orders", "many"], "many", "--orders <n>", "a positive integer"),
            (["request", "GET", "/x", "--body", "@"], "@", "--body <json|@file>", "the body text or @FILE"),
            (["request", "/x", "-d", "@"], "@", "--data <data|@file>", "the body text or @FILE"),
            (["request", "-X", "P0ST", "/x"], "P0ST", "--request <method>", "an HTTP method such as GET or POST"),
            (
                ["request", "/x", "--now", "2025-10-20T10:00:00"], "2025-10-20T10:00:00", "--now <time>",
                "an ISO 8601 date and time with a UTC offset such as 2025-10-20T10:00:00+05:00"
            ),
            (["state", "verify", "--state="], "", "--state <dir>", "a non-empty string"),
        ]
    )
    func badValue(arguments: [String], value: String, argument: String, expected: String) {
        #expect(usageError(arguments) == .invalidValue(value, argument: argument, expected: expected))
    }

    @Test func aFlagWithAValueIsRejected() {
        #expect(usageError(["request", "GET", "/x", "--include=yes"]) == .flagTakesNoValue("--include"))
    }

    @Test func anExtraPositionalIsUnexpected() {
        #expect(usageError(["load", "--count", "1", "extra"]) == .unexpectedArgument("extra"))
        #expect(usageError(["request", "GET", "/x", "/y"]) == .unexpectedArgument("/y"))
        #expect(usageError(["version", "now"]) == .unexpectedArgument("now"))
    }

    @Test(
        "a mistyped command gets a did-you-mean suggestion when one is close",
        arguments: [
            (["scenari", "run"], "scenari", "scenario"),
            (["stat", "verify"], "stat", "state"),
            (["reqest", "GET", "/"], "reqest", "request"),
            (["state", "verfy", "--state", "d"], "verfy", "verify"),
            (["scenario", "runn"], "runn", "run"),
            (["scenario", "rnu"], "rnu", nil),
            (["ver"], "ver", "version"),
            (["frobnicate"], "frobnicate", nil),
        ] as [([String], String, String?)]
    )
    func unknownCommand(arguments: [String], typed: String, suggestion: String?) {
        #expect(usageError(arguments) == .unknownCommand(typed, suggestion: suggestion))
    }

    @Test(
        "a mistyped option gets a did-you-mean suggestion when one is close",
        arguments: [
            (["load", "--stat", "d"], "--stat", "--state"),
            (["state", "verify", "--stat=d"], "--stat", "--state"),
            (["bench", "--jsn"], "--jsn", "--json"),
            (["request", "GET", "/x", "--inc"], "--inc", "--include"),
            (["request", "GET", "/x", "-no-auth"], "-no-auth", "--no-auth"),
            (["load", "--zzz"], "--zzz", nil),
            (["load", "-x"], "-x", nil),
            (["request", "GET", "/x", "-ix"], "-ix", nil),
            (["--verbose"], "--verbose", nil),
        ] as [([String], String, String?)]
    )
    func unknownOption(arguments: [String], typed: String, suggestion: String?) {
        #expect(usageError(arguments) == .unknownOption(typed, suggestion: suggestion))
    }

    @Test(
        "validate() rejects headers without a name and a colon",
        arguments: ["nocolon", ": value", "  : value"]
    )
    func badHeader(header: String) {
        let error = usageError(["request", "GET", "/x", "-H", "Accept: */*", "-H", header])
        #expect(
            error == .validation("the header '\(header)' is invalid for '--header <header>': expected 'Name: value'")
        )
    }

    // MARK: Help

    @Test(
        "help is asked for with --help, -h, help, or a group without a subcommand",
        arguments: [
            ([], "bitrix-emu"),
            (["--help"], "bitrix-emu"),
            (["-h"], "bitrix-emu"),
            (["help"], "bitrix-emu"),
            (["scenario"], "bitrix-emu scenario"),
            (["scenario", "-h"], "bitrix-emu scenario"),
            (["scenario", "run", "--help"], "bitrix-emu scenario run"),
            (["scenario", "run", "a", "-h"], "bitrix-emu scenario run"),
            (["help", "scenario", "run"], "bitrix-emu scenario run"),
            (["state"], "bitrix-emu state"),
            (["help", "state", "export", "--help"], "bitrix-emu state export"),
            (["state", "export", "--help"], "bitrix-emu state export"),
            (["load", "--count", "abc", "--help"], "bitrix-emu load"),
            (["load", "--stat", "-h"], "bitrix-emu load"),
        ]
    )
    func helpRequests(arguments: [String], commandLine: String) throws {
        #expect(try helpPath(arguments) == commandLine)
    }

    @Test func helpAfterTheTerminatorIsAnArgument() throws {
        let command = try parseCommand(ScenarioRunCommand.self, ["scenario", "run", "--", "--help"])
        #expect(command.paths == ["--help"])
    }

    @Test func helpForAnUnknownCommandIsAnError() {
        #expect(usageError(["help", "stat"]) == .unknownCommand("stat", suggestion: "state"))
        #expect(usageError(["help", "load", "more"]) == .unexpectedArgument("more"))
    }
}

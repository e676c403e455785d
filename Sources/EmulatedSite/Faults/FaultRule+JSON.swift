import SaleJSON

extension FaultRule {
    static let topKeys = ["match", "act", "times", "probability", "seed"]
    static let matchKeys = ["method", "path", "path_prefix", "surface"]
    static let actKeys = ["status", "body", "headers", "canned", "drop", "delay_ms", "when"]

    /// Reads a rule from its JSON form (see ``FaultRule``); errors name the member and what was expected.
    public init(json: JSONValue) throws(ControlPlaneError) {
        guard let members = json.objectMembers else {
            throw .badRequest("The body must be a JSON object (a fault rule), found \(json.typeName)")
        }
        for (key, _) in members where !Self.topKeys.contains(key) {
            throw .badRequest("Unknown fault member \"\(key)\"; expected " + Self.topKeys.joined(separator: ", "))
        }
        var match = Match()
        if let value = json["match"] {
            guard let matchMembers = value.objectMembers else {
                throw .badRequest("match: expected an object, found \(value.typeName)")
            }
            for (key, member) in matchMembers {
                guard let text = member.stringValue else {
                    throw .badRequest("match.\(key): expected a string, found \(member.typeName)")
                }
                switch key {
                case "method": match.method = text.uppercased()
                case "path": match.path = text
                case "path_prefix": match.pathPrefix = text
                case "surface":
                    guard ["api", "rest"].contains(text) else {
                        throw .badRequest("match.surface: expected \"api\" or \"rest\", found \"\(text)\"")
                    }
                    match.surface = text
                default:
                    throw .badRequest(
                        "Unknown match member \"\(key)\"; expected " + Self.matchKeys.joined(separator: ", ")
                    )
                }
            }
        }
        guard let act = json["act"], let actMembers = act.objectMembers else {
            throw .badRequest(
                "act: expected an object such as {\"status\": 503}, {\"canned\": \"QUERY_LIMIT_EXCEEDED\"}, "
                    + "{\"drop\": true} or {\"delay_ms\": 1000}, found \(json["act"]?.typeName ?? "nothing")"
            )
        }
        for (key, _) in actMembers where !Self.actKeys.contains(key) {
            throw .badRequest("Unknown act member \"\(key)\"; expected " + Self.actKeys.joined(separator: ", "))
        }
        var delay = 0
        if let value = act["delay_ms"] {
            guard let number = value.numberValue?.int, (0...60_000).contains(number) else {
                throw .badRequest("act.delay_ms: expected an integer from 0 to 60000, found \(Self.show(value))")
            }
            delay = number
        }
        var after = false
        if let value = act["when"] {
            guard let text = value.stringValue, ["before", "after"].contains(text) else {
                throw .badRequest("act.when: expected \"before\" or \"after\", found \(Self.show(value))")
            }
            after = text == "after"
        }
        let action: Action
        var canned: String?
        let shapes = ["status", "canned", "drop"].filter { act[$0] != nil }
        guard shapes.count <= 1 else {
            throw .badRequest(
                "act: expected only one of status, canned or drop, found " + shapes.joined(separator: " and ")
            )
        }
        if let value = act["canned"] {
            guard let name = value.stringValue, let answer = CannedFault.response(named: name) else {
                throw .badRequest(
                    "act.canned: expected one of " + CannedFault.names.joined(separator: ", ") + ", found "
                        + Self.show(value)
                )
            }
            canned = name
            action = .respond(status: answer.status, headers: answer.headers, body: answer.body)
        } else if let value = act["drop"] {
            guard value == .bool(true) else { throw .badRequest("act.drop: expected true, found \(Self.show(value))") }
            action = .drop
        } else if let value = act["status"] {
            guard let status = value.numberValue?.int, (100...599).contains(status) else {
                throw .badRequest("act.status: expected an HTTP status from 100 to 599, found \(Self.show(value))")
            }
            var headers: [String: String] = [:]
            if let headerValue = act["headers"] {
                guard let headerMembers = headerValue.objectMembers else {
                    throw .badRequest("act.headers: expected an object of strings, found \(headerValue.typeName)")
                }
                for (name, member) in headerMembers {
                    guard let text = member.stringValue else {
                        throw .badRequest("act.headers.\(name): expected a string, found \(member.typeName)")
                    }
                    headers[name] = text
                }
            }
            var body: [UInt8] = []
            switch act["body"] {
            case nil: break
            case .string(let text)?: body = Array(text.utf8)
            case let value?:
                body = JSONWriter().bytes(value)
                if !headers.keys.contains(where: { $0.lowercased() == "content-type" }) {
                    headers["Content-Type"] = "application/json; charset=UTF-8"
                }
            }
            action = .respond(status: status, headers: headers, body: body)
        } else {
            guard act["delay_ms"] != nil else {
                throw .badRequest("act: expected one of status, canned, drop or delay_ms, found none")
            }
            action = .delayOnly
        }
        if act["body"] != nil || act["headers"] != nil, act["status"] == nil {
            throw .badRequest("act.body and act.headers go with act.status")
        }
        var remaining: Int?
        if let value = json["times"] {
            guard let number = value.numberValue?.int, number >= 1 else {
                throw .badRequest("times: expected a positive integer, found \(Self.show(value))")
            }
            remaining = number
        }
        var probability = 1.0
        if let value = json["probability"] {
            guard let number = value.numberValue?.double, number > 0, number <= 1 else {
                throw .badRequest("probability: expected a number above 0 and at most 1, found \(Self.show(value))")
            }
            probability = number
        }
        var seed: UInt64 = 0
        if let value = json["seed"] {
            guard let number = value.numberValue?.int, number >= 0 else {
                throw .badRequest("seed: expected a non-negative integer, found \(Self.show(value))")
            }
            seed = UInt64(number)
        }
        self.init(
            match: match,
            action: action,
            canned: canned,
            delayMilliseconds: delay,
            afterHandling: after,
            remaining: remaining,
            probability: probability,
            seed: seed
        )
    }

    private static func show(_ value: JSONValue) -> String {
        let text = JSONWriter().string(value)
        return text.count > 60 ? String(text.prefix(60)) + "…" : text
    }

    /// The rule as the control plane lists it, with how often it fired.
    public func json(fired: Int) -> JSONValue {
        var matchMembers: [(key: String, value: JSONValue)] = []
        if let method = match.method { matchMembers.append((key: "method", value: .string(method))) }
        if let path = match.path { matchMembers.append((key: "path", value: .string(path))) }
        if let prefix = match.pathPrefix { matchMembers.append((key: "path_prefix", value: .string(prefix))) }
        if let surface = match.surface { matchMembers.append((key: "surface", value: .string(surface))) }
        var act: [(key: String, value: JSONValue)] = []
        if let canned {
            act.append((key: "canned", value: .string(canned)))
        } else {
            switch action {
            case .respond(let status, _, _): act.append((key: "status", value: .int(status)))
            case .drop: act.append((key: "drop", value: .bool(true)))
            case .delayOnly: break
            }
        }
        act.append((key: "delay_ms", value: .int(delayMilliseconds)))
        act.append((key: "when", value: .string(afterHandling ? "after" : "before")))
        return .object([
            (key: "id", value: .int(id)),
            (key: "match", value: .object(matchMembers)),
            (key: "act", value: .object(act)),
            (key: "remaining", value: remaining.map(JSONValue.int) ?? .null),
            (key: "probability", value: .number(JSONNumber(literal: String(probability)))),
            (key: "seed", value: .number(JSONNumber(literal: String(seed)))),
            (key: "fired", value: .int(fired)),
        ])
    }
}

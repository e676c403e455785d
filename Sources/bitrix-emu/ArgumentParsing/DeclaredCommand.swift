/// A declaration that can fill in the property it wraps from a parsed command line.
protocol BindableArgument: ArgumentDeclaration {
    /// Stores this declaration's value from `values` into its box; throws for a required value that is absent.
    func bind(_ values: ParsedValues) throws(UsageError)
}

/// A command whose arguments are its properties, each declared once, as in swift-argument-parser.
///
/// ```swift
/// struct Greet: DeclaredCommand {
///     static let configuration = CommandConfiguration(commandName: "greet", abstract: "…", arguments: declaredArguments)
///     @Option("name", valueName: "name", help: "Who to greet.") var name: String?
///     @Flag("loud", help: "Shout.") var loud: Bool
///     func run(_ context: CommandContext) async throws -> ExitCode { … }
/// }
/// ```
///
/// The parser and the help screen read ``declaredArguments`` (found by reflection on a fresh instance, in
/// declaration order), and ``init(from:)`` binds each property from the parsed values: there is no second list of
/// arguments and no hand-written reading of values to keep in step with the declarations. Every leaf command of
/// `bitrix-emu` is one (the parser runs nothing else). A required or defaulted ``Option`` is read without the
/// optional through its projected value: `command.$count`.
protocol DeclaredCommand: ParsableCommand {
    /// A command with nothing bound yet: every property is a declaration.
    init()

    /// A fresh command with each property bound from `values` (provided: a command does not write it).
    init(from values: ParsedValues) throws(UsageError)
}

extension DeclaredCommand {
    /// The declarations of the command's properties, in declaration order: what ``CommandConfiguration/arguments``
    /// should be.
    static var declaredArguments: [any ArgumentDeclaration] {
        Mirror(reflecting: Self()).children.compactMap { $0.value as? any ArgumentDeclaration }
    }

    /// A fresh command with each property bound from `values`.
    init(from values: ParsedValues) throws(UsageError) {
        self.init()
        for child in Mirror(reflecting: self).children {
            guard let argument = child.value as? any BindableArgument else { continue }
            try argument.bind(values)
        }
    }
}

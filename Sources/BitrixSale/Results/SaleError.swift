/// One error or warning of a sale operation, as Bitrix's `Main\Error` / `Sale\ResultError` / `ResultWarning`.
///
/// Codes are strings as in Bitrix (`SALE_…`, `BX_…`, `PROPERTIES[4]`), `0` for plain `Main\Error` ones, and
/// `EMU_…` for the emulator's own diagnostics: the silent degradations of Bitrix that this engine reports.
public struct SaleError: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The Bitrix code, for example `BX_EMPTY_REQUIRED` or `SALE_SHIPMENT_WRONG_DELIVERY_SERVICE`.
    public var code: String
    /// The English message.
    public var message: String
    /// The Russian message as Bitrix shows it, when known.
    public var messageRu: String?
    /// The field or entity it concerns (`USER_ID`, `basket[n1].QUANTITY`, `properties.PHONE`), when known.
    public var field: String?

    /// Makes an error.
    public init(code: String, message: String, messageRu: String? = nil, field: String? = nil) {
        self.code = code
        self.message = message
        self.messageRu = messageRu
        self.field = field
    }

    /// Whether this is one of the emulator's own diagnostics (code `EMU_…`).
    public var isDiagnostic: Bool { code.hasPrefix("EMU_") }

    /// `[CODE] message`.
    public var description: String { "[\(code)] \(message)" }
}

/// The outcome of a sale operation, as Bitrix's `Sale\Result`: success, errors, warnings and the saved id.
public struct SaleResult: Sendable, Hashable {
    /// Errors: any error makes the result a failure.
    public internal(set) var errors: [SaleError] = []
    /// Warnings: the operation still succeeded.
    public internal(set) var warnings: [SaleError] = []
    /// The saved order's id (`getId()`), when the operation saved one.
    public internal(set) var id: Int?
    /// Set when `addErrors([])` was called, which in Bitrix marks failure even with no error.
    private var forcedFailure = false

    /// An empty, successful result.
    public init() {}

    /// `isSuccess()`: no error was added.
    public var isSuccess: Bool { errors.isEmpty && !forcedFailure }

    /// `getErrorMessages()`.
    public var errorMessages: [String] { errors.map(\.message) }

    /// `getWarningMessages()`.
    public var warningMessages: [String] { warnings.map(\.message) }

    /// `hasWarnings()`.
    public var hasWarnings: Bool { !warnings.isEmpty }

    /// Adds one error.
    public mutating func addError(_ error: SaleError) { errors.append(error) }

    /// Adds errors; like Bitrix's `addErrors`, this marks failure even when the list is empty.
    public mutating func addErrors(_ list: [SaleError]) {
        errors.append(contentsOf: list)
        forcedFailure = true
    }

    /// Adds one warning.
    public mutating func addWarning(_ warning: SaleError) { warnings.append(warning) }

    /// Adds the errors and warnings of another result.
    public mutating func merge(_ other: SaleResult) {
        errors.append(contentsOf: other.errors)
        warnings.append(contentsOf: other.warnings)
        if other.forcedFailure { forcedFailure = true }
    }

    static func failure(_ error: SaleError) -> SaleResult {
        var result = SaleResult()
        result.addError(error)
        return result
    }
}

/// What Bitrix *throws* (rather than returning in a Result): programming errors of the caller.
public enum SaleException: Error, Sendable, Hashable, CustomStringConvertible {
    /// `Main\ArgumentOutOfRangeException("name=…")`: a field name not in the entity's catalogue, or engine-owned.
    case argumentOutOfRange(String)
    /// `Main\NotImplementedException`, e.g. `field USER_ID`, `field CURRENCY`.
    case notImplemented(String)
    /// `Main\NotSupportedException`, e.g. a `setField` on the system shipment, `setBasket` on a saved order.
    case notSupported(String)
    /// `Main\ArgumentNullException`, e.g. `Order::load(0)`.
    case argumentNull(String)
    /// `Main\ArgumentTypeException`, e.g. a non-numeric shipment item quantity.
    case argumentType(String)
    /// `Main\ObjectNotFoundException`: no such basket item, shipment or payment in this order.
    case objectNotFound(String)
    /// Not an exception at all in PHP: the script dies (HTTP 500), e.g. `$order->getBasket()->createItem(…)` while
    /// the new order has no basket yet.
    case fatal(PHPFatalError)

    /// The exception class and its message.
    public var description: String {
        switch self {
        case .argumentOutOfRange(let message): "ArgumentOutOfRangeException: \(message)"
        case .notImplemented(let message): "NotImplementedException: \(message)"
        case .notSupported(let message): "NotSupportedException: \(message)"
        case .argumentNull(let message): "ArgumentNullException: \(message)"
        case .argumentType(let message): "ArgumentTypeException: \(message)"
        case .objectNotFound(let message): "ObjectNotFoundException: \(message)"
        case .fatal(let error): error.description
        }
    }
}

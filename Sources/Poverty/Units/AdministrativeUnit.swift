/// The level of an administrative unit.
public enum UnitLevel: String, CaseIterable, Hashable, Sendable, Comparable {
    /// Tỉnh / thành phố trực thuộc trung ương (code of 2 digits).
    case province
    /// Huyện / quận / thị xã / thành phố thuộc tỉnh (3 digits); abolished from 1 July 2025.
    case district
    /// Xã / phường / thị trấn / đặc khu (5 digits).
    case commune

    /// `Tỉnh`, `Huyện`, `Xã` (the level, whatever the unit's own kind).
    public var vietnameseName: String {
        switch self {
        case .province: return "Tỉnh"
        case .district: return "Huyện"
        case .commune: return "Xã"
        }
    }

    public static func < (lhs: UnitLevel, rhs: UnitLevel) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

/// One version of an administrative unit (đơn vị hành chính): a code valid for a span of days, with its name, level,
/// parent and, when it ended by merging, its successor.
///
/// A code may have several versions: 23538 Xã Ia Tơi was a commune of district 618 (Kon Tum) until 30 June 2025
/// and a commune of province 51 (Quảng Ngãi) from 1 July 2025. Units are matched by code, never by name.
///
/// ```swift
/// let iaDom = hierarchy.unit(code: "23537", at: CalendarDate("2024-12-31")!)!
/// iaDom.name            // "Xã Ia Dom"
/// iaDom.parentCode      // "618"
/// iaDom.successorCode   // "23538"
/// ```
public struct AdministrativeUnit: Hashable, Sendable, CustomStringConvertible {
    /// The code (digits, leading zeros kept: `01`, `00070`).
    public let code: String
    /// The official name (`Xã Ia Đal`).
    public let name: String
    /// The level.
    public let level: UnitLevel
    /// The parent's code, `nil` for a province.
    public let parentCode: String?
    /// The days this version is valid, both ends inclusive.
    public let validity: Validity
    /// The code of the unit it became after ``Validity/to`` (merged into), `nil` when none.
    public let successorCode: String?
    /// Where it was defined (`file:line`).
    public let source: String

    /// A unit version; normally read with ``UnitHierarchy/load(csvFiles:)``.
    public init(
        code: String, name: String, level: UnitLevel, parentCode: String?, validity: Validity,
        successorCode: String? = nil, source: String = ""
    ) {
        self.code = code
        self.name = name
        self.level = level
        self.parentCode = parentCode
        self.validity = validity
        self.successorCode = successorCode
        self.source = source
    }

    /// Whether this version is valid on `date`.
    public func isValid(at date: CalendarDate) -> Bool { validity.contains(date) }

    /// `23537 Xã Ia Dom (…2025-06-30)`.
    public var description: String { "\(code) \(name) (\(validity))" }
}

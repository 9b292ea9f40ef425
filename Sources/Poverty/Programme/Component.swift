/// A part of a programme: a project (dự án) or a sub-project (tiểu dự án), with a stable key (`da3`, `da3.tda2`).
///
/// ```swift
/// let nutrition = programme.component(key: "da3.tda2")!
/// nutrition.label          // "Tiểu dự án 2"
/// nutrition.parentKey      // "da3"
/// ```
public struct Component: Hashable, Sendable, CustomStringConvertible {
    /// The stable key: `da1`, `da1.tda1`, …; a child's key starts with its parent's key and a dot.
    public let key: String
    /// The parent's key, `nil` for a project at the top.
    public let parentKey: String?
    /// 0 for a project, 1 for a sub-project.
    public let depth: Int
    /// The short Vietnamese label as forms write it (`Dự án 3`, `Tiểu dự án 2`).
    public let label: String
    /// The full name in Vietnamese.
    public let vietnameseName: String
    /// The full name in English.
    public let englishName: String
    /// Other Vietnamese spellings seen in reports (`Tiểu dự án 1, dự án 1`), to help match row labels.
    public let aliases: [String]
    /// The keys of its children, in order.
    public let childKeys: [String]

    /// A component; normally read from a programme's YAML file.
    public init(
        key: String, parentKey: String?, depth: Int, label: String, vietnameseName: String, englishName: String,
        aliases: [String] = [], childKeys: [String] = []
    ) {
        self.key = key
        self.parentKey = parentKey
        self.depth = depth
        self.label = label
        self.vietnameseName = vietnameseName
        self.englishName = englishName
        self.aliases = aliases
        self.childKeys = childKeys
    }

    /// Whether money is reported on it directly (it has no children).
    public var isLeaf: Bool { childKeys.isEmpty }

    /// The key.
    public var description: String { key }
}

/// Poverty: the domain as data — the poverty standard by period (``PovertyStandards``, ``PovertyStandard``), the
/// programme tree (``Programmes``, ``Programme``, ``Component``), administrative units by period
/// (``UnitHierarchy``, ``AdministrativeUnit``), reporting periods (``ReportingPeriod``) — and the rules mappings
/// cannot express (DESIGN §2, §4).
///
/// The data lives in the repository's `Mappings/` folder (`standards/`, `programmes/`, `units/`, each with a README
/// describing its format); every loader takes that folder's path, which the CLI locates:
///
/// ```swift
/// let mappings = "/path/to/BieuMau/Mappings"
/// let standards = try PovertyStandards.loadBundled(from: mappings)
/// let programmes = try Programmes.loadBundled(from: mappings)
/// let units = try UnitHierarchy.loadBundled(from: mappings)
/// let period = try ReportingPeriod.parse("2024-RS")
/// let standard = standards.standard(for: period)!
/// try standard.classify(income: 1_450_000, area: .rural, deprivationCount: 3)   // .poor
/// units.communes(under: "618", at: period.endDate).map(\.code)                  // ["23535", "23537", "23538"]
/// ```
///
/// Every loader throws ``PovertyError`` (file, line, code, message in Vietnamese and English).
public enum Poverty {}
